package tui

import (
	"sort"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// textBox is the note's multi-line text box. It replaces the bubbles
// textarea, which re-wraps and draws all of its text on every key and
// every frame (charmbracelet/bubbles#1023): text arriving as keystrokes,
// a paste without bracketed paste, cost 22 ms a key and 4.9 GB over
// 10,000 characters. Here the text is one slice of runes with the starts
// of its wrapped lines kept between keys; an edit re-wraps from the line
// before it (typing at the end re-wraps one line) and a frame draws only
// the lines on screen, so a key costs the same at the 10,000th character
// as at the first.
type textBox struct {
	keys   TextKeys
	styles textarea.Styles

	Prompt, Placeholder string

	value  []rune
	cursor int   // rune index in value
	starts []int // rune index where each wrapped line starts; starts[0] == 0
	col    int   // column up and down aim for; -1 for the cursor's own

	width, height int // of the text, the prompt not counted
	offset        int // first line on screen
	focused       bool
}

func newTextBox(keys TextKeys, styles textarea.Styles) textBox {
	return textBox{keys: keys, styles: styles, starts: []int{0}, col: -1, width: 40, height: 3}
}

func (t *textBox) SetStyles(s textarea.Styles) { t.styles = s }

// SetWidth sets the width with the prompt.
func (t *textBox) SetWidth(w int) {
	w = max(w-ansi.StringWidth(t.Prompt), 1)
	if w != t.width {
		t.width = w
		t.rewrap(0)
	}
}

func (t *textBox) SetHeight(h int) { t.height = max(h, 1); t.scroll() }

func (t *textBox) Focus() tea.Cmd { t.focused = true; return nil }
func (t *textBox) Blur()          { t.focused = false }

// Value is the text.
func (t *textBox) Value() string { return string(t.value) }

// SetValue replaces the text and puts the cursor at its end.
func (t *textBox) SetValue(s string) {
	t.value = []rune(sanitizeTyped(s))
	t.cursor = len(t.value)
	t.col = -1
	t.rewrap(0)
}

// sanitizeTyped is what may be typed or pasted: line breaks as \n, tabs as
// spaces, no other control characters.
func sanitizeTyped(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", "    ").Replace(s)
	return strings.Map(func(r rune) rune {
		// U+FFFD is what a control character read from a file became:
		// dropped, as the textarea did.
		if r != '\n' && (unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\uFFFD') {
			return -1
		}
		return r
	}, s)
}

// cellWidth is a rune's width on screen.
func cellWidth(r rune) int {
	if r < 0x300 {
		return 1 // ASCII and Latin, the common case, without a lookup
	}
	var b [4]byte
	n := copy(b[:], string(r))
	return ansi.StringWidth(string(b[:n]))
}

// rewrap wraps the text again from the line before the one holding rune
// from: an edit cannot change where earlier lines break, and a word made
// shorter may move up one line at most.
func (t *textBox) rewrap(from int) {
	k := t.lineOf(from)
	k = max(k-1, 0)
	t.starts = t.starts[:k+1]
	for pos := t.starts[k]; ; {
		next := t.lineEnd(pos)
		if next < 0 {
			break
		}
		t.starts = append(t.starts, next)
		pos = next
	}
	t.scroll()
}

// lineEnd returns where the line after the one starting at pos starts, or
// -1 when the line runs to the end of the text. Lines break after a
// newline, after the last space that fits, or mid-word when a word is
// wider than the box.
func (t *textBox) lineEnd(pos int) int {
	w, lastSpace := 0, -1
	for i := pos; i < len(t.value); i++ {
		r := t.value[i]
		if r == '\n' {
			return i + 1
		}
		cw := cellWidth(r)
		if w+cw > t.width {
			switch {
			case r == ' ':
				return i + 1 // the space hangs at the end of the line
			case lastSpace >= pos:
				return lastSpace + 1
			case i == pos:
				return i + 1 // wider than the box alone
			}
			return i
		}
		if r == ' ' {
			lastSpace = i
		}
		w += cw
	}
	return -1
}

// lineOf is the wrapped line holding rune index i.
func (t *textBox) lineOf(i int) int {
	return max(sort.Search(len(t.starts), func(k int) bool { return t.starts[k] > i })-1, 0)
}

// line returns the runes of wrapped line k without its newline.
func (t *textBox) line(k int) []rune {
	end := len(t.value)
	if k+1 < len(t.starts) {
		end = t.starts[k+1]
	}
	l := t.value[t.starts[k]:end]
	if n := len(l); n > 0 && l[n-1] == '\n' {
		l = l[:n-1]
	}
	return l
}

// cursorCol is the cursor's column on its line.
func (t *textBox) cursorCol() int {
	w := 0
	for _, r := range t.value[t.starts[t.lineOf(t.cursor)]:t.cursor] {
		w += cellWidth(r)
	}
	return w
}

// scroll keeps the cursor's line on screen.
func (t *textBox) scroll() {
	row := t.lineOf(t.cursor)
	if row < t.offset {
		t.offset = row
	}
	if row >= t.offset+t.height {
		t.offset = row - t.height + 1
	}
	t.offset = max(min(t.offset, len(t.starts)-t.height), 0)
}

// insert puts s at the cursor.
func (t *textBox) insert(s string) {
	rs := []rune(sanitizeTyped(s))
	if len(rs) == 0 {
		return
	}
	at := t.cursor
	t.value = append(t.value, rs...) // room, then shift the tail
	copy(t.value[at+len(rs):], t.value[at:len(t.value)-len(rs)])
	copy(t.value[at:], rs)
	t.cursor += len(rs)
	t.rewrap(at)
}

// remove deletes the runes from i to j.
func (t *textBox) remove(i, j int) {
	i, j = max(i, 0), min(j, len(t.value))
	if i >= j {
		return
	}
	t.value = append(t.value[:i], t.value[j:]...)
	t.cursor = i
	t.rewrap(i)
}

// moveTo puts the cursor at column col of line k.
func (t *textBox) moveTo(k, col int) {
	k = max(min(k, len(t.starts)-1), 0)
	i, w := t.starts[k], 0
	for _, r := range t.line(k) {
		cw := cellWidth(r)
		if w+cw > col {
			break
		}
		w += cw
		i++
	}
	// A soft-wrapped line's hanging space is the next line's start.
	if k+1 < len(t.starts) && i >= t.starts[k+1] {
		i = t.starts[k+1] - 1
	}
	t.cursor = i
}

func (t *textBox) wordLeft() int {
	i := t.cursor
	for i > 0 && unicode.IsSpace(t.value[i-1]) {
		i--
	}
	for i > 0 && !unicode.IsSpace(t.value[i-1]) {
		i--
	}
	return i
}

func (t *textBox) wordRight() int {
	i := t.cursor
	for i < len(t.value) && unicode.IsSpace(t.value[i]) {
		i++
	}
	for i < len(t.value) && !unicode.IsSpace(t.value[i]) {
		i++
	}
	return i
}

// lineStart and lineEndAt are the cursor's line's ends (of the line as
// wrapped, as the textarea did).
func (t *textBox) lineStart() int { return t.starts[t.lineOf(t.cursor)] }

func (t *textBox) lineEndAt() int {
	k := t.lineOf(t.cursor)
	return t.starts[k] + len(t.line(k))
}

// Update takes a key or a paste.
func (t *textBox) Update(msg tea.Msg) tea.Cmd {
	if !t.focused {
		return nil
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		t.insert(msg.Content)
		t.col = -1
	case tea.KeyPressMsg:
		t.key(msg)
	}
	t.scroll()
	return nil
}

func (t *textBox) key(msg tea.KeyPressMsg) {
	k := t.keys
	keepCol := false
	switch {
	case key.Matches(msg, k.Newline):
		t.insert("\n")
	case key.Matches(msg, k.Backspace):
		t.remove(t.cursor-1, t.cursor)
	case key.Matches(msg, k.Delete):
		t.remove(t.cursor, t.cursor+1)
		t.cursor = min(t.cursor, len(t.value))
	case key.Matches(msg, k.DeleteWordBack):
		t.remove(t.wordLeft(), t.cursor)
	case key.Matches(msg, k.DeleteToLineEnd):
		at := t.cursor
		t.remove(t.cursor, max(t.lineEndAt(), t.cursor+1))
		t.cursor = at
	case key.Matches(msg, k.DeleteToLineStart):
		t.remove(t.lineStart(), t.cursor)
	case key.Matches(msg, k.Left):
		t.cursor = max(t.cursor-1, 0)
	case key.Matches(msg, k.Right):
		t.cursor = min(t.cursor+1, len(t.value))
	case key.Matches(msg, k.WordLeft):
		t.cursor = t.wordLeft()
	case key.Matches(msg, k.WordRight):
		t.cursor = t.wordRight()
	case key.Matches(msg, k.LineStart):
		t.cursor = t.lineStart()
	case key.Matches(msg, k.LineEnd):
		t.cursor = t.lineEndAt()
	case key.Matches(msg, k.Top):
		t.cursor = 0
	case key.Matches(msg, k.Bottom):
		t.cursor = len(t.value)
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown):
		if t.col < 0 {
			t.col = t.cursorCol()
		}
		row := t.lineOf(t.cursor)
		switch {
		case key.Matches(msg, k.Up):
			row--
		case key.Matches(msg, k.Down):
			row++
		case key.Matches(msg, k.PageUp):
			row -= t.height
		default:
			row += t.height
		}
		switch {
		case row < 0:
			t.cursor = 0
		case row >= len(t.starts):
			t.cursor = len(t.value)
		default:
			t.moveTo(row, t.col)
		}
		keepCol = true
	default:
		if msg.Text != "" && msg.Mod&^(tea.ModShift|tea.ModCapsLock|tea.ModNumLock) == 0 {
			t.insert(msg.Text)
		}
	}
	if !keepCol {
		t.col = -1
	}
}

// View draws the lines on screen, each after the prompt, the cursor
// reversed where it is.
func (t *textBox) View() string {
	st := t.styles.Blurred
	if t.focused {
		st = t.styles.Focused
	}
	prompt := st.Prompt.Render(t.Prompt)
	cursor := lipgloss.NewStyle().Reverse(true)
	var b strings.Builder
	if len(t.value) == 0 {
		ph := []rune(ansi.Truncate(t.Placeholder, t.width, "…"))
		for row := 0; row < t.height; row++ {
			if row > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(prompt)
			if row == 0 && len(ph) > 0 {
				if t.focused {
					b.WriteString(cursor.Inherit(st.Placeholder).Render(string(ph[0])))
					b.WriteString(st.Placeholder.Render(string(ph[1:])))
				} else {
					b.WriteString(st.Placeholder.Render(string(ph)))
				}
			}
		}
		return b.String()
	}
	crow := t.lineOf(t.cursor)
	for row := t.offset; row < t.offset+t.height; row++ {
		if row > t.offset {
			b.WriteByte('\n')
		}
		b.WriteString(prompt)
		if row >= len(t.starts) {
			continue
		}
		l := t.line(row)
		if !t.focused || row != crow {
			b.WriteString(st.Text.Render(strings.TrimRight(string(l), " ")))
			continue
		}
		at := t.cursor - t.starts[row]
		under := " "
		if at < len(l) {
			under = string(l[at])
		}
		b.WriteString(st.Text.Render(string(l[:at])))
		b.WriteString(cursor.Render(under))
		if at+1 < len(l) {
			b.WriteString(st.Text.Render(strings.TrimRight(string(l[at+1:]), " ")))
		}
	}
	return b.String()
}
