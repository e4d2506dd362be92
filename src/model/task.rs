//! Tasks, their status, repetition and progress notes; the overdue arithmetic.

use super::{GroupIdx, Origin, PersonIdx, UnitIdx};
use chrono::{Datelike, Months, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Status {
    #[default]
    Todo,
    InProgress,
    Blocked,
    Done,
    Cancelled,
}

impl Status {
    /// Every accepted spelling: the English word, then the Chinese one.
    pub const ALL: [(&'static str, &'static str, Status); 5] = [
        ("todo", "未开始", Status::Todo),
        ("in-progress", "进行中", Status::InProgress),
        ("blocked", "受阻", Status::Blocked),
        ("done", "已完成", Status::Done),
        ("cancelled", "已取消", Status::Cancelled),
    ];

    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim();
        Status::ALL
            .iter()
            .find(|(en, zh, _)| *en == s || *zh == s)
            .map(|&(_, _, status)| status)
    }

    pub fn as_str(self) -> &'static str {
        Status::ALL
            .iter()
            .find(|(_, _, st)| *st == self)
            .map_or("todo", |(en, _, _)| en)
    }

    /// Done or cancelled: nothing more is expected.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Cancelled)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    Monthly,
    Quarterly,
    Yearly,
}

impl Repeat {
    pub const ALL: [(&'static str, Repeat); 3] = [
        ("monthly", Repeat::Monthly),
        ("quarterly", Repeat::Quarterly),
        ("yearly", Repeat::Yearly),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Repeat::Monthly => "monthly",
            Repeat::Quarterly => "quarterly",
            Repeat::Yearly => "yearly",
        }
    }

    fn months(self) -> u32 {
        match self {
            Repeat::Monthly => 1,
            Repeat::Quarterly => 3,
            Repeat::Yearly => 12,
        }
    }

    /// The `n`th occurrence of a series anchored at `first` (n = 0 is `first`): the same
    /// day of the month where it exists, else the month's last day. Counting from the
    /// anchor, not from the previous occurrence, keeps 01-31 → 02-28 → 03-31.
    pub fn occurrence(self, first: NaiveDate, n: u32) -> Option<NaiveDate> {
        first.checked_add_months(Months::new(self.months().checked_mul(n)?))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub date: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub group: GroupIdx,
    /// As written; [`super::Data::task_lead_unit`] applies the group's default.
    pub lead_unit: Option<UnitIdx>,
    pub units: Vec<UnitIdx>,
    pub owner: Option<PersonIdx>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub status: Status,
    pub done_on: Option<NaiveDate>,
    pub repeat: Option<Repeat>,
    pub done_through: Option<NaiveDate>,
    pub targets: Vec<String>,
    pub outcome: Option<String>,
    pub updates: Vec<Update>,
    pub origin: Origin,
}

/// How far behind a task is as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overdue {
    /// The oldest missed due date.
    pub since: NaiveDate,
    /// `today - since`, at least 1.
    pub days: i64,
    /// Missed occurrences (1 for a task that does not repeat).
    pub missed: u32,
}

impl Task {
    /// The first occurrence not yet completed: `due` for a plain task; for a repeating
    /// one, the first occurrence after `done_through`.
    pub fn next_due(&self) -> Option<NaiveDate> {
        let due = self.due?;
        match (self.repeat, self.done_through) {
            (Some(repeat), Some(through)) => {
                (0..).map_while(|n| repeat.occurrence(due, n)).find(|&d| d > through)
            }
            _ => Some(due),
        }
    }

    /// Whether the task is overdue on `today`, and by how much. Closed tasks and tasks
    /// without `due` never are; a task due today is not.
    pub fn overdue(&self, today: NaiveDate) -> Option<Overdue> {
        if self.status.is_closed() {
            return None;
        }
        let since = self.next_due()?;
        if since >= today {
            return None;
        }
        let missed = match self.repeat {
            None => 1,
            Some(repeat) => self.missed_between(repeat, since, today),
        };
        Some(Overdue {
            since,
            days: (today - since).num_days(),
            missed,
        })
    }

    /// Occurrences on or after `since` and before `today`. Counted by arithmetic on
    /// months, so a monthly task missed for a century costs nothing.
    fn missed_between(&self, repeat: Repeat, since: NaiveDate, today: NaiveDate) -> u32 {
        let Some(due) = self.due else { return 0 };
        let index = |d: NaiveDate| {
            let months = (d.year() - due.year()) * 12 + d.month() as i32 - due.month() as i32;
            (months.max(0) as u32) / repeat.months()
        };
        let first = index(since);
        // Start just below the estimate and walk up: the estimate can be one too high
        // when `today` falls before the occurrence's day of the month.
        let mut last = index(today).saturating_sub(1).max(first);
        while repeat.occurrence(due, last + 1).is_some_and(|d| d < today) {
            last += 1;
        }
        if repeat.occurrence(due, last).is_some_and(|d| d < today) {
            last - first + 1
        } else {
            0
        }
    }

    /// Done after its due date.
    pub fn is_late(&self) -> bool {
        matches!((self.done_on, self.due), (Some(done), Some(due)) if done > due)
    }
}
