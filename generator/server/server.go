// Package server previews a built site on 127.0.0.1: it serves the output
// folder, watches the inputs and rebuilds when they change, and while the
// last build failed it answers every page with the build's problems instead
// of stale pages.
package server

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Builder rebuilds the site; problems is the admin-readable report (empty
// when the build succeeded), err says the build failed.
type Builder func() (problems string, err error)

// Server is a preview server.
type Server struct {
	Root    string   // site folder
	Out     string   // output folder to serve
	Watch   []string // folders and files under Root to watch
	Build   Builder
	Log     io.Writer
	Poll    time.Duration
	mu      sync.RWMutex
	failure string // non-empty while the last build failed
	// port is the port Serve listens on: only requests naming it (and a
	// loopback host) are answered, so that a page of another site whose
	// name resolves to 127.0.0.1 (DNS rebinding) cannot read the preview.
	port string
}

// Listen opens the address (use "127.0.0.1:0" for a free port).
func Listen(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("预览服务只监听本机回环地址（127.0.0.1），不能是 %q", host)
	}
	return net.Listen("tcp", addr)
}

// Serve builds once, then serves on l and rebuilds on change until ctx ends.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	if s.Poll == 0 {
		s.Poll = 500 * time.Millisecond
	}
	if _, port, err := net.SplitHostPort(l.Addr().String()); err == nil {
		s.mu.Lock()
		s.port = port
		s.mu.Unlock()
	}
	s.rebuild()
	go s.watch(ctx)
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	err := srv.Serve(l)
	if ctx.Err() != nil {
		return nil
	}
	return err
}

func (s *Server) rebuild() {
	start := time.Now()
	problems, err := s.Build()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		msg := err.Error()
		if problems != "" {
			msg = problems + "\n" + msg
		}
		s.failure = msg
		s.logf("生成失败（%s）：\n%s\n", time.Since(start).Round(time.Millisecond), msg)
		return
	}
	s.failure = ""
	s.logf("已重新生成（%s）\n", time.Since(start).Round(time.Millisecond))
}

func (s *Server) logf(format string, args ...any) {
	if s.Log != nil {
		fmt.Fprintf(s.Log, format, args...)
	}
}

// watch polls the inputs' modification times: portable, no extra module,
// and cheap at the size of a site's sources.
func (s *Server) watch(ctx context.Context) {
	last := s.fingerprint()
	t := time.NewTicker(s.Poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if fp := s.fingerprint(); fp != last {
				last = fp
				s.rebuild()
			}
		}
	}
}

func (s *Server) fingerprint() string {
	var parts []string
	for _, w := range s.Watch {
		_ = filepath.WalkDir(filepath.Join(s.Root, w), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if info, err := d.Info(); err == nil {
				parts = append(parts, fmt.Sprintf("%s %d %d", p, info.Size(), info.ModTime().UnixNano()))
			}
			return nil
		})
	}
	sort.Strings(parts)
	return strings.Join(parts, "\n")
}

var failPage = template.Must(template.New("fail").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>生成失败</title>
<style>body{font:16px/1.75 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2rem;color:#1b1b1b}
pre{white-space:pre-wrap;background:#fff7f7;border:2px solid #a4262c;padding:1rem}</style></head>
<body><h1>站点生成失败</h1><p>修正下列问题并保存后，本页会自动重新生成（请刷新）。当前不显示旧页面，以免误以为修改已生效。</p>
<pre>{{.}}</pre></body></html>`))

// Handler serves the output folder, or the failure page while the last build failed.
func (s *Server) Handler() http.Handler {
	files := http.FileServer(http.Dir(s.Out))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.RLock()
		failure, port := s.failure, s.port
		s.mu.RUnlock()
		if !loopbackHost(r.Host, port) {
			http.Error(w, "预览服务只回应 127.0.0.1、localhost 或 [::1] 加本服务端口的请求。", http.StatusMisdirectedRequest)
			return
		}
		if failure != "" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusInternalServerError)
			_ = failPage.Execute(w, failure)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		p := filepath.Join(s.Out, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		fi, err := os.Stat(p)
		if err == nil && fi.IsDir() {
			// A folder is served only through its index.html: never a listing.
			_, err = os.Stat(filepath.Join(p, "index.html"))
		}
		if err != nil {
			if nf, err := os.ReadFile(filepath.Join(s.Out, "404.html")); err == nil {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusNotFound)
				_, _ = w.Write(nf)
				return
			}
			http.Error(w, "页面未找到", http.StatusNotFound)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a Host header names this machine by a
// loopback name, with the listening port when it is known.
func loopbackHost(hostport, port string) bool {
	host, p, err := net.SplitHostPort(hostport)
	if err != nil {
		host, p = hostport, ""
	}
	if port != "" && p != port {
		return false
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
