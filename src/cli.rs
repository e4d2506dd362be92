//! The command line: global options, commands and their flags (clap derive). The `///`
//! comments are the `--help` text. Nothing below [`crate::context`] sees clap.

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
    /// Language of labels. Default: the org's `lang`
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
    /// Meetings: the quarterly agenda, the meeting list, iCalendar export
    #[command(subcommand)]
    Meeting(MeetingCommand),
    /// The evaluation (检查评估) per group, lead unit or owner: tasks due, done, on time,
    /// late, overdue, open; the backlog carried in; outcomes against their indicators
    Report {
        /// Quarter to evaluate, like 2026Q3. Default: the current quarter
        #[arg(long, value_parser = parse_quarter, value_name = "YYYYQn")]
        quarter: Option<Quarter>,
        /// Evaluate per owning group, per lead unit (supporting units apart) or per
        /// owner (责任分工); units and owners are ranked by on-time rate
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
    Export {
        /// The file to write (`-`: standard output; an SQLite file is refused on a terminal)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write a commented starter data directory that passes `wg check`
    Init {
        /// Directory to create (must not hold data files yet)
        dir: PathBuf,
    },
    /// Print shell completions (bash, zsh, fish, elvish, powershell)
    Completions { shell: clap_complete::Shell },
    /// Print the manual page in roff (`wg man | man -l -`)
    Man {
        /// Write wg.1 and a page for each command (wg-tasks-overdue.1, …) into DIR
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
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
    Add(AddArgs),
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
}

/// `wg tasks add`: the new task's fields. Lists are comma-separated (, 、 or ，).
#[derive(Debug, Clone, Args)]
pub struct AddArgs {
    /// The owning group (id)
    #[arg(long, value_name = "ID")]
    pub group: String,
    /// The task's title
    #[arg(long, value_name = "TEXT")]
    pub title: String,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportBy {
    Group,
    Unit,
    Owner,
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
    /// Meetings (and with --deadlines, task due dates) as iCalendar
    Ics {
        /// Add each open task's due date as an all-day event
        #[arg(long)]
        deadlines: bool,
        /// Write to FILE instead of standard output (`-`: standard output). A file is
        /// replaced atomically; a symlink is written through; a device or FIFO is written to
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
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
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    // 10000-01-01, +10000-01-01, -0001-01-01, 0000-01-01: a year wg does not handle.
    let (signed, unsigned) = match t.strip_prefix(['+', '-']) {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let year = unsigned.split_once('-').map_or("", |(year, _)| year);
    let four_digits = !signed && year.len() == 4 && year != "0000";
    if !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit()) && !four_digits {
        return Err(format!(
            "\"{s}\" is outside the dates wg handles: the years 0001 to 9999, written with four digits (YYYY-MM-DD)"
        ));
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
                format!("\"{s}\" is not a real date: {year}-{month:02} has {days} days")
            }
            _ => format!("expected a date like 2026-03-31, got \"{s}\""),
        }
    })
}

pub fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s.trim()).ok_or_else(|| format!("expected zh or en, got \"{s}\""))
}

pub fn parse_quarter(s: &str) -> Result<Quarter, String> {
    Quarter::parse(s).ok_or_else(|| {
        format!("expected a quarter like 2026Q3 (year 0001 to 9999, Q, 1 to 4), got \"{s}\"")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
