//! "Adding a model is one YAML file": on a temporary copy of the repository, add `spec/models/<id>.yaml` for a
//! model with its own price that omits `sample_count`, run the generator, rebuild, and check that the model
//! appears in `omixa models`, validates, estimates and rejects `n_variants`, with no hand-written code.
//!
//! Ignored by default because it builds a second copy of the workspace (a few minutes on a cold cache); the
//! project's test command runs it with `make test-add-model`.

use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const NEW_MODEL: &str = r#"# A model added by the add-a-model test: its own price, a narrower duration, no sample_count.
id: acme-clip-1
name: Acme Clip 1
description: A test model whose route does not accept n_variants.
source: Omixa's published page for acme-clip-1
provider: acme
endpoint: google_veo_video_jobs
include: [video]
omit: [sample_count]
override:
  duration_seconds:
    range: { min: 4, max: 12 }
price:
  currency: USD
  per_second: "0.002000"
  minimum_hold: "0.050000"
"#;

/// Folders a copy does not need: build outputs, dependencies and virtual environments are rebuilt or unused.
const SKIPPED: &[&str] = &[
    "target",
    ".git",
    "node_modules",
    ".venv",
    "__pycache__",
    ".pytest_cache",
];

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder in the copy");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let name = entry.file_name();
        if SKIPPED.iter().any(|skipped| name == *skipped) {
            continue;
        }
        let kind = entry.file_type().expect("file type");
        let target = to.join(&name);
        if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

fn cargo(workspace: &Path, target_dir: &Path, args: &[&str]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(args)
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target_dir)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo {args:?} failed in the copy");
}

fn omixa(binary: &Path, args: &[&str], stdin: &Value) -> Output {
    let mut child = Command::new(binary)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the rebuilt omixa runs");
    let written = child
        .stdin
        .take()
        .expect("piped")
        .write_all(stdin.to_string().as_bytes());
    // A command that reads no request (`models`) may exit before the write: a closed pipe is fine then.
    if let Err(error) = written {
        assert_eq!(
            error.kind(),
            std::io::ErrorKind::BrokenPipe,
            "request written: {error}"
        );
    }
    child.wait_with_output().expect("omixa exits")
}

fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "not JSON ({error}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[test]
#[ignore = "builds a copy of the workspace; run by `make test-add-model`"]
fn one_yaml_file_adds_a_model_everywhere() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let copy = tempfile::tempdir().expect("temporary folder");
    let workspace = copy.path().join("omixa");
    copy_tree(&repo, &workspace);
    std::fs::write(workspace.join("spec/models/acme-clip-1.yaml"), NEW_MODEL)
        .expect("write the model file");

    // A target folder of its own, kept between runs under the real target/, so the copy never replaces the
    // real `target/debug/omixa` and a second run only recompiles the workspace crates.
    let target_dir: PathBuf = repo.join("target/add-model");
    cargo(
        &workspace,
        &target_dir,
        &["run", "--locked", "--quiet", "-p", "omixa-codegen"],
    );
    for generated in [
        "generated/schema/acme-clip-1.request.schema.json",
        "generated/docs/models/acme-clip-1.md",
    ] {
        assert!(
            workspace.join(generated).is_file(),
            "the generator wrote {generated}"
        );
    }
    for (file, needle) in [
        ("generated/python/_models.pyi", "acme-clip-1"),
        ("generated/node/models.d.ts", "acme-clip-1"),
    ] {
        let text = std::fs::read_to_string(workspace.join(file)).expect("generated typing");
        assert!(text.contains(needle), "{file} names the new model");
    }
    cargo(
        &workspace,
        &target_dir,
        &["build", "--locked", "--quiet", "-p", "omixa-cli"],
    );
    let binary = target_dir.join("debug/omixa");

    let models = stdout_json(&omixa(&binary, &["models", "--json"], &json!(null)));
    let listed = models
        .as_array()
        .expect("array")
        .iter()
        .find(|model| model["id"] == "acme-clip-1");
    let listed = listed.expect("`omixa models` lists the new model");
    assert_eq!(listed["price_per_second"], "0.002000");
    assert_eq!(listed["omitted"], json!(["sample_count"]));

    let request = json!({"model": "acme-clip-1", "prompt": "a red kite", "seconds": 10});
    let validated = omixa(&binary, &["validate", "--json", "-"], &request);
    assert_eq!(
        validated.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&validated.stderr)
    );
    assert_eq!(
        stdout_json(&validated)["request"],
        json!({"model": "acme-clip-1", "prompt": "a red kite", "duration_seconds": 10, "video_operation": "text_to_video"})
    );

    // 10 s × 0.002 = 0.02, below the minimum hold of 0.05; no sample_count, so one video and nothing assumed.
    let estimate = stdout_json(&omixa(&binary, &["estimate", "--json", "-"], &request));
    assert_eq!(
        (estimate["cost"].as_str(), estimate["hold"].as_str()),
        (Some("0.02"), Some("0.05"))
    );
    assert_eq!(estimate["assumed"], json!([]));

    let with_variants =
        json!({"model": "acme-clip-1", "prompt": "a red kite", "n_variants": 2, "seconds": 20});
    let rejected = omixa(&binary, &["validate", "--json", "-"], &with_variants);
    assert_eq!(rejected.status.code(), Some(1));
    let issues = stdout_json(&rejected)["issues"].clone();
    let codes: Vec<(&str, &str)> = issues
        .as_array()
        .expect("issues")
        .iter()
        .map(|issue| {
            (
                issue["code"].as_str().unwrap_or_default(),
                issue["path"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("unknown_field", "/n_variants"),
            ("out_of_range", "/seconds")
        ],
        "override applies too"
    );

    let lenient = omixa(
        &binary,
        &["validate", "--lenient", "--json", "-"],
        &json!({"model": "acme-clip-1", "prompt": "x", "n_variants": 2}),
    );
    assert_eq!(
        lenient.status.code(),
        Some(0),
        "lenient mode drops the omitted field"
    );
    let lenient = stdout_json(&lenient);
    assert!(
        lenient["request"].get("n_variants").is_none()
            && lenient["request"].get("sample_count").is_none()
    );
    assert_eq!(lenient["warnings"][0]["path"], "/n_variants");
}
