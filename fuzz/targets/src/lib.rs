//! # omixa-fuzz-targets
//!
//! The bodies of omixa's coverage-guided fuzz targets, one `pub fn <target>(data: &[u8])` each. The cargo-fuzz
//! crate in `fuzz/` wraps each in a one-line `fuzz_target!` (nightly, libFuzzer); on stable,
//! `tests/replay.rs` runs every file of `fuzz/corpus/<target>/` and `fuzz/artifacts/<target>/` through the
//! same function, so CI replays the corpora as ordinary tests without fuzzing.
//!
//! Each target asserts invariants beyond "no panic" (see each function); a broken invariant panics, which
//! libFuzzer reports as a crash and the replay test as a failure.

mod catalog;
mod emulator;
mod gateway;
mod generate;
mod media;
mod request;

pub use catalog::catalog_yaml;
pub use emulator::emulator;
pub use gateway::gateway_response;
pub use media::media;
pub use request::{request_json, request_text};

/// A fuzz target: takes libFuzzer's bytes, panics when an invariant breaks.
pub type Target = fn(&[u8]);

/// Every target by the name of its `fuzz/fuzz_targets/<name>.rs` and its corpus folder.
pub const TARGETS: &[(&str, Target)] = &[
    ("request_json", request_json),
    ("request_text", request_text),
    ("catalog_yaml", catalog_yaml),
    ("gateway_response", gateway_response),
    ("media", media),
    ("emulator", emulator),
];
