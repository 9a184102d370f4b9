package store_test

import (
	"context"
	"testing"

	"regulars/model"
	"regulars/store"
)

func TestCount(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	add := func(name, phone string, tags ...string) int64 {
		c := &model.Customer{Name: name, Phone: phone, Tags: tags}
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	ana := add("Ana Lima", "+1 555 0101", "oat milk")
	add("Ben Okafor", "555 0202")
	add("Anders Berg", "")
	gone := add("Anna Gone", "")
	if err := s.ArchiveCustomer(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if err := s.AddNote(ctx, &model.Note{CustomerID: ana, Text: "Trip to Portugal in May", Private: true}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []store.SearchQuery{
		{},
		{Text: "an"},
		{Text: "0202"},
		{Text: "portugal"},
		{Text: "portugal", HidePrivate: true},
		{Text: "oat"},
		{Text: "zzz"},
	} {
		t.Run(q.Text, func(t *testing.T) {
			n, err := s.Count(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			q.Limit = 1000
			rows, err := s.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := n, len(rows); got != want {
				t.Fatalf("Count(%+v) = %d, Search found %d", q, got, want)
			}
		})
	}
	if n, _ := s.Count(ctx, store.SearchQuery{}); n != 3 {
		t.Fatalf("Count of active customers = %d, want 3 (the archived one left out)", n)
	}
	if n, _ := s.Count(ctx, store.SearchQuery{Text: "portugal", HidePrivate: true}); n != 0 {
		t.Fatalf("a private note matched in screen-safe mode")
	}
}
