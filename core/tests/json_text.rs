//! JSON text read as a `HostValue` (the cheap way to validate text) must validate exactly as the
//! `serde_json::Value` of the same text: on every shared vector, on every text of the `request_text` fuzz
//! corpus, and on texts that repeat a key.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a test reports failures by panicking"
)]

use omixa::ValidateOptions;
use omixa::validate::HostValue;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn repository(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

/// Reads `text` both ways and checks they agree: both fail with the same error, or both validate alike in
/// strict and lenient mode. Returns whether the text was JSON.
fn check_alike(text: &str, origin: &Path) -> bool {
    let host = serde_json::from_str::<HostValue>(text);
    let json = serde_json::from_str::<Value>(text);
    let (host, json) = match (host, json) {
        (Ok(host), Ok(json)) => (host, json),
        (Err(host), Err(json)) => {
            assert_eq!(host.to_string(), json.to_string(), "{}", origin.display());
            return false;
        }
        (host, json) => panic!(
            "{}: read as a host value {:?}, as JSON {:?}",
            origin.display(),
            host.err(),
            json.err()
        ),
    };
    for lenient in [false, true] {
        let options = ValidateOptions::default().with_lenient(lenient);
        let from_host = omixa::validate_with(host.clone(), &options);
        let from_json = omixa::validate_with(json.clone(), &options);
        assert_eq!(
            from_host,
            from_json,
            "{} (lenient {lenient})",
            origin.display()
        );
        // `Validated`'s `==` compares the fields in order; the serialized request shows the key order too.
        if let (Ok(from_host), Ok(from_json)) = (from_host, from_json) {
            assert_eq!(
                serde_json::to_string(&from_host).unwrap(),
                serde_json::to_string(&from_json).unwrap(),
                "{}",
                origin.display()
            );
        }
    }
    true
}

#[test]
fn every_vector_validates_alike_from_text() {
    let mut paths = Vec::new();
    files(&repository("tests/vectors"), &mut paths);
    let vectors: Vec<&PathBuf> = paths
        .iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    assert!(vectors.len() > 50, "the shared vectors were not found");
    for path in vectors {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        // Both the compact and the pretty text (whitespace is the reader's business, not validation's).
        let compact = serde_json::to_string(&case["request"]).unwrap();
        let pretty = serde_json::to_string_pretty(&case["request"]).unwrap();
        assert!(check_alike(&compact, path));
        assert!(check_alike(&pretty, path));
    }
}

#[test]
fn every_fuzz_corpus_text_reads_and_validates_alike() {
    let mut paths = Vec::new();
    files(&repository("fuzz/corpus/request_text"), &mut paths);
    assert!(paths.len() > 50, "the request_text corpus was not found");
    let mut json_texts = 0;
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            json_texts += usize::from(check_alike(text, path));
        }
    }
    assert!(
        json_texts > 10,
        "too few of the corpus texts are JSON to compare"
    );
}

#[test]
fn a_repeated_key_keeps_its_first_place_and_its_last_value() {
    let texts = [
        // A valid request whose `prompt` comes twice: the second value, in the first place.
        r#"{"model": "veo-3.1-lite-generate-001", "prompt": 5, "seconds": 8, "prompt": "a lighthouse"}"#,
        // The other way round: the last value is invalid.
        r#"{"model": "veo-3.1-lite-generate-001", "prompt": "a lighthouse", "prompt": 5}"#,
        // Inside inline media, and the model itself.
        r#"{"model": "nope", "model": "veo-3.1-lite-generate-001", "prompt": "x",
            "start_frame": {"type": "video_url", "image_url": {"url": "x", "url": "data:image/png;base64,iVBORw0KGgo="},
            "type": "image_url"}}"#,
    ];
    for text in texts {
        assert!(check_alike(text, Path::new(text)));
    }
    let first = serde_json::from_str::<HostValue>(texts[0]).unwrap();
    let HostValue::Object(entries) = first else {
        panic!("an object reads as an object");
    };
    let keys: Vec<&str> = entries.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, ["model", "prompt", "seconds"]);
    assert_eq!(entries[1].1, HostValue::String("a lighthouse".into()));
}

#[test]
fn an_object_of_many_keys_with_a_repeat_reads_like_json() {
    // Past the size compared pairwise: the repeat is found by hashing.
    let mut text = String::from("{");
    for index in 0..100 {
        text.push_str(&format!("\"k{index}\": {index}, "));
    }
    text.push_str("\"k7\": \"last\", \"model\": \"veo-3.1-lite-generate-001\"}");
    assert!(check_alike(&text, Path::new("many keys")));
    let host = serde_json::from_str::<HostValue>(&text).unwrap();
    let json = serde_json::from_str::<Value>(&text).unwrap();
    assert_eq!(host.into_json(), Some(json));
}
