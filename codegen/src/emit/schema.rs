//! JSON Schemas (schemars): one per model request (`schema/<model-id>.request.schema.json`, assembled from
//! the pieces the resolver computed), and the catalog format's own (`schema/catalog.schema.json`, derived by schemars from
//! the loader's types so editors complete and check `spec/` files).

use serde_json::{Map, Value, json};

use crate::HEADER;
use crate::catalog::format::AnyFile;
use crate::ir::{Catalog, Field, Model};

/// `(path, text)` of every model's request schema.
pub(super) fn request_schemas(catalog: &Catalog) -> Vec<(String, String)> {
    catalog
        .models
        .iter()
        .map(|model| {
            (
                model.names.schema_file.clone(),
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
        id: _,
        id_literal: _,
        name,
        description,
        provider: _,
        source: _,
        names: _,
        endpoint: _,
        fields,
        omitted: _,
        lookup: _,
        operations: _,
        price: _,
        assumptions: _,
        request_derives_default: _,
    } = model;
    let mut properties = Map::new();
    let mut dependent = Map::new();
    for field in fields {
        let Field {
            name,
            aliases,
            required: _,
            description: _,
            kind: _,
            default: _,
            assumption: _,
            rust: _,
            python_type: _,
            typescript_type: _,
            schema,
            docs: _,
        } = field;
        properties.insert(name.clone(), schema.clone());
        for alias in aliases {
            let reference = json!({ "$ref": format!("#/properties/{name}"), "description": format!("Alias of `{name}`.") });
            properties.insert(alias.clone(), reference);
            let others: Map<String, Value> = std::iter::once(name)
                .chain(aliases)
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
        "description": description.plain,
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
