//! Names joined by 及, 和, 与 or 以及 in one slot (`省科技厅和省财政厅`, `商务部及海关总署`):
//! split only where the whole does not resolve and every part does, as a registry name or a
//! local unit by its own prefix. So `工业和信息化部` and `省人力资源和社会保障厅` stay whole. A whole
//! that reads as a local unit (its prefix makes `省商务厅与省公安厅` one) is split only into local
//! units or collectives, each with its own prefix: `区自然资源和林业局` is one district bureau,
//! not a district unit and the national 林业局, while `州委编办及州直相关单位` and
//! `省直相关部门及各市州人民政府` are two slots each.

use crate::model::Outcome;
use crate::resolve::agency::Resolver;
use std::ops::Range;

/// Conjunctions between names, longest first.
const CONJUNCTIONS: &[&str] = &["以及", "及", "和", "与"];

/// Whether an outcome names a body for certain, or a group of them.
fn resolves(outcome: Outcome) -> bool {
    matches!(
        outcome,
        Outcome::Exact | Outcome::Alias | Outcome::Local | Outcome::Collective
    )
}

/// The parts of `name` (char ranges within it) where it joins several names with a conjunction
/// and the whole does not resolve (see the module docs), names resolving with `resolver` (in
/// the plan's time); `None` to keep it whole.
pub fn split_conjoined(resolver: &Resolver, name: &str) -> Option<Vec<Range<usize>>> {
    let chars: Vec<char> = name.chars().collect();
    let whole = resolver.resolve(Some(name)).outcome;
    if matches!(whole, Outcome::Exact | Outcome::Alias | Outcome::EmptySlot) {
        return None;
    }
    let splitter = Splitter {
        resolver,
        chars: &chars,
        // A collective joined to another name (`州委编办及州直相关单位`) reads as one collective
        // as a whole, but is two: its parts too must be local units or collectives.
        only_local: matches!(whole, Outcome::Local | Outcome::Collective),
    };
    let mut failed = vec![false; chars.len() + 1];
    splitter.split_from(0, &mut failed)
}

/// What a split needs to know about the name.
struct Splitter<'a> {
    resolver: &'a Resolver<'a>,
    chars: &'a [char],
    /// The whole reads as a local unit: every part must be one too, or a collective.
    only_local: bool,
}

impl Splitter<'_> {
    /// Whether `chars[range]` resolves on its own.
    fn part(&self, range: Range<usize>) -> bool {
        let text: String = self.chars[range].iter().collect();
        let outcome = self.resolver.resolve(Some(&text)).outcome;
        if self.only_local {
            // A local unit beside a collective (`州委编办及州直相关单位`) is two slots; a national
            // body never is one part of a local name.
            matches!(outcome, Outcome::Local | Outcome::Collective)
        } else {
            resolves(outcome)
        }
    }

    /// Splits `chars[start..]` into two or more resolving parts, trying each conjunction in turn;
    /// `failed` marks the starts already known not to split, so a long name costs one pass.
    fn split_from(&self, start: usize, failed: &mut [bool]) -> Option<Vec<Range<usize>>> {
        if failed[start] {
            return None;
        }
        let chars = self.chars;
        for at in start + 1..chars.len() {
            for conjunction in CONJUNCTIONS {
                let n = conjunction.chars().count();
                let fits = at + n < chars.len()
                    && chars[at..at + n].iter().copied().eq(conjunction.chars());
                if !fits || !self.part(start..at) {
                    continue;
                }
                let rest = at + n;
                // The finest split first: a local unit's prefix also makes `省商务厅与省公安厅` one.
                if let Some(mut parts) = self.split_from(rest, failed) {
                    parts.insert(0, start..at);
                    return Some(parts);
                }
                if self.part(rest..chars.len()) {
                    return Some(vec![start..at, rest..chars.len()]);
                }
            }
        }
        failed[start] = true;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::period::When;
    use crate::resolve::registry::{Registry, DEFAULT_BASE};

    fn split(name: &str) -> Option<Vec<String>> {
        let registry = Registry::bundled(DEFAULT_BASE).unwrap();
        let chars: Vec<char> = name.chars().collect();
        let resolver = Resolver::new(&registry, When::Year(2021));
        split_conjoined(&resolver, name).map(|parts| {
            parts
                .into_iter()
                .map(|r| chars[r].iter().collect())
                .collect()
        })
    }

    #[test]
    fn a_local_whole_splits_only_into_local_units() {
        assert_eq!(split("区自然资源和林业局"), None, "not the national 林业局");
        assert_eq!(split("区市场监管和知识产权局"), None);
        assert_eq!(
            split("省商务厅与省公安厅"),
            Some(vec!["省商务厅".to_string(), "省公安厅".to_string()])
        );
    }

    #[test]
    fn a_long_name_that_never_splits_ends_at_once() {
        let name = format!("{}某某某", "省甲厅和".repeat(40));
        let started = std::time::Instant::now();
        let _ = split(&name);
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    #[test]
    fn splits_only_where_every_part_resolves() {
        assert_eq!(split("工业和信息化部"), None);
        assert_eq!(split("人力资源和社会保障部"), None);
        assert_eq!(split("省人力资源和社会保障厅"), None);
        assert_eq!(split("省发展和改革委员会"), None);
        assert_eq!(
            split("区政府办公室和区司法局"),
            Some(vec!["区政府办公室".into(), "区司法局".into()])
        );
        assert_eq!(
            split("商务部及海关总署"),
            Some(vec!["商务部".into(), "海关总署".into()])
        );
        assert_eq!(
            split("省教育厅以及省商务厅与省公安厅"),
            Some(vec![
                "省教育厅".into(),
                "省商务厅".into(),
                "省公安厅".into()
            ])
        );
    }
}
