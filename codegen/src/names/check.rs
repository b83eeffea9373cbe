//! The names the generator will give must not collide: two model ids making one Rust module or type, two values
//! making one enum variant, a field whose enum shadows a type of its module, two `.pyi`/`.d.ts` types with one
//! name. Checked on the resolved catalog, pointing at the YAML through the positions it keeps; a catalog loaded
//! at run time is never named, so only the generator asks.

use std::collections::HashMap;

use super::host::{self, HostNames, ValueField};
use super::rust;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{Field, Kind, Model};

/// Every field of accepted values but the one naming the model, as the host namer takes them: the fields that
/// get a literal type in the `.pyi` and `.d.ts`.
pub fn value_fields(models: &[Model]) -> impl Iterator<Item = ValueField<'_>> + Clone {
    models.iter().flat_map(|model| {
        model
            .fields
            .iter()
            .filter(|field| !field.names_model && !field.accepted().is_empty())
            .map(|field| ValueField {
                model: &model.id,
                field: &field.name,
                values: field.accepted(),
            })
    })
}

/// Reports every collision of generated names in `models`.
pub fn check(models: &[Model], out: &mut Diagnostics) {
    for model in models {
        for field in &model.fields {
            check_value_enum(field, out);
        }
    }
    check_rust_names(models, out);
    check_host_names(models, out);
}

/// A field's enum must not take a name its model module uses, nor two of its values one variant.
fn check_value_enum(field: &Field, out: &mut Diagnostics) {
    let Kind::String { accepted } = &field.kind else {
        return;
    };
    let Some(enum_name) = rust::value_enum(&field.name, field.names_model, !accepted.is_empty())
    else {
        return;
    };
    let written = &field.written;
    if !field.names_model && [rust::MODEL_ENUM, rust::REQUEST_STRUCT].contains(&enum_name.as_str())
    {
        let message = format!(
            "field `{}` would generate the enum `{enum_name}`, a name the model module uses",
            field.name
        );
        out.error(&written.file, written.name, message);
    }
    // The field naming the model has no values written: its one value is the model's id.
    let Some((file, spans)) = &written.values else {
        return;
    };
    let mut variants: HashMap<String, &str> = HashMap::new();
    for (value, span) in accepted.iter().zip(spans) {
        let variant = rust::variant(value);
        if variant.is_empty() {
            let message = format!("value `{value}` has no letter or digit to name a Rust variant");
            out.error(file, *span, message);
        } else if let Some(first) = variants.get(&variant) {
            let message =
                format!("values `{first}` and `{value}` both become the Rust variant `{variant}`");
            out.error(file, *span, message);
        } else {
            variants.insert(variant, value);
        }
    }
}

/// Two ids must not give the same Rust module or type name (`a-1` and `a.1` both give `a_1`).
fn check_rust_names(models: &[Model], out: &mut Diagnostics) {
    let rust_names = |id: &str| (rust::module(id), rust::model_type(id));
    for (index, model) in models.iter().enumerate() {
        let (module, type_name) = rust_names(&model.id);
        if let Some(earlier) = models[..index].iter().find(|earlier| {
            let (earlier_module, earlier_type) = rust_names(&earlier.id);
            earlier_module == module || earlier_type == type_name
        }) {
            out.push(
                Diagnostic::new(
                    &model.written.file,
                    model.written.id,
                    format!(
                        "model ids `{}` and `{}` give the same generated names",
                        earlier.id, model.id
                    ),
                )
                .with_help(format!("both become `{module}` / `{type_name}`")),
            );
        }
    }
}

/// The `.pyi` and `.d.ts` declare every request type and literal type at top level: no two may share a name.
fn check_host_names(models: &[Model], out: &mut Diagnostics) {
    let names = HostNames::new(value_fields(models));
    let request_types = models
        .iter()
        .map(|model| (host::request_type(&model.id), model.id.as_str()));
    let literal_types = names
        .literal_types()
        .iter()
        .map(|literal| (literal.name.clone(), literal.model.as_str()));
    let mut seen: Vec<String> = host::RESERVED.iter().map(|&name| name.to_owned()).collect();
    for (name, model_id) in request_types.chain(literal_types) {
        if seen.contains(&name)
            && let Some(model) = models.iter().find(|model| model.id == model_id)
        {
            out.error(
                &model.written.file,
                model.written.id,
                format!(
                    "the generated Python/TypeScript type name `{name}` would be declared twice"
                ),
            );
        }
        seen.push(name);
    }
}
