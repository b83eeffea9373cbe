//! The typed request of a model (`Request`) and an enum per field of accepted values (`Model` for the field
//! that names the model). A `Request` serializes to the wire form the model's `validate` accepts.

use proc_macro2::TokenStream;
use quote::quote;

use crate::catalog::labels;
use crate::ir::{Field, Kind, Model};
use crate::names::rust as names;

use super::{doc_lines, ident};

/// The model's value enums and its `Request`.
pub(super) fn request_types(model: &Model) -> TokenStream {
    let enums = model
        .fields
        .iter()
        .filter_map(|field| value_enum(model, field));
    let request = request_struct(model);
    quote! {
        #(#enums)*
        #request
    }
}

/// The enum of a string field's accepted values, if it has any.
fn value_enum(model: &Model, field: &Field) -> Option<TokenStream> {
    let accepted = field.accepted();
    let name = names::value_enum(&field.name, field.names_model, !accepted.is_empty())?;
    let (doc, variants): (String, Vec<String>) = if field.names_model {
        (
            format!("The model id, the only accepted value of `{}`.", field.name),
            vec![names::model_type(&model.id)],
        )
    } else {
        (
            field.description.clone(),
            accepted.iter().map(|value| names::variant(value)).collect(),
        )
    };
    // One `rename_all` when it spells every value, else a `rename` on each variant it does not.
    let rename_all_snake_case = accepted
        .iter()
        .zip(&variants)
        .all(|(value, variant)| names::serde_snake_case(variant) == *value && variant != value);
    let variants = accepted
        .iter()
        .zip(&variants)
        .enumerate()
        .map(|(index, (value, variant))| {
            let default = (field.names_model && index == 0).then(|| quote!(#[default]));
            let rename = (!rename_all_snake_case && variant != value)
                .then(|| quote!(#[serde(rename = #value)]));
            let variant = ident(variant);
            quote!(#default #rename #variant,)
        });
    let name = ident(&name);
    let doc = doc_lines(&[doc]);
    // Only the one-variant `Model` enum has an obvious default.
    let default_derive = field.names_model.then(|| quote!(Default,));
    let rename_all = rename_all_snake_case.then(|| quote!(#[serde(rename_all = "snake_case")]));
    Some(quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, #default_derive serde::Serialize, serde::Deserialize)]
        #rename_all
        pub enum #name {
            #(#variants)*
        }
    })
}

fn request_struct(model: &Model) -> TokenStream {
    let doc = doc_lines(&[format!(
        "A typed request for {}. Serializes to the wire form; validate before sending.",
        model.name
    )]);
    let default_derive = model
        .fields
        .iter()
        .all(|field| !field.required || has_default(field))
        .then(|| quote!(Default,));
    let members = model.fields.iter().map(request_member);
    let name = ident(names::REQUEST_STRUCT);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default_derive serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct #name {
            #(#members)*
        }
    }
}

fn request_member(field: &Field) -> TokenStream {
    let Field {
        name,
        aliases,
        required,
        names_model: _, // in the type (`rust_type`)
        description: _, // in the doc (`member_doc`)
        kind: _,
        role: _, // what the SDK reads it for, not part of the request's shape
        labels: _,
        default: _, // never added to a request; named in the doc
        assumption: _,
        written: _, // for diagnostics only
    } = field;
    let member = names::field(name);
    let ty = rust_type(field);
    let mut serde = Vec::new();
    if !required {
        serde.extend([
            quote!(default),
            quote!(skip_serializing_if = "Option::is_none"),
        ]);
    }
    if member.trim_start_matches("r#") != name {
        serde.push(quote!(rename = #name));
    }
    serde.extend(aliases.iter().map(|alias| quote!(alias = #alias)));
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    let ty = if *required { ty } else { quote!(Option<#ty>) };
    let doc = doc_lines(&member_doc(field));
    let member = ident(&member);
    quote! {
        #doc
        #serde
        pub #member: #ty,
    }
}

fn rust_type(field: &Field) -> TokenStream {
    match &field.kind {
        Kind::String { accepted } => {
            match names::value_enum(&field.name, field.names_model, !accepted.is_empty()) {
                Some(name) => {
                    let name = ident(&name);
                    quote!(#name)
                }
                None => quote!(String),
            }
        }
        Kind::Number { .. } => quote!(f64),
        Kind::Integer { .. } => quote!(i64),
        Kind::Boolean => quote!(bool),
        Kind::InlineImage { .. } => quote!(crate::media::InlineImage),
        Kind::InlineImageList { .. } => quote!(Vec<crate::media::InlineImage>),
        Kind::VideoSource { .. } => quote!(crate::media::VideoSource),
    }
}

/// Whether the Rust type of a field has a `Default` (media types do not; nor do value enums, except the
/// one-variant `Model`), so that `Request` can derive `Default` when every required field has one.
fn has_default(field: &Field) -> bool {
    match &field.kind {
        Kind::String { accepted } => field.names_model || accepted.is_empty(),
        Kind::Number { .. }
        | Kind::Integer { .. }
        | Kind::Boolean
        | Kind::InlineImageList { .. } => true,
        Kind::InlineImage { .. } | Kind::VideoSource { .. } => false,
    }
}

/// The member's doc comment: description, then aliases, accepted range and assumed default.
fn member_doc(field: &Field) -> Vec<String> {
    let mut doc = vec![field.description.clone()];
    if !field.aliases.is_empty() {
        let aliases: Vec<String> = field
            .aliases
            .iter()
            .map(|alias| format!("`{alias}`"))
            .collect();
        doc.extend([
            String::new(),
            format!("Also accepted as {}.", aliases.join(", ")),
        ]);
    }
    if let Some(range) = &field.labels.range {
        doc.extend([String::new(), format!("Accepted: {range}.")]);
    }
    if let Some(default) = &field.default {
        doc.extend([
            String::new(),
            format!(
                "Assumed default when absent: {}.",
                labels::scalar_text(&default.value)
            ),
        ]);
    }
    doc
}
