//! Who sits where: groups with their seats, one person's seats, the unit × group
//! matrix, one unit's groups. Field names are the JSON interface (SPEC §4).

use super::task_view::{TaskView, warning_windows};
use crate::i18n;
use crate::model::{Data, GroupIdx, Lang, PersonIdx, UnitIdx};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SeatView {
    /// leader | deputy | member
    pub role: &'static str,
    pub executive: bool,
    pub person: String,
    /// The person's own title (职务), if the data has one.
    pub title: Option<String>,
    /// What the group calls the seat: 组长, 主任, 常务副组长 …
    pub role_title: String,
    pub person_id: String,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub parent: Option<String>,
    pub host_unit: Option<String>,
    pub meets: &'static str,
    pub lead_unit: Option<String>,
    pub member_units: Vec<String>,
    pub duties: Vec<String>,
    pub seats: Vec<SeatView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RosterShow {
    pub groups: Vec<GroupView>,
}

pub fn show(data: &Data, only: Option<GroupIdx>, lang: Lang) -> RosterShow {
    show_groups(data, only.as_ref().map(std::slice::from_ref), lang)
}

/// [`show`] of several groups (in a roll-up, `wg roster show membership` is every
/// office's), in file order.
pub fn show_groups(data: &Data, only: Option<&[GroupIdx]>, lang: Lang) -> RosterShow {
    let groups = (0..data.groups.len())
        .filter(|g| only.is_none_or(|o| o.contains(g)))
        .map(|g| group_view(data, g, lang))
        .collect();
    RosterShow { groups }
}

fn group_view(data: &Data, g: GroupIdx, lang: Lang) -> GroupView {
    let group = &data.group(g);
    let unit = |u: Option<UnitIdx>| u.map(|u| data.unit_name(u).to_owned());
    GroupView {
        id: group.id.clone(),
        name: group.name.clone(),
        kind: group.kind.as_str(),
        parent: group.parent.map(|p| data.group(p).id.clone()),
        host_unit: unit(group.host_unit),
        meets: group.meets.as_str(),
        lead_unit: unit(group.lead_unit),
        member_units: group
            .member_units
            .iter()
            .map(|&u| data.unit_name(u).to_owned())
            .collect(),
        duties: group.duties.clone(),
        seats: group
            .seats()
            .into_iter()
            .map(|s| {
                let person = &data.person(s.person);
                SeatView {
                    role: s.role.as_str(),
                    executive: s.executive,
                    person: person.name.clone(),
                    title: person.title.clone(),
                    role_title: i18n::role_title(group, s.role, s.executive, lang),
                    person_id: person.id.clone(),
                    unit: unit(person.unit),
                }
            })
            .collect(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub name: String,
    pub id: String,
    pub title: Option<String>,
    pub unit: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonSeat {
    /// In a roll-up, the group's office (its id); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// What a table's office column shows (the short name, else the name).
    #[serde(skip)]
    pub office_label: Option<String>,
    /// Group id.
    pub group: String,
    pub group_name: String,
    pub role: &'static str,
    pub executive: bool,
    pub role_title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RosterPerson<'d> {
    pub person: PersonView,
    pub seats: Vec<PersonSeat>,
    #[serde(serialize_with = "crate::render::json_list")]
    pub tasks: Vec<TaskView<'d>>,
}

pub fn person(data: &Data, p: PersonIdx, today: NaiveDate, lang: Lang) -> RosterPerson<'_> {
    people(data, &[p], today, lang)
}

/// One person as several offices of a roll-up know them (one record each, of one
/// name: [`super::lookup::people`]): every seat in every office's groups, and every
/// task any of them owns, in file order. The person's details are the first record's.
pub fn people<'d>(
    data: &'d Data,
    records: &[PersonIdx],
    today: NaiveDate,
    lang: Lang,
) -> RosterPerson<'d> {
    let p = records.first().copied().unwrap_or(0);
    let who = &data.person(p);
    let windows = warning_windows(data, today);
    let seats = data
        .groups
        .iter()
        .enumerate()
        .filter_map(|(g, group)| {
            let seat = records.iter().find_map(|&p| group.seat_of(p))?;
            let office = data.group_office(g).and_then(|o| data.office(o));
            Some(PersonSeat {
                office: office.map(|o| o.id.clone()),
                office_label: office.map(|o| o.label().to_owned()),
                group: group.id.clone(),
                group_name: group.name.clone(),
                role: seat.role.as_str(),
                executive: seat.executive,
                role_title: i18n::role_title(group, seat.role, seat.executive, lang),
            })
        })
        .collect();
    let tasks = data
        .tasks
        .iter()
        .filter(|t| t.owner.is_some_and(|o| records.contains(&o)))
        .map(|t| TaskView::graded(data, t, today, &windows))
        .collect();
    RosterPerson {
        person: PersonView {
            name: who.name.clone(),
            id: who.id.clone(),
            title: who.title.clone(),
            unit: who.unit.map(|u| data.unit_name(u).to_owned()),
            email: who.email.clone(),
        },
        seats,
        tasks,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitRow {
    pub name: String,
    pub id: String,
    pub kind: &'static str,
    /// Groups whose lead unit (牵头单位) this is.
    pub leads: Vec<String>,
    /// Groups that list it among member units (成员单位).
    pub member_of: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RosterUnits {
    /// Group ids, the matrix's columns.
    pub groups: Vec<String>,
    pub units: Vec<UnitRow>,
}

fn unit_row(data: &Data, u: UnitIdx) -> UnitRow {
    let unit = &data.unit(u);
    let ids = |pred: &dyn Fn(&crate::model::Group) -> bool| {
        data.groups
            .iter()
            .filter(|g| pred(g))
            .map(|g| g.id.clone())
            .collect()
    };
    UnitRow {
        name: unit.name.clone(),
        id: unit.id.clone(),
        kind: unit.kind.as_str(),
        leads: ids(&|g| g.lead_unit == Some(u)),
        member_of: ids(&|g| g.member_units.contains(&u)),
    }
}

pub fn units(data: &Data) -> RosterUnits {
    RosterUnits {
        groups: data.groups.iter().map(|g| g.id.clone()).collect(),
        units: (0..data.units.len()).map(|u| unit_row(data, u)).collect(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitDetail {
    pub name: String,
    pub id: String,
    pub kind: &'static str,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RosterUnit<'d> {
    pub unit: UnitDetail,
    pub leads: Vec<String>,
    pub member_of: Vec<String>,
    /// Groups hosted by the unit (设在).
    pub hosts: Vec<String>,
    /// People whose unit this is.
    pub people: Vec<String>,
    /// Tasks it leads (its own or by default through its group) or supports.
    #[serde(serialize_with = "crate::render::json_list")]
    pub tasks: Vec<TaskView<'d>>,
}

pub fn unit(data: &Data, u: UnitIdx, today: NaiveDate) -> RosterUnit<'_> {
    let row = unit_row(data, u);
    let unit = &data.unit(u);
    let windows = warning_windows(data, today);
    RosterUnit {
        unit: UnitDetail {
            name: unit.name.clone(),
            id: unit.id.clone(),
            kind: unit.kind.as_str(),
            aliases: unit.aliases.clone(),
        },
        leads: row.leads,
        member_of: row.member_of,
        hosts: data
            .groups
            .iter()
            .filter(|g| g.host_unit == Some(u))
            .map(|g| g.id.clone())
            .collect(),
        people: data
            .people
            .iter()
            .filter(|p| p.unit == Some(u))
            .map(|p| p.name.clone())
            .collect(),
        tasks: data
            .tasks
            .iter()
            .filter(|t| data.task_lead_unit(t) == Some(u) || t.units.contains(&u))
            .map(|t| TaskView::graded(data, t, today, &windows))
            .collect(),
    }
}
