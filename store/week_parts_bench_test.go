package store_test

import (
	"sort"
	"testing"
	"time"

	"regulars/store"
)

// BenchmarkWeekParts100k reports the CPU time of each step of the queue
// (each kind's query, the records, the rules, the recipients, grouping
// one row per person), per queue, on the calling thread.
func BenchmarkWeekParts100k(b *testing.B) {
	s := weekBenchStore(b)
	parts := map[string]time.Duration{}
	n := 0
	for b.Loop() {
		if err := store.WeekParts(s, benchToday, parts); err != nil {
			b.Fatal(err)
		}
		n++
	}
	names := make([]string, 0, len(parts))
	var total time.Duration
	for name, d := range parts {
		names = append(names, name)
		total += d
	}
	sort.Strings(names)
	for _, name := range names {
		b.ReportMetric(float64(parts[name].Microseconds())/1000/float64(n), name+"-ms")
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(n), "total-cpu-ms")
}
