//! `generated/rust/models.rs`: the catalog as static descriptors of `omixa::catalog` plus typed requests.
//! Built with `quote!`, parsed into a `syn::File` and printed by prettyplease, so the bytes do not depend on
//! the local rustfmt. The file is `include!`d inside `omixa::models`, so every path is fully qualified.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{
    Amount, Catalog, DefaultValue, Endpoint, Field, Kind, LookupArm, LookupTarget, Model,
    ModelNames, ModelOperations, OmittedField, OperationCase, Operations, Price, RustEnum,
    RustField, RustType, RustVariant, Scalar, SharedOperations, StatusRequest,
};
use crate::{Error, HEADER};

pub(super) fn models(catalog: &Catalog) -> Result<String, Error> {
    let Catalog {
        models,
        endpoints,
        shared_operations,
        literal_types: _,
    } = catalog;
    let specs = models.iter().map(|model| {
        let module = ident(&model.names.module);
        quote!(&#module::SPEC)
    });
    let endpoints = endpoints.iter().map(endpoint_static);
    let operations = shared_operations.iter().map(shared_operations_static);
    let modules = models.iter().map(model_module);
    let tokens = quote! {
        #[doc = " Every model of the catalog, in id order."]
        pub static MODELS: &[&crate::catalog::ModelSpec] = &[#(#specs),*];
        #(#endpoints)*
        #(#operations)*
        #(#modules)*
    };
    let file: syn::File = syn::parse2(tokens).map_err(|error| Error::Render {
        what: "rust/models.rs".to_owned(),
        message: error.to_string(),
    })?;
    Ok(format!(
        "// {HEADER}.\n\n{}",
        separate_items(&prettyplease::unparse(&file))
    ))
}

/// prettyplease prints items back to back; put one blank line between consecutive items at the same depth.
/// An item ends on a line closing it (`}` or ending in `;`); the next starts with a doc comment, an attribute
/// or a keyword that begins an item.
fn separate_items(code: &str) -> String {
    const ITEM_STARTS: &[&str] = &["///", "#[", "pub ", "static ", "const ", "fn ", "mod "];
    let indent = |line: &str| line.len() - line.trim_start().len();
    let mut separated = String::with_capacity(code.len() + code.len() / 16);
    let mut previous: Option<&str> = None;
    for line in code.lines() {
        if let Some(previous) = previous {
            let trimmed = previous.trim_start();
            let closes_item =
                !trimmed.starts_with("///") && (trimmed == "}" || trimmed.ends_with(';'));
            let starts_item = ITEM_STARTS
                .iter()
                .any(|start| line.trim_start().starts_with(start));
            if closes_item && starts_item && indent(previous) == indent(line) {
                separated.push('\n');
            }
        }
        separated.push_str(line);
        separated.push('\n');
        previous = Some(line);
    }
    separated
}

fn endpoint_static(endpoint: &Endpoint) -> TokenStream {
    let Endpoint {
        id,
        provider,
        rust_static,
        create_path,
        status_path,
        status_request,
        honours_idempotency_key,
        assumptions: _,
    } = endpoint;
    let name = ident(rust_static);
    let doc = doc_lines(&[format!("Endpoint type `{id}` (provider `{provider}`).")]);
    let status_request = match status_request {
        StatusRequest::PostJson => quote!(crate::catalog::StatusRequest::PostJson),
        StatusRequest::GetQuery => quote!(crate::catalog::StatusRequest::GetQuery),
    };
    quote! {
        #doc
        pub static #name: crate::catalog::EndpointSpec = crate::catalog::EndpointSpec {
            id: #id,
            create_path: #create_path,
            status_path: #status_path,
            status_request: #status_request,
            honours_idempotency_key: #honours_idempotency_key,
        };
    }
}

fn shared_operations_static(shared: &SharedOperations) -> TokenStream {
    let SharedOperations {
        rust_static,
        field_set,
        operations,
    } = shared;
    let name = ident(rust_static);
    let doc = doc_lines(&[format!(
        "The workflows of `{}` (field set `{field_set}`).",
        operations.field
    )]);
    let value = operations_value(operations);
    quote! {
        #doc
        pub static #name: crate::catalog::OperationsSpec = #value;
    }
}

fn operations_value(operations: &Operations) -> TokenStream {
    let Operations { field, cases } = operations;
    let cases = cases.iter().map(|case| {
        let OperationCase { name, requires, accepts } = case;
        quote!(crate::catalog::OperationCase { name: #name, requires: &[#(#requires),*], accepts: &[#(#accepts),*] })
    });
    quote!(crate::catalog::OperationsSpec { field: #field, cases: &[#(#cases),*] })
}

fn model_module(model: &Model) -> TokenStream {
    let Model {
        id,
        id_literal: _,
        name,
        description,
        provider,
        source,
        names,
        endpoint,
        fields,
        omitted,
        lookup,
        operations,
        price,
        assumptions: _,
        request_derives_default,
    } = model;
    let ModelNames {
        module,
        type_name: _,
        request_type: _,
        schema_file: _,
        docs_file: _,
    } = names;
    let module = ident(module);
    let module_doc = doc_lines(&[format!("{name} (`{id}`): {}", description.plain)]);
    let endpoint_static = ident(&endpoint.rust_static);
    let description = &description.plain;

    let (operations_ref, own_operations) = match operations {
        None => (quote!(None), None),
        Some(ModelOperations {
            operations: _,
            shared_static: Some(shared_static),
        }) => {
            let name = ident(shared_static);
            (quote!(Some(&super::#name)), None)
        }
        Some(ModelOperations {
            operations,
            shared_static: None,
        }) => {
            let value = operations_value(operations);
            let doc = doc_lines(&[format!(
                "The workflows of `{}` this model accepts.",
                operations.field
            )]);
            (
                quote!(Some(&OPERATIONS)),
                Some(quote!(#doc static OPERATIONS: crate::catalog::OperationsSpec = #value;)),
            )
        }
    };
    let (price_value, price_consts) = match price {
        None => (quote!(None), None),
        Some(price) => {
            let (value, consts) = price_tokens(price);
            (quote!(Some(#value)), Some(consts))
        }
    };
    let field_count = Literal::usize_unsuffixed(fields.len());
    let field_specs = fields.iter().map(field_spec);
    let omitted_count = Literal::usize_unsuffixed(omitted.len());
    let omitted_specs = omitted.iter().map(|field| {
        let OmittedField { name, aliases } = field;
        quote!(crate::catalog::OmittedField { name: #name, aliases: &[#(#aliases),*] })
    });
    let lookup_arms = lookup.iter().map(lookup_arm);
    let enums = fields
        .iter()
        .filter_map(|field| field.rust.enumeration.as_ref())
        .map(rust_enum);
    let request = request_struct(name, fields, *request_derives_default);

    quote! {
        #module_doc
        pub mod #module {
            #[doc = " The model's descriptor."]
            pub static SPEC: crate::catalog::ModelSpec = crate::catalog::ModelSpec {
                id: #id,
                name: #name,
                description: #description,
                provider: #provider,
                source: #source,
                endpoint: &super::#endpoint_static,
                fields: &FIELDS,
                omitted: &OMITTED,
                operations: #operations_ref,
                price: #price_value,
                lookup,
            };

            #price_consts
            #own_operations

            static FIELDS: [crate::catalog::FieldSpec; #field_count] = [#(#field_specs),*];

            static OMITTED: [crate::catalog::OmittedField; #omitted_count] = [#(#omitted_specs),*];

            fn lookup(key: &str) -> Option<crate::catalog::Lookup> {
                Some(match key {
                    #(#lookup_arms)*
                    _ => return None,
                })
            }

            #[doc = " Validates and normalizes a request for this model (see [`crate::validate`])."]
            pub fn validate(
                request: serde_json::Value,
                options: &crate::ValidateOptions,
            ) -> Result<crate::Validated, crate::ValidationError> {
                crate::validate::validate_model(&SPEC, request, options)
            }

            #(#enums)*

            #request
        }
    }
}

/// The `PriceSpec` value and the constants it names; each constant's doc keeps the amount as written.
fn price_tokens(price: &Price) -> (TokenStream, TokenStream) {
    let Price {
        currency,
        per_second,
        minimum_hold,
    } = price;
    let per_second_doc = doc_lines(&[format!(
        "Price of one second of one generated video: {currency} {}.",
        per_second.text
    )]);
    let minimum_hold_doc = doc_lines(&[format!(
        "The least amount held when a job is created: {currency} {}.",
        minimum_hold.text
    )]);
    let per_second = decimal(per_second);
    let minimum_hold = decimal(minimum_hold);
    let value = quote! {
        crate::catalog::PriceSpec { currency: #currency, per_second: PER_SECOND, minimum_hold: MINIMUM_HOLD }
    };
    let consts = quote! {
        #per_second_doc
        const PER_SECOND: rust_decimal::Decimal = #per_second;
        #minimum_hold_doc
        const MINIMUM_HOLD: rust_decimal::Decimal = #minimum_hold;
    };
    (value, consts)
}

fn decimal(amount: &Amount) -> TokenStream {
    let Amount {
        text: _,
        lo,
        mid,
        hi,
        negative,
        scale,
    } = amount;
    let [lo, mid, hi, scale] = [lo, mid, hi, scale].map(|part| Literal::u32_unsuffixed(*part));
    quote!(rust_decimal::Decimal::from_parts(#lo, #mid, #hi, #negative, #scale))
}

fn field_spec(field: &Field) -> TokenStream {
    let Field {
        name,
        aliases,
        required,
        description,
        kind,
        default,
        assumption,
        rust: _,
        python_type: _,
        typescript_type: _,
        schema: _,
        docs: _,
    } = field;
    let description = &description.plain;
    let kind = field_kind(kind);
    let default = match default {
        None => quote!(None),
        Some(DefaultValue { value, assumption }) => {
            let value = match value {
                Scalar::Integer(value) => {
                    let value = int(*value);
                    quote!(crate::catalog::DefaultValue::Integer(#value))
                }
                Scalar::Number(value) => {
                    let value = float(*value);
                    quote!(crate::catalog::DefaultValue::Number(#value))
                }
                Scalar::String(value) => quote!(crate::catalog::DefaultValue::String(#value)),
                Scalar::Boolean(value) => quote!(crate::catalog::DefaultValue::Boolean(#value)),
            };
            quote!(Some(crate::catalog::DefaultSpec { value: #value, assumption: #assumption }))
        }
    };
    let assumption = match assumption {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    };
    quote! {
        crate::catalog::FieldSpec {
            name: #name,
            aliases: &[#(#aliases),*],
            kind: #kind,
            required: #required,
            description: #description,
            default: #default,
            assumption: #assumption,
        }
    }
}

fn field_kind(kind: &Kind) -> TokenStream {
    let bound = |bound: Option<TokenStream>| match bound {
        Some(bound) => quote!(Some(#bound)),
        None => quote!(None),
    };
    match kind {
        Kind::String { accepted } => {
            let accepted = accepted.iter().map(|value| &value.wire);
            quote!(crate::catalog::FieldKind::String { accepted: &[#(#accepted),*] })
        }
        Kind::Number { min, max } => {
            let (min, max) = (bound(min.map(float)), bound(max.map(float)));
            quote!(crate::catalog::FieldKind::Number { min: #min, max: #max })
        }
        Kind::Integer { min, max } => {
            let (min, max) = (bound(min.map(int)), bound(max.map(int)));
            quote!(crate::catalog::FieldKind::Integer { min: #min, max: #max })
        }
        Kind::Boolean => quote!(crate::catalog::FieldKind::Boolean),
        Kind::InlineImage { media_types } => {
            quote!(crate::catalog::FieldKind::InlineImage { media_types: &[#(#media_types),*] })
        }
        Kind::InlineImageList { media_types } => {
            quote!(crate::catalog::FieldKind::InlineImageList { media_types: &[#(#media_types),*] })
        }
        Kind::VideoSource { media_types } => {
            quote!(crate::catalog::FieldKind::VideoSource { media_types: &[#(#media_types),*] })
        }
    }
}

fn lookup_arm(arm: &LookupArm) -> TokenStream {
    let LookupArm { keys, target } = arm;
    let target = match *target {
        LookupTarget::Field(index) => {
            let index = Literal::usize_unsuffixed(index);
            quote!(crate::catalog::Lookup::Field(#index))
        }
        LookupTarget::Alias(index) => {
            let index = Literal::usize_unsuffixed(index);
            quote!(crate::catalog::Lookup::Alias(#index))
        }
        LookupTarget::Omitted(index) => {
            let index = Literal::usize_unsuffixed(index);
            quote!(crate::catalog::Lookup::Omitted(#index))
        }
    };
    quote!(#(#keys)|* => #target,)
}

fn rust_enum(enumeration: &RustEnum) -> TokenStream {
    let RustEnum {
        name,
        doc,
        rename_all_snake_case,
        derive_default,
        variants,
    } = enumeration;
    let name = ident(name);
    let doc = doc_lines(doc);
    let default_derive = derive_default.then(|| quote!(Default,));
    let rename_all = rename_all_snake_case.then(|| quote!(#[serde(rename_all = "snake_case")]));
    let variants = variants.iter().enumerate().map(|(index, variant)| {
        let RustVariant {
            ident: variant,
            serde_rename,
        } = variant;
        let variant = ident(variant);
        let default = (*derive_default && index == 0).then(|| quote!(#[default]));
        let rename = serde_rename
            .as_ref()
            .map(|wire| quote!(#[serde(rename = #wire)]));
        quote!(#default #rename #variant,)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, #default_derive serde::Serialize, serde::Deserialize)]
        #rename_all
        pub enum #name {
            #(#variants)*
        }
    }
}

fn request_struct(model_name: &str, fields: &[Field], derives_default: bool) -> TokenStream {
    let doc = doc_lines(&[format!(
        "A typed request for {model_name}. Serializes to the wire form; validate before sending."
    )]);
    let default_derive = derives_default.then(|| quote!(Default,));
    let members = fields.iter().map(|field| {
        let RustField {
            ident: name,
            serde_rename,
            ty,
            doc,
            enumeration: _,
        } = &field.rust;
        let name = ident(name);
        let doc = doc_lines(doc);
        let ty = rust_type(ty);
        let mut serde = Vec::new();
        if !field.required {
            serde.extend([
                quote!(default),
                quote!(skip_serializing_if = "Option::is_none"),
            ]);
        }
        if let Some(wire) = serde_rename {
            serde.push(quote!(rename = #wire));
        }
        serde.extend(field.aliases.iter().map(|alias| quote!(alias = #alias)));
        let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
        let ty = if field.required {
            ty
        } else {
            quote!(Option<#ty>)
        };
        quote! {
            #doc
            #serde
            pub #name: #ty,
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default_derive serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Request {
            #(#members)*
        }
    }
}

fn rust_type(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(String),
        RustType::F64 => quote!(f64),
        RustType::I64 => quote!(i64),
        RustType::Bool => quote!(bool),
        RustType::InlineImage => quote!(crate::media::InlineImage),
        RustType::InlineImageList => quote!(Vec<crate::media::InlineImage>),
        RustType::VideoSource => quote!(crate::media::VideoSource),
        RustType::Enum(name) => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

/// `#[doc = " line"]` per line: prettyplease prints them as `/// line`.
fn doc_lines(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// Names were validated by the resolver; `r#` marks a raw identifier (a field named like a keyword).
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

fn int(value: i64) -> TokenStream {
    let literal = Literal::u64_unsuffixed(value.unsigned_abs());
    if value < 0 {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

fn float(value: f64) -> TokenStream {
    let literal = Literal::f64_unsuffixed(value.abs());
    if value.is_sign_negative() {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}
