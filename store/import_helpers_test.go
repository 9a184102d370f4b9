package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

// ioNow is the clock of the import and export tests, in UTC so the golden
// files do not depend on the machine's time zone.
var ioNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// openIO opens a new notebook in a temporary directory on the UTC clock.
func openIO(tb testing.TB) *store.Store {
	tb.Helper()
	return openAt(tb, ioNow)
}

// parseFile parses a file from the interchange package's testdata, where
// the files people bring from phones and shops live with their parsers.
func parseFile(tb testing.TB, name string, format interchange.Format) *interchange.Batch {
	tb.Helper()
	f, err := os.Open(filepath.Join("..", "interchange", "testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	b, err := interchange.Parse(f, format, interchange.DefaultLimits)
	if err != nil {
		tb.Fatalf("parse %s: %v", name, err)
	}
	return b
}

// mustImport parses and imports a testdata file, failing on any bad record.
func mustImport(tb testing.TB, s *store.Store, name string) *store.ImportResult {
	tb.Helper()
	b := parseFile(tb, name, "")
	for _, e := range b.Errors {
		tb.Errorf("%s: %s", name, e)
	}
	res, err := s.Import(context.Background(), b, store.ImportOptions{})
	if err != nil {
		tb.Fatalf("import %s: %v", name, err)
	}
	return res
}

// mustExport exports the notebook in a format.
func mustExport(tb testing.TB, s *store.Store, format interchange.Format) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := s.Export(context.Background(), format, &buf); err != nil {
		tb.Fatalf("export %s: %v", format, err)
	}
	return buf.Bytes()
}

// byName finds a record of a batch by customer name.
func byName(tb testing.TB, b *interchange.Batch, name string) interchange.Record {
	tb.Helper()
	for _, r := range b.Records {
		if r.Customer.Name == name {
			return r
		}
	}
	var names []string
	for _, r := range b.Records {
		names = append(names, r.Customer.Name)
	}
	tb.Fatalf("no record named %q among %q (errors: %v)", name, names, b.Errors)
	return interchange.Record{}
}

// golden compares got with testdata/name; REGULARS_UPDATE_GOLDEN=1 rewrites it.
func golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if os.Getenv("REGULARS_UPDATE_GOLDEN") == "1" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run with REGULARS_UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs from the golden file (REGULARS_UPDATE_GOLDEN=1 rewrites it):\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

func md(year int, month time.Month, day int) model.MonthDay {
	return model.MonthDay{Year: year, Month: month, Day: day}
}

// seedNotebook fills a notebook through the store's own methods with
// customers whose text tries every trap an export has: formulas, commas,
// semicolons, quotes, line breaks, a fake END:VCARD, a leap-day birthday,
// an archived customer and a private note.
func seedNotebook(tb testing.TB, s *store.Store) {
	tb.Helper()
	ctx := context.Background()
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	anna := &model.Customer{Name: "Anna Schmidt", Nickname: "Annie", Phone: "+49 151 2345 6789", Email: "anna@example.de",
		Birthday: md(0, time.April, 15), Anniversary: md(2010, time.June, 19), Partner: "Thomas",
		Children: "Emma (7), Max", Interests: "cycling; jazz", Usual: "flat white, oat milk", Tags: []string{"vip", "regular"}}
	must(s.CreateCustomer(ctx, anna))
	note := &model.Note{CustomerID: anna.ID, Text: "Germany trip in June.\nAsk how it went.", AskOn: model.Date{Year: 2026, Month: time.July, Day: 1}}
	must(s.AddNote(ctx, note))
	must(s.MarkAsked(ctx, note.ID))
	must(s.AddNote(ctx, &model.Note{CustomerID: anna.ID, Text: "Private: going through a divorce", Private: true}))
	v := &model.Visit{CustomerID: anna.ID, On: model.Date{Year: 2026, Month: time.November, Day: 20}, Cents: 1250, What: "2 flat whites"}
	must(s.AddVisit(ctx, v))
	must(s.AddVisit(ctx, &model.Visit{CustomerID: anna.ID, On: model.Date{Year: 2026, Month: time.October, Day: 2}, Cents: 499}))
	ty := &model.ThankYou{CustomerID: anna.ID, Reason: "brought the whole office", Due: model.Date{Year: 2026, Month: time.November, Day: 24}}
	must(s.AddThankYou(ctx, ty))
	must(s.MarkThankYouSent(ctx, ty.ID))
	fb := &model.Feedback{CustomerID: anna.ID, On: model.Date{Year: 2026, Month: time.November, Day: 20}, Rating: 2, Comment: "Milk was cold, \"again\""}
	must(s.AddFeedback(ctx, fb))
	must(s.MarkReplied(ctx, fb.ID))
	must(s.AddOutreach(ctx, &model.Outreach{CustomerID: anna.ID, On: model.Date{Year: 2026, Month: time.November, Day: 21}, Channel: model.Call, About: "feedback", Note: "apologised"}))

	trap := &model.Customer{Name: "=HYPERLINK(\"http://evil.example\";\"click\")", Phone: "+1 555 010 0199", Email: "trap@example.com",
		Birthday: md(1992, time.February, 29), Partner: "@bob", Usual: "-2 sugars", Tags: []string{"+plus"}}
	must(s.CreateCustomer(ctx, trap))
	must(s.AddNote(ctx, &model.Note{CustomerID: trap.ID, Text: "line one\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Injected; \\ backslash, comma"}))

	gone := &model.Customer{Name: "Old Regular", Phone: "030 1234567", Anniversary: md(0, time.December, 31)}
	must(s.CreateCustomer(ctx, gone))
	must(s.ArchiveCustomer(ctx, gone.ID))

	must(s.CreateCustomer(ctx, &model.Customer{Name: "Zoë O'Brien-Łukasiewicz", Email: "zoe@example.ie", Tags: []string{"'quoted"}}))
	store.SetStableUIDs(tb, s)
}
