//! Links the `wg` binary as a position-dependent executable where the toolchain
//! makes position-independent ones by default (Linux with glibc).
//!
//! A position-independent `wg` has 42,000 relocations (1 MB of them) for the
//! dynamic loader to apply at every start, writing into 300 pages that must be
//! copied first: they were a quarter of the time of `wg tasks overdue` on an
//! office's data (4.5 ms against 3.6 ms, 590 page faults against 286; README,
//! "Performance"). The cost is that the binary itself is loaded at a fixed address
//! (its libraries, stack and heap are still placed at random).
//!
//! A build linked statically (`-C target-feature=+crt-static`) is left as its flags
//! make it: with `-C relocation-model=static` (`cargo build-static`,
//! `.cargo/config.toml`) rustc links it position-dependent itself, and without it
//! rustc makes a static-pie, which `-no-pie` turns into a binary that asks for a
//! dynamic loader and crashes at once.
fn main() {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let static_crt = var("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|f| f == "crt-static");
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" && !static_crt
    {
        println!("cargo:rustc-link-arg-bin=wg=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
