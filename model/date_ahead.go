package model

import "strings"

// ParseDateAhead reads a date that looks ahead — when to ask about a note,
// when a thank-you is due — as ParseDate does, except that a month and day
// without a year is the next such day: "01-15" typed in November is the
// coming 15 January, not last January, and "02-29" the next 29 February.
// Today itself is today.
func ParseDateAhead(s string, today Date) (Date, error) {
	if !yearless(s) {
		return ParseDate(s, today)
	}
	md, err := ParseMonthDay(s)
	if err != nil {
		return Date{}, err
	}
	// A 29 February is at most eight years away (1896 to 1904, 2096 to 2104).
	for y := today.Year; y <= today.Year+8; y++ {
		if checkDay(y, md.Month, md.Day) != nil {
			continue
		}
		if d := (Date{y, md.Month, md.Day}); !d.Before(today) {
			return d, nil
		}
	}
	return Date{}, Errorf(EINVALID, "%q is not a date: use YYYY-MM-DD, or MM-DD", s)
}

// yearless reports whether s is a month and day alone (MM-DD or --MM-DD).
func yearless(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "--")
	return len(s) == 5 && s[2] == '-'
}
