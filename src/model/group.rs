//! Groups (领导小组, 办公室, 专项小组) and the seats people hold in them.

use super::{GroupIdx, PersonIdx, UnitIdx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    Leading,
    Office,
    Special,
}

impl GroupKind {
    pub const ALL: [(&'static str, GroupKind); 3] = [
        ("leading", GroupKind::Leading),
        ("office", GroupKind::Office),
        ("special", GroupKind::Special),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::Leading => "leading",
            GroupKind::Office => "office",
            GroupKind::Special => "special",
        }
    }
}

/// How often a group meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cadence {
    Quarterly,
    Monthly,
    #[default]
    AsNeeded,
}

impl Cadence {
    pub const ALL: [(&'static str, Cadence); 3] = [
        ("quarterly", Cadence::Quarterly),
        ("monthly", Cadence::Monthly),
        ("as-needed", Cadence::AsNeeded),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Quarterly => "quarterly",
            Cadence::Monthly => "monthly",
            Cadence::AsNeeded => "as-needed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Leader,
    Deputy,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Leader => "leader",
            Role::Deputy => "deputy",
            Role::Member => "member",
        }
    }
}

/// One person's seat in one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seat {
    pub role: Role,
    /// The executive deputy (常务副组长).
    pub executive: bool,
    pub person: PersonIdx,
}

/// Titles of the roles as the group itself calls them (`主任` in the office); each
/// one unset falls back to the default for the group's kind and the output language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleTitles {
    pub leader: Option<String>,
    pub deputy: Option<String>,
    pub executive_deputy: Option<String>,
    pub member: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub name: String,
    /// A short form of the name (领导小组 for the leading group's long name), shown in
    /// table columns narrowed to fit a terminal.
    pub short_name: Option<String>,
    pub kind: GroupKind,
    pub parent: Option<GroupIdx>,
    pub host_unit: Option<UnitIdx>,
    pub meets: Cadence,
    pub leader: Option<PersonIdx>,
    pub deputies: Vec<PersonIdx>,
    pub executive_deputy: Option<PersonIdx>,
    pub members: Vec<PersonIdx>,
    pub lead_unit: Option<UnitIdx>,
    pub member_units: Vec<UnitIdx>,
    pub duties: Vec<String>,
    pub role_titles: RoleTitles,
}

impl Group {
    /// Seats in order: leader, deputies, members.
    pub fn seats(&self) -> Vec<Seat> {
        let leader = self.leader.map(|person| Seat {
            role: Role::Leader,
            executive: false,
            person,
        });
        let deputies = self.deputies.iter().map(|&person| Seat {
            role: Role::Deputy,
            executive: self.executive_deputy == Some(person),
            person,
        });
        let members = self.members.iter().map(|&person| Seat {
            role: Role::Member,
            executive: false,
            person,
        });
        leader.into_iter().chain(deputies).chain(members).collect()
    }

    pub fn seat_of(&self, person: PersonIdx) -> Option<Seat> {
        self.seats().into_iter().find(|s| s.person == person)
    }
}
