//! Linking plangraph's entities with another dataset's.
//!
//! The agencies, partners, legal instruments and campaigns the loaded plans name are compared
//! with every labelled entity of the other dataset by name: across script, width, spacing,
//! title brackets, the full official forms (中华人民共和国…, …of the People's Republic of China)
//! and every short form, former name and English name the registry knows ([`names`]). The
//! registry's other bodies take part too, so a name that fits several bodies (广电总局 over the
//! years) is reported as ambiguous rather than linked to the one a plan happens to name.
//!
//! Decisions, most certain first:
//! - **exact** (`skos:exactMatch`): a name of theirs is a name of ours, of one entity only, and
//!   no other entity of theirs has a name of that entity.
//! - **close** (`skos:closeMatch`, with its score): the best likeness is probable (at least
//!   [`CLOSE_MIN`]: 中国 in front, a character or so apart, the acronym alone) and unique.
//! - **ambiguous**: the best likeness is shared by several entities on either side; nothing
//!   is linked and the report lists the candidates.
//! - **unmatched**: nothing alike enough; the report gives the closest weak candidate, if any.

pub mod linkset;
pub mod names;
pub mod report;
pub mod sides;

use crate::error::{Error, Result};
use crate::rdf::input::read_rdf_file_as;
use crate::resolve::registry::Registry;
use names::{likeness, name_key, Likeness, SAME, SAME_ACRONYM};
use oxigraph::io::RdfFormat;
use oxigraph::model::Quad;
pub use sides::{
    our_entities, their_entities, NameRole, OurEntity, OurKind, TheirEntity, TheirSide,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// The lowest score linked (as `skos:closeMatch`).
pub const CLOSE_MIN: f64 = 0.85;
/// The lowest score reported as the closest candidate of an unmatched entity.
pub const WEAK_MIN: f64 = 0.7;

/// The link property of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    /// `skos:exactMatch`: certain.
    Exact,
    /// `skos:closeMatch`: probable, with a score.
    Close,
}

/// The best evidence that one of ours and one of theirs are the same.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// From 0 to 1.
    pub score: f64,
    /// Why.
    pub likeness: Likeness,
    /// Our name compared.
    pub our_name: String,
    /// Their label compared.
    pub their_label: String,
}

/// A link found.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Index into our entities.
    pub ours: usize,
    /// Index into their entities.
    pub theirs: usize,
    /// Exact or close.
    pub relation: Relation,
    /// What it rests on.
    pub evidence: Evidence,
}

/// Several candidates equally good: nothing linked.
#[derive(Debug, Clone, PartialEq)]
pub struct Ambiguity {
    /// Their entities involved (one, or several that fit the same one of ours).
    pub theirs: Vec<usize>,
    /// Our entities involved (several that fit one of theirs, or the one several of theirs fit).
    pub ours: Vec<usize>,
    /// The shared best evidence (of the first pair).
    pub evidence: Evidence,
}

/// Why one of their entities got no link.
#[derive(Debug, Clone, PartialEq)]
pub enum Miss {
    /// Nothing alike enough; the closest of ours below [`CLOSE_MIN`], if any reached [`WEAK_MIN`].
    Unmatched(Option<(usize, Evidence)>),
    /// Its name is a registry entity no loaded plan names.
    OutsidePlans(usize, Evidence),
    /// It is one of our nodes already (same IRI: another plangraph export, for instance).
    SameNode(usize),
    /// Another of their entities matches that one of ours better.
    Outranked {
        /// Ours.
        ours: usize,
        /// Theirs, the better match.
        by: usize,
        /// This entity's evidence.
        evidence: Evidence,
    },
}

/// The outcome of linking with one dataset.
#[derive(Debug, Clone, Default)]
pub struct Linking {
    /// The links, in the order of our entities.
    pub links: Vec<Link>,
    /// Unresolved ties.
    pub ambiguities: Vec<Ambiguity>,
    /// Their entities without a link, with why.
    pub misses: Vec<(usize, Miss)>,
    /// Our entities the plans name that got no link and are in no ambiguity.
    pub unmatched_ours: Vec<usize>,
}

impl Linking {
    /// The links with `relation`.
    pub fn count(&self, relation: Relation) -> usize {
        self.links.iter().filter(|l| l.relation == relation).count()
    }
}

/// One of our names, prepared for comparison.
struct OurName {
    ours: usize,
    raw: String,
    key: String,
    role: NameRole,
}

/// Links `ours` with `theirs`.
pub fn link(ours: &[OurEntity], theirs: &[TheirEntity]) -> Linking {
    let names: Vec<OurName> = ours
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            e.names.iter().map(move |(name, role)| OurName {
                ours: i,
                raw: name.trim().to_string(),
                key: name_key(name),
                role: *role,
            })
        })
        .collect();

    let mut linking = Linking::default();
    // Per entity of ours, the entities of theirs whose unique best match it is.
    let mut proposals: BTreeMap<usize, Vec<(usize, Evidence)>> = BTreeMap::new();
    let by_iri: HashMap<&str, usize> = ours
        .iter()
        .enumerate()
        .map(|(i, e)| (e.iri.as_str(), i))
        .collect();
    for (t, entity) in theirs.iter().enumerate() {
        if let Some(&o) = by_iri.get(entity.iri.as_str()) {
            linking.misses.push((t, Miss::SameNode(o)));
            continue;
        }
        let best = best_per_entity(&names, entity);
        let top = best.values().map(|e| e.score).fold(0.0, f64::max);
        let mut tops: Vec<(usize, Evidence)> = best
            .into_iter()
            .filter(|(_, e)| e.score >= top - 1e-9)
            .collect();
        tops.sort_by_key(|(o, _)| *o);
        match tops.len() {
            0 => linking.misses.push((t, Miss::Unmatched(None))),
            _ if top < CLOSE_MIN => {
                let closest = tops.into_iter().next().filter(|(_, e)| e.score >= WEAK_MIN);
                linking.misses.push((t, Miss::Unmatched(closest)));
            }
            1 => {
                let (o, evidence) = tops.remove(0);
                if ours[o].in_plans {
                    proposals.entry(o).or_default().push((t, evidence));
                } else {
                    linking.misses.push((t, Miss::OutsidePlans(o, evidence)));
                }
            }
            _ => linking.ambiguities.push(Ambiguity {
                theirs: vec![t],
                evidence: tops[0].1.clone(),
                ours: tops.into_iter().map(|(o, _)| o).collect(),
            }),
        }
    }

    for (o, mut candidates) in proposals {
        candidates.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
        let top = candidates[0].1.score;
        let tied = candidates
            .iter()
            .filter(|(_, e)| e.score >= top - 1e-9)
            .count();
        if tied > 1 {
            linking.ambiguities.push(Ambiguity {
                theirs: candidates.iter().map(|(t, _)| *t).collect(),
                ours: vec![o],
                evidence: candidates[0].1.clone(),
            });
            continue;
        }
        let mut candidates = candidates.into_iter();
        let (best, evidence) = candidates.next().expect("a proposal");
        let relation = if evidence.score >= SAME && evidence.likeness == Likeness::Same {
            Relation::Exact
        } else {
            Relation::Close
        };
        linking.links.push(Link {
            ours: o,
            theirs: best,
            relation,
            evidence,
        });
        for (t, evidence) in candidates {
            let miss = Miss::Outranked {
                ours: o,
                by: best,
                evidence,
            };
            linking.misses.push((t, miss));
        }
    }
    linking.misses.sort_by_key(|(t, _)| *t);

    let involved: BTreeSet<usize> = linking
        .links
        .iter()
        .map(|l| l.ours)
        .chain(
            linking
                .ambiguities
                .iter()
                .flat_map(|a| a.ours.iter().copied()),
        )
        .collect();
    linking.unmatched_ours = (0..ours.len())
        .filter(|o| ours[*o].in_plans && !involved.contains(o))
        .collect();
    linking
}

/// For one of their entities, the best evidence per entity of ours that reaches [`WEAK_MIN`].
fn best_per_entity(names: &[OurName], entity: &TheirEntity) -> HashMap<usize, Evidence> {
    let mut best: HashMap<usize, Evidence> = HashMap::new();
    for label in &entity.labels {
        let key = name_key(label);
        for name in names {
            let found = if name.role == NameRole::Acronym {
                (label.trim() == name.raw).then_some((SAME_ACRONYM, Likeness::Acronym))
            } else {
                likeness(&key, &name.key, WEAK_MIN)
            };
            let Some((score, why)) = found.filter(|(s, _)| *s >= WEAK_MIN) else {
                continue;
            };
            let better = best.get(&name.ours).is_none_or(|e| score > e.score);
            if better {
                best.insert(
                    name.ours,
                    Evidence {
                        score,
                        likeness: why,
                        our_name: name.raw.clone(),
                        their_label: label.clone(),
                    },
                );
            }
        }
    }
    best
}

/// What linking with other datasets made.
#[derive(Debug, Clone)]
pub struct Linksets {
    /// The linksets' quads, one named graph per dataset.
    pub quads: Vec<Quad>,
    /// The report for people: every match, ambiguity and miss, with reasons.
    pub report: String,
}

/// Links the plans' graph (`quads`, built with reference data under `base`) with each dataset
/// file of `others`, each read in `format` (else the one its extension names).
pub fn link_files(
    quads: &[Quad],
    plan_iris: &[String],
    registry: &Registry,
    base: &str,
    others: &[PathBuf],
    format: Option<RdfFormat>,
) -> Result<Linksets> {
    let ours = our_entities(quads, registry, base);
    let mut linksets = Vec::new();
    let mut reports = String::new();
    for path in others {
        let name = path.display().to_string();
        let TheirSide {
            entities: theirs,
            blank_nodes: blank,
        } = their_entities(&read_rdf_file_as(path, None, format)?);
        if theirs.is_empty() {
            return Err(Error::new(
                &name,
                "no entity with a label (rdfs:label, skos:prefLabel/altLabel, schema:name, foaf:name) to link with",
            ));
        }
        let linking = link(&ours, &theirs);
        let info = linkset::LinksetInfo {
            base,
            other_name: &name,
            plan_iris,
        };
        linksets.extend(linkset::linkset_quads(&linking, &ours, &theirs, &info)?);
        reports.push_str(&report::render(&linking, &ours, &theirs, &name));
        if blank > 0 {
            reports.push_str(&format!(
                "note: {blank} labelled blank node(s) passed over: a link needs an IRI\n"
            ));
        }
    }
    Ok(Linksets {
        quads: linksets,
        report: reports,
    })
}
