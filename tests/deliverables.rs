//! The clerk's deliverables, made by the real `wg` on the default data (`data/`, as of
//! 2022-01-10) and read back by readers that are not ours: each Word file unzipped
//! (the `zip` crate) and its XML checked for the layout of GB/T 9704-2012 and for its
//! text; each workbook read with calamine (values, date and number cells, sheet names)
//! and unzipped for the frozen pane, the filter and the page setup. Then the command
//! line around them (--out needed, a missing directory, a pipe) and, where LibreOffice
//! is installed, all of them converted to PDF by it in one run.

use crate::common::{root, run, wg_in};
use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};
use serde_json::Value;
use std::io::{Cursor, Read};
use std::path::Path;

const TODAY: &str = "2022-01-10";

/// The Word deliverables: file name, the command, its title.
const DOCX: &[(&str, &[&str], &str)] = &[
    (
        "督办通报.docx",
        &["tasks", "overdue"],
        "关于重点任务逾期未办结情况的督办通报",
    ),
    (
        "督办通知单.docx",
        &["tasks", "notice", "--unit", "基层工作部"],
        "督办通知单",
    ),
    (
        "议程.docx",
        &["meeting", "agenda", "--quarter", "2021Q4"],
        "省总推进新就业形态群体工会工作领导小组2021年第四季度会议议程",
    ),
    (
        "检查评估报告.docx",
        &["report", "--quarter", "2021Q4"],
        "2021年第四季度重点任务检查评估情况报告",
    ),
    (
        "名单.docx",
        &["roster", "show"],
        "省总推进新就业形态群体工会工作领导小组成员名单",
    ),
];

/// The Excel deliverables: file name, the command, the sheets' names.
const XLSX: &[(&str, &[&str], &[&str])] = &[
    ("台账.xlsx", &["tasks", "list"], &["任务台账"]),
    (
        "逾期台账.xlsx",
        &["tasks", "overdue"],
        &["逾期任务", "逾期汇总"],
    ),
    ("到期台账.xlsx", &["tasks", "due"], &["近期到期任务"]),
    (
        "检查评估.xlsx",
        &["report", "--quarter", "2021Q4"],
        &["检查评估"],
    ),
    ("会议.xlsx", &["meeting", "list"], &["会议"]),
    ("名单.xlsx", &["roster", "show"], &["成员名单"]),
    ("单位.xlsx", &["roster", "units"], &["单位参与情况"]),
];

/// `wg --data data --today 2022-01-10 ARGS --format FORMAT --out FILE` run in `dir`;
/// the file's bytes.
fn make(dir: &Path, name: &str, args: &[&str], format: &str) -> Vec<u8> {
    let data = root().join("data");
    let out = run(wg_in(dir)
        .arg("--data")
        .arg(&data)
        .args(["--today", TODAY])
        .args(args)
        .args(["--format", format, "--out", name]));
    assert_eq!(out.code, 0, "{args:?} --format {format}: {}", out.stderr);
    assert_eq!(
        out.stdout, "",
        "{args:?}: nothing on stdout with --out FILE"
    );
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `wg … ARGS --format json`, parsed.
fn json(args: &[&str]) -> Value {
    let out = run(wg_in(&root())
        .args(["--today", TODAY])
        .args(args)
        .args(["--format", "json"]));
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    serde_json::from_str(&out.stdout).expect("JSON")
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut s)
        .expect("UTF-8");
    s
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The paragraphs of a document part: (style, text), the text of all its runs joined (a
/// line break as `\n`).
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for chunk in xml.split("<w:p>").skip(1) {
        let para = chunk.split("</w:p>").next().unwrap_or_default();
        let style = para
            .split("<w:pStyle w:val=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("")
            .to_owned();
        let mut text = String::new();
        let mut rest = para;
        while let Some(at) = rest.find('<') {
            let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
            let tag = &rest[at..tag_end];
            rest = &rest[tag_end..];
            if tag.starts_with("<w:t>") || tag.starts_with("<w:t ") {
                let end = rest.find("</w:t>").unwrap_or(rest.len());
                text.push_str(&unescape(&rest[..end]));
                rest = &rest[end..];
            } else if tag.starts_with("<w:br") {
                text.push('\n');
            }
        }
        all.push((style, text));
    }
    all
}

fn texts<'p>(paras: &'p [(String, String)], style: &str) -> Vec<&'p str> {
    paras
        .iter()
        .filter(|(s, _)| s == style)
        .map(|(_, t)| t.as_str())
        .collect()
}

/// An ISO date (2021-12-31) anywhere in the text.
fn iso_date(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
        (digits(0..4) && w[4] == b'-' && digits(5..7) && w[7] == b'-' && digits(8..10))
            .then(|| &text[i..i + 10])
    })
}

#[test]
fn every_word_deliverable_is_laid_out_after_gbt_9704() {
    let dir = tempfile::tempdir().unwrap();
    for (name, args, title) in DOCX {
        let bytes = make(dir.path(), name, args, "docx");
        let doc = part(&bytes, "word/document.xml");
        // A4 portrait (these deliverables have no table too wide for it), margins 37,
        // 26, 35 and 28 mm.
        assert!(
            doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#),
            "{name}: A4"
        );
        assert!(
            doc.contains(r#"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#),
            "{name}: margins"
        );
        // The title, as one paragraph (a long one may be set on two lines).
        let paras = paragraphs(&doc);
        let titles = texts(&paras, "WgTitle");
        assert_eq!(titles.len(), 1, "{name}: {titles:?}");
        assert_eq!(titles[0].replace('\n', ""), *title, "{name}");
        let core = part(&bytes, "docProps/core.xml");
        assert!(
            core.contains(&format!("<dc:title>{title}</dc:title>")),
            "{name}: {core}"
        );
        // The faces as offices name them: 小标宋 for the title, 仿宋 for the body, 黑体
        // and 楷体 for the headings; the font table names them all.
        let styles = part(&bytes, "word/styles.xml");
        let fonts = part(&bytes, "word/fontTable.xml");
        for face in ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"] {
            assert!(
                styles.contains(&format!("w:eastAsia=\"{face}\"")),
                "{name}: {face} in styles.xml"
            );
            assert!(
                fonts.contains(&format!("<w:font w:name=\"{face}\">")),
                "{name}: {face} in fontTable.xml"
            );
        }
        // Page numbers "— 1 —" in the footers, outside.
        for footer in ["word/footer1.xml", "word/footer2.xml"] {
            let f = part(&bytes, footer);
            assert!(f.contains(" PAGE </w:instrText>"), "{name}: {footer}");
            assert!(f.contains(">— </w:t>") && f.contains("> —</w:t>"), "{name}");
        }
        assert!(doc.contains(r#"<w:footerReference w:type="default""#));
        // Every table repeats its header row on each page.
        let tables = doc.matches("<w:tbl>").count();
        assert_eq!(
            doc.split("<w:tbl>")
                .skip(1)
                .filter(|t| t
                    .split("</w:tr>")
                    .next()
                    .unwrap()
                    .contains("<w:tblHeader/>"))
                .count(),
            tables,
            "{name}: a table without a repeated header row"
        );
        // The body's dates as documents write them (2022年1月10日), in the meta lines,
        // headings and table cells at least.
        for (style, text) in &paras {
            if matches!(
                style.as_str(),
                "WgTitle" | "WgMeta" | "WgCell" | "Heading1" | "Heading2" | "WgSignature"
            ) {
                assert_eq!(iso_date(text), None, "{name}: {style} {text}");
            }
        }
    }
}

/// Where each document's tables are, and that their cells hold dates as 年月日.
#[test]
fn the_word_deliverables_hold_their_tables_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let tables = |name: &str, args: &[&str]| {
        let doc = part(&make(dir.path(), name, args, "docx"), "word/document.xml");
        (doc.matches("<w:tbl>").count(), doc)
    };
    // The 督办通报: a table per lagging unit and the summary.
    let (n, doc) = tables("a.docx", &["tasks", "overdue"]);
    assert_eq!(n, 4);
    assert!(doc.contains(">2021年10月29日</w:t>"), "JH-04's deadline");
    assert!(!doc.contains("2021-10-29"));
    // The agenda: its tables of tasks; the report: the counts.
    assert!(tables("b.docx", &["meeting", "agenda", "--quarter", "2021Q4"]).0 > 0);
    assert_eq!(tables("c.docx", &["report", "--quarter", "2021Q4"]).0, 1);
    // The 名单 is lines, no table.
    let (n, doc) = tables("d.docx", &["roster", "show"]);
    assert_eq!(n, 0);
    let paras = paragraphs(&doc);
    let body = texts(&paras, "WgBody").join("\n");
    assert!(body.contains("朱劲松"), "{body}");
    assert!(body.contains("组\u{3000}长：朱劲松"), "{body}");
}

/// The 督办通报's opening paragraph says what `tasks overdue` and `tasks list` count in
/// their JSON.
#[test]
fn the_bulletin_opens_with_the_counts_of_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let doc = part(
        &make(dir.path(), "b.docx", &["tasks", "overdue"], "docx"),
        "word/document.xml",
    );
    let paras = paragraphs(&doc);
    let body = texts(&paras, "WgBody");
    let opening = body.first().expect("an opening paragraph");

    let overdue = json(&["tasks", "overdue"]);
    let list = json(&["tasks", "list"]);
    let tasks = list["tasks"].as_array().unwrap();
    let count = |f: &dyn Fn(&Value) -> bool| tasks.iter().filter(|t| f(t)).count();
    let cancelled = count(&|t| t["status"] == "cancelled");
    let all = tasks.len() - cancelled;
    let done = count(&|t| t["status"] == "done");
    let overdue_n = overdue["count"].as_u64().unwrap() as usize;
    assert_eq!(overdue_n, overdue["tasks"].as_array().unwrap().len());
    let yellow = count(&|t| t["warning"] == "yellow");
    let share = (100.0 * done as f64 / all as f64).round();
    let want = format!(
        "截至2022年1月10日，共有任务{all}项，已办结{done}项，占比{share}%；未办结{}项，\
         其中逾期未办结{overdue_n}项（红色预警），临近截止{yellow}项（黄色预警）。\
         另有已取消任务{cancelled}项，不计入。",
        all - done
    );
    assert_eq!(*opening, want);
    assert_eq!(
        (all, done, overdue_n, yellow),
        (39, 16, 6, 1),
        "the seed data"
    );

    // Then the tasks by lead unit, the unit with the most first, each task's id in its
    // unit's table.
    let mut units: Vec<(String, usize)> = Vec::new();
    for t in overdue["tasks"].as_array().unwrap() {
        let u = t["lead_unit"].as_str().unwrap().to_owned();
        match units.iter_mut().find(|(n, _)| *n == u) {
            Some((_, k)) => *k += 1,
            None => units.push((u, 1)),
        }
    }
    units.sort_by_key(|u| std::cmp::Reverse(u.1));
    let headings = texts(&paras, "Heading2");
    let numerals = ["一", "二", "三"];
    for (i, (u, k)) in units.iter().enumerate() {
        assert_eq!(headings[i], format!("（{}）{u}（{k}项）", numerals[i]));
    }
    for t in overdue["tasks"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        assert!(
            paras.iter().any(|(s, x)| s == "WgCell" && x == id),
            "{id} in a table"
        );
    }
    // Signed by the office, dated the as-of date.
    assert_eq!(
        texts(&paras, "WgSignature"),
        ["领导小组办公室", "2022年1月10日"]
    );
}

/// The 督办通知单 is addressed to the unit, lists its overdue tasks and names the reply
/// date (7 days on).
#[test]
fn the_notice_is_addressed_to_the_unit_with_its_tasks_and_a_reply_date() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["tasks", "notice", "--unit", "基层工作部"];
    let doc = part(
        &make(dir.path(), "n.docx", &args, "docx"),
        "word/document.xml",
    );
    let paras = paragraphs(&doc);
    assert_eq!(texts(&paras, "WgAddressee"), ["基层工作部："]);
    let body = texts(&paras, "WgBody").join("\n");
    assert!(body.contains("逾期未办结3项"), "{body}");
    assert!(body.contains("于2022年1月17日前"), "{body}");
    let overdue = json(&["tasks", "overdue"]);
    let mine: Vec<&str> = overdue["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["lead_unit"] == "基层工作部")
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(mine.len(), 3);
    let cells: Vec<&str> = texts(&paras, "WgCell");
    for id in mine {
        assert!(cells.contains(&id), "{id} in {cells:?}");
    }
    assert!(cells.contains(&"2021年12月31日"), "{cells:?}");
    assert_eq!(
        texts(&paras, "WgSignature"),
        ["领导小组办公室", "2022年1月10日"]
    );
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
}

fn string(s: &str) -> Data {
    Data::String(s.to_owned())
}

#[test]
fn every_excel_deliverable_has_its_sheets_frozen_filtered_and_set_for_a4() {
    let dir = tempfile::tempdir().unwrap();
    for (name, args, sheets) in XLSX {
        let bytes = make(dir.path(), name, args, "xlsx");
        let mut wb = open(&bytes);
        assert_eq!(wb.sheet_names(), *sheets, "{name}");
        for (i, sheet) in sheets.iter().enumerate() {
            let r = wb.worksheet_range(sheet).expect("the sheet");
            let title = r.get_value((0, 0)).cloned().unwrap_or(Data::Empty);
            let title = title.as_string().unwrap_or_default();
            // The evaluation stands at the quarter's end, and its title says so.
            let as_of = if *name == "检查评估.xlsx" {
                "（截至 2021-12-31）"
            } else {
                "（截至2022年1月10日）"
            };
            assert!(title.ends_with(as_of), "{name}/{sheet}: {title}");
            let xml = part(&bytes, &format!("xl/worksheets/sheet{}.xml", i + 1));
            assert!(
                xml.contains(r#"state="frozen"/>"#) && xml.contains("<autoFilter ref="),
                "{name}/{sheet}: frozen and filtered"
            );
            assert!(
                xml.contains(r#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape""#),
                "{name}/{sheet}: A4 landscape"
            );
            assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{name}");
        }
        let workbook = part(&bytes, "xl/workbook.xml");
        assert_eq!(
            workbook.matches("_xlnm.Print_Titles").count(),
            sheets.len(),
            "{name}: the header row repeated on every page"
        );
    }
}

/// The 台账 of `tasks list`: the ledger's columns, a row a task, dates as date cells and
/// counts as numbers.
#[test]
fn the_ledger_reads_back_as_typed_cells_in_the_ledgers_columns() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = make(dir.path(), "台账.xlsx", &["tasks", "list"], "xlsx");
    let mut wb = open(&bytes);
    let r = wb.worksheet_range("任务台账").unwrap();
    let at = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 0), string("任务台账（截至2022年1月10日）"));
    // Title, meta line, header: rows 1 to 3.
    let header: Vec<Data> = (0..12).map(|c| at(2, c)).collect();
    assert_eq!(
        header,
        [
            "序号",
            "编号",
            "事项",
            "目标要求",
            "牵头单位",
            "配合单位",
            "责任人",
            "完成时限",
            "进展情况",
            "状态",
            "逾期天数",
            "预警"
        ]
        .map(string)
    );
    let list = json(&["tasks", "list"]);
    let tasks = list["tasks"].as_array().unwrap();
    for (i, t) in tasks.iter().enumerate() {
        let row = 3 + i as u32;
        assert_eq!(at(row, 0), Data::Float((i + 1) as f64), "序号");
        assert_eq!(at(row, 1), string(t["id"].as_str().unwrap()));
        let due = at(row, 7);
        assert!(matches!(due, Data::DateTime(_)), "{due:?}");
        let want: chrono::NaiveDate = t["next_due"].as_str().unwrap().parse().unwrap();
        assert_eq!(
            due.as_datetime().map(|d| d.date()),
            Some(want),
            "{}",
            t["id"]
        );
        match t["days_overdue"].as_u64() {
            Some(d) if d > 0 => assert_eq!(at(row, 10), Data::Float(d as f64)),
            _ => assert_eq!(at(row, 10), Data::Empty, "{}", t["id"]),
        }
    }
    assert_eq!(at(3 + tasks.len() as u32, 1), Data::Empty, "a row a task");
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains(
            r#"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#
        )
    );
    assert!(xml.contains(&format!(r#"<autoFilter ref="A3:L{}"/>"#, 3 + tasks.len())));
}

/// The overdue ledger's second sheet is the summary of the JSON, in age bands.
#[test]
fn the_overdue_ledger_has_the_summary_sheet_of_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = make(dir.path(), "逾期.xlsx", &["tasks", "overdue"], "xlsx");
    let mut wb = open(&bytes);
    let overdue = json(&["tasks", "overdue"]);
    let r = wb.worksheet_range("逾期任务").unwrap();
    let at = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    for (i, t) in overdue["tasks"].as_array().unwrap().iter().enumerate() {
        let row = 3 + i as u32;
        assert_eq!(at(row, 1), string(t["id"].as_str().unwrap()));
        assert_eq!(
            at(row, 10),
            Data::Float(t["days_overdue"].as_f64().unwrap())
        );
        assert_eq!(at(row, 11), string("红"));
    }
    let s = wb.worksheet_range("逾期汇总").unwrap();
    let at = |row: u32, col: u32| s.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    let header: Vec<Data> = (0..6).map(|c| at(1, c)).collect();
    assert_eq!(
        header,
        ["小组", "1-7天", "8-30天", "31-90天", "90天以上", "合计"].map(string)
    );
    let summary = &overdue["summary"];
    let bands = [
        "band_1_7",
        "band_8_30",
        "band_31_90",
        "band_over_90",
        "total",
    ];
    let rows = summary["rows"].as_array().unwrap();
    for (i, row) in rows.iter().enumerate() {
        let at_row = 2 + i as u32;
        assert_eq!(at(at_row, 0), string(row["name"].as_str().unwrap()));
        for (c, band) in bands.iter().enumerate() {
            assert_eq!(
                at(at_row, 1 + c as u32),
                Data::Float(row[band].as_f64().unwrap()),
                "{} {band}",
                row["name"]
            );
        }
    }
    let total = 2 + rows.len() as u32;
    assert_eq!(at(total, 0), string("合计"));
    assert_eq!(
        at(total, 5),
        Data::Float(summary["total"]["total"].as_f64().unwrap())
    );
}

/// The same data and --today give the same bytes, for every deliverable.
#[test]
fn every_deliverable_is_the_same_bytes_twice() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let docx = DOCX.iter().map(|(n, a, _)| (*n, *a, "docx"));
    let xlsx = XLSX.iter().map(|(n, a, _)| (*n, *a, "xlsx"));
    for (name, args, format) in docx.chain(xlsx) {
        let one = make(a.path(), name, args, format);
        let two = make(b.path(), name, args, format);
        assert!(one == two, "{name}: two runs differ");
    }
}

fn wg_seed(dir: &Path, args: &[&str]) -> crate::common::Output {
    run(wg_in(dir)
        .arg("--data")
        .arg(root().join("data"))
        .args(["--today", TODAY])
        .args(args))
}

fn empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().next().is_none()
}

#[test]
fn docx_for_a_command_without_a_document_is_a_usage_error_naming_its_formats() {
    let dir = tempfile::tempdir().unwrap();
    for (args, formats) in [
        (
            &["tasks", "list"][..],
            "table, text, json, yaml, markdown, csv, xlsx",
        ),
        (
            &["roster", "units"][..],
            "table, text, json, yaml, markdown, csv, xlsx",
        ),
    ] {
        let mut all = args.to_vec();
        all.extend(["--format", "docx", "--out", "x.docx"]);
        let out = wg_seed(dir.path(), &all);
        assert_eq!(out.code, 2, "{args:?}");
        let name = args.join(" ");
        assert_eq!(
            out.stderr,
            format!("error: `{name}` cannot print docx; choose --format {formats}\n")
        );
        assert_eq!(out.stdout, "");
        assert!(empty(dir.path()), "{args:?}: nothing written");
    }
}

#[test]
fn a_file_format_without_out_is_exit_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (args, format) in [
        (&["tasks", "overdue"][..], "docx"),
        (&["roster", "show"][..], "docx"),
        (&["tasks", "list"][..], "xlsx"),
        (&["meeting", "list"][..], "xlsx"),
    ] {
        let mut all = args.to_vec();
        all.extend(["--format", format]);
        let out = wg_seed(dir.path(), &all);
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(
            out.stderr,
            format!(
                "error: `{} --format {format}` writes a file and needs --out FILE (--out - for a pipe)\n",
                args.join(" ")
            )
        );
        assert_eq!(out.stdout, "", "no bytes on stdout");
        assert!(empty(dir.path()));
    }
}

#[test]
fn out_into_a_missing_directory_is_exit_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (args, format) in [
        (&["tasks", "overdue"][..], "docx"),
        (&["tasks", "overdue"][..], "xlsx"),
    ] {
        let mut all = args.to_vec();
        all.extend(["--format", format, "--out", "missing/file"]);
        let out = wg_seed(dir.path(), &all);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.contains("missing"), "{}", out.stderr);
        assert_eq!(out.stdout, "");
        assert!(empty(dir.path()), "nothing written, no directory made");
    }
}

/// `--out -` into a pipe gives the same bytes as the file.
#[test]
fn a_workbook_and_a_document_go_into_a_pipe_with_out_dash() {
    let dir = tempfile::tempdir().unwrap();
    for (args, format) in [
        (&["tasks", "overdue"][..], "xlsx"),
        (&["tasks", "overdue"][..], "docx"),
    ] {
        let file = make(dir.path(), "f", args, format);
        let mut all = args.to_vec();
        all.extend(["--format", format, "--out", "-"]);
        let out = wg_in(dir.path())
            .arg("--data")
            .arg(root().join("data"))
            .args(["--today", TODAY])
            .args(&all)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?} {format}");
        assert!(
            out.stdout == file,
            "{format}: the pipe's bytes are the file's"
        );
    }
    let piped = wg_in(dir.path())
        .arg("--data")
        .arg(root().join("data"))
        .args([
            "--today", TODAY, "tasks", "overdue", "--format", "xlsx", "--out", "-",
        ])
        .output()
        .unwrap();
    let mut wb = open(&piped.stdout);
    assert_eq!(wb.sheet_names(), ["逾期任务", "逾期汇总"]);
    let r = wb.worksheet_range("逾期任务").unwrap();
    assert_eq!(r.get_value((3, 1)), Some(&string("JH-04")));
}

fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// LibreOffice opens every deliverable and lays it out: each converts to a PDF of at
/// least one page with the title in its text. One soffice run converts them all. Only
/// where `soffice` is installed; in CI it must be (see tests/docx.rs).
#[test]
fn libreoffice_converts_every_deliverable_to_pdf() {
    let Some(soffice) = which("soffice") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but soffice is not on PATH"
        );
        println!("note: soffice is not on PATH; the LibreOffice check is skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // ASCII names: the PDFs are named after the files.
    let mut files = Vec::new();
    let mut want = Vec::new();
    for (i, (_, args, title)) in DOCX.iter().enumerate() {
        let name = format!("d{i}.docx");
        make(dir.path(), &name, args, "docx");
        files.push(name);
        want.push((format!("d{i}"), title.to_string()));
    }
    for (i, (_, args, sheets)) in XLSX.iter().enumerate() {
        let name = format!("x{i}.xlsx");
        make(dir.path(), &name, args, "xlsx");
        files.push(name);
        // A sheet's title row: the table's name.
        want.push((format!("x{i}"), sheets[0].to_string()));
    }
    let profile = dir.path().join("profile");
    let out = std::process::Command::new(soffice)
        .current_dir(dir.path())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir", "pdf"])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdftotext = which("pdftotext");
    if pdftotext.is_none() {
        println!("note: pdftotext is not on PATH; the PDFs' text is not checked");
    }
    for (stem, title) in want {
        let pdf = dir.path().join("pdf").join(format!("{stem}.pdf"));
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{stem}.pdf: {e}"));
        assert!(bytes.starts_with(b"%PDF"), "{stem}");
        let Some(pdftotext) = &pdftotext else {
            continue;
        };
        let text = std::process::Command::new(pdftotext)
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        let pages = text.matches('\u{c}').count();
        assert!(pages > 0, "{stem}: no page");
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(flat.contains(&title), "{stem}: {title} in\n{text}");
    }
}

/// A title too long for one line in 2号 is set on two, broken where the words allow
/// (never inside 2021, as LibreOffice broke it: "…小组2" / "021年…").
#[test]
fn a_long_title_is_set_on_two_lines_between_words() {
    let dir = tempfile::tempdir().unwrap();
    for (args, want) in [
        (
            &["meeting", "agenda", "--quarter", "2021Q4"][..],
            "省总推进新就业形态群体工会工作领导小组\n2021年第四季度会议议程",
        ),
        (
            &["roster", "show"][..],
            "省总推进新就业形态群体工会工作领导小组\n成员名单",
        ),
        (
            &["tasks", "overdue"][..],
            "关于重点任务逾期未办结情况的督办通报",
        ),
    ] {
        let doc = part(
            &make(dir.path(), "t.docx", args, "docx"),
            "word/document.xml",
        );
        let paras = paragraphs(&doc);
        assert_eq!(texts(&paras, "WgTitle"), [want], "{args:?}");
    }
}

/// The signature is never alone on a page: the sender keeps with the date, and the
/// paragraph over it with the sender (the 督办通报 put its date alone on page 3).
#[test]
fn the_signature_keeps_with_the_body_over_it() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["tasks", "overdue"][..],
        &["tasks", "notice", "--unit", "基层工作部"][..],
    ] {
        let doc = part(
            &make(dir.path(), "s.docx", args, "docx"),
            "word/document.xml",
        );
        let before = doc
            .split("<w:pStyle w:val=\"WgSignature\"/>")
            .next()
            .unwrap();
        let last = before.rsplit("<w:p>").nth(1).unwrap();
        assert!(
            last.starts_with("<w:pPr><w:pStyle w:val=\"WgBody\"/><w:keepNext/>"),
            "{args:?}: {last}"
        );
        assert!(doc.contains(
            "<w:pStyle w:val=\"WgSignature\"/><w:keepNext/><w:spacing w:before=\"579\"/>"
        ));
    }
}
