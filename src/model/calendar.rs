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
        let range = (
            std::ops::Bound::Excluded(after),
            std::ops::Bound::Included(through),
        );
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
        let last_exception = self.off.iter().chain(self.on.iter()).max().copied();
        while left > 0 {
            // Past the last holiday or made-up day, any 7 days hold 5 working days: jump
            // whole weeks, so that `--within 100000` does not walk day by day.
            if left > 5 && last_exception.is_none_or(|last| d >= last) {
                let weeks = (left - 1) / 5;
                match d.checked_add_days(chrono::Days::new(u64::from(weeks) * 7)) {
                    Some(next) => d = next,
                    None => return NaiveDate::MAX,
                }
                left -= weeks * 5;
                continue;
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// 2024 春节: 02-10 … 02-17 off, Sundays 02-04 and 02-18 worked.
    fn spring_2024() -> Calendar {
        Calendar::new(
            vec![Holiday {
                name: "春节".into(),
                from: date("2024-02-10"),
                to: date("2024-02-17"),
            }],
            ["2024-02-04", "2024-02-18"]
                .map(|d| Workday {
                    date: date(d),
                    name: None,
                })
                .to_vec(),
        )
    }

    #[test]
    fn three_working_days_after_the_eve_of_spring_festival_end_on_monday_19th() {
        assert_eq!(
            spring_2024().add_working_days(date("2024-02-08"), 3),
            date("2024-02-19")
        );
    }

    #[test]
    fn february_2024_has_eighteen_working_days() {
        assert_eq!(
            spring_2024().working_days_between(date("2024-01-31"), date("2024-02-29")),
            18
        );
    }

    proptest! {
        #[test]
        fn working_days_between_matches_counting_day_by_day(a in 0i64..120, len in 0i64..120) {
            let cal = spring_2024();
            let after = date("2024-01-01") + chrono::Duration::days(a);
            let through = after + chrono::Duration::days(len);
            let brute = (1..=len)
                .filter(|&i| cal.is_working_day(after + chrono::Duration::days(i)))
                .count() as i64;
            prop_assert_eq!(cal.working_days_between(after, through), brute);
            let n = brute as u32;
            if n > 0 {
                // The n-th working day after `after` is the last working day counted.
                let end = cal.add_working_days(after, n);
                prop_assert!(cal.is_working_day(end) && end <= through);
                prop_assert_eq!(cal.working_days_between(after, end), brute);
            }
        }

        #[test]
        fn adding_working_days_far_ahead_matches_counting(a in 0i64..120, n in 0u32..400) {
            let cal = spring_2024();
            let from = date("2024-01-01") + chrono::Duration::days(a);
            let end = cal.add_working_days(from, n);
            prop_assert_eq!(cal.working_days_between(from, end), i64::from(n));
            prop_assert!(n == 0 || cal.is_working_day(end));
        }
    }

    #[test]
    fn adding_a_huge_number_of_working_days_is_quick() {
        let end = spring_2024().add_working_days(date("2024-01-01"), u32::MAX);
        assert_eq!(end, NaiveDate::MAX);
    }
}
