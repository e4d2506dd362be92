//! The export as an SQLite database file: SQLite itself (bundled, compiled into wg)
//! builds it in memory from the very `CREATE` statements the SQL text carries, inserts
//! every row in one transaction with foreign keys checked, and hands back the file's
//! bytes, which the one `--out` writer ([`crate::output::write`]) puts beside the
//! target and renames over it.

use super::rows::{Export, Value};
use super::schema;
use crate::Failed;
use crate::i18n::msg;
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};

impl ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        use rusqlite::types::Value as V;
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Integer(n) => ToSqlOutput::Owned(V::Integer(*n)),
            Value::Real(x) => ToSqlOutput::Owned(V::Real(*x)),
            // As the SQL text writes it, and as SQLite stores a DATE literal: text.
            Value::Date(d) => ToSqlOutput::Owned(V::Text(d.format("%Y-%m-%d").to_string())),
            // As SQLite stores TRUE and FALSE.
            Value::Bool(b) => ToSqlOutput::Owned(V::Integer(i64::from(*b))),
        })
    }
}

/// The database file's bytes.
pub fn sqlite(export: &Export<'_>) -> anyhow::Result<Vec<u8>> {
    build(export).map_err(|e| Failed::wrap(msg::export_sqlite_failed(), e))
}

fn build(export: &Export<'_>) -> anyhow::Result<Vec<u8>> {
    let mut conn = rusqlite::Connection::open_in_memory()?;
    // Checked at the commit (the keys are deferred): a row that names no row is a bug
    // in wg, and the export fails rather than hand it on.
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    let tx = conn.transaction()?;
    tx.execute_batch(&schema::create_sql())?;
    for t in &export.tables {
        let insert = format!(
            "{} ({})",
            t.table.insert_head(),
            vec!["?"; t.table.columns.len()].join(", ")
        );
        let mut stmt = tx.prepare(&insert)?;
        for row in &t.rows {
            stmt.execute(rusqlite::params_from_iter(row.iter()))
                .map_err(|e| Failed::wrap(msg::export_sqlite_insert(t.table.name), e))?;
        }
    }
    tx.commit()?;
    let bytes = conn.serialize(rusqlite::MAIN_DB)?;
    Ok(bytes.to_vec())
}
