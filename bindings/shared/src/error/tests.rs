use super::*;
use omixa::client::{DownloadLimit, JobHandle};

fn job() -> Box<Job> {
    let job =
        json!({"model": "veo-3.1-lite-generate-001", "status": "running", "operation": "op_1"});
    Box::new(serde_json::from_value(job).expect("a job"))
}

/// One error of each client variant: the payload's kind is the core's `kind()` for every one.
fn every_client_error() -> Vec<ClientError> {
    let io = || std::io::Error::from_raw_os_error(2);
    vec![
        ClientError::Validation(ValidationError { issues: Vec::new() }),
        ClientError::Config("no key".into()),
        ClientError::Connection {
            message: "refused".into(),
            sent: false,
            source: None,
        },
        ClientError::InvalidResponse {
            status: 200,
            message: "not JSON".into(),
        },
        ClientError::Authentication {
            status: 401,
            message: "no".into(),
            request_id: Some("req-1".into()),
        },
        ClientError::RateLimit {
            retry_after: Some(Duration::from_millis(1500)),
            message: "slow down".into(),
            request_id: None,
        },
        ClientError::Api {
            status: 503,
            message: "busy".into(),
            body: "{}".into(),
            request_id: None,
            retry_after: Some(Duration::from_secs(4)),
        },
        ClientError::JobFailed {
            message: "boom".into(),
            job: job(),
        },
        ClientError::Timeout {
            after: Duration::from_millis(200),
            job: job(),
        },
        ClientError::NotReady { job: job() },
        ClientError::Cancelled,
        ClientError::Download {
            limit: DownloadLimit::Stalled,
            message: "no data".into(),
        },
        ClientError::Io {
            path: "/nowhere/x.mp4".into(),
            source: io(),
        },
    ]
}

#[test]
fn every_client_error_is_keyed_by_the_cores_kind_and_has_a_class() {
    for error in every_client_error() {
        let payload = ErrorPayload::client(&error);
        assert_eq!(payload.kind.as_str(), error.kind(), "{error:?}");
        assert!(ErrorKind::ALL.contains(&payload.kind));
        assert!(payload.kind.class_name().ends_with("Error"));
    }
}

#[test]
fn every_kind_is_listed_once_with_a_distinct_name() {
    let mut names: Vec<_> = ErrorKind::ALL.iter().map(|kind| kind.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), ErrorKind::ALL.len());
}

#[test]
fn a_wrapped_error_has_the_inner_kind_and_the_handle() {
    let wrapped = ClientError::WithJob {
        job: Box::new(JobHandle {
            model: "veo-3.1-lite-generate-001".into(),
            operation: Some("op_1".into()),
            idempotency_key: Some("key-1".into()),
        }),
        error: Box::new(ClientError::Cancelled),
    };
    let payload = ErrorPayload::client(&wrapped);
    assert_eq!(payload.kind, ErrorKind::Cancelled);
    assert_eq!(payload.operation.as_deref(), Some("op_1"));
    assert_eq!(payload.idempotency_key.as_deref(), Some("key-1"));
    let plain = ErrorPayload::client(&ClientError::Config("x".into())).to_json();
    assert_eq!(plain["operation"], Value::Null);
}

#[test]
fn the_json_form_names_each_detail() {
    let limited = ErrorPayload::client(&ClientError::RateLimit {
        retry_after: Some(Duration::from_millis(1500)),
        message: String::new(),
        request_id: Some("req-1".into()),
    })
    .to_json();
    assert_eq!(limited["kind"], "rate_limit");
    assert_eq!(limited["status"], 429);
    assert_eq!(limited["retry_after"], 1.5);
    assert_eq!(limited["request_id"], "req-1");
    let timeout = ErrorPayload::client(&ClientError::Timeout {
        after: Duration::from_millis(200),
        job: job(),
    })
    .to_json();
    assert_eq!(timeout["timeout_ms"], 200.0);
    assert_eq!(timeout["job"]["operation"], "op_1");
}

#[test]
fn a_file_error_keeps_the_errno_and_the_os_text() {
    let payload = ErrorPayload::client(&ClientError::Io {
        path: "/nowhere/x.mp4".into(),
        source: std::io::Error::from_raw_os_error(2),
    });
    let Details::File {
        path,
        errno,
        strerror,
    } = payload.details
    else {
        panic!("a file error has file details");
    };
    assert_eq!(path.as_deref(), Some(Path::new("/nowhere/x.mp4")));
    assert_eq!(errno, Some(2));
    assert!(!strerror.contains("os error"), "{strerror}");
}

#[test]
fn batch_errors_are_keyed_by_the_cores_kind() {
    let errors = [
        BatchError::Invalid {
            problems: Vec::new(),
        },
        BatchError::BudgetRefused {
            reason: "mixed currencies".into(),
        },
        BatchError::InputMismatch {
            directory: "out".into(),
        },
        BatchError::Options("concurrency 0".into()),
        BatchError::Internal("bug".into()),
    ];
    for error in errors {
        let payload = ErrorPayload::batch(&error);
        assert_eq!(payload.kind.as_str(), error.kind());
        assert!(payload.kind.is_batch() || payload.kind == ErrorKind::Internal);
    }
    let unreadable = ErrorPayload::batch(&BatchError::Input(std::io::Error::from_raw_os_error(2)));
    assert_eq!(unreadable.kind, ErrorKind::Io);
}

#[test]
fn media_errors_are_type_or_file_errors() {
    assert_eq!(
        ErrorPayload::media(&MediaError::UnknownMediaType).kind,
        ErrorKind::Type
    );
    let unreadable = MediaError::Read {
        path: "missing.png".into(),
        source: std::io::Error::from_raw_os_error(2),
    };
    assert_eq!(ErrorPayload::media(&unreadable).kind, ErrorKind::Io);
}
