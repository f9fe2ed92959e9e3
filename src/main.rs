//! The `plangraph` command: parses arguments and hands the work to the library.

mod cli;

use clap::Parser;
use cli::args::{
    Cli, Command, ExportArgs, GraphOptions, InputOptions, LinkArgs, LoadArgs, ParseArgs,
    ParseFormat, QueryArgs, ValidateArgs,
};
use plangraph::export::{self, ExportFormat, ExportOptions};
use plangraph::graph::mapping::MappingOptions;
use plangraph::graph::{self, PlanGraph};
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::store::query::{self, Answer, ResultsFormat};
use plangraph::store::shacl::{Shapes, Validation};
use plangraph::{
    read::source,
    report::outline::{self, OutlineOptions},
    store::{self, named},
    Error, InputEncoding, Registry, Result, SourceText, UserMetadata,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => run_parse(&args),
        Command::Export(args) => run_export(&args),
        Command::Validate(args) => run_validate(&args),
        Command::Query(args) => run_query(&args),
        Command::Queries => run_queries(),
        Command::Load(args) => run_load(&args),
        Command::Link(args) => run_link(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("plangraph: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_parse(args: &ParseArgs) -> Result<()> {
    let options = &args.input_options;
    let registry = load_registry(options, DEFAULT_BASE)?;
    let inputs: Vec<PathBuf> = args.input.iter().cloned().collect();
    let source = read_inputs(&inputs, options)?.remove(0);
    let plan = plangraph::parse(&source, &registry, &metadata(options, 1)?)?;
    let rendered = match args.format {
        _ if args.explain => plangraph::report::explain::explain(&plan, &source.text),
        ParseFormat::Text => outline::render_with(&plan, &OutlineOptions { full: args.full }),
        ParseFormat::Json if args.full => {
            return Err(Error::new(
                "parse",
                "--full is for the text outline; the JSON model always holds the full text",
            ))
        }
        ParseFormat::Json => {
            let mut json = serde_json::to_string_pretty(&plan)
                .map_err(|e| Error::new(&source.name, e.to_string()))?;
            json.push('\n');
            json
        }
    };
    cli::output::write_output(args.output.as_deref(), rendered.as_bytes())
}

fn run_export(args: &ExportArgs) -> Result<()> {
    let format = export_format(args.format.as_deref(), args.output.as_deref())?;
    let graph = build_graph(
        &args.inputs,
        &args.input_options,
        &args.graph_options,
        !args.no_reference,
    )?;
    let options = ExportOptions {
        prefixes: export::default_prefixes(&args.graph_options.base, &graph.plan_iris),
        jsonld_context: args.jsonld_context.clone(),
    };
    let bytes = export::serialize(&graph.quads, format, &options)?;
    cli::output::write_output(args.output.as_deref(), &bytes)
}

fn run_link(args: &LinkArgs) -> Result<()> {
    let format = match (&args.format, &args.output) {
        (None, None) => ExportFormat::Turtle,
        (name, output) => export_format(name.as_deref(), output.as_deref())?,
    };
    let base = &args.graph_options.base;
    plangraph::rdf::iri::check_base(base)?;
    let registry = load_registry(&args.input_options, base)?;
    let graph = build_graph_with(
        &registry,
        &args.inputs,
        &args.input_options,
        &args.graph_options,
        true,
    )?;
    let plangraph::link::Linksets {
        quads: linksets,
        report,
    } = plangraph::link::link_files(&graph.quads, &graph.plan_iris, &registry, base, &args.with)?;
    let options = ExportOptions {
        prefixes: export::default_prefixes(base, &graph.plan_iris),
        jsonld_context: None,
    };
    let bytes = export::serialize(&linksets, format, &options)?;
    cli::output::write_output(args.output.as_deref(), &bytes)?;
    match &args.output {
        Some(path) if path.as_os_str() != "-" => cli::output::write_output(None, report.as_bytes()),
        _ => {
            eprint!("{report}");
            Ok(())
        }
    }
}

fn run_validate(args: &ValidateArgs) -> Result<()> {
    let shapes = match &args.shapes {
        Some(path) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::new(&name, format!("cannot read: {e}")))?;
            Shapes::parse(&name, &text)?
        }
        None => Shapes::bundled()?,
    };
    let graph = build_graph(&args.inputs, &args.input_options, &args.graph_options, true)?;
    let triples = graph.quads.len();
    let data: oxigraph::model::Dataset = graph.quads.into_iter().collect();
    let Validation {
        violations,
        focus_nodes,
    } = shapes.validate(&data)?;
    for violation in &violations {
        println!("violation: {violation}");
    }
    if violations.is_empty() {
        println!("conforms: {focus_nodes} focus nodes checked in {triples} quads");
        Ok(())
    } else {
        Err(Error::new(
            "validate",
            format!("{} violations of the shapes", violations.len()),
        ))
    }
}

fn run_queries() -> Result<()> {
    let width = named::NAMED.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    let mut listing = String::new();
    for (name, text) in named::NAMED {
        listing.push_str(&format!("{name:<width$}  {}\n", named::description(text)));
    }
    cli::output::write_output(None, listing.as_bytes())
}

fn run_query(args: &QueryArgs) -> Result<()> {
    let (name, text) = match (&args.query, &args.query_file, &args.named) {
        (Some(text), _, _) if text == "-" => (
            "<stdin>".to_string(),
            read_query_file(Path::new("-"), &args.inputs)?,
        ),
        (Some(text), _, _) => ("-q".to_string(), text.clone()),
        (_, Some(path), _) => (
            path.display().to_string(),
            read_query_file(path, &args.inputs)?,
        ),
        (_, _, Some(named)) => {
            let text = named::named(named).ok_or_else(|| {
                let names: Vec<&str> = named::NAMED.iter().map(|(n, _)| *n).collect();
                Error::new(
                    "--named",
                    format!("no query named {named:?} (one of {})", names.join(", ")),
                )
            })?;
            (format!("queries/{named}.rq"), text.to_string())
        }
        _ => unreachable!("clap requires one of -q, --query-file, --named"),
    };
    let params = args
        .params
        .iter()
        .map(|p| query::parse_param(p))
        .collect::<Result<Vec<_>>>()?;
    let prepared = query::prepare(&name, &text, &params)?;
    let (store, plan_iris) = match &args.store {
        Some(dir) => {
            if !args.inputs.is_empty() {
                return Err(Error::new("query", "give plan files or --store, not both"));
            }
            (store::open_persistent(dir)?, Vec::new())
        }
        None => {
            let graph = build_graph(&args.inputs, &args.input_options, &args.graph_options, true)?;
            (store::store_of(graph.quads)?, graph.plan_iris)
        }
    };
    let prefixes = export::default_prefixes(&args.graph_options.base, &plan_iris);
    let answer = query::run(&store, prepared)?;
    let bytes = match &answer {
        Answer::Graph(_) => {
            let format = match (&args.results, &args.output) {
                (Some(name), _) => ExportFormat::from_name(name).ok_or_else(|| {
                    Error::new(
                        "--results",
                        format!("{name:?} is not an RDF format for a graph answer"),
                    )
                })?,
                (None, Some(path)) => ExportFormat::from_path(path).unwrap_or(ExportFormat::Turtle),
                (None, None) => ExportFormat::Turtle,
            };
            let options = ExportOptions {
                prefixes,
                jsonld_context: None,
            };
            query::write_graph(&answer, format, &options)?
        }
        _ => query::write_results(&answer, results_format(args)?, &prefixes)?,
    };
    cli::output::write_output(args.output.as_deref(), &bytes)
}

/// The results format: `-r`, else the extension of `-o`, else table on a terminal, tsv otherwise.
fn results_format(args: &QueryArgs) -> Result<ResultsFormat> {
    use std::io::IsTerminal;
    if let Some(name) = &args.results {
        return ResultsFormat::from_name(name).ok_or_else(|| {
            Error::new(
                "--results",
                format!("{name:?} is not one of table, json, csv, tsv, xml"),
            )
        });
    }
    let by_extension = args
        .output
        .as_deref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str());
    Ok(match by_extension.and_then(ResultsFormat::from_extension) {
        Some(format) => format,
        None if args.output.is_none() && std::io::stdout().is_terminal() => ResultsFormat::Table,
        None if args.output.is_none() => ResultsFormat::Tsv,
        None => ResultsFormat::Table,
    })
}

fn read_query_file(path: &Path, inputs: &[PathBuf]) -> Result<String> {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        if inputs.iter().any(|i| i.as_os_str() == "-") {
            return Err(Error::new(
                "query",
                "standard input cannot hold both the query and a plan",
            ));
        }
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| Error::new("<stdin>", format!("cannot read the query: {e}")))?;
        return Ok(text);
    }
    std::fs::read_to_string(path)
        .map_err(|e| Error::new(&name, format!("cannot read the query: {e}")))
}

fn run_load(args: &LoadArgs) -> Result<()> {
    let store = store::open_persistent(&args.store)?;
    let registry = load_registry(&args.input_options, &args.graph_options.base)?;
    let inputs: Vec<Option<&Path>> = if args.inputs.is_empty() {
        vec![None]
    } else {
        args.inputs.iter().map(|p| Some(p.as_path())).collect()
    };
    let progress = cli::progress::Progress::new(inputs.len() as u64, args.quiet);
    let mapping = mapping_options(&args.graph_options, true);
    let metadata = metadata(&args.input_options, inputs.len())?;
    let mut quads = 0;
    for input in inputs {
        let source = match input {
            Some(path) => read_inputs(&[path.to_path_buf()], &args.input_options)?.remove(0),
            None => plangraph::bundled_plan(),
        };
        let graph = graph::build_graph(
            std::slice::from_ref(&source),
            &registry,
            &metadata,
            &mapping,
        )?;
        let plan = oxigraph::model::NamedNode::new(&graph.plan_iris[0])
            .map_err(|e| Error::new(&source.name, e.to_string()))?;
        store::replace_plan(&store, &plan, &graph.quads)?;
        quads += graph.quads.len();
        progress.advance(&source.name);
    }
    progress.finish(&format!(
        "loaded {quads} quads into {}",
        args.store.display()
    ));
    Ok(())
}

/// The export format: `-f`, else the extension of `-o`; required for standard output.
fn export_format(name: Option<&str>, output: Option<&Path>) -> Result<ExportFormat> {
    let names = || {
        ExportFormat::ALL
            .iter()
            .map(|(_, n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (name, output) {
        (Some(name), _) => ExportFormat::from_name(name).ok_or_else(|| {
            Error::new(
                "--format",
                format!("unknown format {name:?} (one of {})", names()),
            )
        }),
        (None, Some(path)) if path.as_os_str() != "-" => {
            ExportFormat::from_path(path).ok_or_else(|| {
                Error::new(
                    path.display().to_string(),
                    format!(
                        "cannot tell the format from the extension; give -f (one of {})",
                        names()
                    ),
                )
            })
        }
        _ => Err(Error::new(
            "export",
            format!(
                "writing to standard output needs -f FORMAT (one of {})",
                names()
            ),
        )),
    }
}

fn build_graph(
    inputs: &[PathBuf],
    options: &InputOptions,
    graph: &GraphOptions,
    reference: bool,
) -> Result<PlanGraph> {
    plangraph::rdf::iri::check_base(&graph.base)?;
    let registry = load_registry(options, &graph.base)?;
    build_graph_with(&registry, inputs, options, graph, reference)
}

/// [`build_graph`] with a registry already loaded (for commands that use it again).
fn build_graph_with(
    registry: &Registry,
    inputs: &[PathBuf],
    options: &InputOptions,
    graph: &GraphOptions,
    reference: bool,
) -> Result<PlanGraph> {
    let sources = read_inputs(inputs, options)?;
    let mapping = mapping_options(graph, reference);
    graph::build_graph(
        &sources,
        registry,
        &metadata(options, sources.len())?,
        &mapping,
    )
}

fn mapping_options(graph: &GraphOptions, reference: bool) -> MappingOptions {
    MappingOptions {
        base: graph.base.clone(),
        plan_id: graph.plan_id.clone(),
        include_reference: reference,
    }
}

fn load_registry(options: &InputOptions, base: &str) -> Result<Registry> {
    let mut registry = Registry::bundled(base)?;
    for path in &options.registry {
        registry.add_file(path, base)?;
    }
    Ok(registry)
}

/// Reads the inputs; with none, the bundled 2017 plan.
fn read_inputs(paths: &[PathBuf], options: &InputOptions) -> Result<Vec<SourceText>> {
    let encoding = InputEncoding::from_label(&options.encoding).ok_or_else(|| {
        Error::new(
            "--encoding",
            format!(
                "unknown encoding {:?} (use auto, utf-8, gb18030, gbk or big5)",
                options.encoding
            ),
        )
    })?;
    if paths.is_empty() {
        return Ok(vec![plangraph::bundled_plan()]);
    }
    paths
        .iter()
        .map(|p| source::read_path(p, encoding))
        .collect()
}

/// The document metadata options; they describe one document, so they take one input.
fn metadata(options: &InputOptions, inputs: usize) -> Result<UserMetadata> {
    let metadata = UserMetadata {
        title: options.title.clone(),
        identifier: options.identifier.clone(),
        issuer: options.issuer.clone(),
        issued: options.issued.clone(),
        source_url: options.source_url.clone(),
    };
    let given = [
        &metadata.title,
        &metadata.identifier,
        &metadata.issuer,
        &metadata.issued,
        &metadata.source_url,
    ]
    .iter()
    .any(|o| o.is_some());
    if given && inputs > 1 {
        return Err(Error::new("metadata", "--title, --identifier, --issuer, --issued and --source-url describe one document: give one input"));
    }
    metadata.check()?;
    Ok(metadata)
}
