//! `omixa batch` (the built binary) against an in-process emulator: validation before anything is sent, dry
//! runs, budget refusals and the budget bound, two processes on one journal, refusing another input or a
//! newer journal, and the report's shape.

mod batch_support;

use batch_support::{Gateway, lite, records, report, text, videos, write_input};
use omixa_emulator::EmulatorConfig;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::str::FromStr;

fn instant_jobs() -> EmulatorConfig {
    EmulatorConfig {
        job_seconds: 0.0,
        seed: Some(3),
        ..EmulatorConfig::default()
    }
}

fn decimal(value: &Value) -> Decimal {
    Decimal::from_str(value.as_str().expect("an amount string")).expect("a decimal")
}

#[test]
fn an_invalid_line_stops_the_batch_before_anything_is_created() {
    let gateway = Gateway::start(instant_jobs());
    let folder = tempfile::tempdir().expect("temp dir");
    let mut lines = vec![lite("one", 8, 1), lite("two", 99, 1), lite("three", 8, 1)];
    lines.push(json!({"id": "bad id", "request": lite("four", 8, 1)}));
    let input = write_input(folder.path(), "in.jsonl", &lines);
    let out = folder.path().join("out");
    let output = gateway.run_batch(&[&input, "--out", out.to_str().expect("utf-8"), "--json"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let answer: Value = serde_json::from_slice(&output.stdout).expect("JSON problems");
    let problems = answer["problems"].as_array().expect("a list");
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(
        (problems[0]["line"].as_u64(), problems[0]["code"].as_str()),
        (Some(2), Some("out_of_range"))
    );
    assert_eq!(
        (problems[1]["line"].as_u64(), problems[1]["path"].as_str()),
        (Some(4), Some("/id"))
    );
    assert!(text(&output.stderr).contains("nothing was created"));
    assert_eq!(gateway.usage()["creates"], 0);
}

#[test]
fn a_dry_run_prints_totals_and_needs_no_gateway() {
    let folder = tempfile::tempdir().expect("temp dir");
    let lines = [
        lite("one", 8, 1),
        lite("two", 4, 2),
        json!({"model": "veo-3.1-generate-preview", "prompt": "three", "seconds": 8}),
    ];
    let input = write_input(folder.path(), "in.jsonl", &lines);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(["batch", &input, "--out", "unused", "--dry-run", "--json"])
        .env_remove("OMIXA_API_KEY")
        .output()
        .expect("omixa runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let plan: Value = serde_json::from_slice(&output.stdout).expect("a JSON plan");
    assert_eq!(plan["jobs"], 3);
    assert_eq!(plan["priced"]["USD"]["jobs"], 2);
    assert_eq!(plan["priced"]["USD"]["cost"], "0.80");
    assert_eq!(plan["priced"]["USD"]["hold"], "0.80");
    assert_eq!(plan["unpriced"]["veo-3.1-generate-preview"], 1);
    assert!(
        !folder.path().join("unused").exists(),
        "a dry run writes nothing"
    );
}

#[test]
fn a_result_whose_reader_has_gone_is_reported_not_a_panic() {
    // `omixa batch ... | true`: the reader is gone before the plan is printed. A job command keeps SIGPIPE
    // ignored (a closed pipe must not kill a wait or a batch), so the write fails, and says so.
    let folder = tempfile::tempdir().expect("temp dir");
    let input = write_input(folder.path(), "in.jsonl", &[lite("one", 8, 1)]);
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(["batch", &input, "--out", "unused", "--dry-run"])
        .env_remove("OMIXA_API_KEY")
        .stdout(writer)
        .output()
        .expect("omixa runs");
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write the result to standard output"),
        "{stderr}"
    );
}

#[test]
fn a_budget_over_an_unpriced_model_is_refused_before_anything_runs() {
    let gateway = Gateway::start(instant_jobs());
    let folder = tempfile::tempdir().expect("temp dir");
    let lines = [
        lite("one", 8, 1),
        json!({"model": "veo-3.1-generate-preview", "prompt": "two", "seconds": 8}),
    ];
    let input = write_input(folder.path(), "in.jsonl", &lines);
    let out = folder.path().join("out");
    let output = gateway.run_batch(&[
        &input,
        "--out",
        out.to_str().expect("utf-8"),
        "--budget",
        "5",
    ]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("line 2: model veo-3.1-generate-preview has no published price"),
        "{stderr}"
    );
    assert_eq!(gateway.usage()["creates"], 0);
}

#[test]
fn the_budget_is_never_exceeded_with_sixteen_in_flight() {
    let gateway = Gateway::start(EmulatorConfig {
        job_seconds: 0.1,
        job_seconds_max: Some(1.2),
        seed: Some(11),
        ..EmulatorConfig::default()
    });
    let folder = tempfile::tempdir().expect("temp dir");
    // 40 jobs of 0.20 to 0.40 USD (about 12 USD) under a 3.10 USD budget.
    let lines: Vec<Value> = (0..40)
        .map(|index| lite(&format!("scene {index}"), 4 + index % 5, 1))
        .collect();
    let input = write_input(folder.path(), "in.jsonl", &lines);
    let out = folder.path().join("out");
    let budget = Decimal::from_str("3.10").expect("a decimal");
    let output = gateway.run_batch(&[
        &input,
        "--out",
        out.to_str().expect("utf-8"),
        "--budget",
        "3.10",
        "--concurrency",
        "16",
    ]);
    assert_eq!(output.status.code(), Some(4), "{output:?}");

    // Replay the ledger: a hold is outstanding until its charge (then the cost counts) or its release.
    let usage = gateway.usage();
    let mut outstanding: HashMap<String, Decimal> = HashMap::new();
    let (mut peak, mut most_in_flight, mut in_flight) = (Decimal::ZERO, 0, 0);
    for record in usage["records"].as_array().expect("records") {
        let operation = record["operation"]
            .as_str()
            .expect("an operation")
            .to_owned();
        let amount = decimal(&record["amount"]);
        match record["kind"].as_str() {
            Some("hold") => {
                outstanding.insert(operation, amount);
                in_flight += 1;
            }
            Some("charge") => {
                outstanding.insert(operation, amount);
                in_flight -= 1;
            }
            Some("release") => {
                outstanding.remove(&operation);
                in_flight -= 1;
            }
            other => panic!("unexpected record kind {other:?}"),
        }
        let total: Decimal = outstanding.values().sum();
        assert!(total <= budget, "{total} above the budget at {record}");
        peak = peak.max(total);
        most_in_flight = most_in_flight.max(in_flight);
    }
    assert!(
        peak > budget - Decimal::from_str("0.40").expect("a decimal"),
        "the budget was used: {peak}"
    );
    assert!(most_in_flight > 1, "jobs ran concurrently");

    let report = report(&out);
    let jobs = report["jobs"].as_array().expect("jobs");
    let skipped: Vec<&Value> = jobs
        .iter()
        .filter(|job| job["status"] == "skipped_budget")
        .collect();
    let succeeded = jobs
        .iter()
        .filter(|job| job["status"] == "succeeded")
        .count();
    assert!(!skipped.is_empty());
    assert_eq!(succeeded + skipped.len(), lines.len());
    assert_eq!(report["totals"]["skipped_budget"], skipped.len());
    assert!(skipped.iter().all(|job| {
        job["error"]
            .as_str()
            .is_some_and(|error| error.contains("budget"))
    }));
    assert_eq!(
        records(&usage, "hold").len(),
        succeeded,
        "skipped jobs were never sent"
    );
    assert!(decimal(&report["totals"]["charged"]["USD"]) <= budget);
}

#[test]
fn two_processes_on_one_folder_create_no_job_twice() {
    let gateway = Gateway::start(EmulatorConfig {
        job_seconds: 0.3,
        seed: Some(5),
        latency_ms: 20,
        ..EmulatorConfig::default()
    });
    let folder = tempfile::tempdir().expect("temp dir");
    let lines: Vec<Value> = (0..16)
        .map(|index| lite(&format!("take {index}"), 8, 1))
        .collect();
    let input = write_input(folder.path(), "in.jsonl", &lines);
    let out = folder.path().join("out");
    let args = [
        input.as_str(),
        "--out",
        out.to_str().expect("utf-8"),
        "--concurrency",
        "3",
    ];
    let spawn = || {
        gateway
            .batch(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("starts")
    };
    let (first, second) = (spawn(), spawn());
    for child in [first, second] {
        let output = child.wait_with_output().expect("ends");
        assert_eq!(output.status.code(), Some(0), "{output:?}");
    }
    let usage = gateway.usage();
    assert_eq!(usage["creates"], lines.len());
    assert_eq!(usage["idempotent_replays"], 0);
    assert_eq!(records(&usage, "hold").len(), lines.len());
    assert_eq!(report(&out)["totals"]["succeeded"], lines.len());
    let (videos, partial) = videos(&out);
    assert_eq!((videos.len(), partial), (lines.len(), false));
}

#[test]
fn another_input_or_a_newer_journal_is_refused() {
    let gateway = Gateway::start(instant_jobs());
    let folder = tempfile::tempdir().expect("temp dir");
    let out = folder.path().join("out");
    let out_arg = out.to_str().expect("utf-8");
    let first = write_input(folder.path(), "first.jsonl", &[lite("one", 8, 1)]);
    let done = gateway.run_batch(&[&first, "--out", out_arg]);
    assert_eq!(done.status.code(), Some(0), "{done:?}");

    let second = write_input(folder.path(), "second.jsonl", &[lite("other", 8, 1)]);
    let refused = gateway.run_batch(&[&second, "--out", out_arg]);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert!(
        text(&refused.stderr).contains("was used for a different input"),
        "{refused:?}"
    );

    let journal = rusqlite::Connection::open(out.join(".omixa/journal.sqlite")).expect("opens");
    journal
        .execute(
            "UPDATE meta SET value = '42' WHERE key = 'schema_version'",
            [],
        )
        .expect("updates");
    drop(journal);
    let refused = gateway.run_batch(&[&first, "--out", out_arg]);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("schema version 42") && stderr.contains("up to 1"),
        "{stderr}"
    );
    assert_eq!(gateway.usage()["creates"], 1);
}

#[test]
fn the_report_lists_every_job_with_its_files_and_the_totals() {
    let gateway = Gateway::start(EmulatorConfig {
        job_failure_rate: 0.5,
        ..instant_jobs()
    });
    let folder = tempfile::tempdir().expect("temp dir");
    let lines: Vec<Value> = (0..6)
        .map(|index| json!({"id": format!("shot-{index}"), "request": lite(&format!("shot {index}"), 8, 2)}))
        .collect();
    let input = write_input(folder.path(), "in.jsonl", &lines);
    let out = folder.path().join("out");
    let output = gateway.run_batch(&[&input, "--out", out.to_str().expect("utf-8"), "--json"]);
    let summary: Value = serde_json::from_slice(&output.stdout).expect("a JSON summary");
    let report = report(&out);
    let jobs = report["jobs"].as_array().expect("jobs");
    assert_eq!(jobs.len(), 6);
    for (index, job) in jobs.iter().enumerate() {
        let keys: Vec<&str> = job
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "line",
                "id",
                "status",
                "operation",
                "cost",
                "currency",
                "files",
                "error"
            ]
        );
        assert_eq!(job["line"], index + 1);
        assert_eq!(job["id"], format!("shot-{index}"));
        assert_eq!(
            (&job["cost"], &job["currency"]),
            (&json!("0.80"), &json!("USD"))
        );
        match job["status"].as_str() {
            Some("succeeded") => {
                assert_eq!(
                    job["files"],
                    json!([format!("shot-{index}-0.mp4"), format!("shot-{index}-1.mp4")])
                );
                assert!(job["error"].is_null());
            }
            Some("failed") => {
                assert_eq!(job["files"], json!([]));
                assert!(
                    job["error"]
                        .as_str()
                        .is_some_and(|error| error.contains("simulated"))
                );
            }
            other => panic!("unexpected status {other:?}"),
        }
    }
    let succeeded = jobs
        .iter()
        .filter(|job| job["status"] == "succeeded")
        .count();
    let totals = &report["totals"];
    assert_eq!(totals["succeeded"], succeeded);
    assert_eq!(totals["failed"], 6 - succeeded);
    assert_eq!(
        (&totals["skipped_budget"], &totals["invalid"]),
        (&json!(0), &json!(0))
    );
    let charged = Decimal::from(succeeded as u64) * Decimal::from_str("0.80").expect("a decimal");
    if succeeded > 0 {
        assert_eq!(decimal(&totals["charged"]["USD"]), charged);
    }
    assert_eq!(summary["succeeded"], succeeded);
    let expected_code = if succeeded == 6 { 0 } else { 1 };
    assert_eq!(output.status.code(), Some(expected_code), "{output:?}");
    assert_eq!(videos(&out).0.len(), succeeded * 2);
}

#[test]
fn ctrl_c_stops_starting_jobs_and_a_rerun_finishes_them() {
    let gateway = Gateway::start(EmulatorConfig {
        job_seconds: 2.0,
        seed: Some(9),
        ..EmulatorConfig::default()
    });
    let folder = tempfile::tempdir().expect("temp dir");
    let lines: Vec<Value> = (0..4)
        .map(|index| lite(&format!("cut {index}"), 8, 1))
        .collect();
    let input = write_input(folder.path(), "in.jsonl", &lines);
    let out = folder.path().join("out");
    let args = [
        input.as_str(),
        "--out",
        out.to_str().expect("utf-8"),
        "--concurrency",
        "2",
    ];
    let child = gateway
        .batch(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    // Well after the first two creates, well before those jobs end.
    std::thread::sleep(std::time::Duration::from_millis(800));
    let pid = nix::unistd::Pid::from_raw(i32::try_from(child.id()).expect("a pid"));
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).expect("signals");
    let interrupted = child.wait_with_output().expect("ends");
    assert_eq!(interrupted.status.code(), Some(130), "{interrupted:?}");
    assert!(text(&interrupted.stderr).contains("run the same command again to resume"));
    let statuses: Vec<Value> = report(&out)["jobs"]
        .as_array()
        .expect("jobs")
        .iter()
        .map(|job| job["status"].clone())
        .collect();
    assert_eq!(
        statuses,
        [
            json!("created"),
            json!("created"),
            json!("pending"),
            json!("pending")
        ]
    );

    let resumed = gateway.run_batch(&args);
    assert_eq!(resumed.status.code(), Some(0), "{resumed:?}");
    assert_eq!(gateway.usage()["creates"], lines.len());
}

#[test]
fn jobs_past_the_wait_timeout_are_unfinished_and_resumed_by_a_rerun() {
    let gateway = Gateway::start(EmulatorConfig {
        job_seconds: 3.0,
        seed: Some(4),
        ..EmulatorConfig::default()
    });
    let folder = tempfile::tempdir().expect("temp dir");
    let lines = [lite("slow one", 8, 1), lite("slow two", 8, 1)];
    let input = write_input(folder.path(), "in.jsonl", &lines);
    let out = folder.path().join("out");
    let out_arg = out.to_str().expect("utf-8");
    let timed_out = gateway.run_batch(&[&input, "--out", out_arg, "--timeout", "1", "--json"]);
    assert_eq!(timed_out.status.code(), Some(2), "{timed_out:?}");
    assert!(text(&timed_out.stderr).contains("run the same command again to resume"));
    let summary: Value = serde_json::from_slice(&timed_out.stdout).expect("a JSON summary");
    assert_eq!(summary["unfinished"], 2);
    let report = report(&out);
    assert!(
        report["jobs"].as_array().expect("jobs").iter().all(|job| {
            job["status"] == "created"
                && job["error"]
                    .as_str()
                    .is_some_and(|error| error.contains("not finished"))
        }),
        "{report}"
    );

    let resumed = gateway.run_batch(&[&input, "--out", out_arg]);
    assert_eq!(resumed.status.code(), Some(0), "{resumed:?}");
    let usage = gateway.usage();
    assert_eq!(
        (
            usage["creates"].as_u64(),
            usage["idempotent_replays"].as_u64()
        ),
        (Some(2), Some(0))
    );
    assert_eq!(videos(&out).0, ["1-0.mp4", "2-0.mp4"]);
}
