//! `wg meeting agenda|list|ics`: glue. The agenda and the meeting list are documents
//! (`view::agenda`, `view::meetings`) or their data; the iCalendar export is its own
//! format.

use super::{Formats, emit, load_data};
use crate::cli::{Format, MeetingCommand};
use crate::context::Context;
use crate::i18n::{self, L};
use crate::model::{Data, Lang};
use crate::render::ics;
use crate::report::{agenda, lookup, meetings, minutes};
use crate::view::words::{field, or_none};
use crate::{Error, Exit};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::io::Write;

use crate::view::words::fill;

use Format::{Csv, Docx, Json, Markdown, Table, Text, Xlsx, Yaml};

/// The agenda is a document: Markdown (for pandoc) or plain text, or its data. Not a
/// table, and not CSV.
const AGENDA: Formats = Formats {
    command: "meeting agenda",
    offered: &[Markdown, Text, Json, Yaml, Docx],
};
/// The minutes: a document like the agenda.
const MINUTES: Formats = Formats {
    command: "meeting minutes",
    offered: &[Markdown, Text, Json, Yaml, Docx],
};
const LIST: Formats = Formats {
    command: "meeting list",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv, Xlsx],
};

pub fn run(
    cmd: &MeetingCommand,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    // The format is checked before the data is read: a usage error first.
    let format = match cmd {
        MeetingCommand::Agenda { .. } => Some(AGENDA.pick(ctx)?),
        MeetingCommand::List => Some(LIST.pick(ctx)?),
        MeetingCommand::Minutes { .. } => Some(MINUTES.pick(ctx)?),
        MeetingCommand::Ics { .. } => {
            super::no_format(ctx, "meeting ics", &crate::i18n::msg::prints_icalendar())?;
            None
        }
    };
    let loaded = load_data(ctx, crate::load::Meetings::Read)?;
    let data = &loaded.data;
    let lang = ctx.lang(&data.org);
    let today = ctx.today(&data.org)?;
    match (cmd, format) {
        (MeetingCommand::Agenda { quarter, group }, Some(format)) => {
            let g = match group {
                Some(g) => lookup::group(data, g).map_err(|e| Error::Usage(e.text()))?,
                None => data.leading_group(),
            };
            let q = quarter.unwrap_or_else(|| crate::model::Quarter::of(today));
            // An agenda deploys the next quarter's tasks; after 9999Q4 there is none.
            if q.next().first_day() > crate::model::LAST_DAY {
                return Err(Error::Usage(crate::i18n::msg::agenda_past_the_last_day(
                    &q.to_string(),
                    crate::model::LAST_DAY,
                )));
            }
            let report = agenda::agenda(data, g, q, today, lang);
            super::tasks::warn_uncovered(err, &report.uncovered_years, lang)?;
            emit(
                ctx,
                AGENDA,
                format,
                &report,
                |m| crate::view::agenda::agenda(data, &report, lang, m),
                out,
            )?;
            super::leave(report);
        }
        (MeetingCommand::List, Some(format)) => {
            let report = meetings::list(data, today);
            emit(
                ctx,
                LIST,
                format,
                &report,
                |m| {
                    crate::view::meetings::list(
                        data,
                        &report,
                        lang,
                        super::group_short_forms(data),
                        m,
                    )
                },
                out,
            )?;
        }
        (MeetingCommand::Ics { deadlines }, _) => {
            let name = fill(L::IcsCalendar.get(lang), &[("org", &data.org.name)]);
            let entries = ics_entries(data, *deadlines, lang);
            let write = |w: &mut dyn Write| {
                ics::write_calendar(w, &name, today, &entries, |e| entry_event(data, e, lang))
            };
            match &ctx.out {
                // Written as it is made: a million deadlines are not held as events.
                None => write(out)?,
                Some(_) => {
                    let mut bytes = Vec::new();
                    write(&mut bytes)?;
                    super::write_out(ctx, &bytes, out)?;
                }
            }
            super::leave(entries);
        }
        (MeetingCommand::Minutes { date, group }, Some(format)) => {
            let group = match group {
                Some(g) => Some(lookup::group(data, g).map_err(|e| Error::Usage(e.text()))?),
                None => None,
            };
            let want = minutes::Wanted { date: *date, group };
            let meeting = minutes::find(data, want, today).map_err(Error::Usage)?;
            let report = minutes::minutes(data, meeting, today, lang);
            emit(
                ctx,
                MINUTES,
                format,
                &report,
                |m| crate::view::minutes::minutes(data, &report, lang, m),
                out,
            )?;
        }
        // `pick` gave every document command its format above.
        (
            MeetingCommand::Agenda { .. } | MeetingCommand::List | MeetingCommand::Minutes { .. },
            None,
        ) => {}
    }
    Ok(Exit::Ok)
}

/// One event of the calendar: a meeting's, made beforehand (there are few), or an open
/// task's next due date, made as it is written (there may be a million).
enum Entry<'d> {
    Meeting(ics::Event),
    Due(NaiveDate, &'d crate::model::Task),
}

/// A deadline's task, in date order anywhere in memory, and its id and title in the
/// task file.
impl crate::swar::AskAhead for Entry<'_> {
    fn ask_ahead(&self) {
        if let Entry::Due(_, t) = self {
            crate::swar::prefetch(*t);
            crate::swar::prefetch(&*t.id);
            crate::swar::prefetch(&*t.title);
        }
    }
}

/// Meetings, and with `deadlines` every open task's next due date, as all-day events
/// in date order. UIDs come from the data, so re-importing updates, never duplicates.
fn ics_entries(data: &Data, deadlines: bool, lang: Lang) -> Vec<Entry<'_>> {
    // The meetings' events, then the deadlines', each list in date order.
    let mut events = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut order: Vec<(usize, &crate::model::Meeting)> =
        data.meetings.iter().enumerate().collect();
    order.sort_by_key(|&(i, m)| (m.date, m.group, i));
    for (_, m) in order {
        let group = &data.group(m.group);
        let base = format!("meeting-{}-{}", group.id, m.date.format("%Y%m%d"));
        // Two meetings of one group on one day: the second gets `-2`, and so on.
        let uid = (1..)
            .map(|n| {
                if n == 1 {
                    format!("{base}@wg")
                } else {
                    format!("{base}-{n}@wg")
                }
            })
            .find(|u| !seen.contains(u))
            .unwrap_or_default();
        seen.insert(uid.clone());
        let mut description = vec![group.name.clone()];
        description.extend(
            m.items
                .iter()
                .enumerate()
                .map(|(n, item)| format!("{}. {item}", n + 1)),
        );
        events.push(ics::Event {
            uid,
            date: m.date,
            summary: m
                .title
                .clone()
                .unwrap_or_else(|| fill(L::IcsMeeting.get(lang), &[("group", &group.name)])),
            location: m.location.clone(),
            description: Some(description.join("\n")),
        });
    }
    let mut due = Vec::new();
    if deadlines {
        due = data
            .tasks
            .iter()
            .filter(|t| !t.status.is_closed())
            .filter_map(|t| Some((t.next_due()?, crate::model::id_order_key(&t.id), t)))
            .collect();
        due.sort_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| a.2.id.cmp(&b.2.id))
        });
    }
    // Meetings and deadlines interleaved by date; ties keep meetings first. Both lists
    // are in date order already: merged, not sorted again (moving a million events
    // about was a fifth of the calendar).
    let mut merged = Vec::with_capacity(events.len() + due.len());
    let mut meetings = events.into_iter().peekable();
    for (date, _, t) in due {
        while let Some(m) = meetings.next_if(|m| m.date <= date) {
            merged.push(Entry::Meeting(m));
        }
        merged.push(Entry::Due(date, t));
    }
    merged.extend(meetings.map(Entry::Meeting));
    merged
}

/// An entry's event: the meeting's, or the deadline's made now.
fn entry_event<'e>(data: &Data, e: &'e Entry<'_>, lang: Lang) -> Cow<'e, ics::Event> {
    match e {
        Entry::Meeting(event) => Cow::Borrowed(event),
        Entry::Due(date, t) => Cow::Owned(due_event(data, *date, t, lang)),
    }
}

/// The all-day event of an open task's next due date, `date`.
fn due_event(data: &Data, date: NaiveDate, t: &crate::model::Task, lang: Lang) -> ics::Event {
    let lead = data.task_lead_unit(t).map(|u| data.unit_name(u));
    let owner = t.owner.map(|p| data.person_name(p));
    let lines = [
        field(L::Group.get(lang), &data.group(t.group).name, lang),
        field(L::LeadUnit.get(lang), &or_none(lead, lang), lang),
        field(L::Owner.get(lang), &or_none(owner, lang), lang),
        field(L::Status.get(lang), i18n::status(t.status).get(lang), lang),
    ];
    ics::Event {
        uid: format!("task-{}@wg", t.id),
        date,
        summary: fill(L::IcsDue.get(lang), &[("id", &t.id), ("title", &t.title)]),
        location: None,
        description: Some(lines.join("\n")),
    }
}
