//! Real SPARQL stores started on 127.0.0.1 for tests and benchmarks, stopped by their PID when
//! dropped: Oxigraph server (the PyPI package `oxigraph` ships its binary; no authentication)
//! and Virtuoso Open Source from Debian (its own instance in a temporary folder, a writer and a
//! read-only user, HTTP Digest as Virtuoso asks by default). `PLANGRAPH_OXIGRAPH_SERVER` and
//! `PLANGRAPH_VIRTUOSO` name their binaries (`.ci/run` installs both).
#![allow(dead_code)] // each user of this module uses part of it

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Which store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Oxigraph,
    Virtuoso,
}

/// The Virtuoso users the tests make: one granted SPARQL_UPDATE, one not.
pub const WRITER: (&str, &str) = ("pgwriter", "writer-secret");
pub const READER: (&str, &str) = ("pgreader", "reader-secret");

/// A running store, stopped when dropped.
pub struct Server {
    /// Which store.
    pub kind: Kind,
    child: Child,
    port: u16,
    sql_port: u16,
    /// The folder holding its database.
    pub dir: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    pub fn start(kind: Kind) -> Server {
        Server::start_in(kind, tempfile::tempdir().unwrap())
    }

    /// Starts a `kind` server on the database in `dir` (a store `oxigraph load` made there).
    pub fn start_in(kind: Kind, dir: tempfile::TempDir) -> Server {
        let (port, sql_port) = (free_port(), free_port());
        let child = spawn(kind, dir.path(), port, sql_port);
        let server = Server {
            kind,
            child,
            port,
            sql_port,
            dir,
        };
        server.wait_until_it_answers();
        if kind == Kind::Virtuoso {
            server.make_users();
        }
        server
    }

    /// Kills the server (SIGKILL) and starts it again on the same data.
    pub fn restart(&mut self) {
        self.kill();
        self.child = spawn(self.kind, self.dir.path(), self.port, self.sql_port);
        self.wait_until_it_answers();
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Waits until a SPARQL query over HTTP gets a 200.
    pub fn wait_until_it_answers(&self) {
        let started = Instant::now();
        let path = match self.kind {
            Kind::Oxigraph => "/query?query=ASK%7B%7D",
            Kind::Virtuoso => "/sparql?query=ASK%7B%7D",
        };
        loop {
            if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let request = format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
                let mut answer = String::new();
                if stream.write_all(request.as_bytes()).is_ok()
                    && stream.read_to_string(&mut answer).is_ok()
                    && answer.starts_with("HTTP/1.1 200")
                {
                    return;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the {:?} server never answered",
                self.kind
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// A writer granted SPARQL_UPDATE and a reader that is not.
    fn make_users(&self) {
        self.sql(&format!(
            "DB.DBA.USER_CREATE('{}','{}'); GRANT SPARQL_UPDATE TO \"{}\"; DB.DBA.USER_CREATE('{}','{}');",
            WRITER.0, WRITER.1, WRITER.0, READER.0, READER.1
        ));
    }

    /// Runs SQL statements as `dba` through Virtuoso's SQL client, failing loudly if one fails;
    /// returns what the client printed.
    pub fn sql(&self, statements: &str) -> String {
        let output = self.sql_command(statements).output().unwrap();
        let text = String::from_utf8_lossy(&output.stdout).to_string()
            + &String::from_utf8_lossy(&output.stderr);
        // isql-vt exits 0 even when a statement fails.
        assert!(
            output.status.success() && !text.contains("*** Error"),
            "{text}"
        );
        text
    }

    /// The command running SQL statements as `dba` through Virtuoso's SQL client, `isql-vt`,
    /// as a user would.
    pub fn sql_command(&self, statements: &str) -> Command {
        let mut command = Command::new(isql());
        command
            .arg(format!("127.0.0.1:{}", self.sql_port))
            .args(["dba", "dba"])
            .arg(format!("exec={statements}"));
        command
    }

    /// The Graph Store Protocol endpoint that takes writes.
    pub fn store(&self) -> String {
        match self.kind {
            Kind::Oxigraph => format!("http://127.0.0.1:{}/store", self.port),
            Kind::Virtuoso => format!("http://127.0.0.1:{}/sparql-graph-crud-auth", self.port),
        }
    }

    /// The SPARQL query endpoint.
    pub fn endpoint(&self) -> String {
        match self.kind {
            Kind::Oxigraph => format!("http://127.0.0.1:{}/query", self.port),
            Kind::Virtuoso => format!("http://127.0.0.1:{}/sparql", self.port),
        }
    }

    /// `push` arguments and environment as the writer.
    pub fn push(&self, files: &[String], user: Option<(&str, &str)>) -> Output {
        let store = self.store();
        let mut args: Vec<&str> = vec!["push", "-q", "--to", &store];
        args.extend(files.iter().map(String::as_str));
        let mut command = Command::new(env!("CARGO_BIN_EXE_plangraph"));
        command.args(&args).stdin(Stdio::null());
        if let Some((name, password)) = user {
            command
                .args(["--user", name])
                .env("PLANGRAPH_PASSWORD", password);
        }
        command.output().unwrap()
    }

    /// The writer, where the store has users.
    pub fn writer(&self) -> Option<(&'static str, &'static str)> {
        (self.kind == Kind::Virtuoso).then_some(WRITER)
    }
}

fn spawn(kind: Kind, dir: &Path, port: u16, sql_port: u16) -> Child {
    match kind {
        Kind::Oxigraph => Command::new(tool("PLANGRAPH_OXIGRAPH_SERVER"))
            .args(["serve", "--union-default-graph", "--location"])
            .arg(dir)
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
        Kind::Virtuoso => {
            // Debian's configuration with the database in `dir`, both ports on loopback, and
            // results and Graph Store reads not cut at 10,000 rows.
            let ini = std::fs::read_to_string("/etc/virtuoso-opensource-7/virtuoso.ini")
                .expect("Debian's virtuoso-opensource package installs its virtuoso.ini");
            let data = dir.display().to_string();
            let ini: String = ini
                .lines()
                .map(|line| {
                    let key = line.split('=').next().unwrap_or("").trim();
                    match key {
                        "ServerPort" if line.contains("1111") => {
                            format!("ServerPort = 127.0.0.1:{sql_port}")
                        }
                        "ServerPort" if line.contains("8890") => {
                            format!("ServerPort = 127.0.0.1:{port}")
                        }
                        "DirsAllowed" => format!("DirsAllowed = ., {data}"),
                        "ResultSetMaxRows" => "ResultSetMaxRows = 1000000".to_string(),
                        _ => line.replace("/var/lib/virtuoso-opensource-7/db", &data),
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            let config = dir.join("virtuoso.ini");
            std::fs::write(&config, ini).unwrap();
            Command::new(tool("PLANGRAPH_VIRTUOSO"))
                .args(["+foreground", "+configfile"])
                .arg(&config)
                .current_dir(dir)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        }
    }
}

fn tool(variable: &str) -> String {
    std::env::var(variable)
        .unwrap_or_else(|_| panic!("{variable} names the server's binary (see .ci/run)"))
}

/// Virtuoso's SQL client, beside its server.
fn isql() -> PathBuf {
    Path::new(&tool("PLANGRAPH_VIRTUOSO")).with_file_name("isql-vt")
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}
