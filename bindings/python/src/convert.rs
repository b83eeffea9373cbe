//! Python objects to and from JSON values, directly (no `json.dumps` round trip).
//!
//! Going in, the exact JSON types are tried first in the order requests use them (str, int, dict, float,
//! list); `omixa.Image` becomes its inline-image object, and a request becomes the core's
//! [`HostValue`], which also holds NaN and infinities, so they reach validation (which reports them as
//! `out_of_range`) instead of failing here. Anything JSON cannot carry is a `TypeError` naming where it was.
//!
//! Coming out, a large string the core passed through unchanged (an inline image's data URL) is returned as
//! the caller's own `str` object rather than a new copy of it (see [`Originals`]).

use crate::media::PyImage;
use crate::text;
use omixa::issue::push_pointer;
use omixa::validate::HostValue;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};
use serde_json::Value;

/// Deeper nesting than any request has; also stops a list that contains itself.
const MAX_DEPTH: usize = 64;

/// Strings from this size on are worth handing back as the caller's object (see [`Originals`]).
const LARGE_STRING_BYTES: usize = 16 * 1024;

/// The caller's own large `str` objects of a converted request, each with the address of the `String` it was
/// copied into. The core moves values, never copies them, so a large string of the result is usually one of
/// those `String`s; when its content is still the original's, the original (immutable) `str` is returned
/// instead of a new copy, which for an inline image saves a megabyte-sized allocation and copy per call. The
/// content is always compared, so a string the core changed, or a new one at a recycled address, is never
/// mistaken for the original.
#[derive(Debug, Default)]
pub(crate) struct Originals<'py> {
    strings: Vec<(usize, Bound<'py, PyString>)>,
}

impl<'py> Originals<'py> {
    fn record(&mut self, copy: &str, original: &Bound<'py, PyString>) {
        if copy.len() >= LARGE_STRING_BYTES {
            self.strings
                .push((copy.as_ptr() as usize, original.clone()));
        }
    }

    fn find(&self, text: &str) -> Option<&Bound<'py, PyString>> {
        if text.len() < LARGE_STRING_BYTES {
            return None;
        }
        let address = text.as_ptr() as usize;
        self.strings
            .iter()
            .find(|(copied_to, original)| {
                *copied_to == address && text::view(original) == Some(text)
            })
            .map(|(_, original)| original)
    }
}

/// Why a Python object could not be converted, and the JSON pointer of where it was (built on the way out).
struct Unconvertible {
    pointer: Vec<String>,
    error: ConvertError,
}

enum ConvertError {
    /// Not a type JSON has.
    Type(String),
    /// A dict key that is not a string.
    Key(String),
    TooDeep,
    /// Raised by Python while reading the object (e.g. a string with lone surrogates).
    Python(PyErr),
}

impl Unconvertible {
    fn new(error: ConvertError) -> Self {
        Unconvertible {
            pointer: Vec::new(),
            error,
        }
    }

    fn at(mut self, token: impl Into<String>) -> Self {
        self.pointer.push(token.into());
        self
    }

    fn into_py_err(self) -> PyErr {
        let mut at = String::new();
        for token in self.pointer.iter().rev() {
            push_pointer(&mut at, token);
        }
        let at = if at.is_empty() {
            String::new()
        } else {
            format!(" at {at}")
        };
        match self.error {
            ConvertError::Type(name) => PyTypeError::new_err(format!(
                "cannot send a value of type `{name}`{at}: use dict, list, tuple, str, int, float, bool, None, \
                 decimal.Decimal or omixa.Image"
            )),
            ConvertError::Key(name) => PyTypeError::new_err(format!(
                "dict keys must be str, got a key of type `{name}`{at}"
            )),
            ConvertError::TooDeep => {
                PyValueError::new_err(format!("nested more than {MAX_DEPTH} levels deep{at}"))
            }
            ConvertError::Python(error) => error,
        }
    }
}

impl From<PyErr> for Unconvertible {
    fn from(error: PyErr) -> Self {
        Unconvertible::new(ConvertError::Python(error))
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
    to_host_keeping(object, &mut Originals::default())
}

/// [`to_host`], keeping the object's large strings in `originals` for [`fields_to_dict`].
pub(crate) fn to_host_keeping<'py>(
    object: &Bound<'py, PyAny>,
    originals: &mut Originals<'py>,
) -> PyResult<HostValue> {
    value(object, 0, originals).map_err(Unconvertible::into_py_err)
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
    originals: &mut Originals<'py>,
) -> Result<HostValue, Unconvertible> {
    if let Ok(text) = object.cast::<PyString>() {
        let copy = text::owned(text)?;
        originals.record(&copy, text);
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
        return Err(Unconvertible::new(ConvertError::TooDeep));
    }
    if let Ok(dict) = object.cast::<PyDict>() {
        let mut entries = Vec::with_capacity(dict.len());
        for (key, item) in dict.iter() {
            let Ok(key) = key.cast::<PyString>() else {
                return Err(Unconvertible::new(ConvertError::Key(type_name(&key))));
            };
            let key = text::owned(key)?;
            match value(&item, depth + 1, originals) {
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
    if object.is_instance(decimal_type(object.py())?)? {
        // JSON numbers are what the wire carries; the decimal's text keeps `8.5` exactly `8.5`.
        let text = object.str()?;
        return Ok(HostValue::float(text.to_cow()?.parse().unwrap_or(f64::NAN)));
    }
    if let Ok(mapping) = object.cast::<PyMapping>() {
        // Any other mapping (a `MappingProxyType`, a user's `Mapping`), as the dict of its items.
        let dict = PyDict::from_sequence(&mapping.items()?.into_any())?;
        return value(dict.as_any(), depth, originals);
    }
    Err(Unconvertible::new(ConvertError::Type(type_name(object))))
}

fn array<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    len: usize,
    depth: usize,
    originals: &mut Originals<'py>,
) -> Result<HostValue, Unconvertible> {
    let mut array = Vec::with_capacity(len);
    for (index, item) in items.enumerate() {
        array
            .push(value(&item, depth + 1, originals).map_err(|error| error.at(index.to_string()))?);
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

fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

fn type_name(object: &Bound<'_, PyAny>) -> String {
    object
        .get_type()
        .qualname()
        .map_or_else(|_| "?".to_owned(), |name| name.to_string())
}

/// The Python object of a JSON value: dict, list, str, int, float, bool or None.
pub(crate) fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    to_python_reusing(py, value, &Originals::default())
}

/// [`to_python`], handing back the caller's own object for a large string found in `originals`.
fn to_python_reusing<'py>(
    py: Python<'py>,
    value: &Value,
    originals: &Originals<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(flag) => PyBool::new(py, *flag).to_owned().into_any(),
        Value::Number(number) => {
            if let Some(integer) = number.as_i64() {
                integer.into_pyobject(py)?.into_any()
            } else if let Some(integer) = number.as_u64() {
                integer.into_pyobject(py)?.into_any()
            } else {
                number
                    .as_f64()
                    .unwrap_or(f64::NAN)
                    .into_pyobject(py)?
                    .into_any()
            }
        }
        Value::String(text) => match originals.find(text) {
            Some(original) => original.clone().into_any(),
            None => PyString::new(py, text).into_any(),
        },
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python_reusing(py, item, originals)?)?;
            }
            list.into_any()
        }
        Value::Object(object) => {
            let dict = PyDict::new(py);
            for (key, item) in object {
                dict.set_item(key, to_python_reusing(py, item, originals)?)?;
            }
            dict.into_any()
        }
    })
}

/// The dict of a normalized request, built straight from its fields (canonical names, in order); `originals`
/// are the large strings of the request it came from ([`to_value_keeping`]).
pub(crate) fn fields_to_dict<'py>(
    py: Python<'py>,
    fields: &[(&'static str, Value)],
    originals: &Originals<'py>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (key, value) in fields {
        dict.set_item(
            field_name(py, key),
            to_python_reusing(py, value, originals)?,
        )?;
    }
    Ok(dict)
}

/// The Python string of a catalog field name: made once per name (interned, its hash computed once), since
/// every normalized request is keyed by them. Looked up by the name's address; any other `&str` is made anew.
fn field_name<'py>(py: Python<'py>, name: &'static str) -> Bound<'py, PyString> {
    /// Where a `&'static str` is: its start and length.
    type Address = (usize, usize);
    static NAMES: PyOnceLock<Vec<(Address, Py<PyString>)>> = PyOnceLock::new();
    let address = |name: &'static str| -> Address { (name.as_ptr() as usize, name.len()) };
    let names = NAMES.get_or_init(py, || {
        let catalog = omixa::models().iter().flat_map(|model| {
            let fields = model.fields.iter().map(|field| field.name);
            fields.chain(model.operations.map(|operations| operations.field))
        });
        let mut names: Vec<_> = catalog
            .map(|name| (address(name), PyString::intern(py, name).unbind()))
            .collect();
        names.sort_by_key(|(address, _)| *address);
        names.dedup_by_key(|(address, _)| *address);
        names
    });
    match names.binary_search_by_key(&address(name), |(address, _)| *address) {
        Ok(index) => names[index].1.bind(py).clone(),
        Err(_) => PyString::new(py, name),
    }
}
