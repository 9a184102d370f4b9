package model_test

import (
	"testing"

	"regulars/model"
)

func TestAgo(t *testing.T) {
	for _, tc := range []struct {
		day  model.Date
		want string
	}{
		{model.Date{}, "never"},
		{today.AddDays(5), "in 5 days"},
		{today.AddDays(1), "tomorrow"},
		{today, "today"},
		{today.AddDays(-1), "yesterday"},
		{today.AddDays(-13), "13 days ago"},
		{today.AddDays(-14), "2 wk ago"},
		{today.AddDays(-59), "8 wk ago"},
		{today.AddDays(-60), "2 mo ago"},
		{today.AddDays(-400), "13 mo ago"},
		{today.AddDays(-729), "24 mo ago"},
		{today.AddDays(-730), "2 yr ago"},
	} {
		if got := model.Ago(tc.day, today); got != tc.want {
			t.Errorf("Ago(%v) = %q, want %q", tc.day, got, tc.want)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{
		{0, "0 visits"},
		{1, "1 visit"},
		{2, "2 visits"},
		{1234, "1,234 visits"},
	} {
		if got := model.Plural(tc.n, "visit", "visits"); got != tc.want {
			t.Errorf("Plural(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := model.Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"one two three four", 10, "one two t…"},
		{"one two  three", 9, "one two…"},
		{"  spaced\n\tout  ", 20, "spaced out"},
		{"Chloé s'est mariée", 8, "Chloé s…"},
		{"anything", 1, "…"},
		{"anything", 0, ""},
	} {
		if got := model.Clip(tc.s, tc.n); got != tc.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}

func TestUntil(t *testing.T) {
	for n, want := range map[int]string{0: "today", 1: "tomorrow", 5: "in 5 days", 44: "in 44 days", 45: "in 2 months", 83: "in 3 months"} {
		if got := model.Until(n); got != want {
			t.Errorf("Until(%d) = %q, want %q", n, got, want)
		}
	}
}

// today is Mon 23 Nov 2026.
func TestBirthdayWords(t *testing.T) {
	for _, tc := range []struct {
		md             model.MonthDay
		line, mark     string
		soon           bool
		countdown      string
		anniversary    bool
		anniversaryOut string
	}{
		{md: model.MonthDay{}, line: "", mark: "", countdown: ""},
		{md: model.MonthDay{1986, 11, 28}, line: "28 Nov, in 5 days, turns 40 (now 39)", mark: "bday 5d", soon: true,
			countdown: "in 5 days (Sat 28 Nov), turns 40"},
		{md: model.MonthDay{1986, 11, 23}, line: "23 Nov, today, turns 40", mark: "bday today", soon: true,
			countdown: "today, turns 40"},
		{md: model.MonthDay{0, 11, 24}, line: "24 Nov, tomorrow", mark: "bday tmrw", soon: true,
			countdown: "tomorrow (Tue 24 Nov)"},
		{md: model.MonthDay{0, 12, 7}, line: "7 Dec, in 14 days", mark: "bday 14d", soon: true,
			countdown: "in 14 days (Mon 7 Dec)"},
		{md: model.MonthDay{0, 12, 8}, line: "8 Dec, in 15 days", mark: "",
			countdown: "in 15 days (Tue 8 Dec)"},
		{md: model.MonthDay{2010, 2, 14}, line: "14 Feb, in 3 months, turns 17 (now 16)", mark: "",
			countdown: "in 3 months, turns 17", anniversary: true, anniversaryOut: "in 3 months, 17 years"},
	} {
		if got := model.BirthdayLine(tc.md, today); got != tc.line {
			t.Errorf("BirthdayLine(%v) = %q, want %q", tc.md, got, tc.line)
		}
		if got := model.BirthdayMark(tc.md, today); got != tc.mark {
			t.Errorf("BirthdayMark(%v) = %q, want %q", tc.md, got, tc.mark)
		}
		if got := model.BirthdaySoon(tc.md, today); got != tc.soon {
			t.Errorf("BirthdaySoon(%v) = %v, want %v", tc.md, got, tc.soon)
		}
		if got := model.Countdown(tc.md, today, false); got != tc.countdown {
			t.Errorf("Countdown(%v) = %q, want %q", tc.md, got, tc.countdown)
		}
		if tc.anniversary {
			if got := model.Countdown(tc.md, today, true); got != tc.anniversaryOut {
				t.Errorf("Countdown(%v, anniversary) = %q, want %q", tc.md, got, tc.anniversaryOut)
			}
		}
	}
}
