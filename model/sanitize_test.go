package model_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"regulars/model"
)

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"Anna Schmidt":                  "Anna Schmidt",
		"Zoë 😀 李":                       "Zoë 😀 李",
		"\x1b[2J\x1b[HBoss":             "�[2J�[HBoss",
		"\x1b]0;pwned\x07Anna":          "�]0;pwned�Anna",
		"\x1b]52;c;ZXZpbA==\x07":        "�]52;c;ZXZpbA==�",
		"\x9b31mred":                    "�31mred", // C1 CSI
		"line1\nline2\r\n":              "line1 line2  ",
		"tab\there":                     "tab here",
		"\u202eevil\u202c":              "�evil�",
		"bad \xff byte":                 "bad � byte",
		"\x1b]8;;http://x\x1b\\link":    "�]8;;http://x�\\link",
		"e\u0301 and \U0001F469\u200d💻": "e\u0301 and \U0001F469\u200d💻",
	} {
		if got := model.Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
	if got := model.SanitizeMultiline("a\r\nb\rc\n\x1b[1m"); got != "a\nb\nc\n�[1m" {
		t.Errorf("SanitizeMultiline = %q", got)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"Anna", "\x1b[2J", "\x1b]0;t\x07", "\x9b1m", "\u202e", "a\r\nb", "\xff\xfe", "\x1b]52;c;AAAA\x1b\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, multi := range []bool{false, true} {
			fn := model.Sanitize
			if multi {
				fn = model.SanitizeMultiline
			}
			out := fn(s)
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q", s)
			}
			for _, r := range out {
				if r < 0x20 && !(multi && r == '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
					t.Fatalf("control %U survived in %q", r, out)
				}
			}
			if strings.ContainsRune(out, 0x1b) {
				t.Fatalf("ESC survived in %q", out)
			}
			if again := fn(out); again != out {
				t.Fatalf("not idempotent: %q → %q → %q", s, out, again)
			}
		}
	})
}
