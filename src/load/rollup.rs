//! A roll-up (逐级汇总): `offices.toml` names the offices whose data directories are
//! read together. The file is validated like the others (file:line:col, unknown keys,
//! duplicate ids, a data directory that is missing or is itself a roll-up); then every
//! office is loaded on its own, in parallel, by [`super::load`], and the offices that
//! loaded are merged into one [`Data`] (see [`merge`]). Never prints.
//!
//! An office with errors is never left out silently: its errors (with its paths as
//! seen from where wg runs) and a line naming it make the load fail, unless the
//! caller asked to skip broken offices; then the failure comes back beside the data,
//! for the command to report once it has printed the rest ([`RollupLoad::broken`]).

use super::diagnostic::{Diagnostic, FileId, Source};
use super::fields::{Fields, Sp, Span};
use super::{LoadFailure, Loaded, read};
use crate::i18n::{Text, msg};
use crate::model::{Data, Lang, Office, Org, QUALIFIER, Reporter, Tasks, qualified};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file that makes a directory a roll-up.
pub const FILE: &str = "offices.toml";

const TOP: &[&str] = &["rollup", "offices"];
const ROLLUP: &[&str] = &["name", "lang", "timezone"];
const OFFICE: &[&str] = &["id", "name", "short_name", "data"];

/// Whether `dir` is a roll-up: something is at `dir/offices.toml` (what is wrong with
/// it, a FIFO or a dangling symlink, is for the loader to say).
pub fn is_rollup(dir: &Path) -> bool {
    !read::absent(&dir.join(FILE))
}

/// What a roll-up load gives: the merged data and, with `skip_broken`, the offices
/// left out (their errors, and a line naming each), for the command to report after
/// its output.
#[derive(Debug)]
pub struct RollupLoad {
    pub loaded: Loaded,
    pub broken: Option<Skipped>,
}

/// The offices `--skip-broken` left out: their errors and a line naming each (as a
/// failed load has them), and how many offices the output covers, so that the last
/// line can say what was done rather than "nothing was done".
#[derive(Debug)]
pub struct Skipped {
    pub failure: LoadFailure,
    /// The ids of the offices left out, in offices.toml's order.
    pub left_out: Vec<String>,
    /// How many offices were loaded, and so are in the output.
    pub kept: usize,
}

/// `[rollup]`.
#[derive(Debug, Clone, Default)]
struct Header {
    name: String,
    lang: Option<Lang>,
    timezone: Option<chrono_tz::Tz>,
}

/// One `[[offices]]` entry that passed its checks.
#[derive(Debug, Clone)]
struct Entry {
    office: Office,
    span: Span,
}

/// How a path of the roll-up is shown: as the user named the roll-up, joined.
fn shown(dir: &Path, rel: &Path) -> PathBuf {
    if dir == Path::new(".") {
        rel.to_path_buf()
    } else {
        dir.join(rel)
    }
}

/// The offices.toml of a roll-up, read and checked: its header, its offices, and the
/// file as read (for diagnostics). For `wg tasks done` and the other edits, which only
/// need to say where to go instead.
pub fn offices(dir: &Path) -> Result<Vec<Office>, LoadFailure> {
    Ok(read_offices(dir)?
        .entries
        .into_iter()
        .map(|e| e.office)
        .collect())
}

/// offices.toml, read and checked, without errors.
struct Offices {
    header: Header,
    entries: Vec<Entry>,
    /// The file as read, for diagnostics.
    source: Source,
    /// Its warnings.
    diags: Vec<Diagnostic>,
}

/// Reads and checks offices.toml; any error in it fails the load before an office is
/// read.
fn read_offices(dir: &Path) -> Result<Offices, LoadFailure> {
    let mut diags = Vec::new();
    let rel = PathBuf::from(FILE);
    let show = shown(dir, &rel).display().to_string();
    let (header, entries, source) = match super::read_text(dir, &rel, 0, &mut diags) {
        Ok(text) => {
            let source = Source::new(rel, show, text);
            let (header, entries) = match super::parse(0, &source.text, &mut diags) {
                Some((doc, span)) => check(dir, &doc, span, &mut diags),
                None => (Header::default(), Vec::new()),
            };
            if !read::absent(&dir.join("org.toml")) {
                diags.push(
                    Diagnostic::error(msg::both_org_and_offices(
                        &shown(dir, Path::new("")).display().to_string(),
                    ))
                    .at(0, 0..0)
                    .help(msg::both_org_and_offices_help()),
                );
            }
            (header, entries, source)
        }
        Err(shown_text) => {
            let source = Source::new(rel, show, shown_text.unwrap_or_default());
            (Header::default(), Vec::new(), source)
        }
    };
    if diags.iter().any(Diagnostic::is_error) {
        return Err(LoadFailure {
            sources: vec![source],
            diagnostics: diags,
            lang: header.lang,
        });
    }
    Ok(Offices {
        header,
        entries,
        source,
        diags,
    })
}

/// The `[rollup]` table and the `[[offices]]` entries, each checked.
fn check(
    dir: &Path,
    doc: &toml::de::DeTable<'_>,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> (Header, Vec<Entry>) {
    const HOMES: super::fields::Homes = &[("[rollup]", ROLLUP), ("[[offices]]", OFFICE)];
    let file: FileId = 0;
    let mut top = Fields::file_top(
        file,
        doc,
        span.clone(),
        msg::what_offices_toml(),
        TOP,
        HOMES,
        diags,
    );
    let header = match top.table("rollup") {
        Some((table, span)) => {
            let mut f = Fields::new(file, table, span, msg::what_rollup(), ROLLUP, top.diags);
            let name = f.req_str("name").map(|n| n.value).unwrap_or_default();
            let lang = f
                .choice("lang", &[("zh", Lang::Zh), ("en", Lang::En)])
                .map(|l| l.value);
            let timezone = f.timezone("timezone");
            Header {
                name,
                lang,
                timezone,
            }
        }
        None => {
            if !top.table.contains_key("rollup") {
                top.error(
                    Diagnostic::error(msg::no_rollup_table())
                        .at(file, span.clone())
                        .label(msg::no_rollup_here())
                        .help(msg::start_with_rollup()),
                );
            }
            Header::default()
        }
    };
    let tables = top.tables("offices");
    let has_offices = top.table.contains_key("offices");
    let diags = top.diags;
    if tables.is_empty() && !has_offices {
        diags.push(
            Diagnostic::error(msg::no_offices())
                .at(file, span)
                .help(msg::add_an_office()),
        );
    }
    let mut entries: Vec<Entry> = Vec::new();
    // Each id and data directory once: where it was first written.
    let mut ids: std::collections::HashMap<String, Span> = Default::default();
    let mut dirs: Vec<(PathBuf, String, Span)> = Vec::new();
    for (table, span) in tables {
        let mut f = Fields::new(file, table, span.clone(), msg::what_office(), OFFICE, diags);
        let id = f.req_str("id");
        let name = f.req_str("name");
        let short_name = f.str("short_name");
        let data = f.req_str("data");
        let ok = f.ok();
        let (Some(id), Some(name), Some(data)) = (id, name, data) else {
            continue;
        };
        let mut good = ok;
        let trimmed = id.value.trim().to_owned();
        if trimmed.is_empty() || !trimmed.chars().all(id_char) {
            diags.push(
                Diagnostic::error(msg::bad_office_id(&id.value))
                    .at(file, id.span.clone())
                    .label(msg::not_an_office_id())
                    .help(msg::office_id_like()),
            );
            good = false;
        } else if let Some(first) = ids.insert(trimmed.clone(), id.span.clone()) {
            diags.push(super::org::duplicate(
                file,
                &trimmed,
                &msg::office_id(),
                id.span.clone(),
                first,
            ));
            good = false;
        }
        let office_dir = shown(dir, Path::new(&data.value));
        match office_dir_problem(&office_dir, &data) {
            Some(d) => {
                diags.push(d.at(file, data.span.clone()));
                good = false;
            }
            None => {
                let real = std::fs::canonicalize(&office_dir).ok();
                let same = real.as_ref().and_then(|real| {
                    dirs.iter()
                        .find(|(other, _, _)| other == real)
                        .map(|(_, other_id, first)| (other_id.clone(), first.clone()))
                });
                if let Some((other, first)) = same {
                    diags.push(
                        Diagnostic::error(msg::office_same_data(&trimmed, &other))
                            .at(file, data.span.clone())
                            .label(msg::same_directory())
                            .also(msg::first_defined_at(), file, first)
                            .help(msg::one_office_per_directory()),
                    );
                    good = false;
                } else if let Some(real) = real {
                    dirs.push((real, trimmed.clone(), data.span.clone()));
                }
            }
        }
        if good {
            entries.push(Entry {
                office: Office {
                    id: trimmed,
                    name: name.value.trim().to_owned(),
                    short_name: short_name.map(|s| s.value.trim().to_owned()),
                    data: data.value.clone(),
                    dir: office_dir,
                    units: 0..0,
                    people: 0..0,
                    groups: 0..0,
                },
                span,
            });
        }
    }
    (header, entries)
}

/// What an office id may hold: what a task id may, but the `:` that qualifies ids.
fn id_char(c: char) -> bool {
    (c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) && c != QUALIFIER
}

/// What is wrong with an office's data directory, if anything: missing, not a
/// directory, one wg may not read, itself a roll-up (which also stops a cycle), or
/// without org.toml.
fn office_dir_problem(dir: &Path, data: &Sp<String>) -> Option<Diagnostic> {
    let shown = dir.display().to_string();
    let why = match read::check(dir, read::Expect::Directory) {
        Ok(false) => msg::does_not_exist(),
        Err(read::Problem::Kind { .. }) => msg::is_not_a_directory(),
        Err(problem) => problem.what(read::Expect::Directory),
        Ok(true) if is_rollup(dir) => {
            return Some(
                Diagnostic::error(msg::office_is_a_rollup(&data.value, &shown))
                    .label(msg::a_rollup_here())
                    .help(msg::office_is_a_rollup_help()),
            );
        }
        Ok(true) if read::absent(&dir.join("org.toml")) => msg::has_no_org_toml(),
        Ok(true) => return None,
    };
    Some(
        Diagnostic::error(msg::office_data_problem(&data.value, &shown, &why))
            .label(msg::no_data_here())
            .help(msg::office_data_help()),
    )
}

/// Loads a roll-up: offices.toml, then every office in parallel, then the merge. With
/// `skip_broken`, offices with errors are left out of the data and returned as
/// [`RollupLoad::broken`]; without it, any office with errors fails the load. Errors
/// in offices.toml itself always fail it, as does a roll-up whose offices are all
/// broken. Each office reads its `meetings.toml` or not, as `meetings` says.
pub fn load(
    dir: &Path,
    skip_broken: bool,
    meetings: super::Meetings,
) -> Result<RollupLoad, LoadFailure> {
    let read = read_offices(dir)?;
    // Each office read and qualified on its own, taken from a queue by a thread a core.
    let loads: Vec<Result<Loaded, LoadFailure>> = crate::par::map_queue(&read.entries, |e| {
        super::load_reading(&e.office.dir, meetings).map(|l| qualify(l, &e.office))
    });
    let lang = read.header.lang.or_else(|| {
        loads.iter().find_map(|l| match l {
            Ok(l) => Some(l.data.org.lang),
            Err(f) => f.lang,
        })
    });
    let mut good = Vec::new();
    let mut failure = LoadFailure {
        sources: vec![read.source.clone()],
        diagnostics: read.diags.clone(),
        lang,
    };
    let mut left_out = Vec::new();
    for (entry, result) in read.entries.into_iter().zip(loads) {
        match result {
            Ok(loaded) => good.push((entry, loaded)),
            Err(f) => {
                left_out.push(entry.office.id.clone());
                let errors = take_in(&mut failure, f);
                let office = &entry.office;
                let d = if skip_broken {
                    let dir = office.dir.display().to_string();
                    Diagnostic::error(msg::office_left_out(&office.id, &office.name, &dir, errors))
                } else {
                    has_errors(office, errors).help(msg::office_has_errors_help())
                };
                failure.diagnostics.push(d.at(0, entry.span.clone()));
            }
        }
    }
    if !left_out.is_empty() && (!skip_broken || good.is_empty()) {
        return Err(failure);
    }
    let kept = good.len();
    let loaded = merge(dir, read.header, read.source, read.diags, good);
    Ok(RollupLoad {
        loaded,
        broken: (!left_out.is_empty()).then_some(Skipped {
            failure,
            left_out,
            kept,
        }),
    })
}

/// Every office of a roll-up loaded on its own, as its own data (ids as the office
/// writes them, nothing merged): what `wg export` writes, one office after another,
/// each row with its office id. Any error, in offices.toml or an office, fails it.
pub fn load_offices(dir: &Path) -> Result<Vec<(Office, Loaded)>, LoadFailure> {
    let read = read_offices(dir)?;
    let loads: Vec<Result<Loaded, LoadFailure>> =
        crate::par::map_queue(&read.entries, |e| super::load(&e.office.dir));
    let mut failure = LoadFailure {
        sources: vec![read.source],
        diagnostics: read.diags,
        lang: read.header.lang,
    };
    let mut good = Vec::new();
    for (entry, result) in read.entries.into_iter().zip(loads) {
        match result {
            Ok(loaded) => good.push((entry.office, loaded)),
            Err(f) => {
                let errors = take_in(&mut failure, f);
                let d = has_errors(&entry.office, errors);
                failure.diagnostics.push(d.at(0, entry.span.clone()));
            }
        }
    }
    if failure.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(failure);
    }
    Ok(good)
}

/// An office's failure taken into the roll-up's: its sources after the others, its
/// diagnostics pointing at them. Returns its error count, for the line naming it.
fn take_in(failure: &mut LoadFailure, office: LoadFailure) -> usize {
    let errors = office.error_count();
    let offset = failure.sources.len();
    failure.sources.extend(office.sources);
    failure
        .diagnostics
        .extend(office.diagnostics.into_iter().map(|d| moved(d, offset)));
    errors
}

/// The line naming an office that has `errors` errors (shown above it).
fn has_errors(office: &Office, errors: usize) -> Diagnostic {
    let dir = office.dir.display().to_string();
    Diagnostic::error(msg::office_has_errors(
        &office.id,
        &office.name,
        &dir,
        errors,
    ))
}

/// A diagnostic of a file that now sits `offset` places further in the list of sources.
fn moved(mut d: Diagnostic, offset: usize) -> Diagnostic {
    if let Some((file, _)) = &mut d.at {
        *file += offset;
    }
    if let Some((_, file, _)) = &mut d.also {
        *file += offset;
    }
    d
}

/// One office's data with its ids qualified (`nanjing:JH-01`) and its task files named
/// as seen from the roll-up (`../nanjing-wg/tasks.toml`). Indices are left as they
/// are: [`merge`] shifts them. Run on the office's own thread.
fn qualify(mut loaded: Loaded, office: &Office) -> Loaded {
    let id = office.id.as_str();
    let data = &mut loaded.data;
    for u in &mut data.units {
        u.id = qualified(id, &u.id);
    }
    for p in &mut data.people {
        p.id = qualified(id, &p.id);
    }
    for g in &mut data.groups {
        g.id = qualified(id, &g.id);
    }
    let prefix = Path::new(&office.data);
    // Every record of a file shares its name; so do they here.
    let mut last: Option<(Arc<Path>, Arc<Path>)> = None;
    let mut rename = |file: &Arc<Path>| -> Arc<Path> {
        match &last {
            Some((from, to)) if Arc::ptr_eq(from, file) => to.clone(),
            _ => {
                let to: Arc<Path> = prefix.join(file).into();
                last = Some((file.clone(), to.clone()));
                to
            }
        }
    };
    let runs = std::mem::take(&mut data.tasks).into_runs();
    let runs: Vec<Vec<crate::model::Task>> = runs
        .into_iter()
        .map(|mut run| {
            for t in &mut run {
                t.id = qualified(id, &t.id).into();
                t.origin.file = rename(&t.origin.file);
            }
            run
        })
        .collect();
    data.tasks = Tasks::from_runs(runs);
    for m in &mut data.meetings {
        m.origin.file = rename(&m.origin.file);
        for dec in &mut m.decisions {
            dec.origin.file = m.origin.file.clone();
            // The task it names is qualified as the tasks are.
            dec.task = dec.task.as_deref().map(|t| qualified(id, t));
        }
    }
    for d in &mut data.directives {
        d.origin.file = rename(&d.origin.file);
    }
    loaded
}

/// The offices' data as one [`Data`]: each office's units, people, groups, tasks,
/// meetings and directives appended in offices.toml's order, their references shifted
/// to the merged vectors, the office's runs recorded in [`Data::offices`]. Units and
/// people keep their names (two offices' 基层工作部 are two units of one name, told
/// apart by their qualified ids). The org is the roll-up: its name, and its language
/// and time zone, else the first office's; the warning rules and the calendar are the
/// first office's (a warning says so where an office's differ).
fn merge(
    dir: &Path,
    header: Header,
    source: Source,
    mut warnings: Vec<Diagnostic>,
    offices: Vec<(Entry, Loaded)>,
) -> Loaded {
    let first = offices.first().map(|(_, l)| &l.data.org);
    let org = Org {
        name: header.name,
        short_name: None,
        timezone: header.timezone.or(first.and_then(|o| o.timezone)),
        lang: header.lang.or(first.map(|o| o.lang)).unwrap_or_default(),
        warnings: first.map(|o| o.warnings).unwrap_or_default(),
    };
    let first_id = offices
        .first()
        .map(|(e, _)| e.office.id.clone())
        .unwrap_or_default();
    let mut data = Data {
        org,
        units: Vec::new(),
        people: Vec::new(),
        groups: Vec::new(),
        tasks: Tasks::default(),
        meetings: Vec::new(),
        directives: Vec::new(),
        calendar: None,
        group_index: Default::default(),
        offices: Vec::with_capacity(offices.len()),
    };
    let mut sources = vec![source];
    let mut runs = Vec::new();
    for (entry, loaded) in offices {
        let Entry { mut office, span } = entry;
        let (u0, p0, g0) = (data.units.len(), data.people.len(), data.groups.len());
        let d = loaded.data;
        if d.org.warnings != data.org.warnings {
            warnings.push(
                Diagnostic::warning(msg::office_warnings_differ(&office.id, &first_id))
                    .at(0, span.clone())
                    .help(msg::office_warnings_differ_help()),
            );
        }
        if data.calendar.is_none() {
            data.calendar = d.calendar;
        }
        data.units.extend(d.units);
        data.people.extend(d.people.into_iter().map(|mut p| {
            p.unit = p.unit.map(|u| u + u0);
            p
        }));
        data.groups.extend(d.groups.into_iter().map(|mut g| {
            g.parent = g.parent.map(|x| x + g0);
            g.host_unit = g.host_unit.map(|u| u + u0);
            g.lead_unit = g.lead_unit.map(|u| u + u0);
            g.member_units.iter_mut().for_each(|u| *u += u0);
            g.leader = g.leader.map(|p| p + p0);
            g.executive_deputy = g.executive_deputy.map(|p| p + p0);
            g.deputies.iter_mut().for_each(|p| *p += p0);
            g.members.iter_mut().for_each(|p| *p += p0);
            g
        }));
        for mut run in d.tasks.into_runs() {
            for t in &mut run {
                t.group += g0;
                t.lead_unit = t.lead_unit.map(|u| u + u0);
                t.units.iter_mut().for_each(|u| *u += u0);
                t.owner = t.owner.map(|p| p + p0);
                for update in &mut t.updates {
                    update.by = update.by.map(|r| match r {
                        Reporter::Unit(u) => Reporter::Unit(u + u0),
                        Reporter::Person(p) => Reporter::Person(p + p0),
                    });
                }
            }
            runs.push(run);
        }
        data.meetings.extend(d.meetings.into_iter().map(|mut m| {
            m.group += g0;
            for dec in &mut m.decisions {
                dec.group = dec.group.map(|g| g + g0);
                dec.lead_unit = dec.lead_unit.map(|u| u + u0);
                dec.owner = dec.owner.map(|p| p + p0);
                dec.units.iter_mut().for_each(|u| *u += u0);
            }
            m
        }));
        data.directives.extend(d.directives);
        let offset = sources.len();
        sources.extend(loaded.sources);
        warnings.extend(loaded.warnings.into_iter().map(|w| moved(w, offset)));
        office.units = u0..data.units.len();
        office.people = p0..data.people.len();
        office.groups = g0..data.groups.len();
        data.offices.push(office);
    }
    data.tasks = Tasks::from_runs(runs);
    Loaded {
        dir: dir.to_path_buf(),
        data,
        sources,
        warnings,
        // Nothing edits a roll-up (see `command::edit`), so no names are kept for it.
        index: super::Index::default(),
    }
}

/// The office a qualified id names and the id within it: `nanjing:JH-01` →
/// (`nanjing`, `JH-01`), for an office of the roll-up.
pub fn split_qualified<'a>(offices: &[Office], id: &'a str) -> Option<(usize, &'a str)> {
    let (office, rest) = id.trim().split_once(QUALIFIER)?;
    let o = offices.iter().position(|o| o.id == office)?;
    Some((o, rest))
}

/// The message of an edit on a roll-up: which office directory to edit instead (the
/// task's, when its id is qualified with a known office), and with which id.
pub fn edit_refused(dir: &Path, offices: &[Office], id: Option<&str>) -> Text {
    let rollup = dir.display().to_string();
    match id.and_then(|id| split_qualified(offices, id)) {
        Some((o, rest)) => {
            let office = offices.get(o);
            msg::rollup_edit_in_office(
                &rollup,
                office.map_or("", |o| o.id.as_str()),
                &office.map_or(String::new(), |o| o.dir.display().to_string()),
                rest,
            )
        }
        None => {
            let list: Vec<String> = offices
                .iter()
                .map(|o| format!("{} ({})", o.id, o.dir.display()))
                .collect();
            msg::rollup_edit_refused(&rollup, &list.join(", "))
        }
    }
}
