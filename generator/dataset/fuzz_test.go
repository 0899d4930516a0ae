package dataset

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sxwuye/portal/generator/diag"
)

// FuzzReadCSV feeds arbitrary bytes as communities.csv of an otherwise valid
// site. Load must never panic, every problem in that file must have a place
// inside it, and a file without errors must give complete rows.
func FuzzReadCSV(f *testing.F) {
	plain := baseSite().csv(Communities)
	f.Add(plain)
	f.Add(append([]byte("\xEF\xBB\xBF"), plain...))
	f.Add(gb18030(f, plain))
	f.Add(bytes.ReplaceAll(plain, []byte("\n"), []byte("\r\n")))
	f.Add([]byte("id,name\n\"C0\n01\",\"示例\"\"小区\"\"\"\n"))
	f.Add([]byte("id,name,region_code\nC001,示\"例,140403\n"))
	f.Add([]byte("id,\"name\n"))
	f.Add([]byte(""))
	f.Add([]byte("\xEF\xBB\xBF"))
	f.Add([]byte("id\n\xFF\xFE\n"))
	f.Add([]byte("小区编号,x_备注,id\nC001,,C002\n,,,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := baseSite().rawFile(Communities, data, "")
		var rep diag.Report
		set := Load(s.fs(), Options{Config: testConfig()}, &rep)
		nlines := bytes.Count(data, []byte("\n")) + 1
		errs := 0
		for _, p := range rep.Problems() {
			if strings.Contains(p.Message, "内部错误") {
				t.Fatalf("internal error: %s", p)
			}
			if p.File != "data/communities.csv" {
				continue
			}
			if p.Line < 1 || p.Line > nlines || p.Column < 0 {
				t.Fatalf("problem outside the file (%d lines): %s", nlines, p)
			}
			if p.Severity == diag.Error {
				errs++
			}
		}
		if errs == 0 {
			if len(set.Communities) != set.Rows[Communities] {
				t.Fatalf("%d rows counted, %d mapped", set.Rows[Communities], len(set.Communities))
			}
			for _, c := range set.Communities {
				if c.ID == "" || c.Name == "" || c.Line < 1 {
					t.Fatalf("row without required values or position: %+v", c)
				}
			}
		}
	})
}
