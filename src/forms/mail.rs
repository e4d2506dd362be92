//! A reminder as a MIME mail for `sendmail -t`: a text/plain UTF-8 body (base64) and
//! the form attached (base64), the subject and the attachment's name encoded as
//! RFC 2047 / RFC 2231 say. No Date or Message-ID: sendmail adds them, and the bytes
//! stay the same for the same data and `--today`.

use std::fmt::Write as _;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Whether an address can go on a To: line as it is: no spaces, no control characters,
/// none of the characters that separate or quote addresses, one `@` with text around.
pub fn usable_address(a: &str) -> bool {
    let ok_chars = a.chars().all(|c| {
        !c.is_whitespace()
            && !c.is_control()
            && !matches!(c, ',' | ';' | '<' | '>' | '"' | '(' | ')')
    });
    let parts: Vec<&str> = a.split('@').collect();
    ok_chars && parts.len() == 2 && parts.iter().all(|p| !p.is_empty())
}

/// The whole message, with "\n" line ends (sendmail's local convention).
pub fn message(
    to: &[String],
    subject: &str,
    body: &str,
    file_name: &str,
    attachment: &[u8],
) -> String {
    let boundary = format!("wg-{:016x}", fnv(body.as_bytes()) ^ fnv(attachment));
    let mut m = String::new();
    let _ = writeln!(m, "To: {}", to.join(", "));
    let _ = writeln!(m, "Subject: {}", encode_word(subject));
    let _ = writeln!(m, "MIME-Version: 1.0");
    let _ = writeln!(m, "Content-Type: multipart/mixed; boundary=\"{boundary}\"");
    m.push('\n');
    let _ = writeln!(m, "--{boundary}");
    let _ = writeln!(m, "Content-Type: text/plain; charset=UTF-8");
    let _ = writeln!(m, "Content-Transfer-Encoding: base64");
    m.push('\n');
    m.push_str(&base64_lines(body.as_bytes()));
    let _ = writeln!(m, "--{boundary}");
    let _ = writeln!(
        m,
        "Content-Type: {XLSX}; name=\"{}\"",
        encode_word(file_name)
    );
    let _ = writeln!(
        m,
        "Content-Disposition: attachment; filename*=UTF-8''{}",
        percent(file_name)
    );
    let _ = writeln!(m, "Content-Transfer-Encoding: base64");
    m.push('\n');
    m.push_str(&base64_lines(attachment));
    let _ = writeln!(m, "--{boundary}--");
    m
}

/// RFC 2047 encoded words (`=?UTF-8?B?…?=`), each at most 75 characters, folded onto
/// continuation lines; ASCII text without specials is left as it is.
pub fn encode_word(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_graphic() || c == ' ') && !s.contains("=?") && !s.contains('"')
    {
        return s.to_owned();
    }
    // 45 bytes of UTF-8 are 60 of base64: 72 with the frame, under 75.
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in s.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| format!("=?UTF-8?B?{}?=", base64(w.as_bytes())))
        .collect::<Vec<_>>()
        .join("\n ")
}

/// RFC 2231's percent-encoding of a parameter value.
fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Base64 in lines of 76 characters, each ended by "\n".
fn base64_lines(bytes: &[u8]) -> String {
    let all = base64(bytes);
    let mut out = String::with_capacity(all.len() + all.len() / 76 + 1);
    let mut rest = all.as_str();
    while !rest.is_empty() {
        let (line, more) = rest.split_at(rest.len().min(76));
        out.push_str(line);
        out.push('\n');
        rest = more;
    }
    out
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sym = |n: u32| char::from(TABLE.get((n & 63) as usize).copied().unwrap_or(b'A'));
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push(sym(n >> 18));
        out.push(sym(n >> 12));
        out.push(if chunk.len() > 1 { sym(n >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { sym(n) } else { '=' });
    }
    out
}

/// FNV-1a, for a boundary that depends on the content only.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn subjects_are_encoded_words_of_at_most_75_characters() {
        assert_eq!(encode_word("Reminder"), "Reminder");
        let s = encode_word("【催办】请报送省部属企事业单位工会工作委员会牵头任务进展情况");
        for line in s.split("\n ") {
            assert!(line.len() <= 75, "{line}");
            assert!(line.starts_with("=?UTF-8?B?") && line.ends_with("?="));
        }
    }

    #[test]
    fn addresses_that_could_inject_headers_are_not_usable() {
        assert!(usable_address("a@b.cn"));
        assert!(!usable_address("a@b.cn\nBcc: x@y"));
        assert!(!usable_address("a@b.cn, c@d"));
        assert!(!usable_address("nobody"));
    }
}
