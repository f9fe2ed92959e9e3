//! The two sides of a linking: plangraph's entities (from the plans' graph and the registry) and
//! the entities of another dataset (any subject with a label).

use crate::graph::mapping::reference_graph;
use crate::model::EntityKind;
use crate::rdf::vocab::{PG, RDF, SKOS};
use crate::resolve::registry::Registry;
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet};

/// The label properties read from other datasets.
pub const LABEL_PROPERTIES: &[&str] = &[
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://schema.org/name",
    "https://schema.org/name",
    "http://schema.org/alternateName",
    "https://schema.org/alternateName",
    "http://xmlns.com/foaf/0.1/name",
];

/// What kind of thing one of plangraph's entities is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OurKind {
    /// A national body of the registry.
    Agency,
    /// A provincial or lower unit, as a plan prints it.
    LocalAgency,
    /// A country, union or international organisation.
    InternationalPartner,
    /// A law, regulation or other instrument.
    LegalInstrument,
    /// An enforcement campaign.
    Campaign,
}

impl OurKind {
    /// The kind's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            OurKind::LocalAgency => "local agency",
            OurKind::Agency => EntityKind::Agency.word(),
            OurKind::InternationalPartner => EntityKind::InternationalPartner.word(),
            OurKind::LegalInstrument => EntityKind::LegalInstrument.word(),
            OurKind::Campaign => EntityKind::Campaign.word(),
        }
    }
}

/// How a name belongs to one of plangraph's entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRole {
    /// A full official name (Chinese or English).
    Official,
    /// A short form, former name or other known variant.
    Variant,
    /// The acronym.
    Acronym,
}

/// One of plangraph's entities with every name it is known by.
#[derive(Debug, Clone)]
pub struct OurEntity {
    /// Its IRI.
    pub iri: String,
    /// Its kind.
    pub kind: OurKind,
    /// The name to show (the official Chinese name, or the name as printed).
    pub display: String,
    /// Its names and how each belongs to it.
    pub names: Vec<(String, NameRole)>,
    /// Whether a loaded plan names it (registry entities no plan names are kept only to tell
    /// when another dataset's name fits several bodies).
    pub in_plans: bool,
}

/// An entity of the other dataset: a subject with at least one label.
#[derive(Debug, Clone)]
pub struct TheirEntity {
    /// Its IRI.
    pub iri: String,
    /// Its labels, in the order read.
    pub labels: Vec<String>,
}

/// plangraph's linkable entities: every registry body, partner, instrument and campaign (groups of
/// units left out), and the local units and unregistered names the plans' graph adds; each marked
/// with whether the plans name it (an ambiguous slot's candidates do not count as named).
pub fn our_entities(quads: &[Quad], registry: &Registry, base: &str) -> Vec<OurEntity> {
    let reference = reference_graph(base).ok().map(GraphName::NamedNode);
    let candidate = format!("{PG}candidate");
    let rdf_type = format!("{RDF}type");
    let mut named: BTreeSet<&str> = BTreeSet::new();
    let mut types: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut labels: BTreeMap<&str, Vec<(&str, NameRole)>> = BTreeMap::new();
    for quad in quads {
        let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
            continue;
        };
        let predicate = quad.predicate.as_str();
        match &quad.object {
            Term::NamedNode(object) if predicate == rdf_type => {
                types
                    .entry(subject.as_str())
                    .or_default()
                    .insert(object.as_str());
            }
            Term::NamedNode(object)
                if Some(&quad.graph_name) != reference.as_ref() && predicate != candidate =>
            {
                named.insert(object.as_str());
            }
            Term::Literal(label) if predicate.starts_with(SKOS) => {
                let role = match &predicate[SKOS.len()..] {
                    "prefLabel" => NameRole::Official,
                    "altLabel" => NameRole::Variant,
                    _ => continue,
                };
                labels
                    .entry(subject.as_str())
                    .or_default()
                    .push((label.value(), role));
            }
            _ => {}
        }
    }

    let mut ours: Vec<OurEntity> = registry
        .entities()
        .iter()
        .filter_map(|e| {
            let kind = match e.kind {
                EntityKind::Agency => OurKind::Agency,
                EntityKind::AgencyGroup => return None,
                EntityKind::InternationalPartner => OurKind::InternationalPartner,
                EntityKind::LegalInstrument => OurKind::LegalInstrument,
                EntityKind::Campaign => OurKind::Campaign,
            };
            let mut names = vec![(e.name_zh.clone(), NameRole::Official)];
            names.extend(e.name_en.iter().map(|n| (n.clone(), NameRole::Official)));
            names.extend(e.alt_labels.iter().map(|n| (n.clone(), NameRole::Variant)));
            names.extend(
                e.alt_labels_en
                    .iter()
                    .map(|n| (n.clone(), NameRole::Variant)),
            );
            names.extend(e.acronym.iter().map(|n| (n.clone(), NameRole::Acronym)));
            Some(OurEntity {
                iri: e.iri.clone(),
                kind,
                display: e.name_zh.clone(),
                names,
                in_plans: named.contains(e.iri.as_str()),
            })
        })
        .collect();

    // Nodes the plans mint themselves: local units and names the registry lacks.
    let registered: BTreeSet<&str> = registry.entities().iter().map(|e| e.iri.as_str()).collect();
    for iri in named.iter().filter(|iri| !registered.contains(*iri)) {
        let Some(classes) = types.get(iri) else {
            continue;
        };
        let class = |local: &str| classes.contains(format!("{PG}{local}").as_str());
        let kind = if class("LocalAgency") {
            OurKind::LocalAgency
        } else if class(EntityKind::InternationalPartner.term()) {
            OurKind::InternationalPartner
        } else if class(EntityKind::LegalInstrument.term()) {
            OurKind::LegalInstrument
        } else if class(EntityKind::Campaign.term()) {
            OurKind::Campaign
        } else {
            continue;
        };
        let names: Vec<(String, NameRole)> = labels
            .get(iri)
            .into_iter()
            .flatten()
            .map(|(n, r)| (n.to_string(), *r))
            .collect();
        let Some((display, _)) = names.first().cloned() else {
            continue;
        };
        ours.push(OurEntity {
            iri: iri.to_string(),
            kind,
            display,
            names,
            in_plans: true,
        });
    }
    ours
}

/// The entities of another dataset that can be linked.
#[derive(Debug, Clone)]
pub struct TheirSide {
    /// Named subjects with a label, in IRI order.
    pub entities: Vec<TheirEntity>,
    /// How many labelled blank nodes were passed over (a link needs an IRI at both ends).
    pub blank_nodes: usize,
}

/// The other dataset's entities: named subjects with a label (`rdfs:label`, `skos:prefLabel`,
/// `skos:altLabel`, `schema:name`, `schema:alternateName`, `foaf:name`).
pub fn their_entities(quads: &[Quad]) -> TheirSide {
    let mut labels: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut blank: BTreeSet<String> = BTreeSet::new();
    for quad in quads {
        let Term::Literal(label) = &quad.object else {
            continue;
        };
        if !LABEL_PROPERTIES.contains(&quad.predicate.as_str()) {
            continue;
        }
        match &quad.subject {
            NamedOrBlankNode::NamedNode(subject) => {
                let entry = labels.entry(subject.as_str()).or_default();
                if !entry.iter().any(|l| l == label.value()) {
                    entry.push(label.value().to_string());
                }
            }
            NamedOrBlankNode::BlankNode(b) => {
                blank.insert(b.as_str().to_string());
            }
        }
    }
    let entities = labels
        .into_iter()
        .map(|(iri, labels)| TheirEntity {
            iri: iri.to_string(),
            labels,
        })
        .collect();
    TheirSide {
        entities,
        blank_nodes: blank.len(),
    }
}
