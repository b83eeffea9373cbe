//! JSON Schemas (schemars): one per model request (`schema/<model-id>.request.schema.json`, assembled from
//! the pieces the resolver computed), and the catalog format's own (`schema/catalog.schema.json`, derived by schemars from
//! the loader's types so editors complete and check `spec/` files).

use serde_json::{Map, Value, json};

use crate::HEADER;
use crate::catalog::format::AnyFile;
use crate::catalog::labels;
use crate::ir::{Catalog, Field, Kind, Model};

/// `(path, text)` of every model's request schema.
pub(super) fn request_schemas(catalog: &Catalog) -> Vec<(String, String)> {
    catalog
        .models
        .iter()
        .map(|model| {
            (
                super::schema_path(&model.id),
                pretty(request_schema(model).as_value()),
            )
        })
        .collect()
}

/// Canonical names and aliases are all properties (an alias refers to its field's schema); nothing else is
/// allowed; `model` and `prompt` are required. A field given under two of its names is rejected too: where an
/// alias is present, the field's other names must be absent.
fn request_schema(model: &Model) -> schemars::Schema {
    let Model {
        id: _, // in `model`'s `const`
        name,
        description,
        provider: _,
        source: _,
        endpoint: _,
        fields,
        omitted: _,
        lookup: _,
        operations: _, // cross-field rules are the validator's
        price: _,
        assumptions: _,
        written: _, // for diagnostics only
        example: _,
    } = model;
    let mut properties = Map::new();
    let mut dependent = Map::new();
    for field in fields {
        let name = &field.name;
        properties.insert(name.clone(), field_schema(field));
        for alias in &field.aliases {
            let reference = json!({ "$ref": format!("#/properties/{name}"), "description": format!("Alias of `{name}`.") });
            properties.insert(alias.clone(), reference);
            let others: Map<String, Value> = std::iter::once(name)
                .chain(&field.aliases)
                .filter(|other| *other != alias)
                .map(|other| (other.clone(), Value::Bool(false)))
                .collect();
            dependent.insert(alias.clone(), json!({ "properties": others }));
        }
    }
    let required: Vec<&str> = fields
        .iter()
        .filter(|field| field.required)
        .map(|field| field.name.as_str())
        .collect();
    let mut schema = schemars::json_schema!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": HEADER,
        "title": format!("{name} request"),
        "description": description,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    if !dependent.is_empty() {
        schema.insert("dependentSchemas".to_owned(), Value::Object(dependent));
    }
    schema
}

/// The JSON Schema of one field's value.
fn field_schema(field: &Field) -> Value {
    let Field {
        name: _,
        aliases: _,
        required: _,
        names_model,
        description,
        kind,
        role: _,
        labels: _,
        default: _, // never added to requests, so not a schema `default`
        assumption: _,
        written: _, // for diagnostics only
    } = field;
    let mut schema = json!({ "description": description });
    let mut extend = |piece: Value| {
        if let (Some(schema), Value::Object(piece)) = (schema.as_object_mut(), piece) {
            schema.extend(piece);
        }
    };
    match kind {
        Kind::String { accepted } if *names_model => {
            extend(json!({ "type": "string", "const": accepted.first() }));
        }
        Kind::String { accepted } if accepted.is_empty() => extend(json!({ "type": "string" })),
        Kind::String { accepted } => extend(json!({ "type": "string", "enum": accepted })),
        Kind::Number { min, max } => {
            extend(json!({ "type": "number" }));
            extend(bounds(min.map(json_number), max.map(json_number)));
        }
        Kind::Integer { min, max } => {
            extend(json!({ "type": "integer" }));
            extend(bounds(min.map(Value::from), max.map(Value::from)));
        }
        Kind::Boolean => extend(json!({ "type": "boolean" })),
        Kind::InlineImage { media_types } => extend(inline_image(media_types)),
        Kind::InlineImageList { media_types } => {
            extend(json!({ "type": "array", "minItems": 1, "items": inline_image(media_types) }));
        }
        Kind::VideoSource { .. } => extend(json!({ "type": "string" })),
    }
    schema
}

fn bounds(min: Option<Value>, max: Option<Value>) -> Value {
    let mut bounds = Map::new();
    if let Some(min) = min {
        bounds.insert("minimum".to_owned(), min);
    }
    if let Some(max) = max {
        bounds.insert("maximum".to_owned(), max);
    }
    Value::Object(bounds)
}

/// Whole numbers print without `.0`, as they were written in the catalog.
fn json_number(value: f64) -> Value {
    labels::whole_number(value).map_or_else(|| Value::from(value), Value::from)
}

/// A bare data URL string, or the object form `{"type": "image_url", "image_url": {"url": ...}}`.
fn inline_image(media_types: &[String]) -> Value {
    let url = json!({ "type": "string", "pattern": data_url_pattern(media_types) });
    json!({
        "anyOf": [
            url,
            {
                "type": "object",
                "properties": {
                    "type": { "const": "image_url" },
                    "image_url": {
                        "type": "object",
                        "properties": { "url": url },
                        "required": ["url"],
                        "additionalProperties": false,
                    },
                },
                "required": ["type", "image_url"],
                "additionalProperties": false,
            },
        ],
    })
}

/// `^data:image/(png|jpeg|webp);base64,...$`: one group when all types share their top-level type.
fn data_url_pattern(media_types: &[String]) -> String {
    let escape = |text: &str| text.replace('.', "\\.").replace('+', "\\+");
    let split: Vec<(&str, &str)> = media_types
        .iter()
        .filter_map(|media_type| media_type.split_once('/'))
        .collect();
    let types = match split.as_slice() {
        [(top, _), rest @ ..] if rest.iter().all(|(other, _)| other == top) => {
            let subtypes: Vec<String> = split.iter().map(|(_, sub)| escape(sub)).collect();
            format!("{top}/({})", subtypes.join("|"))
        }
        _ => format!(
            "({})",
            media_types
                .iter()
                .map(|media_type| escape(media_type))
                .collect::<Vec<_>>()
                .join("|")
        ),
    };
    format!("^data:{types};base64,[A-Za-z0-9+/]*={{0,2}}$")
}

/// The schema of any catalog file.
pub(super) fn catalog_schema() -> String {
    let mut schema = schemars::schema_for!(AnyFile).to_value();
    if let Some(object) = schema.as_object_mut() {
        object.insert("$comment".to_owned(), Value::from(HEADER));
        // `$schema` first, `$comment` next: the order readers look for them.
        let keys: Vec<String> = object.keys().cloned().collect();
        let mut ordered = Map::new();
        for key in ["$schema", "$comment"]
            .into_iter()
            .map(str::to_owned)
            .chain(keys)
        {
            if let Some(value) = object.remove(&key) {
                ordered.insert(key, value);
            }
        }
        *object = ordered;
    }
    pretty(&schema)
}

fn pretty(value: &Value) -> String {
    // Serializing a `Value` cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default()
}
