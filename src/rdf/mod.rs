//! The RDF toolkit every graph-making stage shares: the namespaces and prefixes ([`vocab`]),
//! minting and checking IRIs ([`iri`]), and reading RDF files in any format Oxigraph parses
//! ([`input`]: the registry, `link --with`, user files). It knows nothing of plans.

pub mod input;
pub mod iri;
pub mod vocab;
