//! Documents ([`crate::view::Document`]) as Word files (docx), laid out after
//! GB/T 9704-2012, the layout of Chinese official documents: A4, margins 37/35/28/26 mm,
//! a 2号 小标宋 title, a 3号 仿宋 body of 22 lines a page, 黑体 and 楷体 headings, tables
//! with full borders whose header row repeats on every page, page numbers "— 1 —" in
//! 4号 宋体, outside on each page (odd pages right, even pages left).
//!
//! The WordprocessingML is written here, not with docx-rs (0.4.22): its table rows
//! have no `w:tblHeader` (a header row cannot repeat on each page) and its font table
//! is fixed (Times New Roman, Symbol, Arial), so the GB2312 faces cannot be declared
//! with the alternatives a machine without them should use. The parts are few and
//! small; the zip container is the `zip` crate's, with a fixed timestamp on every
//! entry, so the same document gives the same bytes.

mod chart;

use crate::model::Lang;
use crate::view::words::field;
use crate::view::{Block, Cell, Document, Kind, Table, Value, long_date};
use std::fmt::Write as _;
use std::io::Write as _;
use unicode_width::UnicodeWidthStr as _;

/// Lengths in twentieths of a point (twips): 1 mm = 56.69 twips.
mod twips {
    /// A4.
    pub const PAGE_W: u32 = 11906;
    pub const PAGE_H: u32 = 16838;
    /// GB/T 9704 §5.2.1: top 37 mm, bottom 35 mm, left (the binding side) 28 mm,
    /// right 26 mm; the type area is 156 × 225 mm.
    pub const TOP: u32 = 2098;
    pub const BOTTOM: u32 = 1984;
    pub const LEFT: u32 = 1587;
    pub const RIGHT: u32 = 1474;
    /// The footer's bottom edge above the page's: the page number's top then sits
    /// about 7 mm under the type area, as §7.5 asks.
    pub const FOOTER: u32 = 1304;
    pub const HEADER: u32 = 851;
    /// 22 lines in the 225 mm type area (§5.2.2): 28.95 pt a line, fixed. (Fixed line
    /// spacing, not a document grid: LibreOffice snaps a table's lines to the grid too.)
    pub const LINE: u32 = 579;
    /// One character of the 3号 body (16 pt): indents are counted in characters.
    pub const CHAR: u32 = 320;
    /// One character of the 4号 page number (14 pt): it sits one character in.
    pub const FOOTER_CHAR: u32 = 280;
    /// A cell's inner margin, each side.
    pub const CELL_MARGIN: u32 = 85;
}

/// The faces, as offices name them, and what each one falls back to.
mod face {
    pub const TITLE: &str = "方正小标宋简体";
    pub const BODY: &str = "仿宋_GB2312";
    pub const KAI: &str = "楷体_GB2312";
    pub const HEI: &str = "黑体";
    pub const SONG: &str = "宋体";
    /// Latin letters and digits in running text.
    pub const LATIN: &str = "Times New Roman";
}

/// A table's font size, in half-points: 4号 (14 pt), 小四 (12 pt), 五号 (10.5 pt).
const SIZE_4: u32 = 28;
const SIZE_SMALL_4: u32 = 24;
const SIZE_5: u32 = 21;

/// The document as a docx file's bytes.
pub fn docx(doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
    let doc = &*doc.whole();
    let charts = doc.charts().count();
    let mut parts = vec![
        ("[Content_Types].xml".to_owned(), content_types(charts)),
        ("_rels/.rels".to_owned(), ROOT_RELS.to_owned()),
        ("docProps/core.xml".to_owned(), core(doc)),
        ("docProps/app.xml".to_owned(), APP.to_owned()),
        (
            "word/_rels/document.xml.rels".to_owned(),
            document_rels(charts),
        ),
        ("word/document.xml".to_owned(), document(doc)),
        ("word/styles.xml".to_owned(), styles(doc.lang)),
        ("word/settings.xml".to_owned(), SETTINGS.to_owned()),
        ("word/fontTable.xml".to_owned(), font_table()),
        ("word/footer1.xml".to_owned(), footer(Side::Odd)),
        ("word/footer2.xml".to_owned(), footer(Side::Even)),
    ];
    for (i, c) in doc.charts().enumerate() {
        parts.push((
            format!("word/charts/chart{}.xml", i + 1),
            chart::part(c, doc.lang),
        ));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed time (1980-01-01, the zip format's first day) and mode: the bytes do not
    // depend on when or where they were made.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, xml) in parts {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// The parts' content types, with `charts` chart parts.
fn content_types(charts: usize) -> String {
    let mut s = CONTENT_TYPES.to_owned();
    let end = s.len() - "</Types>".len();
    let mut more = String::new();
    for i in 1..=charts {
        let _ = write!(
            more,
            "<Override PartName=\"/word/charts/chart{i}.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"
        );
    }
    s.insert_str(end, &more);
    s
}

/// The document's relationships, with one to each of `charts` chart parts
/// (`rId6`, `rId7` …: see [`chart_rel`]).
fn document_rels(charts: usize) -> String {
    let mut s = DOCUMENT_RELS.to_owned();
    let end = s.len() - "</Relationships>".len();
    let mut more = String::new();
    for i in 1..=charts {
        let _ = write!(
            more,
            "<Relationship Id=\"{}\" \
             Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" \
             Target=\"charts/chart{i}.xml\"/>",
            chart_rel(i)
        );
    }
    s.insert_str(end, &more);
    s
}

/// The relationship id of chart `n` (from 1), after the five fixed ones.
fn chart_rel(n: usize) -> String {
    format!("rId{}", n + 5)
}

const CONTENT_TYPES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>",
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    "</Types>"
);

const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>",
    "</Relationships>"
);

const DOCUMENT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>",
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
    "<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>",
    "</Relationships>"
);

/// No author and no dates: the file says what it is, not when or by whom it was made.
const APP: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">",
    "<Application>wg</Application></Properties>"
);

/// Odd and even pages have footers of their own (the page number outside); Word's
/// own compatibility mode, so that it does not open the file as an old one.
const SETTINGS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:zoom w:percent=\"100\"/>",
    "<w:defaultTabStop w:val=\"640\"/>",
    "<w:evenAndOddHeaders/>",
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>",
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
    "</w:settings>"
);

fn core(doc: &Document<'_>) -> String {
    let mut s = String::from(XML_HEAD);
    s.push_str(
        "<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
    );
    s.push_str("<dc:title>");
    // A title's line breaks become spaces here too.
    escape_into(&mut s, &doc.title);
    s.push_str("</dc:title><dc:language>");
    s.push_str(lang_tag(doc.lang));
    s.push_str("</dc:language></cp:coreProperties>");
    s
}

fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en-GB",
    }
}

/// The font table: each face with its charset (GB2312 = 86), family and the name a
/// machine without it should look for (`w:altName`), so that Word, WPS and
/// LibreOffice substitute a Chinese face rather than a Latin one. The alternatives
/// are declared too, with the Windows faces' English names as theirs.
fn font_table() -> String {
    // (name, alternative, PANOSE, family)
    const FONTS: &[(&str, &str, &str, &str)] = &[
        (face::TITLE, "宋体", "02000000000000000000", "auto"),
        (face::BODY, "仿宋", "02010609030101010101", "modern"),
        (face::KAI, "楷体", "02010609030101010101", "modern"),
        (face::HEI, "SimHei", "02010609060101010101", "modern"),
        (face::SONG, "SimSun", "02010600030101010101", "auto"),
        ("仿宋", "FangSong", "02010609060101010101", "modern"),
        ("楷体", "KaiTi", "02010609060101010101", "modern"),
    ];
    let mut s = String::from(XML_HEAD);
    let _ = write!(s, "<w:fonts {W_NS}>");
    for (name, alt, panose, family) in FONTS {
        let _ = write!(
            s,
            "<w:font w:name=\"{name}\"><w:altName w:val=\"{alt}\"/>\
             <w:panose1 w:val=\"{panose}\"/><w:charset w:val=\"86\"/>\
             <w:family w:val=\"{family}\"/><w:pitch w:val=\"variable\"/>\
             <w:sig w:usb0=\"00000003\" w:usb1=\"080E0000\" w:usb2=\"00000010\" \
             w:usb3=\"00000000\" w:csb0=\"00040001\" w:csb1=\"00000000\"/></w:font>"
        );
    }
    let _ = write!(
        s,
        "<w:font w:name=\"{}\"><w:panose1 w:val=\"02020603050405020304\"/>\
         <w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>",
        face::LATIN
    );
    s.push_str("</w:fonts>");
    s
}

/// `w:rFonts` for a Chinese face, Latin letters and digits in Times New Roman.
fn fonts(east_asia: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"{l}\" w:hAnsi=\"{l}\" w:eastAsia=\"{east_asia}\" w:cs=\"{l}\"/>",
        l = face::LATIN
    )
}

/// The styles: the body's defaults, then one style for each kind of paragraph.
fn styles(lang: Lang) -> String {
    let indent = format!(
        "<w:ind w:firstLineChars=\"200\" w:firstLine=\"{}\"/>",
        2 * twips::CHAR
    );
    let no_indent = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";
    let line = format!(
        "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{}\" w:lineRule=\"exact\"/>",
        twips::LINE
    );
    let mut s = String::from(XML_HEAD);
    let _ = write!(s, "<w:styles {W_NS}>");
    let _ = write!(
        s,
        "<w:docDefaults><w:rPrDefault><w:rPr>{}<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>\
         <w:lang w:val=\"{}\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/>{line}<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault>\
         </w:docDefaults>",
        fonts(face::BODY),
        lang_tag(lang),
    );
    // (id, name, based on, pPr, rPr)
    let styles: [(&str, &str, &str, String, String); 12] = [
        ("Normal", "Normal", "", String::new(), String::new()),
        ("WgBody", "wg body", "Normal", indent.clone(), String::new()),
        (
            "WgTitle",
            "Title",
            "Normal",
            "<w:keepNext/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"9\"/>".into(),
            format!(
                "{}<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>",
                fonts(face::TITLE)
            ),
        ),
        (
            "WgMeta",
            "wg meta",
            "Normal",
            "<w:jc w:val=\"center\"/>".into(),
            String::new(),
        ),
        (
            "Heading1",
            "heading 1",
            "WgBody",
            "<w:keepNext/><w:outlineLvl w:val=\"0\"/>".into(),
            format!("{}<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>", fonts(face::HEI)),
        ),
        (
            "Heading2",
            "heading 2",
            "WgBody",
            "<w:keepNext/><w:outlineLvl w:val=\"1\"/>".into(),
            format!("{}<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>", fonts(face::KAI)),
        ),
        (
            "Heading3",
            "heading 3",
            "WgBody",
            "<w:keepNext/><w:outlineLvl w:val=\"2\"/>".into(),
            format!(
                "{}<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>",
                fonts(face::BODY)
            ),
        ),
        (
            "WgNote",
            "wg note",
            "WgBody",
            "<w:spacing w:line=\"440\" w:lineRule=\"exact\"/>".into(),
            "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>".into(),
        ),
        (
            "WgAddressee",
            "wg addressee",
            "Normal",
            format!("{no_indent}<w:jc w:val=\"left\"/>"),
            String::new(),
        ),
        (
            "WgSignature",
            "wg signature",
            "Normal",
            format!(
                "<w:ind w:rightChars=\"200\" w:right=\"{}\"/><w:jc w:val=\"right\"/>",
                2 * twips::CHAR
            ),
            String::new(),
        ),
        (
            "WgCell",
            "wg table cell",
            "Normal",
            format!("{no_indent}<w:jc w:val=\"left\"/>"),
            String::new(),
        ),
        (
            "Footer",
            "footer",
            "Normal",
            "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>".into(),
            "<w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\" w:cs=\"宋体\"/>\
             <w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"
                .into(),
        ),
    ];
    for (id, name, based, ppr, rpr) in &styles {
        let default = if *id == "Normal" {
            " w:default=\"1\""
        } else {
            ""
        };
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\"{default} w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>"
        );
        if !based.is_empty() {
            let _ = write!(s, "<w:basedOn w:val=\"{based}\"/>");
        }
        s.push_str("<w:qFormat/>");
        if !ppr.is_empty() {
            let _ = write!(s, "<w:pPr>{ppr}</w:pPr>");
        }
        if !rpr.is_empty() {
            let _ = write!(s, "<w:rPr>{rpr}</w:rPr>");
        }
        s.push_str("</w:style>");
    }
    s.push_str("</w:styles>");
    s
}

#[derive(Clone, Copy)]
enum Side {
    Odd,
    Even,
}

/// The page number, "— 1 —" in 4号 宋体, a PAGE field between em dashes: one
/// character in from the outer edge (§7.5: odd pages right, even pages left).
fn footer(side: Side) -> String {
    let place = match side {
        Side::Odd => format!(
            "<w:ind w:rightChars=\"100\" w:right=\"{}\"/><w:jc w:val=\"right\"/>",
            twips::FOOTER_CHAR
        ),
        Side::Even => format!(
            "<w:ind w:leftChars=\"100\" w:left=\"{}\"/><w:jc w:val=\"left\"/>",
            twips::FOOTER_CHAR
        ),
    };
    let mut s = String::from(XML_HEAD);
    let _ = write!(
        s,
        "<w:ftr {W_NS}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/>{place}</w:pPr>\
         <w:r><w:t xml:space=\"preserve\">— </w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:r><w:t>1</w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
         <w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>"
    );
    s
}

/// A page's orientation: a table too wide for a portrait page gets landscape pages of
/// its own (a section), the rest of the document stays portrait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Orient {
    Portrait,
    Landscape,
}

impl Orient {
    /// The width of the type area.
    fn text_width(self) -> u32 {
        match self {
            Orient::Portrait => twips::PAGE_W - twips::LEFT - twips::RIGHT,
            Orient::Landscape => twips::PAGE_H - LANDSCAPE_LEFT - LANDSCAPE_RIGHT,
        }
    }
}

/// A landscape page's margins: the portrait page turned so that its binding side
/// (left, 28 mm) is at the top; the bottom keeps 35 mm for the page number.
const LANDSCAPE_TOP: u32 = twips::LEFT;
const LANDSCAPE_BOTTOM: u32 = twips::BOTTOM;
const LANDSCAPE_LEFT: u32 = twips::TOP;
const LANDSCAPE_RIGHT: u32 = twips::BOTTOM;

fn sect_pr(orient: Orient) -> String {
    let (w, h, attr, top, right, bottom, left) = match orient {
        Orient::Portrait => (
            twips::PAGE_W,
            twips::PAGE_H,
            "",
            twips::TOP,
            twips::RIGHT,
            twips::BOTTOM,
            twips::LEFT,
        ),
        Orient::Landscape => (
            twips::PAGE_H,
            twips::PAGE_W,
            " w:orient=\"landscape\"",
            LANDSCAPE_TOP,
            LANDSCAPE_RIGHT,
            LANDSCAPE_BOTTOM,
            LANDSCAPE_LEFT,
        ),
    };
    format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/>\
         <w:footerReference w:type=\"even\" r:id=\"rId5\"/>\
         <w:pgSz w:w=\"{w}\" w:h=\"{h}\"{attr}/>\
         <w:pgMar w:top=\"{top}\" w:right=\"{right}\" w:bottom=\"{bottom}\" w:left=\"{left}\" \
         w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/>\
         <w:pgNumType w:fmt=\"decimal\"/><w:cols w:space=\"425\"/></w:sectPr>",
        twips::HEADER,
        twips::FOOTER,
    )
}

/// Writes the body: paragraphs and tables in order, the sections they need.
struct Body {
    s: String,
    lang: Lang,
    /// The orientation of the section being written.
    orient: Orient,
    /// The last thing written is a table (two tables need a paragraph between them,
    /// and the body must not end with one).
    after_table: bool,
    /// Charts written so far.
    charts: usize,
}

impl Body {
    /// A paragraph of `style` holding `text`; `ppr` and `rpr` add to the style.
    fn para(&mut self, style: &str, ppr: &str, rpr: &str, text: &str) {
        self.after_table = false;
        paragraph(&mut self.s, style, ppr, rpr, text);
    }

    /// Ends the current section (its properties go in a paragraph of its own, as small
    /// as a paragraph can be) and starts one of `orient`.
    fn turn(&mut self, orient: Orient) {
        if self.orient == orient {
            return;
        }
        let _ = write!(
            self.s,
            "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" \
             w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr>{}</w:pPr></w:p>",
            sect_pr(self.orient)
        );
        self.orient = orient;
        self.after_table = false;
    }

    /// A chart as wide as the type area.
    fn chart(&mut self, c: &crate::view::Chart<'_>) {
        self.charts += 1;
        let width = self.orient.text_width();
        let height = chart::height(c, width);
        chart::paragraph(
            &mut self.s,
            c,
            self.charts,
            &chart_rel(self.charts),
            width,
            height,
        );
        self.after_table = false;
    }

    fn table(&mut self, t: &Table<'_>, layout: &Layout) {
        if self.after_table {
            self.para("Normal", "", "", "");
        }
        table(&mut self.s, t, layout, self.lang);
        self.after_table = true;
    }
}

/// The orientation of each block's page: a table's own; a note's and a chart's that
/// of the block before it (it belongs to its table); a heading's that of the block it heads (so
/// that it is not left alone at the foot of a portrait page); portrait for the rest.
/// A list (a 台账) with a table that needs landscape pages is landscape throughout.
fn orientations(doc: &Document<'_>, layouts: &[Option<Layout>]) -> (Orient, Vec<Orient>) {
    let own: Vec<Option<Orient>> = layouts
        .iter()
        .map(|l| l.as_ref().map(|l| l.orient))
        .collect();
    if doc.kind == Kind::List && own.contains(&Some(Orient::Landscape)) {
        return (Orient::Landscape, vec![Orient::Landscape; doc.blocks.len()]);
    }
    let mut orients = vec![Orient::Portrait; doc.blocks.len()];
    for (i, block) in doc.blocks.iter().enumerate() {
        if let (Some(Some(o)), Some(slot)) = (own.get(i), orients.get_mut(i)) {
            *slot = *o;
        } else if matches!(block, Block::Note(_) | Block::Chart(_)) && i > 0 {
            let before = orients.get(i - 1).copied().unwrap_or(Orient::Portrait);
            if let Some(slot) = orients.get_mut(i) {
                *slot = before;
            }
        }
    }
    // Headings, from the end, take the orientation of what follows them.
    let mut next = Orient::Portrait;
    for (block, slot) in doc.blocks.iter().zip(orients.iter_mut()).rev() {
        if matches!(block, Block::Heading { .. }) {
            *slot = next;
        }
        next = *slot;
    }
    (Orient::Portrait, orients)
}

fn document(doc: &Document<'_>) -> String {
    let layouts: Vec<Option<Layout>> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Table(t) => Some(Layout::of(t, doc.lang)),
            _ => None,
        })
        .collect();
    let (first, orients) = orientations(doc, &layouts);
    let mut b = Body {
        s: String::new(),
        lang: doc.lang,
        orient: first,
        after_table: false,
        charts: 0,
    };
    // The title, then the lines under it, then a blank line before the body.
    let gap = format!("<w:spacing w:after=\"{}\"/>", twips::LINE);
    if !doc.title.is_empty() {
        let ppr = if doc.meta.is_empty() {
            gap.as_str()
        } else {
            ""
        };
        let title = title_lines(&doc.title, first.text_width());
        b.para("WgTitle", ppr, "", &title);
    }
    for (i, m) in doc.meta.iter().enumerate() {
        let ppr = if i + 1 == doc.meta.len() {
            gap.as_str()
        } else {
            ""
        };
        b.para("WgMeta", ppr, "", m);
    }
    for (i, ((block, orient), layout)) in doc.blocks.iter().zip(orients).zip(&layouts).enumerate() {
        b.turn(orient);
        // §7.3.5.1: no page holds the signature without the body: the paragraph over
        // it goes with it.
        let keep = match doc.blocks.get(i + 1) {
            Some(Block::Signature { .. }) => "<w:keepNext/>",
            _ => "",
        };
        match block {
            Block::Heading { level, text } => {
                let style = match level {
                    0 | 1 => "Heading1",
                    2 => "Heading2",
                    _ => "Heading3",
                };
                b.para(style, "", "", text);
            }
            Block::Para(t) => b.para("WgBody", keep, "", t),
            Block::List(lines) => {
                for l in lines {
                    b.para("WgBody", "", "", l);
                }
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    b.para("WgBody", "", "", &field(label, value, doc.lang));
                }
            }
            Block::Item {
                number,
                text,
                details,
            } => {
                let lead = match doc.lang {
                    Lang::Zh => format!("{number}."),
                    Lang::En => format!("{number}. "),
                };
                b.para("WgBody", "", "", &format!("{lead}{text}"));
                for d in details {
                    b.para("WgBody", "", "", d);
                }
            }
            Block::Table(t) => {
                if let Some(layout) = layout {
                    b.table(t, layout);
                }
            }
            Block::Note(t) => b.para("WgNote", "", "", t),
            Block::Addressee(t) => b.para("WgAddressee", "", "", t),
            Block::Chart(c) => b.chart(c),
            // None are left: `docx` made them in their place (`Document::whole`).
            Block::Made(_) => {}
            Block::Signature { from, date } => {
                // §7.3.5.2: one blank line under the body, then the sender and the
                // date under it, two characters in from the right.
                // The two stay on one page.
                let gap = format!("<w:keepNext/><w:spacing w:before=\"{}\"/>", twips::LINE);
                b.para("WgSignature", &gap, "", from);
                b.para("WgSignature", "", "", &long_date(*date, doc.lang));
            }
        }
    }
    if b.after_table {
        b.para("Normal", "", "", "");
    }
    let mut s = String::from(XML_HEAD);
    let _ = write!(s, "<w:document {W_NS}><w:body>");
    s.push_str(&b.s);
    s.push_str(&sect_pr(b.orient));
    s.push_str("</w:body></w:document>");
    s
}

/// The title as it is set: on one line if it fits the type area in 2号, else on two
/// lines broken where the words allow (§7.3.3: "回行时，要做到词意完整，排列对称，长短
/// 适宜"): before a number (`…领导小组` / `2021年第四季度…`), after 的, or after a
/// group's name (小组, 委员会, 办公室), the two lines as even as the breaks allow, the
/// first no shorter than the second where that is as even; if no break fits, as it
/// is. A title that already holds a line break is the view's choice and is kept.
fn title_lines(title: &str, text_width: u32) -> String {
    // 2号 is 22 pt, 440 twips a Chinese character (two display columns).
    let fits = |s: &str| u32::try_from(line_width(s)).unwrap_or(u32::MAX) * 220 <= text_width;
    if title.contains('\n') || fits(title) {
        return title.to_owned();
    }
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    let mut best: Option<(usize, usize)> = None;
    for (k, &(at, c)) in chars.iter().enumerate().skip(1) {
        let prev = chars.get(k - 1).map_or(' ', |&(_, p)| p);
        let before = &title[..at];
        let ok = c.is_ascii_digit() && !prev.is_ascii()
            || before.ends_with('的')
            || ["小组", "委员会", "办公室"]
                .iter()
                .any(|w| before.ends_with(w));
        let (one, two) = (before, &title[at..]);
        // The second line must not begin with a closing mark or a particle.
        let bad_start = two.starts_with(['的', '、', '，', '）', '”', '》', '。']);
        if !ok || bad_start || !fits(one) || !fits(two) {
            continue;
        }
        let (w1, w2) = (line_width(one), line_width(two));
        // Even first; a first line a little longer than the second beats the other way.
        let cost = 2 * w1.abs_diff(w2) + usize::from(w1 < w2);
        if best.is_none_or(|(_, b)| cost < b) {
            best = Some((at, cost));
        }
    }
    match best {
        Some((at, _)) => format!("{}\n{}", &title[..at], &title[at..]),
        None => title.to_owned(),
    }
}

/// How a table is set: its orientation, font size and column widths.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    orient: Orient,
    /// Half-points.
    size: u32,
    /// Twips, one per column.
    widths: Vec<u32>,
}

impl Layout {
    /// The largest setting the table fits: 4号 on a portrait page if no cell needs to
    /// wrap; else 小四, then 五号, portrait if long text gets six characters a line;
    /// else landscape pages in 小四, then in 五号, then in 五号 with four characters a
    /// line, squeezed if it must be.
    fn of(t: &Table<'_>, lang: Lang) -> Layout {
        let cols = u32::try_from(t.columns.len()).unwrap_or(u32::MAX);
        let widths = column_widths(t, lang);
        let avail = |orient: Orient| {
            orient
                .text_width()
                .saturating_sub(cols.saturating_mul(2 * twips::CELL_MARGIN))
        };
        let at = |need: &[u32], size: u32| -> Vec<u32> {
            need.iter().map(|&w| w.saturating_mul(size * 5)).collect()
        };
        let sum = |w: &[u32]| w.iter().map(|&x| u64::from(x)).sum::<u64>();
        let (natural, comfortable, narrowest) =
            (&widths.natural, &widths.comfortable, &widths.narrowest);
        let tries = [
            (Orient::Portrait, SIZE_4, natural),
            (Orient::Portrait, SIZE_SMALL_4, comfortable),
            // A portrait page in 五号 before a landscape one: a page of its own for a
            // ten-column table leaves the page before it half empty.
            (Orient::Portrait, SIZE_5, comfortable),
            (Orient::Landscape, SIZE_SMALL_4, comfortable),
            (Orient::Landscape, SIZE_5, comfortable),
            (Orient::Landscape, SIZE_5, narrowest),
        ];
        for (orient, size, least) in tries {
            let (nat, min) = (at(natural, size), at(least, size));
            let room = avail(orient);
            if sum(&nat) <= u64::from(room) {
                return Layout::with_margins(orient, size, spread(&nat, &nat, room));
            }
            if sum(&min) <= u64::from(room) {
                return Layout::with_margins(orient, size, spread(&min, &nat, room));
            }
        }
        // Too many columns for any page: 五号, each column its share of its narrowest.
        let min = at(narrowest, SIZE_5);
        let w = squeeze(&min, avail(Orient::Landscape));
        Layout::with_margins(Orient::Landscape, SIZE_5, w)
    }

    fn with_margins(orient: Orient, size: u32, inner: Vec<u32>) -> Layout {
        Layout {
            orient,
            size,
            widths: inner
                .into_iter()
                .map(|w| w + 2 * twips::CELL_MARGIN)
                .collect(),
        }
    }
}

/// What a column's width may be, in display columns (a Chinese character counts two).
struct Widths {
    /// Its widest cell on one line.
    natural: Vec<u32>,
    /// What it should not be narrower than: a date, a number, an id, short text (a
    /// unit's name) whole; long text (a task's title) six characters a line.
    comfortable: Vec<u32>,
    /// What it cannot be narrower than: long text four characters a line.
    narrowest: Vec<u32>,
}

/// A header stays on one line up to three Chinese characters; a longer one may take
/// two lines (`逾期` / `天数`).
fn header_min(head: u32) -> u32 {
    if head <= 7 { head } else { head.div_ceil(2) }
}

fn column_widths(t: &Table<'_>, lang: Lang) -> Widths {
    let n = t.columns.len();
    let mut w = Widths {
        natural: Vec::with_capacity(n),
        comfortable: Vec::with_capacity(n),
        narrowest: Vec::with_capacity(n),
    };
    for (i, col) in t.columns.iter().enumerate() {
        let head = lines_width(&col.header);
        let (mut nat, mut comfortable, mut narrowest) = (head, header_min(head), header_min(head));
        for row in &t.rows {
            let Some(cell) = row.cells.get(i) else {
                continue;
            };
            let width = lines_width(&cell_text(cell, lang));
            nat = nat.max(width);
            let whole =
                col.keep_words || !matches!(cell.value, Value::Text | Value::Empty) || width <= 12;
            comfortable = comfortable.max(if whole { width } else { 12 });
            narrowest = narrowest.max(if whole { width } else { 8 });
        }
        w.natural.push(nat.max(2));
        w.comfortable.push(comfortable.max(2));
        w.narrowest.push(narrowest.max(2));
    }
    w
}

/// The display width of the widest line, plus one column of slack for the font's
/// own spacing.
fn lines_width(s: &str) -> u32 {
    let w = s.split('\n').map(line_width).max().unwrap_or(0);
    u32::try_from(w).unwrap_or(u32::MAX / 64).saturating_add(1)
}

/// A line's display width, with some of the space Word and LibreOffice put between
/// Chinese and Latin letters or digits (`2026年7月15日` is about 7 characters wide in
/// LibreOffice, not 6½).
///
/// Capital letters count one and a half: in the Chinese faces' Latin (and in Noto CJK,
/// which LibreOffice falls back to) `W` and `Q` are nearly a full em, and an id such as
/// `WQ-07` must not break; eight digits count nine.
fn line_width(line: &str) -> usize {
    let mut changes = 0usize;
    let mut wide = None;
    let capitals = line.chars().filter(char::is_ascii_uppercase).count();
    // Digits are a little wider than half a Chinese character too.
    let digits = line.chars().filter(char::is_ascii_digit).count();
    for c in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w == 0 || c == ' ' {
            continue;
        }
        let is_wide = w == 2;
        if wide.is_some_and(|was| was != is_wide) {
            changes += 1;
        }
        wide = Some(is_wide);
    }
    line.width() + changes / 4 + capitals.div_ceil(2) + digits.div_ceil(8)
}

/// Widths that fill `avail`: each column gets `base`, and what is left over goes to
/// the columns by how much narrower than `want` they are (when none is, by `base`).
fn spread(base: &[u32], want: &[u32], avail: u32) -> Vec<u32> {
    let total: u64 = base.iter().map(|&w| u64::from(w)).sum();
    let extra = u64::from(avail).saturating_sub(total);
    let short: Vec<u64> = base
        .iter()
        .zip(want)
        .map(|(&b, &w)| u64::from(w.saturating_sub(b)))
        .collect();
    let wish = if short.iter().any(|&w| w > 0) {
        short
    } else {
        base.iter().map(|&b| u64::from(b)).collect()
    };
    let wishes: u64 = wish.iter().sum::<u64>().max(1);
    base.iter()
        .zip(&wish)
        .map(|(&b, &w)| b.saturating_add(u32::try_from(extra * w / wishes).unwrap_or(0)))
        .collect()
}

/// Widths in proportion to `need` that add up to `avail`.
fn squeeze(need: &[u32], avail: u32) -> Vec<u32> {
    let total: u64 = need.iter().map(|&w| u64::from(w)).sum::<u64>().max(1);
    need.iter()
        .map(|&w| u32::try_from(u64::from(w) * u64::from(avail) / total).unwrap_or(0))
        .collect()
}

/// A cell's text in the document: dates written 2026年7月15日 (a date shown with more,
/// `2026-07-15（每月）`, keeps the rest).
fn cell_text<'c>(cell: &'c Cell<'_>, lang: Lang) -> std::borrow::Cow<'c, str> {
    match cell.value {
        Value::Date(d) => {
            let iso = d.to_string();
            if cell.text.contains(&iso) {
                cell.text.replacen(&iso, &long_date(d, lang), 1).into()
            } else {
                std::borrow::Cow::Borrowed(cell.text.as_ref())
            }
        }
        _ => std::borrow::Cow::Borrowed(cell.text.as_ref()),
    }
}

/// About how many lines the row's tallest cell takes.
fn row_lines(row: &crate::view::Row<'_>, layout: &Layout, lang: Lang) -> u32 {
    let per_column = layout.size * 5;
    row.cells
        .iter()
        .zip(&layout.widths)
        .map(|(c, w)| {
            let room = (w.saturating_sub(2 * twips::CELL_MARGIN) / per_column).max(1);
            cell_text(c, lang)
                .split('\n')
                .map(|l| {
                    u32::try_from(line_width(l))
                        .unwrap_or(u32::MAX)
                        .div_ceil(room)
                        .max(1)
                })
                .fold(0u32, u32::saturating_add)
        })
        .max()
        .unwrap_or(1)
}

/// Numbers right, dates and 预警 levels centred, text left.
fn cell_align(value: Value) -> &'static str {
    match value {
        Value::Number(_) | Value::Percent(_) => "right",
        Value::Date(_) | Value::Warning(_) => "center",
        Value::Text | Value::Empty => "left",
    }
}

fn table(s: &mut String, t: &Table<'_>, layout: &Layout, lang: Lang) {
    let total: u32 = layout.widths.iter().sum();
    let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"";
    let _ = write!(
        s,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>\
         <w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/>\
         <w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>\
         <w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"{m}\" w:type=\"dxa\"/>\
         <w:right w:w=\"{m}\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>",
        m = twips::CELL_MARGIN
    );
    for w in &layout.widths {
        let _ = write!(s, "<w:gridCol w:w=\"{w}\"/>");
    }
    s.push_str("</w:tblGrid>");
    let size = layout.size;
    // Cells' lines: 1.4 times the font size, fixed.
    let ppr_for = |align: &str| {
        format!(
            "<w:spacing w:line=\"{}\" w:lineRule=\"exact\"/><w:jc w:val=\"{align}\"/>",
            size * 14
        )
    };
    let rpr = |bold: bool| {
        format!(
            "{}<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>",
            if bold { "<w:b/><w:bCs/>" } else { "" }
        )
    };
    let cell = |s: &mut String, width: u32, ppr: &str, rpr: &str, text: &str| {
        let _ = write!(
            s,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
        );
        paragraph(s, "WgCell", ppr, rpr, text);
        s.push_str("</w:tc>");
    };
    // The header row: bold, centred, repeated at the top of every page the table runs
    // onto, and never split.
    s.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    let head_ppr = ppr_for("center");
    let head_rpr = rpr(true);
    for (col, w) in t.columns.iter().zip(&layout.widths) {
        cell(s, *w, &head_ppr, &head_rpr, &col.header);
    }
    s.push_str("</w:tr>");
    let body_rpr = rpr(false);
    for row in &t.rows {
        // A row is kept on one page unless it is long: Word would cut off what does
        // not fit on a page of a row that may not break.
        if row_lines(row, layout, lang) <= 8 {
            s.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        } else {
            s.push_str("<w:tr>");
        }
        let row_rpr = if row.total { &head_rpr } else { &body_rpr };
        for (i, w) in layout.widths.iter().enumerate() {
            match row.cells.get(i) {
                Some(c) => {
                    let ppr = ppr_for(cell_align(c.value));
                    cell(s, *w, &ppr, row_rpr, &cell_text(c, lang));
                }
                None => cell(s, *w, &ppr_for("left"), row_rpr, ""),
            }
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
}

/// One paragraph: its style and direct formatting, then the text as runs, a newline
/// as a line break and a tab as a tab. Control characters are shown escaped, as on a
/// terminal (`\u{1b}`): XML cannot hold most of them, and nothing is dropped silently.
fn paragraph(s: &mut String, style: &str, ppr: &str, rpr: &str, text: &str) {
    let _ = write!(s, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{ppr}</w:pPr>");
    if !text.is_empty() {
        let rpr = if rpr.is_empty() {
            String::new()
        } else {
            format!("<w:rPr>{rpr}</w:rPr>")
        };
        let text = super::text::sanitize(text);
        let _ = write!(s, "<w:r>{rpr}");
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                s.push_str("<w:br/>");
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    s.push_str("<w:tab/>");
                }
                if !piece.is_empty() {
                    s.push_str("<w:t xml:space=\"preserve\">");
                    escape_into(s, piece);
                    s.push_str("</w:t>");
                }
            }
        }
        s.push_str("</w:r>");
    }
    s.push_str("</w:p>");
}

/// Text for XML: `& < > "` as entities, and the two characters XML 1.0 cannot hold
/// that [`super::text::sanitize`] lets through (U+FFFE, U+FFFF) shown escaped.
fn escape_into(s: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(s, "\\u{{{:x}}}", c as u32);
            }
            // `sanitize` leaves tabs and newlines, which callers split on; anywhere
            // else (the title in docProps) they are spaces.
            '\t' | '\n' | '\r' => s.push(' '),
            c if (c as u32) < 0x20 => {
                let _ = write!(s, "\\u{{{:x}}}", c as u32);
            }
            c => s.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wide_table(cols: usize) -> Table<'static> {
        let mut t = Table::new("t");
        t.columns((0..cols).map(|i| format!("列{i}")));
        t.push(
            (0..cols)
                .map(|_| Cell::text("牵头单位的名称很长很长"))
                .collect(),
        );
        t
    }

    #[test]
    fn a_narrow_table_is_4hao_portrait_and_fills_the_type_area() {
        let l = Layout::of(&wide_table(2), Lang::Zh);
        assert_eq!((l.orient, l.size), (Orient::Portrait, SIZE_4));
        let total: u32 = l.widths.iter().sum();
        assert!(total <= Orient::Portrait.text_width());
        assert!(total + 20 >= Orient::Portrait.text_width(), "{total}");
    }

    #[test]
    fn wider_tables_get_a_smaller_size_then_landscape() {
        let l = Layout::of(&wide_table(4), Lang::Zh);
        assert_eq!((l.orient, l.size), (Orient::Portrait, SIZE_SMALL_4));
        let l = Layout::of(&wide_table(12), Lang::Zh);
        assert_eq!(l.orient, Orient::Landscape);
        let l = Layout::of(&wide_table(40), Lang::Zh);
        assert_eq!((l.orient, l.size), (Orient::Landscape, SIZE_5));
        let total: u32 = l.widths.iter().sum();
        assert!(total <= Orient::Landscape.text_width() + 40 * 2 * twips::CELL_MARGIN);
    }

    #[test]
    fn control_characters_are_shown_not_written() {
        let mut s = String::new();
        paragraph(&mut s, "WgBody", "", "", "a\u{1b}b<&>\u{ffff}\n\tc");
        assert!(
            s.contains(
                "a\\u{1b}b&lt;&amp;&gt;\\u{ffff}</w:t><w:br/><w:tab/><w:t xml:space=\"preserve\">c"
            ),
            "{s}"
        );
    }

    #[test]
    fn a_long_title_breaks_where_the_words_allow() {
        let w = Orient::Portrait.text_width();
        // Never inside 2021: before it.
        assert_eq!(
            title_lines(
                "省总推进新就业形态群体工会工作领导小组2021年第四季度会议议程",
                w
            ),
            "省总推进新就业形态群体工会工作领导小组\n2021年第四季度会议议程"
        );
        assert_eq!(
            title_lines("省总推进新就业形态群体工会工作领导小组成员名单", w),
            "省总推进新就业形态群体工会工作领导小组\n成员名单"
        );
        // After 的.
        assert_eq!(
            title_lines("关于新就业形态劳动者入会工作推进情况的督办通报", w),
            "关于新就业形态劳动者入会工作推进情况的\n督办通报"
        );
        // A title that fits, or that has no place to break, is left as it is.
        for t in ["关于重点任务逾期未办结情况的督办通报", &"长".repeat(30)] {
            assert_eq!(title_lines(t, w), t);
        }
        assert_eq!(title_lines("一\n二", w), "一\n二");
    }

    #[test]
    fn a_landscape_table_has_a_section_of_its_own() {
        let mut doc = Document::new(Lang::Zh, Kind::Paper, "t");
        doc.para("before");
        doc.table(wide_table(12));
        doc.para("after");
        let xml = document(&doc);
        assert_eq!(xml.matches("<w:sectPr>").count(), 3);
        assert_eq!(xml.matches("w:orient=\"landscape\"").count(), 1);
        assert!(xml.ends_with(&format!(
            "{}</w:body></w:document>",
            sect_pr(Orient::Portrait)
        )));
    }
}
