#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| omixa_fuzz_targets::request_json(data));
