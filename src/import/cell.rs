//! One cell of a ledger and the ways offices write into it: dates as date cells or typed
//! (2026年9月30日, 2026/9/30, 2026.9.30, 2026-09-30, 2026年9月底), no deadline as
//! 长期/持续推进/常态化, several units in one cell, a status in Chinese or English.
//! The typed dates ([`date`]) and the status words ([`status`]) are also what a filled
//! feedback form is read with ([`crate::forms::read`]): one spelling, one answer.

use crate::model::Status;
use chrono::{Datelike, NaiveDate};

/// A cell as read from the sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    /// A date cell (of a workbook).
    Date(NaiveDate),
}

impl Cell {
    /// Text as read; a cell of nothing but whitespace is empty.
    pub fn text(s: &str) -> Cell {
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_owned())
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as text, trimmed: a whole number without its `.0`, a date as
    /// YYYY-MM-DD.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// What a deadline cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    On(NaiveDate),
    /// 长期, 持续推进, 常态化: no deadline.
    Ongoing,
}

/// The words that mean "no deadline".
pub const ONGOING: [&str; 5] = ["长期", "持续推进", "常态化", "长期坚持", "持续"];

/// A deadline cell; `None` when it cannot be read.
pub fn due(cell: &Cell) -> Option<Due> {
    match cell {
        Cell::Date(d) => crate::model::date_in_range(*d).then_some(Due::On(*d)),
        Cell::Text(s) => {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            if ONGOING.contains(&s.as_str()) {
                return Some(Due::Ongoing);
            }
            date(&s).map(Due::On)
        }
        Cell::Number(_) | Cell::Empty => None,
    }
}

/// A date typed as text, as both the ledger import and the form intake read it:
/// 2026-09-30, 2026/9/30, 2026.9.30 (one separator throughout: 2026/9.30 is not a
/// date), 2026年9月30日 (also with 号, or with neither), and the end of a month or year:
/// 2026年9月底, 2026年9月末, 2026年9月, 2026年底, 2026年末. Whitespace anywhere is
/// ignored. The year has four digits and the day is one wg handles (0001–9999).
pub fn date(s: &str) -> Option<NaiveDate> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    typed_date(&s).filter(|d| crate::model::date_in_range(*d))
}

/// [`date`] without the range check, on text without whitespace.
fn typed_date(s: &str) -> Option<NaiveDate> {
    if let Some(rest) = s.strip_suffix("年底").or_else(|| s.strip_suffix("年末")) {
        return NaiveDate::from_ymd_opt(year(rest)?, 12, 31);
    }
    if let Some((y, rest)) = s.split_once('年') {
        let y = year(y)?;
        let (m, rest) = rest.split_once('月')?;
        let m = number(m)?;
        return match rest {
            "" | "底" | "末" => month_end(y, m),
            _ => {
                let d = rest
                    .strip_suffix('日')
                    .or_else(|| rest.strip_suffix('号'))
                    .unwrap_or(rest);
                NaiveDate::from_ymd_opt(y, m, number(d)?)
            }
        };
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [y, m, d]
            if s.chars()
                .filter(|c| matches!(c, '-' | '/' | '.'))
                .all_same() =>
        {
            NaiveDate::from_ymd_opt(year(y)?, number(m)?, number(d)?)
        }
        _ => None,
    }
}

/// Whether every item is the same (the separators of a date: 2026/9.30 is not one).
trait AllSame {
    fn all_same(self) -> bool;
}

impl<I: Iterator<Item = char>> AllSame for I {
    fn all_same(mut self) -> bool {
        match self.next() {
            None => true,
            Some(first) => self.all(|c| c == first),
        }
    }
}

fn year(s: &str) -> Option<i32> {
    let s = s.trim();
    (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn number(s: &str) -> Option<u32> {
    let s = s.trim();
    (!s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(first.year(), m + 1, 1)?
    };
    next.pred_opt()
}

/// The names in one cell: separated by 、，,;； or line breaks, each trimmed.
pub fn split_names(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', ';', '；', '\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A status word: the English words (any case) and the Chinese ones the files accept,
/// with 未启动/已办结/办结/完成 as offices also write them.
pub fn status(s: &str) -> Option<Status> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(&(_, _, st)) = Status::ALL
        .iter()
        .find(|(en, zh, _)| t == *zh || t.eq_ignore_ascii_case(en))
    {
        return Some(st);
    }
    match t.as_str() {
        "未启动" | "待办" => Some(Status::Todo),
        "推进中" | "正在推进" => Some(Status::InProgress),
        "已办结" | "办结" | "完成" => Some(Status::Done),
        "取消" => Some(Status::Cancelled),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    /// Every spelling the ledger import and the form intake read, and what they refuse.
    #[test]
    fn dates_are_read_as_offices_type_them() {
        let table: &[(&str, Option<NaiveDate>)] = &[
            ("2026年9月30日", d(2026, 9, 30)),
            ("2026年9月30号", d(2026, 9, 30)),
            ("2026年9月30", d(2026, 9, 30)),
            (" 2026 年 9 月 30 日 ", d(2026, 9, 30)),
            ("2026/9/30", d(2026, 9, 30)),
            ("2026.9.30", d(2026, 9, 30)),
            ("2026-09-30", d(2026, 9, 30)),
            ("2026 - 09 - 30", d(2026, 9, 30)),
            ("2026年2月底", d(2026, 2, 28)),
            ("2026年2月末", d(2026, 2, 28)),
            ("2028年2月", d(2028, 2, 29)),
            ("2026年12月底", d(2026, 12, 31)),
            ("2026年底", d(2026, 12, 31)),
            ("2026年末", d(2026, 12, 31)),
            ("0001-01-01", d(1, 1, 1)),
            ("9999年底", d(9999, 12, 31)),
            // The years wg handles are 0001 to 9999.
            ("0000-06-30", None),
            ("0000年6月底", None),
            ("0000年底", None),
            // One separator throughout.
            ("2026/9.30", None),
            ("2026年9/30", None),
            ("2026-09-30日", None),
            ("2026年13月1日", None),
            ("2026年9月31日", None),
            ("2026-02-30", None),
            ("26/9/30", None),
            ("9月底", None),
            ("九月底", None),
            ("下半年", None),
            ("", None),
        ];
        for (typed, want) in table {
            assert_eq!(date(typed), *want, "{typed:?}");
        }
    }

    #[test]
    fn date_cells_outside_the_years_are_not_deadlines() {
        assert_eq!(
            due(&Cell::Date(d(2026, 9, 30).unwrap())),
            d(2026, 9, 30).map(Due::On)
        );
        assert_eq!(due(&Cell::Date(d(0, 6, 30).unwrap())), None);
        assert_eq!(due(&Cell::Date(d(10000, 1, 1).unwrap())), None);
        assert_eq!(due(&Cell::text("0000-06-30")), None);
    }

    #[test]
    fn ongoing_words_mean_no_deadline() {
        assert_eq!(due(&Cell::text("长期")), Some(Due::Ongoing));
        assert_eq!(due(&Cell::text(" 持续推进 ")), Some(Due::Ongoing));
        assert_eq!(due(&Cell::text("常态化")), Some(Due::Ongoing));
        assert_eq!(due(&Cell::Number(46295.0)), None);
    }

    #[test]
    fn names_split_on_every_separator() {
        assert_eq!(
            split_names("组织部、 宣传部，法律工作部\n权益保障部;女职工部"),
            ["组织部", "宣传部", "法律工作部", "权益保障部", "女职工部"]
        );
    }

    #[test]
    fn statuses_in_both_languages() {
        assert_eq!(status("进行中"), Some(Status::InProgress));
        assert_eq!(status("In-Progress"), Some(Status::InProgress));
        assert_eq!(status("已办结"), Some(Status::Done));
        assert_eq!(status(" 完成 "), Some(Status::Done));
        assert_eq!(status("DONE"), Some(Status::Done));
        assert_eq!(status("取消"), Some(Status::Cancelled));
        assert_eq!(status("快好了"), None);
    }
}
