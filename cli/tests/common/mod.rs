//! Shared by the network tests: an in-process emulator on a free loopback port, a client with a
//! [`ManualClock`] (delays are recorded, never slept), and small requests.

#![allow(
    dead_code,
    reason = "each test file uses a different part of this module"
)]

use omixa::client::{Client, ManualClock};
use omixa_emulator::{Emulator, EmulatorConfig};
use serde_json::{Value, json};
use std::sync::Arc;

/// The emulator's key in tests; also checked to be absent from every error and `Debug` string.
pub const KEY: &str = "omx_test_do_not_print_me_3b1f";

pub struct Harness {
    pub emulator: Emulator,
    pub clock: Arc<ManualClock>,
    pub client: Client,
}

/// Jobs finish at once and every random choice is seeded; tests change what they need.
pub fn config() -> EmulatorConfig {
    EmulatorConfig {
        api_key: Some(KEY.to_owned()),
        job_seconds: 0.0,
        seed: Some(7),
        ..EmulatorConfig::default()
    }
}

pub async fn start(config: EmulatorConfig) -> Harness {
    start_with_retries(config, omixa::client::DEFAULT_MAX_RETRIES).await
}

pub async fn start_with_retries(config: EmulatorConfig, max_retries: u32) -> Harness {
    let emulator = Emulator::start(config)
        .await
        .expect("the emulator starts on a free port");
    let clock = ManualClock::new();
    let client = client_for(&emulator, KEY, max_retries, &clock);
    Harness {
        emulator,
        clock,
        client,
    }
}

pub fn client_for(
    emulator: &Emulator,
    key: &str,
    max_retries: u32,
    clock: &Arc<ManualClock>,
) -> Client {
    Client::builder()
        .api_key(key)
        .base_url(emulator.base_url())
        .max_retries(max_retries)
        .clock(clock.clone())
        .build()
        .expect("a loopback client builds")
}

/// A small valid Lite request (text to video, 8 s: costs 0.40 USD).
pub fn lite_request() -> Value {
    json!({"model": "veo-3.1-lite-generate-001", "prompt": "A lighthouse at dawn", "seconds": 8})
}

/// The Lite page's example payload (image to video, `wait_seconds` 3, `poll_interval_seconds` 2).
pub fn example_request() -> Value {
    serde_json::from_str(include_str!("../../../examples/veo-3.1-lite.json"))
        .expect("the example is JSON")
}

/// `GET /api/v1/usage`.
pub async fn usage(emulator: &Emulator) -> Value {
    reqwest::Client::new()
        .get(format!("{}/api/v1/usage", emulator.base_url()))
        .bearer_auth(emulator.api_key())
        .send()
        .await
        .expect("usage answers")
        .json()
        .await
        .expect("usage is JSON")
}

/// The usage records of one kind (`hold`, `charge`, `release`).
pub fn records<'a>(usage: &'a Value, kind: &str) -> Vec<&'a Value> {
    usage["records"]
        .as_array()
        .map(|records| {
            records
                .iter()
                .filter(|record| record["kind"] == kind)
                .collect()
        })
        .unwrap_or_default()
}

/// Starts the built `omixa serve` as a child process on a free loopback port with `arguments` (after
/// `serve --port 0`) and returns it with the address it printed on its first line.
pub fn spawn_serve(arguments: &[&str]) -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let mut child = Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(["serve", "--port", "0"])
        .args(arguments)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("omixa serve starts");
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().expect("piped stdout"))
        .read_line(&mut first_line)
        .expect("the address is printed");
    let base_url = first_line
        .trim()
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{first_line:?}");
    (child, base_url)
}
