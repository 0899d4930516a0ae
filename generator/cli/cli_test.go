package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/build"
	"github.com/sxwuye/portal/generator/diag"
)

// copySite copies the shipped site's inputs into a temporary folder.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"site.yaml", "data", "content", "templates"} {
		src := filepath.Join("..", "..", p)
		err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(filepath.Join("..", ".."), path)
			dst := filepath.Join(dir, rel)
			if info.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpAndUsageErrors(t *testing.T) {
	for _, cmd := range []string{"build", "validate", "serve", "sample", "bench"} {
		code, _, stderr := runCLI(cmd, "--help")
		if code != ExitOK {
			t.Errorf("%s --help exit %d", cmd, code)
		}
		if !strings.Contains(stderr, "用法：generator "+cmd) {
			t.Errorf("%s --help does not print Chinese usage: %q", cmd, stderr)
		}
	}
	if code, _, _ := runCLI(); code != ExitInternal {
		t.Errorf("no command: exit %d, want 2", code)
	}
	if code, _, _ := runCLI("frobnicate"); code != ExitInternal {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code, _, _ := runCLI("build", "--no-such-flag"); code != ExitInternal {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if code, _, stderr := runCLI("build", "--config", filepath.Join(t.TempDir(), "site.yaml")); code != ExitInternal || !strings.Contains(stderr, "找不到站点配置文件") {
		t.Errorf("missing config: exit %d, %q", code, stderr)
	}
}

func TestValidateAndBuildExitCodes(t *testing.T) {
	dir := copySite(t)
	cfg := filepath.Join(dir, "site.yaml")
	code, stdout, _ := runCLI("validate", "--config", cfg)
	if code != ExitOK || !strings.Contains(stdout, "校验通过") || !strings.Contains(stdout, "住宅小区台账") {
		t.Fatalf("validate on the sample: exit %d\n%s", code, stdout)
	}

	// One bad cell: exit 1, a precise message, and nothing published.
	path := filepath.Join(dir, "data", "enterprises.csv")
	b, _ := os.ReadFile(path)
	lines := strings.Split(string(b), "\n")
	cells := strings.Split(lines[1], ",")
	cells[2] = "91140000000000000X" // credit_code with a wrong check character
	lines[1] = strings.Join(cells, ",")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCLI("validate", "--config", cfg, "--format", "json")
	if code != ExitInvalid {
		t.Fatalf("validate with a bad credit code: exit %d", code)
	}
	var rep struct {
		Problems []struct {
			Severity, File, Field, Message string
			Line, Column                   int
		}
		Errors int
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("json report: %v\n%s", err, stdout)
	}
	if rep.Errors != 1 {
		t.Errorf("errors = %d, want 1: %+v", rep.Errors, rep.Problems)
	}
	found := false
	for _, p := range rep.Problems {
		if p.Severity == "error" && p.File == "data/enterprises.csv" && p.Line == 2 && strings.HasPrefix(p.Field, "credit_code") {
			found = true
		}
	}
	if !found {
		t.Errorf("no credit_code error at data/enterprises.csv:2: %+v", rep.Problems)
	}
	// Admins read row and column letter; scripts ask for file:line:column.
	code, stdout, _ = runCLI("validate", "--config", cfg)
	if code != ExitInvalid || !strings.Contains(stdout, "data/enterprises.csv 第 2 行 C 列「统一社会信用代码」填的是 ") {
		t.Errorf("validate in the sheet form: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = runCLI("validate", "--config", cfg, "--format", "text")
	if code != ExitInvalid || !strings.Contains(stdout, "data/enterprises.csv:2:") {
		t.Errorf("validate --format text: exit %d\n%s", code, stdout)
	}
	code, _, stderr := runCLI("build", "--config", cfg)
	if code != ExitInvalid || !strings.Contains(stderr, "data/enterprises.csv 第 2 行 C 列") {
		t.Errorf("build with bad data: exit %d\n%s", code, stderr)
	}
	if _, err := os.Lstat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("a failed first build created public/: %v", err)
	}
}

// TestWarningsFolded: many warnings of one rule print as one line with the
// count and the first places, in validate, build and --format json; --all
// lists every one.
func TestWarningsFolded(t *testing.T) {
	dir := copySite(t)
	cfg := filepath.Join(dir, "site.yaml")
	// Name the next company in ten evaluations: one warning per row.
	path := filepath.Join(dir, "data", "evaluations.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	const n = 10
	for i := 1; i <= n; i++ {
		cells := strings.Split(lines[i], ",")
		if cells[2] == "E00001" {
			cells[2] = "E00002"
		} else {
			cells[2] = "E00001"
		}
		lines[i] = strings.Join(cells, ",")
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	count := func(s string) int { return strings.Count(s, "当前的物业服务企业") }

	code, stdout, _ := runCLI("validate", "--config", cfg)
	if code != ExitOK || count(stdout) != 1 || !strings.Contains(stdout, "同类警告共 10 处，前 3 处在第 2、3、4 行；加 --all 逐条列出") {
		t.Errorf("validate: exit %d, want one folded line for 10 warnings:\n%s", code, stdout)
	}
	if _, stdout, _ = runCLI("validate", "--config", cfg, "--format", "text"); count(stdout) != 1 ||
		!strings.Contains(stdout, "data/evaluations.csv:2:14: 警告：enterprise_id") || !strings.Contains(stdout, "同类警告共 10 处，前 3 处在 2:14、3:14、4:14；") {
		t.Errorf("validate --format text: want one folded line for 10 warnings:\n%s", stdout)
	}
	if _, stdout, _ = runCLI("validate", "--config", cfg, "--all"); count(stdout) != n || strings.Contains(stdout, "同类警告") {
		t.Errorf("validate --all lists %d of %d warnings:\n%s", count(stdout), n, stdout)
	}
	var rep struct {
		Problems []struct {
			Severity, Field string
			Line            int
			Count           int
			Places          []string
		}
		Folded bool
	}
	// ours returns the JSON entries of the edited rows' rule.
	ours := func() (out []int) {
		for i, p := range rep.Problems {
			if strings.HasPrefix(p.Field, "enterprise_id") {
				out = append(out, i)
			}
		}
		return out
	}
	_, stdout, _ = runCLI("validate", "--config", cfg, "--format", "json")
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if i := ours(); len(i) != 1 || rep.Problems[i[0]].Count != n || !rep.Folded ||
		strings.Join(rep.Problems[i[0]].Places, " ") != "2:14 3:14 4:14" {
		t.Errorf("json: %+v, want one problem standing for %d", rep, n)
	}
	rep.Problems = nil
	_, stdout, _ = runCLI("validate", "--config", cfg, "--format", "json", "--all")
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if i := ours(); len(i) != n || rep.Problems[i[0]].Count != 0 {
		t.Errorf("json --all: %d problems, want %d", len(i), n)
	}

	code, _, stderr := runCLI("build", "--config", cfg, "--out", filepath.Join(t.TempDir(), "public"))
	if code != ExitOK || count(stderr) != 1 || !strings.Contains(stderr, "同类警告共 10 处") {
		t.Errorf("build: exit %d, want one folded line:\n%s", code, stderr)
	}
	if _, _, stderr = runCLI("build", "--config", cfg, "--out", filepath.Join(t.TempDir(), "public"), "--all"); count(stderr) != n {
		t.Errorf("build --all lists %d of %d warnings:\n%s", count(stderr), n, stderr)
	}
}

// TestBuildReportsSlowerPages: page kinds that rendered through
// html/template instead of their compiled templates are named on stderr
// without -v, after the summary.
func TestBuildReportsSlowerPages(t *testing.T) {
	var out, errb bytes.Buffer
	res := &build.Result{Site: &build.Site{Report: &diag.Report{}}, Slower: []string{"templates/pages/page.html：这类页面的模板无法编译"}}
	if code := report(res, nil, &out, &errb, "text", false); code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(errb.String(), "提示：templates/pages/page.html") || !strings.Contains(out.String(), "已生成") {
		t.Errorf("stdout %q stderr %q", out.String(), errb.String())
	}
}
