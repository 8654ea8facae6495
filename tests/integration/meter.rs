//! `wiretrace meter` on a miniature METER folder built by the test (Latin-1
//! texts, labels.tsv with the real columns): one story copied from its PA
//! text, two written afresh that share words PA does not have.

use crate::util::{run_in, scratch, write};

/// A METER folder with one copied and two fresh stories on one PA story.
fn fixture() -> tempfile::TempDir {
    let dir = scratch();
    let pa = "A man who robbed three chemists in Leeds with a replica gun was jailed for six years \
              yesterday. The court heard he stole \u{a3}500 in cash and left staff terrified.";
    let copied = "A man who robbed three chemists in Leeds with a replica gun was jailed for six years \
                  yesterday. The court heard he stole \u{a3}500 in cash.";
    let fresh = "Pharmacists across the north say night shifts have become frightening, and several \
                 want panic buttons fitted before winter arrives.";
    let latin1 = |s: &str| s.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>();
    write(dir.path(), "PA/s/chemists1.txt", latin1(pa));
    write(dir.path(), "news/s/copied_sun.txt", latin1(copied));
    let other = "Night shifts frighten pharmacists in the north, who want panic buttons before winter.";
    write(dir.path(), "news/s/fresh_times.txt", latin1(fresh));
    write(dir.path(), "news/s/fresh_mail.txt", latin1(other));
    let header = "article\tannotated\tdomain\tdate\tcatchline\tnewspaper\tarticle_id\tpage\tclassification\t\
                  verbatim_chars\trewrite_chars\tnew_chars\tarticle_chars\tpa_files";
    let row = |a: &str, class: &str| {
        format!("{a}\t\tcourts\t01.03.00\tchemists\tsun\t1\t\t{class}\t\t\t\t100\tPA/s/chemists1.txt")
    };
    let labels = [
        header.to_string(),
        row("news/s/copied_sun.txt", "wholly_derived"),
        row("news/s/fresh_times.txt", "non_derived"),
        row("news/s/fresh_mail.txt", "non_derived"),
    ];
    write(dir.path(), "labels.tsv", labels.join("\n"));
    dir
}

#[test]
fn meter_classifies_copied_and_fresh_stories() {
    let dir = fixture();
    let run = run_in(dir.path(), &["meter", "."], &[]);
    let out = &run.ok().stdout;
    let header: Vec<&str> = out.lines().next().unwrap_or_default().split('\t').collect();
    let rows: Vec<Vec<&str>> = out.lines().skip(1).map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3, "{out}");
    let class_of = |article: &str| rows.iter().find(|r| r[0] == article).map(|r| r[1]).unwrap_or("missing");
    assert_eq!(class_of("news/s/copied_sun.txt"), "wholly_derived", "{out}");
    assert_eq!(class_of("news/s/fresh_times.txt"), "non_derived", "{out}");
    assert_eq!(class_of("news/s/fresh_mail.txt"), "non_derived", "{out}");
    // Words the fresh stories share with each other but not with PA.
    let other_col = header.iter().position(|h| *h == "other_papers").expect("other_papers column");
    let other_of = |article: &str| -> f64 {
        let row = rows.iter().find(|r| r[0] == article).expect("row");
        row[other_col].parse().expect("a number")
    };
    assert!(other_of("news/s/fresh_mail.txt") > 0.5, "{out}");
    assert!(other_of("news/s/copied_sun.txt") < 1e-9, "{out}");
    for r in &rows {
        assert_eq!(r.len(), header.len(), "{out}");
        for measure in &r[2..6] {
            let x: f64 = measure.parse().expect("a number");
            assert!((0.0..=1.0).contains(&x), "{out}");
        }
    }
}

#[test]
fn meter_rule_flag_keeps_the_containment_thresholds() {
    let dir = fixture();
    let run = run_in(dir.path(), &["meter", "--rule", "."], &[]);
    let out = &run.ok().stdout;
    assert!(out.lines().any(|l| l.starts_with("news/s/copied_sun.txt\twholly_derived")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("news/s/fresh_times.txt\tnon_derived")), "{out}");
}
