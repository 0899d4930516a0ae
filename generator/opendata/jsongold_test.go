package opendata

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/piprate/json-gold/ld"
)

// offlineLoader refuses every document: catalog.json must expand from its
// inline context alone.
type offlineLoader struct{ asked []string }

func (l *offlineLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	l.asked = append(l.asked, u)
	return nil, fmt.Errorf("offline: %s", u)
}

// A second, independent JSON-LD processor (json-gold, the Go one) expands
// the catalog offline to the same typed statements the SHACL check sees.
func TestCatalogExpandsWithJSONGold(t *testing.T) {
	_, _, files := buildSample(t)
	var doc any
	if err := json.Unmarshal(files[strings.TrimPrefix(CatalogPath, "/")], &doc); err != nil {
		t.Fatal(err)
	}
	loader := &offlineLoader{}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = loader
	opts.ProcessingMode = ld.JsonLd_1_1
	out, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
	if err != nil {
		t.Fatalf("json-gold cannot expand catalog.json offline: %v (documents asked for: %v)", err, loader.asked)
	}
	if len(loader.asked) > 0 {
		t.Errorf("expansion asked for remote documents: %v", loader.asked)
	}
	ds := out.(*ld.RDFDataset)
	quads := 0
	modified := map[string]int{}
	for _, g := range ds.Graphs {
		quads += len(g)
		for _, q := range g {
			if q.Predicate.GetValue() == "http://purl.org/dc/terms/modified" {
				if lit, ok := q.Object.(ld.Literal); ok {
					modified[lit.Datatype]++
				}
			}
		}
	}
	if quads < 1000 {
		t.Errorf("json-gold gave %d statements, want the whole catalog (1000 or more)", quads)
	}
	if len(modified) != 1 || modified["http://www.w3.org/2001/XMLSchema#date"] == 0 {
		t.Errorf("dct:modified literals by datatype: %v, want only xsd:date", modified)
	}
}
