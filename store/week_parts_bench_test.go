package store_test

import (
	"slices"
	"sort"
	"testing"
	"time"

	"regulars/model"
	"regulars/store"
)

// BenchmarkWeekParts100k reports the CPU time of each step of the queue
// (each kind's query, the records, the rules, the recipients, grouping
// one row per person), per queue, on the calling thread, the steps in
// turn on one connection; and from them the longest of the queue's two
// connections' paths (longest-ms; with People, longest-people-ms).
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
	// What the two connections each do (store.WeekAside on the second),
	// and after both, the rules, half the recipients each and the rest:
	// with a core for each, the queue takes about the longer side and
	// what follows.
	var side [2]time.Duration
	for name, d := range parts {
		switch {
		case slices.Contains(store.WeekAside(), model.Kind(name)):
			side[1] += d
		case slices.Contains(model.Kinds, model.Kind(name)) || name == "records":
			side[0] += d
		}
	}
	after := parts["rules"] + parts["recipients"] + parts["rest"]
	if len(store.WeekAside()) > 0 {
		after -= parts["recipients"] / 2
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(n) }
	b.ReportMetric(ms(side[0]), "side1-ms")
	b.ReportMetric(ms(side[1]), "side2-ms")
	b.ReportMetric(ms(max(side[0], side[1])+after), "longest-ms")
	b.ReportMetric(ms(max(side[0], side[1])+after+parts["people"]), "longest-people-ms")
}
