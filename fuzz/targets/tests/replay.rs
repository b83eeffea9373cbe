//! Replays every corpus and regression file of every fuzz target on stable, as an ordinary test: each file of
//! `fuzz/corpus/<target>/` and `fuzz/artifacts/<target>/` is run through the target's function, which panics
//! when an invariant breaks. No fuzzing happens here; `make fuzz` does that.

use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_and_regression_file_keeps_the_invariants() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut broken = Vec::new();
    for (name, target) in omixa_fuzz_targets::TARGETS {
        let corpus = files(&fuzz.join("corpus").join(name));
        assert!(!corpus.is_empty(), "fuzz/corpus/{name}/ is empty");
        for file in corpus
            .iter()
            .chain(&files(&fuzz.join("artifacts").join(name)))
        {
            let data = std::fs::read(file).expect("a readable corpus file");
            // The panic message is printed as it happens; every file is run before failing.
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                broken.push(format!("{name}: {}", file.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "these inputs break an invariant:\n{}",
        broken.join("\n")
    );
}
