//! One function per command: load the data, call a report, pick a renderer.

pub mod check;
pub mod edit;
pub mod export;
pub mod forms;
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
    match command {
        Command::Check { strict } => {
            no_out(ctx, "check")?;
            check::run(ctx, *strict, out, err)
        }
        Command::Roster(cmd) => roster::run(cmd, ctx, out),
        Command::Tasks(crate::cli::TasksCommand::Forms(cmd)) => forms::run(cmd, ctx, out, err),
        Command::Tasks(cmd) => tasks::run(cmd, ctx, out, err),
        Command::Meeting(cmd) => meeting::run(cmd, ctx, out, err),
        Command::Report { quarter, by } => report::run(*quarter, *by, ctx, out, err),
        Command::Export => export::run(ctx, out, err),
        Command::Init { dir } => {
            no_format(ctx, "init", &msg::prints_file_names())?;
            no_out(ctx, "init")?;
            init::run(dir, ctx, out)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            no_format(ctx, "completions", &msg::prints_a_shell_script())?;
            no_out(ctx, "completions")?;
            // clap_complete panics when a write fails, and stdout is written as it goes
            // (a closed pipe fails it): the script is made first, then written.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut crate::cli::Cli::command(), "wg", &mut script);
            out.write_all(&script)?;
            Ok(Exit::Ok)
        }
        Command::Man => {
            no_format(ctx, "man", &msg::prints_roff())?;
            man::run(ctx.out.as_deref(), out)
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
    let loaded = load::load(&dir).map_err(Error::Data)?;
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

/// For a command that writes no output file (the edits, `check`, `init`): `--out` is
/// refused rather than ignored.
pub fn no_out(ctx: &Context, command: &str) -> Result<(), Error> {
    match ctx.out {
        Some(_) => Err(Error::Usage(msg::out_not_offered(command))),
        None => Ok(()),
    }
}

/// Writes a command's output: to `--out` if given (with the safety rules of
/// [`crate::output::write`]), else to stdout.
pub fn write_out(ctx: &Context, bytes: &[u8], out: &mut dyn Write) -> Result<(), Error> {
    match &ctx.out {
        Some(path) => crate::output::write(path, bytes, out)?,
        None => out.write_all(bytes)?,
    }
    Ok(())
}

/// Whether the output would land on a terminal (stdout is one and no `--out` file is
/// named, or `--out` names a terminal device): binary formats are refused there.
pub fn output_is_terminal(ctx: &Context) -> bool {
    match &ctx.out {
        None => ctx.env.stdout_is_terminal,
        Some(path) => {
            (ctx.env.stdout_is_terminal && crate::output::is_stdout(path))
                || crate::output::is_terminal_device(path)
        }
    }
}

/// What a read command prints: the one place where a format meets a renderer. JSON and
/// YAML serialise the report's data (their shapes are the contract in README); every
/// other format renders the report's document, made by `doc` for the format's
/// [`Medium`](crate::view::Medium) (only when needed).
/// The bytes go to `--out` or stdout.
pub fn emit<'d, R: serde::Serialize>(
    ctx: &Context,
    formats: Formats,
    format: Format,
    report: &R,
    doc: impl FnOnce(crate::view::Medium) -> crate::view::Document<'d>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    use crate::render::document::{Options, Target, render};
    let target = match format {
        Format::Json | Format::Yaml => {
            let print = |w: &mut dyn Write| match format {
                Format::Json => crate::render::json(w, report),
                _ => crate::render::yaml(w, report),
            };
            return match &ctx.out {
                // Streamed: a 100,000-task list is not held twice.
                None => Ok(print(out)?),
                Some(_) => {
                    let mut bytes = Vec::new();
                    print(&mut bytes)?;
                    write_out(ctx, &bytes, out)
                }
            };
        }
        Format::Table => Target::Table,
        Format::Text => Target::Text,
        Format::Markdown => Target::Markdown,
        Format::Csv => Target::Csv,
        Format::Sqlite | Format::Sql => return Err(formats.refuse(format)),
    };
    let opts = Options {
        style: ctx.table_style(format),
        // Colour only on the terminal that shows it, never into a file.
        color: ctx.color_stdout && ctx.out.is_none(),
        bom: ctx.bom,
    };
    let bytes = render(&doc(crate::view::Medium::Screen), target, opts)?;
    write_out(ctx, &bytes, out)
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
