//! Reading a JSON request from a file or standard input, with parse errors shown at their line and column.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::io::Read;
use std::path::Path;

/// A request file that is not JSON, shown with the offending spot underlined.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{name} is not valid JSON")]
#[diagnostic(code(omixa::input::json))]
struct JsonSyntaxError {
    name: String,
    #[source_code]
    source_code: NamedSource<String>,
    #[label("{reason}")]
    at: SourceSpan,
    reason: String,
}

/// Reads and parses `path` (`-` is standard input).
pub fn read_json(path: &Path) -> miette::Result<serde_json::Value> {
    let (name, text) = if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|error| {
                miette::miette!(
                    code = "omixa::input::io",
                    "cannot read standard input: {error}"
                )
            })?;
        ("standard input".to_owned(), text)
    } else {
        let text = std::fs::read_to_string(path).map_err(|error| {
            miette::miette!(
                code = "omixa::input::io",
                "cannot read {}: {error}",
                path.display()
            )
        })?;
        (path.display().to_string(), text)
    };
    serde_json::from_str(&text).map_err(|error| {
        let offset = offset_of(&text, error.line(), error.column());
        let reason = error.to_string();
        let reason = reason
            .split(" at line ")
            .next()
            .unwrap_or(&reason)
            .to_owned();
        JsonSyntaxError {
            source_code: NamedSource::new(&name, text),
            name,
            at: (offset, 0).into(),
            reason,
        }
        .into()
    })
}

/// The byte offset of a 1-based line and column as serde_json reports them.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::offset_of;

    #[test]
    fn offsets_count_lines_and_columns_from_one() {
        let text = "{\n  \"a\": 1,\n  oops\n}";
        assert_eq!(&text[offset_of(text, 3, 3)..offset_of(text, 3, 7)], "oops");
        assert_eq!(offset_of(text, 99, 99), text.len());
    }
}
