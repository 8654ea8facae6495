//! CSV and TSV (the first byte's low bit picks the delimiter): any bytes;
//! warnings name the source and line, article keys are unique and ordered.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wiretrace::input::{Compression, Format};
use wiretrace_fuzz::readers::{check_common, read, source};

fuzz_target!(|data: &[u8]| {
    let [selector, content @ ..] = data else { return };
    let delimiter = if selector & 1 == 0 { b',' } else { b'\t' };
    let source = source(Format::Csv { delimiter }, Compression::None);
    check_common(&read(content, &source), &source, Some(content));
});
