//! Validation of a graph against SHACL shapes, by SPARQL queries generated from the shapes.
//!
//! Supported (everything `ontology/shapes.ttl` uses): node shapes with `sh:targetClass`;
//! property shapes with an IRI `sh:path` and `sh:minCount`, `sh:maxCount`, `sh:datatype`,
//! `sh:class`, `sh:in`, `sh:nodeKind`, `sh:hasValue`; SHACL-SPARQL constraints (`sh:sparql` with
//! `sh:select` and `sh:message`, `$this` bound to each focus node). `sh:datatype` checks the
//! lexical form too (`"2017-02-30"^^xsd:date` breaks it). A shapes file using any other `sh:` term
//! anywhere (`sh:targetSubjectsOf`, `sh:closed`, `sh:or` …), or a property constraint on a node
//! shape, is refused with its name, so the checks never silently differ from a full SHACL
//! processor's (CI also runs pyshacl on the seed's graph).

use crate::error::{Error, Result};
use crate::rdf::lexical::is_valid_lexical_form;
use crate::store::select_in as select;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Dataset, GraphName, Literal, NamedNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet};

/// The bundled shapes, embedded.
pub const SHAPES: &str = include_str!("../../ontology/shapes.ttl");
const SH: &str = "http://www.w3.org/ns/shacl#";
const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

/// One constraint a focus node breaks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// The node that breaks it.
    pub focus: String,
    /// The property path, for property constraints.
    pub path: Option<String>,
    /// The shape.
    pub shape: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.path {
            Some(path) => write!(
                f,
                "{} {}: {} (shape {})",
                self.focus, path, self.message, self.shape
            ),
            None => write!(f, "{}: {} (shape {})", self.focus, self.message, self.shape),
        }
    }
}

/// A constraint of a property shape.
#[derive(Debug, Clone)]
enum Constraint {
    MinCount(u64),
    MaxCount(u64),
    Datatype(NamedNode),
    Class(NamedNode),
    In(Vec<Term>),
    NodeKind(String),
    HasValue(Term),
    /// `sh:pattern`: the value's lexical form matches the regular expression.
    Pattern(Literal),
}

struct PropertyShape {
    shape: String,
    path: NamedNode,
    constraints: Vec<Constraint>,
}

struct SparqlConstraint {
    shape: String,
    select: String,
    message: String,
}

/// What validating a graph found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validation {
    /// The violations, sorted by focus node, path and shape.
    pub violations: Vec<Violation>,
    /// How many focus nodes the shapes' targets selected.
    pub focus_nodes: usize,
}

impl Validation {
    /// Whether the graph conforms to the shapes.
    pub fn conforms(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Shapes read from a shapes graph.
pub struct Shapes {
    /// Shape → target classes.
    targets: BTreeMap<String, Vec<NamedNode>>,
    properties: Vec<PropertyShape>,
    sparql: Vec<SparqlConstraint>,
}

/// The SHACL terms `validate` implements, as predicates: everything else in the shapes file's
/// `sh:` namespace is refused, so a check is never silently skipped.
const IMPLEMENTED: &[&str] = &[
    "targetClass",
    "property",
    "sparql",
    "select",
    "path",
    "minCount",
    "maxCount",
    "datatype",
    "class",
    "nodeKind",
    "hasValue",
    "pattern",
    "in",
];

/// The implemented constraints that belong on a property shape (one with `sh:path`).
const PROPERTY_CONSTRAINTS: &[&str] = &[
    "minCount", "maxCount", "datatype", "class", "nodeKind", "hasValue", "pattern", "in",
];

/// Refuses a shapes graph using a SHACL term `validate` does not implement, or an implemented
/// constraint where it is not implemented (on a node shape rather than a property shape).
fn refuse_unimplemented(store: &Dataset, name: &str) -> Result<()> {
    let rows = select(
        store,
        &format!(
            "SELECT ?s ?p (BOUND(?path) AS ?property) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?p), \"{SH}\")) OPTIONAL {{ ?s <{SH}path> ?path }} }}"
        ),
    )?;
    for row in rows {
        let (Some(subject), Some(Term::NamedNode(p))) = (&row[0], &row[1]) else {
            continue;
        };
        let local = &p.as_str()[SH.len()..];
        let on_property_shape = matches!(&row[2], Some(Term::Literal(l)) if l.value() == "true");
        if !IMPLEMENTED.contains(&local) && !ANNOTATIONS.contains(&local) {
            return Err(Error::new(
                name,
                format!("unsupported SHACL constraint sh:{local} (on {subject}): plangraph validate does not implement it; check these shapes with a full SHACL processor"),
            ));
        }
        if PROPERTY_CONSTRAINTS.contains(&local) && !on_property_shape {
            return Err(Error::new(
                name,
                format!("sh:{local} on node shape {subject}: plangraph validate implements it on property shapes (with sh:path) only"),
            ));
        }
    }
    Ok(())
}

/// Predicates of a property shape that carry no constraint.
const ANNOTATIONS: &[&str] = &[
    "path",
    "name",
    "description",
    "message",
    "severity",
    "order",
    "group",
];

impl Shapes {
    /// Reads shapes from Turtle text named `name`.
    pub fn parse(name: &str, turtle: &str) -> Result<Self> {
        let bad = |m: String| Error::new(name, m);
        // Into a named graph: queries see the union of the named graphs.
        let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::Turtle)
            .with_default_graph(NamedNode::new_unchecked("urn:plangraph:shapes"))
            .for_slice(turtle)
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| bad(format!("invalid shapes: {e}")))?;
        let store: Dataset = quads.into_iter().collect();
        refuse_unimplemented(&store, name)?;
        let mut targets: BTreeMap<String, Vec<NamedNode>> = BTreeMap::new();
        for row in select(
            &store,
            &format!("SELECT ?s ?c WHERE {{ ?s <{SH}targetClass> ?c }}"),
        )? {
            if let (Some(s), Some(Term::NamedNode(c))) = (&row[0], &row[1]) {
                targets.entry(s.to_string()).or_default().push(c.clone());
            }
        }
        let mut properties = Vec::new();
        let rows = select(
            &store,
            &format!(
                "SELECT ?s ?ps ?path WHERE {{ ?s <{SH}property> ?ps . ?ps <{SH}path> ?path }}"
            ),
        )?;
        for row in rows {
            let (Some(shape), Some(ps), Some(path)) = (&row[0], &row[1], &row[2]) else {
                continue;
            };
            let Term::NamedNode(path) = path else {
                return Err(bad(format!(
                    "shape {shape}: only IRI paths are supported, found {path}"
                )));
            };
            let constraints = property_constraints(&store, ps, name)?;
            properties.push(PropertyShape {
                shape: shape.to_string(),
                path: path.clone(),
                constraints,
            });
        }
        let mut sparql = Vec::new();
        let query = format!(
            "SELECT ?s ?q ?m WHERE {{ ?s <{SH}sparql> ?c . ?c <{SH}select> ?q OPTIONAL {{ ?c <{SH}message> ?m }} }}"
        );
        for row in select(&store, &query)? {
            let (Some(shape), Some(Term::Literal(q))) = (&row[0], &row[1]) else {
                continue;
            };
            let message = match &row[2] {
                Some(Term::Literal(m)) => m.value().to_string(),
                _ => "SPARQL constraint".to_string(),
            };
            sparql.push(SparqlConstraint {
                shape: shape.to_string(),
                select: q.value().to_string(),
                message,
            });
        }
        Ok(Shapes {
            targets,
            properties,
            sparql,
        })
    }

    /// The bundled shapes (`ontology/shapes.ttl`).
    pub fn bundled() -> Result<Self> {
        Self::parse("ontology/shapes.ttl", SHAPES)
    }

    /// Validates `data` (queries see the union of its graphs, terms exactly as written).
    pub fn validate(&self, data: &Dataset) -> Result<Validation> {
        let mut violations = BTreeSet::new();
        let mut focus_count = 0;
        for (shape, classes) in &self.targets {
            for class in classes {
                let focus_pattern = format!("?this a {class} .");
                let focus: BTreeSet<String> = select(
                    data,
                    &format!("SELECT DISTINCT ?this WHERE {{ {focus_pattern} }}"),
                )?
                .into_iter()
                .filter_map(|row| row[0].as_ref().map(Term::to_string))
                .collect();
                focus_count += focus.len();
                for property in self.properties.iter().filter(|p| &p.shape == shape) {
                    for constraint in &property.constraints {
                        for (focus, message) in
                            check_property(data, &focus_pattern, &property.path, constraint)?
                        {
                            violations.insert(Violation {
                                focus,
                                path: Some(property.path.to_string()),
                                shape: shape.clone(),
                                message,
                            });
                        }
                    }
                }
                for constraint in self.sparql.iter().filter(|c| &c.shape == shape) {
                    let query = constraint.select.replace("$this", "?this");
                    for row in select(data, &query)? {
                        let Some(node) = row.first().and_then(Option::as_ref).map(Term::to_string)
                        else {
                            continue;
                        };
                        if focus.contains(&node) {
                            violations.insert(Violation {
                                focus: node,
                                path: None,
                                shape: shape.clone(),
                                message: constraint.message.clone(),
                            });
                        }
                    }
                }
            }
        }
        Ok(Validation {
            violations: violations.into_iter().collect(),
            focus_nodes: focus_count,
        })
    }
}

/// The SHACL validation report of `validation` (`sh:ValidationReport` with `sh:conforms` and a
/// `sh:ValidationResult` per violation, as pyshacl and Jena write it), in the default graph.
/// The report and its results are named `urn:plangraph:validation-report` and
/// `…/result-N`, so the same validation gives the same triples.
pub fn report_quads(validation: &Validation) -> Result<Vec<Quad>> {
    let sh = |local: &str| NamedNode::new_unchecked(format!("{SH}{local}"));
    let rdf_type = NamedNode::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    let iri = |text: &str| {
        text.strip_prefix('<')
            .and_then(|t| t.strip_suffix('>'))
            .and_then(|t| NamedNode::new(t).ok())
    };
    let report = NamedNode::new_unchecked("urn:plangraph:validation-report");
    let mut quads = vec![
        Quad::new(
            report.clone(),
            rdf_type.clone(),
            sh("ValidationReport"),
            GraphName::DefaultGraph,
        ),
        Quad::new(
            report.clone(),
            sh("conforms"),
            Literal::from(validation.conforms()),
            GraphName::DefaultGraph,
        ),
    ];
    for (i, violation) in validation.violations.iter().enumerate() {
        let result = NamedNode::new_unchecked(format!("{}/result-{}", report.as_str(), i + 1));
        let mut add = |p: NamedNode, o: Term| {
            quads.push(Quad::new(result.clone(), p, o, GraphName::DefaultGraph));
        };
        add(sh("result").clone(), result.clone().into());
        add(rdf_type.clone(), sh("ValidationResult").into());
        add(sh("resultSeverity"), sh("Violation").into());
        add(
            sh("resultMessage"),
            Literal::new_simple_literal(&violation.message).into(),
        );
        if let Some(focus) = iri(&violation.focus) {
            add(sh("focusNode"), focus.into());
        }
        if let Some(path) = violation.path.as_deref().and_then(iri) {
            add(sh("resultPath"), path.into());
        }
        if let Some(shape) = iri(&violation.shape) {
            add(sh("sourceShape"), shape.into());
        }
    }
    // Each result hangs from the report.
    for quad in quads.iter_mut() {
        if quad.predicate.as_str() == format!("{SH}result") {
            quad.object = quad.subject.clone().into();
            quad.subject = report.clone().into();
        }
    }
    Ok(quads)
}

fn property_constraints(store: &Dataset, ps: &Term, file: &str) -> Result<Vec<Constraint>> {
    let ps_text = ps.to_string();
    let mut constraints = Vec::new();
    // A blank node cannot be named in a query: match the shape through its sh:path triple.
    let rows = select(
        store,
        &format!("SELECT ?ps ?p ?o WHERE {{ ?ps ?p ?o . ?ps <{SH}path> ?path }}"),
    )?;
    for row in rows
        .into_iter()
        .filter(|r| r[0].as_ref().map(Term::to_string).as_deref() == Some(ps_text.as_str()))
    {
        let (Some(Term::NamedNode(p)), Some(o)) = (&row[1], &row[2]) else {
            continue;
        };
        let Some(local) = p.as_str().strip_prefix(SH) else {
            continue;
        };
        let number = |o: &Term| match o {
            Term::Literal(l) => l.value().parse::<u64>().ok(),
            _ => None,
        };
        let iri = |o: &Term| match o {
            Term::NamedNode(n) => Some(n.clone()),
            _ => None,
        };
        let unsupported =
            || Error::new(file, format!("unsupported SHACL constraint sh:{local} {o}"));
        constraints.push(match local {
            "minCount" => Constraint::MinCount(number(o).ok_or_else(unsupported)?),
            "maxCount" => Constraint::MaxCount(number(o).ok_or_else(unsupported)?),
            "datatype" => Constraint::Datatype(iri(o).ok_or_else(unsupported)?),
            "class" => Constraint::Class(iri(o).ok_or_else(unsupported)?),
            "nodeKind" => Constraint::NodeKind(iri(o).ok_or_else(unsupported)?.as_str().trim_start_matches(SH).to_string()),
            "hasValue" => Constraint::HasValue(o.clone()),
            "pattern" => match o {
                Term::Literal(l) => Constraint::Pattern(Literal::new_simple_literal(l.value())),
                _ => return Err(unsupported()),
            },
            "in" => {
                // Every shape's sh:in items come back; keep this shape's.
                let mine = select(
                    store,
                    &format!("SELECT ?ps ?item WHERE {{ ?ps <{SH}in>/<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>*/<http://www.w3.org/1999/02/22-rdf-syntax-ns#first> ?item }}"),
                )?;
                Constraint::In(
                    mine.into_iter()
                        .filter(|r| r[0].as_ref().map(Term::to_string).as_deref() == Some(ps_text.as_str()))
                        .filter_map(|r| r[1].clone())
                        .collect(),
                )
            }
            l if ANNOTATIONS.contains(&l) => continue,
            _ => return Err(unsupported()),
        });
    }
    Ok(constraints)
}

/// Words a violation found in a result row.
type Describe<'a> = Box<dyn Fn(&[Option<Term>]) -> String + 'a>;

/// Focus nodes (with a message) that break `constraint` on `path`.
fn check_property(
    data: &Dataset,
    focus: &str,
    path: &NamedNode,
    constraint: &Constraint,
) -> Result<Vec<(String, String)>> {
    let (query, describe): (String, Describe<'_>) = match constraint {
        Constraint::MinCount(n) => (
            format!("SELECT ?this (COUNT(?v) AS ?c) WHERE {{ {focus} OPTIONAL {{ ?this {path} ?v }} }} GROUP BY ?this HAVING (COUNT(?v) < {n})"),
            Box::new(move |r| format!("sh:minCount {n}: {} value(s)", value(r, 1))),
        ),
        Constraint::MaxCount(n) => (
            format!("SELECT ?this (COUNT(?v) AS ?c) WHERE {{ {focus} ?this {path} ?v }} GROUP BY ?this HAVING (COUNT(?v) > {n})"),
            Box::new(move |r| format!("sh:maxCount {n}: {} values", value(r, 1))),
        ),
        Constraint::Datatype(dt) => {
            // Checked here rather than with SPARQL's datatype(), which reports derived integer
            // types (xsd:nonNegativeInteger) as xsd:integer.
            let rows = select(data, &format!("SELECT ?this ?v WHERE {{ {focus} ?this {path} ?v }}"))?;
            let fits = |v: &Term| match v {
                Term::Literal(l) if dt.as_str() == RDF_LANG_STRING => l.language().is_some(),
                Term::Literal(l) => {
                    l.language().is_none()
                        && l.datatype() == dt.as_ref()
                        && is_valid_lexical_form(dt.as_str(), l.value())
                }
                _ => false,
            };
            return Ok(rows
                .into_iter()
                .filter(|r| r[1].as_ref().is_some_and(|v| !fits(v)))
                .filter_map(|r| Some((r[0].as_ref()?.to_string(), format!("sh:datatype {dt}: {}", value(&r, 1)))))
                .collect());
        }
        Constraint::Class(class) => (
            format!(
                "SELECT ?this ?v WHERE {{ {focus} ?this {path} ?v FILTER NOT EXISTS {{ ?v a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {class} }} }}"
            ),
            Box::new(move |r| format!("sh:class {class}: {} is not one", value(r, 1))),
        ),
        Constraint::In(items) => {
            let list = items.iter().map(Term::to_string).collect::<Vec<_>>().join(", ");
            (
                format!("SELECT ?this ?v WHERE {{ {focus} ?this {path} ?v FILTER (?v NOT IN ({list})) }}"),
                Box::new(move |r| format!("sh:in: {} is not one of the allowed values", value(r, 1))),
            )
        }
        Constraint::NodeKind(kind) => {
            let ok = match kind.as_str() {
                "IRI" => "isIRI(?v)",
                "Literal" => "isLiteral(?v)",
                "BlankNode" => "isBlank(?v)",
                "BlankNodeOrIRI" => "!isLiteral(?v)",
                "IRIOrLiteral" => "!isBlank(?v)",
                _ => "true",
            };
            let kind = kind.clone();
            (
                format!("SELECT ?this ?v WHERE {{ {focus} ?this {path} ?v FILTER (!({ok})) }}"),
                Box::new(move |r| format!("sh:nodeKind sh:{kind}: {}", value(r, 1))),
            )
        }
        Constraint::Pattern(pattern) => (
            format!("SELECT ?this ?v WHERE {{ {focus} ?this {path} ?v FILTER (isBlank(?v) || !regex(str(?v), {pattern})) }}"),
            Box::new({
                let pattern = pattern.value().to_string();
                move |r| format!("sh:pattern {pattern:?}: {} does not match", value(r, 1))
            }),
        ),
        Constraint::HasValue(v) => (
            format!("SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} {v} }} }}"),
            Box::new({
                let v = v.to_string();
                move |_| format!("sh:hasValue {v}: missing")
            }),
        ),
    };
    Ok(select(data, &query)?
        .into_iter()
        .filter_map(|row| Some((row[0].as_ref()?.to_string(), describe(&row))))
        .collect())
}

fn value(row: &[Option<Term>], i: usize) -> String {
    match row.get(i).and_then(Option::as_ref) {
        Some(Term::Literal(l)) if l.datatype().as_str().ends_with("#integer") => {
            l.value().to_string()
        }
        Some(t) => t.to_string(),
        None => "none".into(),
    }
}
