//! The HTML page's side-by-side views, read without a browser: every
//! highlight has a counterpart on the other side to jump to.

use std::collections::BTreeSet;

use crate::util::{PARA_A, PARA_B, run_in, scratch, write};

/// The `data-m` ids of the highlights of each side of each pair view.
fn ids_by_side(html: &str) -> Vec<[BTreeSet<String>; 2]> {
    html.split("<section class=\"pair\"")
        .skip(1)
        .map(|view| {
            let sides: Vec<&str> = view.split("<div class=\"side\"").skip(1).collect();
            assert_eq!(sides.len(), 2, "two sides");
            let ids = |side: &str| -> BTreeSet<String> {
                side.split("data-m=\"")
                    .skip(1)
                    .flat_map(|rest| rest[..rest.find('"').expect("attribute ends")].split(' '))
                    .map(str::to_string)
                    .collect()
            };
            [ids(sides[0]), ids(sides[1])]
        })
        .collect()
}

#[test]
fn a_passage_twice_on_one_side_has_a_counterpart_for_both_copies() {
    // Helsinki pair 840 (two Google News captures): 8 highlights of one
    // side ("4 hours ago", a 27-word lead) had no highlight with their id on
    // the other, whose one copy showed only the lowest id covering it, so
    // clicking them found nothing.
    let dir = scratch();
    let a =
        format!("First story of the day.\n\n{PARA_A}\n\nAn aside on other things.\n\n{PARA_A}\n\n{PARA_B}\n");
    write(dir.path(), "a.txt", a);
    write(dir.path(), "b.txt", format!("A different opening line.\n\n{PARA_A}\n\n{PARA_B}\n"));
    let html = run_in(dir.path(), &["scan", ".", "--format", "html"], &[]).ok().stdout.clone();
    let views = ids_by_side(&html);
    assert!(!views.is_empty(), "a pair view");
    for [left, right] in views {
        assert!(!left.is_empty(), "highlights:\n{html}");
        assert_eq!(left, right, "every highlight's id is on both sides");
    }
}

#[test]
fn one_line_texts_show_their_paragraphs_as_paragraphs() {
    // Helsinki's CSV joins each article's paragraphs with " ### "; the side
    // views printed the marker between paragraphs, one wall of text long.
    let dir = scratch();
    let csv = format!(
        "id,outlet,text\na1,one.com,First story of the day. ### {PARA_A} ### {PARA_B}\n\
         b1,two.com,A different opening line. ### {PARA_A} ### {PARA_B}\n"
    );
    write(dir.path(), "dump.csv", csv);
    let html = run_in(dir.path(), &["scan", "dump.csv", "--format", "html"], &[]).ok().stdout.clone();
    let views: Vec<&str> = html.split("<section class=\"pair\"").skip(1).collect();
    assert!(!views.is_empty(), "a pair view:\n{html}");
    for view in views {
        let texts: Vec<&str> = view.split("<div class=\"text\">").skip(1).collect();
        assert_eq!(texts.len(), 2, "two texts");
        for text in texts {
            let text = &text[..text.find("</div>").expect("text ends")];
            assert!(!text.contains("###"), "marker shown:\n{text}");
            assert_eq!(text.matches("\n\n").count(), 2, "three paragraphs:\n{text}");
        }
    }
}
