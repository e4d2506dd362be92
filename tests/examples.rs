//! Runs every data directory in `examples/` (and the default `data/`) through the
//! everyday commands, so that the examples cannot rot.

use crate::common::{root, run, wg};

fn data_dirs() -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("org.toml").is_file())
        .collect();
    dirs.sort();
    dirs.push(root().join("data"));
    dirs
}

#[test]
fn every_example_passes_check_roster_tasks_and_agenda() {
    let dirs = data_dirs();
    assert!(
        dirs.len() >= 3,
        "expected examples/minimal and examples/english: {dirs:?}"
    );
    for dir in &dirs {
        for args in [
            &["check"][..],
            &["roster", "show"],
            &["tasks", "list"],
            &["meeting", "agenda"],
            &["meeting", "agenda", "--format", "text"],
            &["meeting", "list"],
            &["report"],
        ] {
            let out = run(wg()
                .arg("--data")
                .arg(dir)
                .args(["--today", "2022-01-10"])
                .args(args));
            assert_eq!(out.code, 0, "{} {args:?}:\n{}", dir.display(), out.stderr);
            assert!(
                !out.stdout.is_empty(),
                "{} {args:?} printed nothing",
                dir.display()
            );
        }
    }
}
