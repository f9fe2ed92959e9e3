//! What every request reads: the store, the base its IRIs are minted under, the summary the
//! pages show, the plans' texts, and the pictures drawn once at start.

use crate::error::{Error, Result};
use crate::store::summary::Summary;
use oxigraph::store::Store;
use std::collections::HashMap;

/// The served data.
pub struct Site {
    /// The store, read-only while served.
    pub store: Store,
    /// The base the plans' IRIs were minted under (`https://w3id.org/plangraph/id/`).
    pub base: String,
    /// The base's path (`/plangraph/id/`): requests under it dereference IRIs under the base.
    pub base_path: String,
    /// Prefixes known to queries and shown in tables.
    pub prefixes: Vec<(String, String)>,
    /// Plans, agencies, network and gaps, read once.
    pub summary: Summary,
    /// Each plan's decoded text by plan IRI, where the plans were read from files (a store
    /// holds no texts, only the offsets into them).
    pub texts: HashMap<String, String>,
    /// The cooperation network of all plans, as SVG.
    pub network_svg: String,
    /// Each agency's work by role over all plans, as SVG.
    pub workload_svg: String,
    /// The gaps page, rendered once: it lists every open slot of every plan (26,000 rows on a
    /// thousand plans), and the summary it renders does not change while served.
    pub gaps_page: String,
}

impl Site {
    /// Reads the summary of `store` and draws the pictures. `texts` maps plan IRIs to their
    /// decoded texts (empty when serving a store).
    pub fn new(store: Store, base: &str, texts: HashMap<String, String>) -> Result<Self> {
        let base_path = path_of(base)
            .ok_or_else(|| Error::new("--base", format!("{base:?} is not an absolute IRI")))?;
        let summary = Summary::of(&store)?;
        let plan_iris: Vec<String> = summary.plans.iter().map(|p| p.iri.clone()).collect();
        let prefixes = crate::export::default_prefixes(base, &plan_iris);
        let mut site = Site {
            store,
            base: base.to_string(),
            base_path,
            prefixes,
            summary,
            texts,
            network_svg: String::new(),
            workload_svg: String::new(),
            gaps_page: String::new(),
        };
        let link = |iri: &str| Some(site.href(iri));
        let network_svg = crate::plot::network_svg(
            &site.summary.cooperation(None),
            "Cooperation network: agencies named in the same subtasks",
            &link,
        );
        let workload_svg = crate::plot::workload_svg(
            &site.summary.loads(None),
            "Each agency's work by role",
            &link,
        );
        site.network_svg = network_svg;
        site.workload_svg = workload_svg;
        site.gaps_page = super::pages::gaps::page(&site);
        Ok(site)
    }

    /// Where a page links for `iri`: its own path when it is under the base (the server
    /// dereferences it), else `/resource?iri=…`.
    pub fn href(&self, iri: &str) -> String {
        match iri.strip_prefix(&self.base) {
            Some(rest) => format!("{}{}", self.base_path, rest),
            None => format!("/resource?iri={}", super::http::encode_component(iri)),
        }
    }

    /// The IRI a request path names, when it is under the base's path. A browser
    /// percent-encodes the IRI's non-ASCII characters (an IRI holds them as they are), so those
    /// escapes are decoded; an ASCII escape (`%22`, `%2F`) is part of the IRI as minted and is
    /// kept.
    pub fn iri_of_path(&self, path: &str) -> Option<String> {
        let rest = path.strip_prefix(&self.base_path)?;
        Some(format!("{}{}", self.base, decode_non_ascii(rest)?))
    }
}

/// `text` with its percent-escapes of bytes above 0x7F decoded (UTF-8), the others kept.
fn decode_non_ascii(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok())
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) if byte >= 0x80 => {
                out.push(byte);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The path of an absolute IRI: `https://w3id.org/plangraph/id/` → `/plangraph/id/`.
fn path_of(iri: &str) -> Option<String> {
    let (_, rest) = iri.split_once("://")?;
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    Some(path.to_string())
}

#[cfg(test)]
mod tests {
    use super::{decode_non_ascii, path_of};

    #[test]
    fn only_non_ascii_escapes_are_decoded() {
        assert_eq!(
            decode_non_ascii("plan/2019%E5%B9%B4%22%E5%8F%8C%E6%89%93%22%2Fx").as_deref(),
            Some("plan/2019年%22双打%22%2Fx")
        );
        assert_eq!(decode_non_ascii("a%zz%4").as_deref(), Some("a%zz%4"));
        assert_eq!(decode_non_ascii("%FF"), None, "not UTF-8");
    }

    #[test]
    fn a_base_has_a_path() {
        assert_eq!(
            path_of("https://w3id.org/plangraph/id/").as_deref(),
            Some("/plangraph/id/")
        );
        assert_eq!(
            path_of("http://127.0.0.1:7878/id/").as_deref(),
            Some("/id/")
        );
        assert_eq!(path_of("urn:x"), None);
    }
}
