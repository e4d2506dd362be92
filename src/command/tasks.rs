//! `wg tasks list|overdue|due|show`: the office's 督办 lists in every format. The edits
//! (`done`, `status`, `note`) live in [`super::edit`].

use super::meeting::{behind_text, indicator_detail};
use super::{Formats, group_short_forms, load_data};
use crate::cli::{Format, OverdueBy, TasksCommand};
use crate::context::Context;
use crate::i18n::{self, L};
use crate::model::{Data, Lang, Repeat, Status};
use crate::render::{self, Grid, TableStyle, markdown_cell, text::sanitize};
use crate::report::indicator_view::format_amount;
use crate::report::task_view::{TaskView, UpdateView};
use crate::report::tasks::{self, DueReport, Filter, OverdueReport, Summary, TaskList, TaskShow};
use crate::{Error, Exit};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

use Format::{Csv, Json, Markdown, Table, Text, Yaml};

const LIST: Formats = Formats {
    command: "tasks list",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv],
};
const OVERDUE: Formats = Formats {
    command: "tasks overdue",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv],
};
const DUE: Formats = Formats {
    command: "tasks due",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv],
};
/// One task is a short document, not a table: no CSV.
const SHOW: Formats = Formats {
    command: "tasks show",
    offered: &[Table, Text, Json, Yaml, Markdown],
};

pub fn run(
    cmd: &TasksCommand,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    if super::edit::is_edit(cmd) {
        return super::edit::run(cmd, ctx, out, err);
    }
    let formats = match cmd {
        TasksCommand::Overdue { .. } => OVERDUE,
        TasksCommand::Due { .. } => DUE,
        TasksCommand::Show { .. } => SHOW,
        // The edits returned above; they have no format (see `super::edit`).
        TasksCommand::List { .. }
        | TasksCommand::Done { .. }
        | TasksCommand::Status { .. }
        | TasksCommand::Note { .. }
        | TasksCommand::Add(_)
        | TasksCommand::Edit { .. }
        | TasksCommand::Extend { .. } => LIST,
    };
    let format = formats.pick(ctx)?;
    let loaded = load_data(ctx)?;
    let data = &loaded.data;
    let today = ctx.today(&data.org)?;
    let view = View {
        data,
        lang: ctx.lang(&data.org),
        format,
        formats,
        style: ctx.table_style(format),
        bom: ctx.bom,
        color: ctx.color_stdout,
        dir: &loaded.dir,
    };
    let resolve = |f| Filter::resolve(data, f).map_err(Error::Usage);
    match cmd {
        TasksCommand::List { filters } => {
            let report = tasks::list(data, &resolve(filters)?, today);
            warn_uncovered(err, &report.uncovered_years, view.lang)?;
            view.list(out, &report)?;
            Ok(Exit::Ok)
        }
        TasksCommand::Overdue {
            filters,
            by,
            exit_code,
        } => {
            let report = tasks::overdue(data, &resolve(filters)?, today, by.unwrap_or_default());
            warn_uncovered(err, &report.uncovered_years, view.lang)?;
            view.overdue(out, &report, *by)?;
            Ok(if *exit_code && report.count > 0 {
                Exit::Found
            } else {
                Exit::Ok
            })
        }
        TasksCommand::Due {
            filters,
            within,
            working_days,
        } => {
            let filter = resolve(filters)?;
            let calendar = match (*working_days, &data.calendar) {
                (false, _) => None,
                (true, Some(cal)) => Some(cal),
                (true, None) => {
                    return Err(Error::Usage(
                        crate::i18n::msg::working_days_need_a_calendar(
                            &loaded.dir.display().to_string(),
                        ),
                    ));
                }
            };
            let through = tasks::due_through(today, *within, calendar);
            let report = tasks::due(data, &filter, today, through, *working_days);
            warn_uncovered(err, &report.uncovered_years, view.lang)?;
            view.due(out, &report, *within)?;
            Ok(Exit::Ok)
        }
        TasksCommand::Show { id } => {
            let task = tasks::find_task(data, id).map_err(Error::Usage)?;
            let report = tasks::show(data, task, today);
            warn_uncovered(err, &report.uncovered_years, view.lang)?;
            view.show(out, &report)?;
            Ok(Exit::Ok)
        }
        // Handled above, before loading: the edit loads (and locks) the data itself.
        TasksCommand::Done { .. }
        | TasksCommand::Status { .. }
        | TasksCommand::Note { .. }
        | TasksCommand::Add(_)
        | TasksCommand::Edit { .. }
        | TasksCommand::Extend { .. } => super::edit::run(cmd, ctx, out, err),
    }
}

/// One line on stderr, in `lang`, when working days were counted in years the calendar
/// lacks.
pub(crate) fn warn_uncovered(err: &mut dyn Write, years: &[i32], lang: Lang) -> Result<(), Error> {
    if years.is_empty() {
        return Ok(());
    }
    let warning =
        crate::i18n::msg::calendar_does_not_cover(&tasks::year_ranges(years), years.len());
    writeln!(
        err,
        "{}{}",
        crate::i18n::msg::warning_prefix().get(lang),
        warning.get(lang)
    )?;
    Ok(())
}

/// What every renderer here needs.
struct View<'d> {
    data: &'d Data,
    lang: Lang,
    format: Format,
    /// The command's formats, to refuse the others (`pick` already has).
    formats: Formats,
    /// How tables are printed (width, borders).
    style: TableStyle,
    bom: bool,
    /// Colour the 预警 cells of tables (stdout shows colour: see [`Context`]).
    color: bool,
    /// The data directory as the user named it, so that `tasks show` points at a path
    /// that opens from where `wg` ran.
    dir: &'d std::path::Path,
}

/// The optional columns of a task table.
#[derive(Clone, Copy, Default)]
struct Columns {
    days_overdue: bool,
    working_days_overdue: bool,
    missed: bool,
    /// `wg tasks due`: days (and, counted so, working days) until the next due date.
    days_left: bool,
    working_days_left: bool,
}

impl View<'_> {
    fn label(&self, l: L) -> &'static str {
        l.get(self.lang)
    }

    /// `逾期任务（截至 2022-01-10）` / `Overdue tasks (as of 2022-01-10)`.
    fn heading(&self, what: L, detail: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{}（{detail}）", self.label(what)),
            Lang::En => format!("{} ({detail})", self.label(what)),
        }
    }

    fn as_of(&self, date: NaiveDate) -> String {
        format!("{} {date}", self.label(L::AsOf))
    }

    fn count(&self, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("共 {n} 项"),
            Lang::En if n == 1 => "1 task".to_owned(),
            Lang::En => format!("{n} tasks"),
        }
    }

    /// The heading line of a table, or of a Markdown section, with the count.
    fn title(&self, s: &mut String, heading: &str, count: usize) {
        if self.format == Format::Markdown {
            let _ = write!(
                s,
                "## {}\n\n{}\n\n",
                markdown_cell(heading),
                self.count(count)
            );
        } else {
            let sep = if self.lang == Lang::Zh { "：" } else { ": " };
            let _ = writeln!(s, "{heading}{sep}{}", self.count(count));
        }
    }

    /// A grid in a text format: a table, or Markdown.
    fn push_grid(&self, s: &mut String, grid: &Grid) {
        if self.format == Format::Markdown {
            s.push_str(&grid.to_markdown());
        } else {
            s.push_str(&grid.to_table_in(self.style));
        }
    }

    fn list(&self, out: &mut dyn Write, report: &TaskList) -> Result<(), Error> {
        let calendar = self.data.calendar.is_some();
        // A list with nothing overdue does not need three empty columns; CSV keeps its
        // columns whatever the data, for spreadsheets and scripts.
        let csv = self.format == Format::Csv;
        let any_overdue = csv || report.tasks.iter().any(|t| t.days_overdue.is_some());
        let cols = Columns {
            days_overdue: any_overdue,
            working_days_overdue: calendar && any_overdue,
            missed: report.tasks.iter().any(|t| t.repeat.is_some())
                && (csv || report.tasks.iter().any(|t| t.missed.unwrap_or(0) > 0)),
            ..Columns::default()
        };
        let as_of = self.as_of(report.as_of);
        let text = |s: &mut String| -> Result<(), Error> {
            self.task_section(
                s,
                &report.tasks,
                cols,
                report.as_of,
                (L::NoMatch, L::TasksHeading),
                &as_of,
            )
        };
        self.task_report(out, report, &report.tasks, cols, report.as_of, text)
    }

    /// A task report in the chosen format: JSON and YAML as data, CSV as the task rows,
    /// tables and Markdown as `text` writes them.
    fn task_report(
        &self,
        out: &mut dyn Write,
        report: &impl serde::Serialize,
        tasks: &[TaskView],
        cols: Columns,
        as_of: NaiveDate,
        text: impl Fn(&mut String) -> Result<(), Error>,
    ) -> Result<(), Error> {
        match self.format {
            Format::Json => render::json(out, report)?,
            Format::Yaml => render::yaml(out, report)?,
            // One CSV holds one table: the tasks. Summaries are in the other formats.
            Format::Csv => out.write_all(&self.task_grid(tasks, cols, as_of).to_csv(self.bom)?)?,
            Format::Table | Format::Text | Format::Markdown => {
                let mut s = String::new();
                text(&mut s)?;
                out.write_all(s.as_bytes())?;
            }
            // Refused by `pick` before the data was loaded.
            f @ (Format::Sqlite | Format::Sql) => return Err(self.formats.refuse(f)),
        }
        Ok(())
    }

    /// The heading and table of a task list, or the line that says it is empty.
    fn task_section(
        &self,
        s: &mut String,
        tasks: &[TaskView],
        cols: Columns,
        as_of: NaiveDate,
        (empty, heading): (L, L),
        detail: &str,
    ) -> Result<(), Error> {
        if tasks.is_empty() {
            self.nothing(s, empty, detail);
        } else {
            self.title(s, &self.heading(heading, detail), tasks.len());
            self.push_grid(s, &self.task_grid(tasks, cols, as_of));
        }
        Ok(())
    }

    /// `没有逾期任务（截至 2022-01-10）`: what an empty report says instead of a table.
    fn nothing(&self, s: &mut String, what: L, detail: &str) {
        let line = self.heading(what, detail);
        if self.format == Format::Markdown {
            let _ = writeln!(s, "## {}", markdown_cell(&line));
        } else {
            let _ = writeln!(s, "{line}");
        }
    }

    /// The tasks, then the summary; JSON and YAML carry both. A CSV holds one table:
    /// the tasks, or, when `--by` was given, the summary (a clerk who asks for the
    /// overdue work by unit as a spreadsheet wants the units' rows).
    fn overdue(
        &self,
        out: &mut dyn Write,
        report: &OverdueReport,
        asked_by: Option<OverdueBy>,
    ) -> Result<(), Error> {
        if let (Format::Csv, Some(by)) = (self.format, asked_by) {
            out.write_all(&self.summary_grid(&report.summary, by).to_csv(self.bom)?)?;
            return Ok(());
        }
        let by = asked_by.unwrap_or_default();
        let cols = Columns {
            days_overdue: true,
            working_days_overdue: self.data.calendar.is_some(),
            missed: report.tasks.iter().any(|t| t.repeat.is_some()),
            ..Columns::default()
        };
        let as_of = self.as_of(report.as_of);
        let text = |s: &mut String| -> Result<(), Error> {
            self.task_section(
                s,
                &report.tasks,
                cols,
                report.as_of,
                (L::NoOverdue, L::OverdueHeading),
                &as_of,
            )?;
            if report.tasks.is_empty() {
                return Ok(());
            }
            let by_label = match by {
                OverdueBy::Group => L::ByGroup,
                OverdueBy::Unit => L::ByUnit,
                OverdueBy::Owner => L::ByOwner,
            };
            if self.format == Format::Markdown {
                let _ = write!(s, "\n### {}\n\n", self.label(by_label));
            } else {
                let colon = if self.lang == Lang::Zh { "：" } else { ":" };
                let _ = write!(s, "\n{}{colon}\n", self.label(by_label));
            }
            self.push_grid(s, &self.summary_grid(&report.summary, by));
            Ok(())
        };
        self.task_report(out, report, &report.tasks, cols, report.as_of, text)
    }

    fn due(&self, out: &mut dyn Write, report: &DueReport, within: u32) -> Result<(), Error> {
        let cols = Columns {
            days_left: true,
            working_days_left: report.working_days,
            ..Columns::default()
        };
        let window = match (self.lang, report.working_days) {
            (Lang::Zh, false) => format!("{} 至 {}", report.as_of, report.through),
            (Lang::Zh, true) => {
                format!("{} 至 {}，{within} 个工作日", report.as_of, report.through)
            }
            (Lang::En, false) => format!("{} to {}", report.as_of, report.through),
            (Lang::En, true) => format!(
                "{} to {}, {within} working days",
                report.as_of, report.through
            ),
        };
        let text = |s: &mut String| -> Result<(), Error> {
            self.task_section(
                s,
                &report.tasks,
                cols,
                report.as_of,
                (L::NoMatch, L::DueHeading),
                &window,
            )
        };
        self.task_report(out, report, &report.tasks, cols, report.as_of, text)
    }

    fn none(&self) -> String {
        self.label(L::None).to_owned()
    }

    fn group_name<'a>(&'a self, id: &'a str) -> Cow<'a, str> {
        self.data
            .group_by_id(id)
            .and_then(|g| self.data.groups.get(g))
            .map_or(id, |g| g.name.as_str())
            .into()
    }

    fn status(&self, t: &TaskView) -> Cow<'static, str> {
        let word = Status::parse(t.status).map_or(t.status, |s| i18n::status(s).get(self.lang));
        match (t.late, self.lang) {
            (true, Lang::Zh) => format!("{word}（{}）", self.label(L::Late)).into(),
            (true, Lang::En) => format!("{word} ({})", self.label(L::Late)).into(),
            (false, _) => word.into(),
        }
    }

    fn repeat_word(&self, t: &TaskView) -> Option<&'static str> {
        let r = Repeat::ALL
            .iter()
            .find(|(name, _)| Some(*name) == t.repeat)?
            .1;
        Some(i18n::repeat(r).get(self.lang))
    }

    /// The next due date; a repeating task says how it repeats, an extended one that it
    /// was extended: `2022-01-31（每月）`, `2022-01-31（延期）`.
    fn due_cell(&self, t: &TaskView) -> String {
        let Some(due) = t.next_due else {
            return self.none();
        };
        let mut notes: Vec<&str> = Vec::new();
        notes.extend(self.repeat_word(t));
        if t.extended_days.is_some() {
            notes.push(self.label(L::Extended));
        }
        match (notes.is_empty(), self.lang) {
            (true, _) => due.to_string(),
            (false, Lang::Zh) => format!("{due}（{}）", notes.join("，")),
            (false, Lang::En) => format!("{due} ({})", notes.join(", ")),
        }
    }

    fn task_grid<'a>(
        &'a self,
        tasks: &[TaskView<'a>],
        cols: Columns,
        today: NaiveDate,
    ) -> Grid<'a> {
        // CSV keeps the date alone in its cell, so that a spreadsheet sorts it as a date.
        let csv = self.format == Format::Csv;
        let mut headers = vec![
            L::Id,
            L::TaskTitle,
            L::Group,
            L::LeadUnit,
            L::Owner,
            L::Status,
            L::Due,
        ];
        if csv {
            headers.push(L::Repeat);
        }
        headers.push(L::Warning);
        let warning_col = headers.len() - 1;
        let optional = [
            (cols.days_overdue, L::DaysOverdue),
            (cols.working_days_overdue, L::WorkingDaysOverdue),
            (cols.missed, L::Missed),
            (cols.days_left, L::DaysLeft),
            (cols.working_days_left, L::WorkingDaysLeft),
        ];
        headers.extend(optional.iter().filter(|(on, _)| *on).map(|&(_, l)| l));
        let mut grid = Grid::new(headers.iter().map(|l| self.label(*l)));
        let number = |n: Option<i64>| -> Cow<'a, str> {
            n.map_or(Cow::Borrowed(""), |n| n.to_string().into())
        };
        let row_of = |t: &TaskView<'a>| -> Vec<Cow<'a, str>> {
            let mut row: Vec<Cow<'a, str>> = Vec::with_capacity(headers.len());
            row.extend([
                t.id.into(),
                t.title.into(),
                self.group_name(t.group),
                t.lead_unit.unwrap_or(self.label(L::None)).into(),
                t.owner.unwrap_or(self.label(L::None)).into(),
                self.status(t),
            ]);
            if csv {
                row.push(
                    t.next_due
                        .map_or_else(String::new, |d| d.to_string())
                        .into(),
                );
                row.push(self.repeat_word(t).unwrap_or_default().into());
            } else {
                row.push(self.due_cell(t).into());
            }
            row.push(self.warning_word(t).into());
            if cols.days_overdue {
                row.push(number(t.days_overdue));
            }
            if cols.working_days_overdue {
                row.push(number(t.working_days_overdue));
            }
            if cols.missed {
                // Only the missed occurrences of an overdue repeating task are news.
                row.push(number(t.missed.filter(|&m| m > 0).map(i64::from)));
            }
            if cols.days_left {
                row.push(number(t.next_due.map(|d| (d - today).num_days())));
            }
            if cols.working_days_left {
                let left = match (&self.data.calendar, t.next_due) {
                    (Some(cal), Some(d)) => Some(cal.working_days_between(today, d)),
                    _ => None,
                };
                row.push(number(left));
            }
            row
        };
        // A long list's rows are made on every core (their dates and numbers are
        // written out for each task).
        grid.rows = crate::par::map_runs(tasks, 4096, |_, _, run| {
            run.iter().map(row_of).collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        // The id and the due date (its word, not its "（每月）") are never broken.
        grid.keep_words([0, 6]);
        grid.short_forms(2, group_short_forms(self.data));
        if self.color {
            grid.paint(
                warning_col,
                tasks
                    .iter()
                    .map(|t| t.warning.map(super::warning_color))
                    .collect(),
            );
        }
        // A roll-up: the office of each task, first.
        if self.data.is_rollup() {
            let offices = tasks.iter().map(|t| t.office_label.unwrap_or_default());
            grid.insert_column(0, self.label(L::Office), offices);
        }
        grid
    }

    /// 红 黄 蓝 绿 (red yellow blue green); 无 for a done or cancelled task.
    fn warning_word(&self, t: &TaskView) -> &'static str {
        t.warning
            .map_or(self.label(L::None), |w| i18n::warning(w).get(self.lang))
    }

    fn summary_grid(&self, summary: &Summary, by: OverdueBy) -> Grid<'_> {
        let key = match by {
            OverdueBy::Group => L::Group,
            OverdueBy::Unit => L::LeadUnit,
            OverdueBy::Owner => L::Owner,
        };
        let mut grid = Grid::new(
            [
                key,
                L::Band1To7,
                L::Band8To30,
                L::Band31To90,
                L::BandOver90,
                L::Total,
            ]
            .map(|l| self.label(l)),
        );
        let cells = |name: String, b: [usize; 5]| {
            let mut row = vec![name];
            row.extend(b.iter().map(|n| n.to_string()));
            row
        };
        for r in &summary.rows {
            let name = r
                .name
                .clone()
                .unwrap_or_else(|| self.label(L::Unassigned).to_owned());
            grid.push(cells(
                name,
                [
                    r.band_1_7,
                    r.band_8_30,
                    r.band_31_90,
                    r.band_over_90,
                    r.total,
                ],
            ));
        }
        if by == OverdueBy::Group {
            grid.short_forms(0, group_short_forms(self.data));
        }
        let t = &summary.total;
        grid.push(cells(
            self.label(L::Total).to_owned(),
            [
                t.band_1_7,
                t.band_8_30,
                t.band_31_90,
                t.band_over_90,
                t.total,
            ],
        ));
        // A roll-up: the office of each row, after its name.
        if self.data.is_rollup() {
            let offices = summary
                .rows
                .iter()
                .map(|r| r.office_label.clone().unwrap_or_default());
            grid.insert_column(1, self.label(L::Office), offices);
        }
        grid
    }

    fn show(&self, out: &mut dyn Write, report: &TaskShow) -> Result<(), Error> {
        match self.format {
            Format::Json => render::json(out, report)?,
            Format::Yaml => render::yaml(out, report)?,
            Format::Table | Format::Text | Format::Markdown => {
                out.write_all(self.show_doc(report).as_bytes())?
            }
            // Refused by `pick` before the data was loaded.
            Format::Csv | Format::Sqlite | Format::Sql => return Err(SHOW.refuse(self.format)),
        }
        Ok(())
    }

    /// Every field of one task as label–value pairs, in reading order.
    fn show_fields(&self, t: &TaskView) -> Vec<(L, String)> {
        let none = || self.none();
        let date = |d: Option<NaiveDate>| d.map_or_else(none, |d| d.to_string());
        let list = |v: &[&str]| {
            if v.is_empty() {
                none()
            } else {
                v.join(if self.lang == Lang::Zh { "、" } else { ", " })
            }
        };
        let paren = |a: &str, b: &str| match self.lang {
            Lang::Zh => format!("{a}（{b}）"),
            Lang::En => format!("{a} ({b})"),
        };
        let mut fields = vec![
            (L::Group, paren(&self.group_name(t.group), t.group)),
            (L::LeadUnit, t.lead_unit.map_or_else(none, str::to_owned)),
            (L::Units, list(&t.units)),
            (L::Owner, t.owner.map_or_else(none, str::to_owned)),
            (
                L::Targets,
                list(&t.targets.iter().map(String::as_str).collect::<Vec<_>>()),
            ),
            (L::Start, date(t.start)),
            (L::Due, date(t.due)),
        ];
        // A roll-up: the task's office, first.
        if let Some(office) = t
            .office
            .and_then(|id| self.data.offices.iter().find(|o| o.id == id))
        {
            fields.insert(0, (L::Office, paren(&office.name, &office.id)));
        }
        if let Some(original) = t.original_due {
            let value = match t.extended_days {
                Some(days) => paren(
                    &original.to_string(),
                    &super::meeting::fill(
                        self.label(L::ExtendedBy),
                        &[("days", &days.to_string())],
                    ),
                ),
                None => original.to_string(),
            };
            fields.push((L::OriginalDue, value));
        }
        if let Some(r) = self.repeat_word(t) {
            fields.push((L::Repeat, r.to_owned()));
            fields.push((L::DoneThrough, date(t.done_through)));
            fields.push((L::NextDue, date(t.next_due)));
        }
        fields.push((
            L::Status,
            Status::parse(t.status)
                .map_or(t.status, |s| i18n::status(s).get(self.lang))
                .to_owned(),
        ));
        let done_on = match t.done_on {
            Some(d) => paren(
                &d.to_string(),
                self.label(if t.late { L::DoneLate } else { L::DoneOnTime }),
            ),
            None => none(),
        };
        fields.push((L::DoneOn, done_on));
        fields.push((L::Warning, self.warning_word(t).to_owned()));
        let number = |n: Option<i64>| n.map_or_else(none, |n| n.to_string());
        fields.push((L::DaysOverdue, number(t.days_overdue)));
        if self.data.calendar.is_some() {
            fields.push((L::WorkingDaysOverdue, number(t.working_days_overdue)));
        }
        if t.repeat.is_some() {
            fields.push((L::Missed, number(t.missed.map(i64::from))));
        }
        fields.push((L::Outcome, t.outcome.map_or_else(none, str::to_owned)));
        for i in &t.indicators {
            fields.push((L::Indicators, indicator_detail(i, self.lang)));
        }
        if !t.indicators.is_empty() {
            let behind = match behind_text(t, self.lang) {
                Some(why) => paren(self.label(L::Yes), &why),
                None => self.label(L::No).to_owned(),
            };
            fields.push((L::BehindSchedule, behind));
        }
        fields.push((
            L::WrittenIn,
            format!("{}:{}", self.dir.join(t.file).display(), t.line),
        ));
        fields
    }

    fn show_doc(&self, report: &TaskShow) -> String {
        let t = &report.task;
        let fields = self.show_fields(t);
        let mut s = String::new();
        if self.format == Format::Markdown {
            let _ = write!(
                s,
                "## {} {}\n\n",
                markdown_cell(t.id),
                markdown_cell(t.title)
            );
            for (label, value) in &fields {
                let _ = writeln!(
                    s,
                    "- **{}**{}{}",
                    self.label(*label),
                    self.colon(),
                    markdown_cell(value)
                );
            }
            let _ = write!(s, "\n### {}\n\n", self.label(L::Updates));
            if t.updates.is_empty() {
                let _ = writeln!(s, "{}", self.label(L::NoUpdates));
            }
            for u in &t.updates {
                let _ = writeln!(
                    s,
                    "- {}{}{}{}",
                    u.date,
                    self.colon(),
                    markdown_cell(u.note),
                    markdown_cell(&self.readings(u))
                );
                for (label, text) in self.update_parts(u) {
                    let _ = writeln!(
                        s,
                        "  - {}{}{}",
                        self.label(label),
                        self.colon(),
                        markdown_cell(text)
                    );
                }
            }
        } else {
            let _ = writeln!(s, "{}  {}", sanitize(t.id), sanitize(t.title));
            // Values start in one column, whatever the width of the Chinese labels.
            let width = fields
                .iter()
                .map(|(l, _)| unicode_width::UnicodeWidthStr::width(self.label(*l)))
                .max()
                .unwrap_or(0);
            for (label, value) in &fields {
                let text = self.label(*label);
                let pad = width - unicode_width::UnicodeWidthStr::width(text);
                let _ = writeln!(
                    s,
                    "  {text}{}{}{}",
                    self.colon(),
                    " ".repeat(pad),
                    render::text::one_line(value)
                );
            }
            let _ = writeln!(s, "\n{}{}", self.label(L::Updates), self.colon().trim_end());
            if t.updates.is_empty() {
                let _ = writeln!(s, "  {}", self.label(L::NoUpdates));
            }
            for u in &t.updates {
                // A multi-line note keeps its lines, indented under its date.
                let note = format!("{}{}", sanitize(u.note), sanitize(&self.readings(u)))
                    .replace('\n', "\n              ");
                let _ = writeln!(s, "  {}  {note}", u.date);
                for (label, text) in self.update_parts(u) {
                    let text = sanitize(text).replace('\n', "\n              ");
                    let _ = writeln!(
                        s,
                        "              {}{}{text}",
                        self.label(label),
                        self.colon()
                    );
                }
            }
        }
        s
    }

    /// The readings a note gives, to follow its text: `（新建货车司机工会 35）`.
    fn readings(&self, u: &UpdateView) -> String {
        if u.values.is_empty() {
            return String::new();
        }
        let (join, eq) = match self.lang {
            Lang::Zh => ("、", " "),
            Lang::En => (", ", " "),
        };
        let list: Vec<String> = u
            .values
            .iter()
            .map(|(name, v)| format!("{name}{eq}{}", format_amount(*v)))
            .collect();
        match self.lang {
            Lang::Zh => format!("（{}）", list.join(join)),
            Lang::En => format!(" ({})", list.join(join)),
        }
    }

    /// The parts of a progress report after its text: 存在问题, 下一步措施, who reported.
    fn update_parts<'u>(&self, u: &UpdateView<'u>) -> Vec<(L, &'u str)> {
        [
            (L::UpdateProblems, u.problems),
            (L::UpdateNextSteps, u.next_steps),
            (L::UpdateBy, u.by),
        ]
        .into_iter()
        .filter_map(|(l, v)| v.map(|v| (l, v)))
        .collect()
    }

    fn colon(&self) -> &'static str {
        if self.lang == Lang::Zh { "：" } else { ": " }
    }
}
