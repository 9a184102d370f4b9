package store_test

import (
	"context"
	"testing"
	"time"

	"regulars/model"
)

// When someone a customer sent us comes in for the first time, the week
// suggests thanking the one who sent them, once, worked like a thank-you.
func TestWeekReferral(t *testing.T) {
	ctx := context.Background()
	friday := d(2026, 11, 27)
	s := openAt(t, friday.Time(time.Local).Add(10*time.Hour))
	anna := &model.Customer{Name: "Anna Schmidt"}
	if err := s.CreateCustomer(ctx, anna); err != nil {
		t.Fatal(err)
	}
	sam := &model.Customer{Name: "Sam Lee", ReferredBy: anna.ID}
	if err := s.CreateCustomer(ctx, sam); err != nil {
		t.Fatal(err)
	}
	old := &model.Customer{Name: "Kai Berg", ReferredBy: anna.ID}
	if err := s.CreateCustomer(ctx, old); err != nil {
		t.Fatal(err)
	}
	for _, v := range []model.Visit{
		{CustomerID: sam.ID, On: d(2026, 11, 24), Cents: 450},
		{CustomerID: old.ID, On: d(2026, 9, 1), Cents: 450}, // long ago: thanked then, not now
	} {
		if err := s.AddVisit(ctx, &v); err != nil {
			t.Fatal(err)
		}
	}
	w, err := s.Week(ctx, friday)
	if err != nil {
		t.Fatal(err)
	}
	var refs []model.Item
	for _, it := range w.Items {
		if it.Kind == model.KindReferral {
			refs = append(refs, it)
		}
	}
	if len(refs) != 1 || refs[0].CustomerID != anna.ID || refs[0].Reason != "sent us Sam Lee, who came in for the first time on Tue 24 Nov: thank them" {
		t.Fatalf("referral items: %+v", refs)
	}
	if got, want := model.DefaultChannel(model.KindReferral), model.Card; got != want {
		t.Errorf("channel %s, want %s", got, want)
	}
	if _, err := s.DoneItem(ctx, refs[0].ID, model.Card, ""); err != nil {
		t.Fatal(err)
	}
	w, _ = s.Week(ctx, friday)
	if it := w.Item(refs[0].ID); it == nil || it.State != model.Done {
		t.Fatalf("after done: %+v", it)
	}
}
