//! What the pages and pictures show, read from the store once: the plans with their counts,
//! each agency's work by role and plan, the cooperation network, and every flagged slot.
//!
//! The cross-plan named queries take seconds on a thousand plans; a page must take
//! milliseconds. So `serve` reads this summary when it starts (a few queries, each one pass over
//! the responsibilities) and pages look things up in it. The store is read-only while served,
//! so the summary cannot go stale.

use crate::error::Result;
use crate::plot::{AgencyLoad, Cooperation, SharedWork};
use crate::store::embedded::select;
use oxigraph::model::Term;
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One plan: its IRI (also its named graph), title and counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanSummary {
    /// The plan's IRI.
    pub iri: String,
    /// Its title (`dcterms:title`), else its IRI.
    pub title: String,
    /// Numbered tasks.
    pub tasks: usize,
    /// Subtasks (clauses with their own parenthetical or label).
    pub subtasks: usize,
    /// Responsibility slots.
    pub slots: usize,
    /// Slots the text leaves open: empty, ambiguous, unknown or truncated names.
    pub flagged: usize,
}

/// How many slots an agency holds in each role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoleCounts {
    /// Slots marked lead (牵头).
    pub lead: usize,
    /// Slots responsible (负责, the unmarked default).
    pub responsible: usize,
    /// Slots supporting (配合).
    pub supporting: usize,
}

impl RoleCounts {
    /// All slots.
    pub fn total(&self) -> usize {
        self.lead + self.responsible + self.supporting
    }

    fn add(&mut self, role: Role) {
        match role {
            Role::Lead => self.lead += 1,
            Role::Responsible => self.responsible += 1,
            Role::Supporting => self.supporting += 1,
        }
    }
}

/// One agency named in the plans.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AgencySummary {
    /// Its IRI.
    pub iri: String,
    /// Its Chinese name (`skos:prefLabel`), else its IRI.
    pub label: String,
    /// Its slots over all plans.
    pub roles: RoleCounts,
    /// Its slots per plan: indices into [`Summary::plans`].
    pub by_plan: BTreeMap<usize, RoleCounts>,
}

/// A slot the text leaves open, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct FlaggedSlot {
    /// Index into [`Summary::plans`].
    pub plan: usize,
    /// The responsibility's IRI.
    pub slot: String,
    /// The task's number (0 for an unnumbered item, which prints none).
    pub task: i64,
    /// The subtask's ordinal within its task.
    pub subtask: i64,
    /// The slot's position in its list.
    pub position: i64,
    /// `EmptySlot`, `Ambiguous`, `Unknown`, `Truncated` or `PartnerGap`.
    pub kind: String,
    /// The name as printed, when there is one.
    pub printed: Option<String>,
}

/// Everything the pages and pictures need, read once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// The plans, by title.
    pub plans: Vec<PlanSummary>,
    /// The agencies named in a slot, by workload (most slots first) then name.
    pub agencies: Vec<AgencySummary>,
    /// Pairs of agencies (indices into `agencies`, the smaller first) and how many subtasks
    /// they share.
    pub pairs: Vec<SharedWork>,
    /// Pairs per plan (index into `plans`).
    pub plan_pairs: BTreeMap<usize, Vec<(usize, usize, usize)>>,
    /// Flagged slots and partner gaps, by plan, task, subtask, position.
    pub flagged: Vec<FlaggedSlot>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Responsible,
    Supporting,
}

const PREFIXES: &str = "PREFIX pg: <https://w3id.org/plangraph#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
";

/// Resolutions that leave a slot open.
const FLAGGED: [&str; 4] = ["EmptySlot", "Ambiguous", "Unknown", "Truncated"];

impl Summary {
    /// Reads the summary of every plan in `store`.
    pub fn of(store: &Store) -> Result<Self> {
        let mut summary = Summary::default();
        let plans = select(
            store,
            &format!(
                "{PREFIXES}SELECT ?p ?title WHERE {{ ?p a pg:WorkPlan OPTIONAL {{ ?p dcterms:title ?title }} }}"
            ),
        )?;
        let mut titles: BTreeMap<String, String> = BTreeMap::new();
        for row in plans {
            let iri = iri(&row[0]);
            let title = text(&row[1]).unwrap_or_else(|| iri.clone());
            // A plan with two titles keeps the first in code point order.
            let kept = titles.entry(iri).or_insert(title.clone());
            if title < *kept {
                *kept = title;
            }
        }
        summary.plans = titles
            .into_iter()
            .map(|(iri, title)| PlanSummary {
                iri,
                title,
                ..PlanSummary::default()
            })
            .collect();
        summary
            .plans
            .sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.iri.cmp(&b.iri)));
        let plan_index: HashMap<String, usize> = summary
            .plans
            .iter()
            .enumerate()
            .map(|(i, p)| (p.iri.clone(), i))
            .collect();
        summary.count_structure(store, &plan_index)?;
        summary.read_slots(store, &plan_index)?;
        summary.read_partner_gaps(store, &plan_index)?;
        summary.sort();
        Ok(summary)
    }

    fn count_structure(&mut self, store: &Store, plans: &HashMap<String, usize>) -> Result<()> {
        for (class, field) in [("Task", 0), ("Subtask", 1)] {
            let rows = select(
                store,
                &format!("{PREFIXES}SELECT ?p (COUNT(?x) AS ?n) WHERE {{ ?x a pg:{class} ; pg:plan ?p }} GROUP BY ?p"),
            )?;
            for row in rows {
                if let Some(&i) = plans.get(&iri(&row[0])) {
                    let n = integer(&row[1]).unwrap_or(0) as usize;
                    match field {
                        0 => self.plans[i].tasks = n,
                        _ => self.plans[i].subtasks = n,
                    }
                }
            }
        }
        Ok(())
    }

    fn read_slots(&mut self, store: &Store, plans: &HashMap<String, usize>) -> Result<()> {
        let labels: HashMap<String, String> = select(
            store,
            &format!("{PREFIXES}SELECT ?a ?label WHERE {{ ?a a pg:Agency ; skos:prefLabel ?label FILTER (lang(?label) = \"zh\") }}"),
        )?
        .into_iter()
        .map(|row| (iri(&row[0]), text(&row[1]).unwrap_or_default()))
        .collect();
        let rows = select(
            store,
            &format!(
                "{PREFIXES}SELECT ?p ?s ?slot ?role ?res ?agency ?task ?ordinal ?position ?printed WHERE {{
  ?s pg:responsibility ?slot ; pg:plan ?p ; pg:ordinal ?ordinal ; dcterms:isPartOf ?t .
  OPTIONAL {{ ?t pg:number ?task }}
  ?slot pg:role ?role ; pg:resolution ?res ; pg:position ?position .
  OPTIONAL {{ ?slot pg:agency ?agency }}
  OPTIONAL {{ ?slot pg:printedName ?printed }}
}}"
            ),
        )?;
        let mut agency_index: HashMap<String, usize> = HashMap::new();
        // Per subtask, the agencies named in it: the network's edges.
        let mut subtask_agencies: HashMap<String, (usize, BTreeSet<usize>)> = HashMap::new();
        for row in rows {
            let Some(&plan) = plans.get(&iri(&row[0])) else {
                continue;
            };
            self.plans[plan].slots += 1;
            let resolution = local_name(&row[4]);
            if FLAGGED.contains(&resolution.as_str()) {
                self.plans[plan].flagged += 1;
                self.flagged.push(FlaggedSlot {
                    plan,
                    slot: iri(&row[2]),
                    task: integer(&row[6]).unwrap_or(0),
                    subtask: integer(&row[7]).unwrap_or(0),
                    position: integer(&row[8]).unwrap_or(0),
                    kind: resolution,
                    printed: text(&row[9]),
                });
            }
            let Some(agency) = row[5].as_ref().map(|_| iri(&row[5])) else {
                continue;
            };
            let role = match local_name(&row[3]).as_str() {
                "Lead" => Role::Lead,
                "Supporting" => Role::Supporting,
                _ => Role::Responsible,
            };
            let next = self.agencies.len();
            let a = *agency_index.entry(agency.clone()).or_insert(next);
            if a == next {
                let label = labels
                    .get(&agency)
                    .cloned()
                    .unwrap_or_else(|| agency.clone());
                self.agencies.push(AgencySummary {
                    iri: agency,
                    label,
                    ..AgencySummary::default()
                });
            }
            self.agencies[a].roles.add(role);
            self.agencies[a].by_plan.entry(plan).or_default().add(role);
            subtask_agencies
                .entry(iri(&row[1]))
                .or_insert_with(|| (plan, BTreeSet::new()))
                .1
                .insert(a);
        }
        let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        let mut plan_pairs: BTreeMap<usize, BTreeMap<(usize, usize), usize>> = BTreeMap::new();
        for (plan, agencies) in subtask_agencies.values() {
            let agencies: Vec<usize> = agencies.iter().copied().collect();
            for (i, &a) in agencies.iter().enumerate() {
                for &b in &agencies[i + 1..] {
                    *pairs.entry((a, b)).or_default() += 1;
                    *plan_pairs
                        .entry(*plan)
                        .or_default()
                        .entry((a, b))
                        .or_default() += 1;
                }
            }
        }
        self.pairs = pairs
            .into_iter()
            .map(|((a, b), subtasks)| SharedWork { a, b, subtasks })
            .collect();
        self.plan_pairs = plan_pairs
            .into_iter()
            .map(|(plan, pairs)| {
                (
                    plan,
                    pairs.into_iter().map(|((a, b), n)| (a, b, n)).collect(),
                )
            })
            .collect();
        Ok(())
    }

    fn read_partner_gaps(&mut self, store: &Store, plans: &HashMap<String, usize>) -> Result<()> {
        let rows = select(
            store,
            &format!(
                "{PREFIXES}SELECT ?p ?gap ?task ?ordinal ?list WHERE {{
  ?gap a pg:PartnerGap ; dcterms:isPartOf ?s ; pg:plan ?p .
  ?s pg:ordinal ?ordinal ; dcterms:isPartOf ?t . OPTIONAL {{ ?t pg:number ?task }}
  OPTIONAL {{ ?gap pg:printedList ?list }}
}}"
            ),
        )?;
        for row in rows {
            if let Some(&plan) = plans.get(&iri(&row[0])) {
                self.flagged.push(FlaggedSlot {
                    plan,
                    slot: iri(&row[1]),
                    task: integer(&row[2]).unwrap_or(0),
                    subtask: integer(&row[3]).unwrap_or(0),
                    position: 0,
                    kind: "PartnerGap".to_string(),
                    printed: text(&row[4]),
                });
            }
        }
        Ok(())
    }

    /// Agencies by workload; indices in `pairs` and `plan_pairs` follow the new order.
    fn sort(&mut self) {
        let mut order: Vec<usize> = (0..self.agencies.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.agencies[a], &self.agencies[b]);
            b.roles
                .total()
                .cmp(&a.roles.total())
                .then_with(|| a.label.cmp(&b.label))
                .then_with(|| a.iri.cmp(&b.iri))
        });
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut agencies: Vec<Option<AgencySummary>> = std::mem::take(&mut self.agencies)
            .into_iter()
            .map(Some)
            .collect();
        self.agencies = order
            .iter()
            .map(|&old| agencies[old].take().unwrap_or_default())
            .collect();
        let renumber = |a: usize, b: usize| {
            let (a, b) = (new_index[a], new_index[b]);
            (a.min(b), a.max(b))
        };
        for pair in &mut self.pairs {
            (pair.a, pair.b) = renumber(pair.a, pair.b);
        }
        self.pairs.sort_by(|x, y| {
            y.subtasks
                .cmp(&x.subtasks)
                .then((x.a, x.b).cmp(&(y.a, y.b)))
        });
        for pairs in self.plan_pairs.values_mut() {
            for pair in pairs.iter_mut() {
                (pair.0, pair.1) = renumber(pair.0, pair.1);
            }
            pairs.sort_by(|x, y| y.2.cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
        }
        self.flagged.sort_by(|x, y| {
            (x.plan, x.task, x.subtask, x.position, &x.slot)
                .cmp(&(y.plan, y.task, y.subtask, y.position, &y.slot))
        });
    }

    /// The index of the plan `iri`.
    pub fn plan(&self, iri: &str) -> Option<usize> {
        self.plans.iter().position(|p| p.iri == iri)
    }

    /// The index of the agency `iri`.
    pub fn agency(&self, iri: &str) -> Option<usize> {
        self.agencies.iter().position(|a| a.iri == iri)
    }

    /// Each agency's workload, for [`crate::plot::workload_svg`]: over all plans, or in one.
    pub fn loads(&self, plan: Option<usize>) -> Vec<AgencyLoad> {
        self.agencies
            .iter()
            .filter_map(|a| {
                let roles = match plan {
                    None => a.roles,
                    Some(p) => *a.by_plan.get(&p)?,
                };
                Some(AgencyLoad {
                    iri: a.iri.clone(),
                    label: a.label.clone(),
                    lead: roles.lead,
                    responsible: roles.responsible,
                    supporting: roles.supporting,
                })
            })
            .collect()
    }

    /// The cooperation network, for [`crate::plot::network_svg`]: over all plans, or in one.
    pub fn cooperation(&self, plan: Option<usize>) -> Cooperation {
        let shown: Vec<usize> = (0..self.agencies.len())
            .filter(|&a| plan.is_none_or(|p| self.agencies[a].by_plan.contains_key(&p)))
            .collect();
        let mut position = vec![usize::MAX; self.agencies.len()];
        for (i, &a) in shown.iter().enumerate() {
            position[a] = i;
        }
        let edges: Vec<SharedWork> = match plan {
            None => self
                .pairs
                .iter()
                .map(|p| SharedWork {
                    a: position[p.a],
                    b: position[p.b],
                    subtasks: p.subtasks,
                })
                .collect(),
            Some(p) => self
                .plan_pairs
                .get(&p)
                .into_iter()
                .flatten()
                .map(|&(a, b, subtasks)| SharedWork {
                    a: position[a],
                    b: position[b],
                    subtasks,
                })
                .collect(),
        };
        let loads = self.loads(plan);
        Cooperation {
            agencies: loads,
            edges,
        }
    }
}

fn iri(term: &Option<Term>) -> String {
    match term {
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn text(term: &Option<Term>) -> Option<String> {
    match term {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        _ => None,
    }
}

fn integer(term: &Option<Term>) -> Option<i64> {
    text(term)?.parse().ok()
}

fn local_name(term: &Option<Term>) -> String {
    let iri = iri(term);
    iri.rsplit(['#', '/'])
        .next()
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_store() -> Store {
        let registry = crate::Registry::bundled(crate::resolve::registry::DEFAULT_BASE).unwrap();
        let graph = crate::build_graph(
            &[crate::bundled_plan()],
            &registry,
            &crate::UserMetadata::default(),
            &crate::graph::mapping::MappingOptions::default(),
        )
        .unwrap();
        crate::store::store_of(graph.quads).unwrap()
    }

    fn seed() -> Summary {
        Summary::of(&seed_store()).unwrap()
    }

    #[test]
    fn the_seed_summarised() {
        let summary = seed();
        assert_eq!(summary.plans.len(), 1);
        let plan = &summary.plans[0];
        assert_eq!((plan.tasks, plan.subtasks, plan.slots), (31, 55, 200));
        // 14 empty, 3 ambiguous, 13 truncated in the seed's graph.
        assert_eq!(plan.flagged, 30);
        let total: usize = summary.agencies.iter().map(|a| a.roles.total()).sum();
        assert_eq!(total, 183, "one per slot with an agency");
        let leads: usize = summary.agencies.iter().map(|a| a.roles.lead).sum();
        assert_eq!(leads, 23);
        // Most work first.
        assert!(summary
            .agencies
            .windows(2)
            .all(|w| w[0].roles.total() >= w[1].roles.total()));
    }

    #[test]
    fn cooperation_is_the_co_responsibility_query() {
        let store = seed_store();
        let summary = Summary::of(&store).unwrap();
        let rows = select(
            &store,
            crate::store::named::named("co-responsibility").unwrap(),
        )
        .unwrap();
        assert_eq!(summary.pairs.len(), rows.len());
        let network = summary.cooperation(Some(0));
        assert_eq!(network.edges.len(), rows.len());
        assert_eq!(network.agencies.len(), summary.agencies.len());
        let first = &network.edges[0];
        assert_eq!(Some(first.subtasks as i64), integer(&rows[0][4]));
    }
}
