//! `--format dot` and `--format html` without a browser: the DOT graph's
//! structure, parsed here (Graphviz renders it when installed), and the
//! HTML page's escaping, self-containment and `--limit`.

use std::process::Command;

use crate::util::{PARA_A, run, run_in, scratch, write};

/// One statement of a DOT graph: a node or an edge, with its attributes.
#[derive(Debug)]
struct Statement {
    ids: Vec<String>,
    attrs: Vec<(String, String)>,
}

impl Statement {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// Reads a quoted DOT string at the start of `s`: its value and the rest.
fn quoted(s: &str) -> (String, &str) {
    let s = s.strip_prefix('"').unwrap_or_else(|| panic!("expected a quoted string: {s:?}"));
    let (mut value, mut chars) = (String::new(), s.char_indices());
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => value.push(chars.next().expect("escape inside string").1),
            '"' => return (value, &s[i + 1..]),
            c => value.push(c),
        }
    }
    panic!("unterminated string: {s:?}")
}

/// Reads `key=value, ...]` (value quoted or bare).
fn attributes(mut s: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    loop {
        s = s.trim_start_matches([' ', ',']);
        if let Some(rest) = s.strip_prefix(']') {
            assert_eq!(rest, ";", "statement must end with ];");
            return attrs;
        }
        let (key, rest) = s.split_once('=').expect("key=value");
        let (value, rest) = if rest.starts_with('"') {
            quoted(rest)
        } else {
            let end = rest.find([',', ']']).expect("attribute list ends");
            (rest[..end].to_string(), &rest[end..])
        };
        attrs.push((key.trim().to_string(), value));
        s = rest;
    }
}

/// The node and edge statements of a `digraph` (defaults skipped).
fn parse_dot(dot: &str) -> (Vec<Statement>, Vec<Statement>) {
    let mut lines = dot.lines();
    assert_eq!(lines.next(), Some("digraph wiretrace {"), "{dot}");
    assert_eq!(dot.lines().last(), Some("}"), "{dot}");
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    for line in lines.filter(|l| l.starts_with("  \"")) {
        let (first, rest) = quoted(line.trim_start());
        let (ids, rest) = match rest.strip_prefix(" -> ") {
            Some(rest) => {
                let (second, rest) = quoted(rest);
                (vec![first, second], rest)
            }
            None => (vec![first], rest),
        };
        let attrs = match rest.strip_prefix(" [") {
            Some(rest) => attributes(rest),
            None => {
                assert_eq!(rest, ";", "bad statement {line:?}");
                Vec::new()
            }
        };
        if ids.len() == 2 {
            edges.push(Statement { ids, attrs })
        } else {
            nodes.push(Statement { ids, attrs })
        }
    }
    (nodes, edges)
}

#[test]
fn dot_of_the_corpus_has_the_reports_outlet_edges_with_weights() {
    let report = run(&["scan", "corpus", "--format", "json"]).ok().report();
    let out = run(&["scan", "corpus", "--format", "dot"]);
    let (nodes, edges) = parse_dot(&out.ok().stdout);
    assert!(!report.outlet_edges.is_empty(), "the corpus has outlet edges");
    assert_eq!(edges.len(), report.outlet_edges.len());
    for (e, want) in edges.iter().zip(&report.outlet_edges) {
        assert_eq!([e.ids[0].as_str(), e.ids[1].as_str()], [want.from.as_str(), want.to.as_str()]);
        assert_eq!(e.attr("label"), Some(format!("{} words", want.words).as_str()));
        let pen: f64 = e.attr("penwidth").expect("penwidth").parse().expect("a number");
        assert!((1.0..=8.0).contains(&pen), "penwidth {pen}");
        for end in &e.ids {
            assert!(nodes.iter().any(|n| &n.ids[0] == end), "edge end {end:?} declared as a node");
        }
    }
    let heaviest: f64 = edges[0].attr("penwidth").and_then(|p| p.parse().ok()).unwrap_or(0.0);
    assert_eq!(heaviest, 8.0, "the heaviest edge is the widest");
    let ft = nodes.iter().find(|n| n.ids[0] == "Financial Times").expect("Financial Times is a node");
    assert_eq!(ft.attr("shape"), Some("ellipse"), "a named source is drawn apart from outlets");
}

#[test]
fn dot_renders_with_graphviz_when_installed() {
    let out = run(&["scan", "corpus", "--format", "dot"]);
    let dir = scratch();
    let path = write(dir.path(), "corpus.dot", &out.ok().stdout);
    let Ok(rendered) = Command::new("dot").arg("-Tsvg").arg(&path).output() else {
        eprintln!("note: graphviz `dot` not installed; DOT checked by parsing only");
        return;
    };
    assert!(rendered.status.success(), "dot failed: {}", String::from_utf8_lossy(&rendered.stderr));
    assert!(String::from_utf8_lossy(&rendered.stdout).contains("Financial Times"));
}

#[test]
fn html_escapes_markup_from_the_texts_and_ids() {
    let dir = scratch();
    let shared = format!("{PARA_A} <script>alert(\"x\")</script> & <b>bold</b> claims.");
    write(dir.path(), "a<i>.txt", format!("First story.\n\n{shared}\n"));
    write(dir.path(), "b.txt", format!("Second story, other words.\n\n{shared}\n"));
    let html = run_in(dir.path(), &["scan", ".", "--format", "html"], &[]).ok().stdout.clone();
    assert_eq!(html.matches("<script").count(), 1, "only the page's own script");
    assert!(!html.contains("<b>bold") && !html.contains("a<i>"), "markup from input is escaped");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold"));
    assert!(html.contains("a&lt;i&gt;.txt"), "ids are escaped");
    assert!(html.contains("<mark class=\"k-"), "the shared paragraph is highlighted");
}

#[test]
fn html_is_self_contained() {
    let html = run(&["scan", "corpus", "--format", "html"]).ok().stdout.clone();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    for remote in ["<script src", "<link", "<img", "<iframe", "@import", "url(http", "src=\"http"] {
        assert!(!html.contains(remote), "page loads something: {remote}");
    }
    assert!(html.contains("<svg class=\"graph\""), "the outlet graph is inline SVG");
}

#[test]
fn html_limit_caps_the_side_by_side_views_and_says_so() {
    let all = run(&["scan", "corpus", "--format", "html", "--limit", "0"]).ok().stdout.clone();
    let one = run(&["scan", "corpus", "--format", "html", "--limit", "1"]).ok().stdout.clone();
    let views = |html: &str| html.matches("<section class=\"pair\"").count();
    assert_eq!(views(&all), 5, "every pair of the corpus");
    assert_eq!(views(&one), 1);
    assert!(one.contains("for the first 1 of 5 pairs"), "the page says views were left out");
    assert!(!all.contains("for the first"));
}

/// The `--limit` entry of `scan --help`, white space collapsed.
fn limit_help() -> String {
    let help = run(&["scan", "--help"]).ok().stdout.clone();
    let entry = help.split("--limit <LIMIT>").nth(1).expect("--limit is documented");
    let entry = entry.split("[default:").next().unwrap_or_default();
    entry.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn help_says_what_limit_caps_in_html() {
    let one = run(&["scan", "corpus", "--format", "html", "--limit", "1"]).ok().stdout.clone();
    let section = |id: &str| {
        let start = one.find(&format!("<section id=\"{id}\">")).unwrap_or_else(|| panic!("{id} section"));
        one[start..start + one[start..].find("</section>").expect("section ends")].to_string()
    };
    let clusters = section("clusters");
    assert_eq!(clusters.matches("<tr><td>").count(), 1, "--limit 1 lists one cluster: {clusters}");
    assert!(clusters.contains("… and 2 more cluster(s)"), "{clusters}");
    assert_eq!(section("pairs").matches("<tr class=").count(), 1, "and one row of the pairs table");
    let help = limit_help();
    let html =
        help.split("HTML:").nth(1).and_then(|h| h.split(". ").next()).unwrap_or_else(|| panic!("{help}"));
    for capped in ["stories", "clusters", "pairs table", "side by side"] {
        assert!(html.contains(capped), "help on --limit in HTML names {capped:?}: {help}");
    }
}

#[test]
fn html_legend_does_not_say_underlined_words_are_missing_from_the_other_version() {
    // 001 and 003 both quote Anna Kelly, in another order ("deputy White
    // House press secretary Anna Kelly said" / "Anna Kelly, the deputy White
    // House press secretary"): both underline her name, so a legend saying
    // the other version "does not have" underlined words was false.
    let html = run(&["scan", "corpus", "--format", "html"]).ok().stdout.clone();
    assert!(html.contains("<span class=\"chg\">Anna Kelly</span>"), "001 underlines the name");
    assert!(html.contains("<span class=\"chg\">Anna Kelly, the</span>"), "003 underlines it too");
    assert!(!html.contains("the other version does not have"), "the legend says nothing false");
    assert!(html.contains("does not keep in the same order: left out, replaced, or moved"));
}
