//! Command-line definitions (clap). The logic lives in the library; `main.rs` dispatches.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turns Chinese government work plans into a linked-data graph of who is responsible for what.
#[derive(Debug, Parser)]
#[command(name = "plangraph", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Say nothing on standard error but errors (no progress, no notes).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Say more on standard error: what was read and written, with counts.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse a plan: tasks, subtasks, responsible agencies, mentions and flags.
    Parse(ParseArgs),
    /// Print the text plangraph reads from a file: what it extracts from an HTML page, a PDF
    /// or a Word file (spans in the JSON model and the graph count code points in it).
    Text(TextArgs),
    /// Export plans as RDF (Turtle, JSON-LD, N-Triples, N-Quads, TriG, RDF/XML).
    Export(ExportArgs),
    /// Check the graph of plans against the SHACL shapes; exit non-zero on any violation.
    Validate(ValidateArgs),
    /// Run a SPARQL query over plans (in memory) or over a persistent store.
    Query(QueryArgs),
    /// List the named queries with their parameters (or, with --prefixes, the predeclared prefixes).
    Queries(QueriesArgs),
    /// Load plans into a persistent store (needs the `rocksdb` feature).
    Load(LoadArgs),
    /// Link the plans' agencies, partners, instruments and campaigns with another RDF dataset:
    /// write a linkset (skos:exactMatch, skos:closeMatch with scores, VoID) and report matched,
    /// ambiguous and unmatched entities.
    Link(LinkArgs),
    /// Push plans' graphs (and the reference graph) into a store with the SPARQL 1.1 Graph
    /// Store Protocol: one PUT per named graph, so a second push replaces, never duplicates.
    Push(PushArgs),
    /// Serve plans (or a store made by `load`) over HTTP: a read-only SPARQL 1.1 endpoint at
    /// /sparql, linked data that resolves (pages for browsers, RDF for RDF clients), a page per
    /// plan with its slots marked in its text, agencies, gaps, named queries, pictures.
    Serve(ServeArgs),
    /// Draw the cooperation network or each agency's workload as SVG.
    Plot(PlotArgs),
    /// Print a shell completion script: `plangraph completions bash > /etc/bash_completion.d/plangraph`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `plangraph man > /usr/local/share/man/man1/plangraph.1`.
    Man,
}

/// Options of `plangraph serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Plan text files, or RDF files by extension. Without any (and without --store): the
    /// bundled 2017 plan.
    pub inputs: Vec<PathBuf>,
    /// Serve a persistent store made with `plangraph load` (needs the `rocksdb` feature).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// The address to listen on. Anything but loopback makes the graph public: the endpoint
    /// has no authentication.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,
    /// Allow pages on any origin to query (Access-Control-Allow-Origin: *).
    #[arg(long)]
    pub cors: bool,
    /// Stop a query after N seconds (answered 503; the server goes on).
    #[arg(long, value_name = "N", default_value_t = 30.0)]
    pub timeout_s: f64,
    /// Queries evaluated at once; more are answered 503 at once.
    #[arg(long, value_name = "N", default_value_t = 16)]
    pub max_queries: usize,
    /// The largest request body (a POSTed query), in kilobytes; more is answered 413.
    #[arg(long, value_name = "KB", default_value_t = 1024)]
    pub max_request_kb: usize,
    #[command(flatten)]
    pub graph_options: GraphOptions,
    #[command(flatten)]
    pub input_options: InputOptions,
}

/// Which picture `plangraph plot` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlotKind {
    /// Agencies named in the same subtasks: node size by workload, edge width by shared
    /// subtasks, leads ringed.
    Network,
    /// Each agency's responsibilities by role (lead, responsible, supporting).
    Workload,
}

/// Options of `plangraph plot`.
#[derive(Debug, Args)]
pub struct PlotArgs {
    /// The picture.
    #[arg(value_enum)]
    pub kind: PlotKind,
    /// Plan text files, or RDF files by extension. Without any: the bundled 2017 plan.
    pub inputs: Vec<PathBuf>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE.svg")]
    pub output: Option<PathBuf>,
    /// Draw a store made with `plangraph load` instead of plan files.
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    #[command(flatten)]
    pub graph_options: GraphOptions,
    #[command(flatten)]
    pub input_options: InputOptions,
}

/// Options of `plangraph push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// Plan text files, or RDF files by extension. Without any: the bundled 2017 plan.
    pub inputs: Vec<PathBuf>,
    /// The store's Graph Store Protocol endpoint (`http://127.0.0.1:7878/store`,
    /// `http://host:8890/sparql-graph-crud-auth`).
    #[arg(long, value_name = "URL", required = true)]
    pub to: String,
    /// The user to push as; the password comes from PLANGRAPH_PASSWORD or ~/.netrc, never the
    /// command line (HTTP Basic or Digest, as the server asks).
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Requests in flight at once.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub jobs: usize,
    /// List what would be sent (graphs and triples), send nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub graph_options: GraphOptions,
    #[command(flatten)]
    pub input_options: InputOptions,
}

/// Options of `plangraph queries`.
#[derive(Debug, Args)]
pub struct QueriesArgs {
    /// List the prefixes every query may use without declaring them.
    #[arg(long)]
    pub prefixes: bool,
}

/// Options of `plangraph link`.
#[derive(Debug, Args)]
pub struct LinkArgs {
    /// Plan text files (`-` for standard input). Without any: the bundled 2017 plan.
    pub inputs: Vec<PathBuf>,
    /// The dataset to link with (any RDF format, by its extension); repeatable.
    #[arg(long = "with", value_name = "OTHER", required = true)]
    pub with: Vec<PathBuf>,
    /// The RDF format of the --with files, where their extension names none (turtle, ntriples,
    /// rdfxml, jsonld, or a media type).
    #[arg(long, value_name = "FORMAT")]
    pub with_format: Option<String>,
    /// Write the linkset to FILE (format from its extension) instead of standard output; the
    /// report then goes to standard output, else to standard error.
    #[arg(short, long, value_name = "LINKSET")]
    pub output: Option<PathBuf>,
    /// Linkset format: turtle, jsonld, ntriples, nquads, trig, rdfxml (default: from -o, else turtle).
    #[arg(short = 'f', long = "format", value_name = "FORMAT")]
    pub format: Option<String>,
    #[command(flatten)]
    pub graph_options: GraphOptions,
    #[command(flatten)]
    pub input_options: InputOptions,
}

/// Options of `plangraph query`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("text").args(["query", "query_file", "named"])))]
pub struct QueryArgs {
    /// Plan text files or RDF files by extension (an export, a linkset). Without any (and
    /// without --store): the bundled 2017 plan.
    pub inputs: Vec<PathBuf>,
    /// The query text (`-` reads it from standard input). Without --query, --query-file or
    /// --named, the query is read from standard input when it is not a terminal.
    #[arg(short = 'e', long = "query", value_name = "SPARQL")]
    pub query: Option<String>,
    /// Read the query from FILE (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub query_file: Option<PathBuf>,
    /// Run a named query from the library (see `plangraph queries`).
    #[arg(long, value_name = "NAME")]
    pub named: Option<String>,
    /// Output format, by name, extension or media type: table, json (srj), csv, tsv, xml (srx)
    /// for SELECT and ASK; turtle, jsonld, ntriples, nquads, trig, rdfxml for CONSTRUCT and
    /// DESCRIBE. Default: from the -o extension, else table on a terminal and tsv otherwise
    /// (turtle for graphs).
    #[arg(
        short = 'f',
        long = "format",
        visible_alias = "results",
        short_alias = 'r',
        value_name = "FORMAT"
    )]
    pub results: Option<String>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Bind a variable the query selects: name=value, the value in SPARQL term syntax
    /// (`"商务部"@zh`, `<iri>`, `pg:Task`, `42`) or a plain string.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// Query a persistent store made with `plangraph load` instead of plan files.
    #[arg(long, value_name = "DIR", conflicts_with = "endpoint")]
    pub store: Option<PathBuf>,
    /// Query a SPARQL 1.1 endpoint instead (`http://127.0.0.1:7878/query`): the same named
    /// queries, prefixes and parameters.
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// The user for --endpoint; the password from PLANGRAPH_PASSWORD or ~/.netrc.
    #[arg(long, value_name = "NAME", requires = "endpoint")]
    pub user: Option<String>,
    #[command(flatten)]
    pub graph_options: GraphOptions,
    #[command(flatten)]
    pub input_options: InputOptions,
}

/// Options of `plangraph load`.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Plan text files, or RDF files by extension (an export, a linkset). Without any: the
    /// bundled 2017 plan.
    pub inputs: Vec<PathBuf>,
    /// The store's directory (created if missing).
    #[arg(long, value_name = "DIR", required = true)]
    pub store: PathBuf,
    /// Threads that read, parse and map the plans (default: every core).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// The most quads the store's loader sorts at once on each thread (a batch is a 32nd of its
    /// commit, from 60000 up to this): what a load holds in memory (default 250000).
    #[arg(long, value_name = "N")]
    pub batch_quads: Option<usize>,
    /// Quads in the first atomic commit; each later commit holds at least as many as the load
    /// wrote before it, so a kill loses at most the last half (default 125000).
    #[arg(long, value_name = "N")]
    pub commit_quads: Option<usize>,
    #[command(flatten)]
    pub graph_options: GraphOptions,
    #[command(flatten)]
    pub input_options: InputOptions,
}

/// Options of `plangraph export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Plan text files (`-` for standard input). Without any: the bundled 2017 plan.
    pub inputs: Vec<PathBuf>,
    /// Format: turtle, jsonld, ntriples, nquads, trig, rdfxml. Guessed from the extension of
    /// `-o` (.ttl .jsonld .nt .nq .trig .rdf); required when writing to standard output.
    #[arg(short = 'f', long = "format", value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Leave out the reference data (labels and details of the agencies and other entities).
    #[arg(long)]
    pub no_reference: bool,
    /// JSON-LD: reference this context URL instead of embedding ontology/context.jsonld.
    #[arg(long, value_name = "URL")]
    pub jsonld_context: Option<String>,
    #[command(flatten)]
    pub graph_options: GraphOptions,
    #[command(flatten)]
    pub input_options: InputOptions,
}

/// Options of `plangraph validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Plan text files (`-` for standard input). Without any: the bundled 2017 plan.
    pub inputs: Vec<PathBuf>,
    /// SHACL shapes file (Turtle) to use instead of the bundled ontology/shapes.ttl.
    #[arg(long, value_name = "FILE")]
    pub shapes: Option<PathBuf>,
    /// Also write the SHACL validation report (sh:ValidationReport, as pyshacl and Jena write
    /// it) to FILE, in the RDF format its extension names.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub graph_options: GraphOptions,
    #[command(flatten)]
    pub input_options: InputOptions,
}

/// Options that shape the graph.
#[derive(Debug, Args)]
pub struct GraphOptions {
    /// Base for minted IRIs (absolute, ending in / or #).
    #[arg(long, value_name = "IRI", default_value = plangraph::resolve::registry::DEFAULT_BASE)]
    pub base: String,
    /// The plan's IRI segment (default: its identifier, else its printed title, else the file
    /// name). `{stem}` stands for each input's file name without extension, `{dir}` for its
    /// folder's name: `--plan-id 'hainan-{stem}'` or `'{dir}-{stem}'` names a batch.
    #[arg(long, value_name = "ID")]
    pub plan_id: Option<String>,
}

/// Options of `plangraph parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The plan's text file, or `-` for standard input. Without it: the bundled 2017 plan.
    pub input: Option<PathBuf>,
    /// Output format: `text` (an outline to read) or `json` (the documented data model).
    /// Default: from the -o extension (.txt, .json), else text.
    #[arg(short, long, value_enum)]
    pub format: Option<ParseFormat>,
    /// Write to FILE instead of standard output (`-` for standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Instead of the result, tell what the parser decided and why (frame, body, numbering,
    /// the form of each parenthetical).
    #[arg(long)]
    pub explain: bool,
    /// In the outline, print each subtask's full text instead of its last characters.
    #[arg(long, conflicts_with = "explain")]
    pub full: bool,
    #[command(flatten)]
    pub input_options: InputOptions,
}

/// Options of `plangraph text`.
#[derive(Debug, Args)]
pub struct TextArgs {
    /// A plan's file (text, HTML, PDF or Word .docx), or `-` for standard input. Without it: the
    /// bundled 2017 plan.
    pub input: Option<PathBuf>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub read_options: ReadOptions,
}

/// How an input's bytes are read: shared by every command that reads plans.
#[derive(Debug, Args)]
pub struct ReadOptions {
    /// A text input's encoding: auto, utf-8, gb18030 (gbk), big5, utf-16le, utf-16be (HTML,
    /// PDF, Word files and UTF-16 with a byte order mark are told by their content).
    #[arg(long, default_value = "auto", value_name = "ENCODING")]
    pub encoding: String,
    /// The largest input read, in megabytes (a larger one is refused before it is read).
    #[arg(long, value_name = "MB", default_value_t = plangraph::read::source::DEFAULT_MAX_SIZE_MB)]
    pub max_size: u64,
}

/// Options for reading plans, shared by every command that reads them.
#[derive(Debug, Args)]
pub struct InputOptions {
    #[command(flatten)]
    pub read: ReadOptions,
    /// Extra registry file (RDF, by its extension) of agencies, campaigns, instruments or
    /// partners; repeatable.
    #[arg(long, value_name = "FILE")]
    pub registry: Vec<PathBuf>,
    /// The RDF format of the --registry files, where their extension names none.
    #[arg(long, value_name = "FORMAT")]
    pub registry_format: Option<String>,
    /// The plan's title, where the text lacks it or prints it cut.
    #[arg(long)]
    pub title: Option<String>,
    /// Document number, e.g. 国办发〔2017〕46号.
    #[arg(long)]
    pub identifier: Option<String>,
    /// Issuing body, e.g. 国务院办公厅.
    #[arg(long)]
    pub issuer: Option<String>,
    /// Date issued (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub issued: Option<String>,
    /// The plan's year, where its title prints none (else the year of the date issued).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Where the text was taken from.
    #[arg(long, value_name = "URL")]
    pub source_url: Option<String>,
}

/// Output formats of `parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    /// An outline to read.
    Text,
    /// The data model as JSON.
    Json,
}
