//! JS values to the core's [`HostValue`].

use super::{Js, JsString, Originals, check};
use crate::thrown::Thrown;
use napi::sys;
use omixa::validate::HostValue;
use omixa_bindings::originals::Fingerprint;
use omixa_bindings::path::{MAX_DEPTH, Problem, Unconvertible};
use std::cell::RefCell;
use std::mem::MaybeUninit;
use std::ptr;

/// What the walk accepts, for the message of a value it cannot send.
const ACCEPTED: &str = "objects, arrays, strings, numbers, booleans, null or omixa.Image";

/// Strings whose UTF-8 fits this buffer (with the NUL V8 writes) are read in one call.
const SHORT_STRING: usize = 256;

/// The scratch buffer of long strings is kept between calls up to this many UTF-16 units (32 MiB).
const MAX_SCRATCH_UNITS: usize = 16 << 20;

/// The largest integer a JS number holds exactly (2^53).
pub(super) const MAX_SAFE: f64 = 9_007_199_254_740_992.0;

thread_local! {
    /// Where long strings are copied out of V8; reused so each read does not fault in fresh pages.
    static UTF16_SCRATCH: RefCell<Vec<u16>> = const { RefCell::new(Vec::new()) };
}

type Failure = Unconvertible<napi::Error>;

fn thrown(failure: Failure) -> Thrown {
    match failure.into_message(ACCEPTED) {
        Ok(message) => Thrown::type_error(message),
        Err(error) => Thrown::Napi(error),
    }
}

fn not_json(what: &str) -> Failure {
    Unconvertible::new(Problem::Type(what.to_owned()))
}

impl Js {
    /// The value of a JS value as the core validates it, remembering large strings in `originals`.
    pub(crate) fn read(
        self,
        value: sys::napi_value,
        originals: &mut Originals,
    ) -> Result<HostValue, Thrown> {
        match self.value(value, 0, originals) {
            Ok(Some(value)) => Ok(value),
            Ok(None) => Err(thrown(not_json("undefined"))),
            Err(error) => Err(thrown(error)),
        }
    }

    /// `None` for `undefined` (an absent property).
    fn value(
        self,
        value: sys::napi_value,
        depth: usize,
        originals: &mut Originals,
    ) -> Result<Option<HostValue>, Failure> {
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
            sys::ValueType::napi_function => return Err(not_json("a function")),
            sys::ValueType::napi_symbol => return Err(not_json("a symbol")),
            _ => return Err(not_json("an external value")),
        };
        Ok(Some(value))
    }

    fn object(
        self,
        value: sys::napi_value,
        depth: usize,
        originals: &mut Originals,
    ) -> Result<HostValue, Failure> {
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
                    Ok(None) => return Err(not_json("undefined").at(index.to_string())),
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
            return Err(not_json(
                "binary data (wrap image bytes with Image.fromBuffer)",
            ));
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
        let mut buffer = [MaybeUninit::<u8>::uninit(); SHORT_STRING];
        let written = self.write_utf8(value, &mut buffer)?;
        // A UTF-8 character is at most 4 bytes, so a cut-off string fills the buffer to within 4 bytes.
        if written < SHORT_STRING - 4 {
            // SAFETY: N-API wrote the first `written` bytes.
            let bytes =
                unsafe { std::slice::from_raw_parts(buffer.as_ptr().cast::<u8>(), written) };
            // V8 writes well-formed UTF-8 (a lone surrogate becomes U+FFFD).
            return Ok(String::from_utf8_lossy(bytes).into_owned());
        }
        let text = self.long_string(value)?;
        originals.record(&text, || JsString {
            handle: value,
            fingerprint: Fingerprint::of(&text),
        });
        Ok(text)
    }

    /// A JS string given as JSON text, read as UTF-16 ([`Self::utf16_string`]: for text made of many short
    /// strings this measured cheaper than V8's UTF-8 writer), or an error of kind `type` naming `what` for
    /// anything but a string.
    pub(crate) fn text(self, value: sys::napi_value, what: &str) -> Result<String, Thrown> {
        let mut kind = 0;
        check(unsafe { sys::napi_typeof(self.env, value, &mut kind) })?;
        if kind != sys::ValueType::napi_string {
            return Err(Thrown::type_error(format!("{what} must be a string")));
        }
        Ok(self.utf16_string(value, self.utf16_units(value)?)?)
    }

    /// A string too long for the stack buffer. An ASCII string (an inline image always is) is written by V8 as
    /// UTF-8 straight into the `String`'s buffer, sized for one byte per character: when V8 filled it with
    /// ASCII, every character was ASCII (any other takes two or more bytes, and V8 never writes part of one).
    /// Any other string is read as UTF-16 and decoded ([`Self::utf16_string`]).
    fn long_string(self, value: sys::napi_value) -> napi::Result<String> {
        let units = self.utf16_units(value)?;
        // One more byte for the terminating NUL that N-API writes.
        let mut bytes: Vec<u8> = Vec::with_capacity(units + 1);
        let written = self.write_utf8(value, bytes.spare_capacity_mut())?;
        // SAFETY: N-API wrote the first `written` bytes, fewer than the capacity it was given.
        unsafe { bytes.set_len(written) };
        if written == units && bytes.is_ascii() {
            // SAFETY: ASCII is UTF-8.
            return Ok(unsafe { String::from_utf8_unchecked(bytes) });
        }
        self.utf16_string(value, units)
    }

    /// The string's length in UTF-16 code units (V8 keeps it: no pass over the string).
    fn utf16_units(self, value: sys::napi_value) -> napi::Result<usize> {
        let mut units = 0;
        check(unsafe {
            sys::napi_get_value_string_utf16(self.env, value, ptr::null_mut(), 0, &mut units)
        })?;
        Ok(units)
    }

    /// Writes as much of the string as fits into `buffer` as UTF-8, never part of a character, followed by a
    /// NUL; returns the bytes written before the NUL.
    fn write_utf8(
        self,
        value: sys::napi_value,
        buffer: &mut [MaybeUninit<u8>],
    ) -> napi::Result<usize> {
        let mut written = 0;
        check(unsafe {
            sys::napi_get_value_string_utf8(
                self.env,
                value,
                buffer.as_mut_ptr().cast(),
                buffer.len(),
                &mut written,
            )
        })?;
        Ok(written)
    }

    /// A string read as UTF-16 (for V8's one-byte strings a widening copy, with no per-character work) into a
    /// per-thread scratch buffer that stays mapped between calls, then narrowed to the `String`: byte by byte
    /// when every unit is ASCII, else decoded (a lone surrogate becomes U+FFFD).
    fn utf16_string(self, value: sys::napi_value, units: usize) -> napi::Result<String> {
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

    fn bigint(self, value: sys::napi_value) -> Result<HostValue, Failure> {
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
    use serde_json::Value;

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
