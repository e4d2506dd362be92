//! `--format docx`: the Word file read back as what it is, a zip of XML parts, by a
//! reader that is not ours (the `zip` crate's), and checked for the layout of GB/T
//! 9704-2012; then, where LibreOffice is installed, converted to PDF by it.
//!
//! No command offers docx yet on this branch: the documents are built here, as the
//! views will build them. (`emit`'s docx paths — --out needed, refused on a terminal,
//! a missing directory — are unit tests in `src/command/mod.rs`.)

use chrono::NaiveDate;
use std::io::Read;
use wg::model::{Lang, Warning};
use wg::render::docx::docx;
use wg::view::{Block, Cell, Document, Kind, Table};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// A 督办通报 as the overdue view will make it on paper: an opening paragraph, the
/// tasks by unit in a table long enough to run onto a second page, a totals row, a
/// note.
pub fn bulletin() -> Document<'static> {
    let mut doc = Document::new(Lang::Zh, Kind::Paper, "关于重点任务推进情况的督办通报");
    doc.meta("截至2026年7月15日");
    doc.as_of = Some(day(2026, 7, 15));
    doc.para(
        "截至2026年7月15日，工作组共有任务24项，已办结15项，占比62.5%；逾期未办结6项，\
         其中红色预警2项、黄色预警3项、蓝色预警1项。现将有关情况通报如下。",
    );
    doc.heading(1, "一、总体情况");
    doc.para("各牵头单位按照工作组部署推进各项任务，多数任务按期完成。");
    doc.heading(2, "（一）逾期任务");
    let mut t = Table::new("逾期任务");
    t.columns([
        "序号",
        "编号",
        "事项",
        "牵头单位",
        "完成时限",
        "逾期天数",
        "预警",
    ]);
    t.keep_words([1]);
    let levels = [Warning::Red, Warning::Yellow, Warning::Blue, Warning::Green];
    for i in 0..30u32 {
        let w = levels[(i % 4) as usize];
        t.push_warned(
            vec![
                Cell::count(i + 1),
                Cell::text(format!("T-{:03}", i + 1)),
                Cell::text("完善基层工会组织建设，推动新就业形态劳动者入会"),
                Cell::text(if i % 2 == 0 {
                    "基层工作部"
                } else {
                    "权益保障部"
                }),
                Cell::date(day(2026, 6, 1 + i % 28)),
                Cell::count(14 + i),
                Cell::warning(w, Lang::Zh),
            ],
            Some(w),
        );
    }
    t.push_total(vec![
        Cell::text("合计"),
        Cell::empty(""),
        Cell::empty(""),
        Cell::empty(""),
        Cell::empty(""),
        Cell::count(855u32),
        Cell::empty(""),
    ]);
    doc.main_table(t);
    doc.note("注：逾期天数按工作日计算。");
    doc.heading(2, "（二）下一步工作");
    doc.heading(3, "1.加强督办");
    doc.item(1, "对红色预警任务实行周调度");
    doc.detail("牵头单位：基层工作部");
    doc.item(2, "对黄色预警任务实行月通报");
    doc
}

/// A 督办通知单 to one unit.
pub fn notice() -> Document<'static> {
    let mut doc = Document::new(Lang::Zh, Kind::Letter, "督办通知单");
    doc.blocks.push(Block::Addressee("基层工作部：".into()));
    doc.para("你单位牵头的下列任务已逾期，请于2026年7月22日前书面反馈办理情况。");
    let mut t = Table::new("任务");
    t.columns(["编号", "事项", "完成时限"]);
    t.push(vec![
        Cell::text("T-001"),
        Cell::text("完善基层工会组织建设"),
        Cell::date(day(2026, 6, 30)),
    ]);
    doc.table(t);
    doc.blocks.push(Block::Signature {
        from: "工作组办公室".into(),
        date: day(2026, 7, 15),
    });
    doc
}

/// A 台账 of twelve columns: too wide for a portrait page even in 小四.
pub fn ledger() -> Document<'static> {
    let mut doc = Document::new(Lang::Zh, Kind::List, "重点任务台账");
    doc.meta("截至2026年7月15日");
    let mut t = Table::new("台账");
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
    for i in 0..3u32 {
        t.push_warned(
            vec![
                Cell::count(i + 1),
                Cell::text(format!("T-{:03}", i + 1)),
                Cell::text("完善基层工会组织建设"),
                Cell::text("年底前新建工会组织20家，发展会员1000人"),
                Cell::text("基层工作部"),
                Cell::text("组织部、宣传教育部"),
                Cell::text("张柯"),
                Cell::date(day(2026, 6, 30)),
                Cell::text("已完成摸底调查，正在推进建会工作，预计8月底完成"),
                Cell::text("进行中"),
                Cell::count(11u32),
                Cell::warning(Warning::Yellow, Lang::Zh),
            ],
            Some(Warning::Yellow),
        );
    }
    doc.main_table(t);
    doc.note("注：本台账按牵头单位排列。");
    doc
}

/// The named part of a docx file, as text.
pub fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut s)
        .expect("UTF-8");
    s
}

/// With `WG_KEEP_DOCX=DIR`, the sample documents are written there too, to look at
/// (`scripts/render-documents.sh DIR/*.docx`).
#[test]
fn sample_documents_can_be_kept() {
    let Some(dir) = std::env::var_os("WG_KEEP_DOCX") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::write(dir.join("bulletin.docx"), docx(&bulletin()).unwrap()).unwrap();
    std::fs::write(dir.join("notice.docx"), docx(&notice()).unwrap()).unwrap();
    std::fs::write(dir.join("ledger.docx"), docx(&ledger()).unwrap()).unwrap();
    std::fs::write(dir.join("mixed.docx"), docx(&mixed()).unwrap()).unwrap();
}

#[test]
fn a_docx_is_a4_with_the_margins_of_gbt_9704() {
    let bytes = docx(&bulletin()).unwrap();
    let doc = part(&bytes, "word/document.xml");
    assert!(
        doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#),
        "{doc}"
    );
    // 37, 26, 35 and 28 mm.
    assert!(doc.contains(r#"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#));
}

#[test]
fn a_docx_names_the_faces_as_offices_do_with_their_alternatives() {
    let bytes = docx(&bulletin()).unwrap();
    let styles = part(&bytes, "word/styles.xml");
    for face in [
        "方正小标宋简体",
        "仿宋_GB2312",
        "楷体_GB2312",
        "黑体",
        "宋体",
    ] {
        assert!(
            styles.contains(&format!("w:eastAsia=\"{face}\"")),
            "{face} in styles.xml"
        );
    }
    // The title 2号 (22 pt), the body 3号 (16 pt), the note 4号 (14 pt).
    assert!(
        styles
            .contains(r#"w:eastAsia="方正小标宋简体" w:cs="Times New Roman"/><w:sz w:val="44"/>"#)
    );
    assert!(styles.contains(r#"<w:sz w:val="32"/>"#));
    // Fixed lines, 22 a page; two characters' first-line indent.
    assert!(styles.contains(r#"w:line="579" w:lineRule="exact""#));
    assert!(styles.contains(r#"<w:ind w:firstLineChars="200" w:firstLine="640"/>"#));
    let fonts = part(&bytes, "word/fontTable.xml");
    for (face, alt) in [
        ("方正小标宋简体", "宋体"),
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("黑体", "SimHei"),
        ("宋体", "SimSun"),
        ("仿宋", "FangSong"),
        ("楷体", "KaiTi"),
    ] {
        assert!(
            fonts.contains(&format!(
                "<w:font w:name=\"{face}\"><w:altName w:val=\"{alt}\"/>"
            )),
            "{face} → {alt}"
        );
    }
    assert_eq!(fonts.matches(r#"<w:charset w:val="86"/>"#).count(), 7);
}

#[test]
fn a_docx_numbers_its_pages_with_em_dashes_outside() {
    let bytes = docx(&bulletin()).unwrap();
    let settings = part(&bytes, "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders/>"));
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains(r#"<w:footerReference w:type="default" r:id="rId4"/>"#));
    assert!(doc.contains(r#"<w:footerReference w:type="even" r:id="rId5"/>"#));
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml""#));
    for (name, side) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let f = part(&bytes, name);
        assert!(f.contains(&format!("<w:jc w:val=\"{side}\"/>")), "{f}");
        assert!(f.contains(
            "<w:t xml:space=\"preserve\">— </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
             <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
        ));
        assert!(f.contains("<w:t xml:space=\"preserve\"> —</w:t>"));
    }
    // 4号 宋体.
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains(
        r#"w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:cs="宋体"/><w:sz w:val="28"/>"#
    ));
}

#[test]
fn a_docx_table_has_full_borders_and_a_repeated_bold_header_row() {
    let bytes = docx(&bulletin()).unwrap();
    let doc = part(&bytes, "word/document.xml");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        assert!(
            doc.contains(&format!("<w:{side} w:val=\"single\" w:sz=\"4\"")),
            "{side}"
        );
    }
    assert_eq!(doc.matches("<w:tblHeader/>").count(), 1);
    let header = doc.split("<w:tblHeader/>").nth(1).unwrap();
    let header = header.split("</w:tr>").next().unwrap();
    assert!(
        header.contains("<w:b/>") && header.contains(">预警</w:t>"),
        "{header}"
    );
    // Dates as documents write them, numbers right-aligned, the totals row bold.
    assert!(doc.contains(">2026年6月1日</w:t>"));
    assert!(!doc.contains("2026-06-01"));
    // Seven columns with a long one do not fit 4号 on one line each: 小四.
    assert!(doc.contains(r#"<w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">14</w:t>"#));
    let total = doc.split(">合计</w:t>").next().unwrap();
    assert!(total.ends_with("<w:b/><w:bCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr><w:t xml:space=\"preserve\""));
    // Short rows are kept on one page.
    assert_eq!(doc.matches("<w:cantSplit/>").count(), 32);
}

#[test]
fn a_docx_holds_the_text_in_its_styles() {
    let bytes = docx(&bulletin()).unwrap();
    let doc = part(&bytes, "word/document.xml");
    for (style, text) in [
        ("WgTitle", "关于重点任务推进情况的督办通报"),
        ("WgMeta", "截至2026年7月15日"),
        ("Heading1", "一、总体情况"),
        ("Heading2", "（一）逾期任务"),
        ("Heading3", "1.加强督办"),
        ("WgBody", "1.对红色预警任务实行周调度"),
        ("WgBody", "牵头单位：基层工作部"),
        ("WgNote", "注：逾期天数按工作日计算。"),
    ] {
        let p = format!("<w:pStyle w:val=\"{style}\"/>");
        let found = doc
            .split("<w:p>")
            .any(|para| para.contains(&p) && para.contains(&format!(">{text}</w:t>")));
        assert!(found, "{text} in {style}");
    }
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>关于重点任务推进情况的督办通报</dc:title>"));
    assert!(
        !core.contains("dcterms:created"),
        "no time in the properties"
    );
}

#[test]
fn a_letter_is_addressed_flush_left_and_signed_on_the_right() {
    let bytes = docx(&notice()).unwrap();
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains(r#"<w:pStyle w:val="WgAddressee"/></w:pPr><w:r><w:t xml:space="preserve">基层工作部：</w:t>"#));
    assert!(doc.contains(r#"<w:pStyle w:val="WgSignature"/></w:pPr><w:r><w:t xml:space="preserve">2026年7月15日</w:t>"#));
    assert!(doc.contains(">工作组办公室</w:t>"));
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"w:styleId="WgAddressee"><w:name w:val="wg addressee"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>"#));
    assert!(styles.contains(r#"w:styleId="WgSignature"><w:name w:val="wg signature"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:rightChars="200" w:right="640"/><w:jc w:val="right"/>"#));
}

/// A ledger too wide for a portrait page is landscape throughout.
#[test]
fn a_wide_ledger_is_landscape() {
    let bytes = docx(&ledger()).unwrap();
    let doc = part(&bytes, "word/document.xml");
    assert_eq!(doc.matches("<w:sectPr>").count(), 1);
    assert!(doc.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
    assert!(doc.contains(">注：本台账按牵头单位排列。</w:t>"));
}

/// A document to read with the ledger's table in it.
fn mixed() -> Document<'static> {
    let mut doc = ledger();
    doc.kind = Kind::Paper;
    doc.blocks.insert(0, Block::Para("开头".into()));
    doc.blocks.insert(
        1,
        Block::Heading {
            level: 1,
            text: "一、台账".into(),
        },
    );
    doc.para("结尾");
    doc
}

/// In a document to read, a table too wide for a portrait page gets landscape pages
/// of its own, with the heading over it and the note under it; the body after them is
/// portrait again.
#[test]
fn a_wide_table_in_a_paper_is_set_on_landscape_pages() {
    let bytes = docx(&mixed()).unwrap();
    let doc = part(&bytes, "word/document.xml");
    let sections: Vec<&str> = doc.split("</w:sectPr>").collect();
    assert_eq!(sections.len(), 4, "portrait, landscape, portrait");
    assert!(sections[0].contains(">开头</w:t>") && !sections[0].contains("一、台账"));
    assert!(sections[0].contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    for text in ["一、台账", "<w:tbl>", "注：本台账按牵头单位排列。"] {
        assert!(sections[1].contains(text), "{text} on the landscape pages");
    }
    assert!(sections[1].contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
    assert!(sections[1].contains(r#"<w:footerReference w:type="even" r:id="rId5"/>"#));
    assert!(sections[2].contains(">结尾</w:t>"));
    assert!(sections[2].contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
}

/// The children of every `w:<parent>` element, by name, in order.
fn children<'x>(xml: &'x str, parent: &str) -> Vec<Vec<&'x str>> {
    let open = format!("<w:{parent}>");
    let mut all = Vec::new();
    for chunk in xml.split(&open).skip(1) {
        let mut names = Vec::new();
        let mut depth = 0;
        let mut rest = chunk;
        while let Some(at) = rest.find('<') {
            let tag = &rest[at + 1..];
            let end = tag.find('>').unwrap();
            let body = &tag[..end];
            rest = &tag[end + 1..];
            if body.starts_with('/') {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            } else {
                if depth == 0 {
                    names.push(body.split([' ', '/']).next().unwrap());
                }
                if !body.ends_with('/') {
                    depth += 1;
                }
            }
        }
        all.push(names);
    }
    all
}

/// Word refuses a file whose properties are out of the schema's order (LibreOffice
/// does not mind): every `w:pPr` and `w:rPr` of every part is in it.
#[test]
fn paragraph_and_run_properties_are_in_the_schemas_order() {
    const PPR: &[&str] = &[
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:pageBreakBefore",
        "w:widowControl",
        "w:spacing",
        "w:ind",
        "w:jc",
        "w:outlineLvl",
        "w:rPr",
        "w:sectPr",
    ];
    const RPR: &[&str] = &[
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:sz", "w:szCs", "w:lang",
    ];
    for doc in [bulletin(), notice(), mixed()] {
        let bytes = docx(&doc).unwrap();
        for name in [
            "word/document.xml",
            "word/styles.xml",
            "word/footer1.xml",
            "word/footer2.xml",
        ] {
            let xml = part(&bytes, name);
            for (parent, order) in [("pPr", PPR), ("rPr", RPR)] {
                for kids in children(&xml, parent) {
                    let at: Vec<usize> = kids
                        .iter()
                        .map(|k| {
                            order
                                .iter()
                                .position(|o| o == k)
                                .unwrap_or_else(|| panic!("{k} in {parent}"))
                        })
                        .collect();
                    assert!(at.is_sorted(), "{name}: {parent} holds {kids:?}");
                }
            }
        }
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let a = docx(&bulletin()).unwrap();
    let b = docx(&bulletin()).unwrap();
    assert!(a == b, "two renderings differ");
    // Every entry carries the zip format's first day, not the time it was made.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (1980, 1, 1),
            "{:?}",
            f.name()
        );
    }
}

/// LibreOffice opens the file and lays it out: the table runs over pages with its
/// header row on each, every page numbered. Only where `soffice` is installed (see
/// scripts/render-documents.sh, which also makes pictures); in CI it must be.
#[test]
fn libreoffice_converts_a_docx_to_pdf() {
    let Ok(soffice) = which("soffice") else {
        // CI installs it (.ci/run): there, a missing soffice is a broken set-up.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but soffice is not on PATH"
        );
        println!("note: soffice is not on PATH; the LibreOffice check is skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bulletin.docx");
    std::fs::write(&file, docx(&bulletin()).unwrap()).unwrap();
    let profile = dir.path().join("profile");
    let out = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.path().join("bulletin.pdf")).expect("soffice wrote a PDF");
    assert!(pdf.starts_with(b"%PDF"));
    if let Ok(pdftotext) = which("pdftotext") {
        let text = std::process::Command::new(pdftotext)
            .arg("-layout")
            .arg(dir.path().join("bulletin.pdf"))
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("督办通报"), "{text}");
        // (pdftotext drops the spaces beside the dashes.)
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(flat.contains("—1—") && flat.contains("—2—"), "{text}");
        // The header row again at the top of the second page.
        let page2 = text.split('\u{c}').nth(1).unwrap_or_default();
        assert!(page2.contains("牵头单位"), "{page2}");
    }
}

fn which(program: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
        .ok_or(())
}
