//! `wg check`: validate every file and report every problem.

use super::{Formats, load_data_with_text};
use crate::cli::Format;
use crate::context::Context;
use crate::i18n::msg;
use crate::load::rollup::Skipped;
use crate::load::{Diagnostic, LoadFailure, Source};
use crate::model::Lang;
use crate::{Error, Exit};
use std::io::Write;

/// The result of a check is its exit code, its messages and one summary line; a format
/// that was asked for and not given would mislead a script.
const CHECK: Formats = Formats {
    command: "check",
    offered: &[Format::Table, Format::Text],
};

pub fn run(
    ctx: &Context,
    strict: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    CHECK.pick(ctx)?;
    super::no_out(ctx, "check")?;
    let loaded = load_data_with_text(ctx)?;
    let lang = ctx.lang(&loaded.data.org);
    err.write_all(
        render_all(&loaded.warnings, &loaded.sources, ctx.color_stderr, lang).as_bytes(),
    )?;
    // `--skip-broken` skips nothing that check is asked about: the broken offices'
    // errors fail it as they would without, and no summary counts "0 errors".
    if let Some(skipped) = ctx.take_skipped() {
        return Err(Error::Data(skipped.failure));
    }
    let d = &loaded.data;
    let warnings = loaded.warnings.len();
    // Run inside the data directory, "." would say little: name it.
    let dir = if loaded.dir == std::path::Path::new(".") {
        ctx.env.cwd.display().to_string()
    } else {
        loaded.dir.display().to_string()
    };
    let dir = crate::render::text::one_line(&dir);
    let counts = msg::CheckCounts {
        files: loaded.sources.len(),
        units: d.units.len(),
        people: d.people.len(),
        groups: d.groups.len(),
        tasks: d.tasks.len(),
        meetings: d.meetings.len(),
        directives: d.directives.len(),
        warnings,
    };
    writeln!(out, "{}", msg::check_summary(&dir, &counts).get(lang))?;
    Ok(if strict && warnings > 0 {
        Exit::Found
    } else {
        Exit::Ok
    })
}

/// Diagnostics one after another, a blank line between them so each stands apart.
fn render_all(diagnostics: &[Diagnostic], sources: &[Source], styled: bool, lang: Lang) -> String {
    let rendered: Vec<String> = diagnostics
        .iter()
        .map(|d| d.render(sources, styled, lang))
        .collect();
    rendered.join("\n")
}

/// The offices `--skip-broken` left out, after the output of the others: their
/// diagnostics, then what the output covers and the next step.
pub fn render_skipped(skipped: &Skipped, styled: bool, lang: Lang) -> String {
    let failure = &skipped.failure;
    let mut s = render_all(&failure.diagnostics, &failure.sources, styled, lang);
    let total = skipped.kept + skipped.left_out.len();
    s.push('\n');
    s.push_str(msg::error_prefix().get(lang));
    s.push_str(msg::offices_left_out(skipped.kept, total, &skipped.left_out).get(lang));
    s.push('\n');
    s
}

/// Every diagnostic of a failed load in `lang`, then a count and the next step.
pub fn render_failure(failure: &LoadFailure, styled: bool, lang: Lang) -> String {
    let mut s = render_all(&failure.diagnostics, &failure.sources, styled, lang);
    let errors = failure.error_count();
    let warnings = failure.diagnostics.len() - errors;
    if !failure.sources.is_empty() {
        s.push('\n');
        s.push_str(msg::error_prefix().get(lang));
        s.push_str(msg::data_has_errors(errors, warnings).get(lang));
        s.push('\n');
    }
    s
}
