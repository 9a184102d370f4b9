package model_test

import (
	"strings"
	"testing"

	"regulars/model"
)

func TestCustomerValidate(t *testing.T) {
	for _, tc := range []struct {
		c    model.Customer
		want string
	}{
		{model.Customer{Name: ""}, "a customer needs a name"},
		{model.Customer{Name: "A", Email: "x"}, `e-mail "x" has no @`},
		{model.Customer{Name: "A", Phone: "call me"}, `phone "call me" has no digits`},
		{model.Customer{Name: "A", Birthday: model.MonthDay{Year: 2025, Month: 2, Day: 29}}, "birthday: February 2025 has no day 29: 2025 is not a leap year"},
		{model.Customer{Name: "A", Anniversary: model.MonthDay{Month: 4, Day: 31}}, "anniversary: April has no day 31"},
		{model.Customer{Name: "A", Tags: []string{"a,b"}}, `tag "a,b" may not contain a comma`},
		{model.Customer{Name: "A", Usual: strings.Repeat("x", model.MaxFieldLen+1)}, "usual order is too long: 1001 characters, at most 1000"},
		{model.Customer{Name: "A\xff"}, "name is not valid UTF-8 text"},
	} {
		if got := model.ErrorMessage(tc.c.Validate()); got != tc.want {
			t.Errorf("Validate(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
	c := model.Customer{Name: " Anna ", Tags: []string{"VIP", "vip ", "", "Regular"}}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Name != "Anna" || strings.Join(c.Tags, ",") != "vip,regular" {
		t.Fatalf("normalized to %+v", c)
	}
}

func TestRecordValidate(t *testing.T) {
	day := model.MakeDate(2026, 1, 1)
	for name, tc := range map[string]struct {
		err  error
		want string
	}{
		"note empty":    {(&model.Note{Text: " \n "}).Validate(), "a note needs some text"},
		"note huge":     {(&model.Note{Text: strings.Repeat("a", model.MaxNoteLen+1)}).Validate(), "note is too long: 20001 characters, at most 20000"},
		"note newlines": {(&model.Note{Text: "a\nb"}).Validate(), ""},
		"rating 6":      {(&model.Feedback{On: day, Rating: 6}).Validate(), "a rating of 6 is out of range: ratings go from 1 to 5"},
		"visit no day":  {(&model.Visit{}).Validate(), "a visit needs a date"},
		"thanks reason": {(&model.ThankYou{Due: day}).Validate(), "a thank-you needs a reason"},
		"channel":       {(&model.Outreach{On: day, Channel: "fax"}).Validate(), `"fax" is not a channel: use card, call, email, message or in-person`},
	} {
		if got := model.ErrorMessage(tc.err); got != tc.want {
			t.Errorf("%s: %q, want %q", name, got, tc.want)
		}
	}
	for _, s := range []string{"in-person", "In Person", "inperson"} {
		if c, err := model.ParseChannel(s); err != nil || c != model.InPerson {
			t.Errorf("ParseChannel(%q) = %q, %v", s, c, err)
		}
	}
}

func FuzzParseRating(f *testing.F) {
	for _, s := range []string{"1", "5", "4/5", "6", "0", "-1", "3.5", "", "99999999999999999999", " 2 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := model.ParseRating(s)
		if err != nil {
			if model.ErrorCode(err) != model.EINVALID || model.ErrorMessage(err) == "" {
				t.Fatalf("error without a message: %v", err)
			}
			return
		}
		if n < 1 || n > 5 {
			t.Fatalf("%q → %d accepted", s, n)
		}
	})
}

// Names made only of characters that show nothing are no name at all.
func TestCustomerInvisibleName(t *testing.T) {
	for _, name := range []string{
		"\u3164",             // Hangul filler
		"\u2800\u2800",       // braille blank
		"\u200b\u200c\u200d", // zero-width space and joiners
		"\u202e\u2066",       // bidi override and isolate
		"\ufeff",             // byte-order mark
		"\u0301\u0308",       // combining marks alone
		"\u115f\u1160\uffa0", // more fillers
		" \u00a0\u2003 ",     // spaces
	} {
		c := model.Customer{Name: name}
		if got, want := model.ErrorMessage(c.Validate()), "a customer needs a name"; got != want {
			t.Errorf("Validate(%q) = %q, want %q", name, got, want)
		}
	}
	for _, name := range []string{"Zoë", "李雷", "José\u0301", "A\u200dB", "🙂 Sam"} {
		c := model.Customer{Name: name}
		if err := c.Validate(); err != nil {
			t.Errorf("Validate(%q) = %v, want ok", name, err)
		}
	}
}

// A birthday or anniversary cannot lie in the future.
func TestCustomerCheckDates(t *testing.T) {
	today := model.MakeDate(2026, 11, 29)
	for _, tc := range []struct {
		c    model.Customer
		want string
	}{
		{model.Customer{Name: "A", Birthday: model.MonthDay{Year: 2027, Month: 1, Day: 5}}, "birthday 2027-01-05 is in the future"},
		{model.Customer{Name: "A", Birthday: model.MonthDay{Year: 9999, Month: 12, Day: 31}}, "birthday 9999-12-31 is in the future"},
		{model.Customer{Name: "A", Anniversary: model.MonthDay{Year: 2026, Month: 11, Day: 30}}, "anniversary 2026-11-30 is in the future"},
		{model.Customer{Name: "A", Birthday: model.MonthDay{Year: 2026, Month: 11, Day: 29}}, ""},
		{model.Customer{Name: "A", Birthday: model.MonthDay{Month: 12, Day: 31}}, ""},
		{model.Customer{Name: "A", Birthday: model.MonthDay{Year: 1950, Month: 2, Day: 1}}, ""},
	} {
		if got := model.ErrorMessage(tc.c.CheckDates(today)); got != tc.want {
			t.Errorf("CheckDates(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

// A day the notebook acts on is a day in a sensible range.
func TestParseTodayRange(t *testing.T) {
	today := model.MakeDate(2026, 11, 29)
	for _, s := range []string{"9999-12-31", "0001-01-01", "1850-01-01", "2300-01-01"} {
		if _, err := model.ParseDate(s, today); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		} else if got := model.ErrorMessage(err); !strings.Contains(got, "between 1900 and 2199") {
			t.Errorf("ParseDate(%q) = %q, want it to name the range", s, got)
		}
	}
	if _, err := model.ParseDate("1900-01-01", today); err != nil {
		t.Error(err)
	}
}
