//! `rust/models.rs` (written to `core/generated/models.rs`): the catalog as static descriptors of `omixa::catalog` plus typed requests.
//! Built with `quote!`, parsed into a `syn::File` and printed by prettyplease as it prints it, so the bytes do
//! not depend on the local rustfmt. The file is `include!`d inside `omixa::models`, so every path is fully
//! qualified. Rust names come from [`crate::names::rust`].
//!
//! `descriptors.rs` prints what the validator reads (`FieldSpec`s, the key lookup, prices); `types.rs` the typed
//! requests and their enums.

mod descriptors;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::diagnostic::SourceFile;
use crate::ir::{
    Catalog, Endpoint, Includable, Model, ModelOperations, Operations, SharedOperations,
    StatusRequest,
};
use crate::names::rust as names;
use crate::{Error, HEADER};

pub(super) fn models(catalog: &Catalog) -> Result<String, Error> {
    let Catalog {
        models,
        endpoints,
        default_endpoint,
        shared_operations,
        includable,
    } = catalog;
    let specs = models.iter().map(|model| {
        let module = ident(&names::module(&model.id));
        quote!(&#module::MODEL)
    });
    let endpoints = endpoints.iter().map(endpoint_static);
    let default_endpoint = default_endpoint.as_deref().map(|id| {
        let name = ident(&names::endpoint_static(id));
        quote! {
            #[doc = " The default endpoint type: a status call naming a model the SDK does not know goes through it."]
            pub static DEFAULT_ENDPOINT: &crate::catalog::EndpointSpec = &#name;
        }
    });
    let operations = shared_operations.iter().map(shared_operations_static);
    let modules = models.iter().map(model_module);
    let includable = includable_sources(includable);
    let tokens = quote! {
        #[doc = " Every model of the catalog, in id order."]
        pub static MODELS: &[&crate::catalog::ModelSpec] = &[#(#specs),*];
        #(#endpoints)*
        #default_endpoint
        #(#operations)*
        #includable
        #(#modules)*
    };
    let file: syn::File = syn::parse2(tokens).map_err(|error| Error::Render {
        what: "rust/models.rs".to_owned(),
        message: error.to_string(),
    })?;
    Ok(format!("// {HEADER}.\n\n{}", prettyplease::unparse(&file)))
}

/// The field-set and endpoint files as written, so that a catalog loaded at run time can include them by name.
/// Their text is embedded, not `include_str!`ed: the core must build where `spec/` is not shipped.
fn includable_sources(includable: &Includable) -> TokenStream {
    let Includable {
        field_sets,
        endpoints,
    } = includable;
    let files = |folder: &str, files: &[SourceFile]| {
        let files = files.iter().map(|file| {
            let path = format!("spec/{folder}/{}", file.name());
            let text = file.text.as_ref();
            quote!(crate::catalog::SpecFile { path: #path, text: #text })
        });
        quote!(&[#(#files),*])
    };
    let field_sets = files("fields", field_sets);
    let endpoints = files("endpoints", endpoints);
    quote! {
        #[doc = " The field sets of `spec/fields/`, as written: models of a runtime catalog may include them."]
        pub static SPEC_FIELD_SETS: &[crate::catalog::SpecFile] = #field_sets;
        #[doc = " The endpoint types of `spec/endpoints/`, as written: models of a runtime catalog may name them."]
        pub static SPEC_ENDPOINTS: &[crate::catalog::SpecFile] = #endpoints;
    }
}

fn endpoint_static(endpoint: &Endpoint) -> TokenStream {
    let Endpoint {
        id,
        provider,
        create_path,
        status_path,
        status_request,
        honours_idempotency_key,
        assumptions: _, // for the docs
    } = endpoint;
    let name = ident(&names::endpoint_static(id));
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
        field_set,
        operations,
    } = shared;
    let name = ident(&names::operations_static(field_set));
    let doc = doc_lines(&[format!(
        "The workflows of `{}` (field set `{field_set}`).",
        operations.field
    )]);
    let value = descriptors::operations_value(operations);
    quote! {
        #doc
        pub static #name: crate::catalog::OperationsSpec = #value;
    }
}

fn model_module(model: &Model) -> TokenStream {
    let Model {
        id,
        name,
        description,
        provider,
        source,
        endpoint,
        fields,
        omitted,
        lookup,
        operations,
        price,
        assumptions: _, // for the docs
        written: _,     // for diagnostics only
        example: _,     // for the docs
    } = model;
    let module = ident(&names::module(id));
    let module_doc = doc_lines(&[format!("{name} (`{id}`): {description}")]);
    let endpoint_static = ident(&names::endpoint_static(&endpoint.id));
    let (operations_ref, own_operations) = operations_tokens(operations.as_ref());
    let (price_value, price_consts) = match price {
        None => (quote!(None), None),
        Some(price) => {
            let (value, consts) = descriptors::price_tokens(price);
            (quote!(Some(#value)), Some(consts))
        }
    };
    let tables = descriptors::field_tables(fields, omitted, lookup);
    let types = types::request_types(model);

    quote! {
        #module_doc
        pub mod #module {
            #[doc = " The model's descriptor."]
            pub static MODEL: crate::catalog::ModelSpec = crate::catalog::ModelSpec {
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
                keys: crate::catalog::KeyLookup::Generated(lookup),
            };

            #price_consts
            #own_operations
            #tables

            #[doc = " Validates and normalizes a request for this model (see [`crate::validate`])."]
            pub fn validate(
                request: serde_json::Value,
                options: &crate::ValidateOptions,
            ) -> Result<crate::Validated, crate::ValidationError> {
                crate::validate::validate_model(&MODEL, request, options)
            }

            #types
        }
    }
}

/// The model's `operations` value, and its own table when it does not share its field set's.
fn operations_tokens(operations: Option<&ModelOperations>) -> (TokenStream, Option<TokenStream>) {
    match operations {
        None => (quote!(None), None),
        Some(ModelOperations {
            operations: _, // the shared static holds them
            shared_from: Some(field_set),
        }) => {
            let name = ident(&names::operations_static(field_set));
            (quote!(Some(&super::#name)), None)
        }
        Some(ModelOperations {
            operations,
            shared_from: None,
        }) => {
            let Operations { field, cases: _ } = operations;
            let value = descriptors::operations_value(operations);
            let doc = doc_lines(&[format!("The workflows of `{field}` this model accepts.")]);
            (
                quote!(Some(&OPERATIONS)),
                Some(quote!(#doc static OPERATIONS: crate::catalog::OperationsSpec = #value;)),
            )
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

/// Names were checked by the resolver; `r#` marks a raw identifier (a field named like a keyword).
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}
