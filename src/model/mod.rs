//! The working group as plain data: organisation, units, people, groups, tasks,
//! meetings and the working-day calendar. No I/O happens here.
//!
//! References between records are resolved once, by the loader, into indices into the
//! vectors of [`Data`]; reports follow indices and never match names again.

mod calendar;
mod group;
mod indicator;
mod meeting;
mod office;
mod org;
mod quarter;
mod task;
mod warning;

pub use calendar::{Calendar, Holiday, Workday};
pub use group::{Cadence, Group, GroupKind, Role, RoleTitles, Seat};
pub use indicator::{BEHIND_POINTS, Indicator, Progress, Reading, rounded};
pub use meeting::{Decision, Directive, Meeting};
pub use office::{Office, OfficeIdx, QUALIFIER, qualified};
pub use org::{Lang, Org, Person, Unit, UnitKind};
pub use quarter::Quarter;
pub use task::{Repeat, Reporter, Status, TASKS_APART, Task, Tasks, Update, id_order_key};
pub use warning::{Warning, WarningRules, WarningWindows};

/// The first day wg handles: dates in the files and on the command line lie in
/// 0001-01-01..=9999-12-31, the years a TOML date (and ISO 8601 without a sign) can
/// write; nothing wg works out steps outside them.
pub const FIRST_DAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => chrono::NaiveDate::MIN,
};

/// The last day wg handles (see [`FIRST_DAY`]).
pub const LAST_DAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => chrono::NaiveDate::MAX,
};

/// Whether `date` lies in the years wg handles, 0001 to 9999.
pub fn date_in_range(date: chrono::NaiveDate) -> bool {
    (FIRST_DAY..=LAST_DAY).contains(&date)
}

/// A date as `Display` writes it, `YYYY-MM-DD`, digit by digit for the years wg
/// handles: through `Display` (chrono's formatting machinery) a date took a thousand
/// instructions, a twentieth of the view of an overdue list. Any other year goes
/// through `Display`.
pub fn iso_date(date: chrono::NaiveDate) -> std::borrow::Cow<'static, str> {
    let digits = iso_digits(date);
    match digits.as_ref().and_then(|d| std::str::from_utf8(d).ok()) {
        Some(text) => text.to_owned().into(),
        None => date.to_string().into(),
    }
}

/// The ten bytes of `YYYY-MM-DD` for a year 0–9999, `None` for any other.
pub fn iso_digits(date: chrono::NaiveDate) -> Option<[u8; 10]> {
    use chrono::Datelike;
    let year = u32::try_from(date.year()).ok().filter(|&y| y <= 9999)?;
    let (m, d) = (date.month(), date.day());
    let digit = |n: u32| b'0' + u8::try_from(n % 10).unwrap_or(0);
    Some([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ])
}

/// Whether `b` can start a whitespace character (`char::is_whitespace`): ASCII up to
/// the space, C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000–U+205F) or E3 (U+3000).
pub fn may_start_whitespace(b: u8) -> bool {
    b <= b' ' || matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3)
}

/// `s.trim()`, looked at only in its end bytes when neither end can be whitespace (as
/// for nearly every id, title and name): trimming decoded the first and last character
/// of every such string, five of them a task.
pub fn trim(s: &str) -> &str {
    let bytes = s.as_bytes();
    let first_plain = bytes.first().is_some_and(|&b| !may_start_whitespace(b));
    // The last character starts at the last byte that does not continue one.
    let last_plain = bytes
        .iter()
        .rev()
        .take(4)
        .find(|&&b| b & 0xc0 != 0x80)
        .is_some_and(|&b| !may_start_whitespace(b));
    if first_plain && last_plain {
        s
    } else {
        s.trim()
    }
}

/// A task's text (its id, title, targets, outcome, notes): borrowed from the loaded
/// file's text when the load keeps that text for the life of the process
/// ([`crate::load::load_for_process`]: a command loads once, then exits), else owned.
/// Owning each string was a third of reading 100,000 tasks (an allocation each, and the
/// memory they took).
pub type Str = std::borrow::Cow<'static, str>;

/// Index into [`Data::units`].
pub type UnitIdx = usize;
/// Index into [`Data::people`].
pub type PersonIdx = usize;
/// Index into [`Data::groups`].
pub type GroupIdx = usize;

/// Where a record was written: the file (relative to the data directory) and the
/// 1-based line of its table header. Edits and diagnostics use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Shared by every record of the file.
    pub file: std::sync::Arc<std::path::Path>,
    pub line: usize,
}

/// Everything in one data directory, validated.
#[derive(Debug, Clone)]
pub struct Data {
    pub org: Org,
    pub units: Vec<Unit>,
    pub people: Vec<Person>,
    /// In file order.
    pub groups: Vec<Group>,
    /// In file order: `tasks.toml` first, then `tasks/*.toml` by file name.
    pub tasks: Tasks,
    pub meetings: Vec<Meeting>,
    pub directives: Vec<Directive>,
    pub calendar: Option<Calendar>,
    /// Group ids, for [`Data::group_by_id`]; the loader leaves it empty.
    pub group_index: GroupIndex,
    /// The offices of a roll-up, in offices.toml's order; empty for one office's data.
    /// Each owns a run of the units, people and groups (see [`Office`]).
    pub offices: Vec<Office>,
}

/// The office whose run (`range(office)`) holds index `i`: the runs are contiguous
/// and in order, so a binary search finds it.
fn office_of(
    offices: &[Office],
    i: usize,
    range: impl Fn(&Office) -> &std::ops::Range<usize>,
) -> Option<OfficeIdx> {
    let o = offices.partition_point(|o| range(o).end <= i);
    offices
        .get(o)
        .filter(|office| range(office).contains(&i))
        .map(|_| o)
}

/// Group id → index, built on the first lookup: a search of the groups for every row
/// of a table took 5 s of a `roster show` of 40,000 groups. Not data, so its `Debug`
/// shows nothing of it.
#[derive(Clone, Default)]
pub struct GroupIndex(std::sync::OnceLock<std::collections::HashMap<String, GroupIdx>>);

impl std::fmt::Debug for GroupIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GroupIndex")
    }
}

impl Data {
    pub fn group_by_id(&self, id: &str) -> Option<GroupIdx> {
        let index = self.group_index.0.get_or_init(|| {
            let mut index = std::collections::HashMap::with_capacity(self.groups.len());
            for (g, group) in self.groups.iter().enumerate() {
                // The first group of an id, as a search in file order finds it.
                index.entry(group.id.clone()).or_insert(g);
            }
            index
        });
        index.get(id).copied()
    }

    /// Whether this is a roll-up of several offices' data.
    pub fn is_rollup(&self) -> bool {
        !self.offices.is_empty()
    }

    /// The office a group belongs to, in a roll-up.
    pub fn group_office(&self, g: GroupIdx) -> Option<OfficeIdx> {
        office_of(&self.offices, g, |o| &o.groups)
    }

    /// The office a task belongs to (its group's), in a roll-up.
    pub fn task_office(&self, task: &Task) -> Option<OfficeIdx> {
        self.group_office(task.group)
    }

    /// The office a person belongs to, in a roll-up.
    pub fn person_office(&self, p: PersonIdx) -> Option<OfficeIdx> {
        office_of(&self.offices, p, |o| &o.people)
    }

    /// The office a unit belongs to, in a roll-up.
    pub fn unit_office(&self, u: UnitIdx) -> Option<OfficeIdx> {
        office_of(&self.offices, u, |o| &o.units)
    }

    /// The office at an index, if there is one.
    pub fn office(&self, o: OfficeIdx) -> Option<&Office> {
        self.offices.get(o)
    }

    pub fn task_by_id(&self, id: &str) -> Option<&Task> {
        self.tasks.find(|t| t.id == id)
    }

    /// The one group of kind `leading` (the loader guarantees there is exactly one).
    pub fn leading_group(&self) -> GroupIdx {
        self.groups
            .iter()
            .position(|g| g.kind == GroupKind::Leading)
            .unwrap_or(0)
    }

    /// The direct children of a group: the office first, then file order.
    pub fn children(&self, parent: GroupIdx) -> Vec<GroupIdx> {
        let mut kids: Vec<GroupIdx> = (0..self.groups.len())
            .filter(|&g| self.group(g).parent == Some(parent))
            .collect();
        kids.sort_by_key(|&g| self.group(g).kind != GroupKind::Office);
        kids
    }

    /// The lead unit a task answers to: its own, or its group's.
    pub fn task_lead_unit(&self, task: &Task) -> Option<UnitIdx> {
        task.lead_unit.or(self.group(task.group).lead_unit)
    }

    // The accessors below index with indices the loader made from these very vectors
    // (references are resolved once, and nothing removes a record afterwards), so an
    // index out of range would be a bug in wg, never a consequence of the data.

    /// The group at an index the loader gave out.
    #[allow(clippy::indexing_slicing)]
    pub fn group(&self, g: GroupIdx) -> &Group {
        &self.groups[g]
    }

    /// The person at an index the loader gave out.
    #[allow(clippy::indexing_slicing)]
    pub fn person(&self, p: PersonIdx) -> &Person {
        &self.people[p]
    }

    /// The unit at an index the loader gave out.
    #[allow(clippy::indexing_slicing)]
    pub fn unit(&self, u: UnitIdx) -> &Unit {
        &self.units[u]
    }

    pub fn unit_name(&self, unit: UnitIdx) -> &str {
        &self.unit(unit).name
    }

    pub fn person_name(&self, person: PersonIdx) -> &str {
        &self.person(person).name
    }

    /// The name of the unit or person who gave a progress report.
    pub fn reporter_name(&self, reporter: Reporter) -> &str {
        match reporter {
            Reporter::Unit(u) => self.unit_name(u),
            Reporter::Person(p) => self.person_name(p),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every character at either end, or both, or inside, of an ASCII and a Chinese text.
    #[test]
    fn trim_is_strs_trim_for_every_character_at_either_end() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("{c}a"),
                format!("a{c}"),
                format!("{c}工会{c}"),
                format!("工{c}会"),
                format!("{c}{c}"),
            ] {
                assert_eq!(trim(&s), s.trim(), "U+{:04X} in {s:?}", c as u32);
            }
        }
        assert_eq!(trim(""), "");
        assert_eq!(trim("\u{3000}张 军\u{3000}"), "张 军");
    }

    proptest! {
        #[test]
        fn trim_is_strs_trim(s in "[ \t\u{3000}\u{a0}a-z工会\u{2028}\u{1680}\u{85}😀]{0,8}") {
            prop_assert_eq!(trim(&s), s.trim());
        }
    }
}
