//! Serialising quads in the RDF formats plangraph exports, deterministically: quads are sorted
//! before they are written, so the same graph gives the same bytes.
//!
//! Turtle and JSON-LD have writers of their own ([`turtle`], [`jsonld`]) — readable Turtle
//! (grouped, `a` first, only the prefixes used) and compact JSON-LD against
//! `ontology/context.jsonld`; N-Triples, N-Quads, TriG and RDF/XML use Oxigraph's serializers.
//! Triple formats (Turtle, JSON-LD, N-Triples, RDF/XML) get the union of the graphs; quad
//! formats (N-Quads, TriG) keep each plan in its named graph.

pub mod jsonld;
pub mod stream;
pub mod turtle;

use crate::error::{Error, Result};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Quad, Triple};
use std::path::Path;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Turtle (`.ttl`).
    Turtle,
    /// Compact JSON-LD (`.jsonld`).
    JsonLd,
    /// N-Triples (`.nt`).
    NTriples,
    /// N-Quads (`.nq`).
    NQuads,
    /// TriG (`.trig`).
    TriG,
    /// RDF/XML (`.rdf`).
    RdfXml,
}

impl ExportFormat {
    /// All formats with their names and file extensions.
    pub const ALL: [(ExportFormat, &'static str, &'static str); 6] = [
        (ExportFormat::Turtle, "turtle", "ttl"),
        (ExportFormat::JsonLd, "jsonld", "jsonld"),
        (ExportFormat::NTriples, "ntriples", "nt"),
        (ExportFormat::NQuads, "nquads", "nq"),
        (ExportFormat::TriG, "trig", "trig"),
        (ExportFormat::RdfXml, "rdfxml", "rdf"),
    ];

    /// Every way a user may name each format, as Oxigraph's and Jena's tools take them: its
    /// name, its file extensions, its media types. The first extension is the one written.
    const SPELLINGS: [(
        ExportFormat,
        &'static [&'static str],
        &'static [&'static str],
    ); 6] = [
        (
            ExportFormat::Turtle,
            &["turtle", "text/turtle", "application/x-turtle"],
            &["ttl"],
        ),
        (
            ExportFormat::JsonLd,
            &["jsonld", "json-ld", "application/ld+json"],
            &["jsonld"],
        ),
        (
            ExportFormat::NTriples,
            &["ntriples", "n-triples", "application/n-triples"],
            &["nt"],
        ),
        (
            ExportFormat::NQuads,
            &["nquads", "n-quads", "application/n-quads"],
            &["nq"],
        ),
        (ExportFormat::TriG, &["trig", "application/trig"], &["trig"]),
        (
            ExportFormat::RdfXml,
            &["rdfxml", "rdf/xml", "application/rdf+xml"],
            &["rdf", "xml", "owl"],
        ),
    ];

    /// The format named `name`: a name (`turtle`, `jsonld`, `ntriples`, `nquads`, `trig`,
    /// `rdfxml`), an extension (`ttl`, `nt`, `rdf` …) or a media type (`text/turtle` …).
    pub fn from_name(name: &str) -> Option<Self> {
        crate::rdf::spelling::by_name(&Self::SPELLINGS, name)
    }

    /// The format a file's extension names (`.ttl .jsonld .nt .nq .trig .rdf .xml .owl`).
    pub fn from_path(path: &Path) -> Option<Self> {
        crate::rdf::spelling::by_extension(&Self::SPELLINGS, path.extension()?.to_str()?)
    }

    /// The format's name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(f, _, _)| *f == self)
            .map_or("", |(_, n, _)| n)
    }

    /// Whether the format keeps named graphs.
    pub fn is_dataset(self) -> bool {
        matches!(self, ExportFormat::NQuads | ExportFormat::TriG)
    }
}

/// Namespace prefixes the exports use where they fit, as (prefix, namespace).
pub use crate::rdf::vocab::PREFIXES as VOCABULARY_PREFIXES;

/// The prefix whose namespace is the longest start of `iri` and whose remainder `fits`, as
/// (prefix, local part): the one rule every writer of short names (Turtle, JSON-LD, tables) uses.
pub fn split_by_prefix<'a>(
    iri: &'a str,
    prefixes: &'a [(String, String)],
    fits: impl Fn(&str) -> bool,
) -> Option<(&'a str, &'a str)> {
    prefixes
        .iter()
        .filter(|(_, ns)| {
            iri.len() > ns.len() && iri.starts_with(ns.as_str()) && fits(&iri[ns.len()..])
        })
        .max_by_key(|(_, ns)| ns.len())
        .map(|(prefix, ns)| (prefix.as_str(), &iri[ns.len()..]))
}

/// What an export needs besides the quads.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Prefixes to use where they fit (vocabularies, entity namespaces, each plan's namespace).
    pub prefixes: Vec<(String, String)>,
    /// For JSON-LD: reference this context URL instead of embedding the context.
    pub jsonld_context: Option<String>,
}

/// The prefixes for a graph under `base` holding the plans `plan_iris`: the vocabularies,
/// `agency:`, `partner:` … for the registry's namespaces, and `plan:` (`plan2:` …) for each plan.
pub fn default_prefixes(base: &str, plan_iris: &[String]) -> Vec<(String, String)> {
    let mut prefixes: Vec<(String, String)> = VOCABULARY_PREFIXES
        .iter()
        .map(|(p, n)| (p.to_string(), n.to_string()))
        .collect();
    for namespace in [
        "agency",
        "partner",
        "campaign",
        "law",
        "standard",
        "agreement",
    ] {
        prefixes.push((namespace.to_string(), format!("{base}{namespace}/")));
    }
    for (i, iri) in plan_iris.iter().enumerate() {
        let name = if i == 0 {
            "plan".to_string()
        } else {
            format!("plan{}", i + 1)
        };
        prefixes.push((name, format!("{iri}/")));
    }
    prefixes
}

/// Serialises `quads` in `format`; the text ends with a line break (unless it is empty).
pub fn serialize(quads: &[Quad], format: ExportFormat, options: &ExportOptions) -> Result<Vec<u8>> {
    serialize_unended(quads, format, options).map(|bytes| end_line(bytes, b"\n"))
}

/// `bytes` with `line_break` added unless they are empty or already end with a line break.
pub fn end_line(mut bytes: Vec<u8>, line_break: &[u8]) -> Vec<u8> {
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        bytes.extend_from_slice(line_break);
    }
    bytes
}

fn serialize_unended(
    quads: &[Quad],
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>> {
    let mut quads = quads.to_vec();
    sort_quads(&mut quads);
    quads.dedup();
    if format.is_dataset() {
        let rdf_format = if format == ExportFormat::NQuads {
            RdfFormat::NQuads
        } else {
            RdfFormat::TriG
        };
        return write_with_oxigraph(rdf_format, options, |s| {
            quads.iter().try_for_each(|q| s.serialize_quad(q))
        });
    }
    let triples = union_triples(&quads);
    match format {
        ExportFormat::Turtle => Ok(turtle::write(&triples, &options.prefixes).into_bytes()),
        ExportFormat::JsonLd => {
            jsonld::write(&triples, options.jsonld_context.as_deref()).map(String::into_bytes)
        }
        ExportFormat::NTriples => write_with_oxigraph(RdfFormat::NTriples, options, |s| {
            triples.iter().try_for_each(|t| s.serialize_triple(t))
        }),
        ExportFormat::RdfXml => write_with_oxigraph(RdfFormat::RdfXml, options, |s| {
            triples.iter().try_for_each(|t| s.serialize_triple(t))
        }),
        ExportFormat::NQuads | ExportFormat::TriG => {
            unreachable!("dataset formats are handled above")
        }
    }
}

/// Sorts quads by graph, subject, predicate and object (their N-Quads forms).
pub fn sort_quads(quads: &mut [Quad]) {
    quads.sort_by_cached_key(|q| {
        (
            q.graph_name.to_string(),
            q.subject.to_string(),
            q.predicate.to_string(),
            q.object.to_string(),
        )
    });
}

/// The triples of all graphs, sorted, without duplicates.
pub fn union_triples(quads: &[Quad]) -> Vec<Triple> {
    let mut triples: Vec<Triple> = quads.iter().map(|q| Triple::from(q.clone())).collect();
    triples.sort_by_cached_key(|t| {
        (
            t.subject.to_string(),
            t.predicate.to_string(),
            t.object.to_string(),
        )
    });
    triples.dedup();
    triples
}

type Serializer = oxigraph::io::WriterQuadSerializer<Vec<u8>>;

fn write_with_oxigraph(
    format: RdfFormat,
    options: &ExportOptions,
    write: impl FnOnce(&mut Serializer) -> std::io::Result<()>,
) -> Result<Vec<u8>> {
    let fail = |e: &dyn std::fmt::Display| {
        Error::new("export", format!("cannot serialise {}: {e}", format.name()))
    };
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::RdfXml | RdfFormat::TriG) {
        for (prefix, namespace) in &options.prefixes {
            serializer = serializer
                .with_prefix(prefix, namespace)
                .map_err(|e| fail(&e))?;
        }
    }
    let mut writer = serializer.for_writer(Vec::new());
    write(&mut writer).map_err(|e| fail(&e))?;
    writer.finish().map_err(|e| fail(&e))
}
