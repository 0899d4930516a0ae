package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

const nginxPath = "/usr/sbin/nginx"

// nginxSite runs the documented configuration (deploy/nginx) in a real
// nginx on 127.0.0.1, in front of the shared sample build: the root variant
// and the sub-path variant under /wuye/. It returns their base URLs.
func nginxSite(t *testing.T) (root, sub, out string) {
	t.Helper()
	if _, err := os.Stat(nginxPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is missing: .ci/run must install nginx", nginxPath)
		}
		t.Skipf("skipping the nginx test: %s not found (apt-get install nginx)", nginxPath)
	}
	servedSample(t)
	public := filepath.Join(siteDir, "public") // the symlink a build swaps, as on a server
	out, err := filepath.EvalSymlinks(public)  // the live tree itself, for reading and walking
	if err != nil {
		t.Fatal(err)
	}
	// nginx's workers run as an unprivileged user when the tests run as
	// root: the build's temporary folder must be theirs to read.
	if err := os.Chmod(siteDir, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "conf")
	if err := os.MkdirAll(filepath.Join(conf, "snippets"), 0o755); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("../../deploy/nginx", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	ports := freePorts(t, 2)
	// Only the place of the site and the address change; everything else
	// is the file as documented.
	place := func(s, listen string) string {
		s = strings.Replace(s, "listen 80;", "listen "+listen+";", 1)
		s = strings.Replace(s, "root /srv/wuye/public;", "root "+public+";", 1)
		s = strings.Replace(s, "alias /srv/wuye/public/;", "alias "+public+"/;", 1)
		return s
	}
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(conf, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("snippets/wuye-site.conf", read("wuye-site.conf"))
	write("wuye-cache.conf", read("wuye-cache.conf"))
	write("wuye.conf", place(read("wuye.conf"), ports[0]))
	write("wuye-subpath.conf", place(read("wuye-subpath.conf"), ports[1]))
	tmp := func(name string) string { return filepath.Join(dir, name) }
	write("nginx.conf", fmt.Sprintf(`worker_processes 1;
daemon off;
pid %s;
error_log %s warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path %s;
    proxy_temp_path %s;
    fastcgi_temp_path %s;
    uwsgi_temp_path %s;
    scgi_temp_path %s;
    include wuye-cache.conf;
    include wuye.conf;
    include wuye-subpath.conf;
}
`, tmp("nginx.pid"), tmp("error.log"), tmp("body"), tmp("proxy"), tmp("fastcgi"), tmp("uwsgi"), tmp("scgi")))

	cmd := exec.Command(nginxPath, "-p", dir, "-c", filepath.Join(conf, "nginx.conf"), "-e", tmp("error.log"))
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting nginx: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	root, sub = "http://"+ports[0], "http://"+ports[1]+"/wuye"
	for deadline := time.Now().Add(10 * time.Second); ; {
		if c, err := net.Dial("tcp", ports[1]); err == nil {
			c.Close()
			if c, err := net.Dial("tcp", ports[0]); err == nil {
				c.Close()
				break
			}
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(tmp("error.log"))
			t.Fatalf("nginx did not start:\n%s\n%s", stderr.String(), log)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return root, sub, out
}

func freePorts(t *testing.T, n int) []string {
	t.Helper()
	var ls []net.Listener
	var addrs []string
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		addrs = append(addrs, l.Addr().String())
	}
	for _, l := range ls {
		l.Close()
	}
	return addrs
}

// fetch requests a URL without following redirects and without Go's own
// gzip handling, so the test sees what nginx sent.
func fetch(t *testing.T, u string, gzipOK bool) (*http.Response, []byte) {
	t.Helper()
	c := &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       10 * time.Second,
	}
	req, _ := http.NewRequest("GET", u, nil)
	if gzipOK {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	return res, b
}

const immutable = "public, max-age=31536000, immutable"

// TestNginxDeploy proves the documented nginx setup: every kind of file with
// its type, charset and cache lifetime, the precompressed copies, the 404
// page, the redirects, the security headers, in both variants.
func TestNginxDeploy(t *testing.T) {
	root, sub, out := nginxSite(t)
	file := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	home := file("index.html")
	css := regexp.MustCompile(`static/site\.css\?v=[0-9a-f]+`).Find(home)
	js := regexp.MustCompile(`static/site\.js\?v=[0-9a-f]+`).Find(home)
	shards, _ := filepath.Glob(filepath.Join(out, "search", "s-*.bin"))
	if css == nil || js == nil || len(shards) == 0 {
		t.Fatalf("sample lacks a versioned stylesheet, script or search shard")
	}
	shard := "search/" + filepath.Base(shards[0])

	for _, base := range []string{root, sub} {
		for _, c := range []struct {
			path, ctype, cache string
			body               []byte // nil: not compared
		}{
			{"/", "text/html; charset=utf-8", "no-cache", home},
			{"/policies/", "text/html; charset=utf-8", "no-cache", file("policies/index.html")},
			{"/" + string(css), "text/css; charset=utf-8", immutable, file("static/site.css")},
			{"/" + string(js), "text/javascript; charset=utf-8", immutable, file("static/site.js")},
			{"/static/site.css", "text/css; charset=utf-8", "public, max-age=300", nil},
			{"/" + shard, "application/octet-stream", immutable, file(shard)},
			{"/data/communities/communities.csv", "text/csv; charset=utf-8", "public, max-age=300", file("data/communities/communities.csv")},
			{"/data/communities/communities-excel.csv", "text/csv; charset=utf-8", "public, max-age=300", nil},
			{"/data/communities/communities.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "public, max-age=300", file("data/communities/communities.xlsx")},
			{"/data/communities/communities.json", "application/json; charset=utf-8", "public, max-age=300", nil},
			{"/data/catalog.json", "application/json; charset=utf-8", "public, max-age=300", nil},
			{"/sitemap.xml", "application/xml; charset=utf-8", "public, max-age=300", file("sitemap.xml")},
			{"/feed.xml", "application/atom+xml; charset=utf-8", "public, max-age=300", file("feed.xml")},
			{"/data/feed.xml", "application/atom+xml; charset=utf-8", "public, max-age=300", nil},
			{"/static/favicon.svg", "image/svg+xml; charset=utf-8", "public, max-age=300", nil},
			{"/robots.txt", "text/plain; charset=utf-8", "public, max-age=300", file("robots.txt")},
		} {
			res, body := fetch(t, base+c.path, false)
			if res.StatusCode != 200 {
				t.Errorf("%s%s: status %d", base, c.path, res.StatusCode)
				continue
			}
			if got := res.Header.Get("Content-Type"); got != c.ctype {
				t.Errorf("%s%s: Content-Type %q, want %q", base, c.path, got, c.ctype)
			}
			if got := res.Header.Get("Cache-Control"); got != c.cache {
				t.Errorf("%s%s: Cache-Control %q, want %q", base, c.path, got, c.cache)
			}
			if c.body != nil && !bytes.Equal(body, c.body) {
				t.Errorf("%s%s: body differs from the built file", base, c.path)
			}
			checkSecurityHeaders(t, base+c.path, res.Header)
		}

		// Precompressed copies: sent as they are to browsers that take gzip.
		for _, p := range []string{"/progress/", "/data/communities/communities.csv", "/" + string(css)} {
			res, body := fetch(t, base+p, true)
			if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s%s with Accept-Encoding: gzip: Content-Encoding %q, Vary %q", base, p, res.Header.Get("Content-Encoding"), res.Header.Get("Vary"))
				continue
			}
			rel := strings.TrimPrefix(strings.SplitN(p, "?", 2)[0], "/")
			if rel == "" || strings.HasSuffix(rel, "/") {
				rel += "index.html"
			}
			if !bytes.Equal(body, file(rel+".gz")) {
				t.Errorf("%s%s: the gzip body is not the precompressed copy", base, p)
			}
			if z, err := gzip.NewReader(bytes.NewReader(body)); err != nil {
				t.Errorf("%s%s: %v", base, p, err)
			} else if plain, _ := io.ReadAll(z); !bytes.Equal(plain, file(rel)) {
				t.Errorf("%s%s: the gzip copy does not hold the file", base, p)
			}
		}

		// A page too small for a copy (the home page, a community page) is
		// compressed by nginx as it is sent, so a phone still gets it small.
		for _, p := range []string{"/"} {
			if _, err := os.Stat(filepath.Join(out, "index.html.gz")); err == nil {
				t.Fatalf("the home page (%d bytes) has a .gz copy; pick a page under the copy threshold", len(file("index.html")))
			}
			res, body := fetch(t, base+p, true)
			if res.Header.Get("Content-Encoding") != "gzip" {
				t.Errorf("%s%s with Accept-Encoding: gzip: Content-Encoding %q, want gzip from nginx", base, p, res.Header.Get("Content-Encoding"))
				continue
			}
			if z, err := gzip.NewReader(bytes.NewReader(body)); err != nil {
				t.Errorf("%s%s: %v", base, p, err)
			} else if plain, _ := io.ReadAll(z); !bytes.Equal(plain, file("index.html")) {
				t.Errorf("%s%s: nginx's gzip does not hold the file", base, p)
			}
		}

		// The 404 page, with status 404, for pages and files alike.
		for _, p := range []string{"/no-such-page/", "/data/no-such.csv"} {
			res, body := fetch(t, base+p, false)
			if res.StatusCode != 404 || !bytes.Contains(body, []byte("页面未找到")) || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
				t.Errorf("%s%s: status %d, type %q, 404 page shown: %v", base, p, res.StatusCode, res.Header.Get("Content-Type"), bytes.Contains(body, []byte("页面未找到")))
			}
			checkSecurityHeaders(t, base+p, res.Header)
		}

		// A folder without its slash is redirected, relative to the host.
		prefix := strings.TrimPrefix(base, root)
		if base == sub {
			prefix = "/wuye"
		}
		for p, want := range map[string]string{"/policies": prefix + "/policies/", "/data/communities": prefix + "/data/communities/"} {
			res, _ := fetch(t, base+p, false)
			if res.StatusCode != 301 || res.Header.Get("Location") != want {
				t.Errorf("%s%s: status %d, Location %q, want 301 to %s", base, p, res.StatusCode, res.Header.Get("Location"), want)
			}
		}
	}
	if res, _ := fetch(t, strings.TrimSuffix(sub, "/wuye")+"/wuye", false); res.StatusCode != 301 || res.Header.Get("Location") != "/wuye/" {
		t.Errorf("/wuye: status %d, Location %q, want 301 to /wuye/", res.StatusCode, res.Header.Get("Location"))
	}

	// Moved documents: their old address still answers, pointing at the new one.
	aliases := movedPages(t, out)
	if len(aliases) == 0 {
		t.Fatal("the sample has no moved document (content aliases)")
	}
	for old, to := range aliases {
		res, body := fetch(t, root+"/"+old, false)
		if res.StatusCode != 200 || !bytes.Contains(body, []byte(`http-equiv="refresh"`)) {
			t.Errorf("/%s: status %d, refresh present %v", old, res.StatusCode, bytes.Contains(body, []byte(`http-equiv="refresh"`)))
		}
		if res, _ := fetch(t, root+"/"+to, false); res.StatusCode != 200 {
			t.Errorf("/%s redirects to /%s, which answers %d", old, to, res.StatusCode)
		}
	}
}

var refreshRE = regexp.MustCompile(`http-equiv="refresh" content="0; url=([^"]+)"`)

// movedPages finds the redirect pages of the build: old folder → new path.
func movedPages(t *testing.T, out string) map[string]string {
	t.Helper()
	found := map[string]string{}
	_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(p) != "index.html" || len(found) >= 3 {
			return nil
		}
		b, _ := os.ReadFile(p)
		m := refreshRE.FindSubmatch(b)
		if m == nil {
			return nil
		}
		dir, _ := filepath.Rel(out, filepath.Dir(p))
		to := string(m[1])
		if !strings.HasPrefix(to, "/") {
			to = "/" + filepath.ToSlash(dir) + "/" + to
		}
		found[filepath.ToSlash(dir)+"/"] = strings.TrimPrefix(path.Clean(to), "/") + "/"
		return nil
	})
	return found
}

func checkSecurityHeaders(t *testing.T, u string, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: Content-Security-Policy %q lacks %s", u, csp, want)
		}
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin", "X-Frame-Options": "DENY"} {
		if got := h.Get(k); got != want {
			t.Errorf("%s: %s %q, want %q", u, k, got, want)
		}
	}
}

var inlineScriptRE = regexp.MustCompile(`(?s)<script>(.*?)</script>`)

// TestNginxContentSecurityPolicy: the pages run under the documented CSP in
// Chromium without a single violation (an inline script or style the policy
// does not allow would be refused and reported), and every inline script of
// the build is allowed by its hash.
func TestNginxContentSecurityPolicy(t *testing.T) {
	root, _, out := nginxSite(t)
	res, _ := fetch(t, root+"/", false)
	csp := res.Header.Get("Content-Security-Policy")
	seen := map[string]bool{}
	_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, m := range inlineScriptRE.FindAllSubmatch(b, -1) {
			sum := sha256.Sum256(m[1])
			h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
			if !seen[h] && !strings.Contains(csp, h) {
				t.Errorf("%s has an inline script the CSP does not allow: add %s to script-src in deploy/nginx/wuye-site.conf (or move the script to a file)", p, h)
			}
			seen[h] = true
		}
		return nil
	})

	ctx, rec := newBrowser(t, 1280, 900)
	// Violations are collected from the first byte of every page.
	listen := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.__csp = []; document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber));`,
		})
		return chromedp.Void{}, err
	}
	do(t, ctx, listen)
	evalPage := firstMatch(t, out, "evaluations/*/index.html")
	community := firstMatch(t, out, "communities/*/index.html")
	for _, p := range []string{"/", "/policies/sx-wuye-2022-gzap/", "/search/?q=" + "示例", evalPage, community, "/progress/", "/data/", "/404.html"} {
		do(t, ctx, chromedp.Navigate(root+p), chromedp.WaitReady(chromedp.CSS("footer")))
		if p == "/" {
			// The 大字版 toggle runs the inline script on the next page.
			do(t, ctx, chromedp.Click(chromedp.CSS(`#large-toggle`)), chromedp.Reload(), chromedp.WaitReady(chromedp.CSS("footer")))
			if !run(t, ctx, chromedp.Evaluate[bool](`document.documentElement.classList.contains("large")`)) {
				t.Errorf("大字版 is not applied under the CSP: the inline script did not run")
			}
		}
		time.Sleep(100 * time.Millisecond) // let deferred scripts and fetches finish
		if v := run(t, ctx, chromedp.Evaluate[[]string](`window.__csp || ["listener missing"]`)); len(v) > 0 {
			t.Errorf("%s: CSP violations: %v", p, v)
		}
	}
	// A filtered view of a release (?city=…), which table.js applies.
	do(t, ctx, chromedp.Navigate(root+"/evaluations/2023/?city=140100&sort=-total"), chromedp.WaitVisible(chromedp.CSS("#eval-table")))
	time.Sleep(100 * time.Millisecond)
	if v := run(t, ctx, chromedp.Evaluate[[]string](`window.__csp || ["listener missing"]`)); len(v) > 0 {
		t.Errorf("filtered release: CSP violations: %v", v)
	}
	rec.assertClean(t, root)
}

// firstMatch is the URL path of the first built file matching a pattern.
func firstMatch(t *testing.T, out, pattern string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(out, filepath.FromSlash(pattern)))
	if len(m) == 0 {
		t.Fatalf("no %s in the sample", pattern)
	}
	rel, _ := filepath.Rel(out, filepath.Dir(m[0]))
	return "/" + filepath.ToSlash(rel) + "/"
}
