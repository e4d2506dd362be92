//! The feedback form (进度反馈表) as an xlsx workbook, written with rust_xlsxwriter.
//!
//! Layout of the form's sheet (rows as Excel numbers them):
//! 1. the title: 单位 + 重点任务进展情况反馈表（截至 date）, merged across;
//! 2. the instructions;
//! 3. 填报单位 (the unit or the owner) and 填报日期, the one cell at the top to fill in;
//! 4. the header row: 编号 事项 完成时限 当前状态 逾期天数 预警 (locked, grey), then
//!    进展情况 存在问题 下一步措施 状态 完成日期 (open), then one column per indicator
//!    name of the tasks on the form (open only in the rows of tasks that have it);
//! 5. and on: one task a row.
//!
//! The sheet is protected without a password: the fixed columns and the layout stay as
//! they are, and a clerk who must change them can unprotect it (审阅 → 撤消工作表保护).
//! The hidden sheet [`labels::META_SHEET`] says which data set (the org's name) and
//! which form (addressee, as-of date, task ids) it is, so intake can refuse a form of
//! another data set. The document's creation time is the as-of date: the same data and
//! `--today` give the same bytes.

use super::Addressee;
use super::labels::{self, Column, pick};
use crate::model::{Data, Lang, Task, Warning};
use crate::report::task_view::warning_windows;
use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// The row (0-based) of the header; tasks start on the next.
pub const HEADER_ROW: u32 = 3;
/// The row (0-based) of 填报日期, and the column of its value.
pub const DATE_ROW: u32 = 2;
pub const DATE_COL: u16 = 3;

/// The form for `who`'s `tasks` as of `today`, as xlsx bytes. `reply_by` is the date
/// asked for in the instructions (reminders ask for one).
pub fn workbook(
    data: &Data,
    who: Addressee,
    tasks: &[&Task],
    today: NaiveDate,
    lang: Lang,
    reply_by: Option<NaiveDate>,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = today.and_hms_opt(0, 0, 0).unwrap_or_default();
    book.set_properties(
        &DocProperties::new()
            .set_title(title(data, who, today, lang))
            .set_author("wg")
            .set_creation_datetime(&created),
    );
    let indicators = indicator_names(tasks);
    let sheet = book.add_worksheet();
    sheet.set_name(labels::sheet_name(lang))?;
    form_sheet(sheet, data, who, tasks, today, lang, reply_by, &indicators)?;
    let meta = book.add_worksheet();
    meta_sheet(meta, data, who, tasks, today, lang)?;
    book.save_to_buffer()
}

/// The title row's text.
pub fn title(data: &Data, who: Addressee, today: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{}重点任务进展情况反馈表（截至{}）",
            who.name(data),
            zh_date(today)
        ),
        Lang::En => format!(
            "{}: progress report on key tasks (as of {today})",
            who.name(data)
        ),
    }
}

/// 2026年7月15日.
pub fn zh_date(d: NaiveDate) -> String {
    crate::view::long_date(d, Lang::Zh)
}

/// The indicator names of the tasks, each once (spaces ignored when comparing), in the
/// order they first appear.
pub fn indicator_names(tasks: &[&Task]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for i in tasks.iter().flat_map(|t| &t.indicators) {
        let key = crate::load::normalize(&i.name);
        if !names.iter().any(|n| crate::load::normalize(n) == key) {
            names.push(i.name.clone());
        }
    }
    names
}

struct Styles {
    title: Format,
    note: Format,
    label: Format,
    header_fixed: Format,
    header_open: Format,
    fixed: Format,
    fixed_date: Format,
    open: Format,
    open_date: Format,
    open_number: Format,
    shut: Format,
}

fn styles() -> Styles {
    let grey = Color::RGB(0xE7E6E6);
    let base = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let open = base.clone().set_unlocked();
    Styles {
        title: Format::new()
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        note: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        label: Format::new().set_bold().set_align(FormatAlign::Right),
        header_fixed: base
            .clone()
            .set_bold()
            .set_background_color(grey)
            .set_align(FormatAlign::Center),
        header_open: base
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xFFF2CC))
            .set_align(FormatAlign::Center),
        fixed: base.clone().set_background_color(grey),
        fixed_date: base
            .clone()
            .set_background_color(grey)
            .set_num_format("yyyy-mm-dd"),
        open_date: open.clone().set_num_format("yyyy-mm-dd"),
        open_number: open.clone().set_num_format("General"),
        open,
        shut: base.set_background_color(Color::RGB(0xBFBFBF)),
    }
}

#[allow(clippy::too_many_arguments)]
fn form_sheet(
    ws: &mut Worksheet,
    data: &Data,
    who: Addressee,
    tasks: &[&Task],
    today: NaiveDate,
    lang: Lang,
    reply_by: Option<NaiveDate>,
    indicators: &[String],
) -> Result<(), XlsxError> {
    let s = styles();
    let columns = Column::ALL.len() + indicators.len();
    let last_col = u16::try_from(columns.saturating_sub(1)).unwrap_or(u16::MAX);

    ws.merge_range(0, 0, 0, last_col, &title(data, who, today, lang), &s.title)?;
    ws.set_row_height(0, 30)?;
    ws.merge_range(1, 0, 1, last_col, &instructions(lang, reply_by), &s.note)?;
    ws.set_row_height(1, 48)?;
    let who_label = match who {
        Addressee::Unit(_) => labels::REPORTING_UNIT,
        Addressee::Owner(_) => labels::REPORTING_OWNER,
    };
    ws.write_string_with_format(DATE_ROW, 0, pick(who_label, lang), &s.label)?;
    ws.write_string(DATE_ROW, 1, who.name(data))?;
    ws.write_string_with_format(DATE_ROW, 2, pick(labels::REPORT_DATE, lang), &s.label)?;
    ws.write_blank(DATE_ROW, DATE_COL, &s.open_date)?;
    ws.add_data_validation(DATE_ROW, DATE_COL, DATE_ROW, DATE_COL, &date_rule(lang))?;

    // The header.
    let mut widths: Vec<usize> = Vec::with_capacity(columns);
    for (c, column) in Column::ALL.iter().enumerate() {
        let style = if column.is_filled_in() {
            &s.header_open
        } else {
            &s.header_fixed
        };
        let col = col_num(c);
        ws.write_string_with_format(HEADER_ROW, col, column.header(lang), style)?;
        widths.push(initial_width(*column));
    }
    for (i, name) in indicators.iter().enumerate() {
        let col = col_num(Column::ALL.len() + i);
        ws.write_string_with_format(HEADER_ROW, col, name, &s.header_open)?;
        widths.push(name.width().clamp(10, 24));
    }

    let windows = warning_windows(data, today);
    let status_words = status_list(lang);
    for (r, task) in tasks.iter().enumerate() {
        let row = HEADER_ROW + 1 + u32::try_from(r).unwrap_or(u32::MAX - HEADER_ROW - 1);
        ws.write_string_with_format(row, 0, &*task.id, &s.fixed)?;
        ws.write_string_with_format(row, 1, &*task.title, &s.fixed)?;
        match task.next_due() {
            Some(due) => ws.write_date_with_format(row, 2, due, &s.fixed_date)?,
            None => ws.write_blank(row, 2, &s.fixed)?,
        };
        ws.write_string_with_format(row, 3, status_word(task.status, lang), &s.fixed)?;
        match task.overdue(today) {
            Some(o) => ws.write_number_with_format(row, 4, o.days as f64, &s.fixed)?,
            None => ws.write_blank(row, 4, &s.fixed)?,
        };
        match windows.level(task) {
            Some(level) => {
                let (word, fill) = warning_cell(level, lang);
                ws.write_string_with_format(
                    row,
                    5,
                    word,
                    &s.fixed.clone().set_background_color(fill),
                )?
            }
            None => ws.write_blank(row, 5, &s.fixed)?,
        };
        for c in 6..=8 {
            ws.write_blank(row, c, &s.open)?;
        }
        ws.write_blank(row, 9, &s.open)?;
        ws.write_blank(row, 10, &s.open_date)?;
        for (i, name) in indicators.iter().enumerate() {
            let col = col_num(Column::ALL.len() + i);
            let key = crate::load::normalize(name);
            if task
                .indicators
                .iter()
                .any(|ind| crate::load::normalize(&ind.name) == key)
            {
                ws.write_blank(row, col, &s.open_number)?;
            } else {
                ws.write_blank(row, col, &s.shut)?;
            }
        }
        if let Some(w) = widths.get_mut(1) {
            *w = (*w).max(task.title.width().min(40));
        }
    }
    if !tasks.is_empty() {
        let first = HEADER_ROW + 1;
        let last = HEADER_ROW + u32::try_from(tasks.len()).unwrap_or(u32::MAX - HEADER_ROW);
        let list = DataValidation::new()
            .allow_list_strings(&status_words)?
            .set_error_message(pick(
                (
                    "请从列表中选择：进行中、受阻或已完成",
                    "pick one of the list: in-progress, blocked or done",
                ),
                lang,
            ))?;
        ws.add_data_validation(first, 9, last, 9, &list)?;
        ws.add_data_validation(first, 10, last, 10, &date_rule(lang))?;
        if !indicators.is_empty() {
            let number = DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                .set_error_message(pick(
                    ("请填写一个不小于 0 的数", "enter a number of 0 or more"),
                    lang,
                ))?;
            let first_col = col_num(Column::ALL.len());
            ws.add_data_validation(first, first_col, last, last_col, &number)?;
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col_num(c), (*w as f64) + 2.0)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 2)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&options);
    ws.set_active(true);
    Ok(())
}

fn col_num(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn initial_width(c: Column) -> usize {
    match c {
        Column::Id => 8,
        Column::Task => 24,
        Column::Due | Column::DoneOn => 11,
        Column::StatusNow | Column::Status | Column::DaysOverdue | Column::Warning => 8,
        Column::Progress | Column::Problems | Column::NextSteps => 28,
    }
}

fn date_rule(lang: Lang) -> DataValidation {
    let from = ExcelDateTime::from_ymd(2000, 1, 1).unwrap_or_default();
    let to = ExcelDateTime::from_ymd(9999, 12, 31).unwrap_or_default();
    let rule = DataValidation::new().allow_date(DataValidationRule::Between(from, to));
    rule.clone()
        .set_error_message(pick(
            ("请填写日期，如 2026-07-15", "enter a date, like 2026-07-15"),
            lang,
        ))
        .unwrap_or(rule)
}

fn instructions(lang: Lang, reply_by: Option<NaiveDate>) -> String {
    let reply = match (lang, reply_by) {
        (Lang::Zh, Some(d)) => format!("请于{}前报回。", zh_date(d)),
        (Lang::En, Some(d)) => format!(" Please send it back by {d}."),
        (_, None) => String::new(),
    };
    match lang {
        Lang::Zh => format!(
            "填报说明：请在白色单元格中填写进展情况、存在问题、下一步措施；状态从列表中选择（进行中、受阻、已完成），已完成的请填写完成日期；有指标的任务请填写截至填报日期的数值；并在上方填写填报日期。灰色单元格请勿修改，也不要增删行列。{reply}"
        ),
        Lang::En => format!(
            "How to fill in: write progress, problems and next steps in the white cells; pick the status from the list (in-progress, blocked, done) and give the date a task was done; give each indicator's value as of the report date, and the report date above. Leave the grey cells, rows and columns as they are.{reply}"
        ),
    }
}

/// The words of the status list, in the form's language.
pub fn status_list(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Zh => ["进行中", "受阻", "已完成"],
        Lang::En => ["in-progress", "blocked", "done"],
    }
}

/// A status as the form writes it and intake reads it back: the data's own words
/// (`in-progress`, 进行中), not the report labels.
pub(crate) fn status_word(status: crate::model::Status, lang: Lang) -> &'static str {
    crate::model::Status::ALL
        .iter()
        .find(|(_, _, s)| *s == status)
        .map_or("", |(en, zh, _)| match lang {
            Lang::Zh => zh,
            Lang::En => en,
        })
}

fn warning_cell(level: Warning, lang: Lang) -> (&'static str, Color) {
    let (zh, en, fill) = match level {
        Warning::Red => ("红", "red", 0xFF9999),
        Warning::Yellow => ("黄", "yellow", 0xFFE699),
        Warning::Blue => ("蓝", "blue", 0x9BC2E6),
        Warning::Green => ("绿", "green", 0xA9D08E),
    };
    (pick((zh, en), lang), Color::RGB(fill))
}

/// The hidden sheet: one key a row in column A, its values after it.
fn meta_sheet(
    ws: &mut Worksheet,
    data: &Data,
    who: Addressee,
    tasks: &[&Task],
    today: NaiveDate,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_name(labels::META_SHEET)?;
    let rows: Vec<Vec<String>> = [
        vec![
            labels::META_MAGIC.to_owned(),
            labels::META_VERSION.to_owned(),
        ],
        vec!["org".to_owned(), data.org.name.clone()],
        vec![
            who.kind().to_owned(),
            who.id(data).to_owned(),
            who.name(data).to_owned(),
        ],
        vec!["as_of".to_owned(), today.to_string()],
        vec!["sheet".to_owned(), labels::sheet_name(lang).to_owned()],
    ]
    .into_iter()
    .chain(tasks.iter().map(|t| {
        vec![
            "task".to_owned(),
            t.id.to_string(),
            t.next_due().map(|d| d.to_string()).unwrap_or_default(),
        ]
    }))
    .collect();
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        for (c, text) in row.iter().enumerate() {
            ws.write_string(r, col_num(c), text)?;
        }
    }
    ws.protect();
    ws.set_hidden(true);
    Ok(())
}
