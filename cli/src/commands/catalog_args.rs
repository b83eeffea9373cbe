//! `--catalog FOLDER` (or `OMIXA_CATALOG`): a catalog folder whose models are added to the built-in ones, for
//! models newer than this build. Every command takes it; the models are then listed, validated, estimated,
//! created and batched like built-in ones.

use clap::Args;
use omixa::catalog::{CATALOG_ENV, Catalog, LoadError, Origin};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// A catalog folder laid out like the SDK's spec/ (models/, and optionally fields/ and endpoints/) whose
    /// models are added to the built-in ones.
    #[arg(long = "catalog", value_name = "FOLDER", env = CATALOG_ENV, global = true)]
    folder: Option<PathBuf>,
}

impl CatalogArgs {
    /// The built-in catalog, plus the folder's models when one is named. A folder with problems prints each
    /// one (`file:line:col`, with the YAML quoted) and fails.
    pub fn load(&self) -> miette::Result<&'static Catalog> {
        let Some(folder) = self
            .folder
            .as_ref()
            .filter(|folder| !folder.as_os_str().is_empty())
        else {
            return Ok(Catalog::builtin());
        };
        Catalog::load(folder).map_err(|error| {
            for problem in error.problems() {
                eprintln!("{:?}", miette::Report::new(problem.clone()));
            }
            let summary = match &error {
                LoadError::Invalid { folder, problems } => {
                    format!("the catalog in {} has {problems}", folder.display())
                }
                other => other.to_string(),
            };
            miette::miette!(code = "omixa::catalog", "{summary}")
        })
    }
}

/// `--catalog FOLDER` when `model` was loaded from a folder, for a printed resume command: pasted into a
/// shell where `OMIXA_CATALOG` is not set, it must still find the model (and its endpoint type).
pub fn resume_words(catalog: &Catalog, model: &str) -> Vec<String> {
    match catalog.origin(model) {
        Some(Origin::Folder(folder)) => vec![
            "--catalog".to_owned(),
            folder.to_string_lossy().into_owned(),
        ],
        _ => Vec::new(),
    }
}
