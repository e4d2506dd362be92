//! Resolves the command line and the environment once: where the data is, what day it
//! is, which format, language and colours. Everything below takes a [`Context`].

use crate::cli::{ColorChoice, Format, Global};
use crate::model::{Lang, Org};
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
        Ok(Env {
            cwd,
            now,
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            auto_color_stdout: auto_color(&std::io::stdout()),
            auto_color_stderr: auto_color(&std::io::stderr()),
        })
    }
}

/// What `--color auto` decides for a stream (see [`Env::auto_color_stdout`]).
fn auto_color<S: anstream::stream::RawStream>(stream: &S) -> bool {
    anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never
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

    /// The format asked for, or the command's default.
    pub fn format_or(&self, default: Format) -> Format {
        self.format.unwrap_or(default)
    }
}
