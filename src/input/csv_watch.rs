//! A watch on the bytes a CSV parser reads: it follows RFC 4180 quoting
//! alongside the parser, to say where a quote that is never closed was
//! opened, and stops a record from growing past
//! [`MAX_RECORD_BYTES`](super::limits::MAX_RECORD_BYTES).
//!
//! The CSV grammar lets an unterminated quote run to the end of the file,
//! swallowing every row after it into one field; the parser reports nothing.
//! The watch's state machine is the parser's for quoting (a quote opens a
//! quoted field only at the start of a field, `""` inside one is a quote
//! character, a field may go on after its closing quote), so at the end of
//! the input it knows whether the last field was still open.

use std::io::Read;

use super::limits::MAX_RECORD_BYTES;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    Start,
    /// Inside an unquoted field.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field (closing, or the first of `""`).
    QuoteInQuoted,
}

/// Wraps the reader a CSV parser reads from.
pub(super) struct Watch<R> {
    inner: R,
    delimiter: u8,
    state: State,
    /// 1-based line of the next byte.
    line: u64,
    /// Line where the current record started.
    record_line: u64,
    /// Bytes of the current record so far.
    record_bytes: usize,
    /// Line where the open quoted field started.
    quote_line: u64,
    /// Set when a record grew past the limit (reading stopped there).
    overflow: Option<Overflow>,
}

/// A record longer than the limit: where it started, and where the quote
/// it was inside (if any) was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Overflow {
    pub record_line: u64,
    pub quote_line: Option<u64>,
}

impl<R> Watch<R> {
    /// The reader being watched.
    pub(super) fn inner_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// The record that was too long, if one was.
    pub(super) fn overflow(&self) -> Option<Overflow> {
        self.overflow
    }
}

impl<R: Read> Watch<R> {
    pub(super) fn new(inner: R, delimiter: u8) -> Self {
        Watch {
            inner,
            delimiter,
            state: State::Start,
            line: 1,
            record_line: 1,
            record_bytes: 0,
            quote_line: 0,
            overflow: None,
        }
    }

    /// After the whole input was read: the line where a quote that is
    /// never closed was opened, and the number of lines read since.
    pub(super) fn unterminated(&self) -> Option<(u64, u64)> {
        (self.state == State::Quoted).then_some((self.quote_line, self.line - self.quote_line))
    }

    fn step(&mut self, b: u8) {
        let end_of_record = matches!(b, b'\n' | b'\r');
        self.state = match (self.state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::Start, b'"') => {
                self.quote_line = self.line;
                State::Quoted
            }
            (_, b) if b == self.delimiter || end_of_record => State::Start,
            _ => State::Unquoted,
        };
        if b == b'\n' {
            self.line += 1;
        }
        self.record_bytes += 1;
        if end_of_record && self.state == State::Start {
            self.record_bytes = 0;
            self.record_line = self.line;
        }
    }
}

impl<R: Read> Read for Watch<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.overflow.is_some() {
            return Err(std::io::Error::other("record too long"));
        }
        let n = self.inner.read(out)?;
        for &b in out.get(..n).unwrap_or_default() {
            self.step(b);
        }
        if self.record_bytes > MAX_RECORD_BYTES {
            let quote_line = matches!(self.state, State::Quoted).then_some(self.quote_line);
            self.overflow = Some(Overflow { record_line: self.record_line, quote_line });
            return Err(std::io::Error::other("record too long"));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watch(text: &str) -> Watch<&[u8]> {
        let mut w = Watch::new(text.as_bytes(), b',');
        let mut sink = Vec::new();
        let _ = w.read_to_end(&mut sink);
        w
    }

    #[test]
    fn closed_quotes_with_newlines_and_doubled_quotes_are_fine() {
        assert_eq!(watch("id,text\n1,\"two\nlines, \"\"quoted\"\"\"\n2,x\n").unterminated(), None);
        assert_eq!(watch("id,text\n1,5\" screen\n2,\"a\"b\n").unterminated(), None);
    }

    #[test]
    fn an_unterminated_quote_is_found_with_its_line() {
        let w = watch("id,text\n1,ok\n2,\"never closed\n3,swallowed\n4,too\n");
        assert_eq!(w.unterminated(), Some((3, 3)));
    }
}
