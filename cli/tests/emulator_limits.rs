//! The emulator under hostile clients: it keeps no request bodies, forgets old finished jobs past its limit,
//! closes silent and idle connections, answers connections past its limit with a JSON 503, and answers every
//! protocol error (405, 413, 414, 431) in JSON.

mod common;

use common::{KEY, config, lite_request, records, usage};
use omixa_emulator::{Emulator, EmulatorConfig};
use serde_json::{Value, json};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A bound on every wait in these tests, so a regression fails instead of hanging.
const SAFETY: Duration = Duration::from_secs(30);

async fn start(config: EmulatorConfig) -> Emulator {
    Emulator::start(config).await.expect("the emulator starts")
}

fn address(emulator: &Emulator) -> String {
    emulator.base_url().trim_start_matches("http://").to_owned()
}

/// Sends raw bytes on a new connection and reads until the server closes it.
async fn exchange(emulator: &Emulator, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(address(emulator))
        .await
        .expect("connects");
    stream.write_all(request).await.expect("sent");
    read_to_close(&mut stream).await
}

async fn read_to_close(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    tokio::time::timeout(SAFETY, stream.read_to_end(&mut answer))
        .await
        .expect("the server closes the connection")
        .ok();
    String::from_utf8_lossy(&answer).into_owned()
}

/// The status code and JSON error body of a raw HTTP answer.
fn status_and_error(answer: &str) -> (u16, Value) {
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
    // A chunked body: the JSON is the longest line.
    let json = body
        .lines()
        .max_by_key(|line| line.len())
        .unwrap_or_default();
    (status, serde_json::from_str(json).unwrap_or(Value::Null))
}

#[tokio::test]
async fn protocol_errors_are_json() {
    let emulator = start(config()).await;
    let long_path = format!("/files/{}", "a".repeat(10_000));
    let many_headers: String = (0..200).map(|n| format!("x-h{n}: v\r\n")).collect();
    let cases = [
        (
            "GET on the create route",
            format!(
                "GET /api/v1/videos/jobs HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {KEY}\r\nconnection: close\r\n\r\n"
            ),
            405,
            "method_not_allowed",
        ),
        (
            "a body over the limit",
            format!(
                "POST /api/v1/videos/jobs HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {KEY}\r\n\
                 content-type: application/json\r\ncontent-length: 100000000\r\nconnection: close\r\n\r\n{{}}"
            ),
            413,
            "payload_too_large",
        ),
        (
            "a 10 KB request target",
            format!("GET {long_path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"),
            414,
            "uri_too_long",
        ),
        (
            "200 headers",
            format!(
                "GET /api/v1/usage HTTP/1.1\r\nhost: x\r\n{many_headers}connection: close\r\n\r\n"
            ),
            431,
            "headers_too_large",
        ),
    ];
    for (what, request, status, code) in cases {
        let answer = exchange(&emulator, request.as_bytes()).await;
        let (got, body) = status_and_error(&answer);
        assert_eq!(got, status, "{what}: {answer}");
        assert_eq!(body["error"]["code"], code, "{what}: {answer}");
        assert!(body["error"]["message"].is_string(), "{what}: {answer}");
    }
}

#[tokio::test]
async fn silent_and_idle_connections_are_closed() {
    let emulator = start(EmulatorConfig {
        header_timeout: 1,
        ..config()
    })
    .await;
    // Connects and never sends a byte.
    let mut silent = TcpStream::connect(address(&emulator))
        .await
        .expect("connects");
    assert_eq!(
        read_to_close(&mut silent).await,
        "",
        "closed without an answer"
    );

    // One request, then silence on the kept-alive connection.
    let mut idle = TcpStream::connect(address(&emulator))
        .await
        .expect("connects");
    idle.write_all(b"GET /files/op/0/v.mp4 HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .expect("sent");
    let answer = read_to_close(&mut idle).await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
}

#[tokio::test]
async fn a_body_that_never_ends_gets_a_json_408() {
    let emulator = start(EmulatorConfig {
        request_timeout: 1,
        ..config()
    })
    .await;
    let answer = exchange(
        &emulator,
        format!(
            "POST /api/v1/videos/jobs HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {KEY}\r\n\
             content-type: application/json\r\ncontent-length: 1000\r\n\r\n{{\"model\""
        )
        .as_bytes(),
    )
    .await;
    let (status, body) = status_and_error(&answer);
    assert_eq!(status, 408, "{answer}");
    assert_eq!(body["error"]["code"], "request_timeout", "{answer}");
}

#[tokio::test]
async fn connections_past_the_limit_get_a_json_503() {
    let emulator = start(EmulatorConfig {
        max_connections: 2,
        ..config()
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut stream = TcpStream::connect(address(&emulator))
            .await
            .expect("connects");
        // A complete request, answered, keeps the connection open (and counted).
        stream
            .write_all(b"GET /files/op/0/v.mp4 HTTP/1.1\r\nhost: x\r\n\r\n")
            .await
            .expect("sent");
        let mut first = [0u8; 12];
        tokio::time::timeout(SAFETY, stream.read_exact(&mut first))
            .await
            .expect("answered")
            .expect("read");
        held.push(stream);
    }
    let answer = exchange(&emulator, b"GET /api/v1/usage HTTP/1.1\r\nhost: x\r\n\r\n").await;
    let (status, body) = status_and_error(&answer);
    assert_eq!(status, 503, "{answer}");
    assert_eq!(body["error"]["code"], "too_many_connections", "{answer}");

    drop(held);
    // Once the held connections are gone, requests are served again.
    let served = tokio::time::timeout(SAFETY, async {
        loop {
            let answer = exchange(
                &emulator,
                b"GET /files/op/0/v.mp4 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
            )
            .await;
            if answer.starts_with("HTTP/1.1 404") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(served.is_ok());
}

#[tokio::test]
async fn old_finished_jobs_are_forgotten_and_billed_once() {
    let emulator = start(EmulatorConfig {
        max_jobs: 3,
        ..config()
    })
    .await;
    let client = common::client_for(&emulator, KEY, 0, &omixa::client::ManualClock::new());
    let mut operations = Vec::new();
    for _ in 0..5 {
        operations.push(
            client
                .create(lite_request())
                .await
                .expect("created")
                .record
                .operation,
        );
    }
    let forgotten = client
        .status(&operations[0], "")
        .await
        .expect_err("forgotten");
    assert!(
        matches!(forgotten, omixa::client::Error::Api { status: 404, .. }),
        "{forgotten}"
    );
    let kept = client.status(&operations[4], "").await.expect("remembered");
    assert_eq!(kept.record.operation, operations[4]);
    let usage = usage(&emulator).await;
    assert_eq!(usage["totals"]["holds"], 5);
    assert_eq!(
        usage["totals"]["charges"], 5,
        "forgotten jobs were settled first"
    );
    assert!(records(&usage, "hold").len() <= 5);
}

#[tokio::test]
async fn creates_are_refused_while_every_remembered_job_runs() {
    let emulator = start(EmulatorConfig {
        max_jobs: 2,
        job_seconds: 3_600.0,
        ..config()
    })
    .await;
    let client = common::client_for(&emulator, KEY, 0, &omixa::client::ManualClock::new());
    for _ in 0..2 {
        client.create(lite_request()).await.expect("created");
    }
    let refused = client.create(lite_request()).await.expect_err("full");
    assert!(
        matches!(refused.root(), omixa::client::Error::Api { status: 503, body, .. } if body.contains("too_many_jobs")),
        "{refused}"
    );
}

/// The emulator's resident memory, from `/proc`.
#[cfg(target_os = "linux")]
fn resident_bytes(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc is readable");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map(|kib| kib * 1024)
        .expect("VmRSS")
}

/// Four creates with a 24 MB inline image each (32 MB of base64): the emulator keeps their digests, not their bodies.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn request_bodies_are_not_kept() {
    let (mut child, base_url) = common::spawn_serve(&["--key", KEY, "--job-seconds", "0"]);

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.resize(24 * 1024 * 1024, 0);
    let image = omixa::media::data_url(&png, Some("image/png")).expect("a data URL");
    let http = reqwest::Client::new();
    let create = |n: usize| {
        let mut request = lite_request();
        request["prompt"] = json!(format!("request {n}"));
        request["video_operation"] = json!("image_to_video");
        request["start_frame"] = json!({"type": "image_url", "image_url": {"url": image}});
        http.post(format!("{base_url}/api/v1/videos/jobs"))
            .bearer_auth(KEY)
            .json(&request)
            .send()
    };
    // One create first, so the baseline includes the buffers every request needs.
    assert!(create(0).await.expect("answered").status().is_success());
    let baseline = resident_bytes(child.id());
    for n in 1..=4 {
        let response = create(n).await.expect("answered");
        assert!(
            response.status().is_success(),
            "{:?}",
            response.text().await
        );
    }
    let grown = resident_bytes(child.id()).saturating_sub(baseline);
    let _ = child.kill();
    let _ = child.wait();
    eprintln!("resident growth: {} KiB", grown / 1024);
    assert!(
        grown < 80 * 1024 * 1024,
        "four 32 MB bodies left {} MB resident",
        grown / (1024 * 1024)
    );
}
