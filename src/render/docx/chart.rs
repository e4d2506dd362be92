//! A [`Chart`] as a Word document's chart part (`word/charts/chartN.xml`, DrawingML's
//! `c:chartSpace`), and the inline drawing in the body that shows it.
//!
//! A chart part, not a picture: Word, WPS and LibreOffice draw it themselves, in the
//! fonts the document names (and their fallbacks), so wg needs no font of its own to
//! draw Chinese labels, no image library, and the reader can restyle the chart. The
//! numbers are written as the series' caches; there is no embedded workbook, so Word
//! shows the chart as it is but cannot "edit data" (the table above it has them).
//! (A PNG drawn with `plotters` was measured and not taken: 43 more crates, about 0.9
//! MB more binary, and a CJK font of 19 MB or more to load at run time from a path a
//! user's machine may not have.)

use super::{escape_into, face};
use crate::model::{Lang, Warning};
use crate::view::Chart;
use std::fmt::Write as _;

const C_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

/// Twips to EMU (English Metric Units, DrawingML's length).
const EMU_PER_TWIP: u64 = 635;

/// The chart part's XML.
pub(super) fn part(c: &Chart<'_>, lang: Lang) -> String {
    let lang = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en-US",
    };
    let mut s = String::from(super::XML_HEAD);
    let _ = write!(
        s,
        "<c:chartSpace xmlns:c=\"{C_NS}\" xmlns:a=\"{A_NS}\" xmlns:r=\"{R_NS}\">\
         <c:lang val=\"{lang}\"/><c:roundedCorners val=\"0\"/><c:chart>"
    );
    s.push_str("<c:title>");
    rich(&mut s, &c.title, lang, "sz=\"1400\" b=\"1\"", "");
    s.push_str("<c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/>");
    let grouping = if c.stacked { "stacked" } else { "clustered" };
    let _ = write!(
        s,
        "<c:plotArea><c:layout/><c:barChart><c:barDir val=\"bar\"/>\
         <c:grouping val=\"{grouping}\"/><c:varyColors val=\"0\"/>"
    );
    let n = c.categories.len();
    // The ranges name a sheet that is not there (no embedded workbook): Word wants a
    // reference with the caches, and draws from the caches.
    let col = crate::render::xlsx::column_letter;
    for (i, series) in c.series.iter().enumerate() {
        let _ = write!(
            s,
            "<c:ser><c:idx val=\"{i}\"/><c:order val=\"{i}\"/><c:tx><c:strRef>\
             <c:f>Sheet1!${}$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>",
            col(i)
        );
        escape_into(&mut s, &series.name);
        s.push_str("</c:v></c:pt></c:strCache></c:strRef></c:tx>");
        if let Some(w) = series.colour {
            let _ = write!(
                s,
                "<c:spPr><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill></c:spPr>",
                colour(w)
            );
        }
        let _ = write!(
            s,
            "<c:invertIfNegative val=\"0\"/><c:cat><c:strRef><c:f>Sheet1!$A$2:$A${}</c:f>\
             <c:strCache><c:ptCount val=\"{n}\"/>",
            n + 1
        );
        for (j, name) in c.categories.iter().enumerate() {
            let _ = write!(s, "<c:pt idx=\"{j}\"><c:v>");
            escape_into(&mut s, name);
            s.push_str("</c:v></c:pt>");
        }
        let _ = write!(
            s,
            "</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!${c}$2:${c}${}</c:f>\
             <c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"{n}\"/>",
            n + 1,
            c = col(i)
        );
        for (j, v) in series.values.iter().enumerate() {
            let _ = write!(s, "<c:pt idx=\"{j}\"><c:v>{v}</c:v></c:pt>");
        }
        s.push_str("</c:numCache></c:numRef></c:val></c:ser>");
    }
    let (gap, overlap) = if c.stacked { (60, 100) } else { (100, 0) };
    let _ = write!(
        s,
        "<c:gapWidth val=\"{gap}\"/><c:overlap val=\"{overlap}\"/>\
         <c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>"
    );
    // The categories down the side from the top, in the table's order (reversed
    // axis), the value axis at the bottom (it crosses at the last category).
    s.push_str(
        "<c:catAx><c:axId val=\"1\"/><c:scaling><c:orientation val=\"maxMin\"/></c:scaling>\
         <c:delete val=\"0\"/><c:axPos val=\"l\"/>",
    );
    if !c.category_axis.is_empty() {
        // Chinese down the side: upright characters, top to bottom.
        let vert = if lang == "zh-CN" {
            " vert=\"eaVert\""
        } else {
            " rot=\"-5400000\" vert=\"horz\""
        };
        s.push_str("<c:title>");
        rich(&mut s, &c.category_axis, lang, "b=\"0\"", vert);
        s.push_str("<c:overlay val=\"0\"/></c:title>");
    }
    s.push_str(
        "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/>\
         <c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"2\"/>\
         <c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/>\
         <c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>\
         <c:valAx><c:axId val=\"2\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>\
         <c:delete val=\"0\"/><c:axPos val=\"t\"/><c:majorGridlines/>",
    );
    if !c.value_axis.is_empty() {
        s.push_str("<c:title>");
        rich(&mut s, &c.value_axis, lang, "b=\"0\"", "");
        s.push_str("<c:overlay val=\"0\"/></c:title>");
    }
    let _ = write!(
        s,
        "<c:numFmt formatCode=\"0\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/>\
         <c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"1\"/>\
         <c:crosses val=\"max\"/><c:crossBetween val=\"between\"/>{}</c:valAx>",
        major_unit(c)
    );
    let _ = write!(
        s,
        "</c:plotArea><c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>\
         <c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>\
         <c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1050\">\
         <a:latin typeface=\"{}\"/><a:ea typeface=\"{}\"/></a:defRPr></a:pPr>\
         <a:endParaRPr lang=\"{lang}\"/></a:p></c:txPr></c:chartSpace>",
        face::LATIN,
        face::SONG,
    );
    s
}

/// Whole tasks on the value axis: a step of 1 up to 10, else let the reader choose.
fn major_unit(c: &Chart<'_>) -> &'static str {
    let longest = (0..c.categories.len())
        .map(|j| {
            let values = c.series.iter().filter_map(|s| s.values.get(j));
            if c.stacked {
                values.sum::<f64>()
            } else {
                values.copied().fold(0.0, f64::max)
            }
        })
        .fold(0.0, f64::max);
    if longest <= 10.0 {
        "<c:majorUnit val=\"1\"/>"
    } else {
        ""
    }
}

/// A title's rich text: one paragraph, one run.
fn rich(s: &mut String, text: &str, lang: &str, rpr: &str, body: &str) {
    let _ = write!(
        s,
        "<c:tx><c:rich><a:bodyPr{body}/><a:lstStyle/><a:p><a:pPr><a:defRPr {rpr}/></a:pPr>\
         <a:r><a:rPr lang=\"{lang}\" {rpr}/><a:t>"
    );
    escape_into(s, &crate::render::text::sanitize(text));
    s.push_str("</a:t></a:r></a:p></c:rich></c:tx>");
}

/// The colours of the 预警 levels, as the spreadsheet fills them.
fn colour(w: Warning) -> &'static str {
    match w {
        Warning::Red => "C00000",
        Warning::Yellow => "FFC000",
        Warning::Blue => "2F75B5",
        Warning::Green => "00A040",
    }
}

/// The chart's height for a type area `width` twips wide: room for the title, the
/// axis and the legend, and a bar's room per category; at most three fifths of the
/// width (a bar chart taller than that is a list).
pub(super) fn height(c: &Chart<'_>, width: u32) -> u32 {
    let n = u32::try_from(c.categories.len()).unwrap_or(u32::MAX);
    n.saturating_mul(480)
        .saturating_add(2400)
        .min(width * 3 / 5)
        .max(3600)
}

/// The paragraph that shows chart `n` (from 1; its relationship `r_id`), `width` by
/// `height` twips, centred, with a line's room above and below. Its line spacing is
/// single, not the body's exact 22 lines a page (which would cut the drawing to one
/// line).
pub(super) fn paragraph(
    s: &mut String,
    c: &Chart<'_>,
    n: usize,
    r_id: &str,
    width: u32,
    height: u32,
) {
    let (cx, cy) = (
        u64::from(width) * EMU_PER_TWIP,
        u64::from(height) * EMU_PER_TWIP,
    );
    let _ = write!(
        s,
        "<w:p><w:pPr><w:spacing w:before=\"{gap}\" w:after=\"{gap}\" w:line=\"240\" \
         w:lineRule=\"auto\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>\
         <w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>\
         <wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" xmlns:wp=\"{WP_NS}\">\
         <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
         <wp:docPr id=\"{n}\" name=\"Chart {n}\" descr=\"",
        gap = super::twips::LINE / 2,
    );
    escape_into(s, &crate::render::text::sanitize(&c.title));
    let _ = write!(
        s,
        "\"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a=\"{A_NS}\">\
         <a:graphicData uri=\"{C_NS}\"><c:chart xmlns:c=\"{C_NS}\" r:id=\"{r_id}\"/>\
         </a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    );
}
