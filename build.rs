//! Links the `wg` binary as a position-dependent executable on Linux.
//!
//! A position-independent executable is relocated by the dynamic loader at every start:
//! wg's dependencies (the time-zone database of chrono-tz above all) leave 33,000
//! relocations spread over a megabyte of `.data.rel.ro`, so every run wrote to each of
//! its 270 pages before `main`. That was 270 of wg's 460 page faults and a quarter of
//! its start-up on the default data (3.5 ms, against 1.1 ms for a hello-world binary;
//! README, "Performance"). Linked with `-no-pie`, the addresses are fixed at link time
//! and those pages are only read, when they are needed.
//!
//! What is given up is the randomised address of wg's own code and data (ASLR of the
//! executable; shared libraries, the stack and the heap are still randomised). wg reads
//! local text files and runs no code from them; the trade is written down in README.
//! Only the binary is linked so (`rustc-link-arg-bins`): the tests, the examples and
//! the library are not, and neither is a static build (`crt-static`, which has no
//! dynamic loader to pay) nor any other system than Linux.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let static_crt = std::env::var("CARGO_CFG_TARGET_FEATURE")
        .is_ok_and(|f| f.split(',').any(|f| f == "crt-static"));
    if linux && !static_crt {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
