//! A task as reports show it: every field from the files, references by name, and what
//! the as-of date makes of it (next due date, days overdue, missed occurrences, the
//! warning level, each indicator's progress, whether it is behind schedule).

use super::indicator_view::{IndicatorView, amount};
use crate::model::{Data, Task, Warning, WarningWindows};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, Serialize)]
pub struct UpdateView<'d> {
    #[serde(serialize_with = "date_text")]
    pub date: NaiveDate,
    /// 进展情况.
    pub note: &'d str,
    /// 存在问题.
    pub problems: Option<&'d str>,
    /// 下一步措施.
    pub next_steps: Option<&'d str>,
    /// The unit or person who reported, by name.
    pub by: Option<&'d str>,
    /// Indicator readings, by indicator name (`{}` when the note gives none).
    #[serde(serialize_with = "readings")]
    pub values: Vec<(&'d str, f64)>,
}

/// A task's progress notes as reports show them, each made when it is read: a list
/// held a view of every note of every task it listed (730,000 views for a million
/// tasks, each with a vector of its readings), where most lists show none of them.
/// Serialized, they are the list of [`UpdateView`]s.
#[derive(Clone, Copy)]
pub struct Updates<'d> {
    data: &'d Data,
    task: &'d Task,
}

impl<'d> Updates<'d> {
    /// The notes in the file's order.
    pub fn iter(&self) -> impl Iterator<Item = UpdateView<'d>> + use<'d> {
        let (data, task) = (self.data, self.task);
        task.updates.iter().map(move |u| UpdateView {
            date: u.date,
            note: &u.note,
            problems: u.problems.as_deref(),
            next_steps: u.next_steps.as_deref(),
            by: u.by.map(|r| data.reporter_name(r)),
            values: u
                .values
                .iter()
                .filter_map(|r| {
                    let i = task.indicators.get(r.indicator)?;
                    Some((i.name.as_str(), r.value))
                })
                .collect(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.task.updates.is_empty()
    }
}

impl Serialize for Updates<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl std::fmt::Debug for Updates<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Readings as a map from the indicator's name to the number, in the order written.
fn readings<S: serde::Serializer>(values: &[(&str, f64)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    struct Amount(f64);
    impl Serialize for Amount {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            amount(&self.0, s)
        }
    }
    let mut map = s.serialize_map(Some(values.len()))?;
    for (name, value) in values {
        map.serialize_entry(name, &Amount(*value))?;
    }
    map.end()
}

/// Borrows from the data: a 20,000-row overdue list built owned copies of every field
/// in 24 ms, most of its report's time.
#[derive(Debug, Clone, Serialize)]
pub struct TaskView<'d> {
    /// In a roll-up, the task's office (its id in offices.toml); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<&'d str>,
    /// What a table's office column shows: the office's short name, else its name.
    #[serde(skip)]
    pub office_label: Option<&'d str>,
    pub id: &'d str,
    pub title: &'d str,
    /// Group id.
    pub group: &'d str,
    /// The lead unit by name: the task's own, or its group's.
    pub lead_unit: Option<&'d str>,
    pub units: Vec<&'d str>,
    pub owner: Option<&'d str>,
    #[serde(serialize_with = "opt_date_text")]
    pub start: Option<NaiveDate>,
    /// `due` as written (for a repeating task, its first occurrence).
    #[serde(serialize_with = "opt_date_text")]
    pub due: Option<NaiveDate>,
    /// The first occurrence not yet completed (equals `due` unless the task repeats).
    #[serde(serialize_with = "opt_date_text")]
    pub next_due: Option<NaiveDate>,
    pub status: &'static str,
    #[serde(serialize_with = "opt_date_text")]
    pub done_on: Option<NaiveDate>,
    pub repeat: Option<&'static str>,
    #[serde(serialize_with = "opt_date_text")]
    pub done_through: Option<NaiveDate>,
    pub targets: &'d [crate::model::Str],
    pub outcome: Option<&'d str>,
    /// The due date before the first extension (延期), as written.
    pub original_due: Option<NaiveDate>,
    /// Days the deadline was moved by extensions (`due - original_due`); null when the
    /// task was not extended.
    pub extended_days: Option<i64>,
    /// The outcome requirement as numbers, each as of the as-of date.
    pub indicators: Vec<IndicatorView<'d>>,
    /// Behind schedule on the as-of date (SPEC "Behind schedule"): open, with `start`,
    /// `due` and indicators, and the share of time elapsed exceeds the share of a
    /// target reached by more than 20 points.
    pub behind_schedule: bool,
    /// The share of the time from `start` to `due` elapsed on the as-of date (0 to 1,
    /// 3 decimals); null without both dates.
    pub time_elapsed: Option<f64>,
    pub updates: Updates<'d>,
    /// Days since the oldest missed due date; null when not overdue.
    pub days_overdue: Option<i64>,
    /// Missed occurrences of a repeating task (null for a task that does not repeat).
    pub missed: Option<u32>,
    /// Working days overdue, when the data has a calendar and the task is overdue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_days_overdue: Option<i64>,
    /// Done after its due date.
    pub late: bool,
    /// The graded warning (预警): red, yellow, blue or green; null when done or
    /// cancelled.
    #[serde(serialize_with = "warning_text")]
    pub warning: Option<Warning>,
    /// Where the task is written, relative to the data directory.
    #[serde(serialize_with = "path_text")]
    pub file: &'d Path,
    pub line: usize,
}

/// A date as `YYYY-MM-DD`, written digit by digit ([`crate::model::iso_digits`]):
/// through `Display` (as chrono's own `Serialize` writes it) the five dates of each
/// task were a fifth of the JSON of a 20,000-task list. The same text, for every date
/// wg handles (years 0001–9999; a test compares them); any other goes through `Display`.
fn date_text<S: serde::Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    let digits = crate::model::iso_digits(*date);
    match digits.as_ref().and_then(|t| std::str::from_utf8(t).ok()) {
        Some(text) => s.serialize_str(text),
        None => s.collect_str(date),
    }
}

fn opt_date_text<S: serde::Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => date_text(d, s),
        None => s.serialize_none(),
    }
}

/// A path as text (any bytes that are not UTF-8 shown as U+FFFD).
fn path_text<S: serde::Serializer>(path: &&Path, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&path.display())
}

fn warning_text<S: serde::Serializer>(w: &Option<Warning>, s: S) -> Result<S::Ok, S::Error> {
    match w {
        Some(w) => s.serialize_str(w.as_str()),
        None => s.serialize_none(),
    }
}

/// The org's warning windows as of `today`, with the data's calendar: worked out once
/// per report, then [`TaskView::graded`] grades each task against them.
pub fn warning_windows(data: &Data, today: NaiveDate) -> WarningWindows {
    data.org.warnings.windows(today, data.calendar.as_ref())
}

/// A view's text from the task file: what its JSON reads first.
impl crate::swar::AskAhead for TaskView<'_> {
    fn ask_ahead(&self) {
        crate::swar::prefetch(self.id);
        crate::swar::prefetch(self.title);
        if let Some(outcome) = self.outcome {
            crate::swar::prefetch(outcome);
        }
    }
}

impl<'d> TaskView<'d> {
    /// One task on its own; a list grades its tasks with [`TaskView::graded`].
    pub fn new(data: &'d Data, task: &'d Task, today: NaiveDate) -> TaskView<'d> {
        TaskView::graded(data, task, today, &warning_windows(data, today))
    }

    /// The task as of `today`, its warning level from `windows` (of the same day).
    pub fn graded(
        data: &'d Data,
        task: &'d Task,
        today: NaiveDate,
        windows: &WarningWindows,
    ) -> TaskView<'d> {
        let overdue = task.overdue(today);
        let next_due = task.next_due();
        let working_days_overdue = match (&data.calendar, overdue) {
            (Some(cal), Some(o)) => Some(cal.working_days_between(o.since, today)),
            _ => None,
        };
        let office = data.task_office(task).and_then(|o| data.office(o));
        TaskView {
            office: office.map(|o| o.id.as_str()),
            office_label: office.map(|o| o.label()),
            id: &task.id,
            title: &task.title,
            group: &data.group(task.group).id,
            lead_unit: data.task_lead_unit(task).map(|u| data.unit_name(u)),
            units: task.units.iter().map(|&u| data.unit_name(u)).collect(),
            owner: task.owner.map(|p| data.person_name(p)),
            start: task.start,
            due: task.due,
            next_due,
            status: task.status.as_str(),
            done_on: task.done_on,
            repeat: task.repeat.map(|r| r.as_str()),
            done_through: task.done_through,
            targets: &task.targets,
            outcome: task.outcome.as_deref(),
            original_due: task.original_due,
            extended_days: task.extended_days(),
            indicators: task.progress(today).iter().map(IndicatorView::of).collect(),
            behind_schedule: task.behind_schedule(today),
            time_elapsed: task.time_elapsed(today).map(crate::model::rounded),
            updates: Updates { data, task },
            days_overdue: overdue.map(|o| o.days),
            missed: task.repeat.map(|_| overdue.map_or(0, |o| o.missed)),
            working_days_overdue,
            late: task.is_late(),
            warning: windows.level_of(task, next_due),
            file: &task.origin.file,
            line: task.origin.line,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    /// Written digit by digit, a date reads as chrono's own `Serialize` and `Display`
    /// write it, for every year wg handles and a few it never sees.
    #[test]
    fn dates_serialise_as_chrono_writes_them() {
        #[derive(serde::Serialize)]
        struct Ours(#[serde(serialize_with = "super::date_text")] NaiveDate);
        let mut day = crate::model::FIRST_DAY;
        let check = |d: NaiveDate| {
            assert_eq!(
                serde_json::to_string(&Ours(d)).unwrap(),
                serde_json::to_string(&d).unwrap()
            );
            assert_eq!(crate::model::iso_date(d), d.to_string());
        };
        while day < crate::model::LAST_DAY {
            check(day);
            day += chrono::Duration::days(13);
        }
        check(crate::model::LAST_DAY);
        for (y, m, d) in [(0, 1, 1), (-1, 12, 31), (10000, 1, 1), (2024, 2, 29)] {
            check(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        }
    }
}
