//! The meeting list: every meeting by date, planned or held as of the as-of date, the
//! quarters in which a group that meets quarterly has no meeting at all, and the months
//! in which a group that meets monthly has none.
//!
//! The periods checked run from the quarter (or month) of the earliest date in the data
//! (a meeting's date, a task's `start` or `due`) through the as-of date's quarter (or
//! month); a planned meeting fills its period. Groups that meet as needed are not
//! checked. In a roll-up, each office's periods run from its own earliest date.

use crate::model::{Cadence, Data, GroupIdx, Quarter};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct MeetingRow {
    /// In a roll-up, the group's office (its id); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// What a table's office column shows (the short name, else the name).
    #[serde(skip)]
    pub office_label: Option<String>,
    pub date: NaiveDate,
    pub quarter: String,
    pub group: String,
    pub group_name: String,
    pub title: Option<String>,
    pub location: Option<String>,
    pub items: Vec<String>,
    /// "planned" (after the as-of date) or "held".
    pub status: &'static str,
    /// What the meeting decided (议定事项), in file order.
    pub decisions: Vec<DecisionView>,
}

/// A decision of a meeting, as JSON and the minutes show it: units and people by name,
/// groups and tasks by id.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DecisionView {
    pub text: String,
    pub lead_unit: Option<String>,
    pub units: Vec<String>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    /// The group that is to own its task (as written; null when the rule picks it).
    pub group: Option<String>,
    /// The task that tracks it, once `wg tasks add --from-meeting` has made one.
    pub task: Option<String>,
}

impl DecisionView {
    pub fn of(data: &Data, d: &crate::model::Decision) -> DecisionView {
        DecisionView {
            text: d.text.clone(),
            lead_unit: d.lead_unit.map(|u| data.unit_name(u).to_owned()),
            units: d
                .units
                .iter()
                .map(|&u| data.unit_name(u).to_owned())
                .collect(),
            owner: d.owner.map(|p| data.person_name(p).to_owned()),
            due: d.due,
            group: d.group.map(|g| data.group(g).id.clone()),
            task: d.task.clone(),
        }
    }
}

/// A quarter in which a quarterly group has no meeting, held or planned, or a month in
/// which a monthly group has none.
#[derive(Debug, Clone, Serialize)]
pub struct MissingMeeting {
    /// In a roll-up, the group's office (its id); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// What a table's office column shows (the short name, else the name).
    #[serde(skip)]
    pub office_label: Option<String>,
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
    /// Whether the data is a roll-up (tables show the office column).
    #[serde(skip)]
    pub rollup: bool,
}

/// The office (id, table label) of a group, in a roll-up.
fn office_of(data: &Data, g: GroupIdx) -> (Option<String>, Option<String>) {
    let office = data.group_office(g).and_then(|o| data.office(o));
    (
        office.map(|o| o.id.clone()),
        office.map(|o| o.label().to_owned()),
    )
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
            office: office_of(data, m.group).0,
            office_label: office_of(data, m.group).1,
            date: m.date,
            quarter: Quarter::of(m.date).to_string(),
            group: data.group(m.group).id.clone(),
            group_name: data.group(m.group).name.clone(),
            title: m.title.clone(),
            location: m.location.clone(),
            items: m.items.clone(),
            status: if m.date > today { "planned" } else { "held" },
            decisions: m
                .decisions
                .iter()
                .map(|d| DecisionView::of(data, d))
                .collect(),
        })
        .collect();

    // The earliest date of each office (one slot for one office's data).
    let mut firsts: Vec<Option<NaiveDate>> = vec![None; data.offices.len().max(1)];
    let mut note = |o: Option<usize>, d: NaiveDate| {
        if let Some(slot) = firsts.get_mut(o.unwrap_or(0)) {
            *slot = Some(slot.map_or(d, |f: NaiveDate| f.min(d)));
        }
    };
    for m in &data.meetings {
        note(data.group_office(m.group), m.date);
    }
    for t in &data.tasks {
        for d in t.start.into_iter().chain(t.due) {
            note(data.task_office(t), d);
        }
    }
    let first = firsts.iter().flatten().min().copied();
    let first_of = |g: GroupIdx| {
        firsts
            .get(data.group_office(g).unwrap_or(0))
            .copied()
            .flatten()
    };
    let mut missing = Vec::new();
    if let Some(first) = first {
        let met = |g: GroupIdx, within: &dyn Fn(NaiveDate) -> bool| {
            data.meetings.iter().any(|m| m.group == g && within(m.date))
        };
        let to = Month::of(today);
        // By quarter, then by group in file order, then (a monthly group) by month.
        for q in quarters(Quarter::of(first), Quarter::of(today)) {
            for g in 0..data.groups.len() {
                let Some(own_first) = first_of(g) else {
                    continue;
                };
                if q < Quarter::of(own_first) {
                    continue;
                }
                let from = Month::of(own_first);
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
        rollup: data.is_rollup(),
    }
}

fn missing_row(data: &Data, g: GroupIdx, q: Quarter, month: Option<Month>) -> MissingMeeting {
    let (office, office_label) = office_of(data, g);
    MissingMeeting {
        office,
        office_label,
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
