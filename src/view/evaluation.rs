//! The evaluation (检查评估) as a document. On a screen: the title as a heading, the
//! table of counts per group, lead unit or owner with its total, the supporting units'
//! table, the tasks behind the numbers and how each number is made. On paper: the
//! 检查评估情况报告 — a title, an opening paragraph that says the totals in prose, the
//! table (the counts; the backlog, outcomes and warnings are in the prose), the tasks
//! to watch, and the notes as 注. In a spreadsheet: the screen's tables under a title
//! row.

use super::words::{fill, indicator_text, list_sep, person_with, quarter_name, sep};
use super::{Cell, Chart, Document, Kind, Medium, Table, long_date, section_number};
use crate::i18n::L;
use crate::model::{Data, Lang, Quarter, Warning};
use crate::report::evaluation::{self, Counts, EvalRow, Evaluation};
use crate::report::indicator_view::IndicatorView;

/// Which of the optional columns a table has.
#[derive(Debug, Clone, Copy)]
struct Columns {
    /// The place by on-time rate (units and owners).
    rank: bool,
    /// The outcome columns, when the data has indicators at all.
    indicators: bool,
    /// Blue, when the org uses it.
    blue: bool,
    /// Paper: the counts only (backlog, outcomes and warnings are said in prose; twenty
    /// columns do not fit a page).
    paper: bool,
}

/// The evaluation of quarter `q`; `short_forms` are the groups' short names for the
/// group column of a narrow terminal.
pub fn evaluation(
    data: &Data,
    report: &Evaluation,
    q: Quarter,
    lang: Lang,
    short_forms: Vec<(String, String)>,
    medium: Medium,
) -> Document<'static> {
    let paper = medium == Medium::Paper;
    let columns = Columns {
        rank: report.by != "group",
        indicators: report.indicators,
        blue: data.org.warnings.blue_days.is_some(),
        paper,
    };
    let screen_title = fill(
        L::EvalTitle.get(lang),
        &[
            ("quarter", &quarter_name(q, lang)),
            ("cutoff", &report.cutoff.to_string()),
        ],
    );
    let mut doc = match medium {
        // The title as a section heading: the report is often pasted into a longer one.
        Medium::Screen => {
            let mut doc = Document::new(lang, Kind::List, "");
            doc.heading(1, screen_title);
            doc
        }
        Medium::Ledger => Document::new(lang, Kind::List, screen_title),
        Medium::Paper => {
            let mut doc = Document::new(
                lang,
                Kind::Paper,
                fill(
                    L::EvalPaperTitle.get(lang),
                    &[("quarter", &quarter_name(q, lang))],
                ),
            );
            doc.meta(fill(
                L::EvalPaperAsOf.get(lang),
                &[("date", &long_date(report.cutoff, lang))],
            ));
            doc.para(opening(data, report, lang));
            doc
        }
    };
    // The date the counts stand at: the quarter's end, or the as-of date if earlier
    // (the title says it; a spreadsheet's title row then does not say it twice).
    doc.as_of = Some(report.cutoff);
    let mut section = 0;
    let mut heading = |doc: &mut Document<'static>, l: L| {
        section += 1;
        doc.heading(
            1,
            format!("{}{}", section_number(section, lang), l.get(lang)),
        );
    };
    if paper {
        let by = match report.by {
            "unit" => L::EvalPaperByUnit,
            "owner" => L::EvalPaperByOwner,
            "office" => L::EvalPaperByOffice,
            _ => L::EvalPaperByGroup,
        };
        heading(&mut doc, by);
    }
    let first = match report.by {
        "unit" => L::LeadUnit,
        "owner" => L::Owner,
        "office" => L::Office,
        _ => L::Group,
    };
    let mut main = table(
        L::SheetEvaluation.get(lang),
        &report.rows,
        Some(&report.total),
        columns,
        first,
        lang,
    );
    if report.by == "group" {
        main.short_forms(0, short_forms);
    }
    let chart = match medium {
        // A terminal has the table; the chart is for the files an office passes on.
        Medium::Screen => None,
        Medium::Ledger | Medium::Paper => chart(&doc, &main, report, q, lang),
    };
    doc.main_table(main);
    if let Some(chart) = chart {
        doc.chart(chart);
    }
    if !report.supporting.is_empty() {
        if paper {
            heading(&mut doc, L::EvalPaperSupporting);
        } else {
            doc.heading(2, L::EvalSupporting.get(lang));
        }
        let columns = Columns {
            rank: false,
            ..columns
        };
        doc.table(table(
            L::SheetSupporting.get(lang),
            &report.supporting,
            None,
            columns,
            L::Unit,
            lang,
        ));
    }
    let tasks = task_lines(data, report, lang);
    if paper && !tasks.is_empty() {
        heading(&mut doc, L::EvalPaperAttention);
    }
    doc.list(tasks);
    for note in notes(report, lang) {
        doc.note(note);
    }
    doc
}

/// The bar chart under the main table: one bar per row (group, unit, owner), its tasks
/// due in the quarter stacked by how they stand (on time, late, overdue, open: they add
/// up to the due column). None when nothing is due in the quarter.
fn chart(
    doc: &Document<'static>,
    main: &Table<'static>,
    report: &Evaluation,
    q: Quarter,
    lang: Lang,
) -> Option<Chart<'static>> {
    if report.total.due == 0 {
        return None;
    }
    let series = [
        (L::EvalOnTime, Warning::Green),
        (L::EvalLate, Warning::Yellow),
        (L::EvalOverdue, Warning::Red),
        (L::EvalOpen, Warning::Blue),
    ]
    .into_iter()
    .map(|(l, w)| Some((main.column_of(l.get(lang))?, Some(w))))
    .collect::<Option<Vec<_>>>()?;
    let title = fill(
        L::EvalChartTitle.get(lang),
        &[("quarter", &quarter_name(q, lang))],
    );
    let mut chart = Chart::of_table(title, doc.tables().count(), main, 0, &series)?;
    chart.value_axis = L::EvalChartAxis.get(lang).into();
    Some(chart)
}

fn rate_text(r: Option<f64>, none: L, lang: Lang) -> String {
    r.map_or_else(
        || none.get(lang).to_owned(),
        |r| format!("{:.1}%", r * 100.0),
    )
}

fn rate(c: &Counts, lang: Lang) -> Cell<'static> {
    match c.on_time_rate {
        Some(r) => Cell::percent(r, rate_text(Some(r), L::None, lang)),
        None => Cell::empty(L::None.get(lang)),
    }
}

fn count(n: usize) -> Cell<'static> {
    Cell::count(u64::try_from(n).unwrap_or(u64::MAX))
}

/// One row's cells; `rank` is `None` for the total, which has no place.
fn cells(
    name: &str,
    rank: Option<Option<usize>>,
    c: &Counts,
    columns: Columns,
    lang: Lang,
) -> Vec<Cell<'static>> {
    let mut row = vec![Cell::text(name.to_owned())];
    if columns.rank {
        row.push(match rank {
            Some(Some(r)) => count(r),
            Some(None) => Cell::empty(L::None.get(lang)),
            None => Cell::empty(""),
        });
    }
    row.extend(
        [
            c.due, c.done, c.on_time, c.late, c.overdue, c.open, c.blocked, c.extended,
        ]
        .map(count),
    );
    row.push(rate(c, lang));
    if columns.paper {
        return row;
    }
    row.extend([c.carried, c.cleared, c.carried_open].map(count));
    if columns.indicators {
        row.extend(
            [
                c.with_indicators,
                c.outcome_met,
                c.done_outcome_unmet,
                c.behind_schedule,
            ]
            .map(count),
        );
    }
    row.extend(
        c.warnings
            .by_level()
            .iter()
            .filter(|(w, _)| columns.blue || *w != Warning::Blue)
            .map(|(_, n)| count(*n)),
    );
    row
}

/// The counts, backlog, outcomes (when the data has indicators), then the open tasks
/// per warning level (blue only when the org uses it); the total last.
fn table(
    name: &str,
    rows: &[EvalRow],
    total: Option<&Counts>,
    columns: Columns,
    first: L,
    lang: Lang,
) -> Table<'static> {
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
    ]);
    if !columns.paper {
        headers.extend([L::EvalCarried, L::EvalCleared, L::EvalCarriedOpen]);
        if columns.indicators {
            headers.extend([
                L::EvalWithIndicators,
                L::EvalOutcomeMet,
                L::EvalDoneUnmet,
                L::EvalBehind,
            ]);
        }
        headers.extend([L::EvalRed, L::EvalYellow, L::EvalBlue, L::EvalGreen]);
    }
    let mut t = Table::new(name.to_owned());
    t.columns(
        headers
            .into_iter()
            .filter(|l| columns.blue || *l != L::EvalBlue)
            .map(|l| l.get(lang)),
    );
    for row in rows {
        t.push(cells(&row.name, Some(row.rank), &row.counts, columns, lang));
    }
    if let Some(total) = total {
        t.push_total(cells(L::EvalTotal.get(lang), None, total, columns, lang));
    }
    // A roll-up's rows of groups, units or owners: the office of each, after its name.
    if rows.iter().any(|r| r.office_label.is_some()) {
        let labels: Vec<String> = rows
            .iter()
            .map(|r| r.office_label.clone().unwrap_or_default())
            .collect();
        t.insert_column(1, L::Office.get(lang), labels);
    }
    t
}

/// The opening paragraph of the paper report: the totals, the backlog, the outcomes
/// (when the data has indicators), the warnings, and who has the lowest on-time rate.
fn opening(data: &Data, report: &Evaluation, lang: Lang) -> String {
    let t = &report.total;
    let n = |v: usize| v.to_string();
    let mut s = fill(
        L::EvalPaperOpening.get(lang),
        &[
            ("date", &long_date(report.cutoff, lang)),
            ("due", &n(t.due)),
            ("done", &n(t.done)),
            ("on_time", &n(t.on_time)),
            ("late", &n(t.late)),
            ("overdue", &n(t.overdue)),
            ("open", &n(t.open)),
            ("rate", &rate_text(t.on_time_rate, L::EvalPaperNoRate, lang)),
            ("blocked", &n(t.blocked)),
            ("extended", &n(t.extended)),
        ],
    );
    let space = if lang == Lang::En { " " } else { "" };
    let mut add = |sentence: String| {
        s.push_str(space);
        s.push_str(&sentence);
    };
    // A backlog of nothing is not news on paper.
    if t.carried > 0 {
        add(fill(
            L::EvalPaperBacklog.get(lang),
            &[
                ("carried", &n(t.carried)),
                ("cleared", &n(t.cleared)),
                ("carried_open", &n(t.carried_open)),
            ],
        ));
    }
    if report.indicators {
        add(fill(
            L::EvalPaperOutcome.get(lang),
            &[
                ("with", &n(t.with_indicators)),
                ("met", &n(t.outcome_met)),
                ("unmet", &n(t.done_outcome_unmet)),
                ("behind", &n(t.behind_schedule)),
            ],
        ));
    }
    let w = &t.warnings;
    let warnings = if data.org.warnings.blue_days.is_some() {
        L::EvalPaperWarningsBlue
    } else {
        L::EvalPaperWarnings
    };
    add(fill(
        warnings.get(lang),
        &[
            ("red", &n(w.red)),
            ("yellow", &n(w.yellow)),
            ("blue", &n(w.blue)),
            ("green", &n(w.green)),
        ],
    ));
    // The lowest rate among several rows that have one: who is behind, by name.
    let rated: Vec<(&EvalRow, f64)> = report
        .rows
        .iter()
        .filter_map(|r| Some((r, r.counts.on_time_rate?)))
        .collect();
    if rated.len() > 1
        && let Some(low) = rated.iter().map(|(_, r)| *r).min_by(f64::total_cmp)
        && rated.iter().any(|(_, r)| *r > low)
    {
        let names: Vec<&str> = rated
            .iter()
            .filter(|(_, r)| *r == low)
            .map(|(row, _)| row.name.as_str())
            .collect();
        add(fill(
            L::EvalPaperLowest.get(lang),
            &[
                ("names", &names.join(list_sep(lang))),
                ("rate", &rate_text(Some(low), L::None, lang)),
            ],
        ));
    }
    s
}

/// The tasks behind the numbers (`逾期完成：JH-01、JH-02`), then the rows not ranked.
fn task_lines(data: &Data, report: &Evaluation, lang: Lang) -> Vec<String> {
    let t = &report.total;
    let join = list_sep(lang);
    let mut lines = Vec::new();
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
            person_with(id, &shown.join(sep(lang)), lang)
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
            lines.push(super::words::field(label.get(lang), &ids.join(join), lang));
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
    lines
}

/// How each number is made.
fn notes(report: &Evaluation, lang: Lang) -> Vec<String> {
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
    explain
        .into_iter()
        .map(|l| fill(l.get(lang), &dates))
        .collect()
}
