//! The rows of every table, built once from the data and the as-of date: a pure
//! function, which both writers turn into bytes. The values computed as of the date
//! (next due date, days overdue, missed occurrences, the place in the overdue list)
//! come from the same code as `wg tasks overdue` and the JSON, so the database and wg
//! agree by construction.

use super::schema::{self, Table, Type};
use crate::i18n::{Text, msg};
use crate::model::{Data, Lang, Reporter, Role};
use crate::report::task_view::{TaskView, warning_windows};
use crate::report::tasks::{Filter, SummaryBy, overdue, uncovered_years};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::HashMap;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'d> {
    Null,
    Text(Cow<'d, str>),
    Integer(i64),
    Real(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl<'d> Value<'d> {
    fn text(s: &'d str) -> Value<'d> {
        Value::Text(Cow::Borrowed(s))
    }

    fn opt_text(s: Option<&'d str>) -> Value<'d> {
        s.map_or(Value::Null, Value::text)
    }

    fn opt_date(d: Option<NaiveDate>) -> Value<'d> {
        d.map_or(Value::Null, Value::Date)
    }

    fn opt_int(n: Option<i64>) -> Value<'d> {
        n.map_or(Value::Null, Value::Integer)
    }

    /// A count or a place in a list (never near `i64::MAX`).
    fn count(n: usize) -> Value<'d> {
        Value::Integer(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// Whether the cell fits a column of this type (null fits any: `NOT NULL` is
    /// checked apart).
    fn fits(&self, ty: Type) -> bool {
        matches!(
            (self, ty),
            (Value::Null, _)
                | (Value::Text(_), Type::Text)
                | (Value::Integer(_), Type::Integer)
                | (Value::Real(_), Type::Real)
                | (Value::Date(_), Type::Date)
                | (Value::Bool(_), Type::Boolean)
        )
    }
}

/// One table's rows, each with a value per column in the schema's order.
#[derive(Debug, Clone)]
pub struct Rows<'d> {
    pub table: &'static Table,
    pub rows: Vec<Vec<Value<'d>>>,
}

/// Every table's rows, in the schema's order ([`schema::TABLES`]).
#[derive(Debug, Clone)]
pub struct Export<'d> {
    pub tables: Vec<Rows<'d>>,
    /// Years outside the calendar in which working days were counted Monday to Friday
    /// (for the same warning as the task lists give).
    pub uncovered_years: Vec<i32>,
}

/// The office id of one office's own data (a roll-up uses each office's id).
pub const LOCAL_OFFICE: &str = "local";

impl<'d> Export<'d> {
    /// The rows of one office's data as of `today`; seat titles in `lang`.
    pub fn build(data: &'d Data, office: &'d str, today: NaiveDate, lang: Lang) -> Export<'d> {
        let mut b = Builder {
            office,
            tables: schema::TABLES
                .iter()
                .map(|&table| Rows {
                    table,
                    rows: Vec::new(),
                })
                .collect(),
        };
        b.office_row(data, today);
        b.units(data);
        b.people(data);
        b.groups(data, lang);
        b.tasks(data, today);
        b.meetings(data);
        b.calendar(data);
        let all: Vec<&crate::model::Task> = data.tasks.iter().collect();
        Export {
            tables: b.tables,
            uncovered_years: uncovered_years(data, &all, &warning_windows(data, today)),
        }
    }

    /// The rows of the table named so (every table has its entry, maybe empty).
    pub fn table(&self, name: &str) -> Option<&Rows<'d>> {
        self.tables.iter().find(|r| r.table.name == name)
    }

    /// Whether every row fits its table: as many values as columns, each of its
    /// column's type, none null where the column is `NOT NULL`. A failure is a bug in
    /// wg (the builder and the schema disagree), named with the table and column.
    pub fn check_shape(&self) -> Result<(), String> {
        for t in &self.tables {
            for row in &t.rows {
                if row.len() != t.table.columns.len() {
                    return Err(format!(
                        "a row of {} has {} values for {} columns",
                        t.table.name,
                        row.len(),
                        t.table.columns.len()
                    ));
                }
                for (v, c) in row.iter().zip(t.table.columns) {
                    if !v.fits(c.ty) || (c.required && *v == Value::Null) {
                        return Err(format!(
                            "{}.{} ({}) got {v:?}",
                            t.table.name,
                            c.name,
                            c.ty.sql()
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// What no database keeps as it is: text holding U+0000 (TOML writes it
    /// `\u0000`; PostgreSQL refuses it in text and SQLite's tools cut the text there),
    /// and a number that is not finite (SQL has no literal for it). The export refuses
    /// them, naming each place, rather than change the data.
    pub fn unstorable(&self) -> Vec<Text> {
        let mut found = Vec::new();
        for t in &self.tables {
            for row in &t.rows {
                for (v, c) in row.iter().zip(t.table.columns) {
                    let what: fn(&str) -> Text = match v {
                        Value::Text(s) if s.contains('\0') => msg::export_nul,
                        Value::Real(x) if !x.is_finite() => msg::export_not_finite,
                        _ => continue,
                    };
                    found.push(what(&format!(
                        "{}.{} ({}{})",
                        t.table.name,
                        c.name,
                        key_text(t.table, row),
                        place(t.table, row)
                    )));
                }
            }
        }
        found
    }
}

/// A row's key for a message: `task_id = JH-01, seq = 2` (the office left out).
fn key_text(table: &Table, row: &[Value<'_>]) -> String {
    let parts: Vec<String> = table
        .key
        .iter()
        .filter(|k| **k != "office_id")
        .filter_map(|k| {
            let i = table.columns.iter().position(|c| c.name == *k)?;
            let shown = match row.get(i)? {
                Value::Text(s) => format!("\"{}\"", s.escape_debug()),
                Value::Integer(n) => n.to_string(),
                other => format!("{other:?}"),
            };
            Some(format!("{k} = {shown}"))
        })
        .collect();
    parts.join(", ")
}

/// `, tasks/office.toml:12` for a row that says where it is written, else nothing.
fn place(table: &Table, row: &[Value<'_>]) -> String {
    let cell = |name: &str| {
        let i = table.columns.iter().position(|c| c.name == name)?;
        row.get(i)
    };
    match (cell("file"), cell("line")) {
        (Some(Value::Text(file)), Some(Value::Integer(line))) => format!(", {file}:{line}"),
        _ => String::new(),
    }
}

struct Builder<'d> {
    office: &'d str,
    tables: Vec<Rows<'d>>,
}

impl<'d> Builder<'d> {
    fn push(&mut self, table: &Table, mut row: Vec<Value<'d>>) {
        row.insert(0, Value::text(self.office));
        if let Some(t) = self.tables.iter_mut().find(|t| t.table.name == table.name) {
            t.rows.push(row);
        }
    }

    /// A list attached to a row: `(parent key…, seq, value)` for each item.
    fn list<I>(&mut self, table: &Table, parent: &[Value<'d>], items: I)
    where
        I: IntoIterator<Item = Value<'d>>,
    {
        for (i, item) in items.into_iter().enumerate() {
            let mut row = parent.to_vec();
            row.push(Value::count(i + 1));
            row.push(item);
            self.push(table, row);
        }
    }

    fn office_row(&mut self, data: &'d Data, today: NaiveDate) {
        let org = &data.org;
        // The office's own row carries its id as `id`, not `office_id`.
        if let Some(t) = self.tables.iter_mut().find(|t| t.table.name == "offices") {
            t.rows.push(vec![
                Value::text(self.office),
                Value::text(&org.name),
                Value::opt_text(org.short_name.as_deref()),
                Value::opt_text(org.timezone.map(|tz| tz.name())),
                Value::text(match org.lang {
                    Lang::Zh => "zh",
                    Lang::En => "en",
                }),
                Value::Date(today),
                Value::Integer(i64::from(org.warnings.yellow_days)),
                Value::opt_int(org.warnings.blue_days.map(i64::from)),
                Value::Bool(org.warnings.behind_schedule),
            ]);
        }
    }

    fn units(&mut self, data: &'d Data) {
        for (i, u) in data.units.iter().enumerate() {
            self.push(
                &schema::UNITS,
                vec![
                    Value::text(&u.id),
                    Value::count(i + 1),
                    Value::text(&u.name),
                    Value::text(u.kind.as_str()),
                ],
            );
            let aliases = u.aliases.iter().map(|a| Value::text(a));
            self.list(&schema::UNIT_ALIASES, &[Value::text(&u.id)], aliases);
        }
    }

    fn people(&mut self, data: &'d Data) {
        for (i, p) in data.people.iter().enumerate() {
            self.push(
                &schema::PEOPLE,
                vec![
                    Value::text(&p.id),
                    Value::count(i + 1),
                    Value::text(&p.name),
                    Value::opt_text(p.title.as_deref()),
                    Value::opt_text(p.unit.map(|u| data.unit(u).id.as_str())),
                    Value::opt_text(p.email.as_deref()),
                ],
            );
        }
    }

    fn groups(&mut self, data: &'d Data, lang: Lang) {
        let unit_id = |u: Option<usize>| Value::opt_text(u.map(|u| data.unit(u).id.as_str()));
        for (i, g) in data.groups.iter().enumerate() {
            let titles = &g.role_titles;
            self.push(
                &schema::GROUPS,
                vec![
                    Value::text(&g.id),
                    Value::count(i + 1),
                    Value::text(&g.name),
                    Value::opt_text(g.short_name.as_deref()),
                    Value::text(g.kind.as_str()),
                    Value::opt_text(g.parent.map(|p| data.group(p).id.as_str())),
                    unit_id(g.host_unit),
                    Value::text(g.meets.as_str()),
                    unit_id(g.lead_unit),
                    Value::opt_text(titles.leader.as_deref()),
                    Value::opt_text(titles.deputy.as_deref()),
                    Value::opt_text(titles.executive_deputy.as_deref()),
                    Value::opt_text(titles.member.as_deref()),
                ],
            );
            let gid = Value::text(&g.id);
            let units = g
                .member_units
                .iter()
                .map(|&u| Value::text(&data.unit(u).id));
            self.list(&schema::GROUP_UNITS, std::slice::from_ref(&gid), units);
            let duties = g.duties.iter().map(|d| Value::text(d));
            self.list(&schema::GROUP_DUTIES, std::slice::from_ref(&gid), duties);
            for (n, seat) in g.seats().into_iter().enumerate() {
                let title = crate::i18n::role_title(g, seat.role, seat.executive, lang);
                self.push(
                    &schema::SEATS,
                    vec![
                        gid.clone(),
                        Value::count(n + 1),
                        Value::text(match seat.role {
                            Role::Leader => "leader",
                            Role::Deputy => "deputy",
                            Role::Member => "member",
                        }),
                        Value::Bool(seat.executive),
                        Value::text(&data.person(seat.person).id),
                        Value::Text(Cow::Owned(title)),
                    ],
                );
            }
        }
    }

    fn tasks(&mut self, data: &'d Data, today: NaiveDate) {
        // The place of each overdue task in `wg tasks overdue`'s own list.
        let listed = overdue(data, &Filter::default(), today, SummaryBy::Group);
        let windows = warning_windows(data, today);
        let rank: HashMap<&str, usize> = listed
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i + 1))
            .collect();
        for (i, task) in data.tasks.iter().enumerate() {
            let view = TaskView::graded(data, task, today, &windows);
            let tid = Value::text(&task.id);
            self.push(
                &schema::TASKS,
                vec![
                    tid.clone(),
                    Value::count(i + 1),
                    Value::text(&task.title),
                    Value::text(&data.group(task.group).id),
                    Value::opt_text(data.task_lead_unit(task).map(|u| data.unit(u).id.as_str())),
                    Value::opt_text(task.owner.map(|p| data.person(p).id.as_str())),
                    Value::opt_date(task.start),
                    Value::opt_date(task.due),
                    Value::opt_date(task.original_due),
                    Value::text(task.status.as_str()),
                    Value::opt_date(task.done_on),
                    Value::opt_text(task.repeat.map(|r| r.as_str())),
                    Value::opt_date(task.done_through),
                    Value::opt_text(task.outcome.as_deref()),
                    Value::opt_date(view.next_due),
                    Value::opt_int(view.days_overdue),
                    Value::opt_int(view.missed.map(i64::from)),
                    Value::opt_int(view.working_days_overdue),
                    Value::opt_text(view.warning.map(|w| w.as_str())),
                    Value::Bool(view.late),
                    Value::opt_int(view.extended_days),
                    Value::Bool(view.behind_schedule),
                    view.time_elapsed.map_or(Value::Null, Value::Real),
                    Value::opt_int(
                        rank.get(&*task.id)
                            .map(|&r| i64::try_from(r).unwrap_or(i64::MAX)),
                    ),
                    Value::Text(Cow::Owned(task.origin.file.display().to_string())),
                    Value::count(task.origin.line),
                ],
            );
            let parent = std::slice::from_ref(&tid);
            let units = task.units.iter().map(|&u| Value::text(&data.unit(u).id));
            self.list(&schema::TASK_UNITS, parent, units);
            let targets = task.targets.iter().map(|t| Value::text(t));
            self.list(&schema::TASK_TARGETS, parent, targets);
            for (n, ind) in view.indicators.iter().enumerate() {
                self.push(
                    &schema::INDICATORS,
                    vec![
                        tid.clone(),
                        Value::count(n + 1),
                        Value::text(ind.name),
                        Value::Real(ind.target),
                        Value::opt_text(ind.unit),
                        ind.value.map_or(Value::Null, Value::Real),
                        Value::opt_date(ind.as_of),
                        Value::Real(ind.share),
                        Value::Bool(ind.met),
                    ],
                );
            }
            for (n, update) in task.updates.iter().enumerate() {
                let (by_unit, by_person) = match update.by {
                    Some(Reporter::Unit(u)) => (Some(data.unit(u).id.as_str()), None),
                    Some(Reporter::Person(p)) => (None, Some(data.person(p).id.as_str())),
                    None => (None, None),
                };
                self.push(
                    &schema::UPDATES,
                    vec![
                        tid.clone(),
                        Value::count(n + 1),
                        Value::Date(update.date),
                        Value::text(&update.note),
                        Value::opt_text(update.problems.as_deref()),
                        Value::opt_text(update.next_steps.as_deref()),
                        Value::opt_text(by_unit),
                        Value::opt_text(by_person),
                    ],
                );
                for (k, reading) in update.values.iter().enumerate() {
                    // The loader gives only indices of the task's own indicators.
                    let Some(indicator) = task.indicators.get(reading.indicator) else {
                        continue;
                    };
                    self.push(
                        &schema::UPDATE_VALUES,
                        vec![
                            tid.clone(),
                            Value::count(n + 1),
                            Value::count(k + 1),
                            Value::count(reading.indicator + 1),
                            Value::text(&indicator.name),
                            Value::Real(reading.value),
                        ],
                    );
                }
            }
        }
    }

    fn meetings(&mut self, data: &'d Data) {
        for (i, m) in data.meetings.iter().enumerate() {
            let seq = Value::count(i + 1);
            self.push(
                &schema::MEETINGS,
                vec![
                    seq.clone(),
                    Value::text(&data.group(m.group).id),
                    Value::Date(m.date),
                    // `time`: not in the model yet.
                    Value::Null,
                    Value::opt_text(m.title.as_deref()),
                    Value::opt_text(m.location.as_deref()),
                ],
            );
            let items = m.items.iter().map(|s| Value::text(s));
            self.list(&schema::MEETING_ITEMS, std::slice::from_ref(&seq), items);
            for (k, d) in m.decisions.iter().enumerate() {
                let dseq = Value::count(k + 1);
                self.push(
                    &schema::DECISIONS,
                    vec![
                        seq.clone(),
                        dseq.clone(),
                        Value::text(&d.text),
                        Value::opt_text(d.group.map(|g| data.group(g).id.as_str())),
                        Value::opt_text(d.lead_unit.map(|u| data.unit(u).id.as_str())),
                        Value::opt_text(d.owner.map(|p| data.person(p).id.as_str())),
                        Value::opt_date(d.due),
                        Value::opt_text(d.task.as_deref()),
                    ],
                );
                let units = d.units.iter().map(|&u| Value::text(&data.unit(u).id));
                self.list(&schema::DECISION_UNITS, &[seq.clone(), dseq], units);
            }
        }
        for (i, d) in data.directives.iter().enumerate() {
            self.push(
                &schema::DIRECTIVES,
                vec![
                    Value::count(i + 1),
                    Value::text(&d.title),
                    Value::opt_text(d.from.as_deref()),
                    Value::Date(d.date),
                    Value::opt_date(d.studied_on),
                ],
            );
        }
    }

    fn calendar(&mut self, data: &'d Data) {
        let Some(cal) = &data.calendar else { return };
        for (i, h) in cal.holidays.iter().enumerate() {
            self.push(
                &schema::HOLIDAYS,
                vec![
                    Value::count(i + 1),
                    Value::text(&h.name),
                    Value::Date(h.from),
                    Value::Date(h.to),
                ],
            );
        }
        for (i, w) in cal.workdays.iter().enumerate() {
            self.push(
                &schema::WORKDAYS,
                vec![
                    Value::count(i + 1),
                    Value::Date(w.date),
                    Value::opt_text(w.name.as_deref()),
                ],
            );
        }
    }
}
