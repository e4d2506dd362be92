//! The command line as a whole: `--help` pages, the man page, and how colour is decided
//! from `--color` and the environment.

use crate::common::{run, wg};

/// `--help` pinned to 100 columns (wg's widest help), whatever the terminal.
fn help(args: &[&str]) -> String {
    // In English: the data here (found by discovery) is Chinese, and the help follows it.
    let out = run(wg()
        .env("COLUMNS", "100")
        .args(["--lang", "en"])
        .args(args)
        .arg("--help"));
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
        .arg(format!(
            "'{}' --data /nonexistent/wg-data check",
            wg.display()
        ))
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
    assert!(
        text.contains("data directory /nonexistent/wg-data"),
        "{text}"
    );
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
    let always = run(wg().env("NO_COLOR", "1").args([
        "--color",
        "always",
        "--data",
        "/nonexistent",
        "check",
    ]));
    assert!(always.stderr.contains(ESC), "{:?}", always.stderr);
    let never = run(wg().env("CLICOLOR_FORCE", "1").args([
        "--color",
        "never",
        "--data",
        "/nonexistent",
        "check",
    ]));
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

// ---------------------------------------------------------------------------------
// The man page.

/// The commands `wg --help` lists, without `help`.
fn commands() -> Vec<String> {
    let help = help(&[]);
    let list = help
        .split("Commands:\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("wg --help lists its commands");
    let names: Vec<String> = list
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    assert!(names.len() >= 8, "{names:?}");
    names
}

/// The page's macros, after the two lines roff puts first to define the apostrophe.
fn after_preamble(page: &str) -> &str {
    page.strip_prefix(".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n")
        .unwrap_or(page)
}

#[test]
fn man_prints_the_main_page_naming_every_command() {
    let out = run(wg().arg("man"));
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let page = out.stdout;
    assert!(
        after_preamble(&page).starts_with(".TH WG 1 "),
        "{}",
        &page[..200]
    );
    for command in commands() {
        let reference = format!("wg\\-{}(1)", command.replace('-', "\\-"));
        assert!(page.contains(&reference), "no {reference} in\n{page}");
    }
    for section in [
        ".SH \"GLOBAL OPTIONS\"",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        "CLICOLOR_FORCE",
    ] {
        assert!(page.contains(section), "no {section} in\n{page}");
    }
    // The two lines that define the apostrophe, once.
    assert_eq!(page.matches(".ds Aq").count(), 2, "{page}");
}

#[test]
fn man_out_writes_a_page_for_every_command_the_main_page_names() {
    let dir = tempfile::tempdir().unwrap();
    let man1 = dir.path().join("share/man/man1");
    let out = run(wg().arg("man").arg("--out").arg(&man1));
    assert_eq!(
        (out.code, out.stderr.as_str(), out.stdout.as_str()),
        (0, "", "")
    );
    let main = std::fs::read_to_string(man1.join("wg.1")).unwrap();
    assert_eq!(main, run(wg().arg("man")).stdout);
    // Every wg-…(1) any page refers to is there, and is the page of that command.
    let mut referenced = vec!["wg-tasks-overdue".to_owned()];
    for entry in std::fs::read_dir(&man1).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (i, _) in text.match_indices("wg\\-") {
            let name: String = text[i..].split("(1)").next().unwrap().replace("\\-", "-");
            if !name.contains(char::is_whitespace) {
                referenced.push(name);
            }
        }
    }
    for name in referenced {
        let page = std::fs::read_to_string(man1.join(format!("{name}.1")))
            .unwrap_or_else(|e| panic!("{name}.1: {e}"));
        let title = format!(".TH {} 1 ", name.to_uppercase());
        assert!(
            after_preamble(&page).starts_with(&title),
            "{name}.1:\n{page}"
        );
        assert!(page.contains("\"wg 0.1.0\""), "{name}.1:\n{page}");
    }
}

/// Where man(1) is installed, the page reads as a manual.
#[test]
fn man_page_renders_with_man_where_man_is_installed() {
    let page = run(wg().arg("man")).stdout;
    let Ok(mut child) = std::process::Command::new("man")
        .args(["-l", "-"])
        .env("MANWIDTH", "80")
        .env_remove("MAN_KEEP_FORMATTING")
        .env("LANG", "C.UTF-8")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("man is not installed: the roff was checked by the other man tests only");
        return;
    };
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    for heading in [
        "NAME",
        "SYNOPSIS",
        "GLOBAL OPTIONS",
        "SUBCOMMANDS",
        "EXIT STATUS",
    ] {
        assert!(
            text.lines().any(|l| l == heading),
            "no {heading} in\n{text}"
        );
    }
    assert!(text.contains("wg-tasks(1)"), "{text}");
}
