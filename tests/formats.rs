//! Every command accepts exactly the formats its error message offers: for each command
//! and each `--format`, run it; the formats that succeed must be the very list that
//! every refusal names ("choose --format …"), and a command that has no formats must
//! refuse them all ("drop --format"). The commands come from the clap definition, so a
//! new command fails here until it is given a case.

use crate::common::{copy_dir, root, run, wg};
use clap::CommandFactory;
use std::collections::BTreeSet;

const ALL: &[&str] = &[
    "table", "json", "yaml", "csv", "markdown", "text", "sqlite", "sql", "xlsx", "docx",
];

/// One run of each command on the default data, with the arguments it needs to succeed.
const CASES: &[(&str, &[&str])] = &[
    ("check", &["check"]),
    ("roster show", &["roster", "show"]),
    ("roster person", &["roster", "person", "张柯"]),
    ("roster units", &["roster", "units"]),
    ("roster unit", &["roster", "unit", "bushu"]),
    ("tasks list", &["tasks", "list"]),
    ("tasks overdue", &["tasks", "overdue"]),
    ("tasks due", &["tasks", "due"]),
    ("tasks show", &["tasks", "show", "JH-01"]),
    ("tasks notice", &["tasks", "notice", "--unit", "基层工作部"]),
    ("tasks done", &["tasks", "done", "JH-01"]),
    ("tasks status", &["tasks", "status", "JH-01", "blocked"]),
    ("tasks note", &["tasks", "note", "JH-01", "已开会"]),
    (
        "tasks add",
        &["tasks", "add", "--group", "membership", "--title", "新任务"],
    ),
    ("tasks edit", &["tasks", "edit", "JH-01", "--owner", "张柯"]),
    (
        "tasks extend",
        &[
            "tasks",
            "extend",
            "JH-01",
            "--to",
            "2022-02-28",
            "--reason",
            "推迟",
        ],
    ),
    (
        "tasks import",
        &["tasks", "import", "LEDGER", "--group", "membership"],
    ),
    (
        "tasks form",
        &["tasks", "form", "--unit", "基层工作部", "--out", "OUT"],
    ),
    ("tasks intake", &["tasks", "intake", "FORM"]),
    (
        "tasks remind",
        &["tasks", "remind", "--by", "unit", "--out", "NEW"],
    ),
    ("meeting agenda", &["meeting", "agenda"]),
    ("meeting minutes", &["meeting", "minutes"]),
    ("meeting list", &["meeting", "list"]),
    ("meeting ics", &["meeting", "ics"]),
    ("report", &["report"]),
    ("export", &["export", "--out", "OUT"]),
    ("init", &["init", "NEW"]),
    ("completions", &["completions", "bash"]),
    ("man", &["man"]),
];

/// Every leaf command, as typed: `roster person`.
fn leaves(cmd: &clap::Command, path: &str, out: &mut BTreeSet<String>) {
    let subs: Vec<&clap::Command> = cmd
        .get_subcommands()
        .filter(|c| c.get_name() != "help")
        .collect();
    if subs.is_empty() {
        out.insert(path.trim().to_owned());
    }
    for sub in subs {
        leaves(sub, &format!("{path} {}", sub.get_name()), out);
    }
}

/// Runs one case, with `--format` if given, on a fresh copy of the data (the edits and
/// `init` write). Returns the exit code and stderr.
fn attempt(args: &[&str], format: Option<&str>) -> (i32, String, String) {
    let data = copy_dir(&root().join("data"));
    let args: Vec<String> = args
        .iter()
        .map(|a| match *a {
            "NEW" => data.path().join("new").display().to_string(),
            "OUT" => data.path().join("wg.out").display().to_string(),
            "LEDGER" => root().join("examples/ledger.csv").display().to_string(),
            // A feedback form of the data, made first (for `tasks intake`).
            "FORM" => {
                let form = data.path().join("form.xlsx");
                let made = run(wg()
                    .arg("--data")
                    .arg(data.path())
                    .args([
                        "--today",
                        "2022-01-10",
                        "tasks",
                        "form",
                        "--unit",
                        "基层工作部",
                        "--out",
                    ])
                    .arg(&form));
                assert_eq!(made.code, 0, "{}", made.stderr);
                form.display().to_string()
            }
            a => a.to_owned(),
        })
        .collect();
    let mut cmd = wg();
    cmd.arg("--data").arg(data.path());
    cmd.args(["--today", "2022-01-10"]).args(&args);
    if let Some(f) = format {
        cmd.args(["--format", f]);
        // The file formats need a file (without one they are refused for that reason,
        // not for the command: `file_formats_need_out` tests that).
        if matches!(f, "xlsx" | "docx") && !args.iter().any(|a| a == "--out") {
            cmd.arg("--out").arg(data.path().join("wg.file"));
        }
    }
    let out = run(&mut cmd);
    (out.code, out.stdout, out.stderr)
}

/// The formats a refusal names: `choose --format a, b` gives {a, b}; `drop --format`
/// gives none.
fn offered(command: &str, format: &str, stderr: &str) -> BTreeSet<String> {
    let head = format!("error: `{command}` ");
    assert!(
        stderr.starts_with(&head),
        "{command} --format {format}: {stderr}"
    );
    let cannot = format!("cannot print {format}; ");
    let (_, rest) = stderr
        .split_once(&cannot)
        .unwrap_or_else(|| panic!("{command} --format {format}: {stderr}"));
    let rest = rest.trim_end();
    if rest == "drop --format" {
        return BTreeSet::new();
    }
    let list = rest
        .strip_prefix("choose --format ")
        .unwrap_or_else(|| panic!("{command} --format {format}: {stderr}"));
    list.split(", ").map(str::to_owned).collect()
}

#[test]
fn every_command_is_covered() {
    let mut all = BTreeSet::new();
    leaves(&wg::cli::Cli::command(), "", &mut all);
    let covered: BTreeSet<String> = CASES.iter().map(|(c, _)| (*c).to_owned()).collect();
    assert_eq!(all, covered, "give each command a case in CASES");
}

#[test]
fn every_command_accepts_exactly_the_formats_its_message_offers() {
    for (command, args) in CASES {
        let (code, _, stderr) = attempt(args, None);
        assert_eq!(code, 0, "{command} without --format: {stderr}");
        let mut accepted = BTreeSet::new();
        let mut refusals = Vec::new();
        for format in ALL {
            let (code, stdout, stderr) = attempt(args, Some(format));
            match code {
                0 => {
                    accepted.insert((*format).to_owned());
                }
                2 => {
                    assert_eq!(stdout, "", "{command} --format {format} printed");
                    refusals.push((*format, offered(command, format, &stderr)));
                }
                _ => panic!("{command} --format {format}: exit {code}: {stderr}"),
            }
        }
        for (format, listed) in refusals {
            assert_eq!(
                listed, accepted,
                "{command}: the refusal of {format} offers {listed:?}, but it accepts {accepted:?}"
            );
        }
    }
}

/// An edit asked for a format it cannot print is refused before it writes: a script
/// that asked for JSON is not handed a line of text, and the data stays as it was.
#[test]
fn an_edit_refusing_a_format_writes_nothing() {
    let data = copy_dir(&root().join("data"));
    let file = data.path().join("tasks").join("membership.toml");
    let before = std::fs::read(&file).unwrap();
    let out = run(wg()
        .arg("--data")
        .arg(data.path())
        .args(["tasks", "done", "JH-01", "--format", "json"]));
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: `tasks done` prints one line saying what changed and cannot print json; drop --format\n"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
}
