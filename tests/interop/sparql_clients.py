"""`plangraph serve` as a SPARQL endpoint for real clients (run by .ci/run).

Usage: sparql_clients.py PLANGRAPH_BINARY

Starts `plangraph serve` on the bundled 2017 plan on a free loopback port, then asks it the same
queries through
- SPARQLWrapper (JSON and XML results, Turtle, RDF/XML and JSON-LD graphs; GET, form POST and
  application/sparql-query POST),
- rdflib's SPARQLStore (XML and JSON results, RDF/XML graphs; GET, POST and form POST),
- Comunica (@comunica/query-sparql from npm, installed by `npm ci` in tests/browser) with the
  endpoint as its only `sparql` source,
- plain HTTP: the protocol's three ways of sending a query, and a named query at
  /queries/NAME?param=value,
and compares every answer with `plangraph query … -f json` (`-f turtle` for graphs) run on the
same plan: SELECT answers as multisets of bindings (with their variables), ASK answers as
booleans, CONSTRUCT answers as isomorphic graphs.

Prints one line per check and a closing 'N passed, N failed' line; exits non-zero on a failure.
The server is stopped (by its PID) however the script ends.
"""

import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path
from xml.dom.minidom import Document

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TURTLE, XML, SPARQLWrapper

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
HERE = Path(__file__).resolve().parent
BROWSER_DIR = HERE.parent / "browser"
STARTUP_LIMIT_S = 60

PREFIXES = """PREFIX pg: <https://w3id.org/plangraph#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

SELECTS = {
    # IRIs, plain (xsd:string) and integer literals, unbound values (empty slots print no name).
    "slots": PREFIXES + """SELECT ?slot ?role ?position ?printed ?agency WHERE {
  ?slot a pg:Responsibility ; pg:role ?role ; pg:position ?position .
  OPTIONAL { ?slot pg:printedName ?printed }
  OPTIONAL { ?slot pg:agency ?agency }
}""",
    # Typed literals: years, date-times, booleans.
    "typed": PREFIXES + """SELECT ?s ?p ?o WHERE {
  ?s ?p ?o FILTER (datatype(?o) IN (xsd:gYear, xsd:dateTime, xsd:boolean))
}""",
    # Language-tagged literals, zh and en.
    "labels": PREFIXES + """SELECT DISTINCT ?agency ?label WHERE {
  ?slot pg:agency ?agency . ?agency skos:prefLabel ?label
}""",
    # A language-tagged, non-ASCII literal in the query itself, and an aggregate.
    "by-label": PREFIXES + """SELECT ?agency (COUNT(?slot) AS ?slots) WHERE {
  ?agency skos:prefLabel "海关总署"@zh . ?slot pg:agency ?agency
} GROUP BY ?agency""",
}
ASKS = {
    "ask-empty": PREFIXES + "ASK { ?slot pg:resolution pg:EmptySlot }",
    "ask-none": PREFIXES + 'ASK { ?slot pg:printedName "没有这个机关" }',
}
CONSTRUCT = PREFIXES + """CONSTRUCT {
  ?slot a pg:Responsibility ; pg:role ?role ; pg:printedName ?printed ; pg:agency ?agency .
  ?agency skos:prefLabel ?label .
} WHERE {
  ?slot a pg:Responsibility ; pg:role ?role .
  OPTIONAL { ?slot pg:printedName ?printed }
  OPTIONAL { ?slot pg:agency ?agency . ?agency skos:prefLabel ?label }
}"""
NAMED = ("tasks-by-agency", "agency", "工商总局")

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if detail else ""), flush=True)


def attempt(name, body):
    """Runs one check; an exception fails it (with its message) and the others go on."""
    try:
        body()
    except Exception as e:  # noqa: BLE001 - a client's error is a failed check, with its message
        check(name, False, f"{type(e).__name__}: {e}")


# --- terms, rows and graphs as comparable values ------------------------------------------------


def json_term(t):
    """A SPARQL JSON results term as a tuple: lexical forms as sent."""
    kind = t["type"]
    if kind == "uri":
        return ("uri", t["value"])
    if kind == "bnode":
        return ("bnode",)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in t:
            return ("literal", t["value"], "@" + t["xml:lang"].lower())
        datatype = t.get("datatype", XSD_STRING)
        return ("literal", t["value"], XSD_STRING if datatype == XSD_STRING else datatype)
    raise ValueError(f"unknown term type {kind!r}")


def rdflib_term(t):
    """An rdflib term as a tuple (rdflib's own normal form of literals)."""
    if isinstance(t, URIRef):
        return ("uri", str(t))
    if isinstance(t, BNode):
        return ("bnode",)
    if isinstance(t, Literal):
        if t.language:
            return ("literal", str(t), "@" + t.language.lower())
        return ("literal", str(t), str(t.datatype) if t.datatype else XSD_STRING)
    raise ValueError(f"unknown term {t!r}")


def through_rdflib(t):
    """A SPARQL JSON term made into an rdflib term, then a tuple: the reference side of an rdflib
    comparison, normalised as rdflib normalises what it reads."""
    kind = t["type"]
    if kind == "uri":
        return rdflib_term(URIRef(t["value"]))
    if kind == "bnode":
        return ("bnode",)
    if "xml:lang" in t:
        return rdflib_term(Literal(t["value"], lang=t["xml:lang"]))
    datatype = t.get("datatype")
    return rdflib_term(Literal(t["value"], datatype=URIRef(datatype) if datatype and datatype != XSD_STRING else None))


def rows_of_json(doc, term=json_term):
    """SPARQL JSON results → (variables, multiset of rows)."""
    rows = Counter(
        frozenset((var, term(value)) for var, value in binding.items())
        for binding in doc["results"]["bindings"]
    )
    return list(doc["head"]["vars"]), rows


def rows_of_rdflib(result):
    """An rdflib SELECT Result → (variables, multiset of rows)."""
    variables = [str(v) for v in result.vars]
    rows = Counter(
        frozenset((var, rdflib_term(value)) for var, value in zip(variables, row) if value is not None)
        for row in result
    )
    return variables, rows


def rows_of_xml(document: Document):
    """SPARQL XML results (a DOM, as SPARQLWrapper gives it) → (variables, multiset of rows)."""
    variables = [v.getAttribute("name") for v in document.getElementsByTagName("variable")]
    rows = Counter()
    for result in document.getElementsByTagName("result"):
        row = []
        for binding in result.getElementsByTagName("binding"):
            node = next(n for n in binding.childNodes if n.nodeType == n.ELEMENT_NODE)
            text = "".join(c.data for c in node.childNodes if c.nodeType == c.TEXT_NODE)
            if node.tagName == "uri":
                term = {"type": "uri", "value": text}
            elif node.tagName == "bnode":
                term = {"type": "bnode", "value": text}
            else:
                term = {"type": "literal", "value": text}
                if node.hasAttribute("xml:lang"):
                    term["xml:lang"] = node.getAttribute("xml:lang")
                elif node.hasAttribute("datatype"):
                    term["datatype"] = node.getAttribute("datatype")
            row.append((binding.getAttribute("name"), json_term(term)))
        rows[frozenset(row)] += 1
    return variables, rows


def same_rows(name, got, expected):
    (got_vars, got_rows), (want_vars, want_rows) = got, expected
    if got_vars != want_vars:
        check(name, False, f"variables {got_vars}, expected {want_vars}")
        return
    if got_rows != want_rows:
        missing = list((want_rows - got_rows).elements())[:3]
        extra = list((got_rows - want_rows).elements())[:3]
        check(name, False, f"{sum(got_rows.values())} rows, expected {sum(want_rows.values())}; "
                           f"missing e.g. {missing}; unexpected e.g. {extra}")
        return
    check(name, True, f"{sum(got_rows.values())} rows, {len(got_vars)} variables")


def same_graph(name, got: Graph, expected: Graph):
    if isomorphic(got, expected):
        check(name, True, f"{len(got)} triples, isomorphic")
    else:
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        check(name, False, f"{len(got)} triples vs {len(expected)}: {len(only_got)} only from the client "
                           f"(e.g. {list(only_got)[:2]}), {len(only_expected)} only from plangraph query "
                           f"(e.g. {list(only_expected)[:2]})")


def graph_of_json_quads(quads):
    def node(t):
        if t["type"] == "uri":
            return URIRef(t["value"])
        if t["type"] == "bnode":
            return BNode(t["value"])
        if "xml:lang" in t:
            return Literal(t["value"], lang=t["xml:lang"])
        datatype = t.get("datatype")
        return Literal(t["value"], datatype=URIRef(datatype) if datatype and datatype != XSD_STRING else None)

    graph = Graph()
    for q in quads:
        graph.add((node(q["s"]), node(q["p"]), node(q["o"])))
    return graph


# --- the server and the command line ------------------------------------------------------------


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, log):
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}"],
                               stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + STARTUP_LIMIT_S
    last = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"plangraph serve exited with {process.returncode} before answering:\n{log.read()}")
        try:
            with urllib.request.urlopen(origin + "/", timeout=2) as response:
                if response.status == 200:
                    return process, origin
                last = f"status {response.status}"
        except (urllib.error.URLError, ConnectionError, socket.timeout) as e:
            last = str(e)
        time.sleep(0.2)
    process.kill()
    log.seek(0)
    raise RuntimeError(f"plangraph serve did not answer {origin}/ within {STARTUP_LIMIT_S} s ({last}):\n{log.read()}")


def stop_server(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cli(binary, *args):
    """`plangraph query ARGS` on the bundled plan (no standard input: it would be read as a plan)."""
    done = subprocess.run([binary, "query", *args], stdin=subprocess.DEVNULL, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"plangraph query {' '.join(args)} failed: {done.stderr.decode()}")
    return done.stdout


def http(origin, path, *, accept, data=None, content_type=None):
    headers = {"Accept": accept}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(origin + path, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


# --- the checks ---------------------------------------------------------------------------------


def run(binary, origin):
    endpoint = origin + "/sparql"
    expected = {name: json.loads(cli(binary, "-e", q, "-f", "json")) for name, q in SELECTS.items()}
    expected.update({name: json.loads(cli(binary, "-e", q, "-f", "json")) for name, q in ASKS.items()})
    expected_graph = Graph().parse(data=cli(binary, "-e", CONSTRUCT, "-f", "turtle"), format="turtle")
    for name in SELECTS:
        count = len(expected[name]["results"]["bindings"])
        check(f"plangraph query: {name} has answers", count > 0, f"{count} rows")
    check("plangraph query: the ASKs answer true and false",
          expected["ask-empty"]["boolean"] is True and expected["ask-none"]["boolean"] is False)
    check("plangraph query: the CONSTRUCT makes a graph", len(expected_graph) > 200, f"{len(expected_graph)} triples")

    # SPARQLWrapper: JSON and XML results, GET, form POST and sparql-query POST.
    def wrapper(query, fmt, method=None, request_method=None, only_conneg=False):
        client = SPARQLWrapper(endpoint)
        client.setQuery(query)
        client.setReturnFormat(fmt)
        client.setOnlyConneg(only_conneg)
        if method:
            client.setMethod(method)
        if request_method:
            client.setRequestMethod(request_method)
        return client.query().convert()

    for name, query in SELECTS.items():
        attempt(f"SPARQLWrapper JSON GET {name}",
                lambda: same_rows(f"SPARQLWrapper JSON GET {name}", rows_of_json(wrapper(query, JSON)), rows_of_json(expected[name])))
        attempt(f"SPARQLWrapper XML GET {name}",
                lambda: same_rows(f"SPARQLWrapper XML GET {name}", rows_of_xml(wrapper(query, XML)), rows_of_json(expected[name])))
    for label, method, request_method in [("form POST", POST, None), ("sparql-query POST", POST, POSTDIRECTLY)]:
        attempt(f"SPARQLWrapper JSON {label} slots",
                lambda: same_rows(f"SPARQLWrapper JSON {label} slots",
                                  rows_of_json(wrapper(SELECTS["slots"], JSON, method, request_method)),
                                  rows_of_json(expected["slots"])))
    for name, query in ASKS.items():
        want = expected[name]["boolean"]
        for fmt, read in [(JSON, lambda r: r["boolean"]),
                          (XML, lambda r: r.getElementsByTagName("boolean")[0].firstChild.data.strip() == "true")]:
            def ask(name=name, query=query, fmt=fmt, read=read, want=want):
                got = read(wrapper(query, fmt))
                check(f"SPARQLWrapper {fmt.upper()} {name}", got == want, f"{got}")
            attempt(f"SPARQLWrapper {fmt.upper()} {name}", ask)
    # SPARQLWrapper also names the format in the URL (format=…&output=…&results=…), for RDFXML
    # and N3 as `rdf+xml` and `n3`, names the server does not know: it falls back on Accept.
    # Both ways are asked: with the URL's names, and by Accept alone (setOnlyConneg).
    for fmt, only_conneg in [(TURTLE, False), (XML, False), (JSONLD, False), (RDFXML, False), (N3, False), (RDFXML, True), (N3, True)]:
        def construct(fmt=fmt, only_conneg=only_conneg):
            answer = wrapper(CONSTRUCT, fmt, only_conneg=only_conneg)
            graph = answer if isinstance(answer, Graph) else Graph().parse(data=answer, format="turtle" if fmt == N3 else fmt)
            same_graph(f"SPARQLWrapper CONSTRUCT as {fmt}{' (Accept only)' if only_conneg else ''}", graph, expected_graph)
        attempt(f"SPARQLWrapper CONSTRUCT as {fmt}", construct)

    # rdflib's SPARQLStore: XML results (its default) and JSON, GET, POST and form POST.
    for return_format in ["xml", "json"]:
        for method in ["GET", "POST", "POST_FORM"]:
            store = SPARQLStore(endpoint, returnFormat=return_format, method=method)
            label = f"rdflib SPARQLStore {return_format} {method}"
            for name, query in SELECTS.items():
                want = rows_of_json(expected[name], through_rdflib)
                attempt(f"{label} {name}", lambda: same_rows(f"{label} {name}", rows_of_rdflib(store.query(query)), want))
            for name, query in ASKS.items():
                def ask(name=name, query=query, store=store, label=label):
                    got = store.query(query).askAnswer
                    check(f"{label} {name}", got == expected[name]["boolean"], f"{got}")
                attempt(f"{label} {name}", ask)
    for method in ["GET", "POST", "POST_FORM"]:
        store = SPARQLStore(endpoint, returnFormat="xml", method=method)
        label = f"rdflib SPARQLStore CONSTRUCT {method} (RDF/XML)"
        attempt(label, lambda: same_graph(label, store.query(CONSTRUCT).graph, expected_graph))
    # Through an rdflib Graph over the store, as an application would hold it.
    graph = Graph(SPARQLStore(endpoint))
    attempt("rdflib Graph(SPARQLStore).query labels",
            lambda: same_rows("rdflib Graph(SPARQLStore).query labels", rows_of_rdflib(graph.query(SELECTS["labels"])),
                              rows_of_json(expected["labels"], through_rdflib)))

    # The protocol by hand: GET, form POST and sparql-query POST answer alike.
    for name in ["slots", "labels", "by-label"]:
        query = SELECTS[name]
        accept = "application/sparql-results+json"
        ways = {
            "GET": lambda: http(origin, "/sparql?" + urllib.parse.urlencode({"query": query}), accept=accept),
            "form POST": lambda: http(origin, "/sparql", accept=accept, data=urllib.parse.urlencode({"query": query}).encode(),
                                      content_type="application/x-www-form-urlencoded"),
            "sparql-query POST": lambda: http(origin, "/sparql", accept=accept, data=query.encode(),
                                              content_type="application/sparql-query"),
            "/query GET": lambda: http(origin, "/query?" + urllib.parse.urlencode({"query": query}), accept=accept),
        }
        for way, send in ways.items():
            def protocol(name=name, way=way, send=send):
                status, media_type, body = send()
                if status != 200 or not media_type.startswith(accept):
                    check(f"protocol {way} {name}", False, f"{status} {media_type}")
                    return
                same_rows(f"protocol {way} {name}", rows_of_json(json.loads(body)), rows_of_json(expected[name]))
            attempt(f"protocol {way} {name}", protocol)
    # CSV and TSV by Accept: as many rows as the JSON.
    for accept in ["text/csv", "text/tab-separated-values"]:
        def tabular(accept=accept):
            status, media_type, body = http(origin, "/sparql?" + urllib.parse.urlencode({"query": SELECTS["slots"]}), accept=accept)
            lines = body.decode("utf-8").rstrip("\r\n").splitlines()
            want = len(expected["slots"]["results"]["bindings"])
            check(f"protocol GET slots as {accept}", status == 200 and media_type.startswith(accept) and len(lines) == want + 1,
                  f"{status} {media_type}, {len(lines) - 1} rows (expected {want})")
        attempt(f"protocol GET slots as {accept}", tabular)

    # A named query with a parameter: the endpoint and the command line agree.
    name, param, value = NAMED
    want = json.loads(cli(binary, "--named", name, "--param", f"{param}={value}", "-f", "json"))
    path = f"/queries/{name}?" + urllib.parse.urlencode({param: value})
    def named_json():
        status, media_type, body = http(origin, path, accept="application/sparql-results+json")
        check(f"named query {name}?{param}={value} answers JSON", status == 200 and media_type.startswith("application/sparql-results+json"),
              f"{status} {media_type}")
        same_rows(f"named query {name}?{param}={value} (JSON) = plangraph query --named", rows_of_json(json.loads(body)), rows_of_json(want))
    attempt(f"named query {name} JSON", named_json)
    def named_xml():
        status, media_type, body = http(origin, path, accept="application/sparql-results+xml")
        result = Result.parse(source=io.BytesIO(body), format="xml")
        same_rows(f"named query {name}?{param}={value} (XML, read by rdflib) = plangraph query --named",
                  rows_of_rdflib(result), rows_of_json(want, through_rdflib))
    attempt(f"named query {name} XML", named_xml)
    check(f"named query {name}?{param}={value} has answers", len(want["results"]["bindings"]) > 0,
          f"{len(want['results']['bindings'])} rows")

    # Comunica (npm), the endpoint as its only source.
    def comunica():
        script = BROWSER_DIR / "comunica-query.mjs"
        if not (BROWSER_DIR / "node_modules" / "@comunica" / "query-sparql").is_dir():
            raise RuntimeError(f"Comunica is not installed: run `npm ci` in {BROWSER_DIR}")
        queries = [{"name": n, "query": q} for n, q in {**SELECTS, **ASKS, "construct": CONSTRUCT}.items()]
        with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
            json.dump(queries, f, ensure_ascii=False)
        try:
            started = time.monotonic()
            done = subprocess.run(["node", str(script), endpoint, f.name], stdin=subprocess.DEVNULL,
                                  capture_output=True, timeout=300, check=False)
        finally:
            os.unlink(f.name)
        if done.returncode != 0:
            raise RuntimeError(f"comunica-query.mjs exited {done.returncode}: {done.stderr.decode()[-3000:]}")
        print(f"# Comunica answered {len(queries)} queries in {time.monotonic() - started:.1f} s", flush=True)
        for answer in json.loads(done.stdout):
            name = answer["name"]
            if answer["kind"] == "bindings":
                got = (answer["vars"], Counter(frozenset((v, json_term(t)) for v, t in row.items()) for row in answer["bindings"]))
                same_rows(f"Comunica {name}", got, rows_of_json(expected[name]))
            elif answer["kind"] == "boolean":
                check(f"Comunica {name}", answer["boolean"] == expected[name]["boolean"], f"{answer['boolean']}")
            else:
                same_graph(f"Comunica {name}", graph_of_json_quads(answer["quads"]), expected_graph)
    attempt("Comunica", comunica)


def main():
    if len(sys.argv) != 2:
        print("usage: sparql_clients.py PLANGRAPH_BINARY", file=sys.stderr)
        return 2
    binary = sys.argv[1]
    started = time.monotonic()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        process = None
        try:
            process, origin = start_server(binary, log)
            print(f"# plangraph serve (pid {process.pid}) answers at {origin}/ after {time.monotonic() - started:.1f} s", flush=True)
            run(binary, origin)
        except Exception as e:  # noqa: BLE001 - reported as a failure, the server still stopped
            check("the suite ran to its end", False, f"{type(e).__name__}: {e}")
        finally:
            if process is not None:
                stop_server(process)
    failed = results.count(False)
    print(f"# SPARQL clients suite: {time.monotonic() - started:.1f} s")
    print(f"{results.count(True)} passed, {failed} failed")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
