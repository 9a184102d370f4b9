package store

import (
	"bytes"
	"context"
	"testing"
	"time"

	"regulars/interchange"
	"regulars/model"
)

// An export reads its chunks on two transactions taking turns; the file is
// the one a single chunk read on one transaction makes, byte for byte. A
// customer committed between the two transactions' first reads makes the
// export read on one, as of its first read.
func TestExportTwoReaders(t *testing.T) {
	ctx := context.Background()
	today := model.Date{Year: 2026, Month: time.November, Day: 27}
	s := openDay(t, today)
	if err := GenerateDemo(ctx, s, DemoOptions{Customers: 120, Seed: 4, Today: today}); err != nil {
		t.Fatal(err)
	}
	export := func(chunk int) ([]byte, int) {
		t.Helper()
		old := exportChunk
		exportChunk = chunk
		defer func() { exportChunk = old }()
		readers := 0
		exportHook = func(n int) { readers = n }
		defer func() { exportHook = nil }()
		var out bytes.Buffer
		if err := s.Export(ctx, interchange.FormatJSON, &out); err != nil {
			t.Fatal(err)
		}
		return out.Bytes(), readers
	}
	whole, _ := export(1000)
	turns, readers := export(7) // 18 chunks, the last short
	if readers != 2 {
		t.Fatalf("%d readers with nothing written meanwhile; want 2", readers)
	}
	if !bytes.Equal(turns, whole) {
		t.Fatalf("chunks of 7 on two readers differ from one chunk: %d against %d bytes", len(turns), len(whole))
	}

	besideHook = func() {
		besideHook = nil
		if err := s.CreateCustomer(ctx, &model.Customer{Name: "Zed Latecomer"}); err != nil {
			t.Error(err)
		}
	}
	defer func() { besideHook = nil }()
	during, readers := export(7)
	if readers != 1 {
		t.Errorf("%d readers with a customer committed between them; want 1", readers)
	}
	if !bytes.Equal(during, whole) {
		t.Errorf("the export with a customer committed between its readers' first reads is not the notebook as of the first (%d against %d bytes)", len(during), len(whole))
	}
	after, _ := export(7)
	if !bytes.Contains(after, []byte("Zed Latecomer")) {
		t.Error("the next export lacks the customer")
	}
}
