package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// ptyProc is a program on an 80x24 pseudo-terminal, read in the background
// so every chunk of output carries the time it arrived.
type ptyProc struct {
	cmd    *exec.Cmd
	f      *os.File
	chunks chan ptyChunk
}

type ptyChunk struct {
	at   time.Time
	data []byte
}

func startPty(b *testing.B, cmd *exec.Cmd) *ptyProc {
	b.Helper()
	cmd.Env = []string{"TERM=xterm-256color", "HOME=" + os.Getenv("HOME"), "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		b.Fatal(err)
	}
	p := &ptyProc{cmd: cmd, f: f, chunks: make(chan ptyChunk, 4096)}
	go func() {
		defer close(p.chunks)
		for {
			buf := make([]byte, 64<<10)
			n, err := f.Read(buf)
			if n > 0 {
				p.chunks <- ptyChunk{time.Now(), buf[:n]}
			}
			if err != nil {
				return
			}
		}
	}()
	b.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		f.Close()
	})
	return p
}

// waitFor reads output until it holds want.
func (p *ptyProc) waitFor(b *testing.B, want string) {
	b.Helper()
	var seen bytes.Buffer
	timeout := time.After(30 * time.Second)
	for !bytes.Contains(seen.Bytes(), []byte(want)) {
		select {
		case c, ok := <-p.chunks:
			if !ok {
				b.Fatalf("program ended waiting for %q", want)
			}
			seen.Write(c.data)
		case <-timeout:
			b.Fatalf("no %q after 30 s", want)
		}
	}
}

// burst writes key and returns the time to the first byte of output after
// it (the screen changed) and to the last byte before quiet ms of silence
// (the screen settled: the rows and the count drawn).
func (p *ptyProc) burst(b *testing.B, key string, quiet time.Duration) (first, settled time.Duration) {
	b.Helper()
	p.drain()
	start := time.Now()
	if _, err := p.f.WriteString(key); err != nil {
		b.Fatal(err)
	}
	var last time.Time
	timer := time.NewTimer(5 * time.Second)
	defer timer.Stop()
	for {
		select {
		case c, ok := <-p.chunks:
			if !ok {
				b.Fatal("program ended")
			}
			if first == 0 {
				first = c.at.Sub(start)
			}
			last = c.at
			timer.Reset(quiet)
		case <-timer.C:
			if first == 0 {
				b.Fatalf("no output after key %q", key)
			}
			return first, last.Sub(start)
		}
	}
}

// drain drops output already waiting.
func (p *ptyProc) drain() {
	for {
		select {
		case <-p.chunks:
		default:
			return
		}
	}
}

// cpuTicks is a process's user and system time, in clock ticks.
func cpuTicks(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return -1
	}
	// The fields after the command's name, which is in parentheses.
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return utime + stime
}

// waitIdle waits until the process has used no CPU for half a second: the
// list's filter index is built in the background after the first frame.
func waitIdle(b *testing.B, pid int) {
	b.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	prev := cpuTicks(pid)
	for time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		now := cpuTicks(pid)
		if now == prev {
			return
		}
		prev = now
	}
	b.Fatal("the program never went idle")
}

// BenchmarkKeystrokeToScreen measures, on the real binary in a
// pseudo-terminal over the benchmark notebook, the time from a key written
// to the terminal to the screen changing (the first byte of output) and to
// the screen settling (the last byte before 40 ms of quiet: the rows and the
// match count drawn), for the filter benchmarks' keystrokes; and, for
// comparison, the same for cat echoing a key on a raw terminal. Each op is
// one keystroke of the filter script, against one key to cat.
func BenchmarkKeystrokeToScreen(b *testing.B) {
	bin, db, first := startupFixture(b)
	app := startPty(b, exec.Command(bin, "--db", db))
	app.waitFor(b, first)
	waitIdle(b, app.cmd.Process.Pid)
	app.burst(b, "/", 40*time.Millisecond)

	cat := startPty(b, exec.Command("sh", "-c", "stty raw -echo && echo ready && exec cat"))
	cat.waitFor(b, "ready")

	script := keystrokeScript()
	var firsts, settles, cats []time.Duration
	i := 0
	for b.Loop() {
		f, s := app.burst(b, script[i%len(script)], 40*time.Millisecond)
		firsts = append(firsts, f)
		settles = append(settles, s)
		c, _ := cat.burst(b, "x", 10*time.Millisecond)
		cats = append(cats, c)
		i++
	}
	pct := func(ds []time.Duration, p int) float64 {
		slices.Sort(ds)
		return float64(ds[min(len(ds)*p/100, len(ds)-1)].Microseconds()) / 1000
	}
	b.ReportMetric(pct(firsts, 50), "changed-ms-median")
	b.ReportMetric(pct(firsts, 99), "changed-ms-p99")
	b.ReportMetric(pct(settles, 50), "settled-ms-median")
	b.ReportMetric(pct(settles, 99), "settled-ms-p99")
	b.ReportMetric(pct(cats, 50), "cat-ms-median")
	b.ReportMetric(pct(cats, 99), "cat-ms-p99")
}

// keystrokeScript is the filter benchmarks' script (tui/bench_test.go) as
// the bytes a terminal sends: each word typed and erased again.
func keystrokeScript() []string {
	var keys []string
	for _, word := range []string{"sofia", "kowalski", "7123", "biscuit", "m", "ol ha"} {
		for _, r := range word {
			keys = append(keys, string(r))
		}
		for range word {
			keys = append(keys, "\x7f")
		}
	}
	return keys
}
