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
		copyRow(Communities, 2, "id", "C003", "name", "示例二号\u200b小区")
	_, msgs := s.load(t)
	wantProblem(t, msgs, "data/communities.csv:4:", "id 小区编号", "第 2 行", `"C001"`, `"c001"`)
	wantProblem(t, msgs, "data/enterprises.csv:5:", "id 企业编号", "第 2 行", `"E001"`)
	wantProblem(t, msgs, "data/communities.csv:5:", "name 小区名称", "第 3 行")
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
