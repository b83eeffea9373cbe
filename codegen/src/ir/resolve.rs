//! The resolution pass: catalog files in, [`Catalog`] out. Each model is resolved on its own (`model.rs`), then
//! what depends on all models is settled here: unique generated names, the Python/TypeScript literal types
//! (shared only when every model agrees on a field's values) and the shared operation tables.

use std::collections::{BTreeMap, HashMap};

use super::model::{ModelDraft, resolve_model};
use super::naming::{pascal_case, screaming_snake_case};
use super::targets::{FieldCore, FieldNaming};
use super::{
    AcceptedValue, Assumption, Catalog, Endpoint, Kind, LiteralType, Operations, SharedOperations,
    StatusRequest, Text,
};
use crate::catalog::format::{EndpointFile, FieldSetFile, HttpMethod, ModelFile, OperationIn};
use crate::catalog::{self, Loaded};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, Span};

/// Top-level names of the `.pyi` and `.d.ts` that are not derived from the catalog.
const RESERVED_HOST_NAMES: &[&str] = &[
    "ModelId",
    "VideoRequest",
    "InlineImage",
    "InlineImageObject",
    "ImageUrl",
];

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

    let mut model_files: Vec<&Loaded<ModelFile>> = catalog.models.iter().collect();
    model_files.sort_by(|a, b| a.doc.id.value.cmp(&b.doc.id.value));
    // A repeated id was reported by the checker; resolving it again would only repeat that problem.
    model_files.dedup_by(|later, earlier| later.doc.id.value == earlier.doc.id.value);
    let drafts: Vec<ModelDraft<'_>> = model_files
        .into_iter()
        .filter_map(|model| resolve_model(model, &sets, &endpoints, &mut out))
        .collect();

    check_unique_names(&drafts, &mut out);
    let literal_types = name_literal_types(&drafts);
    check_host_names(&drafts, &literal_types, &mut out);
    let shared_operations = shared_operations(&drafts);
    let models = drafts
        .into_iter()
        .map(|draft| draft.finish(&literal_types.by_field))
        .collect();
    if out.is_empty() {
        Ok(Catalog {
            models,
            endpoints,
            shared_operations,
            literal_types: literal_types.types,
        })
    } else {
        Err(out)
    }
}

fn endpoint(loaded: &Loaded<EndpointFile>) -> Endpoint {
    let EndpointFile {
        id,
        provider,
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
        rust_static: format!("ENDPOINT_{}", screaming_snake_case(id)),
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
fn check_unique_names(drafts: &[ModelDraft<'_>], out: &mut Diagnostics) {
    for (index, draft) in drafts.iter().enumerate() {
        let names = &draft.model.names;
        if let Some(earlier) = drafts[..index].iter().find(|earlier| {
            earlier.model.names.module == names.module
                || earlier.model.names.type_name == names.type_name
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
                .with_help(format!(
                    "both become `{}` / `{}`",
                    names.module, names.type_name
                )),
            );
        }
    }
}

/// Literal types by name, and which one each (model, field) uses.
#[derive(Debug, Default)]
struct LiteralTypes<'a> {
    types: Vec<LiteralType>,
    /// The model id that first used each type, for diagnostics (parallel to `types`).
    origins: Vec<(&'a SourceFile, Span)>,
    by_field: HashMap<(String, String), String>,
}

/// One literal type per field name when every model that has the field accepts the same values; otherwise
/// one per model, qualified with the model's type name (`Veo31LiteGenerate001Resolution`).
fn name_literal_types<'a>(drafts: &[ModelDraft<'a>]) -> LiteralTypes<'a> {
    let mut value_lists: BTreeMap<&str, Vec<Vec<&str>>> = BTreeMap::new();
    for (core, _) in drafts
        .iter()
        .flat_map(|draft| &draft.fields)
        .filter(|(core, naming)| has_literal_type(core, naming))
    {
        let values: Vec<&str> = accepted_values(core)
            .iter()
            .map(|value| value.literal.as_str())
            .collect();
        let lists = value_lists.entry(&core.name).or_default();
        if !lists.contains(&values) {
            lists.push(values);
        }
    }
    let mut literal_types = LiteralTypes::default();
    for draft in drafts {
        for (core, _) in draft
            .fields
            .iter()
            .filter(|(core, naming)| has_literal_type(core, naming))
        {
            let shared = value_lists
                .get(core.name.as_str())
                .is_some_and(|lists| lists.len() == 1);
            let (name, doc) = if shared {
                (
                    pascal_case(&core.name),
                    format!("Accepted values of `{}`.", core.name),
                )
            } else {
                let name = format!("{}{}", draft.model.names.type_name, pascal_case(&core.name));
                (
                    name,
                    format!(
                        "Accepted values of `{}` for `{}`.",
                        core.name, draft.model.id
                    ),
                )
            };
            let values: Vec<String> = accepted_values(core)
                .iter()
                .map(|value| value.literal.clone())
                .collect();
            // A repeated name with other values is reported by `check_host_names`.
            if !literal_types
                .types
                .iter()
                .any(|known| known.name == name && known.values == values)
            {
                literal_types.types.push(LiteralType {
                    name: name.clone(),
                    values,
                    doc: Text::new(&doc),
                });
                literal_types.origins.push((draft.file, draft.id_span));
            }
            literal_types
                .by_field
                .insert((draft.model.id.clone(), core.name.clone()), name);
        }
    }
    literal_types
}

fn has_literal_type(core: &FieldCore, naming: &FieldNaming) -> bool {
    naming.discriminator_variant.is_none() && !accepted_values(core).is_empty()
}

fn accepted_values(core: &FieldCore) -> &[AcceptedValue] {
    match &core.kind {
        Kind::String { accepted } => accepted,
        _ => &[],
    }
}

/// The `.pyi` and `.d.ts` declare every request type and literal type at top level: no two may share a name.
fn check_host_names(
    drafts: &[ModelDraft<'_>],
    literal_types: &LiteralTypes<'_>,
    out: &mut Diagnostics,
) {
    let mut seen: Vec<&str> = RESERVED_HOST_NAMES.to_vec();
    let request_types = drafts.iter().map(|draft| {
        (
            draft.model.names.request_type.as_str(),
            (draft.file, draft.id_span),
        )
    });
    let literals = literal_types
        .types
        .iter()
        .map(|literal| literal.name.as_str())
        .zip(literal_types.origins.iter().copied());
    for (name, (file, span)) in request_types.chain(literals) {
        if seen.contains(&name) {
            out.error(
                file,
                span,
                format!(
                    "the generated Python/TypeScript type name `{name}` would be declared twice"
                ),
            );
        }
        seen.push(name);
    }
}

fn shared_operations(drafts: &[ModelDraft<'_>]) -> Vec<SharedOperations> {
    let mut shared: BTreeMap<&str, &Operations> = BTreeMap::new();
    for draft in drafts {
        if let Some((set, operations)) = &draft.shared_operations_of {
            shared.insert(set, operations);
        }
    }
    shared
        .into_iter()
        .map(|(set, operations)| SharedOperations {
            rust_static: format!("OPERATIONS_{}", screaming_snake_case(set)),
            field_set: set.to_owned(),
            operations: operations.clone(),
        })
        .collect()
}
