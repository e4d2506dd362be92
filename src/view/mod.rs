//! The view layer: every report becomes one format-neutral [`Document`], built in one
//! place per report (the `view::*` builders), and every output format is one renderer
//! of documents (`render::document` for table, text, Markdown and CSV; docx and xlsx
//! beside it). JSON and YAML are not documents: they serialise the report's data, whose
//! shapes are the contract in README.
//!
//! A document is what an office would print: a title, lines under it (the as-of date,
//! the meeting's time and place), then blocks — headings numbered as official documents
//! number them (一、/（一）/1.), paragraphs, numbered items, tables and notes. A table's
//! cells are typed ([`Value`]), so that a spreadsheet gets date and number cells and a
//! Word document writes a date as 2026年7月15日, while every cell also carries the text a
//! terminal shows, made once by the view (in the report's language).
//!
//! Text here is plain: renderers escape it for their target (Markdown, CSV, terminal).
//!
//! The builders: [`agenda`] (the quarterly meeting's agenda), [`meetings`] (the meeting
//! list), [`evaluation`] (the 检查评估 report), [`roster`] (groups, people, units, and
//! the 名单 annex); [`words`] holds the sentence helpers they share.

pub mod agenda;
pub mod evaluation;
pub mod meetings;
pub mod minutes;
pub mod roster;
pub mod words;

pub mod tasks;

use crate::model::{Lang, Warning};
use chrono::NaiveDate;
use std::borrow::Cow;

/// One report, ready for any renderer.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    /// The language the texts are in (renderers pick punctuation and date forms by it).
    pub lang: Lang,
    /// What the document is, for renderers that lay pages out differently for a list and
    /// for a letter (see [`Kind`]).
    pub kind: Kind,
    pub title: Cow<'a, str>,
    /// Lines under the title: `截至 2026-07-15`, `会议时间：2026年7月15日`.
    pub meta: Vec<Cow<'a, str>>,
    pub blocks: Vec<Block<'a>>,
    /// The date the document speaks as of: the title row of a spreadsheet, the date
    /// under a letter.
    pub as_of: Option<NaiveDate>,
    /// Which table CSV prints (an index into the document's tables, in order), since a
    /// CSV file holds one table. `None`: the document has no CSV form.
    pub csv: Option<usize>,
    /// A table only CSV prints, when it is none of the tables shown (`roster show`: one
    /// row a seat for every group, where the document shows a table per group). Takes
    /// the place of [`Document::csv`].
    pub csv_only: Option<Table<'a>>,
    /// Plain text keeps the tables' borders: a document read as a whole (an agenda, a
    /// roster page) rather than a list to cut columns from.
    pub boxed_text: bool,
}

/// Where a document goes, for the reports whose document differs by it: a terminal's
/// overdue list is one table sorted by days overdue, the same report on paper is the
/// 督办通报 (an opening paragraph, then the tasks by lead unit), and in a spreadsheet a
/// ledger (台账) with the ledger's columns. Most reports make the same document for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Medium {
    /// A terminal, plain text, Markdown, CSV.
    #[default]
    Screen,
    /// A spreadsheet (xlsx).
    Ledger,
    /// A printed document (docx).
    Paper,
}

/// What kind of paper a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// A list or ledger: tables first (a terminal's task list, a 台账).
    #[default]
    List,
    /// A document to be printed and read: an agenda, a report, a bulletin, a roster
    /// annex. In docx: the official-document layout.
    Paper,
    /// A letter to one addressee (督办通知单): [`Block::Addressee`] opens it and
    /// [`Block::Signature`] closes it.
    Letter,
}

#[derive(Debug, Clone)]
pub enum Block<'a> {
    /// A section heading; `level` 1 is `一、`, 2 is `（一）`, 3 is `1.`. The number is
    /// part of `text` (the view numbers, in the document's language).
    Heading {
        level: u8,
        text: Cow<'a, str>,
    },
    /// A paragraph (in Markdown and text: one line).
    Para(Cow<'a, str>),
    /// A numbered item, with detail lines under it.
    Item {
        number: usize,
        text: Cow<'a, str>,
        details: Vec<Cow<'a, str>>,
    },
    Table(Table<'a>),
    /// Labelled values, one a line (`小组：建会入会专项小组`): a terminal lines the values
    /// up in a column.
    Fields(Vec<(Cow<'a, str>, Cow<'a, str>)>),
    /// Small print under a table: how a number is made (`注：…`). Each note is a
    /// paragraph of its own; a run of notes is set off from what comes before.
    Note(Cow<'a, str>),
    /// Lines that are not numbered: facts under a heading (`类型：领导小组`), the task
    /// lists under a report. In Markdown a bulleted list, in text one line each.
    List(Vec<Cow<'a, str>>),
    /// Whom a letter is to (`基层工作部：`), flush left before the body.
    Addressee(Cow<'a, str>),
    /// Who sends a letter and when, right-aligned after the body (落款).
    Signature {
        from: Cow<'a, str>,
        date: NaiveDate,
    },
    /// A bar chart of a table's numbers (a spreadsheet's chart, a Word document's
    /// chart part). Terminals, Markdown and CSV show nothing for it: the table it is
    /// made from says the same.
    Chart(Chart<'a>),
    /// Blocks made when they are written, in their place: see [`MadeBlocks`].
    Made(MadeBlocks<'a>),
}

/// A maker of a long run of a document's blocks (the agenda's problems: 345,000 items
/// at a million tasks, 0.3 GB of text): made a run at a time as they are written and
/// let go, where a document read whole (docx, xlsx) has them made in their place first
/// ([`Document::whole`]). Of `count` things (the problems) each makes some blocks;
/// `make(range)` makes those of a range of them. They are paragraphs, items and notes:
/// never a table or a chart, whose places in the document are counted.
pub type MadeBlocks<'a> = Made<'a, Block<'a>>;

/// A maker of any run of a table's rows, by their indices: for a table too long to
/// hold whole (a million tasks' list is 0.5 GB of cells), whose rows a terminal table
/// makes a block at a time, once to measure the columns and once to write them.
pub type MadeRows<'a> = Made<'a, Row<'a>>;

/// What is made when it is written rather than held ([`MadeRows`], [`MadeBlocks`]):
/// `count` things, and a maker of the `T`s of any range of them.
#[derive(Clone)]
pub struct Made<'a, T> {
    count: usize,
    #[allow(clippy::type_complexity)]
    make: std::sync::Arc<dyn Fn(std::ops::Range<usize>) -> Vec<T> + Send + Sync + 'a>,
}

impl<'a, T> Made<'a, T> {
    pub fn new(
        count: usize,
        make: impl Fn(std::ops::Range<usize>) -> Vec<T> + Send + Sync + 'a,
    ) -> Made<'a, T> {
        Made {
            count,
            make: std::sync::Arc::new(make),
        }
    }

    /// How many things there are.
    pub fn count(&self) -> usize {
        self.count
    }

    /// What the things `range` (within `0..count()`) make, made afresh.
    pub fn make(&self, range: std::ops::Range<usize>) -> Vec<T> {
        let end = range.end.min(self.count);
        (self.make)(range.start.min(end)..end)
    }
}

impl<T> std::fmt::Debug for Made<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Made({})", self.count)
    }
}

/// A bar chart: one bar per category (a row of a table), one series per column of
/// numbers, stacked (each bar the sum of its series) or side by side. It carries its
/// numbers (a Word document writes them into its chart part) and where they are in the
/// document (a spreadsheet's chart refers to the cells). Made by [`Chart::of_table`]
/// only, so the numbers are always the table's.
#[derive(Debug, Clone)]
pub struct Chart<'a> {
    pub title: Cow<'a, str>,
    /// The names along the category axis (the table's first column, say).
    pub categories: Vec<Cow<'a, str>>,
    pub series: Vec<Series<'a>>,
    pub stacked: bool,
    /// The title of the category axis (the first column's header) and of the value
    /// axis (`任务数`).
    pub category_axis: Cow<'a, str>,
    pub value_axis: Cow<'a, str>,
    pub source: ChartSource,
}

/// One series of a chart: its name (the column's header), one value per category, and
/// the 预警 level whose colour it is drawn in (on time green, overdue red).
#[derive(Debug, Clone)]
pub struct Series<'a> {
    pub name: Cow<'a, str>,
    pub values: Vec<f64>,
    pub colour: Option<Warning>,
}

/// Where a chart's numbers are: the `table`-th table of the document (in order), its
/// rows `rows` (indices into [`Table::rows`]), the column of the category names and one
/// column per series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartSource {
    pub table: usize,
    pub rows: std::ops::Range<usize>,
    pub category_column: usize,
    pub series_columns: Vec<usize>,
}

impl<'a> Chart<'a> {
    /// A chart of `table`, the `index`-th table of its document: one category per row
    /// of the run of rows before the totals row (totals are not a category), named by
    /// the cell in `category_column`; one series per column in `series` (its colour
    /// beside it), valued by the column's number cells (anything else counts 0).
    /// `None` when the table has no such rows or a column is missing.
    pub fn of_table(
        title: impl Into<Cow<'a, str>>,
        index: usize,
        table: &Table<'a>,
        category_column: usize,
        series: &[(usize, Option<Warning>)],
    ) -> Option<Chart<'a>> {
        let end = table
            .rows
            .iter()
            .position(|r| r.total)
            .unwrap_or(table.rows.len());
        let rows = table.rows.get(..end)?;
        let ncols = table.columns.len();
        if rows.is_empty() || category_column >= ncols || series.iter().any(|(c, _)| *c >= ncols) {
            return None;
        }
        let categories = rows
            .iter()
            .map(|r| {
                r.cells
                    .get(category_column)
                    .map(|c| c.text.clone())
                    .unwrap_or_default()
            })
            .collect();
        let series_list = series
            .iter()
            .map(|(c, colour)| Series {
                name: table
                    .columns
                    .get(*c)
                    .map(|col| col.header.clone())
                    .unwrap_or_default(),
                values: rows
                    .iter()
                    .map(|r| match r.cells.get(*c).map(|cell| cell.value) {
                        Some(Value::Number(n)) if n.is_finite() => n,
                        _ => 0.0,
                    })
                    .collect(),
                colour: *colour,
            })
            .collect();
        Some(Chart {
            title: title.into(),
            categories,
            series: series_list,
            stacked: true,
            category_axis: table
                .columns
                .get(category_column)
                .map(|c| c.header.clone())
                .unwrap_or_default(),
            value_axis: Cow::Borrowed(""),
            source: ChartSource {
                table: index,
                rows: 0..end,
                category_column,
                series_columns: series.iter().map(|(c, _)| *c).collect(),
            },
        })
    }
}

/// A table: columns, then rows of typed cells.
#[derive(Debug, Clone, Default)]
pub struct Table<'a> {
    /// The table's name: a spreadsheet's sheet name, a caption where one is shown.
    pub name: Cow<'a, str>,
    pub columns: Vec<Column<'a>>,
    /// The rows, when they are held (see [`Table::made`]).
    pub rows: Vec<Row<'a>>,
    /// Rows made when they are written, in place of [`Table::rows`]: see
    /// [`Table::made`]. Renderers read a table's rows through [`Table::whole`] (or
    /// block by block, as a terminal table does), so that none is left out.
    made: Option<MadeRows<'a>>,
}

/// Past this many rows a table made by [`Table::rows_of`] is not held but made as it
/// is written, a block of rows at a time, twice (to measure the columns, then to write
/// them): a task's row is some 560 bytes of cells, 0.5 GB for a million tasks, which
/// the kernel zeroed fresh pages for (a third of `wg tasks list` at a million tasks).
pub const HELD_ROWS: usize = 50_000;

/// Rows per thread worth the start of one, for the long tables [`Table::rows_of`] makes
/// (each row writes out dates and numbers).
pub(crate) const ROWS_PER_RUN: usize = 4096;

#[derive(Debug, Clone, Default)]
pub struct Column<'a> {
    pub header: Cow<'a, str>,
    /// Never broken inside a word when a terminal table narrows (ids, dates).
    pub keep_words: bool,
    /// Short forms of its cells, shown when a terminal table narrows the column (a
    /// group's `short_name` for its name).
    pub short: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct Row<'a> {
    pub cells: Vec<Cell<'a>>,
    /// The row's 预警 level: a spreadsheet fills the row with its colour.
    pub warning: Option<Warning>,
    /// A totals row (合计): bold where the format has bold.
    pub total: bool,
}

/// A cell: the text a terminal shows, and what the value is.
#[derive(Debug, Clone, Default)]
pub struct Cell<'a> {
    pub text: Cow<'a, str>,
    pub value: Value,
}

/// What a cell holds, for the formats with typed cells (xlsx) or their own way of
/// writing a value (docx dates).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Value {
    /// Text as it is (the default).
    #[default]
    Text,
    /// Nothing: an empty cell (its text may be a "none" placeholder).
    Empty,
    Date(NaiveDate),
    /// A count or an amount.
    Number(f64),
    /// A share, 0.0 to 1.0 (shown as a percentage).
    Percent(f64),
    /// A 预警 level (the text is its label).
    Warning(Warning),
}

impl<'a> Cell<'a> {
    pub fn text(text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell {
            text: text.into(),
            value: Value::Text,
        }
    }

    /// An empty cell showing `placeholder` (`""`, or `无`).
    pub fn empty(placeholder: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell {
            text: placeholder.into(),
            value: Value::Empty,
        }
    }

    /// A date, shown `2026-07-15`.
    pub fn date(d: NaiveDate) -> Cell<'a> {
        Cell {
            text: crate::model::iso_date(d),
            value: Value::Date(d),
        }
    }

    /// A date shown otherwise (`2026-07-15（每月）`): still a date cell in a spreadsheet.
    pub fn date_shown(d: NaiveDate, text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell {
            text: text.into(),
            value: Value::Date(d),
        }
    }

    pub fn count(n: impl Into<u64>) -> Cell<'a> {
        let n = n.into();
        Cell {
            text: n.to_string().into(),
            // Counts here are far below 2^53: exact as f64.
            value: Value::Number(n as f64),
        }
    }

    pub fn number(n: f64, text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell {
            text: text.into(),
            value: Value::Number(n),
        }
    }

    pub fn percent(share: f64, text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell {
            text: text.into(),
            value: Value::Percent(share),
        }
    }

    pub fn warning(w: Warning, lang: Lang) -> Cell<'a> {
        Cell {
            text: crate::i18n::warning(w).get(lang).into(),
            value: Value::Warning(w),
        }
    }
}

impl<'a> Table<'a> {
    pub fn new(name: impl Into<Cow<'a, str>>) -> Table<'a> {
        Table {
            name: name.into(),
            ..Table::default()
        }
    }

    /// Its `count` rows made by `make` (the rows of a range of indices) when they are
    /// written, instead of held: see [`MadeRows`].
    pub fn made(
        &mut self,
        count: usize,
        make: impl Fn(std::ops::Range<usize>) -> Vec<Row<'a>> + Send + Sync + 'a,
    ) {
        self.rows = Vec::new();
        self.made = Some(Made::new(count, make));
    }

    /// Its rows, one made by `row` for each of `items` (on every core for a long
    /// list): held, or, past [`HELD_ROWS`], made as they are written ([`Table::made`]).
    pub fn rows_of<T: Sync>(
        &mut self,
        items: &'a [T],
        row: impl Fn(&'a T) -> Row<'a> + Send + Sync + 'a,
    ) {
        if items.len() > HELD_ROWS {
            self.made(items.len(), move |range| {
                items
                    .get(range)
                    .unwrap_or_default()
                    .iter()
                    .map(&row)
                    .collect()
            });
        } else {
            let items: Vec<&'a T> = items.iter().collect();
            self.rows = crate::par::map(&items, ROWS_PER_RUN, |&t| row(t));
        }
    }

    /// The maker of its rows, when they are made as they are written.
    pub fn made_rows(&self) -> Option<&MadeRows<'a>> {
        self.made.as_ref()
    }

    /// The table with all its rows held: itself, or, when its rows are made as they
    /// are written, a copy with them made.
    pub fn whole(&self) -> Cow<'_, Table<'a>> {
        match &self.made {
            None => Cow::Borrowed(self),
            Some(made) => Cow::Owned(Table {
                name: self.name.clone(),
                columns: self.columns.clone(),
                rows: made.make(0..made.count),
                made: None,
            }),
        }
    }

    /// Gives column `col` short forms of its cells (see [`Column::short`]).
    pub fn short_forms(&mut self, col: usize, forms: Vec<(String, String)>) {
        if let Some(c) = self.columns.get_mut(col) {
            c.short = forms;
        }
    }

    /// Adds columns by their headers.
    pub fn columns<H: Into<Cow<'a, str>>>(&mut self, headers: impl IntoIterator<Item = H>) {
        self.columns.extend(headers.into_iter().map(|h| Column {
            header: h.into(),
            ..Column::default()
        }));
    }

    /// Puts a column of text cells in at `at`, one cell for each row (a row without one
    /// gets an empty cell); a totals row gets an empty cell. A roll-up's office column.
    pub fn insert_column<C: Into<Cow<'a, str>>>(
        &mut self,
        at: usize,
        header: impl Into<Cow<'a, str>>,
        cells: impl IntoIterator<Item = C>,
    ) {
        if let Cow::Owned(whole) = self.whole() {
            *self = whole;
        }
        let at = at.min(self.columns.len());
        self.columns.insert(
            at,
            Column {
                header: header.into(),
                ..Column::default()
            },
        );
        let mut cells = cells.into_iter();
        for row in &mut self.rows {
            let cell = match (row.total, cells.next()) {
                (false, Some(c)) => Cell::text(c),
                _ => Cell::empty(""),
            };
            let at = at.min(row.cells.len());
            row.cells.insert(at, cell);
        }
    }

    /// The first column whose header is `header`.
    pub fn column_of(&self, header: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.header == header)
    }

    /// Marks columns that a narrowed terminal table breaks only between words.
    pub fn keep_words(&mut self, cols: impl IntoIterator<Item = usize>) {
        for c in cols {
            if let Some(col) = self.columns.get_mut(c) {
                col.keep_words = true;
            }
        }
    }

    pub fn push(&mut self, cells: Vec<Cell<'a>>) {
        self.rows.push(Row {
            cells,
            ..Row::default()
        });
    }

    /// Adds a row with its 预警 level.
    pub fn push_warned(&mut self, cells: Vec<Cell<'a>>, warning: Option<Warning>) {
        self.rows.push(Row {
            cells,
            warning,
            total: false,
        });
    }

    /// Adds a totals row.
    pub fn push_total(&mut self, cells: Vec<Cell<'a>>) {
        self.rows.push(Row {
            cells,
            warning: None,
            total: true,
        });
    }
}

impl<'a> Document<'a> {
    pub fn new(lang: Lang, kind: Kind, title: impl Into<Cow<'a, str>>) -> Document<'a> {
        Document {
            lang,
            kind,
            title: title.into(),
            meta: Vec::new(),
            blocks: Vec::new(),
            as_of: None,
            csv: None,
            csv_only: None,
            boxed_text: false,
        }
    }

    pub fn meta(&mut self, line: impl Into<Cow<'a, str>>) {
        self.meta.push(line.into());
    }

    pub fn heading(&mut self, level: u8, text: impl Into<Cow<'a, str>>) {
        self.blocks.push(Block::Heading {
            level,
            text: text.into(),
        });
    }

    pub fn para(&mut self, text: impl Into<Cow<'a, str>>) {
        self.blocks.push(Block::Para(text.into()));
    }

    pub fn item(&mut self, number: usize, text: impl Into<Cow<'a, str>>) {
        self.blocks.push(Block::Item {
            number,
            text: text.into(),
            details: Vec::new(),
        });
    }

    /// A detail line under the last item (a paragraph if there is none).
    pub fn detail(&mut self, text: impl Into<Cow<'a, str>>) {
        match self.blocks.last_mut() {
            Some(Block::Item { details, .. }) => details.push(text.into()),
            _ => self.para(text),
        }
    }

    pub fn table(&mut self, table: Table<'a>) {
        self.blocks.push(Block::Table(table));
    }

    /// Adds a table and makes it the one CSV prints.
    pub fn main_table(&mut self, table: Table<'a>) {
        self.csv = Some(self.tables().count());
        self.table(table);
    }

    pub fn note(&mut self, text: impl Into<Cow<'a, str>>) {
        self.blocks.push(Block::Note(text.into()));
    }

    /// An unnumbered list; nothing when `lines` is empty.
    pub fn list<T: Into<Cow<'a, str>>>(&mut self, lines: impl IntoIterator<Item = T>) {
        let lines: Vec<Cow<'a, str>> = lines.into_iter().map(Into::into).collect();
        if !lines.is_empty() {
            self.blocks.push(Block::List(lines));
        }
    }

    pub fn chart(&mut self, chart: Chart<'a>) {
        self.blocks.push(Block::Chart(chart));
    }

    /// The document's charts, in order.
    pub fn charts(&self) -> impl Iterator<Item = &Chart<'a>> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
    }

    /// The document's tables, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table<'a>> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }

    /// The document with every table's rows held (see [`Table::whole`]) and its made
    /// blocks made in their place ([`MadeBlocks`]): for the renderers that read a
    /// document whole (docx, xlsx).
    pub fn whole(&self) -> Cow<'_, Document<'a>> {
        let made = |b: &Block<'_>| match b {
            Block::Table(t) => t.made.is_some(),
            Block::Made(_) => true,
            _ => false,
        };
        if !self.blocks.iter().any(made) {
            return Cow::Borrowed(self);
        }
        let mut doc = self.clone();
        doc.blocks = Vec::with_capacity(self.blocks.len());
        for b in &self.blocks {
            match b {
                Block::Made(m) => doc.blocks.extend(m.make(0..m.count())),
                Block::Table(t) => doc.blocks.push(Block::Table(t.whole().into_owned())),
                b => doc.blocks.push(b.clone()),
            }
        }
        Cow::Owned(doc)
    }

    /// The table CSV prints.
    pub fn csv_table(&self) -> Option<&Table<'a>> {
        match &self.csv_only {
            Some(t) => Some(t),
            None => self.tables().nth(self.csv?),
        }
    }
}

/// `一、`, `二、` … for a first-level heading in Chinese; `1. ` in English.
pub fn section_number(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}、", chinese_number(n)),
        Lang::En => format!("{n}. "),
    }
}

/// `（一）`, `（二）` … for a second-level heading in Chinese; `1.1 ` in English.
pub fn subsection_number(section: usize, n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{}）", chinese_number(n)),
        Lang::En => format!("{section}.{n} "),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; from 100 on, the digits.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: usize| DIGITS.get(d).copied().unwrap_or("");
    match n {
        1..=9 => digit(n).to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { digit(n % 10) }),
        20..=99 => format!(
            "{}十{}",
            digit(n / 10),
            if n.is_multiple_of(10) {
                ""
            } else {
                digit(n % 10)
            }
        ),
        _ => n.to_string(),
    }
}

/// A date as documents write it: `2026年7月15日`, `15 July 2026`.
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => d.format("%-d %B %Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 99, 100]
            .into_iter()
            .map(chinese_number)
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九",
                "100"
            ]
        );
    }

    #[test]
    fn the_csv_table_is_the_main_one() {
        let mut doc = Document::new(Lang::Zh, Kind::List, "t");
        doc.table(Table::new("a"));
        doc.main_table(Table::new("b"));
        assert_eq!(doc.csv_table().map(|t| t.name.as_ref()), Some("b"));
    }

    #[test]
    fn long_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 7, 5).unwrap_or_default();
        assert_eq!(long_date(d, Lang::Zh), "2026年7月5日");
        assert_eq!(long_date(d, Lang::En), "5 July 2026");
    }
}
