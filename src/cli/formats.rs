//! Which format to write: the one `-f` names (a name, an extension or a media type), else the
//! one the `-o` file's extension names; an extension that names none is an error, not a guess.

use crate::cli::args::QueryArgs;
use crate::cli::exit::{usage, Failure};
use plangraph::export::ExportFormat;
use plangraph::store::query::ResultsFormat;
use plangraph::Error;
use std::io::IsTerminal;
use std::path::Path;

/// The RDF export format: `-f`, else the extension of `-o`; required for standard output.
pub fn export_format(name: Option<&str>, output: Option<&Path>) -> Result<ExportFormat, Failure> {
    let names = || {
        ExportFormat::ALL
            .iter()
            .map(|(_, n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (name, output) {
        (Some(name), _) => ExportFormat::from_name(name).ok_or_else(|| {
            usage(Error::new(
                "--format",
                format!(
                    "unknown format {name:?} (one of {}, their extensions or media types)",
                    names()
                ),
            ))
        }),
        (None, Some(path)) if path.as_os_str() != "-" => {
            ExportFormat::from_path(path).ok_or_else(|| {
                usage(Error::new(
                    path.display().to_string(),
                    format!(
                        "cannot tell the format from the extension; give -f (one of {})",
                        names()
                    ),
                ))
            })
        }
        _ => Err(usage(Error::new(
            "export",
            format!(
                "writing to standard output needs -f FORMAT (one of {})",
                names()
            ),
        ))),
    }
}

/// The results format of SELECT and ASK: `-f`, else the extension of `-o` (an unknown one is an
/// error), else a table on a terminal and TSV otherwise.
pub fn results_format(args: &QueryArgs) -> Result<ResultsFormat, Failure> {
    if let Some(name) = &args.results {
        return ResultsFormat::from_name(name).ok_or_else(|| {
            usage(Error::new(
                "--format",
                format!("{name:?} is not one of table, json, csv, tsv, xml (or their extensions and media types)"),
            ))
        });
    }
    let named = args
        .output
        .as_deref()
        .filter(|p| p.as_os_str() != "-" && p.extension().is_some());
    match named {
        Some(path) => {
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            ResultsFormat::from_extension(extension).ok_or_else(|| {
                usage(Error::new(
                    path.display().to_string(),
                    "cannot tell the results format from the extension (.srj .json .srx .xml .csv .tsv .txt): give -f",
                ))
            })
        }
        None if std::io::stdout().is_terminal() => Ok(ResultsFormat::Table),
        None => Ok(ResultsFormat::Tsv),
    }
}
