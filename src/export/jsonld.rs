//! Compact JSON-LD against `ontology/context.jsonld`: one node object per subject in `@graph`,
//! keys from the context (`leadAgency`, `prefLabel` as a language map, `title` in Chinese …),
//! values typed as the context says. A value the context's term does not fit (another datatype
//! or language) goes under the property's compact IRI as an explicit value object, so nothing is
//! lost. Objects, keys and values are sorted: the output is deterministic.

use crate::error::{Error, Result};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, NamedOrBlankNode, Term, Triple};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The context file, embedded.
pub const CONTEXT: &str = include_str!("../../ontology/context.jsonld");

/// How a context term shapes its values.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    /// `"@type": "@id"`: IRIs.
    Id,
    /// `"@type": <datatype>`: literals of that datatype, as strings.
    Datatype(String),
    /// `"@language": <tag>`: literals in that language, as strings.
    Language(String),
    /// `"@container": "@language"`: a map from language to strings.
    LanguageMap,
    /// No coercion: plain strings, native numbers and booleans.
    Plain,
}

struct Context {
    /// Prefix name → namespace.
    prefixes: Vec<(String, String)>,
    /// Property IRI → (term, shape).
    properties: BTreeMap<String, (String, Shape)>,
    /// Class IRI → term.
    classes: BTreeMap<String, String>,
}

impl Context {
    fn load() -> Result<Self> {
        let bad = |m: &str| Error::new("ontology/context.jsonld", m.to_string());
        let document: Value = serde_json::from_str(CONTEXT).map_err(|e| bad(&e.to_string()))?;
        let entries = document["@context"]
            .as_object()
            .ok_or_else(|| bad("no @context object"))?;
        let mut context = Context {
            prefixes: Vec::new(),
            properties: BTreeMap::new(),
            classes: BTreeMap::new(),
        };
        for (term, definition) in entries {
            if let Some(s) = definition
                .as_str()
                .filter(|s| s.ends_with('/') || s.ends_with('#'))
            {
                context.prefixes.push((term.clone(), s.to_string()));
            }
        }
        for (term, definition) in entries {
            if term.starts_with('@') {
                continue;
            }
            let (id, shape) = match definition {
                Value::String(s) if s.ends_with('/') || s.ends_with('#') => continue,
                Value::String(s) => (s.clone(), Shape::Plain),
                Value::Object(o) => {
                    let id = o
                        .get("@id")
                        .and_then(Value::as_str)
                        .ok_or_else(|| bad(&format!("{term} has no @id")))?;
                    let shape = match (
                        o.get("@type").and_then(Value::as_str),
                        o.get("@language"),
                        o.get("@container"),
                    ) {
                        (Some("@id"), _, _) => Shape::Id,
                        (Some(datatype), _, _) => Shape::Datatype(context.expand(datatype)),
                        (None, Some(Value::String(tag)), _) => Shape::Language(tag.clone()),
                        (None, _, Some(Value::String(c))) if c == "@language" => Shape::LanguageMap,
                        _ => Shape::Plain,
                    };
                    (id.to_string(), shape)
                }
                _ => return Err(bad(&format!("{term} has an unsupported definition"))),
            };
            let iri = context.expand(&id);
            // Capitalised terms name classes; the others, properties.
            if term.starts_with(|c: char| c.is_uppercase()) {
                context.classes.insert(iri, term.clone());
            } else {
                context.properties.insert(iri, (term.clone(), shape));
            }
        }
        Ok(context)
    }

    fn expand(&self, compact: &str) -> String {
        if let Some((prefix, local)) = compact.split_once(':') {
            if let Some((_, ns)) = self.prefixes.iter().find(|(p, _)| p == prefix) {
                return format!("{ns}{local}");
            }
        }
        compact.to_string()
    }

    /// `prefix:local` where a context prefix fits, else the IRI itself.
    fn compact(&self, iri: &str) -> String {
        super::split_by_prefix(iri, &self.prefixes, |_| true)
            .map_or_else(|| iri.to_string(), |(p, local)| format!("{p}:{local}"))
    }

    /// The value of `object` under a property of `shape`, if the shape fits it.
    fn fitted(&self, shape: &Shape, object: &Term) -> Option<Value> {
        match (shape, object) {
            (Shape::Id, Term::NamedNode(n)) => Some(Value::String(self.compact(n.as_str()))),
            (Shape::Datatype(dt), Term::Literal(l))
                if l.language().is_none() && l.datatype().as_str() == dt =>
            {
                Some(Value::String(l.value().to_string()))
            }
            (Shape::Language(tag), Term::Literal(l)) if l.language() == Some(tag.as_str()) => {
                Some(Value::String(l.value().to_string()))
            }
            (Shape::Plain, Term::Literal(l)) if l.language().is_none() => native(l),
            _ => None,
        }
    }

    /// An explicit value object, for values no term fits.
    fn value_object(&self, object: &Term) -> Value {
        match object {
            Term::NamedNode(n) => json!({ "@id": self.compact(n.as_str()) }),
            Term::BlankNode(b) => json!({ "@id": format!("_:{}", b.as_str()) }),
            Term::Literal(l) => match l.language() {
                Some(tag) => json!({ "@value": l.value(), "@language": tag }),
                None if l.datatype() == xsd::STRING => json!(l.value()),
                None => {
                    json!({ "@value": l.value(), "@type": self.compact(l.datatype().as_str()) })
                }
            },
            #[allow(unreachable_patterns)]
            other => json!(other.to_string()),
        }
    }
}

/// A literal as a native JSON value: strings, canonical integers, booleans.
fn native(literal: &Literal) -> Option<Value> {
    let value = literal.value();
    let datatype = literal.datatype();
    if datatype == xsd::STRING {
        return Some(json!(value));
    }
    if datatype == xsd::INTEGER {
        return value
            .parse::<i64>()
            .ok()
            .filter(|n| n.to_string() == value)
            .map(|n| json!(n));
    }
    if datatype == xsd::BOOLEAN {
        return match value {
            "true" => Some(json!(true)),
            "false" => Some(json!(false)),
            _ => None,
        };
    }
    None
}

/// Writes `triples` (sorted by subject) as compact JSON-LD; `context_url` references the
/// context instead of embedding it.
pub fn write(triples: &[Triple], context_url: Option<&str>) -> Result<String> {
    let context = Context::load()?;
    let mut nodes: Vec<Value> = Vec::new();
    let mut i = 0;
    while i < triples.len() {
        let subject = &triples[i].subject;
        let end = i + triples[i..]
            .iter()
            .take_while(|t| &t.subject == subject)
            .count();
        nodes.push(node_object(&context, subject, &triples[i..end]));
        i = end;
    }
    let embedded: Value =
        serde_json::from_str(CONTEXT).map_err(|e| Error::new("context", e.to_string()))?;
    let context_value = match context_url {
        Some(url) => json!(url),
        None => embedded["@context"].clone(),
    };
    let document = json!({ "@context": context_value, "@graph": nodes });
    let mut text =
        serde_json::to_string_pretty(&document).map_err(|e| Error::new("export", e.to_string()))?;
    text.push('\n');
    Ok(text)
}

fn node_object(context: &Context, subject: &NamedOrBlankNode, triples: &[Triple]) -> Value {
    let mut node = Map::new();
    let id = match subject {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
        NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    };
    node.insert("@id".into(), json!(id));
    let mut values: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let mut language_maps: BTreeMap<String, BTreeMap<String, Vec<Value>>> = BTreeMap::new();
    let mut types: Vec<Value> = Vec::new();
    for t in triples {
        if t.predicate.as_ref() == rdf::TYPE {
            if let Term::NamedNode(class) = &t.object {
                let name = context
                    .classes
                    .get(class.as_str())
                    .cloned()
                    .unwrap_or_else(|| context.compact(class.as_str()));
                types.push(json!(name));
                continue;
            }
        }
        let definition = context.properties.get(t.predicate.as_str());
        if let (Some((term, Shape::LanguageMap)), Term::Literal(l)) = (definition, &t.object) {
            if let Some(tag) = l.language() {
                language_maps
                    .entry(term.clone())
                    .or_default()
                    .entry(tag.to_string())
                    .or_default()
                    .push(json!(l.value()));
                continue;
            }
        }
        match definition
            .and_then(|(term, shape)| context.fitted(shape, &t.object).map(|v| (term, v)))
        {
            Some((term, value)) => values.entry(term.clone()).or_default().push(value),
            None => values
                .entry(context.compact(t.predicate.as_str()))
                .or_default()
                .push(context.value_object(&t.object)),
        }
    }
    if !types.is_empty() {
        node.insert("@type".into(), one_or_many(types));
    }
    for (key, list) in values {
        node.insert(key, one_or_many(list));
    }
    for (key, by_language) in language_maps {
        let map: Map<String, Value> = by_language
            .into_iter()
            .map(|(tag, list)| (tag, one_or_many(list)))
            .collect();
        node.insert(key, Value::Object(map));
    }
    Value::Object(node)
}

fn one_or_many(mut values: Vec<Value>) -> Value {
    values.sort_by_key(|v| v.to_string());
    values.dedup();
    if values.len() == 1 {
        values.pop().unwrap_or(Value::Null)
    } else {
        Value::Array(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn context_terms_shape_the_values() {
        let s = NamedNode::new("https://example.org/plan/x/task-1-1").unwrap();
        let pg = |l: &str| NamedNode::new(format!("https://w3id.org/plangraph#{l}")).unwrap();
        let skos = NamedNode::new("http://www.w3.org/2004/02/skos/core#prefLabel").unwrap();
        let triples = vec![
            Triple::new(s.clone(), rdf::TYPE.into_owned(), pg("Subtask")),
            Triple::new(
                s.clone(),
                pg("leadAgency"),
                NamedNode::new("https://example.org/agency/saic").unwrap(),
            ),
            Triple::new(s.clone(), pg("ordinal"), Literal::from(2)),
            Triple::new(s.clone(), pg("openList"), Literal::from(true)),
            Triple::new(
                s.clone(),
                skos.clone(),
                Literal::new_language_tagged_literal("子任务", "zh").unwrap(),
            ),
            Triple::new(
                s.clone(),
                skos,
                Literal::new_language_tagged_literal("subtask", "en").unwrap(),
            ),
            Triple::new(
                s.clone(),
                pg("text"),
                Literal::new_language_tagged_literal("text", "en").unwrap(),
            ),
        ];
        let out: Value = serde_json::from_str(
            &write(&triples, Some("https://example.org/context.jsonld")).unwrap(),
        )
        .unwrap();
        assert_eq!(out["@context"], "https://example.org/context.jsonld");
        assert_eq!(
            out["@graph"][0],
            json!({
                "@id": "https://example.org/plan/x/task-1-1",
                "@type": "Subtask",
                "leadAgency": "https://example.org/agency/saic",
                "ordinal": 2,
                "openList": true,
                "prefLabel": {"en": "subtask", "zh": "子任务"},
                "pg:text": {"@value": "text", "@language": "en"}
            })
        );
    }
}
