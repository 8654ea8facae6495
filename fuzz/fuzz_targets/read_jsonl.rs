//! JSON Lines: any bytes; warnings name the source and line, keys are
//! unique, and no non-blank line is dropped without a word.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wiretrace::input::{Compression, Format};
use wiretrace_fuzz::readers::{check_common, check_jsonl, read, source};

fuzz_target!(|data: &[u8]| {
    let source = source(Format::Jsonl, Compression::None);
    let items = read(data, &source);
    check_common(&items, &source, Some(data));
    check_jsonl(&items, data);
});
