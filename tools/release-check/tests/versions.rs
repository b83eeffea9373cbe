//! One version for the whole release: the crates' (Cargo's workspace version), the Python package's (read from
//! Cargo by maturin) and the Node packages'.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use omixa_release_check::{VERSION, node_loader_versions, node_package_versions, repository_root};

#[test]
fn every_node_package_has_the_crates_version() {
    let stated = node_package_versions(&repository_root()).unwrap();
    assert!(
        stated.len() > 1,
        "the main package and at least one platform package: {stated:?}"
    );
    let wrong: Vec<String> = stated
        .iter()
        .filter(|stated| stated.version != VERSION)
        .map(ToString::to_string)
        .collect();
    assert!(
        wrong.is_empty(),
        "every Node package must be at the workspace version {VERSION} (root Cargo.toml); \
         run `npm version <v> --no-git-tag-version` in bindings/node and `napi version`:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_node_loader_checks_for_the_crates_version() {
    let versions = node_loader_versions(&repository_root()).unwrap();
    assert!(
        !versions.is_empty(),
        "native.js names the platform packages' version"
    );
    assert!(
        versions.iter().all(|version| version == VERSION),
        "bindings/node/native.js expects {versions:?}, the workspace is at {VERSION}: rebuild it (`node scripts/build.js`)"
    );
}

#[test]
fn the_python_package_takes_its_version_from_cargo() {
    let pyproject =
        std::fs::read_to_string(repository_root().join("bindings/python/pyproject.toml")).unwrap();
    let project = pyproject
        .split("\n[")
        .find(|table| table.starts_with("project]"))
        .unwrap_or_default();
    assert!(
        project.contains(r#"dynamic = ["version"]"#),
        "pyproject.toml's [project] must say dynamic = [\"version\"], so that maturin takes Cargo's version"
    );
    assert!(
        !project
            .lines()
            .any(|line| line.trim_start().starts_with("version")),
        "pyproject.toml's [project] must not state a version of its own"
    );
}
