//! Turns report rows into bytes: tables (CJK-aligned, ASCII borders), JSON, YAML, CSV
//! and Markdown. No domain logic lives here.

pub mod ics;
pub mod text;

use comfy_table::{ContentArrangement, presets};
use serde::Serialize;
use std::io::Write;

/// Rows of text under a header: the common shape of table, CSV and Markdown output.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    pub fn new(headers: impl IntoIterator<Item = impl Into<String>>) -> Grid {
        Grid {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: impl IntoIterator<Item = impl Into<String>>) {
        self.rows.push(row.into_iter().map(Into::into).collect());
    }

    /// An ASCII table aligned by display width, so Chinese text lines up. Never wraps:
    /// the same data gives the same bytes on every terminal.
    pub fn to_table(&self) -> String {
        let mut table = comfy_table::Table::new();
        table
            .load_style(presets::ASCII_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(self.headers.iter().map(|h| text::one_line(h).into_owned()));
        for row in &self.rows {
            table.add_row(row.iter().map(|c| text::one_line(c).into_owned()));
        }
        // Columns of numbers read best right-aligned, so that digits line up.
        for col in 0..self.headers.len() {
            let numeric = !self.rows.is_empty()
                && self
                    .rows
                    .iter()
                    .all(|r| r.get(col).is_none_or(|c| is_number(c)))
                && self
                    .rows
                    .iter()
                    .any(|r| r.get(col).is_some_and(|c| !c.is_empty()));
            if let Some(column) = table.column_mut(col).filter(|_| numeric) {
                column.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
        }
        let mut s = table.to_string();
        s.push('\n');
        s
    }

    /// A GitHub/pandoc pipe table; cells escape `|` and turn newlines into `<br>`.
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let line = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|c| markdown_cell(c)).collect();
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
fn is_number(cell: &str) -> bool {
    let digits = cell.trim().trim_end_matches('%');
    cell.is_empty()
        || (!digits.is_empty()
            && digits
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
            && digits.chars().any(|c| c.is_ascii_digit()))
}

/// Escapes text for a Markdown table cell (and for inline Markdown generally):
/// `|` and `\` are escaped, newlines become `<br>`, control characters are shown.
pub fn markdown_cell(s: &str) -> String {
    let s = text::sanitize(s);
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
    out
}

/// Prefixes a `'` to cells a spreadsheet would read as a formula (`= + - @`, tab, CR).
pub fn csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

pub fn json(out: &mut dyn Write, value: &impl Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

pub fn yaml(out: &mut dyn Write, value: &impl Serialize) -> anyhow::Result<()> {
    let s =
        serde_saphyr::to_string(value).map_err(|e| anyhow::anyhow!("cannot write YAML: {e}"))?;
    out.write_all(s.as_bytes())?;
    if !s.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}
