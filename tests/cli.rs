//! The `plangraph parse` command end to end: default input, formats, stdin, encodings, and a
//! one-line error with a non-zero exit code (and no output file) for each kind of bad input.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs the command with `stdin` piped in, or with no standard input (`/dev/null`) for `None`.
fn plangraph(args: &[&str], stdin: Option<&[u8]>) -> Output {
    plangraph_with(args, stdin, &[])
}

/// [`plangraph`] with environment variables set (`COLUMNS` is unset unless given).
fn plangraph_with(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plangraph"))
        .args(args)
        .env_remove("COLUMNS")
        .envs(env.iter().copied())
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
        let mut input = child.stdin.take().unwrap();
        input.write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

const SMALL_PLAN: &str = "（一）加强商标行政执法。加大对驰名商标的保护力度。（工商总局牵头负责，公安部、海关总署按职责分工负责）\n（二）加强版权工作。开展专项检查。（国家版权局负责）\n";

#[test]
fn no_input_parses_the_bundled_2017_plan() {
    let output = plangraph(&["parse"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let outline = stdout(&output);
    assert!(outline.starts_with("2017年全国打击知识产权和制售假冒伪劣商品工作要点\n"));
    assert!(outline.contains("31 tasks, 55 subtasks, 200 responsibility slots (14 empty)"));
    assert!(outline.contains("国家发展委 → 国家发展和改革委员会 [truncated, #1]"));
}

#[test]
fn parse_full_prints_whole_subtasks() {
    let clauses = "加大对驰名商标、地理标志商标的保护力度，严厉打击商标侵权假冒违法行为。";
    let plan = format!("（一）加强商标行政执法。{clauses}（工商总局负责）\n");
    let output = plangraph(&["parse", "-"], Some(plan.as_bytes()));
    assert!(output.status.success(), "{}", stderr(&output));
    let short = stdout(&output);
    assert!(short.contains("  1.1 …"), "{short}");
    assert!(!short.contains(clauses));

    let output = plangraph(&["parse", "-", "--full"], Some(plan.as_bytes()));
    assert!(output.status.success(), "{}", stderr(&output));
    let full = stdout(&output);
    assert!(
        full.contains(&format!("  1.1 加强商标行政执法。{clauses}\n")),
        "{full}"
    );

    let output = plangraph(&["parse", "--full", "--format", "json"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--full is for the text outline"));
    let output = plangraph(&["parse", "--full", "--explain"], None);
    assert_eq!(
        output.status.code(),
        Some(2),
        "clap: --full conflicts with --explain"
    );
}

#[test]
fn json_to_a_file_is_the_documented_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.json");
    let output = plangraph(
        &[
            "parse",
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
            "--identifier",
            "国办发〔2017〕46号",
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let gold: serde_json::Value =
        serde_json::from_str(include_str!("gold/seed-2017.json")).unwrap();
    assert_eq!(
        json["tasks"].as_array().unwrap().len(),
        gold["tasks"].as_array().unwrap().len()
    );
    assert_eq!(json["document"]["identifier"], "国办发〔2017〕46号");
    let slot = &json["tasks"][16]["subtasks"][0]["parenthetical"]["slots"][0];
    assert_eq!(slot["role"], "lead");
    assert_eq!(slot["agency"], "agency/leading-group-office");
    assert_eq!(
        json["agencies"]["agency/leading-group-office"]["name_zh"],
        "全国打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室"
    );
}

#[test]
fn stdin_and_gbk_input() {
    let output = plangraph(
        &["parse", "-", "--format", "json"],
        Some(SMALL_PLAN.as_bytes()),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["source"]["name"], "<stdin>");
    let slots = &json["tasks"][0]["subtasks"][0]["parenthetical"]["slots"];
    assert_eq!(slots[0]["role"], "lead");
    assert_eq!(slots[2]["printed_name"], "海关总署");
    // 按职责分工负责 beside a 牵头 group: responsible, as printed (ontology-core.md).
    assert_eq!(slots[2]["role"], "responsible");

    let (gbk, _, _) = encoding_rs::GBK.encode(SMALL_PLAN);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan-gbk.txt");
    std::fs::write(&path, &gbk).unwrap();
    let output = plangraph(&["parse", path.to_str().unwrap(), "--format", "json"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["source"]["encoding"], "gb18030");
    assert_eq!(
        json["tasks"][1]["subtasks"][0]["parenthetical"]["slots"][0]["agency"],
        "agency/ncac"
    );
}

/// Runs `parse FILE -o OUT` on `bytes` and returns the error line; checks the exit code, that
/// the error is one line naming the file, and that no output file was left.
fn refused(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input.txt");
    std::fs::write(&input, bytes).unwrap();
    let out = dir.path().join("out.json");
    let output = plangraph(
        &[
            "parse",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(!output.status.success());
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "one line: {message}");
    assert!(
        message.contains(input.to_str().unwrap()),
        "names the file: {message}"
    );
    assert!(!message.contains("panicked"));
    assert!(!out.exists(), "no output file");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing else left behind"
    );
    message
}

#[test]
fn bad_inputs_fail_cleanly() {
    assert!(refused(b"").contains("the input is empty"));
    assert!(refused(" \n\t\n\u{3000}".as_bytes()).contains("only whitespace"));
    assert!(refused(b"\x7fELF\x02\x01\x01\x00\x00\x00").contains("binary"));
    let invalid = refused(b"\xe8\xae\xa1\xe5\x88\x92\n\xff\xff\xff");
    assert!(invalid.contains(":2:1: invalid UTF-8"), "{invalid}");
    assert!(refused("这是一段没有编号任务的文字。".as_bytes()).contains("no numbered task"));
    // A paragraph outside every numbered task that prints an assignment is an item of its
    // own (issue 24): such a text is read, not refused.
    let unnumbered = "标题\n加强商标行政执法，加大对驰名商标、地理标志的保护力度，严厉打击侵权行为。（工商总局牵头负责）\n";
    let output = plangraph(
        &["parse", "-", "--format", "json"],
        Some(unnumbered.as_bytes()),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["tasks"][0]["id"], "u1");
    assert_eq!(json["tasks"][0]["marker"], "unnumbered");
    let slot = &json["tasks"][0]["subtasks"][0]["parenthetical"]["slots"][0];
    assert_eq!(
        (slot["printed_name"].as_str(), slot["role"].as_str()),
        (Some("工商总局"), Some("lead"))
    );
}

#[test]
fn an_assignment_that_was_not_read_is_said_on_stderr_and_listed_by_explain() {
    let plan = "2023年某区工作要点\n（一）加强监管。（区商务局牵头，区公安局配合）\n区商务局牵头，区公安局配合，建立联席会议制度。\n";
    let output = plangraph(&["parse", "-"], Some(plan.as_bytes()));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output).trim(),
        "plangraph: <stdin>: 1 paragraph(s) print an assignment that was not read (parse --explain lists them)"
    );
    assert!(stdout(&output).contains("! 1 paragraph(s) print an assignment that was not read, at "));
    let explained = plangraph(&["parse", "-", "--explain"], Some(plan.as_bytes()));
    assert!(stdout(&explained).contains(
        "not read: line 3 prints an assignment no form above holds: 区商务局牵头，区公安局配合，建立联席会议制度。"
    ));
    // The bundled plan reads every assignment it prints: nothing on stderr.
    let bundled = plangraph(&["parse"], None);
    assert!(stderr(&bundled).is_empty(), "{}", stderr(&bundled));
}

#[test]
fn missing_unreadable_and_wrong_paths_fail_cleanly() {
    let output = plangraph(&["parse", "/no/such/plan.txt"], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "plangraph: /no/such/plan.txt: no such file\n"
    );

    let dir = tempfile::tempdir().unwrap();
    let output = plangraph(&["parse", dir.path().to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("is a directory"));

    let output = plangraph(&["parse", "--encoding", "latin9"], None);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(stderr(&output).contains("unknown encoding"));

    let target = dir.path().join("missing/dir/out.txt");
    let output = plangraph(&["parse", "-o", target.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(!Path::new(&target).exists());
}

#[test]
fn a_broken_user_registry_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("mine.ttl");
    std::fs::write(&registry, "@prefix pg: <https://w3id.org/plangraph#> .\n<agency/x> a pg:Agency ;\n  pg:acronym \"X\" , .\n").unwrap();
    let output = plangraph(&["parse", "--registry", registry.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!("plangraph: {}:3:", registry.display())),
        "{message}"
    );
}

#[test]
fn export_guesses_the_format_from_the_extension_and_needs_it_for_stdout() {
    let dir = tempfile::tempdir().unwrap();
    for (ext, starts) in [
        ("ttl", "@prefix"),
        ("jsonld", "{"),
        ("nt", "<"),
        ("nq", "<"),
        ("trig", "@prefix"),
        ("rdf", "<?xml"),
    ] {
        let out = dir.path().join(format!("seed.{ext}"));
        let output = plangraph(&["export", "-o", out.to_str().unwrap()], None);
        assert!(output.status.success(), "{ext}: {}", stderr(&output));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(starts), "{ext} starts with {starts}");
    }
    let output = plangraph(&["export"], None);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(stderr(&output).contains("needs -f FORMAT"));
    let output = plangraph(
        &[
            "export",
            "-o",
            dir.path().join("seed.docx").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(stderr(&output).contains("cannot tell the format"));
    let output = plangraph(&["export", "-f", "n3"], None);
    assert!(stderr(&output).contains("unknown format"));
    let output = plangraph(&["export", "-f", "turtle", "--base", "not-absolute/"], None);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(stderr(&output).contains("--base"));
}

#[test]
fn export_is_byte_identical_across_runs_and_takes_options() {
    let first = plangraph(&["export", "-f", "turtle"], None);
    let second = plangraph(&["export", "-f", "turtle"], None);
    assert!(first.status.success());
    assert_eq!(first.stdout, second.stdout);

    let output = plangraph(
        &[
            "export",
            "-f",
            "jsonld",
            "--jsonld-context",
            "https://w3id.org/plangraph/context.jsonld",
            "--base",
            "https://example.org/x/",
            "--no-reference",
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["@context"],
        "https://w3id.org/plangraph/context.jsonld"
    );
    let ids: Vec<&str> = json["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["@id"].as_str().unwrap())
        .collect();
    assert!(ids
        .iter()
        .all(|id| id.starts_with("https://example.org/x/plan/")
            || id.starts_with("https://w3id.org/plangraph/software/")));

    let output = plangraph(
        &[
            "export",
            "-f",
            "nquads",
            "--identifier",
            "国办发〔2017〕46号",
            "--issued",
            "2017-05-16",
        ],
        None,
    );
    let nquads = stdout(&output);
    assert!(nquads.contains("<https://w3id.org/plangraph/id/plan/国办发〔2017〕46号> <http://purl.org/dc/terms/issued> \"2017-05-16\"^^<http://www.w3.org/2001/XMLSchema#date> <https://w3id.org/plangraph/id/plan/国办发〔2017〕46号> ."));
    for bad in ["May 2017", "2017-13-45", "2017-02-29"] {
        let output = plangraph(&["export", "-f", "nquads", "--issued", bad], None);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(stderr(&output).contains("not a date"), "{bad}");
    }
}

#[test]
fn a_failed_export_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("empty.txt");
    std::fs::write(&input, "").unwrap();
    let out = dir.path().join("graph.ttl");
    let output = plangraph(
        &[
            "export",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(!out.exists());
}

#[test]
fn validate_reports_violations_with_their_focus_node() {
    let output = plangraph(&["validate"], None);
    assert!(output.status.success(), "{}", stdout(&output));
    assert!(stdout(&output).starts_with("conforms: "));

    let dir = tempfile::tempdir().unwrap();
    let strict = dir.path().join("strict.ttl");
    std::fs::write(
        &strict,
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix pg: <https://w3id.org/plangraph#> .\n<urn:s> a sh:NodeShape ; sh:targetClass pg:Responsibility ;\n  sh:property [ sh:path pg:printedName ; sh:minCount 1 ] .\n",
    )
    .unwrap();
    let output = plangraph(&["validate", "--shapes", strict.to_str().unwrap()], None);
    assert_eq!(
        output.status.code(),
        Some(3),
        "violations found: exit status 3"
    );
    let report = stdout(&output);
    assert_eq!(
        report.lines().count(),
        14,
        "one line per empty slot: {report}"
    );
    assert!(report.lines().all(|l| l
        .starts_with("violation: <https://w3id.org/plangraph/id/plan/")
        && l.contains("sh:minCount 1")));
    assert!(stderr(&output).contains("14 violations"));

    // sh:pattern: the seed's six country partners (and the EU) carry upper-case ISO 3166-1 codes.
    let lower = dir.path().join("lower.ttl");
    std::fs::write(&lower, "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix pg: <https://w3id.org/plangraph#> .\n<urn:s> sh:targetClass pg:InternationalPartner ; sh:property [ sh:path pg:countryCode ; sh:pattern \"^[a-z]{2}$\" ] .\n").unwrap();
    let output = plangraph(&["validate", "--shapes", lower.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(3));
    let report = stdout(&output);
    let codes: Vec<&str> = report
        .lines()
        .filter_map(|l| l.split("\"").nth(3))
        .collect();
    assert_eq!(codes, ["BR", "CH", "EU", "JP", "KR", "US"], "{report}");
    assert!(stderr(&output).contains("6 violations"));

    let unsupported = dir.path().join("unsupported.ttl");
    std::fs::write(&unsupported, "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:s> sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:languageIn (\"zh\") ] .\n").unwrap();
    let output = plangraph(
        &["validate", "--shapes", unsupported.to_str().unwrap()],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("unsupported SHACL constraint sh:languageIn"));
}

#[test]
fn query_reads_stdin_binds_params_and_guesses_formats() {
    let text = "PREFIX pg: <https://w3id.org/plangraph#>\nSELECT ?agency ?n WHERE { ?r pg:printedName ?agency . ?s pg:responsibility ?r ; pg:ordinal ?n }";
    let output = plangraph(
        &["query", "--query-file", "-", "--param", "agency=国管局"],
        Some(text.as_bytes()),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "?agency\t?n\n\"国管局\"\t1\n");

    let output = plangraph(
        &["query", "--query", "-", "-r", "csv"],
        Some(b"ASK { ?s ?p ?o }"),
    );
    assert_eq!(stdout(&output), "true\r\n");

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("leads.srj");
    let output = plangraph(
        &[
            "query",
            "--named",
            "lead-agencies",
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(json["results"]["bindings"][0]["tasks"]["value"], "7");

    let output = plangraph(&["query", "--named", "outline", "-r", "table"], None);
    assert!(stdout(&output).contains("(31 rows)"));

    let construct = "PREFIX pg: <https://w3id.org/plangraph#> CONSTRUCT { ?s pg:leadAgency ?a } WHERE { ?s pg:leadAgency ?a }";
    let output = plangraph(&["query", "--query", construct], None);
    assert!(
        stdout(&output).starts_with("@prefix agency: <https://w3id.org/plangraph/id/agency/> ."),
        "{}",
        stdout(&output)
    );

    let output = plangraph(&["queries"], None);
    let rq_files = std::fs::read_dir("queries").unwrap().count();
    let described = stdout(&output)
        .lines()
        .filter(|l| !l.starts_with(' '))
        .count();
    assert_eq!(described, rq_files, "one line per queries/*.rq");
    assert!(stdout(&output)
        .contains("tasks-by-agency    The tasks and subtasks an agency takes part in"));
}

#[test]
fn query_tables_fit_the_terminal_right_align_numbers_and_count_rows() {
    use unicode_width::UnicodeWidthStr;
    let tsv = plangraph(&["query", "--named", "gaps", "-r", "tsv"], None);
    let rows = stdout(&tsv).lines().count() - 1;
    assert!(rows > 1);
    let wide = stdout(&plangraph(
        &["query", "--named", "gaps", "-r", "table"],
        None,
    ));
    assert!(wide.lines().any(|l| l.width() > 60), "the gaps are wide");
    for columns in ["60", "100"] {
        let output = plangraph_with(
            &["query", "--named", "gaps", "-r", "table"],
            None,
            &[("COLUMNS", columns)],
        );
        assert!(output.status.success(), "{}", stderr(&output));
        let table = stdout(&output);
        let width: usize = columns.parse().unwrap();
        assert!(
            table.lines().all(|l| l.width() <= width),
            "fits {width}:\n{table}"
        );
        assert!(table.contains('…'), "{table}");
        assert!(table.ends_with(&format!("\n({rows} rows)\n")), "{table}");
    }
    // Without COLUMNS, 100 columns.
    assert!(wide.lines().all(|l| l.width() <= 100), "{wide}");
    assert!(wide.contains('…'));

    let output = plangraph(
        &[
            "query",
            "--query",
            "SELECT ?name ?n WHERE { VALUES (?name ?n) { (\"商务部\" 7) (\"工商总局\" 12) } }",
            "-r",
            "table",
        ],
        None,
    );
    assert_eq!(
        stdout(&output),
        "name       n\n--------  --\n商务部     7\n工商总局  12\n(2 rows)\n"
    );
    let output = plangraph(
        &[
            "query",
            "--query",
            "SELECT ?n WHERE { BIND(7 AS ?n) }",
            "-r",
            "table",
        ],
        None,
    );
    assert_eq!(stdout(&output), "n\n-\n7\n(1 row)\n");
}

#[test]
fn every_text_output_ends_with_a_line_break() {
    let dataset = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/link/bodies-en.ttl"
    );
    let dir = tempfile::tempdir().unwrap();
    let linkset = dir.path().join("links.nt");
    let linkset = linkset.to_str().unwrap();
    let select = "SELECT ?s WHERE { ?s a <https://w3id.org/plangraph#Task> } LIMIT 3";
    let ask = "ASK { ?s ?p ?o }";
    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3";
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["parse"],
        vec!["parse", "--full"],
        vec!["parse", "--explain"],
        vec!["parse", "--format", "json"],
        vec!["queries"],
        vec!["validate"],
        vec!["link", "--with", dataset, "-o", linkset],
        vec!["query", "--named", "lead-agencies"],
        vec!["query", "--query", construct],
    ];
    for format in ["table", "tsv", "csv", "json", "xml"] {
        commands.push(vec!["query", "--query", select, "-r", format]);
        commands.push(vec!["query", "--query", ask, "-r", format]);
    }
    for format in ["turtle", "jsonld", "ntriples", "nquads", "trig", "rdfxml"] {
        commands.push(vec!["export", "-f", format]);
        commands.push(vec!["query", "--query", construct, "-r", format]);
    }
    for args in &commands {
        let output = plangraph(args, None);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        let text = stdout(&output);
        assert!(
            !text.is_empty() && text.ends_with('\n'),
            "{args:?} ends with {:?}",
            &text[text.len().saturating_sub(20)..]
        );
    }
    // The link report on standard error when the linkset goes to standard output.
    let output = plangraph(&["link", "--with", dataset], None);
    assert!(stderr(&output).ends_with('\n'), "{}", stderr(&output));
}

#[test]
fn query_errors_are_clean() {
    let output = plangraph(
        &[
            "query",
            "--query",
            "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER (?o = }",
        ],
        None,
    );
    assert_eq!(
        output.status.code(),
        Some(2),
        "the query cannot run as written"
    );
    let message = stderr(&output);
    assert!(message.starts_with("plangraph: --query:3:"), "{message}");
    assert!(
        message.contains("FILTER (?o = }") && message.contains('^'),
        "{message}"
    );

    let output = plangraph(&["query", "--query", "DELETE WHERE { ?s ?p ?o }"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("update"));

    let output = plangraph(&["query", "--named", "nope"], None);
    assert!(stderr(&output).contains("no query named \"nope\""));

    let output = plangraph(
        &["query", "--named", "outline", "--param", "missing=1"],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--param"), "{}", stderr(&output));
}

/// Without the feature only: tests/store.rs covers the persistent store in that build.
#[cfg(not(feature = "rocksdb"))]
#[test]
fn load_without_the_rocksdb_feature_says_how_to_get_it() {
    let dir = tempfile::tempdir().unwrap();
    let output = plangraph(
        &["load", "--store", dir.path().join("db").to_str().unwrap()],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--features rocksdb"));
}

#[test]
fn parse_explain_tells_what_the_parser_decided() {
    let output = plangraph(&["parse", "--explain"], None);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("body: lines 7–71"), "{text}");
    assert!(
        text.contains("  4.5 (X、∅、X、X、X、X、X、X等按职责分工分别负责) "),
        "{text}"
    );
}

#[test]
fn link_writes_a_linkset_and_reports_on_stdout_or_stderr() {
    let dataset = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/link/mainland-bodies-tw.ttl"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("links.nq");
    let output = plangraph(
        &["link", "--with", dataset, "-o", out.to_str().unwrap()],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(report.contains(
        "summary: 17 exact, 2 close, 2 ambiguous, 6 of theirs unmatched, 39 of ours unmatched"
    ));
    assert!(report.contains("exact      国家知识产权局 <https://w3id.org/plangraph/id/agency/sipo> = <http://example.org/mainland/cnipa> \"國家知識產權局\""));
    assert!(report.contains("\"廣電總局\" fits 2 of ours equally"));
    // N-Quads by the extension: every quad in the linkset's graph.
    let nquads = std::fs::read_to_string(&out).unwrap();
    assert!(nquads
        .lines()
        .all(|l| l.ends_with("<https://w3id.org/plangraph/id/linkset/mainland-bodies-tw> .")));
    assert!(nquads.contains("<https://w3id.org/plangraph/id/agency/sipo> <http://www.w3.org/2004/02/skos/core#exactMatch> <http://example.org/mainland/cnipa>"));

    // To standard output, Turtle by default, with the report on standard error.
    let output = plangraph(&["link", "--with", dataset], None);
    assert!(output.status.success());
    assert!(stdout(&output).contains("@prefix void: <http://rdfs.org/ns/void#> ."));
    assert!(stderr(&output).contains("summary: 17 exact"));

    // Two datasets: one linkset graph each, one report each.
    let english = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/link/bodies-en.ttl"
    );
    let output = plangraph(
        &["link", "--with", dataset, "--with", english, "-f", "nquads"],
        None,
    );
    assert!(output.status.success());
    let graphs: std::collections::BTreeSet<&str> = std::str::from_utf8(&output.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.rsplit(' ').nth(1))
        .collect();
    assert_eq!(
        graphs.into_iter().collect::<Vec<_>>(),
        [
            "<https://w3id.org/plangraph/id/linkset/bodies-en>",
            "<https://w3id.org/plangraph/id/linkset/mainland-bodies-tw>"
        ]
    );
    assert_eq!(stderr(&output).matches("summary: ").count(), 2);
}

#[test]
fn link_refuses_bad_datasets_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ttl");
    std::fs::write(&broken, "<http://e/a> <http://www.w3.org/2000/01/rdf-schema#label> \"x\" .\n<http://e/b> <http://e/p> .\n").unwrap();
    let out = dir.path().join("links.ttl");
    let output = plangraph(
        &[
            "link",
            "--with",
            broken.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("broken.ttl:2:"), "{message}");
    assert!(!out.exists(), "no linkset written");

    let unlabelled = dir.path().join("unlabelled.nt");
    std::fs::write(&unlabelled, "<http://e/a> <http://e/p> <http://e/b> .\n").unwrap();
    let output = plangraph(&["link", "--with", unlabelled.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no entity with a label"));

    let output = plangraph(&["link"], None);
    assert_eq!(output.status.code(), Some(2), "clap: --with is required");
}

#[test]
fn an_input_over_max_size_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let seed = plangraph::bundled_plan().text;
    std::fs::write(&big, seed.repeat(40)).unwrap(); // about 1.6 MB
    let out = dir.path().join("out.json");
    let (big, out) = (big.to_str().unwrap(), out.to_str().unwrap());
    let output = plangraph(
        &["parse", big, "--max-size", "1", "-f", "json", "-o", out],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!(
            "plangraph: {big}: the file (1.6 MB) is more than --max-size allows (1 MB)"
        )),
        "{message}"
    );
    assert!(!std::path::Path::new(out).exists(), "no output file");
    let piped = std::process::Command::new(env!("CARGO_BIN_EXE_plangraph"))
        .args(["parse", "-", "--max-size", "1"])
        .stdin(std::fs::File::open(big).unwrap())
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(1));
    assert!(stderr(&piped).contains("<stdin>: standard input is more than --max-size allows"));
    // The default limit takes it.
    assert!(plangraph(&["parse", big, "-f", "json", "-o", out], None)
        .status
        .success());
}
