//! Where a result goes: the file name (from the job, never from the URL) and the URL's transport check.
//!
//! A name is `<stem>-<index>.<extension>`: the stem (the operation's last path segment unless the caller
//! chose one) reduced to `[A-Za-z0-9._-]`, the extension from the content type. It is one plain path
//! component, so nothing the gateway sends can place a file outside the output folder.

use crate::client::builder::check_transport;
use crate::client::error::Error;
use std::path::{Component, Path};
use url::Url;

/// Longest stem of a file name.
const MAX_STEM_CHARS: usize = 96;

/// Extensions of the video types a result may have; anything else is saved as `.bin`.
const VIDEO_EXTENSIONS: &[(&str, &str)] = &[
    ("video/mp4", "mp4"),
    ("video/webm", "webm"),
    ("video/quicktime", "mov"),
    ("video/x-matroska", "mkv"),
    ("video/mpeg", "mpeg"),
];

pub(super) fn result_url(text: &str) -> Result<Url, Error> {
    let invalid = |message: String| Error::InvalidResponse {
        status: 200,
        message,
    };
    let url = Url::parse(text)
        .map_err(|error| invalid(format!("result URL {text:?} is not a URL: {error}")))?;
    check_transport(&url).map_err(invalid)?;
    Ok(url)
}

/// `<stem>-<index>.<extension>`: a single, plain path component whatever the inputs.
pub(crate) fn file_name(stem: &str, index: usize, content_type: Option<&str>) -> String {
    let last_segment = stem
        .rsplit('/')
        .find(|segment| !segment.is_empty())
        .unwrap_or_default();
    let sanitized: String = last_segment
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.') {
                ch
            } else {
                '_'
            }
        })
        .take(MAX_STEM_CHARS)
        .collect();
    // No leading dot (hidden files, `..`) or dash (read as an option by shell tools).
    let stem = sanitized.trim_start_matches(['.', '-']);
    let stem = if stem.is_empty() { "video" } else { stem };
    let name = format!("{stem}-{index}.{}", extension(content_type));
    debug_assert!(matches!(
        Path::new(&name).components().collect::<Vec<_>>()[..],
        [Component::Normal(_)]
    ));
    name
}

fn extension(content_type: Option<&str>) -> &'static str {
    let media_type = content_type
        .and_then(|value| value.split(';').next())
        .map(str::trim)
        .unwrap_or_default();
    VIDEO_EXTENSIONS
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(media_type))
        .map_or("bin", |(_, extension)| extension)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_operation_and_content_type() {
        assert_eq!(file_name("op_1a2b", 0, Some("video/mp4")), "op_1a2b-0.mp4");
        assert_eq!(
            file_name(
                "projects/p/operations/abc-123",
                2,
                Some("video/webm; codecs=vp9")
            ),
            "abc-123-2.webm"
        );
        assert_eq!(
            file_name("op", 1, Some("application/octet-stream")),
            "op-1.bin"
        );
        assert_eq!(file_name("op", 1, None), "op-1.bin");
    }

    #[test]
    fn hostile_operations_cannot_leave_the_folder() {
        for hostile in [
            "../../escape",
            "..",
            "/",
            "",
            "..\\..\\escape",
            "-rf",
            ".bashrc",
            "a/../../b",
            "C:\\x",
            "x\0y",
        ] {
            let name = file_name(hostile, 0, Some("video/mp4"));
            let components: Vec<_> = Path::new(&name).components().collect();
            assert!(
                matches!(components[..], [Component::Normal(_)]),
                "{hostile:?} gave {name:?}"
            );
            assert!(
                !name.starts_with('.') && !name.starts_with('-'),
                "{hostile:?} gave {name:?}"
            );
        }
        assert_eq!(
            file_name("../../escape", 0, Some("video/mp4")),
            "escape-0.mp4"
        );
        assert_eq!(file_name("..", 0, Some("video/mp4")), "video-0.mp4");
    }

    #[test]
    fn result_urls_follow_the_transport_rule() {
        assert!(result_url("https://storage.example/v.mp4").is_ok());
        assert!(result_url("http://127.0.0.1:9/files/x").is_ok());
        assert_eq!(
            result_url("http://storage.example/v.mp4")
                .map_err(|error| error.kind())
                .err(),
            Some("invalid_response")
        );
        assert!(result_url("file:///etc/passwd").is_err());
    }
}
