//! Minting IRIs. Every piece of text that goes into an IRI is percent-encoded as one path
//! segment by `iri-string` (Chinese characters kept, spaces and reserved characters escaped),
//! and every minted IRI is validated before use.

use crate::error::{Error, Result};
use iri_string::percent_encode::PercentEncodedForIri;
use iri_string::types::IriStr;
use oxigraph::model::NamedNode;

/// Percent-encodes `text` as one IRI path segment (`/` and spaces escaped, Chinese kept).
pub fn segment(text: &str) -> String {
    PercentEncodedForIri::from_path_segment(text).to_string()
}

/// Checks that `base` is an absolute IRI ending in `/` or `#`, so that names can be appended.
pub fn check_base(base: &str) -> Result<()> {
    IriStr::new(base)
        .map_err(|e| Error::new("--base", format!("{base:?} is not an absolute IRI: {e}")))?;
    if !(base.ends_with('/') || base.ends_with('#')) {
        return Err(Error::new(
            "--base",
            format!("{base:?} must end with / or #"),
        ));
    }
    Ok(())
}

/// A validated IRI as an RDF named node.
pub fn node(iri: &str) -> Result<NamedNode> {
    IriStr::new(iri)
        .map_err(|e| Error::new("IRI", format!("minted an invalid IRI {iri:?}: {e}")))?;
    // iri-string has checked it against RFC 3987; Oxigraph need not parse it again.
    Ok(NamedNode::new_unchecked(iri))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_keep_chinese_and_escape_the_rest() {
        assert_eq!(segment("2017年 工作要点/试行"), "2017年%20工作要点%2F试行");
        assert_eq!(segment("国办发〔2017〕46号"), "国办发〔2017〕46号");
        assert!(node(&format!("https://example.org/plan/{}", segment("a b<c>"))).is_ok());
    }

    #[test]
    fn bases_must_be_absolute_and_end_in_a_separator() {
        assert!(check_base("https://w3id.org/plangraph/id/").is_ok());
        assert!(check_base("https://example.org/ns#").is_ok());
        assert!(check_base("https://example.org/x").is_err());
        assert!(check_base("relative/").is_err());
        assert!(node("not an iri").is_err());
    }
}
