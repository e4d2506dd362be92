//! Tests of `wg tasks list|overdue|due|show` on `tests/fixtures/tasks/`, a data directory
//! written from SPEC.md whose task comments give the values a careful reader computes
//! as of 2024-03-01 (a Friday in a leap year). Its calendar covers 2024 only.

use crate::common::{Output, copy_dir, fixture, run, wg};
use serde::Deserialize;

const DATA: &str = "tests/fixtures/tasks";

/// `wg --data tests/fixtures/tasks ARGS` from the repository root.
fn tasks(args: &[&str]) -> Output {
    run(wg().args(["--data", DATA]).args(args))
}

/// A successful run's stdout; fails the test with stderr otherwise.
fn ok(args: &[&str]) -> String {
    let out = tasks(args);
    assert_eq!(out.code, 0, "wg {args:?} failed:\n{}", out.stderr);
    out.stdout
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateJson {
    date: String,
    note: String,
    problems: Option<String>,
    next_steps: Option<String>,
    by: Option<String>,
    /// Indicator readings by indicator name.
    values: std::collections::BTreeMap<String, f64>,
}

/// An indicator's progress as of the as-of date (SPEC §2 "Indicators").
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct IndicatorJson {
    name: String,
    target: f64,
    unit: Option<String>,
    value: Option<f64>,
    as_of: Option<String>,
    share: f64,
    met: bool,
}

/// One task as scripts see it (SPEC §4): every field of the files, plus the as-of ones.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskJson {
    id: String,
    title: String,
    group: String,
    lead_unit: Option<String>,
    units: Vec<String>,
    owner: Option<String>,
    start: Option<String>,
    due: Option<String>,
    next_due: Option<String>,
    status: String,
    done_on: Option<String>,
    repeat: Option<String>,
    done_through: Option<String>,
    targets: Vec<String>,
    outcome: Option<String>,
    original_due: Option<String>,
    extended_days: Option<i64>,
    indicators: Vec<IndicatorJson>,
    behind_schedule: bool,
    time_elapsed: Option<f64>,
    updates: Vec<UpdateJson>,
    days_overdue: Option<i64>,
    missed: Option<u32>,
    /// Present only when the data has a calendar.
    #[serde(default)]
    working_days_overdue: Option<i64>,
    late: bool,
    /// red | yellow | blue | green; null when done or cancelled.
    warning: Option<String>,
    file: String,
    line: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListJson {
    as_of: String,
    count: usize,
    tasks: Vec<TaskJson>,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct BandsJson {
    band_1_7: usize,
    band_8_30: usize,
    band_31_90: usize,
    band_over_90: usize,
    total: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SummaryRowJson {
    key: Option<String>,
    name: Option<String>,
    band_1_7: usize,
    band_8_30: usize,
    band_31_90: usize,
    band_over_90: usize,
    total: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SummaryJson {
    by: String,
    rows: Vec<SummaryRowJson>,
    total: BandsJson,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverdueJson {
    as_of: String,
    count: usize,
    tasks: Vec<TaskJson>,
    summary: SummaryJson,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DueJson {
    as_of: String,
    through: String,
    working_days: bool,
    count: usize,
    tasks: Vec<TaskJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShowJson {
    as_of: String,
    task: TaskJson,
}

fn overdue_json(args: &[&str]) -> OverdueJson {
    let mut all = vec!["tasks", "overdue", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(&all)).unwrap()
}

fn list_json(args: &[&str]) -> ListJson {
    let mut all = vec!["tasks", "list", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(&all)).unwrap()
}

fn due_json(args: &[&str]) -> DueJson {
    let mut all = vec!["tasks", "due", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(&all)).unwrap()
}

fn ids(tasks: &[TaskJson]) -> Vec<&str> {
    tasks.iter().map(|t| t.id.as_str()).collect()
}

fn task<'a>(tasks: &'a [TaskJson], id: &str) -> &'a TaskJson {
    tasks
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("{id} is not in {:?}", ids(tasks)))
}

/// (id, days_overdue, missed) of every task, in order.
fn overdue_facts(report: &OverdueJson) -> Vec<(&str, i64, Option<u32>)> {
    report
        .tasks
        .iter()
        .map(|t| (t.id.as_str(), t.days_overdue.unwrap(), t.missed))
        .collect()
}

// ---------------------------------------------------------------------------------
// Overdue: the arithmetic

#[test]
fn overdue_gives_the_days_and_missed_counts_a_reader_of_spec_computes() {
    let report = overdue_json(&["--today", "2024-03-01"]);
    assert_eq!(report.as_of, "2024-03-01");
    assert_eq!(report.count, 14);
    assert_eq!(
        overdue_facts(&report),
        [
            ("JH-06", 395, Some(14)),
            ("WQ-01", 153, Some(2)),
            ("LD-01", 92, None),
            ("WQ-04", 90, None),
            ("WQ-02", 61, None),
            ("WQ-03", 31, None),
            ("BG-01", 30, Some(2)),
            ("JH-02", 30, None),
            ("JH-08", 11, None),
            ("LD-02", 8, None),
            ("JH-07", 7, None),
            ("BG-02", 1, Some(1)),
            ("BG-03", 1, Some(1)),
            ("JH-01", 1, None),
        ]
    );
}

#[test]
fn overdue_ties_are_broken_by_id() {
    let report = overdue_json(&["--today", "2024-03-01"]);
    let one_day: Vec<&str> = report
        .tasks
        .iter()
        .filter(|t| t.days_overdue == Some(1))
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(one_day, ["BG-02", "BG-03", "JH-01"]);
}

#[test]
fn task_due_today_is_not_overdue_until_tomorrow() {
    let today = overdue_json(&["--today", "2024-03-01"]);
    assert!(!ids(&today.tasks).contains(&"BG-04"));
    let tomorrow = overdue_json(&["--today", "2024-03-02", "--group", "office"]);
    assert_eq!(task(&tomorrow.tasks, "BG-04").days_overdue, Some(1));
}

#[test]
fn task_due_on_leap_day_is_one_day_overdue_on_march_first() {
    let report = overdue_json(&["--today", "2024-03-01"]);
    let t = task(&report.tasks, "JH-01");
    assert_eq!(
        (t.due.as_deref(), t.days_overdue),
        (Some("2024-02-29"), Some(1))
    );
    let later = overdue_json(&["--today", "2024-03-31"]);
    assert_eq!(task(&later.tasks, "JH-01").days_overdue, Some(31));
}

#[test]
fn overdue_counts_days_across_month_ends() {
    // Due 01-31: 29 days to 02-29 in a leap year, 30 to 03-01.
    assert_eq!(
        task(&overdue_json(&["--today", "2024-02-29"]).tasks, "JH-02").days_overdue,
        Some(29)
    );
    assert_eq!(
        task(&overdue_json(&["--today", "2024-03-01"]).tasks, "JH-02").days_overdue,
        Some(30)
    );
    // Due 2023-12-31: a year end.
    assert_eq!(
        task(&overdue_json(&["--today", "2024-01-01"]).tasks, "WQ-02").days_overdue,
        Some(1)
    );
}

#[test]
fn cancelled_and_done_tasks_are_never_overdue() {
    let report = overdue_json(&["--today", "2030-01-01"]);
    for id in ["JH-03", "JH-04", "JH-05"] {
        assert!(!ids(&report.tasks).contains(&id), "{id} is closed");
    }
    let list = list_json(&["--today", "2030-01-01", "--group", "membership"]);
    assert_eq!(task(&list.tasks, "JH-03").days_overdue, None);
}

#[test]
fn task_done_after_its_due_date_is_late() {
    let list = list_json(&["--today", "2024-03-01", "--status", "done"]);
    assert_eq!(ids(&list.tasks), ["JH-05", "JH-04"]);
    let late = task(&list.tasks, "JH-04");
    assert!(late.late);
    assert_eq!(
        (late.done_on.as_deref(), late.days_overdue),
        (Some("2024-01-05"), None)
    );
    assert!(!task(&list.tasks, "JH-05").late);
}

#[test]
fn blocked_task_is_overdue_like_any_open_one() {
    let report = overdue_json(&["--today", "2024-03-01", "--status", "blocked"]);
    assert_eq!(overdue_facts(&report), [("LD-01", 92, None)]);
    assert_eq!(report.tasks[0].status, "blocked");
}

#[test]
fn task_without_due_is_never_overdue() {
    let report = overdue_json(&["--today", "2099-01-01"]);
    assert!(!ids(&report.tasks).contains(&"BG-05"));
}

// ---------------------------------------------------------------------------------
// Repeating tasks

#[test]
fn monthly_task_from_january_31_misses_february_28_then_march_31() {
    // 2023: not a leap year. Occurrences 01-31, 02-28, 03-31 …
    let on = |day: &str| {
        let r = overdue_json(&["--today", day, "--group", "membership"]);
        let t = task(&r.tasks, "JH-06");
        (
            t.next_due.clone().unwrap(),
            t.days_overdue.unwrap(),
            t.missed.unwrap(),
        )
    };
    assert_eq!(
        on("2023-02-28"),
        ("2023-01-31".to_owned(), 28, 1),
        "02-28 is due today, not missed"
    );
    assert_eq!(on("2023-03-01"), ("2023-01-31".to_owned(), 29, 2));
    assert_eq!(on("2023-03-31"), ("2023-01-31".to_owned(), 59, 2));
    assert_eq!(on("2023-04-01"), ("2023-01-31".to_owned(), 60, 3));
}

#[test]
fn monthly_task_next_due_after_done_through_takes_the_leap_day() {
    let list = list_json(&["--today", "2024-02-15", "--group", "office"]);
    let t = task(&list.tasks, "BG-01");
    assert_eq!(t.next_due.as_deref(), Some("2024-01-31"));
    assert_eq!((t.days_overdue, t.missed), (Some(15), Some(1)));
    let r = overdue_json(&["--today", "2024-04-01", "--group", "office"]);
    let t = task(&r.tasks, "BG-01");
    // 01-31, 02-29 and 03-31 are missed; the oldest decides the days.
    assert_eq!((t.days_overdue, t.missed), (Some(61), Some(3)));
}

#[test]
fn quarterly_task_keeps_its_anchor_day_after_a_short_month() {
    // Due 2023-11-30 quarterly: 2024-02-29, then 05-30 (not 05-29), then 08-30.
    let before = overdue_json(&["--today", "2024-05-30", "--group", "office"]);
    assert_eq!(task(&before.tasks, "BG-02").missed, Some(1));
    let after = overdue_json(&["--today", "2024-05-31", "--group", "office"]);
    let t = task(&after.tasks, "BG-02");
    assert_eq!(
        (t.next_due.as_deref(), t.days_overdue, t.missed),
        (Some("2024-02-29"), Some(92), Some(2))
    );
}

#[test]
fn repeating_task_not_yet_due_has_zero_missed() {
    let list = list_json(&["--today", "2024-02-01", "--group", "office"]);
    let t = task(&list.tasks, "BG-02");
    assert_eq!((t.days_overdue, t.missed), (None, Some(0)));
    assert_eq!(
        task(&list.tasks, "BG-04").missed,
        None,
        "a task that does not repeat has no missed count"
    );
}

#[test]
fn yearly_task_from_a_leap_day_falls_on_february_28_in_other_years() {
    let list = list_json(&["--today", "2024-01-01", "--group", "office"]);
    let t = task(&list.tasks, "BG-03");
    assert_eq!(
        (t.due.as_deref(), t.done_through.as_deref()),
        (Some("2020-02-29"), Some("2023-02-28"))
    );
    assert_eq!(t.next_due.as_deref(), Some("2024-02-29"));
}

#[test]
fn list_and_due_show_the_next_occurrence_of_a_repeating_task() {
    let table = ok(&[
        "tasks",
        "list",
        "--today",
        "2024-03-01",
        "--group",
        "office",
    ]);
    assert!(table.contains("2024-01-31（每月）"), "{table}");
    assert!(table.contains("2024-02-29（每季度）"), "{table}");
    assert!(
        !table.contains("2023-01-31"),
        "the first occurrence, done long ago, is not shown:\n{table}"
    );
    let due = due_json(&[
        "--today",
        "2024-02-20",
        "--within",
        "10",
        "--group",
        "office",
    ]);
    assert_eq!(ids(&due.tasks), ["BG-02", "BG-03", "BG-04"]);
}

// ---------------------------------------------------------------------------------
// Sorting and filters

#[test]
fn list_sorts_by_next_due_with_undated_tasks_last() {
    let list = list_json(&["--today", "2024-03-01", "--group", "office"]);
    assert_eq!(list.count, 5);
    assert_eq!(
        ids(&list.tasks),
        ["BG-01", "BG-02", "BG-03", "BG-04", "BG-05"]
    );
}

#[test]
fn list_without_filters_holds_every_task_closed_ones_too() {
    let list = list_json(&["--today", "2024-03-01"]);
    assert_eq!(list.count, 21);
    assert_eq!(list.tasks.len(), 21);
    assert_eq!(list.tasks.last().map(|t| t.id.as_str()), Some("BG-05"));
}

fn list_ids(args: &[&str]) -> Vec<String> {
    let mut all = vec!["--today", "2024-03-01"];
    all.extend_from_slice(args);
    list_json(&all).tasks.into_iter().map(|t| t.id).collect()
}

#[test]
fn group_filter_takes_the_id_or_the_name() {
    let by_id = list_ids(&["--group", "rights"]);
    assert_eq!(
        by_id,
        ["WQ-01", "WQ-04", "WQ-02", "WQ-03", "WQ-06", "WQ-05"]
    );
    assert_eq!(list_ids(&["--group", "维权服务专项小组"]), by_id);
}

#[test]
fn unit_filter_matches_lead_and_supporting_units() {
    // 组织部 leads the membership group's tasks (but JH-07, which names its own lead
    // unit) and supports WQ-02.
    assert_eq!(
        list_ids(&["--unit", "组织部"]),
        [
            "JH-03", "JH-06", "JH-05", "JH-04", "WQ-02", "JH-02", "JH-08", "JH-01"
        ]
    );
    assert_eq!(
        list_ids(&["--unit", "jiceng", "--group", "membership"]),
        ["JH-07"]
    );
    // An alias of a supporting unit.
    assert_eq!(list_ids(&["--unit", "海员交通工会"]), ["JH-01"]);
}

#[test]
fn owner_filter_accepts_a_padded_name() {
    assert_eq!(list_ids(&["--owner", "张 柯"]), ["LD-01", "JH-07"]);
    assert_eq!(list_ids(&["--owner", "zhangke"]), ["LD-01", "JH-07"]);
}

#[test]
fn status_filter_takes_the_english_or_the_chinese_word() {
    assert_eq!(list_ids(&["--status", "受阻"]), ["LD-01"]);
    assert_eq!(list_ids(&["--status", "blocked"]), ["LD-01"]);
    assert_eq!(list_ids(&["--status", "已取消"]), ["JH-03"]);
    assert_eq!(
        list_ids(&["--status", "in-progress"]),
        list_ids(&["--status", "进行中"])
    );
}

#[test]
fn target_filter_matches_any_of_a_tasks_targets() {
    assert_eq!(list_ids(&["--target", "货车司机"]), ["JH-04", "JH-01"]);
    assert_eq!(list_ids(&["--target", "快递员"]), ["WQ-01", "WQ-06"]);
}

#[test]
fn due_filters_compare_the_next_due_date_and_exclude_the_day_itself() {
    assert_eq!(
        list_ids(&["--due-after", "2023-11-30", "--due-before", "2024-01-01"]),
        ["WQ-04", "JH-04", "WQ-02"]
    );
    // BG-01 was first due 2023-01-31, but its next due date is 2024-01-31.
    assert_eq!(
        list_ids(&["--group", "office", "--due-before", "2024-02-01"]),
        ["BG-01"]
    );
    // A task without a due date passes no date filter.
    assert!(!list_ids(&["--due-after", "2000-01-01"]).contains(&"BG-05".to_owned()));
}

#[test]
fn filters_combine() {
    assert_eq!(
        list_ids(&[
            "--group",
            "membership",
            "--owner",
            "李明",
            "--target",
            "货车司机",
            "--status",
            "进行中"
        ]),
        ["JH-01"]
    );
    let report = overdue_json(&[
        "--today",
        "2024-03-01",
        "--unit",
        "法律工作部",
        "--due-before",
        "2024-01-01",
    ]);
    assert_eq!(ids(&report.tasks), ["WQ-01", "WQ-04", "WQ-02"]);
    assert_eq!(report.summary.total.total, 3);
}

#[test]
fn unknown_filter_values_are_usage_errors_with_suggestions() {
    let cases = [
        (vec!["--group", "membershp"], "did you mean \"membership\"?"),
        (vec!["--unit", "组织"], "no unit \"组织\""),
        (vec!["--owner", "李名"], "did you mean \"李明\"?"),
        (vec!["--status", "blokced"], "did you mean \"blocked\"?"),
        (vec!["--target", "货车"], "did you mean \"货车司机\"?"),
    ];
    for (args, expected) in cases {
        let mut all = vec!["--lang", "en", "tasks", "overdue", "--today", "2024-03-01"];
        all.extend_from_slice(&args);
        let out = tasks(&all);
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(out.stdout, "", "{args:?}: nothing on stdout");
        assert!(
            out.stderr.starts_with("error: "),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stderr.contains(expected), "{args:?}: {}", out.stderr);
    }
}

// ---------------------------------------------------------------------------------
// Summary and exit codes

#[test]
fn summary_counts_each_group_in_age_bands() {
    let s = overdue_json(&["--today", "2024-03-01"]).summary;
    assert_eq!(s.by, "group");
    let rows: Vec<(Option<&str>, [usize; 5])> = s
        .rows
        .iter()
        .map(|r| {
            (
                r.key.as_deref(),
                [
                    r.band_1_7,
                    r.band_8_30,
                    r.band_31_90,
                    r.band_over_90,
                    r.total,
                ],
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Some("leading"), [0, 1, 0, 1, 2]),
            (Some("office"), [2, 1, 0, 0, 3]),
            (Some("membership"), [2, 2, 0, 1, 5]),
            (Some("rights"), [0, 0, 3, 1, 4]),
        ]
    );
    assert_eq!(s.rows[0].name.as_deref(), Some("领导小组"));
    assert_eq!(
        s.total,
        BandsJson {
            band_1_7: 4,
            band_8_30: 4,
            band_31_90: 3,
            band_over_90: 3,
            total: 14
        }
    );
}

#[test]
fn summary_by_unit_uses_the_lead_unit_and_puts_tasks_without_one_last() {
    let s = overdue_json(&["--today", "2024-03-01", "--by", "unit"]).summary;
    assert_eq!(s.by, "unit");
    let rows: Vec<(Option<&str>, usize)> =
        s.rows.iter().map(|r| (r.key.as_deref(), r.total)).collect();
    assert_eq!(
        rows,
        [
            (Some("基层工作部"), 5),
            (Some("组织部"), 4),
            (Some("法律工作部"), 4),
            (None, 1)
        ]
    );
}

#[test]
fn summary_by_owner_counts_each_person() {
    let s = overdue_json(&["--today", "2024-03-01", "--by", "owner"]).summary;
    let rows: Vec<(Option<&str>, usize)> =
        s.rows.iter().map(|r| (r.key.as_deref(), r.total)).collect();
    assert_eq!(
        rows,
        [
            (Some("张柯"), 2),
            (Some("李明"), 3),
            (Some("王芳"), 4),
            (Some("赵强"), 3),
            (None, 2)
        ]
    );
}

#[test]
fn exit_code_is_1_when_anything_is_overdue() {
    let out = tasks(&["tasks", "overdue", "--today", "2024-03-01", "--exit-code"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("JH-06"), "the report is printed too");
}

#[test]
fn exit_code_is_0_when_nothing_is_overdue() {
    let out = tasks(&["tasks", "overdue", "--today", "2023-01-01", "--exit-code"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "没有逾期任务（截至 2023-01-01）\n");
    // The filters apply first: nothing of the office's is overdue on 2024-01-15.
    let out = tasks(&[
        "tasks",
        "overdue",
        "--today",
        "2024-01-15",
        "--group",
        "office",
        "--exit-code",
    ]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn exit_code_is_2_on_errors() {
    let out = tasks(&[
        "tasks",
        "overdue",
        "--today",
        "2024-03-01",
        "--exit-code",
        "--group",
        "nope",
    ]);
    assert_eq!(out.code, 2);
    let out = run(wg().args([
        "--data",
        "tests/fixtures/no-such-dir",
        "tasks",
        "overdue",
        "--exit-code",
    ]));
    assert_eq!(out.code, 2);
}

#[test]
fn without_exit_code_overdue_tasks_still_exit_0() {
    assert_eq!(
        tasks(&["tasks", "overdue", "--today", "2024-03-01"]).code,
        0
    );
}

// ---------------------------------------------------------------------------------
// Today and time zones

#[test]
fn today_is_taken_in_the_orgs_time_zone() {
    // 17:30 UTC on 06-30 is 01:30 on 07-01 in Asia/Shanghai.
    let out = run(wg().env("WG_NOW", "2026-06-30T17:30:00Z").args([
        "--data",
        DATA,
        "tasks",
        "overdue",
        "--due-after",
        "2026-01-01",
        "--format",
        "json",
        "--exit-code",
    ]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report: OverdueJson = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report.as_of, "2026-07-01");
    assert_eq!(overdue_facts(&report), [("WQ-05", 1, None)]);
}

#[test]
fn just_before_midnight_in_shanghai_is_still_the_day_before() {
    let out = run(wg().env("WG_NOW", "2026-06-30T15:59:59Z").args([
        "--data",
        DATA,
        "tasks",
        "overdue",
        "--due-after",
        "2026-01-01",
        "--format",
        "json",
        "--exit-code",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: OverdueJson = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!((report.as_of.as_str(), report.count), ("2026-06-30", 0));
}

#[test]
fn today_flag_and_wg_today_override_the_clock() {
    let as_of = |cmd: &mut assert_cmd::Command| {
        let out = run(cmd
            .env("WG_NOW", "2026-06-30T17:30:00Z")
            .args(["--data", DATA, "tasks", "list", "--format", "json"]));
        serde_json::from_str::<ListJson>(&out.stdout).unwrap().as_of
    };
    assert_eq!(as_of(wg().args(["--today", "2024-03-01"])), "2024-03-01");
    assert_eq!(as_of(wg().env("WG_TODAY", "2024-03-02")), "2024-03-02");
    assert_eq!(as_of(&mut wg()), "2026-07-01");
}

// ---------------------------------------------------------------------------------
// Due soon, working days, the calendar

#[test]
fn due_window_runs_from_today_through_today_plus_days() {
    let due = due_json(&["--today", "2024-03-01", "--within", "7"]);
    assert_eq!(
        (due.as_of.as_str(), due.through.as_str(), due.working_days),
        ("2024-03-01", "2024-03-08", false)
    );
    assert_eq!(ids(&due.tasks), ["BG-04", "WQ-06"]);
    assert_eq!(due.count, 2);
    assert_eq!(
        ids(&due_json(&["--today", "2024-03-01", "--within", "6"]).tasks),
        ["BG-04"]
    );
}

#[test]
fn due_looks_14_days_ahead_by_default_and_skips_closed_and_overdue_tasks() {
    let due = due_json(&["--today", "2024-02-19"]);
    assert_eq!(due.through, "2024-03-04");
    assert_eq!(
        ids(&due.tasks),
        [
            "JH-08", "LD-02", "JH-07", "BG-02", "BG-03", "JH-01", "BG-04"
        ]
    );
    let due = due_json(&["--today", "2023-12-10", "--within", "10"]);
    assert!(
        !ids(&due.tasks).contains(&"JH-04"),
        "done tasks are not falling due"
    );
}

#[test]
fn working_days_window_skips_the_spring_festival_and_counts_the_made_up_sunday() {
    // 02-09 (Fri) is 1; 02-10…02-17 off; 02-18 (Sun, 调休) is 2; 02-19 (Mon) is 3.
    let plain = due_json(&["--today", "2024-02-08", "--within", "3"]);
    assert_eq!((plain.through.as_str(), plain.count), ("2024-02-11", 0));
    let working = due_json(&["--today", "2024-02-08", "--within", "3", "--working-days"]);
    assert_eq!(working.through, "2024-02-19");
    assert!(working.working_days);
    assert_eq!(ids(&working.tasks), ["JH-08"]);
}

#[test]
fn overdue_tasks_carry_working_days_when_there_is_a_calendar() {
    let report = overdue_json(&["--today", "2024-03-01", "--due-after", "2024-01-01"]);
    let wd: Vec<(&str, Option<i64>)> = report
        .tasks
        .iter()
        .map(|t| (t.id.as_str(), t.working_days_overdue))
        .collect();
    assert_eq!(
        wd,
        [
            ("WQ-03", Some(20)),
            ("BG-01", Some(19)),
            ("JH-02", Some(19)),
            ("JH-08", Some(9)),
            ("LD-02", Some(6)),
            ("JH-07", Some(5)),
            ("BG-02", Some(1)),
            ("BG-03", Some(1)),
            ("JH-01", Some(1)),
        ]
    );
    let list = list_json(&["--today", "2024-03-01", "--group", "office"]);
    assert_eq!(
        task(&list.tasks, "BG-04").working_days_overdue,
        None,
        "not overdue: no working days"
    );
}

#[test]
fn years_outside_the_calendar_are_named_once_on_stderr() {
    // In the org's language (zh), and in English when asked.
    let out = tasks(&["tasks", "overdue", "--today", "2024-03-01"]);
    assert_eq!(
        out.stderr,
        "警告：calendar.toml 没有覆盖 2023 年；这一年的工作日按周一至周五计算\
         （请把这一年的节假日加入 calendar.toml）\n"
    );
    let out = tasks(&["--lang", "en", "tasks", "overdue", "--today", "2024-03-01"]);
    assert_eq!(
        out.stderr,
        "warning: calendar.toml does not cover 2023; working days in that year were counted Monday to Friday \
         (add the year's holidays to calendar.toml)\n"
    );
    let out = tasks(&[
        "tasks",
        "overdue",
        "--today",
        "2026-07-01",
        "--format",
        "json",
    ]);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("2023、2025–2026 年"), "{}", out.stderr);
}

#[test]
fn no_warning_when_every_counted_day_is_in_the_calendar() {
    let out = tasks(&[
        "tasks",
        "overdue",
        "--today",
        "2024-03-01",
        "--due-after",
        "2023-12-31",
    ]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let out = tasks(&[
        "tasks",
        "due",
        "--today",
        "2024-03-01",
        "--within",
        "5",
        "--working-days",
    ]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let out = tasks(&[
        "tasks",
        "due",
        "--today",
        "2024-12-20",
        "--within",
        "15",
        "--working-days",
    ]);
    assert!(out.stderr.contains("没有覆盖 2025 年"), "{}", out.stderr);
}

#[test]
fn without_a_calendar_nothing_mentions_working_days() {
    let dir = copy_dir(&fixture("tasks"));
    std::fs::remove_file(dir.path().join("calendar.toml")).unwrap();
    let data = dir.path().to_str().unwrap();
    let out = run(wg().args(["--data", data, "--today", "2024-03-01", "tasks", "overdue"]));
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert!(!out.stdout.contains("工作日"), "{}", out.stdout);
    let out = run(wg().args([
        "--data",
        data,
        "--today",
        "2024-03-01",
        "tasks",
        "overdue",
        "--format",
        "json",
    ]));
    assert!(!out.stdout.contains("working_days"), "{}", out.stdout);
    let out = run(wg().args([
        "--data",
        data,
        "--today",
        "2024-03-01",
        "tasks",
        "show",
        "JH-01",
    ]));
    assert!(!out.stdout.contains("工作日"), "{}", out.stdout);
}

#[test]
fn working_days_without_a_calendar_is_an_error() {
    let dir = copy_dir(&fixture("tasks"));
    std::fs::remove_file(dir.path().join("calendar.toml")).unwrap();
    let data = dir.path().to_str().unwrap();
    let out = run(wg().args([
        "--lang",
        "en",
        "--data",
        data,
        "--today",
        "2024-03-01",
        "tasks",
        "due",
        "--working-days",
    ]));
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("has no calendar.toml"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("leave out --working-days"),
        "{}",
        out.stderr
    );
}

#[test]
fn huge_working_day_window_ends_at_once() {
    let out = tasks(&[
        "tasks",
        "due",
        "--today",
        "2024-03-01",
        "--within",
        "4000000000",
        "--working-days",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr.lines().count(),
        1,
        "one warning line, however many years: {}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------------
// tasks show

#[test]
fn show_prints_every_field_and_the_progress_notes() {
    let text = ok(&["tasks", "show", "JH-01", "--today", "2024-03-01"]);
    insta::assert_snapshot!("tasks-show-table", text);
    let md = ok(&[
        "tasks",
        "show",
        "JH-01",
        "--today",
        "2024-03-01",
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!("tasks-show-markdown", md);
    let en = ok(&[
        "tasks",
        "show",
        "BG-01",
        "--today",
        "2024-03-01",
        "--lang",
        "en",
    ]);
    insta::assert_snapshot!("tasks-show-repeating-en", en);
}

#[test]
fn show_json_is_one_task_under_as_of() {
    let show: ShowJson = serde_json::from_str(&ok(&[
        "tasks",
        "show",
        "JH-01",
        "--today",
        "2024-03-01",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(show.as_of, "2024-03-01");
    let t = &show.task;
    assert_eq!(t.warning.as_deref(), Some("red"), "due 02-29: overdue");
    assert_eq!(
        (t.id.as_str(), t.title.as_str(), t.group.as_str()),
        ("JH-01", "开展货车司机工会组建专项行动", "membership")
    );
    assert_eq!(
        t.lead_unit.as_deref(),
        Some("组织部"),
        "the group's lead unit by default"
    );
    assert_eq!(
        t.units,
        ["省海员交通工会"],
        "units by canonical name, not the alias written"
    );
    assert_eq!(
        (t.owner.as_deref(), t.start.as_deref()),
        (Some("李明"), Some("2024-01-02"))
    );
    assert_eq!(t.targets, ["货车司机"]);
    assert_eq!(t.outcome.as_deref(), Some("新建货车司机工会不少于 10 家"));
    assert_eq!(t.updates.len(), 2);
    assert_eq!(t.updates[1].date, "2024-02-20");
    assert_eq!(t.updates[1].note, "第二批名单待审定；\n春节后召开推进会");
    // Not extended, and notes without the other parts of a progress report.
    assert_eq!((t.original_due.as_deref(), t.extended_days), (None, None));
    assert_eq!(
        (
            t.updates[1].problems.as_deref(),
            t.updates[1].next_steps.as_deref(),
            t.updates[1].by.as_deref()
        ),
        (None, None, None)
    );
    assert_eq!((t.file.as_str(), t.line), ("tasks/membership.toml", 3));
    assert_eq!(
        (
            t.repeat.as_deref(),
            t.done_through.as_deref(),
            t.status.as_str()
        ),
        (None, None, "in-progress")
    );
}

#[test]
fn show_unknown_id_suggests_the_nearest() {
    let out = tasks(&[
        "tasks",
        "show",
        "jh-1",
        "--today",
        "2024-03-01",
        "--lang",
        "en",
    ]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: no task has the id \"jh-1\"; did you mean \"JH-01\"? \
         (`wg tasks list` shows every task's id)\n"
    );
}

#[test]
fn show_escapes_control_characters_from_the_data() {
    let text = ok(&["tasks", "show", "WQ-06", "--today", "2024-03-01"]);
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("问卷已下发\\u{1b}[31m"), "{text}");
}

#[test]
fn show_has_no_csv() {
    let out = tasks(&["tasks", "show", "JH-01", "--format", "csv"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("choose --format"), "{}", out.stderr);
}

// ---------------------------------------------------------------------------------
// Whole outputs

#[test]
fn overdue_table_snapshot() {
    insta::assert_snapshot!(
        "tasks-overdue-table",
        ok(&["tasks", "overdue", "--today", "2024-03-01"])
    );
}

#[test]
fn overdue_markdown_by_unit_snapshot() {
    let md = ok(&[
        "tasks",
        "overdue",
        "--today",
        "2024-03-01",
        "--by",
        "unit",
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!("tasks-overdue-markdown-by-unit", md);
}

#[test]
fn overdue_english_by_owner_snapshot() {
    let table = ok(&[
        "tasks",
        "overdue",
        "--today",
        "2024-03-01",
        "--by",
        "owner",
        "--lang",
        "en",
        "--group",
        "membership",
    ]);
    insta::assert_snapshot!("tasks-overdue-en-by-owner", table);
}

#[test]
fn list_table_snapshot() {
    insta::assert_snapshot!(
        "tasks-list-table",
        ok(&["tasks", "list", "--today", "2024-03-01"])
    );
}

#[test]
fn due_markdown_escapes_pipes_in_titles() {
    let md = ok(&[
        "tasks",
        "due",
        "--today",
        "2024-03-01",
        "--within",
        "7",
        "--format",
        "markdown",
    ]);
    assert!(md.contains("快递员\\|外卖送餐员权益调研"), "{md}");
    insta::assert_snapshot!("tasks-due-markdown", md);
}

#[test]
fn due_working_days_table_snapshot() {
    let table = ok(&[
        "tasks",
        "due",
        "--today",
        "2024-02-08",
        "--within",
        "12",
        "--working-days",
    ]);
    insta::assert_snapshot!("tasks-due-working-days-table", table);
}

#[test]
fn csv_with_bom_opens_in_excel() {
    let out = run(wg().args([
        "--data",
        DATA,
        "--today",
        "2024-03-01",
        "tasks",
        "overdue",
        "--format",
        "csv",
        "--bom",
    ]));
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with('\u{feff}'), "BOM first");
    let body = out.stdout.trim_start_matches('\u{feff}');
    let mut lines = body.lines();
    assert_eq!(
        lines.next(),
        Some("编号,任务,小组,牵头单位,责任人,状态,截止,重复,预警,逾期天数,逾期工作日,漏办次数")
    );
    assert_eq!(
        lines.next(),
        Some(
            "JH-06,月度入会统计,建会入会专项小组,组织部,赵强,进行中,2023-01-31,每月,红,395,279,14"
        )
    );
    assert_eq!(body.lines().count(), 15);
    let plain = ok(&["tasks", "list", "--today", "2024-03-01", "--format", "csv"]);
    assert!(plain.starts_with("编号,"), "no BOM unless asked");
}

/// A CSV holds one table. `--by` asks for the summary, so with `--by` the CSV is the
/// summary (one row per lead unit, then the total); without it, the task rows. Before,
/// `--by unit --format csv` printed the tasks and dropped the summary without a word.
#[test]
fn overdue_csv_by_unit_is_the_summary_per_unit() {
    for lang in ["zh", "en"] {
        let csv = ok(&[
            "tasks",
            "overdue",
            "--today",
            "2024-03-01",
            "--by",
            "unit",
            "--format",
            "csv",
            "--lang",
            lang,
        ]);
        insta::assert_snapshot!(format!("tasks-overdue-csv-by-unit-{lang}"), csv);
    }
    let csv = ok(&[
        "tasks",
        "overdue",
        "--today",
        "2024-03-01",
        "--by",
        "owner",
        "--format",
        "csv",
    ]);
    assert!(csv.starts_with("责任人,1-7天,"), "{csv}");
    // Without --by: the tasks, as before.
    let tasks_csv = ok(&[
        "tasks",
        "overdue",
        "--today",
        "2024-03-01",
        "--format",
        "csv",
    ]);
    assert!(tasks_csv.starts_with("编号,任务,"), "{tasks_csv}");
    // The summary's numbers are those of the JSON summary.
    let s = overdue_json(&["--today", "2024-03-01", "--by", "group"]).summary;
    let csv = ok(&[
        "tasks",
        "overdue",
        "--today",
        "2024-03-01",
        "--by",
        "group",
        "--format",
        "csv",
    ]);
    assert_eq!(csv.lines().count(), 1 + s.rows.len() + 1, "{csv}");
    // The choice is written where a user looks for it.
    let help = ok(&["--lang", "en", "tasks", "overdue", "--help"]);
    assert!(help.contains("the CSV is this summary"), "{help}");
}

#[test]
fn yaml_has_the_same_shape_as_json() {
    let yaml = ok(&[
        "tasks",
        "overdue",
        "--today",
        "2024-03-01",
        "--format",
        "yaml",
        "--group",
        "leading",
    ]);
    assert!(
        yaml.starts_with("as_of: \"2024-03-01\"\ncount: 2\ntasks:\n"),
        "{yaml}"
    );
    assert!(yaml.contains("summary:\n  by: group\n"), "{yaml}");
}

#[test]
fn empty_list_says_so() {
    let out = ok(&[
        "tasks",
        "list",
        "--today",
        "2024-03-01",
        "--group",
        "leading",
        "--status",
        "done",
    ]);
    assert_eq!(out, "没有符合条件的任务（截至 2024-03-01）\n");
    let out = ok(&[
        "tasks",
        "list",
        "--today",
        "2024-03-01",
        "--group",
        "leading",
        "--status",
        "done",
        "--format",
        "json",
    ]);
    assert_eq!(
        out,
        "{\n  \"as_of\": \"2024-03-01\",\n  \"count\": 0,\n  \"tasks\": []\n}\n"
    );
}

/// `tasks show --format json` of a task with indicators, on the default data as of its
/// snapshot: each indicator's latest reading, share and whether it is met (SPEC §2).
#[test]
fn show_json_carries_each_indicators_progress() {
    let show = |id: &str| -> ShowJson {
        let out = run(wg().args([
            "--data",
            "data",
            "--today",
            "2022-01-10",
            "tasks",
            "show",
            id,
            "--format",
            "json",
        ]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let jh01 = show("JH-01").task;
    assert_eq!(
        jh01.indicators,
        [
            IndicatorJson {
                name: "新建货车司机工会".into(),
                target: 50.0,
                unit: Some("家".into()),
                value: Some(38.0),
                as_of: Some("2021-11-30".into()),
                share: 0.76,
                met: false,
            },
            IndicatorJson {
                name: "发展货车司机会员".into(),
                target: 20000.0,
                unit: Some("人".into()),
                value: Some(15200.0),
                as_of: Some("2021-11-30".into()),
                share: 0.76,
                met: false,
            },
        ]
    );
    assert_eq!(
        jh01.updates[1].values,
        [
            ("发展货车司机会员".to_owned(), 15200.0),
            ("新建货车司机工会".to_owned(), 38.0)
        ]
        .into_iter()
        .collect()
    );
    assert!(jh01.updates[0].values.is_empty());
    // Overdue, and so all its time is gone: behind its 76%.
    assert_eq!((jh01.behind_schedule, jh01.time_elapsed), (true, Some(1.0)));
    // AQ-04: 94 of 265 days gone (35.5%), 1 of 9 reports (11.1%): behind, and yellow
    // with the data's behind_schedule = true, though due in June.
    let aq04 = show("AQ-04").task;
    assert_eq!(
        (
            aq04.behind_schedule,
            aq04.time_elapsed,
            aq04.warning.as_deref()
        ),
        (true, Some(0.355), Some("yellow"))
    );
    assert_eq!(aq04.indicators[0].share, 0.111);
    // A task without indicators has an empty list and is never behind.
    let jh04 = show("JH-04").task;
    assert!(jh04.indicators.is_empty() && !jh04.behind_schedule);
}

/// Whole numbers are written as integers in JSON (`50`, not `50.0`).
#[test]
fn indicator_numbers_are_written_as_people_write_them() {
    let out = run(wg().args([
        "--data",
        "data",
        "--today",
        "2022-01-10",
        "tasks",
        "show",
        "JH-02",
        "--format",
        "json",
    ]));
    assert!(out.stdout.contains("\"target\": 30000,"), "{}", out.stdout);
    assert!(out.stdout.contains("\"value\": 26500,"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("\"values\": {\n          \"发展快递员会员\": 26500\n        }"),
        "{}",
        out.stdout
    );
}

// ---------------------------------------------------------------------------------
// The documents of the view layer: the 督办通报 and the ledger (rendered as Markdown,
// so that their content is checked before the docx and xlsx renderers), and the
// 督办通知单 of `wg tasks notice`.

/// The fixture's overdue report as of 2024-03-01 on `medium`, as Markdown.
fn overdue_document(medium: wg::view::Medium, lang: wg::model::Lang) -> String {
    use wg::report::tasks::{Filter, SummaryBy, overdue, tally};
    use wg::view::tasks::{Frame, OverdueAsked};
    let loaded = wg::load::load(&fixture("tasks")).expect("the fixture loads");
    let data = &loaded.data;
    let today = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
    let filter = Filter::default();
    let report = overdue(data, &filter, today, SummaryBy::Unit);
    let frame = Frame {
        data,
        lang,
        medium,
        csv: false,
    };
    let asked = OverdueAsked {
        by: Some(SummaryBy::Unit),
        tally: Some(tally(data, &filter, today)),
        scope: None,
    };
    let doc = wg::view::tasks::overdue(frame, &report, asked);
    assert_eq!(doc.as_of, Some(today));
    wg::render::document::markdown(&doc)
}

#[test]
fn overdue_on_paper_is_the_bulletin() {
    use wg::model::Lang;
    let md = overdue_document(wg::view::Medium::Paper, Lang::Zh);
    // 21 tasks, one of them cancelled; 2 done; 14 overdue (all red), 1 yellow.
    assert!(
        md.contains(
            "截至2024年3月1日，共有任务20项，已办结2项，占比10%；未办结18项，其中逾期未办结14项（红色预警），临近截止1项（黄色预警）。另有已取消任务1项，不计入。"
        ),
        "the opening paragraph: {md}"
    );
    assert!(
        md.contains(
            "从牵头单位看，逾期任务较多的是基层工作部（5项）、组织部（4项）、法律工作部（4项）。"
        ),
        "{md}"
    );
    insta::assert_snapshot!("tasks-overdue-bulletin-zh", md);
    insta::assert_snapshot!(
        "tasks-overdue-bulletin-en",
        overdue_document(wg::view::Medium::Paper, Lang::En)
    );
}

#[test]
fn overdue_as_a_ledger_has_the_ledger_columns_and_a_summary_sheet() {
    let md = overdue_document(wg::view::Medium::Ledger, wg::model::Lang::Zh);
    assert!(
        md.contains(
            "| 序号 | 编号 | 事项 | 目标要求 | 牵头单位 | 配合单位 | 责任人 | 完成时限 | 进展情况 | 状态 | 逾期天数 | 预警 |"
        ),
        "{md}"
    );
    insta::assert_snapshot!("tasks-overdue-ledger-zh", md);
}

#[test]
fn ledger_cells_are_typed_and_rows_carry_their_warning() {
    use wg::report::tasks::{Filter, SummaryBy, overdue};
    use wg::view::{Medium, Value, tasks::Frame};
    let loaded = wg::load::load(&fixture("tasks")).expect("the fixture loads");
    let today = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
    let report = overdue(&loaded.data, &Filter::default(), today, SummaryBy::Group);
    let frame = Frame {
        data: &loaded.data,
        lang: wg::model::Lang::Zh,
        medium: Medium::Ledger,
        csv: false,
    };
    let doc = wg::view::tasks::overdue(frame, &report, Default::default());
    let tables: Vec<_> = doc.tables().collect();
    assert_eq!(tables.len(), 2, "the ledger, then the summary sheet");
    let first = &tables[0].rows[0];
    assert_eq!(first.warning, Some(wg::model::Warning::Red));
    assert_eq!(first.cells[0].value, Value::Number(1.0), "序号");
    assert_eq!(
        first.cells[7].value,
        Value::Date(chrono::NaiveDate::from_ymd_opt(2023, 1, 31).unwrap()),
        "完成时限: JH-06's next due date"
    );
    assert_eq!(first.cells[10].value, Value::Number(395.0), "逾期天数");
    assert_eq!(
        first.cells[11].value,
        Value::Warning(wg::model::Warning::Red)
    );
    assert!(tables[1].rows.last().is_some_and(|r| r.total));
}

#[test]
fn notice_is_a_letter_to_the_unit() {
    let text = ok(&[
        "tasks",
        "notice",
        "--unit",
        "jiceng",
        "--today",
        "2024-03-01",
    ]);
    assert!(text.starts_with("督办通知单\n\n基层工作部：\n"), "{text}");
    assert!(
        text.contains("请抓紧办理，并于2024年3月8日前将办理情况书面报送领导小组办公室。"),
        "{text}"
    );
    assert!(text.ends_with("领导小组办公室\n2024年3月1日\n"), "{text}");
    insta::assert_snapshot!("tasks-notice-text-zh", text);
    let md = ok(&[
        "tasks",
        "notice",
        "--unit",
        "基层工作部",
        "--today",
        "2024-03-01",
        "--lang",
        "en",
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!("tasks-notice-markdown-en", md);
}

#[test]
fn notice_reply_day_moves_past_a_day_off_in_the_calendar() {
    // 2024-02-03 + 7 = 2024-02-10, in the fixture calendar's Spring Festival holiday
    // (02-10 to 02-17); 02-18 is a made-up working day (a Sunday).
    let text = ok(&[
        "tasks",
        "notice",
        "--unit",
        "jiceng",
        "--today",
        "2024-02-03",
    ]);
    let reply = text
        .lines()
        .find(|l| l.starts_with("请抓紧办理"))
        .unwrap_or_default();
    assert!(reply.contains("于2024年2月18日前"), "{reply}");
}

#[test]
fn notice_for_an_unknown_unit_is_a_usage_error_with_a_suggestion() {
    let out = tasks(&[
        "tasks",
        "notice",
        "--unit",
        "基层工作",
        "--today",
        "2024-03-01",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--unit"), "{}", out.stderr);
    assert!(out.stderr.contains("基层工作部"), "{}", out.stderr);
    assert_eq!(out.stdout, "");
}

#[test]
fn notice_for_a_unit_with_nothing_overdue_or_warned_says_so() {
    let out = tasks(&[
        "tasks",
        "notice",
        "--unit",
        "海员交通工会",
        "--today",
        "2024-03-01",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "", "no empty letter");
    assert!(
        out.stderr
            .contains("省海员交通工会牵头的任务中，截至 2024-03-01 没有逾期或预警"),
        "{}",
        out.stderr
    );
    let en = tasks(&[
        "tasks",
        "notice",
        "--unit",
        "haiyuan",
        "--today",
        "2024-03-01",
        "--lang",
        "en",
    ]);
    assert!(
        en.stderr
            .starts_with("nothing that 省海员交通工会 leads is overdue or warned"),
        "{}",
        en.stderr
    );
}

#[test]
fn out_on_a_read_command_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.csv");
    let out = tasks(&[
        "tasks",
        "overdue",
        "--today",
        "2024-03-01",
        "--format",
        "csv",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "", "the CSV goes to the file");
    let csv = ok(&[
        "tasks",
        "overdue",
        "--today",
        "2024-03-01",
        "--format",
        "csv",
    ]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), csv);
}

#[test]
fn out_is_refused_by_the_edits_and_by_check() {
    let data = copy_dir(&fixture("tasks"));
    let before = std::fs::read_to_string(data.path().join("tasks.toml")).unwrap();
    let out = run(wg()
        .arg("--data")
        .arg(data.path())
        .args(["--lang", "en", "tasks", "done", "LD-01", "--out", "x"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`tasks done` writes no file and takes no --out"),
        "{}",
        out.stderr
    );
    let after = std::fs::read_to_string(data.path().join("tasks.toml")).unwrap();
    assert_eq!(before, after, "nothing was changed");
    assert!(!data.path().join("x").exists());
    let check = run(wg().args(["--data", DATA, "--lang", "zh", "check", "--out", "y"]));
    assert_eq!(check.code, 2, "{}", check.stderr);
    assert!(
        check.stderr.contains("`check` 不写文件，不接受 --out"),
        "{}",
        check.stderr
    );
}

/// A notice names only what there is: no "0 项" of yellow tasks for a unit whose tasks
/// are all overdue.
#[test]
fn notice_leaves_out_a_count_of_none() {
    let text = ok(&[
        "tasks",
        "notice",
        "--unit",
        "zuzhi",
        "--today",
        "2024-03-01",
    ]);
    assert!(
        text.contains("截至2024年3月1日，你单位牵头的任务中，逾期未办结4项，具体如下："),
        "{text}"
    );
    assert!(!text.contains("0项"), "{text}");
    let en = ok(&[
        "tasks",
        "notice",
        "--unit",
        "zuzhi",
        "--today",
        "2024-03-01",
        "--lang",
        "en",
    ]);
    assert!(
        en.contains("of the tasks your unit leads, overdue: 4. They are:"),
        "{en}"
    );
}

/// A list of more than 50,000 tasks is not held as a table but made a block of rows at
/// a time as it is written: piped, with no width to fit, it prints the very bytes of
/// the table held whole to fit a width it fits in, every task once, in order.
#[test]
fn a_list_too_long_to_hold_prints_the_table_held_whole_prints() {
    use std::fmt::Write;
    let dir = copy_dir(std::path::Path::new("data"));
    let path = dir.path().join("tasks/office.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    let n = 50_123;
    for i in 0..n {
        let status = ["todo", "in-progress", "done", "blocked"][i % 4];
        let due = format!("2022-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        write!(
            text,
            "\n[[tasks]]\nid = \"BK-{i:05}\"\ntitle = \"第 {i} 项：开展集中入会\"\ngroup = \"office\"\n\
             due = {due}\nstatus = \"{status}\"\n"
        )
        .unwrap();
        if status == "done" {
            writeln!(text, "done_on = {due}").unwrap();
        }
    }
    std::fs::write(&path, text).unwrap();
    let list = |extra: &[&str]| {
        let out = run(wg()
            .args([
                "--data",
                dir.path().to_str().unwrap(),
                "--today",
                "2022-06-15",
            ])
            .args(["tasks", "list"])
            .args(extra));
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
    };
    let made = list(&[]);
    assert_eq!(made, list(&["--width", "100000"]));
    let rows: Vec<&str> = made.lines().filter(|l| l.starts_with("| BK-")).collect();
    assert_eq!(rows.len(), n);
    // Sorted by due date, then id: the first is the earliest due of 2022-01-01.
    assert!(rows[0].starts_with("| BK-00000 "), "{}", rows[0]);
}
