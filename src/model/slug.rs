//! How the model refers to a registry entity.

use serde::Serialize;
use std::fmt;

/// A registry entity's identifier in the model: its IRI relative to the graph's base
/// (`agency/saic`, `partner/wto`), or its whole IRI when it lies elsewhere. It is the key of
/// [`Plan::agencies`](super::Plan::agencies) and prints as the bare string in JSON.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct EntitySlug(String);

impl EntitySlug {
    /// The slug `slug`, as the registry gives it.
    pub fn new(slug: &str) -> Self {
        EntitySlug(slug.to_string())
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntitySlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
