//! Which field of a JSONL object or CSV record holds what.
//!
//! A field named by the user wins; otherwise the first of a list of common
//! names present in the record (compared case-insensitively) is used.

/// Field names chosen by the user; `None` means "find it by common names".
#[derive(Clone, Debug, Default)]
pub struct FieldNames {
    /// Field holding the article text.
    pub text: Option<String>,
    /// Field holding the article id.
    pub id: Option<String>,
    /// Field holding the outlet (publisher).
    pub outlet: Option<String>,
    /// Field holding the URL.
    pub url: Option<String>,
    /// Field holding the date.
    pub date: Option<String>,
    /// Field holding the title.
    pub title: Option<String>,
}

/// The roles a field can play.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Text,
    Id,
    Outlet,
    Url,
    Date,
    Title,
}

impl Role {
    pub(super) const ALL: [Role; 6] =
        [Role::Text, Role::Id, Role::Outlet, Role::Url, Role::Date, Role::Title];

    /// Common names for the role, most specific first.
    pub(super) fn common_names(self) -> &'static [&'static str] {
        match self {
            Role::Text => &["text", "content", "body", "article", "full_text", "maintext", "story"],
            Role::Id => &["id", "article_id", "doc_id", "docid", "uuid", "guid", "_id"],
            Role::Outlet => {
                &["outlet", "publisher", "source", "site", "domain", "source_domain", "publication"]
            }
            Role::Url => &["url", "link", "uri", "source_url", "canonical_url"],
            Role::Date => &[
                "date",
                "published",
                "published_at",
                "publish_date",
                "date_publish",
                "pubdate",
                "scrape_time",
                "timestamp",
                "created_at",
            ],
            Role::Title => &["title", "headline"],
        }
    }

    /// The flag that names this role's field.
    pub(super) fn flag(self) -> &'static str {
        match self {
            Role::Text => "--text-field",
            Role::Id => "--id-field",
            Role::Outlet => "--outlet-field",
            Role::Url => "--url-field",
            Role::Date => "--date-field",
            Role::Title => "--title-field",
        }
    }
}

impl FieldNames {
    fn chosen(&self, role: Role) -> Option<&str> {
        match role {
            Role::Text => self.text.as_deref(),
            Role::Id => self.id.as_deref(),
            Role::Outlet => self.outlet.as_deref(),
            Role::Url => self.url.as_deref(),
            Role::Date => self.date.as_deref(),
            Role::Title => self.title.as_deref(),
        }
    }

    /// Index of the field playing `role` among `names`, if any.
    pub(super) fn find<'a>(&self, role: Role, names: impl Iterator<Item = &'a str> + Clone) -> Option<usize> {
        if let Some(chosen) = self.chosen(role) {
            return names.clone().position(|n| n == chosen);
        }
        role.common_names()
            .iter()
            .find_map(|want| names.clone().position(|n| n.trim().eq_ignore_ascii_case(want)))
    }

    /// Index of the field holding the text among `names` (a record's field
    /// names in the order the readers see them), as the readers choose it.
    pub fn text_field<'a>(&self, names: impl Iterator<Item = &'a str> + Clone) -> Option<usize> {
        self.find(Role::Text, names)
    }

    /// What to tell the user when no field plays `role`.
    pub(super) fn missing(&self, role: Role) -> String {
        match self.chosen(role) {
            Some(chosen) => format!("no field named {chosen:?}"),
            None => format!(
                "no {} field (looked for {}; name it with {})",
                format!("{role:?}").to_lowercase(),
                role.common_names().join(", "),
                role.flag()
            ),
        }
    }
}

/// Whether a date field of this name holds scrape times.
pub(super) fn is_scrape_field(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["scrape", "crawl", "fetch"].iter().any(|w| name.contains(w))
}

/// The host of a URL, without `www.`, as an outlet name.
pub(super) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim().to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (host.contains('.') && !host.is_empty()).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_common_names_case_insensitively() {
        let names = ["ID", "Publisher", "scrape_time", "Text"];
        let f = FieldNames::default();
        assert_eq!(f.find(Role::Text, names.iter().copied()), Some(3));
        assert_eq!(f.find(Role::Outlet, names.iter().copied()), Some(1));
        assert_eq!(f.find(Role::Date, names.iter().copied()), Some(2));
        assert_eq!(f.find(Role::Url, names.iter().copied()), None);
    }

    #[test]
    fn chosen_name_wins() {
        let f = FieldNames { text: Some("Publisher".into()), ..FieldNames::default() };
        let names = ["text", "Publisher"];
        assert_eq!(f.find(Role::Text, names.iter().copied()), Some(1));
    }

    #[test]
    fn host_from_url() {
        assert_eq!(host_of("https://www.Reuters.com/world/x?y=1").as_deref(), Some("reuters.com"));
        assert_eq!(host_of("http://user@news.example.org:8080/a").as_deref(), Some("news.example.org"));
        assert_eq!(host_of("not a url"), None);
    }
}
