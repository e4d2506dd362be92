//! `wg report`: the evaluation (检查评估) of a quarter per group, per lead unit or per
//! owner: glue. The document (a table with the tasks behind the numbers named under
//! it; on paper the 检查评估情况报告) is `view::evaluation`'s; what is counted, and as
//! of when, is documented in [`crate::report::evaluation`].

use super::{Formats, emit, group_short_forms, load_data};
use crate::cli::{Format, ReportBy};
use crate::context::Context;
use crate::i18n::L;
use crate::model::Quarter;
use crate::report::evaluation::{self, By};
use crate::{Error, Exit};
use std::io::Write;

use Format::{Csv, Docx, Json, Markdown, Table, Text, Xlsx, Yaml};

const REPORT: Formats = Formats {
    command: "report",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv, Xlsx, Docx],
};

pub fn run(
    q: Option<Quarter>,
    by: ReportBy,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let format = REPORT.pick(ctx)?;
    let loaded = load_data(ctx, crate::load::Meetings::Unread)?;
    let data = &loaded.data;
    let lang = ctx.lang(&data.org);
    let today = ctx.today(&data.org)?;
    let q = q.unwrap_or_else(|| Quarter::of(today));
    let (by, nobody) = match by {
        ReportBy::Group => (By::Group, L::EvalNoLeadUnit),
        ReportBy::Unit => (By::Unit, L::EvalNoLeadUnit),
        ReportBy::Owner => (By::Owner, L::EvalNoOwner),
        ReportBy::Office => (By::Office, L::EvalNoLeadUnit),
    };
    evaluation::check_by(data, by).map_err(Error::Usage)?;
    let report = evaluation::evaluate(data, q, today, by, nobody.get(lang));
    // The warning counts were graded with working days: say so if some fell outside
    // the calendar's years.
    let tasks: Vec<&crate::model::Task> = data.tasks.iter().collect();
    let windows = crate::report::task_view::warning_windows(data, today);
    super::tasks::warn_uncovered(
        err,
        &crate::report::tasks::window_uncovered(data, &tasks, &windows),
        lang,
    )?;
    emit(
        ctx,
        REPORT,
        format,
        &report,
        |m| crate::view::evaluation::evaluation(data, &report, q, lang, group_short_forms(data), m),
        out,
    )?;
    Ok(Exit::Ok)
}
