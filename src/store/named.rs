//! The named query library: `queries/*.rq`, embedded in the binary. Each file's first comment
//! line describes it; `plangraph queries` lists them and `plangraph query --named NAME` runs one.

/// The named queries as (name, SPARQL text), sorted by name.
pub const NAMED: &[(&str, &str)] = &[
    (
        "agency-plans",
        include_str!("../../queries/agency-plans.rq"),
    ),
    (
        "agency-workload",
        include_str!("../../queries/agency-workload.rq"),
    ),
    ("campaigns", include_str!("../../queries/campaigns.rq")),
    (
        "co-responsibility",
        include_str!("../../queries/co-responsibility.rq"),
    ),
    ("gaps", include_str!("../../queries/gaps.rq")),
    (
        "lead-agencies",
        include_str!("../../queries/lead-agencies.rq"),
    ),
    (
        "legal-instruments",
        include_str!("../../queries/legal-instruments.rq"),
    ),
    ("outline", include_str!("../../queries/outline.rq")),
    ("partners", include_str!("../../queries/partners.rq")),
    ("successors", include_str!("../../queries/successors.rq")),
    (
        "tasks-by-agency",
        include_str!("../../queries/tasks-by-agency.rq"),
    ),
];

/// The text of the named query `name`.
pub fn named(name: &str) -> Option<&'static str> {
    NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// A query's description: its first comment line.
pub fn description(text: &str) -> &str {
    text.lines()
        .find_map(|l| l.trim().strip_prefix('#'))
        .map_or("", str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_file_is_listed_and_described() {
        let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/queries"))
            .unwrap()
            .count();
        assert_eq!(files, NAMED.len());
        for (name, text) in NAMED {
            assert!(!description(text).is_empty(), "{name} has a description");
        }
        assert!(description(named("gaps").unwrap()).starts_with("Every empty"));
    }
}
