//! The evaluation (检查评估): how the tasks stand in a quarter against the seed's four
//! yardsticks — timeline (时间进度), task list (任务清单), outcomes (成效要求) — per
//! owning group, lead unit or owner (责任分工), and overall. Also the quarter arithmetic
//! on tasks that the agenda shares: which occurrences fall in a period, and what became
//! of them. A pure function of (data, quarter, as-of date).
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
//! settled (tasks not yet due are not counted against anyone). Cancelled tasks and
//! tasks without `due` are left out of these. `due` is the due date now: a task whose
//! deadline was moved counts under the new one.
//!
//! Nothing falls out (任务清单). Beside the tasks due in the quarter the evaluation
//! counts the backlog carried in (上期结转, [`carried`]): tasks due before the quarter
//! and still open at its start; `carried = cleared + carried_open`, cleared being done
//! by the cut-off. `blocked` counts every task `blocked` on the as-of date, wherever its
//! due date lies (the files keep no history of statuses).
//!
//! Outcomes (成效要求): of the tasks due in the quarter or carried in, those with
//! indicators; of them, those whose every indicator is met by the cut-off (the latest
//! reading on or before it reaches the target), and those done by the cut-off with an
//! indicator not met, which count as done all the same (done, outcome not met).
//! `behind_schedule` counts the open tasks behind schedule on the as-of date.
//!
//! The warning counts (预警) are the other exception to the cut-off, with `blocked` and
//! `behind_schedule`: they count every task open on the as-of date, whatever its due
//! date, at its level as of that date, since a warning says what needs doing now. (As
//! of the cut-off, a task due on the quarter's last day would be yellow in a row that
//! counts it overdue.) With [`By::Unit`] and [`By::Owner`], a unit or person that leads
//! or owns an open task has a row even when none of its tasks fell due in the quarter,
//! so that the rows add up to the total.
//!
//! Responsibility (责任分工): [`By::Unit`] counts each task under its lead unit only;
//! the units that support a task (its `units`) are counted apart, in
//! [`Evaluation::supporting`], which is not part of the total. Units and owners are
//! ranked by on-time rate; one with no rate (nothing settled by the cut-off) is not
//! ranked.
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
use crate::model::{Data, GroupIdx, PersonIdx, Quarter, Repeat, Status, Task, UnitIdx, Warning};
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

/// Whether a task was carried into quarter `q` (上期结转) and, if so, whether it was
/// cleared (done) by the cut-off: a task due before the quarter and still open at its
/// start, that is not done, or done on or after the quarter's first day. A repeating
/// task is carried while an occurrence before the quarter is not done; the files do not
/// record when an occurrence was done, so it is never counted as cleared. Cancelled
/// tasks and tasks without `due` are never carried.
pub fn carried(task: &Task, q: Quarter, cutoff: NaiveDate) -> Option<bool> {
    let first = q.first_day();
    if task.status == Status::Cancelled {
        return None;
    }
    if task.repeat.is_some() {
        return (!task.status.is_closed() && task.next_due()? < first).then_some(false);
    }
    if task.due? >= first {
        return None;
    }
    match (task.status, task.done_on) {
        (Status::Done, Some(done)) if done < first => None,
        (Status::Done, Some(done)) => Some(done <= cutoff),
        _ => Some(false),
    }
}

/// Whether the task's deadline was moved later (延期) from a date in quarter `q`:
/// `original_due` in the quarter and before `due`. Cancelled tasks are left out. The
/// task is counted under its new `due` all the same (on time against it).
pub fn extended_in(task: &Task, q: Quarter) -> bool {
    task.status != Status::Cancelled
        && task.extended_days().is_some()
        && task.original_due.is_some_and(|d| q.contains(d))
}

/// What the evaluation makes of one task: every yardstick, worked out once, so that a
/// row is a sum over the tasks it holds.
#[derive(Debug, Clone, Copy)]
struct Assessed<'d> {
    task: &'d Task,
    /// Due in the quarter: what became of it by the cut-off.
    outcome: Option<Outcome>,
    /// Carried in: whether it was cleared by the cut-off.
    carried: Option<bool>,
    /// Open on the as-of date: its warning level.
    level: Option<Warning>,
    /// Open and behind schedule on the as-of date.
    behind: bool,
    /// Extended (延期) with its original due date in the quarter.
    extended: bool,
    /// Due in the quarter or carried in, with indicators: whether every one is met by
    /// the cut-off.
    outcome_met: Option<bool>,
}

impl Assessed<'_> {
    /// Done by the cut-off, as the quarter counts it (due in it, or carried and cleared).
    fn done(&self) -> bool {
        self.outcome.is_some_and(Outcome::is_done) || self.carried == Some(true)
    }
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
    /// `blocked` on the as-of date, whatever the due date (in the quarter, before it,
    /// after it, or none).
    pub blocked: usize,
    /// Originally due in the quarter and extended (延期), wherever `due` is now.
    pub extended: usize,
    /// `on_time / (done + overdue)`, rounded to 3 decimals; null when that is 0 / 0.
    pub on_time_rate: Option<f64>,
    /// 上期结转: due before the quarter and still open at its start. `cleared +
    /// carried_open`.
    pub carried: usize,
    /// Carried in and done by the cut-off.
    pub cleared: usize,
    /// Carried in and not done by the cut-off.
    pub carried_open: usize,
    /// Due in the quarter or carried in, with indicators (成效要求 as numbers).
    pub with_indicators: usize,
    /// Of those, every indicator met by the cut-off.
    pub outcome_met: usize,
    /// Done by the cut-off (counted among the done) with an indicator not met.
    pub done_outcome_unmet: usize,
    /// Open on the as-of date and behind schedule.
    pub behind_schedule: usize,
    /// Every task open on the as-of date (any due date), per warning level as of then.
    pub warnings: WarningCounts,
    /// Ids, in file order, of the tasks done late, overdue, blocked, extended, carried
    /// in and still open, done with an outcome not met, and behind schedule.
    pub late_tasks: Vec<String>,
    pub overdue_tasks: Vec<String>,
    pub blocked_tasks: Vec<String>,
    pub carried_open_tasks: Vec<String>,
    pub outcome_unmet_tasks: Vec<String>,
    pub behind_schedule_tasks: Vec<String>,
    pub extended_tasks: Vec<String>,
}

impl Counts {
    fn add(&mut self, a: &Assessed<'_>) {
        let id = || a.task.id.to_string();
        if let Some(outcome) = a.outcome {
            self.due += 1;
            match outcome {
                Outcome::OnTime => self.on_time += 1,
                Outcome::Late => {
                    self.late += 1;
                    self.late_tasks.push(id());
                }
                Outcome::Overdue => {
                    self.overdue += 1;
                    self.overdue_tasks.push(id());
                }
                Outcome::Open => self.open += 1,
            }
            if outcome.is_done() {
                self.done += 1;
            }
        }
        match a.carried {
            Some(true) => {
                self.carried += 1;
                self.cleared += 1;
            }
            Some(false) => {
                self.carried += 1;
                self.carried_open += 1;
                self.carried_open_tasks.push(id());
            }
            None => {}
        }
        if a.task.status == Status::Blocked {
            self.blocked += 1;
            self.blocked_tasks.push(id());
        }
        if let Some(met) = a.outcome_met {
            self.with_indicators += 1;
            if met {
                self.outcome_met += 1;
            } else if a.done() {
                self.done_outcome_unmet += 1;
                self.outcome_unmet_tasks.push(id());
            }
        }
        if a.behind {
            self.behind_schedule += 1;
            self.behind_schedule_tasks.push(id());
        }
        if a.extended {
            self.extended += 1;
            self.extended_tasks.push(id());
        }
        self.warnings.add(a.level);
    }

    fn finish(mut self) -> Counts {
        let settled = self.done + self.overdue;
        self.on_time_rate =
            (settled > 0).then(|| (self.on_time as f64 / settled as f64 * 1000.0).round() / 1000.0);
        self
    }
}

/// What a row is about: an owning group (by id), a lead or supporting unit (by name;
/// null for tasks that have no lead unit), or an owner (by name; null for tasks
/// without one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RowKey {
    Group {
        group: String,
    },
    Unit {
        unit: Option<String>,
    },
    Owner {
        owner: Option<String>,
    },
    /// In a roll-up, [`By::Office`]: the office's id.
    Office {
        office: String,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct EvalRow {
    #[serde(flatten)]
    pub key: RowKey,
    /// The group's, unit's, person's or office's name, for people.
    pub name: String,
    /// In a roll-up, the office of the row's group, unit or person (its id); absent
    /// otherwise, and in the rows of [`By::Office`], whose key it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// What a table's office column shows for it (the short name, else the name).
    #[serde(skip)]
    pub office_label: Option<String>,
    /// The place by on-time rate (1 is best; ties share a place); null when nothing of
    /// the row was settled by the cut-off (no rate), and for groups, which keep their
    /// file order.
    pub rank: Option<usize>,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Group,
    Unit,
    Owner,
    /// In a roll-up: one row per office, ranked by on-time rate.
    Office,
}

/// Whether `by` can be asked of this data: per office only in a roll-up.
pub fn check_by(data: &Data, by: By) -> Result<(), crate::i18n::Text> {
    if by == By::Office && !data.is_rollup() {
        return Err(crate::i18n::msg::by_office_not_in_rollup());
    }
    Ok(())
}

/// Counts per bucket (a group, an office), in one pass over the assessed tasks, in
/// their order: the same as a tally per bucket, without a pass per bucket (a roll-up
/// of a hundred offices has hundreds of groups).
fn bucketed(
    assessed: &[Assessed<'_>],
    buckets: usize,
    bucket: impl Fn(&Task) -> Option<usize>,
) -> Vec<Counts> {
    let mut counts = vec![Counts::default(); buckets];
    for a in assessed {
        if let Some(c) = bucket(a.task).and_then(|b| counts.get_mut(b)) {
            c.add(a);
        }
    }
    counts.into_iter().map(Counts::finish).collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub as_of: NaiveDate,
    /// The date the counts are taken at: `min(as_of, quarter end)`.
    pub cutoff: NaiveDate,
    pub quarter: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "group", "unit" or "owner".
    pub by: &'static str,
    pub rows: Vec<EvalRow>,
    pub total: Counts,
    /// With `--by unit`: each supporting unit's count of the tasks it supports (配合)
    /// and does not lead, apart from `rows`, so nothing is counted twice and these rows
    /// add up to nothing. Empty otherwise.
    pub supporting: Vec<EvalRow>,
    /// Whether any task of the data has indicators (the outcome columns are shown).
    pub indicators: bool,
}

/// The evaluation of quarter `q` as of `today`, a pure function of the data, the
/// quarter and the date. With [`By::Group`] every group has a row (in file order), so
/// a group with nothing due shows as such. With [`By::Unit`] and [`By::Owner`] a unit
/// or person has a row when it leads or owns a task due in the quarter, carried in, or
/// open (so that the rows add up to the total), ranked by on-time rate (ties in file
/// order, then the rows without a rate), and the tasks with no lead unit or owner last,
/// under `no_key_name`.
pub fn evaluate(
    data: &Data,
    q: Quarter,
    today: NaiveDate,
    by: By,
    no_key_name: &str,
) -> Evaluation {
    let cutoff = today.min(q.last_day());
    let windows = warning_windows(data, today);
    let assessed: Vec<Assessed<'_>> = data
        .tasks
        .iter()
        .filter_map(|task| {
            let outcome = outcome(task, q, cutoff, today);
            let carried = carried(task, q, cutoff);
            let level = windows.level(task);
            let extended = extended_in(task, q);
            if outcome.is_none() && carried.is_none() && level.is_none() && !extended {
                return None;
            }
            Some(Assessed {
                task,
                outcome,
                carried,
                level,
                behind: task.behind_schedule(today),
                extended,
                outcome_met: (outcome.is_some() || carried.is_some())
                    .then(|| task.outcome_met(cutoff))
                    .flatten(),
            })
        })
        .collect();
    let tally = |keep: &dyn Fn(&Task) -> bool| {
        let mut counts = Counts::default();
        for a in assessed.iter().filter(|a| keep(a.task)) {
            counts.add(a);
        }
        counts.finish()
    };
    let holds = |keep: &dyn Fn(&Task) -> bool| assessed.iter().any(|a| keep(a.task));
    let lead = |t: &Task| data.task_lead_unit(t);
    let unit_name = |u: Option<UnitIdx>| {
        u.map_or_else(|| no_key_name.to_owned(), |u| data.unit_name(u).to_owned())
    };
    let mut supporting = Vec::new();
    // In a roll-up, the office of a row's group, unit or person.
    let office = |o: Option<usize>| {
        let office = o.and_then(|o| data.office(o));
        (
            office.map(|o| o.id.clone()),
            office.map(|o| o.label().to_owned()),
        )
    };
    let rows = match by {
        By::Group => (0..data.groups.len())
            .zip(bucketed(&assessed, data.groups.len(), |t| Some(t.group)))
            .map(|(g, counts): (GroupIdx, Counts)| {
                let (office, office_label) = office(data.group_office(g));
                EvalRow {
                    key: RowKey::Group {
                        group: data.group(g).id.clone(),
                    },
                    name: data.group(g).name.clone(),
                    office,
                    office_label,
                    rank: None,
                    counts,
                }
            })
            .collect(),
        By::Office => ranked(
            data.offices
                .iter()
                .zip(bucketed(&assessed, data.offices.len(), |t| {
                    data.task_office(t)
                }))
                .map(|(o, counts)| EvalRow {
                    key: RowKey::Office {
                        office: o.id.clone(),
                    },
                    name: o.name.clone(),
                    office: None,
                    office_label: None,
                    rank: None,
                    counts,
                })
                .collect(),
        ),
        By::Unit => {
            let mut keys: Vec<Option<UnitIdx>> = (0..data.units.len()).map(Some).collect();
            keys.push(None);
            supporting = (0..data.units.len())
                .filter(|&u| holds(&|t| t.units.contains(&u) && lead(t) != Some(u)))
                .map(|u| {
                    let (office, office_label) = office(data.unit_office(u));
                    EvalRow {
                        key: RowKey::Unit {
                            unit: Some(data.unit_name(u).to_owned()),
                        },
                        name: data.unit_name(u).to_owned(),
                        office,
                        office_label,
                        rank: None,
                        counts: tally(&|t| t.units.contains(&u) && lead(t) != Some(u)),
                    }
                })
                .collect();
            ranked(
                keys.into_iter()
                    .filter(|&u| holds(&|t| lead(t) == u))
                    .map(|u| {
                        let (office, office_label) = office(u.and_then(|u| data.unit_office(u)));
                        EvalRow {
                            key: RowKey::Unit {
                                unit: u.map(|u| data.unit_name(u).to_owned()),
                            },
                            name: unit_name(u),
                            office,
                            office_label,
                            rank: None,
                            counts: tally(&|t| lead(t) == u),
                        }
                    })
                    .collect(),
            )
        }
        By::Owner => {
            let mut keys: Vec<Option<PersonIdx>> = (0..data.people.len()).map(Some).collect();
            keys.push(None);
            ranked(
                keys.into_iter()
                    .filter(|&p| holds(&|t| t.owner == p))
                    .map(|p| {
                        let (office, office_label) = office(p.and_then(|p| data.person_office(p)));
                        EvalRow {
                            key: RowKey::Owner {
                                owner: p.map(|p| data.person_name(p).to_owned()),
                            },
                            name: p.map_or_else(
                                || no_key_name.to_owned(),
                                |p| data.person_name(p).to_owned(),
                            ),
                            office,
                            office_label,
                            rank: None,
                            counts: tally(&|t| t.owner == p),
                        }
                    })
                    .collect(),
            )
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
            By::Owner => "owner",
            By::Office => "office",
        },
        rows,
        total: tally(&|_| true),
        supporting,
        indicators: data.tasks.iter().any(|t| !t.indicators.is_empty()),
    }
}

/// Rows ranked by on-time rate, best first; rows of one rate share a place (1, 1, 3)
/// and keep their order; rows without a rate come last, unranked, in their order, but
/// the row of tasks without a key (no lead unit, no owner) stays the very last.
fn ranked(mut rows: Vec<EvalRow>) -> Vec<EvalRow> {
    let nobody = rows
        .iter()
        .position(|r| {
            matches!(
                &r.key,
                RowKey::Unit { unit: None } | RowKey::Owner { owner: None }
            )
        })
        .map(|i| rows.remove(i));
    // Rates are rounded to 3 decimals, so equal rates are equal floats.
    rows.sort_by(
        |a, b| match (a.counts.on_time_rate, b.counts.on_time_rate) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        },
    );
    let mut previous: Option<(f64, usize)> = None;
    for (i, row) in rows.iter_mut().enumerate() {
        let Some(rate) = row.counts.on_time_rate else {
            continue;
        };
        let place = match previous {
            Some((r, place)) if r == rate => place,
            _ => i + 1,
        };
        row.rank = Some(place);
        previous = Some((rate, place));
    }
    rows.extend(nobody);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn task(due: &str, status: Status, done_on: Option<&str>) -> Task {
        Task {
            due: Some(d(due)),
            status,
            done_on: done_on.map(d),
            ..Task::new("T", "t", 0)
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

    #[test]
    fn the_backlog_is_what_was_due_before_the_quarter_and_open_at_its_start() {
        let cutoff = d("2021-11-15");
        // Due in Q3, still in progress: carried, still open.
        let t = task("2021-09-30", Status::InProgress, None);
        assert_eq!(carried(&t, Q4, cutoff), Some(false));
        // Done on the quarter's first day: it was open at the start, and is cleared.
        let t = task("2021-09-30", Status::Done, Some("2021-10-01"));
        assert_eq!(carried(&t, Q4, cutoff), Some(true));
        // Done after the cut-off: carried and not cleared by it.
        let t = task("2021-09-30", Status::Done, Some("2021-11-20"));
        assert_eq!(carried(&t, Q4, cutoff), Some(false));
        // Done before the quarter, cancelled, due in the quarter, or undated: not carried.
        let t = task("2021-09-30", Status::Done, Some("2021-09-30"));
        assert_eq!(carried(&t, Q4, cutoff), None);
        assert_eq!(
            carried(&task("2021-09-30", Status::Cancelled, None), Q4, cutoff),
            None
        );
        assert_eq!(
            carried(&task("2021-10-01", Status::Todo, None), Q4, cutoff),
            None
        );
        let mut t = task("2021-09-30", Status::Todo, None);
        t.due = None;
        assert_eq!(carried(&t, Q4, cutoff), None);
        // Blocked and due long before: carried, still open.
        let t = task("2020-03-31", Status::Blocked, None);
        assert_eq!(carried(&t, Q4, cutoff), Some(false));
    }

    #[test]
    fn a_repeating_task_is_carried_while_an_occurrence_before_the_quarter_is_missed() {
        let mut t = task("2021-07-31", Status::InProgress, None);
        t.repeat = Some(Repeat::Monthly);
        t.done_through = Some(d("2021-08-31"));
        // September's occurrence is missed.
        assert_eq!(carried(&t, Q4, Q4.last_day()), Some(false));
        t.done_through = Some(d("2021-09-30"));
        assert_eq!(carried(&t, Q4, Q4.last_day()), None);
    }

    fn row(name: &str, rate: Option<f64>) -> EvalRow {
        EvalRow {
            key: RowKey::Unit {
                unit: Some(name.into()),
            },
            name: name.into(),
            office: None,
            office_label: None,
            rank: None,
            counts: Counts {
                on_time_rate: rate,
                ..Counts::default()
            },
        }
    }

    #[test]
    fn ranking_shares_a_place_between_equal_rates_and_leaves_rateless_rows_last() {
        let mut nobody = row("", Some(1.0));
        nobody.key = RowKey::Unit { unit: None };
        let rows = ranked(vec![
            row("a", Some(0.5)),
            nobody,
            row("b", None),
            row("c", Some(1.0)),
            row("d", Some(0.5)),
            row("e", Some(0.0)),
        ]);
        let got: Vec<(&str, Option<usize>)> =
            rows.iter().map(|r| (r.name.as_str(), r.rank)).collect();
        assert_eq!(
            got,
            [
                ("c", Some(1)),
                ("a", Some(2)),
                ("d", Some(2)),
                ("e", Some(4)),
                ("b", None),
                ("", None)
            ]
        );
    }

    /// Extended from 10-15 to 11-30 and done 11-20: late against the old date, on time
    /// against the new, and counted as Q4's moved deadline; moved into Q1, it leaves
    /// Q4's due tasks but is still one of Q4's moved deadlines.
    #[test]
    fn an_extension_is_on_time_against_its_new_date_and_counted_where_it_was_due() {
        let mut t = task("2021-11-30", Status::Done, Some("2021-11-20"));
        t.original_due = Some(d("2021-10-15"));
        let (close, today) = (Q4.last_day(), d("2022-01-10"));
        assert_eq!(outcome(&t, Q4, close, today), Some(Outcome::OnTime));
        assert!(!t.is_late());
        assert!(extended_in(&t, Q4));
        t.due = Some(d("2022-01-31"));
        assert_eq!(outcome(&t, Q4, close, today), None);
        assert!(extended_in(&t, Q4));
        assert!(!extended_in(&t, Quarter { year: 2022, q: 1 }));
        t.status = Status::Cancelled;
        assert!(!extended_in(&t, Q4));
    }
}
