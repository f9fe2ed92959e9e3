//! The linking report: one line per link, ambiguity and unmatched entity of theirs, the
//! unmatched entities of ours by kind, and a summary line.

use super::{Evidence, Linking, Miss, OurEntity, Relation, TheirEntity};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The report of `linking` against the dataset named `other_name`.
pub fn render(
    linking: &Linking,
    ours: &[OurEntity],
    theirs: &[TheirEntity],
    other_name: &str,
) -> String {
    let mut out = String::new();
    let named = ours.iter().filter(|o| o.in_plans).count();
    let _ = writeln!(
        out,
        "# {other_name}: {} labelled entities; {named} entities named in the plans",
        theirs.len()
    );
    let our = |o: usize| format!("{} <{}>", ours[o].display, ours[o].iri);
    let their = |t: usize, e: &Evidence| format!("<{}> \"{}\"", theirs[t].iri, e.their_label);

    for link in &linking.links {
        let e = &link.evidence;
        let _ = match link.relation {
            Relation::Exact => writeln!(
                out,
                "exact      {} = {}",
                our(link.ours),
                their(link.theirs, e)
            ),
            Relation::Close => writeln!(
                out,
                "close {:.2} {} ~ {} ({}; probable, not certain)",
                e.score,
                our(link.ours),
                their(link.theirs, e),
                e.likeness.describe()
            ),
        };
    }
    for a in &linking.ambiguities {
        let e = &a.evidence;
        if a.ours.len() > 1 {
            let names: Vec<&str> = a.ours.iter().map(|o| ours[*o].display.as_str()).collect();
            let _ = writeln!(
                out,
                "ambiguous  {} fits {} of ours equally ({:.2}, {}): {}; not linked",
                their(a.theirs[0], e),
                a.ours.len(),
                e.score,
                e.likeness.describe(),
                names.join(", ")
            );
        } else {
            let iris: Vec<String> = a
                .theirs
                .iter()
                .map(|t| format!("<{}>", theirs[*t].iri))
                .collect();
            let _ = writeln!(
                out,
                "ambiguous  {} is fitted equally ({:.2}) by {} of theirs: {}; not linked",
                our(a.ours[0]),
                e.score,
                a.theirs.len(),
                iris.join(", ")
            );
        }
    }
    for (t, miss) in &linking.misses {
        let line = match miss {
            Miss::Unmatched(None) => format!(
                "<{}> \"{}\": no name alike",
                theirs[*t].iri,
                theirs[*t].labels.join("\" / \"")
            ),
            Miss::Unmatched(Some((o, e))) => format!(
                "{}: closest {} ({:.2}, {}), too weak to link",
                their(*t, e),
                our(*o),
                e.score,
                e.likeness.describe()
            ),
            Miss::SameNode(o) => format!(
                "<{}>: the same node as {}, nothing to link",
                theirs[*t].iri, ours[*o].display
            ),
            Miss::OutsidePlans(o, e) => format!(
                "{}: fits {} ({:.2}), which no loaded plan names",
                their(*t, e),
                our(*o),
                e.score
            ),
            Miss::Outranked {
                ours: o,
                by,
                evidence,
            } => format!(
                "{}: fits {} ({:.2}), but <{}> fits it better",
                their(*t, evidence),
                our(*o),
                evidence.score,
                theirs[*by].iri
            ),
        };
        let _ = writeln!(out, "unmatched  {line}");
    }
    let mut by_kind: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for o in &linking.unmatched_ours {
        by_kind
            .entry(ours[*o].kind.name())
            .or_default()
            .push(ours[*o].display.as_str());
    }
    for (kind, names) in &by_kind {
        let _ = writeln!(
            out,
            "ours unmatched ({kind}, {}): {}",
            names.len(),
            names.join("、")
        );
    }
    let _ = writeln!(
        out,
        "summary: {} exact, {} close, {} ambiguous, {} of theirs unmatched, {} of ours unmatched",
        linking.count(Relation::Exact),
        linking.count(Relation::Close),
        linking.ambiguities.len(),
        linking.misses.len(),
        linking.unmatched_ours.len()
    );
    out
}
