//! One function per command: load the data, call a report, pick a renderer.

pub mod check;
pub mod edit;
pub mod export;
pub mod init;
pub mod man;
pub mod meeting;
pub mod report;
pub mod roster;
pub mod tasks;

use crate::cli::{Command, Format};
use crate::context::Context;
use crate::i18n::{Text, msg};
use crate::load::{self, Loaded};
use crate::{Error, Exit};
use std::io::Write;

pub fn run(
    command: &Command,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let result = run_command(command, ctx, out, err);
    // A roll-up that left broken offices out (`--skip-broken`) has printed the rest; now
    // the broken ones are named, and the run fails all the same.
    match (result, ctx.take_skipped()) {
        (Ok(_), Some(skipped)) => Err(Error::Data(skipped)),
        (result, _) => result,
    }
}

fn run_command(
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
        Command::Export { out: path } => export::run(path, ctx, out, err),
        Command::Init { dir } => {
            no_format(ctx, "init", &msg::prints_file_names())?;
            init::run(dir, ctx, out)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            no_format(ctx, "completions", &msg::prints_a_shell_script())?;
            // clap_complete panics when a write fails, and stdout is written as it goes
            // (a closed pipe fails it): the script is made first, then written.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut crate::cli::Cli::command(), "wg", &mut script);
            out.write_all(&script)?;
            Ok(Exit::Ok)
        }
        Command::Man { out: dir } => {
            no_format(ctx, "man", &msg::prints_roff())?;
            man::run(dir.as_deref(), out)
        }
    }
}

/// Finds and loads the data directory; any problem in it is an error. Paths stay as
/// the user gave them, so messages show `data/groups.toml:12:3`, not an absolute path.
///
/// The data lives until the process ends: a command loads it once, and freeing a
/// hundred thousand tasks one allocation at a time only to exit was a tenth of the run
/// time. (The library's [`load::load`] returns owned data, for callers that load often.)
///
/// For the commands that read the data (every caller but `check`): once the data has
/// loaded, nothing is shown against the files' text, so the text is let go
/// ([`crate::load::Source::forget_text`]); it was a third of the peak memory of a
/// million-task `wg tasks overdue`. `loaded.sources` still names the files.
pub fn load_data(ctx: &Context) -> Result<&'static Loaded, Error> {
    let mut loaded = load_dir(ctx)?;
    loaded
        .sources
        .iter_mut()
        .for_each(load::Source::forget_text);
    Ok(Box::leak(Box::new(loaded)))
}

/// [`load_data`] keeping the files' text, for `wg check`, which shows its warnings.
pub fn load_data_with_text(ctx: &Context) -> Result<&'static Loaded, Error> {
    Ok(Box::leak(Box::new(load_dir(ctx)?)))
}

fn load_dir(ctx: &Context) -> Result<Loaded, Error> {
    let dir = load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
    let loaded = if load::rollup::is_rollup(&dir) {
        let rollup = load::rollup::load(&dir, ctx.skip_broken).map_err(Error::Data)?;
        if let Some(broken) = rollup.broken {
            ctx.note_skipped(broken);
        }
        rollup.loaded
    } else {
        load::load(&dir).map_err(Error::Data)?
    };
    ctx.note_org(&loaded.data.org);
    Ok(loaded)
}

/// The formats one command offers, declared once beside the command: [`Formats::pick`]
/// checks `--format` against the list and [`Formats::refuse`] names the same list, so
/// what a command accepts and what its error message offers cannot drift apart.
#[derive(Debug, Clone, Copy)]
pub struct Formats {
    /// The command as the user types it: `roster person`.
    pub command: &'static str,
    /// The default first, then the others in the order the error message lists them.
    pub offered: &'static [Format],
}

impl Formats {
    /// The format asked for, or the default; one this command does not offer is a usage
    /// error, raised before anything is loaded or looked up.
    pub fn pick(&self, ctx: &Context) -> Result<Format, Error> {
        match (ctx.format, self.offered.first()) {
            (Some(f), _) if self.offered.contains(&f) => Ok(f),
            (Some(f), _) => Err(self.refuse(f)),
            (None, Some(&default)) => Ok(default),
            // A command without formats is declared with [`no_format`], not here.
            (None, None) => Err(Error::Usage(msg::no_output_format(self.command))),
        }
    }

    /// The usage error for a format this command does not offer, naming those it does.
    /// Also for the arms of a `match` over every format that `pick` has already refused.
    pub fn refuse(&self, format: Format) -> Error {
        let offered: Vec<&str> = self.offered.iter().map(|&f| format_name(f)).collect();
        Error::Usage(msg::cannot_print(
            self.command,
            format_name(format),
            &msg::plain_list(&offered),
        ))
    }
}

/// For a command whose output has one form (`meeting ics`, the edits): `--format` is
/// refused rather than ignored, since a script asking for JSON must not be handed text.
/// `prints` says what it prints instead: "always prints iCalendar".
pub fn no_format(ctx: &Context, command: &str, prints: &Text) -> Result<(), Error> {
    match ctx.format {
        Some(f) => Err(Error::Usage(msg::refuses_format(
            command,
            prints,
            format_name(f),
        ))),
        None => Ok(()),
    }
}

/// The colour of a warning level on a terminal: the level's own colour.
pub(crate) fn warning_color(w: crate::model::Warning) -> crate::render::Color {
    use crate::model::Warning;
    use crate::render::Color;
    match w {
        Warning::Red => Color::Red,
        Warning::Yellow => Color::Yellow,
        Warning::Blue => Color::Blue,
        Warning::Green => Color::Green,
    }
}

/// The word the user types after `--format`.
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Table => "table",
        Format::Json => "json",
        Format::Yaml => "yaml",
        Format::Csv => "csv",
        Format::Markdown => "markdown",
        Format::Text => "text",
        Format::Sqlite => "sqlite",
        Format::Sql => "sql",
    }
}

/// Each group's name and its `short_name`, for a table's group column
/// ([`crate::render::Grid::short_forms`]).
pub fn group_short_forms(data: &crate::model::Data) -> Vec<(String, String)> {
    data.groups
        .iter()
        .filter_map(|g| Some((g.name.clone(), g.short_name.clone()?)))
        .collect()
}
