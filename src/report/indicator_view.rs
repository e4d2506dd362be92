//! An indicator's progress as reports show it (SPEC: `indicators: [{name, target,
//! unit, value, as_of, share, met}]`), and how its numbers are written: a whole
//! number as an integer (`50`, not `50.0`), in JSON and YAML as on the page.

use crate::model::{Progress, rounded};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView<'d> {
    pub name: &'d str,
    #[serde(serialize_with = "amount")]
    pub target: f64,
    pub unit: Option<&'d str>,
    /// The latest reading on or before the day; null before the first.
    #[serde(serialize_with = "optional_amount")]
    pub value: Option<f64>,
    /// The date of the progress note that gave `value`.
    pub as_of: Option<NaiveDate>,
    /// `value / target`, rounded to 3 decimals (0.7 for 70%); 0 before the first
    /// reading; more than 1 past the target.
    pub share: f64,
    /// `value >= target`.
    pub met: bool,
}

impl<'d> IndicatorView<'d> {
    pub fn of(p: &Progress<'d>) -> IndicatorView<'d> {
        IndicatorView {
            name: &p.indicator.name,
            target: p.indicator.target,
            unit: p.indicator.unit.as_deref(),
            value: p.value,
            as_of: p.as_of,
            share: rounded(p.share),
            met: p.met,
        }
    }
}

/// The largest whole number an f64 holds exactly (2^53).
const EXACT: f64 = 9_007_199_254_740_992.0;

/// Whether `n` is a whole number written best as an integer.
fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() <= EXACT).then_some(n as i64)
}

/// A number as people write it: `50`, `0.85`, `1000000`.
pub fn format_amount(n: f64) -> String {
    match whole(n) {
        Some(i) => i.to_string(),
        None => n.to_string(),
    }
}

/// A share as a percentage, to one decimal where it has one: `70%`, `12.5%`.
pub fn format_share(share: f64) -> String {
    format!("{}%", format_amount((share * 1000.0).round() / 10.0))
}

pub fn amount<S: serde::Serializer>(n: &f64, s: S) -> Result<S::Ok, S::Error> {
    match whole(*n) {
        Some(i) => s.serialize_i64(i),
        None => s.serialize_f64(*n),
    }
}

fn optional_amount<S: serde::Serializer>(n: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match n {
        Some(n) => amount(n, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_written_without_a_fraction() {
        assert_eq!(format_amount(50.0), "50");
        assert_eq!(format_amount(0.85), "0.85");
        assert_eq!(format_amount(1e6), "1000000");
        assert_eq!(format_share(0.7), "70%");
        assert_eq!(format_share(0.125), "12.5%");
        assert_eq!(format_share(1.2), "120%");
        assert_eq!(format_share(2.0 / 3.0), "66.7%");
    }
}
