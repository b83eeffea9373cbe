//! What each target calls one resolved field: its Rust declaration, Python and TypeScript types, JSON-Schema
//! piece and documentation row. Computed once here so the emitters stay printers.

use serde_json::{Value, json};

use super::naming::{field_ident, serde_snake_case, variant_name};
use super::{
    AcceptedValue, DefaultValue, DocsRow, Field, Kind, RustEnum, RustField, RustType, RustVariant,
    Scalar, Text,
};

/// A field's meaning, before any target's names are attached.
#[derive(Debug)]
pub(super) struct FieldCore {
    pub name: String,
    pub aliases: Vec<String>,
    pub required: bool,
    pub description: String,
    pub kind: Kind,
    pub default: Option<DefaultValue>,
    pub assumption: Option<String>,
}

/// The names a field gets from its model.
#[derive(Debug)]
pub(super) struct FieldNaming {
    /// `Some(type name)` for the `model` field, whose only accepted value is the model's id.
    pub discriminator_variant: Option<String>,
    /// The Rust enum of a string field with accepted values.
    pub enum_name: Option<String>,
    /// The `.pyi` / `.d.ts` literal type of that field (set after all models are known).
    pub literal_type: Option<String>,
}

pub(super) fn finish(core: FieldCore, naming: &FieldNaming) -> Field {
    let rust = rust_field(&core, naming);
    let (python_type, typescript_type) = host_types(&core, naming);
    let schema = schema(&core, naming.discriminator_variant.is_some());
    let docs = docs_row(&core);
    let FieldCore {
        name,
        aliases,
        required,
        description,
        kind,
        default,
        assumption,
    } = core;
    Field {
        name,
        aliases,
        required,
        description: Text::new(&description),
        kind,
        default,
        assumption,
        rust,
        python_type,
        typescript_type,
        schema,
        docs,
    }
}

/// Python and TypeScript type expressions (a literal type when the field has one).
pub(super) fn host_types(core: &FieldCore, naming: &FieldNaming) -> (String, String) {
    if naming.discriminator_variant.is_some()
        && let Kind::String { accepted } = &core.kind
        && let [id] = accepted.as_slice()
    {
        return (format!("Literal[{}]", id.literal), id.literal.clone());
    }
    if let Some(literal_type) = &naming.literal_type {
        return (literal_type.clone(), literal_type.clone());
    }
    let (python, typescript) = match core.kind {
        Kind::String { .. } | Kind::VideoSource { .. } => ("str", "string"),
        Kind::Number { .. } => ("float", "number"),
        Kind::Integer { .. } => ("int", "number"),
        Kind::Boolean => ("bool", "boolean"),
        Kind::InlineImage { .. } => ("InlineImage", "InlineImage"),
        Kind::InlineImageList { .. } => ("list[InlineImage]", "InlineImage[]"),
    };
    (python.to_owned(), typescript.to_owned())
}

fn rust_field(core: &FieldCore, naming: &FieldNaming) -> RustField {
    let ident = field_ident(&core.name);
    let ty = match (&core.kind, &naming.enum_name) {
        (Kind::String { .. }, Some(name)) => RustType::Enum(name.clone()),
        (Kind::String { .. }, None) => RustType::String,
        (Kind::Number { .. }, _) => RustType::F64,
        (Kind::Integer { .. }, _) => RustType::I64,
        (Kind::Boolean, _) => RustType::Bool,
        (Kind::InlineImage { .. }, _) => RustType::InlineImage,
        (Kind::InlineImageList { .. }, _) => RustType::InlineImageList,
        (Kind::VideoSource { .. }, _) => RustType::VideoSource,
    };
    let enumeration = match (&core.kind, &naming.enum_name) {
        (Kind::String { accepted }, Some(name)) => Some(rust_enum(name, core, accepted, naming)),
        _ => None,
    };
    RustField {
        serde_rename: (ident.trim_start_matches("r#") != core.name).then(|| core.name.clone()),
        ident,
        ty,
        doc: field_doc(core),
        enumeration,
    }
}

fn rust_enum(
    name: &str,
    core: &FieldCore,
    accepted: &[AcceptedValue],
    naming: &FieldNaming,
) -> RustEnum {
    let (doc, idents): (String, Vec<String>) = match &naming.discriminator_variant {
        Some(variant) => (
            format!("The model id, the only accepted value of `{}`.", core.name),
            vec![variant.clone()],
        ),
        None => (
            core.description.clone(),
            accepted
                .iter()
                .map(|value| variant_name(&value.wire))
                .collect(),
        ),
    };
    let rename_all_snake_case = accepted
        .iter()
        .zip(&idents)
        .all(|(value, ident)| serde_snake_case(ident) == value.wire && *ident != value.wire);
    let variants = accepted
        .iter()
        .zip(idents)
        .map(|(value, ident)| RustVariant {
            serde_rename: (!rename_all_snake_case && ident != value.wire)
                .then(|| value.wire.clone()),
            ident,
        })
        .collect();
    RustEnum {
        name: name.to_owned(),
        doc: vec![doc],
        rename_all_snake_case,
        derive_default: naming.discriminator_variant.is_some(),
        variants,
    }
}

/// The field's doc comment: description, then aliases, range and assumed default.
fn field_doc(core: &FieldCore) -> Vec<String> {
    let mut doc = vec![core.description.clone()];
    if !core.aliases.is_empty() {
        doc.extend([
            String::new(),
            format!("Also accepted as {}.", code_list(&core.aliases, ", ")),
        ]);
    }
    if let Some(range) = range_label(&core.kind) {
        doc.extend([String::new(), format!("Range: {range}.")]);
    }
    if let Some(default) = &core.default {
        doc.extend([
            String::new(),
            format!(
                "Assumed default when absent: {}.",
                scalar_label(&default.value)
            ),
        ]);
    }
    doc
}

/// The JSON Schema of the field's value.
fn schema(core: &FieldCore, discriminator: bool) -> Value {
    let mut schema = json!({ "description": core.description });
    let mut extend = |piece: Value| {
        if let (Some(schema), Value::Object(piece)) = (schema.as_object_mut(), piece) {
            schema.extend(piece);
        }
    };
    match &core.kind {
        Kind::String { accepted } if discriminator => {
            extend(json!({ "type": "string", "const": accepted.first().map(|value| &value.wire) }));
        }
        Kind::String { accepted } if accepted.is_empty() => extend(json!({ "type": "string" })),
        Kind::String { accepted } => {
            extend(
                json!({ "type": "string", "enum": accepted.iter().map(|value| &value.wire).collect::<Vec<_>>() }),
            );
        }
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
    let mut bounds = serde_json::Map::new();
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
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every integer below is exact in an f64
    if value.fract() == 0.0 && value.abs() < EXACT {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "whole and below 2^53, so exact"
        )]
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
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
pub(super) fn data_url_pattern(media_types: &[String]) -> String {
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

fn docs_row(core: &FieldCore) -> DocsRow {
    let type_label = match core.kind {
        Kind::String { .. } => "string",
        Kind::Number { .. } => "number",
        Kind::Integer { .. } => "integer",
        Kind::Boolean => "boolean",
        Kind::InlineImage { .. } => "inline image",
        Kind::InlineImageList { .. } => "array of inline images",
        Kind::VideoSource { .. } => "string or inline video",
    };
    let accepted = match &core.kind {
        Kind::String { accepted } if !accepted.is_empty() => code_list(
            &accepted
                .iter()
                .map(|value| value.wire.clone())
                .collect::<Vec<_>>(),
            ", ",
        ),
        Kind::Number { .. } | Kind::Integer { .. } => {
            range_label(&core.kind).unwrap_or_else(|| "Any valid value".to_owned())
        }
        Kind::InlineImage { media_types } | Kind::InlineImageList { media_types } => {
            format!("data URL or image object: {}", media_types.join(", "))
        }
        Kind::VideoSource { media_types } => {
            format!("operation id, URL, or data URL: {}", media_types.join(", "))
        }
        Kind::String { .. } | Kind::Boolean => "Any valid value".to_owned(),
    };
    DocsRow {
        field: format!("`{}`", core.name),
        aliases: code_list(&core.aliases, ", "),
        type_label: type_label.to_owned(),
        required: if core.required { "Yes" } else { "No" }.to_owned(),
        accepted: super::markdown_cell(&accepted),
        default: core
            .default
            .as_ref()
            .map(|default| format!("{} (assumed)", scalar_label(&default.value)))
            .unwrap_or_default(),
        description: super::markdown_cell(&core.description),
    }
}

/// "1 to 30", "at least 0", "at most 4".
fn range_label(kind: &Kind) -> Option<String> {
    let (min, max) = match *kind {
        Kind::Number { min, max } => (
            min.map(|min| json_number(min).to_string()),
            max.map(|max| json_number(max).to_string()),
        ),
        Kind::Integer { min, max } => (
            min.map(|min| min.to_string()),
            max.map(|max| max.to_string()),
        ),
        _ => return None,
    };
    match (min, max) {
        (Some(min), Some(max)) => Some(format!("{min} to {max}")),
        (Some(min), None) => Some(format!("at least {min}")),
        (None, Some(max)) => Some(format!("at most {max}")),
        (None, None) => None,
    }
}

pub(super) fn scalar_label(value: &Scalar) -> String {
    match value {
        Scalar::Integer(value) => value.to_string(),
        Scalar::Number(value) => json_number(*value).to_string(),
        Scalar::String(value) => format!("`{value}`"),
        Scalar::Boolean(value) => value.to_string(),
    }
}

fn code_list(names: &[String], separator: &str) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(separator)
}
