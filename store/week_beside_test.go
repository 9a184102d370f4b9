package store

import (
	"context"
	"database/sql"
	"slices"
	"testing"
	"time"

	"regulars/model"
)

// The queue reads on two connections at once; both must see the same
// notebook. A visit committed between the first connection's first read
// and the second's would make the second rank a top spender the first
// never saw: the queue then reads everything on the first, as of its
// first read.
func TestWeekBesideSeesTheSameNotebook(t *testing.T) {
	ctx := context.Background()
	today := model.Date{Year: 2026, Month: time.November, Day: 27}
	s := openDay(t, today)
	var ids []int64
	for i, cents := range []int64{5000, 3000, 1000} {
		c := &model.Customer{Name: "C" + string(rune('a'+i))}
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		for _, on := range []model.Date{today.AddDays(-2), today.AddDays(-200)} {
			if err := s.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: on, Cents: cents}); err != nil {
				t.Fatal(err)
			}
		}
		ids = append(ids, c.ID)
	}
	ranked := func(w *model.Week) (top []int64, checkIns []int64) {
		for _, it := range w.Items {
			switch it.Kind {
			case model.KindTopSpender:
				top = append(top, it.CustomerID)
			case model.KindCheckIn:
				checkIns = append(checkIns, it.CustomerID)
			}
		}
		return top, checkIns
	}

	// Nothing written meanwhile: the second connection is taken.
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		beside, done := s.weekBeside(ctx, tx)
		defer done()
		if beside == nil {
			t.Error("no second connection beside the queue's with nothing written meanwhile")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	before, err := s.Week(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if top, checkIns := ranked(before); !slices.Equal(top, ids[:1]) || !slices.Equal(checkIns, ids) {
		t.Fatalf("before the write: top spender %v, check-ins %v; want %v and %v", top, checkIns, ids[:1], ids)
	}

	// The last customer spends the most, committed between the two.
	besideHook = func() {
		besideHook = nil
		if err := s.AddVisit(ctx, &model.Visit{CustomerID: ids[2], On: today.AddDays(-1), Cents: 90000}); err != nil {
			t.Error(err)
		}
	}
	defer func() { besideHook = nil }()
	during, err := s.Week(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if top, checkIns := ranked(during); !slices.Equal(top, ids[:1]) || !slices.Equal(checkIns, ids) {
		t.Errorf("with a visit committed between the two reads: top spender %v, check-ins %v; want %v and %v, as the first read saw",
			top, checkIns, ids[:1], ids)
	}
	after, err := s.Week(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{ids[2], ids[0], ids[1]}
	if top, checkIns := ranked(after); !slices.Equal(top, want[:1]) || !slices.Equal(checkIns, want) {
		t.Errorf("after the write: top spender %v, check-ins %v; want %v and %v", top, checkIns, want[:1], want)
	}
}
