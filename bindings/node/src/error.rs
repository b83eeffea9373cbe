//! Failures on their way to JavaScript, as data: a thrown `Error` whose `message` is the message and whose
//! other properties are the shared [`ErrorPayload`]'s (`kind`, then `status`, `request_id`, `issues`, `job`...
//! in snake_case), marked with `code: 'OMIXA_NATIVE'`. `index.js` turns it into the class the generated
//! table (`tables.js`) names for its `kind`; that class is built there because only JavaScript can make real
//! `Error` subclasses. Which kind and which details each core error has is decided once, in
//! `omixa-bindings`, for both packages.

use crate::convert::{Js, Originals};
pub(crate) use crate::thrown::Thrown;
use napi::Env;
use napi::bindgen_prelude::{PromiseRaw, ToNapiValue};
use omixa_bindings::error::ErrorPayload;
use serde_json::Value;
use std::future::Future;

/// The `code` of every error this module throws as data, which `index.js` recognizes them by.
const CODE: &str = "OMIXA_NATIVE";

// Throwing needs the converter (the payload's details become the error's properties), which itself fails
// with `Thrown`: so `Thrown` is a leaf module's, and how it is thrown is said here.
impl Thrown {
    /// The error to throw in `env`.
    pub(crate) fn into_napi(self, env: &Env) -> napi::Error {
        match self {
            Thrown::Napi(error) => error,
            Thrown::Omixa(payload) => error_object(env, &payload).unwrap_or_else(|error| error),
        }
    }
}

/// An `Error` with the payload's properties.
fn error_object(env: &Env, payload: &ErrorPayload) -> napi::Result<napi::Error> {
    let js = Js::new(env);
    let none = Originals::default();
    let error = js.error_value(CODE, &payload.message)?;
    if let Value::Object(members) = payload.to_json() {
        for (name, value) in members.iter().filter(|(name, _)| *name != "message") {
            js.set(error, name, js.write(value, &none)?)?;
        }
    }
    Ok(napi::Error::from(crate::convert::handle(env, error)))
}

/// Runs the body of a synchronous export, throwing its failure in `env`.
pub(crate) fn native<T>(env: &Env, body: impl FnOnce() -> Result<T, Thrown>) -> napi::Result<T> {
    body().map_err(|thrown| thrown.into_napi(env))
}

/// A promise of `future`'s outcome: `convert`ed on the JS thread when it succeeds, rejected with the payload's
/// error when it fails.
pub(crate) fn settle<'env, T, V>(
    env: &'env Env,
    future: impl Future<Output = Result<T, Box<ErrorPayload>>> + Send + 'static,
    convert: impl FnOnce(&Env, T) -> Result<V, Thrown> + 'static,
) -> napi::Result<PromiseRaw<'env, V>>
where
    T: Send + 'static,
    V: ToNapiValue,
{
    env.spawn_future_with_callback(async move { Ok(future.await) }, move |env, outcome| {
        outcome
            .map_err(Thrown::from)
            .and_then(|value| convert(env, value))
            .map_err(|thrown| thrown.into_napi(env))
    })
}
