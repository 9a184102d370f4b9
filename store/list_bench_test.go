package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"regulars/model"
	"regulars/store"
)

// The list and save benchmarks run over a demo notebook of 100,000
// customers (REGULARS_BENCH_CUSTOMERS for another size), made once per run
// in a temp folder and only when one of them runs. REGULARS_BENCH_DB=FILE
// uses a notebook made with 'regulars demo' instead.
var listBench struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func listBenchStore(b *testing.B) *store.Store {
	b.Helper()
	listBench.once.Do(func() {
		if p := os.Getenv("REGULARS_BENCH_DB"); p != "" {
			listBench.path = p
			return
		}
		n := 100_000
		if v, err := strconv.Atoi(os.Getenv("REGULARS_BENCH_CUSTOMERS")); err == nil && v > 0 {
			n = v
		}
		if listBench.dir, listBench.err = os.MkdirTemp("", "regulars-list-bench-"); listBench.err != nil {
			return
		}
		listBench.path = filepath.Join(listBench.dir, "bench.db")
		s, err := store.Open(listBench.path)
		if err != nil {
			listBench.err = err
			return
		}
		defer s.Close()
		s.Now = func() time.Time { return testNow.Add(13 * time.Hour) }
		start := time.Now()
		listBench.err = store.GenerateDemo(context.Background(), s, store.DemoOptions{Customers: n, Seed: 1, Today: model.DateOf(testNow)})
		fmt.Fprintf(os.Stderr, "demo notebook: %d customers in %s\n", n, time.Since(start).Round(time.Millisecond))
	})
	if listBench.err != nil {
		b.Fatal(listBench.err)
	}
	s, err := store.Open(listBench.path)
	if err != nil {
		b.Fatal(err)
	}
	s.Now = func() time.Time { return testNow }
	b.Cleanup(func() { s.Close() })
	return s
}

func TestMain(m *testing.M) {
	code := m.Run()
	if listBench.dir != "" {
		os.RemoveAll(listBench.dir)
	}
	os.Exit(code)
}

// reportDurations reports the median and 99th percentile of ds in ms.
func reportDurations(b *testing.B, name string, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(ds[len(ds)/2]), name+"-ms-median")
	b.ReportMetric(ms(ds[min(len(ds)*99/100, len(ds)-1)]), name+"-ms-p99")
}

// BenchmarkListPage asks for the list's first screen (three screens' worth
// of rows, as the list does) for each kind of filter and each sort.
func BenchmarkListPage(b *testing.B) {
	s := listBenchStore(b)
	ctx := context.Background()
	for _, text := range []string{"", "m", "so", "sof", "sofia", "kowalski", "ol ha", "7123", "bis", "biscuit"} {
		for _, sort := range []store.Sort{store.ByName, store.ByLastVisit, store.BySpendYear} {
			b.Run(fmt.Sprintf("%q/%s", text, sort), func(b *testing.B) {
				for b.Loop() {
					if _, err := s.ListPage(ctx, store.SearchQuery{Text: text, Sort: sort, Limit: 66}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
