//! The graph: a parsed [`Plan`] to RDF quads through the plangraph ontology. In: plans and the
//! registry. Out: quads, each plan in its own named graph and the reference data about the
//! entities they name in `<base>reference`, ready to export, load or query.
//!
//! [`Plan`]: crate::model::Plan

pub mod corpus;
pub mod mapping;

use crate::error::{Error, Result};
use crate::export::sort_quads;
use crate::pipeline::{parse, UserMetadata};
use crate::rdf::iri::check_base;
use crate::read::SourceText;
use crate::resolve::Registry;
use mapping::{map_plan_among, plan_iri, MappingOptions, PlanIndex};

/// The graph of one or more plans.
#[derive(Debug, Clone)]
pub struct PlanGraph {
    /// All quads: each plan in its named graph, reference data in `<base>reference`.
    pub quads: Vec<oxigraph::model::Quad>,
    /// The plans' IRIs, in input order.
    pub plan_iris: Vec<String>,
}

/// Parses each source and maps it to RDF (see [`mapping`]).
pub fn build_graph(
    sources: &[SourceText],
    registry: &Registry,
    metadata: &UserMetadata,
    options: &MappingOptions,
) -> Result<PlanGraph> {
    check_base(&options.base)?;
    let mut graph = PlanGraph {
        quads: Vec::new(),
        plan_iris: Vec::new(),
    };
    // Every plan first, so a plan citing another by title links to its node.
    let mut plans: Vec<crate::model::Plan> = Vec::with_capacity(sources.len());
    let mut index = PlanIndex::default();
    for source in sources {
        let plan = parse(source, registry, metadata)?;
        let iri = plan_iri(&plan, options)?;
        if let Some(i) = graph.plan_iris.iter().position(|p| p == iri.as_str()) {
            // Two plans in one graph would silently become one.
            return Err(Error::new(
                &source.name,
                format!(
                    "{} and {} both make the plan <{iri}>: give --plan-id with {{stem}} or {{dir}} to name each by its file (--plan-id '{{dir}}-{{stem}}'), or one --plan-id per run",
                    plans[i].source.name, source.name
                ),
            ));
        }
        index.add(&plan, &iri);
        graph.plan_iris.push(iri.into_string());
        plans.push(plan);
    }
    for plan in &plans {
        graph
            .quads
            .extend(map_plan_among(plan, registry, options, &index)?);
    }
    // Plans share reference data, and a subtask may name an entity twice: keep one of each.
    sort_quads(&mut graph.quads);
    graph.quads.dedup();
    Ok(graph)
}
