//! The resolution pass: catalog files in, the resolved [`Catalog`] out. Each model is resolved on its own
//! (`model.rs`), then
//! what depends on all models is settled here: the shared operation tables, and the check that the names the
//! per-language namers will give (Rust modules, Python/TypeScript types) do not collide.

use std::collections::BTreeMap;

mod model;

use crate::catalog::format::{EndpointFile, FieldSetFile, HttpMethod, ModelFile, OperationIn};
use crate::catalog::{self, Loaded};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{
    Assumption, Catalog, Endpoint, Model, Operations, SharedOperations, StatusRequest, value_fields,
};
use crate::names;
use model::{ModelDraft, resolve_model};

/// Resolves a loaded catalog, or lists every problem found while doing so.
pub fn resolve(catalog: &catalog::Catalog) -> Result<Catalog, Diagnostics> {
    let mut out = Diagnostics::default();
    let sets: BTreeMap<&str, &Loaded<FieldSetFile>> = catalog
        .field_sets
        .iter()
        .map(|set| (set.file.stem(), set))
        .collect();
    let mut endpoints: Vec<Endpoint> = catalog.endpoints.iter().map(endpoint).collect();
    endpoints.sort_by(|a, b| a.id.cmp(&b.id));
    // More than one default, or none, was reported by the checker.
    let default_endpoint = catalog
        .endpoints
        .iter()
        .find(|loaded| {
            loaded
                .doc
                .default
                .as_ref()
                .is_some_and(|default| default.value)
        })
        .map(|loaded| loaded.doc.id.value.clone());

    let mut model_files: Vec<&Loaded<ModelFile>> = catalog.models.iter().collect();
    model_files.sort_by(|a, b| a.doc.id.value.cmp(&b.doc.id.value));
    // A repeated id was reported by the checker; resolving it again would only repeat that problem.
    model_files.dedup_by(|later, earlier| later.doc.id.value == earlier.doc.id.value);
    let drafts: Vec<ModelDraft<'_>> = model_files
        .into_iter()
        .filter_map(|model| resolve_model(model, &sets, &endpoints, &mut out))
        .collect();

    check_rust_names(&drafts, &mut out);
    let models: Vec<Model> = drafts.iter().map(|draft| draft.model.clone()).collect();
    check_host_names(&drafts, &models, &mut out);
    let shared_operations = shared_operations(&models);
    if out.is_empty() {
        Ok(Catalog {
            models,
            endpoints,
            default_endpoint,
            shared_operations,
        })
    } else {
        Err(out)
    }
}

fn endpoint(loaded: &Loaded<EndpointFile>) -> Endpoint {
    let EndpointFile {
        id,
        provider,
        default: _,
        create,
        status,
        idempotency,
    } = &loaded.doc;
    let mut assumptions = Vec::new();
    if let Some(text) = &status.assumption {
        assumptions.push(Assumption {
            subject: "status call".to_owned(),
            text: text.clone(),
        });
    }
    if let Some(text) = &idempotency.assumption {
        assumptions.push(Assumption {
            subject: "`Idempotency-Key`".to_owned(),
            text: text.clone(),
        });
    }
    Endpoint {
        id: id.value.clone(),
        provider: provider.clone(),
        create_path: create.path.clone(),
        status_path: status.path.clone(),
        // The other combinations were reported by the checker.
        status_request: match (status.method.value, status.operation_in.value) {
            (HttpMethod::Get, OperationIn::Query) => StatusRequest::GetQuery,
            _ => StatusRequest::PostJson,
        },
        honours_idempotency_key: idempotency.honours_idempotency_key,
        assumptions,
    }
}

/// Two ids must not give the same Rust module or type name (`a-1` and `a.1` both give `a_1`).
fn check_rust_names(drafts: &[ModelDraft<'_>], out: &mut Diagnostics) {
    let rust_names = |id: &str| (names::rust::module(id), names::rust::model_type(id));
    for (index, draft) in drafts.iter().enumerate() {
        let (module, type_name) = rust_names(&draft.model.id);
        if let Some(earlier) = drafts[..index].iter().find(|earlier| {
            let (earlier_module, earlier_type) = rust_names(&earlier.model.id);
            earlier_module == module || earlier_type == type_name
        }) {
            out.push(
                Diagnostic::new(
                    draft.file,
                    draft.id_span,
                    format!(
                        "model ids `{}` and `{}` give the same generated names",
                        earlier.model.id, draft.model.id
                    ),
                )
                .with_help(format!("both become `{module}` / `{type_name}`")),
            );
        }
    }
}

/// The `.pyi` and `.d.ts` declare every request type and literal type at top level: no two may share a name.
fn check_host_names(drafts: &[ModelDraft<'_>], models: &[Model], out: &mut Diagnostics) {
    let host = names::host::HostNames::new(value_fields(models));
    let request_types = models
        .iter()
        .map(|model| (names::host::request_type(&model.id), model.id.as_str()));
    let literal_types = host
        .literal_types()
        .iter()
        .map(|literal| (literal.name.clone(), literal.model.as_str()));
    let mut seen: Vec<String> = names::host::RESERVED
        .iter()
        .map(|&name| name.to_owned())
        .collect();
    for (name, model) in request_types.chain(literal_types) {
        if seen.contains(&name)
            && let Some(draft) = drafts.iter().find(|draft| draft.model.id == model)
        {
            out.error(
                draft.file,
                draft.id_span,
                format!(
                    "the generated Python/TypeScript type name `{name}` would be declared twice"
                ),
            );
        }
        seen.push(name);
    }
}

/// The field sets' operation tables that some model uses unchanged, once each.
fn shared_operations(models: &[Model]) -> Vec<SharedOperations> {
    let mut shared: BTreeMap<&str, &Operations> = BTreeMap::new();
    for model in models {
        if let Some(table) = &model.operations
            && let Some(set) = &table.shared_from
        {
            shared.insert(set, &table.operations);
        }
    }
    shared
        .into_iter()
        .map(|(set, operations)| SharedOperations {
            field_set: set.to_owned(),
            operations: operations.clone(),
        })
        .collect()
}
