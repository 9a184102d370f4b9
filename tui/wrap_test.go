package tui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// wrap skips lipgloss.Wrap for a single line that fits; it must give what
// lipgloss.Wrap gives, for plain and styled text, wide and combined
// characters, runs of spaces, hyphens and tabs, at every width.
func TestWrapIsLipglossWrap(t *testing.T) {
	st := DefaultStyles(true)
	styles := []lipgloss.Style{st.Label, st.AskAbout, st.Subtle, st.Unhappy, st.PrivateMark, st.Birthday}
	pieces := []string{"oat", "flat white", "Germany", "naïve", "e\u0301", "東京", "喫茶店", "☕", "👩‍👩‍👧", "4.50", "—", "a-b-c",
		"Donaudampfschifffahrt", " ", "  ", "   ", "-", "\t", "[", "]", "·", "★★★☆☆"}
	r := rand.New(rand.NewPCG(1, 2))
	fits, checked := 0, 0
	for range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(10) {
			p := pieces[r.IntN(len(pieces))]
			if r.IntN(4) == 0 {
				p = styles[r.IntN(len(styles))].Render(p)
			}
			b.WriteString(p)
			if r.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		s := b.String()
		for _, w := range []int{1, 3, 8, 15, 30, 60, 100} {
			checked++
			if !strings.ContainsAny(s, "\n\t") && lipgloss.Width(s) <= w {
				fits++
			}
			if got, want := wrap(s, w), lipgloss.Wrap(s, w, " "); got != want {
				t.Fatalf("wrap(%q, %d) = %q, lipgloss.Wrap gives %q", s, w, got, want)
			}
		}
	}
	if fits < checked/4 {
		t.Fatalf("only %d of %d cases fit their width", fits, checked)
	}
}
