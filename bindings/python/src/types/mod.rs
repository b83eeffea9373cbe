//! The classes the native module returns that hold plain data: views of the core's values with getters and
//! reprs. They use nothing above the leaf modules (`repr`, `values`, `guard`), so the error map and the
//! converters can use them.

pub(crate) mod estimate;
pub(crate) mod image;
pub(crate) mod issue;
pub(crate) mod model;

pub(crate) use estimate::PyEstimate;
pub(crate) use image::PyImage;
pub(crate) use issue::{PyIssue, PyValidationIssues};
pub(crate) use model::{PyFieldInfo, PyModelInfo};
