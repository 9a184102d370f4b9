package store

import (
	"math/rand/v2"
	"testing"
	"time"
)

// exportDay and exportTime read what parseDay and parseTime read, the
// same, whatever the text.
func TestExportDayAndTimeMatchParse(t *testing.T) {
	cases := []string{"", "2026-11-27", "2024-02-29", "2023-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "0001-01-01",
		"9999-12-31", "2026-1-27", "2026/11/27", "+026-11-27", "2026-11-27T10:00:00.000Z", "2026-11-27T23:59:59.999Z",
		"2026-11-27T24:00:00.000Z", "2026-11-27T10:60:00.000Z", "2026-11-27T10:00:60.000Z", "2026-02-30T10:00:00.000Z",
		"2026-11-27T10:00:00Z", "2026-11-27T10:00:00.123456789Z", "2026-11-27T10:00:00.000+01:00", "2026-11-27 10:00:00.000Z",
		"2026-11-27T1a:00:00.000Z", "1900-02-29", "2000-02-29", "2000-02-29T00:00:00.000Z"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		at := time.Date(1+rng.IntN(9998), time.Month(1+rng.IntN(12)), 1+rng.IntN(31), rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1000)*1e6, time.UTC)
		cases = append(cases, formatTime(at), at.Format(dayLayout))
		b := []byte(formatTime(at))
		b[rng.IntN(len(b))] = "0123456789-:TZ.x"[rng.IntN(16)]
		cases = append(cases, string(b), string(b[:10]))
	}
	for _, s := range cases {
		if got, want := exportDay(s), parseDay(s); got != want {
			t.Errorf("exportDay(%q) = %v, parseDay %v", s, got, want)
		}
		if got, want := exportTime(s), parseTime(s); !got.Equal(want) || got.Location() != want.Location() {
			t.Errorf("exportTime(%q) = %v, parseTime %v", s, got, want)
		}
	}
}
