//! Tests of `wg check`: one case per validation rule, each a small data directory made
//! by laying the files of `tests/fixtures/check/<case>/` over the valid
//! `tests/fixtures/base/`. Every failing case asserts the exit code, the exact list of
//! `file:line:col` and messages, and snapshots the whole of stderr. The cases run in
//! English (`--lang en`); the catalogue and `tests/i18n.rs` show the Chinese.

use crate::common::{Output, copy_dir, copy_into, fixture, root, run, wg, wg_in};

/// `wg check` (plus `args`) run inside the case's data directory, so paths print
/// relative to it (`tasks.toml:5:9`).
fn check_case(case: &str, args: &[&str]) -> Output {
    let dir = copy_dir(&fixture("base"));
    copy_into(&fixture("check").join(case), dir.path());
    run(wg_in(dir.path()).args(["--lang", "en", "check"]).args(args))
}

/// Every `error:`/`warning:` line of stderr that has a place, with its place:
/// `("tasks.toml:5:9", "error: unknown person …")`.
fn located(stderr: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = stderr.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[0].starts_with("error: ") || w[0].starts_with("warning: "))
        .filter_map(|w| {
            let place = w[1].trim_start().strip_prefix("--> ")?;
            Some((place.to_owned(), w[0].to_owned()))
        })
        .collect()
}

/// Asserts that a case fails with exit 2 and exactly these problems, in this order,
/// then snapshots stderr under the case's name.
fn fails(case: &str, expected: &[(&str, &str)]) {
    let out = check_case(case, &[]);
    assert_eq!(out.code, 2, "{case}: stderr was\n{}", out.stderr);
    assert_eq!(out.stdout, "", "{case}: nothing goes to stdout on failure");
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(place, message)| ((*place).to_owned(), (*message).to_owned()))
        .collect();
    assert_eq!(
        located(&out.stderr),
        expected,
        "{case}: stderr was\n{}",
        out.stderr
    );
    insta::assert_snapshot!(format!("check-{case}"), out.stderr);
}

/// Asserts that a case loads without errors or warnings.
fn passes(case: &str) {
    let out = check_case(case, &[]);
    assert_eq!(out.code, 0, "{case}: stderr was\n{}", out.stderr);
    assert_eq!(out.stderr, "", "{case}");
    assert!(
        out.stdout.contains("0 errors, 0 warnings"),
        "{}",
        out.stdout
    );
}

#[test]
fn base_fixture_is_valid() {
    let out = run(wg().args(["--lang", "en", "--data", "tests/fixtures/base", "check"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert_eq!(
        out.stdout,
        "tests/fixtures/base: 6 files, 3 units, 5 people, 2 groups, 2 tasks, 1 meeting, 1 directive; 0 errors, 0 warnings\n"
    );
}

#[test]
fn syntax_error_points_at_the_broken_line() {
    fails(
        "syntax-error",
        &[(
            "tasks.toml:3:21",
            "error: TOML syntax: invalid basic string, expected `\"`",
        )],
    );
}

#[test]
fn full_width_punctuation_outside_strings_gets_a_plain_hint() {
    fails(
        "full-width-punctuation",
        &[
            (
                "tasks.toml:3:9",
                "error: TOML syntax: full-width quote “ where TOML needs `\"`",
            ),
            (
                "tasks.toml:5:17",
                "error: TOML syntax: full-width comma ， where TOML needs `,`",
            ),
        ],
    );
    let out = check_case("full-width-punctuation", &[]);
    assert!(
        out.stderr
            .contains("help: switch the input method to half-width and type \" instead of “ ”"),
        "{}",
        out.stderr
    );
    // The full-width comma inside the outcome string is Chinese text, not a mistake.
    assert!(!out.stderr.contains("tasks.toml:6:"), "{}", out.stderr);
}

#[test]
fn windows_line_endings_do_not_show_in_the_excerpt() {
    let dir = copy_dir(&fixture("base"));
    let text = std::fs::read_to_string(fixture("check").join("unknown-person/tasks.toml")).unwrap();
    std::fs::write(dir.path().join("tasks.toml"), text.replace('\n', "\r\n")).unwrap();
    let out = run(wg_in(dir.path()).args(["--lang", "en", "check"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("5 | owner = \"张珂\"\n"),
        "{:?}",
        out.stderr
    );
    assert!(
        out.stderr.contains(" --> tasks.toml:5:9\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn unknown_key_suggests_the_key_meant() {
    fails(
        "unknown-key",
        &[("tasks.toml:5:1", "error: unknown key `dead_line` in task")],
    );
    let out = check_case("unknown-key", &[]);
    assert!(
        out.stderr.contains("help: did you mean `due`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn key_above_its_table_header_says_where_it_belongs() {
    fails(
        "key-outside-any-table",
        &[
            ("tasks.toml:2:1", "error: unknown key `id` in a task file"),
            ("tasks.toml:3:1", "error: task is missing required key `id`"),
        ],
    );
    let out = check_case("key-outside-any-table", &[]);
    assert!(
        out.stderr.contains(
            "help: `id` belongs inside a [[tasks]] entry; move it below a `[[tasks]]` line"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn missing_required_key_points_at_the_table() {
    fails(
        "missing-key",
        &[(
            "tasks.toml:1:1",
            "error: task is missing required key `title`",
        )],
    );
}

#[test]
fn duplicate_unit_id_names_the_first_place() {
    fails(
        "duplicate-unit-id",
        &[("org.toml:50:6", "error: duplicate unit id \"jiceng\"")],
    );
    let out = check_case("duplicate-unit-id", &[]);
    assert!(
        out.stderr.contains("note: first defined at: org.toml:10:6"),
        "{}",
        out.stderr
    );
}

#[test]
fn duplicate_person_names_need_ids() {
    fails(
        "duplicate-person-id",
        &[("org.toml:54:8", "error: two people are named \"孙丽\"")],
    );
    let out = check_case("duplicate-person-id", &[]);
    assert!(
        out.stderr.contains("note: the first is at: org.toml:50:8"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("give each of them an `id`"),
        "{}",
        out.stderr
    );
}

#[test]
fn duplicate_group_id_names_the_first_place() {
    fails(
        "duplicate-group-id",
        &[("groups.toml:15:6", "error: duplicate group id \"office\"")],
    );
    let out = check_case("duplicate-group-id", &[]);
    assert!(
        out.stderr
            .contains("note: first defined at: groups.toml:8:6"),
        "{}",
        out.stderr
    );
}

#[test]
fn duplicate_task_id_across_task_files_names_the_first_file() {
    fails(
        "duplicate-task-id",
        &[(
            "tasks/office.toml:7:6",
            "error: duplicate task id \"LD-01\"",
        )],
    );
    let out = check_case("duplicate-task-id", &[]);
    assert!(
        out.stderr
            .contains("note: first defined at: tasks.toml:2:6"),
        "{}",
        out.stderr
    );
}

#[test]
fn unknown_person_suggests_the_nearest_name() {
    fails(
        "unknown-person",
        &[(
            "tasks.toml:5:9",
            "error: unknown person \"张珂\" in owner of task LD-01",
        )],
    );
    let out = check_case("unknown-person", &[]);
    assert!(
        out.stderr.contains("help: did you mean \"张柯\"?"),
        "{}",
        out.stderr
    );
}

#[test]
fn unknown_unit_suggests_the_nearest_names() {
    fails(
        "unknown-unit",
        &[
            (
                "tasks.toml:5:13",
                "error: unknown unit \"基层工作\" in lead_unit of task LD-01",
            ),
            (
                "tasks.toml:6:10",
                "error: unknown unit \"省部属企事业单位工会\" in units of task LD-01",
            ),
        ],
    );
}

#[test]
fn unknown_group_suggests_the_nearest_id() {
    fails(
        "unknown-group",
        &[(
            "tasks.toml:4:9",
            "error: unknown group \"ofice\" in task LD-01",
        )],
    );
    let out = check_case("unknown-group", &[]);
    assert!(
        out.stderr.contains("help: did you mean \"office\"?"),
        "{}",
        out.stderr
    );
}

#[test]
fn ambiguous_person_lists_the_candidates_by_id() {
    fails(
        "ambiguous-person",
        &[(
            "tasks.toml:5:9",
            "error: \"王 军\" in owner of task LD-01 could be any of 2 people: 王军 (wangjun1, 邮政工会副主席), 王军 (wangjun2, 海员工会干事)",
        )],
    );
}

#[test]
fn padded_names_ids_and_aliases_all_resolve() {
    passes("padded-names-and-aliases");
    let dir = copy_dir(&fixture("base"));
    copy_into(
        &fixture("check").join("padded-names-and-aliases"),
        dir.path(),
    );
    let out = run(wg_in(dir.path()).args(["roster", "show", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let seats = |g: usize| -> Vec<String> {
        json["groups"][g]["seats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| format!("{} {} {}", s["role"], s["person_id"], s["executive"]))
            .collect()
    };
    assert_eq!(
        seats(0),
        [
            "\"leader\" \"zhangke\" false",
            "\"deputy\" \"zhangzuchun\" true",
            "\"member\" \"wangjun1\" false",
            "\"member\" \"唐韧\" false",
        ]
    );
    assert_eq!(json["groups"][1]["lead_unit"], "基层工作部");
    assert_eq!(json["groups"][1]["host_unit"], "基层工作部");
    assert_eq!(
        json["groups"][1]["member_units"],
        serde_json::json!(["省部属企事业单位工会工作委员会", "省人社厅"])
    );
}

#[test]
fn impossible_date_is_an_error_and_the_rest_of_the_file_is_still_checked() {
    fails(
        "impossible-date",
        &[
            ("tasks.toml:5:7", "error: 2021-02-30 is not a real date"),
            (
                "tasks.toml:6:9",
                "error: unknown person \"张珂\" in owner of task LD-01",
            ),
        ],
    );
}

#[test]
fn date_time_is_not_a_date() {
    fails(
        "date-time",
        &[(
            "tasks.toml:5:7",
            "error: `due` in task must be a date, not a date-time",
        )],
    );
}

#[test]
fn quoted_date_is_not_a_date() {
    fails(
        "quoted-date",
        &[(
            "tasks.toml:5:7",
            "error: `due` in task must be a date, not a string",
        )],
    );
    let out = check_case("quoted-date", &[]);
    assert!(
        out.stderr
            .contains("help: remove the quotes: due = 2021-09-30"),
        "{}",
        out.stderr
    );
}

#[test]
fn person_seated_twice_in_one_group_is_an_error() {
    fails(
        "seated-twice",
        &[(
            "groups.toml:7:24",
            "error: 张祖春 (zhangzuchun, 基层工作部部长) holds two seats in group leading",
        )],
    );
}

#[test]
fn executive_deputy_must_be_a_deputy() {
    fails(
        "executive-not-deputy",
        &[(
            "groups.toml:7:20",
            "error: executive_deputy \"唐韧\" of group leading is not one of its deputies",
        )],
    );
}

#[test]
fn no_leading_group_is_an_error() {
    fails(
        "no-leading-group",
        &[
            (
                "groups.toml:1:1",
                "error: office group leading has no parent",
            ),
            ("groups.toml:1:1", "error: no group has kind \"leading\""),
        ],
    );
}

#[test]
fn two_leading_groups_is_an_error() {
    fails(
        "two-leading-groups",
        &[("groups.toml:7:1", "error: a second leading group: office")],
    );
}

#[test]
fn parent_cycle_is_an_error() {
    fails(
        "parent-cycle",
        &[(
            "groups.toml:11:10",
            "error: groups form a cycle: office -> membership -> office",
        )],
    );
}

#[test]
fn unknown_parent_suggests_the_nearest_id() {
    fails(
        "parent-unknown",
        &[(
            "groups.toml:11:10",
            "error: unknown parent group \"leadng\" of group office",
        )],
    );
}

#[test]
fn office_without_parent_is_an_error() {
    fails(
        "parent-absent",
        &[(
            "groups.toml:7:1",
            "error: office group office has no parent",
        )],
    );
}

#[test]
fn unknown_status_lists_the_statuses() {
    fails(
        "unknown-status",
        &[("tasks.toml:5:10", "error: unknown status \"in progress\"")],
    );
    let out = check_case("unknown-status", &[]);
    assert!(
        out.stderr.contains("did you mean \"in-progress\"?"),
        "{}",
        out.stderr
    );
}

#[test]
fn chinese_status_words_are_accepted() {
    passes("chinese-status");
}

#[test]
fn done_task_needs_done_on() {
    fails(
        "done-without-done-on",
        &[(
            "tasks.toml:6:10",
            "error: task LD-01 is done but has no `done_on`",
        )],
    );
}

#[test]
fn done_on_on_an_open_task_is_an_error() {
    fails(
        "done-on-not-done",
        &[(
            "tasks.toml:7:11",
            "error: task LD-01 has `done_on` but its status is in-progress",
        )],
    );
}

#[test]
fn done_through_needs_repeat() {
    fails(
        "done-through-without-repeat",
        &[(
            "tasks.toml:6:16",
            "error: task LD-01 has `done_through` but does not repeat",
        )],
    );
}

#[test]
fn every_error_in_every_file_is_reported_sorted_by_file_and_line() {
    fails(
        "errors-in-several-files",
        &[
            (
                "calendar.toml:1:1",
                "error: holiday is missing required key `to`",
            ),
            (
                "groups.toml:8:1",
                "error: office group office has no parent",
            ),
            (
                "groups.toml:14:24",
                "error: unknown person \"孙丽\" in members of group office",
            ),
            (
                "meetings.toml:2:9",
                "error: unknown group \"leader\" in meeting",
            ),
            ("org.toml:32:1", "error: unknown key `titel` in person"),
            (
                "tasks.toml:5:7",
                "error: `due` in task must be a date, not a string",
            ),
            (
                "tasks/office.toml:5:10",
                "error: unknown status \"finished\"",
            ),
        ],
    );
}

#[test]
fn a_broken_group_is_reported_once_not_at_every_reference() {
    // The office's tasks and meetings name it; they are not "unknown group" errors.
    fails(
        "broken-group-is-reported-once",
        &[(
            "groups.toml:7:1",
            "error: group is missing required key `kind`",
        )],
    );
}

#[test]
fn made_up_working_day_on_a_weekday_is_a_warning() {
    let out = check_case("workday-on-a-weekday", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        located(&out.stderr),
        vec![(
            "calendar.toml:11:8".to_owned(),
            "warning: made-up working day 2021-10-11 is a Monday, a working day anyway".to_owned()
        )]
    );
}

#[test]
fn unused_unit_is_a_warning_not_an_error() {
    let out = check_case("unused-unit", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        located(&out.stderr),
        vec![(
            "org.toml:51:8".to_owned(),
            "warning: unit \"女职工部\" is not used by any person, group or task".to_owned()
        )]
    );
    assert!(
        out.stdout.ends_with("; 0 errors, 1 warning\n"),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!("check-unused-unit", out.stderr);
}

#[test]
fn strict_check_exits_1_on_warnings() {
    let out = check_case("unused-unit", &["--strict"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("warning: unit \"女职工部\""),
        "{}",
        out.stderr
    );
    let clean = run(wg().args([
        "--lang",
        "en",
        "--data",
        "tests/fixtures/base",
        "check",
        "--strict",
    ]));
    assert_eq!(clean.code, 0, "{}", clean.stderr);
}

#[test]
fn no_data_directory_says_what_was_tried() {
    let empty = tempfile::tempdir().unwrap();
    let out = run(wg_in(empty.path()).args(["--lang", "en", "check"]));
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    // The message names the directory searched; the snapshot hides where tempdir put it.
    let shown = empty.path().canonicalize().unwrap();
    let stderr = out
        .stderr
        .replace(&shown.display().to_string(), "[CWD]")
        .replace(&empty.path().display().to_string(), "[CWD]");
    assert!(
        stderr.contains("offices.toml in [CWD] and every directory above it (not found)"),
        "{stderr}"
    );
    insta::assert_snapshot!("check-no-data-dir", stderr);
}

#[test]
fn data_option_without_org_toml_is_an_error() {
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("groups.toml"), "").unwrap();
    let out = run(wg_in(empty.path()).args(["--lang", "en", "--data", ".", "check"]));
    assert_eq!(out.code, 2);
    insta::assert_snapshot!("check-data-without-org-toml", out.stderr);
    let missing = run(wg_in(empty.path()).args(["--lang", "en", "--data", "no-such-dir", "check"]));
    assert_eq!(missing.code, 2);
    insta::assert_snapshot!("check-data-missing", missing.stderr);
}

#[test]
fn caret_sits_under_the_chinese_characters_it_means() {
    fails(
        "caret-on-chinese-line",
        &[
            (
                "groups.toml:6:26",
                "error: unknown person \"孙丽\" in members of group leading",
            ),
            (
                "groups.toml:7:26",
                "error: unknown unit \"省部属企事业单位工会工作委员\" in member_units of group leading",
            ),
        ],
    );
}

#[test]
fn default_data_passes_check() {
    let out = run(wg().args(["--lang", "en", "--data", "data", "check", "--strict"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
}

#[test]
fn default_data_is_found_from_the_repository_root() {
    let out = run(wg().args(["--lang", "en", "check"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("data: "), "{}", out.stdout);
}

#[test]
fn examples_pass_check() {
    for example in ["examples/minimal", "examples/english"] {
        let out = run(wg().args(["--lang", "en", "--data", example, "check", "--strict"]));
        assert_eq!(out.code, 0, "{example}: {}", out.stderr);
        assert_eq!(out.stderr, "", "{example}");
    }
}

#[test]
fn wg_data_environment_variable_is_honoured() {
    let out = run(wg_in(&root().join("tests"))
        .env("WG_DATA", root().join("examples/minimal"))
        .args(["--lang", "en", "check"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// `check` prints messages and one summary line: a script asking for JSON is told so,
/// not handed text it cannot parse.
#[test]
fn check_refuses_formats_it_cannot_print() {
    let out = run(wg().args([
        "--lang",
        "en",
        "--data",
        "tests/fixtures/base",
        "check",
        "--format",
        "json",
    ]));
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: `check` cannot print json; choose --format table, text\n"
    );
    let out = run(wg().args([
        "--lang",
        "en",
        "--data",
        "tests/fixtures/base",
        "check",
        "--format",
        "text",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// A unit mistyped in a task file and on the command line gets the same suggestions:
/// one rule for both (a trial run's 法律部 found nothing in the file, 法律工作部 on the
/// command line).
#[test]
fn a_mistyped_unit_gets_the_same_suggestions_in_a_file_and_on_the_command_line() {
    let suggestion = |stderr: &str| {
        stderr
            .lines()
            .find_map(|l| l.split_once("did you mean ").map(|(_, s)| s.to_owned()))
            .unwrap_or_else(|| format!("no suggestion in: {stderr}"))
    };
    for typed in [
        "法律部",
        "工作部",
        "网络中心",
        "江苏省总工会女职工部",
        "基层工作",
        "jc",
    ] {
        let dir = copy_dir(&root().join("data"));
        std::fs::write(
            dir.path().join("tasks").join("zz.toml"),
            format!(
                "[[tasks]]\nid = \"ZZ-01\"\ntitle = \"t\"\ngroup = \"leading\"\nlead_unit = \"{typed}\"\n"
            ),
        )
        .unwrap();
        let in_file = run(wg_in(dir.path()).args(["--lang", "en", "--data", ".", "check"]));
        assert_eq!(in_file.code, 2, "{typed}: {}", in_file.stderr);
        let typed_in = run(wg().args(["--lang", "en", "--data", "data", "roster", "unit", typed]));
        assert_eq!(typed_in.code, 2, "{typed}: {}", typed_in.stderr);
        assert_eq!(
            suggestion(&in_file.stderr),
            suggestion(&typed_in.stderr),
            "{typed}"
        );
    }
}

/// `tasks/*.TOML` (as a Windows tool may save it) is a task file like `*.toml`.
#[test]
fn task_files_with_an_upper_case_extension_are_read() {
    let dir = copy_dir(&fixture("base"));
    std::fs::write(
        dir.path().join("tasks").join("extra.TOML"),
        "[[tasks]]\nid = \"UP-01\"\ntitle = \"大写扩展名\"\ngroup = \"office\"\n",
    )
    .expect("write");
    let out = run(wg_in(dir.path()).args([
        "--data",
        ".",
        "--today",
        "2026-01-15",
        "tasks",
        "list",
        "--format",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("\"UP-01\""), "{}", out.stdout);
}

/// Found from the current directory, a data directory whose org.toml is a dangling
/// symlink is named for that, not passed over as "no data directory found".
#[test]
fn a_dangling_org_toml_in_the_current_directory_is_named() {
    let dir = copy_dir(&fixture("base"));
    std::fs::remove_file(dir.path().join("org.toml")).expect("remove");
    std::os::unix::fs::symlink("../org.toml", dir.path().join("org.toml")).expect("symlink");
    let out = run(wg_in(dir.path()).arg("check"));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("error: org.toml is a dangling symlink to ../org.toml"),
        "{}",
        out.stderr
    );
}

/// `meetings.toml` is read only by what shows meetings (`wg meeting`, `wg export`) and
/// by `wg check`: a problem in it stops those, and neither a roster, a task list nor a
/// report, which print exactly what they print on the intact data (issue 16: no
/// meetings parsing for a roster command), nor an edit of a task, which reads what it
/// changes (the meetings refer to tasks by id, and the id stays).
#[test]
fn a_broken_meetings_file_stops_only_what_reads_it() {
    let intact = root().join("data");
    let dir = copy_dir(&intact);
    let meetings = dir.path().join("meetings.toml");
    let text = std::fs::read_to_string(&meetings).unwrap();
    let broken = text.replacen("date = 2021-09-28", "date = 2021-09-31", 1);
    assert_ne!(
        broken, text,
        "the first meeting's date is where the test expects it"
    );
    std::fs::write(&meetings, &broken).unwrap();
    let at = |d: &std::path::Path, args: &[&str]| {
        run(wg()
            .args(["--lang", "en", "--today", "2022-01-10", "--data"])
            .arg(d)
            .args(args))
    };

    for args in [
        &["tasks", "overdue"][..],
        &["tasks", "list", "--format", "json"],
        &["tasks", "show", "BG-01"],
        &["roster", "show"],
        &["roster", "units"],
        &["report"],
    ] {
        let before = at(&intact, args);
        let after = at(dir.path(), args);
        assert_eq!(before.code, 0, "{args:?}: {}", before.stderr);
        assert_eq!(after.code, 0, "{args:?}: {}", after.stderr);
        // `tasks show` names the file the task is written in.
        let shown =
            |o: &Output, d: &std::path::Path| o.stdout.replace(&d.display().to_string(), "DIR");
        assert_eq!(
            shown(&after, dir.path()),
            shown(&before, &intact),
            "{args:?}"
        );
        assert_eq!(after.stderr, before.stderr, "{args:?}");
    }

    for args in [
        &["check"][..],
        &["meeting", "agenda"],
        &["meeting", "list"],
        &["export", "--format", "sql", "--out", "-"],
    ] {
        let out = at(dir.path(), args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("meetings.toml:20:8"),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(out.stdout, "", "{args:?}");
    }
    // The edit is done, in its own file alone; the meetings stay as they were.
    let out = at(dir.path(), &["tasks", "done", "BG-02"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for rel in ["tasks/office.toml", "meetings.toml"] {
        let now = std::fs::read_to_string(dir.path().join(rel)).unwrap();
        let was = std::fs::read_to_string(intact.join(rel)).unwrap();
        match rel {
            "meetings.toml" => assert_eq!(now, broken),
            _ => assert_ne!(now, was, "{rel}"),
        }
    }
    assert!(out.stdout.starts_with("BG-02: "), "{}", out.stdout);
}
