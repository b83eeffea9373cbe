//! JavaScript values to and from JSON values, read and written directly through N-API.
//!
//! Crossing into Rust costs one N-API call per property read, so the walk is built around the calls it makes
//! (measured in `bench/`, the decision is in `README.md` § Performance):
//!
//! - a short string (every key, nearly every value) is read with one call into a stack buffer;
//! - a long one (an inline image) is copied out as UTF-16, which V8 does without per-character work (its
//!   UTF-8 writer goes character by character), and narrowed to bytes in Rust when it is ASCII;
//! - a long string the core hands back unchanged (it moves strings, never copies them) is not written back:
//!   [`Originals`] remembers the JS string each one came from, and the output reuses that handle, so a
//!   1 MiB data URL crosses the boundary once, one way.
//!
//! Going in, values become the core's [`HostValue`], which also holds NaN and infinities, so they reach
//! validation (which reports them as `out_of_range`) instead of failing here; a whole number is sent as an
//! integer (`8`, not `8.0`), which is what a JavaScript caller means. A property whose value is `undefined`
//! is absent, as in `JSON.stringify`. Anything JSON cannot carry (a function, a symbol, binary data, a
//! cycle) is a `TypeError` naming where it was.

#![allow(
    unsafe_code,
    reason = "raw N-API calls, each on handles that are valid for the current native call"
)]

use crate::error::NativeError;
use napi::bindgen_prelude::{ToNapiValue, TypeName, Unknown};
use napi::{JsValue, sys};
use omixa::issue::push_pointer;
use omixa::validate::HostValue;
use serde_json::{Number, Value};
use std::cell::RefCell;
use std::ptr;

/// Deeper nesting than any request has; also stops an object that contains itself.
const MAX_DEPTH: usize = 64;

/// Strings whose UTF-8 fits this buffer (with the NUL V8 writes) are read in one call.
const SHORT_STRING: usize = 256;

/// Strings at least this long are remembered in [`Originals`].
const LONG_STRING: usize = 4096;

/// The scratch buffer of long strings is kept between calls up to this many UTF-16 units (32 MiB).
const MAX_SCRATCH_UNITS: usize = 16 << 20;

thread_local! {
    /// Where long strings are copied out of V8; reused so each read does not fault in fresh pages.
    static UTF16_SCRATCH: RefCell<Vec<u16>> = const { RefCell::new(Vec::new()) };
}

/// The largest integer a JS number holds exactly (2^53).
const MAX_SAFE: f64 = 9_007_199_254_740_992.0;

/// An N-API environment, for the duration of one native call. `Copy`: it is a pointer.
#[derive(Clone, Copy)]
pub(crate) struct Js {
    env: sys::napi_env,
}

/// The JS strings that long strings were read from, so that writing the same `String` back (the core moves
/// strings, it never copies them) returns the original JS string instead of building a new one. Keyed by the
/// address and length of the Rust buffer: the input and the output are alive at the same time while a call
/// runs, so an equal key is the same allocation.
#[derive(Default)]
pub(crate) struct Originals {
    strings: Vec<(usize, usize, sys::napi_value)>,
}

impl Originals {
    fn remember(&mut self, text: &str, handle: sys::napi_value) {
        self.strings
            .push((text.as_ptr() as usize, text.len(), handle));
    }

    fn find(&self, text: &str) -> Option<sys::napi_value> {
        let key = (text.as_ptr() as usize, text.len());
        self.strings
            .iter()
            .find(|(address, len, _)| (*address, *len) == key)
            .map(|(_, _, handle)| *handle)
    }
}

/// Why a value could not be converted, and the JSON pointer of where it was (built on the way out).
struct Unconvertible {
    tokens: Vec<String>,
    problem: Problem,
}

enum Problem {
    /// Not something JSON can carry; names what it was.
    Type(&'static str),
    TooDeep,
    /// A BigInt outside the 64-bit range.
    BigInt,
    /// An N-API call failed (e.g. a getter threw).
    Napi(napi::Error),
}

impl Unconvertible {
    fn new(problem: Problem) -> Self {
        Unconvertible {
            tokens: Vec::new(),
            problem,
        }
    }

    fn at(mut self, token: impl Into<String>) -> Self {
        self.tokens.push(token.into());
        self
    }

    fn into_error(self) -> napi::Error {
        let mut pointer = String::new();
        for token in self.tokens.iter().rev() {
            push_pointer(&mut pointer, token);
        }
        let at = if pointer.is_empty() {
            String::new()
        } else {
            format!(" at {pointer}")
        };
        let message = match self.problem {
            Problem::Type(what) => format!(
                "cannot send {what}{at}: use objects, arrays, strings, numbers, booleans, null or omixa.Image"
            ),
            Problem::TooDeep => format!("nested more than {MAX_DEPTH} levels deep{at}"),
            Problem::BigInt => format!("cannot send a BigInt outside the 64-bit range{at}"),
            Problem::Napi(error) => return error,
        };
        NativeError::TypeError(message).into()
    }
}

impl From<napi::Error> for Unconvertible {
    fn from(error: napi::Error) -> Self {
        Unconvertible::new(Problem::Napi(error))
    }
}

fn check(status: sys::napi_status) -> napi::Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::new(
            napi::Status::from(status),
            "an N-API call failed".to_owned(),
        ))
    }
}

impl Js {
    pub(crate) fn new(env: &napi::Env) -> Self {
        Js { env: env.raw() }
    }

    // ---- JS -> JSON ------------------------------------------------------------------------------------------

    /// The value of a JS value as the core validates it, remembering long strings in `originals`.
    pub(crate) fn read(
        self,
        value: sys::napi_value,
        originals: &mut Originals,
    ) -> napi::Result<HostValue> {
        match self.value(value, 0, originals) {
            Ok(Some(value)) => Ok(value),
            Ok(None) => Err(Unconvertible::new(Problem::Type("undefined")).into_error()),
            Err(error) => Err(error.into_error()),
        }
    }

    /// `None` for `undefined` (an absent property).
    fn value(
        self,
        value: sys::napi_value,
        depth: usize,
        originals: &mut Originals,
    ) -> Result<Option<HostValue>, Unconvertible> {
        let mut kind = 0;
        check(unsafe { sys::napi_typeof(self.env, value, &mut kind) })?;
        let value = match kind {
            sys::ValueType::napi_string => HostValue::String(self.string(value, originals)?),
            sys::ValueType::napi_number => {
                let mut number = 0.0;
                check(unsafe { sys::napi_get_value_double(self.env, value, &mut number) })?;
                number_to_host(number)
            }
            sys::ValueType::napi_object => self.object(value, depth, originals)?,
            sys::ValueType::napi_boolean => {
                let mut flag = false;
                check(unsafe { sys::napi_get_value_bool(self.env, value, &mut flag) })?;
                HostValue::Bool(flag)
            }
            sys::ValueType::napi_null => HostValue::Null,
            sys::ValueType::napi_undefined => return Ok(None),
            sys::ValueType::napi_bigint => self.bigint(value)?,
            sys::ValueType::napi_function => {
                return Err(Unconvertible::new(Problem::Type("a function")));
            }
            sys::ValueType::napi_symbol => {
                return Err(Unconvertible::new(Problem::Type("a symbol")));
            }
            _ => return Err(Unconvertible::new(Problem::Type("an external value"))),
        };
        Ok(Some(value))
    }

    fn object(
        self,
        value: sys::napi_value,
        depth: usize,
        originals: &mut Originals,
    ) -> Result<HostValue, Unconvertible> {
        if depth == MAX_DEPTH {
            return Err(Unconvertible::new(Problem::TooDeep));
        }
        let mut is_array = false;
        check(unsafe { sys::napi_is_array(self.env, value, &mut is_array) })?;
        if is_array {
            let mut len = 0;
            check(unsafe { sys::napi_get_array_length(self.env, value, &mut len) })?;
            let mut items = Vec::with_capacity(len as usize);
            for index in 0..len {
                let mut item = ptr::null_mut();
                check(unsafe { sys::napi_get_element(self.env, value, index, &mut item) })?;
                match self.value(item, depth + 1, originals) {
                    Ok(Some(item)) => items.push(item),
                    Ok(None) => {
                        return Err(
                            Unconvertible::new(Problem::Type("undefined")).at(index.to_string())
                        );
                    }
                    Err(error) => return Err(error.at(index.to_string())),
                }
            }
            return Ok(HostValue::Array(items));
        }
        let mut binary = false;
        check(unsafe { sys::napi_is_typedarray(self.env, value, &mut binary) })?;
        if !binary {
            check(unsafe { sys::napi_is_arraybuffer(self.env, value, &mut binary) })?;
        }
        if binary {
            return Err(Unconvertible::new(Problem::Type(
                "binary data (wrap image bytes with Image.fromBuffer)",
            )));
        }
        // Own enumerable string keys, in insertion order: what `Object.keys` and `JSON.stringify` see.
        let mut keys = ptr::null_mut();
        check(unsafe {
            sys::napi_get_all_property_names(
                self.env,
                value,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                &mut keys,
            )
        })?;
        let mut len = 0;
        check(unsafe { sys::napi_get_array_length(self.env, keys, &mut len) })?;
        let mut entries = Vec::with_capacity(len as usize);
        for index in 0..len {
            let mut key = ptr::null_mut();
            check(unsafe { sys::napi_get_element(self.env, keys, index, &mut key) })?;
            let mut item = ptr::null_mut();
            check(unsafe { sys::napi_get_property(self.env, value, key, &mut item) })?;
            let key = self.string(key, originals)?;
            match self.value(item, depth + 1, originals) {
                // Own property names are unique: no key comes twice.
                Ok(Some(item)) => entries.push((key, item)),
                Ok(None) => {}
                Err(error) => return Err(error.at(key)),
            }
        }
        Ok(HostValue::Object(entries))
    }

    fn string(self, value: sys::napi_value, originals: &mut Originals) -> napi::Result<String> {
        let mut buffer = [0u8; SHORT_STRING];
        let mut written = 0;
        check(unsafe {
            sys::napi_get_value_string_utf8(
                self.env,
                value,
                buffer.as_mut_ptr().cast(),
                SHORT_STRING,
                &mut written,
            )
        })?;
        // A UTF-8 character is at most 4 bytes, so a cut-off string fills the buffer to within 4 bytes.
        if written < SHORT_STRING - 4 {
            // V8 writes well-formed UTF-8 (a lone surrogate becomes U+FFFD).
            return Ok(String::from_utf8_lossy(&buffer[..written]).into_owned());
        }
        let text = self.long_string(value)?;
        if text.len() >= LONG_STRING {
            originals.remember(&text, value);
        }
        Ok(text)
    }

    /// A string too long for the stack buffer, read as UTF-16 (for V8's one-byte strings a widening copy, with
    /// no per-character work) into a per-thread scratch buffer that stays mapped between calls, then narrowed
    /// to the `String`: byte by byte when every unit is ASCII (an inline image always is), else decoded.
    fn long_string(self, value: sys::napi_value) -> napi::Result<String> {
        let mut units = 0;
        check(unsafe {
            sys::napi_get_value_string_utf16(self.env, value, ptr::null_mut(), 0, &mut units)
        })?;
        UTF16_SCRATCH.with_borrow_mut(|scratch| {
            scratch.clear();
            scratch.reserve(units + 1);
            let mut written = 0;
            check(unsafe {
                sys::napi_get_value_string_utf16(
                    self.env,
                    value,
                    scratch.as_mut_ptr(),
                    scratch.capacity(),
                    &mut written,
                )
            })?;
            // SAFETY: N-API wrote `written` code units, fewer than the capacity it was given.
            unsafe { scratch.set_len(written) };
            let text = if scratch.iter().fold(0, |all, unit| all | unit) < 0x80 {
                let ascii: Vec<u8> = scratch.iter().map(|&unit| unit as u8).collect();
                // SAFETY: every byte is below 0x80, so the bytes are ASCII, which is UTF-8.
                unsafe { String::from_utf8_unchecked(ascii) }
            } else {
                String::from_utf16_lossy(scratch)
            };
            if scratch.capacity() > MAX_SCRATCH_UNITS {
                *scratch = Vec::new();
            }
            Ok(text)
        })
    }

    fn bigint(self, value: sys::napi_value) -> Result<HostValue, Unconvertible> {
        let (mut signed, mut lossless) = (0i64, false);
        check(unsafe {
            sys::napi_get_value_bigint_int64(self.env, value, &mut signed, &mut lossless)
        })?;
        if lossless {
            return Ok(HostValue::Number(signed.into()));
        }
        let mut unsigned = 0u64;
        check(unsafe {
            sys::napi_get_value_bigint_uint64(self.env, value, &mut unsigned, &mut lossless)
        })?;
        if lossless {
            Ok(HostValue::Number(unsigned.into()))
        } else {
            Err(Unconvertible::new(Problem::BigInt))
        }
    }

    // ---- JSON -> JS ------------------------------------------------------------------------------------------

    /// The JS value of a JSON value; a long string remembered in `originals` is returned as the JS string it
    /// was read from.
    pub(crate) fn write(
        self,
        value: &Value,
        originals: &Originals,
    ) -> napi::Result<sys::napi_value> {
        let mut out = ptr::null_mut();
        match value {
            Value::Null => check(unsafe { sys::napi_get_null(self.env, &mut out) })?,
            Value::Bool(flag) => {
                check(unsafe { sys::napi_get_boolean(self.env, *flag, &mut out) })?
            }
            Value::Number(number) => out = self.number(number)?,
            Value::String(text) => out = self.string_value(text, originals)?,
            Value::Array(items) => {
                check(unsafe {
                    sys::napi_create_array_with_length(self.env, items.len(), &mut out)
                })?;
                for (index, item) in items.iter().enumerate() {
                    let item = self.write(item, originals)?;
                    let index = u32::try_from(index)
                        .map_err(|_| napi::Error::from_reason("array too long"))?;
                    check(unsafe { sys::napi_set_element(self.env, out, index, item) })?;
                }
            }
            Value::Object(map) => {
                out = self.object_value()?;
                for (key, item) in map {
                    let item = self.write(item, originals)?;
                    self.set(out, key, item)?;
                }
            }
        }
        Ok(out)
    }

    /// A new, empty JS object.
    pub(crate) fn object_value(self) -> napi::Result<sys::napi_value> {
        let mut out = ptr::null_mut();
        check(unsafe { sys::napi_create_object(self.env, &mut out) })?;
        Ok(out)
    }

    /// `object[key] = value`.
    pub(crate) fn set(
        self,
        object: sys::napi_value,
        key: &str,
        value: sys::napi_value,
    ) -> napi::Result<()> {
        let key = self.string_value(key, &Originals::default())?;
        check(unsafe { sys::napi_set_property(self.env, object, key, value) })
    }

    fn string_value(self, text: &str, originals: &Originals) -> napi::Result<sys::napi_value> {
        let mut out = ptr::null_mut();
        let len = text.len() as isize;
        if text.len() < LONG_STRING {
            check(unsafe {
                sys::napi_create_string_utf8(self.env, text.as_ptr().cast(), len, &mut out)
            })?;
        } else if let Some(original) = originals.find(text) {
            out = original;
        } else if text.is_ascii() {
            // ASCII is Latin-1, which V8 copies with `memcpy` (its UTF-8 reader decodes each byte).
            check(unsafe {
                sys::napi_create_string_latin1(self.env, text.as_ptr().cast(), len, &mut out)
            })?;
        } else {
            check(unsafe {
                sys::napi_create_string_utf8(self.env, text.as_ptr().cast(), len, &mut out)
            })?;
        }
        Ok(out)
    }

    fn number(self, number: &Number) -> napi::Result<sys::napi_value> {
        let mut out = ptr::null_mut();
        if let Some(small) = number
            .as_i64()
            .and_then(|integer| i32::try_from(integer).ok())
        {
            check(unsafe { sys::napi_create_int32(self.env, small, &mut out) })?;
        } else if let Some(integer) = number
            .as_i64()
            .filter(|integer| integer.unsigned_abs() > MAX_SAFE as u64)
        {
            // Only a BigInt holds it exactly (it came in as one).
            check(unsafe { sys::napi_create_bigint_int64(self.env, integer, &mut out) })?;
        } else if let Some(integer) = number.as_u64().filter(|integer| *integer > MAX_SAFE as u64) {
            check(unsafe { sys::napi_create_bigint_uint64(self.env, integer, &mut out) })?;
        } else {
            check(unsafe {
                sys::napi_create_double(self.env, number.as_f64().unwrap_or(f64::NAN), &mut out)
            })?;
        }
        Ok(out)
    }
}

/// A handle made by [`Js`] in `env` during the current call, as napi-rs's type for a returned value.
pub(crate) fn handle(env: &napi::Env, raw: sys::napi_value) -> Unknown<'_> {
    // SAFETY: every `napi_value` `Js` hands out was created in this `env` during the current native call.
    unsafe { Unknown::from_raw_unchecked(env.raw(), raw) }
}

/// The JSON value of a napi-rs handle that is not a request (such as a job): NaN and infinities are a
/// `TypeError` here, as JSON cannot carry them and no validation will report them.
pub(crate) fn input(env: &napi::Env, value: &Unknown<'_>) -> napi::Result<Value> {
    request(env, value)?.into_json().ok_or_else(|| {
        NativeError::TypeError("cannot send NaN or an infinity: JSON has no such number".into())
            .into()
    })
}

/// The value of a request (a napi-rs handle) as the core validates it (for requests without large inline
/// media to hand back, such as an estimate's).
pub(crate) fn request(env: &napi::Env, value: &Unknown<'_>) -> napi::Result<HostValue> {
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

/// A JS number: whole numbers as integers, others as floats (NaN and infinities included).
fn number_to_host(number: f64) -> HostValue {
    if number.fract() == 0.0 && number.abs() < MAX_SAFE {
        // In range and whole, so the cast is exact.
        HostValue::Number((number as i64).into())
    } else {
        HostValue::float(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_integers_and_non_finite_ones_reach_validation() {
        let json = |number: f64| number_to_host(number).into_json();
        assert_eq!(json(8.0), Some(Value::from(8)));
        assert_eq!(json(-0.0), Some(Value::from(0)));
        assert_eq!(json(8.5), Some(serde_json::json!(8.5)));
        assert_eq!(json(1e300), Some(serde_json::json!(1e300)));
        assert!(matches!(number_to_host(f64::NAN), HostValue::NonFinite(nan) if nan.is_nan()));
        assert_eq!(
            number_to_host(f64::INFINITY),
            HostValue::NonFinite(f64::INFINITY)
        );
    }
}
