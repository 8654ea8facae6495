//! Changed words of a passage: its marked text (white space collapsed,
//! words not kept by the other side inside `⟦` `⟧`, see
//! [`diff::marked`](crate::diff::marked)) -> byte ranges of the passage as
//! it stands in the article's text.
//!
//! The marked text is the original with each run of white space collapsed
//! to one space, the ends trimmed and the marks inserted, so walking both
//! at once recovers the original offsets. When they do not line up the
//! answer is `None` and the page shows the passage without changed words.

use crate::diff::MARK;

/// Byte ranges of `original` inside the marks of `marked`, in order;
/// `None` when `marked` is not `original` collapsed and marked.
pub(super) fn changed_ranges(original: &str, marked: &str) -> Option<Vec<(usize, usize)>> {
    let mut ranges = Vec::new();
    let mut orig = original.char_indices().peekable();
    while orig.next_if(|(_, c)| c.is_whitespace()).is_some() {}
    // Inside a mark: the start of its first character, once one is seen.
    let mut open: Option<Option<usize>> = None;
    let mut last_end = 0;
    for m in marked.chars() {
        if m == MARK.0 {
            open = Some(None);
        } else if m == MARK.1 {
            if let Some(Some(start)) = open.take() {
                ranges.push((start, last_end));
            }
        } else if m.is_whitespace() {
            orig.next_if(|(_, c)| c.is_whitespace())?;
            while orig.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        } else {
            let (at, c) = orig.next()?;
            if c != m {
                return None;
            }
            if let Some(start @ None) = open.as_mut() {
                *start = Some(at);
            }
            last_end = at + c.len_utf8();
        }
    }
    if let Some(Some(start)) = open {
        ranges.push((start, last_end));
    }
    Some(ranges)
}

#[cfg(test)]
mod tests {
    use super::changed_ranges;

    fn pieces<'t>(text: &'t str, marked: &str) -> Vec<&'t str> {
        let ranges = changed_ranges(text, marked).expect("lines up");
        ranges.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn recovers_changed_words_across_collapsed_white_space() {
        let text = "  the U.S.’s only\n\n role is   to bring both sides";
        let marked = "the U.S.’s only ⟦role⟧ is to bring ⟦both sides⟧";
        assert_eq!(pieces(text, marked), ["role", "both sides"]);
    }

    #[test]
    fn marks_inside_punctuation_and_at_the_start() {
        let text = "«Très» \"false,\" she said";
        assert_eq!(pieces(text, "⟦«Très»⟧ \"⟦false⟧,\" she said"), ["«Très»", "false"]);
    }

    #[test]
    fn text_that_does_not_line_up_gives_none() {
        assert_eq!(changed_ranges("one two", "one ⟦three⟧"), None);
        assert_eq!(changed_ranges("one two", "onetwo"), None);
        assert_eq!(changed_ranges("one", "one two"), None);
        assert_eq!(changed_ranges("", ""), Some(Vec::new()));
    }
}
