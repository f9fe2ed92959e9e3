// Runs SPARQL queries with Comunica (@comunica/query-sparql) against one SPARQL endpoint as its
// only source, and prints the answers as JSON, for tests/interop/sparql_clients.py to compare.
//
// Usage: node comunica-query.mjs ENDPOINT_URL QUERIES.json
//   QUERIES.json: [{"name": …, "query": …}, …]
// Prints: [{"name": …, "kind": "bindings", "vars": […], "bindings": [{var: term}]}
//          | {"name": …, "kind": "boolean", "boolean": true}
//          | {"name": …, "kind": "quads", "quads": [{"s": term, "p": term, "o": term}]}]
// Terms are written as in SPARQL 1.1 Query Results JSON ({"type": "uri"|"literal"|"bnode", …}).

import { readFileSync } from 'node:fs';
import { QueryEngine } from '@comunica/query-sparql';

const [endpoint, file] = process.argv.slice(2);
if (!endpoint || !file) {
  console.error('usage: node comunica-query.mjs ENDPOINT_URL QUERIES.json');
  process.exit(2);
}
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

function term(t) {
  switch (t.termType) {
    case 'NamedNode':
      return { type: 'uri', value: t.value };
    case 'BlankNode':
      return { type: 'bnode', value: t.value };
    case 'Literal':
      if (t.language) return { type: 'literal', value: t.value, 'xml:lang': t.language };
      if (t.datatype && t.datatype.value !== RDF_LANG_STRING) {
        return { type: 'literal', value: t.value, datatype: t.datatype.value };
      }
      return { type: 'literal', value: t.value };
    default:
      throw new Error(`unexpected term ${t.termType} ${t.value}`);
  }
}

const engine = new QueryEngine();
// The endpoint is the only source; nothing else is fetched.
const context = { sources: [{ type: 'sparql', value: endpoint }], lenient: false };
const answers = [];
for (const { name, query } of JSON.parse(readFileSync(file, 'utf8'))) {
  const result = await engine.query(query, context);
  if (result.resultType === 'bindings') {
    const { variables } = await result.metadata();
    const stream = await result.execute();
    const rows = await stream.toArray();
    answers.push({
      name,
      kind: 'bindings',
      vars: variables.map((v) => (v.variable ?? v).value),
      bindings: rows.map((row) => Object.fromEntries([...row].map(([v, t]) => [v.value, term(t)]))),
    });
  } else if (result.resultType === 'boolean') {
    answers.push({ name, kind: 'boolean', boolean: await result.execute() });
  } else if (result.resultType === 'quads') {
    const quads = await (await result.execute()).toArray();
    answers.push({ name, kind: 'quads', quads: quads.map((q) => ({ s: term(q.subject), p: term(q.predicate), o: term(q.object) })) });
  } else {
    throw new Error(`${name}: unexpected result type ${result.resultType}`);
  }
}
process.stdout.write(JSON.stringify(answers));
