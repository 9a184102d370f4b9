package store_test

import (
	"context"
	"fmt"
	"testing"

	"regulars/model"
	"regulars/store"
)

func TestCustomerContacts(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	c := &model.Customer{Name: "Anna Schmidt",
		Phones:  []model.Contact{{Label: model.Mobile, Value: "0171 555 1234", Preferred: true}, {Label: model.Work, Value: "030 9876 543"}},
		Emails:  []model.Contact{{Label: model.Home, Value: "anna@home.example"}, {Label: model.Work, Value: "a.schmidt@bakery.example"}},
		Address: model.Address{Street: "12 High St\nFlat 3", Postcode: "10115", Town: "Berlin", Country: "Germany"},
	}
	must(t, s.CreateCustomer(ctx, c))
	bob := &model.Customer{Name: "Bob", Phone: "0172 000 111", Email: "bob@example.org"}
	must(t, s.CreateCustomer(ctx, bob))

	got, err := s.Customer(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Phone != "0171 555 1234" || got.Email != "anna@home.example" {
		t.Fatalf("preferred phone %q, e-mail %q", got.Phone, got.Email)
	}
	if fmt.Sprint(got.Phones) != fmt.Sprint(c.Phones) || fmt.Sprint(got.Emails) != fmt.Sprint(c.Emails) {
		t.Fatalf("phones %+v, e-mails %+v; want %+v, %+v", got.Phones, got.Emails, c.Phones, c.Emails)
	}
	if got, want := got.Address.String(), "12 High St, Flat 3, 10115 Berlin, Germany"; got != want {
		t.Fatalf("address = %q, want %q", got, want)
	}
	card, err := s.Card(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(card.Customer.Phones) != 2 || len(card.Customer.Emails) != 2 || card.Customer.Address.Town != "Berlin" {
		t.Fatalf("card customer = %+v", card.Customer)
	}
	if b, _ := s.Customer(ctx, bob.ID); len(b.Phones) != 1 || !b.Phones[0].Preferred || b.Phones[0].Value != "0172 000 111" {
		t.Fatalf("Bob's phones = %+v", b.Phones)
	}

	find := func(text string) string {
		t.Helper()
		rows, err := listRows(s.ListPage(ctx, store.SearchQuery{Text: text, NamesOnly: true}))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range rows {
			names = append(names, r.Name)
		}
		return fmt.Sprint(names)
	}
	for text, want := range map[string]string{
		"98765":                "[Anna Schmidt]", // the work phone, mid-number
		"0309876":              "[Anna Schmidt]",
		"5551234":              "[Anna Schmidt]",
		"a.schmidt":            "[Anna Schmidt]", // the work e-mail's local part
		"a.schmidt@bakery":     "[Anna Schmidt]", // its start
		"anna@home.example":    "[Anna Schmidt]",
		"bob@example":          "[Bob]",
		"000111":               "[Bob]",
		"bakery.example":       "[]", // domains are not words
		"a.schmidt@home":       "[]",
		"0309876 nobody there": "[]",
	} {
		if got := find(text); got != want {
			t.Errorf("filter %q = %s, want %s", text, got, want)
		}
	}

	// A new list of phones replaces the old; the old work number is gone
	// from the filter.
	phones := []model.Contact{{Label: model.Home, Value: "040 111 2222"}, {Label: model.Mobile, Value: "0171 555 1234", Preferred: true}}
	u, err := s.UpdateCustomer(ctx, c.ID, model.CustomerUpdate{Phones: &phones})
	if err != nil {
		t.Fatal(err)
	}
	if u.Phone != "0171 555 1234" || len(u.Phones) != 2 {
		t.Fatalf("updated: %q %+v", u.Phone, u.Phones)
	}
	if got, want := find("98765"), "[]"; got != want {
		t.Errorf("old work phone: %s, want %s", got, want)
	}
	if got, want := find("1112222"), "[Anna Schmidt]"; got != want {
		t.Errorf("new home phone: %s, want %s", got, want)
	}
	// Setting the preferred phone alone keeps the others.
	p := "0160 777"
	if u, err = s.UpdateCustomer(ctx, c.ID, model.CustomerUpdate{Phone: &p}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Customer(ctx, c.ID); got.Phone != "0160 777" || len(got.Phones) != 2 || got.Phones[1].Label != model.Mobile {
		t.Fatalf("after a new preferred phone: %q %+v", got.Phone, got.Phones)
	}
	if got, want := find("5551234"), "[]"; got != want {
		t.Errorf("replaced preferred phone: %s, want %s", got, want)
	}
	if got, want := find("0160777"), "[Anna Schmidt]"; got != want {
		t.Errorf("new preferred phone: %s, want %s", got, want)
	}
	addr := model.Address{Town: "Hamburg"}
	if u, err = s.UpdateCustomer(ctx, c.ID, model.CustomerUpdate{Address: &addr}); err != nil || u.Address.String() != "Hamburg" {
		t.Fatalf("address update: %+v, %v", u, err)
	}
}
