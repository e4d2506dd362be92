//! `wg tasks done|status|note`: turns the command line into an [`edit::Change`], runs
//! it, and prints one line saying what changed, in the org's language.

use crate::cli::TasksCommand;
use crate::context::Context;
use crate::edit::{self, Change, Changed, Outcome};
use crate::i18n::{self, L, msg};
use crate::load;
use crate::model::{Lang, Status};
use crate::{Error, Exit};
use std::io::Write;

/// Runs `done`, `status` or `note`. The output is one line, so `--format` is refused
/// (before anything is written), not ignored.
pub fn run(
    cmd: &TasksCommand,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let command = match cmd {
        TasksCommand::Done { .. } => "tasks done",
        TasksCommand::Status { .. } => "tasks status",
        _ => "tasks note",
    };
    super::no_format(ctx, command, &msg::prints_one_line())?;
    let (id, change) = match cmd {
        TasksCommand::Done { id, on, note } => (
            id,
            Change::Done {
                on: *on,
                note: note.clone(),
            },
        ),
        TasksCommand::Status { id, status } => {
            let (status, word) = edit::parse_status(status)?;
            (id, Change::Status { status, word })
        }
        TasksCommand::Note { id, text } => (id, Change::Note(text.clone())),
        _ => {
            return Err(Error::Usage(msg::only_these_edit_tasks()));
        }
    };
    let dir = load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
    let outcome = edit::apply(&dir, id, &change, &|org| {
        // From here on, messages follow the org's `lang`.
        ctx.note_org(org);
        ctx.today(org)
    })?;
    let lang = ctx.lang(&outcome.org);
    writeln!(out, "{}", describe(&outcome, lang))?;
    for warning in &outcome.warnings {
        let line = crate::render::text::sanitize(warning.get(lang));
        writeln!(err, "{}{line}", msg::warning_prefix().get(lang))?;
    }
    Ok(Exit::Ok)
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
            Changed::Unchanged(s) => format!(
                "{} {} ({})",
                L::EditStatus.get(lang),
                word(*s),
                L::EditUnchanged.get(lang)
            ),
        };
        parts.push(part);
    }
    format!("{}: {}", outcome.id, parts.join("; "))
}
