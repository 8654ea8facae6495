//! Compressed input cut short or mislabelled: the records before the cut
//! are kept, the rest is a warning naming the file.

use super::*;

#[test]
fn truncated_gzip_jsonl_keeps_the_records_before_the_cut() {
    let dir = scratch();
    good_pair(dir.path());
    let total = 150;
    let gz = gzip(long_export(total).as_bytes());
    write(dir.path(), "corpus/export.jsonl.gz", &gz[..gz.len() / 2]);
    let report = scan_corpus(dir.path());
    assert_good_match(&report);
    let kept: Vec<u64> = report
        .articles
        .iter()
        .filter(|a| a.source.ends_with("export.jsonl.gz"))
        .map(|a| a.line.expect("a record has a line"))
        .collect();
    let k = kept.len() as u64;
    assert!(k >= 2 && k < total, "some records before the cut, not all: {k}");
    assert_eq!(kept, (1..=k).collect::<Vec<_>>(), "every record before the cut");
    let w = warning(&report, "export.jsonl.gz", Some(k + 1), "truncated");
    assert!(w.message.contains(&format!("after line {k}")), "{w:?}");
    share_a(&report, ("x1", &x1()), ("x2", &x2()));
}

#[test]
fn truncated_gzip_csv_keeps_the_rows_before_the_cut() {
    let dir = scratch();
    good_pair(dir.path());
    let total = 150;
    let rows: String = (1..=total).map(|i| format!("r{i},\"{}\"\n", filler(i, 40))).collect();
    let gz = gzip(format!("id,text\n{rows}").as_bytes());
    write(dir.path(), "corpus/export.csv.gz", &gz[..gz.len() / 2]);
    let report = scan_corpus(dir.path());
    assert_good_match(&report);
    let kept: Vec<u64> = report
        .articles
        .iter()
        .filter(|a| a.source.ends_with("export.csv.gz"))
        .map(|a| a.line.expect("a row has a line"))
        .collect();
    let k = kept.len() as u64;
    assert!(k >= 2 && k < total, "some rows before the cut, not all: {k}");
    assert_eq!(kept, (2..=k + 1).collect::<Vec<_>>(), "every row before the cut");
    let w = warning(&report, "export.csv.gz", Some(k + 2), "truncated");
    assert!(w.message.contains("rest of file skipped"), "{w:?}");
}

#[test]
fn truncated_gzip_text_file_is_skipped_with_a_warning() {
    let dir = scratch();
    good_pair(dir.path());
    let gz = gzip(format!("{PARA_A}\n\n{}\n", filler(1, 200)).as_bytes());
    write(dir.path(), "corpus/story.txt.gz", &gz[..gz.len() / 2]);
    let report = scan_corpus(dir.path());
    assert_good_match(&report);
    let w = warning(&report, "story.txt.gz", None, "truncated");
    assert!(w.message.contains("gzip") && w.message.contains("skipped"), "{w:?}");
    assert_eq!(report.articles.len(), 2);
}

#[test]
fn gz_file_that_is_not_gzip_is_a_warning() {
    let dir = scratch();
    good_pair(dir.path());
    write(dir.path(), "corpus/plain.txt.gz", format!("{PARA_A}\n"));
    let report = scan_corpus(dir.path());
    assert_good_match(&report);
    warning(&report, "plain.txt.gz", None, "gzip");
    assert_eq!(report.articles.len(), 2);
}

#[test]
fn truncated_zstd_is_a_warning_and_complete_frames_are_kept() {
    let dir = scratch();
    good_pair(dir.path());
    let zst = zstd(format!("{PARA_A}\n\n{}\n", filler(2, 200)).as_bytes());
    write(dir.path(), "corpus/story.txt.zst", &zst[..zst.len() / 2]);
    // One frame, cut: nothing is read, and the file is not called empty.
    let zst = zstd(long_export(3).as_bytes());
    write(dir.path(), "corpus/cut.jsonl.zst", &zst[..zst.len() / 2]);
    // Two frames, the second cut: the first frame's records are kept.
    let first = jsonl(&[json!({"id": "z1", "text": x1()}), json!({"id": "z2", "text": x2()})]);
    let second = zstd(long_export(4).as_bytes());
    let mut frames = zstd(first.as_bytes());
    frames.extend_from_slice(&second[..second.len() / 2]);
    write(dir.path(), "corpus/frames.jsonl.zst", frames);

    let report = scan_corpus(dir.path());
    assert_good_match(&report);
    let w = warning(&report, "story.txt.zst", None, "truncated");
    assert!(w.message.contains("zstd"), "{w:?}");
    let w = warning(&report, "cut.jsonl.zst", Some(1), "truncated");
    assert!(!w.message.contains("empty"), "{w:?}");
    warning(&report, "frames.jsonl.zst", Some(3), "after line 2");
    assert_eq!(report.article("z2").1.line, Some(2));
    share_a(&report, ("z1", &x1()), ("z2", &x2()));
    assert_eq!(report.articles.len(), 4, "good pair and the first frame");
}

#[test]
fn gzip_zero_padding_is_ignored_and_trailing_bytes_are_a_warning_not_a_lost_file() {
    let dir = scratch();
    good_pair(dir.path());
    let story = format!("Wire copy.\n\n{PARA_A}\n");
    let padded = [gzip(story.as_bytes()), vec![0; 512]].concat();
    write(dir.path(), "corpus/padded.txt.gz", padded);
    write(dir.path(), "corpus/tail.txt.gz", [gzip(story.as_bytes()), b"garbage".to_vec()].concat());
    let export = jsonl(&[json!({"id": "g1", "text": x1()}), json!({"id": "g2", "text": x2()})]);
    write(dir.path(), "corpus/tail.jsonl.gz", [gzip(export.as_bytes()), b"garbage".to_vec()].concat());

    let report = scan_corpus(dir.path());
    assert_good_match(&report);
    share_a(&report, ("padded.txt.gz", &story), ("tail.txt.gz", &story));
    share_a(&report, ("g1", &x1()), ("g2", &x2()));
    assert!(report.warnings_for("/padded.txt.gz").is_empty(), "{:#?}", report.warnings);
    for name in ["tail.txt.gz", "tail.jsonl.gz"] {
        let w = warning(&report, name, None, "7 byte(s) after the end of the gzip data");
        assert!(!w.message.contains("truncated") && w.message.contains("ignored"), "{w:?}");
    }
    assert_eq!(report.articles.len(), 6, "good pair, both text files, both records");
}
