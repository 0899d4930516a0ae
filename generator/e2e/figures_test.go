package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/sxwuye/portal/generator/build"
	"github.com/sxwuye/portal/generator/internal/htmlcheck"
	"github.com/sxwuye/portal/generator/model"
)

// publishedText returns every published text file of the shared sample
// build by site path.
func publishedText(t *testing.T) map[string]string {
	t.Helper()
	servedSample(t)
	root, err := filepath.EvalSymlinks(filepath.Join(siteDir, "public")) // public is a symlink to the live tree
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".html", ".json", ".xml", ".txt", ".csv", ".js":
		default:
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out["/"+filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReconciliationIsNotPublished: the ledger-versus-report check sits
// beside the output for administrators; nothing published carries it or
// links it.
func TestReconciliationIsNotPublished(t *testing.T) {
	files := publishedText(t)
	report := build.LedgerReportPath(filepath.Join(siteDir, "public"))
	if b, err := os.ReadFile(report); err != nil || !strings.Contains(string(b), "不发布") {
		t.Errorf("no reconciliation report beside the output: %v", err)
	}
	if len(files) < 500 {
		t.Fatalf("only %d published files", len(files))
	}
	for path, text := range files {
		for _, note := range htmlcheck.ReconciliationNotes {
			if strings.Contains(text, note) {
				t.Errorf("%s carries %q", path, note)
			}
		}
	}
}

// figPages parses every published page of the shared sample build.
func figPages(t *testing.T) map[string]*html.Node {
	t.Helper()
	out := map[string]*html.Node{}
	for path, text := range publishedText(t) {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		doc, err := htmlcheck.Parse([]byte(text))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out[path] = doc
	}
	return out
}

// TestOneValuePerIndicator: every figure the site publishes is marked with
// its indicator, place and date; across all pages each such figure has one
// value, the page names the indicator as the model defines it, and links its
// 口径 on the indicators page.
func TestOneValuePerIndicator(t *testing.T) {
	docs := figPages(t)
	byID := map[string]model.Indicator{}
	for _, ind := range model.Indicators() {
		byID[ind.ID] = ind
	}
	type key struct{ ind, place, asOf string }
	values := map[key]map[string][]string{} // figure → shown text → pages
	shown := map[string]int{}               // indicator → pages
	for path, doc := range docs {
		figs := htmlcheck.Find(doc, "data.fig")
		if len(figs) == 0 {
			continue
		}
		text := htmlcheck.Text(doc)
		linked := map[string]bool{}
		for _, a := range htmlcheck.Find(doc, "a") {
			href, _ := htmlcheck.Attr(a, "href")
			if i := strings.Index(href, "indicators/"); i >= 0 && (i == 0 || href[i-1] == '/') {
				_, frag, _ := strings.Cut(href, "#")
				linked[frag] = true
			}
		}
		seen := map[string]bool{}
		for _, f := range figs {
			id, _ := htmlcheck.Attr(f, "data-ind")
			place, _ := htmlcheck.Attr(f, "data-place")
			asOf, _ := htmlcheck.Attr(f, "data-asof")
			ind, ok := byID[id]
			if !ok || place == "" || asOf == "" {
				t.Errorf("%s: figure %q marked %q/%q/%q", path, htmlcheck.Text(f), id, place, asOf)
				continue
			}
			k := key{id, place, asOf}
			if values[k] == nil {
				values[k] = map[string][]string{}
			}
			v := htmlcheck.Text(f)
			values[k][v] = append(values[k][v], path)
			if seen[id] {
				continue
			}
			seen[id] = true
			shown[id]++
			if !strings.Contains(text, ind.Name) {
				t.Errorf("%s shows %s without its name %q", path, id, ind.Name)
			}
			if !linked[id] && !linked[""] && path != "/indicators/index.html" {
				t.Errorf("%s shows %s without a link to its 口径", path, id)
			}
		}
	}
	for k, vs := range values {
		if len(vs) > 1 {
			t.Errorf("%s of %s on %s has %d values: %v", k.ind, k.place, k.asOf, len(vs), vs)
		}
	}
	// The headline figures are there, each on several pages.
	for _, ind := range []model.Indicator{model.IndCommitteeRate, model.IndNoService, model.IndPartyRate,
		model.IndCommunitiesReported, model.IndLedgerCommunities, model.IndLedgerCommitteeRate, model.IndLedgerCommittees,
		model.IndLedgerPartyRate, model.IndServiceRoomRate, model.IndEvalAverage} {
		if shown[ind.ID] < 2 {
			t.Errorf("%s (%s) is shown on %d pages", ind.ID, ind.Name, shown[ind.ID])
		}
	}
	// The province's reported committee rate: home, /progress/, the
	// province page and the 口径 page agree (the key above), and the
	// province page's ledger rate, a different indicator, has another name.
	home := docs["/index.html"]
	if home == nil || len(htmlcheck.Find(home, `data[data-ind="committee-rate"]`)) == 0 {
		t.Error("the home page does not mark the committee rate")
	}
	for _, ind := range model.Indicators() {
		if _, err := htmlcheck.MustOne(docs["/indicators/index.html"], "#"+ind.ID); err != nil {
			t.Errorf("the 口径 page: %v", err)
		}
	}
}

// TestPartsAddUp: numbers shown together add up: on every page the parts
// marked data-part="k" sum to the total marked data-total="k" (committees
// formed below the occupancy threshold are a part stated in words).
func TestPartsAddUp(t *testing.T) {
	groups := 0
	for path, doc := range figPages(t) {
		parts, totals := map[string]int{}, map[string][]int{}
		htmlcheck.Walk(doc, func(n *html.Node) {
			v, _ := htmlcheck.Attr(n, "value")
			if p, ok := htmlcheck.Attr(n, "data-part"); ok {
				x, err := strconv.Atoi(v)
				if err != nil {
					t.Errorf("%s: part %s value %q", path, p, v)
				}
				parts[p] += x
			}
			if ks, ok := htmlcheck.Attr(n, "data-total"); ok {
				x, err := strconv.Atoi(v)
				if err != nil {
					t.Errorf("%s: total %s value %q", path, ks, v)
				}
				for _, k := range strings.Fields(ks) {
					totals[k] = append(totals[k], x)
				}
			}
		})
		for k, sum := range parts {
			if len(totals[k]) != 1 {
				t.Errorf("%s: parts %q have %d totals", path, k, len(totals[k]))
				continue
			}
			groups++
			if sum != totals[k][0] {
				t.Errorf("%s: parts %q add up to %d, the total shown is %d", path, k, sum, totals[k][0])
			}
		}
		for k := range totals {
			if _, ok := parts[k]; !ok {
				t.Errorf("%s: total %q has no parts", path, k)
			}
		}
	}
	if groups < 100 {
		t.Errorf("only %d groups of parts checked", groups)
	}
}

// TestTimeIsAnchored: days to a deadline are counted from a stated date,
// never from the reader's today.
func TestTimeIsAnchored(t *testing.T) {
	anchored := regexp.MustCompile(`截至 \d{4}-\d{2}-\d{2}，(距 \d{4}-\d{2}-\d{2} 的期限还有|已超过 \d{4}-\d{2}-\d{2} 的期限) \d+ 天`)
	days := regexp.MustCompile(`(还有|超过|剩|距今)[^。；，]{0,20}\d+ 天`)
	n := 0
	for path, doc := range figPages(t) {
		text := htmlcheck.Text(doc)
		n += len(anchored.FindAllString(text, -1))
		for _, m := range days.FindAllStringIndex(text, -1) {
			from := max(0, m[0]-len("截至 2022-12-18，距 2022-12-31 的期限"))
			if !anchored.MatchString(text[from:min(len(text), m[1]+2)]) {
				t.Errorf("%s: %q is not anchored to a date", path, text[m[0]:m[1]])
			}
		}
		if strings.Contains(text, "报送日距截止") {
			t.Errorf("%s counts days from an unnamed date", path)
		}
	}
	if n == 0 {
		t.Error("no anchored deadline phrase on any page")
	}
}
