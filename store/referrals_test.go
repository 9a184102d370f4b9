package store_test

import (
	"context"
	"testing"

	"regulars/model"
)

func TestReferrals(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	anna := &model.Customer{Name: "Anna Schmidt"}
	if err := s.CreateCustomer(ctx, anna); err != nil {
		t.Fatal(err)
	}
	sam := &model.Customer{Name: "Sam Lee", ReferredBy: anna.ID}
	if err := s.CreateCustomer(ctx, sam); err != nil {
		t.Fatal(err)
	}
	kai := &model.Customer{Name: "Kai Berg"}
	if err := s.CreateCustomer(ctx, kai); err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		got, err := s.Customer(ctx, sam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ReferredBy != anna.ID {
			t.Fatalf("ReferredBy = %d, want %d", got.ReferredBy, anna.ID)
		}
		by := anna.ID
		if _, err := s.UpdateCustomer(ctx, kai.ID, model.CustomerUpdate{ReferredBy: &by}); err != nil {
			t.Fatal(err)
		}
		sent, err := s.Referrals(ctx, anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(sent) != 2 || sent[0].Name != "Sam Lee" || sent[1].Name != "Kai Berg" {
			t.Fatalf("Referrals = %+v", sent)
		}
	})
	t.Run("ErrSelf", func(t *testing.T) {
		self := kai.ID
		_, err := s.UpdateCustomer(ctx, kai.ID, model.CustomerUpdate{ReferredBy: &self})
		if model.ErrorCode(err) != model.EINVALID {
			t.Fatalf("err = %v, want EINVALID", err)
		}
	})
	t.Run("ErrNoSuchReferrer", func(t *testing.T) {
		if err := s.CreateCustomer(ctx, &model.Customer{Name: "Zoe", ReferredBy: 99}); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("err = %v, want ENOTFOUND", err)
		}
	})
	t.Run("Clear", func(t *testing.T) {
		none := int64(0)
		c, err := s.UpdateCustomer(ctx, kai.ID, model.CustomerUpdate{ReferredBy: &none})
		if err != nil || c.ReferredBy != 0 {
			t.Fatalf("cleared: %v, %d", err, c.ReferredBy)
		}
	})
	t.Run("Merge", func(t *testing.T) {
		// Whom the merged-away customer sent, the survivor sent.
		ann := &model.Customer{Name: "Ann Schmidt"}
		if err := s.CreateCustomer(ctx, ann); err != nil {
			t.Fatal(err)
		}
		ola := &model.Customer{Name: "Ola Nowak", ReferredBy: ann.ID}
		if err := s.CreateCustomer(ctx, ola); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Merge(ctx, ann.ID, anna.ID); err != nil {
			t.Fatal(err)
		}
		got, err := s.Customer(ctx, ola.ID)
		if err != nil || got.ReferredBy != anna.ID {
			t.Fatalf("after merge Ola was referred by %d (%v), want %d", got.ReferredBy, err, anna.ID)
		}
	})
	t.Run("Forget", func(t *testing.T) {
		if err := s.Forget(ctx, anna.ID); err != nil {
			t.Fatal(err)
		}
		got, err := s.Customer(ctx, sam.ID)
		if err != nil || got.ReferredBy != 0 {
			t.Fatalf("after forgetting Anna, Sam was referred by %d (%v)", got.ReferredBy, err)
		}
	})
}
