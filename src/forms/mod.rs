//! The feedback-form round trip (进度反馈) and the 催办 digests: which tasks go on a
//! unit's (or an owner's) form ([`Addressee`], [`open_tasks`]), the form as an xlsx
//! workbook ([`sheet`]), reading filled forms back ([`read`]), the reminder letters and
//! mails ([`letter`], [`mail`]) and the record of what was mailed ([`sent`]).
//!
//! The form's words (its column headers) are part of the file format: intake finds the
//! columns by them, in either language, so they live in [`labels`], not in `i18n`.

pub mod labels;
pub mod letter;
pub mod mail;
pub mod read;
pub mod sent;
pub mod sheet;

use crate::model::{Data, PersonIdx, Task, UnitIdx};

/// Whom a form (or a reminder) is for: a lead unit, or an owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Addressee {
    Unit(UnitIdx),
    Owner(PersonIdx),
}

impl Addressee {
    /// The unit's name, or the person's name.
    pub fn name(self, data: &Data) -> &str {
        match self {
            Addressee::Unit(u) => data.unit_name(u),
            Addressee::Owner(p) => data.person_name(p),
        }
    }

    /// The id written in the form's hidden sheet and in `.wg-sent.toml`.
    pub fn id(self, data: &Data) -> &str {
        match self {
            Addressee::Unit(u) => &data.unit(u).id,
            Addressee::Owner(p) => &data.person(p).id,
        }
    }

    /// `unit` or `owner`: the key of the hidden sheet and of `.wg-sent.toml`.
    pub fn kind(self) -> &'static str {
        match self {
            Addressee::Unit(_) => "unit",
            Addressee::Owner(_) => "owner",
        }
    }

    /// Whether `task` is this addressee's: led by the unit, or owned by the person.
    pub fn has(self, data: &Data, task: &Task) -> bool {
        match self {
            Addressee::Unit(u) => data.task_lead_unit(task) == Some(u),
            Addressee::Owner(p) => task.owner == Some(p),
        }
    }

    /// The email addresses a reminder goes to: the unit's people (in file order), or
    /// the owner; people without `email` are left out. Each address once.
    pub fn emails(self, data: &Data) -> Vec<String> {
        let people: Vec<&crate::model::Person> = match self {
            Addressee::Unit(u) => data.people.iter().filter(|p| p.unit == Some(u)).collect(),
            Addressee::Owner(p) => vec![data.person(p)],
        };
        let mut out: Vec<String> = Vec::new();
        for email in people.iter().filter_map(|p| p.email.as_deref()) {
            let email = email.trim();
            if !email.is_empty() && !out.iter().any(|e| e == email) {
                out.push(email.to_owned());
            }
        }
        out
    }
}

/// The open tasks (not done, not cancelled) of an addressee, by due date (none last),
/// then id: the rows of its form.
pub fn open_tasks(data: &Data, who: Addressee) -> Vec<&Task> {
    let mut tasks: Vec<&Task> = data
        .tasks
        .iter()
        .filter(|t| !t.status.is_closed() && who.has(data, t))
        .collect();
    tasks.sort_by(|a, b| {
        let key = |t: &Task| (t.next_due().is_none(), t.next_due());
        key(a)
            .cmp(&key(b))
            .then_with(|| crate::model::id_order_key(&a.id).cmp(&crate::model::id_order_key(&b.id)))
            .then_with(|| a.id.cmp(&b.id))
    });
    tasks
}

/// A file name made from a unit's or person's name, safe on every file system: the
/// characters Windows, macOS or Linux refuse (`/ \ : * ? " < > |`, control characters)
/// become `_`, leading and trailing dots and spaces go, and an empty or reserved
/// (Windows `CON`, `NUL`, …) name gets a `_` in front.
pub fn safe_file_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    s = s
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_owned();
    let stem = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.ends_with(|c: char| c.is_ascii_digit()));
    if s.is_empty() || reserved {
        s.insert(0, '_');
    }
    // Most file systems take 255 bytes in a name; the suffix still has to fit.
    while s.len() > 200 {
        s.pop();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_what_file_systems_refuse() {
        assert_eq!(safe_file_name("基层工作部"), "基层工作部");
        assert_eq!(
            safe_file_name("a/b\\c:d*e?f\"g<h>i|j"),
            "a_b_c_d_e_f_g_h_i_j"
        );
        assert_eq!(safe_file_name(" ..x.. "), "x");
        assert_eq!(safe_file_name("con"), "_con");
        assert_eq!(safe_file_name("COM1.txt"), "_COM1.txt");
        assert_eq!(safe_file_name("..."), "_");
        assert_eq!(safe_file_name("a\nb"), "a_b");
    }
}
