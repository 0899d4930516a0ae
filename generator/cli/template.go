package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sxwuye/portal/generator/build"
	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/entry"
)

// runTemplate writes an XLSX entry workbook per dataset.
func runTemplate(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("template", "为每个数据集生成一个 Excel 填报模板（.xlsx）：中文列名、下拉选项、数值和日期检查、填写说明；\n在 Excel 或 WPS 中填好后另存为 CSV，放入 data/ 即可。", stderr)
	var sf siteFlags
	sf.register(fs)
	out := fs.String("out", "entry-templates", "模板保存到的文件夹")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	root, ok := sf.siteRoot(stderr)
	if !ok {
		return ExitInternal
	}
	// The drop-downs offer the site's own regions, periods and grades; data
	// with problems still gives its regions, so a template can help fix them.
	site, err := build.Load(build.Options{Root: root, Env: sf.env()})
	if err != nil {
		var cerr config.Errors
		if errors.As(err, &cerr) {
			for _, e := range cerr {
				fmt.Fprintln(stderr, e.Error())
			}
			return ExitInvalid
		}
		fmt.Fprintln(stderr, err)
		return ExitInternal
	}
	if site.Config == nil || site.Data == nil { // site.yaml has problems: nothing to offer
		printProblems(site.Report, stderr, formatSheet, false)
		fmt.Fprintln(stderr, "站点配置有错误，未生成模板。")
		return ExitInvalid
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInternal
	}
	in := entry.Inputs{Config: site.Config, Regions: site.Data.Regions}
	for _, s := range dataset.Schemas {
		f, err := entry.Workbook(s, in)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return ExitInternal
		}
		p := filepath.Join(*out, s.Name+".xlsx")
		buf, err := f.WriteToBuffer()
		_ = f.Close()
		if err == nil {
			err = os.WriteFile(p, buf.Bytes(), 0o644)
		}
		if err != nil {
			fmt.Fprintln(stderr, err)
			return ExitInternal
		}
		fmt.Fprintf(stdout, "%s：%s（填好后另存为 CSV，文件名 %s）\n", s.Title, p, filepath.Base(s.File))
	}
	return ExitOK
}
