//! Comparing names across datasets: one key per name whatever its script, width, spacing,
//! brackets or the "中华人民共和国" / "of the People's Republic of China" its full form adds, and
//! a score for names that differ.

use crate::read::script::fold_name;
use crate::text::{fold_width, is_han};

/// Score of names whose keys are equal.
pub const SAME: f64 = 1.0;
/// Score of a name that is the other with 中国 in front (中国海关总署 for 海关总署): probably the
/// same body, not certainly (中国 also begins the names of Party and public bodies).
const COUNTRY_PREFIXED: f64 = 0.9;
/// Score of an acronym that equals the other side's acronym (SIPO, WIPO): acronyms are short
/// and reused, so never certain on their own.
pub const SAME_ACRONYM: f64 = 0.85;

/// Words that end the name of a unit (bureau, department, office …): a name that is another
/// name plus such a word is a unit of that body (国家知识产权局专利局), not the body.
const UNIT_ENDINGS: &[&str] = &[
    "局",
    "司",
    "处",
    "科",
    "厅",
    "室",
    "所",
    "院",
    "中心",
    "委员会",
    "部",
    "署",
    "会",
    "站",
    "队",
];

/// The comparison key of a name: simplified script, half-width, no spaces or title brackets,
/// ASCII lower-cased, the official prefix and suffix of full names removed.
///
/// Folded until it no longer changes: script conversion by phrase is not stable in one pass
/// (`麼` may become `幺`, which a second pass makes `么`, as `么` itself stays), and two spellings
/// of one name must meet at one key.
pub fn name_key(name: &str) -> String {
    let mut key = key_once(name);
    for _ in 0..4 {
        let again = key_once(&key);
        if again == key {
            break;
        }
        key = again;
    }
    key
}

/// One pass of [`name_key`].
fn key_once(name: &str) -> String {
    let folded = fold_name(name.trim());
    let mut key = String::with_capacity(folded.len());
    let latin = folded.chars().any(|c| c.is_ascii_alphabetic()) && !folded.chars().any(is_han);
    for c in folded.chars() {
        let c = fold_width(c);
        match c {
            '《' | '》' | '〈' | '〉' | '“' | '”' | '"' | '「' | '」' | '·' | '•' => {}
            '’' | '‘' => key.push('\''),
            c if c.is_whitespace() => {
                // Words stay apart in Latin names; Chinese names have no spaces of their own.
                if latin && !key.is_empty() && !key.ends_with(' ') {
                    key.push(' ');
                }
            }
            c => key.extend(c.to_lowercase()),
        }
    }
    let key = key.trim_end().to_string();
    let key = strip_official_affixes(&key);
    // Words stay apart only in a Latin name: once `the` is stripped from `the 中…`-like text,
    // what is left keeps no spaces (so the key of a key is the key).
    if key.chars().any(|c| c.is_ascii_alphabetic()) {
        key.to_string()
    } else {
        key.replace(' ', "")
    }
}

/// The key without the state's name that full official names carry (中华人民共和国商务部,
/// 中华人民共和国专利法, Ministry of Commerce of the People's Republic of China).
fn strip_official_affixes(mut key: &str) -> &str {
    // Until none is left, so that the key of a key is the key (`the the …`).
    loop {
        let before = key.len();
        key = key.strip_prefix("中华人民共和国").unwrap_or(key);
        key = key.strip_prefix("the ").unwrap_or(key);
        for suffix in [
            " of the people's republic of china",
            " of the prc",
            ", prc",
            " (prc)",
            " of china",
        ] {
            if let Some(stripped) = key.strip_suffix(suffix) {
                key = stripped;
                break;
            }
        }
        if key.len() == before {
            return key;
        }
    }
}

/// Whether two names could be spellings of one body: the same last character in Chinese (the
/// kind of body: 局, 部, 委员会, 办公室); the same first and last word in English, where the kind
/// comes first ("Office of …", "member units of …") and long shared tails make names of
/// different bodies look alike character by character.
fn same_kind_of_body(a: &str, b: &str, latin: bool) -> bool {
    if latin {
        a.split(' ').next() == b.split(' ').next() && a.rsplit(' ').next() == b.rsplit(' ').next()
    } else {
        a.chars().last() == b.chars().last()
    }
}

/// Why two names were judged alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Likeness {
    /// The same key.
    Same,
    /// The same acronym.
    Acronym,
    /// One is the other with 中国 in front.
    CountryPrefixed,
    /// Keys at this many character edits.
    Edits(usize),
}

impl Likeness {
    /// A phrase for reports and the linkset.
    pub fn describe(self) -> String {
        match self {
            Likeness::Same => "same name".into(),
            Likeness::Acronym => "same acronym only".into(),
            Likeness::CountryPrefixed => "the name with 中国 in front".into(),
            Likeness::Edits(n) => format!("names {n} character edit(s) apart"),
        }
    }
}

/// How alike two keys are, from 0 to [`SAME`], with the reason; `None` when they are not
/// comparable, one names a unit of the other, or the score would be below `floor`.
pub fn likeness(a: &str, b: &str, floor: f64) -> Option<(f64, Likeness)> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a == b {
        return Some((SAME, Likeness::Same));
    }
    let (a_len, b_len) = (a.chars().count(), b.chars().count());
    let (short, long) = if a_len <= b_len { (a, b) } else { (b, a) };
    if long.strip_prefix("中国") == Some(short) {
        return Some((COUNTRY_PREFIXED, Likeness::CountryPrefixed));
    }
    if let Some(rest) = long.strip_prefix(short) {
        if UNIT_ENDINGS.iter().any(|ending| rest.ends_with(ending)) {
            return None;
        }
    }
    let a_latin = a.chars().any(|c| c.is_ascii_alphabetic());
    let b_latin = b.chars().any(|c| c.is_ascii_alphabetic());
    if a_latin != b_latin {
        return None;
    }
    // At least the difference in length is edits: skip the edit distance when even that
    // bound is below the floor (most pairs, which is what keeps large datasets fast).
    let longest = a_len.max(b_len);
    let bound = 1.0 - a_len.abs_diff(b_len) as f64 / longest as f64;
    if bound < floor || !same_kind_of_body(a, b, a_latin) {
        return None;
    }
    let edits = strsim::levenshtein(a, b);
    let score = 1.0 - edits as f64 / longest as f64;
    (score >= floor).then_some((score, Likeness::Edits(edits)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_script_width_spacing_brackets_and_the_states_name() {
        assert_eq!(name_key("國家知識產權局"), name_key("国家知识产权局"));
        assert_eq!(name_key("中華人民共和國商務部"), "商务部");
        assert_eq!(name_key("《中华人民共和国专利法》"), "专利法");
        assert_eq!(name_key("国家 知识产权局"), "国家知识产权局");
        assert_eq!(
            name_key("Ministry of Commerce of the People’s Republic of China"),
            "ministry of commerce"
        );
        assert_eq!(name_key("ＷＩＰＯ"), "wipo");
        assert_eq!(
            name_key("  World   Intellectual Property Organization "),
            "world intellectual property organization"
        );
    }

    #[test]
    fn likeness_scores_near_names_and_refuses_units_and_scripts() {
        assert_eq!(
            likeness("海关总署", "海关总署", 0.0),
            Some((SAME, Likeness::Same))
        );
        assert_eq!(
            likeness("中国海关总署", "海关总署", 0.0).map(|(_, l)| l),
            Some(Likeness::CountryPrefixed)
        );
        // A unit of the office is not the office.
        assert_eq!(
            likeness("国家知识产权局专利局", "国家知识产权局", 0.0),
            None
        );
        // One character apart in ten: probable.
        let (score, why) = likeness("国家发展与改革委员会", "国家发展和改革委员会", 0.0).unwrap();
        assert_eq!(why, Likeness::Edits(1));
        assert!((score - 0.9).abs() < 1e-9);
        // Different ministries share characters, not names.
        assert!(likeness("商务部", "财政部", 0.0).unwrap().0 < 0.5);
        assert_eq!(likeness("商务部", "ministry of commerce", 0.0), None);
        // Another kind of body with a long shared tail: an office is not the member units.
        assert_eq!(
            likeness(
                &name_key("member units of the National Leading Group on the Fight against IPR Infringement and Counterfeiting"),
                &name_key("Office of the National Leading Group on the Fight against IPR Infringement and Counterfeiting"),
                0.0
            ),
            None
        );
        assert_eq!(likeness("国家林业局", "国家林业部", 0.0), None);
        let (score, _) = likeness(
            "state administration for industry and commerce",
            "state administration of industry and commerce",
            0.0,
        )
        .unwrap();
        assert!(score > 0.9);
        // Below the floor: not worth the edit distance.
        assert_eq!(likeness("商务部", "财政部", 0.7), None);
        assert_eq!(
            likeness("国家邮政局", "国家邮政管理局", 0.7),
            Some((1.0 - 2.0 / 7.0, Likeness::Edits(2)))
        );
    }
}
