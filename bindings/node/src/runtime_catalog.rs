//! The runtime catalog in Node: `loadCatalog(folder)` (a [`NativeCatalog`]), the `catalog` option of
//! `new Client(...)`, and `OMIXA_CATALOG` for the module-level functions. Loading and every rule are the core's
//! (`omixa::Catalog`, through `omixa-bindings`); this only converts arguments and errors.

use crate::convert::JsonValue;
use crate::data::ModelInfo;
use crate::error::{Thrown, native};
use napi::Env;
use napi::bindgen_prelude::{Function, Unknown};
use napi_derive::napi;
use omixa::Catalog;
use omixa::client::UNCHECKED_WARNING;
use omixa::validate::HostValue;
use serde_json::Value;
use std::path::Path;

/// Built-in models plus those of a catalog folder (the native half of `omixa.Catalog`).
#[napi(js_name = "NativeCatalog")]
#[derive(Debug)]
pub struct NativeCatalog {
    pub(crate) inner: &'static Catalog,
}

#[napi]
impl NativeCatalog {
    /// Every model, in id order, as `models()` lists them, each with its `origin`.
    #[napi(catch_unwind)]
    pub fn models(&self) -> Vec<ModelInfo> {
        models_of(self.inner)
    }

    /// `validate` against this catalog's models.
    #[napi(catch_unwind, ts_return_type = "NormalizedRequest")]
    pub fn validate<'env>(
        &self,
        env: &'env Env,
        request: Unknown<'_>,
        lenient: Option<bool>,
        #[napi(ts_arg_type = "(issue: Issue) => void")] on_dropped: Option<
            Function<'_, JsonValue, ()>,
        >,
    ) -> napi::Result<Unknown<'env>> {
        crate::validate_in(env, Some(self.inner), request, lenient, on_dropped)
    }

    /// `estimate` against this catalog's models.
    #[napi(catch_unwind, ts_return_type = "PricedEstimate | UnpricedEstimate")]
    pub fn estimate(
        &self,
        env: &Env,
        request: Unknown<'_>,
        lenient: Option<bool>,
        #[napi(ts_arg_type = "(issue: Issue) => void")] on_dropped: Option<
            Function<'_, JsonValue, ()>,
        >,
    ) -> napi::Result<crate::data::Estimate> {
        crate::estimate_in(env, Some(self.inner), request, lenient, on_dropped)
    }
}

/// Loads a catalog folder laid out like the SDK's `spec/`: the built-in models plus its own. Throws an error
/// of kind `config` listing every problem as `file:line:col: message`.
#[napi(catch_unwind)]
pub fn load_catalog(env: Env, folder: String) -> napi::Result<NativeCatalog> {
    native(&env, || {
        Ok(NativeCatalog {
            inner: omixa_bindings::catalog::load(Path::new(&folder))?,
        })
    })
}

/// The warning `create(request, { unchecked: true })` emits: nothing stands between it and the gateway.
#[napi(catch_unwind)]
pub fn unchecked_warning() -> &'static str {
    UNCHECKED_WARNING
}

/// `catalog`, or `OMIXA_CATALOG`'s (else the built-in one) when there is none.
pub(crate) fn or_env(catalog: Option<&'static Catalog>) -> Result<&'static Catalog, Thrown> {
    match catalog {
        Some(catalog) => Ok(catalog),
        None => Ok(omixa_bindings::catalog::from_env()?),
    }
}

/// The catalog a folder names, or `OMIXA_CATALOG`'s when none does.
pub(crate) fn load(folder: Option<String>) -> Result<&'static Catalog, Thrown> {
    match folder {
        Some(folder) => Ok(omixa_bindings::catalog::load(Path::new(&folder))?),
        None => or_env(None),
    }
}

/// Every model of `catalog`, each with its `origin` (`"built-in"` or its folder).
pub(crate) fn models_of(catalog: &Catalog) -> Vec<ModelInfo> {
    catalog
        .models()
        .iter()
        .map(|model| {
            ModelInfo::from(model.info())
                .with_origin(catalog.origin(model.id).map(ToString::to_string))
        })
        .collect()
}

/// A request for an unchecked create, as JSON sent as written.
pub(crate) fn unchecked_request(request: HostValue) -> Result<Value, Thrown> {
    request.into_json().ok_or_else(|| {
        Thrown::type_error(
            "an unchecked request holds a number JSON cannot carry (NaN or an infinity)",
        )
    })
}
