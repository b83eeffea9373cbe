//! The journal's rules, run against both stores where they share them.

use super::*;
use std::str::FromStr;

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text).expect("a decimal")
}

fn nanos(text: &str) -> i64 {
    amount_to_nanos(decimal(text)).expect("in range")
}

/// A priced job costing `cost` with the same hold.
fn job(line: u64, cost: &str) -> NewJob {
    NewJob {
        line,
        id: format!("job-{line}"),
        model: "veo-3.1-lite-generate-001".into(),
        request: "{}".into(),
        price: Some(JobPrice {
            cost: decimal(cost),
            hold: decimal(cost),
            currency: "USD".into(),
        }),
    }
}

fn record(store: &dyn JobStore, jobs: &[NewJob]) {
    let mut input = store.begin_input().expect("begins");
    assert_eq!(input.recorded_digest(), None);
    for job in jobs {
        input.add(job).expect("adds");
    }
    input.commit("digest-1").expect("commits");
}

fn claimed_line(claim: Claim) -> u64 {
    match claim {
        Claim::Job(row) => row.line,
        other => panic!("expected a job, got {other:?}"),
    }
}

fn stores() -> Vec<(tempfile::TempDir, Box<dyn JobStore>)> {
    let sqlite_folder = tempfile::tempdir().expect("temp dir");
    let sqlite = SqliteJournal::open(sqlite_folder.path()).expect("opens");
    vec![
        (sqlite_folder, Box::new(sqlite)),
        (
            tempfile::tempdir().expect("temp dir"),
            Box::new(MemoryJournal::new()),
        ),
    ]
}

#[test]
fn rows_are_claimed_in_line_order_and_each_once() {
    for (_folder, store) in stores() {
        record(
            store.as_ref(),
            &[job(3, "0.40"), job(1, "0.40"), job(2, "0.40")],
        );
        let lines: Vec<u64> = (0..3)
            .map(|_| claimed_line(store.claim_next(None).expect("claims")))
            .collect();
        assert_eq!(lines, [1, 2, 3], "{store:?}");
        assert_eq!(store.claim_next(None).expect("claims"), Claim::Done);
    }
}

#[test]
fn a_dropped_input_keeps_nothing_and_a_committed_one_is_recognised() {
    for (_folder, store) in stores() {
        {
            let mut input = store.begin_input().expect("begins");
            input.add(&job(1, "0.40")).expect("adds");
        }
        assert_eq!(store.counts().expect("counts").total(), 0);
        record(store.as_ref(), &[job(1, "0.40")]);
        let input = store.begin_input().expect("begins");
        assert_eq!(input.recorded_digest(), Some("digest-1"));
        drop(input);
        let mut keys = Vec::new();
        store
            .for_each_job(&mut |row| {
                keys.push(row.idempotency_key.clone());
                Ok(())
            })
            .expect("walks");
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].len(), 36, "a UUID: {}", keys[0]);
    }
}

#[test]
fn the_budget_admits_waits_and_skips() {
    for (_folder, store) in stores() {
        // Budget 1.00: two 0.40 jobs run, the third waits; a 0.90 job can never fit next to 0.80 spent.
        record(
            store.as_ref(),
            &[
                job(1, "0.40"),
                job(2, "0.40"),
                job(3, "0.40"),
                job(4, "0.90"),
            ],
        );
        let budget = Some(nanos("1.00"));
        assert_eq!(claimed_line(store.claim_next(budget).expect("claims")), 1);
        assert_eq!(claimed_line(store.claim_next(budget).expect("claims")), 2);
        assert_eq!(
            store.claim_next(budget).expect("claims"),
            Claim::Wait {
                budget: true,
                other_owners: false
            }
        );
        // A failed job releases its hold.
        store.mark_sending(1).expect("counts the attempt");
        store.mark_created(1, "op_1").expect("created");
        store
            .mark_finished(1, Outcome::Failed, "boom")
            .expect("finishes");
        assert_eq!(claimed_line(store.claim_next(budget).expect("claims")), 3);
        store.mark_created(2, "op_2").expect("created");
        store
            .mark_succeeded(2, &["job-2-0.mp4".into()])
            .expect("succeeds");
        store.mark_created(3, "op_3").expect("created");
        store
            .mark_succeeded(3, &["job-3-0.mp4".into()])
            .expect("succeeds");
        // 0.80 spent: 0.90 more can never fit in 1.00.
        assert_eq!(store.claim_next(budget).expect("claims"), Claim::Done);
        let counts = store.counts().expect("counts");
        assert_eq!(counts.get(JobState::Succeeded), 2);
        assert_eq!(counts.get(JobState::Failed), 1);
        assert_eq!(counts.get(JobState::SkippedBudget), 1);
        assert_eq!(counts.charged["USD"].to_string(), "0.80");
    }
}

#[test]
fn an_abandoned_job_keeps_its_hold_counted() {
    for (_folder, store) in stores() {
        record(store.as_ref(), &[job(1, "0.60"), job(2, "0.60")]);
        let budget = Some(nanos("1.00"));
        assert_eq!(claimed_line(store.claim_next(budget).expect("claims")), 1);
        store
            .mark_finished(1, Outcome::Abandoned, "may exist")
            .expect("finishes");
        assert_eq!(store.claim_next(budget).expect("claims"), Claim::Done);
        assert_eq!(
            store.counts().expect("counts").get(JobState::SkippedBudget),
            1
        );
    }
}

#[test]
fn only_the_owner_may_change_a_row() {
    for (_folder, store) in stores() {
        record(store.as_ref(), &[job(1, "0.40")]);
        let error = store.mark_created(1, "op").expect_err("not claimed");
        assert_eq!(error.kind(), "journal_claim_lost");
    }
}

#[test]
fn two_owners_never_share_a_row_and_a_dead_owners_rows_resume() {
    let folder = tempfile::tempdir().expect("temp dir");
    let first = SqliteJournal::open(folder.path()).expect("opens");
    let second = SqliteJournal::open(folder.path()).expect("opens");
    assert_ne!(first.owner(), second.owner());
    record(&first, &[job(1, "0.40"), job(2, "0.40")]);
    let budget = Some(nanos("0.80"));
    assert_eq!(claimed_line(first.claim_next(budget).expect("claims")), 1);
    assert_eq!(claimed_line(second.claim_next(budget).expect("claims")), 2);
    first.mark_sending(1).expect("counts");
    assert_eq!(
        second.claim_next(budget).expect("claims"),
        Claim::Wait {
            budget: false,
            other_owners: true
        }
    );
    // The first owner dies with its job half done: the second takes it over without reserving it twice
    // (the budget is exactly the two holds).
    drop(first);
    match second.claim_next(budget).expect("claims") {
        Claim::Job(row) => {
            assert_eq!((row.line, row.attempts), (1, 1));
            assert_eq!(row.owner.as_deref(), Some(second.owner()));
        }
        other => panic!("expected line 1, got {other:?}"),
    }
}

#[test]
fn a_journal_of_a_newer_schema_is_refused_naming_both_versions() {
    let folder = tempfile::tempdir().expect("temp dir");
    drop(SqliteJournal::open(folder.path()).expect("opens"));
    let connection =
        rusqlite::Connection::open(SqliteJournal::path_in(folder.path())).expect("opens");
    connection
        .execute(
            "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
            [],
        )
        .expect("updates");
    drop(connection);
    let error = SqliteJournal::open(folder.path()).expect_err("too new");
    assert_eq!(error.kind(), "journal_too_new");
    let message = error.to_string();
    assert!(
        message.contains("version 99") && message.contains(&format!("up to {SCHEMA_VERSION}")),
        "{message}"
    );
}

#[test]
fn reopening_keeps_rows_and_totals() {
    let folder = tempfile::tempdir().expect("temp dir");
    {
        let journal = SqliteJournal::open(folder.path()).expect("opens");
        record(&journal, &[job(1, "0.40"), job(2, "0.40")]);
        assert_eq!(claimed_line(journal.claim_next(None).expect("claims")), 1);
        journal.mark_created(1, "op_1").expect("created");
        journal
            .mark_succeeded(1, &["job-1-0.mp4".into()])
            .expect("succeeds");
    }
    let journal = SqliteJournal::open(folder.path()).expect("reopens");
    let mut rows = Vec::new();
    journal
        .for_each_job(&mut |row| {
            rows.push(row.clone());
            Ok(())
        })
        .expect("walks");
    assert_eq!(rows[0].state, JobState::Succeeded);
    assert_eq!(rows[0].files, ["job-1-0.mp4"]);
    assert_eq!(rows[0].operation.as_deref(), Some("op_1"));
    assert_eq!(rows[1].state, JobState::Pending);
    // 0.40 charged: a 0.40 budget leaves no room for line 2, ever.
    assert_eq!(
        journal.claim_next(Some(nanos("0.40"))).expect("claims"),
        Claim::Done
    );
    assert_eq!(
        journal
            .counts()
            .expect("counts")
            .get(JobState::SkippedBudget),
        1
    );
}

#[test]
fn admission_follows_the_budget_rule() {
    assert_eq!(admit(0, 0, 5, None), Admission::Start);
    assert_eq!(admit(3, 2, 5, Some(10)), Admission::Start);
    assert_eq!(admit(4, 2, 5, Some(10)), Admission::Wait);
    assert_eq!(admit(0, 6, 5, Some(10)), Admission::Never);
}
