//! Plain text files: one article per file.

use std::io::Read;

use super::{Article, ArticleKey, ArticleMeta, Item, ReadOptions, Source, decode};
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
    let mut bytes = Vec::new();
    if let Err(err) = reader.read_to_end(&mut bytes) {
        return emit(warn(format!("{}; file skipped", decode::read_error(&err, source))));
    }
    if bytes.is_empty() {
        return emit(warn("empty file".into()));
    }
    let decoded = match decode::decode_file(bytes) {
        Ok(decoded) => decoded,
        Err(message) => return emit(warn(message)),
    };
    if let Some(note) = decoded.note {
        emit(warn(note));
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
