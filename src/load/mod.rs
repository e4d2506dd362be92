//! Finds the data directory, reads its files and turns them into a validated [`Data`];
//! every problem in every file becomes a [`Diagnostic`]. Never prints.

mod diagnostic;
mod fast;
mod fields;
mod groups;
mod meetings;
pub(crate) mod names;
mod org;
pub mod read;
pub mod rollup;
pub mod suggest;
mod tasks;

pub use diagnostic::{Diagnostic, FileId, Severity, Source};
pub use fields::suggest_key;
pub use names::normalize;
pub use tasks::TASK as TASK_KEYS;
pub use tasks::is_header as is_task_header;

use crate::i18n::{Text, msg};
use crate::model::{Data, GroupIdx, Lang};
use fields::{Sp, Span};
use names::NameIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A data directory that loaded: the data, the files as read, and the warnings.
#[derive(Debug)]
pub struct Loaded {
    pub dir: PathBuf,
    pub data: Data,
    pub sources: Vec<Source>,
    pub warnings: Vec<Diagnostic>,
    /// What the tasks' references were resolved against, kept so that an edit can read
    /// its task's new text against the very same names (see [`reread_task`]).
    pub index: Index,
}

/// The names the references of tasks resolve against (people and units by id, name
/// and alias; groups by id), as the load built them. A roll-up's is empty: nothing
/// edits a roll-up.
#[derive(Default)]
pub struct Index {
    people: NameIndex,
    units: NameIndex,
    group_ids: names::FastMap<String, GroupIdx>,
    groups_complete: bool,
    broken_groups: std::collections::HashSet<String>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("group_ids", &self.group_ids.len())
            .finish_non_exhaustive()
    }
}

impl Loaded {
    fn refs(&self) -> Refs<'_> {
        Refs {
            people: &self.index.people,
            units: &self.index.units,
            group_ids: &self.index.group_ids,
            groups: &self.data.groups,
            groups_complete: self.index.groups_complete,
            broken_groups: &self.index.broken_groups,
        }
    }
}

/// Reads `text`, the new text of one task of the task file `rel` of a loaded directory
/// (what an edit will write between the task's `[[tasks]]` line, line `line` at byte
/// `offset` of the file, and the next task's), against the references the load
/// resolved: the other files, and the rest of this one, were validated by that load
/// and are not read again.
///
/// `Some(task)` only when `text` is one plain `[[tasks]]` table (read as the loader reads
/// a piece of a file: the fast path, else the parser on the piece alone) that gives a
/// task and not a single diagnostic, not even a warning; `None` for anything else, and
/// the caller validates the whole directory instead, so that whatever is wrong is
/// reported exactly as `wg check` would report it.
pub fn reread_task(
    loaded: &Loaded,
    rel: &Path,
    offset: usize,
    line: usize,
    text: &str,
) -> Option<crate::model::Task> {
    let file = loaded.sources.iter().position(|s| *s.rel == *rel)?;
    let source = loaded.sources.get(file)?;
    if !is_task_file(source) {
        return None;
    }
    #[cfg(test)]
    tests::REREADS.with(|n| n.set(n.get() + 1));
    tasks::reread(file, source, offset, line, text, &loaded.refs())
}

/// A data directory that did not load: every problem found, sorted by file and line.
#[derive(Debug)]
pub struct LoadFailure {
    pub sources: Vec<Source>,
    pub diagnostics: Vec<Diagnostic>,
    /// The org's `lang`, when org.toml was read well enough to say it (its `[org]`
    /// table parsed, and `lang` absent or valid): the language of the messages, unless
    /// `--lang` says otherwise (see `context::message_lang`).
    pub lang: Option<Lang>,
}

impl LoadFailure {
    fn single(diag: Diagnostic) -> LoadFailure {
        LoadFailure {
            sources: Vec::new(),
            diagnostics: vec![diag],
            lang: None,
        }
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Finds the data directory: `--data`/`WG_DATA` if given; else the current directory or
/// the nearest one above it that holds `org.toml` or `offices.toml` (as git finds its
/// repository), shown relative to the current directory (`.`, `..`, `../..`); else
/// `./data` if that holds `org.toml`.
///
/// An org.toml that is there in any form counts: what is wrong with it (a FIFO, a
/// dangling symlink) is for the loader to say, not "no data directory".
pub fn find_data_dir(given: Option<&Path>, cwd: &Path) -> Result<PathBuf, LoadFailure> {
    let refused = |dir: &Path, why: Text, help: Text| {
        LoadFailure::single(
            Diagnostic::error(msg::data_dir_problem(&dir.display().to_string(), &why)).help(help),
        )
    };
    // Whether `dir` holds an org.toml; an error when wg may not even look.
    let holds_org = |dir: &Path| match read::check(&dir.join("org.toml"), read::Expect::File) {
        Ok(false) => Ok(false),
        Err(problem @ read::Problem::PermissionDenied) => Err(refused(
            dir,
            problem.what(read::Expect::Directory),
            problem.help(read::Expect::Directory),
        )),
        Ok(true) | Err(_) => Ok(true),
    };
    if let Some(dir) = given {
        let why = match read::check(dir, read::Expect::Directory) {
            Ok(false) => msg::does_not_exist(),
            Err(read::Problem::Kind { .. }) => msg::is_not_a_directory(),
            Err(problem) => {
                let help = problem.help(read::Expect::Directory);
                return Err(refused(dir, problem.what(read::Expect::Directory), help));
            }
            Ok(true) if holds_org(dir)? || rollup::is_rollup(dir) => return Ok(dir.to_path_buf()),
            Ok(true) => msg::has_no_org_toml(),
        };
        return Err(refused(dir, why, msg::data_dir_help()));
    }
    for (up, dir) in cwd.ancestors().enumerate() {
        // The current directory must be one wg may look into; one above it that it may
        // not is passed over, as git passes it.
        let org = match holds_org(dir) {
            Ok(found) => found,
            Err(e) if up == 0 => return Err(e),
            Err(_) => false,
        };
        let rollup = matches!(
            read::check(&dir.join("offices.toml"), read::Expect::File),
            Ok(true)
        );
        if org || rollup {
            return Ok(match up {
                0 => PathBuf::from("."),
                n => std::iter::repeat_n("..", n).collect(),
            });
        }
    }
    if holds_org(&cwd.join("data"))? {
        return Ok(PathBuf::from("data"));
    }
    Err(LoadFailure::single(
        Diagnostic::error(msg::no_data_dir(&cwd.display().to_string())).help(
            msg::no_data_dir_help(
                &cwd.display().to_string(),
                &cwd.join("data").join("org.toml").display().to_string(),
            ),
        ),
    ))
}

/// A path of the data directory that the loader reads, or the `tasks` directory when it
/// cannot be listed (then it stands for the files it would have given).
#[derive(Debug)]
pub enum DataFile {
    File(PathBuf),
    UnlistedDir(PathBuf, read::Problem),
}

/// The data files of a directory in load order, relative to it: org, groups, tasks.toml,
/// tasks/*.toml by name, meetings, calendar. Optional files with nothing at their path
/// are left out; anything else there (a dangling symlink, a FIFO) is listed, for
/// reading to refuse by name.
///
/// In `tasks/`, the names read are those ending in `.toml` in any case (`x.TOML` too)
/// and not starting with a dot; everything else is someone else's: editor backups
/// (`x.toml~`), swap and lock files (`.x.toml.swp`, `.#x.toml`), a README.
pub fn data_files(dir: &Path) -> Vec<DataFile> {
    let mut files = vec![
        DataFile::File(PathBuf::from("org.toml")),
        DataFile::File(PathBuf::from("groups.toml")),
    ];
    if !read::absent(&dir.join("tasks.toml")) {
        files.push(DataFile::File(PathBuf::from("tasks.toml")));
    }
    match read::list_dir(&dir.join("tasks")) {
        Ok(None) => {}
        Ok(Some(entries)) => {
            let mut names = Vec::new();
            for entry in entries {
                match entry {
                    Ok(entry) => names.push(entry.file_name()),
                    Err(err) => {
                        files.push(DataFile::UnlistedDir(
                            PathBuf::from("tasks/"),
                            read::Problem::Other(err),
                        ));
                        break;
                    }
                }
            }
            let mut names: Vec<PathBuf> = names
                .into_iter()
                .filter(|n| is_task_file_name(Path::new(n)))
                .map(|n| Path::new("tasks").join(n))
                .collect();
            names.sort();
            files.extend(names.into_iter().map(DataFile::File));
        }
        Err(problem) => files.push(DataFile::UnlistedDir(PathBuf::from("tasks/"), problem)),
    }
    for optional in ["meetings.toml", "calendar.toml"] {
        if !read::absent(&dir.join(optional)) {
            files.push(DataFile::File(PathBuf::from(optional)));
        }
    }
    files
}

/// Whether a name in `tasks/` is a task file: `*.toml` in any case, not hidden.
fn is_task_file_name(name: &Path) -> bool {
    name.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        && !name.as_os_str().as_encoded_bytes().starts_with(b".")
}

/// `tasks.toml` or `tasks/NAME.toml`, relative to the data directory.
fn is_task_path(rel: &Path) -> bool {
    rel == Path::new("tasks.toml")
        || (rel.parent() == Some(Path::new("tasks"))
            && rel
                .file_name()
                .is_some_and(|n| is_task_file_name(Path::new(n))))
}

/// Where a file comes in [`data_files`]' order.
fn load_rank(rel: &Path) -> u8 {
    match rel.to_str() {
        Some("org.toml") => 0,
        Some("groups.toml") => 1,
        Some("tasks.toml") => 2,
        Some("meetings.toml") => 4,
        Some("calendar.toml") => 5,
        _ if is_task_path(rel) => 3,
        _ => 6,
    }
}

/// How a path is shown: the data directory as the user gave it, joined with the file.
fn shown(dir: &Path, rel: &Path) -> String {
    if dir == Path::new(".") {
        rel.display().to_string()
    } else {
        dir.join(rel).display().to_string()
    }
}

/// Whether a load reads `meetings.toml`. Only what shows meetings or their decisions
/// needs it (`wg meeting`, `wg export`, `wg check`, the edits, which validate the whole
/// directory before they write); a roster, a task list or a report leaves it unread,
/// so that it neither pays for the file nor fails over a problem in it, which `wg
/// check` still reports. Nothing read elsewhere refers to a meeting: the meetings'
/// decisions refer to tasks, not the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meetings {
    Read,
    Unread,
}

/// Loads and validates a data directory.
pub fn load(dir: &Path) -> Result<Loaded, LoadFailure> {
    load_reading(dir, Meetings::Read)
}

/// [`load`], reading `meetings.toml` or not (see [`Meetings`]): the data's meetings
/// and directives are empty when it is left unread.
pub fn load_reading(dir: &Path, meetings: Meetings) -> Result<Loaded, LoadFailure> {
    load_keeping(dir, HashMap::new(), &within_budget, meetings, None)
}

/// How many more bytes of files' text the loads of this process may keep (see
/// [`keep_texts`]); none unless it was called.
static KEEP_BUDGET: AtomicUsize = AtomicUsize::new(0);

/// What [`keep_texts`] lets a process keep in all: a million tasks are 330 MB. An edit
/// that finds its file changed under it loads again (and again, while it keeps
/// changing): what those loads cannot keep within this they copy and free, as any load
/// did before.
const KEEP_TEXTS_BUDGET: usize = 1 << 30;

/// Whether this process may keep a file's text of `len` bytes (see [`keep_texts`]),
/// taken from [`KEEP_BUDGET`] if so.
fn within_budget(len: usize) -> bool {
    take_from(&KEEP_BUDGET, len)
}

/// Takes `len` bytes from `budget` if it has them.
fn take_from(budget: &AtomicUsize, len: usize) -> bool {
    budget
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
            left.checked_sub(len)
        })
        .is_ok()
}

/// For a process that loads a directory once or a few times and then exits (the `wg`
/// binary, whose commands each do one job): from now on every load keeps the files'
/// text until the process ends (it is never freed) and borrows the tasks' strings from
/// it, instead of copying each into an allocation of its own (a third of reading
/// 100,000 tasks, with the memory they took). Anything that loads again and again (the
/// tests, the fuzzers, a long-running program) does not call it, and frees what it
/// loads. What is kept is bounded ([`KEEP_TEXTS_BUDGET`]).
pub fn keep_texts() {
    KEEP_BUDGET.store(KEEP_TEXTS_BUDGET, Ordering::Relaxed);
}

/// Loads a data directory with some files replaced by new text (relative path → text):
/// how an edit is validated before it is written.
pub fn load_with(dir: &Path, replaced: HashMap<PathBuf, String>) -> Result<Loaded, LoadFailure> {
    load_keeping(dir, replaced, &within_budget, Meetings::Read, None)
}

/// What an edit of task `id` needs, read at the cost of that task: the org, the groups
/// and the calendar loaded and validated as [`load`] does; of the task files, only the
/// task's own text (and the next task's, where the edit's text ends: see
/// `tasks::load_around`), after one scan of every task file's text that finds no other
/// place where the id could be written. `data.tasks` holds those tasks alone, and
/// `meetings.toml` is not read (nothing an edit changes is referred to by it: the id
/// stays).
///
/// Whenever the task cannot be read so (the id is not found so, or is written
/// elsewhere too, or its text has a problem), every task is read from the same text,
/// as [`load`] reads them, and what is wrong is said exactly as `wg check` says it. What
/// is not validated when the task is read alone is the other tasks, which the edit does
/// not touch (`wg check` does).
pub fn load_for_edit(dir: &Path, id: &str) -> Result<Loaded, LoadFailure> {
    load_keeping(
        dir,
        HashMap::new(),
        &within_budget,
        Meetings::Unread,
        Some(id),
    )
}

/// [`load_with`], keeping a file's text of `len` bytes for the process where `keep(len)`
/// says so (see [`keep_texts`]).
fn load_keeping(
    dir: &Path,
    mut replaced: HashMap<PathBuf, String>,
    keep: &dyn Fn(usize) -> bool,
    meetings: Meetings,
    around: Option<&str>,
) -> Result<Loaded, LoadFailure> {
    #[cfg(test)]
    tests::LOADS.with(|n| n.set(n.get() + 1));
    let mut diags = Vec::new();
    let mut sources = Vec::new();
    let mut files = data_files(dir);
    if meetings == Meetings::Unread {
        files.retain(|f| !matches!(f, DataFile::File(rel) if rel == Path::new("meetings.toml")));
    }
    // A task file that an edit creates (`wg tasks add` to a new `tasks/G.toml` or
    // `tasks.toml`), in its place among the others.
    for rel in replaced.keys() {
        let listed = files
            .iter()
            .any(|f| matches!(f, DataFile::File(f) | DataFile::UnlistedDir(f, _) if f == rel));
        if listed || !is_task_path(rel) {
            continue;
        }
        let key = |f: &Path| (load_rank(f), f.to_path_buf());
        let at = files
            .iter()
            .position(|f| match f {
                DataFile::File(f) | DataFile::UnlistedDir(f, _) => key(f) > key(rel),
            })
            .unwrap_or(files.len());
        files.insert(at, DataFile::File(rel.clone()));
    }
    for entry in files {
        let rel = match entry {
            DataFile::File(rel) => rel,
            DataFile::UnlistedDir(rel, problem) => {
                diags.push(refused(
                    dir,
                    &rel,
                    &problem,
                    read::Expect::Directory,
                    sources.len(),
                ));
                sources.push(Source::new(rel.clone(), shown(dir, &rel), String::new()));
                continue;
            }
        };
        let text = match replaced.remove(&rel) {
            Some(text) => Ok(text),
            None => read_text(dir, &rel, sources.len(), &mut diags),
        };
        match text {
            // What is kept is the string's whole room, which may exceed its text.
            Ok(text) if keep(text.capacity()) => {
                let text: &'static str = String::leak(text);
                sources.push(Source::new(rel.clone(), shown(dir, &rel), text));
            }
            Ok(text) => sources.push(Source::new(rel.clone(), shown(dir, &rel), text)),
            Err(Some(text)) => sources.push(Source::new(rel.clone(), shown(dir, &rel), text)),
            Err(None) => sources.push(Source::new(rel.clone(), shown(dir, &rel), String::new())),
        }
    }
    let unreadable: Vec<bool> =
        diags
            .iter()
            .fold(vec![false; sources.len()], |mut v, d: &Diagnostic| {
                if let Some((f, _)) = &d.at
                    && let Some(slot) = v.get_mut(*f)
                {
                    *slot = true;
                }
                v
            });
    let (data, lang) = build(&sources, &unreadable, around, &mut diags);
    diags.sort_by(|a, b| a.sort_key(&sources).cmp(&b.sort_key(&sources)));
    match data {
        Some((data, index)) if !diags.iter().any(Diagnostic::is_error) => Ok(Loaded {
            dir: dir.to_path_buf(),
            data,
            sources,
            warnings: diags,
            index,
        }),
        _ => Err(LoadFailure {
            sources,
            diagnostics: diags,
            lang,
        }),
    }
}

/// Reads one file as UTF-8 (a byte-order mark is dropped). On failure reports it and
/// returns the text to show, if any.
fn read_text(
    dir: &Path,
    rel: &Path,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Result<String, Option<String>> {
    let bytes = match read::read_file(&dir.join(rel)) {
        Ok(bytes) => bytes,
        Err(problem) => {
            diags.push(refused(dir, rel, &problem, read::Expect::File, file));
            return Err(None);
        }
    };
    let mut bytes = bytes;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Taken as it is, not copied: a task file can be tens of megabytes.
    match utf8(bytes) {
        Ok(text) => Ok(text),
        Err(err) => {
            let err_utf8 = err.utf8_error();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            // The lossy text has the same bytes up to the first bad one.
            let at = err_utf8.valid_up_to();
            diags.push(
                Diagnostic::error(msg::not_utf8(&shown(dir, rel)))
                    .at(file, at..at + 1)
                    .label(msg::not_utf8_label())
                    .help(msg::save_as_utf8()),
            );
            Err(Some(text))
        }
    }
}

/// The error for a path that cannot be read, pointing at it as a whole.
fn refused(
    dir: &Path,
    rel: &Path,
    problem: &read::Problem,
    expect: read::Expect,
    file: FileId,
) -> Diagnostic {
    let required = matches!(rel.to_str(), Some("org.toml" | "groups.toml"));
    let help = match problem {
        read::Problem::Missing if required => msg::required_files_help(),
        _ => problem.help(expect),
    };
    Diagnostic::error(msg::path_problem(&shown(dir, rel), &problem.what(expect)))
        .at(file, 0..0)
        .help(help)
}

/// The bytes as a `String`, checked once. `String::from_utf8` took 31 ms of a 100,000-task
/// run on a 33 MB file of Chinese text (a tenth of the run, on one core); simdutf8 checks
/// it in 3 ms. Its error says only *that* the text is invalid, so on failure the standard
/// check runs again to say where.
fn utf8(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    // Small files too: simdutf8 asks the processor what it can do the first time it
    // runs, which on the Xeon virtual machine of an earlier round cost more than the
    // standard library's check of the office's files (0.1 ms at start-up); on the EPYC
    // one of a later round the standard library's byte-by-byte check of their Chinese
    // text was the dearer, by far (start-up 3147 → 2730 µs side by side, 270,000 fewer
    // instructions).
    if !is_utf8(&bytes, BIG_TEXT) {
        return String::from_utf8(bytes);
    }
    // SAFETY: `is_utf8` has just checked with simdutf8 that `bytes` is valid UTF-8 (in
    // two pieces, and two pieces of valid UTF-8 make valid UTF-8), which is all
    // `from_utf8_unchecked` requires; the tests compare it with `String::from_utf8`.
    #[allow(unsafe_code)]
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// From this size on, a file's text is checked in two pieces, one on another core: the
/// check of a 33 MB task file was 4 ms of the run that nothing else could overlap.
const BIG_TEXT: usize = 4 << 20;

/// Whether `bytes` are valid UTF-8, by simdutf8; `big` or more bytes are checked in two
/// pieces at once, cut where a character starts (so that valid text gives two valid
/// pieces; whatever the cut, two valid pieces are valid text).
fn is_utf8(bytes: &[u8], big: usize) -> bool {
    if bytes.len() < big.max(2) {
        return simdutf8::basic::from_utf8(bytes).is_ok();
    }
    let mut cut = bytes.len() / 2;
    // A character takes at most three bytes after its first (10xxxxxx each).
    for _ in 0..3 {
        if bytes.get(cut).is_some_and(|b| b & 0xc0 == 0x80) {
            cut += 1;
        }
    }
    let (a, b) = bytes.split_at(cut.min(bytes.len()));
    crate::par::map_runs(&[a, b], 1, |_, _, pieces| {
        pieces.iter().all(|p| simdutf8::basic::from_utf8(p).is_ok())
    })
    .into_iter()
    .all(|ok| ok)
}

/// `tasks.toml` or a file in `tasks/`.
fn is_task_file(source: &Source) -> bool {
    *source.rel == *Path::new("tasks.toml") || source.rel.starts_with("tasks")
}

/// What references resolve against.
pub struct Refs<'a> {
    pub people: &'a NameIndex,
    pub units: &'a NameIndex,
    pub group_ids: &'a names::FastMap<String, GroupIdx>,
    /// The groups that loaded, to recognise one referred to by its name.
    pub groups: &'a [crate::model::Group],
    pub groups_complete: bool,
    /// Groups in groups.toml that had errors of their own.
    pub broken_groups: &'a std::collections::HashSet<String>,
}

impl Refs<'_> {
    /// Resolves `by` of a progress note: a unit or a person, by id, name or alias.
    /// A reference that is both a unit and a person is an error that asks for an id.
    pub fn reporter(
        &self,
        r: &Sp<String>,
        place: &Text,
        file: FileId,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<crate::model::Reporter> {
        use crate::model::Reporter;
        let (units, people) = (self.units.lookup(&r.value), self.people.lookup(&r.value));
        match (units, people) {
            ([u], []) => Some(Reporter::Unit(*u)),
            ([], [p]) => Some(Reporter::Person(*p)),
            // Several of one kind and none of the other: that kind's message lists them.
            ([_, _, ..], []) => self
                .units
                .resolve(r, names::Kind::Unit, place, file, diags)
                .map(Reporter::Unit),
            ([], [_, _, ..]) => self
                .people
                .resolve(r, names::Kind::Person, place, file, diags)
                .map(Reporter::Person),
            ([], []) => {
                if self.units.complete && self.people.complete {
                    let mut near: Vec<&str> = self.units.near(&r.value);
                    for p in self.people.near(&r.value) {
                        if !near.contains(&p) {
                            near.push(p);
                        }
                    }
                    near.truncate(suggest::SHOWN);
                    let d = Diagnostic::error(msg::unknown_unit_or_person(&r.value, place))
                        .at(file, r.span.clone())
                        .label(msg::no_such_unit_or_person());
                    diags.push(d.help(
                        msg::did_you_mean_any(&near).unwrap_or_else(msg::by_names_a_unit_or_person),
                    ));
                }
                None
            }
            (units, people) => {
                let both: Vec<Text> = units
                    .iter()
                    .map(|&u| self.units.label(u))
                    .chain(people.iter().map(|&p| self.people.label(p)))
                    .collect();
                diags.push(
                    Diagnostic::error(msg::both_a_unit_and_a_person(
                        &r.value,
                        place,
                        &Text::join(&both, "、", ", "),
                    ))
                    .at(file, r.span.clone())
                    .label(msg::ambiguous())
                    .help(msg::refer_to_unit_or_person_by_id()),
                );
                None
            }
        }
    }

    pub fn group(
        &self,
        r: &Sp<String>,
        place: &Text,
        file: FileId,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<GroupIdx> {
        if let Some(&g) = self.group_ids.get(r.value.trim()) {
            return Some(g);
        }
        // A group that is there but broken, or a groups.toml with no group at all,
        // has been reported already; "unknown group" on every task would only echo it.
        if self.groups_complete
            && !self.group_ids.is_empty()
            && !self.broken_groups.contains(r.value.trim())
        {
            let known: Vec<&str> = self.group_ids.keys().map(String::as_str).collect();
            let mut all = known.clone();
            all.sort_unstable();
            let by_name = self
                .groups
                .iter()
                .find(|g| normalize(&g.name) == normalize(&r.value));
            // The rule of names (`suggest::names`), over the groups' ids and names in
            // file order; a group is suggested by its id.
            let keys: Vec<(String, &str)> = self
                .groups
                .iter()
                .flat_map(|g| {
                    [
                        (g.id.clone(), g.id.as_str()),
                        (normalize(&g.name), g.id.as_str()),
                    ]
                })
                .collect();
            let key_list: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
            let mut near: Vec<&str> = Vec::new();
            for key in suggest::names(&normalize(&r.value), &key_list) {
                if let Some((_, id)) = keys.iter().find(|(k, _)| k == key)
                    && !near.contains(id)
                {
                    near.push(id);
                }
            }
            near.truncate(suggest::SHOWN);
            let help = match by_name {
                Some(g) => msg::group_name_not_id(&g.name, &g.id),
                None => msg::did_you_mean_any(&near)
                    .unwrap_or_else(|| msg::group_ids_are(&msg::plain_list(&all))),
            };
            diags.push(
                Diagnostic::error(msg::unknown_group(&r.value, place))
                    .at(file, r.span.clone())
                    .label(msg::no_group_with_this_id())
                    .help(help),
            );
        }
        None
    }
}

/// Parses a file's TOML; syntax errors become diagnostics and the file is skipped.
/// Impossible dates (2021-02-30) are the exception: the parser recovers from them by
/// keeping the key with an empty value, so the rest of the file is still checked and
/// every problem shows up in one run.
fn parse<'i>(
    file: FileId,
    text: &'i str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(toml::de::DeTable<'i>, Span)> {
    let (doc, errors) = toml::de::DeTable::parse_recoverable(text);
    let only_dates = errors
        .iter()
        .all(|e| e.message().starts_with("invalid date"));
    let mut seen_at = Vec::new();
    let mut redefined: Option<usize> = None;
    // The line whose full-width punctuation has been reported, as a byte range.
    let mut full_width_line: Option<Span> = None;
    for err in &errors {
        let span = err.span().unwrap_or(0..0);
        // The parser may trip twice over one mistake; the first message is the useful one.
        if seen_at.contains(&span.start) {
            continue;
        }
        seen_at.push(span.start);
        // After a full-width comma the parser trips again further along the line, or at
        // the start of the next one (a list written over several lines): one mistake.
        if let Some(line) = &full_width_line
            && span.start >= line.start
            && (span.start <= line.end
                || text
                    .get(line.end..span.start)
                    .is_some_and(|between| between.trim().is_empty()))
        {
            continue;
        }
        if let Some((d, line)) = full_width(file, text, span.clone(), err.message()) {
            diags.push(d);
            full_width_line = Some(line);
            continue;
        }
        let message = err.message().trim().to_owned();
        if let Some(why) = message.strip_prefix("invalid date") {
            let written = text.get(span.clone()).unwrap_or("").trim();
            let why = why.trim_start_matches([',', ' ']);
            if year_out_of_range(written) {
                // The parser's label ("time, expected year or hour") would mislead.
                diags.push(
                    Diagnostic::error(msg::date_outside_the_years(written))
                        .at(file, span)
                        .label(msg::not_a_year_in_range())
                        .help(msg::out_of_range_help()),
                );
                continue;
            }
            // A real day in a form TOML does not read (2026-12-9) is no impossible date.
            let mut d = match date_typed(written) {
                Some(date) if date.to_string() != written => {
                    Diagnostic::error(msg::not_written_yyyy_mm_dd(written))
                        .at(file, span.clone())
                        .help(msg::two_digits_each(&date_fix(
                            line_at(text, span.start),
                            written,
                            date,
                        )))
                }
                _ => Diagnostic::error(msg::not_a_real_date(written))
                    .at(file, span)
                    .help(msg::not_a_real_date_help()),
            };
            if !why.is_empty() {
                d = d.label(msg::toml_parser(why));
            }
            diags.push(d);
            continue;
        }
        let (first, rest) = message.split_once('\n').unwrap_or((&message, ""));
        let line = line_at(text, span.start);
        let header = line.trim_start().starts_with('[');
        if first == "duplicate key" {
            // After a table written twice, the parser also calls each of its keys a
            // duplicate: one error is the news.
            if !header
                && redefined.is_some_and(|at| {
                    !text
                        .get(at..span.start)
                        .unwrap_or("")
                        .lines()
                        .skip(1)
                        .any(|l| l.trim_start().starts_with('['))
                })
            {
                continue;
            }
            if header {
                redefined = Some(span.start);
            }
        }
        let mut d = Diagnostic::error(msg::toml_syntax(&msg::toml_parser(first)))
            .at(file, span.clone())
            .label(msg::toml_parser(first));
        d = match syntax_advice(first, text, span.clone()) {
            Some(advice) => advice.place(d, file),
            None if rest.trim().is_empty() => d.help(msg::fix_this_line()),
            None => d.help(msg::toml_parser(rest.trim())),
        };
        diags.push(d);
    }
    if errors.is_empty() || only_dates {
        Some((doc.into_inner(), 0..0))
    } else {
        None
    }
}

/// Whether a value the parser took for a broken date has a year of more than four
/// digits or a sign (`10000-01-01`, `+10000-01-01`, `-0001-01-01`).
fn year_out_of_range(written: &str) -> bool {
    let (signed, unsigned) = match written.strip_prefix(['+', '-']) {
        Some(rest) => (true, rest),
        None => (false, written),
    };
    let year = unsigned.split_once('-').map_or("", |(year, _)| year);
    !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit()) && (signed || year.len() > 4)
}

/// What to say about a syntax error beyond the parser's message: always a hint, and
/// where the parser's place or label would mislead, a better one.
struct Advice {
    /// A message to say instead of the parser's, where that one would mislead.
    message: Option<Text>,
    span: Option<Span>,
    label: Option<Text>,
    help: Text,
}

impl Advice {
    fn place(self, mut d: Diagnostic, file: FileId) -> Diagnostic {
        if let Some(message) = self.message {
            d.message = message;
        }
        let d = match self.span {
            Some(span) => d.at(file, span),
            None => d,
        };
        let d = match self.label {
            Some(label) => d.label(label),
            None => d,
        };
        d.help(self.help)
    }
}

/// Advice for a syntax error: first the errors whose parser message leaves a person
/// guessing (a control character in a string, a multi-line string never closed, which
/// the parser places at the end of the file, a table written twice, a `\u` escape that
/// is no character, nesting too deep), then the plain hints of [`syntax_hint`].
fn syntax_advice(message: &str, text: &str, span: Span) -> Option<Advice> {
    let here = text.get(span.start..).unwrap_or("");
    let line = line_at(text, span.start).trim();
    // The controls TOML forbids in strings: C0 but tab, and DEL (C1 controls are allowed).
    if let Some(c) = here
        .chars()
        .next()
        .filter(|&c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}')
        .filter(|_| message.contains("string"))
    {
        let code = format!("{:04X}", c as u32);
        return Some(Advice {
            message: None,
            span: None,
            label: Some(msg::control_character(&code)),
            help: msg::control_character_help(&code),
        });
    }
    if message.contains("multi-line") && here.trim().is_empty() {
        let before = text.get(..span.start).unwrap_or("");
        let quotes = if message.contains("literal") {
            "'''"
        } else {
            "\"\"\""
        };
        let opened = before.rfind(quotes)?;
        return Some(Advice {
            message: None,
            span: Some(opened..opened + 3),
            label: Some(msg::multi_line_never_closed()),
            help: msg::end_the_text_with(quotes),
        });
    }
    if message == "duplicate key" && line.starts_with('[') {
        let name = line
            .split(']')
            .next()
            .unwrap_or(line)
            .trim_start_matches('[');
        // What the name was above: a table header, or a key.
        let earlier = |header: &str| {
            text.get(..span.start)
                .unwrap_or("")
                .lines()
                .any(|l| l.split('#').next().unwrap_or("").trim() == header)
        };
        let help = if line.starts_with("[[") && earlier(&format!("[{name}]")) {
            msg::table_then_array_of_tables(name)
        } else if !line.starts_with("[[") && earlier(&format!("[{name}]")) {
            msg::table_twice(name)
        } else if let Some(n) = text.get(..span.start).unwrap_or("").lines().position(|l| {
            l.trim_start()
                .strip_prefix(name)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        }) {
            msg::key_then_table(n + 1, name)
        } else {
            msg::defined_above(name)
        };
        return Some(Advice {
            message: None,
            span: None,
            label: Some(msg::written_twice()),
            help,
        });
    }
    if message.contains("unicode") {
        return Some(Advice {
            message: None,
            span: None,
            label: Some(msg::not_a_character()),
            help: msg::unicode_escape_help(),
        });
    }
    if message.contains("recursion") {
        return Some(Advice {
            message: None,
            span: None,
            label: Some(msg::nested_too_deeply()),
            help: msg::nested_too_deeply_help(),
        });
    }
    // `values = { 新建 = 35 }`: a key in Chinese is no bare key.
    if message.contains("unquoted key") {
        let key: String = here
            .chars()
            .take_while(|c| {
                !c.is_whitespace()
                    && !matches!(
                        c,
                        '=' | '.' | ',' | '{' | '}' | '[' | ']' | '"' | '\'' | '#'
                    )
            })
            .collect();
        if !key.is_ascii() {
            return Some(Advice {
                message: None,
                span: Some(span.start..span.start + key.len()),
                label: Some(msg::chinese_key_needs_quotes()),
                help: msg::quote_the_chinese_key(&key),
            });
        }
    }
    if let Some(advice) = date_advice(message, text, span.clone()) {
        return Some(advice);
    }
    syntax_hint(message, line_at(text, span.start)).map(|help| Advice {
        message: None,
        span: None,
        label: None,
        help,
    })
}

/// The line of `text` that holds byte `at`.
fn line_at(text: &str, at: usize) -> &str {
    text.get(line_bounds(text, at)).unwrap_or("")
}

/// Where the line that holds byte `at` starts and ends (before its `\n`).
fn line_bounds(text: &str, at: usize) -> Span {
    let at = at.min(text.len());
    let start = text
        .get(..at)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(at..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |i| at + i);
    start..end
}

/// A plain-words hint for the TOML mistakes people make most, above all typing with a
/// Chinese input method left in full-width mode (“ ” ＝ ，).
fn syntax_hint(message: &str, line: &str) -> Option<Text> {
    let found = full_width_outside(line);
    if !found.is_empty() {
        let mut shown: Vec<char> = Vec::new();
        for (_, c) in &found {
            if !shown.contains(c) {
                shown.push(*c);
            }
        }
        return Some(msg::full_width_on_line(&shown));
    }
    // "张祖春” : opened with a half-width quote, closed with a full-width one.
    if message.contains("invalid basic string") && line.contains(['”', '“']) {
        return Some(msg::full_width_closing_quote());
    }
    let hint = if message.contains("string values must be quoted") {
        msg::put_text_in_quotes()
    } else if message.contains("invalid basic string") {
        msg::missing_closing_quote()
    } else if message.contains("duplicate key") {
        msg::key_set_earlier()
    } else if message.contains("unclosed array") {
        msg::close_the_list()
    } else {
        return None;
    };
    Some(hint)
}

/// What a Chinese input method left in full-width mode types where TOML needs ASCII:
/// the character and what to type instead (its name is [`msg::full_width_name`]).
const FULL_WIDTH: &[(char, &str)] = &[
    ('“', "\""),
    ('”', "\""),
    ('‘', "'"),
    ('’', "'"),
    ('＝', "="),
    ('，', ","),
    ('［', "["),
    ('］', "]"),
    ('｛', "{"),
    ('｝', "}"),
    ('：', "="),
    ('＃', "#"),
    ('\u{3000}', " "),
];

/// The full-width punctuation of a line that stands outside strings (inside one it is
/// ordinary Chinese text) and before any comment, with its byte offset in the line.
fn full_width_outside(line: &str) -> Vec<(usize, char)> {
    let mut found = Vec::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some('"'), _) if escaped => escaped = false,
            (Some('"'), '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => break,
            (None, c) if FULL_WIDTH.iter().any(|(f, _)| *f == c) => found.push((i, c)),
            (None, _) => {}
        }
    }
    found
}

/// A syntax error at (or just after) full-width punctuation outside strings: one
/// message that names the character, in place of whatever the parser made of it
/// ("invalid unquoted key" for a full-width space, "missing comma" for a full-width
/// comma), pointing at it. Returns the diagnostic and the line it is about.
fn full_width(file: FileId, text: &str, span: Span, message: &str) -> Option<(Diagnostic, Span)> {
    // A multi-line string never closed is reported at the end of the file, whose last
    // line is text of the string.
    if message.contains("multi-line") {
        return None;
    }
    let bounds = line_bounds(text, span.start);
    let line = text.get(bounds.clone())?;
    let start = bounds.start;
    let found = full_width_outside(line);
    let &(at, c) = found.first()?;
    // Only where the parser tripped over it: a full-width character later on the line
    // is left to the hint of the parser's own message.
    if start + at >= span.end.max(span.start + 1) {
        return None;
    }
    let (_, ascii) = FULL_WIDTH.iter().find(|(f, _)| *f == c)?;
    let name = msg::full_width_name(c);
    // What to type for each full-width character of the line, once each, by what
    // replaces it: `" instead of “ ”`.
    let mut fixes: Vec<(&str, Vec<char>)> = Vec::new();
    for &(_, other) in &found {
        let Some(&(f, a)) = FULL_WIDTH.iter().find(|(f, _)| *f == other) else {
            continue;
        };
        match fixes.iter_mut().find(|(ascii, _)| *ascii == a) {
            Some((_, chars)) if !chars.contains(&f) => chars.push(f),
            Some(_) => {}
            None => fixes.push((a, vec![f])),
        }
    }
    let fixes: Vec<Text> = fixes
        .iter()
        .map(|(ascii, chars)| msg::full_width_fix(ascii, chars))
        .collect();
    let message = match c {
        '\u{3000}' => msg::full_width_space_where_toml_needs(),
        _ => msg::full_width_where_toml_needs(&name, ascii),
    };
    let d = Diagnostic::error(message)
        .at(file, start + at..start + at + c.len_utf8())
        .label(name)
        .help(msg::switch_to_half_width(&Text::join(&fixes, "；", "; ")));
    Some((d, bounds))
}

/// A day typed year-month-day in a form TOML does not read: 2026/3/31, 2026.3.31,
/// 2026年3月31日, 2026-12-9. The date it names, if it is a real one.
fn date_typed(written: &str) -> Option<chrono::NaiveDate> {
    let mut numbers = Vec::new();
    let mut seps = Vec::new();
    let mut digits = String::new();
    for c in written.trim().chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if digits.is_empty() {
            return None;
        }
        numbers.push(std::mem::take(&mut digits));
        seps.push(c);
    }
    if !digits.is_empty() {
        numbers.push(digits);
    }
    let [year, month, day] = numbers.as_slice() else {
        return None;
    };
    let seps_ok = match seps.as_slice() {
        ['年', '月'] | ['年', '月', '日'] => true,
        [a, b] => a == b && matches!(a, '-' | '/' | '.'),
        _ => false,
    };
    if !seps_ok || year.len() != 4 || month.len() > 2 || day.len() > 2 {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// The line rewritten with the date as TOML writes it (`due = 2026-03-31`), or the date
/// alone where the line is more than `key = date`.
fn date_fix(line: &str, written: &str, date: chrono::NaiveDate) -> String {
    let code = line.split('#').next().unwrap_or("");
    match code.split_once('=') {
        Some((key, value)) if value.trim() == written && !key.trim().is_empty() => {
            format!("{} = {date}", key.trim())
        }
        _ => date.to_string(),
    }
}

/// A date typed the way people write dates by hand (2021年12月31日, 2021/12/31,
/// 2021.12.31): the parser reads it as text and asks for quotes, or as a number, neither
/// of which helps (quoting it would only earn the next error: a date is not quoted).
/// Say what to write instead, pointing at the value.
fn date_advice(message: &str, text: &str, span: Span) -> Option<Advice> {
    let bounds = line_bounds(text, span.start);
    let code = text.get(bounds.clone())?.split('#').next()?;
    let eq = code.find('=')?;
    let key = code.get(..eq)?.trim();
    // The value as written after `=` (or, in a list, what the parser tripped over),
    // and where it starts.
    let after = code.get(eq + 1..)?;
    let mut written = after.trim();
    let mut at = bounds.start + eq + 1 + (after.len() - after.trim_start().len());
    if date_typed(written).is_none()
        && let Some(part) = text.get(span.clone())
        && date_typed(part).is_some()
    {
        written = part.trim();
        at = span.start + (part.len() - part.trim_start().len());
    }
    let date_key = matches!(
        key,
        "due" | "start" | "done_on" | "done_through" | "date" | "studied_on"
    );
    // A date written right is not what the parser tripped over.
    let (label, help) = match date_typed(written).filter(|d| d.to_string() != written) {
        Some(date) => (
            msg::write_it_as(date),
            msg::dates_with_hyphens(&date_fix(code, written, date)),
        ),
        None if date_key && message.contains("string values must be quoted") => {
            (msg::not_a_toml_date(), msg::dates_with_hyphens_like(key))
        }
        None => return None,
    };
    Some(Advice {
        message: Some(msg::not_written_yyyy_mm_dd(written)),
        span: Some(at..at + written.len()),
        label: Some(label),
        help,
    })
}

/// The data and the names its references resolved against, if there is any data, and
/// the org's `lang` when org.toml says it (see [`LoadFailure::lang`]).
/// Builds the data from the files as read: every task, or (`around`: an id) only what
/// [`load_for_edit`] says where that can be had.
fn build(
    sources: &[Source],
    unreadable: &[bool],
    around: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<(Data, Index)>, Option<Lang>) {
    let parsed: Vec<Option<(toml::de::DeTable<'_>, Span)>> = sources
        .iter()
        .enumerate()
        .map(|(f, s)| {
            // Task files are parsed by `tasks::load_all`, piece by piece.
            if unreadable.get(f).copied().unwrap_or(false) || is_task_file(s) {
                None
            } else {
                parse(f, &s.text, diags)
            }
        })
        .collect();
    let empty = toml::de::DeTable::default();
    let doc = |f: usize| -> Option<(&toml::de::DeTable<'_>, Span)> {
        parsed.get(f)?.as_ref().map(|(d, s)| (d, s.clone()))
    };
    // org.toml is file 0 and groups.toml file 1 (see `data_files`).
    let org_ok = doc(0).is_some();
    let (org_doc, org_span) = doc(0).unwrap_or((&empty, 0..0));
    // A file that did not parse has had its say: what an empty stand-in lacks is not news.
    let mut discarded = Vec::new();
    let org_diags = if org_ok { &mut *diags } else { &mut discarded };
    let mut org = org::load(0, org_doc, org_span, org_diags);
    let lang = org.lang_known.then_some(org.org.lang).filter(|_| org_ok);
    // An org.toml that is empty (no [org], no units, no people) has been reported as
    // such; "unknown person" at every reference to it would bury that one error.
    let has_org = org_doc.contains_key("org");
    org.unit_names.complete = org_ok && (has_org || !org.units.is_empty());
    org.person_names.complete = org_ok && (has_org || !org.people.is_empty());

    let groups_ok = doc(1).is_some();
    let (groups_doc, groups_span) = doc(1).unwrap_or((&empty, 0..0));
    let groups_diags = if groups_ok {
        &mut *diags
    } else {
        &mut discarded
    };
    let mut groups = groups::load(
        1,
        groups_doc,
        groups_span,
        &org.person_names,
        &org.unit_names,
        groups_diags,
    );
    groups.complete = groups_ok;

    let refs = Refs {
        people: &org.person_names,
        units: &org.unit_names,
        group_ids: &groups.ids,
        groups: &groups.groups,
        groups_complete: groups.complete,
        broken_groups: &groups.broken,
    };
    let task_files: Vec<tasks::TaskFile<'_>> = sources
        .iter()
        .enumerate()
        .filter(|(f, s)| is_task_file(s) && !unreadable.get(*f).copied().unwrap_or(false))
        .map(|(file, source)| tasks::TaskFile { file, source })
        .collect();
    let tasks = around
        .and_then(|id| tasks::load_around(&task_files, id, &refs))
        .unwrap_or_else(|| tasks::load_all(&task_files, &refs, diags));
    let mut meetings = Vec::new();
    let mut directives = Vec::new();
    let mut calendar = None;
    for (f, source) in sources.iter().enumerate().skip(2) {
        let Some((table, span)) = doc(f) else {
            continue;
        };
        match source.rel.to_str() {
            Some("meetings.toml") => {
                (meetings, directives) =
                    meetings::load_meetings(f, source, table, span, &refs, &tasks, diags);
            }
            Some("calendar.toml") => {
                calendar = Some(meetings::load_calendar(f, table, span, diags))
            }
            _ => {}
        }
    }

    // Of an edit's load, maybe only the task's text was read: it cannot say what is
    // unused (and an edit shows no warnings of the data).
    if around.is_none() {
        warn_unused(&org, &groups.groups, &tasks, diags);
    }
    let data = Data {
        org: org.org,
        units: org.units,
        people: org.people,
        groups: groups.groups,
        tasks,
        meetings,
        directives,
        calendar,
        group_index: Default::default(),
        offices: Vec::new(),
    };
    let index = Index {
        people: org.person_names,
        units: org.unit_names,
        group_ids: groups.ids,
        groups_complete: groups.complete,
        broken_groups: groups.broken,
    };
    (Some((data, index)), lang)
}

/// Units that no person, group or task refers to are probably leftovers or typos.
fn warn_unused(
    org: &org::OrgFile,
    groups: &[crate::model::Group],
    tasks: &crate::model::Tasks,
    diags: &mut Vec<Diagnostic>,
) {
    let mut used = vec![false; org.units.len()];
    let mut mark = |u: Option<usize>| {
        if let Some(slot) = u.and_then(|u| used.get_mut(u)) {
            *slot = true;
        }
    };
    for p in &org.people {
        mark(p.unit);
    }
    for g in groups {
        mark(g.host_unit);
        mark(g.lead_unit);
        g.member_units.iter().for_each(|&u| mark(Some(u)));
    }
    // The tasks' units, on every core, each run of tasks stopping once every unit is
    // marked (the check walked 100,000 tasks on one core, 4 ms of `tasks overdue`); few
    // tasks on this thread alone (`Tasks::share`).
    if used.contains(&false) {
        let marked = tasks.share(1, |runs| {
            let mut mine = used.clone();
            let mut left = mine.iter().filter(|&&u| !u).count();
            for t in runs.iter().flatten() {
                for u in t.lead_unit.into_iter().chain(t.units.iter().copied()) {
                    if let Some(slot) = mine.get_mut(u).filter(|slot| !**slot) {
                        *slot = true;
                        left -= 1;
                    }
                }
                if left == 0 {
                    break;
                }
            }
            mine
        });
        for mine in marked {
            for (slot, m) in used.iter_mut().zip(mine) {
                *slot |= m;
            }
        }
    }
    for ((u, unit), used) in org.units.iter().enumerate().zip(used) {
        if !used
            && unit.kind != crate::model::UnitKind::External
            && let Some(Some(span)) = org.unit_spans.get(u)
        {
            diags.push(
                Diagnostic::warning(msg::unused_unit(&unit.name))
                    .at(0, span.clone())
                    .label(msg::unused())
                    .help(msg::unused_unit_help()),
            );
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    thread_local! {
        /// How many times this thread loaded a data directory ([`super::load_with`]),
        /// and read a task's new text alone ([`super::reread_task`]): what the edit's
        /// tests count.
        pub(crate) static LOADS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        pub(crate) static REREADS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// What the process keeps of the files' text is bounded: a text that does not fit
    /// what is left is not kept (its load copies and frees it), and takes nothing.
    #[test]
    fn kept_texts_stay_within_the_budget() {
        let budget = super::AtomicUsize::new(10);
        let takes: Vec<bool> = [4, 7, 6, 0, 1]
            .into_iter()
            .map(|len| super::take_from(&budget, len))
            .collect();
        assert_eq!(takes, [true, false, true, true, false]);
        assert_eq!(budget.load(super::Ordering::Relaxed), 0);
    }

    /// A data directory of one organisation (units u1 and u2, person 张柯), one group
    /// `g`, and `tasks` as its tasks.toml.
    pub(crate) fn dir_with(tasks: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("org.toml"),
            "[org]\nname = \"O\"\n[[units]]\nname = \"u1\"\n[[units]]\nname = \"u2\"\n[[people]]\nname = \"张柯\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("groups.toml"),
            "[[groups]]\nid = \"g\"\nname = \"G\"\nkind = \"leading\"\nleader = \"张柯\"\nlead_unit = \"u1\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("tasks.toml"), tasks).unwrap();
        dir
    }

    /// Four tasks of group `g`, each written as the office writes them.
    fn four_tasks(note_of_c: &str) -> String {
        let task = |id: &str, note: &str| {
            format!(
                "[[tasks]]\nid = \"{id}\"\ntitle = \"任务 {id}\"\ngroup = \"g\"\nowner = \"张柯\"\n\
                 due = 2026-12-31\nstatus = \"todo\"\n\n[[tasks.updates]]\ndate = 2026-11-01\n\
                 note = \"{note}\"\n\n"
            )
        };
        format!(
            "# 任务\n\n{}{}{}{}",
            task("A-1", "起步"),
            task("B-1", "推进"),
            task("C-1", note_of_c),
            task("D-1", "收尾")
        )
    }

    fn ids(loaded: &super::Loaded) -> Vec<String> {
        loaded.data.tasks.iter().map(|t| t.id.to_string()).collect()
    }

    /// An edit's load reads the task and the next one, nothing else of the task files,
    /// and reads them as the whole load does (the same task, line for line).
    #[test]
    fn an_edits_load_reads_its_task_and_the_next_one_as_the_whole_load_does() {
        // B-1 written inside C-1's note as part of longer words is not B-1.
        let dir = dir_with(&four_tasks("与B-12、xB-1配合"));
        let whole = super::load(dir.path()).unwrap();
        for (id, read) in [
            ("A-1", &["A-1", "B-1"][..]),
            ("B-1", &["B-1", "C-1"]),
            ("C-1", &["C-1", "D-1"]),
            ("D-1", &["D-1"]),
            (" D-1", &["D-1"]),
        ] {
            let edit = super::load_for_edit(dir.path(), id.trim()).unwrap();
            assert_eq!(ids(&edit), read, "{id}");
            for t in edit.data.tasks.iter() {
                let same = whole.data.task_by_id(&t.id).unwrap();
                assert_eq!(format!("{t:?}"), format!("{same:?}"));
            }
            assert!(edit.data.meetings.is_empty());
            assert_eq!(
                format!("{:?}", edit.data.groups),
                format!("{:?}", whole.data.groups)
            );
        }
    }

    /// The same for every task of the office's data; most of them are read alone.
    #[test]
    fn an_edits_load_reads_every_task_of_the_offices_data_as_the_whole_load_does() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let whole = super::load(&data).unwrap();
        let mut read = 0;
        for task in whole.data.tasks.iter() {
            let edit = super::load_for_edit(&data, &task.id).unwrap();
            if edit.data.tasks.len() < whole.data.tasks.len() {
                read += 1;
            }
            let mine = edit.data.task_by_id(&task.id).unwrap();
            assert_eq!(format!("{mine:?}"), format!("{task:?}"));
        }
        assert!(
            read * 2 > whole.data.tasks.len(),
            "{read} of {}",
            whole.data.tasks.len()
        );
    }

    /// Whatever is less plain is left to the whole load, which says what is wrong (or
    /// finds the task, or says there is none) as `wg check` and `wg tasks show` do.
    #[test]
    fn an_edits_load_gives_way_to_the_whole_load_when_anything_is_less_plain() {
        let whole_load = |tasks: &str, extra: Option<(&str, &str)>, id: &str| {
            let dir = dir_with(tasks);
            if let Some((rel, text)) = extra {
                let path = dir.path().join(rel);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
            let whole = super::load(dir.path()).map(|l| ids(&l)).ok();
            let edit = super::load_for_edit(dir.path(), id).ok();
            let edit = edit.as_ref().map(ids);
            // Given way to: the edit's load read what the whole load reads (every
            // task, or an error).
            edit == whole
        };
        let plain = four_tasks("推进");
        assert!(!whole_load(&plain, None, "B-1"));
        // No such id, or only in another case, or not an id at all.
        assert!(whole_load(&plain, None, "E-1"));
        assert!(whole_load(&plain, None, "b-1"));
        assert!(whole_load(&plain, None, ""));
        assert!(whole_load(&plain, None, "任务"));
        // Mentioned in running text anywhere is not a task's id; a string that is the
        // id but for whitespace (written as it is or escaped) could be one.
        assert!(!whole_load(
            &four_tasks("与A-1配合，见 A-1 。"),
            None,
            "A-1"
        ));
        // Those are read with the task, up to the piece after the last of them, and it
        // is the one task of that id.
        for note in ["A-1", " A-1\u{3000}", "\\tA-1\\n"] {
            let dir = dir_with(&four_tasks(note));
            let edit = super::load_for_edit(dir.path(), "A-1").unwrap();
            assert_eq!(ids(&edit), ["A-1", "B-1", "C-1", "D-1"], "{note}");
            assert!(!whole_load(&four_tasks(note), None, "B-1"), "{note}");
        }
        let dir = dir_with(&plain.replace("\"推进\"", "'A-1'"));
        let edit = super::load_for_edit(dir.path(), "A-1").unwrap();
        assert_eq!(ids(&edit), ["A-1", "B-1", "C-1", "D-1"]);
        assert!(!whole_load(
            &plain.replace("\"推进\"", "'A-1'"),
            None,
            "D-1"
        ));
        // Twice the id of a task, or a string of it further than a part away.
        assert!(whole_load(
            &plain.replace("id = \"C-1\"", "id = \"A-1\""),
            None,
            "A-1"
        ));
        let far = four_tasks("A-1").replacen(
            "[[tasks]]\nid = \"C-1\"",
            &format!(
                "{}[[tasks]]\nid = \"C-1\"",
                "# 说明\n".repeat(super::tasks::PART_BYTES / 8)
            ),
            1,
        );
        assert!(whole_load(&far, None, "A-1"));
        assert!(!whole_load(&far, None, "D-1"));
        // Written again in another file (a duplicate), or mentioned there.
        let other = plain.replace("任务 ", "另一任务 ");
        assert!(whole_load(&plain, Some(("tasks/x.toml", &other)), "B-1"));
        // An escape anywhere that could spell an id, in any task file.
        let escaped = four_tasks("\\u0041");
        assert!(whole_load(&escaped, None, "D-1"));
        assert!(whole_load(
            &plain,
            Some(("tasks/x.toml", "# C:\\Users\n")),
            "B-1"
        ));
        // A multi-line string before the task (a line in it may look like a header).
        let multi = plain.replacen("note = \"起步\"", "note = \"\"\"起步\n\"\"\"", 1);
        assert!(!whole_load(&multi, None, "A-1"));
        assert!(whole_load(&multi, None, "C-1"));
        // The task or the next one with a problem, even a warning's worth.
        assert!(whole_load(&plain.replace("due = 2026-12-31\nstatus = \"todo\"\n\n[[tasks.updates]]\ndate = 2026-11-01\nnote = \"推进\"", "due = 2026-12-32\nstatus = \"todo\"\n\n[[tasks.updates]]\ndate = 2026-11-01\nnote = \"推进\""), None, "B-1"));
        assert!(whole_load(
            &plain.replace(
                "title = \"任务 C-1\"",
                "title = \"任务 C-1\"\ncolour = \"red\""
            ),
            None,
            "B-1"
        ));
        // Tasks written inline.
        assert!(whole_load(
            "tasks = [{ id = \"B-1\", title = \"t\", group = \"g\", owner = \"张柯\" }]\n",
            None,
            "B-1"
        ));
        // Any file that does not load: the org, or a task file that is not UTF-8.
        let dir = dir_with(&plain);
        std::fs::write(dir.path().join("groups.toml"), "[[groups]\n").unwrap();
        assert!(super::load_for_edit(dir.path(), "B-1").is_err());
        let dir = dir_with(&plain);
        std::fs::create_dir(dir.path().join("tasks")).unwrap();
        std::fs::write(dir.path().join("tasks/x.toml"), b"# \xff\n").unwrap();
        assert!(super::load_for_edit(dir.path(), "B-1").is_err());
    }

    /// The hand-written dates that get "write it as YYYY-MM-DD", and what is left alone.
    #[test]
    fn dates_typed_by_hand_are_read_for_the_hint() {
        let d = |s: &str| super::date_typed(s).map(|d| d.to_string());
        for (typed, date) in [
            ("2026/3/31", "2026-03-31"),
            ("2026.3.31", "2026-03-31"),
            ("2026年3月31日", "2026-03-31"),
            ("2026年3月31", "2026-03-31"),
            ("2026-12-9", "2026-12-09"),
            (" 2026-12-09 ", "2026-12-09"),
        ] {
            assert_eq!(d(typed).as_deref(), Some(date), "{typed}");
        }
        for typed in [
            "2026/2/30",
            "26/3/31",
            "2026-3/31",
            "2026/3",
            "2026年工作要点",
            "下周五",
            "2026/3/31/1",
            "2026/003/31",
            "",
            "/3/31",
        ] {
            assert_eq!(d(typed), None, "{typed}");
        }
    }

    /// Full-width punctuation inside strings (of either quote) and comments is text.
    #[test]
    fn full_width_punctuation_counts_only_outside_strings_and_comments() {
        let found = |l: &str| -> Vec<char> {
            super::full_width_outside(l)
                .into_iter()
                .map(|(_, c)| c)
                .collect()
        };
        assert_eq!(found("units = [\"甲，乙\"，'丙，丁']"), ['，']);
        assert_eq!(found("title = \"a\\\"，\"　# 备注，"), ['\u{3000}']);
        assert_eq!(found("owner ＝ “张柯”"), ['＝', '“', '”']);
        assert!(found("due = 2026-01-31 # 截止，").is_empty());
    }

    proptest! {
        /// simdutf8 and the standard library agree on every input, valid or not.
        #[test]
        fn utf8_agrees_with_the_standard_check(
            parts in proptest::collection::vec(
                prop_oneof![
                    any::<String>().prop_map(String::into_bytes),
                    proptest::collection::vec(any::<u8>(), 0..8),
                    Just("任务 🎉 é".as_bytes().to_vec()),
                ],
                0..12,
            )
        ) {
            let bytes: Vec<u8> = parts.concat();
            let ours = super::utf8(bytes.clone()).map_err(|e| e.utf8_error());
            let std = String::from_utf8(bytes.clone()).map_err(|e| e.utf8_error());
            // Checked in two pieces, as a big file is, wherever the middle falls.
            for big in [2, 3, 7] {
                prop_assert_eq!(super::is_utf8(&bytes, big), std.is_ok());
            }
            prop_assert_eq!(ours, std);
        }
    }
}
