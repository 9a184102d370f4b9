package interchange_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"regulars/interchange"
)

func parseString(t *testing.T, s string, format interchange.Format) *interchange.Batch {
	t.Helper()
	b, err := interchange.Parse(strings.NewReader(s), format, interchange.DefaultLimits)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if len(b.Errors) > 0 {
		t.Fatalf("errors: %v", b.Errors)
	}
	return b
}

func hasNote(r interchange.Record, text string) bool {
	for _, n := range r.Notes {
		if strings.Contains(n.Text, text) {
			return true
		}
	}
	return false
}

func TestParseVCard_PhoneAsWord(t *testing.T) {
	b := parseString(t, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo\r\nTEL;TYPE=CELL:Handy\r\nTEL;TYPE=HOME:ask at counter\r\nTEL;TYPE=WORK:+49 30 1234567\r\nEND:VCARD\r\n", "")
	r := byName(t, b, "Jo")
	if got, want := r.Customer.Phone, "+49 30 1234567"; got != want {
		t.Errorf("phone = %q, want the one with digits %q", got, want)
	}
	if !hasNote(r, "Handy") || !hasNote(r, "ask at counter") {
		t.Errorf("notes = %+v: want the words kept", r.Notes)
	}
	if len(b.Warnings) == 0 || !strings.Contains(b.Warnings[0].String(), "Handy") {
		t.Errorf("warnings = %v: want one about the phone", b.Warnings)
	}
}

func TestParseVCard_TextBirthday(t *testing.T) {
	b := parseString(t, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Old Tom\r\nBDAY;VALUE=text:circa 1800\r\nEND:VCARD\r\n", "")
	r := byName(t, b, "Old Tom")
	if !r.Customer.Birthday.IsZero() || !hasNote(r, "circa 1800") {
		t.Errorf("birthday = %v, notes = %+v: want none and the text in a note", r.Customer.Birthday, r.Notes)
	}
	if len(b.Warnings) != 1 {
		t.Errorf("warnings = %v, want one", b.Warnings)
	}
}

func TestParseVCard_NameFromNOrEmail(t *testing.T) {
	b := parseString(t, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:solo@example.com\r\nEND:VCARD\r\n", "")
	byName(t, b, "Jane Doe")
	byName(t, b, "solo@example.com")
}

func TestParseVCard_CategoriesAndNicknames(t *testing.T) {
	b := parseString(t, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim\r\nCATEGORIES:a\\, b\\, c\r\nNICKNAME:Nick1,Nick2\r\nEND:VCARD\r\n", "")
	c := byName(t, b, "Kim").Customer
	if got, want := strings.Join(c.Tags, "|"), "a|b|c"; got != want {
		t.Errorf("tags = %q, want %q", got, want)
	}
	if got, want := c.Nickname, "Nick1, Nick2"; got != want {
		t.Errorf("nickname = %q, want %q", got, want)
	}
}

func TestParseVCard_NotAVCard(t *testing.T) {
	var s strings.Builder
	for i := 0; i < 31; i++ {
		s.WriteString("Some: text that is no card\n")
	}
	_, err := interchange.Parse(strings.NewReader(s.String()), interchange.FormatVCard, interchange.DefaultLimits)
	if err == nil || !strings.Contains(err.Error(), "no BEGIN:VCARD") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v: want one line saying there is no BEGIN:VCARD", err)
	}
}

func TestParseVCard_UID(t *testing.T) {
	b := parseString(t, "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:1f0b2c9e-0000-4000-8000-000000000001\r\nFN:Uma\r\nEND:VCARD\r\n", "")
	if got, want := byName(t, b, "Uma").UID, "urn:uuid:1f0b2c9e-0000-4000-8000-000000000001"; got != want {
		t.Errorf("uid = %q, want %q", got, want)
	}
}

func TestParse_UTF16(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Müller\r\nEND:VCARD\r\n"
	for _, e := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		data, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(card))
		if err != nil {
			t.Fatal(err)
		}
		b, err := interchange.Parse(bytes.NewReader(data), "", interchange.DefaultLimits)
		if err != nil {
			t.Fatalf("endianness %v: %v", e, err)
		}
		byName(t, b, "Jürgen Müller")
	}
	csvData, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("Name,Phone\nJürgen,0301234567\n"))
	b, err := interchange.Parse(bytes.NewReader(csvData), interchange.FormatCSV, interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	byName(t, b, "Jürgen")
}

func TestParseVCard_WindowsCodePages(t *testing.T) {
	enc := func(s string, cm *charmap.Charmap) string {
		out, err := cm.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	// Outlook "ANSI" vCard 2.1: the charset declared on another line.
	s := "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=Windows-1250:" + enc("Dvořák;Antonín", charmap.Windows1250) + "\r\nFN:" + enc("Antonín Dvořák", charmap.Windows1250) + "\r\nNOTE:" + enc("Čaj", charmap.Windows1250) + "\r\nEND:VCARD\r\n"
	b := parseString(t, s, "")
	r := byName(t, b, "Antonín Dvořák")
	if !hasNote(r, "Čaj") {
		t.Errorf("notes = %+v", r.Notes)
	}
	// No charset anywhere: Windows-1252 ("€" is 0x80 there, not in Latin-1).
	s = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:" + enc("Renée Dupré", charmap.Windows1252) + "\r\nNOTE:" + enc("pays 5 €", charmap.Windows1252) + "\r\nEND:VCARD\r\n"
	b = parseString(t, s, "")
	if r := byName(t, b, "Renée Dupré"); !hasNote(r, "5 €") {
		t.Errorf("notes = %+v", r.Notes)
	}
	// A byte Windows-1252 does not have: refused, naming UTF-8.
	s = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bad \x81 Byte\r\nEND:VCARD\r\n"
	b, err := interchange.Parse(strings.NewReader(s), "", interchange.DefaultLimits)
	if err == nil && len(b.Errors) == 0 {
		t.Fatalf("read %v: want it refused", b.Records)
	}
	msg := ""
	if err != nil {
		msg = err.Error()
	} else {
		msg = b.Errors[0].String()
	}
	if !strings.Contains(msg, "UTF-8") {
		t.Errorf("message %q does not say to save as UTF-8", msg)
	}
	_ = time.Now
}

func TestParseVCard_ControlCharactersAreNoText(t *testing.T) {
	// A "birthday" of escape sequences is no text a person wrote: the card
	// is refused, not kept with it in a note.
	b, err := interchange.Parse(strings.NewReader("BEGIN:VCARD\r\nFN:Eve\r\nBDAY:\x1b[2J\r\nTEL:\x1b]0;x\x07\r\nEND:VCARD\r\n"), "", interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Errors) != 1 || len(b.Records) != 0 {
		t.Fatalf("records %d, errors %v; want the card refused", len(b.Records), b.Errors)
	}
}
