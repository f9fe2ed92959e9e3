//! What the commands read: plan texts (files, `-`, piped standard input, else the bundled plan),
//! RDF files given beside them (an earlier export, a linkset), the registry and the document
//! metadata options; and the graph built from them.

use crate::cli::args::{GraphOptions, InputOptions, ReadOptions};
use crate::cli::exit::{usage, Failure};
use crate::cli::stdin;
use oxigraph::model::{GraphName, NamedNode, Quad};
use plangraph::graph::mapping::MappingOptions;
use plangraph::graph::{self, PlanGraph};
use plangraph::rdf::input::{format_of, rdf_format_named, read_rdf_file};
use plangraph::read::source;
use plangraph::{Error, InputEncoding, Registry, Result, SourceText, UserMetadata};
use std::path::{Path, PathBuf};

/// Whether `path` names an RDF file by its extension (`.ttl`, `.nq`, `.trig` …), not a plan.
pub fn is_rdf(path: &Path) -> bool {
    format_of(path).is_some()
}

/// Reads the plan texts; with none, standard input when it holds data, else the bundled plan.
pub fn read_plans(
    paths: &[PathBuf],
    options: &InputOptions,
) -> std::result::Result<Vec<SourceText>, Failure> {
    if paths.is_empty() {
        return Ok(vec![read_one(None, &options.read)?]);
    }
    if let Some(rdf) = paths.iter().find(|p| is_rdf(p)) {
        return Err(usage(Error::new(
            rdf.display().to_string(),
            "is RDF (by its extension): this command reads plan texts; `query` and `load` take RDF files",
        )));
    }
    paths
        .iter()
        .map(|p| read_one(Some(p), &options.read))
        .collect()
}

/// Plan texts read one at a time, from any thread: the files given, else standard input or the
/// bundled plan (read once, up front). For commands that map a corpus in bounded memory.
pub struct PlanInputs {
    paths: Vec<PathBuf>,
    only: Option<SourceText>,
    encoding: InputEncoding,
    max_bytes: u64,
}

impl PlanInputs {
    /// The plan texts `paths` names (see [`read_plans`] for none).
    pub fn new(
        paths: &[PathBuf],
        options: &InputOptions,
    ) -> std::result::Result<PlanInputs, Failure> {
        if let Some(rdf) = paths.iter().find(|p| is_rdf(p)) {
            return Err(usage(Error::new(
                rdf.display().to_string(),
                "is RDF (by its extension): this command reads plan texts; `query` and `load` take RDF files",
            )));
        }
        let only = if paths.is_empty() {
            read_plans(paths, options)?.pop()
        } else {
            None
        };
        Ok(PlanInputs {
            paths: paths.to_vec(),
            only,
            encoding: input_encoding(options)?,
            max_bytes: max_bytes(&options.read),
        })
    }

    /// How many plan texts.
    pub fn count(&self) -> usize {
        if self.only.is_some() {
            1
        } else {
            self.paths.len()
        }
    }

    /// How many plans a command given these plan files and `rdf_files` RDF files maps: none
    /// when RDF files come alone (no plan files), else [`count`](Self::count) (no files at
    /// all: the bundled plan or standard input).
    pub fn count_beside(&self, rdf_files: usize) -> usize {
        if self.paths.is_empty() && rdf_files > 0 {
            0
        } else {
            self.count()
        }
    }

    /// Plan text `i`.
    pub fn read(&self, i: usize) -> Result<SourceText> {
        match &self.only {
            Some(source) => Ok(source.clone()),
            None => source::read_path(&self.paths[i], self.encoding, self.max_bytes),
        }
    }
}

/// The `--max-size` option in bytes.
fn max_bytes(options: &ReadOptions) -> u64 {
    options.max_size.saturating_mul(1_000_000)
}

/// The `--encoding` option's encoding.
pub fn input_encoding(options: &InputOptions) -> std::result::Result<InputEncoding, Failure> {
    encoding_of(&options.read)
}

/// The encoding `--encoding` names.
fn encoding_of(options: &ReadOptions) -> std::result::Result<InputEncoding, Failure> {
    InputEncoding::from_label(&options.encoding).ok_or_else(|| {
        usage(Error::new(
            "--encoding",
            format!(
                "unknown encoding {:?} (use auto, utf-8, gb18030, gbk, big5, utf-16le or utf-16be)",
                options.encoding
            ),
        ))
    })
}

/// One plan's source: the file (`-` for standard input); with none, standard input when it
/// holds data, else the bundled plan.
pub fn read_one(
    path: Option<&Path>,
    options: &ReadOptions,
) -> std::result::Result<SourceText, Failure> {
    let (encoding, max_bytes) = (encoding_of(options)?, max_bytes(options));
    Ok(match path {
        Some(path) => source::read_path(path, encoding, max_bytes)?,
        None if stdin::has_data() => source::read_path(Path::new("-"), encoding, max_bytes)?,
        None => plangraph::bundled_plan(),
    })
}

/// The quads of RDF files given as inputs. A triple format's triples go into a named graph of
/// their own, `<base>file/<file name>`, so queries over the union of the graphs see them.
pub fn read_rdf_inputs(paths: &[PathBuf], base: &str) -> Result<Vec<Quad>> {
    let mut quads = Vec::new();
    for path in paths {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let graph = plangraph::rdf::iri::node(&format!(
            "{base}file/{}",
            plangraph::rdf::iri::segment(&name)
        ))?;
        quads.extend(
            read_rdf_file(path, None)?
                .into_iter()
                .map(|q| in_graph(q, &graph)),
        );
    }
    Ok(quads)
}

fn in_graph(quad: Quad, graph: &NamedNode) -> Quad {
    match quad.graph_name {
        GraphName::DefaultGraph => {
            Quad::new(quad.subject, quad.predicate, quad.object, graph.clone())
        }
        _ => quad,
    }
}

/// The graph of the plan texts `inputs` (see [`read_plans`]).
pub fn build_graph(
    inputs: &[PathBuf],
    options: &InputOptions,
    graph: &GraphOptions,
    reference: bool,
) -> std::result::Result<PlanGraph, Failure> {
    plangraph::rdf::iri::check_base(&graph.base).map_err(usage)?;
    let registry = load_registry(options, &graph.base)?;
    build_graph_with(&registry, inputs, options, graph, reference)
}

/// [`build_graph`] with a registry already loaded (for commands that use it again).
pub fn build_graph_with(
    registry: &Registry,
    inputs: &[PathBuf],
    options: &InputOptions,
    graph: &GraphOptions,
    reference: bool,
) -> std::result::Result<PlanGraph, Failure> {
    let sources = read_plans(inputs, options)?;
    let mapping = mapping_options(graph, reference);
    Ok(graph::build_graph(
        &sources,
        registry,
        &metadata(options, sources.len())?,
        &mapping,
    )?)
}

/// The mapping options the graph options give.
pub fn mapping_options(graph: &GraphOptions, reference: bool) -> MappingOptions {
    MappingOptions {
        base: graph.base.clone(),
        plan_id: graph.plan_id.clone(),
        include_reference: reference,
    }
}

/// The bundled registry with the user's `--registry` files.
pub fn load_registry(options: &InputOptions, base: &str) -> std::result::Result<Registry, Failure> {
    let format = match &options.registry_format {
        Some(name) => Some(rdf_format_named(name).ok_or_else(|| {
            usage(Error::new(
                "--registry-format",
                format!("unknown RDF format {name:?} (turtle, ntriples, nquads, trig, rdfxml, jsonld, or a media type)"),
            ))
        })?),
        None => None,
    };
    let mut registry = Registry::bundled(base)?;
    for path in &options.registry {
        registry.add_file_as(path, base, format)?;
    }
    Ok(registry)
}

/// The document metadata options; they describe one document, so they take one input.
pub fn metadata(
    options: &InputOptions,
    inputs: usize,
) -> std::result::Result<UserMetadata, Failure> {
    let metadata = UserMetadata {
        title: options.title.clone(),
        identifier: options.identifier.clone(),
        issuer: options.issuer.clone(),
        issued: options.issued.clone(),
        source_url: options.source_url.clone(),
        year: options.year,
    };
    let given = [
        &metadata.title,
        &metadata.identifier,
        &metadata.issuer,
        &metadata.issued,
        &metadata.source_url,
    ]
    .iter()
    .any(|o| o.is_some())
        || metadata.year.is_some();
    if given && inputs > 1 {
        return Err(usage(Error::new("metadata", "--title, --identifier, --issuer, --issued, --year and --source-url describe one document: give one input")));
    }
    metadata.check().map_err(usage)?;
    Ok(metadata)
}
