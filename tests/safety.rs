//! Output safety: text from the data cannot attack where the output lands. The fixture
//! `tests/fixtures/safety/` is full of terminal escapes (ESC, OSC, C1 CSI), bidi
//! overrides, NUL-ish controls, `|`, newlines, and cells that a spreadsheet would run as
//! formulas. Tables and text never pass a control character through; Markdown escapes
//! `|` and turns newlines into `<br>`; CSV makes formulas inert; iCalendar escapes and
//! folds; JSON and YAML carry every string exactly. Also: `wg` behaves on a closed
//! stdout, in a non-UTF-8 locale, without HOME, and with TZ unset or invalid.

use crate::common::{Output, copy_dir, fixture, root, run, wg, wg_in};

const TODAY: &str = "2026-01-15";

fn safety(args: &[&str]) -> Output {
    let out = run(wg()
        .args(["--data", "tests/fixtures/safety", "--today", TODAY])
        .args(args));
    assert!(
        matches!(out.code, 0 | 1),
        "{args:?} exit {}: {}",
        out.code,
        out.stderr
    );
    out
}

/// A character that must never reach a terminal: C0 controls but newline and tab, DEL,
/// C1 controls, and the bidi overrides that make text read as something it is not.
fn is_dangerous(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn dangerous_in(s: &str) -> Vec<(usize, char)> {
    s.char_indices().filter(|(_, c)| is_dangerous(*c)).collect()
}

/// Every command a person reads on a terminal, in its default format and in Markdown.
const READ_COMMANDS: &[&[&str]] = &[
    &["check"],
    &["roster", "show"],
    &["roster", "show", "leading"],
    &["roster", "person", "esc"],
    &["roster", "person", "pipe"],
    &["roster", "units"],
    &["roster", "unit", "eq"],
    &["tasks", "list"],
    &["tasks", "overdue"],
    &["tasks", "overdue", "--by", "unit"],
    &["tasks", "overdue", "--by", "owner"],
    &["tasks", "due", "--within", "90"],
    &["tasks", "show", "S-01"],
    &["tasks", "show", "S-03"],
    &["meeting", "agenda"],
    &["meeting", "list"],
    &["report"],
];

#[test]
fn terminal_output_never_carries_control_characters() {
    for args in READ_COMMANDS {
        for extra in [&[][..], &["--lang", "en"], &["--format", "markdown"]] {
            if extra.contains(&"markdown") && args == &["check"] {
                continue;
            }
            let args: Vec<&str> = args.iter().chain(extra).copied().collect();
            let out = run(wg()
                .args(["--data", "tests/fixtures/safety", "--today", TODAY])
                .args(&args));
            // Some formats are not offered by some commands; that refusal is fine too.
            assert!(out.code != 101 && out.code >= 0, "{args:?}: {}", out.stderr);
            for (what, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
                let bad = dangerous_in(text);
                assert!(bad.is_empty(), "{args:?} {what} has {bad:?}:\n{text}");
            }
            if args.contains(&"markdown") {
                continue;
            }
            // A tab in a table cell breaks the alignment: cells show it escaped.
            for line in out.stdout.lines().filter(|l| l.starts_with('|')) {
                assert!(
                    !line.contains('\t'),
                    "{args:?}: a tab in a table row: {line:?}"
                );
            }
        }
    }
}

#[test]
fn the_hostile_text_is_visible_escaped_in_tables() {
    let out = safety(&["tasks", "show", "S-01"]);
    assert!(out.stdout.contains("\\u{1b}[31m"), "{}", out.stdout);
    let out = safety(&["roster", "show"]);
    assert!(out.stdout.contains("\\u{9b}31m"), "{}", out.stdout);
    assert!(out.stdout.contains("\\u{202e}"), "{}", out.stdout);
}

/// Splits a Markdown table row into cells at the `|` that are not escaped.
fn markdown_cells(row: &str) -> Vec<String> {
    let inner = row
        .trim()
        .strip_prefix('|')
        .and_then(|r| r.strip_suffix('|'))
        .unwrap_or(row);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let last = cells.last_mut().unwrap();
                last.push(c);
                last.extend(chars.next());
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

#[test]
fn markdown_tables_keep_their_shape_whatever_the_cells_hold() {
    let commands: &[&[&str]] = &[
        &["roster", "show"],
        &["roster", "units"],
        &["tasks", "list"],
        &["tasks", "overdue"],
        &["meeting", "agenda"],
        &["meeting", "list"],
        &["report"],
    ];
    let mut saw_pipe = false;
    let mut saw_br = false;
    for args in commands {
        let args: Vec<&str> = args
            .iter()
            .copied()
            .chain(["--format", "markdown"])
            .collect();
        let out = safety(&args);
        let lines: Vec<&str> = out.stdout.lines().collect();
        let mut width = None;
        for line in &lines {
            if !line.starts_with('|') {
                width = None;
                continue;
            }
            let cells = markdown_cells(line);
            match width {
                None => width = Some(cells.len()),
                Some(w) => assert_eq!(cells.len(), w, "{args:?}: row {line:?}"),
            }
        }
        saw_pipe |= out.stdout.contains("\\|");
        saw_br |= out.stdout.contains("<br>");
    }
    assert!(
        saw_pipe && saw_br,
        "the fixture's | and newlines were not seen escaped"
    );
    let out = safety(&["tasks", "list", "--format", "markdown"]);
    assert!(out.stdout.contains("<br>第二行"), "{}", out.stdout);
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_inert() {
    let commands: &[&[&str]] = &[
        &["roster", "show"],
        &["roster", "units"],
        &["tasks", "list"],
        &["tasks", "overdue"],
        &["report"],
        &["meeting", "list"],
    ];
    let mut prefixed = 0;
    for args in commands {
        let args: Vec<&str> = args.iter().copied().chain(["--format", "csv"]).collect();
        let out = safety(&args);
        let bad = dangerous_in(&out.stdout);
        assert!(bad.is_empty(), "{args:?}: raw controls {bad:?}");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(out.stdout.as_bytes());
        for record in reader.records() {
            let record = record.expect("valid CSV");
            for cell in record.iter() {
                if let Some(first) = cell.chars().next() {
                    assert!(
                        !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r'),
                        "{args:?}: cell {cell:?} would run as a formula"
                    );
                }
                prefixed += usize::from(cell.starts_with('\''));
            }
        }
    }
    assert!(prefixed > 10, "only {prefixed} cells were prefixed");
    let out = safety(&["tasks", "list", "--format", "csv"]);
    for expected in [
        "'=cmd|' /C calc'!A0",
        "'@SUM(1+1)",
        "'-1+1",
        "'+1+cmd|' /C calc'!A0",
        "'\t制表开头",
    ] {
        assert!(
            out.stdout.contains(expected),
            "{expected:?} in\n{}",
            out.stdout
        );
    }
    // A cell that starts with CR: prefixed, and the CR itself shown, not sent.
    assert!(out.stdout.contains("'\\r回车开头"), "{}", out.stdout);
}

#[test]
fn icalendar_text_is_escaped_and_folded() {
    let out = safety(&["meeting", "ics", "--deadlines"]);
    let ics = &out.stdout;
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        let bad = dangerous_in(line);
        assert!(bad.is_empty(), "{line:?} has {bad:?}");
    }
    let unfolded = ics.replace("\r\n ", "");
    let summary = unfolded
        .lines()
        .find(|l| l.starts_with("SUMMARY:") && l.contains("很长的标题"))
        .expect("S-06 is in the calendar");
    assert!(
        summary.contains("分号\\; 逗号\\, 反斜杠\\\\ 换行\\n以及"),
        "{summary}"
    );
    assert!(ics.contains("\r\n "), "the long title was not folded");
    // A real parser reads it back, with the same number of events.
    let parsed: icalendar::Calendar = unfolded.parse().expect("icalendar parses the output");
    assert_eq!(parsed.components.len(), ics.matches("BEGIN:VEVENT").count());
}

/// The strings of the fixture, as a TOML parser reads them: what JSON and YAML must give
/// back exactly.
fn fixture_strings() -> Vec<String> {
    let mut strings = Vec::new();
    for file in ["org.toml", "groups.toml", "tasks.toml", "meetings.toml"] {
        let text = std::fs::read_to_string(fixture("safety").join(file)).expect("read");
        let value: toml::Value = toml::from_str(&text).expect("the fixture parses");
        collect(&value, &mut strings);
    }
    strings
}

fn collect(v: &toml::Value, out: &mut Vec<String>) {
    match v {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(a) => a.iter().for_each(|v| collect(v, out)),
        toml::Value::Table(t) => t.values().for_each(|v| collect(v, out)),
        _ => {}
    }
}

fn json_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

/// Free text (titles, outcomes, notes, duties, titles of people) that JSON and YAML
/// must carry byte for byte. Names are left out: they are shown canonical.
const FREE_TEXT: &[&str] = &[
    "=cmd|' /C calc'!A0",
    "\t制表开头",
    "\r回车开头\r\n第二行",
    "@SUM(1+1)",
    "-1+1",
    "成效\u{1b}[31m红\u{1b}[0m\n第二行|竖线",
    "进展\u{1b}]0;pwn\u{7}\r覆盖\u{9b}31m\n下一行|竖线",
    "+目标",
    "-目标",
    "@目标",
    "主任\u{1b}]0;pwn\u{7}",
    "|管道|标题",
    "第一行\n第二行",
    "职责一\n职责二",
    "\r回车开头",
    "\u{1}\u{1f}\u{7f}\u{80}\u{9f}控制",
    "张\u{1b}[31m三",
    "李\u{9b}31m四",
    "赵\u{202e}六",
    "领导\u{1b}[2J小组|全体",
    "双向\u{202a}嵌入\u{202b}右嵌\u{202c}弹出\u{202d}左覆\u{202e}右覆\u{2066}隔离\u{2067}右隔\u{2068}首强\u{2069}结束",
    "\u{2066}逾期\u{2069} \u{202e}任务\u{202c}",
    "\u{2067}成效\u{2068}",
];

#[test]
fn json_and_yaml_carry_every_string_exactly() {
    let in_files = fixture_strings();
    for s in FREE_TEXT {
        assert!(
            in_files.iter().any(|f| f == s),
            "{s:?} is not in the fixture"
        );
    }
    let commands: &[&[&str]] = &[
        &["tasks", "list"],
        &["tasks", "overdue"],
        &["roster", "show"],
        &["roster", "person", "esc"],
        &["roster", "person", "bidi"],
        &["meeting", "agenda"],
    ];
    let mut seen = Vec::new();
    for args in commands {
        let json_args: Vec<&str> = args.iter().copied().chain(["--format", "json"]).collect();
        let json = safety(&json_args);
        let from_json: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
        let yaml_args: Vec<&str> = args.iter().copied().chain(["--format", "yaml"]).collect();
        let yaml = safety(&yaml_args);
        let from_yaml: serde_json::Value =
            serde_saphyr::from_str(&yaml.stdout).expect("valid YAML");
        assert_eq!(from_json, from_yaml, "{args:?}: JSON and YAML differ");
        json_strings(&from_json, &mut seen);
        // JSON and YAML alike escape every dangerous character, the bidi controls too.
        assert!(dangerous_in(&json.stdout).is_empty(), "{args:?} JSON");
        let bad = dangerous_in(&yaml.stdout);
        assert!(bad.is_empty(), "{args:?} YAML has {bad:?}");
        // The bidi controls are there, escaped (person "esc" has none of them).
        assert!(
            args.contains(&"esc")
                || yaml.stdout.contains("\\u202E")
                || yaml.stdout.contains("\\u2066"),
            "{args:?} YAML shows no escaped bidi control:\n{}",
            yaml.stdout
        );
    }
    for s in FREE_TEXT {
        assert!(
            seen.iter().any(|v| v == s),
            "{s:?} did not come back exactly"
        );
    }
}

/// `wg roster show | head -c1`: wg's write fails with a broken pipe once head is gone;
/// it exits quietly (the shell reports wg's own exit code through PIPESTATUS-free `;`).
#[test]
fn a_closed_stdout_ends_quietly() {
    let wg = assert_cmd::cargo::cargo_bin("wg");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{wg} --data data --today 2021-10-15 roster show | head -c1 >/dev/null; \
             {wg} --data tests/fixtures/safety --today {TODAY} tasks list | head -c1 >/dev/null",
            wg = wg.display(),
        ))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_closed_stdout_exits_0_without_a_word() {
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wg"))
        .args(["--data", "data", "--today", "2021-10-15", "tasks", "list"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wg starts");
    // Close the reading end before wg writes: its write gets EPIPE.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wg ends");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_non_utf8_locale_changes_nothing() {
    let expected = run(wg().args([
        "--data",
        "tests/fixtures/safety",
        "--today",
        TODAY,
        "tasks",
        "list",
    ]));
    for (k, v) in [
        ("LANG", "C"),
        ("LC_ALL", "POSIX"),
        ("LC_ALL", "zh_CN.GB18030"),
    ] {
        let out = run(wg().env(k, v).args([
            "--data",
            "tests/fixtures/safety",
            "--today",
            TODAY,
            "tasks",
            "list",
        ]));
        assert_eq!(out.code, 0, "{k}={v}: {}", out.stderr);
        assert_eq!(out.stdout, expected.stdout, "{k}={v}");
    }
}

#[test]
fn no_home_is_needed() {
    let out = run(wg().env_remove("HOME").args([
        "--data",
        "tests/fixtures/safety",
        "--today",
        TODAY,
        "tasks",
        "list",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(wg_in(dir.path()).env_remove("HOME").args(["init", "new"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// The org's time zone decides "today", whatever TZ says (unset, or nonsense).
#[test]
fn tz_unset_or_invalid_does_not_matter_when_the_org_has_a_zone() {
    // 2026-01-14T18:30Z is 2026-01-15 02:30 in Asia/Shanghai: the org's day is the 15th.
    let run_with = |tz: Option<&str>| {
        let mut cmd = wg();
        cmd.env("WG_NOW", "2026-01-14T18:30:00Z").args([
            "--data",
            "tests/fixtures/safety",
            "tasks",
            "list",
            "--format",
            "json",
        ]);
        match tz {
            Some(tz) => cmd.env("TZ", tz),
            None => cmd.env_remove("TZ"),
        };
        run(&mut cmd)
    };
    for tz in [
        None,
        Some("Invalid/Zone"),
        Some(""),
        Some("America/New_York"),
    ] {
        let out = run_with(tz);
        assert_eq!(out.code, 0, "TZ={tz:?}: {}", out.stderr);
        assert!(
            out.stdout.contains("\"as_of\": \"2026-01-15\""),
            "TZ={tz:?}: {}",
            out.stdout
        );
    }
}

/// Without an org time zone the system's decides; a TZ that names no zone still runs.
#[test]
fn an_invalid_tz_without_an_org_zone_still_runs() {
    let dir = copy_dir(&fixture("safety"));
    let org = dir.path().join("org.toml");
    let text = std::fs::read_to_string(&org).expect("read");
    std::fs::write(&org, text.replace("timezone = \"Asia/Shanghai\"\n", "")).expect("write");
    for tz in [Some("Invalid/Zone"), None, Some(":/etc/nonexistent")] {
        let mut cmd = wg_in(dir.path());
        cmd.args(["--data", ".", "tasks", "list"]);
        match tz {
            Some(tz) => cmd.env("TZ", tz),
            None => cmd.env_remove("TZ"),
        };
        let out = run(&mut cmd);
        assert_eq!(out.code, 0, "TZ={tz:?}: {}", out.stderr);
    }
}

#[test]
fn an_invalid_org_time_zone_is_a_clear_error() {
    let dir = copy_dir(&fixture("safety"));
    let org = dir.path().join("org.toml");
    let text = std::fs::read_to_string(&org).expect("read");
    std::fs::write(&org, text.replace("Asia/Shanghai", "Asia/Shanghia")).expect("write");
    let out = run(wg_in(dir.path()).args(["--lang", "en", "--data", ".", "tasks", "list"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unknown time zone \"Asia/Shanghia\""),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("org.toml:8:12"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Asia/Shanghai"),
        "the hint names a real zone: {}",
        out.stderr
    );
}

/// A diagnostic quotes the source line, and a C1 control (U+0080–U+009F; U+009B is CSI
/// on 8-bit terminals) must not reach the terminal raw: annotate-snippets shows C0
/// controls as symbols (␛) but leaves C1 alone, so wg replaces them first.
#[test]
fn diagnostics_never_quote_a_c1_control_raw() {
    let dir = copy_dir(&fixture("base"));
    std::fs::write(
        dir.path().join("tasks.toml"),
        "[[tasks]]\nid = \"X-01\"\ntitle = \"\u{9b}31m红\"\ngroup = \"leading\"\nupdates = [{ date = 2021-01-01, note = \"\u{9b}2J\", nte = 1 }]\n",
    )
    .expect("write");
    let out = run(wg_in(dir.path()).args(["--data", ".", "check"]));
    assert_eq!(out.code, 2);
    let bad = dangerous_in(&out.stderr);
    assert!(bad.is_empty(), "{bad:?} in\n{}", out.stderr);
}

/// Found by `cargo fuzz` (load target): a diagnostic's hint (`= help:`), note and label
/// used to print data as it is, so an ESC in a group id (`"off\u001b[2Jice"`) could
/// clear the screen of whoever ran `wg check`. All of a diagnostic's text is escaped.
#[test]
fn diagnostic_hints_never_carry_control_characters() {
    let out = run(wg()
        .args(["--data", "tests/catalogue/control-character-in-help"])
        .args(["--today", TODAY, "check"]));
    assert_eq!(out.code, 2);
    let bad = dangerous_in(&out.stderr);
    assert!(bad.is_empty(), "{bad:?} in\n{}", out.stderr);
}

/// clap echoes a bad argument in its error: an ESC, a C1 CSI or a bidi override in it is
/// shown escaped, neither run by the terminal nor dropped (clap itself strips escape
/// sequences on a pipe and passes C1 and bidi controls through).
#[test]
fn usage_errors_show_control_characters_in_arguments_escaped() {
    let out = run(wg().args(["--today", "2026\u{1b}[2J\u{9b}1m\u{202e}", "tasks", "list"]));
    assert_eq!(out.code, 2);
    let bad = dangerous_in(&out.stderr);
    assert!(bad.is_empty(), "{bad:?} in\n{}", out.stderr);
    assert!(
        out.stderr.contains("2026\\u{1b}[2J\\u{9b}1m\\u{202e}"),
        "{}",
        out.stderr
    );
    // In English: the data here is Chinese, and clap's errors follow the org's lang.
    let out = run(wg().args(["--lang", "en", "\u{1b}]0;pwn\u{7}"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("unrecognized subcommand '\\u{1b}]0;pwn\\u{7}'"),
        "{}",
        out.stderr
    );
    // Help shows the value of WG_DATA.
    let out = run(wg().env("WG_DATA", "d\u{1b}[2J").arg("--help"));
    assert_eq!(out.code, 0);
    assert!(dangerous_in(&out.stdout).is_empty(), "{}", out.stdout);
    assert!(out.stdout.contains("WG_DATA=d\\u{1b}[2J"), "{}", out.stdout);
}
