package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/sxwuye/portal/generator/build"
)

const chromiumPath = "/usr/bin/chromium"

// sampleEpoch fixes the data version so the served site is the same on every run.
const sampleEpoch = "1671321600" // 2022-12-18

var (
	siteOnce sync.Once
	siteURL  string
	siteErr  error
	siteDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if stopBrowser != nil {
		stopBrowser()
	}
	if siteDir != "" {
		_ = os.RemoveAll(siteDir)
	}
	os.Exit(code)
}

// servedSample builds the shipped sample once and serves it on 127.0.0.1.
func servedSample(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		siteDir, siteErr = os.MkdirTemp("", "portal-e2e-")
		if siteErr != nil {
			return
		}
		out := filepath.Join(siteDir, "public")
		env := func(k string) (string, bool) {
			if k == "SOURCE_DATE_EPOCH" {
				return sampleEpoch, true
			}
			return "", false
		}
		if _, siteErr = build.Build(build.Options{Root: "../..", Out: out, Env: env}); siteErr != nil {
			return
		}
		srv := httptest.NewServer(http.FileServer(http.Dir(out)))
		siteURL = srv.URL // the server lives until the test binary exits
	})
	if siteErr != nil {
		t.Fatalf("building the sample: %v", siteErr)
	}
	return siteURL
}

// recorder collects what a page did that a test must check afterwards.
type recorder struct {
	mu       sync.Mutex
	requests []string
	problems []string
}

func (r *recorder) add(list *[]string, s string) {
	r.mu.Lock()
	*list = append(*list, s)
	r.mu.Unlock()
}

// assertClean fails when a page wrote console errors or asked any host other
// than the test server.
func (r *recorder) assertClean(t *testing.T, base string) {
	t.Helper()
	u, _ := url.Parse(base)
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range r.problems {
		t.Errorf("console error: %s", p)
	}
	for _, req := range r.requests {
		ru, err := url.Parse(req)
		if err != nil {
			t.Errorf("unparsable request %q", req)
			continue
		}
		switch ru.Scheme {
		case "data", "blob", "about":
			continue
		}
		if ru.Host != u.Host || !strings.HasPrefix(ru.Hostname(), "127.0.0.1") {
			t.Errorf("request left 127.0.0.1: %s", req)
		}
	}
	if len(r.requests) == 0 {
		t.Errorf("no request was recorded: the recorder is not listening")
	}
}

// One Chromium serves the whole test binary: starting it costs more than
// most tests. Each test gets its own tab in a fresh browser context, so
// storage (the remembered 大字版) never leaks from one test into another.
var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
	stopBrowser func()
)

func sharedBrowser() (context.Context, error) {
	browserOnce.Do(func() {
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(chromiumPath),
			chromedp.Headless,
			chromedp.NoSandbox, // tests run as root
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-extensions", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.WindowSize(1366, 900),
		}
		dir, err := os.MkdirTemp("", "portal-e2e-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		opts = append(opts, chromedp.UserDataDir(dir))
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(allocCtx)
		stopBrowser = func() {
			cancelCtx()
			cancelAlloc()
			_ = os.RemoveAll(dir)
		}
		browserCtx = ctx
		browserErr = chromedp.Do(ctx) // starts the browser
	})
	return browserCtx, browserErr
}

// newBrowser opens a tab of width×height CSS pixels in the shared headless
// Chromium, or skips the test when Chromium is missing outside CI.
func newBrowser(t *testing.T, width, height int) (context.Context, *recorder) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is missing: .ci/run must install chromium", chromiumPath)
		}
		t.Skipf("skipping browser test: %s not found (apt-get install chromium)", chromiumPath)
	}
	browser, err := sharedBrowser()
	if err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	tabCtx, cancelTab := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(tabCtx, 180*time.Second) // generous: the machine may be shared
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
	})
	rec := &recorder{}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			rec.add(&rec.requests, e.Request.URL)
		case *runtime.EventExceptionThrown:
			rec.add(&rec.problems, "exception: "+e.ExceptionDetails.Text+" "+exceptionDesc(e.ExceptionDetails))
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				rec.add(&rec.problems, "console."+string(e.Type)+" "+argsText(e.Args))
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				rec.add(&rec.problems, e.Entry.Text+" "+e.Entry.URL)
			}
		}
	}); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatalf("sizing the tab: %v", err)
	}
	return ctx, rec
}

func exceptionDesc(d *runtime.ExceptionDetails) string {
	if d != nil && d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		if len(a.Value) > 0 {
			parts = append(parts, string(a.Value))
		} else {
			parts = append(parts, a.Description)
		}
	}
	return strings.Join(parts, " ")
}

// run runs one action and fails the test on error.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}
