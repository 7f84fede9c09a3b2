#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| upfront::fuzzing::sms(data));
