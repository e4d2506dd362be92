//! `.wg-sent.toml`, beside the data: what `wg tasks remind --sendmail` mailed, one
//! `[[sent]]` a message. It is a log, not data: the loader never reads it, `wg init`'s
//! `.gitignore` keeps it out of git (as the lock file), and a broken one is an error
//! that names it (it is never overwritten unseen).
//!
//! It answers two questions: has this addressee been mailed today already (so that a
//! second run from cron sends nothing twice), and which units were sent a form and
//! have not reported back since (intake's 未报送单位).

use crate::i18n::msg;
use crate::{Because, Error, Failed};
use chrono::NaiveDate;
use serde::Deserialize;
use std::io::Write as _;
use std::path::{Path, PathBuf};

pub const SENT_FILE: &str = ".wg-sent.toml";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub date: NaiveDate,
    /// `unit` or `owner`.
    pub kind: String,
    /// The unit's or person's id.
    pub to: String,
    pub name: String,
    pub addresses: Vec<String>,
    pub tasks: Vec<String>,
}

/// An entry as TOML holds it: the date a TOML date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    date: toml::value::Datetime,
    kind: String,
    to: String,
    name: String,
    #[serde(default)]
    addresses: Vec<String>,
    #[serde(default)]
    tasks: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    sent: Vec<Raw>,
}

impl Sent {
    /// The entry as TOML text, `[[sent]]` and its keys.
    fn to_toml(&self) -> String {
        let s = |v: &str| toml::Value::String(v.to_owned()).to_string();
        let list = |v: &[String]| {
            toml::Value::Array(v.iter().map(|x| toml::Value::String(x.clone())).collect())
                .to_string()
        };
        format!(
            "[[sent]]\ndate = {}\nkind = {}\nto = {}\nname = {}\naddresses = {}\ntasks = {}\n",
            self.date,
            s(&self.kind),
            s(&self.to),
            s(&self.name),
            list(&self.addresses),
            list(&self.tasks)
        )
    }
}

pub fn path(dir: &Path) -> PathBuf {
    dir.join(SENT_FILE)
}

/// The log; empty when the file does not exist.
pub fn read(dir: &Path) -> Result<Vec<Sent>, Error> {
    let p = path(dir);
    let shown = p.display().to_string();
    let text = match std::fs::read_to_string(&p) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::Other(Failed::wrap(msg::cannot_read(&shown), e))),
    };
    let file: File = toml::from_str(&text)
        .map_err(|e| Error::Usage(msg::sent_file_broken(&shown, e.message())))?;
    file.sent
        .into_iter()
        .map(|r| {
            let date = r
                .date
                .date
                .filter(|_| r.date.time.is_none())
                .and_then(|d| {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                })
                .ok_or_else(|| {
                    Error::Usage(msg::sent_file_broken(&shown, &format!("date = {}", r.date)))
                })?;
            Ok(Sent {
                date,
                kind: r.kind,
                to: r.to,
                name: r.name,
                addresses: r.addresses,
                tasks: r.tasks,
            })
        })
        .collect()
}

/// Appends `entries` to the log (the file is created with a comment saying what it is),
/// atomically, so that a run killed half way leaves the old log whole.
pub fn append(dir: &Path, entries: &[Sent]) -> Result<(), Error> {
    if entries.is_empty() {
        return Ok(());
    }
    let p = path(dir);
    let shown = p.display().to_string();
    let mut text = match std::fs::read_to_string(&p) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => HEADER.to_owned(),
        Err(e) => return Err(Error::Other(Failed::wrap(msg::cannot_read(&shown), e))),
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for e in entries {
        text.push('\n');
        text.push_str(&e.to_toml());
    }
    let mut file = atomic_write_file::AtomicWriteFile::options()
        .open(&p)
        .because(|| msg::cannot_write(&shown))?;
    file.write_all(text.as_bytes())
        .because(|| msg::cannot_write(&shown))?;
    file.commit().because(|| msg::cannot_write(&shown))?;
    Ok(())
}

const HEADER: &str = "# What `wg tasks remind --sendmail` mailed: a log, not data (wg never reads it as\n# data; keep it out of git). A second run on the same day sends nothing already\n# sent; `--force` sends again.\n";
