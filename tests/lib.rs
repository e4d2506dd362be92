//! The one integration-test binary: runs `wg` on real files and compares its output.
//! Each module tests one area; `common` has the builder every test uses.

mod common;

mod add;
mod catalogue;
mod charts;
mod check;
mod cli;
mod cron;
mod dates;
mod deliverables;
mod documents;
mod docx;
mod edit;
mod examples;
mod export;
mod formats;
mod forms;
mod i18n;
mod import;
mod init;
mod meeting;
mod minutes;
mod output;
mod props;
mod report;
mod rollup;
mod roster;
mod safety;
mod tasks;
mod warnings;
mod width;
mod xlsx;
