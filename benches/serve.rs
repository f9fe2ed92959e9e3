//! Serving under load, whole processes side by side in one run: `plangraph serve` of N plan
//! files against Oxigraph's own server (the PyPI wheel's `oxigraph` binary) on the same quads,
//! on this machine's cores, driven by the same client.
//!
//! For each N (1 = the bundled 2017 plan; else N synthetic plans from its structure, see
//! `benches/common/synthetic.rs`), the plans are written to files and exported as N-Quads
//! (`plangraph export -f nquads`). Three servers start: `plangraph serve FILES` (an in-memory
//! store), `oxigraph serve` in memory with the N-Quads POSTed to its `/store` (like for like),
//! and `oxigraph serve-read-only` of a RocksDB store made by `oxigraph load` (Oxigraph's usual
//! deployment); both Oxigraph servers with `--union-default-graph`, as plangraph's default
//! graph is the union of the plans' graphs. Then:
//!
//! 1. SPARQL: the same query texts (named queries of `queries/*.rq`, a parameter bound with
//!    `VALUES`) sent by GET to plangraph's `/sparql` and to Oxigraph's `/query`,
//!    `Accept: application/sparql-results+json`. The quad counts and each query's rows are
//!    first compared on all three (the run stops if a count differs).
//! 2. Pages: plangraph's HTML pages (index, plan pages, agency pages, gaps, network, named-query
//!    pages): no peer, reported alone; then the same but the named-query pages (a query over
//!    every plan on the first request, a table as long as the answer after), so the other
//!    pages' latency under load is their own.
//!
//! Each request is timed alone (one client, a few runs: the median), then under load: C client
//! threads (a keep-alive `ureq` agent each) for a fixed time per server and mix, each cycling
//! through the mix's requests. Printed per server and mix: requests/s, p50, p99 and max latency
//! (the whole answer read), errors (non-2xx or transport), the server's resident memory
//! (VmRSS) before, after and at its highest during the load (sampled every 20 ms) with VmHWM,
//! and the cores busy in the server, in the clients and in other processes (noise); then the
//! same per request, and the figures against issue 14's goals. A server whose first pass over
//! the SPARQL mix takes longer than a limit is not loaded (its single runs are printed).
//!
//! Knobs (environment): `PLANGRAPH_BENCH_N` (comma-separated, default `1,100,1000`),
//! `PLANGRAPH_BENCH_CLIENTS` (8), `PLANGRAPH_BENCH_SECONDS` (10 per server and mix),
//! `PLANGRAPH_BENCH_ROUNDS` (the SPARQL mix's seconds split in 3 rounds, the servers taking
//! turns, so a drift of the machine falls on all alike and the rounds show the spread),
//! `PLANGRAPH_BENCH_RUNS` (3 runs of each request alone), `PLANGRAPH_BENCH_PASS_LIMIT_S` (10),
//! `PLANGRAPH_BIN` (the plangraph binary; default the one Cargo builds for the bench),
//! `PLANGRAPH_VENV` (a virtual environment with the PyPI package `oxigraph`, default
//! `~/.cache/plangraph-venv`, which `.ci/run` makes), `PLANGRAPH_BENCH_KEEP=1` keeps the files,
//! stores and server logs (under the temporary folder's `plangraph-bench-serve/`).
//!
//! Run with `cargo bench --bench serve` (about 6 minutes on 2 cores). The servers are stopped by
//! process id at the end, on a panic, and on Ctrl-C or SIGTERM.

use plangraph::bundled_plan;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

#[path = "common/processes.rs"]
mod processes;

/// A bound parameter of the SPARQL mix and the named-query pages (an agency as printed).
const AGENCY: &str = "工商总局";
const JSON: &str = "application/sparql-results+json";
const HTML: &str = "text/html";
/// A query may run this long on either server (both given the same limit).
const QUERY_TIMEOUT_S: u64 = 120;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------------------------------------
// The servers: started, waited for, measured, stopped by process id.

/// Servers still running, by process id: stopped on Ctrl-C or SIGTERM.
static RUNNING: Mutex<Vec<u32>> = Mutex::new(Vec::new());

fn terminate(pid: u32) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .stderr(Stdio::null())
        .status();
}

/// A server process; dropping it stops it (SIGTERM, then SIGKILL after 3 s).
struct Server {
    name: &'static str,
    child: Child,
    url: String,
    log: PathBuf,
}

impl Server {
    /// Starts `program args` (stdout and stderr to `log`) and waits until `url` + `ready`
    /// answers 2xx.
    fn start(
        name: &'static str,
        program: &Path,
        args: &[String],
        url: String,
        ready: &str,
        log: PathBuf,
    ) -> (Server, Duration) {
        let out = std::fs::File::create(&log).unwrap();
        let started = Instant::now();
        let child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        RUNNING.lock().unwrap().push(child.id());
        let mut server = Server {
            name,
            child,
            url,
            log,
        };
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(5))
            .build();
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "{name} ended before answering ({status}):\n{}",
                    std::fs::read_to_string(&server.log).unwrap_or_default()
                );
            }
            if let Ok(response) = agent.get(&format!("{}{ready}", server.url)).call() {
                let _ = response.into_reader().read_to_end(&mut Vec::new());
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(900),
                "{name} did not answer in 15 minutes:\n{}",
                std::fs::read_to_string(&server.log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let ready_after = started.elapsed();
        (server, ready_after)
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let pid = self.pid();
        terminate(pid);
        let asked = Instant::now();
        while asked.elapsed() < Duration::from_secs(3) {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        RUNNING.lock().unwrap().retain(|p| *p != pid);
    }
}

/// (VmRSS, VmHWM) of process `pid` in MB.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU time of process `pid` (user + system), in clock ticks.
fn cpu_ticks(pid: &str) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // After the command name (in parentheses, perhaps with spaces): field 3 on; utime and stime
    // are fields 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<u64> = rest
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    fields.get(11).unwrap_or(&0) + fields.get(12).unwrap_or(&0)
}

/// The whole machine's busy clock ticks (all cores), from `/proc/stat`.
fn machine_busy_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let fields: Vec<u64> = stat
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .skip(1)
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    // user nice system idle iowait irq softirq steal: all but idle and iowait.
    fields
        .iter()
        .take(8)
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 4)
        .map(|(_, t)| t)
        .sum()
}

/// Clock ticks per second (`getconf CLK_TCK`, 100 on Linux).
fn ticks_per_second() -> f64 {
    command_output(Path::new("getconf"), &["CLK_TCK"])
        .parse()
        .unwrap_or(100.0)
}

// ---------------------------------------------------------------------------------------------
// Requests and load.

/// One request of a mix: a label and the URLs it cycles through (a plan page: several plans).
#[derive(Debug, Clone)]
struct Request {
    label: String,
    urls: Vec<String>,
    accept: &'static str,
}

/// What one request returned: its latency and size, or why it failed.
type Outcome = Result<(Duration, usize), String>;

fn send(agent: &ureq::Agent, url: &str, accept: &str) -> Outcome {
    let start = Instant::now();
    match agent.get(url).set("Accept", accept).call() {
        Ok(response) => {
            let mut body = Vec::new();
            response
                .into_reader()
                .read_to_end(&mut body)
                .map_err(|e| format!("reading the answer: {e}"))?;
            Ok((start.elapsed(), body.len()))
        }
        Err(ureq::Error::Status(code, response)) => {
            let text = response.into_string().unwrap_or_default();
            Err(format!(
                "HTTP {code}: {}",
                text.chars().take(200).collect::<String>()
            ))
        }
        Err(e) => Err(format!("transport: {e}")),
    }
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(QUERY_TIMEOUT_S + 60))
        .build()
}

/// Latencies of one label.
#[derive(Debug, Default, Clone)]
struct Samples {
    latencies: Vec<Duration>,
    bytes: usize,
    errors: usize,
    first_error: Option<String>,
    /// The unmeasured first run's latency (a named-query page: the query evaluated, its answer
    /// then kept by the server).
    first: Option<Duration>,
}

impl Samples {
    fn record(&mut self, outcome: Outcome) {
        match outcome {
            Ok((latency, bytes)) => {
                self.latencies.push(latency);
                self.bytes += bytes;
            }
            Err(message) => {
                self.errors += 1;
                self.first_error.get_or_insert(message);
            }
        }
    }

    fn merge(&mut self, other: &Samples) {
        self.latencies.extend_from_slice(&other.latencies);
        self.bytes += other.bytes;
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error.clone_from(&other.first_error);
        }
    }

    /// The `p`-th percentile (nearest rank).
    fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        if sorted.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }

    fn max(&self) -> Duration {
        self.latencies.iter().max().copied().unwrap_or_default()
    }

    fn kb(&self) -> f64 {
        if self.latencies.is_empty() {
            0.0
        } else {
            self.bytes as f64 / self.latencies.len() as f64 / 1024.0
        }
    }
}

/// Each request alone: `runs` runs one after another on one connection (each variant in turn),
/// after a first run of each, kept apart, when `warm`.
fn alone(requests: &[Request], runs: usize, warm: bool) -> Vec<Samples> {
    let agent = agent();
    requests
        .iter()
        .map(|request| {
            let mut samples = Samples::default();
            if warm {
                samples.first = send(&agent, &request.urls[0], request.accept)
                    .ok()
                    .map(|(latency, _)| latency);
            }
            for run in 0..runs {
                let url = &request.urls[run % request.urls.len()];
                samples.record(send(&agent, url, request.accept));
            }
            samples
        })
        .collect()
}

/// A load's figures: per request, the whole, the wall time and the server's memory.
struct Load {
    per_request: Vec<Samples>,
    all: Samples,
    wall: Duration,
    rss_before: f64,
    rss_after: f64,
    rss_peak: f64,
    hwm: f64,
    /// Cores busy on average during the load: the server, this process (the clients), the rest
    /// of the machine (other processes: noise).
    cores: (f64, f64, f64),
    /// Requests/s of each round (one for a single load).
    rates: Vec<f64>,
}

/// Loads of rounds as one: latencies and wall times added, memory from the first's before to
/// the last's after, cores weighted by time.
fn merge(loads: Vec<Load>) -> Load {
    let wall: Duration = loads.iter().map(|l| l.wall).sum();
    let weighted = |f: fn(&Load) -> f64| {
        loads
            .iter()
            .map(|l| f(l) * l.wall.as_secs_f64())
            .sum::<f64>()
            / wall.as_secs_f64()
    };
    let cores = (
        weighted(|l| l.cores.0),
        weighted(|l| l.cores.1),
        weighted(|l| l.cores.2),
    );
    let mut per_request = vec![Samples::default(); loads[0].per_request.len()];
    let mut all = Samples::default();
    for l in &loads {
        for (total, s) in per_request.iter_mut().zip(&l.per_request) {
            total.merge(s);
        }
        all.merge(&l.all);
    }
    let last = loads.last().unwrap();
    Load {
        per_request,
        all,
        wall,
        rss_before: loads[0].rss_before,
        rss_after: last.rss_after,
        rss_peak: loads.iter().map(|l| l.rss_peak).fold(0.0, f64::max),
        hwm: last.hwm,
        cores,
        rates: loads.iter().flat_map(|l| l.rates.clone()).collect(),
    }
}

/// Rates of rounds, for a table: `1003 / 1120 / 1090`.
fn rates(rates: &[f64]) -> String {
    rates
        .iter()
        .map(|r| format!("{r:.1}"))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// `clients` clients, each cycling through `requests` (starting at a different one) until
/// `seconds` have passed; the server's memory sampled every 20 ms meanwhile.
fn load(pid: u32, requests: &[Request], clients: usize, seconds: f64) -> Load {
    let rss_before = memory(pid).0;
    let stop_sampling = Arc::new(AtomicBool::new(false));
    let peak_kb = Arc::new(AtomicU64::new((rss_before * 1024.0) as u64));
    let sampler = {
        let stop = stop_sampling.clone();
        let peak = peak_kb.clone();
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let rss = memory(pid).0;
                if rss.is_finite() {
                    peak.fetch_max((rss * 1024.0) as u64, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let barrier = Arc::new(Barrier::new(clients + 1));
    let requests = Arc::new(requests.to_vec());
    let threads: Vec<_> = (0..clients)
        .map(|client| {
            let barrier = barrier.clone();
            let requests = requests.clone();
            std::thread::spawn(move || {
                let agent = agent();
                let mut samples = vec![Samples::default(); requests.len()];
                let mut visits = vec![0usize; requests.len()];
                barrier.wait();
                let deadline = Instant::now() + Duration::from_secs_f64(seconds);
                let mut next = client;
                while Instant::now() < deadline {
                    let i = next % requests.len();
                    let request = &requests[i];
                    let url = &request.urls[(client + visits[i]) % request.urls.len()];
                    visits[i] += 1;
                    samples[i].record(send(&agent, url, request.accept));
                    next += 1;
                }
                samples
            })
        })
        .collect();
    let ticks = (
        cpu_ticks(&pid.to_string()),
        cpu_ticks("self"),
        machine_busy_ticks(),
    );
    barrier.wait();
    let start = Instant::now();
    let mut per_request = vec![Samples::default(); requests.len()];
    for thread in threads {
        let samples = thread.join().expect("a client thread panicked");
        for (total, s) in per_request.iter_mut().zip(&samples) {
            total.merge(s);
        }
    }
    let wall = start.elapsed();
    let used = |before: u64, after: u64| {
        after.saturating_sub(before) as f64 / ticks_per_second() / wall.as_secs_f64()
    };
    let server_cores = used(ticks.0, cpu_ticks(&pid.to_string()));
    let client_cores = used(ticks.1, cpu_ticks("self"));
    let machine_cores = used(ticks.2, machine_busy_ticks());
    let cores = (
        server_cores,
        client_cores,
        (machine_cores - server_cores - client_cores).max(0.0),
    );
    stop_sampling.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    let (rss_after, hwm) = memory(pid);
    let mut all = Samples::default();
    for s in &per_request {
        all.merge(s);
    }
    let rate = all.latencies.len() as f64 / wall.as_secs_f64();
    Load {
        per_request,
        all,
        wall,
        rss_before,
        rss_after,
        rss_peak: peak_kb.load(Ordering::Relaxed) as f64 / 1024.0,
        hwm,
        cores,
        rates: vec![rate],
    }
}

// ---------------------------------------------------------------------------------------------
// The mixes.

/// The SPARQL mix: named queries' texts, `?agency` bound by `VALUES` where the query takes it.
fn sparql_mix() -> Vec<(String, String)> {
    let mut mix = Vec::new();
    for name in [
        "agency-workload",
        "lead-agencies",
        "tasks-by-agency",
        "successors",
        "outline",
        "gaps",
    ] {
        let text =
            plangraph::store::named::named(name).unwrap_or_else(|| panic!("no named query {name}"));
        let text = if plangraph::store::named::params(text).is_empty() {
            text.to_string()
        } else {
            let at = text.find("WHERE {").expect("a WHERE clause") + "WHERE {".len();
            format!(
                "{}\n  VALUES ?agency {{ \"{AGENCY}\" }}{}",
                &text[..at],
                &text[at..]
            )
        };
        let label = if text.contains("VALUES ?agency") {
            format!("{name} ({AGENCY})")
        } else {
            name.to_string()
        };
        mix.push((label, text));
    }
    mix
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn sparql_requests(endpoint: &str, mix: &[(String, String)]) -> Vec<Request> {
    mix.iter()
        .map(|(label, text)| Request {
            label: label.clone(),
            urls: vec![format!("{endpoint}?query={}", encode(text))],
            accept: JSON,
        })
        .collect()
}

/// The `href`s in `html` (HTML-escaped `&` undone).
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

/// The pages mix, its plan and agency links read from the index.
fn pages_requests(url: &str) -> Vec<Request> {
    let mut index = String::new();
    ureq::get(&format!("{url}/"))
        .set("Accept", HTML)
        .call()
        .expect("the index answers")
        .into_reader()
        .read_to_string(&mut index)
        .unwrap();
    let table = index
        .split("<table class=\"plans\">")
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .expect("the index has table.plans");
    let plans = hrefs(table);
    assert!(!plans.is_empty(), "no plan links in the index");
    // Up to 50 plans spread over the list.
    let step = plans.len().div_ceil(50);
    let plans: Vec<String> = plans.iter().step_by(step).cloned().collect();
    let mut agencies: Vec<String> = hrefs(&index)
        .into_iter()
        .filter(|h| h.contains("/agency/"))
        .collect();
    agencies.dedup();
    assert!(!agencies.is_empty(), "no agency links in the index");
    let page = |label: &str, paths: Vec<String>| Request {
        label: label.to_string(),
        urls: paths.iter().map(|p| format!("{url}{p}")).collect(),
        accept: HTML,
    };
    vec![
        page("/ (index)", vec!["/".into()]),
        page(&format!("plan pages ({} in turn)", plans.len()), plans),
        page(
            &format!("agency pages ({} in turn)", agencies.len()),
            agencies,
        ),
        page("/gaps", vec!["/gaps".into()]),
        page("/network", vec!["/network".into()]),
        page("/queries (list)", vec!["/queries".into()]),
        page(
            "/queries/agency-workload",
            vec!["/queries/agency-workload".into()],
        ),
        page(
            "/queries/lead-agencies",
            vec!["/queries/lead-agencies".into()],
        ),
        page(
            &format!("/queries/tasks-by-agency?agency={AGENCY}"),
            vec![format!(
                "/queries/tasks-by-agency?agency={}",
                encode(AGENCY)
            )],
        ),
        page("/queries/outline", vec!["/queries/outline".into()]),
    ]
}

// ---------------------------------------------------------------------------------------------
// Checking that both servers answer the same.

/// Sends the query `url` once: its latency and size, and its rows, each as a canonical string
/// (an `xsd:string` datatype dropped), sorted.
fn rows(agent: &ureq::Agent, url: &str) -> (Outcome, Vec<String>) {
    let start = Instant::now();
    let mut body = String::new();
    agent
        .get(url)
        .set("Accept", JSON)
        .call()
        .unwrap_or_else(|e| panic!("{}…: {e}", url.chars().take(100).collect::<String>()))
        .into_reader()
        .read_to_string(&mut body)
        .unwrap();
    let outcome = Ok((start.elapsed(), body.len()));
    let json: serde_json::Value = serde_json::from_str(&body).expect("JSON results");
    let mut rows: Vec<String> = json["results"]["bindings"]
        .as_array()
        .expect("results.bindings")
        .iter()
        .map(|binding| {
            let mut cells: BTreeMap<String, String> = BTreeMap::new();
            for (variable, term) in binding.as_object().unwrap() {
                let datatype = term["datatype"].as_str().unwrap_or("");
                let datatype = if datatype == "http://www.w3.org/2001/XMLSchema#string" {
                    ""
                } else {
                    datatype
                };
                let kind = match term["type"].as_str().unwrap_or("") {
                    "typed-literal" => "literal",
                    other => other,
                };
                cells.insert(
                    variable.clone(),
                    format!(
                        "{kind}|{}|{datatype}|{}",
                        term["value"].as_str().unwrap_or(""),
                        term["xml:lang"].as_str().unwrap_or("")
                    ),
                );
            }
            format!("{cells:?}")
        })
        .collect();
    rows.sort();
    (outcome, rows)
}

// ---------------------------------------------------------------------------------------------

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn command_output(program: &Path, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn run(program: &Path, args: &[String]) -> Duration {
    let start = Instant::now();
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    assert!(
        output.status.success(),
        "{} {:?} failed:\n{}",
        program.display(),
        args.iter().take(8).collect::<Vec<_>>(),
        String::from_utf8_lossy(&output.stderr)
    );
    start.elapsed()
}

/// One row of the summary table: a server's load on a mix, or why it was not loaded.
struct Row {
    plans: u64,
    server: &'static str,
    mix: &'static str,
    load: Result<Load, String>,
}

impl Row {
    fn rate(&self) -> Option<f64> {
        let load = self.load.as_ref().ok()?;
        Some(load.all.latencies.len() as f64 / load.wall.as_secs_f64())
    }
}

/// One row of the per-request table.
struct Detail {
    plans: u64,
    server: &'static str,
    label: String,
    alone: Samples,
    loaded: Samples,
    /// A page's latencies under load in the mix without the named-query pages.
    site_only: Option<Samples>,
}

const PLANGRAPH: &str = "plangraph serve";
const OXIGRAPH_MEMORY: &str = "oxigraph serve (in memory)";
const OXIGRAPH_ROCKSDB: &str = "oxigraph serve-read-only (RocksDB)";

fn main() {
    let plangraph = std::env::var_os("PLANGRAPH_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_plangraph")),
        PathBuf::from,
    );
    let venv = std::env::var_os("PLANGRAPH_VENV").map_or_else(
        || PathBuf::from(std::env::var("HOME").unwrap()).join(".cache/plangraph-venv"),
        PathBuf::from,
    );
    let oxigraph = venv.join("bin/oxigraph");
    assert!(
        oxigraph.exists(),
        "the peer is missing: make {} with `pip install oxigraph==0.5.13` (or set PLANGRAPH_VENV)",
        venv.display()
    );
    assert!(plangraph.exists(), "no {}", plangraph.display());
    let sizes: Vec<u64> = std::env::var("PLANGRAPH_BENCH_N")
        .unwrap_or_else(|_| "1,100,1000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let clients: usize = env_or("PLANGRAPH_BENCH_CLIENTS", 8);
    let seconds: f64 = env_or("PLANGRAPH_BENCH_SECONDS", 10.0);
    let runs: usize = env_or("PLANGRAPH_BENCH_RUNS", 3);
    let rounds: usize = env_or("PLANGRAPH_BENCH_ROUNDS", 3).max(1);
    let pass_limit = Duration::from_secs_f64(env_or("PLANGRAPH_BENCH_PASS_LIMIT_S", 10.0));
    let keep = std::env::var_os("PLANGRAPH_BENCH_KEEP").is_some();

    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown CPU".into());
    let memory_total = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    let nproc = command_output(Path::new("nproc"), &[]);
    let machine = format!(
        "machine: nproc {nproc}, {cpu}, {memory_total:.0} GB RAM; {} ({}); {} (PyPI wheel)\nload: {clients} client threads (a keep-alive ureq agent each) for {seconds} s per server and mix (the SPARQL mix in {rounds} rounds, the servers in turn), on the same cores as the server they load; one server loaded at a time; each request alone: median of {runs} runs on one connection",
        command_output(&plangraph, &["--version"]),
        plangraph.display(),
        command_output(&oxigraph, &["--version"]),
    );
    eprintln!("{machine}");

    let seed = bundled_plan();
    let work = std::env::temp_dir().join("plangraph-bench-serve");
    {
        let work = work.clone();
        ctrlc::set_handler(move || {
            for pid in RUNNING.lock().map(|p| p.clone()).unwrap_or_default() {
                terminate(pid);
            }
            if !keep {
                // The servers may still hold files for a moment.
                std::thread::sleep(Duration::from_millis(300));
                let _ = std::fs::remove_dir_all(&work);
            }
            eprintln!("interrupted: servers stopped");
            std::process::exit(130);
        })
        .expect("signal handler");
    }
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let mix = sparql_mix();

    let mut summary: Vec<Row> = Vec::new();
    let mut details: Vec<Detail> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let began = Instant::now();

    for &n in &sizes {
        // The plans as files, their N-Quads, Oxigraph's store of them.
        let corpus = work.join(format!("corpus-{n}"));
        std::fs::create_dir_all(&corpus).unwrap();
        let mut files = Vec::new();
        let mut bytes = 0;
        if n == 1 {
            let path = corpus.join("2017.txt");
            bytes += seed.text.len();
            std::fs::write(&path, &seed.text).unwrap();
            files.push(path.to_str().unwrap().to_string());
        } else {
            (files, bytes) = processes::write_corpus(&corpus, n);
        }
        // The seed keeps its own IRI (from its title); synthetic plans are named by file.
        let plan_id: Vec<String> = if n == 1 {
            Vec::new()
        } else {
            vec!["--plan-id".into(), "{stem}".into()]
        };
        let nquads = work.join(format!("corpus-{n}.nq"));
        let mut export_args: Vec<String> =
            vec!["export".into(), "-q".into(), "-f".into(), "nquads".into()];
        export_args.extend(plan_id.iter().cloned());
        export_args.extend(["-o".into(), nquads.to_str().unwrap().into()]);
        export_args.extend(files.iter().cloned());
        let export_time = run(&plangraph, &export_args);
        let store = work.join(format!("oxigraph-{n}"));
        let load_time = run(
            &oxigraph,
            &[
                "load".into(),
                "--location".into(),
                store.to_str().unwrap().into(),
                "--file".into(),
                nquads.to_str().unwrap().into(),
            ],
        );

        // The three servers.
        let timeout = QUERY_TIMEOUT_S.to_string();
        let port = free_port();
        let mut serve_args: Vec<String> = vec![
            "serve".into(),
            "--bind".into(),
            format!("127.0.0.1:{port}"),
            "--timeout-s".into(),
            timeout.clone(),
        ];
        serve_args.extend(plan_id.iter().cloned());
        serve_args.extend(files.iter().cloned());
        let (ours, ours_ready) = Server::start(
            PLANGRAPH,
            &plangraph,
            &serve_args,
            format!("http://127.0.0.1:{port}"),
            "/sparql?query=ASK%7B%7D",
            work.join(format!("plangraph-{n}.log")),
        );
        let port = free_port();
        let (in_memory, _) = Server::start(
            OXIGRAPH_MEMORY,
            &oxigraph,
            &[
                "serve".into(),
                "--bind".into(),
                format!("127.0.0.1:{port}"),
                "--union-default-graph".into(),
                "--timeout-s".into(),
                timeout.clone(),
            ],
            format!("http://127.0.0.1:{port}"),
            "/query?query=ASK%7B%7D",
            work.join(format!("oxigraph-memory-{n}.log")),
        );
        let posted = Instant::now();
        let length = std::fs::metadata(&nquads).unwrap().len();
        agent()
            .post(&format!("{}/store", in_memory.url))
            .set("Content-Type", "application/n-quads")
            .set("Content-Length", &length.to_string())
            .send(std::fs::File::open(&nquads).unwrap())
            .expect("Oxigraph's in-memory server takes the N-Quads");
        let posted = posted.elapsed();
        let port = free_port();
        let (rocksdb, _) = Server::start(
            OXIGRAPH_ROCKSDB,
            &oxigraph,
            &[
                "serve-read-only".into(),
                "--location".into(),
                store.to_str().unwrap().into(),
                "--bind".into(),
                format!("127.0.0.1:{port}"),
                "--union-default-graph".into(),
                "--timeout-s".into(),
                timeout,
            ],
            format!("http://127.0.0.1:{port}"),
            "/query?query=ASK%7B%7D",
            work.join(format!("oxigraph-rocksdb-{n}.log")),
        );
        let line = format!(
            "{n} plan(s), {:.2} MB of text, {:.0} MB of N-Quads: `plangraph serve` of the files answers after {:.1} s ({:.0} MB RSS, VmHWM {:.0} MB); Oxigraph: export -f nquads {:.1} s, then POST /store to `oxigraph serve` {:.1} s ({:.0} MB RSS, VmHWM {:.0} MB), `oxigraph load` {:.1} s for `serve-read-only`",
            bytes as f64 / 1e6,
            length as f64 / 1e6,
            ours_ready.as_secs_f64(),
            memory(ours.pid()).0,
            memory(ours.pid()).1,
            export_time.as_secs_f64(),
            posted.as_secs_f64(),
            memory(in_memory.pid()).0,
            memory(in_memory.pid()).1,
            load_time.as_secs_f64(),
        );
        eprintln!("{line}");
        notes.push(line);

        // 1. SPARQL, the same texts on all three. First the data and each query's rows compared
        // (each query's first run, timed: a warm-up, and the figure alone for a server too
        // slow to load in the time given).
        let peers = [
            (&ours, format!("{}/sparql", ours.url)),
            (&in_memory, format!("{}/query", in_memory.url)),
            (&rocksdb, format!("{}/query", rocksdb.url)),
        ];
        let check_agent = agent();
        let mut verdicts = Vec::new();
        for (label, text) in [
            (
                "quads",
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            ),
            (
                "triples in the default graph",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            ),
        ] {
            let counts: Vec<String> = peers
                .iter()
                .map(|(_, endpoint)| {
                    let (_, rows) =
                        rows(&check_agent, &format!("{endpoint}?query={}", encode(text)));
                    rows.first()
                        .and_then(|r| r.split('|').nth(1))
                        .unwrap_or("?")
                        .to_string()
                })
                .collect();
            assert!(
                counts.iter().all(|c| *c == counts[0]),
                "{n} plans, {label}: {PLANGRAPH}, {OXIGRAPH_MEMORY}, {OXIGRAPH_ROCKSDB} count {counts:?}"
            );
            verdicts.push(format!("{} {label}", counts[0]));
        }
        let mut first: Vec<(Vec<Samples>, Duration)> = Vec::new();
        let mut answers: Vec<Vec<Vec<String>>> = Vec::new();
        for (_, endpoint) in &peers {
            let mut samples = Vec::new();
            let mut rows_of = Vec::new();
            let mut pass = Duration::ZERO;
            for (_, text) in &mix {
                let (outcome, rows) =
                    rows(&check_agent, &format!("{endpoint}?query={}", encode(text)));
                pass += outcome.as_ref().map_or(Duration::ZERO, |o| o.0);
                let mut s = Samples::default();
                s.record(outcome);
                samples.push(s);
                rows_of.push(rows);
            }
            first.push((samples, pass));
            answers.push(rows_of);
        }
        for (i, (label, _)) in mix.iter().enumerate() {
            let ours_rows = &answers[0][i];
            for (k, (server, _)) in peers.iter().enumerate().skip(1) {
                assert_eq!(
                    ours_rows.len(),
                    answers[k][i].len(),
                    "{n} plans, {label}: {PLANGRAPH} answers {} rows, {} {}",
                    ours_rows.len(),
                    server.name,
                    answers[k][i].len()
                );
            }
            let same = answers.iter().all(|a| a[i] == *ours_rows);
            verdicts.push(format!(
                "{label} {} rows{}",
                ours_rows.len(),
                if same {
                    ""
                } else {
                    " (same count, rows differ)"
                }
            ));
        }
        let line = format!(
            "{n} plan(s), the same answers from all three servers: {}",
            verdicts.join(", ")
        );
        eprintln!("{line}");
        notes.push(line);

        // Each server alone, then the loads: `rounds` rounds, the servers in turn (each round
        // starting with another), so a drift in the machine falls on all of them alike.
        let requests_of: Vec<Vec<Request>> = peers
            .iter()
            .map(|(_, endpoint)| sparql_requests(endpoint, &mix))
            .collect();
        let loadable: Vec<bool> = first.iter().map(|(_, pass)| *pass <= pass_limit).collect();
        let solos: Vec<Vec<Samples>> = (0..peers.len())
            .map(|k| {
                if loadable[k] {
                    alone(&requests_of[k], runs, false)
                } else {
                    first[k].0.clone()
                }
            })
            .collect();
        let mut rounds_of: Vec<Vec<Load>> = (0..peers.len()).map(|_| Vec::new()).collect();
        for round in 0..rounds {
            for j in 0..peers.len() {
                let k = (j + round) % peers.len();
                if loadable[k] {
                    rounds_of[k].push(load(
                        peers[k].0.pid(),
                        &requests_of[k],
                        clients,
                        seconds / rounds as f64,
                    ));
                }
            }
        }
        for (k, (server, _)) in peers.iter().enumerate() {
            let measured = if loadable[k] {
                Ok(merge(std::mem::take(&mut rounds_of[k])))
            } else {
                Err(format!(
                    "not loaded: one pass of the mix takes {} (limit {} s, PLANGRAPH_BENCH_PASS_LIMIT_S); alone = that one run",
                    ms(first[k].1),
                    pass_limit.as_secs_f64()
                ))
            };
            eprintln!(
                "{n} plan(s), {}, SPARQL: {}",
                server.name,
                match &measured {
                    Ok(l) => format!(
                        "{:.1} requests/s (by round: {}), {} errors",
                        l.all.latencies.len() as f64 / l.wall.as_secs_f64(),
                        rates(&l.rates),
                        l.all.errors
                    ),
                    Err(why) => why.clone(),
                }
            );
            for (i, request) in requests_of[k].iter().enumerate() {
                details.push(Detail {
                    plans: n,
                    server: server.name,
                    label: format!("SPARQL {}", request.label),
                    alone: solos[k][i].clone(),
                    loaded: measured
                        .as_ref()
                        .map(|l| l.per_request[i].clone())
                        .unwrap_or_default(),
                    site_only: None,
                });
            }
            summary.push(Row {
                plans: n,
                server: server.name,
                mix: "SPARQL (same queries)",
                load: measured,
            });
        }
        // The peers are done: their memory is no longer needed.
        drop(rocksdb);
        drop(in_memory);

        // 2. Pages, plangraph alone: all of them, then all but the named-query pages (a query
        // over every plan on the first request, then a table as long as the kept answer), so
        // the other pages' latency under load is their own.
        let requests = pages_requests(&ours.url);
        let solo = alone(&requests, runs, true);
        let measured = load(ours.pid(), &requests, clients, seconds);
        let site: Vec<usize> = (0..requests.len())
            .filter(|&i| !requests[i].label.starts_with("/queries/"))
            .collect();
        let site_requests: Vec<Request> = site.iter().map(|&i| requests[i].clone()).collect();
        let site_measured = load(ours.pid(), &site_requests, clients, seconds);
        for (name, l) in [
            ("pages", &measured),
            ("pages but named queries", &site_measured),
        ] {
            eprintln!(
                "{n} plan(s), {PLANGRAPH}, {name}: {:.1} requests/s, {} errors",
                l.all.latencies.len() as f64 / l.wall.as_secs_f64(),
                l.all.errors
            );
        }
        for (i, (request, s)) in requests.iter().zip(solo).enumerate() {
            details.push(Detail {
                plans: n,
                server: ours.name,
                label: format!("HTML {}", request.label),
                alone: s,
                loaded: measured.per_request[i].clone(),
                site_only: site
                    .iter()
                    .position(|&j| j == i)
                    .map(|k| site_measured.per_request[k].clone()),
            });
        }
        summary.push(Row {
            plans: n,
            server: ours.name,
            mix: "pages (no peer)",
            load: Ok(measured),
        });
        summary.push(Row {
            plans: n,
            server: ours.name,
            mix: "pages but the named-query pages",
            load: Ok(site_measured),
        });
        drop(ours);
        if !keep {
            let _ = std::fs::remove_dir_all(&corpus);
            let _ = std::fs::remove_dir_all(&store);
            let _ = std::fs::remove_file(&nquads);
        }
    }

    report(&Report {
        machine: &machine,
        notes: &notes,
        summary: &summary,
        details: &details,
        sizes: &sizes,
        runs,
        clients,
        began,
    });
    if !keep {
        let _ = std::fs::remove_dir_all(&work);
    }
}

/// What the report prints.
struct Report<'a> {
    machine: &'a str,
    notes: &'a [String],
    summary: &'a [Row],
    details: &'a [Detail],
    sizes: &'a [u64],
    runs: usize,
    clients: usize,
    began: Instant,
}

/// Prints the tables and the figures against the goals.
fn report(r: &Report<'_>) {
    let Report {
        machine,
        notes,
        summary,
        details,
        sizes,
        runs,
        clients,
        began,
    } = *r;
    println!("{machine}");
    println!();
    for line in notes {
        println!("- {line}");
    }
    println!();
    println!("| plans | server | mix | requests | requests/s | p50 | p99 | max | errors | RSS before → after | RSS peak during | VmHWM | cores busy: server / clients / other processes |");
    println!("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for row in summary {
        match &row.load {
            Ok(l) => println!(
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.0} → {:.0} MB | {:.0} MB | {:.0} MB | {:.2} / {:.2} / {:.2} |",
                row.plans,
                row.server,
                row.mix,
                l.all.latencies.len(),
                if l.rates.len() > 1 {
                    format!("{:.1} (by round: {})", row.rate().unwrap_or(0.0), rates(&l.rates))
                } else {
                    format!("{:.1}", row.rate().unwrap_or(0.0))
                },
                ms(l.all.percentile(50.0)),
                ms(l.all.percentile(99.0)),
                ms(l.all.max()),
                l.all.errors,
                l.rss_before,
                l.rss_after,
                l.rss_peak,
                l.hwm,
                l.cores.0,
                l.cores.1,
                l.cores.2,
            ),
            Err(why) => println!(
                "| {} | {} | {} | {why} | | | | | | | | | |",
                row.plans, row.server, row.mix
            ),
        }
    }
    println!();
    println!("Per request: alone = one client, median of {runs} runs after a first one (of that first one where the server was not loaded); under load = the {clients} clients on the whole mix, this request's latencies; first request = a page's first run, before the server kept a named query's answer.");
    println!();
    println!("| plans | server | request | alone p50 | under load: n | p50 | p99 | max | KB per answer | errors | p50 under load without the named-query pages | first request (pages) |");
    println!("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for d in details {
        let kb = if d.loaded.latencies.is_empty() {
            d.alone.kb()
        } else {
            d.loaded.kb()
        };
        if d.loaded.latencies.is_empty() && d.loaded.errors == 0 {
            println!(
                "| {} | {} | {} | {} | — | | | | {kb:.0} | {} | | |",
                d.plans,
                d.server,
                d.label,
                ms(d.alone.percentile(50.0)),
                d.alone.errors,
            );
            continue;
        }
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {kb:.0} | {} | {} | {} |",
            d.plans,
            d.server,
            d.label,
            ms(d.alone.percentile(50.0)),
            d.loaded.latencies.len(),
            ms(d.loaded.percentile(50.0)),
            ms(d.loaded.percentile(99.0)),
            ms(d.loaded.max()),
            d.loaded.errors + d.alone.errors + d.site_only.as_ref().map_or(0, |s| s.errors),
            d.site_only
                .as_ref()
                .map_or_else(String::new, |s| ms(s.percentile(50.0))),
            d.alone.first.map_or_else(String::new, ms),
        );
    }
    let errors: Vec<String> = details
        .iter()
        .filter_map(|d| {
            let e = d
                .loaded
                .first_error
                .as_ref()
                .or(d.alone.first_error.as_ref())?;
            Some(format!("{} plans, {}, {}: {e}", d.plans, d.server, d.label))
        })
        .collect();
    if !errors.is_empty() {
        println!();
        println!("Errors (the first of each request):");
        for e in &errors {
            println!("- {e}");
        }
    }

    println!();
    println!("Comparable: the SPARQL rows of one N with each other (the same query texts on the same quads, the same Oxigraph version, 0.5.13, evaluating them, the same client, one server loaded at a time). Like for like is `oxigraph serve` in memory: `plangraph serve` of plan files also holds an in-memory Oxigraph store; `serve-read-only` reads RocksDB (page cache warm). The pages have no peer. Figures between N are not comparable (different data and, in the pages mix, different pages).");
    println!();
    println!("Issue 14's goals:");
    for &n in sizes.iter().filter(|&&n| n <= 100) {
        let rate = |server: &str| {
            summary
                .iter()
                .find(|r| r.plans == n && r.server == server && r.mix.starts_with("SPARQL"))
                .and_then(Row::rate)
        };
        let by_round = |server: &str| {
            summary
                .iter()
                .find(|r| r.plans == n && r.server == server && r.mix.starts_with("SPARQL"))
                .and_then(|r| r.load.as_ref().ok())
                .map(|l| l.rates.clone())
        };
        let Some(ours) = rate(PLANGRAPH) else {
            continue;
        };
        for peer in [OXIGRAPH_MEMORY, OXIGRAPH_ROCKSDB] {
            match (rate(peer), by_round(PLANGRAPH), by_round(peer)) {
                (Some(theirs), Some(a), Some(b)) => {
                    let ratios: Vec<f64> = a.iter().zip(&b).map(|(x, y)| x / y).collect();
                    let won = ratios.iter().filter(|r| **r >= 1.0).count();
                    println!(
                        "- {n} plan(s), the same SPARQL queries: plangraph {ours:.1} requests/s vs {peer} {theirs:.1}: {:.2}× (by round: {}; ≥ 1 in {won} of {}) — {}",
                        ours / theirs,
                        ratios
                            .iter()
                            .map(|r| format!("{r:.2}×"))
                            .collect::<Vec<_>>()
                            .join(" / "),
                        ratios.len(),
                        if ours >= theirs { "met (≥)" } else { "NOT met" }
                    );
                }
                _ => println!("- {n} plan(s): {peer} not loaded"),
            }
        }
    }
    match sizes.iter().find(|&&n| n == 1000) {
        Some(&n) => {
            let limit = Duration::from_millis(100);
            println!("- 1,000 plans, every page p50 < 100 ms (✗ where not):");
            for d in details
                .iter()
                .filter(|d| d.plans == n && d.label.starts_with("HTML "))
            {
                let mark = |s: &Samples| {
                    if s.latencies.is_empty() {
                        return "— (none finished)".to_string();
                    }
                    let p50 = s.percentile(50.0);
                    format!("{}{}", ms(p50), if p50 >= limit { " ✗" } else { "" })
                };
                println!(
                    "  - {}: {}alone {}; under load {}{}",
                    d.label.trim_start_matches("HTML "),
                    d.alone
                        .first
                        .map_or_else(String::new, |f| format!("first request {}; ", ms(f))),
                    mark(&d.alone),
                    mark(&d.loaded),
                    d.site_only.as_ref().map_or_else(String::new, |s| format!(
                        "; under load without the named-query pages {}",
                        mark(s)
                    )),
                );
            }
        }
        None => println!("- 1,000 plans: not measured (PLANGRAPH_BENCH_N has no 1000)"),
    }
    let all_errors: usize = summary
        .iter()
        .filter_map(|r| r.load.as_ref().ok())
        .map(|l| l.all.errors)
        .sum::<usize>()
        + details.iter().map(|d| d.alone.errors).sum::<usize>();
    println!("- errors (non-2xx or transport) over the whole run: {all_errors}");
    println!(
        "- the whole run took {:.0} s",
        began.elapsed().as_secs_f64()
    );
}
