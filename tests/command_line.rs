//! The command line as RDF users expect it (issue 12): output that never damages what is there,
//! no silent loss, no silent wrong answer, and the conventions of Oxigraph's and Jena's tools.
//! Each test failed on the command as it was.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs the command with `stdin` piped in, or with no standard input (`/dev/null`) for `None`.
fn plangraph(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plangraph"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

const PLAN: &str = "（一）加强商标行政执法。加大对驰名商标的保护力度。（工商总局牵头负责，公安部、海关总署按职责分工负责）\n（二）加强版权工作。开展专项检查。（国家版权局负责）\n";

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn dev_stdout_is_written_not_replaced_and_new_files_follow_the_umask() {
    let output = plangraph(&["parse", "-o", "/dev/stdout"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("2017年"),
        "printed through /dev/stdout"
    );
    assert!(
        !std::fs::symlink_metadata("/dev/stdout").unwrap().is_file(),
        "/dev/stdout is still not a regular file"
    );

    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.ttl");
    let output = plangraph(&["export", "-o", path(&new)], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
    assert_ne!(mode, 0o600, "a new file is made with the umask, not 0600");
    assert_eq!(mode & 0o044, 0o044 & !umask(), "{mode:o}");
}

/// The process's umask, as /proc reports it.
fn umask() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line.split_whitespace().nth(1).unwrap(), 8).unwrap()
}

#[test]
fn two_inputs_that_would_make_one_plan_are_refused_and_a_template_names_each() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("content.txt"), PLAN).unwrap();
    }
    let a = dir.path().join("a/content.txt");
    let b = dir.path().join("b/content.txt");
    let output = plangraph(&["export", "-f", "nquads", path(&a), path(&b)], None);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(path(&a)) && message.contains(path(&b)),
        "{message}"
    );
    assert!(message.contains("--plan-id"), "{message}");

    let output = plangraph(
        &[
            "export",
            "-f",
            "nquads",
            "--plan-id",
            "{dir}-{stem}",
            path(&a),
            path(&b),
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let nquads = stdout(&output);
    assert!(nquads.contains("/plan/a-content>") && nquads.contains("/plan/b-content>"));
}

#[test]
fn query_on_a_store_that_is_not_there_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nosuchdir");
    let output = plangraph(
        &[
            "query",
            "--store",
            path(&missing),
            "--named",
            "lead-agencies",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no store here"),
        "{}",
        stderr(&output)
    );
    assert!(!missing.exists(), "nothing created");
}

#[test]
fn named_queries_declare_and_need_their_parameters() {
    let output = plangraph(&["queries"], None);
    assert!(stdout(&output).contains("--param agency=工商总局"));

    let output = plangraph(&["query", "--named", "tasks-by-agency"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("needs --param agency=工商总局"),
        "{}",
        stderr(&output)
    );

    let output = plangraph(
        &[
            "query",
            "--named",
            "tasks-by-agency",
            "--param",
            "agency=工商总",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("no agency of that name"), "{message}");
    assert!(message.contains("closest: 工商总局"), "{message}");

    let output = plangraph(&["query", "--named", "lead-agencie"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("did you mean \"lead-agencies\""));
}

#[test]
fn piped_standard_input_is_the_plan() {
    let output = plangraph(&["parse", "--format", "json"], Some(PLAN.as_bytes()));
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["tasks"].as_array().unwrap().len(), 2);
    assert_eq!(json["source"]["name"], "<stdin>");
}

#[test]
fn output_formats_follow_the_extension_and_refuse_unknown_ones() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("res.json");
    let output = plangraph(
        &["query", "--named", "lead-agencies", "-o", path(&json)],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let results: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert!(results["results"]["bindings"].as_array().unwrap().len() > 10);

    let outline = dir.path().join("out.json");
    let output = plangraph(&["parse", "-o", path(&outline)], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&outline).unwrap()).unwrap();
    assert_eq!(model["tasks"].as_array().unwrap().len(), 31);

    for args in [
        vec!["query", "--named", "lead-agencies", "-o"],
        vec!["parse", "-o"],
    ] {
        let odd = dir.path().join("res.docx");
        let mut args = args.clone();
        args.push(path(&odd));
        let output = plangraph(&args, None);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("extension"), "{args:?}");
        assert!(!odd.exists());
    }
}

#[test]
fn the_year_comes_from_the_user_or_the_date_issued_where_no_title_prints_one() {
    let year = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["parse", "--format", "json", "-"];
        all.extend_from_slice(args);
        let output = plangraph(&all, Some(PLAN.as_bytes()));
        assert!(output.status.success(), "{}", stderr(&output));
        serde_json::from_str::<serde_json::Value>(&stdout(&output)).unwrap()["document"]["year"]
            .clone()
    };
    assert_eq!(year(&[]), serde_json::Value::Null);
    assert_eq!(year(&["--year", "2016"]), 2016);
    assert_eq!(year(&["--issued", "2015-03-18"]), 2015);
}

#[test]
fn formats_are_named_by_name_extension_or_media_type() {
    for name in ["turtle", "ttl", "text/turtle"] {
        let output = plangraph(&["export", "-f", name], None);
        assert!(stdout(&output).starts_with("@prefix"), "{name}");
    }
    for name in ["nt", "application/n-triples"] {
        let output = plangraph(&["export", "-f", name], None);
        assert!(stdout(&output).starts_with('<'), "{name}");
    }
    for name in ["srj", "application/sparql-results+json", "json"] {
        let output = plangraph(&["query", "--named", "lead-agencies", "-f", name], None);
        assert!(stdout(&output).starts_with("{\"head\""), "{name}");
    }
}

#[test]
fn rdf_files_are_queried_beside_plans_and_prefixes_are_predeclared() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("seed.ttl");
    assert!(plangraph(&["export", "-o", path(&export)], None)
        .status
        .success());
    let output = plangraph(
        &[
            "query",
            path(&export),
            "--query",
            "SELECT (COUNT(?t) AS ?n) WHERE { ?t a pg:Task }",
            "-f",
            "csv",
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "n\r\n31\r\n",
        "the export's tasks, no PREFIX written"
    );

    let output = plangraph(&["queries", "--prefixes"], None);
    assert!(stdout(&output).contains("agency     <https://w3id.org/plangraph/id/agency/>"));

    let output = plangraph(
        &["query", "--query", "SELECT ?x WHERE { ?x a nope:Thing }"],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nope"), "{}", stderr(&output));

    // Parameters in SPARQL term syntax.
    let output = plangraph(
        &[
            "query",
            "--query",
            "SELECT ?c (COUNT(?t) AS ?n) WHERE { ?t a ?c } GROUP BY ?c",
            "--param",
            "c=pg:Task",
            "-f",
            "csv",
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).ends_with(",31\r\n"), "{}", stdout(&output));

    // The query on standard input, without --query.
    let output = plangraph(
        &["query", "-f", "csv"],
        Some(b"SELECT (COUNT(?s) AS ?n) WHERE { ?s a pg:Subtask }"),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "n\r\n55\r\n");
}

#[test]
fn validate_writes_a_shacl_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.ttl");
    let output = plangraph(&["validate", "-o", path(&report)], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let turtle = std::fs::read_to_string(&report).unwrap();
    assert!(turtle.contains("ValidationReport"), "{turtle}");
    assert!(turtle.contains("true"), "the seed conforms: {turtle}");
}

#[test]
fn completions_and_a_man_page_come_from_the_definitions() {
    let output = plangraph(&["completions", "bash"], None);
    assert!(output.status.success());
    assert!(stdout(&output).contains("plangraph") && stdout(&output).contains("--plan-id"));
    let output = plangraph(&["man"], None);
    assert!(output.status.success());
    assert!(stdout(&output).starts_with(".ie") || stdout(&output).contains(".TH plangraph"));
}

#[test]
fn quiet_is_one_flag_everywhere_and_verbose_says_what_was_written() {
    let output = plangraph(&["export", "-f", "nt", "-v"], None);
    assert!(stderr(&output).contains("quads"), "{}", stderr(&output));
    let output = plangraph(&["-q", "export", "-f", "nt"], None);
    assert!(output.status.success());
    assert!(stderr(&output).is_empty());
}

#[test]
fn a_descriptor_opened_for_appending_keeps_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.ttl");
    std::fs::write(&log, "# earlier\n").unwrap();
    let binary = env!("CARGO_BIN_EXE_plangraph");
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{binary}' export -f ttl --no-reference -o /dev/stdout >> '{}'",
            log.display()
        ))
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.starts_with("# earlier\n@prefix"),
        "{}",
        &text[..40.min(text.len())]
    );
}

#[test]
fn a_push_sends_each_graph_once_merging_rdf_files_into_the_plans_graphs() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("a.txt");
    std::fs::write(&plan, PLAN).unwrap();
    let export = dir.path().join("a.nq");
    let exported = plangraph(
        &[
            "export",
            "-q",
            "-f",
            "nquads",
            "--plan-id",
            "{stem}",
            "-o",
            path(&export),
            path(&plan),
        ],
        None,
    );
    assert!(exported.status.success(), "{}", stderr(&exported));
    let other = dir.path().join("other.nt");
    std::fs::write(&other, "<urn:x:s> <urn:x:p> \"o\" .\n").unwrap();
    // Port 9 (discard): a dry run sends nothing.
    let dry_run = |inputs: &[&str]| {
        let mut args = vec![
            "push",
            "--dry-run",
            "--plan-id",
            "{stem}",
            "--to",
            "http://127.0.0.1:9/store",
        ];
        args.extend(inputs);
        let output = plangraph(&args, None);
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let alone = dry_run(&[path(&plan)]);
    assert_eq!(
        alone.len(),
        2,
        "the plan's graph and the reference graph: {alone:?}"
    );
    assert!(
        alone[0].contains("plan%2Fa") && alone[1].contains("reference"),
        "{alone:?}"
    );
    // The export holds the same quads: merged into the same two bodies, no triple twice.
    assert_eq!(dry_run(&[path(&plan), path(&export)]), alone);
    // A triples file is put in a graph named after it, a third body after the plans' graphs
    // and before the reference graph; an N-Quads file's graph likewise.
    let quads = dir.path().join("other.nq");
    std::fs::write(&quads, "<urn:x:s> <urn:x:p> \"o\" <urn:x:g> .\n").unwrap();
    for (file, graph) in [(&other, "file%2Fother.nt"), (&quads, "urn%3Ax%3Ag")] {
        let three = dry_run(&[path(&plan), path(file)]);
        assert_eq!(three.len(), 3, "{three:?}");
        assert_eq!((&three[0], &three[2]), (&alone[0], &alone[1]));
        assert!(
            three[1].contains(graph) && three[1].ends_with("(1 triples)"),
            "{three:?}"
        );
    }
}
