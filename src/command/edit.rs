//! `wg tasks done|status|note|edit|extend|add`: turns the command line into an
//! [`edit::Change`] (or an [`edit::NewTask`]), runs it, and prints what changed, in the
//! org's language.

use crate::cli::{AddArgs, EditArgs, TasksCommand, split_list};
use crate::context::Context;
use crate::edit::{self, Added, Change, Changed, FieldEdits, NewTask, NoteSpec, Outcome};
use crate::i18n::{self, L, msg};
use crate::load;
use crate::model::{Lang, Status};
use crate::report::indicator_view::format_amount;
use crate::{Error, Exit};
use std::io::Write;

/// Whether the command is one of the edits this module runs.
pub fn is_edit(cmd: &TasksCommand) -> bool {
    matches!(
        cmd,
        TasksCommand::Done { .. }
            | TasksCommand::Status { .. }
            | TasksCommand::Note { .. }
            | TasksCommand::Add(_)
            | TasksCommand::Edit { .. }
            | TasksCommand::Extend { .. }
    )
}

/// Runs an edit. The output is one line (and, for `add`, the new task's lines), so
/// `--format` is refused (before anything is written), not ignored.
pub fn run(
    cmd: &TasksCommand,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let command = match cmd {
        TasksCommand::Done { .. } => "tasks done",
        TasksCommand::Status { .. } => "tasks status",
        TasksCommand::Add(_) => "tasks add",
        TasksCommand::Edit { .. } => "tasks edit",
        TasksCommand::Extend { .. } => "tasks extend",
        _ => "tasks note",
    };
    let prints = match cmd {
        TasksCommand::Add(_) => msg::prints_the_new_task(),
        _ => msg::prints_one_line(),
    };
    super::no_format(ctx, command, &prints)?;
    super::no_out(ctx, command)?;
    if let TasksCommand::Add(args) = cmd
        && let Some(typed) = &args.from_meeting
    {
        let (meeting_group, date) = edit::parse_spec(typed)?;
        let dir = load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
        refuse_rollup(&dir, None)?;
        let spec = edit::FromMeeting {
            meeting_group,
            date,
            group: args.group.clone(),
        };
        let done = edit::from_meeting(
            &dir,
            &spec,
            args.dry_run,
            &|org| ctx.note_org(org),
            &|org| ctx.today(org),
        )?;
        let lang = ctx.lang(&done.org);
        out.write_all(describe_from_meeting(&done, lang).as_bytes())?;
        warn(err, &done.warnings, lang)?;
        return Ok(Exit::Ok);
    }
    if let TasksCommand::Add(args) = cmd {
        let dir = load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
        refuse_rollup(&dir, None)?;
        // From when the org is read, messages follow its `lang`.
        let added = edit::add(&dir, &new_task(args), args.dry_run, &|org| {
            ctx.note_org(org)
        })?;
        let lang = ctx.lang(&added.org);
        out.write_all(describe_added(&added, lang).as_bytes())?;
        warn(err, &added.warnings, lang)?;
        return Ok(Exit::Ok);
    }
    let (id, change) = match cmd {
        TasksCommand::Done { id, on, note } => (
            id,
            Change::Done {
                on: *on,
                note: note.clone(),
            },
        ),
        TasksCommand::Status { id, status } => {
            // Written in English whichever language was typed: the files stay uniform.
            let (status, _) = edit::parse_status(status)?;
            (
                id,
                Change::Status {
                    status,
                    word: status.as_str(),
                },
            )
        }
        TasksCommand::Note {
            id,
            text,
            problems,
            next_steps,
            by,
            on,
            values,
        } => (
            id,
            Change::Note(NoteSpec {
                text: text.clone(),
                problems: problems.clone(),
                next_steps: next_steps.clone(),
                by: by.clone(),
                on: *on,
                values: values.clone(),
            }),
        ),
        TasksCommand::Edit { id, fields } => (id, Change::Edit(field_edits(fields))),
        TasksCommand::Extend { id, to, reason } => (
            id,
            Change::Extend {
                to: *to,
                reason: reason.clone(),
            },
        ),
        _ => {
            return Err(Error::Usage(msg::only_these_edit_tasks()));
        }
    };
    let dir = load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
    refuse_rollup(&dir, Some(id))?;
    let outcome = edit::apply(&dir, id, &change, &|org| {
        // From here on, messages follow the org's `lang`.
        ctx.note_org(org);
        ctx.today(org)
    })?;
    let lang = ctx.lang(&outcome.org);
    writeln!(out, "{}", describe(&outcome, lang))?;
    warn(err, &outcome.warnings, lang)?;
    Ok(Exit::Ok)
}

/// A roll-up is read, never written: an edit there is refused, naming the office
/// directory to edit instead (the task's own, when its id is qualified).
pub(crate) fn refuse_rollup(dir: &std::path::Path, id: Option<&str>) -> Result<(), Error> {
    if !load::rollup::is_rollup(dir) {
        return Ok(());
    }
    let offices = load::rollup::offices(dir).map_err(Error::Data)?;
    Err(Error::Usage(load::rollup::edit_refused(dir, &offices, id)))
}

/// What the user should know about how an edit was done, one `warning:` line each.
fn warn(
    err: &mut dyn Write,
    warnings: &[crate::i18n::Text],
    lang: crate::model::Lang,
) -> Result<(), Error> {
    for warning in warnings {
        let line = crate::render::text::sanitize(warning.get(lang));
        writeln!(err, "{}{line}", msg::warning_prefix().get(lang))?;
    }
    Ok(())
}

fn new_task(a: &AddArgs) -> NewTask {
    NewTask {
        group: a.group.clone().unwrap_or_default(),
        title: a.title.clone().unwrap_or_default(),
        id: a.id.clone(),
        lead_unit: a.lead_unit.clone(),
        units: a.units.as_deref().map(split_list).unwrap_or_default(),
        owner: a.owner.clone(),
        start: a.start,
        due: a.due,
        repeat: a.repeat.clone(),
        targets: a.targets.as_deref().map(split_list).unwrap_or_default(),
        outcome: a.outcome.clone(),
    }
}

fn field_edits(a: &EditArgs) -> FieldEdits {
    FieldEdits {
        title: a.title.clone(),
        owner: a.owner.clone(),
        lead_unit: a.lead_unit.clone(),
        units: a.units.as_deref().map(split_list),
        start: a.start,
        due: a.due,
        outcome: a.outcome.clone(),
        targets: a.targets.as_deref().map(split_list),
    }
}

/// For each decision: the task it had, or the new task as `describe_added` shows one and
/// the line of meetings.toml that now records it; a last line when nothing was new.
fn describe_from_meeting(done: &edit::FromMeetingResult, lang: Lang) -> String {
    use crate::render::text::sanitize;
    let date = done.date.to_string();
    let mut out = String::new();
    let mut added = 0;
    for (n, text, what) in &done.decisions {
        match what {
            edit::DecisionResult::Had(id) => {
                out.push_str(&sanitize(msg::decision_has_task(*n, text, id).get(lang)));
                out.push('\n');
            }
            edit::DecisionResult::Added {
                id,
                file,
                new_file,
                block,
                line,
            } => {
                added += 1;
                let shown = Added {
                    id: id.clone(),
                    file: file.clone(),
                    new_file: *new_file,
                    block: block.clone(),
                    written: done.written,
                    org: done.org.clone(),
                    warnings: Vec::new(),
                };
                out.push_str(&describe_added(&shown, lang));
                let place = format!("{}:{line}", done.meetings_file);
                out.push_str(&sanitize(
                    msg::decision_records_task(*n, &place, id).get(lang),
                ));
                out.push_str("\n\n");
            }
        }
    }
    if done.decisions.is_empty() {
        out.push_str(msg::from_meeting_no_decisions(&date).get(lang));
        out.push('\n');
    } else if added == 0 {
        out.push_str(msg::from_meeting_nothing_new(done.decisions.len(), &date).get(lang));
        out.push('\n');
    }
    out
}

/// `JH-08: 已新增任务 (data/tasks/membership.toml)`, then the block as written; a dry
/// run says that nothing was written and where the block would go.
pub fn describe_added(added: &Added, lang: Lang) -> String {
    let mut place = added.file.clone();
    if added.new_file {
        place = format!("{place}, {}", L::EditNewFile.get(lang));
    }
    let head = if added.written {
        format!("{} ({place})", L::EditAdded.get(lang))
    } else {
        format!(
            "{} ({} {place})",
            L::EditDryRun.get(lang),
            L::EditWouldGo.get(lang)
        )
    };
    format!(
        "{}: {head}\n{}",
        added.id,
        crate::render::text::sanitize(&added.block)
    )
}

/// The label of a task field in the line `wg tasks edit` prints: the key in English
/// (as the other edits say `status`, `done_on`), the report label in Chinese.
fn field_label(key: &str, lang: Lang) -> String {
    let label = match key {
        "title" => L::TaskTitle,
        "owner" => L::Owner,
        "lead_unit" => L::LeadUnit,
        "units" => L::Units,
        "start" => L::Start,
        "due" => L::Due,
        "outcome" => L::Outcome,
        "targets" => L::Targets,
        _ => return key.to_owned(),
    };
    match lang {
        Lang::Zh => label.get(lang).to_owned(),
        Lang::En => key.to_owned(),
    }
}

/// `JH-01: status in-progress -> done (done_on 2026-11-29)`; in Chinese
/// `JH-01: 状态 进行中 -> 已完成 (完成日期 2026-11-29)`. Several changes are joined by "; ".
pub fn describe(outcome: &Outcome, lang: Lang) -> String {
    let word = |s: Status| match lang {
        Lang::Zh => i18n::status(s).get(lang),
        Lang::En => s.as_str(),
    };
    let mut parts: Vec<String> = Vec::new();
    let mut iter = outcome.changes.iter().peekable();
    while let Some(change) = iter.next() {
        let part = match change {
            Changed::Status { from, to } => {
                let mut s = format!(
                    "{} {} -> {}",
                    L::EditStatus.get(lang),
                    word(*from),
                    word(*to)
                );
                // The done_on that comes with a status change is said in brackets.
                match iter.peek() {
                    Some(Changed::DoneOnSet(d)) => {
                        s.push_str(&format!(" ({} {d})", L::EditDoneOn.get(lang)));
                        iter.next();
                    }
                    Some(Changed::DoneOnRemoved(d)) => {
                        s.push_str(&format!(
                            " ({} {d} {})",
                            L::EditDoneOn.get(lang),
                            L::EditRemoved.get(lang)
                        ));
                        iter.next();
                    }
                    _ => {}
                }
                s
            }
            Changed::DoneOnSet(d) => format!("{} {d}", L::EditDoneOn.get(lang)),
            Changed::DoneOnRemoved(d) => format!(
                "{} {d} {}",
                L::EditDoneOn.get(lang),
                L::EditRemoved.get(lang)
            ),
            Changed::DoneThrough {
                from: Some(from),
                to,
            } => {
                format!("{} {from} -> {to}", L::EditDoneThrough.get(lang))
            }
            Changed::DoneThrough { from: None, to } => {
                format!("{} {to}", L::EditDoneThrough.get(lang))
            }
            Changed::NoteAdded(d) => format!("{} ({d})", L::EditNoteAdded.get(lang)),
            Changed::Readings(values) => {
                let list: Vec<String> = values
                    .iter()
                    .map(|(name, n)| format!("{name} {}", format_amount(*n)))
                    .collect();
                format!(
                    "{} {}",
                    L::EditReadings.get(lang),
                    list.join(if lang == Lang::Zh { "、" } else { ", " })
                )
            }
            Changed::Unchanged(s) => format!(
                "{} {} ({})",
                L::EditStatus.get(lang),
                word(*s),
                L::EditUnchanged.get(lang)
            ),
            Changed::Field { key, from, to } => {
                let shown = |v: &Option<String>| match v {
                    None => L::None.get(lang).to_owned(),
                    Some(v) if matches!(*key, "title" | "outcome") => format!("\"{v}\""),
                    Some(v) => v.clone(),
                };
                format!(
                    "{} {} -> {}",
                    field_label(key, lang),
                    shown(from),
                    shown(to)
                )
            }
            Changed::NothingToChange => L::EditNothing.get(lang).to_owned(),
            Changed::Extended { from, to, original } => {
                let sep = if lang == Lang::Zh { "，" } else { "; " };
                format!(
                    "{} {from} -> {to} ({}{sep}{} {original})",
                    field_label("due", lang),
                    L::EditExtended.get(lang),
                    L::EditOriginalDue.get(lang)
                )
            }
        };
        parts.push(part);
    }
    format!("{}: {}", outcome.id, parts.join("; "))
}
