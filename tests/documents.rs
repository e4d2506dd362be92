//! The documents on paper (Medium::Paper: the agenda, the 检查评估情况报告, the 名单
//! annex) through the library, rendered as Markdown: their content is checked here
//! whatever renders them for print (docx). And the typed cells of the screen documents
//! (counts, rates, dates, warnings, totals) that a spreadsheet relies on.

use chrono::NaiveDate;
use wg::model::{Lang, Quarter};
use wg::render::document::markdown;
use wg::report::evaluation::{self, By};
use wg::view::{Kind, Medium, Value};

fn seed() -> wg::load::Loaded {
    wg::load::load(&crate::common::root().join("data")).expect("the seed data loads")
}

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn q(s: &str) -> Quarter {
    Quarter::parse(s).expect("a quarter")
}

#[test]
fn agenda_on_paper_is_the_screen_agenda_as_a_paper_document() {
    let loaded = seed();
    let data = &loaded.data;
    let today = day("2022-01-10");
    let a = wg::report::agenda::agenda(data, data.leading_group(), q("2021Q4"), today, Lang::Zh);
    let paper = wg::view::agenda::agenda(data, &a, Lang::Zh, Medium::Paper);
    assert_eq!(paper.kind, Kind::Paper);
    assert_eq!(paper.as_of, Some(today));
    let screen = wg::view::agenda::agenda(data, &a, Lang::Zh, Medium::Screen);
    assert_eq!(markdown(&paper), markdown(&screen));
    insta::assert_snapshot!("paper-agenda-seed-2021q4-zh", markdown(&paper));
}

fn evaluation_on_paper(by: By, lang: Lang) -> String {
    let loaded = seed();
    let data = &loaded.data;
    let today = day("2022-01-10");
    let nobody = match by {
        By::Owner => "（未定责任人）",
        _ => "（未定牵头单位）",
    };
    let report = evaluation::evaluate(data, q("2021Q4"), today, by, nobody);
    let doc =
        wg::view::evaluation::evaluation(data, &report, q("2021Q4"), lang, vec![], Medium::Paper);
    assert_eq!(doc.kind, Kind::Paper);
    // The counts stand at the quarter's end (the as-of date, 2022-01-10, is later).
    assert_eq!(doc.as_of, Some(day("2021-12-31")));
    markdown(&doc)
}

#[test]
fn evaluation_on_paper_is_a_report_with_its_totals_in_prose() {
    let zh = evaluation_on_paper(By::Group, Lang::Zh);
    assert!(
        zh.starts_with("# 2021年第四季度重点任务检查评估情况报告\n\n- （统计截至2021年12月31日）\n\n截至2021年12月31日，本季度到期任务"),
        "{zh}"
    );
    assert!(zh.contains("\n## 一、各小组完成情况\n"), "{zh}");
    assert!(zh.contains("\n注：统计截至 2021-12-31"), "{zh}");
    insta::assert_snapshot!("paper-evaluation-seed-2021q4-zh", zh);
    insta::assert_snapshot!(
        "paper-evaluation-seed-2021q4-by-unit-zh",
        evaluation_on_paper(By::Unit, Lang::Zh)
    );
    insta::assert_snapshot!(
        "paper-evaluation-seed-2021q4-en",
        evaluation_on_paper(By::Group, Lang::En)
    );
}

#[test]
fn roster_on_paper_is_the_annex_of_role_lines() {
    let loaded = seed();
    let data = &loaded.data;
    let today = day("2022-01-10");
    let all = wg::report::roster::show(data, None, Lang::Zh);
    let doc = wg::view::roster::show(data, &all, today, Lang::Zh, Medium::Paper);
    assert_eq!(doc.kind, Kind::Paper);
    assert_eq!(doc.title, "省总推进新就业形态群体工会工作领导小组成员名单");
    let md = markdown(&doc);
    assert!(
        md.contains("\n组\u{3000}长：朱劲松\u{3000}省总工会党组书记、副主席\n"),
        "{md}"
    );
    // The second deputy is indented under the first, as wide as `副组长：` (each line
    // a paragraph of its own, so that pandoc keeps them apart).
    assert!(
        md.contains("\n副组长：张海涛\u{3000}省总工会副主席\n\n\u{3000}\u{3000}\u{3000}\u{3000}王树华\u{3000}省总工会副主席\n"),
        "{md}"
    );
    // A two-character name is set to the width of three.
    assert!(md.contains("张\u{3000}姿\u{3000}"), "{md}");
    insta::assert_snapshot!("paper-roster-seed-zh", md);

    // A spreadsheet gets the one table of seats that CSV prints.
    let ledger = wg::view::roster::show(data, &all, today, Lang::Zh, Medium::Ledger);
    let screen = wg::view::roster::show(data, &all, today, Lang::Zh, Medium::Screen);
    assert_eq!(ledger.tables().count(), 1);
    assert_eq!(
        ledger.csv_table().map(|t| t.rows.len()),
        screen.csv_table().map(|t| t.rows.len())
    );

    let one = wg::report::roster::show(data, Some(data.leading_group()), Lang::En);
    let doc = wg::view::roster::show(data, &one, today, Lang::En, Medium::Paper);
    insta::assert_snapshot!("paper-roster-leading-en", markdown(&doc));
}

#[test]
fn screen_documents_have_typed_cells() {
    let loaded = seed();
    let data = &loaded.data;
    let today = day("2022-01-10");
    let report = evaluation::evaluate(data, q("2021Q4"), today, By::Group, "-");
    let doc = wg::view::evaluation::evaluation(
        data,
        &report,
        q("2021Q4"),
        Lang::Zh,
        vec![],
        Medium::Screen,
    );
    // The counts stand at the quarter's end (the as-of date, 2022-01-10, is later).
    assert_eq!(doc.as_of, Some(day("2021-12-31")));
    let t = doc.csv_table().expect("the report has a CSV table");
    assert_eq!(t.name, "检查评估");
    let total = t.rows.last().expect("a total row");
    assert!(total.total);
    assert_eq!(total.cells.first().map(|c| c.text.as_ref()), Some("合计"));
    assert!(matches!(
        total.cells.get(1).map(|c| c.value),
        Some(Value::Number(_))
    ));
    let rate = t
        .columns
        .iter()
        .position(|c| c.header == "按期完成率")
        .expect("a rate column");
    assert!(matches!(
        total.cells.get(rate).map(|c| c.value),
        Some(Value::Percent(_))
    ));

    let p = wg::report::lookup::person(data, "张柯").expect("a person");
    let r = wg::report::roster::person(data, p, today, Lang::Zh);
    let doc = wg::view::roster::person(data, &r, today, Lang::Zh, vec![]);
    let tasks = doc.csv_table().expect("a task table");
    let warned = tasks
        .rows
        .iter()
        .find(|row| row.warning.is_some())
        .expect("a task with a warning");
    assert!(matches!(
        warned.cells.last().map(|c| c.value),
        Some(Value::Warning(w)) if Some(w) == warned.warning
    ));
    assert!(matches!(
        warned.cells.get(3).map(|c| c.value),
        Some(Value::Date(_) | Value::Empty)
    ));

    let list = wg::report::meetings::list(data, today);
    let doc = wg::view::meetings::list(data, &list, Lang::Zh, vec![], Medium::Screen);
    let t = doc.csv_table().expect("the meeting table");
    assert!(
        t.rows
            .iter()
            .any(|row| matches!(row.cells.get(1).map(|c| c.value), Some(Value::Date(_))))
    );
}
