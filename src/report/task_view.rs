//! A task as reports show it: every field from the files, references by name, and what
//! the as-of date makes of it (next due date, days overdue, missed occurrences).

use crate::model::{Data, Task};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    pub date: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    pub id: String,
    pub title: String,
    /// Group id.
    pub group: String,
    /// The lead unit by name: the task's own, or its group's.
    pub lead_unit: Option<String>,
    pub units: Vec<String>,
    pub owner: Option<String>,
    pub start: Option<NaiveDate>,
    /// `due` as written (for a repeating task, its first occurrence).
    pub due: Option<NaiveDate>,
    /// The first occurrence not yet completed (equals `due` unless the task repeats).
    pub next_due: Option<NaiveDate>,
    pub status: &'static str,
    pub done_on: Option<NaiveDate>,
    pub repeat: Option<&'static str>,
    pub done_through: Option<NaiveDate>,
    pub targets: Vec<String>,
    pub outcome: Option<String>,
    pub updates: Vec<UpdateView>,
    /// Days since the oldest missed due date; null when not overdue.
    pub days_overdue: Option<i64>,
    /// Missed occurrences of a repeating task (null for a task that does not repeat).
    pub missed: Option<u32>,
    /// Working days overdue, when the data has a calendar and the task is overdue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_days_overdue: Option<i64>,
    /// Done after its due date.
    pub late: bool,
    /// Where the task is written, relative to the data directory.
    pub file: String,
    pub line: usize,
}

impl TaskView {
    pub fn new(data: &Data, task: &Task, today: NaiveDate) -> TaskView {
        let overdue = task.overdue(today);
        let working_days_overdue = match (&data.calendar, overdue) {
            (Some(cal), Some(o)) => Some(cal.working_days_between(o.since, today)),
            _ => None,
        };
        TaskView {
            id: task.id.clone(),
            title: task.title.clone(),
            group: data.group(task.group).id.clone(),
            lead_unit: data
                .task_lead_unit(task)
                .map(|u| data.unit_name(u).to_owned()),
            units: task
                .units
                .iter()
                .map(|&u| data.unit_name(u).to_owned())
                .collect(),
            owner: task.owner.map(|p| data.person_name(p).to_owned()),
            start: task.start,
            due: task.due,
            next_due: task.next_due(),
            status: task.status.as_str(),
            done_on: task.done_on,
            repeat: task.repeat.map(|r| r.as_str()),
            done_through: task.done_through,
            targets: task.targets.clone(),
            outcome: task.outcome.clone(),
            updates: task
                .updates
                .iter()
                .map(|u| UpdateView {
                    date: u.date,
                    note: u.note.clone(),
                })
                .collect(),
            days_overdue: overdue.map(|o| o.days),
            missed: task.repeat.map(|_| overdue.map_or(0, |o| o.missed)),
            working_days_overdue,
            late: task.is_late(),
            file: task.origin.file.display().to_string(),
            line: task.origin.line,
        }
    }
}
