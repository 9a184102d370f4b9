package store_test

import (
	"context"
	"fmt"
	"testing"

	"regulars/model"
)

func TestRecords(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	c := mustCustomer(t, s, "Anna")

	note := &model.Note{CustomerID: c.ID, Text: "Trip to Germany", AskOn: model.MakeDate(2026, 12, 1)}
	must(t, s.AddNote(ctx, note))
	plain := &model.Note{CustomerID: c.ID, Text: "Likes the window seat", Private: true}
	must(t, s.AddNote(ctx, plain))
	v := &model.Visit{CustomerID: c.ID, On: model.MakeDate(2026, 11, 21), Cents: 1250, What: "cake"}
	must(t, s.AddVisit(ctx, v))
	must(t, s.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: model.MakeDate(2026, 10, 1), Cents: 300}))
	ty := &model.ThankYou{CustomerID: c.ID, Reason: "catering", Due: model.MakeDate(2026, 11, 28)}
	must(t, s.AddThankYou(ctx, ty))
	fb := &model.Feedback{CustomerID: c.ID, On: model.MakeDate(2026, 11, 22), Rating: 2, Comment: "cold coffee"}
	must(t, s.AddFeedback(ctx, fb))
	o := &model.Outreach{CustomerID: c.ID, On: model.MakeDate(2026, 11, 23), Channel: model.Call, About: "check-in"}
	must(t, s.AddOutreach(ctx, o))

	card, err := s.Card(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(card.FollowUps), 1; got != want {
		t.Fatalf("follow-ups = %d, want %d", got, want)
	}
	if card.LastVisit == nil || card.LastVisit.ID != v.ID || card.VisitCount != 2 || card.SpendYear != 1550 {
		t.Fatalf("card visits: last %+v, count %d, spend %d", card.LastVisit, card.VisitCount, card.SpendYear)
	}
	if len(card.Notes) != 2 || !card.Notes[1].Private && !card.Notes[0].Private {
		t.Fatalf("notes = %+v", card.Notes)
	}
	if len(card.ThankYous) != 1 || card.ThankYous[0].Sent || len(card.Feedback) != 1 || len(card.Outreach) != 1 {
		t.Fatalf("card = %+v", card)
	}

	// Closing records: once, then a conflict; unknown ids are not found.
	must(t, s.MarkAsked(ctx, note.ID))
	must(t, s.MarkThankYouSent(ctx, ty.ID))
	must(t, s.MarkReplied(ctx, fb.ID))
	for name, err := range map[string]error{
		"asked twice":   s.MarkAsked(ctx, note.ID),
		"sent twice":    s.MarkThankYouSent(ctx, ty.ID),
		"replied twice": s.MarkReplied(ctx, fb.ID),
	} {
		if model.ErrorCode(err) != model.ECONFLICT {
			t.Errorf("%s: %v, want conflict", name, err)
		}
	}
	if err := s.MarkAsked(ctx, 999); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("unknown note: %v", err)
	}
	card, _ = s.Card(ctx, c.ID)
	if len(card.FollowUps) != 0 || !card.ThankYous[0].Sent || !card.Feedback[0].Replied {
		t.Fatalf("after closing: %+v", card)
	}

	// Updating a note keeps the search index in step.
	plain.Text = "Prefers oat milk"
	must(t, s.UpdateNote(ctx, plain))
	card, _ = s.Card(ctx, c.ID)
	found := false
	for _, n := range card.Notes {
		found = found || n.Text == "Prefers oat milk"
	}
	if !found {
		t.Fatal("updated note not read back")
	}
}

func TestRecordErrors(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	c := mustCustomer(t, s, "Anna")
	for name, tc := range map[string]struct {
		err  error
		code string
	}{
		"EmptyNote":       {s.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: "  "}), model.EINVALID},
		"NoteUnknown":     {s.AddNote(ctx, &model.Note{CustomerID: 42, Text: "x"}), model.ENOTFOUND},
		"VisitNoDate":     {s.AddVisit(ctx, &model.Visit{CustomerID: c.ID}), model.EINVALID},
		"VisitNegative":   {s.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: model.MakeDate(2026, 1, 1), Cents: -1}), model.EINVALID},
		"VisitHuge":       {s.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: model.MakeDate(2026, 1, 1), Cents: model.MaxCents + 1}), model.EINVALID},
		"ThanksNoReason":  {s.AddThankYou(ctx, &model.ThankYou{CustomerID: c.ID, Due: model.MakeDate(2026, 1, 1)}), model.EINVALID},
		"RatingHigh":      {s.AddFeedback(ctx, &model.Feedback{CustomerID: c.ID, On: model.MakeDate(2026, 1, 1), Rating: 6}), model.EINVALID},
		"RatingZero":      {s.AddFeedback(ctx, &model.Feedback{CustomerID: c.ID, On: model.MakeDate(2026, 1, 1), Rating: 0}), model.EINVALID},
		"OutreachChannel": {s.AddOutreach(ctx, &model.Outreach{CustomerID: c.ID, On: model.MakeDate(2026, 1, 1), Channel: "pigeon"}), model.EINVALID},
		"UpdateNoteGone":  {s.UpdateNote(ctx, &model.Note{ID: 77, Text: "x"}), model.ENOTFOUND},
	} {
		if got := model.ErrorCode(tc.err); got != tc.code {
			t.Errorf("%s: code %q (%v), want %q", name, got, tc.err, tc.code)
		}
	}
	for _, table := range []string{"notes", "visits", "thank_yous", "feedback", "outreach"} {
		if n := count(t, s, table); n != 0 {
			t.Errorf("%d rows in %s after refused writes", n, table)
		}
	}
}

// A driver-level constraint failure comes back as a person's message, not
// a raw SQLite error.
func TestErrorMapping(t *testing.T) {
	s := MustOpen(t)
	_, err := s.DB().Exec(`INSERT INTO visits (customer_id, day, cents) VALUES (999, '2026-01-01', 1)`)
	if err == nil {
		t.Fatal("foreign key not enforced")
	}
	ctx := context.Background()
	// Through a store method the same failure is mapped once.
	c := mustCustomer(t, s, "Anna")
	must(t, s.ArchiveCustomer(ctx, c.ID))
	err = s.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: model.MakeDate(2026, 1, 1)})
	if model.ErrorCode(err) != model.ECONFLICT || model.ErrorMessage(err) != "Anna is archived" {
		t.Fatalf("err = %v", err)
	}
}

// Whatever changes a visit (a moved day, another amount, another customer),
// what the triggers keep from the visits stays equal to what the visits say.
func TestVisitEditsKeepTotals(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	a, b := mustCustomer(t, s, "Anna"), mustCustomer(t, s, "Ben")
	v := &model.Visit{CustomerID: a.ID, On: model.MakeDate(2026, 11, 20), Cents: 1000}
	must(t, s.AddVisit(ctx, v))
	must(t, s.AddVisit(ctx, &model.Visit{CustomerID: a.ID, On: model.MakeDate(2026, 10, 1), Cents: 300}))
	for _, stmt := range []string{
		`UPDATE visits SET day = '2025-12-31', cents = 700 WHERE id = ?`,
		`UPDATE visits SET customer_id = ` + fmt.Sprint(b.ID) + ` WHERE id = ?`,
	} {
		if _, err := s.DB().Exec(stmt, v.ID); err != nil {
			t.Fatal(err)
		}
		var stale int
		err := s.DB().QueryRow(`SELECT count(*) FROM customers c WHERE
			c.last_visit IS NOT (SELECT max(day) FROM visits WHERE customer_id = c.id)
			OR c.visit_count <> (SELECT count(*) FROM visits WHERE customer_id = c.id)
			OR EXISTS (SELECT 1 FROM visit_years y WHERE y.customer_id = c.id AND (y.cents, y.visits) IS NOT
				(SELECT coalesce(sum(cents), 0), count(*) FROM visits WHERE customer_id = c.id AND CAST(substr(day, 1, 4) AS INTEGER) = y.year))`).Scan(&stale)
		if err != nil {
			t.Fatal(err)
		}
		if stale != 0 {
			t.Fatalf("after %q: %d customers' totals are stale", stmt, stale)
		}
	}
	if card, _ := s.Card(ctx, b.ID); card.VisitCount != 1 || card.SpendTotal != 700 {
		t.Fatalf("Ben after the move: %d visits, %d spent", card.VisitCount, card.SpendTotal)
	}
}
