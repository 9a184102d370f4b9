package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"regulars/model"
	"regulars/store"
)

// A notebook from before contacts keeps each customer's phone and e-mail as
// their preferred ones, and the filter still finds them.
func TestContactsMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v4.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db := openRaw(t, path)
	db.SetMaxOpenConns(1)
	for _, name := range []string{"0001_init.sql", "0002_week.sql", "0003_drafts.sql", "0004_removed.sql"} {
		body, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for _, q := range []string{
		`PRAGMA user_version = 4`,
		`INSERT INTO customers (name, phone, phone_digits, email, created_at) VALUES ('Anna', '0171 555 1234', '01715551234', 'anna@example.org', '2026-01-01T00:00:00.000Z')`,
		`INSERT INTO customers (name, created_at) VALUES ('Bob', '2026-01-01T00:00:00.000Z')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	must(t, db.Close())

	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM contacts WHERE customer_id = 1 AND preferred = 1`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("Anna's preferred contacts = %d, %v; want 2 rows", n, err)
	}
	c, err := s.Customer(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(c.Phones, c.Emails), "[{other 0171 555 1234 true}] [{other anna@example.org true}]"; got != want {
		t.Fatalf("phones and e-mails = %s, want %s", got, want)
	}
	if b, _ := s.Customer(ctx, 2); len(b.Phones)+len(b.Emails) != 0 {
		t.Fatalf("Bob's contacts = %+v %+v", b.Phones, b.Emails)
	}
	// A second phone added after the upgrade is found too.
	phones := append(c.Phones, model.Contact{Label: model.Work, Value: "030 777 888"})
	if _, err := s.UpdateCustomer(ctx, 1, model.CustomerUpdate{Phones: &phones}); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"5551234", "777888", "anna@ex"} {
		rows, err := listRows(s.ListPage(ctx, store.SearchQuery{Text: text}))
		if err != nil || len(rows) != 1 || rows[0].Name != "Anna" {
			t.Errorf("filter %q = %+v, %v", text, rows, err)
		}
	}
}
