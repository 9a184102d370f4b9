package store_test

import (
	"context"
	"testing"

	"regulars/model"
)

func TestUpdateRecords(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	c := mustCustomer(t, s, "Anna")
	v := &model.Visit{CustomerID: c.ID, On: model.MakeDate(2026, 11, 21), Cents: 1250, What: "cake"}
	must(t, s.AddVisit(ctx, v))
	ty := &model.ThankYou{CustomerID: c.ID, Reason: "catering", Due: model.MakeDate(2026, 11, 28)}
	must(t, s.AddThankYou(ctx, ty))
	fb := &model.Feedback{CustomerID: c.ID, On: model.MakeDate(2026, 11, 22), Rating: 2, Comment: "cold coffee"}
	must(t, s.AddFeedback(ctx, fb))
	o := &model.Outreach{CustomerID: c.ID, On: model.MakeDate(2026, 11, 23), Channel: model.Call, About: "check-in"}
	must(t, s.AddOutreach(ctx, o))

	t.Run("OK", func(t *testing.T) {
		must(t, s.UpdateVisit(ctx, &model.Visit{ID: v.ID, On: model.MakeDate(2026, 11, 20), Cents: 4000, What: "cake and tea"}))
		must(t, s.UpdateThankYou(ctx, &model.ThankYou{ID: ty.ID, Reason: "the catering order", Due: model.MakeDate(2026, 11, 30), Sent: true}))
		must(t, s.UpdateFeedback(ctx, &model.Feedback{ID: fb.ID, On: model.MakeDate(2026, 11, 22), Rating: 4, Comment: "better now"}))
		must(t, s.UpdateOutreach(ctx, &model.Outreach{ID: o.ID, On: model.MakeDate(2026, 11, 22), Channel: "in-person", About: "birthday"}))

		card, err := s.Card(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := card.SpendYear, int64(4000); got != want {
			t.Fatalf("spend this year = %d, want %d", got, want)
		}
		if got, want := card.LastVisit.On, model.MakeDate(2026, 11, 20); got != want {
			t.Fatalf("last visit = %v, want %v", got, want)
		}
		if got, want := card.Visits[0].What, "cake and tea"; got != want {
			t.Fatalf("what = %q, want %q", got, want)
		}
		if got := card.ThankYous[0]; got.Reason != "the catering order" || !got.Sent || got.SentAt.IsZero() || got.Due != model.MakeDate(2026, 11, 30) {
			t.Fatalf("thank-you = %+v", got)
		}
		if got := card.Feedback[0]; got.Rating != 4 || got.Comment != "better now" {
			t.Fatalf("feedback = %+v", got)
		}
		if got := card.Outreach[0]; got.Channel != model.InPerson || got.About != "birthday" || got.On != model.MakeDate(2026, 11, 22) {
			t.Fatalf("outreach = %+v", got)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		for name, err := range map[string]error{
			"visit":    s.UpdateVisit(ctx, &model.Visit{ID: v.ID, On: model.MakeDate(2026, 11, 20), Cents: -1}),
			"thanks":   s.UpdateThankYou(ctx, &model.ThankYou{ID: ty.ID, Due: model.MakeDate(2026, 11, 30)}),
			"feedback": s.UpdateFeedback(ctx, &model.Feedback{ID: fb.ID, On: model.MakeDate(2026, 11, 22), Rating: 6}),
			"outreach": s.UpdateOutreach(ctx, &model.Outreach{ID: o.ID, On: model.MakeDate(2026, 11, 22), Channel: "fax"}),
		} {
			if got, want := model.ErrorCode(err), model.EINVALID; got != want {
				t.Errorf("%s: %v, want %s", name, err, want)
			}
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		for name, err := range map[string]error{
			"visit":    s.UpdateVisit(ctx, &model.Visit{ID: 999, On: model.MakeDate(2026, 11, 20)}),
			"thanks":   s.UpdateThankYou(ctx, &model.ThankYou{ID: 999, Reason: "x", Due: model.MakeDate(2026, 11, 30)}),
			"feedback": s.UpdateFeedback(ctx, &model.Feedback{ID: 999, On: model.MakeDate(2026, 11, 22), Rating: 3}),
			"outreach": s.UpdateOutreach(ctx, &model.Outreach{ID: 999, On: model.MakeDate(2026, 11, 22), Channel: model.Call}),
		} {
			if got, want := model.ErrorCode(err), model.ENOTFOUND; got != want {
				t.Errorf("%s: %v, want %s", name, err, want)
			}
		}
	})
}

func TestRecord(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	c := mustCustomer(t, s, "Anna")
	n := &model.Note{CustomerID: c.ID, Text: "Trip to Germany"}
	must(t, s.AddNote(ctx, n))
	v := &model.Visit{CustomerID: c.ID, On: model.MakeDate(2026, 11, 21), Cents: 1250}
	must(t, s.AddVisit(ctx, v))
	ty := &model.ThankYou{CustomerID: c.ID, Reason: "catering", Due: model.MakeDate(2026, 11, 28)}
	must(t, s.AddThankYou(ctx, ty))
	fb := &model.Feedback{CustomerID: c.ID, On: model.MakeDate(2026, 11, 22), Rating: 2}
	must(t, s.AddFeedback(ctx, fb))
	o := &model.Outreach{CustomerID: c.ID, On: model.MakeDate(2026, 11, 23), Channel: model.Call}
	must(t, s.AddOutreach(ctx, o))

	for _, id := range []model.RecordID{n.RecordID(), v.RecordID(), ty.RecordID(), fb.RecordID(), o.RecordID()} {
		r, err := s.Record(ctx, id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if got, want := r.ID(), id; got != want {
			t.Fatalf("record %s, want %s", got, want)
		}
		if got, want := r.CustomerID(), c.ID; got != want {
			t.Fatalf("%s: customer %d, want %d", id, got, want)
		}
	}
	if r, _ := s.Record(ctx, n.RecordID()); r.Note.Text != "Trip to Germany" {
		t.Fatalf("note = %+v", r.Note)
	}
	_, err := s.Record(ctx, model.RecordID{Kind: model.RecordVisit, ID: 999})
	if got, want := model.ErrorMessage(err), "there is no record visit:999"; got != want {
		t.Fatalf("message = %q, want %q", got, want)
	}
}
