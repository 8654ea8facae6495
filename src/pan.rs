//! PAN: the PAN text-alignment protocol (Potthast et al.) over the aligner.
//!
//! Takes a pairs file (`suspicious.txt source.txt` per line, plain file
//! names: a line naming a path is skipped with a warning) and the two
//! document folders; writes, for every pair, one detection file
//! `<susp>-<src>.xml` in PAN's format, with offsets and lengths in Unicode
//! characters (PAN's unit), converted from the aligner's byte spans.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::align::{AlignParams, Passage, align};
use crate::error::{Error, Warning};

/// Where the PAN corpus is and where detections go.
#[derive(Clone, Debug)]
pub struct PanConfig {
    /// The pairs file.
    pub pairs: PathBuf,
    /// Folder of source documents.
    pub src: PathBuf,
    /// Folder of suspicious documents.
    pub susp: PathBuf,
    /// Folder to write detection XML files into (created).
    pub out: PathBuf,
    /// Aligner settings.
    pub align: AlignParams,
}

/// What a PAN run did.
#[derive(Debug, Default)]
pub struct PanRun {
    /// Pairs aligned.
    pub pairs: usize,
    /// Passages detected, over all pairs.
    pub detections: usize,
    /// Pairs that could not be read or written.
    pub warnings: Vec<Warning>,
}

/// Aligns every pair of `config.pairs` and writes its detections.
pub fn run(config: &PanConfig) -> Result<PanRun, Error> {
    let listing = std::fs::read_to_string(&config.pairs)
        .map_err(|source| Error::Path { path: config.pairs.clone(), source })?;
    std::fs::create_dir_all(&config.out)
        .map_err(|source| Error::Path { path: config.out.clone(), source })?;
    let display = config.pairs.to_string_lossy().into_owned();
    let mut run = PanRun::default();
    let mut pairs = Vec::new();
    for (n, line) in listing.lines().enumerate() {
        match line.split_whitespace().collect::<Vec<_>>()[..] {
            [] => {}
            [susp, src] => match [susp, src].into_iter().find(|name| !is_plain(name)) {
                None => pairs.push((susp.to_string(), src.to_string())),
                Some(name) => run.warnings.push(Warning::line(&display, n as u64 + 1, not_plain(name))),
            },
            _ => run.warnings.push(Warning::line(&display, n as u64 + 1, "expected two file names")),
        }
    }
    let results: Vec<Result<usize, Warning>> =
        pairs.par_iter().map(|(susp, src)| align_pair(config, susp, src)).collect();
    for r in results {
        match r {
            Ok(found) => {
                run.pairs += 1;
                run.detections += found;
            }
            Err(w) => run.warnings.push(w),
        }
    }
    Ok(run)
}

fn align_pair(config: &PanConfig, susp: &str, src: &str) -> Result<usize, Warning> {
    let read = |dir: &Path, name: &str| {
        let path = dir.join(name);
        std::fs::read(&path)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .map_err(|e| Warning::file(path.to_string_lossy(), format!("cannot read: {e}")))
    };
    let (susp_text, src_text) = (read(&config.susp, susp)?, read(&config.src, src)?);
    let passages = align(&susp_text, &src_text, &config.align);
    let xml = detection_xml(susp, src, &susp_text, &src_text, &passages);
    let name = format!("{}-{}.xml", stem(susp), stem(src));
    let path = config.out.join(name);
    std::fs::write(&path, xml)
        .map_err(|e| Warning::file(path.to_string_lossy(), format!("cannot write: {e}")))?;
    Ok(passages.len())
}

/// Whether `name` is a plain file name (one component, not `.` or `..`,
/// not absolute): the detection file named after it stays inside `--out`.
fn is_plain(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    matches!((parts.next(), parts.next()), (Some(std::path::Component::Normal(_)), None))
}

fn not_plain(name: &str) -> String {
    format!(
        "{name:?} is not a plain file name (it names a folder, . or ..); detection files are named \
         after the pair and must stay inside --out; line skipped"
    )
}

fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// The PAN detection document of one pair.
pub fn detection_xml(susp: &str, src: &str, susp_text: &str, src_text: &str, passages: &[Passage]) -> String {
    let mut xml = format!("<document reference=\"{}\">\n", escape(susp));
    for p in passages {
        let (this_offset, this_length) = chars(susp_text, p.a.start, p.a.end);
        let (source_offset, source_length) = chars(src_text, p.b.start, p.b.end);
        xml.push_str(&format!(
            "<feature name=\"detected-plagiarism\" this_offset=\"{this_offset}\" this_length=\"{this_length}\" \
             source_reference=\"{}\" source_offset=\"{source_offset}\" source_length=\"{source_length}\" />\n",
            escape(src)
        ));
    }
    xml.push_str("</document>\n");
    xml
}

/// Offset and length in characters of the byte span `[start, end)`.
fn chars(text: &str, start: usize, end: usize) -> (usize, usize) {
    let offset = text[..start].chars().count();
    (offset, text[start..end].chars().count())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Span;

    #[test]
    fn offsets_are_in_characters() {
        let susp = "ééé reused";
        let passage =
            Passage { a: Span { start: 7, end: 13 }, b: Span { start: 0, end: 6 }, seeds: 1, cosine: 1.0 };
        let xml = detection_xml("s.txt", "r&d.txt", susp, "reused", &[passage]);
        assert!(xml.contains("this_offset=\"4\" this_length=\"6\""), "{xml}");
        assert!(
            xml.contains("source_reference=\"r&amp;d.txt\" source_offset=\"0\" source_length=\"6\""),
            "{xml}"
        );
    }
}
