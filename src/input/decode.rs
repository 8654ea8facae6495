//! Opening (and decompressing) a file, and turning bytes into text.

use std::fs::File;
use std::io::{BufReader, Read};

use super::{Compression, Source};

/// Opens `source` for reading, decompressing on the fly.
pub(crate) fn open(source: &Source) -> Result<Box<dyn Read>, String> {
    let file = File::open(&source.path).map_err(|e| format!("cannot open: {e}"))?;
    let file = BufReader::with_capacity(1 << 16, file);
    Ok(match source.compression {
        Compression::None => Box::new(file),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(file)),
        Compression::Zstd => Box::new(
            zstd::stream::read::Decoder::with_buffer(file).map_err(|e| format!("not a zstd stream: {e}"))?,
        ),
    })
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
