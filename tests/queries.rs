//! The named queries on the seed plan give the gold file's answers.

use oxigraph::model::{Term, Variable};
use oxigraph::store::Store;
use plangraph::graph::build_graph;
use plangraph::graph::mapping::MappingOptions;
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::store::query::{self, Answer};
use plangraph::store::{self, named as queries};
use plangraph::{bundled_plan, Registry, UserMetadata};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn seed_store() -> Store {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let options = MappingOptions::default();
    let graph = build_graph(
        &[bundled_plan()],
        &registry,
        &UserMetadata::default(),
        &options,
    )
    .unwrap();
    store::store_of(graph.quads).unwrap()
}

fn gold() -> Value {
    serde_json::from_str(include_str!("gold/seed-2017.json")).unwrap()
}

/// Runs a named query; rows as maps from variable name to the term's value.
fn named(store: &Store, name: &str, params: &[(&str, &str)]) -> Vec<BTreeMap<String, String>> {
    let params: Vec<(Variable, Term)> = params
        .iter()
        .map(|(k, v)| query::parse_param(&format!("{k}={v}")).unwrap())
        .collect();
    let prepared = query::prepare(name, queries::named(name).unwrap(), &params).unwrap();
    let Answer::Solutions { variables, rows } = query::run(store, prepared).unwrap() else {
        panic!("{name} is a SELECT query")
    };
    rows.into_iter()
        .map(|row| {
            variables
                .iter()
                .zip(row)
                .filter_map(|(v, t)| {
                    let value = match t? {
                        Term::Literal(l) => l.value().to_string(),
                        Term::NamedNode(n) => n.as_str().to_string(),
                        other => other.to_string(),
                    };
                    Some((v.as_str().to_string(), value))
                })
                .collect()
        })
        .collect()
}

/// Gold slots as (task, ordinal, role, printed name or None).
fn gold_slots(gold: &Value) -> Vec<(u64, u64, &'static str, Option<String>)> {
    let mut slots = Vec::new();
    for task in gold["tasks"].as_array().unwrap() {
        let n = task["number"].as_u64().unwrap();
        for clause in task["clauses"].as_array().unwrap() {
            let ordinal = clause["ordinal"].as_u64().unwrap();
            for (key, role) in [
                ("lead", "Lead"),
                ("responsible", "Responsible"),
                ("supporting", "Supporting"),
            ] {
                for name in clause[key].as_array().unwrap() {
                    slots.push((n, ordinal, role, name.as_str().map(str::to_string)));
                }
            }
        }
    }
    slots
}

/// The full name the gold gives a printed name, if it resolves to one body.
fn full_name(gold: &Value, printed: &str) -> Option<String> {
    let entry = &gold["agencies"]["names"][printed];
    entry["full"].as_str().map(str::to_string)
}

#[test]
fn outline_lists_every_task_with_its_subtask_count() {
    let rows = named(&seed_store(), "outline", &[]);
    let gold = gold();
    let expected: Vec<(String, String, String)> = gold["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["number"].to_string(),
                t["title"].as_str().unwrap().to_string(),
                t["clauses"].as_array().unwrap().len().to_string(),
            )
        })
        .collect();
    let found: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| (r["task"].clone(), r["title"].clone(), r["subtasks"].clone()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn tasks_by_agency_takes_printed_short_and_full_names() {
    let store = seed_store();
    let gold = gold();
    let slots = gold_slots(&gold);
    // By printed name: exactly the gold slots with that name (ambiguous 部 included).
    for printed in [
        "国家发展委",
        "部",
        "工商总局",
        "全国打击侵权假冒工作领导小组办公室",
    ] {
        let expected: BTreeSet<(String, String, String)> = slots
            .iter()
            .filter(|s| s.3.as_deref() == Some(printed))
            .map(|s| (s.0.to_string(), s.1.to_string(), s.2.to_string()))
            .collect();
        let found: BTreeSet<(String, String, String)> =
            named(&store, "tasks-by-agency", &[("agency", printed)])
                .iter()
                .map(|r| (r["task"].clone(), r["subtask"].clone(), r["role"].clone()))
                .collect();
        assert_eq!(found, expected, "{printed}");
    }
    // By full name: every slot whose printed name the gold resolves to that body. Task 17's
    // agencies, for instance.
    for full in [
        "国家发展和改革委员会",
        "国家工商行政管理总局",
        "最高人民检察院",
        "国家新闻出版广电总局",
    ] {
        let expected: BTreeSet<(String, String)> = slots
            .iter()
            .filter(|s| s.3.as_deref().and_then(|p| full_name(&gold, p)).as_deref() == Some(full))
            .map(|s| (s.0.to_string(), s.2.to_string()))
            .collect();
        let found: BTreeSet<(String, String)> =
            named(&store, "tasks-by-agency", &[("agency", full)])
                .iter()
                .map(|r| (r["task"].clone(), r["role"].clone()))
                .collect();
        assert_eq!(found, expected, "{full}");
    }
}

/// Per full name: (tasks led, lead slots, responsible slots, supporting slots), from the gold.
fn gold_workload(gold: &Value) -> BTreeMap<String, (BTreeSet<u64>, usize, usize, usize)> {
    let mut out: BTreeMap<String, (BTreeSet<u64>, usize, usize, usize)> = BTreeMap::new();
    for (task, _, role, printed) in gold_slots(gold) {
        let Some(full) = printed.as_deref().and_then(|p| full_name(gold, p)) else {
            continue;
        };
        let entry = out.entry(full).or_default();
        match role {
            "Lead" => {
                entry.0.insert(task);
                entry.1 += 1;
            }
            "Responsible" => entry.2 += 1,
            _ => entry.3 += 1,
        }
    }
    out
}

#[test]
fn lead_agencies_and_workload_match_the_gold() {
    let store = seed_store();
    let gold = gold();
    let expected = gold_workload(&gold);
    // The number of lead slots, empty ones included.
    let lead_slots = gold_slots(&gold).iter().filter(|s| s.2 == "Lead").count();
    let text =
        "PREFIX pg: <https://w3id.org/plangraph#> SELECT ?slot WHERE { ?slot pg:role pg:Lead }";
    let Answer::Solutions { rows, .. } =
        query::run(&store, query::prepare("q", text, &[]).unwrap()).unwrap()
    else {
        panic!()
    };
    assert_eq!(rows.len(), lead_slots);

    let leads = named(&store, "lead-agencies", &[]);
    let found: BTreeMap<String, String> = leads
        .iter()
        .map(|r| (r["name"].clone(), r["tasks"].clone()))
        .collect();
    let wanted: BTreeMap<String, String> = expected
        .iter()
        .filter(|(_, w)| !w.0.is_empty())
        .map(|(name, w)| (name.clone(), w.0.len().to_string()))
        .collect();
    assert_eq!(found, wanted);
    assert_eq!(
        leads[0]["name"], "全国打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室",
        "ranked first"
    );

    let workload = named(&store, "agency-workload", &[]);
    assert_eq!(workload.len(), expected.len());
    for row in workload {
        let w = &expected[&row["name"]];
        let counts = (
            row["lead"].clone(),
            row["responsible"].clone(),
            row["supporting"].clone(),
        );
        assert_eq!(
            counts,
            (w.1.to_string(), w.2.to_string(), w.3.to_string()),
            "{}",
            row["name"]
        );
    }
}

#[test]
fn co_responsibility_counts_shared_subtasks() {
    let store = seed_store();
    let gold = gold();
    let mut by_subtask: BTreeMap<(u64, u64), BTreeSet<String>> = BTreeMap::new();
    for (task, ordinal, _, printed) in gold_slots(&gold) {
        if let Some(full) = printed.as_deref().and_then(|p| full_name(&gold, p)) {
            by_subtask.entry((task, ordinal)).or_default().insert(full);
        }
    }
    let mut expected: BTreeMap<(String, String), usize> = BTreeMap::new();
    for names in by_subtask.values() {
        for a in names {
            for b in names {
                if a < b {
                    *expected.entry((a.clone(), b.clone())).or_default() += 1;
                }
            }
        }
    }
    let found: BTreeMap<(String, String), usize> = named(&store, "co-responsibility", &[])
        .iter()
        .map(|r| {
            let (a, b) = (r["aName"].clone(), r["bName"].clone());
            let pair = if a < b { (a, b) } else { (b, a) };
            (pair, r["shared"].parse().unwrap())
        })
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn campaigns_instruments_and_partners_with_their_tasks() {
    let store = seed_store();
    let gold = gold();
    for (query, group) in [
        ("campaigns", "campaigns"),
        ("legal-instruments", "legal_instruments"),
        ("partners", "partners"),
    ] {
        let rows = named(&store, query, &[]);
        for item in gold[group]["must"].as_array().unwrap() {
            let mut names: BTreeSet<String> = BTreeSet::new();
            names.insert(item["name"].as_str().unwrap().replace(['“', '”'], ""));
            names.extend(
                item["accept"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|a| a.as_str().unwrap().replace(['“', '”'], "")),
            );
            let found: BTreeSet<String> = rows
                .iter()
                .filter(|r| names.contains(&r["name"].replace(['“', '”'], "")))
                .map(|r| r.get("task").cloned().unwrap_or_else(|| "0".into()))
                .collect();
            let expected: BTreeSet<String> = item["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.to_string())
                .collect();
            assert_eq!(found, expected, "{query}: {}", item["name"]);
        }
    }
}

#[test]
fn gaps_lists_every_empty_and_ambiguous_slot_and_the_partner_gaps() {
    let store = seed_store();
    let gold = gold();
    let rows = named(&store, "gaps", &[]);
    let mut expected: BTreeSet<(String, String, String, String)> = BTreeSet::new();
    for task in gold["tasks"].as_array().unwrap() {
        for clause in task["clauses"].as_array().unwrap() {
            let names: Vec<&Value> = ["lead", "responsible", "supporting"]
                .iter()
                .flat_map(|k| clause[*k].as_array().unwrap())
                .collect();
            for (i, name) in names.iter().enumerate() {
                let kind = match name.as_str() {
                    None => "EmptySlot",
                    Some(p) if gold["agencies"]["names"][p]["form"] == "ambiguous" => "Ambiguous",
                    Some(_) => continue,
                };
                expected.insert((
                    task["number"].to_string(),
                    clause["ordinal"].to_string(),
                    (i + 1).to_string(),
                    kind.to_string(),
                ));
            }
        }
    }
    let slots: BTreeSet<(String, String, String, String)> = rows
        .iter()
        .filter(|r| r["kind"] != "PartnerGap")
        .map(|r| {
            (
                r["task"].clone(),
                r["subtask"].clone(),
                r["position"].clone(),
                r["kind"].clone(),
            )
        })
        .collect();
    assert_eq!(slots.len(), 17);
    assert_eq!(slots, expected);
    let partner_gaps: Vec<(String, String)> = rows
        .iter()
        .filter(|r| r["kind"] == "PartnerGap")
        .map(|r| (r["task"].clone(), r["list"].clone()))
        .collect();
    assert_eq!(
        partner_gaps,
        vec![
            ("28".into(), "中欧、、中巴(西)".into()),
            ("29".into(), "中欧、、中日韩".into())
        ]
    );
}

#[test]
fn results_formats_are_the_w3c_ones() {
    let store = seed_store();
    let text = "PREFIX pg: <https://w3id.org/plangraph#> SELECT ?n WHERE { ?t a pg:Task ; pg:number ?n } ORDER BY ?n LIMIT 2";
    let answer = query::run(&store, query::prepare("q", text, &[]).unwrap()).unwrap();
    let json: Value = serde_json::from_slice(
        &query::write_results(&answer, query::ResultsFormat::Json, &[]).unwrap(),
    )
    .unwrap();
    assert_eq!(json["head"]["vars"][0], "n");
    assert_eq!(json["results"]["bindings"][1]["n"]["value"], "2");
    let csv =
        String::from_utf8(query::write_results(&answer, query::ResultsFormat::Csv, &[]).unwrap())
            .unwrap();
    assert_eq!(csv, "n\r\n1\r\n2\r\n");
    let tsv =
        String::from_utf8(query::write_results(&answer, query::ResultsFormat::Tsv, &[]).unwrap())
            .unwrap();
    assert!(tsv.starts_with("?n\n1\n"));
    let xml =
        String::from_utf8(query::write_results(&answer, query::ResultsFormat::Xml, &[]).unwrap())
            .unwrap();
    assert!(xml.contains("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"));
    let ask = query::run(
        &store,
        query::prepare("q", "ASK { ?s ?p ?o }", &[]).unwrap(),
    )
    .unwrap();
    assert_eq!(ask, Answer::Boolean(true));
}
