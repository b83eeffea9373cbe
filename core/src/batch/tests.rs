//! Checking and planning a batch input, and recording it in a journal (no network: the engine's runs are
//! tested against the emulator by the command line's tests).

use super::input::{InputCheck, check_budget};
use super::*;
use crate::journal::{JobState, MemoryJournal};
use std::io::Cursor;

const LITE: &str =
    r#"{"model": "veo-3.1-lite-generate-001", "prompt": "A lighthouse", "seconds": 8}"#;
const PREVIEW: &str =
    r#"{"model": "veo-3.1-generate-preview", "prompt": "A lighthouse", "seconds": 8}"#;

fn items(text: &str) -> Vec<std::io::Result<BatchItem>> {
    lines(Cursor::new(text.to_owned())).collect()
}

fn options() -> BatchOptions {
    BatchOptions::new("unused")
}

fn problems(text: &str) -> Vec<String> {
    match plan(items(text), &options()) {
        Err(BatchError::Invalid { problems }) => problems.iter().map(ToString::to_string).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn every_problem_of_every_line_is_listed() {
    let input = format!(
        "{LITE}\n\
         not json\n\
         {{\"model\": \"veo-3.1-lite-generate-001\", \"prompt\": \"x\", \"seconds\": 99, \"aspect_ratio\": \"4:3\"}}\n\
         [1, 2]\n\
         {{\"id\": \"../etc\", \"request\": {LITE}}}\n"
    );
    let found = problems(&input);
    assert_eq!(found.len(), 5, "{found:#?}");
    assert!(
        found[0].starts_with("line 2: /: invalid_json: "),
        "{}",
        found[0]
    );
    assert!(
        found[1].starts_with("line 3: /duration_seconds: out_of_range: ")
            || found[1].starts_with("line 3: /seconds: out_of_range: "),
        "{}",
        found[1]
    );
    assert!(
        found[2].starts_with("line 3: /aspect_ratio: not_accepted: "),
        "{}",
        found[2]
    );
    assert!(
        found[3].starts_with("line 4: /: invalid_line: "),
        "{}",
        found[3]
    );
    assert!(
        found[4].starts_with("line 5: /id: invalid_id: "),
        "{}",
        found[4]
    );
}

#[test]
fn ids_must_be_unique_including_the_line_number_defaults() {
    let input = format!(
        "{{\"id\": \"2\", \"request\": {LITE}}}\n{LITE}\n{{\"id\": \"a\", \"request\": {LITE}}}\n{{\"id\": \"a\", \"request\": {LITE}}}\n"
    );
    let found = problems(&input);
    assert_eq!(
        found,
        [
            "line 2: /id: duplicate_id: the id \"2\" is already used on line 1",
            "line 4: /id: duplicate_id: the id \"a\" is already used on line 3",
        ]
    );
}

#[test]
fn unsafe_ids_and_extra_keys_are_refused() {
    for (line, expected) in [
        (
            format!("{{\"id\": \"-rf\", \"request\": {LITE}}}"),
            "/id: invalid_id",
        ),
        (
            format!("{{\"id\": \".hidden\", \"request\": {LITE}}}"),
            "/id: invalid_id",
        ),
        (
            format!("{{\"id\": \"a b\", \"request\": {LITE}}}"),
            "/id: invalid_id",
        ),
        (
            format!("{{\"id\": \"\", \"request\": {LITE}}}"),
            "/id: invalid_id",
        ),
        (
            format!("{{\"id\": \"{}\", \"request\": {LITE}}}", "x".repeat(97)),
            "/id: invalid_id",
        ),
        (
            format!("{{\"id\": 7, \"request\": {LITE}}}"),
            "/id: invalid_id",
        ),
        (
            format!("{{\"id\": \"a\", \"request\": {LITE}, \"x\": 1}}"),
            "/x: invalid_line",
        ),
        (
            "{\"id\": \"a\", \"request\": 5}".to_owned(),
            "/request: invalid_line",
        ),
    ] {
        let found = problems(&line);
        assert_eq!(found.len(), 1, "{line}: {found:?}");
        assert!(
            found[0].starts_with(&format!("line 1: {expected}")),
            "{line}: {found:?}"
        );
    }
}

#[test]
fn a_dry_run_totals_cost_and_hold_per_currency_and_counts_unpriced_apart() {
    let input = format!(
        "# a comment\n\n{LITE}\n{{\"id\": \"four\", \"request\": {{\"model\": \"veo-3.1-lite-generate-001\", \"prompt\": \"x\", \"seconds\": 4}}}}\n{PREVIEW}\n"
    );
    let plan = plan(items(&input), &options()).expect("valid");
    assert_eq!(plan.jobs, 3);
    let usd = &plan.priced["USD"];
    assert_eq!(
        (usd.jobs, usd.cost.to_string(), usd.hold.to_string()),
        (2, "0.60".into(), "0.60".into())
    );
    assert_eq!(plan.unpriced["veo-3.1-generate-preview"], 1);
    let json = serde_json::to_value(&plan).expect("serializes");
    assert_eq!(json["priced"]["USD"]["cost"], "0.60");
    assert_eq!(json["budget"], serde_json::Value::Null);
}

#[test]
fn a_budget_is_refused_for_unpriced_models_and_mixed_currencies() {
    let input = format!("{LITE}\n{PREVIEW}\n");
    let error = plan(
        items(&input),
        &BatchOptions {
            budget: Some(Decimal::ONE),
            ..options()
        },
    )
    .expect_err("refused");
    assert_eq!(error.kind(), "budget_refused");
    assert!(
        error
            .to_string()
            .contains("line 2: model veo-3.1-generate-preview has no published price"),
        "{error}"
    );

    // The catalog has one currency today; the rule is checked on a plan with two.
    let mut mixed = BatchPlan::default();
    mixed.priced.insert("EUR".into(), PlanAmounts::default());
    mixed.priced.insert("USD".into(), PlanAmounts::default());
    let reason = check_budget(&mixed, &Default::default()).expect_err("refused");
    assert!(reason.contains("mixes currencies (EUR, USD)"), "{reason}");
    assert!(check_budget(&BatchPlan::default(), &Default::default()).is_ok());
}

#[test]
fn bad_options_are_refused() {
    let zero = BatchOptions {
        concurrency: 0,
        ..options()
    };
    assert_eq!(
        plan(items(LITE), &zero).expect_err("refused").kind(),
        "invalid_options"
    );
    let negative = BatchOptions {
        budget: Some(Decimal::NEGATIVE_ONE),
        ..options()
    };
    assert_eq!(
        plan(items(LITE), &negative).expect_err("refused").kind(),
        "invalid_options"
    );
}

#[test]
fn the_digest_follows_lines_ids_and_normalized_requests() {
    let digest = |text: &str| {
        let mut check = InputCheck::new(Catalog::builtin(), false).expect("a temporary index");
        for item in items(text) {
            check.check(item.expect("reads")).expect("checks");
        }
        check.finish().expect("valid").1
    };
    let aliased = r#"{"model": "veo-3.1-lite-generate-001", "prompt": "A lighthouse", "duration_seconds": 8}"#;
    assert_eq!(digest(LITE), digest(aliased), "the same normalized request");
    assert_ne!(digest(LITE), digest(&format!("\n{LITE}")), "another line");
    assert_ne!(
        digest(LITE),
        digest(&format!("{{\"id\": \"x\", \"request\": {LITE}}}")),
        "another id"
    );
}

#[test]
fn lines_are_numbered_from_one_and_non_utf8_is_an_error_naming_the_line() {
    let read: Vec<_> = lines(Cursor::new(b"a\nb\n\xff\n".to_vec())).collect();
    assert_eq!(read[1].as_ref().expect("utf-8").line(), 2);
    let error = read[2].as_ref().expect_err("not utf-8");
    assert_eq!(error.to_string(), "line 3 is not valid UTF-8");
}

#[test]
fn an_invalid_input_records_nothing_and_another_input_is_refused() {
    let store = MemoryJournal::new();
    let invalid = format!("{LITE}\nnot json\n");
    let error =
        record_input(Catalog::builtin(), items(&invalid), &options(), &store).expect_err("invalid");
    assert_eq!(error.problems().len(), 1);
    assert_eq!(store.counts().expect("counts").total(), 0);

    record_input(Catalog::builtin(), items(LITE), &options(), &store).expect("records");
    record_input(Catalog::builtin(), items(LITE), &options(), &store)
        .expect("the same input again");
    assert_eq!(store.counts().expect("counts").get(JobState::Pending), 1);
    let error = record_input(
        Catalog::builtin(),
        items(&format!("{LITE}\n{LITE}")),
        &options(),
        &store,
    )
    .expect_err("another input");
    assert_eq!(error.kind(), "journal_mismatch");
    assert!(
        error.to_string().contains("was used for a different input"),
        "{error}"
    );
}
