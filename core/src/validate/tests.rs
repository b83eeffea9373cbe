//! Unit tests of the validator: a hand-written model that omits a field (the catalog's models omit none), and
//! the catalog.

use super::*;
use crate::catalog::{
    EndpointSpec, FieldKind, FieldLabels, FieldSpec, KeyLookup, Lookup, OmittedField, StatusRequest,
};
use crate::issue::{IssueCode, IssueKind};
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
    keys: KeyLookup::Generated(|key| match key {
        "model" => Some(Lookup::Field(0)),
        "prompt" => Some(Lookup::Field(1)),
        "sample_count" | "n_variants" => Some(Lookup::Omitted(0)),
        _ => None,
    }),
};

#[test]
fn strict_mode_rejects_an_omitted_field_by_the_name_written() {
    let request = json!({"model": "sora-like", "prompt": "x", "n_variants": 2});
    let error = validate_model(&SORA_LIKE, request, &ValidateOptions::default()).unwrap_err();
    assert_eq!(error.issues.len(), 1);
    let issue = &error.issues[0];
    assert_eq!(
        (issue.code(), issue.path.as_str()),
        (IssueCode::UnknownField, "/n_variants")
    );
    assert_eq!(issue.field(), Some("sample_count"));
    assert!(
        issue
            .message()
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
            .message()
            .starts_with("dropped `sample_count`")
    );
}

#[test]
fn non_finite_host_numbers_are_out_of_range_for_numbers_and_invalid_types_elsewhere() {
    let request = HostValue::Object(vec![
        (
            "model".to_owned(),
            HostValue::String("veo-3.1-lite-generate-001".to_owned()),
        ),
        ("prompt".to_owned(), HostValue::float(f64::NAN)),
        (
            "duration_seconds".to_owned(),
            HostValue::float(f64::INFINITY),
        ),
        (
            "sample_count".to_owned(),
            HostValue::float(f64::NEG_INFINITY),
        ),
    ]);
    let error = validate(request).unwrap_err();
    let codes: Vec<_> = error
        .issues
        .iter()
        .map(|issue| (issue.code(), issue.path.as_str()))
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
        error.issues[1].message().contains("finite"),
        "{}",
        error.issues[1]
    );
    assert!(
        error.issues[0].message().contains("the number NaN"),
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

#[test]
fn a_host_value_validates_like_the_same_json() {
    let request = json!({
        "model": "veo-3.1-lite-generate-001",
        "prompt": "x",
        "seconds": 8.0,
        "start_frame": crate::media::image_object(PNG.to_owned()),
    });
    let from_json = validate(request.clone()).unwrap();
    let from_host = validate(HostValue::from(request)).unwrap();
    assert_eq!(from_host, from_json);
    assert_eq!(from_host.get("duration_seconds"), Some(&json!(8.0)));
}

#[test]
fn a_host_value_with_a_non_finite_number_has_no_json_form() {
    let value = HostValue::Array(vec![HostValue::float(1.5), HostValue::float(f64::NAN)]);
    assert_eq!(value.into_json(), None);
    assert_eq!(HostValue::float(1.5).into_json(), Some(json!(1.5)));
}

#[test]
fn issues_hold_their_context_and_render_on_demand() {
    let request =
        json!({"model": "veo-3.1-lite-generate-001", "prompt": "x", "seconds": 45, "durations": 8});
    let error = validate(request).unwrap_err();
    let [out_of_range, unknown] = &error.issues[..] else {
        panic!("two issues expected: {error}");
    };
    assert!(matches!(
        out_of_range.kind,
        IssueKind::OutOfRange {
            field: "duration_seconds",
            range: Some(_),
            ..
        }
    ));
    let message = out_of_range.message();
    assert!(
        message.starts_with("`duration_seconds` must be from ") && message.ends_with(", got 45"),
        "{message}"
    );
    assert!(matches!(&unknown.kind, IssueKind::UnknownField { key, .. } if key == "durations"));
    assert_eq!(
        unknown.suggestion().as_deref(),
        Some("did you mean `duration_seconds`?")
    );
}

/// The smallest PNG: a 1x1 image.
const PNG: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==";
