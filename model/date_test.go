package model_test

import (
	"testing"
	"time"

	"regulars/model"
)

var today = model.MakeDate(2026, 11, 23)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{in: "2026-12-01", want: "2026-12-01"},
		{in: "12-01", want: "2026-12-01"},
		{in: "--12-01", want: "2026-12-01"},
		{in: "today", want: "2026-11-23"},
		{in: " Yesterday ", want: "2026-11-22"},
		{in: "2024-02-29", want: "2024-02-29"},
		{in: "2026-02-29", err: "February 2026 has no day 29: 2026 is not a leap year"},
		{in: "02-30", err: "February has no day 30"},
		{in: "2026-13-01", err: "there is no month 13: months go from 01 to 12"},
		{in: "2026-04-31", err: "April has no day 31"},
		{in: "2026-1-1", err: `"2026-1-1" is not a date: use YYYY-MM-DD, or MM-DD when the year is unknown`},
		{in: "1/12/2026", err: `"1/12/2026" is not a date: use YYYY-MM-DD, or MM-DD when the year is unknown`},
		{in: "", err: "a date is required (YYYY-MM-DD, MM-DD, today or yesterday)"},
		{in: "+1-+2", err: `"+1-+2" is not a date: use YYYY-MM-DD, or MM-DD when the year is unknown`},
	} {
		got, err := model.ParseDate(tc.in, today)
		if tc.err != "" {
			if model.ErrorMessage(err) != tc.err || model.ErrorCode(err) != model.EINVALID {
				t.Errorf("ParseDate(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got.String() != tc.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestParseMonthDay(t *testing.T) {
	for in, want := range map[string]model.MonthDay{
		"1986-11-28": {1986, time.November, 28},
		"11-28":      {0, time.November, 28},
		"--11-28":    {0, time.November, 28},
		"02-29":      {0, time.February, 29}, // a leap-day birthday without a year is allowed
		"":           {},
	} {
		got, err := model.ParseMonthDay(in)
		if err != nil || got != want {
			t.Errorf("ParseMonthDay(%q) = %v, %v; want %v", in, got, err, want)
		}
		if in != "" {
			back, err := model.ParseMonthDay(got.String())
			if err != nil || back != got {
				t.Errorf("round trip of %q through %q: %v, %v", in, got.String(), back, err)
			}
		}
	}
}

func TestNextAndAge(t *testing.T) {
	leap := model.MonthDay{Year: 1988, Month: time.February, Day: 29}
	for _, tc := range []struct {
		md      model.MonthDay
		from    model.Date
		next    string
		age     int
		ageKnow bool
	}{
		{model.MonthDay{1986, 11, 28}, today, "2026-11-28", 40, true},
		{model.MonthDay{1986, 11, 23}, today, "2026-11-23", 40, true}, // today counts
		{model.MonthDay{0, 11, 22}, today, "2027-11-22", 0, false},    // just passed
		{model.MonthDay{0, 1, 2}, model.MakeDate(2026, 12, 28), "2027-01-02", 0, false},
		// Feb 29 falls on Feb 28 in a year that is not a leap year.
		{leap, model.MakeDate(2027, 2, 1), "2027-02-28", 39, true},
		{leap, model.MakeDate(2027, 3, 1), "2028-02-29", 40, true},
		{leap, model.MakeDate(2028, 2, 29), "2028-02-29", 40, true},
		{leap, model.MakeDate(2100, 1, 1), "2100-02-28", 112, true}, // 2100 is not a leap year
	} {
		next := tc.md.Next(tc.from)
		if next.String() != tc.next {
			t.Errorf("%v.Next(%v) = %v, want %s", tc.md, tc.from, next, tc.next)
		}
		age, ok := tc.md.AgeOn(next)
		if age != tc.age || ok != tc.ageKnow {
			t.Errorf("%v.AgeOn(%v) = %d, %v; want %d, %v", tc.md, next, age, ok, tc.age, tc.ageKnow)
		}
	}
	// The day before a leap-day birthday in a common year, the age has not
	// yet changed.
	if age, _ := leap.AgeOn(model.MakeDate(2027, 2, 27)); age != 38 {
		t.Errorf("age on 2027-02-27 = %d, want 38", age)
	}
}

func TestDateArithmeticAcrossDST(t *testing.T) {
	// Days are calendar days: a week that crosses the change of clocks is
	// still seven days.
	start := model.MakeDate(2026, 3, 26) // Europe's clocks change on 29 Mar 2026
	if got := start.AddDays(7).String(); got != "2026-04-02" {
		t.Fatalf("AddDays(7) = %s", got)
	}
	if n := start.DaysUntil(model.MakeDate(2026, 4, 2)); n != 7 {
		t.Fatalf("DaysUntil = %d, want 7", n)
	}
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data")
	}
	late := time.Date(2026, 3, 29, 23, 30, 0, 0, loc)
	if got := model.DateOf(late).String(); got != "2026-03-29" {
		t.Fatalf("DateOf = %s", got)
	}
}

func TestAgoAndCountdown(t *testing.T) {
	for d, want := range map[model.Date]string{
		today:                        "today",
		today.AddDays(-1):            "yesterday",
		today.AddDays(-5):            "5 days ago",
		today.AddDays(-21):           "3 wk ago",
		today.AddDays(-120):          "4 mo ago",
		today.AddDays(-800):          "2 yr ago",
		today.AddDays(3):             "in 3 days",
		model.MakeDate(2026, 11, 24): "tomorrow",
	} {
		if got := model.Ago(d, today); got != want {
			t.Errorf("Ago(%v) = %q, want %q", d, got, want)
		}
	}
	for _, tc := range []struct {
		md    model.MonthDay
		anniv bool
		want  string
	}{
		{model.MonthDay{1986, 11, 28}, false, "in 5 days (Sat 28 Nov), turns 40"},
		{model.MonthDay{0, 11, 23}, false, "today"},
		{model.MonthDay{0, 11, 24}, false, "tomorrow (Tue 24 Nov)"},
		{model.MonthDay{2010, 2, 14}, true, "in 3 months, 17 years"},
	} {
		if got := model.Countdown(tc.md, today, tc.anniv); got != tc.want {
			t.Errorf("Countdown(%v) = %q, want %q", tc.md, got, tc.want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-12-01", "12-01", "--02-29", "today", "2026-02-29", "", "-", "--", "9999-99-99", "0000-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := model.ParseDate(s, today)
		if err != nil {
			if model.ErrorCode(err) != model.EINVALID || model.ErrorMessage(err) == "" {
				t.Fatalf("error without a message: %v", err)
			}
			return
		}
		// A parsed date is a real day that prints and parses back the same.
		back, err := model.ParseDate(d.String(), today)
		if err != nil || back != d {
			t.Fatalf("%q → %v → %v, %v", s, d, back, err)
		}
	})
}

func TestShortIn(t *testing.T) {
	if got := model.MakeDate(2026, 11, 28).ShortIn(today); got != "Sat 28 Nov" {
		t.Errorf("this year: %q", got)
	}
	if got := model.MakeDate(2025, 9, 11).ShortIn(today); got != "Thu 11 Sep 2025" {
		t.Errorf("last year: %q", got)
	}
}
