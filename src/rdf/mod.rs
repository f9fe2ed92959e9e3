//! The RDF toolkit every graph-making stage shares: the namespaces and prefixes ([`vocab`]),
//! minting and checking IRIs ([`iri`]), and reading RDF files in any format Oxigraph parses
//! ([`input`]: the registry, `link --with`, user files), and the validity of typed literals'
//! lexical forms ([`lexical`]). It knows nothing of plans.

pub mod input;
pub mod iri;
pub mod lexical;
pub mod spelling;
pub mod vocab;
