//! The HTTP client: `omixa::client::Client` behind a napi class whose methods return promises, run on the
//! tokio runtime napi-rs owns, so no call blocks the event loop. `index.js` wraps it as
//! `new Client(...).videos.create(...)`, turns an `AbortSignal` into a [`Cancellation`] and maps errors.

use crate::cancellation::Cancellation;
use crate::convert::{self, JsonValue};
use crate::error::{Thrown, native, settle};
use crate::json;
use crate::runtime_catalog;
use napi::bindgen_prelude::{Function, PromiseRaw, Unknown};
use napi::threadsafe_function::ThreadsafeFunctionCallMode;
use napi::{Env, ValueType};
use napi_derive::napi;
use omixa::client::{self, Job, WaitOptions, WaitProgress};
use omixa_bindings::error::ErrorPayload;
use omixa_bindings::job_ref::{JobRef, job_from_value};
use omixa_bindings::options::{self, TimeUnit, optional_duration};
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;

/// Options of `new Client(...)`. Each one left out takes its default.
#[napi(object)]
#[derive(Debug, Default)]
pub struct ClientOptions {
    /// The workspace API key. Default: the `OMIXA_API_KEY` environment variable; one of the two is required.
    /// It never appears in errors or logs.
    pub api_key: Option<String>,
    /// The gateway's address. Default: `OMIXA_BASE_URL`, else `https://www.omixa.cloud`. Must be HTTPS, or
    /// HTTP to a loopback address (such as `omixa serve`).
    pub base_url: Option<String>,
    /// The longest silence while reading a response, in milliseconds. Default: 60 000.
    pub timeout_ms: Option<f64>,
    /// The longest one API request may take, in milliseconds; the retries of one call stop within twice
    /// it. Default: 60 000.
    pub request_timeout_ms: Option<f64>,
    /// Retries per call after the first attempt, for transient failures. Default: 2.
    pub max_retries: Option<u32>,
    /// A catalog folder whose models are added to the built-in ones. Default: `OMIXA_CATALOG`'s, if set.
    pub catalog: Option<String>,
}

/// Options of `create`.
#[napi(object)]
#[derive(Debug, Default)]
pub struct CreateOptions {
    /// Drop fields the model omits instead of rejecting the request.
    pub lenient: Option<bool>,
    /// The `Idempotency-Key` of the create and its retries. Default: a new UUID. Pass your own to make a
    /// create safe to repeat across restarts.
    pub idempotency_key: Option<String>,
    /// Send the request as written, for a model no catalog knows: nothing is validated, no estimate exists.
    pub unchecked: Option<bool>,
}

/// A client of the Omixa jobs API (the native half of `omixa.Client`).
#[napi(js_name = "NativeClient")]
#[derive(Debug)]
pub struct Client {
    inner: client::Client,
}

#[napi]
impl Client {
    /// Configures a client; throws an error of kind `config` when there is no API key or the base URL is
    /// not HTTPS (or HTTP to loopback).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, options: Option<ClientOptions>) -> napi::Result<Self> {
        native(&env, || {
            let ClientOptions {
                api_key,
                base_url,
                timeout_ms,
                request_timeout_ms,
                max_retries,
                catalog,
            } = options.unwrap_or_default();
            let options = options::ClientOptions {
                api_key,
                base_url,
                read_timeout: optional_duration("timeoutMs", timeout_ms, TimeUnit::Milliseconds)?,
                request_timeout: optional_duration(
                    "requestTimeoutMs",
                    request_timeout_ms,
                    TimeUnit::Milliseconds,
                )?,
                max_retries,
                catalog: Some(runtime_catalog::load(catalog)?),
            };
            Ok(Client {
                inner: options.build()?,
            })
        })
    }

    /// The gateway's address, e.g. `https://www.omixa.cloud/`.
    #[napi(getter, catch_unwind)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }

    /// Validates the request locally (nothing invalid is sent), then creates the job. Resolves to the job:
    /// `{ provider, model, status, operation, poll_after_seconds, data, ... }`.
    #[napi(catch_unwind, ts_return_type = "Promise<Record<string, unknown>>")]
    pub fn create<'env>(
        &self,
        env: &'env Env,
        request: Unknown<'_>,
        options: Option<CreateOptions>,
    ) -> napi::Result<PromiseRaw<'env, JsonValue>> {
        let request = native(env, || convert::request(env, &request))?;
        let CreateOptions {
            lenient,
            idempotency_key,
            unchecked,
        } = options.unwrap_or_default();
        let options = client::CreateOptions {
            lenient: lenient.unwrap_or(false),
            idempotency_key,
        };
        let client = self.inner.clone();
        if unchecked == Some(true) {
            let request = native(env, || runtime_catalog::unchecked_request(request))?;
            return settle(
                env,
                job_call(async move { client.create_unchecked(&request, &options).await }),
                job_value,
            );
        }
        settle(
            env,
            job_call(async move { client.create_with(request, &options).await }),
            job_value,
        )
    }

    /// The job's current state, from a job or its `operation`; `model`, when given, says how the gateway is
    /// asked (default: the job's).
    #[napi(catch_unwind, ts_return_type = "Promise<Record<string, unknown>>")]
    pub fn status<'env>(
        &self,
        env: &'env Env,
        job_or_operation: Unknown<'_>,
        model: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, JsonValue>> {
        let target = native(env, || {
            let reference = if job_or_operation.get_type()? == ValueType::String {
                let operation = convert::input(env, &job_or_operation)?;
                JobRef::Operation(operation.as_str().unwrap_or_default().to_owned())
            } else {
                JobRef::Job(Box::new(job(env, &job_or_operation)?))
            };
            Ok(reference.target(model))
        })?;
        let client = self.inner.clone();
        let future = async move { client.status(&target.operation, &target.model).await };
        settle(env, job_call(future), job_value)
    }

    /// Polls the job until it is final; resolves to the succeeded job. A poll that fails for a transient
    /// reason does not end the wait. Rejects with `job_failed`, `timeout` (after `timeout_ms`, default 15
    /// minutes), `cancelled` (when `cancellation` is cancelled), or the error of a status call that cannot
    /// succeed by trying again, each with the job's `operation` and `idempotency_key`. `on_progress` is called
    /// after every poll with `{job, poll_failures, last_error}` (`last_error` an error payload, or null).
    #[napi(catch_unwind, ts_return_type = "Promise<Record<string, unknown>>")]
    pub fn wait<'env>(
        &self,
        env: &'env Env,
        job: Unknown<'_>,
        timeout_ms: Option<f64>,
        #[napi(
            ts_arg_type = "(progress: { job: Record<string, unknown>, poll_failures: number, last_error: Record<string, unknown> | null }) => void"
        )]
        on_progress: Option<Function<'_, JsonValue, ()>>,
        cancellation: Option<&Cancellation>,
    ) -> napi::Result<PromiseRaw<'env, JsonValue>> {
        let job = native(env, || self::job(env, &job))?;
        let on_progress = match on_progress {
            // Weak: a pending wait is kept alive by its promise, not by its callback.
            Some(callback) => {
                let callback = callback
                    .build_threadsafe_function::<JsonValue>()
                    .weak::<true>()
                    .build()?;
                let report: client::ProgressCallback =
                    Arc::new(move |progress: &WaitProgress<'_>| {
                        if let Ok(job) = serde_json::to_value(progress.job) {
                            let progress = json!({
                                "job": job,
                                "poll_failures": progress.poll_failures,
                                "last_error": progress.last_error
                                    .map(|error| ErrorPayload::client(error).to_json()),
                            });
                            callback
                                .call(JsonValue(progress), ThreadsafeFunctionCallMode::NonBlocking);
                        }
                    });
                Some(report)
            }
            None => None,
        };
        let timeout = native(env, || {
            Ok(optional_duration(
                "timeoutMs",
                timeout_ms,
                TimeUnit::Milliseconds,
            )?)
        })?;
        let options = WaitOptions {
            timeout,
            on_progress,
            cancel: cancellation.map(|cancellation| cancellation.token.clone()),
        };
        let client = self.inner.clone();
        settle(
            env,
            job_call(async move { client.wait(&job, options).await }),
            job_value,
        )
    }

    /// Downloads every result video of a succeeded job into `directory` (created if needed), streaming each
    /// to disk. A file already there is kept unless `overwrite`. Resolves to the paths written (or kept).
    #[napi(catch_unwind, ts_return_type = "Promise<string[]>")]
    pub fn download<'env>(
        &self,
        env: &'env Env,
        job: Unknown<'_>,
        directory: String,
        overwrite: Option<bool>,
    ) -> napi::Result<PromiseRaw<'env, Vec<String>>> {
        let job = native(env, || self::job(env, &job))?;
        let client = self.inner.clone();
        let options = client::DownloadOptions {
            overwrite: overwrite.unwrap_or(false),
            ..client::DownloadOptions::default()
        };
        let future = async move {
            let saved = client
                .download_with(&job, &PathBuf::from(directory), &options)
                .await
                .map_err(|error| Box::new(ErrorPayload::client(&error)))?;
            Ok(saved
                .into_iter()
                .map(|file| file.path.to_string_lossy().into_owned())
                .collect::<Vec<_>>())
        };
        settle(env, future, |_, paths| Ok(paths))
    }

    /// Runs a batch: every request checked first (a payload of kind `invalid_input` lists every problem, and
    /// nothing is created), then at most `concurrency` jobs in flight within `budget`, recorded in the output
    /// folder's journal so that running the same requests again resumes. Resolves to `{summary, report}`, or
    /// with `dry_run` to `{plan}`. `on_progress` gets the batch's progress after every change; cancelling
    /// `cancellation` stops starting jobs and ends waits, leaving the journal consistent.
    #[napi(catch_unwind, ts_return_type = "Promise<Record<string, unknown>>")]
    pub fn batch<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "unknown[]")] requests: Unknown<'_>,
        options: crate::batch::BatchNativeOptions,
        #[napi(ts_arg_type = "(progress: Record<string, unknown>) => void")] on_progress: Option<
            Function<'_, JsonValue, ()>,
        >,
        cancellation: Option<&Cancellation>,
    ) -> napi::Result<PromiseRaw<'env, JsonValue>> {
        crate::batch::run(
            &self.inner,
            env,
            requests,
            options,
            on_progress,
            cancellation,
        )
    }
}

/// A job as JavaScript passed it back (a job this module returned, possibly serialized and parsed since).
fn job(env: &Env, value: &Unknown<'_>) -> Result<Job, Thrown> {
    job_from_value(convert::input(env, value)?).map_err(Thrown::type_error)
}

/// A client call whose failure is a payload.
async fn job_call(
    call: impl Future<Output = Result<Job, client::Error>>,
) -> Result<Job, Box<ErrorPayload>> {
    call.await
        .map_err(|error| Box::new(ErrorPayload::client(&error)))
}

fn job_value(_: &Env, job: Job) -> Result<JsonValue, Thrown> {
    json(&job)
}
