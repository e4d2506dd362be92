//! The meeting list as a document: one table of the meetings and of the quarters (and,
//! for a monthly group, the months) that lack one, then a line counting both.

use super::words::fill;
use super::{Cell, Document, Kind, Medium, Table};
use crate::i18n::L;
use crate::model::{Cadence, Data, Lang};
use crate::report::meetings::MeetingList;

/// The list; on a screen without a title (the table says what it is), elsewhere with
/// one (a spreadsheet's title row).
pub fn list(
    data: &Data,
    report: &MeetingList,
    lang: Lang,
    short_forms: Vec<(String, String)>,
    medium: Medium,
) -> Document<'static> {
    let title = match medium {
        Medium::Screen => "",
        Medium::Ledger | Medium::Paper => L::MtgListTitle.get(lang),
    };
    let mut doc = Document::new(lang, Kind::List, title);
    doc.as_of = Some(report.as_of);
    let mut t = table(report, lang);
    // A roll-up's office column comes first.
    let shift = usize::from(report.rollup);
    t.keep_words([shift, 1 + shift]);
    t.short_forms(2 + shift, short_forms);
    doc.main_table(t);
    doc.para(summary(data, report, lang));
    doc
}

fn table(report: &MeetingList, lang: Lang) -> Table<'static> {
    let mut t = Table::new(L::SheetMeetings.get(lang));
    t.columns(
        [
            L::MtgQuarter,
            L::MtgDate,
            L::Group,
            L::MtgTitle,
            L::MtgPlace,
            L::Status,
        ]
        .map(|l| l.get(lang)),
    );
    let none = || Cell::empty(L::None.get(lang));
    let or_none = |v: &Option<String>| v.clone().map_or_else(none, Cell::text);
    // Each quarter's meetings and missing months by date, then its missing quarterly
    // meetings. The sort key is (quarter, missing quarter?, day or month): `2026-03`
    // sorts before `2026-03-10` and after `2026-02-27`, as the month falls.
    let mut rows: Vec<(String, bool, String, Vec<Cell<'static>>)> = Vec::new();
    for m in &report.meetings {
        let status = if m.status == "planned" {
            L::MtgPlanned
        } else {
            L::MtgHeld
        };
        rows.push((
            m.quarter.clone(),
            false,
            m.date.to_string(),
            vec![
                Cell::text(m.office_label.clone().unwrap_or_default()),
                Cell::text(m.quarter.clone()),
                Cell::date(m.date),
                Cell::text(m.group_name.clone()),
                or_none(&m.title),
                or_none(&m.location),
                Cell::text(status.get(lang)),
            ],
        ));
    }
    for m in &report.missing {
        // A monthly group's missing month stands in the date column.
        let (when, status) = match &m.month {
            Some(month) => (Cell::text(month.clone()), L::MtgMissingMonth),
            None => (none(), L::MtgMissing),
        };
        rows.push((
            m.quarter.clone(),
            m.month.is_none(),
            m.month.clone().unwrap_or_default(),
            vec![
                Cell::text(m.office_label.clone().unwrap_or_default()),
                Cell::text(m.quarter.clone()),
                when,
                Cell::text(m.group_name.clone()),
                none(),
                none(),
                Cell::text(status.get(lang)),
            ],
        ));
    }
    // Stable: meetings of one day keep their order, and missing rows their group order.
    rows.sort_by(|a, b| (&a.0, a.1, &a.2).cmp(&(&b.0, b.1, &b.2)));
    for (_, _, _, mut row) in rows {
        // The office comes first in a roll-up, and only there.
        if !report.rollup && !row.is_empty() {
            row.remove(0);
        }
        t.push(row);
    }
    if report.rollup {
        t.columns.insert(
            0,
            super::Column {
                header: L::Office.get(lang).into(),
                ..super::Column::default()
            },
        );
    }
    t
}

/// How many meetings, and how many quarters (and, when a group meets monthly, months)
/// lack one.
fn summary(data: &Data, report: &MeetingList, lang: Lang) -> String {
    let months = report.missing.iter().filter(|m| m.month.is_some()).count();
    let mut s = fill(
        L::MtgCount.get(lang),
        &[
            ("count", &report.count.to_string()),
            ("missing", &(report.missing.len() - months).to_string()),
        ],
    );
    if data.groups.iter().any(|g| g.meets == Cadence::Monthly) {
        s.push_str(&fill(
            L::MtgCountMonths.get(lang),
            &[("missing", &months.to_string())],
        ));
    }
    s
}
