//! Aligner: passages in bounds on char boundaries of both texts, long
//! enough, ordered and disjoint in text a, deterministic. The first two
//! bytes set the parameters; the rest is text a and text b, split at the
//! first NUL byte (or in the middle when there is none).
#![no_main]

use libfuzzer_sys::fuzz_target;
use wiretrace::align::AlignParams;
use wiretrace_fuzz::text::check_align;
use wiretrace_fuzz::{floor_char, text_of};

fuzz_target!(|data: &[u8]| {
    let [p0, p1, rest @ ..] = data else { return };
    let params = AlignParams {
        min_bytes: usize::from(p0 % 64),
        max_gap: u32::from(p0 / 64),
        verbatim_words: usize::from(p1 % 8),
        keep_stopwords: p1 & 8 == 0,
        min_cosine: if p1 & 16 == 0 { 0.33 } else { 0.1 },
        min_dice: if p1 & 16 == 0 { 0.33 } else { 0.1 },
        summary_gap: if p1 & 32 == 0 { 24 } else { 2 },
        ..AlignParams::default()
    };
    let text = text_of(rest);
    let cut = text.find('\0').unwrap_or_else(|| floor_char(&text, text.len() / 2));
    let (a, b) = text.split_at(cut);
    let b = b.strip_prefix('\0').unwrap_or(b);
    check_align(a, b, &params);
    check_align(b, a, &params);
});
