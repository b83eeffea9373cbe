//! Snapshots of every emitter's output for the small fixture catalog `tests/fixtures/mini/spec/`: one model
//! with a price, an example request and every field type, one without a price or example that omits fields and
//! overrides a range and values.
//!
//! The fixture's Rust is not an insta snapshot but a plain file inside the core crate,
//! `core/tests/fixtures/mini_catalog.rs`, so that the core can `include!` and compile it in a test
//! (`core/src/fixture_catalog.rs`), from the repository and from its packaged crate alike. Review changes to all
//! of them with `INSTA_UPDATE=always cargo test -p omixa-codegen`, then read the diff.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use std::path::PathBuf;

/// The generated Rust of the fixture catalog, as compiled by the core's tests.
const FIXTURE_RUST: &str = "../core/tests/fixtures/mini_catalog.rs";

#[test]
fn every_output_of_the_mini_catalog() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/spec");
    let outputs = omixa_codegen::generate(&spec).unwrap();
    let paths: Vec<&str> = outputs.iter().map(|(path, _)| path).collect();
    assert_eq!(
        paths,
        [
            "README.md",
            "docs/models/README.md",
            "docs/models/alpha-1.md",
            "docs/models/beta-2.md",
            "examples/alpha-1/cli.sh",
            "examples/alpha-1/csharp-httpclient.cs",
            "examples/alpha-1/curl.sh",
            "examples/alpha-1/fetch.mjs",
            "examples/alpha-1/go-nethttp.go",
            "examples/alpha-1/php-curl.php",
            "examples/alpha-1/python-requests.py",
            "examples/alpha-1/sdk-node.mjs",
            "examples/alpha-1/sdk-python.py",
            "examples/alpha-1/sdk-rust.rs",
            "examples/rust_examples.rs",
            "node/models.d.ts",
            "python/_models.pyi",
            "rust/models.rs",
            "schema/alpha-1.request.schema.json",
            "schema/beta-2.request.schema.json",
            "schema/catalog.schema.json",
            "site/alpha-1.html",
            "site/beta-2.html",
            "site/files.rs",
            "site/index.html",
            "site/style.css",
        ]
    );
    for (path, text) in outputs.iter().filter(|(path, _)| *path != "rust/models.rs") {
        insta::assert_snapshot!(path.replace('/', "__"), text);
    }
}

/// The fixture's Rust on disk is what the generator makes of the fixture now (rewritten under
/// `INSTA_UPDATE=always`, the snapshots' review switch).
#[test]
fn the_compiled_fixture_rust_is_current() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let outputs = omixa_codegen::generate(&root.join("tests/fixtures/mini/spec")).unwrap();
    let fresh = outputs.get("rust/models.rs").unwrap();
    let path = root.join(FIXTURE_RUST);
    if std::env::var("INSTA_UPDATE").is_ok_and(|update| update == "always") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, fresh).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == fresh,
        "{FIXTURE_RUST} is out of date; run `INSTA_UPDATE=always cargo test -p omixa-codegen --test snapshots`"
    );
}

/// The same catalog twice gives the same bytes.
#[test]
fn output_is_deterministic() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/spec");
    assert_eq!(
        omixa_codegen::generate(&spec).unwrap(),
        omixa_codegen::generate(&spec).unwrap()
    );
}

/// The generated Rust parses, and every emitted JSON Schema is a valid 2020-12 schema.
#[test]
fn outputs_are_well_formed() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/spec");
    let outputs = omixa_codegen::generate(&spec).unwrap();
    syn::parse_file(outputs.get("rust/models.rs").unwrap()).unwrap();
    for (path, text) in outputs.iter().filter(|(path, _)| path.ends_with(".json")) {
        let schema: serde_json::Value = serde_json::from_str(text).unwrap();
        assert!(jsonschema::meta::is_valid(&schema), "{path}");
    }
}
