//! In-place edits of a task (`wg tasks done|status|note`) that keep every other byte of
//! the file: the task's own `[[tasks]]` chunk is cut out, changed with `toml_edit` and
//! spliced back; the result is validated with the rest of the data directory, then
//! replaces the file atomically, all under a lock so that concurrent edits serialise.

use crate::i18n::msg;
use crate::load::{self, Diagnostic, Loaded, suggest};
use crate::model::{Org, Status, Task, Update};
use crate::{Because, Error, Failed};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

/// The lock file, in the data directory; it is created on first use and left in place
/// (deleting a lock file while someone waits on it would let two editors in at once).
pub const LOCK_FILE: &str = ".wg.lock";

/// How long an edit waits for another `wg` to finish before giving up.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// Keys of a task in the order SPEC writes them (the loader's list): a key the edit adds
/// goes after the last key present that comes before it here (`done_on` after `status`).
use crate::load::TASK_KEYS as KEY_ORDER;

/// What the user asked to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Mark done on a day (default: the as-of date); a repeating task: its next occurrence.
    Done {
        on: Option<NaiveDate>,
        note: Option<String>,
    },
    /// Set the status; the word is written as given (canonical English or Chinese).
    Status { status: Status, word: &'static str },
    /// Append a progress note dated the as-of date.
    Note(String),
}

/// One thing an edit changed, for the line `wg` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    Status {
        from: Status,
        to: Status,
    },
    DoneOnSet(NaiveDate),
    DoneOnRemoved(NaiveDate),
    DoneThrough {
        from: Option<NaiveDate>,
        to: NaiveDate,
    },
    NoteAdded(NaiveDate),
    /// Nothing to do: the task already has this status. The file is not touched.
    Unchanged(Status),
}

/// What an edit did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The task's id, as written in its file.
    pub id: String,
    /// The file that was changed, as shown to the user.
    pub file: String,
    pub changes: Vec<Changed>,
    /// The organisation: its language is the default of the line printed.
    pub org: Org,
}

/// Parses a status typed on the command line; returns it with the canonical word in
/// the language it was typed in (`进行中` stays Chinese, ` Done ` becomes `done`).
pub fn parse_status(typed: &str) -> Result<(Status, &'static str), Error> {
    let t = typed.trim();
    for &(en, zh, status) in &Status::ALL {
        if t == zh {
            return Ok((status, zh));
        }
        if t.eq_ignore_ascii_case(en) {
            return Ok((status, en));
        }
    }
    let near = suggest::closest(
        &t.to_lowercase(),
        Status::ALL.iter().flat_map(|(en, zh, _)| [*en, *zh]),
        1,
    );
    Err(Error::Usage(match near.first() {
        Some(n) => msg::unknown_status_typed_near(typed, n, &msg::status_list()),
        None => msg::unknown_status_typed(typed, &msg::status_list()),
    }))
}

/// Applies a change to task `id` of the data directory `dir`. `today` gives the as-of
/// date once the org (and so its time zone) is known; it is called as soon as the org
/// is, so that the caller learns the org's language before any refusal is made.
///
/// Holds the directory's lock from the first read to the rename. Refuses (and writes
/// nothing) when the data does not load, the task is unknown, the change makes no sense
/// for the task, or the new file would not validate.
pub fn apply(
    dir: &Path,
    id: &str,
    change: &Change,
    today: &dyn Fn(&Org) -> NaiveDate,
) -> Result<Outcome, Error> {
    let _lock = lock(dir, LOCK_TIMEOUT)?;
    let loaded = load::load(dir).map_err(Error::Data)?;
    let today = today(&loaded.data.org);
    let task = find_task(&loaded, id)?.clone();
    let plan = plan(&task, change, today)?;
    let source = loaded
        .sources
        .iter()
        .find(|s| s.rel == task.origin.file)
        .ok_or_else(|| {
            Failed::error(msg::task_file_not_read(
                &task.id,
                &task.origin.file.display().to_string(),
            ))
        })?;
    let shown = source.shown.clone();
    let outcome = Outcome {
        id: task.id.clone(),
        file: shown.clone(),
        changes: plan.changes.clone(),
        org: loaded.data.org.clone(),
    };
    if plan.is_noop() {
        return Ok(outcome);
    }

    let path = dir.join(&task.origin.file);
    let (bom, text) = read_file(&path)?;
    if text != source.text {
        return Err(Error::Other(Failed::error(msg::changed_while_editing(
            &shown,
        ))));
    }
    let next_line = loaded
        .data
        .tasks
        .iter()
        .filter(|t| t.origin.file == task.origin.file && t.origin.line > task.origin.line)
        .map(|t| t.origin.line)
        .min();
    // Only one copy of the data at a time: a 100,000-task directory is big.
    drop(loaded);
    let new_text = edit_text(&text, &task, next_line, &plan)
        .map_err(|e| Error::Other(Failed::wrap(msg::cannot_edit(&task.id, &shown), e)))?;
    drop(text);

    let reloaded = validate(dir, &task.origin.file, new_text, &task.id, &shown)?;
    check_result(&reloaded, &task, &plan)
        .map_err(|e| Error::Other(Failed::wrap(msg::edit_not_as_planned(&task.id, &shown), e)))?;
    let new_text = reloaded
        .sources
        .iter()
        .find(|s| s.rel == task.origin.file)
        .map_or("", |s| s.text.as_str());
    write_atomic(&path, bom, new_text)
        .map_err(|e| Error::Other(Failed::wrap(msg::edit_not_written(&task.id, &shown), e)))?;
    Ok(outcome)
}

/// Loads the data directory with `rel` replaced by `new_text`; an error says that the
/// edit was refused and the file is unchanged, then lists the problems.
fn validate(
    dir: &Path,
    rel: &Path,
    new_text: String,
    id: &str,
    shown: &str,
) -> Result<Loaded, Error> {
    let replaced = HashMap::from([(rel.to_path_buf(), new_text)]);
    load::load_with(dir, replaced).map_err(|mut failure| {
        failure.diagnostics.insert(
            0,
            Diagnostic::error(msg::edit_refused(id, shown)).help(msg::edit_refused_help()),
        );
        Error::Data(failure)
    })
}

/// The task with this id, or an error that suggests the nearest ids (the same lookup as
/// `wg tasks show`).
fn find_task<'a>(loaded: &'a Loaded, id: &str) -> Result<&'a Task, Error> {
    crate::report::tasks::find_task(&loaded.data, id).map_err(Error::Usage)
}

/// What to set in the file, worked out from the task as loaded.
#[derive(Debug, Clone, Default)]
struct Plan {
    /// The status to write, and the word: the one typed, or `None` to write it in the
    /// language the file's status already uses.
    status: Option<(Status, Option<&'static str>)>,
    done_on: Option<KeyEdit>,
    done_through: Option<NaiveDate>,
    note: Option<Update>,
    changes: Vec<Changed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyEdit {
    Set(NaiveDate),
    Remove,
}

impl Plan {
    fn is_noop(&self) -> bool {
        self.status.is_none()
            && self.done_on.is_none()
            && self.done_through.is_none()
            && self.note.is_none()
    }
}

fn plan(task: &Task, change: &Change, today: NaiveDate) -> Result<Plan, Error> {
    let id = &task.id;
    let mut p = Plan::default();
    match change {
        Change::Done { on, note } => {
            match task.status {
                Status::Done => {
                    return Err(Error::Usage(match task.done_on {
                        Some(on) => msg::already_done_on(id, on),
                        None => msg::already_done(id),
                    }));
                }
                Status::Cancelled => {
                    return Err(Error::Usage(msg::task_cancelled(id)));
                }
                _ => {}
            }
            if task.repeat.is_some() {
                if let Some(on) = on {
                    return Err(Error::Usage(msg::repeats_so_no_on(id, *on)));
                }
                let next = task
                    .next_due()
                    .ok_or_else(|| Error::Usage(msg::no_next_occurrence(id)))?;
                // At most the occurrence coming up can be done: running `done` twice by
                // mistake must not mark next month's report as sent.
                let upcoming = task.repeat.zip(task.due).and_then(|(repeat, first)| {
                    (0..)
                        .map_while(|n| repeat.occurrence(first, n))
                        .find(|&d| d >= today)
                });
                if let (Some(upcoming), Some(through)) = (upcoming, task.done_through)
                    && next > upcoming
                {
                    return Err(Error::Usage(msg::done_through_ahead(
                        id, through, next, upcoming,
                    )));
                }
                p.done_through = Some(next);
                p.changes.push(Changed::DoneThrough {
                    from: task.done_through,
                    to: next,
                });
            } else {
                let on = on.unwrap_or(today);
                if on > today {
                    return Err(Error::Usage(msg::done_in_the_future(on, today)));
                }
                p.status = Some((Status::Done, None));
                p.done_on = Some(KeyEdit::Set(on));
                p.changes.push(Changed::Status {
                    from: task.status,
                    to: Status::Done,
                });
                p.changes.push(Changed::DoneOnSet(on));
            }
            if let Some(note) = note {
                add_note(&mut p, note, today)?;
            }
        }
        Change::Status { status, word } => {
            if *status == task.status {
                p.changes.push(Changed::Unchanged(*status));
                return Ok(p);
            }
            p.status = Some((*status, Some(*word)));
            p.changes.push(Changed::Status {
                from: task.status,
                to: *status,
            });
            if *status == Status::Done {
                p.done_on = Some(KeyEdit::Set(today));
                p.changes.push(Changed::DoneOnSet(today));
            } else if let Some(old) = task.done_on {
                p.done_on = Some(KeyEdit::Remove);
                p.changes.push(Changed::DoneOnRemoved(old));
            }
        }
        Change::Note(text) => add_note(&mut p, text, today)?,
    }
    Ok(p)
}

fn add_note(p: &mut Plan, text: &str, today: NaiveDate) -> Result<(), Error> {
    let note = text.trim();
    if note.is_empty() {
        return Err(Error::Usage(msg::empty_note()));
    }
    p.note = Some(Update {
        date: today,
        note: note.to_owned(),
    });
    p.changes.push(Changed::NoteAdded(today));
    Ok(())
}

/// Reads a file as UTF-8 text; says whether it started with a byte-order mark (which is
/// kept on writing, but not given to the TOML parser).
fn read_file(path: &Path) -> Result<(bool, String), Error> {
    let bytes = std::fs::read(path).because(|| msg::cannot_read(&path.display().to_string()))?;
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => (true, body.to_vec()),
        None => (false, bytes),
    };
    let text = String::from_utf8(body)
        .map_err(|_| Failed::error(msg::not_utf8(&path.display().to_string())))?;
    Ok((bom, text))
}

/// The whole file's new text: the task's chunk (its header line up to the next task's
/// header line, or the end) is parsed alone, edited and spliced back, so the rest of the
/// file is never even re-rendered. Falls back to the whole file when the task is not
/// written as a `[[tasks]]` header (e.g. an inline table).
fn edit_text(
    text: &str,
    task: &Task,
    next_line: Option<usize>,
    plan: &Plan,
) -> anyhow::Result<String> {
    let chunk = chunk_range(text, task.origin.line, next_line).unwrap_or(0..text.len());
    let old = text
        .get(chunk.clone())
        .ok_or_else(|| Failed::error(msg::task_lines_moved()))?;
    let new = edit_chunk(old, &task.id, plan)?;
    // `old` is a part of `text`, so this cannot underflow.
    let mut out = String::with_capacity(text.len() - old.len() + new.len());
    out.push_str(text.get(..chunk.start).unwrap_or(""));
    out.push_str(&new);
    out.push_str(text.get(chunk.end..).unwrap_or(""));
    Ok(out)
}

/// Byte range from the start of line `line` (1-based) to the start of line `next` (or
/// the end), when `line` is a `[[…]]` header.
fn chunk_range(text: &str, line: usize, next: Option<usize>) -> Option<Range<usize>> {
    let start = line_start(text, line)?;
    let end = match next {
        Some(n) => line_start(text, n)?,
        None => text.len(),
    };
    let header = text.get(start..)?.trim_start_matches([' ', '\t']);
    (header.starts_with("[[") && start < end).then_some(start..end)
}

fn line_start(text: &str, line: usize) -> Option<usize> {
    match line {
        0 => None,
        1 => Some(0),
        n => text.match_indices('\n').nth(n - 2).map(|(i, _)| i + 1),
    }
}

/// Edits the TOML text `old` (a chunk or a whole file) that holds task `id`.
fn edit_chunk(old: &str, id: &str, plan: &Plan) -> anyhow::Result<String> {
    // toml_edit writes "\n" after every line; a file written with "\r\n" throughout keeps
    // its line endings by converting back. Mixed files are left as toml_edit writes them.
    let crlf = old.contains("\r\n") && !old.replace("\r\n", "").contains('\n');
    let render = |doc: &DocumentMut| {
        let s = doc.to_string();
        if crlf {
            s.replace("\r\n", "\n").replace('\n', "\r\n")
        } else {
            s
        }
    };
    let mut doc: DocumentMut = old
        .parse::<DocumentMut>()
        .because(msg::toml_edit_cannot_parse)?;
    // toml_edit reproduces what it parsed byte for byte in every case we know of; should
    // it not, an edit would change lines it has no business changing. Refuse instead.
    if render(&doc) != old {
        return Err(Failed::error(msg::toml_edit_would_reformat()));
    }
    let table = find_table(&mut doc, id)?;
    if let Some((status, word)) = plan.status {
        let word = word.unwrap_or_else(|| word_in_file_language(table, status));
        set_string(table, "status", word);
    }
    match plan.done_on {
        Some(KeyEdit::Set(d)) => set_value(table, "done_on", date_value(d)?),
        Some(KeyEdit::Remove) => {
            table.remove("done_on");
        }
        None => {}
    }
    if let Some(d) = plan.done_through {
        set_value(table, "done_through", date_value(d)?);
    }
    if let Some(update) = &plan.note {
        append_note(table, update)?;
    }
    Ok(render(&doc))
}

/// The word for `status` in the language of the task's current status value: a task
/// that says `status = "进行中"` becomes `已完成`. Without a status key, English.
fn word_in_file_language(table: &Table, status: Status) -> &'static str {
    let chinese = table
        .get("status")
        .and_then(Item::as_str)
        .is_some_and(|old| Status::ALL.iter().any(|(_, zh, _)| *zh == old.trim()));
    Status::ALL
        .iter()
        .find(|(_, _, s)| *s == status)
        .map_or("todo", |(en, zh, _)| if chinese { zh } else { en })
}

/// The `[[tasks]]` table with this id.
fn find_table<'d>(doc: &'d mut DocumentMut, id: &str) -> anyhow::Result<&'d mut Table> {
    match doc.get_mut("tasks") {
        Some(Item::ArrayOfTables(tables)) => tables
            .iter_mut()
            .find(|t| {
                t.get("id")
                    .and_then(Item::as_str)
                    .is_some_and(|s| s.trim() == id)
            })
            .ok_or_else(|| Failed::error(msg::no_task_table_with_id(id))),
        Some(Item::Value(Value::Array(_))) => Err(Failed::error(msg::tasks_inline())),
        _ => Err(Failed::error(msg::no_task_tables(id))),
    }
}

fn date_value(d: NaiveDate) -> anyhow::Result<Value> {
    let year = u16::try_from(d.year())
        .ok()
        .filter(|y| *y <= 9999)
        .ok_or_else(|| Failed::error(msg::date_not_in_toml(d)))?;
    let date = toml_edit::Date {
        year,
        month: u8::try_from(d.month())?,
        day: u8::try_from(d.day())?,
    };
    Ok(Value::from(toml_edit::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    }))
}

/// Sets a string value, written in the quoting the old value used ('…' stays '…').
fn set_string(table: &mut Table, key: &str, s: &str) {
    let literal = table
        .get(key)
        .and_then(Item::as_value)
        .and_then(|v| match v {
            Value::String(f) => f.as_repr(),
            _ => None,
        })
        .and_then(|r| r.as_raw().as_str())
        .is_some_and(|raw| raw.starts_with('\''));
    let value = if literal && !s.contains(['\'', '\n', '\r']) {
        format!("'{s}'")
            .parse::<Value>()
            .unwrap_or_else(|_| Value::from(s))
    } else {
        Value::from(s)
    };
    set_value(table, key, value);
}

/// Replaces a key's value keeping the old value's decor (the spaces around it and an
/// inline comment), or adds the key after its predecessor in [`KEY_ORDER`].
fn set_value(table: &mut Table, key: &str, mut value: Value) {
    if let Some(Item::Value(old)) = table.get_mut(key) {
        *value.decor_mut() = old.decor().clone();
        *old = value;
        return;
    }
    let rank = |k: &str| KEY_ORDER.iter().position(|o| *o == k);
    let my_rank = rank(key).unwrap_or(KEY_ORDER.len());
    // The key the new one follows: the last value key that comes before it in KEY_ORDER.
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
    let after = keys.iter().rposition(|k| {
        table.get(k).is_some_and(Item::is_value) && rank(k).is_some_and(|r| r < my_rank)
    });
    let indent = after
        .or_else(|| {
            keys.iter()
                .position(|k| table.get(k).is_some_and(Item::is_value))
        })
        .and_then(|i| keys.get(i))
        .and_then(|k| table.key(k))
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|p| p.as_str())
        .map(|p| p.rsplit('\n').next().unwrap_or("").to_owned())
        .filter(|p| p.chars().all(|c| c == ' ' || c == '\t'))
        .unwrap_or_default();
    table.insert(key, Item::Value(value));
    if !indent.is_empty()
        && let Some(mut k) = table.key_mut(key)
    {
        k.leaf_decor_mut().set_prefix(indent);
    }
    // Move the new key (now last) to just after `after`; every other key keeps its place.
    let slot = after.map_or(-1, |i| i as isize);
    let order: HashMap<String, (isize, u8)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.clone(), (i as isize, 0)))
        .chain(std::iter::once((key.to_owned(), (slot, 1))))
        .collect();
    let at = |k: &str| order.get(k).copied().unwrap_or((isize::MAX, 0));
    table.sort_values_by(|k1, _, k2, _| at(k1.get()).cmp(&at(k2.get())));
}

/// Appends `[[tasks.updates]]` (or an element of an inline `updates = [...]`).
fn append_note(table: &mut Table, update: &Update) -> anyhow::Result<()> {
    let date = date_value(update.date)?;
    match table.get_mut("updates") {
        None => {
            let mut list = ArrayOfTables::new();
            list.push(note_table(date, &update.note));
            table.insert("updates", Item::ArrayOfTables(list));
        }
        Some(Item::ArrayOfTables(list)) => list.push(note_table(date, &update.note)),
        Some(Item::Value(Value::Array(list))) => {
            let mut t = InlineTable::new();
            t.insert("date", date);
            t.insert("note", Value::from(update.note.as_str()));
            // A list written one element a line gets the new one on its own line too.
            let prefix = list
                .iter()
                .last()
                .and_then(|v| v.decor().prefix())
                .and_then(|p| p.as_str())
                .map(str::to_owned);
            list.push(t);
            if let (Some(prefix), Some(last)) = (prefix, list.iter_mut().last()) {
                last.decor_mut().set_prefix(prefix);
            }
        }
        Some(_) => {
            return Err(Failed::error(msg::updates_not_a_list()));
        }
    }
    Ok(())
}

fn note_table(date: Value, note: &str) -> Table {
    let mut t = Table::new();
    t.insert("date", Item::Value(date));
    t.insert("note", Item::Value(Value::from(note)));
    t
}

/// The edited data has the task as planned: a last check that the splice went where
/// it should, before anything is written.
fn check_result(reloaded: &Loaded, before: &Task, plan: &Plan) -> anyhow::Result<()> {
    let after = reloaded
        .data
        .task_by_id(&before.id)
        .ok_or_else(|| Failed::error(msg::task_is_gone(&before.id)))?;
    let status = plan.status.map_or(before.status, |(s, _)| s);
    let done_on = match plan.done_on {
        Some(KeyEdit::Set(d)) => Some(d),
        Some(KeyEdit::Remove) => None,
        None => before.done_on,
    };
    let done_through = plan.done_through.or(before.done_through);
    let mut updates = before.updates.clone();
    updates.extend(plan.note.clone());
    let same = after.status == status
        && after.done_on == done_on
        && after.done_through == done_through
        && after.updates == updates
        && after.title == before.title
        && after.due == before.due
        && after.origin.file == before.origin.file;
    if same {
        Ok(())
    } else {
        Err(Failed::error(msg::task_reads_back_wrong(&before.id)))
    }
}

/// Replaces `path`'s content atomically: a temporary file beside the target, fsync,
/// rename over it, fsync the directory (a crash leaves the old file or the new one,
/// never half of either; at worst a stray `.NAME.XXXXXX` temporary file). The file's mode is kept. A symlink is followed
/// first, so the target is replaced and the link stays a link.
fn write_atomic(path: &Path, bom: bool, text: &str) -> anyhow::Result<()> {
    let target: PathBuf = path
        .canonicalize()
        .because(|| msg::cannot_resolve(&path.display().to_string()))?;
    let shown = target.display().to_string();
    let mut file = atomic_write_file::AtomicWriteFile::options()
        .open(&target)
        .because(|| msg::no_temporary_file_beside(&shown))?;
    let bom: &[u8] = if bom { b"\xEF\xBB\xBF" } else { b"" };
    file.write_all(bom)
        .and_then(|()| file.write_all(text.as_bytes()))
        .because(|| msg::cannot_write_the_new(&shown))?;
    // commit() fsyncs the file, renames it over the target and fsyncs the directory.
    file.commit().because(|| msg::cannot_replace(&shown))?;
    Ok(())
}

/// An exclusive lock on `<dir>/.wg.lock`, held until dropped.
///
/// `File::lock` (flock on Unix, LockFileEx on Windows) belongs to the open file: the
/// kernel releases it when the process exits, however it dies, so a lock left by a
/// killed `wg` cannot block anyone. A lock still held after `timeout` therefore belongs
/// to a live process, and the error says how to find it.
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

pub fn lock(dir: &Path, timeout: Duration) -> Result<DirLock, Error> {
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .because(|| msg::cannot_open_lock_file(&path.display().to_string()))?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(DirLock { _file: file }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => {
                return Err(Error::Other(Failed::wrap(
                    msg::cannot_lock(&path.display().to_string()),
                    e,
                )));
            }
        }
        if start.elapsed() >= timeout {
            return Err(Error::Other(Failed::error(msg::lock_held(
                &path.display().to_string(),
                timeout.as_secs(),
            ))));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture_copy() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edit");
        for f in ["org.toml", "groups.toml", "tasks.toml"] {
            std::fs::copy(from.join(f), tmp.path().join(f)).unwrap();
        }
        tmp
    }

    #[test]
    fn a_held_lock_times_out_with_a_message_naming_the_lock_file() {
        let tmp = tempfile::tempdir().unwrap();
        let held = lock(tmp.path(), Duration::from_secs(1)).unwrap();
        let start = Instant::now();
        let err = lock(tmp.path(), Duration::from_millis(100)).unwrap_err();
        assert!(start.elapsed() >= Duration::from_millis(100));
        let Error::Other(e) = err else {
            panic!("expected Error::Other")
        };
        let message = e.to_string();
        assert!(
            message.contains(".wg.lock") && message.contains("fuser"),
            "{message}"
        );
        drop(held);
        assert!(lock(tmp.path(), Duration::from_millis(100)).is_ok());
    }

    #[test]
    fn an_invalid_result_is_refused_with_a_message_saying_nothing_changed() {
        let tmp = fixture_copy();
        let before = std::fs::read(tmp.path().join("tasks.toml")).unwrap();
        let text = String::from_utf8(before.clone())
            .unwrap()
            .replace("status = \"in-progress\"", "status = \"done\"");
        let err = validate(
            tmp.path(),
            Path::new("tasks.toml"),
            text,
            "JH-01",
            "tasks.toml",
        )
        .unwrap_err();
        let Error::Data(failure) = err else {
            panic!("expected Error::Data")
        };
        assert!(failure.diagnostics[0].message.en().contains("refused"));
        assert!(
            failure
                .diagnostics
                .iter()
                .any(|d| d.message.en().contains("no `done_on`"))
        );
        assert_eq!(
            std::fs::read(tmp.path().join("tasks.toml")).unwrap(),
            before
        );
    }

    #[test]
    fn chunk_runs_from_the_header_line_to_the_next_task() {
        let text = "# c\n[[tasks]]\nid = \"A\"\n\n# about B\n[[tasks]]\nid = \"B\"\n";
        assert_eq!(chunk_range(text, 2, Some(6)), Some(4..34));
        assert_eq!(
            text.get(4..34),
            Some("[[tasks]]\nid = \"A\"\n\n# about B\n")
        );
        assert_eq!(chunk_range(text, 6, None), Some(34..text.len()));
        // Not a header line: the caller falls back to the whole file.
        assert_eq!(chunk_range(text, 3, None), None);
        assert_eq!(chunk_range(text, 99, None), None);
    }

    #[test]
    fn a_crlf_chunk_stays_crlf() {
        let old = "[[tasks]]\r\nid = \"A\"\r\nstatus = \"todo\" # c\r\n";
        let plan = Plan {
            status: Some((Status::Done, None)),
            done_on: Some(KeyEdit::Set(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap())),
            ..Plan::default()
        };
        assert_eq!(
            edit_chunk(old, "A", &plan).unwrap(),
            "[[tasks]]\r\nid = \"A\"\r\nstatus = \"done\" # c\r\ndone_on = 2026-01-02\r\n"
        );
    }

    #[test]
    fn a_new_key_goes_after_its_predecessor_with_its_indentation() {
        let mut doc: DocumentMut =
            "[[tasks]]\n  id = \"A\"\n  status = \"todo\"\n  outcome = \"x\"\n"
                .parse()
                .unwrap();
        let table = find_table(&mut doc, "A").unwrap();
        set_value(
            table,
            "done_on",
            date_value(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()).unwrap(),
        );
        assert_eq!(
            doc.to_string(),
            "[[tasks]]\n  id = \"A\"\n  status = \"todo\"\n  done_on = 2026-01-02\n  outcome = \"x\"\n"
        );
    }

    #[test]
    fn statuses_parse_in_either_language_and_keep_it() {
        assert_eq!(parse_status(" Done ").unwrap(), (Status::Done, "done"));
        assert_eq!(
            parse_status("进行中").unwrap(),
            (Status::InProgress, "进行中")
        );
        let Err(Error::Usage(message)) = parse_status("blokced") else {
            panic!()
        };
        assert!(
            message.en().contains("did you mean \"blocked\"?"),
            "{message}"
        );
    }

    #[test]
    fn a_date_beyond_toml_is_an_error_not_a_panic() {
        assert!(date_value(NaiveDate::from_ymd_opt(10000, 1, 1).unwrap()).is_err());
    }
}
