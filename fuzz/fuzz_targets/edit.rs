//! Fuzzes the edit path: the input describes a task file (tasks.toml) written every way
//! a person might write one — any text in titles and notes, basic, literal and
//! multi-line strings, comments everywhere, odd indentation and spacing, keys in any
//! order, CRLF, a byte-order mark, notes as `[[tasks.updates]]` or an inline list —
//! beside the valid base fixture, plus an edit to make through `wg::edit::apply`.
//! Most inputs load, so the fuzzer spends its time in the edit, not in the loader
//! (which the `load` target covers).
//!
//! Whatever the input: no panic; a refused edit leaves the file byte for byte as it
//! was; an accepted edit leaves data that loads, the same tasks, every other task as it
//! was, and every line before the edited task untouched.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use wg::edit::{Change, FieldEdits, NoteSpec, apply};
use wg::model::{Status, Task};

const BASE: &[(&str, &str)] = &[
    (
        "org.toml",
        include_str!("../../tests/fixtures/base/org.toml"),
    ),
    (
        "groups.toml",
        include_str!("../../tests/fixtures/base/groups.toml"),
    ),
    (
        "tasks/office.toml",
        include_str!("../../tests/fixtures/base/tasks/office.toml"),
    ),
    (
        "calendar.toml",
        include_str!("../../tests/fixtures/base/calendar.toml"),
    ),
];

#[derive(Debug, Arbitrary)]
struct Input {
    op: u8,
    pick: u8,
    note: String,
    crlf: bool,
    bom: bool,
    top_comment: Option<String>,
    tasks: Vec<TaskSpec>,
}

#[derive(Debug, Arbitrary)]
struct TaskSpec {
    title: Text,
    office: bool,
    status: Option<u8>,
    due: Option<(u8, u8)>,
    repeat: Option<u8>,
    done_through: bool,
    owner: bool,
    outcome: Option<Text>,
    updates: Vec<(u8, Text)>,
    inline_updates: bool,
    rotate_keys: u8,
    indent: u8,
    wide_equals: bool,
    header_comment: Option<String>,
    value_comment: Option<String>,
    blank_lines: u8,
}

/// A string value and how it is quoted.
#[derive(Debug, Arbitrary)]
struct Text {
    text: String,
    style: u8,
}

const STATUSES: &[&str] = &[
    "todo",
    "in-progress",
    "blocked",
    "done",
    "cancelled",
    "未开始",
    "进行中",
    "受阻",
    "已完成",
    "已取消",
];

fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let tmp = if shm.is_dir() {
            tempfile::tempdir_in(shm)
        } else {
            tempfile::tempdir()
        };
        tmp.expect("a scratch directory").keep()
    })
}

/// A TOML string holding exactly `t.text`, quoted as `t.style` asks when it can be.
fn quoted(t: &Text) -> String {
    let s = &t.text;
    let literal_ok = !s
        .chars()
        .any(|c| c == '\'' || (c.is_control() && c != '\t'));
    let multi_ok = !s.contains("'''")
        && !s.ends_with('\'')
        && !s
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n'))
        && !s.starts_with('\n');
    match t.style % 3 {
        1 if literal_ok => format!("'{s}'"),
        2 if multi_ok => format!("'''{s}'''"),
        _ => {
            let mut out = String::from("\"");
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    c if c.is_control() && c != '\t' => {
                        let _ = write!(out, "\\u{:04X}", c as u32);
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
    }
}

/// A comment: no line breaks or controls (TOML does not allow them there).
fn comment(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .collect();
    format!("# {clean}")
}

fn date(month: u8, day: u8) -> String {
    format!("2021-{:02}-{:02}", month % 12 + 1, day % 28 + 1)
}

fn render(input: &Input) -> String {
    let mut out = String::new();
    if let Some(c) = &input.top_comment {
        out.push_str(&comment(c));
        out.push('\n');
    }
    for (i, t) in input.tasks.iter().take(8).enumerate() {
        out.push_str(&"\n".repeat(usize::from(t.blank_lines % 3)));
        let indent = " ".repeat(usize::from(t.indent % 4));
        let eq = if t.wide_equals { "  =   " } else { " = " };
        out.push_str("[[tasks]]");
        if let Some(c) = &t.header_comment {
            out.push_str("  ");
            out.push_str(&comment(c));
        }
        out.push('\n');
        let mut keys: Vec<(String, String)> = vec![
            ("id".into(), format!("\"F-{i:02}\"")),
            // An empty title does not load; the loader target covers that.
            (
                "title".into(),
                if t.title.text.trim().is_empty() {
                    "\"任务\"".into()
                } else {
                    quoted(&t.title)
                },
            ),
            (
                "group".into(),
                (if t.office {
                    "\"office\""
                } else {
                    "\"leading\""
                })
                .into(),
            ),
        ];
        if t.owner {
            keys.push(("owner".into(), "\"张 柯\"".into()));
        }
        let due = t.due.map(|(m, d)| date(m, d));
        if let Some(d) = &due {
            keys.push(("due".into(), d.clone()));
        }
        let repeat = t.repeat.and_then(|r| {
            ["monthly", "quarterly", "yearly"]
                .get(usize::from(r % 4))
                .copied()
        });
        let repeat = repeat.filter(|_| due.is_some());
        if let Some(s) = t.status.map(|s| STATUSES[usize::from(s) % STATUSES.len()]) {
            keys.push(("status".into(), format!("\"{s}\"")));
            if matches!(s, "done" | "已完成") {
                keys.push((
                    "done_on".into(),
                    due.clone().unwrap_or_else(|| "2021-01-01".into()),
                ));
            }
        }
        if let Some(r) = repeat {
            keys.push(("repeat".into(), format!("\"{r}\"")));
            if t.done_through {
                keys.push(("done_through".into(), due.clone().unwrap_or_default()));
            }
        }
        if let Some(o) = &t.outcome {
            keys.push(("outcome".into(), quoted(o)));
        }
        let n = keys.len();
        keys.rotate_left(usize::from(t.rotate_keys) % n);
        let updates: Vec<(String, String)> = t
            .updates
            .iter()
            .take(4)
            .map(|(d, text)| (date(*d / 28, *d), quoted(text)))
            .collect();
        if t.inline_updates && !updates.is_empty() {
            let items: Vec<String> = updates
                .iter()
                .map(|(d, n)| format!("{{ date = {d}, note = {n} }}"))
                .collect();
            keys.push((
                "updates".into(),
                format!(
                    "[\n{indent}  {},\n{indent}]",
                    items.join(&format!(",\n{indent}  "))
                ),
            ));
        }
        for (j, (k, v)) in keys.iter().enumerate() {
            let _ = write!(out, "{indent}{k}{eq}{v}");
            if j == 0
                && let Some(c) = &t.value_comment
            {
                out.push(' ');
                out.push_str(&comment(c));
            }
            out.push('\n');
        }
        if !t.inline_updates {
            for (d, n) in &updates {
                let _ = write!(
                    out,
                    "\n{indent}[[tasks.updates]]\n{indent}date{eq}{d}\n{indent}note{eq}{n}\n"
                );
            }
        }
    }
    if input.crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

fn change(op: u8, note: &str) -> Change {
    let date = |d: u32| chrono::NaiveDate::from_ymd_opt(2021, 10, d);
    let note = if note.trim().is_empty() {
        "进展".to_owned()
    } else {
        note.to_owned()
    };
    match op % 8 {
        0 => Change::Done {
            on: None,
            note: None,
        },
        1 => Change::Done {
            on: date(u32::from(op >> 3) % 28 + 1),
            note: Some(note),
        },
        2 => Change::Note(NoteSpec {
            problems: (op & 0x10 != 0).then(|| note.clone()),
            next_steps: (op & 0x20 != 0).then(|| note.clone()),
            on: date(u32::from(op >> 6) + 1),
            ..NoteSpec::text(note)
        }),
        3 => Change::Extend {
            to: chrono::NaiveDate::from_ymd_opt(2021, 11, u32::from(op >> 3) % 28 + 1)
                .unwrap_or_default(),
            reason: note,
        },
        4 => Change::Edit(FieldEdits {
            title: (op & 0x08 != 0).then(|| note.clone()),
            outcome: (op & 0x10 != 0).then(|| note.clone()),
            targets: (op & 0x20 != 0).then(|| vec![note.clone()]),
            due: date(u32::from(op >> 6) + 20),
            ..FieldEdits::default()
        }),
        _ => {
            let (en, zh, status) = Status::ALL[usize::from(op) % Status::ALL.len()];
            let word = if op & 0x80 != 0 { zh } else { en };
            Change::Status { status, word }
        }
    }
}

/// A task as data, without where it was written (an edit may move later tasks down).
fn content(t: &Task) -> String {
    format!(
        "{:?} {:?}",
        (
            &t.id,
            &t.title,
            t.group,
            t.lead_unit,
            &t.units,
            t.owner,
            t.start,
            t.due
        ),
        (
            t.status,
            t.done_on,
            t.repeat,
            t.done_through,
            &t.targets,
            &t.outcome,
            t.original_due,
            &t.updates,
            &t.origin.file,
        )
    )
}

fuzz_target!(|input: Input| {
    let dir = scratch();
    std::fs::create_dir_all(dir.join("tasks")).expect("tasks dir");
    for (rel, text) in BASE {
        std::fs::write(dir.join(rel), text).expect("write base file");
    }
    let text = render(&input);
    let mut body = Vec::new();
    if input.bom {
        body.extend_from_slice(b"\xEF\xBB\xBF");
    }
    body.extend_from_slice(text.as_bytes());
    std::fs::write(dir.join("tasks.toml"), &body).expect("write the task file");

    let before = match wg::load::load(dir) {
        Ok(before) => before,
        Err(failure) => {
            if std::env::var_os("FUZZ_STATS").is_some() {
                eprintln!(
                    "EDIT load-failed {:?}",
                    failure.diagnostics.first().map(|d| &d.message)
                );
            }
            return;
        }
    };
    let Some(task) = before
        .data
        .tasks
        .get(usize::from(input.pick) % before.data.tasks.len().max(1))
    else {
        return;
    };
    let change = change(input.op, &input.note);
    let today = chrono::NaiveDate::from_ymd_opt(2021, 10, 15).expect("a date");
    let result = apply(dir, &task.id, &change, &|_| Ok(today));
    let after_bytes =
        std::fs::read(dir.join(&task.origin.file)).expect("the task file is still there");
    let before_bytes: &[u8] = if *task.origin.file == *Path::new("tasks.toml") {
        &body
    } else {
        BASE.iter()
            .find(|(rel, _)| *Path::new(rel) == *task.origin.file)
            .map(|(_, t)| t.as_bytes())
            .expect("a base file")
    };
    if std::env::var_os("FUZZ_STATS").is_some() {
        match &result {
            Ok(_) => eprintln!("EDIT ok"),
            Err(e) => eprintln!(
                "EDIT refused {}",
                wg::render_error(e, false, wg::model::Lang::En).lines().next().unwrap_or("")
            ),
        }
    }
    match result {
        Err(_) => assert_eq!(after_bytes, before_bytes, "a refused edit changed the file"),
        Ok(_) => {
            let after = wg::load::load(dir).expect("an accepted edit leaves data that loads");
            assert_eq!(
                after.data.tasks.len(),
                before.data.tasks.len(),
                "tasks lost or added"
            );
            for old in &before.data.tasks {
                let new = after
                    .data
                    .task_by_id(&old.id)
                    .expect("every task is still there");
                if old.id != task.id {
                    assert_eq!(content(old), content(new), "another task changed");
                }
            }
            // Every line before the edited task's header is byte for byte as it was.
            let skip = usize::from(before_bytes.starts_with(b"\xEF\xBB\xBF")) * 3;
            let prefix_end = before_bytes[skip..]
                .split_inclusive(|&b| b == b'\n')
                .take(task.origin.line.saturating_sub(1))
                .map(<[u8]>::len)
                .sum::<usize>()
                + skip;
            assert_eq!(
                after_bytes.get(..prefix_end),
                before_bytes.get(..prefix_end),
                "lines before the edited task changed"
            );
        }
    }
});
