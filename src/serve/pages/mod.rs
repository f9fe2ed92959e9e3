//! Server-rendered HTML pages: small, printable, readable without JavaScript, every text from a
//! document or a request escaped ([`esc`]). One module per page; this one has the layout and
//! what several pages share (a results table).

pub mod agency;
pub mod gaps;
pub mod index;
pub mod plan;
pub mod queries;

use super::site::Site;
use crate::store::query::{display_term, Answer};
use oxigraph::model::Term;

/// `text` escaped for HTML text and attribute values (the pictures' escaping: `& < > " '`,
/// and characters XML does not allow as U+FFFD).
pub fn esc(text: &str) -> String {
    crate::plot::svg::escape(text)
}

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","Noto Sans CJK",sans-serif;margin:0 auto;max-width:70rem;padding:0 1rem 3rem;line-height:1.6;color:#1b1b1b}
nav{border-bottom:1px solid #ccc;padding:.5rem 0;margin-bottom:1rem}nav a{margin-right:1rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.n{text-align:right}
.text{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;background:#fcfcfc}
.slot{border-radius:2px;padding:0 1px;text-decoration:none;color:inherit}
.role-lead{background:#ffd8a8;border-bottom:3px double #c2410c;font-weight:bold}
.role-responsible{background:#cfe8ff;border-bottom:2px solid #1d4ed8}
.role-supporting{background:#e6f4d7;border-bottom:2px dashed #3f7d20}
.res-emptyslot{background:#fff;outline:2px dashed #b91c1c;color:#b91c1c}
.res-ambiguous,.res-unknown{outline:2px dotted #7c3aed}
.res-truncated{text-decoration:underline wavy #b45309}
.candidates{font-size:.85em;color:#5b21b6}
.task-start,.subtask-start{font-size:.75em;color:#555;background:#eee;border-radius:3px;padding:0 .2em;margin-right:.2em}
.legend span{margin-right:1rem}
svg{max-width:100%;height:auto}
textarea{width:100%;font-family:monospace}
@media print{nav,form{display:none}.text{border:none}}
"#;

/// A whole page: `title`, the navigation, `body` (already HTML).
pub fn layout(title: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="zh">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — plangraph</title><style>{STYLE}</style></head>
<body>
<nav aria-label="site"><a href="/">Plans</a><a href="/gaps">Gaps</a><a href="/network">Network</a><a href="/queries">Named queries</a><a href="/sparql">SPARQL</a></nav>
<main>
<h1>{title}</h1>
{body}
</main>
</body></html>
"#,
        title = esc(title)
    )
}

/// A link to `iri` on this server, labelled `label`.
pub fn link(site: &Site, iri: &str, label: &str) -> String {
    format!(r#"<a href="{}">{}</a>"#, esc(&site.href(iri)), esc(label))
}

/// A term for a person: an IRI as a link (shortened by the prefixes), a literal as its text.
pub fn term_html(site: &Site, term: &Term) -> String {
    match term {
        Term::NamedNode(node) => link(site, node.as_str(), &display_term(term, &site.prefixes)),
        _ => esc(&display_term(term, &site.prefixes)),
    }
}

/// A SELECT or ASK answer as a table (CONSTRUCT and DESCRIBE answers as subject–predicate–object
/// rows).
pub fn answer_table(site: &Site, answer: &Answer) -> String {
    let mut html = String::new();
    match answer {
        Answer::Boolean(value) => html.push_str(&format!("<p class=\"boolean\">{value}</p>")),
        Answer::Solutions { variables, rows } => {
            html.push_str(&format!(
                "<p>{}</p><table class=\"results\"><thead><tr>",
                shown_count(rows.len(), "rows")
            ));
            for variable in variables {
                html.push_str(&format!(
                    "<th scope=\"col\">{}</th>",
                    esc(variable.as_str())
                ));
            }
            html.push_str("</tr></thead><tbody>");
            for row in rows.iter().take(HTML_ROWS) {
                html.push_str("<tr>");
                for value in row {
                    let cell = value
                        .as_ref()
                        .map(|t| term_html(site, t))
                        .unwrap_or_default();
                    html.push_str(&format!("<td>{cell}</td>"));
                }
                html.push_str("</tr>");
            }
            html.push_str("</tbody></table>");
        }
        Answer::Graph(triples) => {
            html.push_str(&format!(
                "<p>{}</p><table class=\"results\"><thead><tr><th>subject</th><th>predicate</th><th>object</th></tr></thead><tbody>",
                shown_count(triples.len(), "triples")
            ));
            for triple in triples.iter().take(HTML_ROWS) {
                html.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                    term_html(site, &triple.subject.clone().into()),
                    term_html(site, &triple.predicate.clone().into()),
                    term_html(site, &triple.object)
                ));
            }
            html.push_str("</tbody></table>");
        }
    }
    html
}

/// Rows a results table shows; the download links give them all. A page of a thousand rows
/// is already more than a person reads, and rendering 25,000 (the outline of a thousand plans)
/// took 40 ms a request.
pub const HTML_ROWS: usize = 1000;

/// `25483 rows (the first 1000 shown: download them all)`, or `31 rows`.
fn shown_count(count: usize, what: &str) -> String {
    if count > HTML_ROWS {
        format!(
            "{count} {what} (the first {HTML_ROWS} shown here; the download links give them all)"
        )
    } else {
        format!("{count} {what}")
    }
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn markup_in_text_stays_text() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }
}
