use super::*;
use crate::segment;

/// Splits as a scan of a text file would (the separator detected per text).
fn scan_split(text: &str) -> Option<Vec<Span>> {
    Some(segment::paragraphs(text, segment::detect_separator(text)))
}

fn remove(text: &str, runs: &[(usize, usize)]) -> Result<Rewritten, Refused> {
    let paragraphs = scan_split(text).unwrap_or_default();
    let runs: Vec<Run> = runs.iter().map(|&(first, last)| Run { first, last }).collect();
    rewrite(text, &paragraphs, &runs, segment::detect_separator(text), &scan_split)
}

fn new_text(text: &str, runs: &[(usize, usize)]) -> String {
    remove(text, runs).expect("rewritable").text
}

#[test]
fn a_middle_paragraph_takes_the_separator_after_it() {
    let text = "One here.\n\nTwo here.\n\nThree here.\n";
    let r = remove(text, &[(1, 1)]).unwrap();
    assert_eq!(r.text, "One here.\n\nThree here.\n");
    assert_eq!(&text[r.removed[0].start..r.removed[0].end], "Two here.\n\n");
}

#[test]
fn the_last_paragraph_takes_the_separator_before_it_and_the_first_the_one_after() {
    let text = "One here.\n\nTwo here.\n";
    assert_eq!(new_text(text, &[(1, 1)]), "One here.\n");
    assert_eq!(new_text(text, &[(0, 0)]), "Two here.\n");
    assert_eq!(new_text("  One.\n\nTwo.\n", &[(0, 1)]), "  \n", "all of it: white space at the ends stays");
}

#[test]
fn the_stronger_separator_stays() {
    // A line break before the removed line, a blank line after it: the
    // blank line stays, so the heading does not join the next paragraph's block.
    let text = "Heading\nA line to remove.\n\nBody text here.";
    let r = remove(text, &[(1, 1)]).unwrap();
    assert_eq!(r.text, "Heading\n\nBody text here.");
    assert_eq!(&text[r.removed[0].start..r.removed[0].end], "\nA line to remove.");
}

#[test]
fn both_separators_stay_when_one_would_join_two_paragraphs() {
    // Without "Middle.", "no period" would be followed by a lower-case line
    // inside one block, which continues it: both separators must stay.
    let text = "Ends with no period\nMiddle.\nlower case start here";
    assert_eq!(scan_split(text).unwrap().len(), 3);
    let r = remove(text, &[(1, 1)]).unwrap();
    assert_eq!(r.text, "Ends with no period\n\nlower case start here");
    assert_eq!(&text[r.removed[0].start..r.removed[0].end], "Middle.");
}

#[test]
fn a_text_split_by_markers_keeps_enough_markers_to_stay_split() {
    let text = "Alpha words here ### Beta words here ### Gamma words here";
    // Two markers are needed for " ### " to be obvious in a lone text: with
    // one left it would be one paragraph, so both separators stay.
    for runs in [(1, 1), (2, 2)] {
        let r = remove(text, &[runs]).unwrap();
        assert_eq!(r.text.matches(" ### ").count(), 2, "{r:?}");
        assert_eq!(scan_split(&r.text).unwrap().len(), 2);
    }
    assert_eq!(new_text(text, &[(1, 2)]), "Alpha words here", "one paragraph needs no marker");
    // Where the marker is the file's separator, one is enough.
    let split = |t: &str| Some(segment::paragraphs(t, Some(" ### ")));
    let spans = split(text).unwrap_or_default();
    let r = rewrite(text, &spans, &[Run { first: 1, last: 1 }], Some(" ### "), &split).unwrap();
    assert_eq!(r.text, "Alpha words here ### Gamma words here");
}

#[test]
fn adjacent_runs_share_one_range_cut_in_two() {
    let text = "A one.\n\nB two.\n\nC three.\n\nD four.";
    let r = remove(text, &[(1, 1), (2, 2)]).unwrap();
    assert_eq!(r.text, "A one.\n\nD four.");
    assert_eq!(r.removed[0].end, r.removed[1].start);
    let r = remove(text, &[(2, 2), (3, 3)]).unwrap();
    assert_eq!(r.text, "A one.\n\nB two.");
    assert_eq!(r.removed[0].end, r.removed[1].start);
}

#[test]
fn bad_runs_are_refused() {
    let text = "A one.\n\nB two.";
    assert_eq!(remove(text, &[(1, 2)]), Err(Refused::BadRuns));
    assert_eq!(remove(text, &[(1, 1), (0, 0)]), Err(Refused::BadRuns));
    let never = |_: &str| None;
    let spans = scan_split(text).unwrap();
    assert_eq!(rewrite(text, &spans, &[Run { first: 0, last: 0 }], None, &never), Err(Refused::Resegments));
}

/// On random texts (blank lines, line breaks, CRLF, markers, wrapped
/// lines, non-ASCII), any set of runs gives either a refusal or a text that
/// is the original with exactly the removed ranges cut out, each range
/// holding its run's paragraphs and otherwise only separators, and that
/// splits into exactly the kept paragraphs.
#[test]
fn random_texts_keep_every_invariant() {
    let mut seed = 0x5eed_u64;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let words = ["alpha", "Beta", "gamma.", "délta", "Épsilon", "zeta:", "eta", "thé", "Iota!", "kappa"];
    let seps = ["\n\n", "\n", "\r\n\r\n", "\n  \n", " ### ", "\n\n\n", "\u{2029}"];
    let (mut rewritten, mut refused) = (0, 0);
    for _ in 0..3000 {
        let mut text = String::new();
        for p in 0..2 + next(7) {
            if p > 0 {
                text.push_str(seps[next(seps.len())]);
            }
            for w in 0..1 + next(12) {
                if w > 0 {
                    text.push(' ');
                }
                text.push_str(words[next(words.len())]);
            }
        }
        let paragraphs = scan_split(&text).unwrap();
        let mut runs = Vec::new();
        let mut i = 0;
        while i < paragraphs.len() {
            if next(3) == 0 {
                let last = (i + next(2)).min(paragraphs.len() - 1);
                runs.push(Run { first: i, last });
                i = last + 1;
            }
            i += 1;
        }
        let separator = segment::detect_separator(&text);
        match rewrite(&text, &paragraphs, &runs, separator, &scan_split) {
            Err(Refused::Resegments) => refused += 1,
            Err(Refused::BadRuns) => panic!("valid runs refused: {text:?} {runs:?}"),
            Ok(r) => {
                rewritten += 1;
                check(&text, &paragraphs, &runs, &r);
            }
        }
    }
    assert!(rewritten > 20 * refused, "{rewritten} rewritten, {refused} refused");
}

fn check(text: &str, paragraphs: &[Span], runs: &[Run], r: &Rewritten) {
    let mut rebuilt = String::new();
    let mut at = 0;
    for (run, range) in runs.iter().zip(&r.removed) {
        assert!(at <= range.start, "sorted and disjoint: {text:?} {runs:?}");
        rebuilt.push_str(&text[at..range.start]);
        at = range.end;
        let own = Span { start: paragraphs[run.first].start, end: paragraphs[run.last].end };
        assert!(range.start <= own.start && own.end <= range.end, "{text:?} {run:?} {range:?}");
        let outside = format!("{}{}", &text[range.start..own.start], &text[own.end..range.end]);
        assert!(
            outside.trim().is_empty() || outside.trim() == "###",
            "only a separator besides: {outside:?}"
        );
    }
    rebuilt.push_str(&text[at..]);
    assert_eq!(rebuilt, r.text, "the new text is the old one minus the ranges");
    let kept: Vec<&str> = paragraphs
        .iter()
        .enumerate()
        .filter(|(i, _)| !runs.iter().any(|run| (run.first..=run.last).contains(i)))
        .map(|(_, s)| &text[s.start..s.end])
        .collect();
    let again: Vec<&str> = scan_split(&r.text).unwrap().iter().map(|s| &r.text[s.start..s.end]).collect();
    assert_eq!(again, kept, "{text:?} -> {:?}", r.text);
}
