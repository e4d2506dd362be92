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
    let loaded = load_data(ctx)?;
    let data = &loaded.data;
    let today = ctx.today(&data.org)?;
    let export = Export::build(data, LOCAL_OFFICE, today, ctx.lang(&data.org));
    export
        .check_shape()
        .map_err(|e| Error::Other(crate::Failed::error(msg::export_does_not_fit(&e))))?;
    let unstorable = export.unstorable();
    if !unstorable.is_empty() {
        let list = Text::join(&unstorable, "\n  ", "\n  ");
        return Err(Error::Usage(msg::export_unstorable(&list)));
    }
    // The same warning as `wg tasks list`: working days counted without the calendar.
    super::tasks::warn_uncovered(err, &export.uncovered_years, ctx.lang(&data.org))?;
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
