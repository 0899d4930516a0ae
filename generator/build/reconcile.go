package build

// Reconciling the cities' reports with the community ledger is work for the
// administrators, not a statement to the public: a reporter who reads "请核对"
// beside "★ 已达标" cannot tell which figure to quote. So a ledger figure that
// contradicts a city's newest report becomes a validate/build warning at that
// report's row, and the whole comparison goes to a text file beside the
// output (LedgerReportPath), which is neither published nor linked.
//
// The ledger lists communities and companies one by one, so each of its
// counts is a lower bound: a ledger count above the report means the report
// (or the ledger) is wrong whatever share of the city the ledger holds. A
// ledger count below the report is worth a warning only when the ledger
// holds nearly the whole city (model.LedgerCoverage).

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/diag"
	"github.com/sxwuye/portal/generator/model"
	"github.com/sxwuye/portal/generator/render"
)

// LedgerReportPath is the reconciliation report of the output folder out:
// beside it, never inside it, so it is not published.
func LedgerReportPath(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), filepath.Base(out)+".ledger-check.txt")
}

// ledgerChecks sets each city's newest report beside its ledger, by city code.
func ledgerChecks(m *model.Model) []model.LedgerCheck {
	if m.Progress == nil {
		return nil
	}
	var out []model.LedgerCheck
	for _, c := range m.Cities() {
		if cs := m.Progress.Series(c.Code); cs != nil && cs.Latest() != nil {
			out = append(out, model.CheckLedger(cs.Latest(), c.Stats))
		}
	}
	return out
}

// reconcile warns at the report row of every ledger figure that contradicts
// a city's newest report.
func reconcile(m *model.Model, rep *diag.Report) {
	schema := dataset.SchemaByName(dataset.Progress)
	label := map[string]string{}
	for _, f := range schema.Fields {
		label[f.Key] = f.Key + " " + f.Label
	}
	for _, c := range ledgerChecks(m) {
		for _, row := range c.Rows {
			v := diag.V(strconv.Itoa(row.Reported))
			switch {
			case row.Exceeds():
				rep.Warnf(schema.File, c.Report.Line, 0, label[row.Field], v,
					"本市社区台账中已登记 %s %s%s，多于本行报送的数；台账逐个登记，实际数不会更少，请核对本行或台账（核对明细见生成目录旁的 *.ledger-check.txt）",
					render.Int(row.Ledger), row.Unit, row.Noun)
			case c.Covers && row.Diff() != 0:
				rep.Warnf(schema.File, c.Report.Line, 0, label[row.Field], v,
					"本市社区台账收录的小区已达本行报送小区总数的 %s，其中%s为 %s %s，与本行报送的数不一致，请核对本行或台账",
					render.Pct(c.Coverage), row.Noun, render.Int(row.Ledger), row.Unit)
			}
		}
	}
}

// ledgerReport is the reconciliation report: every city's newest report
// beside its ledger, row by row. Deterministic: no clock, cities by code.
func ledgerReport(m *model.Model) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "社区台账与各市最新报送数核对（数据版本 %s）\n", render.Date(m.Version.Date))
	b.WriteString("本文件供管理员核对数据，由 build 写在生成目录旁，不发布、网站上也没有链接。\n")
	fmt.Fprintf(&b, "台账逐个登记小区和企业，实际数不会少于台账数：台账多于报送的项目一律标出；台账收录的小区达到报送小区总数的 %s 时，不一致的项目也标出。\n",
		strconv.FormatFloat(model.LedgerCoverage, 'f', -1, 64)+"%")
	checks := ledgerChecks(m)
	if len(checks) == 0 {
		b.WriteString("\n没有报送数据，无可核对。\n")
	}
	flagged := 0
	for _, c := range checks {
		fmt.Fprintf(&b, "\n%s（%s 报送，data/progress.csv 第 %d 行）：台账收录 %s 个小区，占报送小区总数 %s 个的 %s%s\n",
			c.Report.Region.Name, render.Date(c.Report.Date), c.Report.Line, render.Int(c.Ledger.Communities),
			render.Int(c.Report.CommunitiesTotal), render.Pct(c.Coverage), map[bool]string{true: "", false: "（不足 " + strconv.FormatFloat(model.LedgerCoverage, 'f', -1, 64) + "%，只核对台账多于报送的项目）"}[c.Covers])
		b.WriteString("项目\t报送数\t台账数\t差额（台账−报送）\t核对\n")
		for _, row := range c.Rows {
			verdict := "一致"
			switch {
			case row.Exceeds():
				verdict, flagged = "台账多于报送，请核对", flagged+1
			case row.Diff() != 0 && c.Covers:
				verdict, flagged = "不一致，请核对", flagged+1
			case row.Diff() != 0:
				verdict = "台账未收录全部，不作比较"
			}
			fmt.Fprintf(&b, "%s\t%s\t%s\t%+d\t%s\n", row.Label, render.Int(row.Reported), render.Int(row.Ledger), row.Diff(), verdict)
		}
	}
	fmt.Fprintf(&b, "\n需要核对的项目共 %d 项。\n", flagged)
	return []byte(b.String())
}

// writeLedgerReport writes the report beside out through a temporary file,
// so a reader never sees half of it.
func writeLedgerReport(out string, m *model.Model) error {
	path := LedgerReportPath(out)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, ledgerReport(m), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
