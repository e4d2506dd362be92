//! Documents ([`crate::view::Document`]) as Excel workbooks: the 台账 (ledger) form.
//!
//! One sheet per table of the document, named after the table (made valid for Excel).
//! Each sheet opens with a title row (the document's title and as-of date, merged across
//! the table, bold and larger); the first sheet has the document's metadata lines and
//! any blocks before its table under it. Then the header row (bold, filled, frozen,
//! filtered, repeated on every printed page), the rows with typed cells (dates as date
//! cells, numbers as numbers, shares as percentages; a row's 预警 level as its fill),
//! and the document's paragraphs and notes after the table, as text rows, so that
//! nothing the other formats show is lost. Pages are A4 landscape, one page wide.
//!
//! The bytes depend on the document only: the creation date in the document properties
//! is its as-of date (or a fixed date), and the zip entries carry a fixed timestamp.

use crate::Because;
use crate::i18n::msg;
use crate::model::{Lang, Warning};
use crate::view::words::field;
use crate::view::{Block, Document, Table, Value, long_date};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
    utility::row_col_to_cell,
};
use std::collections::HashMap;
use unicode_width::UnicodeWidthStr;

/// The widest a column gets, in Excel's width units (about one Latin character; a
/// Chinese character counts two). Longer text wraps.
const MAX_WIDTH: usize = 60;
/// What the columns of a wide table may add up to before the widest are narrowed: about
/// an A4 landscape page at 90% (the sheet is printed one page wide, so a wider table
/// prints smaller).
const PAGE_WIDTH: usize = 160;
/// The narrowest a column is made to fit [`PAGE_WIDTH`] (narrower ones stay as they are).
const MIN_SHRUNK: usize = 14;
/// The width of the one column of a sheet without a table.
const TEXT_WIDTH: usize = 100;
/// Excel's limits.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLUMNS: usize = 16_384;
const MAX_CELL_CHARS: usize = 32_767;
/// The height of one line of 11-point text, and of the title's, in points.
const LINE_HEIGHT: f64 = 15.0;
const TITLE_HEIGHT: f64 = 27.0;
/// Excel's tallest row, in points.
const MAX_ROW_HEIGHT: f64 = 409.0;
/// A4 in Excel's paper numbering.
const PAPER_A4: u8 = 9;

/// The workbook's bytes.
pub fn xlsx(doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
    let doc = &*doc.whole();
    let mut wb = Workbook::new();
    wb.set_properties(&properties(doc));
    let sheets = plan(doc);
    let names = sheet_names(
        sheets.iter().map(|s| s.table.map(|t| t.name.as_ref())),
        doc.lang,
    );
    let mut styles = Styles::default();
    let mut placed = Vec::new();
    for (i, (sheet, name)) in sheets.iter().zip(&names).enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(name).because(msg::xlsx_failed)?;
        write_sheet(ws, doc, sheet, name, i == 0, &mut styles, &mut placed)?;
    }
    wb.save_to_buffer().because(msg::xlsx_failed)
}

/// The document properties: its title, and a creation date that makes the same
/// document give the same bytes (the as-of date at midnight UTC, else a fixed date).
fn properties(doc: &Document<'_>) -> DocProperties {
    let created = doc
        .as_of
        .or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1))
        .unwrap_or_default();
    DocProperties::new()
        .set_title(doc.title.as_ref())
        .set_creation_datetime(&created)
}

/// What one sheet shows: a table, with the blocks before it (first sheet only) and
/// after it (up to the next table).
struct Sheet<'d, 'a> {
    table: Option<&'d Table<'a>>,
    before: Vec<&'d Block<'a>>,
    after: Vec<&'d Block<'a>>,
}

/// The document's blocks, sheet by sheet: blocks before the first table go above it,
/// every other block after the table it follows. A document without tables is one
/// sheet of text rows.
fn plan<'d, 'a>(doc: &'d Document<'a>) -> Vec<Sheet<'d, 'a>> {
    let mut sheets: Vec<Sheet<'d, 'a>> = Vec::new();
    let mut before = Vec::new();
    for b in &doc.blocks {
        match (b, sheets.last_mut()) {
            (Block::Table(t), _) => sheets.push(Sheet {
                table: Some(t),
                before: std::mem::take(&mut before),
                after: Vec::new(),
            }),
            (_, Some(s)) => s.after.push(b),
            (_, None) => before.push(b),
        }
    }
    if sheets.is_empty() {
        sheets.push(Sheet {
            table: None,
            before,
            after: Vec::new(),
        });
    }
    sheets
}

/// Sheet names Excel accepts, one per sheet: at most 31 characters (UTF-16 units), none
/// of `[]:*?/\`, no apostrophe at either end, not `History` (reserved), not empty, and
/// unique regardless of case (Excel's rule); a clash gets ` (2)`, ` (3)` …
pub fn sheet_names<'n>(names: impl Iterator<Item = Option<&'n str>>, lang: Lang) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (i, name) in names.enumerate() {
        let mut base: String = name
            .unwrap_or_default()
            .chars()
            .map(|c| {
                if "[]:*?/\\".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        base = base.trim().trim_matches('\'').trim().to_owned();
        if base.is_empty() || base.eq_ignore_ascii_case("history") {
            base = match lang {
                Lang::Zh => format!("表{}", i + 1),
                Lang::En => format!("Sheet{}", i + 1),
            };
        }
        let mut candidate = truncate_utf16(&base, 31).to_owned();
        let mut n = 1;
        while taken.contains(&candidate.to_lowercase()) {
            n += 1;
            let suffix = format!(" ({n})");
            candidate = format!("{}{suffix}", truncate_utf16(&base, 31 - suffix.len()));
        }
        taken.push(candidate.to_lowercase());
        out.push(candidate);
    }
    out
}

/// The longest prefix of `s` of at most `units` UTF-16 code units (Excel counts so),
/// without an apostrophe or space at its end.
fn truncate_utf16(s: &str, units: usize) -> &str {
    let mut used = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        used += c.len_utf16();
        if used > units {
            break;
        }
        end = i + c.len_utf8();
    }
    s.get(..end)
        .unwrap_or_default()
        .trim_end_matches(['\'', ' '])
}

/// How a cell looks; the formats are made once per look.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
struct Style {
    kind: Kind,
    /// The background, as 0xRRGGBB.
    fill: Option<u32>,
    bold: bool,
    white: bool,
    /// A number format (`yyyy-mm-dd`, `0.0%`).
    num: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
enum Kind {
    /// A table cell: thin borders, wrapped, centred vertically.
    #[default]
    Cell,
    /// A table cell, centred (numbers, dates, levels), as ledgers set them.
    Centred,
    /// The header row.
    Header,
    /// The title row.
    Title,
    /// A line of text under the title or after a table.
    Line,
    /// A heading among those lines.
    Heading,
    /// A line set to the right (a letter's signature).
    Right,
}

#[derive(Default)]
struct Styles(HashMap<Style, Format>);

impl Styles {
    fn get(&mut self, style: Style) -> &Format {
        self.0.entry(style).or_insert_with_key(make_format)
    }
}

fn make_format(s: &Style) -> Format {
    let table = |f: Format| {
        f.set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
    };
    let mut f = match s.kind {
        Kind::Cell => table(Format::new()),
        Kind::Centred => table(Format::new()).set_align(FormatAlign::Center),
        Kind::Header => table(Format::new())
            .set_align(FormatAlign::Center)
            .set_bold()
            .set_background_color(HEADER_FILL),
        Kind::Title => Format::new()
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        Kind::Line => Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter),
        Kind::Heading => Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter),
        Kind::Right => Format::new()
            .set_align(FormatAlign::Right)
            .set_align(FormatAlign::VerticalCenter),
    };
    if let Some(rgb) = s.fill {
        f = f.set_background_color(rgb);
    }
    if s.bold {
        f = f.set_bold();
    }
    if s.white {
        f = f.set_font_color(0xFFFFFF);
    }
    if let Some(num) = &s.num {
        f = f.set_num_format(num.as_str());
    }
    f
}

const HEADER_FILL: u32 = 0xD9D9D9;

/// A row's fill for its 预警 level: light tints that keep black text legible, in print
/// too.
fn row_fill(w: Warning) -> u32 {
    match w {
        Warning::Red => 0xFFD7D7,
        Warning::Yellow => 0xFFF2CC,
        Warning::Blue => 0xDDEBF7,
        Warning::Green => 0xE2EFDA,
    }
}

/// The 预警 cell's own fill, the level's strong colour, and whether its text is white.
fn level_fill(w: Warning) -> (u32, bool) {
    match w {
        Warning::Red => (0xC00000, true),
        Warning::Yellow => (0xFFC000, false),
        Warning::Blue => (0x2F75B5, true),
        Warning::Green => (0x00A040, true),
    }
}

/// Where the next row goes, and the sheet's limits.
struct Cursor<'s> {
    row: usize,
    sheet: &'s str,
}

impl Cursor<'_> {
    /// The row to write next, as Excel numbers it (from 0).
    fn next(&mut self) -> anyhow::Result<u32> {
        let r = self.row;
        self.row += 1;
        u32::try_from(r)
            .ok()
            .filter(|_| r < MAX_ROWS)
            .ok_or_else(|| crate::Failed::error(msg::xlsx_too_many_rows(self.sheet, r + 1)))
    }
}

/// Where a table was written: its sheet and its header row (for the charts that refer
/// to its cells).
struct Placed {
    sheet: String,
    header: u32,
}

fn write_sheet(
    ws: &mut Worksheet,
    doc: &Document<'_>,
    sheet: &Sheet<'_, '_>,
    name: &str,
    first: bool,
    styles: &mut Styles,
    placed: &mut Vec<Placed>,
) -> anyhow::Result<()> {
    let (ncols, widths) = match sheet.table {
        Some(t) => {
            let widths = column_widths(t);
            (widths.len().max(1), widths)
        }
        None => (1, vec![TEXT_WIDTH]),
    };
    if ncols > MAX_COLUMNS {
        return Err(crate::Failed::error(msg::xlsx_too_many_columns(
            name, ncols,
        )));
    }
    // Rows needed, checked before anything is written: a clear message, not the
    // writer's.
    let needed = 1
        + if first { doc.meta.len() } else { 0 }
        + sheet
            .before
            .iter()
            .map(|b| text_lines(b, doc.lang).len())
            .sum::<usize>()
        + sheet.table.map_or(0, |t| 1 + t.rows.len())
        + sheet
            .after
            .iter()
            .map(|b| text_lines(b, doc.lang).len() + chart_size(b, &widths).map_or(0, |s| s.rows))
            .sum::<usize>()
        + 1;
    if needed > MAX_ROWS {
        return Err(crate::Failed::error(msg::xlsx_too_many_rows(name, needed)));
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c)?, *w as f64)
            .because(msg::xlsx_failed)?;
    }
    let area: usize = widths.iter().sum();
    let mut at = Cursor {
        row: 0,
        sheet: name,
    };

    // The title row, then (first sheet) the metadata lines and the blocks before the table.
    let title = title(doc);
    if !title.is_empty() {
        let r = at.next()?;
        text_row(ws, r, ncols, &title, styles.get(style(Kind::Title)), name)?;
        let lines = wrapped_lines(&title, area * 2 / 3);
        height(ws, r, TITLE_HEIGHT * lines as f64)?;
    }
    let mut lines: Vec<(Kind, String)> = Vec::new();
    if first {
        lines.extend(doc.meta.iter().map(|m| (Kind::Line, m.to_string())));
    }
    lines.extend(sheet.before.iter().flat_map(|b| text_lines(b, doc.lang)));
    for (kind, text) in &lines {
        let r = at.next()?;
        text_row(ws, r, ncols, text, styles.get(style(*kind)), name)?;
        fit_height(ws, r, wrapped_lines(text, area.saturating_sub(1)))?;
    }

    if let Some(t) = sheet.table {
        let header = write_table(ws, t, &widths, &mut at, styles)?;
        placed.push(Placed {
            sheet: name.to_owned(),
            header,
        });
    }

    if !sheet.after.is_empty() {
        at.next()?; // one empty row between the table and the text
        for b in &sheet.after {
            if let (Block::Chart(c), Some(size)) = (b, chart_size(b, &widths)) {
                let r = at.row;
                let chart = chart(c, size, placed, doc.lang)?;
                ws.insert_chart(u32::try_from(r).unwrap_or(u32::MAX), 0, &chart)
                    .because(msg::xlsx_failed)?;
                for _ in 0..size.rows {
                    at.next()?;
                }
                continue;
            }
            for (kind, text) in text_lines(b, doc.lang) {
                let r = at.next()?;
                text_row(ws, r, ncols, &text, styles.get(style(kind)), name)?;
                fit_height(ws, r, wrapped_lines(&text, area.saturating_sub(1)))?;
            }
        }
    }

    page_setup(ws, doc.lang);
    Ok(())
}

fn style(kind: Kind) -> Style {
    Style {
        kind,
        ..Style::default()
    }
}

/// The title row's text: the title and the as-of date (unless the title says it
/// already, as a screen's title does: `逾期任务（截至 2026-07-15）`).
fn title(doc: &Document<'_>) -> String {
    let says = |d: chrono::NaiveDate| {
        doc.title.contains(&d.to_string()) || doc.title.contains(&long_date(d, doc.lang))
    };
    match doc.as_of {
        Some(d) if doc.title.is_empty() => long_date(d, doc.lang),
        Some(d) if says(d) => doc.title.to_string(),
        Some(d) => msg::xlsx_title_as_of(&doc.title, &long_date(d, doc.lang))
            .get(doc.lang)
            .to_owned(),
        None => doc.title.to_string(),
    }
}

/// The header, the rows; the header frozen, filtered and repeated on each page.
///
/// Rows get a height for their wrapped text, estimated by display width: LibreOffice
/// does not fit rows to wrapped text when it opens a file (a ledger without heights
/// printed its 40 rows on one page, each cut to one line), and merged cells are fitted
/// by nobody. The estimate counts a Chinese character as two units, as Excel draws it
/// (LibreOffice draws it narrower, and shows some rows a line taller than they need).
/// Returns the header's row.
fn write_table(
    ws: &mut Worksheet,
    t: &Table<'_>,
    widths: &[usize],
    at: &mut Cursor<'_>,
    styles: &mut Styles,
) -> anyhow::Result<u32> {
    let sheet = at.sheet;
    let header = at.next()?;
    let mut header_lines = 1;
    for (c, column) in t.columns.iter().enumerate() {
        string(
            ws,
            header,
            c,
            &column.header,
            styles.get(style(Kind::Header)),
            sheet,
        )?;
        header_lines = header_lines.max(wrapped_lines(&column.header, width_at(widths, c)));
    }
    fit_height(ws, header, header_lines)?;
    let mut last_filtered = header;
    for row in &t.rows {
        let r = at.next()?;
        let mut lines = 1;
        for (c, cell) in row.cells.iter().enumerate() {
            let mut s = Style {
                fill: row.warning.map(row_fill),
                bold: row.total,
                ..Style::default()
            };
            let width = width_at(widths, c);
            match cell.value {
                Value::Text => {
                    lines = lines.max(wrapped_lines(&cell.text, width));
                    if cell.text.is_empty() {
                        ws.write_blank(r, col(c)?, styles.get(s))
                            .because(msg::xlsx_failed)?;
                    } else {
                        string(ws, r, c, &cell.text, styles.get(s), sheet)?;
                    }
                }
                Value::Empty => {
                    ws.write_blank(r, col(c)?, styles.get(s))
                        .because(msg::xlsx_failed)?;
                }
                Value::Number(n) | Value::Percent(n) if n.is_finite() => {
                    s.kind = Kind::Centred;
                    if matches!(cell.value, Value::Percent(_)) {
                        s.num = Some("0.0%".to_owned());
                    }
                    ws.write_number_with_format(r, col(c)?, n, styles.get(s))
                        .because(msg::xlsx_failed)?;
                }
                Value::Number(_) | Value::Percent(_) => {
                    string(ws, r, c, &cell.text, styles.get(s), sheet)?;
                }
                Value::Date(d) => match date_format(d, &cell.text) {
                    Some(num) => {
                        s.kind = Kind::Centred;
                        s.num = Some(num);
                        ws.write_datetime_with_format(r, col(c)?, d, styles.get(s))
                            .because(msg::xlsx_failed)?;
                    }
                    None => {
                        lines = lines.max(wrapped_lines(&cell.text, width));
                        string(ws, r, c, &cell.text, styles.get(s), sheet)?;
                    }
                },
                Value::Warning(w) => {
                    let (fill, white) = level_fill(w);
                    s.kind = Kind::Centred;
                    s.fill = Some(fill);
                    s.white = white;
                    s.bold = true;
                    string(ws, r, c, &cell.text, styles.get(s), sheet)?;
                }
            }
        }
        // Cells a short row lacks still get the row's borders and fill.
        for c in row.cells.len()..widths.len() {
            let s = Style {
                fill: row.warning.map(row_fill),
                ..Style::default()
            };
            ws.write_blank(r, col(c)?, styles.get(s))
                .because(msg::xlsx_failed)?;
        }
        fit_height(ws, r, lines)?;
        if !row.total {
            last_filtered = r;
        }
    }
    let last_col = col(widths.len().saturating_sub(1))?;
    ws.set_freeze_panes(header + 1, 0)
        .because(msg::xlsx_failed)?;
    // The filter covers the rows, not a totals row at the end (sorting would move it).
    ws.autofilter(header, 0, last_filtered, last_col)
        .because(msg::xlsx_failed)?;
    ws.set_repeat_rows(header, header)
        .because(msg::xlsx_failed)?;
    Ok(header)
}

/// A chart's size in pixels, and the rows it covers (with one empty row under it).
#[derive(Debug, Clone, Copy)]
struct ChartSize {
    width: u32,
    height: u32,
    rows: usize,
}

/// How big a chart block is drawn on a sheet with columns `widths`: as wide as the
/// table above it (the sheet prints one page wide, so the chart fits the page with the
/// table), a bar's room per category, and no taller than a landscape page holds at that
/// width. `None` for other blocks.
fn chart_size(b: &Block<'_>, widths: &[usize]) -> Option<ChartSize> {
    let Block::Chart(c) = b else {
        return None;
    };
    // Excel's pixels for a column `w` characters wide (11-point Calibri).
    let table: usize = widths.iter().map(|w| w * 7 + 5).sum();
    let width = table.clamp(CHART_MIN_WIDTH, CHART_MAX_WIDTH);
    let bars = 120 + 32 * c.categories.len();
    let height = bars.clamp(CHART_MIN_HEIGHT, width * 3 / 5);
    // Rows of the default height, 15 points = 20 pixels.
    let rows = height.div_ceil(20) + 1;
    Some(ChartSize {
        width: u32::try_from(width).unwrap_or(u32::MAX),
        height: u32::try_from(height).unwrap_or(u32::MAX),
        rows,
    })
}

/// The narrowest and widest a chart is drawn, and its least height, in pixels.
const CHART_MIN_WIDTH: usize = 640;
const CHART_MAX_WIDTH: usize = 1400;
const CHART_MIN_HEIGHT: usize = 320;

/// A native bar chart of `c`, its ranges the cells of the table it is made from:
/// categories down the side, in the table's order from the top, each series a colour
/// of its own, the legend under the plot.
fn chart(
    c: &crate::view::Chart<'_>,
    size: ChartSize,
    placed: &[Placed],
    lang: Lang,
) -> anyhow::Result<rust_xlsxwriter::Chart> {
    use rust_xlsxwriter::{
        Chart, ChartAxisCrossing, ChartFont, ChartFormat, ChartLegendPosition, ChartSolidFill,
        ChartType,
    };
    let src = &c.source;
    let at = placed
        .get(src.table)
        .ok_or_else(|| crate::Failed::error(msg::xlsx_failed()))?;
    let row = |i: usize| {
        u32::try_from(i)
            .ok()
            .and_then(|i| at.header.checked_add(1)?.checked_add(i))
            .ok_or_else(|| crate::Failed::error(msg::xlsx_failed()))
    };
    let (first, last) = (row(src.rows.start)?, row(src.rows.end.saturating_sub(1))?);
    let kind = if c.stacked {
        ChartType::BarStacked
    } else {
        ChartType::Bar
    };
    let mut chart = Chart::new(kind);
    let cat = col(src.category_column)?;
    for (series, column) in c.series.iter().zip(&src.series_columns) {
        let column = col(*column)?;
        let s = chart
            .add_series()
            .set_name((at.sheet.as_str(), at.header, column))
            .set_categories((at.sheet.as_str(), first, cat, last, cat))
            .set_values((at.sheet.as_str(), first, column, last, column));
        if let Some(w) = series.colour {
            s.set_format(
                ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(level_fill(w).0)),
            );
        }
        if c.stacked {
            s.set_overlap(100).set_gap(60);
        }
    }
    let title_font = ChartFont::new().set_size(14).set_bold().clone();
    chart
        .title()
        .set_name(c.title.as_ref())
        .set_font(&title_font);
    // In a bar chart (rust_xlsxwriter's, as Excel's) the y axis is the categories,
    // down the side: from the top in the table's order, the value axis (x) then
    // still at the bottom.
    chart
        .y_axis()
        .set_name(c.category_axis.as_ref())
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max);
    // Chinese down the side reads top to bottom, each character upright (Excel's
    // stacked East Asian text); English is turned.
    if lang == Lang::Zh {
        chart
            .y_axis()
            .set_name_font(ChartFont::new().set_rotation(271));
    }
    chart
        .x_axis()
        .set_name(c.value_axis.as_ref())
        .set_num_format("0")
        .set_major_gridlines(true);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart
        .set_width(size.width)
        .set_height(size.height)
        .set_alt_text(c.title.as_ref());
    Ok(chart)
}

/// A4 landscape, one page wide and as many tall as it takes, centred, page numbers in
/// the footer.
fn page_setup(ws: &mut Worksheet, lang: Lang) {
    ws.set_paper_size(PAPER_A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_footer(msg::xlsx_footer().get(lang));
}

/// The number format that shows a date cell as its text shows it: `yyyy-mm-dd`, with
/// what the text adds after the date as a literal (`2026-07-15（每月）`). `None` when
/// the text is not the date followed by plain text: the cell is then the text.
fn date_format(d: NaiveDate, text: &str) -> Option<String> {
    if !(1900..=9999).contains(&d.year()) {
        return None; // outside Excel's dates
    }
    let rest = text.strip_prefix(d.to_string().as_str())?;
    let mut num = String::from("yyyy-mm-dd");
    let mut quoted = false;
    for c in rest.chars() {
        if c.is_control() {
            return None;
        }
        if c == '"' {
            if quoted {
                num.push('"');
                quoted = false;
            }
            num.push_str("\\\"");
        } else {
            if !quoted {
                num.push('"');
                quoted = true;
            }
            num.push(c);
        }
    }
    if quoted {
        num.push('"');
    }
    // Excel's limit on a number format.
    (num.chars().count() <= 255).then_some(num)
}

/// The blocks other than tables as lines of text, as the Markdown and text renderers
/// show them.
fn text_lines(b: &Block<'_>, lang: Lang) -> Vec<(Kind, String)> {
    match b {
        Block::Heading { text, .. } => vec![(Kind::Heading, text.to_string())],
        Block::Para(t) | Block::Note(t) | Block::Addressee(t) => {
            vec![(Kind::Line, t.to_string())]
        }
        Block::Item {
            number,
            text,
            details,
        } => std::iter::once((Kind::Line, format!("{number}. {text}")))
            .chain(details.iter().map(|d| (Kind::Line, format!("    {d}"))))
            .collect(),
        Block::List(lines) => lines.iter().map(|l| (Kind::Line, l.to_string())).collect(),
        Block::Fields(fields) => fields
            .iter()
            .map(|(label, value)| (Kind::Line, field(label, value, lang)))
            .collect(),
        Block::Signature { from, date } => vec![
            (Kind::Right, from.to_string()),
            (Kind::Right, long_date(*date, lang)),
        ],
        Block::Table(_) | Block::Chart(_) => Vec::new(),
        // None are left: `xlsx` made them in their place (`Document::whole`).
        Block::Made(_) => Vec::new(),
    }
}

/// A line of text across the sheet's columns.
fn text_row(
    ws: &mut Worksheet,
    r: u32,
    ncols: usize,
    text: &str,
    format: &Format,
    sheet: &str,
) -> anyhow::Result<()> {
    check_length(text, r, 0, sheet)?;
    if ncols > 1 {
        ws.merge_range(r, 0, r, col(ncols - 1)?, text, format)
            .because(msg::xlsx_failed)?;
    } else {
        ws.write_string_with_format(r, 0, text, format)
            .because(msg::xlsx_failed)?;
    }
    Ok(())
}

fn string(
    ws: &mut Worksheet,
    r: u32,
    c: usize,
    text: &str,
    format: &Format,
    sheet: &str,
) -> anyhow::Result<()> {
    check_length(text, r, c, sheet)?;
    ws.write_string_with_format(r, col(c)?, text, format)
        .because(msg::xlsx_failed)?;
    Ok(())
}

/// Text longer than an Excel cell holds is an error naming the cell, never cut short.
fn check_length(text: &str, r: u32, c: usize, sheet: &str) -> anyhow::Result<()> {
    let chars = text.chars().count();
    if chars > MAX_CELL_CHARS {
        let cell = row_col_to_cell(r, col(c)?);
        return Err(crate::Failed::error(msg::xlsx_cell_too_long(
            sheet, &cell, chars,
        )));
    }
    Ok(())
}

/// A column as Excel names it, counted from 0: 0 → A, 25 → Z, 26 → AA, 701 → ZZ,
/// 702 → AAA. What the ledger and form readers name a cell by, and what a chart's
/// ranges say.
pub fn column_letter(index: usize) -> String {
    let mut out = Vec::new();
    let mut n = index;
    loop {
        out.push(char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

fn col(c: usize) -> anyhow::Result<u16> {
    u16::try_from(c).map_err(|_| anyhow::Error::new(XlsxError::RowColumnLimitError))
}

/// Sets a row's height for `lines` lines of text, when it needs more than one.
fn fit_height(ws: &mut Worksheet, r: u32, lines: usize) -> anyhow::Result<()> {
    if lines > 1 {
        height(ws, r, LINE_HEIGHT * lines as f64)?;
    }
    Ok(())
}

fn height(ws: &mut Worksheet, r: u32, points: f64) -> anyhow::Result<()> {
    ws.set_row_height(r, points.min(MAX_ROW_HEIGHT))
        .because(msg::xlsx_failed)?;
    Ok(())
}

fn width_at(widths: &[usize], c: usize) -> usize {
    widths.get(c).copied().unwrap_or(MAX_WIDTH)
}

/// The lines `text` takes in a column `width` units wide (one unit is kept for the
/// cell's padding).
fn wrapped_lines(text: &str, width: usize) -> usize {
    let usable = width.saturating_sub(1).max(1);
    text.split('\n')
        .map(|line| line.width().div_ceil(usable).max(1))
        .sum()
}

/// Each column's width: its widest line (header or cell, by display width, a Chinese
/// character counting two) and a little room, at most [`MAX_WIDTH`]; when they add up
/// to more than a page, the widest are narrowed alike (not below [`MIN_SHRUNK`]), so that
/// the printed page, fitted to one page wide, is not shrunk more than it must be.
pub fn column_widths(t: &Table<'_>) -> Vec<usize> {
    let ncols = t
        .rows
        .iter()
        .map(|r| r.cells.len())
        .chain([t.columns.len()])
        .max()
        .unwrap_or(0);
    let mut natural = vec![4usize; ncols];
    let widest = |s: &str| s.split('\n').map(UnicodeWidthStr::width).max().unwrap_or(0);
    let cells = t
        .columns
        .iter()
        .map(|c| c.header.as_ref())
        .enumerate()
        .chain(
            t.rows
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| c.text.as_ref()).enumerate()),
        );
    for (c, text) in cells {
        if let Some(w) = natural.get_mut(c) {
            *w = (*w).max(widest(text) + 2);
        }
    }
    let natural: Vec<usize> = natural.into_iter().map(|w| w.min(MAX_WIDTH)).collect();
    // The largest cap that fits the page, else the smallest allowed.
    let capped = |cap: usize| natural.iter().map(move |&w| w.min(cap));
    let cap = (MIN_SHRUNK..=MAX_WIDTH)
        .rev()
        .find(|&cap| capped(cap).sum::<usize>() <= PAGE_WIDTH)
        .unwrap_or(MIN_SHRUNK);
    capped(cap).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_excel_does() {
        let table = [
            (0, "A"),
            (1, "B"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
            (16_383, "XFD"),
        ];
        for (index, letters) in table {
            assert_eq!(column_letter(index), letters, "{index}");
        }
    }

    fn names(list: &[&str]) -> Vec<String> {
        sheet_names(list.iter().map(|s| Some(*s)), Lang::Zh)
    }

    #[test]
    fn sheet_names_are_made_valid_and_unique() {
        assert_eq!(
            names(&[
                "逾期任务",
                "a/b:c",
                "'x'",
                "",
                "History",
                "逾期任务",
                "汇总"
            ]),
            [
                "逾期任务",
                "a_b_c",
                "x",
                "表4",
                "表5",
                "逾期任务 (2)",
                "汇总"
            ]
        );
        let long = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三";
        let got = names(&[long, long]);
        assert_eq!(got[0].chars().count(), 31);
        assert_eq!(got[1], format!("{} (2)", &long[..27 * 3]));
        assert_eq!(names(&["Sheet", "sheet"]), ["Sheet", "sheet (2)"]);
        // An astral character is two UTF-16 units, as Excel counts.
        let astral = "𠀀".repeat(16);
        assert_eq!(names(&[&astral])[0].chars().count(), 15);
    }

    #[test]
    fn a_date_cell_keeps_what_its_text_adds() {
        let d = NaiveDate::from_ymd_opt(2026, 7, 15).unwrap_or_default();
        assert_eq!(date_format(d, "2026-07-15").as_deref(), Some("yyyy-mm-dd"));
        assert_eq!(
            date_format(d, "2026-07-15（每月）").as_deref(),
            Some("yyyy-mm-dd\"（每月）\"")
        );
        assert_eq!(
            date_format(d, "2026-07-15 \"x\"").as_deref(),
            Some("yyyy-mm-dd\" \"\\\"\"x\"\\\"")
        );
        assert_eq!(date_format(d, "7月15日"), None);
        let old = NaiveDate::from_ymd_opt(1899, 12, 31).unwrap_or_default();
        assert_eq!(date_format(old, "1899-12-31"), None);
    }

    #[test]
    fn wide_tables_narrow_their_widest_columns() {
        let mut t = Table::new("t");
        t.columns(["a", "b", "c", "d"]);
        t.push(
            [
                "x".repeat(100),
                "y".repeat(70),
                "z".repeat(30),
                "w".repeat(3),
            ]
            .into_iter()
            .map(crate::view::Cell::text)
            .collect(),
        );
        assert_eq!(column_widths(&t), [60, 60, 32, 5]);
        for _ in 0..4 {
            t.columns(["more"]);
        }
        t.rows[0]
            .cells
            .extend((0..4).map(|_| crate::view::Cell::text("m".repeat(40))));
        let w = column_widths(&t);
        assert!(w.iter().sum::<usize>() <= PAGE_WIDTH, "{w:?}");
        assert_eq!(w[3], 5);
    }

    #[test]
    fn chinese_counts_double() {
        let mut t = Table::new("t");
        t.columns(["事项"]);
        t.push(vec![crate::view::Cell::text("召开季度会议")]);
        assert_eq!(column_widths(&t), [14]);
    }
}
