package store_test

import (
	"context"
	"testing"

	"regulars/model"
	"regulars/store"
)

func TestGenerateDemoDeterministic(t *testing.T) {
	ctx := context.Background()
	today := model.MakeDate(2026, 11, 23)
	var sums [2][5]int
	for i := range sums {
		s := MustOpen(t)
		if err := store.GenerateDemo(ctx, s, store.DemoOptions{Customers: 300, Seed: 7, Today: today}); err != nil {
			t.Fatal(err)
		}
		err := s.DB().QueryRow(`SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM notes),
			(SELECT count(*) FROM visits), (SELECT coalesce(sum(cents), 0) FROM visits),
			(SELECT count(*) FROM customers WHERE bday_month > 0)`).Scan(&sums[i][0], &sums[i][1], &sums[i][2], &sums[i][3], &sums[i][4])
		if err != nil {
			t.Fatal(err)
		}
	}
	if sums[0] != sums[1] {
		t.Fatalf("same seed, different notebooks: %v vs %v", sums[0], sums[1])
	}
	if got := sums[0][0]; got != 300 {
		t.Fatalf("customers = %d, want 300", got)
	}
	if sums[0][1] < 300*3 || sums[0][2] < 300 {
		t.Fatalf("too little history: %v", sums[0])
	}
}

func TestGenerateDemoShape(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	today := model.MakeDate(2026, 11, 23)
	if err := store.GenerateDemo(ctx, s, store.DemoOptions{Customers: 400, Seed: 1, Today: today}); err != nil {
		t.Fatal(err)
	}
	var bdaysSoon, followUps, pendingThanks, unhappy, weekly, future int
	q := func(dst *int, query string, args ...any) {
		t.Helper()
		if err := s.DB().QueryRow(query, args...).Scan(dst); err != nil {
			t.Fatal(err)
		}
	}
	q(&bdaysSoon, `SELECT count(*) FROM customers WHERE bday_month = 11 AND bday_day BETWEEN 24 AND 29 OR bday_month = 11 AND bday_day = 30`)
	q(&followUps, `SELECT count(*) FROM notes WHERE ask_on IS NOT NULL AND asked_at IS NULL`)
	q(&pendingThanks, `SELECT count(*) FROM thank_yous WHERE sent_at IS NULL`)
	q(&unhappy, `SELECT count(*) FROM feedback WHERE rating <= 3 AND replied_at IS NULL`)
	q(&weekly, `SELECT count(*) FROM customers WHERE visit_count >= 40`)
	q(&future, `SELECT count(*) FROM visits WHERE day >= ?`, today.String())
	for name, n := range map[string]int{"birthdays in the coming week": bdaysSoon, "open follow-ups": followUps,
		"pending thank-yous": pendingThanks, "unhappy ratings": unhappy, "weekly regulars": weekly} {
		if n < 2 {
			t.Errorf("%s = %d, want several", name, n)
		}
	}
	if future != 0 {
		t.Errorf("%d visits on or after today", future)
	}
}

func BenchmarkGenerateDemo(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s := MustOpen(b)
		b.StartTimer()
		if err := store.GenerateDemo(context.Background(), s, store.DemoOptions{Customers: 2000, Seed: 1, Today: model.MakeDate(2026, 11, 23)}); err != nil {
			b.Fatal(err)
		}
	}
}

// The demo recomputes what the visits triggers keep once per customer after its bulk
// insert; the result must equal what the per-visit triggers keep.
func TestDemoVisitStatsMatchTriggers(t *testing.T) {
	ctx := context.Background()
	today := model.MakeDate(2026, 11, 23)
	bulk := MustOpen(t)
	if err := store.GenerateDemo(ctx, bulk, store.DemoOptions{Customers: 150, Seed: 5, Today: today}); err != nil {
		t.Fatal(err)
	}
	// Replay the same visits one by one through the triggers.
	one := MustOpen(t)
	if _, err := one.DB().Exec(`ATTACH DATABASE ? AS src`, bulk.Path()); err != nil {
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
	for what, q := range map[string]string{
		"customers": `SELECT count(*) FROM customers a JOIN src.customers b USING (id)
			WHERE a.first_visit IS NOT b.first_visit OR a.third_visit IS NOT b.third_visit
			OR a.gap_median IS NOT b.gap_median OR a.lapse_on IS NOT b.lapse_on
			OR a.last_visit IS NOT b.last_visit OR a.visit_count IS NOT b.visit_count`,
		"visit_years": `SELECT count(*) FROM (SELECT * FROM (SELECT * FROM visit_years EXCEPT SELECT * FROM src.visit_years)
			UNION ALL SELECT * FROM (SELECT * FROM src.visit_years EXCEPT SELECT * FROM visit_years))`,
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
			t.Errorf("%s: %d rows differ between the bulk insert and per-visit triggers", what, diff)
		}
	}
	// The words of the notes: the same customers match every word, in all
	// notes and in public ones only.
	for _, w := range []string{"germany", "photos", "divorce", "bis", "oat", "ask"} {
		for _, m := range []string{`"` + w + `"*`, `{public} : "` + w + `"*`} {
			var a, b string
			const q = `SELECT coalesce(group_concat(rowid), '') FROM (SELECT rowid FROM customer_notes_fts WHERE customer_notes_fts MATCH ? ORDER BY rowid)`
			if err := one.DB().QueryRow(q, m).Scan(&a); err != nil {
				t.Fatal(err)
			}
			if err := bulk.DB().QueryRow(q, m).Scan(&b); err != nil {
				t.Fatal(err)
			}
			if a != b {
				t.Errorf("notes matching %s: per-note triggers %q, bulk %q", m, a, b)
			}
			if a == "" && w != "divorce" {
				t.Errorf("no customer's notes match %s: the comparison proves nothing", m)
			}
		}
	}
	var lapsing int
	bulk.DB().QueryRow(`SELECT count(*) FROM customers WHERE lapse_on IS NOT NULL`).Scan(&lapsing)
	if lapsing == 0 {
		t.Fatal("no customer has a rhythm: the comparison proves nothing")
	}
	var flag int
	bulk.DB().QueryRow(`SELECT count(*) FROM meta WHERE key = 'bulk'`).Scan(&flag)
	if flag != 0 {
		t.Fatal("the bulk flag was left behind")
	}
}
