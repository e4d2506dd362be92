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
//! - [`export`]: the data set as a database (SQL text, an SQLite file);
//! - [`import`]: task ledgers (台账) read from Excel or CSV, for `wg tasks import`;
//! - [`output`]: where `--out PATH` writes (stdout, a file replaced atomically, a device).
//!
//! The library never prints: commands write to the `Write` they are given.
#![warn(clippy::print_stdout, clippy::print_stderr)]
// Nothing from a file, an argument or the environment may panic wg: no unwrap, no
// expect, no indexing that can go out of range. The few indexing places that cannot
// say why where they are allowed.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
// `unsafe` is allowed in seven places only, each with its reasons: `load::utf8`,
// `edit::os` (system calls), `par::map` (results written in place), `swar::count`
// and `swar::first_hit` (SSE2), `swar::prefetch_line` (a hint to the processor's
// caches), and `grow_heaps_in_big_steps` (`mallopt`).
#![deny(unsafe_code)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod cli;
pub mod command;
pub mod context;
pub mod edit;
pub mod export;
pub mod forms;
pub mod i18n;
pub mod import;
pub mod load;
pub mod model;
pub mod output;
pub(crate) mod par;
pub mod render;
pub mod report;
pub(crate) mod swar;
pub mod view;

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

/// Why a command failed; every one exits 2. Each carries its message in both
/// languages; [`render_error`] picks one.
#[derive(Debug)]
pub enum Error {
    /// The command line asks for something that cannot be done.
    Usage(i18n::Text),
    /// The data directory has problems, or an edit would introduce one.
    Data(load::LoadFailure),
    /// A roll-up run with `--skip-broken` that printed what the other offices give:
    /// the offices left out, with their errors, and how many the output covers.
    Skipped(load::rollup::Skipped),
    /// Anything else: I/O and the like, with context. wg's own words in the chain are
    /// [`Failed`]s; an I/O error is said in the language too ([`i18n::msg::io_error`]).
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

/// One of wg's own steps that failed ("cannot write wg.ics"), in both languages, and
/// what made it fail. It stands in an `anyhow` chain where a context string would, so
/// that [`render_error`] can find it and say it in the right language (a context
/// string would be English only, and anyhow's own context type cannot be looked into).
#[derive(Debug)]
pub struct Failed {
    pub what: i18n::Text,
    pub cause: Option<anyhow::Error>,
}

impl Failed {
    /// A failure with no cause beyond wg's own words.
    pub fn error(what: i18n::Text) -> anyhow::Error {
        anyhow::Error::new(Failed { what, cause: None })
    }

    /// `what` failed because of `cause`.
    pub fn wrap(what: i18n::Text, cause: impl Into<anyhow::Error>) -> anyhow::Error {
        anyhow::Error::new(Failed {
            what,
            cause: Some(cause.into()),
        })
    }
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.what)
    }
}

impl std::error::Error for Failed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause
            .as_ref()
            .map(|e| -> &(dyn std::error::Error + 'static) { e.as_ref() })
    }
}

/// `.because(|| msg::…)`: `anyhow`'s `with_context`, with wg's words in both languages.
pub trait Because<T> {
    fn because(self, what: impl FnOnce() -> i18n::Text) -> anyhow::Result<T>;
}

impl<T, E: Into<anyhow::Error>> Because<T> for Result<T, E> {
    fn because(self, what: impl FnOnce() -> i18n::Text) -> anyhow::Result<T> {
        self.map_err(|e| Failed::wrap(what(), e))
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
    // One command, then the process exits: what is loaded lives until then.
    load::keep_texts();
    grow_heaps_in_big_steps();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let locale = context::process_locale();
    // Before parsing, the language is what the arguments and the locale say.
    let early = context::message_lang(context::lang_in_args(&args), None, locale);
    let cli = match parse_args(&args, early) {
        Ok(cli) => cli,
        Err((e, escape)) => return print_clap_error(e, escape, &args, early),
    };
    let stderr = std::io::stderr();
    let env = match context::Env::from_process() {
        Ok(env) => env,
        Err(message) => {
            let lang = context::message_lang(cli.global.lang, None, locale);
            let _ = stderr
                .lock()
                .write_all(render_error(&Error::Usage(message), false, lang).as_bytes());
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
        let e = Error::Other(Failed::wrap(i18n::msg::cannot_write_output(), e));
        let _ =
            err.write_all(render_error(&e, ctx.color_stderr, ctx.message_lang(None)).as_bytes());
        return ExitCode::from(2);
    }
    match result {
        Ok(Exit::Ok) => ExitCode::from(0),
        Ok(Exit::Found) => ExitCode::from(1),
        Err(e) => {
            let lang = match &e {
                Error::Data(failure) => ctx.message_lang(failure.lang),
                Error::Skipped(skipped) => ctx.message_lang(skipped.failure.lang),
                _ => ctx.message_lang(None),
            };
            let _ = err.write_all(render_error(&e, ctx.color_stderr, lang).as_bytes());
            ExitCode::from(2)
        }
    }
}

/// glibc's malloc grows a heap by what is asked plus 128 KiB at a time: the main
/// thread's by `brk` (seven calls for the office's forty tasks, each 40–70 µs on a
/// virtual machine here), another thread's by `mprotect`, which holds the address
/// space's lock while the other core's page faults wait (some 1,500 calls for the
/// 100,000-task `wg tasks overdue`). Steps of 16 MiB, reserved and not touched (no
/// page more is used): start-up 3988 → 3398 µs, the 100,000-task list 133.3 → 127.7
/// ms (medians of 300 and 41 alternating runs). The binary's choice, not the library's.
fn grow_heaps_in_big_steps() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets a parameter of the allocator; M_TOP_PAD takes any
    // size, and this runs before wg starts a thread.
    #[allow(unsafe_code)]
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 16 << 20);
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

/// Parses the arguments, with the help and errors in `lang` ([`cli::command`]). clap echoes
/// arguments in its errors (and help shows the values of `WG_` variables) as they are:
/// when one of them holds a character that must not reach a terminal, clap is asked for
/// text without its own colours, so that every escape sequence left in it came from the
/// user and can be shown escaped ([`print_clap`]); the `bool` says so.
fn parse_args(
    args: &[std::ffi::OsString],
    lang: model::Lang,
) -> Result<cli::Cli, (clap::Error, bool)> {
    use clap::FromArgMatches;
    let wg_vars = std::env::vars_os()
        .filter(|(k, _)| k.to_string_lossy().starts_with("WG_"))
        .map(|(_, v)| v);
    let escape = args.iter().cloned().chain(wg_vars).any(|a| {
        matches!(
            render::text::sanitize(&a.to_string_lossy()),
            std::borrow::Cow::Owned(_)
        )
    });
    let parse = |lang| {
        let mut cmd = cli::command(lang);
        if escape {
            cmd = cmd.styles(clap::builder::Styles::plain());
        }
        let mut matches = cmd.try_get_matches_from_mut(args)?;
        let cli = cli::Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut cmd));
        // clap's tree of every command is freed before the data is read: a fifth of
        // the parse's instructions, but the loader then reuses its third of a
        // megabyte, where forgetting it left the loader 68 more pages to fault in
        // (start-up 0.1 ms slower side by side). The matches are small.
        drop(cmd);
        std::mem::forget(matches);
        cli
    };
    // The help's language changes what clap says, never what it parses: the command
    // line is parsed with the untranslated command, and translating the whole tree
    // (twice the time of the parse) is left to an error or the help.
    match parse(model::Lang::En) {
        Ok(cli) => Ok(cli),
        Err(e) if lang == model::Lang::En => Err((e, escape)),
        Err(_) => parse(lang).map_err(|e| (e, escape)),
    }
}

/// clap's error or help in the language of the org it is said to: without `--lang`,
/// a parse error and the help follow the org's `lang` as every message said after
/// org.toml is read does ([`context::data_lang`]; README, "Languages"), so `wg tasks
/// remind` without `--by` is said in Chinese to a Chinese org in a C locale. The
/// command line is parsed again with the command in that language.
fn print_clap_error(
    e: clap::Error,
    escape: bool,
    args: &[std::ffi::OsString],
    early: model::Lang,
) -> ExitCode {
    let version = e.kind() == clap::error::ErrorKind::DisplayVersion;
    if version || context::lang_in_args(args).is_some() {
        return print_clap(&e, escape, early);
    }
    let given = context::data_in_args(args, std::env::var_os("WG_DATA"));
    let org = std::env::current_dir()
        .ok()
        .and_then(|cwd| context::data_lang(given.as_deref(), &cwd));
    match org {
        Some(lang) if lang != early => match parse_args(args, lang) {
            Err((again, escape)) => print_clap(&again, escape, lang),
            Ok(_) => print_clap(&e, escape, early),
        },
        _ => print_clap(&e, escape, early),
    }
}

/// Prints what clap has to say (help and version to stdout, errors to stderr) and
/// gives the exit code. In Chinese, the errors wg knows how to say are said by wg
/// ([`cli::error_zh`]); the rest stay clap's English. With `escape`, the text
/// (uncoloured, see [`parse_args`]) has its control characters shown as `\u{1b}`, as
/// data text has: neither run by the terminal nor dropped without a trace.
fn print_clap(e: &clap::Error, escape: bool, lang: model::Lang) -> ExitCode {
    let code = ExitCode::from(if e.use_stderr() { 2 } else { 0 });
    let own = match lang {
        model::Lang::Zh if e.use_stderr() => cli::error_zh(e),
        _ => None,
    };
    // Help in Chinese: the headings end in `：`, clap adds its `:` (cli::help_text_zh).
    let help = matches!(
        e.kind(),
        clap::error::ErrorKind::DisplayHelp
            | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    let own = match (own, lang, help) {
        (None, model::Lang::Zh, true) => Some(cli::help_text_zh(&e.render().ansi().to_string())),
        (None, model::Lang::En, true) => Some(e.render().ansi().to_string()),
        (own, _, _) => own,
    };
    let own = match (own, help) {
        (Some(text), true) => Some(cli::wrap_help(&text, help_width())),
        (own, _) => own,
    };
    match (own, escape) {
        (None, false) => {
            let _ = e.print();
            return code;
        }
        // wg's own text, coloured as clap would colour it: anstream drops the colour
        // codes where clap would have written none (a pipe, NO_COLOR).
        (Some(text), false) => {
            let _ = if e.use_stderr() {
                anstream::stderr().write_all(text.as_bytes())
            } else {
                anstream::stdout().write_all(text.as_bytes())
            };
            return code;
        }
        (own, true) => print_escaped(e, own),
    }
    code
}

/// The width help is wrapped to, as clap would pick it: the terminal's (stdout's, else
/// stderr's or stdin's), else `COLUMNS`, at most 100 (the `max_term_width` of
/// [`cli::Cli`]).
fn help_width() -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .filter(|&w| w > 0)
        .map_or(100, |w: usize| w.min(100))
}

/// The text (clap's, uncoloured, or wg's own) with its control characters escaped.
fn print_escaped(e: &clap::Error, own: Option<String>) {
    let text = own.unwrap_or_else(|| e.render().ansi().to_string());
    let safe = render::text::sanitize(&text);
    let _ = if e.use_stderr() {
        std::io::stderr().lock().write_all(safe.as_bytes())
    } else {
        std::io::stdout().lock().write_all(safe.as_bytes())
    };
}

/// The text of an error for stderr, in `lang`.
pub fn render_error(e: &Error, styled: bool, lang: model::Lang) -> String {
    let prefix = i18n::msg::error_prefix();
    match e {
        Error::Usage(message) => format!(
            "{}{}\n",
            prefix.get(lang),
            render::text::sanitize(message.get(lang))
        ),
        Error::Data(failure) => command::check::render_failure(failure, styled, lang),
        Error::Skipped(skipped) => command::check::render_skipped(skipped, styled, lang),
        Error::Other(e) => {
            let chain: Vec<String> = e
                .chain()
                .map(|c| {
                    if let Some(failed) = c.downcast_ref::<Failed>() {
                        failed.what.get(lang).to_owned()
                    } else if let Some(io) = c.downcast_ref::<std::io::Error>() {
                        i18n::msg::io_error(io).get(lang).to_owned()
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            let sep = match lang {
                model::Lang::Zh => "：",
                model::Lang::En => ": ",
            };
            format!(
                "{}{}\n",
                prefix.get(lang),
                render::text::sanitize(&chain.join(sep))
            )
        }
    }
}
