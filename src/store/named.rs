//! The named query library: `queries/*.rq`, embedded in the binary. Each file's first comment
//! line describes it, and each parameter it needs has a line of its own:
//! `# param agency: an agency as printed, or by its short or full name (example: 工商总局)`.
//! `plangraph queries` lists them and `plangraph query --named NAME` runs one.

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
    ("deadlines", include_str!("../../queries/deadlines.rq")),
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

/// A parameter a named query needs (`--param NAME=VALUE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The variable it binds.
    pub name: String,
    /// What it means.
    pub meaning: String,
    /// A value to try, where the header gives one.
    pub example: Option<String>,
}

/// The parameters a query's header declares.
pub fn params(text: &str) -> Vec<Param> {
    text.lines()
        .map_while(|l| l.trim().strip_prefix('#'))
        .filter_map(|l| l.trim().strip_prefix("param "))
        .filter_map(|l| {
            let (name, rest) = l.split_once(':')?;
            let rest = rest.trim();
            let (meaning, example) = match rest.rsplit_once("(example: ") {
                Some((meaning, example)) => (
                    meaning.trim(),
                    Some(example.trim_end_matches(')').trim().to_string()),
                ),
                None => (rest, None),
            };
            Some(Param {
                name: name.trim().to_string(),
                meaning: meaning.to_string(),
                example,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_declared_in_the_header() {
        let params = params(named("tasks-by-agency").unwrap());
        assert_eq!(params.len(), 1);
        assert_eq!(params[0].name, "agency");
        assert_eq!(params[0].example.as_deref(), Some("工商总局"));
        assert!(super::params(named("lead-agencies").unwrap()).is_empty());
        for (name, text) in NAMED {
            for param in super::params(text) {
                assert!(
                    text.contains(&format!("?{}", param.name)),
                    "{name}: ?{}",
                    param.name
                );
            }
        }
    }

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
