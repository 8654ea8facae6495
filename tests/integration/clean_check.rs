//! Checking a `wiretrace clean` run from the outside: the removal log read
//! strictly, the cleaned corpus read back with the library's own reader,
//! and every removal accounted for.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use wiretrace::input::{Article, Item, ReadOptions, discover, read_source};

use crate::util::{Run, run_in};

/// One line of `removed.jsonl`, every field required and no other allowed.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub article: String,
    pub source: String,
    pub line: Option<u64>,
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub char_start: usize,
    pub char_end: usize,
    pub paragraphs: Option<[u32; 2]>,
    pub text_start: usize,
    pub text_end: usize,
    pub words: u64,
    pub copy: Copy,
    pub similarity: f64,
    pub rule: String,
    pub excerpt: String,
}

/// The `copy` of an entry.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Copy {
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub paragraphs: Option<[u32; 2]>,
    pub kept: bool,
}

/// The entries of `out/removed.jsonl`.
pub fn log(out: &Path) -> Vec<Entry> {
    let text = std::fs::read_to_string(out.join("removed.jsonl")).expect("removed.jsonl is written");
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad log line {l}: {e}")))
        .collect()
}

/// The articles the library's reader finds under `path`, in order.
pub fn articles(path: &Path) -> Vec<Article> {
    let (sources, _) = discover(&[path.to_path_buf()]).expect("readable");
    let mut out = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        read_source(i as u32, source, &ReadOptions::default(), &mut |item| {
            if let Item::Article(a) = item {
                out.push(a);
            }
        });
    }
    out
}

/// Every file under `dir` with its bytes, by path relative to `dir`.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walkable");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("below dir").to_string_lossy().replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).expect("readable"));
        }
    }
    out
}

/// Runs `wiretrace clean INPUT --out OUT EXTRA...` in `dir`.
pub fn clean(dir: &Path, input: &str, out: &str, extra: &[&str]) -> Run {
    let mut args = vec!["clean", input, "--out", out];
    args.extend(extra);
    run_in(dir, &args, &[])
}

/// Checks a finished run: `before` are the input's articles, `after` the
/// output's; every input article is either dropped (one `near_duplicate`
/// entry spanning its whole text) or present, in the same order, with
/// exactly the logged ranges cut out. Returns the entries by kind.
pub fn check_consistent(before: &[Article], after: &[Article], entries: &[Entry]) -> BTreeMap<String, usize> {
    let mut by_article: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        by_article.entry(e.article.as_str()).or_default().push(e);
    }
    let ids: Vec<&str> = before.iter().map(|a| a.meta.id.as_str()).collect();
    assert!(by_article.keys().all(|id| ids.contains(id)), "log names only input articles");
    let mut out = after.iter();
    for a in before {
        let mine = by_article.remove(a.meta.id.as_str()).unwrap_or_default();
        for e in &mine {
            check_entry(a, e);
        }
        if mine.iter().any(|e| e.kind == "near_duplicate") {
            assert_eq!(mine.len(), 1, "a dropped article has one entry: {mine:#?}");
            assert_eq!((mine[0].start, mine[0].end), (0, a.text.len()));
            assert!(mine[0].copy.kept && ids.contains(&mine[0].copy.article.as_str()));
            continue;
        }
        let next = out.next().unwrap_or_else(|| panic!("{} is missing from the output", a.meta.id));
        assert_eq!(next.meta.id, a.meta.id, "articles keep their order");
        assert_eq!(next.text, cut(&a.text, &mine), "{}: the output is the input minus the log", a.meta.id);
        let other = |x: &Article| {
            (x.meta.outlet.clone(), x.meta.url.clone(), x.meta.date.clone(), x.meta.title.clone())
        };
        assert_eq!(other(next), other(a), "{}: other fields unchanged", a.meta.id);
    }
    assert!(out.next().is_none(), "no article appears from nowhere");
    let mut kinds = BTreeMap::new();
    for e in entries {
        *kinds.entry(e.kind.clone()).or_insert(0) += 1;
    }
    kinds
}

/// `text` without the entries' ranges.
fn cut(text: &str, entries: &[&Entry]) -> String {
    let mut ranges: Vec<(usize, usize)> = entries.iter().map(|e| (e.start, e.end)).collect();
    ranges.sort_unstable();
    let mut out = String::new();
    let mut at = 0;
    for (start, end) in ranges {
        assert!(at <= start, "removed ranges overlap: {entries:#?}");
        out.push_str(&text[at..start]);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// One entry against its article's text: byte and character offsets agree,
/// the paragraphs' own text lies inside the removed range with only white
/// space or a marker around it, and the excerpt is its start.
fn check_entry(a: &Article, e: &Entry) {
    let text = &a.text;
    assert!(
        e.start <= e.text_start && e.text_start <= e.text_end && e.text_end <= e.end && e.end <= text.len()
    );
    let removed = text.get(e.start..e.end).expect("byte offsets on character boundaries");
    assert_eq!(e.char_start, text[..e.start].chars().count(), "{e:#?}");
    assert_eq!(e.char_end - e.char_start, removed.chars().count(), "{e:#?}");
    let around = format!("{}{}", &text[e.start..e.text_start], &text[e.text_end..e.end]);
    assert!(around.trim().is_empty() || around.trim() == "###", "only a separator besides: {around:?}");
    let own: String = text[e.text_start..e.text_end].split_whitespace().collect::<Vec<_>>().join(" ");
    let excerpt = e.excerpt.trim_end_matches('…');
    assert!(own.starts_with(excerpt), "excerpt {excerpt:?} starts {own:?}");
    let whole_words = own.len() == excerpt.len() || own[excerpt.len()..].starts_with(' ');
    assert!(whole_words || !excerpt.contains(' '), "excerpt {excerpt:?} ends inside a word of {own:?}");
    assert!((0.0..=1.0).contains(&e.similarity) && e.words > 0 && !e.rule.is_empty(), "{e:#?}");
    assert_eq!(e.line, (a.key.line > 0).then_some(a.key.line), "{e:#?}");
    assert!(!e.source.is_empty());
    match e.kind.as_str() {
        "repeat" => {
            assert!(e.copy.kept && e.copy.article == e.article && e.copy.end <= e.start, "{e:#?}");
            // The rule names the copy's paragraphs as the text report does, from 1.
            let [first, last] = e.copy.paragraphs.expect("a repeat's copy is paragraphs");
            let named = if first == last {
                format!("¶{} ", first + 1)
            } else {
                format!("¶{}–{} ", first + 1, last + 1)
            };
            assert!(e.rule.contains(&named), "{:?} names {named:?}", e.rule);
        }
        "boilerplate" => assert!(!e.copy.kept, "no copy of boilerplate is kept: {e:#?}"),
        "near_duplicate" => assert!(e.copy.kept && e.copy.article != e.article),
        other => panic!("unknown kind {other}"),
    }
}

/// Cleans `input` (relative to `dir`) into `out1`, checks the run, cleans
/// `out1`'s copy into `out2` and checks that nothing more is removed and
/// the files are the same; the input's files must be byte-identical before
/// and after. Returns the first run's entries by kind.
pub fn clean_twice(dir: &Path, input: &str, extra: &[&str]) -> BTreeMap<String, usize> {
    let input_path = dir.join(input);
    let inputs_before = files(&input_path);
    let name = Path::new(input).file_name().expect("named").to_string_lossy().into_owned();
    let first = clean(dir, input, "out1", extra);
    first.ok().stderr_has("wiretrace clean: ");
    let copy: PathBuf = dir.join("out1").join(&name);
    let entries = log(&dir.join("out1"));
    let kinds = check_consistent(&articles(&input_path), &articles(&copy), &entries);
    if input_path.is_dir() {
        let dropped = entries.iter().filter(|e| e.kind == "near_duplicate").count();
        assert_eq!(
            files(&copy).len(),
            files(&input_path).len() - dropped,
            "a dropped article's file is not written"
        );
    }
    let second = clean(dir, &format!("out1/{name}"), "out2", extra);
    second.ok();
    let again = log(&dir.join("out2"));
    assert!(again.is_empty(), "cleaning twice removed more: {again:#?}\n{}", second.stderr);
    let (one, two) = (files(&copy), files(&dir.join("out2").join(&name)));
    assert_eq!(one.keys().collect::<Vec<_>>(), two.keys().collect::<Vec<_>>());
    for (path, bytes) in &one {
        assert!(
            decompressed(path, bytes) == decompressed(path, &two[path]),
            "{path} differs after a second clean"
        );
    }
    assert!(files(&input_path) == inputs_before, "inputs are byte-identical after the run");
    kinds
}

/// The content of a file, decompressed if its name says so.
pub fn decompressed(path: &str, bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    if path.ends_with(".gz") {
        flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut out).expect("gzip");
    } else if path.ends_with(".zst") {
        out = zstd::stream::decode_all(bytes).expect("zstd");
    } else {
        out = bytes.to_vec();
    }
    out
}
