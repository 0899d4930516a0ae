package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/sxwuye/portal/generator/internal/csvrows"
)

// TestReleaseRowLinks: a link to one project's result (…/#<小区编号>)
// opens the release page at that row, marked and in view; on a city page
// that does not list the project, the reader is sent on to the page that
// does (rowlink.js and rows.json).
func TestReleaseRowLinks(t *testing.T) {
	base := servedSample(t)
	county := map[string]string{}
	for _, r := range csvrows.Read(t, "../../data/communities.csv") {
		county[r["id"]] = r["region_code"]
	}
	var id string // a 2023 project outside 太原市
	for _, r := range csvrows.Read(t, "../../data/evaluations.csv") {
		if r["period"] == "2023" && !strings.HasPrefix(county[r["community_id"]], "1401") {
			id = r["community_id"]
			break
		}
	}
	if id == "" {
		t.Fatal("no 2023 project outside 太原市 in the sample")
	}
	ctx, rec := newBrowser(t, 1280, 900)
	type state struct {
		Path   string `json:"path"`
		Marked string `json:"marked"`
		InView bool   `json:"inView"`
		Color  string `json:"color"`
	}
	probe := `(() => { const r = document.getElementById(` + "`" + id + "`" + `);
	  const m = document.querySelector("tr:target");
	  let inView = false;
	  if (r) { const b = r.getBoundingClientRect(); const e = document.elementFromPoint(b.left + 20, b.top + b.height / 2); inView = !!e && r.contains(e); }
	  return {path: location.pathname, marked: m ? m.id : "", inView, color: r ? getComputedStyle(r).backgroundColor : ""}; })()`
	wait := func() state {
		var s state
		for i := 0; i < 50; i++ {
			s = run(t, ctx, chromedp.Evaluate[state](probe))
			if s.Marked == id {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		return s
	}
	do(t, ctx, chromedp.Navigate(base+"/evaluations/2023/#"+id))
	s := wait()
	if s.Marked != id || !s.InView || s.Color != "rgb(255, 244, 214)" {
		t.Errorf("release page with #%s: %+v", id, s)
	}
	// 太原市's page does not list it: the reader lands on the page that does.
	do(t, ctx, chromedp.Navigate(base+"/evaluations/2023/140100/#"+id))
	if s := wait(); s.Marked != id || !s.InView || s.Path != "/evaluations/2023/" {
		t.Errorf("city page with #%s of another city: %+v", id, s)
	}
	rec.assertClean(t, base)
}
