//! Bad bytes and bad records: encodings, NUL bytes, binary blobs, broken
//! JSON Lines, ragged and unterminated CSV, truncated archives.

use serde_json::json;

use super::{At, Expect, case, filler, ids};
use crate::util::{gzip, write, zstd};

/// A text of its own (sharing nothing with the good corpus) in `encoding`.
fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let unit = |u: u16| if little { u.to_le_bytes() } else { u.to_be_bytes() };
    let bom = if bom { Some(unit(0xFEFF)) } else { None };
    bom.into_iter().chain(text.encode_utf16().map(unit)).flatten().collect()
}

#[test]
fn invalid_utf8_is_read_lossily() {
    let mut bytes = b"Caf\xe9 ".to_vec();
    bytes.extend_from_slice(filler(1, 60).as_bytes());
    let report = case(
        "invalid UTF-8",
        |d| drop(write(d, "corpus/latin1.txt", &bytes)),
        &[Expect("corpus/latin1.txt", At::File, "invalid UTF-8 at byte 3")],
    );
    assert!(ids(&report).contains(&"latin1.txt".to_string()), "still read");
}

#[test]
fn utf16_with_and_without_bom_is_decoded() {
    let text = format!("Новости: {}", filler(2, 60));
    let report = case(
        "UTF-16",
        |d| {
            write(d, "corpus/le_bom.txt", utf16(&text, true, true));
            write(d, "corpus/be_bom.txt", utf16(&text, false, true));
            write(d, "corpus/le.txt", utf16(&text, true, false));
            write(d, "corpus/be.txt", utf16(&text, false, false));
        },
        &[
            Expect("corpus/be.txt", At::File, "decoded from UTF-16BE without a byte order mark"),
            Expect("corpus/be_bom.txt", At::File, "decoded from UTF-16"),
            Expect("corpus/le.txt", At::File, "decoded from UTF-16LE without a byte order mark"),
            Expect("corpus/le_bom.txt", At::File, "decoded from UTF-16"),
        ],
    );
    let articles = report["articles"].as_array().cloned().unwrap_or_default();
    for name in ["le_bom.txt", "be_bom.txt", "le.txt", "be.txt"] {
        let a = articles.iter().find(|a| a["id"] == name).expect("read");
        assert_eq!(a["bytes"].as_u64(), Some(text.len() as u64), "{name} is the UTF-8 text");
    }
}

#[test]
fn utf32_with_bom_is_decoded_not_taken_for_utf16() {
    let text = format!("Новости: {}", filler(10, 60));
    let utf32 = |little: bool| -> Vec<u8> {
        let unit = |c: char| if little { (c as u32).to_le_bytes() } else { (c as u32).to_be_bytes() };
        std::iter::once('\u{feff}').chain(text.chars()).flat_map(unit).collect()
    };
    let report = case(
        "UTF-32",
        |d| {
            write(d, "corpus/le32.txt", utf32(true));
            write(d, "corpus/be32.txt", utf32(false));
        },
        &[
            Expect("corpus/be32.txt", At::File, "decoded from UTF-32"),
            Expect("corpus/le32.txt", At::File, "decoded from UTF-32"),
        ],
    );
    let articles = report["articles"].as_array().cloned().unwrap_or_default();
    for name in ["le32.txt", "be32.txt"] {
        let a = articles.iter().find(|a| a["id"] == name).expect("read");
        assert_eq!(a["bytes"].as_u64(), Some(text.len() as u64), "{name} is the UTF-8 text");
    }
}

#[test]
fn stray_nul_bytes_are_kept_and_binary_blobs_skipped() {
    let mut stray = filler(3, 80).into_bytes();
    stray[20] = 0;
    let mut blob: Vec<u8> = (0..3000u32).flat_map(|i| i.to_le_bytes()).collect();
    blob.extend_from_slice(b"\x7fELF");
    let report = case(
        "NUL bytes",
        |d| {
            write(d, "corpus/nul.txt", &stray);
            write(d, "corpus/blob.txt", &blob);
        },
        &[
            Expect("corpus/blob.txt", At::File, "binary file (contains NUL bytes), skipped"),
            Expect("corpus/nul.txt", At::File, "1 NUL byte(s) in the text, the first at byte 20"),
        ],
    );
    let ids = ids(&report);
    assert!(ids.contains(&"nul.txt".to_string()) && !ids.contains(&"blob.txt".to_string()), "{ids:?}");
}

#[test]
fn broken_jsonl_lines_and_wrong_types_skip_only_their_record() {
    let lines = [
        json!({"id": "b1", "text": filler(4, 40)}).to_string(),
        "{\"id\": \"b2\", \"text\": \"cut off".to_string(),
        json!({"id": "b3", "text": 42}).to_string(),
        json!({"id": "b4", "text": ["a", "list"]}).to_string(),
        json!({"id": "b5", "body": null, "title": "no text"}).to_string(),
        json!({"id": "b6", "text": filler(5, 40)}).to_string(),
    ];
    let report = case(
        "JSONL",
        |d| drop(write(d, "corpus/bad.jsonl", lines.join("\n"))),
        &[
            Expect(
                "corpus/bad.jsonl",
                At::Line(2),
                "invalid JSON: control character (\\u0000-\\u001F) found while parsing a string at the end \
                 of the line",
            ),
            Expect("corpus/bad.jsonl", At::Line(3), "field \"text\" is a number, expected a string"),
            Expect("corpus/bad.jsonl", At::Line(4), "field \"text\" is an array, expected a string"),
            Expect("corpus/bad.jsonl", At::Line(5), "field \"body\" is null, expected a string"),
        ],
    );
    let ids = ids(&report);
    assert!(ids.contains(&"b1".to_string()) && ids.contains(&"b6".to_string()), "{ids:?}");
}

#[test]
fn jsonl_files_joined_with_cat_keep_every_byte_order_mark_record() {
    let bom = |record: serde_json::Value| format!("\u{feff}{record}\n");
    let joined = [
        bom(json!({"id": "j1", "text": filler(8, 40)})),
        bom(json!({"id": "j2", "text": filler(9, 40)})),
        "{\"text\": nope}\n".to_string(),
    ];
    let report = case(
        "JSONL with a byte order mark on every file joined",
        |d| drop(write(d, "corpus/joined.jsonl", joined.concat())),
        &[Expect("corpus/joined.jsonl", At::Line(3), "invalid JSON: expected ident at column 11")],
    );
    let ids = ids(&report);
    assert!(ids.contains(&"j1".to_string()) && ids.contains(&"j2".to_string()), "{ids:?}");
    let warnings = report["warnings"].to_string();
    assert!(!warnings.contains("line 1"), "the line is the file's, not serde's: {warnings}");
}

#[test]
fn numbers_beyond_a_float_neither_drop_a_record_nor_merge_ids() {
    // Written by hand: serde_json's `json!` would round these numbers.
    let lines = [
        format!("{{\"id\": 12345678901234567890123, \"text\": \"{}\", \"views\": 1e999}}\n", filler(10, 40)),
        format!(
            "{{\"id\": 12345678901234567890124, \"text\": \"{}\", \"score\": -1e-999}}\n",
            filler(11, 40)
        ),
        format!("{{\"id\": 1.50, \"text\": \"{}\", \"outlet\": null}}\n", filler(12, 40)),
    ];
    let report = case(
        "JSONL numbers out of a float's range",
        |d| drop(write(d, "corpus/big.jsonl", lines.concat())),
        &[],
    );
    let ids = ids(&report);
    for id in ["12345678901234567890123", "12345678901234567890124", "1.50"] {
        assert!(ids.contains(&id.to_string()), "{id} read as written: {ids:?}");
    }
}

#[test]
fn a_string_with_a_lone_surrogate_is_a_line_warning_naming_the_field() {
    let lines = [
        format!("{{\"id\": \"s1\", \"text\": \"{}\"}}\n", filler(13, 40)),
        format!("{{\"id\": \"s2\", \"text\": \"a\\ud800b {}\"}}\n", filler(14, 40)),
        format!("{{\"id\": \"s3\\ud800\", \"text\": \"{}\"}}\n", filler(15, 40)),
    ];
    let report = case(
        "JSONL strings with a lone surrogate",
        |d| drop(write(d, "corpus/surrogate.jsonl", lines.concat())),
        &[
            Expect("corpus/surrogate.jsonl", At::Line(2), "field \"text\" is not a valid string"),
            Expect("corpus/surrogate.jsonl", At::Line(3), "field \"id\" is not a valid string"),
        ],
    );
    assert!(ids(&report).contains(&"s1".to_string()));
}

#[test]
fn ragged_and_unterminated_csv() {
    let ragged = format!("id,text\nr1,\"{}\"\nr2\nr3,\"{}\",extra,fields\n", filler(6, 30), filler(7, 30));
    let unterminated =
        format!("id,text\nu1,\"{}\"\nu2,\"{}\nu3,swallowed\nu4,too\n", filler(8, 30), filler(9, 30));
    let report = case(
        "CSV",
        |d| {
            write(d, "corpus/ragged.csv", &ragged);
            write(d, "corpus/unterminated.csv", &unterminated);
        },
        &[
            Expect("corpus/ragged.csv", At::Line(3), "row has 1 fields, the header has 2; row skipped"),
            Expect("corpus/ragged.csv", At::Line(4), "row has 4 fields, the header has 2"),
            Expect("corpus/unterminated.csv", At::Line(3), "the quote opened on this line is never closed"),
        ],
    );
    let ids = ids(&report);
    for id in ["r1", "r3", "u1", "u2"] {
        assert!(ids.contains(&id.to_string()), "{id} read: {ids:?}");
    }
    assert!(!ids.iter().any(|i| i == "u3" || i == "r2"), "{ids:?}");
}

#[test]
fn truncated_gzip_and_zstd_keep_what_precedes_the_cut() {
    let records: String = (1..=120)
        .map(|i| format!("{}\n", json!({"id": format!("t{i}"), "text": filler(100 + i, 30)})))
        .collect();
    let gz = gzip(records.as_bytes());
    let zst = zstd(records.as_bytes());
    let text_gz = gzip(filler(10, 400).as_bytes());
    let report = case(
        "truncated archives",
        |d| {
            write(d, "corpus/cut.jsonl.gz", &gz[..gz.len() / 2]);
            write(d, "corpus/cut.jsonl.zst", &zst[..zst.len() / 2]);
            write(d, "corpus/cut.txt.gz", &text_gz[..text_gz.len() / 2]);
        },
        &[
            Expect("corpus/cut.jsonl.gz", At::SomeLine, "gzip stream ends early (truncated file?)"),
            Expect("corpus/cut.jsonl.zst", At::SomeLine, "zstd stream ends early (truncated file?)"),
            Expect("corpus/cut.txt.gz", At::File, "gzip stream ends early (truncated file?)"),
        ],
    );
    assert!(ids(&report).iter().any(|i| i == "t1"), "records before the cut are kept");
}
