//! The agenda of a group's quarterly meeting as a document: the meeting's facts under
//! the title, then the five parts of SPEC.md section 3 (directives, progress reports,
//! problems, next stage, other business) and the attendees as an annex. The same
//! document on a screen and on paper (Kind::Paper: an agenda is read as a whole).

use super::words::{
    behind_text, comma, field, fill, group_name, indicator_text, or_none, outcome_line,
    person_with, quarter_name, sep, status_label, warning_figures,
};
use super::{
    Block, Cell, Document, Kind, MadeBlocks, Medium, Row, Table, long_date, subsection_number,
};
use crate::i18n::{self, L};
use crate::model::{Cadence, Data, Lang};
use crate::report::agenda::{Agenda, DirectiveView, PersonRef, ProgressReport};
use crate::report::task_view::TaskView;
use chrono::NaiveDate;

/// Problems per thread worth the start of one.
const PROBLEMS_PER_RUN: usize = 1024;

/// The agenda, for any medium.
pub fn agenda<'a>(data: &'a Data, a: &'a Agenda<'a>, lang: Lang, _medium: Medium) -> Document<'a> {
    let qname = quarter_name(a.period, lang);
    let mut doc = Document::new(
        lang,
        Kind::Paper,
        fill(
            L::AgendaTitle.get(lang),
            &[("group", &a.group_name), ("quarter", &qname)],
        ),
    );
    doc.as_of = Some(a.as_of);
    doc.boxed_text = true;
    facts(&mut doc, a, &qname, lang);
    directives(&mut doc, &a.directives, lang);
    reports(&mut doc, data, &a.reports, lang);

    // 3. Problems.
    doc.heading(1, L::AgendaProblems.get(lang));
    if a.problems.is_empty() {
        doc.para(L::AgendaNoProblems.get(lang));
    }
    // Made as they are written, a run at a time (at a million tasks the agenda lists
    // 345,000 problems, 0.3 GB of blocks), each run on every core: a part of it is
    // written into a document of its own, and their blocks are taken in order (at
    // 100,000 tasks the agenda lists 20,000 problems, the most of its text).
    let (problems, as_of) = (&a.problems, a.as_of);
    doc.blocks
        .push(Block::Made(MadeBlocks::new(problems.len(), move |range| {
            let first = range.start;
            let run = problems.get(range).unwrap_or_default();
            let runs = crate::par::map_runs(run, PROBLEMS_PER_RUN, |_, start, run| {
                let mut part = Document::new(lang, Kind::Paper, "");
                for (k, t) in run.iter().enumerate() {
                    crate::swar::ask_ahead(run, k);
                    problem(&mut part, data, first + start + k + 1, t, as_of, lang);
                }
                part.blocks
            });
            runs.into_iter().flatten().collect()
        })));

    next_stage(&mut doc, a, lang);

    // 5. Other business, then the attendees.
    doc.heading(1, L::AgendaOther.get(lang));
    if a.items.is_empty() {
        doc.para(L::AgendaNone.get(lang));
    }
    for (n, item) in a.items.iter().enumerate() {
        doc.item(n + 1, item.clone());
    }
    doc.heading(1, L::AgendaAnnex.get(lang));
    let mut t = Table::new(L::SheetAttendees.get(lang));
    t.columns([L::Role, L::Name, L::PersonTitle].map(|l| l.get(lang)));
    for s in &a.attendees {
        t.push(vec![
            Cell::text(s.role_title.clone()),
            Cell::text(s.person.clone()),
            title_cell(s.title.as_deref(), lang),
        ]);
    }
    doc.table(t);
    doc
}

fn title_cell(title: Option<&str>, lang: Lang) -> Cell<'_> {
    match title {
        Some(t) => Cell::text(t),
        None => Cell::empty(L::None.get(lang)),
    }
}

/// The meeting's title, date, place, chair and attendees under the title; a note when
/// the group does not meet quarterly.
fn facts(doc: &mut Document<'_>, a: &Agenda, qname: &str, lang: Lang) {
    let to_be_set = L::AgendaToBeSet.get(lang);
    if let Some(title) = a.meeting.as_ref().and_then(|m| m.title.as_deref()) {
        doc.meta(field(L::AgendaMeeting.get(lang), title, lang));
    }
    let date = a
        .meeting
        .as_ref()
        .map_or_else(|| to_be_set.to_owned(), |m| long_date(m.date, lang));
    doc.meta(field(L::AgendaDate.get(lang), &date, lang));
    let place = a
        .meeting
        .as_ref()
        .and_then(|m| m.location.as_deref())
        .unwrap_or(to_be_set);
    doc.meta(field(L::AgendaPlace.get(lang), place, lang));
    if let Some(chair) = &a.chair {
        doc.meta(field(
            L::AgendaChair.get(lang),
            &person_with(&chair.person, &chair.role_title, lang),
            lang,
        ));
    }
    let all = fill(L::AgendaAllMembers.get(lang), &[("group", &a.group_name)]);
    doc.meta(field(L::AgendaAttendees.get(lang), &all, lang));
    if !a.meets_quarterly() {
        let cadence = Cadence::ALL
            .iter()
            .find(|(n, _)| *n == a.meets)
            .map_or(a.meets, |(_, c)| i18n::cadence(*c).get(lang));
        doc.para(fill(
            L::AgendaMeetsNote.get(lang),
            &[("cadence", cadence), ("quarter", qname)],
        ));
    }
}

/// 1. Directives not yet studied (the minutes: those conveyed).
pub(crate) fn directives(doc: &mut Document<'_>, list: &[DirectiveView], lang: Lang) {
    doc.heading(1, L::AgendaDirectives.get(lang));
    if list.is_empty() {
        doc.para(L::AgendaNoDirectives.get(lang));
    }
    for (n, d) in list.iter().enumerate() {
        let when = long_date(d.date, lang);
        let source = match &d.from {
            Some(from) => format!("{from}{}{when}", comma(lang)),
            None => when,
        };
        doc.item(n + 1, person_with(&d.title, &source, lang));
    }
}

/// The reporter: name and the person's title (`张柯，省总工会副主席`), or the role
/// title when the person has none.
fn reporter(p: &PersonRef, lang: Lang) -> String {
    let title = p.title.as_deref().unwrap_or(&p.role_title);
    fill(
        L::PunctNameTitle.get(lang),
        &[("name", &p.person), ("title", title)],
    )
}

/// 2. A progress report from each child group (the minutes: those heard).
pub(crate) fn reports(doc: &mut Document<'_>, data: &Data, list: &[ProgressReport], lang: Lang) {
    doc.heading(1, L::AgendaReports.get(lang));
    if list.is_empty() {
        doc.para(L::AgendaNoReports.get(lang));
    }
    for (n, r) in list.iter().enumerate() {
        let who = r.reporter.as_ref().map_or_else(
            || L::AgendaNoReporter.get(lang).to_owned(),
            |p| reporter(p, lang),
        );
        doc.item(
            n + 1,
            fill(
                L::AgendaReportItem.get(lang),
                &[("group", &r.group_name), ("reporter", &who)],
            ),
        );
        let num = |v: usize| v.to_string();
        doc.detail(fill(
            L::AgendaFigures.get(lang),
            &[
                ("due", &num(r.due)),
                ("done", &num(r.due_done)),
                ("done_in", &num(r.done_in_quarter)),
                ("open", &num(r.open)),
                ("overdue", &num(r.overdue)),
                ("blocked", &num(r.blocked)),
            ],
        ));
        doc.detail(warning_figures(data, &r.warnings, lang));
        if !r.extended.is_empty() {
            let tasks: Vec<String> = r
                .extended
                .iter()
                .map(|e| {
                    fill(
                        L::AgendaExtendedTask.get(lang),
                        &[
                            ("id", e.id),
                            ("title", e.title),
                            ("original", &e.original_due.to_string()),
                            ("due", &e.due.to_string()),
                        ],
                    )
                })
                .collect();
            doc.detail(fill(
                L::AgendaExtended.get(lang),
                &[
                    ("count", &num(r.extended.len())),
                    ("tasks", &tasks.join(sep(lang))),
                ],
            ));
        }
        for o in &r.outcomes {
            doc.detail(outcome_line(o, lang));
        }
    }
}

/// 4. Open tasks due in the next quarter, a table per group.
fn next_stage<'a>(doc: &mut Document<'a>, a: &'a Agenda<'a>, lang: Lang) {
    doc.heading(
        1,
        fill(
            L::AgendaNextStage.get(lang),
            &[("quarter", &quarter_name(a.next_period, lang))],
        ),
    );
    if a.next_stage.is_empty() {
        doc.para(L::AgendaNoNextStage.get(lang));
    }
    for (n, g) in a.next_stage.iter().enumerate() {
        doc.heading(
            2,
            format!("{}{}", subsection_number(4, n + 1, lang), g.group_name),
        );
        let mut t = Table::new(format!("{}{}", L::SheetNextStage.get(lang), n + 1));
        t.columns([L::Id, L::TaskTitle, L::LeadUnit, L::Owner, L::Due].map(|l| l.get(lang)));
        t.rows_of(&g.tasks, move |nt| Row {
            cells: vec![
                Cell::text(nt.task.id),
                Cell::text(nt.task.title),
                title_cell(nt.task.lead_unit, lang),
                title_cell(nt.task.owner, lang),
                Cell::date(nt.falls_due),
            ],
            ..Row::default()
        });
        t.keep_words([0, 4]);
        doc.table(t);
    }
}

/// One problem: the task, who leads and owns it, how late it is, and its latest note
/// as of the agenda's date (a note dated later had not been written then).
fn problem(
    doc: &mut Document<'_>,
    data: &Data,
    n: usize,
    t: &TaskView,
    as_of: NaiveDate,
    lang: Lang,
) {
    doc.item(
        n,
        fill(
            L::PunctIdTitle.get(lang),
            &[("id", t.id), ("title", t.title)],
        ),
    );
    let s = sep(lang);
    let who = [
        field(L::Group.get(lang), group_name(data, t.group), lang),
        field(L::LeadUnit.get(lang), &or_none(t.lead_unit, lang), lang),
        field(L::Owner.get(lang), &or_none(t.owner, lang), lang),
    ];
    doc.detail(who.join(s));
    let due = t
        .next_due
        .map_or_else(|| L::None.get(lang).to_owned(), |d| d.to_string());
    let mut when = match t.days_overdue {
        Some(days) => fill(
            L::AgendaOverdueBy.get(lang),
            &[("due", &due), ("days", &days.to_string())],
        ),
        None => fill(L::AgendaDueOn.get(lang), &[("due", &due)]),
    };
    if let Some(n) = t.working_days_overdue {
        when.push_str(&fill(
            L::AgendaWorkingDays.get(lang),
            &[("n", &n.to_string())],
        ));
    }
    if let Some(missed) = t.missed.filter(|&m| m > 1) {
        when.push_str(&fill(
            L::AgendaMissed.get(lang),
            &[("missed", &missed.to_string())],
        ));
    }
    if let (Some(original), Some(_)) = (t.original_due, t.extended_days) {
        when.push_str(&fill(
            L::AgendaExtendedFrom.get(lang),
            &[("original", &original.to_string())],
        ));
    }
    doc.detail(format!(
        "{when}{s}{}",
        field(L::Status.get(lang), &status_label(t.status, lang), lang)
    ));
    if !t.indicators.is_empty() {
        let list: Vec<String> = t
            .indicators
            .iter()
            .map(|i| indicator_text(i, lang))
            .collect();
        doc.detail(field(L::Indicators.get(lang), &list.join(s), lang));
    }
    // An overdue task is behind on every count; the line says so of one that is not.
    if t.days_overdue.is_none()
        && let Some(why) = behind_text(t, lang)
    {
        doc.detail(field(L::BehindSchedule.get(lang), &why, lang));
    }
    if let Some(u) = t
        .updates
        .iter()
        .filter(|u| u.date <= as_of)
        .max_by_key(|u| u.date)
    {
        let label = person_with(L::AgendaLatest.get(lang), &u.date.to_string(), lang);
        doc.detail(field(&label, u.note, lang));
        // What stands in the way and what comes next: what the meeting is to solve.
        for (l, text) in [
            (L::UpdateProblems, u.problems),
            (L::UpdateNextSteps, u.next_steps),
        ] {
            if let Some(text) = text {
                doc.detail(field(l.get(lang), text, lang));
            }
        }
    }
}
