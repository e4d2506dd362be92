//! iCalendar (RFC 5545) by hand: all-day events, CRLF line ends, TEXT escaping, and
//! lines folded at 75 octets without splitting a UTF-8 character. Deterministic: the
//! caller passes UIDs and the DTSTAMP date; nothing here reads the clock.

use chrono::NaiveDate;

/// One all-day event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable across runs: made from the data (e.g. `meeting-leading-20210928@wg`).
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub location: Option<String>,
    pub description: Option<String>,
}

/// A VCALENDAR holding an event for each of `items` (`event` makes it), written to
/// `out`; every DTSTAMP is `stamp` at midnight UTC. The events are made and written a
/// block at a time, the runs of a block on every core, and let go before the next: a
/// million deadlines are 200 MB of calendar and 340 MB of events, neither held whole.
pub fn write_calendar<T: Sync + crate::swar::AskAhead>(
    out: &mut dyn std::io::Write,
    name: &str,
    stamp: NaiveDate,
    items: &[T],
    event: impl Fn(&T) -> std::borrow::Cow<'_, Event> + Sync,
) -> std::io::Result<()> {
    let mut head = String::new();
    let mut line = |s: String| {
        head.push_str(&fold(&s));
        head.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line(format!(
        "PRODID:-//wg//wg {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", text(name)));
    out.write_all(head.as_bytes())?;
    let stamp = format!("DTSTAMP:{}T000000Z", ymd(stamp));
    for block in items.chunks(BLOCK_EVENTS) {
        let runs = crate::par::map_runs(block, EVENTS_PER_RUN, |_, _, run| {
            let mut out = String::new();
            for (k, item) in run.iter().enumerate() {
                crate::swar::ask_ahead(run, k);
                write_event(&mut out, &event(item), &stamp);
            }
            out
        });
        for run in runs {
            out.write_all(run.as_bytes())?;
        }
    }
    out.write_all(fold("END:VCALENDAR").as_bytes())?;
    out.write_all(b"\r\n")
}

/// Events per thread worth the start of one.
const EVENTS_PER_RUN: usize = 4096;

/// Events made and written at a time (see [`write_calendar`]).
const BLOCK_EVENTS: usize = 8 * EVENTS_PER_RUN;

/// One VEVENT's lines, each folded and ended with CRLF.
fn write_event(out: &mut String, e: &Event, stamp: &str) {
    let mut line = |s: String| {
        out.push_str(&fold(&s));
        out.push_str("\r\n");
    };
    line("BEGIN:VEVENT".into());
    line(format!("UID:{}", text(&e.uid)));
    line(stamp.to_owned());
    line(format!("DTSTART;VALUE=DATE:{}", ymd(e.date)));
    // DTEND is exclusive: an all-day event ends the next day. On 9999-12-31 there is
    // no next day to write (it would be +100000101): a DATE DTSTART alone is one
    // day long (RFC 5545 §3.6.1).
    if let Some(end) = e
        .date
        .succ_opt()
        .filter(|&d| crate::model::date_in_range(d))
    {
        line(format!("DTEND;VALUE=DATE:{}", ymd(end)));
    }
    line(format!("SUMMARY:{}", text(&e.summary)));
    if let Some(location) = &e.location {
        line(format!("LOCATION:{}", text(location)));
    }
    if let Some(description) = &e.description {
        line(format!("DESCRIPTION:{}", text(description)));
    }
    line("TRANSP:TRANSPARENT".into());
    line("END:VEVENT".into());
}

/// A DATE value, `YYYYMMDD`, as chrono's `%Y%m%d` writes the years wg handles, without
/// reading a format string for each of a million events; other years go to chrono.
fn ymd(date: NaiveDate) -> String {
    use chrono::Datelike;
    match date.year() {
        y @ 0..=9999 => format!("{y:04}{:02}{:02}", date.month(), date.day()),
        _ => date.format("%Y%m%d").to_string(),
    }
}

/// Escapes a TEXT value: `\` `;` `,` and newlines (RFC 5545 §3.3.11). Other control
/// characters are not allowed in TEXT and are dropped; tab is kept.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push(c),
            // Controls are not allowed in iCalendar TEXT (RFC 5545 3.3.11); the bidi
            // overrides would make a calendar show text as something it is not.
            c if c.is_control() => {}
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line: no physical line longer than 75 octets (CRLF excluded);
/// each continuation starts with one space. Breaks fall between characters, and never
/// inside an escape like `\n` (legal, but some readers choke on it).
pub fn fold(line: &str) -> std::borrow::Cow<'_, str> {
    const LIMIT: usize = 75;
    // Most lines need no fold; the others are cut between units, found by their place
    // (a unit of its own for every character once took a small allocation each: a
    // calendar of a million deadlines made sixty million).
    if line.len() <= LIMIT {
        return line.into();
    }
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c == '\\' {
            chars.next();
        }
        let end = chars.peek().map_or(line.len(), |&(i, _)| i);
        let unit = line.get(start..end).unwrap_or_default();
        if used + unit.len() > LIMIT {
            out.push_str("\r\n ");
            // The leading space counts toward the next line's 75 octets.
            used = 1;
        }
        out.push_str(unit);
        used += unit.len();
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Folding as it was first written, one character (or escape) at a time: the
    /// reference for [`fold`].
    fn fold_slowly(line: &str) -> String {
        let mut out = String::new();
        let mut used = 0;
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            let mut unit = String::from(c);
            if c == '\\' {
                unit.extend(chars.next());
            }
            if used + unit.len() > 75 {
                out.push_str("\r\n ");
                used = 1;
            }
            out.push_str(&unit);
            used += unit.len();
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn folding_matches_the_slow_way(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::Just("\\n".to_owned()),
                    proptest::prelude::Just("\\".to_owned()),
                    proptest::prelude::Just("新就业形态".to_owned()),
                    proptest::prelude::Just("a,b;c".to_owned()),
                    proptest::prelude::any::<String>(),
                ],
                0..30,
            )
        ) {
            let line: String = parts.concat();
            proptest::prop_assert_eq!(fold(&line), fold_slowly(&line));
        }
    }

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let mut day = crate::model::FIRST_DAY;
        while day < crate::model::LAST_DAY {
            assert_eq!(ymd(day), day.format("%Y%m%d").to_string());
            day += chrono::Duration::days(17);
        }
        let last = crate::model::LAST_DAY;
        assert_eq!(ymd(last), last.format("%Y%m%d").to_string());
    }

    #[test]
    fn text_escapes_the_four_specials() {
        assert_eq!(text("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
        assert_eq!(text("bell\u{7}"), "bell");
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let line = format!("SUMMARY:{}", "新就业形态群体工会工作".repeat(10));
        let folded = fold(&line);
        for (i, physical) in folded.split("\r\n").enumerate() {
            assert!(
                physical.len() <= 75,
                "line {i} has {} octets",
                physical.len()
            );
            assert_eq!(i > 0, physical.starts_with(' '));
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
        assert_eq!(fold("short"), "short");
        let escapes = format!("DESCRIPTION:{}", "\\n".repeat(40));
        for physical in fold(&escapes).split("\r\n") {
            assert!(!physical.ends_with('\\'), "{physical:?}");
        }
    }
}
