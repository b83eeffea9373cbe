//! `Thrown`: a failure inside a native call, before it is thrown in JavaScript (`error.rs` throws it). A leaf
//! module, so the converter can fail with it without importing the module that throws.

use omixa::ValidationError;
use omixa::batch::BatchError;
use omixa::client::Error as ClientError;
use omixa::media::MediaError;
use omixa_bindings::error::ErrorPayload;
use omixa_bindings::options::InvalidOption;

/// A failure inside a native call: one of omixa's, or N-API's own (a getter that threw, a failed call).
#[derive(Debug)]
pub(crate) enum Thrown {
    Omixa(Box<ErrorPayload>),
    Napi(napi::Error),
}

impl Thrown {
    /// A value that cannot be sent (thrown as a `TypeError`).
    pub(crate) fn type_error(message: impl Into<String>) -> Self {
        Thrown::Omixa(Box::new(ErrorPayload::type_error(message)))
    }

    /// The same failure, its message prefixed with where it happened (`requests[3]: ...`).
    pub(crate) fn within(self, place: &str) -> Self {
        match self {
            Thrown::Omixa(mut payload) => {
                payload.message = format!("{place}: {}", payload.message);
                Thrown::Omixa(payload)
            }
            Thrown::Napi(error) => Thrown::Napi(napi::Error::new(
                error.status,
                format!("{place}: {}", error.reason),
            )),
        }
    }
}

impl From<napi::Error> for Thrown {
    fn from(error: napi::Error) -> Self {
        Thrown::Napi(error)
    }
}

impl From<Box<ErrorPayload>> for Thrown {
    fn from(payload: Box<ErrorPayload>) -> Self {
        Thrown::Omixa(payload)
    }
}

impl From<ValidationError> for Thrown {
    fn from(error: ValidationError) -> Self {
        Thrown::Omixa(Box::new(ErrorPayload::validation(error)))
    }
}

impl From<ClientError> for Thrown {
    fn from(error: ClientError) -> Self {
        Thrown::Omixa(Box::new(ErrorPayload::client(&error)))
    }
}

impl From<BatchError> for Thrown {
    fn from(error: BatchError) -> Self {
        Thrown::Omixa(Box::new(ErrorPayload::batch(&error)))
    }
}

impl From<MediaError> for Thrown {
    fn from(error: MediaError) -> Self {
        Thrown::Omixa(Box::new(ErrorPayload::media(&error)))
    }
}

impl From<InvalidOption> for Thrown {
    fn from(error: InvalidOption) -> Self {
        Thrown::type_error(error.0)
    }
}
