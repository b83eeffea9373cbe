//! `omixa models`, `validate` and `estimate`, run as a user runs them: the real binary, its stdout and exit code.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn omixa(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the omixa binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("piped")
            .write_all(input.as_bytes())
            .expect("stdin accepts the request");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("omixa exits")
}

fn json_out(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "stdout is not JSON ({error}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[test]
fn validate_prints_the_seed_example_normalized() {
    let output = omixa(&["validate", "examples/veo-3.1-lite.json"], None);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = json_out(&output);
    let original: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("examples/veo-3.1-lite.json")).expect("example"),
    )
    .expect("example is JSON");
    assert_eq!(
        printed, original,
        "the published example is already canonical"
    );
}

#[test]
fn validate_lists_every_issue_and_exits_1() {
    let output = omixa(&["validate", "--json", "examples/invalid.json"], None);
    assert_eq!(output.status.code(), Some(1));
    let printed = json_out(&output);
    assert_eq!(printed["valid"], false);
    let issues = printed["issues"].as_array().expect("issues");
    let codes: Vec<(&str, &str)> = issues
        .iter()
        .map(|issue| {
            (
                issue["code"].as_str().unwrap(),
                issue["path"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("out_of_range", "/seconds"),
            ("not_accepted", "/aspect_ratio"),
            ("unknown_field", "/durations")
        ]
    );
    assert_eq!(issues[1]["suggestion"], "accepted: 16:9, 9:16, 1:1");
    assert_eq!(issues[2]["suggestion"], "did you mean `duration_seconds`?");
    for issue in issues {
        for key in ["code", "path", "field", "message", "suggestion"] {
            assert!(issue.get(key).is_some(), "issue lacks `{key}`: {issue}");
        }
    }

    let human = omixa(&["validate", "examples/invalid.json"], None);
    assert_eq!(human.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&human.stderr);
    for part in [
        "out_of_range",
        "not_accepted",
        "unknown_field",
        "16:9, 9:16, 1:1",
        "duration_seconds",
    ] {
        assert!(stderr.contains(part), "stderr lacks {part:?}:\n{stderr}");
    }
    assert!(
        !stderr.contains("Issue {"),
        "diagnostics, not Debug dumps:\n{stderr}"
    );
}

#[test]
fn validate_reads_standard_input() {
    let request =
        r#"{"model": "veo-3.1-lite-generate-001", "prompt": "x", "task": "text_to_video"}"#;
    let output = omixa(&["validate", "--json", "-"], Some(request));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        json_out(&output)["request"]["video_operation"],
        "text_to_video"
    );
}

#[test]
fn estimate_prices_the_issue_examples_exactly() {
    let eight =
        r#"{"model": "veo-3.1-lite-generate-001", "prompt": "x", "seconds": 8, "n_variants": 1}"#;
    let output = omixa(&["estimate", "--json", "-"], Some(eight));
    assert_eq!(output.status.code(), Some(0));
    let estimate = json_out(&output);
    assert_eq!(estimate["cost"], "0.40");
    assert_eq!(estimate["hold"], "0.40");
    assert_eq!(estimate["currency"], "USD");

    let output = omixa(&["estimate", "--json", "examples/four-variants.json"], None);
    let estimate = json_out(&output);
    assert_eq!(
        (estimate["cost"].as_str(), estimate["sample_count"].as_i64()),
        (Some("1.20"), Some(4))
    );
    assert_eq!(estimate["assumed"], serde_json::json!([]));
}

#[test]
fn estimate_says_plainly_when_there_is_no_price() {
    let output = omixa(
        &["estimate", "--json", "examples/veo-3.1-preview.json"],
        None,
    );
    assert_eq!(output.status.code(), Some(0));
    let estimate = json_out(&output);
    assert_eq!(estimate["priced"], false);
    assert_eq!(estimate["model"], "veo-3.1-generate-preview");
    assert!(
        estimate["reason"]
            .as_str()
            .unwrap()
            .contains("no published price")
    );
    assert!(estimate.get("cost").is_none(), "no invented cost");
}

#[test]
fn models_lists_both_seed_models() {
    let output = omixa(&["models", "--json"], None);
    assert_eq!(output.status.code(), Some(0));
    let ids: Vec<String> = json_out(&output)
        .as_array()
        .unwrap()
        .iter()
        .map(|model| model["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        ids,
        ["veo-3.1-generate-preview", "veo-3.1-lite-generate-001"]
    );

    let table = omixa(&["models"], None);
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("no published price"), "{table}");

    let show = omixa(&["models", "show", "veo-3.1-lite-generate-001"], None);
    let show = String::from_utf8_lossy(&show.stdout);
    for row in [
        "duration_seconds|seconds",
        "start_frame|first_frame|image|input_reference",
        "16:9, 9:16, 1:1",
        "from 1 to 30",
    ] {
        assert!(show.contains(row), "`models show` lacks {row:?}:\n{show}");
    }
}

#[test]
fn usage_and_input_errors_exit_2_with_a_diagnostic() {
    let unknown = omixa(&["models", "show", "nope"], None);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("known models"));

    let missing = omixa(&["validate", "no/such/file.json"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/file.json"));

    let broken = omixa(
        &["validate", "-"],
        Some("{\n  \"model\": \"x\",\n  oops\n}"),
    );
    assert_eq!(broken.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(
        stderr.contains("not valid JSON") && stderr.contains("oops"),
        "{stderr}"
    );

    let no_args = omixa(&["validate"], None);
    assert_eq!(no_args.status.code(), Some(2));
}
