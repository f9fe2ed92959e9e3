//! `push` and `query --endpoint` against a real store: Oxigraph server (the PyPI package
//! `oxigraph` ships its binary), started on 127.0.0.1 by the test and stopped by its PID.
//!
//! The server is a tool from outside: `.ci/run` installs it and runs these tests with
//! `PLANGRAPH_OXIGRAPH_SERVER=/path/to/oxigraph cargo test --test remote -- --ignored`; plain
//! `cargo test` lists them as ignored.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A running Oxigraph server, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        let binary = std::env::var("PLANGRAPH_OXIGRAPH_SERVER")
            .expect("PLANGRAPH_OXIGRAPH_SERVER names the oxigraph server binary (see .ci/run)");
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        let child = Command::new(binary)
            .args(["serve", "--union-default-graph", "--location"])
            .arg(dir.path())
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Server {
            child,
            port,
            _dir: dir,
        };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the server never answered"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn plangraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plangraph"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn ok(args: &[&str]) -> String {
    let output = plangraph(args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn fixtures() -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| p.to_str().unwrap().to_string())
        .collect()
}

/// The rows of a CSV answer, sorted, and within a cell the items of a 、-list sorted: stores may
/// order ties, and GROUP_CONCAT's items, differently.
fn rows(csv: &str) -> Vec<String> {
    let mut lines: Vec<String> = csv
        .lines()
        .map(|line| {
            line.split(',')
                .map(|cell| {
                    let mut items: Vec<&str> = cell.split('、').collect();
                    items.sort();
                    items.join("、")
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    lines.sort();
    lines
}

#[test]
#[ignore = "needs the Oxigraph server: run by .ci/run with PLANGRAPH_OXIGRAPH_SERVER"]
fn push_then_every_named_query_answers_as_locally() {
    let server = Server::start();
    let store = server.url("store");
    let endpoint = server.url("query");
    let files = fixtures();
    let mut push: Vec<&str> = vec!["push", "-q", "--to", &store];
    push.extend(files.iter().map(String::as_str));

    let dry = ok(&[push.as_slice(), &["--dry-run"]].concat());
    assert!(
        dry.lines()
            .all(|l| l.starts_with("PUT ") && l.ends_with("triples)")),
        "{dry}"
    );
    let graphs = dry.lines().count();
    assert_eq!(
        graphs,
        files.len() + 1,
        "one PUT per plan and the reference graph"
    );

    ok(&push);
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let first = ok(&[
        "query",
        "--endpoint",
        &endpoint,
        "--query",
        count,
        "-f",
        "csv",
    ]);
    ok(&push);
    let second = ok(&[
        "query",
        "--endpoint",
        &endpoint,
        "--query",
        count,
        "-f",
        "csv",
    ]);
    assert_eq!(first, second, "a second push replaces, never duplicates");
    let local_export = ok(&[
        ["export", "-f", "nquads"].as_slice(),
        &files.iter().map(String::as_str).collect::<Vec<_>>(),
    ]
    .concat());
    assert_eq!(
        first.lines().nth(1).unwrap(),
        local_export.lines().count().to_string(),
        "the store holds every quad of the export"
    );

    let listing = ok(&["queries"]);
    let names: Vec<&str> = listing
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.len() >= 10);
    for name in names {
        let mut remote = vec![
            "query",
            "--endpoint",
            &endpoint,
            "--named",
            name,
            "-f",
            "csv",
        ];
        let mut local: Vec<&str> = vec!["query", "--named", name, "-f", "csv"];
        local.extend(files.iter().map(String::as_str));
        if name == "tasks-by-agency" || name == "successors" {
            remote.extend(["--param", "agency=商务部"]);
            local.extend(["--param", "agency=商务部"]);
        }
        assert_eq!(rows(&ok(&remote)), rows(&ok(&local)), "{name}");
    }
}

#[test]
#[ignore = "needs the Oxigraph server: run by .ci/run with PLANGRAPH_OXIGRAPH_SERVER"]
fn a_store_that_is_gone_gets_a_clear_error() {
    let server = Server::start();
    let store = server.url("store");
    drop(server);
    let output = plangraph(&["push", "-q", "--to", &store]);
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains(&store) && message.contains("no answer"),
        "{message}"
    );
}
