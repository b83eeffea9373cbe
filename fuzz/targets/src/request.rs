//! Request validation, from a structure-aware JSON value ([`request_json`]) or from raw bytes read the way the
//! CLI reads a request file ([`request_text`]), with the invariants every validation result must keep.

use crate::generate;
use arbitrary::Unstructured;
use omixa::validate::HostValue;
use omixa::{Estimate, IssueCode, ValidateOptions, Validated};
use rust_decimal::Decimal;
use serde_json::Value;
use std::cell::RefCell;
use std::path::PathBuf;

/// Validates a request built from the bytes by [`generate::request`], in strict and lenient mode.
///
/// Invariants: the request as JSON and as a host value validates alike; every issue's path points into the
/// request (or, for a missing field, at a key that is absent); a normalized request validates to itself with no
/// warnings; the estimate of a valid request never fails and holds at least its cost.
pub fn request_json(data: &[u8]) {
    let mut u = Unstructured::new(data);
    if let Ok(request) = generate::request(&mut u) {
        check_request(&request);
    }
}

/// Writes the bytes to a file and reads it with the CLI's request reader, then validates what parses.
///
/// Invariants: the reader accepts exactly the texts `serde_json` accepts, and yields the same value; its
/// syntax errors render (snippet and label) without panicking; plus those of [`request_json`].
pub fn request_text(data: &[u8]) {
    thread_local! {
        /// One scratch file per thread, rewritten for each input (the reader takes a path).
        static SCRATCH: RefCell<Option<(tempfile::TempDir, PathBuf)>> = const { RefCell::new(None) };
    }
    let read = SCRATCH.with_borrow_mut(|scratch| {
        let (_, path) = scratch.get_or_insert_with(|| {
            let dir = tempfile::tempdir().expect("a scratch directory for request files");
            let path = dir.path().join("request.json");
            (dir, path)
        });
        std::fs::write(&*path, data).expect("the scratch request file is writable");
        omixa_cli::input::read_json(path)
    });
    // The reader skips a UTF-8 byte order mark, which serde_json would refuse.
    let expected = std::str::from_utf8(data)
        .ok()
        .map(|text| text.strip_prefix('\u{feff}').unwrap_or(text))
        .and_then(|text| serde_json::from_str::<Value>(text).ok());
    match (read, expected) {
        (Ok(value), Some(expected)) => {
            assert_eq!(value, expected, "the reader changed the request");
            check_request(&value);
        }
        (Ok(value), None) => panic!("the reader accepted what serde_json rejects: {value}"),
        // serde_json keeps the last of two equal keys; the reader refuses them (the gateway would drop one).
        (Err(report), Some(_)) => assert!(
            report.to_string().contains("duplicate") || format!("{report:?}").contains("duplicate"),
            "the reader rejected valid JSON: {report:?}"
        ),
        (Err(report), None) => {
            let mut rendered = String::new();
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .render_report(&mut rendered, report.as_ref())
                .expect("a syntax error renders");
            assert!(!rendered.is_empty(), "an empty syntax error");
        }
    }
}

/// Validates `request` in both modes and checks every invariant of the result; the same request as a host
/// language's value (what the bindings validate) must get the same result.
pub fn check_request(request: &Value) {
    for lenient in [false, true] {
        let options = ValidateOptions::default().with_lenient(lenient);
        let result = omixa::validate_with(request.clone(), &options);
        assert_eq!(
            omixa::validate_with(HostValue::from(request.clone()), &options),
            result,
            "a host value validates differently from its JSON"
        );
        match result {
            Ok(validated) => check_valid(request, &validated, lenient),
            Err(error) => {
                assert!(!error.issues.is_empty(), "an error without issues");
                for issue in &error.issues {
                    check_issue_path(request, issue);
                }
            }
        }
    }
}

fn check_issue_path(request: &Value, issue: &omixa::Issue) {
    let found = request.pointer(&issue.path).is_some();
    match issue.code() {
        // A missing field's path names where it belongs, which by definition is not in the input.
        IssueCode::MissingField | IssueCode::MissingForOperation => {
            assert!(
                !found,
                "a missing field that is present: {issue}\n{request}"
            );
        }
        _ => assert!(found, "an issue path not in the input: {issue}\n{request}"),
    }
}

fn check_valid(request: &Value, validated: &Validated, lenient: bool) {
    if !lenient {
        assert!(validated.warnings.is_empty(), "strict mode warned");
    }
    for warning in &validated.warnings {
        check_issue_path(request, warning);
    }
    let normalized = validated.to_value();
    let again = omixa::validate(normalized.clone())
        .unwrap_or_else(|error| panic!("the normalized request is invalid: {error}\n{normalized}"));
    assert_eq!(
        again.to_value(),
        normalized,
        "normalizing twice changed the request"
    );
    assert!(again.warnings.is_empty(), "a normalized request warned");
    assert_eq!(
        serde_json::to_value(validated).ok().as_ref(),
        Some(&normalized),
        "serializing differs from to_value"
    );

    let estimate = omixa::estimate_validated(validated);
    let from_normalized = omixa::estimate(normalized)
        .unwrap_or_else(|error| panic!("the estimate of a valid request failed: {error}"));
    assert_eq!(
        estimate, from_normalized,
        "the normalized request costs differently"
    );
    if let Estimate::Priced(priced) = &estimate {
        assert!(
            priced.cost >= Decimal::ZERO && priced.hold >= priced.cost,
            "a negative cost or a hold below the cost: {priced:?}"
        );
        serde_json::to_value(&estimate).expect("an estimate serializes");
    }
}
