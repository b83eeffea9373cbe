//! The resolution pass: catalog files in, the resolved [`Catalog`] out. Each model is resolved on its own
//! (`model.rs`), then what depends on all models is settled here: the shared operation tables. What a reader
//! of the catalog makes of it (the generator's names, a runtime's ids) is checked by that reader, with the
//! positions the resolved catalog keeps.

use std::collections::BTreeMap;

mod model;

use crate::diagnostic::{Diagnostics, SourceFile};
use crate::ir::{
    Assumption, Catalog, Endpoint, Includable, Model, Operations, SharedOperations, StatusRequest,
};
use crate::load::format::{EndpointFile, FieldSetFile, HttpMethod, ModelFile, OperationIn};
use crate::load::{self, Loaded};
use model::resolve_model;

/// Resolves a loaded catalog, or lists every problem found while doing so.
pub fn resolve(catalog: &load::Catalog) -> Result<Catalog, Diagnostics> {
    let (resolved, problems) = resolve_all(catalog);
    if problems.is_empty() {
        Ok(resolved)
    } else {
        Err(problems)
    }
}

/// Resolves what can be: the models without problems, and every problem found. A reader with checks of its own
/// runs them on those models too, so one run reports everything.
pub fn resolve_all(catalog: &load::Catalog) -> (Catalog, Diagnostics) {
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
    let models: Vec<Model> = model_files
        .into_iter()
        .filter_map(|model| resolve_model(model, &sets, &endpoints, &mut out))
        .collect();
    let shared_operations = shared_operations(&models);
    let includable = Includable {
        field_sets: files(&catalog.field_sets),
        endpoints: files(&catalog.endpoints),
    };
    let resolved = Catalog {
        models,
        endpoints,
        default_endpoint,
        shared_operations,
        includable,
    };
    (resolved, out)
}

fn files<T>(loaded: &[Loaded<T>]) -> Vec<SourceFile> {
    loaded.iter().map(|loaded| loaded.file.clone()).collect()
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
