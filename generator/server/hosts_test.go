package server

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeAnswersOnlyItsOwnHost: a request naming another host (DNS
// rebinding) or another port is refused; a folder without index.html is
// not listed.
func TestServeAnswersOnlyItsOwnHost(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(filepath.Join(out, "data", "raw"), 0o755); err != nil {
		t.Fatal(err)
	}
	for p, body := range map[string]string{"index.html": "首页", "data/raw/secret.csv": "a,b"} {
		if err := os.WriteFile(filepath.Join(out, filepath.FromSlash(p)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := &Server{Root: t.TempDir(), Out: out, Build: func() (string, error) { return "", nil }}
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = s.Serve(ctx, l) }()
	addr := l.Addr().String()
	_, port, _ := strings.Cut(addr, ":")

	request := func(host, p string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", "http://"+addr+p, nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port} {
		if code, body := request(host, "/"); code != 200 || body != "首页" {
			t.Errorf("Host %s: %d %q", host, code, body)
		}
	}
	for _, host := range []string{"evil.example:" + port, "evil.example", "127.0.0.1:1", "localhost"} {
		if code, body := request(host, "/"); code == 200 || strings.Contains(body, "首页") {
			t.Errorf("Host %s answered: %d %q", host, code, body)
		}
	}
	if code, body := request(addr, "/data/raw/"); code == 200 || strings.Contains(body, "secret.csv") {
		t.Errorf("folder listed: %d %q", code, body)
	}
}
