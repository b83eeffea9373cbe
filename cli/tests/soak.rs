//! Soak test (ignored by default; `make soak` runs it): `omixa serve` in a child process with every fault
//! flag, under 1,000 concurrent SDK clients that create, wait for and download jobs for 10 minutes
//! (`OMIXA_SOAK_SECONDS` shortens it). The emulator's resident memory is sampled each second and must stay
//! flat after the warm-up; at the end every job is billed exactly once (one hold, then one charge or one
//! release). Traffic goes to 127.0.0.1 only, and every loop is bounded by the run's deadline.

#![cfg(target_os = "linux")]

mod common;

use omixa::client::{Client, DownloadOptions, WaitOptions};
use serde_json::{Value, json};
use std::process::Child;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const KEY: &str = "omx_test_soak_key_9c2e";
const CLIENTS: usize = 1_000;
const DEFAULT_SECONDS: u64 = 600;
/// Jobs the emulator remembers; small, so that its memory reaches its plateau early in the run.
const MAX_JOBS: &str = "2000";
/// One cycle (create, wait, download) never takes longer than this.
const CYCLE_LIMIT: Duration = Duration::from_secs(120);

/// `omixa serve` with every fault, killed when dropped.
struct Server {
    child: Child,
    base_url: String,
}

impl Server {
    fn start() -> Server {
        let (child, base_url) = common::spawn_serve(&[
            "--key",
            KEY,
            "--seed",
            "11",
            "--job-seconds",
            "1",
            "--max-jobs",
            MAX_JOBS,
            "--max-connections",
            "4096",
            "--rate-limit-every",
            "7",
            "--retry-after",
            "1",
            "--fail-every",
            "11",
            "--drop-every",
            "13",
            "--malformed-every",
            "17",
            "--latency-ms",
            "5",
            "--route-failure-rate",
            "0.2",
            "--job-failure-rate",
            "0.1",
        ]);
        Server { child, base_url }
    }

    fn resident_bytes(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|status| {
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
            })
            .map_or(0, |kib| kib * 1024)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Default)]
struct Counts {
    cycles: AtomicU64,
    created: AtomicU64,
    downloaded: AtomicU64,
    errors: AtomicU64,
}

/// One client: create, wait, download, again, until the deadline.
async fn client_loop(
    client: Client,
    deadline: Instant,
    counts: Arc<Counts>,
    folder: std::path::PathBuf,
) {
    let request = json!({"model": "veo-3.1-lite-generate-001", "prompt": "soak", "seconds": 4});
    // One file name per client, replaced each cycle: the disk use stays bounded too.
    let download = DownloadOptions {
        file_stem: Some("latest".to_owned()),
        overwrite: true,
        ..DownloadOptions::default()
    };
    while Instant::now() < deadline {
        let cycle = async {
            let job = client.create(request.clone()).await?;
            counts.created.fetch_add(1, Ordering::Relaxed);
            let done = client.wait(&job, WaitOptions::default()).await?;
            client.download_with(&done, &folder, &download).await?;
            counts.downloaded.fetch_add(1, Ordering::Relaxed);
            Ok::<_, omixa::client::Error>(())
        };
        match tokio::time::timeout(CYCLE_LIMIT, cycle).await {
            Ok(Ok(())) => {}
            // Injected faults past the retry budget, and failed jobs: expected, counted.
            Ok(Err(_)) | Err(_) => {
                counts.errors.fetch_add(1, Ordering::Relaxed);
            }
        }
        counts.cycles.fetch_add(1, Ordering::Relaxed);
    }
}

async fn usage(base_url: &str) -> Value {
    reqwest::Client::new()
        .get(format!("{base_url}/api/v1/usage"))
        .bearer_auth(KEY)
        .send()
        .await
        .expect("usage answered")
        .json()
        .await
        .expect("usage is JSON")
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "runs for minutes; `make soak`"]
async fn a_thousand_clients_with_every_fault() {
    let seconds = std::env::var("OMIXA_SOAK_SECONDS")
        .ok()
        .and_then(|value| value.parse::<u64>().ok())
        .unwrap_or(DEFAULT_SECONDS)
        .max(30);
    let server = Server::start();
    let folder = tempfile::tempdir().expect("temp dir");
    let counts = Arc::new(Counts::default());
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);

    let mut tasks = Vec::with_capacity(CLIENTS);
    for index in 0..CLIENTS {
        let client = Client::builder()
            .api_key(KEY)
            .base_url(&server.base_url)
            .max_retries(4)
            .request_timeout(Duration::from_secs(20))
            .build()
            .expect("a loopback client");
        let folder = folder.path().join(format!("client-{index}"));
        tasks.push(tokio::spawn(client_loop(
            client,
            deadline,
            counts.clone(),
            folder,
        )));
    }

    // Resident memory, once a second, until the clients are done.
    let mut samples: Vec<(Duration, u64)> = Vec::new();
    let mut ticker = tokio::time::interval(Duration::from_secs(1));
    while Instant::now() < deadline {
        ticker.tick().await;
        samples.push((started.elapsed(), server.resident_bytes()));
    }
    for task in tasks {
        task.await.expect("a client task ends");
    }
    // Let the last jobs finish, then read the ledger (reading settles every job whose time has come).
    tokio::time::sleep(Duration::from_secs(2)).await;
    let usage = usage(&server.base_url).await;

    let warm_up = Duration::from_secs(seconds / 3);
    let after: Vec<u64> = samples
        .iter()
        .filter(|(at, _)| *at >= warm_up)
        .map(|(_, bytes)| *bytes)
        .collect();
    let baseline = after.first().copied().unwrap_or_default();
    let peak = after.iter().copied().max().unwrap_or_default();
    let mib = |bytes: u64| bytes / (1024 * 1024);
    let totals = &usage["totals"];
    let (holds, charges, releases) = (
        totals["holds"].as_u64().unwrap_or_default(),
        totals["charges"].as_u64().unwrap_or_default(),
        totals["releases"].as_u64().unwrap_or_default(),
    );
    eprintln!(
        "soak: {seconds} s, {CLIENTS} clients: {} cycles, {} created, {} downloaded, {} errors; \
         emulator RSS {} MiB after warm-up, peak {} MiB; ledger {holds} holds, {charges} charges, {releases} releases",
        counts.cycles.load(Ordering::Relaxed),
        counts.created.load(Ordering::Relaxed),
        counts.downloaded.load(Ordering::Relaxed),
        counts.errors.load(Ordering::Relaxed),
        mib(baseline),
        mib(peak),
    );

    assert!(
        counts.downloaded.load(Ordering::Relaxed) >= CLIENTS as u64,
        "the clients got work done"
    );
    assert!(
        peak <= baseline + baseline / 4 + 32 * 1024 * 1024,
        "memory grew after the warm-up: {} MiB, then up to {} MiB",
        mib(baseline),
        mib(peak)
    );
    assert!(
        holds >= counts.created.load(Ordering::Relaxed),
        "every created job was held"
    );
    assert_eq!(holds, charges + releases, "every hold settled exactly once");
}
