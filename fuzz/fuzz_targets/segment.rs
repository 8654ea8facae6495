//! Paragraph segmenter: spans ordered, disjoint, trimmed, on char
//! boundaries, covering every non-space character, never across a break.
//! The first byte picks the separator: none, ` ### `, or the next 1 to 4
//! bytes of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wiretrace::segment;
use wiretrace_fuzz::text::check_segment;
use wiretrace_fuzz::text_of;

fuzz_target!(|data: &[u8]| {
    let [selector, rest @ ..] = data else { return };
    let (separator, body) = match selector % 4 {
        0 | 1 => (None, rest),
        2 => (Some(" ### ".to_string()), rest),
        _ => {
            let n = usize::from(selector / 4 % 4 + 1).min(rest.len());
            let (sep, body) = rest.split_at(n);
            (Some(text_of(sep)), body)
        }
    };
    let text = text_of(body);
    check_segment(&text, separator.as_deref());
    if separator.is_none() {
        let detected = segment::detect_separator(&text);
        check_segment(&text, detected);
        let _ = segment::detect_file_separator(text.split('\n'));
    }
});
