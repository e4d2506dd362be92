//! The task reports as documents: `wg tasks list`, `overdue` (with its summary), `due`
//! and `show`, on a screen, as a ledger (台账) and, for `overdue`, on paper as the
//! 督办通报; and the 督办通知单 of `wg tasks notice`. Every sentence and punctuation mark
//! comes from the label table ([`L`]); cells borrow from the data wherever they can, and
//! only the rows a document prints are made.

use super::words::{behind_text, fill, indicator_detail};
use super::{
    Block, Cell, Document, Kind, Medium, Row, Table, long_date, section_number, subsection_number,
};
use crate::i18n::{self, L};
use crate::model::{Data, GroupKind, Lang, Repeat, Status};
use crate::report::indicator_view::{format_amount, format_share};
use crate::report::task_view::{TaskView, UpdateView};
use crate::report::tasks::{
    Bands, DueReport, Notice, OverdueReport, Summary, SummaryBy, Tally, TaskList, TaskShow,
};
use chrono::NaiveDate;
use std::borrow::Cow;

/// What every builder takes beside its report.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub data: &'a Data,
    pub lang: Lang,
    pub medium: Medium,
    /// The screen document is for CSV: its task table keeps every column whatever the
    /// data (for spreadsheets and scripts), and the due date alone in its cell with the
    /// repeat beside it, so that a spreadsheet sorts it as a date; an empty report
    /// still has its (empty) table.
    pub csv: bool,
}

impl<'a> Frame<'a> {
    fn label(&self, l: L) -> &'static str {
        l.get(self.lang)
    }

    fn fill(&self, l: L, args: &[(&str, &str)]) -> String {
        fill(self.label(l), args)
    }

    /// `截至 2022-01-10`.
    fn as_of(&self, date: NaiveDate) -> String {
        self.fill(L::AsOfDate, &[("date", &date.to_string())])
    }

    /// `逾期任务（截至 2022-01-10）`.
    fn heading(&self, what: L, detail: &str) -> String {
        self.fill(
            L::HeadingDetail,
            &[("what", self.label(what)), ("detail", detail)],
        )
    }

    /// `逾期任务（截至 2022-01-10）：共 6 项`.
    fn counted(&self, heading: &str, n: usize) -> String {
        let count = if n == 1 {
            self.label(L::CountOneTask).to_owned()
        } else {
            self.fill(L::CountTasks, &[("n", &n.to_string())])
        };
        self.fill(L::HeadingCount, &[("heading", heading), ("count", &count)])
    }

    fn paren(&self, text: &str, note: &str) -> String {
        super::words::person_with(text, note, self.lang)
    }

    fn none(&self) -> &'static str {
        self.label(L::None)
    }

    fn group_name(&self, id: &'a str) -> &'a str {
        super::words::group_name(self.data, id)
    }

    /// The status word; a task done late says so: `已完成（逾期）`.
    fn status(&self, t: &TaskView) -> Cow<'a, str> {
        let word = status_word(t.status, self.lang);
        if t.late {
            self.paren(word, self.label(L::Late)).into()
        } else {
            word.into()
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
    /// was extended: `2022-01-31（每月）`, `2022-01-31（延期）`. A date cell either way.
    fn due_cell(&self, t: &TaskView) -> Cell<'a> {
        let Some(due) = t.next_due else {
            return Cell::empty(self.none());
        };
        let mut notes: Vec<&str> = Vec::new();
        notes.extend(self.repeat_word(t));
        if t.extended_days.is_some() {
            notes.push(self.label(L::Extended));
        }
        if notes.is_empty() {
            Cell::date(due)
        } else {
            let notes = notes.join(super::words::comma(self.lang));
            Cell::date_shown(due, self.paren(&crate::model::iso_date(due), &notes))
        }
    }

    /// 红 黄 蓝 绿; 无 for a done or cancelled task.
    fn warning_cell(&self, t: &TaskView) -> Cell<'a> {
        match t.warning {
            Some(w) => Cell::warning(w, self.lang),
            None => Cell::empty(self.none()),
        }
    }

    /// A name, or 无 when there is none.
    fn name_cell(&self, name: Option<&'a str>) -> Cell<'a> {
        match name {
            Some(n) => Cell::text(n),
            None => Cell::empty(self.none()),
        }
    }

    fn list_of(&self, items: &[&str]) -> String {
        items.join(self.label(L::ListSep))
    }

    /// The office that sends bulletins and notices and receives the replies: the first
    /// group of kind office, else the leading group, else the org.
    fn office(&self) -> &'a str {
        let groups = &self.data.groups;
        groups
            .iter()
            .find(|g| g.kind == GroupKind::Office)
            .or_else(|| groups.iter().find(|g| g.kind == GroupKind::Leading))
            .map_or(self.data.org.name.as_str(), |g| g.name.as_str())
    }
}

fn status_word(status: &'static str, lang: Lang) -> &'static str {
    Status::parse(status).map_or(status, |s| i18n::status(s).get(lang))
}

/// A whole number, or an empty cell.
fn int<'a>(n: Option<i64>) -> Cell<'a> {
    match n {
        // Day counts are far below 2^53: exact as f64.
        Some(n) => Cell::number(n as f64, n.to_string()),
        None => Cell::empty(""),
    }
}

/// The latest progress note (the last of the latest day), for a ledger's 进展情况.
fn latest<'a>(t: &TaskView<'a>) -> Option<&'a str> {
    t.updates.iter().max_by_key(|u| u.date).map(|u| u.note)
}

/// The optional columns of a screen's task table.
#[derive(Clone, Copy, Default)]
struct Columns {
    days_overdue: bool,
    working_days_overdue: bool,
    missed: bool,
    /// `wg tasks due`: days (and, counted so, working days) until the next due date.
    days_left: bool,
    working_days_left: bool,
}

/// Makes a row per task on every core for a long list (each row writes out dates and
/// numbers), in order.
fn rows<'a>(
    tasks: &'a [TaskView<'a>],
    row: impl Fn(usize, &'a TaskView<'a>) -> Vec<Cell<'a>> + Sync,
) -> Vec<Row<'a>> {
    let numbered: Vec<(usize, &'a TaskView<'a>)> = tasks.iter().enumerate().collect();
    crate::par::map(&numbered, super::ROWS_PER_RUN, |&(i, t)| Row {
        cells: row(i, t),
        warning: t.warning,
        total: false,
    })
}

/// The task table of a screen: 编号, 任务, 小组, 牵头单位, 责任人, 状态, 截止, 预警 and
/// the optional columns.
fn task_table<'a>(
    f: Frame<'a>,
    name: &'static str,
    tasks: &'a [TaskView<'a>],
    cols: Columns,
    today: NaiveDate,
) -> Table<'a> {
    let mut headers = vec![
        L::Id,
        L::TaskTitle,
        L::Group,
        L::LeadUnit,
        L::Owner,
        L::Status,
        L::Due,
    ];
    if f.csv {
        headers.push(L::Repeat);
    }
    headers.push(L::Warning);
    let optional = [
        (cols.days_overdue, L::DaysOverdue),
        (cols.working_days_overdue, L::WorkingDaysOverdue),
        (cols.missed, L::Missed),
        (cols.days_left, L::DaysLeft),
        (cols.working_days_left, L::WorkingDaysLeft),
    ];
    headers.extend(optional.iter().filter(|(on, _)| *on).map(|&(_, l)| l));
    let mut table = Table::new(name);
    table.columns(headers.iter().map(|l| f.label(*l)));
    let width = headers.len();
    let row = move |t: &'a TaskView<'a>| {
        let mut row: Vec<Cell<'a>> = Vec::with_capacity(width);
        row.extend([
            Cell::text(t.id),
            Cell::text(t.title),
            Cell::text(f.group_name(t.group)),
            f.name_cell(t.lead_unit),
            f.name_cell(t.owner),
            Cell::text(f.status(t)),
        ]);
        if f.csv {
            row.push(t.next_due.map_or_else(|| Cell::empty(""), Cell::date));
            row.push(match f.repeat_word(t) {
                Some(r) => Cell::text(r),
                None => Cell::empty(""),
            });
        } else {
            row.push(f.due_cell(t));
        }
        row.push(f.warning_cell(t));
        if cols.days_overdue {
            row.push(int(t.days_overdue));
        }
        if cols.working_days_overdue {
            row.push(int(t.working_days_overdue));
        }
        if cols.missed {
            // Only the missed occurrences of an overdue repeating task are news.
            row.push(int(t.missed.filter(|&m| m > 0).map(i64::from)));
        }
        if cols.days_left {
            row.push(int(t.next_due.map(|d| (d - today).num_days())));
        }
        if cols.working_days_left {
            let left = match (&f.data.calendar, t.next_due) {
                (Some(cal), Some(d)) => Some(cal.working_days_between(today, d)),
                _ => None,
            };
            row.push(int(left));
        }
        Row {
            cells: row,
            warning: t.warning,
            total: false,
        }
    };
    // A long list's rows are made as they are written (a roll-up's are then made
    // whole to have its office column put in: `office_column`).
    table.rows_of(tasks, row);
    // The id and the due date (its word, not its "（每月）") are never broken.
    table.keep_words([0, 6]);
    table.short_forms(2, crate::command::group_short_forms(f.data));
    office_column(f, &mut table, 0, tasks);
    table
}

/// A roll-up's tables have the office of each task in column `at`.
fn office_column<'a>(f: Frame<'a>, table: &mut Table<'a>, at: usize, tasks: &'a [TaskView<'a>]) {
    if f.data.is_rollup() {
        let offices = tasks.iter().map(|t| t.office_label.unwrap_or_default());
        table.insert_column(at, f.label(L::Office), offices);
    }
}

/// The ledger (台账) of tasks: 序号, 编号, 事项, 目标要求, 牵头单位, 配合单位, 责任人,
/// 完成时限, 进展情况 (the latest note), 状态, 逾期天数, 预警; each row filled with its
/// warning's colour in a spreadsheet.
fn ledger_table<'a>(f: Frame<'a>, name: &'static str, tasks: &'a [TaskView<'a>]) -> Table<'a> {
    let mut table = Table::new(name);
    table.columns(
        [
            L::LedgerNo,
            L::Id,
            L::LedgerMatter,
            L::LedgerGoal,
            L::LeadUnit,
            L::Units,
            L::Owner,
            L::LedgerDeadline,
            L::LedgerProgress,
            L::Status,
            L::DaysOverdue,
            L::Warning,
        ]
        .map(|l| f.label(l)),
    );
    table.rows = rows(tasks, |i, t| {
        let text = |s: Option<&'a str>| s.map_or_else(|| Cell::empty(""), Cell::text);
        vec![
            Cell::count(u64::try_from(i + 1).unwrap_or(u64::MAX)),
            Cell::text(t.id),
            Cell::text(t.title),
            text(t.outcome),
            f.name_cell(t.lead_unit),
            if t.units.is_empty() {
                Cell::empty("")
            } else {
                Cell::text(f.list_of(&t.units))
            },
            f.name_cell(t.owner),
            t.next_due.map_or_else(|| Cell::empty(""), Cell::date),
            text(latest(t)),
            Cell::text(f.status(t)),
            int(t.days_overdue),
            f.warning_cell(t),
        ]
    });
    table.keep_words([1, 7]);
    office_column(f, &mut table, 1, tasks);
    table
}

/// A ledger document: its title, the as-of date, the ledger (the CSV table).
fn ledger<'a>(
    f: Frame<'a>,
    title: L,
    sheet: L,
    tasks: &'a [TaskView<'a>],
    as_of: NaiveDate,
) -> Document<'a> {
    let mut doc = Document::new(f.lang, Kind::List, f.label(title));
    doc.meta(f.as_of(as_of));
    doc.as_of = Some(as_of);
    doc.main_table(ledger_table(f, f.label(sheet), tasks));
    doc
}

/// A screen's title: the heading with the count, or the line that says the list is
/// empty.
fn title(f: Frame<'_>, tasks: &[TaskView], (empty, heading): (L, L), detail: &str) -> String {
    if tasks.is_empty() {
        f.heading(empty, detail)
    } else {
        f.counted(&f.heading(heading, detail), tasks.len())
    }
}

/// A screen's task list: a heading with the count and the table, or the line that says
/// the list is empty.
fn screen<'a>(
    f: Frame<'a>,
    tasks: &'a [TaskView<'a>],
    cols: Columns,
    as_of: NaiveDate,
    (empty, heading): (L, L),
    detail: &str,
) -> Document<'a> {
    let title = title(f, tasks, (empty, heading), detail);
    let mut doc = Document::new(f.lang, Kind::List, title);
    doc.as_of = Some(as_of);
    if !tasks.is_empty() || f.csv {
        doc.main_table(task_table(f, f.label(heading), tasks, cols, as_of));
    }
    doc
}

/// `wg tasks list`.
pub fn list<'a>(f: Frame<'a>, report: &'a TaskList<'a>) -> Document<'a> {
    if f.medium == Medium::Ledger {
        return ledger(
            f,
            L::LedgerSheet,
            L::LedgerSheet,
            &report.tasks,
            report.as_of,
        );
    }
    // A list with nothing overdue does not need three empty columns; CSV keeps its
    // columns whatever the data, for spreadsheets and scripts.
    let tasks = &report.tasks;
    let any_overdue = f.csv || tasks.iter().any(|t| t.days_overdue.is_some());
    let cols = Columns {
        days_overdue: any_overdue,
        working_days_overdue: f.data.calendar.is_some() && any_overdue,
        missed: tasks.iter().any(|t| t.repeat.is_some())
            && (f.csv || tasks.iter().any(|t| t.missed.unwrap_or(0) > 0)),
        ..Columns::default()
    };
    let as_of = f.as_of(report.as_of);
    screen(
        f,
        tasks,
        cols,
        report.as_of,
        (L::NoMatch, L::TasksHeading),
        &as_of,
    )
}

/// `wg tasks due`; `within` is `--within` (days, or working days).
pub fn due<'a>(f: Frame<'a>, report: &'a DueReport<'a>, within: u32) -> Document<'a> {
    if f.medium == Medium::Ledger {
        return ledger(
            f,
            L::LedgerDueTitle,
            L::LedgerDueSheet,
            &report.tasks,
            report.as_of,
        );
    }
    let cols = Columns {
        days_left: true,
        working_days_left: report.working_days,
        ..Columns::default()
    };
    let (from, through) = (report.as_of.to_string(), report.through.to_string());
    let mut args = vec![("from", from.as_str()), ("through", through.as_str())];
    let n = within.to_string();
    let window = if report.working_days {
        args.push(("n", &n));
        f.fill(L::DueWindowWorking, &args)
    } else {
        f.fill(L::DueWindow, &args)
    };
    screen(
        f,
        &report.tasks,
        cols,
        report.as_of,
        (L::NoMatch, L::DueHeading),
        &window,
    )
}

/// What `wg tasks overdue` was asked beside its filters.
#[derive(Debug, Clone, Copy, Default)]
pub struct OverdueAsked<'a> {
    /// `--by`, if given: the summary's key; on a screen made for CSV, the CSV is the
    /// summary (a clerk who asks for the overdue work by unit as a spreadsheet wants the
    /// units' rows).
    pub by: Option<SummaryBy>,
    /// For the 督办通报: every task of the filter, whatever its due date.
    pub tally: Option<Tally>,
    /// The group the filter asked for, by name, for the bulletin's opening.
    pub scope: Option<&'a str>,
}

/// `wg tasks overdue`: the tasks, then the summary; on paper the 督办通报.
pub fn overdue<'a>(
    f: Frame<'a>,
    report: &'a OverdueReport<'a>,
    asked: OverdueAsked<'a>,
) -> Document<'a> {
    let by = asked.by.unwrap_or_default();
    match f.medium {
        Medium::Paper => return bulletin(f, report, asked),
        Medium::Ledger => {
            let mut doc = ledger(
                f,
                L::LedgerOverdueTitle,
                L::LedgerOverdueSheet,
                &report.tasks,
                report.as_of,
            );
            doc.table(summary_table(f, &report.summary, by, L::LedgerSummarySheet));
            return doc;
        }
        Medium::Screen => {}
    }
    let cols = Columns {
        days_overdue: true,
        working_days_overdue: f.data.calendar.is_some(),
        missed: report.tasks.iter().any(|t| t.repeat.is_some()),
        ..Columns::default()
    };
    let as_of = f.as_of(report.as_of);
    let heading = (L::NoOverdue, L::OverdueHeading);
    // Only what is printed is made: a CSV holds one table, the tasks or (with --by) the
    // summary.
    if f.csv && asked.by.is_some() {
        let mut doc = Document::new(f.lang, Kind::List, title(f, &report.tasks, heading, &as_of));
        doc.as_of = Some(report.as_of);
        doc.main_table(summary_table(f, &report.summary, by, by_label(by)));
        return doc;
    }
    let mut doc = screen(f, &report.tasks, cols, report.as_of, heading, &as_of);
    if !report.tasks.is_empty() && !f.csv {
        doc.heading(1, f.label(by_label(by)));
        doc.table(summary_table(f, &report.summary, by, by_label(by)));
    }
    doc
}

fn by_label(by: SummaryBy) -> L {
    match by {
        SummaryBy::Group => L::ByGroup,
        SummaryBy::Unit => L::ByUnit,
        SummaryBy::Owner => L::ByOwner,
    }
}

/// The summary in age bands: one row per group, unit or owner, then the total.
fn summary_table<'a>(f: Frame<'a>, summary: &'a Summary, by: SummaryBy, name: L) -> Table<'a> {
    let key = match by {
        SummaryBy::Group => L::Group,
        SummaryBy::Unit => L::LeadUnit,
        SummaryBy::Owner => L::Owner,
    };
    let mut table = Table::new(f.label(name));
    table.columns(
        [
            key,
            L::Band1To7,
            L::Band8To30,
            L::Band31To90,
            L::BandOver90,
            L::Total,
        ]
        .map(|l| f.label(l)),
    );
    let cells = |name: Cell<'a>, b: Bands| {
        let mut row = vec![name];
        row.extend(
            [
                b.band_1_7,
                b.band_8_30,
                b.band_31_90,
                b.band_over_90,
                b.total,
            ]
            .map(|n| Cell::count(u64::try_from(n).unwrap_or(u64::MAX))),
        );
        row
    };
    for r in &summary.rows {
        let name = match &r.name {
            Some(n) => Cell::text(n.as_str()),
            None => Cell::empty(f.label(L::Unassigned)),
        };
        let bands = Bands {
            band_1_7: r.band_1_7,
            band_8_30: r.band_8_30,
            band_31_90: r.band_31_90,
            band_over_90: r.band_over_90,
            total: r.total,
        };
        table.push(cells(name, bands));
    }
    if by == SummaryBy::Group {
        table.short_forms(0, crate::command::group_short_forms(f.data));
    }
    table.push_total(cells(Cell::text(f.label(L::Total)), summary.total));
    // A roll-up: the office of each row, after its name.
    if f.data.is_rollup() {
        let offices = summary
            .rows
            .iter()
            .map(|r| r.office_label.as_deref().unwrap_or_default());
        table.insert_column(1, f.label(L::Office), offices);
    }
    table
}

/// The overdue tasks of one lead unit (`None`: tasks without one), most overdue first.
struct UnitTasks<'a> {
    unit: Option<&'a str>,
    tasks: Vec<&'a TaskView<'a>>,
}

/// The overdue tasks by lead unit: the units with the most first (ties in the order
/// their first task comes), tasks without a lead unit last.
fn by_lead_unit<'a>(tasks: &'a [TaskView<'a>]) -> Vec<UnitTasks<'a>> {
    let mut units: Vec<UnitTasks<'a>> = Vec::new();
    let mut index: std::collections::HashMap<Option<&str>, usize> = Default::default();
    for t in tasks {
        let slot = *index.entry(t.lead_unit).or_insert_with(|| {
            units.push(UnitTasks {
                unit: t.lead_unit,
                tasks: Vec::new(),
            });
            units.len() - 1
        });
        if let Some(u) = units.get_mut(slot) {
            u.tasks.push(t);
        }
    }
    // Stable: equal counts keep the order of their first task.
    units.sort_by_key(|u| (u.unit.is_none(), std::cmp::Reverse(u.tasks.len())));
    units
}

/// How many lagging units the bulletin names.
const LAGGING: usize = 3;

/// The 督办通报: an opening paragraph with the figures of every task of the filter, the
/// lagging units named, then the overdue tasks by lead unit, the summary, what is
/// asked, and the office's signature.
fn bulletin<'a>(
    f: Frame<'a>,
    report: &'a OverdueReport<'a>,
    asked: OverdueAsked<'a>,
) -> Document<'a> {
    let lang = f.lang;
    let mut doc = Document::new(lang, Kind::Paper, f.label(L::BulletinTitle));
    doc.as_of = Some(report.as_of);
    let tally = asked.tally.unwrap_or_default();
    let scope = asked
        .scope
        .map(|g| f.fill(L::BulletinScope, &[("group", g)]))
        .unwrap_or_default();
    let mut opening = f.fill(
        L::BulletinOpening,
        &[
            ("date", &long_date(report.as_of, lang)),
            ("scope", &scope),
            ("total", &tally.total.to_string()),
            ("done", &tally.done.to_string()),
            ("share", &format_share(tally.done_share())),
            ("open", &(tally.total - tally.done).to_string()),
            ("overdue", &report.count.to_string()),
            ("yellow", &tally.warnings.yellow.to_string()),
        ],
    );
    if tally.cancelled > 0 {
        opening.push_str(f.label(L::SentenceSep));
        opening.push_str(&f.fill(L::BulletinCancelled, &[("n", &tally.cancelled.to_string())]));
    }
    let units = by_lead_unit(&report.tasks);
    let mut section = 0;
    let mut next = |doc: &mut Document<'a>, what: L| {
        section += 1;
        doc.heading(
            1,
            format!("{}{}", section_number(section, lang), f.label(what)),
        );
        section
    };
    next(&mut doc, L::BulletinOverall);
    doc.para(opening);
    if report.tasks.is_empty() {
        doc.para(f.label(L::BulletinNoneOverdue));
    } else {
        let mut lagging: Vec<String> = Vec::new();
        let named: Vec<String> = units
            .iter()
            .filter_map(|u| Some((u.unit?, u.tasks.len())))
            .take(LAGGING)
            .map(|(unit, n)| {
                f.fill(
                    L::BulletinUnitCount,
                    &[("unit", unit), ("n", &n.to_string())],
                )
            })
            .collect();
        if !named.is_empty() {
            let names: Vec<&str> = named.iter().map(String::as_str).collect();
            lagging.push(f.fill(L::BulletinLagging, &[("units", &f.list_of(&names))]));
        }
        if let Some(t) = report.tasks.first() {
            let days = t.days_overdue.unwrap_or(0).to_string();
            lagging.push(f.fill(
                L::BulletinLongest,
                &[("id", t.id), ("title", t.title), ("days", &days)],
            ));
        }
        doc.para(lagging.join(f.label(L::SentenceSep)));
        let s = next(&mut doc, L::BulletinTasks);
        for (i, u) in units.iter().enumerate() {
            let unit = u.unit.unwrap_or(f.label(L::BulletinNoLeadUnit));
            let heading = f.fill(
                L::BulletinUnitHeading,
                &[("unit", unit), ("n", &u.tasks.len().to_string())],
            );
            doc.heading(2, format!("{}{heading}", subsection_number(s, i + 1, lang)));
            doc.table(unit_table(f, unit, &u.tasks));
        }
        next(&mut doc, L::BulletinSummary);
        let by = asked.by.unwrap_or_default();
        doc.table(summary_table(f, &report.summary, by, by_label(by)));
        next(&mut doc, L::BulletinRequirements);
        doc.para(f.fill(L::BulletinAsk, &[("office", f.office())]));
    }
    doc.blocks.push(super::Block::Signature {
        from: f.office().into(),
        date: report.as_of,
    });
    doc
}

/// One lead unit's overdue tasks in the bulletin: 编号, 事项, 责任人, 完成时限, 逾期天数,
/// 进展情况.
fn unit_table<'a>(f: Frame<'a>, unit: &'a str, tasks: &[&'a TaskView<'a>]) -> Table<'a> {
    let mut table = Table::new(unit);
    table.columns(
        [
            L::Id,
            L::LedgerMatter,
            L::Owner,
            L::LedgerDeadline,
            L::DaysOverdue,
            L::LedgerProgress,
        ]
        .map(|l| f.label(l)),
    );
    for t in tasks {
        table.push_warned(
            vec![
                Cell::text(t.id),
                Cell::text(t.title),
                f.name_cell(t.owner),
                t.next_due.map_or_else(|| Cell::empty(""), Cell::date),
                int(t.days_overdue),
                latest(t).map_or_else(|| Cell::empty(""), Cell::text),
            ],
            t.warning,
        );
    }
    table.keep_words([0, 3]);
    table
}

/// The 督办通知单 of `wg tasks notice`: addressed to the unit, its overdue and warned
/// tasks, the reply deadline, the office's signature. The caller says instead that
/// there is nothing to send when the notice has no tasks.
pub fn notice<'a>(f: Frame<'a>, report: &'a Notice<'a>) -> Document<'a> {
    let lang = f.lang;
    let mut doc = Document::new(lang, Kind::Letter, f.label(L::NoticeTitle));
    doc.as_of = Some(report.as_of);
    doc.blocks.push(super::Block::Addressee(
        f.fill(L::NoticeAddressee, &[("unit", report.unit)]).into(),
    ));
    let overdue = report
        .tasks
        .iter()
        .filter(|t| t.days_overdue.is_some())
        .count();
    let yellow = report.tasks.len() - overdue;
    // A count of none is left out: the letter says what there is.
    let body = match (overdue, yellow) {
        (_, 0) => L::NoticeBodyOverdue,
        (0, _) => L::NoticeBodyYellow,
        _ => L::NoticeBody,
    };
    doc.para(f.fill(
        body,
        &[
            ("date", &long_date(report.as_of, lang)),
            ("overdue", &overdue.to_string()),
            ("yellow", &yellow.to_string()),
        ],
    ));
    let mut table = Table::new(f.label(L::NoticeTitle));
    table.columns(
        [
            L::Id,
            L::LedgerMatter,
            L::LedgerDeadline,
            L::DaysOverdue,
            L::Warning,
            L::LedgerProgress,
        ]
        .map(|l| f.label(l)),
    );
    for t in &report.tasks {
        table.push_warned(
            vec![
                Cell::text(t.id),
                Cell::text(t.title),
                f.due_cell(t),
                int(t.days_overdue),
                f.warning_cell(t),
                latest(t).map_or_else(|| Cell::empty(""), Cell::text),
            ],
            t.warning,
        );
    }
    table.keep_words([0, 2]);
    doc.main_table(table);
    doc.para(f.fill(
        L::NoticeReply,
        &[
            ("date", &long_date(report.reply_by, lang)),
            ("office", f.office()),
        ],
    ));
    doc.blocks.push(super::Block::Signature {
        from: f.office().into(),
        date: report.as_of,
    });
    doc
}

/// `wg tasks show`: the task's fields as lines under its title, then its progress
/// notes. `dir` is the data directory as the user named it, so that the file it names
/// opens from where `wg` ran. The same document on every medium.
pub fn show<'a>(f: Frame<'a>, report: &'a TaskShow<'a>, dir: &std::path::Path) -> Document<'a> {
    let t = &report.task;
    let title = f.fill(L::ShowTitle, &[("id", t.id), ("title", t.title)]);
    let mut doc = Document::new(f.lang, Kind::Paper, title);
    doc.as_of = Some(report.as_of);
    doc.blocks.push(Block::Fields(
        show_fields(f, t, dir)
            .into_iter()
            .map(|(label, value)| (Cow::Borrowed(f.label(label)), Cow::Owned(value)))
            .collect(),
    ));
    doc.heading(1, f.label(L::Updates));
    if t.updates.is_empty() {
        doc.para(f.label(L::NoUpdates));
    }
    for (n, u) in t.updates.iter().enumerate() {
        // A note of several lines: its first line is the item, the others its details.
        let note = format!("{}{}", u.note, readings(f, &u));
        let mut lines = note.lines();
        let first = lines.next().unwrap_or_default();
        doc.item(
            n + 1,
            f.fill(
                L::UpdateLine,
                &[("date", &u.date.to_string()), ("note", first)],
            ),
        );
        for line in lines {
            doc.detail(line.to_owned());
        }
        for (label, text) in update_parts(&u) {
            for (i, line) in text.lines().enumerate() {
                doc.detail(if i == 0 {
                    f.fill(L::Field, &[("label", f.label(label)), ("value", line)])
                } else {
                    line.to_owned()
                });
            }
        }
    }
    doc
}

/// Every field of one task as label–value pairs, in reading order.
fn show_fields(f: Frame<'_>, t: &TaskView, dir: &std::path::Path) -> Vec<(L, String)> {
    let none = || f.none().to_owned();
    let date = |d: Option<NaiveDate>| d.map_or_else(none, |d| d.to_string());
    let list = |v: &[&str]| {
        if v.is_empty() { none() } else { f.list_of(v) }
    };
    let mut fields = vec![
        (L::Group, f.paren(f.group_name(t.group), t.group)),
        (L::LeadUnit, t.lead_unit.map_or_else(none, str::to_owned)),
        (L::Units, list(&t.units)),
        (L::Owner, t.owner.map_or_else(none, str::to_owned)),
        (
            L::Targets,
            list(&t.targets.iter().map(|t| &**t).collect::<Vec<_>>()),
        ),
        (L::Start, date(t.start)),
        (L::Due, date(t.due)),
    ];
    // A roll-up: the task's office, first.
    if let Some(office) = t
        .office
        .and_then(|id| f.data.offices.iter().find(|o| o.id == id))
    {
        fields.insert(0, (L::Office, f.paren(&office.name, &office.id)));
    }
    if let Some(original) = t.original_due {
        let value = match t.extended_days {
            Some(days) => f.paren(
                &original.to_string(),
                &f.fill(L::ExtendedBy, &[("days", &days.to_string())]),
            ),
            None => original.to_string(),
        };
        fields.push((L::OriginalDue, value));
    }
    if let Some(r) = f.repeat_word(t) {
        fields.push((L::Repeat, r.to_owned()));
        fields.push((L::DoneThrough, date(t.done_through)));
        fields.push((L::NextDue, date(t.next_due)));
    }
    fields.push((L::Status, status_word(t.status, f.lang).to_owned()));
    let done_on = match t.done_on {
        Some(d) => f.paren(
            &d.to_string(),
            f.label(if t.late { L::DoneLate } else { L::DoneOnTime }),
        ),
        None => none(),
    };
    fields.push((L::DoneOn, done_on));
    fields.push((L::Warning, f.warning_cell(t).text.into_owned()));
    let number = |n: Option<i64>| n.map_or_else(none, |n| n.to_string());
    fields.push((L::DaysOverdue, number(t.days_overdue)));
    if f.data.calendar.is_some() {
        fields.push((L::WorkingDaysOverdue, number(t.working_days_overdue)));
    }
    if t.repeat.is_some() {
        fields.push((L::Missed, number(t.missed.map(i64::from))));
    }
    fields.push((L::Outcome, t.outcome.map_or_else(none, str::to_owned)));
    for i in &t.indicators {
        fields.push((L::Indicators, indicator_detail(i, f.lang)));
    }
    if !t.indicators.is_empty() {
        let behind = match behind_text(t, f.lang) {
            Some(why) => f.paren(f.label(L::Yes), &why),
            None => f.label(L::No).to_owned(),
        };
        fields.push((L::BehindSchedule, behind));
    }
    fields.push((
        L::WrittenIn,
        format!("{}:{}", dir.join(t.file).display(), t.line),
    ));
    fields
}

/// The readings a note gives, to follow its text: `（新建货车司机工会 35）`.
fn readings(f: Frame<'_>, u: &UpdateView) -> String {
    if u.values.is_empty() {
        return String::new();
    }
    let list: Vec<String> = u
        .values
        .iter()
        .map(|(name, v)| format!("{name} {}", format_amount(*v)))
        .collect();
    let list: Vec<&str> = list.iter().map(String::as_str).collect();
    f.fill(L::Readings, &[("list", &f.list_of(&list))])
}

/// The parts of a progress report after its text: 存在问题, 下一步措施, who reported.
fn update_parts<'u>(u: &UpdateView<'u>) -> Vec<(L, &'u str)> {
    [
        (L::UpdateProblems, u.problems),
        (L::UpdateNextSteps, u.next_steps),
        (L::UpdateBy, u.by),
    ]
    .into_iter()
    .filter_map(|(l, v)| v.map(|v| (l, v)))
    .collect()
}
