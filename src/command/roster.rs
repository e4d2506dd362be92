//! `wg roster show|person|units|unit`: glue; the documents are `view::roster`'s.

use super::{Formats, emit, group_short_forms, load_data};
use crate::cli::{Format, RosterCommand};
use crate::context::Context;
use crate::report::{lookup, roster};
use crate::view;
use crate::{Error, Exit};
use std::io::Write;

use Format::{Csv, Docx, Json, Markdown, Table, Text, Xlsx, Yaml};

const SHOW: Formats = Formats {
    command: "roster show",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv, Xlsx, Docx],
};
/// A person or a unit is a short document, not one table: no CSV.
const PERSON: Formats = Formats {
    command: "roster person",
    offered: &[Table, Text, Json, Yaml, Markdown, Xlsx],
};
const UNITS: Formats = Formats {
    command: "roster units",
    offered: &[Table, Text, Json, Yaml, Markdown, Csv, Xlsx],
};
const UNIT: Formats = Formats {
    command: "roster unit",
    offered: &[Table, Text, Json, Yaml, Markdown, Xlsx],
};

pub fn run(cmd: &RosterCommand, ctx: &Context, out: &mut dyn Write) -> Result<Exit, Error> {
    let formats = match cmd {
        RosterCommand::Show { .. } => SHOW,
        RosterCommand::Person { .. } => PERSON,
        RosterCommand::Units => UNITS,
        RosterCommand::Unit { .. } => UNIT,
    };
    let format = formats.pick(ctx)?;
    let loaded = load_data(ctx, crate::load::Meetings::Unread)?;
    let data = &loaded.data;
    let lang = ctx.lang(&data.org);
    let today = ctx.today(&data.org)?;
    let usage = |e: lookup::LookupError| Error::Usage(e.text());
    match cmd {
        RosterCommand::Show { group } => {
            let only = match group {
                Some(g) => Some(lookup::groups(data, g).map_err(usage)?),
                None => None,
            };
            let report = roster::show_groups(data, only.as_deref(), lang);
            let doc = |m| view::roster::show(data, &report, today, lang, m);
            emit(ctx, formats, format, &report, doc, out)?;
        }
        RosterCommand::Person { name } => {
            let people = lookup::people(data, name).map_err(usage)?;
            let report = roster::people(data, &people, today, lang);
            let doc = |_| view::roster::person(data, &report, today, lang, group_short_forms(data));
            emit(ctx, formats, format, &report, doc, out)?;
        }
        RosterCommand::Units => {
            let report = roster::units(data);
            let doc = |m| view::roster::units(data, &report, today, lang, m);
            emit(ctx, formats, format, &report, doc, out)?;
        }
        RosterCommand::Unit { name } => {
            let u = lookup::unit(data, name).map_err(usage)?;
            let report = roster::unit(data, u, today);
            let doc = |_| view::roster::unit(data, &report, today, lang, group_short_forms(data));
            emit(ctx, formats, format, &report, doc, out)?;
        }
    }
    Ok(Exit::Ok)
}
