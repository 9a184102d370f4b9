package store_test

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

// A backup is untrusted input: a notebook file someone else may have
// handed over or changed. Each case below is a real notebook changed with
// plain SQL the way an attacker (or a careless tool) would; restore must
// refuse every one, naming what differs, and leave the current notebook as
// it was. Opening such a file refuses in the same way.
var tampers = []struct {
	name, sql, want string
}{
	{"TriggerRenamesEveryone",
		`CREATE TRIGGER evil AFTER INSERT ON notes BEGIN DELETE FROM visits; UPDATE customers SET name = 'HACKED'; END`,
		"trigger evil"},
	{"TriggerCopiesPhones",
		`CREATE TRIGGER leak AFTER INSERT ON visits BEGIN INSERT INTO notes (customer_id, text, created_at) SELECT id, phone, '2026-01-01T00:00:00Z' FROM customers; END`,
		"trigger leak"},
	{"ViewForCustomers",
		`PRAGMA foreign_keys = OFF ;; ALTER TABLE customers RENAME TO customers_real ;; CREATE VIEW customers AS SELECT * FROM customers_real`,
		"customers"},
	{"DroppedTable",
		`DROP TABLE feedback`,
		"table feedback"},
	{"CheckRemoved",
		`PRAGMA writable_schema = ON ;; UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (cents >= 0)', '') WHERE name = 'visits'`,
		"table visits"},
	{"ExtraTable",
		`CREATE TABLE stash (x TEXT)`,
		"table stash"},
	{"ExtraIndex",
		`CREATE INDEX sneaky ON customers (phone)`,
		"index sneaky"},
	{"LoweredVersion",
		`PRAGMA user_version = 1`,
		"version 1"},
	{"DanglingNote",
		`PRAGMA foreign_keys = OFF ;; INSERT INTO notes (customer_id, text, created_at) VALUES (9999, 'orphan', '2026-01-01T00:00:00Z')`,
		"notes"},
	{"NameTooLong",
		`UPDATE customers SET name = printf('%.*c', 5000, 'x') WHERE id = 1`,
		"customer 1"},
}

// tamperedCopy makes a healthy notebook, then changes it with sqlText.
func tamperedCopy(t *testing.T, sqlText string) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "backup.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := &model.Customer{Name: "Anna Schmidt", Phone: "+49 170 1234567"}
	if err := s.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: model.DateOf(testNow), Cents: 1250}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, stmt := range strings.Split(sqlText, " ;; ") {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("tamper %q: %v", stmt, err)
		}
	}
	return path
}

func TestRestoreRefusesTamperedNotebooks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range tampers {
		t.Run(tc.name, func(t *testing.T) {
			bad := tamperedCopy(t, tc.sql)
			cur := MustOpen(t)
			if err := cur.CreateCustomer(ctx, &model.Customer{Name: "Ben Okafor"}); err != nil {
				t.Fatal(err)
			}
			before := string(mustExport(t, cur, interchange.FormatJSON))
			_, err := store.Restore(ctx, bad, cur.Path(), store.RestoreOptions{Force: true, Now: cur.Now})
			if err == nil {
				t.Fatalf("restore accepted a notebook changed with %q", tc.sql)
			}
			if msg := model.ErrorMessage(err); !strings.Contains(msg, tc.want) {
				t.Errorf("message %q does not name %q", msg, tc.want)
			}
			if got := string(mustExport(t, cur, interchange.FormatJSON)); got != before {
				t.Errorf("the current notebook changed:\n%s", got)
			}
			// The next note works as before: no trigger rode along.
			if err := cur.AddNote(ctx, &model.Note{CustomerID: 1, Text: "still here", Created: testNow}); err != nil {
				t.Fatal(err)
			}
			if c, err := cur.Customer(ctx, 1); err != nil || c.Name != "Ben Okafor" {
				t.Errorf("customer 1 = %+v, %v", c, err)
			}
			ents, _ := os.ReadDir(filepath.Dir(cur.Path()))
			for _, e := range ents {
				if strings.Contains(e.Name(), "before-restore") {
					t.Errorf("a refused restore left %s", e.Name())
				}
			}
		})
	}
}

func TestOpenRefusesTamperedSchema(t *testing.T) {
	t.Parallel()
	for _, tc := range tampers {
		if tc.name == "DanglingNote" || strings.HasPrefix(tc.name, "Name") {
			continue // rows are checked on restore, not on every open
		}
		t.Run(tc.name, func(t *testing.T) {
			bad := tamperedCopy(t, tc.sql)
			body, _ := os.ReadFile(bad)
			s, err := store.Open(bad)
			if err == nil {
				s.Close()
				t.Fatalf("open accepted a notebook changed with %q", tc.sql)
			}
			if msg := model.ErrorMessage(err); !strings.Contains(msg, tc.want) || !strings.Contains(msg, "left untouched") {
				t.Errorf("message %q does not name %q or say the file was left untouched", msg, tc.want)
			}
			if after, _ := os.ReadFile(bad); string(after) != string(body) {
				t.Errorf("the refused file was changed")
			}
		})
	}
}
