package store

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"regulars/model"
)

// The week's prepared statements: a year of queues, every day, leaves a few
// dozen texts prepared (not one set a day), and each queue is the one the
// same queries give unprepared.
func TestWeekStmtsStayFew(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	start := model.Date{Year: 2026, Month: time.January, Day: 1}
	s := openDay(t, start)
	for i := range 40 {
		c := &model.Customer{Name: "C" + string(rune('a'+i%26)) + string(rune('a'+i/26)),
			Birthday: model.MonthDay{Year: 1980, Month: time.Month(1 + i%12), Day: 1 + i%28}}
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		for j := range 1 + i%4 {
			v := &model.Visit{CustomerID: c.ID, On: start.AddDays(i*9 + j*31), Cents: int64(500 + 300*i + 70*j)}
			if err := s.AddVisit(ctx, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for today := start; today.Year == 2026; today = today.AddDays(1) {
		got, err := s.Week(ctx, today)
		if err != nil {
			t.Fatal(err)
		}
		if today.Day != 1 && today.Day != 29 {
			continue
		}
		want := plainWeek(t, s, today)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the queue through prepared statements differs:\n got %+v\nwant %+v", today, got, want)
		}
	}
	s.stmts.mu.Lock()
	n := len(s.stmts.m)
	s.stmts.mu.Unlock()
	if n == 0 || n > 80 {
		t.Errorf("%d statements prepared over a year of queues, want a few dozen", n)
	}
	t.Logf("%d statements prepared", n)
}

// Over random notebooks (the demo's, of several sizes and seeds, with some
// items done and snoozed) and days (the weekdays of a queue week, a year's
// end, a leap day), the queue Week computes on two connections through
// prepared statements is the one a single transaction computes through
// plain queries, item for item, counts and all.
func TestWeekPathsMatch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, nb := range []struct {
		customers int
		seed      uint64
		made      model.Date
	}{
		{180, 1, model.Date{Year: 2026, Month: time.November, Day: 27}},
		{420, 7, model.Date{Year: 2027, Month: time.December, Day: 29}},
		{260, 12, model.Date{Year: 2028, Month: time.February, Day: 26}},
	} {
		s, err := Open(filepath.Join(t.TempDir(), "regulars.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		s.Now = func() time.Time { return nb.made.Time(time.Local).Add(23 * time.Hour) }
		if err := GenerateDemo(ctx, s, DemoOptions{Customers: nb.customers, Seed: nb.seed, Today: nb.made}); err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(nb.seed, 99))
		var days []model.Date
		for i := range 9 {
			days = append(days, nb.made.AddDays(i-1))
		}
		days = append(days, model.Date{Year: nb.made.Year, Month: time.December, Day: 31},
			model.Date{Year: nb.made.Year + 1, Month: time.January, Day: 1}, model.Date{Year: 2028, Month: time.February, Day: 29})
		for i, today := range days {
			s.Now = func() time.Time { return today.Time(time.Local).Add(10 * time.Hour) }
			if i%3 == 1 { // act on some of the queue first
				w, err := s.Week(ctx, today)
				if err != nil {
					t.Fatal(err)
				}
				for _, it := range w.Items {
					switch r := rng.IntN(12); {
					case it.State != model.Open:
					case r == 0:
						if _, err := s.DoneItem(ctx, it.ID, model.Call, ""); err != nil {
							t.Fatal(err)
						}
					case r == 1 && model.Snoozable(it.Kind):
						if _, err := s.SnoozeItem(ctx, it.ID); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			got, err := s.Week(ctx, today)
			if err != nil {
				t.Fatal(err)
			}
			want := plainWeek(t, s, today)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%d customers, seed %d, on %s: the queue on two connections differs from one:\n got %+v\nwant %+v",
					nb.customers, nb.seed, today, got, want)
			}
			t.Logf("%s: %d items, %d done, %d snoozed", today, len(got.Items), got.Done, got.Snoozed)
			if len(got.Items) == 0 {
				t.Errorf("%d customers, seed %d, on %s: an empty queue proves nothing", nb.customers, nb.seed, today)
			}
		}
	}
}

// plainWeek is the queue on today from one plain transaction: no prepared
// statements, no second connection.
func plainWeek(t *testing.T, s *Store, today model.Date) *model.Week {
	t.Helper()
	ctx := context.Background()
	var w *model.Week
	err := s.readTx(ctx, func(tx *sql.Tx) (err error) {
		w, err = week(ctx, tx, today, time.Local, model.DefaultWeekRules, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}
