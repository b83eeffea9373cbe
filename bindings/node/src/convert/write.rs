//! JSON values to JS values.

use super::read::MAX_SAFE;
use super::{Js, Originals, check};
use napi::sys;
use serde_json::{Number, Value};
use std::ptr;

/// Strings from this length on are created as Latin-1 when they are ASCII: V8 copies Latin-1 with `memcpy`
/// (its UTF-8 reader decodes each byte), which pays for the ASCII scan only on long strings.
const LATIN1_FROM: usize = 4096;

impl Js {
    /// The JS value of a JSON value; a large string found in `originals` is returned as the caller's own JS
    /// string.
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

    /// A new `Error` with `code` and `message`.
    pub(crate) fn error_value(self, code: &str, message: &str) -> napi::Result<sys::napi_value> {
        let none = Originals::default();
        let code = self.string_value(code, &none)?;
        let message = self.string_value(message, &none)?;
        let mut out = ptr::null_mut();
        check(unsafe { sys::napi_create_error(self.env, code, message, &mut out) })?;
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
        if let Some(original) = originals.find(text) {
            return Ok(original.handle);
        }
        let mut out = ptr::null_mut();
        let len = text.len() as isize;
        if text.len() >= LATIN1_FROM && text.is_ascii() {
            // ASCII is Latin-1.
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
