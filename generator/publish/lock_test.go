package publish

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestLockWaitsForTheHolder: a second taker is told it waits, and gets the
// lock only once the first lets go.
func TestLockWaitsForTheHolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	unlock, err := Lock(out, func() { t.Error("first taker waited") })
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{})
	got := make(chan struct{})
	go func() {
		second, err := Lock(out, func() { close(waiting) })
		if err != nil {
			t.Error(err)
		}
		close(got)
		second()
	}()
	select {
	case <-waiting:
	case <-time.After(10 * time.Second):
		t.Fatal("second taker was not told to wait")
	}
	select {
	case <-got:
		t.Fatal("second taker got the lock while the first held it")
	case <-time.After(50 * time.Millisecond):
	}
	unlock()
	<-got
}

// TestLockSurvivesKill: a build killed with SIGKILL while holding the lock
// leaves nothing that stops the next one.
func TestLockSurvivesKill(t *testing.T) {
	if os.Getenv("PUBLISH_LOCK_HOLDER") != "" {
		if _, err := Lock(os.Getenv("PUBLISH_LOCK_HOLDER"), nil); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("held\n")
		time.Sleep(time.Minute)
		return
	}
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockSurvivesKill$")
	cmd.Env = append(os.Environ(), "PUBLISH_LOCK_HOLDER="+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := stdout.Read(buf); err != nil || string(buf) != "held\n" {
		t.Fatalf("holder did not take the lock: %q %v", buf, err)
	}
	waited := false
	done := make(chan struct{})
	go func() {
		unlock, err := Lock(out, func() {
			waited = true
			_ = cmd.Process.Kill() // SIGKILL: no chance to clean up
		})
		if err != nil {
			t.Error(err)
		} else {
			unlock()
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("lock not recovered after the holder was killed")
	}
	_ = cmd.Wait()
	if !waited {
		t.Error("the lock was free while the holder lived")
	}
}

// TestNoOutputReplacesAnother: within one build a file never becomes a
// folder, nor a folder a file, whichever comes first.
func TestNoOutputReplacesAnother(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	if err := tx.Write("static/site.css", []byte("body{}")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Write("static/site.css/index.html", []byte("<p>redirect")); err == nil {
		t.Error("a file was turned into a folder")
	}
	if err := tx.Write("data/x/index.html", []byte("<p>page")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"data/x", "data"} {
		if err := tx.Write(p, []byte("file")); err == nil {
			t.Errorf("folder %s was turned into a file", p)
		}
	}
	if err := tx.Write("data/x/index.html", []byte("<p>again")); err == nil {
		t.Error("a file was written twice")
	}
}
