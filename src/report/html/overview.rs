//! The overview parts of the HTML page: the summary in words, the stories,
//! the table of pairs, the clusters and the warnings.

use std::fmt::Write as _;

use super::{chip, confidence, esc, kind_words, label, percent, relation_words, verdict_words};
use crate::pipeline::ArticleTexts;
use crate::report::{PairOut, Report, count as plural, cut_at_word, thousands};

/// Articles listed per story.
const STORY_ARTICLES: usize = 12;

/// Groups of versions of one report listed per story.
const VERSIONS_SHOWN: usize = 5;

/// Longest excerpt shown for a group of versions, in characters.
const VERSION_EXCERPT_CHARS: usize = 160;
/// Longest cluster excerpt shown, in characters.
const EXCERPT_CHARS: usize = 240;

/// The summary paragraph: what was read and found, in words.
pub(super) fn summary(report: &Report, shown: &[usize], h: &mut String) {
    let content: Vec<&PairOut> = report.pairs.iter().filter(|p| p.relation != "boilerplate").collect();
    let boiler = report.pairs.len() - content.len();
    let repeats = report.clusters.iter().filter(|c| c.kind == "repeat").count();
    let mut text = format!(
        "wiretrace read {} from {}. ",
        plural(report.summary.articles, "article"),
        plural(report.summary.sources, "file")
    );
    if content.is_empty() {
        text.push_str("No two articles share text beyond boilerplate. ");
    } else {
        let kinds: Vec<String> = [
            ("quote", "shared quotes"),
            ("rewrite", "reworded sentences"),
            ("syndication", "text copied nearly as is"),
        ]
        .iter()
        .map(|&(kind, words)| (count(&content, |p| p.relation == kind), words))
        .filter(|&(n, _)| n > 0)
        .map(|(n, words)| format!("{} with {words}", thousands(n as u64)))
        .collect();
        let _ = write!(
            text,
            "{} of articles {} text beyond boilerplate ({}). {} ",
            plural(content.len(), "pair"),
            agree(content.len(), "shares", "share"),
            kinds.join(", "),
            verdicts(&content)
        );
    }
    if boiler > 0 {
        let _ = write!(
            text,
            "{} only boilerplate (an outlet's template text, such as a disclaimer), which is not evidence \
             of copying. ",
            agree(boiler, "1 pair shares", &format!("{} pairs share", thousands(boiler as u64)))
        );
    }
    if repeats > 0 {
        let _ = write!(
            text,
            "{} repeated inside a single article. ",
            agree(repeats, "1 passage is", &format!("{} passages are", thousands(repeats as u64)))
        );
    }
    if shown.len() < report.pairs.len() {
        let _ = write!(
            text,
            "Side-by-side views are shown for the first {} of {} pairs (run with --limit 0 for all).",
            thousands(shown.len() as u64),
            thousands(report.pairs.len() as u64)
        );
    }
    let _ = writeln!(
        h,
        "<section id=\"summary\">\n<p class=\"summary\">{}</p>\n</section>",
        esc(text.trim_end())
    );
}

/// The verdicts of the pairs sharing more than boilerplate, in one sentence.
fn verdicts(content: &[&PairOut]) -> String {
    let directed = count(content, |p| matches!(p.direction.verdict, "a_to_b" | "b_to_a"));
    let common = count(content, |p| p.direction.verdict == "common_source");
    let undetermined = content.len() - directed - common;
    let mut named: Vec<&str> = content.iter().filter_map(|p| p.direction.source.as_deref()).collect();
    named.sort_unstable();
    named.dedup();
    let all = |n: usize| {
        let written = thousands(n as u64);
        if n == content.len() && n > 1 { format!("all {written}") } else { written }
    };
    let mut parts = Vec::new();
    if directed > 0 {
        parts.push(format!("in {} one article took from the other", all(directed)));
    }
    if common > 0 {
        let names = if named.is_empty() { String::new() } else { format!(" ({})", named.join(", ")) };
        parts.push(format!(
            "in {} both take from a common source{names} rather than from each other",
            all(common)
        ));
    }
    if undetermined > 0 {
        parts.push(format!("in {} who took from whom is undetermined", all(undetermined)));
    }
    let sentence = parts.join("; ");
    let mut chars = sentence.chars();
    chars.next().map_or(String::new(), |c| format!("{}{}.", c.to_uppercase(), chars.as_str()))
}

/// How many of `pairs` `f` holds for.
fn count(pairs: &[&PairOut], f: impl Fn(&PairOut) -> bool) -> usize {
    pairs.iter().filter(|p| f(p)).count()
}

/// `one` when `n` is 1, else `many`.
fn agree<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The stories: groups of articles sharing text, with the sources they
/// name; the first `limit` stories (0: all), each listing its first
/// [`STORY_ARTICLES`] articles.
pub(super) fn stories(report: &Report, limit: usize, h: &mut String) {
    if report.stories.is_empty() {
        return;
    }
    let cap = if limit == 0 { usize::MAX } else { limit };
    h.push_str("<section id=\"stories\">\n<h2>Stories</h2>\n");
    h.push_str("<p class=\"note\">Articles that share text beyond boilerplate, grouped.</p>\n<ul>\n");
    for s in report.stories.iter().take(cap) {
        let names: Vec<String> =
            s.articles.iter().take(STORY_ARTICLES).map(|&a| esc(&label(report, a))).collect();
        let _ = write!(
            h,
            "<li><b>Story {}</b>: {} articles: {}",
            s.id,
            thousands(s.articles.len() as u64),
            names.join(", ")
        );
        if s.articles.len() > STORY_ARTICLES {
            let _ = write!(h, ", … and {} more", thousands((s.articles.len() - STORY_ARTICLES) as u64));
        }
        if !s.sources.is_empty() {
            let _ =
                write!(h, "<br>Sources named by two or more of them: <b>{}</b>", esc(&s.sources.join(", ")));
        }
        versions(report, &s.versions, h);
        h.push_str("</li>\n");
    }
    h.push_str("</ul>\n");
    more(h, report.stories.len().saturating_sub(cap), "stories");
    h.push_str("</section>\n");
}

/// The groups of versions of one report inside a story, the largest
/// [`VERSIONS_SHOWN`] with their first [`STORY_ARTICLES`] articles.
fn versions(report: &Report, groups: &[Vec<u32>], h: &mut String) {
    if groups.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<br>Versions of one report inside it ({}; the articles of a group each share {share:.0}% or more of \
         their text with another of the group):<ul>",
        plural(groups.len(), "group"),
        share = crate::provenance::views::VERSION_SHARE * 100.0
    );
    for g in groups.iter().take(VERSIONS_SHOWN) {
        let names: Vec<String> = g.iter().take(STORY_ARTICLES).map(|&a| esc(&label(report, a))).collect();
        let _ = write!(h, "<li>{} articles: {}", thousands(g.len() as u64), names.join(", "));
        if g.len() > STORY_ARTICLES {
            let _ = write!(h, ", … and {} more", thousands((g.len() - STORY_ARTICLES) as u64));
        }
        if let Some(excerpt) = crate::report::version_excerpt(report, g) {
            let _ = write!(h, "<br><q>{}</q>", esc(&cut_at_word(excerpt, VERSION_EXCERPT_CHARS)));
        }
        h.push_str("</li>");
    }
    if groups.len() > VERSIONS_SHOWN {
        let more = thousands((groups.len() - VERSIONS_SHOWN) as u64);
        let _ = write!(h, "<li>… and {more} smaller groups (the JSON report lists them all)</li>");
    }
    h.push_str("</ul>");
}

/// The table of pairs: what they share, how much, how much changed, and
/// who took from whom, for the pairs shown, each linking to its
/// side-by-side view.
pub(super) fn pair_table(report: &Report, shown: &[usize], h: &mut String) {
    if report.pairs.is_empty() {
        h.push_str("<p>No two articles share text.</p>\n");
        return;
    }
    h.push_str("<section id=\"pairs\">\n<h2>Who took from whom</h2>\n<table class=\"pairs\">\n");
    h.push_str(
        "<thead><tr><th>Articles</th><th>What they share</th><th>Shared words</th>\
         <th>Changed</th><th>Verdict</th><th>Confidence</th><th></th></tr></thead>\n<tbody>\n",
    );
    for &i in shown {
        let p = &report.pairs[i];
        let _ = write!(
            h,
            "<tr class=\"v-{}\"><td>{} ↔ {}</td><td>",
            esc(p.direction.verdict),
            esc(&label(report, p.a)),
            esc(&label(report, p.b))
        );
        chip(h, p.relation, relation_words(p.relation));
        let words = match p.relation {
            "boilerplate" => "–".to_string(),
            _ => format!("{} / {}", thousands(p.shared_words[0]), thousands(p.shared_words[1])),
        };
        let _ = write!(
            h,
            "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"verdict\">{}</td>\
             <td class=\"num\">{}</td><td class=\"link\">",
            words,
            if p.relation == "boilerplate" { String::new() } else { esc(&percent(p.changed)) },
            esc(&verdict_words(report, p)),
            confidence(p)
        );
        let _ = writeln!(h, "<a href=\"#pair-{i}\">side by side</a></td></tr>");
    }
    h.push_str("</tbody>\n</table>\n");
    more(h, report.pairs.len().saturating_sub(shown.len()), "pair(s) with less shared text");
    h.push_str(
        "<p class=\"note\">Shared words: words of shared text in each article. Changed: share of \
         those words not kept, in order, by the other article.</p>\n</section>\n",
    );
}

/// The clusters: places sharing the same text, with their kind and rule.
pub(super) fn clusters(report: &Report, limit: usize, h: &mut String) {
    if report.clusters.is_empty() {
        return;
    }
    let cap = if limit == 0 { usize::MAX } else { limit };
    h.push_str("<section id=\"clusters\">\n<h2>Clusters of identical or near-identical paragraphs</h2>\n");
    h.push_str("<table class=\"clusters\">\n<thead><tr><th>#</th><th>Kind</th><th>Where</th>");
    h.push_str("<th>Words</th><th>Text</th></tr></thead>\n<tbody>\n");
    for c in report.clusters.iter().take(cap) {
        let _ = write!(h, "<tr><td>{}</td><td>", c.id);
        chip(h, c.kind, c.kind);
        let _ = write!(
            h,
            "<div class=\"rule\">{}<br>rule: {}</div></td><td>",
            esc(kind_words(c.kind)),
            esc(&c.rule)
        );
        for m in &c.members {
            let [first, last] = [m.paragraphs[0] + 1, m.paragraphs[1] + 1];
            let paras = if first == last { format!("¶{first}") } else { format!("¶{first}–{last}") };
            let _ = write!(h, "<div>{} <span class=\"para\">{paras}</span></div>", esc(&m.id));
        }
        let _ = writeln!(
            h,
            "</td><td class=\"num\">{}</td><td class=\"excerpt\">{}</td></tr>",
            c.words,
            esc(&cut_at_word(&c.excerpt, EXCERPT_CHARS))
        );
    }
    h.push_str("</tbody>\n</table>\n");
    more(h, report.clusters.len().saturating_sub(cap), "cluster(s)");
    h.push_str("<p class=\"note\">¶ numbers count paragraphs from 1.</p>\n</section>\n");
}

/// Warnings about the input and about texts that could not be read again.
pub(super) fn warnings(report: &Report, texts: &ArticleTexts, h: &mut String) {
    if report.warnings.is_empty() && texts.warnings.is_empty() {
        return;
    }
    h.push_str("<section id=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n");
    for w in &report.warnings {
        let line = w.line.map_or(String::new(), |l| format!(":{l}"));
        let _ = writeln!(h, "<li>{}{line}: {}</li>", esc(&w.source), esc(&w.message));
    }
    for w in &texts.warnings {
        let _ = writeln!(h, "<li>{}</li>", esc(&w.to_string()));
    }
    h.push_str("</ul>\n</section>\n");
}

/// The note saying `left` more `what` are not shown, when there are any.
fn more(h: &mut String, left: usize, what: &str) {
    if left > 0 {
        let left = thousands(left as u64);
        let _ = writeln!(h, "<p class=\"note\">… and {left} more {what} (--limit 0 shows all).</p>");
    }
}
