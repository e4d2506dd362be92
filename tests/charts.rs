//! The evaluation's bar chart: in the document (its numbers are the table's), as a
//! native chart in the xlsx (its ranges the table's cells), as a DrawingML chart part in
//! the docx; LibreOffice draws both where it is installed. Terminals show no chart (the
//! report snapshots are unchanged).

use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use std::io::{Cursor, Read};
use wg::model::{Lang, Quarter};
use wg::report::evaluation::{self, By};
use wg::view::{Block, Document, Medium, Value};

fn evaluation(by: By, lang: Lang, medium: Medium, quarter: &str) -> Document<'static> {
    let loaded = wg::load::load(&crate::common::root().join("data")).expect("the seed data loads");
    let data = &loaded.data;
    let today = NaiveDate::from_ymd_opt(2022, 1, 10).expect("a date");
    let q = Quarter::parse(quarter).expect("a quarter");
    let report = evaluation::evaluate(data, q, today, by, "（未定）");
    wg::view::evaluation::evaluation(data, &report, q, lang, vec![], medium)
}

fn part(bytes: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
    let mut s = String::new();
    zip.by_name(name).ok()?.read_to_string(&mut s).ok()?;
    Some(s)
}

fn number(v: Value) -> f64 {
    match v {
        Value::Number(n) => n,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_evaluation_chart_follows_its_table_with_the_tables_numbers() {
    for by in [By::Group, By::Unit, By::Owner] {
        for medium in [Medium::Ledger, Medium::Paper] {
            for lang in [Lang::Zh, Lang::En] {
                let doc = evaluation(by, lang, medium, "2021Q4");
                let at = doc
                    .blocks
                    .iter()
                    .position(|b| matches!(b, Block::Chart(_)))
                    .expect("a chart");
                let Some(Block::Table(t)) = doc.blocks.get(at - 1) else {
                    panic!("the chart does not follow a table");
                };
                assert_eq!(
                    doc.csv_table().map(|m| m.name.clone()),
                    Some(t.name.clone())
                );
                let Some(Block::Chart(c)) = doc.blocks.get(at) else {
                    unreachable!()
                };
                assert_eq!(c.source.table, doc.csv.expect("a main table"));
                let rows: Vec<_> = t.rows.iter().filter(|r| !r.total).collect();
                assert_eq!(c.source.rows, 0..rows.len());
                assert_eq!(c.categories.len(), rows.len());
                for (name, row) in c.categories.iter().zip(&rows) {
                    assert_eq!(Some(name), row.cells.first().map(|c| &c.text));
                }
                let names: Vec<&str> = c.series.iter().map(|s| s.name.as_ref()).collect();
                let want = match lang {
                    Lang::Zh => ["按期完成", "逾期完成", "逾期未完成", "在办"],
                    Lang::En => ["On time", "Late", "Overdue", "Open"],
                };
                assert_eq!(names, want);
                let col = |h: &str| t.columns.iter().position(|c| c.header == h).expect(h);
                for (s, column) in c.series.iter().zip(&c.source.series_columns) {
                    assert_eq!(*column, col(&s.name));
                    let cells: Vec<f64> = rows
                        .iter()
                        .map(|r| number(r.cells[*column].value))
                        .collect();
                    assert_eq!(s.values, cells, "{by:?} {medium:?} {}", s.name);
                }
                // Stacked, each bar is the row's tasks due.
                let due = col(match lang {
                    Lang::Zh => "到期任务",
                    Lang::En => "Due",
                });
                for (j, row) in rows.iter().enumerate() {
                    let bar: f64 = c.series.iter().map(|s| s.values[j]).sum();
                    assert_eq!(bar, number(row.cells[due].value));
                }
                assert!(c.stacked);
            }
        }
    }
}

#[test]
fn a_terminal_gets_no_chart_nor_does_a_quarter_with_nothing_due() {
    assert_eq!(
        evaluation(By::Group, Lang::Zh, Medium::Screen, "2021Q4")
            .charts()
            .count(),
        0
    );
    assert_eq!(
        evaluation(By::Group, Lang::Zh, Medium::Ledger, "2019Q1")
            .charts()
            .count(),
        0
    );
}

/// The workbook's chart: a stacked bar chart whose categories are the group column's
/// cells and whose series are the four columns' header and cells, under the table.
#[test]
fn the_xlsx_chart_refers_to_the_tables_cells() {
    let doc = evaluation(By::Group, Lang::Zh, Medium::Ledger, "2021Q4");
    let bytes = wg::render::xlsx::xlsx(&doc).expect("renders");
    assert!(
        bytes == wg::render::xlsx::xlsx(&doc).expect("renders"),
        "bytes differ"
    );
    let chart = part(&bytes, "xl/charts/chart1.xml").expect("a chart part");
    // Row 1 the title, row 2 the header, rows 3–8 the six groups, row 9 the total.
    for want in [
        r#"<c:barDir val="bar"/><c:grouping val="stacked"/>"#,
        "<c:f>检查评估!$A$3:$A$8</c:f>",
        "<c:f>检查评估!$D$2</c:f>",
        "<c:f>检查评估!$D$3:$D$8</c:f>",
        "<c:f>检查评估!$E$3:$E$8</c:f>",
        "<c:f>检查评估!$F$3:$F$8</c:f>",
        "<c:f>检查评估!$G$3:$G$8</c:f>",
        "<a:t>2021年第四季度到期任务完成情况</a:t>",
        "<a:t>任务数（项）</a:t>",
        r#"<c:legendPos val="b"/>"#,
    ] {
        assert!(chart.contains(want), "no {want} in\n{chart}");
    }
    assert!(!chart.contains("$A$9"), "the total is a category:\n{chart}");
    let drawing = part(&bytes, "xl/drawings/drawing1.xml").expect("a drawing");
    // Under the table and one empty row.
    assert!(
        drawing.contains(
            "<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>10</xdr:row>"
        ),
        "{drawing}"
    );
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens it");
    let r = wb.worksheet_range("检查评估").expect("the sheet");
    assert_eq!(r.get_value((1, 3)), Some(&Data::String("按期完成".into())));
    assert_eq!(
        r.get_value((2, 0)),
        Some(&Data::String(
            "省总推进新就业形态群体工会工作领导小组".into()
        ))
    );
    assert_eq!(r.get_value((2, 3)), Some(&Data::Float(1.0)));
    // The lines after the table follow the chart.
    let last = (0..r.height() as u32)
        .filter_map(|row| r.get_value((row, 0)))
        .filter_map(|d| d.get_string())
        .find(|s| s.starts_with("逾期完成："));
    assert!(last.is_some());
}

/// The Word document's chart part: the numbers in the caches, the body's inline
/// drawing pointing at it, its relationship and content type.
#[test]
fn the_docx_carries_the_chart_as_a_chart_part() {
    let doc = evaluation(By::Group, Lang::Zh, Medium::Paper, "2021Q4");
    let bytes = wg::render::docx::docx(&doc).expect("renders");
    assert!(
        bytes == wg::render::docx::docx(&doc).expect("renders"),
        "bytes differ"
    );
    let chart = part(&bytes, "word/charts/chart1.xml").expect("a chart part");
    for want in [
        r#"<c:barDir val="bar"/><c:grouping val="stacked"/>"#,
        r#"<c:pt idx="0"><c:v>省总推进新就业形态群体工会工作领导小组</c:v></c:pt>"#,
        r#"<c:pt idx="5"><c:v>维护安全专项小组</c:v></c:pt>"#,
        "<c:v>按期完成</c:v>",
        "<c:v>逾期未完成</c:v>",
        r#"<a:srgbClr val="C00000"/>"#,
        "<a:t>2021年第四季度到期任务完成情况</a:t>",
        r#"<a:ea typeface="宋体"/>"#,
    ] {
        assert!(chart.contains(want), "no {want} in\n{chart}");
    }
    // 建会入会专项小组 (the fourth): 2 on time, 0 late, 3 overdue, 0 open.
    let fourth: Vec<&str> = chart
        .split(r#"<c:pt idx="3"><c:v>"#)
        .skip(1)
        .filter_map(|s| s.split('<').next())
        .collect();
    assert_eq!(
        fourth,
        [
            "建会入会专项小组",
            "2",
            "建会入会专项小组",
            "0",
            "建会入会专项小组",
            "3",
            "建会入会专项小组",
            "0"
        ]
    );
    let body = part(&bytes, "word/document.xml").expect("the body");
    assert!(body.contains(r#"<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId6"/>"#), "{body}");
    // After the table, before the second section.
    let (table_end, chart_at, second) = (
        body.find("</w:tbl>").expect("a table"),
        body.find("<w:drawing>").expect("a drawing"),
        body.find("二、").expect("a second section"),
    );
    assert!(table_end < chart_at && chart_at < second);
    let rels = part(&bytes, "word/_rels/document.xml.rels").expect("rels");
    assert!(rels.contains(r#"<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml"/>"#), "{rels}");
    let types = part(&bytes, "[Content_Types].xml").expect("content types");
    assert!(types.contains(r#"<Override PartName="/word/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>"#), "{types}");
    // A document without a chart has no chart part, relationship or content type.
    let plain = evaluation(By::Group, Lang::Zh, Medium::Paper, "2019Q1");
    let bytes = wg::render::docx::docx(&plain).expect("renders");
    assert!(part(&bytes, "word/charts/chart1.xml").is_none());
    assert!(
        !part(&bytes, "[Content_Types].xml")
            .unwrap_or_default()
            .contains("chart")
    );
}

/// LibreOffice draws both charts: its PDF of the workbook and of the Word document
/// holds the chart's title and legend as text. Only where `soffice` is installed (CI
/// installs it).
#[test]
fn libreoffice_draws_the_charts() {
    let Some(soffice) = which("soffice") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but soffice is not on PATH"
        );
        println!("note: soffice is not on PATH; the LibreOffice check is skipped");
        return;
    };
    let Some(pdftotext) = which("pdftotext") else {
        println!("note: pdftotext is not on PATH; the LibreOffice check is skipped");
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let xlsx = dir.path().join("report.xlsx");
    let docx = dir.path().join("report.docx");
    let ledger = evaluation(By::Group, Lang::Zh, Medium::Ledger, "2021Q4");
    let paper = evaluation(By::Group, Lang::Zh, Medium::Paper, "2021Q4");
    std::fs::write(&xlsx, wg::render::xlsx::xlsx(&ledger).expect("renders")).expect("write");
    std::fs::write(&docx, wg::render::docx::docx(&paper).expect("renders")).expect("write");
    // Both are named report: one output directory each.
    for (input, pdf) in [(&xlsx, "xlsx.pdf"), (&docx, "docx.pdf")] {
        let outdir = dir.path().join(pdf);
        let out = std::process::Command::new(&soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.path().join("profile").display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&outdir)
            .arg(input)
            .output()
            .expect("soffice runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::process::Command::new(&pdftotext)
            .arg(outdir.join("report.pdf"))
            .arg("-")
            .output()
            .expect("pdftotext runs");
        let flat: String = String::from_utf8_lossy(&text.stdout)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for want in [
            "2021年第四季度到期任务完成情况",
            "任务数（项）",
            "按期完成逾期完成逾期未完成在办",
        ] {
            assert!(flat.contains(want), "{pdf}: no {want} in\n{flat}");
        }
    }
}

fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    })
}
