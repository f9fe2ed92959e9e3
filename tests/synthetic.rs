//! Synthetic plans (the benchmark corpus) parse back to the structure they were built with.

use plangraph::resolve::registry::DEFAULT_BASE;
#[path = "../benches/common/synthetic.rs"]
mod synthetic;

use plangraph::{bundled_plan, parse, Registry, SourceText, UserMetadata};
use synthetic::{permuted_parenthetical, synthetic_plan, Rng};

#[test]
fn synthetic_plans_parse_into_the_tasks_they_were_given() {
    let registry = Registry::bundled(DEFAULT_BASE).unwrap();
    let template = parse(&bundled_plan(), &registry, &UserMetadata::default()).unwrap();
    let mut layouts = std::collections::BTreeSet::new();
    for index in 0..30 {
        let text = synthetic_plan(&template, 42, index);
        assert_eq!(text, synthetic_plan(&template, 42, index), "deterministic");
        let source = SourceText::plain(format!("synthetic-{index}"), text.clone());
        let plan = parse(&source, &registry, &UserMetadata::default()).unwrap();
        let printed_tasks = text.matches("、第").count(); // section headings
        layouts.insert((text.contains("（一）"), printed_tasks > 0));
        assert!(
            plan.tasks.len() >= 20,
            "plan {index}: {} tasks",
            plan.tasks.len()
        );
        assert_eq!(plan.tasks.last().unwrap().number as usize, plan.tasks.len());
        assert!(
            plan.tasks.iter().all(|t| !t.subtasks.is_empty()),
            "plan {index}: every task keeps its subtasks"
        );
        assert_eq!(plan.sections.len(), printed_tasks);
        assert_eq!(plan.document.year, Some(2011 + (index as i32 % 12)));
    }
    assert_eq!(
        layouts.len(),
        4,
        "both bracket widths, with and without sections"
    );
}

#[test]
fn the_generator_is_deterministic() {
    let mut a = Rng::new(5);
    let mut b = Rng::new(5);
    assert_eq!((a.next_u64(), a.below(10)), (b.next_u64(), b.below(10)));
}

#[test]
fn permutation_keeps_names_and_verbs() {
    let mut rng = Rng::new(1);
    let out = permuted_parenthetical(
        "(甲牵头负责,乙、丙、丁等按职责分工负责)",
        &mut rng,
        "（",
        "）",
    );
    assert!(
        out.starts_with("（甲牵头负责，") && out.ends_with("等按职责分工负责）"),
        "{out}"
    );
    for name in ["乙", "丙", "丁"] {
        assert!(out.contains(name));
    }
}
