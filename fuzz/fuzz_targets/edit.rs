//! Fuzzes the edit path: the input is a task file (tasks.toml) beside a valid data
//! directory, plus an edit to make through `wg::edit::apply`. Whatever the bytes:
//! no panic; a refused edit leaves the file byte for byte as it was; an accepted edit
//! leaves data that loads, every other task as it was, and every line before the edited
//! task untouched.
//!
//! Input layout: byte 0 picks the change, byte 1 the task, the rest is tasks.toml.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use wg::edit::{Change, apply};
use wg::model::{Status, Task};

const BASE: &[(&str, &str)] = &[
    ("org.toml", include_str!("../../tests/fixtures/base/org.toml")),
    ("groups.toml", include_str!("../../tests/fixtures/base/groups.toml")),
    ("tasks/office.toml", include_str!("../../tests/fixtures/base/tasks/office.toml")),
    ("calendar.toml", include_str!("../../tests/fixtures/base/calendar.toml")),
];

/// Notes that are hard to write into TOML: quotes, escapes, newlines, controls.
const NOTES: &[&str] = &[
    "已完成",
    "a \"quoted\" note with a \\ backslash",
    "line one\nline two\r\n''' \"\"\"",
    "\u{1b}[31mred\u{7}\u{0}\u{9b}",
    "   ",
    "# not a comment ]] [[tasks]]",
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

fn change(op: u8) -> Change {
    let date = |d: u32| chrono::NaiveDate::from_ymd_opt(2021, 10, d);
    let note = NOTES[usize::from(op >> 4) % NOTES.len()].to_owned();
    match op % 8 {
        0 => Change::Done { on: None, note: None },
        1 => Change::Done { on: date(u32::from(op >> 3) % 28 + 1), note: Some(note) },
        2 => Change::Note(note),
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
        (&t.id, &t.title, t.group, t.lead_unit, &t.units, t.owner, t.start, t.due),
        (
            t.status, t.done_on, t.repeat, t.done_through, &t.targets, &t.outcome, &t.updates,
            &t.origin.file,
        )
    )
}

fuzz_target!(|input: &[u8]| {
    let [op, pick, body @ ..] = input else {
        return;
    };
    let dir = scratch();
    std::fs::create_dir_all(dir.join("tasks")).expect("tasks dir");
    for (rel, text) in BASE {
        std::fs::write(dir.join(rel), text).expect("write base file");
    }
    let path = dir.join("tasks.toml");
    std::fs::write(&path, body).expect("write fuzzed file");

    // Inputs that do not load are the loader fuzzer's business; an edit on them is
    // refused before anything else happens.
    let Ok(before) = wg::load::load(dir) else {
        return;
    };
    let Some(task) = before.data.tasks.get(usize::from(*pick) % before.data.tasks.len().max(1))
    else {
        return;
    };
    let change = change(*op);
    let today = chrono::NaiveDate::from_ymd_opt(2021, 10, 15).expect("a date");
    let result = apply(dir, &task.id, &change, &|_| today);
    let after_bytes = std::fs::read(dir.join(&task.origin.file)).expect("the task file is still there");
    let before_bytes: &[u8] = if task.origin.file == Path::new("tasks.toml") {
        body
    } else {
        BASE.iter()
            .find(|(rel, _)| Path::new(rel) == task.origin.file)
            .map(|(_, t)| t.as_bytes())
            .expect("a base file")
    };
    match result {
        Err(_) => assert_eq!(after_bytes, before_bytes, "a refused edit changed the file"),
        Ok(_) => {
            let after = wg::load::load(dir).expect("an accepted edit leaves data that loads");
            assert_eq!(after.data.tasks.len(), before.data.tasks.len(), "tasks lost or added");
            for old in &before.data.tasks {
                let new = after.data.task_by_id(&old.id).expect("every task is still there");
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
