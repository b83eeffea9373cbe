//! Validation issues: data with stable codes, the same strings in Rust, Python, Node and the CLI.

use std::fmt;

/// What kind of problem an [`Issue`] is. The `as_str` codes are a stable public contract
/// (listed in `docs/contract.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    /// A required field (`model`, `prompt`) is absent.
    MissingField,
    /// `model` is not in the catalog.
    UnknownModel,
    /// A key that is neither a field nor an alias of this model, or a field this model omits.
    UnknownField,
    /// Wrong JSON type.
    InvalidType,
    /// A number outside its range, or not finite.
    OutOfRange,
    /// A string outside the accepted values.
    NotAccepted,
    /// The same field given twice under different names.
    AliasConflict,
    /// An inline image or video that is not a well-formed base64 data URL of an accepted media type.
    InvalidMedia,
    /// The operation needs an input that is absent.
    MissingForOperation,
    /// An input that the operation cannot use.
    NotForOperation,
}

impl IssueCode {
    /// Every code, in the order of the table in `docs/contract.md`.
    pub const ALL: [IssueCode; 10] = [
        IssueCode::MissingField,
        IssueCode::UnknownModel,
        IssueCode::UnknownField,
        IssueCode::InvalidType,
        IssueCode::OutOfRange,
        IssueCode::NotAccepted,
        IssueCode::AliasConflict,
        IssueCode::InvalidMedia,
        IssueCode::MissingForOperation,
        IssueCode::NotForOperation,
    ];

    /// The stable code string, e.g. `out_of_range`.
    pub const fn as_str(self) -> &'static str {
        match self {
            IssueCode::MissingField => "missing_field",
            IssueCode::UnknownModel => "unknown_model",
            IssueCode::UnknownField => "unknown_field",
            IssueCode::InvalidType => "invalid_type",
            IssueCode::OutOfRange => "out_of_range",
            IssueCode::NotAccepted => "not_accepted",
            IssueCode::AliasConflict => "alias_conflict",
            IssueCode::InvalidMedia => "invalid_media",
            IssueCode::MissingForOperation => "missing_for_operation",
            IssueCode::NotForOperation => "not_for_operation",
        }
    }
}

impl fmt::Display for IssueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Issue {
    pub code: IssueCode,
    /// JSON pointer (RFC 6901) to the key as the caller wrote it, e.g. `/seconds` or `/reference_images/1`.
    /// Empty for the request as a whole.
    pub path: String,
    /// The canonical field name, when the issue is about a known field.
    pub field: Option<String>,
    /// A sentence for people.
    pub message: String,
    /// What to do instead, when there is something to suggest.
    pub suggestion: Option<String>,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{} at {}: {}", self.code, at, self.message)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, " ({suggestion})")?;
        }
        Ok(())
    }
}

/// A request that failed validation, with every issue found in one pass.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
pub struct ValidationError {
    pub issues: Vec<Issue>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.issues.len();
        write!(
            f,
            "invalid request: {count} issue{}",
            if count == 1 { "" } else { "s" }
        )?;
        for issue in &self.issues {
            write!(f, "\n  - {issue}")?;
        }
        Ok(())
    }
}

/// Appends an RFC 6901 reference token to a JSON pointer, escaping `~` and `/`.
pub fn push_pointer(pointer: &mut String, token: &str) {
    pointer.push('/');
    for ch in token.chars() {
        match ch {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            other => pointer.push(other),
        }
    }
}

/// The JSON pointer of a top-level key.
pub fn pointer(token: &str) -> String {
    let mut out = String::with_capacity(token.len() + 1);
    push_pointer(&mut out, token);
    out
}
