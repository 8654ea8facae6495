//! `input::read_bytes` (what the fuzz targets drive) reads content held in
//! memory exactly as `input::read_source` reads the same bytes from a file:
//! same articles, same warnings, for every format and compression, broken
//! input included.

use std::path::PathBuf;

use wiretrace::input::{Item, ReadOptions, discover, read_bytes, read_source};

use crate::util::{PARA_A, PARA_B, gzip, scratch, write, zstd};

/// Contents by file name, covering each format and compression, good and
/// bad, and whether any article is to be read from it (`None`: it depends
/// on how much the decompressor yields before the cut).
fn contents() -> Vec<(String, Vec<u8>, Option<bool>)> {
    let text = format!("Harbour news\n\n{PARA_A}\n\n{PARA_B}\n");
    let jsonl = format!(
        "{{\"id\": \"a\", \"url\": \"https://news.example/x\", \"text\": {PARA_A:?}}}\nnot json\n\n[1]\n"
    );
    let csv = format!("id,text\n1,\"{PARA_A}\"\n2\n3,\"{PARA_B}\",extra\n4,\"unclosed\n");
    let mut out = Vec::new();
    for (ext, bytes) in [("txt", text.as_bytes()), ("jsonl", jsonl.as_bytes()), ("csv", csv.as_bytes())] {
        let packed = gzip(bytes);
        let truncated = packed.get(..packed.len() / 2).unwrap_or_default().to_vec();
        out.push((format!("f.{ext}"), bytes.to_vec(), Some(true)));
        out.push((format!("f.{ext}.gz"), packed, Some(true)));
        out.push((format!("f.{ext}.zst"), zstd(bytes), Some(true)));
        // A text file cut short is skipped; records before the cut may be read.
        out.push((format!("cut.{ext}.gz"), truncated, (ext == "txt").then_some(false)));
    }
    out.push(("bad_utf8.txt".into(), b"ab\xffcd".to_vec(), Some(true)));
    out.push(("empty.jsonl".into(), Vec::new(), Some(false)));
    out.push(("not.jsonl.zst".into(), b"plainly not zstd".to_vec(), Some(false)));
    out
}

#[test]
fn read_bytes_reads_as_read_source_does() {
    for (name, bytes, readable) in contents() {
        let dir = scratch();
        let rel = format!("in/{name}");
        write(dir.path(), &rel, &bytes);
        let (sources, _) = discover(&[dir.path().join("in")]).expect("scratch directory exists");
        let [source] = sources.as_slice() else { panic!("one source for {name}: {sources:?}") };
        let options = ReadOptions::default();
        let (mut from_file, mut from_bytes) = (Vec::new(), Vec::new());
        read_source(3, source, &options, &mut |item| from_file.push(item));
        let elsewhere = wiretrace::input::Source { path: PathBuf::from("not/opened"), ..source.clone() };
        read_bytes(3, &elsewhere, &bytes, &options, &mut |item| from_bytes.push(item));
        assert!(!from_file.is_empty(), "{name}: something is read or warned about");
        assert_eq!(from_bytes, from_file, "{name}");
        let any_article = from_file.iter().any(|i| matches!(i, Item::Article(_)));
        assert!(readable.is_none_or(|r| r == any_article), "{name}: {from_file:#?}");
    }
}
