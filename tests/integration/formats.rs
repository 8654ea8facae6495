//! Every input format and compression: plain text files and directories,
//! JSON Lines, CSV and TSV, each optionally gzip or zstd. Fixtures share
//! `PARA_A` so that a known match must be found, and its byte spans must
//! slice exactly `PARA_A` out of each article's text as read.

use serde_json::json;

use crate::schema::Report;
use crate::util::{
    PARA_A, PARA_B, assert_share_para_a, gzip, run_in, scratch, shared, span_text, write, zstd,
};

/// Asserts that articles `x` and `y` (whose texts as read are given) share
/// `PARA_A`, their spans slicing exactly `PARA_A` out of each text.
fn assert_para_a_between(report: &Report, (x, x_text): (&str, &str), (y, y_text): (&str, &str)) {
    assert_share_para_a(report, (x, x_text.as_bytes()), (y, y_text.as_bytes()));
}

#[test]
fn text_directory_ids_are_relative_paths_and_outlets_the_directory_above() {
    let dir = scratch();
    let a = format!("Harbour news\n\n{PARA_A}\n");
    let b = format!("{PARA_B}\n\n{PARA_A}\n\nMore on this story later today.\n");
    write(dir.path(), "news/reuters/a.txt", &a);
    write(dir.path(), "news/ap/wire/b.text", &b);
    write(dir.path(), "news/top.txt", "A story filed directly in the root folder of the corpus.\n");
    let report = run_in(dir.path(), &["scan", "news", "--format", "json"], &[]).ok().report();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_eq!(report.summary.sources, 3);

    let (_, art) = report.article("reuters/a.txt");
    assert_eq!(art.source, "news/reuters/a.txt");
    assert_eq!(art.outlet.as_deref(), Some("reuters"));
    assert_eq!((art.line, &art.url, &art.date, &art.title), (None, &None, &None, &None));
    let (_, art) = report.article("ap/wire/b.text");
    assert_eq!(art.source, "news/ap/wire/b.text");
    assert_eq!(art.outlet.as_deref(), Some("wire"), "the directory just above the file");
    let (_, art) = report.article("top.txt");
    assert_eq!(art.outlet, None, "a file directly in the root has no outlet");

    assert_para_a_between(&report, ("reuters/a.txt", &a), ("ap/wire/b.text", &b));
}

#[test]
fn files_named_directly_are_read_even_with_an_unknown_extension() {
    let dir = scratch();
    let a = format!("{PARA_A}\n");
    let b = format!("# Notes\n\n{PARA_B}\n\n{PARA_A}\n");
    write(dir.path(), "x/one.txt", &a);
    write(dir.path(), "y/story.md", &b);
    let report =
        run_in(dir.path(), &["scan", "x/one.txt", "y/story.md", "--format", "json"], &[]).ok().report();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    for (id, source) in [("one.txt", "x/one.txt"), ("story.md", "y/story.md")] {
        let (_, art) = report.article(id);
        assert_eq!(art.source, source);
        assert_eq!(art.outlet, None, "no outlet for a file named directly");
    }
    assert_para_a_between(&report, ("one.txt", &a), ("story.md", &b));
}

#[test]
fn jsonl_and_ndjson_fields_are_found_by_common_names() {
    let dir = scratch();
    let t1 = format!("Intro line.\n\n{PARA_A}");
    let t2 = format!("{PARA_B}\n\n{PARA_A}");
    let t3 = format!("{PARA_A}\n\nA different ending for the third record of the export.");
    let t4 = "Nothing shared here, only a few words about the weather.".to_string();
    let jsonl = [
        json!({"id": "j1", "text": t1, "outlet": "Wire One", "url": "https://www.one.example/x",
               "date": "2024-05-01", "title": "First"}),
        json!({"id": "j2", "content": t2, "publisher": "Pub Two", "published": "2024-05-02"}),
    ];
    let ndjson = [
        json!({"id": 7, "body": t3, "source": "Src Three", "scrape_time": "2024-05-03T10:00:00Z"}),
        json!({"text": t4, "url": "http://www.news.example.org/a?b=1"}),
    ];
    let lines =
        |records: &[serde_json::Value]| -> String { records.iter().map(|r| format!("{r}\n")).collect() };
    write(dir.path(), "in/export.jsonl", lines(&jsonl));
    write(dir.path(), "in/more.ndjson", lines(&ndjson));
    let report = run_in(dir.path(), &["scan", "in", "--format", "json"], &[]).ok().report();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_eq!(report.articles.len(), 4);

    let (_, j1) = report.article("j1");
    assert_eq!(j1.source, "in/export.jsonl");
    assert_eq!(j1.line, Some(1));
    assert_eq!(j1.outlet.as_deref(), Some("Wire One"), "an outlet field beats the URL host");
    assert_eq!(j1.url.as_deref(), Some("https://www.one.example/x"));
    assert_eq!(j1.date.as_deref(), Some("2024-05-01"));
    assert_eq!(j1.title.as_deref(), Some("First"));
    let (_, j2) = report.article("j2");
    assert_eq!(j2.line, Some(2));
    assert_eq!(j2.outlet.as_deref(), Some("Pub Two"));
    assert_eq!(j2.date.as_deref(), Some("2024-05-02"));
    assert_eq!((&j2.url, &j2.title), (&None, &None));
    let (_, j3) = report.article("7");
    assert_eq!(j3.source, "in/more.ndjson");
    assert_eq!(j3.outlet.as_deref(), Some("Src Three"));
    assert_eq!(j3.date.as_deref(), Some("2024-05-03T10:00:00Z"));
    let (_, j4) = report.article("more.ndjson:2");
    assert_eq!(j4.outlet.as_deref(), Some("news.example.org"), "URL host without www.");
    assert_eq!(j4.bytes, t4.len());

    assert_para_a_between(&report, ("j1", &t1), ("j2", &t2));
    assert_para_a_between(&report, ("j1", &t1), ("7", &t3));
}

#[test]
fn jsonl_fields_named_by_flags_win_over_common_names() {
    let dir = scratch();
    let t1 = format!("Intro line.\n\n{PARA_A}");
    let t2 = format!("{PARA_B}\n\n{PARA_A}");
    let records = [
        json!({"doc": "k1", "story_text": t1, "paper": "Paper One", "when": "2024-06-01",
               "head": "Headline one", "link_x": "https://www.k.example/1",
               "id": "decoy-id", "text": "decoy text", "outlet": "decoy", "url": "https://decoy.example/",
               "date": "decoy", "title": "decoy"}),
        json!({"doc": "k2", "story_text": t2, "link_x": "https://www.k.example/2"}),
        json!({"doc": "k3", "text": PARA_A}),
    ];
    let body: String = records.iter().map(|r| format!("{r}\n")).collect();
    write(dir.path(), "custom.jsonl", body);
    let args = [
        "scan",
        "custom.jsonl",
        "--format",
        "json",
        "--text-field",
        "story_text",
        "--id-field",
        "doc",
        "--outlet-field",
        "paper",
        "--date-field",
        "when",
        "--title-field",
        "head",
        "--url-field",
        "link_x",
    ];
    let report = run_in(dir.path(), &args, &[]).ok().report();
    let (_, k1) = report.article("k1");
    assert_eq!(k1.outlet.as_deref(), Some("Paper One"));
    assert_eq!(k1.date.as_deref(), Some("2024-06-01"));
    assert_eq!(k1.title.as_deref(), Some("Headline one"));
    assert_eq!(k1.url.as_deref(), Some("https://www.k.example/1"));
    let (_, k2) = report.article("k2");
    assert_eq!(k2.outlet.as_deref(), Some("k.example"), "outlet from the named URL field");
    assert_para_a_between(&report, ("k1", &t1), ("k2", &t2));

    assert_eq!(report.articles.len(), 2, "k3 has no story_text field");
    assert_eq!(report.warnings.len(), 1, "{:#?}", report.warnings);
    let w = &report.warnings[0];
    assert_eq!((w.source.as_str(), w.line), ("custom.jsonl", Some(3)));
    assert!(w.message.contains("no field named \"story_text\""), "{w:?}");
}

#[test]
fn csv_with_header_follows_rfc4180_quoting() {
    let dir = scratch();
    // As read: doubled quotes undone, embedded newlines kept.
    let t1 = format!("He said \"hi\" to us.\n\n{PARA_A}");
    let t2 = format!("{PARA_B}\n\n{PARA_A}\n\nLast line of the second row.");
    let csv = format!(
        "id,outlet,title,text\n\
         c1,Wire One,\"Pier, closed\",\"He said \"\"hi\"\" to us.\n\n{PARA_A}\"\n\
         c2,Wire Two,Plain title,\"{t2}\"\n"
    );
    write(dir.path(), "export.csv", csv);
    let report = run_in(dir.path(), &["scan", "export.csv", "--format", "json"], &[]).ok().report();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let (_, c1) = report.article("c1");
    assert_eq!(c1.line, Some(2));
    assert_eq!(c1.title.as_deref(), Some("Pier, closed"));
    assert_eq!(c1.outlet.as_deref(), Some("Wire One"));
    let (_, c2) = report.article("c2");
    assert_eq!(c2.line, Some(5), "c1 spans lines 2 to 4");
    assert_eq!(c2.title.as_deref(), Some("Plain title"));
    assert_para_a_between(&report, ("c1", &t1), ("c2", &t2));
}

#[test]
fn tsv_is_read_with_tab_delimiters() {
    let dir = scratch();
    let t1 = format!("Intro, with a comma. {PARA_B}");
    let t2 = PARA_A.to_string();
    let tsv = format!(
        "id\tsource\ttext\n\
         t1\tTab Times\t{t1}\n\
         t2\tTab Times\t{t2}\n\
         t3\tOther, Inc.\tHarbour notes {PARA_A} and more\n"
    );
    write(dir.path(), "dir/export.tsv", tsv);
    let report = run_in(dir.path(), &["scan", "dir", "--format", "json"], &[]).ok().report();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_eq!(report.articles.len(), 3);
    let (_, t1a) = report.article("t1");
    assert_eq!(t1a.bytes, t1.len(), "commas are not delimiters in a TSV");
    assert_eq!(t1a.outlet.as_deref(), Some("Tab Times"));
    let (_, t3) = report.article("t3");
    assert_eq!(t3.outlet.as_deref(), Some("Other, Inc."));
    assert_eq!(t3.line, Some(4));
    let [t2_place, _] = shared(&report, "t2", "t3");
    assert_eq!(span_text(t2.as_bytes(), t2_place), PARA_A);
}

/// Two articles sharing `PARA_A`, as the files of one format: (file name
/// without compression suffix, bytes) and (article id, text as read).
struct Fixture {
    files: Vec<(&'static str, Vec<u8>)>,
    texts: [(&'static str, String); 2],
}

fn fixtures() -> Vec<Fixture> {
    let t1 = format!("Opening words of the first story.\n\n{PARA_A}\n");
    let t2 = format!("{PARA_B}\n\n{PARA_A}\n\nThe second story ends differently.\n");
    let jsonl = format!(
        "{}\n{}\n{}\n",
        json!({"id": "r1", "text": t1}),
        json!({"id": "r0", "text": "A record that shares nothing with the others at all."}),
        json!({"id": "r2", "text": t2})
    );
    let quoted = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
    let csv = format!("id,text\nr1,{}\nr2,{}\n", quoted(&t1), quoted(&t2));
    vec![
        Fixture {
            files: vec![("one.txt", t1.clone().into_bytes()), ("two.txt", t2.clone().into_bytes())],
            texts: [("one.txt", t1.clone()), ("two.txt", t2.clone())],
        },
        Fixture {
            files: vec![("export.jsonl", jsonl.into_bytes())],
            texts: [("r1", t1.clone()), ("r2", t2.clone())],
        },
        Fixture { files: vec![("export.csv", csv.into_bytes())], texts: [("r1", t1), ("r2", t2)] },
    ]
}

/// What must not depend on compression: articles and matches, with the
/// compression suffix taken off ids and sources.
fn comparable(report: &Report, suffix: &str) -> String {
    let strip = |s: &str| s.strip_suffix(suffix).unwrap_or(s).to_string();
    let mut out = String::new();
    for a in &report.articles {
        out.push_str(&format!(
            "article {} {} {:?} {} {}\n",
            strip(&a.id),
            strip(&a.source),
            a.line,
            a.bytes,
            a.paragraphs
        ));
    }
    for m in &report.matches {
        out.push_str(&format!(
            "match {} {} {} {}..{} {} {}..{}\n",
            m.kind,
            m.similarity,
            strip(&m.a.id),
            m.a.start,
            m.a.end,
            strip(&m.b.id),
            m.b.start,
            m.b.end
        ));
    }
    out
}

#[test]
fn gzip_and_zstd_give_the_same_results_as_uncompressed() {
    type Compress = fn(&[u8]) -> Vec<u8>;
    let plain: Compress = |b| b.to_vec();
    for fixture in fixtures() {
        let mut baseline = None;
        for (suffix, compress) in [("", plain), (".gz", gzip as Compress), (".zst", zstd as Compress)] {
            let dir = scratch();
            for (name, bytes) in &fixture.files {
                let compressed = compress(bytes);
                if !suffix.is_empty() {
                    assert_ne!(&compressed, bytes, "fixture is really compressed");
                }
                write(dir.path(), &format!("in/{name}{suffix}"), compressed);
            }
            let report = run_in(dir.path(), &["scan", "in", "--format", "json"], &[]).ok().report();
            assert!(report.warnings.is_empty(), "{suffix}: {:#?}", report.warnings);
            let [(x, x_text), (y, y_text)] = &fixture.texts;
            let (x, y) = (format!("{x}{}", id_suffix(x, suffix)), format!("{y}{}", id_suffix(y, suffix)));
            assert_para_a_between(&report, (&x, x_text), (&y, y_text));
            let seen = comparable(&report, suffix);
            match &baseline {
                None => baseline = Some(seen),
                Some(expected) => {
                    crate::util::assert_same_text(expected, &seen, &format!("{x} with {suffix}"))
                }
            }
        }
    }
}

/// Text files are named by their path, compression suffix included.
fn id_suffix<'s>(id: &str, suffix: &'s str) -> &'s str {
    if id.ends_with(".txt") { suffix } else { "" }
}

#[test]
fn paragraph_sep_flag_splits_at_the_marker() {
    let dir = scratch();
    // Multi-line texts: the " ### " marker is not obvious, only the flag splits there.
    let x = format!(
        "Filed from the harbour office this morning.\nOpening words of the piece ### {PARA_A} ### {PARA_B}\n"
    );
    let y = format!(
        "Another dateline here.\n{PARA_A} ### Closing remarks from the council were brief and said little.\n"
    );
    write(dir.path(), "x.txt", &x);
    write(dir.path(), "y.txt", &y);
    let exact = |report: &Report| {
        report.matches.iter().any(|m| {
            let a = if m.a.id == "x.txt" { &x } else { &y };
            let b = if m.b.id == "x.txt" { &x } else { &y };
            span_text(a.as_bytes(), &m.a) == PARA_A && span_text(b.as_bytes(), &m.b) == PARA_A
        })
    };
    let without = run_in(dir.path(), &["scan", "x.txt", "y.txt", "--format", "json"], &[]).ok().report();
    assert!(!exact(&without), "without the flag, PARA_A is not a paragraph of its own");

    let with =
        run_in(dir.path(), &["scan", "x.txt", "y.txt", "--format", "json", "--paragraph-sep", " ### "], &[])
            .ok()
            .report();
    assert!(with.warnings.is_empty(), "{:#?}", with.warnings);
    assert!(
        with.article("x.txt").1.paragraphs > without.article("x.txt").1.paragraphs,
        "the flag splits lines at the marker"
    );
    assert_para_a_between(&with, ("x.txt", &x), ("y.txt", &y));
}

#[test]
fn hash_markers_in_single_line_csv_text_are_detected() {
    let dir = scratch();
    let h1 = format!("Short dateline words here ### {PARA_A} ### Closing line of the first story");
    let h2 = format!("{PARA_B} ### {PARA_A} ### The end of the second story");
    let h3 = format!("{PARA_B} ### {PARA_A}");
    let csv = format!(
        "id,publisher,scrape_time,title,text\n\
         h1,Helsinki Daily,2023-01-01 10:00,One,\"{h1}\"\n\
         h2,Another Paper,2023-01-02 11:00,Two,\"{h2}\"\n\
         h3,Third Paper,2023-01-03 12:00,Three,\"{h3}\"\n"
    );
    write(dir.path(), "helsinki.csv", csv);
    let report = run_in(dir.path(), &["scan", "helsinki.csv", "--format", "json"], &[]).ok().report();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let (_, a1) = report.article("h1");
    assert_eq!(a1.paragraphs, 3);
    assert_eq!(a1.outlet.as_deref(), Some("Helsinki Daily"));
    assert_eq!(a1.date.as_deref(), Some("2023-01-01 10:00"));
    assert_eq!(report.article("h2").1.paragraphs, 3);
    assert_eq!(
        report.article("h3").1.paragraphs,
        2,
        "the marker is obvious for the whole file, so one marker splits too"
    );
    // In a file where most texts lack the marker, one marker is not enough.
    let plain = format!("{PARA_B} Nothing to split in this one.");
    let csv = format!("id,text\np1,\"{plain}\"\np2,\"{plain}\"\np3,\"{h3}\"\n");
    write(dir.path(), "mostly_plain.csv", csv);
    let other = run_in(dir.path(), &["scan", "mostly_plain.csv", "--format", "json"], &[]).ok().report();
    assert_eq!(other.article("p3").1.paragraphs, 1, "one marker in a mostly plain file");
    assert_para_a_between(&report, ("h1", &h1), ("h2", &h2));
}

#[test]
fn byte_spans_count_multibyte_characters_as_bytes() {
    let dir = scratch();
    let x = format!("“Quoted” café — résumé of the week\n\n{PARA_A}\n");
    let y = format!("Ørsted’s naïve coöperation…\n\n{PARA_B}\n\n{PARA_A}\n");
    write(dir.path(), "x.txt", &x);
    write(dir.path(), "y.txt", &y);
    // JSON escapes are decoded: spans refer to the decoded text, not the line.
    let z = format!("\u{201c}Escaped\u{201d} caf\u{e9} \u{2014} intro\n\n{PARA_A}");
    let line = format!(
        "{{\"id\": \"z\", \"text\": \"\\u201cEscaped\\u201d caf\\u00e9 \\u2014 intro\\n\\n{PARA_A}\"}}\n"
    );
    write(dir.path(), "z.jsonl", line);
    let report = run_in(dir.path(), &["scan", ".", "--format", "json"], &[]).ok().report();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_para_a_between(&report, ("x.txt", &x), ("y.txt", &y));
    assert_para_a_between(&report, ("x.txt", &x), ("z", &z));
    let [side, _] = shared(&report, "x.txt", "y.txt");
    assert_eq!(Some(side.start), x.find(PARA_A));
    assert!(
        x[..side.start].chars().count() < side.start,
        "the prefix holds multi-byte characters, so byte and char offsets differ"
    );
}

#[test]
fn jsonl_article_line_is_the_one_based_line_of_the_record() {
    let dir = scratch();
    let t1 = format!("Intro line.\n\n{PARA_A}");
    let t3 = format!("{PARA_B}\n\n{PARA_A}");
    let body = format!(
        "{}\r\n\r\n{}\r\n   \r\n{}\r\n",
        json!({"id": "first", "text": t1}),
        json!({"text": t3}),
        json!({"id": "fifth", "text": "Unrelated words about a garden show in the spring."})
    );
    write(dir.path(), "export.jsonl", body);
    let report = run_in(dir.path(), &["scan", "export.jsonl", "--format", "json"], &[]).ok().report();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let lines: Vec<(&str, Option<u64>)> = report.articles.iter().map(|a| (a.id.as_str(), a.line)).collect();
    assert_eq!(
        lines,
        [("first", Some(1)), ("export.jsonl:3", Some(3)), ("fifth", Some(5))],
        "blank lines count; an id-less record is named file:line"
    );
    assert_para_a_between(&report, ("first", &t1), ("export.jsonl:3", &t3));
}

#[test]
fn utf8_byte_order_mark_hides_no_record_and_no_column() {
    let dir = scratch();
    let t1 = format!("Intro line.\n\n{PARA_A}");
    let t2 = format!("{PARA_B}\n\n{PARA_A}");
    let jsonl = format!("\u{feff}{}\n{}\n", json!({"id": "b1", "text": t1}), json!({"id": "b2", "text": t2}));
    let csv = format!("\u{feff}id,text\nc1,\"{t1}\"\nc2,\"{t2}\"\n");
    write(dir.path(), "bom.jsonl", jsonl);
    write(dir.path(), "bom.csv", csv);
    let report = run_in(dir.path(), &["scan", ".", "--format", "json"], &[]).ok().report();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_eq!(report.article("b1").1.line, Some(1), "the first record is read");
    assert_para_a_between(&report, ("b1", &t1), ("b2", &t2));
    assert_para_a_between(&report, ("c1", &t1), ("c2", &t2));
}
