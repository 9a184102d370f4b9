package store_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"regulars/model"
	"regulars/store"
)

// The reliability tests start this test binary again as a child process
// (TestChild*, which do nothing unless REGULARS_CHILD is set), so that a
// real process can be killed or can race another one on the same file.

// crashCycles is how many kill cycles TestCrashSafety runs: a few dozen by
// default, more with REGULARS_CRASH_CYCLES for the README's figure.
func crashCycles(t *testing.T) int {
	if v := os.Getenv("REGULARS_CRASH_CYCLES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("REGULARS_CRASH_CYCLES=%q is not a positive number", v)
		}
		return n
	}
	if testing.Short() {
		return 5
	}
	return 25
}

func child(t *testing.T, name string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+name+"$", "-test.v=false")
	cmd.Env = append(os.Environ(), append([]string{"REGULARS_CHILD=1"}, env...)...)
	cmd.Stderr = os.Stderr
	return cmd
}

// TestChildWriter writes notes and visits until it is killed or its time is
// up, printing "ack KIND ID TEXT" after each save the store acknowledged.
func TestChildWriter(t *testing.T) {
	if os.Getenv("REGULARS_CHILD") == "" {
		t.Skip("run by the reliability tests as a child process")
	}
	s, err := store.Open(os.Getenv("REGULARS_DB"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		os.Exit(3)
	}
	ctx := context.Background()
	cid, _ := strconv.ParseInt(os.Getenv("REGULARS_CUSTOMER"), 10, 64)
	tag := os.Getenv("REGULARS_TAG")
	deadline := time.Now().Add(time.Minute)
	if d, err := time.ParseDuration(os.Getenv("REGULARS_FOR")); err == nil {
		deadline = time.Now().Add(d)
	}
	pause, _ := time.ParseDuration(os.Getenv("REGULARS_PAUSE"))
	out := bufio.NewWriter(os.Stdout)
	for i := 0; time.Now().Before(deadline); i++ {
		time.Sleep(pause)
		text := fmt.Sprintf("%s-%d", tag, i)
		if i%3 == 2 {
			v := &model.Visit{CustomerID: cid, On: model.MakeDate(2026, 11, 1+i%20), Cents: int64(i), What: text}
			if err := s.AddVisit(ctx, v); err != nil {
				fmt.Fprintln(os.Stderr, "child visit:", err)
				os.Exit(4)
			}
			fmt.Fprintf(out, "ack visit %d %s\n", v.ID, text)
		} else {
			n := &model.Note{CustomerID: cid, Text: text}
			if err := s.AddNote(ctx, n); err != nil {
				fmt.Fprintln(os.Stderr, "child note:", err)
				os.Exit(4)
			}
			fmt.Fprintf(out, "ack note %d %s\n", n.ID, text)
		}
		out.Flush()
	}
	s.Close()
	os.Exit(0)
}

type ack struct{ kind, text string }

// readAcks collects the acknowledged saves a child printed.
func readAcks(sc *bufio.Scanner, got chan<- ack) {
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 4 && f[0] == "ack" {
			got <- ack{f[1], f[3]}
		}
	}
	close(got)
}

// checkNotebook reopens the notebook, checks its integrity and that every
// acknowledged save is in it; it returns how many rows it found.
func checkNotebook(t *testing.T, path string, acks []ack) {
	t.Helper()
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	var result string
	if err := s.DB().QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity_check = %q, %v", result, err)
	}
	have := map[ack]bool{}
	for _, q := range []struct{ kind, query string }{{"note", "SELECT text FROM notes"}, {"visit", "SELECT what FROM visits"}} {
		rows, err := s.DB().Query(q.query)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var text string
			rows.Scan(&text)
			have[ack{q.kind, text}] = true
		}
		rows.Close()
	}
	for _, a := range acks {
		if !have[a] {
			t.Fatalf("acknowledged %s %q was lost", a.kind, a.text)
		}
	}
}

// TestCrashSafety kills a writing process at random moments: every save it
// acknowledged must be there afterwards, and the file must be intact.
func TestCrashSafety(t *testing.T) {
	if os.Getenv("REGULARS_CHILD") != "" {
		t.Skip()
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := mustCustomer(t, s, "Anna")
	s.Close()
	cycles := crashCycles(t)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	var all []ack
	for cycle := 0; cycle < cycles; cycle++ {
		cmd := child(t, "TestChildWriter", "REGULARS_DB="+path, "REGULARS_CUSTOMER="+strconv.FormatInt(c.ID, 10),
			fmt.Sprintf("REGULARS_TAG=c%d", cycle))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		got := make(chan ack, 1024)
		go readAcks(bufio.NewScanner(stdout), got)
		// Wait for the first acknowledged save, then kill at a random moment.
		first, ok := <-got
		if !ok {
			cmd.Wait()
			t.Fatalf("cycle %d: the child saved nothing", cycle)
		}
		all = append(all, first)
		time.Sleep(time.Duration(rng.IntN(40_000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for a := range got {
			all = append(all, a)
		}
		cmd.Wait()
		checkNotebook(t, path, all)
	}
	t.Logf("crash safety: %d kill cycles, %d acknowledged saves, 0 lost, integrity ok", cycles, len(all))
}

// TestTwoWriters runs two processes saving to the same notebook at once:
// neither sees an error (busy is waited out) and no save is lost.
func TestTwoWriters(t *testing.T) {
	if os.Getenv("REGULARS_CHILD") != "" {
		t.Skip()
	}
	path := filepath.Join(t.TempDir(), "two.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := mustCustomer(t, s, "Anna")
	s.Close()
	var mu sync.Mutex
	var all []ack
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for _, tag := range []string{"left", "right"} {
		cmd := child(t, "TestChildWriter", "REGULARS_DB="+path, "REGULARS_CUSTOMER="+strconv.FormatInt(c.ID, 10),
			// A pause between saves, as between two people's notes; without
			// it one tight loop can hold the lock almost all the time.
			"REGULARS_TAG="+tag, "REGULARS_FOR=1500ms", "REGULARS_PAUSE=2ms")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := make(chan ack, 1024)
			go readAcks(bufio.NewScanner(stdout), got)
			for a := range got {
				mu.Lock()
				all = append(all, a)
				mu.Unlock()
			}
			if err := cmd.Wait(); err != nil {
				errs <- fmt.Errorf("writer %s: %v", tag, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	checkNotebook(t, path, all)
	left := 0
	for _, a := range all {
		if strings.HasPrefix(a.text, "left") {
			left++
		}
	}
	if left == 0 || left == len(all) {
		t.Fatalf("one writer was starved: %d of %d saves from the left", left, len(all))
	}
	t.Logf("two writers: %d concurrent saves (%d and %d), 0 errors, 0 lost", len(all), left, len(all)-left)
}

// TestChildLongWrite holds the write lock for a while, as a long import does.
func TestChildLongWrite(t *testing.T) {
	if os.Getenv("REGULARS_CHILD") == "" {
		t.Skip("run by the reliability tests as a child process")
	}
	s, err := store.Open(os.Getenv("REGULARS_DB"))
	if err != nil {
		os.Exit(3)
	}
	tx, err := s.DB().Begin() // BEGIN IMMEDIATE: takes the write lock now
	if err != nil {
		os.Exit(4)
	}
	if _, err := tx.Exec(`INSERT INTO notes (customer_id, text, created_at) VALUES (1, 'bulk', '2026-11-23T10:00:00.000Z')`); err != nil {
		os.Exit(5)
	}
	fmt.Println("locked")
	time.Sleep(2 * time.Second)
	if err := tx.Commit(); err != nil {
		os.Exit(6)
	}
	os.Exit(0)
}

// A note saved while another process holds a long write waits for it and
// is saved, instead of failing.
func TestNoteWaitsForLongWrite(t *testing.T) {
	if os.Getenv("REGULARS_CHILD") != "" {
		t.Skip()
	}
	path := filepath.Join(t.TempDir(), "long.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := mustCustomer(t, s, "Anna")
	cmd := child(t, "TestChildLongWrite", "REGULARS_DB="+path)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() || sc.Text() != "locked" {
		t.Fatal("the long writer did not start")
	}
	start := time.Now()
	if err := s.AddNote(context.Background(), &model.Note{CustomerID: c.ID, Text: "at the counter"}); err != nil {
		t.Fatalf("note during a long write: %v", err)
	}
	waited := time.Since(start)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("long writer: %v", err)
	}
	if n := count(t, s, "notes"); n != 2 {
		t.Fatalf("%d notes, want both", n)
	}
	t.Logf("note saved after waiting %v for the other process", waited.Round(time.Millisecond))
}

// TestChildMigrate opens a notebook and stalls inside its last migration.
func TestChildMigrate(t *testing.T) {
	if os.Getenv("REGULARS_CHILD") == "" {
		t.Skip("run by the reliability tests as a child process")
	}
	last := os.Getenv("REGULARS_STALL")
	store.SetMigrationHook(func(name string) {
		if name == last {
			fmt.Println("migrating")
			time.Sleep(time.Minute)
		}
	})
	store.Open(os.Getenv("REGULARS_DB"))
	os.Exit(0)
}

// A migration killed half-way leaves the notebook at the old version, and
// the next open upgrades it.
func TestMigrationKilled(t *testing.T) {
	if os.Getenv("REGULARS_CHILD") != "" {
		t.Skip()
	}
	ents, _ := os.ReadDir("migrations")
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	for i, stall := range names {
		t.Run(stall, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "m.db")
			cmd := child(t, "TestChildMigrate", "REGULARS_DB="+path, "REGULARS_STALL="+stall)
			stdout, _ := cmd.StdoutPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(stdout)
			if !sc.Scan() || sc.Text() != "migrating" {
				cmd.Process.Kill()
				t.Fatal("the child never reached the migration")
			}
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			// Read the version without migrating.
			db := openRaw(t, path)
			v := version(t, db)
			db.Close()
			if v != i {
				t.Fatalf("after a kill inside %s the notebook is at version %d, want %d", stall, v, i)
			}
			s, err := store.Open(path)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer s.Close()
			if got := version(t, s.DB()); got != store.SchemaVersion() {
				t.Fatalf("after reopen: version %d, want %d", got, store.SchemaVersion())
			}
		})
	}
}
