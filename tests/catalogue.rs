//! The catalogue of bad inputs: every directory under `tests/catalogue/` is a data
//! directory with one thing wrong (or odd but valid), and a `case.toml` saying how to
//! run it and how it must end:
//!
//! ```toml
//! note = "what the case is about"
//! args = ["check"]        # optional; the command line after --data/--today
//! exit = 2                # the exit code expected
//! setup = "symlink-loop"  # optional; what cannot be committed as files is made here
//! data = "no-such-dir"    # optional; what --data names (default: the case itself)
//! bug = "…"               # optional; a known bug, reported, that this case shows
//! ```
//!
//! Besides its exit code, every case must: not panic, print nothing to stdout when it
//! fails, say something on stderr when it fails, name only places inside the files, and
//! never print a raw control character (but newline) to stderr, unless `bug` says why.
//!
//! Each case runs in a temporary copy of its directory, so paths print relative to it
//! (`tasks.toml:5:1`), once with `--lang en` and once with `--lang zh`; its exit code
//! (the same in both) and both stderrs are snapshotted, English first, as
//! `tests/snapshots/lib__catalogue__<case>.snap`. Adding a case is adding a directory.
//! (The two 50 MB cases run in English only: their messages are those of other cases.)

use crate::common::{copy_into, root, run, wg_in};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The as-of date of every case.
const TODAY: &str = "2026-01-15";

/// How long a quoted line may be in a snapshot; the 50 MB cases would make unreadable
/// snapshots otherwise (what wg prints is cut too: see `huge_lines_are_cut_in_messages`).
const SNAPSHOT_LINE: usize = 400;

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    note: String,
    #[serde(default)]
    args: Option<Vec<String>>,
    exit: i32,
    #[serde(default)]
    setup: Option<String>,
    #[serde(default)]
    data: Option<String>,
    #[serde(default)]
    bug: Option<String>,
}

fn cases() -> Vec<(String, PathBuf)> {
    let dir = root().join("tests").join("catalogue");
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("tests/catalogue exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.join("case.toml").is_file())
        .map(|p| {
            let name = p
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (name, p)
        })
        .collect();
    cases.sort();
    cases
}

/// A valid task, for setups that add something after it.
const TASK: &str = "[[tasks]]\nid = \"T-01\"\ntitle = \"召开领导小组会议\"\ngroup = \"leading\"\n";

/// Whether the tests run as root (they do in CI), where chmod 000 does not stop a read.
fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// Makes what a case cannot commit: links, unreadable files, huge or deep files.
fn set_up(kind: &str, dir: &Path) {
    let tasks = dir.join("tasks.toml");
    match kind {
        "none" => {}
        "unreadable" => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&tasks, std::fs::Permissions::from_mode(0o000))
                .expect("chmod 000");
        }
        "symlink-loop" => {
            std::fs::create_dir_all(dir.join("tasks")).expect("tasks dir");
            std::os::unix::fs::symlink("a.toml", dir.join("tasks").join("a.toml"))
                .expect("symlink");
        }
        "dangling-symlink" => {
            std::fs::create_dir_all(dir.join("tasks")).expect("tasks dir");
            std::os::unix::fs::symlink("gone.toml", dir.join("tasks").join("b.toml"))
                .expect("symlink");
        }
        "control-character-in-file-name" => {
            std::fs::create_dir_all(dir.join("tasks")).expect("tasks dir");
            std::fs::write(
                dir.join("tasks").join("a\u{1b}[2J\u{202e}b.toml"),
                "bad = 1\n",
            )
            .expect("write a file with ESC in its name");
        }
        "huge-line" | "huge-line-error" => {
            // 50 MB on one line: 16.7 M three-byte characters in a title.
            let big = "字".repeat(50 * 1024 * 1024 / 3);
            let tail = if kind == "huge-line" { "" } else { " oops" };
            let text =
                format!("[[tasks]]\nid = \"T-01\"\ngroup = \"leading\"\ntitle = \"{big}\"{tail}\n");
            std::fs::write(&tasks, text).expect("write a 50 MB line");
        }
        "deep-arrays" => {
            let depth = 10_000;
            let text = format!(
                "[[tasks]]\nid = \"T-01\"\ntitle = \"深\"\ngroup = \"leading\"\noutcome = {}1{}\n",
                "[".repeat(depth),
                "]".repeat(depth)
            );
            std::fs::write(&tasks, text).expect("write deep arrays");
        }
        "deep-tables" => {
            let depth = 10_000;
            let text = format!(
                "[[tasks]]\nid = \"T-01\"\ntitle = \"深\"\ngroup = \"leading\"\noutcome = {}1{}\n",
                "{ a = ".repeat(depth),
                " }".repeat(depth)
            );
            std::fs::write(&tasks, text).expect("write deep tables");
        }
        "deep-dotted-key" => {
            let text = format!(
                "[[tasks]]\nid = \"T-01\"\ntitle = \"深\"\ngroup = \"leading\"\n{}b = 1\n",
                "a.".repeat(10_000)
            );
            std::fs::write(&tasks, text).expect("write a deep dotted key");
        }
        "deep-table-header" => {
            let text = format!("{}\n[{}b]\nc = 1\n", TASK, "a.".repeat(10_000));
            std::fs::write(&tasks, text).expect("write a deep table header");
        }
        other => panic!("unknown setup {other:?}"),
    }
}

/// Every `--> path:line:col` in stderr names a line of that file and a column at most
/// one past the line's end.
pub(crate) fn places_are_inside(dir: &Path, stderr: &str) -> Result<(), String> {
    for line in stderr.lines() {
        let Some(place) = line.trim_start().strip_prefix("--> ") else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let (Some(col), Some(line_no), Some(path)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("a place without line and column: {place}"));
        };
        let (col, line_no): (usize, usize) = (
            col.parse().map_err(|_| format!("column of {place}"))?,
            line_no.parse().map_err(|_| format!("line of {place}"))?,
        );
        // A file that cannot be read (missing, a directory, a link loop) is pointed at
        // as a whole: line 1, column 1.
        let Ok(bytes) = std::fs::read(dir.join(path)) else {
            if (line_no, col) == (1, 1) {
                continue;
            }
            return Err(format!(
                "{place}: the file cannot be read, yet a line is named"
            ));
        };
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let lines: Vec<&str> = text.split('\n').collect();
        let Some(l) = line_no.checked_sub(1).and_then(|i| lines.get(i)) else {
            return Err(format!("{place}: the file has {} lines", lines.len()));
        };
        let chars = l.chars().count();
        if col == 0 || col > chars + 1 {
            return Err(format!("{place}: line {line_no} has {chars} characters"));
        }
    }
    Ok(())
}

/// A character that must not reach a terminal raw (see `wg::render::text`): controls
/// but newline, and the bidi overrides.
fn is_raw_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{9}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Stderr as snapshotted: control characters shown as `\u{..}` (a raw one is a bug,
/// caught above, but the snapshot file stays plain text), and very long lines cut with
/// the count of what was cut.
fn for_snapshot(stderr: &str) -> String {
    let escaped: String = stderr
        .chars()
        .map(|c| {
            if is_raw_control(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect();
    let mut s = String::new();
    for line in escaped.split_inclusive('\n') {
        let n = line.chars().count();
        if n > SNAPSHOT_LINE {
            let head: String = line.chars().take(SNAPSHOT_LINE).collect();
            let _ = writeln!(s, "{head}… [{} more characters]", n - SNAPSHOT_LINE);
        } else {
            s.push_str(line);
        }
    }
    s
}

/// Runs one case in both languages; returns its snapshot text, or why it failed.
fn run_case(name: &str, case_dir: &Path) -> Result<String, String> {
    let case: Case = toml::from_str(
        &std::fs::read_to_string(case_dir.join("case.toml")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("case.toml: {e}"))?;
    let (en_line, en_code, en) = run_lang(name, case_dir, &case, "en")?;
    if case.setup.as_deref() == Some("unreadable") && is_root() {
        return Ok(format!(
            "{}\n(run as root: chmod 000 does not stop root from reading, so this run loaded the file)\n",
            case.note
        ));
    }
    let bug = case
        .bug
        .as_ref()
        .map(|b| format!("KNOWN BUG: {b}\n"))
        .unwrap_or_default();
    let mut text = format!("{}\n{bug}{en_line}\nexit: {en_code}\n---\n{en}", case.note);
    let huge = case
        .setup
        .as_deref()
        .is_some_and(|s| s.starts_with("huge-"));
    if !huge {
        let (zh_line, zh_code, zh) = run_lang(name, case_dir, &case, "zh")?;
        if zh_code != en_code {
            return Err(format!(
                "{name}: exit {zh_code} in Chinese, {en_code} in English"
            ));
        }
        text.push_str(&format!("--- {zh_line}\n{zh}"));
    }
    Ok(text)
}

/// Runs one case with `--lang lang`: the command line as shown, the exit code and the
/// stderr as snapshotted, or why it failed.
fn run_lang(
    name: &str,
    case_dir: &Path,
    case: &Case,
    lang: &str,
) -> Result<(String, i32, String), String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    copy_into(case_dir, tmp.path());
    std::fs::remove_file(tmp.path().join("case.toml")).map_err(|e| e.to_string())?;
    if let Some(kind) = &case.setup {
        set_up(kind, tmp.path());
    }
    let data = case.data.clone().unwrap_or_else(|| ".".to_owned());
    let args = case
        .args
        .clone()
        .unwrap_or_else(|| vec!["check".to_owned()]);
    // A case about --today gives its own.
    let mut global = vec!["--data", data.as_str()];
    if !args.iter().any(|a| a == "--today") {
        global.extend(["--today", TODAY]);
    }
    global.extend(["--lang", lang]);
    // A guard against a hang, not a measure of speed: a loaded machine must not fail a
    // correct build (the 50 MB cases took two minutes on two busy cores).
    let out = run(wg_in(tmp.path())
        .args(&global)
        .args(&args)
        .timeout(std::time::Duration::from_secs(900)));
    let why = |what: String| {
        format!(
            "{name} (--lang {lang}): {what}\nstderr:\n{}",
            for_snapshot(&out.stderr)
        )
    };
    if out.stderr.contains("panicked") || out.code == 101 || out.code < 0 {
        return Err(why(format!("wg crashed (exit {})", out.code)));
    }
    // As root, chmod 000 does not stop a read: the case loads, whatever it expects.
    let unreadable_as_root = case.setup.as_deref() == Some("unreadable") && is_root();
    if unreadable_as_root {
        if out.code != 0 && out.code != 2 {
            return Err(why(format!("exit {}", out.code)));
        }
    } else if out.code != case.exit {
        return Err(why(format!(
            "exit {}, expected {} ({})",
            out.code, case.exit, case.note
        )));
    }
    if out.code == 2 && !out.stdout.is_empty() {
        return Err(why(format!("printed to stdout on failure: {}", out.stdout)));
    }
    if out.code == 2 && out.stderr.is_empty() {
        return Err(why("failed without a word on stderr".to_owned()));
    }
    places_are_inside(tmp.path(), &out.stderr).map_err(why)?;
    let raw_control = out.stderr.chars().any(is_raw_control);
    match (&case.bug, raw_control) {
        (None, true) => return Err(why("printed a raw control character".to_owned())),
        // The bug is fixed: drop `bug` from case.toml (and un-ignore its test).
        (Some(bug), false) => return Err(why(format!("no longer shows the bug \"{bug}\""))),
        _ => {}
    }
    let line = format!("wg {} {}", global.join(" "), args.join(" "));
    Ok((line, out.code, for_snapshot(&out.stderr)))
}

#[test]
fn every_catalogue_case_ends_as_its_case_toml_says() {
    let cases = cases();
    assert!(cases.len() >= 40, "the catalogue has {} cases", cases.len());
    let mut failures = Vec::new();
    for (name, dir) in &cases {
        match run_case(name, dir) {
            Ok(text) => {
                let snap = std::panic::catch_unwind(|| {
                    insta::assert_snapshot!(name.as_str(), text);
                });
                if snap.is_err() {
                    failures.push(format!("{name}: snapshot differs"));
                }
            }
            Err(why) => failures.push(why),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A 50 MB line in an error does not flood the terminal: what is printed is cut.
#[test]
fn huge_lines_are_cut_in_messages() {
    let case = root()
        .join("tests")
        .join("catalogue")
        .join("huge-single-line-error");
    let tmp = tempfile::tempdir().expect("tmp");
    copy_into(&case, tmp.path());
    set_up("huge-line-error", tmp.path());
    let out = run(wg_in(tmp.path()).args(["--data", ".", "--today", TODAY, "check"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.len() < 100_000,
        "stderr is {} bytes long",
        out.stderr.len()
    );
}

/// Runs `wg check` on a catalogue case as committed (no setup).
fn check_case(case: &str) -> crate::common::Output {
    let dir = root().join("tests").join("catalogue").join(case);
    run(wg_in(&dir).args(["--data", ".", "--today", TODAY, "check"]))
}

/// When org.toml does not parse, its syntax error is the one message about it (the
/// loader used to add "has no [org] table", pointing at a comment).
#[test]
fn a_syntax_error_in_org_toml_is_reported_once() {
    let out = check_case("syntax-error-in-org");
    assert_eq!(out.code, 2);
    assert!(!out.stderr.contains("has no [org] table"), "{}", out.stderr);
    assert!(
        out.stderr.contains("the data has 1 error"),
        "{}",
        out.stderr
    );
}

/// A person whose id clashes still answers to their name, so references to them by name
/// are not "unknown" on top of the clash. (In `duplicate-unit-id` the references use the
/// id the unit should have had, which no unit has: those are rightly unknown.)
#[test]
fn a_duplicate_id_is_reported_once() {
    let case = "duplicate-person-id";
    let out = check_case(case);
    assert_eq!(out.code, 2);
    assert!(
        !out.stderr.contains("error: unknown "),
        "{case}: {}",
        out.stderr
    );
}
