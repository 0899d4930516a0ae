package server

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeRebuildsAndShowsErrors: a change to a watched file rebuilds; a
// failing build replaces every page with its problems; fixing it brings the
// pages back.
func TestServeRebuildsAndShowsErrors(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if err := os.MkdirAll(filepath.Join(root, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	input := filepath.Join(root, "data", "x.csv")
	if err := os.WriteFile(input, []byte("good"), 0o644); err != nil {
		t.Fatal(err)
	}
	var builds atomic.Int32
	s := &Server{
		Root: root, Out: out, Watch: []string{"data"}, Poll: 20 * time.Millisecond,
		Build: func() (string, error) {
			builds.Add(1)
			b, _ := os.ReadFile(input)
			if strings.Contains(string(b), "bad") {
				return "data/x.csv:1:1: 示例错误，实为 \"bad\"", errors.New("输入数据有错误")
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return "", err
			}
			return "", os.WriteFile(filepath.Join(out, "index.html"), b, 0o644)
		},
	}
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = s.Serve(ctx, l) }()
	base := "http://" + l.Addr().String()

	waitFor := func(want string) (int, string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for {
			code, body := get(t, base+"/")
			if strings.Contains(body, want) || time.Now().After(deadline) {
				return code, body
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if code, body := waitFor("good"); code != 200 || body != "good" {
		t.Fatalf("first build: %d %q", code, body)
	}
	time.Sleep(30 * time.Millisecond) // let mtimes differ
	if err := os.WriteFile(input, []byte("bad"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, body := waitFor("示例错误")
	if code != http.StatusInternalServerError || !strings.Contains(body, "站点生成失败") || !strings.Contains(body, "data/x.csv:1:1") {
		t.Fatalf("failing build: %d %q", code, body)
	}
	time.Sleep(30 * time.Millisecond)
	if err := os.WriteFile(input, []byte("good again"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, body := waitFor("good again"); code != 200 || body != "good again" {
		t.Fatalf("fixed build: %d %q", code, body)
	}
	if n := builds.Load(); n < 3 {
		t.Errorf("%d builds, want at least 3", n)
	}
}

func TestListenRefusesOtherHosts(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", "10.0.0.1:0", "example.org:80"} {
		if l, err := Listen(addr); err == nil {
			l.Close()
			t.Errorf("Listen(%q) succeeded", addr)
		}
	}
}
