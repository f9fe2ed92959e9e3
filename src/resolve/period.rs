//! When a plan was written, as far as resolution can know it: the printed year, or — for a text
//! that prints none — the years in which every body it names existed together.
//!
//! A copy without its title line has no year, so `新闻出版` fits three bodies over the years. But
//! the bodies the text names in full (食品药品监管总局, 国家网信办, 工商总局 …) existed together
//! only in 2014–2018, and in that window the name fits one body. The window is inferred from
//! the registry's years (`pg:activeFrom`, `pg:activeUntil`) and sharpened by its reorganisations
//! (`org:ChangeEvent` dates): a body created by a change on 2018-03-17 never worked beside one
//! abolished by a change that day, though both existed "in 2018". The period is reported as
//! inferred, with the bodies that bound it, never as a printed year.

use crate::resolve::registry::{EntityId, Registry};
use std::collections::BTreeSet;

/// When a plan was written, as resolution uses it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum When {
    /// Nothing is known: every body is a candidate for a name.
    #[default]
    Unknown,
    /// The plan's year (printed, or given by the user).
    Year(i32),
    /// A period inferred from the bodies the plan names.
    Inferred(InferredPeriod),
}

impl From<Option<i32>> for When {
    fn from(year: Option<i32>) -> Self {
        year.map_or(When::Unknown, When::Year)
    }
}

impl When {
    /// Whether body `id` can be meant by a plan written then.
    pub fn admits(&self, registry: &Registry, id: EntityId) -> bool {
        match self {
            When::Unknown => true,
            When::Year(year) => registry.entity(id).active_in(Some(*year)),
            When::Inferred(period) => period.admits(registry, id),
        }
    }
}

/// The years a plan can be from, given the bodies it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InferredPeriod {
    /// The first year every named body existed in (`None`: no named body has a first year).
    pub from: Option<i32>,
    /// The last year every named body existed in (`None`: no named body has a last year).
    pub until: Option<i32>,
    /// The named bodies whose first year is `from`.
    pub from_bodies: Vec<EntityId>,
    /// The named bodies whose last year is `until`.
    pub until_bodies: Vec<EntityId>,
    /// Every body the inference rests on (the bodies named in full).
    pub named: Vec<EntityId>,
    /// Of those, the ones a reorganisation ended, with its date (`2018-03-17`): a body that a
    /// reorganisation on or after that date created never worked beside them.
    ended: Vec<(EntityId, String)>,
    /// Of those, the ones a reorganisation created, with its date.
    began: Vec<(EntityId, String)>,
    /// The registry's reorganisation dates, to test candidates against.
    changes: ChangeDates,
}

impl InferredPeriod {
    /// The period in which all of `named` existed, or `None` when none of them has a known year
    /// or they never existed together (then the text contradicts the registry, and nothing is
    /// inferred).
    pub fn infer(registry: &Registry, named: &[EntityId]) -> Option<Self> {
        let named: Vec<EntityId> = named
            .iter()
            .copied()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let entity = |id: EntityId| registry.entity(id);
        let from = named.iter().filter_map(|&id| entity(id).active_from).max();
        let until = named.iter().filter_map(|&id| entity(id).active_until).min();
        if from.is_none() && until.is_none() {
            return None;
        }
        if let (Some(from), Some(until)) = (from, until) {
            if from > until {
                return None;
            }
        }
        let bounding = |pick: fn(&crate::resolve::registry::Entity) -> Option<i32>,
                        year: Option<i32>| {
            named
                .iter()
                .copied()
                .filter(|&id| year.is_some() && pick(entity(id)) == year)
                .collect()
        };
        let changes = ChangeDates::of(registry);
        let period = InferredPeriod {
            from,
            until,
            from_bodies: bounding(|e| e.active_from, from),
            until_bodies: bounding(|e| e.active_until, until),
            ended: named
                .iter()
                .filter_map(|&id| changes.ended(id).map(|d| (id, d)))
                .collect(),
            began: named
                .iter()
                .filter_map(|&id| changes.began(id).map(|d| (id, d)))
                .collect(),
            named,
            changes,
        };
        // Bodies whose reorganisation dates say they never met are no period at all.
        if period.named.iter().any(|&id| !period.met_every_named(id)) {
            return None;
        }
        Some(period)
    }

    /// Whether body `id` existed in some year of the period, alongside every named body.
    pub fn admits(&self, registry: &Registry, id: EntityId) -> bool {
        let entity = registry.entity(id);
        let overlaps = self
            .until
            .is_none_or(|until| entity.active_from.is_none_or(|from| from <= until))
            && self
                .from
                .is_none_or(|from| entity.active_until.is_none_or(|until| from <= until));
        overlaps && self.met_every_named(id)
    }

    /// Whether `id` was not created on or after the day a named body was abolished, nor
    /// abolished on or before the day a named body was created.
    fn met_every_named(&self, id: EntityId) -> bool {
        let changes = &self.changes;
        let created_after_an_end = changes
            .began(id)
            .is_some_and(|began| self.ended.iter().any(|(_, ended)| began >= *ended));
        let ended_before_a_start = changes
            .ended(id)
            .is_some_and(|ended| self.began.iter().any(|(_, began)| *began >= ended));
        !(created_after_an_end || ended_before_a_start)
    }
}

/// The dates on which the registry's reorganisations created and ended bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ChangeDates {
    /// (body, date) for each body a change created (a result whose first year is the change's).
    began: Vec<(EntityId, String)>,
    /// (body, date) for each body a change ended (an original whose last year is the change's).
    ended: Vec<(EntityId, String)>,
}

impl ChangeDates {
    fn of(registry: &Registry) -> Self {
        let id_of = |iri: &String| registry.entities().iter().position(|e| e.iri == *iri);
        let mut dates = ChangeDates {
            began: Vec::new(),
            ended: Vec::new(),
        };
        for change in registry.changes() {
            // `2018-03-17T00:00:00` → `2018-03-17`: ISO dates compare as strings.
            let Some(date) = change
                .started
                .as_ref()
                .map(|d| d.value().chars().take(10).collect::<String>())
            else {
                continue;
            };
            // A result may be an older body that took over part of the work (中央宣传部 in
            // 2018): only one whose first year is the change's was created by it; likewise
            // only an original whose last year is the change's was ended by it.
            let year: Option<i32> = date.get(..4).and_then(|y| y.parse().ok());
            for id in change.results.iter().filter_map(id_of) {
                if registry.entity(id).active_from.is_some()
                    && registry.entity(id).active_from == year
                {
                    dates.began.push((id, String::clone(&date)));
                }
            }
            for id in change.originals.iter().filter_map(id_of) {
                if registry.entity(id).active_until.is_some()
                    && registry.entity(id).active_until == year
                {
                    dates.ended.push((id, String::clone(&date)));
                }
            }
        }
        dates
    }

    /// The earliest date a change created `id`.
    fn began(&self, id: EntityId) -> Option<String> {
        self.began
            .iter()
            .filter(|(b, _)| *b == id)
            .map(|(_, d)| d.clone())
            .min()
    }

    /// The latest date a change ended `id`.
    fn ended(&self, id: EntityId) -> Option<String> {
        self.ended
            .iter()
            .filter(|(b, _)| *b == id)
            .map(|(_, d)| d.clone())
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::registry::DEFAULT_BASE;

    fn id(registry: &Registry, name: &str) -> EntityId {
        registry
            .entities()
            .iter()
            .position(|e| e.name_zh == name || e.alt_labels.iter().any(|l| l == name))
            .unwrap_or_else(|| panic!("{name} is in the registry"))
    }

    #[test]
    fn the_bodies_of_2017_bound_a_period_in_which_press_means_one_body() {
        let registry = Registry::bundled(DEFAULT_BASE).unwrap();
        let named: Vec<EntityId> = [
            "食品药品监管总局",
            "国家网信办",
            "工商总局",
            "公安部",
            "中央宣传部",
        ]
        .iter()
        .map(|n| id(&registry, n))
        .collect();
        let period = InferredPeriod::infer(&registry, &named).unwrap();
        assert_eq!(period.until, Some(2018));
        assert!(period
            .from
            .is_some_and(|from| (2013..=2014).contains(&from)));
        let when = When::Inferred(period);
        let admitted: Vec<&str> = ["新闻出版总署", "国家新闻出版广电总局", "国家新闻出版署"]
            .iter()
            .copied()
            .filter(|n| when.admits(&registry, id(&registry, n)))
            .collect();
        // 国家新闻出版署 came with the change of 2018-03-17 that ended 工商总局.
        assert_eq!(admitted, ["国家新闻出版广电总局"]);
    }

    #[test]
    fn bodies_that_never_met_or_have_no_years_infer_nothing() {
        let registry = Registry::bundled(DEFAULT_BASE).unwrap();
        let never_met = [
            id(&registry, "工商总局"),
            id(&registry, "国家市场监督管理总局"),
        ];
        assert_eq!(InferredPeriod::infer(&registry, &never_met), None);
        assert_eq!(
            InferredPeriod::infer(&registry, &[id(&registry, "公安部")]),
            None
        );
    }
}
