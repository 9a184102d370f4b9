package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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
			rows, err := listRows(s.ListPage(ctx, q))
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

// TestListPage checks that ListPage gives exactly the rows of a slow and
// plain query (referencePage), page by page, for every sort and filter,
// across the boundary between customers with visits (or spend) and those
// without.
func TestListPage(t *testing.T) {
	t.Parallel()
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
	limits := []int{7, 25}
	if raceDetector {
		limits = []int{13} // pages end inside runs of ties all the same
	}
	for _, sort := range []store.Sort{store.ByName, store.ByLastVisit, store.BySpendYear} {
		for _, text := range []string{"", "ana", "lima", "5550", "marathon", "nobody"} {
			for _, limit := range limits {
				name := sort.String() + "/" + text
				for off := 0; off <= 70; off += limit {
					q := store.SearchQuery{Text: text, Sort: sort, Offset: off, Limit: limit}
					want, err := referencePage(ctx, s, q)
					if err != nil {
						t.Fatal(err)
					}
					got, err := s.ListPage(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					if got.More != want.More || len(got.Rows) != len(want.Rows) {
						t.Fatalf("%s offset %d: %d rows (more %v), reference %d (more %v)", name, off, len(got.Rows), got.More, len(want.Rows), want.More)
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

// referencePage is the list's page as one plain query: every match with its
// per-row subqueries, sorted whole. Too slow for 100,000 customers, but
// plainly right.
func referencePage(ctx context.Context, s *store.Store, q store.SearchQuery) (store.Page, error) {
	today := model.DateOf(s.Now())
	soon := today.AddDays(6).String()
	args := []any{today.Year, soon, soon, model.UnhappyRating}
	var b strings.Builder
	b.WriteString(`SELECT c.id, c.name, c.last_visit,
		coalesce((SELECT cents FROM visit_years y WHERE y.customer_id = c.id AND y.year = ?), 0) AS spend,
		(SELECT count(*) FROM thank_yous t WHERE t.customer_id = c.id AND t.sent_at IS NULL AND t.due <= ?)
		+ (SELECT count(*) FROM notes n WHERE n.customer_id = c.id AND n.ask_on <= ? AND n.asked_at IS NULL)
		+ (SELECT count(*) FROM feedback f WHERE f.customer_id = c.id AND f.rating <= ? AND f.replied_at IS NULL)
		FROM customers c WHERE c.archived_at IS NULL`)
	if words := strings.Fields(strings.ToLower(q.Text)); len(words) > 0 {
		// The test's filters are single plain words; a word matches by prefix.
		match := `"` + strings.Join(words, `"* AND "`) + `"*`
		b.WriteString(` AND c.id IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?
			UNION SELECT id FROM customers WHERE phone_digits <> '' AND instr(phone_digits, ?) > 0
			UNION SELECT customer_id FROM notes WHERE (' ' || lower(text)) LIKE ?)`)
		// A note word matches where a word of the note begins with it.
		args = append(args, match, strings.Join(words, ""), "% "+words[0]+"%")
	}
	switch q.Sort {
	case store.ByLastVisit:
		b.WriteString(` ORDER BY c.last_visit IS NULL, c.last_visit DESC, c.name COLLATE NOCASE, c.id`)
	case store.BySpendYear:
		b.WriteString(` ORDER BY spend DESC, c.name COLLATE NOCASE, c.id`)
	default:
		b.WriteString(` ORDER BY c.name COLLATE NOCASE, c.id`)
	}
	fmt.Fprintf(&b, ` LIMIT %d OFFSET %d`, q.Limit+1, q.Offset)
	rows, err := s.DB().QueryContext(ctx, b.String(), args...)
	if err != nil {
		return store.Page{}, err
	}
	defer rows.Close()
	var p store.Page
	for rows.Next() {
		var m store.Match
		var last sql.NullString
		if err := rows.Scan(&m.ID, &m.Name, &last, &m.SpendYear, &m.OpenItems); err != nil {
			return p, err
		}
		if last.Valid {
			d, err := model.ParseDate(last.String, today)
			if err != nil {
				return p, err
			}
			m.LastVisit = d
		}
		p.Rows = append(p.Rows, m)
	}
	if len(p.Rows) > q.Limit {
		p.Rows, p.More = p.Rows[:q.Limit], true
	}
	return p, rows.Err()
}
