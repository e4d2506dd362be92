//! Documents ([`crate::view::Document`]) as terminal tables, plain text, Markdown and
//! CSV. The docx and xlsx renderers sit beside this one; [`render`] is the one place a
//! document meets a format.

use super::{Color, Grid, TableStyle, markdown_cell, text::one_line};
use crate::model::Warning;
use crate::view::{Block, Document, Table, Value};
use std::borrow::Cow;

/// The formats a document is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Tables with borders, for a terminal.
    Table,
    /// Plain text: tables without borders.
    Text,
    Markdown,
    Csv,
}

/// How the terminal forms print.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub style: TableStyle,
    /// Colour the 预警 cells (stdout shows colour).
    pub color: bool,
    /// CSV: start with a byte-order mark.
    pub bom: bool,
}

/// The document's bytes in `target`. A document without a CSV table has no CSV form:
/// `None` (the command's list of formats should not have offered it).
pub fn render(doc: &Document<'_>, target: Target, opts: Options) -> anyhow::Result<Vec<u8>> {
    Ok(match target {
        Target::Table | Target::Text => terminal(doc, opts).into_bytes(),
        Target::Markdown => markdown(doc).into_bytes(),
        Target::Csv => match doc.csv_table() {
            Some(t) => grid(&t.whole(), false).to_csv(opts.bom)?,
            None => anyhow::bail!("this document has no table to write as CSV"),
        },
    })
}

/// [`render`] written to `out` as it is made: a long terminal table goes out a block of
/// rows at a time, read from the document's cells, and is neither copied into a grid
/// nor held whole (a million tasks' overdue list is 55 MB).
pub fn render_to(
    doc: &Document<'_>,
    target: Target,
    opts: Options,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    match target {
        Target::Table | Target::Text => {
            write(doc, false, opts, Sink::Write(out))?;
        }
        Target::Markdown | Target::Csv => out.write_all(&render(doc, target, opts)?)?,
    }
    Ok(())
}

/// The column of a table whose cells are 预警 levels, coloured on a terminal: the
/// first with one.
fn warned_column(t: &Table<'_>) -> Option<usize> {
    (0..t.columns.len()).find(|&i| {
        t.rows.iter().any(|r| {
            r.cells
                .get(i)
                .is_some_and(|c| matches!(c.value, Value::Warning(_)))
        })
    })
}

/// The colour a terminal shows the `col`th cell of `row` in: its 预警 level's, if it
/// holds one.
fn cell_color(row: &crate::view::Row<'_>, col: usize) -> Option<Color> {
    match row.cells.get(col).map(|c| c.value) {
        Some(Value::Warning(w)) => Some(warning_color(w)),
        _ => None,
    }
}

/// A table as the terminal renderers' [`Grid`], its cells borrowed (of a table whose
/// rows are held: see [`Table::whole`]).
pub fn grid<'t>(t: &'t Table<'_>, color: bool) -> Grid<'t> {
    let mut g = Grid::new(t.columns.iter().map(|c| Cow::Borrowed(c.header.as_ref())));
    g.rows = t
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| Cow::Borrowed(c.text.as_ref()))
                .collect()
        })
        .collect();
    g.keep_words(
        t.columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.keep_words.then_some(i)),
    );
    for (i, c) in t.columns.iter().enumerate() {
        if !c.short.is_empty() {
            g.short_forms(i, c.short.iter().cloned());
        }
    }
    if color && let Some(col) = warned_column(t) {
        let colors = t.rows.iter().map(|r| cell_color(r, col)).collect();
        g.paint(col, colors);
    }
    g
}

/// The colour of a warning level on a terminal: the level's own colour.
pub fn warning_color(w: Warning) -> Color {
    match w {
        Warning::Red => Color::Red,
        Warning::Yellow => Color::Yellow,
        Warning::Blue => Color::Blue,
        Warning::Green => Color::Green,
    }
}

/// Where a [`Writer`]'s text goes: kept, in pieces, or written as it is made.
enum Sink<'w> {
    Keep(Vec<String>),
    Write(&'w mut dyn std::io::Write),
}

impl Sink<'_> {
    fn put(&mut self, piece: String) -> std::io::Result<()> {
        match self {
            Sink::Keep(pieces) => {
                pieces.push(piece);
                Ok(())
            }
            Sink::Write(out) => out.write_all(piece.as_bytes()),
        }
    }
}

/// Builds Markdown or terminal text with the same calls; the blank lines between
/// blocks are managed here, so that there is never more than one.
struct Writer<'w> {
    markdown: bool,
    /// What is written, but for [`Writer::s`]: the pieces of long tables, and the text
    /// before each.
    done: Sink<'w>,
    /// The text since the last long table.
    s: String,
    /// Terminal text: the width its lines are wrapped to, as tables are fitted to it
    /// (the terminal would break a line anywhere, an id or a date in two).
    width: Option<usize>,
}

impl Writer<'_> {
    fn esc<'t>(&self, t: &'t str) -> Cow<'t, str> {
        if self.markdown {
            markdown_cell(t)
        } else {
            one_line(t)
        }
    }

    /// Ends the text with exactly one blank line (none at the very start).
    fn blank(&mut self) {
        if self.s.is_empty() {
            return;
        }
        while self.s.ends_with("\n\n") {
            self.s.pop();
        }
        if !self.s.ends_with('\n') {
            self.s.push('\n');
        }
        self.s.push('\n');
    }

    /// One line of text after `lead`; on a terminal narrower than it, wrapped where a
    /// reader expects the breaks ([`super::wrap::wrap`]), the lines after the first
    /// under the text, not the lead.
    fn line(&mut self, lead: &str, t: &str) {
        use unicode_width::UnicodeWidthStr;
        let t = self.esc(t);
        self.s.push_str(lead);
        let indent = lead.width();
        match self.width {
            Some(width) if !self.markdown && indent + t.width() > width => {
                let lines = super::wrap::wrap(&t, width.saturating_sub(indent).max(8));
                for (i, l) in lines.iter().enumerate() {
                    if i > 0 {
                        self.s.push('\n');
                        self.s.extend(std::iter::repeat_n(' ', indent));
                    }
                    self.s.push_str(l);
                }
            }
            _ => self.s.push_str(&t),
        }
        self.s.push('\n');
    }

    /// A table's pieces: all but the last (its closing rule) are done; the last is
    /// the text written since, which blank lines follow as they follow any text.
    fn pieces(&mut self, mut pieces: Vec<String>) -> std::io::Result<()> {
        let last = pieces.pop().unwrap_or_default();
        if !pieces.is_empty() {
            self.done.put(std::mem::take(&mut self.s))?;
            for piece in pieces {
                self.done.put(piece)?;
            }
        }
        self.s.push_str(&last);
        Ok(())
    }

    /// A boxed table that is not fitted to a width, written from the table's own cells
    /// as [`super::boxed_table`] makes it (the text before it goes first), or from its
    /// rows made a block at a time when they are made as they are written.
    fn boxed(&mut self, t: &Table<'_>, color: bool) -> std::io::Result<()> {
        fn cell<'r>(row: &'r crate::view::Row<'_>, i: usize) -> &'r str {
            row.cells.get(i).map_or("", |c| c.text.as_ref())
        }
        let headers: Vec<&str> = t.columns.iter().map(|c| c.header.as_ref()).collect();
        // Which column is coloured is read off the rows: those of a table made as it
        // is written are made for it once more (only with colour, off a terminal).
        let warned = color.then(|| warned_column(&t.whole())).flatten();
        let color = |_: usize, row: &crate::view::Row<'_>, i: usize| {
            (warned == Some(i)).then(|| cell_color(row, i)).flatten()
        };
        let mut before = Some(std::mem::take(&mut self.s));
        let done = &mut self.done;
        let mut emit = |piece| {
            if let Some(before) = before.take() {
                done.put(before)?;
            }
            done.put(piece)
        };
        let last = match t.made_rows() {
            Some(made) => super::boxed_table(&headers, made, cell, color, &mut emit)?,
            None => super::boxed_table(&headers, t.rows.as_slice(), cell, color, &mut emit)?,
        };
        self.s = before.unwrap_or_default();
        self.s.push_str(&last);
        Ok(())
    }

    /// Hands on the text made so far but its last line (which the blank lines to come
    /// look at), once it is long: a document of many paragraphs (the agenda of a
    /// million tasks is 70 MB of text) is written as it is made, not held whole.
    fn pass_on(&mut self) -> std::io::Result<()> {
        const HELD_TEXT: usize = 1 << 20;
        if self.s.len() < HELD_TEXT {
            return Ok(());
        }
        // From after the newline that ends the line before the last, found among the
        // bytes (the last two may be inside a character); a line break is one byte,
        // so the cut is a character's edge.
        let before_last = self.s.len().saturating_sub(2);
        let Some(cut) = (self.s.as_bytes().get(..before_last))
            .and_then(|b| b.iter().rposition(|&c| c == b'\n'))
        else {
            return Ok(());
        };
        let rest = self.s.split_off(cut + 1);
        let done = std::mem::replace(&mut self.s, rest);
        self.done.put(done)
    }

    /// The pieces of the text, in order (none when they were written as they came).
    fn finish(mut self) -> std::io::Result<Vec<String>> {
        while self.s.ends_with("\n\n") {
            self.s.pop();
        }
        if !self.s.is_empty() && !self.s.ends_with('\n') {
            self.s.push('\n');
        }
        self.done.put(self.s)?;
        Ok(match self.done {
            Sink::Keep(pieces) => pieces,
            Sink::Write(_) => Vec::new(),
        })
    }
}

fn write(
    doc: &Document<'_>,
    markdown: bool,
    opts: Options,
    sink: Sink<'_>,
) -> std::io::Result<Vec<String>> {
    let mut w = Writer {
        markdown,
        done: sink,
        s: String::new(),
        width: opts.style.width,
    };
    let md = |m: &'static str, t: &'static str| if markdown { m } else { t };
    if !doc.title.is_empty() {
        w.line(md("# ", ""), &doc.title);
        w.blank();
    }
    for m in &doc.meta {
        w.line(md("- ", ""), m);
    }
    if !doc.meta.is_empty() {
        w.blank();
    }
    let mut after_note = false;
    for b in &doc.blocks {
        put_block(&mut w, b, opts, doc.lang, &mut after_note)?;
        w.pass_on()?;
    }
    w.finish()
}

/// How many of a [`Block::Made`]'s blocks are made at a time (made on every core).
const MADE_AT_A_TIME: usize = 4096;

/// One block of a document into `w`; `after_note`: the block before was a note.
fn put_block(
    w: &mut Writer<'_>,
    b: &Block<'_>,
    opts: Options,
    lang: crate::model::Lang,
    after_note: &mut bool,
) -> std::io::Result<()> {
    let markdown = w.markdown;
    let md = |m: &'static str, t: &'static str| if markdown { m } else { t };
    let note = matches!(b, Block::Note(_));
    match b {
        Block::Heading { level, text } => {
            w.blank();
            let hashes = match level {
                1 => "## ",
                2 => "### ",
                _ => "#### ",
            };
            w.line(md(hashes, ""), text);
            w.blank();
        }
        Block::Para(t) | Block::Addressee(t) => {
            w.line("", t);
            // Lines one after another are one paragraph in Markdown, and a list
            // must follow a blank line: each paragraph ends with one.
            if markdown {
                w.blank();
            }
        }
        // A paragraph of its own in Markdown (pandoc would run lines together);
        // in text, a run of notes is set off by one blank line.
        Block::Note(t) => {
            if markdown || !*after_note {
                w.blank();
            }
            w.line("", t);
            if markdown {
                w.blank();
            }
        }
        Block::List(lines) => {
            w.blank();
            for l in lines {
                w.line(md("- ", ""), l);
            }
            w.blank();
        }
        Block::Fields(fields) => {
            w.blank();
            fields_lines(w, fields, lang);
            w.blank();
        }
        Block::Item {
            number,
            text,
            details,
        } => {
            w.line(&format!("{number}. "), text);
            for d in details {
                w.line(md("   - ", "   "), d);
            }
        }
        Block::Table(t) => {
            w.blank();
            if markdown {
                w.s.push_str(&grid(&t.whole(), false).to_markdown());
            } else if opts.style.is_natural() {
                w.boxed(t, opts.color)?;
            } else {
                w.pieces(grid(&t.whole(), opts.color).to_table_in_parts(opts.style))?;
            }
            w.blank();
        }
        // The table it is made from says the same in text.
        Block::Chart(_) => {}
        // Made a run at a time, each run's blocks written and let go before the next.
        Block::Made(made) => {
            for start in (0..made.count()).step_by(MADE_AT_A_TIME) {
                for b in made.make(start..start + MADE_AT_A_TIME) {
                    put_block(w, &b, opts, lang, after_note)?;
                    w.pass_on()?;
                }
            }
            return Ok(());
        }
        Block::Signature { from, date } => {
            w.blank();
            w.line("", from);
            w.line("", &crate::view::long_date(*date, lang));
        }
    }
    *after_note = note;
    Ok(())
}

/// Labelled values: in Markdown a list with the labels in bold; on a terminal the
/// values lined up after the widest label (a value of several lines keeps its column).
fn fields_lines(w: &mut Writer, fields: &[(Cow<'_, str>, Cow<'_, str>)], lang: crate::model::Lang) {
    use crate::view::words::field;
    use unicode_width::UnicodeWidthStr;
    if w.markdown {
        for (label, value) in fields {
            let bold = format!("**{}**", markdown_cell(label));
            let line = format!("- {}\n", field(&bold, &markdown_cell(value), lang));
            w.s.push_str(&line);
        }
        return;
    }
    let labels: Vec<String> = fields
        .iter()
        .map(|(l, _)| field(&one_line(l), "", lang))
        .collect();
    let widest = labels.iter().map(|l| l.width()).max().unwrap_or(0);
    for (label, (_, value)) in labels.iter().zip(fields) {
        let pad = widest.saturating_sub(label.width());
        for (i, line) in value.lines().enumerate() {
            if i == 0 {
                w.s.push_str(label);
                w.s.push_str(&" ".repeat(pad));
            } else {
                w.s.push_str(&" ".repeat(widest));
            }
            w.s.push_str(&one_line(line));
            w.s.push('\n');
        }
        if value.is_empty() {
            w.s.push_str(label.trim_end());
            w.s.push('\n');
        }
    }
}

/// A table on a terminal, or plain text (`opts.style.plain`).
pub fn terminal(doc: &Document<'_>, opts: Options) -> String {
    // Pieces kept in memory cannot fail to be written.
    write(doc, false, opts, Sink::Keep(Vec::new()))
        .unwrap_or_default()
        .concat()
}

/// Markdown for pandoc: `#` title, `-` lines under it, `##` sections, pipe tables.
pub fn markdown(doc: &Document<'_>) -> String {
    write(doc, true, Options::default(), Sink::Keep(Vec::new()))
        .unwrap_or_default()
        .concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::view::{Cell, Kind};

    /// Keeps each write apart.
    struct Pieces(Vec<Vec<u8>>);

    impl std::io::Write for Pieces {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.push(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn sample() -> Document<'static> {
        let mut doc = Document::new(Lang::Zh, Kind::Paper, "标题");
        doc.meta("截至 2026-07-15");
        doc.heading(1, "一、情况");
        doc.para("正文|一");
        doc.item(1, "事项");
        doc.detail("细节");
        let mut t = Table::new("表");
        t.columns(["编号", "预警"]);
        t.push(vec![
            Cell::text("A-1"),
            Cell::warning(Warning::Red, Lang::Zh),
        ]);
        doc.main_table(t);
        doc.note("注：说明");
        doc
    }

    /// A long table is written as it is made, a block of rows at a time, from the
    /// document's own cells; the bytes are those of the table made whole from a grid,
    /// colours included, and the document around it is what it is around a table in
    /// one piece.
    #[test]
    fn a_long_table_is_written_in_pieces_with_the_same_bytes() {
        let doc = Document::new(Lang::Zh, Kind::List, "逾期任务");
        let mut t = Table::new("表");
        t.columns(["编号", "任务", "预警"]);
        // More rows than a block holds, so that there are several whatever the cores.
        let rows = 2 * super::super::BLOCK_ROWS + 7;
        for i in 0..rows {
            let warning = [Warning::Red, Warning::Yellow][i % 2];
            t.push(vec![
                Cell::text(format!("T-{i:05}")),
                Cell::text(if i % 3 == 0 {
                    "开展集中\n入会"
                } else {
                    "开展集中入会"
                }),
                Cell::warning(warning, Lang::Zh),
            ]);
        }
        for color in [false, true] {
            let table = grid(&t, color).to_table();
            let mut doc = doc.clone();
            doc.main_table(t.clone());
            doc.note("注：说明");
            let opts = Options {
                color,
                ..Options::default()
            };
            let mut out = Pieces(Vec::new());
            render_to(&doc, Target::Table, opts, &mut out).unwrap();
            assert!(out.0.len() > 3, "{} pieces", out.0.len());
            let whole = out.0.concat();
            assert_eq!(
                String::from_utf8(whole.clone()).unwrap(),
                format!("逾期任务\n\n{table}\n注：说明\n")
            );
            assert_eq!(whole, render(&doc, Target::Table, opts).unwrap());
        }
    }

    /// A table whose rows are made as they are written (a screen's list of more than
    /// 50,000 tasks) prints the bytes the same rows held give, in every format; its
    /// columns are measured over every block: a column of numbers is right-aligned,
    /// and one text cell in the last block leaves it left-aligned.
    #[test]
    fn a_table_made_as_it_is_written_prints_what_its_rows_held_print() {
        use crate::view::Row;
        let rows = 2 * super::super::BLOCK_ROWS + 7;
        let row = move |i: usize, last: &'static str| Row {
            cells: vec![
                Cell::text(format!("T-{i:06}")),
                Cell::text(if i.is_multiple_of(3) {
                    "开展集中\n入会"
                } else {
                    "开展集中入会"
                }),
                Cell::text(if i + 1 == rows {
                    last.to_owned()
                } else {
                    (i % 97).to_string()
                }),
                Cell::warning(
                    if i.is_multiple_of(2) {
                        Warning::Red
                    } else {
                        Warning::Green
                    },
                    Lang::Zh,
                ),
            ],
            warning: None,
            total: false,
        };
        for last in ["5", "无", "待定"] {
            let mut held = Table::new("表");
            held.columns(["编号", "任务", "天数", "预警"]);
            let mut made = held.clone();
            held.rows = (0..rows).map(|i| row(i, last)).collect();
            made.made(rows, move |range| range.map(|i| row(i, last)).collect());
            let doc = |t: Table<'static>| {
                let mut doc = Document::new(Lang::Zh, Kind::List, "任务");
                doc.main_table(t);
                doc.note("注：说明");
                doc
            };
            let (held, made) = (doc(held), doc(made));
            let styles = [
                super::super::TableStyle::default(),
                super::super::TableStyle {
                    width: Some(60),
                    plain: false,
                },
                super::super::TableStyle {
                    width: None,
                    plain: true,
                },
            ];
            for target in [Target::Table, Target::Text, Target::Markdown, Target::Csv] {
                for (style, color) in styles.into_iter().flat_map(|s| [(s, false), (s, true)]) {
                    let opts = Options {
                        style,
                        color,
                        bom: false,
                    };
                    let bytes = |doc: &Document<'_>| {
                        let mut out = Vec::new();
                        render_to(doc, target, opts, &mut out).unwrap();
                        out
                    };
                    let want = bytes(&held);
                    assert!(want == bytes(&made), "{target:?} {style:?} colour {color}");
                }
            }
            let text = String::from_utf8(render(&made, Target::Table, Options::default()).unwrap())
                .unwrap();
            // The first row's 天数 (0) under a header four columns wide.
            let first = text.lines().nth(5).unwrap();
            let right = last != "待定";
            assert_eq!(first.contains("|    0 |"), right, "{last}: {first}");
            assert_eq!(first.contains("| 0    |"), !right, "{last}: {first}");
            assert_eq!(made.whole().tables().next().unwrap().rows.len(), rows);
        }
    }

    /// Blocks made as they are written (the agenda's problems) print what the same
    /// blocks in their place print, in every format, written in more than one run;
    /// a long document's text goes out in pieces as it is made, the same bytes; and a
    /// document read whole has them in their place.
    #[test]
    fn blocks_made_as_they_are_written_print_what_the_blocks_print() {
        use crate::view::MadeBlocks;
        let n = 5 * MADE_AT_A_TIME + 5;
        let blocks = |range: std::ops::Range<usize>| {
            let mut part = Document::new(Lang::Zh, Kind::Paper, "");
            for i in range {
                part.item(i + 1, format!("问题{i}：开展集中入会"));
                part.detail(format!("牵头单位：基层工作部{}", "。".repeat(i % 40)));
                if i % 7 == 0 {
                    part.note("注：说明");
                }
            }
            part.blocks
        };
        let doc = |made: bool| {
            let mut doc = Document::new(Lang::Zh, Kind::Paper, "议程");
            doc.heading(1, "三、问题");
            if made {
                doc.blocks.push(Block::Made(MadeBlocks::new(n, blocks)));
            } else {
                doc.blocks.extend(blocks(0..n));
            }
            doc.heading(1, "四、其他");
            doc.para("无");
            doc
        };
        let (inline, made) = (doc(false), doc(true));
        for target in [Target::Table, Target::Text, Target::Markdown] {
            let bytes = |doc: &Document<'_>| {
                let mut out = Vec::new();
                render_to(doc, target, Options::default(), &mut out).unwrap();
                out
            };
            let want = bytes(&inline);
            assert!(want.len() > 2 << 20, "{} bytes", want.len());
            assert!(want == bytes(&made), "{target:?}");
            assert!(want == render(&made, target, Options::default()).unwrap());
        }
        // Handed on as it is made: more than one write, each far below the whole.
        let mut pieces = Pieces(Vec::new());
        render_to(&made, Target::Table, Options::default(), &mut pieces).unwrap();
        let sizes: Vec<usize> = pieces.0.iter().map(Vec::len).collect();
        assert!(sizes.len() > 2, "{sizes:?}");
        assert!(sizes.iter().all(|&p| p < 2 << 20), "{sizes:?}");
        let whole = made.whole();
        assert_eq!(whole.blocks.len(), inline.blocks.len());
        assert!(!whole.blocks.iter().any(|b| matches!(b, Block::Made(_))));
    }

    #[test]
    fn markdown_of_a_document() {
        assert_eq!(
            markdown(&sample()),
            "# 标题\n\n- 截至 2026-07-15\n\n## 一、情况\n\n正文\\|一\n\n1. 事项\n   - 细节\n\n\
             | 编号 | 预警 |\n|---|---|\n| A-1 | 红 |\n\n注：说明\n"
        );
    }

    #[test]
    fn text_of_a_document_colours_the_warning_column() {
        let plain = Options {
            style: TableStyle {
                width: None,
                plain: true,
            },
            color: true,
            bom: false,
        };
        let s = terminal(&sample(), plain);
        assert!(
            s.starts_with("标题\n\n截至 2026-07-15\n\n一、情况\n\n正文|一\n1. 事项\n   细节\n\n")
        );
        assert!(s.contains("\x1b[31m红\x1b[0m"), "{s:?}");
        assert!(s.ends_with("\n\n注：说明\n"), "{s:?}");
    }

    #[test]
    fn notes_are_paragraphs_and_lists_are_bullets_in_markdown() {
        let mut doc = Document::new(Lang::Zh, Kind::List, "");
        doc.list(["逾期：A-1", "受阻：A-2"]);
        doc.note("注：一");
        doc.note("二");
        assert_eq!(markdown(&doc), "- 逾期：A-1\n- 受阻：A-2\n\n注：一\n\n二\n");
        // In text a run of notes is set off once, then one line each.
        assert_eq!(
            terminal(&doc, Options::default()),
            "逾期：A-1\n受阻：A-2\n\n注：一\n二\n"
        );
    }

    #[test]
    fn csv_prints_the_main_table() -> anyhow::Result<()> {
        let bytes = render(&sample(), Target::Csv, Options::default())?;
        assert_eq!(String::from_utf8(bytes)?, "编号,预警\nA-1,红\n");
        let mut none = Document::new(Lang::Zh, Kind::Paper, "t");
        none.para("p");
        assert!(render(&none, Target::Csv, Options::default()).is_err());
        Ok(())
    }
}
