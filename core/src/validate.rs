//! Request validation and normalization (the rules are in `docs/contract.md`), driven by the generated
//! [`ModelSpec`]s.
//!
//! One pass over the request's keys in the order the caller wrote them: each key is looked up in the model's
//! generated table, its value checked against the field's kind and moved (never copied) into the normalized
//! request under the canonical name. Cross-field rules (required fields, the operation's inputs) run once
//! after the pass. Every problem becomes an [`Issue`]; nothing stops at the first one.

use crate::catalog::{
    FieldKind, FieldRole, FieldSpec, Lookup, ModelSpec, OperationCase, OperationsSpec,
};
use crate::issue::{Issue, IssueCode, ValidationError, pointer, push_pointer};
use crate::media::{self, DataUrlProblem};
use rapidfuzz::distance::jaro_winkler;
use serde_json::{Map, Value};

/// Options of [`validate_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ValidateOptions {
    /// Drop fields the model omits (with a warning) instead of rejecting them, like LiteLLM's `drop_params`.
    /// Keys the catalog does not know at all are still rejected: a typo is never dropped silently.
    pub lenient: bool,
}

impl ValidateOptions {
    pub fn with_lenient(mut self, lenient: bool) -> Self {
        self.lenient = lenient;
        self
    }
}

/// A valid request, normalized: canonical names, object-form inline images, `video_operation` present.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated {
    pub model: &'static ModelSpec,
    /// Canonical field names and values, in the order the caller wrote them (an inferred operation last).
    pub fields: Vec<(&'static str, Value)>,
    /// What lenient mode dropped, one `unknown_field` issue per dropped key.
    pub warnings: Vec<Issue>,
}

impl Validated {
    /// The value of a field, by canonical name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }

    /// The value of the field the catalog gives `role`, if the model has one and the request gives it.
    pub fn get_role(&self, role: FieldRole) -> Option<&Value> {
        self.get(self.model.field_with_role(role)?.name)
    }

    /// The normalized request as a JSON object (what is sent to the gateway).
    pub fn to_value(&self) -> Value {
        Value::Object(
            self.fields
                .iter()
                .map(|(key, value)| ((*key).to_owned(), value.clone()))
                .collect(),
        )
    }

    /// The normalized request as a JSON object, without copying the values.
    pub fn into_value(self) -> Value {
        Value::Object(
            self.fields
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect(),
        )
    }
}

impl serde::Serialize for Validated {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.fields.iter().map(|(key, value)| (key, value)))
    }
}

/// Validates and normalizes a request in strict mode.
pub fn validate(request: Value) -> Result<Validated, ValidationError> {
    validate_with(request, &ValidateOptions::default())
}

/// Validates and normalizes a request, choosing the model by its `model` field.
pub fn validate_with(
    request: Value,
    options: &ValidateOptions,
) -> Result<Validated, ValidationError> {
    let Value::Object(request) = request else {
        return Err(single(Issue {
            code: IssueCode::InvalidType,
            path: String::new(),
            field: None,
            message: format!(
                "the request must be a JSON object, got {}",
                json_type(&request)
            ),
            suggestion: None,
        }));
    };
    let model = match request.get("model") {
        None => {
            return Err(single(Issue {
                code: IssueCode::MissingField,
                path: pointer("model"),
                field: Some("model".to_owned()),
                message: "`model` is required".to_owned(),
                suggestion: Some(format!("known models: {}", model_ids().join(", "))),
            }));
        }
        Some(Value::String(id)) => match crate::model(id) {
            Some(model) => model,
            None => return Err(single(unknown_model(id))),
        },
        Some(other) => {
            return Err(single(Issue {
                code: IssueCode::InvalidType,
                path: pointer("model"),
                field: Some("model".to_owned()),
                message: format!("`model` must be a string, got {}", json_type(other)),
                suggestion: Some(format!("known models: {}", model_ids().join(", "))),
            }));
        }
    };
    validate_object(model, request, options)
}

/// Validates and normalizes a request for a known model (the generated per-model `validate` calls this).
pub fn validate_model(
    model: &'static ModelSpec,
    request: Value,
    options: &ValidateOptions,
) -> Result<Validated, ValidationError> {
    match request {
        Value::Object(request) => validate_object(model, request, options),
        other => Err(single(Issue {
            code: IssueCode::InvalidType,
            path: String::new(),
            field: None,
            message: format!(
                "the request must be a JSON object, got {}",
                json_type(&other)
            ),
            suggestion: None,
        })),
    }
}

fn validate_object(
    model: &'static ModelSpec,
    request: Map<String, Value>,
    options: &ValidateOptions,
) -> Result<Validated, ValidationError> {
    let mut pass = Pass {
        model,
        fields: Vec::with_capacity(request.len() + 1),
        written_as: vec![NOT_GIVEN; model.fields.len()],
        issues: Vec::new(),
        warnings: Vec::new(),
    };
    for (key, value) in request {
        match (model.lookup)(&key) {
            Some(Lookup::Field(index)) => pass.field(index, &key, false, value),
            Some(Lookup::Alias(index)) => pass.field(index, &key, true, value),
            Some(Lookup::Omitted(index)) => pass.omitted(index, key, options),
            None => pass.issues.push(unknown_field(model, &key)),
        }
    }
    pass.required();
    if let Some(operations) = model.operations {
        pass.operation(operations);
    }
    if pass.issues.is_empty() {
        Ok(Validated {
            model,
            fields: pass.fields,
            warnings: pass.warnings,
        })
    } else {
        Err(ValidationError {
            issues: pass.issues,
        })
    }
}

/// Codes of `Pass::written_as`.
const NOT_GIVEN: u8 = 0;
const CANONICAL: u8 = 1;
const FIRST_ALIAS: u8 = 2;

/// The state of one validation pass over one request.
struct Pass {
    model: &'static ModelSpec,
    fields: Vec<(&'static str, Value)>,
    /// For each field of the model, the name it was given under: [`NOT_GIVEN`], [`CANONICAL`], or the index
    /// of the alias plus [`FIRST_ALIAS`] (so alias conflicts and paths name the key as written).
    written_as: Vec<u8>,
    issues: Vec<Issue>,
    warnings: Vec<Issue>,
}

impl Pass {
    fn field(&mut self, index: usize, key: &str, is_alias: bool, value: Value) {
        let spec = &self.model.fields[index];
        if let Some(first) = self.written_name(index) {
            self.issues.push(Issue {
                code: IssueCode::AliasConflict,
                path: pointer(key),
                field: Some(spec.name.to_owned()),
                message: format!("`{key}` and `{first}` both set `{}`", spec.name),
                suggestion: Some(format!("give `{}` once", spec.name)),
            });
            return;
        }
        self.written_as[index] =
            match is_alias.then(|| spec.aliases.iter().position(|alias| *alias == key)) {
                Some(Some(alias)) => {
                    FIRST_ALIAS.saturating_add(u8::try_from(alias).unwrap_or(u8::MAX - FIRST_ALIAS))
                }
                _ => CANONICAL,
            };
        match check_value(spec, At::key(key), value) {
            Ok(value) => self.fields.push((spec.name, value)),
            Err(issue) => self.issues.push(issue),
        }
    }

    fn omitted(&mut self, index: usize, key: String, options: &ValidateOptions) {
        let omitted = &self.model.omitted[index];
        let given_as = if key == omitted.name {
            String::new()
        } else {
            format!(" (given as `{key}`)")
        };
        let issue = Issue {
            code: IssueCode::UnknownField,
            path: pointer(&key),
            field: Some(omitted.name.to_owned()),
            message: if options.lenient {
                format!(
                    "dropped `{}`{given_as}: model `{}` does not accept it",
                    omitted.name, self.model.id
                )
            } else {
                format!(
                    "model `{}` does not accept `{}`{given_as}",
                    self.model.id, omitted.name
                )
            },
            suggestion: (!options.lenient)
                .then(|| "remove it, or validate in lenient mode to drop it".to_owned()),
        };
        if options.lenient {
            self.warnings.push(issue)
        } else {
            self.issues.push(issue)
        }
    }

    fn required(&mut self) {
        for (index, spec) in self.model.fields.iter().enumerate() {
            if spec.required && self.written_as[index] == NOT_GIVEN {
                self.issues.push(Issue {
                    code: IssueCode::MissingField,
                    path: pointer(spec.name),
                    field: Some(spec.name.to_owned()),
                    message: format!("`{}` is required", spec.name),
                    suggestion: None,
                });
            }
        }
    }

    /// Whether a field was given (valid or not), by canonical name.
    fn given(&self, name: &str) -> Option<&str> {
        match (self.model.lookup)(name) {
            Some(Lookup::Field(index)) => self.written_name(index),
            _ => None,
        }
    }

    /// The name field `index` was given under, if it was given.
    fn written_name(&self, index: usize) -> Option<&'static str> {
        let spec = &self.model.fields[index];
        match self.written_as[index] {
            NOT_GIVEN => None,
            CANONICAL => Some(spec.name),
            alias => spec.aliases.get(usize::from(alias - FIRST_ALIAS)).copied(),
        }
    }

    fn operation(&mut self, operations: &'static OperationsSpec) {
        let case = match self.given(operations.field) {
            Some(_) => {
                // Explicit: it was checked against the accepted values; an invalid one already has its issue.
                let chosen = self
                    .fields
                    .iter()
                    .find(|(name, _)| *name == operations.field);
                let Some((_, Value::String(chosen))) = chosen else {
                    return;
                };
                match operations.cases.iter().find(|case| case.name == chosen) {
                    Some(case) => case,
                    None => return,
                }
            }
            None => {
                let Some(case) = operations.cases.iter().find(|case| {
                    case.requires
                        .iter()
                        .all(|input| self.given(input).is_some())
                }) else {
                    return;
                };
                self.fields
                    .push((operations.field, Value::String(case.name.to_owned())));
                case
            }
        };
        self.operation_inputs(operations, case);
    }

    fn operation_inputs(
        &mut self,
        operations: &'static OperationsSpec,
        case: &'static OperationCase,
    ) {
        for &input in case.requires {
            if self.given(input).is_none() {
                self.issues.push(Issue {
                    code: IssueCode::MissingForOperation,
                    path: pointer(input),
                    field: Some(input.to_owned()),
                    message: format!("`{}` `{}` needs `{input}`", operations.field, case.name),
                    suggestion: None,
                });
            }
        }
        for input in operations.inputs() {
            if case.accepts.contains(&input) {
                continue;
            }
            let Some(written_as) = self.given(input) else {
                continue;
            };
            let users: Vec<&str> = operations
                .cases
                .iter()
                .filter(|other| other.accepts.contains(&input))
                .map(|other| other.name)
                .collect();
            let issue = Issue {
                code: IssueCode::NotForOperation,
                path: pointer(written_as),
                field: Some(input.to_owned()),
                message: format!(
                    "`{}` `{}` cannot use `{input}`",
                    operations.field, case.name
                ),
                suggestion: Some(format!(
                    "remove `{written_as}`, or use `{}`: {}",
                    operations.field,
                    users.join(", ")
                )),
            };
            self.issues.push(issue);
        }
    }
}

/// Where a value sits in the request, turned into a JSON pointer only when an issue needs one (valid
/// requests, the common case, never build a path).
#[derive(Debug, Clone, Copy)]
struct At<'a> {
    /// The top-level key as the caller wrote it.
    key: &'a str,
    /// The index within an array value.
    item: Option<usize>,
    /// A fixed tail inside the value, e.g. `/image_url/url`.
    within: &'static str,
}

impl<'a> At<'a> {
    fn key(key: &'a str) -> Self {
        At {
            key,
            item: None,
            within: "",
        }
    }

    fn item(self, index: usize) -> Self {
        At {
            item: Some(index),
            ..self
        }
    }

    fn within(self, within: &'static str) -> Self {
        At { within, ..self }
    }

    fn pointer(&self) -> String {
        let mut pointer = pointer(self.key);
        if let Some(index) = self.item {
            push_pointer(&mut pointer, &index.to_string());
        }
        pointer.push_str(self.within);
        pointer
    }
}

/// Checks one value against its field, returning it normalized.
fn check_value(spec: &'static FieldSpec, at: At<'_>, value: Value) -> Result<Value, Issue> {
    let numeric = matches!(
        spec.kind,
        FieldKind::Number { .. } | FieldKind::Integer { .. }
    );
    if !numeric && matches!(&value, Value::String(text) if text.starts_with(NON_FINITE_MARKER)) {
        return Err(invalid_type(spec, at, spec.labels.expected, &value));
    }
    match &spec.kind {
        FieldKind::String { accepted } => match value {
            Value::String(text) if accepted.is_empty() || accepted.contains(&text.as_str()) => {
                Ok(Value::String(text))
            }
            Value::String(text) => Err(not_accepted(spec, at, &text, accepted)),
            other => Err(invalid_type(spec, at, spec.labels.expected, &other)),
        },
        FieldKind::Number { min, max } => match number(&value) {
            Some(Number::Finite(number)) if in_range(number, *min, *max) => Ok(value),
            Some(Number::Finite(_)) => Err(out_of_range(spec, at, &value.to_string())),
            Some(Number::NonFinite(text)) => Err(non_finite(spec, at, text)),
            None => Err(invalid_type(spec, at, spec.labels.expected, &value)),
        },
        FieldKind::Integer { min, max } => check_integer(spec, at, value, *min, *max),
        FieldKind::Boolean => match value {
            Value::Bool(_) => Ok(value),
            other => Err(invalid_type(spec, at, spec.labels.expected, &other)),
        },
        FieldKind::InlineImage { media_types } => check_image(spec, at, value, media_types),
        FieldKind::InlineImageList { media_types } => match value {
            Value::Array(items) if items.is_empty() => Err(Issue {
                code: IssueCode::OutOfRange,
                path: at.pointer(),
                field: Some(spec.name.to_owned()),
                message: format!("`{}` must hold at least one image", spec.name),
                suggestion: Some(format!(
                    "leave `{}` out, or give one or more inline images",
                    spec.name
                )),
            }),
            Value::Array(items) => {
                let mut checked = Vec::with_capacity(items.len());
                let mut first_issue = None;
                for (index, item) in items.into_iter().enumerate() {
                    match check_image(spec, at.item(index), item, media_types) {
                        Ok(item) => checked.push(item),
                        Err(issue) => {
                            first_issue.get_or_insert(issue);
                        }
                    }
                }
                first_issue.map_or(Ok(Value::Array(checked)), Err)
            }
            other => Err(invalid_type(spec, at, spec.labels.expected, &other)),
        },
        FieldKind::VideoSource { media_types } => check_video(spec, at, value, media_types),
    }
}

fn check_integer(
    spec: &'static FieldSpec,
    at: At<'_>,
    value: Value,
    min: Option<i64>,
    max: Option<i64>,
) -> Result<Value, Issue> {
    let expected = spec.labels.expected;
    let integer = match &value {
        Value::Number(number) => {
            if let Some(integer) = number.as_i64() {
                Some(integer)
            } else if number.is_u64() {
                None // above i64::MAX: out of any range we can express
            } else {
                let float = number.as_f64().unwrap_or(f64::NAN);
                if float.fract() != 0.0 {
                    return Err(invalid_type(spec, at, expected, &value));
                }
                // 8.0 is the integer 8; 1e300 is whole but beyond any integer range.
                (float.abs() < 9.007_199_254_740_992e15).then_some(float as i64)
            }
        }
        _ => match number(&value) {
            Some(Number::NonFinite(text)) => return Err(non_finite(spec, at, text)),
            _ => return Err(invalid_type(spec, at, expected, &value)),
        },
    };
    match integer {
        Some(integer) if in_range(integer, min, max) => Ok(Value::from(integer)),
        Some(integer) => Err(out_of_range(spec, at, &integer.to_string())),
        None => Err(out_of_range(spec, at, &value.to_string())),
    }
}

/// The two kinds of inline media, and how each is written.
#[derive(Debug, Clone, Copy)]
enum Media {
    Image,
    Video,
}

impl Media {
    /// The tag of the object form: `{"type": tag, tag: {"url": ...}}`.
    fn tag(self) -> &'static str {
        match self {
            Media::Image => "image_url",
            Media::Video => "video_url",
        }
    }

    /// What it is called in messages.
    fn noun(self) -> &'static str {
        match self {
            Media::Image => "the image",
            Media::Video => "the video",
        }
    }

    /// The pointer from the object to its URL.
    fn url_pointer(self) -> &'static str {
        match self {
            Media::Image => "/image_url/url",
            Media::Video => "/video_url/url",
        }
    }

    /// How to write it right, for a malformed object.
    fn object_example(self) -> &'static str {
        match self {
            Media::Image => {
                "use {\"type\": \"image_url\", \"image_url\": {\"url\": \"data:image/png;base64,...\"}} or the data URL alone"
            }
            Media::Video => {
                "use an operation id, or {\"type\": \"video_url\", \"video_url\": {\"url\": \"data:video/mp4;base64,...\"}}"
            }
        }
    }
}

fn check_image(
    spec: &'static FieldSpec,
    at: At<'_>,
    value: Value,
    media_types: &[&str],
) -> Result<Value, Issue> {
    match value {
        Value::String(url) => match media::check_data_url(&url, media_types) {
            Ok(_) => Ok(media::image_object(url)),
            Err(problem) => Err(invalid_media(
                spec,
                at,
                Media::Image.noun(),
                &problem,
                media_types,
            )),
        },
        Value::Object(object) => check_object_form(spec, at, object, Media::Image, media_types),
        other => Err(invalid_type(spec, at, spec.labels.expected, &other)),
    }
}

fn check_video(
    spec: &'static FieldSpec,
    at: At<'_>,
    value: Value,
    media_types: &[&str],
) -> Result<Value, Issue> {
    match value {
        Value::String(reference) if reference.is_empty() => Err(Issue {
            code: IssueCode::InvalidType,
            path: at.pointer(),
            field: Some(spec.name.to_owned()),
            message: format!("`{}` must not be empty", spec.name),
            suggestion: Some(
                "give an operation id, a video URL or an inline video data URL".to_owned(),
            ),
        }),
        Value::String(reference)
            if reference
                .get(..5)
                .is_some_and(|head| head.eq_ignore_ascii_case("data:")) =>
        {
            match media::check_data_url(&reference, media_types) {
                Ok(_) => Ok(Value::String(reference)),
                Err(problem) => Err(invalid_media(
                    spec,
                    at,
                    Media::Video.noun(),
                    &problem,
                    media_types,
                )),
            }
        }
        Value::String(reference) => Ok(Value::String(reference)),
        Value::Object(object) => check_object_form(spec, at, object, Media::Video, media_types),
        other => Err(invalid_type(spec, at, spec.labels.expected, &other)),
    }
}

/// Checks the object form of inline media; kept as the caller wrote it when valid.
fn check_object_form(
    spec: &'static FieldSpec,
    at: At<'_>,
    object: Map<String, Value>,
    media: Media,
    media_types: &[&str],
) -> Result<Value, Issue> {
    let problem = match object_form_url(&object, media.tag()) {
        Ok(url) => match media::check_data_url(url, media_types) {
            Ok(_) => return Ok(Value::Object(object)),
            Err(problem) => problem,
        },
        Err(message) => {
            return Err(Issue {
                code: IssueCode::InvalidMedia,
                path: at.pointer(),
                field: Some(spec.name.to_owned()),
                message: format!("`{}` {message}", spec.name),
                suggestion: Some(media.object_example().to_owned()),
            });
        }
    };
    let at = at.within(media.url_pointer());
    Err(invalid_media(spec, at, media.noun(), &problem, media_types))
}

/// The URL of `{"type": tag, tag: {"url": ...}}`, or what is wrong with the object.
fn object_form_url<'a>(object: &'a Map<String, Value>, tag: &str) -> Result<&'a str, String> {
    if object.get("type").and_then(Value::as_str) != Some(tag) {
        return Err(format!("must have \"type\": \"{tag}\""));
    }
    if let Some(extra) = object.keys().find(|key| *key != "type" && *key != tag) {
        return Err(format!(
            "has an unexpected key `{extra}` (expected only `type` and `{tag}`)"
        ));
    }
    let inner = object
        .get(tag)
        .and_then(Value::as_object)
        .ok_or_else(|| format!("must have a `{tag}` object"))?;
    if let Some(extra) = inner.keys().find(|key| *key != "url") {
        return Err(format!(
            "has an unexpected key `{tag}.{extra}` (expected only `url`)"
        ));
    }
    inner
        .get("url")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("must have a string `{tag}.url`"))
}

// ---- numbers -------------------------------------------------------------------------------------------------

/// `serde_json::Value` cannot hold NaN or infinities, so bindings whose host languages can (Python, JavaScript)
/// pass them as this marked string (see [`non_finite_number`]); validation reports them as `out_of_range`.
const NON_FINITE_MARKER: &str = "\u{0}omixa:non-finite:";

/// The JSON stand-in for a host float: a number when finite, else a marker validation reports as not finite.
pub fn number_value(value: f64) -> Value {
    match serde_json::Number::from_f64(value) {
        Some(number) => Value::Number(number),
        None => non_finite_number(value),
    }
}

/// The marker for a NaN or infinite host float (see [`number_value`]).
pub fn non_finite_number(value: f64) -> Value {
    Value::String(format!("{NON_FINITE_MARKER}{value}"))
}

enum Number<'a> {
    Finite(f64),
    NonFinite(&'a str),
}

fn number(value: &Value) -> Option<Number<'_>> {
    match value {
        Value::Number(number) => number.as_f64().map(Number::Finite),
        Value::String(text) => text.strip_prefix(NON_FINITE_MARKER).map(Number::NonFinite),
        _ => None,
    }
}

fn in_range<T: PartialOrd>(value: T, min: Option<T>, max: Option<T>) -> bool {
    min.is_none_or(|min| value >= min) && max.is_none_or(|max| value <= max)
}

// ---- issues --------------------------------------------------------------------------------------------------

fn single(issue: Issue) -> ValidationError {
    ValidationError {
        issues: vec![issue],
    }
}

fn model_ids() -> Vec<&'static str> {
    crate::models().iter().map(|model| model.id).collect()
}

fn unknown_model(id: &str) -> Issue {
    let ids = model_ids();
    let suggestion = match closest(id, ids.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? known models: {}", ids.join(", ")),
        None => format!("known models: {}", ids.join(", ")),
    };
    Issue {
        code: IssueCode::UnknownModel,
        path: pointer("model"),
        field: Some("model".to_owned()),
        message: format!("`{id}` is not a model of the catalog"),
        suggestion: Some(suggestion),
    }
}

fn unknown_field(model: &ModelSpec, key: &str) -> Issue {
    let names = model
        .fields
        .iter()
        .flat_map(|field| std::iter::once(field.name).chain(field.aliases.iter().copied()));
    let suggestion = closest(key, names).map(|name| {
        let canonical = match (model.lookup)(name) {
            Some(Lookup::Field(index) | Lookup::Alias(index)) => model.fields[index].name,
            _ => name,
        };
        format!("did you mean `{canonical}`?")
    });
    Issue {
        code: IssueCode::UnknownField,
        path: pointer(key),
        field: None,
        message: format!("`{key}` is not a field of model `{}`", model.id),
        suggestion,
    }
}

/// The candidate most like `given` (Jaro-Winkler, case-insensitive), if any is alike enough to be a typo.
///
/// Catalog names and ids are lower-case, so only `given` is folded; the comparator is built once for all
/// candidates (bit-parallel, no allocation per candidate).
fn closest<'a>(given: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    const ALIKE: f64 = 0.8;
    let given = given.to_ascii_lowercase();
    let comparator = jaro_winkler::BatchComparator::new(given.bytes());
    // With a cutoff, candidates that cannot reach it are dismissed early (most of them, for a typo).
    let args = jaro_winkler::Args::default().score_cutoff(ALIKE);
    candidates
        .filter_map(|candidate| {
            let score = comparator.normalized_similarity_with_args(candidate.bytes(), &args)?;
            Some((score, candidate))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

fn invalid_type(spec: &FieldSpec, at: At<'_>, expected: &str, got: &Value) -> Issue {
    Issue {
        code: IssueCode::InvalidType,
        path: at.pointer(),
        field: Some(spec.name.to_owned()),
        message: format!("`{}` must be {expected}, got {}", spec.name, json_type(got)),
        suggestion: None,
    }
}

fn not_accepted(spec: &FieldSpec, at: At<'_>, given: &str, accepted: &[&str]) -> Issue {
    let listed = accepted.join(", ");
    let suggestion = match accepted
        .iter()
        .find(|value| value.eq_ignore_ascii_case(given))
    {
        Some(value) => format!("did you mean `{value}`? accepted: {listed}"),
        None => format!("accepted: {listed}"),
    };
    Issue {
        code: IssueCode::NotAccepted,
        path: at.pointer(),
        field: Some(spec.name.to_owned()),
        message: format!("`{}` does not accept `{given}`", spec.name),
        suggestion: Some(suggestion),
    }
}

fn out_of_range(spec: &FieldSpec, at: At<'_>, given: &str) -> Issue {
    // Without bounds, only an integer too large for 64 bits is out of range.
    let range = spec.labels.range.unwrap_or("a number that fits in 64 bits");
    Issue {
        code: IssueCode::OutOfRange,
        path: at.pointer(),
        field: Some(spec.name.to_owned()),
        message: format!("`{}` must be {range}, got {given}", spec.name),
        suggestion: Some(format!("accepted: {range}")),
    }
}

fn non_finite(spec: &FieldSpec, at: At<'_>, given: &str) -> Issue {
    Issue {
        code: IssueCode::OutOfRange,
        path: at.pointer(),
        field: Some(spec.name.to_owned()),
        message: format!("`{}` must be a finite number, got {given}", spec.name),
        suggestion: None,
    }
}

fn invalid_media(
    spec: &FieldSpec,
    at: At<'_>,
    what: &str,
    problem: &DataUrlProblem,
    accepted: &[&str],
) -> Issue {
    let suggestion = match problem {
        DataUrlProblem::MalformedBase64 | DataUrlProblem::EmptyData => {
            "encode the file's bytes as standard base64 (omixa's Image helpers do this)".to_owned()
        }
        _ => format!("accepted media types: {}", accepted.join(", ")),
    };
    Issue {
        code: IssueCode::InvalidMedia,
        path: at.pointer(),
        field: Some(spec.name.to_owned()),
        message: format!("`{}`: {what} {problem}", spec.name),
        suggestion: Some(suggestion),
    }
}

/// The JSON type of a value, for messages (`8.5` and `"8"` are shown, other values only by type).
fn json_type(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => format!("the boolean {flag}"),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) if text.starts_with(NON_FINITE_MARKER) => {
            format!("the number {}", &text[NON_FINITE_MARKER.len()..])
        }
        Value::String(text) if text.chars().count() <= 32 => format!("the string {text:?}"),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{EndpointSpec, FieldLabels, OmittedField, StatusRequest};
    use serde_json::json;

    static ENDPOINT: EndpointSpec = EndpointSpec {
        id: "test",
        create_path: "/jobs",
        status_path: "/jobs/status",
        status_request: StatusRequest::PostJson,
        honours_idempotency_key: true,
    };
    const STRING_LABELS: FieldLabels = FieldLabels {
        kind_name: "string",
        kind_label: "string",
        expected: "a string",
        range: None,
    };
    static FIELDS: [FieldSpec; 2] = [
        FieldSpec {
            name: "model",
            aliases: &[],
            kind: FieldKind::String {
                accepted: &["sora-like"],
            },
            role: None,
            labels: STRING_LABELS,
            required: true,
            description: "",
            default: None,
            assumption: None,
        },
        FieldSpec {
            name: "prompt",
            aliases: &[],
            kind: FieldKind::String { accepted: &[] },
            role: None,
            labels: STRING_LABELS,
            required: true,
            description: "",
            default: None,
            assumption: None,
        },
    ];
    static OMITTED: [OmittedField; 1] = [OmittedField {
        name: "sample_count",
        aliases: &["n_variants"],
    }];
    /// A model that omits `sample_count`, as the model pages say Sora-style routes do.
    static SORA_LIKE: ModelSpec = ModelSpec {
        id: "sora-like",
        name: "Sora-like",
        description: "",
        provider: "test",
        source: "test",
        endpoint: &ENDPOINT,
        fields: &FIELDS,
        omitted: &OMITTED,
        operations: None,
        price: None,
        lookup: |key| match key {
            "model" => Some(Lookup::Field(0)),
            "prompt" => Some(Lookup::Field(1)),
            "sample_count" | "n_variants" => Some(Lookup::Omitted(0)),
            _ => None,
        },
    };

    #[test]
    fn strict_mode_rejects_an_omitted_field_by_the_name_written() {
        let request = json!({"model": "sora-like", "prompt": "x", "n_variants": 2});
        let error = validate_model(&SORA_LIKE, request, &ValidateOptions::default()).unwrap_err();
        assert_eq!(error.issues.len(), 1);
        let issue = &error.issues[0];
        assert_eq!(
            (issue.code, issue.path.as_str()),
            (IssueCode::UnknownField, "/n_variants")
        );
        assert_eq!(issue.field.as_deref(), Some("sample_count"));
        assert!(
            issue
                .message
                .contains("does not accept `sample_count` (given as `n_variants`)"),
            "{issue}"
        );
    }

    #[test]
    fn lenient_mode_drops_an_omitted_field_with_a_warning() {
        let request = json!({"model": "sora-like", "n_variants": 2, "prompt": "x"});
        let options = ValidateOptions::default().with_lenient(true);
        let validated = validate_model(&SORA_LIKE, request, &options).unwrap();
        assert_eq!(
            validated.to_value(),
            json!({"model": "sora-like", "prompt": "x"})
        );
        assert_eq!(validated.warnings.len(), 1);
        assert_eq!(validated.warnings[0].path, "/n_variants");
        assert!(
            validated.warnings[0]
                .message
                .starts_with("dropped `sample_count`")
        );
    }

    #[test]
    fn non_finite_host_numbers_are_out_of_range_not_accepted_as_strings() {
        let request = json!({
            "model": "veo-3.1-lite-generate-001",
            "prompt": number_value(f64::NAN),
            "duration_seconds": number_value(f64::INFINITY),
            "sample_count": number_value(f64::NEG_INFINITY),
        });
        let error = validate(request).unwrap_err();
        let codes: Vec<_> = error
            .issues
            .iter()
            .map(|issue| (issue.code, issue.path.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                (IssueCode::InvalidType, "/prompt"),
                (IssueCode::OutOfRange, "/duration_seconds"),
                (IssueCode::OutOfRange, "/sample_count"),
            ]
        );
        assert!(
            error.issues[1].message.contains("finite"),
            "{}",
            error.issues[1]
        );
        assert!(
            error.issues[0].message.contains("the number NaN"),
            "{}",
            error.issues[0]
        );
    }

    #[test]
    fn paths_escape_pointer_characters() {
        let request = json!({"model": "veo-3.1-lite-generate-001", "prompt": "x", "a/b~c": 1});
        let error = validate(request).unwrap_err();
        assert_eq!(error.issues[0].path, "/a~1b~0c");
    }

    #[test]
    fn the_inferred_operation_is_added_last_and_nothing_else_is() {
        let request = json!({"prompt": "x", "model": "veo-3.1-lite-generate-001"});
        let validated = validate(request).unwrap();
        let keys: Vec<_> = validated.fields.iter().map(|(key, _)| *key).collect();
        assert_eq!(keys, ["prompt", "model", "video_operation"]);
    }
}
