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
//!   overdue and blocked; and the extended tasks (延期) that are open or were done in the
//!   quarter, each with its original and its new due date.

use super::evaluation::{outcome, pending_in};
use super::roster::{self, SeatView};
use super::task_view::TaskView;
use crate::i18n;
use crate::model::{Cadence, Data, GroupIdx, GroupKind, Lang, Quarter, Role, Status, Task};
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
pub struct ProgressReport {
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
    /// Extended tasks (延期) that are open, or were done in the quarter, in file order.
    pub extended: Vec<ExtendedTask>,
}

/// A task whose deadline was moved later, for the progress report.
#[derive(Debug, Clone, Serialize)]
pub struct ExtendedTask {
    pub id: String,
    pub title: String,
    pub original_due: NaiveDate,
    pub due: NaiveDate,
    /// `due - original_due`.
    pub days: i64,
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
    pub reports: Vec<ProgressReport>,
    /// 3. Overdue or blocked tasks, most overdue first (ties by id).
    pub problems: Vec<TaskView<'d>>,
    /// 4. Open tasks falling due in the next quarter, by group: G, then offices, then
    ///    the other groups under G in file order.
    pub next_quarter: String,
    pub next_stage: Vec<NextStageGroup<'d>>,
    /// 5. The meeting's extra items.
    pub items: Vec<String>,
    /// The group's roster: leader, deputies, members.
    pub attendees: Vec<SeatView>,
}

/// Whether `g` is `root` or lies under it. Bounded by the number of groups, so a
/// cycle (which the loader rejects anyway) cannot hang it.
pub fn in_subtree(data: &Data, root: GroupIdx, g: GroupIdx) -> bool {
    let mut at = Some(g);
    for _ in 0..=data.groups.len() {
        match at {
            Some(x) if x == root => return true,
            Some(x) => at = data.groups.get(x).and_then(|gr| gr.parent),
            None => return false,
        }
    }
    false
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

fn progress(
    data: &Data,
    child: GroupIdx,
    q: Quarter,
    today: NaiveDate,
    lang: Lang,
) -> ProgressReport {
    let tasks: Vec<&Task> = data
        .tasks
        .iter()
        .filter(|t| in_subtree(data, child, t.group))
        .collect();
    let outcomes: Vec<_> = tasks
        .iter()
        .filter_map(|t| outcome(t, q, today, today))
        .collect();
    let open: Vec<&&Task> = tasks.iter().filter(|t| !t.status.is_closed()).collect();
    ProgressReport {
        group: data.group(child).id.clone(),
        group_name: data.group(child).name.clone(),
        reporter: leader_ref(data, child, lang),
        due: outcomes.len(),
        due_done: outcomes.iter().filter(|o| o.is_done()).count(),
        done_in_quarter: tasks
            .iter()
            .filter(|t| t.done_on.is_some_and(|d| q.contains(d) && d <= today))
            .count(),
        open: open.len(),
        overdue: open.iter().filter(|t| t.overdue(today).is_some()).count(),
        blocked: open.iter().filter(|t| t.status == Status::Blocked).count(),
        extended: tasks
            .iter()
            .filter(|t| {
                !t.status.is_closed()
                    || (t.status == Status::Done
                        && t.done_on.is_some_and(|d| q.contains(d) && d <= today))
            })
            .filter_map(|t| {
                Some(ExtendedTask {
                    id: t.id.clone(),
                    title: t.title.clone(),
                    original_due: t.original_due?,
                    due: t.due?,
                    days: t.extended_days()?,
                })
            })
            .collect(),
    }
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

    let reports = data
        .children(g)
        .into_iter()
        .map(|c| progress(data, c, q, today, lang))
        .collect();

    let mut problems: Vec<TaskView> = data
        .tasks
        .iter()
        .filter(|t| in_subtree(data, g, t.group))
        .filter(|t| t.overdue(today).is_some() || t.status == Status::Blocked)
        .map(|t| TaskView::new(data, t, today))
        .collect();
    problems.sort_by(|a, b| {
        b.days_overdue
            .unwrap_or(0)
            .cmp(&a.days_overdue.unwrap_or(0))
            .then_with(|| a.id.cmp(b.id))
    });

    let next = q.next();
    // G itself, then offices, then the rest in file order: the order reports are heard.
    let mut subtree: Vec<GroupIdx> = (0..data.groups.len())
        .filter(|&sub| in_subtree(data, g, sub))
        .collect();
    subtree.sort_by_key(|&sub| (sub != g, data.group(sub).kind != GroupKind::Office, sub));
    let next_stage = subtree
        .into_iter()
        .filter_map(|sub| {
            let mut tasks: Vec<NextTask> = data
                .tasks
                .iter()
                .filter(|t| t.group == sub)
                .filter_map(|t| {
                    let falls_due = *pending_in(t, next.first_day(), next.last_day()).first()?;
                    Some(NextTask {
                        falls_due,
                        task: TaskView::new(data, t, today),
                    })
                })
                .collect();
            tasks.sort_by(|a, b| {
                a.falls_due
                    .cmp(&b.falls_due)
                    .then_with(|| a.task.id.cmp(b.task.id))
            });
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
    }
}

impl Agenda<'_> {
    /// Whether the group meets quarterly; the agenda of one that does not says so.
    pub fn meets_quarterly(&self) -> bool {
        self.meets == Cadence::Quarterly.as_str()
    }
}
