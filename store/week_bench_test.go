package store_test

import (
	"context"
	"testing"
	"time"

	"regulars/model"
	"regulars/store"
	"regulars/store/storetest"
)

// The week is benchmarked on the shared benchmark notebook
// (storetest.BenchNotebook), on its own day: a Friday, the day the owner
// works the queue.
var benchToday = storetest.BenchDay

func weekBenchStore(b *testing.B) *store.Store {
	return benchStore(b, benchToday.Time(time.Local).Add(10*time.Hour))
}

// BenchmarkWeek100k computes the whole queue at 100,000 customers: the
// target is at most 15 ms (issue 16).
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

// BenchmarkWeekPeople100k computes the queue and groups it one row per
// person, as the week screen shows it first: the same target.
func BenchmarkWeekPeople100k(b *testing.B) {
	s := weekBenchStore(b)
	ctx := context.Background()
	var people int
	for b.Loop() {
		w, err := s.Week(ctx, benchToday)
		if err != nil {
			b.Fatal(err)
		}
		people = len(w.People())
	}
	b.ReportMetric(float64(people), "people")
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
