//! How many open tasks stand at each warning level (预警): the counts the agenda's
//! progress reports and the evaluation show beside their other figures.

use crate::model::{Task, Warning, WarningWindows};
use serde::Serialize;

/// Open tasks per level. `blue` is 0 when the org has no blue level; tables leave
/// its column out then, JSON and YAML keep the key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct WarningCounts {
    pub red: usize,
    pub yellow: usize,
    pub blue: usize,
    pub green: usize,
}

impl WarningCounts {
    /// The levels of `tasks` as of the windows' day; done and cancelled tasks have
    /// none and are not counted.
    pub fn of<'t>(tasks: impl IntoIterator<Item = &'t Task>, windows: &WarningWindows) -> Self {
        let mut counts = WarningCounts::default();
        for t in tasks {
            counts.add(windows.level(t));
        }
        counts
    }

    pub fn add(&mut self, level: Option<Warning>) {
        match level {
            Some(Warning::Red) => self.red += 1,
            Some(Warning::Yellow) => self.yellow += 1,
            Some(Warning::Blue) => self.blue += 1,
            Some(Warning::Green) => self.green += 1,
            None => {}
        }
    }

    /// Red, yellow, blue, green.
    pub fn by_level(&self) -> [(Warning, usize); 4] {
        [
            (Warning::Red, self.red),
            (Warning::Yellow, self.yellow),
            (Warning::Blue, self.blue),
            (Warning::Green, self.green),
        ]
    }
}
