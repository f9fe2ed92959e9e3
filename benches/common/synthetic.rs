//! Synthetic plans for benchmarks: new plan texts built from a parsed plan's structure, with
//! tasks resampled, agency lists permuted, numbering and layout varied — deterministic from a
//! seed number, so two runs measure the same corpus.

use plangraph::model::Plan;
use plangraph::text::numerals::to_chinese_numeral;

/// A small deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Plan number `index` of a corpus generated from `template` with `seed`.
pub fn synthetic_plan(template: &Plan, seed: u64, index: u64) -> String {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(index));
    let year = 2011 + (index % 12);
    let sectioned = rng.below(3) == 0;
    let half_width = rng.below(2) == 0;
    let blank_lines = rng.below(2) == 0;
    let (open, close) = if half_width {
        ("(", ")")
    } else {
        ("（", "）")
    };
    let break_between = if blank_lines { "\n\n" } else { "\n" };

    let mut out = format!(
        "《{year}年全国打击侵犯知识产权和制售假冒伪劣商品工作要点（第{index}号）》已经国务院同意，现印发给你们，请认真贯彻执行。{break_between}"
    );
    let task_count = 20 + rng.below(12);
    for number in 1..=task_count as u32 {
        if sectioned && (number - 1) % 8 == 0 {
            let section = (number - 1) / 8 + 1;
            out.push_str(&format!(
                "{}、第{}部分重点工作{break_between}",
                to_chinese_numeral(section),
                to_chinese_numeral(section)
            ));
        }
        let task = &template.tasks[rng.below(template.tasks.len())];
        out.push_str(&format!(
            "  {open}{}{close}{}。",
            to_chinese_numeral(number),
            task.title
        ));
        for sub in &task.subtasks {
            let clauses = sub
                .text
                .strip_prefix(&format!("{}。", task.title))
                .unwrap_or(&sub.text);
            out.push_str(clauses);
            out.push_str(&permuted_parenthetical(
                &sub.parenthetical.printed,
                &mut rng,
                open,
                close,
            ));
        }
        out.push_str(break_between);
    }
    out
}

/// The parenthetical with the names of each comma-separated group shuffled, verbs kept.
pub fn permuted_parenthetical(printed: &str, rng: &mut Rng, open: &str, close: &str) -> String {
    let inner = printed
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    let groups: Vec<String> = inner
        .split([',', '，'])
        .map(|group| {
            let verb_at = ["按职责分工", "牵头", "负责"]
                .iter()
                .filter_map(|v| group.find(v))
                .min()
                .unwrap_or(group.len());
            let (list, verb) = group.split_at(verb_at);
            let (list, open_list) = match list.strip_suffix('等') {
                Some(l) => (l, "等"),
                None => (list, ""),
            };
            let mut names: Vec<&str> = list.split('、').collect();
            for i in (1..names.len()).rev() {
                names.swap(i, rng.below(i + 1));
            }
            format!("{}{open_list}{verb}", names.join("、"))
        })
        .collect();
    format!("{open}{}{close}", groups.join("，"))
}
