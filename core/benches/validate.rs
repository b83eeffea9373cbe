//! `cargo bench -p omixa --bench validate`: validate-and-normalize on the published example payloads, beside the
//! `jsonschema` crate validating the same payloads against the emitted JSON Schema (all-errors mode) in the
//! same run, so the ratio holds on a noisy machine.
//!
//! Payloads: text-only (the Lite published example without its image), the published example with a 1 MiB
//! inline PNG, and an invalid request with three errors. Both sides render the message of every error they
//! report, so the invalid case compares like with like (omixa renders its sentences only when asked;
//! `jsonschema` formats its errors on `Display`). Aims: text-only no slower than the crate, the 1 MiB image
//! under 150 µs, three errors with their messages no slower than the crate.
//!
//! `text_only_from_text` starts from the text-only request as JSON text (what the bindings' JSON entry points
//! get): omixa reads it into a `HostValue`, the crate into the `serde_json::Value` it needs, inside the timing.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use omixa::validate::HostValue;
use serde_json::{Value, json};
use std::hint::black_box;
use std::path::Path;

fn text_only() -> Value {
    json!({
        "model": "veo-3.1-lite-generate-001",
        "prompt": "A smooth camera move through a neural network converging into one API endpoint.",
        "video_operation": "text_to_video",
        "duration_seconds": 8,
        "aspect_ratio": "16:9",
        "resolution": "720p",
        "sample_count": 1,
        "wait_seconds": 3,
        "poll_interval_seconds": 2
    })
}

/// The published example with a 1 MiB image: a PNG signature followed by filler, base64-encoded.
fn with_image() -> Value {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    bytes.extend((0..(1 << 20) - 8).map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let url = omixa::media::data_url(&bytes, Some("image/png")).expect("media type is well-formed");
    let mut request = text_only();
    request["video_operation"] = json!("image_to_video");
    request["start_frame"] = json!({"type": "image_url", "image_url": {"url": url}});
    request
}

fn three_errors() -> Value {
    json!({
        "model": "veo-3.1-lite-generate-001",
        "prompt": "A lighthouse at dawn",
        "seconds": 45,
        "aspect_ratio": "4:3",
        "durations": 8
    })
}

fn schema_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../generated/schema/veo-3.1-lite-generate-001.request.schema.json");
    let text = std::fs::read_to_string(&path).expect("run `cargo run -p omixa-codegen` first");
    let schema: Value = serde_json::from_str(&text).expect("the emitted schema is JSON");
    jsonschema::validator_for(&schema).expect("the emitted schema compiles")
}

fn bench(c: &mut Criterion) {
    let validator = schema_validator();
    let payloads = [
        ("text_only", text_only()),
        ("image_1mib", with_image()),
        ("three_errors", three_errors()),
    ];
    for (name, payload) in payloads {
        let mut group = c.benchmark_group(name);
        let expected_valid = name != "three_errors";
        assert_eq!(
            omixa::validate(payload.clone()).is_ok(),
            expected_valid,
            "{name} omixa"
        );
        assert_eq!(
            validator.is_valid(&payload),
            expected_valid,
            "{name} jsonschema"
        );
        // Outputs (the normalized request, or the issues and their messages) are dropped after timing, as
        // criterion does for `iter_batched`; both sides are timed the same way.
        group.bench_function("omixa_validate", |b| {
            b.iter_batched(
                || payload.clone(),
                |payload| {
                    omixa::validate(black_box(payload)).map_err(|error| {
                        let messages: Vec<String> =
                            error.issues.iter().map(omixa::Issue::message).collect();
                        (error, messages)
                    })
                },
                BatchSize::SmallInput,
            )
        });
        group.bench_function("jsonschema_all_errors", |b| {
            b.iter_batched(
                || (),
                |()| {
                    validator
                        .iter_errors(black_box(&payload))
                        .map(|error| error.to_string())
                        .collect::<Vec<String>>()
                },
                BatchSize::SmallInput,
            )
        });
        group.finish();
    }
    let text = text_only().to_string();
    let mut group = c.benchmark_group("text_only_from_text");
    group.bench_function("omixa_validate", |b| {
        b.iter_batched(
            || (),
            |()| serde_json::from_str::<HostValue>(black_box(&text)).map(omixa::validate),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("jsonschema_all_errors", |b| {
        b.iter_batched(
            || (),
            |()| {
                serde_json::from_str::<Value>(black_box(&text)).map(|payload| {
                    validator
                        .iter_errors(&payload)
                        .map(|error| error.to_string())
                        .collect::<Vec<String>>()
                })
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
