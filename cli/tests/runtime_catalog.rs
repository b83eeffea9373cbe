//! A model newer than the build: its YAML written to a temporary folder and named by `OMIXA_CATALOG` (or
//! `--catalog`) is listed, validated, estimated, created and batched by this very binary, with no regeneration;
//! `--unchecked` sends a request for a model no catalog of the client knows.

mod common;

use common::KEY;
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Child, Command, Output};

/// A model newer than the build, shared by every language's runtime-catalog tests (`tests/catalogs/`).
const NEW_MODEL: &str = include_str!("../../tests/catalogs/newer-model/models/veo-9-test.yaml");

fn catalog_folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(folder.path().join("models")).expect("models/");
    std::fs::write(folder.path().join("models/veo-9-test.yaml"), NEW_MODEL).expect("written");
    folder
}

/// Runs the built binary in `dir` with `env` (and no `OMIXA_CATALOG` but the one given).
fn omixa(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_omixa"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("OMIXA_CATALOG");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("omixa runs")
}

fn stdout_json(output: &Output) -> Value {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

fn write_request(dir: &Path, name: &str, request: &Value) {
    std::fs::write(dir.join(name), request.to_string()).expect("request written");
}

#[test]
fn a_model_in_omixa_catalog_is_listed_validated_and_estimated() {
    let folder = catalog_folder();
    let work = tempfile::tempdir().expect("temp dir");
    let env = [("OMIXA_CATALOG", folder.path())];
    write_request(
        work.path(),
        "new.json",
        &json!({"model": "veo-9-test", "prompt": "a fox", "seconds": 10}),
    );
    write_request(
        work.path(),
        "long.json",
        &json!({"model": "veo-9-test", "prompt": "a fox", "seconds": 20}),
    );

    let models = stdout_json(&omixa(work.path(), &["models", "--json"], &env));
    let new = models
        .as_array()
        .expect("a list")
        .iter()
        .find(|model| model["id"] == "veo-9-test")
        .expect("the new model is listed");
    assert_eq!(new["origin"], folder.path().display().to_string());
    assert_eq!(new["price_per_second"], "0.100000");
    let lite = models
        .as_array()
        .expect("a list")
        .iter()
        .find(|model| model["id"] == "veo-3.1-lite-generate-001");
    assert_eq!(lite.expect("built-in models stay")["origin"], "built-in");
    let table = omixa(work.path(), &["models"], &env);
    let table = String::from_utf8_lossy(&table.stdout);
    let row = table
        .lines()
        .find(|line| line.starts_with("veo-9-test"))
        .expect("a row");
    assert!(row.ends_with(&folder.path().display().to_string()), "{row}");

    let validated = stdout_json(&omixa(work.path(), &["validate", "new.json"], &env));
    assert_eq!(validated["duration_seconds"], 10);
    assert_eq!(validated["video_operation"], "text_to_video");
    let estimate = stdout_json(&omixa(
        work.path(),
        &["estimate", "--json", "new.json"],
        &env,
    ));
    assert_eq!(
        (&estimate["cost"], &estimate["hold"]),
        (&json!("1.00"), &json!("1.00"))
    );

    let rejected = omixa(work.path(), &["validate", "--json", "long.json"], &env);
    assert_eq!(rejected.status.code(), Some(1));
    let issues = serde_json::from_slice::<Value>(&rejected.stdout).expect("JSON")["issues"].clone();
    assert_eq!(issues[0]["code"], "out_of_range");

    // `--catalog` says the same; without either, the model is unknown.
    let flag = folder.path().to_str().expect("UTF-8 path");
    let by_flag = stdout_json(&omixa(
        work.path(),
        &["--catalog", flag, "estimate", "--json", "new.json"],
        &[],
    ));
    assert_eq!(by_flag["cost"], "1.00");
    let unknown = omixa(work.path(), &["validate", "--json", "new.json"], &[]);
    assert_eq!(unknown.status.code(), Some(1));
    let issues = serde_json::from_slice::<Value>(&unknown.stdout).expect("JSON")["issues"].clone();
    assert_eq!(issues[0]["code"], "unknown_model");
}

#[test]
fn a_catalog_folder_with_problems_names_each_at_its_line() {
    let folder = catalog_folder();
    let broken = NEW_MODEL.replace("include: [video]", "include: [vidoe]");
    std::fs::write(folder.path().join("models/veo-9-test.yaml"), broken).expect("written");
    let output = omixa(
        folder.path(),
        &["models"],
        &[("OMIXA_CATALOG", folder.path())],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let position = format!(
        "{}:7:11: unknown field set `vidoe`",
        folder.path().join("models/veo-9-test.yaml").display()
    );
    assert!(stderr.contains(&position), "{stderr}");
    assert!(stderr.contains("has 3 problems"), "{stderr}");
}

struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn created_batched_and_sent_unchecked_against_a_gateway_that_knows_the_model() {
    let folder = catalog_folder();
    let flag = folder.path().to_str().expect("UTF-8 path");
    // The emulator plays a gateway that already serves the new model.
    let (child, base_url) =
        common::spawn_serve(&["--key", KEY, "--job-seconds", "0", "--catalog", flag]);
    let _serve = Serve(child);
    let work = tempfile::tempdir().expect("temp dir");
    let request = json!({"model": "veo-9-test", "prompt": "a fox", "seconds": 4});
    write_request(work.path(), "new.json", &request);
    std::fs::write(
        work.path().join("jobs.jsonl"),
        format!("{request}\n{request}\n"),
    )
    .expect("written");
    let gateway = |command: &mut Command| {
        command
            .env("OMIXA_BASE_URL", &base_url)
            .env("OMIXA_API_KEY", KEY);
    };
    let run = |args: &[&str], catalog: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_omixa"));
        command
            .args(args)
            .current_dir(work.path())
            .env_remove("OMIXA_CATALOG");
        gateway(&mut command);
        if catalog {
            command.env("OMIXA_CATALOG", folder.path());
        }
        command.output().expect("omixa runs")
    };

    let created = stdout_json(&run(&["create", "new.json", "--wait"], true));
    assert_eq!(created["status"], "succeeded");
    assert_eq!(created["model"], "veo-9-test");

    let batch = run(
        &[
            "batch",
            "jobs.jsonl",
            "--out",
            "renders",
            "--budget",
            "1",
            "--json",
        ],
        true,
    );
    let summary = stdout_json(&batch);
    assert_eq!(summary["succeeded"], 2, "{summary}");
    assert_eq!(summary["charged"]["USD"], "0.80", "{summary}");

    // A client without the catalog refuses the model, unless told to send it unchecked.
    let refused = run(&["create", "new.json"], false);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("unknown_model"));
    let unchecked = run(&["create", "new.json", "--unchecked", "--wait"], false);
    let stderr = String::from_utf8_lossy(&unchecked.stderr).into_owned();
    assert!(
        stderr.contains("warning: unchecked: the request was sent as written"),
        "{stderr}"
    );
    let job = stdout_json(&unchecked);
    assert_eq!(
        (&job["status"], &job["model"]),
        (&json!("succeeded"), &json!("veo-9-test"))
    );
}

#[test]
fn a_resume_command_names_the_catalog_folder_of_its_model() {
    let folder = catalog_folder();
    let work = tempfile::tempdir().expect("temp dir");
    // Nothing listens on port 1: the wait times out, and the command it prints must find the model again in
    // a shell where OMIXA_CATALOG is not set.
    let mut command = Command::new(env!("CARGO_BIN_EXE_omixa"));
    command
        .args(["wait", "op_1", "--model", "veo-9-test", "--timeout", "1"])
        .current_dir(work.path())
        .env("OMIXA_CATALOG", folder.path())
        .env("OMIXA_BASE_URL", "http://127.0.0.1:1")
        .env("OMIXA_API_KEY", KEY);
    let output = command.output().expect("omixa runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let folder_word = shlex::try_quote(folder.path().to_str().expect("UTF-8 path"))
        .expect("quotable")
        .into_owned();
    let expected = format!("omixa wait op_1 --model veo-9-test --catalog {folder_word}");
    assert!(stderr.contains(&expected), "{stderr}");
}
