//! A catalog folder loaded at run time: read and resolved by `omixa-catalog`, the generator's own loader (the
//! same rules, the same `file:line:col` diagnostics), then turned into the same descriptors the generator emits
//! as statics, so the validator and pricing cannot tell the two apart.
//!
//! The descriptors are leaked to `'static`. Every part of the core holds `&'static ModelSpec` (validated
//! requests, issues, estimates, jobs), as the generated statics allow; owned descriptors would thread a
//! lifetime or a reference count through all of it for the sake of a catalog that, in practice, is loaded
//! once per process. The leak is bounded: a folder whose files are unchanged gives back the catalog already
//! loaded, so reloading costs nothing new, and only a changed folder costs its size again (a few kilobytes).

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use omixa_catalog::{Diagnostic, Diagnostics, ReadError, SourceFile, Sources, ir};
use rust_decimal::Decimal;

use super::set::{CATALOG_ENV, Catalog, Origin};
use super::{
    DefaultSpec, DefaultValue, EndpointSpec, FieldKind, FieldLabels, FieldRole, FieldSpec,
    KeyLookup, Lookup, ModelSpec, OmittedField, OperationCase, OperationsSpec, PriceSpec, SpecFile,
    StatusRequest,
};

/// Why a catalog folder could not be loaded.
#[derive(Debug)]
#[non_exhaustive]
pub enum LoadError {
    /// The folder, or a file in it, cannot be read.
    Read(ReadError),
    /// The folder's YAML is wrong; every problem found, each at `file:line:col`.
    Invalid {
        folder: PathBuf,
        problems: Diagnostics,
    },
}

impl LoadError {
    /// Every problem in the folder's YAML (none for a read error), as miette diagnostics quoting the YAML.
    pub fn problems(&self) -> &[Diagnostic] {
        match self {
            LoadError::Read(_) => &[],
            LoadError::Invalid { problems, .. } => &problems.problems,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Read(error) => write!(f, "cannot load the catalog: {error}"),
            LoadError::Invalid { folder, problems } => {
                write!(f, "the catalog in {} has {problems}", folder.display())?;
                for problem in problems.iter() {
                    write!(f, "\n  {problem}")?;
                    if let Some(help) = &problem.help {
                        write!(f, " ({help})")?;
                    }
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Read(error) => Some(error),
            LoadError::Invalid { .. } => None,
        }
    }
}

/// What a folder's models are loaded over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Over {
    /// The built-in models, field sets and endpoint types: the folder adds models.
    BuiltIn,
    /// Nothing: the folder is a whole catalog.
    Nothing,
}

/// A loaded folder as it was read: the same files give back the same catalog.
#[derive(PartialEq, Eq)]
struct Key {
    over: Over,
    folder: PathBuf,
    files: Vec<(String, String)>,
}

impl Catalog {
    /// The built-in models plus those of the catalog folder `folder` (laid out like `spec/`: any of `models/`,
    /// `fields/`, `endpoints/`). Its models may include the built-in field sets and endpoint types by name; a
    /// model id that is already built in is an error, as is any problem the generator would report.
    pub fn load(folder: impl AsRef<Path>) -> Result<&'static Catalog, LoadError> {
        load(folder.as_ref(), Over::BuiltIn)
    }

    /// The catalog of `folder` alone, without the built-in models: a complete catalog like `spec/` itself.
    pub fn load_alone(folder: impl AsRef<Path>) -> Result<&'static Catalog, LoadError> {
        load(folder.as_ref(), Over::Nothing)
    }

    /// [`Catalog::load`] of the folder `OMIXA_CATALOG` names, or the built-in catalog when it is unset or
    /// empty. A folder is read once per process; set the variable to another folder to read that one.
    pub fn from_env() -> Result<&'static Catalog, LoadError> {
        static LAST: Mutex<Option<(OsString, &'static Catalog)>> = Mutex::new(None);
        let Some(folder) = std::env::var_os(CATALOG_ENV).filter(|folder| !folder.is_empty()) else {
            return Ok(Catalog::builtin());
        };
        let mut last = lock(&LAST);
        if let Some((known, catalog)) = last.as_ref()
            && *known == folder
        {
            return Ok(catalog);
        }
        let catalog = Catalog::load(&folder)?;
        *last = Some((folder, catalog));
        Ok(catalog)
    }
}

/// A poisoned lock only means another thread panicked while holding it; the list it guards stays valid.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn load(folder: &Path, over: Over) -> Result<&'static Catalog, LoadError> {
    static LOADED: Mutex<Vec<(Key, &'static Catalog)>> = Mutex::new(Vec::new());
    let mut sources = omixa_catalog::load::read_sources(folder).map_err(LoadError::Read)?;
    let key = Key {
        over,
        folder: folder.to_owned(),
        files: [&sources.field_sets, &sources.endpoints, &sources.models]
            .into_iter()
            .flatten()
            .map(|file| (file.path.to_string(), file.text.to_string()))
            .collect(),
    };
    let mut loaded = lock(&LOADED);
    if let Some((_, catalog)) = loaded.iter().find(|(known, _)| *known == key) {
        return Ok(catalog);
    }
    if over == Over::BuiltIn {
        sources = with_builtin_includables(sources);
    }
    let invalid = |problems| LoadError::Invalid {
        folder: folder.to_owned(),
        problems,
    };
    let resolved = omixa_catalog::resolve_sources(sources).map_err(invalid)?;
    let builtin = Catalog::builtin();
    let mut problems = Diagnostics::default();
    if over == Over::BuiltIn {
        for model in resolved
            .models
            .iter()
            .filter(|model| builtin.model(&model.id).is_some())
        {
            problems.push(
                Diagnostic::new(
                    &model.written.file,
                    model.written.id,
                    format!("model `{}` is built in", model.id),
                )
                .with_help("a catalog folder adds models; give this one another id"),
            );
        }
    }
    if !problems.is_empty() {
        return Err(invalid(problems));
    }

    let endpoints: Vec<&'static EndpointSpec> = resolved
        .endpoints
        .iter()
        .map(|endpoint| {
            builtin_endpoint(over, &endpoint.id).unwrap_or_else(|| leak(endpoint_spec(endpoint)))
        })
        .collect();
    let endpoint = |id: &str| endpoints.iter().copied().find(|endpoint| endpoint.id == id);
    let origin = Origin::Folder(folder.to_owned());
    let mut models: Vec<(&'static ModelSpec, Origin)> = match over {
        Over::BuiltIn => builtin
            .models()
            .iter()
            .map(|model| (*model, Origin::BuiltIn))
            .collect(),
        Over::Nothing => Vec::new(),
    };
    for model in &resolved.models {
        // The resolver checked that every model names a known endpoint type.
        let Some(endpoint) = endpoint(&model.endpoint.id) else {
            continue;
        };
        models.push((leak(model_spec(model, endpoint)), origin.clone()));
    }
    let default_endpoint = resolved
        .default_endpoint
        .as_deref()
        .and_then(endpoint)
        .unwrap_or_else(|| builtin.default_endpoint());
    let catalog: &'static Catalog = leak(Catalog::new(models, default_endpoint));
    loaded.push((key, catalog));
    Ok(catalog)
}

/// The folder's files after the built-in field sets and endpoint types, which its models may include.
fn with_builtin_includables(sources: Sources) -> Sources {
    let embedded = |files: &[SpecFile]| {
        files
            .iter()
            .map(|file| SourceFile::new(Path::new(file.path), file.text.to_owned()))
            .collect::<Vec<_>>()
    };
    let mut field_sets = embedded(crate::models::SPEC_FIELD_SETS);
    field_sets.extend(sources.field_sets);
    let mut endpoints = embedded(crate::models::SPEC_ENDPOINTS);
    endpoints.extend(sources.endpoints);
    Sources {
        field_sets,
        endpoints,
        models: sources.models,
    }
}

/// The generated static of a built-in endpoint type, so built-in and loaded models share it. (A folder cannot
/// define an endpoint type of a built-in id: that is a duplicate.)
fn builtin_endpoint(over: Over, id: &str) -> Option<&'static EndpointSpec> {
    if over != Over::BuiltIn {
        return None;
    }
    let builtin = Catalog::builtin();
    let mut endpoints = builtin.models().iter().map(|model| model.endpoint);
    std::iter::once(builtin.default_endpoint())
        .chain(&mut endpoints)
        .find(|endpoint| endpoint.id == id)
}

fn leak<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

fn text(text: &str) -> &'static str {
    Box::leak(text.into())
}

fn texts(texts: &[String]) -> &'static [&'static str] {
    slice(texts.iter().map(|item| text(item)).collect())
}

fn slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

fn endpoint_spec(endpoint: &ir::Endpoint) -> EndpointSpec {
    EndpointSpec {
        id: text(&endpoint.id),
        create_path: text(&endpoint.create_path),
        status_path: text(&endpoint.status_path),
        status_request: match endpoint.status_request {
            ir::StatusRequest::PostJson => StatusRequest::PostJson,
            ir::StatusRequest::GetQuery => StatusRequest::GetQuery,
        },
        honours_idempotency_key: endpoint.honours_idempotency_key,
    }
}

fn model_spec(model: &ir::Model, endpoint: &'static EndpointSpec) -> ModelSpec {
    ModelSpec {
        id: text(&model.id),
        name: text(&model.name),
        description: text(&model.description),
        provider: text(&model.provider),
        source: text(&model.source),
        endpoint,
        fields: slice(model.fields.iter().map(field_spec).collect()),
        omitted: slice(
            model
                .omitted
                .iter()
                .map(|field| OmittedField {
                    name: text(&field.name),
                    aliases: texts(&field.aliases),
                })
                .collect(),
        ),
        operations: model
            .operations
            .as_ref()
            .map(|table| leak(operations_spec(&table.operations))),
        price: model.price.as_ref().map(|price| PriceSpec {
            currency: text(&price.currency),
            per_second: decimal(&price.per_second),
            minimum_hold: decimal(&price.minimum_hold),
        }),
        keys: KeyLookup::Sorted(key_table(&model.lookup)),
    }
}

fn field_spec(field: &ir::Field) -> FieldSpec {
    let labels = &field.labels;
    FieldSpec {
        name: text(&field.name),
        aliases: texts(&field.aliases),
        kind: field_kind(&field.kind),
        role: field.role.map(|role| match role {
            ir::FieldRole::Duration => FieldRole::Duration,
            ir::FieldRole::SampleCount => FieldRole::SampleCount,
            ir::FieldRole::PollInterval => FieldRole::PollInterval,
            ir::FieldRole::InitialWait => FieldRole::InitialWait,
        }),
        labels: FieldLabels {
            kind_name: labels.kind_name,
            kind_label: labels.kind_label,
            expected: labels.expected,
            range: labels.range.as_deref().map(text),
        },
        required: field.required,
        description: text(&field.description),
        default: field.default.as_ref().map(|default| DefaultSpec {
            value: match &default.value {
                ir::Scalar::Integer(value) => DefaultValue::Integer(*value),
                ir::Scalar::Number(value) => DefaultValue::Number(*value),
                ir::Scalar::String(value) => DefaultValue::String(text(value)),
                ir::Scalar::Boolean(value) => DefaultValue::Boolean(*value),
            },
            assumption: text(&default.assumption),
        }),
        assumption: field.assumption.as_deref().map(text),
    }
}

fn field_kind(kind: &ir::Kind) -> FieldKind {
    match kind {
        ir::Kind::String { accepted } => FieldKind::String {
            accepted: texts(accepted),
        },
        ir::Kind::Number { min, max } => FieldKind::Number {
            min: *min,
            max: *max,
        },
        ir::Kind::Integer { min, max } => FieldKind::Integer {
            min: *min,
            max: *max,
        },
        ir::Kind::Boolean => FieldKind::Boolean,
        ir::Kind::InlineImage { media_types } => FieldKind::InlineImage {
            media_types: texts(media_types),
        },
        ir::Kind::InlineImageList { media_types } => FieldKind::InlineImageList {
            media_types: texts(media_types),
        },
        ir::Kind::VideoSource { media_types } => FieldKind::VideoSource {
            media_types: texts(media_types),
        },
    }
}

fn operations_spec(operations: &ir::Operations) -> OperationsSpec {
    OperationsSpec {
        field: text(&operations.field),
        cases: slice(
            operations
                .cases
                .iter()
                .map(|case| OperationCase {
                    name: text(&case.name),
                    requires: texts(&case.requires),
                    accepts: texts(&case.accepts),
                })
                .collect(),
        ),
        inputs: slice(operations.inputs().into_iter().map(text).collect()),
    }
}

fn decimal(amount: &ir::Amount) -> Decimal {
    Decimal::from_parts(
        amount.lo,
        amount.mid,
        amount.hi,
        amount.negative,
        amount.scale,
    )
}

/// Every key with what it names, sorted for [`KeyLookup::Sorted`]'s binary search.
fn key_table(arms: &[ir::LookupArm]) -> &'static [(&'static str, Lookup)] {
    let mut keys: Vec<(&'static str, Lookup)> = arms
        .iter()
        .flat_map(|arm| {
            let lookup = match arm.target {
                ir::LookupTarget::Field(index) => Lookup::Field(index),
                ir::LookupTarget::Alias(index) => Lookup::Alias(index),
                ir::LookupTarget::Omitted(index) => Lookup::Omitted(index),
            };
            arm.keys.iter().map(move |key| (text(key), lookup))
        })
        .collect();
    keys.sort_by_key(|(key, _)| *key);
    slice(keys)
}
