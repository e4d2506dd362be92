//! The command line as a whole: `--help` pages, the man page, and how colour is decided
//! from `--color` and the environment.

use crate::common::{run, wg};

/// `--help` pinned to 100 columns (wg's widest help), whatever the terminal.
fn help(args: &[&str]) -> String {
    let out = run(wg().env("COLUMNS", "100").args(args).arg("--help"));
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    out.stdout
}

#[test]
fn help_pages_keep_their_shape() {
    insta::assert_snapshot!("help-wg", help(&[]));
    insta::assert_snapshot!("help-tasks-list", help(&["tasks", "list"]));
    insta::assert_snapshot!("help-tasks-overdue", help(&["tasks", "overdue"]));
}
