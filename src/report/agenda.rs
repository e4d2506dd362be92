//! The agenda of a group's quarterly meeting (SPEC §3), as data: the directives to
//! study, a progress report from each child group, the problems to solve, the next
//! stage's tasks, the extra items and the attendees.
//!
//! Choices where SPEC is silent:
//! - The meeting is the group's meeting in the quarter: the first one on or after the
//!   as-of date, else the last one held. Without one, date and place are "to be set".
//! - A directive is on the agenda when it is dated on or before the meeting (or the
//!   quarter's end when none is planned) and was not studied before the meeting:
//!   `studied_on` is unset or on/after the meeting date (a directive studied *at* the
//!   meeting belongs on its agenda).
//! - "A group's tasks" include those of its sub-groups, so a child group reports for
//!   everything under it, and the problems cover G's whole subtree.
//! - Progress figures are as of the as-of date: tasks due in the quarter (done / total),
//!   tasks done in the quarter (by `done_on`), open tasks (any due date), of which
//!   overdue and blocked, and the open tasks per warning level (预警); the extended
//!   tasks (延期) that are open or were done in the quarter, each with its original and
//!   its new due date; and the indicators' progress (成效) of the tasks with indicators
//!   that are open or were done in the quarter, each as of the as-of date.
//! - The problems are the overdue, blocked and behind-schedule tasks (behind schedule
//!   whether or not `[org.warnings]` makes them yellow: the rule decides the colour,
//!   not whether the meeting hears of a task that lags its target).

use super::evaluation::{outcome, pending_in};
use super::indicator_view::IndicatorView;
use super::roster::{self, SeatView};
use super::task_view::{TaskView, warning_windows};
use super::tasks::uncovered_years;
use super::warning_counts::WarningCounts;
use crate::i18n;
use crate::model::{
    Cadence, Data, GroupIdx, GroupKind, Lang, Quarter, Role, Status, Task, WarningWindows,
    id_order_key,
};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub date: NaiveDate,
    pub title: Option<String>,
    pub location: Option<String>,
    /// The date is after the as-of date.
    pub planned: bool,
}

/// A person in a role: the chair, a reporter.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRef {
    pub person: String,
    /// The person's own title (职务).
    pub title: Option<String>,
    /// What the group calls the seat (组长, 主任 …).
    pub role_title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DirectiveView {
    pub title: String,
    pub from: Option<String>,
    pub date: NaiveDate,
    pub studied_on: Option<NaiveDate>,
}

/// One child group's progress report.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressReport<'d> {
    pub group: String,
    pub group_name: String,
    /// The child group's leader; null when it has none.
    pub reporter: Option<PersonRef>,
    /// Tasks with a due date in the quarter (cancelled ones left out).
    pub due: usize,
    /// Of those, done as of today.
    pub due_done: usize,
    /// Tasks whose `done_on` falls in the quarter (and not after today).
    pub done_in_quarter: usize,
    /// Tasks not done or cancelled, whatever their due date.
    pub open: usize,
    pub overdue: usize,
    pub blocked: usize,
    /// The open tasks per warning level, as of the as-of date.
    pub warnings: WarningCounts,
    /// Extended tasks (延期) that are open, or were done in the quarter, in file order.
    pub extended: Vec<ExtendedTask<'d>>,
    /// The tasks with indicators, open or done in the quarter (file order), with each
    /// indicator's progress as of the as-of date.
    pub outcomes: Vec<TaskOutcome<'d>>,
}

/// A task whose deadline was moved later, for the progress report.
#[derive(Debug, Clone, Serialize)]
pub struct ExtendedTask<'d> {
    pub id: &'d str,
    pub title: &'d str,
    pub original_due: NaiveDate,
    pub due: NaiveDate,
    /// `due - original_due`.
    pub days: i64,
}

/// A task's indicators, for a progress report.
#[derive(Debug, Clone, Serialize)]
pub struct TaskOutcome<'d> {
    pub id: &'d str,
    pub title: &'d str,
    pub indicators: Vec<IndicatorView<'d>>,
    pub behind_schedule: bool,
}

/// A task of the next stage, with the due date that falls in the next quarter.
#[derive(Debug, Clone, Serialize)]
pub struct NextTask<'d> {
    pub falls_due: NaiveDate,
    #[serde(flatten)]
    pub task: TaskView<'d>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NextStageGroup<'d> {
    pub group: String,
    pub group_name: String,
    pub tasks: Vec<NextTask<'d>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Agenda<'d> {
    pub as_of: NaiveDate,
    /// The quarter and the next one, for renderers (the JSON has them as strings).
    #[serde(skip)]
    pub period: Quarter,
    #[serde(skip)]
    pub next_period: Quarter,
    pub quarter: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group: String,
    pub group_name: String,
    /// quarterly | monthly | as-needed
    pub meets: &'static str,
    pub meeting: Option<MeetingView>,
    /// The group's leader, who chairs.
    pub chair: Option<PersonRef>,
    /// 1. Directives to convey and study, oldest first.
    pub directives: Vec<DirectiveView>,
    /// 2. Progress reports: the office first, then file order.
    pub reports: Vec<ProgressReport<'d>>,
    /// 3. Overdue, blocked or behind-schedule tasks, most overdue first (ties by id).
    pub problems: Vec<TaskView<'d>>,
    /// 4. Open tasks falling due in the next quarter, by group: G, then offices, then
    ///    the other groups under G in file order.
    pub next_quarter: String,
    pub next_stage: Vec<NextStageGroup<'d>>,
    /// 5. The meeting's extra items.
    pub items: Vec<String>,
    /// The group's roster: leader, deputies, members.
    pub attendees: Vec<SeatView>,
    /// Years, outside the calendar, in which the problems' working days overdue were
    /// counted Monday to Friday (for the warning).
    #[serde(skip)]
    pub uncovered_years: Vec<i32>,
}

/// For each group, where it lies from `root`: `Some(root)` for `root` itself, `Some(c)`
/// for a group in the subtree of `root`'s child `c`, `None` outside `root`'s subtree.
/// Each group's answer is its parent's, worked out once: a walk to the top from every
/// group (and from every task) took 15 s of the agenda of a chain of 40,000 groups.
fn branches(data: &Data, root: GroupIdx) -> Vec<Option<GroupIdx>> {
    let n = data.groups.len();
    let mut known: Vec<Option<Option<GroupIdx>>> = vec![None; n];
    if let Some(slot) = known.get_mut(root) {
        *slot = Some(Some(root));
    }
    let mut path = Vec::new();
    for g in 0..n {
        path.clear();
        let mut at = Some(g);
        let answer = loop {
            // Past the top of a tree that `root` is not in.
            let Some(x) = at else { break None };
            if let Some(k) = known.get(x).copied().flatten() {
                // Reached `root`: the group just below it on the way up is the branch.
                break if x == root {
                    path.last().copied().or(Some(root))
                } else {
                    k
                };
            }
            // Parents form a tree (the loader cuts cycles); never loop all the same.
            if path.len() > n {
                break None;
            }
            path.push(x);
            at = data.groups.get(x).and_then(|gr| gr.parent);
        };
        for &x in &path {
            if let Some(slot) = known.get_mut(x) {
                *slot = Some(answer);
            }
        }
    }
    known.into_iter().map(Option::flatten).collect()
}

fn leader_ref(data: &Data, g: GroupIdx, lang: Lang) -> Option<PersonRef> {
    let group = data.groups.get(g)?;
    let person = data.people.get(group.leader?)?;
    Some(PersonRef {
        person: person.name.clone(),
        title: person.title.clone(),
        role_title: i18n::role_title(group, Role::Leader, false, lang),
    })
}

/// The group's meeting in the quarter: the first on or after `today`, else the last.
fn meeting_of(
    data: &Data,
    g: GroupIdx,
    q: Quarter,
    today: NaiveDate,
) -> Option<&crate::model::Meeting> {
    let mut in_q: Vec<&crate::model::Meeting> = data
        .meetings
        .iter()
        .filter(|m| m.group == g && q.contains(m.date))
        .collect();
    in_q.sort_by_key(|m| m.date);
    in_q.iter()
        .find(|m| m.date >= today)
        .or(in_q.last())
        .copied()
}

/// The progress report of `child`, from `tasks`, those of its subtree: counted in one
/// walk over them (a walk a figure, eight in all, read a million tasks' 280 MB from
/// memory eight times).
fn progress<'d>(
    data: &'d Data,
    child: GroupIdx,
    tasks: &[&'d Task],
    q: Quarter,
    (today, windows): (NaiveDate, &WarningWindows),
    lang: Lang,
) -> ProgressReport<'d> {
    let mut report = ProgressReport {
        group: data.group(child).id.clone(),
        group_name: data.group(child).name.clone(),
        reporter: leader_ref(data, child, lang),
        due: 0,
        due_done: 0,
        done_in_quarter: 0,
        open: 0,
        overdue: 0,
        blocked: 0,
        warnings: WarningCounts::default(),
        extended: Vec::new(),
        outcomes: Vec::new(),
    };
    for &t in tasks {
        if let Some(o) = outcome(t, q, today, today) {
            report.due += 1;
            report.due_done += usize::from(o.is_done());
        }
        let done_in_quarter = t.done_on.is_some_and(|d| q.contains(d) && d <= today);
        report.done_in_quarter += usize::from(done_in_quarter);
        let open = !t.status.is_closed();
        if open {
            report.open += 1;
            report.overdue += usize::from(t.overdue(today).is_some());
            report.blocked += usize::from(t.status == Status::Blocked);
            report.warnings.add(windows.level(t));
        }
        // Open, or done in the quarter.
        if !(open || (t.status == Status::Done && done_in_quarter)) {
            continue;
        }
        if let (Some(original_due), Some(due), Some(days)) =
            (t.original_due, t.due, t.extended_days())
        {
            report.extended.push(ExtendedTask {
                id: &t.id,
                title: &t.title,
                original_due,
                due,
                days,
            });
        }
        if !t.indicators.is_empty() {
            report.outcomes.push(TaskOutcome {
                id: &t.id,
                title: &t.title,
                indicators: t.progress(today).iter().map(IndicatorView::of).collect(),
                behind_schedule: t.behind_schedule(today),
            });
        }
    }
    report
}

/// The agenda of group `g`'s meeting in quarter `q`, as of `today`.
pub fn agenda(data: &Data, g: GroupIdx, q: Quarter, today: NaiveDate, lang: Lang) -> Agenda<'_> {
    let group = &data.group(g);
    let meeting = meeting_of(data, g, q, today);
    let horizon = meeting.map_or(q.last_day(), |m| m.date);

    let mut directives: Vec<DirectiveView> = data
        .directives
        .iter()
        .filter(|d| d.date <= horizon && d.studied_on.is_none_or(|s| s >= horizon))
        .map(|d| DirectiveView {
            title: d.title.clone(),
            from: d.from.clone(),
            date: d.date,
            studied_on: d.studied_on,
        })
        .collect();
    directives.sort_by_key(|d| d.date);

    let windows = warning_windows(data, today);
    // Every task sorted once into the group that owns it, and into the branch of G
    // (the child of G, or G itself) it lies under.
    let branch = branches(data, g);
    let branch_of = |t: &Task| branch.get(t.group).copied().flatten();
    let mut by_group: Vec<Vec<&Task>> = vec![Vec::new(); data.groups.len()];
    let mut by_branch: Vec<Vec<&Task>> = vec![Vec::new(); data.groups.len()];
    for t in &data.tasks {
        if let Some(b) = branch_of(t) {
            if let Some(list) = by_group.get_mut(t.group) {
                list.push(t);
            }
            if let Some(list) = by_branch.get_mut(b) {
                list.push(t);
            }
        }
    }
    // A group's report at a time, on every core (when there are many tasks).
    let report = |&c: &GroupIdx| {
        let tasks = by_branch.get(c).map_or(&[][..], Vec::as_slice);
        progress(data, c, tasks, q, (today, &windows), lang)
    };
    let children = data.children(g);
    let reports = if data.tasks.worth_cores() {
        crate::par::map_queue(&children, report)
    } else {
        children.iter().map(report).collect()
    };

    // Most overdue first, then by id: the tasks are sorted by their keys before their
    // views are made (sorting the views themselves moved 400 bytes at every step).
    // With an order key of each id's first eight bytes, so that sorting a million tasks
    // follows an id to its text only where two keys are equal (see `tasks::list`).
    fn key(days: i64, t: &Task) -> (std::cmp::Reverse<i64>, u64, &Task) {
        (std::cmp::Reverse(days), id_order_key(&t.id), t)
    }
    let mut problem_tasks: Vec<(std::cmp::Reverse<i64>, u64, &Task)> =
        super::tasks::select(data, |t| {
            branch_of(t)?;
            match t.overdue(today) {
                Some(o) => Some(key(o.days, t)),
                None => {
                    (t.status == Status::Blocked || t.behind_schedule(today)).then(|| key(0, t))
                }
            }
        });
    problem_tasks
        .sort_by(|(da, ka, a), (db, kb, b)| (da, ka).cmp(&(db, kb)).then_with(|| a.id.cmp(&b.id)));
    let problem_tasks: Vec<&Task> = problem_tasks.into_iter().map(|(_, _, t)| t).collect();
    // The years counted Monday to Friday: for the overdue problems, and for the
    // warning levels of the whole subtree counted in the progress reports.
    let subtree: Vec<&Task> = data
        .tasks
        .iter()
        .filter(|t| branch_of(t).is_some())
        .collect();
    let uncovered_years = uncovered_years(data, &subtree, &windows);
    let problems: Vec<TaskView> = super::tasks::views(data, &problem_tasks, today, &windows);

    let next = q.next();
    // G itself, then offices, then the rest in file order: the order reports are heard.
    let mut subtree: Vec<GroupIdx> = (0..data.groups.len())
        .filter(|&sub| branch.get(sub).copied().flatten().is_some())
        .collect();
    subtree.sort_by_key(|&sub| (sub != g, data.group(sub).kind != GroupKind::Office, sub));
    let next_stage = subtree
        .into_iter()
        .filter_map(|sub| {
            // Sorted by their keys before the views are made (see the problems).
            let mut due: Vec<(NaiveDate, u64, &Task)> = by_group
                .get(sub)
                .into_iter()
                .flatten()
                .filter_map(|&t| {
                    let falls_due = *pending_in(t, next.first_day(), next.last_day()).first()?;
                    Some((falls_due, id_order_key(&t.id), t))
                })
                .collect();
            due.sort_by(|(da, ka, a), (db, kb, b)| {
                (da, ka).cmp(&(db, kb)).then_with(|| a.id.cmp(&b.id))
            });
            let tasks: Vec<NextTask> = due
                .into_iter()
                .map(|(falls_due, _, t)| NextTask {
                    falls_due,
                    task: TaskView::graded(data, t, today, &windows),
                })
                .collect();
            (!tasks.is_empty()).then(|| NextStageGroup {
                group: data.group(sub).id.clone(),
                group_name: data.group(sub).name.clone(),
                tasks,
            })
        })
        .collect();

    let attendees = roster::show(data, Some(g), lang)
        .groups
        .into_iter()
        .next()
        .map(|gv| gv.seats)
        .unwrap_or_default();

    Agenda {
        as_of: today,
        period: q,
        next_period: next,
        quarter: q.to_string(),
        from: q.first_day(),
        to: q.last_day(),
        group: group.id.clone(),
        group_name: group.name.clone(),
        meets: group.meets.as_str(),
        meeting: meeting.map(|m| MeetingView {
            date: m.date,
            title: m.title.clone(),
            location: m.location.clone(),
            planned: m.date > today,
        }),
        chair: leader_ref(data, g, lang),
        directives,
        reports,
        problems,
        next_quarter: next.to_string(),
        next_stage,
        items: meeting.map(|m| m.items.clone()).unwrap_or_default(),
        attendees,
        uncovered_years,
    }
}

impl Agenda<'_> {
    /// Whether the group meets quarterly; the agenda of one that does not says so.
    pub fn meets_quarterly(&self) -> bool {
        self.meets == Cadence::Quarterly.as_str()
    }
}
