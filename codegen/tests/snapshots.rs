//! Snapshots of every emitter's output for the small fixture catalog `tests/fixtures/mini/spec/`: one model
//! with a price and every field type, one without a price that omits fields and overrides a range and values.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use std::path::PathBuf;

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
            "node/models.d.ts",
            "python/_models.pyi",
            "rust/models.rs",
            "schema/alpha-1.request.schema.json",
            "schema/beta-2.request.schema.json",
            "schema/catalog.schema.json",
        ]
    );
    for (path, text) in outputs.iter() {
        insta::assert_snapshot!(path.replace('/', "__"), text);
    }
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
