//! Tasks, their status, repetition and progress notes, the overdue arithmetic, and the
//! list of all tasks as the loader read them ([`Tasks`]).

use super::{GroupIdx, Indicator, LAST_DAY, Origin, PersonIdx, Reading, Str, UnitIdx};
use chrono::{Datelike, Months, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Status {
    #[default]
    Todo,
    InProgress,
    Blocked,
    Done,
    Cancelled,
}

impl Status {
    /// Every accepted spelling: the English word, then the Chinese one.
    pub const ALL: [(&'static str, &'static str, Status); 5] = [
        ("todo", "未开始", Status::Todo),
        ("in-progress", "进行中", Status::InProgress),
        ("blocked", "受阻", Status::Blocked),
        ("done", "已完成", Status::Done),
        ("cancelled", "已取消", Status::Cancelled),
    ];

    pub fn parse(s: &str) -> Option<Status> {
        let s = super::trim(s);
        Status::ALL
            .iter()
            .find(|(en, zh, _)| *en == s || *zh == s)
            .map(|&(_, _, status)| status)
    }

    pub fn as_str(self) -> &'static str {
        Status::ALL
            .iter()
            .find(|(_, _, st)| *st == self)
            .map_or("todo", |(en, _, _)| en)
    }

    /// Done or cancelled: nothing more is expected.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Cancelled)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    Monthly,
    Quarterly,
    Yearly,
}

impl Repeat {
    pub const ALL: [(&'static str, Repeat); 3] = [
        ("monthly", Repeat::Monthly),
        ("quarterly", Repeat::Quarterly),
        ("yearly", Repeat::Yearly),
    ];

    /// Every accepted spelling: the English words, then the Chinese ones that wg prints
    /// (每月, 每季度, 每年), which a data file may use as it may 进行中 for a status.
    pub const SPELLINGS: [(&'static str, Repeat); 6] = [
        ("monthly", Repeat::Monthly),
        ("quarterly", Repeat::Quarterly),
        ("yearly", Repeat::Yearly),
        ("每月", Repeat::Monthly),
        ("每季度", Repeat::Quarterly),
        ("每年", Repeat::Yearly),
    ];

    /// A repeat as typed in a file or on the command line, in English or Chinese.
    pub fn parse(s: &str) -> Option<Repeat> {
        let s = super::trim(s);
        Repeat::SPELLINGS
            .iter()
            .find(|(name, _)| *name == s)
            .map(|&(_, r)| r)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Repeat::Monthly => "monthly",
            Repeat::Quarterly => "quarterly",
            Repeat::Yearly => "yearly",
        }
    }

    fn months(self) -> u32 {
        match self {
            Repeat::Monthly => 1,
            Repeat::Quarterly => 3,
            Repeat::Yearly => 12,
        }
    }

    /// The `n`th occurrence of a series anchored at `first` (n = 0 is `first`): the same
    /// day of the month where it exists, else the month's last day. Counting from the
    /// anchor, not from the previous occurrence, keeps 01-31 → 02-28 → 03-31. `None`
    /// past [`LAST_DAY`]: a series ends with the last occurrence in year 9999.
    pub fn occurrence(self, first: NaiveDate, n: u32) -> Option<NaiveDate> {
        first
            .checked_add_months(Months::new(self.months().checked_mul(n)?))
            .filter(|&d| d <= LAST_DAY)
    }

    /// The first occurrence after `after` (strictly), with its index: found by month
    /// arithmetic, so a series anchored millennia ago costs no more than one anchored
    /// last month. `None` when the series has no occurrence left before [`LAST_DAY`].
    pub fn first_after(self, first: NaiveDate, after: NaiveDate) -> Option<(u32, NaiveDate)> {
        // The last occurrence in a month up to `after`'s month, if any: every earlier
        // one is in an earlier month (a whole step of months back), so at most it and
        // the one after it can be the answer.
        let n = months_between(first, after) / self.months();
        match self.occurrence(first, n) {
            Some(d) if d > after => Some((n, d)),
            _ => {
                let next = n.checked_add(1)?;
                Some((next, self.occurrence(first, next)?))
            }
        }
    }

    /// The first occurrence on or after `day`, with its index (see [`Repeat::first_after`]).
    pub fn first_on_or_after(self, first: NaiveDate, day: NaiveDate) -> Option<(u32, NaiveDate)> {
        match day.pred_opt() {
            Some(before) => self.first_after(first, before),
            None => self.occurrence(first, 0).map(|d| (0, d)),
        }
    }

    /// The index of the series' last occurrence on or before [`LAST_DAY`].
    fn last_index(self, first: NaiveDate) -> u32 {
        months_between(first, LAST_DAY) / self.months()
    }
}

/// Whole calendar months from `from`'s month to `to`'s month; 0 when `to` is earlier.
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let months = (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month());
    u32::try_from(months.max(0)).unwrap_or(u32::MAX)
}

/// Who gave a progress report: a unit or a person (`by` in `[[tasks.updates]]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reporter {
    Unit(UnitIdx),
    Person(PersonIdx),
}

/// A progress note (`[[tasks.updates]]`): the three-part report of a progress report,
/// 进展情况、存在问题、下一步措施, and who gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub date: NaiveDate,
    /// 进展情况.
    pub note: Str,
    /// 存在问题.
    pub problems: Option<Str>,
    /// 下一步措施.
    pub next_steps: Option<Str>,
    pub by: Option<Reporter>,
    /// Indicator readings as of `date` (`values`), in the order written.
    pub values: Vec<Reading>,
}

impl Update {
    /// A plain note: no problems, next steps, reporter or readings.
    pub fn new(date: NaiveDate, note: String) -> Update {
        Update {
            date,
            note: note.into(),
            problems: None,
            next_steps: None,
            by: None,
            values: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: Str,
    pub title: Str,
    pub group: GroupIdx,
    /// As written; [`super::Data::task_lead_unit`] applies the group's default.
    pub lead_unit: Option<UnitIdx>,
    pub units: Vec<UnitIdx>,
    pub owner: Option<PersonIdx>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub status: Status,
    pub done_on: Option<NaiveDate>,
    pub repeat: Option<Repeat>,
    pub done_through: Option<NaiveDate>,
    pub targets: Vec<Str>,
    pub outcome: Option<Str>,
    /// The due date before the first extension (延期), set by `wg tasks extend`.
    pub original_due: Option<NaiveDate>,
    /// The outcome requirement as numbers (`[[tasks.indicators]]`), in file order.
    pub indicators: Vec<Indicator>,
    pub updates: Vec<Update>,
    pub origin: Origin,
}

/// The tasks, in file order, held in the runs the loader read them in (one per stretch
/// of a file that a thread read): joining the runs into one vector cost a tenth of a
/// 100,000-task `wg tasks overdue`, in copying and in page faults.
#[derive(Clone, Default)]
pub struct Tasks {
    /// Never an empty run.
    runs: Vec<Vec<Task>>,
}

impl Tasks {
    /// Runs of tasks, in order; empty runs are dropped.
    pub fn from_runs(runs: Vec<Vec<Task>>) -> Tasks {
        Tasks {
            runs: runs.into_iter().filter(|r| !r.is_empty()).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.runs.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// The `i`th task in file order.
    pub fn get(&self, mut i: usize) -> Option<&Task> {
        for run in &self.runs {
            match run.get(i) {
                Some(t) => return Some(t),
                None => i -= run.len(),
            }
        }
        None
    }

    pub fn iter(&self) -> std::iter::Flatten<std::slice::Iter<'_, Vec<Task>>> {
        self.into_iter()
    }

    /// The first task, in file order, that `f` holds for. Many tasks are looked
    /// through on every core, a stretch of runs each: finding one task of 100,000 by
    /// its id took 2–3 ms on one.
    pub fn find(&self, f: impl Fn(&Task) -> bool + Sync) -> Option<&Task> {
        self.share(RUNS_APART, |runs| runs.iter().flatten().find(|t| f(t)))
            .into_iter()
            .flatten()
            .next()
    }

    /// The least of what `f` gives for the tasks, looked for as [`Tasks::find`] looks.
    pub fn min_of<K: Ord + Send>(&self, f: impl Fn(&Task) -> Option<K> + Sync) -> Option<K> {
        self.share(RUNS_APART, |runs| {
            runs.iter().flatten().filter_map(&f).min()
        })
        .into_iter()
        .flatten()
        .min()
    }

    /// `f` of stretches of the runs, in order: of all of them on this thread below
    /// [`TASKS_APART`] tasks, else of a stretch of at least `min_runs` runs on each
    /// core (see `par::map_runs`).
    pub fn share<'a, R: Send>(
        &'a self,
        min_runs: usize,
        f: impl Fn(&'a [Vec<Task>]) -> R + Sync,
    ) -> Vec<R> {
        if !self.worth_cores() {
            return vec![f(&self.runs)];
        }
        crate::par::map_runs(&self.runs, min_runs, |_, _, runs| f(runs))
    }

    /// Whether a look through every task is worth sharing among the cores: below
    /// [`TASKS_APART`] tasks it stays on this thread.
    pub fn worth_cores(&self) -> bool {
        self.len() >= TASKS_APART
    }

    /// The runs, to be moved elsewhere (a roll-up's merge).
    pub fn into_runs(self) -> Vec<Vec<Task>> {
        self.runs
    }
}

/// From how many tasks on a look through every task is shared among the cores: starting
/// a thread, and asking how many cores there are (the standard library reads the cgroup
/// files to answer), cost more than looking through an office's forty tasks; the 40-task
/// `wg tasks overdue` started a thread for its six task files.
pub const TASKS_APART: usize = 16_384;

/// From how many runs on (of a megabyte of a file each, some 3,000 tasks) a look through
/// every task is shared among the cores: for fewer, a thread costs more than it saves.
const RUNS_APART: usize = 8;

impl<'a> IntoIterator for &'a Tasks {
    type Item = &'a Task;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<Task>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.runs.iter().flatten()
    }
}

/// A list, however the runs fall.
impl std::fmt::Debug for Tasks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A number that orders ids as their text does, as far as their first eight bytes go:
/// `id_order_key(a) < id_order_key(b)` only when `a < b`; when the keys are equal, the
/// text decides. Sorts of many tasks compare the keys, which sit beside the dates
/// being sorted, instead of following every id to its text elsewhere in memory (a
/// million tasks sorted by due date and id compared ids twenty million times).
pub fn id_order_key(id: &str) -> u64 {
    let mut word = [0u8; 8];
    for (w, b) in word.iter_mut().zip(id.bytes()) {
        *w = b;
    }
    u64::from_be_bytes(word)
}

/// How far behind a task is as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overdue {
    /// The oldest missed due date.
    pub since: NaiveDate,
    /// `today - since`, at least 1.
    pub days: i64,
    /// Missed occurrences (1 for a task that does not repeat).
    pub missed: u32,
}

impl Task {
    /// A task as wg starts one: open (`todo`), with no dates, repeat, targets, notes
    /// or indicators, no lead unit, units or owner, and not yet written anywhere (an
    /// empty path, line 0). The caller sets what it knows with `Task { …, ..new }`.
    pub fn new(id: impl Into<Str>, title: impl Into<Str>, group: GroupIdx) -> Task {
        Task {
            id: id.into(),
            title: title.into(),
            group,
            lead_unit: None,
            units: Vec::new(),
            owner: None,
            start: None,
            due: None,
            status: Status::Todo,
            done_on: None,
            repeat: None,
            done_through: None,
            targets: Vec::new(),
            outcome: None,
            original_due: None,
            indicators: Vec::new(),
            updates: Vec::new(),
            origin: Origin {
                file: std::sync::Arc::from(std::path::Path::new("")),
                line: 0,
            },
        }
    }

    /// The first occurrence not yet completed: `due` for a plain task; for a repeating
    /// one, the first occurrence after `done_through` (`None` when the series is done
    /// through its last occurrence before 10000: it has no occurrence left).
    pub fn next_due(&self) -> Option<NaiveDate> {
        self.next_occurrence().map(|(_, d)| d)
    }

    /// [`Task::next_due`] with its index in the series (0 for a plain task).
    fn next_occurrence(&self) -> Option<(u32, NaiveDate)> {
        let due = self.due?;
        match (self.repeat, self.done_through) {
            (Some(repeat), Some(through)) => repeat.first_after(due, through),
            _ => Some((0, due)),
        }
    }

    /// Whether the task is overdue on `today`, and by how much. Closed tasks and tasks
    /// without `due` never are; a task due today is not.
    pub fn overdue(&self, today: NaiveDate) -> Option<Overdue> {
        if self.status.is_closed() {
            return None;
        }
        let (first_missed, since) = self.next_occurrence()?;
        if since >= today {
            return None;
        }
        let missed = match (self.repeat, self.due) {
            (Some(repeat), Some(due)) => {
                // Missed: from the next occurrence up to the last before today.
                let upcoming = repeat
                    .first_on_or_after(due, today)
                    .map_or(repeat.last_index(due).saturating_add(1), |(n, _)| n);
                upcoming.saturating_sub(first_missed)
            }
            _ => 1,
        };
        Some(Overdue {
            since,
            days: (today - since).num_days(),
            missed,
        })
    }

    /// How many days the deadline was moved by extensions (延期): `due - original_due`
    /// when `original_due` is set and earlier than `due`, else `None` (not extended).
    pub fn extended_days(&self) -> Option<i64> {
        match (self.original_due, self.due) {
            (Some(original), Some(due)) if original < due => Some((due - original).num_days()),
            _ => None,
        }
    }

    /// Done after its due date.
    pub fn is_late(&self) -> bool {
        matches!((self.done_on, self.due), (Some(done), Some(due)) if done > due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn task(due: &str, repeat: Option<Repeat>, done_through: Option<&str>) -> Task {
        Task {
            due: Some(date(due)),
            repeat,
            done_through: done_through.map(date),
            ..Task::new("T", "t", 0)
        }
    }

    #[test]
    fn find_and_min_of_look_through_every_run_in_file_order() {
        // Runs of uneven lengths, more than enough for every core to take some.
        let runs: Vec<Vec<Task>> = (0..3 * RUNS_APART)
            .map(|r| {
                (0..r % 5)
                    .map(|k| {
                        let mut t = Task::new(format!("R{r}-{k}"), "t", r);
                        t.origin.line = 1000 - 10 * r - k;
                        t
                    })
                    .collect()
            })
            .collect();
        let tasks = Tasks::from_runs(runs);
        let all: Vec<&Task> = tasks.iter().collect();
        for t in &all {
            assert_eq!(tasks.find(|x| x.id == t.id).map(|x| &*x.id), Some(&*t.id));
        }
        assert!(tasks.find(|x| x.id == "none").is_none());
        // The first in file order, not the first a core found.
        let first_late = all.iter().find(|t| t.group >= RUNS_APART).unwrap();
        assert_eq!(
            tasks.find(|x| x.group >= RUNS_APART).map(|x| &*x.id),
            Some(&*first_late.id)
        );
        let least = all.iter().map(|t| t.origin.line).min();
        assert_eq!(tasks.min_of(|t| Some(t.origin.line)), least);
        let least_over = all.iter().map(|t| t.origin.line).filter(|&l| l > 900).min();
        assert_eq!(
            tasks.min_of(|t| (t.origin.line > 900).then_some(t.origin.line)),
            least_over
        );
        assert_eq!(tasks.min_of(|_| None::<usize>), None);
    }

    #[test]
    fn monthly_from_the_31st_takes_each_months_last_day() {
        let first = date("2024-01-31");
        let got: Vec<NaiveDate> = (0..4)
            .map(|n| Repeat::Monthly.occurrence(first, n).unwrap())
            .collect();
        assert_eq!(
            got,
            ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"].map(date)
        );
        assert_eq!(
            Repeat::Monthly.occurrence(date("2023-01-31"), 1),
            Some(date("2023-02-28"))
        );
    }

    #[test]
    fn quarterly_from_november_30_lands_on_february_29_then_may_30() {
        let first = date("2023-11-30");
        assert_eq!(
            Repeat::Quarterly.occurrence(first, 1),
            Some(date("2024-02-29"))
        );
        assert_eq!(
            Repeat::Quarterly.occurrence(first, 2),
            Some(date("2024-05-30"))
        );
    }

    #[test]
    fn next_due_is_the_first_occurrence_after_done_through() {
        let t = task("2023-01-31", Some(Repeat::Monthly), Some("2023-02-28"));
        assert_eq!(t.next_due(), Some(date("2023-03-31")));
        // A done_through between occurrences counts the one before it as done.
        let t = task("2023-01-31", Some(Repeat::Monthly), Some("2023-03-15"));
        assert_eq!(t.next_due(), Some(date("2023-03-31")));
    }

    #[test]
    fn monthly_task_counts_every_missed_month_end() {
        let t = task("2023-01-31", Some(Repeat::Monthly), None);
        let o = t.overdue(date("2023-03-01")).unwrap();
        assert_eq!((o.since, o.days, o.missed), (date("2023-01-31"), 29, 2));
        let o = t.overdue(date("2023-03-31")).unwrap();
        assert_eq!(o.missed, 2, "the occurrence due today is not missed yet");
        let o = t.overdue(date("2023-04-01")).unwrap();
        assert_eq!(o.missed, 3);
    }

    #[test]
    fn task_due_today_is_not_overdue() {
        assert_eq!(
            task("2024-02-29", None, None).overdue(date("2024-02-29")),
            None
        );
        let o = task("2024-02-29", None, None)
            .overdue(date("2024-03-01"))
            .unwrap();
        assert_eq!((o.days, o.missed), (1, 1));
    }

    #[test]
    fn closed_tasks_are_never_overdue() {
        let mut t = task("2020-01-01", Some(Repeat::Monthly), None);
        t.status = Status::Cancelled;
        assert_eq!(t.overdue(date("2024-01-01")), None);
        t.status = Status::Done;
        assert_eq!(t.overdue(date("2024-01-01")), None);
    }

    fn brute_missed(t: &Task, today: NaiveDate) -> u32 {
        let (Some(repeat), Some(due)) = (t.repeat, t.due) else {
            return 0;
        };
        (0..)
            .map_while(|n| repeat.occurrence(due, n))
            .take_while(|&d| d < today)
            .filter(|&d| t.done_through.is_none_or(|through| d > through))
            .count() as u32
    }

    /// The next occurrence as it was found before it was worked out: one step at a
    /// time from the first, the reference for the arithmetic.
    fn walked_next_due(t: &Task) -> Option<NaiveDate> {
        let due = t.due?;
        match (t.repeat, t.done_through) {
            (Some(repeat), Some(through)) => (0..)
                .map_while(|n| repeat.occurrence(due, n))
                .find(|&d| d > through),
            _ => Some(due),
        }
    }

    #[test]
    fn a_series_ends_with_its_last_occurrence_in_9999() {
        let t = task("9999-12-31", Some(Repeat::Monthly), Some("9999-12-31"));
        assert_eq!(t.next_due(), None);
        assert_eq!(t.overdue(date("9999-12-31")), None);
        // Once +10000-01-30.
        let t = task("9999-12-30", Some(Repeat::Monthly), Some("9999-12-30"));
        assert_eq!(t.next_due(), None);
        let t = task("9999-11-30", Some(Repeat::Monthly), Some("9999-11-30"));
        assert_eq!(t.next_due(), Some(date("9999-12-30")));
        assert_eq!(Repeat::Yearly.occurrence(date("9999-02-28"), 1), None);
    }

    #[test]
    fn a_series_from_year_1_missed_until_9999_counts_every_occurrence() {
        let t = task("0001-01-31", Some(Repeat::Monthly), None);
        let o = t.overdue(date("9999-12-31")).unwrap();
        // Every month of 9999 years but the last, which falls due today.
        assert_eq!((o.since, o.missed), (date("0001-01-31"), 9999 * 12 - 1));
        let t = task("0001-01-15", Some(Repeat::Yearly), None);
        let o = t.overdue(date("9999-12-31")).unwrap();
        assert_eq!(o.missed, 9999, "all of them, the last one too");
        assert_eq!(o.missed, brute_missed(&t, date("9999-12-31")));
    }

    #[test]
    fn next_due_jumps_over_thousands_of_years_as_walking_would() {
        for (due, through, repeat) in [
            ("0001-01-31", "9000-06-28", Repeat::Monthly),
            ("0001-01-31", "9000-02-28", Repeat::Monthly),
            ("0001-01-31", "9000-03-30", Repeat::Monthly),
            ("0004-02-29", "8000-02-28", Repeat::Yearly),
            ("0004-02-29", "8000-02-29", Repeat::Yearly),
            ("0001-11-30", "9999-02-27", Repeat::Quarterly),
            ("2023-01-31", "2022-12-31", Repeat::Monthly),
            ("2023-01-31", "2023-01-30", Repeat::Monthly),
            ("2023-01-31", "2023-01-31", Repeat::Monthly),
        ] {
            let t = task(due, Some(repeat), Some(through));
            assert_eq!(t.next_due(), walked_next_due(&t), "{due} {through}");
        }
    }

    /// Dates anywhere in 0001..=9999: mostly a done_through a few years after the due
    /// date (each case walks as many occurrences), some near either end of the range.
    fn any_date() -> impl Strategy<Value = NaiveDate> {
        prop_oneof![
            (0i64..3_652_059).prop_map(|d| FIRST + chrono::Duration::days(d)),
            (0i64..800).prop_map(|d| LAST_DAY - chrono::Duration::days(d)),
            (0i64..800).prop_map(|d| FIRST + chrono::Duration::days(d)),
        ]
    }

    const FIRST: NaiveDate = crate::model::FIRST_DAY;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]
        #[test]
        fn next_due_by_arithmetic_matches_walking_the_occurrences(
            due in any_date(),
            through_offset in prop_oneof![-400i64..400, -40i64..4000, Just(0), Just(-1), Just(1)],
            r in 0usize..3,
        ) {
            let repeat = Repeat::ALL[r].1;
            let mut t = task("2019-01-01", Some(repeat), None);
            t.due = Some(due);
            let Some(through) = due.checked_add_signed(chrono::Duration::days(through_offset))
                .filter(|&d| crate::model::date_in_range(d)) else {
                return Ok(());
            };
            t.done_through = Some(through);
            prop_assert_eq!(t.next_due(), walked_next_due(&t));
            if let Some(next) = t.next_due() {
                prop_assert!(next > through && crate::model::date_in_range(next));
            }
        }

        #[test]
        fn missed_matches_counting_one_by_one_near_the_end_of_the_range(
            due_back in 0i64..3000,
            through_offset in proptest::option::of(-40i64..2000),
            today_back in 0i64..400,
            r in 0usize..3,
        ) {
            let repeat = Repeat::ALL[r].1;
            let mut t = task("2019-01-01", Some(repeat), None);
            let due = LAST_DAY - chrono::Duration::days(due_back);
            t.due = Some(due);
            t.done_through = through_offset
                .map(|o| due + chrono::Duration::days(o))
                .filter(|&d| crate::model::date_in_range(d));
            let today = LAST_DAY - chrono::Duration::days(today_back);
            prop_assert_eq!(t.overdue(today).map_or(0, |o| o.missed), brute_missed(&t, today));
        }
    }

    proptest! {
        #[test]
        fn id_keys_order_ids_as_their_text(
            a in prop_oneof!["[A-Z]{2}-[0-9]{1,7}", ".{0,12}", Just(String::new())],
            b in prop_oneof!["[A-Z]{2}-[0-9]{1,7}", ".{0,12}", Just("a\0".to_owned())],
        ) {
            let by_key = id_order_key(&a).cmp(&id_order_key(&b)).then_with(|| a.cmp(&b));
            prop_assert_eq!(by_key, a.cmp(&b));
        }

        #[test]
        fn missed_matches_counting_one_by_one(
            due_days in 0i64..3000,
            through_offset in proptest::option::of(-40i64..2000),
            today_offset in -40i64..2500,
            r in 0usize..3,
        ) {
            let base = date("2019-01-01");
            let due = base + chrono::Duration::days(due_days);
            let repeat = Repeat::ALL[r].1;
            let mut t = task("2019-01-01", Some(repeat), None);
            t.due = Some(due);
            t.done_through = through_offset.map(|o| due + chrono::Duration::days(o));
            let today = due + chrono::Duration::days(today_offset);
            let expected = brute_missed(&t, today);
            let got = t.overdue(today).map_or(0, |o| o.missed);
            prop_assert_eq!(got, expected);
        }
    }
}
