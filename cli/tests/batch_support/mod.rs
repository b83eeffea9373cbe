//! Shared by the batch tests: an in-process emulator on a free loopback port, served by its own runtime so
//! the tests can run the built `omixa` binary with plain blocking process calls; batch inputs; and the
//! emulator's ledger.

#![allow(
    dead_code,
    reason = "each batch test file uses a different part of this module"
)]

#[path = "../common/mod.rs"]
mod common;

pub use common::records;
use omixa_emulator::{Emulator, EmulatorConfig};
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};

pub const KEY: &str = "omx_test_batch_5d1e";

pub struct Gateway {
    emulator: Option<Emulator>,
    runtime: tokio::runtime::Runtime,
}

impl Gateway {
    pub fn start(config: EmulatorConfig) -> Gateway {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime");
        let emulator = runtime
            .block_on(Emulator::start(EmulatorConfig {
                api_key: Some(KEY.to_owned()),
                ..config
            }))
            .expect("the emulator starts on a free port");
        Gateway {
            emulator: Some(emulator),
            runtime,
        }
    }

    pub fn base_url(&self) -> String {
        self.emulator
            .as_ref()
            .map(|emulator| emulator.base_url().to_owned())
            .unwrap_or_default()
    }

    /// `omixa batch ARGS...` against this gateway, not yet started.
    pub fn batch(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_omixa"));
        command
            .arg("batch")
            .args(args)
            .env("OMIXA_BASE_URL", self.base_url())
            .env("OMIXA_API_KEY", KEY);
        command
    }

    pub fn run_batch(&self, args: &[&str]) -> Output {
        self.batch(args).output().expect("omixa runs")
    }

    /// `GET /api/v1/usage`.
    pub fn usage(&self) -> Value {
        let url = format!("{}/api/v1/usage", self.base_url());
        self.runtime.block_on(async {
            reqwest::Client::new()
                .get(url)
                .bearer_auth(KEY)
                .send()
                .await
                .expect("usage answers")
                .json()
                .await
                .expect("usage is JSON")
        })
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        if let Some(emulator) = self.emulator.take() {
            self.runtime.block_on(emulator.shutdown());
        }
    }
}

/// A Lite request of `seconds` (0.05 USD a second) and `variants` videos.
pub fn lite(prompt: &str, seconds: u64, variants: u64) -> Value {
    json!({
        "model": "veo-3.1-lite-generate-001",
        "prompt": prompt,
        "seconds": seconds,
        "sample_count": variants,
    })
}

/// Writes `lines` as JSON Lines into `folder/name` and returns the path.
pub fn write_input(folder: &Path, name: &str, lines: &[Value]) -> String {
    let path = folder.join(name);
    let text: String = lines.iter().map(|line| format!("{line}\n")).collect();
    std::fs::write(&path, text).expect("writes the input");
    path.display().to_string()
}

pub fn report(out: &Path) -> Value {
    let text = std::fs::read_to_string(out.join("batch-report.json")).expect("a report");
    serde_json::from_str(&text).expect("the report is JSON")
}

/// Output as one line: diagnostics wrap long messages and draw a frame beside them.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .replace(['│', '×'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `.mp4` files of a folder, sorted, and whether any `.part` file is left.
pub fn videos(out: &Path) -> (Vec<String>, bool) {
    let mut videos = Vec::new();
    let mut partial = false;
    for entry in std::fs::read_dir(out).expect("lists") {
        let name = entry
            .expect("an entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        partial |= name.ends_with(".part");
        if name.ends_with(".mp4") {
            videos.push(name);
        }
    }
    videos.sort();
    (videos, partial)
}
