//! A Turtle writer for people: one block per subject, subjects in natural order (`task-2`
//! before `task-10`), `a` first, then the other predicates in order, objects of one predicate
//! in natural order joined with `,`; only the prefixes the output uses, sorted. The output
//! depends only on the set of triples: it is byte-identical across runs. (Oxigraph's streaming
//! serializer neither groups nor prunes prefixes.)

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Writes `triples` as Turtle, using `prefixes` where they fit.
pub fn write(triples: &[Triple], prefixes: &[(String, String)]) -> String {
    let mut triples: Vec<&Triple> = triples.iter().collect();
    triples.sort_by_cached_key(|t| {
        let subject = match &t.subject {
            NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
            other => other.to_string(),
        };
        let object = match &t.object {
            Term::NamedNode(n) => n.as_str().to_string(),
            other => other.to_string(),
        };
        // IRIs without their <>, which would put `task-2>` after `task-2-1>`.
        (
            Natural(subject),
            t.predicate.as_str().to_string(),
            Natural(object),
        )
    });
    triples.dedup();
    let names = Names {
        prefixes,
        used: BTreeSet::new(),
    };
    let mut names = names;
    let mut body = String::new();
    let mut i = 0;
    while i < triples.len() {
        let subject = &triples[i].subject;
        let end = i + triples[i..]
            .iter()
            .take_while(|t| &t.subject == subject)
            .count();
        write_subject(&mut body, &mut names, &triples[i..end]);
        i = end;
    }
    let mut out = String::new();
    let used: Vec<&(String, String)> = prefixes
        .iter()
        .filter(|(p, _)| names.used.contains(p))
        .collect();
    let mut used = used;
    used.sort();
    for (prefix, namespace) in used {
        let _ = writeln!(out, "@prefix {prefix}: <{}> .", escape_iri(namespace));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out + &body
}

struct Names<'a> {
    prefixes: &'a [(String, String)],
    used: BTreeSet<String>,
}

impl Names<'_> {
    /// `prefix:local` where a prefix fits and the local part is a plain name, else `<iri>`.
    fn iri(&mut self, iri: &str) -> String {
        match super::split_by_prefix(iri, self.prefixes, is_plain_local) {
            Some((prefix, local)) => {
                self.used.insert(prefix.to_string());
                format!("{prefix}:{local}")
            }
            None => format!("<{}>", escape_iri(iri)),
        }
    }

    fn term(&mut self, term: &Term) -> String {
        match term {
            Term::NamedNode(n) => self.iri(n.as_str()),
            Term::BlankNode(b) => format!("_:{}", b.as_str()),
            Term::Literal(l) => self.literal(l),
            #[allow(unreachable_patterns)]
            other => other.to_string(),
        }
    }

    fn literal(&mut self, literal: &Literal) -> String {
        let value = literal.value();
        if let Some(language) = literal.language() {
            return format!("\"{}\"@{language}", escape_string(value));
        }
        let datatype = literal.datatype();
        let canonical_integer = value.parse::<i64>().is_ok_and(|n| n.to_string() == value);
        if datatype == xsd::INTEGER && canonical_integer {
            return value.to_string();
        }
        if datatype == xsd::BOOLEAN && (value == "true" || value == "false") {
            return value.to_string();
        }
        if datatype == xsd::STRING {
            return format!("\"{}\"", escape_string(value));
        }
        let datatype = self.iri(datatype.as_str());
        format!("\"{}\"^^{datatype}", escape_string(value))
    }
}

fn write_subject(out: &mut String, names: &mut Names, triples: &[&Triple]) {
    let subject = match &triples[0].subject {
        NamedOrBlankNode::NamedNode(n) => names.iri(n.as_str()),
        NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    };
    let _ = writeln!(out, "{subject}");
    // `a` first, then the predicates in the order of their written (prefixed) names.
    let mut predicates: Vec<(String, &NamedNode)> = Vec::new();
    for t in triples {
        if !predicates.iter().any(|(_, p)| *p == &t.predicate) {
            let shown = if t.predicate.as_ref() == rdf::TYPE {
                "a".to_string()
            } else {
                names.iri(t.predicate.as_str())
            };
            predicates.push((shown, &t.predicate));
        }
    }
    predicates.sort_by(|a, b| (a.0 != "a", &a.0).cmp(&(b.0 != "a", &b.0)));
    for (k, (shown, predicate)) in predicates.iter().enumerate() {
        let objects: Vec<String> = triples
            .iter()
            .filter(|t| &t.predicate == *predicate)
            .map(|t| names.term(&t.object))
            .collect();
        let end = if k + 1 == predicates.len() {
            " ."
        } else {
            " ;"
        };
        let _ = writeln!(out, "    {shown} {}{end}", objects.join(", "));
    }
    out.push('\n');
}

/// A string ordered naturally: see [`natural_cmp`].
#[derive(Debug, PartialEq, Eq)]
struct Natural(String);

impl Ord for Natural {
    fn cmp(&self, other: &Self) -> Ordering {
        natural_cmp(&self.0, &other.0)
    }
}

impl PartialOrd for Natural {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Natural order: runs of ASCII digits compare by their numeric value (`task-2` before
/// `task-10`), everything else character by character; strings equal so (`a01`, `a1`) compare
/// as plain strings, so the order is total and the output deterministic.
fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    let digits = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
    let value = |run: &[u8]| {
        let zeros = run.iter().take_while(|c| **c == b'0').count();
        run[zeros..].to_vec()
    };
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let (n, m) = (digits(x), digits(y));
                let (p, q) = (value(&x[..n]), value(&y[..m]));
                let order = p.len().cmp(&q.len()).then_with(|| p.cmp(&q));
                if order != Ordering::Equal {
                    return order;
                }
                x = &x[n..];
                y = &y[m..];
            }
            // UTF-8 bytes order as code points do; no other byte lies among the digits'.
            (Some(c), Some(d)) if c != d => return c.cmp(d),
            _ => {
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

/// A local name written without escapes: ASCII letters, digits, `_`, `-`, and `.` inside.
fn is_plain_local(local: &str) -> bool {
    !local.is_empty()
        && !local.starts_with(['.', '-'])
        && !local.ends_with('.')
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn escape_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// IRIs are validated when minted; this only guards against characters Turtle's IRIREF forbids.
fn escape_iri(iri: &str) -> String {
    let mut out = String::with_capacity(iri.len());
    for c in iri.chars() {
        if (c as u32) <= 0x20 || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') {
            let _ = write!(out, "\\u{:04X}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    #[test]
    fn groups_subjects_puts_a_first_and_declares_only_used_prefixes() {
        let s = NamedNode::new("https://example.org/plan/x/task-1").unwrap();
        let pg = |l: &str| NamedNode::new(format!("https://w3id.org/plangraph#{l}")).unwrap();
        let triples = vec![
            Triple::new(s.clone(), pg("number"), Literal::from(1)),
            Triple::new(
                s.clone(),
                pg("text"),
                Literal::new_language_tagged_literal("加强\"监管\"\n", "zh").unwrap(),
            ),
            Triple::new(s.clone(), rdf::TYPE.into_owned(), pg("Task")),
            Triple::new(s.clone(), pg("openList"), Literal::from(false)),
        ];
        let prefixes = vec![
            ("pg".to_string(), "https://w3id.org/plangraph#".to_string()),
            (
                "skos".to_string(),
                "http://www.w3.org/2004/02/skos/core#".to_string(),
            ),
            (
                "plan".to_string(),
                "https://example.org/plan/x/".to_string(),
            ),
        ];
        assert_eq!(
            write(&triples, &prefixes),
            "@prefix pg: <https://w3id.org/plangraph#> .\n@prefix plan: <https://example.org/plan/x/> .\n\nplan:task-1\n    a pg:Task ;\n    pg:number 1 ;\n    pg:openList false ;\n    pg:text \"加强\\\"监管\\\"\\n\"@zh .\n\n"
        );
    }

    #[test]
    fn subjects_and_objects_come_in_natural_order() {
        let plan = |l: &str| NamedNode::new(format!("https://example.org/plan/2017/{l}")).unwrap();
        let has = NamedNode::new("https://w3id.org/plangraph#responsibility").unwrap();
        let mut triples = Vec::new();
        for task in ["task-10", "task-2", "task-1", "task-2-1"] {
            for slot in [10, 2, 1, 11] {
                triples.push(Triple::new(
                    plan(task),
                    has.clone(),
                    plan(&format!("{task}-slot-{slot}")),
                ));
            }
        }
        let prefixes = vec![(
            "plan".to_string(),
            "https://example.org/plan/2017/".to_string(),
        )];
        let turtle = write(&triples, &prefixes);
        let subjects: Vec<&str> = turtle.lines().filter(|l| l.starts_with("plan:")).collect();
        assert_eq!(
            subjects,
            [
                "plan:task-1",
                "plan:task-2",
                "plan:task-2-1",
                "plan:task-10"
            ]
        );
        assert!(turtle.contains(
            "\nplan:task-2-1\n    <https://w3id.org/plangraph#responsibility> plan:task-2-1-slot-1, plan:task-2-1-slot-2, plan:task-2-1-slot-10, plan:task-2-1-slot-11 .\n"
        ), "{turtle}");
        triples.reverse();
        assert_eq!(write(&triples, &prefixes), turtle, "any input order");
    }

    #[test]
    fn natural_order_compares_digit_runs_by_value() {
        let mut names = vec![
            "task-10",
            "task-2",
            "task-2-10",
            "task-2-9",
            "task-1",
            "a01",
            "a1",
            "a",
            "b",
            "a-1",
            "任务2",
            "任务10",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            [
                "a",
                "a-1",
                "a01",
                "a1",
                "b",
                "task-1",
                "task-2",
                "task-2-9",
                "task-2-10",
                "task-10",
                "任务2",
                "任务10"
            ]
        );
        assert_eq!(natural_cmp("x99", "x100"), Ordering::Less);
        assert_eq!(natural_cmp("x007", "x7"), "x007".cmp("x7"));
    }

    #[test]
    fn unsafe_local_names_are_written_in_full() {
        assert!(is_plain_local("task-2.1"));
        assert!(!is_plain_local("plan/2017"));
        assert!(!is_plain_local("task."));
        assert!(!is_plain_local("工作"));
    }
}
