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

// ---------------------------------------------------------------------------------
// Colour. Only diagnostics are coloured; a missing data directory is one.

const ESC: &str = "\x1b[";

/// stderr of a failing `wg check`, into a pipe, with `env` on top of a clean environment.
fn diagnostic_piped(env: &[(&str, &str)]) -> String {
    let mut cmd = wg();
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CI")
        .env("TERM", "xterm-256color")
        .envs(env.iter().copied())
        .args(["--data", "/nonexistent/wg-data", "check"]);
    let out = run(&mut cmd);
    assert_eq!(out.code, 2, "{}", out.stderr);
    out.stderr
}

/// What a failing `wg check` prints on a terminal (a pseudo-terminal made by
/// script(1) from util-linux), with `env` on top of a clean environment.
fn diagnostic_on_terminal(env: &[(&str, &str)]) -> String {
    let wg = assert_cmd::cargo::cargo_bin("wg");
    let out = std::process::Command::new("script")
        .args(["-q", "-e", "-c"])
        .arg(format!("'{}' --data /nonexistent/wg-data check", wg.display()))
        .arg("/dev/null")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CI")
        .env_remove("WG_DATA")
        .env("SHELL", "/bin/sh")
        .env("TERM", "xterm-256color")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("this test needs script(1) from util-linux, to run wg on a terminal");
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("data directory /nonexistent/wg-data"), "{text}");
    text
}

#[test]
fn a_diagnostic_into_a_pipe_has_no_colour() {
    assert!(!diagnostic_piped(&[]).contains(ESC));
}

#[test]
fn clicolor_force_colours_a_diagnostic_into_a_pipe() {
    let stderr = diagnostic_piped(&[("CLICOLOR_FORCE", "1")]);
    assert!(stderr.contains(ESC), "{stderr:?}");
    assert!(!diagnostic_piped(&[("CLICOLOR_FORCE", "")]).contains(ESC));
}

#[test]
fn no_color_wins_over_clicolor_force() {
    let stderr = diagnostic_piped(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!stderr.contains(ESC), "{stderr:?}");
}

#[test]
fn the_color_option_wins_over_the_environment() {
    let always = run(wg()
        .env("NO_COLOR", "1")
        .args(["--color", "always", "--data", "/nonexistent", "check"]));
    assert!(always.stderr.contains(ESC), "{:?}", always.stderr);
    let never = run(wg()
        .env("CLICOLOR_FORCE", "1")
        .args(["--color", "never", "--data", "/nonexistent", "check"]));
    assert!(!never.stderr.contains(ESC), "{:?}", never.stderr);
}

#[test]
fn a_terminal_gets_colour_unless_term_is_dumb_or_clicolor_is_0() {
    let colour = diagnostic_on_terminal(&[]);
    assert!(colour.contains(ESC), "{colour:?}");
    for env in [("TERM", "dumb"), ("CLICOLOR", "0"), ("NO_COLOR", "1")] {
        let text = diagnostic_on_terminal(&[env]);
        assert!(!text.contains(ESC), "{env:?}: {text:?}");
    }
}
