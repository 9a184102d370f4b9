package store_test

import (
	"context"
	"database/sql"
	"strconv"
	"testing"

	"regulars/model"
	"regulars/store"
)

func TestGenerateDemoDeterministic(t *testing.T) {
	t.Parallel()
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
	// About one note for every three to five visits (issue 11).
	if notes, visits := sums[0][1], sums[0][2]; visits < 300*5 || notes < visits/6 || notes > visits/2 {
		t.Fatalf("%d notes for %d visits: want about one note for every three to five visits", notes, visits)
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
	// Made without checking foreign keys, on a connection of its own.
	rows, err := s.DB().Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, parent string
		var rowid, fkid sql.NullInt64
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s row %d points at no %s", table, rowid.Int64, parent)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	var fk int
	q(&fk, `PRAGMA foreign_keys`)
	if fk != 1 {
		t.Errorf("foreign_keys = %d after the demo, want 1", fk)
	}
}

// BenchmarkGenerateDemo makes demo notebooks; 100,000 customers take about
// six times the 20,000 case (issue 16 asks for 20 s and 200 MB at 100,000;
// measure those with /usr/bin/time on 'regulars demo').
func BenchmarkGenerateDemo(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				s := MustOpen(b)
				b.StartTimer()
				if err := store.GenerateDemo(context.Background(), s, store.DemoOptions{Customers: n, Seed: 1, Today: model.MakeDate(2026, 11, 23)}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The demo recomputes what the visits triggers keep once per customer after its bulk
// insert; the result must equal what the per-visit triggers keep.
func TestDemoVisitStatsMatchTriggers(t *testing.T) {
	t.Parallel()
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

// Issue 11: about one note for every few visits, not five notes for one
// visit; a customer with a partner or children to mention has a note.
func TestDemoNotesFollowVisits(t *testing.T) {
	s := MustOpen(t)
	if err := store.GenerateDemo(context.Background(), s, store.DemoOptions{Customers: 400, Seed: 3, Today: model.MakeDate(2026, 11, 23)}); err != nil {
		t.Fatal(err)
	}
	var tooMany, silent, withNotes int
	err := s.DB().QueryRow(`SELECT
		count(*) FILTER (WHERE n > max(1, visit_count / 3)),
		count(*) FILTER (WHERE n = 0 AND (partner <> '' OR children <> '')),
		count(*) FILTER (WHERE n > 0)
		FROM (SELECT *, (SELECT count(*) FROM notes WHERE customer_id = c.id) AS n FROM customers c)`).Scan(&tooMany, &silent, &withNotes)
	if err != nil {
		t.Fatal(err)
	}
	if tooMany != 0 {
		t.Errorf("%d customers have more than one note for every three visits", tooMany)
	}
	if silent != 0 {
		t.Errorf("%d customers with a partner or children have no note", silent)
	}
	if withNotes < 400/2 {
		t.Errorf("only %d of 400 customers have a note", withNotes)
	}
}

// Issue 11: no two customers share a full name in a demo of fewer than
// 10,000 customers.
func TestDemoNamesUnique(t *testing.T) {
	for _, c := range []struct {
		customers int
		seed      uint64
	}{{9999, 1}, {4000, 2}, {777, 3}} {
		if raceDetector && c.customers > 1000 {
			continue
		}
		s := MustOpen(t)
		if err := store.GenerateDemo(context.Background(), s, store.DemoOptions{Customers: c.customers, Seed: c.seed, Today: model.MakeDate(2026, 11, 23)}); err != nil {
			t.Fatal(err)
		}
		var same, initials int
		if err := s.DB().QueryRow(`SELECT count(*) FROM (SELECT name FROM customers GROUP BY name HAVING count(*) > 1)`).Scan(&same); err != nil {
			t.Fatal(err)
		}
		if err := s.DB().QueryRow(`SELECT count(*) FROM customers WHERE name LIKE '% % %'`).Scan(&initials); err != nil {
			t.Fatal(err)
		}
		if same != 0 || initials != 0 {
			t.Errorf("%d customers, seed %d: %d names shared, %d with a middle initial", c.customers, c.seed, same, initials)
		}
	}
}

// Issue 11: in a large demo, where a first and last name come round again,
// the list still tells the customers apart: no two active customers show
// the same line (name, and nickname in brackets).
func TestDemoListLinesUnique(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("makes 20,000 customers")
	}
	s := MustOpen(t)
	if err := store.GenerateDemo(context.Background(), s, store.DemoOptions{Customers: 20000, Seed: 1, Today: model.MakeDate(2026, 11, 23)}); err != nil {
		t.Fatal(err)
	}
	var same, initials int
	err := s.DB().QueryRow(`SELECT count(*) FROM (SELECT 1 FROM customers WHERE archived_at IS NULL
		GROUP BY name || CASE WHEN nickname <> '' THEN ' (' || nickname || ')' ELSE '' END HAVING count(*) > 1)`).Scan(&same)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DB().QueryRow(`SELECT count(*) FROM customers WHERE name LIKE '% _. %'`).Scan(&initials); err != nil {
		t.Fatal(err)
	}
	if same != 0 {
		t.Errorf("%d list lines are shown for more than one customer", same)
	}
	if initials == 0 {
		t.Error("no name came round again: the test proves nothing")
	}
}
