//! `wg tasks import FILE`: reads the ledger, prints how its columns are read, runs the
//! import ([`edit::import`]) and prints each row's outcome, as `tasks add` prints a
//! new task; or lists every bad row (exit 2, nothing written).

use crate::cli::ImportArgs;
use crate::context::Context;
use crate::edit::{self, Difference, Imported, RowResult};
use crate::i18n::{self, L, Text, msg};
use crate::import::{self, Field, Ledger, RowProblem};
use crate::model::{Lang, Status};
use crate::render::text::sanitize;
use crate::{Error, Exit, load};
use std::io::Write;

pub fn run(
    args: &ImportArgs,
    ctx: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    super::no_format(ctx, "tasks import", &msg::prints_the_import())?;
    let dir = load::find_data_dir(ctx.data.as_deref(), &ctx.env.cwd).map_err(Error::Data)?;
    super::edit::refuse_rollup(&dir, None)?;
    let path = ctx.env.cwd.join(&args.file);
    let shown = args.file.display().to_string();
    let ledger = match import::read(&path, &shown, args.sheet.as_deref())
        .and_then(|grid| import::parse(grid, &shown))
    {
        Ok(ledger) => ledger,
        // A ledger that cannot be read is said in the org's language (the import's own
        // load, which learns it, is not reached): the data is read for that, and broken
        // data is reported first. Only on this path, so an import loads once.
        Err(e) => {
            super::load_data(ctx, crate::load::Meetings::Read)?;
            return Err(e);
        }
    };
    // Cells that could not be read are reported with the rest, after a dry run that
    // finds every other problem.
    let dry_run = args.dry_run || !ledger.problems.is_empty();
    let imported = edit::import(
        &dir,
        &ledger.entries,
        args.group.as_deref(),
        dry_run,
        &|org| ctx.note_org(org),
        &|org| ctx.today(org),
    )?;
    let lang = ctx.lang(&imported.org);
    for note in &ledger.notes {
        writeln!(
            err,
            "{}{}",
            msg::warning_prefix().get(lang),
            sanitize(note.get(lang))
        )?;
    }
    out.write_all(mapping(&ledger, lang).as_bytes())?;
    let mut problems: Vec<&RowProblem> = ledger.problems.iter().chain(&imported.problems).collect();
    problems.sort_by_key(|p| (p.row, p.col));
    if !problems.is_empty() {
        for p in &problems {
            let line = msg::import_problem(&place(&ledger, p.row, p.col), &p.message);
            writeln!(
                err,
                "{}{}",
                msg::error_prefix().get(lang),
                sanitize(line.get(lang))
            )?;
        }
        return Err(Error::Usage(match problems.len() {
            1 => msg::import_row_refused(&ledger.file),
            n => msg::import_rows_refused(n, &ledger.file),
        }));
    }
    out.write_all(outcome(&imported, lang).as_bytes())?;
    for r in &imported.rows {
        if let RowResult::Added { task, .. } = r
            && let Some(date) = task.done_on_assumed
        {
            let line = msg::import_done_on_assumed(&task.id, date);
            writeln!(
                err,
                "{}{}",
                msg::warning_prefix().get(lang),
                sanitize(line.get(lang))
            )?;
        }
    }
    for warning in &imported.warnings {
        writeln!(
            err,
            "{}{}",
            msg::warning_prefix().get(lang),
            sanitize(warning.get(lang))
        )?;
    }
    Ok(Exit::Ok)
}

/// `l.xlsx: row 5, column C (牵头单位)`, or without a column `l.xlsx: row 5`.
fn place(ledger: &Ledger, row: usize, col: Option<usize>) -> Text {
    match col.and_then(|c| ledger.column(c)) {
        Some(c) => msg::import_at_cell(&ledger.file, row, &c.letter, &c.header),
        None => msg::import_at_row(&ledger.file, row),
    }
}

/// What a field is called: the report label in Chinese, the task key in English.
fn field_name(field: Field, lang: Lang) -> String {
    let (label, key) = match field {
        Field::Number => return msg::import_running_number().get(lang).to_owned(),
        Field::Progress => return msg::import_first_note().get(lang).to_owned(),
        Field::Id => (L::Id, "id"),
        Field::Title => (L::TaskTitle, "title"),
        Field::LeadUnit => (L::LeadUnit, "lead_unit"),
        Field::Units => (L::Units, "units"),
        Field::Owner => (L::Owner, "owner"),
        Field::Due => (L::Due, "due"),
        Field::Outcome => (L::Outcome, "outcome"),
        Field::Status => (L::Status, "status"),
        Field::Group => (L::Group, "group"),
        Field::DoneOn => (L::DoneOn, "done_on"),
    };
    match lang {
        Lang::Zh => label.get(lang).to_owned(),
        Lang::En => key.to_owned(),
    }
}

/// The header row and what each column is read as; the ignored columns on one line.
fn mapping(ledger: &Ledger, lang: Lang) -> String {
    let what = match &ledger.sheet {
        Some(sheet) => msg::import_sheet_of(&ledger.file, sheet),
        None => Text::verbatim(ledger.file.clone()),
    };
    let arrow = match lang {
        Lang::Zh => "→",
        Lang::En => "->",
    };
    let mut s = format!(
        "{}\n",
        sanitize(msg::import_mapping_head(&what, ledger.header_row).get(lang))
    );
    let mut ignored: Vec<String> = Vec::new();
    for c in &ledger.columns {
        if c.header.is_empty() {
            continue;
        }
        let name = crate::render::text::one_line(&c.header);
        match (c.field, &c.same_as) {
            (Some(f), _) => {
                s.push_str(&format!(
                    "  {} {name} {arrow} {}\n",
                    c.letter,
                    field_name(f, lang)
                ));
            }
            (None, Some(letter)) => s.push_str(&format!(
                "  {} {name} {arrow} {}\n",
                c.letter,
                msg::import_same_as(letter).get(lang)
            )),
            (None, None) => ignored.push(format!("{} {name}", c.letter)),
        }
    }
    if !ignored.is_empty() {
        s.push_str(&format!(
            "  {}\n",
            msg::import_ignored(&msg::plain_list(&ignored)).get(lang)
        ));
    }
    s
}

/// Each row's outcome, in ledger order, then the count.
fn outcome(imported: &Imported, lang: Lang) -> String {
    let mut s = String::new();
    let (mut added, mut same) = (0, 0);
    for r in &imported.rows {
        s.push('\n');
        match r {
            RowResult::Added { row, task } => {
                added += 1;
                let mut place = task.file.clone();
                if task.new_file {
                    place = format!("{place}, {}", L::EditNewFile.get(lang));
                }
                let head = if imported.written {
                    format!("{} ({place})", L::EditAdded.get(lang))
                } else {
                    format!(
                        "{} ({} {place})",
                        L::EditDryRun.get(lang),
                        L::EditWouldGo.get(lang)
                    )
                };
                s.push_str(&format!(
                    "{}{}{}: {head}\n{}",
                    msg::import_row(*row).get(lang),
                    colon(lang),
                    task.id,
                    sanitize(&task.block)
                ));
            }
            RowResult::Exists {
                row,
                id,
                place,
                differs,
            } => {
                same += 1;
                let row = msg::import_row(*row);
                let line = if differs.is_empty() {
                    msg::import_exists(&row, id, place)
                } else {
                    let list: Vec<Text> = differs.iter().map(difference).collect();
                    msg::import_exists_differs(&row, id, place, &Text::join(&list, "；", "; "))
                };
                s.push_str(&format!("{}\n", sanitize(line.get(lang))));
            }
        }
    }
    s.push('\n');
    let total = if added == 0 {
        msg::import_nothing_new(same)
    } else if imported.written {
        msg::import_added(added, same)
    } else {
        msg::import_would_add(added, same)
    };
    s.push_str(total.get(lang));
    s.push('\n');
    s
}

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// `截止 台账为“2026-09-30”、文件中为“2026-10-31”`; a status in the language's words.
fn difference(d: &Difference) -> Text {
    let word = |lang: Lang, v: &str| -> String {
        if v.is_empty() {
            return L::None.get(lang).to_owned();
        }
        match (d.key, Status::parse(v), lang) {
            ("status", Some(s), Lang::Zh) => i18n::status(s).get(lang).to_owned(),
            _ => v.to_owned(),
        }
    };
    let label = |lang: Lang| -> String {
        let field = match d.key {
            "title" => Field::Title,
            "lead_unit" => Field::LeadUnit,
            "units" => Field::Units,
            "owner" => Field::Owner,
            "due" => Field::Due,
            "status" => Field::Status,
            _ => Field::Outcome,
        };
        field_name(field, lang)
    };
    let zh = msg::import_difference(
        &label(Lang::Zh),
        &word(Lang::Zh, &d.ledger),
        &word(Lang::Zh, &d.file),
    );
    let en = msg::import_difference(
        &label(Lang::En),
        &word(Lang::En, &d.ledger),
        &word(Lang::En, &d.file),
    );
    Text::new(zh.get(Lang::Zh).to_owned(), en.get(Lang::En).to_owned())
}
