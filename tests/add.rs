//! Tests of the commands a clerk expects (issue #11): `wg tasks add`, `edit`, `extend`,
//! `note` with the three-part progress report, `status` writing the canonical word,
//! finding the data directory from a subdirectory. Files are compared byte for byte,
//! and refused commands must leave every byte alone.

use crate::common::{Output, copy_dir, copy_into, fixture, root, run, wg, wg_in};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The as-of date on the `edit` fixture.
const TODAY: &str = "2026-11-29";
/// The as-of date of the default data.
const DATA_TODAY: &str = "2022-01-10";

/// Every file under `dir`, by relative path; the lock file too (a dry run must not
/// write even that).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(
                    path.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The snapshot without the lock file, which an edit (even a refused one) may create.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut s = snapshot(dir);
    s.remove(Path::new(".wg.lock"));
    s
}

/// `wg --data DIR --today TODAY ARGS…`.
fn wg_at(dir: &Path, today: &str, args: &[&str]) -> Output {
    run(wg()
        .arg("--data")
        .arg(dir)
        .args(["--today", today])
        .args(args))
}

fn ok(dir: &Path, today: &str, args: &[&str]) -> String {
    let out = wg_at(dir, today, args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    assert_eq!(out.stderr, "", "{args:?}");
    out.stdout
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn expected(name: &str) -> String {
    text(&fixture("edit-expected").join(format!("{name}.toml")))
}

/// Runs `args` on a fresh copy of `from` and checks that it is refused: exit 2, nothing
/// on stdout, not a byte of the data changed. Returns stderr, in English (`--lang en`).
fn refused(from: &Path, today: &str, args: &[&str]) -> String {
    let tmp = copy_dir(from);
    let before = files(tmp.path());
    let args: Vec<&str> = ["--lang", "en"].iter().chain(args).copied().collect();
    let out = wg_at(tmp.path(), today, &args);
    assert_eq!(out.code, 2, "{args:?}: {}", out.stdout);
    assert_eq!(out.stdout, "", "{args:?}");
    assert!(files(tmp.path()) == before, "{args:?} changed a file");
    out.stderr
}

fn data() -> PathBuf {
    root().join("data")
}

// ---------------------------------------------------------------------------------
// wg tasks add

/// One file per group: the task goes to the group's own file, after one blank line
/// (as the file separates its tasks), its keys in the file's order; the output is the
/// block as written. No other file changes.
#[test]
fn add_appends_a_block_to_the_groups_own_file_in_its_style() {
    let tmp = copy_dir(&data());
    let before = files(tmp.path());
    let out = ok(
        tmp.path(),
        DATA_TODAY,
        &[
            "tasks",
            "add",
            "--group",
            "membership",
            "--title",
            "开展外卖送餐员集中入会活动",
            "--units",
            "省邮政工会、省财贸轻纺工会工作委员会",
            "--owner",
            "张 祖春",
            "--start",
            "2022-01-15",
            "--due",
            "2022-03-31",
            "--targets",
            "外卖送餐员，快递员",
            "--outcome",
            "新发展会员不少于 5000 人",
        ],
    );
    let block = "[[tasks]]\n\
                 id = \"JH-08\"\n\
                 title = \"开展外卖送餐员集中入会活动\"\n\
                 group = \"membership\"\n\
                 units = [\"省邮政工会\", \"省财贸轻纺工会工作委员会\"]\n\
                 owner = \"张祖春\"\n\
                 start = 2022-01-15\n\
                 due = 2022-03-31\n\
                 status = \"todo\"\n\
                 targets = [\"外卖送餐员\", \"快递员\"]\n\
                 outcome = \"新发展会员不少于 5000 人\"\n";
    let dir = tmp.path().display();
    assert_eq!(
        out,
        format!("JH-08: 已新增任务 ({dir}/tasks/membership.toml)\n{block}")
    );
    let rel = Path::new("tasks/membership.toml");
    let original = text(&data().join(rel));
    let mut after = files(tmp.path());
    assert_eq!(
        String::from_utf8(after.remove(rel).unwrap()).unwrap(),
        format!("{original}\n{block}")
    );
    let mut before = before;
    before.remove(rel);
    assert!(
        before == after,
        "files other than {} changed",
        rel.display()
    );
    // The new task is a task like any other.
    let shown = ok(tmp.path(), DATA_TODAY, &["tasks", "show", "JH-08"]);
    assert!(shown.contains("\n责任人：    张祖春\n"), "{shown}");
}

/// A single tasks.toml (its other file, tasks/rights.toml, is not named after a group):
/// the block follows the last task of tasks.toml, which has no status and puts `due`
/// after `group`; the comment at the end of the file stays where it is.
#[test]
fn add_to_a_single_tasks_file_follows_its_last_task() {
    let tmp = copy_dir(&fixture("edit"));
    let before = files(tmp.path());
    let out = ok(
        tmp.path(),
        TODAY,
        &[
            "--lang",
            "en",
            "tasks",
            "add",
            "--group",
            "membership",
            "--title",
            "走访快递网点",
            "--due",
            "2026-12-20",
            "--owner",
            "zhaoliu",
        ],
    );
    assert!(
        out.starts_with("JH-06: task added ("),
        "the next JH- number across both files: {out}"
    );
    let mut after = files(tmp.path());
    let got = String::from_utf8(after.remove(Path::new("tasks.toml")).unwrap()).unwrap();
    assert_eq!(got, expected("add"));
    let mut before = before;
    before.remove(Path::new("tasks.toml"));
    assert!(before == after, "files other than tasks.toml changed");
}

/// A file written with CRLF throughout gets a CRLF block; a byte-order mark stays.
#[test]
fn add_keeps_crlf_line_endings_and_the_byte_order_mark() {
    let tmp = copy_dir(&fixture("edit"));
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let original = text(&fixture("edit/tasks.toml"));
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf(&original).as_bytes());
    std::fs::write(tmp.path().join("tasks.toml"), &bytes).unwrap();
    ok(
        tmp.path(),
        TODAY,
        &[
            "tasks",
            "add",
            "--group",
            "membership",
            "--title",
            "走访快递网点",
            "--due",
            "2026-12-20",
            "--owner",
            "zhaoliu",
        ],
    );
    let mut want = b"\xEF\xBB\xBF".to_vec();
    want.extend_from_slice(crlf(&expected("add")).as_bytes());
    assert_eq!(
        String::from_utf8_lossy(&std::fs::read(tmp.path().join("tasks.toml")).unwrap()),
        String::from_utf8_lossy(&want)
    );
}

/// The first line of what `add` printed: `JH-08: 已新增任务 (…)`.
fn added_id(out: &str) -> &str {
    out.split(':').next().unwrap()
}

#[test]
fn ids_take_the_next_number_and_keep_the_zero_padding() {
    let tmp = copy_dir(&data());
    let add = |extra: &[&str]| {
        let mut args = vec!["tasks", "add", "--group", "membership", "--title", "新任务"];
        args.extend_from_slice(extra);
        ok(tmp.path(), DATA_TODAY, &args)
    };
    // JH-07 is the highest: JH-08, then --id JH-09, then JH-10 (not JH-010 or JH-1).
    assert_eq!(added_id(&add(&[])), "JH-08");
    assert_eq!(added_id(&add(&["--id", "JH-09"])), "JH-09");
    assert_eq!(added_id(&add(&[])), "JH-10");
    // Another group, another prefix.
    let out = ok(
        tmp.path(),
        DATA_TODAY,
        &["tasks", "add", "--group", "rights", "--title", "新任务"],
    );
    assert_eq!(added_id(&out), "WQ-09");
    assert_eq!(run(wg().arg("--data").arg(tmp.path()).arg("check")).code, 0);
}

#[test]
fn an_id_that_is_taken_is_refused_with_the_next_free_one() {
    let stderr = refused(
        &data(),
        DATA_TODAY,
        &[
            "tasks",
            "add",
            "--group",
            "membership",
            "--title",
            "x",
            "--id",
            "JH-01",
        ],
    );
    assert_eq!(
        stderr,
        "error: --id: task JH-01 exists already (tasks/membership.toml:11, \"开展货车司机工会组建专项行动\"); \
         the next free id in group membership is JH-08\n"
    );
    let stderr = refused(
        &data(),
        DATA_TODAY,
        &[
            "tasks",
            "add",
            "--group",
            "membership",
            "--title",
            "x",
            "--id",
            "JH 8",
        ],
    );
    assert!(stderr.contains("is not a task id"), "{stderr}");
}

/// A data directory whose tasks all use `T-`, whatever their group.
fn shared_prefix_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let base = fixture("edit");
    for f in ["org.toml", "groups.toml"] {
        std::fs::copy(base.join(f), tmp.path().join(f)).unwrap();
    }
    let mut groups = text(&base.join("groups.toml"));
    groups.push_str(
        "\n[[groups]]\nid = \"rights\"\nname = \"维权服务专项小组\"\nkind = \"special\"\nparent = \"leading\"\nleader = \"赵六\"\nlead_unit = \"quanyi\"\n",
    );
    std::fs::write(tmp.path().join("groups.toml"), groups).unwrap();
    std::fs::write(
        tmp.path().join("tasks.toml"),
        "[[tasks]]\nid = \"T-001\"\ntitle = \"a\"\ngroup = \"leading\"\n\n[[tasks]]\nid = \"T-002\"\ntitle = \"b\"\ngroup = \"membership\"\n",
    )
    .unwrap();
    tmp
}

#[test]
fn a_group_without_tasks_takes_the_prefix_its_sibling_groups_share() {
    let tmp = shared_prefix_dir();
    let out = ok(
        tmp.path(),
        TODAY,
        &["tasks", "add", "--group", "rights", "--title", "c"],
    );
    assert_eq!(added_id(&out), "T-003");
    assert_eq!(
        text(&tmp.path().join("tasks.toml")),
        "[[tasks]]\nid = \"T-001\"\ntitle = \"a\"\ngroup = \"leading\"\n\n[[tasks]]\nid = \"T-002\"\ntitle = \"b\"\ngroup = \"membership\"\n\n[[tasks]]\nid = \"T-003\"\ntitle = \"c\"\ngroup = \"rights\"\n"
    );
}

/// A copy of the default data with a new special group that has no tasks.
fn data_with_new_group() -> tempfile::TempDir {
    let tmp = copy_dir(&data());
    let path = tmp.path().join("groups.toml");
    let mut groups = text(&path);
    groups.push_str(
        "\n[[groups]]\nid = \"training\"\nname = \"教育培训专项小组\"\nkind = \"special\"\nparent = \"leading\"\nleader = \"张柯\"\nlead_unit = \"基层工作部\"\n",
    );
    std::fs::write(path, groups).unwrap();
    tmp
}

#[test]
fn a_group_without_tasks_whose_siblings_each_have_their_own_prefix_asks_for_an_id() {
    let tmp = data_with_new_group();
    let stderr = refused(
        tmp.path(),
        DATA_TODAY,
        &["tasks", "add", "--group", "training", "--title", "培训"],
    );
    assert_eq!(
        stderr,
        "error: group training has no tasks yet, and the other groups' ids do not share one prefix \
         (LD-…, BG-…, SX-…, JH-…, WQ-…, AQ-…), so wg cannot choose an id; give one with --id \
         (e.g. --id TRAINING-01)\n"
    );
}

/// One file per group, and the group has none yet: its own file is made, holding the
/// block alone; the data still checks.
#[test]
fn a_new_group_gets_its_own_file_when_each_group_has_one() {
    let tmp = data_with_new_group();
    let out = ok(
        tmp.path(),
        DATA_TODAY,
        &[
            "tasks",
            "add",
            "--group",
            "training",
            "--title",
            "举办工会干部培训班",
            "--id",
            "PX-01",
            "--due",
            "2022-06-30",
        ],
    );
    let file = tmp.path().join("tasks/training.toml");
    assert_eq!(
        out,
        format!(
            "PX-01: 已新增任务 ({}, 新文件)\n{}",
            file.display(),
            text(&file)
        )
    );
    assert_eq!(
        text(&file),
        "[[tasks]]\nid = \"PX-01\"\ntitle = \"举办工会干部培训班\"\ngroup = \"training\"\ndue = 2022-06-30\n"
    );
    assert_eq!(run(wg().arg("--data").arg(tmp.path()).arg("check")).code, 0);
    // The next one follows it, numbered on.
    let out = ok(
        tmp.path(),
        DATA_TODAY,
        &["tasks", "add", "--group", "training", "--title", "第二期"],
    );
    assert_eq!(added_id(&out), "PX-02");
}

/// No task file at all: the first task needs an id, and makes tasks.toml.
#[test]
fn the_first_task_of_a_data_directory_makes_tasks_toml() {
    let tmp = tempfile::tempdir().unwrap();
    for f in ["org.toml", "groups.toml"] {
        std::fs::copy(fixture("edit").join(f), tmp.path().join(f)).unwrap();
    }
    let stderr = refused(
        tmp.path(),
        TODAY,
        &["tasks", "add", "--group", "membership", "--title", "第一项"],
    );
    assert_eq!(
        stderr,
        "error: group membership has no tasks yet, and no task has an id ending in a number, \
         so wg cannot choose an id; give one with --id (e.g. --id MEMBERSHIP-01)\n"
    );
    let out = ok(
        tmp.path(),
        TODAY,
        &[
            "tasks",
            "add",
            "--group",
            "membership",
            "--title",
            "第一项",
            "--id",
            "JH-01",
        ],
    );
    assert!(out.contains("tasks.toml, 新文件)"), "{out}");
    assert_eq!(
        text(&tmp.path().join("tasks.toml")),
        "[[tasks]]\nid = \"JH-01\"\ntitle = \"第一项\"\ngroup = \"membership\"\n"
    );
    let out = ok(
        tmp.path(),
        TODAY,
        &["tasks", "add", "--group", "leading", "--title", "第二项"],
    );
    assert_eq!(added_id(&out), "JH-02", "the only prefix there is");
}

#[test]
fn unknown_names_in_add_are_refused_with_suggestions_and_nothing_written() {
    let add = |extra: &[&str]| {
        let mut args = vec!["tasks", "add", "--title", "x"];
        args.extend_from_slice(extra);
        refused(&data(), DATA_TODAY, &args)
    };
    assert_eq!(
        add(&["--group", "membrship"]),
        "error: --group: no group \"membrship\"; did you mean \"membership\"?\n"
    );
    assert_eq!(
        add(&["--group", "membership", "--units", "组织部,法律部"]),
        "error: --units: no unit \"法律部\"; did you mean \"法律工作部\"?\n"
    );
    assert_eq!(
        add(&["--group", "membership", "--lead-unit", "基层部"]),
        "error: --lead-unit: no unit \"基层部\"; did you mean \"基层工作部\"?\n"
    );
    assert_eq!(
        add(&["--group", "membership", "--owner", "张祖椿"]),
        "error: --owner: no person \"张祖椿\"; did you mean \"张祖春\"?\n"
    );
    assert_eq!(
        add(&[
            "--group",
            "membership",
            "--repeat",
            "weekly",
            "--due",
            "2022-03-31"
        ]),
        "error: --repeat: \"weekly\" is not a repeat; use monthly, quarterly or yearly (每月, 每季度, 每年)\n"
    );
    assert_eq!(
        add(&["--group", "membership", "--repeat", "monthly"]),
        "error: --repeat needs --due: the date of the first occurrence\n"
    );
}

#[test]
fn dry_run_prints_the_task_and_writes_nothing_not_even_the_lock() {
    let tmp = copy_dir(&data());
    let before = snapshot(tmp.path());
    let out = ok(
        tmp.path(),
        DATA_TODAY,
        &[
            "--lang",
            "en",
            "tasks",
            "add",
            "--group",
            "rights",
            "--title",
            "季度座谈",
            "--due",
            "2022-03-31",
            "--repeat",
            "每季度",
            "--dry-run",
        ],
    );
    assert_eq!(
        out,
        format!(
            "WQ-09: dry run, nothing written (would go to {}/tasks/rights.toml)\n\
             [[tasks]]\nid = \"WQ-09\"\ntitle = \"季度座谈\"\ngroup = \"rights\"\ndue = 2022-03-31\n\
             status = \"todo\"\nrepeat = \"quarterly\"\n",
            tmp.path().display()
        )
    );
    assert!(snapshot(tmp.path()) == before, "a dry run wrote something");
    // The same command without --dry-run writes that very block.
    ok(
        tmp.path(),
        DATA_TODAY,
        &[
            "tasks",
            "add",
            "--group",
            "rights",
            "--title",
            "季度座谈",
            "--due",
            "2022-03-31",
            "--repeat",
            "每季度",
        ],
    );
    assert!(
        text(&tmp.path().join("tasks/rights.toml")).ends_with(
            "\n\n[[tasks]]\nid = \"WQ-09\"\ntitle = \"季度座谈\"\ngroup = \"rights\"\ndue = 2022-03-31\nstatus = \"todo\"\nrepeat = \"quarterly\"\n"
        )
    );
}

// ---------------------------------------------------------------------------------
// wg tasks edit

/// Every field at once, in place: values replaced keeping their quoting and comments,
/// the missing ones added after their predecessors.
#[test]
fn edit_changes_every_field_in_place() {
    let tmp = copy_dir(&fixture("edit"));
    let out = ok(
        tmp.path(),
        TODAY,
        &[
            "--lang",
            "en",
            "tasks",
            "edit",
            "JH-01",
            "--title",
            "开展快递员集中入会月活动",
            "--owner",
            "赵六",
            "--lead-unit",
            "quanyi",
            "--units",
            "基层工作部",
            "--start",
            "2026-07-01",
            "--due",
            "2026-12-31",
            "--outcome",
            "新发展会员不少于 500 人",
            "--targets",
            "快递员、网约车司机",
        ],
    );
    assert_eq!(
        out,
        "JH-01: title \"开展快递员集中入会活动\" -> \"开展快递员集中入会月活动\"; owner 王五 -> 赵六; \
         lead_unit — -> 权益保障部; units — -> 基层工作部; start — -> 2026-07-01; due 2026-11-30 -> 2026-12-31; \
         outcome — -> \"新发展会员不少于 500 人\"; targets 快递员, 外卖送餐员 -> 快递员, 网约车司机\n"
    );
    assert_eq!(
        text(&tmp.path().join("tasks.toml")),
        expected("edit-fields")
    );
    // Moving due this way is a correction: no original_due, not extended.
    assert!(!text(&tmp.path().join("tasks.toml")).contains("original_due"));
}

#[test]
fn edit_with_an_empty_value_removes_the_field() {
    let tmp = copy_dir(&fixture("edit"));
    let out = ok(
        tmp.path(),
        TODAY,
        &["tasks", "edit", "JH-01", "--owner", "", "--targets", ""],
    );
    assert_eq!(
        out,
        "JH-01: 责任人 王五 -> 无; 服务对象 快递员, 外卖送餐员 -> 无\n"
    );
    let got = text(&tmp.path().join("tasks.toml"));
    let want = text(&fixture("edit/tasks.toml"))
        .replace("owner = \"王五\"\n", "")
        .replace("targets = [ \"快递员\" ,  \"外卖送餐员\" ]\n", "");
    assert_eq!(got, want);
}

#[test]
fn edit_refuses_unknown_names_and_an_empty_command_and_writes_nothing_for_no_change() {
    let edit = fixture("edit");
    assert_eq!(
        refused(&edit, TODAY, &["tasks", "edit", "JH-01", "--owner", "王武"]),
        "error: --owner: no person \"王武\"; did you mean \"王五\"?\n"
    );
    assert_eq!(
        refused(
            &edit,
            TODAY,
            &["tasks", "edit", "JH-01", "--units", "权益部"]
        ),
        "error: --units: no unit \"权益部\"; did you mean \"权益保障部\"?\n"
    );
    let stderr = refused(&edit, TODAY, &["tasks", "edit", "JH-01"]);
    assert!(
        stderr.starts_with("error: nothing to edit; give at least one of --title"),
        "{stderr}"
    );
    let stderr = refused(&edit, TODAY, &["tasks", "edit", "JH-01", "--title", " "]);
    assert!(stderr.contains("--title is empty"), "{stderr}");
    // The values it has already: nothing to do, nothing written.
    let tmp = copy_dir(&edit);
    let before = files(tmp.path());
    let out = ok(
        tmp.path(),
        TODAY,
        &[
            "tasks",
            "edit",
            "JH-01",
            "--owner",
            "wangwu",
            "--due",
            "2026-11-30",
        ],
    );
    assert_eq!(out, "JH-01: 无变化\n");
    assert!(files(tmp.path()) == before);
}

// ---------------------------------------------------------------------------------
// wg tasks extend

/// JH-02 (due 2026-10-31) is overdue on 2026-11-29. Extended to 2026-12-31 it records
/// original_due (after the last key SPEC puts before it) and a note with the reason;
/// extended again, the first original_due stays.
#[test]
fn extend_records_the_first_original_due_and_a_dated_reason() {
    let tmp = copy_dir(&fixture("edit"));
    let out = ok(
        tmp.path(),
        TODAY,
        &[
            "tasks",
            "extend",
            "JH-02",
            "--to",
            "2026-12-31",
            "--reason",
            "平台企业座谈推迟",
        ],
    );
    assert_eq!(
        out,
        "JH-02: 截止 2026-10-31 -> 2026-12-31 (延期，原截止 2026-10-31); 新增进展情况 (2026-11-29)\n"
    );
    assert_eq!(text(&tmp.path().join("tasks.toml")), expected("extend"));
    let out = ok(
        tmp.path(),
        TODAY,
        &[
            "--lang",
            "en",
            "tasks",
            "extend",
            "JH-02",
            "--to",
            "2027-01-31",
            "--reason",
            "waiting for the platforms",
        ],
    );
    assert_eq!(
        out,
        "JH-02: due 2026-12-31 -> 2027-01-31 (extended; original_due 2026-10-31); note added (2026-11-29)\n"
    );
    assert_eq!(
        text(&tmp.path().join("tasks.toml")),
        expected("extend-twice")
    );
}

#[test]
fn an_overdue_task_stops_being_overdue_when_extended_and_json_shows_it() {
    let tmp = copy_dir(&fixture("edit"));
    let overdue = |dir: &Path| -> Vec<String> {
        let out = ok(dir, TODAY, &["--format", "json", "tasks", "overdue"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(overdue(tmp.path()).contains(&"JH-02".to_owned()));
    ok(
        tmp.path(),
        TODAY,
        &[
            "tasks",
            "extend",
            "JH-02",
            "--to",
            "2026-12-31",
            "--reason",
            "推迟",
        ],
    );
    assert!(!overdue(tmp.path()).contains(&"JH-02".to_owned()));
    let shown = ok(tmp.path(), TODAY, &["tasks", "show", "JH-02"]);
    assert!(
        shown.contains("\n截止：    2026-12-31\n原截止：  2026-10-31（已延期 61 天）\n"),
        "{shown}"
    );
    let list = ok(tmp.path(), TODAY, &["--lang", "en", "tasks", "list"]);
    assert!(list.contains("2026-12-31 (extended)"), "{list}");
    let out = ok(
        tmp.path(),
        TODAY,
        &["--format", "json", "tasks", "show", "JH-02"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let t = &v["task"];
    assert_eq!(t["due"], "2026-12-31");
    assert_eq!(t["original_due"], "2026-10-31");
    assert_eq!(t["extended_days"], 61);
    assert_eq!(t["days_overdue"], serde_json::Value::Null);
    let last = t["updates"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        last,
        serde_json::json!({
            "date": "2026-11-29",
            "note": "由 2026-10-31 延期至 2026-12-31：推迟",
            "problems": null,
            "next_steps": null,
            "by": null,
            "values": {},
        })
    );
}

#[test]
fn extend_refuses_what_is_no_extension_and_writes_nothing() {
    let edit = fixture("edit");
    let extend = |id: &str, to: &str| {
        refused(
            &edit,
            TODAY,
            &["tasks", "extend", id, "--to", to, "--reason", "x"],
        )
    };
    assert_eq!(
        extend("JH-01", "2026-11-01"),
        "error: --to 2026-11-01 is not after the due date 2026-11-30 of task JH-01; an extension (延期) \
         moves the deadline later. Nothing changed; to correct a wrong due date, `wg tasks edit JH-01 --due DATE`\n"
    );
    assert!(extend("JH-01", "2026-11-30").contains("is not after the due date 2026-11-30"));
    assert_eq!(
        extend("JH-03", "2026-12-31"),
        "error: task JH-03 is done; a done task has no deadline to extend. Nothing changed\n"
    );
    assert!(extend("JH-04", "2026-12-31").contains("task JH-04 repeats"));
    // Still in the past: the task would stay overdue.
    assert!(
        extend("JH-02", "2026-11-15").contains("is before the as-of date 2026-11-29"),
        "{}",
        extend("JH-02", "2026-11-15")
    );
    // A cancelled task.
    let tmp = copy_dir(&edit);
    ok(tmp.path(), TODAY, &["tasks", "status", "JH-05", "已取消"]);
    let stderr = refused(
        tmp.path(),
        TODAY,
        &[
            "tasks",
            "extend",
            "JH-05",
            "--to",
            "2026-12-31",
            "--reason",
            "x",
        ],
    );
    assert!(stderr.contains("task JH-05 is cancelled"), "{stderr}");
    // --reason is required by the command line itself.
    let stderr = refused(
        &edit,
        TODAY,
        &["tasks", "extend", "JH-01", "--to", "2026-12-31"],
    );
    assert!(stderr.contains("--reason <TEXT>"), "{stderr}");
    let stderr = refused(
        &edit,
        TODAY,
        &[
            "tasks",
            "extend",
            "JH-01",
            "--to",
            "2026-12-31",
            "--reason",
            " ",
        ],
    );
    assert!(stderr.contains("--reason is empty"), "{stderr}");
}

// ---------------------------------------------------------------------------------
// wg tasks status, wg tasks note

#[test]
fn status_typed_in_chinese_writes_the_english_word() {
    let tmp = copy_dir(&fixture("edit"));
    ok(tmp.path(), TODAY, &["tasks", "status", "JH-01", "受阻"]);
    let got = text(&tmp.path().join("tasks.toml"));
    assert!(
        got.contains("status = \"blocked\"          # 行尾注释 / inline comment\n"),
        "{got}"
    );
}

#[test]
fn note_takes_the_three_parts_who_reported_and_the_date() {
    let tmp = copy_dir(&fixture("edit"));
    let out = ok(
        tmp.path(),
        TODAY,
        &[
            "tasks",
            "note",
            "JH-02",
            "已与两家平台企业签订集体合同",
            "--problems",
            "部分站点负责人不配合",
            "--next-steps",
            "提请权益保障部约谈",
            "--by",
            "quanyi",
            "--on",
            "2026-11-20",
        ],
    );
    assert_eq!(out, "JH-02: 新增进展情况 (2026-11-20)\n");
    ok(
        tmp.path(),
        TODAY,
        &["tasks", "note", "JH-02", "已约谈", "--by", "李 四"],
    );
    assert_eq!(text(&tmp.path().join("tasks.toml")), expected("note-parts"));
    let shown = ok(tmp.path(), TODAY, &["tasks", "show", "JH-02"])
        .replace(&tmp.path().display().to_string(), "[DATA]");
    insta::assert_snapshot!("add-note-parts-show", shown);
}

#[test]
fn note_refuses_a_future_date_and_an_unknown_reporter() {
    let edit = fixture("edit");
    let stderr = refused(
        &edit,
        TODAY,
        &["tasks", "note", "JH-01", "x", "--on", "2026-12-01"],
    );
    assert!(
        stderr.contains("--on 2026-12-01 is after the as-of date 2026-11-29"),
        "{stderr}"
    );
    assert_eq!(
        refused(
            &edit,
            TODAY,
            &["tasks", "note", "JH-01", "x", "--by", "权益"]
        ),
        "error: --by: no unit or person \"权益\"; did you mean \"权益保障部\"?\n"
    );
    let stderr = refused(
        &edit,
        TODAY,
        &["tasks", "note", "JH-01", "x", "--problems", ""],
    );
    assert!(stderr.contains("--problems is empty"), "{stderr}");
}

// ---------------------------------------------------------------------------------
// The agenda and the evaluation show extensions

#[test]
fn the_agenda_and_the_evaluation_show_an_extended_task() {
    let tmp = copy_dir(&data());
    ok(
        tmp.path(),
        DATA_TODAY,
        &[
            "tasks",
            "extend",
            "JH-04",
            "--to",
            "2022-01-31",
            "--reason",
            "全总实名制数据库授权未到",
        ],
    );
    let agenda = ok(
        tmp.path(),
        DATA_TODAY,
        &["meeting", "agenda", "--quarter", "2021Q4"],
    );
    assert!(
        agenda.contains(
            "   - 延期任务 1 项：JH-04 上线网上入会全流程操作平台（原截止 2021-10-29，延期至 2022-01-31）\n"
        ),
        "{agenda}"
    );
    // Blocked, so still among the problems, with its extension said.
    assert!(
        agenda.contains("   - 截止 2022-01-31（原截止 2021-10-29，已延期）；状态：受阻\n"),
        "{agenda}"
    );
    let report = ok(
        tmp.path(),
        DATA_TODAY,
        &["--format", "json", "report", "--quarter", "2021Q4"],
    );
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(v["total"]["extended"], 1);
    assert_eq!(v["total"]["extended_tasks"], serde_json::json!(["JH-04"]));
    let text = ok(tmp.path(), DATA_TODAY, &["report", "--quarter", "2021Q4"]);
    assert!(
        text.contains("\n延期：JH-04（原截止 2021-10-29，延期至 2022-01-31，94 天）\n"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------
// Finding the data directory

#[test]
fn the_data_directory_is_found_from_a_subdirectory_as_git_finds_its_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("wg-data");
    copy_into(&data(), &dir);
    let deep = dir.join("tasks").join("notes");
    std::fs::create_dir_all(&deep).unwrap();
    let show = run(wg_in(&deep).args(["--today", DATA_TODAY, "tasks", "show", "JH-01"]));
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert!(
        show.stdout
            .contains("\n所在文件：  ../../tasks/membership.toml:11\n"),
        "{}",
        show.stdout
    );
    // An edit from there edits the data above, and takes the lock there.
    let note = run(wg_in(&deep).args([
        "--today",
        DATA_TODAY,
        "tasks",
        "note",
        "JH-01",
        "从子目录记录",
    ]));
    assert_eq!(note.code, 0, "{}", note.stderr);
    assert!(text(&dir.join("tasks/membership.toml")).contains("note = \"从子目录记录\""));
    assert!(dir.join(".wg.lock").is_file() && !deep.join(".wg.lock").exists());
    // --data and WG_DATA come first.
    let other = copy_dir(&fixture("edit"));
    let out = run(wg_in(&deep)
        .env("WG_DATA", other.path())
        .args(["--today", TODAY, "tasks", "show", "QY-01"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_rollup_directory_above_stops_the_search_too() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("offices.toml"), "[rollup]\nname = \"省\"\n").unwrap();
    let sub = tmp.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let out = run(wg_in(&sub).arg("check"));
    assert_eq!(out.code, 2);
    // It was found (and is read from there), not "no data directory found".
    assert!(
        !out.stderr.contains("no data directory found"),
        "{}",
        out.stderr
    );
    // Read as the roll-up it is: its offices.toml is what is wrong.
    assert!(out.stderr.contains("../offices.toml:1:1"), "{}", out.stderr);
}

// ---------------------------------------------------------------------------------
// The README's examples

/// Splits a command line as a shell would, for the README's simple ones: words, and
/// "double-quoted" words.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            c if c.is_whitespace() && !quoted => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// Every ```console block of the README is run, in order, from a directory holding a
/// copy of the default data as `data/` (as from the repository's root), and prints
/// exactly what the README shows.
#[test]
fn the_readmes_console_examples_print_what_the_readme_shows() {
    let readme = text(&root().join("README.md"));
    let tmp = tempfile::tempdir().unwrap();
    copy_into(&data(), &tmp.path().join("data"));
    let mut blocks = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = block.split("```").next().unwrap();
        let mut lines = block.lines();
        let mut command = String::new();
        for line in lines.by_ref() {
            let line = line.strip_prefix("$ ").unwrap_or(line);
            match line.strip_suffix('\\') {
                Some(part) => command.push_str(part),
                None => {
                    command.push_str(line);
                    break;
                }
            }
        }
        let expected: String = lines.map(|l| format!("{l}\n")).collect();
        let words = shell_words(&command);
        assert_eq!(words.first().map(String::as_str), Some("wg"), "{command}");
        let out = run(wg_in(tmp.path()).args(&words[1..]));
        assert_eq!(out.code, 0, "{command}: {}", out.stderr);
        assert_eq!(out.stdout, expected, "{command}");
        blocks += 1;
    }
    assert!(blocks >= 2, "the README has its add and extend examples");
}

/// Clerks adding at the same moment, with another program appending to the same file:
/// every add lands once, each with its own id, and the other program's lines stay.
#[test]
fn concurrent_adds_each_get_their_own_id_and_lose_no_outside_write() {
    let dir = copy_dir(&root().join("data"));
    let file = dir.path().join("tasks").join("membership.toml");
    let before = run(wg_in(dir.path()).args([
        "--data", ".", "--today", DATA_TODAY, "tasks", "list", "--format", "json",
    ]));
    let count = |json: &str| json.matches("\"id\": \"JH-").count();
    let had = count(&before.stdout);
    let appender = {
        let file = file.clone();
        std::thread::spawn(move || {
            for n in 0..30 {
                use std::io::Write as _;
                let mut f = std::fs::OpenOptions::new()
                    .append(true)
                    .open(&file)
                    .unwrap();
                writeln!(f, "# appended {n}").unwrap();
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        })
    };
    // Four: each waits for the lock while the others load and validate, and the wait
    // is bounded (10 s), so many more could time out on a loaded machine.
    let adders: Vec<_> = (0..4)
        .map(|n| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || {
                run(wg_in(&path).args([
                    "--data",
                    ".",
                    "--today",
                    DATA_TODAY,
                    "tasks",
                    "add",
                    "--group",
                    "membership",
                    "--title",
                    &format!("并发新增任务 {n}"),
                ]))
            })
        })
        .collect();
    for adder in adders {
        let out = adder.join().unwrap();
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    appender.join().unwrap();
    let after = run(wg_in(dir.path()).args([
        "--data", ".", "--today", DATA_TODAY, "tasks", "list", "--format", "json",
    ]));
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(count(&after.stdout), had + 4, "{}", after.stdout);
    let text = std::fs::read_to_string(&file).unwrap();
    for n in 0..30 {
        assert!(
            text.contains(&format!("# appended {n}\n")),
            "append {n} lost"
        );
    }
    for n in 0..4 {
        assert_eq!(
            text.matches(&format!("并发新增任务 {n}\"")).count(),
            1,
            "{text}"
        );
    }
}
