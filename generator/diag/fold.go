package diag

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Folding per rule: a province-sized data set can repeat one warning
// hundreds of times (one per row). Printed one by one they bury everything
// else, so the printers fold the warnings of one rule into a line with the
// count and the first few places; `--all` prints every one.
//
// A rule is recognised from the problem itself, not from a registry: the
// same severity, file and field, and the same message once the values that
// vary from row to row are blanked (runs of ASCII letters and digits such as
// ids and numbers, and text inside “…” quotes). Errors are never folded:
// each must be fixed where it is. (Knock-on problems folded under their
// cause are another matter: see Fold.)

// RuleShown is how many places a folded line names.
const RuleShown = 3

// RuleGroup is the problems of one rule, in report order.
type RuleGroup struct {
	Problems []Problem
}

// Folded reports whether the group prints as one line.
func (g RuleGroup) Folded() bool {
	return len(g.Problems) > RuleShown && g.Problems[0].Severity == Warning
}

// Places names the first RuleShown places of the group: "7:14" (line and
// column of the file), or with sheet the spreadsheet rows "7".
func (g RuleGroup) Places(sheet bool) []string {
	var out []string
	for _, p := range g.Problems[:min(RuleShown, len(g.Problems))] {
		switch {
		case sheet && p.Sheet != nil && p.Sheet.Row > 0:
			out = append(out, strconv.Itoa(p.Sheet.Row))
		case p.Line > 0 && p.Column > 0:
			out = append(out, strconv.Itoa(p.Line)+":"+strconv.Itoa(p.Column))
		case p.Line > 0:
			out = append(out, strconv.Itoa(p.Line))
		}
	}
	return out
}

// Suffix is what a folded line adds to its first problem: the count and the
// first places ("" when the group is not folded).
func (g RuleGroup) Suffix(sheet bool) string {
	if !g.Folded() {
		return ""
	}
	where := "在 " + strings.Join(g.Places(sheet), "、")
	if sheet && g.Problems[0].Sheet != nil {
		where = "在第 " + strings.Join(g.Places(sheet), "、") + " 行"
	}
	return "（同类警告共 " + strconv.Itoa(len(g.Problems)) + " 处，前 " + strconv.Itoa(RuleShown) + " 处" + where +
		"；加 --all 逐条列出）"
}

// FoldRules groups sorted problems by rule. Groups keep the order of their
// first problem, so folded output is as deterministic as the problems.
func FoldRules(probs []Problem) []RuleGroup {
	groups, _ := foldRules(probs)
	return groups
}

func foldRules(probs []Problem) (groups []RuleGroup, of []int) {
	index := map[string]int{}
	of = make([]int, len(probs)) // problem → its group
	for i, p := range probs {
		k := ruleKey(p, i)
		j, ok := index[k]
		if !ok {
			j = len(groups)
			index[k] = j
			groups = append(groups, RuleGroup{})
		}
		groups[j].Problems = append(groups[j].Problems, p)
		of[i] = j
	}
	return groups, of
}

// Lines is what a folded listing prints, in the problems' order: each
// problem on its own, except that a folded rule is one group, at its first
// problem.
func Lines(probs []Problem) []RuleGroup {
	groups, of := foldRules(probs)
	var out []RuleGroup
	done := make([]bool, len(groups))
	for i, p := range probs {
		g := groups[of[i]]
		switch {
		case !g.Folded():
			out = append(out, RuleGroup{Problems: []Problem{p}})
		case !done[of[i]]:
			done[of[i]] = true
			out = append(out, g)
		}
	}
	return out
}

// WriteFolded prints problems in the spreadsheet form (WriteSheet) or the
// machine form (one String a line), each rule's many warnings folded into
// the line of its first.
func WriteFolded(w io.Writer, probs []Problem, sheet bool) {
	lines := Lines(probs)
	if !sheet {
		for _, g := range lines {
			fmt.Fprintln(w, g.Problems[0].String()+g.Suffix(false))
		}
		return
	}
	kept := make([]Problem, 0, len(lines))
	suffix := map[string]string{} // a folded group's first problem → its suffix
	for _, g := range lines {
		kept = append(kept, g.Problems[0])
		if g.Folded() {
			suffix[g.Problems[0].String()] = g.Suffix(true)
		}
	}
	writeSheet(w, kept, func(p Problem) string { return p.SheetString() + suffix[p.String()] })
}

// ruleKey identifies a problem's rule; see the comment at the top.
func ruleKey(p Problem, i int) string {
	if p.Severity == Error {
		return "E\x00" + strconv.Itoa(i) // errors never fold
	}
	return "W\x00" + p.File + "\x00" + p.Field + "\x00" + shape(p.Message)
}

// shape blanks what varies between rows of one rule.
func shape(msg string) string {
	var b strings.Builder
	quoted, run := false, false
	for _, r := range msg {
		switch {
		case r == '“':
			quoted = true
			b.WriteRune(r)
		case r == '”':
			quoted = false
			b.WriteString("…”")
		case quoted:
		case r < 0x80 && (r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '-' || r == '_' || r == '.' || r == ','):
			if !run {
				b.WriteString("#")
			}
			run = true
			continue
		default:
			b.WriteRune(r)
		}
		run = false
	}
	return b.String()
}
