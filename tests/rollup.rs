//! Tests of roll-ups (逐级汇总, SPEC §5): `examples/rollup/province` rolls up two city
//! offices whose ids overlap on purpose (JH-01, membership, 基层工作部, and 张柯, who
//! sits in both). Tables, JSON ids and office fields, `--office`, `tasks show` of a
//! qualified id, an office with errors (named, exit 2; `--skip-broken`), edits refused.
//! Bad offices.toml files are catalogue cases (`tests/catalogue/rollup-*`).

use crate::common::{Output, copy_dir, ids_of, root, run, wg, wg_in};

const TODAY: &str = "2022-01-10";
const ROLLUP: &str = "examples/rollup/province";

fn on(dir: &str, args: &[&str]) -> Output {
    run(wg().args(["--data", dir, "--today", TODAY]).args(args))
}

fn rollup(args: &[&str]) -> Output {
    let out = on(ROLLUP, args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    assert_eq!(out.stderr, "", "{args:?}");
    out
}

#[test]
fn overdue_across_two_offices_has_an_office_column() {
    insta::assert_snapshot!("rollup-overdue-zh", rollup(&["tasks", "overdue"]).stdout);
    insta::assert_snapshot!(
        "rollup-overdue-en",
        rollup(&["tasks", "overdue", "--lang", "en"]).stdout
    );
}

#[test]
fn list_across_two_offices() {
    insta::assert_snapshot!("rollup-list-zh", rollup(&["tasks", "list"]).stdout);
}

#[test]
fn report_by_office_ranks_the_offices_by_name() {
    insta::assert_snapshot!(
        "rollup-report-by-office-zh",
        rollup(&["report", "--by", "office", "--quarter", "2021Q4"]).stdout
    );
    insta::assert_snapshot!(
        "rollup-report-by-group-zh",
        rollup(&["report", "--quarter", "2021Q4"]).stdout
    );
    let json: serde_json::Value = serde_json::from_str(
        &rollup(&[
            "report",
            "--by",
            "office",
            "--quarter",
            "2021Q4",
            "--format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    let rows = json["rows"].as_array().unwrap();
    let offices: Vec<(&str, &str, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["office"].as_str().unwrap(),
                r["name"].as_str().unwrap(),
                r["rank"].as_u64().unwrap(),
            )
        })
        .collect();
    // 2021Q4: Nanjing did one task on time and left one overdue (50%); Suzhou did one
    // late and left one overdue (0%).
    assert_eq!(
        offices,
        [
            ("nanjing", "南京市总工会", 1),
            ("suzhou", "苏州市总工会", 2)
        ]
    );
}

#[test]
fn report_by_office_is_refused_on_one_office() {
    let out = on("examples/minimal", &["report", "--by", "office"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--by office"), "{}", out.stderr);
}

#[test]
fn roster_person_gathers_one_name_from_every_office() {
    insta::assert_snapshot!(
        "rollup-roster-person-zh",
        rollup(&["roster", "person", "张柯"]).stdout
    );
    let json: serde_json::Value =
        serde_json::from_str(&rollup(&["roster", "person", "张柯", "--format", "json"]).stdout)
            .unwrap();
    let seats: Vec<(&str, &str)> = json["seats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["office"].as_str().unwrap(), s["group"].as_str().unwrap()))
        .collect();
    assert_eq!(
        seats,
        [
            ("nanjing", "nanjing:leading"),
            ("nanjing", "nanjing:membership"),
            ("suzhou", "suzhou:leading"),
            ("suzhou", "suzhou:membership"),
        ]
    );
    // One office's record by its qualified id: that office only.
    let out = rollup(&["roster", "person", "suzhou:zhangke", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["seats"].as_array().unwrap().len(), 2);
}

#[test]
fn units_of_one_name_in_two_offices_stay_two_units() {
    let out = on(ROLLUP, &["roster", "unit", "基层工作部", "--lang", "en"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("nanjing:jiceng") && out.stderr.contains("suzhou:jiceng"),
        "{}",
        out.stderr
    );
    let out = rollup(&["roster", "unit", "suzhou:jiceng", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["unit"]["id"], "suzhou:jiceng");
    assert_eq!(json["leads"], serde_json::json!(["suzhou:membership"]));
}

#[test]
fn json_tasks_carry_their_office_and_qualified_ids() {
    let out = rollup(&["tasks", "list", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let tasks: Vec<(&str, &str, &str, &str)> = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["office"].as_str().unwrap(),
                t["id"].as_str().unwrap(),
                t["group"].as_str().unwrap(),
                t["file"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tasks,
        [
            (
                "suzhou",
                "suzhou:QY-01",
                "suzhou:leading",
                "../suzhou/tasks.toml"
            ),
            (
                "suzhou",
                "suzhou:JH-02",
                "suzhou:membership",
                "../suzhou/tasks.toml"
            ),
            (
                "nanjing",
                "nanjing:JH-01",
                "nanjing:membership",
                "../nanjing/tasks.toml"
            ),
            (
                "suzhou",
                "suzhou:JH-01",
                "suzhou:membership",
                "../suzhou/tasks.toml"
            ),
            (
                "nanjing",
                "nanjing:JH-02",
                "nanjing:membership",
                "../nanjing/tasks.toml"
            ),
            (
                "nanjing",
                "nanjing:JH-03",
                "nanjing:membership",
                "../nanjing/tasks.toml"
            ),
        ]
    );
    // One office's own data has no office field.
    let out = on("examples/minimal", &["tasks", "list", "--format", "json"]);
    assert!(!out.stdout.contains("\"office\""), "{}", out.stdout);
}

#[test]
fn office_filter_keeps_one_office_and_suggests_a_misspelt_one() {
    let out = rollup(&[
        "tasks", "overdue", "--office", "nanjing", "--format", "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let ids: Vec<&str> = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["nanjing:JH-02"]);
    let out = on(
        ROLLUP,
        &["tasks", "list", "--office", "nanjin", "--lang", "en"],
    );
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: --office: no office \"nanjin\"; did you mean \"nanjing\"?\n"
    );
    let out = on(
        "examples/minimal",
        &["tasks", "list", "--office", "nanjing"],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--office"), "{}", out.stderr);
}

#[test]
fn tasks_show_takes_a_qualified_id_and_suggests_one_for_a_bare_id() {
    insta::assert_snapshot!(
        "rollup-show-zh",
        rollup(&["tasks", "show", "nanjing:JH-03"]).stdout
    );
    let out = on(ROLLUP, &["tasks", "show", "JH-01", "--lang", "en"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("nanjing:JH-01") && out.stderr.contains("suzhou:JH-01"),
        "{}",
        out.stderr
    );
}

#[test]
fn meeting_list_counts_each_office_from_its_own_first_date() {
    insta::assert_snapshot!(
        "rollup-meeting-list-zh",
        rollup(&["meeting", "list"]).stdout
    );
}

#[test]
fn discovery_finds_the_rollup_from_inside_it() {
    let out = run(wg_in(&root().join(ROLLUP))
        .args(["--today", TODAY, "tasks", "overdue", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("\"nanjing:JH-02\""));
}

/// A copy of the example roll-up with one office's tasks.toml broken.
fn broken() -> tempfile::TempDir {
    let tmp = copy_dir(&root().join("examples/rollup"));
    let tasks = tmp.path().join("suzhou/tasks.toml");
    let text = std::fs::read_to_string(&tasks).unwrap();
    std::fs::write(
        &tasks,
        text.replace("due = 2021-12-15", "due = 2021-12-15\ndeadline = 1"),
    )
    .unwrap();
    tmp
}

#[test]
fn an_office_with_errors_fails_the_run_and_is_named() {
    let tmp = broken();
    let out = run(wg_in(&tmp.path().join("province"))
        .args(["--today", TODAY, "--lang", "en", "tasks", "overdue"]));
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    insta::assert_snapshot!("rollup-broken-office-en", out.stderr);
}

#[test]
fn skip_broken_prints_the_others_and_still_fails() {
    let tmp = broken();
    let out = run(wg_in(&tmp.path().join("province")).args([
        "--today",
        TODAY,
        "--lang",
        "en",
        "--skip-broken",
        "tasks",
        "overdue",
    ]));
    assert_eq!(out.code, 2);
    insta::assert_snapshot!("rollup-skip-broken-stdout", out.stdout);
    // The last line says what was printed and what was left out: not "nothing was done".
    insta::assert_snapshot!("rollup-skip-broken-stderr-en", out.stderr);
    let zh = run(wg_in(&tmp.path().join("province")).args([
        "--today",
        TODAY,
        "--skip-broken",
        "tasks",
        "overdue",
    ]));
    assert_eq!(zh.code, 2);
    assert!(zh.stdout.contains("nanjing:JH-02"), "{}", zh.stdout);
    insta::assert_snapshot!("rollup-skip-broken-stderr-zh", zh.stderr);
}

/// `wg check --skip-broken` still checks the broken offices: it fails with their
/// errors, and prints no summary that counts "0 errors".
#[test]
fn check_with_skip_broken_still_fails_on_the_broken_office() {
    let tmp = broken();
    let out =
        run(wg_in(&tmp.path().join("province")).args(["--lang", "en", "--skip-broken", "check"]));
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("../suzhou/tasks.toml:7:1"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_checks_every_office() {
    let tmp = broken();
    let out = run(wg_in(&tmp.path().join("province")).args(["--lang", "en", "check"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("../suzhou/tasks.toml:7:1"),
        "{}",
        out.stderr
    );
    let out = on(ROLLUP, &["check", "--lang", "en"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn edits_are_refused_with_the_office_directory_to_edit() {
    let tmp = copy_dir(&root().join("examples/rollup"));
    let before = std::fs::read_to_string(tmp.path().join("nanjing/tasks.toml")).unwrap();
    let province = tmp.path().join("province");
    let out = run(wg_in(&province).args(["--lang", "en", "tasks", "done", "nanjing:JH-02"]));
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: . is a roll-up, which wg only reads; the task is office nanjing's: edit it in \
         that office's data directory, as in wg --data ../nanjing … (task id JH-02)\n"
    );
    for args in [
        &["tasks", "status", "JH-02", "done"][..],
        &["tasks", "note", "nanjing:JH-02", "x"],
        &["tasks", "add", "--group", "membership", "--title", "t"],
        &["tasks", "edit", "suzhou:JH-01", "--title", "t"],
        &[
            "tasks",
            "extend",
            "suzhou:JH-01",
            "--to",
            "2022-03-01",
            "--reason",
            "r",
        ],
    ] {
        let out = run(wg_in(&province).args(["--lang", "en"]).args(args));
        assert_eq!(out.code, 2, "{args:?}");
        assert!(
            out.stderr.contains("is a roll-up"),
            "{args:?}: {}",
            out.stderr
        );
    }
    let after = std::fs::read_to_string(tmp.path().join("nanjing/tasks.toml")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn export_of_a_rollup_has_every_office_and_its_overdue_view_matches_wg() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("wg.db");
    let out = on(
        ROLLUP,
        &[
            "export",
            "--format",
            "sqlite",
            "--out",
            db.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let ids = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        ids("SELECT id FROM offices ORDER BY id"),
        ["nanjing", "suzhou"]
    );
    let mut in_db = ids("SELECT office_id || ':' || id FROM overdue");
    in_db.sort();
    let mut in_wg = task_ids(&rollup(&["tasks", "overdue", "--format", "json"]));
    in_wg.sort();
    assert_eq!(in_db, in_wg);
}

/// The ids of a JSON task list, in order.
fn task_ids(out: &Output) -> Vec<String> {
    ids_of(&serde_json::from_str(&out.stdout).unwrap())
}

/// `--group membership` in a roll-up is every office's `membership` (as the group's
/// name is); `--group nanjing:membership` is one office's; with `--office` the two
/// filters meet. A bare id that one office alone has names that office's group.
#[test]
fn a_bare_group_id_filters_that_group_in_every_office() {
    let list = |args: &[&str]| {
        let mut all = vec!["tasks", "list", "--format", "json"];
        all.extend_from_slice(args);
        task_ids(&rollup(&all))
    };
    let every = list(&["--group", "membership"]);
    assert_eq!(
        every,
        [
            "suzhou:JH-02",
            "nanjing:JH-01",
            "suzhou:JH-01",
            "nanjing:JH-02",
            "nanjing:JH-03"
        ]
    );
    assert_eq!(list(&["--group", "建会入会专项小组"]), every, "by name");
    assert_eq!(
        list(&["--group", "nanjing:membership"]),
        ["nanjing:JH-01", "nanjing:JH-02", "nanjing:JH-03"]
    );
    assert_eq!(
        list(&["--group", "membership", "--office", "suzhou"]),
        ["suzhou:JH-02", "suzhou:JH-01"]
    );
    let overdue = rollup(&[
        "tasks",
        "overdue",
        "--group",
        "membership",
        "--format",
        "json",
    ]);
    assert_eq!(task_ids(&overdue), ["suzhou:JH-01", "nanjing:JH-02"]);
    // roster show GROUP: both offices' groups.
    let roster = rollup(&["roster", "show", "leading"]).stdout;
    assert!(
        roster.contains("（nanjing:leading）") && roster.contains("（suzhou:leading）"),
        "{roster}"
    );
}

/// Where one group is wanted (`meeting agenda --group`), a bare id that several
/// offices have is ambiguous: the message lists the qualified ids to choose from.
#[test]
fn a_bare_group_id_of_several_offices_is_ambiguous_where_one_group_is_wanted() {
    let out = on(
        ROLLUP,
        &["--lang", "en", "meeting", "agenda", "--group", "membership"],
    );
    assert_eq!(out.code, 2);
    insta::assert_snapshot!("rollup-agenda-ambiguous-group-en", out.stderr);
    let out = on(ROLLUP, &["tasks", "list", "--group", "nosuch"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("错误：--group：没有小组“nosuch”"),
        "{}",
        out.stderr
    );
}
