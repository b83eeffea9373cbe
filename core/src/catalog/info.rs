//! The catalog as plain data for listings: one shape in every language, money as decimal strings.

use rust_decimal::Decimal;

use super::{DefaultSpec, DefaultValue, FieldKind, FieldSpec, ModelSpec};

/// A model of the catalog as plain data, for listings (`omixa models --json`, Python's `ModelInfo`, Node's
/// `models()`): one shape in every language, money as decimal strings.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ModelInfo {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub provider: &'static str,
    /// The published page the entry is traced to.
    pub source: &'static str,
    /// The endpoint type, e.g. `google_veo_video_jobs`.
    pub endpoint: &'static str,
    /// `None` when the model publishes no price (as are the two amounts).
    pub currency: Option<&'static str>,
    /// Serialized as a decimal string, like all money.
    pub price_per_second: Option<Decimal>,
    pub minimum_hold: Option<Decimal>,
    pub fields: Vec<FieldInfo>,
    /// Fields of the included sets that this model does not accept.
    pub omitted: Vec<&'static str>,
}

/// A field of a model as plain data (see [`ModelInfo`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldInfo {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    /// `string`, `number`, `integer`, `boolean`, `inline_image`, `inline_image_list` or `video_source`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub required: bool,
    pub description: &'static str,
    /// The accepted values of a string field; empty when any string goes.
    pub accepted: &'static [&'static str],
    /// The media types of an inline image or video field.
    pub media_types: &'static [&'static str],
    pub minimum: Option<serde_json::Number>,
    pub maximum: Option<serde_json::Number>,
    /// The value assumed when the field is absent.
    pub default: Option<serde_json::Value>,
    /// Why the SDK adds something the model page does not give, if it does.
    pub assumption: Option<&'static str>,
}

impl From<&ModelSpec> for ModelInfo {
    fn from(model: &ModelSpec) -> Self {
        let price = model.price.as_ref();
        ModelInfo {
            id: model.id,
            name: model.name,
            description: model.description,
            provider: model.provider,
            source: model.source,
            endpoint: model.endpoint.id,
            currency: price.map(|price| price.currency),
            price_per_second: price.map(|price| price.per_second),
            minimum_hold: price.map(|price| price.minimum_hold),
            fields: model.fields.iter().map(FieldInfo::from).collect(),
            omitted: model.omitted.iter().map(|field| field.name).collect(),
        }
    }
}

impl From<&FieldSpec> for FieldInfo {
    fn from(field: &FieldSpec) -> Self {
        let FieldSpec {
            name,
            aliases,
            kind,
            role: _,
            labels,
            required,
            description,
            default,
            assumption,
        } = field;
        let float = |bound: &Option<f64>| bound.and_then(serde_json::Number::from_f64);
        let integer = |bound: &Option<i64>| bound.map(serde_json::Number::from);
        let none: &'static [&'static str] = &[];
        let (accepted, media_types, minimum, maximum) = match kind {
            FieldKind::String { accepted } => (*accepted, none, None, None),
            FieldKind::Number { min, max } => (none, none, float(min), float(max)),
            FieldKind::Integer { min, max } => (none, none, integer(min), integer(max)),
            FieldKind::Boolean => (none, none, None, None),
            FieldKind::InlineImage { media_types }
            | FieldKind::InlineImageList { media_types }
            | FieldKind::VideoSource { media_types } => (none, *media_types, None, None),
        };
        FieldInfo {
            name,
            aliases,
            kind: labels.kind_name,
            required: *required,
            description,
            accepted,
            media_types,
            minimum,
            maximum,
            default: default.map(
                |DefaultSpec {
                     value,
                     assumption: _,
                 }| match value {
                    DefaultValue::Integer(value) => serde_json::Value::from(value),
                    DefaultValue::Number(value) => serde_json::Value::from(value),
                    DefaultValue::String(value) => serde_json::Value::from(value),
                    DefaultValue::Boolean(value) => serde_json::Value::from(value),
                },
            ),
            assumption: *assumption,
        }
    }
}
