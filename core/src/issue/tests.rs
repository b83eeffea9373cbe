//! Issues serialize to the same object every runner reads, and read back as text.

use super::*;
use serde_json::json;

#[test]
fn an_issue_serializes_to_code_path_field_message_suggestion() {
    let issue = Issue::new(
        "/aspect_ratio".to_owned(),
        IssueKind::NotAccepted {
            field: "aspect_ratio",
            given: "4:3".to_owned(),
            accepted: &["16:9", "9:16"],
        },
    );
    assert_eq!(
        serde_json::to_value(&issue).unwrap(),
        json!({
            "code": "not_accepted",
            "path": "/aspect_ratio",
            "field": "aspect_ratio",
            "message": "`aspect_ratio` does not accept `4:3`",
            "suggestion": "accepted: 16:9, 9:16",
        })
    );
}

#[test]
fn a_deserialized_issue_keeps_its_text_and_serializes_back_the_same() {
    let wire = json!({
        "code": "out_of_range",
        "path": "/seconds",
        "field": "duration_seconds",
        "message": "`duration_seconds` must be from 4 to 8, got 45",
        "suggestion": null,
    });
    let issue: Issue = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(issue.code(), IssueCode::OutOfRange);
    assert_eq!(issue.field(), Some("duration_seconds"));
    assert_eq!(
        issue.message(),
        "`duration_seconds` must be from 4 to 8, got 45"
    );
    assert_eq!(issue.suggestion(), None);
    assert_eq!(serde_json::to_value(&issue).unwrap(), wire);
}

#[test]
fn display_names_the_code_the_place_and_the_suggestion() {
    let issue = Issue::new(
        String::new(),
        IssueKind::ModelMissing {
            catalog: crate::Catalog::builtin(),
        },
    );
    let text = issue.to_string();
    assert!(
        text.starts_with("missing_field at /: `model` is required (known models: "),
        "{text}"
    );
}
