package store_test

import (
	"context"
	"testing"

	"regulars/model"
	"regulars/store"
)

func TestRemoveRecord(t *testing.T) {
	ctx := context.Background()
	f := newWeekFixture(t)
	s := f.s
	topSpender := id(model.KindTopSpender, f.dan, "2026-11-23")

	// Gus outspends Dan last week by one visit.
	gusVisit := &model.Visit{CustomerID: f.gus.ID, On: d(2026, 11, 19), Cents: 5000}
	must(t, s.AddVisit(ctx, gusVisit))
	gusTop := id(model.KindTopSpender, f.gus, "2026-11-23")
	if got, want := stateOf(f.week(t, monday), gusTop), model.Open; got != want {
		t.Fatalf("before: Gus's top spender item is %q, want open", got)
	}
	must(t, s.RemoveRecord(ctx, gusVisit.RecordID()))

	w := f.week(t, monday)
	if got, want := stateOf(w, gusTop), model.State("absent"); got != want {
		t.Fatalf("removed: Gus's top spender item is %q, want %q", got, want)
	}
	if got, want := stateOf(w, topSpender), model.Open; got != want {
		t.Fatalf("removed: Dan's top spender item is %q, want open", got)
	}
	card, err := s.Card(ctx, f.gus.ID)
	if err != nil {
		t.Fatal(err)
	}
	if card.VisitCount != 0 || card.SpendYear != 0 || card.LastVisit != nil || len(card.Visits) != 0 {
		t.Fatalf("removed visit still on the card: %+v", card)
	}
	if _, err := s.Record(ctx, gusVisit.RecordID()); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("Record of a removed visit: %v, want not found", err)
	}

	// A new record does not take the removed one's id.
	next := &model.Visit{CustomerID: f.eve.ID, On: d(2026, 11, 23), Cents: 100}
	must(t, s.AddVisit(ctx, next))
	if next.ID == gusVisit.ID {
		t.Fatalf("a new visit took the removed visit's id %d", next.ID)
	}

	must(t, s.RestoreRecord(ctx, gusVisit.RecordID()))
	if got, want := stateOf(f.week(t, monday), gusTop), model.Open; got != want {
		t.Fatalf("restored: Gus's top spender item is %q, want open", got)
	}
	card, err = s.Card(ctx, f.gus.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := card.SpendYear, int64(5000); got != want {
		t.Fatalf("restored: spend this year = %d, want %d", got, want)
	}
	if card.VisitCount != 1 || card.LastVisit == nil || card.LastVisit.ID != gusVisit.ID || card.LastVisit.On != gusVisit.On {
		t.Fatalf("restored: card visits %+v, count %d", card.LastVisit, card.VisitCount)
	}
}

func TestRemoveRecordErrors(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	c := mustCustomer(t, s, "Anna")
	n := &model.Note{CustomerID: c.ID, Text: "Trip to Germany"}
	must(t, s.AddNote(ctx, n))

	t.Run("ErrNotRemoved", func(t *testing.T) {
		err := s.RestoreRecord(ctx, n.RecordID())
		if model.ErrorCode(err) != model.ECONFLICT || model.ErrorMessage(err) != "note:1 is not removed" {
			t.Fatalf("restore of a live note: %v", err)
		}
	})
	must(t, s.RemoveRecord(ctx, n.RecordID()))
	removed, err := s.RemovedRecords(ctx, c.ID)
	if err != nil || len(removed) != 1 || removed[0].ID != n.RecordID() || !removed[0].RemovedAt.Equal(testNow) {
		t.Fatalf("removed records = %+v, %v", removed, err)
	}
	t.Run("ErrRemovedTwice", func(t *testing.T) {
		err := s.RemoveRecord(ctx, n.RecordID())
		if model.ErrorCode(err) != model.ECONFLICT || model.ErrorMessage(err) != "note:1 is already removed" {
			t.Fatalf("second remove: %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		id := model.RecordID{Kind: model.RecordVisit, ID: 99}
		if err := s.RemoveRecord(ctx, id); model.ErrorCode(err) != model.ENOTFOUND || model.ErrorMessage(err) != "there is no record visit:99" {
			t.Fatalf("remove of nothing: %v", err)
		}
		if err := s.RestoreRecord(ctx, id); model.ErrorCode(err) != model.ENOTFOUND || model.ErrorMessage(err) != "there is no removed record visit:99" {
			t.Fatalf("restore of nothing: %v", err)
		}
	})
	must(t, s.RestoreRecord(ctx, n.RecordID()))
	if err := s.RestoreRecord(ctx, n.RecordID()); model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("restored twice: %v", err)
	}
	if removed, _ := s.RemovedRecords(ctx, c.ID); len(removed) != 0 {
		t.Fatalf("removed records after restore = %+v", removed)
	}
	r, err := s.Record(ctx, n.RecordID())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := *r.Note, *n; got.Text != want.Text || got.ID != want.ID || !got.Created.Equal(want.Created) {
		t.Fatalf("restored note = %+v, want %+v", got, want)
	}
	// The note's words find the customer again.
	rows, err := listRows(s.ListPage(ctx, store.SearchQuery{Text: "germany"}))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("filter after restore = %+v", rows)
	}
}

// A removed visit's thank-you and the week item that logged it point at it
// again once it is restored.
func TestRestoreRecordRelinks(t *testing.T) {
	ctx := context.Background()
	f := newWeekFixture(t)
	s := f.s
	w := f.week(t, monday)
	var itemID string
	for _, it := range w.Items {
		if it.VisitID == f.big.ID {
			itemID = it.ID
		}
	}
	if itemID == "" {
		t.Fatalf("no item for Dan's big purchase in %v", itemIDs(w))
	}
	if _, err := s.DoneItem(ctx, itemID, model.Card, ""); err != nil {
		t.Fatal(err)
	}
	var linked int
	q := `SELECT (SELECT count(*) FROM thank_yous WHERE visit_id = ?1) + (SELECT count(*) FROM week_items WHERE visit_id = ?1)`
	if err := s.DB().QueryRow(q, f.big.ID).Scan(&linked); err != nil {
		t.Fatal(err)
	}
	if got, want := linked, 2; got != want {
		t.Fatalf("links to the big purchase = %d, want %d (its thank-you and its week item)", got, want)
	}
	must(t, s.RemoveRecord(ctx, f.big.RecordID()))
	must(t, s.RestoreRecord(ctx, f.big.RecordID()))
	var after int
	if err := s.DB().QueryRow(q, f.big.ID).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if got, want := after, linked; got != want {
		t.Fatalf("links to the restored visit = %d, want %d", got, want)
	}
}

// A thank-you removed before the visit it thanks for comes back on its own
// when the visit stays removed.
func TestRestoreThankYouOfRemovedVisit(t *testing.T) {
	ctx := context.Background()
	f := newWeekFixture(t)
	s := f.s
	w := f.week(t, monday)
	var item *model.Item
	for i := range w.Items {
		if w.Items[i].VisitID == f.big.ID {
			item = &w.Items[i]
		}
	}
	if item == nil {
		t.Fatalf("no item for Dan's big purchase in %v", itemIDs(w))
	}
	done, err := s.DoneItem(ctx, item.ID, model.Card, "")
	if err != nil {
		t.Fatal(err)
	}
	thanks := model.RecordID{Kind: model.RecordThankYou, ID: done.ThankYouID}
	must(t, s.RemoveRecord(ctx, thanks))
	must(t, s.RemoveRecord(ctx, f.big.RecordID()))
	must(t, s.RestoreRecord(ctx, thanks))
	r, err := s.Record(ctx, thanks)
	if err != nil || r.ThankYou == nil || r.ThankYou.Reason != "thank you for the big purchase" {
		t.Fatalf("restored thank-you: %+v, %v", r, err)
	}
	must(t, s.RestoreRecord(ctx, f.big.RecordID()))
}
