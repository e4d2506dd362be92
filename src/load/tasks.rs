//! `tasks.toml` and `tasks/*.toml`: the task list, possibly split by group.

use super::diagnostic::{Diagnostic, FileId};
use super::fields::{Fields, Sp, Span};
use super::{Refs, Source};
use crate::model::{Origin, Repeat, Status, Task, Update};
use std::collections::HashMap;
use toml::de::DeTable;

const TOP: &[&str] = &["tasks"];
/// Every key a task may have, in the order SPEC writes them.
pub const TASK: &[&str] = &[
    "id",
    "title",
    "group",
    "lead_unit",
    "units",
    "owner",
    "start",
    "due",
    "status",
    "done_on",
    "repeat",
    "done_through",
    "targets",
    "outcome",
    "updates",
];
const UPDATE: &[&str] = &["date", "note"];

/// Task ids already seen, across all task files: id → (file, span).
pub type SeenIds = HashMap<String, (FileId, Span)>;

/// The tasks of every task file read so far, and where each id was first defined.
#[derive(Default)]
pub struct TaskList {
    pub tasks: Vec<Task>,
    pub seen: SeenIds,
}

pub fn load(
    file: FileId,
    source: &Source,
    doc: &DeTable<'_>,
    span: Span,
    refs: &Refs<'_>,
    list: &mut TaskList,
    diags: &mut Vec<Diagnostic>,
) {
    let mut top = Fields::file_top(
        file,
        doc,
        span,
        "a task file",
        TOP,
        &[("[[tasks]]", TASK)],
        diags,
    );
    let tables = top.tables("tasks");
    let diags = top.diags;
    list.tasks.reserve(tables.len());
    for (table, span) in tables {
        if let Some(task) = load_task(file, source, table, span, refs, &mut list.seen, diags) {
            list.tasks.push(task);
        }
    }
}

fn load_task(
    file: FileId,
    source: &Source,
    table: &DeTable<'_>,
    span: Span,
    refs: &Refs<'_>,
    seen: &mut SeenIds,
    diags: &mut Vec<Diagnostic>,
) -> Option<Task> {
    let mut f = Fields::new(file, table, span.clone(), "task", TASK, diags);
    let id = f.req_str("id");
    let title = f.req_str("title");
    let group = f.req_str("group");
    let lead_unit = f.str("lead_unit");
    let units = f.str_list("units");
    let owner = f.str("owner");
    let start = f.date("start");
    let due = f.date("due");
    let status = f.str("status").and_then(|s| match Status::parse(&s.value) {
        Some(st) => Some(Sp::new(st, s.span)),
        None => {
            let names: Vec<String> = Status::ALL
                .iter()
                .map(|(en, zh, _)| format!("{en} ({zh})"))
                .collect();
            let guess = super::suggest::closest(
                s.value.trim(),
                Status::ALL.iter().flat_map(|(en, zh, _)| [*en, *zh]),
                1,
            );
            let mut d = Diagnostic::error(format!("unknown status \"{}\"", s.value))
                .at(file, s.span)
                .label("not a status");
            d = match guess.first() {
                Some(g) => d.help(format!(
                    "did you mean \"{g}\"? statuses are: {}",
                    names.join(", ")
                )),
                None => d.help(format!("statuses are: {}", names.join(", "))),
            };
            f.error(d);
            None
        }
    });
    let done_on = f.date("done_on");
    let repeat = f.choice("repeat", &Repeat::ALL);
    let done_through = f.date("done_through");
    let targets = f.str_list("targets");
    let outcome = f.str("outcome");
    let update_tables = f.tables("updates");
    let mut updates = Vec::with_capacity(update_tables.len());
    for (t, s) in update_tables {
        let mut u = Fields::new(
            file,
            t,
            s,
            "progress note ([[tasks.updates]])",
            UPDATE,
            f.diags,
        );
        let date = u.req_date("date");
        let note = u.req_str("note");
        if let (Some(date), Some(note)) = (date, note) {
            updates.push(Update {
                date: date.value,
                note: note.value,
            });
        }
    }
    let fields_ok = f.ok();

    let id = id?;
    let tid = id.value.trim().to_owned();
    if !tid
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        diags.push(
            Diagnostic::error(format!(
                "task id \"{}\" may hold only letters, digits, - _ .",
                id.value
            ))
            .at(file, id.span.clone())
            .label("typed on the command line")
            .help("use an id such as \"JH-01\""),
        );
    }
    if let Some((first_file, first_span)) = seen.get(&tid) {
        diags.push(
            Diagnostic::error(format!("duplicate task id \"{tid}\""))
                .at(file, id.span.clone())
                .label("defined again here")
                .also("first defined at", *first_file, first_span.clone())
                .help("task ids must be unique across all task files"),
        );
        return None;
    }
    seen.insert(tid.clone(), (file, id.span.clone()));

    let status_value = status.as_ref().map_or(Status::Todo, |s| s.value);
    let done_like = status_value == Status::Done;
    match (&done_on, done_like) {
        (None, true) if status.is_some() => diags.push(
            Diagnostic::error(format!("task {tid} is done but has no `done_on`"))
                .at(
                    file,
                    status.as_ref().map_or(span.clone(), |s| s.span.clone()),
                )
                .label("status is done")
                .help("add `done_on = YYYY-MM-DD`, the day it was finished"),
        ),
        (Some(d), false) => diags.push(
            Diagnostic::error(format!(
                "task {tid} has `done_on` but its status is {}",
                status_value.as_str()
            ))
            .at(file, d.span.clone())
            .label("only done tasks have done_on")
            .help("set `status = \"done\"`, or remove `done_on`"),
        ),
        _ => {}
    }
    if let (Some(dt), None) = (&done_through, &repeat) {
        diags.push(
            Diagnostic::error(format!("task {tid} has `done_through` but does not repeat"))
                .at(file, dt.span.clone())
                .label("only for repeating tasks")
                .help(
                    "add `repeat = \"monthly\"` (or quarterly, yearly), or remove `done_through`",
                ),
        );
    }
    if let (Some(r), None) = (&repeat, &due) {
        diags.push(
            Diagnostic::error(format!("repeating task {tid} has no `due`"))
                .at(file, r.span.clone())
                .label("repeats from what date?")
                .help("add `due = YYYY-MM-DD`, the first occurrence"),
        );
    }
    if let (Some(s), Some(d)) = (&start, &due)
        && s.value > d.value
    {
        diags.push(
            Diagnostic::warning(format!("task {tid} starts after it is due"))
                .at(file, s.span.clone())
                .label(format!("start {} is after due {}", s.value, d.value)),
        );
    }

    let place = format!("task {tid}");
    let group_idx = group
        .as_ref()
        .and_then(|g| refs.group(g, &place, file, diags));
    let lead = lead_unit.as_ref().and_then(|u| {
        refs.units
            .resolve(u, "unit", &format!("lead_unit of {place}"), file, diags)
    });
    let unit_idx: Vec<usize> = units
        .iter()
        .filter_map(|u| {
            refs.units
                .resolve(u, "unit", &format!("units of {place}"), file, diags)
        })
        .collect();
    let owner_idx = owner.as_ref().and_then(|p| {
        refs.people
            .resolve(p, "person", &format!("owner of {place}"), file, diags)
    });
    if !fields_ok
        || (owner.is_some() && owner_idx.is_none())
        || (lead_unit.is_some() && lead.is_none())
    {
        return None;
    }
    let (line, _) = source.line_col(span.start);
    Some(Task {
        id: tid,
        title: title?.value,
        group: group_idx?,
        lead_unit: lead,
        units: unit_idx,
        owner: owner_idx,
        start: start.map(|s| s.value),
        due: due.map(|d| d.value),
        status: status_value,
        done_on: done_on.map(|d| d.value),
        repeat: repeat.map(|r| r.value),
        done_through: done_through.map(|d| d.value),
        targets: targets.into_iter().map(|t| t.value).collect(),
        outcome: outcome.map(|o| o.value),
        updates,
        origin: Origin {
            file: source.rel.clone(),
            line,
        },
    })
}
