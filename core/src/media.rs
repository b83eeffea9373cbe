//! Inline media: base64 data URLs for images and videos.
//!
//! Checking a data URL is one SIMD pass over its base64 text ([`base64_simd`]'s `check`), with no decode into a
//! second buffer; only the first few bytes are decoded, onto the stack, to sniff what the data really is.
//! Building one from bytes ([`data_url`]) sniffs the media type ([`infer`]) and encodes with the same SIMD
//! encoder straight into the output string.

use std::fmt;

/// An inline image in the object form the gateway takes: `{"type": "image_url", "image_url": {"url": ...}}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InlineImage {
    #[serde(rename = "type")]
    pub kind: ImageUrlTag,
    pub image_url: ImageUrl,
}

impl InlineImage {
    /// Wraps a data URL (not checked here; validation checks it).
    pub fn from_data_url(url: impl Into<String>) -> Self {
        InlineImage {
            kind: ImageUrlTag::ImageUrl,
            image_url: ImageUrl { url: url.into() },
        }
    }

    /// Reads an image file into an inline image, sniffing its media type from the bytes.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Self, MediaError> {
        Ok(Self::from_data_url(data_url_from_path(path)?))
    }

    /// The object form as JSON.
    pub fn to_value(&self) -> serde_json::Value {
        image_object(self.image_url.url.clone())
    }
}

/// The constant `"image_url"` tag of [`InlineImage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ImageUrlTag {
    #[default]
    #[serde(rename = "image_url")]
    ImageUrl,
}

/// The `image_url` member of [`InlineImage`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImageUrl {
    /// A `data:<media type>;base64,<data>` URL.
    pub url: String,
}

/// A source video: an operation id or URL, or an inline video.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum VideoSource {
    /// An operation id, a URL, or a `data:video/mp4;base64,...` URL.
    Reference(String),
    /// `{"type": "video_url", "video_url": {"url": "data:video/mp4;base64,..."}}`.
    Inline(InlineVideo),
}

/// An inline video in object form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InlineVideo {
    #[serde(rename = "type")]
    pub kind: VideoUrlTag,
    pub video_url: ImageUrl,
}

/// The constant `"video_url"` tag of [`InlineVideo`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum VideoUrlTag {
    #[default]
    #[serde(rename = "video_url")]
    VideoUrl,
}

/// The JSON object form of an inline image around a data URL (moved, not copied).
pub fn image_object(url: String) -> serde_json::Value {
    let mut image_url = serde_json::Map::with_capacity(1);
    image_url.insert("url".to_owned(), serde_json::Value::String(url));
    let mut object = serde_json::Map::with_capacity(2);
    object.insert(
        "type".to_owned(),
        serde_json::Value::String("image_url".to_owned()),
    );
    object.insert("image_url".to_owned(), serde_json::Value::Object(image_url));
    serde_json::Value::Object(object)
}

/// The two kinds of inline media, and how each is written in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Image,
    Video,
}

impl MediaKind {
    /// The tag of the object form: `{"type": tag, tag: {"url": ...}}`.
    pub fn tag(self) -> &'static str {
        match self {
            MediaKind::Image => "image_url",
            MediaKind::Video => "video_url",
        }
    }

    /// What it is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            MediaKind::Image => "the image",
            MediaKind::Video => "the video",
        }
    }

    /// The JSON pointer from the object form to its URL.
    pub fn url_pointer(self) -> &'static str {
        match self {
            MediaKind::Image => "/image_url/url",
            MediaKind::Video => "/video_url/url",
        }
    }

    /// How to write it right, for a malformed object form.
    pub fn object_example(self) -> &'static str {
        match self {
            MediaKind::Image => {
                "use {\"type\": \"image_url\", \"image_url\": {\"url\": \"data:image/png;base64,...\"}} or the data URL alone"
            }
            MediaKind::Video => {
                "use an operation id, or {\"type\": \"video_url\", \"video_url\": {\"url\": \"data:video/mp4;base64,...\"}}"
            }
        }
    }
}

/// Why a data URL is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataUrlProblem {
    /// Does not start with `data:`.
    NotDataUrl,
    /// No `;base64,` marker: only base64 data URLs are accepted.
    NotBase64,
    /// The declared media type is not one of the accepted ones.
    MediaTypeNotAccepted { declared: String },
    /// Nothing after the comma.
    EmptyData,
    /// The data is not well-formed standard base64 (alphabet, padding, length).
    MalformedBase64,
    /// The bytes are not of the declared type (or of no known type).
    ContentMismatch {
        declared: String,
        sniffed: Option<&'static str>,
    },
}

impl fmt::Display for DataUrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataUrlProblem::NotDataUrl => f.write_str("is not a data URL (expected `data:<media type>;base64,<data>`)"),
            DataUrlProblem::NotBase64 => f.write_str("is not a base64 data URL (expected `;base64,` after the media type)"),
            DataUrlProblem::MediaTypeNotAccepted { declared } => write!(f, "declares media type `{declared}`"),
            DataUrlProblem::EmptyData => f.write_str("has no data after `base64,`"),
            DataUrlProblem::MalformedBase64 => {
                f.write_str("has data that is not well-formed base64 (standard alphabet, padded to a multiple of 4)")
            }
            DataUrlProblem::ContentMismatch { declared, sniffed: Some(sniffed) } => {
                write!(f, "declares `{declared}` but its data is `{sniffed}`")
            }
            DataUrlProblem::ContentMismatch { declared, sniffed: None } => {
                write!(f, "declares `{declared}` but its data is not a recognizable `{declared}` file")
            }
        }
    }
}

/// The parts of a well-formed base64 data URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataUrl<'a> {
    /// The declared media type, as written (compared case-insensitively).
    pub media_type: &'a str,
    /// The base64 text.
    pub data: &'a str,
}

/// Enough base64 characters to sniff any signature we check (24 bytes covers PNG, JPEG, WebP and MP4 `ftyp`).
const SNIFF_CHARS: usize = 32;

/// Checks that `url` is a base64 data URL of one of `accepted` media types whose bytes really are of that type.
///
/// One pass over the base64 text, no allocation, no decode into a second buffer.
pub fn check_data_url<'a>(url: &'a str, accepted: &[&str]) -> Result<DataUrl<'a>, DataUrlProblem> {
    let rest = strip_prefix_ignore_case(url, "data:").ok_or(DataUrlProblem::NotDataUrl)?;
    let comma = rest.find(',').ok_or(DataUrlProblem::NotBase64)?;
    let (header, data) = (&rest[..comma], &rest[comma + 1..]);
    let mut params = header.split(';');
    let media_type = params.next().unwrap_or_default().trim();
    if !params.any(|param| param.trim().eq_ignore_ascii_case("base64")) {
        return Err(DataUrlProblem::NotBase64);
    }
    if !accepted
        .iter()
        .any(|accepted| accepted.eq_ignore_ascii_case(media_type))
    {
        return Err(DataUrlProblem::MediaTypeNotAccepted {
            declared: media_type.to_owned(),
        });
    }
    if data.is_empty() {
        return Err(DataUrlProblem::EmptyData);
    }
    base64_simd::STANDARD
        .check(data.as_bytes())
        .map_err(|_| DataUrlProblem::MalformedBase64)?;
    let sniffed = sniff_base64_prefix(data);
    if !sniffed.is_some_and(|sniffed| sniffed.eq_ignore_ascii_case(media_type)) {
        return Err(DataUrlProblem::ContentMismatch {
            declared: media_type.to_owned(),
            sniffed,
        });
    }
    Ok(DataUrl { media_type, data })
}

/// Sniffs the media type of base64 data from its first bytes, decoded onto the stack.
fn sniff_base64_prefix(data: &str) -> Option<&'static str> {
    // A prefix of whole 4-character groups decodes on its own; the full text was already checked.
    let take = data.len().min(SNIFF_CHARS) / 4 * 4;
    let mut prefix = [0u8; SNIFF_CHARS / 4 * 3];
    let decoded = base64_simd::STANDARD
        .decode(
            &data.as_bytes()[..take],
            base64_simd::Out::from_slice(&mut prefix),
        )
        .ok()?;
    sniff(decoded)
}

/// The media type of these bytes, from their signature, if it is one we know.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    infer::get(bytes).map(|kind| kind.mime_type())
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Building a data URL from bytes failed.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error(
        "cannot tell the media type of the data (no known signature); pass the media type explicitly"
    )]
    UnknownMediaType,
    #[error("`{0}` is not a valid media type (expected `type/subtype`)")]
    InvalidMediaType(String),
    #[error("cannot read {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Builds `data:<media type>;base64,<data>` from bytes. The media type is sniffed from the bytes unless given.
pub fn data_url(bytes: &[u8], media_type: Option<&str>) -> Result<String, MediaError> {
    let media_type = match media_type {
        Some(given) => {
            let valid = given.split_once('/').is_some_and(|(kind, sub)| {
                let token = |part: &str| {
                    !part.is_empty()
                        && part
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
                };
                token(kind) && token(sub)
            });
            if !valid {
                return Err(MediaError::InvalidMediaType(given.to_owned()));
            }
            given
        }
        None => sniff(bytes).ok_or(MediaError::UnknownMediaType)?,
    };
    let prefix_len = "data:".len() + media_type.len() + ";base64,".len();
    let mut url =
        String::with_capacity(prefix_len + base64_simd::STANDARD.encoded_length(bytes.len()));
    url.push_str("data:");
    url.push_str(media_type);
    url.push_str(";base64,");
    base64_simd::STANDARD.encode_append(bytes, &mut url);
    Ok(url)
}

/// Reads a file and builds its data URL, sniffing the media type from its bytes.
pub fn data_url_from_path(path: impl AsRef<std::path::Path>) -> Result<String, MediaError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| MediaError::Read {
        path: path.to_owned(),
        source,
    })?;
    data_url(&bytes, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1×1 transparent PNG.
    pub(crate) const PNG_1X1: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    const IMAGES: &[&str] = &["image/png", "image/jpeg", "image/webp"];

    #[test]
    fn builds_and_checks_a_png_data_url() {
        let url = data_url(PNG_1X1, None).expect("png is sniffed");
        assert!(url.starts_with("data:image/png;base64,iVBORw0KGgo"));
        let parts = check_data_url(&url, IMAGES).expect("well-formed");
        assert_eq!(parts.media_type, "image/png");
    }

    #[test]
    fn rejects_each_malformation_with_its_own_problem() {
        let good = data_url(PNG_1X1, None).expect("png");
        let data = good.trim_start_matches("data:image/png;base64,");
        let cases = [
            (
                "https://example.com/a.png".to_owned(),
                DataUrlProblem::NotDataUrl,
            ),
            (format!("data:image/png,{data}"), DataUrlProblem::NotBase64),
            (
                format!("data:image/gif;base64,{data}"),
                DataUrlProblem::MediaTypeNotAccepted {
                    declared: "image/gif".into(),
                },
            ),
            (
                "data:image/png;base64,".to_owned(),
                DataUrlProblem::EmptyData,
            ),
            (
                format!("data:image/png;base64,{}", &data[1..]),
                DataUrlProblem::MalformedBase64,
            ),
            (
                "data:image/png;base64,<base64-start-frame>".to_owned(),
                DataUrlProblem::MalformedBase64,
            ),
            (
                format!("data:image/jpeg;base64,{data}"),
                DataUrlProblem::ContentMismatch {
                    declared: "image/jpeg".into(),
                    sniffed: Some("image/png"),
                },
            ),
            (
                "data:image/png;base64,AAAAAAAA".to_owned(),
                DataUrlProblem::ContentMismatch {
                    declared: "image/png".into(),
                    sniffed: None,
                },
            ),
        ];
        for (url, expected) in cases {
            assert_eq!(check_data_url(&url, IMAGES), Err(expected), "{url}");
        }
    }

    #[test]
    fn media_type_and_prefix_compare_case_insensitively() {
        let url = data_url(PNG_1X1, None)
            .expect("png")
            .replace("data:image/png", "DATA:Image/PNG");
        assert!(check_data_url(&url, IMAGES).is_ok());
    }

    #[test]
    fn explicit_media_type_is_checked_for_shape() {
        assert!(matches!(
            data_url(b"xyz", None),
            Err(MediaError::UnknownMediaType)
        ));
        assert!(matches!(
            data_url(b"xyz", Some("png")),
            Err(MediaError::InvalidMediaType(_))
        ));
        assert_eq!(
            data_url(b"xyz", Some("text/plain")).expect("given"),
            "data:text/plain;base64,eHl6"
        );
    }
}
