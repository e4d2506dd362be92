//! Tests of tables that fit a width (SPEC §4): `--width N` on the default data as
//! snapshots at 80, 100 and 120 columns, every table line within the width, piped
//! output without `--width` unwrapped whatever `COLUMNS` says, group short names only
//! in narrowed tables, the plain layout of `--format text`, and running text wrapped
//! to the width as tables are.

use crate::common::{copy_dir, root, run, wg};
use unicode_width::UnicodeWidthStr;

/// `wg --data data --today 2022-01-10 ARGS`: its stdout, after checking it succeeded.
fn seed(args: &[&str]) -> String {
    let out = run(wg()
        .args(["--data", "data", "--today", "2022-01-10"])
        .args(args));
    assert_eq!(out.code, 0, "wg {args:?} failed:\n{}", out.stderr);
    assert_eq!(out.stderr, "", "wg {args:?}");
    out.stdout
}

/// The commands whose tables the issue measured, and `roster show`'s seat tables.
const COMMANDS: &[(&str, &[&str])] = &[
    ("tasks-list", &["tasks", "list"]),
    ("tasks-overdue", &["tasks", "overdue"]),
    ("tasks-due", &["tasks", "due"]),
    ("report", &["report"]),
    ("roster-show", &["roster", "show"]),
    ("roster-units", &["roster", "units"]),
];

/// The lines of a table (its borders and rows), which must fit; running text around
/// tables (a group's duties, the report's note) is not a table.
fn table_lines(out: &str) -> impl Iterator<Item = &str> {
    out.lines()
        .filter(|l| l.starts_with('+') || l.starts_with('|'))
}

#[test]
fn tables_fit_80_100_and_120_columns() {
    for (name, args) in COMMANDS {
        for width in [80, 100, 120] {
            let mut all = args.to_vec();
            let w = width.to_string();
            all.extend(["--width", &w]);
            let out = seed(&all);
            for line in table_lines(&out) {
                assert!(
                    line.width() <= width,
                    "wg {all:?}: a line {} wide:\n{line}",
                    line.width()
                );
            }
            insta::assert_snapshot!(format!("width-{name}-{width}"), out);
        }
    }
}

#[test]
fn english_tables_fit_80_columns() {
    let out = seed(&["--lang", "en", "tasks", "overdue", "--width", "80"]);
    assert!(table_lines(&out).all(|l| l.width() <= 80), "{out}");
    insta::assert_snapshot!("width-tasks-overdue-en-80", out);
}

/// Piped output is what it was before tables could fit: cron mails and scripts that
/// read the table see nothing move, whatever `COLUMNS` holds; `--width 0` asks for the
/// same on a terminal.
#[test]
fn piped_output_without_width_is_never_wrapped() {
    for (_, args) in COMMANDS {
        let plain = seed(args);
        let with_columns = run(wg()
            .args(["--data", "data", "--today", "2022-01-10"])
            .args(*args)
            .env("COLUMNS", "80"));
        assert_eq!(with_columns.stdout, plain, "COLUMNS=80 wg {args:?}");
        let mut zero = args.to_vec();
        zero.extend(["--width", "0"]);
        assert_eq!(seed(&zero), plain, "wg {zero:?}");
        // Wide enough, the fitted table is the same bytes.
        let mut wide = args.to_vec();
        wide.extend(["--width", "1000"]);
        assert_eq!(seed(&wide), plain, "wg {wide:?}");
    }
    // The overdue table of the default data is wider than 120 columns unwrapped.
    let overdue = seed(&["tasks", "overdue"]);
    assert!(table_lines(&overdue).any(|l| l.width() > 120));
}

#[test]
fn group_short_names_show_only_where_a_table_is_narrowed() {
    let wide = seed(&["tasks", "overdue", "--width", "300"]);
    assert!(wide.contains("| 建会入会专项小组 "), "{wide}");
    assert!(!wide.contains("建会入会组"), "{wide}");
    // At 120 columns the task table is narrowed, the summary under it is not.
    let narrow = seed(&["tasks", "overdue", "--width", "120"]);
    let (tasks, summary) = narrow.split_once("按小组汇总").expect("two tables");
    assert!(tasks.contains(" 建会入会组 "), "{tasks}");
    assert!(!tasks.contains("建会入会专项小组"), "{tasks}");
    assert!(summary.contains("| 建会入会专项小组 "), "{summary}");
    // A group without a short name keeps its name.
    let tmp = copy_dir(&root().join("data"));
    let groups = tmp.path().join("groups.toml");
    let text = std::fs::read_to_string(&groups).expect("groups.toml");
    std::fs::write(&groups, text.replace("short_name = \"建会入会组\"\n", "")).expect("write");
    let out = run(wg().arg("--data").arg(tmp.path()).args([
        "--today",
        "2022-01-10",
        "tasks",
        "overdue",
        "--width",
        "120",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (tasks, _) = out.stdout.split_once("按小组汇总").expect("two tables");
    assert!(tasks.contains("建会入会专"), "{tasks}");
    assert!(tasks.contains("维权服务组"), "{tasks}");
}

/// `--format text` is plain text for lists: columns two spaces apart, no borders, no
/// trailing spaces; it fits `--width` as tables do.
#[test]
fn text_format_lists_are_plain_columns() {
    let text = seed(&["tasks", "overdue", "--format", "text"]);
    assert_ne!(text, seed(&["tasks", "overdue"]));
    assert!(!text.contains('|') && !text.contains("+-"), "{text}");
    assert!(text.lines().all(|l| !l.ends_with(' ')), "{text}");
    insta::assert_snapshot!("width-tasks-overdue-text", text);
    let narrow = seed(&["tasks", "overdue", "--format", "text", "--width", "80"]);
    assert!(narrow.lines().all(|l| l.width() <= 80), "{narrow}");
    insta::assert_snapshot!("width-tasks-overdue-text-80", narrow);
    for args in [
        &["report", "--format", "text"][..],
        &["roster", "units", "--format", "text"],
        &["meeting", "list", "--format", "text"],
    ] {
        let out = seed(args);
        assert!(
            !out.contains("+-") && !out.contains("| "),
            "wg {args:?}:\n{out}"
        );
    }
    // Documents keep their tables: `roster show` in text is the table layout.
    assert_eq!(
        seed(&["roster", "show", "--format", "text"]),
        seed(&["roster", "show"])
    );
}

#[test]
fn width_must_be_a_number() {
    let out = run(wg().args(["--data", "data", "tasks", "list", "--width", "wide"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--width"), "{}", out.stderr);
}

/// On a terminal of N columns the running text around tables (the report's notes and
/// lists of ids, a group's duties, the agenda's items) is wrapped to N too, where a
/// reader expects the breaks: no id or date is cut in two by the terminal.
#[test]
fn running_text_fits_the_width_too() {
    for args in [
        &["report"][..],
        &["roster", "show"],
        &["meeting", "agenda", "--format", "text"],
        &["tasks", "overdue"],
    ] {
        let out = run(wg()
            .args(["--data", "data", "--today", "2026-06-15", "--width", "80"])
            .args(args));
        assert!(out.code <= 1, "wg {args:?}: {}", out.stderr);
        for line in out.stdout.lines() {
            assert!(
                line.width() <= 80,
                "wg {args:?}: {} columns: {line}",
                line.width()
            );
        }
    }
    let report = seed(&["--width", "80", "report", "--quarter", "2022Q2"]);
    assert!(
        !report
            .lines()
            .any(|l| l.ends_with("202") || l.starts_with("6-")),
        "{report}"
    );
}
