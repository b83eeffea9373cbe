//! Every catalog rule, broken once in a fixture under `tests/fixtures/<case>/spec/`: the problem must name the
//! file, line and column of the offending YAML.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use std::path::PathBuf;

fn fixture(case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case)
        .join("spec")
}

/// Every problem reported for the fixture, as `path:line:col: message` with the path relative to its `spec/`.
fn problems(case: &str) -> Vec<String> {
    let spec = fixture(case);
    match omixa_codegen::generate(&spec) {
        Err(omixa_codegen::Error::Catalog(problems)) => {
            let prefix = format!("{}/", spec.display());
            problems
                .iter()
                .map(|problem| problem.to_string().replacen(&prefix, "", 1))
                .collect()
        }
        Ok(_) => panic!("{case}: the catalog loaded"),
        Err(other) => panic!("{case}: {other}"),
    }
}

#[track_caller]
fn assert_problems(case: &str, expected: &[&str]) {
    assert_eq!(problems(case), expected, "{case}");
}

#[test]
fn unknown_key() {
    let problems = problems("unknown_key");
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("models/m-1.yaml:8:1: unknown field `pricee`"),
        "{problems:?}"
    );
}

#[test]
fn duplicate_model_id_across_files() {
    assert_problems(
        "duplicate_model_id",
        &["models/m-1.yaml:1:5: duplicate model id `m-1`"],
    );
}

#[test]
fn alias_claimed_twice_or_naming_another_field() {
    assert_problems(
        "alias_conflict",
        &[
            "fields/base.yaml:17:15: alias `duration` is claimed by both `seconds` and `length`",
            "fields/base.yaml:21:15: alias `prompt` of `title` is the name of another field",
        ],
    );
}

#[test]
fn min_greater_than_max() {
    assert_problems(
        "min_greater_than_max",
        &["fields/base.yaml:13:12: range of `seconds` has min 30 greater than max 1"],
    );
}

#[test]
fn empty_accepted_values() {
    assert_problems(
        "empty_values",
        &["fields/base.yaml:17:13: empty accepted-value list for `ratio`"],
    );
}

#[test]
fn price_not_a_quoted_decimal() {
    assert_problems(
        "price_not_decimal",
        &[
            "models/m-1.yaml:10:15: price `per_second`: `five cents` is not a decimal amount",
            "models/m-1.yaml:11:17: price `minimum_hold`: a bare YAML number is not accepted; quote the amount",
        ],
    );
}

#[test]
fn unknown_include_set() {
    assert_problems(
        "unknown_include",
        &["models/m-1.yaml:7:17: unknown field set `audio`"],
    );
}

#[test]
fn omit_and_override_of_fields_no_set_defines() {
    assert_problems(
        "unknown_omit_and_override",
        &[
            "models/m-1.yaml:8:8: cannot omit `sample_count`: no included set defines it",
            "models/m-1.yaml:10:3: cannot override `resolution`: no included set defines it",
        ],
    );
}

#[test]
fn unknown_endpoint_type() {
    assert_problems(
        "unknown_endpoint",
        &["models/m-1.yaml:6:11: unknown endpoint type `video_jobs`"],
    );
}

#[test]
fn operation_naming_an_unknown_field() {
    assert_problems(
        "unknown_operation_field",
        &[
            "fields/base.yaml:28:27: operation `animate` names unknown field `start_image`",
            "fields/base.yaml:28:51: operation `animate` names unknown field `start_image`",
        ],
    );
}

#[test]
fn overrides_are_checked_like_fields_and_omissions_against_workflows() {
    let problems = problems("bad_override_and_omit");
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems.iter().any(|problem| problem.starts_with(
        "models/m-1.yaml:11:13: `values` applies to string fields; `seconds` is a `number` field"
    )));
    assert!(problems.iter().any(|problem| problem
        .starts_with("models/m-1.yaml:13:12: `range` applies to number and integer fields; `prompt` is a `string` field")));
    assert!(
        problems.iter().any(|problem| problem.starts_with(
            "models/m-1.yaml:8:8: cannot omit `image`: workflow `animate` requires it"
        ))
    );
}

#[test]
fn problems_in_several_files_are_all_reported() {
    let problems = problems("errors_across_files");
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems[0].starts_with("models/m-1.yaml:8:1: unknown field `colour`"),
        "{problems:?}"
    );
    assert_eq!(
        problems[1],
        "fields/base.yaml:17:13: empty accepted-value list for `ratio`"
    );
    assert_eq!(
        problems[2],
        "models/m-2.yaml:6:11: unknown endpoint type `nowhere`"
    );
}

/// The diagnostic renders with the offending line of YAML and a help line.
#[test]
fn diagnostics_show_the_yaml_they_point_at() {
    let Err(omixa_codegen::Error::Catalog(problems)) =
        omixa_codegen::generate(&fixture("price_not_decimal"))
    else {
        panic!("the catalog loaded");
    };
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(200);
    let mut rendered = String::new();
    handler
        .render_report(&mut rendered, &problems.problems[0])
        .unwrap();
    assert!(
        rendered.contains(r#"10 │   per_second: "five cents""#),
        "{rendered}"
    );
    assert!(
        rendered.contains("prices are quoted decimal strings"),
        "{rendered}"
    );
}

#[test]
fn roles_fit_their_field_and_name_one_field_and_one_endpoint_type_is_the_default() {
    let problems = problems("role_misfit");
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].starts_with(
        "fields/base.yaml:12:11: role `sample_count` does not fit `seconds`, a `number` field"
    ));
    assert!(problems[1].starts_with(
        "fields/base.yaml:16:11: role `sample_count` is held by both `seconds` and `frames`"
    ));
    assert!(
        problems[2].starts_with("endpoints/jobs.yaml:1:5: no endpoint type is the default"),
        "{problems:?}"
    );
}
