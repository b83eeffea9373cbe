//! Runs every shared vector in `tests/vectors/` through the core (the Python, Node and CLI runners read the
//! same files). See `tests/vectors/README.md` for the format.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a test runner reports failures by panicking"
)]

use omixa::ValidateOptions;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn vector_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            vector_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            out.push(path);
        }
    }
}

/// Equal as JSON text: `Value`'s `==` ignores key order, which the normalized request must keep.
fn same_text(a: &Value, b: &Value) -> bool {
    serde_json::to_string(a).ok() == serde_json::to_string(b).ok()
}

/// Checks one case; returns what differs, if anything.
fn check(case: &Value) -> Result<(), String> {
    let options =
        ValidateOptions::default().with_lenient(case["lenient"].as_bool().unwrap_or(false));
    let expect = &case["expect"];
    let outcome = omixa::validate_with(case["request"].clone(), &options);
    match (expect["valid"].as_bool(), outcome) {
        (Some(true), Ok(validated)) => {
            let got = validated.to_value();
            // Key order is part of the contract: compare the serialized text, not just the maps.
            if !same_text(&got, &expect["request"]) {
                return Err(format!(
                    "normalized request differs:\n  got  {got}\n  want {}",
                    expect["request"]
                ));
            }
            let warnings: Vec<Value> = validated
                .warnings
                .iter()
                .map(|issue| json!({"code": issue.code(), "path": issue.path}))
                .collect();
            let want_warnings = expect.get("warnings").cloned().unwrap_or(json!([]));
            if Value::Array(warnings.clone()) != want_warnings {
                return Err(format!(
                    "warnings differ: got {warnings:?}, want {want_warnings}"
                ));
            }
            if let Some(want) = case.get("estimate") {
                let got = serde_json::to_value(omixa::estimate_validated(&validated)).unwrap();
                for (key, value) in want.as_object().unwrap() {
                    if got.get(key) != Some(value) {
                        return Err(format!("estimate `{key}` differs: got {got}, want {want}"));
                    }
                }
            }
            Ok(())
        }
        (Some(false), Err(error)) => {
            let want = expect["issues"].as_array().unwrap();
            let got = &error.issues;
            let pairs = |issues: &[Value]| -> Vec<(String, String)> {
                issues
                    .iter()
                    .map(|i| {
                        (
                            i["code"].as_str().unwrap().into(),
                            i["path"].as_str().unwrap().into(),
                        )
                    })
                    .collect()
            };
            let got_pairs: Vec<(String, String)> = got
                .iter()
                .map(|issue| (issue.code().as_str().to_owned(), issue.path.clone()))
                .collect();
            if got_pairs != pairs(want) {
                return Err(format!(
                    "issues differ:\n  got  {got_pairs:?}\n  want {:?}\n  ({error})",
                    pairs(want)
                ));
            }
            for (issue, want) in got.iter().zip(want) {
                if let Some(field) = want.get("field").and_then(Value::as_str)
                    && issue.field() != Some(field)
                {
                    return Err(format!(
                        "issue at {} names field {:?}, want {field}",
                        issue.path,
                        issue.field()
                    ));
                }
                if let Some(part) = want.get("suggestion_contains").and_then(Value::as_str)
                    && !issue.suggestion().unwrap_or_default().contains(part)
                {
                    return Err(format!(
                        "suggestion {:?} lacks {part:?}",
                        issue.suggestion()
                    ));
                }
            }
            Ok(())
        }
        (Some(true), Err(error)) => Err(format!("expected valid, got {error}")),
        (Some(false), Ok(validated)) => Err(format!(
            "expected issues, got valid {}",
            validated.to_value()
        )),
        (None, _) => Err("`expect.valid` must be true or false".to_owned()),
    }
}

#[test]
fn every_shared_vector_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files = Vec::new();
    vector_files(&root, &mut files);
    files.sort();
    assert!(
        files.len() >= 60,
        "expected at least 60 vectors, found {}",
        files.len()
    );
    let failures: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
            check(&case)
                .err()
                .map(|why| format!("{}: {why}", file.strip_prefix(&root).unwrap().display()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn every_issue_code_is_covered_by_a_vector() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files = Vec::new();
    vector_files(&root, &mut files);
    let text: String = files
        .iter()
        .map(|file| std::fs::read_to_string(file).unwrap())
        .collect();
    for code in omixa::IssueCode::ALL {
        assert!(
            text.contains(&format!("\"code\": \"{code}\"")),
            "no vector expects `{code}`"
        );
    }
}
