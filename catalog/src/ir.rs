//! The resolved catalog ([`crate::resolve`] makes it), in no reader's terms: includes are merged, omissions and
//! overrides applied, aliases listed, prices parsed, operation tables narrowed, and each field's type and range
//! put in words. The generator prints it (naming things in each target language as it prints); the SDK's core
//! turns it into descriptors at run time. Each model and field keeps where it is written, so a reader's own
//! checks (generated names that collide, an id already known) can point at the YAML.

pub use crate::load::format::{FieldRole, Scalar};

use crate::diagnostic::{SourceFile, Span};
use crate::load::format::FieldType;

/// Every model and what they share, in a stable order.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// In id order.
    pub models: Vec<Model>,
    /// In id order.
    pub endpoints: Vec<Endpoint>,
    /// The id of the default endpoint type: a status call naming a model the SDK does not know goes through it.
    pub default_endpoint: Option<String>,
    /// Operation tables used unchanged by at least one model, in field-set order.
    pub shared_operations: Vec<SharedOperations>,
    /// The field-set and endpoint files as written, in file-name order: what models include by name, so a
    /// reader can offer them to catalogs written later (the SDK's runtime catalog includes the built-in ones).
    pub includable: Includable,
}

/// The files a model may name in `include` and `endpoint`, as written.
#[derive(Debug, Clone, Default)]
pub struct Includable {
    pub field_sets: Vec<SourceFile>,
    pub endpoints: Vec<SourceFile>,
}

/// One model, fully resolved.
#[derive(Debug, Clone)]
pub struct Model {
    pub id: String,
    pub name: String,
    pub description: String,
    pub provider: String,
    /// The published page the entry traces to.
    pub source: String,
    /// The endpoint type the model is called through.
    pub endpoint: Endpoint,
    /// Accepted fields in table order.
    pub fields: Vec<Field>,
    /// Fields of the included sets that this model does not accept.
    pub omitted: Vec<OmittedField>,
    /// Every key a request may use, grouped by what it names, in field order.
    pub lookup: Vec<LookupArm>,
    pub operations: Option<ModelOperations>,
    pub price: Option<Price>,
    /// Everything the entry says that its model page does not, for the docs.
    pub assumptions: Vec<Assumption>,
    /// One valid request, as written in the entry (keys may be aliases); the docs' examples are built from it.
    pub example: Option<serde_json::Map<String, serde_json::Value>>,
    /// Where the model is written.
    pub written: ModelWritten,
}

/// Where a model is written: its file and its `id`.
#[derive(Debug, Clone)]
pub struct ModelWritten {
    pub file: SourceFile,
    pub id: Span,
}

/// One accepted field of one model.
#[derive(Debug, Clone)]
pub struct Field {
    /// Canonical wire name.
    pub name: String,
    pub aliases: Vec<String>,
    pub required: bool,
    /// Whether this is the field that names the model (`model`): its only accepted value is the model's id.
    pub names_model: bool,
    pub description: String,
    pub kind: Kind,
    /// What the SDK reads the field for, if anything.
    pub role: Option<FieldRole>,
    /// The field's type and range in words, rendered once (`catalog::labels`).
    pub labels: Labels,
    pub default: Option<DefaultValue>,
    /// The SDK's own assumptions about this field, joined into one note.
    pub assumption: Option<String>,
    /// Where the field is written.
    pub written: FieldWritten,
}

/// Where a field is written: its name in its field set, and its accepted values (in the set or in the model's
/// override), one span per value.
#[derive(Debug, Clone)]
pub struct FieldWritten {
    pub file: SourceFile,
    pub name: Span,
    pub values: Option<(SourceFile, Vec<Span>)>,
}

impl Field {
    /// The accepted values of a string field (empty: any string).
    pub fn accepted(&self) -> &[String] {
        match &self.kind {
            Kind::String { accepted } => accepted,
            _ => &[],
        }
    }
}

/// A field's type and range in words, as every output prints them.
#[derive(Debug, Clone)]
pub struct Labels {
    /// As the catalog writes the type, e.g. `inline_image_list`.
    pub kind_name: &'static str,
    /// For a reader, e.g. `array of inline images`.
    pub kind_label: &'static str,
    /// Completes "`field` must be ...", e.g. `a whole number`.
    pub expected: &'static str,
    /// Completes "`field` must be ...", e.g. `from 1 to 30`; `None` without bounds.
    pub range: Option<String>,
}

/// The JSON shape of a field with its constraints.
#[derive(Debug, Clone)]
pub enum Kind {
    /// Any string when `accepted` is empty.
    String {
        accepted: Vec<String>,
    },
    Number {
        min: Option<f64>,
        max: Option<f64>,
    },
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Boolean,
    InlineImage {
        media_types: Vec<String>,
    },
    InlineImageList {
        media_types: Vec<String>,
    },
    VideoSource {
        media_types: Vec<String>,
    },
}

impl Kind {
    /// The catalog type this kind is a constrained form of.
    pub fn field_type(&self) -> FieldType {
        match self {
            Kind::String { .. } => FieldType::String,
            Kind::Number { .. } => FieldType::Number,
            Kind::Integer { .. } => FieldType::Integer,
            Kind::Boolean => FieldType::Boolean,
            Kind::InlineImage { .. } => FieldType::InlineImage,
            Kind::InlineImageList { .. } => FieldType::InlineImageList,
            Kind::VideoSource { .. } => FieldType::VideoSource,
        }
    }
}

/// An assumed default: the value, and why (the pages publish none).
#[derive(Debug, Clone)]
pub struct DefaultValue {
    pub value: Scalar,
    pub assumption: String,
}

/// A field this model omits, kept so the validator can name it precisely.
#[derive(Debug, Clone)]
pub struct OmittedField {
    pub name: String,
    pub aliases: Vec<String>,
}

/// Keys of a request that give the same answer when looked up.
#[derive(Debug, Clone)]
pub struct LookupArm {
    pub keys: Vec<String>,
    pub target: LookupTarget,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupTarget {
    Field(usize),
    Alias(usize),
    Omitted(usize),
}

/// A model's workflow table.
#[derive(Debug, Clone)]
pub struct ModelOperations {
    pub operations: Operations,
    /// The field set whose table this is, unchanged (so models can share it); `None` when it was narrowed for
    /// this model (some workflows or inputs not accepted).
    pub shared_from: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operations {
    /// The field whose value selects the workflow.
    pub field: String,
    /// In inference order.
    pub cases: Vec<OperationCase>,
}

impl Operations {
    /// Every field that is an input of some workflow, each once, in the order the cases first name them.
    pub fn inputs(&self) -> Vec<&str> {
        let mut inputs: Vec<&str> = Vec::new();
        for input in self.cases.iter().flat_map(|case| &case.accepts) {
            if !inputs.contains(&input.as_str()) {
                inputs.push(input);
            }
        }
        inputs
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OperationCase {
    pub name: String,
    pub requires: Vec<String>,
    pub accepts: Vec<String>,
}

/// A field set's operation table, used unchanged by at least one model.
#[derive(Debug, Clone)]
pub struct SharedOperations {
    pub field_set: String,
    pub operations: Operations,
}

#[derive(Debug, Clone)]
pub struct Price {
    pub currency: String,
    pub per_second: Amount,
    pub minimum_hold: Amount,
}

/// An exact amount: its text as written and the parts of `rust_decimal::Decimal::from_parts`.
#[derive(Debug, Clone)]
pub struct Amount {
    pub text: String,
    pub lo: u32,
    pub mid: u32,
    pub hi: u32,
    pub negative: bool,
    pub scale: u32,
}

#[derive(Debug, Clone)]
pub struct Endpoint {
    pub id: String,
    pub provider: String,
    pub create_path: String,
    pub status_path: String,
    pub status_request: StatusRequest,
    pub honours_idempotency_key: bool,
    pub assumptions: Vec<Assumption>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusRequest {
    PostJson,
    GetQuery,
}

/// Something the catalog says that the model pages do not, and why.
#[derive(Debug, Clone)]
pub struct Assumption {
    /// What it is about, as Markdown, e.g. "`duration_seconds` default 8".
    pub subject: String,
    pub text: String,
}
