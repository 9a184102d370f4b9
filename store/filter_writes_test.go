package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"regulars/model"
	"regulars/store"
)

// TestFilterIndexFollowsRandomWrites is the property with writes: random
// writes of every kind (new customers, renames, new, edited, removed and
// restored notes, visits, thank-yous, archiving, merges, forgetting,
// templates), from this store and from a second one on the same file (as
// another process), interleave with random filters, and after each write
// the index answers exactly as SQL does, without building itself again.
func TestFilterIndexFollowsRandomWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, path := filterNotebook(t)
	x := store.NewFilterIndex(ctx, s)
	defer x.Close()
	x.Start()
	if err := x.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.Now = s.Now
	words, phones, emails := filterWords(t, s)
	rng := rand.New(rand.NewPCG(3, 4))
	writes, filters := 160, 12
	if testing.Short() || raceDetector {
		writes = 40
	}
	// pick returns a random id from a query's column.
	pick := func(query string) (int64, bool) {
		var ids []int64
		rows, err := s.DB().Query(query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			return 0, false
		}
		return ids[rng.IntN(len(ids))], true
	}
	text := func(n int) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = words[rng.IntN(len(words))]
		}
		if rng.IntN(4) == 0 {
			parts = append(parts, fmt.Sprintf("quokka%d", rng.IntN(5)))
		}
		return strings.Join(parts, " ")
	}
	var removed []model.RecordID
	kinds := map[string]int{}
	for i := 0; i < writes; i++ {
		w := s
		if rng.IntN(3) == 0 {
			w = other
		}
		customer, _ := pick(`SELECT id FROM customers WHERE archived_at IS NULL`)
		var kind string
		var err error
		switch rng.IntN(13) {
		case 0:
			kind = "new customer"
			c := &model.Customer{Name: text(2), Phone: fmt.Sprintf("+44 20 %04d %04d", rng.IntN(10000), rng.IntN(10000))}
			if rng.IntN(2) == 0 {
				c.Email = fmt.Sprintf("quokka.%d@example.com", rng.IntN(100))
			}
			err = w.CreateCustomer(ctx, c)
		case 1:
			kind = "rename"
			_, err = w.UpdateCustomer(ctx, customer, model.CustomerUpdate{Name: ptr(text(1 + rng.IntN(2))), Tags: &[]string{strings.ToLower(words[rng.IntN(len(words))])}})
		case 2, 3:
			kind = "new note"
			n := &model.Note{CustomerID: customer, Text: text(1 + rng.IntN(4)), Private: rng.IntN(3) == 0}
			if rng.IntN(3) == 0 {
				n.AskOn = s.Today().AddDays(rng.IntN(10))
			}
			err = w.AddNote(ctx, n)
		case 4:
			kind = "edit note"
			id, ok := pick(`SELECT id FROM notes`)
			if !ok {
				continue
			}
			var n model.Note
			if err := s.DB().QueryRow(`SELECT customer_id FROM notes WHERE id = ?`, id).Scan(&n.CustomerID); err != nil {
				t.Fatal(err)
			}
			n.ID, n.Text, n.Private = id, text(2), rng.IntN(2) == 0
			err = w.UpdateNote(ctx, &n)
		case 5:
			kind = "remove note"
			id, ok := pick(`SELECT id FROM notes`)
			if !ok {
				continue
			}
			rid := model.RecordID{Kind: model.RecordNote, ID: id}
			if err = w.RemoveRecord(ctx, rid); err == nil {
				removed = append(removed, rid)
			}
		case 6:
			kind = "restore note"
			if len(removed) == 0 {
				continue
			}
			j := rng.IntN(len(removed))
			rid := removed[j]
			removed = append(removed[:j], removed[j+1:]...)
			err = w.RestoreRecord(ctx, rid)
			if model.ErrorCode(err) == model.ENOTFOUND {
				err = nil // its customer was forgotten or merged away
			}
		case 7:
			kind = "archive"
			customer, _ = pick(`SELECT id FROM customers`)
			var archived bool
			if err := s.DB().QueryRow(`SELECT archived_at IS NOT NULL FROM customers WHERE id = ?`, customer).Scan(&archived); err != nil {
				t.Fatal(err)
			}
			if archived {
				err = w.UnarchiveCustomer(ctx, customer)
			} else {
				err = w.ArchiveCustomer(ctx, customer)
			}
		case 8:
			kind = "merge"
			into, _ := pick(`SELECT id FROM customers WHERE archived_at IS NULL`)
			if into == customer {
				continue
			}
			_, err = w.Merge(ctx, customer, into)
		case 9:
			kind = "forget"
			err = w.Forget(ctx, customer)
		case 10:
			kind = "visit"
			err = w.AddVisit(ctx, &model.Visit{CustomerID: customer, On: s.Today().AddDays(-rng.IntN(3)), Cents: int64(100 + rng.IntN(5000))})
		case 11:
			kind = "thank-you"
			err = w.AddThankYou(ctx, &model.ThankYou{CustomerID: customer, Reason: "the flowers", Due: s.Today()})
		case 12:
			kind = "template"
			err = w.SetTemplate(ctx, "signature", text(2))
		}
		if err != nil {
			t.Fatalf("write %d (%s): %v", i, kind, err)
		}
		kinds[kind]++
		for j := 0; j < filters; j++ {
			q := store.SearchQuery{
				Text:        randomFilter(rng, words, phones, emails),
				Sort:        store.Sort(rng.IntN(3)),
				Limit:       1 + rng.IntN(70),
				HidePrivate: rng.IntN(2) == 0,
				NamesOnly:   rng.IntN(5) == 0,
				Archived:    rng.IntN(5) == 0,
			}
			switch rng.IntN(4) {
			case 0:
				q.Offset = rng.IntN(120)
			case 1:
				q.Text = fmt.Sprintf("quokka%d", rng.IntN(5))
			}
			if !x.Ready() {
				t.Fatalf("after write %d (%s) the index is not ready", i, kind)
			}
			checkSame(t, ctx, s, x, q)
		}
	}
	t.Logf("writes: %v; %d overlay reads", kinds, store.FilterIndexRefreshes(x))
	if b := store.FilterIndexBuilds(x); b != 1 {
		t.Errorf("the index was built %d times; want once, then kept in step", b)
	}
	if r := store.FilterIndexRefreshes(x); r < int64(writes/2) {
		t.Errorf("the index read its overlay %d times for %d writes", r, writes)
	}
}

// A change log that went back (the file replaced under the index, as a
// restore does) cannot say what changed: the index answers through SQL and
// builds itself again.
func TestFilterIndexRebuildsWhenChangeLogGoesBack(t *testing.T) {
	ctx := context.Background()
	s, _ := filterNotebook(t)
	x := store.NewFilterIndex(ctx, s)
	defer x.Close()
	x.Start()
	if err := x.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.AddNote(ctx, &model.Note{CustomerID: 1, Text: "quokka"}); err != nil {
		t.Fatal(err)
	}
	checkSame(t, ctx, s, x, store.SearchQuery{Text: "quokka"})
	// The log emptied, then one write: its seq is below the index's.
	if _, err := s.DB().Exec(`DELETE FROM customer_changes`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`UPDATE customers SET name = 'Wombat Quokka' WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	checkSame(t, ctx, s, x, store.SearchQuery{Text: "quokka", Limit: 50})
	deadline := time.Now().Add(10 * time.Second)
	for store.FilterIndexBuilds(x) < 2 || !x.Ready() {
		if time.Now().After(deadline) {
			t.Fatal("the index was not built again")
		}
		time.Sleep(5 * time.Millisecond)
	}
	checkSame(t, ctx, s, x, store.SearchQuery{Text: "quokka", Limit: 50})
}

// A demo made by another process while the index is open: the demo's
// notes, visits' years, thank-yous and feedback skip the change log's
// triggers (their customers are new, and logged as they are inserted), and
// the index still answers every filter as SQL does, from its overlay.
func TestFilterIndexFollowsDemo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := MustOpen(t)
	x := store.NewFilterIndex(ctx, s)
	defer x.Close()
	x.Start()
	if err := x.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.Now = s.Now
	if err := store.GenerateDemo(ctx, other, store.DemoOptions{Customers: 300, Seed: 7, Today: s.Today()}); err != nil {
		t.Fatal(err)
	}
	var logged int
	if err := s.DB().QueryRow(`SELECT count(*) FROM customer_changes`).Scan(&logged); err != nil {
		t.Fatal(err)
	}
	if logged != 300 {
		t.Errorf("the change log names %d customers after a demo of 300", logged)
	}
	words, phones, emails := filterWords(t, s)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		q := store.SearchQuery{
			Text:        randomFilter(rng, words, phones, emails),
			Sort:        store.Sort(rng.IntN(3)),
			Limit:       1 + rng.IntN(70),
			HidePrivate: rng.IntN(2) == 0,
			Offset:      rng.IntN(3) * rng.IntN(100),
		}
		checkSame(t, ctx, s, x, q)
	}
	if b := store.FilterIndexBuilds(x); b != 1 {
		t.Errorf("the index was built %d times; want once, then kept in step", b)
	}
}
