package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Week is the "This week" view: the outreach queue of birthdays,
// thank-yous owed, follow-ups due and unhappy feedback. It is a placeholder
// until the queue is built; the finished view keeps this contract: it is a
// Component, it loads off the UI loop like the list, and enter on an item
// sends OpenCustomerMsg so the root shows that customer's card.
type Week struct {
	c             *Common
	width, height int
}

// NewWeek returns the week view.
func NewWeek(c *Common) *Week { return &Week{c: c, width: 80, height: 20} }

// SetSize implements Component.
func (w *Week) SetSize(width, height int) { w.width, w.height = width, height }

// Capturing implements Component.
func (w *Week) Capturing() bool { return false }

// Update implements Component.
func (w *Week) Update(msg tea.Msg) (Component, tea.Cmd) { return w, nil }

// View implements Component.
func (w *Week) View() string {
	st := w.c.Styles
	lines := []string{
		"",
		"  " + st.WelcomeTitle.Render("This week"),
		"",
		"  " + st.Welcome.Render("The weekly outreach queue is coming here: birthdays and"),
		"  " + st.Welcome.Render("anniversaries ahead, thank-yous owed, follow-ups due and"),
		"  " + st.Welcome.Render("unhappy feedback waiting for a reply."),
		"",
		"  " + st.Subtle.Render("Until then, the list's Open column counts each customer's"),
		"  " + st.Subtle.Render("open items, and their card lists them."),
		"",
		"  " + st.Key.Render("w") + st.Subtle.Render(" or ") + st.Key.Render("tab") + st.Subtle.Render(" goes back to the customers."),
	}
	return padLines(strings.Join(lines, "\n"), w.width, w.height)
}

// ShortHelp implements Component.
func (w *Week) ShortHelp() []key.Binding { return nil }

// FullHelp implements Component.
func (w *Week) FullHelp() [][]key.Binding { return nil }
