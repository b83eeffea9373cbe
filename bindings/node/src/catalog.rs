//! The catalog as plain JSON data for `models()`: the same names and shapes as the Python package's
//! `ModelInfo` / `FieldInfo`, money as decimal strings.

use omixa::catalog::{DefaultSpec, DefaultValue, FieldKind, FieldSpec, ModelSpec, PriceSpec};
use serde_json::{Value, json};

/// One model of the catalog.
pub(crate) fn model(spec: &ModelSpec) -> Value {
    let price = spec.price.as_ref();
    json!({
        "id": spec.id,
        "name": spec.name,
        "description": spec.description,
        "provider": spec.provider,
        "currency": price.map(|PriceSpec { currency, .. }| *currency),
        "price_per_second": price.map(|price| price.per_second.to_string()),
        "minimum_hold": price.map(|price| price.minimum_hold.to_string()),
        "fields": spec.fields.iter().map(field).collect::<Vec<_>>(),
    })
}

fn field(spec: &FieldSpec) -> Value {
    let FieldSpec {
        name,
        aliases,
        kind,
        required,
        description,
        default,
        assumption: _,
    } = spec;
    let (kind_name, accepted, media_types, minimum, maximum): (
        &str,
        &[&str],
        &[&str],
        Value,
        Value,
    ) = match kind {
        FieldKind::String { accepted } => ("string", accepted, &[], Value::Null, Value::Null),
        FieldKind::Number { min, max } => ("number", &[], &[], json!(min), json!(max)),
        FieldKind::Integer { min, max } => ("integer", &[], &[], json!(min), json!(max)),
        FieldKind::Boolean => ("boolean", &[], &[], Value::Null, Value::Null),
        FieldKind::InlineImage { media_types } => {
            ("inline_image", &[], media_types, Value::Null, Value::Null)
        }
        FieldKind::InlineImageList { media_types } => (
            "inline_image_list",
            &[],
            media_types,
            Value::Null,
            Value::Null,
        ),
        FieldKind::VideoSource { media_types } => {
            ("video_source", &[], media_types, Value::Null, Value::Null)
        }
    };
    json!({
        "name": name,
        "aliases": aliases,
        "type": kind_name,
        "required": required,
        "description": description,
        "accepted": accepted,
        "media_types": media_types,
        "minimum": minimum,
        "maximum": maximum,
        "default": default.map(|DefaultSpec { value, assumption: _ }| default_value(value)),
    })
}

fn default_value(value: DefaultValue) -> Value {
    match value {
        DefaultValue::Integer(value) => json!(value),
        DefaultValue::Number(value) => json!(value),
        DefaultValue::String(value) => json!(value),
        DefaultValue::Boolean(value) => json!(value),
    }
}
