//! Normalizer: every token of a span maps back into the original text on
//! char boundaries and is exactly the folded letters of its slice. The
//! first four bytes choose the span (two 16-bit ends, moved down to char
//! boundaries) and the hash seed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wiretrace::segment::Span;
use wiretrace_fuzz::text::check_normalize;
use wiretrace_fuzz::{floor_char, text_of};

fuzz_target!(|data: &[u8]| {
    let [x0, x1, y0, y1, rest @ ..] = data else { return };
    let text = text_of(rest);
    let x = floor_char(&text, usize::from(u16::from_le_bytes([*x0, *x1])));
    let y = floor_char(&text, usize::from(u16::from_le_bytes([*y0, *y1])));
    let seed = u64::from(*x0) << 8 | u64::from(*y0);
    check_normalize(&text, Span { start: 0, end: text.len() }, seed);
    check_normalize(&text, Span { start: x.min(y), end: x.max(y) }, seed);
});
