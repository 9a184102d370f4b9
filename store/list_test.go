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

// TestListPage checks that ListPage gives exactly SearchPage's rows, page
// by page, for every sort and filter, across the boundary between customers
// with visits (or spend) and those without.
func TestListPage(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	tx, err := s.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Ana", "ana", "Ben", "Chloé", "Dev", "Eve", "Finn", "Gus", "Hana", "Ivan"}
	for i := range 70 {
		name := names[i%len(names)] + " Lima"
		res, err := tx.Exec(`INSERT INTO customers (name, phone, phone_digits, created_at) VALUES (?, ?, ?, '2026-01-01T00:00:00.000Z')`,
			name, "555 01"+string(rune('0'+i%10)), "55501"+string(rune('0'+i%10)))
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		if i%3 != 0 { // a third never visited
			// Visits on few distinct days (ties), some free, some last year.
			day := []string{"2026-11-20", "2026-11-02", "2025-12-30", "2026-06-01"}[i%4]
			cents := []int{0, 450, 1200, 450, 2500}[i%5]
			if _, err := tx.Exec(`INSERT INTO visits (customer_id, day, cents) VALUES (?, ?, ?)`, id, day, cents); err != nil {
				t.Fatal(err)
			}
		}
		if i%7 == 0 {
			if _, err := tx.Exec(`INSERT INTO notes (customer_id, text, created_at, ask_on) VALUES (?, 'ask about the marathon', '2026-11-01T09:00:00.000Z', '2026-11-20')`, id); err != nil {
				t.Fatal(err)
			}
		}
		if i%11 == 0 {
			if _, err := tx.Exec(`UPDATE customers SET archived_at = '2026-11-01T00:00:00.000Z' WHERE id = ?`, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, sort := range []store.Sort{store.ByName, store.ByLastVisit, store.BySpendYear} {
		for _, text := range []string{"", "ana", "lima", "5550", "marathon", "nobody"} {
			for _, limit := range []int{7, 25} {
				name := sort.String() + "/" + text
				for off := 0; off <= 70; off += limit {
					q := store.SearchQuery{Text: text, Sort: sort, Offset: off, Limit: limit}
					want, err := s.SearchPage(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					got, err := s.ListPage(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					if got.More != want.More || len(got.Rows) != len(want.Rows) {
						t.Fatalf("%s offset %d: %d rows (more %v), SearchPage %d (more %v)", name, off, len(got.Rows), got.More, len(want.Rows), want.More)
					}
					for i := range got.Rows {
						g, w := got.Rows[i], want.Rows[i]
						if g.ID != w.ID || g.SpendYear != w.SpendYear || g.OpenItems != w.OpenItems || g.LastVisit != w.LastVisit || g.Name != w.Name {
							t.Fatalf("%s offset %d row %d: got %+v, want %+v", name, off, i, g, w)
						}
					}
				}
			}
		}
	}
}
