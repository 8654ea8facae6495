//! The page's inline style sheet and script. Nothing here loads anything:
//! system fonts only, no URLs, so the page works offline and leaks nothing.

/// The style sheet.
pub(super) const STYLE: &str = r#"
:root { --syndication: #f5a3a3; --quote: #9fcbff; --rewrite: #ffd27a; --boilerplate: #d4d4d4;
  --repeat: #d5c2f0; --ink: #1d1d1f; --muted: #5f6368; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fafafa;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1340px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 26px; margin: 8px 0 12px; }
h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 17px; margin: 0 0 6px; }
h4 { font-size: 15px; margin: 0 0 6px; }
section.pair { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 14px 16px;
  margin: 18px 0; }
.summary { font-size: 16px; background: #fff; border-left: 4px solid #4a7bd0; padding: 10px 14px;
  margin: 0; }
.note { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid #e0e0e0; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
td.verdict { font-weight: 600; }
td.link, .para { white-space: nowrap; }
table.clusters td:nth-child(2) { width: 24%; }
tr.v-common_source td.verdict { color: #1f5fa8; }
tr.v-a_to_b td.verdict, tr.v-b_to_a td.verdict { color: #a8321f; }
tr.v-undetermined td.verdict { color: var(--muted); font-weight: 400; }
td.excerpt { font-family: Georgia, "Times New Roman", serif; font-size: 14px; }
.rule { color: var(--muted); font-size: 12px; margin-top: 3px; }
.chip { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 13px; white-space: nowrap; }
.k-syndication { background: var(--syndication); }
.k-quote { background: var(--quote); }
.k-rewrite { background: var(--rewrite); }
.k-boilerplate { background: var(--boilerplate); }
.k-repeat { background: var(--repeat); }
.legend { line-height: 2; }
.verdict b { font-size: 16px; }
.evidence { margin: 4px 0 10px; font-size: 14px; }
.evidence li { margin: 2px 0; }
.evidence li.against { color: #8a3b12; }
.against-tag { font-weight: bold; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.side { min-width: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Times New Roman", serif;
  font-size: 14px; line-height: 1.5; border: 1px solid #e3e3e3; border-radius: 6px; padding: 10px 12px;
  max-height: 75vh; overflow: auto; background: #fff; }
mark { color: inherit; border-radius: 2px; cursor: pointer; padding: 1px 0; }
mark.hot { outline: 2px solid #1d1d1f; }
.chg { text-decoration: underline 2px #c0392b; text-underline-offset: 3px; color: #7a1010; }
svg.graph { display: block; max-width: 100%; height: auto; background: #fff; border: 1px solid #e3e3e3;
  border-radius: 6px; }
svg .edge line { stroke: #555; stroke-opacity: 0.75; }
svg .elabel { font-size: 12px; fill: #333; text-anchor: middle; paint-order: stroke; stroke: #fff;
  stroke-width: 3px; }
svg .node circle { stroke: #333; stroke-width: 1.2; }
svg .node.outlet circle { fill: #8ab4f8; }
svg .node.source circle { fill: #f6b26b; }
svg .node text { font-size: 13px; fill: #111; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.src-dot, .out-dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  border: 1px solid #333; vertical-align: middle; }
.src-dot { background: #f6b26b; }
.out-dot { background: #8ab4f8; }
.top { font-size: 13px; margin: 8px 0 0; }
@media print { .text { max-height: none; } }
"#;

/// The script: clicking a highlight outlines it and its counterparts (the
/// highlights sharing one of its `data-m` ids) and brings the first on the
/// other side into view; each pair's heading gets its count of
/// shared passages. The page reads fully without it.
pub(super) const SCRIPT: &str = r#"
(function () {
  "use strict";
  document.querySelectorAll("section.pair").forEach(function (pair) {
    var ids = {};
    pair.querySelectorAll("mark[data-m]").forEach(function (m) {
      m.getAttribute("data-m").split(" ").forEach(function (id) { ids[id] = true; });
    });
    var count = Object.keys(ids).length;
    var h = pair.querySelector("h3");
    if (h) {
      var s = document.createElement("span");
      s.className = "note count";
      s.textContent = " · " + count + " shared passage" + (count === 1 ? "" : "s") + " highlighted";
      h.appendChild(s);
    }
    pair.addEventListener("click", function (ev) {
      var mark = ev.target.closest ? ev.target.closest("mark[data-m]") : null;
      if (!mark) { return; }
      var side = mark.closest(".side");
      pair.querySelectorAll("mark.hot").forEach(function (x) { x.classList.remove("hot"); });
      // A run covered by several shared passages lists them all: its
      // counterparts are the runs listing any of them.
      var selector = mark.getAttribute("data-m").split(" ").map(function (id) {
        return 'mark[data-m~="' + id + '"]';
      }).join(",");
      var other = null;
      pair.querySelectorAll(selector).forEach(function (x) {
        x.classList.add("hot");
        if (!other && x.closest(".side") !== side) { other = x; }
      });
      if (other) { other.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
    });
  });
  document.body.setAttribute("data-js", "ready");
})();
"#;
