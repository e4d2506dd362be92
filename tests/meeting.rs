//! Tests of `wg meeting agenda|list|ics` on the default data and on
//! `tests/fixtures/meetings/`, a data directory written from SPEC.md alone whose comments
//! give what SPEC §3 makes of it as of 2026-08-20 (quarter 2026Q3).

use crate::common::{Output, run, wg};
use serde::Deserialize;
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/meetings";
const TODAY: &str = "2026-08-20";

/// `wg --data tests/fixtures/meetings --today 2026-08-20 ARGS`.
fn fixture(args: &[&str]) -> Output {
    run(wg().args(["--data", FIXTURE, "--today", TODAY]).args(args))
}

/// `wg --data data --today 2022-01-10 ARGS`: the default data as of its snapshot.
fn seed(args: &[&str]) -> Output {
    run(wg()
        .args(["--data", "data", "--today", "2022-01-10"])
        .args(args))
}

fn ok(out: Output) -> String {
    assert_eq!(out.code, 0, "wg failed:\n{}", out.stderr);
    out.stdout
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonJson {
    person: String,
    title: Option<String>,
    role_title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingJson {
    date: String,
    title: Option<String>,
    location: Option<String>,
    planned: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectiveJson {
    title: String,
    from: Option<String>,
    date: String,
    studied_on: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportJson {
    group: String,
    group_name: String,
    reporter: Option<PersonJson>,
    due: usize,
    due_done: usize,
    done_in_quarter: usize,
    open: usize,
    overdue: usize,
    blocked: usize,
    warnings: WarningsJson,
    extended: Vec<ExtendedJson>,
    outcomes: Vec<OutcomeJson>,
}

/// A task's indicators in a progress report.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeJson {
    id: String,
    title: String,
    indicators: Vec<IndicatorJson>,
    behind_schedule: bool,
}

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

/// Open tasks per warning level (预警).
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct WarningsJson {
    red: usize,
    yellow: usize,
    blue: usize,
    green: usize,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct ExtendedJson {
    id: String,
    title: String,
    original_due: String,
    due: String,
    days: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NextStageJson {
    group: String,
    group_name: String,
    /// Tasks in the shape of `tasks list`, plus `falls_due`.
    tasks: Vec<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeatJson {
    role: String,
    executive: bool,
    person: String,
    title: Option<String>,
    role_title: String,
    person_id: String,
    unit: Option<String>,
}

/// The agenda as scripts see it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgendaJson {
    as_of: String,
    quarter: String,
    from: String,
    to: String,
    group: String,
    group_name: String,
    meets: String,
    meeting: Option<MeetingJson>,
    chair: Option<PersonJson>,
    directives: Vec<DirectiveJson>,
    reports: Vec<ReportJson>,
    problems: Vec<Value>,
    next_quarter: String,
    next_stage: Vec<NextStageJson>,
    items: Vec<String>,
    attendees: Vec<SeatJson>,
}

fn agenda_json(args: &[&str]) -> AgendaJson {
    let mut all = vec!["meeting", "agenda", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(fixture(&all))).unwrap()
}

fn ids(tasks: &[Value]) -> Vec<&str> {
    tasks.iter().map(|t| t["id"].as_str().unwrap()).collect()
}

#[test]
fn agenda_lists_exactly_the_directives_not_studied_before_the_meeting() {
    let a = agenda_json(&["--quarter", "2026Q3"]);
    let titles: Vec<&str> = a.directives.iter().map(|d| d.title.as_str()).collect();
    // D1 and D5 were studied before the meeting, D4 is dated after it; D3 is studied
    // at the meeting itself.
    assert_eq!(
        titles,
        [
            "D2 全总关于维护新就业形态劳动者权益的意见",
            "D3 省总关于开展集中入会行动的通知"
        ]
    );
    assert_eq!(a.directives[0].from.as_deref(), Some("全总"));
    assert_eq!(a.directives[0].date, "2026-05-05");
    assert_eq!(a.directives[0].studied_on, None);
    assert_eq!(a.directives[1].studied_on.as_deref(), Some("2026-09-24"));
}

#[test]
fn agenda_hears_each_child_group_office_first_from_its_leader() {
    let a = agenda_json(&["--quarter", "2026Q3"]);
    let groups: Vec<&str> = a.reports.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(groups, ["office", "rights", "membership"]);
    let reporters: Vec<(&str, Option<&str>)> = a
        .reports
        .iter()
        .map(|r| {
            let p = r.reporter.as_ref().unwrap();
            (p.person.as_str(), p.title.as_deref())
        })
        .collect();
    assert_eq!(
        reporters,
        [
            ("孙三", Some("市总工会基层工作部部长")),
            ("李四", Some("市总工会权益保障部部长")),
            ("吴六", None)
        ]
    );
    assert_eq!(a.reports[0].reporter.as_ref().unwrap().role_title, "主任");
    assert_eq!(a.reports[0].group_name, "领导小组办公室");
    // (due, due_done, done_in_quarter, open, overdue, blocked); membership counts the
    // tasks of `east`, the group under it.
    let figures: Vec<[usize; 6]> = a
        .reports
        .iter()
        .map(|r| {
            [
                r.due,
                r.due_done,
                r.done_in_quarter,
                r.open,
                r.overdue,
                r.blocked,
            ]
        })
        .collect();
    assert_eq!(
        figures,
        [[3, 0, 0, 3, 1, 1], [1, 1, 1, 3, 1, 0], [2, 0, 0, 3, 1, 1]]
    );
    // The open tasks per warning level: the overdue one red, the others due after
    // 08-23 (three days ahead, no calendar) green.
    let green_but_one = WarningsJson {
        red: 1,
        yellow: 0,
        blue: 0,
        green: 2,
    };
    for r in &a.reports {
        assert_eq!(r.warnings, green_but_one, "{}", r.group);
        assert_eq!(r.warnings.red, r.overdue, "red is overdue");
    }
    // The extended task (延期), with its original and new due dates.
    let extended: Vec<&[ExtendedJson]> = a.reports.iter().map(|r| r.extended.as_slice()).collect();
    assert_eq!(
        extended,
        [
            &[][..],
            &[][..],
            &[ExtendedJson {
                id: "JH-01".into(),
                title: "开展货车司机集中入会".into(),
                original_due: "2026-07-31".into(),
                due: "2026-09-01".into(),
                days: 32,
            }][..]
        ]
    );
}

#[test]
fn agenda_problems_are_the_overdue_and_blocked_tasks_most_overdue_first() {
    let a = agenda_json(&["--quarter", "2026Q3"]);
    assert_eq!(
        ids(&a.problems),
        ["WQ-01", "BG-02", "LD-02", "DB-01", "BG-03", "DB-02"]
    );
    let days: Vec<Option<i64>> = a
        .problems
        .iter()
        .map(|t| t["days_overdue"].as_i64())
        .collect();
    assert_eq!(days, [Some(51), Some(20), Some(19), Some(10), None, None]);
    assert_eq!(a.problems[2]["lead_unit"], "基层工作部");
    assert_eq!(a.problems[2]["owner"], "钱二");
}

#[test]
fn agenda_next_stage_is_the_open_tasks_due_next_quarter_by_group() {
    let a = agenda_json(&["--quarter", "2026Q3"]);
    assert_eq!(a.next_quarter, "2026Q4");
    let by_group: Vec<(&str, Vec<&str>)> = a
        .next_stage
        .iter()
        .map(|g| (g.group.as_str(), ids(&g.tasks)))
        .collect();
    // WQ-03 is cancelled; WQ-05 falls due in 2027Q1.
    assert_eq!(
        by_group,
        [
            ("leading", vec!["LD-03"]),
            ("office", vec!["BG-02"]),
            ("rights", vec!["WQ-04"]),
            ("east", vec!["DB-02"])
        ]
    );
    assert_eq!(a.next_stage[1].group_name, "领导小组办公室");
    // A monthly task shows the occurrence that falls in the next quarter.
    assert_eq!(a.next_stage[1].tasks[0]["falls_due"], "2026-10-31");
}

#[test]
fn agenda_has_the_meetings_items_attendees_date_and_place() {
    let a = agenda_json(&[]);
    assert_eq!(
        (a.as_of.as_str(), a.quarter.as_str()),
        (TODAY, "2026Q3"),
        "the default quarter is today's"
    );
    assert_eq!(
        (a.from.as_str(), a.to.as_str()),
        ("2026-07-01", "2026-09-30")
    );
    assert_eq!(
        (a.group.as_str(), a.group_name.as_str(), a.meets.as_str()),
        ("leading", "测试工作领导小组", "quarterly")
    );
    let m = a.meeting.unwrap();
    assert_eq!(m.date, "2026-09-24");
    assert!(m.planned);
    assert!(m.title.unwrap().starts_with("领导小组2026年第三季度会议"));
    assert_eq!(
        m.location.as_deref(),
        Some("市总 5 楼会议室（东厅, 502; 备用 503）")
    );
    assert_eq!(a.items, ["审议下半年工作要点", "研究工作经费保障问题"]);
    assert_eq!(a.chair.unwrap().person, "赵一");
    let seats: Vec<(&str, &str, bool)> = a
        .attendees
        .iter()
        .map(|s| (s.role.as_str(), s.person.as_str(), s.executive))
        .collect();
    assert_eq!(
        seats,
        [
            ("leader", "赵一", false),
            ("deputy", "钱二", true),
            ("member", "孙三", false),
            ("member", "李四", false),
            ("member", "周五", false)
        ]
    );
    assert_eq!(a.attendees[1].role_title, "常务副组长");
    assert_eq!(a.attendees[4].title, None);
    assert_eq!(a.attendees[4].unit.as_deref(), Some("组织部"));
    assert_eq!(a.attendees[0].person_id, "赵一");
}

#[test]
fn agenda_without_a_meeting_leaves_date_and_place_to_be_set() {
    let a = agenda_json(&["--quarter", "2026Q2"]);
    assert!(a.meeting.is_none());
    assert!(a.items.is_empty());
    let doc = ok(fixture(&["meeting", "agenda", "--quarter", "2026Q2"]));
    assert!(
        doc.contains("- 会议时间：待定\n- 会议地点：待定\n"),
        "{doc}"
    );
}

#[test]
fn agenda_of_a_group_that_meets_as_needed_says_so() {
    let doc = ok(fixture(&[
        "meeting",
        "agenda",
        "--group",
        "membership",
        "--quarter",
        "2026Q3",
    ]));
    assert!(
        doc.starts_with("# 建会入会专项小组2026年第三季度会议议程\n"),
        "{doc}"
    );
    assert!(
        doc.contains("注：本小组根据需要不定期召开会议，不按季度召开"),
        "{doc}"
    );
    // Its only child reports, and the problems are those of its subtree.
    assert!(
        doc.contains("1. 东片建会工作组工作进展情况（汇报人：周五，组长）"),
        "{doc}"
    );
    assert!(!doc.contains("WQ-01"), "{doc}");
    let en = ok(fixture(&[
        "--lang",
        "en",
        "meeting",
        "agenda",
        "--group",
        "membership",
    ]));
    assert!(
        en.contains("Note: this group meets as needed, not quarterly"),
        "{en}"
    );
    let quarterly = ok(fixture(&["meeting", "agenda"]));
    assert!(!quarterly.contains("注："), "{quarterly}");
}

#[test]
fn agenda_rejects_a_malformed_quarter_showing_the_expected_form() {
    for bad in ["2026Q5", "26Q1", "2026", "Q3"] {
        let out = fixture(&["meeting", "agenda", "--quarter", bad]);
        assert_eq!(out.code, 2, "{bad}: {}", out.stderr);
        assert!(out.stderr.contains("2026Q3"), "{bad}: {}", out.stderr);
        assert!(out.stdout.is_empty());
    }
    let out = fixture(&["report", "--quarter", "2026Q0"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn agenda_of_an_unknown_group_suggests_the_nearest() {
    let out = fixture(&["meeting", "agenda", "--group", "ofice"]);
    assert_eq!(out.code, 2);
    // The fixture's org says lang = "zh".
    assert_eq!(out.stderr, "错误：没有小组“ofice”；是否指“office”？\n");
}

#[test]
fn agenda_refuses_csv() {
    let out = fixture(&["meeting", "agenda", "--format", "csv"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("--format markdown, text, json, yaml"),
        "{}",
        out.stderr
    );
}

#[test]
fn agenda_yaml_carries_the_same_data() {
    let yaml = ok(fixture(&["meeting", "agenda", "--format", "yaml"]));
    assert!(yaml.contains("quarter: 2026Q3"), "{yaml}");
    assert!(yaml.contains("next_quarter: 2026Q4"), "{yaml}");
}

#[test]
fn agenda_seed_2021q4_snapshots() {
    let args = ["meeting", "agenda", "--quarter", "2021Q4"];
    insta::assert_snapshot!("agenda-seed-2021q4-zh", ok(seed(&args)));
    let mut en = vec!["--lang", "en"];
    en.extend(args);
    insta::assert_snapshot!("agenda-seed-2021q4-en", ok(seed(&en)));
    let mut text = vec!["--format", "text"];
    text.extend(args);
    insta::assert_snapshot!("agenda-seed-2021q4-text", ok(seed(&text)));
}

#[test]
fn agenda_fixture_snapshots() {
    insta::assert_snapshot!("agenda-fixture-zh", ok(fixture(&["meeting", "agenda"])));
    insta::assert_snapshot!(
        "agenda-fixture-en",
        ok(fixture(&["--lang", "en", "meeting", "agenda"]))
    );
}

#[test]
fn agenda_seed_2022q1_lists_the_directive_not_yet_studied() {
    let a: AgendaJson = serde_json::from_str(&ok(seed(&[
        "meeting",
        "agenda",
        "--quarter",
        "2022Q1",
        "--format",
        "json",
    ])))
    .unwrap();
    let titles: Vec<&str> = a.directives.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        titles,
        ["全总关于做好2022年元旦春节期间新就业形态劳动者走访慰问工作的通知"]
    );
}

/// A decision of a meeting (议定事项), as the meeting list and the minutes give it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct DecisionJson {
    text: String,
    lead_unit: Option<String>,
    units: Vec<String>,
    owner: Option<String>,
    due: Option<String>,
    group: Option<String>,
    task: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListMeetingJson {
    date: String,
    quarter: String,
    group: String,
    group_name: String,
    title: Option<String>,
    location: Option<String>,
    items: Vec<String>,
    status: String,
    decisions: Vec<DecisionJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MissingJson {
    quarter: String,
    month: Option<String>,
    group: String,
    group_name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListJson {
    as_of: String,
    count: usize,
    meetings: Vec<ListMeetingJson>,
    missing: Vec<MissingJson>,
}

fn list_json(today: &str) -> ListJson {
    let out = run(wg().args([
        "--data", FIXTURE, "--today", today, "meeting", "list", "--format", "json",
    ]));
    serde_json::from_str(&ok(out)).unwrap()
}

#[test]
fn meeting_list_is_by_date_with_planned_and_held() {
    let l = list_json(TODAY);
    // The fixture's meetings decide nothing; the default data's do (tests/minutes.rs).
    assert!(l.meetings.iter().all(|m| m.decisions.is_empty()));
    assert_eq!(l.as_of, TODAY);
    assert_eq!(l.count, 3);
    let rows: Vec<(&str, &str, &str, &str)> = l
        .meetings
        .iter()
        .map(|m| {
            (
                m.date.as_str(),
                m.quarter.as_str(),
                m.group.as_str(),
                m.status.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("2026-03-26", "2026Q1", "leading", "held"),
            ("2026-07-08", "2026Q3", "office", "held"),
            ("2026-09-24", "2026Q3", "leading", "planned"),
        ]
    );
    assert_eq!(l.meetings[0].group_name, "测试工作领导小组");
    assert_eq!(l.meetings[0].title.as_deref(), Some("领导小组第一次会议"));
    assert_eq!(l.meetings[1].location, None);
    assert_eq!(l.meetings[2].items.len(), 2);
}

#[test]
fn meeting_list_flags_quarters_in_which_a_quarterly_group_has_no_meeting() {
    // From the first date in the data (BG-02, due 2026-01-31) to today's quarter.
    let l = list_json(TODAY);
    let missing: Vec<(&str, &str, &str)> = l
        .missing
        .iter()
        .map(|m| (m.quarter.as_str(), m.group.as_str(), m.group_name.as_str()))
        .collect();
    assert_eq!(missing, [("2026Q2", "leading", "测试工作领导小组")]);
    assert_eq!(l.missing[0].month, None, "a quarter, not a month");
    // The current quarter counts too, once it has no meeting planned.
    let later = list_json("2026-10-05");
    let quarters: Vec<&str> = later.missing.iter().map(|m| m.quarter.as_str()).collect();
    assert_eq!(quarters, ["2026Q2", "2026Q4"]);
    assert_eq!(later.meetings[2].status, "held");
}

/// `tests/fixtures/trial-run`: the office meets monthly and met in March only.
const TRIAL: &str = "tests/fixtures/trial-run";

fn trial(args: &[&str]) -> Output {
    run(wg().args(["--data", TRIAL, "--today", TODAY]).args(args))
}

#[test]
fn meeting_list_flags_months_in_which_a_monthly_group_has_no_meeting() {
    let l: ListJson =
        serde_json::from_str(&ok(trial(&["meeting", "list", "--format", "json"]))).unwrap();
    let missing: Vec<(&str, Option<&str>, &str)> = l
        .missing
        .iter()
        .map(|m| (m.quarter.as_str(), m.month.as_deref(), m.group.as_str()))
        .collect();
    // From the month of the first date in the data (2026-01-15) through the as-of
    // month; March has its meeting, September's is after the as-of month. The group
    // that meets as needed is never flagged.
    assert_eq!(
        missing,
        [
            ("2026Q1", Some("2026-01"), "office"),
            ("2026Q1", Some("2026-02"), "office"),
            ("2026Q2", Some("2026-04"), "office"),
            ("2026Q2", Some("2026-05"), "office"),
            ("2026Q2", Some("2026-06"), "office"),
            ("2026Q3", None, "leading"),
            ("2026Q3", Some("2026-07"), "office"),
            ("2026Q3", Some("2026-08"), "office"),
        ]
    );
    // A meeting planned in a month fills it, as a planned meeting fills its quarter.
    let sept: ListJson = serde_json::from_str(&ok(run(wg().args([
        "--data",
        TRIAL,
        "--today",
        "2026-09-01",
        "meeting",
        "list",
        "--format",
        "json",
    ]))))
    .unwrap();
    assert!(
        !sept
            .missing
            .iter()
            .any(|m| m.month.as_deref() == Some("2026-09")),
        "{:?}",
        sept.missing
    );
}

#[test]
fn meeting_list_monthly_snapshots() {
    insta::assert_snapshot!("meeting-list-monthly-zh", ok(trial(&["meeting", "list"])));
    insta::assert_snapshot!(
        "meeting-list-monthly-en-markdown",
        ok(trial(&[
            "--lang", "en", "meeting", "list", "--format", "markdown"
        ]))
    );
    insta::assert_snapshot!(
        "meeting-list-monthly-csv",
        ok(trial(&["meeting", "list", "--format", "csv"]))
    );
}

#[test]
fn meeting_list_snapshots() {
    insta::assert_snapshot!("meeting-list-seed", ok(seed(&["meeting", "list"])));
    insta::assert_snapshot!("meeting-list-fixture", ok(fixture(&["meeting", "list"])));
    insta::assert_snapshot!(
        "meeting-list-fixture-en-markdown",
        ok(fixture(&[
            "--lang", "en", "meeting", "list", "--format", "markdown"
        ]))
    );
}

#[test]
fn meeting_list_csv_has_a_row_per_meeting_and_missing_quarter() {
    let csv = ok(fixture(&["meeting", "list", "--format", "csv", "--bom"]));
    assert!(
        csv.starts_with("\u{feff}季度,日期,小组,会议,地点,状态\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + 3 + 1);
    assert!(
        csv.contains("2026Q2,无,测试工作领导小组,无,无,！本季度无会议"),
        "{csv}"
    );
    let yaml = ok(fixture(&["meeting", "list", "--format", "yaml"]));
    assert!(yaml.contains("status: planned"), "{yaml}");
}

/// Physical lines of an iCalendar text, which must all end in CRLF.
fn crlf_lines(ics: &str) -> Vec<&str> {
    assert!(ics.ends_with("\r\n"));
    let lines: Vec<&str> = ics.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    for l in &lines {
        assert!(
            !l.contains('\n') && !l.contains('\r'),
            "bare line break in {l:?}"
        );
    }
    lines
}

#[test]
fn ics_is_crlf_and_folded_at_75_octets_without_splitting_characters() {
    let ics = ok(fixture(&["meeting", "ics", "--deadlines"]));
    let lines = crlf_lines(&ics);
    for l in &lines {
        assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
    }
    // The long Chinese summary is folded, and unfolds to the title.
    assert!(
        lines.iter().any(|l| l.starts_with(' ')),
        "nothing was folded"
    );
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains(
            "\r\nSUMMARY:领导小组2026年第三季度会议暨新就业形态劳动者权益维护工作推进会\r\n"
        ),
        "{unfolded}"
    );
    // TEXT escaping: the location's comma and semicolon are escaped.
    assert!(
        unfolded.contains("\r\nLOCATION:市总 5 楼会议室（东厅\\, 502\\; 备用 503）\r\n"),
        "{unfolded}"
    );
}

#[test]
fn ics_parses_back_with_stable_uids_and_the_as_of_dtstamp() {
    use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime, EventLike};
    let ics = ok(fixture(&["meeting", "ics", "--deadlines"]));
    let unfolded = icalendar::parser::unfold(&ics);
    let parsed: Calendar = icalendar::parser::read_calendar(&unfolded).unwrap().into();
    let events: Vec<&icalendar::Event> = parsed
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let uids: Vec<&str> = events.iter().map(|e| e.get_uid().unwrap()).collect();
    // Meetings and open tasks' next due dates, by date.
    assert_eq!(
        uids,
        [
            "meeting-leading-20260326@wg",
            "task-WQ-01@wg",
            "meeting-office-20260708@wg",
            "task-BG-02@wg",
            "task-LD-02@wg",
            "task-DB-01@wg",
            "task-JH-01@wg",
            "task-BG-03@wg",
            "meeting-leading-20260924@wg",
            "task-BG-01@wg",
            "task-DB-02@wg",
            "task-LD-03@wg",
            "task-WQ-04@wg",
            "task-WQ-05@wg",
        ]
    );
    let planned = events[8];
    assert_eq!(
        planned.get_location(),
        Some("市总 5 楼会议室（东厅, 502; 备用 503）")
    );
    assert_eq!(
        planned.get_summary(),
        Some("领导小组2026年第三季度会议暨新就业形态劳动者权益维护工作推进会")
    );
    let day = chrono::NaiveDate::from_ymd_opt(2026, 9, 24).unwrap();
    assert_eq!(planned.get_start(), Some(DatePerhapsTime::Date(day)));
    assert_eq!(
        planned.get_end(),
        Some(DatePerhapsTime::Date(day.succ_opt().unwrap()))
    );
    assert_eq!(
        planned.get_description(),
        Some("测试工作领导小组\n1. 审议下半年工作要点\n2. 研究工作经费保障问题")
    );
    for e in &events {
        assert_eq!(e.property_value("DTSTAMP"), Some("20260820T000000Z"));
    }
    assert_eq!(
        events[1].get_summary(),
        Some("截止：WQ-01 制定快递员权益维护指引")
    );
    // Without --deadlines, only the meetings.
    let meetings_only = ok(fixture(&["meeting", "ics"]));
    assert_eq!(meetings_only.matches("BEGIN:VEVENT").count(), 3);
}

#[test]
fn ics_is_the_same_bytes_every_run_and_out_writes_a_file() {
    let a = ok(fixture(&["meeting", "ics", "--deadlines"]));
    let b = ok(fixture(&["meeting", "ics", "--deadlines"]));
    assert_eq!(a, b);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("wg.ics");
    let out = fixture(&[
        "meeting",
        "ics",
        "--deadlines",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), a);
    let nowhere = tmp.path().join("missing-dir").join("wg.ics");
    let out = fixture(&["meeting", "ics", "--out", nowhere.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("错误：无法写入 "), "{}", out.stderr);
}

#[test]
fn ics_refuses_a_format() {
    let out = fixture(&["meeting", "ics", "--format", "json"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("drop --format"), "{}", out.stderr);
}

#[test]
fn ics_fixture_snapshot() {
    // Shown with LF line ends so the snapshot file reads normally; CRLF is checked above.
    let ics = ok(fixture(&["meeting", "ics", "--deadlines"]));
    insta::assert_snapshot!("ics-fixture", ics.replace("\r\n", "\n"));
}

/// An agenda for an earlier day does not quote a progress note written after it.
#[test]
fn agenda_quotes_only_notes_written_by_its_date() {
    let later = ok(fixture(&["meeting", "agenda"]));
    assert!(
        later.contains("最新进展（2026-08-18）：人社部门尚未回复会签意见"),
        "{later}"
    );
    let earlier = ok(run(wg()
        .args(["--data", FIXTURE, "--today", "2026-08-10"])
        .args(["meeting", "agenda"])));
    assert!(
        earlier.contains("LD-02"),
        "LD-02 is overdue on 08-10 too:\n{earlier}"
    );
    assert!(!earlier.contains("人社部门尚未回复会签意见"), "{earlier}");
}

/// The agenda of `tests/fixtures/outcomes` as of 2026-08-20: the progress reports give
/// each group's indicators (open tasks, and those done in the quarter), the problems
/// hold the behind-schedule task beside the overdue and blocked ones.
#[test]
fn agenda_hears_the_indicators_and_puts_behind_schedule_tasks_among_the_problems() {
    let out = run(wg().args([
        "--data",
        "tests/fixtures/outcomes",
        "--today",
        "2026-08-20",
        "meeting",
        "agenda",
        "--quarter",
        "2026Q3",
        "--format",
        "json",
    ]));
    let a: AgendaJson = serde_json::from_str(&ok(out)).unwrap();
    // Per group: each task's id, whether it is behind schedule, and its indicators met.
    type Outcomes<'a> = Vec<(&'a str, bool, Vec<bool>)>;
    let outcomes: Vec<(&str, Outcomes)> = a
        .reports
        .iter()
        .map(|r| {
            (
                r.group.as_str(),
                r.outcomes
                    .iter()
                    .map(|o| {
                        assert!(!o.title.is_empty());
                        (
                            o.id.as_str(),
                            o.behind_schedule,
                            o.indicators.iter().map(|i| i.met).collect(),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            (
                "office",
                vec![("OC-01", false, vec![true]), ("OC-02", false, vec![false])]
            ),
            (
                "rights",
                vec![("OC-03", false, vec![false]), ("OC-04", true, vec![false])]
            ),
            ("membership", vec![]),
        ]
    );
    assert_eq!(
        a.reports[1].outcomes[1].indicators[0],
        IndicatorJson {
            name: "慰问人次".into(),
            target: 100.0,
            unit: None,
            value: Some(29.0),
            as_of: Some("2026-08-15".into()),
            share: 0.29,
            met: false,
        }
    );
    assert_eq!(ids(&a.problems), ["OC-08", "OC-06", "OC-04", "OC-09"]);
    assert_eq!(a.problems[2]["behind_schedule"], true);
    let text = ok(run(wg().args([
        "--data",
        "tests/fixtures/outcomes",
        "--today",
        "2026-08-20",
        "meeting",
        "agenda",
        "--quarter",
        "2026Q3",
    ])));
    assert!(
        text.contains("   - 成效（OC-04 慰问货车司机，进度滞后）：慰问人次 29/100，29%\n"),
        "{text}"
    );
    assert!(
        text.contains("   - 进度滞后：时间已过 50%，目标完成 29%\n"),
        "{text}"
    );
}
