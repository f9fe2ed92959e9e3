//! Resolution stage: each printed agency name to a registry agency, or a flagged outcome.
//!
//! In order: an empty slot; the official name (exact); another registered name (alias); a
//! registered group of units, or a name that reads as one (`各地…`, `…有关单位`) (collective);
//! the name's characters occurring in order in the names of exactly one agency (truncated) or of
//! several (ambiguous, candidates listed, none picked); else unknown. Where the plan's year is
//! known, only agencies that existed that year are candidates, so `新闻出版` in 2017 is the
//! 国家新闻出版广电总局 of 2013–2018 and not its successor.

use crate::model::{EntityKind, Outcome};
use crate::resolve::names::{is_proper_subsequence, match_key};
use crate::resolve::period::When;
use crate::resolve::registry::{EntityId, LabelKind, Registry};
use std::cell::RefCell;
use std::collections::HashMap;

/// A resolution: the outcome, the agency when there is exactly one, the candidates otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// What kind of match.
    pub outcome: Outcome,
    /// The agency the name denotes, when one is certain.
    pub agency: Option<EntityId>,
    /// Agencies an ambiguous name may stand for.
    pub candidates: Vec<EntityId>,
}

impl Resolution {
    fn to(outcome: Outcome, agency: Option<EntityId>) -> Self {
        Self {
            outcome,
            agency,
            candidates: Vec::new(),
        }
    }
}

/// Resolves the names of one plan, written `when`, each distinct name once: a plan prints the
/// same names in slot after slot, and splitting a conjoined name resolves its parts again.
/// Resolving costs a match key (script folding) and a scan of every registered name.
pub struct Resolver<'a> {
    registry: &'a Registry,
    when: When,
    resolved: RefCell<HashMap<String, Resolution>>,
}

impl<'a> Resolver<'a> {
    /// A resolver against `registry` for a plan written `when`.
    pub fn new(registry: &'a Registry, when: When) -> Self {
        Resolver {
            registry,
            when,
            resolved: RefCell::default(),
        }
    }

    /// [`resolve_agency`] of `printed` in the plan's time.
    pub fn resolve(&self, printed: Option<&str>) -> Resolution {
        let Some(name) = printed else {
            return resolve_agency(self.registry, None, &self.when);
        };
        if let Some(known) = self.resolved.borrow().get(name) {
            return known.clone();
        }
        let resolution = resolve_agency(self.registry, Some(name), &self.when);
        self.resolved
            .borrow_mut()
            .insert(name.to_string(), resolution.clone());
        resolution
    }
}

/// Resolves `printed` (`None` for an empty slot) in a plan written `when`.
pub fn resolve_agency(registry: &Registry, printed: Option<&str>, when: &When) -> Resolution {
    let Some(printed) = printed else {
        return Resolution::to(Outcome::EmptySlot, None);
    };
    let key = match_key(printed);
    let agencies = |hits: &[(EntityId, LabelKind)]| -> Vec<(EntityId, LabelKind)> {
        hits.iter()
            .copied()
            .filter(|(id, _)| registry.entity(*id).kind.is_agency())
            .collect()
    };
    let hits = agencies(registry.lookup(&key));
    // Prefer bodies that existed in the plan's year; a name only ever used by one body resolves
    // to it even out of its years (the text says what it says).
    let active: Vec<_> = hits
        .iter()
        .copied()
        .filter(|(id, _)| when.admits(registry, *id))
        .collect();
    let hits = if active.is_empty() { hits } else { active };
    match hits.as_slice() {
        [(id, kind)] => {
            let outcome = if registry.entity(*id).kind == EntityKind::AgencyGroup {
                Outcome::Collective
            } else if *kind == LabelKind::Preferred {
                Outcome::Exact
            } else {
                Outcome::Alias
            };
            return Resolution::to(outcome, Some(*id));
        }
        [] => {}
        several => {
            return Resolution {
                outcome: Outcome::Ambiguous,
                agency: None,
                candidates: several.iter().map(|(id, _)| *id).collect(),
            }
        }
    }
    if reads_as_collective(&key) {
        return Resolution::to(Outcome::Collective, None);
    }
    // A provincial or lower unit is its own body, never the national one of the same trade.
    if local_level(&key).is_some() {
        return Resolution::to(Outcome::Local, None);
    }
    let chars: Vec<char> = key.chars().collect();
    // A bureau (…局) is no general administration (…总局) with characters cut: a filter deletes
    // words, it does not demote a body (市场监管局 in a district's plan is its own bureau).
    let bureau = key.ends_with('局') && !key.ends_with("总局");
    let mut candidates: Vec<EntityId> = registry
        .name_keys()
        .iter()
        .filter(|(id, name)| {
            let e = registry.entity(*id);
            let general = name.ends_with(&['总', '局']);
            e.kind.is_agency()
                && when.admits(registry, *id)
                && is_proper_subsequence(&chars, name)
                && !(bureau && general)
        })
        .map(|(id, _)| *id)
        .collect();
    candidates.dedup();
    match (chars.len(), candidates.as_slice()) {
        (2.., [only]) => Resolution::to(Outcome::Truncated, Some(*only)),
        (_, []) => Resolution::to(Outcome::Unknown, None),
        _ => Resolution {
            outcome: Outcome::Ambiguous,
            agency: None,
            candidates,
        },
    }
}

/// The level of government a name's prefix places it at (`省商务厅` → province, `市公安局` →
/// municipal, `县市场监管局` → county, `区行政审批服务局` → county, `州委编办`, `自治州商务局`
/// → prefecture, `经开区管委会`, `高新区管委会` → development zone), or a customs district
/// (`广州海关`); `None` for other names.
///
/// A district (区) is a county-level division, so its units are at level `county`, as a
/// county's and a banner's (旗) are. Only prefixes count: a level word inside a national name
/// (国家市场监督管理总局) does not, and neither does a character that opens the body's own name
/// (`市场监管局` is the market regulator, not a municipal 场监管局; `市市场监管局` is municipal).
pub fn local_level(name: &str) -> Option<&'static str> {
    const PREFIXES: &[(&str, &str)] = &[
        ("经济技术开发区", "development zone"),
        ("高新技术产业开发区", "development zone"),
        ("经济开发区", "development zone"),
        ("开发区", "development zone"),
        ("经开区", "development zone"),
        ("高新区", "development zone"),
        ("自治区", "province"),
        ("省", "province"),
        ("自治州", "prefecture"),
        ("州", "prefecture"),
        ("盟", "prefecture"),
        ("市", "municipal"),
        ("县", "county"),
        ("区", "county"),
        ("旗", "county"),
        ("街道", "township"),
        ("镇", "township"),
        ("乡", "township"),
    ];
    /// Body names that open with a level character: the character is no prefix there.
    const BODY_OPENINGS: &[&str] = &["市场", "区域", "乡村"];
    let key = match_key(name);
    if key.chars().count() >= 3 && key.ends_with("海关") && key != "海关总署" {
        return Some("customs district");
    }
    if BODY_OPENINGS.iter().any(|w| key.starts_with(w)) {
        return None;
    }
    PREFIXES
        .iter()
        .find(|(prefix, _)| {
            key.starts_with(prefix) && key.chars().count() > prefix.chars().count() + 1
        })
        .map(|(_, level)| *level)
}

/// Names of groups of units at any level: `各地…`, `各有关部门`, `…有关单位`, `…成员单位`,
/// `国务院各部门`, `各地区各部门`, `省直有关部门`, `州直相关单位`, `区政府有关部门`.
fn reads_as_collective(key: &str) -> bool {
    key.starts_with('各')
        || [
            "有关单位",
            "有关部门",
            "成员单位",
            "相关单位",
            "相关部门",
            "各部门",
            "各单位",
        ]
        .iter()
        .any(|w| key.contains(w))
}

#[cfg(test)]
mod tests {
    #[test]
    fn local_levels() {
        use super::local_level;
        assert_eq!(local_level("省商务厅"), Some("province"));
        assert_eq!(local_level("市委宣传部"), Some("municipal"));
        assert_eq!(local_level("县市场监管局"), Some("county"));
        assert_eq!(local_level("自治州商务局"), Some("prefecture"));
        assert_eq!(local_level("广州海关"), Some("customs district"));
        assert_eq!(local_level("海关总署"), None);
        assert_eq!(local_level("国家市场监督管理总局"), None);
        assert_eq!(local_level("市"), None);
    }

    #[test]
    fn districts_prefectures_and_development_zones() {
        use super::local_level;
        assert_eq!(local_level("区行政审批服务局"), Some("county"));
        assert_eq!(local_level("州委编办"), Some("prefecture"));
        assert_eq!(local_level("县市场监管局"), Some("county"));
        assert_eq!(local_level("经开区管委会"), Some("development zone"));
        assert_eq!(local_level("高新区管委会"), Some("development zone"));
        assert_eq!(
            local_level("经济技术开发区管委会"),
            Some("development zone")
        );
        // A body's name that opens with 市 or 区 is no municipal or district unit.
        assert_eq!(local_level("市场监管局"), None);
        assert_eq!(local_level("市场监督管理局"), None);
        assert_eq!(local_level("区域合作办公室"), None);
        assert_eq!(local_level("市市场监管局"), Some("municipal"));
        assert_eq!(local_level("区市场监管局"), Some("county"));
        assert_eq!(local_level("开发区"), None);
        assert_eq!(local_level("镇应急办"), Some("township"));
        assert_eq!(local_level("街道综治中心"), Some("township"));
        assert_eq!(local_level("乡村振兴局"), None);
    }

    use super::*;
    use crate::resolve::registry::DEFAULT_BASE;

    fn resolve(name: Option<&str>, year: Option<i32>) -> (Outcome, Option<String>, usize) {
        let registry = Registry::bundled(DEFAULT_BASE).unwrap();
        let r = resolve_agency(&registry, name, &When::from(year));
        (
            r.outcome,
            r.agency.map(|id| registry.entity(id).name_zh.clone()),
            r.candidates.len(),
        )
    }

    #[test]
    fn each_outcome() {
        assert_eq!(
            resolve(Some("商务部"), Some(2017)),
            (Outcome::Exact, Some("商务部".into()), 0)
        );
        assert_eq!(
            resolve(Some("工商总局"), Some(2017)),
            (Outcome::Alias, Some("国家工商行政管理总局".into()), 0)
        );
        assert_eq!(
            resolve(Some("国家发展委"), Some(2017)),
            (Outcome::Truncated, Some("国家发展和改革委员会".into()), 0)
        );
        assert_eq!(
            resolve(Some("新闻出版"), Some(2017)),
            (Outcome::Truncated, Some("国家新闻出版广电总局".into()), 0)
        );
        let (outcome, agency, candidates) = resolve(Some("部"), Some(2017));
        assert_eq!((outcome, agency), (Outcome::Ambiguous, None));
        assert!(candidates > 5);
        assert_eq!(resolve(None, Some(2017)), (Outcome::EmptySlot, None, 0));
        assert_eq!(resolve(Some("各地区有关部门"), None).0, Outcome::Collective);
        for collective in [
            "国务院各部门",
            "各地区各部门",
            "各地",
            "各部门",
            "省直有关部门",
            "各市州人民政府",
            "区政府有关部门",
            "州直相关单位",
        ] {
            assert_eq!(
                resolve(Some(collective), Some(2021)),
                (Outcome::Collective, None, 0),
                "{collective}"
            );
        }
        assert_eq!(
            resolve(Some("火星开发署"), None),
            (Outcome::Unknown, None, 0)
        );
    }

    #[test]
    fn a_short_form_that_changed_meaning_resolves_by_year() {
        assert_eq!(
            resolve(Some("广电总局"), Some(2010)).1,
            Some("国家广播电影电视总局".into())
        );
        assert_eq!(
            resolve(Some("广电总局"), Some(2019)).1,
            Some("国家广播电视总局".into())
        );
        assert_eq!(resolve(Some("广电总局"), None).0, Outcome::Ambiguous);
        assert_eq!(
            resolve(Some("工商总局"), Some(2019)).1,
            Some("国家工商行政管理总局".into()),
            "out of its years, a name only one body used still resolves to it"
        );
    }

    #[test]
    fn a_bureau_is_no_general_administration_cut_short() {
        // A district's plan prints its own 市场监管局: not 国家市场监督管理总局 with cuts.
        assert_eq!(resolve(Some("市场监管局"), Some(2021)).0, Outcome::Unknown);
        // A name cut inside, its kind kept, still resolves.
        assert_eq!(
            resolve(Some("国家发展委"), Some(2017)).1,
            Some("国家发展和改革委员会".into())
        );
    }

    #[test]
    fn the_year_picks_the_body_of_the_time() {
        // 新闻出版 fits three bodies over the years; in 2019 it is the 国家新闻出版署.
        assert_eq!(
            resolve(Some("新闻出版"), Some(2019)).1,
            Some("国家新闻出版署".into())
        );
        assert_eq!(resolve(Some("新闻出版"), None).0, Outcome::Ambiguous);
    }

    #[test]
    fn registered_groups_are_collective_with_their_node() {
        let (outcome, agency, _) = resolve(Some("各地打击侵权假冒工作领导小组"), Some(2017));
        assert_eq!(outcome, Outcome::Collective);
        assert_eq!(
            agency.as_deref(),
            Some("各地打击侵犯知识产权和制售假冒伪劣商品工作领导小组")
        );
    }
}
