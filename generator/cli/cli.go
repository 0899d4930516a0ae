// Package cli implements the generator's commands and their Chinese help.
// Exit codes: 0 success, 1 problems in the inputs, 2 usage or internal error.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sxwuye/portal/generator/build"
	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/diag"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitInvalid  = 1
	ExitInternal = 2
)

const usage = `山西省社区物业管理公开平台 站点生成器

用法：
  generator <命令> [选项]

命令：
  build      校验数据并生成站点到 public/（有错误时不发布任何内容）
  validate   只校验 data/*.csv、content/**/*.md 和 site.yaml，不写任何文件
  serve      生成站点并在 127.0.0.1 上预览，文件变化时自动重新生成
  template   为每个数据集生成 Excel 填报模板（下拉选项、检查和填写说明），填好后另存为 CSV
  sample     生成省级或全国规模的演示数据站点（用于测试和基准测试）
  bench      基准测试：生成省级规模数据，测量构建时间、I/O 下限和内存峰值

每个命令都支持 --help 查看选项。
退出码：0 成功；1 输入数据有错误；2 用法错误或内部错误。
`

// Main runs the command line and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitInternal
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(rest, stdout, stderr)
	case "validate":
		return runValidate(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "template":
		return runTemplate(rest, stdout, stderr)
	case "sample":
		return runSample(rest, stdout, stderr)
	case "bench":
		return runBench(rest, stdout, stderr)
	case "bench-floor": // internal: the child process of bench
		return runBenchFloor(rest, stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "未知命令 %q\n\n%s", cmd, usage)
	return ExitInternal
}

// siteFlags are the options every site command shares.
type siteFlags struct {
	config  string
	baseURL string
}

func (s *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.config, "config", config.FileName, "站点配置文件；content/、data/、templates/ 和 public/ 都相对于它所在的文件夹")
	fs.StringVar(&s.baseURL, "base-url", "", "覆盖 site.yaml 中的 base_url（优先于环境变量 PORTAL_BASE_URL）")
}

// root is the folder holding site.yaml.
func (s *siteFlags) root() (string, error) {
	abs, err := filepath.Abs(s.config)
	if err != nil {
		return "", err
	}
	if filepath.Base(abs) != config.FileName {
		return "", fmt.Errorf("--config 须指向名为 %s 的文件，实为 %q", config.FileName, s.config)
	}
	if _, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("找不到站点配置文件 %s（请在站点根目录运行，或用 --config 指定）", s.config)
	}
	return filepath.Dir(abs), nil
}

// siteRoot is root for a command: on an error it prints the message and
// reports false, and the command ends with ExitInternal.
func (s *siteFlags) siteRoot(stderr io.Writer) (string, bool) {
	root, err := s.root()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return "", false
	}
	return root, true
}

// env is the environment with flag overrides on top: flags beat PORTAL_* variables.
func (s *siteFlags) env() func(string) (string, bool) {
	return func(k string) (string, bool) {
		if k == config.EnvPrefix+"_BASE_URL" && s.baseURL != "" {
			return s.baseURL, true
		}
		return os.LookupEnv(k)
	}
}

func newFlagSet(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "用法：generator %s [选项]\n\n%s\n\n选项：\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse handles --help (exit 0) and bad flags (exit 2).
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitInternal, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "多余的参数：%s\n", strings.Join(fs.Args(), " "))
		fs.Usage()
		return ExitInternal, false
	}
	return 0, true
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build", "校验全部输入，生成站点到 public/（先在暂存目录中生成，全部成功后才一次性切换）。", stderr)
	var sf siteFlags
	sf.register(fs)
	out := fs.String("out", "", "输出目录（默认为站点根目录下的 public）")
	verbose := fs.Bool("v", false, "打印每个阶段的耗时")
	all := fs.Bool("all", false, allHelp)
	cpuprofile := fs.String("cpuprofile", "", "把 CPU 性能剖析写入此文件（供开发者用 go tool pprof 分析）")
	memprofile := fs.String("memprofile", "", "把内存分配剖析写入此文件")
	format := fs.String("format", formatSheet, "问题的写法：sheet（按 Excel/WPS 的行号和列字母）或 text（文件:行:列，便于脚本处理）")
	dryRun := fs.Bool("dry-run", false, "试运行：完整生成并与线上网站比较，列出将新增、删除、改变的页面和数据行，但不发布（public/ 保持不变）；摘要另存为 public 旁边的 public.changes.json")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *format != formatSheet && *format != formatText {
		fmt.Fprintf(stderr, "--format 只能是 sheet 或 text，实为 %q\n", *format)
		return ExitInternal
	}
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return ExitInternal
		}
		defer stop()
	}
	if *memprofile != "" {
		defer writeHeapProfile(*memprofile, stderr)
	}
	root, ok := sf.siteRoot(stderr)
	if !ok {
		return ExitInternal
	}
	released := lowerGCTarget()
	o := build.Options{Root: root, Out: *out, Env: sf.env(), Generator: generatorID(), RowsReleased: released,
		Waiting: func(lock string) {
			fmt.Fprintf(stderr, "另一次生成正在写入同一输出目录（锁文件 %s），等它结束后再开始……\n", lock)
		}}
	if *verbose {
		o.Log = stderr
	}
	o.DryRun = *dryRun
	res, err := build.Build(o)
	return report(res, err, stdout, stderr, *format, *all)
}

// report prints the outcome of a build and returns the exit code.
func report(res *build.Result, err error, stdout, stderr io.Writer, format string, all bool) int {
	if res != nil && res.Site != nil {
		printProblems(res.Site.Report, stderr, format, all)
	}
	if errors.Is(err, build.ErrInvalid) {
		e, w := res.Site.Report.Counts()
		fmt.Fprintf(stderr, "发现 %d 个错误、%d 个警告，未发布任何内容（public/ 保持不变）。\n", e, w)
		return ExitInvalid
	}
	if err != nil {
		fmt.Fprintf(stderr, "生成失败，public/ 保持不变：%v\n", err)
		return ExitInternal
	}
	p := res.Publish
	if res.Unchanged {
		fmt.Fprintf(stdout, "输入与上次生成时完全相同，public/ 已是最新（%d 个文件），未写入任何文件。\n", p.Files)
		return ExitOK
	}
	if res.Changes != nil && res.Changes.DryRun {
		fmt.Fprintf(stdout, "试运行完成：共 %d 个页面，未发布任何内容，public/ 保持不变。\n", res.Pages)
	} else {
		fmt.Fprintf(stdout, "已生成 %d 个页面、共 %d 个文件（新写入 %d，沿用 %d，未变 %d，删除 %d）。\n",
			res.Pages, p.Files, p.Written, p.Linked, p.Unchanged, p.Deleted)
	}
	// Last lines: what changed on the site, for the reviewer.
	if res.Changes != nil {
		for _, l := range res.Changes.Lines() {
			fmt.Fprintln(stdout, l)
		}
	}
	for _, s := range res.Slower {
		fmt.Fprintln(stderr, "提示："+s)
	}
	return ExitOK
}

// Problem formats: sheet is for people who edit the CSV files in Excel or
// WPS (row, column letter, knock-on problems under their cause); text is the
// machine form, file:line:column, one problem a line, for scripts and CI.
const (
	formatSheet = "sheet"
	formatText  = "text"
	formatJSON  = "json"
)

// allHelp is the --all option of build and validate.
const allHelp = "逐条列出全部警告（默认同一规则的大量警告合并为一行，只写总数和前几处）"

// printProblems prints the problems; unless all, each rule's many warnings
// fold into one line (diag.WriteFolded).
func printProblems(rep *diag.Report, w io.Writer, format string, all bool) {
	if !all {
		diag.WriteFolded(w, rep.Problems(), format == formatSheet)
		return
	}
	if format == formatSheet {
		diag.WriteSheet(w, rep.Problems())
		return
	}
	for _, p := range rep.Problems() {
		fmt.Fprintln(w, p.String())
	}
}

func runValidate(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("validate", "校验 site.yaml、data/*.csv 和 content/**/*.md，一次列出全部问题，不写任何文件。", stderr)
	var sf siteFlags
	sf.register(fs)
	format := fs.String("format", formatSheet, "输出格式：sheet（按 Excel/WPS 的行号和列字母，默认）、text（文件:行:列）或 json（便于在持续集成中标注问题）")
	all := fs.Bool("all", false, allHelp)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *format != formatSheet && *format != formatText && *format != formatJSON {
		fmt.Fprintf(stderr, "--format 只能是 sheet、text 或 json，实为 %q\n", *format)
		return ExitInternal
	}
	root, ok := sf.siteRoot(stderr)
	if !ok {
		return ExitInternal
	}
	// The same memory bounds as build: validating a large file holds every
	// cell at once, and the default collector target would double that.
	lowerGCTarget()
	site, err := build.Load(build.Options{Root: root, Env: sf.env()})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInternal
	}
	errs, warns := site.Report.Counts()
	var rows map[string]int
	if site.Data != nil {
		rows = site.Data.Rows
	}
	if *format == "json" {
		writeJSON(stdout, site.Report.Problems(), *all, rows, errs, warns)
	} else {
		printProblems(site.Report, stdout, *format, *all)
		fmt.Fprintln(stdout, summary(site, errs, warns))
	}
	if errs > 0 {
		return ExitInvalid
	}
	return ExitOK
}

func summary(site *build.Site, errs, warns int) string {
	if site.Data == nil {
		return fmt.Sprintf("校验未通过：站点配置有错误，数据和文档要等它改正后才能校验；错误 %d 个，警告 %d 个。", errs, warns)
	}
	status := "校验通过"
	if errs > 0 {
		status = "校验未通过"
	}
	return fmt.Sprintf("%s：%s，文档 %d 篇；错误 %d 个，警告 %d 个。", status, site.Data.Summary(), len(site.Docs), errs, warns)
}

type jsonProblem struct {
	Severity string `json:"severity"`
	diag.Problem
	// A folded warning stands for Count problems of its rule (itself
	// included), the first at Places ("line:column").
	Count  int      `json:"count,omitempty"`
	Places []string `json:"places,omitempty"`
}

// writeJSON writes the problems, each rule's many warnings folded into its
// first unless all; the totals always count every problem.
func writeJSON(w io.Writer, probs []diag.Problem, all bool, rows map[string]int, errs, warns int) {
	out := struct {
		Problems []jsonProblem  `json:"problems"`
		Folded   bool           `json:"folded,omitempty"`
		Rows     map[string]int `json:"rows,omitempty"`
		Errors   int            `json:"errors"`
		Warnings int            `json:"warnings"`
	}{Problems: []jsonProblem{}, Rows: rows, Errors: errs, Warnings: warns}
	lines := diag.Lines(probs)
	if all {
		lines = lines[:0]
		for _, p := range probs {
			lines = append(lines, diag.RuleGroup{Problems: []diag.Problem{p}})
		}
	}
	for _, g := range lines {
		p := g.Problems[0]
		jp := jsonProblem{Severity: p.Severity.String(), Problem: p}
		if g.Folded() {
			out.Folded, jp.Count, jp.Places = true, len(g.Problems), g.Places(false)
		}
		out.Problems = append(out.Problems, jp)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out)
}
