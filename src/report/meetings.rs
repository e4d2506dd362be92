//! The meeting list: every meeting by date, planned or held as of the as-of date, the
//! quarters in which a group that meets quarterly has no meeting at all, and the months
//! in which a group that meets monthly has none.
//!
//! The periods checked run from the quarter (or month) of the earliest date in the data
//! (a meeting's date, a task's `start` or `due`) through the as-of date's quarter (or
//! month); a planned meeting fills its period. Groups that meet as needed are not
//! checked.

use crate::model::{Cadence, Data, GroupIdx, Quarter};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct MeetingRow {
    pub date: NaiveDate,
    pub quarter: String,
    pub group: String,
    pub group_name: String,
    pub title: Option<String>,
    pub location: Option<String>,
    pub items: Vec<String>,
    /// "planned" (after the as-of date) or "held".
    pub status: &'static str,
}

/// A quarter in which a quarterly group has no meeting, held or planned, or a month in
/// which a monthly group has none.
#[derive(Debug, Clone, Serialize)]
pub struct MissingMeeting {
    /// The quarter, or the quarter the month falls in.
    pub quarter: String,
    /// `2026-05` for a monthly group; null for a quarterly one.
    pub month: Option<String>,
    pub group: String,
    pub group_name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingList {
    pub as_of: NaiveDate,
    pub count: usize,
    pub meetings: Vec<MeetingRow>,
    pub missing: Vec<MissingMeeting>,
}

/// Quarters `from..=to`, in order.
fn quarters(from: Quarter, to: Quarter) -> Vec<Quarter> {
    let mut out = Vec::new();
    let mut q = from;
    while q <= to {
        out.push(q);
        q = q.next();
    }
    out
}

pub fn list(data: &Data, today: NaiveDate) -> MeetingList {
    let mut order: Vec<(usize, &crate::model::Meeting)> =
        data.meetings.iter().enumerate().collect();
    // By date, then by group in file order, then as written.
    order.sort_by_key(|&(i, m)| (m.date, m.group, i));
    let meetings: Vec<MeetingRow> = order
        .into_iter()
        .map(|(_, m)| MeetingRow {
            date: m.date,
            quarter: Quarter::of(m.date).to_string(),
            group: data.group(m.group).id.clone(),
            group_name: data.group(m.group).name.clone(),
            title: m.title.clone(),
            location: m.location.clone(),
            items: m.items.clone(),
            status: if m.date > today { "planned" } else { "held" },
        })
        .collect();

    let first = data
        .meetings
        .iter()
        .map(|m| m.date)
        .chain(
            data.tasks
                .iter()
                .flat_map(|t| t.start.into_iter().chain(t.due)),
        )
        .min();
    let mut missing = Vec::new();
    if let Some(first) = first {
        let met = |g: GroupIdx, within: &dyn Fn(NaiveDate) -> bool| {
            data.meetings.iter().any(|m| m.group == g && within(m.date))
        };
        let (from, to) = (Month::of(first), Month::of(today));
        // By quarter, then by group in file order, then (a monthly group) by month.
        for q in quarters(Quarter::of(first), Quarter::of(today)) {
            for g in 0..data.groups.len() {
                match data.group(g).meets {
                    Cadence::Quarterly => {
                        if !met(g, &|d| q.contains(d)) {
                            missing.push(missing_row(data, g, q, None));
                        }
                    }
                    Cadence::Monthly => {
                        for m in Month::in_quarter(q).filter(|m| (from..=to).contains(m)) {
                            if !met(g, &|d| Month::of(d) == m) {
                                missing.push(missing_row(data, g, q, Some(m)));
                            }
                        }
                    }
                    Cadence::AsNeeded => {}
                }
            }
        }
    }
    MeetingList {
        as_of: today,
        count: meetings.len(),
        meetings,
        missing,
    }
}

fn missing_row(data: &Data, g: GroupIdx, q: Quarter, month: Option<Month>) -> MissingMeeting {
    MissingMeeting {
        quarter: q.to_string(),
        month: month.map(|m| m.to_string()),
        group: data.group(g).id.clone(),
        group_name: data.group(g).name.clone(),
    }
}

/// A calendar month, ordered by time: the period a monthly group meets in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Month {
    year: i32,
    /// 1 to 12.
    month: u32,
}

impl Month {
    fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The quarter's three months, in order.
    fn in_quarter(q: Quarter) -> impl Iterator<Item = Month> {
        let first = q.q.saturating_sub(1) * 3 + 1;
        (first..first + 3).map(move |month| Month {
            year: q.year,
            month,
        })
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month)
    }
}
