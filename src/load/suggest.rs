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

/// How many names a "did you mean" offers at most.
pub const SHOWN: usize = 5;

/// The known names (ids, names, aliases; normalised, in file order) that a name nobody
/// has may have meant, best first, each once. The one rule for references in the files
/// and for names typed on the command line:
///
/// 1. near misses by edit distance ([`closest`]): 张珂 finds 张柯;
/// 2. names that hold the typed characters in order, those with the fewest other
///    characters first, then in file order: 张 finds every 张, 网络中心 finds
///    网络与信息中心, 法律部 finds 法律工作部;
/// 3. names of two characters or more that the typed one holds whole, a name padded
///    out: 省总工会基层工作部 finds 基层工作部.
pub fn names<'c>(word: &str, known: &[&'c str]) -> Vec<&'c str> {
    let mut out: Vec<&'c str> = closest(word, known.iter().copied(), SHOWN);
    if word.is_empty() {
        return out;
    }
    let len = word.chars().count();
    let mut holding: Vec<(usize, &'c str)> = known
        .iter()
        .copied()
        .filter(|k| holds_in_order(k, word))
        .map(|k| (k.chars().count() - len, k))
        .collect();
    // Stable: equals stay in file order.
    holding.sort_by_key(|&(extra, _)| extra);
    let held = known
        .iter()
        .copied()
        .filter(|k| k.chars().count() >= 2 && word.contains(k));
    for k in holding.into_iter().map(|(_, k)| k).chain(held) {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// Whether `name` holds every character of `typed`, in order (not necessarily side by
/// side).
fn holds_in_order(name: &str, typed: &str) -> bool {
    let mut rest = name.chars();
    typed.chars().all(|c| rest.any(|r| r == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_come_first_then_names_that_hold_the_typed_characters() {
        let known = [
            "张柯",
            "张海涛",
            "法律工作部",
            "基层工作部",
            "网络与信息中心",
            "王五",
        ];
        assert_eq!(names("张珂", &known), ["张柯"]);
        assert_eq!(names("张", &known), ["张柯", "张海涛"]);
        assert_eq!(names("法律部", &known), ["法律工作部"]);
        assert_eq!(names("网络中心", &known), ["网络与信息中心"]);
        assert_eq!(names("省总工会基层工作部", &known), ["基层工作部"]);
        assert_eq!(names("工作部", &known), ["法律工作部", "基层工作部"]);
        assert!(names("李四", &known).is_empty());
    }

    #[test]
    fn the_tightest_name_that_holds_the_typed_characters_comes_first() {
        let known = ["法律援助与维权工作部", "法律工作部"];
        assert_eq!(
            names("法律部", &known),
            ["法律工作部", "法律援助与维权工作部"]
        );
    }
}
