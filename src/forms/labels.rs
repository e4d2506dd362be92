//! The words of a feedback form, in Chinese and English: its column headers, the
//! 填报日期 label, the status words of its list. A form is written in the org's
//! language; intake knows the headers of both, so a form keeps working when `lang`
//! changes between sending and taking in.

use crate::model::Lang;

/// A column of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Id,
    Task,
    Due,
    StatusNow,
    DaysOverdue,
    Warning,
    Progress,
    Problems,
    NextSteps,
    Status,
    DoneOn,
}

impl Column {
    /// The fixed columns (locked), then the columns to fill in; indicator columns follow.
    pub const ALL: [Column; 11] = [
        Column::Id,
        Column::Task,
        Column::Due,
        Column::StatusNow,
        Column::DaysOverdue,
        Column::Warning,
        Column::Progress,
        Column::Problems,
        Column::NextSteps,
        Column::Status,
        Column::DoneOn,
    ];

    /// The header, Chinese and English.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Column::Id => ("编号", "ID"),
            Column::Task => ("事项", "Task"),
            Column::Due => ("完成时限", "Due"),
            Column::StatusNow => ("当前状态", "Current status"),
            Column::DaysOverdue => ("逾期天数", "Days overdue"),
            Column::Warning => ("预警", "Warning"),
            Column::Progress => ("进展情况", "Progress"),
            Column::Problems => ("存在问题", "Problems"),
            Column::NextSteps => ("下一步措施", "Next steps"),
            Column::Status => ("状态", "Status"),
            Column::DoneOn => ("完成日期", "Done on"),
        }
    }

    pub fn header(self, lang: Lang) -> &'static str {
        let (zh, en) = self.words();
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Whether the unit fills it in (unlocked).
    pub fn is_filled_in(self) -> bool {
        matches!(
            self,
            Column::Progress
                | Column::Problems
                | Column::NextSteps
                | Column::Status
                | Column::DoneOn
        )
    }

    /// The column a header names, in either language (spaces and a trailing `*` or
    /// colon ignored, case ignored for English).
    pub fn from_header(text: &str) -> Option<Column> {
        let t = clean(text);
        Column::ALL.into_iter().find(|c| {
            let (zh, en) = c.words();
            t == zh || t.eq_ignore_ascii_case(&en.replace(' ', ""))
        })
    }
}

/// A header or label as compared: whitespace removed, a trailing `*`, `:` or `：` off.
pub fn clean(text: &str) -> String {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.trim_end_matches(['*', ':', '：']).to_owned()
}

/// The label of the report-date cell (填报日期), both languages.
pub const REPORT_DATE: (&str, &str) = ("填报日期", "Report date");
/// The label of the unit cell.
pub const REPORTING_UNIT: (&str, &str) = ("填报单位", "Reporting unit");
/// The label of the owner cell.
pub const REPORTING_OWNER: (&str, &str) = ("责任人", "Owner");

/// Whether `text` is the 填报日期 label.
pub fn is_report_date_label(text: &str) -> bool {
    let t = clean(text);
    t == REPORT_DATE.0 || t.eq_ignore_ascii_case(&REPORT_DATE.1.replace(' ', ""))
}

pub fn pick(words: (&'static str, &'static str), lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => words.0,
        Lang::En => words.1,
    }
}

/// The name of the form's sheet.
pub fn sheet_name(lang: Lang) -> &'static str {
    pick(("进度反馈", "Progress report"), lang)
}

/// The hidden sheet that says which data set and which form this is.
pub const META_SHEET: &str = "wg";

/// The first cell of the hidden sheet, and its version.
pub const META_MAGIC: &str = "wg-feedback-form";
pub const META_VERSION: &str = "1";
