//! The task reports: the filtered list, what is overdue (with a summary in age bands),
//! what falls due soon, one task. Filters typed on the command line are resolved here,
//! once, into indices; nothing below matches names again.

use super::lookup;
use super::task_view::{TaskView, warning_windows};
use super::warning_counts::WarningCounts;
use crate::i18n::{Text, msg};
use crate::load::normalize;
use crate::load::suggest::{SHOWN, closest, names};
use crate::model::{
    Calendar, Data, GroupIdx, LAST_DAY, PersonIdx, Status, Task, UnitIdx, Warning, WarningWindows,
    id_order_key,
};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeSet;

/// The task filters, resolved against the data. A task must pass every one that is set.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Any of these groups (in a roll-up, `--group membership` is every office's).
    pub group: Option<Vec<GroupIdx>>,
    /// Lead unit (its own or its group's) or supporting unit.
    pub unit: Option<UnitIdx>,
    pub owner: Option<PersonIdx>,
    pub status: Option<Status>,
    /// Normalised (whitespace removed), compared with the normalised targets.
    pub target: Option<String>,
    /// Next due date strictly before this day.
    pub due_before: Option<NaiveDate>,
    /// Next due date strictly after this day.
    pub due_after: Option<NaiveDate>,
    /// The warning level as of the report's day (done and cancelled tasks have none,
    /// so never pass).
    pub warning: Option<Warning>,
    /// In a roll-up: the task's office.
    pub office: Option<crate::model::OfficeIdx>,
}

/// The filters as typed on the command line, before they are resolved against the data
/// (the command layer fills them from its options).
#[derive(Debug, Clone, Copy, Default)]
pub struct FilterWords<'a> {
    pub group: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub status: Option<&'a str>,
    pub target: Option<&'a str>,
    pub due_before: Option<NaiveDate>,
    pub due_after: Option<NaiveDate>,
    pub warning: Option<&'a str>,
    /// In a roll-up: the office's id.
    pub office: Option<&'a str>,
}

/// What the overdue summary counts by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SummaryBy {
    /// The owning group.
    #[default]
    Group,
    /// The lead unit (the task's own, or its group's).
    Unit,
    Owner,
}

impl Filter {
    /// Resolves the filters typed on the command line. An unknown group, unit, person,
    /// status or target is a usage error that names the nearest known ones.
    pub fn resolve(data: &Data, typed: &FilterWords) -> Result<Filter, Text> {
        let name_error = |flag: &str, e: lookup::LookupError| msg::on_flag(flag, &e.text());
        let group = match typed.group {
            Some(g) => Some(lookup::groups(data, g).map_err(|e| name_error("group", e))?),
            None => None,
        };
        let unit = match typed.unit {
            Some(u) => Some(lookup::unit(data, u).map_err(|e| name_error("unit", e))?),
            None => None,
        };
        let owner = match typed.owner {
            Some(p) => Some(lookup::person(data, p).map_err(|e| name_error("owner", e))?),
            None => None,
        };
        let status = match typed.status {
            Some(s) => Some(parse_status(s)?),
            None => None,
        };
        let target = match typed.target {
            Some(t) => Some(resolve_target(data, t)?),
            None => None,
        };
        let warning = match typed.warning {
            Some(w) => Some(parse_warning(data, w)?),
            None => None,
        };
        let office = match &typed.office {
            Some(o) => Some(resolve_office(data, o)?),
            None => None,
        };
        Ok(Filter {
            office,
            group,
            unit,
            owner,
            status,
            target,
            due_before: typed.due_before,
            due_after: typed.due_after,
            warning,
        })
    }

    /// Whether the task passes; `windows` grade it for `--warning` (the report's day).
    pub fn matches(&self, data: &Data, task: &Task, windows: &WarningWindows) -> bool {
        let next_due = task.next_due();
        self.group.as_ref().is_none_or(|g| g.contains(&task.group))
            && self
                .unit
                .is_none_or(|u| data.task_lead_unit(task) == Some(u) || task.units.contains(&u))
            && self.owner.is_none_or(|p| task.owner == Some(p))
            && self.status.is_none_or(|s| task.status == s)
            && self
                .target
                .as_ref()
                .is_none_or(|want| task.targets.iter().any(|t| normalize(t) == *want))
            // A date filter asks about due dates: a task without one never passes it.
            && self.due_before.is_none_or(|d| next_due.is_some_and(|n| n < d))
            && self.due_after.is_none_or(|d| next_due.is_some_and(|n| n > d))
            && self.warning.is_none_or(|w| windows.level(task) == Some(w))
            && self.office.is_none_or(|o| data.task_office(task) == Some(o))
    }
}

/// `--office ID`: an office of the roll-up, by its id; an unknown one is a usage error
/// with the nearest ids, and the flag on one office's data is refused.
fn resolve_office(data: &Data, typed: &str) -> Result<crate::model::OfficeIdx, Text> {
    if !data.is_rollup() {
        return Err(msg::office_not_in_rollup());
    }
    let wanted = typed.trim();
    if let Some(o) = data.offices.iter().position(|o| o.id == wanted) {
        return Ok(o);
    }
    let ids: Vec<&str> = data.offices.iter().map(|o| o.id.as_str()).collect();
    let near: Vec<&str> = names(wanted, &ids).into_iter().take(SHOWN).collect();
    let hint =
        msg::did_you_mean_any(&near).unwrap_or_else(|| msg::office_ids_are(&msg::plain_list(&ids)));
    Err(msg::on_flag("office", &msg::no_such_office(wanted, &hint)))
}

/// `--warning LEVEL`: red, yellow, blue, green or 红 黄 蓝 绿. Blue when the org has
/// no blue level would always list nothing, so it is refused with the reason.
fn parse_warning(data: &Data, typed: &str) -> Result<Warning, Text> {
    let Some(level) = Warning::parse(typed) else {
        let guess = closest(
            &typed.trim().to_lowercase(),
            Warning::ALL.iter().flat_map(|(en, zh, _, _)| [*en, *zh]),
            2,
        );
        let hint = match guess.first() {
            Some(g) => msg::did_you_mean_level(g, &msg::warning_list()),
            None => msg::levels_are(&msg::warning_list()),
        };
        return Err(msg::on_flag("warning", &msg::no_such_level(typed, &hint)));
    };
    if level == Warning::Blue && data.org.warnings.blue_days.is_none() {
        return Err(msg::on_flag(
            "warning",
            &msg::no_blue_level(data.org.warnings.yellow_days),
        ));
    }
    Ok(level)
}

fn parse_status(typed: &str) -> Result<Status, Text> {
    if let Some(s) = Status::parse(typed) {
        return Ok(s);
    }
    let guess = closest(
        &typed.trim().to_lowercase(),
        Status::ALL.iter().flat_map(|(en, zh, _)| [*en, *zh]),
        1,
    );
    let hint = match guess.first() {
        Some(g) => msg::did_you_mean_status(g, &msg::status_list()),
        None => msg::statuses_are(&msg::status_list()),
    };
    Err(msg::on_flag("status", &msg::no_such_status(typed, &hint)))
}

/// A target is free text in the files; one that no task names is most likely a typo.
fn resolve_target(data: &Data, typed: &str) -> Result<String, Text> {
    let wanted = normalize(typed);
    let known: BTreeSet<String> = data
        .tasks
        .iter()
        .flat_map(|t| t.targets.iter().map(|s| normalize(s)))
        .collect();
    if known.contains(&wanted) {
        return Ok(wanted);
    }
    // The rule of names (`suggest::names`): near misses, then the targets that hold
    // what was typed ("司机").
    let known_keys: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut near = names(&wanted, &known_keys);
    near.truncate(SHOWN);
    let hint = match msg::did_you_mean_any(&near) {
        Some(hint) => hint,
        None if known.is_empty() => msg::no_task_has_targets(),
        None => {
            let known: Vec<&String> = known.iter().collect();
            msg::targets_in_the_data(&msg::quoted_list(&known))
        }
    };
    Err(msg::on_flag("target", &msg::no_task_serves(typed, &hint)))
}

/// The task with this id, or a usage error suggesting the nearest ids.
pub fn find_task<'d>(data: &'d Data, id: &str) -> Result<&'d Task, Text> {
    let id = id.trim();
    if let Some(t) = data.task_by_id(id) {
        return Ok(t);
    }
    // Ids are typed by hand: a difference of case is the likeliest slip.
    let mut near: Vec<&str> = data
        .tasks
        .iter()
        .filter(|t| t.id.eq_ignore_ascii_case(id))
        .map(|t| &*t.id)
        .collect();
    // In a roll-up, an id typed without its office: the offices' tasks of that id.
    if data.is_rollup() && !id.contains(crate::model::QUALIFIER) {
        near.extend(
            data.tasks
                .iter()
                .filter(|t| {
                    t.id.split_once(crate::model::QUALIFIER)
                        .is_some_and(|(_, own)| own.eq_ignore_ascii_case(id))
                })
                .map(|t| &*t.id),
        );
    }
    // Only when no id matches but for case: then that one is surely meant.
    let lower: Vec<String> = if near.is_empty() {
        data.tasks.iter().map(|t| t.id.to_lowercase()).collect()
    } else {
        Vec::new()
    };
    for c in closest(&id.to_lowercase(), lower.iter().map(String::as_str), 3) {
        let original = data
            .tasks
            .iter()
            .find(|t| t.id.to_lowercase() == c)
            .map(|t| &*t.id);
        if let Some(o) = original.filter(|o| !near.contains(o)) {
            near.push(o);
        }
    }
    Err(match msg::did_you_mean_any(&near) {
        Some(hint) => msg::no_task_with_id_near(id, &hint),
        None => msg::no_task_with_id(id),
    })
}

/// `wg tasks list` and the other plain task lists (SPEC §4).
#[derive(Debug, Clone, Serialize)]
pub struct TaskList<'d> {
    pub as_of: NaiveDate,
    pub count: usize,
    #[serde(serialize_with = "crate::render::json_list")]
    pub tasks: Vec<TaskView<'d>>,
    /// Years outside the calendar that working days were counted in (for the warning).
    #[serde(skip)]
    pub uncovered_years: Vec<i32>,
}

/// The reports' lists are sorted with `sort_unstable_by`: each order ends with the id,
/// and the loader refuses a repeated id, so no two tasks compare equal and the order
/// is the one a stable sort gives, in less time.
///
/// Tasks per thread worth the start of one: below twice as many, a report's work stays
/// on one thread.
const TASKS_PER_RUN: usize = 8192;

/// What `f` gives for each task, where it gives something, in file order. Over many
/// tasks, the runs of tasks (as the loader read them) are shared out between the cores:
/// filtering 100,000 tasks on one thread was a tenth of a `wg tasks overdue`. Below
/// [`crate::model::TASKS_APART`] tasks, on this thread ([`crate::model::Tasks::share`]).
pub(crate) fn select<'d, R: Send>(
    data: &'d Data,
    f: impl Fn(&'d Task) -> Option<R> + Sync,
) -> Vec<R> {
    crate::par::concat(data.tasks.share(1, |runs| {
        runs.iter().flatten().filter_map(&f).collect::<Vec<R>>()
    }))
}

/// The views of the tasks, in their order, graded with `windows`; on every core for a
/// long list.
pub(crate) fn views<'d>(
    data: &'d Data,
    tasks: &[&'d Task],
    today: NaiveDate,
    windows: &WarningWindows,
) -> Vec<TaskView<'d>> {
    crate::par::map_ahead(
        tasks,
        TASKS_PER_RUN,
        |t| crate::swar::prefetch(*t),
        |t| TaskView::graded(data, t, today, windows),
    )
}

/// Every task passing the filter, by next due date (tasks without one last), then id.
pub fn list<'d>(data: &'d Data, filter: &Filter, today: NaiveDate) -> TaskList<'d> {
    let windows = warning_windows(data, today);
    // Each task's next due date worked out once, not at every comparison (a repeating
    // task's takes some arithmetic): sorting a million tasks compared 20 million times.
    // The ids' order keys beside the dates (see `id_order_key`).
    let mut keyed: Vec<(Option<NaiveDate>, u64, &Task)> = select(data, |t| {
        filter
            .matches(data, t, &windows)
            .then(|| (t.next_due(), id_order_key(&t.id), t))
    });
    keyed.sort_unstable_by(|(da, ka, a), (db, kb, b)| {
        (da.is_none(), da, ka)
            .cmp(&(db.is_none(), db, kb))
            .then_with(|| a.id.cmp(&b.id))
    });
    let tasks: Vec<&Task> = keyed.into_iter().map(|(_, _, t)| t).collect();
    let uncovered_years = uncovered_years(data, &tasks, &windows);
    let tasks = views(data, &tasks, today, &windows);
    TaskList {
        as_of: today,
        count: tasks.len(),
        tasks,
        uncovered_years,
    }
}

/// One age band's count per band: 1–7, 8–30, 31–90 and over 90 days overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Bands {
    pub band_1_7: usize,
    pub band_8_30: usize,
    pub band_31_90: usize,
    pub band_over_90: usize,
    pub total: usize,
}

impl Bands {
    fn add(&mut self, days: i64) {
        match days {
            ..=7 => self.band_1_7 += 1,
            8..=30 => self.band_8_30 += 1,
            31..=90 => self.band_31_90 += 1,
            _ => self.band_over_90 += 1,
        }
        self.total += 1;
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryRow {
    /// Group id, lead unit name or owner name; null for tasks with no lead unit or owner.
    pub key: Option<String>,
    /// What tables show: the group's name, else the key.
    pub name: Option<String>,
    /// In a roll-up, the office of the row's group, unit or person (its id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// What a table's office column shows (the short name, else the name).
    #[serde(skip)]
    pub office_label: Option<String>,
    pub band_1_7: usize,
    pub band_8_30: usize,
    pub band_31_90: usize,
    pub band_over_90: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// group | unit | owner
    pub by: &'static str,
    /// In file order of the groups, units or people; "nobody" last.
    pub rows: Vec<SummaryRow>,
    pub total: Bands,
}

/// `wg tasks overdue`: the task list plus the summary.
#[derive(Debug, Clone, Serialize)]
pub struct OverdueReport<'d> {
    pub as_of: NaiveDate,
    pub count: usize,
    #[serde(serialize_with = "crate::render::json_list")]
    pub tasks: Vec<TaskView<'d>>,
    pub summary: Summary,
    #[serde(skip)]
    pub uncovered_years: Vec<i32>,
}

pub fn by_str(by: SummaryBy) -> &'static str {
    match by {
        SummaryBy::Group => "group",
        SummaryBy::Unit => "unit",
        SummaryBy::Owner => "owner",
    }
}

/// Overdue tasks passing the filter, most overdue first (ties by id), and the summary.
pub fn overdue<'d>(
    data: &'d Data,
    filter: &Filter,
    today: NaiveDate,
    by: SummaryBy,
) -> OverdueReport<'d> {
    let windows = warning_windows(data, today);
    let mut keyed: Vec<(&Task, i64, u64)> = select(data, |t| {
        if !filter.matches(data, t, &windows) {
            return None;
        }
        t.overdue(today).map(|o| (t, o.days, id_order_key(&t.id)))
    });
    // Counted in file order, before the sort scatters the tasks over memory.
    let summary = summarise(data, keyed.iter().map(|&(t, d, _)| (t, d)), by);
    keyed.sort_unstable_by(|(a, da, ka), (b, db, kb)| {
        (db, ka).cmp(&(da, kb)).then_with(|| a.id.cmp(&b.id))
    });
    // Sorted most overdue first.
    let uncovered_years = overdue_uncovered(data, keyed.first().map(|&(_, d, _)| d), today);
    let tasks: Vec<&Task> = keyed.into_iter().map(|(t, _, _)| t).collect();
    let tasks = views(data, &tasks, today, &windows);
    OverdueReport {
        as_of: today,
        count: tasks.len(),
        tasks,
        summary,
        uncovered_years,
    }
}

fn summarise<'d>(
    data: &Data,
    found: impl Iterator<Item = (&'d Task, i64)>,
    by: SummaryBy,
) -> Summary {
    // Index of the group, unit or person each task is counted under (None: nobody).
    let key_of = |t: &Task| -> Option<usize> {
        match by {
            SummaryBy::Group => Some(t.group),
            SummaryBy::Unit => data.task_lead_unit(t),
            SummaryBy::Owner => t.owner,
        }
    };
    let slots = match by {
        SummaryBy::Group => data.groups.len(),
        SummaryBy::Unit => data.units.len(),
        SummaryBy::Owner => data.people.len(),
    };
    // One slot per group/unit/person, and a last one for tasks without.
    let mut bands = vec![Bands::default(); slots + 1];
    let mut total = Bands::default();
    for (t, days) in found {
        let slot = key_of(t).filter(|&i| i < slots).unwrap_or(slots);
        if let Some(b) = bands.get_mut(slot) {
            b.add(days);
        }
        total.add(days);
    }
    let rows = bands
        .iter()
        .enumerate()
        .filter(|(_, b)| b.total > 0)
        .map(|(i, b)| {
            let (key, name) = match by {
                SummaryBy::Group => data.groups.get(i).map(|g| (g.id.clone(), g.name.clone())),
                SummaryBy::Unit => data.units.get(i).map(|u| (u.name.clone(), u.name.clone())),
                SummaryBy::Owner => data.people.get(i).map(|p| (p.name.clone(), p.name.clone())),
            }
            .unzip();
            let office = match by {
                SummaryBy::Group => data.group_office(i),
                SummaryBy::Unit => data.unit_office(i),
                SummaryBy::Owner => data.person_office(i),
            }
            .and_then(|o| data.office(o));
            SummaryRow {
                key,
                name,
                office: office.map(|o| o.id.clone()),
                office_label: office.map(|o| o.label().to_owned()),
                band_1_7: b.band_1_7,
                band_8_30: b.band_8_30,
                band_31_90: b.band_31_90,
                band_over_90: b.band_over_90,
                total: b.total,
            }
        })
        .collect();
    Summary {
        by: by_str(by),
        rows,
        total,
    }
}

/// `wg tasks due`: open tasks whose next due date falls in `[as_of, through]`.
#[derive(Debug, Clone, Serialize)]
pub struct DueReport<'d> {
    pub as_of: NaiveDate,
    /// The window's last day.
    pub through: NaiveDate,
    /// Whether the window was counted in working days.
    pub working_days: bool,
    pub count: usize,
    #[serde(serialize_with = "crate::render::json_list")]
    pub tasks: Vec<TaskView<'d>>,
    #[serde(skip)]
    pub uncovered_years: Vec<i32>,
}

/// The window's end: `within` days after today, or `within` working days when a
/// calendar is given.
/// A window that would reach past 9999-12-31 ends there, the last day wg handles.
pub fn due_through(today: NaiveDate, within: u32, calendar: Option<&Calendar>) -> NaiveDate {
    let end = match calendar {
        Some(cal) => cal.add_working_days(today, within),
        None => today
            .checked_add_days(chrono::Days::new(u64::from(within)))
            .unwrap_or(LAST_DAY),
    };
    end.min(LAST_DAY)
}

/// Open tasks falling due from today through `through`, by next due date, then id.
/// `working_days` says the window was counted in working days (for the coverage warning).
pub fn due<'d>(
    data: &'d Data,
    filter: &Filter,
    today: NaiveDate,
    through: NaiveDate,
    working_days: bool,
) -> DueReport<'d> {
    let windows = warning_windows(data, today);
    let mut keyed: Vec<(NaiveDate, u64, &Task)> = select(data, |t| {
        if t.status.is_closed() || !filter.matches(data, t, &windows) {
            return None;
        }
        t.next_due()
            .filter(|&d| today <= d && d <= through)
            .map(|d| (d, id_order_key(&t.id), t))
    });
    keyed.sort_unstable_by(|(da, ka, a), (db, kb, b)| {
        (da, ka).cmp(&(db, kb)).then_with(|| a.id.cmp(&b.id))
    });
    let tasks: Vec<&Task> = keyed.into_iter().map(|(_, _, t)| t).collect();
    let mut years: BTreeSet<i32> = uncovered_years(data, &tasks, &windows)
        .into_iter()
        .collect();
    if let (Some(cal), true) = (&data.calendar, working_days) {
        uncovered(cal, today, through, &mut years);
    }
    let tasks = views(data, &tasks, today, &windows);
    DueReport {
        as_of: today,
        through,
        working_days,
        count: tasks.len(),
        tasks,
        uncovered_years: years.into_iter().collect(),
    }
}

/// `wg tasks show ID`.
#[derive(Debug, Clone, Serialize)]
pub struct TaskShow<'d> {
    pub as_of: NaiveDate,
    pub task: TaskView<'d>,
    #[serde(skip)]
    pub uncovered_years: Vec<i32>,
}

pub fn show<'d>(data: &'d Data, task: &'d Task, today: NaiveDate) -> TaskShow<'d> {
    let windows = warning_windows(data, today);
    TaskShow {
        as_of: today,
        task: TaskView::graded(data, task, today, &windows),
        uncovered_years: uncovered_years(data, &[task], &windows),
    }
}

/// The figures a 督办通报 opens with: every task passing the filter as of one day,
/// whatever its due date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Every task but the cancelled ones.
    pub total: usize,
    pub done: usize,
    /// Cancelled tasks, counted apart (not in `total`).
    pub cancelled: usize,
    /// Open and overdue (a repeating task with a missed occurrence too).
    pub overdue: usize,
    /// The open tasks by warning level (red: overdue).
    pub warnings: WarningCounts,
}

impl Tally {
    /// The share of `total` done, 0.0 when there are no tasks.
    pub fn done_share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
}

/// Counts the tasks passing `filter` as of `today` (see [`Tally`]).
pub fn tally(data: &Data, filter: &Filter, today: NaiveDate) -> Tally {
    let windows = warning_windows(data, today);
    let graded: Vec<(Status, Option<Warning>, bool)> = select(data, |t| {
        filter
            .matches(data, t, &windows)
            .then(|| (t.status, windows.level(t), t.overdue(today).is_some()))
    });
    let mut tally = Tally::default();
    for (status, level, overdue) in graded {
        match status {
            Status::Cancelled => tally.cancelled += 1,
            Status::Done => {
                tally.total += 1;
                tally.done += 1;
            }
            _ => tally.total += 1,
        }
        tally.overdue += usize::from(overdue);
        tally.warnings.add(level);
    }
    tally
}

/// `wg tasks notice --unit U`: the 督办通知单 to one lead unit.
#[derive(Debug, Clone, Serialize)]
pub struct Notice<'d> {
    pub as_of: NaiveDate,
    /// The unit addressed, by name.
    pub unit: &'d str,
    /// The day the unit is asked to reply by.
    pub reply_by: NaiveDate,
    pub count: usize,
    /// The open tasks the unit leads that are overdue (red) or close to their due date
    /// (yellow): most overdue first, then by next due date, then id.
    #[serde(serialize_with = "crate::render::json_list")]
    pub tasks: Vec<TaskView<'d>>,
    #[serde(skip)]
    pub uncovered_years: Vec<i32>,
}

/// Days a unit is given to reply to a notice.
pub const REPLY_DAYS: u64 = 7;

/// The reply deadline of a notice sent on `today`: [`REPLY_DAYS`] days later, and with a
/// calendar, moved on to the next working day when that day is a day off.
pub fn reply_by(today: NaiveDate, calendar: Option<&Calendar>) -> NaiveDate {
    let mut day = today
        .checked_add_days(chrono::Days::new(REPLY_DAYS))
        .unwrap_or(LAST_DAY)
        .min(LAST_DAY);
    if let Some(cal) = calendar {
        // A holiday is at most a few weeks long: the bound only keeps a broken calendar
        // from looping.
        for _ in 0..366 {
            if cal.is_working_day(day) {
                break;
            }
            match day.succ_opt() {
                Some(next) if next <= LAST_DAY => day = next,
                _ => break,
            }
        }
    }
    day
}

/// The overdue and yellow-warned open tasks that `unit` leads (its own lead unit, or its
/// group's), as of `today`.
pub fn notice<'d>(data: &'d Data, unit: UnitIdx, today: NaiveDate) -> Notice<'d> {
    let windows = warning_windows(data, today);
    let mut keyed: Vec<(i64, Option<NaiveDate>, u64, &Task)> = select(data, |t| {
        if data.task_lead_unit(t) != Some(unit) {
            return None;
        }
        let level = windows.level(t)?;
        if !matches!(level, Warning::Red | Warning::Yellow) {
            return None;
        }
        let days = t.overdue(today).map_or(0, |o| o.days);
        Some((days, t.next_due(), id_order_key(&t.id), t))
    });
    keyed.sort_unstable_by(|(da, na, ka, a), (db, nb, kb, b)| {
        (db, na.is_none(), na, ka)
            .cmp(&(da, nb.is_none(), nb, kb))
            .then_with(|| a.id.cmp(&b.id))
    });
    let tasks: Vec<&Task> = keyed.into_iter().map(|(_, _, _, t)| t).collect();
    let uncovered_years = uncovered_years(data, &tasks, &windows);
    let tasks = views(data, &tasks, today, &windows);
    Notice {
        as_of: today,
        unit: data.units.get(unit).map_or("", |u| u.name.as_str()),
        reply_by: reply_by(today, data.calendar.as_ref()),
        count: tasks.len(),
        tasks,
        uncovered_years,
    }
}

/// The years, outside the calendar, in which working days were counted Monday to
/// Friday for these tasks: their working days overdue, and the warning windows that
/// graded the open ones not yet due (an overdue task is red whatever the windows).
/// Without a calendar there is nothing to look at.
pub fn uncovered_years(data: &Data, tasks: &[&Task], windows: &WarningWindows) -> Vec<i32> {
    let Some(cal) = &data.calendar else {
        return Vec::new();
    };
    let mut years = BTreeSet::new();
    let today = windows.today;
    // Every span counted ends today, so together they are the span of the oldest: one
    // walk over its years, not one per task (a task overdue since year 1 has 2,000).
    let oldest = tasks
        .iter()
        .filter_map(|t| t.overdue(today))
        .map(|o| o.since)
        .min();
    if let Some(since) = oldest {
        uncovered(cal, since, today, &mut years);
    }
    years.extend(window_uncovered(data, tasks, windows));
    years.into_iter().collect()
}

/// [`uncovered_years`] of overdue tasks, the most overdue `days` overdue: the windows
/// graded none of them (each is red), and no task is looked at again (20,000 overdue
/// tasks scattered over memory, twice, were a tenth of the report).
fn overdue_uncovered(data: &Data, days: Option<i64>, today: NaiveDate) -> Vec<i32> {
    let mut years = BTreeSet::new();
    let since = days.and_then(|d| today.checked_sub_signed(chrono::TimeDelta::try_days(d)?));
    if let (Some(cal), Some(since)) = (&data.calendar, since) {
        uncovered(cal, since, today, &mut years);
    }
    years.into_iter().collect()
}

/// The years, outside the calendar, that the warning windows reach into, when they
/// graded any of these tasks (one open, with a due date not yet passed).
pub fn window_uncovered(data: &Data, tasks: &[&Task], windows: &WarningWindows) -> Vec<i32> {
    let Some(cal) = &data.calendar else {
        return Vec::new();
    };
    let mut years = BTreeSet::new();
    let today = windows.today;
    let graded = tasks
        .iter()
        .any(|t| !t.status.is_closed() && t.next_due().is_some_and(|d| d >= today));
    if graded {
        let last = windows.blue_through.unwrap_or(windows.yellow_through);
        uncovered(cal, today, last.max(windows.yellow_through), &mut years);
    }
    years.into_iter().collect()
}

/// Adds the years of `(after, through]` that the calendar does not cover.
fn uncovered(cal: &Calendar, after: NaiveDate, through: NaiveDate, years: &mut BTreeSet<i32>) {
    let Some(first) = after.succ_opt() else {
        return;
    };
    if first > through {
        return;
    }
    for year in first.year()..=through.year() {
        let covered = NaiveDate::from_ymd_opt(year, 1, 1).is_some_and(|d| cal.covers(d));
        if !covered {
            years.insert(year);
        }
    }
}

/// `2023, 2025–2027`: years as short ranges, for the one-line warning.
pub fn year_ranges(years: &[i32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(&start) = years.get(i) {
        let mut end = start;
        while years.get(i + 1) == Some(&(end + 1)) {
            end += 1;
            i += 1;
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_years_collapse_into_ranges() {
        assert_eq!(year_ranges(&[2023]), "2023");
        assert_eq!(
            year_ranges(&[2019, 2023, 2024, 2025, 2027]),
            "2019, 2023–2025, 2027"
        );
        assert_eq!(year_ranges(&[]), "");
    }

    #[test]
    fn bands_split_at_7_30_and_90_days() {
        let mut b = Bands::default();
        for d in [1, 7, 8, 30, 31, 90, 91] {
            b.add(d);
        }
        assert_eq!(
            b,
            Bands {
                band_1_7: 2,
                band_8_30: 2,
                band_31_90: 2,
                band_over_90: 1,
                total: 7
            }
        );
    }
}
