//! The catalog as the core sees it: one [`ModelSpec`] per model, and the [`Catalog`] of models a validation,
//! an estimate or a client works with.
//!
//! The descriptors are the contract between the catalog and the runtime. Built-in models are statics that
//! `omixa-codegen` emits into `core/generated/models.rs`; models of a catalog folder loaded at run time
//! ([`Catalog::load`], feature `runtime-catalog`) are the same types, built from the same resolved catalog
//! (`omixa-catalog`). Everything is resolved before the validator sees it (includes merged, omissions and
//! overrides applied, aliases listed, prices parsed), so the runtime only reads.
//!
//! - [`info`]: models and fields as plain data for listings;
//! - [`set`]: the [`Catalog`] value (built-in, or built-in plus a folder);
//! - `runtime`: a resolved catalog folder turned into descriptors.

mod info;
#[cfg(feature = "runtime-catalog")]
mod runtime;
mod set;

pub use info::{FieldInfo, ModelInfo};
#[cfg(feature = "runtime-catalog")]
pub use runtime::LoadError;
pub use set::{CATALOG_ENV, Catalog, Origin};

use rust_decimal::Decimal;

/// One model of the catalog, fully resolved.
pub struct ModelSpec {
    /// The wire id, e.g. `veo-3.1-lite-generate-001`.
    pub id: &'static str,
    /// Human name, e.g. `Veo 3.1 Lite`.
    pub name: &'static str,
    pub description: &'static str,
    /// The provider named on the model page, e.g. `google`.
    pub provider: &'static str,
    /// The published page this entry is traced to, e.g. `Omixa's published page for veo-3.1-lite-generate-001`.
    pub source: &'static str,
    pub endpoint: &'static EndpointSpec,
    /// The model's fields in catalog order (the order of the model page's field table).
    pub fields: &'static [FieldSpec],
    /// Fields the catalog defines in an included set but this model omits, so a request naming one gets a
    /// precise `unknown_field` message and lenient mode can drop it.
    pub omitted: &'static [OmittedField],
    /// The workflows of the operation field, in inference order. `None` when the model has no such field.
    pub operations: Option<&'static OperationsSpec>,
    /// `None` when the model page publishes no price.
    pub price: Option<PriceSpec>,
    /// Every key a request may use, and what it names.
    pub keys: KeyLookup,
}

/// Models are equal when their ids are: an id names one model in the catalog.
impl PartialEq for ModelSpec {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for ModelSpec {}

/// Shown by its id: issues and validated requests refer to their model, and a dump of the whole descriptor
/// would bury what they say.
impl std::fmt::Debug for ModelSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModelSpec")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl ModelSpec {
    /// The field with this canonical name.
    pub fn field(&self, name: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|field| field.name == name)
    }

    /// The field that holds `role` for this model, if one does (the catalog gives each role to one field).
    pub fn field_with_role(&self, role: FieldRole) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|field| field.role == Some(role))
    }

    /// What a request key, as the caller wrote it, names in this model.
    pub fn lookup(&self, key: &str) -> Option<Lookup> {
        match self.keys {
            KeyLookup::Generated(lookup) => lookup(key),
            KeyLookup::Sorted(keys) => keys
                .binary_search_by(|(known, _)| (*known).cmp(key))
                .ok()
                .map(|at| keys[at].1),
        }
    }

    /// This model as plain data.
    pub fn info(&self) -> ModelInfo {
        ModelInfo::from(self)
    }
}

/// How a model finds the field a request key names: exact matches only, the hot path of validation.
#[derive(Debug, Clone, Copy)]
pub enum KeyLookup {
    /// A generated `match` over every key (built-in models).
    Generated(fn(&str) -> Option<Lookup>),
    /// Every key with its answer, sorted by key (models loaded at run time).
    Sorted(&'static [(&'static str, Lookup)]),
}

/// A catalog file as written, embedded in the build: the built-in field sets and endpoint types, which the
/// models of a runtime catalog may include by name.
#[derive(Debug, Clone, Copy)]
pub struct SpecFile {
    /// Where it is in the repository, e.g. `spec/fields/video.yaml`.
    pub path: &'static str,
    pub text: &'static str,
}

/// What a request key names, as answered by [`ModelSpec::lookup`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// The canonical name of `fields[index]`.
    Field(usize),
    /// An alias of `fields[index]`.
    Alias(usize),
    /// The canonical name or an alias of `omitted[index]`.
    Omitted(usize),
}

/// One request field of one model.
#[derive(Debug)]
pub struct FieldSpec {
    /// Canonical wire name, e.g. `duration_seconds`.
    pub name: &'static str,
    /// Other names the gateway accepts for this field, e.g. `seconds`.
    pub aliases: &'static [&'static str],
    pub kind: FieldKind,
    /// What the SDK reads the field for (pricing, polling), if anything: code finds fields by role, never by
    /// name.
    pub role: Option<FieldRole>,
    /// The field's type and range in words, rendered by the generator: every message and listing prints these.
    pub labels: FieldLabels,
    pub required: bool,
    pub description: &'static str,
    /// The value the SDK assumes when the field is absent (used by estimates, never added to requests).
    pub default: Option<DefaultSpec>,
    /// Why the SDK adds something the model page does not give (a range bound, a media type), if it does.
    pub assumption: Option<&'static str>,
}

/// What the SDK reads a field for. The catalog gives each role to at most one field of a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldRole {
    /// The video's length in seconds: the cost is per second.
    Duration,
    /// How many videos one request makes: the cost is per video.
    SampleCount,
    /// Seconds between two status polls, honoured by `wait`.
    PollInterval,
    /// Seconds before the first status poll.
    InitialWait,
}

/// A field's type and range in words, as the generator renders them for every output (docs, messages, the
/// command line), so they read the same everywhere.
#[derive(Debug, Clone, Copy)]
pub struct FieldLabels {
    /// The type as the catalog writes it, e.g. `inline_image_list`.
    pub kind_name: &'static str,
    /// The type for a reader, e.g. `array of inline images`.
    pub kind_label: &'static str,
    /// Completes "`field` must be ...", e.g. `a whole number`.
    pub expected: &'static str,
    /// Completes "`field` must be ...", e.g. `from 1 to 30`; `None` when the field has no bounds.
    pub range: Option<&'static str>,
}

/// The JSON shape a field accepts, with its constraints.
#[derive(Debug)]
pub enum FieldKind {
    /// A string; when `accepted` is non-empty, one of those values.
    String {
        accepted: &'static [&'static str],
    },
    /// Any finite JSON number within the bounds.
    Number {
        min: Option<f64>,
        max: Option<f64>,
    },
    /// A whole number (`8` or `8.0`, not `8.5`) within the bounds.
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Boolean,
    /// An inline image: a base64 data URL string or `{"type": "image_url", "image_url": {"url": ...}}`.
    InlineImage {
        media_types: &'static [&'static str],
    },
    /// A non-empty array of inline images.
    InlineImageList {
        media_types: &'static [&'static str],
    },
    /// A source video: an operation id or URL string, or an inline video data URL of the given types.
    VideoSource {
        media_types: &'static [&'static str],
    },
}

/// A field's assumed default.
#[derive(Debug, Clone, Copy)]
pub struct DefaultSpec {
    pub value: DefaultValue,
    /// Why this default (the pages publish none).
    pub assumption: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultValue {
    Integer(i64),
    Number(f64),
    String(&'static str),
    Boolean(bool),
}

/// A field that an included field set defines but this model omits.
#[derive(Debug)]
pub struct OmittedField {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
}

/// The workflows selected by one field (`video_operation`), and which inputs each one needs and can use.
#[derive(Debug, PartialEq, Eq)]
pub struct OperationsSpec {
    /// Canonical name of the field that selects the workflow.
    pub field: &'static str,
    /// In inference order: the first case whose `requires` are all present is inferred.
    pub cases: &'static [OperationCase],
    /// Every field that is an input of some workflow (the fields `not_for_operation` is about), each once, in
    /// the order the cases first name them. Listed with the catalog so that no validation has to work it out.
    pub inputs: &'static [&'static str],
}

#[derive(Debug, PartialEq, Eq)]
pub struct OperationCase {
    /// The value of the operation field, e.g. `image_to_video`.
    pub name: &'static str,
    /// Inputs that must all be present.
    pub requires: &'static [&'static str],
    /// Inputs this workflow can use (a superset of `requires`).
    pub accepts: &'static [&'static str],
}

/// A published price.
#[derive(Debug, Clone, Copy)]
pub struct PriceSpec {
    /// ISO 4217 code, e.g. `USD`.
    pub currency: &'static str,
    /// Price of one second of one generated video.
    pub per_second: Decimal,
    /// The least amount held when a job is created.
    pub minimum_hold: Decimal,
}

/// How the gateway is called for one endpoint type.
#[derive(Debug)]
pub struct EndpointSpec {
    /// The endpoint type's name, e.g. `google_veo_video_jobs`.
    pub id: &'static str,
    /// Path of the create call (always POST with a JSON body).
    pub create_path: &'static str,
    /// Path of the status call.
    pub status_path: &'static str,
    pub status_request: StatusRequest,
    /// Whether the gateway honours `Idempotency-Key`, so a create whose bytes were sent may be retried.
    pub honours_idempotency_key: bool,
}

/// How the operation is passed to the status call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusRequest {
    /// `POST` with the JSON body `{"operation": ..., "model": ...}`.
    PostJson,
    /// `GET` with `?operation=...&model=...`.
    GetQuery,
}
