//! Odd and malformed input never makes plangraph panic, hang or write a graph that does not read
//! back as the same graph: plan texts, registry files, shapes files, query parameters and
//! document metadata, each generated from a fixed alphabet of the pieces the stages treat
//! specially (deterministic from a seed, so a failure can be replayed).

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Dataset, Quad};
use plangraph::export::{self, ExportFormat, ExportOptions};
use plangraph::graph::mapping::{map_plan, MappingOptions};
use plangraph::resolve::registry::DEFAULT_BASE;
// Only its random generator is used here.
#[allow(dead_code)]
#[path = "../benches/common/synthetic.rs"]
mod synthetic;

use plangraph::read::source::{decode, InputEncoding};
use plangraph::store::query::parse_param;
use plangraph::store::shacl::Shapes;
use plangraph::{bundled_plan, parse, Registry, SourceText, UserMetadata};
use synthetic::Rng;

const PIECES: &[&str] = &[
    "（",
    "）",
    "(",
    ")",
    "、",
    "，",
    ",",
    "。",
    "；",
    "\n",
    "\n\n",
    " ",
    "　",
    "“",
    "”",
    "《",
    "》",
    "（一）",
    "（十三）",
    "(九十九)",
    "一、",
    "1.",
    "12．",
    "负责",
    "牵头",
    "按职责分工",
    "分别",
    "等",
    "工商总局",
    "部",
    "国家发展委",
    "中美",
    "中欧、、中日",
    "剑网行动",
    "消费者权益保实施条例",
    "— 2 —",
    "2017年",
    "二○一二年五月十五日",
    "国办发〔2015〕17号",
    "質(zhì)",
    "省商务厅",
    "加强监管",
    "0",
];

#[test]
fn random_texts_parse_or_fail_cleanly() {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let mut rng = Rng::new(7);
    let mut parsed = 0;
    for case in 0..3000 {
        let len = 1 + rng.below(60);
        let text: String = (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        let source = SourceText::plain(format!("case-{case}"), text);
        let result =
            std::panic::catch_unwind(|| parse(&source, &registry, &UserMetadata::default()));
        let outcome = result.unwrap_or_else(|_| panic!("panicked on {:?}", source.text));
        if let Ok(plan) = outcome {
            parsed += 1;
            for task in &plan.tasks {
                assert!(task.span.begin <= task.span.end && task.span.end <= plan.source.chars);
            }
            let quads = map_plan(&plan, &registry, &MappingOptions::default()).unwrap();
            assert_reads_back(&quads, &source.text);
        }
    }
    assert!(
        parsed > 100,
        "some of the random texts hold tasks ({parsed})"
    );
}

/// The graph written as N-Quads and as TriG reads back, without a single error, as the same
/// set of quads.
fn assert_reads_back(quads: &[Quad], input: &str) {
    let expected: Dataset = quads.iter().cloned().collect();
    for format in [ExportFormat::NQuads, ExportFormat::TriG] {
        let bytes = export::serialize(quads, format, &ExportOptions::default()).unwrap();
        let rdf_format = match format {
            ExportFormat::NQuads => RdfFormat::NQuads,
            _ => RdfFormat::TriG,
        };
        let back: Dataset = RdfParser::from_format(rdf_format)
            .for_slice(&bytes)
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("{format:?} of {input:?} does not read back: {e}"))
            .into_iter()
            .collect();
        assert_eq!(back, expected, "{format:?} of {input:?}");
    }
}

/// Pieces of registry files: well-formed and broken Turtle, empty and odd names, bad years.
const REGISTRY_PIECES: &[&str] = &[
    "<agency/x> a pg:Agency ; skos:prefLabel \"新机构\"@zh .\n",
    "<agency/y> a pg:Agency ; skos:prefLabel \"\"@zh .\n",
    "<agency/z> a pg:AgencyGroup ; skos:prefLabel \"有关部门\"@zh ; skos:altLabel \" \"@zh .\n",
    "<agency/saic> skos:altLabel \"工商\"@zh .\n",
    "<agency/saic> skos:altLabel \"部\"@zh .\n",
    "<partner/us> pg:pairAbbreviation \"\" .\n",
    "<partner/us> pg:pairAbbreviation \"中\" .\n",
    "<partner/new> a pg:InternationalPartner ; skos:prefLabel \"新伙伴\"@zh ; pg:pairAbbreviation \"新\" .\n",
    "<agency/w> a pg:Agency ; skos:prefLabel \"某局\"@zh ; pg:activeFrom \"20x8\"^^xsd:gYear .\n",
    "<agency/v> a pg:Agency ; skos:prefLabel \"某委\"@zh ; pg:activeUntil \"2016\"^^xsd:gYear .\n",
    "<change/c> a org:ChangeEvent ; rdfs:label \"plain\" ; prov:startedAtTime \"2018-03-17\"^^xsd:date ; org:originalOrganization <agency/saic> ; org:resultingOrganization <agency/x> .\n",
    "<campaign/c> a pg:Campaign ; skos:prefLabel \"清网行动\"@zh .\n",
    "<law/l> a pg:LegalInstrument ; skos:prefLabel \"《\"@zh .\n",
    "<agency/q> a pg:Agency ; skos:prefLabel \"局\"@zh-Hant-TW .\n",
    "<agency/broken> a pg:Agency ; skos:prefLabel \"缺\n",
    "<bad iri> a pg:Agency .\n",
    "_:b a pg:Agency ; skos:prefLabel \"空白节点\"@zh .\n",
];

#[test]
fn random_registry_files_are_read_or_refused_and_never_hang_the_parse() {
    let prefixes = "@prefix pg: <https://w3id.org/plangraph#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix org: <http://www.w3.org/ns/org#> .\n@prefix prov: <http://www.w3.org/ns/prov#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n";
    let mut rng = Rng::new(11);
    let mut read = 0;
    let started = std::time::Instant::now();
    for case in 0..60 {
        let pieces = 1 + rng.below(5);
        let file: String = (0..pieces)
            .map(|_| REGISTRY_PIECES[rng.below(REGISTRY_PIECES.len())])
            .collect();
        let text = format!("{prefixes}{file}");
        let mut registry = Registry::bundled(DEFAULT_BASE).unwrap();
        let Ok(()) = registry.add_rdf(
            &format!("registry-{case}.ttl"),
            &text,
            RdfFormat::Turtle,
            DEFAULT_BASE,
        ) else {
            continue;
        };
        read += 1;
        let plan = parse(&bundled_plan(), &registry, &UserMetadata::default())
            .unwrap_or_else(|e| panic!("the seed fails with registry {file:?}: {e}"));
        let quads = map_plan(&plan, &registry, &MappingOptions::default()).unwrap();
        assert_reads_back(&quads, &file);
    }
    assert!(
        read > 5 && read < 60,
        "some files read, some refused ({read})"
    );
    // A hang would never get here; a scan that barely advances would take minutes.
    assert!(started.elapsed().as_secs() < 120);
}

/// Pieces of shapes files: implemented and unimplemented SHACL terms, odd values.
const SHAPE_PIECES: &[&str] = &[
    "sh:targetClass pg:Task ; ",
    "sh:targetClass pg:Nothing ; ",
    "sh:targetSubjectsOf pg:plan ; ",
    "sh:closed true ; ",
    "sh:property [ sh:path pg:plan ; sh:minCount 1 ] ; ",
    "sh:property [ sh:path pg:number ; sh:datatype xsd:integer ] ; ",
    "sh:property [ sh:path pg:number ; sh:maxCount \"x\" ] ; ",
    "sh:property [ sh:path pg:text ; sh:pattern \"^（\" ] ; ",
    "sh:property [ sh:path pg:text ; sh:pattern \"(\" ] ; ",
    "sh:property [ sh:path ( pg:a pg:b ) ; sh:minCount 1 ] ; ",
    "sh:property [ sh:path pg:role ; sh:in ( pg:Lead pg:Supporting ) ] ; ",
    "sh:property [ sh:path pg:agency ; sh:class pg:Agency ; sh:nodeKind sh:IRI ] ; ",
    "sh:minCount 1 ; ",
    "sh:sparql [ sh:select \"SELECT $this WHERE { $this pg:number 99 }\" ] ; ",
    "sh:sparql [ sh:select \"SELECT WHERE {\" ] ; ",
    "sh:or ( [ sh:path pg:plan ] ) ; ",
];

#[test]
fn random_shapes_are_implemented_or_refused() {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let plan = parse(&bundled_plan(), &registry, &UserMetadata::default()).unwrap();
    let data: Dataset = map_plan(&plan, &registry, &MappingOptions::default())
        .unwrap()
        .into_iter()
        .collect();
    let prefixes = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix pg: <https://w3id.org/plangraph#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n";
    let mut rng = Rng::new(13);
    let (mut accepted, mut refused) = (0, 0);
    for _ in 0..80 {
        let pieces = 1 + rng.below(4);
        let body: String = (0..pieces)
            .map(|_| SHAPE_PIECES[rng.below(SHAPE_PIECES.len())])
            .collect();
        let text = format!("{prefixes}[] a sh:NodeShape ; {body}.\n");
        let outcome = std::panic::catch_unwind(|| {
            Shapes::parse("shapes.ttl", &text).and_then(|shapes| shapes.validate(&data))
        })
        .unwrap_or_else(|_| panic!("panicked on {body:?}"));
        match outcome {
            Ok(_) => accepted += 1,
            Err(error) => {
                refused += 1;
                assert!(!error.message.is_empty(), "{body:?}");
            }
        }
    }
    assert!(
        accepted > 5 && refused > 5,
        "{accepted} accepted, {refused} refused"
    );
}

/// Pieces of option values: IRIs, numbers, quotes, control characters, dates.
const VALUE_PIECES: &[&str] = &[
    "商务部",
    "<",
    ">",
    "http://x/",
    " ",
    "\"",
    "@zh",
    "42",
    "-1",
    "=",
    "?",
    "$",
    "\\",
    "\n",
    "#",
    "2017-05-16",
    "2017-13-45",
    "国办发〔2017〕46号",
    "{",
    "}",
    "%20",
    "\u{0}",
];

#[test]
fn random_parameters_and_metadata_are_used_or_refused() {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let mut rng = Rng::new(17);
    let value = |rng: &mut Rng| -> String {
        (0..1 + rng.below(4))
            .map(|_| VALUE_PIECES[rng.below(VALUE_PIECES.len())])
            .collect()
    };
    let query = plangraph::store::named::named("tasks-by-agency").unwrap();
    let store = plangraph::store::store_of(
        map_plan(
            &parse(&bundled_plan(), &registry, &UserMetadata::default()).unwrap(),
            &registry,
            &MappingOptions::default(),
        )
        .unwrap(),
    )
    .unwrap();
    for _ in 0..100 {
        let param = format!("agency={}", value(&mut rng));
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let binding = parse_param(&param)?;
            let prepared = plangraph::store::query::prepare("q", query, &[binding])?;
            plangraph::store::query::run(&store, prepared)
        }));
        assert!(outcome.is_ok(), "panicked on --param {param:?}");
    }
    let mut built = 0;
    for _ in 0..60 {
        let issued = match rng.below(3) {
            0 => None,
            1 => Some("2017-05-16".to_string()),
            _ => Some(value(&mut rng)),
        };
        let source_url =
            (rng.below(2) == 0).then(|| format!("http://example.org/{}", value(&mut rng)));
        let metadata = UserMetadata {
            title: Some(value(&mut rng)),
            identifier: Some(value(&mut rng)),
            issuer: Some(value(&mut rng)),
            issued,
            source_url,
            year: None,
        };
        let outcome = std::panic::catch_unwind(|| {
            plangraph::build_graph(
                &[bundled_plan()],
                &registry,
                &metadata,
                &MappingOptions::default(),
            )
        })
        .unwrap_or_else(|_| panic!("panicked on {metadata:?}"));
        if let Ok(graph) = outcome {
            built += 1;
            assert_reads_back(&graph.quads, &format!("{metadata:?}"));
        }
    }
    assert!(
        built > 5 && built < 60,
        "some metadata used, some refused ({built})"
    );
}

/// One random change to a file's bytes: a few bits flipped, the end cut off, or a range taken
/// out.
fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng) -> String {
    let len = bytes.len();
    match rng.below(3) {
        0 => {
            let flips = 1 + rng.below(8);
            for _ in 0..flips {
                let at = rng.below(len);
                bytes[at] ^= 1 << rng.below(8);
            }
            format!("{flips} bits flipped")
        }
        1 => {
            let at = rng.below(len);
            bytes.truncate(at);
            format!("cut at byte {at}")
        }
        _ => {
            let at = rng.below(len);
            let end = (at + 1 + rng.below(2000)).min(len);
            bytes.drain(at..end);
            format!("bytes {at}..{end} deleted")
        }
    }
}

/// A damaged Word file is read or refused, with a message naming it; it never panics. 1,000
/// copies of the seed's .docx, each changed one to three times (seed 19: replay by case number).
#[test]
fn mutated_word_files_are_read_or_refused_by_name() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/formats/seed-2017.docx"
    );
    let original = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let mut rng = Rng::new(19);
    // Refused: as a damaged Word file, as a zip that is not one (its directory is gone), other.
    let (mut word, mut zip, mut other, mut parsed) = (0, 0, 0, 0);
    const CASES: usize = 1000;
    let started = std::time::Instant::now();
    for case in 0..CASES {
        let mut bytes = original.clone();
        let changes: Vec<String> = (0..1 + rng.below(3))
            .map(|_| mutate(&mut bytes, &mut rng))
            .collect();
        let name = format!("mutant-{case}.docx");
        let outcome = std::panic::catch_unwind(|| {
            let source = decode(&name, &bytes, InputEncoding::Auto)?;
            parse(&source, &registry, &UserMetadata::default()).map(|_| ())
        })
        .unwrap_or_else(|_| panic!("panicked on case {case} (seed-2017.docx, {changes:?})"));
        let Err(error) = outcome else {
            parsed += 1;
            continue;
        };
        let message = error.to_string();
        assert!(
            error.input == name && message.starts_with(&format!("{name}: ")),
            "case {case} ({changes:?}): the message does not name the file: {message}"
        );
        if message.contains("Word file") || message.contains("word/document.xml") {
            word += 1;
        } else if message.contains("zip archive") {
            zip += 1;
        } else {
            other += 1;
        }
    }
    let per_call = started.elapsed().as_secs_f64() * 1000.0 / CASES as f64;
    eprintln!(
        "{CASES} mutated seed-2017.docx: {parsed} parsed; refused {word} as damaged Word files, {zip} as zip archives, {other} otherwise; {per_call:.2} ms per decode and parse"
    );
    assert!(
        word >= 950,
        "a damaged Word file is called one ({word} of {CASES}; {zip} called zip archives)"
    );
}
