package store_test

import (
	"context"
	"testing"

	"regulars/model"
	"regulars/store"
)

// A write from another program (here another Store on the same file, as a
// command in another terminal would be) is noticed; reading is not a change.
func TestChanged(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	other, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	w := s.Watch()
	defer w.Close()
	if changed, err := w.Changed(ctx); err != nil || changed {
		t.Fatalf("first call = %v, %v; want false", changed, err)
	}
	if _, err := s.Count(ctx, store.SearchQuery{}); err != nil {
		t.Fatal(err)
	}
	if changed, _ := w.Changed(ctx); changed {
		t.Fatal("a read counted as a change")
	}
	if err := other.CreateCustomer(ctx, &model.Customer{Name: "Anna"}); err != nil {
		t.Fatal(err)
	}
	if changed, err := w.Changed(ctx); err != nil || !changed {
		t.Fatalf("after another program's write: %v, %v; want true", changed, err)
	}
	if changed, _ := w.Changed(ctx); changed {
		t.Fatal("the same write counted twice")
	}
	// Its own writes count too: they come through other connections of
	// the pool.
	if err := s.CreateCustomer(ctx, &model.Customer{Name: "Ben"}); err != nil {
		t.Fatal(err)
	}
	if changed, _ := w.Changed(ctx); !changed {
		t.Fatal("own write not noticed")
	}
	// Each watch has its own measure: a second one is not robbed of the
	// change the first one saw.
	w2 := s.Watch()
	defer w2.Close()
	w2.Changed(ctx)
	if err := other.CreateCustomer(ctx, &model.Customer{Name: "Cleo"}); err != nil {
		t.Fatal(err)
	}
	if changed, _ := w.Changed(ctx); !changed {
		t.Fatal("first watch missed the write")
	}
	if changed, _ := w2.Changed(ctx); !changed {
		t.Fatal("second watch missed the write")
	}
}
