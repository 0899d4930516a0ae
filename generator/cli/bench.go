package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/sxwuye/portal/generator/internal/cputime"
	"github.com/sxwuye/portal/generator/sample"
)

// runBench measures a full build at scale against its I/O floor: the time to
// write the very same files (bytes already in memory, one writer per core,
// mkdir + write) into an empty folder, measured in the same run, interleaved
// with the builds so disk noise hits both alike.
func runBench(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("bench", "基准测试：生成演示数据，多次全新构建到空目录，与同一批输出文件的纯写入时间（I/O 下限）交替测量，报告耗时、比值、每秒页数和内存峰值。", stderr)
	var sf siteFlags
	sf.register(fs)
	scale := fs.String("scale", "province", "规模：province 或 national")
	runs := fs.Int("runs", 3, "构建与 I/O 下限各测量几次")
	dir := fs.String("dir", "", "工作目录（默认新建临时目录，结束后删除）")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	root, ok := sf.siteRoot(stderr)
	if !ok {
		return ExitInternal
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInternal
	}
	work := *dir
	if work == "" {
		work, err = os.MkdirTemp("", "portal-bench-")
		if err != nil {
			fmt.Fprintln(stderr, err)
			return ExitInternal
		}
		defer os.RemoveAll(work)
	}
	siteDir := filepath.Join(work, "site")
	start := time.Now()
	if err := sample.Write(siteDir, sample.Scale(*scale), sample.DefaultSeed, os.DirFS(root)); err != nil {
		fmt.Fprintf(stderr, "生成演示数据失败：%v\n", err)
		return ExitInternal
	}
	fmt.Fprintf(stdout, "规模 %s：演示数据生成 %s；CPU %d 核\n", *scale, time.Since(start).Round(time.Millisecond), runtime.NumCPU())

	var builds, floors, buildCPUs, floorCPUs []time.Duration
	var rss []int64
	var nfiles, pages int
	var bytes int64
	for i := 0; i < *runs; i++ {
		out := filepath.Join(work, fmt.Sprintf("out-%d", i), "public")
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			fmt.Fprintln(stderr, err)
			return ExitInternal
		}
		cmd := exec.Command(exe, "build", "--config", filepath.Join(siteDir, "site.yaml"), "--out", out)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1671321600")
		cmd.Stderr = stderr
		settle()
		t0 := time.Now()
		if err := cmd.Run(); err != nil {
			fmt.Fprintf(stderr, "构建失败：%v\n", err)
			return ExitInternal
		}
		wall := time.Since(t0)
		builds = append(builds, wall)
		buildCPU := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		buildCPUs = append(buildCPUs, buildCPU)
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = append(rss, ru.Maxrss) // KiB on Linux
		}
		if pages == 0 {
			nfiles, pages, bytes = countTree(out)
		}
		floorDir := filepath.Join(work, fmt.Sprintf("floor-%d", i))
		settle()
		floor, floorCPU, err := measureFloor(exe, out, floorDir)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return ExitInternal
		}
		floors = append(floors, floor)
		floorCPUs = append(floorCPUs, floorCPU)
		fmt.Fprintf(stdout, "第 %d 次：构建 %s（CPU %s），I/O 下限 %s（CPU %s），比值 %.2f，峰值内存 %.0f MB\n", i+1,
			wall.Round(time.Millisecond), buildCPU.Round(time.Millisecond), floor.Round(time.Millisecond), floorCPU.Round(time.Millisecond),
			wall.Seconds()/floor.Seconds(), float64(last(rss))/1024)
	}
	// A rebuild with nothing changed, into the last output.
	lastOut := filepath.Join(work, fmt.Sprintf("out-%d", *runs-1), "public")
	cmd := exec.Command(exe, "build", "--config", filepath.Join(siteDir, "site.yaml"), "--out", lastOut)
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1671321600")
	t0 := time.Now()
	msg, err := cmd.Output()
	if err != nil {
		fmt.Fprintf(stderr, "重复构建失败：%v\n", err)
		return ExitInternal
	}
	rebuild := time.Since(t0)
	// Only now are the trees of all runs removed: see settle.
	for i := 0; i < *runs; i++ {
		_ = os.RemoveAll(filepath.Join(work, fmt.Sprintf("floor-%d", i)))
		_ = os.RemoveAll(filepath.Join(work, fmt.Sprintf("out-%d", i)))
	}

	mb, mf := median(builds), median(floors)
	fmt.Fprintf(stdout, "\n文件 %d 个（页面 %d 个），共 %.1f MB\n", nfiles, pages, float64(bytes)/1e6)
	fmt.Fprintf(stdout, "构建耗时中位数 %s；I/O 下限中位数 %s；比值 %.2f（目标 ≤ 1.5）\n", mb.Round(time.Millisecond), mf.Round(time.Millisecond), mb.Seconds()/mf.Seconds())
	// The CPU line says where the time goes: writing into the page cache
	// is itself CPU work (the floor's), and all the rest of the build's
	// CPU comes on top of it on the same cores.
	fmt.Fprintf(stdout, "CPU 时间中位数：构建 %s，I/O 下限 %s（%d 核）\n", median(buildCPUs).Round(time.Millisecond), median(floorCPUs).Round(time.Millisecond), runtime.NumCPU())
	fmt.Fprintf(stdout, "每秒页数 %.0f；峰值内存 %.0f MB\n", float64(pages)/mb.Seconds(), float64(maxOf(rss))/1024)
	fmt.Fprintf(stdout, "无变化重建 %s（全新构建的 %.0f%%）：%s", rebuild.Round(time.Millisecond), 100*rebuild.Seconds()/mb.Seconds(), msg)
	return ExitOK
}

// settle gives every timed step the same start: no dirty pages of an
// earlier step left to be written back during it. And no tree is deleted
// between steps: on ext4 without a journal (these machines), creating a file
// skips inodes freed in the last minutes, checking each one, so a step that
// follows the deletion of 28,000 files pays seconds more than one that
// does not; deleting between steps would charge that to whichever step
// comes next instead of to neither.
func settle() { syscall.Sync() }

type benchFile struct {
	rel  string
	data []byte
}

func readTree(root string) ([]benchFile, int) {
	var files []benchFile
	pages := 0
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, 0
	}
	_ = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(real, p)
		files = append(files, benchFile{rel: rel, data: b})
		if filepath.Ext(p) == ".html" {
			pages++
		}
		return nil
	})
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, pages
}

// writeFloor writes files into dir with one writer per core: mkdir + write,
// nothing else. It is the least any build of this output can take.
func writeFloor(dir string, files []benchFile) (time.Duration, error) {
	start := time.Now()
	workers := runtime.NumCPU()
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			made := map[string]bool{}
			for i := w; i < len(files); i += workers {
				p := filepath.Join(dir, files[i].rel)
				d := filepath.Dir(p)
				if !made[d] {
					if err := os.MkdirAll(d, 0o755); err != nil {
						errs <- err
						return
					}
					made[d] = true
				}
				if err := os.WriteFile(p, files[i].data, 0o644); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		return 0, err
	}
	return time.Since(start), nil
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func last(xs []int64) int64 {
	if len(xs) == 0 {
		return 0
	}
	return xs[len(xs)-1]
}

func maxOf(xs []int64) int64 {
	var m int64
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// countTree counts the files, pages and bytes of a built site.
func countTree(root string) (files, pages int, bytes int64) {
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return 0, 0, 0
	}
	_ = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		files++
		if filepath.Ext(p) == ".html" {
			pages++
		}
		if info, err := d.Info(); err == nil {
			bytes += info.Size()
		}
		return nil
	})
	return files, pages, bytes
}

// measureFloor runs the floor measurement in a child process: Linux counts
// the parent's memory high-water mark into a child's peak RSS, so the
// parent must never hold the site's bytes itself.
func measureFloor(exe, src, dst string) (wall, cpu time.Duration, err error) {
	out, err := exec.Command(exe, "bench-floor", src, dst).Output()
	if err != nil {
		return 0, 0, fmt.Errorf("测量 I/O 下限失败：%w", err)
	}
	w, c, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	if wall, err = time.ParseDuration(w); err != nil {
		return 0, 0, err
	}
	if cpu, err = time.ParseDuration(c); err != nil {
		return 0, 0, err
	}
	return wall, cpu, nil
}

// runBenchFloor is the child of measureFloor: it reads every file of src
// into memory (not timed), then times writing them under dst, and prints
// the wall time and the CPU time (user and system) of the writing.
func runBenchFloor(args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 {
		fmt.Fprintln(stderr, "用法：generator bench-floor <已生成的站点> <空目录>（由 bench 内部调用）")
		return ExitInternal
	}
	files, _ := readTree(args[0])
	before, _ := cputime.Process()
	d, err := writeFloor(args[1], files)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInternal
	}
	after, _ := cputime.Process()
	fmt.Fprintln(stdout, d.String(), (after - before).String())
	return ExitOK
}
