package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"regulars/model"
)

// clean makes notebook text safe to draw on one line. Every piece of stored
// text passes through it (or cleanLines) where it is drawn.
func clean(s string) string { return model.Sanitize(s) }

// cleanLines is clean for text whose line breaks matter (notes).
func cleanLines(s string) string { return model.SanitizeMultiline(s) }

// fit cuts s to width cells, ending in "…" when cut, and pads it to width.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > width {
		s = ansi.Truncate(s, width, "…")
	}
	if n := width - ansi.StringWidth(s); n > 0 {
		s += strings.Repeat(" ", n)
	}
	return s
}

// cut cuts s to at most width cells without padding.
func cut(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > width {
		return ansi.Truncate(s, width, "…")
	}
	return s
}

// fitRight right-aligns s in width cells.
func fitRight(s string, width int) string {
	if ansi.StringWidth(s) > width {
		return cut(s, width)
	}
	return strings.Repeat(" ", width-ansi.StringWidth(s)) + s
}

// ago says how long ago day was, the way people say it at the counter.
func ago(day, today model.Date) string {
	if day.IsZero() {
		return "never"
	}
	n := day.DaysUntil(today)
	switch {
	case n < 0:
		return day.Short()
	case n == 0:
		return "today"
	case n == 1:
		return "yesterday"
	case n < 14:
		return fmt.Sprintf("%d days ago", n)
	case n < 60:
		return fmt.Sprintf("%d wk ago", n/7)
	case n < 365:
		return fmt.Sprintf("%d mo ago", n/30)
	}
	return fmt.Sprintf("%d yr ago", n/365)
}

// birthdayWindow is how far ahead the list marks a birthday.
const birthdayWindow = 14

// daysToBirthday returns the days until md next falls, from today.
func daysToBirthday(md model.MonthDay, today model.Date) int {
	return today.DaysUntil(md.Next(today))
}

// birthdayMark is the list's short marker for a birthday within two weeks.
func birthdayMark(md model.MonthDay, today model.Date) string {
	if md.IsZero() {
		return ""
	}
	switch n := daysToBirthday(md, today); {
	case n == 0:
		return "bday today"
	case n == 1:
		return "bday tmrw"
	case n <= birthdayWindow:
		return fmt.Sprintf("bday %dd", n)
	}
	return ""
}

// birthdayLine is the card's birthday talking point: "28 Nov, in 5 days,
// turns 40".
func birthdayLine(md model.MonthDay, today model.Date) string {
	if md.IsZero() {
		return ""
	}
	next := md.Next(today)
	n := today.DaysUntil(next)
	s := md.Human()
	if md.Year != 0 {
		s = fmt.Sprintf("%d %s", md.Day, md.Month.String()[:3])
	}
	switch {
	case n == 0:
		s += ", today!"
	case n == 1:
		s += ", tomorrow"
	default:
		s += fmt.Sprintf(", in %d days", n)
	}
	if age, ok := md.AgeOn(next); ok {
		if n == 0 {
			s += fmt.Sprintf(", turns %d", age)
		} else {
			now, _ := md.AgeOn(today)
			s += fmt.Sprintf(", turns %d (now %d)", age, now)
		}
	}
	return s
}

// plural writes "1 visit" or "3 visits".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// thousands writes 100000 as "100,000".
func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// joinRow lays cells out left to right, separated by one space.
func joinRow(cells ...string) string { return strings.Join(cells, " ") }

// padLines makes s exactly height lines of width cells, so that a component
// fills its box and the screen does not jump.
func padLines(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if w := lipgloss.Width(l); w > width {
			lines[i] = ansi.Truncate(l, width, "")
		} else if w < width {
			lines[i] = l + strings.Repeat(" ", width-w)
		}
	}
	for len(lines) < height {
		lines = append(lines, strings.Repeat(" ", width))
	}
	return strings.Join(lines, "\n")
}
