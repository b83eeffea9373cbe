//! Creating a job: a request validated against the client's catalog, or (never by default) one sent as
//! written for a model no catalog knows. Either way the create carries an `Idempotency-Key`, reused by its
//! retries, and every error after which the job may exist says how to find it again.

use bytes::Bytes;
use reqwest::header::HeaderValue;
use serde_json::Value;

use super::retry::Resend;
use super::transport::ApiCall;
use super::{Client, Error, Job, JobHandle, JobRecord};
use crate::Issue;
use crate::catalog::{EndpointSpec, FieldRole};
use crate::issue::MODEL;
use crate::validate::{Input, ValidateOptions};

/// What a caller of [`Client::create_unchecked`] is told: nothing stands between the request and the gateway.
pub const UNCHECKED_WARNING: &str = "unchecked: the request was sent as written; nothing was validated \
     and no estimate exists (the gateway decides what it costs)";

/// Options of [`Client::create_with`] and [`Client::create_unchecked`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateOptions {
    /// Drop fields the model omits instead of rejecting the request (see [`ValidateOptions::lenient`]).
    pub lenient: bool,
    /// The `Idempotency-Key` sent with the create and every retry of it. Default: a new UUID v4. Pass your
    /// own to make a create safe to repeat across process restarts.
    pub idempotency_key: Option<String>,
}

/// A create ready to send: the body and what the job remembers of it.
struct Prepared<'a> {
    model: &'a str,
    endpoint: &'static EndpointSpec,
    body: Vec<u8>,
    poll_interval_seconds: Option<f64>,
    warnings: Vec<Issue>,
}

impl Client {
    /// Creates a job: [`create_with`](Client::create_with) with default options.
    pub async fn create(&self, request: impl Input + Send) -> Result<Job, Error> {
        self.create_with(request, &CreateOptions::default()).await
    }

    /// Validates `request` against the client's catalog ([`Error::Validation`] with every issue, nothing
    /// sent), then POSTs the normalized request. The returned job is `running`, remembers the request's poll
    /// interval (the field with the catalog's poll-interval role) for [`wait`](Client::wait) and its
    /// `idempotency_key`, and lists in `warnings` what lenient mode dropped.
    ///
    /// Once the request may have been sent, every error but [`Error::Authentication`] (refused before
    /// anything was done) and [`Error::Validation`] comes wrapped in [`Error::WithJob`] with the
    /// idempotency key: sending the same request with that key again returns the job if it was created, and
    /// creates it (once) if not.
    pub async fn create_with(
        &self,
        request: impl Input + Send,
        options: &CreateOptions,
    ) -> Result<Job, Error> {
        let validate = ValidateOptions::default().with_lenient(options.lenient);
        let validated = self.inner.catalog.validate_with(request, &validate)?;
        let body = serde_json::to_vec(&validated)
            .map_err(|error| Error::Config(format!("cannot encode the request: {error}")))?;
        let prepared = Prepared {
            model: validated.model.id,
            endpoint: validated.model.endpoint,
            body,
            poll_interval_seconds: validated
                .get_role(FieldRole::PollInterval)
                .and_then(Value::as_f64),
            warnings: validated.warnings,
        };
        self.send_create(prepared, options).await
    }

    /// Sends `request` as written, for a model no catalog of this SDK knows yet: nothing is validated, no
    /// estimate exists, and the gateway alone decides whether the request is good and what it costs. Only
    /// the shape needed to address the create is checked: a JSON object with a string `model`. The create
    /// goes through the model's endpoint type when the catalog knows the model, else the default one.
    ///
    /// Never what [`create`](Client::create) does: callers choose it explicitly, and should show
    /// [`UNCHECKED_WARNING`] (the command line and the Python and Node packages do). `lenient` is ignored.
    pub async fn create_unchecked(
        &self,
        request: &Value,
        options: &CreateOptions,
    ) -> Result<Job, Error> {
        let model = request
            .as_object()
            .and_then(|object| object.get(MODEL))
            .and_then(Value::as_str)
            .ok_or_else(|| {
                Error::Config(format!(
                    "an unchecked request must still be a JSON object with a string `{MODEL}`"
                ))
            })?;
        let catalog = self.inner.catalog;
        let endpoint = catalog
            .model(model)
            .map_or_else(|| catalog.default_endpoint(), |known| known.endpoint);
        let body = serde_json::to_vec(request)
            .map_err(|error| Error::Config(format!("cannot encode the request: {error}")))?;
        tracing::warn!(model, "{UNCHECKED_WARNING}");
        let prepared = Prepared {
            model,
            endpoint,
            body,
            poll_interval_seconds: None,
            warnings: Vec::new(),
        };
        self.send_create(prepared, options).await
    }

    async fn send_create(
        &self,
        prepared: Prepared<'_>,
        options: &CreateOptions,
    ) -> Result<Job, Error> {
        let Prepared {
            model,
            endpoint,
            body,
            poll_interval_seconds,
            warnings,
        } = prepared;
        let idempotency_key = options
            .idempotency_key
            .clone()
            .unwrap_or_else(new_idempotency_key);
        let key_header = HeaderValue::try_from(idempotency_key.as_str())
            .map_err(|_| Error::Config("the idempotency key cannot be sent in a header".into()))?;
        // Only an endpoint that deduplicates by key may see the same create twice.
        let resend = if endpoint.honours_idempotency_key {
            Resend::Safe
        } else {
            Resend::OnlyIfUnprocessed
        };
        let call = ApiCall::post_json(self.endpoint_url(endpoint.create_path), Bytes::from(body))
            .idempotency_key(key_header)
            .resend(resend);
        let handle = || JobHandle {
            model: model.to_owned(),
            operation: None,
            idempotency_key: Some(idempotency_key.clone()),
        };
        let mut record: JobRecord = self.call_json(&call).await.map_err(|error| match error {
            Error::Authentication { .. } | Error::Validation(_) => error,
            other => other.with_job(handle),
        })?;
        if record.operation.is_empty() {
            let error = Error::InvalidResponse {
                status: 200,
                message: "the created job has no `operation`".into(),
            };
            return Err(error.with_job(handle));
        }
        if record.model.is_empty() {
            model.clone_into(&mut record.model);
        }
        tracing::debug!(operation = %record.operation, model = %record.model, "job created");
        Ok(Job {
            record,
            idempotency_key: Some(idempotency_key),
            poll_interval_seconds,
            warnings,
        })
    }
}

/// A UUID v4 from the thread-local CSPRNG (no system call per create, unlike `Uuid::new_v4`).
fn new_idempotency_key() -> String {
    uuid::Builder::from_random_bytes(rand::random())
        .into_uuid()
        .to_string()
}
