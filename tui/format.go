package tui

import (
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

// wrapWords wraps s at spaces only, so that "YYYY-MM-DD" or a date is never
// split at its hyphens; a word wider than width is cut hard.
func wrapWords(s string, width int) string {
	if width <= 0 {
		return s
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case ansi.StringWidth(line)+1+ansi.StringWidth(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
		for ansi.StringWidth(line) > width {
			lines = append(lines, ansi.Cut(line, 0, width))
			line = ansi.Cut(line, width, ansi.StringWidth(line))
		}
	}
	return strings.Join(append(lines, line), "\n")
}
