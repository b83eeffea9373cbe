//! The emitted request schemas accept the model pages' example payload (with a real image instead of the
//! `<base64-start-frame>` placeholder) and reject what the catalog does not allow.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use std::path::Path;

use serde_json::{Value, json};

/// A 1×1 transparent PNG.
const PNG: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

fn validator(model: &str) -> jsonschema::Validator {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("spec");
    let outputs = omixa_codegen::generate(&spec).unwrap();
    let text = outputs
        .get(&format!("schema/{model}.request.schema.json"))
        .unwrap();
    jsonschema::validator_for(&serde_json::from_str(text).unwrap()).unwrap()
}

/// The example payload of both model pages.
fn seed_example(model: &str) -> Value {
    json!({
        "model": model,
        "prompt": "A smooth camera move through a neural network converging into one API endpoint.",
        "video_operation": "image_to_video",
        "duration_seconds": 8,
        "aspect_ratio": "16:9",
        "resolution": "720p",
        "start_frame": { "type": "image_url", "image_url": { "url": PNG } },
        "sample_count": 1,
        "wait_seconds": 3,
        "poll_interval_seconds": 2
    })
}

fn with(mut request: Value, key: &str, value: Value) -> Value {
    request[key] = value;
    request
}

#[test]
fn the_seed_example_is_valid_for_both_models() {
    for model in ["veo-3.1-lite-generate-001", "veo-3.1-generate-preview"] {
        let validator = validator(model);
        let request = seed_example(model);
        let errors: Vec<String> = validator
            .iter_errors(&request)
            .map(|error| error.to_string())
            .collect();
        assert!(errors.is_empty(), "{model}: {errors:?}");
    }
}

#[test]
fn aliases_and_the_bare_data_url_form_are_valid() {
    let model = "veo-3.1-lite-generate-001";
    let validator = validator(model);
    let request = json!({ "model": model, "prompt": "p", "seconds": 4.5, "size": "1080p", "image": PNG, "n_variants": 2 });
    assert!(validator.is_valid(&request));
}

#[test]
fn what_the_catalog_does_not_allow_is_invalid() {
    let model = "veo-3.1-lite-generate-001";
    let validator = validator(model);
    let example = seed_example(model);
    let invalid = [
        with(example.clone(), "aspect_ratio", json!("4:3")),
        with(example.clone(), "duration_seconds", json!(31)),
        with(example.clone(), "sample_count", json!(1.5)),
        with(example.clone(), "model", json!("veo-3.1-generate-preview")),
        with(example.clone(), "colour", json!("blue")),
        with(example.clone(), "seconds", json!(8)),
        with(
            example.clone(),
            "start_frame",
            json!("https://example.com/a.png"),
        ),
        with(
            example.clone(),
            "start_frame",
            json!("data:image/gif;base64,R0lGOD"),
        ),
        with(example.clone(), "reference_images", json!([])),
        json!({ "model": model }),
    ];
    for request in invalid {
        assert!(!validator.is_valid(&request), "accepted: {request}");
    }
}
