//! `wg meeting agenda|list|ics`: the quarterly meeting's agenda as a document (Markdown
//! or plain text) or data, the meeting list with the quarters that lack a meeting, and
//! the iCalendar export.

use super::{Formats, load_data};
use crate::cli::{Format, MeetingCommand};
use crate::context::Context;
use crate::i18n::{self, L};
use crate::model::{Cadence, Data, Lang, Quarter, Status};
use crate::render::{self, Grid, TableStyle, ics, markdown_cell, text::one_line};
use crate::report::agenda::{self, Agenda, PersonRef, TaskOutcome};
use crate::report::indicator_view::{IndicatorView, format_amount, format_share};
use crate::report::meetings::{self, MeetingList};
use crate::report::warning_counts::WarningCounts;
use crate::report::{lookup, task_view::TaskView};
use crate::{Error, Exit};
use chrono::{Datelike, NaiveDate};
use std::io::Write;

use Format::{Csv, Json, Markdown, Table, Text, Yaml};

/// The agenda is a document: Markdown (for pandoc) or plain text, or its data. Not a
/// table, and not CSV.
const AGENDA: Formats = Formats {
    command: "meeting agenda",
    offered: &[Markdown, Text, Json, Yaml],
};
const LIST: Formats = Formats {
    command: "meeting list",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv],
};

pub fn run(
    cmd: &MeetingCommand,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    // The format is checked before the data is read: a usage error first.
    let format = match cmd {
        MeetingCommand::Agenda { .. } => AGENDA.pick(ctx)?,
        MeetingCommand::List => LIST.pick(ctx)?,
        MeetingCommand::Ics { .. } => {
            super::no_format(ctx, "meeting ics", &crate::i18n::msg::prints_icalendar())?;
            // Not used: iCalendar has one form.
            Format::Text
        }
    };
    let loaded = load_data(ctx)?;
    let data = &loaded.data;
    let lang = ctx.lang(&data.org);
    let today = ctx.today(&data.org)?;
    match cmd {
        MeetingCommand::Agenda { quarter, group } => {
            let g = match group {
                Some(g) => lookup::group(data, g).map_err(|e| Error::Usage(e.text()))?,
                None => data.leading_group(),
            };
            let q = quarter.unwrap_or_else(|| Quarter::of(today));
            // An agenda deploys the next quarter's tasks; after 9999Q4 there is none.
            if q.next().first_day() > crate::model::LAST_DAY {
                return Err(Error::Usage(crate::i18n::msg::agenda_past_the_last_day(
                    &q.to_string(),
                    crate::model::LAST_DAY,
                )));
            }
            let report = agenda::agenda(data, g, q, today, lang);
            super::tasks::warn_uncovered(err, &report.uncovered_years, lang)?;
            match format {
                Format::Markdown => {
                    out.write_all(agenda_doc(data, &report, lang, None).as_bytes())?
                }
                Format::Text => {
                    let style = ctx.table_style(Format::Table);
                    out.write_all(agenda_doc(data, &report, lang, Some(style)).as_bytes())?
                }
                Format::Json => render::json(out, &report)?,
                Format::Yaml => render::yaml(out, &report)?,
                // Refused by `pick` before the data was read.
                f @ (Format::Table | Format::Csv | Format::Sqlite | Format::Sql) => {
                    return Err(AGENDA.refuse(f));
                }
            }
        }
        MeetingCommand::List => {
            let report = meetings::list(data, today);
            let mut grid = list_grid(&report, lang);
            // A roll-up's office column comes first.
            let shift = usize::from(report.rollup);
            grid.keep_words([shift, 1 + shift]);
            grid.short_forms(2 + shift, super::group_short_forms(data));
            match format {
                Format::Table | Format::Text => {
                    out.write_all(grid.to_table_in(ctx.table_style(format)).as_bytes())?;
                    writeln!(out, "\n{}", list_summary(data, &report, lang))?;
                }
                Format::Markdown => {
                    out.write_all(grid.to_markdown().as_bytes())?;
                    writeln!(
                        out,
                        "\n{}",
                        markdown_cell(&list_summary(data, &report, lang))
                    )?;
                }
                Format::Csv => out.write_all(&grid.to_csv(ctx.bom)?)?,
                Format::Json => render::json(out, &report)?,
                Format::Yaml => render::yaml(out, &report)?,
                // Refused by `pick` before the data was read.
                f @ (Format::Sqlite | Format::Sql) => return Err(LIST.refuse(f)),
            }
        }
        MeetingCommand::Ics {
            deadlines,
            out: file,
        } => {
            let name = fill(L::IcsCalendar.get(lang), &[("org", &data.org.name)]);
            let text = ics::calendar(&name, today, &ics_events(data, *deadlines, lang));
            match file {
                Some(path) => crate::output::write(path, text.as_bytes(), out)?,
                None => out.write_all(text.as_bytes())?,
            }
        }
    }
    Ok(Exit::Ok)
}

/// Fills `{name}` placeholders of a label template in one pass, so text from the data
/// that happens to contain `{…}` is never filled in turn.
pub(crate) fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let key = &after[..close];
            args.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (close, *v))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `新建货车司机工会 35/50 家，70%`; before the first reading `新建货车司机工会
/// 暂无数据（目标 50 家）`.
pub(crate) fn indicator_text(i: &IndicatorView, lang: Lang) -> String {
    let unit = i.unit.map(|u| format!(" {u}")).unwrap_or_default();
    let target = format_amount(i.target);
    match i.value {
        Some(v) => fill(
            L::IndReading.get(lang),
            &[
                ("name", i.name),
                ("value", &format_amount(v)),
                ("target", &target),
                ("unit", &unit),
                ("share", &format_share(i.share)),
            ],
        ),
        None => fill(
            L::IndNoReading.get(lang),
            &[("name", i.name), ("target", &target), ("unit", &unit)],
        ),
    }
}

/// [`indicator_text`] with the reading's date and whether it is met:
/// `新建货车司机工会 35/50 家，70%（截至 2021-12-15，未达标）`.
pub(crate) fn indicator_detail(i: &IndicatorView, lang: Lang) -> String {
    let met = if i.met { L::IndMet } else { L::IndNotMet }.get(lang);
    let extra = match i.as_of {
        Some(d) => format!(
            "{}{}{met}",
            fill(L::IndAsOf.get(lang), &[("date", &d.to_string())]),
            if lang == Lang::Zh { "，" } else { ", " }
        ),
        None => met.to_owned(),
    };
    person_with(&indicator_text(i, lang), &extra, lang)
}

/// `时间已过 80%，目标完成 40%` for a task behind schedule (the indicator furthest
/// behind); `None` for one that is not.
pub(crate) fn behind_text(t: &TaskView, lang: Lang) -> Option<String> {
    if !t.behind_schedule {
        return None;
    }
    let elapsed = t.time_elapsed?;
    let reached = t
        .indicators
        .iter()
        .map(|i| i.share)
        .min_by(f64::total_cmp)?;
    Some(fill(
        L::BehindDetail.get(lang),
        &[
            ("elapsed", &format_share(elapsed)),
            ("reached", &format_share(reached)),
        ],
    ))
}

/// `2021年第四季度` / `2021 Q4`.
pub(crate) fn quarter_name(q: Quarter, lang: Lang) -> String {
    let part = match q.q {
        1 => L::AgendaQ1,
        2 => L::AgendaQ2,
        3 => L::AgendaQ3,
        _ => L::AgendaQ4,
    };
    fill(
        L::AgendaQuarter.get(lang),
        &[("year", &q.year.to_string()), ("q", part.get(lang))],
    )
}

/// A date in running text: `2021年12月28日` / `28 December 2021`.
fn long_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => d.format("%-d %B %Y").to_string(),
    }
}

/// "Label：value" / "Label: value".
fn field(label: &str, value: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{label}：{value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

fn sep(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    }
}

/// `朱劲松（组长）` / `Mary Okafor (Leader)`.
fn person_with(name: &str, extra: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}（{extra}）"),
        Lang::En => format!("{name} ({extra})"),
    }
}

/// The reporter: name and the person's title (`张柯，省总工会副主席`), or the role
/// title when the person has none.
fn reporter(p: &PersonRef, lang: Lang) -> String {
    let title = p.title.as_deref().unwrap_or(&p.role_title);
    match lang {
        Lang::Zh => format!("{}，{}", p.person, title),
        Lang::En => format!("{}, {}", p.person, title),
    }
}

/// `（一）` … `（十）`, then `（11）`: the numbering of sub-headings in a Chinese
/// document; `4.1` in English.
fn sub_number(section: usize, n: usize, lang: Lang) -> String {
    const CN: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    match lang {
        Lang::Zh => match CN.get(n.wrapping_sub(1)) {
            Some(c) => format!("（{c}）"),
            None => format!("（{n}）"),
        },
        Lang::En => format!("{section}.{n} "),
    }
}

/// Builds a document in Markdown or plain text with the same calls; every piece of
/// text is escaped for the target here, so callers pass plain strings.
struct Doc {
    markdown: bool,
    /// How the plain-text document prints its tables.
    style: TableStyle,
    s: String,
}

impl Doc {
    fn esc(&self, t: &str) -> String {
        if self.markdown {
            markdown_cell(t)
        } else {
            one_line(t).into_owned()
        }
    }

    fn title(&mut self, t: &str) {
        let t = self.esc(t);
        if self.markdown {
            self.s.push_str(&format!("# {t}\n\n"));
        } else {
            self.s.push_str(&format!("{t}\n\n"));
        }
    }

    /// A fact under the title: `- 会议时间：…`.
    fn fact(&mut self, t: &str) {
        let t = self.esc(t);
        let bullet = if self.markdown { "- " } else { "" };
        self.s.push_str(&format!("{bullet}{t}\n"));
    }

    /// A section heading, with exactly one blank line before it.
    fn heading(&mut self, t: &str) {
        let t = self.esc(t);
        while self.s.ends_with("\n\n") {
            self.s.pop();
        }
        let hashes = if self.markdown { "## " } else { "" };
        self.s.push_str(&format!("\n{hashes}{t}\n\n"));
    }

    fn subheading(&mut self, t: &str) {
        let t = self.esc(t);
        let hashes = if self.markdown { "### " } else { "" };
        self.s.push_str(&format!("{hashes}{t}\n\n"));
    }

    fn para(&mut self, t: &str) {
        let t = self.esc(t);
        self.s.push_str(&format!("{t}\n"));
    }

    fn item(&mut self, n: usize, t: &str) {
        let t = self.esc(t);
        self.s.push_str(&format!("{n}. {t}\n"));
    }

    /// A detail line under the last item.
    fn detail(&mut self, t: &str) {
        let t = self.esc(t);
        let lead = if self.markdown { "   - " } else { "   " };
        self.s.push_str(&format!("{lead}{t}\n"));
    }

    fn table(&mut self, grid: &Grid) {
        self.s.push_str(&if self.markdown {
            grid.to_markdown()
        } else {
            grid.to_table_in(self.style)
        });
        self.s.push('\n');
    }
}

fn group_name<'d>(data: &'d Data, id: &'d str) -> &'d str {
    data.group_by_id(id)
        .map_or(id, |g| data.group(g).name.as_str())
}

fn or_none(v: Option<&str>, lang: Lang) -> String {
    v.map_or_else(|| L::None.get(lang).to_owned(), str::to_owned)
}

fn status_label(status: &str, lang: Lang) -> String {
    Status::parse(status).map_or_else(
        || status.to_owned(),
        |s| i18n::status(s).get(lang).to_owned(),
    )
}

/// The agenda as a document a clerk can paste, or run through pandoc: Markdown, or
/// plain text with tables in `text`.
fn agenda_doc(data: &Data, a: &Agenda, lang: Lang, text: Option<TableStyle>) -> String {
    let mut doc = Doc {
        markdown: text.is_none(),
        style: text.unwrap_or_default(),
        s: String::new(),
    };
    let qname = quarter_name(a.period, lang);
    doc.title(&fill(
        L::AgendaTitle.get(lang),
        &[("group", &a.group_name), ("quarter", &qname)],
    ));

    let to_be_set = L::AgendaToBeSet.get(lang);
    if let Some(title) = a.meeting.as_ref().and_then(|m| m.title.as_deref()) {
        doc.fact(&field(L::AgendaMeeting.get(lang), title, lang));
    }
    let date = a
        .meeting
        .as_ref()
        .map_or_else(|| to_be_set.to_owned(), |m| long_date(m.date, lang));
    doc.fact(&field(L::AgendaDate.get(lang), &date, lang));
    let place = a
        .meeting
        .as_ref()
        .and_then(|m| m.location.as_deref())
        .unwrap_or(to_be_set);
    doc.fact(&field(L::AgendaPlace.get(lang), place, lang));
    if let Some(chair) = &a.chair {
        doc.fact(&field(
            L::AgendaChair.get(lang),
            &person_with(&chair.person, &chair.role_title, lang),
            lang,
        ));
    }
    let all = fill(L::AgendaAllMembers.get(lang), &[("group", &a.group_name)]);
    doc.fact(&field(L::AgendaAttendees.get(lang), &all, lang));
    if !a.meets_quarterly() {
        let cadence = Cadence::ALL
            .iter()
            .find(|(n, _)| *n == a.meets)
            .map_or(a.meets, |(_, c)| i18n::cadence(*c).get(lang));
        doc.s.push('\n');
        doc.para(&fill(
            L::AgendaMeetsNote.get(lang),
            &[("cadence", cadence), ("quarter", &qname)],
        ));
    }

    // 1. Directives.
    doc.heading(L::AgendaDirectives.get(lang));
    if a.directives.is_empty() {
        doc.para(L::AgendaNoDirectives.get(lang));
    }
    for (n, d) in a.directives.iter().enumerate() {
        let when = long_date(d.date, lang);
        let source = match &d.from {
            Some(from) => format!("{from}{}{when}", if lang == Lang::Zh { "，" } else { ", " }),
            None => when,
        };
        doc.item(n + 1, &person_with(&d.title, &source, lang));
    }

    // 2. Progress reports.
    doc.heading(L::AgendaReports.get(lang));
    if a.reports.is_empty() {
        doc.para(L::AgendaNoReports.get(lang));
    }
    for (n, r) in a.reports.iter().enumerate() {
        let who = r.reporter.as_ref().map_or_else(
            || L::AgendaNoReporter.get(lang).to_owned(),
            |p| reporter(p, lang),
        );
        doc.item(
            n + 1,
            &fill(
                L::AgendaReportItem.get(lang),
                &[("group", &r.group_name), ("reporter", &who)],
            ),
        );
        let num = |v: usize| v.to_string();
        doc.detail(&fill(
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
        doc.detail(&warning_figures(data, &r.warnings, lang));
        if !r.extended.is_empty() {
            let tasks: Vec<String> = r
                .extended
                .iter()
                .map(|e| {
                    fill(
                        L::AgendaExtendedTask.get(lang),
                        &[
                            ("id", &e.id),
                            ("title", &e.title),
                            ("original", &e.original_due.to_string()),
                            ("due", &e.due.to_string()),
                        ],
                    )
                })
                .collect();
            doc.detail(&fill(
                L::AgendaExtended.get(lang),
                &[
                    ("count", &num(r.extended.len())),
                    (
                        "tasks",
                        &tasks.join(if lang == Lang::Zh { "；" } else { "; " }),
                    ),
                ],
            ));
        }
        for o in &r.outcomes {
            doc.detail(&outcome_line(o, lang));
        }
    }

    // 3. Problems.
    doc.heading(L::AgendaProblems.get(lang));
    if a.problems.is_empty() {
        doc.para(L::AgendaNoProblems.get(lang));
    }
    for (n, t) in a.problems.iter().enumerate() {
        problem(&mut doc, data, n + 1, t, a.as_of, lang);
    }

    // 4. Next stage.
    doc.heading(&fill(
        L::AgendaNextStage.get(lang),
        &[("quarter", &quarter_name(a.next_period, lang))],
    ));
    if a.next_stage.is_empty() {
        doc.para(L::AgendaNoNextStage.get(lang));
    }
    for (n, g) in a.next_stage.iter().enumerate() {
        doc.subheading(&format!("{}{}", sub_number(4, n + 1, lang), g.group_name));
        let mut grid =
            Grid::new([L::Id, L::TaskTitle, L::LeadUnit, L::Owner, L::Due].map(|l| l.get(lang)));
        for t in &g.tasks {
            grid.push([
                t.task.id.to_owned(),
                t.task.title.to_owned(),
                or_none(t.task.lead_unit, lang),
                or_none(t.task.owner, lang),
                t.falls_due.to_string(),
            ]);
        }
        grid.keep_words([0, 4]);
        doc.table(&grid);
    }

    // 5. Other business, then the attendees.
    doc.heading(L::AgendaOther.get(lang));
    if a.items.is_empty() {
        doc.para(L::AgendaNone.get(lang));
    }
    for (n, item) in a.items.iter().enumerate() {
        doc.item(n + 1, item);
    }
    doc.heading(L::AgendaAnnex.get(lang));
    let mut grid = Grid::new([L::Role, L::Name, L::PersonTitle].map(|l| l.get(lang)));
    for s in &a.attendees {
        grid.push([
            s.role_title.clone(),
            s.person.clone(),
            or_none(s.title.as_deref(), lang),
        ]);
    }
    doc.table(&grid);
    // One trailing newline, not two.
    while doc.s.ends_with("\n\n") {
        doc.s.pop();
    }
    doc.s
}

/// `预警：红色 1 项、黄色 0 项、绿色 3 项`: blue only when the org uses it, since a
/// count that is always 0 would read as news.
pub(crate) fn warning_figures(data: &Data, w: &WarningCounts, lang: Lang) -> String {
    let template = if data.org.warnings.blue_days.is_some() {
        L::AgendaWarningsBlue
    } else {
        L::AgendaWarnings
    };
    fill(
        template.get(lang),
        &[
            ("red", &w.red.to_string()),
            ("yellow", &w.yellow.to_string()),
            ("blue", &w.blue.to_string()),
            ("green", &w.green.to_string()),
        ],
    )
}

/// `成效（JH-01 开展货车司机工会组建专项行动，进度滞后）：新建货车司机工会 38/50 家，76%；…`.
fn outcome_line(o: &TaskOutcome, lang: Lang) -> String {
    let list: Vec<String> = o
        .indicators
        .iter()
        .map(|i| indicator_text(i, lang))
        .collect();
    let mut task = format!("{} {}", o.id, o.title);
    if o.behind_schedule {
        task.push_str(if lang == Lang::Zh { "，" } else { ", " });
        task.push_str(L::BehindWord.get(lang));
    }
    fill(
        L::AgendaIndicators.get(lang),
        &[("task", &task), ("indicators", &list.join(sep(lang)))],
    )
}

/// One problem: the task, who leads and owns it, how late it is, and its latest note
/// as of the agenda's date (a note dated later had not been written then).
fn problem(doc: &mut Doc, data: &Data, n: usize, t: &TaskView, as_of: NaiveDate, lang: Lang) {
    doc.item(n, &format!("{} {}", t.id, t.title));
    let s = sep(lang);
    let who = [
        field(L::Group.get(lang), group_name(data, t.group), lang),
        field(L::LeadUnit.get(lang), &or_none(t.lead_unit, lang), lang),
        field(L::Owner.get(lang), &or_none(t.owner, lang), lang),
    ];
    doc.detail(&who.join(s));
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
    doc.detail(&format!(
        "{when}{s}{}",
        field(L::Status.get(lang), &status_label(t.status, lang), lang)
    ));
    if !t.indicators.is_empty() {
        let list: Vec<String> = t
            .indicators
            .iter()
            .map(|i| indicator_text(i, lang))
            .collect();
        doc.detail(&field(L::Indicators.get(lang), &list.join(s), lang));
    }
    // An overdue task is behind on every count; the line says so of one that is not.
    if t.days_overdue.is_none()
        && let Some(why) = behind_text(t, lang)
    {
        doc.detail(&field(L::BehindSchedule.get(lang), &why, lang));
    }
    if let Some(u) = t
        .updates
        .iter()
        .filter(|u| u.date <= as_of)
        .max_by_key(|u| u.date)
    {
        let label = person_with(L::AgendaLatest.get(lang), &u.date.to_string(), lang);
        doc.detail(&field(&label, u.note, lang));
        // What stands in the way and what comes next: what the meeting is to solve.
        for (l, text) in [
            (L::UpdateProblems, u.problems),
            (L::UpdateNextSteps, u.next_steps),
        ] {
            if let Some(text) = text {
                doc.detail(&field(l.get(lang), text, lang));
            }
        }
    }
}

fn list_grid(report: &MeetingList, lang: Lang) -> Grid<'_> {
    let mut grid = Grid::new(
        [
            L::MtgQuarter,
            L::MtgDate,
            L::Group,
            L::MtgTitle,
            L::MtgPlace,
            L::Status,
        ]
        .map(|l| l.get(lang)),
    );
    let none = L::None.get(lang);
    // Each quarter's meetings and missing months by date, then its missing quarterly
    // meetings. The sort key is (quarter, missing quarter?, day or month): `2026-03`
    // sorts before `2026-03-10` and after `2026-02-27`, as the month falls.
    let mut rows: Vec<(String, bool, String, Vec<String>)> = Vec::new();
    for m in &report.meetings {
        let status = if m.status == "planned" {
            L::MtgPlanned
        } else {
            L::MtgHeld
        };
        rows.push((
            m.quarter.clone(),
            false,
            m.date.to_string(),
            office_first(
                report.rollup,
                &m.office_label,
                vec![
                    m.quarter.clone(),
                    m.date.to_string(),
                    m.group_name.clone(),
                    m.title.clone().unwrap_or_else(|| none.to_owned()),
                    m.location.clone().unwrap_or_else(|| none.to_owned()),
                    status.get(lang).to_owned(),
                ],
            ),
        ));
    }
    for m in &report.missing {
        // A monthly group's missing month stands in the date column.
        let (when, status) = match &m.month {
            Some(month) => (month.clone(), L::MtgMissingMonth),
            None => (none.to_owned(), L::MtgMissing),
        };
        rows.push((
            m.quarter.clone(),
            m.month.is_none(),
            m.month.clone().unwrap_or_default(),
            office_first(
                report.rollup,
                &m.office_label,
                vec![
                    m.quarter.clone(),
                    when,
                    m.group_name.clone(),
                    none.to_owned(),
                    none.to_owned(),
                    status.get(lang).to_owned(),
                ],
            ),
        ));
    }
    // Stable: meetings of one day keep their order, and missing rows their group order.
    rows.sort_by(|a, b| (&a.0, a.1, &a.2).cmp(&(&b.0, b.1, &b.2)));
    for (_, _, _, row) in rows {
        grid.push(row);
    }
    // A roll-up: the office column, first (its cells are in the rows already).
    if report.rollup {
        grid.headers.insert(0, L::Office.get(lang).into());
    }
    grid
}

/// A roll-up's row begins with the office of its group.
fn office_first(rollup: bool, office: &Option<String>, mut row: Vec<String>) -> Vec<String> {
    if rollup {
        row.insert(0, office.clone().unwrap_or_default());
    }
    row
}

/// How many meetings, and how many quarters (and, when a group meets monthly, months)
/// lack one.
fn list_summary(data: &Data, report: &MeetingList, lang: Lang) -> String {
    let months = report.missing.iter().filter(|m| m.month.is_some()).count();
    let mut s = fill(
        L::MtgCount.get(lang),
        &[
            ("count", &report.count.to_string()),
            ("missing", &(report.missing.len() - months).to_string()),
        ],
    );
    if data.groups.iter().any(|g| g.meets == Cadence::Monthly) {
        s.push_str(&fill(
            L::MtgCountMonths.get(lang),
            &[("missing", &months.to_string())],
        ));
    }
    s
}

/// Meetings, and with `deadlines` every open task's next due date, as all-day events
/// in date order. UIDs come from the data, so re-importing updates, never duplicates.
fn ics_events(data: &Data, deadlines: bool, lang: Lang) -> Vec<ics::Event> {
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
        let mut tasks: Vec<(NaiveDate, u64, &crate::model::Task)> = data
            .tasks
            .iter()
            .filter(|t| !t.status.is_closed())
            .filter_map(|t| Some((t.next_due()?, crate::model::id_order_key(&t.id), t)))
            .collect();
        tasks.sort_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| a.2.id.cmp(&b.2.id))
        });
        for (date, _, t) in tasks {
            let lead = data.task_lead_unit(t).map(|u| data.unit_name(u));
            let owner = t.owner.map(|p| data.person_name(p));
            let lines = [
                field(L::Group.get(lang), &data.group(t.group).name, lang),
                field(L::LeadUnit.get(lang), &or_none(lead, lang), lang),
                field(L::Owner.get(lang), &or_none(owner, lang), lang),
                field(L::Status.get(lang), i18n::status(t.status).get(lang), lang),
            ];
            due.push(ics::Event {
                uid: format!("task-{}@wg", t.id),
                date,
                summary: fill(L::IcsDue.get(lang), &[("id", &t.id), ("title", &t.title)]),
                location: None,
                description: Some(lines.join("\n")),
            });
        }
    }
    // Meetings and deadlines interleaved by date; ties keep meetings first. Both lists
    // are in date order already: merged, not sorted again (moving a million events
    // about was a fifth of the calendar).
    let mut merged = Vec::with_capacity(events.len() + due.len());
    let mut meetings = events.into_iter().peekable();
    for d in due {
        while let Some(m) = meetings.next_if(|m| m.date <= d.date) {
            merged.push(m);
        }
        merged.push(d);
    }
    merged.extend(meetings);
    merged
}
