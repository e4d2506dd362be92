//! Tests of `wg roster`: every output in every format and language as a snapshot, the
//! JSON shapes of SPEC §4 as structs that refuse unknown fields, name lookup from the
//! command line, the data directory written from SPEC.md alone, and a closed pipe.

use crate::common::{Output, copy_dir, root, run, wg};
use serde::Deserialize;

const TODAY: &str = "2022-01-10";

/// `wg roster ARGS` on `dir` as of [`TODAY`].
fn roster_on(dir: &str, args: &[&str]) -> Output {
    run(wg()
        .args(["--data", dir, "--today", TODAY, "roster"])
        .args(args))
}

fn roster(args: &[&str]) -> Output {
    roster_on("data", args)
}

/// Snapshots `wg roster ARGS` in each format and both languages, as
/// `roster-<name>-<format>-<lang>`.
fn snapshot_every_format(name: &str, args: &[&str], formats: &[&str]) {
    for lang in ["zh", "en"] {
        for format in formats {
            let mut all = args.to_vec();
            all.extend(["--format", format, "--lang", lang]);
            let out = roster(&all);
            assert_eq!(out.code, 0, "{all:?}: {}", out.stderr);
            assert_eq!(out.stderr, "", "{all:?}");
            insta::assert_snapshot!(format!("roster-{name}-{format}-{lang}"), out.stdout);
        }
    }
}

const ALL: &[&str] = &["table", "json", "yaml", "markdown", "csv"];
const NO_CSV: &[&str] = &["table", "json", "yaml", "markdown"];

#[test]
fn roster_show_all_in_every_format() {
    snapshot_every_format("show", &["show"], ALL);
}

#[test]
fn roster_show_one_group_in_every_format() {
    snapshot_every_format("show-office", &["show", "office"], ALL);
}

#[test]
fn roster_person_in_every_format() {
    snapshot_every_format("person", &["person", "张 柯"], NO_CSV);
}

/// The trial run's case: a person with a title and no id. The title stands on its own
/// labelled line, as the seat tables of `roster show` give it its own column; run on
/// after the name it read "孙伟市总工会基层工作部部长".
#[test]
fn roster_person_title_is_a_labelled_line_not_run_on_after_the_name() {
    for (lang, format, head) in [
        (
            "zh",
            "table",
            "孙伟\n\n单位职务：市总工会基层工作部部长\n单位：基层工作部\n",
        ),
        (
            "en",
            "table",
            "孙伟\n\nTitle: 市总工会基层工作部部长\nUnit: 基层工作部\n",
        ),
        (
            "zh",
            "markdown",
            "## 孙伟\n\n- 单位职务：市总工会基层工作部部长\n- 单位：基层工作部\n",
        ),
        (
            "en",
            "markdown",
            "## 孙伟\n\n- Title: 市总工会基层工作部部长\n- Unit: 基层工作部\n",
        ),
    ] {
        let out = roster_on(
            "tests/fixtures/trial-run",
            &["person", "孙伟", "--lang", lang, "--format", format],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout.starts_with(head),
            "{lang} {format}:\n{}",
            out.stdout
        );
        insta::assert_snapshot!(format!("roster-person-trial-{format}-{lang}"), out.stdout);
    }
}

#[test]
fn roster_units_in_every_format() {
    snapshot_every_format("units", &["units"], ALL);
}

#[test]
fn roster_unit_by_alias_in_every_format() {
    snapshot_every_format("unit", &["unit", "省部属企事业工会工作委员会"], NO_CSV);
}

#[test]
fn table_is_the_default_format() {
    assert_eq!(
        roster(&["show"]).stdout,
        roster(&["show", "--format", "table"]).stdout
    );
    assert_eq!(
        roster(&["show"]).stdout,
        roster(&["show", "--format", "text"]).stdout
    );
}

// ---------------------------------------------------------------------------------
// JSON shapes (SPEC §4). Every field present (`required`), no field unknown.

/// Makes an `Option` field required: present, even if null.
fn required<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    T::deserialize(d)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShowJson {
    groups: Vec<GroupJson>,
}

/// Some fields are there only so that their presence and type are checked.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupJson {
    id: String,
    name: String,
    kind: String,
    #[serde(deserialize_with = "required")]
    parent: Option<String>,
    #[serde(deserialize_with = "required")]
    host_unit: Option<String>,
    meets: String,
    #[serde(deserialize_with = "required")]
    lead_unit: Option<String>,
    member_units: Vec<String>,
    duties: Vec<String>,
    seats: Vec<SeatJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeatJson {
    role: String,
    executive: bool,
    person: String,
    #[serde(deserialize_with = "required")]
    title: Option<String>,
    // Beyond SPEC: what the group calls the seat, the person's id and unit.
    role_title: String,
    person_id: String,
    #[serde(deserialize_with = "required")]
    unit: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonJson {
    person: PersonInfoJson,
    seats: Vec<PersonSeatJson>,
    /// The task shape is `TaskView`'s, tested with the task commands.
    tasks: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// Some fields are there only so that their presence and type are checked.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonInfoJson {
    name: String,
    id: String,
    #[serde(deserialize_with = "required")]
    title: Option<String>,
    #[serde(deserialize_with = "required")]
    unit: Option<String>,
    // Beyond SPEC.
    #[serde(deserialize_with = "required")]
    email: Option<String>,
}

/// Some fields are there only so that their presence and type are checked.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonSeatJson {
    group: String,
    role: String,
    executive: bool,
    // Beyond SPEC.
    group_name: String,
    role_title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsJson {
    groups: Vec<String>,
    units: Vec<UnitRowJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitRowJson {
    name: String,
    kind: String,
    leads: Vec<String>,
    member_of: Vec<String>,
    // Beyond SPEC.
    id: String,
}

fn json<T: for<'de> Deserialize<'de>>(out: &Output) -> T {
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}\n{}", out.stdout))
}

const SEAT_ROLES: &[&str] = &["leader", "deputy", "member"];

/// Checks what SPEC §4 promises of `roster show` beyond the shape.
fn assert_show_is_sound(show: &ShowJson) {
    let ids: Vec<&str> = show.groups.iter().map(|g| g.id.as_str()).collect();
    for g in &show.groups {
        assert!(
            ["leading", "office", "special"].contains(&g.kind.as_str()),
            "{g:?}"
        );
        assert!(
            ["quarterly", "monthly", "as-needed"].contains(&g.meets.as_str()),
            "{g:?}"
        );
        match &g.parent {
            None => assert_eq!(g.kind, "leading"),
            Some(p) => assert!(ids.contains(&p.as_str()), "parent {p} is a group id"),
        }
        // Seats in order: leader, deputies, members; at most one executive, a deputy.
        let order: Vec<usize> = g
            .seats
            .iter()
            .map(|s| SEAT_ROLES.iter().position(|r| *r == s.role).unwrap())
            .collect();
        assert!(
            order.windows(2).all(|w| w[0] <= w[1]),
            "{}: seats out of order",
            g.id
        );
        assert!(
            g.seats
                .iter()
                .filter(|s| s.executive)
                .all(|s| s.role == "deputy")
        );
        assert!(g.seats.iter().filter(|s| s.executive).count() <= 1);
        for s in &g.seats {
            assert!(
                !s.person.chars().any(char::is_whitespace),
                "{}: padded name {:?}",
                g.id,
                s.person
            );
        }
    }
    assert_eq!(
        show.groups.iter().filter(|g| g.kind == "leading").count(),
        1
    );
}

#[test]
fn roster_show_json_has_the_spec_shape_and_the_seeds_six_groups() {
    let show: ShowJson = json(&roster(&["show", "--format", "json"]));
    assert_show_is_sound(&show);
    let ids: Vec<&str> = show.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "leading",
            "office",
            "ideology",
            "membership",
            "rights",
            "security"
        ]
    );
    let leading = &show.groups[0];
    assert_eq!(leading.meets, "quarterly");
    assert_eq!(leading.seats[0].person, "朱劲松");
    let executive: Vec<&str> = leading
        .seats
        .iter()
        .filter(|s| s.executive)
        .map(|s| s.person.as_str())
        .collect();
    assert_eq!(executive, ["张柯"]);
    let office = &show.groups[1];
    assert_eq!(office.host_unit.as_deref(), Some("基层工作部"));
    assert_eq!(office.parent.as_deref(), Some("leading"));
    // 张旭海 sits in a special group and has no title in the annex.
    let zhang_xuhai = show
        .groups
        .iter()
        .flat_map(|g| &g.seats)
        .find(|s| s.person == "张旭海")
        .expect("张旭海 has a seat");
    assert_eq!(zhang_xuhai.title, None);
    // The unit spelt two ways appears by its canonical name only.
    let units: Vec<&str> = show
        .groups
        .iter()
        .flat_map(|g| &g.member_units)
        .map(String::as_str)
        .collect();
    assert!(units.contains(&"省部属企事业单位工会工作委员会"));
    assert!(!units.contains(&"省部属企事业工会工作委员会"));
}

#[test]
fn roster_show_one_group_json_holds_only_that_group() {
    let show: ShowJson = json(&roster(&["show", "office", "--format", "json"]));
    assert_eq!(show.groups.len(), 1);
    assert_eq!(show.groups[0].id, "office");
    assert_eq!(show.groups[0].name, "领导小组办公室");
}

#[test]
fn roster_person_json_has_the_spec_shape() {
    let person: PersonJson = json(&roster(&["person", "张 柯", "--format", "json"]));
    assert_eq!(person.person.name, "张柯");
    assert_eq!(person.person.id, "zhangke");
    let seats: Vec<(&str, &str, bool)> = person
        .seats
        .iter()
        .map(|s| (s.group.as_str(), s.role.as_str(), s.executive))
        .collect();
    assert_eq!(
        seats,
        [
            ("leading", "deputy", true),
            ("office", "leader", false),
            ("membership", "leader", false)
        ]
    );
    assert!(!person.tasks.is_empty());
    for t in &person.tasks {
        assert_eq!(
            t.get("owner").and_then(|o| o.as_str()),
            Some("张柯"),
            "{t:?}"
        );
        assert!(
            t.contains_key("id") && t.contains_key("days_overdue"),
            "{t:?}"
        );
    }
}

#[test]
fn roster_units_json_has_the_spec_shape() {
    let units: UnitsJson = json(&roster(&["units", "--format", "json"]));
    assert_eq!(
        units.groups,
        [
            "leading",
            "office",
            "ideology",
            "membership",
            "rights",
            "security"
        ]
    );
    for u in &units.units {
        assert!(
            ["department", "industry-union", "affiliate", "external"].contains(&u.kind.as_str())
        );
        for g in u.leads.iter().chain(&u.member_of) {
            assert!(units.groups.contains(g), "{g}");
        }
    }
    let jiceng = units.units.iter().find(|u| u.name == "基层工作部").unwrap();
    assert_eq!(jiceng.id, "jiceng");
    assert_eq!(jiceng.leads, ["office", "membership"]);
}

// ---------------------------------------------------------------------------------
// Names typed on the command line.

#[test]
fn padded_name_finds_the_same_person_as_the_plain_name_and_the_id() {
    let padded = roster(&["person", "张 柯"]);
    assert_eq!(padded.code, 0, "{}", padded.stderr);
    assert_eq!(padded.stdout, roster(&["person", "张柯"]).stdout);
    assert_eq!(padded.stdout, roster(&["person", "zhangke"]).stdout);
    assert_eq!(padded.stdout, roster(&["person", "张\u{3000}柯"]).stdout);
}

#[test]
fn unit_alias_finds_the_unit() {
    let alias = roster(&["unit", "省部属企事业工会工作委员会"]);
    assert_eq!(alias.code, 0, "{}", alias.stderr);
    assert!(
        alias
            .stdout
            .starts_with("省部属企事业单位工会工作委员会（bushu，产业工会）\n"),
        "{}",
        alias.stdout
    );
    assert_eq!(alias.stdout, roster(&["unit", "bushu"]).stdout);
}

#[test]
fn group_is_found_by_id_or_name() {
    assert_eq!(
        roster(&["show", "领导小组办公室"]).stdout,
        roster(&["show", "office"]).stdout
    );
}

/// `wg roster ARGS` fails with exit 2, nothing on stdout and exactly `stderr` (in
/// English: `--lang en`).
fn refused(args: &[&str], stderr: &str) {
    let args: Vec<&str> = args.iter().copied().chain(["--lang", "en"]).collect();
    let out = roster(&args);
    assert_eq!(out.code, 2, "{args:?}");
    assert_eq!(out.stdout, "", "{args:?}");
    assert_eq!(out.stderr, stderr, "{args:?}");
}

#[test]
fn unknown_names_suggest_the_nearest() {
    refused(
        &["person", "张珂"],
        "error: no person \"张珂\"; did you mean one of \"张姿\", \"张柯\"?\n",
    );
    refused(
        &["show", "ofice"],
        "error: no group \"ofice\"; did you mean \"office\"?\n",
    );
    refused(
        &["unit", "基层工作"],
        "error: no unit \"基层工作\"; did you mean \"基层工作部\"?\n",
    );
}

/// Part of a name finds the names that hold it, in order: a surname, a short form.
#[test]
fn part_of_a_name_suggests_the_names_that_hold_it() {
    refused(
        &["person", "张"],
        "error: no person \"张\"; did you mean one of \"张姿\", \"张柯\", \"张海涛\", \"张祖春\", \"张旭海\"?\n",
    );
    refused(
        &["unit", "网络中心"],
        "error: no unit \"网络中心\"; did you mean \"省总工会网络与信息中心\"?\n",
    );
    // A character left out (found in a trial run).
    refused(
        &["unit", "法律部"],
        "error: no unit \"法律部\"; did you mean \"法律工作部\"?\n",
    );
}

/// Among the names that hold what was typed, the tightest come first: 工作部 is a
/// character or two short of 基层工作部, seven of 宣传教育和网络工作部.
#[test]
fn names_that_hold_the_typed_characters_come_tightest_first() {
    refused(
        &["unit", "工作部"],
        "error: no unit \"工作部\"; did you mean one of \"基层工作部\", \"法律工作部\", \"劳动和经济工作部\", \"宣传教育和网络工作部\"?\n",
    );
}

#[test]
fn ambiguous_name_lists_the_people_with_their_ids() {
    let out = roster_on("tests/fixtures/spec-only", &["person", "李明"]);
    assert_eq!(out.code, 2);
    // The org says lang = "zh".
    assert_eq!(
        out.stderr,
        "错误：“李明”可能是 2 个人员中的任何一个：李明（编号 liming-zhuxi，区总工会主席）、\
         李明（编号 liming-jiaotong，区交通运输工会副主任）；请改为输入编号\n"
    );
    let out = roster_on(
        "tests/fixtures/spec-only",
        &["person", "李明", "--lang", "en"],
    );
    assert_eq!(
        out.stderr,
        "error: \"李明\" could be any of 2 people: 李明 (id liming-zhuxi, 区总工会主席), \
         李明 (id liming-jiaotong, 区交通运输工会副主任); type the id instead\n"
    );
}

#[test]
fn csv_is_refused_where_it_does_not_fit() {
    for args in [["person", "张柯"], ["unit", "bushu"], ["person", "nobody"]] {
        let out = roster(&[args[0], args[1], "--format", "csv"]);
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(out.stdout, "");
        assert!(
            out.stderr
                .contains("cannot print csv; choose --format table, text, json, yaml, markdown"),
            "{}",
            out.stderr
        );
    }
}

// ---------------------------------------------------------------------------------
// A data directory written from SPEC.md alone.

#[test]
fn spec_only_data_passes_check() {
    let out = run(wg().args(["--data", "tests/fixtures/spec-only", "check", "--strict"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert!(
        out.stdout
            .contains("7 个文件、5 个单位、6 人、4 个小组、7 项任务"),
        "{}",
        out.stdout
    );
}

#[test]
fn spec_only_data_resolves_every_reference() {
    let show: ShowJson = json(&roster_on(
        "tests/fixtures/spec-only",
        &["show", "--format", "json"],
    ));
    assert_show_is_sound(&show);
    let seats = |g: usize| -> Vec<(String, String, bool, String)> {
        show.groups[g]
            .seats
            .iter()
            .map(|s| {
                (
                    s.role.clone(),
                    s.person.clone(),
                    s.executive,
                    s.person_id.clone(),
                )
            })
            .collect()
    };
    let seat = |role: &str, person: &str, executive: bool, id: &str| {
        (role.to_owned(), person.to_owned(), executive, id.to_owned())
    };
    // By id, by padded name, by plain name; the two 李明 kept apart by id.
    assert_eq!(
        seats(0),
        [
            seat("leader", "李明", false, "liming-zhuxi"),
            seat("deputy", "王芳", true, "wangfang"),
            seat("deputy", "赵强", false, "赵强"),
            seat("member", "陈静", false, "陈静"),
            seat("member", "周涛", false, "周涛"),
            seat("member", "李明", false, "liming-jiaotong"),
        ]
    );
    assert_eq!(
        show.groups[0].seats[5].unit.as_deref(),
        Some("区交通运输工会工作委员会")
    );
    let office = &show.groups[1];
    assert_eq!(
        (office.id.as_str(), office.parent.as_deref()),
        ("office", Some("leading"))
    );
    assert_eq!(office.host_unit.as_deref(), Some("基层工作部"));
    assert_eq!(office.meets, "monthly");
    assert_eq!(office.lead_unit.as_deref(), Some("基层工作部"));
    assert_eq!(office.member_units, ["权益保障部", "区职工服务中心"]);
    assert_eq!(office.seats[0].role_title, "主任");
    // Units by alias and by id, the external one included.
    let drivers = &show.groups[2];
    assert_eq!(
        drivers.lead_unit.as_deref(),
        Some("区交通运输工会工作委员会")
    );
    assert_eq!(
        drivers.member_units,
        ["基层工作部", "区人力资源和社会保障局"]
    );
    assert_eq!(
        seats(2)[1],
        seat("deputy", "李明", false, "liming-jiaotong")
    );
    // A special group under the office.
    let rights = &show.groups[3];
    assert_eq!(rights.parent.as_deref(), Some("office"));
    assert_eq!(rights.member_units, ["区职工服务中心"]);
}

#[test]
fn spec_only_data_reads_every_task_file() {
    let person: PersonJson = json(&roster_on(
        "tests/fixtures/spec-only",
        &["person", "liming-jiaotong", "--format", "json"],
    ));
    let ids: Vec<&str> = person
        .tasks
        .iter()
        .filter_map(|t| t.get("id")?.as_str())
        .collect();
    assert_eq!(ids, ["HC-01"]);
    let task = &person.tasks[0];
    assert_eq!(
        task.get("status").and_then(|s| s.as_str()),
        Some("in-progress"),
        "进行中 is in-progress"
    );
    assert_eq!(
        task.get("units").unwrap(),
        &serde_json::json!(["区交通运输工会工作委员会", "基层工作部"])
    );
    let unit: serde_json::Value = json(&roster_on(
        "tests/fixtures/spec-only",
        &["unit", "职工服务中心", "--format", "json"],
    ));
    let ids: Vec<&str> = unit["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    // WQ-02 names the unit by alias; WQ-01/WQ-03 are not its.
    assert_eq!(ids, ["WQ-02"]);
    assert_eq!(unit["tasks"][0]["status"], "cancelled");
}

// ---------------------------------------------------------------------------------
// A closed pipe.

/// Runs a shell pipeline with `wg` on PATH; returns the exit status of `wg` (the
/// pipeline's first command) and its stderr.
fn pipeline(script: &str) -> (String, String) {
    let bin = assert_cmd::cargo::cargo_bin("wg");
    let dir = bin.parent().unwrap();
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("bash")
        .args(["-c", script])
        .current_dir(root())
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env_remove("WG_DATA")
        .env_remove("WG_TODAY")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn closed_pipe_ends_quietly() {
    // `head -1` may or may not close the pipe before wg writes; the second form makes
    // sure the reader is gone first, so the write fails with EPIPE.
    let (stdout, stderr) = pipeline("wg roster show | head -1 >/dev/null; echo ${PIPESTATUS[0]}");
    assert_eq!((stdout.as_str(), stderr.as_str()), ("0\n", ""));
    let (stdout, stderr) = pipeline("{ sleep 0.3; wg roster show; } | true; echo ${PIPESTATUS[0]}");
    assert_eq!((stdout.as_str(), stderr.as_str()), ("0\n", ""));
}

/// The default data with 2,000 more tasks: a list of them is some megabytes, more than
/// wg buffers before it writes (stdout is written as the output is made).
fn data_with_many_tasks() -> tempfile::TempDir {
    let dir = copy_dir(&root().join("data"));
    let mut tasks = String::new();
    for i in 0..2000 {
        tasks.push_str(&format!(
            "[[tasks]]\nid = \"MANY-{i}\"\ntitle = \"开展第{i}项货车司机入会集中行动\"\ngroup = \"office\"\ndue = 2021-06-30\n\n"
        ));
    }
    std::fs::write(dir.path().join("tasks.toml"), tasks).unwrap();
    dir
}

/// A reader that goes away in the middle of a long output ends wg quietly too, however
/// far the command had got.
#[test]
fn closed_pipe_in_the_middle_of_a_long_output_ends_quietly() {
    let dir = data_with_many_tasks();
    let data = dir.path().display();
    for format in ["table", "json"] {
        let (stdout, stderr) = pipeline(&format!(
            "{{ sleep 0.3; wg --data {data} --today 2022-01-10 tasks list --format {format}; }} | head -c 100 >/dev/null; echo ${{PIPESTATUS[0]}}"
        ));
        assert_eq!((stdout.as_str(), stderr.as_str()), ("0\n", ""), "{format}");
    }
}

/// Shell completions to a reader that has gone: quiet too (clap_complete panics on a
/// failed write, so wg makes the script before it writes it).
#[test]
fn completions_to_a_closed_pipe_end_quietly() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (stdout, stderr) = pipeline(&format!(
            "{{ sleep 0.3; wg completions {shell}; }} | true; echo ${{PIPESTATUS[0]}}"
        ));
        assert_eq!((stdout.as_str(), stderr.as_str()), ("0\n", ""), "{shell}");
    }
}

/// A long output to a full disk: one clear error, exit 2.
#[test]
fn long_output_to_a_full_device_is_one_clear_error() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let dir = data_with_many_tasks();
    let (stdout, stderr) = pipeline(&format!(
        "wg --data {} --today 2022-01-10 tasks list --format json >/dev/full; echo $?",
        dir.path().display()
    ));
    assert_eq!(stdout, "2\n");
    assert_eq!(stderr, "错误：无法写出输出：磁盘空间不足（os error 28）\n");
}
