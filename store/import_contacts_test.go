package store_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

// An iPhone card with three phones, two e-mails and an address comes in
// whole, and goes out and back in the same, in vCard and in JSON.
func TestImportContactsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openIO(t)
	mustImport(t, s, "import/iphone-three-phones.vcf")
	got, err := s.Customer(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	wantPhones := []model.Contact{{Label: model.Home, Value: "+49 30 1234567"}, {Label: model.Mobile, Value: "+49 170 5550123", Preferred: true}, {Label: model.Work, Value: "030 98765-43"}}
	wantEmails := []model.Contact{{Label: model.Other, Value: "ngozi@example.com", Preferred: true}, {Label: model.Work, Value: "n.okafor@bakery.example"}}
	wantAddr := model.Address{Street: "Oranienstraße 12\nHinterhaus", Postcode: "10999", Town: "Berlin", Country: "Germany"}
	if !sameContacts(got.Phones, wantPhones) || !sameContacts(got.Emails, wantEmails) || got.Address != wantAddr ||
		got.Phone != "+49 170 5550123" || got.Email != "ngozi@example.com" {
		t.Fatalf("imported:\nphones %+v\nemails %+v\naddress %+v", got.Phones, got.Emails, got.Address)
	}
	vcf := mustExport(t, s, interchange.FormatVCard)
	for _, line := range []string{"TEL;TYPE=CELL;PREF=1:+49 170 5550123\r\n", "TEL;TYPE=HOME:+49 30 1234567\r\n", "TEL;TYPE=WORK:030 98765-43\r\n",
		"EMAIL;PREF=1:ngozi@example.com\r\n", "EMAIL;TYPE=WORK:n.okafor@bakery.example\r\n", "ADR:;;Oranienstraße 12\\nHinterhaus;Berlin;;10999;Germany\r\n"} {
		if !bytes.Contains(vcf, []byte(line)) {
			t.Errorf("the card has no %q:\n%s", line, vcf)
		}
	}
	for _, f := range []interchange.Format{interchange.FormatVCard, interchange.FormatJSON} {
		t.Run(string(f), func(t *testing.T) {
			b, err := interchange.Parse(bytes.NewReader(mustExport(t, s, f)), f, interchange.DefaultLimits)
			if err != nil || len(b.Errors) > 0 || len(b.Warnings) > 0 {
				t.Fatalf("%v %v %v", err, b.Errors, b.Warnings)
			}
			s2 := openIO(t)
			if _, err := s2.Import(ctx, b, store.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			back, err := s2.Customer(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !sameContacts(back.Phones, got.Phones) || !sameContacts(back.Emails, got.Emails) || back.Address != got.Address ||
				back.Phone != got.Phone || back.Email != got.Email || back.Name != got.Name || back.Birthday != got.Birthday {
				t.Fatalf("back:\n%+v\nwant\n%+v", back, got)
			}
		})
	}
}

// sameContacts compares phones or e-mails in any order.
func sameContacts(a, b []model.Contact) bool {
	key := func(l []model.Contact) map[string]model.Contact {
		m := map[string]model.Contact{}
		for _, c := range l {
			m[strings.ToLower(c.Value)] = c
		}
		return m
	}
	return len(a) == len(b) && reflect.DeepEqual(key(a), key(b))
}

// The no-doubles rule sees every phone and e-mail on both sides: a card
// that gives only the customer's home number is the customer.
func TestImportMatchesAnyContact(t *testing.T) {
	ctx := context.Background()
	s := openIO(t)
	c := &model.Customer{Name: "Anna Schmidt", Phones: []model.Contact{{Label: model.Mobile, Value: "+49 170 1111111", Preferred: true}, {Label: model.Home, Value: "030 2222222"}},
		Emails: []model.Contact{{Value: "anna@example.com", Preferred: true}, {Value: "anna@work.example"}}}
	if err := s.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, card := range []string{
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Schmidt\r\nTEL;TYPE=HOME:030 2222222\r\nEND:VCARD\r\n",
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Schmidt\r\nEMAIL:anna@work.example\r\nEND:VCARD\r\n",
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Schmidt\r\nTEL;TYPE=CELL:0151 999\r\nTEL;TYPE=WORK:+49 170 1111111\r\nEND:VCARD\r\n",
	} {
		b, err := interchange.ParseVCard(strings.NewReader(card), interchange.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Import(ctx, b, store.ImportOptions{})
		if err != nil || len(res.Added) != 0 || len(res.Skipped) != 1 {
			t.Errorf("%q: %v, added %+v", card, err, res.Added)
		}
	}
}
