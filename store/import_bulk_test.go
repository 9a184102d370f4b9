package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

// oddVisitsBatch is customers whose visits come in no order, some on the
// same day, over two years: what a shop's own file may hold.
func oddVisitsBatch(today model.Date) *interchange.Batch {
	b := &interchange.Batch{Format: "test"}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 40 {
		rec := interchange.Record{Where: fmt.Sprintf("line %d", i+2), Customer: model.Customer{Name: fmt.Sprintf("Odd Visitor %d", i)}}
		for range rng.IntN(12) {
			day := today.AddDays(-1 - rng.IntN(500))
			rec.Visits = append(rec.Visits, model.Visit{On: day, Cents: int64(rng.IntN(5000))})
			if rng.IntN(4) == 0 {
				rec.Visits = append(rec.Visits, model.Visit{On: day, Cents: int64(rng.IntN(5000))})
			}
		}
		if i%3 == 0 {
			rec.Notes = append(rec.Notes, model.Note{Text: fmt.Sprintf("likes wombats %d", i), Private: i%2 == 0})
		}
		b.Records = append(b.Records, rec)
	}
	return b
}

// TestImportBulkMatchesTriggers: an import writes its customers in bulk
// with the visits and notes triggers resting, and what it writes in their
// place (each customer's visit columns and rhythm, spend per year, the
// shop's amount counts, the words of the notes) is what the triggers keep
// when the same visits and notes go in one by one. Imports before the
// bulk writes left all of it out when the triggers rested.
func TestImportBulkMatchesTriggers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := openIO(t)
	if err := store.GenerateDemo(ctx, src, store.DemoOptions{Customers: 120, Seed: 9, Today: src.Today()}); err != nil {
		t.Fatal(err)
	}
	data := mustExport(t, src, interchange.FormatJSON)
	imp := openIO(t)
	res, err := imp.ImportStream(ctx, interchange.JSONFormatName, jsonSource(func() []byte { return data }), store.ImportOptions{})
	if err != nil || len(res.Added) != 120 {
		t.Fatalf("streamed import: %v, %d added", err, len(res.Added))
	}
	if res, err := imp.Import(ctx, oddVisitsBatch(imp.Today()), store.ImportOptions{}); err != nil || len(res.Added) != 40 {
		t.Fatalf("import: %v, %+v", err, res)
	}
	var visits int
	if err := imp.DB().QueryRow(`SELECT count(*) FROM visits`).Scan(&visits); err != nil || visits < 1000 {
		t.Fatalf("%d visits imported (%v): the comparison would prove little", visits, err)
	}

	one := openIO(t)
	if _, err := one.DB().Exec(`ATTACH DATABASE ? AS src`, imp.Path()); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO customers (id, name, created_at) SELECT id, name, created_at FROM src.customers`,
		`INSERT INTO visits (id, customer_id, day, cents, what) SELECT id, customer_id, day, cents, what FROM src.visits ORDER BY id`,
		`INSERT INTO notes (id, customer_id, text, created_at, ask_on, asked_at, private)
			SELECT id, customer_id, text, created_at, ask_on, asked_at, private FROM src.notes ORDER BY id`,
	} {
		if _, err := one.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	var withVisits int
	if err := one.DB().QueryRow(`SELECT count(*) FROM src.customers WHERE visit_count > 0 AND last_visit IS NOT NULL AND lapse_on IS NOT NULL`).Scan(&withVisits); err != nil || withVisits == 0 {
		t.Errorf("no imported customer has visit columns (%v)", err)
	}
	for what, q := range map[string]string{
		"customers": `SELECT count(*) FROM customers a JOIN src.customers b USING (id)
			WHERE a.first_visit IS NOT b.first_visit OR a.third_visit IS NOT b.third_visit
			OR a.gap_median IS NOT b.gap_median OR a.lapse_on IS NOT b.lapse_on
			OR a.last_visit IS NOT b.last_visit OR a.visit_count IS NOT b.visit_count`,
		"visit_years": `SELECT count(*) FROM (SELECT * FROM (SELECT * FROM visit_years EXCEPT SELECT * FROM src.visit_years)
			UNION ALL SELECT * FROM (SELECT * FROM src.visit_years EXCEPT SELECT * FROM visit_years))`,
		"visit_weeks": `SELECT count(*) FROM (SELECT * FROM (SELECT * FROM visit_weeks EXCEPT SELECT * FROM src.visit_weeks)
			UNION ALL SELECT * FROM (SELECT * FROM src.visit_weeks EXCEPT SELECT * FROM visit_weeks))`,
		"visit_amounts": `SELECT count(*) FROM (SELECT * FROM (SELECT * FROM visit_amounts EXCEPT SELECT * FROM src.visit_amounts)
			UNION ALL SELECT * FROM (SELECT * FROM src.visit_amounts EXCEPT SELECT * FROM visit_amounts))`,
		"visit_amount_units": `SELECT count(*) FROM (SELECT * FROM (SELECT * FROM visit_amount_units EXCEPT SELECT * FROM src.visit_amount_units)
			UNION ALL SELECT * FROM (SELECT * FROM src.visit_amount_units EXCEPT SELECT * FROM visit_amount_units))`,
	} {
		var diff int
		if err := one.DB().QueryRow(q).Scan(&diff); err != nil {
			t.Fatal(err)
		}
		if diff != 0 {
			t.Errorf("%s: %d rows differ between the import and per-visit triggers", what, diff)
		}
	}
	for _, w := range []string{"wombats", "photos", "bis", "oat"} {
		for _, m := range []string{`"` + w + `"*`, `{public} : "` + w + `"*`} {
			var a, b string
			const q = `SELECT coalesce(group_concat(rowid), '') FROM (SELECT rowid FROM customer_notes_fts WHERE customer_notes_fts MATCH ? ORDER BY rowid)`
			if err := one.DB().QueryRow(q, m).Scan(&a); err != nil {
				t.Fatal(err)
			}
			if err := imp.DB().QueryRow(q, m).Scan(&b); err != nil {
				t.Fatal(err)
			}
			if a != b {
				t.Errorf("notes matching %s: per-note triggers %q, import %q", m, a, b)
			}
			if a == "" && m[0] == '"' {
				t.Errorf("no customer's notes match %s: the comparison proves nothing", m)
			}
		}
	}
}

// TestFilterIndexFollowsImport: an import by another process while the
// filter index is open logs each customer it writes, so the index answers
// every filter as SQL does (names, other phones and e-mails, the words of
// notes, last visit and spend this year) without building itself again.
func TestFilterIndexFollowsImport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := MustOpen(t)
	if err := store.GenerateDemo(ctx, src, store.DemoOptions{Customers: 300, Seed: 11, Today: src.Today()}); err != nil {
		t.Fatal(err)
	}
	data := mustExport(t, src, interchange.FormatJSON)

	s, _ := filterNotebook(t)
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
	var before int
	if err := s.DB().QueryRow(`SELECT coalesce(max(seq), 0) FROM customer_changes`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	res, err := other.ImportStream(ctx, interchange.JSONFormatName, jsonSource(func() []byte { return data }), store.ImportOptions{})
	if err != nil || len(res.Added) != 300 {
		t.Fatalf("import: %v, %d added", err, len(res.Added))
	}
	var logged int
	if err := s.DB().QueryRow(`SELECT count(*) FROM customer_changes WHERE seq > ?`, before).Scan(&logged); err != nil {
		t.Fatal(err)
	}
	if logged != 300 {
		t.Errorf("the change log names %d customers after an import of 300", logged)
	}
	words, phones, emails := filterWords(t, s)
	rng := rand.New(rand.NewPCG(8, 9))
	n := 300
	if raceDetector {
		n = 100
	}
	for range n {
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

// TestImport_FailedWriteChangesNothing: a write that fails late in a large
// import (here a trigger refuses the last customer's note) leaves none of
// the import's customers, whatever turns were already committed.
func TestImport_FailedWriteChangesNothing(t *testing.T) {
	ctx := context.Background()
	s := openIO(t)
	// Chunks of about 50 customers, each its own turn: the failing last
	// record comes after several committed turns, which must be undone.
	defer store.SetImportTurns(250, 0, 0)()
	b := bigBatch(400)
	last := &b.Records[len(b.Records)-1]
	last.Notes[2].Text = "boom"
	if _, err := s.DB().Exec(`CREATE TEMP TRIGGER refuse AFTER INSERT ON main.notes WHEN new.text = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END`); err != nil {
		t.Fatal(err)
	}
	var turns []int
	res, err := s.Import(ctx, b, store.ImportOptions{Progress: func(done, total int) { turns = append(turns, done) }})
	if err == nil {
		t.Fatalf("import with a failing write: no error, %d added", len(res.Added))
	}
	if len(turns) < 3 || turns[len(turns)-1] >= len(b.Records) {
		t.Fatalf("turns committed before the failure: %v; want several, short of all %d", turns, len(b.Records))
	}
	for _, table := range []string{"customers", "notes", "contacts", "visit_years", "customer_fts"} {
		var n int
		if err := s.DB().QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s: %d rows left by a failed import", table, n)
		}
	}
}

// An import whose last commit fails says so (it once reported the
// customers added while the rows were rolled back).
func TestImport_FailedLastCommitIsAnError(t *testing.T) {
	ctx := context.Background()
	s := openIO(t)
	if _, err := s.DB().Exec(`CREATE TEMP TRIGGER refuse_end BEFORE DELETE ON main.meta WHEN old.key = 'bulk' BEGIN SELECT RAISE(ABORT, 'refused'); END`); err != nil {
		t.Fatal(err)
	}
	res, err := s.Import(ctx, bigBatch(10), store.ImportOptions{})
	if err == nil {
		t.Fatalf("an import whose commit failed: no error, %d added", len(res.Added))
	}
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM customers`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d customers left (%v)", n, err)
	}
}
