//! The catalog as written: every file that parsed, with its source for diagnostics.

use super::format::{EndpointFile, FieldSetFile, ModelFile};
use crate::diagnostic::SourceFile;

/// One parsed file and its source.
#[derive(Debug)]
pub struct Loaded<T> {
    pub file: SourceFile,
    pub doc: T,
}

/// The catalog as written: every file that parsed, in file-name order.
#[derive(Debug, Default)]
pub struct Catalog {
    pub field_sets: Vec<Loaded<FieldSetFile>>,
    pub endpoints: Vec<Loaded<EndpointFile>>,
    pub models: Vec<Loaded<ModelFile>>,
}
