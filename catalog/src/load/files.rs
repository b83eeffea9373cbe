//! The catalog as written: its files as read ([`Sources`]), then every file that parsed, with its source for
//! diagnostics.

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

/// The catalog's files, read but not parsed, grouped by folder: what [`super::read_sources`] reads from a
/// directory, or files written in memory (as the fuzz targets do), for [`super::load_sources`].
#[derive(Debug, Default, Clone)]
pub struct Sources {
    pub field_sets: Vec<SourceFile>,
    pub endpoints: Vec<SourceFile>,
    pub models: Vec<SourceFile>,
}
