//! The 催办 letter: a short Markdown letter to a lead unit (or an owner) listing what
//! is overdue and what falls due soon (red and yellow warnings), asking for the
//! attached feedback form back by a date ([`REPLY_DAYS`] after the as-of date).

use super::Addressee;
use super::sheet::zh_date;
use crate::model::{Data, Lang, Task, Warning};
use crate::render::markdown_cell;
use crate::report::task_view::warning_windows;
use chrono::NaiveDate;
use std::fmt::Write as _;

/// The reply is asked for this many calendar days after the as-of date: a week, the
/// usual time a supervision office gives for a 反馈.
pub const REPLY_DAYS: i64 = 7;

/// The date the reply is asked for.
pub fn reply_by(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_signed(chrono::Duration::days(REPLY_DAYS))
        .unwrap_or(today)
}

/// The tasks a reminder is about: `who`'s open tasks that are red (overdue) or yellow
/// (due soon, or behind schedule), most urgent first (the order of `tasks`, by due).
pub fn warned<'d>(data: &Data, tasks: &[&'d Task], today: NaiveDate) -> Vec<(&'d Task, Warning)> {
    let windows = warning_windows(data, today);
    tasks
        .iter()
        .filter_map(|t| {
            let level = windows.level(t)?;
            (level <= Warning::Yellow).then_some((*t, level))
        })
        .collect()
}

/// The letter's subject line.
pub fn subject(data: &Data, who: Addressee, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("【催办】请报送{}牵头任务进展情况", who.name(data)),
        Lang::En => format!(
            "Reminder: progress report on the tasks of {}",
            who.name(data)
        ),
    }
}

/// The letter, in Markdown (also readable as plain text: it is the mail's body).
pub fn letter(
    data: &Data,
    who: Addressee,
    warned: &[(&Task, Warning)],
    today: NaiveDate,
    lang: Lang,
    form_name: &str,
) -> String {
    let name = markdown_cell(who.name(data));
    let org = markdown_cell(&data.org.name);
    let reply = reply_by(today);
    let overdue: Vec<&Task> = warned
        .iter()
        .filter(|(_, w)| *w == Warning::Red)
        .map(|(t, _)| *t)
        .collect();
    let soon: Vec<&Task> = warned
        .iter()
        .filter(|(_, w)| *w != Warning::Red)
        .map(|(t, _)| *t)
        .collect();
    let mut s = String::new();
    match lang {
        Lang::Zh => {
            let _ = writeln!(s, "# 催办通知\n\n{name}：\n");
            // 你单位, as in the notice (to a subordinate unit); a count of 0 is left out.
            let counts = [(overdue.len(), "已逾期"), (soon.len(), "临近完成时限")]
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n}项{what}"))
                .collect::<Vec<_>>()
                .join("，");
            let _ = writeln!(
                s,
                "截至{}，{}的任务中，{counts}。请抓紧推进，并填写附件《{}》，于{}前报回进展情况。\n",
                zh_date(today),
                match who {
                    Addressee::Unit(_) => "你单位牵头",
                    Addressee::Owner(_) => "你负责",
                },
                markdown_cell(form_name),
                zh_date(reply)
            );
            let soon_heading = if overdue.is_empty() { "一" } else { "二" };
            section(
                &mut s,
                "一、已逾期任务",
                &["编号", "事项", "完成时限", "逾期天数"],
                &overdue,
                Some(today),
            );
            section(
                &mut s,
                &format!("{soon_heading}、临近完成时限任务"),
                &["编号", "事项", "完成时限"],
                &soon,
                None,
            );
            let _ = writeln!(s, "{org}\n\n{}", zh_date(today));
        }
        Lang::En => {
            let _ = writeln!(s, "# Reminder\n\nTo {name}:\n");
            let counts = [(overdue.len(), "overdue"), (soon.len(), "due soon")]
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n} {what}"))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                s,
                "As of {today}, your tasks: {counts}. Please press on with them, fill in the attached form ({}) and send it back by {reply}.\n",
                markdown_cell(form_name)
            );
            section(
                &mut s,
                "Overdue",
                &["ID", "Task", "Due", "Days overdue"],
                &overdue,
                Some(today),
            );
            section(&mut s, "Due soon", &["ID", "Task", "Due"], &soon, None);
            let _ = writeln!(s, "{org}\n\n{today}");
        }
    }
    s
}

/// One section of a letter: `## heading`, then a Markdown table of `tasks` under
/// `columns` (id, title, next due date, and with `overdue_on` the days overdue on that
/// day); nothing when there is no task.
fn section(
    s: &mut String,
    heading: &str,
    columns: &[&str],
    tasks: &[&Task],
    overdue_on: Option<NaiveDate>,
) {
    if tasks.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "## {heading}\n\n| {} |\n|{}",
        columns.join(" | "),
        "---|".repeat(columns.len())
    );
    for t in tasks {
        let due = t.next_due().map_or_else(String::new, |d| d.to_string());
        let _ = write!(
            s,
            "| {} | {} | {due} |",
            markdown_cell(&t.id),
            markdown_cell(&t.title)
        );
        if let Some(today) = overdue_on {
            let _ = write!(s, " {} |", t.overdue(today).map_or(0, |o| o.days));
        }
        s.push('\n');
    }
    s.push('\n');
}
