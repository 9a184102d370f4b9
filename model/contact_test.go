package model_test

import (
	"testing"

	"regulars/model"
)

func TestCustomerContacts(t *testing.T) {
	t.Run("PhoneBecomesPreferred", func(t *testing.T) {
		c := model.Customer{Name: "Anna", Phone: "0171 1234567", Email: "anna@example.org"}
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		if got, want := len(c.Phones), 1; got != want {
			t.Fatalf("phones = %+v", c.Phones)
		}
		if p := c.Phones[0]; p.Value != "0171 1234567" || !p.Preferred || p.Label != model.Other {
			t.Fatalf("phone = %+v", p)
		}
		if len(c.Emails) != 1 || !c.Emails[0].Preferred || c.Emails[0].Value != "anna@example.org" {
			t.Fatalf("emails = %+v", c.Emails)
		}
	})
	t.Run("PreferredOfMany", func(t *testing.T) {
		c := model.Customer{Name: "Anna", Phones: []model.Contact{
			{Label: model.Home, Value: "030 123"},
			{Label: "Mobile", Value: "0171 999", Preferred: true},
			{Value: "0171-999"}, // the same number again
		}}
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		if got, want := c.Phone, "0171 999"; got != want {
			t.Fatalf("phone = %q, want %q", got, want)
		}
		if len(c.Phones) != 2 || c.Phones[1].Label != model.Mobile || c.Phones[0].Preferred {
			t.Fatalf("phones = %+v", c.Phones)
		}
	})
	t.Run("UpdatePreferred", func(t *testing.T) {
		c := model.Customer{Name: "Anna", Phones: []model.Contact{
			{Label: model.Home, Value: "030 123", Preferred: true},
			{Label: model.Mobile, Value: "0171 999"},
		}}
		must(t, c.Validate())
		p := "030 456"
		model.CustomerUpdate{Phone: &p}.Apply(&c)
		must(t, c.Validate())
		if c.Phone != "030 456" || len(c.Phones) != 2 || c.Phones[0].Label != model.Home || c.Phones[0].Value != "030 456" {
			t.Fatalf("after a new preferred phone: %q %+v", c.Phone, c.Phones)
		}
		empty := ""
		model.CustomerUpdate{Phone: &empty}.Apply(&c)
		must(t, c.Validate())
		if c.Phone != "0171 999" || len(c.Phones) != 1 || !c.Phones[0].Preferred {
			t.Fatalf("after dropping the preferred phone: %q %+v", c.Phone, c.Phones)
		}
		emails := []model.Contact{{Label: model.Work, Value: "a@work.example"}, {Value: "a@home.example", Preferred: true}}
		model.CustomerUpdate{Emails: &emails}.Apply(&c)
		must(t, c.Validate())
		if c.Email != "a@home.example" || len(c.Emails) != 2 {
			t.Fatalf("after new e-mails: %q %+v", c.Email, c.Emails)
		}
	})
	for name, c := range map[string]model.Customer{
		"ErrPhoneNoDigits": {Name: "A", Phones: []model.Contact{{Value: "call me"}}},
		"ErrEmailNoAt":     {Name: "A", Emails: []model.Contact{{Value: "a@b"}, {Value: "nope"}}},
		"ErrLabel":         {Name: "A", Phones: []model.Contact{{Label: "fax", Value: "123"}}},
		"ErrStreetLines":   {Name: "A", Address: model.Address{Street: "1\n2\n3\n4\n5"}},
		"ErrTownNewline":   {Name: "A", Address: model.Address{Town: "Ber\nlin"}},
	} {
		t.Run(name, func(t *testing.T) {
			if err := c.Validate(); model.ErrorCode(err) != model.EINVALID {
				t.Fatalf("Validate = %v, want invalid", err)
			}
		})
	}
}

func TestAddressString(t *testing.T) {
	for _, tt := range []struct {
		a    model.Address
		want string
	}{
		{model.Address{}, ""},
		{model.Address{Street: "12 High St\nFlat 3", Postcode: "10115", Town: "Berlin", Country: "Germany"}, "12 High St, Flat 3, 10115 Berlin, Germany"},
		{model.Address{Town: "Berlin"}, "Berlin"},
		{model.Address{Postcode: "10115", Country: "Germany"}, "10115, Germany"},
	} {
		if got := tt.a.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.a, got, tt.want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
