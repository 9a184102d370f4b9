// Package storetest makes the demo notebook that the benchmarks of every
// package run over, once, so no package builds its own.
package storetest

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"regulars/model"
	"regulars/store"
)

// BenchDay is the day the benchmark notebook is made on: a Friday, the day
// the owner works the queue (the same day .ci/bench passes to 'demo').
var BenchDay = model.Date{Year: 2026, Month: time.November, Day: 27}

var bench struct {
	once sync.Once
	path string
	n    int
	err  error
}

// BenchNotebook returns the path of a demo notebook of 100,000 customers
// (REGULARS_BENCH_CUSTOMERS for another size) made as of BenchDay, and its
// number of customers. REGULARS_BENCH_DB=FILE uses a notebook made with
// 'regulars --today 2026-11-27 demo --no-open' instead.
//
// Making 100,000 customers takes minutes, so the notebook is kept in the
// temp folder under a name that hashes the demo generator and the
// migrations: later runs, and the other packages' benchmarks, reuse it
// until either changes (older ones are removed). It is made under another
// name and renamed when complete, so an interrupted run leaves nothing to
// reuse.
func BenchNotebook(tb testing.TB) (path string, customers int) {
	tb.Helper()
	bench.once.Do(func() { bench.path, bench.n, bench.err = makeBenchNotebook() })
	if bench.err != nil {
		tb.Fatal(bench.err)
	}
	return bench.path, bench.n
}

func makeBenchNotebook() (string, int, error) {
	if p := os.Getenv("REGULARS_BENCH_DB"); p != "" {
		s, err := store.Open(p)
		if err != nil {
			return "", 0, err
		}
		defer s.Close()
		n, err := s.Count(context.Background(), store.SearchQuery{})
		return p, n, err
	}
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("REGULARS_BENCH_CUSTOMERS")); err == nil && v > 0 {
		n = v
	}
	h := sha256.New()
	_, self, _, _ := runtime.Caller(0)
	storeDir := filepath.Join(filepath.Dir(self), "..")
	files, _ := filepath.Glob(filepath.Join(storeDir, "migrations", "*.sql"))
	for _, f := range append(files, filepath.Join(storeDir, "demo.go")) {
		body, err := os.ReadFile(f)
		if err != nil {
			return "", 0, err
		}
		h.Write(body)
	}
	prefix := filepath.Join(os.TempDir(), fmt.Sprintf("regulars-bench-%d-", n))
	path := fmt.Sprintf("%s%x.db", prefix, h.Sum(nil)[:8])
	// Benchmarks of several packages (go test -bench . ./...) run at once:
	// one makes the notebook while the others wait on the lock, and none
	// removes a notebook another is making.
	unlock, err := lockFile(prefix + "lock")
	if err != nil {
		return "", 0, err
	}
	defer unlock()
	if ok, err := complete(path, n); err != nil || ok {
		return path, n, err
	}
	old, _ := filepath.Glob(prefix + "*.db*")
	for _, f := range old {
		os.Remove(f)
	}
	tmp := path + ".part"
	os.Remove(tmp)
	s, err := store.Open(tmp)
	if err != nil {
		return "", 0, err
	}
	// Made as of late evening, so every made-up time of the day is past.
	s.Now = func() time.Time { return BenchDay.Time(time.Local).Add(23 * time.Hour) }
	start := time.Now()
	err = store.GenerateDemo(context.Background(), s, store.DemoOptions{Customers: n, Seed: 1, Today: BenchDay})
	if err == nil {
		// One file, no -wal beside it, before the rename.
		_, err = s.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
	if err != nil {
		os.Remove(tmp)
		return "", 0, err
	}
	fmt.Fprintf(os.Stderr, "benchmark notebook: %d customers made in %s: %s\n", n, time.Since(start).Round(time.Second), path)
	return path, n, nil
}

// complete says whether path is a finished benchmark notebook of n
// customers; one with another count (made by an interrupted or older run)
// is not.
func complete(path string, n int) (bool, error) {
	if _, err := os.Stat(path); err != nil {
		return false, nil
	}
	s, err := store.Open(path)
	if err != nil {
		return false, nil
	}
	defer s.Close()
	var got int
	err = s.DB().QueryRow(`SELECT count(*) FROM customers`).Scan(&got)
	return err == nil && got == n, nil
}
