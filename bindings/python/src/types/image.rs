//! `omixa.Image`: an inline image built from a file or bytes by the core's SIMD base64 encoder.

use crate::guard::guard;
use crate::repr::py_repr;
use crate::values::to_python;
use omixa::media::{self, InlineImage, MediaError};
use omixa_bindings::error::{Details, ErrorPayload};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::PyDict;
use std::path::PathBuf;

/// Inputs smaller than this are encoded without releasing the GIL (releasing it costs more than encoding).
const DETACH_ABOVE_BYTES: usize = 64 * 1024;

/// An inline image, ready to pass as a field value: ``start_frame=omixa.Image.from_path("first.png")``.
///
/// Holds a ``data:<media type>;base64,...`` URL. The media type is sniffed from the bytes (PNG, JPEG, WebP,
/// and the other types the core recognises) unless given. In a request it becomes the object form the
/// gateway takes, ``{"type": "image_url", "image_url": {"url": "data:..."}}``.
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, eq, name = "Image", module = "omixa")]
#[derive(Debug, PartialEq)]
pub(crate) struct PyImage(InlineImage);

impl PyImage {
    /// The object form, as a JSON value.
    pub(crate) fn to_value(&self) -> serde_json::Value {
        self.0.to_value()
    }

    fn data_url(&self) -> &str {
        &self.0.image_url.url
    }
}

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
#[pymethods]
impl PyImage {
    /// Reads an image file. Raises ``OSError`` if it cannot be read, ``ValueError`` if its type cannot be
    /// told from its bytes.
    #[staticmethod]
    fn from_path(
        py: Python<'_>,
        #[gen_stub(override_type(type_repr = "_StrPath"))] path: PathBuf,
    ) -> PyResult<Self> {
        guard(|| {
            let url = py
                .detach(|| media::data_url_from_path(&path))
                .map_err(media_error)?;
            Ok(PyImage(InlineImage::from_data_url(url)))
        })
    }

    /// Wraps image bytes (``bytes`` or ``bytearray``). ``mime`` is the media type, e.g. ``"image/png"``;
    /// when ``None`` it is sniffed from the bytes, and ``ValueError`` is raised if it cannot be.
    #[staticmethod]
    #[pyo3(signature = (data, mime = None))]
    fn from_bytes(
        py: Python<'_>,
        #[gen_stub(override_type(type_repr = "bytes | bytearray"))] data: PyBackedBytes,
        mime: Option<&str>,
    ) -> PyResult<Self> {
        guard(|| {
            let bytes: &[u8] = &data;
            let url = if bytes.len() > DETACH_ABOVE_BYTES {
                py.detach(|| media::data_url(bytes, mime))
            } else {
                media::data_url(bytes, mime)
            };
            Ok(PyImage(InlineImage::from_data_url(
                url.map_err(media_error)?,
            )))
        })
    }

    /// The media type, e.g. ``"image/png"``.
    #[getter]
    fn media_type(&self) -> &str {
        let url = self.data_url();
        let header = url.split_once(',').map_or(url, |(header, _)| header);
        let header = header.strip_prefix("data:").unwrap_or(header);
        header.split(';').next().unwrap_or_default()
    }

    /// The ``data:<media type>;base64,...`` URL.
    #[getter(data_url)]
    fn get_data_url(&self) -> &str {
        self.data_url()
    }

    /// The object form the gateway takes: ``{"type": "image_url", "image_url": {"url": ...}}``.
    #[gen_stub(override_return_type(type_repr = "dict[str, typing.Any]", imports = ("typing")))]
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        Ok(to_python(py, &self.to_value())?.cast_into::<PyDict>()?)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "<omixa.Image {} as a data URL of {} characters>",
            py_repr(py, self.media_type())?,
            self.data_url().len()
        ))
    }
}

/// The exception for an image that cannot be built, as Python's own functions raise them: `OSError` (with
/// errno and file name, as `open` raises it) for an unreadable file, `ValueError` for bytes of unknown type or
/// a malformed media type.
fn media_error(error: MediaError) -> PyErr {
    let payload = ErrorPayload::media(&error);
    match payload.details {
        Details::File {
            path: Some(path),
            errno: Some(errno),
            strerror,
        } => PyOSError::new_err((errno, strerror, path.into_os_string())),
        Details::File { .. } => PyOSError::new_err(payload.message),
        _ => PyValueError::new_err(payload.message),
    }
}
