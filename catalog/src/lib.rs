//! # omixa-catalog
//!
//! Omixa's model catalog as data: a folder laid out like the repository's `spec/` (`fields/`, `endpoints/`,
//! `models/`, YAML) read strictly and resolved into plain, language-neutral values. Two readers share it: the
//! generator (`omixa-codegen`), which prints the resolved catalog as Rust, schemas, stubs and docs, and the
//! SDK's core (`omixa`), which loads a catalog folder at run time for models newer than its build.
//!
//! 1. [`load`] reads every file strictly and checks each on its own;
//! 2. [`resolve`] joins the files into the resolved catalog ([`ir`]), checking what joins them.
//!
//! Every problem found is a [`Diagnostic`] naming `file:line:col` and quoting the YAML (miette); one run
//! reports them all. The crate knows nothing of code generation or HTTP: names in target languages are the
//! generator's business, endpoint paths are data passed through.

pub mod diagnostic;
pub mod ir;
pub mod load;
pub mod resolve;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics, SourceFile, Span};
pub use load::{ReadError, Sources};

/// Why a catalog folder could not be turned into a resolved catalog.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    /// The catalog is wrong; every problem found is listed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Catalog(Diagnostics),
    /// A folder or file could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
}

/// Loads and resolves the catalog in `dir`.
pub fn resolve_dir(dir: &Path) -> Result<ir::Catalog, Error> {
    resolve_sources(load::read_sources(dir)?).map_err(Error::Catalog)
}

/// Loads and resolves catalog files already read, reporting the problems of loading and of resolving together.
pub fn resolve_sources(sources: Sources) -> Result<ir::Catalog, Diagnostics> {
    let (catalog, mut problems) = load::load_sources(sources);
    match resolve::resolve(&catalog) {
        Ok(resolved) if problems.is_empty() => Ok(resolved),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}
