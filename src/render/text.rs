//! Makes text from the data safe to print: control characters and terminal escape
//! sequences are shown escaped, never executed by the terminal.

use std::borrow::Cow;

/// Characters that must not reach a terminal as they are: C0 controls (but tab and
/// newline), DEL, C1 controls, and the bidirectional overrides that can make text
/// read differently from what it is.
fn is_unsafe(c: char, keep_newlines: bool) -> bool {
    match c {
        '\n' => !keep_newlines,
        // A tab in one line (a table cell) would break the alignment of the columns.
        '\t' => !keep_newlines,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// The characters that are escaped even where newlines and tabs are fine: C0 controls
/// (but tab and newline), DEL, C1 controls and the bidi overrides. For formats with
/// their own escapes (JSON).
pub fn is_unsafe_anywhere(c: char) -> bool {
    c != '\t' && c != '\n' && is_unsafe(c, true)
}

/// The first unsafe character of `s` at or after byte `from` (a character boundary):
/// where it starts and how many bytes it takes. Only the bytes that can start one
/// ([`SUSPECTS`]) are looked at, and those by their bytes, not decoded: the
/// curly quotes and dashes of Chinese text (E2 80 9C, E2 80 94) start with E2 as the
/// bidi controls do, and decoding every character from the first of them on was a
/// quarter of writing the JSON of 20,000 overdue tasks.
#[inline]
pub(crate) fn next_unsafe(s: &str, from: usize, keep_newlines: bool) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut at = from;
    loop {
        let i = at + crate::swar::find_control_or(bytes.get(at..)?, SUSPECTS)?;
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let len = match bytes.get(i).copied()? {
            b'\n' | b'\t' if keep_newlines => None,
            0x00..=0x1f | 0x7f => Some(1),
            // C2 80–9F: the C1 controls.
            0xc2 if (0x80..=0x9f).contains(&next(1)) => Some(2),
            // E2 80 AA–AE and E2 81 A6–A9: the bidi controls.
            0xe2 if next(1) == 0x80 && (0xaa..=0xae).contains(&next(2)) => Some(3),
            0xe2 if next(1) == 0x81 && (0xa6..=0xa9).contains(&next(2)) => Some(3),
            _ => None,
        };
        match len {
            Some(len) => return Some((i, len)),
            // A suspect byte starts a character whatever it is (ASCII or a lead byte),
            // so the next one starts at or after the byte after it.
            None => at = i + 1,
        }
    }
}

/// The bytes beside the C0 controls that can start an unsafe character: every unsafe
/// character is a C0 control, DEL, or starts with C2 (the C1 controls, C2 80–9F) or E2
/// (the bidi controls, E2 80 AA–AE and E2 81 A6–A9). Text without these bytes is safe
/// without being decoded; [`crate::swar::find_control_or`] tests sixteen at a time.
const SUSPECTS: [u8; 3] = [0x7f, 0xc2, 0xe2];

/// The columns `s` takes on a terminal, as `unicode-width` counts them: printable ASCII
/// is one column and the CJK Unified Ideographs (U+4E00–U+9FFF, three bytes each, led
/// by E4 B8–E9 BF) are two, counted from the bytes; text with anything else is measured
/// by `unicode-width` itself, whole (it also weighs some sequences, not characters one
/// by one). Looking every character up was two fifths of writing a 20,000-row table.
pub(crate) fn display_width(s: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    let bytes = s.as_bytes();
    let mut width = 0;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if (0x20..0x7f).contains(&b) {
            width += 1;
            at += 1;
        } else if (0xe5..=0xe9).contains(&b)
            || (b == 0xe4 && bytes.get(at + 1).is_some_and(|&c| c >= 0xb8))
        {
            width += 2;
            at += 3;
        } else {
            return s.width();
        }
    }
    width
}

fn escape(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    // Most text is cleared in one quick pass over its bytes, without decoding it; the
    // rest is decoded from its first unsafe character on.
    let Some((first, _)) = next_unsafe(s, 0, keep_newlines) else {
        return Cow::Borrowed(s);
    };
    let (clean, rest) = s.split_at_checked(first).unwrap_or(("", s));
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(clean);
    for c in rest.chars() {
        if !is_unsafe(c, keep_newlines) {
            out.push(c);
        } else if c == '\n' {
            out.push_str("\\n");
        } else if c == '\r' {
            out.push_str("\\r");
        } else if c == '\t' {
            out.push_str("\\t");
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// For running text: newlines stay, every other control character is escaped.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

/// For one line (a table cell): newlines are escaped too.
pub fn one_line(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_run() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(one_line("a\nb\rc"), "a\\nb\\rc");
        assert_eq!(sanitize("a\nb"), "a\nb");
        assert_eq!(sanitize("\u{9b}x\u{202e}"), "\\u{9b}x\\u{202e}");
        assert_eq!(sanitize("张柯\t"), "张柯\t");
        assert_eq!(one_line("a\tb"), "a\\tb");
    }

    /// Found by its bytes, an unsafe character is where decoding finds it, for every
    /// character, between ideographs and after the curly quotes and dashes that share
    /// its first byte.
    #[test]
    fn unsafe_characters_are_found_by_their_bytes_as_by_decoding() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for keep_newlines in [true, false] {
                let s = format!("“任务”—{c}务");
                let by_chars = s
                    .char_indices()
                    .find(|&(_, c)| is_unsafe(c, keep_newlines))
                    .map(|(i, c)| (i, c.len_utf8()));
                assert_eq!(
                    next_unsafe(&s, 0, keep_newlines),
                    by_chars,
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    use proptest::prelude::*;

    proptest! {
        /// Counted from the bytes or not, a text is as wide as `unicode-width` says,
        /// among the edges of the ideographs' block, the punctuation, emoji and
        /// variation selectors beside them, and controls.
        #[test]
        fn display_width_is_unicode_widths(parts in proptest::collection::vec(
            prop_oneof![
                Just("a".to_owned()),
                Just(" ~".to_owned()),
                Just("\u{4e00}\u{9fff}\u{9fa5}任务".to_owned()),
                Just("\u{4dff}\u{4dc0}\u{3400}\u{a000}".to_owned()),
                Just("，。“”（）—…、".to_owned()),
                Just("\u{fe0f}\u{fe0e}\u{200d}\u{301}".to_owned()),
                Just("😀❤\u{ff21}\u{ff61}".to_owned()),
                Just("\u{1b}\t\n\r\u{7f}\u{9b}".to_owned()),
                any::<char>().prop_map(String::from),
            ],
            0..8,
        )) {
            use unicode_width::UnicodeWidthStr;
            let s = parts.concat();
            prop_assert_eq!(display_width(&s), s.width(), "{:?}", s);
        }
    }

    /// Every character the bytes count, one by one and after an ideograph.
    #[test]
    fn the_counted_characters_are_as_wide_as_unicode_width_says() {
        use unicode_width::UnicodeWidthStr;
        let counted = (0x20u32..0x7f)
            .chain(0x4e00..=0x9fff)
            .filter_map(char::from_u32);
        for c in counted {
            for s in [c.to_string(), format!("中{c}"), format!("{c}a")] {
                assert_eq!(display_width(&s), s.width(), "{s:?}");
            }
        }
    }

    /// The quick byte test lets nothing through that the character test catches.
    #[test]
    fn every_unsafe_character_is_caught() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("任{c}务");
            for keep in [true, false] {
                let unsafe_char = is_unsafe(c, keep);
                assert_eq!(
                    matches!(escape(&s, keep), Cow::Owned(_)),
                    unsafe_char,
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }
}
