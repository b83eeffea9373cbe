//! Runs every shared vector through `omixa validate --json` (and `estimate --json`), the CLI's runner of
//! `tests/vectors/` (format: `tests/vectors/README.md`). The JSON output carries the same codes and paths as
//! the library, so scripts can rely on it.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn run(args: &[&str], input: &str) -> (Option<i32>, Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_omixa"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the omixa binary runs");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(input.as_bytes())
        .expect("request written");
    let output = child.wait_with_output().expect("omixa exits");
    (
        output.status.code(),
        serde_json::from_slice(&output.stdout).expect("--json prints JSON"),
    )
}

/// Equal as JSON text: `Value`'s `==` ignores key order, which the normalized request must keep.
fn same_text(a: &Value, b: &Value) -> bool {
    serde_json::to_string(a).ok() == serde_json::to_string(b).ok()
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("vectors folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            out.push(path);
        }
    }
}

#[test]
fn every_shared_vector_passes_through_the_cli() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut paths = Vec::new();
    files(&root, &mut paths);
    paths.sort();
    assert!(paths.len() >= 60);
    let mut failures = Vec::new();
    for path in &paths {
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("vector")).expect("JSON");
        let input = case["request"].to_string();
        let mut args = vec!["validate", "--json", "-"];
        if case["lenient"].as_bool() == Some(true) {
            args.insert(1, "--lenient");
        }
        let (code, printed) = run(&args, &input);
        let expect = &case["expect"];
        let name = path
            .strip_prefix(&root)
            .expect("below root")
            .display()
            .to_string();
        if expect["valid"] == true {
            if code != Some(0) || !same_text(&printed["request"], &expect["request"]) {
                failures.push(format!("{name}: exit {code:?}, printed {printed}"));
                continue;
            }
            if let Some(want) = case.get("estimate") {
                let (_, estimate) = run(&["estimate", "--json", "-"], &input);
                if want
                    .as_object()
                    .expect("object")
                    .iter()
                    .any(|(key, value)| estimate.get(key) != Some(value))
                {
                    failures.push(format!("{name}: estimate {estimate}, want {want}"));
                }
            }
        } else {
            let got: Vec<(Value, Value)> = printed["issues"]
                .as_array()
                .map(|issues| {
                    issues
                        .iter()
                        .map(|issue| (issue["code"].clone(), issue["path"].clone()))
                        .collect()
                })
                .unwrap_or_default();
            let want: Vec<(Value, Value)> = expect["issues"]
                .as_array()
                .expect("issues")
                .iter()
                .map(|issue| (issue["code"].clone(), issue["path"].clone()))
                .collect();
            if code != Some(1) || got != want {
                failures.push(format!(
                    "{name}: exit {code:?}, issues {got:?}, want {want:?}"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}
