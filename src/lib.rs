//! `wg` keeps a working group's organisation and task list in plain-text TOML files and
//! answers the questions its office asks every week.
//!
//! The layers, each in its own module:
//! - [`model`]: plain data (org, units, people, groups, tasks, meetings, calendar);
//! - [`load`]: finds and reads the data directory, validates it, and reports every
//!   problem as a [`load::Diagnostic`] pointing at `file:line:col`;
//! - [`report`]: pure functions from the model and the as-of date to report rows;
//! - [`render`]: rows to bytes (table, JSON, YAML, CSV, Markdown);
//! - [`cli`] and [`context`]: the command line, resolved once into a [`context::Context`];
//! - [`command`]: one function per command, gluing the above together;
//! - [`output`]: where `--out PATH` writes (stdout, a file replaced atomically, a device).
//!
//! The library never prints: commands write to the `Write` they are given.
#![warn(clippy::print_stdout, clippy::print_stderr)]
// Nothing from a file, an argument or the environment may panic wg: no unwrap, no
// expect, no indexing that can go out of range. The few indexing places that cannot
// say why where they are allowed.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
// One `unsafe` block in all of wg, allowed where it is (`load::utf8`), with its reason.
#![deny(unsafe_code)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod cli;
pub mod command;
pub mod context;
pub mod edit;
pub mod i18n;
pub mod load;
pub mod model;
pub mod output;
pub(crate) mod par;
pub mod render;
pub mod report;
pub(crate) mod swar;

use std::io::Write;
use std::process::ExitCode;

/// How a command ended, as the exit code says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done, nothing to flag.
    Ok,
    /// 1: found what was asked about (overdue tasks with `--exit-code`, warnings with
    /// `check --strict`).
    Found,
}

/// Why a command failed; every one exits 2.
#[derive(Debug)]
pub enum Error {
    /// The command line asks for something that cannot be done.
    Usage(String),
    /// The data directory has problems, or an edit would introduce one.
    Data(load::LoadFailure),
    /// Anything else: I/O and the like, with context.
    Other(anyhow::Error),
}

impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Error {
        Error::Other(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Other(e.into())
    }
}

/// Runs a parsed command line. Data goes to `out`; warnings go to `err`.
pub fn run(
    cli: &cli::Cli,
    ctx: &context::Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    command::run(&cli.command, ctx, out, err)
}

/// The whole program: parse arguments, run, print what failed, return the exit code.
/// A closed stdout (`wg roster show | head -1`) ends the program quietly.
pub fn main_with_env() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err((e, escape)) => return print_clap(&e, escape),
    };
    let stderr = std::io::stderr();
    let env = match context::Env::from_process() {
        Ok(env) => env,
        Err(message) => {
            let _ = writeln!(stderr.lock(), "error: {message}");
            return ExitCode::from(2);
        }
    };
    let ctx = context::Context::new(&cli.global, env);
    let mut out = Stdout::new();
    let mut err = stderr.lock();
    let result = run(&cli, &ctx, &mut out, &mut err);
    // Whatever was produced is written, even before an error (e.g. a partial report).
    // A failed write is what the command's own error (if any) came from, so it is the
    // one reported.
    if let Err(e) = out.finish() {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::from(0);
        }
        let _ = writeln!(err, "error: cannot write output: {e}");
        return ExitCode::from(2);
    }
    match result {
        Ok(Exit::Ok) => ExitCode::from(0),
        Ok(Exit::Found) => ExitCode::from(1),
        Err(e) => {
            let _ = err.write_all(render_error(&e, ctx.color_stderr).as_bytes());
            ExitCode::from(2)
        }
    }
}

/// wg's standard output as commands see it: written as it comes, through a buffer,
/// rather than gathered whole and written at the end (the overdue list of a million
/// tasks is 50 MB of table, 180 MB of JSON). The first write that fails is kept, so
/// that a closed pipe ends wg quietly however the command reported the failure.
struct Stdout {
    inner: std::io::BufWriter<std::io::StdoutLock<'static>>,
    failed: Option<std::io::Error>,
}

impl Stdout {
    fn new() -> Stdout {
        Stdout {
            inner: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            failed: None,
        }
    }

    /// Keeps the first failure; a later one is most likely its echo.
    fn keep<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r
            && self.failed.is_none()
        {
            self.failed = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
        r
    }

    /// Flushes what is left; the first failure of the whole run, if any.
    fn finish(mut self) -> std::io::Result<()> {
        let flushed = self.inner.flush();
        self.keep(flushed)?;
        match self.failed {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.keep(r)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let r = self.inner.write_all(buf);
        self.keep(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.keep(r)
    }
}

/// Parses the process's arguments. clap echoes arguments in its errors (and help shows
/// the values of `WG_` variables) as they are: when one of them holds a character that
/// must not reach a terminal, clap is asked for text without its own colours, so that
/// every escape sequence left in it came from the user and can be shown escaped
/// ([`print_clap`]); the `bool` says so.
fn parse_args() -> Result<cli::Cli, (clap::Error, bool)> {
    use clap::{CommandFactory, FromArgMatches};
    let wg_vars = std::env::vars_os()
        .filter(|(k, _)| k.to_string_lossy().starts_with("WG_"))
        .map(|(_, v)| v);
    let escape = std::env::args_os().chain(wg_vars).any(|a| {
        matches!(
            render::text::sanitize(&a.to_string_lossy()),
            std::borrow::Cow::Owned(_)
        )
    });
    let mut cmd = cli::Cli::command();
    if escape {
        cmd = cmd.styles(clap::builder::Styles::plain());
    }
    let mut matches = cmd
        .try_get_matches_from_mut(std::env::args_os())
        .map_err(|e| (e, escape))?;
    cli::Cli::from_arg_matches_mut(&mut matches).map_err(|e| (e.format(&mut cmd), escape))
}

/// Prints what clap has to say (help and version to stdout, errors to stderr) and
/// gives the exit code. With `escape`, the text (uncoloured, see [`parse_args`]) has
/// its control characters shown as `\u{1b}`, as data text has: neither run by the
/// terminal nor dropped without a trace.
fn print_clap(e: &clap::Error, escape: bool) -> ExitCode {
    let code = ExitCode::from(if e.use_stderr() { 2 } else { 0 });
    if !escape {
        let _ = e.print();
        return code;
    }
    let text = e.render().ansi().to_string();
    let safe = render::text::sanitize(&text);
    let _ = if e.use_stderr() {
        std::io::stderr().lock().write_all(safe.as_bytes())
    } else {
        std::io::stdout().lock().write_all(safe.as_bytes())
    };
    code
}

/// The text of an error for stderr.
pub fn render_error(e: &Error, styled: bool) -> String {
    match e {
        Error::Usage(message) => format!("error: {}\n", render::text::sanitize(message)),
        Error::Data(failure) => command::check::render_failure(failure, styled),
        Error::Other(e) => {
            let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            format!("error: {}\n", render::text::sanitize(&chain.join(": ")))
        }
    }
}
