//! `tasks.toml` and `tasks/*.toml`: the task list, possibly split by group.

use super::diagnostic::{Diagnostic, FileId};
use super::fields::{Fields, Sp, Span};
use super::{Refs, Source};
use crate::model::{Origin, Repeat, Status, Task, Update};
use std::collections::HashMap;
use toml::de::{DeTable, DeValue};

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

/// One task file, as the loader hands it over.
pub struct TaskFile<'s> {
    pub file: FileId,
    pub source: &'s Source,
}

/// What one task table gave: the task if it is valid, and its id (with the id's span in
/// the file) whenever it has one, so that duplicates are caught even among broken tasks.
type Loaded = (Option<Task>, Option<Sp<String>>);

/// A run of a task file that starts at a `[[tasks]]` line (or the file's start) and
/// ends before the next one.
struct Chunk<'t> {
    file: FileId,
    offset: usize,
    text: &'t str,
}

/// Loads every task file. Each file is cut at its `[[tasks]]` lines and the pieces are
/// parsed on all cores, each into tasks straight away: no tree of the whole file is
/// ever built, so a 100,000-task file costs little more memory than its text. A file
/// whose pieces do not each parse as plain `[[tasks]]` tables (a syntax error, another
/// table, text before the first task) is read again whole, by the ordinary path, so its
/// diagnostics are exactly those of a whole-file parse.
pub fn load_all(files: &[TaskFile<'_>], refs: &Refs<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Task> {
    let chunks: Vec<Chunk<'_>> = files
        .iter()
        .flat_map(|f| {
            split(&f.source.text).map(move |(offset, text)| Chunk {
                file: f.file,
                offset,
                text,
            })
        })
        .collect();
    let sources: HashMap<FileId, &Source> = files.iter().map(|f| (f.file, f.source)).collect();
    let results = parse_chunks(&chunks, &sources, refs);

    // Per file: the chunks' results if every chunk was plain, else the whole file again.
    let mut by_file: Vec<(FileId, Vec<Loaded>, Vec<Diagnostic>, bool)> = files
        .iter()
        .map(|f| (f.file, Vec::new(), Vec::new(), true))
        .collect();
    for (chunk, result) in chunks.iter().zip(results) {
        let Some(slot) = by_file.iter_mut().find(|s| s.0 == chunk.file) else {
            continue;
        };
        match result {
            Some((loaded, chunk_diags)) => {
                slot.1.extend(loaded);
                slot.2.extend(chunk_diags);
            }
            None => slot.3 = false,
        }
    }
    let mut seen: HashMap<String, (FileId, Span)> = HashMap::new();
    let mut tasks = Vec::new();
    for (f, (file, loaded, file_diags, plain)) in files.iter().zip(by_file) {
        let loaded = if plain {
            diags.extend(file_diags);
            loaded
        } else {
            load_whole(file, f.source, refs, diags)
        };
        tasks.reserve(loaded.len());
        for (task, id) in loaded {
            let Some(id) = id else { continue };
            if let Some((first_file, first_span)) = seen.get(&id.value) {
                diags.push(
                    Diagnostic::error(format!("duplicate task id \"{}\"", id.value))
                        .at(file, id.span.clone())
                        .label("defined again here")
                        .also("first defined at", *first_file, first_span.clone())
                        .help("task ids must be unique across all task files"),
                );
                continue;
            }
            seen.insert(id.value, (file, id.span));
            tasks.extend(task);
        }
    }
    tasks
}

/// Splits a task file before every line that is exactly a `[[tasks]]` header: the
/// first piece is whatever precedes the first task (comments, usually).
fn split(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut starts = vec![0];
    starts.extend(text.match_indices("[[tasks]]").map(|(i, _)| i).filter(|&i| {
        let line_start = text.get(..i).map_or(0, |s| s.rfind('\n').map_or(0, |n| n + 1));
        let indent_only = text
            .get(line_start..i)
            .is_some_and(|s| s.chars().all(|c| c == ' ' || c == '\t'));
        let rest = text.get(i + "[[tasks]]".len()..).unwrap_or("");
        let ends_header = rest
            .chars()
            .next()
            .is_none_or(|c| matches!(c, ' ' | '\t' | '\r' | '\n' | '#'));
        i > 0 && indent_only && ends_header
    }));
    starts.push(text.len());
    starts.dedup();
    let pieces: Vec<(usize, &str)> = starts
        .windows(2)
        .filter_map(|w| Some((w[0], text.get(w[0]..w[1])?)))
        .collect();
    pieces.into_iter()
}

/// Parses the chunks on every core, keeping their order. `None` for a chunk that is not
/// a plain run of `[[tasks]]` tables.
fn parse_chunks(
    chunks: &[Chunk<'_>],
    sources: &HashMap<FileId, &Source>,
    refs: &Refs<'_>,
) -> Vec<Option<(Vec<Loaded>, Vec<Diagnostic>)>> {
    let bytes: usize = chunks.iter().map(|c| c.text.len()).sum();
    // Threads pay off only on big files; small ones stay on this thread.
    let threads = if bytes < 1 << 20 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    };
    let per_thread = chunks.len().div_ceil(threads).max(1);
    let work = |part: &[Chunk<'_>]| -> Vec<_> {
        part.iter()
            .map(|c| sources.get(&c.file).and_then(|s| load_chunk(c, s, refs)))
            .collect()
    };
    if threads == 1 {
        return work(chunks);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .chunks(per_thread)
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(results) => results,
                // A panic in a worker would be a bug; treat its chunks as not plain so
                // the whole file is read again on this thread.
                Err(_) => Vec::new(),
            })
            .collect()
    })
}

/// One chunk: parsed alone, its tasks built, every span moved to its place in the file.
fn load_chunk(chunk: &Chunk<'_>, source: &Source, refs: &Refs<'_>) -> Option<(Vec<Loaded>, Vec<Diagnostic>)> {
    let (doc, errors) = DeTable::parse_recoverable(chunk.text);
    if !errors.is_empty() {
        return None;
    }
    let doc = doc.into_inner();
    if doc.iter().any(|(k, _)| k.get_ref().as_ref() != "tasks") {
        return None;
    }
    let tables: Vec<(&DeTable<'_>, Span)> = match doc.get("tasks").map(|v| v.get_ref()) {
        None => Vec::new(),
        Some(DeValue::Array(items)) => {
            let mut tables = Vec::with_capacity(items.len());
            for item in items.iter() {
                match item.get_ref() {
                    DeValue::Table(t) => tables.push((t, item.span())),
                    _ => return None,
                }
            }
            tables
        }
        Some(_) => return None,
    };
    let mut diags = Vec::new();
    let loaded = tables
        .into_iter()
        .map(|(table, span)| load_task(chunk.file, source, chunk.offset, table, span, refs, &mut diags))
        .collect();
    for d in &mut diags {
        shift(d, chunk.file, chunk.offset);
    }
    Some((loaded, diags))
}

/// Moves a diagnostic's spans in `file` by `offset` bytes.
fn shift(d: &mut Diagnostic, file: FileId, offset: usize) {
    if let Some((f, span)) = &mut d.at
        && *f == file
    {
        *span = span.start + offset..span.end + offset;
    }
    if let Some((_, f, span)) = &mut d.also
        && *f == file
    {
        *span = span.start + offset..span.end + offset;
    }
}

/// The ordinary path: the whole file parsed at once.
fn load_whole(file: FileId, source: &Source, refs: &Refs<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Loaded> {
    let Some((doc, span)) = super::parse(file, &source.text, diags) else {
        return Vec::new();
    };
    let mut top = Fields::file_top(
        file,
        &doc,
        span,
        "a task file",
        TOP,
        &[("[[tasks]]", TASK)],
        diags,
    );
    let tables = top.tables("tasks");
    let diags = top.diags;
    tables
        .into_iter()
        .map(|(table, span)| load_task(file, source, 0, table, span, refs, diags))
        .collect()
}

/// One task table. `offset` is where the table's text starts in the file; the spans of
/// `table` and of the diagnostics pushed here are relative to it.
fn load_task(
    file: FileId,
    source: &Source,
    offset: usize,
    table: &DeTable<'_>,
    span: Span,
    refs: &Refs<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Loaded {
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

    let Some(id) = id else {
        return (None, None);
    };
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
    let id_at = Some(Sp::new(tid.clone(), id.span.start + offset..id.span.end + offset));

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
        return (None, id_at);
    }
    let (Some(title), Some(group)) = (title, group_idx) else {
        return (None, id_at);
    };
    let (line, _) = source.line_col(span.start + offset);
    let task = Task {
        id: tid,
        title: title.value,
        group,
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
    };
    (Some(task), id_at)
}
