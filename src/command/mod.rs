//! One function per command: load the data, call a report, pick a renderer.

pub mod check;
pub mod roster;

use crate::cli::{Command, Format};
use crate::context::Context;
use crate::load::{self, Loaded};
use crate::{Error, Exit};
use std::io::Write;

pub fn run(command: &Command, ctx: &Context, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Error> {
    match command {
        Command::Check { strict } => check::run(ctx, *strict, out, err),
        Command::Roster(cmd) => roster::run(cmd, ctx, out),
    }
}

/// Finds and loads the data directory; any problem in it is an error.
pub fn load_data(ctx: &Context) -> Result<Loaded, Error> {
    let dir = load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
    let dir = if dir.is_relative() && ctx.data.is_none() {
        // Discovered relative to the working directory; keep it relative for messages.
        dir
    } else {
        dir
    };
    load::load(&resolve(ctx, &dir)).map_err(Error::Data).map(|mut l| {
        l.dir = dir.clone();
        l
    })
}

/// A path as the process sees it: relative paths are taken from the context's cwd.
fn resolve(ctx: &Context, path: &std::path::Path) -> std::path::PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        ctx.env.cwd.join(path)
    }
}

/// The usage error for a format a command does not offer.
pub fn unsupported(format: Format, command: &str, offered: &[&str]) -> Error {
    let name = format!("{format:?}").to_lowercase();
    Error::Usage(format!(
        "`{command}` cannot print {name}; choose --format {}",
        offered.join(", ")
    ))
}
