//! The rules of `--out PATH` (`wg::output`), through `wg meeting ics --out`: a regular
//! file is replaced atomically and keeps its mode, a symlink is written through, a new
//! file gets the umask's ordinary mode, `-` and `/dev/stdout` are standard output, a FIFO
//! or character device is written to and never replaced, and anything else is refused
//! with exit 2 and nothing written.

use crate::common::{Output, root, run, wg, wg_in};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};

const FIXTURE: &str = "tests/fixtures/meetings";
const TODAY: &str = "2026-08-20";

/// What `meeting ics` prints to stdout: what every `--out` must write.
fn expected() -> String {
    let out = run(wg().args(["--data", FIXTURE, "--today", TODAY, "meeting", "ics"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("BEGIN:VCALENDAR"));
    out.stdout
}

/// `wg meeting ics --out PATH` on the fixture (its path made absolute, so that `cwd` may
/// be anywhere). Its org's `lang` is zh: so are the messages.
fn ics_out(cwd: &Path, path: &str) -> Output {
    let data = root().join(FIXTURE);
    run(wg_in(cwd).args([
        "--data",
        data.to_str().unwrap(),
        "--today",
        TODAY,
        "meeting",
        "ics",
        "--out",
        path,
    ]))
}

/// `sh -c SCRIPT` with `$WG` the binary and `$DATA` the fixture, in `cwd`.
fn sh(cwd: &Path, script: &str) -> std::process::Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(cwd)
        .env("WG", assert_cmd::cargo::cargo_bin("wg"))
        .env("DATA", root().join(FIXTURE))
        .env("NO_COLOR", "1")
        .env_remove("WG_DATA")
        .env_remove("WG_TODAY")
        .output()
        .expect("sh runs")
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// A character device to write to. As root (as in CI) a node of the test's own, made
/// with mknod in `dir`, so that a regression that replaces devices replaces that node
/// and not the machine's; otherwise the system's, which a user cannot replace anyway.
fn device(dir: &Path, name: &str, major_minor: [&str; 2], system: &str) -> Option<PathBuf> {
    let own = dir.join(name);
    if is_root() {
        let made = std::process::Command::new("mknod")
            .arg(&own)
            .arg("c")
            .args(major_minor)
            .status()
            .is_ok_and(|s| s.success());
        return made.then_some(own);
    }
    Path::new(system).exists().then(|| PathBuf::from(system))
}

#[test]
fn out_writes_through_a_symlink_and_keeps_the_targets_mode() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("target.ics");
    let link = tmp.path().join("link.ics");
    std::fs::write(&target, "old\n").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("target.ics", &link).unwrap();
    let out = ics_out(tmp.path(), "link.ics");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("target.ics"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), expected());
    assert_eq!(mode(&target), 0o640);
    // A regular file given directly is replaced, keeping its mode too.
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::write(&target, "old\n").unwrap();
    let out = ics_out(tmp.path(), "target.ics");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), expected());
    assert_eq!(mode(&target), 0o600);
}

#[test]
fn a_new_out_file_gets_the_ordinary_mode_of_the_umask() {
    let tmp = tempfile::tempdir().unwrap();
    for (umask, want) in [("022", 0o644), ("077", 0o600)] {
        let name = format!("new-{umask}.ics");
        let out = sh(
            tmp.path(),
            &format!(
                "umask {umask}; \"$WG\" --data \"$DATA\" --today {TODAY} meeting ics --out {name}"
            ),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = tmp.path().join(&name);
        assert!(std::fs::symlink_metadata(&path).unwrap().is_file());
        assert_eq!(mode(&path), want, "umask {umask}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected());
    }
}

/// `-`, `/proc/self/fd/1` and `/dev/stdout` (a symlink to it) are standard output. As
/// root, a link of the test's own stands in for /dev/stdout: wg used to replace what
/// --out named, and /dev is not the test's to risk.
#[test]
fn out_dash_and_dev_stdout_are_standard_output() {
    let tmp = tempfile::tempdir().unwrap();
    let own = tmp.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &own).unwrap();
    let mut paths = vec!["-".to_owned(), own.to_str().unwrap().to_owned()];
    for system in ["/proc/self/fd/1", "/dev/fd/1", "/dev/stdout"] {
        let safe = system.starts_with("/proc/") || !is_root();
        if safe && Path::new(system).exists() {
            paths.push(system.to_owned());
        }
    }
    for path in &paths {
        let out = ics_out(tmp.path(), path);
        assert_eq!(out.code, 0, "{path}: {}", out.stderr);
        assert_eq!(out.stdout, expected(), "{path}");
    }
    assert!(std::fs::symlink_metadata(&own).unwrap().is_symlink());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

/// Redirected to a file, /dev/stdout is that file: `>>` appends, it is not replaced.
/// (A link of the test's own to /proc/self/fd/1 stands in for /dev/stdout, as above.)
#[test]
fn out_dev_stdout_appends_to_a_redirected_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("log"), "first line\n").unwrap();
    std::os::unix::fs::symlink("/proc/self/fd/1", tmp.path().join("stdout")).unwrap();
    let out = sh(
        tmp.path(),
        &format!("\"$WG\" --data \"$DATA\" --today {TODAY} meeting ics --out stdout >> log"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("log")).unwrap(),
        format!("first line\n{}", expected())
    );
}

/// A FIFO is written to, as the shell's `>` does: its reader gets the calendar, and the
/// FIFO is still a FIFO.
#[test]
fn out_writes_into_a_fifo_and_leaves_it_a_fifo() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("calendar.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // The reader is a process, so that it can be stopped if wg never opens the FIFO.
    let mut reader = std::process::Command::new("cat")
        .arg(&fifo)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = ics_out(tmp.path(), "calendar.fifo");
    let still_fifo = std::fs::symlink_metadata(&fifo).is_ok_and(|m| m.file_type().is_fifo());
    if still_fifo {
        // Should wg not have opened it, a writer that comes and goes (O_RDWR never blocks
        // on Linux) lets the reader see the end; after wg's own write it changes nothing.
        drop(
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&fifo),
        );
    } else {
        let _ = reader.kill();
    }
    let read = reader.wait_with_output().unwrap();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(still_fifo, "the FIFO was replaced");
    assert_eq!(String::from_utf8(read.stdout).unwrap(), expected());
}

/// `/dev/full` fails every write with ENOSPC: a clear error, exit 2, and the device stays
/// a device (wg used to replace it with a regular file when run as root).
#[test]
fn a_full_device_is_a_clear_error_and_stays_a_device() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(node) = device(tmp.path(), "full", ["1", "7"], "/dev/full") else {
        return;
    };
    let out = ics_out(tmp.path(), node.to_str().unwrap());
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains(&format!(
            "错误：无法写入 {}（字符设备）：磁盘空间不足（os error 28）",
            node.display()
        )),
        "{}",
        out.stderr
    );
    let kind = std::fs::symlink_metadata(&node).unwrap().file_type();
    assert!(kind.is_char_device(), "{} is now {kind:?}", node.display());
}

/// /dev/null is written to, not replaced.
#[test]
fn dev_null_is_written_to_and_stays_a_device() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(node) = device(tmp.path(), "null", ["1", "3"], "/dev/null") else {
        return;
    };
    let out = ics_out(tmp.path(), node.to_str().unwrap());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    let kind = std::fs::symlink_metadata(&node).unwrap().file_type();
    assert!(kind.is_char_device(), "{} is now {kind:?}", node.display());
}
#[test]
fn out_in_a_missing_directory_is_exit_2_naming_it_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = ics_out(tmp.path(), "missing/wg.ics");
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("无法写入 missing/wg.ics：目录 missing 不存在"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn out_refuses_a_directory_and_a_dangling_symlink() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("dir")).unwrap();
    let out = ics_out(tmp.path(), "dir");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--out dir 是目录"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_dir(tmp.path().join("dir")).unwrap().count(),
        0
    );

    // `newdir/` names a directory that does not exist, not a file called newdir.
    let out = ics_out(tmp.path(), "newdir/");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("不是文件名"), "{}", out.stderr);
    assert!(!tmp.path().join("newdir").exists());

    let link = tmp.path().join("dangling.ics");
    std::os::unix::fs::symlink("gone.ics", &link).unwrap();
    let out = ics_out(tmp.path(), "dangling.ics");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("--out dangling.ics 是指向 gone.ics 的符号链接，而那个文件不存在"),
        "{}",
        out.stderr
    );
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(!tmp.path().join("gone.ics").exists());
}

/// A file-size limit (`ulimit -f`) that the file goes past: exit 2 and nothing left
/// behind, as on a full disk, not SIGXFSZ killing wg half way through its temporary file.
#[cfg(unix)]
#[test]
fn a_file_size_limit_fails_the_write_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("wg");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 1 && exec \"$0\" \"$@\"")
        .arg(&bin)
        .arg("--data")
        .arg(root().join("data"))
        .args([
            "--today",
            "2022-01-10",
            "meeting",
            "ics",
            "--deadlines",
            "--out",
        ])
        .arg(tmp.path().join("wg.ics"))
        .env_remove("WG_DATA")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("wg.ics"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
