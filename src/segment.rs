//! Segment: an article's text -> paragraphs, as byte spans into that text.
//!
//! Rules (documented in `docs/pipeline.md`):
//! 1. The text is cut into blocks at blank lines, or at an explicit
//!    separator (`--paragraph-sep`, or ` ### ` when it is obvious: for a
//!    file of two or more texts when at least half of them hold the marker
//!    and none of those has a line break; else for a text with no line break
//!    and at least two markers).
//! 2. Inside a block every line is a paragraph of its own, unless it
//!    continues the line before it. A line continues its predecessor when
//!    the predecessor does not end a sentence and the line starts with a
//!    lower-case letter, or when the block is hard-wrapped (its lines fill a
//!    width of 30 to 120 characters) and the line's first word would not
//!    have fitted on the line before.
//! 3. A span runs from the first to the last non-space character of its
//!    lines; it never starts or ends inside a UTF-8 character.

/// A half-open byte range `[start, end)` into an article's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The separator used when it is obvious from the text itself.
pub const OBVIOUS_SEPARATOR: &str = " ### ";

/// Returns the separator to use for `text` when none was given: `Some(" ### ")`
/// for a single-line text holding at least two such markers.
pub fn detect_separator(text: &str) -> Option<&'static str> {
    let obvious = !text.contains(is_line_break) && text.matches(OBVIOUS_SEPARATOR).nth(1).is_some();
    obvious.then_some(OBVIOUS_SEPARATOR)
}

/// Returns the separator obvious for a whole file from a sample of its
/// texts: `Some(" ### ")` when there are at least two non-blank texts, at
/// least half of them hold the marker and none of those has a line break.
/// (A file of one text is judged by [`detect_separator`] alone.)
pub fn detect_file_separator<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let (mut seen, mut marked) = (0usize, 0usize);
    for text in texts {
        if text.trim().is_empty() {
            continue;
        }
        seen += 1;
        if text.contains(OBVIOUS_SEPARATOR) {
            if text.contains(is_line_break) {
                return None;
            }
            marked += 1;
        }
    }
    (seen >= 2 && marked > 0 && marked * 2 >= seen).then_some(OBVIOUS_SEPARATOR)
}

/// Longest paragraph, in bytes: a longer one is split at white space into
/// pieces of at most this size (a paragraph that long is a page's worth of
/// text without breaks, not a paragraph).
pub const MAX_PARAGRAPH_BYTES: usize = 64 << 10;

/// Splits `text` into paragraph spans, in text order.
///
/// `separator`, when given, replaces blank lines as the block delimiter.
pub fn paragraphs(text: &str, separator: Option<&str>) -> Vec<Span> {
    paragraphs_counting_long(text, separator).0
}

/// [`paragraphs`], and how many of them were longer than
/// [`MAX_PARAGRAPH_BYTES`] and split.
pub fn paragraphs_counting_long(text: &str, separator: Option<&str>) -> (Vec<Span>, usize) {
    let mut out = Vec::new();
    for block in blocks(text, separator) {
        split_block(text, block, &mut out);
    }
    let long = out.iter().filter(|s| s.end - s.start > MAX_PARAGRAPH_BYTES).count();
    if long > 0 {
        out = out.into_iter().flat_map(|s| split_long(text, s, MAX_PARAGRAPH_BYTES)).collect();
    }
    (out, long)
}

/// `span` cut into pieces of at most `max` bytes, each ending at white space
/// when there is some in its second half, else on a character boundary;
/// pieces are trimmed like paragraphs.
fn split_long(text: &str, span: Span, max: usize) -> Vec<Span> {
    let mut pieces = Vec::new();
    let mut start = span.start;
    while span.end - start > max {
        let mut cut = start + max;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[start..cut];
        if let Some((at, _)) =
            window.rmatch_indices(char::is_whitespace).next().filter(|(at, _)| *at >= max / 2)
        {
            cut = start + at;
        }
        push_trimmed(text, Span { start, end: cut }, &mut pieces);
        start = cut;
    }
    push_trimmed(text, Span { start, end: span.end }, &mut pieces);
    pieces
}

/// Blocks: runs of text between blank lines (or separators).
fn blocks(text: &str, separator: Option<&str>) -> Vec<Span> {
    let mut blocks = Vec::new();
    match separator.filter(|s| !s.is_empty()) {
        Some(sep) => {
            let mut start = 0;
            for (at, _) in text.match_indices(sep) {
                blocks.push(Span { start, end: at });
                start = at + sep.len();
            }
            blocks.push(Span { start, end: text.len() });
        }
        None => {
            let whole = Span { start: 0, end: text.len() };
            let mut start = None;
            for (line, terminator) in lines(text, whole) {
                let blank = text[line.start..line.end].trim().is_empty();
                match (blank, start) {
                    (true, Some(s)) => {
                        blocks.push(Span { start: s, end: line.start });
                        start = None;
                    }
                    (false, None) => start = Some(line.start),
                    _ => {}
                }
                // U+2029 PARAGRAPH SEPARATOR ends a block like a blank line.
                if let (Some(s), Some('\u{2029}')) = (start, terminator) {
                    blocks.push(Span { start: s, end: line.end });
                    start = None;
                }
            }
            if let Some(s) = start {
                blocks.push(Span { start: s, end: text.len() });
            }
        }
    }
    blocks
}

/// Whether `c` ends a line: LF, CR (alone or before LF), U+2028 LINE
/// SEPARATOR, U+2029 PARAGRAPH SEPARATOR.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Lines of `span` without their line terminators, each with the character
/// that ended it (`None` for the last line without one). CR LF is one
/// terminator.
fn lines(text: &str, span: Span) -> impl Iterator<Item = (Span, Option<char>)> + '_ {
    let mut pos = span.start;
    std::iter::from_fn(move || {
        if pos >= span.end {
            return None;
        }
        let rest = &text[pos..span.end];
        let Some((i, c)) = first_line_break(rest) else {
            let line = Span { start: pos, end: span.end };
            pos = span.end;
            return Some((line, None));
        };
        let crlf = c == '\r' && rest[i + 1..].starts_with('\n');
        let line = Span { start: pos, end: pos + i };
        pos += i + c.len_utf8() + usize::from(crlf);
        Some((line, Some(c)))
    })
}

/// The first line break of `s` (see [`is_line_break`]) and where it is. The
/// bytes that can begin one are searched for with `memchr`: `\n`, `\r`,
/// and 0xE2, which begins U+2028 and U+2029 (E2 80 A8, E2 80 A9) among
/// other characters.
fn first_line_break(s: &str) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memchr3(b'\n', b'\r', 0xE2, &bytes[from..]) {
        let i = from + k;
        match &bytes[i..] {
            [b'\n', ..] => return Some((i, '\n')),
            [b'\r', ..] => return Some((i, '\r')),
            [0xE2, 0x80, 0xA8, ..] => return Some((i, '\u{2028}')),
            [0xE2, 0x80, 0xA9, ..] => return Some((i, '\u{2029}')),
            _ => from = i + 1,
        }
    }
    None
}

fn split_block(text: &str, block: Span, out: &mut Vec<Span>) {
    let lines: Vec<Span> = lines(text, block)
        .map(|(line, _)| line)
        .filter(|l| !text[l.start..l.end].trim().is_empty())
        .collect();
    let width = wrap_width(text, &lines);
    let mut current: Option<Span> = None;
    for line in lines {
        let joined = match current {
            Some(cur) if continues(text, cur, line, width) => Some(Span { start: cur.start, end: line.end }),
            Some(cur) => {
                push_trimmed(text, cur, out);
                Some(line)
            }
            None => Some(line),
        };
        current = joined;
    }
    if let Some(cur) = current {
        push_trimmed(text, cur, out);
    }
}

fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span { start: span.start + lead, end: span.end - trail });
    }
}

fn char_len(text: &str, span: Span) -> usize {
    text[span.start..span.end].trim().chars().count()
}

/// The wrap width of a hard-wrapped block, or `None` if the block's lines
/// do not look hard-wrapped: at least two lines, the longest 30 to 120
/// characters, and two thirds of the non-final lines at least 3/4 as long.
fn wrap_width(text: &str, lines: &[Span]) -> Option<usize> {
    if lines.len() < 2 {
        return None;
    }
    let lens: Vec<usize> = lines.iter().map(|&l| char_len(text, l)).collect();
    let width = *lens.iter().max()?;
    if !(30..=120).contains(&width) {
        return None;
    }
    let body = &lens[..lens.len() - 1];
    let full = body.iter().filter(|&&n| n * 4 >= width * 3).count();
    (full * 3 >= body.len() * 2).then_some(width)
}

/// Whether `line` continues the paragraph `prev` (see the module rules).
fn continues(text: &str, prev: Span, line: Span, width: Option<usize>) -> bool {
    let prev_text = text[prev.start..prev.end].trim_end();
    let next_text = text[line.start..line.end].trim_start();
    let starts_lower = next_text.chars().next().is_some_and(char::is_lowercase);
    if starts_lower && !ends_sentence(prev_text) {
        return true;
    }
    let Some(width) = width else { return false };
    let last_line = prev_text.rsplit(is_line_break).next().unwrap_or(prev_text).trim();
    let first_word = next_text.split_whitespace().next().unwrap_or("");
    last_line.chars().count() + 1 + first_word.chars().count() > width
}

fn ends_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']', '*']);
    core.ends_with(['.', '!', '?', ':', ';', '\u{2026}'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_are_found_as_a_char_scan_finds_them() {
        for s in
            ["", "abc", "a\nb", "x\r\ny", "é\u{2028}z", "—\u{2029}", "…€—\u{2026}\n", "\u{2030}\r", "ab—"]
        {
            let by_char = s.char_indices().find(|&(_, c)| is_line_break(c));
            assert_eq!(first_line_break(s), by_char, "{s:?}");
        }
    }

    fn texts<'a>(text: &'a str, sep: Option<&str>) -> Vec<&'a str> {
        paragraphs(text, sep).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(texts("One.\n\n  Two.  \r\n\r\nThree.", None), ["One.", "Two.", "Three."]);
    }

    #[test]
    fn single_newlines_separate_paragraphs_of_prose() {
        let t = "Security Guaranteed?\nPresident Zelenskyy said it is ready.\nPeace Deal Mandatory\nWhile Kyiv wants it.";
        assert_eq!(texts(t, None).len(), 4);
    }

    #[test]
    fn lowercase_continuation_joins_wrapped_lines() {
        let t = "Legal Disclaimer:\nMENAFN provides the\ninformation as is without warranty. We do not accept\nany responsibility.\n\nComments\nNo comment";
        assert_eq!(
            texts(t, None),
            [
                "Legal Disclaimer:",
                "MENAFN provides the\ninformation as is without warranty. We do not accept\nany responsibility.",
                "Comments",
                "No comment"
            ]
        );
    }

    #[test]
    fn hard_wrapped_block_stays_one_paragraph_across_sentence_ends() {
        let t = "The higher then Congress will start here. This way you can merge between old\n\
                 case systems and the proposal report. The committee said it would vote.\n\
                 Nobody objected to the plan at all.";
        assert_eq!(texts(t, None).len(), 1);
    }

    #[test]
    fn short_lines_are_not_taken_for_hard_wrapping() {
        assert_eq!(texts("Trump meets Putin\nMarkets fall sharply\nSearch", None).len(), 3);
    }

    #[test]
    fn obvious_separator_is_detected_only_on_single_line_texts() {
        assert_eq!(detect_separator("Title ### By Reuters ### Body."), Some(" ### "));
        assert_eq!(detect_separator("Title ### Body."), None);
        assert_eq!(detect_separator("Title ### a\n### b ### c"), None);
        let t = "Title ### By Reuters ###  Body text. ";
        assert_eq!(texts(t, Some(" ### ")), ["Title", "By Reuters", "Body text."]);
    }

    #[test]
    fn file_separator_needs_most_texts_and_no_line_breaks() {
        assert_eq!(detect_file_separator(["A ### b", "C ### d ### e", "plain", ""]), Some(" ### "));
        assert_eq!(detect_file_separator(["A ### b", "plain", "plain too"]), None);
        assert_eq!(detect_file_separator(["A ### b", "C ### d\nE"]), None);
        assert_eq!(detect_file_separator(Vec::<&str>::new()), None);
        assert_eq!(detect_file_separator(["We use C ### as a marker"]), None, "one text: two markers needed");
    }

    #[test]
    fn every_line_ending_convention_splits_alike() {
        let unix = "First paragraph here.\n\nSecond one here.\nThird line.";
        for text in [
            unix.replace('\n', "\r\n"),
            unix.replace('\n', "\r"),
            unix.replace("\n\n", "\u{2029}").replace('\n', "\u{2028}"),
        ] {
            assert_eq!(texts(&text, None), texts(unix, None), "{text:?}");
        }
    }

    #[test]
    fn paragraph_separator_ends_a_block() {
        assert_eq!(texts("one paragraph\u{2029}continued lower case", None).len(), 2);
    }

    #[test]
    fn long_paragraphs_are_split_at_white_space_in_linear_time() {
        let word = "wörd ";
        let text = word.repeat(3 * MAX_PARAGRAPH_BYTES / word.len());
        let (spans, long) = paragraphs_counting_long(&text, None);
        assert_eq!(long, 1);
        assert!(spans.len() >= 3 && spans.len() <= 4, "{}", spans.len());
        for s in &spans {
            assert!(s.end - s.start <= MAX_PARAGRAPH_BYTES && text[s.start..s.end].ends_with("wörd"));
        }
        let unbroken = "x".repeat(2 * MAX_PARAGRAPH_BYTES + 5);
        let spans = paragraphs(&unbroken, None);
        assert_eq!(
            spans.iter().map(|s| s.end - s.start).collect::<Vec<_>>(),
            [MAX_PARAGRAPH_BYTES; 2].iter().copied().chain([5]).collect::<Vec<_>>()
        );
    }

    #[test]
    fn spans_are_on_char_boundaries() {
        let t = "  «Ünïcödé» line\n\n— dash start —  ";
        for s in paragraphs(t, None) {
            assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
        }
    }
}
