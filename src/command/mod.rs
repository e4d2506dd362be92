//! One function per command: load the data, call a report, pick a renderer.

pub mod check;
pub mod edit;
pub mod export;
pub mod forms;
pub mod import;
pub mod init;
pub mod man;
pub mod meeting;
pub mod report;
pub mod roster;
pub mod tasks;

use crate::cli::{Command, Format};
use crate::context::Context;
use crate::i18n::{Text, msg};
use crate::load::{self, Loaded, Meetings};
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
        (Ok(_), Some(skipped)) => Err(Error::Skipped(skipped)),
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
        Command::Tasks(crate::cli::TasksCommand::Import(args)) => import::run(args, ctx, out, err),
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
/// time. So does the files' text, which the tasks' strings are borrowed from (see
/// [`load::keep_texts`]). (The library's [`load::load`] returns owned data, for
/// callers that load often.)
///
/// For the commands that read the data (every caller but `check`): a text the load did
/// not keep (beyond what the process keeps, see [`load::keep_texts`]) is let go once the
/// data has loaded, as nothing is shown against it and no task borrows from it. Only
/// the commands that show meetings read `meetings.toml` (see [`Meetings`]).
pub fn load_data(ctx: &Context, meetings: Meetings) -> Result<&'static Loaded, Error> {
    let mut loaded = load_dir(ctx, meetings)?;
    loaded
        .sources
        .iter_mut()
        .for_each(load::Source::forget_owned_text);
    Ok(Box::leak(Box::new(loaded)))
}

/// Leaves `value` to the end of the process, as [`load_data`] leaves the data: a long
/// list's views and the rows of its document are millions of allocations at a million
/// tasks, freed one by one only to exit.
pub fn leave<T>(value: T) {
    std::mem::forget(value);
}

/// [`load_data`] keeping every file's text, for `wg check`, which shows its warnings.
pub fn load_data_with_text(ctx: &Context) -> Result<&'static Loaded, Error> {
    Ok(Box::leak(Box::new(load_dir(ctx, Meetings::Read)?)))
}

fn load_dir(ctx: &Context, meetings: Meetings) -> Result<Loaded, Error> {
    let dir = load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
    let loaded = if load::rollup::is_rollup(&dir) {
        let rollup = load::rollup::load(&dir, ctx.skip_broken, meetings).map_err(Error::Data)?;
        if let Some(broken) = rollup.broken {
            ctx.note_skipped(broken);
        }
        rollup.loaded
    } else {
        load::load_reading(&dir, meetings).map_err(Error::Data)?
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
            (Some(f), _) if self.offered.contains(&f) => {
                self.check_file(ctx, f)?;
                Ok(f)
            }
            (Some(f), _) => Err(self.refuse(f)),
            (None, Some(&default)) => Ok(default),
            // A command without formats is declared with [`no_format`], not here.
            (None, None) => Err(Error::Usage(msg::no_output_format(self.command))),
        }
    }

    /// A format that is a file (docx) needs `--out` and is never written to a terminal:
    /// a usage error before anything is loaded.
    fn check_file(&self, ctx: &Context, format: Format) -> Result<(), Error> {
        if !is_file_format(format) {
            return Ok(());
        }
        if ctx.out.is_none() {
            return Err(Error::Usage(msg::file_format_needs_out(
                self.command,
                format_name(format),
            )));
        }
        if output_is_terminal(ctx) {
            return Err(Error::Usage(msg::file_format_on_terminal(format_name(
                format,
            ))));
        }
        Ok(())
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
    use crate::render::document::{Options, Target, render_to};
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
        Format::Xlsx => {
            formats.check_file(ctx, format)?;
            let bytes = crate::render::xlsx::xlsx(&doc(crate::view::Medium::Ledger))?;
            return write_out(ctx, &bytes, out);
        }
        Format::Docx => {
            formats.check_file(ctx, format)?;
            let bytes = crate::render::docx::docx(&doc(crate::view::Medium::Paper))?;
            return write_out(ctx, &bytes, out);
        }
        Format::Sqlite | Format::Sql => return Err(formats.refuse(format)),
    };
    let doc = doc(crate::view::Medium::Screen);
    // A document read as a whole keeps its tables' borders in plain text too.
    let style = ctx.table_style(if doc.boxed_text {
        Format::Table
    } else {
        format
    });
    let opts = Options {
        style,
        // Colour only on the terminal that shows it, never into a file.
        color: ctx.color_stdout && ctx.out.is_none(),
        bom: ctx.bom,
    };
    match &ctx.out {
        // Written as it is made: a long table is neither copied nor held whole.
        None => render_to(&doc, target, opts, out)?,
        Some(_) => {
            let mut bytes = Vec::new();
            render_to(&doc, target, opts, &mut bytes)?;
            write_out(ctx, &bytes, out)?;
        }
    }
    leave(doc);
    Ok(())
}

/// Whether a format is a file of its own (a zip container) rather than text or a
/// stream: it needs `--out` and is refused on a terminal.
fn is_file_format(format: Format) -> bool {
    matches!(format, Format::Docx | Format::Xlsx)
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
        Format::Xlsx => "xlsx",
        Format::Docx => "docx",
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

#[cfg(test)]
mod tests {
    //! `emit`'s docx paths, before any command offers docx (the CLI-level tests come
    //! with the first command that does).
    use super::*;
    use crate::context::Env;
    use crate::model::Lang;
    use crate::view::{Document, Kind, Medium};
    use clap::Parser;

    const DOCX: Formats = Formats {
        command: "roster show",
        offered: &[Format::Table, Format::Docx],
    };

    fn ctx(args: &[&str], stdout_is_terminal: bool) -> Context {
        let cli = crate::cli::Cli::try_parse_from(["wg"].iter().chain(args).chain(&["check"]))
            .expect("parses");
        let env = Env {
            cwd: std::path::PathBuf::from("/"),
            now: chrono::DateTime::UNIX_EPOCH,
            stdout_is_terminal,
            stderr_is_terminal: false,
            auto_color_stdout: false,
            auto_color_stderr: false,
            terminal_width: None,
            locale: Lang::En,
        };
        Context::new(&cli.global, env)
    }

    /// Emits a one-paragraph document as docx; the medium the view was asked for is
    /// put in `medium`.
    fn emit_docx(ctx: &Context, medium: &mut Option<Medium>) -> (Result<(), Error>, Vec<u8>) {
        let mut out = Vec::new();
        let r = emit(
            ctx,
            DOCX,
            Format::Docx,
            &(),
            |m| {
                *medium = Some(m);
                let mut d = Document::new(Lang::Zh, Kind::Paper, "标题");
                d.para("正文");
                d
            },
            &mut out,
        );
        (r, out)
    }

    fn usage(r: Result<impl std::fmt::Debug, Error>) -> (String, String) {
        match r {
            Err(Error::Usage(t)) => (t.get(Lang::Zh).to_owned(), t.get(Lang::En).to_owned()),
            other => panic!("not a usage error: {other:?}"),
        }
    }

    #[test]
    fn docx_without_out_is_a_usage_error_in_both_languages() {
        let c = ctx(&["--format", "docx"], false);
        let (zh, en) = usage(DOCX.pick(&c));
        assert_eq!(
            en,
            "`roster show --format docx` writes a file and needs --out FILE (--out - for a pipe)"
        );
        assert!(zh.contains("需要 --out FILE"), "{zh}");
        let mut medium = None;
        let (r, out) = emit_docx(&c, &mut medium);
        usage(r);
        assert!(out.is_empty() && medium.is_none());
    }

    #[test]
    fn docx_is_refused_on_a_terminal() {
        let c = ctx(&["--format", "docx", "--out", "-"], true);
        let (_, en) = usage(DOCX.pick(&c));
        assert!(en.contains("not written to a terminal"), "{en}");
        let mut medium = None;
        let (r, out) = emit_docx(&c, &mut medium);
        usage(r);
        assert!(out.is_empty() && medium.is_none());
    }

    #[test]
    fn docx_to_a_pipe_is_the_paper_document() {
        let c = ctx(&["--format", "docx", "--out", "-"], false);
        assert_eq!(DOCX.pick(&c).ok(), Some(Format::Docx));
        let mut medium = None;
        let (r, out) = emit_docx(&c, &mut medium);
        assert!(r.is_ok());
        assert_eq!(medium, Some(Medium::Paper));
        assert!(out.starts_with(b"PK\x03\x04"), "a zip file");
    }

    #[test]
    fn docx_into_a_missing_directory_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("a.docx");
        let c = ctx(
            &["--format", "docx", "--out", path.to_str().unwrap()],
            false,
        );
        let mut medium = None;
        let (r, out) = emit_docx(&c, &mut medium);
        let (_, en) = usage(r);
        assert!(en.contains("does not exist; create it first"), "{en}");
        assert!(out.is_empty());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn docx_into_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.docx");
        let c = ctx(&["--format", "docx", "--out", path.to_str().unwrap()], true);
        let mut medium = None;
        let (r, out) = emit_docx(&c, &mut medium);
        assert!(r.is_ok());
        assert!(out.is_empty());
        assert!(std::fs::read(&path).unwrap().starts_with(b"PK\x03\x04"));
    }
}
