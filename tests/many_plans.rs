//! Several plans in one graph: each in its own named graph, one node per institution whatever
//! short form or script each plan prints.

use oxigraph::model::Term;
use plangraph::graph::build_graph;
use plangraph::graph::mapping::MappingOptions;
use plangraph::read::source::{decode, InputEncoding};
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::store::query::{self, Answer};
use plangraph::store::{self, named as queries};
use plangraph::{bundled_plan, Registry, UserMetadata};
use std::collections::{BTreeMap, BTreeSet};

fn fixture(name: &str) -> plangraph::SourceText {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    decode(name, &std::fs::read(path).unwrap(), InputEncoding::Auto).unwrap()
}

#[test]
fn one_node_per_institution_across_plans() {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let sources = [
        bundled_plan(),
        fixture("traditional-2016.txt"),
        fixture("province-2020.txt"),
        fixture("leading-group-2022.txt"),
    ];
    let options = MappingOptions::default();
    let graph = build_graph(&sources, &registry, &UserMetadata::default(), &options).unwrap();
    assert_eq!(graph.plan_iris.len(), 4);
    let graphs: BTreeSet<String> = graph
        .quads
        .iter()
        .map(|q| q.graph_name.to_string())
        .collect();
    assert_eq!(graphs.len(), 5, "four plan graphs and the reference graph");

    // 工商总局 (2017, simplified) and 工商總局 (2016, traditional) are one node.
    let saic = format!("<{DEFAULT_BASE}agency/saic>");
    let plans_naming_saic: BTreeSet<String> = graph
        .quads
        .iter()
        .filter(|q| {
            q.predicate.as_str() == "https://w3id.org/plangraph#agency"
                && q.object.to_string() == saic
        })
        .map(|q| q.graph_name.to_string())
        .collect();
    assert_eq!(plans_naming_saic.len(), 2);

    let store = store::store_of(graph.quads).unwrap();
    let prepared =
        query::prepare("agency-plans", queries::named("agency-plans").unwrap(), &[]).unwrap();
    let Answer::Solutions { rows, .. } = query::run(&store, prepared).unwrap() else {
        panic!()
    };
    let text = |t: &Option<Term>| match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let saic_leads: Vec<(String, String)> = rows
        .iter()
        .filter(|r| text(&r[0]) == saic)
        .map(|r| (text(&r[2]), text(&r[3])))
        .collect();
    assert_eq!(saic_leads.len(), 2, "{saic_leads:?}");
    assert!(
        saic_leads
            .iter()
            .any(|(plan, tasks)| plan.starts_with("2016年") && tasks == "2"),
        "{saic_leads:?}"
    );
    let mut seed_tasks: Vec<u32> = saic_leads
        .iter()
        .find(|(plan, _)| plan.starts_with("2017年"))
        .unwrap()
        .1
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    seed_tasks.sort();
    let gold_leads: Vec<u32> = gold_roles("工商总局")
        .into_iter()
        .filter(|(_, role)| role == "Lead")
        .map(|(task, _)| task)
        .collect();
    assert_eq!(seed_tasks, gold_leads, "the seed's tasks led by 工商总局");
}

/// The (task, role) pairs the gold file gives the printed name `printed` in the seed, roles as
/// the ontology names them (`Lead`, `Responsible`, `Supporting`).
fn gold_roles(printed: &str) -> BTreeSet<(u32, String)> {
    let gold: serde_json::Value =
        serde_json::from_str(include_str!("gold/seed-2017.json")).unwrap();
    let mut roles = BTreeSet::new();
    for task in gold["tasks"].as_array().unwrap() {
        let number = task["number"].as_u64().unwrap() as u32;
        for clause in task["clauses"].as_array().unwrap() {
            for (key, role) in [
                ("lead", "Lead"),
                ("responsible", "Responsible"),
                ("supporting", "Supporting"),
            ] {
                if clause[key].as_array().unwrap().iter().any(|n| n == printed) {
                    roles.insert((number, role.to_string()));
                }
            }
        }
    }
    roles
}

/// The successors query's rows for `agency` over `sources`, each as column → text.
fn successors(sources: &[plangraph::SourceText], agency: &str) -> Vec<BTreeMap<String, String>> {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let graph = build_graph(
        sources,
        &registry,
        &UserMetadata::default(),
        &MappingOptions::default(),
    )
    .unwrap();
    let store = store::store_of(graph.quads).unwrap();
    let params = vec![query::parse_param(&format!("agency={agency}")).unwrap()];
    let prepared =
        query::prepare("successors", queries::named("successors").unwrap(), &params).unwrap();
    let Answer::Solutions { variables, rows } = query::run(&store, prepared).unwrap() else {
        panic!()
    };
    let text = |t: &Option<Term>| match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    rows.iter()
        .map(|row| {
            variables
                .iter()
                .zip(row)
                .map(|(v, t)| (v.as_str().to_string(), text(t)))
                .collect()
        })
        .collect()
}

#[test]
fn successors_follow_the_2018_reorganisation_across_plans() {
    let rows = successors(
        &[bundled_plan(), fixture("leading-group-2022.txt")],
        "工商总局",
    );
    let bodies: BTreeSet<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["relation"].as_str(),
                r["name"].as_str(),
                r["today"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        bodies,
        BTreeSet::from([
            ("itself", "国家工商行政管理总局", "false"),
            ("successor", "国家市场监督管理总局", "true"),
            ("successor", "国家药品监督管理局", "true"),
        ])
    );
    // The successor leads a task in the 2022 plan; the body itself held 15 tasks in 2017.
    let held = |relation: &str, plan_year: &str| -> BTreeSet<String> {
        rows.iter()
            .filter(|r| r["relation"] == relation && r["plan"].starts_with(plan_year))
            .map(|r| format!("{} {}", r["task"], r["role"]))
            .collect()
    };
    assert_eq!(
        held("successor", "2022"),
        BTreeSet::from(["2 Lead".to_string()])
    );
    let gold_held: BTreeSet<String> = gold_roles("工商总局")
        .into_iter()
        .map(|(task, role)| format!("{task} {role}"))
        .collect();
    assert_eq!(held("itself", "2017"), gold_held);
}

/// The successors query's (relation, body, whether it exists today) for `agency` over the seed.
fn relations_of(agency: &str) -> BTreeSet<(String, String, bool)> {
    successors(&[bundled_plan()], agency)
        .into_iter()
        .map(|r| {
            (
                r["relation"].clone(),
                r["name"].clone(),
                r["today"] == "true",
            )
        })
        .collect()
}

#[test]
fn the_2023_reorganisation_hands_work_on_without_ending_the_bodies_that_live_on() {
    let set = |items: &[(&str, &str, bool)]| -> BTreeSet<(String, String, bool)> {
        items
            .iter()
            .map(|(r, n, t)| (r.to_string(), n.to_string(), *t))
            .collect()
    };
    // The National Data Administration took over part of the NDRC's work; the NDRC lives on.
    assert_eq!(
        relations_of("国家发展改革委"),
        set(&[
            ("itself", "国家发展和改革委员会", true),
            ("successor in part", "国家数据局", true),
        ])
    );
    // A change of status only: no successor, no predecessor.
    assert_eq!(
        relations_of("国家知识产权局"),
        set(&[("itself", "国家知识产权局", true)])
    );
    // Two reorganisations merged into the Ministry of Agriculture and Rural Affairs.
    assert_eq!(
        relations_of("农业农村部"),
        set(&[
            ("itself", "农业农村部", true),
            ("predecessor", "农业部", false),
            ("predecessor", "国家乡村振兴局", false),
        ])
    );
    assert_eq!(
        relations_of("乡村振兴局"),
        set(&[
            ("itself", "国家乡村振兴局", false),
            ("successor", "农业农村部", true),
        ])
    );
}

#[test]
fn the_streamed_nquads_of_a_corpus_are_the_bytes_of_the_whole_graph() {
    use plangraph::export::{self, stream, ExportFormat, ExportOptions};
    use plangraph::graph::corpus::{thread_pool, Corpus};
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let mut sources = vec![bundled_plan()];
    for folder in [
        "tests/fixtures",
        "tests/fixtures/genre",
        "tests/fixtures/genre-blind",
    ] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        names.sort();
        for path in names {
            let name = path.display().to_string();
            sources
                .push(decode(&name, &std::fs::read(&path).unwrap(), InputEncoding::Auto).unwrap());
        }
    }
    let options = MappingOptions {
        plan_id: Some("{dir}-{stem}".into()),
        ..MappingOptions::default()
    };
    let metadata = UserMetadata::default();
    let whole = build_graph(&sources, &registry, &metadata, &options).unwrap();
    let expected = export::serialize(
        &whole.quads,
        ExportFormat::NQuads,
        &ExportOptions::default(),
    )
    .unwrap();
    for (threads, chunk) in [(1, 1), (2, 3), (4, 16)] {
        let pool = thread_pool(threads).unwrap();
        let corpus = Corpus {
            count: sources.len(),
            read: |i: usize| Ok(sources[i].clone()),
            registry: &registry,
            metadata: &metadata,
            mapping: &options,
            pool: &pool,
        };
        let mut streamed = Vec::new();
        let written = stream::write_nquads(&corpus, chunk, &mut streamed).unwrap();
        assert_eq!(written.plans, sources.len());
        assert_eq!(written.quads, whole.quads.len());
        assert!(streamed == expected, "{threads} threads, chunks of {chunk}");
    }
}
