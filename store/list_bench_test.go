package store_test

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"slices"
	"testing"
	"time"

	"regulars/model"
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

// benchIndex is the filter index over the benchmark notebook, built.
func benchIndex(b *testing.B, s *store.Store) *store.FilterIndex {
	b.Helper()
	x := store.NewFilterIndex(context.Background(), s)
	b.Cleanup(func() { x.Close() })
	x.Start()
	if err := x.Wait(context.Background()); err != nil {
		b.Fatal(err)
	}
	return x
}

var listBenchFilters = []string{"", "m", "so", "sof", "sofia", "kowalski", "ol ha", "7123", "bis", "biscuit"}

// BenchmarkListPage asks for the list's first screen (three screens' worth
// of rows, as the list does) for each kind of filter and each sort, from
// the filter index (the list's path once it is built).
func BenchmarkListPage(b *testing.B) {
	s := listBenchStore(b)
	x := benchIndex(b, s)
	ctx := context.Background()
	for _, text := range listBenchFilters {
		for _, sort := range []store.Sort{store.ByName, store.ByLastVisit, store.BySpendYear} {
			b.Run(fmt.Sprintf("%q/%s", text, sort), func(b *testing.B) {
				for b.Loop() {
					if _, err := x.ListPage(ctx, store.SearchQuery{Text: text, Sort: sort, Limit: 66}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkListPageSQL is BenchmarkListPage through SQL alone (before the
// index is built, after a write until it is rebuilt, and for other callers).
func BenchmarkListPageSQL(b *testing.B) {
	s := listBenchStore(b)
	ctx := context.Background()
	for _, text := range listBenchFilters {
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

// BenchmarkCount counts the matches of each kind of filter, from the index
// and through SQL.
func BenchmarkCount(b *testing.B) {
	s := listBenchStore(b)
	x := benchIndex(b, s)
	ctx := context.Background()
	for _, path := range []string{"index", "sql"} {
		for _, text := range listBenchFilters {
			b.Run(fmt.Sprintf("%s/%q", path, text), func(b *testing.B) {
				for b.Loop() {
					var err error
					if path == "index" {
						_, err = x.Count(ctx, store.SearchQuery{Text: text})
					} else {
						_, err = s.Count(ctx, store.SearchQuery{Text: text})
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkFilterIndexBuild builds the filter index over the benchmark
// notebook and reports its size: the heap it holds once built.
func BenchmarkFilterIndexBuild(b *testing.B) {
	s := listBenchStore(b)
	var sizes, heaps, peaks []float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		peak := heapPeak()
		x := store.NewFilterIndex(context.Background(), s)
		x.Start()
		if err := x.Wait(context.Background()); err != nil {
			b.Fatal(err)
		}
		peaks = append(peaks, float64(peak()-before.HeapAlloc)/1e6)
		runtime.GC()
		runtime.ReadMemStats(&after)
		heaps = append(heaps, float64(after.HeapAlloc-before.HeapAlloc)/1e6)
		sizes = append(sizes, float64(x.IndexBytes)/1e6)
		b.ReportMetric(float64(x.BuildTime.Milliseconds()), "build-ms")
		x.Close()
	}
	b.ReportMetric(slices.Max(heaps), "heap-MB")
	b.ReportMetric(slices.Max(peaks), "peak-heap-MB")
	b.ReportMetric(slices.Max(sizes), "index-MB")
}

// heapPeak samples the heap's live objects every millisecond until the
// function it returns is called, which returns the most it saw.
func heapPeak() func() uint64 {
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var most uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			most = max(most, sample[0].Value.Uint64())
			select {
			case <-tick.C:
			case <-stop:
				done <- most
				return
			}
		}
	}()
	return func() uint64 { close(stop); return <-done }
}

// BenchmarkFilterOverlay is what a write costs the filter index: a note is
// saved, and the next question reads the changed customers again into the
// overlay. With 1, 100 and 1,000 customers changed since the build (the
// others touched by a write that changes nothing); "refresh" is that
// question, a count.
func BenchmarkFilterOverlay(b *testing.B) {
	s := listBenchStore(b)
	ctx := context.Background()
	for _, changed := range []int{1, 100, 1000} {
		b.Run(fmt.Sprint(changed), func(b *testing.B) {
			x := benchIndex(b, s)
			if _, err := s.DB().Exec(`UPDATE customers SET nickname = nickname WHERE id <= ?`, changed); err != nil {
				b.Fatal(err)
			}
			if _, err := x.Count(ctx, store.SearchQuery{}); err != nil {
				b.Fatal(err)
			}
			var ds []time.Duration
			var notes []int64
			for b.Loop() {
				n := &model.Note{CustomerID: 1, Text: "Asked about the new puppy"}
				if err := s.AddNote(ctx, n); err != nil {
					b.Fatal(err)
				}
				notes = append(notes, n.ID)
				start := time.Now()
				if _, err := x.Count(ctx, store.SearchQuery{Text: "puppy"}); err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(start))
			}
			if !x.Ready() {
				b.Fatal("the index is not ready after the writes")
			}
			for _, id := range notes {
				if _, err := s.DB().Exec(`DELETE FROM notes WHERE id = ?`, id); err != nil {
					b.Fatal(err)
				}
			}
			reportDurations(b, "refresh", ds)
		})
	}
}
