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

use super::{Grid, text, wrap};
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// How a table is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableStyle {
    /// The width to fit, in terminal columns; `None`: as wide as the cells are.
    pub width: Option<usize>,
    /// Plain text (`--format text`): columns two spaces apart, no borders.
    pub plain: bool,
}

/// Text columns read well down to this width (four Chinese characters)...
const TEXT_FLOOR: usize = 8;
/// ... or down to their widest word, when it is no wider than this.
const WORD_CAP: usize = 16;

fn measure(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.width() }
}

/// What the planner needs to know of a column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Measure {
    /// The header's width; the widths that hold it in two and three lines; its
    /// widest word.
    head: usize,
    head2: usize,
    head3: usize,
    head_unit: usize,
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
            head,
            head2,
            head3,
            head_unit,
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
/// one whose `typical` cell fits an even share gets that width (基层工作部 stays on one
/// line, 省总工会网络与信息中心 wraps), the others shrink in proportion to their width.
/// Stops at `lower` when that is still too wide.
fn shrink(w: &mut [usize], lower: &[usize], typical: &[usize], budget: usize) {
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
        for (((w, &l), &t), k) in w.iter_mut().zip(lower).zip(typical).zip(kept.iter_mut()) {
            if *k {
                continue;
            }
            if *w <= even {
                *k = true;
                settled = true;
            } else if t.max(l) <= even {
                *w = t.max(l);
                *k = true;
                settled = true;
            } else if share(*w) <= l {
                *w = l;
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
        |c| c.cut,
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
    even_up(cols, &mut w);
    w
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
fn height(heads: &[usize], cells: &[Vec<usize>], w: &[usize]) -> usize {
    let lines = |row: &[usize]| {
        row.iter()
            .zip(w)
            .map(|(&c, &w)| c.div_ceil(w.max(1)).max(1))
            .max()
            .unwrap_or(1)
    };
    lines(heads) + cells.iter().map(|r| lines(r)).sum::<usize>()
}

/// The cells of a grid made one line each, measured.
struct Cells<'g> {
    header: Vec<Cow<'g, str>>,
    head_w: Vec<usize>,
    body: Vec<Vec<Cow<'g, str>>>,
    body_w: Vec<Vec<usize>>,
    words: Vec<bool>,
    right: Vec<bool>,
}

impl<'g> Cells<'g> {
    fn new(grid: &'g Grid<'_>) -> Self {
        let cols = grid.headers.len();
        let one = |c: &'g str| text::one_line(c);
        let header: Vec<Cow<'g, str>> = grid.headers.iter().map(|h| one(h)).collect();
        let body: Vec<Vec<Cow<'g, str>>> = grid
            .rows
            .iter()
            .map(|r| {
                (0..cols)
                    .map(|i| r.get(i).map_or(Cow::Borrowed(""), |c| one(c)))
                    .collect()
            })
            .collect();
        let widths = |r: &[Cow<'_, str>]| r.iter().map(|c| measure(c)).collect::<Vec<_>>();
        Cells {
            head_w: widths(&header),
            body_w: body.iter().map(|r| widths(r)).collect(),
            header,
            body,
            words: (0..cols)
                .map(|c| grid.words.contains(&c) || grid.is_numeric(c))
                .collect(),
            right: (0..cols).map(|c| grid.is_numeric(c)).collect(),
        }
    }

    fn measures(&self) -> Vec<Measure> {
        (0..self.header.len())
            .map(|c| {
                let cells = self
                    .body
                    .iter()
                    .zip(&self.body_w)
                    .filter_map(|(r, w)| Some((r.get(c)?.as_ref(), *w.get(c)?)));
                let header = self.header.get(c).map_or("", |h| h.as_ref());
                Measure::new(header, cells, self.words.get(c).copied().unwrap_or(false))
            })
            .collect()
    }

    /// Shows the short forms of `col` in place of the cells they shorten.
    fn shorten(&mut self, col: usize, forms: &'g std::collections::HashMap<String, String>) {
        for (row, widths) in self.body.iter_mut().zip(&mut self.body_w) {
            if let (Some(cell), Some(w)) = (row.get_mut(col), widths.get_mut(col))
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
    let lines = |w: &[usize]| height(&cells.head_w, &cells.body_w, w);
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
        let natural_fits = |cells: &Cells<'_>| {
            let cols = cells.header.len();
            let widest = (0..cols).map(|c| {
                let body = cells.body_w.iter().filter_map(|r| r.get(c)).max();
                body.copied()
                    .unwrap_or(0)
                    .max(cells.head_w.get(c).copied().unwrap_or(0))
                    .max(1)
            });
            style
                .width
                .is_none_or(|w| widest.sum::<usize>() + overhead(cols, 1, style.plain) <= w)
        };
        let mut cells = Cells::new(self);
        if natural_fits(&cells) {
            if !style.plain {
                return self.to_table();
            }
            let widths: Vec<usize> = cells.measures().iter().map(Measure::natural).collect();
            return render(&cells, &Plan { widths, pad: 0 }, true);
        }
        // A narrowed table shows the short forms (a group's short name), then shares
        // the width.
        for (&c, forms) in &self.short {
            cells.shorten(c, forms);
        }
        let width = style.width.unwrap_or(usize::MAX);
        let plan = plan(&cells, &cells.measures(), width, style.plain);
        render(&cells, &plan, style.plain)
    }
}

/// Writes the cells at the planned widths; a column is widened to its widest line where
/// a line could not be made narrow enough (a Chinese character in a 1-wide column).
fn render(cells: &Cells<'_>, plan: &Plan, plain: bool) -> String {
    let wrap_row = |row: &[Cow<'_, str>], widths: &[usize]| -> Vec<Vec<(String, usize)>> {
        row.iter()
            .zip(&plan.widths)
            .zip(widths)
            .map(|((cell, &w), &cw)| {
                if cw <= w {
                    vec![(cell.to_string(), cw)]
                } else {
                    wrap::wrap(cell, w)
                        .into_iter()
                        .map(|l| (l.to_owned(), measure(l)))
                        .collect()
                }
            })
            .collect()
    };
    let header = wrap_row(&cells.header, &cells.head_w);
    let body: Vec<_> = cells
        .body
        .iter()
        .zip(&cells.body_w)
        .map(|(r, w)| wrap_row(r, w))
        .collect();
    let mut widths = plan.widths.clone();
    for row in std::iter::once(&header).chain(&body) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = cell.iter().map(|(_, lw)| *lw).fold(*w, usize::max);
        }
    }
    let pad = plan.pad;
    let mut out = String::new();
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
    let lines = |out: &mut String, row: &[Vec<(String, usize)>]| {
        let height = row.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for k in 0..height {
            let start = out.len();
            if !plain {
                out.push('|');
            }
            for (i, (w, cell)) in widths.iter().zip(row).enumerate() {
                let (line, lw) = cell.get(k).map_or(("", 0), |(l, lw)| (l.as_str(), *lw));
                let fill = w.saturating_sub(lw);
                if plain && i > 0 {
                    out.push_str("  ");
                }
                out.extend(std::iter::repeat_n(' ', pad));
                if cells.right.get(i).copied().unwrap_or(false) {
                    out.extend(std::iter::repeat_n(' ', fill));
                    out.push_str(line);
                } else {
                    out.push_str(line);
                    out.extend(std::iter::repeat_n(' ', fill));
                }
                out.extend(std::iter::repeat_n(' ', pad));
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
    lines(&mut out, &header);
    if !plain {
        rule(&mut out, '=', '=');
    }
    for row in &body {
        lines(&mut out, row);
    }
    if !plain {
        rule(&mut out, '-', '+');
    }
    out
}
