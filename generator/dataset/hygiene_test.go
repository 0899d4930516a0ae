package dataset

import (
	"github.com/sxwuye/portal/generator/creditcode"
	"strings"
	"testing"
)

// wantProblem fails unless one message contains every part.
func wantProblem(t *testing.T, msgs []string, parts ...string) {
	t.Helper()
	for _, m := range msgs {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(m, p)
		}
		if ok {
			return
		}
	}
	t.Errorf("no problem with %q among:\n%s", parts, strings.Join(msgs, "\n"))
}

// TestIDsUniqueIgnoringCase: ids (and names) that differ only by case, by
// full-width forms or by invisible characters are one id on a
// case-insensitive server, so the later row is refused naming the first.
func TestIDsUniqueIgnoringCase(t *testing.T) {
	s := baseSite().
		copyRow(Communities, 1, "id", "c001", "name", "示例三号小区").
		copyRow(Enterprises, 1, "id", "e001", "name", "示例丁物业服务有限公司", "credit_code", creditcode.Complete("91140400MA0000004")).
		set(Communities, 2, "name", "示例Ｂ区").
		copyRow(Communities, 2, "id", "C003", "name", "示例b区").
		copyRow(Communities, 2, "id", "C004", "name", "示例二号\u200b小区")
	_, msgs := s.load(t)
	wantProblem(t, msgs, "data/communities.csv:4:", "id 小区编号", "第 2 行", `"C001"`, `"c001"`)
	wantProblem(t, msgs, "data/enterprises.csv:5:", "id 企业编号", "第 2 行", `"E001"`)
	wantProblem(t, msgs, "data/communities.csv:5:", "name 小区名称", "第 3 行", `"示例Ｂ区"`)
	wantProblem(t, msgs, "data/communities.csv:6:", "name 小区名称", "U+200B")
}

// TestPrivateValuesNeverInProblems: a wrong private value is reported at
// its cell without the value, which would otherwise reach terminals, CI
// logs and the preview server's error page.
func TestPrivateValuesNeverInProblems(t *testing.T) {
	s := baseSite().set(Enterprises, 1, "contact_mobile", "1390000839X")
	_, msgs := s.load(t)
	wantProblem(t, msgs, "data/enterprises.csv:2:", "contact_mobile", "不公开字段")
	for _, m := range msgs {
		if strings.Contains(m, "1390000839X") {
			t.Errorf("private value shown: %s", m)
		}
	}
}

// TestTextBoundsAndHygiene: over-long text, control, bidirectional and
// zero-width characters are refused at their cell, with the value escaped
// and shortened; a configured period without evaluations, CR-only line
// ends and UTF-16 are each named in one message.
func TestTextBoundsAndHygiene(t *testing.T) {
	long := strings.Repeat("长", 10000)
	s := baseSite().
		set(Communities, 1, "street", long).
		set(Communities, 2, "name", "示例\x1b[31m小区").
		set(Enterprises, 1, "name", "示例\u202e司公限有").
		set(Enterprises, 2, "service_phone", "0355\x00123").
		set(Enterprises, 3, "name", "示例丙物业\x7f")
	_, msgs := s.load(t)
	wantProblem(t, msgs, "data/communities.csv:2:", "street", "最多 100 个字，实有 10000 个字", "（共 10000 个字）")
	wantProblem(t, msgs, "data/communities.csv:3:", "U+001B", `\u{001B}[31m`)
	wantProblem(t, msgs, "data/enterprises.csv:2:", "U+202E", `\u{202E}`)
	wantProblem(t, msgs, "data/enterprises.csv:3:", "U+0000")
	wantProblem(t, msgs, "data/enterprises.csv:4:", "U+007F")
	for _, m := range msgs {
		if strings.ContainsAny(m, "\x1b\x00\x7f\u202e") || len(m) > 2000 {
			t.Errorf("raw control character or whole long value in %q", m[:min(len(m), 200)])
		}
	}

	// A configured period without a single evaluation.
	s = baseSite()
	s.tables[Evaluations] = s.tables[Evaluations][:1]
	_, msgs = s.load(t)
	wantProblem(t, msgs, "data/evaluations.csv", "2022")

	// CR-only line ends read as rows.
	s = baseSite()
	cr := strings.ReplaceAll(string(s.csv(Regions)), "\n", "\r")
	_, msgs = s.rawFile(Regions, []byte(cr), "只用 CR 换行").load(t)
	wantNoProblems(t, msgs)

	// UTF-16 is named, once.
	for _, bom := range [][]byte{{0xFF, 0xFE}, nil} {
		s = baseSite()
		var b []byte
		b = append(b, bom...)
		for _, r := range string(s.csv(Regions)) {
			if r < 0x80 {
				b = append(b, byte(r), 0)
			} else {
				b = append(b, byte(r), byte(r>>8))
			}
		}
		_, msgs = s.rawFile(Regions, b, "UTF-16").load(t)
		n := 0
		for _, m := range msgs {
			if strings.HasPrefix(m, "data/regions.csv") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("UTF-16 (BOM %v): %d problems in regions.csv, want 1:\n%s", bom, n, strings.Join(msgs, "\n"))
		}
		wantProblem(t, msgs, "data/regions.csv", "UTF-16LE")
	}
}
