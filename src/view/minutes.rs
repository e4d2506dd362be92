//! The minutes (会议纪要) of a held meeting as a document: the meeting's facts under the
//! title (time, place, chair, attendees), what was conveyed (一) and heard (二) as the
//! agenda gives them for the meeting's date, then 会议议定事项 (三): each decision with
//! its lead unit, supporting units, owner, due date (written long) and, once made, the
//! task that tracks it. Paper: the minutes are read as a whole.

use super::agenda::{directives, reports};
use super::words::{field, fill, person_with, quarter_name, sep};
use super::{Document, Kind, Medium, long_date};
use crate::i18n::L;
use crate::model::{Data, Lang};
use crate::report::minutes::Minutes;

/// The minutes, for any medium.
pub fn minutes(data: &Data, m: &Minutes, lang: Lang, _medium: Medium) -> Document<'static> {
    let when = if m.quarterly {
        quarter_name(m.quarter, lang)
    } else {
        long_date(m.date, lang)
    };
    let mut doc = Document::new(
        lang,
        Kind::Paper,
        fill(
            L::MinutesTitle.get(lang),
            &[("group", &m.group_name), ("when", &when)],
        ),
    );
    doc.as_of = Some(m.date);
    doc.boxed_text = true;
    if let Some(title) = &m.title {
        doc.meta(field(L::AgendaMeeting.get(lang), title, lang));
    }
    doc.meta(field(
        L::AgendaDate.get(lang),
        &long_date(m.date, lang),
        lang,
    ));
    if let Some(place) = &m.location {
        doc.meta(field(L::AgendaPlace.get(lang), place, lang));
    }
    if let Some(chair) = &m.chair {
        doc.meta(field(
            L::AgendaChair.get(lang),
            &person_with(&chair.person, &chair.role_title, lang),
            lang,
        ));
    }
    let names: Vec<&str> = m.attendees.iter().map(|s| s.person.as_str()).collect();
    let list = names.join(L::PunctList.get(lang));
    let none = L::AgendaNone.get(lang);
    doc.meta(field(
        L::AgendaAttendees.get(lang),
        if names.is_empty() { none } else { &list },
        lang,
    ));

    directives(&mut doc, &m.directives, lang);
    reports(&mut doc, data, &m.reports, lang);

    doc.heading(1, L::MinutesDecisions.get(lang));
    if m.decisions.is_empty() {
        doc.para(L::MinutesNoDecisions.get(lang));
    }
    for (n, d) in m.decisions.iter().enumerate() {
        doc.item(n + 1, d.text.clone());
        let mut who = Vec::new();
        if let Some(u) = &d.lead_unit {
            who.push(field(L::LeadUnit.get(lang), u, lang));
        }
        if !d.units.is_empty() {
            let units = d.units.join(L::PunctList.get(lang));
            who.push(field(L::Units.get(lang), &units, lang));
        }
        if let Some(p) = &d.owner {
            who.push(field(L::Owner.get(lang), p, lang));
        }
        if !who.is_empty() {
            doc.detail(who.join(sep(lang)));
        }
        let due = d.due.map_or_else(
            || L::MinutesNoDue.get(lang).to_owned(),
            |due| long_date(due, lang),
        );
        let mut when = field(L::MinutesDue.get(lang), &due, lang);
        if let Some(task) = &d.task {
            when.push_str(sep(lang));
            when.push_str(&field(L::MinutesTask.get(lang), task, lang));
        }
        doc.detail(when);
    }
    doc
}
