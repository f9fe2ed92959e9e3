//! `plangraph serve` and `plangraph plot`: the store they read (plan files parsed in memory, RDF
//! files, or a store made by `load`) handed to the library's server or pictures.

use crate::cli::args::{GraphOptions, InputOptions, PlotArgs, PlotKind, ServeArgs};
use crate::cli::exit::{usage, Outcome};
use crate::cli::inputs::{
    is_rdf, load_registry, mapping_options, metadata, read_plans, read_rdf_inputs,
};
use crate::cli::output::write_output;
use oxigraph::store::Store;
use plangraph::serve::{ServeOptions, Site};
use plangraph::store::summary::Summary;
use plangraph::{store, Error};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

/// The store to serve or draw, and the plans' texts by plan IRI (none from a store).
fn open(
    inputs: &[PathBuf],
    store_dir: Option<&PathBuf>,
    graph_options: &GraphOptions,
    input_options: &InputOptions,
    purpose: &str,
) -> Result<(Store, HashMap<String, String>), crate::cli::exit::Failure> {
    plangraph::rdf::iri::check_base(&graph_options.base).map_err(usage)?;
    if let Some(dir) = store_dir {
        if !inputs.is_empty() {
            return Err(usage(Error::new(
                purpose,
                "give plan files or --store, not both",
            )));
        }
        return Ok((store::open_existing(dir, purpose)?, HashMap::new()));
    }
    let (rdf, plans): (Vec<PathBuf>, Vec<PathBuf>) =
        inputs.iter().cloned().partition(|p| is_rdf(p));
    let mut quads = read_rdf_inputs(&rdf, &graph_options.base)?;
    let mut texts = HashMap::new();
    if !plans.is_empty() || rdf.is_empty() {
        let registry = load_registry(input_options, &graph_options.base)?;
        let sources = read_plans(&plans, input_options)?;
        let graph = plangraph::graph::build_graph(
            &sources,
            &registry,
            &metadata(input_options, sources.len())?,
            &mapping_options(graph_options, true),
        )?;
        for (iri, source) in graph.plan_iris.iter().zip(sources) {
            texts.insert(iri.clone(), source.text);
        }
        quads.extend(graph.quads);
    }
    Ok((store::store_of(quads)?, texts))
}

/// `plangraph serve`.
pub fn serve(args: &ServeArgs) -> Outcome {
    if !(args.timeout_s > 0.0 && args.timeout_s.is_finite()) || args.max_queries == 0 {
        return Err(usage(Error::new(
            "serve",
            "--timeout-s and --max-queries must be above zero",
        )));
    }
    let (store, texts) = open(
        &args.inputs,
        args.store.as_ref(),
        &args.graph_options,
        &args.input_options,
        "serve",
    )?;
    let site = Site::new(store, &args.graph_options.base, texts)?;
    let plans = site.summary.plans.len();
    let options = ServeOptions {
        bind: args.bind,
        cors: args.cors,
        timeout: Duration::from_secs_f64(args.timeout_s),
        max_queries: args.max_queries,
        max_request_bytes: args.max_request_kb.saturating_mul(1024),
        ..ServeOptions::default()
    };
    // Ctrl-C and SIGTERM end the process at once: the store is only read, so nothing is left
    // half-written.
    ctrlc::set_handler(|| {
        eprintln!("plangraph: stopped");
        std::process::exit(0);
    })
    .map_err(|e| Error::new("serve", format!("cannot handle signals: {e}")))?;
    plangraph::serve::run(site, options, |address| {
        eprintln!(
            "plangraph: serving {plans} plan(s) at http://{address}/ (SPARQL at http://{address}/sparql); Ctrl-C stops"
        );
    })?;
    Ok(())
}

/// `plangraph plot network|workload`.
pub fn plot(args: &PlotArgs) -> Outcome {
    let (store, _) = open(
        &args.inputs,
        args.store.as_ref(),
        &args.graph_options,
        &args.input_options,
        "plot",
    )?;
    let summary = Summary::of(&store)?;
    let no_link = |_: &str| None;
    let svg = match args.kind {
        PlotKind::Network => plangraph::plot::network_svg(
            &summary.cooperation(None),
            "Cooperation network: agencies named in the same subtasks",
            &no_link,
        ),
        PlotKind::Workload => plangraph::plot::workload_svg(
            &summary.loads(None),
            "Each agency's work by role",
            &no_link,
        ),
    };
    Ok(write_output(args.output.as_deref(), svg.as_bytes())?)
}
