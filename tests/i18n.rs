//! Messages in the user's language (README, "Languages"): the catalogue's headline
//! cases, an edit refusal, usage errors and the help, each in Chinese and in English;
//! and the one rule that picks the language: `--lang`, else the org's `lang` once
//! org.toml has been read, else `LC_ALL`, `LC_MESSAGES`, `LANG`, else English.
//!
//! Chinese runs set no `--lang`: they get Chinese from `LANG=zh_CN.UTF-8` (before any
//! org is read) or from the org (the fixtures' orgs say zh, or say nothing, which is
//! zh). English runs pass `--lang en`.

use crate::common::{Output, copy_into, fixture, root, run, wg_in};
use std::path::Path;

const TODAY: &str = "2026-01-15";
const ZH_LOCALE: &str = "zh_CN.UTF-8";

/// `wg --today TODAY ARGS` in a copy of `dir`, with `LANG` and extra arguments; where
/// the copy is is shown as `[DIR]`.
fn run_in(dir: &Path, lang: &str, extra: &[&str], args: &[&str]) -> Output {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    copy_into(dir, tmp.path());
    let _ = std::fs::remove_file(tmp.path().join("case.toml"));
    let mut out = run(wg_in(tmp.path())
        .env("LANG", lang)
        .args(["--data", ".", "--today", TODAY])
        .args(extra)
        .args(args));
    let shown = tmp.path().display().to_string();
    out.stdout = out.stdout.replace(&shown, "[DIR]");
    out.stderr = out.stderr.replace(&shown, "[DIR]");
    out
}

/// Both languages of one run, as snapshotted: the exit code (the same in both), then
/// stderr in Chinese and in English.
fn both(dir: &Path, args: &[&str]) -> String {
    let zh = run_in(dir, ZH_LOCALE, &[], args);
    let en = run_in(dir, "C.UTF-8", &["--lang", "en"], args);
    assert_eq!(
        zh.code, en.code,
        "{args:?}: the exit code is not the language's"
    );
    assert!(zh.code != 0, "{args:?}: {}", zh.stdout);
    assert!(
        zh.stderr.starts_with("错误：") || zh.stderr.starts_with("警告："),
        "{args:?}: {}",
        zh.stderr
    );
    assert!(
        en.stderr.starts_with("error: ") || en.stderr.starts_with("warning: "),
        "{args:?}: {}",
        en.stderr
    );
    // stdout, if anything (check's summary), after stderr.
    format!(
        "wg {}\nexit: {}\n--- LANG={ZH_LOCALE}\n{}{}--- --lang en\n{}{}",
        args.join(" "),
        zh.code,
        zh.stderr,
        zh.stdout,
        en.stderr,
        en.stdout
    )
}

fn case(name: &str) -> std::path::PathBuf {
    root().join("tests").join("catalogue").join(name)
}

/// The catalogue's headline cases, one a kind of message.
#[test]
fn headline_messages_in_both_languages() {
    let cases: &[(&str, &str, &[&str])] = &[
        // An unknown reference, with the names that hold the typed characters.
        (
            "unknown-reference",
            "unit-name-missing-a-character",
            &["check"],
        ),
        // A syntax error with its hint: a full-width comma typed by an input method.
        ("syntax-full-width-comma", "fullwidth-comma", &["check"]),
        // A date typed by hand.
        ("bad-date", "date-with-slashes", &["check"]),
        ("duplicate-id", "duplicate-task-id", &["check"]),
        ("missing-required-key", "missing-task-title", &["check"]),
        ("unknown-key", "unknown-key-task", &["check"]),
        // A task id typed on the command line that no task has.
        (
            "unknown-task-id",
            "unknown-task-show",
            &["tasks", "show", "T-1"],
        ),
        (
            "unknown-filter",
            "unknown-group-filter",
            &["tasks", "list", "--group", "ofice"],
        ),
        // A warning on stderr, and check --strict's exit 1.
        ("strict-warning", "start-after-due", &["check", "--strict"]),
    ];
    for (name, dir, args) in cases {
        insta::assert_snapshot!(format!("i18n-{name}"), both(&case(dir), args));
    }
}

/// Messages said before any org.toml is read follow the locale.
#[test]
fn messages_before_the_org_follow_the_locale() {
    let empty = tempfile::tempdir().expect("tmp");
    let cases: &[(&str, &[&str])] = &[
        ("data-dir-not-found", &["--data", "no-such-dir", "check"]),
        ("bad-today", &["--today", "2026-02-30", "check"]),
        (
            "format-refused",
            &["--data", "no-such-dir", "check", "--format", "json"],
        ),
        ("unknown-argument", &["check", "--fromat", "json"]),
        ("bad-quarter", &["report", "--quarter", "2026Q5"]),
    ];
    for (name, args) in cases {
        let zh = run(wg_in(empty.path()).env("LANG", ZH_LOCALE).args(*args));
        let en = run(wg_in(empty.path()).args(*args));
        assert_eq!(zh.code, 2, "{args:?}: {}", zh.stderr);
        assert_eq!(en.code, 2, "{args:?}: {}", en.stderr);
        assert!(zh.stderr.starts_with("错误："), "{args:?}: {}", zh.stderr);
        assert!(en.stderr.starts_with("error: "), "{args:?}: {}", en.stderr);
        insta::assert_snapshot!(
            format!("i18n-{name}"),
            format!(
                "wg {}\n--- LANG={ZH_LOCALE}\n{}--- LANG=C.UTF-8\n{}",
                args.join(" "),
                zh.stderr,
                en.stderr
            )
        );
    }
}

/// An edit refused: in the org's language, or in English with --lang en.
#[test]
fn an_edit_refusal_in_both_languages() {
    let text = both(&fixture("edit"), &["tasks", "done", "JH-03"]);
    assert!(
        text.contains("错误：任务 JH-03 已于 2026-09-28 完成"),
        "{text}"
    );
    insta::assert_snapshot!("i18n-edit-refusal", text);
}

fn first_line(out: &Output) -> &str {
    out.stderr.lines().next().unwrap_or("")
}

#[test]
fn an_org_without_lang_speaks_chinese_even_in_an_english_locale() {
    // The catalogue's orgs say no `lang`: the default is zh.
    let out = run_in(&case("unknown-unit"), "C.UTF-8", &[], &["check"]);
    assert!(
        first_line(&out).starts_with("错误：未知的单位"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_orgs_lang_wins_over_the_locale_and_the_flag_over_both() {
    let english = root().join("examples").join("english");
    let out = run_in(&english, ZH_LOCALE, &[], &["tasks", "show", "NOPE-1"]);
    assert!(
        first_line(&out).starts_with("error: no task"),
        "{}",
        out.stderr
    );
    let out = run_in(
        &english,
        "C.UTF-8",
        &["--lang", "zh"],
        &["tasks", "show", "NOPE-1"],
    );
    assert!(
        first_line(&out).starts_with("错误：没有编号"),
        "{}",
        out.stderr
    );
}

/// An org.toml too broken to say its `lang` (a syntax error; a `lang` that is neither
/// zh nor en) leaves the language to the locale.
#[test]
fn a_broken_org_toml_leaves_the_language_to_the_locale() {
    for dir in ["syntax-error-in-org", "bad-lang"] {
        let zh = run_in(&case(dir), ZH_LOCALE, &[], &["check"]);
        let en = run_in(&case(dir), "C.UTF-8", &[], &["check"]);
        assert!(zh.stderr.starts_with("错误："), "{dir}: {}", zh.stderr);
        assert!(en.stderr.starts_with("error: "), "{dir}: {}", en.stderr);
    }
}

/// POSIX order: `LC_ALL`, then `LC_MESSAGES`, then `LANG`; an empty one does not count.
#[test]
fn the_locale_is_read_in_posix_order() {
    let empty = tempfile::tempdir().expect("tmp");
    let lang_of = |vars: &[(&str, &str)]| {
        let mut cmd = wg_in(empty.path());
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let out = run(cmd.args(["--data", "no-such-dir", "check"]));
        if out.stderr.starts_with("错误：") {
            "zh"
        } else {
            "en"
        }
    };
    assert_eq!(lang_of(&[("LANG", ZH_LOCALE)]), "zh");
    assert_eq!(lang_of(&[("LANG", "zh_TW.UTF-8")]), "zh");
    assert_eq!(lang_of(&[("LANG", "en_US.UTF-8")]), "en");
    assert_eq!(lang_of(&[("LC_ALL", "C"), ("LANG", ZH_LOCALE)]), "en");
    assert_eq!(lang_of(&[("LC_ALL", ZH_LOCALE), ("LANG", "C")]), "zh");
    assert_eq!(lang_of(&[("LC_MESSAGES", ZH_LOCALE), ("LANG", "C")]), "zh");
    assert_eq!(lang_of(&[("LC_ALL", ""), ("LANG", ZH_LOCALE)]), "zh");
}

/// `wg --help` and a command's help in Chinese (by the locale, or `--lang zh` or
/// `--lang=zh`) and in English, outside any data directory.
#[test]
fn help_in_both_languages() {
    let empty = tempfile::tempdir().expect("tmp");
    let here = empty.path().to_path_buf();
    for (name, args) in [
        ("help", &["--help"][..]),
        ("help-tasks-list", &["tasks", "list", "--help"][..]),
    ] {
        let zh = run(wg_in(&here).env("LANG", ZH_LOCALE).args(args));
        let en = run(wg_in(&here).args(args));
        assert_eq!((zh.code, en.code), (0, 0));
        insta::assert_snapshot!(format!("i18n-{name}-zh"), zh.stdout);
        insta::assert_snapshot!(format!("i18n-{name}-en"), en.stdout);
        let flag = run(wg_in(&here).args(["--lang", "zh"]).args(args));
        assert_eq!(flag.stdout, zh.stdout, "--lang zh");
        let flag = run(wg_in(&here).args(["--lang=zh"]).args(args));
        assert_eq!(flag.stdout, zh.stdout, "--lang=zh");
        let flag = run(wg_in(&here)
            .env("LANG", ZH_LOCALE)
            .args(["--lang", "en"])
            .args(args));
        assert_eq!(flag.stdout, en.stdout, "--lang en in a Chinese locale");
    }
}

/// clap's errors (a missing required argument of any command, an unknown option) are
/// said in the org's language, as every message after org.toml is read is: Chinese to
/// the default data (and from inside a copy of it, found by discovery), in an English
/// locale; English to an English org in a Chinese locale; `--lang` wins over both.
#[test]
fn clap_errors_follow_the_orgs_lang() {
    let here = root();
    let english = here.join("examples").join("english");
    let cases: &[&[&str]] = &[
        &["tasks", "remind"],
        &["tasks", "show"],
        &["tasks", "extend", "JH-01", "--to", "2026-12-31"],
        &["tasks", "list", "--fromat", "json"],
    ];
    let copy = tempfile::tempdir().expect("tmp");
    copy_into(&here.join("data"), copy.path());
    for args in cases {
        let zh = run(wg_in(&here).args(["--data", "data"]).args(*args));
        assert_eq!(zh.code, 2, "{args:?}: {}", zh.stderr);
        assert!(zh.stderr.starts_with("错误："), "{args:?}: {}", zh.stderr);
        assert!(
            zh.stderr.contains("用法：wg tasks"),
            "{args:?}: {}",
            zh.stderr
        );
        let found = run(wg_in(copy.path()).args(*args));
        assert_eq!(found.stderr, zh.stderr, "{args:?}, found by discovery");
        let data = run(wg_in(&here).env("WG_DATA", "data").args(*args));
        assert_eq!(data.stderr, zh.stderr, "{args:?}, WG_DATA");
        let en = run(wg_in(&here)
            .env("LANG", ZH_LOCALE)
            .arg("--data")
            .arg(&english)
            .args(*args));
        assert!(en.stderr.starts_with("error: "), "{args:?}: {}", en.stderr);
        let flag = run(wg_in(&here)
            .args(["--data", "data", "--lang", "en"])
            .args(*args));
        assert!(
            flag.stderr.starts_with("error: "),
            "{args:?}: {}",
            flag.stderr
        );
    }
    let missing = run(wg_in(&here).args(["--data=data", "tasks", "remind"]));
    insta::assert_snapshot!("i18n-missing-argument-zh-org", missing.stderr);
    // The roll-up says its `[rollup] lang`.
    let rollup = here.join("examples").join("rollup").join("province");
    let out = run(wg_in(&here)
        .arg("--data")
        .arg(&rollup)
        .args(["tasks", "show"]));
    assert!(
        out.stderr.starts_with("错误：缺少必需的参数"),
        "{}",
        out.stderr
    );
}

/// In a data directory the help follows its org, as messages do: the default data's
/// help is Chinese in an English locale, the English example's English in a Chinese one.
#[test]
fn help_follows_the_orgs_lang() {
    let here = root();
    let empty = tempfile::tempdir().expect("tmp");
    let zh = run(wg_in(empty.path())
        .env("LANG", ZH_LOCALE)
        .args(["tasks", "add", "--help"]));
    let en = run(wg_in(empty.path()).args(["tasks", "add", "--help"]));
    let in_data = run(wg_in(&here).args(["--data", "data", "tasks", "add", "--help"]));
    assert_eq!(in_data.code, 0, "{}", in_data.stderr);
    assert_eq!(in_data.stdout, zh.stdout);
    let english = here.join("examples").join("english");
    let out = run(wg_in(&here)
        .env("LANG", ZH_LOCALE)
        .arg("--data")
        .arg(&english)
        .args(["tasks", "add", "--help"]));
    assert_eq!(out.stdout, en.stdout);
}

/// The help is wrapped by display width: at 80 columns no line of the Chinese help
/// (nor of the English one, whose lines hold a few Chinese words) is wider, and an
/// option's help goes on under its own column.
#[test]
fn help_lines_fit_the_width_by_display_width() {
    use unicode_width::UnicodeWidthStr;
    let empty = tempfile::tempdir().expect("tmp");
    for lang in ["zh", "en"] {
        for args in [
            &["--help"][..],
            &["tasks", "add", "--help"],
            &["report", "--help"],
        ] {
            let out = run(wg_in(empty.path())
                .env("COLUMNS", "80")
                .args(["--lang", lang])
                .args(args));
            assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
            for line in out.stdout.lines() {
                assert!(
                    line.width() <= 80,
                    "{lang} {args:?}: {} columns: {line}",
                    line.width()
                );
            }
        }
    }
    let out = run(wg_in(empty.path())
        .env("COLUMNS", "80")
        .args(["--lang", "zh", "--help"]));
    insta::assert_snapshot!("i18n-help-zh-80", out.stdout);
}
