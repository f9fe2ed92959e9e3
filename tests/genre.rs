//! Every way a 任务分工 document assigns work (issue 17), each form in a hand-written fixture in
//! `tests/fixtures/genre/`: labelled groups, deadlines, other wordings, names joined by 和 / 及 /
//! 与 / 以及, and collectives at every level. Each test states every slot the fixture prints.

use oxigraph::model::{Dataset, Term};
use plangraph::graph::build_graph;
use plangraph::graph::mapping::MappingOptions;
use plangraph::model::{AssignmentForm, Outcome, Plan, Role};
use plangraph::read::source::{decode, InputEncoding};
use plangraph::report::explain::explain;
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::store::query::{self, Answer};
use plangraph::store::shacl::Shapes;
use plangraph::store::{self, named};
use plangraph::{parse, Registry, SourceText, UserMetadata};

fn source(name: &str) -> SourceText {
    let path = format!("{}/tests/fixtures/genre/{name}", env!("CARGO_MANIFEST_DIR"));
    decode(name, &std::fs::read(path).unwrap(), InputEncoding::Auto).unwrap()
}

fn plan(name: &str) -> Plan {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    parse(&source(name), &registry, &UserMetadata::default()).unwrap()
}

/// A slot as the tests state it: (task, printed name, role, label, outcome).
type Row = (String, String, Role, Option<String>, Outcome);

fn rows(plan: &Plan) -> Vec<Row> {
    plan.slots()
        .map(|(task, _, slot)| {
            (
                task.id.clone(),
                slot.printed_name.clone().unwrap_or_default(),
                slot.role,
                slot.label.clone(),
                slot.resolution,
            )
        })
        .collect()
}

fn row(task: &str, name: &str, role: Role, label: Option<&str>, outcome: Outcome) -> Row {
    (
        task.into(),
        name.into(),
        role,
        label.map(String::from),
        outcome,
    )
}

/// Asserts the slots one by one, then that there are no more and no fewer.
fn assert_rows(plan: &Plan, expected: &[Row]) {
    let found = rows(plan);
    for (i, (f, e)) in found.iter().zip(expected).enumerate() {
        assert_eq!(f, e, "slot {}", i + 1);
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    // Positions count every slot of a parenthetical, from 1.
    for task in &plan.tasks {
        for sub in &task.subtasks {
            let positions: Vec<usize> =
                sub.parenthetical.slots.iter().map(|s| s.position).collect();
            let expected: Vec<usize> = (1..=positions.len()).collect();
            assert_eq!(positions, expected, "{}", sub.parenthetical.printed);
        }
    }
}

use Outcome::{Collective, Exact, Local};
use Role::{Lead, Responsible, Supporting};

#[test]
fn labelled_groups_in_round_square_and_lenticular_brackets() {
    let plan = plan("labelled-2021.txt");
    assert_rows(
        &plan,
        &[
            row("1", "区政府办公室", Lead, Some("牵头单位"), Local),
            row("1", "区司法局", Lead, Some("牵头单位"), Local),
            row(
                "1",
                "区政府有关部门",
                Responsible,
                Some("责任单位"),
                Collective,
            ),
            row("2", "区司法局", Lead, Some("牵头单位"), Local),
            row(
                "2",
                "各街道(功能区)",
                Supporting,
                Some("配合单位"),
                Collective,
            ),
            row("2", "区民政局", Supporting, Some("配合单位"), Local),
            row("3", "区司法局", Lead, Some("牵头部门"), Local),
            row("3", "区市场监管局", Supporting, Some("协办单位"), Local),
            row("3", "区城管局", Supporting, Some("协办单位"), Local),
            row("3", "各镇(街道)", Supporting, Some("参与单位"), Collective),
            row("4", "区司法局", Lead, Some("主办单位"), Local),
            row("4", "区公安分局", Responsible, Some("责任部门"), Local),
        ],
    );
    let printed: Vec<&str> = plan
        .tasks
        .iter()
        .flat_map(|t| &t.subtasks)
        .map(|s| s.parenthetical.printed.as_str())
        .collect();
    assert_eq!(
        printed[1],
        "〔牵头单位：区司法局；配合单位：各街道(功能区)、区民政局〕"
    );
    assert!(printed[2].starts_with('【'));
    let explained = explain(&plan, &source("labelled-2021.txt").text);
    assert!(
        explained.contains(
            "  2.1 〔牵头单位：X；配合单位：X、X〕 [labels: 牵头单位 → lead, 配合单位 → supporting] "
        ),
        "{explained}"
    );
}

#[test]
fn traditional_labels_are_kept_as_printed() {
    let plan = plan("traditional-labels-2021.txt");
    assert_rows(
        &plan,
        &[
            row("1", "縣政務服務中心", Lead, Some("牽頭單位"), Local),
            row(
                "1",
                "縣直有關部門",
                Responsible,
                Some("責任單位"),
                Collective,
            ),
            row("2", "縣發展改革局", Lead, Some("牽頭部門"), Local),
            row(
                "2",
                "各鄉鎮人民政府",
                Supporting,
                Some("配合單位"),
                Collective,
            ),
        ],
    );
}

#[test]
fn deadlines_are_facts_of_their_own_and_dated_only_with_a_year() {
    let plan = plan("deadlines-2021.txt");
    assert_rows(
        &plan,
        &[
            row("1", "国务院各部门", Responsible, None, Collective),
            row("2", "财政部", Responsible, None, Exact),
            row("2", "国家税务总局", Responsible, None, Exact),
            row("3", "商务部", Lead, None, Exact),
            row("3", "海关总署", Responsible, None, Exact),
            row("3", "国家税务总局", Responsible, None, Exact),
            row("4", "国家知识产权局", Responsible, None, Exact),
            row("5", "人力资源和社会保障部", Responsible, None, Exact),
        ],
    );
    let deadlines: Vec<(String, Option<String>)> = plan
        .tasks
        .iter()
        .flat_map(|t| &t.subtasks)
        .map(|s| {
            let d = s.parenthetical.deadline.as_ref().expect("a deadline");
            (d.printed.clone(), d.date.clone())
        })
        .collect();
    let expected = [
        ("年内持续推进", None),
        ("2021年底前完成", Some("2021-12-31")),
        ("2022年6月底前", Some("2022-06-30")),
        ("2021年9月30日前完成", Some("2021-09-30")),
        ("2022年6月前完成", None),
    ];
    let expected: Vec<(String, Option<String>)> = expected
        .iter()
        .map(|(p, d)| (p.to_string(), d.map(String::from)))
        .collect();
    assert_eq!(deadlines, expected);
    let explained = explain(&plan, &source("deadlines-2021.txt").text);
    assert!(
        explained.contains("  2.1 （X、X按职责分工负责，2021年底前完成） [deadline: 2021年底前完成, due 2021-12-31] "),
        "{explained}"
    );
}

#[test]
fn the_graph_states_deadlines_and_labels_conforms_and_answers_the_deadlines_query() {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let graph = build_graph(
        &[source("deadlines-2021.txt"), source("labelled-2021.txt")],
        &registry,
        &UserMetadata::default(),
        &MappingOptions::default(),
    )
    .unwrap();
    let data: Dataset = graph.quads.iter().cloned().collect();
    let validation = Shapes::bundled().unwrap().validate(&data).unwrap();
    assert!(
        validation.violations.is_empty(),
        "{:?}",
        validation.violations
    );
    let objects = |local: &str| -> Vec<String> {
        let predicate = format!("https://w3id.org/plangraph#{local}");
        graph
            .quads
            .iter()
            .filter(|q| q.predicate.as_str() == predicate)
            .map(|q| q.object.to_string())
            .collect()
    };
    assert_eq!(objects("deadline").len(), 5);
    assert!(objects("deadline").contains(&"\"2021年底前完成\"@zh".to_string()));
    assert_eq!(
        objects("dueDate"),
        [
            "\"2021-12-31\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "\"2022-06-30\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "\"2021-09-30\"^^<http://www.w3.org/2001/XMLSchema#date>",
        ]
    );
    assert_eq!(objects("roleLabel").len(), 12);

    let store = store::store_of(graph.quads).unwrap();
    let prepared = query::prepare("deadlines", named::named("deadlines").unwrap(), &[]).unwrap();
    let Answer::Solutions { variables, rows } = query::run(&store, prepared).unwrap() else {
        panic!("a SELECT query")
    };
    let column = |name: &str| variables.iter().position(|v| v.as_str() == name).unwrap();
    let value = |term: &Option<Term>| match term {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let listed: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                value(&r[column("dueDate")]),
                value(&r[column("agency")]),
                value(&r[column("role")]),
            )
        })
        .collect();
    // One row per slot of a subtask with a deadline, dated ones first by date.
    assert_eq!(listed.len(), 8);
    assert_eq!(
        listed[0],
        (
            "2021-09-30".into(),
            "国家知识产权局".into(),
            "Responsible".into()
        )
    );
    assert_eq!(
        listed[3],
        ("2022-06-30".into(), "商务部".into(), "Lead".into())
    );
    assert!(listed[6..].iter().all(|(date, _, _)| date.is_empty()));
}

#[test]
fn other_wordings() {
    let plan = plan("wordings-2022.txt");
    assert_rows(
        &plan,
        &[
            row("1", "省市场监管局", Responsible, None, Local),
            row("2", "省农业农村厅", Responsible, None, Local),
            row("2", "省市场监管局", Responsible, None, Local),
            row("3", "海关总署", Lead, None, Exact),
            row("3", "省商务厅", Supporting, Some("配合"), Local),
            row("4", "省版权局", Responsible, None, Local),
            row("4", "省工业和信息化厅", Responsible, None, Local),
            row("5", "省公安厅", Responsible, None, Local),
            row("5", "省人民检察院", Responsible, None, Local),
            row("5", "省司法厅", Supporting, Some("参与"), Local),
            row("6", "省知识产权局", Lead, None, Local),
            row("6", "省委宣传部", Supporting, Some("协同"), Local),
            row("7", "省知识产权局", Responsible, Some("指导"), Local),
            row("7", "各市州人民政府", Responsible, None, Collective),
            row("8", "省发展改革委", Lead, Some("牵头"), Local),
            row("8", "省地方金融监管局", Supporting, Some("配合单位"), Local),
            row("9", "省司法厅", Lead, None, Local),
            row("9", "各市县", Responsible, None, Collective),
        ],
    );
}

#[test]
fn names_joined_by_a_conjunction_split_only_where_each_part_resolves() {
    let plan = plan("conjunctions-2022.txt");
    assert_rows(
        &plan,
        &[
            row("1", "市市场监管局", Responsible, None, Local),
            row("1", "市公安局", Responsible, None, Local),
            row("2", "商务部", Lead, None, Exact),
            row("2", "海关总署", Lead, None, Exact),
            row("2", "市商务局", Supporting, Some("配合"), Local),
            row("2", "市公安局", Supporting, Some("配合"), Local),
            row("3", "市人力资源和社会保障局", Responsible, None, Local),
            row("4", "工业和信息化部", Responsible, None, Exact),
            row("5", "市中级人民法院", Responsible, None, Local),
            row("5", "市人民检察院", Responsible, None, Local),
            row("5", "市司法局", Responsible, None, Local),
        ],
    );
    let explained = explain(&plan, &source("conjunctions-2022.txt").text);
    assert!(
        explained.contains("  2.1 （X及X牵头，X与X配合） [labels: 配合 → supporting] "),
        "{explained}"
    );
}

#[test]
fn collectives_at_every_level() {
    let plan = plan("collectives-2021.txt");
    assert_rows(
        &plan,
        &[
            row("1", "各地", Responsible, None, Collective),
            row("1", "各部门", Responsible, None, Collective),
            row("2", "各地区各部门", Responsible, None, Collective),
            row("3", "省应急厅", Lead, None, Local),
            row("3", "省直有关部门", Responsible, None, Collective),
            row("4", "州应急管理局", Lead, None, Local),
            row("4", "州直相关单位", Supporting, Some("配合"), Collective),
            row("5", "区政府有关部门", Responsible, None, Collective),
            row("6", "国务院各部门", Responsible, None, Collective),
            row("7", "各市州人民政府", Responsible, None, Collective),
        ],
    );
}

#[test]
fn local_units_of_districts_prefectures_and_development_zones_have_their_level() {
    let plan = plan("local-units-2021.txt");
    let found: Vec<(String, Role, Outcome, Option<String>)> = plan
        .slots()
        .map(|(task, _, slot)| {
            (
                format!(
                    "{} {}",
                    task.id,
                    slot.printed_name.clone().unwrap_or_default()
                ),
                slot.role,
                slot.resolution,
                slot.level.clone(),
            )
        })
        .collect();
    let local = |name: &str, role: Role, level: &str| {
        (name.to_string(), role, Local, Some(level.to_string()))
    };
    let expected = [
        local("1 区行政审批服务局", Lead, "county"),
        local("1 州委编办", Supporting, "prefecture"),
        local("1 县市场监管局", Supporting, "county"),
        local("2 经开区管委会", Responsible, "development zone"),
        local("2 高新区管委会", Responsible, "development zone"),
        // 3: 市场监管局 (checked below) and a collective of sub-district units.
        ("3 各街道(功能区)".to_string(), Supporting, Collective, None),
        local("4 州发展改革委", Lead, "prefecture"),
        local("4 市市场监管局", Supporting, "municipal"),
        local("4 区市场监管局", Supporting, "county"),
    ];
    let (bare, rest): (Vec<_>, Vec<_>) = found.into_iter().partition(|f| f.0 == "3 市场监管局");
    assert_eq!(rest, expected);
    // A name that merely opens with 市 is no municipal unit.
    assert_eq!(bare.len(), 1);
    assert_ne!(bare[0].2, Local);
    assert_eq!(bare[0].3, None);
    // The graph states each level, and the shapes accept `development zone`.
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let graph = build_graph(
        &[source("local-units-2021.txt")],
        &registry,
        &UserMetadata::default(),
        &MappingOptions::default(),
    )
    .unwrap();
    let levels = graph
        .quads
        .iter()
        .filter(|q| q.predicate.as_str() == "https://w3id.org/plangraph#level")
        .filter(|q| q.object.to_string() == "\"development zone\"")
        .count();
    assert_eq!(levels, 2);
    let data: Dataset = graph.quads.iter().cloned().collect();
    let validation = Shapes::bundled().unwrap().validate(&data).unwrap();
    assert!(
        validation.violations.is_empty(),
        "{:?}",
        validation.violations
    );
}

#[test]
fn label_lines_assign_as_a_parenthetical_would() {
    let plan = plan("label-lines-2021.txt");
    assert_rows(
        &plan,
        &[
            row("1", "区政府办公室", Lead, Some("牵头单位"), Local),
            row("1", "区行政审批服务局", Lead, Some("牵头单位"), Local),
            row(
                "1",
                "区政府有关部门",
                Responsible,
                Some("责任单位"),
                Collective,
            ),
            row("2", "区司法局", Lead, None, Local),
            row("2", "各街道(功能区)", Supporting, Some("配合"), Collective),
            row("2", "区公安分局", Supporting, Some("配合"), Local),
            row("3", "区市场监管局", Lead, Some("牵头单位"), Local),
            row("3", "区城管局", Supporting, Some("配合单位"), Local),
            row("3", "区生态环境分局", Supporting, Some("配合单位"), Local),
            row("3", "区发展改革局", Responsible, Some("责任单位"), Local),
        ],
    );
    let subtasks: Vec<_> = plan
        .tasks
        .iter()
        .flat_map(|t| t.subtasks.iter().map(move |s| (t, s)))
        .collect();
    /// (subtask, clauses, printed lines, deadline as printed with its date).
    type Summary<'a> = (String, &'a str, &'a str, Option<(&'a str, Option<&'a str>)>);
    let summary: Vec<Summary> = subtasks
        .iter()
        .map(|(t, s)| {
            let p = &s.parenthetical;
            assert_eq!(p.form, AssignmentForm::LabelLines);
            let deadline = p
                .deadline
                .as_ref()
                .map(|d| (d.printed.as_str(), d.date.as_deref()));
            (
                format!("{}.{}", t.id, s.ordinal),
                s.text.as_str(),
                p.printed.as_str(),
                deadline,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "1.1".to_string(),
                "深化“一网通办”改革。",
                "牵头单位：区政府办公室、区行政审批服务局\n责任单位：区政府有关部门\n完成时限：2021年6月底前",
                Some(("2021年6月底前", Some("2021-06-30"))),
            ),
            (
                "2.1".to_string(),
                "推进证明事项告知承诺制。全面梳理证明事项清单，公布告知承诺事项目录。",
                "部门分工：区司法局牵头，各街道(功能区)、区公安分局配合。",
                None,
            ),
            (
                "3.1".to_string(),
                "推进跨部门联合监管。制定联合抽查事项清单。",
                "牵头单位：区市场监管局\n配合单位：区城管局、区生态环境分局\n完成时限：长期坚持",
                Some(("长期坚持", None)),
            ),
            (
                "3.2".to_string(),
                "健全信用修复机制，推行信用承诺制度。",
                "责任单位：区发展改革局\n完成时限：2021年底前",
                Some(("2021年底前", Some("2021-12-31"))),
            ),
        ]
    );
    // The span is the lines' own: slicing the input with it gives what was printed.
    let original: Vec<char> = source("label-lines-2021.txt").text.chars().collect();
    for (_, s) in &subtasks {
        let span = s.parenthetical.span;
        let sliced: String = original[span.begin..span.end].iter().collect();
        assert_eq!(sliced, s.parenthetical.printed);
    }
    // A deadline line that names no unit assigns nothing: task 4 stays unassigned.
    let four = plan.task("4").unwrap();
    assert!(four.subtasks.is_empty());
    assert_eq!(
        four.unassigned.as_ref().map(|u| u.text.as_str()),
        Some("完成时限：2021年9月底前")
    );
    let explained = explain(&plan, &source("label-lines-2021.txt").text);
    for line in [
        "  1.1 label lines: 牵头单位 → lead, 责任单位 → responsible, 完成时限 [deadline: 2021年6月底前, due 2021-06-30] lines 5–7",
        "  2.1 label lines: 部门分工 (X牵头，X、X配合。) [labels: 配合 → supporting] lines 9–9",
        "  3.2 label lines: 责任单位 → responsible, 完成时限 [deadline: 2021年底前, due 2021-12-31] lines 16–17",
    ] {
        assert!(explained.contains(line), "{explained}");
    }
    // In the graph: the deadlines, the labels, and shapes that hold.
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let graph = build_graph(
        &[source("label-lines-2021.txt")],
        &registry,
        &UserMetadata::default(),
        &MappingOptions::default(),
    )
    .unwrap();
    let count = |local: &str| {
        let predicate = format!("https://w3id.org/plangraph#{local}");
        graph
            .quads
            .iter()
            .filter(|q| q.predicate.as_str() == predicate)
            .count()
    };
    assert_eq!(
        (count("deadline"), count("dueDate"), count("roleLabel")),
        (3, 2, 9)
    );
    let data: Dataset = graph.quads.iter().cloned().collect();
    let validation = Shapes::bundled().unwrap().validate(&data).unwrap();
    assert!(
        validation.violations.is_empty(),
        "{:?}",
        validation.violations
    );
}

#[test]
fn table_rows_take_their_roles_from_the_header() {
    let plan = plan("table-2022.txt");
    assert_rows(
        &plan,
        &[
            row("1", "县行政审批服务局", Lead, Some("牵头单位"), Local),
            row(
                "1",
                "县政府有关部门",
                Responsible,
                Some("责任单位"),
                Collective,
            ),
            row("2", "县市场监管局", Lead, Some("牵头单位"), Local),
            row("2", "县税务局", Lead, Some("牵头单位"), Local),
            // A verb in the cell decides over its column (责任单位).
            row("3", "县发展改革局", Lead, None, Local),
            row("3", "县财政局", Supporting, Some("配合"), Local),
            row("4", "县市场监管局", Lead, Some("牵头单位"), Local),
            row(
                "4",
                "各乡镇人民政府",
                Responsible,
                Some("责任单位"),
                Collective,
            ),
        ],
    );
    let subtasks: Vec<_> = plan
        .tasks
        .iter()
        .flat_map(|t| t.subtasks.iter().map(move |s| (t, s)))
        .collect();
    let summary: Vec<_> = subtasks
        .iter()
        .map(|(t, s)| {
            let p = &s.parenthetical;
            assert_eq!(p.form, AssignmentForm::Table);
            let deadline = p
                .deadline
                .as_ref()
                .map(|d| (d.printed.as_str(), d.date.as_deref()));
            (t.id.as_str(), s.text.as_str(), deadline)
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "1",
                "推行“一件事一次办”。",
                Some(("二〇二二年六月底前", Some("2022-06-30")))
            ),
            (
                "2",
                "压缩企业开办时间至1个工作日。",
                Some(("长期坚持", None))
            ),
            (
                "3",
                "规范中介服务收费。",
                Some(("2022年9月30日前", Some("2022-09-30")))
            ),
            ("4", "推行“双随机、一公开”监管。", None),
        ]
    );
    // A row naming no unit assigns nothing: its text is kept as unassigned, as printed.
    let last = plan.tasks.last().unwrap();
    assert!(last.subtasks.is_empty());
    assert!(last.unassigned.is_some());
    let explained = explain(&plan, &source("table-2022.txt").text);
    assert!(
        explained.contains(
            "1.1 table row [labels: 牵头单位 → lead, 责任单位 → responsible] [deadline: 二〇二二年六月底前, due 2022-06-30]"
        ),
        "{explained}"
    );
}
