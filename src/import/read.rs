//! Reads a ledger file into a grid of cells, as Excel numbers them: an `.xlsx` workbook
//! (one sheet, by `calamine`) or a CSV file (UTF-8 with or without a byte-order mark,
//! or GB18030, as Excel on a Chinese Windows saves it). Never prints.

use super::cell::Cell;
use crate::Error;
use crate::i18n::{Text, msg};
use calamine::{Data, Reader as _, Xlsx};
use chrono::NaiveDate;
use std::io::{Cursor, Read as _};
use std::path::Path;

/// A sheet's rows, each with its row number as Excel shows it (1-based) and its cells
/// from column A on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// The sheet's name (`None` for a CSV file).
    pub sheet: Option<String>,
    pub rows: Vec<GridRow>,
    /// What the user should know about how the file was read (decoded as GB18030).
    pub notes: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    /// As Excel shows it: 1 is the first row.
    pub number: usize,
    /// From column A; missing cells at the end are empty.
    pub cells: Vec<Cell>,
}

/// The kinds of file a ledger may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Csv,
}

/// Reads the ledger at `path` (`shown` is how messages name it); `sheet` picks a sheet
/// of a workbook by name (default: the first).
pub fn read(path: &Path, shown: &str, sheet: Option<&str>) -> Result<Grid, Error> {
    let bytes = read_bytes(path, shown)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let zip = bytes.starts_with(b"PK\x03\x04");
    let kind = match ext.as_deref() {
        Some("xlsx" | "xlsm") => Kind::Xlsx,
        Some("csv" | "txt") => Kind::Csv,
        _ if zip => Kind::Xlsx,
        Some("xls" | "et" | "ods" | "wps") => {
            return Err(Error::Usage(msg::import_old_format(shown)));
        }
        _ => return Err(Error::Usage(msg::import_not_a_ledger(shown))),
    };
    match kind {
        Kind::Xlsx => {
            if !zip {
                return Err(Error::Usage(msg::import_not_an_xlsx(shown)));
            }
            read_xlsx(bytes, shown, sheet)
        }
        Kind::Csv => {
            if let Some(name) = sheet {
                return Err(Error::Usage(msg::import_csv_has_no_sheets(shown, name)));
            }
            read_csv(&bytes, shown)
        }
    }
}

/// The file's bytes; a missing file, a directory or another non-regular file is an
/// error that names the path (opened without blocking, should it be a FIFO).
fn read_bytes(path: &Path, shown: &str) -> Result<Vec<u8>, Error> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Usage(msg::import_file_missing(shown)));
        }
        Err(e) => {
            return Err(Error::Usage(msg::file_unreadable(
                shown,
                &msg::io_error(&e),
            )));
        }
    };
    if meta.is_dir() {
        return Err(Error::Usage(msg::file_is_a_dir(shown)));
    }
    if !meta.is_file() {
        return Err(Error::Usage(msg::import_not_a_regular_file(shown)));
    }
    let mut bytes = Vec::new();
    crate::load::read::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| Error::Usage(msg::file_unreadable(shown, &msg::io_error(&e))))?;
    Ok(bytes)
}

fn read_xlsx(bytes: Vec<u8>, shown: &str, sheet: Option<&str>) -> Result<Grid, Error> {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| {
            Error::Usage(msg::import_unreadable_xlsx(shown, &e.to_string()))
        })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.trim() == wanted.trim()))
            .cloned()
            .ok_or_else(|| {
                let near =
                    crate::load::suggest::closest(wanted, names.iter().map(String::as_str), 1);
                let all = msg::quoted_list(&names);
                Error::Usage(match near.first() {
                    Some(n) => msg::import_no_such_sheet_near(shown, wanted, n, &all),
                    None => msg::import_no_such_sheet(shown, wanted, &all),
                })
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::Usage(msg::import_no_sheets(shown)))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| Error::Usage(msg::import_unreadable_sheet(shown, &name, &e.to_string())))?;
    let mut grid = Grid {
        sheet: Some(name.clone()),
        rows: Vec::new(),
        notes: Vec::new(),
    };
    // The range starts at the first cell in use; Excel's numbers count from A1.
    let Some((top, left)) = range.start() else {
        return Ok(grid);
    };
    let (top, left) = (top as usize, left as usize);
    for (i, row) in range.rows().enumerate() {
        let mut cells = vec![Cell::Empty; left];
        cells.extend(row.iter().map(cell_of));
        grid.rows.push(GridRow {
            number: top + i + 1,
            cells,
        });
    }
    // A formula whose value the file does not hold (written by a program that does not
    // calculate, such as a script) reads as an empty cell: it is shown as its formula
    // instead, so that it is never taken for "no value", and named.
    let mut unsaved = Vec::new();
    if let Ok(formulas) = book.worksheet_formula(&name)
        && let Some((ftop, fleft)) = formulas.start()
    {
        for (i, row) in formulas.rows().enumerate() {
            for (j, f) in row.iter().enumerate() {
                if f.is_empty() {
                    continue;
                }
                let (r, c) = (ftop as usize + i, fleft as usize + j);
                let Some(cell) = r
                    .checked_sub(top)
                    .and_then(|k| grid.rows.get_mut(k))
                    .and_then(|row| row.cells.get_mut(c))
                else {
                    continue;
                };
                if matches!(cell, Cell::Empty) {
                    *cell = Cell::Text(format!("={f}"));
                    unsaved.push(format!(
                        "{}{}",
                        crate::render::xlsx::column_letter(c),
                        r + 1
                    ));
                }
            }
        }
    }
    if !unsaved.is_empty() {
        grid.notes.push(msg::import_formulas_without_values(
            shown,
            &unsaved.join("、"),
        ));
    }
    Ok(grid)
}

/// One workbook cell as a ledger cell: a date cell becomes a date (its time of day is
/// dropped), a number stays a number, the rest is text.
fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::text(s),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)) {
                Some(date) => Cell::Date(date),
                None => Cell::Text(dt.as_f64().to_string()),
            }
        }
        Data::DateTime(dt) => Cell::Text(dt.as_f64().to_string()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| Cell::text(s), Cell::Date),
        Data::DurationIso(s) => Cell::text(s),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

fn read_csv(bytes: &[u8], shown: &str) -> Result<Grid, Error> {
    let mut grid = Grid::default();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(body) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(body);
            if had_errors {
                return Err(Error::Usage(msg::import_csv_encoding(shown)));
            }
            grid.notes.push(msg::import_read_as_gb18030(shown));
            text.into_owned()
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Excel shows a blank line as an empty row, and a cell's own line breaks inside its
    // row; the reader skips blank lines, so a row's number is the line it starts on
    // less the line breaks inside the cells above it.
    let mut inside = 0_usize;
    for record in reader.records() {
        let record = record.map_err(|e| {
            let row = grid.rows.last().map_or(1, |r| r.number + 1);
            Error::Usage(msg::import_csv_unreadable(shown, row, &e.to_string()))
        })?;
        let at = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0);
        let start = at
            + text.get(at..).map_or(0, |rest| {
                rest.len() - rest.trim_start_matches(['\r', '\n']).len()
            });
        let line = 1 + text
            .get(..start)
            .map_or(0, |before| before.matches('\n').count());
        grid.rows.push(GridRow {
            number: line.saturating_sub(inside),
            cells: record.iter().map(Cell::text).collect(),
        });
        inside += record
            .iter()
            .map(|f| f.matches('\n').count())
            .sum::<usize>();
    }
    Ok(grid)
}
