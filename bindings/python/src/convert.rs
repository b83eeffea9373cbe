//! Python objects to the core's values, directly (no `json.dumps` round trip).
//!
//! The exact JSON types are tried first in the order requests use them (str, int, dict, float, list);
//! `omixa.Image` becomes its inline-image object, and a request becomes the core's [`HostValue`], which also
//! holds NaN and infinities, so they reach validation (which reports them as `out_of_range`) instead of
//! failing here. Anything JSON cannot carry is a `TypeError` naming where it was (the JSON pointer, built by
//! `omixa_bindings::path`). For `validate`, the strings are remembered in [`Originals`] so the result can hand
//! the caller's own `str` back.

use crate::classes;
use crate::text;
use crate::types::PyImage;
use crate::values::{Originals, PyOriginal};
use omixa::validate::HostValue;
use omixa_bindings::path::{MAX_DEPTH, Problem, Unconvertible};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde_json::Value;

/// What a request may hold, for the message of a value that cannot be sent.
const ACCEPTED: &str =
    "dict, list, tuple, str, int, float, bool, None, decimal.Decimal or omixa.Image";

type Failure = Unconvertible<PyErr>;

fn into_py_err(failure: Failure) -> PyErr {
    let too_deep = matches!(failure.problem, Problem::TooDeep);
    match failure.into_message(ACCEPTED) {
        Ok(message) if too_deep => PyValueError::new_err(message),
        Ok(message) => PyTypeError::new_err(message),
        Err(error) => error,
    }
}

/// The JSON value of a Python object that is not a request (a stored job): NaN and infinities are a
/// `ValueError` here, as JSON cannot carry them and no validation will report them.
pub(crate) fn to_value(object: &Bound<'_, PyAny>) -> PyResult<Value> {
    to_host(object)?.into_json().ok_or_else(|| {
        PyValueError::new_err("cannot send NaN or an infinity: JSON has no such number")
    })
}

/// The value of a Python object as the core validates it.
pub(crate) fn to_host(object: &Bound<'_, PyAny>) -> PyResult<HostValue> {
    value(object, 0, None).map_err(into_py_err)
}

/// [`to_host`], keeping the object's strings in `originals`.
pub(crate) fn to_host_keeping<'py>(
    object: &Bound<'py, PyAny>,
    originals: &mut Originals<'py>,
) -> PyResult<HostValue> {
    value(object, 0, Some(originals)).map_err(into_py_err)
}

/// The object of a request given as a dict and/or keyword arguments. A key given both ways is a
/// `TypeError`, as for a function given the same argument twice.
pub(crate) fn request_value(
    request: Option<&Bound<'_, PyAny>>,
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<HostValue> {
    let mut object = match request {
        Some(request) => match to_host(request)? {
            HostValue::Object(object) => object,
            // Not an object: the core reports it as `invalid_type`, unless keyword fields were also given.
            other if fields.is_none_or(|fields| fields.is_empty()) => return Ok(other),
            _ => {
                return Err(PyTypeError::new_err(
                    "the request must be a dict when fields are also given as keywords",
                ));
            }
        },
        None => Vec::new(),
    };
    if let Some(fields) = fields {
        let HostValue::Object(fields) = to_host(fields.as_any())? else {
            return Err(PyTypeError::new_err("keyword fields must form a dict"));
        };
        for (key, value) in fields {
            if object.iter().any(|(name, _)| *name == key) {
                return Err(PyTypeError::new_err(format!(
                    "`{key}` was given both in the request dict and as a keyword"
                )));
            }
            object.push((key, value));
        }
    }
    Ok(HostValue::Object(object))
}

fn value<'py>(
    object: &Bound<'py, PyAny>,
    depth: usize,
    mut originals: Option<&mut Originals<'py>>,
) -> Result<HostValue, Failure> {
    if let Ok(text) = object.cast::<PyString>() {
        let copy = text::owned(text)?;
        if let Some(originals) = originals {
            originals.record(&copy, || PyOriginal(text.clone()));
        }
        return Ok(HostValue::String(copy));
    }
    // `bool` is a subclass of `int`: test it first.
    if let Ok(flag) = object.cast::<PyBool>() {
        return Ok(HostValue::Bool(flag.is_true()));
    }
    if let Ok(integer) = object.cast::<PyInt>() {
        return Ok(integer_value(integer));
    }
    if depth >= MAX_DEPTH {
        return Err(Unconvertible::new(Problem::TooDeep));
    }
    if let Ok(dict) = object.cast::<PyDict>() {
        let mut entries = Vec::with_capacity(dict.len());
        for (key, item) in dict.iter() {
            let Ok(key) = key.cast::<PyString>() else {
                return Err(Unconvertible::new(Problem::Key(type_name(&key))));
            };
            let key = text::owned(key)?;
            match value(&item, depth + 1, originals.as_deref_mut()) {
                Ok(item) => entries.push((key, item)),
                Err(error) => return Err(error.at(key)),
            };
        }
        return Ok(HostValue::Object(entries));
    }
    if let Ok(float) = object.cast::<PyFloat>() {
        return Ok(HostValue::float(float.value()));
    }
    if let Ok(list) = object.cast::<PyList>() {
        return array(list.iter(), list.len(), depth, originals);
    }
    if object.is_none() {
        return Ok(HostValue::Null);
    }
    if let Ok(tuple) = object.cast::<PyTuple>() {
        return array(tuple.iter(), tuple.len(), depth, originals);
    }
    if let Ok(image) = object.cast::<PyImage>() {
        return Ok(image.get().to_value().into());
    }
    if object.is_instance(classes::decimal(object.py())?)? {
        // JSON numbers are what the wire carries; the decimal's text keeps `8.5` exactly `8.5`.
        let text = object.str()?;
        return Ok(HostValue::float(text.to_cow()?.parse().unwrap_or(f64::NAN)));
    }
    if let Ok(mapping) = object.cast::<PyMapping>() {
        // Any other mapping (a `MappingProxyType`, a user's `Mapping`), as the dict of its items.
        let dict = PyDict::from_sequence(&mapping.items()?.into_any())?;
        return value(dict.as_any(), depth, originals);
    }
    Err(Unconvertible::new(Problem::Type(format!(
        "a value of type `{}`",
        type_name(object)
    ))))
}

fn array<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    len: usize,
    depth: usize,
    mut originals: Option<&mut Originals<'py>>,
) -> Result<HostValue, Failure> {
    let mut array = Vec::with_capacity(len);
    for (index, item) in items.enumerate() {
        let item = value(&item, depth + 1, originals.as_deref_mut());
        array.push(item.map_err(|error| error.at(index.to_string()))?);
    }
    Ok(HostValue::Array(array))
}

/// An `int` as a JSON integer; one beyond 64 bits as the nearest float (validation reports it out of range).
fn integer_value(integer: &Bound<'_, PyInt>) -> HostValue {
    if let Ok(small) = integer.extract::<i64>() {
        return HostValue::Number(small.into());
    }
    if let Ok(large) = integer.extract::<u64>() {
        return HostValue::Number(large.into());
    }
    HostValue::float(integer.extract::<f64>().unwrap_or(f64::INFINITY))
}

fn type_name(object: &Bound<'_, PyAny>) -> String {
    object
        .get_type()
        .qualname()
        .map_or_else(|_| "?".to_owned(), |name| name.to_string())
}
