//! One function per command: load the data, call a report, pick a renderer.

pub mod check;
pub mod edit;
pub mod init;
pub mod meeting;
pub mod report;
pub mod roster;
pub mod tasks;

use crate::cli::{Command, Format};
use crate::context::Context;
use crate::load::{self, Loaded};
use crate::{Error, Exit};
use std::io::Write;

pub fn run(
    command: &Command,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    match command {
        Command::Check { strict } => check::run(ctx, *strict, out, err),
        Command::Roster(cmd) => roster::run(cmd, ctx, out),
        Command::Tasks(cmd) => tasks::run(cmd, ctx, out, err),
        Command::Meeting(cmd) => meeting::run(cmd, ctx, out, err),
        Command::Report { quarter, by } => report::run(*quarter, *by, ctx, out, err),
        Command::Init { dir } => init::run(dir, ctx, out),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(*shell, &mut crate::cli::Cli::command(), "wg", out);
            Ok(Exit::Ok)
        }
    }
}

/// Finds and loads the data directory; any problem in it is an error. Paths stay as
/// the user gave them, so messages show `data/groups.toml:12:3`, not an absolute path.
///
/// The data lives until the process ends: a command loads it once, and freeing a
/// hundred thousand tasks one allocation at a time only to exit was a tenth of the run
/// time. (The library's [`load::load`] returns owned data, for callers that load often.)
pub fn load_data(ctx: &Context) -> Result<&'static Loaded, Error> {
    let dir = load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
    let loaded = load::load(&dir).map_err(Error::Data)?;
    Ok(Box::leak(Box::new(loaded)))
}

/// Each group's name and its `short_name`, for a table's group column
/// ([`crate::render::Grid::short_forms`]).
pub fn group_short_forms(data: &crate::model::Data) -> Vec<(String, String)> {
    data.groups
        .iter()
        .filter_map(|g| Some((g.name.clone(), g.short_name.clone()?)))
        .collect()
}

/// The usage error for a format a command does not offer.
pub fn unsupported(format: Format, command: &str, offered: &[&str]) -> Error {
    let name = format!("{format:?}").to_lowercase();
    Error::Usage(format!(
        "`{command}` cannot print {name}; choose --format {}",
        offered.join(", ")
    ))
}
