//! `omixa demo`: the whole lifecycle in one command, with nothing to set up. Starts the emulator in-process on
//! a free loopback port with a generated key, submits the Lite page's example request
//! (`examples/veo-3.1-lite.json`, a real PNG as its start frame), waits with a spinner, downloads the MP4,
//! and prints its path and what the emulator billed.

use super::progress::Interrupt;
use super::support::{failure, report};
use crate::Outcome;
use clap::Args;
use omixa::catalog::FieldRole;
use omixa::client::{Client, Job};
use omixa_emulator::{Emulator, EmulatorConfig};
use serde::Deserialize;
use std::path::PathBuf;

/// The Lite model page's example payload, its `<base64-start-frame>` placeholder replaced by a 1×1 PNG. A copy of
/// `examples/veo-3.1-lite.json` inside this crate, so that the published crate builds (a test keeps them equal).
const EXAMPLE_REQUEST: &str = include_str!("demo_request.json");

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to save the video.
    #[arg(long, value_name = "DIR", default_value = "omixa-demo")]
    out: PathBuf,
}

pub async fn run(args: DemoArgs) -> miette::Result<Outcome> {
    // A short job, and one failed provider route in three so failover shows now and then.
    let config = EmulatorConfig {
        job_seconds: 4.0,
        route_failure_rate: 1.0 / 3.0,
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::start(config).await.map_err(|error| {
        miette::miette!(code = "omixa::serve", "cannot start the emulator: {error}")
    })?;
    outln!(
        "emulator  {} (in-process, generated key)",
        emulator.base_url()
    )?;
    let outcome = submit(&emulator, &args).await;
    emulator.shutdown().await;
    outcome
}

async fn submit(emulator: &Emulator, args: &DemoArgs) -> miette::Result<Outcome> {
    let client = Client::builder()
        .api_key(emulator.api_key())
        .base_url(emulator.base_url())
        .build()
        .map_err(|error| report(&error))?;
    let request: serde_json::Value = serde_json::from_str(EXAMPLE_REQUEST).map_err(|error| {
        miette::miette!(
            code = "omixa::demo",
            "the bundled example is not JSON: {error}"
        )
    })?;
    outln!(
        "request   examples/veo-3.1-lite.json ({})",
        describe(&request)
    )?;
    let job = match client.create(request).await {
        Ok(job) => job,
        Err(error) => return failure(error, None),
    };
    outln!("created   {}{}", job.record.operation, routing(&job))?;
    let interrupt = Interrupt::listen()?;
    let job = match interrupt.wait(&client, &job, None, |_| None).await {
        Ok(job) => job,
        Err(error) => return failure(error, None),
    };
    outln!("{:<9} {}", job.record.status.as_str(), job.record.operation)?;
    let paths = match client.download(&job, &args.out).await {
        Ok(paths) => paths,
        Err(error) => return failure(error, None),
    };
    for path in &paths {
        let size = std::fs::metadata(path)
            .map(|metadata| metadata.len())
            .unwrap_or_default();
        outln!("saved     {} ({size} bytes, H.264 MP4)", path.display())?;
    }
    outln!(
        "billed    {}",
        billed(emulator, &job.record.operation).await?
    )?;
    Ok(Outcome::Success)
}

/// The model, the workflow and the duration of the example, found through the catalog (the operation field,
/// the field with the duration role) rather than by name.
fn describe(request: &serde_json::Value) -> String {
    let Ok(validated) = omixa::validate(request.clone()) else {
        return "not valid for this catalog".to_owned();
    };
    let text = |value: Option<&serde_json::Value>| {
        value
            .map(|value| value.to_string().trim_matches('"').to_owned())
            .unwrap_or_default()
    };
    let operation = validated
        .model
        .operations
        .and_then(|operations| validated.get(operations.field));
    format!(
        "{}, {}, {} s",
        validated.model.id,
        text(operation),
        text(validated.get_role(FieldRole::Duration))
    )
}

/// Which provider account took the job, and which failed over before it.
fn routing(job: &Job) -> String {
    let account = job
        .record
        .extra
        .get("account")
        .and_then(|account| account.as_str())
        .unwrap_or("no account");
    let failed: Vec<&str> = job
        .record
        .extra
        .get("route_failures")
        .and_then(|failures| failures.as_array())
        .map(|failures| {
            failures
                .iter()
                .filter_map(|failure| failure.get("account")?.as_str())
                .collect()
        })
        .unwrap_or_default();
    if failed.is_empty() {
        format!(" on {account}")
    } else {
        format!(" on {account} (failed over from {})", failed.join(", "))
    }
}

#[derive(Deserialize)]
struct Usage {
    records: Vec<UsageRecord>,
}

#[derive(Deserialize)]
struct UsageRecord {
    kind: String,
    operation: String,
    amount: String,
    currency: Option<String>,
    note: Option<String>,
}

/// The charge the emulator recorded for the job, from `GET /api/v1/usage`.
async fn billed(emulator: &Emulator, operation: &str) -> miette::Result<String> {
    let usage_error = |error: reqwest::Error| {
        miette::miette!(
            code = "omixa::demo",
            "cannot read the usage records: {error}"
        )
    };
    let usage: Usage = reqwest::Client::new()
        .get(format!("{}/api/v1/usage", emulator.base_url()))
        .bearer_auth(emulator.api_key())
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(usage_error)?
        .json()
        .await
        .map_err(usage_error)?;
    let record = usage
        .records
        .iter()
        .find(|record| record.kind == "charge" && record.operation == operation);
    Ok(match record {
        Some(UsageRecord {
            amount,
            currency: Some(currency),
            ..
        }) => format!("{amount} {currency} (held at create, charged at success)"),
        Some(UsageRecord {
            note: Some(note), ..
        }) => note.clone(),
        _ => "nothing recorded".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    /// The demo submits the repository's published example, byte for byte.
    #[test]
    fn the_demo_request_is_the_published_example() {
        let published =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/veo-3.1-lite.json");
        let published = std::fs::read_to_string(&published).unwrap_or_default();
        assert!(
            published == super::EXAMPLE_REQUEST,
            "cli/src/commands/demo_request.json differs from examples/veo-3.1-lite.json: copy the example over it"
        );
    }
}
