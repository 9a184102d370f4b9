package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func testBox(w, h int) *textBox {
	t := newTextBox(DefaultKeyMap().Text, DefaultStyles(true).Textarea)
	t.SetWidth(w) // no prompt
	t.SetHeight(h)
	t.Focus()
	return &t
}

// lines is the box's text as wrapped.
func (t *textBox) lines() []string {
	var ls []string
	for k := range t.starts {
		ls = append(ls, strings.TrimRight(string(t.line(k)), " "))
	}
	return ls
}

func TestTextBoxWraps(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"", []string{""}},
		{"short", []string{"short"}},
		{"the quick brown fox jumps", []string{"the quick", "brown fox", "jumps"}},
		{"abcdefghijklmn", []string{"abcdefghij", "klmn"}},
		{"one\n\ntwo\n", []string{"one", "", "two", ""}},
		{"日本語のテキスト", []string{"日本語のテ", "キスト"}},
	} {
		b := testBox(10, 3)
		b.SetValue(tc.text)
		if got := b.lines(); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: lines %q, want %q", tc.text, got, tc.want)
		}
		// Typed one key at a time, it wraps the same as set at once.
		typed := testBox(10, 3)
		for _, r := range tc.text {
			if r == '\n' {
				typed.Update(keyMsg("enter"))
			} else {
				typed.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
		}
		if typed.Value() != tc.text || strings.Join(typed.lines(), "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q typed: %q as %q", tc.text, typed.Value(), typed.lines())
		}
	}
}

func TestTextBoxEdits(t *testing.T) {
	b := testBox(10, 2)
	b.SetValue("the quick brown fox")
	b.Update(keyMsg("ctrl+w"))
	if got := b.Value(); got != "the quick brown " {
		t.Fatalf("ctrl+w: %q", got)
	}
	b.Update(keyMsg("up")) // from the end of "brown " to "the quick"
	b.Update(keyMsg("ctrl+a"))
	b.Update(keyMsg("ctrl+k"))
	if got := b.Value(); got != "brown " {
		t.Fatalf("ctrl+a ctrl+k on the first line: %q", got)
	}
	b.SetValue("ab")
	b.Update(keyMsg("left"))
	b.Update(keyMsg("backspace"))
	b.Update(tea.PasteMsg{Content: "x\r\ny\tz\x1b"})
	if got := b.Value(); got != "x\ny    zb" {
		t.Fatalf("paste: %q", got)
	}
	// The cursor's line stays on screen.
	b.SetValue(strings.Repeat("word ", 40))
	if v := ansi.Strip(b.View()); strings.Count(v, "\n") != 1 || !strings.Contains(v, "word") {
		t.Fatalf("view of a long text in two lines:\n%s", v)
	}
}
