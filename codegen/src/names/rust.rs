//! Rust names of `core/generated/models.rs`: one module per model with its `Model` enum, `Request` struct and
//! an enum per field of accepted values; statics for endpoint types and shared operation tables.

use super::{capitalized, leading_letter, pascal_case, words};

/// The enum of the field that names the model; its one variant is the model's type name.
pub const MODEL_ENUM: &str = "Model";
/// The typed request of a model module.
pub const REQUEST_STRUCT: &str = "Request";

/// The model's module: the id lowercased, every other character `_` (`veo-3.1-lite-generate-001` →
/// `veo_3_1_lite_generate_001`; an id starting with a digit gets `m_`).
pub fn module(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("m_{name}")
    } else {
        name
    }
}

/// The model's type name, the one variant of its `Model` enum (`Veo31LiteGenerate001`).
pub fn model_type(id: &str) -> String {
    pascal_case(id)
}

/// The enum of a string field's accepted values: `Model` for the field that names the model, else the
/// field's name in PascalCase; `None` for a field that accepts any string.
pub fn value_enum(field: &str, names_model: bool, has_accepted_values: bool) -> Option<String> {
    if names_model {
        Some(MODEL_ENUM.to_owned())
    } else {
        has_accepted_values.then(|| pascal_case(field))
    }
}

/// Enum variants for accepted values: like [`pascal_case`], but where a separator stood between two digits it
/// becomes `_` so that numbers stay apart (`16:9` → `V16_9`, `720p` → `V720p`, `1280x720` → `V1280x720`,
/// `text_to_video` → `TextToVideo`).
pub fn variant(value: &str) -> String {
    let mut name = String::new();
    for word in words(value) {
        if name.ends_with(|c: char| c.is_ascii_digit())
            && word.starts_with(|c: char| c.is_ascii_digit())
        {
            name.push('_');
        }
        name.push_str(&capitalized(word));
    }
    leading_letter(name)
}

/// The static holding an endpoint type (`google_veo_video_jobs` → `ENDPOINT_GOOGLE_VEO_VIDEO_JOBS`).
pub fn endpoint_static(endpoint_id: &str) -> String {
    format!("ENDPOINT_{}", screaming_snake_case(endpoint_id))
}

/// The static holding a field set's shared operation table (`video` → `OPERATIONS_VIDEO`).
pub fn operations_static(field_set: &str) -> String {
    format!("OPERATIONS_{}", screaming_snake_case(field_set))
}

fn screaming_snake_case(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// What `#[serde(rename_all = "snake_case")]` makes of a variant (serde's own rule: `_` before each capital
/// but the first, then lowercase).
pub fn serde_snake_case(variant: &str) -> String {
    let mut snake = String::new();
    for (index, c) in variant.char_indices() {
        if c.is_uppercase() && index > 0 {
            snake.push('_');
        }
        snake.push(c.to_ascii_lowercase());
    }
    snake
}

/// The struct field for a field name; keywords become raw identifiers (`r#type`), which serde still spells
/// plainly.
pub fn field(name: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do",
        "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in",
        "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
        "return", "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe",
        "unsized", "use", "virtual", "where", "while", "yield",
    ];
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_documented_rules() {
        assert_eq!(variant("16:9"), "V16_9");
        assert_eq!(variant("1:1"), "V1_1");
        assert_eq!(variant("720p"), "V720p");
        assert_eq!(variant("1280x720"), "V1280x720");
        assert_eq!(variant("text_to_video"), "TextToVideo");
        assert_eq!(
            module("veo-3.1-lite-generate-001"),
            "veo_3_1_lite_generate_001"
        );
        assert_eq!(
            model_type("veo-3.1-lite-generate-001"),
            "Veo31LiteGenerate001"
        );
        assert_eq!(
            endpoint_static("google_veo_video_jobs"),
            "ENDPOINT_GOOGLE_VEO_VIDEO_JOBS"
        );
        assert_eq!(operations_static("video"), "OPERATIONS_VIDEO");
        assert_eq!(serde_snake_case("TextToVideo"), "text_to_video");
        assert_eq!(field("type"), "r#type");
        assert_eq!(
            value_enum("aspect_ratio", false, true).as_deref(),
            Some("AspectRatio")
        );
        assert_eq!(value_enum("model", true, true).as_deref(), Some("Model"));
        assert_eq!(value_enum("prompt", false, false), None);
    }
}
