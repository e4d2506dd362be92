//! The feedback-form round trip and the reminders (issue 13): `wg tasks form` makes a
//! protected workbook; a filled copy, written here afresh with rust_xlsxwriter in the
//! shape of the form (and, where LibreOffice is installed, re-saved through it), goes
//! back in with `wg tasks intake`; `wg tasks remind` writes letters and forms and
//! mails them through a fake `sendmail` on PATH.

use crate::common::{Output, copy_dir, fixture, root, run, wg};
use calamine::{Data, Reader};
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-07-15";
const LATER: &str = "2026-07-20";

fn wg_at(dir: &Path, today: &str, args: &[&str]) -> Output {
    run(wg()
        .arg("--data")
        .arg(dir)
        .args(["--today", today])
        .args(args))
}

/// Every file under `dir` but the lock file, by relative path.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.file_name().unwrap() != ".wg.lock" {
                out.insert(
                    path.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The form of `who` (`--unit X` or `--owner X`) as of `today`, made in `at`.
fn make_form(data: &Path, at: &Path, who: &[&str]) -> Vec<u8> {
    let out = at.join("form.xlsx");
    let mut args = vec!["tasks", "form"];
    args.extend_from_slice(who);
    let o = wg_at(
        data,
        TODAY,
        &[args.as_slice(), &["--out", out.to_str().unwrap()]].concat(),
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    std::fs::read(&out).unwrap()
}

type Sheet = Vec<Vec<Data>>;

fn sheets(bytes: &[u8]) -> Vec<(String, Sheet)> {
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let range = book.worksheet_range(&n).unwrap();
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (n, rows)
        })
        .collect()
}

fn xml(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn form_is_a_protected_workbook_with_lists_and_a_hidden_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let data = fixture("forms");
    let bytes = make_form(&data, tmp.path(), &["--unit", "基层工作部"]);
    let all = sheets(&bytes);
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["进度反馈", "wg"]);
    let form = &all[0].1;
    assert_eq!(
        text(&form[0][0]),
        "基层工作部重点任务进展情况反馈表（截至2026年7月15日）"
    );
    assert!(text(&form[1][0]).starts_with("填报说明"));
    assert_eq!(text(&form[2][2]), "填报日期");
    let header: Vec<String> = form[3].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "编号",
            "事项",
            "完成时限",
            "当前状态",
            "逾期天数",
            "预警",
            "进展情况",
            "存在问题",
            "下一步措施",
            "状态",
            "完成日期",
            "新建货车司机工会"
        ]
    );
    // Open tasks only (JH-04 is done), by due date; JH-01 is 15 days overdue, red.
    let ids: Vec<String> = form[4..].iter().map(|r| text(&r[0])).collect();
    assert_eq!(ids, ["JH-01", "JH-02", "JH-03"]);
    assert_eq!(form[4][4], Data::Float(15.0));
    assert_eq!(text(&form[4][5]), "红");
    assert_eq!(text(&form[5][5]), "黄");
    let meta: Vec<Vec<String>> = all[1]
        .1
        .iter()
        .map(|r| r.iter().map(text).collect())
        .collect();
    assert_eq!(meta[0][0], "wg-feedback-form");
    assert_eq!(meta[1], ["org", "测试市总工会", ""]);
    assert_eq!(meta[2], ["unit", "jiceng", "基层工作部"]);
    assert_eq!(meta[3][..2], ["as_of", "2026-07-15"]);
    assert_eq!(meta[5][..2], ["task", "JH-01"]);

    let sheet = xml(&bytes, "xl/worksheets/sheet1.xml");
    // Protected, without a password.
    assert!(sheet.contains("<sheetProtection"), "{sheet}");
    assert!(!sheet.contains("password="));
    // The status list, the date rule, the numbers of the indicator column.
    assert!(sheet.contains(r#"type="list""#) && sheet.contains("进行中,受阻,已完成"));
    assert!(sheet.contains(r#"type="date""#));
    assert!(sheet.contains(r#"type="decimal""#));
    // A4 landscape, one page wide.
    assert!(sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#));
    assert!(sheet.contains(r#"fitToHeight="0""#));
    // The cells to fill are unlocked; the rest are not.
    let styles = xml(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"<protection locked="0"/>"#));
    let workbook = xml(&bytes, "xl/workbook.xml");
    assert!(workbook.contains(r#"name="wg" sheetId="2" state="hidden""#));
    // The creation time is the as-of date: the same data, the same bytes.
    assert!(xml(&bytes, "docProps/core.xml").contains("2026-07-15T00:00:00Z"));
    let again = make_form(&data, tmp.path(), &["--unit", "基层工作部"]);
    assert!(again == bytes, "two runs gave different bytes");
}

#[test]
fn form_by_owner_and_its_refusals() {
    let tmp = tempfile::tempdir().unwrap();
    let data = fixture("forms");
    let bytes = make_form(&data, tmp.path(), &["--owner", "李四"]);
    let all = sheets(&bytes);
    assert_eq!(text(&all[0].1[2][0]), "责任人");
    let ids: Vec<String> = all[0].1[4..].iter().map(|r| text(&r[0])).collect();
    assert_eq!(ids, ["JH-01"]);

    let o = wg_at(&data, TODAY, &["tasks", "form", "--unit", "基层工作部"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("--out FILE.xlsx"), "{}", o.stderr);
    let out = tmp.path().join("x.xlsx");
    let o = wg_at(
        &data,
        TODAY,
        &[
            "tasks",
            "form",
            "--unit",
            "基层工做部",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("基层工作部"),
        "a did-you-mean: {}",
        o.stderr
    );
    assert!(!out.exists());
}

/// A value written into a filled copy.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Num(f64),
    Date(i32, u32, u32),
}

/// Options of a filled copy.
#[derive(Default)]
struct Fill<'a> {
    report_date: Option<Cell<'a>>,
    /// (row as Excel numbers it, header, value)
    cells: Vec<(u32, &'a str, Cell<'a>)>,
    /// Swap the columns 进展情况 and 存在问题, as a clerk might.
    swap: bool,
    /// Another org's name in the hidden sheet.
    org: Option<&'a str>,
}

/// Writes a filled copy of `form` to `out` with rust_xlsxwriter: every cell of both
/// sheets copied (a new file, not ours byte for byte), the hidden sheet hidden, and
/// `fill` put in by header.
fn refill(form: &[u8], out: &Path, fill: &Fill) {
    use rust_xlsxwriter::{Format, Workbook};
    let all = sheets(form);
    let mut book = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (n, (name, rows)) in all.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        let header = rows
            .iter()
            .position(|r| r.iter().any(|c| text(c) == "编号"));
        let col_of = |h: &str| -> u16 {
            let hr = &rows[header.unwrap()];
            let mut c = hr
                .iter()
                .position(|c| text(c) == h)
                .unwrap_or_else(|| panic!("no {h}"));
            if fill.swap {
                let p = hr.iter().position(|c| text(c) == "进展情况").unwrap();
                let q = hr.iter().position(|c| text(c) == "存在问题").unwrap();
                c = if c == p {
                    q
                } else if c == q {
                    p
                } else {
                    c
                };
            }
            c as u16
        };
        let put = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, v: Cell| match v {
            Cell::Text(t) => {
                ws.write_string(r, c, t).unwrap();
            }
            Cell::Num(x) => {
                ws.write_number(r, c, x).unwrap();
            }
            Cell::Date(y, m, d) => {
                let d = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
                ws.write_date_with_format(r, c, d, &date_format).unwrap();
            }
        };
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, mut c) = (r as u32, c as u16);
                // 进展情况 (G) and 存在问题 (H) trade places, header and all.
                if n == 0
                    && fill.swap
                    && header.is_some_and(|h| (r as usize) >= h)
                    && (c == 6 || c == 7)
                {
                    c = 13 - c;
                }
                let value = if n == 1 && r == 1 && c == 1 {
                    fill.org.map(Cell::Text)
                } else {
                    None
                };
                match (value, cell) {
                    (Some(v), _) => put(ws, r, c, v),
                    (None, Data::String(s)) => put(ws, r, c, Cell::Text(s)),
                    (None, Data::Float(x)) => put(ws, r, c, Cell::Num(*x)),
                    (None, Data::Int(x)) => put(ws, r, c, Cell::Num(*x as f64)),
                    (None, Data::DateTime(d)) => {
                        use chrono::Datelike;
                        let d = d.as_datetime().unwrap().date();
                        put(ws, r, c, Cell::Date(d.year(), d.month(), d.day()))
                    }
                    (None, _) => {}
                }
            }
        }
        if n == 0 {
            if let Some(v) = fill.report_date {
                put(ws, 2, 3, v);
            }
            for (row, h, v) in &fill.cells {
                put(ws, row - 1, col_of(h), *v);
            }
        } else {
            ws.set_hidden(true);
        }
    }
    book.save(out).unwrap();
}

/// The fixture copied, a form of 基层工作部 made, and a filled copy of it written.
fn filled(fill: &Fill) -> (tempfile::TempDir, PathBuf) {
    let dir = copy_dir(&fixture("forms"));
    let form = make_form(dir.path(), dir.path(), &["--unit", "基层工作部"]);
    std::fs::remove_file(dir.path().join("form.xlsx")).unwrap();
    let path = dir.path().join("填好的反馈表.xlsx");
    refill(&form, &path, fill);
    (dir, path)
}

fn good_fill<'a>() -> Fill<'a> {
    Fill {
        report_date: Some(Cell::Date(2026, 7, 18)),
        cells: vec![
            (5, "进展情况", Cell::Text("已新建货车司机工会 35 家")),
            (5, "存在问题", Cell::Text("部分企业积极性不高")),
            (5, "下一步措施", Cell::Text("逐家走访")),
            (5, "新建货车司机工会", Cell::Text("35")),
            (6, "进展情况", Cell::Text("快递网点已全部建会")),
            (6, "状态", Cell::Text("已完成")),
            (6, "完成日期", Cell::Text("2026年7月14日")),
            (7, "状态", Cell::Text("受阻")),
        ],
        swap: true,
        ..Fill::default()
    }
}

#[test]
fn intake_takes_a_filled_form_once() {
    let (dir, form) = filled(&good_fill());
    let before = files(dir.path());
    let args = ["tasks", "intake", form.to_str().unwrap()];
    let o = run(wg()
        .current_dir(dir.path())
        .args(["--today", LATER])
        .args(args));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let shown = o.stdout.replace(dir.path().to_str().unwrap(), "DIR");
    insta::assert_snapshot!("intake_first", shown);
    let tasks = std::fs::read_to_string(dir.path().join("tasks.toml")).unwrap();
    insta::assert_snapshot!("intake_tasks_toml", tasks);
    assert!(tasks.contains("# an inline comment stays"));
    let after = files(dir.path());
    assert_ne!(before, after);

    // Twice: nothing added, no file touched.
    let o = run(wg()
        .current_dir(dir.path())
        .args(["--today", LATER])
        .args(args));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let shown = o.stdout.replace(dir.path().to_str().unwrap(), "DIR");
    insta::assert_snapshot!("intake_second", shown);
    assert_eq!(files(dir.path()), after);
    let check = wg_at(dir.path(), LATER, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn intake_dry_run_writes_nothing() {
    let (dir, form) = filled(&good_fill());
    let before = files(dir.path());
    let o = wg_at(
        dir.path(),
        LATER,
        &["tasks", "intake", form.to_str().unwrap(), "--dry-run"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains("row 5 JH-01") || o.stdout.contains("第 5 行 JH-01"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("试运行"), "{}", o.stdout);
    assert_eq!(files(dir.path()), before);
    assert!(
        !dir.path().join(".wg.lock").exists(),
        "a dry run takes no lock"
    );
}

/// A refused intake: exit 2, the message names the file, sheet, row and column, and
/// nothing is written.
fn refused(fill: Fill, expect: &[&str]) {
    let (dir, form) = filled(&fill);
    let before = files(dir.path());
    let o = wg_at(
        dir.path(),
        LATER,
        &["tasks", "intake", form.to_str().unwrap()],
    );
    assert_eq!(o.code, 2, "{}", o.stdout);
    for e in expect {
        assert!(o.stderr.contains(e), "{e:?} not in: {}", o.stderr);
    }
    assert_eq!(files(dir.path()), before);
}

#[test]
fn intake_refuses_a_form_of_another_data_set() {
    refused(
        Fill {
            org: Some("别的市总工会"),
            ..good_fill()
        },
        &["填好的反馈表.xlsx", "别的市总工会", "测试市总工会"],
    );
}

#[test]
fn intake_refuses_an_unknown_id() {
    let mut fill = good_fill();
    fill.cells.push((5, "编号", Cell::Text("JH-99")));
    refused(fill, &["工作表“进度反馈”，第 5 行，A 列（编号）", "JH-99"]);
}

#[test]
fn intake_refuses_a_status_it_cannot_read() {
    let mut fill = good_fill();
    fill.cells.push((7, "状态", Cell::Text("差不多了")));
    refused(fill, &["第 7 行，J 列（状态）", "差不多了"]);
}

#[test]
fn intake_refuses_a_bad_date() {
    let mut fill = good_fill();
    fill.cells.push((6, "完成日期", Cell::Text("七月中旬")));
    refused(fill, &["第 6 行，K 列（完成日期）", "七月中旬"]);
}

/// A form is read with the ledger import's words and dates (one parser for each): 完成
/// is 已完成, and 2026年6月底 is 2026-06-30 (both were refused by the intake before).
#[test]
fn intake_takes_the_words_and_dates_a_ledger_may_have() {
    let mut fill = good_fill();
    fill.cells.push((6, "状态", Cell::Text("完成")));
    fill.cells.push((6, "完成日期", Cell::Text("2026年6月底")));
    let (dir, form) = filled(&fill);
    let o = wg_at(
        dir.path(),
        LATER,
        &["tasks", "intake", form.to_str().unwrap()],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let tasks = std::fs::read_to_string(dir.path().join("tasks.toml")).unwrap();
    assert!(tasks.contains("done_on = 2026-06-30"), "{tasks}");
    let check = wg_at(dir.path(), LATER, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// A year outside 0001–9999 is refused at its cell, as a ledger import refuses it.
#[test]
fn intake_refuses_a_date_outside_the_years() {
    let mut fill = good_fill();
    fill.cells.push((6, "完成日期", Cell::Text("0000年6月底")));
    refused(fill, &["第 6 行，K 列（完成日期）", "0000年6月底"]);
}

#[test]
fn intake_refuses_a_reading_that_is_not_a_number() {
    let mut fill = good_fill();
    fill.cells
        .push((5, "新建货车司机工会", Cell::Text("三十五家")));
    refused(fill, &["第 5 行，L 列（新建货车司机工会）", "三十五家"]);
}

#[test]
fn intake_refuses_a_file_that_is_not_a_form() {
    let dir = copy_dir(&fixture("forms"));
    let path = dir.path().join("ledger.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "编号").unwrap();
    book.save(&path).unwrap();
    let o = wg_at(
        dir.path(),
        LATER,
        &["tasks", "intake", path.to_str().unwrap()],
    );
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("不是 wg 的反馈表"), "{}", o.stderr);
}

/// Offices re-save forms in Excel, WPS or LibreOffice: a form that went through
/// LibreOffice (when it is installed) is taken in the same.
#[test]
fn intake_reads_a_form_resaved_by_libreoffice() {
    let Some(soffice) = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("soffice"))
            .find(|p| p.is_file())
    }) else {
        eprintln!("soffice not on PATH: skipped");
        return;
    };
    let (dir, form) = filled(&good_fill());
    let outdir = dir.path().join("resaved");
    let profile = tempfile::tempdir().unwrap();
    let st = std::process::Command::new(soffice)
        .env("HOME", profile.path())
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&outdir)
        .arg(&form)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let resaved = outdir.join("填好的反馈表.xlsx");
    assert!(resaved.is_file());
    let o = wg_at(
        dir.path(),
        LATER,
        &["tasks", "intake", resaved.to_str().unwrap()],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let tasks = std::fs::read_to_string(dir.path().join("tasks.toml")).unwrap();
    assert!(tasks.contains("已新建货车司机工会 35 家"), "{tasks}");
    assert!(
        tasks.contains(r#"values = { "新建货车司机工会" = 35 }"#),
        "{tasks}"
    );
    assert!(tasks.contains("done_on = 2026-07-14"), "{tasks}");
    // And the original after it: already recorded.
    let o = wg_at(
        dir.path(),
        LATER,
        &["tasks", "intake", form.to_str().unwrap()],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains("nothing new") || o.stdout.contains("没有新内容"),
        "{}",
        o.stdout
    );
}

/// A fake `sendmail` that saves each message it is given in `$WG_TEST_MAIL/N.eml`.
fn fake_sendmail(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = bin.join("sendmail");
    std::fs::write(
        &script,
        "#!/bin/sh\n[ \"$1\" = \"-t\" ] || exit 64\nn=$(ls \"$WG_TEST_MAIL\" | wc -l)\ncat > \"$WG_TEST_MAIL/$((n + 1)).eml\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

fn mails(dir: &Path) -> Vec<String> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

#[test]
fn remind_writes_letters_and_forms_and_mails_each_once_a_day() {
    let data = copy_dir(&fixture("forms"));
    let work = tempfile::tempdir().unwrap();
    let bin = fake_sendmail(work.path());
    let maildir = work.path().join("mail");
    std::fs::create_dir_all(&maildir).unwrap();
    let out = work.path().join("催办");
    let remind = |extra: &[&str]| {
        run(wg()
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .env("WG_TEST_MAIL", &maildir)
            .arg("--data")
            .arg(data.path())
            .args(["--today", TODAY, "tasks", "remind", "--by", "unit", "--out"])
            .arg(&out)
            .args(extra))
    };
    let o = remind(&["--sendmail"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let shown = o.stdout.replace(work.path().to_str().unwrap(), "WORK");
    insta::assert_snapshot!("remind_first", shown);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "基层工作部.md",
            "基层工作部.xlsx",
            "权益保障部.md",
            "权益保障部.xlsx",
            "法律工作部.md",
            "法律工作部.xlsx"
        ]
    );
    let letter = std::fs::read_to_string(out.join("基层工作部.md")).unwrap();
    insta::assert_snapshot!("remind_letter", letter);
    // A count of 0 is left out; 你单位, as the notice says.
    let only_overdue = std::fs::read_to_string(out.join("权益保障部.md")).unwrap();
    assert!(
        only_overdue.contains("截至2026年7月15日，你单位牵头的任务中，1项已逾期。请抓紧推进"),
        "{only_overdue}"
    );
    assert!(!only_overdue.contains("0项"), "{only_overdue}");

    // One mail: only 基层工作部's people have addresses.
    let sent = mails(&maildir);
    assert_eq!(sent.len(), 1);
    let m = &sent[0];
    assert!(
        m.contains("To: lisi@example.cn, wangwu@example.cn\n"),
        "{m}"
    );
    assert!(m.contains("Subject: =?UTF-8?B?"), "{m}");
    assert!(m.contains("Content-Type: multipart/mixed; boundary="));
    assert!(m.contains("Content-Type: text/plain; charset=UTF-8"));
    assert!(m.contains("filename*=UTF-8''%E5%9F%BA"), "{m}");
    let xlsx = std::fs::read(out.join("基层工作部.xlsx")).unwrap();
    let encoded = wg::forms::mail::base64(&xlsx);
    let body: String = m
        .lines()
        .filter(|l| !l.contains(':') && !l.starts_with("--"))
        .collect();
    assert!(body.contains(&encoded), "the form is attached");
    let log = std::fs::read_to_string(data.path().join(".wg-sent.toml")).unwrap();
    assert!(
        log.contains("to = \"jiceng\"") && log.contains("date = 2026-07-15"),
        "{log}"
    );
    assert_eq!(log.matches("[[sent]]").count(), 1);
    // The log is not data.
    assert_eq!(wg_at(data.path(), TODAY, &["check"]).code, 0);

    // The same day again: nothing sent twice.
    let o = remind(&["--sendmail"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("基层工作部"), "{}", o.stdout);
    assert!(
        o.stdout.contains("already") || o.stdout.contains("已经发送过"),
        "{}",
        o.stdout
    );
    assert_eq!(mails(&maildir).len(), 1);
    // --force sends again, and says so in the log.
    let o = remind(&["--sendmail", "--force"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(mails(&maildir).len(), 2);
    let log = std::fs::read_to_string(data.path().join(".wg-sent.toml")).unwrap();
    assert_eq!(log.matches("[[sent]]").count(), 2);

    // No sendmail on PATH: a clear error, nothing mailed.
    let o = run(wg()
        .env("PATH", work.path().join("nothing"))
        .arg("--data")
        .arg(data.path())
        .args([
            "--today",
            TODAY,
            "tasks",
            "remind",
            "--by",
            "unit",
            "--sendmail",
            "--out",
        ])
        .arg(&out));
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("no sendmail on PATH") || o.stderr.contains("找不到 sendmail"),
        "{}",
        o.stderr
    );

    // The units mailed a form this period that have not reported: 基层工作部, until its
    // form comes in.
    let form = std::fs::read(out.join("基层工作部.xlsx")).unwrap();
    let filled = work.path().join("back.xlsx");
    refill(
        &form,
        &filled,
        &Fill {
            cells: vec![(5, "进展情况", Cell::Text("推进中"))],
            ..Fill::default()
        },
    );
    let o = wg_at(
        data.path(),
        LATER,
        &["tasks", "intake", filled.to_str().unwrap(), "--dry-run"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("未报送单位：无"), "{}", o.stdout);
    let other = wg_at(
        data.path(),
        LATER,
        &[
            "tasks",
            "form",
            "--unit",
            "权益保障部",
            "--out",
            work.path().join("qy.xlsx").to_str().unwrap(),
        ],
    );
    assert_eq!(other.code, 0);
    let o = wg_at(
        data.path(),
        LATER,
        &[
            "tasks",
            "intake",
            work.path().join("qy.xlsx").to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(
        o.stdout
            .contains("未报送单位：基层工作部（2026-07-15 发出）"),
        "{}",
        o.stdout
    );
}

#[test]
fn remind_without_sendmail_writes_files_only() {
    let data = fixture("forms");
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("new").join("dir");
    let o = wg_at(
        &data,
        TODAY,
        &[
            "tasks",
            "remind",
            "--by",
            "owner",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(out.join("李四.md").is_file() && out.join("李四.xlsx").is_file());
    assert!(!data.join(".wg-sent.toml").exists());
    let o = wg_at(&data, TODAY, &["tasks", "remind", "--by", "unit"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("--out DIR"), "{}", o.stderr);
}

#[test]
fn a_row_with_problems_but_no_progress_names_the_progress_column() {
    let copy = copy_dir(&fixture("forms"));
    let data = copy.path().to_path_buf();
    let work = tempfile::tempdir().unwrap();
    let form = work.path().join("form.xlsx");
    let o = wg_at(
        &data,
        TODAY,
        &[
            "tasks",
            "form",
            "--unit",
            "基层工作部",
            "--out",
            form.to_str().unwrap(),
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let filled = work.path().join("filled.xlsx");
    refill(
        &std::fs::read(&form).unwrap(),
        &filled,
        &Fill {
            cells: vec![(5, "存在问题", Cell::Text("资金未到位"))],
            ..Fill::default()
        },
    );
    let o = wg_at(&data, TODAY, &["tasks", "intake", filled.to_str().unwrap()]);
    assert_eq!(o.code, 2, "{}", o.stdout);
    // 进展情况 is column G of the form (after the six fixed columns), empty or not.
    assert!(o.stderr.contains("G 列（进展情况）"), "{}", o.stderr);
}

/// Forms and reminders go to and come from the office that keeps the tasks: on a
/// roll-up they are refused, as the edits are, naming the offices' directories.
#[test]
fn forms_reminders_and_imports_are_refused_on_a_rollup() {
    let province = root().join("examples/rollup/province");
    let work = tempfile::tempdir().unwrap();
    let form = work.path().join("f.xlsx");
    let ledger = root().join("examples/ledger.csv");
    let cases: [Vec<&str>; 4] = [
        vec![
            "tasks",
            "form",
            "--unit",
            "nanjing:jiceng",
            "--out",
            form.to_str().unwrap(),
        ],
        vec!["tasks", "intake", form.to_str().unwrap()],
        vec![
            "tasks",
            "remind",
            "--by",
            "unit",
            "--out",
            work.path().to_str().unwrap(),
        ],
        vec![
            "tasks",
            "import",
            ledger.to_str().unwrap(),
            "--group",
            "membership",
        ],
    ];
    for args in cases {
        let o = wg_at(&province, TODAY, &args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stdout);
        assert!(o.stderr.contains("nanjing"), "{args:?}: {}", o.stderr);
        assert!(!form.exists(), "{args:?} wrote a form");
    }
}

#[test]
fn remind_refuses_standard_output_for_its_directory() {
    let data = fixture("forms");
    let o = wg_at(
        &data,
        TODAY,
        &["tasks", "remind", "--by", "unit", "--out", "-"],
    );
    assert_eq!(o.code, 2, "{}", o.stdout);
    assert!(!data.join("-").exists());
    assert!(o.stdout.is_empty(), "{}", o.stdout);
}

/// Every problem of every form in one run: the cells that cannot be read, the rows that
/// do not fit the data (also in a form with unreadable cells), a form of another data
/// set, and a file that is not a form; nothing written.
#[test]
fn intake_reports_every_problem_of_every_form_at_once() {
    let dir = copy_dir(&fixture("forms"));
    let form = make_form(dir.path(), dir.path(), &["--unit", "基层工作部"]);
    std::fs::remove_file(dir.path().join("form.xlsx")).unwrap();
    let bad1 = dir.path().join("bad1.xlsx");
    refill(
        &form,
        &bad1,
        &Fill {
            cells: vec![
                (5, "进展情况", Cell::Text("在推进")),
                (5, "新建货车司机工会", Cell::Text("三十五家")),
                (6, "存在问题", Cell::Text("资金未到位")),
                (6, "完成日期", Cell::Date(2026, 7, 14)),
                (7, "编号", Cell::Text("JH-99")),
                (7, "状态", Cell::Text("差不多了")),
                (7, "完成日期", Cell::Date(2026, 7, 14)),
            ],
            ..Fill::default()
        },
    );
    let other = dir.path().join("other.xlsx");
    refill(
        &form,
        &other,
        &Fill {
            org: Some("别的市总工会"),
            ..good_fill()
        },
    );
    let ledger = dir.path().join("ledger.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "编号").unwrap();
    book.save(&ledger).unwrap();
    let before = files(dir.path());
    let o = wg_at(
        dir.path(),
        LATER,
        &[
            "tasks",
            "intake",
            bad1.to_str().unwrap(),
            other.to_str().unwrap(),
            ledger.to_str().unwrap(),
        ],
    );
    assert_eq!(o.code, 2, "{}", o.stdout);
    for e in [
        "第 5 行，L 列（新建货车司机工会）：“三十五家”不是数字",
        "第 7 行，J 列（状态）",
        "第 6 行，G 列（进展情况）",
        "第 6 行，K 列（完成日期）：填写了完成日期",
        "JH-99",
        "别的市总工会",
        "ledger.xlsx",
    ] {
        assert!(o.stderr.contains(e), "{e:?} not in: {}", o.stderr);
    }
    // The status of row 7 could not be read: its 完成日期 is not held against it.
    assert!(
        !o.stderr.contains("第 7 行，K 列（完成日期）"),
        "{}",
        o.stderr
    );
    assert_eq!(files(dir.path()), before);
}

#[test]
fn intake_refuses_a_negative_reading_as_negative() {
    let mut fill = good_fill();
    fill.cells.push((5, "新建货车司机工会", Cell::Num(-3.0)));
    let (dir, form) = filled(&fill);
    let o = wg_at(
        dir.path(),
        LATER,
        &["tasks", "intake", form.to_str().unwrap()],
    );
    assert_eq!(o.code, 2, "{}", o.stdout);
    assert!(
        o.stderr
            .contains("第 5 行，L 列（新建货车司机工会）：指标不能是负数"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("不是数字"), "{}", o.stderr);
}

/// What is wrong with the command line is said in the org's language (the data is read
/// first): `tasks form` without --unit or --owner names both; `remind --sendmail`
/// without sendmail on PATH and `remind` without --out are said in Chinese.
#[test]
fn form_and_remind_refusals_are_in_the_orgs_language() {
    let data = fixture("forms");
    let o = wg_at(&data, TODAY, &["tasks", "form"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("--unit") && o.stderr.contains("--owner") && o.stderr.contains("错误"),
        "{}",
        o.stderr
    );
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("letters");
    let o = run(wg()
        .env("PATH", work.path())
        .arg("--data")
        .arg(&data)
        .args([
            "--today",
            TODAY,
            "tasks",
            "remind",
            "--by",
            "unit",
            "--sendmail",
            "--out",
        ])
        .arg(&out));
    assert_eq!(o.code, 2, "{}", o.stdout);
    assert!(
        o.stderr.contains("在 PATH 中找不到 sendmail"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("no sendmail"), "{}", o.stderr);
    assert!(!out.exists());
    let o = wg_at(&data, TODAY, &["tasks", "remind", "--by", "unit"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("请用 --out DIR"), "{}", o.stderr);
}
