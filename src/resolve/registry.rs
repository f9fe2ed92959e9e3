//! Reference data: the agencies, campaigns, legal instruments and international partners
//! plangraph recognises, read from RDF.
//!
//! The bundled files under `ontology/registry/` are embedded in the binary; users add their own
//! with `--registry FILE` (any RDF format plangraph reads, by extension; Turtle by default).
//! Entities use relative IRIs (`<agency/saic>`) resolved against the graph's base, so the part
//! after the base is a stable slug shared by every plan that names the entity.
//!
//! Terms read (see `ontology/plangraph.ttl`): `rdf:type` (pg:Agency, pg:AgencyGroup,
//! pg:Campaign, pg:LegalInstrument, pg:InternationalPartner), `skos:prefLabel` (@zh required,
//! @en), `skos:altLabel` (other names and short forms), `pg:acronym`, `pg:activeFrom` /
//! `pg:activeUntil` (years), `pg:pairAbbreviation` (the character a partner is named by in pairs
//! such as 中美), `owl:sameAs`.

use crate::error::{Error, Result};
use crate::model::EntityKind;
use crate::rdf::input::{parse_rdf, read_rdf_file_as};
use crate::resolve::names::{keyed, match_key};
use oxigraph::io::RdfFormat;
use oxigraph::model::{Literal, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The default base for minted IRIs.
pub const DEFAULT_BASE: &str = "https://w3id.org/plangraph/id/";
use crate::rdf::vocab::{DCTERMS, OWL, PROV, RDF, RDFS, SKOS};
use crate::rdf::vocab::{ORG, PG};

/// The bundled registry files: (name, Turtle text).
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "ontology/registry/agencies.ttl",
        include_str!("../../ontology/registry/agencies.ttl"),
    ),
    (
        "ontology/registry/partners.ttl",
        include_str!("../../ontology/registry/partners.ttl"),
    ),
    (
        "ontology/registry/campaigns.ttl",
        include_str!("../../ontology/registry/campaigns.ttl"),
    ),
    (
        "ontology/registry/instruments.ttl",
        include_str!("../../ontology/registry/instruments.ttl"),
    ),
    (
        "ontology/registry/changes.ttl",
        include_str!("../../ontology/registry/changes.ttl"),
    ),
];

/// One entity of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The entity's IRI.
    pub iri: String,
    /// The IRI relative to the base (`agency/saic`), or the IRI itself when it is elsewhere.
    pub slug: String,
    /// Its kind (the most specific registry class it has).
    pub kind: EntityKind,
    /// Full official Chinese name (`skos:prefLabel@zh`).
    pub name_zh: String,
    /// English name (`skos:prefLabel@en`).
    pub name_en: Option<String>,
    /// Other names and short forms (`skos:altLabel` in Chinese or without a language), in file order.
    pub alt_labels: Vec<String>,
    /// Other English names (`skos:altLabel@en`: former or newer English names, acronyms in use).
    pub alt_labels_en: Vec<String>,
    /// `pg:acronym` (`SAIC`, `WIPO`).
    pub acronym: Option<String>,
    /// First year the body existed under this identity.
    pub active_from: Option<i32>,
    /// Last year it existed under this identity.
    pub active_until: Option<i32>,
    /// How the partner is named in pairs such as 中美 (`美`, `巴(西)`).
    pub pair_abbreviations: Vec<String>,
    /// Verified identities elsewhere (`owl:sameAs`).
    pub same_as: Vec<String>,
    /// The records the identities were checked against (`dcterms:source`).
    pub sources: Vec<String>,
    /// ISO 3166-1 alpha-2 code of a country partner (`pg:countryCode`; `EU` for the Union).
    pub country_code: Option<String>,
}

impl Entity {
    /// Whether the entity existed in `year` (always, when the year or the dates are unknown).
    pub fn active_in(&self, year: Option<i32>) -> bool {
        year.is_none_or(|y| {
            self.active_from.is_none_or(|from| from <= y)
                && self.active_until.is_none_or(|until| y <= until)
        })
    }

    /// Every Chinese-script name: the official name first, then the other names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name_zh.as_str()).chain(self.alt_labels.iter().map(String::as_str))
    }
}

/// Index of an entity in a [`Registry`].
pub type EntityId = usize;

/// How a label is attached to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// The official name (`skos:prefLabel`).
    Preferred,
    /// Another name or short form (`skos:altLabel`, `pg:acronym`, the English name).
    Alternative,
}

/// The loaded reference data.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entities: Vec<Entity>,
    by_key: HashMap<String, Vec<(EntityId, LabelKind)>>,
    /// Match keys of every entity's Chinese names and acronym, as characters.
    name_keys: Vec<(EntityId, Vec<char>)>,
    /// Reorganisations: W3C ORG change events between registry bodies.
    changes: Vec<ChangeEvent>,
}

/// A reorganisation (`org:ChangeEvent`): bodies before it and the bodies that carry on their work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeEvent {
    /// Its IRI.
    pub iri: String,
    /// Its labels, as the file gives them (plain or with a language).
    pub labels: Vec<Literal>,
    /// When it took effect (`prov:startedAtTime`), as the file gives it.
    pub started: Option<Literal>,
    /// IRIs of the bodies before the change (`org:originalOrganization`).
    pub originals: Vec<String>,
    /// IRIs of the bodies after it (`org:resultingOrganization`).
    pub results: Vec<String>,
}

impl Registry {
    /// The bundled registry, with IRIs under `base`.
    pub fn bundled(base: &str) -> Result<Self> {
        let mut registry = Registry::default();
        for (name, text) in BUNDLED {
            registry.add_rdf(name, text, RdfFormat::Turtle, base)?;
        }
        Ok(registry)
    }

    /// Adds the entities of a user's registry file, in the RDF format its extension names.
    pub fn add_file(&mut self, path: &Path, base: &str) -> Result<()> {
        self.add_file_as(path, base, None)
    }

    /// [`Registry::add_file`] in `format` (else the one the file's extension names).
    pub fn add_file_as(
        &mut self,
        path: &Path,
        base: &str,
        format: Option<RdfFormat>,
    ) -> Result<()> {
        let name = path.display().to_string();
        self.add_quads(&name, read_rdf_file_as(path, Some(base), format)?, base)
    }

    /// Adds the entities described in `text`. An entity already known (same IRI) gains the new
    /// names; a new one must have a `skos:prefLabel` in Chinese.
    pub fn add_rdf(&mut self, name: &str, text: &str, format: RdfFormat, base: &str) -> Result<()> {
        self.add_quads(name, parse_rdf(name, text, format, Some(base))?, base)
    }

    /// Adds the entities and change events described by `quads`, read from file `name`.
    fn add_quads(&mut self, name: &str, quads: Vec<Quad>, base: &str) -> Result<()> {
        let mut subjects: BTreeMap<String, Vec<(String, Term)>> = BTreeMap::new();
        for quad in quads {
            if let NamedOrBlankNode::NamedNode(subject) = quad.subject {
                subjects
                    .entry(subject.into_string())
                    .or_default()
                    .push((quad.predicate.into_string(), quad.object));
            }
        }
        for (iri, properties) in subjects {
            if iris_of(&properties, &format!("{RDF}type"))
                .iter()
                .any(|c| *c == format!("{ORG}ChangeEvent"))
            {
                let literal_values = |predicate: String| {
                    properties
                        .iter()
                        .filter(|(p, _)| *p == predicate)
                        .filter_map(|(_, o)| match o {
                            Term::Literal(l) => Some(l.clone()),
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                };
                self.changes.push(ChangeEvent {
                    labels: literal_values(format!("{RDFS}label")),
                    started: literal_values(format!("{PROV}startedAtTime"))
                        .into_iter()
                        .next(),
                    originals: iris_of(&properties, &format!("{ORG}originalOrganization")),
                    results: iris_of(&properties, &format!("{ORG}resultingOrganization")),
                    iri,
                });
                continue;
            }
            self.add_entity(name, base, iri, &properties)?;
        }
        Ok(())
    }

    fn add_entity(
        &mut self,
        file: &str,
        base: &str,
        iri: String,
        properties: &[(String, Term)],
    ) -> Result<()> {
        let literals = |predicate: &str| literals_of(properties, predicate);
        let iris = |predicate: &str| iris_of(properties, predicate);
        let kind = iris(&format!("{RDF}type"))
            .into_iter()
            .filter_map(|c| EntityKind::from_term(c.strip_prefix(PG)?))
            .max();
        let existing = self.entities.iter().position(|e| e.iri == iri);
        let Some(kind) = kind.or(existing.map(|i| self.entities[i].kind)) else {
            return Ok(()); // Not an entity plangraph matches (e.g. the ontology's own terms).
        };
        let labels = |lang: &str, predicate: &str| {
            literals(predicate)
                .into_iter()
                .filter(|(_, l)| l.as_deref().is_some_and(|l| l.starts_with(lang)))
                .map(|(v, _)| v)
                .collect::<Vec<_>>()
        };
        let year = |predicate: &str| -> Result<Option<i32>> {
            match literals(predicate).into_iter().next() {
                None => Ok(None),
                Some((value, _)) => value
                    .get(..4)
                    .and_then(|y| y.parse().ok())
                    .filter(|_| value.len() == 4 || value[4..].starts_with(['-', 'Z', '+']))
                    .map(Some)
                    .ok_or_else(|| {
                        Error::new(
                            file,
                            format!("registry entity <{iri}>: {predicate} {value:?} is not a year"),
                        )
                    }),
            }
        };
        let pref_zh = labels("zh", &format!("{SKOS}prefLabel")).into_iter().next();
        let mut entity = match existing {
            Some(i) => self.entities[i].clone(),
            None => Entity {
                slug: iri.strip_prefix(base).unwrap_or(&iri).to_string(),
                iri: iri.clone(),
                kind,
                name_zh: pref_zh.clone().ok_or_else(|| {
                    Error::new(
                        file,
                        format!("registry entity <{iri}> has no skos:prefLabel in Chinese (@zh)"),
                    )
                })?,
                name_en: None,
                alt_labels: Vec::new(),
                alt_labels_en: Vec::new(),
                acronym: None,
                active_from: None,
                active_until: None,
                pair_abbreviations: Vec::new(),
                same_as: Vec::new(),
                sources: Vec::new(),
                country_code: None,
            },
        };
        entity.kind = entity.kind.max(kind);
        if let Some(pref) = pref_zh.filter(|p| *p != entity.name_zh) {
            entity.alt_labels.push(pref);
        }
        entity.name_en = entity
            .name_en
            .or(labels("en", &format!("{SKOS}prefLabel")).into_iter().next());
        for (label, language) in literals(&format!("{SKOS}altLabel")) {
            match language {
                Some(l) if l.starts_with("en") => entity.alt_labels_en.push(label),
                _ => entity.alt_labels.push(label),
            }
        }
        entity.acronym = entity.acronym.or(literals(&format!("{PG}acronym"))
            .into_iter()
            .map(|(v, _)| v)
            .next());
        entity.active_from = entity.active_from.or(year(&format!("{PG}activeFrom"))?);
        entity.active_until = entity.active_until.or(year(&format!("{PG}activeUntil"))?);
        entity.pair_abbreviations.extend(
            literals(&format!("{PG}pairAbbreviation"))
                .into_iter()
                .map(|(v, _)| v),
        );
        entity.same_as.extend(iris(&format!("{OWL}sameAs")));
        entity.sources.extend(iris(&format!("{DCTERMS}source")));
        entity.country_code = entity.country_code.or(literals(&format!("{PG}countryCode"))
            .into_iter()
            .map(|(v, _)| v)
            .next());
        entity.alt_labels.dedup();
        entity.alt_labels_en.dedup();
        // Every name is a key the resolver and the mention finder search the text for: an empty
        // one would match everywhere (and never advance a scan).
        let names = std::iter::once(&entity.name_zh)
            .chain(&entity.alt_labels)
            .chain(&entity.acronym)
            .chain(&entity.pair_abbreviations);
        if let Some(empty) = names.into_iter().find(|n| match_key(n).is_empty()) {
            return Err(Error::new(
                file,
                format!("registry entity <{iri}> has an empty name {empty:?} (skos:prefLabel, skos:altLabel, pg:acronym or pg:pairAbbreviation)"),
            ));
        }
        let id = match existing {
            Some(i) => {
                self.entities[i] = entity;
                i
            }
            None => {
                self.entities.push(entity);
                self.entities.len() - 1
            }
        };
        self.index(id);
        Ok(())
    }

    fn index(&mut self, id: EntityId) {
        let entity = &self.entities[id];
        let preferred = std::iter::once((entity.name_zh.clone(), LabelKind::Preferred));
        let others = entity
            .alt_labels
            .iter()
            .chain(entity.name_en.iter())
            .chain(entity.alt_labels_en.iter())
            .chain(entity.acronym.iter())
            .map(|l| (l.clone(), LabelKind::Alternative));
        let labels: Vec<_> = preferred.chain(others).collect();
        self.name_keys.retain(|(e, _)| *e != id);
        let entity = &self.entities[id];
        for name in entity.names().chain(entity.acronym.as_deref()) {
            let key: Vec<char> = match_key(name).chars().collect();
            // A Taiwan-localised copy prints 網路市場監管專項行動 for 网络市场监管专项行动; the text
            // is cleaned character for character, so the name is looked for in that form too.
            let taiwan = crate::read::script::taiwan_printing(name);
            let taiwan: Vec<char> = keyed(&taiwan.chars().collect::<Vec<_>>())
                .into_iter()
                .map(|(c, _)| c)
                .collect();
            let distinct = taiwan != key;
            self.name_keys.push((id, key));
            if distinct {
                self.name_keys.push((id, taiwan));
            }
        }
        for (label, kind) in labels {
            let entry = self.by_key.entry(match_key(&label)).or_default();
            if !entry.iter().any(|(e, _)| *e == id) {
                entry.push((id, kind));
            }
        }
    }

    /// All entities, in the order they were loaded.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with index `id`.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id]
    }

    /// Entities one of whose labels has the match key `key` (see [`match_key`]).
    pub fn lookup(&self, key: &str) -> &[(EntityId, LabelKind)] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// The match keys (see [`match_key`]) of every entity's Chinese names and acronym.
    pub fn name_keys(&self) -> &[(EntityId, Vec<char>)] {
        &self.name_keys
    }

    /// The reorganisations the registry records.
    pub fn changes(&self) -> &[ChangeEvent] {
        &self.changes
    }
}

/// The literal values (with language tags) of `predicate` among `properties`.
fn literals_of(properties: &[(String, Term)], predicate: &str) -> Vec<(String, Option<String>)> {
    properties
        .iter()
        .filter_map(|(p, o)| match o {
            Term::Literal(l) if p == predicate => {
                Some((l.value().to_string(), l.language().map(str::to_string)))
            }
            _ => None,
        })
        .collect()
}

/// The IRI values of `predicate` among `properties`.
fn iris_of(properties: &[(String, Term)], predicate: &str) -> Vec<String> {
    properties
        .iter()
        .filter_map(|(p, o)| match o {
            Term::NamedNode(n) if p == predicate => Some(n.as_str().to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_registry_loads_with_slugs_under_the_base() {
        let registry = Registry::bundled(DEFAULT_BASE).unwrap();
        let saic = registry.lookup(&match_key("工商总局"));
        assert_eq!(saic.len(), 1);
        let entity = registry.entity(saic[0].0);
        assert_eq!(entity.name_zh, "国家工商行政管理总局");
        assert_eq!(entity.slug, "agency/saic");
        assert_eq!(entity.iri, format!("{DEFAULT_BASE}agency/saic"));
        assert!(entity.active_in(Some(2017)) && !entity.active_in(Some(2019)));
    }

    #[test]
    fn user_files_add_entities_and_report_syntax_errors() {
        let mut registry = Registry::bundled(DEFAULT_BASE).unwrap();
        let extra = "@prefix pg: <https://w3id.org/plangraph#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<agency/hainan-ipo> a pg:Agency ; skos:prefLabel \"海南省知识产权局\"@zh ; skos:altLabel \"省知识产权局\"@zh .";
        registry
            .add_rdf("extra.ttl", extra, RdfFormat::Turtle, DEFAULT_BASE)
            .unwrap();
        assert_eq!(registry.lookup(&match_key("省知识产权局")).len(), 1);

        let broken = "<agency/x> a <https://w3id.org/plangraph#Agency> ;\n  <http://www.w3.org/2004/02/skos/core#prefLabel> \"甲\"@zh , .";
        let error = registry
            .add_rdf("bad.ttl", broken, RdfFormat::Turtle, DEFAULT_BASE)
            .unwrap_err();
        assert_eq!(error.location.map(|l| l.line), Some(2));

        let unlabelled = "<agency/y> a <https://w3id.org/plangraph#Agency> .";
        let error = registry
            .add_rdf("u.ttl", unlabelled, RdfFormat::Turtle, DEFAULT_BASE)
            .unwrap_err();
        assert!(error.to_string().contains("no skos:prefLabel"));
    }

    #[test]
    fn every_wikidata_identity_names_its_source_and_country_partners_their_codes() {
        let registry = Registry::bundled(DEFAULT_BASE).unwrap();
        let verified: Vec<(&str, &str)> = registry
            .entities()
            .iter()
            .flat_map(|e| e.same_as.iter().map(move |same| (e, same)))
            .map(|(e, same)| {
                let qid = same.rsplit('/').next().unwrap();
                let source = format!("https://www.wikidata.org/wiki/{qid}");
                assert!(
                    e.sources.contains(&source),
                    "{}: no source for {same}",
                    e.name_zh
                );
                (e.name_zh.as_str(), qid)
            })
            .collect();
        assert_eq!(
            verified,
            [
                ("国家互联网信息办公室", "Q20984121"),
                ("国家知识产权局", "Q985999"),
                ("最高人民法院", "Q691994"),
                ("最高人民检察院", "Q2682024"),
            ]
        );
        let codes: Vec<(&str, &str)> = registry
            .entities()
            .iter()
            .filter_map(|e| Some((e.name_zh.as_str(), e.country_code.as_deref()?)))
            .collect();
        assert_eq!(
            codes,
            [
                ("巴西", "BR"),
                ("瑞士", "CH"),
                ("德国", "DE"),
                ("欧盟", "EU"),
                ("英国", "GB"),
                ("日本", "JP"),
                ("韩国", "KR"),
                ("俄罗斯", "RU"),
                ("美国", "US"),
            ]
        );
    }
}
