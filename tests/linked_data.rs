//! The seed plan as linked data: every export format parses back (with Oxigraph, and with
//! sophia's independent parsers) to the same graph as the N-Triples export; the output is
//! byte-identical across runs; the graph conforms to the shapes, and broken graphs do not; the
//! gold facts can be read back from the exported graph with SPARQL.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Dataset, Quad, Term, Triple};
use plangraph::export::{self, ExportFormat, ExportOptions};
use plangraph::graph::mapping::MappingOptions;
use plangraph::graph::{build_graph, PlanGraph};
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::store::shacl::{Shapes, Validation};
use plangraph::store::{select, store_of};
use plangraph::{bundled_plan, Registry, UserMetadata};
use serde_json::Value;
use sophia::api::dataset::Dataset as _;
use sophia::api::prelude::*;
use sophia::inmem::dataset::LightDataset;
use sophia::inmem::graph::LightGraph;
use sophia::isomorphism::{isomorphic_datasets, isomorphic_graphs};
use sophia::jsonld::JsonLdParser;
use sophia::turtle::parser::{nq, nt, turtle};
use std::collections::{BTreeSet, HashSet};

fn seed_graph_with(base: &str, include_reference: bool) -> PlanGraph {
    let registry = Registry::bundled(base).unwrap();
    let options = MappingOptions {
        base: base.to_string(),
        plan_id: None,
        include_reference,
    };
    build_graph(
        &[bundled_plan()],
        &registry,
        &UserMetadata::default(),
        &options,
    )
    .unwrap()
}

fn seed_graph() -> PlanGraph {
    seed_graph_with(DEFAULT_BASE, true)
}

fn exported(graph: &PlanGraph, format: ExportFormat) -> String {
    let options = ExportOptions {
        prefixes: export::default_prefixes(DEFAULT_BASE, &graph.plan_iris),
        jsonld_context: None,
    };
    String::from_utf8(export::serialize(&graph.quads, format, &options).unwrap()).unwrap()
}

fn oxigraph_quads(text: &str, format: RdfFormat) -> HashSet<Quad> {
    RdfParser::from_format(format)
        .for_slice(text)
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn every_format_parses_back_with_oxigraph_to_the_same_graph() {
    let graph = seed_graph();
    let triples: HashSet<Triple> = graph.quads.iter().cloned().map(Triple::from).collect();
    let as_triples =
        |quads: HashSet<Quad>| -> HashSet<Triple> { quads.into_iter().map(Triple::from).collect() };
    for (format, rdf_format) in [
        (ExportFormat::Turtle, RdfFormat::Turtle),
        (
            ExportFormat::JsonLd,
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ),
        (ExportFormat::NTriples, RdfFormat::NTriples),
        (ExportFormat::RdfXml, RdfFormat::RdfXml),
    ] {
        let parsed = oxigraph_quads(&exported(&graph, format), rdf_format);
        assert_eq!(
            as_triples(parsed),
            triples,
            "{} parses back to the graph",
            format.name()
        );
    }
    let quads: HashSet<Quad> = graph.quads.iter().cloned().collect();
    for (format, rdf_format) in [
        (ExportFormat::NQuads, RdfFormat::NQuads),
        (ExportFormat::TriG, RdfFormat::TriG),
    ] {
        assert_eq!(
            oxigraph_quads(&exported(&graph, format), rdf_format),
            quads,
            "{}",
            format.name()
        );
    }
}

#[test]
fn sophia_reads_turtle_ntriples_and_jsonld_as_the_same_graph() {
    let graph = seed_graph();
    let ntriples = exported(&graph, ExportFormat::NTriples);
    let reference: LightGraph = nt::parse_str(&ntriples).collect_triples().unwrap();
    let from_turtle: LightGraph = turtle::parse_str(&exported(&graph, ExportFormat::Turtle))
        .collect_triples()
        .unwrap();
    assert!(
        isomorphic_graphs(&from_turtle, &reference).unwrap(),
        "Turtle ≅ N-Triples"
    );

    let reference: LightDataset = nq::parse_str(&ntriples).collect_quads().unwrap();
    let jsonld = exported(&graph, ExportFormat::JsonLd);
    let from_jsonld: LightDataset = JsonLdParser::new()
        .parse_str(&jsonld)
        .collect_quads()
        .unwrap();
    assert!(
        isomorphic_datasets(&from_jsonld, &reference).unwrap(),
        "JSON-LD ≅ N-Triples"
    );
    let nquads = exported(&graph, ExportFormat::NQuads);
    let from_nquads: LightDataset = nq::parse_str(&nquads).collect_quads().unwrap();
    assert_eq!(from_nquads.quads().count(), graph.quads.len());
}

#[test]
fn exports_are_byte_identical_across_runs_and_turtle_is_readable() {
    for (format, _, _) in ExportFormat::ALL {
        assert_eq!(
            exported(&seed_graph(), format),
            exported(&seed_graph(), format),
            "{}",
            format.name()
        );
    }
    let ttl = exported(&seed_graph(), ExportFormat::Turtle);
    // Only used prefixes, sorted; subjects grouped with `a` first.
    let prefixes: Vec<&str> = ttl
        .lines()
        .take_while(|l| l.starts_with("@prefix"))
        .collect();
    let mut sorted = prefixes.clone();
    sorted.sort();
    assert_eq!(prefixes, sorted);
    assert!(
        !ttl.contains("@prefix rdf:"),
        "rdf: is never used (a stands for rdf:type)"
    );
    assert!(ttl.contains("\nplan:task-17\n    a pg:Task ;\n    dcterms:isPartOf <"));
    assert!(ttl.contains("pg:leadAgency agency:leading-group-office, agency:spp ;"));
    // Natural order: task-2 before task-10, slot-2 before slot-10, as subjects and objects.
    let at = |text: &str| {
        ttl.find(text)
            .unwrap_or_else(|| panic!("{text} in the Turtle"))
    };
    assert!(at("\nplan:task-2\n") < at("\nplan:task-10\n"));
    assert!(at("\nplan:task-9\n") < at("\nplan:task-10\n"));
    assert!(at("\nplan:task-1-1-slot-2\n") < at("\nplan:task-1-1-slot-10\n"));
    assert!(ttl.contains(" plan:task-1-1-slot-9, plan:task-1-1-slot-10 ;"));
}

#[test]
fn compact_jsonld_uses_the_context_terms() {
    let json: Value = serde_json::from_str(&exported(&seed_graph(), ExportFormat::JsonLd)).unwrap();
    assert_eq!(json["@context"]["leadAgency"]["@id"], "pg:leadAgency");
    let nodes = json["@graph"].as_array().unwrap();
    let saic = nodes
        .iter()
        .find(|n| n["@id"] == format!("{DEFAULT_BASE}agency/saic"))
        .unwrap();
    assert_eq!(saic["@type"], "Agency");
    assert_eq!(saic["prefLabel"]["zh"], "国家工商行政管理总局");
    assert_eq!(
        saic["prefLabel"]["en"],
        "State Administration for Industry and Commerce"
    );
    let task = nodes
        .iter()
        .find(|n| n["@type"] == "Task" && n["number"] == 17)
        .unwrap();
    assert_eq!(task["title"], "推进行政执法与刑事司法衔接");
    assert!(task["beginIndex"].is_string());
}

#[test]
fn the_seed_graph_conforms_and_broken_graphs_do_not() {
    let graph = seed_graph();
    let shapes = Shapes::bundled().unwrap();
    let data: Dataset = graph.quads.iter().cloned().collect();
    let Validation {
        violations,
        focus_nodes: focus,
    } = shapes.validate(&data).unwrap();
    assert!(violations.is_empty(), "{violations:?}");
    assert!(focus > 300);

    // A responsibility without its role, and an empty slot given an agency.
    let pg = |l: &str| format!("https://w3id.org/plangraph#{l}");
    let mut broken = graph.quads.clone();
    let victim = broken
        .iter()
        .position(|q| q.predicate.as_str() == pg("role"))
        .unwrap();
    let roleless = broken.remove(victim).subject.to_string();
    let empty = graph
        .quads
        .iter()
        .find(|q| {
            q.predicate.as_str() == pg("resolution")
                && q.object.to_string() == format!("<{}>", pg("EmptySlot"))
        })
        .unwrap();
    let agency = graph
        .quads
        .iter()
        .find(|q| q.predicate.as_str() == pg("agency"))
        .unwrap();
    broken.push(Quad::new(
        empty.subject.clone(),
        agency.predicate.clone(),
        agency.object.clone(),
        empty.graph_name.clone(),
    ));
    let data: Dataset = broken.into_iter().collect();
    let violations = shapes.validate(&data).unwrap().violations;
    assert_eq!(violations.len(), 2, "{violations:#?}");
    assert!(violations
        .iter()
        .any(|v| v.focus == roleless && v.message.starts_with("sh:minCount 1")));
    assert!(violations
        .iter()
        .any(|v| v.focus == empty.subject.to_string() && v.message.contains("empty slot")));
}

#[test]
fn iris_follow_the_base_and_reference_data_can_be_left_out() {
    let default = seed_graph();
    assert_eq!(
        default.plan_iris,
        vec![format!(
            "{DEFAULT_BASE}plan/2017年全国打击知识产权和制售假冒伪劣商品工作要点"
        )]
    );
    let other = seed_graph_with("https://example.org/pg/", false);
    assert!(other.plan_iris[0].starts_with("https://example.org/pg/plan/"));
    let graphs: BTreeSet<String> = other
        .quads
        .iter()
        .map(|q| q.graph_name.to_string())
        .collect();
    assert_eq!(
        graphs.len(),
        1,
        "only the plan's graph without reference data"
    );
    assert!(other
        .quads
        .iter()
        .any(|q| q.object.to_string() == "<https://example.org/pg/agency/saic>"));
    assert!(other.quads.len() < default.quads.len());
    let graphs: BTreeSet<String> = default
        .quads
        .iter()
        .map(|q| q.graph_name.to_string())
        .collect();
    assert_eq!(graphs.len(), 2, "plan graph and reference graph");
}

fn source_slice(begin: &Term, end: &Term) -> String {
    let n = |t: &Term| match t {
        Term::Literal(l) => l.value().parse::<usize>().unwrap(),
        other => panic!("{other}"),
    };
    bundled_plan()
        .text
        .chars()
        .skip(n(begin))
        .take(n(end) - n(begin))
        .collect()
}

/// The same facts as tests/gold.rs, read from the exported Turtle with SPARQL.
#[test]
fn the_exported_graph_holds_the_gold_facts() {
    let gold: Value = serde_json::from_str(include_str!("gold/seed-2017.json")).unwrap();
    let ttl = exported(&seed_graph(), ExportFormat::Turtle);
    let store = store_of(oxigraph_quads(&ttl, RdfFormat::Turtle)).unwrap();
    let prefix = "PREFIX pg: <https://w3id.org/plangraph#> PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>";
    let q = |body: &str| select(&store, &format!("{prefix} {body}")).unwrap();
    let text = |t: &Option<Term>| match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    };

    let plans =
        q("SELECT ?title ?year WHERE { ?p a pg:WorkPlan ; dcterms:title ?title ; pg:year ?year }");
    assert_eq!(
        text(&plans[0][0]),
        gold["document"]["title_as_printed"].as_str().unwrap()
    );
    assert_eq!(text(&plans[0][1]), "2017");
    assert_eq!(q("SELECT ?t WHERE { ?t a pg:Task }").len(), 31);
    assert_eq!(q("SELECT ?s WHERE { ?s a pg:Subtask }").len(), 55);
    assert_eq!(
        q("SELECT ?r WHERE { ?r pg:resolution pg:EmptySlot }").len(),
        14
    );

    let mut checked = 0;
    for task in gold["tasks"].as_array().unwrap() {
        let n = task["number"].as_i64().unwrap();
        let rows = q(&format!(
            "SELECT ?title ?b ?e WHERE {{ ?t a pg:Task ; pg:number {n} ; dcterms:title ?title ; nif:beginIndex ?b ; nif:endIndex ?e }}"
        ));
        assert_eq!(text(&rows[0][0]), task["title"].as_str().unwrap());
        assert!(
            source_slice(rows[0][1].as_ref().unwrap(), rows[0][2].as_ref().unwrap())
                .contains(&text(&rows[0][0]))
        );
        for clause in task["clauses"].as_array().unwrap() {
            let ordinal = clause["ordinal"].as_i64().unwrap();
            let subtask = format!("?s a pg:Subtask ; pg:ordinal {ordinal} ; dcterms:isPartOf [ pg:number {n} ; a pg:Task ]");
            let rows = q(&format!("SELECT ?p ?text ?open WHERE {{ {subtask} ; pg:parenthetical ?p ; pg:text ?text ; pg:openList ?open }}"));
            assert_eq!(
                text(&rows[0][0]),
                clause["parenthetical"].as_str().unwrap(),
                "task {n}.{ordinal}"
            );
            assert!(text(&rows[0][1]).ends_with(clause["text_ends_with"].as_str().unwrap()));
            assert_eq!(text(&rows[0][2]), clause["open_list"].to_string());
            let slots = q(&format!(
                "SELECT ?pos ?role ?name ?b ?e WHERE {{ {subtask} ; pg:responsibility ?r . ?r pg:position ?pos ; pg:role ?role ; nif:beginIndex ?b ; nif:endIndex ?e OPTIONAL {{ ?r pg:printedName ?name }} }} ORDER BY ?pos"
            ));
            let mut expected = Vec::new();
            for (key, role) in [
                ("lead", "Lead"),
                ("responsible", "Responsible"),
                ("supporting", "Supporting"),
            ] {
                for name in clause[key].as_array().unwrap() {
                    expected.push((role, name.as_str().unwrap_or("").to_string()));
                }
            }
            assert_eq!(slots.len(), expected.len(), "task {n}.{ordinal} slots");
            for (i, (row, (role, name))) in slots.iter().zip(&expected).enumerate() {
                assert_eq!(text(&row[0]), (i + 1).to_string());
                assert_eq!(
                    text(&row[1]),
                    format!("<https://w3id.org/plangraph#{role}>")
                );
                assert_eq!(&text(&row[2]), name);
                if !name.is_empty() {
                    assert_eq!(
                        &source_slice(row[3].as_ref().unwrap(), row[4].as_ref().unwrap()),
                        name
                    );
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 200);

    // Each printed name's resolution, full name and English name, through the graph.
    for (name, expected) in gold["agencies"]["names"].as_object().unwrap() {
        let rows = q(&format!(
            "SELECT DISTINCT ?res ?zh ?en WHERE {{ ?r pg:printedName \"{name}\" ; pg:resolution ?res OPTIONAL {{ ?r pg:agency ?a . ?a skos:prefLabel ?zh , ?en FILTER (lang(?zh) = 'zh' && lang(?en) = 'en') }} }}"
        ));
        assert_eq!(rows.len(), 1, "{name} resolves one way");
        let outcome = text(&rows[0][0]);
        match expected["form"].as_str().unwrap() {
            "exact" => assert!(
                outcome.ends_with("#Exact>") || outcome.ends_with("#Alias>"),
                "{name}: {outcome}"
            ),
            "truncated" => assert!(outcome.ends_with("#Truncated>")),
            "ambiguous" => assert!(outcome.ends_with("#Ambiguous>")),
            "collective" => assert!(outcome.ends_with("#Collective>")),
            other => panic!("{other}"),
        }
        if let Some(full) = expected["full"].as_str() {
            assert_eq!(text(&rows[0][1]), full, "{name}");
        }
        if let (Some(en), false) = (expected["en"].as_str(), expected["form"] == "collective") {
            assert_eq!(text(&rows[0][2]), en, "{name}");
        }
    }

    // Campaigns, instruments and partners with the tasks naming them (0 = the plan itself).
    for group in ["campaigns", "legal_instruments", "partners"] {
        for item in gold[group]["must"].as_array().unwrap() {
            let mut names = vec![item["name"].as_str().unwrap().to_string()];
            names.extend(
                item["accept"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|a| a.as_str().unwrap().to_string()),
            );
            let values = names
                .iter()
                .map(|n| format!("\"{}\"@zh", n.replace('"', "\\\"")))
                .collect::<Vec<_>>()
                .join(" ");
            let rows = q(&format!(
                "SELECT DISTINCT ?n WHERE {{ VALUES ?label {{ {values} }} ?e skos:prefLabel|skos:altLabel ?label . ?at pg:mentions ?e . OPTIONAL {{ ?at (dcterms:isPartOf)* ?t . ?t a pg:Task ; pg:number ?n }} }}"
            ));
            let found: BTreeSet<i64> = rows
                .iter()
                .map(|r| {
                    r[0].as_ref()
                        .map_or(0, |t| text(&Some(t.clone())).parse().unwrap())
                })
                .collect();
            let expected: BTreeSet<i64> = item["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_i64().unwrap())
                .collect();
            assert_eq!(found, expected, "{group}: {}", names[0]);
        }
    }
}
