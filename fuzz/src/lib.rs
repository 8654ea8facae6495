//! Checks shared by the fuzz targets: each target turns libFuzzer's bytes
//! into an input of one stage and asserts that stage's invariants here.

pub mod readers;
pub mod text;

/// The bytes as text: valid UTF-8 as is, anything else decoded lossily.
pub fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The nearest char boundary of `text` at or below `at`.
pub fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
