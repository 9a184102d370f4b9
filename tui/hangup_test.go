package tui

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"regulars/model"
	"regulars/store"
)

// terminal is the real program running in a pseudo-terminal.
type terminal struct {
	t   *testing.T
	cmd *exec.Cmd
	pty *os.File
	mu  sync.Mutex
	out bytes.Buffer
	end chan error
}

func startTerminal(t *testing.T, bin, db string) *terminal {
	t.Helper()
	cmd := exec.Command(bin, "--db", db)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=1", "VISUAL=", "EDITOR=")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Fatal(err)
	}
	tm := &terminal{t: t, cmd: cmd, pty: f, end: make(chan error, 1)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			tm.mu.Lock()
			tm.out.Write(buf[:n])
			tm.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { tm.end <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		f.Close()
	})
	return tm
}

// waitFor waits until the terminal has shown s (colours and cursor moves
// taken out).
func (tm *terminal) waitFor(s string) {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		tm.mu.Lock()
		scr := ansi.Strip(tm.out.String())
		tm.mu.Unlock()
		if strings.Contains(scr, s) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.mu.Lock()
	defer tm.mu.Unlock()
	tm.t.Fatalf("the terminal never showed %q; it shows:\n%s", s, ansi.Strip(tm.out.String()))
}

func (tm *terminal) typeText(s string) {
	tm.t.Helper()
	for _, r := range s {
		if _, err := tm.pty.Write([]byte(string(r))); err != nil {
			tm.t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestHangUpKeepsDraft is the closed terminal, for real: the binary runs in
// a pty, a note is typed, the terminal hangs up (SIGHUP), and the next
// start offers the text back.
func TestHangUpKeepsDraft(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "regulars")
	build := exec.Command("go", "build", "-o", bin, "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "notebook.db")
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	c := &model.Customer{Name: "Ana Lima"}
	if err := s.CreateCustomer(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	s.Close()

	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			text := "Lisbon in May " + sig.String()
			tm := startTerminal(t, bin, db)
			tm.waitFor("Ana Lima")
			tm.typeText("n")
			tm.waitFor("New note for Ana Lima")
			tm.typeText(text)
			time.Sleep(300 * time.Millisecond) // every key read (no timer has saved a draft yet)
			if err := tm.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-tm.end:
			case <-time.After(10 * time.Second):
				t.Fatalf("the program did not stop on %s", sig)
			}
			s, err := store.Open(db)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			d, err := s.Draft(context.Background(), c.ID, "note", "")
			if err != nil || !strings.Contains(d.Body, text) {
				t.Fatalf("draft after %s: %+v, %v", sig, d, err)
			}

			// The next start offers it back; saving it writes the note.
			tm = startTerminal(t, bin, db)
			tm.waitFor("Ana Lima")
			tm.typeText("n")
			tm.waitFor("Restored what you typed")
			tm.pty.Write([]byte{0x13}) // ctrl+s
			tm.waitFor("Note saved")
			card, err := s.Card(context.Background(), c.ID)
			if err != nil || len(card.Notes) == 0 || card.Notes[0].Text != text {
				t.Fatalf("note after restoring and saving: %+v, %v", card, err)
			}
			tm.typeText("q")
			<-tm.end
		})
	}
}
