package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes untrusted text safe to draw on a terminal on one line: every
// control character (C0, DEL, C1), escape sequence introducer, and bidi
// override or isolate is replaced, so stored text can never move the cursor,
// recolour the screen, set the window title or reach the clipboard. Line
// breaks and tabs become spaces; invalid UTF-8 becomes U+FFFD. Sanitizing
// twice gives the same result as once.
func Sanitize(s string) string { return sanitize(s, false) }

// SanitizeMultiline is Sanitize but keeps line breaks ("\n"); "\r\n" and a
// lone "\r" become "\n".
func SanitizeMultiline(s string) string { return sanitize(s, true) }

func sanitize(s string, multiline bool) string {
	if isClean(s, multiline) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			b.WriteRune(utf8.RuneError)
			i++
			continue
		}
		i += size
		switch {
		case r == '\r':
			if multiline {
				if i < len(s) && s[i] == '\n' {
					continue // \r\n → \n
				}
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\n':
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t':
			b.WriteByte(' ')
		case unsafeRune(r):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isClean(s string, multiline bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			if c == '\n' && multiline {
				continue
			}
			return false
		}
		if c >= 0x80 {
			// Fall back to the rune-level check for non-ASCII text.
			for _, r := range s[i:] {
				if r == utf8.RuneError || unsafeRune(r) || r == '\r' || r == '\t' || (r == '\n' && !multiline) {
					return false
				}
			}
			return utf8.ValidString(s[i:])
		}
	}
	return true
}

// unsafeRune reports runes that must never reach a terminal as they are.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f: // C0, DEL, C1
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c: // bidi controls
		return true
	case r == 0xfeff, r >= 0xfff9 && r <= 0xfffb: // BOM, interlinear annotations
		return true
	}
	return !unicode.IsPrint(r) && !unicode.IsSpace(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Me, r) && r != 0x200d
}
