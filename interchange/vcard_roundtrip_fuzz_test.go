package interchange

// An internal test: it drives the vCard encoder and reader directly, with no
// notebook in between, so the fuzzer can try many values a second.

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"regulars/model"
)

// vcardExpect is what a text value becomes through a vCard: line breaks of
// every kind become \n in a note and a space elsewhere, tabs spaces, other
// control characters go, and the reader trims.
func vcardExpect(s string) string { return expectVCard(s, false) }

func expectVCard(s string, multiline bool) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// FuzzVCardRoundTrip writes a customer as a vCard and reads it back: every
// value comes back as it was, and no value, whatever it holds, can end its
// line and add a property or a card.
func FuzzVCardRoundTrip(f *testing.F) {
	f.Add("Anna Schmidt", "+49 151 2345", "anna@example.de", "Thomas", "flat white, oat milk", "line\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Eve")
	f.Add("=cmd|' /C calc'!A0", "", "a;b@c", "x\\;y", "é\u2028ü", "NOTE;ENCODING=QUOTED-PRINTABLE:=0D=0A")
	f.Add("Zoë", "1", "z@z", "", "\x00\x1b[2J", strings.Repeat("ü", 100))
	f.Fuzz(func(t *testing.T, name, phone, email, partner, usual, note string) {
		c := model.Customer{Name: name, Phone: phone, Email: email, Partner: partner, Usual: usual,
			Nickname: usual, Interests: partner, Birthday: model.MonthDay{Month: time.February, Day: 29},
			Created: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
		n := model.Note{Text: note}
		if c.Validate() != nil || n.Validate() != nil || vcardExpect(c.Name) == "" {
			return // a name of control characters only is written as none
		}
		var buf bytes.Buffer
		if err := encodeCard(&buf, customerCard(&c, "urn:uuid:"+CustomerUID(&c), []string{note})); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
			if len(line) > 75 {
				t.Fatalf("line of %d octets: %q", len(line), line)
			}
			if strings.ContainsAny(line, "\r\n") {
				t.Fatalf("a bare line break inside %q", line)
			}
		}
		b, err := ParseVCard(&buf, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Records)+len(b.Errors) != 1 {
			t.Fatalf("%d records and %v from one card:\n%s", len(b.Records), b.Errors, buf.String())
		}
		if len(b.Errors) == 1 {
			t.Fatalf("our own card does not read back: %v\n%s", b.Errors, buf.String())
		}
		got := b.Records[0]
		for _, f := range []struct{ field, got, want string }{
			{"name", got.Customer.Name, vcardExpect(c.Name)},
			{"phone", got.Customer.Phone, vcardExpect(c.Phone)},
			{"email", got.Customer.Email, vcardExpect(c.Email)},
			{"partner", got.Customer.Partner, strings.Join(strings.Fields(vcardExpect(c.Partner)), " ")},
			{"interests", got.Customer.Interests, vcardExpect(c.Interests)},
			{"usual", got.Customer.Usual, vcardExpect(c.Usual)},
			{"nickname", got.Customer.Nickname, vcardExpect(c.Nickname)},
		} {
			if f.got != f.want {
				t.Errorf("%s = %q, want %q\n%s", f.field, f.got, f.want, buf.String())
			}
		}
		if got.Customer.Birthday != c.Birthday {
			t.Errorf("birthday = %v, want %v", got.Customer.Birthday, c.Birthday)
		}
		wantNote := expectVCard(note, true)
		wantNotes := 0
		if wantNote != "" {
			wantNotes = 1
		}
		if len(got.Notes) != wantNotes || (wantNotes == 1 && got.Notes[0].Text != wantNote) {
			t.Errorf("notes = %+v, want %q", got.Notes, wantNote)
		}
	})
}
