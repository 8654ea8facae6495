//! Opening (and decompressing) a file, and turning bytes into text.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};

use super::{Compression, Source};

/// Opens `source` for reading, decompressing on the fly.
pub(crate) fn open(source: &Source) -> Result<Box<dyn Read>, String> {
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
        Compression::Gzip => Box::new(super::gzip::Members::new(raw)),
        Compression::Zstd => Box::new(
            zstd::stream::read::Decoder::with_buffer(raw).map_err(|e| format!("not a zstd stream: {e}"))?,
        ),
    })
}

/// `reader` without the UTF-8 byte order mark it may start with, however
/// few bytes its first reads give. (The csv crate strips a mark only when
/// its first read holds all three bytes, and takes a first read of exactly
/// the mark for the end of the file: a gzip member or zstd frame boundary
/// inside the first three bytes made it misread the header.) The first
/// read after the mark holds at least 4 bytes unless the input ends
/// sooner, so the crate's own look at a second mark sees what it sees in an
/// unsplit file.
pub(super) fn skip_bom<'a>(reader: impl Read + 'a) -> Box<dyn Read + 'a> {
    head_in_one_read(reader, true)
}

/// `reader` with its first bytes (up to 7) given in one read, the byte
/// order mark kept: for a second read that copies the file's bytes as they
/// are but must show the csv crate the head [`skip_bom`] shows it.
pub(crate) fn whole_head<'a>(reader: impl Read + 'a) -> Box<dyn Read + 'a> {
    head_in_one_read(reader, false)
}

/// `reader` with its first 7 bytes (fewer if it ends sooner) read whole and
/// given in one read, the mark left out if `strip_mark`; a read error is
/// kept for its turn.
fn head_in_one_read<'a>(mut reader: impl Read + 'a, strip_mark: bool) -> Box<dyn Read + 'a> {
    const MARK: &[u8] = b"\xEF\xBB\xBF";
    let mut head = [0u8; 7];
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
    let head = head.get(..len).unwrap_or_default();
    let head = if strip_mark { head.strip_prefix(MARK).unwrap_or(head) } else { head }.to_vec();
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
    match source.compression.name() {
        Some(kind) if err.kind() == std::io::ErrorKind::UnexpectedEof => {
            format!("{kind} stream ends early (truncated file?): {err}")
        }
        Some(kind) => format!("cannot decompress {kind} data: {err}"),
        None => format!("read error: {err}"),
    }
}

/// Text decoded from bytes, and what had to be done to decode it.
pub(super) struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// Decodes the bytes of a whole text file.
///
/// UTF-8 (with or without BOM) is taken as is. UTF-32 and UTF-16 with a
/// BOM are converted; so is UTF-16 without one when the first 8 KiB look like it
/// (see [`utf16_without_bom`]). Otherwise NUL bytes in the first 8 KiB mean
/// a binary file (`Err`), unless they are a few stray ones in otherwise
/// clean text (see [`stray_nuls`]): those are kept, with a note. Invalid
/// UTF-8 is decoded lossily (U+FFFD) with a note saying where the first bad
/// byte is.
pub(super) fn decode_file(bytes: Vec<u8>) -> Result<Decoded, String> {
    // Before UTF-16: the UTF-32LE mark begins with the UTF-16LE one.
    if let Some(text) = utf32(&bytes) {
        return Ok(Decoded {
            text,
            note: Some("decoded from UTF-32; offsets refer to the UTF-8 text".into()),
        });
    }
    if let Some(text) = utf16(&bytes) {
        return Ok(Decoded {
            text,
            note: Some("decoded from UTF-16; offsets refer to the UTF-8 text".into()),
        });
    }
    let probe = bytes.get(..bytes.len().min(PROBE_BYTES)).unwrap_or_default();
    if let Some(little) = utf16_without_bom(probe) {
        let name = if little { "UTF-16LE" } else { "UTF-16BE" };
        return Ok(Decoded {
            text: decode_utf16(&bytes, little),
            note: Some(format!(
                "decoded from {name} without a byte order mark (guessed from where its NUL bytes are); \
                 offsets refer to the UTF-8 text"
            )),
        });
    }
    if probe.contains(&0) && !stray_nuls(probe) {
        return Err("binary file (contains NUL bytes), skipped".into());
    }
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    let first_nul = bytes.iter().position(|&b| b == 0);
    let mut decoded = decode_utf8(bytes);
    if let Some(at) = first_nul {
        let note = format!(
            "{nuls} NUL byte(s) in the text, the first at byte {at}; kept as U+0000, which is part of no word"
        );
        decoded.note = Some(match decoded.note.take() {
            Some(earlier) => format!("{earlier}; {note}"),
            None => note,
        });
    }
    Ok(decoded)
}

/// Bytes at the start of a file looked at to tell text from binary.
const PROBE_BYTES: usize = 8192;

/// Whether the NUL bytes of `probe` are a few stray ones in text: at most
/// one byte in a hundred, and no other control character but white space.
fn stray_nuls(probe: &[u8]) -> bool {
    let nuls = probe.iter().filter(|&&b| b == 0).count();
    let controls =
        probe.iter().filter(|&&b| b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | b'\r' | 0x0C)).count();
    nuls * 100 <= probe.len() && controls == 0
}

/// `Some(little_endian)` when `probe` looks like UTF-16 without a byte
/// order mark: at least one code unit in ten has a NUL high byte (ASCII
/// letters, digits, spaces and punctuation of any script's text), at most
/// one in a hundred a NUL low byte, and it decodes to text with no unpaired
/// surrogate and no control character but white space.
fn utf16_without_bom(probe: &[u8]) -> Option<bool> {
    let units = probe.len() / 2;
    if units == 0 {
        return None;
    }
    let zeros = |parity: usize| probe.chunks_exact(2).filter(|u| u.get(parity) == Some(&0)).count();
    let (even, odd) = (zeros(0), zeros(1));
    let little = match (even * 10 >= units, odd * 10 >= units) {
        (false, true) if even * 100 <= units => true,
        (true, false) if odd * 100 <= units => false,
        _ => return None,
    };
    let clean = char::decode_utf16(units_of(probe, little)).all(|c| match c {
        Ok(c) => !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}'),
        Err(_) => false,
    });
    clean.then_some(little)
}

/// The UTF-16 code units of `bytes` (an odd last byte is dropped).
fn units_of(bytes: &[u8], little: bool) -> impl Iterator<Item = u16> + '_ {
    bytes.chunks_exact(2).map(move |c| match (c, little) {
        ([lo, hi], true) => u16::from_le_bytes([*lo, *hi]),
        ([hi, lo], false) => u16::from_be_bytes([*hi, *lo]),
        _ => 0xFFFD,
    })
}

/// UTF-16 `bytes` as text, lone surrogates (and an odd last byte) replaced
/// by U+FFFD.
fn decode_utf16(bytes: &[u8], little: bool) -> String {
    let mut text: String = char::decode_utf16(units_of(bytes, little))
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
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

/// The text of UTF-32 `bytes` that begin with a byte order mark (`FF FE 00
/// 00` or `00 00 FE FF`); code points that are not characters, and a cut
/// last unit, become U+FFFD.
fn utf32(bytes: &[u8]) -> Option<String> {
    let little = match bytes {
        [0xFF, 0xFE, 0, 0, ..] => true,
        [0, 0, 0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let body = bytes.get(4..).unwrap_or_default();
    let mut text: String = body
        .chunks_exact(4)
        .map(|c| {
            let unit = [c[0], c[1], c[2], c[3]];
            let code = if little { u32::from_le_bytes(unit) } else { u32::from_be_bytes(unit) };
            char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect();
    if body.len() % 4 != 0 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Some(text)
}

fn utf16(bytes: &[u8]) -> Option<String> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    Some(decode_utf16(bytes.get(2..).unwrap_or_default(), little))
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

    #[test]
    fn utf32_with_bom_is_converted_not_taken_for_utf16() {
        for little in [true, false] {
            let unit = |c: char| if little { (c as u32).to_le_bytes() } else { (c as u32).to_be_bytes() };
            let bytes: Vec<u8> = "\u{feff}Hi é 😀".chars().flat_map(unit).collect();
            let d = decode_file(bytes).unwrap();
            assert_eq!(d.text, "Hi é 😀", "little endian: {little}");
            assert!(d.note.unwrap().contains("UTF-32"));
        }
    }

    fn utf16_bytes(text: &str, little: bool) -> Vec<u8> {
        let unit = |u: u16| if little { u.to_le_bytes() } else { u.to_be_bytes() };
        text.encode_utf16().flat_map(unit).collect()
    }

    #[test]
    fn utf16_without_bom_is_recognised_in_any_script() {
        for text in ["Plain English news, with figures: 1,000.", "Новости дня: всё спокойно, 12 мая."]
        {
            for little in [true, false] {
                let d = decode_file(utf16_bytes(text, little)).unwrap();
                assert_eq!(d.text, text);
                assert!(d.note.unwrap().contains(if little { "UTF-16LE" } else { "UTF-16BE" }));
            }
        }
    }

    #[test]
    fn stray_nuls_are_kept_but_many_mean_binary() {
        let mut text = "word ".repeat(100).into_bytes();
        text[7] = 0;
        let d = decode_file(text).unwrap();
        assert!(d.text.contains('\0') && d.note.unwrap().contains("1 NUL byte(s)"));
        let blob: Vec<u8> = (0..4096u32).flat_map(|i| i.to_le_bytes()).collect();
        assert!(decode_file(blob).is_err());
    }
}
