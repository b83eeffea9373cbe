//! The catalog's YAML format, one type per kind of file. These types are the format's single definition:
//! serde reads the files with them (`deny_unknown_fields` everywhere) and schemars derives
//! `generated/schema/catalog.schema.json` from them, so the doc comments below are what editors show.
//!
//! Only the shape of each file is checked here. Rules about values (ranges, decimals, names) live in `check.rs`
//! and `shape.rs`, rules that join files (includes, endpoints) in the resolver, so one run reports them all.

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Unexpected, Visitor};

use super::located::{Located, OrderedMap, invalid_type};

/// Any file of the catalog (the root of `catalog.schema.json`).
#[derive(Debug, JsonSchema)]
#[serde(untagged)]
#[schemars(title = "omixa catalog file")]
pub enum AnyFile {
    Model(Box<ModelFile>),
    FieldSet(Box<FieldSetFile>),
    Endpoint(Box<EndpointFile>),
}

/// `spec/models/<model-id>.yaml`: one model, built from included field sets.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    /// The wire id sent as `model`, e.g. `veo-3.1-lite-generate-001`.
    pub id: Located<String>,
    /// Human name from the model page, e.g. `Veo 3.1 Lite`.
    pub name: String,
    /// The model page's one-line description.
    pub description: String,
    /// The published page this entry is traced to, e.g. `Omixa's published page for veo-3.1-lite-generate-001`.
    pub source: String,
    /// The provider named on the model page, e.g. `google`.
    pub provider: String,
    /// The endpoint type (the `id` of a file under `spec/endpoints/`).
    pub endpoint: Located<String>,
    /// Why the endpoint type was chosen, when the model page does not name it.
    #[serde(default)]
    pub endpoint_assumption: Option<String>,
    /// Field sets (file stems under `spec/fields/`) whose fields this model accepts, in table order.
    pub include: Located<Vec<Located<String>>>,
    /// Fields of the included sets that this model does not accept (requests naming them are rejected).
    #[serde(default)]
    pub omit: Vec<Located<String>>,
    /// Per-field changes for this model: narrower ranges or other accepted values.
    #[serde(default, rename = "override")]
    pub overrides: OrderedMap<FieldOverride>,
    /// The published price. Absent when the model page publishes none.
    #[serde(default)]
    pub price: Option<Located<PriceDef>>,
    /// One valid request for this model, as JSON: the model page's example payload. The docs print it and build
    /// every copy-ready example from it (each is run against the emulator by the tests). Keys are field names
    /// or aliases of this model.
    #[serde(default)]
    pub example: Option<Located<serde_json::Map<String, serde_json::Value>>>,
}

/// What a model changes in one included field. Each key replaces the field's own.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldOverride {
    /// Accepted values (string fields only).
    #[serde(default)]
    pub values: Option<Located<Vec<Located<String>>>>,
    /// Bounds (number and integer fields only); replaces both bounds.
    #[serde(default)]
    pub range: Option<Located<RangeDef>>,
    /// The assumed default.
    #[serde(default)]
    pub default: Option<Located<DefaultDef>>,
    /// Description for this model.
    #[serde(default)]
    pub description: Option<String>,
    /// Why this model differs, when its page does not say.
    #[serde(default)]
    pub assumption: Option<String>,
}

/// A published price. Amounts are quoted decimal strings so that no value ever passes through a binary float.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceDef {
    /// ISO 4217 code, e.g. `USD`.
    pub currency: Located<String>,
    /// Price of one second of one generated video, e.g. `"0.050000"`.
    pub per_second: Located<DecimalText>,
    /// The least amount held when a job is created, e.g. `"0.010000"`.
    pub minimum_hold: Located<DecimalText>,
}

/// `spec/fields/<set>.yaml`: request fields written once and included by models. The set's name is the file stem.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldSetFile {
    /// Fields by canonical wire name, in the order of the model pages' field table.
    pub fields: OrderedMap<FieldDef>,
    /// Media types accepted by the inline media fields of this set.
    #[serde(default)]
    pub media: Option<MediaTable>,
    /// The workflows selected by one field of this set, and the inputs each needs.
    #[serde(default)]
    pub operations: Option<Located<OperationsDef>>,
}

/// One request field.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// The JSON shape the field takes.
    #[serde(rename = "type")]
    pub kind: Located<FieldType>,
    /// Whether every request must carry the field (`model` and `prompt`).
    #[serde(default)]
    pub required: bool,
    /// Other names the gateway accepts for the field.
    #[serde(default)]
    pub aliases: Vec<Located<String>>,
    /// Accepted values (string fields only). Absent: any string.
    #[serde(default)]
    pub values: Option<Located<Vec<Located<String>>>>,
    /// Bounds (number and integer fields only). Absent: any value.
    #[serde(default)]
    pub range: Option<Located<RangeDef>>,
    /// The value the SDK assumes when the field is absent (used by estimates; never added to requests).
    #[serde(default)]
    pub default: Option<Located<DefaultDef>>,
    /// What the SDK reads the field for (pricing, polling), so no runtime code names the field. Each role is
    /// held by at most one field of a model.
    #[serde(default)]
    pub role: Option<Located<FieldRole>>,
    /// Why the SDK adds something the model pages do not give (a bound, a rule).
    #[serde(default)]
    pub assumption: Option<String>,
    /// The model pages' description.
    pub description: String,
}

/// What the SDK reads a field for. Pricing and the client find fields by role, never by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldRole {
    /// The video's length in seconds, priced per second (a number or integer field).
    Duration,
    /// How many videos one request makes, priced per video (an integer field).
    SampleCount,
    /// Seconds between two status polls, honoured by `wait` (a number or integer field).
    PollInterval,
    /// Seconds before the first status poll (a number or integer field).
    InitialWait,
}

impl FieldRole {
    /// The role as written in the catalog.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldRole::Duration => "duration",
            FieldRole::SampleCount => "sample_count",
            FieldRole::PollInterval => "poll_interval",
            FieldRole::InitialWait => "initial_wait",
        }
    }

    /// The field types that can hold the role.
    pub fn accepts(self, kind: FieldType) -> bool {
        match self {
            FieldRole::SampleCount => kind == FieldType::Integer,
            FieldRole::Duration | FieldRole::PollInterval | FieldRole::InitialWait => {
                matches!(kind, FieldType::Number | FieldType::Integer)
            }
        }
    }
}

/// The JSON shape of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// A string, optionally one of `values`.
    String,
    /// Any finite number, optionally within `range`.
    Number,
    /// A whole number, optionally within `range`.
    Integer,
    Boolean,
    /// A base64 data URL string or `{"type": "image_url", "image_url": {"url": ...}}`.
    InlineImage,
    /// A non-empty array of inline images.
    InlineImageList,
    /// An operation id or URL string, or an inline video data URL.
    VideoSource,
}

/// Inclusive bounds; at least one.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RangeDef {
    #[serde(default)]
    pub min: Option<Located<Scalar>>,
    #[serde(default)]
    pub max: Option<Located<Scalar>>,
}

/// An assumed default. The model pages publish no defaults, so every default carries its assumption.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DefaultDef {
    pub value: Located<Scalar>,
    pub assumption: String,
}

/// Media types of the inline media fields of a set.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MediaTable {
    /// Used by `inline_image` and `inline_image_list` fields.
    #[serde(default)]
    pub inline_image: Option<MediaDef>,
    /// Used by `video_source` fields (for the inline video form).
    #[serde(default)]
    pub video_source: Option<MediaDef>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MediaDef {
    /// e.g. `[image/png, image/jpeg]`.
    pub media_types: Located<Vec<Located<String>>>,
    #[serde(default)]
    pub assumption: Option<String>,
}

/// The workflows of one field (e.g. `video_operation`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OperationsDef {
    /// The field of this set whose value selects the workflow; every accepted value needs a case.
    pub field: Located<String>,
    /// One case per accepted value, in inference order: the first whose `requires` are all present is inferred.
    pub cases: OrderedMap<OperationCaseDef>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OperationCaseDef {
    /// Inputs that must all be present.
    pub requires: Vec<Located<String>>,
    /// Inputs the workflow can use (includes every required one).
    pub accepts: Vec<Located<String>>,
}

/// `spec/endpoints/<id>.yaml`: how the gateway is called for one endpoint type.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointFile {
    /// The endpoint type's name, as models name it, e.g. `google_veo_video_jobs`.
    pub id: Located<String>,
    pub provider: String,
    /// Whether this is the catalog's default endpoint type: the one a status call naming a model the SDK does
    /// not know goes through. Exactly one endpoint type is the default.
    #[serde(default)]
    pub default: Option<Located<bool>>,
    pub create: CreateCall,
    pub status: StatusCall,
    pub idempotency: Idempotency,
}

/// The create call.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCall {
    /// Always `POST` (with the request as JSON body).
    pub method: Located<HttpMethod>,
    pub path: String,
}

/// The status call.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusCall {
    /// `POST` with `operation_in: json_body`, or `GET` with `operation_in: query`.
    pub method: Located<HttpMethod>,
    pub path: String,
    /// Where the operation (and model) go.
    pub operation_in: Located<OperationIn>,
    #[serde(default)]
    pub assumption: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Idempotency {
    /// Whether the gateway honours `Idempotency-Key`, so a create whose bytes were sent may be retried.
    pub honours_idempotency_key: bool,
    #[serde(default)]
    pub assumption: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum HttpMethod {
    #[serde(rename = "POST")]
    Post,
    #[serde(rename = "GET")]
    Get,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OperationIn {
    JsonBody,
    Query,
}

/// A YAML scalar as written: a default value or a range bound. Integers stay integers (`8` is not `8.0`).
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    String(String),
    Integer(i64),
    Number(f64),
    Boolean(bool),
}

impl Scalar {
    /// The YAML type's name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Scalar::String(_) => "string",
            Scalar::Integer(_) => "integer",
            Scalar::Number(_) => "number",
            Scalar::Boolean(_) => "boolean",
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            #[expect(
                clippy::cast_precision_loss,
                reason = "catalog bounds are small; exactness is checked"
            )]
            Scalar::Integer(value) => Some(value as f64),
            Scalar::Number(value) => Some(value),
            Scalar::String(_) | Scalar::Boolean(_) => None,
        }
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::String(value) => write!(f, "{value:?}"),
            Scalar::Integer(value) => write!(f, "{value}"),
            Scalar::Number(value) => write!(f, "{value:?}"),
            Scalar::Boolean(value) => write!(f, "{value}"),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;

        impl Visitor<'_> for ScalarVisitor {
            type Value = Scalar;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Scalar, E> {
                Ok(Scalar::String(value.to_owned()))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Scalar, E> {
                Ok(Scalar::Integer(value))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Scalar, E> {
                i64::try_from(value).map(Scalar::Integer).map_err(|_| {
                    invalid_type(
                        Unexpected::Unsigned(value),
                        "an integer that fits in 64 bits",
                    )
                })
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(value))
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Scalar, E> {
                Ok(Scalar::Boolean(value))
            }
        }

        deserializer.deserialize_any(ScalarVisitor)
    }
}

impl JsonSchema for Scalar {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Scalar".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

/// What a price amount looks like: a non-negative decimal, digits on both sides of an optional point.
pub const DECIMAL_PATTERN: &str = r"^[0-9]+(\.[0-9]+)?$";

/// A price amount as written. Only a quoted string is accepted; a bare YAML number is kept (as `Bare`) so the
/// checker can point at it with a precise message instead of failing the whole file.
#[derive(Debug, Clone, PartialEq)]
pub enum DecimalText {
    Quoted(String),
    Bare,
}

impl<'de> Deserialize<'de> for DecimalText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;

        impl Visitor<'_> for DecimalVisitor {
            type Value = DecimalText;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a quoted decimal string such as \"0.050000\"")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<DecimalText, E> {
                Ok(DecimalText::Quoted(value.to_owned()))
            }

            fn visit_i64<E: de::Error>(self, _: i64) -> Result<DecimalText, E> {
                Ok(DecimalText::Bare)
            }

            fn visit_u64<E: de::Error>(self, _: u64) -> Result<DecimalText, E> {
                Ok(DecimalText::Bare)
            }

            fn visit_f64<E: de::Error>(self, _: f64) -> Result<DecimalText, E> {
                Ok(DecimalText::Bare)
            }
        }

        deserializer.deserialize_any(DecimalVisitor)
    }
}

impl JsonSchema for DecimalText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DecimalText".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": DECIMAL_PATTERN,
            "description": "A non-negative decimal amount, quoted, e.g. \"0.050000\".",
        })
    }
}
