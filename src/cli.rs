//! The command line: global options, commands and their flags (clap derive). The `///`
//! comments are the English `--help` text; in Chinese, [`command`] puts in the texts of
//! [`crate::i18n::help_zh`] at run time, and [`error_zh`] says clap's errors. Nothing
//! below [`crate::context`] sees clap.

use crate::i18n::{Text, msg};
use crate::model::{Lang, Quarter};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Keeps a working group's organisation and tasks in TOML files and answers the
/// office's weekly questions: who sits where, what is overdue, what goes on the agenda.
#[derive(Debug, Parser)]
#[command(name = "wg", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Listed under their own heading in every command's `--help`, after its own options.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Data directory (holds org.toml). Default: the nearest directory from here up
    /// that holds org.toml (or offices.toml), else ./data
    #[arg(long, global = true, env = "WG_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// As-of date, YYYY-MM-DD. Default: today in the org's time zone
    #[arg(long, global = true, env = "WG_TODAY", value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// Output format (not every command has every format)
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Language of labels, messages and help. Default: the org's `lang`; outside a data
    /// directory, LC_ALL, LC_MESSAGES or LANG
    #[arg(long, global = true, value_parser = parse_lang, value_name = "zh|en")]
    pub lang: Option<Lang>,
    /// Colour: auto (on a terminal; NO_COLOR, CLICOLOR_FORCE, TERM=dumb honoured), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// With --format csv: start with a byte-order mark, for Excel on Chinese Windows
    #[arg(long, global = true)]
    pub bom: bool,
    /// Fit tables into N columns, wrapping long cells (also when piped); 0: never wrap.
    /// Default: on a terminal its width ($COLUMNS, else the terminal's), piped none
    #[arg(long, global = true, value_name = "N")]
    pub width: Option<usize>,
    /// Write the output to FILE instead of standard output (`-`: standard output); docx,
    /// xlsx and SQLite need it. A file is replaced atomically; a symlink is written
    /// through; a device or FIFO is written to. (`wg man`: a directory for the pages)
    #[arg(long, global = true, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// In a roll-up: print what the offices without errors give, and name the offices
    /// with errors (and their errors) on stderr; the exit code is still 2
    #[arg(long, global = true)]
    pub skip_broken: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Yaml,
    Csv,
    Markdown,
    Text,
    // `wg export`'s: an SQLite database file, and SQL statements for PostgreSQL and
    // SQLite. (No `///` here: a value with help text turns every help page long.)
    Sqlite,
    Sql,
    // A spreadsheet (台账) for Excel, WPS and LibreOffice; needs --out.
    Xlsx,
    // A Word document laid out as an official document (GB/T 9704); needs --out.
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every data file; print each problem with file:line:col and a hint
    Check {
        /// Exit 1 when there are warnings
        #[arg(long)]
        strict: bool,
    },
    /// Who sits where: groups, seats, people and units
    #[command(subcommand)]
    Roster(RosterCommand),
    /// The task list: overdue work, what falls due, one task; add, edit, extend, mark done, add notes
    #[command(subcommand)]
    Tasks(TasksCommand),
    /// Meetings: the quarterly agenda, the minutes, the meeting list, iCalendar export
    #[command(subcommand)]
    Meeting(MeetingCommand),
    /// The evaluation (检查评估) per group, lead unit or owner: tasks due, done, on time,
    /// late, overdue, open; the backlog carried in; outcomes against their indicators
    Report {
        /// Quarter to evaluate, like 2026Q3. Default: the current quarter
        #[arg(long, value_parser = parse_quarter, value_name = "YYYYQn")]
        quarter: Option<Quarter>,
        /// Evaluate per owning group, per lead unit (supporting units apart), per
        /// owner (责任分工) or, in a roll-up, per office; units, owners and offices are
        /// ranked by on-time rate
        #[arg(long, value_enum, default_value_t = ReportBy::Group)]
        by: ReportBy,
    },
    /// The data set as a database: an SQLite file, or SQL that PostgreSQL and SQLite load
    ///
    /// --format sqlite writes an SQLite database; --format sql writes SQL statements that
    /// `psql -v ON_ERROR_STOP=1 -f FILE` and `sqlite3 DB < FILE` load. Without --format:
    /// sql when FILE ends in .sql or is -, else sqlite. Task columns such as days_overdue
    /// are computed as of --today; the view `overdue` lists what `wg tasks overdue` lists.
    /// The file is replaced whole (written beside it, then renamed).
    /// Needs --out FILE (`-`: standard output; an SQLite file is refused on a terminal).
    Export,
    /// Write a commented starter data directory that passes `wg check`
    Init {
        /// Directory to create (must not hold data files yet)
        dir: PathBuf,
    },
    /// Print shell completions (bash, zsh, fish, elvish, powershell)
    Completions { shell: clap_complete::Shell },
    /// Print the manual page in roff (`wg man | man -l -`)
    ///
    /// With --out DIR: write wg.1 and a page for each command (wg-tasks-overdue.1, …)
    /// into DIR.
    Man,
}

/// Which tasks a task command looks at. Filters combine: a task must pass all.
/// Flatten them after a command's own options: their help heading, "Filters", holds for
/// every argument after them.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Filters")]
pub struct Filters {
    /// Only tasks of this group (id)
    #[arg(long, value_name = "ID")]
    pub group: Option<String>,
    /// Only tasks this unit leads or supports (name, id or alias)
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// Only tasks this person owns
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<String>,
    /// Only tasks with this status (todo, in-progress, blocked, done, cancelled, or 未开始 …)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Only tasks serving this worker group (e.g. 货车司机)
    #[arg(long, value_name = "TARGET")]
    pub target: Option<String>,
    /// Only tasks due before this date
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due_before: Option<NaiveDate>,
    /// Only tasks due after this date
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due_after: Option<NaiveDate>,
    /// Only open tasks at this warning level (预警): red, yellow, blue, green
    #[arg(long, value_name = "LEVEL")]
    pub warning: Option<String>,
    /// In a roll-up: only tasks of this office (its id in offices.toml)
    #[arg(long, value_name = "ID")]
    pub office: Option<String>,
}

impl Filters {
    /// The filters as the report layer takes them (it knows nothing of clap).
    pub fn words(&self) -> crate::report::tasks::FilterWords<'_> {
        crate::report::tasks::FilterWords {
            group: self.group.as_deref(),
            unit: self.unit.as_deref(),
            owner: self.owner.as_deref(),
            status: self.status.as_deref(),
            target: self.target.as_deref(),
            due_before: self.due_before,
            due_after: self.due_after,
            warning: self.warning.as_deref(),
            office: self.office.as_deref(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum TasksCommand {
    /// Tasks, sorted by due date
    List {
        #[command(flatten)]
        filters: Filters,
    },
    /// Overdue tasks, most overdue first, then a summary in age bands
    Overdue {
        /// Summarise by owning group (the default), lead unit or owner. With --format csv,
        /// the CSV is this summary, one row per group, unit or owner, instead of the tasks
        #[arg(long, value_enum, value_name = "KEY")]
        by: Option<OverdueBy>,
        /// Exit 1 when anything is overdue (for cron), 0 when nothing is
        #[arg(long)]
        exit_code: bool,
        // Last: the filters' help heading holds for every argument after them.
        #[command(flatten)]
        filters: Filters,
    },
    /// Tasks falling due from today to today + DAYS
    Due {
        /// How many days ahead to look
        #[arg(long, default_value_t = 14, value_name = "DAYS")]
        within: u32,
        /// Count DAYS as working days (needs calendar.toml)
        #[arg(long)]
        working_days: bool,
        // Last: the filters' help heading holds for every argument after them.
        #[command(flatten)]
        filters: Filters,
    },
    /// One task, with its progress notes
    Show {
        /// Task id (e.g. JH-01)
        id: String,
    },
    /// 督办通知单: the overdue and warned (red, yellow) tasks one unit leads, as a notice
    /// addressed to it, with a reply deadline 7 days on (the next working day with a
    /// calendar)
    Notice {
        /// The lead unit to notify (name, id or alias)
        #[arg(long, value_name = "UNIT")]
        unit: String,
    },
    /// Mark a task done (a repeating task: its next occurrence)
    Done {
        id: String,
        /// The day it was done. Default: the as-of date
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: Option<NaiveDate>,
        /// Also add a progress note
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Change a task's status
    Status {
        id: String,
        /// todo, in-progress, blocked, done, cancelled (or 未开始 进行中 受阻 已完成 已取消)
        status: String,
    },
    /// Append a progress note (进展情况), with what stands in the way and what comes next
    Note {
        id: String,
        /// What was done (进展情况)
        text: String,
        /// Problems met (存在问题)
        #[arg(long, value_name = "TEXT")]
        problems: Option<String>,
        /// The next steps (下一步措施)
        #[arg(long, value_name = "TEXT")]
        next_steps: Option<String>,
        /// The unit or person who reported (name, id or alias)
        #[arg(long, value_name = "UNIT|PERSON")]
        by: Option<String>,
        /// The note's date. Default: the as-of date
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: Option<NaiveDate>,
        /// An indicator's reading as of the note, NAME=N (the task's indicator name;
        /// repeat for several indicators)
        #[arg(long = "value", value_name = "NAME=N")]
        values: Vec<String>,
    },
    /// Add a task (立项交办) to its group's file; prints the new task
    Add(Box<AddArgs>),
    /// Change fields of a task in place: a correction (to move a deadline, `extend`)
    Edit {
        id: String,
        #[command(flatten)]
        fields: EditArgs,
    },
    /// Extend a task's deadline (延期): due moves later, the reason goes in a progress note
    Extend {
        id: String,
        /// The new due date, after the current one
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        to: NaiveDate,
        /// Why the deadline moves (recorded in a progress note)
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Import a task ledger (台账) from Excel or CSV: new rows become tasks
    Import(ImportArgs),
    /// The feedback forms (进度反馈) and the 催办 reminders: `form`, `intake`, `remind`
    #[command(flatten)]
    Forms(FormsCommand),
}

/// `wg tasks import`: the ledger and where its tasks go.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The ledger: an .xlsx workbook or a .csv file (UTF-8, or GB18030 as Excel saves it)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The group of rows without a 小组 column (id or name)
    #[arg(long, value_name = "ID")]
    pub group: Option<String>,
    /// The sheet to read (default: the workbook's first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Print the column mapping and the tasks it would add, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `wg tasks form|intake|remind`: the feedback-form round trip and the reminders.
#[derive(Debug, Subcommand)]
pub enum FormsCommand {
    /// A feedback form (进度反馈表, xlsx) with the open tasks a unit leads (or a person
    /// owns), to fill in; needs --out FILE.xlsx
    Form {
        /// The lead unit (name, id or alias)
        // Neither --unit nor --owner is refused by `wg` itself, naming both, in the
        // org's language (not by clap).
        #[arg(long, value_name = "UNIT", conflicts_with = "owner")]
        unit: Option<String>,
        /// The owner (name or id), instead of a unit
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
    },
    /// Read filled feedback forms back: one progress note per filled row, status changes;
    /// lists the units that were sent a form and have not reported (未报送)
    Intake {
        /// The filled forms (xlsx, also re-saved by Excel, WPS or LibreOffice)
        #[arg(required = true, value_name = "FILE.xlsx")]
        files: Vec<std::path::PathBuf>,
        /// Print what would be added and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// 催办: a letter and a form for each lead unit (or owner) with overdue or warned
    /// tasks, in the directory --out DIR; --sendmail mails them
    Remind {
        /// One message per lead unit, or per owner
        #[arg(long, value_enum, value_name = "KEY")]
        by: RemindBy,
        /// Mail each message through `sendmail -t` to the people's `email` addresses
        #[arg(long)]
        sendmail: bool,
        /// Mail again what was mailed today already
        #[arg(long, requires = "sendmail")]
        force: bool,
    },
}

/// `wg tasks remind --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RemindBy {
    Unit,
    Owner,
}

/// `wg tasks add`: the new task's fields. Lists are comma-separated (, 、 or ，).
#[derive(Debug, Clone, Args)]
pub struct AddArgs {
    /// The owning group (id). With --from-meeting: the group of the decisions that name
    /// none
    #[arg(long, value_name = "ID", required_unless_present = "from_meeting")]
    pub group: Option<String>,
    /// The task's title
    #[arg(long, value_name = "TEXT", required_unless_present = "from_meeting")]
    pub title: Option<String>,
    /// One task per decision of the meeting held on DATE that has no task yet (GROUP:DATE
    /// when several groups met that day); the new ids are recorded in meetings.toml
    #[arg(
        long,
        value_name = "DATE",
        conflicts_with_all = ["title", "id", "lead_unit", "units", "owner", "start", "due", "repeat", "targets", "outcome"]
    )]
    pub from_meeting: Option<String>,
    /// The task's id. Default: the group's prefix and the next number (JH-04 → JH-05)
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Lead unit (牵头单位). Default: the group's lead unit
    #[arg(long, value_name = "UNIT")]
    pub lead_unit: Option<String>,
    /// Supporting units (配合单位), comma-separated
    #[arg(long, value_name = "UNIT,..")]
    pub units: Option<String>,
    /// The person responsible (责任人)
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<String>,
    /// Start date
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<NaiveDate>,
    /// Due date (截止); a task without one is never overdue
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// monthly, quarterly or yearly (每月, 每季度, 每年); needs --due, the first occurrence
    #[arg(long, value_name = "REPEAT")]
    pub repeat: Option<String>,
    /// Worker groups served (服务对象), comma-separated
    #[arg(long, value_name = "TARGET,..")]
    pub targets: Option<String>,
    /// The outcome requirement (成效要求)
    #[arg(long, value_name = "TEXT")]
    pub outcome: Option<String>,
    /// Print the new task and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `wg tasks edit`: the fields to change. An empty value removes an optional field
/// (`--owner ""`); lists are comma-separated (, 、 or ，).
#[derive(Debug, Clone, Default, Args)]
pub struct EditArgs {
    /// The task's title
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The person responsible (责任人)
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<String>,
    /// Lead unit (牵头单位)
    #[arg(long, value_name = "UNIT")]
    pub lead_unit: Option<String>,
    /// Supporting units, comma-separated (all of them: the list replaces the old one)
    #[arg(long, value_name = "UNIT,..")]
    pub units: Option<String>,
    /// Start date
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<NaiveDate>,
    /// Corrects the due date; an extension (延期) is `wg tasks extend`
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// The outcome requirement (成效要求)
    #[arg(long, value_name = "TEXT")]
    pub outcome: Option<String>,
    /// Worker groups served, comma-separated (the list replaces the old one)
    #[arg(long, value_name = "TARGET,..")]
    pub targets: Option<String>,
}

/// A list typed on the command line: items separated by `,`, `、` or `，`, trimmed,
/// empty ones dropped.
pub fn split_list(s: &str) -> Vec<String> {
    s.split([',', '、', '，'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum OverdueBy {
    #[default]
    Group,
    Unit,
    Owner,
}

impl From<OverdueBy> for crate::report::tasks::SummaryBy {
    fn from(by: OverdueBy) -> Self {
        use crate::report::tasks::SummaryBy;
        match by {
            OverdueBy::Group => SummaryBy::Group,
            OverdueBy::Unit => SummaryBy::Unit,
            OverdueBy::Owner => SummaryBy::Owner,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportBy {
    Group,
    Unit,
    Owner,
    /// In a roll-up: one row per office, ranked by on-time rate.
    Office,
}

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// The agenda of a group's quarterly meeting (default: the leading group, this quarter)
    Agenda {
        /// Quarter, like 2026Q3. Default: the current quarter
        #[arg(long, value_parser = parse_quarter, value_name = "YYYYQn")]
        quarter: Option<Quarter>,
        /// Group id. Default: the leading group
        #[arg(long, value_name = "ID")]
        group: Option<String>,
    },
    /// Planned and held meetings; the quarters in which a quarterly group has none, and
    /// the months in which a monthly group has none
    List,
    /// The minutes (会议纪要) of a held meeting: who met, what was conveyed and heard,
    /// and the decisions (default: the leading group's latest held meeting)
    Minutes {
        /// The meeting's date. Default: the latest held meeting on or before the as-of date
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Group id. Default: the leading group (with --date: the group that met that day)
        #[arg(long, value_name = "ID")]
        group: Option<String>,
    },
    /// Meetings (and with --deadlines, task due dates) as iCalendar
    Ics {
        /// Add each open task's due date as an all-day event
        #[arg(long)]
        deadlines: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Every group (or one) with its seats, titles, units, duties and cadence
    Show {
        /// Group id (e.g. office, membership)
        group: Option<String>,
    },
    /// Every seat one person holds, and the tasks they own
    Person {
        /// Name, id or padded name ("张 柯")
        name: String,
    },
    /// The unit × group matrix: who leads (牵头) and who takes part (成员) where
    Units,
    /// The groups a unit leads or joins, and its tasks
    Unit {
        /// Unit name, id or alias
        name: String,
    },
}

/// A date typed on the command line: `YYYY-MM-DD`, a real day, in the years wg
/// handles (0001 to 9999, as in the files: see [`crate::model::FIRST_DAY`]).
pub fn parse_date(s: &str) -> Result<NaiveDate, Text> {
    let t = s.trim();
    // 10000-01-01, +10000-01-01, -0001-01-01, 0000-01-01: a year wg does not handle.
    let (signed, unsigned) = match t.strip_prefix(['+', '-']) {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let year = unsigned.split_once('-').map_or("", |(year, _)| year);
    let four_digits = !signed && year.len() == 4 && year != "0000";
    if !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit()) && !four_digits {
        return Err(msg::arg_outside_the_years(s));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
        // Written right but not on the calendar (2022-02-30): say so, not "expected …".
        let parts: Vec<&str> = s.trim().split('-').collect();
        let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        match (parts.len(), numbers.as_slice()) {
            (3, &[year, month, _]) if (1..=12).contains(&month) => {
                let days = (28..=31)
                    .rev()
                    .find(|&d| {
                        i32::try_from(year)
                            .ok()
                            .and_then(|y| NaiveDate::from_ymd_opt(y, month, d))
                            .is_some()
                    })
                    .unwrap_or(28);
                msg::arg_not_a_real_date(s, &format!("{year}-{month:02}"), days)
            }
            _ => msg::arg_expected_date(s),
        }
    })
}

pub fn parse_lang(s: &str) -> Result<Lang, Text> {
    Lang::parse(s.trim()).ok_or_else(|| msg::arg_expected_lang(s))
}

pub fn parse_quarter(s: &str) -> Result<Quarter, Text> {
    Quarter::parse(s).ok_or_else(|| msg::arg_expected_quarter(s))
}

/// The command line's definition, with its help in `lang`. In Chinese every command's
/// `about` and every argument's `help` come from [`crate::i18n::help_zh`], keyed by the
/// command's path and the argument's id; clap's own words around them (the headings,
/// `[default: …]`, `[possible values: …]`, `[env: …]`, `Print help`) are replaced too.
///
/// clap lays the help out unwrapped; wg wraps it by display width ([`wrap_help`]). Set
/// before the build, which hands the setting down to every subcommand.
pub fn command(lang: Lang) -> clap::Command {
    use clap::CommandFactory;
    let cmd = Cli::command().term_width(0).max_term_width(0);
    match lang {
        Lang::En => cmd,
        Lang::Zh => {
            let mut cmd = translate(cmd, "");
            // clap adds `--help`, `--version` and the `help` command when it builds the
            // tree: they exist, to be translated, only after that.
            cmd.build();
            translate_built(cmd, "")
        }
    }
}

/// A command's path as [`crate::i18n::help_zh`] keys it: "" for wg, "tasks list".
fn sub_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path} {name}")
    }
}

fn translate(mut cmd: clap::Command, path: &str) -> clap::Command {
    use crate::i18n::help_zh;
    if let Some(about) = help_zh(path, None) {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().as_str().to_owned())
        .collect();
    for id in ids {
        let Some(help) = help_zh(path, Some(&id)) else {
            continue;
        };
        cmd = cmd.mut_arg(&id, |a| {
            let extra = arg_details_zh(&a);
            let takes_values = a.get_action().takes_values();
            let has_env = a.get_env().is_some();
            let a = a.help(format!("{help}{extra}")).long_help(None::<&str>);
            let a = if takes_values {
                a.hide_possible_values(true).hide_default_value(true)
            } else {
                a
            };
            if has_env { a.hide_env(true) } else { a }
        });
    }
    // clap's own -h and -V, said in Chinese: made here, as clap would make them when it
    // builds the tree (arguments must not be moved after that: clap indexes them).
    cmd = cmd.disable_help_flag(true).arg(
        clap::Arg::new("help")
            .short('h')
            .long("help")
            .action(clap::ArgAction::Help)
            .help("显示帮助"),
    );
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help("显示版本"),
        );
    }
    // Every argument gets its Chinese heading, and the arguments are put in the order
    // clap lists the English headings (a heading is listed where its first argument is):
    // 参数 (clap's "Arguments"), 选项 ("Options"), then the headings of the derive
    // ("Filters", "Global options", which the build appends to every command), each
    // keeping its arguments' order.
    let mut ranked: Vec<(usize, usize, String, &'static str)> = cmd
        .get_arguments()
        .enumerate()
        .map(|(i, a)| {
            let id = a.get_id().as_str();
            // -h and -V took the heading the derive left current ("Global options"):
            // clap's own would have none.
            let english = a
                .get_help_heading()
                .filter(|_| id != "help" && id != "version");
            let (rank, heading) = heading_zh(english, a.is_positional());
            (rank, i, id.to_owned(), heading)
        })
        .collect();
    ranked.sort();
    for (_, _, id, heading) in ranked {
        cmd = cmd.mut_arg(&id, |a| a.help_heading(heading));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in subs {
        let sub = sub_path(path, &name);
        cmd = cmd.mut_subcommand(&name, |c| translate(c, &sub));
    }
    cmd
}

/// What clap would add after an argument's help, in Chinese: the values it takes, its
/// default and its environment variable.
fn arg_details_zh(a: &clap::Arg) -> String {
    let mut parts = Vec::new();
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    if !values.is_empty() && a.get_action().takes_values() {
        parts.push(format!("可选：{}", values.join("、")));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && a.get_action().takes_values() {
        parts.push(format!("默认：{}", defaults.join("、")));
    }
    if let Some(env) = a.get_env() {
        parts.push(format!("环境变量 {}", env.to_string_lossy()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("（{}）", parts.join("；"))
    }
}

/// After the build: clap's own `--help`, `--version` and `help` command, the headings
/// and the usage line, in every command.
fn translate_built(mut cmd: clap::Command, path: &str) -> clap::Command {
    if path.split(' ').next_back() == Some("help") {
        // `wg help [COMMAND]`, which clap made. Its argument is changed in place: clap
        // has indexed the arguments by now.
        cmd = cmd
            .about("显示本帮助，或某个子命令的帮助")
            .mut_args(|a| a.help("要查看帮助的子命令"));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in subs {
        let sub = sub_path(path, &name);
        cmd = cmd.mut_subcommand(&name, |c| translate_built(c, &sub));
    }
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>")
        .replace("[COMMAND]", "[命令]");
    cmd.override_usage(usage)
        .subcommand_help_heading(HEADING_COMMANDS)
        .help_template("{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
}

/// clap writes `HEADING:` with an ASCII colon; Chinese headings end in a full-width one
/// of their own, and [`help_text_zh`] drops clap's.
const HEADING_COMMANDS: &str = "命令：";

/// The Chinese heading of an argument under `english` (none: clap's own "Arguments" or
/// "Options"), and where it goes among the headings.
fn heading_zh(english: Option<&str>, positional: bool) -> (usize, &'static str) {
    match english {
        None if positional => (0, "参数："),
        None => (1, "选项："),
        Some("Filters") => (2, "筛选条件："),
        Some("Global options") => (3, "全局选项："),
        Some(_) => (4, "其他选项："),
    }
}

/// Help as clap rendered it from [`command`]`(Lang::Zh)`, with clap's colon after each
/// heading dropped (the headings end in `：`).
pub fn help_text_zh(text: &str) -> String {
    text.replace("：:", "：")
}

/// Help as clap laid it out unwrapped (`term_width(0)`), wrapped to `width` columns by
/// display width, as wg wraps table cells ([`crate::render::wrap::wrap`]): clap counts
/// characters and breaks only at spaces, so a Chinese help ran past the edge and the
/// terminal cut it anywhere. A line too wide is wrapped under its own text: an option's
/// help under the help's column (after the gap of two spaces or more that follows the
/// option), other text under its indent. A line whose text holds a colour code is left
/// as it is (its width would be miscounted).
pub fn wrap_help(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let visible = |s: &str| strip_ansi(s).width();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        let (line, newline) = match line.strip_suffix('\n') {
            Some(l) => (l, "\n"),
            None => (line, ""),
        };
        if visible(line) <= width {
            out.push_str(line);
            out.push_str(newline);
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        // The help's column: after the first gap of two spaces or more past the indent.
        let split = line
            .get(indent..)
            .and_then(|rest| rest.find("  ").map(|gap| indent + gap))
            .map(|gap| {
                gap + line
                    .get(gap..)
                    .map_or(0, |g| g.len() - g.trim_start().len())
            })
            .filter(|&at| at < line.len())
            .unwrap_or(indent);
        let Some((head, body)) = line.split_at_checked(split) else {
            out.push_str(line);
            out.push_str(newline);
            continue;
        };
        let head_width = visible(head);
        if body.contains('\u{1b}') || head_width + 10 > width {
            out.push_str(line);
            out.push_str(newline);
            continue;
        }
        for (i, l) in crate::render::wrap::wrap(body, width - head_width)
            .iter()
            .enumerate()
        {
            if i == 0 {
                out.push_str(head);
            } else {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', head_width));
            }
            out.push_str(l);
        }
        out.push_str(newline);
    }
    out
}

/// `s` without its ANSI escape sequences (`ESC [ … letter`), to measure it.
fn strip_ansi(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('\u{1b}') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// clap's error in Chinese, for the kinds wg knows how to say; `None` for the others,
/// which stay in clap's English (README, "Languages").
pub fn error_zh(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let string = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let strings = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    };
    let quoted = |v: &[String]| {
        v.iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join("、")
    };
    let arg = string(ContextKind::InvalidArg);
    let value = string(ContextKind::InvalidValue);
    let mut text = String::from("错误：");
    match e.kind() {
        ErrorKind::ValueValidation => {
            let (arg, value) = (arg?, value?);
            let why =
                std::error::Error::source(e).map(|source| match source.downcast_ref::<Text>() {
                    Some(t) => t.zh().to_owned(),
                    None => source.to_string(),
                });
            text.push_str(&format!("'{arg}' 的值 '{value}' 无效"));
            if let Some(why) = why {
                text.push_str(&format!("：{why}"));
            }
        }
        ErrorKind::InvalidValue => {
            let (arg, value) = (arg?, value?);
            if value.is_empty() {
                text.push_str(&format!("'{arg}' 需要一个值，但没有给出"));
            } else {
                text.push_str(&format!("'{arg}' 的值 '{value}' 无效"));
            }
            let valid = strings(ContextKind::ValidValue);
            if !valid.is_empty() {
                text.push_str(&format!("\n  可选值：{}", valid.join("、")));
            }
        }
        ErrorKind::UnknownArgument => text.push_str(&format!("无法识别的参数 '{}'", arg?)),
        ErrorKind::InvalidSubcommand => text.push_str(&format!(
            "没有子命令 '{}'",
            string(ContextKind::InvalidSubcommand)?
        )),
        ErrorKind::MissingRequiredArgument => {
            text.push_str("缺少必需的参数：");
            for a in strings(ContextKind::InvalidArg) {
                text.push_str(&format!("\n  {a}"));
            }
        }
        ErrorKind::MissingSubcommand => {
            text.push_str(&format!(
                "'{}' 后面需要一个子命令",
                string(ContextKind::InvalidSubcommand)?
            ));
            let valid = strings(ContextKind::ValidSubcommand);
            if !valid.is_empty() {
                text.push_str(&format!("\n  子命令有：{}", valid.join("、")));
            }
        }
        ErrorKind::ArgumentConflict => {
            let arg = arg?;
            let prior = strings(ContextKind::PriorArg);
            if prior.is_empty() || prior == [arg.clone()] {
                text.push_str(&format!("参数 '{arg}' 只能用一次"));
            } else {
                text.push_str(&format!("参数 '{arg}' 不能与 {} 同时使用", quoted(&prior)));
            }
        }
        ErrorKind::NoEquals => text.push_str(&format!("给 '{}' 赋值时需要写等号", arg?)),
        ErrorKind::TooManyValues => text.push_str(&format!("'{}' 多出了值 '{}'", arg?, value?)),
        _ => return None,
    }
    let suggested = [
        (ContextKind::SuggestedSubcommand, "子命令"),
        (ContextKind::SuggestedArg, "参数"),
        (ContextKind::SuggestedValue, "值"),
    ];
    let mut first = true;
    for (kind, what) in suggested {
        let names = strings(kind);
        if !names.is_empty() {
            text.push_str(if first { "\n\n" } else { "\n" });
            first = false;
            text.push_str(&format!("  提示：是否指{what} {}？", quoted(&names)));
        }
    }
    if let Some(ContextValue::StyledStrs(tips)) = e.get(ContextKind::Suggested) {
        for tip in tips {
            text.push_str(if first { "\n\n" } else { "\n" });
            first = false;
            // clap's tips ("to pass '-x' as a value, use '-- -x'") stay in its words.
            text.push_str(&format!("  提示：{tip}"));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        text.push_str(&format!("\n\n用法：{usage}"));
    }
    text.push_str("\n\n更多信息请加 --help 查看。\n");
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
        command(Lang::Zh).debug_assert();
    }

    /// The command line is parsed with the English command and only said again in
    /// Chinese (`parse_args`): translating must change what clap says, never what it
    /// parses. Every command of both trees takes the same arguments, the same way.
    #[test]
    fn translating_changes_no_argument_that_parsing_reads() {
        fn parsing(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
            let mut args: Vec<String> = cmd
                .get_arguments()
                .map(|a| {
                    format!(
                        "{path}: {} long {:?} short {:?} aliases {:?} action {:?} \
                         num_args {:?} required {} global {} last {} delimiter {:?} \
                         values {:?} defaults {:?} env {:?} conflicts {:?}",
                        a.get_id(),
                        a.get_long(),
                        a.get_short(),
                        a.get_all_aliases(),
                        a.get_action(),
                        a.get_num_args(),
                        a.is_required_set(),
                        a.is_global_set(),
                        a.is_last_set(),
                        a.get_value_delimiter(),
                        a.get_possible_values()
                            .iter()
                            .map(|v| v.get_name().to_owned())
                            .collect::<Vec<_>>(),
                        a.get_default_values(),
                        a.get_env(),
                        cmd.get_arg_conflicts_with(a)
                            .iter()
                            .map(|c| c.get_id().to_string())
                            .collect::<Vec<_>>(),
                    )
                })
                .collect();
            args.sort();
            out.extend(args);
            for sub in cmd.get_subcommands() {
                out.push(format!(
                    "{path}: subcommand {} {:?}",
                    sub.get_name(),
                    sub.get_all_aliases().collect::<Vec<_>>()
                ));
                parsing(sub, &sub_path(path, sub.get_name()), out);
            }
        }
        let (mut en, mut zh) = (command(Lang::En), command(Lang::Zh));
        en.build();
        zh.build();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        parsing(&en, "", &mut a);
        parsing(&zh, "", &mut b);
        assert!(a.len() > 100, "{} arguments", a.len());
        assert_eq!(a, b);
    }

    /// Every command and every argument has its Chinese help: a new option without a
    /// translation fails here.
    #[test]
    fn every_command_and_argument_has_a_chinese_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            if crate::i18n::help_zh(path, None).is_none() {
                missing.push(format!("command `wg {path}`"));
            }
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if crate::i18n::help_zh(path, Some(id)).is_none() {
                    missing.push(format!("argument `{id}` of `wg {path}`"));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &sub_path(path, sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no Chinese help for: {missing:#?}");
    }

    /// The Chinese help leaves no English text of clap's in `wg --help`.
    #[test]
    fn chinese_help_has_no_clap_english() {
        fn walk(cmd: &mut clap::Command, path: &str) {
            let help = help_text_zh(&cmd.render_long_help().to_string());
            for english in [
                "Usage",
                "Options",
                "Arguments",
                "Commands",
                "Filters",
                "Print",
                "[default",
                "[env",
                "[possible",
                "其他选项",
                "：:",
            ] {
                assert!(
                    !help.contains(english),
                    "{english} in `wg {path} --help`:\n{help}"
                );
            }
            let names: Vec<String> = cmd
                .get_subcommands()
                .map(|c| c.get_name().to_owned())
                .collect();
            for name in names {
                if let Some(sub) = cmd.find_subcommand_mut(&name) {
                    walk(sub, &sub_path(path, &name));
                }
            }
        }
        walk(&mut command(Lang::Zh), "");
    }
}
