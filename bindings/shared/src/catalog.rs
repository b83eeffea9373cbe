//! The runtime catalog as both bindings take it: `OMIXA_CATALOG` for the module-level functions and clients
//! given none, a folder for `load_catalog` / `loadCatalog`. A folder with problems is a `config` error whose
//! message lists each as `file:line:col: message`; loading and every rule are the core's (`omixa::Catalog`).

use omixa::Catalog;
use omixa::client::Error as ClientError;
use std::path::Path;

/// `OMIXA_CATALOG`'s folder over the built-in models, or the built-in catalog when it is unset.
pub fn from_env() -> Result<&'static Catalog, ClientError> {
    Catalog::from_env().map_err(|error| ClientError::Config(error.to_string()))
}

/// The built-in models plus those of `folder`.
pub fn load(folder: &Path) -> Result<&'static Catalog, ClientError> {
    Catalog::load(folder).map_err(|error| ClientError::Config(error.to_string()))
}
