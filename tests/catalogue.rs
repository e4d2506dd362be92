//! The catalogue of bad inputs: every directory under `tests/catalogue/` is a data
//! directory with one thing wrong (or odd but valid), and a `case.toml` saying how to
//! run it and how it must end:
//!
//! ```toml
//! note = "what the case is about"
//! args = ["check"]        # optional; the command line after --data/--today
//! exit = 2                # the exit code expected
//! setup = "loop:tasks/a.toml"  # optional; what cannot be committed is made here
//! data = "no-such-dir"    # optional; what --data names (default: the case itself)
//! bug = "…"               # optional; a known bug, reported, that this case shows
//! ```
//!
//! Setups that take a path (relative to the case; what is there is replaced):
//! `fifo:P` a FIFO, `link:P=TARGET` a symlink, `loop:P` a symlink to itself,
//! `unreadable:P` chmod 000 (`.` is the data directory itself). As root, whom chmod 000
//! does not stop, an `unreadable:` case runs wg as `nobody` through `setpriv`; where it
//! cannot, the case is run but its exit code is not asserted.
//!
//! Besides its exit code, every case must: not panic, print nothing to stdout when it
//! fails, say something on stderr when it fails, name only places inside the files, and
//! never print a raw control character (but newline) to stderr, unless `bug` says why.
//!
//! Each case runs in a temporary copy of its directory, so paths print relative to it
//! (`tasks.toml:5:1`), once with `--lang en` and once with `--lang zh`; its exit code
//! (the same in both) and both stderrs are snapshotted, English first, as
//! `tests/snapshots/lib__catalogue__<case>.snap`. Adding a case is adding a directory.
//! (The 50 MB cases run in English only: their messages are those of other cases.)

use crate::common::{copy_into, is_root, root, run, wg_as_nobody_in, wg_in};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The as-of date of every case.
const TODAY: &str = "2026-01-15";

/// How long a quoted line may be in a snapshot; the huge-line cases would make
/// unreadable snapshots otherwise (what wg prints is cut too: see
/// `huge_lines_are_cut_in_messages`).
const SNAPSHOT_LINE: usize = 400;

/// The length of the line of the huge-line cases: 5 MiB, far past any real line, past
/// the size from which wg reads a file in two halves at once (4 MiB) and past a part
/// (1 MiB), so it takes every path a 50 MB line would. It was 50 MB, which took over a
/// minute of a debug build on a loaded machine; the behaviour is the same.
const HUGE_LINE: usize = 5 << 20;

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

/// Sets the permission bits of `path`.
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Clears the way for something new at `path`: its parent made, whatever was there
/// removed.
fn make_room(path: &Path) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("parent dir");
    }
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.is_dir() {
            std::fs::remove_dir_all(path).expect("remove dir");
        } else {
            std::fs::remove_file(path).expect("remove file");
        }
    }
}

/// Makes what a case cannot commit: links, FIFOs, unreadable files, huge or deep files.
fn set_up(kind: &str, dir: &Path) {
    let tasks = dir.join("tasks.toml");
    if let Some((what, arg)) = kind.split_once(':') {
        let (rel, target) = arg.split_once('=').unwrap_or((arg, ""));
        let path = dir.join(rel);
        match what {
            "fifo" => {
                make_room(&path);
                let made = std::process::Command::new("mkfifo")
                    .arg(&path)
                    .status()
                    .expect("mkfifo runs");
                assert!(made.success(), "mkfifo {}", path.display());
            }
            "link" => {
                make_room(&path);
                std::os::unix::fs::symlink(target, &path).expect("symlink");
            }
            "loop" => {
                make_room(&path);
                let name = path.file_name().expect("a file name");
                std::os::unix::fs::symlink(name, &path).expect("symlink");
            }
            "unreadable" => chmod(&path, 0o000),
            other => panic!("unknown setup {other:?}"),
        }
        return;
    }
    match kind {
        "none" => {}
        "control-character-in-file-name" => {
            std::fs::create_dir_all(dir.join("tasks")).expect("tasks dir");
            std::fs::write(
                dir.join("tasks").join("a\u{1b}[2J\u{202e}b.toml"),
                "bad = 1\n",
            )
            .expect("write a file with ESC in its name");
        }
        "huge-line" | "huge-line-error" => {
            // 5 MiB on one line: 1.7 M three-byte characters in a title.
            let big = "字".repeat(HUGE_LINE / 3);
            let tail = if kind == "huge-line" { "" } else { " oops" };
            let text =
                format!("[[tasks]]\nid = \"T-01\"\ngroup = \"leading\"\ntitle = \"{big}\"{tail}\n");
            std::fs::write(&tasks, text).expect("write a huge line");
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
        // A file that cannot be read (missing, a directory, a link loop, a FIFO, a
        // device) is pointed at as a whole: line 1, column 1. Only a regular file is
        // read here too: a FIFO would block, a link to /dev/zero never end.
        let file = dir.join(path);
        let regular = std::fs::metadata(&file).is_ok_and(|m| m.is_file());
        let Some(bytes) = regular.then(|| std::fs::read(&file).ok()).flatten() else {
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
    let en = match run_lang(name, case_dir, &case, "en")? {
        Run::Ran(run) => run,
        Run::AsRoot => {
            return Ok(format!(
                "{}\n(run as root: chmod 000 does not stop root from reading, so this run loaded the file)\n",
                case.note
            ));
        }
    };
    let bug = case
        .bug
        .as_ref()
        .map(|b| format!("KNOWN BUG: {b}\n"))
        .unwrap_or_default();
    let mut text = format!(
        "{}\n{bug}{}\nexit: {}\n---\n{}",
        case.note, en.line, en.code, en.stderr
    );
    let huge = case
        .setup
        .as_deref()
        .is_some_and(|s| s.starts_with("huge-"));
    if !huge && let Run::Ran(zh) = run_lang(name, case_dir, &case, "zh")? {
        if zh.code != en.code {
            return Err(format!(
                "{name}: exit {} in Chinese, {} in English",
                zh.code, en.code
            ));
        }
        text.push_str(&format!("--- {}\n{}", zh.line, zh.stderr));
    }
    Ok(text)
}

/// How one run of a case went.
enum Run {
    /// The command line as shown, the exit code and stderr as snapshotted.
    Ran(Ran),
    /// An unreadable file read all the same: run as root, without setpriv.
    AsRoot,
}

struct Ran {
    line: String,
    code: i32,
    stderr: String,
}

/// Runs one case with `--lang lang`, checking what every case must do.
fn run_lang(name: &str, case_dir: &Path, case: &Case, lang: &str) -> Result<Run, String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    copy_into(case_dir, tmp.path());
    std::fs::remove_file(tmp.path().join("case.toml")).map_err(|e| e.to_string())?;
    let unreadable = case
        .setup
        .as_deref()
        .and_then(|s| s.strip_prefix("unreadable:"));
    // The copy is private (0700): nobody must get in to be refused what is unreadable.
    if unreadable.is_some() {
        chmod(tmp.path(), 0o755);
    }
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
    if !args
        .iter()
        .any(|a| a == "--today" || a.starts_with("--today="))
    {
        global.extend(["--today", TODAY]);
    }
    global.extend(["--lang", lang]);
    let nobody = unreadable.and_then(|_| wg_as_nobody_in(tmp.path()));
    let as_nobody = nobody.is_some();
    let mut wg = nobody.unwrap_or_else(|| wg_in(tmp.path()));
    // Only a guard against a hang (a FIFO read blocking), not a measure of speed: the
    // 50 MB cases take a minute in a debug build on a loaded machine.
    let out = run(wg
        .args(&global)
        .args(&args)
        .timeout(std::time::Duration::from_secs(600)));
    // So that the copy can be removed.
    if let Some(rel) = unreadable {
        let path = tmp.path().join(rel);
        chmod(&path, if path.is_dir() { 0o755 } else { 0o644 });
    }
    let why = |what: String| {
        format!(
            "{name} (--lang {lang}): {what}\nstderr:\n{}",
            for_snapshot(&out.stderr)
        )
    };
    if out.stderr.contains("panicked") || out.code == 101 || out.code < 0 {
        return Err(why(format!(
            "wg crashed or hung (exit {}: a signal, or killed after 600 s)",
            out.code
        )));
    }
    // As root (without setpriv), chmod 000 does not stop a read: the case loads,
    // whatever it expects.
    let unreadable_as_root = unreadable.is_some() && is_root() && !as_nobody;
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
    if unreadable_as_root {
        return Ok(Run::AsRoot);
    }
    Ok(Run::Ran(Ran {
        line: format!("wg {} {}", global.join(" "), args.join(" ")),
        code: out.code,
        stderr: for_snapshot(&out.stderr),
    }))
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

/// A huge line in an error does not flood the terminal: what is printed is cut.
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

/// Runs `wg check` on a catalogue case as committed (no setup), in English.
fn check_case(case: &str) -> crate::common::Output {
    let dir = root().join("tests").join("catalogue").join(case);
    run(wg_in(&dir).args(["--data", ".", "--today", TODAY, "--lang", "en", "check"]))
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
