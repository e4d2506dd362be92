//! The offices of a roll-up (逐级汇总): each a data directory of its own, read
//! read-only and merged into one [`super::Data`] whose records keep their office.
//!
//! The merge appends each office's units, people, groups and tasks in turn, so an
//! office owns one contiguous run of each vector: its ranges below say which. A task's
//! office is its group's ([`super::Data::task_office`]).

use std::ops::Range;
use std::path::PathBuf;

/// Index into [`super::Data::offices`].
pub type OfficeIdx = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// Unique in the roll-up; prefixes the office's ids: `nanjing:JH-01`.
    pub id: String,
    /// As offices.toml names it (not the office's own org name).
    pub name: String,
    pub short_name: Option<String>,
    /// The data directory as offices.toml writes it (`../nanjing-wg`).
    pub data: String,
    /// The data directory as wg opens it: the roll-up's directory joined with `data`.
    pub dir: PathBuf,
    /// The office's runs of [`super::Data::units`], `people` and `groups`.
    pub units: Range<usize>,
    pub people: Range<usize>,
    pub groups: Range<usize>,
}

impl Office {
    /// What a narrow column shows: the short name, else the name.
    pub fn label(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

/// The separator of a qualified id: `nanjing:JH-01`.
pub const QUALIFIER: char = ':';

/// `office:id`.
pub fn qualified(office: &str, id: &str) -> String {
    let mut s = String::with_capacity(office.len() + 1 + id.len());
    s.push_str(office);
    s.push(QUALIFIER);
    s.push_str(id);
    s
}
