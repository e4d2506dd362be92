//! Meetings (planned or held) and directives from above (传达学习).

use super::{GroupIdx, Origin};
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct Meeting {
    pub group: GroupIdx,
    pub date: NaiveDate,
    pub title: Option<String>,
    pub location: Option<String>,
    pub items: Vec<String>,
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
