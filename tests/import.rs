//! `wg tasks import` (issue 13): ledgers written here with rust_xlsxwriter (a merged
//! title row above the header, date cells and typed dates, 长期, units split by 、 and
//! line breaks, aliases and padded names) and as CSV (UTF-8 with and without BOM,
//! GB18030). The whole output is snapshotted; the task files are checked after, and
//! `wg check` must pass. Every refusal leaves every byte alone.

use crate::common::{Output, copy_into, root, run, wg_in};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-03-01";

/// A fresh directory holding a copy of the default data as `data/`.
fn setup() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_into(&root().join("data"), &tmp.path().join("data"));
    tmp
}

/// `wg --data data --today TODAY ARGS…`, run in `dir` (so paths print relative).
fn wg_at(dir: &Path, args: &[&str]) -> Output {
    run(wg_in(dir)
        .args(["--data", "data", "--today", TODAY])
        .args(args))
}

/// The whole printed output, for a snapshot.
fn shown(out: &Output) -> String {
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.code, out.stdout, out.stderr
    )
}

/// Every file of the data directory, by relative path, without the lock file.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(
                    path.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out.remove(Path::new(".wg.lock"));
    out
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// What `tail` is appended to `before`: the text after it, which must start with it.
fn appended(before: &str, after: &str) -> String {
    assert!(
        after.starts_with(before),
        "the file was changed, not appended to"
    );
    after[before.len()..].to_owned()
}

fn check_passes(dir: &Path) {
    let out = wg_at(dir, &["check"]);
    assert_eq!(out.code, 0, "wg check: {}", out.stderr);
}

/// A cell of a test ledger.
enum C<'a> {
    S(&'a str),
    D(u16, u8, u8),
    N(f64),
    /// A formula without its value saved, as a program that does not calculate writes it.
    F(&'a str),
}

/// Writes an .xlsx ledger: sheet `sheet`, a title merged over the header's width in row
/// 1, then `rows` (the header first) from row 2 on.
fn xlsx(path: &Path, sheet: &str, title: Option<&str>, rows: &[Vec<C>]) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    let width = rows.first().map_or(1, Vec::len) as u16;
    let mut first = 0;
    if let Some(title) = title {
        let centred = Format::new().set_align(FormatAlign::Center).set_bold();
        ws.merge_range(0, 0, 0, width - 1, title, &centred).unwrap();
        first = 1;
    }
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (first + r as u32, c as u16);
            match cell {
                C::S("") => {}
                C::S(s) => {
                    ws.write_string(r, c, *s).unwrap();
                }
                C::D(y, m, d) => {
                    let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
                }
                C::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                C::F(f) => {
                    let f = rust_xlsxwriter::Formula::new(*f).set_result("");
                    ws.write_formula(r, c, f).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

use C::{D, N, S};

/// The ledger offices send: a merged title, 序号 and a partly filled 编号, a header
/// with a line break inside, 责任单位 as the lead unit (no 牵头单位 column), units split
/// by 、 and by line breaks, aliases, a padded name, date cells, typed dates, 长期.
fn office_ledger(path: &Path) {
    xlsx(
        path,
        "重点任务",
        Some("2026年建会入会重点任务台账"),
        &[
            vec![
                S("序号"),
                S("编号"),
                S("重点\n任务"),
                S("责任单位"),
                S("配合单位"),
                S("责任人"),
                S("完成时限"),
                S("目标要求"),
                S("状态"),
                S("进展情况"),
                S("备注"),
            ],
            vec![
                N(1.0),
                S(""),
                S("推进网约车司机入会集中行动"),
                S("省总基层工作部"),
                S("组织部、省总工会宣传教育和网络工作部"),
                S("王 军"),
                D(2026, 9, 30),
                S("新发展会员不少于 1 万人"),
                S("进行中"),
                S("已在南京试点"),
                S("重点"),
            ],
            vec![
                N(2.0),
                S(""),
                S("开展新就业形态劳动者普法宣传"),
                S("法律工作部"),
                S("省总工会办公室（研究室）\n财务资产管理部"),
                S(""),
                S("长期"),
                S(""),
                S(""),
                S(""),
                S(""),
            ],
            vec![
                N(3.0),
                S("JH-20"),
                S("建设司机之家"),
                S("基层工作部"),
                S(""),
                S("张祖春"),
                S("2026年9月底"),
                S(""),
                S("未开始"),
                S(""),
                S(""),
            ],
            vec![
                N(4.0),
                S(""),
                S("快递网点建会"),
                S(""),
                S(""),
                S(""),
                S("2026/10/8"),
                S(""),
                S(""),
                S(""),
                S(""),
            ],
            // Already a task: by 编号, with a deadline that differs from the file's.
            vec![
                N(5.0),
                S("JH-01"),
                S("开展货车司机工会组建专项行动"),
                S(""),
                S(""),
                S(""),
                S("2026.11.30"),
                S(""),
                S(""),
                S(""),
                S(""),
            ],
        ],
    );
}

#[test]
fn an_office_ledger_becomes_tasks_and_a_second_import_adds_nothing() {
    let tmp = setup();
    let dir = tmp.path();
    office_ledger(&dir.join("台账.xlsx"));
    let file = dir.join("data/tasks/membership.toml");
    let before = text(&file);
    let out = wg_at(
        dir,
        &["tasks", "import", "台账.xlsx", "--group", "membership"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("import-office-ledger", shown(&out));
    insta::assert_snapshot!("import-office-ledger-file", appended(&before, &text(&file)));
    check_passes(dir);
    let show = wg_at(dir, &["--lang", "en", "tasks", "show", "JH-08"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert!(show.stdout.contains("已在南京试点"), "{}", show.stdout);

    // Twice more: nothing is added, not a byte changes.
    let after = files(&dir.join("data"));
    for _ in 0..2 {
        let again = wg_at(
            dir,
            &[
                "--lang",
                "en",
                "tasks",
                "import",
                "台账.xlsx",
                "--group",
                "membership",
            ],
        );
        assert_eq!(again.code, 0, "{}", again.stderr);
        assert!(
            again
                .stdout
                .ends_with("nothing to add: all 5 rows are already tasks\n"),
            "{}",
            again.stdout
        );
        assert!(
            files(&dir.join("data")) == after,
            "a re-import changed a file"
        );
        insta::assert_snapshot!("import-office-ledger-again", shown(&again));
    }
}

#[test]
fn a_dry_run_prints_the_tasks_and_writes_nothing() {
    let tmp = setup();
    let dir = tmp.path();
    office_ledger(&dir.join("ledger.xlsx"));
    let before = files(&dir.join("data"));
    let out = wg_at(
        dir,
        &[
            "--lang",
            "en",
            "tasks",
            "import",
            "ledger.xlsx",
            "--group",
            "membership",
            "--dry-run",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("import-dry-run", shown(&out));
    assert!(
        files(&dir.join("data")) == before,
        "a dry run changed a file"
    );
    assert!(
        !dir.join("data/.wg.lock").exists(),
        "a dry run took the lock"
    );
}

/// A CSV ledger with a 小组 column (by id and by name) and a 牵头单位 column, so that
/// 责任单位 is read as supporting units; tasks go to two groups' files.
const CSV: &str = "任务清单（2026 年）,,,,,\n\
小组,事项,牵头单位,责任单位,截止时间,状态\n\
membership,推进外卖送餐员入会,基层工作部,\"组织部；女职工部\",2026-06-30,\n\
思想政治引领专项小组,开展网约车司机思想引领活动,宣传教育和网络工作部,,2026年7月15日,in-progress\n\
\n\
security,排查新就业形态劳动者劳动关系风险,,,常态化,\n";

#[test]
fn a_csv_ledger_is_read_with_and_without_a_byte_order_mark() {
    let mut outputs = Vec::new();
    for (name, bom) in [("plain.csv", ""), ("bom.csv", "\u{feff}")] {
        let tmp = setup();
        let dir = tmp.path();
        std::fs::write(dir.join(name), format!("{bom}{CSV}")).unwrap();
        let before = text(&dir.join("data/tasks/ideology.toml"));
        let out = wg_at(dir, &["--lang", "en", "tasks", "import", name]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        check_passes(dir);
        let ideology = appended(&before, &text(&dir.join("data/tasks/ideology.toml")));
        assert!(ideology.contains("status = \"in-progress\""), "{ideology}");
        assert!(ideology.contains("due = 2026-07-15"), "{ideology}");
        outputs.push(shown(&out).replace(name, "LEDGER.csv"));
    }
    assert_eq!(outputs[0], outputs[1]);
    insta::assert_snapshot!("import-csv", outputs[0]);
}

#[test]
fn a_gb18030_csv_is_decoded_and_said_so() {
    let tmp = setup();
    let dir = tmp.path();
    let (bytes, _, bad) = encoding_rs::GB18030.encode(CSV);
    assert!(!bad);
    assert!(std::str::from_utf8(&bytes).is_err());
    std::fs::write(dir.join("gbk.csv"), &bytes).unwrap();
    let out = wg_at(
        dir,
        &["--lang", "en", "tasks", "import", "gbk.csv", "--dry-run"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("import-gb18030", shown(&out));
}

/// Runs an import that must be refused: exit 2, not a byte of the data changed.
/// Returns the whole output, in English.
fn refused(dir: &Path, args: &[&str]) -> String {
    let before = files(&dir.join("data"));
    let args: Vec<&str> = ["--lang", "en", "tasks", "import"]
        .iter()
        .chain(args)
        .copied()
        .collect();
    let out = wg_at(dir, &args);
    assert_eq!(out.code, 2, "{args:?}: {}", out.stdout);
    assert!(
        files(&dir.join("data")) == before,
        "{args:?} changed a file"
    );
    shown(&out)
}

fn header() -> Vec<C<'static>> {
    vec![
        S("编号"),
        S("事项"),
        S("牵头单位"),
        S("责任人"),
        S("完成时限"),
    ]
}

#[test]
fn every_bad_row_is_listed_with_its_cell_and_nothing_is_written() {
    let tmp = setup();
    let dir = tmp.path();
    xlsx(
        &dir.join("bad.xlsx"),
        "Sheet1",
        Some("台账"),
        &[
            header(),
            vec![
                S(""),
                S("好的一行"),
                S("基层工作部"),
                S("张祖春"),
                D(2026, 5, 1),
            ],
            vec![
                S(""),
                S("单位写错"),
                S("基层部"),
                S("张祖"),
                S("2026-06-30"),
            ],
            vec![S(""), S("日期写错"), S(""), S(""), S("2026年13月1日")],
            vec![S("JH-30"), S("编号重复一"), S(""), S(""), S("")],
            vec![S("JH-30"), S("编号重复二"), S(""), S(""), S("")],
            vec![S("AQ-01"), S("别组的编号"), S(""), S(""), S("")],
            vec![S("JH 31"), S("编号不合规"), S(""), S(""), S("")],
            vec![S(""), S(""), S("组织部"), S(""), S("")],
        ],
    );
    let out = refused(dir, &["bad.xlsx", "--group", "membership"]);
    insta::assert_snapshot!("import-bad-rows", out);
}

#[test]
fn a_ledger_without_group_column_asks_for_group() {
    let tmp = setup();
    let dir = tmp.path();
    xlsx(
        &dir.join("l.xlsx"),
        "Sheet1",
        None,
        &[header(), vec![S(""), S("新任务"), S(""), S(""), S("")]],
    );
    insta::assert_snapshot!("import-no-group", refused(dir, &["l.xlsx"]));
}

#[test]
fn ledger_files_that_cannot_be_read_are_refused_by_name() {
    let tmp = setup();
    let dir = tmp.path();
    // No header row among the first ten.
    xlsx(
        &dir.join("noheader.xlsx"),
        "Sheet1",
        Some("台账"),
        &[vec![S("名称"), S("单位")], vec![S("建会"), S("组织部")]],
    );
    // An empty sheet after a good one.
    let mut book = Workbook::new();
    book.add_worksheet().set_name("任务").unwrap();
    book.add_worksheet().set_name("说明").unwrap();
    book.save(dir.join("empty.xlsx")).unwrap();
    // A header and nothing below it.
    xlsx(&dir.join("norows.xlsx"), "Sheet1", None, &[header()]);
    std::fs::write(dir.join("fake.xlsx"), "编号,事项\n").unwrap();
    std::fs::write(dir.join("good.csv"), "事项\n新任务\n").unwrap();
    std::fs::write(dir.join("notes.txt.doc"), "hello").unwrap();
    std::fs::create_dir(dir.join("folder.xlsx")).unwrap();
    let mut out = String::new();
    for args in [
        &["missing.xlsx", "--group", "membership"][..],
        &["noheader.xlsx", "--group", "membership"],
        &["empty.xlsx", "--group", "membership"],
        &["empty.xlsx", "--sheet", "说明", "--group", "membership"],
        &["empty.xlsx", "--sheet", "任物", "--group", "membership"],
        &["norows.xlsx", "--group", "membership"],
        &["fake.xlsx", "--group", "membership"],
        &["notes.txt.doc", "--group", "membership"],
        &["folder.xlsx", "--group", "membership"],
        &["norows.xlsx", "--sheet", "Sheet1", "--group", "membershp"],
        &["good.csv", "--group", "membershp"],
        &["good.csv", "--sheet", "Sheet1", "--group", "membership"],
        &["fake.xlsx", "--format", "json"],
    ] {
        out.push_str(&format!("$ wg tasks import {}\n", args.join(" ")));
        out.push_str(&refused(dir, args));
        out.push('\n');
    }
    insta::assert_snapshot!("import-unreadable", out);
}

#[test]
fn the_messages_follow_the_org_language() {
    let tmp = setup();
    let dir = tmp.path();
    xlsx(
        &dir.join("l.xlsx"),
        "Sheet1",
        None,
        &[
            header(),
            vec![S(""), S("单位写错"), S("基层部"), S(""), S("下半年")],
        ],
    );
    let out = wg_at(dir, &["tasks", "import", "l.xlsx", "--group", "membership"]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!("import-bad-rows-zh", shown(&out));
}

/// The README's import example (a ```text block: it reads a file of the repository, not
/// of the copy the console examples run in) prints what the README shows.
#[test]
fn the_readmes_import_example_prints_what_the_readme_shows() {
    let readme = text(&root().join("README.md"));
    let command =
        "$ wg --today 2022-01-10 tasks import examples/ledger.csv --group membership --dry-run\n";
    let block = readme
        .split_once(&format!("```text\n{command}"))
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block)
        .expect("the README shows the import example");
    let out = run(wg_in(&root()).args([
        "--data",
        "data",
        "--today",
        "2022-01-10",
        "tasks",
        "import",
        "examples/ledger.csv",
        "--group",
        "membership",
        "--dry-run",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, block);
}

/// A formula whose value the file does not hold is never read as an empty cell: a
/// deadline `=DATE(2022,4,1)` without its value is an unreadable date, named by its
/// cell, and the file is named as one to open and save first.
#[test]
fn a_formula_without_its_value_is_named_not_taken_as_empty() {
    use C::{F, S};
    let tmp = setup();
    let dir = tmp.path();
    xlsx(
        &dir.join("公式.xlsx"),
        "Sheet1",
        None,
        &[
            vec![S("事项"), S("牵头单位"), S("完成时限")],
            vec![
                S("推进网约车司机入会"),
                S("基层工作部"),
                F("DATE(2026,4,1)"),
            ],
        ],
    );
    drop_formula_values(&dir.join("公式.xlsx"));
    let before = files(&dir.join("data"));
    let out = wg_at(
        dir,
        &["tasks", "import", "公式.xlsx", "--group", "membership"],
    );
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("C2"), "{}", out.stderr);
    assert!(out.stderr.contains("=DATE(2026,4,1)"), "{}", out.stderr);
    assert!(files(&dir.join("data")) == before, "a file changed");
}

/// Takes the saved values of formulas out of a workbook (rust_xlsxwriter always writes
/// one), as openpyxl and other writers that do not calculate leave them.
fn drop_formula_values(path: &Path) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).unwrap();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name.starts_with("xl/worksheets/") {
            // Whatever stands between a formula and the end of its cell is its value.
            let mut text = String::from_utf8(data).unwrap();
            let mut from = 0;
            while let Some(f) = text[from..].find("</f>") {
                let start = from + f + "</f>".len();
                let end = start + text[start..].find("</c>").unwrap();
                text.replace_range(start..end, "");
                from = start;
            }
            assert!(from > 0, "no formula in {name}");
            // A cell typed as a string result would read as an empty string.
            data = text.replace(" t=\"str\"", "").into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

/// A 小组 column with an empty cell: the cell is named, and the message says it is
/// empty (not that the ledger has no such column).
#[test]
fn an_empty_group_cell_is_named_as_empty() {
    let tmp = setup();
    let dir = tmp.path();
    std::fs::write(
        dir.join("l.csv"),
        "小组,事项\nmembership,推进外卖送餐员入会\n,没填小组的任务\n",
    )
    .unwrap();
    let out = refused(dir, &["l.csv"]);
    assert!(out.contains("row 3"), "{out}");
    assert!(out.contains("cell is empty"), "{out}");
    assert!(!out.contains("no 小组 column"), "{out}");
}

/// An empty CSV has no sheets to pick: the hint fits a CSV.
#[test]
fn an_empty_csv_is_not_told_to_pick_a_sheet() {
    let tmp = setup();
    let dir = tmp.path();
    std::fs::write(dir.join("empty.csv"), "").unwrap();
    std::fs::write(dir.join("blank.csv"), ",,\n\n").unwrap();
    for name in ["empty.csv", "blank.csv"] {
        let out = refused(dir, &[name, "--group", "membership"]);
        assert!(!out.contains("--sheet"), "{out}");
        assert!(out.contains("is empty"), "{out}");
    }
}

/// A ledger's typed dates are read as a filled form's are (one parser): a year outside
/// 0001–9999 is refused at its cell, as the form intake refuses it (before, the import
/// took it and only the validation of the file it would write refused it, naming a
/// line of a file that was never written); 2026年9月30, without 日, is a date.
#[test]
fn a_ledger_date_outside_the_years_is_refused_at_its_cell() {
    let tmp = setup();
    let dir = tmp.path();
    std::fs::write(
        dir.join("l.csv"),
        "小组,事项,截止时间\nmembership,零年的任务,0000-06-30\nmembership,没写日的任务,2026年9月30\n",
    )
    .unwrap();
    let out = refused(dir, &["l.csv"]);
    assert!(
        out.contains("error: l.csv: row 2, column C (截止时间): \"0000-06-30\" is not a date"),
        "{out}"
    );
    assert!(!out.contains("row 3"), "{out}");
    assert!(!out.contains("would make the data invalid"), "{out}");
    assert!(out.contains("a problem in l.csv"), "{out}");
}

/// 完成 and 2026年6月底, as a form may now have them, are taken from a ledger too.
#[test]
fn a_ledger_takes_the_words_a_form_takes() {
    let tmp = setup();
    let dir = tmp.path();
    std::fs::write(
        dir.join("l.csv"),
        "小组,事项,截止时间,状态,完成日期\nmembership,办完的任务,2026年6月底,完成,2026年2月底\n",
    )
    .unwrap();
    let before = text(&dir.join("data/tasks/membership.toml"));
    let out = wg_at(dir, &["tasks", "import", "l.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let added = appended(&before, &text(&dir.join("data/tasks/membership.toml")));
    assert!(added.contains("due = 2026-06-30"), "{added}");
    assert!(added.contains("status = \"done\""), "{added}");
    assert!(added.contains("done_on = 2026-02-28"), "{added}");
    check_passes(dir);
}
