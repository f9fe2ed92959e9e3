//! The genre's layouts as printed (issue 24), each in a hand-written fixture of
//! `tests/fixtures/layouts/`: tables one cell a line, between bars, between space runs and as an
//! HTML page with rowspan, colspan and `<br>`; every numbering; ASCII brackets, label fields on
//! the task's line and an unnumbered item; stated rules. Each test states the slots it expects.

use oxigraph::model::{Dataset, Term};
use plangraph::graph::build_graph;
use plangraph::graph::mapping::MappingOptions;
use plangraph::model::{Plan, Role};
use plangraph::read::source::{decode, InputEncoding};
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::store::query::{self, Answer};
use plangraph::store::shacl::Shapes;
use plangraph::store::{self, named};
use plangraph::{parse, Registry, SourceText, UserMetadata};

fn source(name: &str) -> SourceText {
    let path = format!(
        "{}/tests/fixtures/layouts/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    decode(name, &std::fs::read(path).unwrap(), InputEncoding::Auto).unwrap()
}

fn plan(name: &str) -> Plan {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    parse(&source(name), &registry, &UserMetadata::default()).unwrap()
}

/// (task id, printed name, role) per slot, in order.
fn slots(plan: &Plan) -> Vec<(String, String, Role)> {
    plan.slots()
        .map(|(task, _, slot)| {
            let name = slot.printed_name.clone().unwrap_or_default();
            (task.id.clone(), name, slot.role)
        })
        .collect()
}

fn expect(list: &[(&str, &str, Role)]) -> Vec<(String, String, Role)> {
    list.iter()
        .map(|(t, n, r)| (t.to_string(), n.to_string(), *r))
        .collect()
}

use Role::{Lead, Responsible, Supporting};

#[test]
fn a_table_one_cell_a_line_is_read_row_by_row_under_its_title() {
    let plan = plan("cells-per-line-2023.txt");
    assert_eq!(
        plan.document.title.as_deref(),
        Some("东岗区2023年优化营商环境重点任务分工表")
    );
    assert_eq!(
        slots(&plan),
        expect(&[
            ("1.1", "区行政审批服务局", Lead),
            ("1.1", "区市场监管局", Supporting),
            ("1.1", "区税务局", Supporting),
            ("1.2", "区行政审批服务局", Lead),
            ("2.3", "区市场监管局", Lead),
            ("2.3", "区发展改革局", Supporting),
            ("2.3", "区财政局", Supporting),
            ("2.3", "各街道办事处", Supporting),
            ("2.4", "区司法局", Lead),
            ("2.4", "区市场监管局", Supporting),
        ])
    );
    // The officials' column gives no slot; a yearless deadline is a deadline, not a name.
    let due: Vec<String> = plan
        .tasks
        .iter()
        .flat_map(|t| &t.subtasks)
        .filter_map(|s| s.parenthetical.deadline.as_ref())
        .map(|d| d.printed.clone())
        .collect();
    assert_eq!(
        due,
        ["2023年6月底前", "2023年底前", "6月底完成", "年内完成"]
    );
}

#[test]
fn bars_and_space_runs_are_tables_too() {
    let pipes = plan("pipes-2022.txt");
    assert_eq!(
        slots(&pipes),
        expect(&[
            ("1", "县市场监管局", Lead),
            ("1", "县公安局", Responsible),
            ("1", "县文化旅游局", Responsible),
            ("2", "县市场监管局", Lead),
            ("2", "各乡镇人民政府", Responsible),
            ("3", "县司法局", Lead),
            ("3", "县法院", Responsible),
            ("3", "县市场监管局", Responsible),
        ])
    );
    let spaced = plan("spaces-2024.txt");
    let names: Vec<(String, Role)> = slots(&spaced).into_iter().map(|(_, n, r)| (n, r)).collect();
    assert_eq!(names[0], ("市场运行科".to_string(), Responsible));
    assert_eq!(names[1], ("各县区商务局".to_string(), Supporting));
    assert_eq!(names.len(), 7);
}

#[test]
fn an_html_table_with_rowspan_colspan_and_line_breaks_in_cells() {
    let plan = plan("rowspan-2023.html");
    assert_eq!(
        slots(&plan),
        expect(&[
            ("1", "区工业和信息化局", Lead),
            ("1", "区科技局", Supporting),
            ("1", "区财政局", Supporting),
            // The lead cell spans rows 1 and 2.
            ("2", "区工业和信息化局", Lead),
            ("2", "区市场监管局", Supporting),
            ("3", "区政务服务中心", Lead),
            ("3", "区大数据局", Supporting),
            ("4", "区市场监管局", Lead),
            ("4", "区发展改革局", Supporting),
            ("4", "区财政局", Supporting),
        ])
    );
    // Hidden paragraphs (`hidden`, `display:none`) assign nothing; the spanned deadline holds
    // for both rows it covers.
    let due: Vec<String> = plan.tasks[2..]
        .iter()
        .filter_map(|t| t.subtasks[0].parenthetical.deadline.as_ref())
        .map(|d| d.printed.clone())
        .collect();
    assert_eq!(due, ["长期坚持", "长期坚持"]);
}

#[test]
fn every_numbering_nests_at_its_level() {
    let plan = plan("numbering-2023.txt");
    let ids: Vec<&str> = plan.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        ["s1.1", "s1.2", "s2.1", "s2.2", "s2.2.1", "s2.2.2", "s3.1", "s3.2"]
    );
    let found = slots(&plan);
    assert!(found.contains(&("s2.2.2".into(), "镇派出所".into(), Supporting)));
    assert!(found.contains(&("s3.2".into(), "各村".into(), Supporting)));
    assert_eq!(found.len(), 15);
}

#[test]
fn ascii_brackets_label_fields_on_the_task_s_line_and_an_unnumbered_item() {
    let plan = plan("brackets-2022.txt");
    assert_eq!(
        slots(&plan),
        expect(&[
            ("u1", "区科技局", Lead),
            ("u1", "区财政局", Supporting),
            ("1", "区科技局", Lead),
            ("1", "区财政局", Responsible),
            ("1", "区税务局", Responsible),
            ("2", "区科技局", Lead),
            ("2", "区招商局", Supporting),
            ("2", "区自然资源分局", Supporting),
            ("3", "区科技局", Lead),
            ("3", "区教育局", Responsible),
            ("3", "区人社局", Responsible),
            ("4", "区市场监管局", Lead),
            ("4", "区法院", Supporting),
        ])
    );
}

#[test]
fn stated_rules_give_roles_to_the_lists_they_govern_and_say_so() {
    let ruled = plan("stated-rule-2024.txt");
    let found = slots(&ruled);
    assert_eq!(
        found,
        expect(&[
            ("1", "市政务服务局", Lead),
            ("1", "市司法局", Responsible),
            ("1", "市发展改革委", Responsible),
            ("2", "市市场监管局", Lead),
            // The rule printed inside the list is no part of the name.
            ("2", "各区县政府（含开发区管委会）", Responsible),
            ("3", "市住房城乡建设局", Lead),
            ("3", "市自然资源局", Supporting),
            ("4", "市工业和信息化局", Lead),
            ("4", "市商务局", Responsible),
        ])
    );
    let rule = ruled.tasks[0].subtasks[0].parenthetical.slots[0]
        .rule
        .clone()
        .unwrap();
    assert_eq!(rule.text, "列第一位的为牵头单位");
    // A lead printed by its word keeps it: no rule there.
    assert!(ruled.tasks[2].subtasks[0].parenthetical.slots[0]
        .rule
        .is_none());

    assert_eq!(
        slots(&plan("starred-2024.txt")),
        expect(&[
            ("1", "区民政局", Lead),
            ("1", "区财政局", Responsible),
            ("1", "各街道", Responsible),
            ("2", "区住房城乡建设局", Lead),
            ("2", "区城管局", Lead),
            ("2", "区财政局", Responsible),
        ])
    );
}

#[test]
fn an_unnumbered_item_and_a_stated_rule_conform_and_the_named_queries_list_them() {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let graph = build_graph(
        &[source("brackets-2022.txt"), source("stated-rule-2024.txt")],
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
    // Each rule is one node, linked from the slots it led.
    let predicate = |local: &str| {
        let iri = format!("https://w3id.org/plangraph#{local}");
        graph
            .quads
            .iter()
            .filter(|q| q.predicate.as_str() == iri)
            .count()
    };
    assert_eq!(
        predicate("roleRule"),
        3,
        "tasks 1, 2 and 4 of the ruled plan"
    );
    let rule_nodes = graph
        .quads
        .iter()
        .filter(|q| q.object.to_string() == "<https://w3id.org/plangraph#StatedRule>")
        .count();
    // The notice's rule (tasks 1 and 4) and the one printed inside task 2's list.
    assert_eq!(rule_nodes, 2);

    let store = store::store_of(graph.quads).unwrap();
    let param = query::parse_param("agency=区财政局").unwrap();
    let prepared = query::prepare(
        "tasks-by-agency",
        named::named("tasks-by-agency").unwrap(),
        &[param],
    )
    .unwrap();
    let Answer::Solutions { variables, rows } = query::run(&store, prepared).unwrap() else {
        panic!("a SELECT query")
    };
    let task = variables.iter().position(|v| v.as_str() == "task").unwrap();
    let numbers: Vec<Option<String>> = rows
        .iter()
        .map(|r| match &r[task] {
            Some(Term::Literal(l)) => Some(l.value().to_string()),
            _ => None,
        })
        .collect();
    // 区财政局 supports the unnumbered 预期目标 item (no number) and is responsible in task 1.
    assert_eq!(numbers, [None, Some("1".to_string())]);
}
