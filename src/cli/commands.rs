//! One function per subcommand: read what the arguments name, call the library, write the
//! result where the user said.

use crate::cli::args::{
    Cli, ExportArgs, LinkArgs, LoadArgs, ParseArgs, ParseFormat, PushArgs, QueriesArgs, QueryArgs,
    TextArgs, ValidateArgs,
};
use crate::cli::exit::{usage, Failure, Outcome, VIOLATIONS};
use crate::cli::formats::{export_format, results_format};
use crate::cli::inputs::{
    build_graph, build_graph_with, is_rdf, load_registry, mapping_options, metadata, read_one,
    read_plans, read_rdf_inputs, PlanInputs,
};
use crate::cli::output::{write_output, write_output_with};
use crate::cli::{named_params, progress::Progress, report, stdin};
use oxigraph::model::NamedNode;
use plangraph::export::stream::{write_nquads, Streamed};
use plangraph::export::{self, ExportFormat, ExportOptions};
use plangraph::graph::corpus::{thread_pool, Corpus};
use plangraph::rdf::input::rdf_format_named;
use plangraph::report::outline::OutlineOptions;
use plangraph::resolve::registry::DEFAULT_BASE;
use plangraph::store::bulk::{load_plans, BulkOptions};
use plangraph::store::query::{self, Answer};
use plangraph::store::shacl::{Shapes, Validation};
use plangraph::store::{self, named};
use plangraph::Error;
use std::path::{Path, PathBuf};

/// `plangraph parse`.
pub fn parse(args: &ParseArgs) -> Outcome {
    let options = &args.input_options;
    let registry = load_registry(options, DEFAULT_BASE)?;
    let inputs: Vec<PathBuf> = args.input.iter().cloned().collect();
    let source = read_plans(&inputs, options)?.remove(0);
    let format = parse_format(args)?;
    let plan = plangraph::parse(&source, &registry, &metadata(options, 1)?)?;
    if !plan.unread.is_empty() {
        eprintln!(
            "plangraph: {}: {} paragraph(s) print an assignment that was not read (parse --explain lists them)",
            source.name,
            plan.unread.len()
        );
    }
    let rendered = match format {
        _ if args.explain => plangraph::report::explain::explain(&plan, &source.text),
        ParseFormat::Text => {
            let options = OutlineOptions { full: args.full };
            plangraph::report::outline::render_with(&plan, &options)
        }
        ParseFormat::Json if args.full => {
            return Err(usage(Error::new(
                "parse",
                "--full is for the text outline; the JSON model always holds the full text",
            )))
        }
        ParseFormat::Json => {
            let mut json = serde_json::to_string_pretty(&plan)
                .map_err(|e| Error::new(&source.name, e.to_string()))?;
            json.push('\n');
            json
        }
    };
    Ok(write_output(args.output.as_deref(), rendered.as_bytes())?)
}

/// `plangraph text`: the text read from a file, as spans count it.
pub fn text(args: &TextArgs) -> Outcome {
    let source = read_one(args.input.as_deref(), &args.read_options)?;
    let mut text = source.text;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(write_output(args.output.as_deref(), text.as_bytes())?)
}

/// `--format`, else the `-o` extension (`.json`, `.txt`; an unknown one is an error), else the
/// outline.
fn parse_format(args: &ParseArgs) -> Result<ParseFormat, Failure> {
    if let Some(format) = args.format {
        return Ok(format);
    }
    let Some(path) = args.output.as_deref().filter(|p| p.as_os_str() != "-") else {
        return Ok(ParseFormat::Text);
    };
    match path.extension().and_then(|e| e.to_str()) {
        None => Ok(ParseFormat::Text),
        Some(e) if e.eq_ignore_ascii_case("json") => Ok(ParseFormat::Json),
        Some(e) if e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("text") => {
            Ok(ParseFormat::Text)
        }
        _ => Err(usage(Error::new(
            path.display().to_string(),
            "cannot tell the format from the extension (.json or .txt): give --format text or json",
        ))),
    }
}

/// `plangraph export`.
pub fn export(args: &ExportArgs, cli: &Cli) -> Outcome {
    let format = export_format(args.format.as_deref(), args.output.as_deref())?;
    if format == ExportFormat::NQuads {
        return export_nquads(args, cli);
    }
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
    write_output(args.output.as_deref(), &bytes)?;
    report::note(
        cli,
        &format!(
            "{} plan(s), {} quads, {} bytes of {}",
            graph.plan_iris.len(),
            graph.quads.len(),
            bytes.len(),
            format.name()
        ),
    );
    Ok(())
}

/// `plangraph export -f nquads`: written as the plans are mapped, on every core, in memory
/// that does not grow with the corpus (see [`plangraph::export::stream`]); the same bytes.
fn export_nquads(args: &ExportArgs, cli: &Cli) -> Outcome {
    let base = &args.graph_options.base;
    plangraph::rdf::iri::check_base(base).map_err(usage)?;
    let registry = load_registry(&args.input_options, base)?;
    let inputs = PlanInputs::new(&args.inputs, &args.input_options)?;
    let metadata = metadata(&args.input_options, inputs.count())?;
    let mapping = mapping_options(&args.graph_options, !args.no_reference);
    let pool = thread_pool(BulkOptions::default().threads)?;
    let corpus = Corpus {
        count: inputs.count(),
        read: |i| inputs.read(i),
        registry: &registry,
        metadata: &metadata,
        mapping: &mapping,
        pool: &pool,
    };
    let mut written = Ok(Streamed::default());
    let output = write_output_with(args.output.as_deref(), |out| {
        written = write_nquads(&corpus, 16, out);
        // A mapping error stops the write, so no half file is left.
        match &written {
            Ok(_) => Ok(()),
            Err(e) => Err(std::io::Error::other(e.to_string())),
        }
    });
    // The mapping's own error names the file; the output's names the output.
    let written = written?;
    output?;
    report::note(
        cli,
        &format!(
            "{} plan(s), {} quads of nquads",
            written.plans, written.quads
        ),
    );
    Ok(())
}

/// `plangraph link`.
pub fn link(args: &LinkArgs) -> Outcome {
    let format = match (&args.format, &args.output) {
        (None, None) => ExportFormat::Turtle,
        (name, output) => export_format(name.as_deref(), output.as_deref())?,
    };
    let with_format = match &args.with_format {
        Some(name) => Some(rdf_format_named(name).ok_or_else(|| {
            usage(Error::new(
                "--with-format",
                format!("unknown RDF format {name:?}"),
            ))
        })?),
        None => None,
    };
    let base = &args.graph_options.base;
    plangraph::rdf::iri::check_base(base).map_err(usage)?;
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
    } = plangraph::link::link_files(
        &graph.quads,
        &graph.plan_iris,
        &registry,
        base,
        &args.with,
        with_format,
    )?;
    let options = ExportOptions {
        prefixes: export::default_prefixes(base, &graph.plan_iris),
        jsonld_context: None,
    };
    let bytes = export::serialize(&linksets, format, &options)?;
    write_output(args.output.as_deref(), &bytes)?;
    match &args.output {
        Some(path) if path.as_os_str() != "-" => Ok(write_output(None, report.as_bytes())?),
        _ => {
            eprint!("{report}");
            Ok(())
        }
    }
}

/// `plangraph validate`: exit status 3 on violations (see [`crate::cli::exit`]).
pub fn validate(args: &ValidateArgs) -> Outcome {
    let shapes = match &args.shapes {
        Some(path) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::new(&name, format!("cannot read: {e}")))?;
            Shapes::parse(&name, &text)?
        }
        None => Shapes::bundled()?,
    };
    let report_format = match &args.output {
        Some(path) => Some(export_format(None, Some(path))?),
        None => None,
    };
    let graph = build_graph(&args.inputs, &args.input_options, &args.graph_options, true)?;
    let triples = graph.quads.len();
    let data: oxigraph::model::Dataset = graph.quads.into_iter().collect();
    let validation = shapes.validate(&data)?;
    if let (Some(path), Some(format)) = (&args.output, report_format) {
        let quads = plangraph::store::shacl::report_quads(&validation)?;
        let bytes = export::serialize(&quads, format, &ExportOptions::default())?;
        write_output(Some(path), &bytes)?;
    }
    let Validation {
        violations,
        focus_nodes,
    } = validation;
    let mut listing = String::new();
    for violation in &violations {
        listing.push_str(&format!("violation: {violation}\n"));
    }
    if violations.is_empty() {
        listing.push_str(&format!(
            "conforms: {focus_nodes} focus nodes checked in {triples} quads\n"
        ));
    }
    write_output(None, listing.as_bytes())?;
    if violations.is_empty() {
        Ok(())
    } else {
        Err(Failure {
            error: Error::new(
                "validate",
                format!("{} violations of the shapes", violations.len()),
            ),
            code: VIOLATIONS,
        })
    }
}

/// `plangraph queries`.
pub fn queries(args: &QueriesArgs) -> Outcome {
    let mut listing = String::new();
    if args.prefixes {
        for (prefix, namespace) in export::default_prefixes(DEFAULT_BASE, &[]) {
            listing.push_str(&format!("{prefix:<10} <{namespace}>\n"));
        }
        listing.push_str("plan, plan2 … <the plans' own IRIs>/, in input order\n");
        return Ok(write_output(None, listing.as_bytes())?);
    }
    let width = named::NAMED.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    for (name, text) in named::NAMED {
        listing.push_str(&format!("{name:<width$}  {}\n", named::description(text)));
        for param in named::params(text) {
            let example = param.example.as_deref().unwrap_or("…");
            listing.push_str(&format!(
                "{:width$}    --param {}={example}: {}\n",
                "", param.name, param.meaning
            ));
        }
    }
    Ok(write_output(None, listing.as_bytes())?)
}

/// `plangraph query`.
pub fn query(args: &QueryArgs) -> Outcome {
    let (name, text, named_query) = query_text(args)?;
    if let Some(endpoint) = &args.endpoint {
        return query_endpoint(args, endpoint, &name, &text);
    }
    let (store, plan_iris) = match &args.store {
        Some(dir) => {
            if !args.inputs.is_empty() {
                return Err(usage(Error::new(
                    "query",
                    "give plan files or --store, not both",
                )));
            }
            (store::open_existing(dir, "query")?, Vec::new())
        }
        None => {
            let (rdf, plans): (Vec<PathBuf>, Vec<PathBuf>) =
                args.inputs.iter().cloned().partition(|p| is_rdf(p));
            let mut quads = read_rdf_inputs(&rdf, &args.graph_options.base)?;
            let mut plan_iris = Vec::new();
            if !plans.is_empty() || rdf.is_empty() {
                let graph = build_graph(&plans, &args.input_options, &args.graph_options, true)?;
                quads.extend(graph.quads);
                plan_iris = graph.plan_iris;
            }
            (store::store_of(quads)?, plan_iris)
        }
    };
    let prefixes = export::default_prefixes(&args.graph_options.base, &plan_iris);
    let params = parse_params(args, &prefixes)?;
    if let Some(declared) = &named_query {
        named_params::check(declared, &params, Some(&store))?;
    }
    let prepared = query::prepare_with(&name, &text, &params, &prefixes).map_err(usage)?;
    let answer = query::run(&store, prepared)?;
    let bytes = match &answer {
        Answer::Graph(_) => {
            let format = match (&args.results, &args.output) {
                (Some(name), _) => ExportFormat::from_name(name).ok_or_else(|| {
                    usage(Error::new(
                        "--format",
                        format!("{name:?} is not an RDF format for a graph answer"),
                    ))
                })?,
                (None, Some(path)) if path.as_os_str() != "-" => export_format(None, Some(path))?,
                (None, _) => ExportFormat::Turtle,
            };
            let options = ExportOptions {
                prefixes,
                jsonld_context: None,
            };
            query::write_graph(&answer, format, &options)?
        }
        _ => query::write_results(&answer, results_format(args)?, &prefixes)?,
    };
    Ok(write_output(args.output.as_deref(), &bytes)?)
}

/// The `--param` values, in SPARQL term syntax with `prefixes` known.
fn parse_params(
    args: &QueryArgs,
    prefixes: &[(String, String)],
) -> Result<Vec<(oxigraph::model::Variable, oxigraph::model::Term)>, Failure> {
    args.params
        .iter()
        .map(|p| query::parse_param_with(p, prefixes))
        .collect::<plangraph::Result<Vec<_>>>()
        .map_err(usage)
}

/// `query --endpoint`: the same text, prefixes and parameters, answered by a remote store.
fn query_endpoint(args: &QueryArgs, endpoint: &str, name: &str, text: &str) -> Outcome {
    if !args.inputs.is_empty() {
        return Err(usage(Error::new(
            "query",
            "give plan files or --endpoint, not both",
        )));
    }
    let prefixes = export::default_prefixes(&args.graph_options.base, &[]);
    let params = parse_params(args, &prefixes)?;
    if let Some(named) = &args.named {
        named_params::check(named, &params, None)?;
    }
    // The query must be good SPARQL before it is sent.
    let _checked = query::prepare_with(name, text, &params, &prefixes).map_err(usage)?;
    let credentials = crate::cli::credentials::for_user(args.user.as_deref(), endpoint)?;
    let answer =
        plangraph::remote::endpoint::run(endpoint, text, &prefixes, &params, credentials.as_ref())?;
    let bytes = match &answer {
        Answer::Graph(_) => query::write_graph(
            &answer,
            ExportFormat::Turtle,
            &ExportOptions {
                prefixes,
                jsonld_context: None,
            },
        )?,
        _ => query::write_results(&answer, results_format(args)?, &prefixes)?,
    };
    Ok(write_output(args.output.as_deref(), &bytes)?)
}

/// `plangraph push`: each named graph of the plans (and RDF files) PUT at the Graph Store
/// Protocol endpoint, `--jobs` at a time; `--dry-run` lists them.
pub fn push(args: &PushArgs, cli: &Cli) -> Outcome {
    use plangraph::remote::push::{graph_url, push, GraphBody, PushOptions, PushSource};
    let (rdf, plans): (Vec<PathBuf>, Vec<PathBuf>) =
        args.inputs.iter().cloned().partition(|p| is_rdf(p));
    let base = &args.graph_options.base;
    plangraph::rdf::iri::check_base(base).map_err(usage)?;
    let rdf_quads = read_rdf_inputs(&rdf, base)?;
    let registry = load_registry(&args.input_options, base)?;
    let inputs = PlanInputs::new(&plans, &args.input_options)?;
    let count = inputs.count_beside(rdf.len());
    let metadata = metadata(&args.input_options, count.max(1))?;
    let mapping = mapping_options(&args.graph_options, true);
    let pool = thread_pool(BulkOptions::default().threads)?;
    let corpus = Corpus {
        count,
        read: |i| inputs.read(i),
        registry: &registry,
        metadata: &metadata,
        mapping: &mapping,
        pool: &pool,
    };
    let reference = plangraph::graph::mapping::reference_graph(base)?;
    let source = PushSource::new(&corpus, rdf_quads, &reference)?;
    if args.dry_run {
        let mut listing = String::new();
        source.bodies(|body| {
            listing.push_str(&format!(
                "PUT {} ({} triples)\n",
                graph_url(&args.to, &body.graph),
                body.triples
            ));
            Ok(())
        })?;
        return Ok(write_output(None, listing.as_bytes())?);
    }
    let options = PushOptions {
        endpoint: args.to.clone(),
        credentials: crate::cli::credentials::for_user(args.user.as_deref(), &args.to)?,
        in_flight: args.jobs,
    };
    let progress = Progress::new(source.graphs() as u64, cli.quiet);
    // The graphs are made on one side of a channel while the requests go out on the other: a
    // few bodies wait, the corpus is never held.
    let summary = std::thread::scope(|scope| {
        let (sender, receiver) =
            std::sync::mpsc::sync_channel::<plangraph::Result<GraphBody>>(args.jobs.max(1));
        let made = scope.spawn(move || {
            source.bodies(|body| {
                sender
                    .send(Ok(body))
                    .map_err(|_| Error::new("push", "the push stopped"))
            })
        });
        let pushed = push(receiver.into_iter(), &options, &|graph| {
            progress.advance(graph)
        });
        let made = made
            .join()
            .unwrap_or_else(|_| Err(Error::new("push", "mapping the plans panicked")));
        // The store's error first: a stopped push also stops the mapping.
        let summary = pushed?;
        made.map(|()| summary)
    })?;
    progress.finish(&format!(
        "pushed {} graphs, {} triples to {} in {:.1} s",
        summary.graphs, summary.triples, args.to, summary.seconds
    ));
    Ok(())
}

/// The query's name in messages, its text, and the named query it is, if one.
fn query_text(args: &QueryArgs) -> Result<(String, String, Option<String>), Failure> {
    Ok(match (&args.query, &args.query_file, &args.named) {
        (Some(text), _, _) if text == "-" => (
            "<stdin>".to_string(),
            read_query_file(Path::new("-"), &args.inputs)?,
            None,
        ),
        (Some(text), _, _) => ("--query".to_string(), text.clone(), None),
        (_, Some(path), _) => (
            path.display().to_string(),
            read_query_file(path, &args.inputs)?,
            None,
        ),
        (_, _, Some(named)) => {
            let text = named::named(named).ok_or_else(|| {
                let names: Vec<&str> = named::NAMED.iter().map(|(n, _)| *n).collect();
                let closest = names
                    .iter()
                    .max_by(|a, b| {
                        strsim::jaro_winkler(a, named).total_cmp(&strsim::jaro_winkler(b, named))
                    })
                    .copied()
                    .unwrap_or_default();
                usage(Error::new(
                    "--named",
                    format!(
                        "no query named {named:?}; did you mean {closest:?}? (one of {})",
                        names.join(", ")
                    ),
                ))
            })?;
            (
                format!("queries/{named}.rq"),
                text.to_string(),
                Some(named.clone()),
            )
        }
        (None, None, None) if stdin::has_data() => (
            "<stdin>".to_string(),
            read_query_file(Path::new("-"), &args.inputs)?,
            None,
        ),
        (None, None, None) => return Err(usage(Error::new(
            "query",
            "give the query: --query SPARQL, --query-file FILE, --named NAME, or on standard input",
        ))),
    })
}

fn read_query_file(path: &Path, inputs: &[PathBuf]) -> Result<String, Failure> {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        if inputs.iter().any(|i| i.as_os_str() == "-") {
            return Err(usage(Error::new(
                "query",
                "standard input cannot hold both the query and a plan",
            )));
        }
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| Error::new("<stdin>", format!("cannot read the query: {e}")))?;
        stdin::take();
        return Ok(text);
    }
    Ok(std::fs::read_to_string(path)
        .map_err(|e| Error::new(&name, format!("cannot read the query: {e}")))?)
}

/// `plangraph load`: the plans parsed and mapped on every core and written window by window
/// (see [`plangraph::store::bulk`]: each plan's graph replaced, complete or absent whatever
/// happens); RDF files (an earlier export, a linkset) replace the named graphs they hold, the
/// reference graph gaining their quads.
pub fn load(args: &LoadArgs, cli: &Cli) -> Outcome {
    let (rdf, plans): (Vec<PathBuf>, Vec<PathBuf>) =
        args.inputs.iter().cloned().partition(|p| is_rdf(p));
    let base = &args.graph_options.base;
    plangraph::rdf::iri::check_base(base).map_err(usage)?;
    let registry = load_registry(&args.input_options, base)?;
    let metadata = metadata(&args.input_options, plans.len().max(1))?;
    let inputs = PlanInputs::new(&plans, &args.input_options)?;
    let count = inputs.count_beside(rdf.len());
    // The RDF files are read before the store is touched: a broken one stores nothing.
    let rdf_quads = rdf
        .iter()
        .map(|path| read_rdf_inputs(std::slice::from_ref(path), base))
        .collect::<plangraph::Result<Vec<_>>>()?;
    let defaults = BulkOptions::default();
    let options = BulkOptions {
        threads: args.jobs.unwrap_or(defaults.threads).max(1),
        window_quads: args.commit_quads.unwrap_or(defaults.window_quads).max(1),
        batch_quads: args.batch_quads.unwrap_or(defaults.batch_quads).max(1),
    };
    let store = store::open_persistent(&args.store, "load")?;
    let progress = Progress::new((count + rdf.len()) as u64, cli.quiet);
    let reference = plangraph::graph::mapping::reference_graph(base)?;
    let started = std::time::Instant::now();
    let written = load_plans(
        &store,
        count,
        |i| inputs.read(i),
        &registry,
        &metadata,
        &mapping_options(&args.graph_options, true),
        options,
        |name| progress.advance(name),
    )?;
    for (path, quads) in rdf.iter().zip(rdf_quads) {
        let mut graphs: Vec<NamedNode> = quads
            .iter()
            .filter_map(|q| match &q.graph_name {
                oxigraph::model::GraphName::NamedNode(g) if *g != reference => Some(g.clone()),
                _ => None,
            })
            .collect();
        graphs.sort();
        graphs.dedup();
        store::replace_graphs(&store, &graphs, &quads)?;
        progress.advance(&path.display().to_string());
    }
    progress.finish(&format!(
        "loaded {} plan(s) ({} quads, {} commit(s)) and {} RDF file(s) into {} in {:.1} s",
        written.plans,
        written.quads,
        written.commits,
        rdf.len(),
        args.store.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}
