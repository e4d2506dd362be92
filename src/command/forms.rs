//! `wg tasks form|intake|remind`: the feedback-form round trip (进度反馈) and the 催办
//! reminders. The form is [`crate::forms::sheet`], reading it back
//! [`crate::forms::read`], writing what it says [`crate::edit::intake`].
//!
//! **Who was sent a form this period (未报送单位).** When `.wg-sent.toml` (what
//! `remind --sendmail` mailed) holds sends of the last [`PERIOD_DAYS`] days, those
//! addressees were sent a form, each on the day of its latest send; without such sends,
//! every lead unit with open tasks was, on the as-of date of the earliest form taken in.
//! An addressee has reported when a form of its comes in now, or a progress note `by`
//! it is dated on or after that day.

use super::{no_format, no_out};
use crate::cli::{FormsCommand, RemindBy};
use crate::context::Context;
use crate::edit::intake::{Intake, Taken};
use crate::forms::{self, Addressee, letter, mail, read, sent, sheet};
use crate::i18n::{Text, msg};
use crate::load;
use crate::model::{Data, Lang, Reporter};
use crate::{Error, Exit, Failed};
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How far back a send counts as "this period" for 未报送单位.
pub const PERIOD_DAYS: i64 = 31;

pub fn run(
    cmd: &FormsCommand,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    match cmd {
        FormsCommand::Form { unit, owner } => form(ctx, unit.as_deref(), owner.as_deref(), out),
        FormsCommand::Intake { files, dry_run } => intake(ctx, files, *dry_run, out, err),
        FormsCommand::Remind {
            by,
            sendmail,
            force,
        } => remind(ctx, *by, *sendmail, *force, out, err),
    }
}

fn form(
    ctx: &Context,
    unit: Option<&str>,
    owner: Option<&str>,
    out: &mut dyn Write,
) -> Result<Exit, Error> {
    no_format(ctx, "tasks form", &msg::prints_a_form())?;
    // A form goes back to the office that keeps the tasks: made there, not in a roll-up.
    let dir = load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
    super::edit::refuse_rollup(&dir, None)?;
    // The data first, so that what is wrong with the command line is said in the org's
    // language.
    let loaded = super::load_data(ctx, crate::load::Meetings::Unread)?;
    let data = &loaded.data;
    if unit.is_none() && owner.is_none() {
        return Err(Error::Usage(msg::form_needs_unit_or_owner()));
    }
    if ctx.out.is_none() {
        return Err(Error::Usage(msg::form_needs_out()));
    }
    if super::output_is_terminal(ctx) {
        return Err(Error::Usage(msg::form_binary_on_terminal()));
    }
    let today = ctx.today(&data.org)?;
    let who = addressee(data, unit, owner)?;
    let tasks = forms::open_tasks(data, who);
    if tasks.is_empty() {
        return Err(Error::Usage(msg::form_no_open_tasks(who.name(data))));
    }
    let bytes = sheet::workbook(data, who, &tasks, today, ctx.lang(&data.org), None)
        .map_err(|e| Error::Other(Failed::wrap(msg::form_not_made(), e)))?;
    super::write_out(ctx, &bytes, out)?;
    Ok(Exit::Ok)
}

fn addressee(data: &Data, unit: Option<&str>, owner: Option<&str>) -> Result<Addressee, Error> {
    use crate::report::lookup;
    match (unit, owner) {
        (Some(u), _) => lookup::unit(data, u)
            .map(Addressee::Unit)
            .map_err(|e| Error::Usage(msg::on_flag("unit", &e.text()))),
        (None, Some(p)) => lookup::person(data, p)
            .map(Addressee::Owner)
            .map_err(|e| Error::Usage(msg::on_flag("owner", &e.text()))),
        (None, None) => Err(Error::Usage(msg::form_needs_unit_or_owner())),
    }
}

fn join(problems: Vec<Text>) -> Text {
    let zh: Vec<&str> = problems.iter().map(|t| t.get(Lang::Zh)).collect();
    let en: Vec<&str> = problems.iter().map(|t| t.get(Lang::En)).collect();
    Text::new(zh.join("\n"), en.join("\n"))
}

fn intake(
    ctx: &Context,
    files: &[PathBuf],
    dry_run: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    no_format(ctx, "tasks intake", &msg::prints_what_it_takes_in())?;
    no_out(ctx, "tasks intake")?;
    let dir = load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
    super::edit::refuse_rollup(&dir, None)?;
    // What is wrong with the forms is said after the intake's own load has learnt the
    // org's language (a form that cannot be read still lets the others be checked).
    let mut forms_read = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        match read::read(f) {
            Ok(form) => forms_read.push(form),
            Err(mut p) => problems.append(&mut p),
        }
    }
    // The forms that could be read are checked row by row all the same (without
    // writing), so that one run says every problem of every form.
    let done =
        crate::edit::intake::intake(&dir, &forms_read, dry_run || !problems.is_empty(), &|org| {
            ctx.note_org(org);
            ctx.today(org)
        });
    let done = match done {
        Err(Error::Usage(more)) if !problems.is_empty() => {
            problems.push(more);
            return Err(Error::Usage(join(problems)));
        }
        Ok(_) if !problems.is_empty() => return Err(Error::Usage(join(problems))),
        other => other?,
    };
    let lang = ctx.lang(&done.org);
    let sends = sent::read(&dir)?;
    let text = describe_intake(&done, &sends, dry_run, lang);
    out.write_all(text.as_bytes())?;
    for w in &done.warnings {
        writeln!(err, "{}{}", msg::warning_prefix().get(lang), w.get(lang))?;
    }
    Ok(Exit::Ok)
}

/// What intake prints: each form's rows, a summary per unit, the units that have not
/// reported, and the files written.
fn describe_intake(done: &Intake, sends: &[sent::Sent], dry_run: bool, lang: Lang) -> String {
    use crate::edit::Changed;
    use std::fmt::Write as _;
    let t = |m: Text| m.get(lang).to_owned();
    let mut s = String::new();
    for form in &done.forms {
        let _ = writeln!(
            s,
            "{}",
            t(msg::intake_form_head(&form.file, &form.who, form.date))
        );
        if form.rows.is_empty() {
            let _ = writeln!(s, "  {}", t(msg::intake_nothing_filled()));
        }
        for row in &form.rows {
            let mut parts: Vec<String> = Vec::new();
            for taken in &row.taken {
                match taken {
                    Taken::AlreadyRecorded => parts.push(t(msg::intake_already_recorded())),
                    Taken::StatusNotApplied { now, asked } => {
                        parts.push(t(msg::intake_status_not_applied(
                            sheet::status_word(*asked, lang),
                            sheet::status_word(*now, lang),
                        )))
                    }
                    Taken::Added { changes, .. } => {
                        for c in changes {
                            match c {
                                Changed::NoteAdded(d) => parts.push(t(msg::intake_note_added(*d))),
                                Changed::Status { from, to } => parts.push(t(msg::intake_status(
                                    sheet::status_word(*from, lang),
                                    sheet::status_word(*to, lang),
                                ))),
                                Changed::DoneOnSet(d) => parts.push(t(msg::intake_done_on(*d))),
                                Changed::DoneThrough { to, .. } => {
                                    parts.push(t(msg::intake_done_through(*to)))
                                }
                                Changed::Readings(r) => {
                                    let list: Vec<String> = r
                                        .iter()
                                        .map(|(n, v)| {
                                            format!(
                                                "{n} = {}",
                                                crate::report::indicator_view::format_amount(*v)
                                            )
                                        })
                                        .collect();
                                    parts.push(t(msg::intake_readings(&list.join(", "))));
                                }
                                _ => {}
                            }
                        }
                    }
                }
            }
            let sep = match lang {
                Lang::Zh => "；",
                Lang::En => "; ",
            };
            let _ = writeln!(
                s,
                "  {}",
                t(msg::intake_row(row.row, &row.id, &parts.join(sep)))
            );
        }
    }
    // Per unit: rows taken.
    let _ = writeln!(s, "{}", t(msg::intake_summary()));
    let mut per: Vec<(String, usize, usize)> = Vec::new();
    for form in &done.forms {
        let added = form
            .rows
            .iter()
            .filter(|r| r.taken.iter().any(|k| matches!(k, Taken::Added { .. })))
            .count();
        let already = form.rows.len() - added;
        match per.iter_mut().find(|(w, _, _)| *w == form.who) {
            Some(p) => {
                p.1 += added;
                p.2 += already;
            }
            None => per.push((form.who.clone(), added, already)),
        }
    }
    for (who, added, already) in &per {
        let _ = writeln!(s, "  {}", t(msg::intake_unit_rows(who, *added, *already)));
    }
    let missing = unreported(done, sends);
    if missing.is_empty() {
        let _ = writeln!(s, "{}", t(msg::intake_all_reported()));
    } else {
        let list: Vec<String> = missing
            .iter()
            .map(|(name, since)| match since {
                Some(d) => t(msg::intake_unreported_one(name, *d)),
                None => name.clone(),
            })
            .collect();
        let sep = match lang {
            Lang::Zh => "、",
            Lang::En => ", ",
        };
        let line = match missing.first().is_some_and(|m| m.1.is_none()) {
            true => msg::intake_unreported_without_log(&list.join(sep)),
            false => msg::intake_unreported(&list.join(sep)),
        };
        let _ = writeln!(s, "{}", t(line));
    }
    if dry_run {
        let _ = writeln!(s, "{}", t(msg::intake_dry_run()));
    } else if done.files.is_empty() {
        let _ = writeln!(s, "{}", t(msg::intake_nothing_written()));
    } else {
        let _ = writeln!(s, "{}", t(msg::intake_written(&done.files.join(", "))));
    }
    s
}

/// The addressees sent a form this period that have not reported (see the module doc),
/// with the day they were sent it.
fn unreported(done: &Intake, sends: &[sent::Sent]) -> Vec<(String, Option<NaiveDate>)> {
    let data = &done.data;
    let today = done.today;
    let from = today
        .checked_sub_signed(chrono::Duration::days(PERIOD_DAYS))
        .unwrap_or(today);
    let mut sent_to: Vec<(Reporter, NaiveDate)> = Vec::new();
    let logged = sends.iter().any(|s| s.date >= from && s.date <= today);
    for s in sends.iter().filter(|s| s.date >= from && s.date <= today) {
        let who = match s.kind.as_str() {
            "owner" => data
                .people
                .iter()
                .position(|p| p.id == s.to)
                .map(Reporter::Person),
            _ => data
                .units
                .iter()
                .position(|u| u.id == s.to)
                .map(Reporter::Unit),
        };
        let Some(who) = who else { continue };
        match sent_to.iter_mut().find(|(w, _)| *w == who) {
            Some(e) => e.1 = e.1.max(s.date),
            None => sent_to.push((who, s.date)),
        }
    }
    if sent_to.is_empty() {
        let since = done.forms.iter().map(|f| f.date).min().unwrap_or(today);
        let since = since.min(today);
        for u in 0..data.units.len() {
            let leads_open = data
                .tasks
                .iter()
                .any(|t| !t.status.is_closed() && data.task_lead_unit(t) == Some(u));
            if leads_open {
                sent_to.push((Reporter::Unit(u), since));
            }
        }
    }
    let came_in: Vec<&str> = done.forms.iter().map(|f| f.who.as_str()).collect();
    sent_to
        .into_iter()
        .filter(|(who, since)| {
            let name = data.reporter_name(*who);
            !came_in.contains(&name)
                && !data
                    .tasks
                    .iter()
                    .flat_map(|t| &t.updates)
                    .any(|u| u.by == Some(*who) && u.date >= *since)
        })
        .map(|(who, since)| (data.reporter_name(who).to_owned(), logged.then_some(since)))
        .collect()
}

/// `sendmail` on PATH.
fn find_sendmail() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("sendmail"))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

fn remind(
    ctx: &Context,
    by: RemindBy,
    sendmail: bool,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    no_format(ctx, "tasks remind", &msg::prints_file_names())?;
    let dir = load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
    super::edit::refuse_rollup(&dir, None)?;
    // The data first, so that what is wrong with the command line (or a missing
    // sendmail) is said in the org's language.
    let loaded = super::load_data(ctx, crate::load::Meetings::Unread)?;
    let data = &loaded.data;
    let Some(dir_out) = ctx.out.clone() else {
        return Err(Error::Usage(msg::remind_needs_out()));
    };
    // `-` is standard output elsewhere; letters and forms need a directory.
    if dir_out.as_os_str() == "-" {
        return Err(Error::Usage(msg::remind_out_not_a_dir("-")));
    }
    let sendmail_path = match sendmail {
        true => Some(find_sendmail().ok_or_else(|| Error::Usage(msg::no_sendmail()))?),
        false => None,
    };
    let today = ctx.today(&data.org)?;
    let lang = ctx.lang(&data.org);
    if dir_out.exists() && !dir_out.is_dir() {
        return Err(Error::Usage(msg::remind_out_not_a_dir(
            &dir_out.display().to_string(),
        )));
    }
    std::fs::create_dir_all(&dir_out).map_err(|e| {
        Error::Other(Failed::wrap(
            msg::cannot_create_dir(&dir_out.display().to_string()),
            e,
        ))
    })?;
    let who_all: Vec<Addressee> = match by {
        RemindBy::Unit => (0..data.units.len()).map(Addressee::Unit).collect(),
        RemindBy::Owner => (0..data.people.len()).map(Addressee::Owner).collect(),
    };
    // Held from reading `.wg-sent.toml` to writing it: two runs from cron at once do not
    // both mail the same unit.
    let _lock = match sendmail {
        true => Some(crate::edit::lock(&loaded.dir, crate::edit::LOCK_TIMEOUT)?),
        false => None,
    };
    let log = if sendmail {
        sent::read(&loaded.dir)?
    } else {
        Vec::new()
    };
    let mut used_names: Vec<String> = Vec::new();
    let mut new_log: Vec<sent::Sent> = Vec::new();
    let mut no_address: Vec<String> = Vec::new();
    let mut already: Vec<String> = Vec::new();
    let mut failures: Vec<Text> = Vec::new();
    let mut written = 0usize;
    for who in who_all {
        let tasks = forms::open_tasks(data, who);
        let warned = letter::warned(data, &tasks, today);
        if warned.is_empty() {
            continue;
        }
        let mut base = forms::safe_file_name(who.name(data));
        let mut n = 2;
        while used_names.contains(&base) {
            base = format!("{}-{n}", forms::safe_file_name(who.name(data)));
            n += 1;
        }
        used_names.push(base.clone());
        let form_name = format!("{base}.xlsx");
        let body = letter::letter(data, who, &warned, today, lang, &form_name);
        let form = sheet::workbook(
            data,
            who,
            &tasks,
            today,
            lang,
            Some(letter::reply_by(today)),
        )
        .map_err(|e| Error::Other(Failed::wrap(msg::form_not_made(), e)))?;
        let md_path = dir_out.join(format!("{base}.md"));
        let xlsx_path = dir_out.join(&form_name);
        crate::output::write(&md_path, body.as_bytes(), out)?;
        crate::output::write(&xlsx_path, &form, out)?;
        writeln!(
            out,
            "{}",
            msg::remind_written(
                &md_path.display().to_string(),
                &xlsx_path.display().to_string(),
                warned.len()
            )
            .get(lang)
        )?;
        written += 1;
        let Some(sendmail_path) = &sendmail_path else {
            continue;
        };
        let (addresses, bad): (Vec<String>, Vec<String>) = who
            .emails(data)
            .into_iter()
            .partition(|a| mail::usable_address(a));
        for a in &bad {
            writeln!(
                err,
                "{}{}",
                msg::warning_prefix().get(lang),
                msg::unusable_address(who.name(data), &crate::render::text::sanitize(a)).get(lang)
            )?;
        }
        if addresses.is_empty() {
            no_address.push(who.name(data).to_owned());
            continue;
        }
        let sent_today = log
            .iter()
            .any(|s| s.date == today && s.kind == who.kind() && s.to == who.id(data));
        if sent_today && !force {
            already.push(who.name(data).to_owned());
            continue;
        }
        let message = mail::message(
            &addresses,
            &letter::subject(data, who, lang),
            &body,
            &form_name,
            &form,
        );
        match pipe_to(sendmail_path, message.as_bytes()) {
            Ok(()) => {
                writeln!(
                    out,
                    "{}",
                    msg::remind_mailed(who.name(data), &addresses.join(", ")).get(lang)
                )?;
                new_log.push(sent::Sent {
                    date: today,
                    kind: who.kind().to_owned(),
                    to: who.id(data).to_owned(),
                    name: who.name(data).to_owned(),
                    addresses,
                    tasks: warned.iter().map(|(t, _)| t.id.to_string()).collect(),
                });
            }
            Err(e) => failures.push(msg::sendmail_failed(who.name(data), &e)),
        }
    }
    // What was sent is recorded even when a later message failed.
    sent::append(&loaded.dir, &new_log)?;
    if written == 0 {
        writeln!(out, "{}", msg::remind_nothing().get(lang))?;
    }
    let sep = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    if !already.is_empty() {
        writeln!(
            out,
            "{}",
            msg::remind_already_sent(&already.join(sep)).get(lang)
        )?;
    }
    if !no_address.is_empty() {
        writeln!(
            out,
            "{}",
            msg::remind_no_address(&no_address.join(sep)).get(lang)
        )?;
    }
    if !failures.is_empty() {
        return Err(Error::Other(Failed::error(join(failures))));
    }
    Ok(Exit::Ok)
}

/// Runs `sendmail -t` with the message on its stdin; a non-zero exit is an error with
/// what it said.
fn pipe_to(sendmail: &Path, message: &[u8]) -> Result<(), String> {
    use std::process::{Command, Stdio};
    let mut child = Command::new(sendmail)
        .arg("-t")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(message).map_err(|e| e.to_string())?;
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(())
    } else {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        Err(format!(
            "{} {}",
            output.status,
            crate::render::text::sanitize(&said)
        ))
    }
}
