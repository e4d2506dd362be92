//! Breaks one line of text (a table cell) into lines of at most a display width, where
//! a reader of Chinese or English expects the breaks: between Chinese characters, after
//! spaces, preferably after a comma (，、；。), never before a closing mark (，。）”) nor
//! after an opening one (（“). A character is never split, and a word of Latin letters or
//! digits (an id, a date) is broken only when it is wider than the line by itself.

use unicode_width::UnicodeWidthChar;

/// The display width of one character, as the table measures it.
fn width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Marks that may not begin a line: closing brackets and quotes, and the punctuation
/// that ends a clause, Chinese and Latin.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '”'
            | '’'
            | '…'
            | '％'
            | '·'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Marks that may not end a line: opening brackets and quotes.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '【' | '《' | '〈' | '〔' | '“' | '‘' | '(' | '[' | '{'
    )
}

/// After these a Chinese line breaks best: the end of a clause or of an item.
fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | '、' | '；' | '。' | '：' | '？' | '！')
}

/// What line breaking needs to know of a character, looked up once.
#[derive(Clone, Copy)]
struct Char {
    c: char,
    width: usize,
    closing: bool,
    opening: bool,
    /// Chinese (and other wide) characters and the Chinese punctuation, some of which
    /// is narrow (“ ” …): a line may break before or after any of them.
    ideographic: bool,
}

impl Char {
    fn of(c: char) -> Char {
        // Most of what a table holds: a Chinese character, or ASCII.
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            return Char {
                c,
                width: 2,
                closing: false,
                opening: false,
                ideographic: true,
            };
        }
        // ASCII is one column wide, as the table measures it.
        let width = if c.is_ascii() { 1 } else { width(c) };
        let (closing, opening) = (is_closing(c), is_opening(c));
        Char {
            c,
            width,
            closing,
            opening,
            ideographic: !c.is_ascii() && (width >= 2 || closing || opening),
        }
    }
}

/// Whether a line may break between `prev` and `next` (after any spaces, which the
/// break swallows).
fn can_break(prev: &Char, next: &Char) -> bool {
    if next.c == ' ' || next.closing || prev.opening || next.width == 0 {
        return false;
    }
    prev.c == ' ' || prev.ideographic || next.ideographic
}

/// A place where the line may end.
#[derive(Clone, Copy)]
struct Break {
    /// Where the line ends (before the spaces the break swallows).
    end: usize,
    /// Where the next line starts.
    next: usize,
    /// The width of the line up to `end`, and up to `next`.
    end_width: usize,
    next_width: usize,
}

/// `s` in lines of at most `width` columns. Spaces at a break are dropped; a character
/// wider than `width` (a Chinese character at width 1) gets a line of its own. Empty
/// text is one empty line.
pub fn wrap(s: &str, width: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    wrap_into(s, width, &mut lines);
    lines
}

/// [`wrap`], adding the lines to `lines`.
pub fn wrap_into<'s>(s: &'s str, width: usize, lines: &mut Vec<&'s str>) {
    let width = width.max(1);
    let mut start = 0;
    // The width from `start` to the current character, and to the last non-space.
    let mut line_width = 0;
    let mut content_end = 0;
    let mut content_width = 0;
    let mut last: Option<Break> = None;
    let mut clause: Option<Break> = None;
    let mut prev: Option<Char> = None;
    for (i, c) in s.char_indices() {
        let k = Char::of(c);
        let cw = k.width;
        if let Some(p) = &prev
            && i > start
            && can_break(p, &k)
            && content_end > start
        {
            let b = Break {
                end: content_end,
                next: i,
                end_width: content_width,
                next_width: line_width,
            };
            last = Some(b);
            if is_clause_end(p.c) {
                clause = Some(b);
            }
        }
        // Spaces never overflow a line: a break after them drops them.
        while c != ' ' && line_width + cw > width && line_width > 0 {
            // A break after a comma is taken when it leaves the line three quarters full
            // (a half-empty line costs a line more as often as not).
            let at = match (clause, last) {
                (Some(cl), _) if cl.end_width * 4 >= width * 3 => Some(cl),
                (_, l) => l,
            };
            match at {
                Some(b) => {
                    lines.push(s.get(start..b.end).unwrap_or(""));
                    start = b.next;
                    line_width -= b.next_width;
                    content_end = content_end.max(start);
                    content_width = content_width.saturating_sub(b.next_width);
                    // Taken at a comma, the line after it may still break at `last`.
                    last = last.filter(|l| l.next > b.next).map(|l| Break {
                        end_width: l.end_width - b.next_width,
                        next_width: l.next_width - b.next_width,
                        ..l
                    });
                }
                // No place to break: a word wider than the line is cut before `c`
                // (a line of nothing but spaces is dropped).
                None => {
                    if content_end > start {
                        lines.push(s.get(start..content_end).unwrap_or(""));
                    }
                    start = i;
                    line_width = 0;
                    content_end = i;
                    content_width = 0;
                    last = None;
                }
            }
            clause = None;
        }
        line_width += cw;
        if c != ' ' {
            content_end = i + c.len_utf8();
            content_width = line_width;
        }
        prev = Some(k);
    }
    lines.push(s.get(start..content_end.max(start)).unwrap_or(""));
}

/// The width of the widest piece of `s` that [`wrap`] never breaks (a word, an id, a
/// date, a Chinese character with the mark that sticks to it), as long as the line holds it.
pub fn widest_unit(s: &str) -> usize {
    let mut widest = 0;
    let mut current = 0;
    let mut prev: Option<Char> = None;
    for c in s.chars() {
        let k = Char::of(c);
        if prev.is_some_and(|p| can_break(&p, &k)) {
            current = 0;
        }
        if c != ' ' {
            current += k.width;
            widest = widest.max(current);
        }
        prev = Some(k);
    }
    widest
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn chinese_breaks_between_characters_by_display_width() {
        assert_eq!(
            wrap("上线网上入会全流程操作平台", 10),
            ["上线网上入", "会全流程操", "作平台"]
        );
        // An odd width holds as many whole characters as fit.
        assert_eq!(wrap("上线网上入会", 5), ["上线", "网上", "入会"]);
    }

    #[test]
    fn a_clause_end_is_the_preferred_break() {
        assert_eq!(
            wrap("与省委组织部、省人社厅等厅局建立联席会议", 16),
            ["与省委组织部、", "省人社厅等厅局建", "立联席会议"]
        );
        // Not when it would leave the line less than three quarters full: that would
        // cost a line here.
        assert_eq!(wrap("甲、乙丙丁戊己庚辛", 12), ["甲、乙丙丁戊", "己庚辛"]);
        assert_eq!(
            wrap(
                "与省委组织部、省人社厅等厅局建立联席会议和机制性对接管道",
                28
            ),
            [
                "与省委组织部、省人社厅等厅局",
                "建立联席会议和机制性对接管道"
            ]
        );
    }

    #[test]
    fn closing_marks_stay_with_the_character_before_them() {
        // 商 would end the first line, but then ， would start the second.
        assert_eq!(
            wrap("外卖行业集体协商，签订集体合同", 16),
            ["外卖行业集体协", "商，签订集体合同"]
        );
        // An opening bracket goes to the next line with what it opens.
        assert_eq!(
            wrap("2021-12-15（每季度）", 12),
            ["2021-12-15", "（每季度）"]
        );
        assert_eq!(wrap("开展“四史”学习", 8), ["开展“四", "史”学习"]);
        assert_eq!(wrap("开展“四史”学习", 6), ["开展", "“四史”", "学习"]);
    }

    #[test]
    fn english_breaks_at_spaces_and_drops_them() {
        assert_eq!(
            wrap("Working days overdue", 12),
            ["Working days", "overdue"]
        );
        assert_eq!(wrap("a  b", 1), ["a", "b"]);
        assert_eq!(wrap("ab ", 2), ["ab"]);
    }

    #[test]
    fn mixed_text_breaks_between_latin_and_chinese() {
        assert_eq!(
            wrap("以庆祝建党 100 周年为契机", 12),
            ["以庆祝建党", "100 周年为契", "机"]
        );
        assert_eq!(wrap("报送2021年度报告", 8), ["报送2021", "年度报告"]);
        // An id is never broken when the line holds it.
        assert_eq!(wrap("见 JH-04 任务", 6), ["见", "JH-04", "任务"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        assert_eq!(
            wrap("https://example.org/a/long/path", 10),
            ["https://ex", "ample.org/", "a/long/pat", "h"]
        );
        assert_eq!(wrap("see abcdefghij", 6), ["see", "abcdef", "ghij"]);
    }

    #[test]
    fn width_one_and_zero_give_each_character_a_line() {
        assert_eq!(wrap("张柯", 1), ["张", "柯"]);
        assert_eq!(wrap("ab", 0), ["a", "b"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("   ", 1), [""]);
    }

    #[test]
    fn combining_marks_are_never_split_from_their_letter() {
        assert_eq!(wrap("e\u{301}e\u{301}", 1), ["e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn widest_unit_is_the_widest_unbreakable_piece() {
        assert_eq!(widest_unit("2021-12-15（每季度）"), 10);
        assert_eq!(widest_unit("上线网上"), 2);
        assert_eq!(widest_unit("商，签"), 4);
        assert_eq!(widest_unit("Working days overdue"), 7);
        assert_eq!(widest_unit(""), 0);
    }

    proptest::proptest! {
        /// Every line fits (unless one character is wider than the line), and the lines
        /// are the text with only break spaces taken out.
        #[test]
        fn lines_fit_and_lose_nothing_but_spaces(
            s in "[a-z 0-9（）、，。“”张柯上线网é\u{301}-]{0,40}",
            width in 0usize..20,
        ) {
            let lines = wrap(&s, width);
            for line in &lines {
                proptest::prop_assert!(
                    line.width() <= width.max(1) || line.chars().count() == 1
                        || line.chars().filter(|c| super::width(*c) > 0).count() == 1,
                    "{line:?} is wider than {width}"
                );
            }
            let joined: String = lines.concat();
            proptest::prop_assert_eq!(joined.replace(' ', ""), s.replace(' ', ""));
        }
    }
}
