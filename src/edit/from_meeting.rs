//! `wg tasks add --from-meeting`: one task for each decision of a held meeting that has
//! no `task` yet, appended as `wg tasks add` appends one (same files, same style), and
//! the new id recorded in the decision (`task = "JH-09"`) — the task files and
//! meetings.toml validated together, then each replaced atomically, under the lock.
//!
//! Choices where SPEC is silent:
//! - The new task's group (SPEC: the decision's `group`, else `--group`, else the child
//!   group whose `lead_unit` is the decision's lead unit, else the meeting's group):
//!   when several child groups lead with that unit, the first in the order the agenda
//!   hears them (the office, then file order).
//! - Title: the decision's text; lead unit, supporting units, owner and due carried
//!   over; status todo; ids as `tasks add` gives them, one after another.
//! - `task = "…"` goes on the line after the decision's last key (its comments and the
//!   blank lines after it stay where they are); a decision written inline
//!   (`decisions = [{…}]`) is refused with a hint, since its line cannot take a key.
//! - The task files are written before meetings.toml (a decision may only name a task
//!   that exists). Should writing meetings.toml then fail, the tasks are there and the
//!   message says so; running again would add them again, so it names them.

use super::add::{Style, fields_of, next_id, split_id, target_file, write_new};
use super::{FileWrite, LOCK_TIMEOUT, Locks, open_for_write, replace};
use crate::i18n::{Text, msg};
use crate::load::{self, Diagnostic};
use crate::model::{Data, Decision, GroupIdx, Meeting, Org, Origin, Task};
use crate::report::lookup;
use crate::report::minutes::{Wanted, find};
use crate::{Error, Failed};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which meeting: `DATE` or `GROUP:DATE`, and `--group`.
#[derive(Debug, Clone)]
pub struct FromMeeting {
    /// The meeting's group, from `GROUP:DATE`.
    pub meeting_group: Option<String>,
    pub date: NaiveDate,
    /// `--group`: the tasks' group when a decision names none.
    pub group: Option<String>,
}

/// What it did (or, dry, would do).
#[derive(Debug, Clone)]
pub struct FromMeetingResult {
    pub org: Org,
    pub date: NaiveDate,
    /// The decisions, in file order: (number from 1, its text, what happened).
    pub decisions: Vec<(usize, String, DecisionResult)>,
    /// meetings.toml as shown.
    pub meetings_file: String,
    pub written: bool,
    pub warnings: Vec<Text>,
}

#[derive(Debug, Clone)]
pub enum DecisionResult {
    /// It had its task already.
    Had(String),
    /// A new task: its id, file (as shown), block appended, and the line of the
    /// decision's header in meetings.toml.
    Added {
        id: String,
        file: String,
        new_file: bool,
        block: String,
        line: usize,
    },
}

/// Parses `DATE` or `GROUP:DATE`.
pub fn parse_spec(typed: &str) -> Result<(Option<String>, NaiveDate), Error> {
    let (group, date) = match typed.rsplit_once(':') {
        Some((g, d)) => (Some(g.trim().to_owned()), d),
        None => (None, typed),
    };
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Usage(msg::on_flag(
            "from-meeting",
            &msg::from_meeting_not_a_date(typed),
        ))
    })?;
    Ok((group.filter(|g| !g.is_empty()), date))
}

pub fn from_meeting(
    dir: &Path,
    spec: &FromMeeting,
    dry_run: bool,
    seen: &dyn Fn(&Org),
    today: &dyn Fn(&Org) -> Result<NaiveDate, Error>,
) -> Result<FromMeetingResult, Error> {
    let mut locks = if dry_run {
        None
    } else {
        Some(Locks::take(dir)?)
    };
    let started = std::time::Instant::now();
    loop {
        match attempt(dir, spec, dry_run, locks.as_mut(), seen, today)? {
            Ok(done) => return Ok(done),
            Err(shown) if started.elapsed() >= LOCK_TIMEOUT => {
                return Err(Error::Other(Failed::error(
                    msg::kept_changing_while_adding(&shown),
                )));
            }
            Err(_) => {}
        }
    }
}

/// The group that is to own a decision's task (see the module doc).
fn group_for(data: &Data, m: &Meeting, d: &Decision, default: Option<GroupIdx>) -> GroupIdx {
    d.group
        .or(default)
        .or_else(|| {
            let lead = d.lead_unit?;
            data.children(m.group)
                .into_iter()
                .find(|&c| data.group(c).lead_unit == Some(lead))
        })
        .unwrap_or(m.group)
}

/// The `[[meetings.decisions]]` header line (1-based) and the line after which `task`
/// goes, 0-based, in `lines`.
fn insertion_line(lines: &[&str], header: usize) -> Option<usize> {
    let head = lines.get(header.checked_sub(1)?)?;
    if !head.trim_start().starts_with("[[") {
        return None;
    }
    let mut last = header - 1;
    for (i, line) in lines.iter().enumerate().skip(header) {
        let t = line.trim();
        if t.starts_with('[') {
            break;
        }
        if !t.is_empty() && !t.starts_with('#') {
            last = i;
        }
    }
    Some(last)
}

/// Opens a data file again under the lock; `Err(shown)` when it changed meanwhile.
fn reread(
    dir: &Path,
    sources: &mut [load::Source],
    rel: &Path,
    locks: Option<&mut Locks>,
) -> Result<Result<FileWrite, String>, Error> {
    let (shown, found) = match open_for_write(dir, sources, rel, locks)? {
        Ok(opened) => opened,
        Err(shown) => return Ok(Err(shown)),
    };
    let text = found
        .as_ref()
        .map_or_else(String::new, |(_, f)| f.text.to_string());
    Ok(Ok(FileWrite {
        rel: rel.to_path_buf(),
        path: dir.join(rel),
        shown,
        found,
        text,
    }))
}

fn attempt(
    dir: &Path,
    spec: &FromMeeting,
    dry_run: bool,
    mut locks: Option<&mut Locks>,
    seen: &dyn Fn(&Org),
    today: &dyn Fn(&Org) -> Result<NaiveDate, Error>,
) -> Result<Result<FromMeetingResult, String>, Error> {
    let mut loaded = load::load(dir).map_err(Error::Data)?;
    let data = &loaded.data;
    seen(&data.org);
    let today = today(&data.org)?;
    let group_flag = |flag: &str, typed: &str| {
        lookup::group(data, typed).map_err(|e| Error::Usage(msg::on_flag(flag, &e.text())))
    };
    let meeting_group = match &spec.meeting_group {
        Some(g) => Some(group_flag("from-meeting", g)?),
        None => None,
    };
    let default = match &spec.group {
        Some(g) => Some(group_flag("group", g)?),
        None => None,
    };
    let want = Wanted {
        date: Some(spec.date),
        group: meeting_group,
    };
    let meeting = find(data, want, today).map_err(Error::Usage)?;
    let meetings_rel = meeting.origin.file.to_path_buf();
    let mut result = FromMeetingResult {
        org: data.org.clone(),
        date: meeting.date,
        decisions: Vec::new(),
        meetings_file: meetings_rel.display().to_string(),
        written: false,
        warnings: Vec::new(),
    };

    // The new tasks, ids given one after another per group.
    let mut next: HashMap<GroupIdx, (String, u128, usize)> = HashMap::new();
    let mut planned: Vec<(usize, Task)> = Vec::new();
    for (n, d) in meeting.decisions.iter().enumerate() {
        if let Some(t) = &d.task {
            result
                .decisions
                .push((n + 1, d.text.clone(), DecisionResult::Had(t.clone())));
            continue;
        }
        let group = group_for(data, meeting, d, default);
        let slot = match next.entry(group) {
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                let first = next_id(data, group)?;
                let (prefix, digits) = split_id(&first).unwrap_or((first.as_str(), "1"));
                let n = digits.parse::<u128>().unwrap_or(1).saturating_sub(1);
                v.insert((prefix.to_owned(), n, digits.len()))
            }
        };
        let id = loop {
            slot.1 = slot.1.saturating_add(1);
            let id = format!("{}{:0width$}", slot.0, slot.1, width = slot.2);
            if data.task_by_id(&id).is_none() {
                break id;
            }
        };
        planned.push((
            n,
            Task {
                lead_unit: d.lead_unit,
                units: d.units.clone(),
                owner: d.owner,
                due: d.due,
                ..Task::new(id, d.text.clone(), group)
            },
        ));
    }
    if planned.is_empty() {
        return Ok(Ok(result));
    }

    // The task files, in the order their first new task comes.
    let mut writes: Vec<FileWrite> = Vec::new();
    let mut blocks: HashMap<usize, (String, bool)> = HashMap::new();
    for (n, task) in &mut planned {
        let rel = target_file(&loaded, task.group);
        let w = match writes.iter().position(|w| w.rel == rel) {
            Some(i) => i,
            None => match reread(dir, &mut loaded.sources, &rel, locks.as_deref_mut())? {
                Ok(w) => {
                    writes.push(w);
                    writes.len() - 1
                }
                Err(shown) => return Ok(Err(shown)),
            },
        };
        let Some(w) = writes.get_mut(w) else { continue };
        let style = Style::of(&w.text);
        let block = style.block(&fields_of(data, task)?);
        let (text, line) = style.append(&w.text, &block);
        w.text = text;
        task.origin = Origin {
            file: Arc::from(rel.as_path()),
            line,
        };
        blocks.insert(*n, (block.replace("\r\n", "\n"), w.found.is_none()));
    }

    // meetings.toml: `task = "…"` after each decision's last key, from the bottom up so
    // that the line numbers above stay good.
    let mut mw = match reread(dir, &mut loaded.sources, &meetings_rel, locks)? {
        Ok(w) => w,
        Err(shown) => return Ok(Err(shown)),
    };
    let crlf = mw.text.contains("\r\n");
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = mw.text.lines().map(str::to_owned).collect();
    let ends_with_newline = mw.text.ends_with('\n');
    let mut inserts: Vec<(usize, usize, String)> = Vec::new();
    {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        for (n, task) in &planned {
            let Some(d) = meeting.decisions.get(*n) else {
                continue;
            };
            let Some(after) = insertion_line(&refs, d.origin.line) else {
                return Err(Error::Usage(msg::decision_written_inline(
                    &format!("{}:{}", mw.shown, d.origin.line),
                    n + 1,
                )));
            };
            let indent: String = refs
                .get(after)
                .map(|l| l.chars().take_while(|c| *c == ' ' || *c == '\t').collect())
                .unwrap_or_default();
            let value = toml_edit::Value::from(&*task.id).to_string();
            inserts.push((after, *n, format!("{indent}task = {value}")));
        }
    }
    inserts.sort_by_key(|i| std::cmp::Reverse(i.0));
    for (after, _, line) in &inserts {
        lines.insert(after + 1, line.clone());
    }
    let mut text = lines.join(eol);
    if ends_with_newline {
        text.push_str(eol);
    }
    mw.text = text;

    let count = data.tasks.len();
    let meeting_line = meeting.origin.line;
    let decisions_before: Vec<Decision> = meeting.decisions.clone();
    drop(loaded);

    let mut all: Vec<&FileWrite> = writes.iter().collect();
    all.push(&mw);
    let replaced: HashMap<PathBuf, String> = all
        .iter()
        .map(|w| (w.rel.clone(), w.text.clone()))
        .collect();
    let reloaded = load::load_with(dir, replaced).map_err(|mut failure| {
        failure.diagnostics.insert(
            0,
            Diagnostic::error(msg::from_meeting_refused()).help(msg::edit_refused_help()),
        );
        Error::Data(failure)
    })?;
    // Every new task as planned, and every decision now naming its task.
    let after = reloaded
        .data
        .meetings
        .iter()
        .find(|m| m.origin.line == meeting_line && *m.origin.file == *meetings_rel);
    let ok = reloaded.data.tasks.len() == count + planned.len()
        && planned
            .iter()
            .all(|(_, t)| reloaded.data.task_by_id(&t.id) == Some(t))
        && after.is_some_and(|m| {
            m.decisions.iter().enumerate().all(|(n, d)| {
                let want = planned
                    .iter()
                    .find(|(k, _)| *k == n)
                    .map(|(_, t)| t.id.to_string())
                    .or_else(|| decisions_before.get(n).and_then(|b| b.task.clone()));
                d.task == want
            })
        });
    if !ok {
        return Err(Error::Other(Failed::error(
            msg::from_meeting_not_as_planned(),
        )));
    }
    let task_lines: HashMap<usize, usize> = after
        .map(|m| {
            m.decisions
                .iter()
                .enumerate()
                .map(|(n, d)| (n, d.origin.line))
                .collect()
        })
        .unwrap_or_default();
    let shown_of = |rel: &Path| {
        reloaded
            .sources
            .iter()
            .find(|s| *s.rel == *rel)
            .map_or_else(|| rel.display().to_string(), |s| s.shown.clone())
    };
    result.meetings_file = shown_of(&meetings_rel);
    for (n, task) in &planned {
        let (block, new_file) = blocks.remove(n).unwrap_or_default();
        let text = decisions_before
            .get(*n)
            .map(|d| d.text.clone())
            .unwrap_or_default();
        result.decisions.push((
            n + 1,
            text,
            DecisionResult::Added {
                id: task.id.to_string(),
                file: shown_of(&task.origin.file),
                new_file,
                block,
                line: task_lines.get(n).copied().unwrap_or(0),
            },
        ));
    }
    result.decisions.sort_by_key(|(n, _, _)| *n);
    if dry_run {
        return Ok(Ok(result));
    }
    let text_of = |w: &FileWrite| {
        reloaded
            .sources
            .iter()
            .find(|s| *s.rel == *w.rel)
            .map_or_else(|| w.text.clone(), |s| s.text.to_string())
    };
    for w in writes.iter().chain(std::iter::once(&mw)) {
        let text = text_of(w);
        let what = msg::the_tasks_from_meeting(&spec.date.to_string());
        match &w.found {
            None => write_new(&w.path, &text)
                .map_err(|e| Error::Other(Failed::wrap(msg::not_added(&what, &w.shown), e)))?,
            Some((real, found)) => match replace(real, found, &[text.as_bytes()], &w.shown, &what)?
            {
                Some(warnings) => result.warnings.extend(warnings),
                None => return Ok(Err(w.shown.clone())),
            },
        }
    }
    result.written = true;
    Ok(Ok(result))
}
