//! The sentence helpers every view shares: filling a label template, the punctuation
//! of each language (from the label table, [`crate::i18n::L`]), and the phrases that
//! more than one report says the same way (a quarter's name, an indicator's reading,
//! why a task is behind schedule, the warning counts).

use crate::i18n::{self, L};
use crate::model::{Data, Lang, Quarter, Status};
use crate::report::agenda::TaskOutcome;
use crate::report::indicator_view::{IndicatorView, format_amount, format_share};
use crate::report::task_view::TaskView;
use crate::report::warning_counts::WarningCounts;

/// Fills `{name}` placeholders of a label template in one pass, so text from the data
/// that happens to contain `{…}` is never filled in turn.
pub(crate) fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let after = after.get(1..).unwrap_or_default();
        match after.find('}').and_then(|close| {
            let key = after.get(..close)?;
            args.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (close, *v))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = after.get(close + 1..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// "Label：value" / "Label: value".
pub(crate) fn field(label: &str, value: &str, lang: Lang) -> String {
    fill(
        L::PunctField.get(lang),
        &[("label", label), ("value", value)],
    )
}

/// "Label：" / "Label:", heading what follows.
pub(crate) fn label_line(label: &str, lang: Lang) -> String {
    fill(L::PunctLabel.get(lang), &[("label", label)])
}

/// `朱劲松（组长）` / `Mary Okafor (Leader)`.
pub(crate) fn person_with(name: &str, extra: &str, lang: Lang) -> String {
    fill(L::PunctWith.get(lang), &[("name", name), ("extra", extra)])
}

/// "Name (id)", or the name alone when the id is the name (no `id` in the file).
pub(crate) fn with_id(name: &str, id: &str, lang: Lang) -> String {
    if name == id {
        name.to_owned()
    } else {
        person_with(name, id, lang)
    }
}

/// Between the clauses of a line: `；` / `; `.
pub(crate) fn sep(lang: Lang) -> &'static str {
    L::PunctSep.get(lang)
}

/// Between the parts of a clause: `，` / `, `.
pub(crate) fn comma(lang: Lang) -> &'static str {
    L::PunctComma.get(lang)
}

/// Between the items of a list: `、` / `, `.
pub(crate) fn list_sep(lang: Lang) -> &'static str {
    L::PunctList.get(lang)
}

/// The items joined as a list, or `无` when there are none.
pub(crate) fn list_or_none(v: &[String], lang: Lang) -> String {
    if v.is_empty() {
        L::None.get(lang).to_owned()
    } else {
        v.join(list_sep(lang))
    }
}

pub(crate) fn or_none(v: Option<&str>, lang: Lang) -> String {
    v.map_or_else(|| L::None.get(lang).to_owned(), str::to_owned)
}

/// A status as the data writes it (`in-progress`), in words.
pub(crate) fn status_label(status: &str, lang: Lang) -> String {
    Status::parse(status).map_or_else(
        || status.to_owned(),
        |s| i18n::status(s).get(lang).to_owned(),
    )
}

/// The name of the group with this id, for people reading; JSON keeps the id.
pub(crate) fn group_name<'d>(data: &'d Data, id: &'d str) -> &'d str {
    data.group_by_id(id)
        .map_or(id, |g| data.group(g).name.as_str())
}

/// `2021年第四季度` / `2021 Q4`.
pub(crate) fn quarter_name(q: Quarter, lang: Lang) -> String {
    let part = match q.q {
        1 => L::AgendaQ1,
        2 => L::AgendaQ2,
        3 => L::AgendaQ3,
        _ => L::AgendaQ4,
    };
    fill(
        L::AgendaQuarter.get(lang),
        &[("year", &q.year.to_string()), ("q", part.get(lang))],
    )
}

/// `新建货车司机工会 35/50 家，70%`; before the first reading `新建货车司机工会
/// 暂无数据（目标 50 家）`.
pub(crate) fn indicator_text(i: &IndicatorView, lang: Lang) -> String {
    let unit = i.unit.map(|u| format!(" {u}")).unwrap_or_default();
    let target = format_amount(i.target);
    match i.value {
        Some(v) => fill(
            L::IndReading.get(lang),
            &[
                ("name", i.name),
                ("value", &format_amount(v)),
                ("target", &target),
                ("unit", &unit),
                ("share", &format_share(i.share)),
            ],
        ),
        None => fill(
            L::IndNoReading.get(lang),
            &[("name", i.name), ("target", &target), ("unit", &unit)],
        ),
    }
}

/// [`indicator_text`] with the reading's date and whether it is met:
/// `新建货车司机工会 35/50 家，70%（截至 2021-12-15，未达标）`.
pub(crate) fn indicator_detail(i: &IndicatorView, lang: Lang) -> String {
    let met = if i.met { L::IndMet } else { L::IndNotMet }.get(lang);
    let extra = match i.as_of {
        Some(d) => format!(
            "{}{}{met}",
            fill(L::IndAsOf.get(lang), &[("date", &d.to_string())]),
            comma(lang)
        ),
        None => met.to_owned(),
    };
    person_with(&indicator_text(i, lang), &extra, lang)
}

/// `时间已过 80%，目标完成 40%` for a task behind schedule (the indicator furthest
/// behind); `None` for one that is not.
pub(crate) fn behind_text(t: &TaskView, lang: Lang) -> Option<String> {
    if !t.behind_schedule {
        return None;
    }
    let elapsed = t.time_elapsed?;
    let reached = t
        .indicators
        .iter()
        .map(|i| i.share)
        .min_by(f64::total_cmp)?;
    Some(fill(
        L::BehindDetail.get(lang),
        &[
            ("elapsed", &format_share(elapsed)),
            ("reached", &format_share(reached)),
        ],
    ))
}

/// `预警：红色 1 项、黄色 0 项、绿色 3 项`: blue only when the org uses it, since a
/// count that is always 0 would read as news.
pub(crate) fn warning_figures(data: &Data, w: &WarningCounts, lang: Lang) -> String {
    let template = if data.org.warnings.blue_days.is_some() {
        L::AgendaWarningsBlue
    } else {
        L::AgendaWarnings
    };
    fill(
        template.get(lang),
        &[
            ("red", &w.red.to_string()),
            ("yellow", &w.yellow.to_string()),
            ("blue", &w.blue.to_string()),
            ("green", &w.green.to_string()),
        ],
    )
}

/// `成效（JH-01 开展货车司机工会组建专项行动，进度滞后）：新建货车司机工会 38/50 家，76%；…`.
pub(crate) fn outcome_line(o: &TaskOutcome, lang: Lang) -> String {
    let list: Vec<String> = o
        .indicators
        .iter()
        .map(|i| indicator_text(i, lang))
        .collect();
    let mut task = format!("{} {}", o.id, o.title);
    if o.behind_schedule {
        task.push_str(comma(lang));
        task.push_str(L::BehindWord.get(lang));
    }
    fill(
        L::AgendaIndicators.get(lang),
        &[("task", &task), ("indicators", &list.join(sep(lang)))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_never_fills_a_value_in_turn() {
        assert_eq!(
            fill("{a}-{b}-{c}", &[("a", "{b}"), ("b", "x")]),
            "{b}-x-{c}"
        );
        assert_eq!(fill("{未闭合", &[]), "{未闭合");
    }

    #[test]
    fn punctuation_follows_the_language() {
        assert_eq!(field("状态", "进行中", Lang::Zh), "状态：进行中");
        assert_eq!(field("Status", "done", Lang::En), "Status: done");
        assert_eq!(person_with("张三", "组长", Lang::Zh), "张三（组长）");
        assert_eq!(with_id("a", "a", Lang::En), "a");
    }
}
