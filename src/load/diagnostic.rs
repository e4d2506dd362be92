//! Problems found in the data, and how they are shown: `path:line:col`, the source
//! line, a caret under the offending characters (by display width, so Chinese lines
//! line up) and a hint.

use crate::i18n::{Text, msg};
use crate::model::{Lang, Str};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::ops::Range;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One file of the data directory as read.
#[derive(Clone)]
pub struct Source {
    /// Path relative to the data directory (`tasks/membership.toml`).
    pub rel: std::sync::Arc<std::path::Path>,
    /// Path as shown to the user: the data directory as given, joined with `rel`.
    pub shown: String,
    /// Borrowed when the load keeps it for the life of the process (the tasks' strings
    /// are borrowed from it then), else owned.
    pub text: Str,
    /// Where each line starts: worked out when first needed (most loads never need it).
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// Characters before every [`MARK`]th byte, for the columns of a long line: worked
    /// out when a column is first wanted that far into a line.
    char_marks: std::sync::OnceLock<Vec<usize>>,
}

/// The stride of [`Source::char_marks`], in bytes.
const MARK: usize = 4096;

/// The line index is a cache: two sources with the same text are the same.
impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("rel", &self.rel)
            .field("shown", &self.shown)
            .field("text", &self.text)
            .finish()
    }
}

impl Source {
    pub fn new(rel: PathBuf, shown: String, text: impl Into<Str>) -> Source {
        Source {
            rel: rel.into(),
            shown,
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
            char_marks: std::sync::OnceLock::new(),
        }
    }

    /// Lets an owned text go, for a caller that will show no diagnostic against it (a
    /// read command, once the data has loaded): no task borrows from it. A text kept
    /// for the process ([`crate::load::keep_texts`]) stays, as the tasks' strings are
    /// in it.
    pub fn forget_owned_text(&mut self) {
        if matches!(self.text, Str::Owned(_)) {
            self.text = Str::default();
            self.line_starts = std::sync::OnceLock::new();
            self.char_marks = std::sync::OnceLock::new();
        }
    }

    /// Characters in `text[..at]`: one per byte that does not continue a character.
    fn chars_before(&self, at: usize) -> usize {
        let starts = |b: &[u8]| b.iter().filter(|&&b| (b as i8) >= -0x40).count();
        let bytes = self.text.as_bytes();
        let at = at.min(bytes.len());
        let marks = self.char_marks.get_or_init(|| {
            let mut marks = vec![0];
            let mut count = 0;
            for chunk in bytes.chunks(MARK) {
                count += starts(chunk);
                marks.push(count);
            }
            marks
        });
        let mark = at / MARK;
        marks.get(mark).copied().unwrap_or(0)
            + starts(bytes.get(mark * MARK..at).unwrap_or_default())
    }

    /// Characters in `text[from..to]`: counted, or for a long stretch (in a line of
    /// megabytes, where a column was counted from the line's start for every
    /// diagnostic), looked up.
    fn chars_between(&self, from: usize, to: usize) -> usize {
        if to.saturating_sub(from) < 2 * MARK {
            return self
                .text
                .get(from..to)
                .map_or(to.saturating_sub(from), |s| s.chars().count());
        }
        self.chars_before(to)
            .saturating_sub(self.chars_before(from))
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.line_starts().partition_point(|&s| s <= offset).max(1)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line(offset);
        let start = self.line_starts().get(line - 1).copied().unwrap_or(0);
        (line, self.chars_between(start, offset) + 1)
    }

    /// Byte range of the whole lines that `span` touches, without the final newline.
    fn lines_around(&self, span: &Range<usize>) -> Range<usize> {
        let first = self.line(span.start);
        let last = self.line(span.end.saturating_sub(1).max(span.start));
        let start = self.line_starts().get(first - 1).copied().unwrap_or(0);
        let mut end = self
            .line_starts()
            .get(last)
            .map_or(self.text.len(), |&s| s.saturating_sub(1));
        // A file saved on Windows ends its lines in \r\n; the \r is not part of the line.
        if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }
}

/// Index into the loader's list of [`Source`]s.
pub type FileId = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file and byte span the problem is at, when it has one.
    pub at: Option<(FileId, Range<usize>)>,
    /// What is wrong, in both languages: the language is picked when it is printed.
    pub message: Text,
    /// Short text under the caret.
    pub label: Option<Text>,
    pub help: Option<Text>,
    /// Another place worth seeing, with what it is: ("first defined here", file, span).
    pub also: Option<(Text, FileId, Range<usize>)>,
}

impl Diagnostic {
    pub fn error(message: Text) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            at: None,
            message,
            label: None,
            help: None,
            also: None,
        }
    }

    pub fn warning(message: Text) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, file: FileId, span: Range<usize>) -> Diagnostic {
        self.at = Some((file, span));
        self
    }

    pub fn label(mut self, label: Text) -> Diagnostic {
        self.label = Some(label);
        self
    }

    pub fn help(mut self, help: Text) -> Diagnostic {
        self.help = Some(help);
        self
    }

    pub fn also(mut self, what: Text, file: FileId, span: Range<usize>) -> Diagnostic {
        self.also = Some((what, file, span));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key: diagnostics without a place first, then by file path and position.
    pub fn sort_key<'a>(&self, sources: &'a [Source]) -> (Option<&'a str>, usize, Severity) {
        match &self.at {
            None => (None, 0, self.severity),
            Some((file, span)) => (
                sources.get(*file).map(|s| s.shown.as_str()),
                span.start,
                self.severity,
            ),
        }
    }

    /// `path:line:col` of the problem, when it has a place.
    pub fn location(&self, sources: &[Source]) -> Option<String> {
        let (file, span) = self.at.as_ref()?;
        let source = sources.get(*file)?;
        let (line, col) = source.line_col(span.start);
        Some(format!("{}:{line}:{col}", source.shown))
    }

    /// The diagnostic as text in `lang`, ending in a newline. `styled` adds ANSI colours.
    /// The place, the quoted line and the caret are the same in either language.
    pub fn render(&self, sources: &[Source], styled: bool, lang: Lang) -> String {
        self.render_quoting(sources, styled, lang, LONG_LINE)
    }

    /// [`Diagnostic::render`], quoting lines longer than `long_line` bytes in part.
    fn render_quoting(
        &self,
        sources: &[Source],
        styled: bool,
        lang: Lang,
        long_line: usize,
    ) -> String {
        let names = LevelNames::of(lang);
        let level = match self.severity {
            Severity::Error => Level::ERROR.with_name(names.error),
            Severity::Warning => Level::WARNING.with_name(names.warning),
        };
        let message = crate::render::text::sanitize(self.message.get(lang));
        let mut group = Group::with_title(level.primary_title(message.as_ref()));
        let located = self
            .at
            .as_ref()
            .and_then(|(file, span)| Some((sources.get(*file)?, span)));
        // A file name is text like any other (a checkout can bring `tasks/\e[2J.toml`),
        // and on one line.
        let path = located.map(|(source, _)| crate::render::text::one_line(&source.shown));
        let path = path.as_deref().unwrap_or("");
        // For a long line quoted in part: the place annotate-snippets will print, and
        // the true one.
        let mut column_fix: Option<(String, String)> = None;
        if located.is_some_and(|(source, _)| source.text.is_empty()) {
            // An empty or unreadable file: there is no line to quote, only the path.
            group = group.element(Origin::path(path).line(1).char_column(1));
        } else if let Some((source, span)) = located {
            let span = clamp_span(&source.text, span);
            let line = source.lines_around(&span);
            let line_no = source.line(line.start);
            let quoted = quoted_part(&source.text, &span, line.clone(), long_line);
            let excerpt = defang(source.text.get(quoted.clone()).unwrap_or(""));
            // Within the excerpt; a span on a line's \r\n ending points just past the text.
            let start = span.start.clamp(quoted.start, quoted.end);
            let end = span.end.clamp(start, quoted.end);
            let local = (start - quoted.start)..(end - quoted.start);
            if quoted.start > line.start {
                // annotate-snippets counts the column from the start of what it is given.
                column_fix = Some((
                    format!(
                        "{path}:{line_no}:{}",
                        source.chars_between(quoted.start, start) + 1
                    ),
                    format!(
                        "{path}:{line_no}:{}",
                        source.chars_between(line.start, start) + 1
                    ),
                ));
            }
            let mut annotation = AnnotationKind::Primary.span(local);
            if let Some(label) = &self.label {
                annotation = annotation.label(crate::render::text::one_line(label.get(lang)));
            }
            group = group.element(
                Snippet::source(excerpt)
                    .line_start(line_no)
                    .path(path)
                    .annotation(annotation),
            );
        }
        if let Some((what, file, span)) = &self.also
            && let Some(source) = sources.get(*file)
        {
            let (line, col) = source.line_col(span.start);
            let shown = crate::render::text::one_line(&source.shown);
            let note = msg::see_also(what, &format!("{shown}:{line}:{col}"));
            group = group.element(
                Level::NOTE
                    .with_name(names.note)
                    .message(crate::render::text::sanitize(note.get(lang)).into_owned()),
            );
        }
        if let Some(help) = &self.help {
            group = group.element(
                Level::HELP
                    .with_name(names.help)
                    .message(crate::render::text::sanitize(help.get(lang))),
            );
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut text = renderer.render(&[group]);
        if let Some((printed, true_place)) = column_fix
            && let Some(header) = text.find("--> ")
            && let Some(at) = text.get(header..).and_then(|rest| rest.find(&printed))
        {
            text.replace_range(header + at..header + at + printed.len(), &true_place);
        }
        if lang == Lang::Zh {
            text = names.full_width_colons(&text);
        }
        text.push('\n');
        text
    }
}

/// What the levels are called in a language: `error`, `warning`, `note`, `help`, or
/// 错误, 警告, 注, 提示.
struct LevelNames {
    error: &'static str,
    warning: &'static str,
    note: &'static str,
    help: &'static str,
}

impl LevelNames {
    fn of(lang: Lang) -> LevelNames {
        match lang {
            Lang::Zh => LevelNames {
                error: "错误",
                warning: "警告",
                note: "注",
                help: "提示",
            },
            Lang::En => LevelNames {
                error: "error",
                warning: "warning",
                note: "note",
                help: "help",
            },
        }
    }

    /// annotate-snippets writes `name: ` after a level's name; Chinese text wants the
    /// full-width colon (`错误：`). It is as wide as `: `, so what the renderer lined up
    /// under the text stays lined up. Only the renderer's own colon is replaced: the one
    /// after a level's name at the start of a line or after `= ` (colour codes between
    /// the name and the colon are skipped).
    fn full_width_colons(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let mut done = false;
            for name in [self.error, self.warning, self.note, self.help] {
                if done {
                    break;
                }
                let Some(at) = line.find(name) else { continue };
                // Before the name: nothing but colour codes (the title, first line), or
                // the margin ending in `= ` (a note or a help).
                let before = strip_ansi(line.get(..at).unwrap_or(""));
                let place_ok = (i == 0 && before.is_empty()) || before.trim_end().ends_with('=');
                if !place_ok {
                    continue;
                }
                let after_name = at + name.len();
                let rest = line.get(after_name..).unwrap_or("");
                let codes = ansi_prefix_len(rest);
                if rest.get(codes..).is_some_and(|r| r.starts_with(": ")) {
                    out.push_str(line.get(..after_name + codes).unwrap_or(""));
                    out.push('：');
                    out.push_str(rest.get(codes + 2..).unwrap_or(""));
                    done = true;
                }
            }
            if !done {
                out.push_str(line);
            }
        }
        out
    }
}

/// The text without its ANSI colour codes (`ESC [ … m`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let len = ansi_prefix_len(tail).max(1);
        rest = tail.get(len..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The length of the colour codes at the start of `s`.
fn ansi_prefix_len(s: &str) -> usize {
    let mut at = 0;
    while let Some(rest) = s.get(at..).and_then(|r| r.strip_prefix("\u{1b}[")) {
        match rest.find('m') {
            Some(m) => at += 2 + m + 1,
            None => break,
        }
    }
    at
}

/// A line longer than this is quoted around its span only: annotate-snippets reads the
/// whole of the line it is given, and 2,000 errors in a line of 120 kB took 14 s.
const LONG_LINE: usize = 16 * 1024;

/// How much of a long line is quoted on each side of the span: far more than a
/// terminal shows (annotate-snippets cuts the line to the terminal's width itself, and
/// marks the cut with `...`), so what is printed is what the whole line would give.
const CONTEXT: usize = 4096;

/// The part of `line` (byte offsets into `text`, one line) to quote for `span`.
fn quoted_part(
    text: &str,
    span: &Range<usize>,
    line: Range<usize>,
    long_line: usize,
) -> Range<usize> {
    if line.len() <= long_line {
        return line;
    }
    let mut start = span.start.saturating_sub(CONTEXT).max(line.start);
    while start > line.start && !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span
        .end
        .min(span.start.saturating_add(CONTEXT))
        .saturating_add(CONTEXT)
        .min(line.end);
    while end < line.end && !text.is_char_boundary(end) {
        end += 1;
    }
    start..end.max(start)
}

/// The quoted source line, safe for a terminal: annotate-snippets shows C0 controls as
/// symbols itself, but C1 controls (U+0080–U+009F, CSI among them), DEL and the
/// bidirectional overrides would go out raw. Each becomes a visible character of the
/// same length in bytes, so the spans still fit.
fn defang(excerpt: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !excerpt.chars().any(bad) {
        return excerpt.into();
    }
    excerpt
        .chars()
        .map(|c| match c {
            '\u{7f}' => '?',
            '\u{80}'..='\u{9f}' => '\u{b7}',
            c if bad(c) => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// A span that lies inside the text and on character boundaries; an empty span at the
/// end of a line widens to one character so the caret has something to point at.
fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    // Never underline past the first line's end: a table's span covers its whole body.
    if let Some(nl) = text.get(start..end).and_then(|s| s.find('\n')) {
        end = start + nl;
    }
    if end == start
        && let Some(c) = text.get(start..).and_then(|s| s.chars().next())
        && c != '\n'
    {
        end = start + c.len_utf8();
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    /// An owned text goes; a text kept for the process stays (the tasks' strings are in
    /// it).
    #[test]
    fn only_an_owned_text_is_forgotten() {
        let mut owned = Source::new("tasks.toml".into(), "tasks.toml".into(), String::from("x"));
        owned.forget_owned_text();
        assert_eq!(&*owned.text, "");
        let mut kept = Source::new("tasks.toml".into(), "tasks.toml".into(), "y");
        kept.forget_owned_text();
        assert_eq!(&*kept.text, "y");
    }

    /// A file of one long line of mixed text (and a short one), with a problem at `at`.
    fn long_line_file(pieces: &[&str], repeat: usize) -> Source {
        let mut text = String::from("[[tasks]]\n");
        for i in 0..repeat {
            text.push_str(pieces[i % pieces.len()]);
        }
        text.push_str("\nid = \"T\"\n");
        Source::new("tasks.toml".into(), "tasks.toml".into(), text)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Columns far into a long line, looked up, are the characters counted.
        #[test]
        fn columns_are_the_characters_before_them(
            repeat in 1usize..6000,
            offsets in proptest::collection::vec(any::<proptest::sample::Index>(), 1..8),
        ) {
            let source = long_line_file(&["字", "ab", "🎉", "é", " "], repeat);
            for o in offsets {
                let mut at = o.index(source.text.len() + 1);
                while !source.text.is_char_boundary(at) {
                    at -= 1;
                }
                let start = source.text[..at].rfind('\n').map_or(0, |i| i + 1);
                let line = source.text[..at].matches('\n').count() + 1;
                let col = source.text[start..at].chars().count() + 1;
                prop_assert_eq!(source.line_col(at), (line, col));
            }
        }

        /// A long line quoted in part prints what the whole line would.
        #[test]
        fn a_long_line_quoted_in_part_prints_as_the_whole_line_would(
            repeat in 3000usize..12000,
            at in any::<proptest::sample::Index>(),
            len in 0usize..40,
            styled in any::<bool>(),
        ) {
            let source = long_line_file(&["字字", "key = 1, ", "\u{85}", "é"], repeat);
            let line_end = source.text[10..].find('\n').map_or(source.text.len(), |i| i + 10);
            let mut start = 10 + at.index(line_end - 10);
            while !source.text.is_char_boundary(start) {
                start -= 1;
            }
            let d = Diagnostic::error(Text::fixed("未知的键", "unknown key"))
                .at(0, start..start + len)
                .label(Text::fixed("这里", "here"))
                .also(Text::fixed("第一次定义在", "first defined at"), 0, start..start + 1)
                .help(Text::fixed("删掉它", "remove it"));
            let sources = [source];
            for lang in [Lang::Zh, Lang::En] {
                let whole = d.render_quoting(&sources, styled, lang, usize::MAX);
                prop_assert_eq!(d.render(&sources, styled, lang), whole);
            }
        }
    }

    /// The renderer's own colons become full-width in Chinese, with or without colour;
    /// a colon in the message itself stays as written.
    #[test]
    fn chinese_levels_get_full_width_colons() {
        let source = Source::new(
            "tasks.toml".into(),
            "tasks.toml".into(),
            "due = x\n".to_owned(),
        );
        let d = Diagnostic::error(Text::new("中文: 说明", "English: text"))
            .at(0, 6..7)
            .label(Text::new("标签", "label"))
            .help(Text::new("提示内容", "the hint"));
        let plain = d.render(std::slice::from_ref(&source), false, Lang::Zh);
        assert!(plain.starts_with("错误：中文: 说明\n"), "{plain}");
        assert!(plain.contains("= 提示：提示内容"), "{plain}");
        let styled = d.render(std::slice::from_ref(&source), true, Lang::Zh);
        assert!(!styled.contains("错误\u{1b}[0m\u{1b}[1m: "), "{styled:?}");
        assert!(styled.contains('：'), "{styled:?}");
        let en = d.render(&[source], false, Lang::En);
        assert!(en.starts_with("error: English: text\n"), "{en}");
        assert!(en.contains("= help: the hint"), "{en}");
    }
}
