package model_test

import (
	"strings"
	"testing"

	"regulars/model"
)

func TestParseAddress(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want model.Address
		err  string
	}{
		{in: "Hauptstr. 5, 10115 Berlin", want: model.Address{Street: "Hauptstr. 5", Postcode: "10115", Town: "Berlin"}},
		{in: "  Hauptstr. 5 ,  10115   Berlin  ", want: model.Address{Street: "Hauptstr. 5", Postcode: "10115", Town: "Berlin"}},
		{in: "Hauptstr. 5, 10115 Berlin, Germany", want: model.Address{Street: "Hauptstr. 5", Postcode: "10115", Town: "Berlin", Country: "Germany"}},
		{in: "Flat 3, 12 High St, SW1A 1AA London, United Kingdom", want: model.Address{Street: "Flat 3\n12 High St", Postcode: "SW1A 1AA", Town: "London", Country: "United Kingdom"}},
		{in: "Rue de Rivoli 1, 75001 Paris", want: model.Address{Street: "Rue de Rivoli 1", Postcode: "75001", Town: "Paris"}},
		{in: "12 High St, London", want: model.Address{Street: "12 High St", Town: "London"}},
		{in: "Flat 3, 12 High St, London", want: model.Address{Street: "Flat 3\n12 High St", Town: "London"}},
		{in: "10115 Berlin", want: model.Address{Postcode: "10115", Town: "Berlin"}},
		{in: "Hauptstr. 5", want: model.Address{Street: "Hauptstr. 5"}},
		{in: "", want: model.Address{}},
		{in: " , ", want: model.Address{}},
		{in: "a, b, c, d, e, 10115 Berlin", err: "at most 4 lines"},
	} {
		got, err := model.ParseAddress(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(model.ErrorMessage(err), tt.err) {
				t.Errorf("ParseAddress(%q): err %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseAddress(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseAddress(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func TestParseContactFlag(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want model.Contact
		err  string
	}{
		{in: "mobile:+49 170 1234567", want: model.Contact{Label: model.Mobile, Value: "+49 170 1234567"}},
		{in: "Work: 030 1234", want: model.Contact{Label: model.Work, Value: "030 1234"}},
		{in: "030 1234", want: model.Contact{Label: model.Other, Value: "030 1234"}},
		{in: "home:anna@example.com", want: model.Contact{Label: model.Home, Value: "anna@example.com"}},
		{in: "anna@example.com", want: model.Contact{Label: model.Other, Value: "anna@example.com"}},
		{in: "tel:030 1234", err: `"tel" is not a label`},
		{in: "mobile:", err: "nothing after"},
	} {
		got, err := model.ParseContactFlag(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(model.ErrorMessage(err), tt.err) {
				t.Errorf("ParseContactFlag(%q): err %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseContactFlag(%q) = %#v, %v; want %#v", tt.in, got, err, tt.want)
		}
	}
}
