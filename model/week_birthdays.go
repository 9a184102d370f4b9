package model

import (
	"fmt"
	"strconv"
)

// YearlyItems: a birthday or anniversary in the window ahead. The id holds
// the year it falls in, so next year's is a new item.
func (r WeekRules) YearlyItems(today Date, kind Kind, cs []YearlyCandidate) []Item {
	_, end := r.Ahead(today)
	var out []Item
	for _, c := range cs {
		if c.Date.IsZero() {
			continue
		}
		on := c.Date.Next(today)
		if on.After(end) {
			continue
		}
		var reason string
		var turning int
		age, known := c.Date.AgeOn(on)
		switch {
		case kind == KindBirthday && known:
			turning = age
			reason = "turns " + strconv.Itoa(age) + " on " + on.short()
		case kind == KindBirthday:
			reason = "birthday on " + on.short()
		case known && age > 0:
			reason = fmt.Sprintf("%s anniversary on %s", Ordinal(age), on.short())
		default:
			reason = "anniversary on " + on.short()
		}
		out = append(out, Item{
			ID: ItemID(kind, c.CustomerID, strconv.Itoa(on.Year)), Kind: kind,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: reason, Due: on, Age: turning,
		})
	}
	return out
}

// Ordinal writes n as "1st", "2nd", "3rd", "11th", "22nd".
func Ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}
