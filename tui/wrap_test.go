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

// inline draws a label as the label's style draws it, in both themes, for
// plain text of every kind and for what it leaves to Render.
func TestInlineIsRender(t *testing.T) {
	pieces := []string{"Tue 1 Dec", "due Thu 27 Nov 2025", "Maya", ",", " ", "  ", "naïve", "e\u0301", "東京", "☕", "👩‍👩‍👧", "…", "-", "\t", "\n", "Latest", "Birthday"}
	r := rand.New(rand.NewPCG(3, 4))
	for _, dark := range []bool{true, false} {
		st := DefaultStyles(dark)
		for _, style := range []lipgloss.Style{st.Label, st.Subtle, st.AskAbout} {
			in := newInline(style)
			if !in.ok {
				t.Fatal("the label style is not drawn inline")
			}
			cases := []string{"", " ", "x", st.Unhappy.Render("red"), fit("Maya, Tue 1 Dec", 13), fit("Maya Lindqvist-Okafor, Tue 1 Dec", 13)}
			for range 2000 {
				var b strings.Builder
				for range 1 + r.IntN(6) {
					b.WriteString(pieces[r.IntN(len(pieces))])
				}
				cases = append(cases, b.String(), fit(b.String(), 13))
			}
			for _, s := range cases {
				if got, want := in.render(s), style.Render(s); got != want {
					t.Fatalf("inline %q = %q, Render gives %q", s, got, want)
				}
			}
		}
	}
}
