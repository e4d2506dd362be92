//! `meetings.toml` (meetings and directives) and `calendar.toml` (holidays and
//! made-up working days).

use super::diagnostic::{Diagnostic, FileId};
use super::fields::{Fields, Span};
use super::{Refs, Source};
use crate::i18n::msg;
use crate::model::{Calendar, Directive, Holiday, Meeting, Origin, Workday};
use toml::de::DeTable;

const MEETINGS_TOP: &[&str] = &["meetings", "directives"];
const MEETING: &[&str] = &["group", "date", "title", "location", "items"];
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
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Meeting>, Vec<Directive>) {
    const HOMES: super::fields::Homes = &[("[[meetings]]", MEETING), ("[[directives]]", DIRECTIVE)];
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
        let group = group.and_then(|g| refs.group(&g, &msg::place_meeting(), file, diags));
        if let (Some(group), Some(date)) = (group, date) {
            meetings.push(Meeting {
                group,
                date: date.value,
                title,
                location,
                items,
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
