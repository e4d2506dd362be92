//! `tasks.toml` and `tasks/*.toml`: the task list, possibly split by group.

use super::diagnostic::{Diagnostic, FileId};
use super::fields::{Fields, Sp, Span};
use super::names::{FastMap, Kind};
use super::{Refs, Source};
use crate::i18n::{self, Text, msg};
use crate::model::{Indicator, Origin, Reading, Repeat, Status, Task, Tasks, Update};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
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
    "original_due",
    "indicators",
    "updates",
];
const UPDATE: &[&str] = &["date", "note", "problems", "next_steps", "by", "values"];
const INDICATOR: &[&str] = &["name", "target", "unit"];

/// One task file, as the loader hands it over.
pub struct TaskFile<'s> {
    pub file: FileId,
    pub source: &'s Source,
}

/// What one task table gave the ordinary path: the task if it is valid, and where its
/// id was written whenever it has one, so that duplicates are caught even among broken
/// tasks. The id itself is the task's, or kept here when there is no task to hold it.
struct Loaded {
    task: Option<Task>,
    id: Option<(Option<String>, Span)>,
}

/// A run of a task file that starts at a `[[tasks]]` line (or the file's start) and
/// ends before the next one.
struct Chunk<'t> {
    file: FileId,
    offset: usize,
    /// The number of its first line, counted from the start of its part.
    line: usize,
    text: &'t str,
}

/// A stretch of a task file, cut at a `[[tasks]]` line: the unit of work of a thread.
struct Part<'t> {
    file: FileId,
    source: &'t Source,
    offset: usize,
    /// The number of its first line in the file.
    line: usize,
    text: &'t str,
}

/// What a part (or a whole file read the ordinary way) gave. `None` if a piece of a part
/// was not a plain run of `[[tasks]]` tables.
type PartResult = Option<PartOut>;

/// What one part gave; its tasks carry their lines in the file.
#[derive(Default)]
struct PartOut {
    tasks: Vec<Task>,
    /// For each task, where its id is written and the id's hash, worked out here while
    /// the id is in this core's cache.
    ids: Vec<(Span, u64)>,
    /// Tables that had an id but gave no task: how many tasks came before, the id, where.
    lone: Vec<(usize, String, Span)>,
    diags: Vec<Diagnostic>,
}

impl PartOut {
    fn absorb(&mut self, loaded: Vec<Loaded>) {
        for l in loaded {
            match (l.task, l.id) {
                (Some(task), id) => {
                    let span = id.map_or(0..0, |(_, span)| span);
                    self.ids.push((span, id_hash(&task.id)));
                    self.tasks.push(task);
                }
                (None, Some((Some(id), span))) => self.lone.push((self.tasks.len(), id, span)),
                (None, _) => {}
            }
        }
    }
}

/// Parts of about this many bytes keep both cores busy without much bookkeeping.
pub(super) const PART_BYTES: usize = 1 << 20;

/// Loads every task file. Each file is cut at its `[[tasks]]` lines and the pieces are
/// parsed on all cores, each into tasks straight away: no tree of the whole file is
/// ever built, so a 100,000-task file costs little more memory than its text. A file
/// whose pieces do not each parse as plain `[[tasks]]` tables (a syntax error, another
/// table, text before the first task) is read again whole, by the ordinary path, so its
/// diagnostics are exactly those of a whole-file parse.
pub fn load_all(files: &[TaskFile<'_>], refs: &Refs<'_>, diags: &mut Vec<Diagnostic>) -> Tasks {
    let mut parts: Vec<Part<'_>> = if in_pieces() {
        files.iter().flat_map(parts_of).collect()
    } else {
        Vec::new()
    };
    number_lines(&mut parts);
    let mut results = run_parts(&parts, refs).into_iter();

    // File by file (the parts come in file order): the parts' results if every piece
    // was plain, else the whole file again.
    let mut outs: Vec<(FileId, PartOut)> = Vec::new();
    let mut rest = parts.as_slice();
    for f in files {
        // A file's parts are the next ones: counting them among all the parts, file by
        // file, took 88 s of a `check` of 200,000 one-task files.
        let count = rest.iter().take_while(|p| p.file == f.file).count();
        rest = rest.get(count..).unwrap_or_default();
        let mine: Vec<PartResult> = results.by_ref().take(count).collect();
        if count > 0 && mine.iter().all(Option::is_some) {
            for mut out in mine.into_iter().flatten() {
                diags.append(&mut out.diags);
                outs.push((f.file, out));
            }
        } else {
            let mut out = PartOut::default();
            out.absorb(load_whole(f.file, f.source, refs, diags));
            outs.push((f.file, out));
        }
    }

    // Ids must be unique across all files; the first one written wins.
    let total = outs.iter().map(|(_, o)| o.tasks.len() + o.lone.len()).sum();
    // For each out, the indices of its tasks that repeat an earlier id, ascending.
    let mut dropped: Vec<Vec<usize>> = vec![Vec::new(); outs.len()];
    if repeats_a_hash(&outs, total) {
        let mut ids = SeenIds::with_capacity(total);
        let duplicate = |id: &str, file: FileId, span: &Span, (first_file, first_span)| {
            Diagnostic::error(msg::duplicate_task_id(id))
                .at(file, span.clone())
                .label(msg::defined_again_here())
                .also(msg::first_defined_at(), first_file, first_span)
                .help(msg::task_ids_unique())
        };
        for ((file, out), dropped) in outs.iter().zip(&mut dropped) {
            let mut lone = out.lone.iter().peekable();
            for i in 0..=out.tasks.len() {
                while let Some((_, id, span)) = lone.next_if(|(at, _, _)| *at == i) {
                    if let Some(first) = ids.first(id, id_hash(id), *file, span) {
                        diags.push(duplicate(id, *file, span, first));
                    }
                }
                if let (Some(task), Some((span, hash))) = (out.tasks.get(i), out.ids.get(i))
                    && let Some(first) = ids.first(&task.id, *hash, *file, span)
                {
                    diags.push(duplicate(&task.id, *file, span, first));
                    dropped.push(i);
                }
            }
        }
    }
    // The runs stay where the threads put them.
    let mut runs = Vec::with_capacity(outs.len());
    for ((_, mut out), gone) in outs.into_iter().zip(dropped) {
        if !gone.is_empty() {
            let mut i = 0;
            out.tasks.retain(|_| {
                i += 1;
                gone.binary_search(&(i - 1)).is_err()
            });
        }
        runs.push(out.tasks);
    }
    Tasks::from_runs(runs)
}

/// Whether two ids (of tasks, or of tables that gave none) have one hash: only then can
/// two be equal, and [`SeenIds`] look for them. A set of the hashes alone takes 8 bytes
/// an id where `SeenIds` takes 40; its map was a tenth of the peak memory of a
/// million-task load.
///
/// The hashes are shared out by their top bit, one half to a core when there are many
/// (100,000 inserts on one core were 3 ms of `tasks overdue` that nothing overlapped).
fn repeats_a_hash(outs: &[(FileId, PartOut)], total: usize) -> bool {
    // Each set takes the hashes of one top bit, or (`None`) all of them.
    let halves: &[Option<u64>] = if total < 50_000 {
        &[None]
    } else {
        &[Some(0), Some(1)]
    };
    let repeats = |&half: &Option<u64>| {
        let mine = |hash: u64| half.is_none_or(|top| hash >> 63 == top);
        let room = if half.is_none() { total } else { total / 2 };
        let mut seen: std::collections::HashSet<u64, BuildHasherDefault<Prehashed>> =
            std::collections::HashSet::with_capacity_and_hasher(room, Default::default());
        let mut seen_again = |hash: u64| mine(hash) && !seen.insert(hash);
        outs.iter().any(|(_, out)| {
            out.ids.iter().any(|&(_, hash)| seen_again(hash))
                || out.lone.iter().any(|(_, id, _)| seen_again(id_hash(id)))
        })
    };
    crate::par::map_queue(halves, repeats)
        .into_iter()
        .any(|r| r)
}

/// The task ids seen so far, by the hashes the threads worked out: ids themselves are
/// compared only when two hashes are equal (reading 100,000 ids scattered over memory
/// again took 10 ms). Ids of different text with one hash go to `collided`.
struct SeenIds<'a> {
    seen: HashMap<u64, (&'a str, FileId, &'a Span), BuildHasherDefault<Prehashed>>,
    collided: FastMap<&'a str, (FileId, &'a Span)>,
}

impl<'a> SeenIds<'a> {
    fn with_capacity(n: usize) -> SeenIds<'a> {
        SeenIds {
            seen: HashMap::with_capacity_and_hasher(n, Default::default()),
            collided: FastMap::default(),
        }
    }

    /// Where `id` was first seen, if before; else it is seen here now.
    fn first(
        &mut self,
        id: &'a str,
        hash: u64,
        file: FileId,
        span: &'a Span,
    ) -> Option<(FileId, Span)> {
        use std::collections::hash_map::Entry;
        match self.seen.entry(hash) {
            Entry::Vacant(v) => {
                v.insert((id, file, span));
                None
            }
            Entry::Occupied(o) if o.get().0 == id => Some((o.get().1, o.get().2.clone())),
            Entry::Occupied(_) => match self.collided.entry(id) {
                Entry::Occupied(o) => Some((o.get().0, o.get().1.clone())),
                Entry::Vacant(v) => {
                    v.insert((file, span));
                    None
                }
            },
        }
    }
}

/// Off only in tests that compare reading in pieces with reading every file whole.
pub(super) static IN_PIECES: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(true);

fn in_pieces() -> bool {
    IN_PIECES.load(std::sync::atomic::Ordering::Relaxed)
}

/// A task id's hash, for the duplicate check.
fn id_hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    BuildHasherDefault::<super::names::WordHash>::default().hash_one(id)
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Whether a line (with its line ending) is exactly a `[[tasks]]` header, the place
/// where one task's text ends and the next one's begins.
pub fn is_header(l: &str) -> bool {
    l.as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'[' | b' ' | b'\t'))
        && l.trim_start_matches([' ', '\t'])
            .strip_prefix("[[tasks]]")
            .is_some_and(|rest| {
                rest.chars()
                    .next()
                    .is_none_or(|c| matches!(c, ' ' | '\t' | '\r' | '\n' | '#'))
            })
}

/// The length of the piece at the start of `text`: up to the next header line after
/// its first line (the first piece of a file holds whatever precedes the first task).
fn piece_len(text: &str) -> usize {
    let mut at = 0;
    for l in text.split_inclusive('\n') {
        if at > 0 && is_header(l) {
            return at;
        }
        at += l.len();
    }
    text.len()
}

/// Gives each part the number of its first line in its file, so that the threads number
/// their tasks' lines as they read them (renumbering the tasks of every part but the
/// first afterwards, on one thread, walked over every task again). The lines of the
/// parts are counted on every core: a part ends with a line break (it is cut before a
/// header line), so the lines before a part are the line breaks before it.
fn number_lines(parts: &mut [Part<'_>]) {
    let count = |run: &[Part<'_>]| -> Vec<usize> {
        run.iter()
            .map(|p| crate::swar::count(p.text.as_bytes(), b'\n'))
            .collect()
    };
    // Small files are counted here: a thread would cost more (see `run_parts`).
    let bytes: usize = parts.iter().map(|p| p.text.len()).sum();
    let breaks: Vec<usize> = if bytes <= 4 * PART_BYTES {
        count(parts)
    } else {
        crate::par::map_runs(parts, 8, |_, _, run| count(run)).concat()
    };
    let mut line = 1;
    let mut file = None;
    for (part, breaks) in parts.iter_mut().zip(breaks) {
        if file != Some(part.file) {
            file = Some(part.file);
            line = 1;
        }
        part.line = line;
        line += breaks;
    }
}

/// Cuts a file into parts of about [`PART_BYTES`], each starting at a `[[tasks]]` line.
fn parts_of<'t>(f: &TaskFile<'t>) -> Vec<Part<'t>> {
    let text: &str = &f.source.text;
    let mut cuts = vec![0];
    let mut from = PART_BYTES;
    while from < text.len() {
        let Some(cut) = next_header(text, from) else {
            break;
        };
        cuts.push(cut);
        from = cut + PART_BYTES;
    }
    cuts.push(text.len());
    cuts.windows(2)
        .filter_map(|w| {
            let (&start, &end) = (w.first()?, w.get(1)?);
            Some(Part {
                file: f.file,
                source: f.source,
                offset: start,
                line: 1,
                text: text.get(start..end)?,
            })
        })
        .collect()
}

/// The start of the first `[[tasks]]` header line at or after `from` (a byte offset,
/// which may fall inside a character).
fn next_header(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    loop {
        let found = at + text.get(at..)?.find("\n[[tasks]]")? + 1;
        if is_header_at(text, found)? {
            return Some(found);
        }
        at = found;
    }
}

/// Whether the `[[tasks]]` at `at` (at a line's start) is the whole header: what
/// follows is a blank, a comment or the line's end. `None` if `at` is not in `text`.
fn is_header_at(text: &str, at: usize) -> Option<bool> {
    let rest = text.get(at + "[[tasks]]".len()..)?;
    Some(
        rest.chars()
            .next()
            .is_none_or(|c| matches!(c, ' ' | '\t' | '\r' | '\n' | '#')),
    )
}

/// Loads the parts on every core, each thread (this one among them) taking the next
/// part as it finishes one; the results keep the parts' order. If no helper thread can
/// be started, this thread does all the work.
///
/// Task files of a megabyte or less in all are read on this thread alone: starting a
/// thread (and asking the system how many cores there are, which reads the cgroup
/// files) cost more than reading the office's forty tasks.
fn run_parts(parts: &[Part<'_>], refs: &Refs<'_>) -> Vec<PartResult> {
    let bytes: usize = parts.iter().map(|p| p.text.len()).sum();
    let threads = if bytes <= PART_BYTES {
        1
    } else {
        crate::par::cores().min(parts.len())
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(part) = parts.get(i) else { break };
            mine.push((i, load_part(part, refs)));
        }
        mine
    };
    let mut done: Vec<(usize, PartResult)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| crate::par::builder().spawn_scoped(scope, work).ok())
            .collect();
        let mut done = work();
        for helper in helpers {
            done.extend(helper.join().unwrap_or_default());
        }
        done
    });
    done.sort_by_key(|(i, _)| *i);
    // A part whose thread died (a bug) is read again whole, on this thread, as not plain.
    let mut results: Vec<PartResult> = (0..parts.len()).map(|_| None).collect();
    for (i, r) in done {
        if let Some(slot) = results.get_mut(i) {
            *slot = r;
        }
    }
    results
}

/// An edit's new text of one task, at `offset` and line `line` of the task file `file`
/// (see `super::reread_task`): read as a part of that file is, and the task only when it
/// is all of `text`, alone, without a diagnostic.
pub fn reread(
    file: FileId,
    source: &Source,
    offset: usize,
    line: usize,
    text: &str,
    refs: &Refs<'_>,
) -> Option<Task> {
    let part = Part {
        file,
        source,
        offset,
        line,
        text,
    };
    let out = load_part(&part, refs)?;
    if !out.diags.is_empty() || !out.lone.is_empty() || out.tasks.len() != 1 {
        return None;
    }
    out.tasks.into_iter().next()
}

/// The tasks an edit of task `id` reads (see `super::load_for_edit`), from one scan of
/// the task files' text: the id found where it could be a task's id in one file only,
/// the run of that file from the `[[tasks]]` line before the first place up to the
/// second one after the last (the task's table and the next one at least, so that the
/// edit knows where its task's text ends; at most [`PART_BYTES`]) read as a part of the
/// file is, and one task with that id found in it, not the last read unless the file
/// ends there, without a single diagnostic. `None` for anything less plain, and the
/// caller loads every task.
///
/// Where else the id could be written, so that no duplicate goes unseen: a task's id
/// is a string of ASCII letters, digits and `-_.` once trimmed, so its bytes are
/// written between the string's quotes with nothing else but whitespace (see
/// [`could_be_an_id`]): unless an escape spells them (`\u0041`, a line-ending
/// backslash in a multi-line string), and a file with such an escape anywhere is not
/// scanned. The id written in running text (`与JH-01配合` in a note) is not a task's.
/// And the run read alone could be inside a multi-line string opened before it (where a
/// line may start with `[[tasks]]`), so a run with `"""` or `'''` before it is not.
pub fn load_around(files: &[TaskFile<'_>], id: &str, refs: &Refs<'_>) -> Option<Tasks> {
    if id.is_empty() || !id.bytes().all(is_id_byte) || !in_pieces() {
        return None;
    }
    let finder = memchr::memmem::Finder::new(id.as_bytes());
    let mut found: Option<(&TaskFile<'_>, Vec<usize>)> = None;
    for f in files {
        let hits = places_of(&f.source.text, &finder)?;
        match (&found, hits.is_empty()) {
            (_, true) => {}
            (None, false) => found = Some((f, hits)),
            // Written in two files.
            (Some(_), false) => return None,
        }
    }
    let (f, hits) = found?;
    let text: &str = &f.source.text;
    let (&first, &last) = (hits.first()?, hits.last()?);
    // From the piece of the first place to the piece after the last one's: the task's
    // id is one of the places, so its piece and the next one are in it, wherever else
    // (before it or after) the id is written as a string.
    let start = header_before(text, first).unwrap_or(0);
    let end = next_header(text, last)
        .and_then(|next| next_header(text, next + 1))
        .unwrap_or(text.len());
    let before = text.get(..start)?.as_bytes();
    if end - start > PART_BYTES
        || memchr::memmem::find(before, b"\"\"\"").is_some()
        || memchr::memmem::find(before, b"'''").is_some()
    {
        return None;
    }
    let part = Part {
        file: f.file,
        source: f.source,
        offset: start,
        line: 1 + crate::swar::count(before, b'\n'),
        text: text.get(start..end)?,
    };
    let out = load_part(&part, refs)?;
    let mut theirs = out.tasks.iter().enumerate().filter(|(_, t)| *t.id == *id);
    let (mine, twice) = (theirs.next()?.0, theirs.next().is_some());
    // The edit's text ends at the next task read: if none was, at the file's end.
    let next_read = mine + 1 < out.tasks.len() || end == text.len();
    (out.diags.is_empty() && out.lone.is_empty() && !twice && next_read)
        .then(|| Tasks::from_runs(vec![out.tasks]))
}

/// The bytes a task id is made of.
fn is_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
}

/// Whether the id's bytes at `at` in `text` could be a string's whole text, but for
/// whitespace (which the loader trims): a quote before them and one after, with only
/// whitespace between (written as it is, or as the escapes `\t`, `\n`, `\r`, `\f`).
/// Anything more is running text, or a longer id.
fn could_be_an_id(text: &str, at: std::ops::Range<usize>) -> bool {
    const BLANK_ESCAPES: [&str; 4] = ["\\t", "\\n", "\\r", "\\f"];
    let quote = |c: char| matches!(c, '"' | '\'');
    let mut before = text.get(..at.start).unwrap_or("");
    let opens = loop {
        before = before.trim_end_matches(char::is_whitespace);
        match BLANK_ESCAPES.iter().find_map(|e| before.strip_suffix(e)) {
            Some(rest) => before = rest,
            None => break before.chars().next_back().is_some_and(quote),
        }
    };
    let mut after = text.get(at.end..).unwrap_or("");
    opens
        && loop {
            after = after.trim_start_matches(char::is_whitespace);
            match BLANK_ESCAPES.iter().find_map(|e| after.strip_prefix(e)) {
                Some(rest) => after = rest,
                None => break after.chars().next().is_some_and(quote),
            }
        }
}

/// Where the id `finder` looks for is written in `text` so that it could be a task's
/// id, or `None` if an escape in `text` could spell it (see [`load_around`]). A big
/// file is scanned in two halves at once: a scan of 31 MB on one core was a sixth of an
/// edit of the 100,000th task.
fn places_of(text: &str, finder: &memchr::memmem::Finder<'_>) -> Option<Vec<usize>> {
    let len = text.len();
    let halves = if len < super::BIG_TEXT {
        vec![(0, len)]
    } else {
        vec![(0, len / 2), (len / 2, len)]
    };
    let found = crate::par::map_runs(&halves, 1, |_, _, runs| {
        runs.iter()
            .map(|&(start, end)| places_in(text, start..end, finder))
            .collect::<Option<Vec<_>>>()
    });
    let mut places = Vec::new();
    for run in found {
        places.extend(run?.into_iter().flatten());
    }
    Some(places)
}

/// [`places_of`] for the places that start within `run` of `text`.
fn places_in(
    text: &str,
    run: std::ops::Range<usize>,
    finder: &memchr::memmem::Finder<'_>,
) -> Option<Vec<usize>> {
    let bytes = text.as_bytes();
    if spells_by_escape(bytes, run.clone()) {
        return None;
    }
    let id = finder.needle().len();
    // The id may start in this run and end in the next.
    let window = bytes.get(run.start..(run.end + id).saturating_sub(1).min(bytes.len()))?;
    Some(
        finder
            .find_iter(window)
            .map(|at| run.start + at)
            .filter(|&at| could_be_an_id(text, at..at + id))
            .collect(),
    )
}

/// Whether `text` has an escape that could spell an id's letters: `\u`, `\U` and `\x`
/// (TOML 1.1), and a backslash before a space, tab or line break (a multi-line string
/// going on on the next line), for the backslashes within `run`. A `\\` before one of
/// those counts too: it does no harm to look at the whole file once more.
fn spells_by_escape(text: &[u8], run: std::ops::Range<usize>) -> bool {
    let Some(mine) = text.get(run.clone()) else {
        return true;
    };
    memchr::memchr_iter(b'\\', mine).any(|at| {
        text.get(run.start + at + 1)
            .is_some_and(|b| matches!(b, b'u' | b'U' | b'x' | b' ' | b'\t' | b'\r' | b'\n'))
    })
}

/// The start of the last `[[tasks]]` header line (as [`next_header`] finds them) that
/// starts before `at`, if any.
fn header_before(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = at.min(bytes.len());
    loop {
        let found = memchr::memmem::rfind(bytes.get(..end)?, b"\n[[tasks]]")? + 1;
        if is_header_at(text, found)? {
            return Some(found);
        }
        end = found - 1;
    }
}

/// One part: its pieces, each loaded alone. The fast path reads a piece and says where
/// it ended; a piece it gives up on is measured and goes to the parser.
fn load_part(part: &Part<'_>, refs: &Refs<'_>) -> PartResult {
    // A plain task takes some 300 bytes; reserving avoids regrowing a big vector.
    let mut out = PartOut {
        tasks: Vec::with_capacity(part.text.len() / 256),
        ids: Vec::with_capacity(part.text.len() / 256),
        ..PartOut::default()
    };
    // The file's name, shared by the part's tasks: one of its own for each part, so
    // that the threads do not count references to one name (one counter, written by
    // every core for every task).
    let file: std::sync::Arc<std::path::Path> = std::sync::Arc::from(&*part.source.rel);
    let keep = super::fast::Keep::new(&part.source.text);
    let mut scratch = super::fast::Scratch::default();
    let (mut at, mut line) = (0, part.line);
    while let Some(rest) = part.text.get(at..).filter(|r| !r.is_empty()) {
        if super::fast::enabled()
            && let Ok(read) =
                super::fast::task(rest, line, &file, refs, &keep, &mut scratch, &mut out.tasks)
            && let Some(task) = out.tasks.last()
        {
            let offset = part.offset + at;
            out.ids.push((
                read.id.start + offset..read.id.end + offset,
                id_hash(&task.id),
            ));
            at += read.len;
            line += read.lines;
            continue;
        }
        let len = piece_len(rest);
        let text = rest.get(..len).unwrap_or(rest);
        // The comments at the top of a file (no table, nothing to report), read without
        // a TOML parser: six of the thirteen documents the office's data made it parse.
        if super::fast::enabled() && super::fast::only_comments(text) {
            at += len;
            line += crate::swar::count(text.as_bytes(), b'\n');
            continue;
        }
        let chunk = Chunk {
            file: part.file,
            offset: part.offset + at,
            line,
            text,
        };
        let (l, d) = load_chunk(&chunk, part.source, refs)?;
        out.absorb(l);
        out.diags.extend(d);
        at += len;
        line += crate::swar::count(text.as_bytes(), b'\n');
    }
    // The room reserved for a part's tasks was a guess (a task in 256 bytes; most take
    // more): what is not used is given back (in place, without copying).
    out.tasks.shrink_to_fit();
    out.ids.shrink_to_fit();
    Some(out)
}

/// One chunk: parsed alone, its tasks built, every span moved to its place in the file.
fn load_chunk(
    chunk: &Chunk<'_>,
    source: &Source,
    refs: &Refs<'_>,
) -> Option<(Vec<Loaded>, Vec<Diagnostic>)> {
    let (doc, errors) = DeTable::parse_recoverable(chunk.text);
    if !errors.is_empty() {
        return None;
    }
    let doc = doc.into_inner();
    if doc.iter().any(|(k, _)| k.get_ref().as_ref() != "tasks") {
        return None;
    }
    // A piece is one `[[tasks]]` table, or (the first of a file) the comments before
    // the first one. Anything else in it (`tasks = […]` before the first header, a
    // `[[ tasks ]]` header written with spaces) is read with the whole file, which is
    // how TOML sees it: read alone, the piece might parse where the file does not.
    let tables: Vec<(&DeTable<'_>, Span)> =
        match (is_header(chunk.text), doc.get("tasks").map(|v| v.get_ref())) {
            (false, None) => Vec::new(),
            (true, Some(DeValue::Array(items))) if items.len() == 1 => {
                match items
                    .iter()
                    .next()
                    .map(|item| (item.get_ref(), item.span()))
                {
                    Some((DeValue::Table(t), span)) => vec![(t, span)],
                    _ => return None,
                }
            }
            _ => return None,
        };
    let mut diags = Vec::new();
    let loaded = tables
        .into_iter()
        .map(|(table, span)| {
            // The piece's one table starts on its first line (checked above).
            let origin = Origin {
                file: source.rel.clone(),
                line: chunk.line,
            };
            load_task(
                chunk.file,
                origin,
                chunk.offset,
                table,
                span,
                refs,
                &mut diags,
            )
        })
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
fn load_whole(
    file: FileId,
    source: &Source,
    refs: &Refs<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Loaded> {
    let Some((doc, span)) = super::parse(file, &source.text, diags) else {
        return Vec::new();
    };
    let mut top = Fields::file_top(
        file,
        &doc,
        span,
        msg::what_task_file(),
        TOP,
        &[("[[tasks]]", TASK)],
        diags,
    );
    let tables = top.tables("tasks");
    let diags = top.diags;
    tables
        .into_iter()
        .map(|(table, span)| {
            // The line alone: its column would be counted from the line's start, for
            // every task, and 150,000 tasks inline on one line took a minute.
            let origin = Origin {
                file: source.rel.clone(),
                line: source.line(span.start),
            };
            load_task(file, origin, 0, table, span, refs, diags)
        })
        .collect()
}

/// One task table, written at `origin`. `offset` is where the table's text starts in
/// the file; the spans of `table` and of the diagnostics pushed here are relative to it.
fn load_task(
    file: FileId,
    origin: Origin,
    offset: usize,
    table: &DeTable<'_>,
    span: Span,
    refs: &Refs<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Loaded {
    let mut f = Fields::new(file, table, span.clone(), msg::what_task(), TASK, diags);
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
            let guess = super::suggest::closest(
                s.value.trim(),
                Status::ALL.iter().flat_map(|(en, zh, _)| [*en, *zh]),
                1,
            );
            let mut d = Diagnostic::error(msg::unknown_status(&s.value))
                .at(file, s.span)
                .label(msg::not_a_status());
            d = match guess.first() {
                Some(g) => d.help(msg::did_you_mean_status(g, &msg::status_list())),
                None => d.help(msg::statuses_are(&msg::status_list())),
            };
            f.error(d);
            None
        }
    });
    let done_on = f.date("done_on");
    let repeat = f.choice("repeat", &Repeat::SPELLINGS);
    let done_through = f.date("done_through");
    let targets = f.str_list("targets");
    let outcome = f.str("outcome");
    let place = id
        .as_ref()
        .map_or_else(msg::what_task, |i| msg::place_task(i.value.trim()));
    let indicator_tables = f.tables("indicators");
    let indicators = load_indicators(file, indicator_tables, &place, f.diags);
    let original_due = f.date("original_due");
    let update_tables = f.tables("updates");
    // Each note with its `by`, resolved once the task's id is known (for the message).
    let mut updates = Vec::with_capacity(update_tables.len());
    let mut values_ok = true;
    for (t, s) in update_tables {
        let mut u = Fields::new(file, t, s, msg::what_update(), UPDATE, f.diags);
        let date = u.req_date("date");
        let note = u.req_str("note");
        let problems = u.str("problems");
        let next_steps = u.str("next_steps");
        let by = u.str("by");
        let values = u.table("values");
        let readings = values.map(|(table, _)| {
            let at = match &date {
                Some(d) => msg::place_note_of(d.value, &place),
                None => msg::place_a_note_of(&place),
            };
            load_values(file, table, &indicators, &at, u.diags)
        });
        if let (Some(date), Some(note)) = (date, note) {
            let mut update = Update::new(date.value, note.value);
            update.problems = problems.map(|p| p.value.into());
            update.next_steps = next_steps.map(|n| n.value.into());
            update.values = match readings {
                Some(Some(r)) => r,
                Some(None) => {
                    values_ok = false;
                    Vec::new()
                }
                None => Vec::new(),
            };
            updates.push((update, by));
        }
    }
    let fields_ok = f.ok() && values_ok;
    let indicators: Option<Vec<Indicator>> = indicators.into_iter().map(|i| i.indicator).collect();

    let Some(id) = id else {
        return Loaded {
            task: None,
            id: None,
        };
    };
    let tid = id.value.trim().to_owned();
    if !tid.bytes().all(is_id_byte) {
        diags.push(
            Diagnostic::error(msg::bad_task_id(&id.value))
                .at(file, id.span.clone())
                .label(msg::not_a_valid_task_id())
                .help(msg::task_id_like()),
        );
    }
    let id_span = id.span.start + offset..id.span.end + offset;

    let status_value = status.as_ref().map_or(Status::Todo, |s| s.value);
    let done_like = status_value == Status::Done;
    // A key that is written but was refused has had its error; the rules that need it
    // say nothing more (one error per mistake: a bad `repeat` is not also a
    // `done_through` "without repeat").
    let written = |key: &str| table.contains_key(key);
    match (&done_on, done_like) {
        (None, true) if status.is_some() && !written("done_on") => diags.push(
            Diagnostic::error(msg::done_without_done_on(&tid))
                .at(
                    file,
                    status.as_ref().map_or(span.clone(), |s| s.span.clone()),
                )
                .label(msg::status_is_done())
                .help(msg::add_done_on()),
        ),
        (Some(d), false) if status.is_some() || !written("status") => {
            let word = Text::new(
                i18n::status(status_value).get(crate::model::Lang::Zh),
                status_value.as_str(),
            );
            diags.push(
                Diagnostic::error(msg::done_on_but_not_done(&tid, &word))
                    .at(file, d.span.clone())
                    .label(msg::only_done_tasks_have_done_on())
                    .help(msg::set_done_or_remove_done_on()),
            )
        }
        _ => {}
    }
    if let (Some(dt), None) = (&done_through, &repeat)
        && !written("repeat")
    {
        diags.push(
            Diagnostic::error(msg::done_through_without_repeat(&tid))
                .at(file, dt.span.clone())
                .label(msg::only_for_repeating_tasks())
                .help(msg::add_repeat_or_remove()),
        );
    }
    if let (Some(r), None) = (&repeat, &due)
        && !written("due")
    {
        diags.push(
            Diagnostic::error(msg::repeat_without_due(&tid))
                .at(file, r.span.clone())
                .label(msg::repeats_from_what_date())
                .help(msg::add_first_due()),
        );
    }
    if let (Some(o), None) = (&original_due, &due)
        && !written("due")
    {
        diags.push(
            Diagnostic::error(msg::original_due_without_due(&tid))
                .at(file, o.span.clone())
                .label(msg::extended_to_when())
                .help(msg::original_due_help()),
        );
    }
    if let (Some(o), Some(d)) = (&original_due, &due)
        && o.value >= d.value
    {
        diags.push(
            Diagnostic::warning(msg::original_due_not_before(&tid, o.value, d.value))
                .at(file, o.span.clone())
                .label(msg::not_before_due())
                .help(msg::original_due_not_before_help()),
        );
    }
    if let (Some(s), Some(d)) = (&start, &due)
        && s.value > d.value
    {
        diags.push(
            Diagnostic::warning(msg::starts_after_due(&tid))
                .at(file, s.span.clone())
                .label(msg::start_after_due(s.value, d.value)),
        );
    }

    let group_idx = group
        .as_ref()
        .and_then(|g| refs.group(g, &msg::place_task(&tid), file, diags));
    let lead = lead_unit.as_ref().and_then(|u| {
        let place = || msg::place_in_task("lead_unit", &tid);
        refs.units.resolve_with(u, Kind::Unit, place, file, diags)
    });
    let unit_idx: Vec<usize> = units
        .iter()
        .filter_map(|u| {
            let place = || msg::place_in_task("units", &tid);
            refs.units.resolve_with(u, Kind::Unit, place, file, diags)
        })
        .collect();
    let owner_idx = owner.as_ref().and_then(|p| {
        let place = || msg::place_in_task("owner", &tid);
        refs.people
            .resolve_with(p, Kind::Person, place, file, diags)
    });
    let mut reporters_ok = true;
    let updates: Vec<Update> = updates
        .into_iter()
        .map(|(mut update, by)| {
            if let Some(by) = by {
                let at = msg::place_note_by(update.date, &tid);
                update.by = refs.reporter(&by, &at, file, diags);
                reporters_ok &= update.by.is_some();
            }
            update
        })
        .collect();
    let Some(indicators) = indicators.filter(|_| fields_ok) else {
        return Loaded {
            task: None,
            id: Some((Some(tid), id_span)),
        };
    };
    if !reporters_ok
        || (owner.is_some() && owner_idx.is_none())
        || (lead_unit.is_some() && lead.is_none())
    {
        return Loaded {
            task: None,
            id: Some((Some(tid), id_span)),
        };
    }
    let (Some(title), Some(group)) = (title, group_idx) else {
        return Loaded {
            task: None,
            id: Some((Some(tid), id_span)),
        };
    };
    let task = Task {
        id: tid.into(),
        title: title.value.into(),
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
        targets: targets.into_iter().map(|t| t.value.into()).collect(),
        outcome: outcome.map(|o| o.value.into()),
        original_due: original_due.map(|o| o.value),
        indicators,
        updates,
        origin,
    };
    Loaded {
        task: Some(task),
        id: Some((None, id_span)),
    }
}

/// An indicator as written: its name (normalised, to match readings by, and where it
/// is written), and the indicator when every key of it is right.
struct WrittenIndicator {
    key: Option<String>,
    /// The name as written, trimmed, for suggestions.
    name: Option<String>,
    span: Span,
    indicator: Option<Indicator>,
}

/// `[[tasks.indicators]]` of the task at `place`: each needs a name, unique within the
/// task (whitespace ignored, as names are matched), and a target above 0.
fn load_indicators(
    file: FileId,
    tables: Vec<(&DeTable<'_>, Span)>,
    place: &Text,
    diags: &mut Vec<Diagnostic>,
) -> Vec<WrittenIndicator> {
    let mut out: Vec<WrittenIndicator> = Vec::with_capacity(tables.len());
    for (t, s) in tables {
        let mut f = Fields::new(file, t, s.clone(), msg::what_indicator(), INDICATOR, diags);
        let name = f.req_str("name");
        let target = f.req_number("target");
        let unit = f.str("unit");
        if let Some(t) = target.as_ref().filter(|t| t.value <= 0.0) {
            let diag = Diagnostic::error(msg::target_not_positive(place, t.value))
                .at(file, t.span.clone())
                .label(msg::not_more_than_zero())
                .help(msg::target_help());
            f.error(diag);
        }
        let ok = f.ok();
        let key = name.as_ref().map(|n| super::normalize(&n.value));
        if let (Some(n), Some(k)) = (&name, &key)
            && let Some(first) = out.iter().find(|w| w.key.as_ref() == Some(k))
        {
            diags.push(
                Diagnostic::error(msg::two_indicators_named(place, n.value.trim()))
                    .at(file, n.span.clone())
                    .label(msg::named_again_here())
                    .also(msg::first_named_at(), file, first.span.clone())
                    .help(msg::indicator_names_unique()),
            );
            out.push(WrittenIndicator {
                key: None,
                name: None,
                span: n.span.clone(),
                indicator: None,
            });
            continue;
        }
        let indicator = match (ok, name.as_ref(), target) {
            (true, Some(n), Some(t)) => Some(Indicator {
                name: n.value.trim().to_owned(),
                target: t.value,
                unit: unit
                    .map(|u| u.value.trim().to_owned())
                    .filter(|u| !u.is_empty()),
            }),
            _ => None,
        };
        out.push(WrittenIndicator {
            key,
            name: name.as_ref().map(|n| n.value.trim().to_owned()),
            span: name.map_or(s, |n| n.span),
            indicator,
        });
    }
    out
}

/// The readings of a progress note (`values = { "新建货车司机工会" = 35 }`), `at` the
/// note. Each names an indicator of the task (whitespace ignored) once and gives a
/// number of 0 or more. `None` when something is wrong (reported); a reading of an
/// indicator that is itself wrong says nothing more.
fn load_values(
    file: FileId,
    table: &DeTable<'_>,
    indicators: &[WrittenIndicator],
    at: &Text,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Reading>> {
    let mut readings: Vec<(Reading, Span)> = Vec::with_capacity(table.len());
    let mut ok = true;
    for (key, value) in super::fields::in_file_order(table) {
        let name = key.get_ref().as_ref();
        let wanted = super::normalize(name);
        let Some(i) = indicators
            .iter()
            .position(|w| w.key.as_deref() == Some(wanted.as_str()))
        else {
            diags.push(unknown_indicator(file, name, key.span(), indicators, at));
            ok = false;
            continue;
        };
        let Some(indicator) = indicators.get(i).and_then(|w| w.indicator.as_ref()) else {
            ok = false;
            continue;
        };
        let what = msg::reading_of(&indicator.name, at);
        let quoted = format!("\"{}\"", indicator.name);
        let n = match super::fields::number(value.get_ref(), &what, &quoted) {
            Ok(n) => n,
            Err(problem) => {
                diags.push(problem.at(file, value.span()));
                ok = false;
                continue;
            }
        };
        if n < 0.0 {
            diags.push(
                Diagnostic::error(msg::reading_below_zero(&what, n))
                    .at(file, value.span())
                    .label(msg::below_zero())
                    .help(msg::reading_help()),
            );
            ok = false;
            continue;
        }
        if let Some((_, first)) = readings.iter().find(|(r, _)| r.indicator == i) {
            diags.push(
                Diagnostic::error(msg::reading_twice(at, &indicator.name))
                    .at(file, key.span())
                    .label(msg::given_again_here())
                    .also(msg::first_given_at(), file, first.clone())
                    .help(msg::keep_one_reading()),
            );
            ok = false;
            continue;
        }
        readings.push((
            Reading {
                indicator: i,
                value: n,
            },
            key.span(),
        ));
    }
    ok.then(|| readings.into_iter().map(|(r, _)| r).collect())
}

/// A reading for an indicator the task does not have: the nearest names, or how to add
/// one when the task has none.
fn unknown_indicator(
    file: FileId,
    name: &str,
    span: Span,
    indicators: &[WrittenIndicator],
    at: &Text,
) -> Diagnostic {
    let diag = Diagnostic::error(msg::unknown_indicator(name, at))
        .at(file, span)
        .label(msg::no_such_indicator());
    let keys: Vec<&str> = indicators.iter().filter_map(|w| w.key.as_deref()).collect();
    if keys.is_empty() {
        return diag.help(msg::no_indicators_help());
    }
    let names: Vec<&str> = super::suggest::names(&super::normalize(name), &keys)
        .into_iter()
        .filter_map(|k| {
            indicators
                .iter()
                .find(|w| w.key.as_deref() == Some(k))
                .and_then(|w| w.name.as_deref())
        })
        .take(super::suggest::SHOWN)
        .collect();
    let all: Vec<&str> = indicators
        .iter()
        .filter_map(|w| w.name.as_deref())
        .collect();
    diag.help(
        msg::did_you_mean_any(&names)
            .unwrap_or_else(|| msg::the_tasks_indicators_are(&msg::quoted_list(&all))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A big file is scanned in two halves: an id written across the cut is found once,
    /// and an escape in either half, or a backslash that ends the first, is seen.
    #[test]
    fn a_big_files_places_of_an_id_are_found_in_both_halves_and_across_the_cut() {
        let finder = memchr::memmem::Finder::new("JH-01");
        let filler = "# 任务的说明文字\n".repeat(super::super::BIG_TEXT / 20);
        let big = |middle: &str, end: &str| {
            let mut text = filler.clone();
            let half = (text.len() + middle.len() + filler.len() + end.len()) / 2;
            while text.len() + 2 < half {
                text.push('#');
            }
            text.push_str(middle);
            text.push_str(&filler);
            text.push_str(end);
            text
        };
        // The cut falls inside `"JH-01"` or just before or after it: each is found once.
        for shift in 0..9 {
            let text = big(
                &format!("{}\nid = \"JH-01\"\n", "#".repeat(shift)),
                "id = 'JH-01'\n",
            );
            let places = places_of(&text, &finder).unwrap();
            assert_eq!(places.len(), 2, "{shift}");
            for at in places {
                assert_eq!(text.get(at..at + 5), Some("JH-01"));
            }
        }
        let text = big("note = \"与JH-01配合\"\n", "");
        assert_eq!(places_of(&text, &finder), Some(Vec::new()));
        for (middle, end) in [
            ("", "note = \"\\u4e0e\"\n"),
            ("note = \"\\U0001F600\"\n", ""),
        ] {
            assert_eq!(
                places_of(&big(middle, end), &finder),
                None,
                "{middle:?} {end:?}"
            );
        }
        // The last byte of the first half a backslash, the first of the second a space.
        let n = super::super::BIG_TEXT;
        let text = format!("{}\\ {}", "#".repeat(n - 1), "#".repeat(n - 1));
        assert_eq!(text.get(n..n + 1), Some(" "));
        assert_eq!(places_of(&text, &finder), None);
    }

    /// A file of Chinese text is cut into parts even where the cut point falls inside a
    /// character (it once was read whole, on one core, whenever it did).
    #[test]
    fn chinese_files_are_cut_into_parts_at_task_headers() {
        let task = "[[tasks]]\nid = \"T\"\ntitle = \"在全省开展货车司机先进典型选树宣传\"\ngroup = \"g\"\n\n";
        let mut text = String::from("# 任务\n");
        while text.len() < 3 * PART_BYTES {
            text.push_str(task);
        }
        while text.is_char_boundary(PART_BYTES) {
            text.insert(0, '#');
        }
        let source = Source::new("tasks.toml".into(), "tasks.toml".into(), text.clone());
        let parts = parts_of(&TaskFile {
            file: 2,
            source: &source,
        });
        assert!(parts.len() >= 3, "{} parts", parts.len());
        assert_eq!(parts.iter().map(|p| p.text).collect::<String>(), text);
        for p in &parts {
            assert_eq!(text.get(p.offset..p.offset + p.text.len()), Some(p.text));
        }
        for p in parts.iter().skip(1) {
            assert!(p.text.starts_with("[[tasks]]\n"), "{:?}", &p.text[..20]);
        }
    }

    /// A duplicate id in a later part of a big file, in a task the fast path reads and
    /// in a broken one it does not: each reported once, against the first, and the
    /// duplicate task left out.
    #[test]
    fn duplicates_across_parts_are_caught() {
        let mut text = String::new();
        let mut i = 0;
        while text.len() < 3 * PART_BYTES {
            text.push_str(&format!(
                "[[tasks]]\nid = \"T-{i}\"\ntitle = \"在全省开展货车司机先进典型选树宣传\"\ngroup = \"g\"\n\n"
            ));
            i += 1;
        }
        text.push_str("[[tasks]]\nid = \"T-7\"\ntitle = \"again\"\ngroup = \"g\"\n\n");
        text.push_str("[[tasks]]\nid = \"T-8\"\ngroup = \"g\"\n");
        let dir = crate::load::tests::dir_with(&text);
        let failure = crate::load::load(dir.path()).unwrap_err();
        let messages: Vec<String> = failure
            .diagnostics
            .iter()
            .map(|d| d.render(&failure.sources, false, crate::model::Lang::En))
            .collect();
        let dups: Vec<&String> = messages
            .iter()
            .filter(|m| m.contains("duplicate task id"))
            .collect();
        assert_eq!(dups.len(), 2, "{messages:#?}");
        assert!(
            dups[0].contains("\"T-7\"") && dups[0].contains("tasks.toml:37:6"),
            "{}",
            dups[0]
        );
        assert!(
            dups[1].contains("\"T-8\"") && dups[1].contains("tasks.toml:42:6"),
            "{}",
            dups[1]
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("missing") && m.contains("title")),
            "{messages:#?}"
        );
    }

    /// Many ids are checked in two halves, by the hash's top bit: a repeat is found in
    /// either half, in a task's id or in a table that gave no task, and across parts.
    #[test]
    fn repeated_hashes_are_found_in_either_half() {
        use super::{PartOut, repeats_a_hash};
        let part = |hashes: std::ops::Range<u64>, top: u64| PartOut {
            ids: hashes.map(|h| (0..0, h | top)).collect(),
            ..PartOut::default()
        };
        let outs = |parts: Vec<PartOut>| -> Vec<(usize, PartOut)> {
            parts.into_iter().map(|p| (0, p)).collect()
        };
        let top = 1 << 63;
        let many = || vec![part(0..40_000, 0), part(0..40_000, top)];
        assert!(!repeats_a_hash(&outs(many()), 80_000), "no repeat");
        for again in [5, 5 | top] {
            let mut parts = many();
            parts.push(part(again..again + 1, 0));
            assert!(repeats_a_hash(&outs(parts), 80_001), "{again:#x} again");
        }
        let lone = super::id_hash("T-1");
        let mut parts = many();
        parts.push(part(lone..lone + 1, 0));
        parts.push(PartOut {
            lone: vec![(0, "T-1".to_owned(), 0..0)],
            ..PartOut::default()
        });
        assert!(
            repeats_a_hash(&outs(parts), 80_002),
            "a lone id's hash again"
        );
        // Few ids: one set.
        assert!(repeats_a_hash(&outs(vec![part(0..3, 0), part(2..3, 0)]), 4));
        assert!(!repeats_a_hash(
            &outs(vec![part(0..3, 0), part(0..3, top)]),
            6
        ));
    }

    /// Two ids with one hash are told apart; the same id twice is a duplicate.
    #[test]
    fn ids_with_equal_hashes_are_compared_by_their_text() {
        let (a, b, c) = (0..1, 2..3, 4..5);
        let mut ids = SeenIds::with_capacity(4);
        assert_eq!(ids.first("A", 7, 2, &a), None);
        assert_eq!(ids.first("B", 7, 2, &b), None, "same hash, other id");
        assert_eq!(ids.first("B", 7, 3, &c), Some((2, 2..3)));
        assert_eq!(ids.first("A", 7, 3, &c), Some((2, 0..1)));
        assert_eq!(ids.first("C", 8, 3, &c), None);
        assert_eq!(id_hash("T-1"), id_hash("T-1"));
        assert_ne!(id_hash("T-1"), id_hash("T-2"));
    }
}
