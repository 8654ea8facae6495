//! Plain text files: one article per file.

use std::io::Read;

use super::limits::{self, MAX_ARTICLE_BYTES};
use super::{Article, ArticleKey, ArticleMeta, Compression, Item, ReadOptions, Source, decode};
use crate::error::Warning;

/// Reads `reader`, the (decompressed) content of `source`, as one article
/// whose id is its relative path.
pub(super) fn read(
    index: u32,
    source: &Source,
    mut reader: impl Read,
    _options: &ReadOptions,
    emit: &mut dyn FnMut(Item),
) {
    let warn = |message: String| Item::Warning(Warning::file(&source.display, message));
    // One byte past the limit tells that the file is longer; no more is held.
    let mut bytes = Vec::new();
    if let Err(err) = reader.by_ref().take(MAX_ARTICLE_BYTES as u64 + 1).read_to_end(&mut bytes) {
        return emit(warn(format!("{}; file skipped", decode::read_error(&err, source))));
    }
    if bytes.is_empty() {
        return emit(warn("empty file".into()));
    }
    let cut = bytes.len() > MAX_ARTICLE_BYTES;
    if cut {
        bytes.truncate(MAX_ARTICLE_BYTES);
        limits::drop_partial_char(&mut bytes);
    }
    let mut decoded = match decode::decode_file(bytes) {
        Ok(decoded) => decoded,
        Err(message) => return emit(warn(message)),
    };
    if let Some(note) = decoded.note {
        emit(warn(note));
    }
    let cut_decoded = limits::cut_text(&mut decoded.text);
    if cut {
        emit(warn(cut_message(source, decoded.text.len())));
    } else if let Some(message) = cut_decoded {
        emit(warn(message));
    }
    emit(Item::Article(Article {
        key: ArticleKey { source: index, line: 0 },
        meta: ArticleMeta {
            id: source.relative.clone(),
            outlet: source.parent.clone(),
            ..ArticleMeta::default()
        },
        text: decoded.text,
    }));
}

/// The warning for a file longer than the article limit, whose first
/// `kept` bytes of text are read.
fn cut_message(source: &Source, kept: usize) -> String {
    let size = match source.compression {
        Compression::None => std::fs::metadata(&source.path).map(|m| format!("is {} bytes", m.len())).ok(),
        _ => None,
    };
    format!(
        "file {}longer than the limit of {} MiB for one article; only its first {kept} bytes of text are \
         read, the rest is skipped",
        size.map_or_else(|| "is (decompressed) ".to_string(), |s| format!("{s}, ")),
        MAX_ARTICLE_BYTES >> 20
    )
}
