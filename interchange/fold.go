package interchange

import (
	"io"
	"unicode/utf8"
)

// foldWriter folds content lines longer than 75 octets, as vCard and
// iCalendar ask (RFC 6350 3.2, RFC 5545 3.1), never inside a UTF-8
// character. Each Write must be whole lines ending in CRLF.
type foldWriter struct {
	w io.Writer
}

const foldAt = 75

func (f foldWriter) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p)+len(p)/foldAt*3)
	col := 0
	for i := 0; i < len(p); {
		if p[i] == '\r' && i+1 < len(p) && p[i+1] == '\n' {
			out = append(out, '\r', '\n')
			col = 0
			i += 2
			continue
		}
		_, size := utf8.DecodeRune(p[i:])
		if col+size > foldAt {
			out = append(out, '\r', '\n', ' ')
			col = 1
		}
		out = append(out, p[i:i+size]...)
		col += size
		i += size
	}
	if _, err := f.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
