//! Property tests: validation and estimates answer every JSON-like input (host values included, so NaN and
//! infinities too) with a result, never a panic, and what they accept they accept again (normalizing a
//! normalized request changes nothing); every issue points into the input; and every valid request has an
//! estimate.

use omixa::validate::HostValue;
use proptest::prelude::*;
use serde_json::Value;

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
fn leaf() -> impl Strategy<Value = HostValue> {
    let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==";
    prop_oneof![
        Just(HostValue::Null),
        any::<bool>().prop_map(HostValue::Bool),
        any::<i64>().prop_map(|number| HostValue::Number(number.into())),
        any::<u64>().prop_map(|number| HostValue::Number(number.into())),
        any::<f64>().prop_map(HostValue::float),
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
        .prop_map(HostValue::float),
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
        .prop_map(|text| HostValue::String(text.to_owned())),
        ".{0,40}".prop_map(HostValue::String),
    ]
}

fn value() -> impl Strategy<Value = HostValue> {
    let keys = keys();
    leaf().prop_recursive(3, 24, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(HostValue::Array),
            prop::collection::vec((prop::sample::select(keys.clone()), inner), 0..6)
                .prop_map(|entries| HostValue::Object(without_repeats(entries))),
        ]
    })
}

/// A request: mostly a known model and a prompt, then any mix of keys and values.
fn request() -> impl Strategy<Value = HostValue> {
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
            let mut request = Vec::new();
            if let Some(model) = model {
                request.push(("model".to_owned(), HostValue::String(model.to_owned())));
            }
            if with_prompt {
                request.push((
                    "prompt".to_owned(),
                    HostValue::String("a prompt".to_owned()),
                ));
            }
            request.extend(entries);
            HostValue::Object(without_repeats(request))
        })
}

/// An object's entries as a host holds them: each key once, the last value given for it in the first one's
/// place (as a Python dict or a JS object built key by key).
fn without_repeats(entries: Vec<(String, HostValue)>) -> Vec<(String, HostValue)> {
    let mut object: Vec<(String, HostValue)> = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        match object.iter_mut().find(|(name, _)| *name == key) {
            Some((_, slot)) => *slot = value,
            None => object.push((key, value)),
        }
    }
    object
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn validation_answers_everything_and_is_idempotent(request in request(), lenient in any::<bool>()) {
        let options = omixa::ValidateOptions::default().with_lenient(lenient);
        let outcome = omixa::validate_with(request.clone(), &options);
        if let Some(json) = request.into_json() {
            // A host value JSON can carry validates exactly as that JSON does.
            prop_assert_eq!(&omixa::validate_with(json, &options), &outcome);
        }
        match outcome {
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
                    prop_assert!(!issue.message().is_empty());
                    let _ = issue.suggestion();
                }
            }
        }
    }

    #[test]
    fn every_issue_points_into_the_input(request in request(), lenient in any::<bool>()) {
        // JSON pointers name places in JSON; NaN and infinities have none, and are checked above.
        let json = request.into_json();
        prop_assume!(json.is_some());
        let request = json.unwrap_or_default();
        let options = omixa::ValidateOptions::default().with_lenient(lenient);
        let issues = match omixa::validate_with(request.clone(), &options) {
            Ok(validated) => validated.warnings,
            Err(error) => error.issues,
        };
        for issue in &issues {
            let absent_field = matches!(
                issue.code(),
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
        let json = request.into_json();
        prop_assume!(json.is_some());
        let request = json.unwrap_or_default();
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
