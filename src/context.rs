//! Resolves the command line and the environment once: where the data is, what day it
//! is, which format, language and colours. Everything below takes a [`Context`].
//!
//! The language has one rule, [`message_lang`]: `--lang` if given; else the org's
//! `lang` once org.toml has been read (an org.toml that does not say it, or that is too
//! broken to say it, does not count); else the locale ([`locale_lang`]).

use crate::cli::{ColorChoice, Format, Global};
use crate::i18n::{Text, msg};
use crate::model::{Lang, Org};
use crate::render::TableStyle;
use chrono::{DateTime, NaiveDate, Utc};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The language of wg's labels and messages: `--lang`, else the org's `lang` (when an
/// org.toml has been read and says it: an org.toml without `lang` says zh), else the
/// locale's. The one rule; `--help`, printed before any org is read, passes `None`.
pub fn message_lang(flag: Option<Lang>, org: Option<Lang>, locale: Lang) -> Lang {
    flag.or(org).unwrap_or(locale)
}

/// The locale's language, by POSIX precedence: the first of `LC_ALL`, `LC_MESSAGES` and
/// `LANG` that is set and not empty decides; Chinese if it begins with `zh`
/// (`zh_CN.UTF-8`, `zh_TW`), else English (`C`, `en_US.UTF-8`, nothing set).
pub fn locale_lang(var: impl Fn(&str) -> Option<String>) -> Lang {
    let first = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| var(k).filter(|v| !v.is_empty()));
    match first {
        Some(v) if v.starts_with("zh") => Lang::Zh,
        _ => Lang::En,
    }
}

/// The locale's language in this process.
pub fn process_locale() -> Lang {
    locale_lang(|k| std::env::var(k).ok())
}

/// `--lang zh` or `--lang=zh` among the raw arguments (before `--`), the last one
/// winning: what `--help` and clap's errors go by, since they come before parsing
/// (and before any org.toml is read). A value that is not a language is left to clap.
pub fn lang_in_args<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Option<Lang> {
    flag_values(args, "--lang")
        .iter()
        .rev()
        .find_map(|v| Lang::parse(v.trim()))
}

/// The values of `--flag VALUE` and `--flag=VALUE` among the raw arguments, before
/// `--`, in their order (`--flagged` is another flag).
fn flag_values<S: AsRef<std::ffi::OsStr>>(args: &[S], flag: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut args = args.iter().map(|a| a.as_ref().to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix(flag) {
            Some("") => args.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        values.extend(value);
    }
    values
}

/// `--data DIR` or `--data=DIR` among the raw arguments (before `--`), the last one
/// winning, else `WG_DATA` as `wg_data` gives it: where clap's errors look for the
/// org whose language they are said in ([`data_lang`]), since they come before parsing.
pub fn data_in_args<S: AsRef<std::ffi::OsStr>>(
    args: &[S],
    wg_data: Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    flag_values(args, "--data")
        .pop()
        .map(PathBuf::from)
        .or_else(|| wg_data.filter(|v| !v.is_empty()).map(PathBuf::from))
}

/// The language the data directory says, read on its own (org.toml's `[org] lang`, or
/// a roll-up's `[rollup] lang`, else its first office's that says one), by the rule the
/// loader follows ([`crate::load::LoadFailure::lang`]): an `[org]` without `lang` says
/// zh; a file that does not parse, has no `[org]`, or a `lang` that is neither zh nor
/// en says nothing. For clap's errors: a command line that does not parse is still one
/// said to a Chinese org (`wg tasks remind` without `--by`, in a C locale), and wg has
/// no other reason to read the data then. Only org.toml (or offices.toml and each
/// office's org.toml) is read, however big the task files are.
pub fn data_lang(given: Option<&std::path::Path>, cwd: &std::path::Path) -> Option<Lang> {
    use crate::load::{find_data_dir, read, rollup};
    let dir = find_data_dir(given, cwd).ok()?;
    let dir = if dir.is_relative() {
        cwd.join(dir)
    } else {
        dir
    };
    let table = |path: &std::path::Path| -> Option<toml::Table> {
        let bytes = read::read_file(path).ok()?;
        String::from_utf8(bytes).ok()?.parse().ok()
    };
    let lang_of = |table: &toml::Table, key: &str| -> Option<Option<Lang>> {
        let section = table.get(key)?.as_table()?;
        Some(match section.get("lang") {
            None => None,
            Some(v) => Some(Lang::parse(v.as_str()?.trim())?),
        })
    };
    if !rollup::is_rollup(&dir) {
        return lang_of(&table(&dir.join("org.toml"))?, "org").map(Option::unwrap_or_default);
    }
    let offices = table(&dir.join(rollup::FILE))?;
    if let Some(lang) = lang_of(&offices, "rollup").flatten() {
        return Some(lang);
    }
    offices
        .get("offices")?
        .as_array()?
        .iter()
        .filter_map(|o| o.get("data")?.as_str())
        .find_map(|data| {
            let org = table(&dir.join(data).join("org.toml"))?;
            lang_of(&org, "org").map(Option::unwrap_or_default)
        })
}

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
    /// The locale's language ([`locale_lang`]).
    pub locale: Lang,
}

impl Env {
    pub fn from_process() -> Result<Env, Text> {
        use std::io::IsTerminal;
        let cwd = std::env::current_dir().map_err(|e| msg::cannot_read_cwd(&msg::io_error(&e)))?;
        let now = match std::env::var("WG_NOW") {
            Ok(s) if !s.is_empty() => DateTime::parse_from_rfc3339(s.trim())
                .map_err(|_| msg::bad_wg_now(&s))?
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
            locale: process_locale(),
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
    /// The org's `lang`, once a command has read org.toml ([`Context::note_org`]): the
    /// language of messages from then on.
    org_lang: OnceLock<Lang>,
    pub color_stdout: bool,
    pub color_stderr: bool,
    pub bom: bool,
    /// `--out FILE`: where the output goes instead of stdout (see [`crate::output`]).
    pub out: Option<PathBuf>,
    /// `--skip-broken`: in a roll-up, offices with errors are left out (and named).
    pub skip_broken: bool,
    /// The offices a roll-up left out (`--skip-broken`), for [`crate::command::run`] to
    /// report once the command has printed the rest.
    skipped: std::sync::Arc<std::sync::Mutex<Option<crate::load::rollup::Skipped>>>,
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
            org_lang: OnceLock::new(),
            color_stdout: color(env.auto_color_stdout),
            color_stderr: color(env.auto_color_stderr),
            bom: global.bom,
            out: global.out.clone(),
            skip_broken: global.skip_broken,
            skipped: Default::default(),
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
            return Err(crate::Error::Usage(msg::clock_outside_the_years(
                today,
                crate::model::FIRST_DAY,
                crate::model::LAST_DAY,
            )));
        }
        Ok(today)
    }

    /// The language of labels and messages about this org.
    pub fn lang(&self, org: &Org) -> Lang {
        message_lang(self.lang, Some(org.lang), self.env.locale)
    }

    /// Keeps the offices a roll-up left out, to be reported after the output.
    pub fn note_skipped(&self, failure: crate::load::rollup::Skipped) {
        if let Ok(mut slot) = self.skipped.lock() {
            *slot = Some(failure);
        }
    }

    /// The offices a roll-up left out, once.
    pub fn take_skipped(&self) -> Option<crate::load::rollup::Skipped> {
        self.skipped.lock().ok().and_then(|mut slot| slot.take())
    }

    /// Records that the org has been read: messages follow its `lang` from now on.
    pub fn note_org(&self, org: &Org) {
        let _ = self.org_lang.set(org.lang);
    }

    /// The language of a message now: `org` is the lang of an org.toml that was read
    /// but whose directory failed to load (`LoadFailure::lang`), if any.
    pub fn message_lang(&self, org: Option<Lang>) -> Lang {
        message_lang(
            self.lang,
            org.or_else(|| self.org_lang.get().copied()),
            self.env.locale,
        )
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
            locale: Lang::En,
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

    #[test]
    fn the_first_locale_variable_that_is_set_decides() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                vars.iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(locale_lang(env(&[])), Lang::En);
        assert_eq!(locale_lang(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            locale_lang(env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            locale_lang(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "zh_TW"),
                ("LANG", "C")
            ])),
            Lang::Zh
        );
    }

    #[test]
    fn lang_is_found_in_the_raw_arguments_before_a_double_dash() {
        assert_eq!(
            lang_in_args(&["wg", "--lang", "zh", "--help"]),
            Some(Lang::Zh)
        );
        assert_eq!(lang_in_args(&["wg", "tasks", "--lang=en"]), Some(Lang::En));
        assert_eq!(lang_in_args(&["wg", "--lang", "fr"]), None);
        assert_eq!(lang_in_args(&["wg", "--language", "zh"]), None);
        assert_eq!(
            lang_in_args(&["wg", "tasks", "note", "--", "--lang=zh"]),
            None
        );
        assert_eq!(
            lang_in_args(&["wg", "--lang", "zh", "--lang=en"]),
            Some(Lang::En)
        );
    }

    #[test]
    fn data_is_found_in_the_raw_arguments_else_in_wg_data() {
        let env = || Some(std::ffi::OsString::from("env-dir"));
        let found = |args: &[&str], env| data_in_args(args, env);
        assert_eq!(
            found(&["wg", "--data", "d", "check"], env()),
            Some("d".into())
        );
        assert_eq!(found(&["wg", "check", "--data=e"], None), Some("e".into()));
        assert_eq!(
            found(&["wg", "--data=a", "--data", "b"], None),
            Some("b".into())
        );
        assert_eq!(found(&["wg", "check"], env()), Some("env-dir".into()));
        assert_eq!(found(&["wg", "--database", "x"], None), None);
        assert_eq!(found(&["wg", "note", "--", "--data=x"], None), None);
        assert_eq!(found(&["wg"], Some("".into())), None);
    }

    #[test]
    fn the_flag_wins_then_the_org_then_the_locale() {
        assert_eq!(
            message_lang(Some(Lang::En), Some(Lang::Zh), Lang::Zh),
            Lang::En
        );
        assert_eq!(message_lang(None, Some(Lang::En), Lang::Zh), Lang::En);
        assert_eq!(message_lang(None, None, Lang::Zh), Lang::Zh);
        assert_eq!(message_lang(None, None, Lang::En), Lang::En);
    }
}
