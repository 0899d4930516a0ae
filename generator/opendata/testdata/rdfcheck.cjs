// rdfcheck expands a JSON-LD document with jsonld.js (JSON-LD 1.1, no
// network: every remote context is refused), turns it into RDF and
// validates that graph with rdf-validate-shacl against SHACL shape files.
// It prints a JSON array with one object per document: {quads, literals
// (property → the datatypes and @languages of its literals), conforms,
// violations: [{severity, focus, path, value, constraint, shape,
// message}]}, or {error} when the document cannot be expanded.
//
// Usage: node rdfcheck.cjs <node_modules> <shapes.ttl,...> <document.jsonld>...
// The npm packages live outside the repository (.ci/run installs them into
// .cache/shacl); the Go test passes their folder.
"use strict";
const path = require("path");
const fs = require("fs");

async function main() {
  const [modules, shapeList, ...docs] = process.argv.slice(2);
  const need = (name) => require(path.join(modules, name));
  const jsonld = need("jsonld");
  const N3 = need("n3");
  const { default: SHACLValidator } = await import(path.join(modules, "rdf-validate-shacl", "index.js"));
  const { default: datasetFactory } = await import(path.join(modules, "@rdfjs", "dataset", "index.js"));

  const shapes = datasetFactory.dataset();
  for (const f of shapeList.split(",")) {
    for (const q of new N3.Parser({ format: "Turtle", baseIRI: "file://" + f }).parse(fs.readFileSync(f, "utf8"))) {
      shapes.add(q);
    }
  }
  const noNetwork = async (url) => {
    throw new Error("remote document refused (the document must be self-contained): " + url);
  };
  const opts = { documentLoader: noNetwork, processingMode: "json-ld-1.1", safe: true };
  const term = (t) => (t ? t.value : "");
  const out = [];
  for (const doc of docs) {
    const input = JSON.parse(fs.readFileSync(doc, "utf8"));
    let nquads;
    try {
      // Expansion first: it is what harvesters run and where a broken
      // context fails ("invalid IRI mapping").
      const expanded = await jsonld.expand(input, opts);
      if (expanded.length === 0) throw new Error("expansion produced nothing");
      nquads = await jsonld.toRDF(input, { ...opts, format: "application/n-quads" });
    } catch (e) {
      out.push({ error: String(e && e.message ? e.message : e) });
      continue;
    }
    const data = datasetFactory.dataset(new N3.Parser({ format: "N-Quads" }).parse(nquads));
    const report = await new SHACLValidator(shapes).validate(data);
    // The datatype (or @language) of every literal, by property: dates
    // must come out typed, not as language-tagged text.
    const literals = {};
    for (const q of data) {
      if (q.object.termType !== "Literal") continue;
      const kind = q.object.language ? "@" + q.object.language : q.object.datatype.value;
      const seen = (literals[q.predicate.value] = literals[q.predicate.value] || []);
      if (!seen.includes(kind)) seen.push(kind);
    }
    out.push({
      quads: data.size,
      literals,
      conforms: report.conforms,
      violations: report.results.map((r) => ({
        severity: term(r.severity),
        focus: term(r.focusNode),
        path: term(r.path),
        value: term(r.value),
        constraint: term(r.sourceConstraintComponent),
        shape: term(r.sourceShape),
        message: r.message.map(term).join(" "),
      })),
    });
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
