//! YAML output that is as safe on a terminal as JSON: every character that
//! [`text::is_unsafe_anywhere`] names is written as a YAML escape, never raw.
//!
//! serde-saphyr escapes control characters (C0, DEL, C1) itself, but it writes the
//! bidirectional controls (U+202A–U+202E, U+2066–U+2069) as they are: they are not
//! "controls" to it, and it has no option to escape more. So each string goes to it
//! with a marker after every such character, U+FFFF, which serde-saphyr can only write
//! as the escape `\uFFFF` inside a double-quoted scalar; that forces the string into
//! double quotes, where `\u202E` is a valid escape, and the pair "raw character,
//! `\uFFFF`" is then replaced by the character's own escape. The YAML reads back to
//! exactly the strings of the data (a property test checks this).

use super::text;
use serde::ser::{self, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt::Write as _;

/// What goes after each character to escape, in the strings handed to serde-saphyr.
const MARK: char = '\u{ffff}';
/// How serde-saphyr writes [`MARK`] in a double-quoted scalar.
const MARK_ESCAPED: &str = "\\uFFFF";

/// A character serde-saphyr would leave raw that must not reach a terminal.
fn needs_mark(c: char) -> bool {
    text::is_unsafe_anywhere(c) && !c.is_control()
}

/// `value` as YAML text, with every unsafe character escaped.
pub fn to_string(value: &(impl Serialize + ?Sized)) -> anyhow::Result<String> {
    let s = serde_saphyr::to_string(&Marked(value))
        .map_err(|e| crate::Failed::wrap(crate::i18n::msg::cannot_write_yaml(), e))?;
    unmark(&s)
}

/// Replaces each marked character (the raw character, then `\uFFFF`) by its escape.
fn unmark(yaml: &str) -> anyhow::Result<String> {
    if !yaml.chars().any(needs_mark) {
        return Ok(yaml.to_owned());
    }
    let mut out = String::with_capacity(yaml.len() + 16);
    let mut rest = yaml;
    while let Some((at, c)) = rest.char_indices().find(|(_, c)| needs_mark(*c)) {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at + c.len_utf8()..).unwrap_or("");
        let Some(tail) = after.strip_prefix(MARK_ESCAPED) else {
            // Every such character was marked, and a marked string can only be written
            // double-quoted: a raw one here is a bug, and is not printed.
            return Err(crate::Failed::error(crate::i18n::msg::yaml_not_escaped(
                &format!("{:04X}", c as u32),
            )));
        };
        let _ = write!(out, "\\u{:04X}", c as u32);
        rest = tail;
    }
    out.push_str(rest);
    Ok(out)
}

/// `s` with [`MARK`] after every character [`needs_mark`] names.
fn mark(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_mark) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        out.push(c);
        if needs_mark(c) {
            out.push(MARK);
        }
    }
    Cow::Owned(out)
}

/// A value whose strings are marked on their way to the serializer.
struct Marked<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Serialize for Marked<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(Marker(serializer))
    }
}

/// A serializer (or one of its compound parts) that marks every string, then hands
/// everything on to the one it wraps.
struct Marker<S>(S);

impl<S: Serializer> Serializer for Marker<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Marker<S::SerializeSeq>;
    type SerializeTuple = Marker<S::SerializeTuple>;
    type SerializeTupleStruct = Marker<S::SerializeTupleStruct>;
    type SerializeTupleVariant = Marker<S::SerializeTupleVariant>;
    type SerializeMap = Marker<S::SerializeMap>;
    type SerializeStruct = Marker<S::SerializeStruct>;
    type SerializeStructVariant = Marker<S::SerializeStructVariant>;

    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        self.0.serialize_str(&mark(v))
    }
    fn serialize_char(self, v: char) -> Result<S::Ok, S::Error> {
        if needs_mark(v) {
            self.0.serialize_str(&mark(v.encode_utf8(&mut [0; 4])))
        } else {
            self.0.serialize_char(v)
        }
    }
    fn serialize_bool(self, v: bool) -> Result<S::Ok, S::Error> {
        self.0.serialize_bool(v)
    }
    fn serialize_i8(self, v: i8) -> Result<S::Ok, S::Error> {
        self.0.serialize_i8(v)
    }
    fn serialize_i16(self, v: i16) -> Result<S::Ok, S::Error> {
        self.0.serialize_i16(v)
    }
    fn serialize_i32(self, v: i32) -> Result<S::Ok, S::Error> {
        self.0.serialize_i32(v)
    }
    fn serialize_i64(self, v: i64) -> Result<S::Ok, S::Error> {
        self.0.serialize_i64(v)
    }
    fn serialize_i128(self, v: i128) -> Result<S::Ok, S::Error> {
        self.0.serialize_i128(v)
    }
    fn serialize_u8(self, v: u8) -> Result<S::Ok, S::Error> {
        self.0.serialize_u8(v)
    }
    fn serialize_u16(self, v: u16) -> Result<S::Ok, S::Error> {
        self.0.serialize_u16(v)
    }
    fn serialize_u32(self, v: u32) -> Result<S::Ok, S::Error> {
        self.0.serialize_u32(v)
    }
    fn serialize_u64(self, v: u64) -> Result<S::Ok, S::Error> {
        self.0.serialize_u64(v)
    }
    fn serialize_u128(self, v: u128) -> Result<S::Ok, S::Error> {
        self.0.serialize_u128(v)
    }
    fn serialize_f32(self, v: f32) -> Result<S::Ok, S::Error> {
        self.0.serialize_f32(v)
    }
    fn serialize_f64(self, v: f64) -> Result<S::Ok, S::Error> {
        self.0.serialize_f64(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<S::Ok, S::Error> {
        self.0.serialize_bytes(v)
    }
    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.0.serialize_some(&Marked(value))
    }
    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_struct(name)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &Marked(value))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0
            .serialize_newtype_variant(name, index, variant, &Marked(value))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        self.0.serialize_seq(len).map(Marker)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len).map(Marker)
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len).map(Marker)
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.0
            .serialize_tuple_variant(name, index, variant, len)
            .map(Marker)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.0.serialize_map(len).map(Marker)
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(Marker)
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.0
            .serialize_struct_variant(name, index, variant, len)
            .map(Marker)
    }
    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

impl<S: ser::SerializeSeq> ser::SerializeSeq for Marker<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
        self.0.serialize_element(&Marked(value))
    }
    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

impl<S: ser::SerializeTuple> ser::SerializeTuple for Marker<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
        self.0.serialize_element(&Marked(value))
    }
    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

impl<S: ser::SerializeTupleStruct> ser::SerializeTupleStruct for Marker<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
        self.0.serialize_field(&Marked(value))
    }
    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

impl<S: ser::SerializeTupleVariant> ser::SerializeTupleVariant for Marker<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
        self.0.serialize_field(&Marked(value))
    }
    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

impl<S: ser::SerializeMap> ser::SerializeMap for Marker<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), S::Error> {
        self.0.serialize_key(&Marked(key))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
        self.0.serialize_value(&Marked(value))
    }
    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), S::Error> {
        self.0.serialize_entry(&Marked(key), &Marked(value))
    }
    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

// Field names are `&'static str` from the code, never data: they are passed as they are.
impl<S: ser::SerializeStruct> ser::SerializeStruct for Marker<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(key, &Marked(value))
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), S::Error> {
        self.0.skip_field(key)
    }
    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

impl<S: ser::SerializeStructVariant> ser::SerializeStructVariant for Marker<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(key, &Marked(value))
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), S::Error> {
        self.0.skip_field(key)
    }
    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Sample {
        title: String,
        list: Vec<String>,
        note: Option<String>,
        values: BTreeMap<String, String>,
    }

    fn unsafe_in(s: &str) -> Vec<char> {
        s.chars()
            .filter(|&c| text::is_unsafe_anywhere(c) || c == MARK)
            .collect()
    }

    #[test]
    fn bidi_controls_are_escaped_and_read_back() {
        let s = "赵\u{202e}六 \u{2066}a\u{2069}";
        let yaml = to_string(&s).unwrap();
        assert_eq!(yaml.trim_end(), "\"赵\\u202E六 \\u2066a\\u2069\"");
        let back: String = serde_saphyr::from_str(&yaml).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn text_without_them_is_unchanged() {
        let sample = Sample {
            title: "张柯: a \"b\" \u{1b}[2J".into(),
            list: vec!["x".into(), "第一行\n第二行".into()],
            note: None,
            values: BTreeMap::from([("k".into(), "v".into())]),
        };
        assert_eq!(
            to_string(&sample).unwrap(),
            serde_saphyr::to_string(&sample).unwrap()
        );
    }

    fn piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "",
            "a",
            " ",
            "张柯",
            "\n",
            "\r\n",
            "\t",
            "\\",
            "\"",
            "'",
            ":",
            "# ",
            "- ",
            "\u{1b}",
            "\u{9b}",
            "\u{7f}",
            "\u{202a}",
            "\u{202b}",
            "\u{202c}",
            "\u{202d}",
            "\u{202e}",
            "\u{2066}",
            "\u{2067}",
            "\u{2068}",
            "\u{2069}",
            "\u{ffff}",
            "\\uFFFF",
            "\u{feff}",
            "\u{2028}",
            "true",
            "1",
            "~",
            "很长的文字很长的文字很长的文字很长的文字很长的文字",
        ])
        .prop_map(str::to_owned)
    }

    fn text_of_pieces() -> impl Strategy<Value = String> {
        proptest::collection::vec(piece(), 0..12).prop_map(|p| p.concat())
    }

    proptest! {
        /// Whatever the strings (in values, lists, options and map keys, short, long or
        /// of many lines), the YAML has no unsafe character and reads back exactly.
        #[test]
        fn yaml_is_safe_and_reads_back_exactly(
            title in text_of_pieces(),
            list in proptest::collection::vec(text_of_pieces(), 0..3),
            note in proptest::option::of(text_of_pieces()),
            keys in proptest::collection::vec((text_of_pieces(), text_of_pieces()), 0..3),
        ) {
            let sample = Sample { title, list, note, values: keys.into_iter().collect() };
            let yaml = to_string(&sample).unwrap();
            prop_assert!(unsafe_in(&yaml).is_empty(), "{:?}", yaml);
            let back: Sample = serde_saphyr::from_str(&yaml).unwrap();
            prop_assert_eq!(back, sample);
        }
    }
}
