//! Each source's format and compression, settled before anything reads it:
//! the format `--input-format` gives overrides the extension; a source
//! whose name gives no format (a stream such as `/dev/stdin`, a file named
//! without a known extension) has its compression, and unless given its
//! format, [sniffed](super::sniff) from its first bytes, with a note
//! saying so.

use std::io::Read;
use std::path::Path;

use super::discover::detect;
use super::fields::FieldNames;
use super::sniff::{self, SNIFF_BYTES};
use super::{Compression, Format, Source};

/// Sets the format of every source to `given` when there is one, and
/// sniffs what the names of the others do not say (after
/// [`copy_streams`](super::copy_streams), so that a stream's copy is read).
/// Gives one note per source whose reading was chosen from its content
/// ("SOURCE: read as …"). `fields` are the field names the reader looks for.
pub fn settle_formats(sources: &mut [Source], given: Option<Format>, fields: &FieldNames) -> Vec<String> {
    let mut notes = Vec::new();
    for source in sources.iter_mut() {
        if let Some(format) = given {
            source.format = format;
        }
        if says_its_format(&source.display) {
            continue;
        }
        // An unreadable file is left as it is: reading it says what is wrong.
        let Ok((head, whole)) = read_head(&source.path) else { continue };
        let sniffed = sniff::sniff(&head, whole, source.compression, fields);
        // Compression the first bytes show and the name did not say.
        let unnamed = sniff::compression(&head).filter(|c| *c != source.compression);
        source.compression = sniffed.compression;
        let why = match given {
            Some(_) => {
                unnamed.and_then(Compression::name).map(|c| format!("its first bytes are {c}'s magic number"))
            }
            None => {
                source.format = sniffed.format;
                Some(format!(
                    "its name has no known extension, and {} (--input-format to choose otherwise)",
                    sniffed.why
                ))
            }
        };
        if let Some(why) = why {
            notes.push(format!(
                "{}: read as {}: {why}",
                source.display,
                what(source.format, source.compression)
            ));
        }
    }
    notes
}

/// Whether the file name at the end of `display` has an extension that
/// gives a format (`.jsonl.gz` does, `stdin` and `x.gz` do not).
fn says_its_format(display: &str) -> bool {
    let name = Path::new(display).file_name().map_or_else(|| display.into(), |n| n.to_string_lossy());
    detect(&name).is_some()
}

/// The first [`SNIFF_BYTES`] of the file at `path` (all of it if shorter),
/// and whether that is all of it.
fn read_head(path: &Path) -> std::io::Result<(Vec<u8>, bool)> {
    let mut head = Vec::with_capacity(SNIFF_BYTES + 1);
    std::fs::File::open(path)?.take(SNIFF_BYTES as u64 + 1).read_to_end(&mut head)?;
    let whole = head.len() <= SNIFF_BYTES;
    head.truncate(SNIFF_BYTES);
    Ok((head, whole))
}

/// "gzip-compressed JSON Lines", "plain text (one article)".
fn what(format: Format, compression: Compression) -> String {
    let format = match format {
        Format::Text => "plain text (one article)",
        Format::Jsonl => "JSON Lines",
        Format::Csv { delimiter: b'\t' } => "TSV",
        Format::Csv { .. } => "CSV",
    };
    match compression.name() {
        None => format.to_string(),
        Some(c) => format!("{c}-compressed {format}"),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn source(path: PathBuf, display: &str, format: Format, compression: Compression) -> Source {
        let relative = display.rsplit('/').next().unwrap_or(display).to_string();
        Source { path, display: display.into(), relative, parent: None, format, compression }
    }

    #[test]
    fn names_without_a_format_are_sniffed_and_noted_others_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let jsonl = dir.path().join("copy");
        std::fs::write(&jsonl, "{\"text\": \"a\"}\n").unwrap();
        let text = dir.path().join("x.txt");
        std::fs::write(&text, "{\"text\": \"a text article may begin so\"}\n").unwrap();
        let mut sources = [
            source(jsonl.clone(), "/dev/stdin", Format::Text, Compression::None),
            source(text, "x.txt", Format::Text, Compression::None),
        ];
        let notes = settle_formats(&mut sources, None, &FieldNames::default());
        assert_eq!((sources[0].format, sources[1].format), (Format::Jsonl, Format::Text));
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("/dev/stdin: read as JSON Lines: its name has no known extension"));

        let mut sources = [source(jsonl, "dump", Format::Text, Compression::None)];
        let notes = settle_formats(&mut sources, Some(Format::Text), &FieldNames::default());
        assert_eq!(sources[0].format, Format::Text, "the given format wins");
        assert!(notes.is_empty(), "nothing was chosen from the content: {notes:?}");
    }

    #[test]
    fn a_given_format_keeps_the_compression_sniffed() {
        let dir = tempfile::tempdir().unwrap();
        let gz = dir.path().join("copy");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut enc, b"id,text\n1,x\n").unwrap();
        std::fs::write(&gz, enc.finish().unwrap()).unwrap();
        let mut sources = [source(gz, "/dev/fd/63", Format::Text, Compression::None)];
        let notes = settle_formats(&mut sources, Some(Format::Jsonl), &FieldNames::default());
        assert_eq!((sources[0].format, sources[0].compression), (Format::Jsonl, Compression::Gzip));
        let note = "/dev/fd/63: read as gzip-compressed JSON Lines: its first bytes are gzip's magic number";
        assert_eq!(notes, [note]);
    }
}
