package config

import (
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sxwuye/portal/generator/diag"
)

// AddTo records every problem in rep, so that config problems are printed,
// counted and written to JSON like those of every other input.
func (es Errors) AddTo(rep *diag.Report) {
	for _, e := range es {
		rep.Errorf(e.File, e.Line, e.Col, e.Key, nil, "%s", e.Msg)
	}
}

var yamlLineRe = regexp.MustCompile(`line (\d+): (.*)$`)

// syntaxError turns a YAML parse error into a problem at its line.
func syntaxError(err error) Error {
	e := Error{File: FileName, Msg: "YAML 格式错误，请检查这一行及上一行的缩进、冒号、引号和括号是否成对"}
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
	}
	return e
}

var typeErrRe = regexp.MustCompile(`^'([^']*)' (.*)$`)

// typeErrors splits a decoding error into one problem per key, in Chinese.
func typeErrors(err error) Errors {
	var es Errors
	for _, line := range strings.Split(err.Error(), "\n") {
		m := typeErrRe.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		msg := "值的类型不对"
		switch detail := m[2]; {
		case strings.Contains(detail, "'bool'"):
			msg = "应为 true 或 false"
		case strings.Contains(detail, "'float"), strings.Contains(detail, "'int"), strings.Contains(detail, "'uint"):
			msg = "应为数字"
		case strings.Contains(detail, "slice"), strings.Contains(detail, "array"):
			msg = "应为列表"
		case strings.Contains(detail, "map"), strings.Contains(detail, "struct"):
			msg = "应为若干“键: 值”组成的一组设置"
		case !strings.Contains(detail, "cannot"):
			msg = detail // the decode hooks already speak Chinese
		}
		es = append(es, Error{File: FileName, Key: m[1], Msg: msg})
	}
	if len(es) == 0 {
		es = Errors{{File: FileName, Msg: "配置值的类型不对，请对照随附的 site.yaml 检查"}}
	}
	return es
}

// locate fills in the line and column of each problem's key in raw.
func locate(raw []byte, es Errors) Errors {
	var doc yaml.Node
	if yaml.Unmarshal(raw, &doc) != nil || len(doc.Content) == 0 {
		return es
	}
	for i := range es {
		if es[i].Key != "" && es[i].Line == 0 {
			es[i].Line, es[i].Col = position(doc.Content[0], es[i].Key)
		}
	}
	return es
}

var keyPartRe = regexp.MustCompile(`[^.\[\]]+|\[\d+\]`)

// position finds a key such as "evaluation.periods[0].notice_end" in a YAML
// tree; when only a prefix exists it returns where that prefix is, so the
// reader lands on the mapping that lacks or misspells it.
func position(n *yaml.Node, key string) (line, col int) {
	line, col = n.Line, n.Column
	for _, part := range keyPartRe.FindAllString(key, -1) {
		if strings.HasPrefix(part, "[") {
			i, _ := strconv.Atoi(strings.Trim(part, "[]"))
			if n.Kind != yaml.SequenceNode || i >= len(n.Content) {
				return line, col
			}
			n = n.Content[i]
			line, col = n.Line, n.Column
			continue
		}
		if n.Kind != yaml.MappingNode {
			return line, col
		}
		found := false
		for j := 0; j+1 < len(n.Content); j += 2 {
			if strings.EqualFold(n.Content[j].Value, part) {
				line, col = n.Content[j].Line, n.Content[j].Column
				n = n.Content[j+1]
				found = true
				break
			}
		}
		if !found {
			return line, col
		}
	}
	return line, col
}

// Place returns where key (e.g. "evaluation.periods[1].basis") is written in
// site.yaml, for checks made after loading; 0, 0 when it is not there.
func (c *Config) Place(key string) (line, col int) {
	if c == nil {
		return 0, 0
	}
	es := locate(c.raw, Errors{{Key: key}})
	return es[0].Line, es[0].Col
}
