//! `wg export`: the whole data set as a database (SPEC §6). One schema
//! ([`schema`]), the rows built once from the data and the as-of date ([`rows`]), and
//! two writers of the same rows: SQL text that PostgreSQL and SQLite both load
//! ([`sql`]), and an SQLite file ([`sqlite`]).

pub mod rows;
pub mod schema;
pub mod sql;
pub mod sqlite;

pub use rows::{Export, LOCAL_OFFICE, Value};
