//! Fuzz target: arbitrary bytes as a YAML manifest through the validator.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = podplay_engine::check(&text);
});
