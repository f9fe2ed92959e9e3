//! `plangraph serve` as HTTP clients see it: the SPARQL 1.1 Protocol (methods, dataset
//! parameters, content negotiation), its refusals (updates, SERVICE, time limit, size, load),
//! named queries, Graph Store reads, IRIs that dereference, the pages, and a clean stop.
//! Each test starts its own server on a free loopback port and stops it by its PID.

use std::io::Write;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_plangraph");
const PLAN: &str =
    "https://w3id.org/plangraph/id/plan/2017年全国打击知识产权和制售假冒伪劣商品工作要点";

/// A running server, stopped (SIGTERM, then kill) when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        Self::start_with(args, |_| Vec::new())
    }

    /// Starts `plangraph serve ARGS --bind 127.0.0.1:PORT`, with more arguments made from the
    /// port (`--base http://127.0.0.1:PORT/id/`).
    fn start_with(args: &[&str], more: impl Fn(u16) -> Vec<String>) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(BIN)
            .arg("serve")
            .args(args)
            .args(more(port))
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while ureq::get(&format!("{}/", server.base)).call().is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the server did not answer within 60 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// SIGTERM: what a service manager sends.
    fn terminate(&mut self) -> std::process::ExitStatus {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        self.child.wait().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status, content type, `Vary`, body.
struct Answer {
    status: u16,
    content_type: String,
    vary: Option<String>,
    body: String,
}

fn answer(result: Result<ureq::Response, ureq::Error>) -> Answer {
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(e) => panic!("transport error: {e}"),
    };
    Answer {
        status: response.status(),
        content_type: response.content_type().to_string(),
        vary: response.header("vary").map(str::to_string),
        body: response.into_string().unwrap(),
    }
}

fn get(url: &str, accept: &str) -> Answer {
    answer(ureq::get(url).set("Accept", accept).call())
}

fn get_query(server: &Server, query: &str, accept: &str) -> Answer {
    answer(
        ureq::get(&server.url("/sparql"))
            .query("query", query)
            .set("Accept", accept)
            .call(),
    )
}

const COUNT_TASKS: &str =
    "SELECT (COUNT(?t) AS ?n) WHERE { ?t a <https://w3id.org/plangraph#Task> }";
const JSON: &str = "application/sparql-results+json";

fn plangraph(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_protocol_by_get_form_and_direct_post_gives_the_same_answer() {
    let server = Server::start(&[]);
    let by_get = get_query(&server, COUNT_TASKS, JSON);
    assert_eq!(by_get.status, 200);
    assert_eq!(by_get.content_type, JSON);
    assert!(by_get.body.contains("\"31\""), "{}", by_get.body);
    let by_form = answer(
        ureq::post(&server.url("/sparql"))
            .set("Accept", JSON)
            .send_form(&[("query", COUNT_TASKS)]),
    );
    let direct = answer(
        ureq::post(&server.url("/sparql"))
            .set("Accept", JSON)
            .set("Content-Type", "application/sparql-query")
            .send_string(COUNT_TASKS),
    );
    assert_eq!(by_form.body, by_get.body);
    assert_eq!(direct.body, by_get.body);
    // The same answer as `plangraph query` on the same plan.
    let cli = plangraph(&["query", "-e", COUNT_TASKS, "-f", "json"]);
    assert_eq!(by_get.body, cli);
    // Oxigraph's path too.
    assert_eq!(
        get(
            &format!("{}?query=%20ASK%7B%7D", server.url("/query")),
            JSON
        )
        .status,
        200
    );
}

#[test]
fn results_come_in_the_format_asked_for_or_406() {
    let server = Server::start(&[]);
    let csv = get_query(&server, COUNT_TASKS, "text/csv");
    assert_eq!((csv.status, csv.content_type.as_str()), (200, "text/csv"));
    assert_eq!(csv.body, "n\r\n31\r\n");
    let tsv = get_query(&server, COUNT_TASKS, "text/tab-separated-values");
    assert!(tsv.body.starts_with("?n\n"), "{}", tsv.body);
    let xml = get_query(&server, COUNT_TASKS, "application/sparql-results+xml");
    assert!(xml
        .body
        .contains("<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">31</literal>"));
    let q = get_query(
        &server,
        COUNT_TASKS,
        "text/csv;q=0.5, application/sparql-results+xml",
    );
    assert_eq!(q.content_type, "application/sparql-results+xml");
    assert_eq!(get_query(&server, COUNT_TASKS, "image/png").status, 406);

    let construct = format!("CONSTRUCT {{ <{PLAN}> ?p ?o }} WHERE {{ <{PLAN}> ?p ?o }}");
    let turtle = get_query(&server, &construct, "*/*");
    assert_eq!(turtle.content_type, "text/turtle");
    assert!(turtle
        .body
        .contains("2017年全国打击知识产权和制售假冒伪劣商品工作要点\"@zh"));
    let jsonld = get_query(&server, &construct, "application/ld+json");
    assert_eq!(jsonld.content_type, "application/ld+json");
    assert!(serde_json::from_str::<serde_json::Value>(&jsonld.body).is_ok());
    assert_eq!(get_query(&server, &construct, JSON).status, 406);
}

#[test]
fn dataset_parameters_choose_the_graphs() {
    let server = Server::start(&[]);
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let all = get_query(&server, count, "text/csv");
    assert_eq!(
        all.body, "n\r\n3472\r\n",
        "the union of the graphs by default"
    );
    let reference = answer(
        ureq::get(&server.url("/sparql"))
            .query("query", count)
            .query(
                "default-graph-uri",
                "https://w3id.org/plangraph/id/reference",
            )
            .set("Accept", "text/csv")
            .call(),
    );
    assert_eq!(reference.body, "n\r\n606\r\n");
    let named = answer(
        ureq::get(&server.url("/sparql"))
            .query(
                "query",
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            )
            .query("named-graph-uri", PLAN)
            .set("Accept", "text/csv")
            .call(),
    );
    assert_eq!(named.body, format!("g\r\n{PLAN}\r\n"));
}

#[test]
fn it_is_read_only_and_makes_no_outbound_request() {
    let server = Server::start(&[]);
    let update = answer(
        ureq::post(&server.url("/sparql")).send_form(&[("update", "DELETE WHERE { ?s ?p ?o }")]),
    );
    assert_eq!(update.status, 403);
    assert!(update.body.contains("read-only"), "{}", update.body);
    let direct = answer(
        ureq::post(&server.url("/sparql"))
            .set("Content-Type", "application/sparql-update")
            .send_string("CLEAR ALL"),
    );
    assert_eq!(direct.status, 403);
    // An update sent as a query is refused too, and nothing changed.
    assert_eq!(get_query(&server, "CLEAR ALL", JSON).status, 403);
    assert_eq!(
        get_query(&server, COUNT_TASKS, "text/csv").body,
        "n\r\n31\r\n"
    );
    let put = answer(ureq::put(&server.url("/store?default")).send_string("<a:b> <a:c> <a:d> ."));
    assert_eq!(put.status, 405);

    // A SERVICE to a server that is listening: it must never be asked.
    let decoy = TcpListener::bind("127.0.0.1:0").unwrap();
    decoy.set_nonblocking(true).unwrap();
    let service = format!(
        "SELECT * WHERE {{ SERVICE <http://{}/sparql> {{ ?s ?p ?o }} }}",
        decoy.local_addr().unwrap()
    );
    let refused = get_query(&server, &service, JSON);
    assert_eq!(refused.status, 403);
    assert!(
        refused.body.contains("no outbound requests"),
        "{}",
        refused.body
    );
    assert!(
        decoy.accept().is_err(),
        "the server connected to the SERVICE"
    );
}

/// A query that would run for hours: three copies of every triple joined.
const ENDLESS: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

#[test]
fn a_query_past_the_time_limit_is_stopped_and_the_server_goes_on() {
    let server = Server::start(&["--timeout-s", "1"]);
    let started = Instant::now();
    let stopped = get_query(&server, ENDLESS, JSON);
    assert_eq!(stopped.status, 503, "{}", stopped.body);
    assert!(stopped.body.contains("time limit"), "{}", stopped.body);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(
        get_query(&server, COUNT_TASKS, "text/csv").body,
        "n\r\n31\r\n"
    );
}

#[test]
fn queries_past_the_cap_are_turned_away_at_once() {
    let server = Server::start(&["--timeout-s", "3", "--max-queries", "1"]);
    let url = server.url("/sparql");
    let slow =
        std::thread::spawn(move || answer(ureq::get(&url).query("query", ENDLESS).call()).status);
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    let turned_away = get_query(&server, COUNT_TASKS, JSON);
    assert_eq!(turned_away.status, 503, "{}", turned_away.body);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(
        slow.join().unwrap(),
        503,
        "the slow query hit its time limit"
    );
    assert_eq!(get_query(&server, COUNT_TASKS, "text/csv").status, 200);
}

#[test]
fn a_request_over_the_size_limit_is_refused() {
    let server = Server::start(&["--max-request-kb", "1"]);
    let padded = format!("{COUNT_TASKS} # {}", "x".repeat(2000));
    let refused = answer(
        ureq::post(&server.url("/sparql"))
            .set("Content-Type", "application/sparql-query")
            .send_string(&padded),
    );
    assert_eq!(refused.status, 413);
    let small = answer(
        ureq::post(&server.url("/sparql"))
            .set("Content-Type", "application/sparql-query")
            .set("Accept", "text/csv")
            .send_string(COUNT_TASKS),
    );
    assert_eq!(small.body, "n\r\n31\r\n");
}

#[test]
fn named_queries_bind_parameters_as_the_command_line_does() {
    let server = Server::start(&[]);
    let served = answer(
        ureq::get(&server.url("/queries/tasks-by-agency"))
            .query("agency", "工商总局")
            .set("Accept", JSON)
            .call(),
    );
    assert_eq!(served.status, 200);
    let cli = plangraph(&[
        "query",
        "--named",
        "tasks-by-agency",
        "--param",
        "agency=工商总局",
        "-f",
        "json",
    ]);
    assert_eq!(served.body, cli);
    assert!(served.body.matches("\"task\"").count() > 10);
    // A value is bound, never spliced: quotes and braces stay inside the literal.
    let hostile = answer(
        ureq::get(&server.url("/queries/tasks-by-agency"))
            .query("agency", "x\" } ?s ?p ?o { \"")
            .set("Accept", "text/csv")
            .call(),
    );
    assert_eq!(hostile.status, 200);
    assert_eq!(hostile.body.lines().count(), 1, "no rows: {}", hostile.body);
    let csv = get(
        &server.url("/queries/agency-workload?format=csv"),
        "text/html",
    );
    assert_eq!(csv.content_type, "text/csv");
    assert_eq!(
        get(&server.url("/queries/outline?nope=1"), JSON).status,
        400
    );
    assert_eq!(get(&server.url("/queries/no-such-query"), JSON).status, 404);
    // A browser gets a page with a form, the table and the download links.
    let page = get(
        &server.url("/queries/tasks-by-agency?agency=%E5%B7%A5%E5%95%86%E6%80%BB%E5%B1%80"),
        "text/html",
    );
    assert!(page.body.contains("<form") && page.body.contains("class=\"results\""));
    assert!(page.body.contains("format=csv"));
}

#[test]
fn graph_store_reads() {
    let server = Server::start(&[]);
    let plan = answer(
        ureq::get(&server.url("/store"))
            .query("graph", PLAN)
            .set("Accept", "application/n-triples")
            .call(),
    );
    assert_eq!(plan.status, 200);
    assert_eq!(
        plan.body.lines().count(),
        2866,
        "the plan's graph, every triple once"
    );
    let default = get(&server.url("/store?default"), "application/n-triples");
    assert_eq!(default.body.lines().count(), 3472);
    let everything = get(&server.url("/store"), "application/n-quads");
    assert_eq!(everything.body.lines().count(), 3472);
    let missing = answer(
        ureq::get(&server.url("/store"))
            .query("graph", "http://example.org/none")
            .call(),
    );
    assert_eq!(missing.status, 404);
}

#[test]
fn iris_under_the_base_dereference_to_pages_and_rdf() {
    let server = Server::start_with(&[], |port| {
        vec!["--base".into(), format!("http://127.0.0.1:{port}/id/")]
    });
    let saic = server.url("/id/agency/saic");
    let turtle = get(&saic, "text/turtle");
    assert_eq!(turtle.status, 200);
    assert_eq!(turtle.content_type, "text/turtle");
    assert_eq!(turtle.vary.as_deref(), Some("Accept"));
    assert!(
        turtle.body.contains("国家工商行政管理总局"),
        "{}",
        turtle.body
    );
    let ntriples = get(&saic, "application/n-triples");
    assert!(ntriples
        .body
        .lines()
        .all(|l| l.starts_with(&format!("<{saic}> "))));
    let html = get(&saic, "text/html,application/xhtml+xml,*/*;q=0.8");
    assert_eq!(html.content_type, "text/html");
    assert!(
        html.body
            .contains("<h1>国家工商行政管理总局 — plangraph</h1>")
            || html.body.contains("<h1>国家工商行政管理总局</h1>")
    );
    assert!(html.body.contains("Roles across the plans"));
    assert!(
        html.body.contains("国家市场监督管理总局"),
        "its successor is named"
    );
    assert_eq!(
        get(&server.url("/id/agency/no-such"), "text/turtle").status,
        404
    );
    // An export made with the same base links straight into the server.
    let export = plangraph(&[
        "export",
        "-f",
        "ntriples",
        "--base",
        &format!("{}/id/", server.base),
    ]);
    assert!(export.contains(&format!("<{saic}>")));
}

#[test]
fn the_plan_page_marks_every_slot_in_the_text() {
    let server = Server::start(&[]);
    let index = get(&server.url("/"), "text/html");
    let path = "/plangraph/id/plan/2017年全国打击知识产权和制售假冒伪劣商品工作要点";
    assert!(
        index.body.contains(&format!("href=\"{path}\"")),
        "the index links the plan"
    );
    let url = server.url(&path.replace("2017年全国打击知识产权和制售假冒伪劣商品工作要点", "2017%E5%B9%B4%E5%85%A8%E5%9B%BD%E6%89%93%E5%87%BB%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83%E5%92%8C%E5%88%B6%E5%94%AE%E5%81%87%E5%86%92%E4%BC%AA%E5%8A%A3%E5%95%86%E5%93%81%E5%B7%A5%E4%BD%9C%E8%A6%81%E7%82%B9"));
    let page = get(&url, "text/html");
    assert_eq!(page.status, 200);
    let text = page.body.split("<div class=\"text\"").nth(1).unwrap();
    let text = text.split("</div>").next().unwrap();
    assert_eq!(text.matches("data-role=\"lead\"").count(), 25);
    // The seed prints no 配合 / 参与 / 协办 / 协同 / 协助: every slot not led is responsible.
    assert_eq!(text.matches("data-role=\"responsible\"").count(), 175);
    assert_eq!(text.matches("data-role=\"supporting\"").count(), 0);
    assert_eq!(text.matches("data-resolution=\"EmptySlot\"").count(), 14);
    assert_eq!(text.matches("data-resolution=\"Ambiguous\"").count(), 3);
    assert_eq!(text.matches("data-resolution=\"Truncated\"").count(), 13);
    assert_eq!(text.matches("class=\"task-start\"").count(), 31);
    assert_eq!(text.matches("class=\"candidates\"").count(), 3);
    // A slot links to its agency's page, on this server.
    assert!(text.contains("href=\"/plangraph/id/agency/miit\""));
    for path in [
        "/gaps",
        "/network",
        "/queries",
        "/sparql",
        "/network.svg",
        "/workload.svg",
    ] {
        assert_eq!(get(&server.url(path), "text/html").status, 200, "{path}");
    }
    let gaps = get(&server.url("/gaps"), "text/html");
    assert_eq!(
        gaps.body.matches("<tr class=\"gap\"").count(),
        14 + 3 + 13 + 2
    );
}

#[test]
fn text_from_a_document_is_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("xss.txt");
    std::fs::File::create(&plan)
        .unwrap()
        .write_all(
            "2020年<script>alert(\"x\")</script>'工作要点'\n一、加强执法\n1.开展<script>alert(1)</script>专项行动（工商总局牵头，<b onmouseover=\"alert(2)\">局负责）\n"
                .as_bytes(),
        )
        .unwrap();
    let server = Server::start(&[plan.to_str().unwrap()]);
    let index = get(&server.url("/"), "text/html");
    let plan_href = index
        .body
        .split("<table class=\"plans\">")
        .nth(1)
        .and_then(|t| t.split("href=\"").nth(1))
        .and_then(|t| t.split('"').next())
        .unwrap()
        .to_string();
    for body in [
        index.body.clone(),
        get(&server.url(&plan_href.replace("&amp;", "&")), "text/html").body,
    ] {
        assert!(!body.contains("<script>"), "{body}");
        assert!(!body.contains("<b onmouseover"), "{body}");
    }
    let page = get(&server.url(&plan_href.replace("&amp;", "&")), "text/html");
    assert!(
        page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        page.body
    );
}

#[test]
fn plot_writes_svg() {
    let dir = tempfile::tempdir().unwrap();
    let network = dir.path().join("network.svg");
    plangraph(&["plot", "network", "-o", network.to_str().unwrap()]);
    let svg = std::fs::read_to_string(&network).unwrap();
    let agencies = plangraph(&[
        "query",
        "-e",
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?slot <https://w3id.org/plangraph#agency> ?a }",
        "-f",
        "csv",
    ]);
    let agencies: usize = agencies.lines().nth(1).unwrap().trim().parse().unwrap();
    assert_eq!(svg.matches("class=\"agency-node\"").count(), agencies);
    let workload = plangraph(&["plot", "workload"]);
    assert!(workload.starts_with("<svg") || workload.starts_with("<?xml"));
    assert_eq!(workload.matches("class=\"workload-row\"").count(), agencies);
}

#[test]
fn bad_input_and_a_taken_port_are_told_plainly() {
    let out = Command::new(BIN)
        .args(["serve", "no-such-plan.txt"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-plan.txt"));
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let out = Command::new(BIN)
        .args(["serve", "--bind", &taken.local_addr().unwrap().to_string()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("cannot listen"), "{message}");
    assert!(Path::new(BIN).exists());
}

#[test]
fn sigterm_stops_it_cleanly() {
    let mut server = Server::start(&[]);
    let status = server.terminate();
    assert!(status.success(), "{status:?}");
    let mut stderr = String::new();
    std::io::Read::read_to_string(server.child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert!(
        stderr.contains("serving 1 plan(s)") && stderr.contains("stopped"),
        "{stderr}"
    );
}

/// A store made by `load` is served the same way; it holds offsets but not texts, so the plan
/// page lists the slots without the text. While served, the store is not opened by another
/// command.
#[cfg(feature = "rocksdb")]
#[test]
fn a_store_made_by_load_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let store = store.to_str().unwrap();
    plangraph(&["load", "--store", store, "-q"]);
    let server = Server::start(&["--store", store]);
    assert_eq!(
        get_query(&server, COUNT_TASKS, "text/csv").body,
        "n\r\n31\r\n"
    );
    let page = get(
        &server.url("/plangraph/id/plan/2017%E5%B9%B4%E5%85%A8%E5%9B%BD%E6%89%93%E5%87%BB%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83%E5%92%8C%E5%88%B6%E5%94%AE%E5%81%87%E5%86%92%E4%BC%AA%E5%8A%A3%E5%95%86%E5%93%81%E5%B7%A5%E4%BD%9C%E8%A6%81%E7%82%B9"),
        "text/html",
    );
    assert_eq!(page.status, 200);
    assert!(page.body.contains("served from a store"));
    assert_eq!(page.body.matches("<tr id=\"row-").count(), 200);
    let refused = Command::new(BIN)
        .args(["query", "--store", store, "-e", "ASK {}"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("serve"));
}

#[test]
fn cors_is_sent_only_when_asked() {
    let plain = Server::start(&[]);
    let response = ureq::get(&plain.url("/sparql"))
        .query("query", COUNT_TASKS)
        .call()
        .unwrap();
    assert_eq!(response.header("access-control-allow-origin"), None);
    let open = Server::start(&["--cors"]);
    let response = ureq::get(&open.url("/sparql"))
        .query("query", COUNT_TASKS)
        .call()
        .unwrap();
    assert_eq!(response.header("access-control-allow-origin"), Some("*"));
    let preflight = ureq::request("OPTIONS", &open.url("/sparql"))
        .call()
        .unwrap();
    assert_eq!(preflight.status(), 204);
    // GET and POST are CORS-safelisted methods: a preflight needs only the headers.
    assert!(preflight
        .header("access-control-allow-headers")
        .is_some_and(|h| h.contains("Content-Type")));
}

#[test]
fn the_plan_page_shows_each_assignment_s_deadline_beside_its_slots() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/layouts/pipes-2022.txt"
    );
    let server = Server::start(&[fixture]);
    let index = get(&server.url("/"), "text/html");
    let href = index
        .body
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap_or_default())
        .find(|h| h.contains("/id/plan/"))
        .expect("the index links the plan")
        .to_string();
    let page = get(&server.url(&href), "text/html");
    assert_eq!(page.status, 200);
    let table = page.body.split("<table class=\"slots\">").nth(1).unwrap();
    assert!(table.contains("<th scope=\"col\">due</th>"));
    // Task 1's three slots share its deadline, dated; task 2's has no year.
    assert_eq!(
        table
            .matches("<td>2022年10月底前 (2022-10-31)</td>")
            .count(),
        3
    );
    assert_eq!(table.matches("<td>长期坚持</td>").count(), 2);
    let text = page.body.split("<div class=\"text\"").nth(1).unwrap();
    assert!(text.contains(", due 2022年10月底前 (2022-10-31)"));
}
