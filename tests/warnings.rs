//! Tests of the graded warnings (预警): the level of every task in JSON, the 预警
//! column (in words, or coloured with `--color always`), `--warning LEVEL` in every task
//! read command, and `[org.warnings]` (yellow_days, blue_days) counted in working days
//! when the data has a calendar. Mostly on `tests/fixtures/tasks/` (its calendar covers
//! 2024), whose task comments give each task's due date.

use crate::common::{Output, copy_dir, fixture, run, wg, wg_in};
use serde_json::Value;
use std::path::Path;

const DATA: &str = "tests/fixtures/tasks";

fn ok(out: Output) -> String {
    assert_eq!(out.code, 0, "wg failed:\n{}", out.stderr);
    out.stdout
}

/// `wg --data DIR ARGS`.
fn at(dir: &Path, args: &[&str]) -> Output {
    run(wg().arg("--data").arg(dir).args(args))
}

/// A copy of the tasks fixture with `[org.warnings]` holding `table`.
fn with_warnings(table: &str) -> tempfile::TempDir {
    let tmp = copy_dir(&fixture("tasks"));
    let org = tmp.path().join("org.toml");
    let mut text = std::fs::read_to_string(&org).unwrap();
    // [org] is the first table: its sub-table goes right after its keys.
    text = text.replacen(
        "\n[[units]]",
        &format!("\n[org.warnings]\n{table}\n\n[[units]]"),
        1,
    );
    std::fs::write(&org, text).unwrap();
    tmp
}

/// (id, warning) of every task of a JSON task list, in order.
fn levels(json: &str) -> Vec<(String, Option<String>)> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_str().unwrap().to_owned(),
                t["warning"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// The ids at one level.
fn ids_at(json: &str, level: &str) -> Vec<String> {
    levels(json)
        .into_iter()
        .filter(|(_, w)| w.as_deref() == Some(level))
        .map(|(id, _)| id)
        .collect()
}

fn list_json(dir: &Path, today: &str, extra: &[&str]) -> String {
    let mut args = vec!["--today", today, "tasks", "list", "--format", "json"];
    args.extend_from_slice(extra);
    ok(at(dir, &args))
}

#[test]
fn every_task_in_json_carries_its_level_and_closed_ones_null() {
    // Monday 2024-02-26: three working days reach Thursday 02-29.
    let json = list_json(Path::new(DATA), "2024-02-26", &[]);
    let all = levels(&json);
    assert_eq!(all.len(), 21, "every task, closed ones too");
    let closed: Vec<&str> = all
        .iter()
        .filter(|(_, w)| w.is_none())
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(closed, ["JH-03", "JH-05", "JH-04"], "cancelled and done");
    assert_eq!(
        ids_at(&json, "yellow"),
        ["BG-02", "BG-03", "JH-01"],
        "due 02-29, the third working day"
    );
    assert_eq!(
        ids_at(&json, "green"),
        ["BG-04", "WQ-06", "WQ-05", "BG-05"],
        "03-01 is one day past the window; BG-05 has no due date"
    );
    assert!(ids_at(&json, "blue").is_empty(), "no blue_days: no blue");
    // Red is exactly what `tasks overdue` lists.
    let overdue: Value = serde_json::from_str(&ok(at(
        Path::new(DATA),
        &[
            "--today",
            "2024-02-26",
            "tasks",
            "overdue",
            "--format",
            "json",
        ],
    )))
    .unwrap();
    let mut overdue_ids: Vec<String> = overdue["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    let mut red = ids_at(&json, "red");
    overdue_ids.sort();
    red.sort();
    assert_eq!(red, overdue_ids);
}

#[test]
fn a_task_due_today_is_yellow_even_with_yellow_days_zero() {
    let dir = with_warnings("yellow_days = 0");
    let json = list_json(dir.path(), "2024-03-01", &[]);
    assert_eq!(ids_at(&json, "yellow"), ["BG-04"], "due today");
    assert_eq!(ids_at(&json, "green"), ["WQ-06", "WQ-05", "BG-05"]);
}

#[test]
fn working_days_decide_the_window_when_there_is_a_calendar() {
    // Thursday 2024-02-08, the eve of 春节 (02-10 … 02-17 off, Sunday 02-18 worked):
    // three working days are 02-09, 02-18 and 02-19, so JH-08 (due 02-19) is yellow.
    let json = list_json(Path::new(DATA), "2024-02-08", &["--warning", "yellow"]);
    assert_eq!(ids_at(&json, "yellow"), ["JH-08"]);
    // Without the calendar, three days end on Sunday 02-11: JH-08 is green.
    let tmp = copy_dir(&fixture("tasks"));
    std::fs::remove_file(tmp.path().join("calendar.toml")).unwrap();
    let json = list_json(tmp.path(), "2024-02-08", &[]);
    assert!(ids_at(&json, "yellow").is_empty(), "{json}");
    assert!(ids_at(&json, "green").contains(&"JH-08".to_owned()));
}

#[test]
fn blue_days_give_the_earlier_notice_after_yellow() {
    // As of Monday 02-26: yellow through Thursday 02-29; five working days reach
    // Monday 03-04, so BG-04 (03-01) is blue and WQ-06 (03-08) still green.
    let dir = with_warnings("yellow_days = 3\nblue_days = 5");
    let json = list_json(dir.path(), "2024-02-26", &[]);
    assert_eq!(ids_at(&json, "yellow"), ["BG-02", "BG-03", "JH-01"]);
    assert_eq!(ids_at(&json, "blue"), ["BG-04"]);
    assert_eq!(ids_at(&json, "green"), ["WQ-06", "WQ-05", "BG-05"]);
    // The filter takes the English word or the Chinese one.
    for word in ["blue", "蓝", "Blue"] {
        let json = list_json(dir.path(), "2024-02-26", &["--warning", word]);
        let all: Vec<String> = levels(&json).into_iter().map(|(id, _)| id).collect();
        assert_eq!(all, ["BG-04"], "--warning {word}");
    }
    // The evaluation and the agenda show blue once the org uses it.
    let report = ok(at(dir.path(), &["--today", "2024-02-26", "report"]));
    assert!(report.contains("蓝色预警"), "{report}");
    let agenda = ok(at(
        dir.path(),
        &["--today", "2024-02-26", "meeting", "agenda"],
    ));
    assert!(agenda.contains("蓝色 1 项"), "{agenda}");
}

#[test]
fn the_warning_filter_works_in_every_task_read_command() {
    let run_ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--today", "2024-02-26", "--format", "json", "tasks"];
        all.extend_from_slice(args);
        levels(&ok(at(Path::new(DATA), &all)))
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    assert_eq!(
        run_ids(&["list", "--warning", "yellow"]),
        ["BG-02", "BG-03", "JH-01"]
    );
    assert_eq!(
        run_ids(&["list", "--warning", "黄"]),
        run_ids(&["list", "--warning", "yellow"])
    );
    assert_eq!(
        run_ids(&["due", "--warning", "黄色"]),
        ["BG-02", "BG-03", "JH-01"]
    );
    assert_eq!(
        run_ids(&["due", "--warning", "green"]),
        ["BG-04", "WQ-06"],
        "due looks 14 days ahead"
    );
    assert!(run_ids(&["overdue", "--warning", "yellow"]).is_empty());
    assert_eq!(
        run_ids(&["overdue", "--warning", "red"]),
        run_ids(&["overdue"])
    );
    // With other filters: red tasks of one group.
    assert_eq!(
        run_ids(&["list", "--warning", "red", "--group", "office"]),
        ["BG-01"]
    );
    let table = ok(at(
        Path::new(DATA),
        &[
            "--today",
            "2024-02-26",
            "tasks",
            "overdue",
            "--warning",
            "yellow",
        ],
    ));
    assert_eq!(table, "没有逾期任务（截至 2024-02-26）\n");
}

#[test]
fn a_level_no_task_can_have_is_refused() {
    let out = at(
        Path::new(DATA),
        &[
            "--lang",
            "en",
            "--today",
            "2024-02-26",
            "tasks",
            "list",
            "--warning",
            "orange",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains(
            "no level \"orange\"; levels are: red (红), yellow (黄), blue (蓝), green (绿)"
        ),
        "{}",
        out.stderr
    );
    let out = at(
        Path::new(DATA),
        &["--today", "2024-02-26", "tasks", "due", "--warning", "blue"],
    );
    assert_eq!(out.code, 2);
    // The org says no `lang`: Chinese.
    assert!(out.stderr.contains("没有设 `blue_days`"), "{}", out.stderr);
}

/// Escape codes made visible, for snapshots and messages.
fn visible(s: &str) -> String {
    s.replace('\u{1b}', "␛")
}

/// The text without its SGR colour codes.
fn strip_colours(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after.find('m').expect("an SGR sequence ends with m");
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn color_always_paints_the_warning_cells_and_keeps_the_columns_aligned() {
    // 2022-01-18 on the default data: some tasks red, LD-05 (due 01-20) yellow.
    let seed = |args: &[&str]| {
        ok(run(wg()
            .args(["--data", "data", "--today", "2022-01-18"])
            .args(args)))
    };
    let coloured = seed(&["--color", "always", "tasks", "list"]);
    let plain = seed(&["--color", "never", "tasks", "list"]);
    assert_ne!(coloured, plain);
    assert_eq!(strip_colours(&coloured), plain, "colour moves no border");
    for cell in [
        "\u{1b}[31m红\u{1b}[0m",
        "\u{1b}[33m黄\u{1b}[0m",
        "\u{1b}[32m绿\u{1b}[0m",
    ] {
        assert!(coloured.contains(cell), "{}", visible(cell));
    }
    // Only the level cells are painted: one code before and one after each open task's.
    let open = plain
        .lines()
        .filter(|l| l.contains("| 红 ") || l.contains("| 黄 ") || l.contains("| 绿 "))
        .count();
    assert_eq!(coloured.matches('\u{1b}').count(), 2 * open);
    insta::assert_snapshot!(
        "warnings-seed-color-always",
        visible(&seed(&[
            "--color",
            "always",
            "tasks",
            "list",
            "--status",
            "in-progress"
        ]))
    );
    // English words, coloured the same way.
    let en = seed(&["--color", "always", "--lang", "en", "tasks", "due"]);
    assert!(en.contains("\u{1b}[33myellow\u{1b}[0m"), "{}", visible(&en));
    // The roster's task tables too.
    let person = seed(&["--color", "always", "roster", "person", "吴雄刚"]);
    assert!(
        person.contains("\u{1b}[33m黄\u{1b}[0m"),
        "{}",
        visible(&person)
    );
}

#[test]
fn colour_is_never_written_into_files_formats_or_pipes() {
    let seed = |args: &[&str]| {
        ok(run(wg()
            .args(["--data", "data", "--today", "2022-01-18"])
            .args(args)))
    };
    for format in ["markdown", "csv", "json", "yaml"] {
        let out = seed(&["--color", "always", "--format", format, "tasks", "list"]);
        assert!(!out.contains('\u{1b}'), "--format {format}");
    }
    // `auto` (the default) on a pipe, with NO_COLOR unset: words only.
    let out = ok(run(wg_in(&crate::common::root())
        .env_remove("NO_COLOR")
        .args(["--data", "data", "--today", "2022-01-18", "tasks", "list"])));
    assert!(!out.contains('\u{1b}'));
    assert!(out.contains("| 黄   |"), "{out}");
}

#[test]
fn seed_list_has_the_warning_column_and_nothing_else_moves() {
    let out = ok(run(wg().args([
        "--data",
        "data",
        "--today",
        "2022-01-10",
        "tasks",
        "list",
    ])));
    insta::assert_snapshot!("warnings-seed-list", out);
}

#[test]
fn agenda_and_report_count_open_tasks_per_level() {
    let seed = |args: &[&str]| {
        ok(run(wg()
            .args(["--data", "data", "--today", "2022-01-18"])
            .args(args)))
    };
    let agenda: Value = serde_json::from_str(&seed(&[
        "meeting",
        "agenda",
        "--quarter",
        "2022Q1",
        "--format",
        "json",
    ]))
    .unwrap();
    // The leading group's own task LD-05 counts in no child's report; the office's
    // BG-02 is overdue (red), BG-05, BG-06 and BG-07 due later (green).
    let office = &agenda["reports"][0];
    assert_eq!(office["group"], "office");
    assert_eq!(
        office["warnings"],
        serde_json::json!({"red": 1, "yellow": 0, "blue": 0, "green": 3})
    );
    let text = seed(&["meeting", "agenda", "--quarter", "2022Q1"]);
    assert!(
        text.contains("   - 预警：红色 1 项、黄色 0 项、绿色 3 项\n"),
        "{text}"
    );
    let report: Value = serde_json::from_str(&seed(&[
        "report",
        "--quarter",
        "2022Q1",
        "--format",
        "json",
    ]))
    .unwrap();
    let leading = &report["rows"][0];
    assert_eq!(leading["group"], "leading");
    assert_eq!(leading["warnings"]["yellow"], 1, "LD-05, due 01-20");
    let total = &report["total"]["warnings"];
    let sum: u64 = ["red", "yellow", "blue", "green"]
        .iter()
        .map(|k| total[*k].as_u64().unwrap())
        .sum();
    let open = ok(run(wg().args([
        "--data",
        "data",
        "--today",
        "2022-01-18",
        "--format",
        "json",
        "tasks",
        "list",
    ])));
    let open = levels(&open).iter().filter(|(_, w)| w.is_some()).count() as u64;
    assert_eq!(sum, open, "every open task is counted once");
}

#[test]
fn windows_outside_the_calendar_are_said_on_stderr() {
    // Monday 2024-12-30: three working days reach into 2025, which the calendar does
    // not cover; the levels were counted Monday to Friday there, and wg says so.
    let out = at(
        Path::new(DATA),
        &[
            "--today",
            "2024-12-30",
            "tasks",
            "list",
            "--warning",
            "green",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("calendar.toml 没有覆盖 2025 年"),
        "{}",
        out.stderr
    );
    // The evaluation's warning counts were graded the same way.
    let out = at(Path::new(DATA), &["--today", "2024-12-30", "report"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("calendar.toml 没有覆盖 2025 年"),
        "{}",
        out.stderr
    );
    // Inside the calendar's year: nothing to say.
    let out = at(
        Path::new(DATA),
        &[
            "--today",
            "2024-03-01",
            "tasks",
            "list",
            "--warning",
            "green",
        ],
    );
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
}

/// A table fitted to the terminal paints its 预警 cells too, and only them: the fitted
/// layout is the same with and without colour (plain text, and `--format text`).
#[test]
fn fitted_tables_paint_the_warning_cells_and_keep_their_layout() {
    for format in ["table", "text"] {
        let seed = |color: &str| {
            ok(run(wg().args([
                "--data",
                "data",
                "--today",
                "2022-01-18",
                "--width",
                "80",
                "--format",
                format,
                "--color",
                color,
                "tasks",
                "list",
            ])))
        };
        let coloured = seed("always");
        let plain = seed("never");
        assert!(coloured.contains("\u{1b}[31m红\u{1b}[0m"), "{format}");
        assert!(coloured.contains("\u{1b}[33m黄\u{1b}[0m"), "{format}");
        assert_eq!(
            strip_colours(&coloured),
            plain,
            "{format}: colour moves nothing"
        );
    }
}
