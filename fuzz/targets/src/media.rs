//! The data-URL checks and builder of inline media (`omixa::media`).

use omixa::catalog::FieldKind;
use omixa::media;
use std::sync::OnceLock;

/// Every distinct list of accepted media types in the catalog.
fn accepted_lists() -> &'static [&'static [&'static str]] {
    static LISTS: OnceLock<Vec<&'static [&'static str]>> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut lists: Vec<&'static [&'static str]> = Vec::new();
        for field in omixa::models().iter().flat_map(|model| model.fields) {
            if let FieldKind::InlineImage { media_types }
            | FieldKind::InlineImageList { media_types }
            | FieldKind::VideoSource { media_types } = &field.kind
                && !lists.contains(media_types)
            {
                lists.push(media_types);
            }
        }
        lists
    })
}

/// Checks the input (as UTF-8, lossily) as a data URL against each list of accepted types of the catalog, and
/// builds a data URL from the raw bytes.
///
/// Invariants: an accepted URL declares an accepted type, its whole data decodes, and the decoded bytes sniff
/// as the declared type (not just their first bytes); a data URL built from bytes of a type the catalog
/// accepts passes the check for that type.
pub fn media(data: &[u8]) {
    let url = String::from_utf8_lossy(data);
    for accepted in accepted_lists() {
        match media::check_data_url(&url, accepted) {
            Ok(parts) => check_accepted(&url, parts, accepted),
            Err(problem) => assert!(!problem.to_string().is_empty()),
        }
    }
    check_built(data);
}

fn check_accepted(url: &str, parts: media::DataUrl<'_>, accepted: &[&str]) {
    assert!(
        accepted
            .iter()
            .any(|accepted| accepted.eq_ignore_ascii_case(parts.media_type)),
        "accepted an undeclared type: {url}"
    );
    assert!(
        !parts.data.is_empty() && url.ends_with(parts.data),
        "the data is not the URL's tail: {url}"
    );
    let bytes = base64_simd::STANDARD
        .decode_to_vec(parts.data)
        .unwrap_or_else(|error| panic!("accepted data that does not decode ({error}): {url}"));
    let sniffed = media::sniff(&bytes);
    assert!(
        sniffed.is_some_and(|sniffed| sniffed.eq_ignore_ascii_case(parts.media_type)),
        "accepted as {} data that sniffs as {sniffed:?}: {url}",
        parts.media_type
    );
}

fn check_built(bytes: &[u8]) {
    let Ok(url) = media::data_url(bytes, None) else {
        return;
    };
    let sniffed = media::sniff(bytes).expect("a built URL had a sniffed type");
    assert!(url.starts_with(&format!("data:{sniffed};base64,")), "{url}");
    for accepted in accepted_lists() {
        if accepted.contains(&sniffed) {
            let checked = media::check_data_url(&url, accepted);
            assert!(
                checked.is_ok(),
                "a data URL built from {sniffed} bytes fails its check: {checked:?}"
            );
        }
    }
}
