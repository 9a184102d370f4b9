package store_test

import (
	"context"
	"testing"

	"regulars/interchange"
	"regulars/store"
)

// pendingMerges reports the full-text tables on which one more merge step
// still finds work.
func pendingMerges(t *testing.T, s *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var pending []string
	for _, tbl := range []string{"customer_fts", "phone_fts", "customer_notes_fts"} {
		var before, after int64
		if err := conn.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&before); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO `+tbl+`(`+tbl+`, rank) VALUES('merge', 500)`); err != nil {
			t.Fatal(err)
		}
		if err := conn.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&after); err != nil {
			t.Fatal(err)
		}
		if after-before >= 2 {
			pending = append(pending, tbl)
		}
	}
	return pending
}

// The demo and an import leave no full-text merge for the first saves
// after them to do inside their commits.
func TestBulkWritesLeaveNoMerges(t *testing.T) {
	ctx := context.Background()
	// Batches of 250 make as many segments as a 100,000-customer demo's
	// batches of 5,000 do; so do the import's chunks of 250 rows.
	defer store.SetDemoBatch(250)()
	defer store.SetImportTurns(250, 0, 0)()
	demo := MustOpen(t)
	if err := store.GenerateDemo(ctx, demo, store.DemoOptions{Customers: 1500, Seed: 2, Today: demo.Today()}); err != nil {
		t.Fatal(err)
	}
	data := mustExport(t, demo, interchange.FormatJSON)
	if p := pendingMerges(t, demo); len(p) > 0 {
		t.Errorf("after the demo, merges are left on %v", p)
	}
	imp := openIO(t)
	res, err := imp.ImportStream(ctx, interchange.JSONFormatName, jsonSource(func() []byte { return data }), store.ImportOptions{})
	if err != nil || len(res.Added) != 1500 {
		t.Fatalf("import: %v, %d added", err, len(res.Added))
	}
	if p := pendingMerges(t, imp); len(p) > 0 {
		t.Errorf("after the import, merges are left on %v", p)
	}
}
