//! Properties of the input readers, checked on content held in memory
//! through [`wiretrace::input::read_bytes`], the file readers' own code.

use std::io::{Read, Write};
use std::path::PathBuf;

use wiretrace::Warning;
use wiretrace::input::{Article, Compression, Format, Item, ReadOptions, Source, read_bytes};

/// Index given to the one source the targets read.
const INDEX: u32 = 7;

/// Largest decompressed size the checks look at (a tiny stream may expand
/// to far more; the readers are not bounded, the oracles are).
const MAX_DECOMPRESSED: usize = 1 << 20;

/// A source named like one found under a scanned directory.
pub fn source(format: Format, compression: Compression) -> Source {
    Source {
        path: PathBuf::from("corpus/outlet/input"),
        display: "corpus/outlet/input".into(),
        relative: "outlet/input".into(),
        parent: Some("outlet".into()),
        format,
        compression,
    }
}

/// Everything the reader emitted, in order, in a comparable form.
pub fn read(bytes: &[u8], source: &Source) -> Vec<Result<Article, Warning>> {
    let mut items = Vec::new();
    read_bytes(INDEX, source, bytes, &ReadOptions::default(), &mut |item| {
        items.push(match item {
            Item::Article(article) => Ok(article),
            Item::Warning(warning) => Err(warning),
        })
    });
    items
}

/// The format picked by the low two bits of `selector`.
pub fn format_of(selector: u8) -> Format {
    match selector & 3 {
        0 => Format::Text,
        1 => Format::Jsonl,
        2 => Format::Csv { delimiter: b',' },
        _ => Format::Csv { delimiter: b'\t' },
    }
}

/// Checks what holds for every format: warnings name the source (and a
/// line inside the content where they have one); articles carry the
/// source's index, a non-empty id, and keys unique and in record order.
/// `content` is the most of the decompressed content the reader can have
/// seen; `None` when it is too large to know, and lines go unchecked.
pub fn check_common(items: &[Result<Article, Warning>], source: &Source, content: Option<&[u8]>) {
    // Lines as a reader, an editor or the csv crate may count them: an
    // upper bound on any line number a warning or key may name.
    let last_line = match content {
        Some(bytes) => bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64 + 1,
        None => u64::MAX - 1,
    };
    let mut previous: Option<u64> = None;
    for item in items {
        match item {
            Err(w) => {
                assert_eq!(w.source, source.display, "a warning names its source: {w:?}");
                assert!(!w.message.trim().is_empty(), "a warning says what is wrong: {w:?}");
                if let Some(line) = w.line {
                    assert!((1..=last_line + 1).contains(&line), "warning line {line} of {last_line}: {w:?}");
                }
                if source.format == Format::Text {
                    assert_eq!(w.line, None, "a text file has no lines to name: {w:?}");
                }
            }
            Ok(a) => {
                assert_eq!(a.key.source, INDEX);
                assert!(!a.meta.id.is_empty(), "every article has an id");
                let line = a.key.line;
                match source.format {
                    Format::Text => assert_eq!(line, 0, "a text file is one article at line 0"),
                    _ => assert!((1..=last_line).contains(&line), "article line {line} of {last_line}"),
                }
                assert!(
                    previous.is_none_or(|p| p < line),
                    "article keys are unique and in record order: line {line} after {previous:?}"
                );
                previous = Some(line);
            }
        }
    }
}

/// Checks a plain text file against an oracle of its decoding rules.
pub fn check_text(items: &[Result<Article, Warning>], bytes: &[u8]) {
    let articles: Vec<&Article> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
    let warnings = items.len() - articles.len();
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if bytes.is_empty() || (!utf16 && bytes.iter().take(8192).any(|&b| b == 0)) {
        assert!(articles.is_empty() && warnings == 1, "empty or binary: one warning, no article");
        return;
    }
    assert_eq!(articles.len(), 1, "a text file is one article");
    if utf16 {
        return;
    }
    let Some(article) = articles.first() else { return };
    assert_eq!(article.text, String::from_utf8_lossy(bytes), "the text is the file's, untouched");
    let valid = std::str::from_utf8(bytes).is_ok();
    assert_eq!(warnings, usize::from(!valid), "one note exactly when the UTF-8 is invalid");
    assert_eq!(article.meta.id, "outlet/input", "a text file's id is its relative path");
}

/// Checks that no JSON Lines record is dropped silently: every non-blank
/// line gives an article or a warning naming that line, and articles come
/// only from non-blank lines.
pub fn check_jsonl(items: &[Result<Article, Warning>], bytes: &[u8]) {
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if let Some(first) = lines.first_mut() {
        *first = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
    }
    let article_lines: Vec<u64> = items.iter().filter_map(|i| i.as_ref().ok()).map(|a| a.key.line).collect();
    let warned = |line: u64| items.iter().any(|i| matches!(i, Err(w) if w.line == Some(line)));
    for (n, line) in (1u64..).zip(&lines) {
        let blank = line.iter().all(u8::is_ascii_whitespace);
        let read = article_lines.contains(&n);
        assert!(!(blank && read), "line {n} is blank yet gave an article");
        assert!(blank || read || warned(n), "line {n} is neither read nor warned about");
    }
}

/// Compresses `data` as `compression` calls for, cut into two gzip members
/// or zstd frames at `cut` (clamped), as concatenated files are.
pub fn compress(data: &[u8], compression: Compression, cut: usize) -> Vec<u8> {
    let (head, tail) = data.split_at(cut.min(data.len()));
    let mut out = Vec::new();
    for part in [head, tail] {
        match compression {
            Compression::None => out.extend_from_slice(part),
            Compression::Gzip => {
                let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                let done = enc.write_all(part).and_then(|()| enc.finish());
                out.extend(done.unwrap_or_default());
            }
            Compression::Zstd => out.extend(zstd::stream::encode_all(part, 1).unwrap_or_default()),
        }
    }
    out
}

/// Everything a decoder yields from `bytes` before it ends or fails, or
/// `None` past [`MAX_DECOMPRESSED`] bytes. Read a byte at a time: a
/// decoder that finds a broken checksum fails the read that reaches it,
/// losing what that read decoded, so the bytes a reader sees before the
/// failure depend on how much it asks for at once; one at a time gives
/// the most any reader can see.
pub fn decompressed_prefix(bytes: &[u8], compression: Compression) -> Option<Vec<u8>> {
    let mut decoder: Box<dyn Read + '_> = match compression {
        Compression::None => Box::new(bytes),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(bytes)),
        Compression::Zstd => match zstd::stream::read::Decoder::with_buffer(bytes) {
            Ok(d) => Box::new(d),
            Err(_) => return Some(Vec::new()),
        },
    };
    let mut out = Vec::new();
    let mut byte = [0u8];
    while let Ok(1) = decoder.read(&mut byte) {
        out.extend_from_slice(&byte);
        if out.len() > MAX_DECOMPRESSED {
            return None;
        }
    }
    Some(out)
}

/// The body of the gzip and zstd targets. The first byte picks the format
/// (low two bits) and the mode (bit 2). Raw mode reads the rest as a
/// compressed stream, broken or not: no panic, and the common properties
/// over what it decompresses to. Round-trip mode compresses the rest in
/// two members cut where the second byte says, and the reader must give
/// exactly what it gives for the uncompressed content.
pub fn check_compressed(data: &[u8], compression: Compression) {
    let [selector, rest @ ..] = data else { return };
    let format = format_of(*selector);
    let compressed = source(format, compression);
    if selector & 4 == 0 {
        let content = decompressed_prefix(rest, compression);
        check_common(&read(rest, &compressed), &compressed, content.as_deref());
        return;
    }
    let [cut, content @ ..] = rest else { return };
    let packed = compress(content, compression, usize::from(*cut) * content.len() / 255);
    let plain = source(format, Compression::None);
    let expected = read(content, &plain);
    check_common(&expected, &plain, Some(content));
    assert_eq!(read(&packed, &compressed), expected, "compression changes nothing that is read");
}
