package model

import "fmt"

// Countdown says when a yearly date comes next, for a talking-points card:
// "today, turns 40", "in 5 days (Sat 28 Nov), turns 40", "in 3 months (14 Feb)".
// noun is what the age counts: "turns" for a birthday, "years" for an
// anniversary.
func Countdown(md MonthDay, today Date, anniversary bool) string {
	if md.IsZero() {
		return ""
	}
	next := md.Next(today)
	days := today.DaysUntil(next)
	var when string
	switch {
	case days == 0:
		when = "today"
	case days == 1:
		when = "tomorrow (" + next.Short() + ")"
	case days < 45:
		when = fmt.Sprintf("in %d days (%s)", days, next.Short())
	default:
		when = fmt.Sprintf("in %d months (%d %s)", (days+15)/30, next.Day, next.Month.String()[:3])
	}
	if age, ok := md.AgeOn(next); ok {
		if anniversary {
			return fmt.Sprintf("%s, %d years", when, age)
		}
		return fmt.Sprintf("%s, turns %d", when, age)
	}
	return when
}
