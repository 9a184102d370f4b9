package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"regulars/store"
	"regulars/store/storetest"
)

// The list and save benchmarks run over the shared benchmark notebook
// (storetest.BenchNotebook), on the clock of the list tests.
func listBenchStore(b *testing.B) *store.Store { return benchStore(b, testNow) }

// benchStore opens the shared benchmark notebook with the store's clock at
// now.
func benchStore(b *testing.B, now time.Time) *store.Store {
	b.Helper()
	path, _ := storetest.BenchNotebook(b)
	s, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	s.Now = func() time.Time { return now }
	b.Cleanup(func() { s.Close() })
	return s
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
