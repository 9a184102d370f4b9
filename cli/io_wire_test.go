package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"regulars/model"
	"regulars/store"
)

func ioWrite(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func ioCustomer(t *testing.T, db string, id int64) *model.Customer {
	t.Helper()
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Customer(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestImportDateOrder(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "regulars.db")
	in := ioWrite(t, filepath.Join(dir, "people.csv"), "Name,Birthday\nAnna Schmidt,05/01/1990\nBen Ode,07/02/1985\n")
	_, errOut, code := ioRun(t, db, "import", in)
	if code != 1 || !strings.Contains(errOut, "--date-order dmy") {
		t.Fatalf("ambiguous: code %d, %q; want the flag named", code, errOut)
	}
	if out, errOut, code := ioRun(t, db, "import", in, "--date-order", "dmy"); code != 0 {
		t.Fatalf("dmy: code %d\n%s%s", code, out, errOut)
	}
	if c := ioCustomer(t, db, 1); c.Birthday != (model.MonthDay{Year: 1990, Month: 1, Day: 5}) {
		t.Errorf("dmy birthday %+v, want 5 January 1990", c.Birthday)
	}
	if _, errOut, code := ioRun(t, db, "import", in, "--date-order", "ymd"); code != 1 || !strings.Contains(errOut, "dmy") {
		t.Errorf("bad order: code %d, %q", code, errOut)
	}
}

func TestImportSkipInvalid(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "regulars.db")
	in := ioWrite(t, filepath.Join(dir, "book.vcf"),
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nEND:VCARD\r\n"+
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad Date\r\nBDAY:2099-01-01\r\nEND:VCARD\r\n"+
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Also Good\r\nEND:VCARD\r\n")
	if _, _, code := ioRun(t, db, "import", in); code != 1 {
		t.Fatalf("without --skip-invalid: code %d, want 1 (all or nothing)", code)
	}
	out, errOut, code := ioRun(t, db, "import", in, "--skip-invalid")
	rejects := filepath.Join(dir, "book.rejects.vcf")
	if code != 0 || !strings.HasPrefix(out, "Imported 2 customers") || !strings.Contains(errOut, "card 2 (line 5) (Bad Date):") ||
		!strings.Contains(out, rejects) {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	fi, err := os.Stat(rejects)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("rejects file: %v", err)
	}
	data, _ := os.ReadFile(rejects)
	if !strings.Contains(string(data), "FN:Bad Date") || strings.Contains(string(data), "Good One") {
		t.Errorf("rejects file holds %q", data)
	}
}

func TestImportWarnings(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "regulars.db")
	in := ioWrite(t, filepath.Join(dir, "w.vcf"), "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nTEL;TYPE=CELL:ask at the counter\x1b[2J\r\nBDAY;VALUE=text:sometime in May\r\nEND:VCARD\r\n")
	out, errOut, code := ioRun(t, db, "import", in)
	if code != 0 || !strings.Contains(errOut, "card 1 (line 1) (Anna): line 5: birthday \"sometime in May\" is text, not a date: kept in a note") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	if strings.Contains(out+errOut, "\x1b") {
		t.Errorf("a warning printed a control character: %q", errOut)
	}
}

func TestImportFolder(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "regulars.db")
	book := filepath.Join(dir, "book")
	os.Mkdir(book, 0o700)
	ioWrite(t, filepath.Join(book, "a.vcf"), "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna Schmidt\r\nUID:a\r\nEND:VCARD\r\n")
	ioWrite(t, filepath.Join(book, "b.vcf"), "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ben Ode\r\nUID:b\r\nEND:VCARD\r\n")
	ioWrite(t, filepath.Join(book, "c.vcf"), "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Cy Later\r\nBDAY:20991231\r\nUID:c\r\nEND:VCARD\r\n")
	out, errOut, code := ioRun(t, db, "import", book, "--skip-invalid")
	rejects := filepath.Join(dir, "book.rejects.vcf")
	if code != 0 || !strings.HasPrefix(out, "Imported 2 customers from "+book+" (vCard folder (3 files; vCard 4.0)") ||
		!strings.Contains(errOut, "c.vcf: card 1 (line 1) (Cy Later)") || !strings.Contains(out, rejects) {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	if data, err := os.ReadFile(rejects); err != nil || !strings.Contains(string(data), "FN:Cy Later") {
		t.Errorf("rejects %q, %v", data, err)
	}
}

func TestImportNotAVCard(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "regulars.db")
	var lines []string
	for i := 0; i < 300; i++ {
		lines = append(lines, "just some text, not a card")
	}
	in := ioWrite(t, filepath.Join(dir, "notes.vcf"), strings.Join(lines, "\n")+"\n")
	out, errOut, code := ioRun(t, db, "import", in)
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "no BEGIN:VCARD") {
		t.Fatalf("code %d, want one line naming BEGIN:VCARD:\n%s%s", code, out, errOut)
	}
	short := ioWrite(t, filepath.Join(dir, "short.vcf"), "hello\nworld\n")
	if _, errOut, code := ioRun(t, db, "import", short); code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "no BEGIN:VCARD") {
		t.Fatalf("short: code %d, want one line:\n%s", code, errOut)
	}
}

func TestExportFolderSync(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "regulars.db")
	if _, errOut, code := ioRun(t, db, "import", filepath.Join("..", "interchange", "testdata", "import", "google-contacts.csv")); code != 0 {
		t.Fatal(errOut)
	}
	book := filepath.Join(dir, "book")
	os.Mkdir(book, 0o700)
	mine := ioWrite(t, filepath.Join(book, "someone-else.vcf"), "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Not Ours\r\nEND:VCARD\r\n")
	if out, _, code := ioRun(t, db, "export", "--format", "vcf", "-o", book); code != 0 || out != "Wrote the cards into "+book+": 3 written, 0 updated, 0 removed.\n" {
		t.Fatalf("first: code %d, %q", code, out)
	}
	if _, _, code := ioRun(t, db, "archive", "1"); code != 0 {
		t.Fatal("archive")
	}
	if out, _, code := ioRun(t, db, "export", "--format", "vcf", "-o", book); code != 0 || out != "Wrote the cards into "+book+": 0 written, 0 updated, 1 removed.\n" {
		t.Fatalf("second: code %d, %q", code, out)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a card the export did not write was touched: %v", err)
	}
}
