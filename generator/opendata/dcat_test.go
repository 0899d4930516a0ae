package opendata

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/sxwuye/portal/generator/model"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// rdfTools finds node and the npm packages the catalog checks run
// (jsonld, n3, @rdfjs/dataset, rdf-validate-shacl): $RDF_NODE_MODULES, or
// the folder .ci/run installs them into. They are never vendored. Outside
// CI the test skips without them; in CI it fails.
func rdfTools(t *testing.T) (node, modules string) {
	t.Helper()
	modules = os.Getenv("RDF_NODE_MODULES")
	if modules == "" {
		modules = filepath.Join(projectRoot(t), ".cache", "shacl", "node_modules")
	}
	node, err := exec.LookPath("node")
	missing := ""
	switch {
	case err != nil:
		missing = "node"
	default:
		for _, p := range []string{"jsonld", "n3", "@rdfjs/dataset", "rdf-validate-shacl"} {
			if _, err := os.Stat(filepath.Join(modules, filepath.FromSlash(p), "package.json")); err != nil {
				missing = p
			}
		}
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is missing: .ci/run installs the RDF tools into .cache/shacl", missing)
		}
		t.Skipf("skipping: %s not installed (npm install --prefix .cache/shacl jsonld n3 @rdfjs/dataset rdf-validate-shacl)", missing)
	}
	return node, modules
}

type rdfReport struct {
	Error      string              `json:"error"`
	Quads      int                 `json:"quads"`
	Literals   map[string][]string `json:"literals"`
	Conforms   bool                `json:"conforms"`
	Violations []struct {
		Focus, Path, Value, Constraint, Message string
	} `json:"violations"`
}

// checkRDF expands each document with jsonld.js (no network) and
// validates its graph against the DCAT-AP 3.0.1 SHACL shapes and ranges.
func checkRDF(t *testing.T, docs ...[]byte) []rdfReport {
	t.Helper()
	node, modules := rdfTools(t)
	shapes := filepath.Join(projectRoot(t), "..", "shared", "schemas", "dcat-ap")
	args := []string{filepath.Join("testdata", "rdfcheck.cjs"), modules,
		filepath.Join(shapes, "dcat-ap-3.0.1-SHACL.ttl") + "," + filepath.Join(shapes, "dcat-ap-3.0.1-ranges.ttl")}
	dir := t.TempDir()
	for i, d := range docs {
		p := filepath.Join(dir, "doc"+string(rune('a'+i))+".jsonld")
		if err := os.WriteFile(p, d, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	cmd := exec.Command(node, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rdfcheck: %v\n%s", err, stderr.String())
	}
	var reps []rdfReport
	if err := json.Unmarshal(out, &reps); err != nil || len(reps) != len(docs) {
		t.Fatalf("rdfcheck output: %v\n%s", err, out)
	}
	return reps
}

// TestCatalogConformsToDCATAP runs a JSON-LD 1.1 processor and a SHACL
// validator on the shipped sample's catalog.json: it must expand without
// network, with typed dates, and conform to DCAT-AP 3.0.1 with zero
// violations. Two controls prove the checks can fail.
func TestCatalogConformsToDCATAP(t *testing.T) {
	if _, err := os.Stat(filepath.Join(projectRoot(t), "..", "shared", "schemas", "dcat-ap")); err != nil {
		t.Skip("../shared/schemas not present")
	}
	root := projectRoot(t)
	f, err := loadSite(root, os.DirFS(root)) // the shipped data/, as published
	if err != nil {
		t.Fatal(err)
	}
	originals := 0
	for _, p := range f.m.Periods { // the signed originals, as the build reads them
		if p.Original != "" {
			b, err := os.ReadFile(filepath.Join(root, "content", filepath.FromSlash(p.Original)))
			if err != nil {
				t.Fatal(err)
			}
			p.OriginalFile = &model.Attachment{Name: filepath.Base(p.Original), Data: b}
			originals++
		}
	}
	if originals == 0 {
		t.Fatal("the shipped site.yaml names no release original: the PDF distribution is not checked")
	}
	res, err := Build(f.m, f.set, f.meta, nil)
	if err != nil {
		t.Fatal(err)
	}
	var catalog []byte
	for _, file := range res.Files {
		if file.Path == strings.TrimPrefix(CatalogPath, "/") {
			catalog = file.Data
		}
	}

	// Control 1: a catalog missing a dataset title and with a checksum
	// that is not hexadecimal must be reported.
	var doc map[string]any
	if err := json.Unmarshal(catalog, &doc); err != nil {
		t.Fatal(err)
	}
	ds := doc["dataset"].([]any)
	delete(ds[0].(map[string]any), "title")
	dist := ds[1].(map[string]any)["distribution"].([]any)[0].(map[string]any)
	dist["checksum"].(map[string]any)["checksumValue"] = "not-hex"
	broken, _ := json.Marshal(doc)
	// Control 2: the published DCAT-AP context is remote: it must not be fetched.
	doc["@context"] = "https://semiceu.github.io/DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld"
	remote, _ := json.Marshal(doc)

	reps := checkRDF(t, catalog, broken, remote)
	got, bad, net := reps[0], reps[1], reps[2]
	if got.Error != "" {
		t.Fatalf("catalog.json does not expand offline: %s", got.Error)
	}
	for _, v := range got.Violations {
		t.Errorf("SHACL: %s %s: %s (%s)", v.Focus, v.Path, v.Message, v.Value)
	}
	if !got.Conforms || got.Quads < 1000 {
		t.Errorf("conforms %v with %d quads", got.Conforms, got.Quads)
	}
	const xsd = "http://www.w3.org/2001/XMLSchema#"
	for prop, want := range map[string]string{
		"http://purl.org/dc/terms/modified":             xsd + "date",
		"http://purl.org/dc/terms/issued":               xsd + "date",
		"http://www.w3.org/ns/dcat#startDate":           xsd + "date",
		"http://www.w3.org/ns/dcat#byteSize":            xsd + "nonNegativeInteger",
		"http://spdx.org/rdf/terms#checksumValue":       xsd + "hexBinary",
		"http://purl.org/dc/terms/identifier":           xsd + "string",
		"http://purl.org/dc/terms/title":                "@zh-cn",
		"http://www.w3.org/2004/02/skos/core#prefLabel": "@zh-cn",
	} {
		if kinds := got.Literals[prop]; !slices.Equal(kinds, []string{want}) {
			t.Errorf("%s literals are %v, want only %s", prop, kinds, want)
		}
	}
	paths := map[string]bool{}
	for _, v := range bad.Violations {
		paths[v.Path] = true
	}
	if !paths["http://purl.org/dc/terms/title"] || !paths["http://spdx.org/rdf/terms#checksumValue"] {
		t.Errorf("the validator missed planted violations: %+v", bad)
	}
	if net.Error == "" {
		t.Errorf("a remote context was expanded: the checks are not offline")
	}
}

// TestCatalogContextMinimal keeps the inline context to the terms the
// catalog uses, and every key of the catalog defined in it.
func TestCatalogContextMinimal(t *testing.T) {
	_, _, files := buildSample(t)
	b := files[strings.TrimPrefix(CatalogPath, "/")]
	var doc struct {
		Context map[string]any `json:"@context"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var body any
	_ = json.Unmarshal(b, &body)
	delete(body.(map[string]any), "@context")
	used := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				used[k] = true
				if k == "@type" {
					if s, ok := c.(string); ok {
						used[s] = true
					}
				}
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(body)
	// Prefixes are used by the other definitions.
	defs, _ := json.Marshal(doc.Context)
	prefix := regexp.MustCompile(`"([a-z]+):[A-Za-z]`)
	for _, m := range prefix.FindAllSubmatch(defs, -1) {
		used[string(m[1])] = true
	}
	for term := range doc.Context {
		if !strings.HasPrefix(term, "@") && !used[term] {
			t.Errorf("context term %q is not used", term)
		}
	}
	for key := range used {
		if _, ok := doc.Context[key]; !ok && !strings.HasPrefix(key, "@") {
			t.Errorf("key %q is not defined in the context", key)
		}
	}
}

// TestEveryFileInEveryCatalog: every published download (datasets and
// every release's province, city and county files) is a distribution of
// catalog.json and data.json with its size and SHA-256 where the format
// has room for them, and every release file a resource of datapackage.json.
func TestEveryFileInEveryCatalog(t *testing.T) {
	f, res, files := buildSample(t)
	abs := func(p string) string { return strings.TrimSuffix(f.cfg.BaseURL, "/") + p }
	var dcat struct {
		Dataset []struct {
			Distribution []struct {
				ID       string `json:"@id"`
				ByteSize int    `json:"byteSize"`
				Checksum struct {
					Value string `json:"checksumValue"`
				} `json:"checksum"`
			} `json:"distribution"`
		} `json:"dataset"`
	}
	var pod struct {
		Dataset []struct {
			Distribution []struct {
				DownloadURL string `json:"downloadURL"`
			} `json:"distribution"`
		} `json:"dataset"`
	}
	var dp struct {
		Resources []struct {
			Path  string `json:"path"`
			Bytes int    `json:"bytes"`
			Hash  string `json:"hash"`
		} `json:"resources"`
	}
	for p, v := range map[string]any{CatalogPath: &dcat, PODPath: &pod, DataPackagePath: &dp} {
		if err := json.Unmarshal(files[strings.TrimPrefix(p, "/")], v); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	inDCAT, inPOD, inDP := map[string]string{}, map[string]bool{}, map[string]string{}
	for _, d := range dcat.Dataset {
		for _, x := range d.Distribution {
			inDCAT[x.ID] = fmt.Sprint(x.ByteSize, " ", x.Checksum.Value)
		}
	}
	for _, d := range pod.Dataset {
		for _, x := range d.Distribution {
			inPOD[x.DownloadURL] = true
		}
	}
	for _, r := range dp.Resources {
		inDP[r.Path] = fmt.Sprint(r.Bytes, " ", r.Hash)
	}
	n := 0
	for _, file := range res.Files {
		p := "/" + file.Path
		if !strings.HasPrefix(p, "/evaluations/") && !strings.HasPrefix(p, "/data/") || strings.HasSuffix(p, "schema.json") || strings.HasSuffix(p, "schema-zh.json") ||
			p == CatalogPath || p == DataPackagePath || p == FeedPath || p == PODPath {
			continue
		}
		n++
		sum := sha256.Sum256(file.Data)
		want := fmt.Sprint(len(file.Data), " ", hex.EncodeToString(sum[:]))
		if inDCAT[abs(p)] != want {
			t.Errorf("catalog.json: %s is %q, want %q", p, inDCAT[abs(p)], want)
		}
		if !inPOD[abs(p)] {
			t.Errorf("data.json has no distribution %s", p)
		}
		if strings.HasPrefix(p, "/evaluations/") && inDP[abs(p)] != fmt.Sprint(len(file.Data), " sha256:", hex.EncodeToString(sum[:])) {
			t.Errorf("datapackage.json: %s is %q", p, inDP[abs(p)])
		}
	}
	if n < 20+3*(2+22) {
		t.Errorf("only %d downloads checked", n)
	}
}

// TestCountyFilesOfSplitCity: a city listed per county (more than
// model.LargeRelease projects) offers each county's files on the county
// page, named by the county code; a city that is not split has none.
func TestCountyFilesOfSplitCity(t *testing.T) {
	f := loadSample(t)
	m := *f.m
	p := *m.Periods[0]
	big := *p.Cities[0]
	for len(big.Evaluations) <= model.LargeRelease {
		big.Evaluations = append(big.Evaluations, p.Cities[0].Evaluations...)
	}
	p.Cities = append([]*model.PeriodCity{&big}, p.Cities[1:]...)
	m.Periods = []*model.Period{&p}
	res, err := Build(&m, f.set, f.meta, nil)
	if err != nil {
		t.Fatal(err)
	}
	rel := res.Datasets[len(res.Datasets)-2].Releases[0]
	if res.Datasets[len(res.Datasets)-2].Name != "evaluations" {
		t.Fatalf("dataset order changed: %s", res.Datasets[len(res.Datasets)-2].Name)
	}
	counties := big.Counties()
	if len(counties) < 2 {
		t.Fatalf("the sample city has %d counties", len(counties))
	}
	byPath := map[string]bool{}
	for _, d := range rel.AllDownloads() {
		byPath[d.Path] = true
	}
	for _, pk := range counties {
		page := "/evaluations/" + p.ID + "/" + big.City.Code + "/" + pk.County.Code + "/"
		for _, ext := range []string{".csv", ".xlsx", ".json"} {
			want := page + p.ID + "-" + pk.County.Code + ext
			if !byPath[want] {
				t.Errorf("no county file %s", want)
			}
		}
	}
	for _, pc := range p.Cities[1:] {
		for _, part := range rel.Parts {
			if strings.HasPrefix(part.URL, "/evaluations/"+p.ID+"/"+pc.City.Code+"/") && part.Code != pc.City.Code {
				t.Errorf("city %s is not split but has a part %s", pc.City.Code, part.Code)
			}
		}
	}
}
