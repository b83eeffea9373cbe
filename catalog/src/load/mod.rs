//! Loading the catalog: every YAML file under `spec/` read strictly, with the position of every value kept for
//! diagnostics.
//!
//! `spec/fields/*.yaml` are field sets (named by file stem), `spec/endpoints/*.yaml` endpoint types and
//! `spec/models/*.yaml` models. Files are read in name order so that everything downstream is deterministic.

mod check;
mod check_set;
mod files;
pub mod format;
pub mod labels;
mod located;
mod shape;

use std::io;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

pub use check::parse_amount;
pub use files::{Catalog, Loaded, Sources};
pub use located::{Located, OrderedMap};
pub use shape::{FieldShape, check_shape};

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, Span};

/// Reading a directory or file failed (as opposed to a file being wrong).
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {source}")]
pub struct ReadError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// Reads and checks every file under `spec_dir`. Files that do not parse are left out of the catalog; their
/// problems, and those of the files that did parse, are in the returned diagnostics.
pub fn load(spec_dir: &Path) -> Result<(Catalog, Diagnostics), ReadError> {
    Ok(load_sources(read_sources(spec_dir)?))
}

/// Reads the `*.yaml` files of `spec_dir`'s `fields/`, `endpoints/` and `models/` folders, in name order.
pub fn read_sources(spec_dir: &Path) -> Result<Sources, ReadError> {
    if !spec_dir.is_dir() {
        return Err(ReadError {
            path: spec_dir.to_owned(),
            source: io::ErrorKind::NotFound.into(),
        });
    }
    Ok(Sources {
        field_sets: read_dir(&spec_dir.join("fields"))?,
        endpoints: read_dir(&spec_dir.join("endpoints"))?,
        models: read_dir(&spec_dir.join("models"))?,
    })
}

/// Parses and checks files already read (or written in memory, as the fuzz targets do), like [`load`].
pub fn load_sources(sources: Sources) -> (Catalog, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let catalog = Catalog {
        field_sets: parse_all(sources.field_sets, &mut diagnostics),
        endpoints: parse_all(sources.endpoints, &mut diagnostics),
        models: parse_all(sources.models, &mut diagnostics),
    };
    check::check(&catalog, &mut diagnostics);
    (catalog, diagnostics)
}

/// The `*.yaml` files of `dir` in name order; a missing directory holds none.
fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, ReadError> {
    let read_error = |source| ReadError {
        path: dir.to_owned(),
        source,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(read_error(error)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(read_error)?.path();
        if path
            .extension()
            .is_some_and(|extension| extension == "yaml")
            && path.is_file()
        {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, ReadError> {
    yaml_files(dir)?
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).map_err(|source| ReadError {
                path: path.clone(),
                source,
            })?;
            Ok(SourceFile::new(&path, text))
        })
        .collect()
}

fn parse_all<T: DeserializeOwned>(
    files: Vec<SourceFile>,
    diagnostics: &mut Diagnostics,
) -> Vec<Loaded<T>> {
    let mut loaded = Vec::new();
    for file in files {
        match parse(&file) {
            Ok(doc) => loaded.push(Loaded { file, doc }),
            Err(diagnostic) => diagnostics.push(*diagnostic),
        }
    }
    loaded
}

/// Parses one file strictly: unknown keys, duplicate keys and YAML 1.1 booleans (`yes`, `on`) are errors.
pub fn parse<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Box<Diagnostic>> {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(&file.text, options).map_err(|error| {
        let span = error.location().map_or(Span::FILE_START, Span::from);
        let message = error.without_snippet().render_with_options(
            serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off },
        );
        // The position is already in front of the message; drop serde-saphyr's own copy of it.
        let suffix = format!(" at line {}, column {}", span.line, span.column);
        let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
        Box::new(Diagnostic::new(file, span, message))
    })
}
