//! Odd and malformed texts never make the parser panic: each one parses or is refused with an
//! error. Generated from a fixed alphabet of the characters the stages treat specially.

use oxigraph::io::{RdfFormat, RdfParser};
use plangraph::export::{self, ExportFormat, ExportOptions};
use plangraph::graph::mapping::{map_plan, MappingOptions};
use plangraph::resolve::registry::DEFAULT_BASE;
// Only its random generator is used here.
#[allow(dead_code)]
#[path = "../benches/common/synthetic.rs"]
mod synthetic;

use plangraph::{parse, Registry, SourceText, UserMetadata};
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
        let source = SourceText {
            name: format!("case-{case}"),
            text,
            encoding: "UTF-8",
        };
        let result =
            std::panic::catch_unwind(|| parse(&source, &registry, &UserMetadata::default()));
        let outcome = result.unwrap_or_else(|_| panic!("panicked on {:?}", source.text));
        if let Ok(plan) = outcome {
            parsed += 1;
            for task in &plan.tasks {
                assert!(task.span.begin <= task.span.end && task.span.end <= plan.source.chars);
            }
            // The graph of every plan that parses can be written and read back.
            let options = MappingOptions::default();
            let quads = map_plan(&plan, &registry, &options).unwrap();
            let nquads =
                export::serialize(&quads, ExportFormat::NQuads, &ExportOptions::default()).unwrap();
            let back = RdfParser::from_format(RdfFormat::NQuads)
                .for_slice(&nquads)
                .count();
            assert_eq!(back, {
                let mut q = quads.clone();
                export::sort_quads(&mut q);
                q.dedup();
                q.len()
            });
        }
    }
    assert!(
        parsed > 100,
        "some of the random texts hold tasks ({parsed})"
    );
}
