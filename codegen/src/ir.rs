//! The resolved catalog: what the emitters print. Includes are merged, omissions and overrides applied,
//! aliases listed, prices parsed, and every name each target needs is computed here once (Rust identifiers,
//! enum and variant names, Python/TypeScript type names, JSON-Schema pieces, documentation cells), so the
//! emitters only print.

mod model;
mod naming;
mod resolve;
mod targets;

pub use naming::{module_name, pascal_case, variant_name};
pub use resolve::resolve;

/// Every model and what they share, in a stable order.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// In id order.
    pub models: Vec<Model>,
    /// In id order.
    pub endpoints: Vec<Endpoint>,
    /// Operation tables used unchanged by at least one model, in field-set order.
    pub shared_operations: Vec<SharedOperations>,
    /// The `Literal[...]` / string-union types of the `.pyi` and `.d.ts`, in first-use order.
    pub literal_types: Vec<LiteralType>,
}

/// One model, fully resolved.
#[derive(Debug, Clone)]
pub struct Model {
    pub id: String,
    /// The id as a JSON string literal (also valid Python and TypeScript).
    pub id_literal: String,
    pub name: String,
    pub description: Text,
    pub provider: String,
    /// The seed page the entry traces to.
    pub source: String,
    pub names: ModelNames,
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
    /// Everything the entry says that its seed page does not, for the docs.
    pub assumptions: Vec<Assumption>,
    /// Whether every required field's Rust type has a default, so `Request` can derive `Default`.
    pub request_derives_default: bool,
}

/// The names of one model in every target.
#[derive(Debug, Clone)]
pub struct ModelNames {
    /// Rust module, e.g. `veo_3_1_lite_generate_001`.
    pub module: String,
    /// PascalCase of the id, e.g. `Veo31LiteGenerate001` (the Rust `Model` variant).
    pub type_name: String,
    /// `<type_name>Request`: the Python `TypedDict` and TypeScript interface.
    pub request_type: String,
    /// Output paths relative to `generated/`.
    pub schema_file: String,
    pub docs_file: String,
}

/// One accepted field of one model.
#[derive(Debug, Clone)]
pub struct Field {
    /// Canonical wire name.
    pub name: String,
    pub aliases: Vec<String>,
    pub required: bool,
    pub description: Text,
    pub kind: Kind,
    pub default: Option<DefaultValue>,
    /// The SDK's own assumptions about this field, joined into one note.
    pub assumption: Option<String>,
    pub rust: RustField,
    /// Python and TypeScript type expressions.
    pub python_type: String,
    pub typescript_type: String,
    /// The JSON Schema of the field's value (a property of the request schema).
    pub schema: serde_json::Value,
    pub docs: DocsRow,
}

/// The JSON shape of a field with its constraints.
#[derive(Debug, Clone)]
pub enum Kind {
    /// Any string when `accepted` is empty.
    String {
        accepted: Vec<AcceptedValue>,
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

/// One accepted value of a string field.
#[derive(Debug, Clone)]
pub struct AcceptedValue {
    pub wire: String,
    /// JSON string literal (valid Python and TypeScript).
    pub literal: String,
}

#[derive(Debug, Clone)]
pub struct DefaultValue {
    pub value: Scalar,
    pub assumption: String,
}

/// A default as written in the catalog.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Integer(i64),
    Number(f64),
    String(String),
    Boolean(bool),
}

/// How the generated Rust declares one field.
#[derive(Debug, Clone)]
pub struct RustField {
    /// The struct field (a raw identifier for Rust keywords).
    pub ident: String,
    /// The wire name when serde cannot derive it from `ident`.
    pub serde_rename: Option<String>,
    pub ty: RustType,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// The field's enum of accepted values.
    pub enumeration: Option<RustEnum>,
}

#[derive(Debug, Clone)]
pub enum RustType {
    String,
    F64,
    I64,
    Bool,
    InlineImage,
    InlineImageList,
    VideoSource,
    /// An enum of the model's module.
    Enum(String),
}

#[derive(Debug, Clone)]
pub struct RustEnum {
    pub name: String,
    pub doc: Vec<String>,
    /// `#[serde(rename_all = "snake_case")]` spells every variant's wire value.
    pub rename_all_snake_case: bool,
    /// The first variant is `#[default]` (the single-variant `Model` enum).
    pub derive_default: bool,
    pub variants: Vec<RustVariant>,
}

#[derive(Debug, Clone)]
pub struct RustVariant {
    pub ident: String,
    /// The wire value when neither the ident nor `rename_all` spells it.
    pub serde_rename: Option<String>,
}

/// A field this model omits, kept so the validator can name it precisely.
#[derive(Debug, Clone)]
pub struct OmittedField {
    pub name: String,
    pub aliases: Vec<String>,
}

/// Keys of the generated `lookup` match that give the same answer.
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
    /// The shared static holding the table when it is the field set's unchanged; `None` when it was narrowed
    /// for this model (some workflows or inputs not accepted) and the model has its own.
    pub shared_static: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operations {
    /// The field whose value selects the workflow.
    pub field: String,
    /// In inference order.
    pub cases: Vec<OperationCase>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OperationCase {
    pub name: String,
    pub requires: Vec<String>,
    pub accepts: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct SharedOperations {
    pub rust_static: String,
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
    /// The static holding the endpoint, e.g. `ENDPOINT_GOOGLE_VEO_VIDEO_JOBS`.
    pub rust_static: String,
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

/// Something the catalog says that the seed pages do not, and why.
#[derive(Debug, Clone)]
pub struct Assumption {
    /// What it is about, as Markdown, e.g. "`duration_seconds` default".
    pub subject: String,
    pub text: String,
}

/// A `Literal[...]` alias / string-literal union shared by the `.pyi` and `.d.ts`.
#[derive(Debug, Clone)]
pub struct LiteralType {
    pub name: String,
    /// JSON string literals.
    pub values: Vec<String>,
    pub doc: Text,
}

/// One field's row in the Markdown field table; every cell already escaped.
#[derive(Debug, Clone)]
pub struct DocsRow {
    pub field: String,
    pub aliases: String,
    pub type_label: String,
    pub required: String,
    pub accepted: String,
    pub default: String,
    pub description: String,
}

/// Free text from the catalog, escaped once for every place it is printed.
#[derive(Debug, Clone)]
pub struct Text {
    pub plain: String,
    /// Safe inside a Python `"""docstring"""`.
    pub python: String,
    /// Safe inside a `/** JSDoc */` comment.
    pub jsdoc: String,
    /// Safe inside a Markdown table cell.
    pub markdown: String,
}

impl Text {
    pub fn new(plain: &str) -> Self {
        Self {
            plain: plain.to_owned(),
            python: python_docstring(plain),
            jsdoc: plain.replace("*/", "*\\/"),
            markdown: markdown_cell(plain),
        }
    }
}

/// Escapes text for a `"""docstring"""`: backslashes, triple quotes, and a final quote that would run into
/// the closing ones.
fn python_docstring(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    match escaped.strip_suffix('"') {
        Some(body) => format!("{body}\\\""),
        None => escaped,
    }
}

/// Escapes text for one Markdown table cell: pipes escaped, line breaks folded.
pub fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}
