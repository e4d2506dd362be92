//! Tables that fit a width (a terminal's, or `--width N`): the columns of long text
//! (task titles, group and unit names) are narrowed and their cells wrapped inside the
//! column; ids, dates and numbers keep their words whole. A table that fits as it is
//! keeps the bytes of [`Grid::to_table`]; so does every table when no width is given
//! (piped output), except in the plain layout of `--format text`.
//!
//! How the width is shared, cheapest loss first, each step only as far as needed:
//! 1. headers wider than their column's cells fold onto a second line (逾期/天数);
//! 2. text columns shrink in proportion to their width, down to a width their cells
//!    still read well at (8 columns, four Chinese characters, or the cells' widest word
//!    up to 16; never below the widest cell of a short column such as names), while
//!    columns of ids, dates and numbers shrink only down to their widest word;
//! 3. headers fold onto a third line;
//! 4. text columns shrink further, to one Chinese character (2 columns), but words up
//!    to 8 columns wide stay whole;
//! 5. headers fold onto as many lines as they have words (a character each);
//! 6. words of text and of headers are cut.
//!
//! A bordered table also drops the space inside its borders (`|a|b|`) when that makes
//! it more than a fifth shorter; 10 columns of borders and padding take 31 of 80 columns. A group
//! with a `short_name` is shown by it where the group column is narrowed. When not even
//! the narrowest columns fit, the table is as narrow as it gets and wider than asked:
//! ids and numbers are never cut.
//!
//! Not comfy-table's `ContentArrangement::Dynamic`, though it was asked for: measured
//! with `examples/table_bench.rs` (20,000 rows at 120 columns, instructions counted by
//! callgrind) it took 2,032 M instructions to this writer's 403 M (to_table: 152 M),
//! and it reads worse: a Chinese run is a "word" it cuts anywhere by width (no rule for
//! ，or （), so dates and names break (`2021/-10-/29`, `董明/伟`), every column that
//! does not fit gets an even share (a title as narrow as a status), and its padding
//! stays. Its output is not this one's, so no test compares them when wrapping; the
//! unwrapped layout still is comfy-table's byte for byte (`Grid::to_table`), and the
//! renderer here reproduces that layout at natural widths (a property test).

use super::{Grid, text, wrap};
use std::borrow::Cow;

/// How a table is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableStyle {
    /// The width to fit, in terminal columns; `None`: as wide as the cells are.
    pub width: Option<usize>,
    /// Plain text (`--format text`): columns two spaces apart, no borders.
    pub plain: bool,
}

impl TableStyle {
    /// Bordered, with no width to fit (piped output): the bytes of [`Grid::to_table`],
    /// the columns as wide as their cells.
    pub fn is_natural(&self) -> bool {
        self.width.is_none() && !self.plain
    }
}

/// Text columns read well down to this width (four Chinese characters)...
const TEXT_FLOOR: usize = 8;
/// ... or down to their widest word, when it is no wider than this.
const WORD_CAP: usize = 16;

fn measure(s: &str) -> usize {
    super::text::display_width(s)
}

/// What the planner needs to know of a column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Measure {
    /// The header, for folding it.
    header: String,
    /// The header's width; the widths that hold it in two and three lines; its
    /// widest word; its widest character.
    head: usize,
    head2: usize,
    head3: usize,
    head_unit: usize,
    head_char: usize,
    /// The widest cell, and the width half the cells fit in.
    body: usize,
    typical: usize,
    /// The narrowest width its cells read well at; the narrowest that keeps short
    /// words whole; the narrowest at all.
    floor: usize,
    hard: usize,
    cut: usize,
    /// Every cell is wide characters (Chinese): an odd width leaves a column unused.
    wide: bool,
    /// Ids, dates, numbers: words never broken.
    words: bool,
}

impl Measure {
    fn new<'s>(header: &str, cells: impl Iterator<Item = (&'s str, usize)>, words: bool) -> Self {
        let mut body = 0;
        let mut unit = 0;
        let mut widths = Vec::new();
        let mut wide = true;
        for (cell, w) in cells {
            body = body.max(w);
            widths.push(w);
            wide = wide && w == 2 * cell.chars().count();
            if w > unit {
                unit = unit.max(wrap::widest_unit(cell));
            }
        }
        let typical = match widths.len() {
            0 => 0,
            n => *widths.select_nth_unstable(n / 2).1,
        };
        let head = measure(header);
        let head_unit = wrap::widest_unit(header);
        let head_in = |lines: usize| {
            (head_unit.max(1)..head)
                .find(|&w| wrap::wrap(header, w).len() <= lines)
                .unwrap_or(head)
        };
        let (head2, head3) = (head_in(2), head_in(3));
        let head_char = header
            .chars()
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .max()
            .unwrap_or(0);
        let (floor, hard, cut) = if words {
            (unit, unit, unit)
        } else {
            (
                body.min(unit.clamp(TEXT_FLOOR, WORD_CAP)),
                body.min(unit.clamp(2, TEXT_FLOOR)),
                body.min(2),
            )
        };
        Measure {
            header: header.to_owned(),
            head,
            head2,
            head3,
            head_unit,
            head_char,
            body,
            typical,
            floor,
            hard,
            cut,
            wide,
            words,
        }
    }

    fn natural(&self) -> usize {
        self.head.max(self.body).max(1)
    }
}

/// The border and padding a table of `n` columns takes beside its cells.
fn overhead(n: usize, pad: usize, plain: bool) -> usize {
    if plain {
        2 * n.saturating_sub(1)
    } else {
        n * (2 * pad + 1) + 1
    }
}

/// Narrows `w` to a sum of at most `budget`, none below `lower`: a column no wider than
/// an even share keeps its width (a short name need not wrap for a long title's sake),
/// the others shrink in proportion to their width, but not below their `typical` cell
/// where that fits an even share (基层工作部 stays on one line, 省总工会网络与信息中心
/// wraps). Stops at `lower` when that is still too wide.
fn shrink(w: &mut [usize], lower: &[usize], typical: &[usize], budget: usize) {
    let before = w.to_vec();
    shrink_by(w, lower, Some(typical), budget);
    // Keeping narrow columns can leave the others stuck at their bounds: then all
    // shrink alike.
    if w.iter().sum::<usize>() > budget {
        w.copy_from_slice(&before);
        shrink_by(w, lower, None, budget);
    }
}

fn shrink_by(w: &mut [usize], lower: &[usize], typical: Option<&[usize]>, budget: usize) {
    // `lower`, raised to the typical cell where that fits an even share.
    let mut floor = lower.to_vec();
    // Columns that keep the width they have from here on.
    let mut kept: Vec<bool> = w.iter().zip(lower).map(|(w, l)| w <= l).collect();
    loop {
        let total: usize = w.iter().sum();
        if total <= budget {
            return;
        }
        let free = || w.iter().zip(&kept).filter(|(_, k)| !**k).map(|(w, _)| *w);
        let free_sum: usize = free().sum();
        let free_count = free().count();
        if free_count == 0 {
            return;
        }
        let room = budget.saturating_sub(total - free_sum);
        let even = room / free_count;
        let share = |w: usize| (w as u128 * room as u128 / free_sum as u128) as usize;
        // Narrow columns keep their width; columns whose share falls below their bound
        // get the bound. Then share again.
        let mut settled = false;
        for (i, ((w, l), k)) in w
            .iter_mut()
            .zip(floor.iter_mut())
            .zip(kept.iter_mut())
            .enumerate()
        {
            if *k {
                continue;
            }
            if typical.is_some() && *w <= even {
                *k = true;
                settled = true;
                continue;
            }
            if let Some(t) = typical
                .and_then(|t| t.get(i))
                .filter(|&&t| t.max(*l) <= even)
            {
                *l = (*l).max(*t);
            }
            if share(*w) <= *l {
                *w = *l;
                *k = true;
                settled = true;
            }
        }
        if settled {
            continue;
        }
        // Every share is above its bound: give them, and what rounding leaves to the
        // columns that lost the largest fractions (the leftmost first).
        let mut given = 0;
        let mut fractions = Vec::new();
        for (i, (w, k)) in w.iter_mut().zip(&kept).enumerate() {
            if !*k {
                let exact = *w as u128 * room as u128;
                fractions.push((exact % free_sum as u128, i));
                *w = share(*w);
                given += *w;
            }
        }
        fractions.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, i) in fractions.into_iter().take(room.saturating_sub(given)) {
            if let Some(w) = w.get_mut(i) {
                *w += 1;
            }
        }
        return;
    }
}

/// Column widths for `budget` columns of cells, by the steps of the module doc.
fn squeeze(cols: &[Measure], budget: usize) -> Vec<usize> {
    let mut w: Vec<usize> = cols.iter().map(Measure::natural).collect();
    let typical: Vec<usize> = cols.iter().map(|c| c.typical).collect();
    let steps: [fn(&Measure) -> usize; 6] = [
        |c| c.body.max(c.head2),
        |c| c.floor.max(c.head2),
        |c| c.floor.max(c.head3),
        |c| c.hard.max(c.head3),
        |c| c.hard.max(c.head_unit),
        |c| c.cut.max(c.head_char),
    ];
    for step in steps {
        let lower: Vec<usize> = cols
            .iter()
            .zip(&w)
            .map(|(c, &w)| step(c).max(1).min(w))
            .collect();
        shrink(&mut w, &lower, &typical, budget);
        if w.iter().sum::<usize>() <= budget {
            break;
        }
    }
    snap_headers(cols, &mut w);
    even_up(cols, &mut w);
    w
}

/// A column as wide as its folded header is no wider than the header's lines need
/// (到期/任务 in 4, not 到期任/务 in 6): what that saves goes to the widest narrowed text.
fn snap_headers(cols: &[Measure], w: &mut [usize]) {
    let mut spare = 0;
    for (c, w) in cols.iter().zip(w.iter_mut()) {
        if c.body < *w && *w < c.head {
            let lines = wrap::wrap(&c.header, *w).len();
            let snapped = (c.body.max(c.head_unit).max(1)..*w)
                .find(|&x| wrap::wrap(&c.header, x).len() <= lines)
                .unwrap_or(*w);
            spare += *w - snapped;
            *w = snapped;
        }
    }
    let widest = cols
        .iter()
        .zip(w.iter())
        .enumerate()
        .filter(|(_, (c, w))| !c.words && **w < c.natural())
        .max_by_key(|(i, (c, _))| (c.natural(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    if let Some((x, c)) = widest.and_then(|i| w.get_mut(i).zip(cols.get(i))) {
        *x = (*x + spare).min(c.natural());
    }
}

/// A Chinese column of odd width wastes a column on every line: two of them trade a
/// column (the wider by nature gains), a last one gives its spare to the widest
/// narrowed column of other text, if there is one.
fn even_up(cols: &[Measure], w: &mut [usize]) {
    let odd: Vec<usize> = (0..w.len())
        .filter(|&i| {
            let (Some(c), Some(&w)) = (cols.get(i), w.get(i)) else {
                return false;
            };
            c.wide && w % 2 == 1 && w < c.natural() && w > 2
        })
        .collect();
    let natural = |i: usize| cols.get(i).map_or(0, Measure::natural);
    for pair in odd.chunks(2) {
        match *pair {
            [a, b] => {
                let (gain, lose) = if natural(a) >= natural(b) {
                    (a, b)
                } else {
                    (b, a)
                };
                if let Some(x) = w.get_mut(gain) {
                    *x += 1;
                }
                if let Some(x) = w.get_mut(lose) {
                    *x -= 1;
                }
            }
            [a] => {
                let other = (0..w.len())
                    .filter(|&i| cols.get(i).is_some_and(|c| !c.wide && !c.words))
                    .filter(|&i| w.get(i).is_some_and(|&x| x < natural(i)))
                    .max_by_key(|&i| (w.get(i).copied(), std::cmp::Reverse(i)));
                if let (Some(o), true) = (other, w.get(a).is_some()) {
                    if let Some(x) = w.get_mut(o) {
                        *x += 1;
                    }
                    if let Some(x) = w.get_mut(a) {
                        *x -= 1;
                    }
                }
            }
            _ => {}
        }
    }
}

/// About how many lines the table takes at these widths.
fn height(cells: &Cells<'_>, w: &[usize]) -> usize {
    let lines = |row: &[(Cow<'_, str>, usize)]| {
        row.iter()
            .zip(w)
            .map(|((_, c), &w)| c.div_ceil(w.max(1)).max(1))
            .max()
            .unwrap_or(1)
    };
    lines(&cells.header) + cells.rows().map(lines).sum::<usize>()
}

/// The cells of a grid made one line each, measured: the header, then the body row by
/// row in one vector (one allocation for 20,000 rows).
struct Cells<'g> {
    cols: usize,
    header: Vec<(Cow<'g, str>, usize)>,
    body: Vec<(Cow<'g, str>, usize)>,
    words: Vec<bool>,
    right: Vec<bool>,
}

impl<'g> Cells<'g> {
    fn new(grid: &'g Grid<'_>) -> Self {
        let cols = grid.headers.len();
        let one = |c: &'g str| {
            let c = text::one_line(c);
            let w = measure(&c);
            (c, w)
        };
        let mut body = Vec::with_capacity(grid.rows.len() * cols);
        for r in &grid.rows {
            body.extend((0..cols).map(|i| r.get(i).map_or((Cow::Borrowed(""), 0), |c| one(c))));
        }
        Cells {
            cols,
            header: grid.headers.iter().map(|h| one(h)).collect(),
            body,
            words: (0..cols)
                .map(|c| grid.words.contains(&c) || grid.is_numeric(c))
                .collect(),
            right: (0..cols).map(|c| grid.is_numeric(c)).collect(),
        }
    }

    fn rows(&self) -> std::slice::Chunks<'_, (Cow<'g, str>, usize)> {
        self.body.chunks(self.cols.max(1))
    }

    /// Column `c`'s cells, top to bottom.
    fn column(&self, c: usize) -> impl Iterator<Item = &(Cow<'g, str>, usize)> {
        self.rows().filter_map(move |r| r.get(c))
    }

    fn measures(&self) -> Vec<Measure> {
        (0..self.cols)
            .map(|c| {
                let cells = self.column(c).map(|(s, w)| (s.as_ref(), *w));
                let header = self.header.get(c).map_or("", |(h, _)| h.as_ref());
                Measure::new(header, cells, self.words.get(c).copied().unwrap_or(false))
            })
            .collect()
    }

    /// The widths of the columns as they are, and whether they fit `width` so.
    fn natural(&self) -> Vec<usize> {
        (0..self.cols)
            .map(|c| {
                let body = self.column(c).map(|(_, w)| *w).max().unwrap_or(0);
                body.max(self.header.get(c).map_or(0, |(_, w)| *w)).max(1)
            })
            .collect()
    }

    /// Shows the short forms of `col` in place of the cells they shorten.
    fn shorten(&mut self, col: usize, forms: &'g std::collections::HashMap<String, String>) {
        let cols = self.cols.max(1);
        for row in self.body.chunks_mut(cols) {
            if let Some((cell, w)) = row.get_mut(col)
                && let Some(short) = forms.get(cell.as_ref())
            {
                *cell = text::one_line(short);
                *w = measure(cell);
            }
        }
    }
}

/// Column widths and the padding inside the borders.
struct Plan {
    widths: Vec<usize>,
    pad: usize,
}

fn plan(cells: &Cells<'_>, cols: &[Measure], width: usize, plain: bool) -> Plan {
    let n = cols.len();
    if plain {
        let widths = squeeze(cols, width.saturating_sub(overhead(n, 0, true)));
        return Plan { widths, pad: 0 };
    }
    let budget = |pad| width.saturating_sub(overhead(n, pad, false));
    let padded = squeeze(cols, budget(1));
    let tight = squeeze(cols, budget(0));
    let fits = |w: &[usize], pad| w.iter().sum::<usize>() <= budget(pad);
    let lines = |w: &[usize]| height(cells, w);
    if fits(&padded, 1) && lines(&padded) * 4 <= lines(&tight) * 5 {
        Plan {
            widths: padded,
            pad: 1,
        }
    } else {
        Plan {
            widths: tight,
            pad: 0,
        }
    }
}

impl Grid<'_> {
    /// Gives column `col` short forms of its cells (a group's `short_name` for its
    /// name), shown in its place when a table narrows that column.
    pub fn short_forms(
        &mut self,
        col: usize,
        forms: impl IntoIterator<Item = (String, String)>,
    ) -> &mut Self {
        self.short.entry(col).or_default().extend(forms);
        self
    }

    /// Marks columns that must not break inside a word (ids, dates): a narrowed table
    /// wraps them only between words. Numeric columns are always so.
    pub fn keep_words(&mut self, cols: impl IntoIterator<Item = usize>) -> &mut Self {
        self.words.extend(cols);
        self
    }

    /// The table in `style`: [`Grid::to_table`] when it fits (or no width is given),
    /// else narrowed to the width, its long cells wrapped inside their columns.
    pub fn to_table_in(&self, style: TableStyle) -> String {
        self.to_table_in_parts(style).concat()
    }

    /// [`Grid::to_table_in`] in the pieces it is written in (see
    /// [`Grid::to_table_parts`]).
    pub fn to_table_in_parts(&self, style: TableStyle) -> Vec<String> {
        if style.is_natural() {
            return self.to_table_parts();
        }
        let natural_fits = |cells: &Cells<'_>| {
            let total: usize = cells.natural().iter().sum();
            style
                .width
                .is_none_or(|w| total + overhead(cells.cols, 1, style.plain) <= w)
        };
        let mut cells = Cells::new(self);
        if natural_fits(&cells) {
            if !style.plain {
                return self.to_table_parts();
            }
            let widths = cells.natural();
            return vec![render(
                &cells,
                &Plan { widths, pad: 0 },
                true,
                self.paint.as_ref(),
            )];
        }
        // A narrowed table shows the short forms (a group's short name), then shares
        // the width.
        for (&c, forms) in &self.short {
            cells.shorten(c, forms);
        }
        let width = style.width.unwrap_or(usize::MAX);
        let plan = plan(&cells, &cells.measures(), width, style.plain);
        vec![render(&cells, &plan, style.plain, self.paint.as_ref())]
    }
}

/// Pads with `n` spaces (a quarter of the time of pushing them one by one).
fn spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(SPACES.get(..k).unwrap_or(""));
        n -= k;
    }
}

/// Writes the cells at the planned widths; a column is widened to its widest line where
/// a line could not be made narrow enough (a Chinese character in a 1-wide column).
/// `paint`: a column's colours, one per body row (see [`Grid::paint`]); each line of a
/// wrapped cell is coloured on its own, so a border never takes the colour.
fn render(
    cells: &Cells<'_>,
    plan: &Plan,
    plain: bool,
    paint: Option<&(usize, Vec<Option<super::Color>>)>,
) -> String {
    let cols = plan.widths.len();
    // Every line of every cell, row by row, and where each cell's lines end: one
    // allocation for a table of 20,000 rows, not one a cell.
    let mut lines: Vec<(&str, usize)> = Vec::with_capacity(cells.body.len() + cols);
    let mut ends: Vec<usize> = Vec::with_capacity(cells.body.len() + cols);
    let mut wrapped = Vec::new();
    for row in std::iter::once(cells.header.as_slice()).chain(cells.rows()) {
        for ((cell, cw), &w) in row.iter().zip(&plan.widths) {
            if *cw <= w {
                lines.push((cell, *cw));
            } else {
                wrapped.clear();
                wrap::wrap_into(cell, w, &mut wrapped);
                lines.extend(wrapped.iter().map(|l| (*l, measure(l))));
            }
            ends.push(lines.len());
        }
    }
    let mut widths = plan.widths.clone();
    let mut from = 0;
    for (i, &to) in ends.iter().enumerate() {
        if let (Some(w), Some(cell)) = (widths.get_mut(i % cols.max(1)), lines.get(from..to)) {
            *w = cell.iter().map(|(_, lw)| *lw).fold(*w, usize::max);
        }
        from = to;
    }
    let pad = plan.pad;
    let line_width: usize = widths.iter().map(|w| w + 2 * pad + 1).sum::<usize>() + 2;
    let mut out = String::with_capacity(line_width * (lines.len() / cols.max(1) + 4));
    let rule = |out: &mut String, fill: char, junction: char| {
        out.push('+');
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                out.push(junction);
            }
            out.extend(std::iter::repeat_n(fill, w + 2 * pad));
        }
        out.push_str("+\n");
    };
    // One row: the lines of its cells, `lines[from..]` split at `ends`.
    let mut row: Vec<&[(&str, usize)]> = Vec::with_capacity(cols);
    let mut emit = |out: &mut String, from: usize, ends: &[usize], body_row: Option<usize>| {
        let color_at = |i: usize| {
            let (col, colors) = paint?;
            if *col != i {
                return None;
            }
            colors.get(body_row?).copied().flatten()
        };
        row.clear();
        row.extend(ends.iter().scan(from, |at, &to| {
            let cell = lines.get(*at..to).unwrap_or(&[]);
            *at = to;
            Some(cell)
        }));
        let height = row.iter().map(|c| c.len()).max().unwrap_or(1).max(1);
        for k in 0..height {
            let start = out.len();
            if !plain {
                out.push('|');
            }
            for (i, (w, cell)) in widths.iter().zip(row.iter()).enumerate() {
                let (line, lw) = cell.get(k).copied().unwrap_or(("", 0));
                let fill = w.saturating_sub(lw);
                if plain && i > 0 {
                    out.push_str("  ");
                }
                spaces(out, pad);
                if cells.right.get(i).copied().unwrap_or(false) {
                    spaces(out, fill);
                    super::push_painted(out, line, color_at(i));
                } else {
                    super::push_painted(out, line, color_at(i));
                    spaces(out, fill);
                }
                spaces(out, pad);
                if !plain {
                    out.push('|');
                }
            }
            if plain {
                let kept = out.get(start..).map_or(0, |l| l.trim_end().len());
                out.truncate(start + kept);
            }
            out.push('\n');
        }
    };
    if !plain {
        rule(&mut out, '-', '+');
    }
    let mut rows = ends.chunks(cols.max(1));
    let mut from = 0;
    let mut next_row = |out: &mut String, body_row: Option<usize>| {
        if let Some(row) = rows.next() {
            emit(out, from, row, body_row);
            from = row.last().copied().unwrap_or(from);
        }
    };
    next_row(&mut out, None);
    if !plain {
        rule(&mut out, '=', '=');
    }
    for r in 0..cells.rows().len() {
        next_row(&mut out, Some(r));
    }
    if !plain {
        rule(&mut out, '-', '+');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn grid(headers: &[&str], rows: &[&[&str]]) -> Grid<'static> {
        let mut g = Grid::new(headers.iter().map(|h| h.to_string()));
        for r in rows {
            g.push(r.iter().map(|c| c.to_string()));
        }
        g
    }

    fn at(width: usize) -> TableStyle {
        TableStyle {
            width: Some(width),
            plain: false,
        }
    }

    fn widths(table: &str) -> Vec<usize> {
        table
            .lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .collect()
    }

    #[test]
    fn a_table_that_fits_is_not_touched() {
        let g = grid(
            &["编号", "任务"],
            &[&["JH-01", "开展货车司机工会组建专项行动"]],
        );
        assert_eq!(g.to_table_in(at(80)), g.to_table());
        assert_eq!(g.to_table_in(TableStyle::default()), g.to_table());
    }

    #[test]
    fn long_text_wraps_inside_its_column_and_ids_stay_whole() {
        let mut g = grid(
            &["编号", "任务", "逾期天数"],
            &[
                &["JH-01", "开展货车司机工会组建专项行动", "10"],
                &["WQ-03", "推进快递、外卖行业集体协商，签订集体合同", "73"],
            ],
        );
        g.keep_words([0]);
        let t = g.to_table_in(at(40));
        assert_eq!(
            t,
            "\
+-------+-----------------------+------+
| 编号  | 任务                  | 逾期 |
|       |                       | 天数 |
+======================================+
| JH-01 | 开展货车司机工会组建  |   10 |
|       | 专项行动              |      |
| WQ-03 | 推进快递、外卖行业集  |   73 |
|       | 体协商，签订集体合同  |      |
+-------+-----------------------+------+
"
        );
    }

    #[test]
    fn short_forms_show_only_in_a_narrowed_table() {
        let mut g = grid(
            &["小组", "任务"],
            &[&["建会入会专项小组", "开展货车司机工会组建专项行动"]],
        );
        g.short_forms(
            0,
            [("建会入会专项小组".to_owned(), "建会入会组".to_owned())],
        );
        assert!(g.to_table_in(at(100)).contains("建会入会专项小组"));
        let narrow = g.to_table_in(at(40));
        assert!(narrow.contains("建会入会组"), "{narrow}");
        assert!(!narrow.contains("专项小组"), "{narrow}");
    }

    #[test]
    fn plain_tables_have_no_borders_and_no_trailing_spaces() {
        let g = grid(
            &["编号", "任务", "天数"],
            &[&["JH-01", "开展", "7"], &["X", "", "10"]],
        );
        let plain = TableStyle {
            width: None,
            plain: true,
        };
        assert_eq!(
            g.to_table_in(plain),
            "编号   任务  天数\nJH-01  开展     7\nX              10\n"
        );
    }

    #[test]
    fn when_nothing_fits_the_table_is_as_narrow_as_it_gets() {
        let mut g = grid(&["编号", "任务"], &[&["JH-01", "开展货车司机"]]);
        g.keep_words([0]);
        for width in 0..12 {
            let t = g.to_table_in(at(width));
            // The id is whole; every line is as wide as the others.
            assert!(t.contains("JH-01"), "{t}");
            let w = widths(&t);
            assert!(w.iter().all(|&x| x == w[0]), "{t}");
        }
    }

    #[test]
    fn shrink_keeps_narrow_columns_and_never_goes_below_the_bound() {
        let mut w = vec![40, 10, 20];
        shrink(&mut w, &[8, 8, 8], &[30, 10, 10], 50);
        assert_eq!(w, [20, 10, 20], "an even share holds the 20");
        let mut w = vec![40, 10, 20];
        shrink(&mut w, &[8, 8, 8], &[30, 10, 10], 40);
        assert_eq!(w, [20, 10, 10], "the typical cell of the third fits");
        let mut w = vec![40, 10, 20];
        shrink(&mut w, &[8, 8, 8], &[40, 10, 20], 5);
        assert_eq!(w, [8, 8, 8]);
    }

    fn cell() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "",
            "a",
            "张柯",
            "省总工会网络与信息中心",
            "与省委组织部、省人社厅等厅局建立联席会议和机制性对接管道",
            "12",
            "87.5%",
            "2021-12-15（每季度）",
            "Working days overdue",
            "https://example.org/a/very/long/path",
            "“四史”学习",
            "é\u{301}",
            "\u{1b}[31m",
        ])
        .prop_map(str::to_owned)
    }

    fn any_grid() -> impl Strategy<Value = Grid<'static>> {
        (
            1usize..7,
            proptest::collection::vec(proptest::collection::vec(cell(), 6), 0..6),
            proptest::collection::vec(cell(), 6),
            proptest::collection::vec(0usize..6, 0..3),
        )
            .prop_map(|(cols, rows, headers, words)| {
                let mut g = Grid::new(headers.into_iter().take(cols));
                for r in rows {
                    g.push(r.into_iter().take(cols));
                }
                g.keep_words(words);
                g
            })
    }

    proptest! {
        /// The renderer of narrowed tables, at the natural widths, writes the bytes of
        /// `to_table` (and so of comfy-table, which `to_table` is checked against).
        #[test]
        fn the_fitting_renderer_at_natural_widths_is_to_table(g in any_grid()) {
            let cells = Cells::new(&g);
            let plan = Plan { widths: cells.natural(), pad: 1 };
            prop_assert_eq!(render(&cells, &plan, false, None), g.to_table());
        }

        /// Every width gives a rectangular table without a panic; it is no wider than
        /// asked whenever the narrowest columns (a word of an id, a Chinese character
        /// of text) fit, and it holds every word of every cell.
        #[test]
        fn fitted_tables_fit_and_keep_every_cell(g in any_grid(), width in 0usize..140) {
            let t = g.to_table_in(at(width));
            let w = widths(&t);
            prop_assert!(w.iter().all(|&x| x == w[0]), "not rectangular:\n{}", t);
            let cells = Cells::new(&g);
            let narrowest: usize = cells.measures().iter().map(|m| {
                m.cut.max(m.head_char).max(2)
            }).sum::<usize>() + overhead(cells.cols, 0, false);
            if width >= narrowest {
                prop_assert!(w[0] <= width, "{} wide at {}:\n{}", w[0], width, t);
            }
            let flat: String = t.chars().filter(|c| !matches!(c, ' ' | '|' | '+' | '-' | '=' | '\n')).collect();
            let text = |c: &Cow<'_, str>| text::one_line(c).chars().filter(|c| !matches!(c, ' ' | '|' | '+' | '-' | '=')).collect::<String>();
            for (c, _) in cells.header.iter().chain(&cells.body) {
                let c: String = text(c);
                prop_assert!(flat.contains(&c) || c.chars().count() > 1, "{c:?} lost:\n{t}");
            }
        }

        /// Plain tables never end a line in a space and fit like bordered ones.
        #[test]
        fn plain_tables_fit_without_trailing_spaces(g in any_grid(), width in 20usize..140) {
            let t = g.to_table_in(TableStyle { width: Some(width), plain: true });
            prop_assert!(t.lines().all(|l| !l.ends_with(' ')), "{}", t);
        }
    }
}
