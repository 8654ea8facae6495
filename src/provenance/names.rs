//! Names: news organizations a text can name as its source, and whether a
//! name stands for a given outlet.
//!
//! A name is compared by its *key*: lower-case letters and digits only
//! ("The Associated Press" -> `associatedpress`). An outlet (the `outlet`
//! field of an article, often a domain) answers to its own key, to its
//! domain's stem (`washingtonpost.com` -> `washingtonpost`), and to the
//! initials of a name of several words (`Continental Press Agency` ->
//! `cpa`), so a dateline credit "(CPA)" or a phrase "the Washington Post
//! reported" can be matched to the article that outlet published.

/// Known news organizations: the name reported, then other names for it
/// (case-sensitive where a short alias would match ordinary words).
const ORGANIZATIONS: &[(&str, &[&str])] = &[
    ("Reuters", &["Reuters", "Thomson Reuters"]),
    ("Associated Press", &["Associated Press", "AP"]),
    ("AFP", &["AFP", "Agence France-Presse", "Agence France Presse"]),
    ("TASS", &["TASS", "Tass", "ITAR-TASS"]),
    ("RIA Novosti", &["RIA Novosti", "RIA"]),
    ("Interfax", &["Interfax"]),
    ("Xinhua", &["Xinhua"]),
    ("Bloomberg", &["Bloomberg"]),
    ("Financial Times", &["Financial Times", "FT"]),
    ("Wall Street Journal", &["Wall Street Journal", "WSJ"]),
    ("New York Times", &["New York Times", "NYT"]),
    ("Washington Post", &["Washington Post"]),
    ("The Guardian", &["Guardian"]),
    ("BBC", &["BBC"]),
    ("CNN", &["CNN"]),
    ("CBS News", &["CBS News", "CBS"]),
    ("NBC News", &["NBC News", "NBC"]),
    ("ABC News", &["ABC News"]),
    ("Fox News", &["Fox News"]),
    ("CNBC", &["CNBC"]),
    ("MSNBC", &["MSNBC"]),
    ("Politico", &["Politico", "POLITICO"]),
    ("Axios", &["Axios"]),
    ("The Hill", &["The Hill"]),
    ("Daily Beast", &["Daily Beast"]),
    ("Sputnik", &["Sputnik"]),
    ("RT", &["RT"]),
    ("Al Jazeera", &["Al Jazeera"]),
    ("dpa", &["dpa", "Deutsche Presse-Agentur"]),
    ("UPI", &["UPI", "United Press International"]),
    ("Press Association", &["Press Association", "PA Media"]),
    ("ANI", &["ANI"]),
    ("PTI", &["PTI", "Press Trust of India"]),
    ("IANS", &["IANS"]),
    ("Kyodo", &["Kyodo"]),
    ("Yonhap", &["Yonhap"]),
    ("ANSA", &["ANSA"]),
    ("EFE", &["EFE"]),
    ("Anadolu", &["Anadolu"]),
    ("MENAFN", &["MENAFN"]),
    ("Daily Mail", &["Daily Mail"]),
    ("The Telegraph", &["Telegraph"]),
    ("Sky News", &["Sky News"]),
    ("Newsmax", &["Newsmax"]),
    ("Breitbart", &["Breitbart"]),
];

/// The key of a name: its letters and digits, lower-cased, without a
/// leading "The".
pub fn key(name: &str) -> String {
    let name = name.trim();
    let name = name.strip_prefix("The ").or_else(|| name.strip_prefix("the ")).unwrap_or(name);
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Each known organization's reported name with each of its names, longest
/// names first (so "Financial Times" is found before "FT").
pub fn aliases() -> Vec<(&'static str, &'static str)> {
    let mut all: Vec<(&str, &str)> =
        ORGANIZATIONS.iter().flat_map(|(name, aliases)| aliases.iter().map(move |a| (*name, *a))).collect();
    all.sort_by(|x, y| y.1.len().cmp(&x.1.len()).then(x.1.cmp(y.1)));
    all
}

/// The keys an outlet answers to: its own, its domain's stem, the initials
/// of its words (when it has at least two), and the keys of every alias of
/// a known organization it is.
pub fn outlet_keys(outlet: &str) -> Vec<String> {
    let mut keys = vec![key(outlet)];
    let host = outlet.split('/').next().unwrap_or(outlet).trim_start_matches("www.");
    if host.contains('.') {
        keys.push(key(host.split('.').next().unwrap_or(host)));
    }
    let words: Vec<&str> = outlet.split_whitespace().filter(|w| !w.eq_ignore_ascii_case("the")).collect();
    if words.len() >= 2 {
        keys.push(words.iter().filter_map(|w| w.chars().next()).flat_map(char::to_lowercase).collect());
        keys.push(format!("{WORDS}{}", outlet.to_lowercase()));
    }
    keys.extend(canonical(&keys).into_iter().flat_map(organization_keys));
    keys.retain(|k| !k.is_empty());
    keys.sort();
    keys.dedup();
    keys
}

/// Prefix of the key holding an outlet's name in words, for
/// [`abbreviates`].
const WORDS: &str = "words:";

/// Whether `abbreviation` (2 to 6 upper-case letters) abbreviates `words`
/// (lower case): its letters occur in order in them, starting with the
/// first letter of the first word other than "the", and the initial of
/// every such word is among them ("PNW" for Pacific Newswire, "THH" for The
/// Harbour Herald).
fn abbreviates(abbreviation: &str, words: &str) -> bool {
    if !(2..=6).contains(&abbreviation.len()) || !abbreviation.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let letters: Vec<char> = abbreviation.chars().flat_map(char::to_lowercase).collect();
    let words: Vec<Vec<char>> = words.split_whitespace().map(|w| w.chars().collect()).collect();
    let the = words.first().is_some_and(|w| w.iter().collect::<String>() == "the");
    chunks(&letters, &words[usize::from(the)..]) || (the && chunks(&letters, &words))
}

/// Whether `letters` splits into one chunk per word, each starting with
/// its word's initial and the rest a subsequence of the word.
fn chunks(letters: &[char], words: &[Vec<char>]) -> bool {
    let Some((word, rest)) = words.split_first() else { return letters.is_empty() };
    if letters.first() != word.first() {
        return false;
    }
    (1..=letters.len()).any(|n| subsequence(&letters[1..n], &word[1..]) && chunks(&letters[n..], rest))
}

/// Whether `small` occurs in order in `large`.
fn subsequence(small: &[char], large: &[char]) -> bool {
    let mut it = large.iter();
    small.iter().all(|c| it.any(|x| x == c))
}

/// The reported name of a known organization any of `keys` belongs to.
fn canonical(keys: &[String]) -> Option<&'static str> {
    ORGANIZATIONS
        .iter()
        .find(|(name, aliases)| std::iter::once(name).chain(aliases.iter()).any(|n| keys.contains(&key(n))))
        .map(|(name, _)| *name)
}

/// The keys of every name of the organization reported as `name`.
fn organization_keys(name: &str) -> Vec<String> {
    ORGANIZATIONS
        .iter()
        .filter(|(n, _)| *n == name)
        .flat_map(|(n, aliases)| std::iter::once(n).chain(aliases.iter()).map(|a| key(a)))
        .collect()
}

/// The name to report for a source named `found` in a text: the known
/// organization's name, else `found` itself.
pub fn reported_name(found: &str) -> String {
    canonical(&[key(found)]).map_or_else(|| found.to_string(), str::to_string)
}

/// Bytes looked at on either side of a mention for the word holding it.
const WORD_REACH: usize = 100;

/// Marks of a link in the word holding a mention.
const LINK_MARKS: &[&str] = &["://", "www.", "twitter.com", "t.co/", ".com/"];

/// Whether the mention `text[start..end]` is part of an account handle
/// ("@CNN", "(@Reuters)") or of a link ("twitter.com/AP/status/…"): the
/// name of an account or a page, not an attribution of the text: the
/// word holding it (up to white space, at most 100 bytes either side) has
/// an `@` before it, or a link mark.
pub fn in_handle_or_link(text: &str, start: usize, end: usize) -> bool {
    let mut from = start.saturating_sub(WORD_REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = end.saturating_add(WORD_REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let before = &text[from..start];
    let before = before.rfind(char::is_whitespace).map_or(before, |i| &before[i..]);
    let after = &text[end..to];
    let after = after.find(char::is_whitespace).map_or(after, |i| &after[..i]);
    let word = format!("{before}{}{after}", &text[start..end]).to_lowercase();
    before.contains('@') || LINK_MARKS.iter().any(|m| word.contains(m))
}

/// Whether the source named `name` is `outlet` (see [`outlet_keys`]).
pub fn names_outlet(name: &str, outlet_keys: &[String]) -> bool {
    let k = key(name);
    outlet_keys.contains(&k)
        || canonical(std::slice::from_ref(&k))
            .is_some_and(|n| organization_keys(n).iter().any(|o| outlet_keys.contains(o)))
        || outlet_keys.iter().filter_map(|o| o.strip_prefix(WORDS)).any(|words| abbreviates(name, words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_answer_to_domains_initials_and_aliases() {
        assert!(names_outlet("Washington Post", &outlet_keys("washingtonpost.com")));
        assert!(names_outlet("CNN", &outlet_keys("www.cnn.com")));
        assert!(names_outlet("CPA", &outlet_keys("Continental Press Agency")));
        assert!(names_outlet("FT", &outlet_keys("Financial Times")));
        assert!(names_outlet("Financial Times", &outlet_keys("ft.com")));
        assert!(!names_outlet("Reuters", &outlet_keys("yahoo.com/news")));
        assert!(!names_outlet("AP", &outlet_keys("Daily Compass")));
        assert!(names_outlet("PNW", &outlet_keys("Pacific Newswire")));
        assert!(names_outlet("THH", &outlet_keys("The Harbour Herald")));
        assert!(names_outlet("HH", &outlet_keys("The Harbour Herald")));
        assert!(!names_outlet("PW", &outlet_keys("Pacific Newswire")), "N's initial is missing");
        assert!(!names_outlet("MNA", &outlet_keys("Metro Observer")));
    }

    #[test]
    fn known_names_are_reported_by_their_full_name() {
        assert_eq!(reported_name("Tass"), "TASS");
        assert_eq!(reported_name("The Associated Press"), "Associated Press");
        assert_eq!(reported_name("AP"), "Associated Press");
        assert_eq!(reported_name("GWS"), "GWS");
        assert_eq!(aliases()[0].1.len(), aliases().iter().map(|a| a.1.len()).max().unwrap_or(0));
    }
}
