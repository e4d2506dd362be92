//! The fast path for task files: reads a `[[tasks]]` piece written in the plain style
//! almost every task file uses (`key = "string"`, `key = 2021-09-30`, `key = ["a", "b"]`,
//! comments, `[[tasks.updates]]`) straight into a [`Task`], without building a TOML tree.
//! Indicators (`[[tasks.indicators]]`, an update's `values = { … }`) are not that
//! style: a task that has them gives up here and is read by the parser.
//!
//! It is all or nothing: the moment anything is unusual or wrong (another TOML form, an
//! unknown key, a bad reference, anything that would earn a diagnostic, even a warning)
//! it gives up, and the piece goes through the ordinary parser, which reports exactly
//! what it always did. So it never has to produce a message, only valid tasks.

use super::Refs;
use crate::model::{Origin, Repeat, Reporter, Status, Str, Task, Update, trim};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

/// Off only in tests that compare the two paths.
static ENABLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

pub fn enabled() -> bool {
    ENABLED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Gives up: the ordinary path takes the piece.
#[derive(Debug)]
pub struct Unusual;

/// One value of the plain style; strings borrow from the file unless they had escapes.
enum Value<'t> {
    Str(Cow<'t, str>),
    Date(NaiveDate),
    /// Its items, in [`Scratch::items`].
    List(std::ops::Range<usize>),
}

/// Room a part's tasks are read in, one after another, cleared for each: the items of
/// their lists and their progress notes, before they are built into the task (a vector
/// of each, made and dropped for every task, was a tenth of the fast path).
#[derive(Default)]
pub struct Scratch<'t> {
    items: Vec<Cow<'t, str>>,
    updates: Vec<RawUpdate<'t>>,
}

/// The keys of a task, each at most once.
#[derive(Default)]
struct Raw<'t> {
    id: Option<Cow<'t, str>>,
    title: Option<Cow<'t, str>>,
    group: Option<Cow<'t, str>>,
    lead_unit: Option<Cow<'t, str>>,
    units: Option<std::ops::Range<usize>>,
    owner: Option<Cow<'t, str>>,
    start: Option<NaiveDate>,
    due: Option<NaiveDate>,
    status: Option<Cow<'t, str>>,
    done_on: Option<NaiveDate>,
    repeat: Option<Cow<'t, str>>,
    done_through: Option<NaiveDate>,
    targets: Option<std::ops::Range<usize>>,
    outcome: Option<Cow<'t, str>>,
    original_due: Option<NaiveDate>,
}

/// The keys of a progress note, each at most once.
#[derive(Default)]
struct RawUpdate<'t> {
    date: Option<NaiveDate>,
    note: Option<Cow<'t, str>>,
    problems: Option<Cow<'t, str>>,
    next_steps: Option<Cow<'t, str>>,
    by: Option<Cow<'t, str>>,
}

/// Sets a key once; a second time is unusual (the ordinary path reports the duplicate).
fn once<T>(slot: &mut Option<T>, value: T) -> Result<(), Unusual> {
    if slot.is_some() {
        return Err(Unusual);
    }
    *slot = Some(value);
    Ok(())
}

fn string(v: Value<'_>) -> Result<Cow<'_, str>, Unusual> {
    match v {
        Value::Str(s) => Ok(s),
        _ => Err(Unusual),
    }
}

fn date(v: Value<'_>) -> Result<NaiveDate, Unusual> {
    match v {
        Value::Date(d) => Ok(d),
        _ => Err(Unusual),
    }
}

fn list(v: Value<'_>) -> Result<std::ops::Range<usize>, Unusual> {
    match v {
        Value::List(l) => Ok(l),
        _ => Err(Unusual),
    }
}

/// A task the fast path read (and pushed onto the tasks given).
pub struct Read {
    /// The id's value, in bytes from the start of the text given.
    pub id: std::ops::Range<usize>,
    /// How many bytes and lines of the text the task took.
    pub len: usize,
    pub lines: usize,
}

/// Reads the task at the start of `text`, which must begin with a `[[tasks]]` line, up
/// to the next such line. `line` is the number of its first line (as the caller counts).
///
/// One pass over the bytes, line by line: each line is blank, a comment, a
/// `[[tasks.updates]]` header or `key = value`, each with optional indentation, trailing
/// blanks and comment. (Splitting into lines first and trimming them took a quarter of
/// the load of a 100,000-task file.)
///
/// The task is pushed onto `tasks` (built in its place there, not moved through the
/// callers: 300 bytes copied three times a task); `scratch` is room to read it in.
pub fn task<'t>(
    text: &'t str,
    line: usize,
    file: &Arc<Path>,
    refs: &Refs<'_>,
    keep: &Keep,
    scratch: &mut Scratch<'t>,
    tasks: &mut Vec<Task>,
) -> Result<Read, Unusual> {
    let mut raw = Raw::default();
    scratch.items.clear();
    scratch.updates.clear();
    let mut in_update = false;
    let mut id_span = 0..0;
    let mut s = Scan { text, at: 0 };
    s.skip_blanks();
    if !s.eat(b"[[tasks]]") {
        return Err(Unusual);
    }
    s.end_of_line()?;
    let mut count = 1;
    while let Some(rest) = text.get(s.at..).filter(|r| !r.is_empty()) {
        // Most lines start with a key: told apart by their first byte, without a call.
        if matches!(rest.as_bytes().first(), Some(b'[' | b' ' | b'\t'))
            && super::tasks::is_header(rest)
        {
            break;
        }
        count += 1;
        s.skip_blanks();
        match s.peek() {
            None | Some(b'#' | b'\n' | b'\r') => {
                s.end_of_line()?;
                continue;
            }
            Some(b'[') => {
                if !s.eat(b"[[tasks.updates]]") {
                    return Err(Unusual);
                }
                s.end_of_line()?;
                scratch.updates.push(RawUpdate::default());
                in_update = true;
                continue;
            }
            Some(_) => {}
        }
        let key = s.key()?;
        // ` = `, as nearly every line writes it, in one look; else any blanks around.
        if !s.eat(b" = ") {
            s.skip_blanks();
            if !s.eat(b"=") {
                return Err(Unusual);
            }
        }
        s.skip_blanks();
        let value_start = s.at;
        let (value, after) = value(text.get(s.at..).ok_or(Unusual)?, &mut scratch.items)?;
        s.at = text.len() - after.len();
        if key == "id" && !in_update {
            id_span = value_start..s.at;
        }
        s.end_of_line()?;
        if in_update {
            let Some(update) = scratch.updates.last_mut() else {
                return Err(Unusual);
            };
            match key {
                "date" => once(&mut update.date, date(value)?)?,
                "note" => once(&mut update.note, string(value)?)?,
                "problems" => once(&mut update.problems, string(value)?)?,
                "next_steps" => once(&mut update.next_steps, string(value)?)?,
                "by" => once(&mut update.by, string(value)?)?,
                _ => return Err(Unusual),
            }
            continue;
        }
        match key {
            "id" => once(&mut raw.id, string(value)?)?,
            "title" => once(&mut raw.title, string(value)?)?,
            "group" => once(&mut raw.group, string(value)?)?,
            "lead_unit" => once(&mut raw.lead_unit, string(value)?)?,
            "units" => once(&mut raw.units, list(value)?)?,
            "owner" => once(&mut raw.owner, string(value)?)?,
            "start" => once(&mut raw.start, date(value)?)?,
            "due" => once(&mut raw.due, date(value)?)?,
            "status" => once(&mut raw.status, string(value)?)?,
            "done_on" => once(&mut raw.done_on, date(value)?)?,
            "repeat" => once(&mut raw.repeat, string(value)?)?,
            "done_through" => once(&mut raw.done_through, date(value)?)?,
            "targets" => once(&mut raw.targets, list(value)?)?,
            "outcome" => once(&mut raw.outcome, string(value)?)?,
            "original_due" => once(&mut raw.original_due, date(value)?)?,
            _ => return Err(Unusual),
        }
    }
    tasks.push(build(raw, line, file, refs, keep, scratch)?);
    Ok(Read {
        id: id_span,
        len: s.at,
        lines: count,
    })
}

/// How the strings of a task are kept: borrowed from the file's text when that text
/// lives as long as the process (a command's load, [`crate::load::load_for_process`]),
/// else copied (every other load, whose text goes when the load does).
pub struct Keep {
    whole: Option<&'static str>,
}

impl Keep {
    /// For a piece of `text`, the text of a whole file.
    pub fn new(text: &Str) -> Keep {
        Keep {
            whole: match text {
                Cow::Borrowed(whole) => Some(whole),
                Cow::Owned(_) => None,
            },
        }
    }

    /// `s`, a slice of the file's text (or of a copy of it with escapes undone).
    fn cow(&self, s: Cow<'_, str>) -> Str {
        match s {
            Cow::Borrowed(s) => self.str(s),
            Cow::Owned(s) => Cow::Owned(s),
        }
    }

    /// `s` borrowed from the file's text if it is a slice of it, else copied.
    fn str(&self, s: &str) -> Str {
        if let Some(whole) = self.whole {
            let start = s.as_ptr().addr().wrapping_sub(whole.as_ptr().addr());
            if let Some(kept) = whole.get(start..start.wrapping_add(s.len()))
                && std::ptr::eq(kept.as_ptr(), s.as_ptr())
            {
                return Cow::Borrowed(kept);
            }
        }
        Cow::Owned(s.to_owned())
    }
}

/// The bytes of a bare key: ASCII letters, digits, `_` and `-`.
// Indexed below 256, the table's length, at compile time.
#[allow(clippy::indexing_slicing)]
const KEY_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'-');
        b += 1;
    }
    table
};

/// Where the fast path is in the text of a piece.
struct Scan<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Scan<'t> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.text.as_bytes().get(self.at + ahead).copied()
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    /// Steps over `expected` if the text continues with it.
    fn eat(&mut self, expected: &[u8]) -> bool {
        let here = self.text.as_bytes().get(self.at..).unwrap_or_default();
        if here.starts_with(expected) {
            self.at += expected.len();
            true
        } else {
            false
        }
    }

    /// A bare key: ASCII letters, digits, `_` and `-` (a byte looked up in a table:
    /// testing the ranges byte by byte was a sixth of the fast path).
    fn key(&mut self) -> Result<&'t str, Unusual> {
        let start = self.at;
        let rest = self.text.as_bytes().get(start..).unwrap_or_default();
        self.at += rest
            .iter()
            .position(|&b| !KEY_BYTES.get(usize::from(b)).copied().unwrap_or(false))
            .unwrap_or(rest.len());
        match self.text.get(start..self.at) {
            Some(key) if !key.is_empty() => Ok(key),
            _ => Err(Unusual),
        }
    }

    /// What may follow a value or header: blanks, a comment without control characters
    /// (but tab), then the line ending (`\n` or `\r\n`) or the end of the text. Leaves
    /// the cursor at the start of the next line.
    fn end_of_line(&mut self) -> Result<(), Unusual> {
        // Most lines end right after their value.
        if self.peek() == Some(b'\n') {
            self.at += 1;
            return Ok(());
        }
        self.skip_blanks();
        if self.peek() == Some(b'#') {
            while let Some(b) = self.peek() {
                if b == b'\n' || (b == b'\r' && self.peek_at(1) == Some(b'\n')) {
                    break;
                }
                if (b < b' ' && b != b'\t') || b == 0x7f {
                    return Err(Unusual);
                }
                self.at += 1;
            }
        }
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.at += 1;
                Ok(())
            }
            Some(b'\r') if self.peek_at(1) == Some(b'\n') => {
                self.at += 2;
                Ok(())
            }
            Some(_) => Err(Unusual),
        }
    }
}

/// Whether `text` holds nothing but blank lines and comments without control characters
/// (but tab): what TOML reads as an empty document, with nothing to report.
pub fn only_comments(text: &str) -> bool {
    let mut s = Scan { text, at: 0 };
    while s.at < text.len() {
        if s.end_of_line().is_err() {
            return false;
        }
    }
    true
}

/// The checks of `tasks::load_task`, each failure giving up instead of reporting.
fn build<'t>(
    raw: Raw<'t>,
    line: usize,
    file: &Arc<Path>,
    refs: &Refs<'_>,
    keep: &Keep,
    scratch: &mut Scratch<'t>,
) -> Result<Task, Unusual> {
    fn non_empty(s: Option<Cow<'_, str>>) -> Result<Cow<'_, str>, Unusual> {
        s.filter(|s| !trim(s).is_empty()).ok_or(Unusual)
    }
    let id = non_empty(raw.id)?;
    let title = keep.cow(non_empty(raw.title)?);
    let group = non_empty(raw.group)?;
    let id = match id {
        Cow::Borrowed(id) => keep.str(trim(id)),
        Cow::Owned(id) => Cow::Owned(trim(&id).to_owned()),
    };
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(Unusual);
    }
    let status = match &raw.status {
        Some(s) => Status::parse(s).ok_or(Unusual)?,
        None => Status::Todo,
    };
    if (status == Status::Done) != raw.done_on.is_some() {
        return Err(Unusual);
    }
    let repeat = match &raw.repeat {
        Some(r) => Some(Repeat::parse(r).ok_or(Unusual)?),
        None => None,
    };
    if (raw.done_through.is_some() && repeat.is_none()) || (repeat.is_some() && raw.due.is_none()) {
        return Err(Unusual);
    }
    if matches!((raw.start, raw.due), (Some(s), Some(d)) if s > d) {
        return Err(Unusual);
    }
    // Without `due`, or not before it: an error or a warning.
    if raw
        .original_due
        .is_some_and(|o| raw.due.is_none_or(|d| o >= d))
    {
        return Err(Unusual);
    }
    let one = |found: &[usize]| match found {
        [one] => Ok(*one),
        _ => Err(Unusual),
    };
    let group = *refs.group_ids.get(trim(&group)).ok_or(Unusual)?;
    let lead_unit = match &raw.lead_unit {
        Some(u) => Some(one(refs.units.lookup(u))?),
        None => None,
    };
    // Into a vector of their number, in a plain loop: collected through `Result`, the
    // vector knew no size and grew from room for four.
    let unit_names = items(scratch, raw.units)?;
    let mut units = Vec::with_capacity(unit_names.len());
    for u in unit_names {
        units.push(one(refs.units.lookup(u))?);
    }
    let owner = match &raw.owner {
        Some(p) => Some(one(refs.people.lookup(p))?),
        None => None,
    };
    // Into a vector of their number: collected in place, the notes would keep the room
    // the raw notes grew to (four a task), a tenth of the memory of 100,000 tasks.
    let mut updates = Vec::with_capacity(scratch.updates.len());
    let built = scratch.updates.drain(..).map(|u| match (u.date, u.note) {
        (Some(date), Some(note)) if !trim(&note).is_empty() => {
            let by = match &u.by {
                Some(r) => Some(match (refs.units.lookup(r), refs.people.lookup(r)) {
                    ([unit], []) => Reporter::Unit(*unit),
                    ([], [person]) => Reporter::Person(*person),
                    _ => return Err(Unusual),
                }),
                None => None,
            };
            Ok(Update {
                date,
                note: keep.cow(note),
                problems: u.problems.map(|p| keep.cow(p)),
                next_steps: u.next_steps.map(|n| keep.cow(n)),
                by,
                values: Vec::new(),
            })
        }
        _ => Err(Unusual),
    });
    for update in built {
        updates.push(update?);
    }
    Ok(Task {
        id,
        title,
        group,
        lead_unit,
        units,
        owner,
        start: raw.start,
        due: raw.due,
        status,
        done_on: raw.done_on,
        repeat,
        done_through: raw.done_through,
        targets: items(scratch, raw.targets)?
            .iter()
            .map(|t| keep.cow(t.clone()))
            .collect(),
        outcome: raw.outcome.map(|o| keep.cow(o)),
        original_due: raw.original_due,
        // `[[tasks.indicators]]` and `values` are left to the ordinary path.
        indicators: Vec::new(),
        updates,
        origin: Origin {
            file: Arc::clone(file),
            line,
        },
    })
}

/// The items of a list read into `scratch` (none for a list not written).
fn items<'s, 't>(
    scratch: &'s Scratch<'t>,
    list: Option<std::ops::Range<usize>>,
) -> Result<&'s [Cow<'t, str>], Unusual> {
    scratch.items.get(list.unwrap_or_default()).ok_or(Unusual)
}

/// A value at the start of `s`, and what follows it; a list's items go on `items`.
fn value<'t>(s: &'t str, items: &mut Vec<Cow<'t, str>>) -> Result<(Value<'t>, &'t str), Unusual> {
    match s.as_bytes().first() {
        Some(b'"') | Some(b'\'') => {
            let (text, rest) = quoted(s)?;
            Ok((Value::Str(text), rest))
        }
        Some(b'[') => {
            let start = items.len();
            let mut rest = s.get(1..).ok_or(Unusual)?.trim_start_matches([' ', '\t']);
            loop {
                if let Some(after) = rest.strip_prefix(']') {
                    return Ok((Value::List(start..items.len()), after));
                }
                let (item, after) = quoted(rest)?;
                items.push(item);
                let after = after.trim_start_matches([' ', '\t']);
                rest = match after.strip_prefix(',') {
                    Some(r) => r.trim_start_matches([' ', '\t']),
                    None if after.starts_with(']') => after,
                    None => return Err(Unusual),
                };
            }
        }
        Some(b'0'..=b'9') => {
            let text = s.get(..10).ok_or(Unusual)?;
            let rest = s.get(10..).ok_or(Unusual)?;
            let b = text.as_bytes();
            let digits = |r: std::ops::Range<usize>| {
                b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            };
            if !(digits(0..4)
                && b.get(4) == Some(&b'-')
                && digits(5..7)
                && b.get(7) == Some(&b'-')
                && digits(8..10))
            {
                return Err(Unusual);
            }
            // A date-time, an offset or anything glued on is for the ordinary path.
            if !(rest.is_empty() || rest.starts_with([' ', '\t', '#', '\r', '\n'])) {
                return Err(Unusual);
            }
            let num = |r: std::ops::Range<usize>| {
                b.get(r).map_or(0, |d| {
                    d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'))
                })
            };
            let year = i32::try_from(num(0..4)).map_err(|_| Unusual)?;
            let date = NaiveDate::from_ymd_opt(year, num(5..7), num(8..10))
                .filter(|&d| crate::model::date_in_range(d))
                .ok_or(Unusual)?;
            Ok((Value::Date(date), rest))
        }
        _ => Err(Unusual),
    }
}

/// Where a string's plain run of characters stops: the first `quote`, backslash or
/// control character in `bytes` ([`crate::swar::find_control_or`], sixteen bytes at a
/// time). The fast path's property tests compare what it reads with the parser's.
fn string_stop(bytes: &[u8], quote: u8) -> Option<usize> {
    crate::swar::find_control_or(bytes, [quote, b'\\', 0x7f])
}

/// A one-line basic (`"…"`) or literal (`'…'`) string at the start of `s`. Multi-line
/// strings and unusual escapes give up.
fn quoted(s: &str) -> Result<(Cow<'_, str>, &str), Unusual> {
    if s.starts_with("\"\"\"") || s.starts_with("'''") {
        return Err(Unusual);
    }
    let quote = match s.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => q,
        _ => return Err(Unusual),
    };
    // Most strings have no escapes: borrow them from the file.
    let body = s.get(1..).ok_or(Unusual)?;
    if let Some(end) = string_stop(body.as_bytes(), quote)
        && body.as_bytes().get(end) == Some(&quote)
        && let (Some(text), Some(rest)) = (body.get(..end), body.get(end + 1..))
    {
        return Ok((Cow::Borrowed(text), rest));
    }
    let quote = char::from(quote);
    let mut chars = s.char_indices();
    chars.next();
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            // A literal string holds its text as written: borrowed, like one without escapes.
            c if c == quote && quote == '\'' => {
                return Ok((
                    Cow::Borrowed(s.get(1..i).ok_or(Unusual)?),
                    s.get(i + 1..).ok_or(Unusual)?,
                ));
            }
            c if c == quote => return Ok((Cow::Owned(out), s.get(i + 1..).ok_or(Unusual)?)),
            '\\' if quote == '"' => {
                let escaped = match chars.next() {
                    Some((_, '"')) => '"',
                    Some((_, '\\')) => '\\',
                    Some((_, 'n')) => '\n',
                    Some((_, 't')) => '\t',
                    Some((_, 'r')) => '\r',
                    Some((_, 'b')) => '\u{8}',
                    Some((_, 'f')) => '\u{c}',
                    Some((_, 'e')) => '\u{1b}',
                    Some((_, u @ ('u' | 'U'))) => {
                        let n = if u == 'u' { 4 } else { 8 };
                        let mut code = 0u32;
                        for _ in 0..n {
                            let d = chars
                                .next()
                                .and_then(|(_, h)| h.to_digit(16))
                                .ok_or(Unusual)?;
                            code = code * 16 + d;
                        }
                        char::from_u32(code).ok_or(Unusual)?
                    }
                    _ => return Err(Unusual),
                };
                out.push(escaped);
            }
            c if (c < ' ' && c != '\t') || c == '\u{7f}' => return Err(Unusual),
            c => out.push(c),
        }
    }
    Err(Unusual)
}

#[cfg(test)]
mod tests {
    //! The fast path must give exactly what the ordinary path gives, or give up.

    use super::{ENABLED, Keep, Str};
    use proptest::prelude::*;
    use std::borrow::Cow;
    use std::path::{Path, PathBuf};
    use std::sync::atomic::Ordering;

    /// Loads a directory three ways: as wg does (in pieces, the fast path first), in
    /// pieces through the parser alone, and every file whole through the parser. The
    /// Debug text of the three results must be equal; returns the first and the others
    /// joined, to compare.
    fn every_way(dir: &Path) -> (String, String) {
        use crate::load::tasks::IN_PIECES;
        // Serialised: the switches are global.
        static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let load = |fast: bool, pieces: bool| {
            ENABLED.store(fast, Ordering::Relaxed);
            IN_PIECES.store(pieces, Ordering::Relaxed);
            let out = format!("{:?}", crate::load::load(dir));
            ENABLED.store(true, Ordering::Relaxed);
            IN_PIECES.store(true, Ordering::Relaxed);
            out
        };
        let fast = load(true, true);
        // The same with the text kept for the process and the strings borrowed from it
        // (the text of these small directories is never freed).
        let kept = format!(
            "{:?}",
            crate::load::load_keeping(
                dir,
                Default::default(),
                &|_| true,
                crate::load::Meetings::Read,
                None
            )
        );
        if kept != fast {
            return (format!("kept:\n{kept}"), fast);
        }
        let pieces = load(false, true);
        let whole = load(false, false);
        if pieces == whole {
            (fast, pieces)
        } else {
            (fast, format!("in pieces:\n{pieces}\n\nwhole:\n{whole}"))
        }
    }

    fn data_dirs(root: &Path, out: &mut Vec<PathBuf>) {
        if root.join("org.toml").is_file() {
            out.push(root.to_path_buf());
        }
        if let Ok(entries) = std::fs::read_dir(root) {
            for e in entries.flatten() {
                if e.path().is_dir() {
                    data_dirs(&e.path(), out);
                }
            }
        }
    }

    #[test]
    fn fast_path_agrees_with_the_parser_on_every_data_dir_in_the_repo() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = Vec::new();
        for top in ["data", "examples", "tests/fixtures", "tests/catalogue"] {
            data_dirs(&root.join(top), &mut dirs);
        }
        assert!(dirs.len() > 5, "found the fixtures");
        for dir in dirs {
            let (fast, slow) = every_way(&dir);
            assert_eq!(fast, slow, "{}", dir.display());
        }
    }

    /// The top of a file, before its first `[[tasks]]`: comments and blank lines are
    /// read without the parser, anything else (a control character in a comment, a
    /// lone carriage return, a key) with it, and either way as the parser reads it.
    #[test]
    fn the_top_of_a_file_loads_the_same_every_way() {
        let task = "[[tasks]]\nid = \"A\"\ntitle = \"t\"\ngroup = \"g\"\n";
        for top in [
            "",
            "\n",
            "# c\n",
            "  \t# 注释\r\n\n",
            "#\n#\n\n  \n",
            "# a\u{1b}b\n",
            "# a\u{7f}\n",
            "# a\rb\n",
            "\r\n\r",
            "# c\ttab\n",
            "x = 1\n",
            "# c\n[org]\n",
            "\u{feff}# bom\n",
            "# \u{85} \u{2028}\n",
        ] {
            let text = format!("{top}{task}");
            let dir = dir_with(&text);
            let (fast, slow) = every_way(dir.path());
            assert_eq!(fast, slow, "{text:?}");
        }
        assert!(super::only_comments("# c\n\n\t # d\r\n"));
        assert!(super::only_comments(""));
        for not in ["# c\u{1}\n", "#\r", "x\n", "# c\n[[tasks]]\n"] {
            assert!(!super::only_comments(not), "{not:?}");
        }
    }

    const BASE: &str = "[[tasks]]\nid = \"T-1\"  # the id\ntitle = 'a \\ title'\ngroup = \"g\"\nowner = \"张 柯\"\nunits = [\"u1\", 'u2',]\ndue = 2024-01-31\nrepeat = \"monthly\"\ndone_through = 2024-02-29\nstatus = \"进行中\"\ntargets = [\"快递员\"]\noriginal_due = 2024-01-15\n\n[[tasks.updates]]\ndate = 2024-02-01\nnote = \"x\\u00e9\\n\"\nproblems = \"p\"\nnext_steps = ''\nby = \"u1\"\n\n[[tasks.updates]]\ndate = 2024-02-02\nnote = \"y\"\nby = \"张 柯\"\n";

    use crate::load::tests::dir_with;

    #[test]
    fn the_plain_style_takes_the_fast_path() {
        let dir = dir_with(BASE);
        let mut people = crate::load::names::NameIndex::new();
        people.add(
            crate::i18n::Text::verbatim("张柯"),
            "张柯",
            "张柯",
            ["张柯"],
        );
        let mut units = crate::load::names::NameIndex::new();
        units.add(crate::i18n::Text::verbatim("u1"), "u1", "u1", ["u1"]);
        units.add(crate::i18n::Text::verbatim("u2"), "u2", "u2", ["u2"]);
        let group_ids: crate::load::names::FastMap<String, usize> =
            [("g".to_owned(), 0)].into_iter().collect();
        let broken = std::collections::HashSet::new();
        let refs = crate::load::Refs {
            people: &people,
            units: &units,
            group_ids: &group_ids,
            groups: &[],
            groups_complete: true,
            broken_groups: &broken,
        };
        let file = std::sync::Arc::from(Path::new("tasks.toml"));
        // The text kept for the process: strings borrowed from it, but those that had
        // escapes (the first note's); else every string copied.
        // One `&'static str` (each use of a `const` may be a copy of its own).
        let base: &'static str = BASE;
        // One room for both reads, as for the tasks of a part.
        let mut scratch = super::Scratch::default();
        let mut tasks = Vec::new();
        super::task(
            base,
            1,
            &file,
            &refs,
            &Keep::new(&Cow::Borrowed(base)),
            &mut scratch,
            &mut tasks,
        )
        .unwrap();
        let kept = tasks.pop().unwrap();
        let borrowed = |s: &Str| matches!(s, Cow::Borrowed(b) if base.as_bytes().as_ptr_range().contains(&b.as_ptr()));
        assert!(borrowed(&kept.id) && borrowed(&kept.title));
        assert!(borrowed(&kept.targets[0]) && borrowed(&kept.updates[1].note));
        assert!(!borrowed(&kept.updates[0].note));
        let owned = Cow::Owned(BASE.to_owned());
        let read = super::task(
            BASE,
            1,
            &file,
            &refs,
            &Keep::new(&owned),
            &mut scratch,
            &mut tasks,
        )
        .unwrap();
        let task = tasks.pop().unwrap();
        assert!(tasks.is_empty(), "one task pushed a read");
        assert!(matches!(task.title, Cow::Owned(_)));
        assert!(task.updates.iter().all(|u| matches!(u.note, Cow::Owned(_))));
        assert_eq!(task, kept);
        assert_eq!(BASE.get(read.id), Some("\"T-1\""));
        assert_eq!(read.len, BASE.len());
        assert_eq!(task.title, "a \\ title");
        assert_eq!(task.updates[0].note, "x\u{e9}\n");
        assert_eq!(task.updates[0].problems.as_deref(), Some("p"));
        assert_eq!(task.updates[0].next_steps.as_deref(), Some(""));
        assert_eq!(task.updates[0].by, Some(crate::model::Reporter::Unit(0)));
        assert_eq!(task.updates[1].by, Some(crate::model::Reporter::Person(0)));
        assert_eq!(
            task.original_due,
            chrono::NaiveDate::from_ymd_opt(2024, 1, 15)
        );
        let (fast, slow) = every_way(dir.path());
        assert_eq!(fast, slow);
    }

    /// Text before the first `[[tasks]]` that is not a comment, or a header written
    /// another way, makes the file's pieces mean something else than the file: such a
    /// file is read whole, as TOML reads it.
    #[test]
    fn what_is_only_valid_in_pieces_is_read_whole() {
        let task = "[[tasks]]\nid = \"A\"\ntitle = \"t\"\ngroup = \"g\"\n";
        for text in [
            format!("tasks = []\n{task}"),
            format!("tasks = [{{id = \"Z\", title = \"z\", group = \"g\"}}]\n{task}"),
            format!("# c\n\n{task}[[ tasks ]]\nid = \"B\"\ntitle = \"t\"\ngroup = \"g\"\n"),
            format!("{task}\n# the end\n"),
        ] {
            let dir = dir_with(&text);
            let (fast, others) = every_way(dir.path());
            assert_eq!(fast, others, "{text}");
        }
    }

    /// A file big enough to be cut into parts, plain, then with a multi-line string
    /// that holds a `[[tasks]]` line right where a cut falls.
    #[test]
    fn big_files_cut_into_parts_load_the_same_every_way() {
        let mut text = String::from("# many tasks\n");
        for i in 0..25_000 {
            text.push_str(&format!(
                "[[tasks]]\nid = \"T-{i}\"\ntitle = \"任务 {i} with a longer title to fill the file\"\ngroup = \"g\"\nunits = [\"u1\", \"u2\"]\ndue = 2024-01-{:02}\nstatus = \"todo\"\n\n",
                i % 28 + 1
            ));
        }
        assert!(text.len() > 2 * super::super::tasks::PART_BYTES);
        let dir = dir_with(&text);
        let (fast, slow) = every_way(dir.path());
        assert_eq!(fast, slow);
        assert!(fast.starts_with("Ok("), "the plain file loads");

        let cut = super::super::tasks::PART_BYTES;
        let at = text[cut..].find("[[tasks]]").map(|i| cut + i).unwrap();
        text.insert_str(at, "outcome = \"\"\"\n[[tasks]]\nstill the outcome\"\"\"\n");
        let dir = dir_with(&text);
        let (fast, slow) = every_way(dir.path());
        assert_eq!(fast, slow);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn mutated_tasks_load_the_same_every_way(
            edits in proptest::collection::vec((0usize..400, prop::sample::select(vec![
                "", "\"", "'", "#", "=", "[", "]", "[[tasks]]\n", "\n", "\r", " ", ",", "\\", "2024-02-30",
                "2024-01-01T10:00:00", "x", "张", "\u{1b}", "id = \"T-1\"\n", "status = \"done\"\n",
                "done_on = 2024-01-01\n", "\"\"\"", "{", "}", ".", "1", "-",
                "\t", "\r\n", "[[tasks.updates]]", "  [[tasks]]", "# c", "\u{7f}", "]]", "\u{85}",
                "note = \"n\"\n", "date = 2024-02-01\n", "'''", "é",
                "tasks = []\n", "[[ tasks ]]\n", "tasks = [{id = \"Z\", title = \"z\", group = \"g\"}]\n",
                "\"每月\"", "每季度", "repeat = \"每年\"\n", "，", "\u{3000}", "2024-1-5", "2024/01/05",
                "original_due = 2024-03-01\n", "original_due = 2024-01-31\n", "problems = \"p\"\n",
                "next_steps = \"n\"\n", "by = \"u2\"\n", "by = \"nobody\"\n", "by = \"张柯\"\n", "problem",
                "[[tasks.indicators]]\nname = \"n\"\ntarget = 5\n", "values = { \"n\" = 1 }\n",
                "values = { n = 1.5 }\n", "target = 5\n", "unit = \"家\"\n",
            ]), 0usize..4), 1..4),
            top in proptest::bool::ANY,
        ) {
            // With comments at the top of the file (read without the parser) or none.
            let mut text = if top { format!("# 顶部\n \t# c\n\n{BASE}") } else { BASE.to_owned() };
            for (at, insert, delete) in edits {
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) { at -= 1; }
                let mut end = (at + delete).min(text.len());
                while !text.is_char_boundary(end) { end += 1; }
                text.replace_range(at..end, insert);
            }
            let dir = dir_with(&text);
            let (fast, slow) = every_way(dir.path());
            prop_assert_eq!(fast, slow);
        }
    }
}
