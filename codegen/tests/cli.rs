//! The binary's exit codes: 0 done, 1 invalid catalog or out-of-date output, 2 usage or I/O error.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use std::path::PathBuf;
use std::process::Command;

fn codegen(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_omixa-codegen"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn fixture(case: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case)
        .join("spec")
        .display()
        .to_string()
}

#[test]
fn exit_codes() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path().to_str().unwrap();
    let mini = fixture("mini");

    let (code, stderr) = codegen(&["--spec", &mini, "--out", out, "--check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("missing: rust/models.rs"), "{stderr}");

    assert_eq!(codegen(&["--spec", &mini, "--out", out]).0, 0);
    assert_eq!(codegen(&["--spec", &mini, "--out", out, "--check"]).0, 0);

    let (code, stderr) = codegen(&["--spec", &fixture("unknown_key"), "--out", out, "--check"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("m-1.yaml:8:1: unknown field `pricee`"),
        "{stderr}"
    );

    assert_eq!(codegen(&["--no-such-flag"]).0, 2);
    assert_eq!(codegen(&["--spec", "/nonexistent/spec", "--out", out]).0, 2);
}
