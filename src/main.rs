//! The `plangraph` command: parses arguments and hands the work to the library.

mod cli;

use clap::Parser;
use cli::{
    Cli, Command, ExportArgs, GraphOptions, InputOptions, ParseArgs, ParseFormat, ValidateArgs,
};
use plangraph::export::{self, ExportFormat, ExportOptions};
use plangraph::mapping::MappingOptions;
use plangraph::pipeline::{self, PlanGraph};
use plangraph::registry::DEFAULT_BASE;
use plangraph::shacl::Shapes;
use plangraph::{
    outline, output, source, Error, InputEncoding, Registry, Result, SourceText, UserMetadata,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => run_parse(&args),
        Command::Export(args) => run_export(&args),
        Command::Validate(args) => run_validate(&args),
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
    let plan = pipeline::parse(&source, &registry, &metadata(options, 1)?)?;
    let rendered = match args.format {
        ParseFormat::Text => outline::render(&plan),
        ParseFormat::Json => {
            let mut json = serde_json::to_string_pretty(&plan)
                .map_err(|e| Error::new(&source.name, e.to_string()))?;
            json.push('\n');
            json
        }
    };
    output::write_output(args.output.as_deref(), rendered.as_bytes())
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
    output::write_output(args.output.as_deref(), &bytes)
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
    let (violations, focus_nodes) = shapes.validate(&data)?;
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
    plangraph::iri::check_base(&graph.base)?;
    let registry = load_registry(options, &graph.base)?;
    let sources = read_inputs(inputs, options)?;
    let mapping = MappingOptions {
        base: graph.base.clone(),
        plan_id: graph.plan_id.clone(),
        include_reference: reference,
    };
    pipeline::build_graph(
        &sources,
        &registry,
        &metadata(options, sources.len())?,
        &mapping,
    )
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
        return Ok(vec![pipeline::bundled_plan()]);
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
    if let Some(issued) = &metadata.issued {
        let ok = issued.len() == 10
            && issued.chars().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !ok {
            return Err(Error::new(
                "--issued",
                format!("{issued:?} is not a date YYYY-MM-DD"),
            ));
        }
    }
    Ok(metadata)
}
