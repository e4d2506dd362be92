//! The xlsx renderer (台账): workbooks read back by readers that are not ours —
//! calamine for the values, date and number cells, sheet names and cell styles; the
//! sheet XML itself for the frozen pane, the filter and the page setup — and, where
//! LibreOffice is installed, a round trip through it.
//!
//! (No command offers `--format xlsx` yet; the command-line rules — `--out` needed, no
//! terminal — are tested through `command::emit` in its unit tests.)

use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use std::io::{Cursor, Read};
use wg::model::{Lang, Warning};
use wg::render::xlsx::xlsx;
use wg::view::{Cell, Document, Kind, Table};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// An overdue ledger as a view would make it: title, as-of date, one meta line, a table
/// of typed cells with warned rows and a totals row, a note; then a summary table.
fn ledger() -> Document<'static> {
    let mut doc = Document::new(Lang::Zh, Kind::List, "逾期任务台账");
    doc.as_of = Some(date(2026, 7, 15));
    doc.meta.push("单位：市总工会办公室".into());
    let mut t = Table::new("逾期任务");
    t.columns([
        "序号",
        "编号",
        "事项",
        "完成时限",
        "完成率",
        "逾期天数",
        "预警",
        "备注",
    ]);
    t.push_warned(
        vec![
            Cell::count(1u32),
            Cell::text("T-001"),
            Cell::text("召开季度工作推进会，研究部署下一阶段重点工作"),
            Cell::date(date(2026, 6, 30)),
            Cell::percent(0.5, "50.0%"),
            Cell::count(15u32),
            Cell::warning(Warning::Red, Lang::Zh),
            Cell::empty("无"),
        ],
        Some(Warning::Red),
    );
    t.push_warned(
        vec![
            Cell::count(2u32),
            Cell::text("T-002"),
            Cell::text("=SUM(A1:A2) 不是公式"),
            Cell::date_shown(date(2026, 7, 10), "2026-07-10（每月）"),
            Cell::percent(0.25, "25.0%"),
            Cell::count(5u32),
            Cell::warning(Warning::Yellow, Lang::Zh),
            Cell::text("第一行\n第二行"),
        ],
        Some(Warning::Yellow),
    );
    t.push_total(vec![
        Cell::text("合计"),
        Cell::empty(""),
        Cell::empty(""),
        Cell::empty(""),
        Cell::empty(""),
        Cell::count(20u32),
    ]);
    doc.main_table(t);
    doc.note("注：逾期天数按自然日计算。");
    let mut s = Table::new("汇总");
    s.columns(["牵头单位", "逾期任务"]);
    s.push(vec![Cell::text("基层工作部"), Cell::count(2u32)]);
    doc.table(s);
    doc.para("以上为汇总。");
    doc
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut s)
        .expect("UTF-8 XML");
    s
}

fn string(s: &str) -> Data {
    Data::String(s.to_owned())
}

#[test]
fn ledger_values_read_back_as_typed_cells() {
    let bytes = xlsx(&ledger()).expect("renders");
    let mut wb = open(&bytes);
    assert_eq!(wb.sheet_names(), ["逾期任务", "汇总"]);
    let r = wb.worksheet_range("逾期任务").expect("the first sheet");
    let at = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    // The title row and the meta line, then the header.
    assert_eq!(at(0, 0), string("逾期任务台账（截至2026年7月15日）"));
    assert_eq!(at(1, 0), string("单位：市总工会办公室"));
    let header: Vec<Data> = (0..8).map(|c| at(2, c)).collect();
    assert_eq!(
        header,
        [
            "序号",
            "编号",
            "事项",
            "完成时限",
            "完成率",
            "逾期天数",
            "预警",
            "备注"
        ]
        .map(string)
    );
    // Numbers as numbers, text as text (never a formula), dates as date cells.
    assert_eq!(at(3, 0), Data::Float(1.0));
    assert_eq!(at(3, 1), string("T-001"));
    assert_eq!(at(4, 2), string("=SUM(A1:A2) 不是公式"));
    for (row, want) in [(3, date(2026, 6, 30)), (4, date(2026, 7, 10))] {
        let cell = at(row, 3);
        assert!(matches!(cell, Data::DateTime(_)), "{cell:?}");
        assert_eq!(cell.as_datetime().map(|t| t.date()), Some(want));
    }
    assert_eq!(at(3, 4), Data::Float(0.5));
    assert_eq!(at(3, 5), Data::Float(15.0));
    assert_eq!(at(3, 6), string("红"));
    assert_eq!(at(3, 7), Data::Empty, "an empty cell, not its placeholder");
    assert_eq!(at(4, 7), string("第一行\n第二行"));
    assert_eq!(at(5, 0), string("合计"));
    assert_eq!(at(5, 5), Data::Float(20.0));
    // The note after the table, past one empty row.
    assert_eq!(at(6, 0), Data::Empty);
    assert_eq!(at(7, 0), string("注：逾期天数按自然日计算。"));
    // The title is merged across the table's width.
    let merged = wb.merge_cells_by_sheet_name("逾期任务").expect("merges");
    assert!(
        merged.iter().any(|d| d.start == (0, 0) && d.end == (0, 7)),
        "{merged:?}"
    );

    // The second table on its own sheet, with the title row too, and its paragraph.
    let s = wb.worksheet_range("汇总").expect("the second sheet");
    let at = |row: u32, col: u32| s.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 0), string("逾期任务台账（截至2026年7月15日）"));
    assert_eq!(at(1, 0), string("牵头单位"));
    assert_eq!(at(2, 0), string("基层工作部"));
    assert_eq!(at(2, 1), Data::Float(2.0));
    assert_eq!(at(4, 0), string("以上为汇总。"));
}

#[test]
fn ledger_styles_fill_warned_rows_and_bold_the_header_and_totals() {
    let bytes = xlsx(&ledger()).expect("renders");
    let mut wb = open(&bytes);
    let styles = wb.worksheet_style("逾期任务").expect("styles");
    let style = |row, col| styles.get((row, col)).cloned().unwrap_or_default();
    let fill = |row, col| {
        style(row, col)
            .fill
            .and_then(|f| f.get_color())
            .map(|c| (c.red, c.green, c.blue))
    };
    let bold = |row, col| style(row, col).font.is_some_and(|f| f.is_bold());
    let num = |row, col| style(row, col).number_format.map(|n| n.format_code);
    assert!(bold(0, 0), "the title is bold");
    assert!(
        style(0, 0)
            .font
            .and_then(|f| f.size)
            .is_some_and(|s| s > 11.0),
        "and larger"
    );
    assert!(bold(2, 0) && bold(2, 7), "the header is bold");
    assert_eq!(fill(2, 0), Some((0xD9, 0xD9, 0xD9)), "and filled");
    // The red row in a light tint, its 预警 cell in the strong colour; the yellow row.
    assert_eq!(fill(3, 0), Some((0xFF, 0xD7, 0xD7)));
    assert_eq!(fill(3, 7), Some((0xFF, 0xD7, 0xD7)), "an empty cell too");
    assert_eq!(fill(3, 6), Some((0xC0, 0x00, 0x00)));
    assert_eq!(fill(4, 0), Some((0xFF, 0xF2, 0xCC)));
    assert_eq!(fill(4, 6), Some((0xFF, 0xC0, 0x00)));
    assert_eq!(fill(5, 0), None, "the totals row has no level");
    assert!(bold(5, 0) && bold(5, 5), "the totals row is bold");
    assert!(!bold(3, 0), "a data row is not");
    assert_eq!(num(3, 3).as_deref(), Some("yyyy-mm-dd"));
    assert_eq!(num(4, 3).as_deref(), Some("yyyy-mm-dd\"（每月）\""));
    assert_eq!(num(3, 4).as_deref(), Some("0.0%"));
}

#[test]
fn ledger_freezes_filters_and_prints_one_page_wide() {
    let bytes = xlsx(&ledger()).expect("renders");
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let has = |s: &str| assert!(sheet.contains(s), "sheet1.xml lacks {s}:\n{sheet}");
    // Frozen below the header (row 3), filtered over the header and the rows but not the
    // totals row.
    has(r#"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#);
    has(r#"<autoFilter ref="A3:H5"/>"#);
    // A4 landscape, one page wide and as tall as it takes, centred, page numbers.
    has(r#"<pageSetUpPr fitToPage="1"/>"#);
    has(r#"<printOptions horizontalCentered="1"/>"#);
    has(r#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape""#);
    has("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>");
    has(r#"<mergeCell ref="A1:H1"/>"#);
    // The header row repeated on every printed page.
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains(
            r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">逾期任务!$3:$3</definedName>"#
        ),
        "{workbook}"
    );
    assert!(
        workbook.contains(r#"<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">逾期任务!$A$3:$H$5</definedName>"#),
        "{workbook}"
    );
    // Thin borders on the table's cells.
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"<left style="thin">"#), "{styles}");
    assert!(styles.contains(r#"<fgColor rgb="FFFFD7D7"/>"#), "{styles}");
    // The creation date is the as-of date, not the clock.
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-07-15T00:00:00Z</dcterms:created>"#
        ),
        "{core}"
    );
}

#[test]
fn column_widths_follow_display_width() {
    let bytes = xlsx(&ledger()).expect("renders");
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    // 事项 holds 22 Chinese characters (44 columns) + 2; 编号 "T-001" is 5 + 2 (Excel
    // stores the width plus its padding: 7 → 7.7109375).
    assert!(
        sheet.contains(r#"<col min="3" max="3" width="46.7109375" customWidth="1"/>"#),
        "{sheet}"
    );
    assert!(
        sheet.contains(r#"<col min="2" max="2" width="7.7109375" customWidth="1"/>"#),
        "{sheet}"
    );
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let a = xlsx(&ledger()).expect("renders");
    let b = xlsx(&ledger()).expect("renders");
    assert!(a == b, "two renderings differ");
    // The bytes depend on the as-of date (the creation date), nothing else.
    let mut later = ledger();
    later.as_of = Some(date(2026, 7, 16));
    assert!(xlsx(&later).expect("renders") != a);
}

#[test]
fn a_document_without_tables_is_one_sheet_of_text() {
    let mut doc = Document::new(Lang::En, Kind::Paper, "Agenda");
    doc.heading(1, "1. Opening");
    doc.item(1, "Welcome");
    doc.detail("by the chair");
    let bytes = xlsx(&doc).expect("renders");
    let mut wb = open(&bytes);
    assert_eq!(wb.sheet_names(), ["Sheet1"]);
    let r = wb.worksheet_range("Sheet1").expect("the sheet");
    let col: Vec<Data> = (0..4)
        .map(|row| r.get_value((row, 0)).cloned().unwrap_or(Data::Empty))
        .collect();
    assert_eq!(
        col,
        ["Agenda", "1. Opening", "1. Welcome", "    by the chair"].map(string)
    );
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<pane"), "nothing to freeze");
}

#[test]
fn text_longer_than_an_excel_cell_is_an_error_naming_the_cell() {
    let mut doc = Document::new(Lang::En, Kind::List, "Tasks");
    let mut t = Table::new("Tasks");
    t.columns(["ID", "Notes"]);
    t.push(vec![Cell::text("T-1"), Cell::text("x".repeat(40_000))]);
    doc.main_table(t);
    let e = xlsx(&doc).expect_err("too long for a cell");
    let shown = format!("{e:#}");
    assert!(shown.contains("cell B3 of sheet \"Tasks\""), "{shown}");
    assert!(shown.contains("40000 characters"), "{shown}");
}

/// LibreOffice opens the ledger and saves it again as xlsx, and what it saved reads
/// back with the same values (its own writer, another reader's view of our file).
/// Runs only where `soffice` is on PATH.
#[test]
fn libreoffice_resaves_the_ledger() {
    let Some(soffice) = which("soffice") else {
        eprintln!("note: soffice is not on PATH; the LibreOffice round trip is not run");
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let input = dir.path().join("in").join("ledger.xlsx");
    std::fs::create_dir_all(input.parent().expect("a parent")).expect("mkdir");
    std::fs::write(&input, xlsx(&ledger()).expect("renders")).expect("write");
    let outdir = dir.path().join("out");
    let profile = format!("file://{}", dir.path().join("profile").display());
    let status = std::process::Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&outdir)
        .arg(&input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("soffice runs");
    assert!(status.success(), "soffice failed: {status}");
    let resaved = std::fs::read(outdir.join("ledger.xlsx")).expect("LibreOffice wrote it");
    let mut wb = open(&resaved);
    assert_eq!(wb.sheet_names(), ["逾期任务", "汇总"]);
    let r = wb.worksheet_range("逾期任务").expect("the first sheet");
    let at = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 0), string("逾期任务台账（截至2026年7月15日）"));
    assert_eq!(at(2, 2), string("事项"));
    assert_eq!(at(3, 1), string("T-001"));
    assert_eq!(
        at(3, 3).as_datetime().map(|t| t.date()),
        Some(date(2026, 6, 30))
    );
    assert_eq!(at(3, 4).as_f64(), Some(0.5));
    assert_eq!(at(3, 5).as_f64(), Some(15.0));
    assert_eq!(at(7, 0), string("注：逾期天数按自然日计算。"));
    // LibreOffice kept the page setup and the filter. (Not the frozen pane: a headless
    // LibreOffice has no view, and saves none; the desktop one keeps it.)
    let sheet = part(&resaved, "xl/worksheets/sheet1.xml");
    for kept in [
        r#"fitToWidth="1" fitToHeight="0""#,
        r#"orientation="landscape""#,
        r#"<autoFilter ref="A3:H5">"#,
    ] {
        assert!(sheet.contains(kept), "LibreOffice dropped {kept}:\n{sheet}");
    }
}

fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    })
}

/// A ledger with the 台账's columns and enough rows for two printed pages.
fn long_ledger() -> Document<'static> {
    let mut doc = Document::new(Lang::Zh, Kind::List, "工作任务台账");
    doc.as_of = Some(date(2026, 7, 15));
    let mut t = Table::new("任务台账");
    t.columns([
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
        "预警",
    ]);
    let levels = [
        Some(Warning::Red),
        Some(Warning::Yellow),
        Some(Warning::Blue),
        Some(Warning::Green),
        None,
    ];
    for i in 0..40u32 {
        let level = levels.get(i as usize % levels.len()).copied().flatten();
        t.push_warned(
            vec![
                Cell::count(i + 1),
                Cell::text(format!("2026-{:03}", i + 1)),
                Cell::text(format!("推进第{}批职工服务阵地建设", i + 1)),
                Cell::text("按照“有场地、有设施、有制度、有活动”的标准，年底前完成建设并通过验收"),
                Cell::text("基层工作部"),
                Cell::text("财务部、各产业工会"),
                Cell::text("王建国"),
                Cell::date(date(2026, 6, 1 + i % 28)),
                Cell::text("已完成选址，正在组织施工，预计下月底完成主体工程"),
                Cell::text("进行中"),
                Cell::count(44 - i % 28),
                match level {
                    Some(w) => Cell::warning(w, Lang::Zh),
                    None => Cell::empty(""),
                },
            ],
            level,
        );
    }
    doc.main_table(t);
    doc.note("注：逾期天数按自然日计算。");
    doc
}

/// LibreOffice prints the ledger on A4 landscape, one page wide, the header on every
/// page. Runs only where `soffice` and `pdftotext` are on PATH. With `WG_RENDER_DIR`
/// set, the workbook and the PDF are kept there (for looking at them).
#[test]
fn libreoffice_prints_the_ledger_landscape_one_page_wide_header_on_each_page() {
    let (Some(soffice), Some(pdftotext), Some(pdfinfo)) =
        (which("soffice"), which("pdftotext"), which("pdfinfo"))
    else {
        eprintln!("note: soffice, pdftotext or pdfinfo is not on PATH; the print check is not run");
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let input = dir.path().join("ledger.xlsx");
    std::fs::write(&input, xlsx(&long_ledger()).expect("renders")).expect("write");
    let profile = format!("file://{}", dir.path().join("profile").display());
    let status = std::process::Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("soffice runs");
    assert!(status.success(), "soffice failed: {status}");
    let pdf = dir.path().join("ledger.pdf");
    let run = |cmd: &std::path::Path, args: &[&str]| {
        let out = std::process::Command::new(cmd)
            .args(args)
            .arg(&pdf)
            .args(if cmd.ends_with("pdftotext") {
                &["-"][..]
            } else {
                &[][..]
            })
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let info = run(&pdfinfo, &[]);
    // A4 landscape: 842 x 595 points (LibreOffice rounds the height its own way).
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap_or_default();
    assert!(
        size.trim().starts_with("841.89 x 595.") && size.ends_with("(A4)"),
        "{info}"
    );
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    if let Some(keep) = std::env::var_os("WG_RENDER_DIR") {
        let keep = std::path::PathBuf::from(keep);
        std::fs::create_dir_all(&keep).expect("mkdir");
        std::fs::copy(&input, keep.join("ledger.xlsx")).expect("copy");
        std::fs::copy(&pdf, keep.join("ledger.pdf")).expect("copy");
    }
    assert!(pages >= 2, "40 rows on one page? {info}");
    for page in 1..=pages {
        let p = page.to_string();
        let text = run(&pdftotext, &["-layout", "-f", &p, "-l", &p]);
        // Every column on the page (one page wide), the header repeated.
        for head in ["序号", "事项", "目标要求", "进展情况", "逾期天数", "预警"] {
            assert!(text.contains(head), "page {page} lacks {head}:\n{text}");
        }
        assert!(
            text.contains(&format!("第 {page} 页，共 {pages} 页")),
            "{text}"
        );
    }
}

#[test]
fn odd_documents_still_make_workbooks() {
    // No title, no as-of date, an empty table, a table without columns, a short row,
    // a long row, two tables of one name.
    let mut doc = Document::new(Lang::En, Kind::List, "");
    doc.table(Table::new("Same"));
    let mut t = Table::new("same");
    t.columns(["a", "b", "c"]);
    t.push(vec![Cell::text("short")]);
    t.push((0..5).map(|i| Cell::count(i as u32)).collect());
    doc.table(t);
    let mut bare = Table::new("");
    bare.push(vec![Cell::text("x")]);
    doc.table(bare);
    doc.para("after");
    let bytes = xlsx(&doc).expect("renders");
    let mut wb = open(&bytes);
    assert_eq!(wb.sheet_names(), ["Same", "same (2)", "Sheet3"]);
    let r = wb.worksheet_range("same (2)").expect("the sheet");
    assert_eq!(r.get_value((0, 0)), Some(&string("a")), "no title row");
    assert_eq!(r.get_value((2, 4)), Some(&Data::Float(4.0)));
    let r = wb.worksheet_range("Sheet3").expect("the sheet");
    assert_eq!(r.get_value((1, 0)), Some(&string("x")));
    assert_eq!(r.get_value((3, 0)), Some(&string("after")));
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(64))]

    /// Any text comes back as it went in (control characters, XML's specials, Excel's
    /// own `_x0041_` escapes, astral characters), under any sheet name.
    #[test]
    fn any_text_reads_back_unchanged(
        title in "\\PC{0,20}",
        name in "\\PC{0,40}",
        cells in proptest::collection::vec("(\\PC|[\\x01-\\x1f]|_x00[0-9A-F]{2}_|[<>&\"'=+@-]){0,30}", 1..6),
    ) {
        let mut doc = Document::new(Lang::Zh, Kind::List, title.clone());
        let mut t = Table::new(name);
        t.columns((0..cells.len()).map(|i| format!("列{i}")));
        t.push(cells.iter().map(|c| Cell::text(c.clone())).collect());
        doc.main_table(t);
        let bytes = xlsx(&doc).expect("renders");
        let mut wb = open(&bytes);
        let sheet = wb.sheet_names().first().cloned().expect("a sheet");
        let r = wb.worksheet_range(&sheet).expect("the sheet");
        let first = if title.is_empty() { 0 } else { 1 };
        if !title.is_empty() {
            proptest::prop_assert_eq!(r.get_value((0, 0)), Some(&string(&title)));
        }
        for (c, text) in cells.iter().enumerate() {
            let got = r.get_value((first + 1, c as u32)).cloned().unwrap_or(Data::Empty);
            let want = if text.is_empty() { Data::Empty } else { string(text) };
            proptest::prop_assert_eq!(got, want);
        }
    }
}
