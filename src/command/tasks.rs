//! `wg tasks list|overdue|due|show|notice`: the office's 督办 lists and documents. Glue
//! only: pick the format, load, make the report, and hand its document
//! ([`crate::view::tasks`]) to [`super::emit`]. The edits (`done`, `status`, `note`, …)
//! live in [`super::edit`].

use super::{Formats, emit, load_data};
use crate::cli::{Format, TasksCommand};
use crate::context::Context;
use crate::i18n::msg;
use crate::model::Lang;
use crate::report::lookup;
use crate::report::tasks::{self, Filter};
use crate::view::Medium;
use crate::view::tasks::{Frame, OverdueAsked};
use crate::{Error, Exit};
use std::io::Write;

use Format::{Csv, Docx, Json, Markdown, Table, Text, Xlsx, Yaml};

const LIST: Formats = Formats {
    command: "tasks list",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv, Xlsx],
};
const OVERDUE: Formats = Formats {
    command: "tasks overdue",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv, Xlsx, Docx],
};
const DUE: Formats = Formats {
    command: "tasks due",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv, Xlsx],
};
/// One task is a short document, not a table: no CSV.
const SHOW: Formats = Formats {
    command: "tasks show",
    offered: &[Table, Text, Json, Yaml, Markdown],
};
/// A letter: text (the default), Markdown for pandoc, Word, or its table as a sheet.
const NOTICE: Formats = Formats {
    command: "tasks notice",
    offered: &[Text, Table, Markdown, Docx, Xlsx],
};

pub fn run(
    cmd: &TasksCommand,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    if super::edit::is_edit(cmd) {
        return super::edit::run(cmd, ctx, out, err);
    }
    let formats = match cmd {
        TasksCommand::Overdue { .. } => OVERDUE,
        TasksCommand::Due { .. } => DUE,
        TasksCommand::Show { .. } => SHOW,
        TasksCommand::Notice { .. } => NOTICE,
        // The edits returned above; they have no format (see `super::edit`).
        TasksCommand::List { .. }
        | TasksCommand::Done { .. }
        | TasksCommand::Status { .. }
        | TasksCommand::Note { .. }
        | TasksCommand::Add(_)
        | TasksCommand::Edit { .. }
        | TasksCommand::Extend { .. }
        | TasksCommand::Import(_)
        | TasksCommand::Forms(_) => LIST,
    };
    let format = formats.pick(ctx)?;
    let loaded = load_data(ctx, crate::load::Meetings::Unread)?;
    let data = &loaded.data;
    let today = ctx.today(&data.org)?;
    let lang = ctx.lang(&data.org);
    let frame = |medium| Frame {
        data,
        lang,
        medium,
        csv: format == Csv,
    };
    let resolve = |f: &crate::cli::Filters| Filter::resolve(data, &f.words()).map_err(Error::Usage);
    match cmd {
        TasksCommand::List { filters } => {
            let report = tasks::list(data, &resolve(filters)?, today);
            warn_uncovered(err, &report.uncovered_years, lang)?;
            emit(
                ctx,
                formats,
                format,
                &report,
                |m| crate::view::tasks::list(frame(m), &report),
                out,
            )?;
            super::leave(report);
            Ok(Exit::Ok)
        }
        TasksCommand::Overdue {
            filters,
            by,
            exit_code,
        } => {
            let filter = resolve(filters)?;
            let by = by.map(Into::into);
            let report = tasks::overdue(data, &filter, today, by.unwrap_or_default());
            warn_uncovered(err, &report.uncovered_years, lang)?;
            let doc = |m| {
                // The bulletin's opening counts every task of the filter: only on paper.
                let tally = (m == Medium::Paper).then(|| tasks::tally(data, &filter, today));
                // Every office's group of one id, in a roll-up: named when they share
                // the name.
                let names: Vec<&str> = filter
                    .group
                    .iter()
                    .flatten()
                    .filter_map(|&g| data.groups.get(g))
                    .map(|g| g.name.as_str())
                    .collect();
                let scope = names.first().copied().filter(|n| names.iter().all(|m| m == n));
                crate::view::tasks::overdue(frame(m), &report, OverdueAsked { by, tally, scope })
            };
            emit(ctx, formats, format, &report, doc, out)?;
            let found = report.count > 0;
            super::leave(report);
            Ok(if *exit_code && found {
                Exit::Found
            } else {
                Exit::Ok
            })
        }
        TasksCommand::Due {
            filters,
            within,
            working_days,
        } => {
            let filter = resolve(filters)?;
            let calendar = match (*working_days, &data.calendar) {
                (false, _) => None,
                (true, Some(cal)) => Some(cal),
                (true, None) => {
                    return Err(Error::Usage(msg::working_days_need_a_calendar(
                        &loaded.dir.display().to_string(),
                    )));
                }
            };
            let through = tasks::due_through(today, *within, calendar);
            let report = tasks::due(data, &filter, today, through, *working_days);
            warn_uncovered(err, &report.uncovered_years, lang)?;
            let doc = |m| crate::view::tasks::due(frame(m), &report, *within);
            emit(ctx, formats, format, &report, doc, out)?;
            super::leave(report);
            Ok(Exit::Ok)
        }
        TasksCommand::Show { id } => {
            let task = tasks::find_task(data, id).map_err(Error::Usage)?;
            let report = tasks::show(data, task, today);
            warn_uncovered(err, &report.uncovered_years, lang)?;
            let doc = |m| crate::view::tasks::show(frame(m), &report, &loaded.dir);
            emit(ctx, formats, format, &report, doc, out)?;
            Ok(Exit::Ok)
        }
        TasksCommand::Notice { unit } => {
            let unit = lookup::unit(data, unit)
                .map_err(|e| Error::Usage(msg::on_flag("unit", &e.text())))?;
            let report = tasks::notice(data, unit, today);
            warn_uncovered(err, &report.uncovered_years, lang)?;
            // Nothing to chase: no letter, and no file either.
            if report.tasks.is_empty() {
                writeln!(err, "{}", msg::notice_nothing(report.unit, today).get(lang))?;
                return Ok(Exit::Ok);
            }
            let doc = |m| crate::view::tasks::notice(frame(m), &report);
            emit(ctx, formats, format, &report, doc, out)?;
            Ok(Exit::Ok)
        }
        // Handled above, before loading: the edit loads (and locks) the data itself.
        TasksCommand::Done { .. }
        | TasksCommand::Status { .. }
        | TasksCommand::Note { .. }
        | TasksCommand::Add(_)
        | TasksCommand::Edit { .. }
        | TasksCommand::Extend { .. }
        // Dispatched by `command::run`, before this function.
        | TasksCommand::Import(_) => super::edit::run(cmd, ctx, out, err),
        TasksCommand::Forms(f) => super::forms::run(f, ctx, out, err),
    }
}

/// One line on stderr, in `lang`, when working days were counted in years the calendar
/// lacks.
pub(crate) fn warn_uncovered(err: &mut dyn Write, years: &[i32], lang: Lang) -> Result<(), Error> {
    if years.is_empty() {
        return Ok(());
    }
    let warning = msg::calendar_does_not_cover(&tasks::year_ranges(years), years.len());
    writeln!(
        err,
        "{}{}",
        msg::warning_prefix().get(lang),
        warning.get(lang)
    )?;
    Ok(())
}
