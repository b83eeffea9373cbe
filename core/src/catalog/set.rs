//! The [`Catalog`] a validation, an estimate or a client works with: the built-in models, or the built-in
//! models plus those of a catalog folder loaded at run time. Both kinds are [`ModelSpec`]s and go through the
//! same validator and pricing; only where a model comes from ([`Origin`]) differs.

use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;

use super::{EndpointSpec, ModelSpec};
use crate::ValidationError;
use crate::pricing::{Estimate, estimate_validated};
use crate::validate::{Input, ValidateOptions, Validated, validate_in};

/// The environment variable naming a catalog folder whose models are added to the built-in ones (read by
/// [`Catalog::from_env`]).
pub const CATALOG_ENV: &str = "OMIXA_CATALOG";

/// Where a model of a [`Catalog`] comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Generated from the catalog this SDK was built with.
    BuiltIn,
    /// Loaded at run time from this folder.
    Folder(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("built-in"),
            Origin::Folder(folder) => write!(f, "{}", folder.display()),
        }
    }
}

/// A set of models, in id order, and the endpoint type a status call for a model it does not know goes
/// through. [`Catalog::builtin`] is the default everywhere; [`Catalog::load`] adds a folder's models to it.
///
/// Catalogs are handed out as `&'static Catalog`: their descriptors are `'static` like the generated ones, so
/// validated requests and issues can point into them without a lifetime (see `Catalog::load` for the cost).
pub struct Catalog {
    models: Vec<&'static ModelSpec>,
    /// `origins[i]` is where `models[i]` comes from.
    origins: Vec<Origin>,
    default_endpoint: &'static EndpointSpec,
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.models.iter().map(|model| model.id).collect();
        f.debug_struct("Catalog").field("models", &ids).finish()
    }
}

/// Catalogs are equal when they hold the same models from the same places.
impl PartialEq for Catalog {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other) || (self.models == other.models && self.origins == other.origins)
    }
}

impl Eq for Catalog {}

impl Catalog {
    /// The models this SDK was built with.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(|| Catalog {
            models: crate::models::MODELS.to_vec(),
            origins: vec![Origin::BuiltIn; crate::models::MODELS.len()],
            default_endpoint: crate::models::DEFAULT_ENDPOINT,
        })
    }

    /// A catalog of these models, each with its origin (sorted here by id).
    #[cfg(feature = "runtime-catalog")]
    pub(super) fn new(
        mut models: Vec<(&'static ModelSpec, Origin)>,
        default_endpoint: &'static EndpointSpec,
    ) -> Catalog {
        models.sort_by_key(|(model, _)| model.id);
        let (models, origins) = models.into_iter().unzip();
        Catalog {
            models,
            origins,
            default_endpoint,
        }
    }

    /// Every model, in id order.
    pub fn models(&self) -> &[&'static ModelSpec] {
        &self.models
    }

    /// The model with this id.
    pub fn model(&self, id: &str) -> Option<&'static ModelSpec> {
        self.models.iter().copied().find(|model| model.id == id)
    }

    /// Where the model with this id comes from.
    pub fn origin(&self, id: &str) -> Option<&Origin> {
        let at = self.models.iter().position(|model| model.id == id)?;
        self.origins.get(at)
    }

    /// The endpoint type a status call naming a model this catalog does not know goes through.
    pub fn default_endpoint(&self) -> &'static EndpointSpec {
        self.default_endpoint
    }

    /// Validates and normalizes a request against this catalog's models, in strict mode.
    pub fn validate(&'static self, request: impl Input) -> Result<Validated, ValidationError> {
        self.validate_with(request, &ValidateOptions::default())
    }

    /// Validates and normalizes a request against this catalog's models (see [`crate::validate_with`]).
    pub fn validate_with<I: Input>(
        &'static self,
        request: I,
        options: &ValidateOptions,
    ) -> Result<Validated, ValidationError> {
        validate_in(self, request, options)
    }

    /// Validates a request against this catalog's models, then estimates it (see [`crate::estimate`]).
    pub fn estimate(&'static self, request: impl Input) -> Result<Estimate, ValidationError> {
        Ok(estimate_validated(&self.validate(request)?))
    }
}
