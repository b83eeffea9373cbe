//! Validation issues as data: each [`Issue`] holds where it is and an [`IssueKind`] with its typed context
//! (the field, the bounds, the accepted values, the value seen). Sentences are rendered only when asked for
//! ([`Issue::message`], [`Issue::suggestion`]), so a caller that only looks at codes and paths pays nothing
//! for them, and a typo suggestion ("did you mean ...") is searched for only when it is read.
//!
//! The serialized form is the same everywhere (the CLI's JSON, the emulator's 400 bodies, the bindings):
//! `{"code", "path", "field", "message", "suggestion"}`. Reading that form back gives an
//! [`IssueKind::Rendered`] issue, which keeps the sentences as they came.

mod context;
mod kind;
mod render;
mod suggest;
mod types;

pub use context::{ObjectFormProblem, Seen};
pub use kind::IssueKind;
pub(crate) use kind::MODEL;
pub use types::{IssueType, issue_types};

use std::fmt::{self, Write as _};

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
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// JSON pointer (RFC 6901) to the key as the caller wrote it, e.g. `/seconds` or `/reference_images/1`.
    /// Empty for the request as a whole.
    pub path: String,
    /// What is wrong, with everything the sentences are made of.
    pub kind: IssueKind,
}

impl Issue {
    pub fn new(path: String, kind: IssueKind) -> Self {
        Issue { path, kind }
    }

    /// The stable code.
    pub fn code(&self) -> IssueCode {
        self.kind.code()
    }

    /// The canonical field name, when the issue is about a known field.
    pub fn field(&self) -> Option<&str> {
        self.kind.field()
    }

    /// A sentence for people, rendered now.
    pub fn message(&self) -> String {
        // Room for a typical message (most are 30 to 80 bytes), so that rendering one allocates once instead of
        // growing the string a piece at a time.
        const TYPICAL_MESSAGE_BYTES: usize = 96;
        let mut message = String::with_capacity(TYPICAL_MESSAGE_BYTES);
        // Writing into a `String` cannot fail.
        let _ = write!(message, "{}", self.kind.message());
        message
    }

    /// What to do instead, when there is something to suggest; a typo is looked up now.
    pub fn suggestion(&self) -> Option<String> {
        self.kind.suggestion()
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{} at {}: {}", self.code(), at, self.kind.message())?;
        if let Some(suggestion) = self.suggestion() {
            write!(f, " ({suggestion})")?;
        }
        Ok(())
    }
}

/// The wire form of an issue, every sentence rendered.
#[derive(serde::Serialize, serde::Deserialize)]
struct IssueText<Text> {
    code: IssueCode,
    path: Text,
    field: Option<Text>,
    message: Text,
    suggestion: Option<String>,
}

impl serde::Serialize for Issue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        IssueText {
            code: self.code(),
            path: self.path.as_str(),
            field: self.field(),
            message: self.message().as_str(),
            suggestion: self.suggestion(),
        }
        .serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Issue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = IssueText::<String>::deserialize(deserializer)?;
        Ok(Issue {
            path: text.path,
            kind: IssueKind::Rendered {
                code: text.code,
                field: text.field,
                message: text.message,
                suggestion: text.suggestion,
            },
        })
    }
}

/// A request that failed validation, with every issue found in one pass.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize)]
pub struct ValidationError {
    pub issues: Vec<Issue>,
}

impl ValidationError {
    /// A request with one issue.
    pub fn single(issue: Issue) -> Self {
        ValidationError {
            issues: vec![issue],
        }
    }
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

#[cfg(test)]
mod tests;
