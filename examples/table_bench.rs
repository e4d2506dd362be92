//! Times the table writers on a CSV file (the first row is the header): wg's own
//! (`Grid::to_table`, and `Grid::to_table_in` at a width) against comfy-table's
//! (`ContentArrangement::Disabled`, and `Dynamic` at the same width). Not a test: it
//! prints numbers.
//!
//! ```sh
//! cargo run --release --example gen_tasks -- --tasks 20000 --out /tmp/wg20k --today 2026-11-29
//! target/release/wg --data /tmp/wg20k --today 2026-11-29 tasks list --format csv > /tmp/wg20k.csv
//! cargo run --release --example table_bench -- /tmp/wg20k.csv 120
//! ```
//!
//! A third argument runs one writer only (`ours`, `ours-width`, `comfy`,
//! `comfy-width`), once, for `perf stat -e instructions:u`: on a loaded machine the
//! count of instructions tells more than the clock.

use comfy_table::{ContentArrangement, Table, presets};
use std::time::{Duration, Instant};
use wg::render::{Grid, TableStyle};

fn best_of(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut len = 0;
    for _ in 0..runs {
        let t = Instant::now();
        len = f();
        best = best.min(t.elapsed());
    }
    (best, len)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: table_bench FILE.csv [WIDTH]")?;
    let width: u16 = args.next().map_or(Ok(120), |w| w.parse())?;
    let mut reader = csv::Reader::from_path(&path)?;
    let headers: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
    let mut grid = Grid::new(headers.clone());
    let mut rows = Vec::new();
    for record in reader.records() {
        let row: Vec<String> = record?.iter().map(str::to_owned).collect();
        rows.push(row.clone());
        grid.push(row);
    }
    grid.keep_words([0, 6]);
    let comfy = |arrangement: ContentArrangement| {
        let mut table = Table::new();
        table
            .load_style(presets::ASCII_FULL_CONDENSED)
            .set_content_arrangement(arrangement)
            .set_width(width)
            .set_header(headers.clone());
        for row in &rows {
            table.add_row(row.clone());
        }
        format!("{table}\n").len()
    };
    let style = TableStyle {
        width: Some(usize::from(width)),
        plain: false,
    };
    let only = args.next();
    let runs = if only.is_some() { 1 } else { 5 };
    let report = |name: &str, (t, len): (Duration, usize)| {
        println!(
            "{name:<40} {:>8.1} ms  {len:>10} bytes",
            t.as_secs_f64() * 1e3
        );
    };
    println!("{} rows, width {width}, best of {runs}", rows.len());
    let wanted = |name: &str| only.as_deref().is_none_or(|o| o == name);
    if wanted("ours") {
        report("wg Grid::to_table", best_of(runs, || grid.to_table().len()));
    }
    if wanted("ours-width") {
        report(
            "wg Grid::to_table_in(width)",
            best_of(runs, || grid.to_table_in(style).len()),
        );
    }
    if wanted("comfy") {
        report(
            "comfy-table Disabled",
            best_of(runs, || comfy(ContentArrangement::Disabled)),
        );
    }
    if wanted("comfy-width") {
        report(
            "comfy-table Dynamic(width)",
            best_of(runs, || comfy(ContentArrangement::Dynamic)),
        );
    }
    Ok(())
}
