//! Reading RDF files other than plans (registry files, datasets to link with): format from the
//! file's extension, errors naming the file, line and column.

use crate::error::{Error, Result};
use crate::text::Location;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Quad;
use std::path::Path;

/// The RDF format named `name`: an extension (`ttl`, `nt`, `nq`, `trig`, `rdf`, `xml`, `owl`,
/// `jsonld`), a name (`turtle`, `ntriples`, `rdfxml`, `json-ld` …) or a media type
/// (`text/turtle` …). Not `txt`, which Oxigraph reads as N-Triples but plans are printed in.
pub fn rdf_format_named(name: &str) -> Option<RdfFormat> {
    let name = name.trim().to_ascii_lowercase();
    if name.contains('/') && name != "rdf/xml" {
        return RdfFormat::from_media_type(&name);
    }
    match name.as_str() {
        "ttl" | "turtle" => Some(RdfFormat::Turtle),
        "nt" | "ntriples" | "n-triples" => Some(RdfFormat::NTriples),
        "nq" | "nquads" | "n-quads" => Some(RdfFormat::NQuads),
        "trig" => Some(RdfFormat::TriG),
        "n3" => Some(RdfFormat::N3),
        "rdf" | "rdfxml" | "rdf/xml" | "xml" | "owl" => Some(RdfFormat::RdfXml),
        "jsonld" | "json-ld" => Some(RdfFormat::JsonLd {
            profile: Default::default(),
        }),
        _ => None,
    }
}

/// The RDF format a file's extension names, if it names one.
pub fn format_of(path: &Path) -> Option<RdfFormat> {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(rdf_format_named)
}

/// Parses `text` (named `name` in messages) in `format`, resolving relative IRIs against `base`.
pub fn parse_rdf(
    name: &str,
    text: &str,
    format: RdfFormat,
    base: Option<&str>,
) -> Result<Vec<Quad>> {
    let mut parser = RdfParser::from_format(format);
    if let Some(base) = base {
        parser = parser
            .with_base_iri(base)
            .map_err(|e| Error::new(name, format!("invalid base IRI {base}: {e}")))?;
    }
    parser
        .for_slice(text)
        .map(|quad| {
            quad.map_err(|e| {
                let message = format!("invalid RDF: {e}");
                match e.location() {
                    Some(at) => Error::at(
                        name,
                        Location {
                            line: at.start.line as usize + 1,
                            column: at.start.column as usize + 1,
                        },
                        message,
                    ),
                    None => Error::new(name, message),
                }
            })
        })
        .collect()
}

/// Reads and parses the RDF file at `path`, in the format its extension names.
pub fn read_rdf_file(path: &Path, base: Option<&str>) -> Result<Vec<Quad>> {
    read_rdf_file_as(path, base, None)
}

/// Reads and parses the RDF file at `path` in `format`, or, without one, in the format its
/// extension names: a file whose extension names none is refused, not guessed.
pub fn read_rdf_file_as(
    path: &Path,
    base: Option<&str>,
    format: Option<RdfFormat>,
) -> Result<Vec<Quad>> {
    let name = path.display().to_string();
    let format = format.or_else(|| format_of(path)).ok_or_else(|| {
        Error::new(
            &name,
            "cannot tell the RDF format from the extension (.ttl .nt .nq .trig .rdf .jsonld …): name it with the format option",
        )
    })?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new(&name, format!("cannot read: {e}")))?;
    parse_rdf(&name, &text, format, base)
}
