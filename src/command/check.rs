//! `wg check`: validate every file and report every problem.

use super::{Formats, load_data_with_text};
use crate::cli::Format;
use crate::context::Context;
use crate::load::{Diagnostic, LoadFailure, Source};
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
    let loaded = load_data_with_text(ctx)?;
    err.write_all(render_all(&loaded.warnings, &loaded.sources, ctx.color_stderr).as_bytes())?;
    let d = &loaded.data;
    let warnings = loaded.warnings.len();
    // Run inside the data directory, "." would say little: name it.
    let dir = if loaded.dir == std::path::Path::new(".") {
        ctx.env.cwd.display().to_string()
    } else {
        loaded.dir.display().to_string()
    };
    let dir = crate::render::text::one_line(&dir);
    let people = match d.people.len() {
        1 => "1 person".to_owned(),
        n => format!("{n} people"),
    };
    writeln!(
        out,
        "{dir}: {}, {}, {people}, {}, {}, {}, {}; 0 errors, {}",
        count(loaded.sources.len(), "file"),
        count(d.units.len(), "unit"),
        count(d.groups.len(), "group"),
        count(d.tasks.len(), "task"),
        count(d.meetings.len(), "meeting"),
        count(d.directives.len(), "directive"),
        count(warnings, "warning"),
    )?;
    Ok(if strict && warnings > 0 {
        Exit::Found
    } else {
        Exit::Ok
    })
}

/// Diagnostics one after another, a blank line between them so each stands apart.
fn render_all(diagnostics: &[Diagnostic], sources: &[Source], styled: bool) -> String {
    let rendered: Vec<String> = diagnostics
        .iter()
        .map(|d| d.render(sources, styled))
        .collect();
    rendered.join("\n")
}

/// "1 error", "3 errors".
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Every diagnostic of a failed load, then a count and the next step.
pub fn render_failure(failure: &LoadFailure, styled: bool) -> String {
    let mut s = render_all(&failure.diagnostics, &failure.sources, styled);
    let errors = failure.error_count();
    let warnings = failure.diagnostics.len() - errors;
    if !failure.sources.is_empty() {
        let also = if warnings > 0 {
            format!(" and {}", count(warnings, "warning"))
        } else {
            String::new()
        };
        s.push_str(&format!(
            "\nerror: the data has {}{also}; nothing was done. Fix the data, then run `wg check` again\n",
            count(errors, "error"),
        ));
    }
    s
}
