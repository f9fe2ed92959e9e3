//! The linkset as RDF: the links, each link's evidence (an `rdf:Statement` with its score, the
//! names compared and why they were judged alike), and a VoID description with counts.
//!
//! ```text
//! <ours> skos:exactMatch <theirs> .
//! <L/link-1> a rdf:Statement ; rdf:subject <ours> ; rdf:predicate skos:exactMatch ;
//!     rdf:object <theirs> ; pg:matchScore 1.0 ; pg:matchEvidence "same name" ;
//!     pg:ourName "国家知识产权局" ; pg:theirLabel "國家知識產權局" .
//! <L> a void:Linkset ; void:subset <L/exact>, <L/close> ; void:triples 12 ;
//!     void:subjectsTarget <L/plans> ; void:objectsTarget <L/other> .
//! ```
//! Everything goes into the named graph `<L>` = `<base>linkset/<name of the other dataset>`.

use super::{Linking, OurEntity, Relation, TheirEntity};
use crate::error::Result;
use crate::graph::mapping::Writer;
use crate::rdf::iri::{node, segment};
use crate::rdf::vocab::{term, DCTERMS, PG, SKOS, VOID};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

/// What the linkset describes besides the links.
pub struct LinksetInfo<'a> {
    /// Base IRI of plangraph's minted IRIs.
    pub base: &'a str,
    /// The other dataset's name (its file name), for the linkset's IRI and description.
    pub other_name: &'a str,
    /// The plans linked from.
    pub plan_iris: &'a [String],
}

/// The IRI of the linkset with the dataset named `other_name`.
pub fn linkset_iri(base: &str, other_name: &str) -> Result<NamedNode> {
    let stem = std::path::Path::new(other_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(other_name);
    node(&format!("{base}linkset/{}", segment(stem)))
}

/// The linkset's quads.
pub fn linkset_quads(
    linking: &Linking,
    ours: &[OurEntity],
    theirs: &[TheirEntity],
    info: &LinksetInfo<'_>,
) -> Result<Vec<Quad>> {
    let linkset = linkset_iri(info.base, info.other_name)?;
    let mut out = Writer::new(GraphName::NamedNode(linkset.clone()));
    let at = |suffix: &str| node(&format!("{}/{suffix}", linkset.as_str()));
    let plans = at("plans")?;
    let other = at("other")?;
    let type_ = || NamedNode::from(rdf::TYPE);

    out.add(&linkset, type_(), term(VOID, "Linkset"));
    out.add(
        &linkset,
        term(DCTERMS, "title"),
        Literal::new_simple_literal(format!("plangraph links to {}", info.other_name)),
    );
    out.add(&linkset, term(VOID, "triples"), count(linking.links.len()));
    out.add(&linkset, term(VOID, "subjectsTarget"), plans.clone());
    out.add(&linkset, term(VOID, "objectsTarget"), other.clone());
    out.add(&plans, type_(), term(VOID, "Dataset"));
    for plan in info.plan_iris {
        out.add(&plans, term(DCTERMS, "hasPart"), node(plan)?);
    }
    out.add(&other, type_(), term(VOID, "Dataset"));
    out.add(
        &other,
        term(DCTERMS, "source"),
        Literal::new_simple_literal(info.other_name),
    );
    out.add(&other, term(VOID, "entities"), count(theirs.len()));

    for (relation, name, predicate) in [
        (Relation::Exact, "exact", "exactMatch"),
        (Relation::Close, "close", "closeMatch"),
    ] {
        let subset = at(name)?;
        out.add(&linkset, term(VOID, "subset"), subset.clone());
        out.add(&subset, type_(), term(VOID, "Linkset"));
        out.add(&subset, term(VOID, "linkPredicate"), term(SKOS, predicate));
        out.add(
            &subset,
            term(VOID, "triples"),
            count(linking.count(relation)),
        );
        out.add(&subset, term(VOID, "subjectsTarget"), plans.clone());
        out.add(&subset, term(VOID, "objectsTarget"), other.clone());
    }

    for (n, link) in linking.links.iter().enumerate() {
        let subject = node(&ours[link.ours].iri)?;
        let object = node(&theirs[link.theirs].iri)?;
        let predicate = match link.relation {
            Relation::Exact => term(SKOS, "exactMatch"),
            Relation::Close => term(SKOS, "closeMatch"),
        };
        out.add(&subject, predicate.clone(), object.clone());
        let statement = at(&format!("link-{}", n + 1))?;
        out.add(&statement, type_(), NamedNode::from(rdf::STATEMENT));
        out.add(&statement, rdf::SUBJECT.into(), subject);
        out.add(&statement, rdf::PREDICATE.into(), predicate);
        out.add(&statement, rdf::OBJECT.into(), object);
        let evidence = &link.evidence;
        out.add(
            &statement,
            term(PG, "matchScore"),
            Literal::new_typed_literal(format!("{:.2}", evidence.score), xsd::DECIMAL),
        );
        out.add(
            &statement,
            term(PG, "matchEvidence"),
            Literal::new_simple_literal(evidence.likeness.describe()),
        );
        out.add(
            &statement,
            term(PG, "ourName"),
            Literal::new_simple_literal(&evidence.our_name),
        );
        out.add(
            &statement,
            term(PG, "theirLabel"),
            Literal::new_simple_literal(&evidence.their_label),
        );
    }
    Ok(out.quads)
}

fn count(n: usize) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER)
}
