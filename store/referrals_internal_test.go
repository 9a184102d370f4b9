package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// A backup made before a migration added customer columns (referred_by,
// the address) is still checked, and can be restored: the check reads the
// columns the file has.
func TestCheckOlderNotebook(t *testing.T) {
	ctx := context.Background()
	names := migrationNames()
	for v := 1; v < len(names); v++ {
		t.Run(fmt.Sprintf("Version%d", v), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			db, err := sql.Open("sqlite", "file:"+path+"?_pragma=synchronous(OFF)")
			if err != nil {
				t.Fatal(err)
			}
			db.SetMaxOpenConns(1)
			for i := 0; i < v; i++ {
				body, err := migrationFS.ReadFile("migrations/" + names[i])
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.ExecContext(ctx, string(body)); err != nil {
					t.Fatalf("%s: %v", names[i], err)
				}
			}
			if _, err := db.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d; INSERT INTO customers (name, created_at) VALUES ('Anna', '2026-11-23T10:00:00Z')`, v)); err != nil {
				t.Fatal(err)
			}
			db.Close()
			info, err := checkNotebookFile(ctx, path, checkFull)
			if err != nil {
				t.Fatalf("a version %d notebook is refused: %v", v, err)
			}
			if info.Customers != 1 {
				t.Fatalf("info = %+v", info)
			}
		})
	}
}
