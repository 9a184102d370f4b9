package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"regulars/model"
)

// The card's statements are prepared once and kept; what they read is
// still the notebook as it is now: writes through another Store on the
// same file, a schema changed under them, and cards read at once on many
// connections.
func TestCardKeepsItsStatementsAndReadsWhatIsThereNow(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	path := filepath.Join(t.TempDir(), "regulars.db")
	open := func() *Store {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s.Now = func() time.Time { return now }
		t.Cleanup(func() { s.Close() })
		return s
	}
	s, other := open(), open()
	var ids []int64
	for i, name := range []string{"Ana Lima", "Ben Okafor"} {
		c := &model.Customer{Name: name}
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
		for j := range i + 1 {
			if err := s.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: fmt.Sprintf("note %d", j)}); err != nil {
				t.Fatal(err)
			}
			if err := s.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: model.DateOf(now), Cents: 450}); err != nil {
				t.Fatal(err)
			}
		}
	}
	card := func(id int64, name string, notes, visits int) {
		t.Helper()
		c, err := s.Card(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Customer.Name != name || len(c.Notes) != notes || len(c.Visits) != visits || c.VisitCount != visits {
			t.Fatalf("card of #%d: %s, %d notes, %d visits (count %d); want %s, %d, %d",
				id, c.Customer.Name, len(c.Notes), len(c.Visits), c.VisitCount, name, notes, visits)
		}
	}
	card(ids[0], "Ana Lima", 1, 1)
	kept := len(s.stmts.m)
	if kept < 8 {
		t.Fatalf("%d statements kept after a card, want each of its queries", kept)
	}
	card(ids[1], "Ben Okafor", 2, 2)

	// Another Store writes; this one's kept statements see it.
	if err := other.AddNote(ctx, &model.Note{CustomerID: ids[0], Text: "second"}); err != nil {
		t.Fatal(err)
	}
	if err := other.AddVisit(ctx, &model.Visit{CustomerID: ids[0], On: model.DateOf(now), Cents: 300}); err != nil {
		t.Fatal(err)
	}
	if _, err := other.UpdateCustomer(ctx, ids[0], model.CustomerUpdate{Name: new("Ana Souza")}); err != nil {
		t.Fatal(err)
	}
	card(ids[0], "Ana Souza", 2, 2)

	// A schema changed under the prepared statements.
	if _, err := other.DB().Exec(`CREATE INDEX test_notes_text ON notes(text)`); err != nil {
		t.Fatal(err)
	}
	card(ids[0], "Ana Souza", 2, 2)

	// Many at once, on as many connections.
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for range 20 {
				c, err := s.Card(ctx, ids[g%2])
				if err == nil && len(c.Notes) != 2 {
					err = fmt.Errorf("card of #%d: %d notes, want 2", ids[g%2], len(c.Notes))
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if got := len(s.stmts.m); got != kept {
		t.Fatalf("%d statements kept after more cards, want the first card's %d", got, kept)
	}
}
