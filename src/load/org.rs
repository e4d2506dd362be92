//! `org.toml`: the organisation, its units and its people.

use super::diagnostic::{Diagnostic, FileId};
use super::fields::Fields;
use super::names::{Kind, Label, NameIndex, canonical, normalize};
use crate::i18n::{Text, msg};
use crate::model::{Lang, Org, Person, Unit, UnitKind, WarningRules};
use toml::de::DeTable;

const TOP: &[&str] = &["org", "units", "people"];
const ORG: &[&str] = &["name", "short_name", "timezone", "lang", "warnings"];
const WARNINGS: &[&str] = &["yellow_days", "blue_days", "behind_schedule"];
const UNIT: &[&str] = &["name", "id", "kind", "aliases"];
const PERSON: &[&str] = &["name", "id", "title", "unit", "email"];

pub struct OrgFile {
    pub org: Org,
    pub units: Vec<Unit>,
    pub people: Vec<Person>,
    pub unit_names: NameIndex,
    pub person_names: NameIndex,
    /// Where each unit and person was defined, for "unused" warnings.
    /// `None` for a unit whose id clashed: it is reported already.
    pub unit_spans: Vec<Option<std::ops::Range<usize>>>,
    /// Whether `org.lang` is what the file says: an `[org]` table was read, with a
    /// `lang` that is valid or absent (then the default, zh).
    pub lang_known: bool,
}

pub fn load(
    file: FileId,
    doc: &DeTable<'_>,
    span: std::ops::Range<usize>,
    diags: &mut Vec<Diagnostic>,
) -> OrgFile {
    const HOMES: super::fields::Homes =
        &[("[org]", ORG), ("[[units]]", UNIT), ("[[people]]", PERSON)];
    let mut top = Fields::file_top(file, doc, span, msg::what_org_toml(), TOP, HOMES, diags);
    let org = match top.table("org") {
        Some((table, span)) => load_org(file, table, span, top.diags),
        None => {
            if !top.table.contains_key("org") {
                let span = top.span.clone();
                top.error(
                    Diagnostic::error(msg::no_org_table())
                        .at(file, span)
                        .label(msg::no_org_here())
                        .help(msg::start_with_org()),
                );
            }
            None
        }
    };
    let unit_tables = top.tables("units");
    let person_tables = top.tables("people");
    let diags = top.diags;

    let mut units = Vec::new();
    let mut unit_names = NameIndex::new();
    let mut unit_spans = Vec::new();
    let mut ids = std::collections::HashMap::new();
    for (table, span) in unit_tables {
        let mut f = Fields::new(file, table, span.clone(), msg::what_unit(), UNIT, diags);
        let name = f.req_str("name");
        let id = f.str("id");
        let kind = f
            .choice("kind", &UnitKind::ALL)
            .map(|k| k.value)
            .unwrap_or_default();
        let aliases = f.str_list("aliases");
        let Some(name) = name else { continue };
        let explicit_id = id.is_some();
        let id = id.unwrap_or_else(|| name.clone());
        let canonical = canonical(&name.value);
        // A clashing id is reported; the unit still answers to its name and aliases, so
        // references to it do not add "unknown unit" errors on top.
        let mut id_clash = false;
        if let Some(first) = ids.insert(normalize(&id.value), id.span.clone()) {
            diags.push(duplicate(
                file,
                &id.value,
                &msg::unit_id(),
                id.span.clone(),
                first,
            ));
            if !explicit_id {
                continue;
            }
            id_clash = true;
        }
        // A name or alias that already names another unit would make references to it
        // ambiguous; say so where it is written, not where it is used.
        for key in std::iter::once(&name).chain(aliases.iter()) {
            if let Some(&other) = unit_names.lookup(&key.value).first() {
                diags.push(
                    Diagnostic::error(msg::already_names_unit(
                        &key.value,
                        &unit_names.label(other),
                    ))
                    .at(file, key.span.clone())
                    .label(msg::used_twice())
                    .help(msg::one_unit_per_name()),
                );
            }
        }
        let keys = std::iter::once(id.value.as_str())
            .filter(|_| !id_clash)
            .chain(std::iter::once(name.value.as_str()))
            .chain(aliases.iter().map(|a| a.value.as_str()));
        // An id that defaults to the name is the canonical name, without padding.
        let uid = if explicit_id {
            id.value.trim().to_owned()
        } else {
            canonical.clone()
        };
        unit_names.add(Label::Unit, &canonical, &uid, keys);
        unit_spans.push(Some(name.span.clone()).filter(|_| !id_clash));
        units.push(Unit {
            id: uid,
            name: canonical,
            kind,
            aliases: aliases
                .into_iter()
                .map(|a| super::names::canonical(&a.value))
                .collect(),
        });
    }

    let mut people = Vec::new();
    let mut person_names = NameIndex::new();
    let mut ids = std::collections::HashMap::new();
    for (table, span) in person_tables {
        let mut f = Fields::new(file, table, span, msg::what_person(), PERSON, diags);
        let name = f.req_str("name");
        let id = f.str("id");
        let title = f.str("title");
        let unit = f.str("unit");
        let email = f.str("email");
        // One plain address: `wg tasks remind --sendmail` puts it in a mail header.
        let email = email.filter(|e| {
            let ok = plausible_email(&e.value);
            if !ok {
                diags.push(
                    Diagnostic::error(msg::bad_email(&e.value.escape_debug().to_string()))
                        .at(file, e.span.clone())
                        .label(msg::not_one_address())
                        .help(msg::email_like()),
                );
            }
            ok
        });
        let Some(name) = name else { continue };
        let canonical = canonical(&name.value);
        let explicit_id = id.is_some();
        let id = id.unwrap_or_else(|| name.clone());
        let mut id_clash = false;
        if let Some(first) = ids.insert(normalize(&id.value), id.span.clone()) {
            id_clash = explicit_id;
            let d = if explicit_id {
                duplicate(file, &id.value, &msg::person_id(), id.span.clone(), first)
            } else {
                // Without ids the name is the id: say what the clerk sees, two people
                // with one name, and how to tell them apart.
                Diagnostic::error(msg::two_people_named(&canonical))
                    .at(file, id.span.clone())
                    .label(msg::same_name_again())
                    .also(msg::the_first_is_at(), file, first)
                    .help(msg::give_each_an_id())
            };
            diags.push(d);
            // Two people with one name and no ids: references go to the first. A
            // clashing explicit id: the person still answers to their name.
            if !id_clash {
                continue;
            }
        }
        let unit = unit.and_then(|u| {
            unit_names.resolve_with(
                &u,
                Kind::Unit,
                || msg::place_unit_of(&canonical),
                file,
                diags,
            )
        });
        // An id that defaults to the name is the canonical name: "赵 强" is 赵强.
        let pid = if explicit_id {
            id.value.trim().to_owned()
        } else {
            canonical.clone()
        };
        let label = Label::Person(title.as_ref().map(|t| t.value.clone()));
        let keys = std::iter::once(id.value.as_str())
            .filter(|_| !id_clash)
            .chain(std::iter::once(name.value.as_str()));
        person_names.add(label, &canonical, &pid, keys);
        people.push(Person {
            id: pid,
            name: canonical,
            title: title.map(|t| t.value),
            unit,
            email: email.map(|e| e.value),
        });
    }

    let lang_known = org.as_ref().is_some_and(|(_, known)| *known);
    let org = org.map_or(
        Org {
            name: String::new(),
            short_name: None,
            timezone: None,
            lang: Lang::Zh,
            warnings: WarningRules::default(),
        },
        |(org, _)| org,
    );
    OrgFile {
        org,
        units,
        people,
        unit_names,
        person_names,
        unit_spans,
        lang_known,
    }
}

/// The `[org]` table, and whether its `lang` was valid or absent. An org without a name
/// still says its language.
fn load_org(
    file: FileId,
    table: &DeTable<'_>,
    span: std::ops::Range<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Org, bool)> {
    let mut f = Fields::new(file, table, span, msg::what_org(), ORG, diags);
    let name = f.req_str("name");
    let short_name = f.str("short_name").map(|s| s.value);
    let timezone = f.timezone("timezone");
    let lang = f.choice("lang", &[("zh", Lang::Zh), ("en", Lang::En)]);
    let lang_known = lang.is_some() || !table.contains_key("lang");
    let lang = lang.map(|l| l.value).unwrap_or_default();
    let warnings = match f.table("warnings") {
        Some((table, span)) => load_warnings(file, table, span, f.diags),
        None => WarningRules::default(),
    };
    Some((
        Org {
            name: name.map(|n| n.value).unwrap_or_default(),
            short_name,
            timezone,
            lang,
            warnings,
        },
        lang_known,
    ))
}

/// `[org.warnings]`. Days are whole numbers from 0 (only a task due today is yellow).
///
/// `blue_days` not more than `yellow_days` is an error, not a warning: blue is the
/// earlier notice, so its window would lie inside yellow's and no task would ever be
/// blue. The office asked for a level it would silently never see, and a warning
/// shows only in `wg check`, never in the Monday list that would lack the blue rows.
fn load_warnings(
    file: FileId,
    table: &DeTable<'_>,
    span: std::ops::Range<usize>,
    diags: &mut Vec<Diagnostic>,
) -> WarningRules {
    let defaults = WarningRules::default();
    let mut f = Fields::new(file, table, span, msg::what_org_warnings(), WARNINGS, diags);
    let yellow = days(&mut f, "yellow_days");
    let blue = days(&mut f, "blue_days");
    let behind_schedule = f.bool("behind_schedule");
    let yellow_days = yellow.as_ref().map_or(defaults.yellow_days, |y| y.value);
    // A yellow_days already reported as wrong is no default to compare blue with.
    let yellow_known = yellow.is_some() || !table.contains_key("yellow_days");
    if let Some(b) = blue.as_ref().filter(|_| yellow_known)
        && b.value <= yellow_days
    {
        let yellow_said = match &yellow {
            Some(y) => Text::verbatim(format!("yellow_days = {}", y.value)),
            None => msg::yellow_days_by_default(defaults.yellow_days),
        };
        let mut diag = Diagnostic::error(msg::blue_not_more_than_yellow(b.value, &yellow_said))
            .at(file, b.span.clone())
            .label(msg::not_more_than_yellow_days());
        if let Some(y) = &yellow {
            diag = diag.also(msg::yellow_days_is_set_at(), file, y.span.clone());
        }
        f.error(diag.help(msg::blue_is_the_earlier_notice(yellow_days)));
    }
    WarningRules {
        yellow_days,
        blue_days: blue.map(|b| b.value),
        behind_schedule: behind_schedule.is_some_and(|b| b.value),
    }
}

/// A number of days: a whole number, 0 or more.
fn days(f: &mut Fields<'_, '_>, key: &str) -> Option<super::fields::Sp<u32>> {
    let n = f.int(key)?;
    match u32::try_from(n.value) {
        Ok(days) => Some(super::fields::Sp::new(days, n.span)),
        Err(_) => {
            let (label, help) = if n.value < 0 {
                (msg::negative_days(), msg::write_zero_or_more(key))
            } else {
                (msg::too_many_days(), msg::write_a_number_of_days(key))
            };
            let diag = Diagnostic::error(msg::days_cannot_be(key, n.value))
                .at(f.file, n.span)
                .label(label)
                .help(help);
            f.error(diag);
            None
        }
    }
}

pub fn duplicate(
    file: FileId,
    value: &str,
    what: &Text,
    span: std::ops::Range<usize>,
    first: std::ops::Range<usize>,
) -> Diagnostic {
    Diagnostic::error(msg::duplicate(what, value))
        .at(file, span)
        .label(msg::defined_again_here())
        .also(msg::first_defined_at(), file, first)
        .help(msg::must_be_unique(what))
}

/// One address as a mail header takes it: `name@host.domain`, nothing else (no
/// spaces, commas, angle brackets or control characters, one `@`).
fn plausible_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let bad = |c: char| c.is_whitespace() || c.is_control() || ",;<>()[]\\\"'@".contains(c);
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !local.chars().any(bad)
        && !domain.chars().any(bad)
}
