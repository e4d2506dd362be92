//! `meetings.toml` (meetings and directives) and `calendar.toml` (holidays and
//! made-up working days).

use super::diagnostic::{Diagnostic, FileId};
use super::fields::{Fields, Span};
use super::names::Kind;
use super::{Refs, Source};
use crate::i18n::msg;
use crate::model::{Calendar, Decision, Directive, Holiday, Meeting, Origin, Workday};
use toml::de::DeTable;

const MEETINGS_TOP: &[&str] = &["meetings", "directives"];
const MEETING: &[&str] = &["group", "date", "title", "location", "items", "decisions"];
const DECISION: &[&str] = &[
    "text",
    "lead_unit",
    "units",
    "owner",
    "due",
    "group",
    "task",
];
const DIRECTIVE: &[&str] = &["title", "from", "date", "studied_on"];
const CALENDAR_TOP: &[&str] = &["holidays", "workdays"];
const HOLIDAY: &[&str] = &["name", "from", "to"];
const WORKDAY: &[&str] = &["date", "name"];

pub fn load_meetings(
    file: FileId,
    source: &Source,
    doc: &DeTable<'_>,
    span: Span,
    refs: &Refs<'_>,
    tasks: &crate::model::Tasks,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Meeting>, Vec<Directive>) {
    const HOMES: super::fields::Homes = &[
        ("[[meetings]]", MEETING),
        ("[[meetings.decisions]]", DECISION),
        ("[[directives]]", DIRECTIVE),
    ];
    let mut top = Fields::file_top(
        file,
        doc,
        span,
        msg::what_meetings_toml(),
        MEETINGS_TOP,
        HOMES,
        diags,
    );
    let meeting_tables = top.tables("meetings");
    let directive_tables = top.tables("directives");
    let diags = top.diags;
    let origin = |span: &Span| Origin {
        file: source.rel.clone(),
        line: source.line(span.start),
    };
    let mut meetings = Vec::new();
    for (table, span) in meeting_tables {
        let mut f = Fields::new(
            file,
            table,
            span.clone(),
            msg::what_meeting(),
            MEETING,
            diags,
        );
        let group = f.req_str("group");
        let date = f.req_date("date");
        let title = f.str("title").map(|s| s.value);
        let location = f.str("location").map(|s| s.value);
        let items = f.str_list("items").into_iter().map(|s| s.value).collect();
        let decision_tables = f.tables("decisions");
        let group = group.and_then(|g| refs.group(&g, &msg::place_meeting(), file, f.diags));
        let mut decisions = Vec::with_capacity(decision_tables.len());
        let mut decisions_ok = true;
        for (n, (table, dspan)) in decision_tables.into_iter().enumerate() {
            let at = (file, n + 1, date.as_ref().map(|d| d.value));
            match load_decision(at, table, dspan.clone(), refs, tasks, f.diags) {
                Some(mut d) => {
                    d.origin = origin(&dspan);
                    decisions.push(d);
                }
                None => decisions_ok = false,
            }
        }
        if let (Some(group), Some(date), true) = (group, date, decisions_ok) {
            meetings.push(Meeting {
                group,
                date: date.value,
                title,
                location,
                items,
                decisions,
                origin: origin(&span),
            });
        }
    }
    let mut directives = Vec::new();
    for (table, span) in directive_tables {
        let mut f = Fields::new(
            file,
            table,
            span.clone(),
            msg::what_directive(),
            DIRECTIVE,
            diags,
        );
        let title = f.req_str("title");
        let from = f.str("from").map(|s| s.value);
        let date = f.req_date("date");
        let studied_on = f.date("studied_on");
        if let (Some(d), Some(s)) = (&date, &studied_on)
            && s.value < d.value
        {
            f.error(
                Diagnostic::warning(msg::studied_before_issued())
                    .at(file, s.span.clone())
                    .label(msg::date_is_before(s.value, d.value)),
            );
        }
        if let (Some(title), Some(date)) = (title, date) {
            directives.push(Directive {
                title: title.value,
                from,
                date: date.value,
                studied_on: studied_on.map(|s| s.value),
                origin: origin(&span),
            });
        }
    }
    (meetings, directives)
}

/// One `[[meetings.decisions]]` table: its text, references and due date, every
/// problem reported; `None` when anything in it is wrong. `at` is the file, the
/// decision's number in its meeting (from 1) and the meeting's date, for messages.
fn load_decision(
    (file, n, meeting): (FileId, usize, Option<chrono::NaiveDate>),
    table: &DeTable<'_>,
    span: Span,
    refs: &Refs<'_>,
    tasks: &crate::model::Tasks,
    diags: &mut Vec<Diagnostic>,
) -> Option<Decision> {
    let mut f = Fields::new(file, table, span, msg::what_decision(), DECISION, diags);
    let text = f.req_str("text");
    let lead_unit = f.str("lead_unit");
    let units = f.str_list("units");
    let owner = f.str("owner");
    let due = f.date("due");
    let group = f.str("group");
    let task = f.str("task");
    let fields_ok = f.ok();
    let diags = f.diags;
    let place = |key: &str| match meeting {
        Some(date) => msg::place_in_decision(key, n, &date.to_string()),
        None => msg::place_in_decision(key, n, "?"),
    };
    let mut ok = fields_ok && text.as_ref().is_some_and(|t| !t.value.trim().is_empty());
    let lead = lead_unit.as_ref().and_then(|u| {
        let r = refs
            .units
            .resolve(u, Kind::Unit, &place("lead_unit"), file, diags);
        ok &= r.is_some();
        r
    });
    let mut unit_idx = Vec::with_capacity(units.len());
    for u in &units {
        match refs
            .units
            .resolve(u, Kind::Unit, &place("units"), file, diags)
        {
            Some(i) => unit_idx.push(i),
            None => ok = false,
        }
    }
    let owner_idx = owner.as_ref().and_then(|p| {
        let r = refs
            .people
            .resolve(p, Kind::Person, &place("owner"), file, diags);
        ok &= r.is_some();
        r
    });
    let group_idx = group.as_ref().and_then(|g| {
        let r = refs.group(g, &place("group"), file, diags);
        ok &= r.is_some();
        r
    });
    if let Some(t) = &task {
        let id = t.value.trim();
        if !tasks.iter().any(|k| k.id == id) {
            ok = false;
            diags.push(
                Diagnostic::error(msg::decision_task_unknown(id, &place("task")))
                    .at(file, t.span.clone())
                    .label(msg::no_task_with_this_id())
                    .help(msg::decision_task_help()),
            );
        }
    }
    let text = text?;
    ok.then(|| Decision {
        text: text.value.trim().to_owned(),
        lead_unit: lead,
        units: unit_idx,
        owner: owner_idx,
        due: due.map(|d| d.value),
        group: group_idx,
        task: task.map(|t| t.value.trim().to_owned()),
        origin: Origin {
            file: std::sync::Arc::from(std::path::Path::new("")),
            line: 0,
        },
    })
}

pub fn load_calendar(
    file: FileId,
    doc: &DeTable<'_>,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> Calendar {
    const HOMES: super::fields::Homes = &[("[[holidays]]", HOLIDAY), ("[[workdays]]", WORKDAY)];
    let mut top = Fields::file_top(
        file,
        doc,
        span,
        msg::what_calendar_toml(),
        CALENDAR_TOP,
        HOMES,
        diags,
    );
    let holiday_tables = top.tables("holidays");
    let workday_tables = top.tables("workdays");
    let diags = top.diags;
    let mut holidays = Vec::new();
    for (table, span) in holiday_tables {
        let mut f = Fields::new(file, table, span, msg::what_holiday(), HOLIDAY, diags);
        let name = f.req_str("name");
        let from = f.req_date("from");
        let to = f.req_date("to");
        let (Some(name), Some(from), Some(to)) = (name, from, to) else {
            continue;
        };
        if to.value < from.value {
            f.error(
                Diagnostic::error(msg::holiday_ends_before_it_begins(&name.value))
                    .at(file, to.span.clone())
                    .label(msg::date_is_before(to.value, from.value)),
            );
            continue;
        }
        if (to.value - from.value).num_days() > 366 {
            f.error(
                Diagnostic::error(msg::holiday_longer_than_a_year(&name.value))
                    .at(file, to.span.clone())
                    .label(msg::check_the_year()),
            );
            continue;
        }
        holidays.push(Holiday {
            name: name.value,
            from: from.value,
            to: to.value,
        });
    }
    let mut workdays = Vec::new();
    for (table, span) in workday_tables {
        let mut f = Fields::new(file, table, span, msg::what_workday(), WORKDAY, diags);
        let date = f.req_date("date");
        let name = f.str("name").map(|s| s.value);
        if let Some(date) = &date {
            use chrono::Datelike;
            if !matches!(
                date.value.weekday(),
                chrono::Weekday::Sat | chrono::Weekday::Sun
            ) {
                let weekday_zh = [
                    "星期一",
                    "星期二",
                    "星期三",
                    "星期四",
                    "星期五",
                    "星期六",
                    "星期日",
                ]
                .get(date.value.weekday().num_days_from_monday() as usize)
                .copied()
                .unwrap_or("");
                f.error(
                    Diagnostic::warning(msg::workday_on_a_weekday(
                        date.value,
                        weekday_zh,
                        &date.value.format("%A").to_string(),
                    ))
                    .at(file, date.span.clone())
                    .label(msg::not_a_weekend_day())
                    .help(msg::workdays_help()),
                );
            }
        }
        if let Some(date) = date {
            workdays.push(Workday {
                date: date.value,
                name,
            });
        }
    }
    Calendar::new(holidays, workdays)
}
