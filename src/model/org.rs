//! The organisation, its units and its people.

use super::{UnitIdx, WarningRules};
use chrono_tz::Tz;

/// Language of report labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Org {
    pub name: String,
    pub short_name: Option<String>,
    /// The zone that decides what "today" is; `None` means the system's.
    pub timezone: Option<Tz>,
    pub lang: Lang,
    /// `[org.warnings]`, or the defaults.
    pub warnings: WarningRules,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnitKind {
    #[default]
    Department,
    IndustryUnion,
    Affiliate,
    External,
}

impl UnitKind {
    pub const ALL: [(&'static str, UnitKind); 4] = [
        ("department", UnitKind::Department),
        ("industry-union", UnitKind::IndustryUnion),
        ("affiliate", UnitKind::Affiliate),
        ("external", UnitKind::External),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Department => "department",
            UnitKind::IndustryUnion => "industry-union",
            UnitKind::Affiliate => "affiliate",
            UnitKind::External => "external",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub kind: UnitKind,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    /// The canonical name: as written, with whitespace removed ("张 柯" is 张柯).
    pub name: String,
    pub title: Option<String>,
    pub unit: Option<UnitIdx>,
    pub email: Option<String>,
}
