//! The native module of the `omixa` npm package: the core's validation, pricing, media and client, converted
//! to and from JavaScript values and nothing else. What the Python package shares with this one (error
//! payloads, options, job references, the conversions' policies) is `omixa-bindings`'s. `index.js` loads
//! this module, defines the error classes and maps the errors it throws onto them (see [`error`]).
//!
//! Every export has `catch_unwind`, so a panic becomes a thrown error or a rejected promise, never an abort
//! of the host process.

mod batch;
mod cancellation;
mod client;
mod convert;
mod data;
mod error;
mod many;
mod runtime_catalog;
pub mod testing;
mod text;
mod thrown;

use convert::{Js, JsonValue, Originals};
use data::ModelInfo;
use error::{Thrown, native};
use napi::bindgen_prelude::{Function, Uint8Array, Unknown};
use napi::{Env, JsValue};
use napi_derive::napi;
use omixa::Catalog;
use omixa_bindings::display::dropped_fields;
use omixa_bindings::error::ErrorKind;

pub use cancellation::Cancellation;
pub use client::{Client, ClientOptions, CreateOptions};
pub use data::{FieldInfo, Issue, PricedEstimate, UnpricedEstimate, ValidateOptions};
pub use many::{LineValidation, Validation, validate_lines, validate_many};
pub use runtime_catalog::{NativeCatalog, load_catalog, unchecked_warning};
pub use text::{validate_lines_text, validate_many_text, validate_text, validation_plan};

/// Validates a request and returns it normalized: canonical field names (`seconds` becomes
/// `duration_seconds`...), inline images in object form, and `video_operation` inferred when absent.
/// Nothing else is added or dropped, except in lenient mode, where fields the model omits are dropped and
/// each is reported to `onDropped`.
///
/// Throws an error of kind `validation` listing every issue at once, or of kind `type` for a value JSON
/// cannot carry. The models are the built-in ones plus `OMIXA_CATALOG`'s.
#[napi(catch_unwind, ts_return_type = "NormalizedRequest")]
pub fn validate<'env>(
    env: &'env Env,
    request: Unknown<'_>,
    lenient: Option<bool>,
    #[napi(ts_arg_type = "(issue: Issue) => void")] on_dropped: Option<Function<'_, JsonValue, ()>>,
) -> napi::Result<Unknown<'env>> {
    validate_in(env, None, request, lenient, on_dropped)
}

/// `validate` against `catalog`'s models (default: `OMIXA_CATALOG`'s).
fn validate_in<'env>(
    env: &'env Env,
    catalog: Option<&'static Catalog>,
    request: Unknown<'_>,
    lenient: Option<bool>,
    on_dropped: Option<Function<'_, JsonValue, ()>>,
) -> napi::Result<Unknown<'env>> {
    native(env, || {
        let catalog = runtime_catalog::or_env(catalog)?;
        let js = Js::new(env);
        let mut originals = Originals::default();
        let request = js.read(request.raw(), &mut originals)?;
        let options = omixa::ValidateOptions {
            lenient: lenient.unwrap_or(false),
        };
        let validated = catalog.validate_with(request, &options)?;
        report_dropped(on_dropped, &validated.warnings)?;
        let object = js.object_value()?;
        for (name, value) in &validated.fields {
            js.set(object, name, js.write(value, &originals)?)?;
        }
        Ok(convert::handle(env, object))
    })
}

/// Estimates what a request costs, in exact decimals: `cost` = price per second × duration × sample count,
/// `hold` = the cost but at least the model's minimum hold, both decimal strings (`"0.40"`), with the
/// `currency`, the `duration_seconds` and `sample_count` priced and the fields whose assumed default was
/// used (`assumed`). For a model whose page publishes no price: `{ model, priced: false, reason }`.
///
/// Validates first, throwing as `validate` does.
#[napi(catch_unwind, ts_return_type = "PricedEstimate | UnpricedEstimate")]
pub fn estimate(
    env: &Env,
    request: Unknown<'_>,
    lenient: Option<bool>,
    #[napi(ts_arg_type = "(issue: Issue) => void")] on_dropped: Option<Function<'_, JsonValue, ()>>,
) -> napi::Result<data::Estimate> {
    estimate_in(env, None, request, lenient, on_dropped)
}

/// `estimate` against `catalog`'s models (default: `OMIXA_CATALOG`'s).
fn estimate_in(
    env: &Env,
    catalog: Option<&'static Catalog>,
    request: Unknown<'_>,
    lenient: Option<bool>,
    on_dropped: Option<Function<'_, JsonValue, ()>>,
) -> napi::Result<data::Estimate> {
    native(env, || {
        let catalog = runtime_catalog::or_env(catalog)?;
        let request = convert::request(env, &request)?;
        let options = omixa::ValidateOptions {
            lenient: lenient.unwrap_or(false),
        };
        let validated = catalog.validate_with(request, &options)?;
        report_dropped(on_dropped, &validated.warnings)?;
        data::estimate(&omixa::estimate_validated(&validated))
    })
}

/// Every model of the catalog, in id order: `id`, `name`, `description`, `provider`, the price
/// (`currency`, `price_per_second`, `minimum_hold` as decimal strings, or `null` without a published
/// price) and the request `fields` (`name`, `aliases`, `type`, `required`, `description`, `accepted`,
/// `media_types`, `minimum`, `maximum`, `default`) and its `origin` (`"built-in"`, or the `OMIXA_CATALOG`
/// folder that added it).
#[napi(catch_unwind)]
pub fn models(env: &Env) -> napi::Result<Vec<ModelInfo>> {
    native(env, || {
        Ok(runtime_catalog::models_of(runtime_catalog::or_env(None)?))
    })
}

/// The data URL (`data:<media type>;base64,...`) of image bytes. The media type is sniffed from the bytes
/// unless given. Throws an error of kind `type` when it cannot be told or is malformed.
#[napi(catch_unwind, ts_return_type = "string")]
pub fn image_data_url(
    env: &Env,
    bytes: Uint8Array,
    media_type: Option<String>,
) -> napi::Result<JsonValue> {
    native(env, || {
        let url = omixa::media::data_url(&bytes, media_type.as_deref())?;
        Ok(JsonValue(url.into()))
    })
}

/// The data URL of an image file, its media type sniffed from its bytes. Throws an error of kind `io`
/// when the file cannot be read, `type` when its type cannot be told.
#[napi(catch_unwind, ts_return_type = "string")]
pub fn image_data_url_from_path(env: &Env, path: String) -> napi::Result<JsonValue> {
    native(env, || {
        let url = omixa::media::data_url_from_path(path)?;
        Ok(JsonValue(url.into()))
    })
}

/// Every `kind` a thrown error can carry (`tables.js` names a class for each).
#[napi(catch_unwind)]
pub fn error_kinds() -> Vec<&'static str> {
    ErrorKind::ALL.iter().map(|kind| kind.as_str()).collect()
}

/// Debug builds only: panics, so tests can check that a panic becomes a thrown error.
#[cfg(debug_assertions)]
#[napi(catch_unwind, skip_typescript)]
pub fn panic_for_test(message: String) {
    panic!("{message}");
}

/// Debug builds only: panics inside a future, so tests can check that the promise rejects.
#[cfg(debug_assertions)]
#[napi(catch_unwind, skip_typescript)]
pub async fn panic_for_test_async(message: String) {
    panic!("{message}");
}

pub(crate) fn report_dropped(
    on_dropped: Option<Function<'_, JsonValue, ()>>,
    warnings: &[omixa::Issue],
) -> Result<(), Thrown> {
    let Some(on_dropped) = on_dropped else {
        return Ok(());
    };
    for dropped in dropped_fields(warnings) {
        on_dropped.call(json(dropped.issue)?)?;
    }
    Ok(())
}

/// The JSON value of a core value, for JavaScript.
pub(crate) fn json(value: &impl serde::Serialize) -> Result<JsonValue, Thrown> {
    serde_json::to_value(value).map(JsonValue).map_err(|error| {
        Thrown::Omixa(Box::new(omixa_bindings::error::ErrorPayload::internal(
            error.to_string(),
        )))
    })
}
