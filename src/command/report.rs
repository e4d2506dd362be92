//! `wg report`: the evaluation (检查评估) of a quarter per group, per lead unit or per
//! owner, as a table with the tasks behind the numbers named under it, or as data.
//! What is counted, and as of when, is documented in [`crate::report::evaluation`].

use super::meeting::{fill, indicator_text, quarter_name};
use super::{Formats, group_short_forms, load_data};
use crate::cli::{Format, ReportBy};
use crate::context::Context;
use crate::i18n::L;
use crate::model::{Data, Lang, Quarter, Warning};
use crate::render::{self, Grid, markdown_cell, text::one_line};
use crate::report::evaluation::{self, By, Counts, EvalRow, Evaluation};
use crate::report::indicator_view::IndicatorView;
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
    let (by, nobody) = match by {
        ReportBy::Group => (By::Group, L::EvalNoLeadUnit),
        ReportBy::Unit => (By::Unit, L::EvalNoLeadUnit),
        ReportBy::Owner => (By::Owner, L::EvalNoOwner),
        ReportBy::Office => (By::Office, L::EvalNoLeadUnit),
    };
    evaluation::check_by(data, by).map_err(Error::Usage)?;
    let report = evaluation::evaluate(data, q, today, by, nobody.get(lang));
    // The warning counts were graded with working days: say so if some fell outside
    // the calendar's years.
    let tasks: Vec<&crate::model::Task> = data.tasks.iter().collect();
    let windows = crate::report::task_view::warning_windows(data, today);
    super::tasks::warn_uncovered(
        err,
        &crate::report::tasks::window_uncovered(data, &tasks, &windows),
        lang,
    )?;
    let columns = Columns {
        rank: by != By::Group,
        indicators: report.indicators,
        blue: data.org.warnings.blue_days.is_some(),
    };
    let mut grid = grid(&report, &report.rows, Some(&report.total), columns, lang);
    if by == By::Group {
        grid.short_forms(0, group_short_forms(data));
    }
    let supporting = (!report.supporting.is_empty()).then(|| {
        let columns = Columns {
            rank: false,
            ..columns
        };
        grid_of(&report, &report.supporting, None, columns, L::Unit, lang)
    });
    match format {
        Format::Json => render::json(out, &report)?,
        Format::Yaml => render::yaml(out, &report)?,
        Format::Csv => out.write_all(&grid.to_csv(ctx.bom)?)?,
        // Refused by `pick` before the data was read.
        f @ (Format::Sqlite | Format::Sql) => return Err(REPORT.refuse(f)),
        Format::Table | Format::Text => {
            writeln!(out, "{}\n", one_line(&title(&report, q, lang)))?;
            out.write_all(grid.to_table_in(ctx.table_style(format)).as_bytes())?;
            if let Some(g) = &supporting {
                writeln!(out, "\n{}\n", one_line(L::EvalSupporting.get(lang)))?;
                out.write_all(g.to_table_in(ctx.table_style(format)).as_bytes())?;
            }
            for line in notes(data, &report, lang) {
                writeln!(out, "{}", one_line(&line))?;
            }
        }
        Format::Markdown => {
            writeln!(out, "## {}\n", markdown_cell(&title(&report, q, lang)))?;
            out.write_all(grid.to_markdown().as_bytes())?;
            if let Some(g) = &supporting {
                writeln!(
                    out,
                    "\n### {}\n",
                    markdown_cell(L::EvalSupporting.get(lang))
                )?;
                out.write_all(g.to_markdown().as_bytes())?;
            }
            for line in notes(data, &report, lang).iter().filter(|l| !l.is_empty()) {
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

/// Which of the optional columns a table has.
#[derive(Debug, Clone, Copy)]
struct Columns {
    /// The place by on-time rate (units and owners).
    rank: bool,
    /// The outcome columns, when the data has indicators at all.
    indicators: bool,
    /// Blue, when the org uses it.
    blue: bool,
}

fn rate(c: &Counts, lang: Lang) -> String {
    c.on_time_rate.map_or_else(
        || L::None.get(lang).to_owned(),
        |r| format!("{:.1}%", r * 100.0),
    )
}

/// One row's cells; `rank` is `None` for the total, which has no place.
fn cells(
    name: &str,
    rank: Option<Option<usize>>,
    c: &Counts,
    columns: Columns,
    lang: Lang,
) -> Vec<String> {
    let mut row = vec![name.to_owned()];
    if columns.rank {
        row.push(match rank {
            Some(Some(r)) => r.to_string(),
            Some(None) => L::None.get(lang).to_owned(),
            None => String::new(),
        });
    }
    row.extend(
        [
            c.due, c.done, c.on_time, c.late, c.overdue, c.open, c.blocked, c.extended,
        ]
        .map(|n| n.to_string()),
    );
    row.push(rate(c, lang));
    row.extend([c.carried, c.cleared, c.carried_open].map(|n| n.to_string()));
    if columns.indicators {
        row.extend(
            [
                c.with_indicators,
                c.outcome_met,
                c.done_outcome_unmet,
                c.behind_schedule,
            ]
            .map(|n| n.to_string()),
        );
    }
    row.extend(
        c.warnings
            .by_level()
            .iter()
            .filter(|(w, _)| columns.blue || *w != Warning::Blue)
            .map(|(_, n)| n.to_string()),
    );
    row
}

/// The main table: the rows, then the total.
fn grid<'r>(
    report: &'r Evaluation,
    rows: &'r [EvalRow],
    total: Option<&'r Counts>,
    columns: Columns,
    lang: Lang,
) -> Grid<'r> {
    let first = match report.by {
        "unit" => L::LeadUnit,
        "owner" => L::Owner,
        "office" => L::Office,
        _ => L::Group,
    };
    grid_of(report, rows, total, columns, first, lang)
}

/// The counts, backlog, outcomes (when the data has indicators), then the open tasks
/// per warning level (blue only when the org uses it).
fn grid_of<'r>(
    _report: &'r Evaluation,
    rows: &'r [EvalRow],
    total: Option<&'r Counts>,
    columns: Columns,
    first: L,
    lang: Lang,
) -> Grid<'r> {
    let mut headers = vec![first];
    if columns.rank {
        headers.push(L::EvalRank);
    }
    headers.extend([
        L::EvalDue,
        L::EvalDone,
        L::EvalOnTime,
        L::EvalLate,
        L::EvalOverdue,
        L::EvalOpen,
        L::EvalBlocked,
        L::EvalExtended,
        L::EvalRate,
        L::EvalCarried,
        L::EvalCleared,
        L::EvalCarriedOpen,
    ]);
    if columns.indicators {
        headers.extend([
            L::EvalWithIndicators,
            L::EvalOutcomeMet,
            L::EvalDoneUnmet,
            L::EvalBehind,
        ]);
    }
    headers.extend([L::EvalRed, L::EvalYellow, L::EvalBlue, L::EvalGreen]);
    let mut grid = Grid::new(
        headers
            .into_iter()
            .filter(|l| columns.blue || *l != L::EvalBlue)
            .map(|l| l.get(lang)),
    );
    for row in rows {
        grid.push(cells(&row.name, Some(row.rank), &row.counts, columns, lang));
    }
    if let Some(total) = total {
        grid.push(cells(L::EvalTotal.get(lang), None, total, columns, lang));
    }
    // A roll-up's rows of groups, units or owners: the office of each, after its name.
    if rows.iter().any(|r| r.office_label.is_some()) {
        let labels = rows
            .iter()
            .map(|r| r.office_label.clone().unwrap_or_default());
        grid.insert_column(1, L::Office.get(lang), labels);
    }
    grid
}

/// The tasks behind the numbers, the rows not ranked, then how each number is made.
fn notes(data: &Data, report: &Evaluation, lang: Lang) -> Vec<String> {
    let t = &report.total;
    let join = if lang == Lang::Zh { "、" } else { ", " };
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let mut lines = vec![String::new()];
    // Done, outcome not met: each with its readings as of the cut-off.
    let unmet: Vec<String> = t
        .outcome_unmet_tasks
        .iter()
        .map(|id| {
            let shown: Vec<String> = data
                .task_by_id(id)
                .map(|task| {
                    task.progress(report.cutoff)
                        .iter()
                        .filter(|p| !p.met)
                        .map(|p| indicator_text(&IndicatorView::of(p), lang))
                        .collect()
                })
                .unwrap_or_default();
            match lang {
                Lang::Zh => format!("{id}（{}）", shown.join("；")),
                Lang::En => format!("{id} ({})", shown.join("; ")),
            }
        })
        .collect();
    // Extended: each with its original and new due dates, and by how many days.
    let extended: Vec<String> = t
        .extended_tasks
        .iter()
        .map(|id| {
            match data
                .task_by_id(id)
                .and_then(|task| Some((task.original_due?, task.due?, task.extended_days()?)))
            {
                Some((original, due, days)) => fill(
                    L::EvalExtendedTask.get(lang),
                    &[
                        ("id", id),
                        ("original", &original.to_string()),
                        ("due", &due.to_string()),
                        ("days", &days.to_string()),
                    ],
                ),
                None => id.clone(),
            }
        })
        .collect();
    for (label, ids) in [
        (L::EvalLate, &t.late_tasks),
        (L::EvalOverdue, &t.overdue_tasks),
        (L::EvalBlocked, &t.blocked_tasks),
        (L::EvalExtended, &extended),
        (L::EvalCarriedOpen, &t.carried_open_tasks),
        (L::EvalDoneUnmet, &unmet),
        (L::EvalBehind, &t.behind_schedule_tasks),
    ] {
        if !ids.is_empty() {
            lines.push(format!("{}{colon}{}", label.get(lang), ids.join(join)));
        }
    }
    let unranked: Vec<&str> = report
        .rows
        .iter()
        .filter(|r| r.rank.is_none() && report.by != "group")
        .filter(|r| {
            !matches!(
                &r.key,
                evaluation::RowKey::Unit { unit: None } | evaluation::RowKey::Owner { owner: None }
            )
        })
        .map(|r| r.name.as_str())
        .collect();
    if !unranked.is_empty() {
        lines.push(fill(
            L::EvalUnranked.get(lang),
            &[("names", &unranked.join(join))],
        ));
    }
    if lines.len() > 1 {
        lines.push(String::new());
    }
    let dates = [
        ("cutoff", report.cutoff.to_string()),
        ("as_of", report.as_of.to_string()),
    ];
    let dates: Vec<(&str, &str)> = dates.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut explain = vec![L::EvalNote, L::EvalNoteBacklog];
    if report.indicators {
        explain.push(L::EvalNoteOutcome);
    }
    match report.by {
        "unit" => explain.extend([L::EvalNoteRank, L::EvalNoteSupporting]),
        "owner" | "office" => explain.push(L::EvalNoteRank),
        _ => {}
    }
    lines.extend(explain.into_iter().map(|l| fill(l.get(lang), &dates)));
    lines
}
