package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"regulars/model"
	"regulars/store"
)

func TestMerge(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	from := &model.Customer{Name: "Anne Schmit", Phone: "0171 555 1234", Email: "anne@old.example",
		Birthday: model.MonthDay{Month: 3, Day: 4}, Interests: "jazz", Tags: []string{"regular"},
		Address: model.Address{Town: "Berlin"}, Created: testNow.AddDate(-2, 0, 0)}
	must(t, s.CreateCustomer(ctx, from))
	into := &model.Customer{Name: "Anna Schmidt", Phone: "030 123456", Usual: "flat white", Tags: []string{"vip"}}
	must(t, s.CreateCustomer(ctx, into))
	other := mustCustomer(t, s, "Bob")
	must(t, s.AddVisit(ctx, &model.Visit{CustomerID: other.ID, On: model.MakeDate(2026, 11, 2), Cents: 999}))

	for i := range 3 {
		must(t, s.AddVisit(ctx, &model.Visit{CustomerID: from.ID, On: model.MakeDate(2026, 10, 1+i), Cents: 1000}))
	}
	must(t, s.AddVisit(ctx, &model.Visit{CustomerID: into.ID, On: model.MakeDate(2026, 11, 20), Cents: 500}))
	must(t, s.AddVisit(ctx, &model.Visit{CustomerID: into.ID, On: model.MakeDate(2025, 6, 1), Cents: 700}))
	must(t, s.AddNote(ctx, &model.Note{CustomerID: from.ID, Text: "Plays the oboe"}))
	must(t, s.AddNote(ctx, &model.Note{CustomerID: into.ID, Text: "Two sugars"}))
	must(t, s.AddThankYou(ctx, &model.ThankYou{CustomerID: from.ID, Reason: "catering", Due: model.MakeDate(2026, 11, 28)}))
	must(t, s.AddFeedback(ctx, &model.Feedback{CustomerID: from.ID, On: model.MakeDate(2026, 11, 2), Rating: 5}))
	must(t, s.AddOutreach(ctx, &model.Outreach{CustomerID: from.ID, On: model.MakeDate(2026, 11, 3), Channel: model.Call}))
	gone := &model.Note{CustomerID: from.ID, Text: "removed before the merge"}
	must(t, s.AddNote(ctx, gone))
	must(t, s.RemoveRecord(ctx, gone.RecordID()))

	sum, err := s.Merge(ctx, from.ID, into.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprintf("%d %d %d %d %d %d %d %d", sum.Notes, sum.Visits, sum.ThankYous, sum.Feedback, sum.Outreach, sum.Removed, sum.Phones, sum.Emails),
		"1 3 1 1 1 1 1 1"; got != want {
		t.Fatalf("moved notes visits thanks feedback outreach removed phones emails = %s, want %s", got, want)
	}
	if _, err := s.Customer(ctx, from.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("merged customer still there: %v", err)
	}
	card, err := s.Card(ctx, into.ID)
	if err != nil {
		t.Fatal(err)
	}
	c := card.Customer
	if c.Name != "Anna Schmidt" || c.Nickname != "Anne Schmit" || c.Phone != "030 123456" || c.Email != "anne@old.example" ||
		len(c.Phones) != 2 || c.Interests != "jazz" || c.Usual != "flat white" || c.Birthday != from.Birthday ||
		c.Address.Town != "Berlin" || fmt.Sprint(c.Tags) != "[vip regular]" || !c.Created.Equal(from.Created) {
		t.Fatalf("survivor = %+v", c)
	}
	if len(card.Notes) != 2 || len(card.Visits) != 5 || len(card.ThankYous) != 1 || len(card.Feedback) != 1 || len(card.Outreach) != 1 {
		t.Fatalf("survivor's records: %d notes, %d visits, %d thanks, %d feedback, %d outreach",
			len(card.Notes), len(card.Visits), len(card.ThankYous), len(card.Feedback), len(card.Outreach))
	}
	if got, want := card.VisitCount, 5; got != want {
		t.Fatalf("visit count = %d, want %d", got, want)
	}
	if got, want := card.SpendYear, int64(3500); got != want {
		t.Fatalf("spend this year = %d, want %d", got, want)
	}
	if got, want := card.SpendTotal, int64(4200); got != want {
		t.Fatalf("spend in all = %d, want %d", got, want)
	}
	if got, want := card.LastVisit.On, model.MakeDate(2026, 11, 20); got != want {
		t.Fatalf("last visit = %v, want %v", got, want)
	}
	// The merged customer's phone and notes find the survivor; the removed
	// note comes back on the survivor.
	for _, text := range []string{"5551234", "oboe", "schmit"} {
		rows, err := listRows(s.ListPage(ctx, store.SearchQuery{Text: text}))
		if err != nil || len(rows) != 1 || rows[0].ID != into.ID {
			t.Errorf("filter %q = %+v, %v", text, rows, err)
		}
	}
	must(t, s.RestoreRecord(ctx, gone.RecordID()))
	if r, err := s.Record(ctx, gone.RecordID()); err != nil || r.CustomerID() != into.ID {
		t.Fatalf("restored note: %+v, %v", r, err)
	}
	// Bob is untouched.
	if bc, err := s.Card(ctx, other.ID); err != nil || bc.VisitCount != 1 || bc.SpendYear != 999 {
		t.Fatalf("Bob's card: %+v, %v", bc, err)
	}

	t.Run("ErrSelf", func(t *testing.T) {
		if _, err := s.Merge(ctx, into.ID, into.ID); model.ErrorCode(err) != model.EINVALID {
			t.Fatalf("merge into self: %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := s.Merge(ctx, from.ID, into.ID); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("merge of a merged customer: %v", err)
		}
	})
}

func TestDupes(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	add := func(c *model.Customer) int64 {
		t.Helper()
		c.Created = testNow.Add(-time.Hour)
		must(t, s.CreateCustomer(ctx, c))
		return c.ID
	}
	anna := add(&model.Customer{Name: "Anna Schmidt"})
	annaMaria := add(&model.Customer{Name: "Anna Maria Schmidt"})
	jose := add(&model.Customer{Name: "José Müller"})
	jose2 := add(&model.Customer{Name: "jose muller"})
	p1 := add(&model.Customer{Name: "Pat", Phone: "0171 555 1234"})
	p2 := add(&model.Customer{Name: "Patricia", Phones: []model.Contact{{Value: "030 1"}, {Value: "+0171-555-1234"}}})
	e1 := add(&model.Customer{Name: "Eve", Email: "Eve@Example.org"})
	e2 := add(&model.Customer{Name: "Evelyn", Emails: []model.Contact{{Value: "x@example.org", Preferred: true}, {Value: "eve@example.org"}}})
	add(&model.Customer{Name: "Bob", Phone: "123"}) // short numbers pair nobody
	add(&model.Customer{Name: "Rob", Phone: "123"})
	archived := add(&model.Customer{Name: "Anna  SCHMIDT"})
	must(t, s.ArchiveCustomer(ctx, archived))

	dupes, err := s.Dupes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range dupes {
		got = append(got, fmt.Sprintf("%d-%d %v", d.A, d.B, d.Why))
	}
	want := []string{
		fmt.Sprintf("%d-%d [same name but a middle name]", anna, annaMaria),
		fmt.Sprintf("%d-%d [same name]", anna, archived),
		fmt.Sprintf("%d-%d [same name but a middle name]", annaMaria, archived),
		fmt.Sprintf("%d-%d [same name]", jose, jose2),
		fmt.Sprintf("%d-%d [same phone]", p1, p2),
		fmt.Sprintf("%d-%d [same e-mail]", e1, e2),
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("dupes =\n%v\nwant\n%v", got, want)
	}
}
