package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day in the owner's time zone, with no time of day.
// Day arithmetic on it is immune to daylight-saving changes.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// MakeDate returns the normalized date for year, month, day (Jan 32 is Feb 1).
func MakeDate(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

func (d Date) t() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD ("" when unset).
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return MakeDate(d.Year, d.Month, d.Day+n) }

// DaysUntil returns the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.t().Sub(d.t()).Hours() / 24)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.t().Weekday() }

// Short formats d for people: "Sat 28 Nov".
func (d Date) Short() string { return d.t().Format("Mon 2 Jan") }

// Time returns midnight of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// IsLeap reports whether year is a leap year.
func IsLeap(year int) bool { return year%4 == 0 && (year%100 != 0 || year%400 == 0) }

// DaysIn returns the number of days in month of year; for February with an
// unknown year (0) it allows 29.
func DaysIn(month time.Month, year int) int {
	switch month {
	case time.February:
		if year == 0 || IsLeap(year) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// checkDay returns a message-bearing error when day does not exist.
func checkDay(year int, month time.Month, day int) error {
	if month < 1 || month > 12 {
		return Errorf(EINVALID, "there is no month %d: months go from 01 to 12", int(month))
	}
	if day < 1 {
		return Errorf(EINVALID, "there is no day %d: days start at 01", day)
	}
	if n := DaysIn(month, year); day > n {
		if month == time.February && day == 29 {
			return Errorf(EINVALID, "February %d has no day 29: %d is not a leap year", year, year)
		}
		return Errorf(EINVALID, "%s has no day %d", month, day)
	}
	return nil
}

// ParseDate reads a full date: YYYY-MM-DD, "today" or "yesterday" (relative
// to today), or MM-DD for the given month and day of today's year.
func ParseDate(s string, today Date) (Date, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "today":
		return today, nil
	case "yesterday":
		return today.AddDays(-1), nil
	case "tomorrow":
		return today.AddDays(1), nil
	case "":
		return Date{}, Errorf(EINVALID, "a date is required (YYYY-MM-DD, MM-DD, today or yesterday)")
	}
	md, err := ParseMonthDay(s)
	if err != nil {
		return Date{}, err
	}
	if md.Year == 0 {
		md.Year = today.Year
		if err := checkDay(md.Year, md.Month, md.Day); err != nil {
			return Date{}, err
		}
	}
	if md.Year < MinYear || md.Year > MaxYear {
		return Date{}, Errorf(EINVALID, "%s is out of range: a date must be between %d and %d", s, MinYear, MaxYear)
	}
	return Date{md.Year, md.Month, md.Day}, nil
}

// The years a full date may fall in: a notebook's days are within a
// lifetime of now, and a typo such as 9999 would make "in 106751 days".
const (
	MinYear = 1900
	MaxYear = 2199
)

// MonthDay is a yearly date such as a birthday: a month and day, and the
// year when it is known (0 when not).
type MonthDay struct {
	Year  int
	Month time.Month
	Day   int
}

// IsZero reports whether md is unset.
func (md MonthDay) IsZero() bool { return md.Month == 0 }

// String formats md as YYYY-MM-DD when the year is known and --MM-DD when not
// (the ISO 8601 / vCard form for a date without a year).
func (md MonthDay) String() string {
	switch {
	case md.IsZero():
		return ""
	case md.Year == 0:
		return fmt.Sprintf("--%02d-%02d", int(md.Month), md.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", md.Year, int(md.Month), md.Day)
}

// Human formats md for people: "28 Nov 1986" or "28 Nov".
func (md MonthDay) Human() string {
	if md.IsZero() {
		return ""
	}
	s := fmt.Sprintf("%d %s", md.Day, md.Month.String()[:3])
	if md.Year != 0 {
		s += fmt.Sprintf(" %d", md.Year)
	}
	return s
}

// ParseMonthDay reads YYYY-MM-DD, MM-DD or --MM-DD (no year). An empty string
// gives the zero MonthDay.
func ParseMonthDay(s string) (MonthDay, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return MonthDay{}, nil
	}
	bad := Errorf(EINVALID, "%q is not a date: use YYYY-MM-DD, or MM-DD when the year is unknown", s)
	var parts []string
	year := 0
	switch {
	case strings.HasPrefix(s, "--"):
		parts = strings.Split(s[2:], "-")
		if len(parts) != 2 {
			return MonthDay{}, bad
		}
	default:
		parts = strings.Split(s, "-")
		switch len(parts) {
		case 2:
		case 3:
			if len(parts[0]) != 4 {
				return MonthDay{}, bad
			}
			y, err := strconv.Atoi(parts[0])
			if err != nil || y < 1 {
				return MonthDay{}, bad
			}
			year = y
			parts = parts[1:]
		default:
			return MonthDay{}, bad
		}
	}
	if len(parts[0]) != 2 || len(parts[1]) != 2 {
		return MonthDay{}, bad
	}
	m, err1 := strconv.Atoi(parts[0])
	d, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || parts[0][0] == '+' || parts[1][0] == '+' {
		return MonthDay{}, bad
	}
	if err := checkDay(year, time.Month(m), d); err != nil {
		return MonthDay{}, err
	}
	return MonthDay{year, time.Month(m), d}, nil
}

// In returns the day md falls on in year. A Feb 29 date falls on Feb 28 in a
// year that is not a leap year: the day is kept within February, so a card
// for a leap-day birthday goes out in the right month.
func (md MonthDay) In(year int) Date {
	if md.Month == time.February && md.Day == 29 && !IsLeap(year) {
		return Date{year, time.February, 28}
	}
	return Date{year, md.Month, md.Day}
}

// Next returns the first day on or after from on which md falls.
func (md MonthDay) Next(from Date) Date {
	d := md.In(from.Year)
	if d.Before(from) {
		d = md.In(from.Year + 1)
	}
	return d
}

// AgeOn returns the age (or number of years, for an anniversary) reached on
// day, and false when the year is unknown.
func (md MonthDay) AgeOn(day Date) (int, bool) {
	if md.Year == 0 || md.IsZero() {
		return 0, false
	}
	age := day.Year - md.Year
	if day.Before(md.In(day.Year)) {
		age--
	}
	return age, true
}

// ShortIn formats d for people, with the year only when it is not today's:
// "Sat 28 Nov", "Thu 11 Sep 2025".
func (d Date) ShortIn(today Date) string {
	if d.Year == today.Year {
		return d.Short()
	}
	return d.t().Format("Mon 2 Jan 2006")
}
