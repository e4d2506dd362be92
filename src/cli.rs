//! The command line: global options, commands and their flags (clap derive). The `///`
//! comments are the `--help` text. Nothing below [`crate::context`] sees clap.

use crate::model::{Lang, Quarter};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Keeps a working group's organisation and tasks in TOML files and answers the
/// office's weekly questions: who sits where, what is overdue, what goes on the agenda.
#[derive(Debug, Parser)]
#[command(name = "wg", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Data directory (holds org.toml). Default: ./ if it holds org.toml, else ./data
    #[arg(long, global = true, env = "WG_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// As-of date, YYYY-MM-DD. Default: today in the org's time zone
    #[arg(long, global = true, env = "WG_TODAY", value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// Output format (not every command has every format)
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Language of labels. Default: the org's `lang`
    #[arg(long, global = true, value_parser = parse_lang, value_name = "zh|en")]
    pub lang: Option<Lang>,
    /// Colour: auto (only on a terminal, and not with NO_COLOR), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// With --format csv: start with a byte-order mark, for Excel on Chinese Windows
    #[arg(long, global = true)]
    pub bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Yaml,
    Csv,
    Markdown,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every data file; print each problem with file:line:col and a hint
    Check {
        /// Exit 1 when there are warnings
        #[arg(long)]
        strict: bool,
    },
    /// Who sits where: groups, seats, people and units
    #[command(subcommand)]
    Roster(RosterCommand),
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Every group (or one) with its seats, titles, units, duties and cadence
    Show {
        /// Group id (e.g. office, membership)
        group: Option<String>,
    },
    /// Every seat one person holds, and the tasks they own
    Person {
        /// Name, id or padded name ("张 柯")
        name: String,
    },
    /// The unit × group matrix: who leads (牵头) and who takes part (成员) where
    Units,
    /// The groups a unit leads or joins, and its tasks
    Unit {
        /// Unit name, id or alias
        name: String,
    },
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date like 2026-03-31, got \"{s}\""))
}

pub fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s.trim()).ok_or_else(|| format!("expected zh or en, got \"{s}\""))
}

pub fn parse_quarter(s: &str) -> Result<Quarter, String> {
    Quarter::parse(s).ok_or_else(|| format!("expected a quarter like 2026Q3 (year, Q, 1 to 4), got \"{s}\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
