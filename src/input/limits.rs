//! Resource limits on input: what is read of an over-long text, line or
//! record, so that memory stays bounded whatever the input (see
//! `docs/bad-input.md`).
//!
//! - An article's text is cut to [`MAX_ARTICLE_BYTES`] (on a character
//!   boundary), with a warning.
//! - A JSON Lines line or CSV record longer than [`MAX_RECORD_BYTES`] is not
//!   held in memory: a JSONL line is skipped (the reader streams past it to
//!   the next line), a CSV file is read no further (its quoting cannot be
//!   trusted past such a record), with a warning.
//!
//! Paragraphs longer than `segment::MAX_PARAGRAPH_BYTES` are split by the
//! segmenter.

use std::io::{BufRead, ErrorKind};

/// Longest article text kept, in bytes of UTF-8; the rest is cut off. Ten
/// times the longest news article we know of; past it a "text" is almost
/// always several pages glued together, or not text at all.
pub const MAX_ARTICLE_BYTES: usize = 1 << 20;

/// Longest JSON Lines line or CSV record read, in bytes: room for a text of
/// [`MAX_ARTICLE_BYTES`] with JSON escapes and the other fields.
pub const MAX_RECORD_BYTES: usize = 4 << 20;

/// Cuts `text` to at most [`MAX_ARTICLE_BYTES`] on a character boundary;
/// returns the warning to give when it was longer.
pub(super) fn cut_text(text: &mut String) -> Option<String> {
    if text.len() <= MAX_ARTICLE_BYTES {
        return None;
    }
    let whole = text.len();
    let mut cut = MAX_ARTICLE_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    Some(format!(
        "text is {whole} bytes, longer than the limit of {} MiB for one article; only its first \
         {cut} bytes are read",
        MAX_ARTICLE_BYTES >> 20
    ))
}

/// Drops an incomplete UTF-8 character at the end of `bytes` (left by
/// cutting a file at a byte count), so that the cut does not read as
/// invalid UTF-8.
pub(super) fn drop_partial_char(bytes: &mut Vec<u8>) {
    let tail = bytes.len().saturating_sub(3);
    let Some(lead) = (tail..bytes.len()).rev().find(|&i| bytes.get(i).is_some_and(|b| b & 0xC0 != 0x80))
    else {
        return;
    };
    let need = match bytes.get(lead).copied().unwrap_or(0) {
        b if b >= 0xF0 => 4,
        b if b >= 0xE0 => 3,
        b if b >= 0xC0 => 2,
        _ => 1,
    };
    if bytes.len() - lead < need {
        bytes.truncate(lead);
    }
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Line {
    /// End of input: no byte was read.
    End,
    /// A line (with its `\n`, if it had one) is in the buffer.
    Read,
    /// The line was this many bytes long, more than [`MAX_RECORD_BYTES`]; it
    /// was read past, not kept (the buffer is empty).
    TooLong(u64),
}

/// Reads one line into `buf` (cleared first), holding at most `max` bytes
/// of it: a longer line is consumed up to its end and reported as
/// [`Line::TooLong`], in bounded memory and linear time.
pub(super) fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> std::io::Result<Line> {
    buf.clear();
    let (mut total, mut too_long) = (0u64, false);
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            break;
        }
        let (used, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        total += used as u64;
        if !too_long && buf.len() + used > max {
            too_long = true;
            *buf = Vec::new();
        }
        if !too_long {
            buf.extend_from_slice(available.get(..used).unwrap_or_default());
        }
        reader.consume(used);
        if done {
            break;
        }
    }
    Ok(match (total, too_long) {
        (0, _) => Line::End,
        (n, true) => Line::TooLong(n),
        (_, false) => Line::Read,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_read_past_in_bounded_memory() {
        let input = format!("short\n{}\nlast", "x".repeat(100));
        let mut reader = std::io::BufReader::with_capacity(16, input.as_bytes());
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut reader, &mut buf, 50).ok(), Some(Line::Read));
        assert_eq!(buf, b"short\n");
        assert_eq!(read_line(&mut reader, &mut buf, 50).ok(), Some(Line::TooLong(101)));
        assert!(buf.is_empty() && buf.capacity() <= 50, "nothing of it kept");
        assert_eq!(read_line(&mut reader, &mut buf, 50).ok(), Some(Line::Read));
        assert_eq!(buf, b"last");
        assert_eq!(read_line(&mut reader, &mut buf, 50).ok(), Some(Line::End));
    }

    #[test]
    fn texts_are_cut_on_character_boundaries() {
        let mut text = "é".repeat(MAX_ARTICLE_BYTES / 2 + 1);
        let message = cut_text(&mut text).unwrap_or_default();
        assert!(text.len() <= MAX_ARTICLE_BYTES && text.len() > MAX_ARTICLE_BYTES - 2);
        assert!(message.contains(&format!("{} bytes", MAX_ARTICLE_BYTES + 2)), "{message}");
        let mut short = "short".to_string();
        assert_eq!(cut_text(&mut short), None);
    }

    #[test]
    fn a_partial_character_at_the_cut_is_dropped() {
        let mut bytes = "aé€".as_bytes().to_vec();
        bytes.truncate(bytes.len() - 1);
        drop_partial_char(&mut bytes);
        assert_eq!(bytes, "aé".as_bytes());
        let mut whole = "aé€".as_bytes().to_vec();
        drop_partial_char(&mut whole);
        assert_eq!(whole, "aé€".as_bytes());
    }
}
