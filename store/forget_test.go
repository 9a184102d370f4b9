package store_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"regulars/model"
	"regulars/store"
)

func TestForget(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	secrets := []string{"Zebediah", "zebediah", "Quillfeather", "quillfeather", "xylophonist", "zeb.quill@example.org", "5550199", "9998887776", "zq-work"}
	zeb := &model.Customer{Name: "Zebediah Quillfeather", Nickname: "Zeb", Email: "zeb.quill@example.org", Phone: "+1 555 0199",
		Phones:  []model.Contact{{Label: model.Work, Value: "0999 888 7776"}},
		Emails:  []model.Contact{{Label: model.Work, Value: "zq-work@example.org"}},
		Address: model.Address{Street: "1 Quillfeather Lane"}}
	must(t, s.CreateCustomer(ctx, zeb))
	anna := mustCustomer(t, s, "Anna")
	must(t, s.AddNote(ctx, &model.Note{CustomerID: anna.ID, Text: "Likes the window seat"}))
	for i := range 3 {
		must(t, s.AddNote(ctx, &model.Note{CustomerID: zeb.ID, Text: "A keen xylophonist, plays on Sundays"}))
		must(t, s.AddVisit(ctx, &model.Visit{CustomerID: zeb.ID, On: model.MakeDate(2026, 11, 1+i), Cents: 700, What: "xylophonist's tea"}))
	}
	must(t, s.AddFeedback(ctx, &model.Feedback{CustomerID: zeb.ID, On: model.MakeDate(2026, 11, 2), Rating: 2, Comment: "too loud for a xylophonist"}))
	must(t, s.AddOutreach(ctx, &model.Outreach{CustomerID: zeb.ID, On: model.MakeDate(2026, 11, 3), Channel: model.Call, Note: "called the xylophonist"}))
	must(t, s.AddThankYou(ctx, &model.ThankYou{CustomerID: zeb.ID, Reason: "the xylophonist's party", Due: model.MakeDate(2026, 11, 30)}))
	removed := &model.Note{CustomerID: zeb.ID, Text: "xylophonist removed note"}
	must(t, s.AddNote(ctx, removed))
	must(t, s.RemoveRecord(ctx, removed.RecordID()))
	must(t, s.SaveDraft(ctx, &model.Draft{CustomerID: zeb.ID, Form: "note", Body: "xylophonist draft"}))

	must(t, s.Forget(ctx, zeb.ID))

	for _, p := range []string{s.Path(), s.Path() + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, secret := range secrets {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s still holds %q", p, secret)
			}
		}
	}
	if _, err := s.Customer(ctx, zeb.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("forgotten customer: %v", err)
	}
	for _, table := range []string{"contacts", "notes", "visits", "feedback", "outreach", "thank_yous", "removed_records", "drafts"} {
		var n int
		if err := s.DB().QueryRow(`SELECT count(*) FROM `+table+` WHERE customer_id = ?`, zeb.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s still holds %d rows of the forgotten customer", table, n)
		}
	}
	// Everyone else is intact and found.
	card, err := s.Card(ctx, anna.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(card.Notes) != 1 || card.Notes[0].Text != "Likes the window seat" {
		t.Fatalf("Anna's notes = %+v", card.Notes)
	}
	rows, err := listRows(s.ListPage(ctx, store.SearchQuery{Text: "window"}))
	if err != nil || len(rows) != 1 || rows[0].ID != anna.ID {
		t.Fatalf("filter after forget = %+v, %v", rows, err)
	}
	if err := s.Forget(ctx, zeb.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("forget twice: %v", err)
	}
}
