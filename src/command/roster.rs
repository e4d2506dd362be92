//! `wg roster show|person|units|unit`.

use super::{Formats, group_short_forms, load_data};
use crate::cli::{Format, RosterCommand};
use crate::context::Context;
use crate::i18n::{self, L};
use crate::model::{Data, Lang};
use crate::render::{self, Grid, TableStyle, markdown_cell, text::sanitize};
use crate::report::{lookup, roster, task_view::TaskView};
use crate::{Error, Exit};
use std::fmt::Write as _;
use std::io::Write;

use Format::{Csv, Json, Markdown, Table, Text, Yaml};

const SHOW: Formats = Formats {
    command: "roster show",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv],
};
/// A person or a unit is a short document, not one table: no CSV.
const PERSON: Formats = Formats {
    command: "roster person",
    offered: &[Table, Text, Json, Yaml, Markdown],
};
const UNITS: Formats = Formats {
    command: "roster units",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv],
};
const UNIT: Formats = Formats {
    command: "roster unit",
    offered: &[Table, Text, Json, Yaml, Markdown],
};

pub fn run(cmd: &RosterCommand, ctx: &Context, out: &mut dyn Write) -> Result<Exit, Error> {
    let formats = match cmd {
        RosterCommand::Show { .. } => SHOW,
        RosterCommand::Person { .. } => PERSON,
        RosterCommand::Units => UNITS,
        RosterCommand::Unit { .. } => UNIT,
    };
    let format = formats.pick(ctx)?;
    let loaded = load_data(ctx)?;
    let data = &loaded.data;
    let lang = ctx.lang(&data.org);
    let today = ctx.today(&data.org)?;
    // Documents (show, person, unit) keep their bordered tables in `text` too; the
    // units matrix is a list, plain in `text`.
    let doc_style = ctx.table_style(Format::Table);
    let usage = |e: lookup::LookupError| Error::Usage(e.text());
    match cmd {
        RosterCommand::Show { group } => {
            let only = match group {
                Some(g) => Some(lookup::group(data, g).map_err(usage)?),
                None => None,
            };
            let report = roster::show(data, only, lang);
            match format {
                Format::Json => render::json(out, &report)?,
                Format::Yaml => render::yaml(out, &report)?,
                Format::Table | Format::Text => {
                    out.write_all(show_text(data, &report, lang, doc_style).as_bytes())?
                }
                Format::Markdown => out.write_all(show_markdown(data, &report, lang).as_bytes())?,
                Format::Csv => out.write_all(&show_grid(&report, lang).to_csv(ctx.bom)?)?,
                // Refused by `pick` above.
                f @ (Format::Sqlite | Format::Sql) => return Err(SHOW.refuse(f)),
            }
        }
        RosterCommand::Person { name } => {
            let people = lookup::people(data, name).map_err(usage)?;
            let report = roster::people(data, &people, today, lang);
            match format {
                Format::Json => render::json(out, &report)?,
                Format::Yaml => render::yaml(out, &report)?,
                Format::Table | Format::Text => out.write_all(
                    person_doc(data, &report, lang, Some(doc_style), ctx.color_stdout).as_bytes(),
                )?,
                // Refused by `pick` above, before the name was looked up.
                Format::Csv | Format::Sqlite | Format::Sql => return Err(PERSON.refuse(format)),
                Format::Markdown => {
                    out.write_all(person_doc(data, &report, lang, None, false).as_bytes())?
                }
            }
        }
        RosterCommand::Units => {
            let report = roster::units(data);
            let grid = units_grid(data, &report, lang);
            match format {
                Format::Json => render::json(out, &report)?,
                Format::Yaml => render::yaml(out, &report)?,
                Format::Table | Format::Text => {
                    out.write_all(grid.to_table_in(ctx.table_style(format)).as_bytes())?;
                    out.write_all(format!("\n{}", legend(data, false)).as_bytes())?;
                }
                Format::Markdown => {
                    out.write_all(grid.to_markdown().as_bytes())?;
                    out.write_all(format!("\n{}", legend(data, true)).as_bytes())?;
                }
                Format::Csv => out.write_all(&grid.to_csv(ctx.bom)?)?,
                // Refused by `pick` above.
                f @ (Format::Sqlite | Format::Sql) => return Err(UNITS.refuse(f)),
            }
        }
        RosterCommand::Unit { name } => {
            let u = lookup::unit(data, name).map_err(usage)?;
            let report = roster::unit(data, u, today);
            match format {
                Format::Json => render::json(out, &report)?,
                Format::Yaml => render::yaml(out, &report)?,
                Format::Table | Format::Text => out.write_all(
                    unit_doc(data, &report, lang, Some(doc_style), ctx.color_stdout).as_bytes(),
                )?,
                // Refused by `pick` above, before the name was looked up.
                Format::Csv | Format::Sqlite | Format::Sql => return Err(UNIT.refuse(format)),
                Format::Markdown => {
                    out.write_all(unit_doc(data, &report, lang, None, false).as_bytes())?
                }
            }
        }
    }
    Ok(Exit::Ok)
}

fn or_none(v: Option<&str>, lang: Lang) -> String {
    v.map_or_else(|| L::None.get(lang).to_owned(), str::to_owned)
}

fn list_or_none(v: &[String], lang: Lang) -> String {
    if v.is_empty() {
        L::None.get(lang).to_owned()
    } else {
        v.join(if lang == Lang::Zh { "、" } else { ", " })
    }
}

/// "Label:" alone, heading a list, with the colon each language uses.
fn label_line(label: L, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}：", label.get(lang)),
        Lang::En => format!("{}:", label.get(lang)),
    }
}

/// "Name (id)" with the brackets each language uses; the name alone when the id is the
/// name (no `id` in the file).
fn with_id(name: &str, id: &str, lang: Lang) -> String {
    match lang {
        _ if name == id => name.to_owned(),
        Lang::Zh => format!("{name}（{id}）"),
        Lang::En => format!("{name} ({id})"),
    }
}

/// The name of the group with this id, for people reading a table; JSON keeps the id.
fn group_name(data: &Data, id: &str) -> String {
    data.group_by_id(id)
        .map_or_else(|| id.to_owned(), |g| data.group(g).name.clone())
}

/// "Label: value" with the colon each language uses.
fn field(label: L, value: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}：{}", label.get(lang), value),
        Lang::En => format!("{}: {}", label.get(lang), value),
    }
}

fn seat_grid(group: &roster::GroupView, lang: Lang) -> Grid<'_> {
    let mut grid = Grid::new([L::Role, L::Name, L::PersonTitle, L::Unit].map(|l| l.get(lang)));
    for s in &group.seats {
        grid.push([
            s.role_title.clone(),
            s.person.clone(),
            or_none(s.title.as_deref(), lang),
            or_none(s.unit.as_deref(), lang),
        ]);
    }
    grid
}

fn group_facts(data: &Data, g: &roster::GroupView, data_kind: &str, lang: Lang) -> Vec<String> {
    let kind = crate::model::GroupKind::ALL
        .iter()
        .find(|(n, _)| *n == data_kind)
        .map_or(data_kind, |(_, k)| i18n::group_kind(*k).get(lang));
    let meets = crate::model::Cadence::ALL
        .iter()
        .find(|(n, _)| *n == g.meets)
        .map_or(g.meets, |(_, c)| i18n::cadence(*c).get(lang));
    let mut facts = vec![
        field(L::Kind, kind, lang),
        field(
            L::Parent,
            &g.parent
                .as_deref()
                .map_or_else(|| L::None.get(lang).to_owned(), |p| group_name(data, p)),
            lang,
        ),
    ];
    if let Some(host) = &g.host_unit {
        facts.push(field(L::HostUnit, host, lang));
    }
    facts.push(field(L::Meets, meets, lang));
    facts.push(field(
        L::LeadUnit,
        &or_none(g.lead_unit.as_deref(), lang),
        lang,
    ));
    facts.push(field(
        L::MemberUnits,
        &list_or_none(&g.member_units, lang),
        lang,
    ));
    facts
}

fn heading(g: &roster::GroupView, lang: Lang) -> String {
    with_id(&g.name, &g.id, lang)
}

fn show_text(data: &Data, report: &roster::RosterShow, lang: Lang, style: TableStyle) -> String {
    let mut s = String::new();
    for (i, g) in report.groups.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        let _ = writeln!(s, "{}", sanitize(&heading(g, lang)));
        for fact in group_facts(data, g, g.kind, lang) {
            let _ = writeln!(s, "{}", sanitize(&fact));
        }
        s.push_str(&seat_grid(g, lang).to_table_in(style));
        if !g.duties.is_empty() {
            let _ = writeln!(s, "{}", label_line(L::Duties, lang));
            for (n, duty) in g.duties.iter().enumerate() {
                let _ = writeln!(s, "  {}. {}", n + 1, sanitize(duty));
            }
        }
    }
    s
}

fn show_markdown(data: &Data, report: &roster::RosterShow, lang: Lang) -> String {
    let mut s = String::new();
    for (i, g) in report.groups.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        let _ = writeln!(s, "## {}\n", markdown_cell(&heading(g, lang)));
        for fact in group_facts(data, g, g.kind, lang) {
            let _ = writeln!(s, "- {}", markdown_cell(&fact));
        }
        s.push('\n');
        s.push_str(&seat_grid(g, lang).to_markdown());
        if !g.duties.is_empty() {
            let _ = writeln!(s, "\n**{}**\n", L::Duties.get(lang));
            for (n, duty) in g.duties.iter().enumerate() {
                let _ = writeln!(s, "{}. {}", n + 1, markdown_cell(duty));
            }
        }
    }
    s
}

/// One row a seat, for a spreadsheet: the seat table of every group, with the group's
/// name in front. Headers are in the report language, as in every other CSV; scripts
/// that want ids and roles as codes read the JSON.
fn show_grid(report: &roster::RosterShow, lang: Lang) -> Grid<'_> {
    let mut grid =
        Grid::new([L::Group, L::Role, L::Name, L::PersonTitle, L::Unit].map(|l| l.get(lang)));
    for g in &report.groups {
        for seat in &g.seats {
            grid.push([
                g.name.clone(),
                seat.role_title.clone(),
                seat.person.clone(),
                seat.title.clone().unwrap_or_default(),
                seat.unit.clone().unwrap_or_default(),
            ]);
        }
    }
    grid
}

/// A person's or unit's tasks; `color` paints the 预警 cells (a table on a terminal).
fn task_grid<'a>(data: &'a Data, tasks: &'a [TaskView<'a>], lang: Lang, color: bool) -> Grid<'a> {
    let mut grid = Grid::new(
        [L::Id, L::TaskTitle, L::Group, L::Due, L::Status, L::Warning].map(|l| l.get(lang)),
    );
    for t in tasks {
        let word =
            crate::model::Status::parse(t.status).map_or(t.status, |s| i18n::status(s).get(lang));
        // Marked as `wg tasks list` marks it: done after the due date.
        let status = match (t.late, lang) {
            (true, Lang::Zh) => format!("{word}（{}）", L::Late.get(lang)),
            (true, Lang::En) => format!("{word} ({})", L::Late.get(lang)),
            (false, _) => word.to_owned(),
        };
        grid.push([
            t.id.to_owned(),
            t.title.to_owned(),
            group_name(data, t.group),
            t.next_due
                .map_or_else(|| L::None.get(lang).to_owned(), |d| d.to_string()),
            status,
            t.warning
                .map_or(L::None, i18n::warning)
                .get(lang)
                .to_owned(),
        ]);
    }
    grid.keep_words([0, 3]);
    grid.short_forms(2, group_short_forms(data));
    if color {
        grid.paint(
            5,
            tasks
                .iter()
                .map(|t| t.warning.map(super::warning_color))
                .collect(),
        );
    }
    // A roll-up: the office of each task, first.
    if data.is_rollup() {
        let offices = tasks.iter().map(|t| t.office_label.unwrap_or_default());
        grid.insert_column(0, L::Office.get(lang), offices);
    }
    grid
}

/// The person's seats and tasks: Markdown, or plain text with tables in `text`.
/// `color`: paint the 预警 cells of the task table (plain text on a terminal only).
fn person_doc(
    data: &Data,
    r: &roster::RosterPerson,
    lang: Lang,
    text: Option<TableStyle>,
    color: bool,
) -> String {
    let markdown = text.is_none();
    let mut s = String::new();
    let p = &r.person;
    // The title on a line of its own, labelled as the seat tables of `roster show`
    // head its column: run on after the name, "孙伟市总工会基层工作部部长" reads as one word.
    let head = with_id(&p.name, &p.id, lang);
    let grid_out = |g: &Grid| match text {
        None => g.to_markdown(),
        Some(style) => g.to_table_in(style),
    };
    let mut facts = Vec::new();
    if let Some(title) = &p.title {
        facts.push(field(L::PersonTitle, title, lang));
    }
    if let Some(unit) = &p.unit {
        facts.push(field(L::Unit, unit, lang));
    }
    if let Some(email) = &p.email {
        facts.push(field(L::Email, email, lang));
    }
    if markdown {
        let _ = writeln!(s, "## {}\n", markdown_cell(&head));
        for f in &facts {
            let _ = writeln!(s, "- {}", markdown_cell(f));
        }
        if !facts.is_empty() {
            s.push('\n');
        }
    } else {
        let _ = writeln!(s, "{}", sanitize(&head));
        for f in &facts {
            let _ = writeln!(s, "{}", sanitize(f));
        }
        s.push('\n');
    }
    if r.seats.is_empty() {
        let _ = writeln!(s, "{}", L::NoSeats.get(lang));
    } else {
        let mut grid = Grid::new([L::Group, L::Role].map(|l| l.get(lang)));
        for seat in &r.seats {
            grid.push([
                with_id(&seat.group_name, &seat.group, lang),
                seat.role_title.clone(),
            ]);
        }
        // A roll-up: the office of each seat's group, first.
        if data.is_rollup() {
            let offices = r
                .seats
                .iter()
                .map(|seat| data.office_label(seat.office.as_deref()));
            grid.insert_column(0, L::Office.get(lang), offices);
        }
        s.push_str(&grid_out(&grid));
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "{}",
        if markdown {
            format!("**{}**\n", L::Tasks.get(lang))
        } else {
            label_line(L::Tasks, lang)
        }
    );
    if r.tasks.is_empty() {
        let _ = writeln!(s, "{}", L::NoTasks.get(lang));
    } else {
        s.push_str(&grid_out(&task_grid(data, &r.tasks, lang, color)));
    }
    s
}

fn units_grid<'a>(data: &'a Data, report: &'a roster::RosterUnits, lang: Lang) -> Grid<'a> {
    let mut headers = vec![L::Unit.get(lang).to_owned(), L::Kind.get(lang).to_owned()];
    headers.extend(report.groups.iter().cloned());
    let mut grid = Grid::new(headers);
    for (u, row) in report.units.iter().enumerate() {
        let mut cells = vec![
            row.name.clone(),
            i18n::unit_kind(data.unit(u).kind).get(lang).to_owned(),
        ];
        for g in &report.groups {
            let cell = if row.leads.contains(g) {
                L::Leads.get(lang)
            } else if row.member_of.contains(g) {
                L::Member.get(lang)
            } else {
                ""
            };
            cells.push(cell.to_owned());
        }
        grid.push(cells);
    }
    grid
}

/// What the group ids in the matrix's header stand for; a list in Markdown, so that
/// pandoc does not run the lines together.
fn legend(data: &Data, markdown: bool) -> String {
    let mut s = String::new();
    for g in &data.groups {
        if markdown {
            let _ = writeln!(s, "- {} = {}", markdown_cell(&g.id), markdown_cell(&g.name));
        } else {
            let _ = writeln!(s, "{} = {}", sanitize(&g.id), sanitize(&g.name));
        }
    }
    s
}

/// The unit's groups and tasks: Markdown, or plain text with tables in `text`.
/// `color`: as for [`person_doc`].
fn unit_doc(
    data: &Data,
    r: &roster::RosterUnit,
    lang: Lang,
    text: Option<TableStyle>,
    color: bool,
) -> String {
    let markdown = text.is_none();
    let mut s = String::new();
    let kind = crate::model::UnitKind::ALL
        .iter()
        .find(|(n, _)| *n == r.unit.kind)
        .map_or(r.unit.kind, |(_, k)| i18n::unit_kind(*k).get(lang));
    let head = match lang {
        _ if r.unit.name == r.unit.id => with_id(&r.unit.name, kind, lang),
        Lang::Zh => format!("{}（{}，{}）", r.unit.name, r.unit.id, kind),
        Lang::En => format!("{} ({}, {})", r.unit.name, r.unit.id, kind),
    };
    let names =
        |ids: &[String]| -> Vec<String> { ids.iter().map(|id| group_name(data, id)).collect() };
    let mut facts = Vec::new();
    if !r.unit.aliases.is_empty() {
        facts.push(field(
            L::UnitAliases,
            &list_or_none(&r.unit.aliases, lang),
            lang,
        ));
    }
    facts.extend([
        field(L::UnitLeads, &list_or_none(&names(&r.leads), lang), lang),
        field(
            L::UnitMemberOf,
            &list_or_none(&names(&r.member_of), lang),
            lang,
        ),
    ]);
    if !r.hosts.is_empty() {
        facts.push(field(
            L::UnitHosts,
            &list_or_none(&names(&r.hosts), lang),
            lang,
        ));
    }
    if !r.people.is_empty() {
        facts.push(field(L::UnitPeople, &list_or_none(&r.people, lang), lang));
    }
    if markdown {
        let _ = writeln!(s, "## {}\n", markdown_cell(&head));
        for f in &facts {
            let _ = writeln!(s, "- {}", markdown_cell(f));
        }
        let _ = writeln!(s, "\n**{}**\n", L::Tasks.get(lang));
    } else {
        let _ = writeln!(s, "{}", sanitize(&head));
        for f in &facts {
            let _ = writeln!(s, "{}", sanitize(f));
        }
        let _ = writeln!(s, "\n{}", label_line(L::Tasks, lang));
    }
    if r.tasks.is_empty() {
        let _ = writeln!(s, "{}", L::NoTasks.get(lang));
    } else {
        let grid = task_grid(data, &r.tasks, lang, color);
        s.push_str(&match text {
            None => grid.to_markdown(),
            Some(style) => grid.to_table_in(style),
        });
    }
    s
}
