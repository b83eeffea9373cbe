//! The typed context issues carry beyond the catalog's own words (a field's expected type and range come
//! rendered from the generator, in its `labels`): the value seen, and what is wrong with the object form of
//! inline media. Each renders itself into a message.

use serde_json::Number;
use std::fmt;

/// The value a caller gave, as much of it as a message shows: `8.5` and `"8"` are shown, other values only by
/// their type (an inline image is never copied into a message).
#[derive(Debug, Clone, PartialEq)]
pub enum Seen {
    Null,
    Bool(bool),
    Number(Number),
    /// NaN or an infinity, which only the bindings' hosts can pass.
    NonFinite(f64),
    /// A string short enough to quote ([`Seen::QUOTED_CHARS`] characters at most).
    String(String),
    /// A longer string, shown by its type only.
    LongString,
    Array,
    Object,
}

impl Seen {
    /// Strings up to this many characters are quoted in messages.
    pub const QUOTED_CHARS: usize = 32;

    /// A string seen, quoted when short (the string is moved in, not copied).
    pub fn string(text: String) -> Self {
        if text.chars().count() <= Self::QUOTED_CHARS {
            Seen::String(text)
        } else {
            Seen::LongString
        }
    }
}

impl fmt::Display for Seen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Seen::Null => f.write_str("null"),
            Seen::Bool(flag) => write!(f, "the boolean {flag}"),
            Seen::Number(number) => write!(f, "the number {number}"),
            Seen::NonFinite(number) => write!(f, "the number {number}"),
            Seen::String(text) => write!(f, "the string {text:?}"),
            Seen::LongString => f.write_str("a string"),
            Seen::Array => f.write_str("an array"),
            Seen::Object => f.write_str("an object"),
        }
    }
}

/// What is wrong with `{"type": tag, tag: {"url": ...}}`, the object form of inline media (`tag` is
/// `image_url` or `video_url`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectFormProblem {
    /// `type` is absent or not the tag.
    WrongType,
    /// A key besides `type` and the tag.
    UnexpectedKey(String),
    /// The tag's member is absent or not an object.
    MissingInner,
    /// A key besides `url` in the tag's member.
    UnexpectedInnerKey(String),
    /// `url` is absent or not a string.
    MissingUrl,
}

impl ObjectFormProblem {
    /// The problem as the end of a sentence about the object of this `tag`.
    pub(crate) fn describe<'a>(&'a self, tag: &'a str) -> impl fmt::Display + 'a {
        Described { problem: self, tag }
    }
}

struct Described<'a> {
    problem: &'a ObjectFormProblem,
    tag: &'a str,
}

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = self.tag;
        match self.problem {
            ObjectFormProblem::WrongType => write!(f, "must have \"type\": \"{tag}\""),
            ObjectFormProblem::UnexpectedKey(key) => write!(
                f,
                "has an unexpected key `{key}` (expected only `type` and `{tag}`)"
            ),
            ObjectFormProblem::MissingInner => write!(f, "must have a `{tag}` object"),
            ObjectFormProblem::UnexpectedInnerKey(key) => write!(
                f,
                "has an unexpected key `{tag}.{key}` (expected only `url`)"
            ),
            ObjectFormProblem::MissingUrl => write!(f, "must have a string `{tag}.url`"),
        }
    }
}
