//! Mention stage: campaigns, legal instruments and international partners named in the text.
//!
//! Four ways a mention is found, all on a match-key view of the text (quotation marks, widths,
//! spacing and attached years ignored, so `“秋风2017”专项行动` matches 秋风专项行动):
//! 1. a registry name occurs as printed (the longest one wins where names of one kind overlap);
//! 2. a registry name with one run of up to four characters cut out, as a keyword filter leaves
//!    it (`消费者权益保实施条例`), where exactly one registry name fits;
//! 3. a partner named by a pair: 中 + abbreviations (`中美`, `中日韩`, `中巴(西)`); an empty item in
//!    a list of pairs (`中欧、、中巴(西)`) is a partner gap, flagged and never filled;
//! 4. a name the registry lacks but the text marks: `《…》` (a legal instrument) and
//!    `“…”专项行动/行动/工程/活动` (a campaign); these are reported as unregistered.

use crate::model::{EntityKind, Evidence};
use crate::resolve::citations::is_work_plan_title;
use crate::resolve::names::{is_cut_once, keyed, match_key};
use crate::resolve::registry::{EntityId, Registry};
use crate::text::is_han;
use std::ops::Range;

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A registry entity.
    Registered(EntityId),
    /// A name the registry lacks, keyed by kind and match key.
    Unregistered {
        /// Campaign or legal instrument.
        kind: EntityKind,
        /// The name's match key: how two printings of it are known to be one name.
        key: String,
        /// The cleaned ranges of the name's printed parts, without the marks around it: the
        /// title inside 《》, or the quoted name and the word after the quotes
        /// (“ABC清网”专项行动 → `ABC清网`, `专项行动`).
        name: Vec<Range<usize>>,
    },
}

/// One mention in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMention {
    /// What is mentioned.
    pub target: Target,
    /// The cleaned range of the printed mention.
    pub range: Range<usize>,
    /// How it was found.
    pub evidence: Evidence,
}

/// What the mention stage finds.
#[derive(Debug, Clone, Default)]
pub struct RawMentions {
    /// Mentions in text order.
    pub mentions: Vec<RawMention>,
    /// Empty items in lists of partner pairs.
    pub partner_gaps: Vec<RawPartnerGap>,
}

/// An empty item in a list of partner pairs (`中欧、、中巴(西)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPartnerGap {
    /// The cleaned position of the separator after the deleted name.
    pub at: usize,
    /// The cleaned range of the whole list.
    pub list: Range<usize>,
}

/// The words after a quoted name that make it a campaign (“剑网2019”专项行动), longest first.
const CAMPAIGN_WORDS: [&str; 7] = [
    "专项整治行动",
    "专项治理行动",
    "专项行动",
    "专项整治",
    "行动",
    "工程",
    "活动",
];

/// Quotation marks, which a title may hold around part of a name.
const QUOTES: &[char] = &['“', '”', '"', '‘', '’'];

/// Characters that, before 中, make it part of a word (其中, 集中, 之中 …) rather than a pair.
const NOT_PAIR_PREFIX: &str = "其集之当空从期初高心手途暗命正居适折";

/// Finds the mentions in cleaned range `body` of `chars`; a 《》 holding `own_title` (the plan's
/// title, wherever the plan prints it) is not a mention of another instrument.
pub fn find_mentions(
    chars: &[char],
    body: Range<usize>,
    own_title: Option<&str>,
    registry: &Registry,
) -> RawMentions {
    let view = KeyView::new(chars, body.clone());
    let labels = Labels::new(registry);
    let mut found = exact_names(&view, registry, &labels);
    found.extend(truncated_names(&view, &labels, &found));
    // A registry name inside a longer title in 《》 (知识产权保护条例 in 《临江市知识产权保护条例》)
    // names another instrument: the title is the mention.
    found.retain(|m| !inside_a_longer_title(chars, &body, &m.range, registry, &m.target));
    let (pairs, partner_gaps) = pairs(&view, registry);
    found.extend(pairs);
    found.extend(marked_names(chars, body, own_title.map(match_key), &found));
    for mention in &mut found {
        mention.range = with_opening_quote(chars, mention.range.clone());
    }
    found.sort_by_key(|m| (m.range.start, m.range.end));
    RawMentions {
        mentions: found,
        partner_gaps,
    }
}

/// Widens a range that holds a closing quotation mark but not its opening one to the opening
/// mark just before it (`秋风2017”专项行动` → `“秋风2017”专项行动`).
fn with_opening_quote(chars: &[char], range: Range<usize>) -> Range<usize> {
    let inner = &chars[range.clone()];
    let unbalanced = inner.contains(&'”') && !inner.contains(&'“');
    if unbalanced && range.start > 0 && chars[range.start - 1] == '“' {
        range.start - 1..range.end
    } else {
        range
    }
}

/// The match-key view of a range: key characters with their cleaned indexes.
struct KeyView {
    key: Vec<char>,
    at: Vec<usize>,
}

impl KeyView {
    fn new(chars: &[char], range: Range<usize>) -> Self {
        let keyed = keyed(&chars[range.clone()]);
        let digits: Vec<bool> = keyed.iter().map(|(c, _)| c.is_ascii_digit()).collect();
        // Drop a year (19xx/20xx) attached to a name: not followed by 年, not part of a longer number.
        let mut drop = vec![false; keyed.len()];
        let mut i = 0;
        while i < keyed.len() {
            let run = digits[i..].iter().take_while(|d| **d).count();
            if run == 4 {
                let year: String = keyed[i..i + 4].iter().map(|(c, _)| *c).collect();
                let next = keyed.get(i + 4).map(|(c, _)| *c);
                if (year.starts_with("19") || year.starts_with("20"))
                    && !matches!(next, Some('年' | '.' | '-' | '/'))
                {
                    drop[i..i + 4].iter_mut().for_each(|d| *d = true);
                }
            }
            i += run.max(1);
        }
        let (key, at) = keyed
            .into_iter()
            .zip(drop)
            .filter(|(_, dropped)| !dropped)
            .map(|((c, offset), _)| (c, range.start + offset))
            .unzip();
        KeyView { key, at }
    }

    /// The cleaned range of key positions `range`.
    fn cleaned(&self, range: Range<usize>) -> Range<usize> {
        self.at[range.start]..self.at[range.end - 1] + 1
    }
}

fn is_mention_kind(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Campaign | EntityKind::LegalInstrument | EntityKind::InternationalPartner
    )
}

/// The names scanned for (Chinese names and acronyms of campaigns, instruments and partners),
/// indexed by first character. Countries are left to pairs, since a plan names them in running
/// text for other reasons (展会 held in 美国).
struct Labels<'r> {
    labels: Vec<(EntityId, &'r [char])>,
    /// Label indexes by the low bits of their first character (checked again on lookup).
    buckets: Vec<Vec<usize>>,
}

const BUCKETS: usize = 1024;

impl<'r> Labels<'r> {
    fn new(registry: &'r Registry) -> Self {
        let labels: Vec<(EntityId, &[char])> = registry
            .name_keys()
            .iter()
            .filter(|(id, key)| {
                let entity = registry.entity(*id);
                key.len() >= 2
                    && is_mention_kind(entity.kind)
                    && entity.pair_abbreviations.is_empty()
            })
            .map(|(id, key)| (*id, key.as_slice()))
            .collect();
        let mut buckets = vec![Vec::new(); BUCKETS];
        for (i, (_, key)) in labels.iter().enumerate() {
            buckets[key[0] as usize % BUCKETS].push(i);
        }
        Labels { labels, buckets }
    }

    /// The labels starting with `c`.
    fn starting_with(&self, c: char) -> impl Iterator<Item = (EntityId, &'r [char])> + '_ {
        self.buckets[c as usize % BUCKETS]
            .iter()
            .map(|&i| self.labels[i])
            .filter(move |(_, key)| key[0] == c)
    }
}

fn exact_names(view: &KeyView, registry: &Registry, labels: &Labels) -> Vec<RawMention> {
    let mut hits: Vec<(EntityKind, Range<usize>, EntityId)> = Vec::new();
    for start in 0..view.key.len() {
        for (id, label) in labels.starting_with(view.key[start]) {
            let end = start + label.len();
            if view.key.get(start..end) != Some(label) {
                continue;
            }
            let ascii = label.iter().all(char::is_ascii_alphanumeric);
            let boundary = |i: Option<usize>| {
                i.and_then(|i| view.key.get(i))
                    .is_none_or(|c| !c.is_ascii_alphanumeric())
            };
            if ascii && !(boundary(start.checked_sub(1)) && boundary(Some(end))) {
                continue;
            }
            hits.push((registry.entity(id).kind, start..end, id));
        }
    }
    // Longest first, so a shorter name inside a longer one of the same kind is dropped.
    hits.sort_by_key(|(kind, r, _)| (*kind, std::cmp::Reverse(r.len()), r.start));
    let mut kept: Vec<(EntityKind, Range<usize>, EntityId)> = Vec::new();
    for (kind, range, id) in hits {
        if !kept
            .iter()
            .any(|(k, r, _)| *k == kind && r.start < range.end && range.start < r.end)
        {
            kept.push((kind, range, id));
        }
    }
    kept.into_iter()
        .map(|(_, range, id)| RawMention {
            target: Target::Registered(id),
            range: view.cleaned(range),
            evidence: Evidence::Name,
        })
        .collect()
}

fn truncated_names(view: &KeyView, labels: &Labels, exact: &[RawMention]) -> Vec<RawMention> {
    // Which key positions an exact name already covers (`view.at` is increasing).
    let mut covered = vec![false; view.key.len()];
    for mention in exact {
        let first = view.at.partition_point(|&at| at < mention.range.start);
        for (k, &at) in view.at.iter().enumerate().skip(first) {
            if at >= mention.range.end {
                break;
            }
            covered[k] = true;
        }
    }
    let mut out = Vec::new();
    let mut run_start = 0;
    for i in 0..=view.key.len() {
        let in_run =
            i < view.key.len() && (is_han(view.key[i]) || view.key[i].is_ascii_alphanumeric());
        if in_run {
            continue;
        }
        let run = run_start..i;
        run_start = i + 1;
        let mut best: Option<(Range<usize>, Vec<EntityId>)> = None;
        for s in run.clone() {
            for (id, label) in labels
                .starting_with(view.key[s])
                .filter(|(_, l)| l.len() >= 5)
            {
                // A cut keeps at least two thirds of the name and drops at most four
                // characters, so only windows of those lengths can match.
                let shortest = (label.len() * 2)
                    .div_ceil(3)
                    .max(label.len().saturating_sub(4))
                    .max(2);
                let longest = (s + label.len() - 1).min(run.end);
                for e in (s + shortest..=longest).rev() {
                    let window = &view.key[s..e];
                    if window.last() != label.last() || !is_cut_once(window, label, 4) {
                        continue;
                    }
                    if covered[s..e].iter().any(|c| *c) {
                        continue;
                    }
                    match &mut best {
                        Some((r, ids)) if *r == (s..e) => {
                            if !ids.contains(&id) {
                                ids.push(id)
                            }
                        }
                        Some((r, _)) if r.len() >= e - s => {}
                        _ => best = Some((s..e, vec![id])),
                    }
                }
            }
        }
        // Only a cut that fits exactly one entity is a mention of it.
        if let Some((range, ids)) = best.filter(|(_, ids)| ids.len() == 1) {
            out.push(RawMention {
                target: Target::Registered(ids[0]),
                range: view.cleaned(range),
                evidence: Evidence::Truncated,
            });
        }
    }
    out
}

fn pairs(view: &KeyView, registry: &Registry) -> (Vec<RawMention>, Vec<RawPartnerGap>) {
    let mut abbreviations: Vec<(Vec<char>, EntityId)> = registry
        .entities()
        .iter()
        .enumerate()
        .flat_map(|(id, e)| {
            e.pair_abbreviations
                .iter()
                .map(move |a| (match_key(a).chars().collect::<Vec<char>>(), id))
        })
        // The registry refuses empty names; an empty one here would never advance the scan.
        .filter(|(a, _)| !a.is_empty())
        .collect();
    abbreviations.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
    let key = &view.key;
    let mut mentions = Vec::new();
    // Pair items as key ranges, to find the empty items between them.
    let mut items: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < key.len() {
        if key[i] != '中' || (i > 0 && NOT_PAIR_PREFIX.contains(key[i - 1])) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut partners = Vec::new();
        while let Some((abbr, id)) = abbreviations.iter().find(|(a, _)| key[j..].starts_with(a)) {
            partners.push(*id);
            j += abbr.len();
        }
        if partners.is_empty() {
            i += 1;
            continue;
        }
        for id in partners {
            mentions.push(RawMention {
                target: Target::Registered(id),
                range: view.cleaned(i..j),
                evidence: Evidence::Pair,
            });
        }
        items.push(i..j);
        i = j;
    }
    let mut gaps = Vec::new();
    for pair in items.windows(2) {
        let between = &key[pair[0].end..pair[1].start];
        if between.len() >= 2 && between.iter().all(|&c| c == '、') {
            let list = view.cleaned(pair[0].start..pair[1].end);
            for k in 1..between.len() {
                gaps.push(RawPartnerGap {
                    at: view.at[pair[0].end + k],
                    list: list.clone(),
                });
            }
        }
    }
    (mentions, gaps)
}

/// Whether the registered instrument `target` found at cleaned `range` lies inside a 《…》 title
/// that adds more to its name than the state's name in front (中华人民共和国) or a bracketed
/// part at the end (（试行）, （2021—2035年）).
fn inside_a_longer_title(
    chars: &[char],
    body: &Range<usize>,
    range: &Range<usize>,
    registry: &Registry,
    target: &Target,
) -> bool {
    let Target::Registered(id) = target else {
        return false;
    };
    if registry.entity(*id).kind != EntityKind::LegalInstrument {
        return false;
    }
    let Some(open) = (body.start..range.start)
        .rev()
        .take(40)
        .find(|&i| matches!(chars[i], '《' | '》'))
        .filter(|&i| chars[i] == '《')
    else {
        return false;
    };
    let Some(close) = (range.end..body.end).take(40).find(|&i| chars[i] == '》') else {
        return false;
    };
    // Quotation marks are no part of a name (《“十三五”国家知识产权保护和运用规划》).
    let unquoted =
        |r: Range<usize>| -> String { chars[r].iter().filter(|c| !QUOTES.contains(c)).collect() };
    let before = unquoted(open + 1..range.start);
    let after = unquoted(range.end..close);
    let bracketed =
        |s: &str| s.is_empty() || (s.starts_with(['（', '(']) && s.ends_with(['）', ')']));
    !(matches!(before.as_str(), "" | "中华人民共和国") && bracketed(&after))
}

/// Whether a title in 《》 names a legal instrument (a law, regulation, rule, standard, strategy,
/// agreement …) by how it ends, a bracketed part such as （试行） aside: a newspaper, a book or
/// a report (《临江日报》) is not one.
fn is_instrument_title(name: &str) -> bool {
    let name = match name.rfind(['（', '(']) {
        Some(i) if name.ends_with(['）', ')']) && i > 0 => &name[..i],
        _ => name,
    };
    INSTRUMENT_ENDINGS
        .iter()
        .any(|ending| name.ends_with(ending))
}

/// How the titles of legal and policy instruments end.
const INSTRUMENT_ENDINGS: &[&str] = &[
    "法",
    "条例",
    "规定",
    "办法",
    "细则",
    "规则",
    "决定",
    "意见",
    "纲要",
    "规划",
    "计划",
    "方案",
    "协定",
    "公约",
    "条约",
    "议定书",
    "协议",
    "标准",
    "通知",
    "解释",
    "指南",
    "指引",
    "目录",
    "清单",
    "战略",
    "要点",
    "制度",
    "机制",
    "规范",
    "守则",
    "通告",
    "公告",
    "批复",
    "令",
];

/// Titles in 《》 and quoted campaign names that no registry mention covers.
fn marked_names(
    chars: &[char],
    body: Range<usize>,
    own_title: Option<String>,
    found: &[RawMention],
) -> Vec<RawMention> {
    let overlaps = |r: &Range<usize>, kind: EntityKind| {
        found.iter().any(|m| {
            let same_kind = match &m.target {
                Target::Registered(_) => true,
                Target::Unregistered { kind: k, .. } => *k == kind,
            };
            same_kind && m.range.start < r.end && r.start < m.range.end
        })
    };
    let mut out = Vec::new();
    let text = &chars[body.clone()];
    // An ASCII quote closes as it opens: the one that closed a pair opens nothing.
    let mut closing_quote = None;
    for (i, &c) in text.iter().enumerate() {
        if c == '"' && closing_quote == Some(i) {
            continue;
        }
        let (close, kind, suffixes): (char, EntityKind, &[&str]) = match c {
            '《' => ('》', EntityKind::LegalInstrument, &[""]),
            '“' | '"' => (
                if c == '"' { '"' } else { '”' },
                EntityKind::Campaign,
                &CAMPAIGN_WORDS,
            ),
            _ => continue,
        };
        let Some(len) = text[i + 1..].iter().take(40).position(|&c| c == close) else {
            continue;
        };
        let name_end = i + 1 + len;
        if c == '"' {
            closing_quote = Some(name_end);
        }
        let after: String = text[name_end + 1..].iter().take(6).collect();
        let Some(suffix) = suffixes.iter().find(|s| after.starts_with(*s)) else {
            continue;
        };
        let suffix_start = body.start + name_end + 1;
        let range = body.start + i..suffix_start + suffix.chars().count();
        let inner = body.start + i + 1..body.start + name_end;
        let parts = vec![inner.clone(), suffix_start..range.end];
        let name: String = chars[inner].iter().collect::<String>() + suffix;
        // A cited work plan is a citation of its own (see [`find_cited_plans`]); a title that
        // is no instrument's (a newspaper's) is no mention.
        if kind == EntityKind::LegalInstrument
            && (is_work_plan_title(&name) || !is_instrument_title(&name))
        {
            continue;
        }
        // The plan naming itself (in its notice, its heading) cites nothing.
        let own =
            kind == EntityKind::LegalInstrument && own_title.as_deref() == Some(&match_key(&name));
        if len == 0 || own || overlaps(&range, kind) {
            continue;
        }
        out.push(RawMention {
            target: Target::Unregistered {
                kind,
                key: match_key(&name),
                name: parts,
            },
            range,
            evidence: Evidence::Marked,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::clean::CleanText;
    use crate::resolve::registry::DEFAULT_BASE;

    fn names(text: &str) -> Vec<(String, String, Evidence)> {
        let registry = Registry::bundled(DEFAULT_BASE).unwrap();
        let clean = CleanText::new(text);
        let found = find_mentions(clean.chars(), 0..clean.chars().len(), None, &registry);
        found
            .mentions
            .iter()
            .map(|m| {
                let name = match &m.target {
                    Target::Registered(id) => registry.entity(*id).name_zh.clone(),
                    Target::Unregistered { key, .. } => format!("?{key}"),
                };
                (name, clean.printed(m.range.clone()), m.evidence)
            })
            .collect()
    }

    #[test]
    fn quoted_and_dated_campaign_names() {
        assert_eq!(
            names("组织开展“秋风2017”专项行动,深入开展“剑网行动”。"),
            vec![
                (
                    "秋风行动".into(),
                    "“秋风2017”专项行动".into(),
                    Evidence::Name
                ),
                ("剑网行动".into(), "剑网行动".into(), Evidence::Name),
            ]
        );
    }

    #[test]
    fn filtered_names_and_longest_names() {
        let found = names(
            "推动制修订反不正当竞争法、中华人民共和国专利法、消费者权益保实施条例等法律法规。",
        );
        assert_eq!(
            found,
            vec![
                (
                    "中华人民共和国反不正当竞争法".into(),
                    "反不正当竞争法".into(),
                    Evidence::Name
                ),
                (
                    "中华人民共和国专利法".into(),
                    "中华人民共和国专利法".into(),
                    Evidence::Name
                ),
                (
                    "中华人民共和国消费者权益保护法实施条例".into(),
                    "消费者权益保实施条例".into(),
                    Evidence::Truncated
                ),
            ]
        );
    }

    #[test]
    fn pairs_and_partner_gaps() {
        let registry = Registry::bundled(DEFAULT_BASE).unwrap();
        let clean = CleanText::new("加强中美、中欧、、中巴(西)、中日韩合作,其中美方集中欧洲。");
        let found = find_mentions(clean.chars(), 0..clean.chars().len(), None, &registry);
        let partners: Vec<String> = found
            .mentions
            .iter()
            .map(|m| match &m.target {
                Target::Registered(id) => registry.entity(*id).name_zh.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(partners, ["美国", "欧盟", "巴西", "日本", "韩国"]);
        assert_eq!(found.partner_gaps.len(), 1);
        assert_eq!(clean.chars()[found.partner_gaps[0].at], '、');
    }

    #[test]
    fn unregistered_titles_and_campaigns_are_marked() {
        assert_eq!(
            names("贯彻《专利代理条例》,开展“蓝天”专项行动和“双随机”抽查。"),
            vec![
                (
                    "?专利代理条例".into(),
                    "《专利代理条例》".into(),
                    Evidence::Marked
                ),
                (
                    "?蓝天专项行动".into(),
                    "“蓝天”专项行动".into(),
                    Evidence::Marked
                ),
            ]
        );
    }
}
