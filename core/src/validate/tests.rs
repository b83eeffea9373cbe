//! Validation against a hand-written model that omits a field (the catalog's models omit none).

use super::*;
use crate::catalog::{
    EndpointSpec, FieldKind, FieldLabels, FieldSpec, OmittedField, StatusRequest,
};
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
