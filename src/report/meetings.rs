//! The meeting list: every meeting by date, planned or held as of the as-of date, and
//! the quarters in which a group that meets quarterly has no meeting at all.
//!
//! The quarters checked run from the quarter of the earliest date in the data (a
//! meeting's date, a task's `start` or `due`) through the as-of date's quarter; a
//! planned meeting fills its quarter. Only groups with `meets = "quarterly"` are
//! checked: the others meet as needed (or monthly, which SPEC does not ask to check).

use crate::model::{Cadence, Data, GroupIdx, Quarter};
use chrono::NaiveDate;
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

/// A quarter in which a quarterly group has no meeting, held or planned.
#[derive(Debug, Clone, Serialize)]
pub struct MissingMeeting {
    pub quarter: String,
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
        for q in quarters(Quarter::of(first), Quarter::of(today)) {
            for g in (0..data.groups.len()).filter(|&g| data.group(g).meets == Cadence::Quarterly) {
                let met = data
                    .meetings
                    .iter()
                    .any(|m: &crate::model::Meeting| m.group == g && q.contains(m.date));
                if !met {
                    missing.push(missing_row(data, g, q));
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

fn missing_row(data: &Data, g: GroupIdx, q: Quarter) -> MissingMeeting {
    MissingMeeting {
        quarter: q.to_string(),
        group: data.group(g).id.clone(),
        group_name: data.group(g).name.clone(),
    }
}
