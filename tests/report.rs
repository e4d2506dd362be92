//! Tests of `wg report`, the evaluation (检查评估), on `tests/fixtures/meetings/` (as of
//! 2026-08-20, in 2026Q3) and on the default data.

use crate::common::{Output, run, wg};
use serde::Deserialize;

const FIXTURE: &str = "tests/fixtures/meetings";

fn fixture(args: &[&str]) -> Output {
    run(wg()
        .args(["--data", FIXTURE, "--today", "2026-08-20"])
        .args(args))
}

fn ok(out: Output) -> String {
    assert_eq!(out.code, 0, "wg failed:\n{}", out.stderr);
    out.stdout
}

/// Tasks open on the as-of date, per warning level (预警).
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct WarningsJson {
    red: usize,
    yellow: usize,
    blue: usize,
    green: usize,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct CountsJson {
    due: usize,
    done: usize,
    on_time: usize,
    late: usize,
    overdue: usize,
    open: usize,
    blocked: usize,
    extended: usize,
    on_time_rate: Option<f64>,
    warnings: WarningsJson,
    late_tasks: Vec<String>,
    overdue_tasks: Vec<String>,
    blocked_tasks: Vec<String>,
    extended_tasks: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RowJson {
    /// With --by group.
    #[serde(default)]
    group: Option<String>,
    /// With --by unit (null for tasks without a lead unit).
    #[serde(default)]
    unit: Option<String>,
    name: String,
    due: usize,
    done: usize,
    on_time: usize,
    late: usize,
    overdue: usize,
    open: usize,
    blocked: usize,
    extended: usize,
    on_time_rate: Option<f64>,
    warnings: WarningsJson,
    late_tasks: Vec<String>,
    overdue_tasks: Vec<String>,
    blocked_tasks: Vec<String>,
    extended_tasks: Vec<String>,
}

impl RowJson {
    fn counts(&self) -> [usize; 7] {
        [
            self.due,
            self.done,
            self.on_time,
            self.late,
            self.overdue,
            self.open,
            self.blocked,
        ]
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportJson {
    as_of: String,
    cutoff: String,
    quarter: String,
    from: String,
    to: String,
    by: String,
    rows: Vec<RowJson>,
    total: CountsJson,
}

fn report(args: &[&str]) -> ReportJson {
    let mut all = vec!["report", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(fixture(&all))).unwrap()
}

#[test]
fn report_counts_the_current_quarter_as_of_today() {
    let r = report(&[]);
    assert_eq!(
        (
            r.as_of.as_str(),
            r.cutoff.as_str(),
            r.quarter.as_str(),
            r.from.as_str(),
            r.to.as_str(),
            r.by.as_str()
        ),
        (
            "2026-08-20",
            "2026-08-20",
            "2026Q3",
            "2026-07-01",
            "2026-09-30",
            "group"
        )
    );
    // Every group has a row, in file order: [due, done, on_time, late, overdue, open, blocked].
    let rows: Vec<(&str, [usize; 7], Option<f64>)> = r
        .rows
        .iter()
        .map(|row| {
            (
                row.group.as_deref().unwrap(),
                row.counts(),
                row.on_time_rate,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("leading", [2, 1, 1, 0, 1, 0, 0], Some(0.5)),
            ("rights", [1, 1, 0, 1, 0, 0, 0], Some(0.0)),
            ("office", [3, 0, 0, 0, 1, 2, 1], Some(0.0)),
            ("membership", [1, 0, 0, 0, 0, 1, 0], None),
            ("east", [1, 0, 0, 0, 1, 0, 0], Some(0.0)),
        ]
    );
    // Every task open on 08-20, whatever its due date: [red, yellow, blue, green].
    let warnings: Vec<[usize; 4]> = r
        .rows
        .iter()
        .map(|row| {
            let w = &row.warnings;
            [w.red, w.yellow, w.blue, w.green]
        })
        .collect();
    assert_eq!(
        warnings,
        [
            [1, 0, 0, 1],
            [1, 0, 0, 2],
            [1, 0, 0, 2],
            [0, 0, 0, 1],
            [1, 0, 0, 1]
        ]
    );
    assert!(r.rows.iter().all(|row| row.unit.is_none()));
    assert_eq!(r.rows[1].late_tasks, ["WQ-02"]);
    // JH-01 was due 07-31 and is extended to 09-01: counted under its new date, and as
    // one of the quarter's extended deadlines.
    let extended: Vec<(usize, &[String])> = r
        .rows
        .iter()
        .map(|row| (row.extended, row.extended_tasks.as_slice()))
        .collect();
    assert_eq!(
        extended,
        [
            (0, &[][..]),
            (0, &[][..]),
            (0, &[][..]),
            (1, &["JH-01".to_owned()][..]),
            (0, &[][..]),
        ]
    );
    assert_eq!(
        (
            r.rows[2].overdue_tasks.as_slice(),
            r.rows[2].blocked_tasks.as_slice()
        ),
        (&["BG-02".to_owned()][..], &["BG-03".to_owned()][..])
    );
    assert_eq!(r.rows[0].name, "测试工作领导小组");
    assert_eq!(
        r.total,
        CountsJson {
            due: 8,
            done: 2,
            on_time: 1,
            late: 1,
            overdue: 3,
            open: 3,
            blocked: 1,
            extended: 1,
            on_time_rate: Some(0.2),
            // Every task open on 2026-08-20: WQ-01, BG-02, LD-02, DB-01 overdue; the
            // rest due after 08-23 (yellow_days 3, no calendar): green.
            warnings: WarningsJson {
                red: 4,
                yellow: 0,
                blue: 0,
                green: 7
            },
            late_tasks: vec!["WQ-02".into()],
            overdue_tasks: vec!["LD-02".into(), "BG-02".into(), "DB-01".into()],
            blocked_tasks: vec!["BG-03".into()],
            extended_tasks: vec!["JH-01".into()],
        }
    );
}

#[test]
fn report_on_an_ended_quarter_is_as_at_its_close() {
    let r = report(&["--quarter", "2026Q2"]);
    assert_eq!(r.cutoff, "2026-06-30");
    // WQ-01 (due 06-30) was not done by the close; BG-02's April–June occurrences are
    // within done_through.
    assert_eq!(
        (r.total.due, r.total.on_time, r.total.overdue, r.total.open),
        (2, 1, 1, 0)
    );
    assert_eq!(r.total.overdue_tasks, ["WQ-01"]);
}

#[test]
fn report_by_unit_groups_by_lead_unit() {
    let r = report(&["--by", "unit"]);
    assert_eq!(r.by, "unit");
    let rows: Vec<(Option<&str>, usize)> = r
        .rows
        .iter()
        .map(|row| (row.unit.as_deref(), row.due))
        .collect();
    assert_eq!(
        rows,
        [
            (Some("基层工作部"), 6),
            (Some("权益保障部"), 1),
            (Some("组织部"), 1)
        ]
    );
    assert!(r.rows.iter().all(|row| row.group.is_none()));
}

#[test]
fn report_future_quarter_has_nothing_settled() {
    let r = report(&["--quarter", "2026Q4"]);
    assert_eq!(r.cutoff, "2026-08-20");
    assert_eq!(
        (
            r.total.due,
            r.total.open,
            r.total.overdue,
            r.total.blocked,
            r.total.on_time_rate
        ),
        (4, 4, 0, 1, None)
    );
}

#[test]
fn report_snapshots() {
    let seed = |args: &[&str]| {
        ok(run(wg()
            .args(["--data", "data", "--today", "2022-01-10"])
            .args(args)))
    };
    insta::assert_snapshot!(
        "report-seed-2021q4",
        seed(&["report", "--quarter", "2021Q4"])
    );
    insta::assert_snapshot!(
        "report-seed-2021q4-by-unit-en-markdown",
        seed(&[
            "--lang",
            "en",
            "report",
            "--quarter",
            "2021Q4",
            "--by",
            "unit",
            "--format",
            "markdown"
        ])
    );
    insta::assert_snapshot!("report-fixture", ok(fixture(&["report"])));
}

#[test]
fn report_csv_and_yaml() {
    let csv = ok(fixture(&["report", "--format", "csv"]));
    assert_eq!(
        csv.lines().next(),
        Some(
            "小组,到期任务,已完成,按期完成,逾期完成,逾期未完成,在办,受阻,延期,按期完成率,\
             红色预警,黄色预警,绿色（正常）"
        )
    );
    assert!(
        csv.contains("\n测试工作领导小组,2,1,1,0,1,0,0,0,50.0%,1,0,1\n"),
        "{csv}"
    );
    assert!(csv.ends_with("合计,8,2,1,1,3,3,1,1,20.0%,4,0,7\n"), "{csv}");
    let yaml = ok(fixture(&["report", "--format", "yaml"]));
    assert!(
        yaml.contains("cutoff: \"2026-08-20\"") || yaml.contains("cutoff: 2026-08-20"),
        "{yaml}"
    );
}
