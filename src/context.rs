//! Resolves the command line and the environment once: where the data is, what day it
//! is, which format, language and colours. Everything below takes a [`Context`].

use crate::cli::{ColorChoice, Format, Global};
use crate::model::{Lang, Org};
use crate::render::TableStyle;
use chrono::{DateTime, NaiveDate, Utc};
use std::path::PathBuf;

/// What the process was started with, beyond its arguments: injectable for tests.
#[derive(Debug, Clone)]
pub struct Env {
    pub cwd: PathBuf,
    /// The clock. `WG_NOW` (an RFC 3339 instant) replaces it, for tests of time zones.
    pub now: DateTime<Utc>,
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
    /// Whether `--color auto` colours stdout, and stderr: anstream's reading of the
    /// environment. `NO_COLOR` (set, not empty) means no colour; else `CLICOLOR_FORCE`
    /// (set, not empty) means colour, into a pipe too; else `CLICOLOR=0` means none;
    /// else colour only on a terminal whose `TERM` is set and not `dumb` (or, on a
    /// terminal, with `CLICOLOR` set or in CI).
    pub auto_color_stdout: bool,
    pub auto_color_stderr: bool,
    /// The width of the terminal stdout writes to: `COLUMNS` when it is a number, else
    /// what the terminal says. `None` when stdout is not a terminal, whatever `COLUMNS`
    /// holds: piped output is never wrapped unless `--width` asks.
    pub terminal_width: Option<usize>,
}

impl Env {
    pub fn from_process() -> Result<Env, String> {
        use std::io::IsTerminal;
        let cwd = std::env::current_dir()
            .map_err(|e| format!("cannot read the current directory: {e}"))?;
        let now = match std::env::var("WG_NOW") {
            Ok(s) if !s.is_empty() => DateTime::parse_from_rfc3339(s.trim())
                .map_err(|_| {
                    format!("WG_NOW must be an instant like 2026-06-30T17:30:00Z, got \"{s}\"")
                })?
                .with_timezone(&Utc),
            _ => Utc::now(),
        };
        let stdout_is_terminal = std::io::stdout().is_terminal();
        let terminal =
            || terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0));
        Ok(Env {
            cwd,
            now,
            stdout_is_terminal,
            stderr_is_terminal: std::io::stderr().is_terminal(),
            auto_color_stdout: auto_color(&std::io::stdout()),
            auto_color_stderr: auto_color(&std::io::stderr()),
            terminal_width: terminal_width(
                stdout_is_terminal,
                std::env::var("COLUMNS").ok().as_deref(),
                terminal,
            ),
        })
    }
}

/// What `--color auto` decides for a stream (see [`Env::auto_color_stdout`]).
fn auto_color<S: anstream::stream::RawStream>(stream: &S) -> bool {
    anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never
}

/// The width tables fit on a terminal: `COLUMNS` when it is a number above 0 (read
/// first, as `ls` and Python read it: a user who sets it means it), else what `ask`
/// gets from the terminal; none when stdout is not a terminal.
fn terminal_width(
    is_terminal: bool,
    columns: Option<&str>,
    ask: impl FnOnce() -> Option<usize>,
) -> Option<usize> {
    if !is_terminal {
        return None;
    }
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(ask)
}

#[derive(Debug, Clone)]
pub struct Context {
    pub env: Env,
    pub data: Option<PathBuf>,
    today: Option<NaiveDate>,
    pub format: Option<Format>,
    lang: Option<Lang>,
    pub color_stdout: bool,
    pub color_stderr: bool,
    pub bom: bool,
    /// The width tables fit: `--width N` (0: none), else the terminal's; `None` wraps
    /// nothing.
    pub width: Option<usize>,
}

impl Context {
    pub fn new(global: &Global, env: Env) -> Context {
        // `--color always|never` beats the environment, as the NO_COLOR convention asks.
        let color = |auto: bool| match global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => auto,
        };
        Context {
            data: global.data.clone(),
            today: global.today,
            format: global.format,
            lang: global.lang,
            color_stdout: color(env.auto_color_stdout),
            color_stderr: color(env.auto_color_stderr),
            bom: global.bom,
            width: match global.width {
                Some(0) => None,
                Some(n) => Some(n),
                None => env.terminal_width,
            },
            env,
        }
    }

    /// The as-of date: `--today`/`WG_TODAY`, else today in the org's time zone, else in
    /// the system's. A clock outside the years wg handles (0001 to 9999; `WG_NOW` at the
    /// very end of 9999 is already 10000 in Asia/Shanghai) is a usage error, as such a
    /// `--today` is (see [`crate::cli::parse_date`]).
    pub fn today(&self, org: &Org) -> Result<NaiveDate, crate::Error> {
        if let Some(today) = self.today {
            return Ok(today);
        }
        let today = match org.timezone {
            Some(tz) => self.env.now.with_timezone(&tz).date_naive(),
            None => self.env.now.with_timezone(&chrono::Local).date_naive(),
        };
        if !crate::model::date_in_range(today) {
            return Err(crate::Error::Usage(format!(
                "the clock says today is {today}, outside the dates wg handles ({} to {}); pass --today DATE",
                crate::model::FIRST_DAY,
                crate::model::LAST_DAY
            )));
        }
        Ok(today)
    }

    pub fn lang(&self, org: &Org) -> Lang {
        self.lang.unwrap_or(org.lang)
    }

    /// How tables are printed in `format`: fitted to the width; without borders for
    /// `--format text`.
    pub fn table_style(&self, format: Format) -> TableStyle {
        TableStyle {
            width: self.width,
            plain: format == Format::Text,
        }
    }

    /// The format asked for, or the command's default.
    pub fn format_or(&self, default: Format) -> Format {
        self.format.unwrap_or(default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn env(terminal_width: Option<usize>) -> Env {
        Env {
            cwd: PathBuf::from("/"),
            now: DateTime::UNIX_EPOCH,
            stdout_is_terminal: terminal_width.is_some(),
            stderr_is_terminal: false,
            auto_color_stdout: false,
            auto_color_stderr: false,
            terminal_width,
        }
    }

    fn width(args: &[&str], terminal: Option<usize>) -> Option<usize> {
        let cli = crate::cli::Cli::try_parse_from(["wg"].iter().chain(args).chain(&["check"]))
            .expect("parses");
        Context::new(&cli.global, env(terminal)).width
    }

    /// `--width N` wins, on a terminal or not; 0 turns fitting off; without it a
    /// terminal's width counts, and piped output (no terminal) is never fitted.
    #[test]
    fn width_comes_from_the_option_then_the_terminal() {
        assert_eq!(width(&["--width", "90"], Some(120)), Some(90));
        assert_eq!(width(&["--width", "90"], None), Some(90));
        assert_eq!(width(&["--width", "0"], Some(120)), None);
        assert_eq!(width(&[], Some(120)), Some(120));
        assert_eq!(width(&[], None), None);
    }

    #[test]
    fn columns_comes_before_the_terminal_and_only_on_a_terminal() {
        let ask = || Some(80);
        assert_eq!(terminal_width(true, Some("100"), ask), Some(100));
        assert_eq!(terminal_width(true, Some(" 100\n"), ask), Some(100));
        assert_eq!(terminal_width(true, Some("wide"), ask), Some(80));
        assert_eq!(terminal_width(true, Some("0"), ask), Some(80));
        assert_eq!(terminal_width(true, None, ask), Some(80));
        assert_eq!(terminal_width(true, None, || None), None);
        assert_eq!(terminal_width(false, Some("100"), ask), None);
    }
}
