//! The vocabularies plangraph reads and writes: one namespace constant each, the prefixes the
//! exports use for them, and [`term`] to build an IRI in one.

use oxigraph::model::NamedNode;

/// The plangraph ontology.
pub const PG: &str = "https://w3id.org/plangraph#";
/// Dublin Core terms.
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// European Legislation Identifier ontology.
pub const ELI: &str = "http://data.europa.eu/eli/ontology#";
/// NLP Interchange Format (text offsets).
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
/// W3C Organization Ontology.
pub const ORG: &str = "http://www.w3.org/ns/org#";
/// OWL.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
/// PROV-O.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// RDF Schema.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// schema.org.
pub const SCHEMA: &str = "http://schema.org/";
/// SKOS.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// VoID (dataset and linkset descriptions).
pub const VOID: &str = "http://rdfs.org/ns/void#";
/// Wikidata entities.
pub const WD: &str = "http://www.wikidata.org/entity/";
/// XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// Namespace prefixes the exports use where they fit, as (prefix, namespace).
pub const PREFIXES: &[(&str, &str)] = &[
    ("dcterms", DCTERMS),
    ("eli", ELI),
    ("nif", NIF),
    ("org", ORG),
    ("owl", OWL),
    ("pg", PG),
    ("prov", PROV),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("schema", SCHEMA),
    ("skos", SKOS),
    ("void", VOID),
    ("wd", WD),
    ("xsd", XSD),
];

/// The term `local` of `namespace` (concatenated without the formatting machinery: the mapping
/// calls this per quad).
pub fn term(namespace: &str, local: &str) -> NamedNode {
    let mut iri = String::with_capacity(namespace.len() + local.len());
    iri.push_str(namespace);
    iri.push_str(local);
    NamedNode::new_unchecked(iri)
}
