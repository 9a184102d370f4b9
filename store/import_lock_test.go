package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

// bigBatch is n customers with a few notes each.
func bigBatch(n int) *interchange.Batch {
	b := &interchange.Batch{Format: "test"}
	for i := 0; i < n; i++ {
		rec := interchange.Record{Where: fmt.Sprintf("line %d", i+2), Customer: model.Customer{Name: fmt.Sprintf("Customer %d", i), Phone: fmt.Sprintf("555 %06d", i)}}
		for j := 0; j < 3; j++ {
			rec.Notes = append(rec.Notes, model.Note{Text: fmt.Sprintf("note %d of customer %d", j, i)})
		}
		b.Records = append(b.Records, rec)
	}
	return b
}

func TestImport_DoesNotHoldTheWriteLock(t *testing.T) {
	if testing.Short() {
		t.Skip("a large import")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "regulars.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := &model.Customer{Name: "Walk-in"}
	if err := s.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(1000)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	n := 5000
	if raceDetector {
		n = 300 // it still takes turns; the writer below checks it under the detector too
	}
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := s.Import(ctx, bigBatch(n), store.ImportOptions{})
		done <- err
	}()
	time.Sleep(300 * time.Millisecond)
	if _, err := other.ExecContext(ctx, `INSERT INTO notes (customer_id, text, created_at, private) VALUES (?, 'at the counter', '2026-11-23T10:00:00.000Z', 0)`, c.ID); err != nil {
		t.Errorf("another writer during the import (%v in): %v", time.Since(start).Round(time.Millisecond), err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("the import took %v", time.Since(start).Round(time.Millisecond))
	case <-time.After(5 * time.Minute):
		t.Fatal("the import did not end")
	}
}

func TestImport_DryRunTakesNoWriteLock(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "regulars.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK")
	tctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	res, err := s.Import(tctx, bigBatch(10), store.ImportOptions{DryRun: true})
	if err != nil || len(res.Added) != 10 {
		t.Fatalf("dry run while another holds the write lock: %v, %+v", err, res)
	}
}
