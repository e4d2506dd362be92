//! The official working-day calendar: weekends and statutory holidays off, made-up
//! working days (调休上班) on.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
pub struct Holiday {
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct Workday {
    pub date: NaiveDate,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Calendar {
    pub holidays: Vec<Holiday>,
    pub workdays: Vec<Workday>,
    off: BTreeSet<NaiveDate>,
    on: BTreeSet<NaiveDate>,
    /// The years the calendar speaks for: those with at least one entry.
    years: BTreeSet<i32>,
}

impl Calendar {
    pub fn new(holidays: Vec<Holiday>, workdays: Vec<Workday>) -> Calendar {
        let mut off = BTreeSet::new();
        let mut years = BTreeSet::new();
        for h in &holidays {
            let mut d = h.from;
            while d <= h.to {
                off.insert(d);
                years.insert(d.year());
                match d.succ_opt() {
                    Some(next) => d = next,
                    None => break,
                }
            }
        }
        let on: BTreeSet<NaiveDate> = workdays.iter().map(|w| w.date).collect();
        years.extend(on.iter().map(|d| d.year()));
        Calendar {
            holidays,
            workdays,
            off,
            on,
            years,
        }
    }

    /// Whether the calendar has entries for the year of `date`. Outside those years a
    /// day counts as a working day Monday to Friday.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.years.contains(&date.year())
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.on.contains(&date) {
            return true;
        }
        if self.off.contains(&date) {
            return false;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// Working days in `(after, through]`: after `after`, up to and including `through`.
    pub fn working_days_between(&self, after: NaiveDate, through: NaiveDate) -> i64 {
        if through <= after {
            return 0;
        }
        let total = (through - after).num_days();
        // Whole weeks hold five weekdays each; the calendar's exceptions are few.
        let weeks = total / 7;
        let mut count = weeks * 5;
        let mut d = after + chrono::Duration::days(weeks * 7);
        while d < through {
            d = match d.succ_opt() {
                Some(next) => next,
                None => break,
            };
            if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                count += 1;
            }
        }
        let range = (std::ops::Bound::Excluded(after), std::ops::Bound::Included(through));
        let holidays_on_weekdays = self
            .off
            .range(range)
            .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.on.contains(d))
            .count() as i64;
        let made_up = self
            .on
            .range(range)
            .filter(|d| matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .count() as i64;
        count - holidays_on_weekdays + made_up
    }

    /// The date `n` working days after `from` (n = 0 is `from` itself).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = match d.succ_opt() {
                Some(next) => next,
                None => return d,
            };
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }
}
