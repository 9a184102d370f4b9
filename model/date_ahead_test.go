package model_test

import (
	"testing"

	"regulars/model"
)

func TestParseDateAhead(t *testing.T) {
	nov := model.MakeDate(2026, 11, 29)
	for _, tc := range []struct {
		in    string
		today model.Date
		want  string
	}{
		{"01-15", nov, "2027-01-15"},
		{"--01-05", nov, "2027-01-05"},
		{"12-01", nov, "2026-12-01"},
		{"11-29", nov, "2026-11-29"}, // today is today
		{"11-28", nov, "2027-11-28"},
		{"2026-01-15", nov, "2026-01-15"}, // a year given is kept, past or not
		{"today", nov, "2026-11-29"},
		{"yesterday", nov, "2026-11-28"},
		{"02-29", model.MakeDate(2025, 3, 1), "2028-02-29"}, // the next 29 February
	} {
		got, err := model.ParseDateAhead(tc.in, tc.today)
		if err != nil || got.String() != tc.want {
			t.Errorf("ParseDateAhead(%q, %s) = %s, %v; want %s", tc.in, tc.today, got, err, tc.want)
		}
	}
	if _, err := model.ParseDateAhead("02-30", nov); err == nil {
		t.Error("02-30 accepted")
	}
}
