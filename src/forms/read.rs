//! Reads a filled feedback form back with calamine: also one that Excel, WPS or
//! LibreOffice has saved again (columns are found by their header, not by position;
//! dates may be date cells or typed text; numbers may be numbers or text). What it
//! reads is plain data ([`Form`], [`FormRow`]); whether it fits the data set is
//! [`crate::edit::intake`]'s to decide.

use super::labels::{self, Column};
use crate::i18n::{Text, msg};
use crate::model::Status;
use crate::render::xlsx::column_letter;
use calamine::{Data, Range, Reader};
use chrono::NaiveDate;
use std::io::Read as _;
use std::path::Path;

/// What the hidden sheet says about a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// The org's name: the data set the form belongs to.
    pub org: String,
    /// `unit` or `owner`.
    pub kind: String,
    /// The unit's (person's) id and name when the form was made.
    pub who_id: String,
    pub who_name: String,
    pub as_of: NaiveDate,
    /// The task ids on the form, each with the occurrence it asked about (a repeating
    /// task's pending due date then).
    pub tasks: Vec<(String, Option<NaiveDate>)>,
}

/// One filled form.
#[derive(Debug, Clone)]
pub struct Form {
    /// The path as given.
    pub file: String,
    pub sheet: String,
    pub meta: Meta,
    /// 填报日期, when filled in.
    pub report_date: Option<NaiveDate>,
    pub rows: Vec<FormRow>,
    /// The cells that could not be read, each with its place. The rows are still here
    /// (without those cells), so that an intake can report every problem in one run.
    pub problems: Vec<Text>,
}

/// A cell's column, as Excel names it (`G`).
pub type Col = String;

/// A row with something filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct FormRow {
    /// The row number as Excel shows it.
    pub row: u32,
    pub id: String,
    pub id_col: Col,
    pub progress: Option<(String, Col)>,
    /// The 进展情况 column, also when its cell is empty (to name it when it must not be).
    pub progress_col: Col,
    pub problems: Option<String>,
    pub next_steps: Option<String>,
    pub status: Option<(Status, Col)>,
    pub done_on: Option<(NaiveDate, Col)>,
    /// Indicator readings: the header (the indicator's name), the number, the column.
    pub values: Vec<(String, f64, Col)>,
    /// An indicator's cell could not be read (reported in [`Form::problems`]).
    pub values_unread: bool,
    /// The 状态 cell could not be read: what depends on the status is not checked.
    pub status_unread: bool,
}

/// Where a problem is: `FILE, sheet S, row R, column C (header)`.
fn at(file: &str, sheet: &str, row: u32, col: &str, header: &str) -> Text {
    msg::form_place(file, sheet, row, col, header)
}

/// Reads one form. `Err`: it cannot be read as a form at all. A form whose cells are
/// not all readable is `Ok`, with those problems in [`Form::problems`].
pub fn read(path: &Path) -> Result<Form, Vec<Text>> {
    let file = path.display().to_string();
    let bytes = read_bytes(path).map_err(|e| vec![e])?;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| vec![msg::form_unreadable(&file, &e.to_string())])?;
    let Ok(meta_range) = book.worksheet_range(labels::META_SHEET) else {
        return Err(vec![msg::form_without_meta(&file, labels::META_SHEET)]);
    };
    let (meta, sheet_name) = read_meta(&meta_range)
        .ok_or_else(|| vec![msg::form_without_meta(&file, labels::META_SHEET)])?;
    // The sheet the form was written with; else the first one that is not the meta.
    let names = book.sheet_names();
    let sheet = names
        .iter()
        .find(|n| **n == sheet_name)
        .or_else(|| names.iter().find(|n| *n != labels::META_SHEET))
        .cloned()
        .ok_or_else(|| vec![msg::form_without_sheet(&file, &sheet_name)])?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| vec![msg::form_unreadable(&file, &e.to_string())])?;
    read_sheet(&file, &sheet, &range, meta)
}

/// The file's bytes; never blocks on a FIFO, and names what is not a regular file.
fn read_bytes(path: &Path) -> Result<Vec<u8>, Text> {
    let shown = path.display().to_string();
    let mut file = crate::load::read::open(path)
        .map_err(|e| msg::form_cannot_read(&shown, &msg::io_error(&e)))?;
    let meta = file
        .metadata()
        .map_err(|e| msg::form_cannot_read(&shown, &msg::io_error(&e)))?;
    if !meta.is_file() {
        return Err(msg::form_not_a_file(&shown));
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| msg::form_cannot_read(&shown, &msg::io_error(&e)))?;
    Ok(bytes)
}

fn read_meta(range: &Range<Data>) -> Option<(Meta, String)> {
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(cell_string).collect())
        .collect();
    let first = rows.first()?;
    if first.first().map(String::as_str) != Some(labels::META_MAGIC) {
        return None;
    }
    let value = |key: &str, i: usize| -> Option<String> {
        rows.iter()
            .find(|r| r.first().map(String::as_str) == Some(key))
            .and_then(|r| r.get(i).cloned())
    };
    let (kind, who) = ["unit", "owner"].iter().find_map(|k| {
        rows.iter()
            .find(|r| r.first().map(String::as_str) == Some(*k))
            .map(|r| (*k, r))
    })?;
    let meta = Meta {
        org: value("org", 1)?,
        kind: kind.to_owned(),
        who_id: who.get(1).cloned().unwrap_or_default(),
        who_name: who.get(2).cloned().unwrap_or_default(),
        as_of: NaiveDate::parse_from_str(value("as_of", 1)?.trim(), "%Y-%m-%d").ok()?,
        tasks: rows
            .iter()
            .filter(|r| r.first().map(String::as_str) == Some("task"))
            .filter_map(|r| {
                let id = r.get(1)?.trim().to_owned();
                let pending = r
                    .get(2)
                    .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
                Some((id, pending))
            })
            .collect(),
    };
    Some((meta, value("sheet", 1).unwrap_or_default()))
}

/// What the header row says: each known column's index, and the indicator columns.
struct Header {
    row: usize,
    columns: Vec<(Column, usize)>,
    indicators: Vec<(String, usize)>,
}

impl Header {
    fn col(&self, c: Column) -> Option<usize> {
        self.columns.iter().find(|(k, _)| *k == c).map(|(_, i)| *i)
    }
}

/// The header row: among the first ten, the one with 编号 and 进展情况.
fn find_header(range: &Range<Data>) -> Option<Header> {
    range.rows().take(10).enumerate().find_map(|(r, cells)| {
        let mut columns = Vec::new();
        let mut others = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            let text = cell_string(cell);
            match Column::from_header(&text) {
                Some(c) if !columns.iter().any(|(k, _)| *k == c) => columns.push((c, i)),
                Some(_) => {}
                None if !text.trim().is_empty() => others.push((text.trim().to_owned(), i)),
                None => {}
            }
        }
        let has = |c: Column| columns.iter().any(|(k, _)| *k == c);
        (has(Column::Id) && has(Column::Progress)).then_some(Header {
            row: r,
            // Headers after the fixed and open columns are the indicators'.
            indicators: {
                let after = columns.iter().map(|(_, i)| *i).max().unwrap_or(0);
                others.into_iter().filter(|(_, i)| *i > after).collect()
            },
            columns,
        })
    })
}

fn read_sheet(file: &str, sheet: &str, range: &Range<Data>, meta: Meta) -> Result<Form, Vec<Text>> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let excel_row = |r: usize| row0 + u32::try_from(r).unwrap_or(u32::MAX - row0) + 1;
    let letters = |c: usize| {
        column_letter(
            usize::try_from(col0)
                .unwrap_or(usize::MAX)
                .saturating_add(c),
        )
    };
    let Some(header) = find_header(range) else {
        return Err(vec![msg::form_without_header(file, sheet)]);
    };
    let mut problems: Vec<Text> = Vec::new();
    let report_date = find_report_date(range).and_then(|(r, c, cell)| match cell_date(cell) {
        Ok(d) => d,
        Err(written) => {
            let h = labels::REPORT_DATE.0;
            problems.push(msg::form_bad_date(
                &at(file, sheet, excel_row(r), &letters(c), h),
                &written,
            ));
            None
        }
    });
    let mut rows = Vec::new();
    for (r, cells) in range.rows().enumerate().skip(header.row + 1) {
        let get = |c: Option<usize>| c.and_then(|c| cells.get(c)).filter(|d| !is_blank(d));
        let text_of = |c: Column| get(header.col(c)).map(|d| cell_string(d).trim().to_owned());
        let place = |c: usize, h: &str| at(file, sheet, excel_row(r), &letters(c), h);
        let head = |c: Column| c.header(crate::model::Lang::Zh);
        let progress = text_of(Column::Progress).filter(|t| !t.is_empty());
        let problems_text = text_of(Column::Problems).filter(|t| !t.is_empty());
        let next_steps = text_of(Column::NextSteps).filter(|t| !t.is_empty());
        let before = problems.len();
        let mut status = None;
        let mut status_unread = false;
        if let (Some(c), Some(cell)) = (header.col(Column::Status), get(header.col(Column::Status)))
        {
            let word = cell_string(cell);
            match parse_status(&word) {
                Some(s) => status = Some((s, letters(c))),
                None => {
                    status_unread = true;
                    problems.push(msg::form_bad_status(
                        &place(c, head(Column::Status)),
                        word.trim(),
                    ));
                }
            }
        }
        let mut done_on = None;
        if let (Some(c), Some(cell)) = (header.col(Column::DoneOn), get(header.col(Column::DoneOn)))
        {
            match cell_date(cell) {
                Ok(d) => done_on = d.map(|d| (d, letters(c))),
                Err(written) => problems.push(msg::form_bad_date(
                    &place(c, head(Column::DoneOn)),
                    &written,
                )),
            }
        }
        let mut values = Vec::new();
        let mut values_unread = false;
        for (name, c) in &header.indicators {
            let Some(cell) = cells.get(*c).filter(|d| !is_blank(d)) else {
                continue;
            };
            match cell_number(cell) {
                Some(n) if n < 0.0 => {
                    values_unread = true;
                    problems.push(msg::form_negative_number(
                        &place(*c, name),
                        cell_string(cell).trim(),
                    ));
                }
                Some(n) => values.push((name.clone(), n, letters(*c))),
                None => {
                    values_unread = true;
                    problems.push(msg::form_bad_number(
                        &place(*c, name),
                        cell_string(cell).trim(),
                    ));
                }
            }
        }
        let unread = problems.len() > before;
        let filled = unread
            || progress.is_some()
            || problems_text.is_some()
            || next_steps.is_some()
            || status.is_some()
            || done_on.is_some()
            || !values.is_empty();
        let id = text_of(Column::Id).unwrap_or_default();
        let id_col = header.col(Column::Id).map(&letters).unwrap_or_default();
        if !filled {
            continue;
        }
        if id.is_empty() {
            problems.push(msg::form_row_without_id(&place(
                header.col(Column::Id).unwrap_or(0),
                head(Column::Id),
            )));
            continue;
        }
        rows.push(FormRow {
            row: excel_row(r),
            id,
            id_col,
            progress_col: header
                .col(Column::Progress)
                .map(&letters)
                .unwrap_or_default(),
            progress: progress.map(|p| {
                (
                    p,
                    header
                        .col(Column::Progress)
                        .map(&letters)
                        .unwrap_or_default(),
                )
            }),
            problems: problems_text,
            next_steps,
            status,
            done_on,
            values,
            values_unread,
            status_unread,
        });
    }
    Ok(Form {
        file: file.to_owned(),
        sheet: sheet.to_owned(),
        meta,
        report_date,
        rows,
        problems,
    })
}

/// The 填报日期 cell: the first non-empty cell right of its label, in the rows above
/// the header (a re-saved form may have moved it by a column or two).
fn find_report_date(range: &Range<Data>) -> Option<(usize, usize, &Data)> {
    range.rows().take(10).enumerate().find_map(|(r, cells)| {
        let label = cells
            .iter()
            .position(|c| labels::is_report_date_label(&cell_string(c)))?;
        cells
            .iter()
            .enumerate()
            .skip(label + 1)
            .take(3)
            .find(|(_, c)| !is_blank(c))
            .map(|(c, d)| (r, c, d))
    })
}

/// A status as the form's list writes it (进行中 受阻 已完成, in-progress blocked done),
/// or as a ledger may: the status words of [`crate::import::cell::status`] (完成,
/// 已办结, 推进中, …), so that a word a ledger import takes is taken here too.
///
/// Only the three of the list: a unit does not cancel a task, nor set it back to 未开始,
/// by a form (that is the office's call, with `wg tasks status`). A done task's
/// 完成日期 is the form's, else its 填报日期 (see [`crate::edit::intake`]).
pub fn parse_status(word: &str) -> Option<Status> {
    crate::import::cell::status(word)
        .filter(|s| matches!(s, Status::InProgress | Status::Blocked | Status::Done))
}

fn is_blank(d: &Data) -> bool {
    match d {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A cell as text: numbers without a trailing `.0`, dates as YYYY-MM-DD.
fn cell_string(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => crate::report::indicator_view::format_amount(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| d.date().to_string())
            .unwrap_or_else(|| dt.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
        Data::Empty => String::new(),
    }
}

/// A date cell, or a date typed as text as a ledger may have it
/// ([`crate::import::cell::date`]: 2026年9月30日, 2026/9/30, 2026-09-30, 2026.9.30,
/// 2026年9月底, …; an ISO date-time keeps its date), in the years wg handles. `Err`
/// holds what was written.
pub fn cell_date(d: &Data) -> Result<Option<NaiveDate>, String> {
    use crate::import::cell::date;
    match d {
        Data::Empty => Ok(None),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| t.date())
            .filter(|t| crate::model::date_in_range(*t))
            .map(Some)
            .ok_or_else(|| cell_string(d)),
        Data::DateTimeIso(s) => date(s.get(..10).unwrap_or(s))
            .map(Some)
            .ok_or_else(|| s.clone()),
        Data::String(s) if s.trim().is_empty() => Ok(None),
        Data::String(s) => date(s).map(Some).ok_or_else(|| s.trim().to_owned()),
        _ => Err(cell_string(d)),
    }
}

/// A number cell, or a number typed as text (full-width digits and thousands commas
/// allowed); finite, negative or not (a negative reading is refused by its caller).
pub fn cell_number(d: &Data) -> Option<f64> {
    let n = match d {
        Data::Int(i) => *i as f64,
        Data::Float(f) => *f,
        Data::String(s) => {
            let t: String = s
                .trim()
                .chars()
                .filter(|c| *c != ',' && *c != '，')
                .map(|c| match c {
                    '０'..='９' => {
                        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
                    }
                    '．' => '.',
                    '－' => '-',
                    c => c,
                })
                .collect();
            t.parse::<f64>().ok()?
        }
        _ => return None,
    };
    n.is_finite().then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_cells_are_read_as_a_ledgers_are() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 30);
        let text = |s: &str| cell_date(&Data::String(s.into()));
        assert_eq!(text("2026年9月30日"), Ok(d));
        assert_eq!(text("2026年9月底"), Ok(d));
        assert_eq!(text("  "), Ok(None));
        assert_eq!(text(" 0000-09-30 "), Err("0000-09-30".into()));
        assert_eq!(
            cell_date(&Data::DateTimeIso("2026-09-30T10:00:00".into())),
            Ok(d)
        );
        assert_eq!(parse_status("完成"), Some(Status::Done));
        assert_eq!(parse_status(" In-Progress "), Some(Status::InProgress));
        assert_eq!(parse_status("已取消"), None);
        assert_eq!(parse_status("未开始"), None);
    }

    #[test]
    fn numbers_may_be_text() {
        assert_eq!(cell_number(&Data::String("35".into())), Some(35.0));
        assert_eq!(cell_number(&Data::String("１,２００".into())), Some(1200.0));
        assert_eq!(cell_number(&Data::String("35家".into())), None);
        assert_eq!(cell_number(&Data::Float(-1.0)), Some(-1.0));
        assert_eq!(cell_number(&Data::String("－3".into())), Some(-3.0));
        assert_eq!(cell_number(&Data::Int(7)), Some(7.0));
    }
}
