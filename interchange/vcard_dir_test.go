package interchange_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"regulars/interchange"
)

func TestParseVCardDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a\r\nFN:Ann\r\nEND:VCARD\r\n")
	write("b.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:b\r\nFN:Bob\r\nEND:VCARD\r\n")
	write("c.vcf", "not a card at all\n")
	write("notes.txt", "BEGIN:VCARD\r\nFN:Not Read\r\nEND:VCARD\r\n")
	write(".hidden.vcf", "BEGIN:VCARD\r\nFN:Temp\r\nEND:VCARD\r\n")
	b, err := interchange.ParseVCardDir(dir, interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Records) != 2 || byName(t, b, "Bob").UID != "b" {
		t.Fatalf("records = %+v", b.Records)
	}
	if !strings.HasPrefix(byName(t, b, "Ann").Where, "a.vcf") {
		t.Errorf("where = %q, want the file named", byName(t, b, "Ann").Where)
	}
	if len(b.Errors) != 1 || !strings.HasPrefix(b.Errors[0].Where, "c.vcf") {
		t.Errorf("errors = %v, want one for c.vcf", b.Errors)
	}
}
