//! Following what the `omixa` binary says after a failure never loses a job and never pays twice: every run
//! that fails after a job may exist prints a command to paste, and running exactly that command finishes the
//! job. The emulator runs in-process on a free loopback port; the binary runs as a child process.

mod common;

use common::{KEY, lite_request, records, usage};
use omixa_emulator::{Emulator, EmulatorConfig};
use std::collections::BTreeSet;
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

const JOBS: usize = 50;
/// Concurrent runs of the binary: enough to keep the test short, few enough for a shared 2-core machine.
const WORKERS: usize = 8;
/// The most times one job's command is run (the first run, then its resume commands).
const MAX_RUNS_PER_JOB: usize = 10;

/// `omixa ARGS` pointed at `emulator`, to completion.
fn omixa(emulator_url: &str, args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(args)
        .env("OMIXA_API_KEY", KEY)
        .env("OMIXA_BASE_URL", emulator_url)
        .output()
        .expect("omixa runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The command printed after `resume it with` on standard error, as the words a POSIX shell would pass.
fn resume_command(stderr: &str) -> Option<Vec<String>> {
    let mut lines = stderr.lines();
    lines.find(|line| line.starts_with("resume it with"))?;
    shlex::split(lines.next()?.trim())
}

fn words(args: &[&str]) -> Vec<String> {
    args.iter().map(|&arg| arg.to_owned()).collect()
}

fn write_request(folder: &Path) -> String {
    let path = folder.join("request.json");
    std::fs::write(&path, lite_request().to_string()).expect("request written");
    path.display().to_string()
}

async fn start(config: EmulatorConfig) -> Emulator {
    Emulator::start(config)
        .await
        .expect("the emulator starts on a free port")
}

/// One job: runs `command`, and after each failure exactly the command it printed, until one succeeds.
/// Returns the paths printed and how many runs it took.
fn run_until_done(emulator_url: &str, command: Vec<String>) -> (Vec<PathBuf>, usize) {
    let mut args = command;
    for run in 1..=MAX_RUNS_PER_JOB {
        let output = omixa(emulator_url, &args);
        let stderr = text(&output.stderr);
        if output.status.success() {
            let paths = text(&output.stdout).lines().map(PathBuf::from).collect();
            return (paths, run);
        }
        assert_eq!(output.status.code(), Some(2), "{args:?} failed: {stderr}");
        let Some(resume) = resume_command(&stderr) else {
            panic!("{args:?} failed without saying how to resume:\n{stderr}");
        };
        assert_eq!(
            resume.first().map(String::as_str),
            Some("omixa"),
            "{stderr}"
        );
        args = resume[1..].to_vec();
    }
    panic!("not done after {MAX_RUNS_PER_JOB} runs: {args:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_creates_through_every_fault_end_with_fifty_videos_billed_once() {
    let every = NonZeroU64::new;
    let emulator = start(EmulatorConfig {
        rate_limit_every: every(2),
        fail_every: every(3),
        drop_every: every(5),
        malformed_every: every(7),
        ..common::config()
    })
    .await;
    let folder = tempfile::tempdir().expect("temp dir");
    let request = write_request(folder.path());
    let out = folder.path().join("videos").display().to_string();
    let command = words(&["create", &request, "--wait", "--out", &out]);

    let next_job = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (next_job, url, command) = (
                Arc::clone(&next_job),
                emulator.base_url().to_owned(),
                command.clone(),
            );
            tokio::task::spawn_blocking(move || {
                let mut finished = Vec::new();
                while next_job.fetch_add(1, Ordering::SeqCst) < JOBS {
                    finished.push(run_until_done(&url, command.clone()));
                }
                finished
            })
        })
        .collect();
    let mut paths = BTreeSet::new();
    let mut resumed = 0;
    for worker in workers {
        for (printed, runs) in worker.await.expect("a worker finishes") {
            assert_eq!(printed.len(), 1, "one video per job: {printed:?}");
            paths.extend(printed);
            resumed += usize::from(runs > 1);
        }
    }

    assert_eq!(paths.len(), JOBS, "fifty distinct videos");
    for path in &paths {
        let video = std::fs::read(path).expect("the video was saved");
        assert_eq!(&video[4..8], b"ftyp", "{} is an MP4", path.display());
    }
    assert!(resumed > 0, "some runs failed and were resumed");
    let usage = usage(&emulator).await;
    assert_eq!(records(&usage, "hold").len(), JOBS, "{usage:#}");
    assert_eq!(records(&usage, "charge").len(), JOBS, "{usage:#}");
    assert_eq!(records(&usage, "release").len(), 0, "{usage:#}");
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn omixa_wait_resumes_a_job_made_without_waiting_and_downloads_it() {
    let emulator = start(EmulatorConfig {
        job_seconds: 1.0,
        ..common::config()
    })
    .await;
    let url = emulator.base_url().to_owned();
    let folder = tempfile::tempdir().expect("temp dir");
    let request = write_request(folder.path());
    let out = folder.path().join("videos");

    let (created, waited) = tokio::task::spawn_blocking(move || {
        let created = omixa(&url, &words(&["create", &request]));
        let job: serde_json::Value =
            serde_json::from_slice(&created.stdout).expect("the job as JSON");
        let operation = job["operation"].as_str().expect("an operation").to_owned();
        let model = job["model"].as_str().expect("a model").to_owned();
        let out = out.display().to_string();
        let args = words(&["wait", &operation, "--model", &model, "--out", &out]);
        (created, omixa(&url, &args))
    })
    .await
    .expect("the commands run");

    assert_eq!(created.status.code(), Some(0), "{created:?}");
    let job: serde_json::Value = serde_json::from_slice(&created.stdout).expect("JSON");
    let operation = job["operation"].as_str().expect("an operation");
    let key = job["idempotency_key"]
        .as_str()
        .expect("the job shows its key");
    // Printed even though standard error is not a terminal here.
    assert_eq!(
        text(&created.stderr).trim(),
        format!("created {operation} (idempotency key {key})")
    );
    assert_eq!(job["status"], "running");

    assert_eq!(waited.status.code(), Some(0), "{waited:?}");
    let saved = text(&waited.stdout);
    let path = Path::new(saved.trim());
    assert!(path.ends_with(format!("{operation}-0.mp4")), "{saved}");
    let video = std::fs::read(path).expect("the video was saved");
    assert_eq!(&video[4..8], b"ftyp");
    let usage = usage(&emulator).await;
    assert_eq!(records(&usage, "hold").len(), 1);
    assert_eq!(records(&usage, "charge").len(), 1);
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wait_that_times_out_names_the_job_and_the_command_to_resume() {
    let emulator = start(EmulatorConfig {
        job_seconds: 3600.0,
        ..common::config()
    })
    .await;
    let url = emulator.base_url().to_owned();
    let folder = tempfile::tempdir().expect("temp dir");
    let request = write_request(folder.path());
    let args = words(&["create", &request, "--wait", "--timeout", "1"]);
    let output = tokio::task::spawn_blocking(move || omixa(&url, &args))
        .await
        .expect("the command runs");

    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = text(&output.stderr);
    let operation = created_operation(&stderr);
    assert!(
        stderr.contains(&format!("job {operation} was not finished")),
        "{stderr}"
    );
    assert_eq!(
        resume_command(&stderr),
        Some(words(&[
            "omixa",
            "wait",
            &operation,
            "--model",
            "veo-3.1-lite-generate-001"
        ])),
        "{stderr}"
    );
    emulator.shutdown().await;
}

/// The operation of the `created <operation> (idempotency key <key>)` line.
fn created_operation(stderr: &str) -> String {
    stderr
        .lines()
        .find_map(|line| line.strip_prefix("created "))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no `created` line in {stderr}"))
        .to_owned()
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_during_create_wait_names_the_job_and_the_wait_command() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::Stdio;

    let emulator = start(EmulatorConfig {
        job_seconds: 3600.0,
        ..common::config()
    })
    .await;
    let url = emulator.base_url().to_owned();
    let folder = tempfile::tempdir().expect("temp dir");
    let request = write_request(folder.path());
    let out = folder.path().join("videos").display().to_string();

    let (code, stderr) = tokio::task::spawn_blocking(move || {
        let mut child = Command::new(env!("CARGO_BIN_EXE_omixa"))
            .args(["create", &request, "--wait", "--out", &out])
            .env("OMIXA_API_KEY", KEY)
            .env("OMIXA_BASE_URL", &url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("omixa starts");
        let mut stderr = BufReader::new(child.stderr.take().expect("piped stderr"));
        let mut seen = String::new();
        // The `created` line comes once Ctrl-C is already handled by the command.
        while !seen.contains("created ") {
            let read = stderr.read_line(&mut seen).expect("stderr is readable");
            assert!(
                read > 0,
                "the command ended before creating the job: {seen}"
            );
        }
        let interrupted = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(interrupted.success());
        stderr
            .read_to_string(&mut seen)
            .expect("the rest of stderr");
        let status = child.wait().expect("omixa exits");
        (status.code(), seen)
    })
    .await
    .expect("the command runs");

    assert_eq!(code, Some(2), "{stderr}");
    let operation = created_operation(&stderr);
    assert!(
        stderr.contains(&format!("stopped waiting for job {operation}")),
        "{stderr}"
    );
    let out = folder.path().join("videos").display().to_string();
    assert_eq!(
        resume_command(&stderr),
        Some(words(&[
            "omixa",
            "wait",
            &operation,
            "--model",
            "veo-3.1-lite-generate-001",
            "--out",
            &out
        ])),
        "{stderr}"
    );
    // The job keeps running, held once: nothing was cancelled or created twice.
    let usage = usage(&emulator).await;
    assert_eq!(records(&usage, "hold").len(), 1);
    assert_eq!(records(&usage, "release").len(), 0);
    emulator.shutdown().await;
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_before_the_create_is_answered_names_the_key_to_send_it_again_with() {
    use std::io::{BufRead, BufReader, Read};
    use std::net::TcpListener;
    use std::process::Stdio;

    // A gateway that takes the create and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let silent_url = format!("http://{}", silent.local_addr().expect("an address"));
    let folder = tempfile::tempdir().expect("temp dir");
    let request = write_request(folder.path());
    let file = request.clone();

    let (code, stderr, sent_key) = tokio::task::spawn_blocking(move || {
        let mut child = Command::new(env!("CARGO_BIN_EXE_omixa"))
            .args(["create", &file, "--wait"])
            .env("OMIXA_API_KEY", KEY)
            .env("OMIXA_BASE_URL", &silent_url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("omixa starts");
        // Once the create has arrived, Ctrl-C is already the command's to handle.
        let (connection, _) = silent.accept().expect("the create connects");
        let mut headers = String::new();
        let mut reader = BufReader::new(&connection);
        while !headers.ends_with("\r\n\r\n") {
            let read = reader
                .read_line(&mut headers)
                .expect("the request is readable");
            assert!(read > 0, "the request ended early: {headers}");
        }
        let sent_key = headers
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("idempotency-key")
                    .then(|| value.trim().to_owned())
            })
            .expect("the create carries an Idempotency-Key");
        let interrupted = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(interrupted.success());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .expect("piped stderr")
            .read_to_string(&mut stderr)
            .expect("stderr is readable");
        let status = child.wait().expect("omixa exits");
        drop(connection);
        (status.code(), stderr, sent_key)
    })
    .await
    .expect("the command runs");

    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("stopped before the gateway answered the create"),
        "{stderr}"
    );
    let resume = resume_command(&stderr).unwrap_or_else(|| panic!("no resume command in {stderr}"));
    assert_eq!(
        resume,
        words(&[
            "omixa",
            "create",
            "--idempotency-key",
            &sent_key,
            &request,
            "--wait"
        ])
    );

    // Sent again under that key, to a gateway that answers, the create makes its job once.
    let emulator = start(common::config()).await;
    let url = emulator.base_url().to_owned();
    let output = tokio::task::spawn_blocking(move || omixa(&url, &resume[1..]))
        .await
        .expect("the command runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let job: serde_json::Value = serde_json::from_slice(&output.stdout).expect("the job");
    assert_eq!(job["idempotency_key"], sent_key.as_str());
    assert_eq!(records(&usage(&emulator).await, "hold").len(), 1);
    emulator.shutdown().await;
}
