//! Finds the person, unit or group a user typed on the command line, with the same
//! rules as references in the files: id, name or alias, whitespace ignored.

use crate::i18n::{Text, msg};
use crate::load::normalize;
use crate::load::suggest::{SHOWN, names};
use crate::model::{Data, GroupIdx, PersonIdx, QUALIFIER, UnitIdx};

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

/// One group typed on the command line. In a roll-up a group's id is qualified
/// (`nanjing:membership`); the id an office gives it (`membership`) names it too when
/// one office alone has such a group, and is ambiguous (the error lists the qualified
/// ids) when several have.
pub fn group(data: &Data, typed: &str) -> Result<GroupIdx, LookupError> {
    let found = find(
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
    );
    match found {
        Err(LookupError::Unknown { .. }) if data.is_rollup() => {
            match office_groups(data, typed).as_slice() {
                [] => found,
                [one] => Ok(*one),
                many => Err(LookupError::Ambiguous {
                    kind: "group",
                    name: typed.to_owned(),
                    candidates: many
                        .iter()
                        .map(|&g| Text::verbatim(data.group(g).id.clone()))
                        .collect(),
                }),
            }
        }
        found => found,
    }
}

/// The groups a filter typed on the command line names (`--group`): one group, or in a
/// roll-up the group of that id (`membership`) or name in every office that has one,
/// as a person's name in several offices is one person ([`people`]). Several groups
/// of one office that the word fits stay ambiguous.
pub fn groups(data: &Data, typed: &str) -> Result<Vec<GroupIdx>, LookupError> {
    match group(data, typed) {
        Ok(g) => Ok(vec![g]),
        Err(e @ LookupError::Ambiguous { .. }) if data.is_rollup() => {
            let hits = office_groups(data, typed);
            let mut offices: Vec<Option<usize>> =
                hits.iter().map(|&g| data.group_office(g)).collect();
            offices.sort_unstable();
            offices.dedup();
            if !hits.is_empty()
                && offices.len() == hits.len()
                && offices.iter().all(Option::is_some)
            {
                Ok(hits)
            } else {
                Err(e)
            }
        }
        Err(e) => Err(e),
    }
}

/// In a roll-up, the groups whose id within their office (the qualified id without
/// `office:`) or whose name is `typed`, in offices.toml's order.
fn office_groups(data: &Data, typed: &str) -> Vec<GroupIdx> {
    let wanted = normalize(typed);
    (0..data.groups.len())
        .filter(|&g| {
            let group = data.group(g);
            let own = data
                .group_office(g)
                .and_then(|o| data.office(o))
                .and_then(|o| group.id.strip_prefix(o.id.as_str()))
                .and_then(|id| id.strip_prefix(QUALIFIER));
            own.is_some_and(|id| normalize(id) == wanted) || normalize(&group.name) == wanted
        })
        .collect()
}
