//! `client.videos.batch(...)`: the core's batch engine (`omixa::batch`) behind one native method. The
//! requests arrive as one array (`index.js` drains an iterable or async iterable into it first); the answer is
//! the run's summary and report, or the dry run's plan, with amounts as decimal strings and files as paths.

use crate::cancellation::Cancellation;
use crate::convert::{self, JsonValue};
use crate::error::{Thrown, native, settle};
use napi::Env;
use napi::bindgen_prelude::{Function, PromiseRaw, Unknown};
use napi::threadsafe_function::ThreadsafeFunctionCallMode;
use napi_derive::napi;
use omixa::batch::{self, BatchItem, BatchOptions, BatchProgress};
use omixa_bindings::error::ErrorPayload;
use omixa_bindings::options::{TimeUnit, budget, optional_duration};
use serde_json::{Value, json};
use std::sync::Arc;

/// Options of `batch`.
#[napi(object)]
#[derive(Debug, Default)]
pub struct BatchNativeOptions {
    /// The output folder: videos, `batch-report.json` and the journal (`.omixa/journal.sqlite`).
    pub out: String,
    /// At most this many jobs in flight. Default 4.
    pub concurrency: Option<u32>,
    /// The most the batch may hold and spend, as a decimal string (`'12.50'`).
    pub budget: Option<String>,
    /// How long to wait for each job once created, in milliseconds. Default 15 minutes.
    pub timeout_ms: Option<f64>,
    /// Drop fields a model omits instead of rejecting the item.
    pub lenient: Option<bool>,
    /// Check every item and resolve to the plan; send nothing.
    pub dry_run: Option<bool>,
}

/// Runs a batch, or its dry run, for `NativeClient.batch`: the requests and options converted, the core's
/// engine run, and `{summary, report}` or `{plan}` resolved.
pub(crate) fn run<'env>(
    client: &omixa::client::Client,
    env: &'env Env,
    requests: Unknown<'_>,
    options: BatchNativeOptions,
    on_progress: Option<Function<'_, JsonValue, ()>>,
    cancellation: Option<&Cancellation>,
) -> napi::Result<PromiseRaw<'env, JsonValue>> {
    let dry_run = options.dry_run.unwrap_or(false);
    let (items, mut options) = native(env, || {
        let Value::Array(requests) = convert::input(env, &requests)? else {
            return Err(Thrown::type_error("`requests` must be an array"));
        };
        let items: Vec<std::io::Result<BatchItem>> = (1_u64..)
            .zip(requests)
            .map(|(line, value)| Ok(BatchItem::Value { line, value }))
            .collect();
        Ok((items, batch_options(options)?))
    })?;
    if let Some(callback) = on_progress {
        // Weak: a running batch is kept alive by its promise, not by its callback.
        let callback = callback
            .build_threadsafe_function::<JsonValue>()
            .weak::<true>()
            .build()?;
        options.on_progress = Some(Arc::new(move |progress: &BatchProgress| {
            if let Ok(progress) = serde_json::to_value(progress) {
                callback.call(JsonValue(progress), ThreadsafeFunctionCallMode::NonBlocking);
            }
        }));
    }
    options.cancel = cancellation.map(|cancellation| cancellation.token.clone());
    // A dry run checks lines against the client's models, as the run itself does.
    options.catalog = client.catalog();
    let client = client.clone();
    let future = async move {
        let answer = if dry_run {
            let plan = batch::plan(items, &options)?;
            json!({ "plan": plan })
        } else {
            let summary = batch::run(&client, items, &options).await?;
            let report = batch::read_report(&options.out)?;
            json!({ "summary": summary, "report": report })
        };
        Ok(answer)
    };
    let future = async move {
        future
            .await
            .map_err(|error| Box::new(ErrorPayload::batch(&error)))
    };
    settle(env, future, |_, answer| Ok(JsonValue(answer)))
}

fn batch_options(options: BatchNativeOptions) -> Result<BatchOptions, Thrown> {
    let mut converted = BatchOptions::new(options.out);
    if let Some(concurrency) = options.concurrency {
        converted.concurrency = concurrency as usize;
    }
    converted.budget = options.budget.as_deref().map(budget).transpose()?;
    converted.wait_timeout =
        optional_duration("timeoutMs", options.timeout_ms, TimeUnit::Milliseconds)?;
    converted.lenient = options.lenient.unwrap_or(false);
    Ok(converted)
}
