package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/sxwuye/portal/generator/build"
	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/server"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "生成站点并在本机预览；content/、data/、templates/ 或 site.yaml 变化时自动重新生成，生成失败时在浏览器中显示错误。", stderr)
	var sf siteFlags
	sf.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "监听地址（只允许本机回环地址；端口 0 表示任选空闲端口）")
	out := fs.String("out", "", "输出目录（默认为站点根目录下的 public）")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	root, ok := sf.siteRoot(stderr)
	if !ok {
		return ExitInternal
	}
	outDir := *out
	if outDir == "" {
		outDir = filepath.Join(root, "public")
	}
	l, err := server.Listen(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "无法监听 %s：%v\n", *addr, err)
		return ExitInternal
	}
	s := &server.Server{
		Root:  root,
		Out:   outDir,
		Watch: []string{"content", "data", "templates", config.FileName},
		Log:   stderr,
		Build: func() (string, error) {
			res, err := build.Build(build.Options{Root: root, Out: outDir, Env: sf.env()})
			var b strings.Builder
			if res != nil && res.Site != nil {
				printProblems(res.Site.Report, &b, formatSheet, false)
			}
			return b.String(), err
		},
	}
	fmt.Fprintf(stdout, "预览地址：http://%s/\n按 Ctrl+C 停止。\n", l.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := s.Serve(ctx, l); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInternal
	}
	return ExitOK
}
