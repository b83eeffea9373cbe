//! Crash and resume: `omixa batch` (the built binary) is killed with SIGKILL at random points (before any
//! create, mid-create, mid-wait, mid-download: the emulator's latency and job duration make each phase
//! wide enough to be hit), then the same command is run again, several kills per output folder. At the end
//! every line has succeeded, each variant has exactly one video, and the emulator billed exactly one hold and
//! one charge per job: no kill ever made a job twice.
//!
//! `OMIXA_CRASH_SEED` replays a run's kill points (the seed is printed).

mod batch_support;

use batch_support::{Gateway, lite, records, report, videos, write_input};
use omixa_emulator::EmulatorConfig;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use std::collections::HashMap;
use std::time::Duration;

const FOLDERS: usize = 3;
const KILLS_PER_FOLDER: usize = 7;
/// Runs that finished before their kill point do not count; give up on more kills after this many runs.
const RUNS_PER_FOLDER: usize = 14;
const LINES_PER_FOLDER: u64 = 6;
/// Ranges of kill delays after the start of a run, used in turn.
const KILL_WINDOWS_MS: [(u64, u64); 4] = [(0, 60), (60, 320), (320, 1_200), (1_200, 2_000)];

#[test]
fn killed_at_random_points_then_rerun_every_job_is_made_and_billed_once() {
    let seed = std::env::var("OMIXA_CRASH_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(rand::random::<u64>);
    println!("OMIXA_CRASH_SEED={seed}");
    let mut rng = StdRng::seed_from_u64(seed);
    let gateway = Gateway::start(EmulatorConfig {
        job_seconds: 0.4,
        // Requests are acted on at once and answered 250 ms later: a kill in between loses a create's
        // answer after the job was made, the case the idempotency key exists for.
        answer_latency_ms: 250,
        seed: Some(seed),
        ..EmulatorConfig::default()
    });
    let folder = tempfile::tempdir().expect("temp dir");
    let mut expected_videos = 0;
    let mut kills = 0;
    let mut phases = Phases::default();
    for run in 0..FOLDERS {
        // Line n asks for 1 + n % 2 variants.
        let lines: Vec<Value> = (0..LINES_PER_FOLDER)
            .map(|line| lite(&format!("folder {run} line {line}"), 4, 1 + line % 2))
            .collect();
        expected_videos += lines
            .iter()
            .map(|line| line["sample_count"].as_u64().unwrap_or(1))
            .sum::<u64>();
        let input = write_input(folder.path(), &format!("in-{run}.jsonl"), &lines);
        let out = folder.path().join(format!("out-{run}"));
        let args = [
            input.as_str(),
            "--out",
            out.to_str().expect("utf-8"),
            "--concurrency",
            "2",
        ];
        let mut folder_kills = 0;
        for attempt in 0..RUNS_PER_FOLDER {
            if folder_kills == KILLS_PER_FOLDER {
                break;
            }
            let mut child = gateway
                .batch(&args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("starts");
            // Every answer takes 250 ms: creates are in flight from about 20 to 300 ms into a run, polls
            // and downloads later. Cycling through these windows spreads the kills over every phase.
            let window = KILL_WINDOWS_MS[attempt % KILL_WINDOWS_MS.len()];
            std::thread::sleep(Duration::from_millis(rng.random_range(window.0..window.1)));
            // A child that already finished cannot be killed; that point simply counts as a clean end.
            if child.try_wait().expect("polls").is_none() {
                child.kill().expect("SIGKILL");
                folder_kills += 1;
            }
            child.wait().expect("reaped");
            phases.observe(&out);
        }
        kills += folder_kills;
        let finished = gateway.run_batch(&args);
        assert_eq!(finished.status.code(), Some(0), "seed {seed}: {finished:?}");
        let report = report(&out);
        let jobs = report["jobs"].as_array().expect("jobs");
        assert_eq!(jobs.len(), lines.len());
        assert!(
            jobs.iter().all(|job| job["status"] == "succeeded"),
            "seed {seed}: {report}"
        );
        let (names, partial) = videos(&out);
        let expected: Vec<String> = {
            let mut names: Vec<String> = (0..LINES_PER_FOLDER)
                .flat_map(|line| {
                    (0..1 + line % 2).map(move |variant| format!("{}-{variant}.mp4", line + 1))
                })
                .collect();
            names.sort();
            names
        };
        assert_eq!(names, expected, "seed {seed}: one video per variant");
        assert!(!partial, "seed {seed}: no partial file left");
    }
    assert!(kills >= 20, "seed {seed}: only {kills} kills landed");
    println!("kills: {kills}; left behind: {phases:?}");
    assert!(
        phases.create_unanswered > 0 && phases.created_unfinished > 0,
        "seed {seed}: kills should land mid-create and mid-wait: {phases:?}"
    );

    let usage = gateway.usage();
    let total_jobs = FOLDERS * LINES_PER_FOLDER as usize;
    let mut per_operation: HashMap<&str, (usize, usize)> = HashMap::new();
    for (kind, count) in [("hold", 0), ("charge", 1)] {
        for record in records(&usage, kind) {
            let counts = per_operation
                .entry(record["operation"].as_str().unwrap_or_default())
                .or_default();
            if count == 0 {
                counts.0 += 1
            } else {
                counts.1 += 1
            }
        }
    }
    assert_eq!(
        usage["creates"], total_jobs,
        "seed {seed}: one job per line"
    );
    assert_eq!(per_operation.len(), total_jobs);
    assert!(
        per_operation.values().all(|&counts| counts == (1, 1)),
        "seed {seed}: {per_operation:?}"
    );
    assert_eq!(records(&usage, "release").len(), 0);
    assert!(expected_videos > 0);
}

/// What the kills left behind, read from the journal and the folder after each one.
#[derive(Debug, Default)]
struct Phases {
    /// Rows whose create was sent but not answered (killed mid-create).
    create_unanswered: usize,
    /// Rows created but not finished (killed mid-wait or mid-download).
    created_unfinished: usize,
    /// `.part` files (killed mid-download).
    partial_files: usize,
}

impl Phases {
    fn observe(&mut self, out: &std::path::Path) {
        let Ok(journal) = rusqlite::Connection::open(out.join(".omixa/journal.sqlite")) else {
            return;
        };
        let count = |sql: &str| -> usize {
            journal
                .query_row(sql, [], |row| row.get::<_, i64>(0))
                .map_or(0, |count| usize::try_from(count).unwrap_or(0))
        };
        self.create_unanswered +=
            count("SELECT COUNT(*) FROM jobs WHERE attempts > 0 AND operation IS NULL");
        self.created_unfinished += count("SELECT COUNT(*) FROM jobs WHERE state = 'created'");
        self.partial_files += std::fs::read_dir(out).map_or(0, |entries| {
            entries
                .filter_map(Result::ok)
                .filter(|entry| entry.file_name().to_string_lossy().ends_with(".part"))
                .count()
        });
    }
}
