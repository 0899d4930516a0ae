package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestValidateRefusesWhatBuildRefuses: site.yaml problems carry their line
// and are printed by validate and build alike (and in validate's JSON); a
// template that does not parse and an alias onto an existing page fail
// validate as they fail build, naming the file.
func TestValidateRefusesWhatBuildRefuses(t *testing.T) {
	dir := copySite(t)
	cfg := filepath.Join(dir, "site.yaml")
	orig, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	line := strings.Count(strings.SplitN(string(orig), "sample_data:", 2)[0], "\n") + 2
	write("site.yaml", strings.Replace(string(orig), "sample_data: true\n", "sample_data: true\nsampel_data: false\n", 1))

	code, vout, _ := runCLI("validate", "--config", cfg)
	bcode, _, berr := runCLI("build", "--config", cfg)
	if code != ExitInvalid || bcode != ExitInvalid {
		t.Fatalf("unknown key: validate exit %d, build exit %d", code, bcode)
	}
	want := "site.yaml 第 " + strconv.Itoa(line) + " 行"
	var shown string
	for _, l := range strings.Split(vout, "\n") {
		if strings.Contains(l, "sampel_data") {
			shown = l
		}
	}
	if !strings.Contains(shown, want) && !strings.Contains(shown, "site.yaml:"+strconv.Itoa(line)+":") {
		t.Errorf("validate does not place the key at line %d: %q", line, shown)
	}
	if !strings.Contains(berr, shown) {
		t.Errorf("build prints the config problem differently:\nvalidate: %q\nbuild:\n%s", shown, berr)
	}
	_, jout, _ := runCLI("validate", "--config", cfg, "--format", "json")
	var rep struct {
		Problems []struct {
			File, Field string
			Line        int
		}
		Errors int
	}
	if err := json.Unmarshal([]byte(jout), &rep); err != nil {
		t.Fatalf("json: %v\n%s", err, jout)
	}
	if rep.Errors != 1 || len(rep.Problems) != 1 || rep.Problems[0].File != "site.yaml" || rep.Problems[0].Line != line || rep.Problems[0].Field != "sampel_data" {
		t.Errorf("json report of the config problem: %+v", rep)
	}
	write("site.yaml", string(orig))

	page := filepath.Join("templates", "pages", "page.html")
	tmpl, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		t.Fatal(err)
	}
	write(page, string(tmpl)+"\n{{if}}\n")
	code, vout, _ = runCLI("validate", "--config", cfg, "--format", "text")
	bcode, _, berr = runCLI("build", "--config", cfg, "--format", "text")
	if code != ExitInvalid || bcode != ExitInvalid || !strings.Contains(vout, "templates/pages/page.html:") || !strings.Contains(berr, "templates/pages/page.html:") {
		t.Errorf("broken template: validate exit %d %q; build exit %d %q", code, vout, bcode, berr)
	}
	write(page, string(tmpl))

	doc := filepath.Join("content", "cases", "2022-001.md")
	src, err := os.ReadFile(filepath.Join(dir, doc))
	if err != nil {
		t.Fatal(err)
	}
	write(doc, strings.Replace(string(src), `"/cases/old-example/"`, `"/communities/C000001/"`, 1))
	code, vout, _ = runCLI("validate", "--config", cfg, "--format", "text")
	if code != ExitInvalid || !strings.Contains(vout, "content/cases/2022-001.md:") {
		t.Errorf("alias onto a page: validate exit %d\n%s", code, vout)
	}
}
