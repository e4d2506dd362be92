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
    carried: usize,
    cleared: usize,
    carried_open: usize,
    with_indicators: usize,
    outcome_met: usize,
    done_outcome_unmet: usize,
    behind_schedule: usize,
    warnings: WarningsJson,
    late_tasks: Vec<String>,
    overdue_tasks: Vec<String>,
    blocked_tasks: Vec<String>,
    extended_tasks: Vec<String>,
    carried_open_tasks: Vec<String>,
    outcome_unmet_tasks: Vec<String>,
    behind_schedule_tasks: Vec<String>,
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
    /// With --by owner (null for tasks without an owner).
    #[serde(default)]
    owner: Option<String>,
    name: String,
    /// The place by on-time rate; null for groups and rows without a rate.
    rank: Option<usize>,
    due: usize,
    done: usize,
    on_time: usize,
    late: usize,
    overdue: usize,
    open: usize,
    blocked: usize,
    extended: usize,
    on_time_rate: Option<f64>,
    carried: usize,
    cleared: usize,
    carried_open: usize,
    with_indicators: usize,
    outcome_met: usize,
    done_outcome_unmet: usize,
    behind_schedule: usize,
    warnings: WarningsJson,
    late_tasks: Vec<String>,
    overdue_tasks: Vec<String>,
    blocked_tasks: Vec<String>,
    extended_tasks: Vec<String>,
    carried_open_tasks: Vec<String>,
    outcome_unmet_tasks: Vec<String>,
    behind_schedule_tasks: Vec<String>,
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
    /// With --by unit: the supporting units, apart from the rows and the total.
    supporting: Vec<RowJson>,
    /// Whether any task has indicators.
    indicators: bool,
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
            // DB-02 is blocked and due in Q4: counted where it is blocked, now.
            ("east", [1, 0, 0, 0, 1, 0, 1], Some(0.0)),
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
    // WQ-01, due 06-30 and still in progress, is carried in from Q2.
    assert_eq!(
        r.rows
            .iter()
            .map(|row| (row.carried, row.cleared, row.carried_open))
            .collect::<Vec<_>>(),
        [(0, 0, 0), (1, 0, 1), (0, 0, 0), (0, 0, 0), (0, 0, 0)]
    );
    assert_eq!(r.rows[1].carried_open_tasks, ["WQ-01"]);
    assert!(r.rows.iter().all(|row| row.rank.is_none()));
    assert!(!r.indicators && r.supporting.is_empty());
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
            blocked: 2,
            extended: 1,
            on_time_rate: Some(0.2),
            carried: 1,
            cleared: 0,
            carried_open: 1,
            with_indicators: 0,
            outcome_met: 0,
            done_outcome_unmet: 0,
            behind_schedule: 0,
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
            blocked_tasks: vec!["BG-03".into(), "DB-02".into()],
            extended_tasks: vec!["JH-01".into()],
            carried_open_tasks: vec!["WQ-01".into()],
            outcome_unmet_tasks: vec![],
            behind_schedule_tasks: vec![],
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
    // Nothing was due before Q2 and open on 04-01.
    assert_eq!(r.total.carried, 0);
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
    // Ranked by on-time rate: 1/3, then 0 and 0 sharing the second place.
    let ranks: Vec<(Option<usize>, Option<f64>)> = r
        .rows
        .iter()
        .map(|row| (row.rank, row.on_time_rate))
        .collect();
    assert_eq!(
        ranks,
        [
            (Some(1), Some(0.333)),
            (Some(2), Some(0.0)),
            (Some(2), Some(0.0))
        ]
    );
    // WQ-04 is led by 组织部 in the rights group, whose lead unit 权益保障部 does not
    // get it; the fixture has no supporting units.
    assert!(r.supporting.is_empty());
}

#[test]
fn report_by_owner_ranks_the_owners_and_puts_tasks_without_one_last() {
    let r = report(&["--by", "owner"]);
    assert_eq!(r.by, "owner");
    let rows: Vec<(Option<&str>, Option<usize>, usize, usize)> = r
        .rows
        .iter()
        .map(|row| (row.owner.as_deref(), row.rank, row.due, row.carried))
        .collect();
    // 李四: WQ-02 late (0%), WQ-01 carried in. 钱二: LD-02 overdue (0%). 孙三: BG-02
    // overdue (0%), BG-01 and BG-03 open. 周五: DB-01 overdue (0%). 吴六: JH-01 open, no
    // rate. No owner: LD-01 on time, the last row whatever its rate.
    assert_eq!(
        rows,
        [
            (Some("钱二"), Some(1), 1, 0),
            (Some("孙三"), Some(1), 3, 0),
            (Some("李四"), Some(1), 1, 1),
            (Some("周五"), Some(1), 1, 0),
            (Some("吴六"), None, 1, 0),
            (None, None, 1, 0),
        ]
    );
    assert_eq!(
        r.rows.last().map(|row| row.name.as_str()),
        Some("（未定责任人）")
    );
    assert_eq!(r.rows.iter().map(|row| row.due).sum::<usize>(), r.total.due);
    assert!(
        r.rows
            .iter()
            .all(|row| row.group.is_none() && row.unit.is_none())
    );
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
        (4, 4, 0, 2, None)
    );
    // Carried into Q4 as things stand on 08-20: every task due before 10-01 and open
    // (BG-02's July occurrence is missed), none cleared yet.
    assert_eq!(
        r.total.carried_open_tasks,
        [
            "LD-02", "BG-01", "BG-02", "BG-03", "WQ-01", "JH-01", "DB-01"
        ]
    );
    assert_eq!((r.total.carried, r.total.cleared), (7, 0));
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
             上期结转,结转已完成,结转未完成,红色预警,黄色预警,绿色（正常）"
        )
    );
    assert!(
        csv.contains("\n测试工作领导小组,2,1,1,0,1,0,0,0,50.0%,0,0,0,1,0,1\n"),
        "{csv}"
    );
    assert!(
        csv.ends_with("合计,8,2,1,1,3,3,2,1,20.0%,1,0,1,4,0,7\n"),
        "{csv}"
    );
    let yaml = ok(fixture(&["report", "--format", "yaml"]));
    assert!(
        yaml.contains("cutoff: \"2026-08-20\"") || yaml.contains("cutoff: 2026-08-20"),
        "{yaml}"
    );
}

/// `tests/fixtures/outcomes` (each task shows one yardstick; see its comments).
const OUTCOMES: &str = "tests/fixtures/outcomes";

fn outcomes(today: &str, args: &[&str]) -> ReportJson {
    let mut all = vec![
        "--data", OUTCOMES, "--today", today, "report", "--format", "json",
    ];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(run(wg().args(&all)))).unwrap()
}

/// [carried, cleared, carried_open, with_indicators, outcome_met, done_outcome_unmet,
/// behind_schedule, blocked] of a row.
fn yardsticks(c: &RowJson) -> [usize; 8] {
    [
        c.carried,
        c.cleared,
        c.carried_open,
        c.with_indicators,
        c.outcome_met,
        c.done_outcome_unmet,
        c.behind_schedule,
        c.blocked,
    ]
}

#[test]
fn report_counts_the_backlog_outcomes_and_blocked_tasks_wherever_due() {
    let r = outcomes("2026-08-20", &[]);
    assert!(r.indicators);
    let rows: Vec<(&str, [usize; 7], [usize; 8])> = r
        .rows
        .iter()
        .map(|row| (row.group.as_deref().unwrap(), row.counts(), yardsticks(row)))
        .collect();
    assert_eq!(
        rows,
        [
            // OC-08 carried in and blocked, OC-09 blocked and due in Q4.
            ("leading", [0, 0, 0, 0, 0, 0, 2], [1, 0, 1, 0, 0, 0, 0, 2]),
            // OC-01 on time and met; OC-02 late, done, outcome not met; OC-10 extended
            // and on time against its new date; OC-12 open.
            ("office", [4, 3, 2, 1, 0, 1, 0], [0, 0, 0, 2, 1, 1, 0, 0]),
            // OC-03 exactly 20 points behind (not behind), OC-04 21 (behind).
            ("rights", [2, 0, 0, 0, 0, 2, 0], [0, 0, 0, 2, 0, 0, 1, 0]),
            // OC-05 carried and cleared, OC-06 carried and open; OC-07 done in Q2.
            (
                "membership",
                [0, 0, 0, 0, 0, 0, 0],
                [2, 1, 1, 0, 0, 0, 0, 0]
            ),
        ]
    );
    let t = &r.total;
    assert_eq!(
        (
            t.due,
            t.done,
            t.on_time_rate,
            t.carried,
            t.cleared,
            t.carried_open
        ),
        (6, 3, Some(0.667), 3, 1, 2)
    );
    // One deadline moved: OC-10, originally due 07-15 (in Q3), now 08-31.
    assert_eq!(
        (t.extended, t.extended_tasks.as_slice()),
        (1, &["OC-10".to_owned()][..])
    );
    assert_eq!(r.rows[1].extended, 1);
    assert_eq!(t.carried_open_tasks, ["OC-08", "OC-06"]);
    assert_eq!(r.rows[1].outcome_unmet_tasks, ["OC-02"]);
    assert_eq!(r.rows[2].behind_schedule_tasks, ["OC-04"]);
    assert_eq!(t.blocked_tasks, ["OC-08", "OC-09"]);
    assert_eq!(t.outcome_unmet_tasks, ["OC-02"]);
    assert_eq!(t.behind_schedule_tasks, ["OC-04"]);
    // behind_schedule = true: OC-04 is yellow, though due in 10 days.
    assert_eq!(
        [t.warnings.red, t.warnings.yellow, t.warnings.green],
        [2, 1, 3]
    );
}

#[test]
fn report_of_an_ended_quarter_reads_the_indicators_as_at_its_close() {
    // OC-02's reading of 10-05 reaches the target, after Q3 closed: Q3 still has it
    // done with its outcome not met, while the task itself is met by now.
    let r = outcomes("2026-10-10", &["--quarter", "2026Q3"]);
    assert_eq!(r.total.outcome_unmet_tasks, ["OC-02"]);
    let show = ok(run(wg().args([
        "--data",
        OUTCOMES,
        "--today",
        "2026-10-10",
        "tasks",
        "show",
        "OC-02",
    ])));
    assert!(
        show.contains("快递员入会 1000/1000 人，100%（截至 2026-10-05，已达标）"),
        "{show}"
    );
}

#[test]
fn report_by_unit_counts_supporting_units_apart_and_ranks_lead_units() {
    let r = outcomes("2026-08-20", &["--by", "unit"]);
    let rows: Vec<(Option<&str>, Option<usize>, usize, usize)> = r
        .rows
        .iter()
        .map(|row| (row.unit.as_deref(), row.rank, row.due, row.carried))
        .collect();
    assert_eq!(
        rows,
        [
            (Some("基层工作部"), Some(1), 4, 2),
            (Some("权益保障部"), None, 2, 0),
            (Some("组织部"), None, 0, 1),
        ]
    );
    // The rows add up to the total; the supporting units do not add to it.
    assert_eq!(r.rows.iter().map(|row| row.due).sum::<usize>(), r.total.due);
    let supporting: Vec<(Option<&str>, usize, usize, usize)> = r
        .supporting
        .iter()
        .map(|row| (row.unit.as_deref(), row.due, row.late, row.behind_schedule))
        .collect();
    // 基层工作部 supports OC-04 (behind), 权益保障部 supports OC-02 (late).
    assert_eq!(
        supporting,
        [(Some("基层工作部"), 1, 0, 1), (Some("权益保障部"), 1, 1, 0)]
    );
}

#[test]
fn report_snapshots_with_outcomes() {
    let report = |by: &str| {
        ok(run(wg().args([
            "--data",
            OUTCOMES,
            "--today",
            "2026-08-20",
            "report",
            "--by",
            by,
        ])))
    };
    insta::assert_snapshot!("report-outcomes-by-group", report("group"));
    insta::assert_snapshot!("report-outcomes-by-unit", report("unit"));
    insta::assert_snapshot!("report-outcomes-by-owner", report("owner"));
    let seed = |args: &[&str]| {
        ok(run(wg()
            .args(["--data", "data", "--today", "2022-01-10"])
            .args(args)))
    };
    insta::assert_snapshot!(
        "report-seed-2021q4-by-owner",
        seed(&["report", "--quarter", "2021Q4", "--by", "owner"])
    );
    insta::assert_snapshot!(
        "report-seed-2022q1-by-unit",
        seed(&["report", "--quarter", "2022Q1", "--by", "unit"])
    );
}
