//! Writes a data directory of one odd shape, for the growth benchmark
//! (`bench/shapes.sh`): each shape is valid data that once made some work of wg grow
//! faster than its input (issue 10, item 9). The benchmark runs each at two sizes and
//! prints the growth, which must stay near the ratio of the sizes.
//!
//! ```text
//! cargo run --release --example gen_shapes -- SHAPE N DIR
//! ```
//!
//! | shape     | N is                                     | the command timed |
//! |-----------|------------------------------------------|-------------------|
//! | `agenda`  | tasks, half of them overdue              | `meeting agenda`  |
//! | `files`   | files in `tasks/`, one task each         | `check`           |
//! | `inline`  | tasks in one `tasks = [{…}, …]` line     | `check`           |
//! | `inline-errors` | the same, each with an unknown key | `check` (exit 2)  |
//! | `groups`  | groups, each the parent of the next      | `check`           |
//! | `repeats` | years 200 monthly tasks have run (≤ 9998) | `tasks list`     |
//!
//! `repeats` is the one shape whose input does not grow with N: its 200 tasks are due
//! monthly from year 1 and done through year N, so linear work takes as long at either
//! size. Every shape is read with `--today 2026-01-15`. The same arguments give the
//! same bytes.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: gen_shapes agenda|files|inline|inline-errors|groups|repeats N DIR";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [shape, n, dir] => match n.parse::<usize>() {
            Ok(n) => write(shape, n, Path::new(dir)),
            Err(e) => Err(format!("N: {e}")),
        },
        _ => Err("three arguments".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("gen_shapes: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

const ORG: &str = "[org]\nname = \"测试市总工会\"\n\n[[units]]\nid = \"jiceng\"\nname = \"基层工作部\"\n\n[[units]]\nid = \"quanyi\"\nname = \"权益保障部\"\n\n[[people]]\nid = \"zhangke\"\nname = \"张柯\"\n\n[[people]]\nid = \"wangwu\"\nname = \"王五\"\nunit = \"jiceng\"\n\n[[people]]\nid = \"zhaoliu\"\nname = \"赵六\"\nunit = \"quanyi\"\n";

/// The leading group, its office and one special group.
const GROUPS: &str = "[[groups]]\nid = \"leading\"\nname = \"领导小组\"\nkind = \"leading\"\nmeets = \"quarterly\"\nleader = \"张柯\"\nmembers = [\"王五\", \"赵六\"]\nlead_unit = \"jiceng\"\n\n[[groups]]\nid = \"office\"\nname = \"领导小组办公室\"\nkind = \"office\"\nparent = \"leading\"\nleader = \"王五\"\nlead_unit = \"jiceng\"\n\n[[groups]]\nid = \"rights\"\nname = \"维权服务专项小组\"\nkind = \"special\"\nparent = \"leading\"\nleader = \"赵六\"\nlead_unit = \"quanyi\"\n";

const GROUP_IDS: [&str; 3] = ["leading", "office", "rights"];

fn file(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(shape: &str, n: usize, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    file(&dir.join("org.toml"), ORG)?;
    if shape != "groups" {
        file(&dir.join("groups.toml"), GROUPS)?;
    }
    match shape {
        "agenda" => {
            let mut s = String::new();
            for i in 0..n {
                // Half overdue (due in 2025), half due next quarter (2026Q2).
                let due = if i % 2 == 0 {
                    format!("2025-{:02}-{:02}", i % 12 + 1, i % 28 + 1)
                } else {
                    format!("2026-{:02}-{:02}", i % 3 + 4, i % 28 + 1)
                };
                let _ = write!(
                    s,
                    "[[tasks]]\nid = \"A-{i}\"\ntitle = \"任务 {i}\"\ngroup = \"{}\"\nowner = \"王五\"\ndue = {due}\n\n",
                    GROUP_IDS[i % 3]
                );
            }
            file(&dir.join("tasks.toml"), &s)
        }
        "files" => {
            let tasks = dir.join("tasks");
            std::fs::create_dir_all(&tasks).map_err(|e| format!("{}: {e}", tasks.display()))?;
            for i in 0..n {
                let text = format!(
                    "[[tasks]]\nid = \"F-{i}\"\ntitle = \"任务 {i}\"\ngroup = \"{}\"\ndue = 2026-03-31\n",
                    GROUP_IDS[i % 3]
                );
                file(&tasks.join(format!("t-{i:07}.toml")), &text)?;
            }
            Ok(())
        }
        "inline" | "inline-errors" => {
            let oops = if shape == "inline" { "" } else { ", oops = 1" };
            let items: Vec<String> = (0..n)
                .map(|i| {
                    format!(
                        "{{ id = \"I-{i}\", title = \"任务 {i}\", group = \"{}\", due = 2026-03-31{oops} }}",
                        GROUP_IDS[i % 3]
                    )
                })
                .collect();
            file(
                &dir.join("tasks.toml"),
                &format!("tasks = [{}]\n", items.join(", ")),
            )
        }
        "groups" => {
            let mut s = String::from(
                "[[groups]]\nid = \"g0\"\nname = \"领导小组\"\nkind = \"leading\"\nleader = \"张柯\"\nlead_unit = \"jiceng\"\nmember_units = [\"quanyi\"]\n",
            );
            for i in 1..n.max(1) {
                let _ = write!(
                    s,
                    "\n[[groups]]\nid = \"g{i}\"\nname = \"专项小组 {i}\"\nkind = \"special\"\nparent = \"g{}\"\nleader = \"王五\"\n",
                    i - 1
                );
            }
            file(&dir.join("groups.toml"), &s)
        }
        "repeats" => {
            if !(1..=9998).contains(&n) {
                return Err("repeats: N is a year, 1 to 9998".to_owned());
            }
            let mut s = String::new();
            for i in 0..200 {
                // 12 × N occurrences between the first and the one coming up.
                let _ = write!(
                    s,
                    "[[tasks]]\nid = \"R-{i}\"\ntitle = \"月报 {i}\"\ngroup = \"{}\"\ndue = 0001-01-{:02}\nrepeat = \"monthly\"\ndone_through = {n:04}-{:02}-28\n\n",
                    GROUP_IDS[i % 3],
                    i % 31 + 1,
                    i % 12 + 1
                );
            }
            file(&dir.join("tasks.toml"), &s)
        }
        other => Err(format!("unknown shape {other:?}")),
    }
}
