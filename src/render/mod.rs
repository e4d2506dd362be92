//! Turns report rows into bytes: tables (CJK-aligned, ASCII borders), JSON, YAML, CSV
//! and Markdown. No domain logic lives here.

pub mod document;
pub mod docx;
pub mod fit;
pub mod ics;
pub mod text;
pub mod wrap;
pub mod xlsx;
pub mod yaml;

pub use fit::TableStyle;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// Rows of text under a header: the common shape of table, CSV and Markdown output.
/// Cells borrow what they can from the data: a 20,000-row list is 200,000 cells.
#[derive(Debug, Clone, Default)]
pub struct Grid<'a> {
    pub headers: Vec<Cow<'a, str>>,
    pub rows: Vec<Vec<Cow<'a, str>>>,
    /// Columns a narrowed table breaks only between words (see [`Grid::keep_words`]).
    pub words: Vec<usize>,
    /// Short forms of cells, by column (see [`Grid::short_forms`]).
    pub short: BTreeMap<usize, HashMap<String, String>>,
    /// Colours for the cells of one column, one per row, for a table on a terminal
    /// that shows colour (see [`Grid::paint`]). Markdown and CSV ignore them.
    pub paint: Option<(usize, Vec<Option<Color>>)>,
}

/// A colour for a table cell: the terminal's own red, yellow, blue and green (SGR
/// 31–34), so that they follow the user's colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Red,
    Yellow,
    Blue,
    Green,
}

impl Color {
    fn sgr(self) -> &'static str {
        match self {
            Color::Red => "\x1b[31m",
            Color::Yellow => "\x1b[33m",
            Color::Blue => "\x1b[34m",
            Color::Green => "\x1b[32m",
        }
    }
}

/// Appends `n` spaces.
fn spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(SPACES.get(..k).unwrap_or_default());
        n -= k;
    }
}

/// Writes a cell's text, in `color` if any. The escape codes take no columns: the
/// table's widths come from the text alone, so colour never moves a border.
fn push_painted(out: &mut String, text: &str, color: Option<Color>) {
    match color {
        Some(c) if !text.is_empty() => {
            out.push_str(c.sgr());
            out.push_str(text);
            out.push_str("\x1b[0m");
        }
        _ => out.push_str(text),
    }
}

impl<'a> Grid<'a> {
    pub fn new(headers: impl IntoIterator<Item = impl Into<Cow<'a, str>>>) -> Grid<'a> {
        Grid {
            headers: headers.into_iter().map(Into::into).collect(),
            ..Grid::default()
        }
    }

    pub fn push(&mut self, row: impl IntoIterator<Item = impl Into<Cow<'a, str>>>) {
        self.rows.push(row.into_iter().map(Into::into).collect());
    }

    /// Puts a column in at `at` (a roll-up's office column), its cells row by row (a
    /// row without one gets an empty cell); what is said of the columns from `at` on
    /// (words kept, short forms, colours) moves with them.
    pub fn insert_column(
        &mut self,
        at: usize,
        header: impl Into<Cow<'a, str>>,
        cells: impl IntoIterator<Item = impl Into<Cow<'a, str>>>,
    ) {
        let at = at.min(self.headers.len());
        self.headers.insert(at, header.into());
        let mut cells = cells.into_iter();
        for row in &mut self.rows {
            let cell = cells.next().map_or(Cow::Borrowed(""), Into::into);
            let at = at.min(row.len());
            row.insert(at, cell);
        }
        let shift = |c: usize| if c >= at { c + 1 } else { c };
        self.words.iter_mut().for_each(|c| *c = shift(*c));
        self.short = std::mem::take(&mut self.short)
            .into_iter()
            .map(|(c, forms)| (shift(c), forms))
            .collect();
        if let Some((c, _)) = &mut self.paint {
            *c = shift(*c);
        }
    }

    /// Colours column `col` of the table, row by row (`None`: plain). Only for output
    /// to a terminal that shows colour: the caller decides, the bytes differ.
    pub fn paint(&mut self, col: usize, colors: Vec<Option<Color>>) {
        self.paint = Some((col, colors));
    }

    /// The colour of a body cell, if any.
    fn color(&self, row: usize, col: usize) -> Option<Color> {
        match &self.paint {
            Some((c, colors)) if *c == col => colors.get(row).copied().flatten(),
            _ => None,
        }
    }

    /// An ASCII table aligned by display width, so Chinese text lines up. Never wraps:
    /// the same data gives the same bytes on every terminal (piped output; a table that
    /// fits a width is these bytes too, see [`Grid::to_table_in`]).
    ///
    /// The layout is comfy-table's `ASCII_FULL_CONDENSED`, written here directly:
    /// comfy-table took 80 ms of a 20,000-row overdue list (a third of the run) and
    /// measures widths in `u16`; a test checks the bytes against comfy-table's.
    ///
    /// A long table is measured and written on every core, a run of rows each; each
    /// cell's width is kept (four bytes) rather than the cell made one line, so that a
    /// 200,000-row table does not hold its text twice.
    pub fn to_table(&self) -> String {
        self.to_table_parts().concat()
    }

    /// [`Grid::to_table`] in the pieces it is written in (the header with the first
    /// rows, each further block of rows, the closing rule), not joined: a long table is
    /// written out piece by piece rather than copied into one string first.
    pub fn to_table_parts(&self) -> Vec<String> {
        let headers: Vec<&str> = self.headers.iter().map(AsRef::as_ref).collect();
        let mut parts = Vec::new();
        fn cell<'r>(row: &'r Vec<Cow<'_, str>>, i: usize) -> &'r str {
            row.get(i).map_or("", AsRef::as_ref)
        }
        let last = boxed_table(
            &headers,
            self.rows.as_slice(),
            cell,
            |r, _, c| self.color(r, c),
            &mut |p| {
                parts.push(p);
                Ok(())
            },
        );
        // Pieces kept in memory cannot fail to be written.
        parts.extend(last.ok());
        parts
    }

    /// Whether column `col` holds numbers (see [`numeric_column`]).
    fn is_numeric(&self, col: usize) -> bool {
        numeric_column(&self.rows, |r| r.get(col).map(AsRef::as_ref))
    }

    /// A GitHub/pandoc pipe table; cells escape `|` and turn newlines into `<br>`.
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let line = |cells: &[Cow<'_, str>]| {
            let cells: Vec<Cow<'_, str>> = cells.iter().map(|c| markdown_cell(c)).collect();
            format!("| {} |\n", cells.join(" | "))
        };
        s.push_str(&line(&self.headers));
        s.push_str(&format!("|{}\n", "---|".repeat(self.headers.len())));
        for row in &self.rows {
            s.push_str(&line(row));
        }
        s
    }

    /// CSV, UTF-8; cells that a spreadsheet would run as a formula are made inert.
    pub fn to_csv(&self, bom: bool) -> anyhow::Result<Vec<u8>> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        let mut w = csv::Writer::from_writer(out);
        w.write_record(self.headers.iter().map(|h| csv_cell(h).into_owned()))?;
        for row in &self.rows {
            w.write_record(row.iter().map(|c| csv_cell(c).into_owned()))?;
        }
        w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
    }
}

/// An empty cell, or a count, amount or percentage: `12`, `-3`, `87.5%`.
/// The "none" placeholders of either language count as empty.
/// Whether a column holds numbers (and "none" placeholders), at least one: such columns
/// read best right-aligned, so that digits line up. `cell` gives the column's cell of
/// a row, if it has one.
fn numeric_column<'r, R>(rows: &'r [R], cell: impl Fn(&'r R) -> Option<&'r str>) -> bool {
    let cells = || rows.iter().filter_map(&cell);
    cells().all(is_number) && cells().any(|c| c.chars().any(|ch| ch.is_ascii_digit()))
}

/// Rows a block of a long table holds: it is made on every core, written out, and let
/// go before the next (a million tasks' overdue list is 55 MB of table).
const BLOCK_ROWS: usize = 8 * ROWS_PER_RUN;

/// Rows per thread worth the start of one.
const ROWS_PER_RUN: usize = 2048;

/// Where [`boxed_table`] takes its rows from, a block at a time: rows that are held (a
/// slice), or rows made when they are written ([`crate::view::Table::made`]: a table
/// too long to hold whole is made twice, once to measure it and once to write it, and
/// each block is let go before the next).
pub(crate) trait RowBlocks<R: Clone>: Sync {
    fn count(&self) -> usize;
    /// The rows `range` (within `0..count()`).
    fn block(&self, range: std::ops::Range<usize>) -> Cow<'_, [R]>;
}

impl<R: Clone + Sync> RowBlocks<R> for [R] {
    fn count(&self) -> usize {
        self.len()
    }
    fn block(&self, range: std::ops::Range<usize>) -> Cow<'_, [R]> {
        Cow::Borrowed(self.get(range).unwrap_or_default())
    }
}

impl<'a> RowBlocks<crate::view::Row<'a>> for crate::view::MadeRows<'a> {
    fn count(&self) -> usize {
        crate::view::MadeRows::count(self)
    }
    fn block(&self, range: std::ops::Range<usize>) -> Cow<'_, [crate::view::Row<'a>]> {
        Cow::Owned(self.make(range))
    }
}

/// `range` cut into runs of at least `min` rows, at most one a core.
fn index_runs(range: std::ops::Range<usize>, min: usize) -> Vec<std::ops::Range<usize>> {
    let n = crate::par::runs(range.len(), min);
    let size = range.len().div_ceil(n.max(1)).max(1);
    (range.start..range.end)
        .step_by(size)
        .map(|start| start..(start + size).min(range.end))
        .collect()
}

/// An ASCII table aligned by display width, so Chinese text lines up, in comfy-table's
/// `ASCII_FULL_CONDENSED` layout ([`Grid::to_table`]), from any rows: `cell(row, i)` is
/// the text of a row's `i`th cell, `color(r, row, i)` the colour of the `i`th cell of
/// `row`, the `r`th. A document's table is written from its own cells, with no copy of
/// them (`document::write`), or from rows made a block at a time ([`RowBlocks`]).
///
/// The pieces but the last go to `emit` as they are made: the header with the first
/// rows, then each further block of rows. The last, the closing rule, is returned (a
/// caller writing text after the table keeps it to end that text). Each block is
/// measured and written on every core, a run of rows each; each cell's width is kept
/// (four bytes) rather than the cell made one line, so that a 200,000-row table does
/// not hold its text twice.
pub(crate) fn boxed_table<R: Clone + Sync, B: RowBlocks<R> + ?Sized>(
    headers: &[&str],
    rows: &B,
    cell: impl for<'r> Fn(&'r R, usize) -> &'r str + Sync,
    color: impl Fn(usize, &R, usize) -> Option<Color> + Sync,
    emit: &mut dyn FnMut(String) -> std::io::Result<()>,
) -> std::io::Result<String> {
    // A cell's width once it is made one line, with [`ESCAPED`] set when making it one
    // line changed it (only those are escaped again when written).
    const ESCAPED: u32 = 1 << 31;
    fn width(c: &str) -> u32 {
        let (c, flag) = match text::one_line(c) {
            Cow::Borrowed(c) => (Cow::Borrowed(c), 0),
            Cow::Owned(c) => (Cow::Owned(c), ESCAPED),
        };
        let w = text::display_width(&c);
        u32::try_from(w).unwrap_or(u32::MAX).min(ESCAPED - 1) | flag
    }
    let bare = |w: u32| (w & !ESCAPED) as usize;
    let cols = headers.len();
    // The text of the row some places on, asked for while this one is measured or
    // written: a sorted list's cells lie all over the tasks' files, and waiting for
    // each cell's first bytes was a sixth of writing a million-task list.
    let ask_ahead = |rows: &[R], k: usize| {
        if let Some(next) = rows.get(k + crate::swar::AHEAD) {
            for i in 0..cols {
                crate::swar::prefetch(cell(next, i));
            }
        }
    };
    let count = rows.count();
    let blocks = || {
        (0..count.max(1))
            .step_by(BLOCK_ROWS)
            .map(move |start| start..(start + BLOCK_ROWS).min(count))
    };
    let header: Vec<u32> = headers.iter().map(|h| width(h)).collect();
    // The widths of the cells, `cols` a row; the widest of each column; and whether
    // each column holds only numbers (and at least one digit: see `numeric_column`):
    // a block at a time, a run of rows on each core.
    struct Measured {
        cells: Vec<u32>,
        widest: Vec<u32>,
        numbers: Vec<bool>,
        digits: Vec<bool>,
    }
    let mut cws: Vec<u32> = Vec::with_capacity(count * cols);
    // comfy-table gives an empty column one character.
    let mut widths: Vec<usize> = header.iter().map(|&w| bare(w).max(1)).collect();
    let mut right = vec![(true, false); cols];
    for block in blocks() {
        let measured = crate::par::map(&index_runs(block, ROWS_PER_RUN), 1, |run| {
            let made = rows.block(run.clone());
            let mut m = Measured {
                cells: Vec::with_capacity(made.len() * cols),
                widest: vec![0; cols],
                numbers: vec![true; cols],
                digits: vec![false; cols],
            };
            for (k, row) in made.iter().enumerate() {
                ask_ahead(&made, k);
                for i in 0..cols {
                    let c = cell(row, i);
                    let cw = width(c);
                    if let Some(w) = m.widest.get_mut(i) {
                        *w = (*w).max(cw & !ESCAPED);
                    }
                    if let Some(n) = m.numbers.get_mut(i) {
                        *n = *n && is_number(c);
                    }
                    if let Some(d) = m.digits.get_mut(i) {
                        *d = *d || c.bytes().any(|b| b.is_ascii_digit());
                    }
                    m.cells.push(cw);
                }
            }
            m
        });
        for m in measured {
            for (w, &cw) in widths.iter_mut().zip(&m.widest) {
                *w = (*w).max(cw as usize);
            }
            for (r, (&n, &d)) in right.iter_mut().zip(m.numbers.iter().zip(&m.digits)) {
                *r = (r.0 && n, r.1 || d);
            }
            cws.extend(m.cells);
        }
    }
    let right: Vec<bool> = right.into_iter().map(|(n, d)| n && d).collect();
    let total: usize = widths.iter().map(|w| w + 3).sum::<usize>() + 1;
    // The bytes of a line, for the room to reserve: a Chinese character takes three
    // bytes for two columns (a run that outgrew its room was copied into twice as
    // much, 10 MB for a 5 MB table).
    let line_bytes = total * 3 / 2;
    let rule = |out: &mut String, fill: char, junction: char| {
        out.push('+');
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                out.push(junction);
            }
            out.extend(std::iter::repeat_n(fill, w + 2));
        }
        out.push_str("+\n");
    };
    // One cell of a line, `i`th in it, of width `cw`, in `color`.
    let put = |out: &mut String, i: usize, text: &str, cw: u32, color: Option<Color>| {
        let w = widths.get(i).copied().unwrap_or(0);
        let text = if cw & ESCAPED != 0 {
            text::one_line(text)
        } else {
            Cow::Borrowed(text)
        };
        let pad = w.saturating_sub(bare(cw));
        out.push(' ');
        if right.get(i).copied().unwrap_or(false) {
            spaces(out, pad);
            push_painted(out, &text, color);
        } else {
            push_painted(out, &text, color);
            spaces(out, pad);
        }
        out.push_str(" |");
    };
    // The rows of `block`, each run on a core; the first run goes on `first`.
    let write_block = |first: &mut String, block: std::ops::Range<usize>| -> Vec<String> {
        let first = std::sync::Mutex::new(first);
        let runs: Vec<(usize, std::ops::Range<usize>)> = index_runs(block, ROWS_PER_RUN)
            .into_iter()
            .enumerate()
            .collect();
        crate::par::map(&runs, 1, |(k, run)| {
            let write = |s: &mut String| {
                let made = rows.block(run.clone());
                for (k, (index, row)) in run.clone().zip(made.iter()).enumerate() {
                    ask_ahead(&made, k);
                    let cws = cws
                        .get(index * cols..(index + 1) * cols)
                        .unwrap_or_default();
                    s.push('|');
                    for i in 0..cols {
                        let cw = cws.get(i).copied().unwrap_or(0);
                        put(s, i, cell(row, i), cw, color(index, row, i));
                    }
                    s.push('\n');
                }
            };
            // Only the first run (on this thread) takes the lock.
            if *k == 0
                && let Ok(mut first) = first.lock()
            {
                write(&mut first);
                return String::new();
            }
            let mut mine = String::with_capacity(line_bytes * run.len());
            write(&mut mine);
            mine
        })
    };
    for block in blocks() {
        let first_run = block.len() / crate::par::runs(block.len(), ROWS_PER_RUN);
        let mut first = String::with_capacity(line_bytes * (first_run + 4));
        if block.start == 0 {
            rule(&mut first, '-', '+');
            first.push('|');
            for (i, (h, &cw)) in headers.iter().zip(&header).enumerate() {
                put(&mut first, i, h, cw, None);
            }
            first.push('\n');
            rule(&mut first, '=', '=');
        }
        let rest = write_block(&mut first, block);
        emit(first)?;
        for piece in rest.into_iter().filter(|r| !r.is_empty()) {
            emit(piece)?;
        }
    }
    let mut end = String::with_capacity(total);
    rule(&mut end, '-', '+');
    Ok(end)
}

fn is_number(cell: &str) -> bool {
    let digits = cell.trim().trim_end_matches('%');
    cell.is_empty()
        || cell == crate::i18n::L::None.get(crate::model::Lang::Zh)
        || cell == crate::i18n::L::None.get(crate::model::Lang::En)
        || (!digits.is_empty()
            && digits
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
            && digits.chars().any(|c| c.is_ascii_digit()))
}

/// Escapes text for a Markdown table cell (and for inline Markdown generally):
/// `|` and `\` are escaped, newlines become `<br>`, control characters are shown.
pub fn markdown_cell(s: &str) -> Cow<'_, str> {
    // Most text holds nothing to escape, and is given back as it is (the agenda of a
    // hundred thousand tasks escapes 200,000 lines, each copied three times before).
    let plain = !s
        .bytes()
        .any(|b| matches!(b, b'|' | b'\\' | b'\n' | b'\r' | b'<' | b'>'));
    if plain && matches!(text::sanitize(s), Cow::Borrowed(_)) {
        return Cow::Borrowed(s);
    }
    // A line break written on Windows (CRLF) is one line break, not a CR to show.
    let s = text::sanitize(&s.replace("\r\n", "\n")).into_owned();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Makes a CSV cell safe: a `'` goes before a cell a spreadsheet would read as a formula
/// (one starting with `= + - @`, tab or CR), and control characters other than tab and
/// newline are shown escaped (`\u{1b}`), as in tables, because CSV is printed to
/// terminals too. A Windows line break (CRLF) inside a value becomes a plain newline.
pub fn csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    let formula = matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    let safe = text::sanitize(s);
    if !formula && matches!(safe, std::borrow::Cow::Borrowed(_)) {
        return s.into();
    }
    let safe = text::sanitize(&s.replace("\r\n", "\n")).into_owned();
    if formula {
        format!("'{safe}").into()
    } else {
        safe.into()
    }
}

/// Pretty JSON. serde_json escapes only C0 controls; DEL, C1 controls and the bidi
/// overrides are escaped here too (`\u009b`), so JSON printed to a terminal is as safe
/// as a table, and still parses back to exactly the same strings.
///
/// The serializer writes through a buffer of its own: it makes a call for every key,
/// comma and indent, and each call through `&mut dyn Write` cost a tenth of the JSON of
/// a 20,000-task list.
///
/// A long list marked [`json_list`] (a report's tasks) is written on every core, its
/// items a run at a time, and set into its place as the rest is written (see
/// [`Spliced`]): on one core, 20,000 tasks' JSON took longer than the load of the
/// 100,000 they came from.
pub fn json(out: &mut dyn Write, value: &impl Serialize) -> anyhow::Result<()> {
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut ser = serde_json::Serializer::with_formatter(
        Spliced { out: &mut buf },
        SafeJson {
            track: true,
            ..SafeJson::default()
        },
    );
    SPLICE.with(|s| s.replace(Some(Vec::new())));
    let done = value.serialize(&mut ser);
    SPLICE.with(|s| s.replace(None));
    done?;
    buf.write_all(b"\n")?;
    buf.flush()?;
    Ok(())
}

/// Serializes a list as it is, or, inside [`json`], writes its items first (a long
/// list on every core, a short one on this thread into one buffer), at the depth
/// [`json`]'s printer has reached, and hands them to its writer, which sets them where
/// the list's stand-in (`null`) goes: for `#[serde(serialize_with)]` on a report's
/// lists. To every other serializer (YAML, the tests' JSON) it is the list.
pub fn json_list<S: serde::Serializer, T: Serialize + Sync + crate::swar::AskAhead>(
    items: &[T],
    ser: S,
) -> Result<S::Ok, S::Error> {
    // Past this many items the list is written as it is made, on one core, not held:
    // a task's JSON is about a kilobyte, so at most some 50 MB are held (20,000
    // overdue tasks of 100,000 are 20 MB).
    const HELD: usize = 50_000;
    let inside = SPLICE.with(|s| s.borrow().as_ref().is_some_and(Vec::is_empty));
    // A short list is held too, written on this thread alone (`map_runs` starts no
    // thread for one run): into one buffer, its pieces went out in a few writes, where
    // through `json`'s writer each of its 160 pieces a task was a write of its own, at
    // twice the cost of the whole list (10,000 tasks, 2,045 of them overdue).
    if !inside || items.is_empty() || items.len() > HELD {
        return items.serialize(ser);
    }
    let level = LEVEL.with(std::cell::Cell::get);
    // Not inside `json` on this thread meanwhile (its first run is written here): a
    // list within an item is written as it is.
    let saved = SPLICE.with(|s| s.replace(None));
    let runs = crate::par::map_runs(items, ITEMS_PER_RUN, |k, _, run| {
        let mut text = Vec::with_capacity(run.len() * 1024);
        for (i, item) in run.iter().enumerate() {
            crate::swar::ask_ahead(run, i);
            // As the pretty printer writes a list: `[`, each item on a line of its
            // own one level deeper, `,` between them, `]` on a line at the list's level.
            text.extend_from_slice(if k == 0 && i == 0 { b"[\n" } else { b",\n" });
            json_indent(&mut text, level + 1).map_err(serde_json::Error::io)?;
            let formatter = SafeJson {
                level: level + 1,
                ..SafeJson::default()
            };
            item.serialize(&mut serde_json::Serializer::with_formatter(
                &mut text, formatter,
            ))?;
        }
        Ok::<Vec<u8>, serde_json::Error>(text)
    });
    SPLICE.with(|s| s.replace(saved));
    let mut list = Vec::with_capacity(runs.len() + 1);
    for run in runs {
        list.push(run.map_err(serde::ser::Error::custom)?);
    }
    let mut end = b"\n".to_vec();
    json_indent(&mut end, level).map_err(serde::ser::Error::custom)?;
    end.push(b']');
    list.push(end);
    SPLICE.with(|s| {
        if let Some(held) = s.borrow_mut().as_mut() {
            *held = list;
        }
    });
    ser.serialize_unit()
}

/// Items of a long list written on one thread before it is worth another.
const ITEMS_PER_RUN: usize = 1024;

thread_local! {
    /// Inside [`json`] on this thread: `Some`, holding the pieces of the list that
    /// [`json_list`] wrote until the writer sets them in its stand-in's place.
    static SPLICE: std::cell::RefCell<Option<Vec<Vec<u8>>>> =
        const { std::cell::RefCell::new(None) };
    /// The depth [`json`]'s printer is at on this thread.
    static LEVEL: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// [`json`]'s writer: it passes the text on, and writes a list [`json_list`] holds in
/// place of its stand-in, `null` (the one write that follows the list's hand-over).
struct Spliced<'a> {
    out: &'a mut dyn Write,
}

impl Write for Spliced<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if bytes == b"null" {
            let held = SPLICE.with(|s| s.borrow_mut().as_mut().map(std::mem::take));
            if let Some(pieces) = held.filter(|p| !p.is_empty()) {
                for piece in pieces {
                    self.out.write_all(&piece)?;
                }
                return Ok(bytes.len());
            }
        }
        self.out.write_all(bytes)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Two spaces a level, as serde_json's pretty printer indents.
fn json_indent<W: ?Sized + Write>(w: &mut W, level: usize) -> std::io::Result<()> {
    const SPACES: &[u8; 64] = &[b' '; 64];
    let mut n = level * 2;
    while n > 0 {
        let k = n.min(SPACES.len());
        w.write_all(SPACES.get(..k).unwrap_or_default())?;
        n -= k;
    }
    Ok(())
}

/// Writes a piece of a JSON string with the characters [`text::is_unsafe_anywhere`]
/// names escaped as `\u009b`, found by their bytes ([`text::next_unsafe`]; a test
/// compares every character with the slow way). Most text has none and goes out in
/// one write.
fn write_json_fragment<W: ?Sized + Write>(writer: &mut W, fragment: &str) -> std::io::Result<()> {
    let mut found = text::next_unsafe(fragment, 0, true);
    // The usual case first, in one write (a loop around it was 1% more instructions
    // for a JSON list).
    if found.is_none() {
        return writer.write_all(fragment.as_bytes());
    }
    let mut done = 0;
    while let Some((at, len)) = found {
        writer.write_all(fragment.get(done..at).unwrap_or("").as_bytes())?;
        let c = fragment.get(at..at + len).and_then(|c| c.chars().next());
        write!(writer, "\\u{:04x}", c.map_or(0, u32::from))?;
        done = at + len;
        found = text::next_unsafe(fragment, done, true);
    }
    writer.write_all(fragment.get(done..).unwrap_or("").as_bytes())
}

/// serde_json's pretty printer, with the escapes of [`json`]; written out here so that
/// it can start at a depth (an item of a list written apart, see [`json_list`]) and,
/// for [`json`]'s own, tell the depth it is at (`track`). Its layout is serde_json's
/// `PrettyFormatter`'s, byte for byte (a test compares them).
#[derive(Default)]
struct SafeJson {
    level: usize,
    /// Whether the container being closed holds a value (one flag, as serde_json's).
    has_value: bool,
    track: bool,
}

impl SafeJson {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        if self.track {
            LEVEL.with(|l| l.set(self.level));
        }
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.track {
            LEVEL.with(|l| l.set(self.level));
        }
        if self.has_value {
            w.write_all(b"\n")?;
            json_indent(w, self.level)?;
        }
        w.write_all(bracket)
    }

    fn next<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        json_indent(w, self.level)
    }
}

impl serde_json::ser::Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        write_json_fragment(writer, fragment)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// YAML; the characters that JSON escapes beyond the controls (the bidi overrides) are
/// escaped too (see [`yaml::to_string`]), so YAML on a terminal is as safe as JSON.
pub fn yaml(out: &mut dyn Write, value: &impl Serialize) -> anyhow::Result<()> {
    let s = yaml::to_string(value)?;
    out.write_all(s.as_bytes())?;
    if !s.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Grid;
    use proptest::prelude::*;

    /// What comfy-table prints for the grid, the layout `to_table` must reproduce.
    fn comfy(grid: &Grid) -> String {
        use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
        let mut table = Table::new();
        table
            .load_style(presets::ASCII_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(
                grid.headers
                    .iter()
                    .map(|h| super::text::one_line(h).into_owned()),
            );
        for row in &grid.rows {
            table.add_row(row.iter().map(|c| super::text::one_line(c).into_owned()));
        }
        for col in 0..grid.headers.len() {
            if let Some(column) = table.column_mut(col).filter(|_| grid.is_numeric(col)) {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
        format!("{table}\n")
    }

    fn cell() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "",
            "a",
            "张柯",
            "省总工会副主席",
            "12",
            "7",
            "87.5%",
            "-3",
            "x y",
            "（逾期）",
            "é",
            "\u{1b}[31m",
            "2021-12-31（每月）",
            "—",
            "a|b",
            "\t",
        ])
        .prop_map(str::to_owned)
    }

    /// Colour goes around the text of the painted cells only; the padding, and so
    /// every border, stays where the plain table has it.
    #[test]
    fn painted_cells_keep_the_columns_of_the_plain_table() {
        use super::Color;
        let mut grid = Grid::new(["编号", "预警", "天数"]);
        grid.push(["JH-01", "红", "10"]);
        grid.push(["JH-02", "绿", ""]);
        grid.push(["JH-03", "", "3"]);
        let plain = grid.to_table();
        grid.paint(
            1,
            vec![Some(Color::Red), Some(Color::Green), Some(Color::Yellow)],
        );
        let painted = grid.to_table();
        assert!(painted.contains("| \x1b[31m红\x1b[0m   |"), "{painted}");
        assert!(painted.contains("| \x1b[32m绿\x1b[0m   |"), "{painted}");
        // An empty cell gets no codes, and the header none either.
        assert_eq!(painted.matches('\x1b').count(), 4);
        assert_eq!(
            painted
                .replace("\x1b[31m", "")
                .replace("\x1b[32m", "")
                .replace("\x1b[0m", ""),
            plain
        );
        // Markdown and CSV never carry colour.
        assert!(!grid.to_markdown().contains('\x1b'));
        assert!(
            !String::from_utf8(grid.to_csv(false).unwrap())
                .unwrap()
                .contains('\x1b')
        );
    }

    /// A table long enough to be written on several cores is the same bytes as
    /// comfy-table's, and its colours stay on their rows across the runs.
    #[test]
    fn long_tables_match_comfy_table_and_keep_their_colours() {
        use super::Color;
        let words = [
            "张柯",
            "a",
            "省总工会副主席",
            "12",
            "",
            "\u{1b}[31m",
            "2021-12-31（每月）",
        ];
        let mut grid = Grid::new(["编号", "标题", "天数", "预警"]);
        let mut colors = Vec::new();
        for i in 0..9000usize {
            grid.push([
                format!("T-{i}"),
                words[i % words.len()].repeat(1 + i % 3),
                (i % 97).to_string(),
                ["红", "绿", ""][i % 3].to_owned(),
            ]);
            colors.push([Some(Color::Red), Some(Color::Green), None][i % 3]);
        }
        let plain = grid.to_table();
        assert_eq!(plain, comfy(&grid));
        grid.paint(3, colors);
        let painted = grid.to_table();
        for (p, q) in painted.lines().zip(plain.lines()).skip(3) {
            let stripped = p
                .replace("\x1b[31m", "")
                .replace("\x1b[32m", "")
                .replace("\x1b[0m", "");
            assert_eq!(stripped, q);
            if q.contains("红") {
                assert!(p.contains("\x1b[31m红\x1b[0m"), "{p}");
            } else if q.contains("绿") {
                assert!(p.contains("\x1b[32m绿\x1b[0m"), "{p}");
            } else {
                assert!(!p.contains('\x1b'), "{p}");
            }
        }
    }

    /// The JSON escapes as they were written before the byte pre-check: every
    /// character decoded and checked. The reference for [`super::write_json_fragment`].
    fn json_fragment_slowly(fragment: &str) -> String {
        let mut out = String::new();
        for c in fragment.chars() {
            if super::text::is_unsafe_anywhere(c) {
                out.push_str(&format!("\\u{:04x}", c as u32));
            } else {
                out.push(c);
            }
        }
        out
    }

    fn json_fragment(fragment: &str) -> String {
        let mut out = Vec::new();
        super::write_json_fragment(&mut out, fragment).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The quick byte test lets no character through that the character test escapes.
    #[test]
    fn json_pre_check_escapes_every_character_the_slow_path_does() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("任务{c}务{c}");
            assert_eq!(
                json_fragment(&s),
                json_fragment_slowly(&s),
                "U+{:04X}",
                c as u32
            );
        }
    }

    /// Text for the escaping tests: any string, and the pieces each escape is about
    /// (controls, bidi overrides, quotes, the Markdown specials, CRLF), run together.
    fn tricky_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                any::<String>(),
                Just("\u{202e}".to_owned()),
                Just("\u{9b}".to_owned()),
                Just("—“引号”…".to_owned()),
                Just("\u{7f}".to_owned()),
                Just("货车司机".to_owned()),
                Just("|".to_owned()),
                Just("\\".to_owned()),
                Just("\r\n".to_owned()),
                Just("\r".to_owned()),
                Just("<b>".to_owned()),
                Just("\u{1b}[31m".to_owned()),
                Just("\t".to_owned()),
            ],
            0..8,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn json_fragments_match_the_slow_path(s in tricky_text()) {
            prop_assert_eq!(json_fragment(&s), json_fragment_slowly(&s));
        }
    }

    /// JSON values of every shape: nested lists and objects, empty ones among them.
    fn json_values() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i32>().prop_map(Value::from),
            "[a-z\"\\\\ 中文\u{1}]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec(("[a-z]{1,3}", inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Written out by hand, the pretty printer lays JSON out as serde_json's does.
        #[test]
        fn json_is_laid_out_as_serde_jsons_pretty_printer(value in json_values()) {
            let mut ours = Vec::new();
            super::json(&mut ours, &value).unwrap();
            let theirs = serde_json::to_string_pretty(&value).unwrap() + "\n";
            prop_assert_eq!(String::from_utf8(ours).unwrap(), theirs);
        }
    }

    /// The lists of the test below: nothing to ask for ahead.
    impl crate::swar::AskAhead for serde_json::Value {
        fn ask_ahead(&self) {}
    }

    /// A report with long lists at two depths, a short one, an empty one and held lists
    /// in the items of a held list: written apart and set in place, they read as the
    /// list written straight through (which is what every serializer but `json` does
    /// with them).
    #[test]
    fn long_lists_are_set_in_their_place() {
        #[derive(serde::Serialize)]
        struct Inner {
            #[serde(serialize_with = "super::json_list")]
            deep: Vec<serde_json::Value>,
            after: u8,
        }
        impl crate::swar::AskAhead for Inner {
            fn ask_ahead(&self) {}
        }
        #[derive(serde::Serialize)]
        struct Report {
            #[serde(serialize_with = "super::json_list")]
            long: Vec<serde_json::Value>,
            #[serde(serialize_with = "super::json_list")]
            short: Vec<serde_json::Value>,
            #[serde(serialize_with = "super::json_list")]
            empty: Vec<serde_json::Value>,
            inner: Vec<Inner>,
            // Held lists in the items of a held list are written as they are.
            #[serde(serialize_with = "super::json_list")]
            held: Vec<Inner>,
        }
        let item = |i: usize| {
            serde_json::json!({ "id": format!("T-{i}"), "units": ["一", "二"], "none": [],
                "notes": [{ "date": "2024-01-01", "n": i }], "empty": {} })
        };
        let report = Report {
            long: (0..5000).map(item).collect(),
            short: (0..3).map(item).collect(),
            empty: Vec::new(),
            inner: vec![Inner {
                deep: (0..2100).map(item).collect(),
                after: 7,
            }],
            held: (0..2)
                .map(|n| Inner {
                    deep: (0..n + 2).map(item).collect(),
                    after: 8,
                })
                .collect(),
        };
        let mut ours = Vec::new();
        super::json(&mut ours, &report).unwrap();
        let theirs = serde_json::to_string_pretty(&report).unwrap() + "\n";
        assert_eq!(String::from_utf8(ours).unwrap(), theirs);
        // And a long list alone, at the outermost level.
        let alone: Vec<serde_json::Value> = (0..4000).map(item).collect();
        #[derive(serde::Serialize)]
        struct Alone<'a>(#[serde(serialize_with = "super::json_list")] &'a [serde_json::Value]);
        let mut ours = Vec::new();
        super::json(&mut ours, &Alone(&alone)).unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string_pretty(&alone).unwrap() + "\n"
        );
    }

    /// Escaping for Markdown the slow way, one replacement after another (backslashes
    /// first, `<` before the `<br>` that newlines become): the reference for
    /// [`markdown_cell`].
    fn markdown_cell_slowly(s: &str) -> String {
        super::text::sanitize(&s.replace("\r\n", "\n"))
            .replace('\\', "\\\\")
            .replace('|', "\\|")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('\r', "")
            .replace('\n', "<br>")
    }

    proptest! {
        #[test]
        fn markdown_cells_match_the_slow_path(s in tricky_text()) {
            prop_assert_eq!(super::markdown_cell(&s), markdown_cell_slowly(&s));
        }
    }

    proptest! {
        #[test]
        fn tables_match_comfy_table_byte_for_byte(
            cols in 1usize..5,
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 5), 0..6),
            headers in proptest::collection::vec(cell(), 5),
        ) {
            let grid = Grid {
                headers: headers.into_iter().take(cols).map(Into::into).collect(),
                rows: rows
                    .into_iter()
                    .map(|r| r.into_iter().take(cols).map(Into::into).collect())
                    .collect(),
                ..Grid::default()
            };
            prop_assert_eq!(grid.to_table(), comfy(&grid));
        }
    }
}
