//! The runtime catalog: a catalog folder loaded while the program runs gives the same descriptors, the same
//! validation and the same estimates as the generated ones, and a folder of new models is checked like the
//! generator checks `spec/`.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a test reports failures by panicking"
)]

use omixa::catalog::{Catalog, LoadError, Origin};
use omixa::{ValidateOptions, Validated, ValidationError};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

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

/// Everything a caller can see of one validation: the normalized request (as text, so key order counts), the
/// warnings, the estimate; or every issue with its code, path, message and suggestion.
fn outcome(result: Result<Validated, ValidationError>) -> Value {
    let issues = |issues: &[omixa::Issue]| -> Vec<Value> {
        issues
            .iter()
            .map(|issue| {
                json!([
                    issue.code().as_str(),
                    issue.path,
                    issue.message(),
                    issue.suggestion()
                ])
            })
            .collect()
    };
    match result {
        Ok(validated) => json!({
            "request": serde_json::to_string(&validated.to_value()).unwrap(),
            "warnings": issues(&validated.warnings),
            "estimate": omixa::estimate_validated(&validated),
            "info": validated.model.info(),
        }),
        Err(error) => json!({ "issues": issues(&error.issues) }),
    }
}

#[test]
fn spec_loaded_at_run_time_gives_every_vector_the_generated_result() {
    let loaded = Catalog::load_alone(workspace().join("spec")).unwrap();
    let builtin = Catalog::builtin();
    // The generated descriptors are set aside: every loaded model is a descriptor of its own.
    assert_eq!(loaded.models().len(), builtin.models().len());
    for model in loaded.models() {
        let generated = omixa::model(model.id).unwrap();
        assert!(
            !std::ptr::eq(*model, generated),
            "{} is the generated static",
            model.id
        );
        assert_eq!(
            loaded.origin(model.id),
            Some(&Origin::Folder(workspace().join("spec")))
        );
        assert_eq!(
            model.info(),
            generated.info(),
            "{} differs as data",
            model.id
        );
    }

    let mut files = Vec::new();
    vector_files(&workspace().join("tests/vectors"), &mut files);
    files.sort();
    assert!(
        files.len() >= 60,
        "expected the shared vectors, found {}",
        files.len()
    );
    for file in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let options =
            ValidateOptions::default().with_lenient(case["lenient"].as_bool().unwrap_or(false));
        let want = outcome(builtin.validate_with(case["request"].clone(), &options));
        let got = outcome(loaded.validate_with(case["request"].clone(), &options));
        assert_eq!(got, want, "{}", file.display());
    }
}

/// A model the built-in catalog does not have, including the built-in field set and endpoint type by name.
const NEW_MODEL: &str = "\
id: veo-9-test
name: Veo 9 Test
description: A model newer than this build.
source: Omixa's published page for veo-9-test
provider: google
endpoint: google_veo_video_jobs
include: [video]
omit: [negative_prompt]
override:
  duration_seconds:
    range: { min: 2, max: 12 }
price:
  currency: USD
  per_second: \"0.100000\"
  minimum_hold: \"0.050000\"
";

fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = folder.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    folder
}

#[test]
fn a_folder_adds_models_that_validate_and_estimate_like_built_in_ones() {
    let folder = folder_with(&[("models/veo-9-test.yaml", NEW_MODEL)]);
    let catalog = Catalog::load(folder.path()).unwrap();
    assert_eq!(
        catalog.origin("veo-9-test"),
        Some(&Origin::Folder(folder.path().to_owned()))
    );
    assert_eq!(
        catalog.origin("veo-3.1-lite-generate-001"),
        Some(&Origin::BuiltIn)
    );

    let request = json!({"model": "veo-9-test", "prompt": "a fox", "seconds": 10});
    let validated = catalog.validate(request.clone()).unwrap();
    assert_eq!(validated.get("duration_seconds"), Some(&json!(10)));
    assert_eq!(
        validated.get("video_operation"),
        Some(&json!("text_to_video"))
    );
    let estimate = catalog.estimate(request).unwrap();
    assert_eq!(estimate.priced().unwrap().cost.to_string(), "1.00");

    // The override and the omission apply; the built-in catalog does not know the model at all.
    let too_long = json!({"model": "veo-9-test", "prompt": "a fox", "seconds": 20});
    let issue = &catalog.validate(too_long).unwrap_err().issues[0];
    assert_eq!(
        issue.message(),
        "`duration_seconds` must be from 2 to 12, got 20"
    );
    let omitted = json!({"model": "veo-9-test", "prompt": "a fox", "negative_prompt": "x"});
    assert_eq!(
        catalog.validate(omitted).unwrap_err().issues[0]
            .code()
            .as_str(),
        "unknown_field"
    );
    let unknown = omixa::validate(json!({"model": "veo-9-test", "prompt": "a fox"})).unwrap_err();
    assert_eq!(unknown.issues[0].code().as_str(), "unknown_model");
    // An unknown model's suggestion lists the loaded models too.
    let typo = catalog
        .validate(json!({"model": "veo-9-tset", "prompt": "x"}))
        .unwrap_err();
    assert!(
        typo.issues[0]
            .suggestion()
            .unwrap()
            .contains("did you mean `veo-9-test`?")
    );
}

#[test]
fn loading_the_same_folder_again_gives_the_same_catalog() {
    let folder = folder_with(&[("models/veo-9-test.yaml", NEW_MODEL)]);
    let first = Catalog::load(folder.path()).unwrap();
    assert!(std::ptr::eq(first, Catalog::load(folder.path()).unwrap()));
    let changed = NEW_MODEL.replace("A model newer", "Another model newer");
    std::fs::write(folder.path().join("models/veo-9-test.yaml"), changed).unwrap();
    let second = Catalog::load(folder.path()).unwrap();
    assert!(!std::ptr::eq(first, second));
    assert_eq!(
        second.model("veo-9-test").unwrap().description,
        "Another model newer than this build."
    );
}

fn problems(error: LoadError) -> Vec<String> {
    error.problems().iter().map(ToString::to_string).collect()
}

#[test]
fn a_built_in_model_id_is_an_error_at_its_line() {
    let copy = NEW_MODEL.replace("id: veo-9-test", "id: veo-3.1-lite-generate-001");
    let folder = folder_with(&[("models/copy.yaml", &copy)]);
    let problems = problems(Catalog::load(folder.path()).unwrap_err());
    let file = folder.path().join("models/copy.yaml");
    assert_eq!(
        problems,
        [format!(
            "{}:1:5: model `veo-3.1-lite-generate-001` is built in",
            file.display()
        )]
    );
}

#[test]
fn a_folder_is_checked_like_spec_with_positions() {
    let broken = NEW_MODEL
        .replace("include: [video]", "include: [vidoe]")
        .replace("\"0.100000\"", "0.1");
    let folder = folder_with(&[("models/veo-9-test.yaml", &broken)]);
    let error = Catalog::load(folder.path()).unwrap_err();
    let file = folder
        .path()
        .join("models/veo-9-test.yaml")
        .display()
        .to_string();
    let problems = problems(error);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(&format!("{file}:7:11: unknown field set `vidoe`"))),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.starts_with(&format!(
            "{file}:14:15: price `per_second`: a bare YAML number"
        ))),
        "{problems:?}"
    );

    // A field set of a built-in name would shadow it.
    let folder = folder_with(&[("fields/video.yaml", "fields: {}\n")]);
    let problems = self::problems(Catalog::load(folder.path()).unwrap_err());
    assert!(
        problems
            .iter()
            .any(|p| p.contains("duplicate field set `video`")),
        "{problems:?}"
    );

    let missing = Catalog::load(folder.path().join("nowhere")).unwrap_err();
    assert!(matches!(missing, LoadError::Read(_)), "{missing}");
}
