//! The `omixa` binary: `serve` in a child process, the job commands against it, exit codes, and `demo`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

const KEY: &str = "omx_test_cli_key_5e7d";

/// `omixa serve` on a free port, killed when dropped.
struct Server {
    child: Child,
    base_url: String,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_omixa"))
            .args(["serve", "--port", "0", "--key", KEY, "--job-seconds", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("omixa serve starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut first_line = String::new();
        BufReader::new(stdout)
            .read_line(&mut first_line)
            .expect("the address is printed");
        let base_url = first_line
            .trim()
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .to_owned();
        assert!(
            base_url.starts_with("http://127.0.0.1:"),
            "unexpected first line {first_line:?}"
        );
        Server { child, base_url }
    }

    /// Runs `omixa ARGS` pointed at this server.
    fn omixa(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_omixa"))
            .args(args)
            .env("OMIXA_API_KEY", KEY)
            .env("OMIXA_BASE_URL", &self.base_url)
            .output()
            .expect("omixa runs")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write_request(folder: &Path, name: &str, request: &serde_json::Value) -> String {
    let path = folder.join(name);
    std::fs::write(&path, request.to_string()).expect("request written");
    path.display().to_string()
}

#[test]
fn create_status_and_download_through_the_binary() {
    let server = Server::start(&[]);
    let folder = tempfile::tempdir().expect("temp dir");
    let request = serde_json::json!({"model": "veo-3.1-lite-generate-001", "prompt": "A lighthouse", "seconds": 4});
    let request_file = write_request(folder.path(), "request.json", &request);

    let created = server.omixa(&["create", &request_file]);
    assert_eq!(created.status.code(), Some(0), "{created:?}");
    let job: serde_json::Value = serde_json::from_slice(&created.stdout).expect("the job as JSON");
    assert_eq!(job["status"], "running");
    let operation = job["operation"].as_str().expect("an operation").to_owned();

    let status = server.omixa(&["status", &operation, "--model", "veo-3.1-lite-generate-001"]);
    assert_eq!(status.status.code(), Some(0), "{status:?}");
    let job: serde_json::Value = serde_json::from_slice(&status.stdout).expect("the job as JSON");
    assert_eq!(job["status"], "succeeded");

    let out = folder.path().join("videos");
    let downloaded = server.omixa(&["download", &operation, "--out", &out.display().to_string()]);
    assert_eq!(downloaded.status.code(), Some(0), "{downloaded:?}");
    let expected = out.join(format!("{operation}-0.mp4"));
    assert_eq!(stdout(&downloaded).trim(), expected.display().to_string());
    assert!(expected.is_file());

    let waited = server.omixa(&["create", &request_file, "--out", &out.display().to_string()]);
    assert_eq!(waited.status.code(), Some(0), "{waited:?}");
    assert!(stdout(&waited).trim().ends_with("-0.mp4"));
}

#[test]
fn exit_codes_tell_invalid_requests_from_errors() {
    let server = Server::start(&["--job-failure-rate", "1"]);
    let folder = tempfile::tempdir().expect("temp dir");
    let invalid = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/invalid.json");
    let rejected = server.omixa(&["create", invalid]);
    assert_eq!(
        rejected.status.code(),
        Some(1),
        "an invalid request: {rejected:?}"
    );
    assert!(String::from_utf8_lossy(&rejected.stderr).contains("out_of_range"));

    let request =
        serde_json::json!({"model": "veo-3.1-lite-generate-001", "prompt": "A lighthouse"});
    let request_file = write_request(folder.path(), "request.json", &request);
    let failed = server.omixa(&["create", &request_file, "--wait"]);
    assert_eq!(failed.status.code(), Some(1), "a failed job: {failed:?}");

    let no_key = Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(["status", "op_x"])
        .env_remove("OMIXA_API_KEY")
        .env("OMIXA_BASE_URL", &server.base_url)
        .output()
        .expect("omixa runs");
    assert_eq!(
        no_key.status.code(),
        Some(2),
        "a configuration error: {no_key:?}"
    );

    let wrong_key = Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(["status", "op_x"])
        .env("OMIXA_API_KEY", "omx_live_wrong_9c2a")
        .env("OMIXA_BASE_URL", &server.base_url)
        .output()
        .expect("omixa runs");
    assert_eq!(wrong_key.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&wrong_key.stderr);
    assert!(
        stderr.contains("authentication") && !stderr.contains("omx_live_wrong_9c2a"),
        "{stderr}"
    );

    let usage = server.omixa(&["status"]);
    assert_eq!(usage.status.code(), Some(2), "a usage error");
}

#[test]
fn demo_runs_the_whole_lifecycle() {
    let folder = tempfile::tempdir().expect("temp dir");
    let out = folder.path().join("demo");
    let output = Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(["demo", "--out", &out.display().to_string()])
        .env_remove("OMIXA_API_KEY")
        .env_remove("OMIXA_BASE_URL")
        .output()
        .expect("omixa demo runs");
    let text = stdout(&output);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(text.contains("billed    0.40 USD"), "{text}");
    let videos: Vec<_> = std::fs::read_dir(&out)
        .expect("the folder exists")
        .flatten()
        .collect();
    assert_eq!(videos.len(), 1);
    assert_eq!(
        std::fs::read(videos[0].path()).expect("readable"),
        omixa_emulator::mp4::sample_video()
    );
}

#[test]
fn a_second_download_keeps_the_files_unless_overwrite() {
    let server = Server::start(&[]);
    let folder = tempfile::tempdir().expect("temp dir");
    let request =
        serde_json::json!({"model": "veo-3.1-lite-generate-001", "prompt": "A lighthouse"});
    let created = server.omixa(&["create", &write_request(folder.path(), "r.json", &request)]);
    let job: serde_json::Value = serde_json::from_slice(&created.stdout).expect("the job as JSON");
    let operation = job["operation"].as_str().expect("an operation").to_owned();
    let out = folder.path().join("videos").display().to_string();

    let first = server.omixa(&["download", &operation, "--out", &out]);
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    let path = stdout(&first).trim().to_owned();
    std::fs::write(&path, b"earlier").expect("written");

    let again = server.omixa(&["download", &operation, "--out", &out]);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    assert_eq!(stdout(&again).trim(), path);
    assert!(String::from_utf8_lossy(&again.stderr).contains("is already there"));
    assert_eq!(std::fs::read(&path).expect("kept"), b"earlier");

    let replaced = server.omixa(&["download", &operation, "--out", &out, "--overwrite"]);
    assert_eq!(replaced.status.code(), Some(0), "{replaced:?}");
    assert_eq!(
        std::fs::read(&path).expect("replaced"),
        omixa_emulator::mp4::sample_video()
    );
}

#[test]
fn request_timeout_bounds_a_silent_gateway() {
    // A listener that never accepts: connections wait in its backlog and nothing ever answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let base_url = format!("http://{}", silent.local_addr().expect("bound"));
    let output = Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(["status", "op_x", "--request-timeout", "0.3"])
        .env("OMIXA_API_KEY", KEY)
        .env("OMIXA_BASE_URL", &base_url)
        .output()
        .expect("omixa runs");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("omixa::connection"));
    let refused = Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(["status", "op_x", "--request-timeout", "0"])
        .output()
        .expect("omixa runs");
    assert_eq!(refused.status.code(), Some(2), "a usage error");
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    // `omixa models | head -1`: the reader goes away before the table is printed.
    let mut child = Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(["models", "show", "veo-3.1-lite-generate-001"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("omixa starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("omixa ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(output.status.code(), Some(101), "{stderr}");
}
