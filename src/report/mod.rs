//! Reports: pure functions from the validated data (and the as-of date) to rows that
//! the renderers print. Nothing here reads files, the clock or the command line.

pub mod agenda;
pub mod evaluation;
pub mod indicator_view;
pub mod lookup;
pub mod meetings;
pub mod minutes;
pub mod roster;
pub mod task_view;
pub mod tasks;
pub mod warning_counts;
