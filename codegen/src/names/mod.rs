//! What each target calls the catalog's things: small per-language namers over the resolved catalog's plain
//! data (ids, field names, accepted values). They are pure and deterministic, so [`check`] can make sure no two
//! names collide and the emitters ask them again when printing; no name is stored in the resolved catalog.
//! The rules are documented in `spec/README.md`.
//!
//! - [`rust`]: modules, enums, variants, fields and statics of `core/generated/models.rs`.
//! - [`host`]: the type names of the Python `.pyi` and TypeScript `.d.ts`, which declare the same types.

mod check;
pub mod host;
pub mod rust;

pub use check::{check, value_fields};

/// Words of a name: its runs of ASCII letters and digits (everything else separates).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// An identifier cannot start with a digit: such names get a `V` in front.
fn leading_letter(name: String) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    }
}

/// Type names: each word capitalized, then joined (`veo-3.1-lite-generate-001` → `Veo31LiteGenerate001`,
/// `video_operation` → `VideoOperation`).
pub fn pascal_case(text: &str) -> String {
    leading_letter(words(text).map(capitalized).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_capitalize_each_word() {
        assert_eq!(
            pascal_case("veo-3.1-lite-generate-001"),
            "Veo31LiteGenerate001"
        );
        assert_eq!(pascal_case("video_operation"), "VideoOperation");
        assert_eq!(pascal_case("3d"), "V3d");
    }
}
