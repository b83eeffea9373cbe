//! JSON values to Python objects, directly (no `json.loads` round trip), and the caller's own `str` objects
//! handed back instead of copies, by the policy both packages share (`omixa_bindings::originals`).

use crate::text;
use omixa_bindings::originals::HostString;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use rustc_hash::FxHashMap;
use serde_json::Value;

/// One of the caller's `str` objects; its content is confirmed against the string's own UTF-8 view, so the
/// check is one comparison and no copy.
#[derive(Debug)]
pub(crate) struct PyOriginal<'py>(pub(crate) Bound<'py, PyString>);

impl HostString for PyOriginal<'_> {
    /// Every string: finding a short one again costs less than decoding a new `str` from it (and freeing it).
    const MIN_BYTES: usize = 0;

    fn holds(&self, text: &str) -> bool {
        text::view(&self.0) == Some(text)
    }
}

/// The caller's strings of one converted request.
pub(crate) type Originals<'py> = omixa_bindings::originals::Originals<PyOriginal<'py>>;

/// The Python object of a JSON value: dict, list, str, int, float, bool or None.
pub(crate) fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    to_python_reusing(py, value, &Originals::default())
}

/// [`to_python`], handing back the caller's own object for a string found in `originals`.
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
            Some(original) => original.0.clone().into_any(),
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
/// are the strings of the request it came from.
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
/// every normalized request is keyed by them. Looked up by the name's address, in a hash map (a handful of
/// lookups per request, so each must cost a few nanoseconds); any other `&str` is made anew.
fn field_name<'py>(py: Python<'py>, name: &'static str) -> Bound<'py, PyString> {
    /// Where a `&'static str` is: its start and length.
    type Address = (usize, usize);
    static NAMES: PyOnceLock<FxHashMap<Address, Py<PyString>>> = PyOnceLock::new();
    let address = |name: &'static str| -> Address { (name.as_ptr() as usize, name.len()) };
    let names = NAMES.get_or_init(py, || {
        let catalog = omixa::models().iter().flat_map(|model| {
            let fields = model.fields.iter().map(|field| field.name);
            fields.chain(model.operations.map(|operations| operations.field))
        });
        catalog
            .map(|name| (address(name), PyString::intern(py, name).unbind()))
            .collect()
    });
    match names.get(&address(name)) {
        Some(interned) => interned.bind(py).clone(),
        None => PyString::new(py, name),
    }
}
