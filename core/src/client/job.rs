//! A video-generation job: [`JobRecord`], the job exactly as the gateway last reported it (the model pages'
//! "response shape"), and around it in [`Job`] what the SDK keeps about the job that the gateway never sent
//! (the create's idempotency key, the request's poll interval, what lenient mode dropped).
//!
//! A job serializes to one flat JSON object, for storing and resuming it (Python `to_dict`/`from_dict`, Node's
//! plain objects): the record's members as the gateway sent them, plus the SDK's own members
//! `idempotency_key`, `poll_interval_seconds` and `warnings` (each left out when empty). Reading it back puts
//! those three into the SDK's state and everything else into the record.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

/// A job: what the gateway last reported, and what the SDK keeps about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// The job as the gateway last reported it.
    #[serde(flatten)]
    pub record: JobRecord,
    /// The `Idempotency-Key` the job was created with: sending the same request with it again returns this
    /// job instead of a new one. Set by `create`, kept by `wait`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
    /// The poll interval the creating request asked for (its field with the catalog's poll-interval role),
    /// kept so `wait` can honour it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll_interval_seconds: Option<f64>,
    /// What lenient mode dropped from the request before it was sent, one `unknown_field` issue per key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::Issue>,
}

/// One job as the gateway reports it: the answer of a create or status call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobRecord {
    /// The provider that runs the job, e.g. `google`.
    #[serde(default)]
    pub provider: String,
    /// The model id.
    #[serde(default)]
    pub model: String,
    pub status: JobStatus,
    /// The job's id: pass it to `status`, store it to come back later.
    #[serde(default)]
    pub operation: String,
    /// How long the gateway suggests waiting before the next status call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll_after_seconds: Option<f64>,
    /// The result videos, once the job has succeeded.
    #[serde(default)]
    pub data: Vec<VideoOutput>,
    /// Why the job failed, when it did.
    #[serde(
        default,
        deserialize_with = "error_message",
        skip_serializing_if = "Option::is_none"
    )]
    pub error: Option<String>,
    /// Every other member of the response, as the gateway sent it (the emulator's `account`, for instance).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Job {
    /// A job known only by its `operation` (and `model`, empty when unknown), such as one created by an
    /// earlier process: status `running` and due for a poll at once, so [`wait`](super::Client::wait) on it
    /// starts by asking the gateway.
    pub fn pending(operation: impl Into<String>, model: impl Into<String>) -> Job {
        Job::from(JobRecord {
            provider: String::new(),
            model: model.into(),
            status: JobStatus::Running,
            operation: operation.into(),
            poll_after_seconds: Some(0.0),
            data: Vec::new(),
            error: None,
            extra: Map::new(),
        })
    }
}

/// A job the SDK knows nothing more about than what the gateway said.
impl From<JobRecord> for Job {
    fn from(record: JobRecord) -> Self {
        Job {
            record,
            idempotency_key: None,
            poll_interval_seconds: None,
            warnings: Vec::new(),
        }
    }
}

/// One result video.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoOutput {
    pub url: String,
    /// The media type, e.g. `video/mp4`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

/// Where a job is in its life. Statuses this SDK does not know are kept as sent and count as not final.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum JobStatus {
    Running,
    Succeeded,
    Failed,
    Other(String),
}

impl JobStatus {
    /// Whether the job will not change any more.
    pub fn is_final(&self) -> bool {
        matches!(self, JobStatus::Succeeded | JobStatus::Failed)
    }

    /// The wire string, e.g. `running`.
    pub fn as_str(&self) -> &str {
        match self {
            JobStatus::Running => "running",
            JobStatus::Succeeded => "succeeded",
            JobStatus::Failed => "failed",
            JobStatus::Other(status) => status,
        }
    }
}

impl From<&str> for JobStatus {
    fn from(status: &str) -> Self {
        match status {
            "running" => JobStatus::Running,
            "succeeded" => JobStatus::Succeeded,
            "failed" => JobStatus::Failed,
            other => JobStatus::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for JobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for JobStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for JobStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let status = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(JobStatus::from(status.as_ref()))
    }
}

/// The pages do not give a failed job's shape, so `error` is read from a string, an object with a
/// `message`, or anything else as its JSON text.
fn error_message<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => None,
        Some(Value::String(message)) => Some(message),
        Some(Value::Object(object)) if object.get("message").is_some_and(Value::is_string) => {
            object
                .get("message")
                .and_then(Value::as_str)
                .map(str::to_owned)
        }
        Some(other) => Some(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_seed_response_shape() {
        let job: Job = serde_json::from_value(json!({
            "provider": "google",
            "model": "veo-3.1-lite-generate-001",
            "status": "succeeded",
            "operation": "provider-operation-name",
            "poll_after_seconds": 5,
            "data": [{"url": "https://example.test/v.mp4", "content_type": "video/mp4"}],
            "account": "vertex-2",
        }))
        .expect("seed shape");
        let record = &job.record;
        assert_eq!(record.status, JobStatus::Succeeded);
        assert!(record.status.is_final());
        assert_eq!(record.poll_after_seconds, Some(5.0));
        assert_eq!(record.data[0].content_type.as_deref(), Some("video/mp4"));
        assert_eq!(record.extra.get("account"), Some(&json!("vertex-2")));
        assert_eq!(
            serde_json::to_value(&job).expect("serializes")["account"],
            json!("vertex-2")
        );
    }

    #[test]
    fn unknown_statuses_are_kept_and_not_final() {
        let status: JobStatus = serde_json::from_value(json!("queued")).expect("a string");
        assert_eq!(status, JobStatus::Other("queued".into()));
        assert!(!status.is_final());
        assert_eq!(
            serde_json::to_value(&status).expect("serializes"),
            json!("queued")
        );
    }

    #[test]
    fn error_is_read_from_a_string_or_an_object() {
        let from_object: Job = serde_json::from_value(json!({
            "status": "failed", "operation": "op", "error": {"code": "x", "message": "provider refused"}
        }))
        .expect("object error");
        assert_eq!(
            from_object.record.error.as_deref(),
            Some("provider refused")
        );
        let from_string: Job =
            serde_json::from_value(json!({"status": "failed", "operation": "op", "error": "boom"}))
                .expect("string");
        assert_eq!(from_string.record.error.as_deref(), Some("boom"));
    }

    #[test]
    fn the_sdk_state_is_kept_apart_from_the_record_and_round_trips() {
        let stored = json!({
            "model": "veo-3.1-lite-generate-001",
            "status": "running",
            "operation": "op_1",
            "account": "vertex-2",
            "idempotency_key": "key-1",
            "poll_interval_seconds": 5,
        });
        let job: Job = serde_json::from_value(stored.clone()).expect("a stored job");
        assert_eq!(job.idempotency_key.as_deref(), Some("key-1"));
        assert_eq!(job.poll_interval_seconds, Some(5.0));
        assert!(!job.record.extra.contains_key("idempotency_key"));
        assert_eq!(job.record.extra.get("account"), Some(&json!("vertex-2")));
        let again: Job =
            serde_json::from_value(serde_json::to_value(&job).expect("serializes")).expect("job");
        assert_eq!(again, job);
    }
}
