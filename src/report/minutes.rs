//! The minutes (会议纪要) of a held meeting, as data: the meeting, its chair and
//! attendees, what was conveyed and heard (the agenda's first two parts as they stood
//! on the meeting's date) and what it decided. Also [`find`], which picks the meeting
//! that `wg meeting minutes` and `wg tasks add --from-meeting` mean.
//!
//! Choices where SPEC is silent:
//! - Without `--date`, the meeting is the latest held one (dated on or before the
//!   as-of date) of `--group`, else of the leading group.
//! - With a date and no group, the meeting is the one held that day; when several
//!   groups met that day the group must be named (it is an error that lists them).
//! - A meeting dated after the as-of date is planned, and has no minutes (nor decisions
//!   to make tasks of): an error naming the held meetings there are.
//! - "Conveyed and heard" is the agenda of the meeting's quarter as of the meeting's
//!   date: the directives dated up to it and not studied before it, and each child
//!   group's progress report with the figures of that day.

use super::agenda::{self, DirectiveView, PersonRef, ProgressReport};
use super::meetings::DecisionView;
use super::roster::SeatView;
use crate::i18n::{Text, msg};
use crate::model::{Data, GroupIdx, Lang, Meeting, Quarter};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Minutes<'d> {
    pub as_of: NaiveDate,
    pub group: String,
    pub group_name: String,
    /// The group meets quarterly: the title names the quarter.
    #[serde(skip)]
    pub quarterly: bool,
    #[serde(skip)]
    pub quarter: Quarter,
    pub date: NaiveDate,
    pub title: Option<String>,
    pub location: Option<String>,
    pub chair: Option<PersonRef>,
    pub attendees: Vec<SeatView>,
    /// 传达学习: the directives on the meeting's agenda.
    pub directives: Vec<DirectiveView>,
    /// 听取汇报: each child group's progress report as of the meeting's date.
    pub reports: Vec<ProgressReport<'d>>,
    /// 会议议定事项, in file order.
    pub decisions: Vec<DecisionView>,
}

/// How a meeting is asked for: a date or not, a group or not.
#[derive(Debug, Clone, Copy)]
pub struct Wanted {
    pub date: Option<NaiveDate>,
    pub group: Option<GroupIdx>,
}

fn listed(data: &Data, meetings: &[&Meeting], today: NaiveDate) -> Text {
    if meetings.is_empty() {
        return msg::no_meetings_at_all();
    }
    msg::meetings_there_are(&meeting_list(data, meetings, today))
}

/// The meetings, each with its group, date and whether it is held, in the language of
/// the run.
fn meeting_list(data: &Data, meetings: &[&Meeting], today: NaiveDate) -> Text {
    let items: Vec<Text> = meetings
        .iter()
        .map(|m| {
            let group = &data.group(m.group).id;
            let date = m.date.to_string();
            if m.date > today {
                msg::meeting_listed_planned(group, &date)
            } else {
                msg::meeting_listed_held(group, &date)
            }
        })
        .collect();
    let zh: Vec<&str> = items.iter().map(|t| t.get(Lang::Zh)).collect();
    let en: Vec<&str> = items.iter().map(|t| t.get(Lang::En)).collect();
    Text::new(zh.join("，"), en.join(", "))
}

/// What to name when group `g` has no meeting on `date`: the meetings of that day (of
/// any group), else the group's, else all there are.
fn listed_for_group(data: &Data, g: GroupIdx, date: NaiveDate, today: NaiveDate) -> Text {
    let that_day: Vec<&Meeting> = data.meetings.iter().filter(|m| m.date == date).collect();
    if !that_day.is_empty() {
        return msg::meetings_that_day(&date.to_string(), &meeting_list(data, &that_day, today));
    }
    let of_g: Vec<&Meeting> = data.meetings.iter().filter(|m| m.group == g).collect();
    if !of_g.is_empty() {
        return msg::meetings_of_group(&data.group(g).id, &meeting_list(data, &of_g, today));
    }
    let all: Vec<&Meeting> = data.meetings.iter().collect();
    if all.is_empty() {
        return msg::no_meetings_at_all();
    }
    msg::group_has_no_meetings(&data.group(g).id, &meeting_list(data, &all, today))
}

/// The held meeting asked for, or a usage message that names the meetings there are.
pub fn find(data: &Data, want: Wanted, today: NaiveDate) -> Result<&Meeting, Text> {
    let of_group = |m: &&Meeting| want.group.is_none_or(|g| m.group == g);
    match want.date {
        Some(date) => {
            let on_day: Vec<&Meeting> = data
                .meetings
                .iter()
                .filter(|m| m.date == date)
                .filter(of_group)
                .collect();
            match on_day.as_slice() {
                [m] if m.date > today => Err(msg::meeting_is_planned(
                    &data.group(m.group).id,
                    &date.to_string(),
                    &today.to_string(),
                )),
                [m, ..] if want.group.is_some() || on_day.iter().all(|o| o.group == m.group) => {
                    if m.date > today {
                        return Err(msg::meeting_is_planned(
                            &data.group(m.group).id,
                            &date.to_string(),
                            &today.to_string(),
                        ));
                    }
                    Ok(m)
                }
                [] => Err(match want.group {
                    Some(g) => msg::no_group_meeting_on(
                        &data.group(g).id,
                        &date.to_string(),
                        &listed_for_group(data, g, date, today),
                    ),
                    None => {
                        let all: Vec<&Meeting> = data.meetings.iter().collect();
                        msg::no_meeting_on(&date.to_string(), &listed(data, &all, today))
                    }
                }),
                many => {
                    let ids: Vec<&str> = many
                        .iter()
                        .map(|m| data.group(m.group).id.as_str())
                        .collect();
                    Err(msg::several_met_that_day(
                        &date.to_string(),
                        &ids.join(", "),
                        ids.first().copied().unwrap_or(""),
                    ))
                }
            }
        }
        None => {
            let g = want.group.unwrap_or_else(|| data.leading_group());
            let of_g: Vec<&Meeting> = data.meetings.iter().filter(|m| m.group == g).collect();
            of_g.iter()
                .filter(|m| m.date <= today)
                .max_by_key(|m| m.date)
                .copied()
                .ok_or_else(|| {
                    msg::no_held_meeting(
                        &data.group(g).id,
                        &today.to_string(),
                        &listed(data, &of_g, today),
                    )
                })
        }
    }
}

/// The minutes of meeting `m`, as of `today` (the data's as-of date).
pub fn minutes<'d>(data: &'d Data, m: &Meeting, today: NaiveDate, lang: Lang) -> Minutes<'d> {
    let q = Quarter::of(m.date);
    let a = agenda::agenda(data, m.group, q, m.date, lang);
    let group = data.group(m.group);
    Minutes {
        as_of: today,
        group: group.id.clone(),
        group_name: group.name.clone(),
        quarterly: a.meets_quarterly(),
        quarter: q,
        date: m.date,
        title: m.title.clone(),
        location: m.location.clone(),
        chair: a.chair,
        attendees: a.attendees,
        directives: a.directives,
        reports: a.reports,
        decisions: m
            .decisions
            .iter()
            .map(|d| DecisionView::of(data, d))
            .collect(),
    }
}
