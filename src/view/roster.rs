//! The roster as documents: every group with its facts, seats and duties (`roster
//! show`), one person's seats and tasks, the unit × group matrix, one unit's groups and
//! tasks; and on paper the 名单 annex — per group its 组长/副组长/成员 lines with each
//! person's title, as the annex of a 成立领导小组的通知 lists them.

use super::words::{field, fill, group_name, label_line, list_or_none, person_with, with_id};
use super::{Cell, Document, Kind, Medium, Table, section_number};
use crate::i18n::{self, L};
use crate::model::{Data, Lang};
use crate::report::roster::{GroupView, RosterPerson, RosterShow, RosterUnit, RosterUnits};
use crate::report::task_view::TaskView;
use chrono::NaiveDate;

fn or_none_cell(v: Option<&str>, lang: Lang) -> Cell<'static> {
    match v {
        Some(v) => Cell::text(v.to_owned()),
        None => Cell::empty(L::None.get(lang)),
    }
}

/// `roster show`: on a screen each group's facts, seat table and duties (CSV: one row
/// a seat, for every group); in a spreadsheet that one table; on paper the 名单 annex.
pub fn show(
    data: &Data,
    report: &RosterShow,
    as_of: NaiveDate,
    lang: Lang,
    medium: Medium,
) -> Document<'static> {
    match medium {
        Medium::Paper => return annex(report, as_of, lang),
        // A spreadsheet: the one sheet of seats that CSV prints, under a title row.
        Medium::Ledger => {
            let mut doc = Document::new(lang, Kind::List, L::SheetRoster.get(lang));
            doc.as_of = Some(as_of);
            doc.main_table(seat_table(report, lang));
            return doc;
        }
        Medium::Screen => {}
    }
    let mut doc = Document::new(lang, Kind::Paper, "");
    doc.as_of = Some(as_of);
    doc.boxed_text = true;
    for g in &report.groups {
        doc.heading(1, with_id(&g.name, &g.id, lang));
        doc.list(group_facts(data, g, lang));
        let mut t = Table::new(g.name.clone());
        t.columns([L::Role, L::Name, L::PersonTitle, L::Unit].map(|l| l.get(lang)));
        for s in &g.seats {
            t.push(vec![
                Cell::text(s.role_title.clone()),
                Cell::text(s.person.clone()),
                or_none_cell(s.title.as_deref(), lang),
                or_none_cell(s.unit.as_deref(), lang),
            ]);
        }
        doc.table(t);
        if !g.duties.is_empty() {
            doc.heading(2, L::Duties.get(lang));
            for (n, duty) in g.duties.iter().enumerate() {
                doc.item(n + 1, duty.clone());
            }
        }
    }
    doc.csv_only = Some(seat_table(report, lang));
    doc
}

/// One row a seat, for a spreadsheet: the seat table of every group, with the group's
/// name in front. Headers are in the report language, as in every other CSV; scripts
/// that want ids and roles as codes read the JSON.
fn seat_table(report: &RosterShow, lang: Lang) -> Table<'static> {
    let mut t = Table::new(L::SheetRoster.get(lang));
    t.columns([L::Group, L::Role, L::Name, L::PersonTitle, L::Unit].map(|l| l.get(lang)));
    for g in &report.groups {
        for seat in &g.seats {
            t.push(vec![
                Cell::text(g.name.clone()),
                Cell::text(seat.role_title.clone()),
                Cell::text(seat.person.clone()),
                seat.title
                    .clone()
                    .map_or_else(|| Cell::empty(""), Cell::text),
                seat.unit
                    .clone()
                    .map_or_else(|| Cell::empty(""), Cell::text),
            ]);
        }
    }
    t
}

fn group_facts(data: &Data, g: &GroupView, lang: Lang) -> Vec<String> {
    let kind = crate::model::GroupKind::ALL
        .iter()
        .find(|(n, _)| *n == g.kind)
        .map_or(g.kind, |(_, k)| i18n::group_kind(*k).get(lang));
    let meets = crate::model::Cadence::ALL
        .iter()
        .find(|(n, _)| *n == g.meets)
        .map_or(g.meets, |(_, c)| i18n::cadence(*c).get(lang));
    let mut facts = vec![
        field(L::Kind.get(lang), kind, lang),
        field(
            L::Parent.get(lang),
            g.parent
                .as_deref()
                .map_or_else(|| L::None.get(lang), |p| group_name(data, p)),
            lang,
        ),
    ];
    if let Some(host) = &g.host_unit {
        facts.push(field(L::HostUnit.get(lang), host, lang));
    }
    facts.push(field(L::Meets.get(lang), meets, lang));
    facts.push(field(
        L::LeadUnit.get(lang),
        g.lead_unit.as_deref().unwrap_or(L::None.get(lang)),
        lang,
    ));
    facts.push(field(
        L::MemberUnits.get(lang),
        &list_or_none(&g.member_units, lang),
        lang,
    ));
    facts
}

/// The 名单 annex: titled after the first group shown (the leading group, or the one
/// asked for), then per group — under a heading when there are several — one line a
/// seat: `组　长：朱劲松　省总工会党组书记、副主席`, the role said once and the
/// following holders of it indented under the first, as offices set a 名单 in the
/// annex of a notice (a table is for a long list with 序号 and units; a group's
/// members read as lines).
fn annex(report: &RosterShow, as_of: NaiveDate, lang: Lang) -> Document<'static> {
    let first = report.groups.first().map_or("", |g| g.name.as_str());
    let mut doc = Document::new(
        lang,
        Kind::Paper,
        fill(L::RosterAnnexTitle.get(lang), &[("group", first)]),
    );
    doc.as_of = Some(as_of);
    let several = report.groups.len() > 1;
    for (n, g) in report.groups.iter().enumerate() {
        if several {
            doc.heading(
                1,
                format!(
                    "{}{}",
                    section_number(n + 1, lang),
                    fill(L::RosterAnnexGroup.get(lang), &[("group", &g.name)])
                ),
            );
        }
        for line in annex_lines(g, lang) {
            doc.para(line);
        }
    }
    doc
}

/// A group's seats as annex lines, holders of one role title grouped under it.
pub(crate) fn annex_lines(g: &GroupView, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    let mut last: Option<&str> = None;
    for s in &g.seats {
        let role = s.role_title.as_str();
        let lead = if last == Some(role) {
            continuation(role, lang)
        } else {
            lead_label(role, lang)
        };
        last = Some(role);
        let name = pad_name(&s.person, lang);
        let line = match (&s.title, lang) {
            (Some(title), Lang::Zh) => format!("{lead}{name}\u{3000}{title}"),
            (Some(title), Lang::En) => format!("{lead}{name}, {title}"),
            (None, _) => format!("{lead}{name}"),
        };
        lines.push(line);
    }
    lines
}

/// A two-character role or name set to the width of three, as a 名单 aligns them:
/// 组长 → 组　长, 张姿 → 张　姿. Other lengths, and English, as they are.
fn pad_label(s: &str, lang: Lang) -> String {
    let chars: Vec<char> = s.chars().collect();
    match (lang, chars.as_slice()) {
        (Lang::Zh, [a, b]) if !a.is_ascii() && !b.is_ascii() => format!("{a}\u{3000}{b}"),
        _ => s.to_owned(),
    }
}

fn pad_name(s: &str, lang: Lang) -> String {
    pad_label(s, lang)
}

/// `组　长：` / `Leader: `: the role, said once, before its first holder.
fn lead_label(role: &str, lang: Lang) -> String {
    let label = label_line(&pad_label(role, lang), lang);
    match lang {
        Lang::Zh => label,
        Lang::En => format!("{label} "),
    }
}

/// The indent under a role's first line, as wide as [`lead_label`] (full-width spaces
/// in Chinese).
fn continuation(role: &str, lang: Lang) -> String {
    let width = lead_label(role, lang).chars().count();
    match lang {
        Lang::Zh => "\u{3000}".repeat(width),
        Lang::En => " ".repeat(width),
    }
}

/// A person's or unit's tasks; the 预警 column is a warning cell and the row carries
/// the level.
fn task_table(
    data: &Data,
    tasks: &[TaskView<'_>],
    lang: Lang,
    short_forms: Vec<(String, String)>,
) -> Table<'static> {
    let mut t = Table::new(L::SheetTasks.get(lang));
    t.columns([L::Id, L::TaskTitle, L::Group, L::Due, L::Status, L::Warning].map(|l| l.get(lang)));
    for task in tasks {
        let word = crate::model::Status::parse(task.status)
            .map_or(task.status, |s| i18n::status(s).get(lang));
        // Marked as `wg tasks list` marks it: done after the due date.
        let status = if task.late {
            person_with(word, L::Late.get(lang), lang)
        } else {
            word.to_owned()
        };
        t.push_warned(
            vec![
                Cell::text(task.id.to_owned()),
                Cell::text(task.title.to_owned()),
                Cell::text(group_name(data, task.group).to_owned()),
                task.next_due
                    .map_or_else(|| Cell::empty(L::None.get(lang)), Cell::date),
                Cell::text(status),
                task.warning.map_or_else(
                    || Cell::empty(L::None.get(lang)),
                    |w| Cell::warning(w, lang),
                ),
            ],
            task.warning,
        );
    }
    t.keep_words([0, 3]);
    t.short_forms(2, short_forms);
    // A roll-up: the office of each task, first.
    if data.is_rollup() {
        let offices: Vec<String> = tasks
            .iter()
            .map(|t| t.office_label.unwrap_or_default().to_owned())
            .collect();
        t.insert_column(0, L::Office.get(lang), offices);
    }
    t
}

/// The tasks under a `任务` heading, or a line saying there are none.
fn tasks_section(
    doc: &mut Document<'static>,
    data: &Data,
    tasks: &[TaskView<'_>],
    lang: Lang,
    short_forms: Vec<(String, String)>,
) {
    doc.heading(2, L::Tasks.get(lang));
    if tasks.is_empty() {
        doc.para(L::NoTasks.get(lang));
    } else {
        doc.main_table(task_table(data, tasks, lang, short_forms));
    }
}

/// `roster person`: the person's facts, seats and tasks.
pub fn person(
    data: &Data,
    r: &RosterPerson,
    as_of: NaiveDate,
    lang: Lang,
    short_forms: Vec<(String, String)>,
) -> Document<'static> {
    let mut doc = Document::new(lang, Kind::Paper, "");
    doc.as_of = Some(as_of);
    doc.boxed_text = true;
    let p = &r.person;
    // The title on a line of its own, labelled as the seat tables of `roster show`
    // head its column: run on after the name, "孙伟市总工会基层工作部部长" reads as one word.
    doc.heading(1, with_id(&p.name, &p.id, lang));
    let mut facts = Vec::new();
    if let Some(title) = &p.title {
        facts.push(field(L::PersonTitle.get(lang), title, lang));
    }
    if let Some(unit) = &p.unit {
        facts.push(field(L::Unit.get(lang), unit, lang));
    }
    if let Some(email) = &p.email {
        facts.push(field(L::Email.get(lang), email, lang));
    }
    doc.list(facts);
    if r.seats.is_empty() {
        doc.para(L::NoSeats.get(lang));
    } else {
        let mut t = Table::new(L::SheetSeats.get(lang));
        t.columns([L::Group, L::Role].map(|l| l.get(lang)));
        for seat in &r.seats {
            t.push(vec![
                Cell::text(with_id(&seat.group_name, &seat.group, lang)),
                Cell::text(seat.role_title.clone()),
            ]);
        }
        // A roll-up: the office of each seat's group, first.
        if data.is_rollup() {
            let offices: Vec<String> = r
                .seats
                .iter()
                .map(|seat| seat.office_label.clone().unwrap_or_default())
                .collect();
            t.insert_column(0, L::Office.get(lang), offices);
        }
        doc.table(t);
    }
    tasks_section(&mut doc, data, &r.tasks, lang, short_forms);
    doc
}

/// `roster units`: the unit × group matrix, then what the group ids stand for.
pub fn units(
    data: &Data,
    report: &RosterUnits,
    as_of: NaiveDate,
    lang: Lang,
    medium: Medium,
) -> Document<'static> {
    let title = match medium {
        Medium::Screen => "",
        Medium::Ledger | Medium::Paper => L::SheetUnits.get(lang),
    };
    let mut doc = Document::new(lang, Kind::List, title);
    doc.as_of = Some(as_of);
    let mut t = Table::new(L::SheetUnits.get(lang));
    let mut headers = vec![L::Unit.get(lang).to_owned(), L::Kind.get(lang).to_owned()];
    headers.extend(report.groups.iter().cloned());
    t.columns(headers);
    for (u, row) in report.units.iter().enumerate() {
        let mut cells = vec![
            Cell::text(row.name.clone()),
            Cell::text(i18n::unit_kind(data.unit(u).kind).get(lang)),
        ];
        for g in &report.groups {
            cells.push(if row.leads.contains(g) {
                Cell::text(L::Leads.get(lang))
            } else if row.member_of.contains(g) {
                Cell::text(L::Member.get(lang))
            } else {
                Cell::empty("")
            });
        }
        t.push(cells);
    }
    doc.main_table(t);
    doc.list(data.groups.iter().map(|g| {
        fill(
            L::PunctLegend.get(lang),
            &[("id", &g.id), ("name", &g.name)],
        )
    }));
    doc
}

/// `roster unit`: the unit's facts (groups it leads, joins, hosts; its people) and
/// tasks.
pub fn unit(
    data: &Data,
    r: &RosterUnit,
    as_of: NaiveDate,
    lang: Lang,
    short_forms: Vec<(String, String)>,
) -> Document<'static> {
    let mut doc = Document::new(lang, Kind::Paper, "");
    doc.as_of = Some(as_of);
    doc.boxed_text = true;
    let kind = crate::model::UnitKind::ALL
        .iter()
        .find(|(n, _)| *n == r.unit.kind)
        .map_or(r.unit.kind, |(_, k)| i18n::unit_kind(*k).get(lang));
    let head = if r.unit.name == r.unit.id {
        with_id(&r.unit.name, kind, lang)
    } else {
        fill(
            L::UnitHeading.get(lang),
            &[("name", &r.unit.name), ("id", &r.unit.id), ("kind", kind)],
        )
    };
    doc.heading(1, head);
    let names = |ids: &[String]| -> Vec<String> {
        ids.iter()
            .map(|id| group_name(data, id).to_owned())
            .collect()
    };
    let mut facts = Vec::new();
    if !r.unit.aliases.is_empty() {
        facts.push(field(
            L::UnitAliases.get(lang),
            &list_or_none(&r.unit.aliases, lang),
            lang,
        ));
    }
    facts.extend([
        field(
            L::UnitLeads.get(lang),
            &list_or_none(&names(&r.leads), lang),
            lang,
        ),
        field(
            L::UnitMemberOf.get(lang),
            &list_or_none(&names(&r.member_of), lang),
            lang,
        ),
    ]);
    if !r.hosts.is_empty() {
        facts.push(field(
            L::UnitHosts.get(lang),
            &list_or_none(&names(&r.hosts), lang),
            lang,
        ));
    }
    if !r.people.is_empty() {
        facts.push(field(
            L::UnitPeople.get(lang),
            &list_or_none(&r.people, lang),
            lang,
        ));
    }
    doc.list(facts);
    tasks_section(&mut doc, data, &r.tasks, lang, short_forms);
    doc
}
