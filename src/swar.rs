//! Byte scans of the hot paths, many bytes at a time: the lines of a file counted
//! ([`count`]), the end of a string in the fast path and the bytes a table cell must
//! escape found ([`find_control_or`]), sixteen bytes at a time with SSE2 on x86-64
//! (every such processor has it), elsewhere eight at a time in one `u64` ("SIMD within
//! a register"), looking at single bytes only in a block with a hit.
//!
//! The word tests are exact about *whether* a byte matches (the classic formulas can
//! misplace which one, never invent one); a test checks them against the byte loop.

// The word tests, for processors without SSE2 (and to test against).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
const ONES: u64 = 0x0101_0101_0101_0101;
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `word` is zero.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn has_zero(word: u64) -> bool {
    word.wrapping_sub(ONES) & !word & HIGHS != 0
}

/// Whether any byte of `word` is `b`.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
pub(crate) fn has_byte(word: u64, b: u8) -> bool {
    has_zero(word ^ (ONES * u64::from(b)))
}

/// Whether any byte of `word` is below `n` (at most 128).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
pub(crate) fn has_below(word: u64, n: u8) -> bool {
    word.wrapping_sub(ONES * u64::from(n.min(128))) & !word & HIGHS != 0
}

/// How many bytes of `bytes` are `b`. Per word, exactly: after `x = word ^ b…b`, a byte
/// of `((x & 7f…7f) + 7f…7f) | x` has its high bit clear just where `x` is zero (the
/// sum never carries into the next byte).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn count_by_words(bytes: &[u8], b: u8) -> usize {
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

/// How many bytes of `bytes` are `b`, eight at a time ([`count_by_words`]).
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
pub(crate) fn count(bytes: &[u8], b: u8) -> usize {
    count_by_words(bytes, b)
}

/// How many bytes of `bytes` are `b`, sixteen at a time with SSE2 (the lines of a
/// 33 MB task file, counted eight bytes at a time, took 5 ms of the load on both
/// cores).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) fn count(bytes: &[u8], b: u8) -> usize {
    // SAFETY: as in `first_hit`: SSE2 only, which this build is made for, and nothing
    // read but the arguments.
    #[allow(unsafe_code)]
    unsafe {
        sse2::count(bytes, b)
    }
}

/// Asks the processor to bring `item` (its first [`PREFETCH_BYTES`]: a task, a cell's
/// text) into its caches, and goes on without waiting: for a walk over things
/// scattered in memory (a sorted list's tasks), a few steps ahead.
#[inline(always)]
pub(crate) fn prefetch<T: ?Sized>(item: &T) {
    let start = std::ptr::from_ref(item).cast::<u8>();
    let len = std::mem::size_of_val(item).min(PREFETCH_BYTES);
    for at in (0..len).step_by(64) {
        prefetch_line(start.wrapping_add(at));
    }
}

/// How many items on a walk over a list asks for (see [`prefetch`]): far enough that
/// the memory comes while the items between are worked on.
pub(crate) const AHEAD: usize = 8;

/// How much of an item [`prefetch`] asks for: eight cache lines.
const PREFETCH_BYTES: usize = 512;

/// What lies elsewhere in memory from a value that is read through it (text borrowed
/// from the files, in a sorted list's order all over them): asked for ahead of a walk
/// over many, with [`prefetch`].
pub trait AskAhead {
    fn ask_ahead(&self);
}

/// On a walk over `items`, at the `k`th: asks for the memory of the one [`AHEAD`]
/// places on.
#[inline(always)]
pub(crate) fn ask_ahead<T: AskAhead>(items: &[T], k: usize) {
    if let Some(next) = items.get(k + AHEAD) {
        next.ask_ahead();
    }
}

#[inline(always)]
fn prefetch_line(at: *const u8) {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse"))]
    // SAFETY: a prefetch is a hint: it reads nothing into the program and cannot fault,
    // whatever the address; it needs SSE, which every x86-64 processor has (the `cfg`).
    #[allow(unsafe_code)]
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(at.cast());
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse")))]
    let _ = at;
}

/// The first index in `bytes` where `hit` holds, testing eight bytes at a time with
/// `word_hit` (which must hold for a word exactly when `hit` holds for a byte of it).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
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

/// The first index in `bytes` of a control character below a space, or of one of the
/// bytes `any` (the end of a string in the fast path, the start of a character a table
/// cell must escape), sixteen bytes at a time with SSE2 on x86-64 (where every
/// processor has it), else eight at a time: the end of a string, eight bytes at a
/// time, was a tenth of the load of a 100,000-task file.
pub(crate) fn find_control_or(bytes: &[u8], any: [u8; 3]) -> Option<usize> {
    let (blocks, rest) = bytes.as_chunks::<16>();
    for (k, block) in blocks.iter().enumerate() {
        if let Some(i) = first_hit(block, any) {
            return Some(k * 16 + i);
        }
    }
    if rest.is_empty() {
        return None;
    }
    // The last sixteen bytes, overlapping the blocks tested (which held no hit): a
    // hit there is in the tail. Copying the tail into a padded block was a call to
    // `memcpy` for every short table cell.
    if let Some(last) = bytes.last_chunk::<16>() {
        return first_hit(last, any).map(|i| bytes.len() - 16 + i);
    }
    let [a, b, c] = any;
    rest.iter()
        .position(|&x| x < b' ' || x == a || x == b || x == c)
}

/// The first of sixteen bytes below a space or in `any`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn first_hit(block: &[u8; 16], any: [u8; 3]) -> Option<usize> {
    // SAFETY: `sse2::first_hit` needs only SSE2, which this build is made for (the
    // `cfg` above: every x86-64 processor has it), and reads nothing but its arguments.
    #[allow(unsafe_code)]
    unsafe {
        sse2::first_hit(block, any)
    }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_cvtsi128_si64, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_sad_epu8, _mm_set_epi64x, _mm_set1_epi8, _mm_setzero_si128, _mm_sub_epi8,
        _mm_unpackhi_epi64,
    };

    /// The sixteen bytes as one vector.
    #[target_feature(enable = "sse2")]
    fn load(block: &[u8]) -> __m128i {
        let word = |w: Option<&[u8]>| {
            let mut bytes = [0u8; 8];
            if let Some(w) = w {
                bytes.copy_from_slice(w);
            }
            i64::from_le_bytes(bytes)
        };
        _mm_set_epi64x(word(block.get(8..16)), word(block.get(..8)))
    }

    #[target_feature(enable = "sse2")]
    pub(super) fn first_hit(block: &[u8; 16], any: [u8; 3]) -> Option<usize> {
        let v = load(block);
        let [a, b, c] = any.map(|x| _mm_cmpeq_epi8(v, _mm_set1_epi8(i8::from_ne_bytes([x]))));
        // A byte is at most 0x1f exactly where the smaller of it and 0x1f is itself.
        let controls = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
        let found = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, controls));
        match _mm_movemask_epi8(found) {
            0 => None,
            mask => Some(mask.trailing_zeros() as usize),
        }
    }

    /// How many bytes of `bytes` are `b`: each lane of a vector counts its matches
    /// (a match compares as -1, subtracted), for at most 255 blocks, then the lanes
    /// are summed (`psadbw`).
    #[target_feature(enable = "sse2")]
    pub(super) fn count(bytes: &[u8], b: u8) -> usize {
        let pattern = _mm_set1_epi8(i8::from_ne_bytes([b]));
        let mut blocks = bytes.chunks_exact(16);
        let mut n = 0;
        loop {
            let mut lanes = _mm_setzero_si128();
            let mut taken = 0;
            for block in blocks.by_ref().take(255) {
                lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(load(block), pattern));
                taken += 1;
            }
            let sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
            let low = _mm_cvtsi128_si64(sums);
            let high = _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
            n += usize::try_from(low + high).unwrap_or(0);
            if taken < 255 {
                break;
            }
        }
        n + blocks.remainder().iter().filter(|&&c| c == b).count()
    }
}

/// The first of sixteen bytes below a space or in `any`, two words of eight at a time.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn first_hit(block: &[u8; 16], [a, b, c]: [u8; 3]) -> Option<usize> {
    position(
        block,
        |w| has_below(w, b' ') || has_byte(w, a) || has_byte(w, b) || has_byte(w, c),
        |x| x < b' ' || x == a || x == b || x == c,
    )
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
            let expected = bytes.iter().filter(|&&x| x == b).count();
            prop_assert_eq!(count(&bytes, b), expected);
            prop_assert_eq!(count_by_words(&bytes, b), expected);
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

    proptest! {
        #[test]
        fn find_control_or_agrees_with_the_byte_loop(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'"'), Just(b'\\'), Just(0x1f), Just(0x20), Just(0x7f), Just(b'a'), any::<u8>(), 0x80u8..],
                0..70,
            ),
            any in proptest::array::uniform3(prop_oneof![Just(b'"'), Just(0x7f), Just(0xe2), any::<u8>()]),
        ) {
            let hit = |b: u8| b < b' ' || any.contains(&b);
            prop_assert_eq!(find_control_or(&bytes, any), bytes.iter().position(|&b| hit(b)));
        }
    }

    /// Long texts, past the 255 blocks a vector's lanes count before they are summed,
    /// with every byte that is often a match.
    #[test]
    fn count_agrees_with_the_byte_loop_on_long_texts() {
        let mut state = 7u32;
        for len in [4079, 4080, 4081, 4096, 8160, 100_003] {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    [b'\n', b'\n', 0xff, b'a', 0x8a][(state >> 16) as usize % 5]
                })
                .collect();
            for b in [b'\n', 0xff, b'a', 0] {
                let expected = bytes.iter().filter(|&&x| x == b).count();
                assert_eq!(count(&bytes, b), expected, "{b:#x} in {len}");
                assert_eq!(count_by_words(&bytes, b), expected, "{b:#x} in {len}");
            }
        }
        assert_eq!(
            count(&[b'\n'; 300 * 16], b'\n'),
            300 * 16,
            "every lane full"
        );
    }

    /// Every byte value in every place of a block and of a padded tail.
    #[test]
    fn find_control_or_finds_every_byte_in_every_place() {
        for len in [1, 15, 16, 17, 33] {
            for place in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'b'; len];
                    bytes[place] = b;
                    let expected =
                        (b < b' ' || b == b'"' || b == b'\\' || b == 0x7f).then_some(place);
                    assert_eq!(
                        find_control_or(&bytes, [b'"', b'\\', 0x7f]),
                        expected,
                        "{b:#x} at {place} of {len}"
                    );
                }
            }
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
