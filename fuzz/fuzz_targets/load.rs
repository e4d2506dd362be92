//! Fuzzes the loader: the input replaces one file of a valid data directory, then the
//! directory is loaded. Whatever the bytes, `load` must not panic, every diagnostic's
//! place must lie inside its file, rendering must not panic nor let a raw control
//! character through, and data that loads must run through the read commands.
//!
//! The first byte picks the file (org, groups, tasks, tasks/office, meetings,
//! calendar); the rest is its content, written as bytes so invalid UTF-8 is fuzzed too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The valid data directory every input starts from (tests/fixtures/base).
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
        "tasks.toml",
        include_str!("../../tests/fixtures/base/tasks.toml"),
    ),
    (
        "tasks/office.toml",
        include_str!("../../tests/fixtures/base/tasks/office.toml"),
    ),
    (
        "meetings.toml",
        include_str!("../../tests/fixtures/base/meetings.toml"),
    ),
    (
        "calendar.toml",
        include_str!("../../tests/fixtures/base/calendar.toml"),
    ),
];

/// The commands run on data that loads: every read command, in the formats that
/// exercise the most rendering code.
const COMMANDS: &[&[&str]] = &[
    &["roster", "show"],
    &["roster", "units", "--format", "markdown"],
    &["tasks", "list", "--format", "json"],
    &["tasks", "overdue", "--format", "csv"],
    &["meeting", "agenda"],
    &["meeting", "ics", "--deadlines"],
    &["report", "--format", "yaml"],
    &["tasks", "list", "--width", "60"],
];

/// How many diagnostics of one input are rendered.
const RENDERED: usize = 6;

/// A scratch directory (on tmpfs when there is one), made once per fuzzing process.
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let tmp = if shm.is_dir() {
            tempfile::tempdir_in(shm)
        } else {
            tempfile::tempdir()
        };
        let dir = tmp.expect("a scratch directory").keep();
        write_base(&dir);
        dir
    })
}

fn write_base(dir: &Path) {
    std::fs::create_dir_all(dir.join("tasks")).expect("tasks dir");
    for (rel, text) in BASE {
        std::fs::write(dir.join(rel), text).expect("write base file");
    }
}

/// Writes the base version of one file back when dropped.
struct Restore(PathBuf, &'static str);

impl Drop for Restore {
    fn drop(&mut self) {
        if let Some((_, text)) = BASE.iter().find(|(rel, _)| *rel == self.1) {
            let _ = std::fs::write(&self.0, text);
        }
    }
}

/// Every control character that must never reach a terminal (see render::text).
fn is_raw_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

fuzz_target!(|input: &[u8]| {
    let Some((&which, body)) = input.split_first() else {
        return;
    };
    let dir = scratch();
    let (rel, _) = BASE[usize::from(which) % BASE.len()];
    std::fs::write(dir.join(rel), body).expect("write fuzzed file");
    // Put the file back afterwards, so the next input starts from the valid directory.
    let _restore = Restore(dir.join(rel), rel);

    match wg::load::load(dir) {
        Ok(loaded) => {
            check_places(&loaded.sources, &loaded.warnings);
            if std::env::var_os("FUZZ_NO_COMMANDS").is_none() {
                run_commands(dir);
            }
        }
        Err(failure) => {
            check_places(&failure.sources, &failure.diagnostics);
            // Rendering is the slowest step; the first few diagnostics cover every kind
            // of place (the rest only repeat them), and keep the fuzzer fast.
            let first = wg::load::LoadFailure {
                sources: failure.sources.clone(),
                diagnostics: failure.diagnostics.iter().take(RENDERED).cloned().collect(),
                lang: failure.lang,
            };
            let lang = failure.lang.unwrap_or(wg::model::Lang::En);
            let text = wg::command::check::render_failure(&first, false, lang);
            // Every line: titles, quoted source lines, labels, notes and hints.
            for line in text.lines() {
                assert!(
                    !line.chars().any(is_raw_control),
                    "a raw control character in the diagnostics: {text:?}"
                );
            }
        }
    }
});

/// Every diagnostic with a place points inside its file: a line that exists and a
/// column at most one past that line's last character.
fn check_places(sources: &[wg::load::Source], diags: &[wg::load::Diagnostic]) {
    for d in diags {
        let Some((file, span)) = &d.at else { continue };
        let source = sources.get(*file).expect("diagnostic names a read file");
        assert!(
            span.start <= source.text.len() && span.end <= source.text.len() + 1,
            "span {span:?} outside {} ({} bytes): {}",
            source.shown,
            source.text.len(),
            d.message
        );
        let (line, col) = source.line_col(span.start);
        let lines: Vec<&str> = source.text.split('\n').collect();
        assert!(
            line >= 1 && line <= lines.len(),
            "line {line} of {}",
            lines.len()
        );
        let chars = lines[line - 1].chars().count();
        assert!(
            col >= 1 && col <= chars + 1,
            "col {col} of a {chars}-char line"
        );
    }
}

fn run_commands(dir: &Path) {
    use clap::Parser as _;
    let env = wg::context::Env {
        cwd: dir.to_path_buf(),
        now: chrono::DateTime::from_timestamp(1_768_435_200, 0).expect("2026-01-15"),
        stdout_is_terminal: false,
        stderr_is_terminal: false,
        auto_color_stdout: false,
        auto_color_stderr: false,
        terminal_width: None,
        locale: wg::model::Lang::En,
    };
    let data = dir.to_string_lossy().into_owned();
    for args in COMMANDS {
        let argv = ["wg", "--data", &data, "--today", "2021-10-15"]
            .into_iter()
            .chain(args.iter().copied());
        let cli = wg::cli::Cli::try_parse_from(argv).expect("the fuzz commands parse");
        let ctx = wg::context::Context::new(&cli.global, env.clone());
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let result = wg::run(&cli, &ctx, &mut out, &mut err);
        if let Err(e) = &result {
            let _ = wg::render_error(e, true, wg::model::Lang::Zh);
        }
        // Table and text output never carries a raw control character.
        let table = !args.contains(&"--format") && !args.contains(&"ics");
        if table {
            let text = String::from_utf8_lossy(&out);
            assert!(
                !text.chars().any(is_raw_control),
                "{args:?} printed a raw control character: {text:?}"
            );
        }
    }
}
