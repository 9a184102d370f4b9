package store

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite store/schema/*.json from the migrations")

// The schema files are what the migrations make, version by version: the
// schema a notebook must have to be opened or restored.
func TestSchemaFiles(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "schema.db")+"?_pragma=synchronous(OFF)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for i, name := range migrationNames() {
		body, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		objs, err := readSchema(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		// Written as checkSchema writes what it reads, so that an open
		// compares bytes and parses nothing.
		got, err := encodeSchema(objs)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join("schema", fmt.Sprintf("%d.json", i+1))
		if *update {
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run: go test ./store -run TestSchemaFiles -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the migrations make (run: go test ./store -run TestSchemaFiles -update and review the diff)", file)
		}
	}
}
