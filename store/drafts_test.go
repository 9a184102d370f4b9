package store_test

import (
	"context"
	"testing"

	"regulars/model"
	"regulars/store"
)

func TestDrafts(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	c := &model.Customer{Name: "Anna"}
	if err := s.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Draft(ctx, c.ID, "note", ""); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("no draft yet: %v", err)
	}
	for _, body := range []string{"Off to Ger", "Off to Germany next week"} {
		if err := s.SaveDraft(ctx, &model.Draft{CustomerID: c.ID, Form: "note", Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	// Another person's draft of the same form is theirs.
	if err := s.SaveDraft(ctx, &model.Draft{CustomerID: c.ID, Form: "note", Author: "maya", Body: "Maya's"}); err != nil {
		t.Fatal(err)
	}
	// A draft survives the program: a new Store on the file finds it.
	again, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	d, err := again.Draft(ctx, c.ID, "note", "")
	if err != nil || d.Body != "Off to Germany next week" || !d.Saved.Equal(testNow) {
		t.Fatalf("draft = %+v, %v", d, err)
	}
	if err := s.DropDraft(ctx, c.ID, "note", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Draft(ctx, c.ID, "note", ""); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("after drop: %v", err)
	}
	if d, err := s.Draft(ctx, c.ID, "note", "maya"); err != nil || d.Body != "Maya's" {
		t.Fatalf("maya's draft = %+v, %v", d, err)
	}
	if err := s.SaveDraft(ctx, &model.Draft{CustomerID: c.ID, Form: "note", Body: "\xff"}); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("invalid UTF-8 draft: %v", err)
	}
}
