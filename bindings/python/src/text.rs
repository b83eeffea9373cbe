//! Reading a Python `str` as UTF-8 without an intermediate copy: the one piece of `unsafe` in this crate.
//!
//! The wheel targets the stable ABI of CPython 3.9 (`abi3-py39`), whose limited API has no borrowed UTF-8
//! view of a `str`: PyO3 then encodes every string into a new `bytes` object and copies it again. For a 1 MiB
//! inline image that is two extra megabyte copies per request, and for short strings an allocation each.
//! `PyUnicode_AsUTF8AndSize` returns a view into the string itself (or its cached UTF-8 form); it joined the
//! stable ABI in 3.10, so it is declared here and used only when the running interpreter is 3.10 or newer.

#![allow(
    unsafe_code,
    reason = "a borrowed UTF-8 view of a str, which the 3.9 stable ABI PyO3 targets lacks"
)]

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::sync::OnceLock;

unsafe extern "C" {
    /// Part of the stable ABI since CPython 3.10 (and of the full API since 3.3).
    fn PyUnicode_AsUTF8AndSize(
        unicode: *mut ffi::PyObject,
        size: *mut ffi::Py_ssize_t,
    ) -> *const std::ffi::c_char;
}

/// Whether the running interpreter has `PyUnicode_AsUTF8AndSize` in its stable ABI.
fn borrowed_utf8_available(py: Python<'_>) -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| py.version_info() >= (3, 10))
}

/// The UTF-8 form of a Python `str`, borrowed from the string (CPython keeps it for the string's lifetime), or
/// `None` on an interpreter older than 3.10 or for a string with lone surrogates, which UTF-8 cannot hold.
pub(crate) fn view<'a>(text: &'a Bound<'_, PyString>) -> Option<&'a str> {
    if !borrowed_utf8_available(text.py()) {
        return None;
    }
    let mut size: ffi::Py_ssize_t = 0;
    // SAFETY: `text` is a live `str` (the bound reference keeps it alive and we are attached to the
    // interpreter); the call only reads it and writes `size`.
    let data = unsafe { PyUnicode_AsUTF8AndSize(text.as_ptr(), &mut size) };
    if data.is_null() {
        // Lone surrogates: `owned` reports the error.
        PyErr::take(text.py());
        return None;
    }
    // Never negative on success.
    let len = usize::try_from(size).unwrap_or(0);
    // SAFETY: on success CPython returns `size` bytes of valid UTF-8 that belong to `text` and live as long
    // as it does, which the returned borrow cannot outlive.
    Some(unsafe {
        std::str::from_utf8_unchecked(std::slice::from_raw_parts(data.cast::<u8>(), len))
    })
}

/// The text of a Python `str`, as an owned `String` copied once from the string's UTF-8 form. Fails (with
/// Python's `UnicodeEncodeError`) for a string with lone surrogates.
pub(crate) fn owned(text: &Bound<'_, PyString>) -> PyResult<String> {
    match view(text) {
        Some(utf8) => Ok(utf8.to_owned()),
        None => Ok(text.to_cow()?.into_owned()),
    }
}
