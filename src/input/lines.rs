//! Line numbers of byte offsets in a stream read once, counting every line
//! break an editor counts: LF, CR LF, and a CR alone (old Mac and some
//! spreadsheet exports end their lines so; the csv crate counts LFs only,
//! which gave every row of such a file line 1). A record is placed on its
//! first non-empty line: the csv crate starts a record where the previous
//! one ended, before the empty lines it skips.

use std::collections::VecDeque;
use std::io::{self, Read};

/// A reader that notes where the line breaks are as bytes pass through, so
/// that the line of a byte offset already read can be told.
pub(crate) struct LineCounter<R> {
    inner: R,
    /// Offset of the next byte to read.
    offset: u64,
    /// Whether the last byte read was a CR (so an LF now is its pair).
    after_cr: bool,
    /// Spans `[start, end)` of the breaks read and not yet passed by
    /// [`Self::line_at`] (two bytes for CR LF).
    breaks: VecDeque<(u64, u64)>,
    /// The line of every offset before the first break in `breaks`.
    line: u64,
}

impl<R> LineCounter<R> {
    /// Counts the lines of what is read from `inner`.
    pub(crate) fn new(inner: R) -> Self {
        LineCounter { inner, offset: 0, after_cr: false, breaks: VecDeque::new(), line: 1 }
    }

    /// The 1-based line of the first non-empty line from byte `offset` on
    /// (the line of `offset` itself when it is not at a line break).
    /// Offsets are asked in non-decreasing order; a smaller one gets the
    /// line of the last asked.
    pub(crate) fn line_at(&mut self, offset: u64) -> u64 {
        let mut at = offset;
        while let Some(&(start, end)) = self.breaks.front() {
            // Breaks before `at`, and those at it: empty lines skipped.
            if start > at {
                break;
            }
            self.breaks.pop_front();
            self.line += 1;
            at = at.max(end);
        }
        self.line
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (at, &b) in (self.offset..).zip(buf.iter().take(n)) {
            // A CR is a break; an LF is one unless it ends a CR LF.
            if b == b'\r' || (b == b'\n' && !self.after_cr) {
                self.breaks.push_back((at, at + 1));
            } else if let (b'\n', Some(last)) = (b, self.breaks.back_mut()) {
                last.1 = at + 1;
            }
            self.after_cr = b == b'\r';
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of `offsets` in `text`, read in chunks of `chunk` bytes.
    fn lines_of(text: &[u8], chunk: usize, offsets: &[u64]) -> Vec<u64> {
        let mut counter = LineCounter::new(text);
        let mut buf = vec![0; chunk];
        while counter.read(&mut buf).is_ok_and(|n| n > 0) {}
        offsets.iter().map(|&o| counter.line_at(o)).collect()
    }

    #[test]
    fn lf_crlf_and_lone_cr_each_end_one_line() {
        // Lines start at 0 ("a"), 2 ("bb"), 6 ("c"), 8 ("d").
        let text = b"a\nbb\r\nc\rd";
        for chunk in [1, 2, 3, 64] {
            assert_eq!(lines_of(text, chunk, &[0, 2, 3, 6, 8]), [1, 2, 2, 3, 4], "chunk {chunk}");
        }
    }

    #[test]
    fn an_offset_at_empty_lines_is_placed_on_the_line_after_them() {
        // Line 1 "a", 2 and 3 empty (LF, CR LF), 4 "b".
        assert_eq!(lines_of(b"a\n\n\r\nb", 4, &[2]), [4], "from the end of line 1");
        assert_eq!(lines_of(b"a\r\n\r\nb", 4, &[2]), [3], "from inside a CR LF");
        assert_eq!(lines_of(b"\r\r\n\n\rx", 4, &[0]), [5]);
    }
}
