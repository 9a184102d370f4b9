package store_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"regulars/model"
	"regulars/store"
)

// The week is benchmarked on a demo notebook of 100,000 customers with a
// year of visits, made only when a benchmark asks for it (about two minutes)
// and kept in the temp folder under a name that hashes the demo generator
// and the migrations, so later runs reuse it until either changes (older
// ones are removed). REGULARS_BENCH_DB=FILE uses a notebook made with
// 'regulars --today 2026-11-27 demo --customers 100000 --no-open' instead.
var weekBench struct {
	once sync.Once
	path string
	err  error
}

// benchToday is a Friday, the day the owner works the queue.
var benchToday = model.Date{Year: 2026, Month: time.November, Day: 27}

func weekBenchStore(b *testing.B) *store.Store {
	b.Helper()
	weekBench.once.Do(func() {
		if p := os.Getenv("REGULARS_BENCH_DB"); p != "" {
			weekBench.path = p
			return
		}
		h := sha256.New()
		files, _ := filepath.Glob("migrations/*.sql")
		for _, f := range append(files, "demo.go") {
			body, err := os.ReadFile(f)
			if err != nil {
				weekBench.err = err
				return
			}
			h.Write(body)
		}
		name := fmt.Sprintf("regulars-week-bench-%x.db", h.Sum(nil)[:8])
		weekBench.path = filepath.Join(os.TempDir(), name)
		if _, err := os.Stat(weekBench.path); err == nil {
			return
		}
		old, _ := filepath.Glob(filepath.Join(os.TempDir(), "regulars-week-bench-*"))
		for _, f := range old {
			os.Remove(f)
		}
		// Made under a temporary name and renamed when complete, so an
		// interrupted run leaves nothing to reuse.
		tmp := weekBench.path + ".part"
		s, err := store.Open(tmp)
		if err != nil {
			weekBench.err = err
			return
		}
		s.Now = func() time.Time { return benchToday.Time(time.Local).Add(23 * time.Hour) }
		start := time.Now()
		weekBench.err = store.GenerateDemo(context.Background(), s, store.DemoOptions{Customers: 100_000, Seed: 1, Today: benchToday})
		if weekBench.err == nil {
			// One file, no -wal beside it, before the rename.
			_, weekBench.err = s.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		}
		s.Close()
		if weekBench.err == nil {
			weekBench.err = os.Rename(tmp, weekBench.path)
		}
		os.Remove(tmp + "-wal")
		os.Remove(tmp + "-shm")
		fmt.Fprintf(os.Stderr, "week benchmark: demo notebook of 100000 customers made in %s: %s\n", time.Since(start).Round(time.Second), weekBench.path)
	})
	if weekBench.err != nil {
		b.Fatal(weekBench.err)
	}
	s, err := store.Open(weekBench.path)
	if err != nil {
		b.Fatal(err)
	}
	s.Now = func() time.Time { return benchToday.Time(time.Local).Add(10 * time.Hour) }
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkWeek100k computes the whole queue at 100,000 customers: the
// target is at most 30 ms.
func BenchmarkWeek100k(b *testing.B) {
	s := weekBenchStore(b)
	ctx := context.Background()
	var items int
	for b.Loop() {
		w, err := s.Week(ctx, benchToday)
		if err != nil {
			b.Fatal(err)
		}
		items = len(w.Items)
	}
	b.ReportMetric(float64(items), "items")
}

// BenchmarkWeekDone100k marks one item done and takes it back: each checks
// the item by computing its kind for its customer only, not the queue.
func BenchmarkWeekDone100k(b *testing.B) {
	s := weekBenchStore(b)
	ctx := context.Background()
	w, err := s.Week(ctx, benchToday)
	if err != nil {
		b.Fatal(err)
	}
	var id string
	for _, it := range w.Items {
		if it.Kind == model.KindFollowUp && it.State == model.Open {
			id = it.ID
			break
		}
	}
	if id == "" {
		b.Fatal("no open follow-up on the week")
	}
	for b.Loop() {
		if _, err := s.DoneItem(ctx, id, model.InPerson, ""); err != nil {
			b.Fatal(err)
		}
		if _, err := s.UndoItem(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}
