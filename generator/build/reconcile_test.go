package build

import (
	"strconv"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/diag"
)

// TestReconcileWarns: a ledger figure above a city's newest report is a
// warning at that report's row of data/progress.csv, and the report file
// lists it; the shipped sample has none.
func TestReconcileWarns(t *testing.T) {
	site, err := Load(Options{Root: "../..", Env: fixedEnv})
	if err != nil || site.Model == nil {
		t.Fatalf("loading the shipped site: %v", err)
	}
	m := site.Model
	clean := &diag.Report{}
	reconcile(m, clean)
	if n := len(clean.Problems()); n != 0 {
		t.Errorf("the shipped sample's ledger contradicts its reports %d times: %v", n, clean.Problems())
	}
	if r := string(ledgerReport(m)); !strings.Contains(r, "需要核对的项目共 0 项。") || !strings.Contains(r, "晋城市（2022-12-18 报送") {
		t.Errorf("report of the shipped sample:\n%s", r)
	}

	const code = "140500"
	latest := m.Progress.Series(code).Latest()
	m.RegionByCode[code].Stats.Modes[4] = latest.ModeNone + 6
	rep := &diag.Report{}
	reconcile(m, rep)
	probs := rep.Problems()
	if len(probs) != 1 {
		t.Fatalf("%d warnings, want 1: %v", len(probs), probs)
	}
	p := probs[0]
	want := "本市社区台账中已登记 " + strconv.Itoa(latest.ModeNone+6) + " 个无物业小区，多于本行报送的数"
	if p.Severity != diag.Warning || p.File != "data/progress.csv" || p.Line != latest.Line || p.Line == 0 ||
		p.Field != "mode_none 无物业" || !strings.HasPrefix(p.Message, want) || p.Value == nil || *p.Value != strconv.Itoa(latest.ModeNone) {
		t.Errorf("warning = %s, want at data/progress.csv:%d mode_none %q", p, latest.Line, want)
	}
	if r := string(ledgerReport(m)); !strings.Contains(r, "无物业\t"+strconv.Itoa(latest.ModeNone)+"\t"+strconv.Itoa(latest.ModeNone+6)+"\t+6\t台账多于报送，请核对") ||
		!strings.Contains(r, "需要核对的项目共 1 项。") {
		t.Errorf("report does not list the 晋城市 row:\n%s", r)
	}
}

func TestLedgerReportPath(t *testing.T) {
	for out, want := range map[string]string{"/srv/site/public": "/srv/site/public.ledger-check.txt", "/srv/site/public/": "/srv/site/public.ledger-check.txt", "out": "out.ledger-check.txt"} {
		if got := LedgerReportPath(out); got != want {
			t.Errorf("LedgerReportPath(%q) = %q, want %q", out, got, want)
		}
	}
}
