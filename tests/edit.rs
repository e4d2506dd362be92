//! Tests of `wg tasks done|status|note`: every edit is compared byte for byte with an
//! expected file in `tests/fixtures/edit-expected/`, every other file must stay as it
//! was, and refused edits must leave every byte alone.

use crate::common::{copy_dir, fixture, run, wg};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-29";

/// Every file under `dir` (but the lock file), by relative path.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.file_name().unwrap() != ".wg.lock" {
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

/// `wg --data DIR --today TODAY ARGS…`.
fn edit(dir: &Path, args: &[&str]) -> crate::common::Output {
    run(wg()
        .arg("--data")
        .arg(dir)
        .args(["--today", TODAY])
        .args(args))
}

/// Runs each command on a fresh copy of the `edit` fixture, then checks that `file` is
/// byte for byte `edit-expected/EXPECTED.toml` and that no other file changed.
fn check_edit(commands: &[&[&str]], file: &str, expected: &str) -> Vec<String> {
    let tmp = copy_dir(&fixture("edit"));
    let mut before = snapshot(tmp.path());
    let mut lines = Vec::new();
    for args in commands {
        let out = edit(tmp.path(), args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr, "", "{args:?}");
        lines.push(out.stdout);
    }
    let mut after = snapshot(tmp.path());
    let got = after.remove(Path::new(file)).unwrap();
    before.remove(Path::new(file));
    let want = std::fs::read(fixture("edit-expected").join(format!("{expected}.toml"))).unwrap();
    assert_eq!(
        String::from_utf8(got).unwrap(),
        String::from_utf8(want).unwrap(),
        "{file} after {commands:?}"
    );
    assert!(before == after, "files other than {file} changed");
    lines
}

#[test]
fn done_sets_status_and_done_on_and_keeps_the_inline_comment() {
    let out = check_edit(&[&["tasks", "done", "JH-01"]], "tasks.toml", "done");
    assert_eq!(
        out,
        ["JH-01: 状态 进行中 -> 已完成 (完成日期 2026-11-29)\n"]
    );
}

#[test]
fn done_on_records_the_given_day() {
    check_edit(
        &[&["tasks", "done", "JH-01", "--on", "2026-11-20"]],
        "tasks.toml",
        "done-on",
    );
}

#[test]
fn done_with_note_appends_a_progress_note_dated_as_of() {
    let out = check_edit(
        &[&["tasks", "done", "JH-01", "--note", "完成了"]],
        "tasks.toml",
        "done-note",
    );
    assert_eq!(
        out,
        ["JH-01: 状态 进行中 -> 已完成 (完成日期 2026-11-29); 新增进展情况 (2026-11-29)\n"]
    );
}

#[test]
fn done_adds_status_and_done_on_to_a_task_without_status() {
    check_edit(
        &[&["tasks", "done", "JH-05"]],
        "tasks.toml",
        "done-without-status",
    );
}

#[test]
fn status_replaces_only_the_value() {
    let out = check_edit(
        &[&["--lang", "en", "tasks", "status", "JH-01", "blocked"]],
        "tasks.toml",
        "status",
    );
    assert_eq!(out, ["JH-01: status in-progress -> blocked\n"]);
}

#[test]
fn status_away_from_done_removes_done_on_with_its_comments() {
    let out = check_edit(
        &[&["--lang", "en", "tasks", "status", "JH-03", "in-progress"]],
        "tasks.toml",
        "status-away-from-done",
    );
    assert_eq!(
        out,
        ["JH-03: status done -> in-progress (done_on 2026-09-28 removed)\n"]
    );
}

/// The canonical English word is written whichever language was typed, so that the
/// files stay uniform; the quotes, the indentation and the comment stay.
#[test]
fn status_typed_in_chinese_is_written_in_english_keeping_quotes_and_indentation() {
    let out = check_edit(
        &[&["tasks", "status", "JH-02", "已完成"]],
        "tasks.toml",
        "status-typed-in-chinese",
    );
    assert_eq!(out, ["JH-02: 状态 受阻 -> 已完成 (完成日期 2026-11-29)\n"]);
}

#[test]
fn note_appends_after_the_last_progress_note() {
    check_edit(
        &[&["tasks", "note", "JH-02", "又一次座谈"]],
        "tasks.toml",
        "note",
    );
}

#[test]
fn note_on_the_last_task_keeps_the_comment_at_the_end_of_the_file() {
    let out = check_edit(
        &[&["--lang", "en", "tasks", "note", "JH-05", "first"]],
        "tasks.toml",
        "note-first",
    );
    assert_eq!(out, ["JH-05: note added (2026-11-29)\n"]);
}

#[test]
fn repeating_done_advances_done_through_by_one_occurrence() {
    let out = check_edit(
        &[&["--lang", "en", "tasks", "done", "JH-04"]],
        "tasks.toml",
        "repeat-done",
    );
    assert_eq!(out, ["JH-04: done_through 2026-01-31 -> 2026-02-28\n"]);
}

#[test]
fn repeating_done_keeps_the_day_of_the_first_occurrence_after_february() {
    // 01-31 monthly: 02-28, then 03-31 (not 03-28).
    check_edit(
        &[&["tasks", "done", "JH-04"], &["tasks", "done", "JH-04"]],
        "tasks.toml",
        "repeat-done-twice",
    );
}

#[test]
fn task_in_a_tasks_subdirectory_file_is_edited_there() {
    check_edit(
        &[&["tasks", "done", "QY-01"]],
        "tasks/rights.toml",
        "rights-done",
    );
}

#[test]
fn repeating_done_without_done_through_adds_it_after_repeat() {
    let out = check_edit(
        &[&["--lang", "en", "tasks", "done", "QY-02"]],
        "tasks/rights.toml",
        "rights-repeat-done",
    );
    assert_eq!(out, ["QY-02: done_through 2026-03-31\n"]);
}

/// Runs a command that must be refused: exit 2, a message (in English: `--lang en`),
/// and not one byte changed.
fn refused(args: &[&str]) -> String {
    let tmp = copy_dir(&fixture("edit"));
    let before = snapshot(tmp.path());
    let args: Vec<&str> = ["--lang", "en"].iter().chain(args).copied().collect();
    let out = edit(tmp.path(), &args);
    assert_eq!(out.code, 2, "{args:?}: {}", out.stdout);
    assert_eq!(out.stdout, "");
    assert!(snapshot(tmp.path()) == before, "{args:?} changed a file");
    out.stderr
}

#[test]
fn an_invalid_status_is_refused_and_changes_nothing() {
    let stderr = refused(&["tasks", "status", "JH-01", "blokced"]);
    assert_eq!(
        stderr,
        "error: unknown status \"blokced\"; did you mean \"blocked\"? Statuses are: todo (未开始), \
         in-progress (进行中), blocked (受阻), done (已完成), cancelled (已取消)\n"
    );
    let stderr = refused(&["tasks", "status", "JH-01", "finished"]);
    assert!(
        stderr.starts_with("error: unknown status \"finished\"; statuses are: todo"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_id_is_refused_with_a_suggestion() {
    let stderr = refused(&["tasks", "note", "JH-1", "x"]);
    assert_eq!(
        stderr,
        "error: no task has the id \"JH-1\"; did you mean \"JH-01\"? \
         (`wg tasks list` shows every task's id)\n"
    );
    let stderr = refused(&["tasks", "note", "jh-01", "x"]);
    assert!(stderr.contains("did you mean \"JH-01\"?"), "{stderr}");
}

#[test]
fn done_on_a_done_task_is_refused() {
    let stderr = refused(&["tasks", "done", "JH-03"]);
    assert_eq!(
        stderr,
        "error: task JH-03 is already done on 2026-09-28; nothing changed. \
         To reopen it: `wg tasks status JH-03 in-progress`\n"
    );
}

#[test]
fn done_in_the_future_and_done_on_for_a_repeating_task_are_refused() {
    let stderr = refused(&["tasks", "done", "JH-01", "--on", "2026-12-01"]);
    assert!(
        stderr.contains("after the as-of date 2026-11-29"),
        "{stderr}"
    );
    let stderr = refused(&["tasks", "done", "JH-04", "--on", "2026-11-01"]);
    assert!(stderr.contains("drop --on 2026-11-01"), "{stderr}");
}

#[test]
fn an_empty_note_is_refused() {
    let stderr = refused(&["tasks", "note", "JH-01", "  "]);
    assert!(stderr.contains("the note is empty"), "{stderr}");
}

#[test]
fn an_edit_of_invalid_data_is_refused() {
    let tmp = copy_dir(&fixture("edit"));
    let path = tmp.path().join("tasks.toml");
    let broken = std::fs::read_to_string(&path)
        .unwrap()
        .replace("owner = \"王五\"", "owner = \"王武\"");
    std::fs::write(&path, &broken).unwrap();
    let out = edit(tmp.path(), &["--lang", "en", "tasks", "note", "JH-01", "x"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unknown person \"王武\""),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn setting_the_status_a_task_already_has_writes_nothing() {
    let tmp = copy_dir(&fixture("edit"));
    let before = snapshot(tmp.path());
    let out = edit(
        tmp.path(),
        &["--lang", "en", "tasks", "status", "JH-01", "进行中"],
    );
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "JH-01: status in-progress (unchanged)\n")
    );
    assert!(snapshot(tmp.path()) == before);
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_kept() {
    let tmp = copy_dir(&fixture("edit"));
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let original = std::fs::read_to_string(fixture("edit/tasks.toml")).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf(&original).as_bytes());
    std::fs::write(tmp.path().join("tasks.toml"), &bytes).unwrap();
    let out = edit(tmp.path(), &["tasks", "done", "JH-01", "--note", "完成了"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let expected = std::fs::read_to_string(fixture("edit-expected/done-note.toml")).unwrap();
    let mut want = b"\xEF\xBB\xBF".to_vec();
    want.extend_from_slice(crlf(&expected).as_bytes());
    let got = std::fs::read(tmp.path().join("tasks.toml")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&got),
        String::from_utf8_lossy(&want)
    );
}

#[cfg(unix)]
#[test]
fn the_file_mode_is_kept() {
    use std::os::unix::fs::PermissionsExt;
    for mode in [0o644, 0o640] {
        let tmp = copy_dir(&fixture("edit"));
        let path = tmp.path().join("tasks.toml");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        let out = edit(tmp.path(), &["tasks", "note", "JH-01", "x"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let got = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, mode, "mode {mode:o} became {got:o}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_is_edited_through_its_target_and_stays_a_link() {
    let tmp = copy_dir(&fixture("edit"));
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("real-tasks.toml");
    let link = tmp.path().join("tasks.toml");
    std::fs::rename(&link, &target).unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = edit(tmp.path(), &["tasks", "done", "JH-01"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_link(&link).unwrap(), target);
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        std::fs::read_to_string(fixture("edit-expected/done.toml")).unwrap()
    );
    // No temporary file was left beside the link or the target; the lock of the real
    // file is beside it.
    let mut names: Vec<String> = std::fs::read_dir(elsewhere.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, [".wg.lock", "real-tasks.toml"]);
}

#[test]
fn sixteen_concurrent_notes_all_land_and_the_data_stays_valid() {
    let tmp = copy_dir(&fixture("edit"));
    let bin = assert_cmd::cargo::cargo_bin("wg");
    let children: Vec<_> = (0..16)
        .map(|i| {
            std::process::Command::new(&bin)
                .arg("--data")
                .arg(tmp.path())
                .args(["--today", TODAY, "tasks", "note", "JH-02"])
                .arg(format!("concurrent note {i:02}"))
                .env_remove("WG_DATA")
                .env_remove("WG_TODAY")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = std::fs::read_to_string(tmp.path().join("tasks.toml")).unwrap();
    for i in 0..16 {
        assert_eq!(
            text.matches(&format!("note = \"concurrent note {i:02}\""))
                .count(),
            1,
            "note {i}"
        );
    }
    assert_eq!(run(wg().arg("--data").arg(tmp.path()).arg("check")).code, 0);
    let shown = run(wg().arg("--data").arg(tmp.path()).args([
        "--today", TODAY, "--format", "json", "tasks", "show", "JH-02",
    ]));
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert_eq!(shown.stdout.matches("concurrent note").count(), 16);
}

/// A write that fails half way (here: the file-size limit, which fails `write` as a full
/// disk does) changes nothing: the original bytes stay and no temporary file is left.
/// wg ignores SIGXFSZ itself: the shell does not (its default would kill wg half way and
/// leave the temporary file).
#[cfg(unix)]
#[test]
fn a_write_that_fails_leaves_every_file_as_it_was() {
    let tmp = copy_dir(&fixture("edit"));
    let before = snapshot(tmp.path());
    let bin = assert_cmd::cargo::cargo_bin("wg");
    // 1 block of 512 bytes: the new tasks.toml (1.5 kB) cannot be written.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 1 && exec \"$0\" \"$@\"")
        .arg(&bin)
        .arg("--data")
        .arg(tmp.path())
        .args([
            "--today",
            TODAY,
            "--lang",
            "en",
            "tasks",
            "note",
            "JH-02",
            "写不下的进展",
        ])
        .env_remove("WG_DATA")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("tasks.toml"), "{stderr}");
    assert!(
        before == snapshot(tmp.path()),
        "a file changed or was left behind"
    );
}

/// `wg` killed at any moment of an edit (reading, writing the new file, before or after
/// the rename) leaves the old bytes or the new ones, never a mix, and no lock behind:
/// the next edit goes ahead at once.
#[cfg(unix)]
#[test]
fn an_edit_killed_at_any_moment_leaves_old_or_new_bytes_and_no_stale_lock() {
    let tmp = copy_dir(&fixture("edit"));
    let path = tmp.path().join("tasks.toml");
    // Big enough that an edit takes a while: the kills land all through it.
    let mut old = std::fs::read_to_string(&path).unwrap();
    for i in 0..4000 {
        old.push_str(&format!(
            "\n[[tasks]]\nid = \"K-{i:04}\"\ntitle = \"在全省开展货车司机先进典型选树宣传 {i}\"\ngroup = \"membership\"\ndue = 2026-12-31\n"
        ));
    }
    std::fs::write(&path, &old).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("wg");
    let note = |dir: &Path| {
        let mut c = std::process::Command::new(&bin);
        c.arg("--data")
            .arg(dir)
            .args(["--today", TODAY, "tasks", "note", "K-3999", "被中断的进展"])
            .env_remove("WG_DATA")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        c
    };
    // The bytes a finished edit writes, and how long it takes.
    let started = std::time::Instant::now();
    assert!(note(tmp.path()).status().unwrap().success());
    let took = started.elapsed();
    let new = std::fs::read_to_string(&path).unwrap();
    assert_ne!(new, old);

    // From the start to well past the end of an edit (killing a finished one is harmless).
    let runs = 24;
    for k in 0..=runs {
        std::fs::write(&path, &old).unwrap();
        let mut child = note(tmp.path()).spawn().unwrap();
        std::thread::sleep(took * k * 3 / (runs * 2));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read_to_string(&path).unwrap();
        assert!(
            now == old || now == new,
            "kill {k}/{runs}: a mix of old and new"
        );
        // Whatever the killed process left is hidden from the loader.
        for entry in std::fs::read_dir(tmp.path()).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(
                ["org.toml", "groups.toml", "tasks.toml", "tasks"].contains(&name.as_str())
                    || name.starts_with('.'),
                "kill {k}/{runs}: left {name}"
            );
        }
        // The lock died with the process: the next edit gets it. (A lock left behind
        // would make it give up after its wait, and fail; how long it took is not
        // asserted, since a loaded machine must not fail a correct build.)
        assert!(
            note(tmp.path()).status().unwrap().success(),
            "kill {k}/{runs}"
        );
    }
    assert_eq!(run(wg().arg("--data").arg(tmp.path()).arg("check")).code, 0);
}

/// `done` on a repeating task marks at most the occurrence coming up: run twice by
/// mistake, it does not mark next month's report as sent.
#[test]
fn repeating_done_stops_at_the_occurrence_coming_up() {
    let tmp = copy_dir(&crate::common::root().join("data"));
    let done = |dir: &Path| {
        run(wg()
            .arg("--data")
            .arg(dir)
            .args(["--today", "2022-01-10", "tasks", "done", "BG-02"]))
    };
    assert_eq!(
        done(tmp.path()).stdout,
        "BG-02: 已完成至 2021-11-30 -> 2021-12-31\n"
    );
    assert_eq!(
        done(tmp.path()).stdout,
        "BG-02: 已完成至 2021-12-31 -> 2022-01-31\n"
    );
    let before = snapshot(tmp.path());
    let out = done(tmp.path());
    assert_eq!(out.code, 2);
    // The data's org says lang = "zh": the refusal is in Chinese, as the lines above.
    assert_eq!(
        out.stderr,
        "错误：任务 BG-02 已经完成至 2022-01-31，再下一次（2022-02-28）还不是即将到来的\
         那一次（2022-01-31）；没有做任何改动\n"
    );
    assert!(before == snapshot(tmp.path()));
}

/// `wg --data DIR --today TODAY ARGS…` as a process to spawn, with the environment
/// pinned as `common::wg` pins it.
fn wg_process(dir: &Path, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("wg"));
    cmd.arg("--data")
        .arg(dir)
        .args(["--today", TODAY])
        .args(args)
        .env_remove("WG_DATA")
        .env_remove("WG_TODAY")
        .env("NO_COLOR", "1")
        .env("LANG", "C.UTF-8")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    cmd
}

/// Runs a command to the end, or kills it after a minute: an edit that hangs must fail
/// the test, not hang it. (Not a timing assertion: a correct edit takes well under a
/// second even on a loaded machine.)
fn finish_or_kill(mut cmd: std::process::Command) -> std::process::Output {
    let mut child = cmd.spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the command hung (killed after 60 s): {cmd:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A FIFO where the lock file belongs (`git` can commit one, a script can make one) is
/// refused at once, naming it; opening it must not wait for a writer.
#[cfg(unix)]
#[test]
fn a_fifo_at_the_lock_file_is_refused_at_once() {
    let tmp = copy_dir(&fixture("edit"));
    let lock = tmp.path().join(".wg.lock");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&lock)
            .status()
            .unwrap()
            .success()
    );
    let before = snapshot(tmp.path());
    let out = finish_or_kill(wg_process(tmp.path(), &["tasks", "note", "JH-01", "x"]));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: the lock file {} is a FIFO (named pipe), not a regular file, so wg did not use it and changed nothing. \
             Remove it (wg makes a new one), and keep `.wg.lock` out of version control (add it to .gitignore)\n",
            lock.display()
        )
    );
    assert!(before == snapshot(tmp.path()));
}

/// A committed `.wg.lock` symlink is refused: wg neither follows it to lock (or create)
/// a file where it points, nor edits.
#[cfg(unix)]
#[test]
fn a_symlink_at_the_lock_file_is_refused_and_nothing_is_made_where_it_points() {
    let tmp = copy_dir(&fixture("edit"));
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("made-by-wg");
    let lock = tmp.path().join(".wg.lock");
    std::os::unix::fs::symlink(&target, &lock).unwrap();
    let before = snapshot(tmp.path());
    let out = edit(tmp.path(), &["tasks", "note", "JH-01", "x"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(&format!(
            "error: the lock file {} is a symbolic link, not a regular file, so wg did not use it and changed nothing.",
            lock.display()
        )),
        "{}",
        out.stderr
    );
    assert!(!target.exists(), "wg made a file where the symlink points");
    assert!(before == snapshot(tmp.path()));
    // A link to an existing file is no better.
    std::fs::write(&target, "").unwrap();
    assert_eq!(edit(tmp.path(), &["tasks", "note", "JH-01", "x"]).code, 2);
    assert!(before == snapshot(tmp.path()));
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// The group of the shared-directory test (any number: setpriv needs no /etc/group).
const CLERKS: u32 = 4242;

/// Runs a note by clerk `uid` with umask 022: as that user of group CLERKS when the tests
/// run as root (setpriv), else as ourselves.
#[cfg(unix)]
fn note_as_clerk(uid: u32, dir: &Path, note: &str) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("wg");
    let mut cmd = if is_root() {
        let mut c = std::process::Command::new("setpriv");
        c.arg(format!("--reuid={uid}"))
            .arg(format!("--regid={CLERKS}"))
            .arg("--clear-groups")
            .arg("--")
            .arg("sh");
        c
    } else {
        std::process::Command::new("sh")
    };
    cmd.arg("-c")
        .arg("umask 022 && exec \"$0\" \"$@\"")
        .arg(bin)
        .arg("--data")
        .arg(dir)
        .args(["--today", TODAY, "tasks", "note", "JH-02", note])
        .current_dir("/")
        .env_remove("WG_DATA")
        .env("LANG", "C.UTF-8");
    cmd.output().unwrap()
}

/// In a data directory shared by a group (mode 2775, several clerks), one clerk's edit
/// does not lock the others out: the lock file it makes is group-writable (0664 under
/// umask 022) with the directory's group, and a lock file that one may not write (0444)
/// serves as well, since it is only read.
#[cfg(unix)]
#[test]
fn in_a_group_shared_directory_every_clerk_can_edit_after_another() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let root = is_root();
    // As root the clerks are other users, who must be able to run wg: not so when the
    // checkout is in a private directory (`mktemp -d` makes it 0700). Then the case
    // cannot be run here, and says so.
    if root {
        let bin = assert_cmd::cargo::cargo_bin("wg");
        // Every directory above the binary must let others through (o+x).
        let runs = bin
            .ancestors()
            .skip(1)
            .all(|d| std::fs::metadata(d).is_ok_and(|m| m.permissions().mode() & 0o001 != 0));
        if !runs {
            eprintln!(
                "note: another user cannot run {} (a private checkout?): the shared-directory case is not run",
                bin.display()
            );
            return;
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    crate::common::copy_into(&fixture("edit"), &dir);
    if root {
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        for entry in [
            "",
            "org.toml",
            "groups.toml",
            "tasks.toml",
            "tasks",
            "tasks/rights.toml",
        ] {
            std::os::unix::fs::chown(dir.join(entry), Some(0), Some(CLERKS)).unwrap();
        }
    }
    for d in [dir.clone(), dir.join("tasks")] {
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o2775)).unwrap();
    }
    for f in ["org.toml", "groups.toml", "tasks.toml", "tasks/rights.toml"] {
        std::fs::set_permissions(dir.join(f), std::fs::Permissions::from_mode(0o664)).unwrap();
    }

    let first = note_as_clerk(4001, &dir, "第一位办事员");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let lock = std::fs::symlink_metadata(dir.join(".wg.lock")).unwrap();
    assert_eq!(
        lock.mode() & 0o7777,
        0o664,
        "mode {:o}",
        lock.mode() & 0o7777
    );
    assert_eq!(lock.gid(), std::fs::metadata(&dir).unwrap().gid());

    let second = note_as_clerk(4002, &dir, "第二位办事员");
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );

    std::fs::set_permissions(dir.join(".wg.lock"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let third = note_as_clerk(4003, &dir, "第三位办事员");
    assert!(
        third.status.success(),
        "{}",
        String::from_utf8_lossy(&third.stderr)
    );

    let text = std::fs::read_to_string(dir.join("tasks.toml")).unwrap();
    for note in ["第一位办事员", "第二位办事员", "第三位办事员"] {
        assert_eq!(text.matches(note).count(), 1, "{note}");
    }
}

/// Another program writing the file while `wg` edits it (here a shell loop appending
/// comment lines, as `echo >>` does: open, write, close) loses nothing, and neither do the
/// edits: each edit takes one last look just before its rename and starts again from
/// what the other program wrote. Counts, not timing: however the two interleave, every
/// line must be there exactly once.
#[cfg(unix)]
#[test]
fn writes_by_another_program_during_edits_are_never_lost() {
    let tmp = copy_dir(&fixture("edit"));
    let file = tmp.path().join("tasks.toml");
    let appends = 40;
    let mut appender = std::process::Command::new("sh")
        .arg("-c")
        .arg(
            "i=0; while [ $i -lt $1 ]; do i=$((i+1)); echo \"# outside $i\" >> \"$0\"; sleep 0.03; done",
        )
        .arg(&file)
        .arg(appends.to_string())
        .spawn()
        .unwrap();
    let notes = 16;
    let children: Vec<_> = (0..notes)
        .map(|i| {
            wg_process(
                tmp.path(),
                &["tasks", "note", "JH-02", &format!("note {i:02}")],
            )
            .spawn()
            .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(appender.wait().unwrap().success());
    let text = std::fs::read_to_string(&file).unwrap();
    let count = |i: &usize| {
        text.lines()
            .filter(|l| *l == format!("# outside {i}"))
            .count()
    };
    let lost_appends: Vec<(usize, usize)> = (1..=appends)
        .filter(|i| count(i) != 1)
        .map(|i| (i, count(&i)))
        .collect();
    let lost_notes: Vec<usize> = (0..notes)
        .filter(|i| text.matches(&format!("note = \"note {i:02}\"")).count() != 1)
        .collect();
    assert!(
        lost_appends.is_empty() && lost_notes.is_empty(),
        "appends (number, times) {lost_appends:?} and notes {lost_notes:?} not there once:\n{text}"
    );
    assert_eq!(run(wg().arg("--data").arg(tmp.path()).arg("check")).code, 0);
}

/// Two data directories that share a task file through a symlink take turns on it: the
/// lock that counts is the one beside the real file, whichever directory an edit comes
/// through.
#[cfg(unix)]
#[test]
fn two_data_directories_sharing_a_task_file_by_symlink_lose_no_note() {
    let a = copy_dir(&fixture("edit"));
    let b = copy_dir(&fixture("edit"));
    let shared = a.path().join("tasks.toml");
    std::fs::remove_file(b.path().join("tasks.toml")).unwrap();
    std::os::unix::fs::symlink(&shared, b.path().join("tasks.toml")).unwrap();
    let per_dir = 8;
    let children: Vec<_> = (0..per_dir)
        .flat_map(|i| [(a.path(), "a", i), (b.path(), "b", i)])
        .map(|(dir, name, i)| {
            wg_process(dir, &["tasks", "note", "JH-02", &format!("{name} {i:02}")])
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = std::fs::read_to_string(&shared).unwrap();
    let lost: Vec<String> = (0..per_dir)
        .flat_map(|i| [format!("a {i:02}"), format!("b {i:02}")])
        .filter(|n| text.matches(&format!("note = \"{n}\"")).count() != 1)
        .collect();
    assert!(lost.is_empty(), "lost {lost:?}");
    assert!(
        std::fs::symlink_metadata(b.path().join("tasks.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// `tasks.toml` of the edit fixture after `args`, when it held `bytes` before.
fn edited(bytes: &[u8], args: &[&str]) -> Vec<u8> {
    let tmp = copy_dir(&fixture("edit"));
    std::fs::write(tmp.path().join("tasks.toml"), bytes).unwrap();
    let out = edit(tmp.path(), args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    std::fs::read(tmp.path().join("tasks.toml")).unwrap()
}

/// The fixture's tasks.toml ending with its last task's last line (no trailing comment).
fn ends_with_a_task() -> String {
    let text = std::fs::read_to_string(fixture("edit/tasks.toml")).unwrap();
    let cut = text
        .find("# trailing comment at the end of the file")
        .unwrap();
    text[..cut].to_owned()
}

fn crlf(s: &str) -> String {
    s.replace('\n', "\r\n")
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

/// A file saved without a final newline (Notepad and many editors save so), in LF or
/// CRLF, is edited at its last task too, and still ends without one.
#[test]
fn the_last_task_of_a_file_without_a_final_newline_is_edited_and_it_stays_without() {
    let base = ends_with_a_task();
    assert!(base.ends_with("due=2026-12-15\n"));
    for args in [
        &["tasks", "done", "JH-05", "--note", "写完了"][..],
        &["tasks", "note", "JH-05", "进展"],
        &["tasks", "status", "JH-05", "受阻"],
    ] {
        let plain = text(edited(base.as_bytes(), args));
        let lf = text(edited(base.trim_end_matches('\n').as_bytes(), args));
        assert_eq!(lf, plain.trim_end_matches('\n'), "{args:?}");
        let windows = text(edited(
            crlf(&base).trim_end_matches("\r\n").as_bytes(),
            args,
        ));
        assert_eq!(windows, crlf(&plain).trim_end_matches("\r\n"), "{args:?}");
    }
}

/// A file that mixes line endings keeps each line's own: a line the edit changes keeps
/// the ending it had, the lines it adds take the ending most lines have.
#[test]
fn mixed_line_endings_are_kept_line_by_line() {
    let base = std::fs::read_to_string(fixture("edit/tasks.toml")).unwrap();
    let args = &["tasks", "done", "JH-01", "--note", "完成了"];
    let plain = text(edited(base.as_bytes(), args));
    let status = "status = \"in-progress\"          # 行尾注释 / inline comment";
    let title = "title = '开展快递员集中入会活动'      # a literal string";
    assert!(base.contains(status) && base.contains(title));
    // Mostly CRLF; the title line (kept) and the status line (changed) end in LF.
    let mixed = crlf(&base)
        .replace(&format!("{title}\r\n"), &format!("{title}\n"))
        .replace(&format!("{status}\r\n"), &format!("{status}\n"));
    let new_status = "status = \"done\"          # 行尾注释 / inline comment";
    assert!(plain.contains(new_status));
    let want = crlf(&plain)
        .replace(&format!("{title}\r\n"), &format!("{title}\n"))
        .replace(&format!("{new_status}\r\n"), &format!("{new_status}\n"));
    assert_eq!(text(edited(mixed.as_bytes(), args)), want);
    // Mostly LF, the same two lines CRLF.
    let mixed = base
        .replace(&format!("{title}\n"), &format!("{title}\r\n"))
        .replace(&format!("{status}\n"), &format!("{status}\r\n"));
    let want = plain
        .replace(&format!("{title}\n"), &format!("{title}\r\n"))
        .replace(&format!("{new_status}\n"), &format!("{new_status}\r\n"));
    assert_eq!(text(edited(mixed.as_bytes(), args)), want);
}

/// A file that starts with two byte-order marks (a BOM-adding editor on a file that had
/// one) is edited, at its first line too, and keeps both.
#[test]
fn a_doubled_byte_order_mark_is_kept() {
    let base = std::fs::read_to_string(fixture("edit/tasks.toml")).unwrap();
    let from_first_task = &base[base.find("[[tasks]]").unwrap()..];
    let args = &["tasks", "done", "JH-01", "--note", "完成了"];
    let plain = edited(from_first_task.as_bytes(), args);
    let two = "\u{FEFF}\u{FEFF}";
    let got = edited(format!("{two}{from_first_task}").as_bytes(), args);
    assert_eq!(text(got), format!("{two}{}", text(plain)));
}

/// An edit writes a new file and renames it into place (atomic: a crash leaves the old
/// file or the new), so another hard link to the file keeps the old text; wg says so.
#[cfg(unix)]
#[test]
fn an_edit_of_a_hard_linked_file_says_the_other_link_keeps_the_old_text() {
    let tmp = copy_dir(&fixture("edit"));
    let elsewhere = tempfile::tempdir_in(tmp.path().parent().unwrap()).unwrap();
    let path = tmp.path().join("tasks.toml");
    let other = elsewhere.path().join("tasks.toml");
    std::fs::hard_link(&path, &other).unwrap();
    let before = std::fs::read(&path).unwrap();
    let out = edit(tmp.path(), &["--lang", "en", "tasks", "note", "JH-01", "x"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "JH-01: note added (2026-11-29)\n");
    assert_eq!(
        out.stderr,
        format!(
            "warning: {} had 2 hard links; the edit wrote a new file in its place, so the other links still hold the old text\n",
            path.display()
        )
    );
    assert_eq!(std::fs::read(&other).unwrap(), before);
    assert_ne!(std::fs::read(&path).unwrap(), before);
}
/// `tasks note --value NAME=N` on `tests/fixtures/outcomes` (OC-04: 慰问人次, target
/// 100; OC-01: two notes' worth of nothing else).
fn note_with_values(args: &[&str]) -> (crate::common::Output, String, String) {
    let tmp = copy_dir(&fixture("outcomes"));
    let before = std::fs::read_to_string(tmp.path().join("tasks.toml")).unwrap();
    let out = run(wg()
        .arg("--data")
        .arg(tmp.path())
        .args(["--today", "2026-08-25"])
        .args(args));
    let after = std::fs::read_to_string(tmp.path().join("tasks.toml")).unwrap();
    (out, before, after)
}

#[test]
fn note_with_values_writes_the_readings_under_the_indicators_names() {
    let (out, before, after) = note_with_values(&[
        "tasks",
        "note",
        "OC-04",
        "又慰问 31 人次",
        "--value",
        "慰问 人次=60",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "OC-04: 新增进展情况 (2026-08-25); 指标数据 慰问人次 60\n"
    );
    // The note goes after OC-04's last note, the name as the task writes it, quoted.
    let old = "values = { \"慰问人次\" = 29 }\n";
    let want = before.replacen(
        old,
        &format!(
            "{old}\n[[tasks.updates]]\ndate = 2026-08-25\nnote = \"又慰问 31 人次\"\nvalues = {{ \"慰问人次\" = 60 }}\n"
        ),
        1,
    );
    assert_eq!(after, want);
}

#[test]
fn note_with_values_reads_back_as_the_latest_reading() {
    let tmp = copy_dir(&fixture("outcomes"));
    let wg_here = |args: &[&str]| {
        run(wg()
            .arg("--data")
            .arg(tmp.path())
            .args(["--today", "2026-08-25"])
            .args(args))
    };
    let out = wg_here(&["tasks", "note", "OC-04", "过半", "--value", "慰问人次=74.5"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // 15 of 20 days gone (75%), 74.5% reached: no longer behind.
    let show = wg_here(&["tasks", "show", "OC-04"]).stdout;
    assert!(
        show.contains("慰问人次 74.5/100，74.5%（截至 2026-08-25，未达标）"),
        "{show}"
    );
    assert!(show.contains("进度滞后：否"), "{show}");
}

#[test]
fn note_with_a_bad_value_is_refused_and_changes_nothing() {
    for (args, message) in [
        (
            &["tasks", "note", "OC-04", "x", "--value", "慰问人数=3"][..],
            "error: --value: task OC-04 has no indicator \"慰问人数\"; did you mean \"慰问人次\"? its indicators are: \"慰问人次\"\n",
        ),
        (
            &["tasks", "note", "OC-12", "x", "--value", "a=3"][..],
            "error: --value: task OC-12 has no indicators; add a [[tasks.indicators]] table (name, target) to it in tasks.toml first\n",
        ),
        (
            &["tasks", "note", "OC-04", "x", "--value", "慰问人次=3人"][..],
            "error: --value \"慰问人次=3人\": the reading must be a number of 0 or more, like 慰问人次=35 (the unit is the indicator's)\n",
        ),
        (
            &["tasks", "note", "OC-04", "x", "--value", "慰问人次=-1"][..],
            "error: --value \"慰问人次=-1\": the reading must be a number of 0 or more, like 慰问人次=35 (the unit is the indicator's)\n",
        ),
        (
            &["tasks", "note", "OC-04", "x", "--value", "慰问人次"][..],
            "error: --value \"慰问人次\": write the indicator and its reading as NAME=N, like --value 慰问人次=35\n",
        ),
        (
            &[
                "tasks",
                "note",
                "OC-04",
                "x",
                "--value",
                "慰问人次=1",
                "--value",
                "慰问 人次=2",
            ][..],
            "error: --value: \"慰问 人次\" is given twice; give each indicator's reading once\n",
        ),
    ] {
        // The refusals in English (the fixture's org says zh).
        let args: Vec<&str> = ["--lang", "en"].iter().chain(args).copied().collect();
        let (out, before, after) = note_with_values(&args);
        assert_eq!((out.code, out.stderr.as_str()), (2, message), "{args:?}");
        assert_eq!(before, after, "{args:?} changed the file");
    }
}

/// A task whose text the loader does not read as a plain piece (a header written
/// `[[ tasks ]]`, which TOML allows) is edited all the same: its new text is then
/// validated with the whole directory, and the edit is byte for byte the same as of
/// the plain header.
#[test]
fn a_task_under_an_unusual_header_is_edited_as_a_plain_one() {
    let base = std::fs::read_to_string(fixture("edit/tasks.toml")).unwrap();
    let spaced = base.replacen(
        "[[tasks]]   # the first task",
        "[[ tasks ]]   # the first task",
        1,
    );
    assert_ne!(spaced, base);
    for args in [
        &["tasks", "done", "JH-01", "--note", "写完了"][..],
        &["tasks", "note", "JH-01", "进展"],
    ] {
        let plain = text(edited(base.as_bytes(), args));
        let unusual = text(edited(spaced.as_bytes(), args));
        assert_eq!(
            unusual,
            plain.replacen(
                "[[tasks]]   # the first task",
                "[[ tasks ]]   # the first task",
                1
            ),
            "{args:?}"
        );
    }
}

/// An edit of one task file among many changes that file only; an error in another
/// one is left for `wg check` to name: an edit reads and validates the org, the groups
/// and its own task (the other task files' text is only scanned for its id).
#[test]
fn an_edit_among_many_task_files_changes_one_and_leaves_an_error_in_another_to_check() {
    let tmp = copy_dir(&fixture("edit"));
    for n in 1..=20 {
        std::fs::write(
            tmp.path().join(format!("tasks/part-{n:02}.toml")),
            format!(
                "[[tasks]]\nid = \"P-{n:02}\"\ntitle = \"任务 {n}\"\ngroup = \"membership\"\nowner = \"王五\"\ndue = 2026-12-31\n"
            ),
        )
        .unwrap();
    }
    // `tasks done ID` changes that task's file, and that file alone.
    let done_alone = |n: u32| {
        let mut before = snapshot(tmp.path());
        let id = format!("P-{n:02}");
        let out = edit(tmp.path(), &["--lang", "en", "tasks", "done", &id]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let mut after = snapshot(tmp.path());
        let edited = format!("tasks/part-{n:02}.toml");
        let edited = Path::new(&edited);
        assert_eq!(
            text(after.remove(edited).unwrap()),
            text(before.remove(edited).unwrap()).replace(
                "2026-12-31\n",
                "2026-12-31\nstatus = \"done\"\ndone_on = 2026-11-29\n"
            )
        );
        assert_eq!(after, before);
    };
    done_alone(7);
    let other = tmp.path().join("tasks/part-13.toml");
    std::fs::write(&other, "[[tasks]]\nid = \"P-13\"\ntitle = \"任务\n").unwrap();
    done_alone(8);
    let out = edit(tmp.path(), &["--lang", "en", "check"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("part-13.toml"), "{}", out.stderr);
}
