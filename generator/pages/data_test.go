package pages_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sxwuye/portal/generator/build"
	"github.com/sxwuye/portal/generator/opendata"
	"github.com/sxwuye/portal/generator/pages"
	"github.com/sxwuye/portal/generator/sample"
)

// Sentinels planted in the private columns; neither may reach any output.
const (
	sentinelPerson = "哨兵联系人Zq7"
	sentinelMobile = "19987654321"
)

// buildSentinelSite writes the sample site into a temporary folder, plants
// the sentinels in every enterprise's private columns and builds it.
func buildSentinelSite(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("whole-site build")
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	dir := t.TempDir()
	if err := sample.Write(dir, sample.ScaleSample, sample.DefaultSeed, os.DirFS(root)); err != nil {
		t.Fatal(err)
	}
	meta, err := os.ReadFile(filepath.Join(root, opendata.MetaFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, opendata.MetaFile), meta, 0o644); err != nil {
		t.Fatal(err)
	}
	ent := filepath.Join(dir, "data", "enterprises.csv")
	b, err := os.ReadFile(ent)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if lines[0] != "id,name,credit_code,region_code,party_org,party_org_date,status,service_phone,contact_person,contact_mobile" {
		t.Fatalf("enterprises.csv header changed: %s", lines[0])
	}
	for i := 1; i < len(lines); i++ {
		f := strings.Split(lines[i], ",")
		f[8], f[9] = sentinelPerson, sentinelMobile
		lines[i] = strings.Join(f, ",")
	}
	if err := os.WriteFile(ent, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	res, err := build.Build(build.Options{Root: dir, Out: out})
	if err != nil {
		if res != nil && res.Site != nil {
			for _, p := range res.Site.Report.Problems() {
				t.Log(p)
			}
		}
		t.Fatal(err)
	}
	// public/ is a symlink to the published tree.
	real, err := filepath.EvalSymlinks(out)
	if err != nil {
		t.Fatal(err)
	}
	return real
}

func TestDataPagesAndPrivateSentinel(t *testing.T) {
	out := buildSentinelSite(t)

	// No file of the site carries a sentinel, including inside XLSX archives.
	var scanned int
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		scanned++
		check := func(name string, b []byte) {
			for _, s := range []string{sentinelPerson, sentinelMobile} {
				if bytes.Contains(b, []byte(s)) {
					t.Errorf("%s contains private sentinel %q", name, s)
				}
			}
		}
		check(p, b)
		if strings.HasSuffix(p, ".xlsx") {
			z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Errorf("%s: %v", p, err)
				return nil
			}
			for _, f := range z.File {
				r, _ := f.Open()
				inner, _ := io.ReadAll(r)
				r.Close()
				check(p+"!"+f.Name, inner)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if scanned < 100 {
		t.Fatalf("only %d files scanned", scanned)
	}

	// Every dataset page lists its downloads with the true size and SHA-256.
	row := regexp.MustCompile(`<a href="([^"]+)" download>[^<]*</a></th><td class="num"[^>]* data-bytes="(\d+)">[^<]*</td><td[^>]*>[^<]*<br><span class="meta">[^<]* 字节，SHA-256：<code class="hash">([0-9a-f]{64})</code>`)
	for _, name := range []string{"regions", "enterprises", "communities", "evaluations", "progress"} {
		page, err := os.ReadFile(filepath.Join(out, "data", name, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		ms := row.FindAllStringSubmatch(string(page), -1)
		if len(ms) != len(opendata.Formats) {
			t.Errorf("/data/%s/: %d download rows, want %d", name, len(ms), len(opendata.Formats))
		}
		for _, m := range ms {
			file := filepath.Join(out, "data", name, filepath.FromSlash(m[1]))
			b, err := os.ReadFile(file)
			if err != nil {
				t.Errorf("/data/%s/ links %s: %v", name, m[1], err)
				continue
			}
			sum := sha256.Sum256(b)
			if n, _ := strconv.Atoi(m[2]); n != len(b) || m[3] != hex.EncodeToString(sum[:]) {
				t.Errorf("/data/%s/%s: page says %s bytes %s, file has %d bytes %x", name, m[1], m[2], m[3], len(b), sum)
			}
		}
		// Every scrolling table box is a region named by its table's caption.
		wraps := strings.Count(string(page), `class="table-wrap"`)
		regions := regexp.MustCompile(`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="([^"]+)">\s*<table[^>]*>\s*<caption id="([^"]+)">`).FindAllStringSubmatch(string(page), -1)
		if wraps == 0 || len(regions) != wraps {
			t.Errorf("/data/%s/: %d of %d table boxes are regions labelled by their caption", name, len(regions), wraps)
		}
		ids := map[string]bool{}
		for _, m := range regions {
			if m[1] != m[2] || ids[m[1]] {
				t.Errorf("/data/%s/: region labelled %q, caption id %q (ids must be unique)", name, m[1], m[2])
			}
			ids[m[1]] = true
		}
		// The time range reads as words; ISO intervals stay in the catalogs.
		if m := regexp.MustCompile(`<dt>时间范围</dt><dd>([^<]*)</dd>`).FindStringSubmatch(string(page)); m != nil &&
			!regexp.MustCompile(`^\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}$`).MatchString(m[1]) {
			t.Errorf("/data/%s/: 时间范围 %q, want \"YYYY-MM-DD 至 YYYY-MM-DD\"", name, m[1])
		}
		// Versions are named by date for people, the commit secondary;
		// the citation names the version by its date.
		if !regexp.MustCompile(`<dt>当前版本</dt><dd>\d{4}-\d{2}-\d{2} 版`).Match(page) ||
			!regexp.MustCompile(`（\d{4}-\d{2}-\d{2} 版）\[DS/OL\]`).Match(page) {
			t.Errorf("/data/%s/: the version is not named by its date in the facts and the citation", name)
		}
		for _, want := range []string{`"@type":"Dataset"`, `"@type":"DataDownload"`, "数据字典", "版本记录", "[DS/OL]", "[引用日期]", "<caption", "选哪个文件"} {
			if !strings.Contains(string(page), want) {
				t.Errorf("/data/%s/ lacks %s", name, want)
			}
		}
	}
	// The catalog and its theme pages list the datasets without JavaScript.
	catalog, err := os.ReadFile(filepath.Join(out, "data", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"regions/", "enterprises/", "communities/", "evaluations/", "progress/", "theme/property-management/", "catalog.json", "datapackage.json", "../data.json", "feed.xml"} {
		if !strings.Contains(string(catalog), `href="`+name+`"`) {
			t.Errorf("/data/ does not link %s", name)
		}
	}
	theme, err := os.ReadFile(filepath.Join(out, "data", "theme", "service-evaluation", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(theme), `href="../../evaluations/"`) || strings.Contains(string(theme), `href="../../regions/"`) {
		t.Error("theme page 服务评价 does not list exactly its datasets")
	}
}

func TestDatasetCitation(t *testing.T) {
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	d := func(publisher string, versions ...opendata.Version) *opendata.DatasetInfo {
		info := &opendata.DatasetInfo{Versions: versions, Modified: day}
		info.Title, info.Publisher = "示例数据集", publisher
		return info
	}
	const url = "https://x.example/data/a/"
	tests := []struct {
		name string
		d    *opendata.DatasetInfo
		want string
	}{
		{"the version is named by its date, not its commit", d("示例专班。", opendata.Version{Short: "f3f64b3", Date: day}),
			"示例专班. 示例数据集（2026-11-27 版）[DS/OL]. (2026-11-27)[引用日期]. https://x.example/data/a/."},
		{"outside git too", d("示例专班", opendata.Version{Date: day}),
			"示例专班. 示例数据集（2026-11-27 版）[DS/OL]. (2026-11-27)[引用日期]. https://x.example/data/a/."},
		{"no publisher", d("", opendata.Version{Short: "abc1234", Date: day}),
			"示例数据集（2026-11-27 版）[DS/OL]. (2026-11-27)[引用日期]. https://x.example/data/a/."},
		{"no version", d("示例专班"),
			"示例专班. 示例数据集[DS/OL]. (2026-11-27)[引用日期]. https://x.example/data/a/."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pages.DatasetCitation(tt.d, url); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
