//! `wg check`: validate every file and report every problem.

use super::load_data;
use crate::context::Context;
use crate::load::LoadFailure;
use crate::{Error, Exit};
use std::io::Write;

pub fn run(ctx: &Context, strict: bool, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Error> {
    let loaded = load_data(ctx)?;
    for w in &loaded.warnings {
        err.write_all(w.render(&loaded.sources, ctx.color_stderr).as_bytes())?;
    }
    let d = &loaded.data;
    let warnings = loaded.warnings.len();
    writeln!(
        out,
        "{}: {} files, {} units, {} people, {} groups, {} tasks, {} meetings, {} directives; {} error(s), {} warning(s)",
        loaded.dir.display(),
        loaded.sources.len(),
        d.units.len(),
        d.people.len(),
        d.groups.len(),
        d.tasks.len(),
        d.meetings.len(),
        d.directives.len(),
        0,
        warnings
    )?;
    Ok(if strict && warnings > 0 { Exit::Found } else { Exit::Ok })
}

/// Every diagnostic of a failed load, then a count.
pub fn render_failure(failure: &LoadFailure, styled: bool) -> String {
    let mut s = String::new();
    for d in &failure.diagnostics {
        s.push_str(&d.render(&failure.sources, styled));
    }
    let errors = failure.error_count();
    let warnings = failure.diagnostics.len() - errors;
    if !failure.sources.is_empty() {
        s.push_str(&format!(
            "error: the data has {errors} error(s){}; nothing was done\n",
            if warnings > 0 { format!(" and {warnings} warning(s)") } else { String::new() }
        ));
    }
    s
}
