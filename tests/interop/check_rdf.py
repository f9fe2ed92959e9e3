"""Independent checks of plangraph's exports, with implementations from PyPI (run by .ci/run).

Usage: check_rdf.py PLANGRAPH_BINARY SHAPES_TTL

- rdflib reads the Turtle, RDF/XML and N-Triples exports: all three are the same graph;
- pyld expands the JSON-LD export to RDF: the same graph again;
- pyshacl finds the seed graph conforms to the shapes, and a graph with a responsibility's
  role removed does not;
- rdflib and pyld read the linkset `link` writes (Turtle, JSON-LD) as its N-Triples graph.

Prints one line per check and a closing 'N passed, N failed' line; exits non-zero on a failure.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pyshacl
from pyld import jsonld
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic, graph_diff, to_isomorphic

binary, shapes_path = sys.argv[1], sys.argv[2]
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""))


def export(fmt, out):
    # No standard input: a piped one would be read as the plan.
    subprocess.run([binary, "export", "-f", fmt, "-o", str(out)], check=True,
                   stdin=subprocess.DEVNULL)


def explain(a, b):
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return f"{len(only_a)} triples only in the first, {len(only_b)} only in the second"


with tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    files = {fmt: tmp / f"seed.{ext}" for fmt, ext in
             [("ntriples", "nt"), ("turtle", "ttl"), ("rdfxml", "rdf"), ("jsonld", "jsonld")]}
    for fmt, path in files.items():
        export(fmt, path)

    reference = Graph().parse(files["ntriples"], format="nt")
    check(f"rdflib reads the N-Triples export ({len(reference)} triples)", len(reference) > 1000)
    for fmt, rdflib_format in [("turtle", "turtle"), ("rdfxml", "xml")]:
        g = Graph().parse(files[fmt], format=rdflib_format)
        check(f"rdflib: the {fmt} export is the N-Triples graph", isomorphic(g, reference), explain(g, reference))

    document = json.loads(files["jsonld"].read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    from_jsonld = Graph().parse(data=nquads, format="nquads")
    check("pyld: the JSON-LD export is the N-Triples graph", isomorphic(from_jsonld, reference),
          explain(from_jsonld, reference))

    shapes = Graph().parse(shapes_path, format="turtle")
    data = Graph().parse(files["turtle"], format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes)
    check("pyshacl: the seed graph conforms to ontology/shapes.ttl", conforms, report[:2000])

    role = URIRef("https://w3id.org/plangraph#role")
    victim = next(iter(data.triples((None, role, None))))
    data.remove(victim)
    conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes)
    check("pyshacl: a responsibility without its role does not conform", not conforms)

    other = Path(__file__).resolve().parent.parent / "fixtures" / "link" / "mainland-bodies-tw.ttl"
    linksets = {fmt: tmp / f"links.{ext}" for fmt, ext in [("ntriples", "nt"), ("turtle", "ttl"), ("jsonld", "jsonld")]}
    for fmt, path in linksets.items():
        subprocess.run([binary, "link", "--with", str(other), "-f", fmt, "-o", str(path)],
                       check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    links = Graph().parse(linksets["ntriples"], format="nt")
    exact = len(list(links.triples((None, URIRef("http://www.w3.org/2004/02/skos/core#exactMatch"), None))))
    check(f"rdflib reads the linkset ({exact} exact matches)", exact == 17, str(exact))
    turtle = Graph().parse(linksets["turtle"], format="turtle")
    check("rdflib: the Turtle linkset is its N-Triples graph", isomorphic(turtle, links), explain(turtle, links))
    document = json.loads(linksets["jsonld"].read_text(encoding="utf-8"))
    from_jsonld = Graph().parse(data=jsonld.to_rdf(document, {"format": "application/n-quads"}), format="nquads")
    check("pyld: the JSON-LD linkset is its N-Triples graph", isomorphic(from_jsonld, links),
          explain(from_jsonld, links))

passed = sum(results)
print(f"interop: {passed} passed, {len(results) - passed} failed")
sys.exit(0 if all(results) else 1)
