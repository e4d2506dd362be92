//! `wg export --format sqlite|sql --out FILE`: the data set as a database (SPEC §6).

use super::{Formats, load_data};
use crate::cli::Format;
use crate::context::Context;
use crate::export::{Export, LOCAL_OFFICE, sql, sqlite};
use crate::i18n::{Text, msg};
use crate::{Error, Exit};
use std::io::Write;
use std::path::Path;

pub const FORMATS: Formats = Formats {
    command: "export",
    offered: &[Format::Sqlite, Format::Sql],
};

pub fn run(ctx: &Context, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Error> {
    let path = ctx
        .out
        .as_deref()
        .ok_or_else(|| Error::Usage(msg::export_needs_out()))?;
    // Asked for, or told by the file's name: a `.sql` file (or stdout) gets SQL text.
    let format = match ctx.format {
        Some(_) => FORMATS.pick(ctx)?,
        None if path.as_os_str() == "-" || has_sql_extension(path) => Format::Sql,
        None => Format::Sqlite,
    };
    if format == Format::Sqlite && super::output_is_terminal(ctx) {
        return Err(Error::Usage(msg::export_binary_on_terminal()));
    }
    let dir = crate::load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
    if crate::load::rollup::is_rollup(&dir) {
        return rollup(&dir, path, format, ctx, out, err);
    }
    let loaded = load_data(ctx, crate::load::Meetings::Read)?;
    let data = &loaded.data;
    let today = ctx.today(&data.org)?;
    let export = Export::build(data, LOCAL_OFFICE, today, ctx.lang(&data.org));
    write(export, path, format, ctx.lang(&data.org), out, err)
}

/// A roll-up's export: each office's data as it keeps it (ids unqualified), its rows
/// carrying its office id, one office after another.
fn rollup(
    dir: &Path,
    path: &Path,
    format: Format,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let offices: &'static [(crate::model::Office, crate::load::Loaded)] = Box::leak(
        crate::load::rollup::load_offices(dir)
            .map_err(Error::Data)?
            .into_boxed_slice(),
    );
    let Some((_, first)) = offices.first() else {
        return Err(Error::Usage(msg::no_offices()));
    };
    ctx.note_org(&first.data.org);
    let today = ctx.today(&first.data.org)?;
    let lang = ctx.lang(&first.data.org);
    let mut export: Option<Export<'static>> = None;
    for (office, loaded) in offices {
        let one = Export::build(&loaded.data, &office.id, today, lang);
        match &mut export {
            None => export = Some(one),
            Some(all) => {
                for (rows, more) in all.tables.iter_mut().zip(one.tables) {
                    rows.rows.extend(more.rows);
                }
                all.uncovered_years.extend(one.uncovered_years);
            }
        }
    }
    let Some(mut export) = export else {
        return Err(Error::Usage(msg::no_offices()));
    };
    export.uncovered_years.sort_unstable();
    export.uncovered_years.dedup();
    write(export, path, format, lang, out, err)
}

fn write(
    export: Export<'_>,
    path: &Path,
    format: Format,
    lang: crate::model::Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    export
        .check_shape()
        .map_err(|e| Error::Other(crate::Failed::error(msg::export_does_not_fit(&e))))?;
    let unstorable = export.unstorable();
    if !unstorable.is_empty() {
        let list = Text::join(&unstorable, "\n  ", "\n  ");
        return Err(Error::Usage(msg::export_unstorable(&list)));
    }
    // The same warning as `wg tasks list`: working days counted without the calendar.
    super::tasks::warn_uncovered(err, &export.uncovered_years, lang)?;
    let bytes = match format {
        Format::Sql => sql::sql(&export).into_bytes(),
        Format::Sqlite => sqlite::sqlite(&export)?,
        other => return Err(FORMATS.refuse(other)),
    };
    crate::output::write(path, &bytes, out)?;
    Ok(Exit::Ok)
}

fn has_sql_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("sql"))
}
