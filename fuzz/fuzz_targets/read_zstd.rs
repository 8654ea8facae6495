//! zstd-compressed input of any format: broken streams are warnings, and a
//! valid stream (in one frame or two) reads exactly as its content does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wiretrace::input::Compression;
use wiretrace_fuzz::readers::check_compressed;

fuzz_target!(|data: &[u8]| check_compressed(data, Compression::Zstd));
