//! `wg man`: the manual pages in roff, made from the command line's own help text
//! (clap_mangen), so they cannot drift from `--help`. The main page adds the exit codes
//! and the environment.

use crate::Because;
use crate::cli::Cli;
use crate::{Error, Exit};
use clap::CommandFactory;
use roff::{Roff, bold, roman};
use std::io::Write;
use std::path::Path;

/// Prints the main page, or with `dir` writes every page there (`wg.1`,
/// `wg-tasks.1`, `wg-tasks-overdue.1`, …) so that the main page's references resolve.
pub fn run(dir: Option<&Path>, out: &mut dyn Write) -> Result<Exit, Error> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    match dir {
        None => out.write_all(&main_page(&cmd)?)?,
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .because(|| crate::i18n::msg::cannot_create_the_dir(&dir.display().to_string()))?;
            let mut pages = vec![("wg.1".to_owned(), main_page(&cmd)?)];
            for sub in visible_subcommands(&cmd) {
                command_pages(sub, &mut pages)?;
            }
            for (name, page) in pages {
                crate::output::write(&dir.join(name), &page, out)?;
            }
        }
    }
    Ok(Exit::Ok)
}

/// The footer of every page: the program and its version (a command has none of its own).
const SOURCE: &str = concat!("wg ", env!("CARGO_PKG_VERSION"));

fn visible_subcommands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

/// `wg.1`: what clap_mangen makes of `wg --help`, then EXIT STATUS and ENVIRONMENT
/// before VERSION.
fn main_page(cmd: &clap::Command) -> Result<Vec<u8>, Error> {
    let man = clap_mangen::Man::new(cmd.clone())
        .title("WG")
        .source(SOURCE);
    let mut sections = Vec::new();
    for render in [
        clap_mangen::Man::render_title,
        clap_mangen::Man::render_name_section,
        clap_mangen::Man::render_synopsis_section,
        clap_mangen::Man::render_description_section,
        clap_mangen::Man::render_options_section,
        clap_mangen::Man::render_subcommands_section,
    ] {
        let mut section = Vec::new();
        render(&man, &mut section)?;
        sections.push(section);
    }
    sections.push(extra_sections().render().into_bytes());
    let mut version = Vec::new();
    man.render_version_section(&mut version)?;
    sections.push(version);
    Ok(join_sections(sections))
}

/// Joins separately rendered roff; each piece starts with the same two lines that
/// define the apostrophe string, which the page needs once.
fn join_sections(sections: Vec<Vec<u8>>) -> Vec<u8> {
    let mut page: Vec<u8> = Vec::new();
    for section in sections {
        let preamble = APOSTROPHE_PREAMBLE.as_bytes();
        match section.strip_prefix(preamble) {
            Some(body) if !page.is_empty() => page.extend_from_slice(body),
            _ => page.extend_from_slice(&section),
        }
    }
    page
}

/// What roff (the crate) writes at the head of every piece.
const APOSTROPHE_PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// The page of one command (`wg-tasks-overdue.1`), then those of its subcommands.
fn command_pages(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> Result<(), Error> {
    let name = cmd.get_display_name().unwrap_or_else(|| cmd.get_name());
    let man = clap_mangen::Man::new(cmd.clone())
        .title(name.to_uppercase())
        .source(SOURCE);
    let mut page = Vec::new();
    man.render(&mut page)?;
    pages.push((man.get_filename(), page));
    for sub in visible_subcommands(cmd) {
        command_pages(sub, pages)?;
    }
    Ok(())
}

fn extra_sections() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in [
        ("0", "Success."),
        (
            "1",
            "The condition asked for was found: overdue tasks with --exit-code, warnings \
             with check --strict.",
        ),
        ("2", "A usage or data error; nothing was written."),
    ] {
        roff.control("TP", [])
            .text([bold(code)])
            .text([roman(meaning)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in [
        ("WG_DATA", "The data directory, as --data."),
        ("WG_TODAY", "The as-of date, as --today."),
        (
            "NO_COLOR",
            "Set and not empty: no colour with --color auto, whatever CLICOLOR_FORCE says.",
        ),
        (
            "CLICOLOR_FORCE",
            "Set and not empty: colour with --color auto, into a pipe too.",
        ),
        ("CLICOLOR", "0: no colour with --color auto."),
        (
            "TERM",
            "dumb or unset: no colour with --color auto, unless CLICOLOR or CI is set.",
        ),
    ] {
        roff.control("TP", [])
            .text([bold(name)])
            .text([roman(meaning)]);
    }
    roff
}
