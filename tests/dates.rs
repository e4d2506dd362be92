//! Dates at the ends of the range wg handles, 0001-01-01 to 9999-12-31, on
//! `tests/fixtures/last-day/` (whose comments say what each task is): nothing wg
//! works out steps outside it, and dates outside it are refused wherever they come
//! from. The catalogue has the refusals in the files (`date-year-*`) and on the
//! command line (`today-year-*`).

use crate::common::{Output, copy_dir, fixture, run, wg};
use serde_json::Value;

/// `wg --data tests/fixtures/last-day --today TODAY ARGS`.
fn last_day(today: &str, args: &[&str]) -> Output {
    run(wg()
        .arg("--data")
        .arg(fixture("last-day"))
        .args(["--today", today])
        .args(args))
}

fn ok(out: Output) -> String {
    assert_eq!(out.code, 0, "wg failed:\n{}", out.stderr);
    out.stdout
}

/// Every date-like string in some output has a four-digit year: no `+10000-01-30`,
/// no `+100000101`.
fn no_year_past_9999(text: &str) {
    assert!(!text.contains("+1"), "{text}");
    assert!(!text.contains("10000"), "{text}");
}

fn task<'v>(list: &'v Value, id: &str) -> &'v Value {
    list["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no task {id} in {list}"))
}

#[test]
fn a_series_done_through_its_last_occurrence_before_10000_has_no_next_one() {
    let out = ok(last_day(
        "9999-12-30",
        &["tasks", "list", "--format", "json"],
    ));
    no_year_past_9999(&out);
    let list: Value = serde_json::from_str(&out).unwrap();
    // Once "+10000-01-30".
    let done = task(&list, "L-03");
    assert_eq!(done["next_due"], Value::Null);
    assert_eq!(done["days_overdue"], Value::Null);
    assert_eq!(done["missed"], 0);
    assert_eq!(task(&list, "L-02")["next_due"], "9999-12-31");
}

#[test]
fn a_series_from_year_1_counts_its_missed_months_to_the_end_of_9999() {
    let list: Value = serde_json::from_str(&ok(last_day(
        "9999-12-31",
        &["tasks", "overdue", "--format", "json"],
    )))
    .unwrap();
    let long = task(&list, "L-04");
    assert_eq!(long["next_due"], "9000-06-30");
    // 9000-06-30 to 9999-11-30, one a month; 9999-12-31 falls due today.
    assert_eq!(long["missed"], 999 * 12 + 6);
    assert_eq!(list["count"], 1, "{list}");
}

#[test]
fn an_event_on_9999_12_31_has_no_dtend_and_lasts_its_one_day() {
    use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
    let ics = ok(last_day("9999-12-30", &["meeting", "ics", "--deadlines"]));
    // Once DTEND;VALUE=DATE:+100000101.
    no_year_past_9999(&ics);
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
    assert_eq!(uids, ["task-L-04@wg", "task-L-01@wg", "task-L-02@wg"]);
    let last = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    for e in &events[1..] {
        assert_eq!(e.get_start(), Some(DatePerhapsTime::Date(last)));
        assert_eq!(e.get_end(), None);
    }
    let day = chrono::NaiveDate::from_ymd_opt(9000, 6, 30).unwrap();
    assert_eq!(
        events[0].get_end(),
        Some(DatePerhapsTime::Date(day.succ_opt().unwrap()))
    );
}

#[test]
fn a_window_past_9999_ends_on_9999_12_31() {
    let out = ok(last_day(
        "9999-12-30",
        &["tasks", "due", "--within", "4294967295", "--format", "json"],
    ));
    no_year_past_9999(&out);
    let due: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(due["through"], "9999-12-31");
    assert_eq!(due["count"], 2);
}

#[test]
fn done_on_a_series_with_no_occurrence_left_is_refused_and_changes_nothing() {
    let tmp = copy_dir(&fixture("last-day"));
    let before = std::fs::read_to_string(tmp.path().join("tasks.toml")).unwrap();
    let out = run(wg().arg("--data").arg(tmp.path()).args([
        "--lang",
        "en",
        "--today",
        "9999-12-31",
        "tasks",
        "done",
        "L-03",
    ]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("last occurrence") && out.stderr.contains("9999-12-31"),
        "{}",
        out.stderr
    );
    let after = std::fs::read_to_string(tmp.path().join("tasks.toml")).unwrap();
    assert_eq!(before, after);
    // The series next to it moves on as ever.
    let out = run(wg().arg("--data").arg(tmp.path()).args([
        "--today",
        "9999-12-31",
        "tasks",
        "done",
        "L-02",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        std::fs::read_to_string(tmp.path().join("tasks.toml"))
            .unwrap()
            .contains("done_through = 9999-12-31")
    );
}

#[test]
fn quarters_outside_the_range_are_refused() {
    let out = last_day("9999-12-30", &["meeting", "agenda", "--quarter", "9999Q4"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("9999-12-31"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let out = last_day("9999-12-30", &["meeting", "agenda", "--quarter", "9999Q3"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // clap's message follows the org (Chinese): asked in English.
    let out = last_day(
        "9999-12-30",
        &["--lang", "en", "report", "--quarter", "0000Q1"],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("0001 to 9999"), "{}", out.stderr);
}

/// The clock, too: `WG_NOW` late on 9999-12-31 (UTC) is already 10000 in Shanghai.
#[test]
fn a_clock_past_9999_in_the_orgs_time_zone_is_refused() {
    let out = run(wg()
        .arg("--data")
        .arg(fixture("last-day"))
        .env("WG_NOW", "9999-12-31T20:00:00Z")
        .args(["tasks", "list"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("10000-01-01") && out.stderr.contains("--today"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
}

/// Every date argument goes through one check.
#[test]
fn date_arguments_outside_the_range_are_usage_errors() {
    for (args, bad) in [
        (&["--today", "10000-01-01", "check"][..], "10000-01-01"),
        (&["--today=-0001-01-01", "check"][..], "-0001-01-01"),
        (&["--today", "0000-12-31", "check"][..], "0000-12-31"),
        (
            &[
                "--today",
                "2026-01-15",
                "tasks",
                "list",
                "--due-before",
                "+10000-01-01",
            ][..],
            "+10000-01-01",
        ),
    ] {
        let out = run(wg()
            .arg("--data")
            .arg(fixture("last-day"))
            .args(["--lang", "en"])
            .args(args));
        assert_eq!(out.code, 2, "{args:?}");
        assert!(
            out.stderr
                .contains(&format!("\"{bad}\" is outside the dates wg handles")),
            "{args:?}: {}",
            out.stderr
        );
    }
}

/// The warning windows (预警) end on 9999-12-31 too: graded with a calendar on the last
/// days, no message names a year past 9999.
#[test]
fn warning_windows_end_on_the_last_day() {
    let dir = copy_dir(&fixture("last-day"));
    std::fs::write(
        dir.path().join("calendar.toml"),
        "[[holidays]]\nname = \"元旦\"\nfrom = 9999-01-01\nto = 9999-01-01\n",
    )
    .unwrap();
    for today in ["9999-12-30", "9999-12-31"] {
        for args in [&["tasks", "list"][..], &["tasks", "due"], &["report"]] {
            let out = run(wg()
                .arg("--data")
                .arg(dir.path())
                .args(["--today", today])
                .args(args));
            assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
            no_year_past_9999(&out.stderr);
            no_year_past_9999(&out.stdout);
        }
    }
}
