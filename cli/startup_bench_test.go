package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"regulars/store"
	"regulars/store/storetest"
)

// The start-up benchmarks run the real binary in a pseudo-terminal over the
// shared benchmark notebook (storetest.BenchNotebook).
var startup struct {
	once           sync.Once
	bin, db, first string
	err            error
	cleanup        []string
}

func startupFixture(b *testing.B) (bin, db, first string) {
	b.Helper()
	startup.once.Do(func() {
		dir, err := os.MkdirTemp("", "regulars-startup-")
		if err != nil {
			startup.err = err
			return
		}
		startup.cleanup = append(startup.cleanup, dir)
		startup.bin = filepath.Join(dir, "regulars")
		if out, err := exec.Command("go", "build", "-o", startup.bin, "..").CombinedOutput(); err != nil {
			startup.err = fmt.Errorf("build: %v\n%s", err, out)
			return
		}
		startup.db, _ = storetest.BenchNotebook(b)
		// The first row of the list, by name: what the first frame must show.
		s, err := store.Open(startup.db)
		if err != nil {
			startup.err = err
			return
		}
		defer s.Close()
		page, err := s.ListPage(context.Background(), store.SearchQuery{Limit: 1})
		rows := page.Rows
		if err != nil || len(rows) == 0 {
			startup.err = fmt.Errorf("no first row: %v", err)
			return
		}
		startup.first = rows[0].Name
	})
	if startup.err != nil {
		b.Fatal(startup.err)
	}
	return startup.bin, startup.db, startup.first
}

// run starts the binary on an 80x24 pseudo-terminal and returns how long
// it took until the screen held want, and the process's resident memory
// then.
func startOnce(b *testing.B, bin, db, want string) (time.Duration, int64) {
	b.Helper()
	cmd := exec.Command(bin, "--db", db)
	env := []string{"TERM=xterm-256color", "HOME=" + os.Getenv("HOME"), "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
	cmd.Env = env // outside tmux: no TMUX variable
	start := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
		f.Close()
	}()
	var seen bytes.Buffer
	buf := make([]byte, 64<<10)
	deadline := time.Now().Add(20 * time.Second)
	f.SetReadDeadline(deadline)
	for !bytes.Contains(seen.Bytes(), []byte(want)) {
		n, err := f.Read(buf)
		if err != nil {
			b.Fatalf("waiting for %q: %v; got %q", want, err, seen.String())
		}
		seen.Write(buf[:n])
	}
	took := time.Since(start)
	return took, rss(cmd.Process.Pid)
}

// rss reads a process's resident set size in bytes from /proc.
func rss(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkFirstFrame measures process start → first frame with data on
// the screen, warm (the notebook's pages are in the OS cache after the
// first run), and the resident memory at that moment.
func BenchmarkFirstFrame(b *testing.B) {
	bin, db, first := startupFixture(b)
	startOnce(b, bin, db, first) // warm the page cache
	var times []time.Duration
	var mem int64
	for b.Loop() {
		d, m := startOnce(b, bin, db, first)
		times = append(times, d)
		mem = max(mem, m)
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-p50")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "ms-p99")
	b.ReportMetric(float64(mem)/(1<<20), "MB-rss")
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range startup.cleanup {
		os.RemoveAll(d)
	}
	os.Exit(code)
}
