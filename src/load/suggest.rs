//! "Did you mean …?": the nearest known names to a misspelt one.

/// Up to `n` candidates closest to `word` by edit distance (in characters), nearest
/// first, among those close enough to be a plausible typo.
pub fn closest<'c>(
    word: &str,
    candidates: impl Iterator<Item = &'c str>,
    n: usize,
) -> Vec<&'c str> {
    let len = word.chars().count();
    // A third of the word may be wrong, and at least one character.
    let limit = (len / 3).max(1);
    let mut scored: Vec<(usize, &str)> = candidates
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|&(d, c)| d <= limit && d < c.chars().count().max(1) + 1)
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}
