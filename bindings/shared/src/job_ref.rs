//! "A job or its operation id": how both packages name the job a status call is about, and how a job comes
//! back from the plain data a caller stored (`Job.to_dict()` in Python, `JSON.stringify(job)` in Node).

use omixa::client::Job;
use serde_json::Value;

/// The job a call is about: a job the SDK returned, or an operation id (a job created earlier, perhaps by
/// another process).
#[derive(Debug, Clone)]
pub enum JobRef {
    Job(Box<Job>),
    Operation(String),
}

/// What a status call sends: the operation, and the model that says how the gateway is asked (empty when
/// unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusTarget {
    pub operation: String,
    pub model: String,
}

impl JobRef {
    /// The operation and model to ask about; `model`, when given, wins over the job's own.
    pub fn target(self, model: Option<String>) -> StatusTarget {
        match self {
            JobRef::Job(job) => StatusTarget {
                model: model.unwrap_or(job.record.model),
                operation: job.record.operation,
            },
            JobRef::Operation(operation) => StatusTarget {
                operation,
                model: model.unwrap_or_default(),
            },
        }
    }
}

/// The message for a value that is neither a job nor an operation id (`got` names what it was).
pub fn not_a_job_reference(got: &str) -> String {
    format!("expected a job or an operation id (a string), got {got}")
}

/// A job from its plain JSON shape, e.g. one stored earlier; the message says what is wrong.
pub fn job_from_value(value: Value) -> Result<Job, String> {
    serde_json::from_value(value).map_err(|error| {
        format!("not a job (an object with at least `operation` and `status`): {error}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_explicit_model_wins_over_the_jobs() {
        let job = job_from_value(json!({"model": "m1", "status": "running", "operation": "op_1"}))
            .expect("a job");
        let target = JobRef::Job(Box::new(job.clone())).target(None);
        assert_eq!(
            (target.operation.as_str(), target.model.as_str()),
            ("op_1", "m1")
        );
        let target = JobRef::Job(Box::new(job)).target(Some("m2".into()));
        assert_eq!(target.model, "m2");
        let target = JobRef::Operation("op_2".into()).target(None);
        assert_eq!(
            (target.operation.as_str(), target.model.as_str()),
            ("op_2", "")
        );
    }

    #[test]
    fn a_value_without_a_status_is_not_a_job() {
        let error = job_from_value(json!({"operation": "op_1"})).expect_err("no status");
        assert!(error.starts_with("not a job"), "{error}");
    }
}
