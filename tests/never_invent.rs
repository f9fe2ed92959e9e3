//! The graph states only what the text says, read from where the text says it: probes written
//! for each defect found by reading the code (issue 11), each of which the parser got wrong.

use plangraph::graph::mapping::MappingOptions;
use plangraph::model::{EntityKind, Outcome, Plan, PlanRelation};
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::{build_graph, parse, Registry, SourceText, UserMetadata};

fn source(name: &str, text: &str) -> SourceText {
    SourceText::plain(name, text)
}

fn plan_of(text: &str) -> Plan {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    parse(
        &source("probe.txt", text),
        &registry,
        &UserMetadata::default(),
    )
    .unwrap()
}

fn turtle_of(sources: &[SourceText]) -> String {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let graph = build_graph(
        sources,
        &registry,
        &UserMetadata::default(),
        &MappingOptions::default(),
    )
    .unwrap();
    let options = plangraph::export::ExportOptions {
        prefixes: plangraph::export::default_prefixes(DEFAULT_BASE, &graph.plan_iris),
        jsonld_context: None,
    };
    let bytes = plangraph::export::serialize(
        &graph.quads,
        plangraph::export::ExportFormat::NTriples,
        &options,
    )
    .unwrap();
    String::from_utf8(bytes).unwrap()
}

/// A task citing another document's number, and a date on a line of its own inside a task.
const CITES_A_NUMBER: &str = "\
2019年某省打击侵犯知识产权和制售假冒伪劣商品工作要点

（一）加强知识产权保护。贯彻落实《国务院关于新形势下加快知识产权强国建设的若干意见》（国发〔2016〕86号），严厉打击侵权假冒行为。（省市场监管局负责）
（二）开展集中整治行动，整治工作自下列日期起开展：
2019年5月1日
各地要按时部署，加强督促检查，确保取得实效。（省公安厅负责）
";

#[test]
fn a_number_or_date_a_task_prints_is_not_the_documents() {
    let plan = plan_of(CITES_A_NUMBER);
    assert_eq!(plan.document.identifier, None);
    assert_eq!(plan.document.issued, None);
    assert_eq!(
        plan.document.title.as_deref(),
        Some("2019年某省打击侵犯知识产权和制售假冒伪劣商品工作要点")
    );
    let cited = plan
        .mentions
        .iter()
        .find(|m| m.name == "国务院关于新形势下加快知识产权强国建设的若干意见");
    assert!(cited.is_some(), "the cited opinion stays a mention");
    let nt = turtle_of(&[source("probe.txt", CITES_A_NUMBER)]);
    assert!(
        !nt.contains("国发〔2016〕86号>"),
        "no plan IRI from a cited number"
    );
    assert!(!nt.contains("2019-05-01"));
}

/// A plan with no title of its own whose first task cites a strategy with a year in it.
const CITES_A_TITLE: &str = "\
（一）实施知识产权战略。落实《2008年国家知识产权战略纲要》，履行《与贸易有关的知识产权协定》规定的义务。（国家知识产权局负责）
（二）加强广播电视领域版权保护，查处非法传播行为。（广电总局负责）
";

#[test]
fn a_title_cited_in_a_task_is_not_the_plans_title() {
    let plan = plan_of(CITES_A_TITLE);
    assert_eq!(plan.document.title, None);
    assert_eq!(plan.document.year, None, "no year from a cited title");
    let names: Vec<&str> = plan.mentions.iter().map(|m| m.name.as_str()).collect();
    assert!(names.contains(&"2008年国家知识产权战略纲要"), "{names:?}");
    assert!(names.contains(&"与贸易有关的知识产权协定"), "{names:?}");
    // Without a year, 广电总局 is a name several bodies bore.
    let broadcasting = plan.tasks[1].subtasks[0].parenthetical.slots[0].resolution;
    assert_eq!(broadcasting, Outcome::Ambiguous);

    // With a title line, the plan's year picks the body of that year.
    let titled = plan_of(&format!(
        "2019年打击侵犯知识产权工作要点\n\n{CITES_A_TITLE}"
    ));
    assert_eq!(titled.document.year, Some(2019));
    let slot = &titled.tasks[1].subtasks[0].parenthetical.slots[0];
    assert_eq!(
        titled.agency(slot).map(|a| a.name_zh.as_str()),
        Some("国家广播电视总局")
    );
}

#[test]
fn an_unregistered_name_is_labelled_as_printed_under_one_identifier() {
    let text = "\
2019年某市打击侵权假冒工作要点

（一）开展“ABC清网”专项行动，落实《某市网络交易管理办法（试行）》。（市市场监管局负责）
";
    let plan = plan_of(text);
    let campaign = plan
        .mentions
        .iter()
        .find(|m| m.kind == EntityKind::Campaign)
        .expect("the quoted campaign");
    assert_eq!(
        campaign.name, "ABC清网专项行动",
        "as printed, not a match key"
    );
    let instrument = plan
        .mentions
        .iter()
        .find(|m| m.kind == EntityKind::LegalInstrument)
        .expect("the title in 《》");
    assert_eq!(instrument.name, "某市网络交易管理办法（试行）");
    let nt = turtle_of(&[source("probe.txt", text)]);
    for mention in [campaign, instrument] {
        let iri = format!("<{DEFAULT_BASE}{}>", mention.id);
        assert!(nt.contains(&iri), "the JSON id is the graph's IRI: {iri}");
        assert!(
            nt.contains(&format!(
                "{iri} <http://www.w3.org/2004/02/skos/core#prefLabel> \"{}\"@zh",
                mention.name
            )),
            "{iri} labelled as printed"
        );
    }
}

/// A provincial plan that says it implements the national plan of the year.
const CITES_THE_NATIONAL_PLAN: &str = "\
2022年某省打击侵犯知识产权和制售假冒伪劣商品工作要点

为贯彻落实《2022年全国打击侵犯知识产权和制售假冒伪劣商品工作要点》，结合我省实际，制定本要点。
（一）加强互联网领域侵权假冒治理。开展网络市场监管专项行动。（省市场监管局牵头，省公安厅配合）
（二）对照《2021年某省打击侵权假冒工作要点》查漏补缺。（省市场监管局负责）
";

#[test]
fn a_cited_work_plan_is_a_link_between_plans() {
    let plan = plan_of(CITES_THE_NATIONAL_PLAN);
    assert_eq!(
        plan.document.title.as_deref(),
        Some("2022年某省打击侵犯知识产权和制售假冒伪劣商品工作要点")
    );
    let cited: Vec<(&str, PlanRelation)> = plan
        .cited_plans
        .iter()
        .map(|c| (c.title.as_str(), c.relation))
        .collect();
    assert_eq!(
        cited,
        [
            (
                "2022年全国打击侵犯知识产权和制售假冒伪劣商品工作要点",
                PlanRelation::BasedOn
            ),
            ("2021年某省打击侵权假冒工作要点", PlanRelation::References),
        ]
    );
    assert!(
        plan.mentions.iter().all(|m| !m.name.contains("工作要点")),
        "a cited plan is not an instrument"
    );

    // Alone, the citation points at a node named by the title.
    let based_on = "<http://data.europa.eu/eli/ontology#based_on>";
    let alone = turtle_of(&[source("province.txt", CITES_THE_NATIONAL_PLAN)]);
    assert!(alone.contains(&format!(
        "{based_on} <{DEFAULT_BASE}plan/2022年全国打击侵犯知识产权和制售假冒伪劣商品工作要点>"
    )));
    // Loaded beside the national plan (numbered 打假发〔2022〕1号), it points at that plan's node.
    let national = std::fs::read_to_string("tests/fixtures/leading-group-2022.txt").unwrap();
    let both = turtle_of(&[
        source("province.txt", CITES_THE_NATIONAL_PLAN),
        source("leading-group-2022.txt", &national),
    ]);
    let national_node = format!("<{DEFAULT_BASE}plan/打假发〔2022〕1号>");
    assert!(
        both.contains(&format!("{based_on} {national_node}")),
        "linked to the loaded plan"
    );
    assert!(both.contains(&format!(
        "<http://purl.org/dc/terms/references> <{DEFAULT_BASE}plan/2021年某省打击侵权假冒工作要点>"
    )));
}
