//! The few characters around a parse error, for the diagnostic: never the whole line, which in a minified
//! request with an inline image can be megabytes long.
//!
//! An [`Excerpt`] is a `miette` source that holds only that window but reports the original line and column,
//! so the report reads `[request.json:1:70001]` and underlines the right character.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Characters shown on each side of the error.
const CONTEXT_CHARS: usize = 60;
/// Marks a side of the line that was cut off.
const ELLIPSIS: &str = "…";

/// A window of one line of a source, with its place in the original.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    /// 0-based line of the window in the original.
    line: usize,
    /// 0-based column (in characters) of the window's first character in the original line.
    column: usize,
    /// Byte offset of the error in `text`.
    marker: usize,
}

impl Excerpt {
    /// The window of `source` around serde_json's 1-based `line` and `column` (a byte count in the line; 0
    /// means the line's end of the previous line, which is clamped to the line's start).
    pub fn around(name: &str, source: &str, line: usize, column: usize) -> Excerpt {
        let line_index = line.saturating_sub(1);
        let line_start: usize = source
            .split_inclusive('\n')
            .take(line_index)
            .map(str::len)
            .sum();
        let rest = &source[line_start.min(source.len())..];
        let line_text = rest.split('\n').next().unwrap_or_default();
        let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
        let error_at = floor_char_boundary(line_text, column.saturating_sub(1));

        let before = &line_text[..error_at];
        let start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(index, _)| index);
        let after = &line_text[error_at..];
        let end = error_at
            + after
                .char_indices()
                .nth(CONTEXT_CHARS)
                .map_or(after.len(), |(index, _)| index);

        let mut text = String::new();
        let mut column = line_text[..start].chars().count();
        if start > 0 {
            text.push_str(ELLIPSIS);
            column -= 1;
        }
        let marker = text.len() + (error_at - start);
        // Control characters would move the underline; a space keeps every column in place.
        text.extend(
            line_text[start..end]
                .chars()
                .map(|ch| if ch.is_control() { ' ' } else { ch }),
        );
        if end < line_text.len() {
            text.push_str(ELLIPSIS);
        }
        Excerpt {
            name: name.to_owned(),
            text,
            line: line_index,
            column,
            marker,
        }
    }

    /// The error's place in the excerpt, for a label.
    pub fn marker(&self) -> SourceSpan {
        (self.marker, 0).into()
    }

    /// The shown text (the window, with `…` where the line goes on).
    #[cfg(test)]
    fn text(&self) -> &str {
        &self.text
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _context_lines_before: usize,
        _context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if span.offset() + span.len() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // The window is the whole context; the column is that of the span asked about.
        let offset = floor_char_boundary(&self.text, span.offset());
        let column = self.column + self.text[..offset].chars().count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (0, self.text.len()).into(),
            self.line,
            column,
            1,
        )))
    }
}

/// The largest char boundary of `text` at or before `index`.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_is_shown_whole() {
        let source = "{\n  \"a\": 1,\n  oops\n}";
        let excerpt = Excerpt::around("f", source, 3, 3);
        assert_eq!(excerpt.text(), "  oops");
        assert_eq!(&excerpt.text()[excerpt.marker().offset()..], "oops");
    }

    #[test]
    fn a_long_line_is_cut_around_the_error() {
        let source = format!("{{\"image\": \"{}\",}}", "é".repeat(100_000));
        let column = source.len() - 1; // the closing brace, as serde_json counts (bytes, from 1)
        let excerpt = Excerpt::around("f", &source, 1, column + 1);
        assert!(excerpt.text().chars().count() <= 2 * CONTEXT_CHARS + 2);
        assert!(excerpt.text().starts_with(ELLIPSIS));
        assert_eq!(&excerpt.text()[excerpt.marker().offset()..], "}");
        let contents = excerpt
            .read_span(&excerpt.marker(), 0, 0)
            .expect("in range");
        assert_eq!(contents.line(), 0);
        // Characters before the brace in the original line.
        assert_eq!(contents.column(), source.chars().count() - 1);
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let excerpt = Excerpt::around("f", "{", 99, 99);
        assert_eq!(excerpt.marker().offset(), excerpt.text().len());
    }
}
