//! How catalog names become identifiers. The rules are deterministic and documented in `spec/README.md`;
//! the resolver reports any two names that come out equal.

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

/// Enum variants for accepted values: like [`pascal_case`], but where a separator stood between two digits it
/// becomes `_` so that numbers stay apart (`16:9` → `V16_9`, `720p` → `V720p`, `1280x720` → `V1280x720`,
/// `text_to_video` → `TextToVideo`).
pub fn variant_name(value: &str) -> String {
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

/// Rust modules: lowercase, every other character `_` (`veo-3.1-lite-generate-001` → `veo_3_1_lite_generate_001`).
pub fn module_name(id: &str) -> String {
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

/// Statics: uppercase, every other character `_` (`google_veo_video_jobs` → `GOOGLE_VEO_VIDEO_JOBS`).
pub fn screaming_snake_case(name: &str) -> String {
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

/// The Rust identifier for a field name; keywords become raw identifiers, which serde still spells plainly.
pub fn field_ident(name: &str) -> String {
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
        assert_eq!(
            pascal_case("veo-3.1-lite-generate-001"),
            "Veo31LiteGenerate001"
        );
        assert_eq!(pascal_case("video_operation"), "VideoOperation");
        assert_eq!(variant_name("16:9"), "V16_9");
        assert_eq!(variant_name("1:1"), "V1_1");
        assert_eq!(variant_name("720p"), "V720p");
        assert_eq!(variant_name("1280x720"), "V1280x720");
        assert_eq!(variant_name("text_to_video"), "TextToVideo");
        assert_eq!(
            module_name("veo-3.1-lite-generate-001"),
            "veo_3_1_lite_generate_001"
        );
        assert_eq!(
            screaming_snake_case("google_veo_video_jobs"),
            "GOOGLE_VEO_VIDEO_JOBS"
        );
        assert_eq!(serde_snake_case("TextToVideo"), "text_to_video");
        assert_eq!(field_ident("type"), "r#type");
    }
}
