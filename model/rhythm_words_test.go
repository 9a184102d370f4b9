package model

import "testing"

func TestRhythmWords(t *testing.T) {
	for _, tc := range []struct {
		days float64
		want string
	}{
		{1, "every few days"},
		{3.5, "every few days"},
		{4, "about every week"},
		{7, "about every week"},
		{10, "about every week"},
		{11, "about every two weeks"},
		{14, "about every two weeks"},
		{21, "about every three weeks"},
		{27.5, "about every four weeks"},
		{31, "about every four weeks"},
		{35, "about every five weeks"},
		{42, "about every six weeks"},
		{45, "about every six weeks"},
		{46, "about every two months"},
		{61, "about every two months"},
		{91, "about every three months"},
		{150, "about every five months"},
		{400, "about every 13 months"},
	} {
		if got := RhythmWords(tc.days); got != tc.want {
			t.Errorf("RhythmWords(%v) = %q, want %q", tc.days, got, tc.want)
		}
	}
}
