package store_test

import (
	"context"
	"syscall"
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
	m := startWeekMeasure()
	for b.Loop() {
		m.start()
		w, err := s.Week(ctx, benchToday)
		if err != nil {
			b.Fatal(err)
		}
		m.stop()
		items = len(w.Items)
	}
	m.report(b)
	b.ReportMetric(float64(items), "items")
}

// BenchmarkWeekPeople100k computes the queue and groups it one row per
// person, as the week screen shows it first: the same target.
func BenchmarkWeekPeople100k(b *testing.B) {
	s := weekBenchStore(b)
	ctx := context.Background()
	var people int
	m := startWeekMeasure()
	for b.Loop() {
		m.start()
		w, err := s.Week(ctx, benchToday)
		if err != nil {
			b.Fatal(err)
		}
		people = len(w.People())
		m.stop()
	}
	m.report(b)
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

// weekMeasure times each queue: its wall-clock time (median, and the
// fastest, which on a busy machine is the nearest to an idle one) and the
// CPU the whole process spent on it, on every core (on a busy machine
// the fairer figure for comparing two versions).
type weekMeasure struct {
	walls []time.Duration
	cpu   time.Duration
	t0    time.Time
	c0    time.Duration
}

func startWeekMeasure() *weekMeasure { return &weekMeasure{} }

func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (m *weekMeasure) start() { m.t0, m.c0 = time.Now(), processCPU() }

func (m *weekMeasure) stop() {
	m.walls = append(m.walls, time.Since(m.t0))
	m.cpu += processCPU() - m.c0
}

func (m *weekMeasure) report(b *testing.B) {
	if len(m.walls) == 0 {
		return
	}
	reportDurations(b, "wall", m.walls)
	b.ReportMetric(float64(m.walls[0].Microseconds())/1000, "wall-ms-min")
	b.ReportMetric(float64(m.cpu.Microseconds())/1000/float64(len(m.walls)), "cpu-ms/op")
}
