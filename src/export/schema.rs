//! The database `wg export` writes, declared once: every table with its columns, types,
//! key and references, and the `overdue` view. Both writers (SQL text and the SQLite
//! file) take their `CREATE` statements from here, and the rows are checked against it,
//! so the two cannot drift apart.
//!
//! Names: no table or column is a reserved word of SQL:2016, PostgreSQL or SQLite (but
//! `groups`, which SPEC §6 names and which both databases accept unquoted), so that no
//! query needs quotes. Where a JSON field's name is one, the column is renamed: `group`
//! is `group_id`, `from` is `issuer`, a holiday's `from`/`to` are `date_from`/`date_to`,
//! an indicator's `value` is `reading`, `date` is `dated`, a task's `start` is
//! `start_date`, a meeting's `time` is `start_time`. A column holding another row's id
//! ends in `_id` (`lead_unit_id`, `owner_id`); a list's order is its `seq`, from 1.

/// A column's type, as both PostgreSQL and SQLite take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text,
    Integer,
    /// A float: `DOUBLE PRECISION` (PostgreSQL's `REAL` has only 24 bits).
    Real,
    /// `DATE`: a date in PostgreSQL, the text `YYYY-MM-DD` in SQLite.
    Date,
    /// `BOOLEAN`: PostgreSQL's type; SQLite stores `TRUE`/`FALSE` as 1/0.
    Boolean,
}

impl Type {
    pub fn sql(self) -> &'static str {
        match self {
            Type::Text => "TEXT",
            Type::Integer => "INTEGER",
            Type::Real => "DOUBLE PRECISION",
            Type::Date => "DATE",
            Type::Boolean => "BOOLEAN",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub ty: Type,
    /// `NOT NULL`.
    pub required: bool,
    /// What it holds, for README's schema table.
    pub doc: &'static str,
}

/// A foreign key: `columns` of this table name a row of `table` by its key `to`.
#[derive(Debug, Clone, Copy)]
pub struct Reference {
    pub columns: &'static [&'static str],
    pub table: &'static str,
    pub to: &'static [&'static str],
}

#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    /// One line, for README.
    pub doc: &'static str,
    pub columns: &'static [Column],
    /// The primary key.
    pub key: &'static [&'static str],
    pub references: &'static [Reference],
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// `CREATE TABLE …;`, one column a line. Foreign keys are deferred to the commit,
    /// so rows may come in any order (a group before its parent).
    pub fn create_sql(&self) -> String {
        let mut lines: Vec<String> = self
            .columns
            .iter()
            .map(|c| {
                let null = if c.required { " NOT NULL" } else { "" };
                format!("  {} {}{null}", c.name, c.ty.sql())
            })
            .collect();
        lines.push(format!("  PRIMARY KEY ({})", self.key.join(", ")));
        for r in self.references {
            lines.push(format!(
                "  FOREIGN KEY ({}) REFERENCES {} ({}) DEFERRABLE INITIALLY DEFERRED",
                r.columns.join(", "),
                r.table,
                r.to.join(", ")
            ));
        }
        format!("CREATE TABLE {} (\n{}\n);\n", self.name, lines.join(",\n"))
    }

    /// `INSERT INTO t (a, b) VALUES`: the head of an insert of every column.
    pub fn insert_head(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|c| c.name).collect();
        format!("INSERT INTO {} ({}) VALUES", self.name, names.join(", "))
    }
}

const fn col(name: &'static str, ty: Type, doc: &'static str) -> Column {
    Column {
        name,
        ty,
        required: true,
        doc,
    }
}

const fn opt(name: &'static str, ty: Type, doc: &'static str) -> Column {
    Column {
        name,
        ty,
        required: false,
        doc,
    }
}

use Type::{Boolean, Date, Integer, Real, Text};

const OFFICE_ID: Column = col(
    "office_id",
    Text,
    "the office the row belongs to (`offices.id`)",
);
const SEQ: Column = col("seq", Integer, "the place in its list, from 1");

const fn office() -> Reference {
    Reference {
        columns: &["office_id"],
        table: "offices",
        to: &["id"],
    }
}

/// `columns` (the office's id, then the row's) name a row of `table`, by its key
/// `(office_id, id)`.
const fn refers(columns: &'static [&'static str], table: &'static str) -> Reference {
    Reference {
        columns,
        table,
        to: &["office_id", "id"],
    }
}

pub const OFFICES: Table = Table {
    name: "offices",
    doc: "the office (one row; a roll-up has one per office), and the as-of date of the computed columns",
    columns: &[
        col(
            "id",
            Text,
            "`local` for one office's data; in a roll-up, the office's id",
        ),
        col("name", Text, "the org's `name`"),
        opt("short_name", Text, ""),
        opt("timezone", Text, "an IANA zone"),
        col("lang", Text, "`zh` or `en`"),
        col(
            "as_of",
            Date,
            "the export's `--today`: the day the computed columns of `tasks` are as of",
        ),
        col(
            "yellow_days",
            Integer,
            "`[org.warnings]` as in force (defaults filled in): yellow within this many days",
        ),
        opt(
            "blue_days",
            Integer,
            "blue within this many days; null: no blue",
        ),
        col("behind_schedule", Boolean, "the behind-schedule rule is on"),
    ],
    key: &["id"],
    references: &[],
};

pub const UNITS: Table = Table {
    name: "units",
    doc: "`[[units]]`",
    columns: &[
        OFFICE_ID,
        col("id", Text, "its `id`, else its name"),
        col("seq", Integer, "file order, from 1"),
        col("name", Text, "the canonical name"),
        col(
            "kind",
            Text,
            "`department`, `industry-union`, `affiliate` or `external`",
        ),
    ],
    key: &["office_id", "id"],
    references: &[office()],
};

pub const UNIT_ALIASES: Table = Table {
    name: "unit_aliases",
    doc: "a unit's other spellings",
    columns: &[
        OFFICE_ID,
        col("unit_id", Text, ""),
        SEQ,
        col("alias", Text, ""),
    ],
    key: &["office_id", "unit_id", "seq"],
    references: &[refers(&["office_id", "unit_id"], "units")],
};

pub const PEOPLE: Table = Table {
    name: "people",
    doc: "`[[people]]`",
    columns: &[
        OFFICE_ID,
        col("id", Text, "its `id`, else its name"),
        col("seq", Integer, "file order, from 1"),
        col("name", Text, "the canonical name (\"张 柯\" is 张柯)"),
        opt("title", Text, ""),
        opt("unit_id", Text, ""),
        opt("email", Text, ""),
    ],
    key: &["office_id", "id"],
    references: &[office(), refers(&["office_id", "unit_id"], "units")],
};

pub const GROUPS: Table = Table {
    name: "groups",
    doc: "`[[groups]]`",
    columns: &[
        OFFICE_ID,
        col("id", Text, ""),
        col("seq", Integer, "file order, from 1"),
        col("name", Text, ""),
        opt("short_name", Text, "for narrow table columns"),
        col("kind", Text, "`leading`, `office` or `special`"),
        opt("parent_id", Text, "the parent group"),
        opt("host_unit_id", Text, ""),
        col("meets", Text, "`quarterly`, `monthly` or `as-needed`"),
        opt("lead_unit_id", Text, "牵头单位"),
        opt(
            "role_title_leader",
            Text,
            "`role_titles` as written (null: the default)",
        ),
        opt("role_title_deputy", Text, ""),
        opt("role_title_executive_deputy", Text, ""),
        opt("role_title_member", Text, ""),
    ],
    key: &["office_id", "id"],
    references: &[
        office(),
        refers(&["office_id", "parent_id"], "groups"),
        refers(&["office_id", "host_unit_id"], "units"),
        refers(&["office_id", "lead_unit_id"], "units"),
    ],
};

pub const GROUP_UNITS: Table = Table {
    name: "group_units",
    doc: "a group's member units (成员单位)",
    columns: &[
        OFFICE_ID,
        col("group_id", Text, ""),
        SEQ,
        col("unit_id", Text, ""),
    ],
    key: &["office_id", "group_id", "seq"],
    references: &[
        refers(&["office_id", "group_id"], "groups"),
        refers(&["office_id", "unit_id"], "units"),
    ],
};

pub const GROUP_DUTIES: Table = Table {
    name: "group_duties",
    doc: "a group's duties (主要职责)",
    columns: &[
        OFFICE_ID,
        col("group_id", Text, ""),
        SEQ,
        col("duty", Text, ""),
    ],
    key: &["office_id", "group_id", "seq"],
    references: &[refers(&["office_id", "group_id"], "groups")],
};

pub const SEATS: Table = Table {
    name: "seats",
    doc: "who sits in which group: leader, deputies, members, in that order",
    columns: &[
        OFFICE_ID,
        col("group_id", Text, ""),
        col("seq", Integer, "leader first, then deputies, then members"),
        col("role", Text, "`leader`, `deputy` or `member`"),
        col("executive", Boolean, "the executive deputy (常务)"),
        col("person_id", Text, ""),
        col(
            "role_title",
            Text,
            "the seat's title as `wg roster show` gives it (组长, 主任, …), in `--lang`",
        ),
    ],
    key: &["office_id", "group_id", "person_id"],
    references: &[
        refers(&["office_id", "group_id"], "groups"),
        refers(&["office_id", "person_id"], "people"),
    ],
};

pub const TASKS: Table = Table {
    name: "tasks",
    doc: "`[[tasks]]`, with what the as-of date makes of each",
    columns: &[
        OFFICE_ID,
        col("id", Text, ""),
        col(
            "seq",
            Integer,
            "file order (`tasks.toml`, then `tasks/*.toml`), from 1",
        ),
        col("title", Text, ""),
        col("group_id", Text, "the owning group"),
        opt("lead_unit_id", Text, "its own lead unit, else its group's"),
        opt("owner_id", Text, ""),
        opt("start_date", Date, "`start`"),
        opt(
            "due",
            Date,
            "as written (a repeating task: its first occurrence)",
        ),
        opt(
            "original_due",
            Date,
            "the due date before the first extension (延期)",
        ),
        col(
            "status",
            Text,
            "`todo`, `in-progress`, `blocked`, `done` or `cancelled`",
        ),
        opt("done_on", Date, ""),
        opt("repeat", Text, "`monthly`, `quarterly` or `yearly`"),
        opt("done_through", Date, ""),
        opt("outcome", Text, "the outcome requirement (成效要求)"),
        opt(
            "next_due",
            Date,
            "computed: the first occurrence not yet done",
        ),
        opt(
            "days_overdue",
            Integer,
            "computed: days since the oldest missed due date; null when not overdue",
        ),
        opt(
            "missed",
            Integer,
            "computed: missed occurrences of a repeating task; null when it does not repeat",
        ),
        opt(
            "working_days_overdue",
            Integer,
            "computed, with a calendar: working days overdue",
        ),
        opt(
            "warning",
            Text,
            "computed: `red`, `yellow`, `blue`, `green`; null when closed",
        ),
        col("late", Boolean, "computed: done after its due date"),
        opt(
            "extended_days",
            Integer,
            "computed: days the deadline was moved (`due - original_due`); null when not extended",
        ),
        col(
            "behind_schedule",
            Boolean,
            "computed: open, and the time elapsed is ahead of an indicator's share by over 20 points",
        ),
        opt(
            "time_elapsed",
            Real,
            "computed: the share of the time from `start` to `due` gone, 0 to 1 (3 decimals)",
        ),
        opt(
            "overdue_rank",
            Integer,
            "computed: the place in `wg tasks overdue` (most overdue first, ties by id), from 1",
        ),
        col(
            "file",
            Text,
            "the file it is written in, relative to the data directory",
        ),
        col("line", Integer, "the line of its `[[tasks]]`"),
    ],
    key: &["office_id", "id"],
    references: &[
        office(),
        refers(&["office_id", "group_id"], "groups"),
        refers(&["office_id", "lead_unit_id"], "units"),
        refers(&["office_id", "owner_id"], "people"),
    ],
};

pub const TASK_UNITS: Table = Table {
    name: "task_units",
    doc: "a task's supporting units (`units`)",
    columns: &[
        OFFICE_ID,
        col("task_id", Text, ""),
        SEQ,
        col("unit_id", Text, ""),
    ],
    key: &["office_id", "task_id", "seq"],
    references: &[
        refers(&["office_id", "task_id"], "tasks"),
        refers(&["office_id", "unit_id"], "units"),
    ],
};

pub const TASK_TARGETS: Table = Table {
    name: "task_targets",
    doc: "the worker groups a task serves (`targets`)",
    columns: &[
        OFFICE_ID,
        col("task_id", Text, ""),
        SEQ,
        col("target", Text, ""),
    ],
    key: &["office_id", "task_id", "seq"],
    references: &[refers(&["office_id", "task_id"], "tasks")],
};

pub const INDICATORS: Table = Table {
    name: "indicators",
    doc: "`[[tasks.indicators]]`, with the latest reading as of the as-of date",
    columns: &[
        OFFICE_ID,
        col("task_id", Text, ""),
        SEQ,
        col("name", Text, ""),
        col("target", Real, ""),
        opt("unit", Text, "the unit of measure (家, 人)"),
        opt(
            "reading",
            Real,
            "computed: the latest reading on or before the as-of date (`value` in JSON)",
        ),
        opt("as_of", Date, "computed: the date of that reading"),
        col(
            "share",
            Real,
            "computed: reading / target to 3 decimals, 0 before the first reading",
        ),
        col("met", Boolean, "computed: the reading reaches the target"),
    ],
    key: &["office_id", "task_id", "seq"],
    references: &[refers(&["office_id", "task_id"], "tasks")],
};

pub const UPDATES: Table = Table {
    name: "updates",
    doc: "`[[tasks.updates]]`: progress notes, oldest first",
    columns: &[
        OFFICE_ID,
        col("task_id", Text, ""),
        SEQ,
        col("dated", Date, "`date`"),
        col("note", Text, "进展情况"),
        opt("problems", Text, "存在问题"),
        opt("next_steps", Text, "下一步措施"),
        opt("by_unit_id", Text, "`by`, when it names a unit"),
        opt("by_person_id", Text, "`by`, when it names a person"),
    ],
    key: &["office_id", "task_id", "seq"],
    references: &[
        refers(&["office_id", "task_id"], "tasks"),
        refers(&["office_id", "by_unit_id"], "units"),
        refers(&["office_id", "by_person_id"], "people"),
    ],
};

pub const UPDATE_VALUES: Table = Table {
    name: "update_values",
    doc: "the indicator readings an update gives (`values`)",
    columns: &[
        OFFICE_ID,
        col("task_id", Text, ""),
        col("update_seq", Integer, "the update's `seq`"),
        SEQ,
        col("indicator_seq", Integer, "the indicator's `seq`"),
        col("indicator_name", Text, "the indicator's `name`"),
        col("reading", Real, "`values`: the reading"),
    ],
    key: &["office_id", "task_id", "update_seq", "seq"],
    references: &[
        Reference {
            columns: &["office_id", "task_id", "update_seq"],
            table: "updates",
            to: &["office_id", "task_id", "seq"],
        },
        Reference {
            columns: &["office_id", "task_id", "indicator_seq"],
            table: "indicators",
            to: &["office_id", "task_id", "seq"],
        },
    ],
};

pub const MEETINGS: Table = Table {
    name: "meetings",
    doc: "`[[meetings]]`, planned or held",
    columns: &[
        OFFICE_ID,
        col("seq", Integer, "file order, from 1: the meeting's key"),
        col("group_id", Text, ""),
        col("dated", Date, "`date`"),
        opt("start_time", Text, "`time`, HH:MM"),
        opt("title", Text, ""),
        opt("location", Text, ""),
    ],
    key: &["office_id", "seq"],
    references: &[office(), refers(&["office_id", "group_id"], "groups")],
};

const MEETING: Reference = Reference {
    columns: &["office_id", "meeting_seq"],
    table: "meetings",
    to: &["office_id", "seq"],
};

pub const MEETING_ITEMS: Table = Table {
    name: "meeting_items",
    doc: "a meeting's extra agenda items (`items`)",
    columns: &[
        OFFICE_ID,
        col("meeting_seq", Integer, "the meeting's `seq`"),
        SEQ,
        col("item", Text, ""),
    ],
    key: &["office_id", "meeting_seq", "seq"],
    references: &[MEETING],
};

pub const DECISIONS: Table = Table {
    name: "decisions",
    doc: "`[[meetings.decisions]]`: what a meeting decided (议定事项)",
    columns: &[
        OFFICE_ID,
        col("meeting_seq", Integer, "the meeting's `seq`"),
        SEQ,
        col("text", Text, ""),
        opt("group_id", Text, "the group that will own its task"),
        opt("lead_unit_id", Text, ""),
        opt("owner_id", Text, ""),
        opt("due", Date, ""),
        opt("task_id", Text, "the task that tracks it"),
    ],
    key: &["office_id", "meeting_seq", "seq"],
    references: &[
        MEETING,
        refers(&["office_id", "group_id"], "groups"),
        refers(&["office_id", "lead_unit_id"], "units"),
        refers(&["office_id", "owner_id"], "people"),
    ],
};

pub const DECISION_UNITS: Table = Table {
    name: "decision_units",
    doc: "a decision's supporting units (`units`)",
    columns: &[
        OFFICE_ID,
        col("meeting_seq", Integer, ""),
        col("decision_seq", Integer, "the decision's `seq`"),
        SEQ,
        col("unit_id", Text, ""),
    ],
    key: &["office_id", "meeting_seq", "decision_seq", "seq"],
    references: &[
        Reference {
            columns: &["office_id", "meeting_seq", "decision_seq"],
            table: "decisions",
            to: &["office_id", "meeting_seq", "seq"],
        },
        refers(&["office_id", "unit_id"], "units"),
    ],
};

pub const DIRECTIVES: Table = Table {
    name: "directives",
    doc: "`[[directives]]`: instructions from above (传达学习)",
    columns: &[
        OFFICE_ID,
        col("seq", Integer, "file order, from 1"),
        col("title", Text, ""),
        opt("issuer", Text, "`from`"),
        col("dated", Date, "`date`: received or issued"),
        opt("studied_on", Date, ""),
    ],
    key: &["office_id", "seq"],
    references: &[office()],
};

pub const HOLIDAYS: Table = Table {
    name: "holidays",
    doc: "`[[holidays]]` of calendar.toml",
    columns: &[
        OFFICE_ID,
        col("seq", Integer, "file order, from 1"),
        col("name", Text, ""),
        col("date_from", Date, "`from`"),
        col("date_to", Date, "`to`, inclusive"),
    ],
    key: &["office_id", "seq"],
    references: &[office()],
};

pub const WORKDAYS: Table = Table {
    name: "workdays",
    doc: "`[[workdays]]`: weekend days worked (调休上班)",
    columns: &[
        OFFICE_ID,
        col("seq", Integer, "file order, from 1"),
        col("dated", Date, "`date`"),
        opt("name", Text, ""),
    ],
    key: &["office_id", "seq"],
    references: &[office()],
};

/// Every table, each after the tables it refers to (PostgreSQL wants a referenced
/// table to exist first); dropped in the reverse order.
pub const TABLES: &[&Table] = &[
    &OFFICES,
    &UNITS,
    &UNIT_ALIASES,
    &PEOPLE,
    &GROUPS,
    &GROUP_UNITS,
    &GROUP_DUTIES,
    &SEATS,
    &TASKS,
    &TASK_UNITS,
    &TASK_TARGETS,
    &INDICATORS,
    &UPDATES,
    &UPDATE_VALUES,
    &MEETINGS,
    &MEETING_ITEMS,
    &DECISIONS,
    &DECISION_UNITS,
    &DIRECTIVES,
    &HOLIDAYS,
    &WORKDAYS,
];

/// The view's name.
pub const OVERDUE: &str = "overdue";

/// The overdue tasks, as `wg tasks overdue` lists them for the export's as-of date:
/// open, with `days_overdue` above 0, in `overdue_rank` order (most overdue first,
/// ties by id in wg's order, which a PostgreSQL collation need not follow). It reads
/// the columns computed as of that date: the databases share no date arithmetic.
pub const OVERDUE_VIEW: &str = "\
CREATE VIEW overdue AS
SELECT t.office_id, t.id, t.title, t.group_id, g.name AS group_name,
  t.lead_unit_id, u.name AS lead_unit, t.owner_id, p.name AS owner,
  t.status, t.due, t.next_due, t.days_overdue, t.working_days_overdue, t.missed,
  t.warning, t.overdue_rank
FROM tasks t
JOIN groups g ON g.office_id = t.office_id AND g.id = t.group_id
LEFT JOIN units u ON u.office_id = t.office_id AND u.id = t.lead_unit_id
LEFT JOIN people p ON p.office_id = t.office_id AND p.id = t.owner_id
WHERE t.status NOT IN ('done', 'cancelled') AND t.days_overdue > 0
ORDER BY t.overdue_rank;
";

/// `DROP … IF EXISTS` for the view and every table, children first, so that loading
/// an export again replaces the last one.
pub fn drop_sql() -> String {
    let mut out = format!("DROP VIEW IF EXISTS {OVERDUE};\n");
    for t in TABLES.iter().rev() {
        out.push_str(&format!("DROP TABLE IF EXISTS {};\n", t.name));
    }
    out
}

/// Every `CREATE TABLE`, in order, then the view.
pub fn create_sql() -> String {
    let mut out = String::new();
    for t in TABLES {
        out.push_str(&t.create_sql());
    }
    out.push_str(OVERDUE_VIEW);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_and_reference_names_real_columns() {
        for t in TABLES {
            for k in t.key {
                assert!(t.column(k).is_some(), "{}: key {k}", t.name);
            }
            for r in t.references {
                let target = TABLES.iter().find(|x| x.name == r.table).unwrap();
                assert_eq!(target.key, r.to, "{} → {}: not its key", t.name, r.table);
                for c in r.columns {
                    assert!(t.column(c).is_some(), "{}: reference {c}", t.name);
                }
            }
        }
    }

    #[test]
    fn tables_come_after_the_tables_they_refer_to() {
        for (i, t) in TABLES.iter().enumerate() {
            for r in t.references.iter().filter(|r| r.table != t.name) {
                let j = TABLES.iter().position(|x| x.name == r.table).unwrap();
                assert!(j < i, "{} refers to {}, created later", t.name, r.table);
            }
        }
    }
}
