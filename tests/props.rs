//! Property tests: valid data directories, mutated the way hands and tools break files
//! (a line dropped or doubled, a value retyped, bytes corrupted, the file cut short,
//! odd Unicode and control characters inserted), must never make `wg` panic, and every
//! `file:line:col` it reports must lie inside the file.
//!
//! The loader is called in-process (fast, and a panic is caught with its input); one
//! property also runs the binary, to cover exit codes and the rendered stderr. Case
//! counts are kept small so the suite stays quick; `PROPTEST_CASES=10000` runs more.

use crate::common::{copy_dir, fixture, root, run, wg_in};
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::path::{Path, PathBuf};

/// Valid data directories to start from.
fn sources() -> Vec<PathBuf> {
    vec![
        fixture("base"),
        fixture("tasks"),
        // With an extended task (`original_due`) and a three-part progress note.
        fixture("meetings"),
        root().join("examples").join("minimal"),
        root().join("examples").join("english"),
    ]
}

/// The TOML files of a data directory, relative to it, in a fixed order.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&rel)).expect("read dir") {
            let entry = entry.expect("entry");
            let rel = rel.join(entry.file_name());
            if entry.file_type().expect("file type").is_dir() {
                stack.push(rel);
            } else if rel.extension().is_some_and(|e| e == "toml") {
                files.push(rel);
            }
        }
    }
    files.sort();
    files
}

/// A value of some TOML type, to put where another type was.
fn any_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("42".to_owned()),
        Just("-1.5e3".to_owned()),
        Just("true".to_owned()),
        Just("\"2021-09-30\"".to_owned()),
        Just("2021-09-30".to_owned()),
        Just("2021-02-29".to_owned()),
        Just("2021/9/30".to_owned()),
        Just("2021-9-3".to_owned()),
        Just("2021年9月30日".to_owned()),
        Just("\"每季度\"".to_owned()),
        Just("2021-09-30T08:00:00+08:00".to_owned()),
        Just("08:00:00".to_owned()),
        Just("[]".to_owned()),
        Just("[1, \"a\", 2021-01-01]".to_owned()),
        Just("{ a = 1 }".to_owned()),
        Just("\"\"".to_owned()),
        Just("\"张 柯\"".to_owned()),
        Just("'''\nmulti\nline'''".to_owned()),
        "\"[^\"\\\\\\n]{0,12}\"".prop_map(|s| s),
    ]
}

/// Characters that break things: controls, escapes, bidi overrides, CJK, full-width
/// punctuation, quotes and TOML syntax.
fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        Just('\u{0}'),
        Just('\u{1b}'),
        Just('\u{7}'),
        Just('\r'),
        Just('\n'),
        Just('\t'),
        Just('\u{7f}'),
        Just('\u{85}'),
        Just('\u{9b}'),
        Just('\u{feff}'),
        Just('\u{202e}'),
        Just('\u{fffd}'),
        Just('"'),
        Just('\''),
        Just('\\'),
        Just('['),
        Just(']'),
        Just('='),
        Just('#'),
        Just('＝'),
        Just('“'),
        Just('，'),
        Just('\u{3000}'),
        Just('字'),
        Just('😀'),
        any::<char>(),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    DropLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    /// Replace the value of a `key = value` line.
    Retype(usize, String),
    /// Replace a key of a `key = value` line by a near-miss or another key.
    Rekey(usize, String),
    CorruptBytes(Vec<(usize, u8)>),
    Truncate(usize),
    Insert(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        at.prop_map(Mutation::DropLine),
        at.prop_map(Mutation::DuplicateLine),
        (at, any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (at, any_value()).prop_map(|(a, v)| Mutation::Retype(a, v)),
        (
            at,
            prop_oneof![
                Just("dead_line".to_owned()),
                Just("id".to_owned()),
                Just("status".to_owned()),
                Just("parent".to_owned()),
                Just("tasks".to_owned()),
                Just("a.b".to_owned()),
                Just("\"quoted key\"".to_owned()),
                "[a-z_]{1,10}",
            ]
        )
            .prop_map(|(a, k)| Mutation::Rekey(a, k)),
        prop::collection::vec((any::<usize>(), any::<u8>()), 1..6).prop_map(Mutation::CorruptBytes),
        at.prop_map(Mutation::Truncate),
        (at, prop::collection::vec(nasty_char(), 1..8))
            .prop_map(|(a, cs)| Mutation::Insert(a, cs.into_iter().collect())),
    ]
}

/// Applies a mutation to a file's bytes. Positions are taken modulo the size, so every
/// generated mutation applies to every file.
fn mutate(bytes: &[u8], m: &Mutation) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    let n = lines.len().max(1);
    let join = |lines: Vec<Vec<u8>>| lines.concat();
    // The value part of a `key = value` line, if the line is one.
    let split_kv = |line: &[u8]| -> Option<usize> { line.iter().position(|&b| b == b'=') };
    match m {
        Mutation::DropLine(i) if !lines.is_empty() => {
            lines.remove(i % n);
            join(lines)
        }
        Mutation::DuplicateLine(i) if !lines.is_empty() => {
            let line = lines[i % n].clone();
            lines.insert(i % n, line);
            join(lines)
        }
        Mutation::SwapLines(a, b) if !lines.is_empty() => {
            lines.swap(a % n, b % n);
            join(lines)
        }
        Mutation::Retype(i, value) | Mutation::Rekey(i, value) if !lines.is_empty() => {
            // The i-th line that has a `=`, counting around.
            let kv: Vec<usize> = (0..lines.len())
                .filter(|&l| split_kv(&lines[l]).is_some())
                .collect();
            let Some(&l) = kv.get(i % kv.len().max(1)) else {
                return bytes.to_vec();
            };
            let line = &lines[l];
            let eq = split_kv(line).unwrap_or(0);
            let ending: &[u8] = if line.ends_with(b"\r\n") {
                b"\r\n"
            } else if line.ends_with(b"\n") {
                b"\n"
            } else {
                b""
            };
            let new = match m {
                Mutation::Retype(..) => [&line[..=eq], b" ", value.as_bytes(), ending].concat(),
                _ => [value.as_bytes(), b" ", &line[eq..]].concat(),
            };
            lines[l] = new;
            join(lines)
        }
        Mutation::CorruptBytes(edits) => {
            let mut out = bytes.to_vec();
            if !out.is_empty() {
                let len = out.len();
                for &(at, b) in edits {
                    out[at % len] = b;
                }
            }
            out
        }
        Mutation::Truncate(at) => bytes[..at % (bytes.len() + 1)].to_vec(),
        Mutation::Insert(at, s) => {
            let at = at % (bytes.len() + 1);
            [&bytes[..at], s.as_bytes(), &bytes[at..]].concat()
        }
        _ => bytes.to_vec(),
    }
}

/// Every diagnostic's place lies inside its file (line exists, column at most one past
/// the line's last character), and rendering does not panic.
fn places_inside(
    sources: &[wg::load::Source],
    diags: &[wg::load::Diagnostic],
) -> Result<(), String> {
    for d in diags {
        let Some((file, span)) = &d.at else { continue };
        let source = sources
            .get(*file)
            .ok_or_else(|| format!("{}: file {file} was not read", d.message))?;
        if span.start > source.text.len() {
            return Err(format!(
                "{}: span {span:?} past the end of {} ({} bytes)",
                d.message,
                source.shown,
                source.text.len()
            ));
        }
        let (line, col) = source.line_col(span.start);
        let lines: Vec<&str> = source.text.split('\n').collect();
        let Some(text) = line.checked_sub(1).and_then(|i| lines.get(i)) else {
            return Err(format!(
                "{}: line {line} of {} lines",
                d.message,
                lines.len()
            ));
        };
        let chars = text.chars().count();
        if col == 0 || col > chars + 1 {
            return Err(format!(
                "{}: {}:{line}:{col}, the line has {chars} characters",
                d.message, source.shown
            ));
        }
    }
    Ok(())
}

/// Loads `dir` in-process; a panic, a place outside a file or a rendering panic is an
/// error carrying the message.
fn load_checked(dir: &Path) -> Result<(), String> {
    let dir = dir.to_path_buf();
    let outcome = std::panic::catch_unwind(move || match wg::load::load(&dir) {
        Ok(loaded) => places_inside(&loaded.sources, &loaded.warnings),
        Err(failure) => {
            for lang in [wg::model::Lang::Zh, wg::model::Lang::En] {
                let _ = wg::command::check::render_failure(&failure, true, lang);
            }
            places_inside(&failure.sources, &failure.diagnostics)
        }
    });
    match outcome {
        Ok(result) => result,
        Err(panic) => Err(format!(
            "load panicked: {}",
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default()
        )),
    }
}

/// A copy of source `src` with file `file` (both taken modulo their counts) mutated.
fn mutated_copy(src: usize, file: usize, mutations: &[Mutation]) -> (tempfile::TempDir, PathBuf) {
    let sources = sources();
    let from = &sources[src % sources.len()];
    let tmp = copy_dir(from);
    let files = toml_files(tmp.path());
    let rel = files[file % files.len()].clone();
    let path = tmp.path().join(&rel);
    let mut bytes = std::fs::read(&path).expect("read");
    for m in mutations {
        bytes = mutate(&bytes, m);
    }
    std::fs::write(&path, &bytes).expect("write");
    (tmp, rel)
}

fn config(cases: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(cases),
        // Shrinking re-runs the loader many times; a failure is clear enough without it.
        max_shrink_iters: 200,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// One mutation, any file of any valid directory: the loader neither panics nor
    /// points outside the file.
    #[test]
    fn one_mutation_never_panics_and_places_stay_inside(
        src in any::<usize>(),
        file in any::<usize>(),
        m in mutation(),
    ) {
        let (tmp, rel) = mutated_copy(src, file, std::slice::from_ref(&m));
        prop_assert!(load_checked(tmp.path()).is_ok(), "{:?} in {}: {:?}", m, rel.display(), load_checked(tmp.path()));
    }

    /// Several mutations at once (a file that went through a bad merge, then a bad save).
    #[test]
    fn many_mutations_never_panic_and_places_stay_inside(
        src in any::<usize>(),
        file in any::<usize>(),
        ms in prop::collection::vec(mutation(), 2..8),
    ) {
        let (tmp, rel) = mutated_copy(src, file, &ms);
        prop_assert!(load_checked(tmp.path()).is_ok(), "{:?} in {}: {:?}", ms, rel.display(), load_checked(tmp.path()));
    }

    /// Arbitrary bytes as a task file beside valid org and groups.
    #[test]
    fn random_bytes_as_a_task_file_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let tmp = copy_dir(&fixture("base"));
        std::fs::write(tmp.path().join("tasks.toml"), &bytes).expect("write");
        prop_assert!(load_checked(tmp.path()).is_ok(), "{:?}", load_checked(tmp.path()));
    }
}

proptest! {
    // Each case starts the binary: fewer of them.
    #![proptest_config(config(24))]

    /// The binary on a mutated directory: exit 0, 1 or 2 (never 101 or a signal), no
    /// panic message, and every `--> file:line:col` inside the file.
    #[test]
    fn the_binary_exits_0_1_or_2_on_mutated_data(
        src in any::<usize>(),
        file in any::<usize>(),
        ms in prop::collection::vec(mutation(), 1..4),
        command in prop_oneof![
            Just(vec!["check", "--strict"]),
            Just(vec!["tasks", "overdue", "--exit-code"]),
            Just(vec!["roster", "show"]),
            Just(vec!["meeting", "agenda", "--format", "markdown"]),
            Just(vec!["report", "--format", "csv"]),
            Just(vec!["report", "--by", "unit"]),
            Just(vec!["report", "--by", "owner", "--format", "json"]),
        ],
    ) {
        let (tmp, rel) = mutated_copy(src, file, &ms);
        let out = run(wg_in(tmp.path()).args(["--data", ".", "--today", "2026-01-15"]).args(&command));
        prop_assert!(matches!(out.code, 0..=2), "exit {} for {:?} in {}: {}", out.code, ms, rel.display(), out.stderr);
        prop_assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        let inside = crate::catalogue::places_are_inside(tmp.path(), &out.stderr);
        prop_assert!(inside.is_ok(), "{:?} in {}: {:?}\n{}", ms, rel.display(), inside, out.stderr);
    }
}
