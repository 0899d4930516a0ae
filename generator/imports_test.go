package main

import (
	"os/exec"
	"strings"
	"testing"
)

// layers is the import order of ARCHITECTURE.md: a package imports only
// packages of earlier layers. A new package must be placed here.
var layers = [][]string{
	{"diag", "urlid", "creditcode", "chart", "feed", "gitlog", "artifact", "publish",
		"internal/cputime", "internal/csvrows", "internal/golden", "internal/htmlcheck"},
	{"config"},
	{"dataset", "content"},
	{"model"},
	{"freshness", "search", "changes", "entry"},
	{"opendata"},
	{"render"},
	{"pages"},
	{"build", "sample", "server"},
	{"cli", "e2e"},
	{""}, // main
}

// TestImportsOnlyLeftwards: every package of the generator imports only
// packages of earlier layers, as `go list -deps` reports the imports.
func TestImportsOnlyLeftwards(t *testing.T) {
	const module = "github.com/sxwuye/portal/generator"
	layer := map[string]int{}
	for i, names := range layers {
		for _, n := range names {
			layer[strings.TrimSuffix(module+"/"+n, "/")] = i
		}
	}
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := fields[0]
		if pkg != module && !strings.HasPrefix(pkg, module+"/") {
			continue
		}
		seen++
		from, ok := layer[pkg]
		if !ok {
			t.Errorf("%s is in no layer: add it to layers here and to ARCHITECTURE.md", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			if to, ok := layer[imp]; ok && to >= from {
				t.Errorf("%s imports %s, which is not to its left", pkg, imp)
			}
		}
	}
	if seen != len(layer) {
		t.Errorf("go list reported %d of the %d packages in layers", seen, len(layer))
	}
}
