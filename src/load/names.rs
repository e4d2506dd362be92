//! Resolves references to people, units and groups: by id, name or alias, ignoring
//! whitespace inside names (`"张 柯"` is 张柯); unknown and ambiguous references become
//! diagnostics with the nearest names or the candidates.

use super::diagnostic::{Diagnostic, FileId};
use super::fields::Sp;
use super::suggest;
use crate::i18n::{Text, msg};
use std::collections::HashMap;

/// A hash that takes eight bytes at a step (the multiply-rotate of rustc's FxHash):
/// names and ids are short and not chosen by an attacker, so it beats the default
/// SipHash, and byte-at-a-time FNV, on a hundred thousand lookups of Chinese names.
#[derive(Default)]
pub struct WordHash(u64);

impl WordHash {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for WordHash {
    fn finish(&self) -> u64 {
        // The multiply mixes into the high bits; the table indexes with the low ones.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        if let Some(head) = word.get_mut(..rest.len()) {
            head.copy_from_slice(rest);
        }
        // The length keeps "ab" and "ab\0" apart.
        self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// Whether `s` has a byte that can start a whitespace character: ASCII up to the space,
/// C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000–U+205F) or E3 (U+3000). Most names have
/// none, and are cleared without being decoded (a test checks every character).
fn may_hold_whitespace(s: &str) -> bool {
    s.bytes().any(crate::model::may_start_whitespace)
}

/// A hash map keyed by names and ids, with [`WordHash`].
pub type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<WordHash>>;

/// Drops all whitespace, including the full-width space U+3000 that aligns Chinese names.
/// This is the key names are matched by.
pub fn normalize(name: &str) -> String {
    // Most names have no whitespace: copied, not decoded character by character.
    if !may_hold_whitespace(name) {
        return name.to_owned();
    }
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The name as shown: padding between Chinese characters removed ("张 柯" is 张柯),
/// other runs of whitespace made one space ("Mary  Okafor" is "Mary Okafor").
pub fn canonical(name: &str) -> String {
    let wide = |c: char| unicode_width::UnicodeWidthChar::width(c) == Some(2);
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.trim().chars() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && !(out.chars().next_back().is_some_and(wide) && wide(c)) {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    out
}

/// What a reference refers to, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Person,
    Unit,
}

impl Kind {
    fn one(self) -> Text {
        match self {
            Kind::Person => msg::kind_person(),
            Kind::Unit => msg::kind_unit(),
        }
    }

    fn no_such(self) -> Text {
        match self {
            Kind::Person => msg::no_such_person(),
            Kind::Unit => msg::no_such_unit(),
        }
    }

    fn many(self) -> Text {
        match self {
            Kind::Person => msg::kind_people(),
            Kind::Unit => msg::kind_units(),
        }
    }
}

/// How an entry is described in lists of candidates, made only when a message needs it:
/// the org of an office formatted both languages' labels of its hundred people and
/// units on every load, and a roll-up loads a hundred orgs.
#[derive(Debug, Clone)]
pub enum Label {
    /// This text.
    Text(Text),
    /// A unit: its name ([`msg::unit_label`]).
    Unit,
    /// A person: name, id and title, if any (`王军（wangjun2，副主任）`, [`msg::person_label`]).
    Person(Option<String>),
}

impl From<Text> for Label {
    fn from(text: Text) -> Label {
        Label::Text(text)
    }
}

/// Every way to refer to the entries of one kind.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// Normalised id, name or alias → entries it names (no duplicates, in order).
    keys: FastMap<String, Vec<usize>>,
    /// For each entry, a description for lists of candidates: `王军 (wangjun2)`.
    labels: Vec<Label>,
    /// Canonical name of each entry, for suggestions.
    names: Vec<String>,
    /// Id of each entry, to tell the candidates of an ambiguous reference apart.
    ids: Vec<String>,
    /// False when the file that defines the entries could not be read: then unknown
    /// references are not reported, as they would only echo that one error.
    pub complete: bool,
    /// The keys in the order of the entries they name, for suggestions: worked out at
    /// the first unknown reference (and again if an entry is added after it).
    in_order: std::sync::OnceLock<Vec<String>>,
}

impl NameIndex {
    pub fn new() -> NameIndex {
        NameIndex {
            complete: true,
            ..NameIndex::default()
        }
    }

    /// Adds an entry with every key it answers to (its id among them); returns its index.
    pub fn add<'k>(
        &mut self,
        label: impl Into<Label>,
        name: &str,
        id: &str,
        keys: impl IntoIterator<Item = &'k str>,
    ) -> usize {
        let idx = self.labels.len();
        self.in_order = std::sync::OnceLock::new();
        self.labels.push(label.into());
        self.names.push(name.to_owned());
        self.ids.push(id.trim().to_owned());
        for key in keys {
            let entries = self.keys.entry(normalize(key)).or_default();
            if !entries.contains(&idx) {
                entries.push(idx);
            }
        }
        idx
    }

    /// Entries already answering to `key`, other than `except`.
    pub fn others(&self, key: &str, except: usize) -> Vec<usize> {
        self.keys
            .get(&normalize(key))
            .map(|v| v.iter().copied().filter(|&i| i != except).collect())
            .unwrap_or_default()
    }

    pub fn lookup(&self, key: &str) -> &[usize] {
        // The keys hold no whitespace, so a reference found as it is needs no
        // normalising, and one with whitespace is never found so; most references
        // are the first kind, and their bytes are not looked through for whitespace.
        let found = self.keys.get(key).or_else(|| {
            (may_hold_whitespace(key) && key.chars().any(char::is_whitespace))
                .then(|| self.keys.get(&normalize(key)))
                .flatten()
        });
        found.map_or(&[], Vec::as_slice)
    }

    pub fn label(&self, idx: usize) -> Text {
        let (name, id) = (self.name(idx), self.ids.get(idx).map_or("", String::as_str));
        match self.labels.get(idx) {
            Some(Label::Text(text)) => text.clone(),
            Some(Label::Unit) => msg::unit_label(name),
            Some(Label::Person(Some(title))) => msg::person_label(name, id, title),
            Some(Label::Person(None)) => msg::person_label_without_title(name, id),
            None => Text::default(),
        }
    }

    /// Resolves a reference, or reports why it cannot be. `place` says where the
    /// reference stands ("members of group office", [`msg::place_in_group`]).
    pub fn resolve(
        &self,
        reference: &Sp<String>,
        kind: Kind,
        place: &Text,
        file: FileId,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        self.resolve_with(reference, kind, || place.clone(), file, diags)
    }

    /// [`NameIndex::resolve`] with the place made only for a message: formatting it
    /// for every reference of every group was a tenth of loading an office's org.
    pub fn resolve_with(
        &self,
        reference: &Sp<String>,
        kind: Kind,
        place: impl FnOnce() -> Text,
        file: FileId,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        match self.lookup(&reference.value) {
            [one] => Some(*one),
            [] => {
                if self.complete {
                    diags.push(self.unknown(reference, kind, &place(), file));
                }
                None
            }
            several => {
                let place = &place();
                let list: Vec<Text> = several.iter().map(|&i| self.label(i)).collect();
                let ids: Vec<String> = several
                    .iter()
                    .map(|&i| format!("\"{}\"", self.ids.get(i).map_or("", String::as_str)))
                    .collect();
                let ids = Text::new(ids.join(" 或 "), ids.join(" or "));
                diags.push(
                    Diagnostic::error(msg::ambiguous_reference(
                        &reference.value,
                        place,
                        several.len(),
                        &kind.many(),
                        &Text::join(&list, "、", ", "),
                    ))
                    .at(file, reference.span.clone())
                    .label(msg::ambiguous())
                    .help(msg::refer_by_id(&kind.one(), &ids)),
                );
                None
            }
        }
    }

    /// Every key, in the order of the entries it names (the map has none), so that
    /// suggestions come in file order.
    fn keys_in_order(&self) -> &[String] {
        self.in_order.get_or_init(|| {
            let mut keys: Vec<(usize, &String)> = self
                .keys
                .iter()
                .map(|(key, entries)| (entries.first().copied().unwrap_or(0), key))
                .collect();
            keys.sort_unstable();
            keys.into_iter().map(|(_, key)| key.clone()).collect()
        })
    }

    /// The canonical names an unknown reference may have meant, best first, each once
    /// (the rule of [`suggest::names`]), at most [`suggest::SHOWN`].
    pub fn near(&self, reference: &str) -> Vec<&str> {
        let wanted = normalize(reference);
        let keys: Vec<&str> = self.keys_in_order().iter().map(String::as_str).collect();
        // Suggest canonical names, once each, rather than the keys that matched.
        let mut names: Vec<&str> = Vec::new();
        for key in suggest::names(&wanted, &keys) {
            for &idx in self.lookup(key) {
                let name = self.names.get(idx).map_or("", String::as_str);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names.truncate(suggest::SHOWN);
        names
    }

    /// The canonical name of an entry.
    pub fn name(&self, idx: usize) -> &str {
        self.names.get(idx).map_or("", String::as_str)
    }

    fn unknown(
        &self,
        reference: &Sp<String>,
        kind: Kind,
        place: &Text,
        file: FileId,
    ) -> Diagnostic {
        let names = self.near(&reference.value);
        let diag = Diagnostic::error(msg::unknown_reference(&kind.one(), &reference.value, place))
            .at(file, reference.span.clone())
            .label(kind.no_such());
        diag.help(msg::did_you_mean_any(&names).unwrap_or_else(|| msg::must_be_listed(&kind.one())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_with_whitespace_in_it_or_around_it_is_found_as_without() {
        let mut index = NameIndex::new();
        let zhang = index.add(
            Label::Unit,
            "张柯",
            "zhangke",
            ["zhangke", "张柯", "省总 办公室"],
        );
        for typed in [
            "张柯",
            "张 柯",
            "张\u{3000}柯",
            " 张柯\t",
            "zhangke",
            "省总办公室",
            "省总\u{3000}办公室",
        ] {
            assert_eq!(index.lookup(typed), [zhang], "{typed:?}");
        }
        for typed in ["张", "张柯柯", "", " ", "Zhangke"] {
            assert!(index.lookup(typed).is_empty(), "{typed:?}");
        }
    }

    /// The byte test lets no whitespace character through.
    #[test]
    fn every_whitespace_character_is_caught_by_its_bytes() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_whitespace() {
                assert!(
                    may_hold_whitespace(&format!("张{c}柯")),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
        assert!(!may_hold_whitespace("省总工会基层工作部"));
    }

    #[test]
    fn padding_between_chinese_characters_is_dropped_but_english_spaces_stay() {
        assert_eq!(canonical("张 柯"), "张柯");
        assert_eq!(canonical("张\u{3000}柯"), "张柯");
        assert_eq!(canonical(" Mary  Okafor "), "Mary Okafor");
        assert_eq!(canonical("Organising Department"), "Organising Department");
        assert_eq!(normalize("Mary Okafor"), "MaryOkafor");
    }
}
