//! Property tests: validation and estimates answer every JSON-like input with a result, never a panic, and
//! what they accept they accept again (normalizing a normalized request changes nothing); every issue points
//! into the input; and every valid request has an estimate.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Keys a request may hold: every field name and alias of the catalog, plus a few unknown ones.
fn keys() -> Vec<String> {
    let mut keys: Vec<String> = omixa::models()
        .iter()
        .flat_map(|model| model.fields.iter())
        .flat_map(|field| std::iter::once(field.name).chain(field.aliases.iter().copied()))
        .map(str::to_owned)
        .collect();
    keys.extend(["durations", "", "a/b~c", "Model"].map(str::to_owned));
    keys.sort();
    keys.dedup();
    keys
}

/// Leaf values that hit the validator's edges: boundary numbers, fractions, huge values, data URLs (good,
/// truncated, wrong type), accepted and unaccepted strings.
fn leaf() -> impl Strategy<Value = Value> {
    let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==";
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(omixa::validate::number_value),
        prop_oneof![
            Just(0.0),
            Just(1.0),
            Just(8.0),
            Just(8.5),
            Just(30.0),
            Just(30.5),
            Just(-1.0),
            Just(1e300)
        ]
        .prop_map(Value::from),
        prop_oneof![
            Just("veo-3.1-lite-generate-001"),
            Just("veo-3.1-generate-preview"),
            Just("16:9"),
            Just("4:3"),
            Just("720p"),
            Just("text_to_video"),
            Just("image_to_video"),
            Just("first_last_frames"),
            Just("extend"),
            Just(png),
            Just("data:image/png;base64,<base64-start-frame>"),
            Just("data:video/mp4;base64,AAAAGGZ0eXBpc29t"),
            Just("data:"),
            Just("data:image/png;base64"),
        ]
        .prop_map(|text| Value::String(text.to_owned())),
        ".{0,40}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let keys = keys();
    leaf().prop_recursive(3, 24, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(keys.clone()), inner), 0..6).prop_map(
                |entries| Value::Object(entries.into_iter().collect::<Map<String, Value>>())
            ),
        ]
    })
}

/// A request: mostly a known model and a prompt, then any mix of keys and values.
fn request() -> impl Strategy<Value = Value> {
    let keys = keys();
    (
        prop_oneof![
            Just(Some("veo-3.1-lite-generate-001")),
            Just(Some("veo-3.1-generate-preview")),
            Just(None)
        ],
        any::<bool>(),
        prop::collection::vec((prop::sample::select(keys), value()), 0..8),
    )
        .prop_map(|(model, with_prompt, entries)| {
            let mut request = Map::new();
            if let Some(model) = model {
                request.insert("model".to_owned(), json!(model));
            }
            if with_prompt {
                request.insert("prompt".to_owned(), json!("a prompt"));
            }
            request.extend(entries);
            Value::Object(request)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn validation_answers_everything_and_is_idempotent(request in request(), lenient in any::<bool>()) {
        let options = omixa::ValidateOptions::default().with_lenient(lenient);
        match omixa::validate_with(request, &options) {
            Ok(validated) => {
                let normalized = validated.to_value();
                let again = omixa::validate_with(normalized.clone(), &options);
                prop_assert!(again.is_ok(), "a normalized request must stay valid: {normalized}");
                prop_assert_eq!(again.map(|twice| twice.to_value()).ok(), Some(normalized));
                let _ = omixa::estimate_validated(&validated);
            }
            Err(error) => {
                prop_assert!(!error.issues.is_empty(), "an error names at least one issue");
                for issue in &error.issues {
                    prop_assert!(issue.path.is_empty() || issue.path.starts_with('/'), "{issue}");
                    prop_assert!(!issue.message.is_empty());
                }
            }
        }
    }

    #[test]
    fn every_issue_points_into_the_input(request in request(), lenient in any::<bool>()) {
        let options = omixa::ValidateOptions::default().with_lenient(lenient);
        let issues = match omixa::validate_with(request.clone(), &options) {
            Ok(validated) => validated.warnings,
            Err(error) => error.issues,
        };
        for issue in &issues {
            let absent_field = matches!(
                issue.code,
                omixa::IssueCode::MissingField | omixa::IssueCode::MissingForOperation
            );
            if absent_field {
                // The place where the absent field belongs: its parent is in the input, the key is not.
                let parent = issue.path.rsplit_once('/').map_or("", |(parent, _)| parent);
                prop_assert!(request.pointer(parent).is_some_and(Value::is_object), "{issue} in {request}");
                prop_assert!(request.pointer(&issue.path).is_none(), "{issue} in {request}");
            } else {
                prop_assert!(request.pointer(&issue.path).is_some(), "{issue} names a path not in {request}");
            }
        }
    }

    #[test]
    fn every_valid_request_has_an_estimate(request in request()) {
        if omixa::validate(request.clone()).is_ok() {
            let estimate = omixa::estimate(request.clone());
            prop_assert!(estimate.is_ok(), "{request} is valid but not estimated: {:?}", estimate.err());
        }
    }

    #[test]
    fn any_json_value_is_answered(value in value()) {
        let _ = omixa::validate(value.clone());
        let _ = omixa::estimate(value);
    }
}
