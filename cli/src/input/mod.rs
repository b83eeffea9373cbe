//! Reading a JSON request from a file or standard input, strictly: an empty input, a syntax error or a
//! duplicate key is a diagnostic naming the line and column, with a short excerpt of the line around it
//! (whatever the line's length). A UTF-8 byte order mark is skipped.

mod excerpt;
mod strict;

use excerpt::Excerpt;
use miette::{Diagnostic, SourceSpan};
use std::io::Read;
use std::path::Path;

/// A request that is not JSON (or has a duplicate key), shown around the offending spot.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{name} is not valid JSON, line {line}, column {column}: {reason}")]
#[diagnostic(code(omixa::input::json))]
struct JsonSyntaxError {
    name: String,
    reason: String,
    line: usize,
    column: usize,
    #[source_code]
    excerpt: Excerpt,
    #[label("here")]
    at: SourceSpan,
}

/// Reads and parses `path` (`-` is standard input).
pub fn read_json(path: &Path) -> miette::Result<serde_json::Value> {
    let (name, text) = read_text(path)?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    if text.trim().is_empty() {
        return Err(miette::miette!(
            code = "omixa::input::empty",
            help = "a request is a JSON object such as {\"model\": ..., \"prompt\": ...}",
            "{name}: the file is empty"
        ));
    }
    strict::parse(text).map_err(|error| {
        let reason = error.to_string();
        // serde_json appends the position, which the diagnostic shows its own way.
        let reason = match reason.rfind(" at line ") {
            Some(cut) => reason[..cut].to_owned(),
            None => reason,
        };
        let excerpt = Excerpt::around(&name, text, error.line(), error.column());
        JsonSyntaxError {
            at: excerpt.marker(),
            excerpt,
            line: error.line(),
            column: error.column(),
            name,
            reason,
        }
        .into()
    })
}

/// The input's display name and text.
fn read_text(path: &Path) -> miette::Result<(String, String)> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|error| {
                miette::miette!(
                    code = "omixa::input::io",
                    "cannot read standard input: {error}"
                )
            })?;
        return Ok(("standard input".to_owned(), text));
    }
    let text = std::fs::read_to_string(path).map_err(|error| {
        miette::miette!(
            code = "omixa::input::io",
            "cannot read {}: {error}",
            path.display()
        )
    })?;
    Ok((path.display().to_string(), text))
}
