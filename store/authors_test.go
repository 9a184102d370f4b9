package store_test

import (
	"context"
	"testing"

	"regulars/model"
	"regulars/store"
)

// Every record written through a Store carries its author; a record that
// names its own keeps it, and the owner's are unsigned.
func TestAuthors(t *testing.T) {
	ctx := context.Background()
	owner := MustOpen(t)
	c := &model.Customer{Name: "Anna"}
	if err := owner.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	maya, err := store.Open(owner.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer maya.Close()
	maya.Now, maya.Author = owner.Now, "Maya"
	day := model.DateOf(testNow)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(maya.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: "Off to Germany"}))
	must(maya.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: day, Cents: 450}))
	must(maya.AddThankYou(ctx, &model.ThankYou{CustomerID: c.ID, Reason: "the cake order", Due: day}))
	must(maya.AddFeedback(ctx, &model.Feedback{CustomerID: c.ID, On: day, Rating: 2, Comment: "cold"}))
	must(maya.AddOutreach(ctx, &model.Outreach{CustomerID: c.ID, On: day, Channel: model.Call}))
	must(owner.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: "the owner's own"}))
	must(owner.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: "signed", Author: "Lee"}))
	card, err := owner.Card(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	authors := map[string]string{}
	for _, n := range card.Notes {
		authors[n.Text] = n.Author
	}
	if got, want := authors["Off to Germany"], "Maya"; got != want {
		t.Errorf("note author = %q, want %q", got, want)
	}
	if got := authors["the owner's own"]; got != "" {
		t.Errorf("owner's note signed %q", got)
	}
	if got := authors["signed"]; got != "Lee" {
		t.Errorf("a note's own author became %q", got)
	}
	if card.Visits[0].Author != "Maya" || card.ThankYous[0].Author != "Maya" || card.Feedback[0].Author != "Maya" || card.Outreach[0].Author != "Maya" {
		t.Errorf("authors: visit %q, thank-you %q, feedback %q, outreach %q", card.Visits[0].Author, card.ThankYous[0].Author, card.Feedback[0].Author, card.Outreach[0].Author)
	}
}
