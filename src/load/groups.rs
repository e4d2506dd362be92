//! `groups.toml`: the leading group, its office and the special groups, with seats.

use super::diagnostic::{Diagnostic, FileId};
use super::fields::{Fields, Sp, Span};
use super::names::{FastMap, Kind, NameIndex};
use crate::i18n::{self, Text, msg};
use crate::model::{Cadence, Group, GroupKind, Lang, RoleTitles};
use std::collections::HashMap;
use toml::de::DeTable;

const TOP: &[&str] = &["groups"];
const GROUP: &[&str] = &[
    "id",
    "name",
    "short_name",
    "kind",
    "parent",
    "host_unit",
    "meets",
    "leader",
    "deputies",
    "executive_deputy",
    "members",
    "lead_unit",
    "member_units",
    "duties",
    "role_titles",
];
const ROLE_TITLES: &[&str] = &["leader", "deputy", "executive_deputy", "member"];

pub struct GroupsFile {
    pub groups: Vec<Group>,
    /// Group id → index.
    pub ids: FastMap<String, usize>,
    /// False when groups.toml could not be read: references to groups go unchecked.
    pub complete: bool,
    /// Ids of groups that are in the file but could not be read (a key missing or
    /// mistyped): references to them are not reported again as unknown.
    pub broken: std::collections::HashSet<String>,
}

// Indexing here is into `groups` and the side vectors pushed in lockstep with it
// (`parents`, `id_spans`, `kind_spans`), with indices from `0..groups.len()` or from
// `ids`, which maps to positions in `groups`: never out of range, whatever the data.
#[allow(clippy::indexing_slicing)]
pub fn load(
    file: FileId,
    doc: &DeTable<'_>,
    span: Span,
    people: &NameIndex,
    units: &NameIndex,
    diags: &mut Vec<Diagnostic>,
) -> GroupsFile {
    let mut top = Fields::file_top(
        file,
        doc,
        span.clone(),
        msg::what_groups_toml(),
        TOP,
        &[("[[groups]]", GROUP)],
        diags,
    );
    let tables = top.tables("groups");
    let diags = top.diags;
    let mut groups = Vec::new();
    let mut broken = std::collections::HashSet::new();
    let mut ids: FastMap<String, usize> = FastMap::default();
    let mut id_spans: Vec<Span> = Vec::new();
    let mut parents: Vec<Option<Sp<String>>> = Vec::new();
    let mut kind_spans: Vec<Span> = Vec::new();
    let mut short_spans: Vec<Option<Span>> = Vec::new();

    for (table, span) in tables {
        let mut f = Fields::new(file, table, span.clone(), msg::what_group(), GROUP, diags);
        let id = f.req_str("id");
        let name = f.req_str("name");
        let short_name = short_name(&mut f);
        let kind = f.choice("kind", &GroupKind::ALL);
        if kind.is_none() && !f.table.contains_key("kind") {
            f.missing_one_of("kind", &GroupKind::ALL.map(|(name, _)| name));
        }
        let parent = f.str("parent");
        let meets = f
            .choice("meets", &Cadence::ALL)
            .map(|m| m.value)
            .unwrap_or_default();
        let host_unit = f.str("host_unit");
        let leader = f.str("leader");
        let deputies = f.str_list("deputies");
        let executive = f.str("executive_deputy");
        let members = f.str_list("members");
        let lead_unit = f.str("lead_unit");
        let member_units = f.str_list("member_units");
        let duties = f.str_list("duties");
        let role_titles = f.table("role_titles").map(|(t, s)| {
            let mut rt = Fields::new(file, t, s, msg::what_role_titles(), ROLE_TITLES, f.diags);
            RoleTitles {
                leader: rt.str("leader").map(|s| s.value),
                deputy: rt.str("deputy").map(|s| s.value),
                executive_deputy: rt.str("executive_deputy").map(|s| s.value),
                member: rt.str("member").map(|s| s.value),
            }
        });
        let (Some(id), Some(name), Some(kind)) = (id.clone(), name, kind) else {
            if let Some(id) = id {
                broken.insert(id.value.trim().to_owned());
            }
            continue;
        };
        let gid = id.value.trim().to_owned();
        if let Some(&first) = ids.get(&gid) {
            diags.push(super::org::duplicate(
                file,
                &gid,
                &msg::group_id(),
                id.span.clone(),
                id_spans[first].clone(),
            ));
            continue;
        }
        if !gid
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            diags.push(
                Diagnostic::error(msg::bad_group_id(&gid))
                    .at(file, id.span.clone())
                    .label(msg::typed_on_the_command_line())
                    .help(msg::group_id_like()),
            );
        }
        let person = |r: &Sp<String>, role: &str, diags: &mut Vec<Diagnostic>| {
            people.resolve_with(
                r,
                Kind::Person,
                || msg::place_in_group(role, &gid),
                file,
                diags,
            )
        };
        let unit = |r: &Sp<String>, role: &str, diags: &mut Vec<Diagnostic>| {
            units.resolve_with(
                r,
                Kind::Unit,
                || msg::place_in_group(role, &gid),
                file,
                diags,
            )
        };
        let leader_idx = leader.as_ref().and_then(|r| person(r, "leader", diags));
        let deputy_idx: Vec<(usize, &Sp<String>)> = deputies
            .iter()
            .filter_map(|r| person(r, "deputies", diags).map(|p| (p, r)))
            .collect();
        let member_idx: Vec<(usize, &Sp<String>)> = members
            .iter()
            .filter_map(|r| person(r, "members", diags).map(|p| (p, r)))
            .collect();
        // One seat a person: the first seat stands, a later one is an error.
        let mut seated: HashMap<usize, &Sp<String>> = HashMap::new();
        let leader_ref = leader.as_ref();
        for (p, r) in leader_idx
            .zip(leader_ref)
            .into_iter()
            .chain(deputy_idx.iter().copied())
            .chain(member_idx.iter().copied())
        {
            if let Some(first) = seated.get(&p) {
                diags.push(
                    Diagnostic::error(msg::two_seats(&people.label(p), &gid))
                        .at(file, r.span.clone())
                        .label(msg::second_seat())
                        .also(msg::first_seat_at(), file, first.span.clone())
                        .help(msg::one_seat_help()),
                );
            } else {
                seated.insert(p, r);
            }
        }
        let executive_idx = executive.as_ref().and_then(|r| {
            let p = person(r, "executive_deputy", diags)?;
            if deputy_idx.iter().any(|&(d, _)| d == p) {
                Some(p)
            } else {
                diags.push(
                    Diagnostic::error(msg::executive_not_deputy(&r.value, &gid))
                        .at(file, r.span.clone())
                        .label(msg::not_in_deputies())
                        .help(msg::executive_is_a_deputy()),
                );
                None
            }
        });
        if leader.is_none() {
            diags.push(
                Diagnostic::warning(msg::no_leader(&gid))
                    .at(file, span.clone())
                    .label(msg::no_leader_label())
                    .help(msg::add_leader()),
            );
        }
        let host = host_unit.as_ref().and_then(|r| unit(r, "host_unit", diags));
        let lead = lead_unit.as_ref().and_then(|r| unit(r, "lead_unit", diags));
        let member_u: Vec<usize> = member_units
            .iter()
            .filter_map(|r| unit(r, "member_units", diags))
            .collect();
        ids.insert(gid.clone(), groups.len());
        id_spans.push(id.span.clone());
        parents.push(parent);
        kind_spans.push(span.clone());
        short_spans.push(short_name.as_ref().map(|s| s.span.clone()));
        groups.push(Group {
            id: gid,
            name: name.value.trim().to_owned(),
            short_name: short_name.map(|s| s.value),
            kind: kind.value,
            parent: None,
            host_unit: host,
            meets,
            leader: leader_idx,
            deputies: deputy_idx.iter().map(|&(p, _)| p).collect(),
            executive_deputy: executive_idx,
            members: member_idx.iter().map(|&(p, _)| p).collect(),
            lead_unit: lead,
            member_units: member_u,
            duties: duties.into_iter().map(|d| d.value).collect(),
            role_titles: role_titles.unwrap_or_default(),
        });
    }

    same_short_names(&groups, &short_spans, file, diags);

    // Parents, then the shape of the tree.
    let mut parent_spans: Vec<Option<Span>> = vec![None; groups.len()];
    for (g, parent) in parents.iter().enumerate() {
        let kind = groups[g].kind;
        match (parent, kind) {
            (Some(p), GroupKind::Leading) => diags.push(
                Diagnostic::error(msg::leading_with_parent(&groups[g].id))
                    .at(file, p.span.clone())
                    .label(msg::remove_this())
                    .help(msg::leading_is_the_root()),
            ),
            (Some(p), _) => match ids.get(p.value.trim()) {
                Some(&pi) => {
                    groups[g].parent = Some(pi);
                    parent_spans[g] = Some(p.span.clone());
                }
                // Its own errors are reported already.
                None if broken.contains(p.value.trim()) => {}
                None => {
                    let known: Vec<&str> = ids.keys().map(String::as_str).collect();
                    let known = sorted(&known);
                    let mut near = super::suggest::names(p.value.trim(), &known);
                    near.truncate(super::suggest::SHOWN);
                    let help = msg::did_you_mean_any(&near)
                        .unwrap_or_else(|| msg::groups_are(&msg::plain_list(&known)));
                    diags.push(
                        Diagnostic::error(msg::unknown_parent(&p.value, &groups[g].id))
                            .at(file, p.span.clone())
                            .label(msg::no_group_with_this_id())
                            .help(help),
                    );
                }
            },
            (None, GroupKind::Leading) => {}
            (None, _) => {
                let kind = Text::new(i18n::group_kind(kind).get(Lang::Zh), kind.as_str());
                diags.push(
                    Diagnostic::error(msg::no_parent(&kind, &groups[g].id))
                        .at(file, kind_spans[g].clone())
                        .label(msg::no_parent_label())
                        .help(msg::needs_parent()),
                )
            }
        }
    }
    let leading: Vec<usize> = (0..groups.len())
        .filter(|&g| groups[g].kind == GroupKind::Leading)
        .collect();
    match leading.as_slice() {
        [_] => {}
        [] => {
            let d = Diagnostic::error(msg::no_leading_group())
                .label(msg::none_is_leading())
                .help(msg::exactly_one_leading());
            diags.push(if groups.is_empty() {
                d.at(file, 0..0)
            } else {
                d.at(file, kind_spans[0].clone())
            });
        }
        [_, rest @ ..] => {
            for &g in rest {
                diags.push(
                    Diagnostic::error(msg::second_leading_group(&groups[g].id))
                        .at(file, kind_spans[g].clone())
                        .label(msg::leading_again())
                        .also(
                            msg::first_leading_at(),
                            file,
                            kind_spans[leading[0]].clone(),
                        )
                        .help(msg::only_one_leading()),
                );
            }
        }
    }
    // A cycle: following parents from a group comes back to it. One walk up from each
    // group, stopping at the first group an earlier walk passed, so every group is
    // passed once (a fresh walk to the top from each group of a chain of 40,000 took
    // 20 s). A walk that meets its own trail has found a cycle; it is reported once, as
    // seen from its first group in file order.
    let mut reported = vec![false; groups.len()];
    // The walk that first passed each group (usize::MAX: none yet).
    let mut walked_by = vec![usize::MAX; groups.len()];
    for start in 0..groups.len() {
        let mut g = start;
        while walked_by[g] == usize::MAX {
            walked_by[g] = start;
            match groups[g].parent {
                Some(p) => g = p,
                None => break,
            }
        }
        if walked_by[g] != start || groups[g].parent.is_none() {
            continue;
        }
        // `g` is on this walk's trail twice: the groups from it round to it are a cycle.
        let mut cycle = vec![g];
        let mut h = g;
        while let Some(q) = groups[h].parent.filter(|&q| q != g) {
            cycle.push(q);
            h = q;
        }
        let Some(&first) = cycle.iter().min() else {
            continue;
        };
        let mut path = vec![groups[first].id.clone()];
        let mut h = first;
        while let Some(q) = groups[h].parent {
            reported[q] = true;
            path.push(groups[q].id.clone());
            if q == first {
                break;
            }
            h = q;
        }
        diags.push(
            Diagnostic::error(msg::groups_form_a_cycle(&path.join(" -> ")))
                .at(
                    file,
                    parent_spans[first]
                        .clone()
                        .unwrap_or(kind_spans[first].clone()),
                )
                .label(msg::parent_leads_back())
                .help(msg::parents_form_a_tree()),
        );
    }
    if reported.iter().any(|&r| r) {
        // Cut the cycle so that nothing downstream loops.
        for (g, r) in reported.iter().enumerate() {
            if *r {
                groups[g].parent = None;
            }
        }
    }
    GroupsFile {
        groups,
        ids,
        complete: true,
        broken,
    }
}

/// `short_name`, trimmed; an empty one is an error (a narrowed table would show nothing).
fn short_name(f: &mut Fields<'_, '_>) -> Option<Sp<String>> {
    let s = f.str("short_name")?;
    if s.value.trim().is_empty() {
        let diag = Diagnostic::error(msg::key_is_empty("short_name", &msg::what_group()))
            .at(f.file, s.span.clone())
            .label(msg::empty())
            .help(msg::short_name_help());
        f.error(diag);
        return None;
    }
    Some(Sp::new(s.value.trim().to_owned(), s.span))
}

/// Two groups with one short name could not be told apart in a narrowed table.
fn same_short_names(
    groups: &[Group],
    spans: &[Option<Span>],
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<&str, (&Group, &Span)> = HashMap::new();
    for (g, span) in groups.iter().zip(spans) {
        let (Some(short), Some(span)) = (g.short_name.as_deref(), span) else {
            continue;
        };
        match first.get(short) {
            Some((other, other_span)) => diags.push(
                Diagnostic::warning(msg::same_short_name(&other.id, &g.id, short))
                    .at(file, span.clone())
                    .label(msg::same_short_name_again())
                    .also(msg::first_given_at(), file, (*other_span).clone())
                    .help(msg::one_short_name_each()),
            ),
            None => {
                first.insert(short, (g, span));
            }
        }
    }
}

fn sorted<'a>(v: &[&'a str]) -> Vec<&'a str> {
    let mut v = v.to_vec();
    v.sort_unstable();
    v
}
