//! Catalog problems as miette diagnostics that name `file:line:col` and show the offending YAML.
//!
//! Every phase (loading, checking, resolving) pushes into one [`Diagnostics`] list, so a single run reports
//! every problem it can find instead of stopping at the first.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use miette::{NamedSource, SourceSpan};

/// A YAML file of the catalog, kept in memory so diagnostics can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as it is shown in messages.
    pub path: Arc<str>,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(path: &Path, text: String) -> Self {
        Self {
            path: path.display().to_string().into(),
            text: text.into(),
        }
    }

    /// The file name, e.g. `video.yaml` for `spec/fields/video.yaml`.
    pub fn name(&self) -> &str {
        self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path)
    }

    /// The file stem, e.g. `video` for `spec/fields/video.yaml`.
    pub fn stem(&self) -> &str {
        let name = self.name();
        name.split_once('.').map_or(name, |(stem, _)| stem)
    }
}

/// Where a YAML node starts (1-based line and column, byte offset and length for the snippet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub line: u64,
    pub column: u64,
    pub offset: usize,
    pub len: usize,
}

impl Span {
    /// Line 1, column 1: for problems with a whole file (its name) or without a known position.
    pub const FILE_START: Span = Span {
        line: 1,
        column: 1,
        offset: 0,
        len: 0,
    };
}

impl From<serde_saphyr::Location> for Span {
    fn from(location: serde_saphyr::Location) -> Self {
        let span = location.span();
        let to_usize = |value: Option<u64>| {
            value
                .and_then(|value| usize::try_from(value).ok())
                .unwrap_or(0)
        };
        Self {
            line: location.line(),
            column: location.column(),
            offset: to_usize(span.byte_offset()),
            len: to_usize(span.byte_len()),
        }
    }
}

/// `file:line:col`, the form editors and terminals turn into links.
#[derive(Debug, Clone)]
pub struct Position {
    pub path: Arc<str>,
    pub line: u64,
    pub column: u64,
}

impl Position {
    pub fn new(file: &SourceFile, span: Span) -> Self {
        Self {
            path: Arc::clone(&file.path),
            line: span.line,
            column: span.column,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

/// One problem in the catalog.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
#[error("{position}: {message}")]
pub struct Diagnostic {
    pub position: Position,
    pub message: String,
    #[source_code]
    source_code: NamedSource<Arc<str>>,
    #[label("{label}")]
    span: SourceSpan,
    label: String,
    #[help]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(file: &SourceFile, span: Span, message: impl Into<String>) -> Self {
        Self {
            position: Position::new(file, span),
            message: message.into(),
            source_code: NamedSource::new(&file.path, Arc::clone(&file.text)),
            span: SourceSpan::from((span.offset, span.len.max(1))),
            label: "here".to_owned(),
            help: None,
        }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
}

/// Every problem found in one run, in the order found.
#[derive(Debug, Default, thiserror::Error, miette::Diagnostic)]
#[error("{} in the catalog", plural(self.problems.len(), "problem"))]
pub struct Diagnostics {
    #[related]
    pub problems: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds a problem unless the same one (same place, same message) is already listed: a field set included by
    /// several models is checked once per model where overrides apply.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let repeated = self.problems.iter().any(|known| {
            known.message == diagnostic.message
                && known.position.to_string() == diagnostic.position.to_string()
        });
        if !repeated {
            self.problems.push(diagnostic);
        }
    }

    /// Shorthand for `push(Diagnostic::new(..))`.
    pub fn error(&mut self, file: &SourceFile, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::new(file, span, message));
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.problems.extend(other.problems);
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn len(&self) -> usize {
        self.problems.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems.iter()
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
