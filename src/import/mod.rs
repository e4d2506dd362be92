//! A task ledger (台账) as offices keep it in Excel or CSV: finds the header row, maps
//! the columns by their names, and reads each row into an [`Entry`] of typed cells.
//! What needs the data directory (references, ids, what is already a task) is done by
//! [`crate::edit::import`]. Never prints.
//!
//! Choices where SPEC is silent:
//! - The header row is the row among the first ten (as Excel numbers them) with the
//!   most cells that are exactly a known column name, whitespace inside a cell ignored;
//!   the first such row on a tie. It must name a title column (事项 and the like).
//! - A field named by two columns is read from the first; the second is ignored and
//!   said so. Supporting units may come from several columns (配合单位 and 责任单位).
//! - A lead-unit cell that names several units: the first leads, the others support.
//! - A row with nothing in any mapped column (序号 aside) is not a task and is passed
//!   over; a row with something but no title is an error.
//! - 完成日期 (or 办结时间) is read as `done_on`, for rows that are already done.

pub mod cell;
pub mod read;

pub use cell::{Cell, Due};
pub use read::{Grid, GridRow, read};

use crate::Error;
use crate::i18n::{Text, msg};
use crate::model::Status;
use crate::render::xlsx::column_letter;
use chrono::NaiveDate;

/// What a ledger column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 编号: a task id.
    Id,
    /// 序号: a running number, never an id.
    Number,
    Title,
    LeadUnit,
    Units,
    Owner,
    Due,
    Outcome,
    Status,
    /// 进展情况: a first progress note.
    Progress,
    Group,
    DoneOn,
}

/// The column names wg knows; 责任单位 is decided by [`map_columns`].
const NAMES: [(&str, Field); 24] = [
    ("编号", Field::Id),
    ("任务编号", Field::Id),
    ("序号", Field::Number),
    ("事项", Field::Title),
    ("任务", Field::Title),
    ("工作任务", Field::Title),
    ("重点任务", Field::Title),
    ("任务名称", Field::Title),
    ("牵头单位", Field::LeadUnit),
    ("牵头部门", Field::LeadUnit),
    ("配合单位", Field::Units),
    ("协办单位", Field::Units),
    ("责任人", Field::Owner),
    ("联系人", Field::Owner),
    ("完成时限", Field::Due),
    ("截止时间", Field::Due),
    ("时间节点", Field::Due),
    ("目标要求", Field::Outcome),
    ("成效要求", Field::Outcome),
    ("工作目标", Field::Outcome),
    ("状态", Field::Status),
    ("进展情况", Field::Progress),
    ("小组", Field::Group),
    ("完成日期", Field::DoneOn),
];

/// The lead unit when there is no 牵头单位 column, else supporting units.
const RESPONSIBLE: &str = "责任单位";

/// A header cell as compared with the known names: without any whitespace.
fn header_key(cell: &Cell) -> String {
    cell.shown()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn known(key: &str) -> Option<Field> {
    if key == RESPONSIBLE {
        return Some(Field::LeadUnit);
    }
    if key == "办结时间" {
        return Some(Field::DoneOn);
    }
    NAMES.iter().find(|(n, _)| *n == key).map(|&(_, f)| f)
}

/// One column of the header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// `A`, `B`, … `AA`.
    pub letter: String,
    /// The header as written (whitespace inside removed).
    pub header: String,
    /// What it is read as; `None`: ignored.
    pub field: Option<Field>,
    /// Ignored because an earlier column holds the same field: that column's letter.
    pub same_as: Option<String>,
}

/// A cell of a row, with the column it came from (an index into [`Ledger::columns`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Value<T> {
    pub col: usize,
    /// As written (trimmed), for messages.
    pub raw: String,
    pub value: T,
}

/// One row of the ledger, its cells read but no reference resolved.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    /// As Excel shows it.
    pub row: usize,
    pub id: Option<Value<String>>,
    pub title: Option<Value<String>>,
    pub lead_unit: Option<Value<String>>,
    pub units: Vec<Value<String>>,
    pub owner: Option<Value<String>>,
    pub due: Option<Value<Due>>,
    pub outcome: Option<Value<String>>,
    pub status: Option<Value<Status>>,
    pub progress: Option<Value<String>>,
    pub group: Option<Value<String>>,
    /// The 小组 column, when the ledger has one (also when this row's cell is empty).
    pub group_col: Option<usize>,
    pub done_on: Option<Value<NaiveDate>>,
}

/// A row that cannot be imported: where, and why (with a suggestion).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    /// An index into [`Ledger::columns`].
    pub col: Option<usize>,
    pub message: Text,
}

/// The ledger, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    /// The file as the user named it.
    pub file: String,
    pub sheet: Option<String>,
    /// The header row's number.
    pub header_row: usize,
    pub columns: Vec<Column>,
    pub entries: Vec<Entry>,
    /// Cells that could not be read (dates, statuses), by row.
    pub problems: Vec<RowProblem>,
    pub notes: Vec<Text>,
}

impl Ledger {
    /// `C（牵头单位）` / `C (牵头单位)` for messages.
    pub fn column(&self, col: usize) -> Option<&Column> {
        self.columns.get(col)
    }
}

/// Finds the header row of `grid` and reads every row below it. An empty sheet, or
/// one whose first ten rows name no title column, is an error.
pub fn parse(grid: Grid, file: &str) -> Result<Ledger, Error> {
    let sheet = grid.sheet.clone();
    let shown_sheet = |s: &Option<String>| match s {
        Some(name) => msg::import_sheet_of(file, name),
        None => Text::verbatim(file.to_owned()),
    };
    if grid.rows.iter().all(|r| r.cells.iter().all(Cell::is_empty)) {
        return Err(Error::Usage(match &sheet {
            Some(_) => msg::import_empty_sheet(&shown_sheet(&sheet)),
            None => msg::import_empty_csv(file),
        }));
    }
    let scored = grid
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.number <= 10)
        .map(|(i, r)| {
            let keys: Vec<Option<Field>> = r.cells.iter().map(|c| known(&header_key(c))).collect();
            (i, keys.iter().filter(|k| k.is_some()).count(), keys)
        })
        .filter(|(_, _, keys)| keys.contains(&Some(Field::Title)))
        .fold(None::<(usize, usize)>, |best, (i, score, _)| match best {
            Some((_, s)) if s >= score => best,
            _ => Some((i, score)),
        });
    let Some((header_at, _)) = scored else {
        let titles: Vec<&str> = NAMES
            .iter()
            .filter(|(_, f)| *f == Field::Title)
            .map(|(n, _)| *n)
            .collect();
        return Err(Error::Usage(msg::import_no_header_row(
            &shown_sheet(&sheet),
            &msg::plain_list(&titles),
            &msg::plain_list(&known_names()),
        )));
    };
    let header = grid.rows.get(header_at).cloned().unwrap_or(GridRow {
        number: 0,
        cells: Vec::new(),
    });
    let columns = map_columns(&header.cells);
    let mut ledger = Ledger {
        file: file.to_owned(),
        sheet,
        header_row: header.number,
        columns,
        entries: Vec::new(),
        problems: Vec::new(),
        notes: grid.notes,
    };
    for row in grid.rows.iter().skip(header_at + 1) {
        if let Some(entry) = entry(&ledger.columns, row, &mut ledger.problems) {
            ledger.entries.push(entry);
        }
    }
    if ledger.entries.is_empty() && ledger.problems.is_empty() {
        return Err(Error::Usage(msg::import_no_rows(
            &shown_sheet(&ledger.sheet),
            ledger.header_row,
        )));
    }
    Ok(ledger)
}

/// Every column name wg knows, for messages.
pub fn known_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
    names.push(RESPONSIBLE);
    names
}

/// The columns of the header row: each known name to its field, 责任单位 as the lead
/// unit only when no 牵头单位/牵头部门 column exists.
fn map_columns(cells: &[Cell]) -> Vec<Column> {
    let keys: Vec<String> = cells.iter().map(header_key).collect();
    let has_lead = keys
        .iter()
        .any(|k| k != RESPONSIBLE && known(k) == Some(Field::LeadUnit));
    let mut columns: Vec<Column> = Vec::new();
    for (i, key) in keys.into_iter().enumerate() {
        let mut field = known(&key);
        if key == RESPONSIBLE && has_lead {
            field = Some(Field::Units);
        }
        let same_as = field
            .filter(|f| *f != Field::Units)
            .and_then(|f| columns.iter().find(|c| c.field == Some(f)))
            .map(|c| c.letter.clone());
        if same_as.is_some() {
            field = None;
        }
        columns.push(Column {
            letter: column_letter(i),
            header: key,
            field,
            same_as,
        });
    }
    columns
}

/// One row below the header, read; `None` for a row with nothing to import.
fn entry(columns: &[Column], row: &GridRow, problems: &mut Vec<RowProblem>) -> Option<Entry> {
    let mut e = Entry {
        row: row.number,
        ..Entry::default()
    };
    let mut anything = false;
    for (col, column) in columns.iter().enumerate() {
        let Some(field) = column.field else {
            continue;
        };
        if field == Field::Group {
            e.group_col = Some(col);
        }
        let Some(cell) = row.cells.get(col).filter(|c| !c.is_empty()) else {
            continue;
        };
        let raw = cell.shown();
        if field != Field::Number {
            anything = true;
        }
        let text = || Value {
            col,
            raw: raw.clone(),
            value: raw.clone(),
        };
        let mut bad = |message: Text| {
            problems.push(RowProblem {
                row: row.number,
                col: Some(col),
                message,
            });
        };
        match field {
            Field::Number => {}
            Field::Id => e.id = Some(text()),
            Field::Title => e.title = Some(text()),
            Field::Owner => e.owner = Some(text()),
            Field::Outcome => e.outcome = Some(text()),
            Field::Progress => e.progress = Some(text()),
            Field::Group => e.group = Some(text()),
            Field::LeadUnit => {
                let mut names = cell::split_names(&raw).into_iter();
                e.lead_unit = names.next().map(|n| Value {
                    col,
                    raw: n.clone(),
                    value: n,
                });
                e.units.extend(names.map(|n| Value {
                    col,
                    raw: n.clone(),
                    value: n,
                }));
            }
            Field::Units => e
                .units
                .extend(cell::split_names(&raw).into_iter().map(|n| Value {
                    col,
                    raw: n.clone(),
                    value: n,
                })),
            Field::Due => match cell::due(cell) {
                Some(due) => {
                    e.due = Some(Value {
                        col,
                        raw: raw.clone(),
                        value: due,
                    });
                }
                None => bad(msg::import_bad_date(&raw)),
            },
            Field::DoneOn => match cell::due(cell) {
                Some(Due::On(d)) => {
                    e.done_on = Some(Value {
                        col,
                        raw: raw.clone(),
                        value: d,
                    });
                }
                _ => bad(msg::import_bad_date(&raw)),
            },
            Field::Status => match cell::status(&raw) {
                Some(s) => {
                    e.status = Some(Value {
                        col,
                        raw: raw.clone(),
                        value: s,
                    });
                }
                None => bad(msg::import_bad_status(&raw, &msg::status_list())),
            },
        }
    }
    anything.then_some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: usize, cells: &[&str]) -> GridRow {
        GridRow {
            number,
            cells: cells.iter().map(|c| Cell::text(c)).collect(),
        }
    }

    #[test]
    fn the_header_is_the_row_with_most_known_names() {
        let grid = Grid {
            sheet: Some("S".into()),
            rows: vec![
                row(1, &["2026年重点任务台账"]),
                row(2, &["任务", "说明"]),
                row(3, &["序号", "重点\n任务", "责任单位", "完成 时限"]),
                row(4, &["1", "建会", "组织部、宣传部", "长期"]),
            ],
            notes: vec![],
        };
        let ledger = parse(grid, "l.xlsx").unwrap();
        assert_eq!(ledger.header_row, 3);
        let fields: Vec<Option<Field>> = ledger.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [
                Some(Field::Number),
                Some(Field::Title),
                Some(Field::LeadUnit),
                Some(Field::Due)
            ]
        );
        let e = &ledger.entries[0];
        assert_eq!(e.lead_unit.as_ref().unwrap().value, "组织部");
        assert_eq!(e.units[0].value, "宣传部");
        assert_eq!(e.due.as_ref().unwrap().value, Due::Ongoing);
    }

    #[test]
    fn responsible_units_support_when_a_lead_column_exists() {
        let cols = map_columns(&[
            Cell::text("事项"),
            Cell::text("责任单位"),
            Cell::text("牵头部门"),
            Cell::text("任务"),
        ]);
        assert_eq!(cols[1].field, Some(Field::Units));
        assert_eq!(cols[2].field, Some(Field::LeadUnit));
        assert_eq!(cols[3].field, None);
        assert_eq!(cols[3].same_as.as_deref(), Some("A"));
    }
}
