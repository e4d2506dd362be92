//! `wg tasks import`: the rows of a ledger (read by [`crate::import`]) become tasks,
//! appended as `wg tasks add` appends one (same files, same style, same lock,
//! validation and atomic replace), all of a file's new tasks in one write. Nothing is
//! written unless every row is good.
//!
//! Choices where SPEC is silent:
//! - A row's group: its 小组 cell, else `--group`, else (for a known 编号) the task's
//!   own group; a new row with none is an error that says to pass `--group`.
//! - A row is already a task when its 编号 is a task id (of the row's group: of another
//!   group it is an error), or, without 编号, when a task of the row's group has the
//!   same title. Such a row changes nothing; the fields the ledger gives that differ
//!   from the task are listed.
//! - New ids: a row's own 编号, else the group's next id as `tasks add` gives it, one
//!   after another within the import, skipping the 编号s the ledger itself uses.
//! - 状态 已完成 takes its 完成日期 cell as `done_on`, else the as-of date (said so);
//!   a 完成日期 alone makes the task done. 进展情况 becomes a first progress note dated
//!   the as-of date.
//! - Task files reached through symlinks into other data directories: the edit locks
//!   each file's own directory as it reads it (as `tasks add` does), one at a time.

use super::add::{Style, fields_of, next_id, split_id, target_file, write_new};
use super::{FileWrite, LOCK_TIMEOUT, Locks, date_value, open_for_write, replace};
use crate::i18n::{Text, msg};
use crate::import::{Due, Entry, RowProblem, Value};
use crate::load::{self, Diagnostic, Loaded, normalize};
use crate::model::{Data, GroupIdx, Org, Origin, PersonIdx, Status, Task, UnitIdx, Update};
use crate::report::lookup;
use crate::{Error, Failed};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::collections::hash_map::Entry as MapEntry;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What an import did (or, dry, would do).
#[derive(Debug, Clone)]
pub struct Imported {
    pub org: Org,
    /// One per row, in ledger order; empty when there are problems.
    pub rows: Vec<RowResult>,
    /// Rows that cannot be imported; when there are any, nothing was written.
    pub problems: Vec<RowProblem>,
    /// False for a dry run, for problems, and when nothing was new.
    pub written: bool,
    pub warnings: Vec<Text>,
}

#[derive(Debug, Clone)]
pub enum RowResult {
    Added {
        row: usize,
        task: NewOne,
    },
    Exists {
        row: usize,
        id: String,
        /// `file:line` of the task.
        place: String,
        differs: Vec<Difference>,
    },
}

/// A task added (or to add).
#[derive(Debug, Clone)]
pub struct NewOne {
    pub id: String,
    /// The file, as shown to the user.
    pub file: String,
    pub new_file: bool,
    /// The block appended, with `\n` line endings.
    pub block: String,
    /// The as-of date, taken as `done_on` of a done row without 完成日期.
    pub done_on_assumed: Option<NaiveDate>,
}

/// A field where the ledger and the task differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The task key: `due`, `lead_unit`, …
    pub key: &'static str,
    pub ledger: String,
    pub file: String,
}

/// Imports `entries` into the data directory `dir`. `group` is `--group`; `seen` is told
/// the org as soon as it is read, `today` gives the as-of date.
pub fn import(
    dir: &Path,
    entries: &[Entry],
    group: Option<&str>,
    dry_run: bool,
    seen: &dyn Fn(&Org),
    today: &dyn Fn(&Org) -> Result<NaiveDate, Error>,
) -> Result<Imported, Error> {
    let mut locks = if dry_run {
        None
    } else {
        Some(Locks::take(dir)?)
    };
    let started = std::time::Instant::now();
    // Tasks written by an attempt that then had to start over (a later file changed
    // meanwhile): reported as added, not as already there.
    let mut done: Vec<(usize, NewOne)> = Vec::new();
    loop {
        let go = Go {
            dir,
            entries,
            group,
            dry_run,
            seen,
            today,
        };
        match go.attempt(locks.as_mut(), &mut done)? {
            Ok(imported) => return Ok(imported),
            Err(shown) if started.elapsed() >= LOCK_TIMEOUT => {
                return Err(Error::Other(Failed::error(
                    msg::kept_changing_while_adding(&shown),
                )));
            }
            Err(_) => {}
        }
    }
}

struct Go<'a> {
    dir: &'a Path,
    entries: &'a [Entry],
    group: Option<&'a str>,
    dry_run: bool,
    seen: &'a dyn Fn(&Org),
    today: &'a dyn Fn(&Org) -> Result<NaiveDate, Error>,
}

/// A row, resolved against the data.
enum Planned {
    New {
        row: usize,
        task: Task,
        assumed: bool,
    },
    Exists(RowResult),
}

impl Go<'_> {
    /// One go: the result, or (`Err`) the file, as shown, that changed meanwhile.
    fn attempt(
        &self,
        mut locks: Option<&mut Locks>,
        done: &mut Vec<(usize, NewOne)>,
    ) -> Result<Result<Imported, String>, Error> {
        let mut loaded = load::load(self.dir).map_err(Error::Data)?;
        let data = &loaded.data;
        (self.seen)(&data.org);
        let today = (self.today)(&data.org)?;
        let default_group = match self.group {
            Some(g) => Some(
                lookup::group(data, g)
                    .map_err(|e| Error::Usage(msg::on_flag("group", &e.text())))?,
            ),
            None => None,
        };
        let mut imported = Imported {
            org: data.org.clone(),
            rows: Vec::new(),
            problems: Vec::new(),
            written: false,
            warnings: Vec::new(),
        };
        let mut planned = plan(
            &loaded,
            self.entries,
            default_group,
            today,
            &mut imported.problems,
            done,
        );
        if !imported.problems.is_empty() {
            return Ok(Ok(imported));
        }
        allocate_ids(data, self.entries, &mut planned, &mut imported.problems)?;
        if !imported.problems.is_empty() {
            return Ok(Ok(imported));
        }

        // The new tasks by file, in the order their files first come up.
        let mut files: Vec<(PathBuf, Vec<usize>)> = Vec::new();
        for (i, p) in planned.iter().enumerate() {
            if let Planned::New { task, .. } = p {
                let rel = target_file(&loaded, task.group);
                match files.iter_mut().find(|(r, _)| *r == rel) {
                    Some((_, list)) => list.push(i),
                    None => files.push((rel, vec![i])),
                }
            }
        }
        let mut writes: Vec<FileWrite> = Vec::new();
        let mut blocks: HashMap<usize, (String, bool)> = HashMap::new();
        for (rel, list) in &files {
            let path = self.dir.join(rel);
            let (shown, found) =
                match open_for_write(self.dir, &mut loaded.sources, rel, locks.as_deref_mut())? {
                    Ok(opened) => opened,
                    Err(shown) => return Ok(Err(shown)),
                };
            let mut text = found
                .as_ref()
                .map_or_else(String::new, |(_, f)| f.text.to_string());
            let style = Style::of(&text);
            for &i in list {
                let Some(Planned::New { task, .. }) = planned.get_mut(i) else {
                    continue;
                };
                let mut block = style.block(&fields_of(data, task)?);
                for update in &task.updates {
                    let date = date_value(update.date)?.to_string();
                    let note = toml_edit::Value::from(&*update.note).to_string();
                    block.push_str(&style.update_block(&[("date", date), ("note", note)]));
                }
                let (new_text, line) = style.append(&text, &block);
                text = new_text;
                task.origin = Origin {
                    file: Arc::from(rel.as_path()),
                    line,
                };
                blocks.insert(i, (block.replace("\r\n", "\n"), found.is_none()));
            }
            writes.push(FileWrite {
                rel: rel.clone(),
                path,
                shown,
                found,
                text,
            });
        }
        let count = data.tasks.len();
        let added = planned
            .iter()
            .filter(|p| matches!(p, Planned::New { .. }))
            .count();
        drop(loaded);

        let reloaded = if writes.is_empty() {
            None
        } else {
            Some(self.validate(&writes)?)
        };
        if let Some(reloaded) = &reloaded {
            for p in &planned {
                if let Planned::New { task, .. } = p
                    && reloaded.data.task_by_id(&task.id) != Some(task)
                {
                    return Err(Error::Other(Failed::error(msg::new_task_not_as_planned(
                        &task.id,
                    ))));
                }
            }
            if reloaded.data.tasks.len() != count + added {
                return Err(Error::Other(Failed::error(msg::import_not_as_planned())));
            }
        }
        let shown_of = |rel: &Path| {
            reloaded
                .as_ref()
                .and_then(|r| r.sources.iter().find(|s| *s.rel == *rel))
                .map_or_else(|| rel.display().to_string(), |s| s.shown.clone())
        };
        for (i, p) in planned.into_iter().enumerate() {
            match p {
                Planned::Exists(r) => imported.rows.push(r),
                Planned::New { row, task, assumed } => {
                    let (block, new_file) = blocks.remove(&i).unwrap_or_default();
                    imported.rows.push(RowResult::Added {
                        row,
                        task: NewOne {
                            file: shown_of(&task.origin.file),
                            id: task.id.into_owned(),
                            new_file,
                            block,
                            done_on_assumed: if assumed { task.done_on } else { None },
                        },
                    });
                }
            }
        }
        if self.dry_run || writes.is_empty() {
            return Ok(Ok(imported));
        }
        let Some(reloaded) = reloaded else {
            return Ok(Ok(imported));
        };
        for w in &writes {
            let text = reloaded
                .sources
                .iter()
                .find(|s| *s.rel == *w.rel)
                .map_or(w.text.as_str(), |s| &*s.text);
            let what = msg::the_imported_tasks(&w.shown);
            match &w.found {
                None => write_new(&w.path, text)
                    .map_err(|e| Error::Other(Failed::wrap(msg::not_added(&what, &w.shown), e)))?,
                Some((real, found)) => {
                    match replace(real, found, &[text.as_bytes()], &w.shown, &what)? {
                        Some(warnings) => imported.warnings.extend(warnings),
                        None => {
                            // Start over; what is written so far is reported as added.
                            remember(done, &imported, &writes, w);
                            return Ok(Err(w.shown.clone()));
                        }
                    }
                }
            }
        }
        imported.written = true;
        Ok(Ok(imported))
    }

    /// The data directory with every new file text in place of the old; an error says
    /// that the import was refused and nothing written, then lists the problems.
    fn validate(&self, writes: &[FileWrite]) -> Result<Loaded, Error> {
        let replaced: HashMap<PathBuf, String> = writes
            .iter()
            .map(|w| (w.rel.clone(), w.text.clone()))
            .collect();
        load::load_with(self.dir, replaced).map_err(|mut failure| {
            failure.diagnostics.insert(
                0,
                Diagnostic::error(msg::import_refused()).help(msg::edit_refused_help()),
            );
            Error::Data(failure)
        })
    }
}

/// The rows added in files written before `upto`, for the next attempt.
fn remember(
    done: &mut Vec<(usize, NewOne)>,
    imported: &Imported,
    writes: &[FileWrite],
    upto: &FileWrite,
) {
    let written: Vec<&str> = writes
        .iter()
        .take_while(|w| w.rel != upto.rel)
        .map(|w| w.shown.as_str())
        .collect();
    for r in &imported.rows {
        if let RowResult::Added { row, task } = r
            && written.contains(&task.file.as_str())
        {
            done.push((*row, task.clone()));
        }
    }
}

/// `data/tasks/membership.toml:11`: where a task is, as the user names its file.
fn place(loaded: &Loaded, t: &Task) -> String {
    let file = loaded
        .sources
        .iter()
        .find(|s| s.rel == t.origin.file)
        .map_or_else(|| t.origin.file.display().to_string(), |s| s.shown.clone());
    format!("{file}:{}", t.origin.line)
}

/// Resolves every row: its group, what it refers to, whether it is already a task.
fn plan(
    loaded: &Loaded,
    entries: &[Entry],
    default_group: Option<GroupIdx>,
    today: NaiveDate,
    problems: &mut Vec<RowProblem>,
    done: &[(usize, NewOne)],
) -> Vec<Planned> {
    let mut seen = Seen::default();
    entries
        .iter()
        .filter_map(|e| {
            let before = problems.len();
            let p = plan_row(loaded, e, default_group, today, &mut seen, problems, done);
            p.filter(|_| problems.len() == before)
        })
        .collect()
}

/// The 编号s and (group, title)s of the rows before, with their row numbers.
#[derive(Default)]
struct Seen {
    ids: HashMap<String, usize>,
    titles: HashMap<(GroupIdx, String), usize>,
}

fn bad(problems: &mut Vec<RowProblem>, row: usize, col: Option<usize>, message: Text) {
    problems.push(RowProblem { row, col, message });
}

fn plan_row(
    loaded: &Loaded,
    e: &Entry,
    default_group: Option<GroupIdx>,
    today: NaiveDate,
    seen: &mut Seen,
    problems: &mut Vec<RowProblem>,
    done: &[(usize, NewOne)],
) -> Option<Planned> {
    let data = &loaded.data;
    let row = e.row;
    let before = problems.len();
    let id = e.id.as_ref().map(|v| (v, v.value.trim().to_owned()));
    if let Some((v, id)) = &id {
        if !is_task_id(id) {
            bad(problems, row, Some(v.col), msg::import_bad_id(id));
        } else if let Some(&first) = seen.ids.get(id) {
            bad(problems, row, Some(v.col), msg::import_id_twice(id, first));
        } else {
            seen.ids.insert(id.clone(), row);
        }
    }
    let known = id.as_ref().and_then(|(_, id)| data.task_by_id(id));
    // Every cell's problem is said, whatever else is wrong with the row.
    let refs = resolve_refs(data, e, problems);
    let group = match &e.group {
        Some(v) => match lookup::group(data, &v.value) {
            Ok(g) => Some(g),
            Err(err) => {
                bad(problems, row, Some(v.col), err.text());
                return None;
            }
        },
        None => default_group.or(known.map(|t| t.group)),
    };
    let Some(group) = group else {
        match e.group_col {
            Some(col) => bad(problems, row, Some(col), msg::import_group_cell_empty()),
            None => bad(problems, row, None, msg::import_no_group()),
        }
        return None;
    };
    if let (Some(s), Some(d)) = (&e.status, &e.done_on)
        && s.value != Status::Done
    {
        bad(
            problems,
            row,
            Some(d.col),
            msg::import_done_on_not_done(&d.raw, &s.raw),
        );
    }
    let title = e.title.as_ref().map(|t| t.value.trim().to_owned());
    // Already a task: by 编号, else by title within the group.
    let existing = match (known, &id) {
        (Some(t), Some((v, id))) if t.group != group => {
            let place = place(loaded, t);
            let message = msg::import_id_in_other_group(
                id,
                &data.group(t.group).id,
                &place,
                &data.group(group).id,
            );
            bad(problems, row, Some(v.col), message);
            return None;
        }
        (Some(t), Some(_)) => Some(t),
        (_, Some(_)) => None,
        (_, None) => title.as_ref().and_then(|title| {
            data.tasks
                .iter()
                .find(|t| t.group == group && normalize(&t.title) == normalize(title))
        }),
    };
    if let Some(t) = existing {
        if let Some((row, task)) = done.iter().find(|(_, n)| n.id == t.id) {
            return Some(Planned::Exists(RowResult::Added {
                row: *row,
                task: task.clone(),
            }));
        }
        return Some(Planned::Exists(RowResult::Exists {
            row,
            id: t.id.to_string(),
            place: place(loaded, t),
            differs: differences(data, t, e, &refs, title.as_deref(), id.is_some()),
        }));
    }
    let Some(title) = title.filter(|t| !t.is_empty()) else {
        bad(problems, row, None, msg::import_no_title());
        return None;
    };
    let key = (group, normalize(&title));
    if let Some(&first) = seen.titles.get(&key) {
        let col = e.title.as_ref().map(|t| t.col);
        bad(
            problems,
            row,
            col,
            msg::import_title_twice(first, &data.group(group).id),
        );
        return None;
    }
    seen.titles.insert(key, row);
    if problems.len() > before {
        return None;
    }
    let done_on = e.done_on.as_ref().map(|d| d.value);
    let status = match (e.status.as_ref().map(|s| s.value), done_on) {
        (None, Some(_)) => Status::Done,
        (s, _) => s.unwrap_or(Status::Todo),
    };
    let assumed = status == Status::Done && done_on.is_none();
    let task = Task {
        lead_unit: refs.lead_unit,
        units: refs.units,
        owner: refs.owner,
        due: match e.due.as_ref().map(|d| d.value) {
            Some(Due::On(d)) => Some(d),
            _ => None,
        },
        status,
        done_on: (status == Status::Done).then(|| done_on.unwrap_or(today)),
        outcome: e
            .outcome
            .as_ref()
            .map(|o| o.value.trim().to_owned())
            .filter(|o| !o.is_empty())
            .map(Into::into),
        updates: e
            .progress
            .as_ref()
            .map(|p| p.value.trim().to_owned())
            .filter(|p| !p.is_empty())
            .map(|note| Update::new(today, note))
            .into_iter()
            .collect(),
        ..Task::new(id.map(|(_, id)| id).unwrap_or_default(), title, group)
    };
    Some(Planned::New { row, task, assumed })
}

/// A row's references, resolved (those that resolve).
struct Refs {
    lead_unit: Option<UnitIdx>,
    units: Vec<UnitIdx>,
    owner: Option<PersonIdx>,
}

fn resolve_refs(data: &Data, e: &Entry, problems: &mut Vec<RowProblem>) -> Refs {
    let mut unit = |v: &Value<String>| match lookup::unit(data, &v.value) {
        Ok(u) => Some(u),
        Err(err) => {
            bad(problems, e.row, Some(v.col), err.text());
            None
        }
    };
    let lead_unit = e.lead_unit.as_ref().and_then(&mut unit);
    let mut units: Vec<UnitIdx> = Vec::new();
    for u in e.units.iter().filter_map(&mut unit) {
        // The lead unit is not also a supporting one, nor any unit twice.
        if Some(u) != lead_unit && !units.contains(&u) {
            units.push(u);
        }
    }
    let owner = e
        .owner
        .as_ref()
        .and_then(|v| match lookup::person(data, &v.value) {
            Ok(p) => Some(p),
            Err(err) => {
                bad(problems, e.row, Some(v.col), err.text());
                None
            }
        });
    Refs {
        lead_unit,
        units,
        owner,
    }
}

/// The fields the ledger gives that differ from task `t`.
fn differences(
    data: &Data,
    t: &Task,
    e: &Entry,
    refs: &Refs,
    title: Option<&str>,
    by_id: bool,
) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut differ = |key, ledger: String, file: String| {
        if ledger != file {
            out.push(Difference { key, ledger, file });
        }
    };
    let none = String::new;
    if by_id && let Some(title) = title {
        differ("title", title.to_owned(), t.title.to_string());
    }
    if let Some(u) = refs.lead_unit {
        let file = data
            .task_lead_unit(t)
            .map_or_else(none, |f| data.unit_name(f).to_owned());
        differ("lead_unit", data.unit_name(u).to_owned(), file);
    }
    if !e.units.is_empty() {
        let names = |v: &[UnitIdx]| {
            let mut n: Vec<&str> = v.iter().map(|&u| data.unit_name(u)).collect();
            n.sort_unstable();
            n.join("、")
        };
        differ("units", names(&refs.units), names(&t.units));
    }
    if let Some(p) = refs.owner {
        let file = t.owner.map_or_else(none, |o| data.person(o).name.clone());
        differ("owner", data.person(p).name.clone(), file);
    }
    if let Some(d) = &e.due {
        let ledger = match d.value {
            Due::On(d) => d.to_string(),
            Due::Ongoing => String::new(),
        };
        differ("due", ledger, t.due.map_or_else(none, |d| d.to_string()));
    }
    if let Some(s) = &e.status {
        differ(
            "status",
            s.value.as_str().to_owned(),
            t.status.as_str().to_owned(),
        );
    }
    if let Some(o) = &e.outcome {
        differ(
            "outcome",
            o.value.trim().to_owned(),
            t.outcome.as_deref().unwrap_or_default().to_owned(),
        );
    }
    out
}

fn is_task_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Gives each new task without 编号 its group's next id, one after another, skipping
/// the ids the files and the ledger use.
fn allocate_ids(
    data: &Data,
    entries: &[Entry],
    planned: &mut [Planned],
    problems: &mut Vec<RowProblem>,
) -> Result<(), Error> {
    let given: Vec<String> = entries
        .iter()
        .filter_map(|e| e.id.as_ref().map(|v| v.value.trim().to_owned()))
        .collect();
    // Per group: the prefix, the last number given out, its width.
    let mut next: HashMap<GroupIdx, (String, u128, usize)> = HashMap::new();
    for p in planned.iter_mut() {
        let Planned::New { row, task, .. } = p else {
            continue;
        };
        if !task.id.is_empty() {
            continue;
        }
        let (prefix, n, width) = match next.entry(task.group) {
            MapEntry::Occupied(o) => o.into_mut(),
            MapEntry::Vacant(v) => {
                let first = match next_id(data, task.group) {
                    Ok(id) => id,
                    Err(Error::Usage(message)) => {
                        bad(problems, *row, None, message);
                        continue;
                    }
                    Err(other) => return Err(other),
                };
                let Some((prefix, digits)) = split_id(&first) else {
                    continue;
                };
                let n = digits.parse::<u128>().unwrap_or(1).saturating_sub(1);
                v.insert((prefix.to_owned(), n, digits.len()))
            }
        };
        // The next number that neither the files nor the ledger's own 编号s use.
        loop {
            *n = n.saturating_add(1);
            let id = format!("{prefix}{n:0width$}", width = *width);
            if !given.contains(&id) && data.task_by_id(&id).is_none() {
                task.id = id.into();
                break;
            }
        }
    }
    Ok(())
}
