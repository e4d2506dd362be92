//! The export as SQL statements that both PostgreSQL (`psql -f`) and SQLite
//! (`sqlite3 DB < FILE`) load: one transaction that drops the view and the tables,
//! creates them from the schema and inserts every row.
//!
//! Only what both accept: the types of [`super::schema::Type`]; string literals in
//! single quotes with `'` doubled and nothing else escaped (PostgreSQL's
//! `standard_conforming_strings`, on by default since 9.1, keeps a backslash a
//! backslash; newlines and other control characters stand as they are inside the
//! quotes, but for a carriage return before a newline, see [`literal`]); `||` to join
//! literals; `TRUE`/`FALSE` (SQLite 3.23 and later store 1/0); dates as `'YYYY-MM-DD'`;
//! multi-row `INSERT … VALUES`. No data text is ever written outside a literal, not
//! even in a comment.

use super::rows::{Export, Value};
use super::schema;
use std::fmt::Write as _;

/// Rows per `INSERT` statement: few statements, none huge.
const ROWS_PER_INSERT: usize = 500;

const HEADER: &str = "\
-- wg export: one transaction that replaces the tables and the view `overdue`.
-- PostgreSQL: psql -v ON_ERROR_STOP=1 -f FILE (into a UTF8 database);
-- SQLite: sqlite3 -bail DB < FILE. The text is UTF-8.
";

/// The whole export as SQL text.
pub fn sql(export: &Export<'_>) -> String {
    let mut out = String::with_capacity(1 << 16);
    out.push_str(HEADER);
    out.push_str("BEGIN;\n");
    out.push_str(&schema::drop_sql());
    for t in schema::TABLES {
        out.push_str(&t.create_sql());
    }
    for t in &export.tables {
        let head = t.table.insert_head();
        for chunk in t.rows.chunks(ROWS_PER_INSERT) {
            out.push_str(&head);
            for (i, row) in chunk.iter().enumerate() {
                out.push_str(if i == 0 { "\n(" } else { ",\n(" });
                for (j, v) in row.iter().enumerate() {
                    if j > 0 {
                        out.push_str(", ");
                    }
                    literal(&mut out, v);
                }
                out.push(')');
            }
            out.push_str(";\n");
        }
    }
    out.push_str(schema::OVERDUE_VIEW);
    out.push_str("COMMIT;\n");
    out
}

/// One value as an SQL literal.
fn literal(out: &mut String, v: &Value<'_>) {
    match v {
        Value::Null => out.push_str("NULL"),
        Value::Text(s) => {
            out.push('\'');
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\'' => out.push_str("''"),
                    // sqlite3 reads its input by lines and drops a carriage return at
                    // the end of one (a Windows line ending), inside a literal too: a
                    // CR before a newline ends the literal, and the rest is joined on.
                    '\r' if chars.peek() == Some(&'\n') => out.push_str("\r' || '"),
                    c => out.push(c),
                }
            }
            out.push('\'');
        }
        Value::Integer(n) => {
            let _ = write!(out, "{n}");
        }
        // `{:?}` gives the shortest text that reads back as the same f64, with a
        // point or an exponent (35.0, 1e300), which both databases read as a number.
        // Non-finite values never get here (see `Export::unstorable`).
        Value::Real(x) => {
            let _ = write!(out, "{x:?}");
        }
        Value::Date(d) => {
            let _ = write!(out, "'{}'", d.format("%Y-%m-%d"));
        }
        Value::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::borrow::Cow;

    fn lit(v: Value<'_>) -> String {
        let mut out = String::new();
        literal(&mut out, &v);
        out
    }

    #[test]
    fn a_quote_is_doubled_and_a_backslash_stays_as_it_is() {
        assert_eq!(lit(Value::Text(Cow::Borrowed("it's \\'"))), "'it''s \\'''");
    }

    #[test]
    fn a_carriage_return_before_a_newline_ends_the_literal() {
        assert_eq!(
            lit(Value::Text(Cow::Borrowed("a\r\nb\rc\n"))),
            "'a\r' || '\nb\rc\n'"
        );
    }

    #[test]
    fn numbers_dates_booleans_and_null_are_plain_literals() {
        assert_eq!(lit(Value::Real(35.0)), "35.0");
        assert_eq!(lit(Value::Real(1e300)), "1e300");
        assert_eq!(lit(Value::Integer(-3)), "-3");
        let d = NaiveDate::from_ymd_opt(1, 2, 3).unwrap();
        assert_eq!(lit(Value::Date(d)), "'0001-02-03'");
        assert_eq!(lit(Value::Bool(true)), "TRUE");
        assert_eq!(lit(Value::Null), "NULL");
    }
}
