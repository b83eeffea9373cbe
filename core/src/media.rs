//! Inline media: data URLs for images and videos, checked in one pass without decoding, and built from bytes
//! with a SIMD base64 encoder.

/// An inline image in the object form the gateway takes: `{"type": "image_url", "image_url": {"url": ...}}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InlineImage {
    #[serde(rename = "type")]
    pub kind: ImageUrlTag,
    pub image_url: ImageUrl,
}

/// The constant `"image_url"` tag of [`InlineImage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ImageUrlTag {
    #[default]
    #[serde(rename = "image_url")]
    ImageUrl,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImageUrl {
    /// A `data:<media type>;base64,<data>` URL.
    pub url: String,
}

/// A source video: an operation id or URL, or an inline video data URL.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum VideoSource {
    Reference(String),
}
