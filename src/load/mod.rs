//! Finds the data directory, reads its files and turns them into a validated [`Data`];
//! every problem in every file becomes a [`Diagnostic`]. Never prints.

mod diagnostic;
mod fast;
mod fields;
mod groups;
mod meetings;
pub(crate) mod names;
mod org;
pub mod suggest;
mod tasks;

pub use diagnostic::{Diagnostic, FileId, Severity, Source};
pub use fields::suggest_key;
pub use names::normalize;
pub use tasks::TASK as TASK_KEYS;

use crate::model::{Data, GroupIdx};
use fields::{Sp, Span};
use names::NameIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A data directory that loaded: the data, the files as read, and the warnings.
#[derive(Debug)]
pub struct Loaded {
    pub dir: PathBuf,
    pub data: Data,
    pub sources: Vec<Source>,
    pub warnings: Vec<Diagnostic>,
}

/// A data directory that did not load: every problem found, sorted by file and line.
#[derive(Debug)]
pub struct LoadFailure {
    pub sources: Vec<Source>,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadFailure {
    fn single(diag: Diagnostic) -> LoadFailure {
        LoadFailure {
            sources: Vec::new(),
            diagnostics: vec![diag],
        }
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Finds the data directory: `--data`/`WG_DATA` if given, else the current directory if
/// it holds `org.toml`, else `./data` if that does.
pub fn find_data_dir(given: Option<&Path>, cwd: &Path) -> Result<PathBuf, LoadFailure> {
    if let Some(dir) = given {
        if dir.join("org.toml").is_file() {
            return Ok(dir.to_path_buf());
        }
        let why = if !dir.exists() {
            "does not exist"
        } else if !dir.is_dir() {
            "is not a directory"
        } else {
            "has no org.toml"
        };
        return Err(LoadFailure::single(
            Diagnostic::error(format!("data directory {} {why}", dir.display()))
                .help("point --data (or WG_DATA) at the directory that holds org.toml, or run `wg init DIR` to start one"),
        ));
    }
    if cwd.join("org.toml").is_file() {
        return Ok(PathBuf::from("."));
    }
    if cwd.join("data").join("org.toml").is_file() {
        return Ok(PathBuf::from("data"));
    }
    Err(LoadFailure::single(
        Diagnostic::error(format!("no data directory found from {}", cwd.display())).help(format!(
            "tried: --data and WG_DATA (neither set), {} (not found), {} (not found). \
             Pass --data DIR, set WG_DATA, cd to the data directory, or run `wg init DIR` to start one",
            cwd.join("org.toml").display(),
            cwd.join("data").join("org.toml").display()
        )),
    ))
}

/// The data files of a directory in load order, relative to it: org, groups, tasks.toml,
/// tasks/*.toml by name, meetings, calendar. Missing optional files are left out.
pub fn data_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = vec![PathBuf::from("org.toml"), PathBuf::from("groups.toml")];
    if dir.join("tasks.toml").exists() {
        files.push(PathBuf::from("tasks.toml"));
    }
    if let Ok(entries) = std::fs::read_dir(dir.join("tasks")) {
        let mut names: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .filter(|n| Path::new(n).extension().is_some_and(|e| e == "toml"))
            .filter(|n| !n.to_string_lossy().starts_with('.'))
            .map(|n| Path::new("tasks").join(n))
            .collect();
        names.sort();
        files.extend(names);
    }
    for optional in ["meetings.toml", "calendar.toml"] {
        if dir.join(optional).exists() {
            files.push(PathBuf::from(optional));
        }
    }
    files
}

/// How a path is shown: the data directory as the user gave it, joined with the file.
fn shown(dir: &Path, rel: &Path) -> String {
    if dir == Path::new(".") {
        rel.display().to_string()
    } else {
        dir.join(rel).display().to_string()
    }
}

/// Loads and validates a data directory.
pub fn load(dir: &Path) -> Result<Loaded, LoadFailure> {
    load_with(dir, HashMap::new())
}

/// Loads a data directory with some files replaced by new text (relative path → text):
/// how an edit is validated before it is written.
pub fn load_with(
    dir: &Path,
    mut replaced: HashMap<PathBuf, String>,
) -> Result<Loaded, LoadFailure> {
    let mut diags = Vec::new();
    let mut sources = Vec::new();
    for rel in data_files(dir) {
        let text = match replaced.remove(&rel) {
            Some(text) => Ok(text),
            None => read_text(dir, &rel, sources.len(), &mut diags),
        };
        match text {
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
    let data = build(&sources, &unreadable, &mut diags);
    diags.sort_by(|a, b| a.sort_key(&sources).cmp(&b.sort_key(&sources)));
    match data {
        Some(data) if !diags.iter().any(Diagnostic::is_error) => Ok(Loaded {
            dir: dir.to_path_buf(),
            data,
            sources,
            warnings: diags,
        }),
        _ => Err(LoadFailure {
            sources,
            diagnostics: diags,
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
    let path = dir.join(rel);
    let bytes = match read_big(&path).map_or_else(|| std::fs::read(&path), Ok) {
        Ok(bytes) => bytes,
        Err(err) => {
            let what = if path.is_dir() {
                "is a directory, not a file".to_owned()
            } else if err.kind() == std::io::ErrorKind::NotFound {
                "is missing".to_owned()
            } else {
                format!("cannot be read: {err}")
            };
            diags.push(
                Diagnostic::error(format!("{} {what}", shown(dir, rel)))
                    .at(file, 0..0)
                    .help(match rel.to_str() {
                        Some("org.toml") | Some("groups.toml") => "org.toml and groups.toml are required; `wg init DIR` writes a starter set",
                        _ => "check the file's permissions, or remove it",
                    }),
            );
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
                Diagnostic::error(format!("{} is not valid UTF-8", shown(dir, rel)))
                    .at(file, at..at + 1)
                    .label("not UTF-8")
                    .help("save the file as UTF-8 (not GBK/GB2312)"),
            );
            Err(Some(text))
        }
    }
}

/// A file of some megabytes read in two halves at once, one on another thread: copying
/// it from the page cache and faulting in the new buffer took 17 ms of a 33 MB tasks
/// file on one core. `None` for a small file or on any trouble, to be read the
/// ordinary way (which also gives the ordinary error).
fn read_big(path: &Path) -> Option<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        const BIG: u64 = 4 << 20;
        let file = std::fs::File::open(path).ok()?;
        let meta = file.metadata().ok()?;
        if !meta.is_file() || meta.len() < BIG {
            return None;
        }
        if std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
            return None;
        }
        let len = usize::try_from(meta.len()).ok()?;
        let mut buf = vec![0u8; len];
        let (first, second) = buf.split_at_mut(len / 2);
        let half = u64::try_from(first.len()).ok()?;
        let read = std::thread::scope(|scope| {
            let other = std::thread::Builder::new()
                .spawn_scoped(scope, || file.read_exact_at(second, half))
                .ok()?;
            let mine = file.read_exact_at(first, 0);
            (mine.is_ok() && other.join().is_ok_and(|r| r.is_ok())).then_some(())
        });
        // The file must not have grown meanwhile.
        let mut probe = [0u8; 1];
        if read.is_some() && file.read_at(&mut probe, meta.len()).ok()? == 0 {
            return Some(buf);
        }
        None
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The bytes as a `String`, checked once. `String::from_utf8` took 31 ms of a 100,000-task
/// run on a 33 MB file of Chinese text (a tenth of the run, on one core); simdutf8 checks
/// it in 3 ms. Its error says only *that* the text is invalid, so on failure the standard
/// check runs again to say where.
fn utf8(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return String::from_utf8(bytes);
    }
    // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8, which is all
    // `from_utf8_unchecked` requires; the tests compare it with `String::from_utf8`.
    #[allow(unsafe_code)]
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
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
    pub fn group(
        &self,
        r: &Sp<String>,
        place: &str,
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
            let near = suggest::closest(r.value.trim(), known.iter().copied(), 3);
            let mut all = known.clone();
            all.sort_unstable();
            let by_name = self
                .groups
                .iter()
                .find(|g| normalize(&g.name) == normalize(&r.value));
            let help = match (by_name, near.first()) {
                (Some(g), _) => format!(
                    "\"{}\" is the name of group \"{}\"; tasks name their group by id: group = \"{}\"",
                    g.name, g.id, g.id
                ),
                (None, Some(n)) => format!("did you mean \"{n}\"?"),
                (None, None) => format!("group ids are: {}", all.join(", ")),
            };
            diags.push(
                Diagnostic::error(format!("unknown group \"{}\" in {place}", r.value))
                    .at(file, r.span.clone())
                    .label("no group has this id")
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
    for err in &errors {
        let span = err.span().unwrap_or(0..0);
        // The parser may trip twice over one mistake; the first message is the useful one.
        if seen_at.contains(&span.start) {
            continue;
        }
        seen_at.push(span.start);
        let message = err.message().trim().to_owned();
        if let Some(why) = message.strip_prefix("invalid date") {
            let written = text.get(span.clone()).unwrap_or("").trim();
            let why = why.trim_start_matches([',', ' ']);
            if year_out_of_range(written) {
                // The parser's label ("time, expected year or hour") would mislead.
                diags.push(
                    Diagnostic::error(format!("{written} is outside the dates wg handles"))
                        .at(file, span)
                        .label("not a year from 0001 to 9999")
                        .help(fields::OUT_OF_RANGE_HELP),
                );
                continue;
            }
            let mut d = Diagnostic::error(format!("{written} is not a real date"))
                .at(file, span)
                .help("dates are written YYYY-MM-DD, like 2021-09-30; check the month and the day");
            if !why.is_empty() {
                d = d.label(why.to_owned());
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
        let mut d = Diagnostic::error(format!("TOML syntax: {first}"))
            .at(file, span.clone())
            .label(first.to_owned());
        d = match syntax_advice(first, text, span.clone()) {
            Some(advice) => advice.place(d, file),
            None if rest.trim().is_empty() => {
                d.help("fix this line; the rest of this file is checked once it parses")
            }
            None => d.help(rest.trim().to_owned()),
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
    span: Option<Span>,
    label: Option<String>,
    help: String,
}

impl Advice {
    fn place(self, d: Diagnostic, file: FileId) -> Diagnostic {
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
            span: None,
            label: Some(format!("control character U+{code}")),
            help: format!(
                "TOML does not allow control characters in text; remove it, or write it as \\u{code}"
            ),
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
            span: Some(opened..opened + 3),
            label: Some("this multi-line string is never closed".to_owned()),
            help: format!("end the text with {quotes}"),
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
            format!(
                "[{name}] is a single table above, so it cannot also be a list of [[{name}]] tables: write every one as [[{name}]]"
            )
        } else if !line.starts_with("[[") && earlier(&format!("[{name}]")) {
            format!("[{name}] appears twice in this file; merge the two into one")
        } else if let Some(n) = text.get(..span.start).unwrap_or("").lines().position(|l| {
            l.trim_start()
                .strip_prefix(name)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        }) {
            format!(
                "line {} already sets `{name} = …`, and a name is set only once: remove that line and write each entry as a [[{name}]] table",
                n + 1
            )
        } else {
            format!(
                "\"{name}\" is already defined above (as a key or a table); a name can be defined only once"
            )
        };
        return Some(Advice {
            span: None,
            label: Some("written twice".to_owned()),
            help,
        });
    }
    if message.contains("unicode") {
        return Some(Advice {
            span: None,
            label: Some("not a character".to_owned()),
            help: "a \\u escape names a character by four hex digits (\\u00E9), or \\U by eight; D800–DFFF are not characters".to_owned(),
        });
    }
    if message.contains("recursion") {
        return Some(Advice {
            span: None,
            label: Some("nested too deeply".to_owned()),
            help: "tables and lists nest too deeply here for wg to read; wg's files never need more than [[tasks.updates]]".to_owned(),
        });
    }
    syntax_hint(message, line_at(text, span.start)).map(|help| Advice {
        span: None,
        label: None,
        help,
    })
}

/// The line of `text` that holds byte `at`.
fn line_at(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text
        .get(..at)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(at..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |i| at + i);
    text.get(start..end).unwrap_or("")
}

/// A plain-words hint for the TOML mistakes people make most, above all typing with a
/// Chinese input method left in full-width mode (“ ” ＝ ，).
fn syntax_hint(message: &str, line: &str) -> Option<String> {
    const FULL_WIDTH: &[char] = &[
        '“', '”', '‘', '’', '＝', '，', '［', '］', '｛', '｝', '：', '＃',
    ];
    // Full-width punctuation inside a string is ordinary Chinese text; only look outside.
    let mut outside = String::new();
    let (mut in_string, mut escaped) = (false, false);
    for c in line.chars() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (_, _, '"') => in_string = !in_string,
            (false, _, '#') => break,
            (false, _, c) => outside.push(c),
            (true, false, _) => {}
        }
    }
    let found: Vec<String> = FULL_WIDTH
        .iter()
        .filter(|c| outside.contains(**c))
        .map(char::to_string)
        .collect();
    if !found.is_empty() {
        return Some(format!(
            "this line has full-width punctuation ({}); switch the input method to half-width and type \" = , [ ] instead",
            found.join(" ")
        ));
    }
    let (key, value) = line.split_once('=').unwrap_or(("", ""));
    let (key, value) = (key.trim(), value.trim());
    // 2021年12月31日, 2021/12/31, 2021.12.31 as a date: quoting it, as the parser asks,
    // would only earn the next error (a date must not be quoted).
    let date_key = matches!(
        key,
        "due" | "start" | "done_on" | "done_through" | "date" | "studied_on"
    );
    let date_like =
        value.starts_with(|c: char| c.is_ascii_digit()) && value.contains(['年', '月', '/', '.']);
    if message.contains("string values must be quoted") && (date_key || date_like) {
        return Some(
            "write dates as year-month-day with hyphens and no quotes: key = 2021-12-31".to_owned(),
        );
    }
    // "张祖春” : opened with a half-width quote, closed with a full-width one.
    if message.contains("invalid basic string") && line.contains(['”', '“']) {
        return Some(
            "this text ends with a full-width quote (” or “), which does not close it; type a half-width \" instead".to_owned(),
        );
    }
    let hint = if message.contains("string values must be quoted") {
        "put text in double quotes: key = \"…\""
    } else if message.contains("invalid basic string") {
        "the text is missing its closing \"; a string must end on the line it starts"
    } else if message.contains("duplicate key") {
        "this key is already set earlier in the same table; keep one of them"
    } else if message.contains("unclosed array") {
        "close the list with ]"
    } else {
        return None;
    };
    Some(hint.to_owned())
}

fn build(sources: &[Source], unreadable: &[bool], diags: &mut Vec<Diagnostic>) -> Option<Data> {
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
    let tasks = tasks::load_all(&task_files, &refs, diags);
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
                    meetings::load_meetings(f, source, table, span, &refs, diags);
            }
            Some("calendar.toml") => {
                calendar = Some(meetings::load_calendar(f, table, span, diags))
            }
            _ => {}
        }
    }

    warn_unused(&org, &groups.groups, &tasks, diags);
    Some(Data {
        org: org.org,
        units: org.units,
        people: org.people,
        groups: groups.groups,
        tasks,
        meetings,
        directives,
        calendar,
        group_index: Default::default(),
    })
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
    for t in tasks {
        mark(t.lead_unit);
        t.units.iter().for_each(|&u| mark(Some(u)));
    }
    for ((u, unit), used) in org.units.iter().enumerate().zip(used) {
        if !used
            && unit.kind != crate::model::UnitKind::External
            && let Some(Some(span)) = org.unit_spans.get(u)
        {
            diags.push(
                Diagnostic::warning(format!(
                    "unit \"{}\" is not used by any person, group or task",
                    unit.name
                ))
                .at(0, span.clone())
                .label("unused")
                .help("remove it, or refer to it from a group's lead_unit/member_units or a task"),
            );
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

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
            let std = String::from_utf8(bytes).map_err(|e| e.utf8_error());
            prop_assert_eq!(ours, std);
        }
    }
}
