//! gzip files: every member in turn, then what follows the last one.
//!
//! `gzip -dc` reads a file of several members as one stream, ignores zero
//! bytes after the last member (tape and block-device padding) and warns
//! about any other trailing bytes. [`Members`] does the same: zero padding
//! ends the stream quietly; other trailing bytes end it with a
//! [`TrailingBytes`] error *after* all the decompressed data, which
//! [`EndNote`] turns into the end of the stream and a note, so no text is
//! lost and the warning says what really happened (not "truncated").

use std::cell::Cell;
use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// The first byte of a gzip member.
const MAGIC: u8 = 0x1f;

/// The decompressed content of every member of a gzip stream.
pub(super) struct Members<R: BufRead> {
    state: State<R>,
}

enum State<R: BufRead> {
    /// Inside a member.
    Member(GzDecoder<R>),
    /// After a member: another one, padding or trailing bytes follow.
    Between(R),
    /// Nothing more to read.
    Done,
}

impl<R: BufRead> Members<R> {
    /// Decompresses `raw`, a gzip stream of one or more members.
    pub(super) fn new(raw: R) -> Self {
        Members { state: State::Member(GzDecoder::new(raw)) }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Member(mut member) => {
                    let n = member.read(buf);
                    self.state = match n {
                        Ok(0) => State::Between(member.into_inner()),
                        _ => State::Member(member),
                    };
                    if !matches!(n, Ok(0)) {
                        return n;
                    }
                }
                State::Between(mut raw) => match after_member(&mut raw)? {
                    After::Member => self.state = State::Member(GzDecoder::new(raw)),
                    After::End => return Ok(0),
                    After::Trailing(count) => return Err(io::Error::other(TrailingBytes(count))),
                },
                State::Done => return Ok(0),
            }
        }
    }
}

/// What follows a complete member.
enum After {
    /// Another member.
    Member,
    /// Nothing, or zero bytes only.
    End,
    /// This many bytes that are neither (all of them read).
    Trailing(u64),
}

/// Looks at what follows a member in `raw`, reading padding and trailing
/// bytes to the end.
fn after_member(raw: &mut impl BufRead) -> io::Result<After> {
    let (mut count, mut only_zeros) = (0u64, true);
    loop {
        let chunk = raw.fill_buf()?;
        match chunk.first() {
            None if only_zeros => return Ok(After::End),
            None => return Ok(After::Trailing(count)),
            Some(&MAGIC) if count == 0 => return Ok(After::Member),
            Some(_) => {}
        }
        only_zeros &= chunk.iter().all(|&b| b == 0);
        let len = chunk.len();
        count += len as u64;
        raw.consume(len);
    }
}

/// Bytes after the last gzip member that are neither a member nor zero
/// padding: the error [`Members`] ends with, after all the data.
#[derive(Debug)]
pub(super) struct TrailingBytes(pub u64);

impl std::fmt::Display for TrailingBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} byte(s) after the end of the gzip data that are not gzip", self.0)
    }
}

impl std::error::Error for TrailingBytes {}

/// A reader that ends where its inner reader fails with [`TrailingBytes`],
/// noting how many there were when given somewhere to note them (a second
/// read of a file, whose first read warned, need not).
pub(super) struct EndNote<'a, R> {
    inner: R,
    trailing: Option<&'a Cell<Option<u64>>>,
    ended: bool,
}

impl<'a, R: Read> EndNote<'a, R> {
    /// Reads `inner`, noting trailing bytes in `trailing`.
    pub(super) fn new(inner: R, trailing: &'a Cell<Option<u64>>) -> Self {
        EndNote { inner, trailing: Some(trailing), ended: false }
    }

    /// Reads `inner`, ending quietly at trailing bytes.
    pub(super) fn quiet(inner: R) -> Self {
        EndNote { inner, trailing: None, ended: false }
    }
}

impl<R: Read> Read for EndNote<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ended {
            return Ok(0);
        }
        match self.inner.read(buf) {
            Err(err) => match err.get_ref().and_then(|e| e.downcast_ref::<TrailingBytes>()) {
                Some(TrailingBytes(count)) => {
                    self.ended = true;
                    if let Some(trailing) = self.trailing {
                        trailing.set(Some(*count));
                    }
                    Ok(0)
                }
                None => Err(err),
            },
            ok => ok,
        }
    }
}

/// The warning about `count` trailing bytes.
pub(super) fn trailing_message(count: u64) -> String {
    format!(
        "{count} byte(s) after the end of the gzip data are not gzip (trailing garbage); ignored, \
         everything before them is read"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gz(text: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut e, text).unwrap();
        e.finish().unwrap()
    }

    fn read(bytes: &[u8]) -> (Vec<u8>, Option<u64>) {
        let note = Cell::new(None);
        let mut out = Vec::new();
        EndNote::new(Members::new(bytes), &note).read_to_end(&mut out).unwrap();
        (out, note.get())
    }

    #[test]
    fn members_padding_and_trailing_bytes() {
        let two = [gz(b"one "), gz(b"two")].concat();
        assert_eq!(read(&two), (b"one two".to_vec(), None));
        assert_eq!(read(&[two.clone(), vec![0; 512]].concat()), (b"one two".to_vec(), None));
        assert_eq!(read(&[two.clone(), b"garbage".to_vec()].concat()), (b"one two".to_vec(), Some(7)));
        assert_eq!(read(&[two, vec![0, 0, 7]].concat()), (b"one two".to_vec(), Some(3)));
    }
}
