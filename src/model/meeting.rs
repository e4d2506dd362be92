//! Meetings (planned or held) and directives from above (传达学习).

use super::{GroupIdx, Origin, PersonIdx, UnitIdx};
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct Meeting {
    pub group: GroupIdx,
    pub date: NaiveDate,
    pub title: Option<String>,
    pub location: Option<String>,
    pub items: Vec<String>,
    /// What the meeting decided (议定事项), in file order.
    pub decisions: Vec<Decision>,
    pub origin: Origin,
}

/// One decision of a meeting (`[[meetings.decisions]]`): what is to be done, by whom
/// and by when; `task` is the task that tracks it once `wg tasks add --from-meeting`
/// has made one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub text: String,
    pub lead_unit: Option<UnitIdx>,
    pub units: Vec<UnitIdx>,
    pub owner: Option<PersonIdx>,
    pub due: Option<NaiveDate>,
    /// The group that is to own its task.
    pub group: Option<GroupIdx>,
    /// The id of the task that tracks it, as written (checked against the tasks).
    pub task: Option<String>,
    /// The line of its `[[meetings.decisions]]` header.
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Directive {
    pub title: String,
    pub from: Option<String>,
    pub date: NaiveDate,
    pub studied_on: Option<NaiveDate>,
    pub origin: Origin,
}
