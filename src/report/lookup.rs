//! Finds the person, unit or group a user typed on the command line, with the same
//! rules as references in the files: id, name or alias, whitespace ignored.

use crate::i18n::{Text, msg};
use crate::load::normalize;
use crate::load::suggest::{SHOWN, names};
use crate::model::{Data, GroupIdx, PersonIdx, UnitIdx};

/// Why a name typed on the command line found nothing, or too much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    Unknown {
        kind: &'static str,
        name: String,
        near: Vec<String>,
    },
    Ambiguous {
        kind: &'static str,
        name: String,
        candidates: Vec<Text>,
    },
}

impl LookupError {
    /// The message, in both languages.
    pub fn text(&self) -> Text {
        match self {
            LookupError::Unknown { kind, name, near } => {
                let (kind, _) = kinds(kind);
                match msg::did_you_mean_any(near) {
                    Some(hint) => msg::no_such_name_near(&kind, name, &hint),
                    None => msg::no_such_name(&kind, name),
                }
            }
            LookupError::Ambiguous {
                kind,
                name,
                candidates,
            } => {
                let (_, kinds) = kinds(kind);
                msg::ambiguous_name(
                    name,
                    candidates.len(),
                    &kinds,
                    &Text::join(candidates, "、", ", "),
                )
            }
        }
    }
}

/// What a kind is called, one and many: "person", "people".
fn kinds(kind: &str) -> (Text, Text) {
    match kind {
        "person" => (msg::kind_person(), msg::kind_people()),
        "unit" => (msg::kind_unit(), msg::kind_units()),
        _ => (msg::kind_group(), msg::kind_groups()),
    }
}

/// English, as [`LookupError::text`] says it.
impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.text())
    }
}

/// Shared matching: `keys(i)` are the ways entry `i` may be named; `shown(i)` is how it
/// is listed among candidates.
fn find<'d>(
    kind: &'static str,
    typed: &str,
    count: usize,
    keys: impl Fn(usize) -> Vec<&'d str>,
    shown: impl Fn(usize) -> Text,
) -> Result<usize, LookupError> {
    let wanted = normalize(typed);
    let hits: Vec<usize> = (0..count)
        .filter(|&i| keys(i).iter().any(|k| normalize(k) == wanted))
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => {
            let all: Vec<String> = (0..count)
                .flat_map(|i| keys(i).into_iter().map(normalize))
                .collect();
            let all: Vec<&str> = all.iter().map(String::as_str).collect();
            // The rule of references in the files (`suggest::names`).
            let near = names(&wanted, &all)
                .into_iter()
                .filter_map(|k| (0..count).find(|&i| keys(i).iter().any(|x| normalize(x) == k)))
                .map(|i| keys(i).get(1).copied().unwrap_or_default().to_owned())
                .fold(Vec::new(), |mut v: Vec<String>, n| {
                    if !v.contains(&n) {
                        v.push(n);
                    }
                    v
                })
                .into_iter()
                .take(SHOWN)
                .collect();
            Err(LookupError::Unknown {
                kind,
                name: typed.to_owned(),
                near,
            })
        }
        many => Err(LookupError::Ambiguous {
            kind,
            name: typed.to_owned(),
            candidates: many.iter().map(|&i| shown(i)).collect(),
        }),
    }
}

pub fn person(data: &Data, typed: &str) -> Result<PersonIdx, LookupError> {
    find(
        "person",
        typed,
        data.people.len(),
        |i| vec![data.person(i).id.as_str(), data.person(i).name.as_str()],
        |i| {
            let p = &data.person(i);
            match &p.title {
                Some(title) => msg::candidate_with_title(&p.name, &p.id, title),
                None => msg::candidate(&p.name, &p.id),
            }
        },
    )
}

/// A person typed on the command line, in a roll-up as every office knows them: a
/// name that several offices' people bear, one in each office, is one person who
/// sits in several offices' groups (a name twice in one office stays ambiguous).
pub fn people(data: &Data, typed: &str) -> Result<Vec<PersonIdx>, LookupError> {
    match person(data, typed) {
        Ok(p) => Ok(vec![p]),
        Err(e @ LookupError::Ambiguous { .. }) if data.is_rollup() => {
            let wanted = normalize(typed);
            let hits: Vec<PersonIdx> = (0..data.people.len())
                .filter(|&p| {
                    let who = data.person(p);
                    normalize(&who.name) == wanted || normalize(&who.id) == wanted
                })
                .collect();
            let mut offices: Vec<Option<usize>> =
                hits.iter().map(|&p| data.person_office(p)).collect();
            offices.sort_unstable();
            offices.dedup();
            if offices.len() == hits.len() && offices.iter().all(Option::is_some) {
                Ok(hits)
            } else {
                Err(e)
            }
        }
        Err(e) => Err(e),
    }
}

pub fn unit(data: &Data, typed: &str) -> Result<UnitIdx, LookupError> {
    find(
        "unit",
        typed,
        data.units.len(),
        |i| {
            let u = &data.unit(i);
            let mut keys = vec![u.id.as_str(), u.name.as_str()];
            keys.extend(u.aliases.iter().map(String::as_str));
            keys
        },
        |i| msg::candidate(&data.unit(i).name, &data.unit(i).id),
    )
}

pub fn group(data: &Data, typed: &str) -> Result<GroupIdx, LookupError> {
    find(
        "group",
        typed,
        data.groups.len(),
        |i| {
            vec![
                data.group(i).id.as_str(),
                data.group(i).id.as_str(),
                data.group(i).name.as_str(),
            ]
        },
        |i| Text::verbatim(data.group(i).id.clone()),
    )
}
