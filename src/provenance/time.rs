//! Time: dates in article metadata and datelines -> comparable instants.
//!
//! Accepted forms (case-insensitive month names, English):
//! `2024-01-02`, `2024-01-02T12:17:00Z`, `2018-07-15T07:54:28-04:00`,
//! `2024/01/02 12:17`, `02 January 2024 12:17 GMT`, `Tuesday, 02 Jan 2024`,
//! `January 2, 2024`, `Jan. 2, 2024 at 12:17`. A time zone offset written
//! as `±hh:mm` or `±hhmm` right after the time is applied; `GMT`, `UTC` and
//! `Z` are offset 0; any other zone name is ignored.

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
        let Some((year, month, day, next)) = date_at(&p, i) else { continue };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1900..=2200).contains(&year) {
            continue;
        }
        let days = i64::from(year) * 372 + i64::from(month - 1) * 31 + i64::from(day - 1);
        let seconds = time_at(text, &p, next).unwrap_or(0);
        return Some(Instant(days * 86_400 + seconds));
    }
    None
}

/// Year, month, day of a date starting at piece `i`, and the next piece.
fn date_at(p: &[(Piece, usize, usize)], i: usize) -> Option<(u32, u32, u32, usize)> {
    let get = |k: usize| p.get(k).map(|x| &x.0);
    match (get(i)?, get(i + 1), get(i + 2)) {
        (Piece::Number(y, 4), Some(Piece::Number(m, _)), Some(Piece::Number(d, _))) => {
            Some((*y, *m, *d, i + 3))
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
/// it follows closely; the zone offset is applied.
fn time_at(text: &str, p: &[(Piece, usize, usize)], mut i: usize) -> Option<i64> {
    if matches!(p.get(i), Some((Piece::Other, s, e)) if e - s <= 2) {
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
    let local = (i64::from(*h) * 60 + i64::from(*m)) * 60 + seconds;
    Some(local - 60 * offset(text.get(end..).unwrap_or("")))
}

/// The zone offset in minutes written at the start of `rest`.
fn offset(rest: &str) -> i64 {
    let rest = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
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
