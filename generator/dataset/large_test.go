package dataset_test

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/diag"
	"github.com/sxwuye/portal/generator/sample"
)

// largeCommunitiesBytes is the size of the communities file that the
// validation memory target (under 1 GB peak RSS for validate and for a
// refusing build) is measured on: about 1.48 million rows.
const largeCommunitiesBytes = 200_000_000

// largePlanted are the problems enlargeCommunities plants, one message each.
var largePlanted = []struct{ field, message string }{
	{"occupancy_rate", "应在 0 到 100 之间"},
	{"id", "不得与第 2 行重复"},
	{"region_code", "应为以 14 开头的 6 位数字区划代码"},
	{"region_code", "应为行政区划（data/regions.csv）中已有的区划代码"},
	{"households", "应为整数"},
}

// enlargeCommunities rewrites a site's data/communities.csv (a national
// sample's, about 235,000 rows) until it holds at least size bytes: the rows
// are repeated with fresh ids (C followed by the row number) and names with
// a phase suffix (示例·东和平小区二期, unique within their county), every
// other cell as it was, so every region code and company id still exists.
// The last rows carry largePlanted, so that build refuses the file. It
// returns the number of data rows written.
func enlargeCommunities(site string, size int64) (int, error) {
	path := filepath.Join(site, "data", "communities.csv")
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		return 0, err
	}
	header, rows := recs[0], recs[1:]
	col := map[string]int{}
	for j, h := range header {
		col[h] = j
	}
	out, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: out}
	bw := bufio.NewWriterSize(cw, 1<<20)
	w := csv.NewWriter(bw)
	if err := w.Write(header); err != nil {
		return 0, err
	}
	n := 0
	write := func(rec []string) error {
		n++
		return w.Write(rec)
	}
	rec := make([]string, len(header))
	for phase := 1; ; phase++ {
		for _, r := range rows {
			copy(rec, r)
			if phase > 1 {
				rec[col["id"]] = "C" + strconv.Itoa(n+1)
				rec[col["name"]] += strconv.Itoa(phase) + "期"
			}
			if err := write(rec); err != nil {
				return 0, err
			}
			w.Flush() // into bw, so that the size so far is known
			if cw.n+int64(bw.Buffered()) >= size {
				goto planted
			}
		}
	}
planted:
	// The planted problems, on copies of the first row.
	bad := func(phase string, set func([]string)) error {
		copy(rec, rows[0])
		rec[col["id"]] = "C" + strconv.Itoa(n+1)
		rec[col["name"]] += phase
		set(rec)
		return write(rec)
	}
	for _, err := range []error{
		bad("甲期", func(r []string) { r[col["occupancy_rate"]] = "120" }),
		bad("乙期", func(r []string) { r[col["id"]] = rows[0][col["id"]] }),
		bad("丙期", func(r []string) { r[col["region_code"]] = "99999" }),
		bad("丁期", func(r []string) { r[col["region_code"]] = "149999" }),
		bad("戊期", func(r []string) { r[col["households"]] = "三百" }),
	} {
		if err != nil {
			return 0, err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return n, out.Close()
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// BenchmarkLoadRefusingLarge loads a national sample whose communities file
// is enlarged to 200 MB with a few bad cells (enlargeCommunities), checks
// that exactly the planted problems are reported, and reports the peak heap
// of Load. Setting PORTAL_LARGE_SITE to a folder writes the whole site there
// instead of a temporary folder and keeps it, to measure the commands'
// peak RSS (Maximum resident set size):
//
//	PORTAL_LARGE_SITE=/tmp/large go test ./generator/dataset -run '^$' -bench LoadRefusingLarge -benchtime 1x
//	go build -o /tmp/generator ./generator
//	cd /tmp/large && /usr/bin/time -v /tmp/generator validate 2>&1 | grep Maximum
//	cd /tmp/large && /usr/bin/time -v /tmp/generator build 2>&1 | grep Maximum
func BenchmarkLoadRefusingLarge(b *testing.B) {
	project := os.DirFS(filepath.Join("..", ".."))
	dir := os.Getenv("PORTAL_LARGE_SITE")
	if dir == "" {
		dir = b.TempDir()
	}
	if err := sample.Write(dir, sample.ScaleNational, sample.DefaultSeed, project); err != nil {
		b.Fatal(err)
	}
	rows, err := enlargeCommunities(dir, largeCommunitiesBytes)
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(os.DirFS(dir), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(rows), "rows")
	site := os.DirFS(dir)
	var peak uint64
	for b.Loop() {
		peak = max(peak, heapPeak(func() {
			rep := &diag.Report{}
			set := dataset.Load(site, dataset.Options{Config: cfg}, rep)
			if got := set.Rows[dataset.Communities]; got != rows {
				b.Fatalf("%d community rows read, want %d", got, rows)
			}
			checkPlanted(b, rep)
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

// heapPeak runs f and returns the largest heap (live objects and those not
// yet swept) seen while it ran, sampled every millisecond.
func heapPeak(f func()) uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak atomic.Uint64
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(done)
	<-stopped
	return peak.Load()
}

// checkPlanted requires the report's errors to be the planted problems.
func checkPlanted(b *testing.B, rep *diag.Report) {
	var ps []diag.Problem
	for _, p := range rep.Problems() {
		if p.Severity == diag.Error {
			ps = append(ps, p)
		}
	}
	if len(ps) != len(largePlanted) {
		for _, p := range ps {
			b.Log(p)
		}
		b.Fatalf("%d problems, want the %d planted", len(ps), len(largePlanted))
	}
	for i, want := range largePlanted {
		p := ps[i]
		if p.File != "data/communities.csv" || !strings.Contains(p.Field, want.field) || !strings.Contains(p.Message, want.message) {
			b.Errorf("problem %d: %s, want %s: %s…", i+1, fmt.Sprint(p), want.field, want.message)
		}
	}
}
