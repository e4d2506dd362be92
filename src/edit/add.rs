//! `wg tasks add` (立项交办): a new `[[tasks]]` block appended to the right file, in
//! that file's own style, through the same lock, validation and atomic replace as the
//! other edits. Nothing before the end of the file changes.
//!
//! Choices where SPEC is silent:
//! - The file: the group's own `tasks/<group>.toml` if it exists; else, when every file
//!   in `tasks/` is named after a group (one file per group), a new `tasks/<group>.toml`;
//!   else `tasks.toml` (created if missing).
//! - The id: the prefix most of the group's task ids share (`JH-` of `JH-04`; a tie goes
//!   to the later task) and one more than the highest number with that prefix in any
//!   file, padded like that id (`JH-09` → `JH-10`, `JH-004` → `JH-005`). A group with no
//!   tasks yet takes the prefix that more than half of the other groups use; where each
//!   group has its own, `--id` is asked for.
//! - The style: the key order, indentation and `=` spacing of the file's last task, the
//!   blank lines most of its tasks are separated by, its line endings; `status = "todo"`
//!   is written when that task writes a status. References are written by name (a
//!   person's id when two people share the name), `repeat` in English.

use super::{LOCK_TIMEOUT, Locks, date_value, open_for_write, replace, validate};
use crate::i18n::{Text, msg};
use crate::load::{self, Loaded, is_task_header};
use crate::model::{Data, GroupIdx, Org, Origin, Repeat, Status, Task, UnitIdx};
use crate::report::lookup;
use crate::{Because, Error, Failed};
use chrono::NaiveDate;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use toml_edit::{DocumentMut, Item, Value};

/// A task to add, as typed on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewTask {
    /// The owning group, as typed (id or name).
    pub group: String,
    pub title: String,
    /// Default: allocated from the group's prefix.
    pub id: Option<String>,
    pub lead_unit: Option<String>,
    pub units: Vec<String>,
    pub owner: Option<String>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// English or Chinese (每月); written in English.
    pub repeat: Option<String>,
    pub targets: Vec<String>,
    pub outcome: Option<String>,
}

/// What `add` did (or, with `dry_run`, would do).
#[derive(Debug, Clone)]
pub struct Added {
    pub id: String,
    /// The file, as shown to the user.
    pub file: String,
    /// Whether the file is new.
    pub new_file: bool,
    /// The block appended, with `\n` line endings.
    pub block: String,
    /// False for a dry run: nothing was written.
    pub written: bool,
    pub org: Org,
    /// What the user should know beyond that (another program holding the file open).
    pub warnings: Vec<Text>,
}

/// Adds a task to the data directory `dir`. With `dry_run` the new file is worked out
/// and validated but not written (and the lock is not taken: a dry run writes nothing,
/// not even the lock file). Refuses (writing nothing) when a reference is unknown, the id
/// is taken, or the result would not validate. `seen` is told the org as soon as it is
/// read (so that the caller can say its refusals in the org's language).
pub fn add(dir: &Path, new: &NewTask, dry_run: bool, seen: &dyn Fn(&Org)) -> Result<Added, Error> {
    let mut locks = if dry_run {
        None
    } else {
        Some(Locks::take(dir)?)
    };
    let started = std::time::Instant::now();
    loop {
        match attempt(dir, new, dry_run, locks.as_mut(), seen)? {
            Ok(added) => return Ok(added),
            Err(shown) if started.elapsed() >= LOCK_TIMEOUT => {
                return Err(Error::Other(Failed::error(
                    msg::kept_changing_while_adding(&shown),
                )));
            }
            // The file changed under the add: read everything again, as an edit does.
            Err(_) => {}
        }
    }
}

/// One go at an add: the added task, or (`Err`) the file, as shown, that changed
/// meanwhile, so that the add must start over.
fn attempt(
    dir: &Path,
    new: &NewTask,
    dry_run: bool,
    locks: Option<&mut Locks>,
    seen: &dyn Fn(&Org),
) -> Result<Result<Added, String>, Error> {
    let mut loaded = load::load(dir).map_err(Error::Data)?;
    seen(&loaded.data.org);
    let task = resolve(&loaded.data, new)?;
    let rel = target_file(&loaded, task.group);
    let path = dir.join(&rel);
    // An existing file is opened again under the lock and kept open until the rename, so
    // that a write by another program since the load is seen, as in an edit.
    let (shown, found) = match open_for_write(dir, &mut loaded.sources, &rel, locks)? {
        Ok(opened) => opened,
        Err(shown) => return Ok(Err(shown)),
    };
    let text = found.as_ref().map_or("", |(_, f)| &*f.text);
    let style = Style::of(text);
    let block = style.block(&task.fields);
    let (tail, line) = style.tail(text, &block);
    let expected = Task {
        origin: Origin {
            file: std::sync::Arc::from(rel.as_path()),
            line,
        },
        ..task.model.clone()
    };
    let org = loaded.data.org.clone();
    let not_as_planned = || Error::Other(Failed::error(msg::new_task_not_as_planned(&expected.id)));
    // The new block is read alone against what the load resolved (as an edit's new task
    // is): every file was validated by that load, and nothing before the block changes.
    // A file the block cannot simply follow (its tasks written inline before the first
    // header), or a block that does not read so, is validated with the whole directory.
    let alone = (found.is_some() && only_comments_before_tasks(text))
        .then(|| {
            load::reread_task(
                &loaded,
                &rel,
                text.len() + tail.len() - block.len(),
                line,
                &block,
            )
        })
        .flatten();
    let whole = match alone {
        Some(came_out) => {
            if came_out != expected || loaded.data.task_by_id(&expected.id).is_some() {
                return Err(not_as_planned());
            }
            super::discard(loaded);
            None
        }
        None => {
            let count = loaded.data.tasks.len();
            drop(loaded);
            let reloaded = validate(dir, &rel, format!("{text}{tail}"), &expected.id, &shown)?;
            let came_out = reloaded.data.task_by_id(&expected.id);
            if came_out != Some(&expected) || reloaded.data.tasks.len() != count + 1 {
                return Err(not_as_planned());
            }
            let source = reloaded
                .sources
                .into_iter()
                .find(|s| *s.rel == *rel)
                .ok_or_else(|| Failed::error(msg::not_read_back(&rel.display().to_string())))?;
            Some(source)
        }
    };
    let mut added = Added {
        id: expected.id.to_string(),
        file: whole
            .as_ref()
            .map_or_else(|| shown.clone(), |s| s.shown.clone()),
        new_file: found.is_none(),
        block: block.replace("\r\n", "\n"),
        written: !dry_run,
        org,
        warnings: Vec::new(),
    };
    if dry_run {
        return Ok(Ok(added));
    }
    let what = msg::the_new_task(&added.id);
    let new_text: [&[u8]; 2] = match &whole {
        Some(source) => [source.text.as_bytes(), b""],
        None => [text.as_bytes(), tail.as_bytes()],
    };
    match &found {
        // A new file: the text is empty, the tail is all of it (what was validated).
        None => write_new(&path, &tail)
            .map_err(|e| Error::Other(Failed::wrap(msg::not_added(&what, &added.file), e)))?,
        Some((real, found)) => match replace(real, found, &new_text, &shown, &what)? {
            Some(warnings) => added.warnings = warnings,
            None => return Ok(Err(shown)),
        },
    }
    Ok(Ok(added))
}

/// The new task, resolved: what the model will hold, and the keys to write in SPEC
/// order, each with its value as TOML.
struct Resolved {
    group: GroupIdx,
    model: Task,
    fields: Vec<(&'static str, String)>,
}

fn usage(flag: &str, e: lookup::LookupError) -> Error {
    Error::Usage(msg::on_flag(flag.trim_start_matches("--"), &e.text()))
}

fn resolve(data: &Data, new: &NewTask) -> Result<Resolved, Error> {
    let group = lookup::group(data, &new.group).map_err(|e| usage("--group", e))?;
    let title = new.title.trim();
    if title.is_empty() {
        return Err(Error::Usage(msg::title_is_empty()));
    }
    let lead_unit = match &new.lead_unit {
        Some(u) => Some(lookup::unit(data, u).map_err(|e| usage("--lead-unit", e))?),
        None => None,
    };
    let units = new
        .units
        .iter()
        .map(|u| lookup::unit(data, u).map_err(|e| usage("--units", e)))
        .collect::<Result<Vec<UnitIdx>, _>>()?;
    let owner = match &new.owner {
        Some(p) => Some(lookup::person(data, p).map_err(|e| usage("--owner", e))?),
        None => None,
    };
    let repeat = match &new.repeat {
        Some(r) => Some(
            Repeat::parse(r)
                .ok_or_else(|| Error::Usage(msg::on_flag("repeat", &msg::not_a_repeat(r))))?,
        ),
        None => None,
    };
    if repeat.is_some() && new.due.is_none() {
        return Err(Error::Usage(msg::repeat_needs_due()));
    }
    let id = match &new.id {
        Some(id) => given_id(data, group, id)?,
        None => next_id(data, group)?,
    };
    let targets: Vec<String> = new
        .targets
        .iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    let outcome = new
        .outcome
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_owned);

    let model = Task {
        lead_unit,
        units,
        owner,
        start: new.start,
        due: new.due,
        repeat,
        targets: targets.into_iter().map(Into::into).collect(),
        outcome: outcome.map(Into::into),
        ..Task::new(id, title.to_owned(), group)
    };
    let fields = fields_of(data, &model)?;
    Ok(Resolved {
        group,
        model,
        fields,
    })
}

/// The keys of a new task to write, in SPEC order, each with its value as TOML: what
/// the model holds, references by name (see [`super::person_ref`]), `status` always
/// (the style decides whether a `todo` is written). Not its indicators or updates.
pub(super) fn fields_of(data: &Data, t: &Task) -> Result<Vec<(&'static str, String)>, Error> {
    let text = |s: &str| Value::from(s).to_string();
    let date = |d: NaiveDate| date_value(d).map(|v| v.to_string());
    let list = |items: &[crate::model::Str]| {
        let quoted: Vec<String> = items.iter().map(|i| text(i)).collect();
        format!("[{}]", quoted.join(", "))
    };
    let unit_names = |v: &[UnitIdx]| -> Vec<crate::model::Str> {
        v.iter()
            .map(|&u| data.unit_name(u).to_owned().into())
            .collect()
    };
    let mut fields: Vec<(&'static str, String)> = vec![
        ("id", text(&t.id)),
        ("title", text(&t.title)),
        ("group", text(&data.group(t.group).id)),
    ];
    if let Some(u) = t.lead_unit {
        fields.push(("lead_unit", text(data.unit_name(u))));
    }
    if !t.units.is_empty() {
        fields.push(("units", list(&unit_names(&t.units))));
    }
    if let Some(p) = t.owner {
        fields.push(("owner", text(&super::person_ref(data, p))));
    }
    if let Some(d) = t.start {
        fields.push(("start", date(d)?));
    }
    if let Some(d) = t.due {
        fields.push(("due", date(d)?));
    }
    fields.push(("status", text(t.status.as_str())));
    if let Some(d) = t.done_on {
        fields.push(("done_on", date(d)?));
    }
    if let Some(r) = t.repeat {
        fields.push(("repeat", text(r.as_str())));
    }
    if !t.targets.is_empty() {
        fields.push(("targets", list(&t.targets)));
    }
    if let Some(o) = &t.outcome {
        fields.push(("outcome", text(o)));
    }
    Ok(fields)
}

/// An id given with `--id`: well formed and not taken.
fn given_id(data: &Data, group: GroupIdx, typed: &str) -> Result<String, Error> {
    let id = typed.trim();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(Error::Usage(msg::on_flag("id", &msg::not_a_task_id(typed))));
    }
    if let Some(taken) = data.task_by_id(id) {
        let place = format!("{}:{}", taken.origin.file.display(), taken.origin.line);
        let exists = match next_id(data, group) {
            Ok(next) => {
                msg::task_exists_next(id, &place, &taken.title, &data.group(group).id, &next)
            }
            Err(_) => msg::task_exists(id, &place, &taken.title),
        };
        return Err(Error::Usage(msg::on_flag("id", &exists)));
    }
    Ok(id.to_owned())
}

/// An id as a prefix and its number's digits: `JH-04` is `("JH-", "04")`. `None` when
/// the id does not end in a digit.
pub(crate) fn split_id(id: &str) -> Option<(&str, &str)> {
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0).then(|| id.split_at(id.len() - digits))
}

/// The prefix most of these tasks' ids share; a tie goes to the one written last.
fn main_prefix<'t>(tasks: impl Iterator<Item = &'t Task>) -> Option<&'t str> {
    // (prefix, count, position of its last task)
    let mut seen: Vec<(&str, usize, usize)> = Vec::new();
    for (i, t) in tasks.enumerate() {
        let Some((prefix, _)) = split_id(&t.id) else {
            continue;
        };
        match seen.iter_mut().find(|(p, _, _)| *p == prefix) {
            Some(entry) => {
                entry.1 += 1;
                entry.2 = i;
            }
            None => seen.push((prefix, 1, i)),
        }
    }
    seen.into_iter()
        .max_by_key(|&(_, count, last)| (count, last))
        .map(|(p, _, _)| p)
}

/// The next id of group `g`: its prefix and the next number (see the module doc).
pub(crate) fn next_id(data: &Data, g: GroupIdx) -> Result<String, Error> {
    let group_id = &data.group(g).id;
    let prefix = match main_prefix(data.tasks.iter().filter(|t| t.group == g)) {
        Some(p) => p.to_owned(),
        None => sibling_prefix(data, g).ok_or_else(|| {
            let used: Vec<String> = (0..data.groups.len())
                .filter_map(|o| main_prefix(data.tasks.iter().filter(|t| t.group == o)))
                .map(|p| format!("{p}…"))
                .collect();
            let others = if used.is_empty() {
                msg::no_numbered_ids()
            } else {
                msg::no_shared_prefix(&msg::plain_list(&used))
            };
            let own = if data.tasks.iter().any(|t| t.group == g) {
                msg::group_has_no_numbered_ids()
            } else {
                msg::group_has_no_tasks()
            };
            Error::Usage(msg::cannot_choose_an_id(
                group_id,
                &own,
                &others,
                &group_id.to_uppercase(),
            ))
        })?,
    };
    // The highest number with this prefix in any file, and how it is padded.
    let mut best: Option<(u128, usize)> = None;
    for t in &data.tasks {
        if let Some((p, digits)) = split_id(&t.id)
            && p == prefix
            && let Ok(n) = digits.parse::<u128>()
            && best.is_none_or(|(b, _)| n > b)
        {
            best = Some((n, digits.len()));
        }
    }
    let (n, width) = best.unwrap_or((0, 2));
    let next = n
        .checked_add(1)
        .ok_or_else(|| Error::Usage(msg::ids_ran_out(group_id)))?;
    Ok(format!("{prefix}{next:0width$}"))
}

/// The prefix more than half of the groups that have tasks (other than `g`) use.
fn sibling_prefix(data: &Data, g: GroupIdx) -> Option<String> {
    let prefixes: Vec<&str> = (0..data.groups.len())
        .filter(|&o| o != g)
        .filter_map(|o| main_prefix(data.tasks.iter().filter(|t| t.group == o)))
        .collect();
    prefixes
        .iter()
        .find(|p| prefixes.iter().filter(|q| q == p).count() * 2 > prefixes.len())
        .map(|p| (*p).to_owned())
}

/// The file the new task goes to, relative to the data directory (see the module doc).
pub(super) fn target_file(loaded: &Loaded, g: GroupIdx) -> PathBuf {
    let data = &loaded.data;
    let id = &data.group(g).id;
    let own = Path::new("tasks").join(format!("{id}.toml"));
    if loaded.sources.iter().any(|s| *s.rel == *own) {
        return own;
    }
    let in_dir: Vec<&Path> = loaded
        .sources
        .iter()
        .map(|s| &*s.rel)
        .filter(|rel| rel.parent() == Some(Path::new("tasks")))
        .collect();
    let per_group = !in_dir.is_empty()
        && in_dir.iter().all(|rel| {
            rel.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|stem| data.group_by_id(stem).is_some())
        });
    // A group id that is not a plain file name stays in tasks.toml.
    let plain = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        && !id.is_empty();
    if per_group && plain {
        own
    } else {
        PathBuf::from("tasks.toml")
    }
}

/// How a task file writes its tasks, learnt from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Style {
    newline: &'static str,
    /// The `[[tasks]]` line of the last task, without its comment.
    header: String,
    /// Before each key.
    indent: String,
    /// Between key and value: ` = ` or `=`.
    equals: &'static str,
    /// Value keys in the order the last task writes them.
    order: Vec<String>,
    /// Blank lines between two tasks.
    gap: usize,
}

impl Style {
    pub(super) fn of(text: &str) -> Style {
        // CRLF only when every line ends so (as `edit_chunk` decides).
        let crlf = text.contains("\r\n") && !text.replace("\r\n", "").contains('\n');
        let mut style = Style {
            newline: if crlf { "\r\n" } else { "\n" },
            header: "[[tasks]]".to_owned(),
            indent: String::new(),
            equals: " = ",
            order: Vec::new(),
            gap: 1,
        };
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let headers: Vec<usize> = (0..lines.len())
            .filter(|&i| lines.get(i).is_some_and(|l| is_task_header(l)))
            .collect();
        // The blank lines above each header but the first (above the comments that sit
        // on the header, which belong to its task), the commonest count.
        let mut gaps: Vec<(usize, usize)> = Vec::new();
        for &h in headers.iter().skip(1) {
            let comments = (0..h)
                .rev()
                .map_while(|i| lines.get(i).filter(|l| l.trim_start().starts_with('#')))
                .count();
            let blanks = (0..h - comments)
                .rev()
                .map_while(|i| lines.get(i).filter(|l| l.trim().is_empty()))
                .count();
            match gaps.iter_mut().find(|(g, _)| *g == blanks) {
                Some(entry) => entry.1 += 1,
                None => gaps.push((blanks, 1)),
            }
        }
        if let Some(&(gap, _)) = gaps.iter().max_by_key(|&&(g, n)| (n, std::cmp::Reverse(g))) {
            style.gap = gap;
        }
        let Some(&last) = headers.last() else {
            return style;
        };
        let header = lines.get(last).copied().unwrap_or("[[tasks]]");
        let lead = header.len() - header.trim_start_matches([' ', '\t']).len();
        style.header = format!("{}[[tasks]]", header.get(..lead).unwrap_or(""));
        let chunk: String = lines.iter().skip(last).copied().collect();
        let Ok(doc) = chunk.parse::<DocumentMut>() else {
            return style;
        };
        let Some(table) = doc
            .get("tasks")
            .and_then(Item::as_array_of_tables)
            .and_then(|t| t.iter().next())
        else {
            return style;
        };
        let keys: Vec<&str> = table
            .iter()
            .filter(|(_, item)| item.is_value())
            .map(|(k, _)| k)
            .collect();
        style.order = keys.iter().map(|k| (*k).to_owned()).collect();
        if let Some(first) = keys.first()
            && let (Some(key), Some(value)) =
                (table.key(first), table.get(first).and_then(Item::as_value))
        {
            let indent = key
                .leaf_decor()
                .prefix()
                .and_then(|p| p.as_str())
                .map(|p| p.rsplit('\n').next().unwrap_or("").to_owned())
                .filter(|p| p.chars().all(|c| c == ' ' || c == '\t'))
                .unwrap_or_default();
            style.indent = indent;
            let before = key.leaf_decor().suffix().and_then(|s| s.as_str());
            let after = value.decor().prefix().and_then(|s| s.as_str());
            if before == Some("") && after == Some("") {
                style.equals = "=";
            }
        }
        style
    }

    /// The keys in the order to write them: the last task's order, each other key after
    /// the last one that comes before it in SPEC's order (as an edit adds a key).
    fn order<'k>(&self, keys: &[&'k str]) -> Vec<&'k str> {
        let rank = |k: &str| super::KEY_ORDER.iter().position(|o| *o == k);
        let mut out: Vec<&'k str> = self
            .order
            .iter()
            .filter_map(|o| keys.iter().find(|k| **k == o.as_str()).copied())
            .collect();
        for &k in keys {
            if out.contains(&k) {
                continue;
            }
            let mine = rank(k).unwrap_or(usize::MAX);
            let at = out
                .iter()
                .rposition(|o| rank(o).is_some_and(|r| r < mine))
                .map_or(0, |i| i + 1);
            out.insert(at, k);
        }
        out
    }

    /// The new block. `status = "todo"` is written only when the last task writes a
    /// status.
    pub(super) fn block(&self, fields: &[(&'static str, String)]) -> String {
        let todo = Value::from(Status::Todo.as_str()).to_string();
        let fields: Vec<&(&str, String)> = fields
            .iter()
            .filter(|(k, v)| {
                *k != "status" || *v != todo || self.order.iter().any(|o| o == "status")
            })
            .collect();
        let keys: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
        let nl = self.newline;
        let mut s = format!("{}{nl}", self.header);
        for key in self.order(&keys) {
            if let Some((_, value)) = fields.iter().find(|(k, _)| *k == key) {
                s.push_str(&format!("{}{key}{}{value}{nl}", self.indent, self.equals));
            }
        }
        s
    }

    /// A `[[tasks.updates]]` table to follow a new block: a blank line, then its header
    /// indented as the task's header is, then `fields` as the task's keys are written.
    pub(super) fn update_block(&self, fields: &[(&str, String)]) -> String {
        let nl = self.newline;
        let lead = self.header.trim_end_matches("[[tasks]]");
        let mut s = format!("{nl}{lead}[[tasks.updates]]{nl}");
        for (key, value) in fields {
            s.push_str(&format!("{}{key}{}{value}{nl}", self.indent, self.equals));
        }
        s
    }

    /// `text` with `block` appended after the blank lines the file separates its tasks
    /// by; and the line the block's header lands on.
    pub(super) fn append(&self, text: &str, block: &str) -> (String, usize) {
        let (tail, line) = self.tail(text, block);
        let mut out = String::with_capacity(text.len() + tail.len());
        out.push_str(text);
        out.push_str(&tail);
        (out, line)
    }

    /// What [`Style::append`] puts after `text`: the line break it may lack, the blank
    /// lines, then `block`; and the line the block's header lands on. The text itself is
    /// not copied (an add to a 31 MB file writes it from where the loader read it).
    pub(super) fn tail(&self, text: &str, block: &str) -> (String, usize) {
        let nl = self.newline;
        let mut tail = String::with_capacity(block.len() + 8);
        if !text.is_empty() && !text.ends_with('\n') {
            tail.push_str(nl);
        }
        if !text.trim().is_empty() {
            // Blank lines at the end of the text, the line break just added counted too.
            let ended = format!("{}{tail}", last_lines(text));
            let blank = ended
                .split_inclusive('\n')
                .rev()
                .take_while(|l| l.trim().is_empty())
                .count();
            for _ in blank..self.gap {
                tail.push_str(nl);
            }
        }
        let line = crate::swar::count(text.as_bytes(), b'\n')
            + crate::swar::count(tail.as_bytes(), b'\n')
            + 1;
        tail.push_str(block);
        (tail, line)
    }
}

/// Whether `text` holds nothing but blank lines and comments before its first
/// `[[tasks]]` header: then a new `[[tasks]]` block at its end is one more piece of it,
/// read alone as the loader reads each (see `load::tasks::load_chunk`). Before the first
/// header, TOML could have `tasks = [...]`, which a header after it would clash with.
fn only_comments_before_tasks(text: &str) -> bool {
    text.trim_start_matches('\u{FEFF}')
        .split_inclusive('\n')
        .take_while(|l| !is_task_header(l))
        .all(|l| {
            let l = l.trim_start_matches([' ', '\t']);
            l.trim_end_matches(['\r', '\n']).is_empty() || l.starts_with('#')
        })
}

/// The end of `text` from the start of its last line that is not blank (all of it when
/// every line is blank): what the blank lines at its end are counted in.
fn last_lines(text: &str) -> &str {
    let end = text.trim_end();
    let start = end.rfind('\n').map_or(0, |i| i + 1);
    text.get(start..).unwrap_or(text)
}

/// Creates a task file that did not exist, atomically (a temporary file renamed into
/// place), refusing if it has appeared meanwhile.
pub(super) fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    let parent = path
        .parent()
        .ok_or_else(|| Failed::error(msg::has_no_directory(&path.display().to_string())))?;
    let name = path
        .file_name()
        .ok_or_else(|| Failed::error(msg::has_no_file_name(&path.display().to_string())))?;
    let target = parent
        .canonicalize()
        .because(|| msg::cannot_resolve(&parent.display().to_string()))?
        .join(name);
    let shown = target.display().to_string();
    if target.exists() {
        return Err(Failed::error(msg::appeared_while_adding(&shown)));
    }
    let mut file = atomic_write_file::AtomicWriteFile::options()
        .open(&target)
        .because(|| msg::cannot_create(&shown))?;
    file.write_all(text.as_bytes())
        .because(|| msg::cannot_write(&shown))?;
    file.commit().because(|| msg::cannot_create(&shown))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_split_into_prefix_and_digits() {
        assert_eq!(split_id("JH-04"), Some(("JH-", "04")));
        assert_eq!(split_id("T7"), Some(("T", "7")));
        assert_eq!(split_id("2024"), Some(("", "2024")));
        assert_eq!(split_id("JH-A"), None);
    }

    #[test]
    fn style_follows_the_last_task() {
        let text = "# c\r\n\r\n[[tasks]]\r\n  id=\"A-1\"\r\n  group=\"g\"\r\n  title=\"t\"\r\n\r\n\r\n[[tasks]]\r\n  id=\"A-2\"\r\n  group=\"g\"\r\n  title=\"t\"\r\n";
        let style = Style::of(text);
        assert_eq!(style.newline, "\r\n");
        assert_eq!(style.indent, "  ");
        assert_eq!(style.equals, "=");
        assert_eq!(style.gap, 2);
        assert_eq!(style.order, ["id", "group", "title"]);
        let fields = [
            ("id", "\"A-3\"".to_owned()),
            ("title", "\"n\"".to_owned()),
            ("group", "\"g\"".to_owned()),
            ("due", "2026-01-01".to_owned()),
            ("status", "\"todo\"".to_owned()),
        ];
        let block = style.block(&fields);
        assert_eq!(
            block,
            "[[tasks]]\r\n  id=\"A-3\"\r\n  group=\"g\"\r\n  title=\"n\"\r\n  due=2026-01-01\r\n"
        );
        let (out, line) = style.append(text, &block);
        assert_eq!(out, format!("{text}\r\n\r\n{block}"));
        assert_eq!(line, 15);
    }

    #[test]
    fn the_gap_is_counted_above_the_comments_on_a_header() {
        let text = "[[tasks]]\nid = \"A\"\n\n\n# about B\n[[tasks]]\nid = \"B\"\n\n\n[[tasks]]\nid = \"C\"\n";
        assert_eq!(Style::of(text).gap, 2);
    }

    #[test]
    fn a_file_without_final_newline_gets_one_before_the_block() {
        let style = Style::of("[[tasks]]\nid = \"A\"");
        let (out, line) = style.append("[[tasks]]\nid = \"A\"", "[[tasks]]\n");
        assert_eq!(out, "[[tasks]]\nid = \"A\"\n\n[[tasks]]\n");
        assert_eq!(line, 4);
        let (out, line) = Style::of("").append("", "[[tasks]]\n");
        assert_eq!((out.as_str(), line), ("[[tasks]]\n", 1));
    }

    use crate::edit::tests::{counts, fixture_copy as edit_fixture};

    fn new_task(id: &str) -> NewTask {
        NewTask {
            group: "membership".to_owned(),
            title: "新任务".to_owned(),
            id: Some(id.to_owned()),
            due: NaiveDate::from_ymd_opt(2026, 12, 31),
            ..NewTask::default()
        }
    }

    /// An add to an existing file loads the directory once and then reads only the new
    /// block again, against what that load resolved; the file is the old text and the
    /// block, and what was written loads with the task.
    #[test]
    fn an_add_loads_once_and_reads_only_the_new_block_again() {
        let tmp = edit_fixture();
        let path = tmp.path().join("tasks.toml");
        let old = std::fs::read_to_string(&path).unwrap();
        let before = counts();
        let added = add(tmp.path(), &new_task("JH-77"), false, &|_| {}).unwrap();
        assert_eq!(counts(), (before.0 + 1, before.1 + 1));
        assert!(!added.new_file);
        let now = std::fs::read_to_string(&path).unwrap();
        assert!(now.starts_with(&old), "the old text is kept as it was");
        let loaded = load::load(tmp.path()).unwrap();
        let task = loaded.data.task_by_id("JH-77").unwrap();
        assert_eq!(task.title, "新任务");
        let header = now
            .get(old.len()..)
            .unwrap()
            .lines()
            .position(|l| l == "[[tasks]]");
        assert_eq!(
            Some(task.origin.line),
            header.map(|h| old.lines().count() + h + 1)
        );
    }

    /// Before the first header, TOML may hold `tasks = [...]`, which a new `[[tasks]]`
    /// clashes with: such a file is validated whole (loaded a second time), and the add
    /// refused with the parser's own error, writing nothing.
    #[test]
    fn a_file_with_inline_tasks_first_is_validated_whole() {
        let tmp = edit_fixture();
        let path = tmp.path().join("tasks.toml");
        let inline =
            "tasks = [{ id = \"JH-00\", title = \"前面的任务\", group = \"membership\" }]\n";
        std::fs::write(&path, inline).unwrap();
        let before = counts();
        let Err(Error::Data(failure)) = add(tmp.path(), &new_task("JH-77"), false, &|_| {}) else {
            panic!("expected the add to be refused")
        };
        assert_eq!(counts(), (before.0 + 2, before.1));
        assert!(failure.diagnostics.iter().any(|d| d.is_error()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), inline);
    }

    #[test]
    fn only_comments_and_blank_lines_may_come_before_the_first_header() {
        for (text, plain) in [
            ("", true),
            ("# c\n\n  # d\r\n[[tasks]]\nid = \"A\"\ntasks = 1\n", true),
            ("\u{FEFF}# c\n[[tasks]]\n", true),
            ("tasks = []\n", false),
            ("# c\ntasks = [{ id = \"A\" }]\n[[tasks]]\n", false),
            ("x = 1\n", false),
        ] {
            assert_eq!(only_comments_before_tasks(text), plain, "{text:?}");
        }
    }
}
