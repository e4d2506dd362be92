//! Tests of `wg init` (the commented starter directory) and `wg completions`.

use crate::common::{run, wg};
use std::path::Path;

const FILES: [&str; 5] = [
    "org.toml",
    "groups.toml",
    "tasks.toml",
    "meetings.toml",
    "calendar.toml",
];

fn init(dir: &Path, lang: &str) -> crate::common::Output {
    run(wg()
        .args(["--today", "2026-08-20", "--lang", lang, "init"])
        .arg(dir))
}

#[test]
fn init_writes_a_starter_that_passes_check_in_both_languages() {
    for lang in ["zh", "en"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("wg-data");
        let out = init(&dir, lang);
        assert_eq!(out.code, 0, "{lang}: {}", out.stderr);
        for f in FILES {
            assert!(dir.join(f).is_file(), "{lang}: {f} missing");
            assert!(out.stdout.contains(f), "{lang}: {}", out.stdout);
        }
        let check = run(wg()
            .args(["--today", "2026-08-20", "check", "--strict", "--data"])
            .arg(&dir));
        assert_eq!(check.code, 0, "{lang}: {}{}", check.stdout, check.stderr);
        // The starter's org says its `lang`, and check's summary follows it.
        let clean = match lang {
            "zh" => "0 个错误，0 个警告",
            _ => "0 errors, 0 warnings",
        };
        assert!(check.stdout.contains(clean), "{lang}: {}", check.stdout);
        // The starter is enough for the quarterly agenda and the evaluation.
        for args in [
            &["meeting", "agenda"][..],
            &["report"],
            &["meeting", "list"],
            &["tasks", "overdue"],
        ] {
            let out = run(wg()
                .args(["--today", "2026-08-20", "--data"])
                .arg(&dir)
                .args(args));
            assert_eq!(out.code, 0, "{lang} {args:?}: {}", out.stderr);
        }
    }
}

#[test]
fn init_comments_explain_every_key() {
    let keys: [(&str, &[&str]); 5] = [
        (
            "org.toml",
            &[
                "name",
                "short_name",
                "timezone",
                "lang",
                "id",
                "kind",
                "aliases",
                "title",
                "unit",
                "email",
            ],
        ),
        (
            "groups.toml",
            &[
                "id",
                "name",
                "short_name",
                "kind",
                "parent",
                "host_unit",
                "meets",
                "leader",
                "deputies",
                "executive_deputy",
                "members",
                "lead_unit",
                "member_units",
                "duties",
                "role_titles",
            ],
        ),
        (
            "tasks.toml",
            &[
                "id",
                "title",
                "group",
                "lead_unit",
                "units",
                "owner",
                "start",
                "due",
                "status",
                "done_on",
                "repeat",
                "done_through",
                "targets",
                "outcome",
                "original_due",
                "date",
                "note",
                "problems",
                "next_steps",
                "by",
            ],
        ),
        (
            "meetings.toml",
            &[
                "group",
                "date",
                "title",
                "location",
                "items",
                "from",
                "studied_on",
            ],
        ),
        ("calendar.toml", &["name", "from", "to", "date"]),
    ];
    for lang in ["zh", "en"] {
        let tmp = tempfile::tempdir().unwrap();
        assert_eq!(init(tmp.path(), lang).code, 0);
        for (file, keys) in keys {
            let text = std::fs::read_to_string(tmp.path().join(file)).unwrap();
            for key in keys {
                // Each key is written (or shown commented out) with a comment on its line,
                // or a comment line explains it.
                let explained = text.lines().any(|l| {
                    let bare = l.trim_start_matches(['#', ' ']);
                    (bare.starts_with(&format!("{key} =")) && bare.contains('#'))
                        || (l.starts_with('#')
                            && (bare.starts_with(&format!("{key}："))
                                || bare.starts_with(&format!("{key}:"))))
                });
                assert!(explained, "{lang} {file}: `{key}` has no commented line");
            }
        }
    }
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("tasks.toml"), "# mine\n").unwrap();
    let out = init(tmp.path(), "zh");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("tasks.toml 已经存在"), "{}", out.stderr);
    let out = init(tmp.path(), "en");
    assert!(
        out.stderr.contains("tasks.toml already exists"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("tasks.toml")).unwrap(),
        "# mine\n"
    );
    for f in FILES.iter().filter(|f| **f != "tasks.toml") {
        assert!(!tmp.path().join(f).exists(), "{f} was written");
    }
}

/// The lock file that edits take is kept out of git.
#[test]
fn init_writes_a_gitignore_with_the_lock_file() {
    for lang in ["zh", "en"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("wg-data");
        let out = init(&dir, lang);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == ".wg.lock"), "{lang}: {ignore}");
        assert!(out.stdout.contains(".gitignore"), "{}", out.stdout);
    }
}

/// A `.gitignore` that is there already (the directory is a repository's root) is left
/// alone, and init says what to add to it.
#[test]
fn init_leaves_an_existing_gitignore_alone() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join(".gitignore"), "target/\n").unwrap();
    let out = init(tmp.path(), "en");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join(".gitignore")).unwrap(),
        "target/\n"
    );
    assert!(
        out.stdout
            .contains("exists and was left alone; add the line .wg.lock to it"),
        "{}",
        out.stdout
    );
    let again = tempfile::tempdir().unwrap();
    std::fs::write(again.path().join(".gitignore"), ".wg.lock\n").unwrap();
    let out = init(again.path(), "en");
    assert!(!out.stdout.contains("left alone"), "{}", out.stdout);
}

#[test]
fn completions_are_printed_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(wg().args(["completions", shell]));
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("agenda"), "{shell}");
        assert!(out.stdout.contains("quarter"), "{shell}");
    }
    let out = run(wg().args(["completions", "tcsh"]));
    assert_eq!(out.code, 2);
}

/// The paths `init` prints are text like any other: a directory named with ESC does
/// not reach the terminal raw.
#[test]
fn init_shows_control_characters_in_its_paths_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(&tmp.path().join("a\u{1b}[2Jb"), "zh");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
    assert!(out.stdout.contains("a\\u{1b}[2Jb"), "{}", out.stdout);
}
