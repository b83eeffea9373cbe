//! What the durable journal costs a batch, and how much memory `omixa batch` needs.
//!
//! 1. 10,000 jobs (each runs 1 s in the emulator), 256 in flight, through `omixa::batch::run_with` with the
//!    SQLite journal and with the in-memory store: jobs/s and the client's CPU time per job. The emulator
//!    runs on its own runtime and thread; the batch runs on the bench's main thread (a current-thread
//!    runtime), so that thread's CPU time (`/proc/thread-self/schedstat`, Linux; the per-thread figure that
//!    `getrusage(RUSAGE_THREAD)` gives) is the client's alone: validation, HTTP, the journal and the report.
//! 2. The peak memory of an `omixa batch` process running the same batch, and of dry runs of 10,000 and
//!    100,000 lines. The bench runs itself again as a middleman whose only child is the measured process, and
//!    reports the larger of the child's `VmHWM` (`/proc/<pid>/status`, read while it runs) and the
//!    middleman's `getrusage(RUSAGE_CHILDREN)` peak, which is exactly the child's once it has been waited for
//!    (polling alone misses the end of a short process).
//!
//! `cargo bench -p omixa-cli --bench batch`; `OMIXA_BENCH_BATCH_JOBS=1000` for a smaller run (the dry runs
//! then use 1,000 and 10,000 lines).

use omixa::batch::{self, BatchItem, BatchOptions};
use omixa::client::Client;
use omixa::journal::{JobStore, MemoryJournal, SqliteJournal};
use omixa_emulator::{Emulator, EmulatorConfig};
use serde_json::json;
use std::error::Error;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const IN_FLIGHT: usize = 256;
const JOB_SECONDS: f64 = 1.0;
const KEY: &str = "omx_test_bench";
/// How often the child's peak memory is read.
const MEMORY_POLL: Duration = Duration::from_millis(20);

type BenchResult<T> = Result<T, Box<dyn Error>>;

/// The first argument that makes this binary the middleman of one measured command.
const MIDDLEMAN: &str = "--measure-peak-memory-of";

fn main() -> BenchResult<()> {
    let arguments: Vec<String> = std::env::args().collect();
    if let [_, flag, command @ ..] = arguments.as_slice()
        && flag == MIDDLEMAN
    {
        return middleman(command);
    }
    let jobs: usize = std::env::var("OMIXA_BENCH_BATCH_JOBS")
        .ok()
        .and_then(|jobs| jobs.parse().ok())
        .unwrap_or(10_000);
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let emulator = server_runtime.block_on(Emulator::start(EmulatorConfig {
        api_key: Some(KEY.into()),
        job_seconds: JOB_SECONDS,
        seed: Some(1),
        ..EmulatorConfig::default()
    }))?;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(emulator.base_url())
        .build()?;
    let client_runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let folder = tempfile::tempdir()?;
    println!("{jobs} jobs, {IN_FLIGHT} in flight, each {JOB_SECONDS} s in the in-process emulator");

    let durable = {
        let out = folder.path().join("sqlite");
        std::fs::create_dir_all(&out)?;
        let store = Arc::new(SqliteJournal::open(&out)?);
        measure(&client_runtime, &client, &out, jobs, store)?
    };
    durable.print("SQLite journal");
    let in_memory = measure(
        &client_runtime,
        &client,
        &folder.path().join("memory"),
        jobs,
        Arc::new(MemoryJournal::new()),
    )?;
    in_memory.print("in-memory store");
    println!(
        "journal / in-memory: throughput {:.1}%, client CPU per job {:.1}%",
        100.0 * durable.jobs_per_second() / in_memory.jobs_per_second(),
        100.0 * durable.cpu_per_job().as_secs_f64() / in_memory.cpu_per_job().as_secs_f64()
    );

    let input = folder.path().join("requests.jsonl");
    write_input(&input, jobs)?;
    let peak = peak_memory(
        Command::new(env!("CARGO_BIN_EXE_omixa"))
            .arg("batch")
            .arg(&input)
            .arg("--out")
            .arg(folder.path().join("process"))
            .args(["--concurrency", &IN_FLIGHT.to_string()])
            .env("OMIXA_BASE_URL", emulator.base_url())
            .env("OMIXA_API_KEY", KEY),
    )?;
    println!(
        "omixa batch process, {jobs} jobs: peak memory {}",
        mebibytes(peak)
    );

    for lines in [jobs, jobs * 10] {
        let input = folder.path().join(format!("dry-{lines}.jsonl"));
        write_input(&input, lines)?;
        let peak = peak_memory(
            Command::new(env!("CARGO_BIN_EXE_omixa"))
                .arg("batch")
                .arg(&input)
                .args(["--out", "unused", "--dry-run"]),
        )?;
        println!(
            "omixa batch --dry-run, {lines} lines: peak memory {}",
            mebibytes(peak)
        );
    }
    server_runtime.block_on(emulator.shutdown());
    Ok(())
}

fn items(jobs: usize) -> impl Iterator<Item = std::io::Result<BatchItem>> {
    (1..=jobs as u64).map(|line| {
        Ok(BatchItem::Value {
            line,
            value: request(line),
        })
    })
}

fn request(line: u64) -> serde_json::Value {
    json!({"model": "veo-3.1-lite-generate-001", "prompt": format!("Scene {line}: a lighthouse at dawn"), "seconds": 8})
}

fn write_input(path: &Path, lines: usize) -> BenchResult<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for line in 1..=lines as u64 {
        writeln!(out, "{}", request(line))?;
    }
    out.flush()?;
    Ok(())
}

struct Measured {
    jobs: usize,
    wall: Duration,
    client_cpu: Duration,
}

impl Measured {
    fn jobs_per_second(&self) -> f64 {
        self.jobs as f64 / self.wall.as_secs_f64()
    }

    fn cpu_per_job(&self) -> Duration {
        self.client_cpu / self.jobs as u32
    }

    fn print(&self, name: &str) {
        println!(
            "{name:<16} {:>7.1} jobs/s   client CPU {:.0} µs per job   ({:.1} s)",
            self.jobs_per_second(),
            self.cpu_per_job().as_secs_f64() * 1e6,
            self.wall.as_secs_f64()
        );
    }
}

fn measure(
    runtime: &tokio::runtime::Runtime,
    client: &Client,
    out: &Path,
    jobs: usize,
    store: Arc<dyn JobStore>,
) -> BenchResult<Measured> {
    let mut options = BatchOptions::new(out);
    options.concurrency = IN_FLIGHT;
    let cpu_before = thread_cpu_time()?;
    let start = Instant::now();
    let summary = runtime.block_on(batch::run_with(client, items(jobs), &options, store))?;
    let wall = start.elapsed();
    let client_cpu = thread_cpu_time()?.saturating_sub(cpu_before);
    if summary.succeeded != jobs {
        return Err(format!("only {} of {jobs} jobs succeeded", summary.succeeded).into());
    }
    Ok(Measured {
        jobs,
        wall,
        client_cpu,
    })
}

/// Runs the command to its end through the middleman and returns its peak resident memory in KiB.
fn peak_memory(command: &mut Command) -> BenchResult<u64> {
    let program = command.get_program().to_owned();
    let arguments: Vec<_> = command.get_args().map(ToOwned::to_owned).collect();
    let output = command_with_program(command, std::env::current_exe()?)
        .arg(MIDDLEMAN)
        .arg(program)
        .args(arguments)
        .stderr(Stdio::inherit())
        .output()?;
    if !output.status.success() {
        return Err(format!("the measured command failed: {}", output.status).into());
    }
    Ok(String::from_utf8(output.stdout)?.trim().parse()?)
}

/// `command`'s environment with another program.
fn command_with_program(command: &Command, program: std::path::PathBuf) -> Command {
    let mut replaced = Command::new(program);
    for (name, value) in command.get_envs() {
        match value {
            Some(value) => replaced.env(name, value),
            None => replaced.env_remove(name),
        };
    }
    replaced
}

/// In the middleman process: runs `command`, polling its `VmHWM`, then prints its peak in KiB.
fn middleman(command: &[String]) -> BenchResult<()> {
    let [program, arguments @ ..] = command else {
        return Err("no command to measure".into());
    };
    let mut child = Command::new(program)
        .args(arguments)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let status_file = format!("/proc/{}/status", child.id());
    let mut polled = 0;
    let status = loop {
        if let Some(kib) = std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|status| vm_hwm_kib(&status))
        {
            polled = polled.max(kib);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(MEMORY_POLL);
    };
    if !status.success() {
        return Err(format!("{program} failed: {status}").into());
    }
    let waited = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)?;
    // `ru_maxrss` is in KiB on Linux.
    let exact = u64::try_from(waited.max_rss()).unwrap_or(0);
    println!("{}", polled.max(exact));
    Ok(())
}

fn vm_hwm_kib(status: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
}

fn mebibytes(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// CPU time of the calling thread: the first field of `/proc/thread-self/schedstat`, in nanoseconds.
fn thread_cpu_time() -> BenchResult<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat")?;
    let nanos: u64 = text
        .split_whitespace()
        .next()
        .ok_or("an empty schedstat")?
        .parse()?;
    Ok(Duration::from_nanos(nanos))
}
