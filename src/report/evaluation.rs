//! The evaluation (检查评估): how the tasks that fell due in a quarter stand, per owning
//! group or per lead unit, and overall. Also the quarter arithmetic on tasks that the
//! agenda shares: which occurrences fall in a period, and what became of them.
//!
//! The evaluation is taken as of the *cut-off*: the quarter's last day, or the as-of
//! date if that comes first (`min(today, quarter end)`). A quarter that has ended is
//! counted as at its close, so its report does not change as time goes on; the current
//! quarter is counted as of today. A task due in the quarter is exactly one of:
//! - done on time (`done_on <= due`) or done late (`done_on > due`), when `done_on` is on
//!   or before the cut-off (a task done after its quarter closed counts as overdue in
//!   that quarter's report);
//! - overdue: not done by the cut-off, and due before today; in an ended quarter that
//!   is every task not done by the quarter's last day;
//! - open: not done, and due today or later (only in the current or a future quarter).
//!
//! So `due = done + overdue + open` and `done = on_time + late`. The on-time rate is
//! `on_time / (done + overdue)`: the share done on time among the tasks whose fate is
//! settled (tasks not yet due are not counted against anyone). `blocked` counts tasks
//! due in the quarter whose status is `blocked` now (the files keep no history of
//! statuses). Cancelled tasks and tasks without `due` are left out.
//!
//! The warning counts (预警) are the exception to the cut-off, as `blocked` is: they
//! count every task open on the as-of date, whatever its due date, at its level as of
//! that date, since a warning says what needs doing now. (As of the cut-off, a task
//! due on the quarter's last day would be yellow in a row that counts it overdue.)
//! With [`By::Unit`], a unit that leads open tasks has a row even when none of its
//! tasks fell due in the quarter, so that the rows add up to the total.
//!
//! `extended` counts the quarter's deadlines that were moved later (延期): tasks, not
//! cancelled, whose `original_due` falls in the quarter and is earlier than `due`.
//! They are counted under their new due date like any task (so an extension into the
//! next quarter takes a task out of this quarter's `due`); this column says they were.
//!
//! A repeating task counts once per quarter, as done when every occurrence in the
//! quarter is within `done_through`. The files do not record when an occurrence was
//! completed, so a completed occurrence counts as done on time.

use super::task_view::warning_windows;
use super::warning_counts::WarningCounts;
use crate::model::{Data, GroupIdx, Quarter, Repeat, Status, Task, UnitIdx};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Months between occurrences of a repeating task.
fn step(repeat: Repeat) -> u32 {
    match repeat {
        Repeat::Monthly => 1,
        Repeat::Quarterly => 3,
        Repeat::Yearly => 12,
    }
}

/// The task's due dates in `from..=to`: `due` for a plain task, every occurrence for a
/// repeating one. Closed or not, completed or not: callers decide.
pub fn occurrences_in(task: &Task, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let Some(due) = task.due else {
        return Vec::new();
    };
    let Some(repeat) = task.repeat else {
        return if (from..=to).contains(&due) {
            vec![due]
        } else {
            Vec::new()
        };
    };
    // Jump close to `from` by month arithmetic instead of walking from the first
    // occurrence, so a series anchored centuries ago costs nothing.
    let months = (from.year() - due.year()) * 12 + from.month() as i32 - due.month() as i32;
    let mut n = (months.max(0) as u32 / step(repeat)).saturating_sub(1);
    let mut found = Vec::new();
    while let Some(d) = repeat.occurrence(due, n) {
        if d > to {
            break;
        }
        if d >= from {
            found.push(d);
        }
        n = match n.checked_add(1) {
            Some(next) => next,
            None => break,
        };
    }
    found
}

/// The occurrences in `from..=to` not yet completed: for a repeating task, those after
/// `done_through`; for a plain one, its due date unless the task is done. Closed tasks
/// have none.
pub fn pending_in(task: &Task, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    if task.status.is_closed() {
        return Vec::new();
    }
    let through = task.done_through.unwrap_or(NaiveDate::MIN);
    occurrences_in(task, from, to)
        .into_iter()
        .filter(|&d| task.repeat.is_none() || d > through)
        .collect()
}

/// What became of a task due in a quarter, as of a cut-off date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    OnTime,
    Late,
    Overdue,
    Open,
}

impl Outcome {
    pub fn is_done(self) -> bool {
        matches!(self, Outcome::OnTime | Outcome::Late)
    }
}

/// The task's outcome for quarter `q`, counting it done only when done on or before
/// `done_by`, and late when its first pending occurrence is before `today`; `None`
/// when nothing of it falls due in the quarter, or it was cancelled.
pub fn outcome(task: &Task, q: Quarter, done_by: NaiveDate, today: NaiveDate) -> Option<Outcome> {
    if task.status == Status::Cancelled {
        return None;
    }
    let occurrences = occurrences_in(task, q.first_day(), q.last_day());
    let last = *occurrences.last()?;
    if task.status == Status::Done
        && let Some(done) = task.done_on.filter(|&d| d <= done_by)
    {
        return Some(if done > last {
            Outcome::Late
        } else {
            Outcome::OnTime
        });
    }
    let through = task.done_through.unwrap_or(NaiveDate::MIN);
    let first_pending = occurrences
        .iter()
        .copied()
        .find(|&d| task.repeat.is_none() || d > through);
    Some(match first_pending {
        // Only a repeating task gets here: every occurrence is completed.
        None => Outcome::OnTime,
        Some(d) if d < today => Outcome::Overdue,
        Some(_) => Outcome::Open,
    })
}

/// The counts of one row of the evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Tasks with a due date in the quarter (cancelled ones left out).
    pub due: usize,
    /// Done by the cut-off: `on_time + late`.
    pub done: usize,
    pub on_time: usize,
    pub late: usize,
    /// Not done by the cut-off and due before today.
    pub overdue: usize,
    /// Not done, due today or later.
    pub open: usize,
    /// Due in the quarter and `blocked` now.
    pub blocked: usize,
    /// Originally due in the quarter and extended (延期), wherever `due` is now.
    pub extended: usize,
    /// `on_time / (done + overdue)`, rounded to 3 decimals; null when that is 0 / 0.
    pub on_time_rate: Option<f64>,
    /// Every task open on the as-of date (any due date), per warning level as of then.
    pub warnings: WarningCounts,
    /// Ids of the tasks done late, overdue and blocked, in file order.
    pub late_tasks: Vec<String>,
    pub overdue_tasks: Vec<String>,
    pub blocked_tasks: Vec<String>,
    pub extended_tasks: Vec<String>,
}

impl Counts {
    fn add(&mut self, task: &Task, outcome: Outcome) {
        self.due += 1;
        match outcome {
            Outcome::OnTime => self.on_time += 1,
            Outcome::Late => {
                self.late += 1;
                self.late_tasks.push(task.id.clone());
            }
            Outcome::Overdue => {
                self.overdue += 1;
                self.overdue_tasks.push(task.id.clone());
            }
            Outcome::Open => self.open += 1,
        }
        if outcome.is_done() {
            self.done += 1;
        }
        if task.status == Status::Blocked {
            self.blocked += 1;
            self.blocked_tasks.push(task.id.clone());
        }
    }

    fn add_extended(&mut self, task: &Task) {
        self.extended += 1;
        self.extended_tasks.push(task.id.clone());
    }

    fn finish(mut self) -> Counts {
        let settled = self.done + self.overdue;
        self.on_time_rate =
            (settled > 0).then(|| (self.on_time as f64 / settled as f64 * 1000.0).round() / 1000.0);
        self
    }
}

/// What a row is about: an owning group (by id) or a lead unit (by name; null for
/// tasks that have none).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum RowKey {
    Group { group: String },
    Unit { unit: Option<String> },
}

#[derive(Debug, Clone, Serialize)]
pub struct EvalRow {
    #[serde(flatten)]
    pub key: RowKey,
    /// The group's or unit's name, for people.
    pub name: String,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Group,
    Unit,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub as_of: NaiveDate,
    /// The date the counts are taken at: `min(as_of, quarter end)`.
    pub cutoff: NaiveDate,
    pub quarter: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "group" or "unit".
    pub by: &'static str,
    pub rows: Vec<EvalRow>,
    pub total: Counts,
}

/// The evaluation of quarter `q` as of `today`. With [`By::Group`] every group has a
/// row (in file order), so a group with nothing due shows as such; with [`By::Unit`]
/// only units that lead a task due in the quarter or an open task do (in file order,
/// then the tasks with no lead unit).
pub fn evaluate(
    data: &Data,
    q: Quarter,
    today: NaiveDate,
    by: By,
    no_unit_name: &str,
) -> Evaluation {
    let cutoff = today.min(q.last_day());
    let outcomes: Vec<(&Task, Outcome)> = data
        .tasks
        .iter()
        .filter_map(|t| outcome(t, q, cutoff, today).map(|o| (t, o)))
        .collect();
    let windows = warning_windows(data, today);
    let open: Vec<&Task> = data
        .tasks
        .iter()
        .filter(|t| !t.status.is_closed())
        .collect();
    let extended: Vec<&Task> = data
        .tasks
        .iter()
        .filter(|t| t.status != Status::Cancelled && t.extended_days().is_some())
        .filter(|t| t.original_due.is_some_and(|d| q.contains(d)))
        .collect();
    let mut total = Counts::default();
    for &(task, o) in &outcomes {
        total.add(task, o);
    }
    total.warnings = WarningCounts::of(open.iter().copied(), &windows);
    for task in &extended {
        total.add_extended(task);
    }
    let tally = |keep: &dyn Fn(&Task) -> bool| {
        let mut counts = Counts::default();
        for &(task, o) in outcomes.iter().filter(|(t, _)| keep(t)) {
            counts.add(task, o);
        }
        counts.warnings = WarningCounts::of(open.iter().copied().filter(|t| keep(t)), &windows);
        for task in extended.iter().filter(|t| keep(t)) {
            counts.add_extended(task);
        }
        counts.finish()
    };
    let rows = match by {
        By::Group => (0..data.groups.len())
            .map(|g: GroupIdx| EvalRow {
                key: RowKey::Group {
                    group: data.group(g).id.clone(),
                },
                name: data.group(g).name.clone(),
                counts: tally(&|t| t.group == g),
            })
            .collect(),
        By::Unit => {
            let lead = |t: &Task| data.task_lead_unit(t);
            let mut keys: Vec<Option<UnitIdx>> = (0..data.units.len()).map(Some).collect();
            keys.push(None);
            keys.into_iter()
                .filter(|&u| {
                    outcomes.iter().any(|(t, _)| lead(t) == u)
                        || open.iter().any(|t| lead(t) == u)
                        || extended.iter().any(|t| lead(t) == u)
                })
                .map(|u| EvalRow {
                    key: RowKey::Unit {
                        unit: u.map(|u| data.unit_name(u).to_owned()),
                    },
                    name: u
                        .map_or_else(|| no_unit_name.to_owned(), |u| data.unit_name(u).to_owned()),
                    counts: tally(&|t| lead(t) == u),
                })
                .collect()
        }
    };
    Evaluation {
        as_of: today,
        cutoff,
        quarter: q.to_string(),
        from: q.first_day(),
        to: q.last_day(),
        by: match by {
            By::Group => "group",
            By::Unit => "unit",
        },
        rows,
        total: total.finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn task(due: &str, status: Status, done_on: Option<&str>) -> Task {
        Task {
            id: "T".into(),
            title: "t".into(),
            group: 0,
            lead_unit: None,
            units: vec![],
            owner: None,
            start: None,
            due: Some(d(due)),
            status,
            done_on: done_on.map(d),
            repeat: None,
            done_through: None,
            targets: vec![],
            outcome: None,
            original_due: None,
            updates: vec![],
            origin: Origin {
                file: std::path::Path::new("tasks.toml").into(),
                line: 1,
            },
        }
    }

    const Q4: Quarter = Quarter { year: 2021, q: 4 };

    #[test]
    fn an_ended_quarter_is_counted_at_its_close() {
        let today = d("2022-01-10");
        let close = Q4.last_day();
        // Done after the quarter closed: overdue in that quarter's report.
        let t = task("2021-11-30", Status::Done, Some("2022-01-06"));
        assert_eq!(outcome(&t, Q4, close, today), Some(Outcome::Overdue));
        // Due on the last day and not done by it: overdue too, not open.
        let t = task("2021-12-31", Status::InProgress, None);
        assert_eq!(outcome(&t, Q4, close, today), Some(Outcome::Overdue));
    }

    #[test]
    fn the_current_quarter_is_counted_as_of_today() {
        let today = d("2021-11-30");
        let t = task("2021-11-30", Status::Todo, None);
        assert_eq!(outcome(&t, Q4, today, today), Some(Outcome::Open));
        let t = task("2021-11-29", Status::Todo, None);
        assert_eq!(outcome(&t, Q4, today, today), Some(Outcome::Overdue));
    }

    #[test]
    fn done_late_within_the_quarter_is_late() {
        let t = task("2021-10-29", Status::Done, Some("2021-11-12"));
        assert_eq!(
            outcome(&t, Q4, Q4.last_day(), d("2022-01-10")),
            Some(Outcome::Late)
        );
    }

    #[test]
    fn cancelled_and_other_quarters_are_left_out() {
        let (close, today) = (Q4.last_day(), d("2022-01-10"));
        assert_eq!(
            outcome(
                &task("2021-10-29", Status::Cancelled, None),
                Q4,
                close,
                today
            ),
            None
        );
        assert_eq!(
            outcome(&task("2021-09-30", Status::Todo, None), Q4, close, today),
            None
        );
    }

    #[test]
    fn repeating_task_is_done_when_its_quarter_is_within_done_through() {
        let mut t = task("2021-08-31", Status::InProgress, None);
        t.repeat = Some(Repeat::Monthly);
        t.done_through = Some(d("2021-11-30"));
        assert_eq!(
            occurrences_in(&t, Q4.first_day(), Q4.last_day()),
            vec![d("2021-10-31"), d("2021-11-30"), d("2021-12-31")]
        );
        let today = d("2021-12-31");
        assert_eq!(outcome(&t, Q4, today, today), Some(Outcome::Open));
        t.done_through = Some(d("2021-10-31"));
        assert_eq!(outcome(&t, Q4, today, today), Some(Outcome::Overdue));
        t.done_through = Some(d("2021-12-31"));
        assert_eq!(outcome(&t, Q4, today, today), Some(Outcome::OnTime));
    }

    #[test]
    fn occurrences_of_an_ancient_series_are_found_quickly() {
        let mut t = task("0001-01-31", Status::Todo, None);
        t.repeat = Some(Repeat::Monthly);
        let q = Quarter { year: 2024, q: 1 };
        assert_eq!(
            occurrences_in(&t, q.first_day(), q.last_day()),
            vec![d("2024-01-31"), d("2024-02-29"), d("2024-03-31")]
        );
    }
}
