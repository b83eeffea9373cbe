//! The request reader through the binary: hostile or sloppy files get a short, exact message and exit code
//! 2 (or 1 for an invalid request), never a panic or an echo of the whole file.

use std::path::Path;
use std::process::{Command, Output};

fn omixa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("OMIXA_API_KEY")
        .output()
        .expect("omixa runs")
}

fn write(folder: &Path, name: &str, bytes: &[u8]) -> String {
    let path = folder.join(name);
    std::fs::write(&path, bytes).expect("file written");
    path.display().to_string()
}

/// Standard error with miette's line wrapping undone: gutters dropped, whitespace runs made one space.
fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr)
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A minified request whose only line holds an 80 KB "image" and ends in a trailing comma.
fn long_line_with_trailing_comma() -> String {
    format!(
        r#"{{"model":"veo-3.1-lite-generate-001","prompt":"x","image":"data:image/png;base64,{}",}}"#,
        "A".repeat(80_000)
    )
}

#[test]
fn a_syntax_error_past_column_65535_is_a_short_report() {
    let folder = tempfile::tempdir().expect("temp dir");
    let text = long_line_with_trailing_comma();
    let file = write(folder.path(), "long.json", text.as_bytes());
    let column = text.len(); // serde_json points at the closing brace after the comma

    let output = omixa(&["validate", &file]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let report = stderr(&output);
    assert!(report.contains("omixa::input::json"), "{report}");
    assert!(
        report.contains(&format!("line 1, column {column}")),
        "{report}"
    );
    assert!(report.contains("trailing comma"), "{report}");
    assert!(
        report.len() < 2_000,
        "the report echoes {} bytes",
        report.len()
    );
    assert!(
        report.contains("AAAA\",}"),
        "the excerpt shows the error spot: {report}"
    );
}

#[test]
fn an_empty_file_says_so() {
    let folder = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in [("empty.json", &b""[..]), ("blank.json", b" \n\t\n")] {
        let output = omixa(&["validate", &write(folder.path(), name, bytes)]);
        assert_eq!(output.status.code(), Some(2));
        assert!(
            stderr(&output).contains("the file is empty"),
            "{name}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut bytes = "\u{FEFF}".as_bytes().to_vec();
    bytes.extend_from_slice(br#"{"model": "veo-3.1-lite-generate-001", "prompt": "x"}"#);
    let output = omixa(&["validate", &write(folder.path(), "bom.json", &bytes)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn duplicate_keys_name_both_lines() {
    let folder = tempfile::tempdir().expect("temp dir");
    let text = "{\n  \"model\": \"veo-3.1-lite-generate-001\",\n  \"seconds\": 4,\n  \"prompt\": \"x\",\n  \"seconds\": 8\n}\n";
    let output = omixa(&[
        "validate",
        &write(folder.path(), "dup.json", text.as_bytes()),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let report = stderr(&output);
    assert!(
        report.contains("duplicate key \"seconds\" on line 3 and line 5"),
        "{report}"
    );
}

#[test]
fn a_hundred_thousand_unknown_keys_print_fifty_issues_and_a_count() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut request = serde_json::Map::new();
    request.insert("model".into(), "veo-3.1-lite-generate-001".into());
    request.insert("prompt".into(), "x".into());
    for index in 0..100_000 {
        request.insert(format!("unknown_{index}"), 1.into());
    }
    let text = serde_json::Value::Object(request).to_string();
    let file = write(folder.path(), "many.json", text.as_bytes());

    let human = omixa(&["validate", &file]);
    assert_eq!(human.status.code(), Some(1));
    let report = stderr(&human);
    assert!(report.contains("(100,000 issues)"), "{report}");
    assert_eq!(report.matches("is not a field of model").count(), 50);
    assert!(report.contains("and 99,950 more"), "{report}");

    let json = omixa(&["validate", "--json", &file]);
    assert_eq!(json.status.code(), Some(1));
    let answer: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(answer["issues"].as_array().map(Vec::len), Some(100_000));
}

#[test]
fn an_output_folder_that_is_a_file_is_a_sentence() {
    let folder = tempfile::tempdir().expect("temp dir");
    let request = write(
        folder.path(),
        "request.json",
        br#"{"model": "veo-3.1-lite-generate-001", "prompt": "x"}"#,
    );
    let not_a_folder = write(folder.path(), "videos.mp4", b"");
    let output = Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(["create", &request, "--out", &not_a_folder])
        .env("NO_COLOR", "1")
        .env("OMIXA_API_KEY", "omx_test_unused")
        // Nothing listens here: the check must come before any request.
        .env("OMIXA_BASE_URL", "http://127.0.0.1:9")
        .output()
        .expect("omixa runs");
    assert_eq!(output.status.code(), Some(2));
    let report = stderr(&output);
    assert!(report.contains("is a file, not a folder"), "{report}");
    assert!(!report.contains("os error"), "{report}");
}
