//! `wg tasks intake`: filled feedback forms ([`crate::forms::read::Form`]) become
//! progress notes and status changes, written through the edit path of [`super`]:
//! under the locks, every task's chunk spliced with the same code as `wg tasks note`,
//! every changed file validated together, then each replaced atomically. One write per
//! file; nothing is written unless every form and every row is good.
//!
//! Reading a form again adds nothing: a row whose note (same date, same reporter, same
//! text) is already on the task is "already recorded", status and all. That also makes
//! a retry safe when another program writes a task file in the middle of an intake.

use super::{Changed, Found, KeyEdit, Locks, Plan, chunk_range, edit_chunk, replace};
use crate::forms::read::{Form, FormRow};
use crate::i18n::{Text, msg};
use crate::load::{self, Diagnostic, Loaded};
use crate::model::{Data, Org, Reading, Reporter, Status, Task, Update};
use crate::{Because, Error, Failed};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// What became of one row.
#[derive(Debug, Clone, PartialEq)]
pub enum Taken {
    /// A note added (with its date), and any status change and readings.
    Added {
        note: Option<NaiveDate>,
        changes: Vec<Changed>,
    },
    /// The same note is on the task already: nothing added.
    AlreadyRecorded,
    /// A status the form gives that the task cannot take now (it was closed since the
    /// form was made): not applied, and said so.
    StatusNotApplied { now: Status, asked: Status },
}

/// One row's outcome, with its place.
#[derive(Debug, Clone)]
pub struct RowOutcome {
    pub file: String,
    pub sheet: String,
    pub row: u32,
    pub id: String,
    pub taken: Vec<Taken>,
}

/// One form's outcome.
#[derive(Debug, Clone)]
pub struct FormOutcome {
    pub file: String,
    /// The unit's or person's name, and `unit` or `owner`.
    pub who: String,
    pub kind: &'static str,
    pub date: NaiveDate,
    pub rows: Vec<RowOutcome>,
}

/// What an intake did (or, with `--dry-run`, would do).
#[derive(Debug, Clone)]
pub struct Intake {
    pub forms: Vec<FormOutcome>,
    /// The files written (none with `--dry-run`), as shown.
    pub files: Vec<String>,
    /// The data after the intake (before it, with `--dry-run`).
    pub data: Data,
    pub today: NaiveDate,
    pub org: Org,
    pub warnings: Vec<Text>,
}

/// Takes in `forms`. `today` gives the as-of date once the org is known.
pub fn intake(
    dir: &Path,
    forms: &[Form],
    dry_run: bool,
    today: &dyn Fn(&Org) -> Result<NaiveDate, Error>,
) -> Result<Intake, Error> {
    let mut locks = if dry_run {
        None
    } else {
        Some(Locks::take(dir)?)
    };
    let started = Instant::now();
    loop {
        match attempt(dir, forms, today, locks.as_mut())? {
            Some(done) => return Ok(done),
            None if started.elapsed() >= super::LOCK_TIMEOUT => {
                return Err(Error::Other(Failed::error(msg::kept_changing(
                    &dir.display().to_string(),
                ))));
            }
            None => {}
        }
    }
}

/// A task's edits: the plans of its rows, in order.
struct TaskPlans {
    task: Task,
    plans: Vec<Plan>,
}

/// `None`: a file changed under the intake; read everything again.
fn attempt(
    dir: &Path,
    forms: &[Form],
    today: &dyn Fn(&Org) -> Result<NaiveDate, Error>,
    locks: Option<&mut Locks>,
) -> Result<Option<Intake>, Error> {
    let mut loaded = load::load(dir).map_err(Error::Data)?;
    let today = today(&loaded.data.org)?;
    let (outcomes, planned) = plan_forms(&loaded.data, forms, today)?;
    let org = loaded.data.org.clone();
    let mut result = Intake {
        forms: outcomes,
        files: Vec::new(),
        data: loaded.data.clone(),
        today,
        org,
        warnings: Vec::new(),
    };
    let Some(locks) = locks else {
        return Ok(Some(result));
    };
    if planned.is_empty() {
        return Ok(Some(result));
    }
    // The files, and in each the tasks from the last to the first: a splice never moves
    // the lines of a task above it.
    let mut by_file: Vec<(Arc<Path>, Vec<TaskPlans>)> = Vec::new();
    for tp in planned {
        let file = tp.task.origin.file.clone();
        match by_file.iter_mut().find(|(f, _)| *f == file) {
            Some((_, list)) => list.push(tp),
            None => by_file.push((file, vec![tp])),
        }
    }
    let mut founds: Vec<(PathBuf, PathBuf, String, Found)> = Vec::new();
    let mut replaced: HashMap<PathBuf, String> = HashMap::new();
    for (file, list) in &mut by_file {
        list.sort_by_key(|tp| std::cmp::Reverse(tp.task.origin.line));
        let source = loaded
            .sources
            .iter()
            .position(|s| *s.rel == **file)
            .ok_or_else(|| {
                Failed::error(msg::task_file_not_read(
                    list.first().map_or("", |t| &*t.task.id),
                    &file.display().to_string(),
                ))
            })?;
        let shown = loaded
            .sources
            .get(source)
            .map_or_else(String::new, |s| s.shown.clone());
        let path = dir.join(&**file);
        let real = path
            .canonicalize()
            .because(|| msg::cannot_resolve(&path.display().to_string()))?;
        if !locks.cover(&real)? {
            return Ok(None);
        }
        let text = loaded
            .sources
            .get_mut(source)
            .map(|s| std::mem::take(&mut s.text))
            .unwrap_or_default();
        let Some(found) = Found::read(&real, text)? else {
            return Ok(None);
        };
        if found.links > 1 {
            result
                .warnings
                .push(msg::hard_links_broken(&shown, found.links));
        }
        let body = found.text.trim_start_matches('\u{FEFF}');
        let marks = found
            .text
            .get(..found.text.len() - body.len())
            .unwrap_or("")
            .to_owned();
        let mut text = body.to_owned();
        for tp in list.iter() {
            let next_line = loaded
                .data
                .tasks
                .iter()
                .filter(|t| t.origin.file == *file && t.origin.line > tp.task.origin.line)
                .map(|t| t.origin.line)
                .min();
            text = splice(&text, &tp.task, next_line, &tp.plans).map_err(|e| {
                Error::Other(Failed::wrap(msg::cannot_edit(&tp.task.id, &shown), e))
            })?;
        }
        replaced.insert(file.to_path_buf(), format!("{marks}{text}"));
        founds.push((file.to_path_buf(), real, shown, found));
    }
    let old_data = loaded.data.clone();
    drop(loaded);
    let reloaded: Loaded = load::load_with(dir, replaced).map_err(|mut failure| {
        failure.diagnostics.insert(
            0,
            Diagnostic::error(msg::intake_refused()).help(msg::edit_refused_help()),
        );
        Error::Data(failure)
    })?;
    for (_, list) in &by_file {
        for tp in list {
            check(&reloaded, &tp.task, &tp.plans).map_err(|e| {
                Error::Other(Failed::wrap(
                    msg::edit_not_as_planned(
                        &tp.task.id,
                        &tp.task.origin.file.display().to_string(),
                    ),
                    e,
                ))
            })?;
        }
    }
    let _ = old_data;
    let what = msg::the_intake();
    for (rel, real, shown, found) in &founds {
        let new_text = reloaded
            .sources
            .iter()
            .find(|s| *s.rel == **rel)
            .map_or("", |s| &*s.text);
        match replace(real, found, &[new_text.as_bytes()], shown, &what)? {
            None => return Ok(None),
            Some(warnings) => result.warnings.extend(warnings),
        }
        result.files.push(shown.clone());
    }
    result.data = reloaded.data;
    Ok(Some(result))
}

/// The task's chunk with every plan applied in turn, spliced back into `text`.
fn splice(
    text: &str,
    task: &Task,
    next_line: Option<usize>,
    plans: &[Plan],
) -> anyhow::Result<String> {
    let chunk = chunk_range(text, task.origin.line, next_line).unwrap_or(0..text.len());
    let old = text
        .get(chunk.clone())
        .ok_or_else(|| Failed::error(msg::task_lines_moved()))?;
    let mut new = old.to_owned();
    for plan in plans {
        new = edit_chunk(&new, &task.id, plan)?;
    }
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(text.get(..chunk.start).unwrap_or(""));
    out.push_str(&new);
    out.push_str(text.get(chunk.end..).unwrap_or(""));
    Ok(out)
}

/// The task reads back as planned, and nothing else of it changed.
fn check(reloaded: &Loaded, before: &Task, plans: &[Plan]) -> anyhow::Result<()> {
    let after = reloaded
        .data
        .task_by_id(&before.id)
        .ok_or_else(|| Failed::error(msg::task_is_gone(&before.id)))?;
    let mut expected = before.clone();
    // Notes added to the tasks above it move it down the file.
    expected.origin = after.origin.clone();
    for plan in plans {
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
        expected.updates.extend(plan.note.clone());
    }
    if *after == expected {
        Ok(())
    } else {
        Err(Failed::error(msg::task_reads_back_wrong(&before.id)))
    }
}

/// Every form's rows as plans, checked against the data; all the problems at once.
fn plan_forms(
    data: &Data,
    forms: &[Form],
    today: NaiveDate,
) -> Result<(Vec<FormOutcome>, Vec<TaskPlans>), Error> {
    let mut problems: Vec<Text> = Vec::new();
    let mut outcomes = Vec::new();
    let mut planned: Vec<TaskPlans> = Vec::new();
    for form in forms {
        problems.extend(form.problems.iter().cloned());
        if form.meta.org != data.org.name {
            problems.push(msg::form_other_data_set(
                &form.file,
                &form.meta.org,
                &data.org.name,
            ));
            continue;
        }
        let (reporter, by_written, kind) = match reporter(data, form) {
            Ok(r) => r,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let date = form.report_date.unwrap_or(form.meta.as_of);
        if date > today {
            // Said, and the rows checked all the same: every problem in one run.
            problems.push(msg::form_date_in_future(&form.file, date, today));
        }
        let date = date.min(today);
        let mut rows = Vec::new();
        for row in &form.rows {
            match plan_row(
                data,
                form,
                row,
                reporter,
                &by_written,
                date,
                today,
                &planned,
            ) {
                Ok((taken, plan)) => {
                    if let Some(plan) = plan {
                        match planned.iter_mut().find(|tp| tp.task.id == row.id) {
                            Some(tp) => tp.plans.push(plan),
                            None => {
                                if let Some(task) = data.task_by_id(&row.id) {
                                    planned.push(TaskPlans {
                                        task: task.clone(),
                                        plans: vec![plan],
                                    });
                                }
                            }
                        }
                    }
                    rows.push(RowOutcome {
                        file: form.file.clone(),
                        sheet: form.sheet.clone(),
                        row: row.row,
                        id: row.id.clone(),
                        taken,
                    });
                }
                Err(mut e) => problems.append(&mut e),
            }
        }
        outcomes.push(FormOutcome {
            file: form.file.clone(),
            who: data.reporter_name(reporter).to_owned(),
            kind,
            date,
            rows,
        });
    }
    if problems.is_empty() {
        Ok((outcomes, planned))
    } else {
        Err(Error::Usage(join(problems)))
    }
}

/// The problems one per line.
fn join(problems: Vec<Text>) -> Text {
    let zh: Vec<&str> = problems
        .iter()
        .map(|t| t.get(crate::model::Lang::Zh))
        .collect();
    let en: Vec<&str> = problems
        .iter()
        .map(|t| t.get(crate::model::Lang::En))
        .collect();
    Text::new(zh.join("\n"), en.join("\n"))
}

/// The unit (or owner) the form was made for, by the id it recorded, else its name.
fn reporter(data: &Data, form: &Form) -> Result<(Reporter, String, &'static str), Text> {
    let m = &form.meta;
    if m.kind == "owner" {
        let p = data
            .people
            .iter()
            .position(|p| p.id == m.who_id)
            .or_else(|| crate::report::lookup::person(data, &m.who_name).ok())
            .ok_or_else(|| msg::form_addressee_gone(&form.file, &m.who_name))?;
        Ok((Reporter::Person(p), super::person_ref(data, p), "owner"))
    } else {
        let u = data
            .units
            .iter()
            .position(|u| u.id == m.who_id)
            .or_else(|| crate::report::lookup::unit(data, &m.who_name).ok())
            .ok_or_else(|| msg::form_addressee_gone(&form.file, &m.who_name))?;
        Ok((Reporter::Unit(u), data.unit_name(u).to_owned(), "unit"))
    }
}

fn place(form: &Form, row: &FormRow, col: &str, header: &str) -> Text {
    msg::form_place(&form.file, &form.sheet, row.row, col, header)
}

/// One row: what it adds, as a plan (none when nothing is new).
#[allow(clippy::too_many_arguments)]
fn plan_row(
    data: &Data,
    form: &Form,
    row: &FormRow,
    reporter: Reporter,
    by_written: &str,
    date: NaiveDate,
    today: NaiveDate,
    planned: &[TaskPlans],
) -> Result<(Vec<Taken>, Option<Plan>), Vec<Text>> {
    let h = |c: crate::forms::labels::Column| c.header(crate::model::Lang::Zh);
    use crate::forms::labels::Column as C;
    let task = crate::report::tasks::find_task(data, &row.id).map_err(|e| {
        vec![msg::form_cell_problem(
            &place(form, row, &row.id_col, h(C::Id)),
            &e,
        )]
    })?;
    let Some((_, pending)) = form.meta.tasks.iter().find(|(id, _)| *id == task.id) else {
        return Err(vec![msg::form_task_not_on_form(
            &place(form, row, &row.id_col, h(C::Id)),
            &task.id,
        )]);
    };
    let mut problems = Vec::new();
    let progress_col = row.progress_col.clone();
    if row.progress.is_none()
        && (row.problems.is_some()
            || row.next_steps.is_some()
            || !row.values.is_empty()
            || row.values_unread)
    {
        problems.push(msg::form_progress_missing(&place(
            form,
            row,
            &progress_col,
            h(C::Progress),
        )));
    }
    // Readings, by the task's indicators.
    let mut readings: Vec<Reading> = Vec::new();
    let mut shown: Vec<(String, f64)> = Vec::new();
    for (name, value, col) in &row.values {
        let key = load::normalize(name);
        match task
            .indicators
            .iter()
            .position(|i| load::normalize(&i.name) == key)
        {
            Some(i) => {
                readings.push(Reading {
                    indicator: i,
                    value: *value,
                });
                if let Some(ind) = task.indicators.get(i) {
                    shown.push((ind.name.clone(), *value));
                }
            }
            None => problems.push(msg::form_no_such_indicator(
                &place(form, row, col, name),
                &task.id,
            )),
        }
    }
    // 完成日期 goes with 已完成.
    if let Some((_, col)) = &row.done_on
        && !row.status_unread
        && row.status.as_ref().map(|(s, _)| *s) != Some(Status::Done)
    {
        problems.push(msg::form_done_date_without_done(&place(
            form,
            row,
            col,
            h(C::DoneOn),
        )));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    // Already recorded: the same note by the same reporter on the same day, on the task
    // or earlier in this intake.
    if let Some((text, _)) = &row.progress {
        let same = |u: &Update| u.date == date && u.by == Some(reporter) && u.note == *text;
        let on_task = task.updates.iter().any(same);
        let in_run = planned
            .iter()
            .filter(|tp| tp.task.id == task.id)
            .flat_map(|tp| tp.plans.iter().filter_map(|p| p.note.as_ref()))
            .any(same);
        if on_task || in_run {
            return Ok((vec![Taken::AlreadyRecorded], None));
        }
    }

    let mut plan = Plan::default();
    let mut taken = Vec::new();
    if let Some((text, _)) = &row.progress {
        let mut update = Update::new(date, text.clone());
        update.problems = row.problems.clone().map(Into::into);
        update.next_steps = row.next_steps.clone().map(Into::into);
        update.by = Some(reporter);
        update.values = readings;
        plan.note = Some(update);
        plan.note_by = Some(by_written.to_owned());
        plan.changes.push(Changed::NoteAdded(date));
        if !shown.is_empty() {
            plan.readings.clone_from(&shown);
            plan.changes.push(Changed::Readings(shown));
        }
    }
    // The status as the earlier rows of this intake leave it.
    let status_now = planned
        .iter()
        .filter(|tp| tp.task.id == task.id)
        .flat_map(|tp| tp.plans.iter().filter_map(|p| p.status.map(|(s, _)| s)))
        .last()
        .unwrap_or(task.status);
    if let Some((asked, col)) = &row.status {
        let asked = *asked;
        if task.repeat.is_some() && asked == Status::Done {
            // A repeating task: the occurrence the form asked about is done.
            let through = planned
                .iter()
                .filter(|tp| tp.task.id == task.id)
                .flat_map(|tp| tp.plans.iter().filter_map(|p| p.done_through))
                .max()
                .or(task.done_through);
            if let Some(p) = pending
                && through.is_none_or(|t| t < *p)
            {
                plan.done_through = Some(*p);
                plan.changes.push(Changed::DoneThrough {
                    from: task.done_through,
                    to: *p,
                });
            }
        } else if asked != status_now {
            if status_now.is_closed() {
                taken.push(Taken::StatusNotApplied {
                    now: status_now,
                    asked,
                });
            } else {
                plan.status = Some((asked, None));
                plan.changes.push(Changed::Status {
                    from: status_now,
                    to: asked,
                });
                if asked == Status::Done {
                    let on = row.done_on.as_ref().map_or(date, |(d, _)| *d);
                    if on > today {
                        let c = row
                            .done_on
                            .as_ref()
                            .map_or(col.as_str(), |(_, c)| c.as_str());
                        return Err(vec![msg::form_cell_problem(
                            &place(form, row, c, h(C::DoneOn)),
                            &msg::done_in_the_future(on, today),
                        )]);
                    }
                    plan.done_on = Some(KeyEdit::Set(on));
                    plan.changes.push(Changed::DoneOnSet(on));
                }
            }
        }
    }
    if plan.is_noop() {
        if taken.is_empty() {
            // A status the task has already, and no note: as taken in before.
            taken.push(Taken::AlreadyRecorded);
        }
        return Ok((taken, None));
    }
    taken.insert(
        0,
        Taken::Added {
            note: plan.note.as_ref().map(|u| u.date),
            changes: plan.changes.clone(),
        },
    );
    Ok((taken, Some(plan)))
}
