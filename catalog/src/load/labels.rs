//! How a field's type and range read in words: the one place they are rendered. The generator writes these
//! texts into the docs, the Rust doc comments and the descriptors (`omixa::catalog::FieldLabels`), and the
//! core's messages and the command line print them from there, so every output says it the same way.

use super::format::{FieldType, Scalar};

/// The type as the catalog writes it, e.g. `inline_image_list`.
pub fn kind_name(kind: FieldType) -> &'static str {
    match kind {
        FieldType::String => "string",
        FieldType::Number => "number",
        FieldType::Integer => "integer",
        FieldType::Boolean => "boolean",
        FieldType::InlineImage => "inline_image",
        FieldType::InlineImageList => "inline_image_list",
        FieldType::VideoSource => "video_source",
    }
}

/// The type for a reader, e.g. `array of inline images` (a docs cell, the command line's type column).
pub fn kind_label(kind: FieldType) -> &'static str {
    match kind {
        FieldType::String => "string",
        FieldType::Number => "number",
        FieldType::Integer => "integer",
        FieldType::Boolean => "boolean",
        FieldType::InlineImage => "inline image",
        FieldType::InlineImageList => "array of inline images",
        FieldType::VideoSource => "string or inline video",
    }
}

/// What a value of the type must be, completing "`field` must be ...".
pub fn kind_expected(kind: FieldType) -> &'static str {
    match kind {
        FieldType::String => "a string",
        FieldType::Number => "a number",
        FieldType::Integer => "a whole number",
        FieldType::Boolean => "a boolean (true or false)",
        FieldType::InlineImage => "an inline image (a data URL string or an image_url object)",
        FieldType::InlineImageList => "an array of inline images",
        FieldType::VideoSource => "an operation id or an inline video",
    }
}

/// Inclusive bounds in words, completing "`field` must be ...": `from 1 to 30`, `at least 0`, `at most 4`;
/// `None` without bounds. The bounds are given as they print (`1`, not `1.0`).
pub fn range_text(min: Option<&str>, max: Option<&str>) -> Option<String> {
    match (min, max) {
        (Some(min), Some(max)) => Some(format!("from {min} to {max}")),
        (Some(min), None) => Some(format!("at least {min}")),
        (None, Some(max)) => Some(format!("at most {max}")),
        (None, None) => None,
    }
}

/// A whole number as an integer, when it is exactly one (so it prints as written: `8`, not `8.0`).
pub fn whole_number(value: f64) -> Option<i64> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every integer below is exact in an f64
    #[expect(
        clippy::cast_possible_truncation,
        reason = "whole and below 2^53, so exact"
    )]
    (value.fract() == 0.0 && value.abs() < EXACT).then_some(value as i64)
}

/// A bound or default as it prints: `8`, `10.5`.
pub fn number_text(value: f64) -> String {
    whole_number(value).map_or_else(|| value.to_string(), |whole| whole.to_string())
}

/// A default value as it prints in the docs: numbers as written, strings in backticks.
pub fn scalar_text(value: &Scalar) -> String {
    match value {
        Scalar::Integer(value) => value.to_string(),
        Scalar::Number(value) => number_text(*value),
        Scalar::String(value) => format!("`{value}`"),
        Scalar::Boolean(value) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_read_the_same_open_or_closed() {
        assert_eq!(
            range_text(Some("1"), Some("30")).as_deref(),
            Some("from 1 to 30")
        );
        assert_eq!(range_text(Some("0"), None).as_deref(), Some("at least 0"));
        assert_eq!(range_text(None, Some("4")).as_deref(), Some("at most 4"));
        assert_eq!(range_text(None, None), None);
        assert_eq!(number_text(8.0), "8");
        assert_eq!(number_text(10.5), "10.5");
    }
}
