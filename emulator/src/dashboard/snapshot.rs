//! The dashboard's live state, `GET /dashboard/state`:
//!
//! ```json
//! {"settings": [["Faults", "none"], ...],
//!  "jobs": [{"operation", "model", "status", "account", "route_failures", "data": [{"url": "/files/..."}],
//!            "error"?, "age_seconds", ...}],
//!  "jobs_remembered": 12,
//!  "ledger": {"records": [...], "totals": {...}, "creates": 12, "idempotent_replays": 0},
//!  "faults": {"job_requests": 40, "counts": {"rate_limit": 3}, "recent": [{"request", "fault", "method", "path", "age_seconds"}]}}
//! ```
//!
//! Jobs are the most recent [`JOBS_SHOWN`], newest first, in the shape the status route answers, plus their
//! age; their result URLs are paths, so they work whatever host name the browser used. Ledger records are
//! the most recent [`RECORDS_SHOWN`], newest first, with the totals of all. Looking settles every job whose
//! time has come, as any status or usage request does.

use crate::Shared;
use crate::faults::Fault;
use crate::ledger::{Totals, UsageRecord};
use crate::state::JobView;
use axum::Json;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Jobs the dashboard lists.
const JOBS_SHOWN: usize = 100;
/// Ledger records the dashboard lists.
const RECORDS_SHOWN: usize = 50;

#[derive(Debug, Serialize)]
struct Snapshot<'a> {
    /// `[label, value]` rows of the settings that can change while the emulator runs (the faults).
    settings: Vec<(&'static str, String)>,
    jobs: Vec<JobRow>,
    jobs_remembered: usize,
    ledger: LedgerView<'a>,
    faults: FaultsView,
}

#[derive(Debug, Serialize)]
struct JobRow {
    #[serde(flatten)]
    job: JobView,
    age_seconds: f64,
}

#[derive(Debug, Serialize)]
struct LedgerView<'a> {
    /// Newest first.
    records: Vec<&'a UsageRecord>,
    totals: &'a Totals,
    creates: u64,
    idempotent_replays: u64,
}

#[derive(Debug, Serialize)]
struct FaultsView {
    /// Job requests counted so far (every one of them could have been faulted).
    job_requests: u64,
    counts: BTreeMap<Fault, u64>,
    /// Newest first.
    recent: Vec<FaultRow>,
}

#[derive(Debug, Serialize)]
struct FaultRow {
    request: u64,
    fault: Fault,
    method: String,
    path: String,
    age_seconds: f64,
}

/// The state as a JSON response.
pub(super) fn json(shared: &Shared) -> Response {
    let now = Instant::now();
    let faults = {
        let log = shared.fault_log();
        FaultsView {
            job_requests: shared.fault_counter.count(),
            counts: log.counts().clone(),
            recent: log
                .recent()
                .map(|fault| FaultRow {
                    request: fault.request,
                    fault: fault.fault,
                    method: fault.method.clone(),
                    path: fault.path.clone(),
                    age_seconds: seconds(now.saturating_duration_since(fault.at)),
                })
                .collect(),
        }
    };
    let mut world = shared.world();
    let jobs = world
        .recent_jobs(now, JOBS_SHOWN, "/files")
        .into_iter()
        .map(|(job, age)| JobRow {
            job,
            age_seconds: seconds(age),
        })
        .collect();
    let jobs_remembered = world.job_count();
    let usage = world.usage(now);
    Json(Snapshot {
        settings: super::fault_settings(&shared.faults()),
        jobs,
        jobs_remembered,
        ledger: LedgerView {
            records: usage.records.iter().rev().take(RECORDS_SHOWN).collect(),
            totals: usage.totals,
            creates: usage.creates,
            idempotent_replays: usage.idempotent_replays,
        },
        faults,
    })
    .into_response()
}

/// Seconds to the tenth, as the page shows them.
fn seconds(duration: Duration) -> f64 {
    (duration.as_secs_f64() * 10.0).floor() / 10.0
}
