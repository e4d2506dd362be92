//! `wg export` against real databases: the SQL text loaded by the `sqlite3` command line
//! and by a PostgreSQL server, the SQLite file read back by SQLite (rusqlite) and by
//! `sqlite3`. The `overdue` view must list the tasks `wg tasks overdue --format json`
//! lists, in its order, with the same count per group; text must come back exactly as
//! wg's own JSON gives it; the two formats must hold the same database.
//!
//! PostgreSQL: `WG_TEST_PG` is the libpq connection string of a server where the tests
//! may create and drop databases named `wg_test_*` (`.ci/run` starts one in a temporary
//! directory and sets it, e.g. `host=/tmp/wg-pg.x user=postgres dbname=postgres`). Set,
//! the server must answer; unset, the PostgreSQL tests fail under CI (`CI` set) and
//! otherwise pass with a note on stderr. `sqlite3` must be on PATH.

use crate::common::{copy_dir, ids_of, root, run, wg, wg_as_nobody_in, wg_in};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Data sets and as-of dates to compare on.
const CASES: &[(&str, &str)] = &[
    ("data", "2022-01-10"),
    ("data", "2021-12-20"),
    ("tests/fixtures/export", "2026-01-15"),
    ("examples/english", "2026-03-10"),
];

fn data(dir: &str) -> PathBuf {
    root().join(dir)
}

/// `wg export` of `dir` as of `today` into `out`; asserts success.
fn export(dir: &Path, today: &str, format: &str, out: &Path) {
    let o = run(wg()
        .arg("--data")
        .arg(dir)
        .args(["--today", today, "export", "--format", format, "--out"])
        .arg(out));
    assert_eq!(o.code, 0, "export {format}: {}", o.stderr);
    assert_eq!(o.stdout, "");
}

/// A JSON report of wg on `dir` as of `today`.
fn wg_json(dir: &Path, today: &str, args: &[&str]) -> Json {
    let o = run(wg()
        .arg("--data")
        .arg(dir)
        .args(["--today", today, "--format", "json"])
        .args(args));
    assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
    serde_json::from_str(&o.stdout).unwrap()
}

/// What the database must say about overdue tasks: the ids in wg's order, and the
/// count per group, from `wg tasks overdue --format json`.
struct Expected {
    ids: Vec<String>,
    per_group: BTreeMap<String, i64>,
    /// Tasks per group, from `wg tasks list`.
    tasks_per_group: BTreeMap<String, i64>,
}

fn expected(dir: &Path, today: &str) -> Expected {
    let overdue = wg_json(dir, today, &["tasks", "overdue"]);
    let ids = overdue["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(overdue["summary"]["by"], "group");
    let per_group = overdue["summary"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["key"].as_str().unwrap().to_owned(),
                r["total"].as_i64().unwrap(),
            )
        })
        .collect();
    let list = wg_json(dir, today, &["tasks", "list"]);
    let mut tasks_per_group = BTreeMap::new();
    for t in list["tasks"].as_array().unwrap() {
        *tasks_per_group
            .entry(t["group"].as_str().unwrap().to_owned())
            .or_insert(0) += 1;
    }
    Expected {
        ids,
        per_group,
        tasks_per_group,
    }
}

const IDS: &str = "SELECT id FROM overdue";
const PER_GROUP: &str = "SELECT group_id, COUNT(*) AS n FROM overdue GROUP BY group_id";
const TASKS_PER_GROUP: &str = "SELECT group_id, COUNT(*) AS n FROM tasks GROUP BY group_id";

/// Checks a database, queried through `query` (SQL → rows as JSON objects), against
/// what wg says.
fn check_against_wg(what: &str, want: &Expected, query: &mut dyn FnMut(&str) -> Vec<Json>) {
    let ids: Vec<String> = query(IDS)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, want.ids, "{what}: the overdue view's ids, in order");
    let counts = |rows: Vec<Json>| -> BTreeMap<String, i64> {
        rows.iter()
            .map(|r| {
                (
                    r["group_id"].as_str().unwrap().to_owned(),
                    r["n"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        counts(query(PER_GROUP)),
        want.per_group,
        "{what}: overdue per group"
    );
    assert_eq!(
        counts(query(TASKS_PER_GROUP)),
        want.tasks_per_group,
        "{what}: tasks per group"
    );
}

// ---------------------------------------------------------------------------------
// sqlite3, the command line

/// `sqlite3` on PATH, or a clear failure.
fn sqlite3() -> Command {
    let found = Command::new("sqlite3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "these tests need the sqlite3 command line (Debian: apt-get install sqlite3)"
    );
    Command::new("sqlite3")
}

/// Loads an SQL file into the database file `db` (created if missing) with `sqlite3 -bail`.
fn sqlite3_load(db: &Path, sql: &Path) {
    let out = sqlite3()
        .arg("-bail")
        .arg(db)
        .stdin(std::fs::File::open(sql).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "sqlite3 {} < {}: {}",
        db.display(),
        sql.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Rows of a query, through `sqlite3 -json`.
fn sqlite3_query(db: &Path, sql: &str) -> Vec<Json> {
    let out = sqlite3()
        .args(["-bail", "-json"])
        .arg(db)
        .arg(sql)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    if text.trim().is_empty() {
        return Vec::new();
    }
    serde_json::from_str::<Vec<Json>>(&text).unwrap()
}

/// `sqlite3 DB .dump`: the schema and every row, as SQLite writes them.
fn sqlite3_dump(db: &Path) -> String {
    let out = sqlite3().arg(db).arg(".dump").output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_overdue_view_in_sqlite3_lists_what_wg_tasks_overdue_lists() {
    for (dir, today) in CASES {
        let dir = data(dir);
        let want = expected(&dir, today);
        assert!(
            !want.ids.is_empty(),
            "{}: a case with overdue tasks",
            dir.display()
        );
        let tmp = tempfile::tempdir().unwrap();
        let sql = tmp.path().join("wg.sql");
        export(&dir, today, "sql", &sql);
        let db = tmp.path().join("from-sql.db");
        sqlite3_load(&db, &sql);
        let what = format!("sqlite3 < wg.sql ({}, {today})", dir.display());
        check_against_wg(&what, &want, &mut |q| sqlite3_query(&db, q));
        // Loading it again into the same database replaces the tables.
        sqlite3_load(&db, &sql);
        check_against_wg(&format!("{what}, loaded twice"), &want, &mut |q| {
            sqlite3_query(&db, q)
        });

        let file = tmp.path().join("wg.db");
        export(&dir, today, "sqlite", &file);
        let what = format!("sqlite3 wg.db ({}, {today})", dir.display());
        check_against_wg(&what, &want, &mut |q| sqlite3_query(&file, q));
    }
}

/// The SQLite file and the SQL text loaded by sqlite3 are one database: the same
/// schema text and the same rows, as `.dump` shows them.
#[test]
fn the_sqlite_file_and_the_sql_text_hold_the_same_database() {
    for (dir, today) in CASES {
        let dir = data(dir);
        let tmp = tempfile::tempdir().unwrap();
        let (sql, file, loaded) = (
            tmp.path().join("wg.sql"),
            tmp.path().join("wg.db"),
            tmp.path().join("loaded.db"),
        );
        export(&dir, today, "sql", &sql);
        export(&dir, today, "sqlite", &file);
        sqlite3_load(&loaded, &sql);
        let (a, b) = (sqlite3_dump(&file), sqlite3_dump(&loaded));
        assert!(a.contains("INSERT INTO tasks VALUES"), "{a}");
        assert_eq!(
            a,
            b,
            "{}: .dump of wg.db and of wg.sql loaded",
            dir.display()
        );
    }
}

// ---------------------------------------------------------------------------------
// The SQLite file through rusqlite

/// Rows of a query as JSON objects, read with rusqlite.
fn rusqlite_query(conn: &rusqlite::Connection, sql: &str) -> Vec<Json> {
    use rusqlite::types::ValueRef;
    let mut stmt = conn.prepare(sql).unwrap();
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let rows = stmt
        .query_map([], |row| {
            let mut obj = serde_json::Map::new();
            for (i, name) in names.iter().enumerate() {
                let v = match row.get_ref(i)? {
                    ValueRef::Null => Json::Null,
                    ValueRef::Integer(n) => Json::from(n),
                    ValueRef::Real(x) => Json::from(x),
                    ValueRef::Text(t) => Json::from(std::str::from_utf8(t).unwrap()),
                    ValueRef::Blob(_) => panic!("{name}: no column holds a blob"),
                };
                obj.insert(name.clone(), v);
            }
            Ok(Json::Object(obj))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn open(file: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

#[test]
fn the_sqlite_file_reads_back_with_the_tasks_as_wg_computes_them() {
    for (dir, today) in CASES {
        let dir = data(dir);
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("wg.db");
        export(&dir, today, "sqlite", &file);
        let conn = open(&file);
        let integrity = rusqlite_query(&conn, "PRAGMA integrity_check");
        assert_eq!(integrity[0]["integrity_check"], "ok");
        let broken = rusqlite_query(&conn, "PRAGMA foreign_key_check");
        assert!(broken.is_empty(), "rows naming no row: {broken:?}");
        let want = expected(&dir, today);
        check_against_wg(&format!("rusqlite ({})", dir.display()), &want, &mut |q| {
            rusqlite_query(&conn, q)
        });
        let office = rusqlite_query(&conn, "SELECT id, as_of FROM offices");
        assert_eq!(office, [serde_json::json!({"id": "local", "as_of": today})]);

        // Every task, every field the JSON has, as the JSON has it.
        let list = wg_json(&dir, today, &["tasks", "list"]);
        let rows = rusqlite_query(&conn, "SELECT * FROM tasks ORDER BY seq");
        let by_id: BTreeMap<&str, &Json> = rows
            .iter()
            .map(|r| (r["id"].as_str().unwrap(), r))
            .collect();
        let tasks = list["tasks"].as_array().unwrap();
        assert_eq!(tasks.len(), rows.len());
        for t in tasks {
            let id = t["id"].as_str().unwrap();
            let row = by_id[id];
            for (column, field) in [
                ("title", "title"),
                ("group_id", "group"),
                ("start_date", "start"),
                ("due", "due"),
                ("next_due", "next_due"),
                ("status", "status"),
                ("done_on", "done_on"),
                ("repeat", "repeat"),
                ("done_through", "done_through"),
                ("outcome", "outcome"),
                ("days_overdue", "days_overdue"),
                ("missed", "missed"),
                ("working_days_overdue", "working_days_overdue"),
                ("warning", "warning"),
                ("original_due", "original_due"),
                ("extended_days", "extended_days"),
                ("file", "file"),
                ("line", "line"),
            ] {
                let json = t.get(field).cloned().unwrap_or(Json::Null);
                assert_eq!(
                    row[column], json,
                    "task {id}: {column} against JSON {field}"
                );
            }
            for flag in ["late", "behind_schedule"] {
                assert_eq!(
                    row[flag],
                    Json::from(i64::from(t[flag] == true)),
                    "task {id}: {flag}"
                );
            }
            assert!(
                same_number(&row["time_elapsed"], &t["time_elapsed"]),
                "task {id}: time_elapsed"
            );
            // References by id here, by name in the JSON.
            let name_of = |table: &str, column: &str| -> Json {
                match &row[column] {
                    Json::Null => Json::Null,
                    Json::String(key) => {
                        let q = format!("SELECT name FROM {table} WHERE id = ?1");
                        let name: String = conn.query_row(&q, [key], |r| r.get(0)).unwrap();
                        Json::from(name)
                    }
                    other => panic!("{column}: {other}"),
                }
            };
            assert_eq!(
                name_of("units", "lead_unit_id"),
                t["lead_unit"],
                "task {id}"
            );
            assert_eq!(name_of("people", "owner_id"), t["owner"], "task {id}");
            let units: Vec<Json> = rusqlite_query(
                &conn,
                &format!(
                    "SELECT u.name FROM task_units tu JOIN units u ON u.office_id = tu.office_id AND u.id = tu.unit_id \
                     WHERE tu.task_id = '{}' ORDER BY tu.seq",
                    id.replace('\'', "''")
                ),
            )
            .into_iter()
            .map(|r| r["name"].clone())
            .collect();
            assert_eq!(Json::from(units), t["units"], "task {id}: units");
            let targets: Vec<Json> = rusqlite_query(
                &conn,
                &format!(
                    "SELECT target FROM task_targets WHERE task_id = '{}' ORDER BY seq",
                    id.replace('\'', "''")
                ),
            )
            .into_iter()
            .map(|r| r["target"].clone())
            .collect();
            assert_eq!(Json::from(targets), t["targets"], "task {id}: targets");
            let key = id.replace('\'', "''");
            let updates = rusqlite_query(
                &conn,
                &format!(
                    "SELECT u.seq, u.dated, u.note, u.problems, u.next_steps, coalesce(bu.name, bp.name) AS by_name \
                     FROM updates u \
                     LEFT JOIN units bu ON bu.office_id = u.office_id AND bu.id = u.by_unit_id \
                     LEFT JOIN people bp ON bp.office_id = u.office_id AND bp.id = u.by_person_id \
                     WHERE u.task_id = '{key}' ORDER BY u.seq"
                ),
            );
            let want = t["updates"].as_array().unwrap();
            assert_eq!(updates.len(), want.len(), "task {id}: updates");
            for (u, w) in updates.iter().zip(want) {
                for (column, field) in [
                    ("dated", "date"),
                    ("note", "note"),
                    ("problems", "problems"),
                    ("next_steps", "next_steps"),
                    ("by_name", "by"),
                ] {
                    assert_eq!(u[column], w[field], "task {id}: update {field}");
                }
                let values = rusqlite_query(
                    &conn,
                    &format!(
                        "SELECT v.indicator_name, v.reading, i.name FROM update_values v \
                         JOIN indicators i ON i.office_id = v.office_id AND i.task_id = v.task_id AND i.seq = v.indicator_seq \
                         WHERE v.task_id = '{key}' AND v.update_seq = {} ORDER BY v.seq",
                        u["seq"]
                    ),
                );
                // (serde_json's map is sorted by key: compared by name.)
                let want = w["values"].as_object().unwrap();
                assert_eq!(values.len(), want.len(), "task {id}: values");
                for v in &values {
                    let name = v["indicator_name"].as_str().unwrap();
                    assert_eq!(v["name"], v["indicator_name"], "task {id}: indicator_seq");
                    assert!(
                        same_number(&v["reading"], &want[name]),
                        "task {id}: reading of {name}"
                    );
                }
            }
            let indicators = rusqlite_query(
                &conn,
                &format!("SELECT * FROM indicators WHERE task_id = '{key}' ORDER BY seq"),
            );
            let want = t["indicators"].as_array().unwrap();
            assert_eq!(indicators.len(), want.len(), "task {id}: indicators");
            for (i, w) in indicators.iter().zip(want) {
                for (column, field) in [("name", "name"), ("unit", "unit"), ("as_of", "as_of")] {
                    assert_eq!(i[column], w[field], "task {id}: indicator {field}");
                }
                for (column, field) in [
                    ("target", "target"),
                    ("reading", "value"),
                    ("share", "share"),
                ] {
                    assert!(
                        same_number(&i[column], &w[field]),
                        "task {id}: indicator {field}: {} against {}",
                        i[column],
                        w[field]
                    );
                }
                assert_eq!(i["met"], Json::from(i64::from(w["met"] == true)));
            }
        }
    }
}

/// Two numbers alike (50 and 50.0), or both null.
fn same_number(a: &Json, b: &Json) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a.is_null() && b.is_null(),
    }
}

/// The roster as `wg roster show --format json` gives it, from the database.
#[test]
fn the_sqlite_file_holds_the_roster_as_wg_shows_it() {
    for (dir, today) in CASES {
        let dir = data(dir);
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("wg.db");
        export(&dir, today, "sqlite", &file);
        let conn = open(&file);
        let roster = wg_json(&dir, today, &["roster", "show"]);
        let groups = roster["groups"].as_array().unwrap();
        let rows = rusqlite_query(
            &conn,
            "SELECT g.id, g.name, g.kind, g.parent_id, h.name AS host_unit, g.meets, l.name AS lead_unit \
             FROM groups g \
             LEFT JOIN units h ON h.office_id = g.office_id AND h.id = g.host_unit_id \
             LEFT JOIN units l ON l.office_id = g.office_id AND l.id = g.lead_unit_id ORDER BY g.seq",
        );
        assert_eq!(rows.len(), groups.len());
        for (g, row) in groups.iter().zip(&rows) {
            let id = g["id"].as_str().unwrap();
            for (column, field) in [
                ("id", "id"),
                ("name", "name"),
                ("kind", "kind"),
                ("parent_id", "parent"),
                ("host_unit", "host_unit"),
                ("meets", "meets"),
                ("lead_unit", "lead_unit"),
            ] {
                assert_eq!(row[column], g[field], "group {id}: {column}");
            }
            let q = |sql: &str| rusqlite_query(&conn, &sql.replace("?G", &id.replace('\'', "''")));
            let duties: Vec<Json> =
                q("SELECT duty FROM group_duties WHERE group_id = '?G' ORDER BY seq")
                    .into_iter()
                    .map(|r| r["duty"].clone())
                    .collect();
            assert_eq!(Json::from(duties), g["duties"], "group {id}: duties");
            let units: Vec<Json> = q(
                "SELECT u.name FROM group_units gu JOIN units u ON u.office_id = gu.office_id AND u.id = gu.unit_id \
                 WHERE gu.group_id = '?G' ORDER BY gu.seq",
            )
            .into_iter()
            .map(|r| r["name"].clone())
            .collect();
            assert_eq!(
                Json::from(units),
                g["member_units"],
                "group {id}: member units"
            );
            let seats = q(
                "SELECT s.role, s.executive, p.name AS person, p.title, s.role_title, p.id AS person_id \
                 FROM seats s JOIN people p ON p.office_id = s.office_id AND p.id = s.person_id \
                 WHERE s.group_id = '?G' ORDER BY s.seq",
            );
            let want = g["seats"].as_array().unwrap();
            assert_eq!(seats.len(), want.len(), "group {id}: seats");
            for (s, w) in seats.iter().zip(want) {
                for f in ["role", "person", "title", "role_title", "person_id"] {
                    assert_eq!(s[f], w[f], "group {id}: seat {f}");
                }
                assert_eq!(
                    s["executive"],
                    Json::from(i64::from(w["executive"] == true))
                );
            }
        }
    }
}

/// Text that SQL must carry (quotes, backslashes, a carriage return before a newline,
/// control characters, SQL and psql and sqlite3 syntax) comes back byte for byte, from
/// the file and from the SQL text loaded by sqlite3.
#[test]
fn awkward_text_comes_back_exactly_from_sqlite() {
    let dir = data("tests/fixtures/export");
    let today = "2026-01-15";
    let tmp = tempfile::tempdir().unwrap();
    let (sql, file, loaded) = (
        tmp.path().join("wg.sql"),
        tmp.path().join("wg.db"),
        tmp.path().join("loaded.db"),
    );
    export(&dir, today, "sql", &sql);
    export(&dir, today, "sqlite", &file);
    sqlite3_load(&loaded, &sql);
    let want = awkward_text(&dir, today);
    for db in [&file, &loaded] {
        let got = sqlite3_query(db, AWKWARD);
        assert_eq!(got, want, "{}", db.display());
        assert_eq!(rusqlite_query(&open(db), AWKWARD), want, "{}", db.display());
    }
}

/// Every text of the fixture's tasks, as one column `text` in a fixed order.
const AWKWARD: &str = "\
SELECT text FROM (
  SELECT 1 AS k, seq AS a, 0 AS b, title AS text FROM tasks
  UNION ALL SELECT 2, seq, 0, outcome FROM tasks WHERE outcome IS NOT NULL
  UNION ALL SELECT 3, t.seq, u.seq, u.note FROM updates u JOIN tasks t ON t.id = u.task_id
  UNION ALL SELECT 4, g.seq, d.seq, d.duty FROM group_duties d JOIN groups g ON g.id = d.group_id
  UNION ALL SELECT 5, 0, 0, name FROM offices
  UNION ALL SELECT 6, seq, 0, title FROM people WHERE title IS NOT NULL
) q ORDER BY k, a, b";

/// What [`AWKWARD`] must give, from wg's own JSON.
fn awkward_text(dir: &Path, today: &str) -> Vec<Json> {
    let list = wg_json(dir, today, &["tasks", "list"]);
    let mut tasks: Vec<&Json> = list["tasks"].as_array().unwrap().iter().collect();
    // File order: the database's seq.
    tasks.sort_by_key(|t| (t["file"] != "tasks.toml", t["line"].as_i64()));
    let mut out: Vec<Json> = tasks.iter().map(|t| t["title"].clone()).collect();
    out.extend(
        tasks
            .iter()
            .filter(|t| !t["outcome"].is_null())
            .map(|t| t["outcome"].clone()),
    );
    for t in &tasks {
        out.extend(
            t["updates"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["note"].clone()),
        );
    }
    let roster = wg_json(dir, today, &["roster", "show"]);
    for g in roster["groups"].as_array().unwrap() {
        out.extend(g["duties"].as_array().unwrap().iter().cloned());
    }
    out.push(Json::from("O'Brien \"市\" 总工会"));
    out.push(Json::from("副主席'); DROP TABLE tasks; --"));
    assert!(
        out.iter()
            .any(|t| t.as_str().is_some_and(|s| s.contains("\r\n"))),
        "the fixture has a CR LF"
    );
    out.into_iter()
        .map(|t| serde_json::json!({ "text": t }))
        .collect()
}

// ---------------------------------------------------------------------------------
// PostgreSQL

/// The server's connection string, or `None` (with a note) outside CI.
fn pg_server() -> Option<String> {
    match std::env::var("WG_TEST_PG") {
        Ok(s) if !s.trim().is_empty() => Some(s),
        _ if std::env::var_os("CI").is_some() => panic!(
            "CI is set but WG_TEST_PG is not: the export must be loaded into PostgreSQL in CI \
             (.ci/run starts a server and sets WG_TEST_PG)"
        ),
        _ => {
            eprintln!(
                "note: WG_TEST_PG is not set: the export is not loaded into PostgreSQL here \
                 (.ci/run starts a server and sets it)"
            );
            None
        }
    }
}

/// A fresh database on the test server, dropped at the end.
struct Pg {
    server: String,
    name: String,
}

static DATABASES: AtomicUsize = AtomicUsize::new(0);

impl Pg {
    fn new(server: &str) -> Pg {
        let name = format!(
            "wg_test_{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::SeqCst)
        );
        psql(
            server,
            &[
                "-c",
                &format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'"),
            ],
        );
        Pg {
            server: server.to_owned(),
            name,
        }
    }

    /// A new database holding `wg export --format sql` of `dir` as of `today`.
    fn with_export(server: &str, dir: &Path, today: &str) -> Pg {
        let tmp = tempfile::tempdir().unwrap();
        let sql = tmp.path().join("wg.sql");
        export(dir, today, "sql", &sql);
        let pg = Pg::new(server);
        pg.load(&sql);
        pg
    }

    fn conn(&self) -> String {
        // In a connection string the last setting of a keyword wins.
        format!("{} dbname={}", self.server, self.name)
    }

    fn load(&self, sql: &Path) {
        psql(&self.conn(), &["-f", sql.to_str().unwrap()]);
    }

    /// Rows as JSON objects (PostgreSQL's own `json_agg`).
    fn query(&self, sql: &str) -> Vec<Json> {
        let q = format!("SELECT coalesce(json_agg(q), '[]') FROM ({sql}) q");
        let text = psql(&self.conn(), &["-At", "-c", &q]);
        serde_json::from_str(&text).unwrap()
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args(["-X", "-q", "-d", &self.server, "-c"])
            .arg(format!("DROP DATABASE IF EXISTS {}", self.name))
            .output();
    }
}

/// `psql -X -q -v ON_ERROR_STOP=1 -d CONN ARGS`: must succeed without a word on stderr.
fn psql(conn: &str, args: &[&str]) -> String {
    let out = Command::new("psql")
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conn])
        .args(args)
        .env("PGOPTIONS", "-c client_min_messages=warning")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("psql runs (Debian: apt-get install postgresql-client): {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "psql {args:?} on {conn}: {stderr}"
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_overdue_view_in_postgresql_lists_what_wg_tasks_overdue_lists() {
    let Some(server) = pg_server() else { return };
    for (dir, today) in CASES {
        let dir = data(dir);
        let want = expected(&dir, today);
        let tmp = tempfile::tempdir().unwrap();
        let sql = tmp.path().join("wg.sql");
        export(&dir, today, "sql", &sql);
        let pg = Pg::new(&server);
        pg.load(&sql);
        let what = format!("PostgreSQL ({}, {today})", dir.display());
        check_against_wg(&what, &want, &mut |q| pg.query(q));
        pg.load(&sql);
        check_against_wg(&format!("{what}, loaded twice"), &want, &mut |q| {
            pg.query(q)
        });
    }
}

#[test]
fn awkward_text_comes_back_exactly_from_postgresql() {
    let Some(server) = pg_server() else { return };
    let dir = data("tests/fixtures/export");
    let today = "2026-01-15";
    let pg = Pg::with_export(&server, &dir, today);
    // json_agg keeps the subquery's order.
    assert_eq!(pg.query(AWKWARD), awkward_text(&dir, today));
    // Types as declared: dates are dates, booleans booleans, numbers numbers.
    let row = pg.query(
        "SELECT pg_typeof(due)::text AS due, pg_typeof(late)::text AS late, \
         pg_typeof(days_overdue)::text AS days, late AS late_value, days_overdue \
         FROM tasks WHERE id = 'Q-1'",
    );
    assert_eq!(
        row,
        [
            serde_json::json!({"due": "date", "late": "boolean", "days": "integer",
            "late_value": false, "days_overdue": 15})
        ]
    );
}

/// A roll-up's export loads into PostgreSQL too, each row with its office: the offices
/// table names both, and the overdue view lists, office by office, what `wg tasks
/// overdue` lists on the roll-up (its ids qualified by the office).
#[test]
fn a_rollups_export_loads_into_postgresql_with_every_office() {
    let Some(server) = pg_server() else { return };
    let dir = data("examples/rollup/province");
    let today = "2022-01-10";
    let pg = Pg::with_export(&server, &dir, today);
    let column = |rows: Vec<Json>, key: &str| -> Vec<String> {
        rows.iter()
            .map(|r| r[key].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        column(pg.query("SELECT id FROM offices ORDER BY id"), "id"),
        ["nanjing", "suzhou"]
    );
    let mut in_db = column(
        pg.query("SELECT office_id || ':' || id AS id FROM overdue"),
        "id",
    );
    in_db.sort();
    let mut in_wg = ids_of(&wg_json(&dir, today, &["tasks", "overdue"]));
    in_wg.sort();
    assert!(!in_wg.is_empty());
    assert_eq!(in_db, in_wg);
    // Every task of every office, as many as the roll-up lists.
    let all = wg_json(&dir, today, &["tasks", "list"])["tasks"]
        .as_array()
        .unwrap()
        .len();
    let count = pg.query("SELECT count(*) AS n FROM tasks");
    assert_eq!(count[0]["n"].as_u64(), Some(all as u64));
}

/// No name needs quoting in PostgreSQL: none is one of its reserved key words (but
/// `groups`, which SPEC §6 names and PostgreSQL does not reserve).
#[test]
fn no_name_is_reserved_in_postgresql() {
    let Some(server) = pg_server() else { return };
    let pg = Pg::new(&server);
    let reserved: Vec<String> = pg
        .query("SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T')")
        .iter()
        .map(|r| r["word"].as_str().unwrap().to_owned())
        .collect();
    assert!(reserved.contains(&"from".to_owned()));
    for name in names() {
        assert!(
            !reserved.contains(&name),
            "{name} is reserved in PostgreSQL"
        );
    }
}

// ---------------------------------------------------------------------------------
// Names, README, the file itself

/// Every table, column and view name.
fn names() -> Vec<String> {
    let mut out = vec![wg::export::schema::OVERDUE.to_owned()];
    for t in wg::export::schema::TABLES {
        out.push(t.name.to_owned());
        out.extend(t.columns.iter().map(|c| c.name.to_owned()));
    }
    out
}

/// No table or column is named with a reserved word of SQL:2016 (the list PostgreSQL's
/// documentation gives, appendix C), so no query anywhere needs quotes: `group_id`, not
/// `group`; `dated`, not `date`. `groups` is the one exception, named by SPEC §6 and
/// accepted unquoted by PostgreSQL and SQLite (the loads above prove it).
#[test]
fn no_name_is_an_sql_reserved_word() {
    let reserved: Vec<&str> = SQL2016_RESERVED.split_whitespace().collect();
    assert!(reserved.contains(&"DATE") && reserved.contains(&"VALUE"));
    for name in names() {
        let upper = name.to_uppercase();
        if name == "groups" {
            continue;
        }
        assert!(
            !reserved.contains(&upper.as_str()),
            "{name} is an SQL:2016 reserved word"
        );
    }
}

/// SQL:2016's reserved words.
const SQL2016_RESERVED: &str = "
ABS ABSENT ACOS ALL ALLOCATE ALTER AND ANY ARE ARRAY ARRAY_AGG ARRAY_MAX_CARDINALITY AS
ASENSITIVE ASIN ASYMMETRIC AT ATAN ATOMIC AUTHORIZATION AVG BEGIN BEGIN_FRAME
BEGIN_PARTITION BETWEEN BIGINT BINARY BLOB BOOLEAN BOTH BY CALL CALLED CARDINALITY
CASCADED CASE CAST CEIL CEILING CHAR CHAR_LENGTH CHARACTER CHARACTER_LENGTH CHECK
CLASSIFIER CLOB CLOSE COALESCE COLLATE COLLECT COLUMN COMMIT CONDITION CONNECT CONSTRAINT
CONTAINS CONVERT COPY CORR CORRESPONDING COS COSH COUNT COVAR_POP COVAR_SAMP CREATE CROSS
CUBE CUME_DIST CURRENT CURRENT_CATALOG CURRENT_DATE CURRENT_DEFAULT_TRANSFORM_GROUP
CURRENT_PATH CURRENT_ROLE CURRENT_ROW CURRENT_SCHEMA CURRENT_TIME CURRENT_TIMESTAMP
CURRENT_TRANSFORM_GROUP_FOR_TYPE CURRENT_USER CURSOR CYCLE DATE DAY DEALLOCATE DEC DECIMAL
DECFLOAT DECLARE DEFAULT DEFINE DELETE DENSE_RANK DEREF DESCRIBE DETERMINISTIC DISCONNECT
DISTINCT DOUBLE DROP DYNAMIC EACH ELEMENT ELSE EMPTY END END_FRAME END_PARTITION END-EXEC
EQUALS ESCAPE EVERY EXCEPT EXEC EXECUTE EXISTS EXP EXTERNAL EXTRACT FALSE FETCH FILTER
FIRST_VALUE FLOAT FLOOR FOR FOREIGN FRAME_ROW FREE FROM FULL FUNCTION FUSION GET GLOBAL
GRANT GROUP GROUPING GROUPS HAVING HOLD HOUR IDENTITY IN INDICATOR INITIAL INNER INOUT
INSENSITIVE INSERT INT INTEGER INTERSECT INTERSECTION INTERVAL INTO IS JOIN JSON_ARRAY
JSON_ARRAYAGG JSON_EXISTS JSON_OBJECT JSON_OBJECTAGG JSON_QUERY JSON_TABLE
JSON_TABLE_PRIMITIVE JSON_VALUE LAG LANGUAGE LARGE LAST_VALUE LATERAL LEAD LEADING LEFT
LIKE LIKE_REGEX LISTAGG LN LOCAL LOCALTIME LOCALTIMESTAMP LOG LOG10 LOWER MATCH
MATCH_NUMBER MATCH_RECOGNIZE MATCHES MAX MEASURES MEMBER MERGE METHOD MIN MINUTE MOD
MODIFIES MODULE MONTH MULTISET NATIONAL NATURAL NCHAR NCLOB NEW NO NONE NORMALIZE NOT
NTH_VALUE NTILE NULL NULLIF NUMERIC OCTET_LENGTH OCCURRENCES_REGEX OF OFFSET OLD OMIT ON
ONE ONLY OPEN OR ORDER OUT OUTER OVER OVERLAPS OVERLAY PARAMETER PARTITION PATTERN PER
PERCENT PERCENT_RANK PERCENTILE_CONT PERCENTILE_DISC PERIOD PERMUTE PORTION POSITION
POSITION_REGEX POWER PRECEDES PRECISION PREPARE PRIMARY PROCEDURE PTF RANGE RANK READS REAL
RECURSIVE REF REFERENCES REFERENCING REGR_AVGX REGR_AVGY REGR_COUNT REGR_INTERCEPT REGR_R2
REGR_SLOPE REGR_SXX REGR_SXY REGR_SYY RELEASE RESULT RETURN RETURNS REVOKE RIGHT ROLLBACK
ROLLUP ROW ROW_NUMBER ROWS RUNNING SAVEPOINT SCOPE SCROLL SEARCH SECOND SEEK SELECT
SENSITIVE SESSION_USER SET SHOW SIMILAR SIN SINH SKIP SMALLINT SOME SPECIFIC SPECIFICTYPE
SQL SQLEXCEPTION SQLSTATE SQLWARNING SQRT START STATIC STDDEV_POP STDDEV_SAMP SUBMULTISET
SUBSET SUBSTRING SUBSTRING_REGEX SUCCEEDS SUM SYMMETRIC SYSTEM SYSTEM_TIME SYSTEM_USER
TABLE TABLESAMPLE TAN TANH THEN TIME TIMESTAMP TIMEZONE_HOUR TIMEZONE_MINUTE TO TRAILING
TRANSLATE TRANSLATE_REGEX TRANSLATION TREAT TRIGGER TRIM TRIM_ARRAY TRUE TRUNCATE UESCAPE
UNION UNIQUE UNKNOWN UNMATCHED UNNEST UPDATE UPPER USER USING VALUE VALUES VALUE_OF VAR_POP
VAR_SAMP VARBINARY VARCHAR VARYING VERSIONING WHEN WHENEVER WHERE WIDTH_BUCKET WINDOW WITH
WITHIN WITHOUT YEAR
";

/// README's table of the schema, made from the schema itself.
fn schema_markdown() -> String {
    use wg::export::schema::TABLES;
    let mut out = String::from(
        "| table | one row per | columns (key in bold; → the table a column refers to) |\n|---|---|---|\n",
    );
    for t in TABLES {
        let cols: Vec<String> = t
            .columns
            .iter()
            .map(|c| {
                let name = if t.key.contains(&c.name) {
                    format!("**{}**", c.name)
                } else {
                    c.name.to_owned()
                };
                let to = t
                    .references
                    .iter()
                    .find(|r| r.columns.last() == Some(&c.name) && c.name != "office_id")
                    .map(|r| format!(" → {}", r.table))
                    .unwrap_or_default();
                format!("{name}{to}")
            })
            .collect();
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            t.name,
            t.doc,
            cols.join(", ")
        ));
    }
    out.push_str("\n| `tasks` column | type | holds |\n|---|---|---|\n");
    for c in wg::export::schema::TASKS.columns {
        let ty = if c.required {
            format!("{} NOT NULL", c.ty.sql())
        } else {
            c.ty.sql().to_owned()
        };
        out.push_str(&format!("| `{}` | {ty} | {} |\n", c.name, c.doc));
    }
    out
}

#[test]
fn readme_shows_the_schema_the_export_writes() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let want = schema_markdown();
    assert!(
        readme.contains(&want),
        "README.md must hold the schema's tables as they are now; put this in its \"Export\" section:\n\n{want}"
    );
}

#[test]
fn the_same_data_exports_the_same_bytes() {
    let dir = data("tests/fixtures/export");
    let tmp = tempfile::tempdir().unwrap();
    for format in ["sql", "sqlite"] {
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        export(&dir, "2026-01-15", format, &a);
        export(&dir, "2026-01-15", format, &b);
        assert_eq!(
            std::fs::read(&a).unwrap(),
            std::fs::read(&b).unwrap(),
            "{format}"
        );
    }
}

#[test]
fn exporting_again_replaces_the_whole_file() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    for (format, name) in [("sqlite", "wg.db"), ("sql", "wg.sql")] {
        let copy = copy_dir(&data("tests/fixtures/export"));
        let file = tmp.path().join(name);
        // Something longer than the export was there: nothing of it may be left.
        std::fs::write(&file, vec![b'x'; 4 << 20]).unwrap();
        export(copy.path(), "2026-01-15", format, &file);
        let first = std::fs::metadata(&file).unwrap();
        assert!(first.len() < 4 << 20, "{format}: the old bytes are gone");
        let done = run(wg().arg("--data").arg(copy.path()).args([
            "--today",
            "2026-01-15",
            "tasks",
            "done",
            "L-1",
        ]));
        assert_eq!(done.code, 0, "{}", done.stderr);
        export(copy.path(), "2026-01-15", format, &file);
        let second = std::fs::metadata(&file).unwrap();
        assert_ne!(
            first.ino(),
            second.ino(),
            "{format}: written beside and renamed"
        );
        let db = if format == "sqlite" {
            file.clone()
        } else {
            let db = tmp.path().join("loaded.db");
            sqlite3_load(&db, &file);
            db
        };
        let status = sqlite3_query(&db, "SELECT status FROM tasks WHERE id = 'L-1'");
        assert_eq!(status, [serde_json::json!({"status": "done"})], "{format}");
    }
    let mut left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["loaded.db", "wg.db", "wg.sql"],
        "no temporary file is left"
    );
}

/// `wg` as a user whom a directory's mode stops: as root, `nobody` (None where that
/// cannot be done here).
fn wg_stopped_by_modes(cwd: &Path) -> Option<assert_cmd::Command> {
    if crate::common::is_root() {
        wg_as_nobody_in(cwd)
    } else {
        Some(wg_in(cwd))
    }
}

#[test]
fn an_out_directory_that_cannot_be_written_is_exit_2_and_nothing_is_written() {
    use std::os::unix::fs::PermissionsExt;
    let fixture = data("tests/fixtures/export");
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-dir").join("wg.db");
    let o = run(wg()
        .arg("--data")
        .arg(&fixture)
        .args(["--lang", "en", "export", "--out"])
        .arg(&missing));
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("does not exist"), "{}", o.stderr);
    assert_eq!(o.stdout, "");

    // A directory its user may not write to; the data in a copy that user may read.
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = tmp.path().join("data");
    crate::common::copy_into(&fixture, &data);
    let locked = tmp.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    for format in ["sqlite", "sql"] {
        let Some(mut cmd) = wg_stopped_by_modes(tmp.path()) else {
            eprintln!("note: cannot run wg as nobody here; the read-only directory is not tried");
            return;
        };
        let o = run(cmd
            .arg("--data")
            .arg(&data)
            .args([
                "--today",
                "2026-01-15",
                "--lang",
                "en",
                "export",
                "--format",
                format,
            ])
            .arg("--out")
            .arg(locked.join("wg.out")));
        assert_eq!(o.code, 2, "{format}: {}", o.stderr);
        assert!(o.stderr.contains("cannot write"), "{}", o.stderr);
        assert_eq!(o.stdout, "");
        assert!(
            std::fs::read_dir(&locked).unwrap().next().is_none(),
            "nothing written"
        );
    }
}

/// `--out -`: SQL text to stdout; an SQLite file too when stdout is a pipe, never when
/// it is a terminal (there, the database's bytes would be garbage on the screen).
#[test]
fn out_dash_writes_to_stdout_but_not_a_database_to_a_terminal() {
    let fixture = data("tests/fixtures/export");
    let sql = run(wg().arg("--data").arg(&fixture).args([
        "--today",
        "2026-01-15",
        "export",
        "--out",
        "-",
    ]));
    assert_eq!(sql.code, 0, "{}", sql.stderr);
    assert!(sql.stdout.contains("CREATE VIEW overdue AS"));
    let db = wg()
        .arg("--data")
        .arg(&fixture)
        .args([
            "--today",
            "2026-01-15",
            "export",
            "--format",
            "sqlite",
            "--out",
            "-",
        ])
        .output()
        .unwrap();
    assert_eq!(db.status.code(), Some(0));
    assert!(db.stdout.starts_with(b"SQLite format 3\0"));

    let wg_bin = assert_cmd::cargo::cargo_bin("wg");
    let out = Command::new("script")
        .args(["-q", "-e", "-c"])
        .arg(format!(
            "'{}' --data '{}' --lang en export --format sqlite --out -",
            wg_bin.display(),
            fixture.display()
        ))
        .arg("/dev/null")
        .env("SHELL", "/bin/sh")
        .env_remove("WG_DATA")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("this test needs script(1) from util-linux, to run wg on a terminal");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("not written to a terminal"), "{text}");
    assert!(!text.contains("SQLite format 3"), "{text}");

    // Nor to the terminal named as a file, with stdout a pipe.
    let out = Command::new("script")
        .args(["-q", "-e", "-c"])
        .arg(format!(
            "'{}' --data '{}' --lang en export --format sqlite --out /dev/tty > /dev/null",
            wg_bin.display(),
            fixture.display()
        ))
        .arg("/dev/null")
        .env("SHELL", "/bin/sh")
        .env_remove("WG_DATA")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("not written to a terminal"), "{text}");
}

/// Without --format, a name ending in .sql gets SQL text and any other an SQLite file.
#[test]
fn the_format_follows_the_file_name_when_not_given() {
    let fixture = data("tests/fixtures/export");
    let tmp = tempfile::tempdir().unwrap();
    for (name, head) in [
        ("wg.SQL", &b"-- wg export"[..]),
        ("wg.db", &b"SQLite format 3\0"[..]),
        ("wg", &b"SQLite format 3\0"[..]),
    ] {
        let file = tmp.path().join(name);
        let o = run(wg()
            .arg("--data")
            .arg(&fixture)
            .args(["export", "--out"])
            .arg(&file));
        assert_eq!(o.code, 0, "{}", o.stderr);
        assert!(std::fs::read(&file).unwrap().starts_with(head), "{name}");
    }
    let o = run(wg()
        .arg("--data")
        .arg(&fixture)
        .args(["--lang", "en", "export", "--format", "json", "--out", "x"]));
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr,
        "error: `export` cannot print json; choose --format sqlite, sql\n"
    );
}
