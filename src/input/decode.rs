//! Opening (and decompressing) a file, and turning bytes into text.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};

use super::{Compression, Source};

/// Opens `source` for reading, decompressing on the fly.
pub(super) fn open(source: &Source) -> Result<Box<dyn Read>, String> {
    let file = File::open(&source.path).map_err(|e| format!("cannot open: {e}"))?;
    decompress(BufReader::with_capacity(1 << 16, file), source.compression)
}

/// Wraps the raw bytes of `raw` in the decoder `compression` calls for.
pub(super) fn decompress<'a>(
    raw: impl BufRead + 'a,
    compression: Compression,
) -> Result<Box<dyn Read + 'a>, String> {
    Ok(match compression {
        Compression::None => Box::new(raw),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(raw)),
        Compression::Zstd => Box::new(
            zstd::stream::read::Decoder::with_buffer(raw).map_err(|e| format!("not a zstd stream: {e}"))?,
        ),
    })
}

/// `reader` without the UTF-8 byte order mark it may start with, however
/// few bytes its first reads give. (The csv crate strips a mark only when
/// its first read holds all three bytes, and takes a first read of exactly
/// the mark for the end of the file: a gzip member or zstd frame boundary
/// inside the first three bytes made it misread the header.)
pub(super) fn skip_bom<'a>(mut reader: impl Read + 'a) -> Box<dyn Read + 'a> {
    let mut head = [0u8; 3];
    let mut len = 0;
    let failure = loop {
        let Some(rest) = head.get_mut(len..).filter(|r| !r.is_empty()) else { break None };
        match reader.read(rest) {
            Ok(0) => break None,
            Ok(n) => len += n,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => break Some(err),
        }
    };
    let head = head.get(..len).unwrap_or_default().to_vec();
    let head = if head == b"\xEF\xBB\xBF" { Vec::new() } else { head };
    match failure {
        None => Box::new(std::io::Cursor::new(head).chain(reader)),
        Some(err) => Box::new(std::io::Cursor::new(head).chain(Failed(Some(err)))),
    }
}

/// A reader whose first read fails with the error it holds.
struct Failed(Option<std::io::Error>);

impl Read for Failed {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

/// Describes a read error so that a user understands what happened to the
/// file (a truncated archive is the usual cause of an unexpected end).
pub(super) fn read_error(err: &std::io::Error, source: &Source) -> String {
    let kind = match source.compression {
        Compression::Gzip => "gzip",
        Compression::Zstd => "zstd",
        Compression::None => "",
    };
    if err.kind() == std::io::ErrorKind::UnexpectedEof && !kind.is_empty() {
        format!("{kind} stream ends early (truncated file?): {err}")
    } else if !kind.is_empty() {
        format!("cannot decompress {kind} data: {err}")
    } else {
        format!("read error: {err}")
    }
}

/// Text decoded from bytes, and what had to be done to decode it.
pub(super) struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// Decodes the bytes of a whole text file.
///
/// UTF-8 (with or without BOM) is taken as is. UTF-16 with a BOM is
/// converted. Anything else with NUL bytes is binary (`Err`). Invalid UTF-8 is
/// decoded lossily (U+FFFD) with a note saying where the first bad byte is.
pub(super) fn decode_file(bytes: Vec<u8>) -> Result<Decoded, String> {
    if let Some(text) = utf16(&bytes) {
        return Ok(Decoded {
            text,
            note: Some("decoded from UTF-16; offsets refer to the UTF-8 text".into()),
        });
    }
    let probe = &bytes[..bytes.len().min(8192)];
    if probe.contains(&0) {
        return Err("binary file (contains NUL bytes), skipped".into());
    }
    Ok(decode_utf8(bytes))
}

/// Decodes UTF-8 bytes, lossily with a note when they are not valid.
pub(super) fn decode_utf8(bytes: Vec<u8>) -> Decoded {
    match String::from_utf8(bytes) {
        Ok(text) => Decoded { text, note: None },
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            Decoded {
                text,
                note: Some(format!(
                    "invalid UTF-8 at byte {at}; decoded with replacement characters, \
                     so offsets after it refer to the decoded text"
                )),
            }
        }
    }
}

fn utf16(bytes: &[u8]) -> Option<String> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks(2).map(|c| match (c, little) {
        ([lo, hi], true) => u16::from_le_bytes([*lo, *hi]),
        ([hi, lo], false) => u16::from_be_bytes([*hi, *lo]),
        _ => 0xFFFD,
    });
    Some(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_and_bom_is_kept() {
        let d = decode_file("\u{feff}héllo".as_bytes().to_vec()).unwrap();
        assert_eq!(d.text, "\u{feff}héllo");
        assert!(d.note.is_none());
    }

    #[test]
    fn invalid_utf8_is_lossy_with_position() {
        let d = decode_file(b"ab\xffcd".to_vec()).unwrap();
        assert_eq!(d.text, "ab\u{fffd}cd");
        assert!(d.note.unwrap().contains("byte 2"));
    }

    #[test]
    fn bom_is_skipped_however_it_arrives() {
        let read_all = |r: &mut dyn Read| {
            let mut out = Vec::new();
            r.read_to_end(&mut out).map(|_| out).unwrap()
        };
        let whole: &[u8] = b"\xEF\xBB\xBFid";
        let split = (&whole[..1]).chain(&whole[1..2]).chain(&whole[2..]);
        assert_eq!(read_all(&mut skip_bom(whole)), b"id");
        assert_eq!(read_all(&mut skip_bom(split)), b"id");
        assert_eq!(read_all(&mut skip_bom(&b"\xEF\xBB"[..])), b"\xEF\xBB", "not a whole mark");
        assert_eq!(read_all(&mut skip_bom(&b"a"[..])), b"a");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(decode_file(b"\x7fELF\0\0\x01".to_vec()).is_err());
    }

    #[test]
    fn utf16_with_bom_is_converted() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Hi é".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_file(bytes).unwrap().text, "Hi é");
    }
}
