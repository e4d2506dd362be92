//! Runs the `wg` binary with a pinned environment: no colour, UTC, no WG_* variables
//! from the developer's shell, and a data directory given explicitly.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture directory under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

/// `wg` run from `cwd`, with a clean, pinned environment.
pub fn wg_in(cwd: &Path) -> Command {
    let cmd = Command::cargo_bin("wg").expect("the wg binary is built for tests");
    pinned(cmd, cwd)
}

/// `wg` run from `cwd` as the user `nobody` (through `setpriv`), for what root is not
/// stopped by: a file or directory chmod 000. `None` unless the tests run as root and
/// `setpriv` can switch users here and `nobody` can run the built binary.
pub fn wg_as_nobody_in(cwd: &Path) -> Option<Command> {
    const NOBODY: [&str; 3] = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    if !is_root() {
        return None;
    }
    let wg = assert_cmd::cargo::cargo_bin("wg");
    let works = std::process::Command::new("setpriv")
        .args(NOBODY)
        .arg(&wg)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !works {
        return None;
    }
    let mut cmd = Command::new("setpriv");
    cmd.args(NOBODY).arg(wg);
    Some(pinned(cmd, cwd))
}

/// Whether the tests run as root (they do in CI), where chmod 000 does not stop a read.
pub fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

fn pinned(mut cmd: Command, cwd: &Path) -> Command {
    cmd.current_dir(cwd)
        .env_remove("WG_DATA")
        .env_remove("WG_TODAY")
        .env_remove("WG_NOW")
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        // The locale decides the language before an org is read: English here.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    cmd
}

/// `wg` run from the repository root, so data paths print as `data/…` or
/// `tests/fixtures/…`.
pub fn wg() -> Command {
    wg_in(&root())
}

/// What a finished run printed, and how it exited.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The ids of a JSON task list (`{"tasks": [{"id": …}, …]}`), in order.
pub fn ids_of(json: &serde_json::Value) -> Vec<String> {
    json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("wg runs");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Copies a directory tree into a fresh temporary directory (for edits and for
/// fixtures made by changing a valid one).
pub fn copy_dir(from: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    copy_into(from, tmp.path());
    tmp
}

pub fn copy_into(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_into(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}
