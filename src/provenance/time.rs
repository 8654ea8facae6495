//! Time: dates in article metadata and datelines -> comparable instants.
//!
//! Accepted forms (case-insensitive month names, English):
//! `2024-01-02`, `2024-01-02T12:17:00Z`, `2018-07-15T07:54:28-04:00`,
//! `2024/01/02 12:17`, `02 January 2024 12:17 GMT`, `Tuesday, 02 Jan 2024`,
//! `January 2, 2024`, `Jan. 2, 2024 at 12:17`, `07/15/2018, 11:06am`,
//! `15.07.2018`, `3:21 PM EDT`. A year first needs `-`, `/` or `.` between
//! the numbers (`2018, 11:06` is no date). Numeric dates with the year last
//! read month first with `/` (US usage) and day first with `.` or `-`,
//! unless the first number is above 12. `am`/`pm` (`a.m.`, `p.m.`) after
//! the time is applied. A zone offset written as `±hh:mm` or `±hhmm` right
//! after the time is applied; so are `GMT`, `UTC`, `Z` (0), `BST`, `CET`,
//! `CEST`, `MSK` and the US zones (`EDT`, `EST`, `ET`, … `PT`; `ET` is
//! daylight time from April to October, and in March from the 8th and in
//! November before the 7th, which is off by at most a week's days); any
//! other zone name is ignored.

/// Seconds since 0000-01-01 (a proleptic calendar with 31-day months is
/// enough: instants are only compared, never subtracted across months).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant(pub i64);

impl Instant {
    /// The instant as `YYYY-MM-DD hh:mm`, with `:ss` when the seconds are
    /// not 0 (UTC when the source gave a zone).
    pub fn display(self) -> String {
        let (day, second) = (self.0.div_euclid(86_400), self.0.rem_euclid(86_400));
        let (year, rest) = (day.div_euclid(372), day.rem_euclid(372));
        let (hour, minute, second) = (second / 3600, second / 60 % 60, second % 60);
        let date = format!("{year:04}-{:02}-{:02} {hour:02}:{minute:02}", rest / 31 + 1, rest % 31 + 1);
        if second == 0 { date } else { format!("{date}:{second:02}") }
    }
}

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// One piece of a date text.
#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Number(u32, usize),
    Month(u32),
    Other,
}

fn pieces(text: &str) -> Vec<(Piece, usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if bytes[i].is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let n = text[start..i].parse().unwrap_or(u32::MAX);
            out.push((Piece::Number(n, i - start), start, i));
        } else if bytes[i].is_ascii_alphabetic() {
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let word = &text[start..i];
            let month = (3..=9).contains(&word.len()).then(|| month_of(word)).flatten();
            out.push((month.map_or(Piece::Other, |m| Piece::Month(m as u32 + 1)), start, i));
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// The month (0-based) `word` names in full or abbreviated ("Jan",
/// "sept", "SEPTEMBER"), ignoring case.
fn month_of(word: &str) -> Option<usize> {
    let prefix = |full: &str, w: &str| full.len() >= w.len() && full[..w.len()].eq_ignore_ascii_case(w);
    MONTHS.iter().position(|m| {
        word[..3].eq_ignore_ascii_case(m)
            && (word.len() == 3 || prefix(full_month(m), word) || word.eq_ignore_ascii_case("sept"))
    })
}

fn full_month(abbr: &str) -> &'static str {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS.iter().position(|m| *m == abbr).map_or("", |i| FULL[i])
}

/// The first date in `text`, with its time of day and zone when they
/// follow it.
pub fn parse(text: &str) -> Option<Instant> {
    let p = pieces(text);
    for i in 0..p.len() {
        let Some((year, month, day, next)) = date_at(text, &p, i) else { continue };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1900..=2200).contains(&year) {
            continue;
        }
        let days = i64::from(year) * 372 + i64::from(month - 1) * 31 + i64::from(day - 1);
        let after = (next < p.len() && joined(text.get(p[next - 1].2..p[next].1).unwrap_or("|")))
            .then(|| time_at(text, &p, next, (month, day)))
            .flatten();
        let seconds = after.or_else(|| time_before(text, &p, i, (month, day))).unwrap_or(0);
        return Some(Instant(days * 86_400 + seconds));
    }
    None
}

/// Longest line that may be a date line, in bytes.
pub const TIME_LINE_BYTES: usize = 120;

/// Whether `paragraph` may be a date line ("Updated 7:04 PM ET, Sun July
/// 15, 2018", "By Jane Roe | July 15, 2018 3:21 PM EDT"): short, and not
/// a sentence. A photo caption at the top of a page ("… meets Putin at
/// the G20 summit in Hamburg on July 7, 2017.") dates the photo, not the
/// article.
pub fn is_time_line(paragraph: &str) -> bool {
    let t = paragraph.trim().as_bytes();
    let last = &t[t.len().saturating_sub(4)..];
    let meridiem = last.eq_ignore_ascii_case(b"a.m.") || last.eq_ignore_ascii_case(b"p.m.");
    let sentence = t.last().is_some_and(|c| b".!?)".contains(c)) && !meridiem;
    t.len() <= TIME_LINE_BYTES && !sentence
}

/// Whether `text` opens with a date, after a weekday's name at most
/// ("Monday, July 16, 2018", "July 15, 2018, 2:09 PM"): a line stamped
/// with a date, not one that mentions a date later ("Newsroom (@CNNnewsroom)
/// July 16, 2018").
pub fn opens_with_date(text: &str) -> bool {
    let p = pieces(text);
    let weekday = p.first().is_some_and(|(_, start, end)| {
        let word = text[*start..*end].to_lowercase();
        word.len() >= 3 && WEEKDAYS.iter().any(|d| d.starts_with(&word))
    });
    date_at(text, &p, usize::from(weekday)).is_some()
}

/// Names of the days of the week, lower case.
const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Year, month, day of a date starting at piece `i`, and the next piece.
fn date_at(text: &str, p: &[(Piece, usize, usize)], i: usize) -> Option<(u32, u32, u32, usize)> {
    let get = |k: usize| p.get(k).map(|x| &x.0);
    // The one separator byte between pieces k and k + 1, if that is all.
    let sep = |k: usize| {
        let (end, start) = (p[k].2, p.get(k + 1)?.1);
        let between = text.get(end..start)?;
        (between.len() == 1).then(|| between.as_bytes()[0])
    };
    let numeric = |k: usize| sep(k).filter(|b| b"-/.".contains(b)).is_some() && sep(k) == sep(k + 1);
    match (get(i)?, get(i + 1), get(i + 2)) {
        (Piece::Number(y, 4), Some(Piece::Number(m, 1 | 2)), Some(Piece::Number(d, 1 | 2))) if numeric(i) => {
            Some((*y, *m, *d, i + 3))
        }
        (Piece::Number(x, 1 | 2), Some(Piece::Number(z, 1 | 2)), Some(Piece::Number(y, 4))) if numeric(i) => {
            let month_first = sep(i) == Some(b'/') && *x <= 12 || *z > 12;
            let (m, d) = if month_first { (*x, *z) } else { (*z, *x) };
            Some((*y, m, d, i + 3))
        }
        (Piece::Number(d, 1 | 2), Some(Piece::Month(m)), Some(Piece::Number(y, 4))) => {
            Some((*y, *m, *d, i + 3))
        }
        (Piece::Month(m), Some(Piece::Number(d, 1 | 2)), Some(Piece::Number(y, 4))) => {
            Some((*y, *m, *d, i + 3))
        }
        _ => None,
    }
}

/// Seconds since midnight UTC of a time `hh:mm[:ss]` at piece `i`, when
/// it follows closely; `am`/`pm` and the zone are applied (`day`: month
/// and day of the date, for US daylight time).
fn time_at(text: &str, p: &[(Piece, usize, usize)], mut i: usize, day: (u32, u32)) -> Option<i64> {
    if matches!(p.get(i), Some((Piece::Other, s, e)) if e - s <= 2 && !is_meridiem(&text[*s..*e])) {
        i += 1; // "at", "T"
    }
    let (Piece::Number(h, _), _, h_end) = p.get(i)? else { return None };
    let (Piece::Number(m, 2), m_start, m_end) = p.get(i + 1)? else { return None };
    if text.get(*h_end..*m_start)? != ":" || *h > 23 || *m > 59 {
        return None;
    }
    let (mut end, mut seconds) = (*m_end, 0);
    if let Some((Piece::Number(sec, 2), s, e)) = p.get(i + 2)
        && text.get(end..*s) == Some(":")
        && *sec < 60
    {
        (end, seconds) = (*e, i64::from(*sec));
    }
    let mut hour = i64::from(*h);
    let mut rest = text.get(end..).unwrap_or("");
    if let Some((pm, after)) = meridiem(rest)
        && (1..=12).contains(&hour)
    {
        hour = hour % 12 + if pm { 12 } else { 0 };
        rest = after;
    }
    let local = (hour * 60 + i64::from(*m)) * 60 + seconds;
    Some(local - 60 * offset(rest, day))
}

/// Whether `gap`, between a date and what follows, keeps them one
/// statement ("2024-01-02T12:17", "July 15, 2018, 3:21", "September 29,
/// 2008 — 5:45pm"; not "13 July 2018 | 01:42", a video's length).
fn joined(gap: &str) -> bool {
    gap.chars().all(|c| c.is_whitespace() || ",-\u{2013}\u{2014}@".contains(c))
}

/// Most bytes between a time written before its date and the date
/// ("7:04 PM ET, Sun July 15, 2018").
const TIME_BEFORE_BYTES: usize = 16;

/// Seconds since midnight UTC of a time `hh:mm` written just before the
/// date starting at piece `i`.
fn time_before(text: &str, p: &[(Piece, usize, usize)], i: usize, day: (u32, u32)) -> Option<i64> {
    let date_start = p[i].1;
    (i.saturating_sub(6)..i.saturating_sub(1)).rev().find_map(|j| {
        let (Piece::Number(_, 2), _, end) = p[j + 1] else { return None };
        let tail = text.get(end..date_start)?;
        let zone = tail.trim_start_matches(|c: char| c.is_ascii_alphabetic() || " .,".contains(c));
        (zone.is_empty() && tail.len() <= TIME_BEFORE_BYTES).then(|| time_at(text, p, j, day)).flatten()
    })
}

/// Whether `word` is `am` or `pm`.
fn is_meridiem(word: &str) -> bool {
    word.eq_ignore_ascii_case("am") || word.eq_ignore_ascii_case("pm")
}

/// `am`/`pm` (`a.m.`, `PM`) at the start of `rest` (after spaces): whether
/// it is pm, and the text after it.
fn meridiem(rest: &str) -> Option<(bool, &str)> {
    let t = rest.trim_start();
    let lower = t.get(..4).unwrap_or(t).to_ascii_lowercase();
    let (pm, len) = if lower.starts_with("a.m.") || lower.starts_with("p.m.") {
        (lower.starts_with('p'), 4)
    } else if lower.starts_with("am") || lower.starts_with("pm") {
        (lower.starts_with('p'), 2)
    } else {
        return None;
    };
    let after = &t[len..];
    let whole = after.chars().next().is_none_or(|c| !c.is_ascii_alphanumeric());
    whole.then_some((pm, after))
}

/// Zones named by their abbreviation: name, offset in minutes.
const ZONES: [(&str, i64); 16] = [
    ("GMT", 0),
    ("UTC", 0),
    ("BST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("MSK", 180),
    ("EDT", -240),
    ("EST", -300),
    ("CDT", -300),
    ("CST", -360),
    ("MDT", -360),
    ("MST", -420),
    ("PDT", -420),
    ("PST", -480),
    ("AKDT", -480),
    ("AKST", -540),
];

/// US zones written without saying daylight or standard time: name,
/// standard offset in minutes.
const US_ZONES: [(&str, i64); 4] = [("ET", -300), ("CT", -360), ("MT", -420), ("PT", -480)];

/// Whether US daylight time is in force on `(month, day)`: April to
/// October, March from the 8th, November before the 7th (the second
/// Sunday of March and the first of November fall in those weeks).
fn us_daylight((month, day): (u32, u32)) -> bool {
    (4..=10).contains(&month) || month == 3 && day >= 8 || month == 11 && day < 7
}

/// The zone offset in minutes written at the start of `rest`: `±hh:mm`,
/// `±hhmm` or a zone's abbreviation (`day` for US daylight time).
fn offset(rest: &str, day: (u32, u32)) -> i64 {
    let rest = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let word: String = rest.trim_start().chars().take_while(char::is_ascii_alphabetic).collect();
    if let Some((_, minutes)) = ZONES.iter().find(|(z, _)| *z == word) {
        return *minutes;
    }
    if let Some((_, standard)) = US_ZONES.iter().find(|(z, _)| *z == word) {
        return standard + if us_daylight(day) { 60 } else { 0 };
    }
    let sign = match rest.chars().next() {
        Some('+') => 1,
        Some('-') => -1,
        _ => return 0,
    };
    let digits: String = rest[1..].chars().filter(|c| *c != ':').take(4).collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return 0;
    }
    let n: i64 = digits.parse().unwrap_or(0);
    sign * ((n / 100) * 60 + n % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Option<String> {
        parse(text).map(Instant::display)
    }

    #[test]
    fn reads_iso_and_news_dates() {
        assert_eq!(shown("2024-01-01T00:03:00Z").as_deref(), Some("2024-01-01 00:03"));
        assert_eq!(shown("2018-07-15T07:54:28-04:00").as_deref(), Some("2018-07-15 11:54:28"));
        assert_eq!(shown("Tuesday, 02 January 2024 12:17 GMT").as_deref(), Some("2024-01-02 12:17"));
        assert_eq!(shown("Updated Jan. 2, 2024 at 9:05").as_deref(), Some("2024-01-02 09:05"));
        assert_eq!(shown("September 30, 2019").as_deref(), Some("2019-09-30 00:00"));
        assert_eq!(shown("2024/03/07").as_deref(), Some("2024-03-07 00:00"));
    }

    #[test]
    fn reads_numeric_dates_with_the_year_last() {
        assert_eq!(shown("Nation/World 07/15/2018, 11:06am").as_deref(), Some("2018-07-15 11:06"));
        assert_eq!(shown("07/08/2018").as_deref(), Some("2018-07-08 00:00"), "US order with a slash");
        assert_eq!(shown("15/07/2018").as_deref(), Some("2018-07-15 00:00"), "day first when above 12");
        assert_eq!(shown("07.08.2018").as_deref(), Some("2018-08-07 00:00"), "day first with dots");
        assert_eq!(shown("The 2018, 11:06 count"), None, "a year first needs a separator");
        assert_eq!(shown("in 2018 11 06"), None);
        assert_eq!(shown("07/15-2018"), None, "one separator throughout");
    }

    #[test]
    fn applies_am_pm_and_named_zones() {
        assert_eq!(shown("July 15, 2018 3:21 PM").as_deref(), Some("2018-07-15 15:21"));
        assert_eq!(shown("Jul 15, 2018 12:05 a.m.").as_deref(), Some("2018-07-15 00:05"));
        assert_eq!(shown("Jul 15, 2018 12:05 pm").as_deref(), Some("2018-07-15 12:05"));
        assert_eq!(shown("July 15, 2018 3:21 PM EDT").as_deref(), Some("2018-07-15 19:21"));
        assert_eq!(
            shown("July 15, 2018 3:21 PM ET").as_deref(),
            Some("2018-07-15 19:21"),
            "daylight in July"
        );
        assert_eq!(shown("January 15, 2018 3:21 PM ET").as_deref(), Some("2018-01-15 20:21"));
        assert_eq!(shown("15 July 2018 10:00 BST").as_deref(), Some("2018-07-15 09:00"));
        assert_eq!(shown("July 15, 2018 3:21 PMX"), Some("2018-07-15 03:21".into()), "not a meridiem");
        assert_eq!(shown("July 15, 2018 at 9:05 Pacific").as_deref(), Some("2018-07-15 09:05"));
        assert_eq!(shown("Updated 7:04 PM ET, Sun July 15, 2018").as_deref(), Some("2018-07-15 23:04"));
        assert_eq!(shown("5:43 a.m. ET, July 16, 2018").as_deref(), Some("2018-07-16 09:43"));
        assert_eq!(shown("4:38 PM ET Fri, 13 July 2018 | 01:42").as_deref(), Some("2018-07-13 20:38"));
        assert_eq!(shown("September 29, 2008 \u{2014} 5:45pm").as_deref(), Some("2008-09-29 17:45"));
        assert_eq!(shown("At 7:04 the vote was held on July 15, 2018").as_deref(), Some("2018-07-15 00:00"));
    }

    #[test]
    fn ignores_numbers_that_are_not_dates() {
        assert_eq!(shown("The 2024 budget grew by 12 percent"), None);
        assert_eq!(shown("May I say 32 things in 2020"), None);
        assert_eq!(shown("on 45 March 2024"), None);
    }

    #[test]
    fn seconds_order_times_within_a_minute() {
        assert!(parse("2018-07-15T05:14:31Z") < parse("2018-07-15T05:14:42Z"));
        assert!(parse("2018-07-15 05:14:59") < parse("2018-07-15 05:15"));
        assert_eq!(parse("2018-07-15T05:14:00Z"), parse("2018-07-15 05:14"));
    }

    #[test]
    fn later_is_greater_across_zones() {
        let a = parse("2018-07-15T07:54:28-04:00");
        let b = parse("2018-07-15T12:00:00Z");
        assert!(a < b);
    }
}
