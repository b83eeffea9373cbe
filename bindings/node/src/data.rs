//! The package's data types (issues, estimates, the catalog listing) as `#[napi(object)]` structs, so that
//! napi's build writes their TypeScript into `native.d.ts` from these definitions and `index.d.ts` only
//! re-exports them. Field names are the package's public ones: the core's snake_case (`duration_seconds`),
//! kept with `js_name` where napi would camelCase them. `use_nullable` makes an absent value `null`, as the
//! package has always returned it, rather than a missing property.
//!
//! The unions `ModelId` and `IssueCode` are generated too (from the catalog and the core's enums) and
//! imported into `native.d.ts` by the header in `package.json` (`napi.dtsHeader`).

use crate::thrown::Thrown;
use napi::bindgen_prelude::Either3;
use napi_derive::napi;
use rust_decimal::prelude::ToPrimitive;
use serde_json::Value;

/// One problem found in a request. The `code` strings are the same in every omixa language and the CLI.
#[napi(object, object_from_js = false, use_nullable = true)]
#[derive(Debug)]
pub struct Issue {
    #[napi(ts_type = "IssueCode")]
    pub code: String,
    /// JSON pointer of the key as the caller wrote it, e.g. `/seconds` or `/reference_images/1`.
    pub path: String,
    /// The canonical field name, when the issue is about a known field.
    pub field: Option<String>,
    /// A sentence for people.
    pub message: String,
    /// What to do instead, e.g. "did you mean `duration_seconds`?", when there is something to suggest.
    pub suggestion: Option<String>,
}

impl From<&omixa::Issue> for Issue {
    fn from(issue: &omixa::Issue) -> Self {
        Issue {
            code: issue.code().as_str().to_owned(),
            path: issue.path.clone(),
            field: issue.field().map(str::to_owned),
            message: issue.message(),
            suggestion: issue.suggestion(),
        }
    }
}

/// Options of `validate`, `estimate`, `validateMany` and `validateLines`.
#[napi(object)]
#[derive(Debug, Default)]
pub struct ValidateOptions {
    /// Drop fields the model omits instead of rejecting them: `validate` and `estimate` emit a
    /// `DroppedFieldWarning` process warning for each, `validateMany` and `validateLines` list them in each
    /// result's `dropped`. Keys the catalog does not know at all are still rejected. Default: `false`.
    pub lenient: Option<bool>,
}

/// The estimate for a model with a published price. Money is exact, as decimal strings (`"0.40"`).
#[napi(object, object_from_js = false)]
#[derive(Debug)]
pub struct PricedEstimate {
    #[napi(ts_type = "ModelId")]
    pub model: String,
    /// ISO 4217 code, e.g. `USD`.
    pub currency: String,
    /// Price per second × duration × sample count, with at least two decimal places.
    pub cost: String,
    /// What the gateway holds at create: the cost, but at least the model's minimum hold.
    pub hold: String,
    #[napi(js_name = "duration_seconds")]
    pub duration_seconds: f64,
    #[napi(js_name = "sample_count")]
    pub sample_count: i64,
    /// The fields whose assumed default was used because the request left them out.
    pub assumed: Vec<String>,
    /// Never present: it lets TypeScript tell the two estimates apart by `priced === false`.
    #[napi(ts_type = "never")]
    pub priced: Option<bool>,
}

/// The answer for a model whose page publishes no price: none is invented.
#[napi(object, object_from_js = false)]
#[derive(Debug)]
pub struct UnpricedEstimate {
    #[napi(ts_type = "ModelId")]
    pub model: String,
    #[napi(ts_type = "false")]
    pub priced: bool,
    pub reason: String,
}

/// An estimate, priced or not: what `estimate` returns.
pub type Estimate = napi::Either<PricedEstimate, UnpricedEstimate>;

/// The estimate the core made, for JavaScript.
pub(crate) fn estimate(estimate: &omixa::Estimate) -> Result<Estimate, Thrown> {
    Ok(match estimate {
        omixa::Estimate::Priced(priced) => napi::Either::A(PricedEstimate {
            model: priced.model.to_owned(),
            currency: priced.currency.to_owned(),
            cost: priced.cost.to_string(),
            hold: priced.hold.to_string(),
            duration_seconds: priced.duration_seconds.to_f64().ok_or_else(|| {
                Thrown::type_error("the priced duration does not fit a JavaScript number")
            })?,
            sample_count: priced.sample_count,
            assumed: priced.assumed.iter().map(|&name| name.to_owned()).collect(),
            priced: None,
        }),
        omixa::Estimate::Unpriced(unpriced) => napi::Either::B(UnpricedEstimate {
            model: unpriced.model.to_owned(),
            priced: false,
            reason: unpriced.reason.clone(),
        }),
    })
}

/// One request field of a model.
#[napi(object, object_from_js = false, use_nullable = true)]
#[derive(Debug)]
pub struct FieldInfo {
    /// The canonical wire name, e.g. `duration_seconds`.
    pub name: String,
    /// Other names the gateway accepts, e.g. `["seconds"]`.
    pub aliases: Vec<String>,
    #[napi(
        js_name = "type",
        ts_type = "'string' | 'number' | 'integer' | 'boolean' | 'inline_image' | 'inline_image_list' | 'video_source'"
    )]
    pub kind: String,
    pub required: bool,
    pub description: String,
    /// The accepted values of a string field (empty when any string goes).
    pub accepted: Vec<String>,
    /// The accepted media types of an inline image or video field.
    #[napi(js_name = "media_types")]
    pub media_types: Vec<String>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    /// The value the SDK assumes when the field is absent (used by estimates, never added to requests).
    pub default: Option<Either3<String, f64, bool>>,
    /// Why the SDK adds something the model's page does not give (a bound, a media type), if it does.
    pub assumption: Option<String>,
}

/// A model of the catalog.
#[napi(object, object_from_js = false, use_nullable = true)]
#[derive(Debug)]
pub struct ModelInfo {
    #[napi(ts_type = "ModelId")]
    pub id: String,
    pub name: String,
    pub description: String,
    /// The provider named on the model's page, e.g. `google`.
    pub provider: String,
    /// The published model page the catalog entry is traced to.
    pub source: String,
    /// The endpoint type, e.g. `google_veo_video_jobs`.
    pub endpoint: String,
    /// ISO 4217 code of the prices, or `null` without a published price.
    pub currency: Option<String>,
    /// Price of one second of one video, as a decimal string, or `null` without a published price.
    #[napi(js_name = "price_per_second")]
    pub price_per_second: Option<String>,
    /// The least amount held when a job is created, or `null` without a published price.
    #[napi(js_name = "minimum_hold")]
    pub minimum_hold: Option<String>,
    /// The request fields, in the order of the model's page.
    pub fields: Vec<FieldInfo>,
    /// Fields of the shared definitions that this model does not accept (e.g. `sample_count`).
    pub omitted: Vec<String>,
    /// Where the model comes from: `built-in`, or the catalog folder that added it.
    pub origin: Option<String>,
}

impl ModelInfo {
    /// The same model, with where it comes from.
    pub(crate) fn with_origin(self, origin: Option<String>) -> Self {
        ModelInfo { origin, ..self }
    }
}

impl From<omixa::catalog::ModelInfo> for ModelInfo {
    fn from(model: omixa::catalog::ModelInfo) -> Self {
        ModelInfo {
            id: model.id.to_owned(),
            name: model.name.to_owned(),
            description: model.description.to_owned(),
            provider: model.provider.to_owned(),
            source: model.source.to_owned(),
            endpoint: model.endpoint.to_owned(),
            currency: model.currency.map(str::to_owned),
            price_per_second: model.price_per_second.map(|price| price.to_string()),
            minimum_hold: model.minimum_hold.map(|hold| hold.to_string()),
            fields: model.fields.into_iter().map(FieldInfo::from).collect(),
            omitted: owned(&model.omitted),
            origin: None,
        }
    }
}

impl From<omixa::catalog::FieldInfo> for FieldInfo {
    fn from(field: omixa::catalog::FieldInfo) -> Self {
        FieldInfo {
            name: field.name.to_owned(),
            aliases: owned(field.aliases),
            kind: field.kind.to_owned(),
            required: field.required,
            description: field.description.to_owned(),
            accepted: owned(field.accepted),
            media_types: owned(field.media_types),
            minimum: field.minimum.as_ref().and_then(serde_json::Number::as_f64),
            maximum: field.maximum.as_ref().and_then(serde_json::Number::as_f64),
            default: field.default.and_then(scalar),
            assumption: field.assumption.map(str::to_owned),
        }
    }
}

fn owned(names: &[&str]) -> Vec<String> {
    names.iter().map(|&name| name.to_owned()).collect()
}

/// A field's default: the catalog's defaults are scalars (`DefaultValue`), so nothing else occurs.
fn scalar(value: Value) -> Option<Either3<String, f64, bool>> {
    match value {
        Value::String(text) => Some(Either3::A(text)),
        Value::Number(number) => number.as_f64().map(Either3::B),
        Value::Bool(flag) => Some(Either3::C(flag)),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}
