package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The notebook's words: how long ago, how many, how soon a birthday comes.
// The command line and the interface both say things this way, so a
// customer's card reads the same wherever it is shown.

// Ago says how long before today d was, the way people say it at the
// counter: "today", "yesterday", "5 days ago", "3 wk ago", "4 mo ago" (up to
// two years, so that 20 months is not "1 yr ago"), "2 yr ago". A day after
// today reads "tomorrow" or "in 3 days"; an unset day is "never".
func Ago(d, today Date) string {
	if d.IsZero() {
		return "never"
	}
	n := d.DaysUntil(today)
	switch {
	case n < -1:
		return fmt.Sprintf("in %d days", -n)
	case n == -1:
		return "tomorrow"
	case n == 0:
		return "today"
	case n == 1:
		return "yesterday"
	case n < 14:
		return fmt.Sprintf("%d days ago", n)
	case n < 60:
		return fmt.Sprintf("%d wk ago", n/7)
	case n < 730:
		return fmt.Sprintf("%d mo ago", n/30)
	}
	return fmt.Sprintf("%d yr ago", n/365)
}

// Plural writes a count and its noun: "1 visit", "3 visits",
// "1,204 customers".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Thousands(int64(n)) + " " + many
}

// Clip shortens s to one line of at most n characters, ending in "…" when
// it was cut; runs of spaces and line breaks become one space.
func Clip(s string, n int) string {
	if len(s) <= n && oneTidyLine(s) {
		return s // the common case, without allocating
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// oneTidyLine reports whether s is plain ASCII on one line with single
// spaces and none at either end: what Clip would leave as it is.
func oneTidyLine(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		case c < ' ' || c >= 0x80:
			return false
		}
	}
	return true
}

// BirthdayWindow is how many days ahead a birthday counts as coming up: the
// list marks it and the card highlights it.
const BirthdayWindow = 14

// DaysTo returns the days from today until md next falls (0 when it is
// today).
func DaysTo(md MonthDay, today Date) int { return today.DaysUntil(md.Next(today)) }

// BirthdaySoon reports whether md falls within BirthdayWindow days.
func BirthdaySoon(md MonthDay, today Date) bool {
	return !md.IsZero() && DaysTo(md, today) <= BirthdayWindow
}

// Until says how soon a day n days ahead comes: "today", "tomorrow",
// "in 5 days", and from 45 days on "in 3 months".
func Until(n int) string {
	switch {
	case n <= 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n < 45:
		return fmt.Sprintf("in %d days", n)
	}
	return fmt.Sprintf("in %d months", (n+15)/30)
}

// turns says what a yearly date brings on day: "turns 40" for a birthday,
// "17 years" for an anniversary; false when the year is unknown.
func turns(md MonthDay, day Date, anniversary bool) (string, bool) {
	age, ok := md.AgeOn(day)
	switch {
	case !ok:
		return "", false
	case anniversary:
		return fmt.Sprintf("%d years", age), true
	}
	return fmt.Sprintf("turns %d", age), true
}

// Countdown says when a yearly date comes next, after the date itself on a
// talking point: "today, turns 40", "in 5 days (Sat 28 Nov), turns 40",
// "in 3 months, 17 years". Within 45 days the weekday is worth saying; past
// that the date before it says it all.
func Countdown(md MonthDay, today Date, anniversary bool) string {
	if md.IsZero() {
		return ""
	}
	next := md.Next(today)
	days := today.DaysUntil(next)
	when := Until(days)
	if days > 0 && days < 45 {
		when += " (" + next.Short() + ")"
	}
	if t, ok := turns(md, next, anniversary); ok {
		return when + ", " + t
	}
	return when
}

// BirthdayLine is the talking-points card's birthday: the day, how soon,
// and the age: "28 Nov, in 5 days, turns 40 (now 39)", "28 Nov, today,
// turns 40".
func BirthdayLine(md MonthDay, today Date) string {
	if md.IsZero() {
		return ""
	}
	next := md.Next(today)
	days := today.DaysUntil(next)
	s := fmt.Sprintf("%d %s, %s", md.Day, md.Month.String()[:3], Until(days))
	if t, ok := turns(md, next, false); ok {
		s += ", " + t
		if days > 0 {
			now, _ := md.AgeOn(today)
			s += fmt.Sprintf(" (now %d)", now)
		}
	}
	return s
}

// BirthdayMark is the list's short mark for a birthday coming up: "bday
// today", "bday tmrw", "bday 5d"; "" when it is further off.
func BirthdayMark(md MonthDay, today Date) string {
	if !BirthdaySoon(md, today) {
		return ""
	}
	switch n := DaysTo(md, today); n {
	case 0:
		return "bday today"
	case 1:
		return "bday tmrw"
	default:
		return fmt.Sprintf("bday %dd", n)
	}
}

// Thousands writes n with commas between the thousands: 12,345.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Signed puts who wrote a record before when: "Maya, Tue 1 Dec". The
// owner's own records are unsigned: just when.
func Signed(author, when string) string {
	if author == "" {
		return when
	}
	return author + ", " + when
}
