//! The real catalog: it loads, `generated/` is exactly what it produces (the same check as `--check`), and
//! every file of `spec/` validates against the catalog's own JSON Schema.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

#[test]
fn the_catalog_resolves_with_both_seed_models() {
    let catalog = omixa_codegen::resolve(&workspace().join("spec")).unwrap();
    let ids: Vec<&str> = catalog
        .models
        .iter()
        .map(|model| model.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["veo-3.1-generate-preview", "veo-3.1-lite-generate-001"]
    );
    let [preview, lite] = &catalog.models[..] else {
        unreachable!()
    };
    assert!(
        preview.price.is_none(),
        "the Preview page publishes no price"
    );
    let price = lite.price.as_ref().unwrap();
    assert_eq!(
        (price.currency.as_str(), price.per_second.text.as_str()),
        ("USD", "0.050000")
    );
    assert_eq!(price.minimum_hold.text, "0.010000");
    assert_eq!(
        lite.fields.len(),
        18,
        "every field of the published field table"
    );
}

#[test]
fn generated_is_up_to_date() {
    let outputs = omixa_codegen::generate(&workspace().join("spec")).unwrap();
    let layout = omixa_codegen::output::Layout::repository(&workspace());
    let drifts = outputs.check(layout).unwrap();
    let report: Vec<String> = drifts.iter().map(ToString::to_string).collect();
    assert!(
        drifts.is_empty(),
        "generated/ or core/generated/ is out of date; run `cargo run -p omixa-codegen`:\n{}",
        report.join("\n")
    );
}

#[test]
fn spec_files_validate_against_the_catalog_schema() {
    let outputs = omixa_codegen::generate(&workspace().join("spec")).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(outputs.get("schema/catalog.schema.json").unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for dir in ["fields", "endpoints", "models"] {
        for entry in std::fs::read_dir(workspace().join("spec").join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let yaml = std::fs::read_to_string(&path).unwrap();
            let document: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&document)
                .map(|error| error.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        }
    }
}
