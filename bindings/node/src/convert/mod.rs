//! JavaScript values to and from JSON values, read and written directly through N-API.
//!
//! Crossing into Rust costs one N-API call per property read, so the walk is built around the calls it makes
//! (measured in `bench/`, the decision is in `README.md` § Performance):
//!
//! - a short string (every key, nearly every value) is read with one call into a stack buffer;
//! - a long one (an inline image) is copied out as UTF-16, which V8 does without per-character work (its
//!   UTF-8 writer goes character by character), and narrowed to bytes in Rust when it is ASCII;
//! - a large string the core hands back unchanged is not written back: the output reuses the caller's JS
//!   string, by the policy both packages share (`omixa_bindings::originals`), so a 1 MiB data URL crosses
//!   the boundary once, one way.
//!
//! Going in ([`read`]), values become the core's [`HostValue`], which also holds NaN and infinities, so they
//! reach validation (which reports them as `out_of_range`) instead of failing here; a whole number is sent as
//! an integer (`8`, not `8.0`), which is what a JavaScript caller means. A property whose value is
//! `undefined` is absent, as in `JSON.stringify`. Anything JSON cannot carry (a function, a symbol, binary
//! data, a cycle) is a `TypeError` naming where it was (`omixa_bindings::path`). Coming out ([`write`]),
//! JSON values become JS values.

#![allow(
    unsafe_code,
    reason = "raw N-API calls, each on handles that are valid for the current native call"
)]

mod read;
mod write;

use crate::thrown::Thrown;
use napi::bindgen_prelude::{ToNapiValue, TypeName, Unknown};
use napi::{JsValue, sys};
use omixa::validate::HostValue;
use omixa_bindings::originals::{Fingerprint, HostString};
use serde_json::Value;

/// An N-API environment, for the duration of one native call. `Copy`: it is a pointer.
#[derive(Clone, Copy)]
pub(crate) struct Js {
    env: sys::napi_env,
}

impl Js {
    pub(crate) fn new(env: &napi::Env) -> Self {
        Js { env: env.raw() }
    }
}

/// One of the caller's large JS strings: its handle, valid for the current call, and the fingerprint of its
/// content (reading a JS string's content again would cost the copy that handing it back saves).
#[derive(Clone, Copy)]
pub(crate) struct JsString {
    handle: sys::napi_value,
    fingerprint: Fingerprint,
}

impl HostString for JsString {
    fn holds(&self, text: &str) -> bool {
        Fingerprint::of(text) == self.fingerprint
    }
}

/// The caller's large strings of one converted value.
pub(crate) type Originals = omixa_bindings::originals::Originals<JsString>;

pub(crate) fn check(status: sys::napi_status) -> napi::Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::new(
            napi::Status::from(status),
            "an N-API call failed".to_owned(),
        ))
    }
}

/// A handle made by [`Js`] in `env` during the current call, as napi-rs's type for a returned value.
pub(crate) fn handle(env: &napi::Env, raw: sys::napi_value) -> Unknown<'_> {
    // SAFETY: every `napi_value` `Js` hands out was created in this `env` during the current native call.
    unsafe { Unknown::from_raw_unchecked(env.raw(), raw) }
}

/// The JSON value of a napi-rs handle that is not a request (such as a job): NaN and infinities are a
/// `TypeError` here, as JSON cannot carry them and no validation will report them.
pub(crate) fn input(env: &napi::Env, value: &Unknown<'_>) -> Result<Value, Thrown> {
    request(env, value)?.into_json().ok_or_else(|| {
        Thrown::type_error("cannot send NaN or an infinity: JSON has no such number")
    })
}

/// The value of a request (a napi-rs handle) as the core validates it (for requests without large inline
/// media to hand back, such as an estimate's).
pub(crate) fn request(env: &napi::Env, value: &Unknown<'_>) -> Result<HostValue, Thrown> {
    Js::new(env).read(value.raw(), &mut Originals::default())
}

/// A JSON value returned to JavaScript, e.g. as what a promise resolves to.
#[derive(Debug)]
pub struct JsonValue(pub(crate) Value);

impl TypeName for JsonValue {
    fn type_name() -> &'static str {
        "unknown"
    }

    fn value_type() -> napi::ValueType {
        napi::ValueType::Unknown
    }
}

impl ToNapiValue for JsonValue {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> napi::Result<sys::napi_value> {
        Js { env }.write(&value.0, &Originals::default())
    }
}

/// A JS value [`Js`] made during the current call, as a field of a returned `#[napi(object)]` (whose
/// conversion runs before the call returns, while the handle is valid).
#[derive(Debug, Clone, Copy)]
pub struct Made(sys::napi_value);

impl Made {
    pub(crate) fn new(raw: sys::napi_value) -> Self {
        Made(raw)
    }
}

impl TypeName for Made {
    fn type_name() -> &'static str {
        "unknown"
    }

    fn value_type() -> napi::ValueType {
        napi::ValueType::Unknown
    }
}

impl ToNapiValue for Made {
    unsafe fn to_napi_value(_env: sys::napi_env, value: Self) -> napi::Result<sys::napi_value> {
        Ok(value.0)
    }
}
