//! Plain text files: any bytes read as one article whose text is the
//! file's, or as one warning (empty, binary), never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wiretrace::input::{Compression, Format};
use wiretrace_fuzz::readers::{check_common, check_text, read, source};

fuzz_target!(|data: &[u8]| {
    let source = source(Format::Text, Compression::None);
    let items = read(data, &source);
    check_common(&items, &source, Some(data));
    check_text(&items, data);
});
