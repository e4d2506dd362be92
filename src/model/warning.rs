//! Graded warnings (预警), as supervision offices grade their open tasks: red for
//! overdue, yellow for close to the deadline, blue (where an office uses it) for an
//! earlier notice, green for on track. The rules come from `[org.warnings]` in
//! org.toml; the arithmetic lives here, as of a day.

use super::{Calendar, Task};
use chrono::NaiveDate;

/// The level of an open task. Done and cancelled tasks have none (`Option::None`).
/// Ordered from the most to the least urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Warning {
    Red,
    Yellow,
    Blue,
    Green,
}

impl Warning {
    /// Every level with its accepted spellings: the English word, the Chinese
    /// character, and the Chinese colour word (红色预警 is said 红色).
    pub const ALL: [(&'static str, &'static str, &'static str, Warning); 4] = [
        ("red", "红", "红色", Warning::Red),
        ("yellow", "黄", "黄色", Warning::Yellow),
        ("blue", "蓝", "蓝色", Warning::Blue),
        ("green", "绿", "绿色", Warning::Green),
    ];

    /// `red`, `红` or `红色` (any case, surrounding space ignored).
    pub fn parse(s: &str) -> Option<Warning> {
        let s = s.trim().to_lowercase();
        Warning::ALL
            .iter()
            .find(|(en, zh, word, _)| *en == s || *zh == s || *word == s)
            .map(|&(_, _, _, w)| w)
    }

    /// The word JSON and YAML carry: `red`, `yellow`, `blue`, `green`.
    pub fn as_str(self) -> &'static str {
        match self {
            Warning::Red => "red",
            Warning::Yellow => "yellow",
            Warning::Blue => "blue",
            Warning::Green => "green",
        }
    }
}

/// `[org.warnings]`: when an open task turns yellow or blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WarningRules {
    /// Due within this many days (working days with a calendar): yellow. Default 3.
    pub yellow_days: u32,
    /// Due within this many days: blue, the earlier notice. `None`: no blue level.
    /// The loader makes sure it is more than `yellow_days`.
    pub blue_days: Option<u32>,
    /// A task with indicators that lags its timeline (SPEC "Behind schedule",
    /// [`Task::behind_schedule`]) is yellow, however far its due date is.
    pub behind_schedule: bool,
}

impl Default for WarningRules {
    /// SPEC: `yellow_days = 3`, no blue, no behind-schedule rule.
    fn default() -> WarningRules {
        WarningRules {
            yellow_days: 3,
            blue_days: None,
            behind_schedule: false,
        }
    }
}

impl WarningRules {
    /// The windows as of `today`, worked out once for a whole report. With a calendar,
    /// "within N days" counts N working days after today (SPEC "Within N days").
    pub fn windows(&self, today: NaiveDate, calendar: Option<&Calendar>) -> WarningWindows {
        // No window reaches past the last day wg handles (9999-12-31).
        let through = |days: u32| {
            match calendar {
                Some(cal) => cal.add_working_days(today, days),
                None => today
                    .checked_add_days(chrono::Days::new(u64::from(days)))
                    .unwrap_or(crate::model::LAST_DAY),
            }
            .min(crate::model::LAST_DAY)
        };
        WarningWindows {
            today,
            yellow_through: through(self.yellow_days),
            blue_through: self.blue_days.map(through),
            behind_schedule: self.behind_schedule,
        }
    }
}

/// The last day of each window as of one day: a task due on or after `today` and on
/// or before a window's last day is within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WarningWindows {
    pub today: NaiveDate,
    pub yellow_through: NaiveDate,
    pub blue_through: Option<NaiveDate>,
    /// The rule `behind_schedule = true`: a task behind schedule is at least yellow.
    pub behind_schedule: bool,
}

impl WarningWindows {
    /// The level of an open task whose first pending due date is `next_due` (for a
    /// repeating task, its next occurrence not yet done: red when one was missed).
    /// A task without a due date is never overdue nor close to it: green.
    pub fn level_of_due(&self, next_due: Option<NaiveDate>) -> Warning {
        match next_due {
            Some(due) if due < self.today => Warning::Red,
            Some(due) if due <= self.yellow_through => Warning::Yellow,
            Some(due) if self.blue_through.is_some_and(|blue| due <= blue) => Warning::Blue,
            _ => Warning::Green,
        }
    }

    /// The level of a task as of the windows' day; `None` for a done or cancelled one.
    /// With the behind-schedule rule, a task behind schedule (the share of its target
    /// reached lags the share of its time elapsed by more than 20 points) is yellow
    /// unless it is red already: it needs attention now, whatever its due date.
    pub fn level(&self, task: &Task) -> Option<Warning> {
        self.level_of(task, task.next_due())
    }

    /// [`WarningWindows::level`] for a caller that has the task's next due date at
    /// hand already (a repeating task's takes a walk over its occurrences).
    pub fn level_of(&self, task: &Task, next_due: Option<NaiveDate>) -> Option<Warning> {
        if task.status.is_closed() {
            return None;
        }
        let by_due = self.level_of_due(next_due);
        Some(
            if by_due > Warning::Yellow && self.behind_schedule && task.behind_schedule(self.today)
            {
                Warning::Yellow
            } else {
                by_due
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Holiday, Indicator, Reading, Repeat, Status, Update, Workday};

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn task(due: Option<&str>) -> Task {
        Task {
            due: due.map(date),
            ..Task::new("T", "t", 0)
        }
    }

    fn rules(yellow_days: u32, blue_days: Option<u32>) -> WarningRules {
        WarningRules {
            yellow_days,
            blue_days,
            behind_schedule: false,
        }
    }

    /// The level of a task due `due`, as of `today`, without a calendar.
    fn level(r: WarningRules, today: &str, due: &str) -> Option<Warning> {
        r.windows(date(today), None).level(&task(Some(due)))
    }

    #[test]
    fn defaults_are_three_yellow_days_no_blue_no_behind_schedule() {
        assert_eq!(WarningRules::default(), rules(3, None));
    }

    #[test]
    fn a_task_due_today_is_yellow_whatever_the_yellow_days() {
        for days in 0..5 {
            assert_eq!(
                level(rules(days, None), "2024-03-01", "2024-03-01"),
                Some(Warning::Yellow),
                "yellow_days = {days}"
            );
        }
    }

    #[test]
    fn a_task_due_yesterday_is_red() {
        assert_eq!(
            level(rules(3, Some(10)), "2024-03-01", "2024-02-29"),
            Some(Warning::Red)
        );
    }

    #[test]
    fn exactly_yellow_days_ahead_is_yellow_and_one_more_is_not() {
        let r = rules(3, None);
        assert_eq!(level(r, "2024-03-01", "2024-03-04"), Some(Warning::Yellow));
        assert_eq!(level(r, "2024-03-01", "2024-03-05"), Some(Warning::Green));
        let r = rules(3, Some(7));
        assert_eq!(level(r, "2024-03-01", "2024-03-05"), Some(Warning::Blue));
    }

    #[test]
    fn the_blue_window_ends_on_its_last_day() {
        let r = rules(3, Some(10));
        assert_eq!(level(r, "2024-03-01", "2024-03-11"), Some(Warning::Blue));
        assert_eq!(level(r, "2024-03-01", "2024-03-12"), Some(Warning::Green));
        // Without blue_days, there is no blue.
        assert_eq!(
            level(rules(3, None), "2024-03-01", "2024-03-11"),
            Some(Warning::Green)
        );
    }

    #[test]
    fn a_task_without_due_is_green() {
        let w = rules(3, Some(10)).windows(date("2024-03-01"), None);
        assert_eq!(w.level(&task(None)), Some(Warning::Green));
    }

    #[test]
    fn done_and_cancelled_tasks_have_no_level() {
        let w = rules(3, None).windows(date("2024-03-01"), None);
        let mut t = task(Some("2024-02-01"));
        t.status = Status::Done;
        t.done_on = Some(date("2024-02-01"));
        assert_eq!(w.level(&t), None);
        t.status = Status::Cancelled;
        assert_eq!(w.level(&t), None);
        t.status = Status::Blocked;
        assert_eq!(w.level(&t), Some(Warning::Red));
    }

    /// Friday 2024-03-01: three working days are Mon 04, Tue 05, Wed 06, so a task
    /// due on Wednesday is yellow with a calendar (and green without: 5 days ahead).
    #[test]
    fn working_days_decide_within_n_days_across_a_weekend() {
        let cal = Calendar::new(Vec::new(), Vec::new());
        let r = rules(3, None);
        let today = date("2024-03-01");
        let with = r.windows(today, Some(&cal));
        assert_eq!(with.yellow_through, date("2024-03-06"));
        assert_eq!(with.level(&task(Some("2024-03-06"))), Some(Warning::Yellow));
        assert_eq!(with.level(&task(Some("2024-03-07"))), Some(Warning::Green));
        let without = r.windows(today, None);
        assert_eq!(
            without.level(&task(Some("2024-03-06"))),
            Some(Warning::Green)
        );
    }

    /// 2024 春节: 02-10 … 02-17 off, Sunday 02-18 a working day. As of Thursday 02-08,
    /// one working day ahead is Friday 02-09, two is Sunday 02-18, three Monday 02-19.
    #[test]
    fn working_days_skip_a_holiday_and_count_a_made_up_day() {
        let cal = Calendar::new(
            vec![Holiday {
                name: "春节".into(),
                from: date("2024-02-10"),
                to: date("2024-02-17"),
            }],
            vec![Workday {
                date: date("2024-02-18"),
                name: None,
            }],
        );
        let w = rules(3, Some(4)).windows(date("2024-02-08"), Some(&cal));
        assert_eq!(w.yellow_through, date("2024-02-19"));
        assert_eq!(w.blue_through, Some(date("2024-02-20")));
        assert_eq!(w.level(&task(Some("2024-02-15"))), Some(Warning::Yellow));
        assert_eq!(w.level(&task(Some("2024-02-19"))), Some(Warning::Yellow));
        assert_eq!(w.level(&task(Some("2024-02-20"))), Some(Warning::Blue));
        assert_eq!(w.level(&task(Some("2024-02-21"))), Some(Warning::Green));
        // With yellow_days = 0, only today is yellow, even on a day off.
        let w = rules(0, None).windows(date("2024-02-10"), Some(&cal));
        assert_eq!(w.level(&task(Some("2024-02-10"))), Some(Warning::Yellow));
        assert_eq!(w.level(&task(Some("2024-02-11"))), Some(Warning::Green));
    }

    #[test]
    fn a_repeating_task_takes_the_level_of_its_next_occurrence() {
        let r = rules(3, Some(10));
        let mut t = task(Some("2024-01-31"));
        t.repeat = Some(Repeat::Monthly);
        // 01-31 done: the next is 02-29, three days before 03-03.
        t.done_through = Some(date("2024-01-31"));
        let w = r.windows(date("2024-02-26"), None);
        assert_eq!(w.level(&t), Some(Warning::Yellow));
        // 02-29 missed as of 03-01: red, however far the occurrence after it is.
        let w = r.windows(date("2024-03-01"), None);
        assert_eq!(w.level(&t), Some(Warning::Red));
        // 02-29 done too: the next, 03-31, is 30 days away.
        t.done_through = Some(date("2024-02-29"));
        assert_eq!(w.level(&t), Some(Warning::Green));
        let w = r.windows(date("2024-03-25"), None);
        assert_eq!(w.level(&t), Some(Warning::Blue));
    }

    #[test]
    fn levels_parse_in_english_and_chinese() {
        assert_eq!(Warning::parse("red"), Some(Warning::Red));
        assert_eq!(Warning::parse(" Yellow "), Some(Warning::Yellow));
        assert_eq!(Warning::parse("蓝"), Some(Warning::Blue));
        assert_eq!(Warning::parse("绿色"), Some(Warning::Green));
        assert_eq!(Warning::parse("orange"), None);
        for (en, _, _, w) in Warning::ALL {
            assert_eq!(w.as_str(), en);
        }
    }

    /// 2024-03-01 to 03-11, target 10: on 03-09 80% of the time is gone. With 5
    /// reached (50%) the task lags by 30 points: yellow with the rule, though it is due
    /// in two days only with a yellow window of 1 day (green) or a blue one (blue).
    #[test]
    fn behind_schedule_is_yellow_only_with_the_rule() {
        let mut t = task(Some("2024-03-11"));
        t.start = Some(date("2024-03-01"));
        t.indicators = vec![Indicator {
            name: "n".into(),
            target: 10.0,
            unit: None,
        }];
        let mut update = Update::new(date("2024-03-05"), "n".into());
        update.values = vec![Reading {
            indicator: 0,
            value: 5.0,
        }];
        t.updates = vec![update];
        let today = date("2024-03-09");
        assert!(t.behind_schedule(today));
        let mut r = rules(1, Some(5));
        assert_eq!(r.windows(today, None).level(&t), Some(Warning::Blue));
        r.behind_schedule = true;
        assert_eq!(r.windows(today, None).level(&t), Some(Warning::Yellow));
        // Red stays red.
        assert_eq!(
            r.windows(date("2024-03-12"), None).level(&t),
            Some(Warning::Red)
        );
        // 8 of 10 reached: 80% against 80%, not behind.
        t.updates[0].values[0].value = 8.0;
        assert_eq!(r.windows(today, None).level(&t), Some(Warning::Blue));
        // Done: no level at all.
        t.status = Status::Done;
        t.done_on = Some(today);
        assert_eq!(r.windows(today, None).level(&t), None);
    }
}
