//! Runs `examples/cron-overdue.sh` the way cron runs it: an empty environment but
//! `PATH=/usr/bin:/bin` and `HOME` (`env -i`), wg named by its absolute path, and a fake
//! `mail` in front on PATH that keeps each message it is given.

use crate::common::{copy_dir, copy_into, fixture, root};
use std::path::{Path, PathBuf};

/// One message the fake `mail` was given: its arguments and its body.
#[derive(Debug)]
struct Mail {
    args: Vec<String>,
    body: String,
}

impl Mail {
    fn subject(&self) -> &str {
        match self.args.as_slice() {
            [flag, subject, _] if flag == "-s" => subject,
            _ => panic!("mail called as {:?}", self.args),
        }
    }

    fn to(&self) -> &str {
        self.args.last().map(String::as_str).unwrap_or_default()
    }
}

struct CronRun {
    code: i32,
    stderr: String,
    mails: Vec<Mail>,
}

/// Runs the script on `data` as of `today`; `wg` is the path the script is given in
/// `WG` (None: the script's default, `$HOME/.cargo/bin/wg`, which does not exist here).
fn cron(data: &Path, today: &str, wg: Option<PathBuf>) -> CronRun {
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    let spool = tmp.path().join("spool");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&spool).unwrap();
    let mail = bin.join("mail");
    std::fs::write(
        &mail,
        format!(
            "#!/bin/sh\n\
             f=$(mktemp '{spool}/mail.XXXXXX') || exit 1\n\
             printf '%s\\n' \"$@\" >\"$f.args\"\n\
             cat >\"$f\"\n",
            spool = spool.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&mail, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut cmd = std::process::Command::new(root().join("examples/cron-overdue.sh"));
    // `env -i`: nothing from the test's environment, as under cron.
    cmd.env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("HOME", tmp.path())
        .env("WG_DATA", data)
        .env("WG_TODAY", today)
        .current_dir(tmp.path());
    if let Some(wg) = wg {
        cmd.env("WG", wg);
    }
    let out = cmd.output().expect("the script runs");

    let mut mails: Vec<Mail> = std::fs::read_dir(&spool)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.to_string_lossy().ends_with(".args"))
        .map(|p| Mail {
            args: std::fs::read_to_string(format!("{}.args", p.display()))
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect(),
            body: std::fs::read_to_string(&p).unwrap(),
        })
        .collect();
    mails.sort_by(|a, b| a.args.cmp(&b.args));
    CronRun {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8(out.stderr).unwrap(),
        mails,
    }
}

fn built_wg() -> Option<PathBuf> {
    Some(assert_cmd::cargo::cargo_bin("wg"))
}

#[test]
fn cron_mails_a_readable_overdue_list_when_tasks_are_overdue() {
    let run = cron(&root().join("data"), "2022-01-10", built_wg());
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let [mail] = run.mails.as_slice() else {
        panic!("expected one mail, got {:?}", run.mails)
    };
    assert_eq!(mail.to(), "office@example.org");
    assert_eq!(mail.subject(), "督办：逾期任务（截至 2022-01-10）：共 6 项");
    // A Markdown table people can read, not JSON.
    assert!(
        mail.body
            .starts_with("# 逾期任务（截至 2022-01-10）：共 6 项\n"),
        "{}",
        mail.body
    );
    assert!(
        mail.body
            .contains("| JH-04 | 上线网上入会全流程操作平台 | 建会入会专项小组 |"),
        "{}",
        mail.body
    );
    assert!(!mail.body.contains('{'), "{}", mail.body);
}

#[test]
fn cron_mails_nothing_when_nothing_is_overdue() {
    let run = cron(&root().join("data"), "2021-07-01", built_wg());
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(run.mails.is_empty(), "{:?}", run.mails);
}

#[test]
fn cron_mails_data_errors_to_the_admin_and_no_overdue_list() {
    let dir = copy_dir(&fixture("base"));
    copy_into(&fixture("check").join("unknown-person"), dir.path());
    let run = cron(dir.path(), "2022-01-10", built_wg());
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let [mail] = run.mails.as_slice() else {
        panic!("expected one mail, got {:?}", run.mails)
    };
    assert_eq!(mail.to(), "wg-admin@example.org");
    assert_eq!(mail.subject(), "wg：数据有误，督办未发出");
    // In the org's language: the base fixture's org says no `lang`, which is zh.
    assert!(
        mail.body
            .contains("错误：未知的人员“张珂”（任务 LD-01 的 owner）"),
        "{}",
        mail.body
    );
    assert!(mail.body.contains("tasks.toml:5:9"), "{}", mail.body);
}

/// The README's old one-liner ran `wg` from cron's PATH, found nothing and mailed an
/// empty "overdue" message; the script names the failure to the admin instead.
#[test]
fn cron_without_wg_mails_the_admin_that_wg_was_not_found() {
    let run = cron(&root().join("data"), "2022-01-10", None);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let [mail] = run.mails.as_slice() else {
        panic!("expected one mail, got {:?}", run.mails)
    };
    assert_eq!(mail.to(), "wg-admin@example.org");
    assert_eq!(mail.subject(), "wg：无法运行（退出码 127），督办未发出");
    assert!(
        mail.body.contains("/.cargo/bin/wg: not found"),
        "{}",
        mail.body
    );
}
