//! `wg meeting minutes` (会议纪要) and `wg tasks add --from-meeting`: the minutes of a
//! held meeting in every document format, and the decisions made into tasks, with the
//! new ids recorded in meetings.toml.

use crate::common::{copy_dir, root, run, wg, wg_in};
use std::path::Path;

const TODAY: &str = "2022-01-10";

fn minutes(args: &[&str]) -> crate::common::Output {
    run(wg()
        .args(["--data", "data", "--today", TODAY, "meeting", "minutes"])
        .args(args))
}

/// The lines `new` adds to `old` (the edit only inserts), each with its line number.
fn added_lines(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let mut i = 0;
    let mut out = String::new();
    for (n, line) in new.lines().enumerate() {
        if old.get(i) == Some(&line) {
            i += 1;
        } else {
            out.push_str(&format!("+{:>4} {line}\n", n + 1));
        }
    }
    assert_eq!(i, old.len(), "the edit only adds lines");
    out
}

fn from_meeting(dir: &Path, args: &[&str]) -> crate::common::Output {
    run(wg_in(dir)
        .args(["--data", ".", "--today", TODAY, "--lang", "en"])
        .args(["tasks", "add", "--from-meeting"])
        .args(args))
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap()
}

const FILES: [&str; 4] = [
    "meetings.toml",
    "tasks/membership.toml",
    "tasks/rights.toml",
    "tasks/leading.toml",
];

#[test]
fn minutes_of_the_latest_held_meeting_in_chinese_markdown() {
    let out = minutes(&[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("# 省总推进新就业形态群体工会工作领导小组2021年第四季度会议纪要\n")
    );
    insta::assert_snapshot!("minutes-zh-markdown", out.stdout);
}

#[test]
fn minutes_in_english_text() {
    let out = minutes(&["--date", "2021-12-28", "--lang", "en", "--format", "text"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("minutes-en-text", out.stdout);
}

#[test]
fn minutes_json_carries_the_decisions() {
    let out = minutes(&["--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["date"], "2021-12-28");
    assert_eq!(v["group"], "leading");
    let d = &v["decisions"];
    assert_eq!(d.as_array().unwrap().len(), 3);
    assert_eq!(d[0]["lead_unit"], "基层工作部");
    assert_eq!(d[0]["owner"], "张祖春");
    assert_eq!(d[0]["due"], "2022-03-31");
    assert_eq!(d[0]["task"], serde_json::Value::Null);
    assert_eq!(v["reports"].as_array().unwrap().len(), 5);
    // The meeting list carries them too.
    let list = run(wg().args([
        "--data", "data", "--today", TODAY, "meeting", "list", "--format", "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    let m = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["date"] == "2021-12-28")
        .unwrap();
    assert_eq!(m["decisions"][1]["lead_unit"], "权益保障部");
}

#[test]
fn minutes_as_docx_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("minutes.docx");
    let out = minutes(&["--format", "docx", "--out", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let bytes = std::fs::read(&file).unwrap();
    let xml = crate::docx::part(&bytes, "word/document.xml");
    let text: String = xml
        .split('<')
        .filter_map(|t| t.split_once('>').map(|(_, s)| s))
        .collect();
    for want in [
        "省总推进新就业形态群体工会工作领导小组2021年第四季度会议纪要",
        "三、会议议定事项",
        "2022年一季度末前实现全省快递网点建会入会全覆盖",
        "牵头单位：权益保障部",
        "完成时限：2022年3月31日",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
}

#[test]
fn minutes_of_a_planned_meeting_is_a_usage_error() {
    let out = minutes(&["--date", "2022-03-29", "--lang", "en"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("planned"), "{}", out.stderr);
}

#[test]
fn minutes_of_no_meeting_names_the_meetings_there_are() {
    let out = minutes(&["--date", "2021-12-27", "--lang", "en"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no meeting on 2021-12-27"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("leading 2021-12-28 (held)"),
        "{}",
        out.stderr
    );
}

#[test]
fn from_meeting_adds_a_task_per_decision_and_records_it() {
    let tmp = copy_dir(&root().join("data"));
    let before: Vec<String> = FILES.iter().map(|f| read(tmp.path(), f)).collect();
    let out = from_meeting(tmp.path(), &["2021-12-28"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut diff = String::new();
    for (f, old) in FILES.iter().zip(&before) {
        diff.push_str(&format!(
            "--- {f}\n{}",
            added_lines(old, &read(tmp.path(), f))
        ));
    }
    insta::assert_snapshot!("from-meeting-stdout", out.stdout);
    insta::assert_snapshot!("from-meeting-diff", diff);
    let check = run(wg_in(tmp.path()).args(["--data", ".", "check"]));
    assert_eq!(check.code, 0, "{}", check.stderr);
    // The minutes now name the tasks.
    let m = run(wg_in(tmp.path()).args(["--data", ".", "--today", TODAY, "meeting", "minutes"]));
    assert!(m.stdout.contains("任务编号：JH-08"), "{}", m.stdout);

    // Again: nothing new, nothing written.
    let after: Vec<String> = FILES.iter().map(|f| read(tmp.path(), f)).collect();
    let again = from_meeting(tmp.path(), &["2021-12-28"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("nothing to add"), "{}", again.stdout);
    let now: Vec<String> = FILES.iter().map(|f| read(tmp.path(), f)).collect();
    assert_eq!(after, now);
}

#[test]
fn from_meeting_dry_run_writes_nothing() {
    let tmp = copy_dir(&root().join("data"));
    let before: Vec<String> = FILES.iter().map(|f| read(tmp.path(), f)).collect();
    let out = from_meeting(tmp.path(), &["2021-12-28", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("JH-08: dry run"), "{}", out.stdout);
    let now: Vec<String> = FILES.iter().map(|f| read(tmp.path(), f)).collect();
    assert_eq!(before, now);
    assert!(!tmp.path().join(".wg.lock").exists());
}

#[test]
fn from_meeting_group_flag_takes_the_decisions_that_name_none() {
    let tmp = copy_dir(&root().join("data"));
    let out = from_meeting(
        tmp.path(),
        &["leading:2021-12-28", "--group", "office", "--dry-run"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The first decision names its group; the other two go to --group.
    assert!(out.stdout.contains("JH-08: dry run"), "{}", out.stdout);
    assert!(out.stdout.contains("BG-08: dry run"), "{}", out.stdout);
    assert!(out.stdout.contains("BG-09: dry run"), "{}", out.stdout);
}

#[test]
fn from_meeting_on_a_day_without_meeting_is_a_usage_error() {
    let tmp = copy_dir(&root().join("data"));
    let out = from_meeting(tmp.path(), &["2021-12-27"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no meeting on 2021-12-27"),
        "{}",
        out.stderr
    );
    let bad = from_meeting(tmp.path(), &["28.12.2021"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("GROUP:YYYY-MM-DD"), "{}", bad.stderr);
}

#[test]
fn from_meeting_of_a_planned_meeting_is_a_usage_error() {
    let tmp = copy_dir(&root().join("data"));
    let out = from_meeting(tmp.path(), &["2022-03-29"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("is planned"), "{}", out.stderr);
}

#[test]
fn from_meeting_when_several_groups_met_that_day_asks_for_the_group() {
    let tmp = copy_dir(&root().join("data"));
    let path = tmp.path().join("meetings.toml");
    let mut text = read(tmp.path(), "meetings.toml");
    text.push_str("\n[[meetings]]\ngroup = \"office\"\ndate = 2021-12-28\n\n[[meetings.decisions]]\ntext = \"办公室议定事项\"\n");
    std::fs::write(&path, &text).unwrap();
    let out = from_meeting(tmp.path(), &["2021-12-28"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("several groups met on 2021-12-28: leading, office"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("leading:2021-12-28"), "{}", out.stderr);
    let ok = from_meeting(tmp.path(), &["office:2021-12-28"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(ok.stdout.contains("BG-08: task added"), "{}", ok.stdout);
    assert!(
        read(tmp.path(), "meetings.toml")
            .ends_with("text = \"办公室议定事项\"\ntask = \"BG-08\"\n")
    );
}

#[test]
fn from_meeting_with_a_decision_naming_an_unknown_unit_writes_nothing() {
    let tmp = copy_dir(&root().join("data"));
    let path = tmp.path().join("meetings.toml");
    let text = read(tmp.path(), "meetings.toml").replace(
        "lead_unit = \"权益保障部\"\nunits = [\"省财贸",
        "lead_unit = \"权益保障\"\nunits = [\"省财贸",
    );
    std::fs::write(&path, &text).unwrap();
    let before: Vec<String> = FILES.iter().map(|f| read(tmp.path(), f)).collect();
    let out = from_meeting(tmp.path(), &["2021-12-28"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.contains(
            "unknown unit \"权益保障\" in lead_unit of decision 2 of the meeting on 2021-12-28"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean \"权益保障部\"?"),
        "{}",
        out.stderr
    );
    let now: Vec<String> = FILES.iter().map(|f| read(tmp.path(), f)).collect();
    assert_eq!(before, now);
}

/// In a Chinese run the meetings listed are Chinese too, and a group without a meeting
/// that day is told the meetings of that day (or the group's, or all), not that there
/// are none.
#[test]
fn from_meeting_of_a_group_that_did_not_meet_that_day_names_the_meetings() {
    let tmp = copy_dir(&root().join("data"));
    let zh = |arg: &str| {
        run(wg_in(tmp.path())
            .args(["--data", ".", "--today", TODAY])
            .args(["tasks", "add", "--from-meeting", arg]))
    };
    let out = zh("rights:2021-12-28");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("小组 rights 没有开会")
            && out.stderr.contains("leading 2021-12-28（已召开）"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("meetings.toml 中没有会议"),
        "{}",
        out.stderr
    );
    let out = zh("rights:2021-12-27");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("没有小组 rights 的会议"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("leading 2022-03-29（计划召开）"),
        "{}",
        out.stderr
    );
    for english in ["(held)", "(planned)"] {
        assert!(!out.stderr.contains(english), "{}", out.stderr);
    }
    let out = zh("membership:2021-12-28");
    assert!(
        out.stderr.contains("当天（2021-12-28）的会议"),
        "{}",
        out.stderr
    );
}
