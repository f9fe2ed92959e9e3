//! Reading RDF files other than plans (registry files, datasets to link with): format from the
//! file's extension, errors naming the file, line and column.

use crate::error::{Error, Result};
use crate::text::Location;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Quad;
use std::path::Path;

/// The RDF format a file's extension names (`.ttl`, `.nt`, `.nq`, `.trig`, `.rdf`, `.jsonld` …),
/// Turtle when the extension names none.
pub fn format_of(path: &Path) -> RdfFormat {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(RdfFormat::from_extension)
        .unwrap_or(RdfFormat::Turtle)
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

/// Reads and parses the RDF file at `path` (format from its extension).
pub fn read_rdf_file(path: &Path, base: Option<&str>) -> Result<Vec<Quad>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new(&name, format!("cannot read: {e}")))?;
    parse_rdf(&name, &text, format_of(path), base)
}
