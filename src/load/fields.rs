//! Reads the fields of one TOML table into typed values, reporting every problem
//! (unknown key, wrong type, missing key, bad date) with its span. Each getter marks
//! its key as known; [`Fields::finish`] then reports the keys nobody asked for.

use super::diagnostic::{Diagnostic, FileId};
use super::suggest;
use crate::i18n::{Text, msg};
use chrono::NaiveDate;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

pub type Span = Range<usize>;

/// A table's entries in the order the file gives them. toml keeps a table's keys
/// sorted (its `preserve_order`, an IndexMap with SipHash, took a twentieth of the
/// office's start-up), so what is kept in the file's order, or told apart by it (an
/// update's indicator readings: which one was given first), is read through this.
/// Diagnostics need not be: the loader sorts them by file and place.
pub fn in_file_order<'a, 'i>(
    table: &'a DeTable<'i>,
) -> Vec<(
    &'a toml::Spanned<std::borrow::Cow<'i, str>>,
    &'a toml::Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// A value with the byte span it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Sp<T> {
        Sp { value, span }
    }
}

/// Known misspellings and synonyms of keys, by their letters alone (lowercase, no `_`
/// or `-`). Edit distance alone would not get from `dead_line` to `due`.
const SYNONYMS: &[(&str, &str)] = &[
    ("deadline", "due"),
    ("duedate", "due"),
    ("dueon", "due"),
    ("enddate", "due"),
    ("end", "due"),
    ("startdate", "start"),
    ("begin", "start"),
    ("doneat", "done_on"),
    ("donedate", "done_on"),
    ("completed", "done_on"),
    ("completedon", "done_on"),
    ("finished", "done_on"),
    ("state", "status"),
    ("responsible", "owner"),
    ("assignee", "owner"),
    ("person", "owner"),
    ("leadunit", "lead_unit"),
    ("lead", "lead_unit"),
    ("supportingunits", "units"),
    ("memberunits", "member_units"),
    ("deputy", "deputies"),
    ("viceleader", "deputies"),
    ("member", "members"),
    ("executive", "executive_deputy"),
    ("duty", "duties"),
    ("recurrence", "repeat"),
    ("recur", "repeat"),
    ("goal", "target"),
    ("frequency", "repeat"),
    ("cadence", "meets"),
    ("tz", "timezone"),
    ("zone", "timezone"),
    ("language", "lang"),
    ("alias", "aliases"),
    ("shortname", "short_name"),
    ("abbr", "short_name"),
    ("mail", "email"),
    ("position", "title"),
    ("target", "targets"),
    ("notes", "updates"),
    ("note", "updates"),
    ("progress", "updates"),
    ("host", "host_unit"),
    ("place", "location"),
    ("agenda", "items"),
    ("issuer", "from"),
    ("studied", "studied_on"),
    ("holiday", "holidays"),
    ("workday", "workdays"),
];

/// The best guess at which allowed key was meant.
pub fn suggest_key(key: &str, allowed: &[&str]) -> Option<String> {
    let letters: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(&(_, to)) = SYNONYMS.iter().find(|(from, _)| *from == letters)
        && allowed.contains(&to)
    {
        return Some(to.to_owned());
    }
    if let Some(found) = allowed
        .iter()
        .find(|a| a.chars().filter(|c| *c != '_').collect::<String>() == letters)
    {
        return Some((*found).to_owned());
    }
    suggest::closest(key, allowed.iter().copied(), 3)
        .into_iter()
        .next()
        .map(str::to_owned)
}

pub struct Fields<'a, 'i> {
    pub file: FileId,
    pub table: &'a DeTable<'i>,
    /// Span of the table itself (its header, for `[[x]]`).
    pub span: Span,
    /// What the table is, for messages: `task`, `unit`, `[org]` ([`msg::what_task`] …).
    pub what: Text,
    allowed: &'static [&'static str],
    pub diags: &'a mut Vec<Diagnostic>,
    ok: bool,
}

/// The tables a file's keys belong in (`("[[tasks]]", TASK)`), so that a key written
/// above its table's header line can be told apart from a misspelt one.
pub type Homes = &'static [(&'static str, &'static [&'static str])];

impl<'a, 'i> Fields<'a, 'i> {
    pub fn new(
        file: FileId,
        table: &'a DeTable<'i>,
        span: Span,
        what: Text,
        allowed: &'static [&'static str],
        diags: &'a mut Vec<Diagnostic>,
    ) -> Fields<'a, 'i> {
        Fields::file_top(file, table, span, what, allowed, &[], diags)
    }

    /// The top level of a file, whose keys are tables (`homes`).
    pub fn file_top(
        file: FileId,
        table: &'a DeTable<'i>,
        span: Span,
        what: Text,
        allowed: &'static [&'static str],
        homes: Homes,
        diags: &'a mut Vec<Diagnostic>,
    ) -> Fields<'a, 'i> {
        let mut fields = Fields {
            file,
            table,
            span,
            what,
            allowed,
            diags,
            ok: true,
        };
        fields.check_unknown_keys(homes);
        fields
    }

    /// Whether every field read so far was well formed.
    pub fn ok(&self) -> bool {
        self.ok
    }

    pub fn error(&mut self, diag: Diagnostic) {
        if diag.is_error() {
            self.ok = false;
        }
        self.diags.push(diag);
    }

    fn check_unknown_keys(&mut self, homes: Homes) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if self.allowed.contains(&name) {
                continue;
            }
            let headers: Vec<&str> = homes
                .iter()
                .filter(|(_, keys)| keys.contains(&name))
                .map(|(header, _)| *header)
                .collect();
            let mut diag = Diagnostic::error(msg::unknown_key(name, &self.what))
                .at(self.file, key.span())
                .label(msg::unknown_key_label());
            diag = match (headers.as_slice(), suggest_key(name, self.allowed)) {
                ([header], _) if header.starts_with("[[") => diag
                    .label(msg::outside_any_table())
                    .help(msg::key_belongs_in_entry(name, header)),
                ([header], _) => diag
                    .label(msg::outside_any_table())
                    .help(msg::key_belongs_in(name, header)),
                ([_, ..], _) => diag
                    .label(msg::outside_any_table())
                    .help(msg::key_belongs_in_one_of(name, &headers.join(", "))),
                ([], Some(s)) => diag.help(msg::did_you_mean_key(&s)),
                ([], None) => diag.help(msg::keys_are(&self.what, &msg::plain_list(self.allowed))),
            };
            self.error(diag);
        }
    }

    fn raw(&self, key: &str) -> Option<(&'a DeValue<'i>, Span)> {
        self.table.get(key).map(|v| (v.get_ref(), v.span()))
    }

    fn type_error(&mut self, key: &str, expected: Expected, found: &DeValue<'_>, span: Span) {
        let wanted = expected.text();
        let mut diag = Diagnostic::error(msg::must_be(key, &self.what, &wanted, &describe(found)))
            .at(self.file, span)
            .label(msg::expected(&wanted));
        if let (Expected::Date, DeValue::String(text)) = (expected, found) {
            diag = match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
                Ok(date) => diag.help(msg::remove_the_quotes(key, date)),
                Err(_) => diag.help(msg::dates_without_quotes()),
            };
        } else if expected == Expected::StrList && found.is_str() {
            diag = diag.help(msg::put_it_in_brackets(key));
        } else if let DeValue::String(text) = found {
            // `yellow_days = "3"`, `behind_schedule = "true"`: the quotes are the slip.
            let text = text.trim();
            let unquoted = match expected {
                Expected::Int => text.parse::<i64>().is_ok(),
                Expected::Bool => text == "true" || text == "false",
                _ => false,
            };
            if unquoted {
                diag = diag.help(msg::remove_the_quotes_from(key, text));
            }
        }
        self.error(diag);
    }

    pub fn missing(&mut self, key: &str) {
        self.missing_one_of(key, &[]);
    }

    /// A required key is missing; `choices` are the values it may take, for the hint.
    pub fn missing_one_of(&mut self, key: &str, choices: &[&str]) {
        let help = match choices {
            [] => msg::add_key(key),
            [one] => msg::add_key_value(key, one),
            many => msg::add_key_one_of(key, &msg::or_list(many)),
        };
        let diag = Diagnostic::error(msg::missing_key(&self.what, key))
            .at(self.file, self.span.clone())
            .label(msg::no_key_here(key))
            .help(help);
        self.error(diag);
    }

    pub fn str(&mut self, key: &str) -> Option<Sp<String>> {
        let (value, span) = self.raw(key)?;
        match value {
            DeValue::String(s) => Some(Sp::new(s.to_string(), span)),
            other => {
                self.type_error(key, Expected::Str, other, span);
                None
            }
        }
    }

    pub fn req_str(&mut self, key: &str) -> Option<Sp<String>> {
        if self.raw(key).is_none() {
            self.missing(key);
            return None;
        }
        let s = self.str(key)?;
        if s.value.trim().is_empty() {
            let diag = Diagnostic::error(msg::key_is_empty(key, &self.what))
                .at(self.file, s.span.clone())
                .label(msg::empty());
            self.error(diag);
            return None;
        }
        Some(s)
    }

    pub fn str_list(&mut self, key: &str) -> Vec<Sp<String>> {
        let Some((value, span)) = self.raw(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value else {
            self.type_error(key, Expected::StrList, value, span);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Sp::new(s.to_string(), item.span())),
                other => self.type_error(key, Expected::StrList, other, item.span()),
            }
        }
        out
    }

    pub fn date(&mut self, key: &str) -> Option<Sp<NaiveDate>> {
        let (value, span) = self.raw(key)?;
        let DeValue::Datetime(dt) = value else {
            self.type_error(key, Expected::Date, value, span);
            return None;
        };
        match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                match NaiveDate::from_ymd_opt(i32::from(d.year), d.month.into(), d.day.into()) {
                    Some(date) if crate::model::date_in_range(date) => Some(Sp::new(date, span)),
                    // TOML writes the years 0000 to 9999; wg's dates start with year 1.
                    Some(_) => {
                        let diag = Diagnostic::error(msg::key_outside_the_years(
                            key,
                            &self.what,
                            &d.to_string(),
                        ))
                        .at(self.file, span)
                        .label(msg::year_0000())
                        .help(msg::out_of_range_help());
                        self.error(diag);
                        None
                    }
                    None => {
                        let diag = Diagnostic::error(msg::key_not_a_real_date(
                            key,
                            &self.what,
                            &d.to_string(),
                        ))
                        .at(self.file, span)
                        .label(msg::no_such_day());
                        self.error(diag);
                        None
                    }
                }
            }
            (Some(d), _, _) => {
                let diag = Diagnostic::error(msg::key_is_a_date_time(key, &self.what))
                    .at(self.file, span)
                    .label(msg::has_a_time_of_day())
                    .help(msg::write_the_date_alone(key, &d.to_string()));
                self.error(diag);
                None
            }
            // The parser's stand-in for an impossible date, already reported.
            (None, None, None) => {
                self.ok = false;
                None
            }
            (None, _, _) => {
                self.type_error(key, Expected::Date, value, span);
                None
            }
        }
    }

    pub fn req_date(&mut self, key: &str) -> Option<Sp<NaiveDate>> {
        if self.raw(key).is_none() {
            self.missing(key);
            return None;
        }
        self.date(key)
    }

    /// A whole number. A fraction, or a number too large for 64 bits, is reported.
    pub fn int(&mut self, key: &str) -> Option<Sp<i64>> {
        let (value, span) = self.raw(key)?;
        match value {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(Sp::new(n, span)),
                Err(_) => {
                    let diag = Diagnostic::error(msg::key_too_large(key, &self.what))
                        .at(self.file, span)
                        .label(msg::too_large_a_number());
                    self.error(diag);
                    None
                }
            },
            DeValue::Float(f) => {
                let diag = Diagnostic::error(msg::key_not_whole(key, &self.what, f.as_str()))
                    .at(self.file, span)
                    .label(msg::not_a_whole_number())
                    .help(msg::write_a_whole_number(key));
                self.error(diag);
                None
            }
            other => {
                self.type_error(key, Expected::Int, other, span);
                None
            }
        }
    }

    /// A number, whole or not (`50`, `0.85`), and finite.
    pub fn number(&mut self, key: &str) -> Option<Sp<f64>> {
        let (value, span) = self.raw(key)?;
        match number(value, &msg::key_in(key, &self.what), key) {
            Ok(n) => Some(Sp::new(n, span)),
            Err(problem) => {
                let diag = problem.at(self.file, span);
                self.error(diag);
                None
            }
        }
    }

    pub fn req_number(&mut self, key: &str) -> Option<Sp<f64>> {
        if self.raw(key).is_none() {
            self.missing(key);
            return None;
        }
        self.number(key)
    }

    /// `true` or `false`.
    pub fn bool(&mut self, key: &str) -> Option<Sp<bool>> {
        let (value, span) = self.raw(key)?;
        match value {
            DeValue::Boolean(b) => Some(Sp::new(*b, span)),
            other => {
                self.type_error(key, Expected::Bool, other, span);
                None
            }
        }
    }

    /// A string that must be one of `choices` (by its text); reports the choices.
    pub fn choice<T: Copy>(&mut self, key: &str, choices: &[(&str, T)]) -> Option<Sp<T>> {
        let s = self.str(key)?;
        if let Some((_, v)) = choices.iter().find(|(name, _)| *name == s.value.trim()) {
            return Some(Sp::new(*v, s.span));
        }
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        let mut diag = Diagnostic::error(msg::key_cannot_be(key, &self.what, &s.value))
            .at(self.file, s.span)
            .label(msg::not_one_of(&msg::plain_list(&names)));
        // Among a few fixed words, a guess that differs in half the word ("每周" → "每年")
        // is no typo of it.
        let close = |guess: &&str| {
            2 * strsim::levenshtein(s.value.trim(), guess) < s.value.trim().chars().count()
        };
        if let Some(guess) = suggest::closest(s.value.trim(), names.iter().copied(), 3)
            .into_iter()
            .find(close)
        {
            diag = diag.help(msg::did_you_mean(guess));
        }
        self.error(diag);
        None
    }

    /// An IANA time zone (`Asia/Shanghai`), as org.toml's and offices.toml's
    /// `timezone` name it.
    pub fn timezone(&mut self, key: &str) -> Option<chrono_tz::Tz> {
        let tz = self.str(key)?;
        match tz.value.trim().parse() {
            Ok(zone) => Some(zone),
            Err(_) => {
                self.error(
                    Diagnostic::error(msg::unknown_time_zone(&tz.value))
                        .at(self.file, tz.span)
                        .label(msg::not_an_iana_zone())
                        .help(msg::time_zone_like()),
                );
                None
            }
        }
    }

    /// An array of tables (`[[tasks.updates]]` or `updates = [{…}]`).
    pub fn tables(&mut self, key: &str) -> Vec<(&'a DeTable<'i>, Span)> {
        let Some((value, span)) = self.raw(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value else {
            self.type_error(key, Expected::Tables, value, span);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span())),
                other => self.type_error(key, Expected::Tables, other, item.span()),
            }
        }
        out
    }

    /// An inline table such as `role_titles = { leader = "主任" }`.
    pub fn table(&mut self, key: &str) -> Option<(&'a DeTable<'i>, Span)> {
        let (value, span) = self.raw(key)?;
        match value {
            DeValue::Table(t) => Some((t, span)),
            other => {
                self.type_error(key, Expected::Table, other, span);
                None
            }
        }
    }
}

/// What a value must be, for type errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expected {
    Str,
    StrList,
    Date,
    Tables,
    Table,
    Int,
    Bool,
}

impl Expected {
    fn text(self) -> Text {
        match self {
            Expected::Str => msg::a_string(),
            Expected::StrList => msg::a_list_of_strings(),
            Expected::Date => msg::a_date(),
            Expected::Tables => msg::a_list_of_tables(),
            Expected::Table => msg::a_table(),
            Expected::Int => msg::a_whole_number(),
            Expected::Bool => msg::true_or_false(),
        }
    }
}

/// Why a value is not a number, ready to be placed (`at`) where it is written.
pub struct NotANumber {
    message: Text,
    label: Text,
    help: Text,
}

impl NotANumber {
    pub fn at(self, file: FileId, span: Span) -> Diagnostic {
        Diagnostic::error(self.message)
            .at(file, span)
            .label(self.label)
            .help(self.help)
    }
}

/// A TOML integer or float as a finite number. `what` names the value in the message
/// (`` `target` in indicator ``), `key` is written in the hint as the key to type
/// (`target`, or `"新建"` for a reading).
pub fn number(value: &DeValue<'_>, what: &Text, key: &str) -> Result<f64, Box<NotANumber>> {
    let written = match value {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|n| n as f64),
        DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
        DeValue::String(text) => {
            let text = text.trim();
            // `"50"`: the quotes are the slip. `"50家"`: the unit is.
            let digits: String = text
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let help = if text.parse::<f64>().is_ok_and(f64::is_finite) {
                msg::remove_the_quotes_from(key, text)
            } else if !digits.is_empty() && digits.parse::<f64>().is_ok() {
                let rest = text.get(digits.len()..).unwrap_or("").trim();
                if key == "target" {
                    msg::number_alone_and_unit(&digits, rest)
                } else {
                    msg::number_alone(key, &digits)
                }
            } else {
                msg::number_without_quotes(key)
            };
            return Err(Box::new(NotANumber {
                message: msg::must_be_a_number(what, &msg::a_string()),
                label: msg::expected_a_number(),
                help,
            }));
        }
        other => {
            return Err(Box::new(NotANumber {
                message: msg::must_be_a_number(what, &describe(other)),
                label: msg::expected_a_number(),
                help: msg::write_a_number(key),
            }));
        }
    };
    match written {
        Some(n) if n.is_finite() => Ok(n),
        _ => Err(Box::new(NotANumber {
            message: msg::not_a_finite_number_in(what),
            label: msg::not_a_finite_number(),
            help: msg::write_an_ordinary_number(key),
        })),
    }
}

/// "a number", "a list", … for type errors.
pub fn describe(value: &DeValue<'_>) -> Text {
    match value {
        DeValue::String(_) => msg::a_string(),
        DeValue::Integer(_) => msg::a_number(),
        DeValue::Float(_) => msg::a_number(),
        DeValue::Boolean(_) => msg::true_false(),
        DeValue::Datetime(dt) if dt.time.is_some() && dt.date.is_some() => msg::a_date_time(),
        DeValue::Datetime(dt) if dt.date.is_some() => msg::a_date(),
        // The parser's stand-in for an impossible date.
        DeValue::Datetime(dt) if dt.time.is_none() => msg::a_date(),
        DeValue::Datetime(_) => msg::a_time(),
        DeValue::Array(_) => msg::a_list(),
        DeValue::Table(_) => msg::a_table(),
    }
}

#[cfg(test)]
mod tests {
    /// toml sorts a table's keys; the file's order is the order of their spans.
    #[test]
    fn entries_come_in_the_file_s_order() {
        let text = "zeta = 1\nalpha = 2\n[m]\nb = 3\na = 4\nc = { y = 5, x = 6 }\n";
        let doc = toml::de::DeTable::parse(text)
            .expect("valid TOML")
            .into_inner();
        let keys = |t: &toml::de::DeTable<'_>| -> Vec<String> {
            super::in_file_order(t)
                .into_iter()
                .map(|(k, _)| k.get_ref().to_string())
                .collect()
        };
        assert_eq!(keys(&doc), ["zeta", "alpha", "m"]);
        let Some(toml::de::DeValue::Table(m)) = doc.get("m").map(|v| v.get_ref()) else {
            panic!("m is a table");
        };
        assert_eq!(keys(m), ["b", "a", "c"]);
        let Some(toml::de::DeValue::Table(c)) = m.get("c").map(|v| v.get_ref()) else {
            panic!("c is a table");
        };
        assert_eq!(keys(c), ["y", "x"]);
    }
}
