//! Tests on eight bytes at once, in one `u64` ("SIMD within a register"): whether any
//! byte of a word equals a value, or is below one. The byte scans of the hot paths (the
//! end of a string in the fast path, the bytes a table cell must escape) test words,
//! and look at single bytes only in the word that has a hit.
//!
//! Both tests are exact about *whether* a byte matches (the classic formulas can
//! misplace which one, never invent one); a test checks them against the byte loop.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `word` is zero.
fn has_zero(word: u64) -> bool {
    word.wrapping_sub(ONES) & !word & HIGHS != 0
}

/// Whether any byte of `word` is `b`.
pub(crate) fn has_byte(word: u64, b: u8) -> bool {
    has_zero(word ^ (ONES * u64::from(b)))
}

/// Whether any byte of `word` is below `n` (at most 128).
pub(crate) fn has_below(word: u64, n: u8) -> bool {
    word.wrapping_sub(ONES * u64::from(n.min(128))) & !word & HIGHS != 0
}

/// How many bytes of `bytes` are `b`. Per word, exactly: after `x = word ^ b…b`, a byte
/// of `((x & 7f…7f) + 7f…7f) | x` has its high bit clear just where `x` is zero (the
/// sum never carries into the next byte).
pub(crate) fn count(bytes: &[u8], b: u8) -> usize {
    const LOWS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let pattern = ONES * u64::from(b);
    let mut words = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ pattern;
        let t = ((x & LOWS).wrapping_add(LOWS)) | x;
        n += (!t & HIGHS).count_ones() as usize;
    }
    n + words.remainder().iter().filter(|&&c| c == b).count()
}

/// The first index in `bytes` where `hit` holds, testing eight bytes at a time with
/// `word_hit` (which must hold for a word exactly when `hit` holds for a byte of it).
pub(crate) fn position(
    bytes: &[u8],
    word_hit: impl Fn(u64) -> bool,
    hit: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut at = 0;
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if word_hit(u64::from_le_bytes(word)) {
            return chunk.iter().position(|&b| hit(b)).map(|i| at + i);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| hit(b))
        .map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn word_tests_agree_with_the_byte_loop(
            word in proptest::collection::vec(any::<u8>(), 8),
            b in any::<u8>(),
            n in 0u8..=128,
        ) {
            let mut w = [0u8; 8];
            w.copy_from_slice(&word);
            let v = u64::from_le_bytes(w);
            prop_assert_eq!(has_byte(v, b), word.contains(&b));
            prop_assert_eq!(has_below(v, n), word.iter().any(|&x| x < n));
        }

        #[test]
        fn count_agrees_with_the_byte_loop(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'\n'), Just(0x0a ^ 0x80), Just(0), Just(0xff), any::<u8>()],
                0..70,
            ),
            b in prop_oneof![Just(b'\n'), any::<u8>()],
        ) {
            prop_assert_eq!(count(&bytes, b), bytes.iter().filter(|&&x| x == b).count());
        }

        #[test]
        fn position_agrees_with_the_byte_loop(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'"'), Just(b'\\'), Just(0x1f), Just(0x7f), any::<u8>(), 0x80u8..],
                0..40,
            ),
        ) {
            let hit = |b: u8| b == b'"' || b == b'\\' || b < b' ' || b == 0x7f;
            let word_hit =
                |w: u64| has_byte(w, b'"') || has_byte(w, b'\\') || has_below(w, b' ') || has_byte(w, 0x7f);
            prop_assert_eq!(position(&bytes, word_hit, hit), bytes.iter().position(|&b| hit(b)));
        }
    }

    /// Every single byte value, in every place of a word.
    #[test]
    fn every_byte_in_every_place_is_found() {
        for b in 0..=255u8 {
            for place in 0..8 {
                let mut w = [b'a'; 8];
                w[place] = b;
                let v = u64::from_le_bytes(w);
                assert_eq!(has_below(v, 0x20), b < 0x20, "{b} at {place}");
                for x in [b'"', b'\\', 0x7f, 0xc2, 0xe2] {
                    assert_eq!(has_byte(v, x), b == x || x == b'a', "{b} {x} at {place}");
                }
            }
        }
    }
}
