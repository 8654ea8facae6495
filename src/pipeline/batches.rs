//! The first read of one source, in batches of articles, with the reading
//! of a record file overlapped with the sketching of the batch before.

use std::sync::mpsc::sync_channel;

use super::guard;
use crate::error::Warning;
use crate::faults::Stage as Fault;
use crate::input::{self, Article, Format, Item, ReadOptions, Source};

/// Articles sketched together in one parallel batch.
pub(crate) const BATCH: usize = 512;

/// Batches read ahead while one is sketched: memory for the text of this
/// many batches more, no more.
const AHEAD: usize = 2;

/// Reads source `index` in batches of [`BATCH`] articles and passes each to
/// `each`, then the last (possibly empty) one; warnings of the read, and a
/// panic while reading (the articles read before it are kept), go to
/// `warnings`.
///
/// Reading a JSON Lines or CSV file (splitting records, parsing JSON) is
/// one thread's work; when rayon has more than one thread, a thread of its
/// own reads the next batches while `each` sketches the current one, so the
/// sketching threads are not idle while records are parsed. The batches and
/// their order are the same either way. A text file (one article) and a
/// run on one thread read in place.
pub(super) fn read_batches(
    index: u32,
    source: &Source,
    options: &ReadOptions,
    each: &mut dyn FnMut(Vec<Article>),
    warnings: &mut Vec<Warning>,
) {
    let whole = |each: &mut dyn FnMut(Vec<Article>)| {
        let mut found = Vec::new();
        read(index, source, options, each, &mut found);
        found
    };
    match read_ahead(reads_ahead(source), whole, each) {
        Some(found) => warnings.extend(found),
        None => warnings.push(Warning::file(
            &source.display,
            guard::bug("reading this file", "the rest of the file is skipped", "the reading thread panicked"),
        )),
    }
}

/// Whether a source is read ahead of its use: it holds records (JSON
/// Lines, CSV), not one article, and rayon has more than one thread.
pub(crate) fn reads_ahead(source: &Source) -> bool {
    source.format != Format::Text && rayon::current_num_threads() >= 2
}

/// Runs `read`, which hands items to the function it is given, and passes
/// each item to `each`, in order. With `ahead`, `read` runs on a thread of
/// its own and at most [`AHEAD`] items wait for `each`; otherwise it runs on
/// the calling thread. `None`: the reading thread panicked.
pub(crate) fn read_ahead<T: Send, W: Send>(
    ahead: bool,
    read: impl FnOnce(&mut dyn FnMut(T)) -> W + Send,
    each: &mut dyn FnMut(T),
) -> Option<W> {
    if !ahead {
        return Some(read(each));
    }
    std::thread::scope(|scope| {
        let (send, items) = sync_channel(AHEAD);
        // A send fails only if the receiving side is gone (it panicked).
        let reader = scope.spawn(move || read(&mut |item| drop(send.send(item))));
        for item in items {
            each(item);
        }
        reader.join().ok()
    })
}

/// [`read_batches`] on the calling thread.
fn read(
    index: u32,
    source: &Source,
    options: &ReadOptions,
    each: &mut dyn FnMut(Vec<Article>),
    warnings: &mut Vec<Warning>,
) {
    let mut batch: Vec<Article> = Vec::new();
    let read = guard::catch(|| {
        input::read_source(index, source, options, &mut |item| match item {
            Item::Article(article) => {
                options.faults.check(Fault::Read, &article.text);
                batch.push(article);
                if batch.len() >= BATCH {
                    each(std::mem::take(&mut batch));
                }
            }
            Item::Warning(w) => warnings.push(w),
        })
    });
    if let Err(panic) = read {
        let message = guard::bug("reading this file", "the rest of the file is skipped", &panic);
        warnings.push(Warning::file(&source.display, message));
    }
    each(batch);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids of each batch and the warnings, read with `threads` threads.
    fn batches_with(threads: usize, path: &std::path::Path) -> (Vec<Vec<String>>, Vec<Warning>) {
        let (sources, _) = input::discover(&[path.to_path_buf()]).expect("discover");
        let options = ReadOptions::default();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        pool.install(|| {
            let (mut ids, mut warnings) = (Vec::new(), Vec::new());
            let mut each = |batch: Vec<Article>| ids.push(batch.into_iter().map(|a| a.meta.id).collect());
            read_batches(0, &sources[0], &options, &mut each, &mut warnings);
            warnings.sort();
            (ids, warnings)
        })
    }

    #[test]
    fn reading_ahead_gives_the_same_batches_and_warnings() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("dump.jsonl");
        let mut lines: Vec<String> = (0..2 * BATCH + 7)
            .map(|i| format!("{{\"id\":\"a{i}\",\"text\":\"words of article {i}\"}}"))
            .collect();
        lines[BATCH + 3] = "{not json".into();
        std::fs::write(&path, lines.join("\n")).expect("write");
        let (one, ahead) = (batches_with(1, &path), batches_with(2, &path));
        assert_eq!(one, ahead);
        let sizes: Vec<usize> = one.0.iter().map(Vec::len).collect();
        assert_eq!(sizes, [BATCH, BATCH, 6], "full batches, then the rest");
        assert_eq!(one.1.len(), 1, "the bad line: {:?}", one.1);
    }
}
