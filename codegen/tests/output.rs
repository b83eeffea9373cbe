//! Write mode and `--check` mode on a scratch output directory.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use std::fs;
use std::path::PathBuf;

use omixa_codegen::output::{Drift, Layout};

fn outputs() -> omixa_codegen::Outputs {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/spec");
    omixa_codegen::generate(&spec).unwrap()
}

#[test]
fn check_names_every_stale_missing_and_extra_file() {
    let out = tempfile::tempdir().unwrap();
    let outputs = outputs();
    assert_eq!(
        outputs.check(out.path()).unwrap().len(),
        outputs.iter().count(),
        "all missing at first"
    );

    outputs.write(out.path()).unwrap();
    assert_eq!(outputs.check(out.path()).unwrap(), []);

    fs::write(out.path().join("node/models.d.ts"), "// edited by hand\n").unwrap();
    fs::remove_file(out.path().join("python/_models.pyi")).unwrap();
    fs::write(out.path().join("docs/models/gone.md"), "notes\n").unwrap();
    let drifts = outputs.check(out.path()).unwrap();
    assert_eq!(drifts.len(), 3, "{drifts:?}");
    assert!(
        matches!(&drifts[0], Drift::Stale { path, hint } if path == "node/models.d.ts" && hint.contains("line 1"))
    );
    assert_eq!(
        drifts[1],
        Drift::Missing {
            path: "python/_models.pyi".to_owned()
        }
    );
    assert_eq!(
        drifts[2],
        Drift::Extra {
            path: "docs/models/gone.md".to_owned()
        }
    );
}

#[test]
fn write_deletes_stale_generated_files_and_keeps_foreign_ones() {
    let out = tempfile::tempdir().unwrap();
    let stale = out.path().join("schema/old-model.request.schema.json");
    fs::create_dir_all(stale.parent().unwrap()).unwrap();
    fs::write(
        &stale,
        format!("{{\"$comment\": \"{}\"}}\n", omixa_codegen::HEADER),
    )
    .unwrap();
    let foreign = out.path().join("notes.txt");
    fs::write(&foreign, "written by hand\n").unwrap();

    let report = outputs().write(out.path()).unwrap();
    assert_eq!(report.deleted, ["schema/old-model.request.schema.json"]);
    assert_eq!(report.foreign, ["notes.txt"]);
    assert!(!stale.exists() && foreign.exists());

    let again = outputs().write(out.path()).unwrap();
    assert!(
        again.written.is_empty(),
        "unchanged files are not rewritten"
    );
}

#[test]
fn a_placed_folder_is_written_checked_and_cleaned_in_its_own_directory() {
    let root = tempfile::tempdir().unwrap();
    let (out, crate_dir) = (
        root.path().join("generated"),
        root.path().join("core/generated"),
    );
    let layout = Layout::new(root.path(), &out).place("rust", &crate_dir);
    // Where the Rust went before it moved into the crate: a generated file there is stale.
    let old_rust = out.join("rust/models.rs");
    fs::create_dir_all(old_rust.parent().unwrap()).unwrap();
    fs::write(&old_rust, format!("// {}\n", omixa_codegen::HEADER)).unwrap();

    let report = outputs().write(layout.clone()).unwrap();
    assert!(
        report
            .written
            .contains(&"core/generated/models.rs".to_owned()),
        "{report:?}"
    );
    assert!(
        report
            .written
            .contains(&"generated/node/models.d.ts".to_owned()),
        "{report:?}"
    );
    assert_eq!(report.deleted, ["generated/rust/models.rs"]);
    assert!(crate_dir.join("models.rs").is_file() && !out.join("rust").exists());
    assert_eq!(outputs().check(layout.clone()).unwrap(), []);

    fs::write(crate_dir.join("extra.rs"), "// by hand\n").unwrap();
    fs::remove_file(crate_dir.join("models.rs")).unwrap();
    assert_eq!(
        outputs().check(layout).unwrap(),
        [
            Drift::Missing {
                path: "core/generated/models.rs".to_owned()
            },
            Drift::Extra {
                path: "core/generated/extra.rs".to_owned()
            },
        ]
    );
}
