//! Job throughput: 1,000 jobs (create + wait, jobs finish at once) with 32 in flight against the in-process
//! emulator, through the SDK and through a bare reqwest loop that sends the same requests with no SDK logic
//! (no validation, no typed parsing, no retry machinery). Prints jobs/s and the client's CPU time per job.
//!
//! The emulator runs on its own runtime and thread; the client side runs on the bench's main thread (a
//! current-thread runtime), so that thread's CPU time (`/proc/thread-self/schedstat`, Linux) is the
//! client's alone. The two contenders alternate for nine rounds; for each, the median throughput and,
//! separately, the median CPU time are reported (on a shared machine single rounds are noisy).
//!
//! `cargo bench -p omixa-cli --bench jobs`

use futures_util::{StreamExt, stream};
use omixa::client::{Client, WaitOptions};
use omixa_emulator::{Emulator, EmulatorConfig};
use serde_json::{Value, json};
use std::error::Error;
use std::future::Future;
use std::time::{Duration, Instant};

const JOBS: usize = 1_000;
const IN_FLIGHT: usize = 32;
const ROUNDS: usize = 9;
const KEY: &str = "omx_test_bench";

type BenchResult<T> = Result<T, Box<dyn Error>>;

fn request() -> Value {
    json!({"model": "veo-3.1-lite-generate-001", "prompt": "A lighthouse at dawn", "seconds": 8})
}

fn main() -> BenchResult<()> {
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let config = EmulatorConfig {
        api_key: Some(KEY.into()),
        job_seconds: 0.0,
        seed: Some(1),
        ..EmulatorConfig::default()
    };
    let emulator = server_runtime.block_on(Emulator::start(config))?;
    let client_runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;

    let sdk = Client::builder()
        .api_key(KEY)
        .base_url(emulator.base_url())
        .build()?;
    let bare = Bare::new(emulator.base_url())?;
    // Warm up connections and lazy statics on both paths.
    client_runtime.block_on(run_jobs(IN_FLIGHT, || sdk_job(&sdk)))?;
    client_runtime.block_on(run_jobs(IN_FLIGHT, || bare.job()))?;

    let (mut sdk_rounds, mut bare_rounds) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        sdk_rounds.push(measure(&client_runtime, || sdk_job(&sdk))?);
        bare_rounds.push(measure(&client_runtime, || bare.job())?);
    }
    let sdk = median(&sdk_rounds);
    let bare = median(&bare_rounds);
    println!(
        "{JOBS} jobs (create + wait), {IN_FLIGHT} in flight, emulator in-process; median of {ROUNDS} rounds"
    );
    sdk.print("omixa SDK");
    bare.print("bare reqwest");
    println!(
        "SDK / bare: throughput {:.1}%, client CPU per job {}",
        100.0 * sdk.jobs_per_second() / bare.jobs_per_second(),
        match (sdk.cpu_per_job(), bare.cpu_per_job()) {
            (Some(sdk), Some(bare)) =>
                format!("{:.1}%", 100.0 * sdk.as_secs_f64() / bare.as_secs_f64()),
            _ => "n/a".to_owned(),
        }
    );
    server_runtime.block_on(emulator.shutdown());
    Ok(())
}

/// One round's numbers.
#[derive(Debug, Clone, Copy)]
struct Round {
    wall: Duration,
    client_cpu: Option<Duration>,
}

impl Round {
    fn jobs_per_second(&self) -> f64 {
        JOBS as f64 / self.wall.as_secs_f64()
    }

    fn cpu_per_job(&self) -> Option<Duration> {
        self.client_cpu.map(|cpu| cpu / JOBS as u32)
    }

    fn print(&self, name: &str) {
        let cpu = self.cpu_per_job().map_or("n/a".to_owned(), |cpu| {
            format!("{:.1} µs", cpu.as_secs_f64() * 1e6)
        });
        println!(
            "{name:<14} {:>8.0} jobs/s   client CPU {cpu} per job",
            self.jobs_per_second()
        );
    }
}

/// The median wall time and, separately, the median CPU time of the rounds.
fn median(rounds: &[Round]) -> Round {
    let middle = |mut values: Vec<Duration>| {
        values.sort();
        values[values.len() / 2]
    };
    Round {
        wall: middle(rounds.iter().map(|round| round.wall).collect()),
        client_cpu: rounds
            .iter()
            .map(|round| round.client_cpu)
            .collect::<Option<Vec<_>>>()
            .map(middle),
    }
}

fn measure<F, Fut>(runtime: &tokio::runtime::Runtime, job: F) -> BenchResult<Round>
where
    F: Fn() -> Fut,
    Fut: Future<Output = BenchResult<()>>,
{
    let cpu_before = thread_cpu_time();
    let start = Instant::now();
    runtime.block_on(run_jobs(JOBS, job))?;
    let wall = start.elapsed();
    let client_cpu = thread_cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    Ok(Round { wall, client_cpu })
}

/// Runs `count` jobs, [`IN_FLIGHT`] at a time.
async fn run_jobs<F, Fut>(count: usize, job: F) -> BenchResult<()>
where
    F: Fn() -> Fut,
    Fut: Future<Output = BenchResult<()>>,
{
    let mut results = stream::iter(0..count)
        .map(|_| job())
        .buffer_unordered(IN_FLIGHT);
    while let Some(result) = results.next().await {
        result?;
    }
    Ok(())
}

async fn sdk_job(client: &Client) -> BenchResult<()> {
    let job = client.create(request()).await?;
    client.wait(&job, WaitOptions::default()).await?;
    Ok(())
}

/// The same HTTP exchanges as the SDK, by hand.
struct Bare {
    http: reqwest::Client,
    create_url: String,
    status_url: String,
    body: Vec<u8>,
}

impl Bare {
    fn new(base_url: &str) -> BenchResult<Self> {
        Ok(Bare {
            http: reqwest::Client::builder().build()?,
            create_url: format!("{base_url}/api/v1/videos/jobs"),
            status_url: format!("{base_url}/api/v1/videos/jobs/status"),
            body: serde_json::to_vec(&omixa::validate(request())?)?,
        })
    }

    async fn job(&self) -> BenchResult<()> {
        let job: Value = self
            .http
            .post(&self.create_url)
            .bearer_auth(KEY)
            .header("content-type", "application/json")
            .header(
                "idempotency-key",
                format!("{:032x}", rand::random::<u128>()),
            )
            .body(self.body.clone())
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let status_body =
            serde_json::to_vec(&json!({"operation": job["operation"], "model": job["model"]}))?;
        loop {
            let status: Value = self
                .http
                .post(&self.status_url)
                .bearer_auth(KEY)
                .header("content-type", "application/json")
                .body(status_body.clone())
                .send()
                .await?
                .error_for_status()?
                .json()
                .await?;
            if status["status"] == "succeeded" || status["status"] == "failed" {
                return Ok(());
            }
        }
    }
}

/// CPU time of the calling thread: the first field of `/proc/thread-self/schedstat`, in nanoseconds.
fn thread_cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace()
        .next()?
        .parse()
        .ok()
        .map(Duration::from_nanos)
}
