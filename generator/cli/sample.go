package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sxwuye/portal/generator/sample"
)

func runSample(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("sample", "生成一个完整、可直接构建的演示站点（虚构数据，形状与通知一致）：data/、content/、site.yaml 和 templates/。", stderr)
	var sf siteFlags
	sf.register(fs)
	scale := fs.String("scale", "province", "规模：sample（随站点发布的示例，几百个小区）、province（23,494 个小区）或 national（十倍）")
	out := fs.String("out", "", "输出目录（必填；会写入 data/、content/、templates/ 和 site.yaml）")
	seed := fs.Int64("seed", sample.DefaultSeed, "随机种子：相同的种子生成逐字节相同的数据")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "请用 --out 指定输出目录")
		fs.Usage()
		return ExitInternal
	}
	sc := sample.Scale(*scale)
	if sc != sample.ScaleSample && sc != sample.ScaleProvince && sc != sample.ScaleNational {
		fmt.Fprintf(stderr, "--scale 只能是 sample、province 或 national，实为 %q\n", *scale)
		return ExitInternal
	}
	root, ok := sf.siteRoot(stderr)
	if !ok {
		return ExitInternal
	}
	start := time.Now()
	if err := sample.Write(*out, sc, *seed, os.DirFS(root)); err != nil {
		fmt.Fprintf(stderr, "生成演示数据失败：%v\n", err)
		return ExitInternal
	}
	fmt.Fprintf(stdout, "已在 %s 生成 %s 规模的演示站点（%s）。构建：cd %s && generator build\n", *out, *scale, time.Since(start).Round(time.Millisecond), *out)
	return ExitOK
}
