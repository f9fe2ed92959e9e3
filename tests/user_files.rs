//! Files a user supplies (registry files, shapes, option values) either work or are refused
//! with a message naming them: they never produce invalid output or hang.

use oxigraph::io::{RdfFormat, RdfParser};
use plangraph::export::{default_prefixes, serialize, ExportFormat, ExportOptions};
use plangraph::graph::mapping::MappingOptions;
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::store::shacl::Shapes;
use plangraph::{build_graph, bundled_plan, parse, Registry, UserMetadata};
use std::sync::mpsc;
use std::time::Duration;

const PREFIXES: &str = "\
@prefix pg: <https://w3id.org/plangraph#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
";

fn registry_with(user_file: &str) -> plangraph::Result<Registry> {
    let mut registry = Registry::bundled(DEFAULT_BASE)?;
    let text = format!("{PREFIXES}{user_file}");
    registry.add_rdf("my-registry.ttl", &text, RdfFormat::Turtle, DEFAULT_BASE)?;
    Ok(registry)
}

fn export_seed(registry: &Registry, format: ExportFormat) -> String {
    let graph = build_graph(
        &[bundled_plan()],
        registry,
        &UserMetadata::default(),
        &MappingOptions::default(),
    )
    .unwrap();
    let options = ExportOptions {
        prefixes: default_prefixes(DEFAULT_BASE, &graph.plan_iris),
        jsonld_context: None,
    };
    String::from_utf8(serialize(&graph.quads, format, &options).unwrap()).unwrap()
}

#[test]
fn a_plain_label_on_a_change_event_stays_a_plain_literal() {
    let registry = registry_with(
        "<change/my-merger> a org:ChangeEvent ; rdfs:label \"plain label\" ;
            prov:startedAtTime \"2018-03-17\"^^xsd:date ;
            org:originalOrganization <agency/saic> ; org:resultingOrganization <agency/samr> .",
    )
    .unwrap();
    let nt = export_seed(&registry, ExportFormat::NTriples);
    let line = nt
        .lines()
        .find(|l| l.contains("plain label"))
        .expect("the label is exported");
    assert!(line.ends_with("\"plain label\" ."), "{line}");
    assert!(
        nt.contains("\"2018-03-17\"^^<http://www.w3.org/2001/XMLSchema#date>"),
        "the date keeps its datatype"
    );
    let parsed = RdfParser::from_format(RdfFormat::NTriples)
        .for_slice(nt.as_bytes())
        .collect::<Result<Vec<_>, _>>();
    assert!(parsed.is_ok(), "{:?}", parsed.err());
    let jsonld = export_seed(&registry, ExportFormat::JsonLd);
    assert!(!jsonld.contains("\"@language\": \"\""));
}

#[test]
fn empty_names_are_refused_when_the_registry_is_read() {
    for (what, file) in [
        (
            "pairAbbreviation",
            "<partner/us> pg:pairAbbreviation \"\" .",
        ),
        (
            "altLabel",
            "<agency/new> a pg:Agency ; skos:prefLabel \"新机构\"@zh ; skos:altLabel \"  \"@zh .",
        ),
    ] {
        let error = registry_with(file)
            .err()
            .unwrap_or_else(|| panic!("{what} accepted"));
        assert_eq!(error.input, "my-registry.ttl", "{what}");
        assert!(error.message.contains("empty name"), "{what}: {error}");
    }
}

#[test]
fn a_blank_pair_abbreviation_is_refused_not_searched_for_forever() {
    // Parsing with such a registry used to loop forever: run it on a thread and allow ten
    // seconds for the refusal.
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let outcome = registry_with("<partner/us> pg:pairAbbreviation \"\" .").map(|registry| {
            parse(&bundled_plan(), &registry, &UserMetadata::default()).map(|p| p.tasks.len())
        });
        done.send(outcome.is_err()).unwrap();
    });
    assert_eq!(finished.recv_timeout(Duration::from_secs(10)), Ok(true));
}

#[test]
fn a_year_that_is_not_one_is_refused() {
    let Err(error) = registry_with(
        "<agency/new> a pg:Agency ; skos:prefLabel \"新机构\"@zh ; pg:activeFrom \"two thousand\"^^xsd:gYear .",
    ) else {
        panic!("a year that is not one was accepted");
    };
    assert!(
        error.to_string().starts_with("my-registry.ttl: "),
        "{error}"
    );
    assert!(error.message.contains("not a year"), "{error}");
}

const SHAPES_PREFIXES: &str = "\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix pg: <https://w3id.org/plangraph#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
";

#[test]
fn shapes_using_what_validate_does_not_implement_are_refused() {
    for (what, shape) in [
        ("sh:targetSubjectsOf", "[] a sh:NodeShape ; sh:targetSubjectsOf pg:plan ; sh:property [ sh:path pg:plan ; sh:minCount 1 ] ."),
        ("sh:closed", "[] a sh:NodeShape ; sh:targetClass pg:Task ; sh:closed true ."),
        ("sh:targetNode", "[] a sh:NodeShape ; sh:targetNode pg:x ; sh:property [ sh:path pg:plan ; sh:minCount 1 ] ."),
        ("sh:minCount", "[] a sh:NodeShape ; sh:targetClass pg:Task ; sh:minCount 1 ."),
        ("sh:or", "[] a sh:NodeShape ; sh:targetClass pg:Task ; sh:or ( [ sh:path pg:plan ; sh:minCount 1 ] ) ."),
        ("sh:flags", "[] a sh:NodeShape ; sh:targetClass pg:Task ; sh:property [ sh:path pg:text ; sh:pattern \"a\" ; sh:flags \"i\" ] ."),
    ] {
        let result = Shapes::parse("my-shapes.ttl", &format!("{SHAPES_PREFIXES}{shape}"));
        let error = result.err().unwrap_or_else(|| panic!("{what} accepted"));
        assert_eq!(error.input, "my-shapes.ttl");
        assert!(error.message.contains(what), "{what}: {error}");
    }
}

#[test]
fn a_datatype_is_checked_with_its_lexical_form() {
    let shapes = Shapes::parse(
        "my-shapes.ttl",
        &format!(
            "{SHAPES_PREFIXES}[] a sh:NodeShape ; sh:targetClass pg:WorkPlan ;
                sh:property [ sh:path dcterms:issued ; sh:datatype xsd:date ] ."
        ),
    )
    .unwrap();
    let data = |issued: &str| -> oxigraph::model::Dataset {
        let text = format!(
            "<urn:plan> a <https://w3id.org/plangraph#WorkPlan> ;
                <http://purl.org/dc/terms/issued> \"{issued}\"^^<http://www.w3.org/2001/XMLSchema#date> ."
        );
        RdfParser::from_format(RdfFormat::TriG)
            .for_slice(format!("<urn:g> {{ {text} }}").as_bytes())
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert!(shapes.validate(&data("2017-05-16")).unwrap().conforms());
    for bad in ["2017-13-45", "2017-02-29", "16 May 2017"] {
        let validation = shapes.validate(&data(bad)).unwrap();
        assert_eq!(validation.violations.len(), 1, "{bad}");
    }
}
