//! `wg report`: the evaluation (检查评估) of a quarter per group or per lead unit, as a
//! table with the tasks done late, overdue and blocked named under it, or as data.
//! What is counted, and as of when, is documented in [`crate::report::evaluation`].

use super::meeting::{fill, quarter_name};
use super::{Formats, group_short_forms, load_data};
use crate::cli::{Format, ReportBy};
use crate::context::Context;
use crate::i18n::L;
use crate::model::{Lang, Quarter, Warning};
use crate::render::{self, Grid, markdown_cell, text::one_line};
use crate::report::evaluation::{self, By, Counts, Evaluation};
use crate::{Error, Exit};
use std::io::Write;

use Format::{Csv, Json, Markdown, Table, Text, Yaml};

const REPORT: Formats = Formats {
    command: "report",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv],
};

pub fn run(
    q: Option<Quarter>,
    by: ReportBy,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let format = REPORT.pick(ctx)?;
    let loaded = load_data(ctx)?;
    let data = &loaded.data;
    let lang = ctx.lang(&data.org);
    let today = ctx.today(&data.org)?;
    let q = q.unwrap_or_else(|| Quarter::of(today));
    let by = match by {
        ReportBy::Group => By::Group,
        ReportBy::Unit => By::Unit,
    };
    let report = evaluation::evaluate(data, q, today, by, L::EvalNoLeadUnit.get(lang));
    // The warning counts were graded with working days: say so if some fell outside
    // the calendar's years.
    let tasks: Vec<&crate::model::Task> = data.tasks.iter().collect();
    let windows = crate::report::task_view::warning_windows(data, today);
    super::tasks::warn_uncovered(
        err,
        &crate::report::tasks::window_uncovered(data, &tasks, &windows),
        lang,
    )?;
    let mut grid = grid(&report, data.org.warnings.blue_days.is_some(), lang);
    if by == By::Group {
        grid.short_forms(0, group_short_forms(data));
    }
    match format {
        Format::Json => render::json(out, &report)?,
        Format::Yaml => render::yaml(out, &report)?,
        Format::Csv => out.write_all(&grid.to_csv(ctx.bom)?)?,
        Format::Table | Format::Text => {
            writeln!(out, "{}\n", one_line(&title(&report, q, lang)))?;
            out.write_all(grid.to_table_in(ctx.table_style(format)).as_bytes())?;
            for line in notes(&report, lang) {
                writeln!(out, "{}", one_line(&line))?;
            }
        }
        Format::Markdown => {
            writeln!(out, "## {}\n", markdown_cell(&title(&report, q, lang)))?;
            out.write_all(grid.to_markdown().as_bytes())?;
            for line in notes(&report, lang).iter().filter(|l| !l.is_empty()) {
                write!(out, "\n{}\n", markdown_cell(line))?;
            }
        }
    }
    Ok(Exit::Ok)
}

fn title(report: &Evaluation, q: Quarter, lang: Lang) -> String {
    fill(
        L::EvalTitle.get(lang),
        &[
            ("quarter", &quarter_name(q, lang)),
            ("cutoff", &report.cutoff.to_string()),
        ],
    )
}

fn rate(c: &Counts, lang: Lang) -> String {
    c.on_time_rate.map_or_else(
        || L::None.get(lang).to_owned(),
        |r| format!("{:.1}%", r * 100.0),
    )
}

fn cells(name: &str, c: &Counts, blue: bool, lang: Lang) -> Vec<String> {
    let mut row = vec![name.to_owned()];
    row.extend(
        [
            c.due, c.done, c.on_time, c.late, c.overdue, c.open, c.blocked, c.extended,
        ]
        .map(|n| n.to_string()),
    );
    row.push(rate(c, lang));
    row.extend(
        c.warnings
            .by_level()
            .iter()
            .filter(|(w, _)| blue || *w != Warning::Blue)
            .map(|(_, n)| n.to_string()),
    );
    row
}

/// The counts, then the open tasks per warning level (blue only when the org uses it).
fn grid(report: &Evaluation, blue: bool, lang: Lang) -> Grid<'_> {
    let first = if report.by == "unit" {
        L::LeadUnit
    } else {
        L::Group
    };
    let mut grid = Grid::new(
        [
            first,
            L::EvalDue,
            L::EvalDone,
            L::EvalOnTime,
            L::EvalLate,
            L::EvalOverdue,
            L::EvalOpen,
            L::EvalBlocked,
            L::EvalExtended,
            L::EvalRate,
            L::EvalRed,
            L::EvalYellow,
            L::EvalBlue,
            L::EvalGreen,
        ]
        .into_iter()
        .filter(|l| blue || *l != L::EvalBlue)
        .map(|l| l.get(lang)),
    );
    for row in &report.rows {
        grid.push(cells(&row.name, &row.counts, blue, lang));
    }
    grid.push(cells(L::EvalTotal.get(lang), &report.total, blue, lang));
    grid
}

/// The tasks behind the numbers, then how they were counted.
fn notes(report: &Evaluation, lang: Lang) -> Vec<String> {
    let t = &report.total;
    let join = if lang == Lang::Zh { "、" } else { ", " };
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let mut lines = vec![String::new()];
    for (label, ids) in [
        (L::EvalLate, &t.late_tasks),
        (L::EvalOverdue, &t.overdue_tasks),
        (L::EvalBlocked, &t.blocked_tasks),
        (L::EvalExtended, &t.extended_tasks),
    ] {
        if !ids.is_empty() {
            lines.push(format!("{}{colon}{}", label.get(lang), ids.join(join)));
        }
    }
    if lines.len() > 1 {
        lines.push(String::new());
    }
    lines.push(fill(
        L::EvalNote.get(lang),
        &[
            ("cutoff", &report.cutoff.to_string()),
            ("as_of", &report.as_of.to_string()),
        ],
    ));
    lines
}
