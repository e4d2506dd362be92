//! In-place edits of a task (`wg tasks done|status|note`) that keep every other byte of
//! the file: the task's own `[[tasks]]` chunk is cut out, changed with `toml_edit` and
//! spliced back; the result is validated with the rest of the data directory, then
//! replaces the file atomically, all under a lock so that concurrent edits serialise.
//! Another program that writes the file meanwhile (it takes no lock) is seen, just
//! before the rename or just after it, and the edit starts again on top of its write.
//!
//! `wg tasks edit|extend` are such splices too; `wg tasks add` appends (see [`add`]).

mod add;
mod from_meeting;
mod import;
pub mod intake;

pub use add::{Added, NewTask, add};
pub use from_meeting::{DecisionResult, FromMeeting, FromMeetingResult, from_meeting, parse_spec};
pub use import::{Difference, Imported, NewOne, RowResult, import};

use crate::i18n::{Text, msg};
use crate::load::{self, Diagnostic, Loaded, suggest};
use crate::model::{Data, Org, PersonIdx, Reading, Reporter, Status, Str, Task, UnitIdx, Update};
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
    /// Set the status, written as `word` (`wg tasks status` gives the canonical English
    /// word, whichever language was typed, so that the files stay uniform).
    Status { status: Status, word: &'static str },
    /// Append a progress note (dated the as-of date unless it says otherwise).
    Note(NoteSpec),
    /// Change fields in place (`wg tasks edit`): a correction; `due` moved this way is
    /// not an extension.
    Edit(FieldEdits),
    /// 延期 (`wg tasks extend`): move `due` later, keep the first `original_due`, and
    /// record the reason in a progress note dated the as-of date.
    Extend { to: NaiveDate, reason: String },
}

/// A progress note as typed on the command line: 进展情况 (the text), 存在问题,
/// 下一步措施, who reported, and the note's date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteSpec {
    pub text: String,
    pub problems: Option<String>,
    pub next_steps: Option<String>,
    /// A unit or a person, as typed; written as its name.
    pub by: Option<String>,
    /// Default: the as-of date.
    pub on: Option<NaiveDate>,
    /// Indicator readings typed `NAME=N` (`--value`).
    pub values: Vec<String>,
}

impl NoteSpec {
    /// A note of text only, dated the as-of date.
    pub fn text(text: impl Into<String>) -> NoteSpec {
        NoteSpec {
            text: text.into(),
            ..NoteSpec::default()
        }
    }
}

/// The fields `wg tasks edit` sets; `None` leaves a field alone. An empty text or list
/// removes an optional field (`--owner ""`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldEdits {
    pub title: Option<String>,
    pub owner: Option<String>,
    pub lead_unit: Option<String>,
    pub units: Option<Vec<String>>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub targets: Option<Vec<String>>,
}

impl FieldEdits {
    pub fn is_empty(&self) -> bool {
        *self == FieldEdits::default()
    }
}

/// One thing an edit changed, for the line `wg` prints.
#[derive(Debug, Clone, PartialEq)]
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
    /// The readings the note gives: each indicator's name (as the task writes it) and
    /// number.
    Readings(Vec<(String, f64)>),
    /// Nothing to do: the task already has this status. The file is not touched.
    Unchanged(Status),
    /// A field set by `wg tasks edit`: its key, and the old and new values as shown
    /// (`None`: not set).
    Field {
        key: &'static str,
        from: Option<String>,
        to: Option<String>,
    },
    /// `wg tasks edit` was given only the values the task already has.
    NothingToChange,
    /// `due` moved later by `wg tasks extend`; `original` is the task's `original_due`
    /// (recorded now, at the first extension, or kept from it).
    Extended {
        from: NaiveDate,
        to: NaiveDate,
        original: NaiveDate,
    },
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
    /// What the user should know about how it was done (a hard link broken, a program
    /// still writing into the old file).
    pub warnings: Vec<Text>,
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
/// Holds the locks (see [`Locks`]) from the first read to the rename. Refuses (and writes
/// nothing) when what the edit reads does not load (the org, the groups and the task,
/// or everything when the task cannot be read alone: see [`load::load_for_edit`]), the
/// task is unknown, the change makes no sense for the task, or the new file would not
/// validate. When another program writes the
/// file meanwhile (an editor saving, a `git pull`), the edit starts again from what it
/// wrote, so that its write is never lost; a file that keeps changing for
/// [`LOCK_TIMEOUT`] is left alone with an error.
pub fn apply(
    dir: &Path,
    id: &str,
    change: &Change,
    today: &dyn Fn(&Org) -> Result<NaiveDate, Error>,
) -> Result<Outcome, Error> {
    let mut locks = Locks::take(dir)?;
    let started = Instant::now();
    loop {
        match attempt(dir, id, change, today, &mut locks)? {
            Attempt::Done(outcome) => return Ok(outcome),
            Attempt::Again { shown } if started.elapsed() >= LOCK_TIMEOUT => {
                return Err(Error::Other(Failed::error(msg::kept_changing(&shown))));
            }
            Attempt::Again { .. } => {}
        }
    }
}

/// How one go at an edit ended.
enum Attempt {
    Done(Outcome),
    /// The file changed under the edit (or a lock had to be let go for a moment): read
    /// everything again and start over.
    Again {
        shown: String,
    },
}

fn attempt(
    dir: &Path,
    id: &str,
    change: &Change,
    today: &dyn Fn(&Org) -> Result<NaiveDate, Error>,
    locks: &mut Locks,
) -> Result<Attempt, Error> {
    // The task alone where it can be found so; else every task (see
    // `load::load_for_edit`).
    let mut loaded = load::load_for_edit(dir, id.trim()).map_err(Error::Data)?;
    let today = today(&loaded.data.org)?;
    let task = find_task(&loaded, id)?.clone();
    let plan = plan(&loaded.data, &task, change, today)?;
    let source = loaded
        .sources
        .iter()
        .position(|s| s.rel == task.origin.file)
        .ok_or_else(|| {
            Failed::error(msg::task_file_not_read(
                &task.id,
                &task.origin.file.display().to_string(),
            ))
        })?;
    let shown = loaded
        .sources
        .get(source)
        .map_or_else(String::new, |s| s.shown.clone());
    let mut outcome = Outcome {
        id: task.id.to_string(),
        file: shown.clone(),
        changes: plan.changes.clone(),
        org: loaded.data.org.clone(),
        warnings: Vec::new(),
    };
    if plan.is_noop() {
        return Ok(Attempt::Done(outcome));
    }

    let path = dir.join(&task.origin.file);
    let real = path
        .canonicalize()
        .because(|| msg::cannot_resolve(&path.display().to_string()))?;
    if !locks.cover(&real)? {
        return Ok(Attempt::Again { shown });
    }
    // Where the task's text ends: the next task's line (an edit's load reads the next
    // task for this, see `load::load_for_edit`).
    let next_line = loaded.data.tasks.min_of(|t| {
        (t.origin.line > task.origin.line && t.origin.file == task.origin.file)
            .then_some(t.origin.line)
    });
    // The text the loader read is kept (not copied, not read again) to compare the file
    // with until the rename; the rest of what was loaded stays for the validation.
    let text = loaded
        .sources
        .get_mut(source)
        .map(|s| std::mem::take(&mut s.text))
        .unwrap_or_default();
    let Some(found) = Found::open(&real, text)? else {
        return Ok(Attempt::Again { shown });
    };
    if found.links > 1 {
        outcome
            .warnings
            .push(msg::hard_links_broken(&shown, found.links));
    }
    // Further byte-order marks (the loader drops the first) are kept, not edited.
    let body = found.text.trim_start_matches('\u{FEFF}');
    let marks = found
        .text
        .get(..found.text.len() - body.len())
        .unwrap_or("");
    let splice = edit_text(body, &task, next_line, &plan)
        .map_err(|e| Error::Other(Failed::wrap(msg::cannot_edit(&task.id, &shown), e)))?;
    let (before, after) = (
        body.get(..splice.range.start).unwrap_or(""),
        body.get(splice.range.end..).unwrap_or(""),
    );

    let pieces = [marks, before, splice.new.as_str(), after];
    let whole = validate_edit(dir, loaded, &task, &plan, &shown, &splice, pieces)?;
    let new_text: [&[u8]; 4] = match &whole {
        None => pieces.map(str::as_bytes),
        Some(text) => [text.as_bytes(), b"", b"", b""],
    };
    let what = msg::the_edit_of_task(&task.id);
    match replace(&real, &found, &new_text, &shown, &what)? {
        None => Ok(Attempt::Again { shown }),
        Some(warnings) => {
            outcome.warnings.extend(warnings);
            Ok(Attempt::Done(outcome))
        }
    }
}

/// Validates an edit before anything is written: `pieces` are the edited file's new
/// text (the further byte-order marks, the text before the task, the task's new text
/// and the text after it, as `splice` made them). The task's new text is read alone
/// against the references `loaded` resolved ([`load::reread_task`]): what that load
/// read was validated by it, and only the task changed. Anything that does
/// not read so (a task written inline, an unusual table, or an error) is validated with
/// the whole directory, which reports whatever is wrong as `wg check` would; then the
/// new text is given back as that load read it.
fn validate_edit(
    dir: &Path,
    loaded: Loaded,
    task: &Task,
    plan: &Plan,
    shown: &str,
    splice: &Splice,
    pieces: [&str; 4],
) -> Result<Option<String>, Error> {
    let [marks, before, new, after] = pieces;
    let not_as_planned =
        |e| Error::Other(Failed::wrap(msg::edit_not_as_planned(&task.id, shown), e));
    let alone = splice
        .is_task_chunk(before.len() + splice.range.len() + after.len())
        .then(|| {
            load::reread_task(
                &loaded,
                &task.origin.file,
                marks.len() + before.len(),
                task.origin.line,
                new,
            )
        })
        .flatten();
    if let Some(after_edit) = alone {
        check_result(&after_edit, task, plan).map_err(not_as_planned)?;
        discard(loaded);
        return Ok(None);
    }
    drop(loaded);
    let reloaded = validate(dir, &task.origin.file, pieces.concat(), &task.id, shown)?;
    reloaded
        .data
        .task_by_id(&task.id)
        .ok_or_else(|| Failed::error(msg::task_is_gone(&task.id)))
        .and_then(|t| check_result(t, task, plan))
        .map_err(not_as_planned)?;
    Ok(Some(
        reloaded
            .sources
            .into_iter()
            .find(|s| *s.rel == *task.origin.file)
            .map_or_else(|| pieces.concat(), |s| s.text.into_owned()),
    ))
}

/// From this many tasks on, what was loaded is let go on another thread (see
/// [`discard`]); for fewer, a thread would cost more than it saves.
const DISCARD_APART: usize = 20_000;

/// Lets the loaded data go while the file is written: freeing the tasks of a
/// 100,000-task directory took some 10 ms that the write need not wait for. The thread
/// only frees memory; should it not be done when wg exits, nothing is lost. Small data,
/// or no thread to be had, is let go here.
fn discard(loaded: Loaded) {
    if loaded.data.tasks.len() < DISCARD_APART {
        return drop(loaded);
    }
    // A thread that cannot be started drops its closure, and `loaded` with it, here.
    let _ = std::thread::Builder::new().spawn(move || drop(loaded));
}

/// The last step of an edit (and of an add to an existing file): `new_text` (its
/// pieces, one after the other) replaces `real`, as `found` was read, unless the file changed meanwhile; a write by another
/// program at the moment of the rename is put back. `None`: the file changed, and the
/// edit must be done again on what it holds now; else the warnings to show. `what` names
/// the edit in messages ("the edit of task JH-01").
fn replace(
    real: &Path,
    found: &Found,
    new_text: &[&[u8]],
    shown: &str,
    what: &Text,
) -> Result<Option<Vec<Text>>, Error> {
    let mut parts = Vec::with_capacity(new_text.len() + 1);
    parts.push(found.head);
    parts.extend_from_slice(new_text);
    let written = write_atomic(real, found, &parts)
        .map_err(|e| Error::Other(Failed::wrap(msg::not_written(what, shown), e)))?;
    if !written {
        return Ok(None);
    }
    let after = found
        .after_rename(LOCK_TIMEOUT)
        .map_err(|e| Error::Other(Failed::wrap(msg::written_but_unchecked(what, shown), e)))?;
    let mut warnings = Vec::new();
    if after.still_open {
        warnings.push(msg::old_file_still_open(shown));
    }
    match after.lost {
        None => Ok(Some(warnings)),
        Some(lost) => {
            // Put the other program's write back, and do the edit again on top of it.
            let ours = parts.concat();
            put_back(real, ours, lost, shown)?;
            Ok(None)
        }
    }
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
    /// The note's `by` as written: the unit's or person's name (or id).
    note_by: Option<String>,
    /// The note's readings, by the indicators' names as written (`--value`).
    readings: Vec<(String, f64)>,
    /// What `edit` and `extend` set.
    sets: Vec<FieldSet>,
    changes: Vec<Changed>,
}

/// One key to set: the value to write, and what the task then holds.
#[derive(Debug, Clone)]
struct FieldSet {
    key: &'static str,
    write: Setting,
    holds: Holds,
}

/// A value as written in the file (or the key removed).
#[derive(Debug, Clone)]
enum Setting {
    Text(String),
    List(Vec<String>),
    Date(NaiveDate),
    Remove,
}

/// What the task holds after a [`FieldSet`], to check the result against.
#[derive(Debug, Clone)]
enum Holds {
    Title(String),
    Owner(Option<PersonIdx>),
    LeadUnit(Option<UnitIdx>),
    Units(Vec<UnitIdx>),
    Start(NaiveDate),
    Due(NaiveDate),
    Outcome(Option<String>),
    Targets(Vec<String>),
    OriginalDue(NaiveDate),
}

impl Holds {
    fn apply(&self, t: &mut Task) {
        match self.clone() {
            Holds::Title(v) => t.title = v.into(),
            Holds::Owner(v) => t.owner = v,
            Holds::LeadUnit(v) => t.lead_unit = v,
            Holds::Units(v) => t.units = v,
            Holds::Start(v) => t.start = Some(v),
            Holds::Due(v) => t.due = Some(v),
            Holds::Outcome(v) => t.outcome = v.map(Into::into),
            Holds::Targets(v) => t.targets = v.into_iter().map(Into::into).collect(),
            Holds::OriginalDue(v) => t.original_due = Some(v),
        }
    }
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
            && self.sets.is_empty()
    }
}

fn plan(data: &Data, task: &Task, change: &Change, today: NaiveDate) -> Result<Plan, Error> {
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
                    .ok_or_else(|| Error::Usage(msg::done_through_the_last(id)))?;
                // At most the occurrence coming up can be done: running `done` twice by
                // mistake must not mark next month's report as sent.
                let upcoming = task.repeat.zip(task.due).and_then(|(repeat, first)| {
                    repeat.first_on_or_after(first, today).map(|(_, d)| d)
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
                add_note(&mut p, data, &NoteSpec::text(note.as_str()), today)?;
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
        Change::Note(spec) => {
            add_note(&mut p, data, spec, today)?;
            add_readings(&mut p, task, &spec.values)?;
        }
        Change::Edit(edits) => plan_edit(&mut p, data, task, edits)?,
        Change::Extend { to, reason } => plan_extend(&mut p, data, task, *to, reason, today)?,
    }
    Ok(p)
}

fn add_note(p: &mut Plan, data: &Data, spec: &NoteSpec, today: NaiveDate) -> Result<(), Error> {
    let note = spec.text.trim();
    if note.is_empty() {
        return Err(Error::Usage(msg::empty_note()));
    }
    let date = spec.on.unwrap_or(today);
    if date > today {
        return Err(Error::Usage(msg::note_in_the_future(date, today)));
    }
    let part = |flag: &str, text: &Option<String>| -> Result<Option<String>, Error> {
        match text.as_deref().map(str::trim) {
            None => Ok(None),
            Some("") => Err(Error::Usage(msg::flag_is_empty(flag))),
            Some(t) => Ok(Some(t.to_owned())),
        }
    };
    let mut update = Update::new(date, note.to_owned());
    update.problems = part("--problems", &spec.problems)?.map(Into::into);
    update.next_steps = part("--next-steps", &spec.next_steps)?.map(Into::into);
    if let Some(typed) = &spec.by {
        let (reporter, written) = resolve_reporter(data, typed)?;
        update.by = Some(reporter);
        p.note_by = Some(written);
    }
    p.note = Some(update);
    p.changes.push(Changed::NoteAdded(date));
    Ok(())
}

/// The readings typed with `--value NAME=N`, checked against the task's indicators,
/// onto the note of the plan.
fn add_readings(p: &mut Plan, task: &Task, typed: &[String]) -> Result<(), Error> {
    if typed.is_empty() {
        return Ok(());
    }
    let readings = readings(task, typed)?;
    let shown = readings
        .iter()
        .filter_map(|r| {
            let i = task.indicators.get(r.indicator)?;
            Some((i.name.clone(), r.value))
        })
        .collect();
    if let Some(note) = &mut p.note {
        note.values = readings;
    }
    p.readings.clone_from(&shown);
    p.changes.push(Changed::Readings(shown));
    Ok(())
}

/// `--value NAME=N` (also `NAME＝N`): NAME one of the task's indicators (spaces
/// ignored, as in the files), N a number of 0 or more, each indicator once.
fn readings(task: &Task, typed: &[String]) -> Result<Vec<Reading>, Error> {
    let id = &task.id;
    if task.indicators.is_empty() {
        return Err(Error::Usage(msg::on_flag(
            "value",
            &msg::task_has_no_indicators(id, &task.origin.file.display().to_string()),
        )));
    }
    let names: Vec<String> = task
        .indicators
        .iter()
        .map(|i| load::normalize(&i.name))
        .collect();
    let mut out: Vec<Reading> = Vec::with_capacity(typed.len());
    for t in typed {
        let Some((name, number)) = t.rsplit_once(['=', '＝']) else {
            return Err(Error::Usage(msg::value_not_name_equals(
                t,
                task.indicators.first().map_or("指标", |i| i.name.as_str()),
            )));
        };
        let wanted = load::normalize(name);
        let Some(indicator) = names.iter().position(|n| *n == wanted) else {
            let keys: Vec<&str> = names.iter().map(String::as_str).collect();
            let near: Vec<&str> = suggest::names(&wanted, &keys)
                .into_iter()
                .filter_map(|k| {
                    let i = names.iter().position(|n| n == k)?;
                    task.indicators.get(i).map(|ind| ind.name.as_str())
                })
                .collect();
            let all: Vec<&str> = task.indicators.iter().map(|i| i.name.as_str()).collect();
            let all = msg::quoted_list(&all);
            let hint = match msg::did_you_mean_any(&near) {
                Some(hint) => msg::did_you_mean_indicator(&hint, &all),
                None => msg::indicators_are(&all),
            };
            return Err(Error::Usage(msg::on_flag(
                "value",
                &msg::task_has_no_such_indicator(id, name.trim(), &hint),
            )));
        };
        let value = number
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .ok_or_else(|| Error::Usage(msg::value_not_a_reading(t, name.trim())))?;
        if out.iter().any(|r| r.indicator == indicator) {
            return Err(Error::Usage(msg::on_flag(
                "value",
                &msg::value_given_twice(name.trim()),
            )));
        }
        out.push(Reading { indicator, value });
    }
    Ok(out)
}

/// `wg tasks edit`: each field given that differs from the task's becomes a
/// [`FieldSet`]; references are resolved first, so an unknown one changes nothing.
fn plan_edit(p: &mut Plan, data: &Data, task: &Task, e: &FieldEdits) -> Result<(), Error> {
    if e.is_empty() {
        return Err(Error::Usage(msg::nothing_to_edit(&task.id)));
    }
    let none = || None::<String>;
    if let Some(title) = &e.title {
        let title = title.trim();
        if title.is_empty() {
            return Err(Error::Usage(msg::title_is_empty()));
        }
        if title != task.title {
            p.set(
                "title",
                Setting::Text(title.to_owned()),
                Holds::Title(title.to_owned()),
                Some(task.title.to_string()),
                Some(title.to_owned()),
            );
        }
    }
    if let Some(typed) = &e.owner {
        let owner = match typed.trim() {
            "" => None,
            t => Some(resolve_person(data, "--owner", t)?),
        };
        if owner != task.owner {
            let from = task.owner.map(|o| data.person_name(o).to_owned());
            let (write, to) = match owner {
                Some(o) => (
                    Setting::Text(person_ref(data, o)),
                    Some(data.person_name(o).to_owned()),
                ),
                None => (Setting::Remove, none()),
            };
            p.set("owner", write, Holds::Owner(owner), from, to);
        }
    }
    if let Some(typed) = &e.lead_unit {
        let lead = match typed.trim() {
            "" => None,
            t => Some(resolve_unit(data, "--lead-unit", t)?),
        };
        if lead != task.lead_unit {
            let from = task.lead_unit.map(|u| data.unit_name(u).to_owned());
            let (write, to) = match lead {
                Some(u) => (
                    Setting::Text(data.unit_name(u).to_owned()),
                    Some(data.unit_name(u).to_owned()),
                ),
                None => (Setting::Remove, none()),
            };
            p.set("lead_unit", write, Holds::LeadUnit(lead), from, to);
        }
    }
    if let Some(typed) = &e.units {
        let units = typed
            .iter()
            .map(|u| resolve_unit(data, "--units", u))
            .collect::<Result<Vec<_>, _>>()?;
        if units != task.units {
            let names = |v: &[UnitIdx]| -> Vec<String> {
                v.iter().map(|&u| data.unit_name(u).to_owned()).collect()
            };
            let write = if units.is_empty() {
                Setting::Remove
            } else {
                Setting::List(names(&units))
            };
            let shown = |v: &[UnitIdx]| (!v.is_empty()).then(|| names(v).join(", "));
            p.set(
                "units",
                write,
                Holds::Units(units.clone()),
                shown(&task.units),
                shown(&units),
            );
        }
    }
    for (key, date, old) in [("start", e.start, task.start), ("due", e.due, task.due)] {
        if let Some(d) = date.filter(|d| Some(*d) != old) {
            let holds = if key == "start" {
                Holds::Start(d)
            } else {
                Holds::Due(d)
            };
            p.set(
                key,
                Setting::Date(d),
                holds,
                old.map(|o| o.to_string()),
                Some(d.to_string()),
            );
        }
    }
    if let Some(typed) = &e.outcome {
        let outcome = Some(typed.trim().to_owned()).filter(|o| !o.is_empty());
        if outcome.as_deref() != task.outcome.as_deref() {
            let write = outcome.clone().map_or(Setting::Remove, Setting::Text);
            p.set(
                "outcome",
                write,
                Holds::Outcome(outcome.clone()),
                task.outcome.as_deref().map(str::to_owned),
                outcome,
            );
        }
    }
    if let Some(typed) = &e.targets {
        let targets: Vec<String> = typed
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        if targets != task.targets {
            let write = if targets.is_empty() {
                Setting::Remove
            } else {
                Setting::List(targets.clone())
            };
            let shown = |v: &[&str]| (!v.is_empty()).then(|| v.join(", "));
            let before: Vec<&str> = task.targets.iter().map(|t| &**t).collect();
            let after: Vec<&str> = targets.iter().map(String::as_str).collect();
            p.set(
                "targets",
                write,
                Holds::Targets(targets.clone()),
                shown(&before),
                shown(&after),
            );
        }
    }
    if p.sets.is_empty() {
        p.changes.push(Changed::NothingToChange);
    }
    Ok(())
}

/// `wg tasks extend`: refused for a task that is closed, repeats, has no `due`, or
/// would not move later, or not past the as-of date.
fn plan_extend(
    p: &mut Plan,
    data: &Data,
    task: &Task,
    to: NaiveDate,
    reason: &str,
    today: NaiveDate,
) -> Result<(), Error> {
    let id = &task.id;
    match task.status {
        Status::Done => {
            return Err(Error::Usage(msg::extend_done(id)));
        }
        Status::Cancelled => {
            return Err(Error::Usage(msg::extend_cancelled(id)));
        }
        _ => {}
    }
    if task.repeat.is_some() {
        return Err(Error::Usage(msg::extend_repeating(id)));
    }
    let Some(due) = task.due else {
        return Err(Error::Usage(msg::extend_without_due(id)));
    };
    if to <= due {
        return Err(Error::Usage(msg::extend_not_later(to, due, id)));
    }
    if to < today {
        return Err(Error::Usage(msg::extend_still_overdue(to, today, id)));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Usage(msg::reason_is_empty()));
    }
    p.set(
        "due",
        Setting::Date(to),
        Holds::Due(to),
        Some(due.to_string()),
        Some(to.to_string()),
    );
    let original = task.original_due.unwrap_or(due);
    if task.original_due.is_none() {
        p.sets.push(FieldSet {
            key: "original_due",
            write: Setting::Date(due),
            holds: Holds::OriginalDue(due),
        });
    }
    // The field change is said as the extension it is.
    p.changes.clear();
    p.changes.push(Changed::Extended {
        from: due,
        to,
        original,
    });
    // Written into the file, in the org's language.
    let text = msg::extended_note(due, to, reason)
        .get(data.org.lang)
        .to_owned();
    add_note(p, data, &NoteSpec::text(text), today)
}

impl Plan {
    fn set(
        &mut self,
        key: &'static str,
        write: Setting,
        holds: Holds,
        from: Option<String>,
        to: Option<String>,
    ) {
        self.sets.push(FieldSet { key, write, holds });
        self.changes.push(Changed::Field { key, from, to });
    }
}

/// A person typed on the command line, with did-you-mean.
fn resolve_person(data: &Data, flag: &str, typed: &str) -> Result<PersonIdx, Error> {
    crate::report::lookup::person(data, typed)
        .map_err(|e| Error::Usage(msg::on_flag(flag.trim_start_matches("--"), &e.text())))
}

/// A unit typed on the command line, with did-you-mean.
fn resolve_unit(data: &Data, flag: &str, typed: &str) -> Result<UnitIdx, Error> {
    crate::report::lookup::unit(data, typed)
        .map_err(|e| Error::Usage(msg::on_flag(flag.trim_start_matches("--"), &e.text())))
}

/// How a person is written in a file: the name, or the id when another person has the
/// same name (the name would not say which).
fn person_ref(data: &Data, p: PersonIdx) -> String {
    let person = data.person(p);
    let key = load::normalize(&person.name);
    let namesakes = data
        .people
        .iter()
        .filter(|other| load::normalize(&other.name) == key)
        .count();
    if namesakes > 1 {
        person.id.clone()
    } else {
        person.name.clone()
    }
}

/// `--by`: a unit or a person (the unit when the typed text names exactly one unit and
/// no person, and so on), with the names both may have meant when it is neither.
fn resolve_reporter(data: &Data, typed: &str) -> Result<(Reporter, String), Error> {
    use crate::report::lookup::{self, LookupError};
    match (lookup::unit(data, typed), lookup::person(data, typed)) {
        (Ok(u), Err(LookupError::Unknown { .. })) => {
            Ok((Reporter::Unit(u), data.unit_name(u).to_owned()))
        }
        (Err(LookupError::Unknown { .. }), Ok(p)) => Ok((Reporter::Person(p), person_ref(data, p))),
        (
            Err(LookupError::Unknown { near: units, .. }),
            Err(LookupError::Unknown { near: people, .. }),
        ) => {
            let mut near = units;
            for n in people {
                if !near.contains(&n) {
                    near.push(n);
                }
            }
            near.truncate(suggest::SHOWN);
            Err(Error::Usage(msg::on_flag(
                "by",
                &match msg::did_you_mean_any(&near) {
                    Some(hint) => msg::no_unit_or_person_near(typed, &hint),
                    None => msg::no_unit_or_person(typed),
                },
            )))
        }
        (Err(e @ LookupError::Ambiguous { .. }), _)
        | (_, Err(e @ LookupError::Ambiguous { .. })) => {
            Err(Error::Usage(msg::on_flag("by", &e.text())))
        }
        (Ok(u), Ok(p)) => Err(Error::Usage(msg::on_flag(
            "by",
            &msg::both_unit_and_person(
                typed,
                data.unit_name(u),
                &data.unit(u).id,
                data.person_name(p),
                &data.person(p).id,
            ),
        ))),
    }
}

/// The task's new text and where it goes: its chunk (its header line up to the next
/// task's header line, or the end) is parsed alone, edited and spliced back, so the rest
/// of the file is never even re-rendered, nor copied. Falls back to the whole file when
/// the task is not written as a `[[tasks]]` header (e.g. an inline table).
fn edit_text(
    text: &str,
    task: &Task,
    next_line: Option<usize>,
    plan: &Plan,
) -> anyhow::Result<Splice> {
    let chunk = chunk_range(text, task.origin.line, next_line);
    let range = chunk.clone().unwrap_or(0..text.len());
    let old = text
        .get(range.clone())
        .ok_or_else(|| Failed::error(msg::task_lines_moved()))?;
    let new = edit_chunk(old, &task.id, plan)?;
    Ok(Splice {
        range,
        new,
        chunk: chunk.is_some(),
    })
}

/// An edit of a file's text: `new` in place of the bytes `range`.
struct Splice {
    range: Range<usize>,
    new: String,
    /// Whether `range` is the task's chunk (else the whole file).
    chunk: bool,
}

impl Splice {
    /// Whether the new text is a chunk that the rest of the file (`len` bytes in all)
    /// cannot read differently: it starts at a header line, as the old one did, and
    /// ends with a line break unless it ends the file, so that the next task's header
    /// still starts a line.
    fn is_task_chunk(&self, len: usize) -> bool {
        self.chunk && (self.new.ends_with('\n') || self.range.end == len)
    }
}

/// Byte range from the start of line `line` (1-based) to the start of line `next` (or
/// the end), when `line` is a `[[…]]` header.
fn chunk_range(text: &str, line: usize, next: Option<usize>) -> Option<Range<usize>> {
    let start = line_start(text, line)?;
    // The next task's line is looked for from this one on: one scan up to it in all.
    let end = match next {
        Some(n) => start + line_start(text.get(start..)?, n.checked_sub(line)? + 1)?,
        None => text.len(),
    };
    let header = text.get(start..)?.trim_start_matches([' ', '\t']);
    (header.starts_with("[[") && start < end).then_some(start..end)
}

fn line_start(text: &str, line: usize) -> Option<usize> {
    match line {
        0 => None,
        1 => Some(0),
        n => nth_line_break(text.as_bytes(), n - 2).map(|i| i + 1),
    }
}

/// Where the `n`th (0-based) line break of `bytes` is: blocks of a few kilobytes are
/// counted eight bytes at a time, and only the block that holds it is looked through a
/// byte at a time (the loader finds a task of the 500,000th line just so, see
/// `load::tasks::number_lines`).
fn nth_line_break(bytes: &[u8], n: usize) -> Option<usize> {
    const BLOCK: usize = 4096;
    let mut left = n;
    for (b, block) in bytes.chunks(BLOCK).enumerate() {
        let here = crate::swar::count(block, b'\n');
        if left < here {
            let (i, _) = block
                .iter()
                .enumerate()
                .filter(|(_, c)| **c == b'\n')
                .nth(left)?;
            return Some(b * BLOCK + i);
        }
        left -= here;
    }
    None
}

/// Edits the TOML text `old` (a chunk or a whole file) that holds task `id`.
fn edit_chunk(old: &str, id: &str, plan: &Plan) -> anyhow::Result<String> {
    // toml_edit writes "\n" after every line, the last one too. It is given the lines
    // with "\n" after each, and the lines that come out get the file's endings back.
    let old_lines = lines_with_endings(old);
    let mut lf = String::with_capacity(old.len() + 1);
    for (line, _) in &old_lines {
        lf.push_str(line);
        lf.push('\n');
    }
    let mut doc: DocumentMut = lf
        .parse::<DocumentMut>()
        .because(msg::toml_edit_cannot_parse)?;
    // toml_edit reproduces what it parsed byte for byte in every case we know of; should
    // it not, an edit would change lines it has no business changing. Refuse instead.
    if doc.to_string() != lf {
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
    for set in &plan.sets {
        match &set.write {
            Setting::Text(text) => set_string(table, set.key, text),
            Setting::List(items) => set_value(table, set.key, string_list(items)),
            Setting::Date(d) => set_value(table, set.key, date_value(*d)?),
            Setting::Remove => {
                table.remove(set.key);
            }
        }
    }
    if let Some(update) = &plan.note {
        append_note(table, update, plan.note_by.as_deref(), &plan.readings)?;
    }
    restore_endings(&old_lines, &doc.to_string())
}

/// How a line ends: "\n", "\r\n", or not at all (the last line of a file saved without a
/// final newline, as Notepad and many editors save).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Eol {
    Lf,
    CrLf,
    Missing,
}

impl Eol {
    fn as_str(self) -> &'static str {
        match self {
            Eol::Lf => "\n",
            Eol::CrLf => "\r\n",
            Eol::Missing => "",
        }
    }
}

/// The lines of `text`, each without its ending, and the ending.
fn lines_with_endings(text: &str) -> Vec<(&str, Eol)> {
    text.split_inclusive('\n')
        .map(|line| {
            if let Some(l) = line.strip_suffix("\r\n") {
                (l, Eol::CrLf)
            } else if let Some(l) = line.strip_suffix('\n') {
                (l, Eol::Lf)
            } else {
                (line, Eol::Missing)
            }
        })
        .collect()
}

/// Cells of the table that pairs the lines of a changed stretch of a file with mixed
/// line endings: 4 M (16 MB), far more than the lines one task's edit changes.
const MAX_PAIRING: usize = 4_000_000;

/// `new` (toml_edit's "\n"-ended text) with the line endings of the text it was made
/// from: every line the edit kept keeps its own ending, a changed line takes the ending
/// of the line in its place, and an added line the ending most of the lines have. A text
/// without a final newline still has none; the line that was last gets one if lines
/// now follow it.
fn restore_endings(old: &[(&str, Eol)], new: &str) -> anyhow::Result<String> {
    let new_lines: Vec<&str> = new
        .split_inclusive('\n')
        .map(|l| l.strip_suffix('\n').unwrap_or(l))
        .collect();
    let crlf = old.iter().filter(|(_, e)| *e == Eol::CrLf).count();
    let lf = old.iter().filter(|(_, e)| *e == Eol::Lf).count();
    let usual = if crlf > lf { Eol::CrLf } else { Eol::Lf };
    let mut endings = if crlf == 0 || lf == 0 {
        vec![usual; new_lines.len()]
    } else {
        paired_endings(old, &new_lines, usual)?
    };
    for e in &mut endings {
        if *e == Eol::Missing {
            *e = usual;
        }
    }
    if old.last().is_some_and(|(_, e)| *e == Eol::Missing)
        && let Some(last) = endings.last_mut()
    {
        *last = Eol::Missing;
    }
    let mut out = String::with_capacity(new.len() + crlf + 2);
    for (line, eol) in new_lines.iter().zip(&endings) {
        out.push_str(line);
        out.push_str(eol.as_str());
    }
    Ok(out)
}

/// The ending of each new line, for a text that mixes "\r\n" and "\n": the lines alike
/// at the start and at the end are the same lines; in between, a longest common
/// subsequence pairs the lines the edit kept, and the new lines between two kept ones
/// take the endings of the old lines there, in order, then `usual`.
fn paired_endings(old: &[(&str, Eol)], new: &[&str], usual: Eol) -> anyhow::Result<Vec<Eol>> {
    let mut out = vec![usual; new.len()];
    let same = |i: usize, j: usize| old.get(i).map(|(l, _)| *l) == new.get(j).copied();
    let prefix = (0..old.len().min(new.len()))
        .take_while(|&i| same(i, i))
        .count();
    let suffix = (0..old.len().min(new.len()) - prefix)
        .take_while(|&k| same(old.len() - 1 - k, new.len() - 1 - k))
        .count();
    let ending = |i: usize| old.get(i).map_or(usual, |(_, e)| *e);
    for (i, slot) in out.iter_mut().enumerate().take(prefix) {
        *slot = ending(i);
    }
    for k in 0..suffix {
        if let Some(slot) = out.get_mut(new.len() - 1 - k) {
            *slot = ending(old.len() - 1 - k);
        }
    }
    // The stretch in between: old lines prefix..a_end, new lines prefix..b_end.
    let (a, b) = (old.len() - suffix - prefix, new.len() - suffix - prefix);
    let cells = (a + 1)
        .checked_mul(b + 1)
        .filter(|c| *c <= MAX_PAIRING)
        .ok_or_else(|| Failed::error(msg::mixed_line_endings()))?;
    // lcs[i * (b + 1) + j]: the longest common subsequence of old lines i.. and new lines
    // j.. of the stretch.
    let mut lcs = vec![0u32; cells];
    let at = |i: usize, j: usize| i * (b + 1) + j;
    for i in (0..a).rev() {
        for j in (0..b).rev() {
            let v = if same(prefix + i, prefix + j) {
                lcs.get(at(i + 1, j + 1)).map_or(0, |v| v + 1)
            } else {
                let down = lcs.get(at(i + 1, j)).copied().unwrap_or(0);
                let right = lcs.get(at(i, j + 1)).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(cell) = lcs.get_mut(at(i, j)) {
                *cell = v;
            }
        }
    }
    // Walk the table; `gap` holds where the current run of unpaired lines began.
    let (mut i, mut j) = (0, 0);
    let mut gap = (0, 0);
    let fill_gap = |gap: (usize, usize), i: usize, j: usize, out: &mut Vec<Eol>| {
        for (t, nj) in (gap.1..j).enumerate() {
            let e = if gap.0 + t < i {
                ending(prefix + gap.0 + t)
            } else {
                usual
            };
            if let Some(slot) = out.get_mut(prefix + nj) {
                *slot = e;
            }
        }
    };
    while i < a && j < b {
        if same(prefix + i, prefix + j) {
            fill_gap(gap, i, j, &mut out);
            if let Some(slot) = out.get_mut(prefix + j) {
                *slot = ending(prefix + i);
            }
            i += 1;
            j += 1;
            gap = (i, j);
        } else if lcs.get(at(i + 1, j)) >= lcs.get(at(i, j + 1)) {
            i += 1;
        } else {
            j += 1;
        }
    }
    fill_gap(gap, a, b, &mut out);
    Ok(out)
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

/// A list of strings as TOML: `["a", "b"]`.
fn string_list(items: &[String]) -> Value {
    Value::Array(items.iter().map(String::as_str).collect())
}

/// The keys of a progress note after `date`, in the order SPEC writes them.
fn note_fields<'u>(update: &'u Update, by: Option<&'u str>) -> Vec<(&'static str, &'u str)> {
    let mut fields = vec![("note", &*update.note)];
    fields.extend(update.problems.as_deref().map(|p| ("problems", p)));
    fields.extend(update.next_steps.as_deref().map(|n| ("next_steps", n)));
    fields.extend(by.map(|b| ("by", b)));
    fields
}

/// Appends `[[tasks.updates]]` (or an element of an inline `updates = [...]`); `by` is
/// the reporter as written.
fn append_note(
    table: &mut Table,
    update: &Update,
    by: Option<&str>,
    readings: &[(String, f64)],
) -> anyhow::Result<()> {
    let date = date_value(update.date)?;
    let fields = note_fields(update, by);
    let values = values_table(readings);
    match table.get_mut("updates") {
        None => {
            let mut list = ArrayOfTables::new();
            list.push(note_table(date, &fields, values));
            table.insert("updates", Item::ArrayOfTables(list));
        }
        Some(Item::ArrayOfTables(list)) => list.push(note_table(date, &fields, values)),
        Some(Item::Value(Value::Array(list))) => {
            let mut t = InlineTable::new();
            t.insert("date", date);
            for (key, text) in &fields {
                t.insert(*key, Value::from(*text));
            }
            if let Some(values) = values {
                t.insert("values", Value::InlineTable(values));
            }
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

fn note_table(date: Value, fields: &[(&str, &str)], values: Option<InlineTable>) -> Table {
    let mut t = Table::new();
    t.insert("date", Item::Value(date));
    for (key, text) in fields {
        t.insert(key, Item::Value(Value::from(*text)));
    }
    if let Some(values) = values {
        t.insert("values", Item::Value(Value::InlineTable(values)));
    }
    t
}

/// `{ "新建货车司机工会" = 35 }`: the note's readings under the indicators' names as
/// the task writes them (quoted unless bare: a Chinese name always is), a whole
/// number as an integer. `None` when the note gives none.
fn values_table(readings: &[(String, f64)]) -> Option<InlineTable> {
    if readings.is_empty() {
        return None;
    }
    let mut t = InlineTable::new();
    for (name, n) in readings {
        let value = if n.fract() == 0.0 && n.abs() < 9e15 {
            Value::from(*n as i64)
        } else {
            Value::from(*n)
        };
        // toml_edit quotes a key that is not bare (a Chinese name) by itself.
        t.insert(name, value);
    }
    t.fmt();
    Some(t)
}

/// The edited data has the task as planned, and nothing else of it changed: a last
/// check that the splice went where it should, before anything is written.
fn check_result(after: &Task, before: &Task, plan: &Plan) -> anyhow::Result<()> {
    let mut expected = before.clone();
    if let Some((status, _)) = plan.status {
        expected.status = status;
    }
    match plan.done_on {
        Some(KeyEdit::Set(d)) => expected.done_on = Some(d),
        Some(KeyEdit::Remove) => expected.done_on = None,
        None => {}
    }
    if let Some(d) = plan.done_through {
        expected.done_through = Some(d);
    }
    for set in &plan.sets {
        set.holds.apply(&mut expected);
    }
    expected.updates.extend(plan.note.clone());
    if *after == expected {
        Ok(())
    } else {
        Err(Failed::error(msg::task_reads_back_wrong(&before.id)))
    }
}

/// A data file that an add (`tasks add`, `tasks import`, `tasks add --from-meeting`)
/// writes: where it is, how it is shown, the file as found under the locks (`None` for
/// a new file), and its new text.
struct FileWrite {
    rel: PathBuf,
    path: PathBuf,
    shown: String,
    found: Option<(PathBuf, Found)>,
    text: String,
}

/// A file as [`open_for_write`] found it: how it is shown, and its real path and the
/// file as found unless it is new.
type Opened = (String, Option<(PathBuf, Found)>);

/// Finds `rel` among the files the load read and opens it again under the locks: how it
/// is shown, and, unless it is new, its real path and the file as found ([`Found::open`]:
/// the loader's text is taken from `sources`, not copied nor read again, to compare the
/// file with until the rename). `Err(shown)`: it changed since the load, or the locks
/// had to move; the add starts over.
fn open_for_write(
    dir: &Path,
    sources: &mut [load::Source],
    rel: &Path,
    locks: Option<&mut Locks>,
) -> Result<Result<Opened, String>, Error> {
    let path = dir.join(rel);
    let Some(source) = sources.iter_mut().find(|s| *s.rel == *rel) else {
        return Ok(Ok((rel.display().to_string(), None)));
    };
    let shown = source.shown.clone();
    let real = path
        .canonicalize()
        .because(|| msg::cannot_resolve(&path.display().to_string()))?;
    if let Some(locks) = locks
        && !locks.cover(&real)?
    {
        return Ok(Err(shown));
    }
    Ok(
        match Found::open(&real, std::mem::take(&mut source.text))? {
            Some(found) => Ok((shown, Some((real, found)))),
            None => Err(shown),
        },
    )
}

/// The task file as the edit found it, under the locks: what it must still hold when the
/// new text replaces it.
struct Found {
    /// The file as opened then, kept open: a write into it by another program, even one
    /// that lands after the rename, shows here.
    file: File,
    meta: std::fs::Metadata,
    /// How many names the file has (hard links).
    links: u64,
    /// A byte-order mark (kept on writing, not given to the parser), or nothing.
    head: &'static [u8],
    /// The rest, as the loader read it.
    text: Str,
    /// Room to read the file into, a block at a time, to compare it with `text`: taken
    /// before the loaded data is let go, as asking the allocator for it afterwards made
    /// it tidy up the freed tasks first (a tenth of an edit's time at 100,000 tasks).
    block: std::cell::RefCell<Vec<u8>>,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Found {
    /// Reads `real`; `None` when it no longer holds `text`, what the loader read from it.
    fn read(real: &Path, text: impl Into<Str>) -> anyhow::Result<Option<Found>> {
        let text = text.into();
        let (file, meta, bytes) = read_with_meta(real)?;
        let head = if bytes.starts_with(BOM) { BOM } else { b"" };
        if bytes.get(head.len()..) != Some(text.as_bytes()) {
            return Ok(None);
        }
        #[cfg(unix)]
        let links = std::os::unix::fs::MetadataExt::nlink(&meta);
        #[cfg(not(unix))]
        let links = 1;
        Ok(Some(Found {
            file,
            meta,
            links,
            head,
            text,
            block: std::cell::RefCell::new(vec![0u8; COMPARE_BLOCK]),
        }))
    }

    /// The file as the loader read it (`text`, under the locks), opened again but not
    /// read again: the last look before the rename ([`Found::unchanged`]) compares its
    /// bytes with `text`, so a write by another program since the load is seen there.
    /// `None` when it is already plain that the file changed (its size).
    fn open(real: &Path, text: impl Into<Str>) -> anyhow::Result<Option<Found>> {
        let text = text.into();
        let open = || -> std::io::Result<_> {
            let file = load::read::open(real)?;
            let meta = file.metadata()?;
            if !meta.is_file() {
                return Err(std::io::Error::other(msg::no_longer_a_regular_file()));
            }
            let mut first = [0u8; 3];
            let got = read_at_most(&file, &mut first)?;
            Ok((file, meta, first.get(..got) == Some(BOM)))
        };
        let (file, meta, bom) = open().because(|| msg::cannot_read(&real.display().to_string()))?;
        let head: &'static [u8] = if bom { BOM } else { b"" };
        if usize::try_from(meta.len()).ok() != Some(head.len() + text.len()) {
            return Ok(None);
        }
        #[cfg(unix)]
        let links = std::os::unix::fs::MetadataExt::nlink(&meta);
        #[cfg(not(unix))]
        let links = 1;
        Ok(Some(Found {
            file,
            meta,
            links,
            head,
            text,
            block: std::cell::RefCell::new(vec![0u8; COMPARE_BLOCK]),
        }))
    }

    fn holds(&self, bytes: &[u8]) -> bool {
        bytes.strip_prefix(self.head) == Some(self.text.as_bytes())
    }

    /// Whether what `file` reads from where it is on holds exactly the head and the text,
    /// read and compared a block at a time (the file is never held whole in memory).
    #[cfg(not(unix))]
    fn holds_file(&self, file: &mut impl std::io::Read) -> std::io::Result<bool> {
        let mut block = self.block.borrow_mut();
        if block.len() < COMPARE_BLOCK {
            block.resize(COMPARE_BLOCK, 0);
        }
        for expected in [self.head, self.text.as_bytes()] {
            for want in expected.chunks(COMPARE_BLOCK) {
                let got = block
                    .get_mut(..want.len())
                    .ok_or_else(|| std::io::Error::other("block"))?;
                match file.read_exact(got) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
                    Err(e) => return Err(e),
                }
                if got != want {
                    return Ok(false);
                }
            }
        }
        // And nothing after it.
        let mut one = [0u8; 1];
        loop {
            match file.read(&mut one) {
                Ok(0) => return Ok(true),
                Ok(_) => return Ok(false),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Whether `real` is still the file the edit found, with the same bytes: another
    /// program may have written it (in place, or by putting a new file there) at any
    /// moment, and what it wrote must not be replaced unseen. The bytes are compared
    /// as they are read, none decoded.
    fn unchanged(&self, real: &Path) -> anyhow::Result<bool> {
        let look = || -> std::io::Result<bool> {
            let file = load::read::open(real)?;
            let meta = file.metadata()?;
            if !meta.is_file() {
                return Err(std::io::Error::other(msg::no_longer_a_regular_file()));
            }
            if !same_file(&meta, &self.meta)
                || usize::try_from(meta.len()).ok() != Some(self.head.len() + self.text.len())
            {
                return Ok(false);
            }
            #[cfg(unix)]
            return self.file_holds(&file, false);
            #[cfg(not(unix))]
            return self.holds_file(&mut &file);
        };
        look().because(|| msg::cannot_read(&real.display().to_string()))
    }

    /// Whether `real` is still the file the edit found, and of its size: the look just
    /// before a rename that follows [`Found::unchanged`] by the time a big file takes
    /// to reach the disk.
    fn still_there(&self, real: &Path) -> anyhow::Result<bool> {
        let meta = std::fs::symlink_metadata(real)
            .because(|| msg::cannot_read(&real.display().to_string()))?;
        Ok(meta.is_file()
            && same_file(&meta, &self.meta)
            && usize::try_from(meta.len()).ok() == Some(self.head.len() + self.text.len()))
    }

    /// Whether the old file, which has no name left, still holds exactly the head and
    /// the text; each part that holds is dropped from the page cache as it is done:
    /// nobody can open the file again, and leaving its pages for the last close to free
    /// took longer than reading them (13 ms at 30 MB).
    #[cfg(unix)]
    fn old_file_holds(&self) -> std::io::Result<bool> {
        let whole = self.head.len() + self.text.len();
        if usize::try_from(self.file.metadata()?.len()).ok() != Some(whole) {
            return Ok(false);
        }
        self.file_holds(&self.file, true)
    }

    /// Whether `file` (of the right size) holds exactly the head and the text, and
    /// nothing after them, read at their offsets and compared a block at a time (the
    /// file is never held whole in memory). A big text is read in two halves, one on
    /// each core. With `let_go`, each part that holds is dropped from the page cache.
    #[cfg(unix)]
    fn file_holds(&self, file: &std::fs::File, let_go: bool) -> std::io::Result<bool> {
        use std::os::unix::fs::FileExt as _;
        let mut block = self.block.borrow_mut();
        if block.len() < 2 * COMPARE_BLOCK {
            block.resize(2 * COMPARE_BLOCK, 0);
        }
        let (first_block, second_block) = block.split_at_mut(COMPARE_BLOCK);
        // Whether the file holds `want` from `at`.
        let holds_at = |want: &[u8], at: usize, block: &mut [u8]| -> std::io::Result<bool> {
            for (k, want) in want.chunks(COMPARE_BLOCK).enumerate() {
                let got = block
                    .get_mut(..want.len())
                    .ok_or_else(|| std::io::Error::other("block"))?;
                match file.read_exact_at(got, (at + k * COMPARE_BLOCK) as u64) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
                    Err(e) => return Err(e),
                }
                if got != want {
                    return Ok(false);
                }
            }
            if let_go {
                os::drop_cached(file, at, want.len());
            }
            Ok(true)
        };
        if !holds_at(self.head, 0, first_block)? {
            return Ok(false);
        }
        let text = self.text.as_bytes();
        let start = self.head.len();
        let held = if text.len() < SYNC_APART {
            holds_at(text, start, first_block)?
        } else {
            let (first, second) = text.split_at(text.len() / 2);
            let second_at = start + first.len();
            let (first_held, second_held) = std::thread::scope(|scope| {
                let other = std::thread::Builder::new()
                    .spawn_scoped(scope, || holds_at(second, second_at, second_block))
                    .ok();
                let first_held = holds_at(first, start, first_block);
                let second_held = match other {
                    Some(other) => other
                        .join()
                        .unwrap_or_else(|_| Err(std::io::Error::other("compare"))),
                    None => holds_at(second, second_at, first_block),
                };
                (first_held, second_held)
            });
            first_held? && second_held?
        };
        // And nothing after it.
        let mut one = [0u8; 1];
        Ok(held && file.read_at(&mut one, (start + text.len()) as u64)? == 0)
    }

    #[cfg(not(unix))]
    fn old_file_holds(&self) -> std::io::Result<bool> {
        use std::io::Seek as _;
        let mut file = &self.file;
        file.rewind()?;
        self.holds_file(&mut file)
    }

    /// After the rename: what became of the old file. A program that opened it before
    /// the rename (`echo >>` opens, writes, closes) may write into it a moment later, so
    /// the look waits until no other process has it open for writing (up to `wait`;
    /// where that cannot be known, it looks at once).
    fn after_rename(&self, wait: Duration) -> anyhow::Result<After> {
        use std::io::{Read as _, Seek as _};
        if !os::is_unlinked(&self.file)? {
            // Another hard link still names it: writes into it are that name's, not ours.
            return Ok(After::default());
        }
        let started = Instant::now();
        let mut still_open = false;
        while os::open_for_writing_elsewhere(&self.file) == Some(true) {
            if started.elapsed() >= wait {
                still_open = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let read_back = || -> std::io::Result<Option<Vec<u8>>> {
            if self.old_file_holds()? {
                return Ok(None);
            }
            let mut file = &self.file;
            file.rewind()?;
            let mut bytes = Vec::with_capacity(self.head.len() + self.text.len());
            file.read_to_end(&mut bytes)?;
            Ok((!self.holds(&bytes)).then_some(bytes))
        };
        let lost = read_back().because(msg::cannot_read_the_old_file_back)?;
        Ok(After { lost, still_open })
    }
}

/// From this size on, the new file is synced to disk on another core while the old one
/// is compared with what the edit found (see [`write_atomic`]): 20 ms each at 30 MB.
const SYNC_APART: usize = 4 << 20;

/// The bytes of a big new file written before they are sent on their way to the disk
/// (see [`write_atomic`]).
const WRITEBACK_BLOCK: usize = 4 << 20;

/// The bytes compared at a time with what the edit found: small enough to stay in the
/// cache, large enough that a 30 MB file takes few reads.
const COMPARE_BLOCK: usize = 256 << 10;

/// Reads from the start of `file` into `buf` until it is full or the file ends; how
/// many bytes it read.
fn read_at_most(file: &File, buf: &mut [u8]) -> std::io::Result<usize> {
    use std::io::Read as _;
    let mut reader = file;
    let mut got = 0;
    while let Some(rest) = buf.get_mut(got..).filter(|r| !r.is_empty()) {
        match reader.read(rest) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// The old file after the rename.
#[derive(Debug, Default)]
struct After {
    /// Its bytes, when another program wrote into it after the last look: the new file
    /// lacks that write.
    lost: Option<Vec<u8>>,
    /// Another program still has it open for writing: what it writes from now on goes
    /// there, not into the file.
    still_open: bool,
}

/// The file opened, its metadata and its bytes.
fn read_with_meta(path: &Path) -> anyhow::Result<(File, std::fs::Metadata, Vec<u8>)> {
    use std::io::Read as _;
    let read = || -> std::io::Result<_> {
        // As the loader opens: never blocking, should the path have become a FIFO.
        let mut file = load::read::open(path)?;
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Err(std::io::Error::other(msg::no_longer_a_regular_file()));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        file.read_to_end(&mut bytes)?;
        Ok((file, meta, bytes))
    };
    read().because(|| msg::cannot_read(&path.display().to_string()))
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    true
}

/// Replaces `target` (a real path, no symlink) with `parts` atomically: a temporary file
/// beside it, fsync, rename over it, fsync the directory (a crash leaves the old file or
/// the new one, never half of either; at worst a stray `.NAME.XXXXXX` temporary file).
/// The file's mode is kept. A hard link to the old file keeps the old text.
///
/// Returns `false`, having written nothing, when the file is no longer what the edit
/// found: the last look is taken just before the rename, once the new file is on disk
/// (for a big file, its bytes are compared while the new one goes to disk, and the look
/// just before the rename is at which file it is and its size). A write into the old
/// file after the look shows in [`Found::after_rename`].
fn write_atomic(target: &Path, found: &Found, parts: &[&[u8]]) -> anyhow::Result<bool> {
    os::ignore_file_size_signal();
    let file = atomic_write_file::AtomicWriteFile::options()
        .open(target)
        .because(|| msg::no_temporary_file_beside(&target.display().to_string()))?;
    // On failure `file` is dropped, which removes the temporary file.
    let cannot_write = || msg::cannot_write_the_new(&target.display().to_string());
    let bytes: usize = parts.iter().map(|p| p.len()).sum();
    if bytes < SYNC_APART {
        parts
            .iter()
            .try_for_each(|part| (&file).write_all(part))
            .because(cannot_write)?;
        file.as_file().sync_all().because(cannot_write)?;
        if !found.unchanged(target)? {
            return Ok(false);
        }
    } else {
        // A big file goes to disk on another core as it is written: that core starts
        // each block's way to the disk as soon as this one has written it, then waits
        // for all of it (fsync), while this one compares the target with what the edit
        // found. Then, just before the rename, a last look says whether the target is
        // still that file (a program that saves by renaming a new file over it shows
        // there). A write into it after the comparison is a write into the old file,
        // which `Found::after_rename` reads back in full.
        let disk = file.as_file();
        let (written, synced, same) = std::thread::scope(|scope| {
            let (blocks, written_blocks) = std::sync::mpsc::channel::<(usize, usize)>();
            let sync = std::thread::Builder::new()
                .spawn_scoped(scope, move || {
                    for (offset, len) in written_blocks {
                        os::start_writeback(disk, offset, len);
                    }
                    disk.sync_all()
                })
                .ok();
            let written = write_in_blocks(disk, parts, |offset, len| {
                // Should the other core be gone, the fsync below does it all.
                let _ = blocks.send((offset, len));
            });
            drop(blocks);
            let same = written.is_ok().then(|| found.unchanged(target));
            let synced = match sync {
                Some(sync) => sync
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("sync"))),
                None => disk.sync_all(),
            };
            (written, synced, same)
        });
        written.because(cannot_write)?;
        synced.because(cannot_write)?;
        if !same.transpose()?.unwrap_or(false) || !found.still_there(target)? {
            return Ok(false);
        }
    }
    // commit() fsyncs the file (done above, so nothing is left to do), renames it over
    // the target and fsyncs the directory.
    file.commit()
        .because(|| msg::cannot_replace(&target.display().to_string()))?;
    Ok(true)
}

/// Writes `parts`, one after the other, to `file` in blocks of [`WRITEBACK_BLOCK`]
/// bytes, telling `written` each block's offset and length once it is written.
fn write_in_blocks(
    mut file: &File,
    parts: &[&[u8]],
    mut written: impl FnMut(usize, usize),
) -> std::io::Result<()> {
    let (mut offset, mut pending) = (0, 0);
    for part in parts {
        for block in part.chunks(WRITEBACK_BLOCK) {
            file.write_all(block)?;
            pending += block.len();
            if pending >= WRITEBACK_BLOCK {
                written(offset, pending);
                offset += pending;
                pending = 0;
            }
        }
    }
    if pending > 0 {
        written(offset, pending);
    }
    Ok(())
}

/// Puts back what another program wrote into the old file at the moment of the rename
/// (`lost`), with anything written to the new file since (which starts with `ours`), so
/// that the edit can be done again on top of it. When the file has been rewritten
/// meanwhile, `lost` is saved beside it instead and the error says where.
fn put_back(real: &Path, ours: Vec<u8>, lost: Vec<u8>, shown: &str) -> Result<(), Error> {
    let (mut ours, mut lost) = (ours, lost);
    for _ in 0..8 {
        let (file, meta, current) = read_with_meta(real)?;
        let Some(extra) = current.strip_prefix(ours.as_slice()) else {
            break;
        };
        let restored = [lost.as_slice(), extra].concat();
        let Ok(text) = String::from_utf8(current) else {
            break;
        };
        let now = Found {
            file,
            meta,
            links: 1,
            head: b"",
            text: text.into(),
            block: std::cell::RefCell::new(Vec::new()),
        };
        if !write_atomic(real, &now, &[&restored])? {
            continue;
        }
        let Some(again) = now.after_rename(LOCK_TIMEOUT)?.lost else {
            return Ok(());
        };
        // Written into at the moment of this rename too: what was added there goes after
        // what was just put back; anything else cannot be merged, and is saved.
        match again.strip_prefix(now.text.as_bytes()) {
            Some(added) => {
                lost = [restored.as_slice(), added].concat();
                ours = restored;
            }
            None => {
                lost = again;
                break;
            }
        }
    }
    Err(rescue(real, &lost, shown))
}

/// Saves bytes that could not be put back into `real` as `NAME.wg-rescued-N` beside it
/// (never read as data: the name does not end in `.toml`); the error names it.
fn rescue(real: &Path, bytes: &[u8], shown: &str) -> Error {
    let name = real
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    for n in 1..=100 {
        let path = real.with_file_name(format!("{name}.wg-rescued-{n}"));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                let saved = file.write_all(bytes).and_then(|()| file.sync_all());
                return Error::Other(match saved {
                    Ok(()) => Failed::error(msg::rescued(shown, &path.display().to_string())),
                    Err(e) => Failed::error(msg::not_rescued(shown, &msg::io_error(&e))),
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Error::Other(Failed::error(msg::not_rescued_in(
                    shown,
                    &path.display().to_string(),
                    &msg::io_error(&e),
                )));
            }
        }
    }
    Error::Other(Failed::error(msg::too_many_rescued(shown)))
}

/// The calls into the C library that std does not offer, each with its reason: the one
/// place in `edit` where `unsafe` is allowed.
pub(crate) mod os {
    #![allow(unsafe_code)]
    use std::fs::File;

    /// A file-size limit (`ulimit -f`) that a write goes past sends SIGXFSZ, whose default
    /// kills wg half way through writing the temporary file and leaves it behind. Ignored,
    /// the write fails with EFBIG, as on a full disk, and the temporary file is removed.
    #[cfg(unix)]
    pub fn ignore_file_size_signal() {
        // SAFETY: `signal` with SIG_IGN installs no handler, so no code of ours runs in a
        // signal context; it only sets how this process takes SIGXFSZ, which nothing else
        // in wg relies on. The previous disposition it returns is not needed.
        unsafe {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        }
    }

    #[cfg(not(unix))]
    pub fn ignore_file_size_signal() {}

    /// Starts `len` bytes of `file` from `offset` on their way to the disk without
    /// waiting for them (Linux's `sync_file_range`, SYNC_FILE_RANGE_WRITE), so that the
    /// fsync that follows waits only for what is still under way. Only a hint: an
    /// error is the fsync's to report.
    #[cfg(target_os = "linux")]
    pub fn start_writeback(file: &File, offset: usize, len: usize) {
        use std::os::fd::AsRawFd;
        let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else {
            return;
        };
        // SAFETY: sync_file_range takes integers and touches no memory of ours; the
        // descriptor stays open while `file` is borrowed.
        unsafe {
            libc::sync_file_range(file.as_raw_fd(), offset, len, libc::SYNC_FILE_RANGE_WRITE);
        }
    }

    #[cfg(not(target_os = "linux"))]
    pub fn start_writeback(_: &File, _: usize, _: usize) {}

    /// Lets the page cache drop `len` bytes of `file` from `offset` (POSIX_FADV_DONTNEED):
    /// for a file nobody will read again. Only a hint. (A length of 0 would be the
    /// rest of the file: nothing is done for it.)
    #[cfg(unix)]
    pub fn drop_cached(file: &File, offset: usize, len: usize) {
        use std::os::fd::AsRawFd;
        if len == 0 {
            return;
        }
        let (Ok(offset), Ok(len)) = (libc::off_t::try_from(offset), libc::off_t::try_from(len))
        else {
            return;
        };
        // SAFETY: posix_fadvise takes integers and touches no memory of ours; the
        // descriptor stays open while `file` is borrowed.
        unsafe {
            libc::posix_fadvise(file.as_raw_fd(), offset, len, libc::POSIX_FADV_DONTNEED);
        }
    }

    /// Whether another process has `file` open for writing: Linux refuses a read lease
    /// (EAGAIN) exactly then. `None` where that cannot be known (another system, a file
    /// of another owner, a file system without leases). The lease, when granted, is let
    /// go at once; `file` must be open read-only and have no name left (see
    /// [`is_unlinked`]), so that nobody can open it meanwhile and break the lease.
    #[cfg(target_os = "linux")]
    pub fn open_for_writing_elsewhere(file: &File) -> Option<bool> {
        use std::os::fd::AsRawFd;
        let fd = file.as_raw_fd();
        // SAFETY: F_SETLEASE takes an int argument and touches no memory of ours; `fd`
        // stays open while `file` is borrowed.
        let taken = unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_RDLCK) };
        if taken == 0 {
            // SAFETY: as above.
            unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_UNLCK) };
            return Some(false);
        }
        match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::EAGAIN) => Some(true),
            _ => None,
        }
    }

    #[cfg(not(target_os = "linux"))]
    pub fn open_for_writing_elsewhere(_: &File) -> Option<bool> {
        None
    }

    /// Whether no name is left for `file` (it was renamed over, and had no other hard
    /// link).
    #[cfg(unix)]
    pub fn is_unlinked(file: &File) -> std::io::Result<bool> {
        use std::os::unix::fs::MetadataExt;
        Ok(file.metadata()?.nlink() == 0)
    }

    #[cfg(not(unix))]
    pub fn is_unlinked(_: &File) -> std::io::Result<bool> {
        Ok(true)
    }
}

/// The locks an edit holds from its first read to the rename: the data directory's
/// `.wg.lock`, which every `wg` editing that directory takes, and the lock of the real
/// file being edited (see [`lock_dir_of`]) when that is another one, as for a task file
/// that a symlink leads to. The second makes two data directories that share a task
/// file through symlinks take turns on it.
///
/// No `wg` waits for a lock while holding one that comes after it in path order, so two
/// of them cannot wait for each other.
struct Locks {
    /// The data directory, as given.
    dir: PathBuf,
    /// Its lock (`None` only for a moment in [`Locks::cover`]).
    held: Option<DirLock>,
    /// The real path of its lock file.
    dir_lock: PathBuf,
    /// The lock of the real file and its path, when that is another lock file.
    beside: Option<(PathBuf, DirLock)>,
}

impl Locks {
    fn take(dir: &Path) -> Result<Locks, Error> {
        let held = lock(dir, LOCK_TIMEOUT)?;
        let dir_lock = dir
            .join(LOCK_FILE)
            .canonicalize()
            .because(|| msg::cannot_resolve(&dir.join(LOCK_FILE).display().to_string()))?;
        Ok(Locks {
            dir: dir.to_path_buf(),
            held: Some(held),
            dir_lock,
            beside: None,
        })
    }

    /// Makes sure the lock of `real` (a canonical path) is held too. `false` when the
    /// data directory's lock had to be let go meanwhile, so that what was read under it
    /// must be read again.
    fn cover(&mut self, real: &Path) -> Result<bool, Error> {
        let want = lock_dir_of(real).join(LOCK_FILE);
        if want == self.dir_lock {
            self.beside = None;
            return Ok(true);
        }
        if self.beside.as_ref().is_some_and(|(p, _)| *p == want) {
            return Ok(true);
        }
        self.beside = None;
        if want > self.dir_lock {
            self.beside = Some((want.clone(), lock_path(&want, LOCK_TIMEOUT)?));
            return Ok(true);
        }
        // It comes first: take it now if it is free, else let the directory's go, wait
        // for this one, then take the directory's again.
        if let Ok(beside) = try_lock(open_lock(&want)?, &want)? {
            self.beside = Some((want, beside));
            return Ok(true);
        }
        self.held = None;
        let beside = lock_path(&want, LOCK_TIMEOUT)?;
        self.held = Some(lock(&self.dir, LOCK_TIMEOUT)?);
        self.beside = Some((want, beside));
        Ok(false)
    }
}

/// Where the lock of a real (canonical) file path is: the data directory the file is
/// really in (its own directory, or the one above for a file in `tasks/`, whichever
/// holds `org.toml`), else the file's own directory. It depends on the real path only,
/// so every `wg` takes the same lock for the same file, whichever data directory (or
/// symlink) it came through.
fn lock_dir_of(real: &Path) -> &Path {
    let parent = real.parent().unwrap_or(Path::new("/"));
    parent
        .ancestors()
        .take(2)
        .find(|d| d.join("org.toml").is_file())
        .unwrap_or(parent)
}

/// An exclusive lock on a `.wg.lock` file, held until dropped.
///
/// `File::lock` (flock on Unix, LockFileEx on Windows) belongs to the open file: the
/// kernel releases it when the process exits, however it dies, so a lock left by a
/// killed `wg` cannot block anyone. A lock still held after `timeout` therefore belongs
/// to a live process, and the error says how to find it.
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

/// Locks `<dir>/.wg.lock`, waiting up to `timeout` for another `wg` to let go.
pub fn lock(dir: &Path, timeout: Duration) -> Result<DirLock, Error> {
    lock_path(&dir.join(LOCK_FILE), timeout)
}

fn lock_path(path: &Path, timeout: Duration) -> Result<DirLock, Error> {
    let mut file = open_lock(path)?;
    let start = Instant::now();
    loop {
        file = match try_lock(file, path)? {
            Ok(lock) => return Ok(lock),
            Err(file) => file,
        };
        if start.elapsed() >= timeout {
            return Err(Error::Other(Failed::error(msg::lock_held(
                &path.display().to_string(),
                timeout.as_secs(),
            ))));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The lock, if nobody holds it; else the file back, to try again.
fn try_lock(file: File, path: &Path) -> Result<Result<DirLock, File>, Error> {
    match file.try_lock() {
        Ok(()) => Ok(Ok(DirLock { _file: file })),
        Err(TryLockError::WouldBlock) => Ok(Err(file)),
        Err(TryLockError::Error(e)) => Err(Error::Other(Failed::wrap(
            msg::cannot_lock(&path.display().to_string()),
            e,
        ))),
    }
}

/// Opens the lock file at `path`, making it if there is none, and never blocks or
/// follows a symlink: a FIFO or a device there would hang or do something else on
/// open, and a committed `.wg.lock` symlink would make wg create a file where it points;
/// both are refused. An existing lock file is opened read-only (a lock needs no write
/// permission), so one made by another clerk of a shared directory does not stop an
/// edit; a new one can be opened by the directory's group (see [`share_with_group`]).
fn open_lock(path: &Path) -> Result<File, Error> {
    let cannot = |e: std::io::Error| {
        Error::Other(Failed::wrap(
            msg::cannot_open_lock_file(&path.display().to_string()),
            e,
        ))
    };
    // Another `wg` may make the file between the look and the open: look again.
    for _ in 0..8 {
        match std::fs::symlink_metadata(path) {
            Ok(meta) => {
                refuse_unless_regular(path, &meta.file_type())?;
                match open_existing_lock(path) {
                    Ok(file) => {
                        let meta = file.metadata().map_err(cannot)?;
                        refuse_unless_regular(path, &meta.file_type())?;
                        return Ok(file);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) if is_symlink_refusal(&e) => {
                        return Err(not_regular(path, &msg::a_symbolic_link()));
                    }
                    Err(e) => return Err(cannot(e)),
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match create_lock(path) {
                Ok(file) => return Ok(file),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(cannot(e)),
            },
            Err(e) => return Err(cannot(e)),
        }
    }
    Err(Error::Other(Failed::error(msg::lock_file_flickers(
        &path.display().to_string(),
    ))))
}

fn open_existing_lock(path: &Path) -> std::io::Result<File> {
    let open = |write: bool| {
        let mut options = OpenOptions::new();
        options.read(!write).write(write);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        options.open(path)
    };
    // A lock file one may write but not read (rare) serves as well.
    open(false).or_else(|e| {
        if e.kind() == std::io::ErrorKind::PermissionDenied {
            open(true).map_err(|_| e)
        } else {
            Err(e)
        }
    })
}

fn create_lock(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    // create_new: O_EXCL, which never follows a symlink either.
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(0o666)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    share_with_group(&file, path)?;
    Ok(file)
}

/// A new lock file in a directory its group may write (mode 2775, several clerks) is
/// made readable and writable by that group and given the directory's group, so that
/// the lock works for all of them; elsewhere it keeps 0666 less the umask.
#[cfg(unix)]
fn share_with_group(file: &File, path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let dir = std::fs::metadata(dir)?;
    if dir.mode() & 0o2020 == 0 {
        return Ok(());
    }
    // A setgid directory gave it its group already; elsewhere a member may give it. One
    // who is not a member cannot, and the lock works for them anyway.
    let _ = std::os::unix::fs::fchown(file, None, Some(dir.gid()));
    let mode = file.metadata()?.mode() & 0o7777 | 0o060;
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn share_with_group(_: &File, _: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn is_symlink_refusal(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_symlink_refusal(_: &std::io::Error) -> bool {
    false
}

fn refuse_unless_regular(path: &Path, kind: &std::fs::FileType) -> Result<(), Error> {
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_symlink() {
        msg::a_symbolic_link()
    } else if kind.is_dir() {
        msg::a_directory()
    } else {
        special_kind(kind)
    };
    Err(not_regular(path, &what))
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> Text {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        msg::kind_a_fifo()
    } else if kind.is_socket() {
        msg::a_socket()
    } else if kind.is_block_device() || kind.is_char_device() {
        msg::a_device()
    } else {
        msg::not_a_plain_file()
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> Text {
    msg::not_a_plain_file()
}

fn not_regular(path: &Path, what: &Text) -> Error {
    Error::Other(Failed::error(msg::lock_not_regular(
        &path.display().to_string(),
        what,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the `edit` fixture (org, groups and tasks.toml), also for the add's tests.
    pub(super) fn fixture_copy() -> tempfile::TempDir {
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

    /// How many loads and task re-reads this thread has done (the add's tests too).
    pub(super) fn counts() -> (usize, usize) {
        use crate::load::tests::{LOADS, REREADS};
        (LOADS.with(|n| n.get()), REREADS.with(|n| n.get()))
    }

    fn on(_: &Org) -> Result<NaiveDate, Error> {
        Ok(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap())
    }

    /// The org and groups of the `edit` fixture, and `tasks/part-NN.toml` for N in
    /// 1..=files, one task `T-NN` each.
    fn many_files(files: usize) -> tempfile::TempDir {
        let tmp = fixture_copy();
        std::fs::remove_file(tmp.path().join("tasks.toml")).unwrap();
        std::fs::create_dir(tmp.path().join("tasks")).unwrap();
        for n in 1..=files {
            std::fs::write(
                tmp.path().join(format!("tasks/part-{n:02}.toml")),
                format!(
                    "# part {n}\n[[tasks]]\nid = \"T-{n:02}\"\ntitle = \"任务 {n}\"\n\
                     group = \"membership\"\nowner = \"王五\"\ndue = 2026-12-31\n\
                     status = \"todo\"\n"
                ),
            )
            .unwrap();
        }
        tmp
    }

    /// An edit of one file of fifty loads the directory once (every file read and
    /// validated once, as by any command) and then reads again only the edited task's
    /// new text: not the other 49 files, nor the rest of its own.
    #[test]
    fn an_edit_of_one_file_of_fifty_loads_once_and_reads_only_its_task_again() {
        let tmp = many_files(50);
        let before: Vec<Vec<u8>> = (1..=50)
            .map(|n| std::fs::read(tmp.path().join(format!("tasks/part-{n:02}.toml"))).unwrap())
            .collect();
        let (loaded_before, reread_before) = counts();
        let outcome = apply(
            tmp.path(),
            "T-17",
            &Change::Note(NoteSpec::text("已召开推进会")),
            &on,
        )
        .unwrap();
        assert_eq!(
            outcome.changes,
            [Changed::NoteAdded(on(&outcome.org).unwrap())]
        );
        assert_eq!(counts(), (loaded_before + 1, reread_before + 1));
        for (n, old) in (1..=50).zip(&before) {
            let now = std::fs::read(tmp.path().join(format!("tasks/part-{n:02}.toml"))).unwrap();
            if n == 17 {
                let now = String::from_utf8(now).unwrap();
                let old = std::str::from_utf8(old).unwrap();
                assert_eq!(
                    now,
                    format!(
                        "{old}\n[[tasks.updates]]\ndate = 2026-11-29\nnote = \"已召开推进会\"\n"
                    )
                );
            } else {
                assert_eq!(&now, old, "part-{n:02}.toml");
            }
        }
        // What was written loads, with the note.
        let loaded = load::load(tmp.path()).unwrap();
        assert_eq!(loaded.data.task_by_id("T-17").unwrap().updates.len(), 1);
    }

    /// Replaces `from` with `to` in the file at `path`; the new text.
    fn rewrite(path: &Path, from: &str, to: &str) -> String {
        let text = std::fs::read_to_string(path).unwrap().replace(from, to);
        std::fs::write(path, &text).unwrap();
        text
    }

    /// A syntax error in another of the fifty files is not the edit's business: the
    /// edit reads its own task (and scans the others' text for its id), changes only
    /// its file, and the error stays for `wg check` (and every command that reads all
    /// tasks) to report, naming that file.
    #[test]
    fn an_error_in_another_task_file_is_left_to_check() {
        let tmp = many_files(50);
        let other = tmp.path().join("tasks/part-42.toml");
        let broken = rewrite(&other, "status = \"todo\"", "status = \"todo");
        let (loads, _) = counts();
        let outcome = apply(tmp.path(), "T-17", &Change::Note(NoteSpec::text("x")), &on).unwrap();
        assert!(
            outcome.file.ends_with("tasks/part-17.toml"),
            "{}",
            outcome.file
        );
        assert_eq!(counts().0, loads + 1);
        assert_eq!(std::fs::read_to_string(&other).unwrap(), broken);
        let failure = load::load(tmp.path()).unwrap_err();
        let at = failure
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .and_then(|d| d.at.as_ref())
            .map(|(f, _)| failure.sources[*f].rel.to_path_buf());
        assert_eq!(at.as_deref(), Some(Path::new("tasks/part-42.toml")));
    }

    /// The id written as a string in the task before (a title that is the id) starts
    /// what the edit reads there, and it still reads the task after: the edit's text
    /// ends at that task's header, and what follows (here with other line endings) is
    /// neither read into the edit nor changed.
    #[test]
    fn the_id_written_in_the_task_before_does_not_stretch_the_edit_to_the_files_end() {
        let tmp = many_files(1);
        let task = |id: &str, title: &str, eol: &str| {
            format!(
                "[[tasks]]{eol}id = \"{id}\"{eol}title = \"{title}\"{eol}group = \"membership\"{eol}\
                 owner = \"王五\"{eol}due = 2026-12-31{eol}{eol}"
            )
        };
        let text = format!(
            "{}{}{}# 附注\r\n",
            task("A-1", "X-1", "\n"),
            task("X-1", "任务", "\n"),
            task("B-1", "b", "\r\n")
        );
        let path = tmp.path().join("tasks/part-01.toml");
        std::fs::write(&path, &text).unwrap();
        let edit = load::load_for_edit(tmp.path(), "X-1").unwrap();
        let read: Vec<&str> = edit.data.tasks.iter().map(|t| &*t.id).collect();
        assert_eq!(read, ["A-1", "X-1", "B-1"]);
        apply(tmp.path(), "X-1", &Change::Note(NoteSpec::text("x")), &on).unwrap();
        let (head, tail) = text.split_at(text.find("[[tasks]]\r\n").unwrap());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("{head}[[tasks.updates]]\ndate = 2026-11-29\nnote = \"x\"\n\n{tail}")
        );
    }

    /// The id written again in another file is found by the scan: the edit is refused
    /// with the duplicate, as the whole load reports it, and nothing is written.
    #[test]
    fn a_duplicate_of_the_id_in_another_file_refuses_the_edit() {
        let tmp = many_files(50);
        let other = tmp.path().join("tasks/part-42.toml");
        let twice = rewrite(&other, "T-42", "T-17");
        let mine = tmp.path().join("tasks/part-17.toml");
        let before = std::fs::read(&mine).unwrap();
        let Err(Error::Data(failure)) =
            apply(tmp.path(), "T-17", &Change::Note(NoteSpec::text("x")), &on)
        else {
            panic!("expected the data to be refused")
        };
        let error = failure.diagnostics.iter().find(|d| d.is_error()).unwrap();
        let at = error
            .at
            .as_ref()
            .map(|(f, _)| failure.sources[*f].rel.to_path_buf());
        assert_eq!(at.as_deref(), Some(Path::new("tasks/part-42.toml")));
        assert!(format!("{error:?}").contains("T-17"), "{error:?}");
        assert_eq!(std::fs::read(&mine).unwrap(), before);
        assert_eq!(std::fs::read_to_string(&other).unwrap(), twice);
    }

    /// The task's new text is validated: one that breaks a reference (an owner nobody
    /// is) is refused, reported by a load of the whole directory as `wg check` would
    /// report it, and nothing is written.
    #[test]
    fn a_new_task_text_that_breaks_a_reference_is_refused() {
        let tmp = fixture_copy();
        let path = tmp.path().join("tasks.toml");
        let before = std::fs::read(&path).unwrap();
        let loaded = load::load(tmp.path()).unwrap();
        let task = loaded.data.task_by_id("JH-01").unwrap().clone();
        let next = loaded.data.task_by_id("JH-02").unwrap().origin.line;
        let text = loaded.sources[2].text.clone();
        let range = chunk_range(&text, task.origin.line, Some(next)).unwrap();
        let new = text[range.clone()].replace("owner = \"王五\"", "owner = \"王武\"");
        let splice = Splice {
            range: range.clone(),
            new,
            chunk: true,
        };
        let pieces = ["", &text[..range.start], &splice.new, &text[range.end..]];
        let (loaded_before, reread_before) = counts();
        let err = validate_edit(
            tmp.path(),
            loaded,
            &task,
            &Plan::default(),
            "tasks.toml",
            &splice,
            pieces,
        )
        .unwrap_err();
        // Read alone first, then (as it did not read cleanly) the whole directory.
        assert_eq!(counts(), (loaded_before + 1, reread_before + 1));
        let Error::Data(failure) = err else {
            panic!("expected Error::Data")
        };
        assert!(failure.diagnostics[0].message.en().contains("refused"));
        assert!(
            failure
                .diagnostics
                .iter()
                .any(|d| d.message.en().contains("unknown person \"王武\"")),
            "{:?}",
            failure.diagnostics
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    /// A new text that reads alone but is not what the plan says (here: no change at
    /// all, where a note was planned) is refused before anything is written.
    #[test]
    fn a_new_task_text_that_is_not_as_planned_is_refused() {
        let tmp = fixture_copy();
        let loaded = load::load(tmp.path()).unwrap();
        let task = loaded.data.task_by_id("JH-01").unwrap().clone();
        let next = loaded.data.task_by_id("JH-02").unwrap().origin.line;
        let text = loaded.sources[2].text.clone();
        let range = chunk_range(&text, task.origin.line, Some(next)).unwrap();
        let splice = Splice {
            range: range.clone(),
            new: text[range.clone()].to_owned(),
            chunk: true,
        };
        let mut plan = Plan::default();
        add_note(
            &mut plan,
            &loaded.data,
            &NoteSpec::text("x"),
            on(&loaded.data.org).unwrap(),
        )
        .unwrap();
        let pieces = ["", &text[..range.start], &splice.new, &text[range.end..]];
        let (loaded_before, reread_before) = counts();
        let err = validate_edit(
            tmp.path(),
            loaded,
            &task,
            &plan,
            "tasks.toml",
            &splice,
            pieces,
        )
        .unwrap_err();
        assert_eq!(counts(), (loaded_before, reread_before + 1));
        let Error::Other(e) = err else {
            panic!("expected Error::Other")
        };
        assert!(format!("{e:#}").contains("JH-01"), "{e:#}");
    }

    /// The `n`th line break, counted a block at a time, is the one a byte loop finds.
    #[test]
    fn the_nth_line_break_is_found_across_blocks() {
        let text: String = (0..3000).map(|i| "x".repeat(i % 7) + "\n").collect();
        let breaks: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect();
        for (n, at) in breaks.iter().enumerate() {
            assert_eq!(nth_line_break(text.as_bytes(), n), Some(*at));
        }
        assert_eq!(nth_line_break(text.as_bytes(), breaks.len()), None);
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

    fn endings(old: &str, new: &str) -> String {
        restore_endings(&lines_with_endings(old), new).unwrap()
    }

    #[test]
    fn kept_lines_keep_their_endings_changed_ones_take_their_places_and_added_ones_the_usual() {
        // Uniform: every line as the file's.
        assert_eq!(endings("a\r\nb\r\n", "a\nx\nb\n"), "a\r\nx\r\nb\r\n");
        assert_eq!(endings("a\nb\n", "a\nx\nb\n"), "a\nx\nb\n");
        // No final newline: still none, and the old last line gets one.
        assert_eq!(endings("a\nb", "a\nb\nc\n"), "a\nb\nc");
        assert_eq!(endings("a\r\nb", "a\nc\n"), "a\r\nc");
        assert_eq!(endings("", ""), "");
        // Mixed: b (kept) keeps LF, s (changed to t) keeps its LF, x (added) takes CRLF.
        assert_eq!(
            endings("a\r\nb\ns\nc\r\nd\r\n", "a\nb\nt\nx\nc\nd\n"),
            "a\r\nb\nt\nx\r\nc\r\nd\r\n"
        );
        // Mixed, a line removed and one appended at the end without a final newline.
        assert_eq!(
            endings("a\r\nb\nc\r\nd\r\ne", "a\nc\nd\ne\nf\n"),
            "a\r\nc\r\nd\r\ne\r\nf"
        );
    }

    #[test]
    fn a_mixed_chunk_keeps_each_line_ending_through_an_edit() {
        let old = "[[tasks]]\r\nid = \"A\"\nstatus = \"todo\" # c\n";
        let plan = Plan {
            status: Some((Status::Done, None)),
            done_on: Some(KeyEdit::Set(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap())),
            ..Plan::default()
        };
        assert_eq!(
            edit_chunk(old, "A", &plan).unwrap(),
            "[[tasks]]\r\nid = \"A\"\nstatus = \"done\" # c\ndone_on = 2026-01-02\n"
        );
    }

    #[test]
    fn a_write_into_the_old_file_after_the_rename_is_waited_for_and_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("tasks.toml");
        std::fs::write(&path, "old\n").unwrap();
        let found = Found::read(&path, "old\n".to_owned()).unwrap().unwrap();
        // Another program opened the file before the rename, and writes a moment after.
        let mut late = OpenOptions::new().append(true).open(&path).unwrap();
        // Where leases tell whether it is open for writing, the look waits for it to be
        // closed; elsewhere the write comes first.
        let leases = os::open_for_writing_elsewhere(&found.file) == Some(true);
        assert!(write_atomic(&path, &found, &[b"new\n"]).unwrap());
        let mut writer = Some(std::thread::spawn(move || {
            if leases {
                std::thread::sleep(Duration::from_millis(50));
            }
            late.write_all(b"# late\n").unwrap();
        }));
        if !leases {
            writer.take().unwrap().join().unwrap();
        }
        let after = found.after_rename(Duration::from_secs(60)).unwrap();
        if let Some(writer) = writer {
            writer.join().unwrap();
        }
        assert!(!after.still_open);
        let lost = after.lost.unwrap();
        assert_eq!(lost, b"old\n# late\n");
        // Meanwhile someone appended to the new file too: both writes are kept.
        OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"# after\n")
            .unwrap();
        put_back(&path, b"new\n".to_vec(), lost, "tasks.toml").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "old\n# late\n# after\n"
        );
    }

    /// Bytes written into a file at an offset (`None`: nothing written).
    type WriteAt = (Option<u64>, &'static [u8]);

    /// A big file (a BOM, then more than `SYNC_APART` bytes, read in two halves) and the
    /// writes into it that a comparer must see: none, into the first half, into the
    /// second, at the last byte, after the end.
    fn a_big_file_and_writes_into_it() -> (String, Vec<WriteAt>) {
        let old = format!("\u{FEFF}{}", "# 任务\n".repeat(SYNC_APART / 8 + 1));
        let len = old.len() as u64;
        let writes = vec![
            (None, &b""[..]),
            (Some(10), &b"#"[..]),
            (Some(len / 2 + 3), &b"#"[..]),
            (Some(len - 1), &b"!"[..]),
            (Some(len), &b"# late\n"[..]),
        ];
        (old, writes)
    }

    /// `old` written at `path`, and found there as the edit finds it.
    fn found_as_written(path: &Path, old: &str) -> Found {
        std::fs::write(path, old).unwrap();
        Found::read(path, old.trim_start_matches('\u{FEFF}').to_owned())
            .unwrap()
            .unwrap()
    }

    #[cfg(unix)]
    #[test]
    fn a_write_into_either_half_of_a_big_old_file_or_after_its_end_is_found() {
        use std::os::unix::fs::FileExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("tasks.toml");
        let (old, writes) = a_big_file_and_writes_into_it();
        for (at, bytes) in writes {
            let found = found_as_written(&path, &old);
            let late = OpenOptions::new().write(true).open(&path).unwrap();
            assert!(write_atomic(&path, &found, &[b"new\n"]).unwrap());
            let mut expected = old.clone().into_bytes();
            if let Some(at) = at {
                late.write_all_at(bytes, at).unwrap();
                let at = usize::try_from(at).unwrap();
                expected.truncate(at);
                expected.extend_from_slice(bytes);
                expected.extend_from_slice(old.as_bytes().get(at + bytes.len()..).unwrap_or(b""));
            }
            drop(late);
            let after = found.after_rename(Duration::from_secs(60)).unwrap();
            assert_eq!(after.lost.is_some(), at.is_some(), "{at:?}");
            if let Some(lost) = after.lost {
                assert!(lost == expected, "{at:?}");
            }
            assert_eq!(std::fs::read(&path).unwrap(), b"new\n");
        }
    }

    /// Before the rename: a file changed in place anywhere (either half of a big one,
    /// its last byte) or grown is no longer the one the edit found.
    #[test]
    fn a_big_file_changed_in_place_before_the_rename_is_not_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("tasks.toml");
        let (old, writes) = a_big_file_and_writes_into_it();
        for (at, bytes) in writes {
            let found = found_as_written(&path, &old);
            if let Some(at) = at {
                let file = OpenOptions::new().write(true).open(&path).unwrap();
                #[cfg(unix)]
                std::os::unix::fs::FileExt::write_all_at(&file, bytes, at).unwrap();
                #[cfg(not(unix))]
                {
                    use std::io::{Seek, SeekFrom, Write};
                    let mut file = file;
                    file.seek(SeekFrom::Start(at)).unwrap();
                    file.write_all(bytes).unwrap();
                }
            }
            assert_eq!(found.unchanged(&path).unwrap(), at.is_none(), "{at:?}");
        }
    }

    #[test]
    fn a_big_file_is_written_in_blocks_that_cover_it_once() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("new");
        let file = File::create(&path).unwrap();
        let parts: Vec<Vec<u8>> = [3, WRITEBACK_BLOCK + 5, 0, 2 * WRITEBACK_BLOCK - 1, 7]
            .iter()
            .enumerate()
            .map(|(k, &n)| vec![b'a' + k as u8; n])
            .collect();
        let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        let mut blocks = Vec::new();
        write_in_blocks(&file, &parts, |offset, len| blocks.push((offset, len))).unwrap();
        let total: usize = parts.iter().map(|p| p.len()).sum();
        let mut next = 0;
        for (k, &(offset, len)) in blocks.iter().enumerate() {
            assert_eq!(offset, next);
            assert!(
                len >= WRITEBACK_BLOCK || k + 1 == blocks.len(),
                "{blocks:?}"
            );
            next += len;
        }
        assert_eq!(next, total);
        assert_eq!(std::fs::read(&path).unwrap(), parts.concat());
    }

    #[test]
    fn an_old_file_kept_open_for_writing_is_said_after_the_wait() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("tasks.toml");
        std::fs::write(&path, "old\n").unwrap();
        let found = Found::read(&path, "old\n".to_owned()).unwrap().unwrap();
        let kept = OpenOptions::new().append(true).open(&path).unwrap();
        let leases = os::open_for_writing_elsewhere(&found.file) == Some(true);
        assert!(write_atomic(&path, &found, &[b"new\n"]).unwrap());
        let after = found.after_rename(Duration::from_millis(100)).unwrap();
        assert_eq!(after.still_open, leases);
        assert_eq!(after.lost, None);
        drop(kept);
        // A file with another hard link is that name's now: not looked at.
        std::fs::hard_link(&path, tmp.path().join("other")).unwrap();
        let found = Found::read(&path, "new\n".to_owned()).unwrap().unwrap();
        assert!(write_atomic(&path, &found, &[b"newer\n"]).unwrap());
        std::fs::write(tmp.path().join("other"), "theirs\n").unwrap();
        let after = found.after_rename(Duration::from_secs(60)).unwrap();
        assert!(after.lost.is_none() && !after.still_open);
    }

    #[test]
    fn a_write_that_cannot_be_put_back_is_saved_beside_and_named() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("tasks.toml");
        std::fs::write(&path, "rewritten\n").unwrap();
        let Error::Other(e) =
            put_back(&path, b"ours\n".to_vec(), b"lost\n".to_vec(), "tasks.toml").unwrap_err()
        else {
            panic!()
        };
        let saved = tmp.path().join("tasks.toml.wg-rescued-1");
        assert!(e.to_string().contains(&saved.display().to_string()), "{e}");
        assert_eq!(std::fs::read(&saved).unwrap(), b"lost\n");
        assert_eq!(std::fs::read(&path).unwrap(), b"rewritten\n");
    }

    #[test]
    fn a_file_changed_before_the_rename_is_not_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("tasks.toml");
        std::fs::write(&path, "\u{FEFF}old\n").unwrap();
        let found = Found::read(&path, "old\n".to_owned()).unwrap().unwrap();
        assert_eq!(found.head, BOM);
        std::fs::write(&path, "\u{FEFF}old\n# theirs\n").unwrap();
        assert!(!write_atomic(&path, &found, &[b"new\n"]).unwrap());
        // Replaced by another file with the same bytes: not the file found either.
        std::fs::write(tmp.path().join("other"), "\u{FEFF}old\n").unwrap();
        std::fs::rename(tmp.path().join("other"), &path).unwrap();
        assert!(!write_atomic(&path, &found, &[b"new\n"]).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "\u{FEFF}old\n");
        // Nothing left behind.
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    /// A big file is compared while the new one goes to disk (see [`write_atomic`]): a
    /// change of a byte, or another file renamed over it with the same bytes, is still
    /// seen, and the file is left as the other program made it.
    #[test]
    fn a_big_file_changed_before_the_rename_is_not_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("tasks.toml");
        let old = "# 任务\n".repeat(SYNC_APART / 8 + 1);
        std::fs::write(&path, &old).unwrap();
        let found = Found::open(&path, old.clone()).unwrap().unwrap();
        let new = old.replace("任务", "事情");
        let theirs = old.replacen("# 任务", "# 人物", 1);
        std::fs::write(&path, &theirs).unwrap();
        assert!(!write_atomic(&path, &found, &[new.as_bytes()]).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
        std::fs::write(tmp.path().join("other"), &old).unwrap();
        std::fs::rename(tmp.path().join("other"), &path).unwrap();
        assert!(!write_atomic(&path, &found, &[new.as_bytes()]).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), old);
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
        // Unchanged, it is replaced.
        let found = Found::open(&path, old.clone()).unwrap().unwrap();
        assert!(write_atomic(&path, &found, &[new.as_bytes()]).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), new);
        assert!(
            found
                .after_rename(Duration::from_secs(1))
                .unwrap()
                .lost
                .is_none()
        );
    }

    #[test]
    fn the_lock_of_a_file_is_in_its_data_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        std::fs::create_dir_all(data.join("tasks")).unwrap();
        std::fs::write(data.join("org.toml"), "").unwrap();
        assert_eq!(lock_dir_of(&data.join("tasks.toml")), data);
        assert_eq!(lock_dir_of(&data.join("tasks/a.toml")), data);
        // Outside any data directory: beside the file.
        assert_eq!(lock_dir_of(&tmp.path().join("x.toml")), tmp.path());
    }

    #[cfg(unix)]
    #[test]
    fn a_new_lock_file_in_a_group_directory_is_group_writable() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        for (dir_mode, group) in [(0o755, false), (0o2775, true), (0o775, true)] {
            let dir = tmp.path().join(format!("{dir_mode:o}"));
            std::fs::create_dir(&dir).unwrap();
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(dir_mode)).unwrap();
            // 0666 less this process's umask (0644 under umask 022), plus group rw.
            let probe = dir.join("probe");
            std::fs::write(&probe, "").unwrap();
            let plain = probe.metadata().unwrap().permissions().mode() & 0o777;
            let want = if group { plain | 0o060 } else { plain };
            drop(lock(&dir, Duration::from_secs(1)).unwrap());
            let mode = dir.join(LOCK_FILE).metadata().unwrap().permissions().mode() & 0o7777;
            assert_eq!(mode, want, "in a {dir_mode:o} directory: {mode:o}");
        }
    }

    proptest::proptest! {
        /// Whatever lines an edit adds, removes or changes, only line endings are put
        /// back: the lines are the edit's, and a text the edit did not change comes out
        /// byte for byte.
        #[test]
        fn restoring_endings_changes_endings_only(
            old in proptest::collection::vec(("[a-c]{0,2}", 0u8..3), 0..12),
            edits in proptest::collection::vec((0usize..12, 0u8..3, "[a-d]{0,2}"), 0..4),
        ) {
            let mut text = String::new();
            for (i, (line, e)) in old.iter().enumerate() {
                text.push_str(line);
                text.push_str(match e {
                    0 => "\n",
                    1 => "\r\n",
                    _ if i + 1 == old.len() => "",
                    _ => "\n",
                });
            }
            let lines = lines_with_endings(&text);
            let mut new: Vec<String> = lines.iter().map(|(l, _)| (*l).to_owned()).collect();
            let unchanged = edits.is_empty();
            for (at, kind, s) in edits {
                let at = at.min(new.len());
                match kind {
                    0 => new.insert(at, s),
                    1 if at < new.len() => {
                        new.remove(at);
                    }
                    _ if at < new.len() => new[at] = s,
                    _ => {}
                }
            }
            let new_lf: String = new.iter().map(|l| format!("{l}\n")).collect();
            let out = restore_endings(&lines, &new_lf).unwrap();
            let out_lines: Vec<&str> = lines_with_endings(&out).iter().map(|(l, _)| *l).collect();
            let mut want: Vec<&str> = new.iter().map(String::as_str).collect();
            let missing = lines.last().is_some_and(|(_, e)| *e == Eol::Missing);
            // Without a final newline, an empty last line is no line at all.
            let empty_last = missing && want.last() == Some(&"");
            if empty_last {
                want.pop();
            }
            proptest::prop_assert_eq!(out_lines, want);
            if unchanged {
                proptest::prop_assert_eq!(&out, &text);
            }
            // The lines alike at the start keep their own endings.
            let out_all = lines_with_endings(&out);
            let alike = lines.iter().zip(&new).take_while(|((l, _), n)| l == n).count();
            for k in 0..alike.min(out_all.len()) {
                let (was, now) = (lines[k].1, out_all[k].1);
                if was != Eol::Missing && !(missing && k + 1 == out_all.len()) {
                    proptest::prop_assert_eq!(was, now, "line {}", k);
                }
            }
            if !new.is_empty() && !empty_last {
                proptest::prop_assert_eq!(!out.ends_with('\n'), missing);
            }
        }
    }
}
