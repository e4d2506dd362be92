//! Outcome requirements as numbers (成效要求): a task's indicators, the readings its
//! progress notes give, and what they come to as of a day: the latest reading, the
//! share of the target reached, whether it is met, and whether the task lags its
//! timeline (SPEC "Indicators", "Behind schedule"). Worked out here once; `tasks
//! show`, JSON, the agenda, the evaluation and the warnings all use it.

use super::{Status, Task};
use chrono::NaiveDate;

/// One indicator of a task (`[[tasks.indicators]]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// As written, trimmed; unique within the task (whitespace ignored).
    pub name: String,
    /// More than 0 and finite (the loader makes sure).
    pub target: f64,
    /// The unit of the numbers (家, 人), for people.
    pub unit: Option<String>,
}

/// A reading of one of the task's indicators, given by a progress note (`values`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// Index into the task's `indicators`.
    pub indicator: usize,
    /// 0 or more, finite.
    pub value: f64,
}

/// How far an indicator has come as of a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress<'t> {
    pub indicator: &'t Indicator,
    /// The latest reading dated on or before the day; `None` before the first.
    pub value: Option<f64>,
    /// The date of the note that gave it.
    pub as_of: Option<NaiveDate>,
    /// `value / target` (0 before the first reading; may pass 1).
    pub share: f64,
    /// The reading reaches the target.
    pub met: bool,
}

/// Behind schedule: the share of time elapsed exceeds the share of the target reached
/// by more than this many points.
pub const BEHIND_POINTS: f64 = 20.0;

/// Shares are compared in points; a hair of slack keeps a lag of exactly 20 points
/// (0.9 − 0.7 in floating point is 0.20000000000000007) from counting as more.
const SLACK: f64 = 1e-9;

/// A share rounded to 3 decimals (0.7 for 70%), as JSON carries it.
pub fn rounded(share: f64) -> f64 {
    (share * 1000.0).round() / 1000.0
}

impl Task {
    /// Each indicator's progress as of `day`: the reading of the latest-dated note on
    /// or before it that gives one (of two notes of one day, the later in the file).
    pub fn progress(&self, day: NaiveDate) -> Vec<Progress<'_>> {
        self.indicators
            .iter()
            .enumerate()
            .map(|(i, indicator)| {
                let mut latest: Option<(NaiveDate, f64)> = None;
                for u in self.updates.iter().filter(|u| u.date <= day) {
                    for r in u.values.iter().filter(|r| r.indicator == i) {
                        if latest.is_none_or(|(d, _)| u.date >= d) {
                            latest = Some((u.date, r.value));
                        }
                    }
                }
                let value = latest.map(|(_, v)| v);
                let share = value.map_or(0.0, |v| v / indicator.target);
                Progress {
                    indicator,
                    value,
                    as_of: latest.map(|(d, _)| d),
                    share,
                    met: value.is_some_and(|v| v >= indicator.target),
                }
            })
            .collect()
    }

    /// Whether every indicator is met as of `day`; `None` for a task without any.
    pub fn outcome_met(&self, day: NaiveDate) -> Option<bool> {
        (!self.indicators.is_empty()).then(|| self.progress(day).iter().all(|p| p.met))
    }

    /// The share of the time from `start` to `due` (calendar days) elapsed on `day`,
    /// from 0 before the start to 1 from the due date on; `None` without both dates.
    /// A task that starts and ends on one day is wholly elapsed on it.
    pub fn time_elapsed(&self, day: NaiveDate) -> Option<f64> {
        let (start, due) = (self.start?, self.due?);
        let total = (due - start).num_days();
        let gone = (day - start).num_days();
        Some(if gone < 0 {
            0.0
        } else if gone >= total {
            1.0
        } else {
            gone as f64 / total as f64
        })
    }

    /// Behind schedule on `day` (SPEC): an open task with `start`, `due` and
    /// indicators whose share of time elapsed exceeds the share of the target reached
    /// by more than [`BEHIND_POINTS`], for any indicator. Done and cancelled tasks
    /// are not behind anything.
    pub fn behind_schedule(&self, day: NaiveDate) -> bool {
        if self.status.is_closed() || self.indicators.is_empty() {
            return false;
        }
        let Some(elapsed) = self.time_elapsed(day) else {
            return false;
        };
        self.progress(day)
            .iter()
            .any(|p| (elapsed - p.share) * 100.0 > BEHIND_POINTS + SLACK)
    }

    /// Done, with an indicator not met as of `day` (成效未达标).
    pub fn done_but_unmet(&self, day: NaiveDate) -> bool {
        self.status == Status::Done && self.outcome_met(day) == Some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Update;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn task(start: &str, due: &str) -> Task {
        Task {
            start: Some(d(start)),
            due: Some(d(due)),
            status: Status::InProgress,
            indicators: vec![Indicator {
                name: "新建工会".into(),
                target: 50.0,
                unit: Some("家".into()),
            }],
            ..Task::new("T", "t", 0)
        }
    }

    fn reading(date: &str, value: f64) -> Update {
        let mut u = Update::new(d(date), "n".into());
        u.values.push(Reading {
            indicator: 0,
            value,
        });
        u
    }

    #[test]
    fn the_latest_reading_on_or_before_the_day_counts() {
        let mut t = task("2026-01-01", "2026-12-31");
        // Out of date order in the file: the date decides, not the place.
        t.updates = vec![reading("2026-03-01", 20.0), reading("2026-02-01", 10.0)];
        t.updates.push(reading("2026-05-01", 50.0));
        let p = t.progress(d("2026-04-30"));
        assert_eq!(
            (p[0].value, p[0].as_of),
            (Some(20.0), Some(d("2026-03-01")))
        );
        assert_eq!((p[0].share, p[0].met), (0.4, false));
        let p = t.progress(d("2026-05-01"));
        assert_eq!((p[0].value, p[0].share, p[0].met), (Some(50.0), 1.0, true));
        assert_eq!(t.outcome_met(d("2026-05-01")), Some(true));
        assert_eq!(t.outcome_met(d("2026-04-30")), Some(false));
    }

    #[test]
    fn before_the_first_reading_the_share_is_0_and_not_met() {
        let t = task("2026-01-01", "2026-12-31");
        let p = t.progress(d("2026-06-01"));
        assert_eq!(
            (p[0].value, p[0].as_of, p[0].share, p[0].met),
            (None, None, 0.0, false)
        );
    }

    #[test]
    fn a_reading_past_the_target_is_met_and_its_share_passes_1() {
        let mut t = task("2026-01-01", "2026-12-31");
        t.updates = vec![reading("2026-02-01", 60.0)];
        let p = t.progress(d("2026-02-01"));
        assert_eq!((p[0].share, p[0].met), (1.2, true));
    }

    #[test]
    fn a_task_without_indicators_has_no_outcome_and_is_never_behind() {
        let mut t = task("2026-01-01", "2026-01-11");
        t.indicators.clear();
        assert_eq!(t.outcome_met(d("2026-01-10")), None);
        assert!(!t.behind_schedule(d("2026-01-10")));
    }

    /// 10 days from start to due; on day 7, 70% of the time is gone. 50% reached lags by
    /// exactly 20 points: not behind. 49% lags by 21: behind.
    #[test]
    fn behind_schedule_is_more_than_20_points_at_the_boundary() {
        let mut t = task("2026-01-01", "2026-01-11");
        let day7 = d("2026-01-08");
        assert_eq!(t.time_elapsed(day7), Some(0.7));
        t.updates = vec![reading("2026-01-05", 25.0)];
        assert!(!t.behind_schedule(day7), "70% - 50% = 20 points");
        t.updates = vec![reading("2026-01-05", 24.5)];
        assert!(t.behind_schedule(day7), "70% - 49% = 21 points");
        // 90% - 70%: exactly 20 points, though 0.9 - 0.7 is not 0.2 in floating point.
        t.updates = vec![reading("2026-01-05", 35.0)];
        assert!(!t.behind_schedule(d("2026-01-10")));
    }

    #[test]
    fn behind_schedule_needs_start_and_due_and_an_open_task() {
        let mut t = task("2026-01-01", "2026-01-11");
        let late = d("2026-01-20");
        assert_eq!(t.time_elapsed(late), Some(1.0));
        assert!(t.behind_schedule(late), "no reading, all time gone");
        assert!(!t.behind_schedule(d("2026-01-01")), "nothing elapsed yet");
        assert_eq!(t.time_elapsed(d("2025-12-01")), Some(0.0));
        t.status = Status::Done;
        t.done_on = Some(late);
        assert!(!t.behind_schedule(late));
        assert!(t.done_but_unmet(late));
        t.status = Status::InProgress;
        t.done_on = None;
        t.start = None;
        assert!(!t.behind_schedule(late));
        assert_eq!(t.time_elapsed(late), None);
    }

    #[test]
    fn any_indicator_behind_makes_the_task_behind() {
        let mut t = task("2026-01-01", "2026-01-11");
        t.indicators.push(Indicator {
            name: "入会人数".into(),
            target: 1000.0,
            unit: None,
        });
        let mut u = reading("2026-01-05", 50.0);
        u.values.push(Reading {
            indicator: 1,
            value: 100.0,
        });
        t.updates = vec![u];
        assert!(
            t.behind_schedule(d("2026-01-08")),
            "10% of the second at 70%"
        );
        assert_eq!(t.outcome_met(d("2026-01-08")), Some(false));
    }

    #[test]
    fn a_one_day_task_is_wholly_elapsed_on_its_day() {
        let t = task("2026-01-05", "2026-01-05");
        assert_eq!(t.time_elapsed(d("2026-01-04")), Some(0.0));
        assert_eq!(t.time_elapsed(d("2026-01-05")), Some(1.0));
    }
}
