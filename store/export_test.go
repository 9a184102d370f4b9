package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

func TestExport_Golden(t *testing.T) {
	s := openIO(t)
	seedNotebook(t, s)
	for _, f := range []interchange.Format{interchange.FormatCSV, interchange.FormatVCard, interchange.FormatJSON, interchange.FormatICS} {
		golden(t, "export/notebook."+string(f), mustExport(t, s, f))
	}
}

func TestExportJSON_RoundTrip(t *testing.T) {
	t.Run("Seeded", func(t *testing.T) {
		s := openIO(t)
		seedNotebook(t, s)
		first := mustExport(t, s, interchange.FormatJSON)
		s2 := openIO(t)
		s2.Now = func() time.Time { return ioNow.Add(48 * time.Hour) } // a later day must change nothing
		b, err := interchange.ParseJSON(bytes.NewReader(first), interchange.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s2.Import(context.Background(), b, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if second := mustExport(t, s2, interchange.FormatJSON); !bytes.Equal(first, second) {
			t.Errorf("export → import → export differs:\n%s\n---\n%s", first, second)
		}
	})
	t.Run("HandWritten", func(t *testing.T) {
		// A file with every field, including a thank-you tied to a visit.
		want, err := os.ReadFile("../interchange/testdata/import/regulars-notebook.json")
		if err != nil {
			t.Fatal(err)
		}
		s := openIO(t)
		res := mustImport(t, s, "import/regulars-notebook.json")
		if res.ThankYous != 2 || res.Visits != 2 || res.Feedback != 1 || res.Outreach != 1 || res.Notes != 2 {
			t.Errorf("counts = %+v", res)
		}
		if got := mustExport(t, s, interchange.FormatJSON); !bytes.Equal(got, want) {
			t.Errorf("import → export differs from the file:\n%s", got)
		}
		var visitID, linked int64
		if err := s.DB().QueryRow(`SELECT v.id, t.visit_id FROM thank_yous t JOIN visits v ON v.id = t.visit_id`).Scan(&visitID, &linked); err != nil || visitID != linked {
			t.Errorf("thank-you visit link = %d, %d, %v", visitID, linked, err)
		}
	})
}

func TestExportCSV_RoundTrip(t *testing.T) {
	s := openIO(t)
	seedNotebook(t, s)
	first := mustExport(t, s, interchange.FormatCSV)
	s2 := openIO(t)
	b, err := interchange.ParseCSV(bytes.NewReader(first), interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if b.Format != "Regulars CSV" || len(b.Errors) > 0 {
		t.Fatalf("format %q, errors %v", b.Format, b.Errors)
	}
	if _, err := s2.Import(context.Background(), b, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if second := mustExport(t, s2, interchange.FormatCSV); !bytes.Equal(first, second) {
		t.Errorf("CSV export → import → export differs:\n%s\n---\n%s", first, second)
	}
}

func TestExportCSV_FormulaGuard(t *testing.T) {
	s := openIO(t)
	seedNotebook(t, s)
	rows, err := csv.NewReader(bytes.NewReader(mustExport(t, s, interchange.FormatCSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
	if got, want := rows[2][0], `'=HYPERLINK("http://evil.example";"click")`; got != want {
		t.Errorf("name cell = %q, want %q", got, want)
	}
	if got, want := rows[4][10], `''quoted`; got != want {
		t.Errorf("a leading apostrophe is doubled so import gives it back: %q, want %q", got, want)
	}
}

func TestExportVCard_RoundTrip(t *testing.T) {
	s := openIO(t)
	seedNotebook(t, s)
	data := mustExport(t, s, interchange.FormatVCard)
	b, err := interchange.ParseVCard(bytes.NewReader(data), interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Errors) > 0 {
		t.Fatalf("errors reading our own vCards: %v", b.Errors)
	}
	if got, want := len(b.Records), 3; got != want {
		t.Fatalf("%d cards, want %d (the archived customer is left out)", got, want)
	}
	ctx := context.Background()
	for _, r := range b.Records {
		orig, _, err := s.Resolve(ctx, r.Customer.Name)
		if err != nil {
			// The trap's name is not a search word; find it by phone.
			orig, _, err = s.Resolve(ctx, "+1 555 010 0199")
			if err != nil {
				t.Fatalf("%q: %v", r.Customer.Name, err)
			}
		}
		got := r.Customer
		got.ID, got.Created = orig.ID, orig.Created
		got.Tags = model.NormalizeTags(got.Tags)
		if !equalCustomer(got, *orig) {
			t.Errorf("vCard round trip:\n got %+v\nwant %+v", got, *orig)
		}
	}
	trap := byName(t, b, `=HYPERLINK("http://evil.example";"click")`)
	if len(trap.Notes) != 1 || trap.Notes[0].Text != "line one\nEND:VCARD\nBEGIN:VCARD\nFN:Injected; \\ backslash, comma" {
		t.Errorf("the note with a fake END:VCARD came back as %+v", trap.Notes)
	}
	for _, r := range b.Records {
		for _, n := range r.Notes {
			if strings.Contains(n.Text, "divorce") {
				t.Errorf("a private note was exported to vCard: %q", n.Text)
			}
		}
	}
	for _, line := range strings.Split(string(data), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line longer than 75 octets: %q", line)
		}
	}
}

func equalCustomer(a, b model.Customer) bool {
	return a.Name == b.Name && a.Nickname == b.Nickname && a.Phone == b.Phone && a.Email == b.Email &&
		a.Birthday == b.Birthday && a.Anniversary == b.Anniversary && a.Partner == b.Partner &&
		a.Children == b.Children && a.Interests == b.Interests && a.Usual == b.Usual &&
		strings.Join(a.Tags, ",") == strings.Join(b.Tags, ",") && a.Archived == b.Archived
}

func TestExportICS(t *testing.T) {
	s := openIO(t)
	seedNotebook(t, s)
	ics := string(mustExport(t, s, interchange.FormatICS))
	for _, want := range []string{
		"PRODID:-//Regulars//Regulars//EN",
		"DTSTART;VALUE=DATE:20260415",               // no year: starts this year
		"DTSTART;VALUE=DATE:19920229",               // leap day ...
		"RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", // ... on the last day of February
		"SUMMARY:Anniversary: Anna Schmidt & Thomas",
		"DTSTAMP:20261123T100000Z",
	} {
		if !strings.Contains(ics, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
	if n := strings.Count(ics, "BEGIN:VEVENT"); n != 3 {
		t.Errorf("%d events, want 3 (two for Anna, one for the leap-day birthday; none for the archived)", n)
	}
	if n := strings.Count(ics, "RRULE:"); n != 3 {
		t.Errorf("%d RRULEs, want 3", n)
	}
	t.Run("ErrNothingToExport", func(t *testing.T) {
		err := openIO(t).Export(context.Background(), interchange.FormatICS, &bytes.Buffer{})
		if !strings.Contains(model.ErrorMessage(err), "no customer has a birthday") {
			t.Errorf("error = %v", err)
		}
	})
}

func TestWritePrivateFile(t *testing.T) {
	s := openIO(t)
	seedNotebook(t, s)
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := store.WritePrivateFile(path, func(w io.Writer) error { return s.Export(context.Background(), interchange.FormatJSON, w) })
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("mode = %o, want 600", got)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("%d files in the folder, want 1 (no temporary file left)", len(ents))
	}
	t.Run("VCardDir", func(t *testing.T) {
		dir := t.TempDir()
		n, err := s.ExportVCardDir(context.Background(), dir)
		if err != nil || n != 3 {
			t.Fatalf("wrote %d, %v; want 3", n, err)
		}
		ents, _ := os.ReadDir(dir)
		if len(ents) != 3 {
			t.Fatalf("%d files, want 3", len(ents))
		}
		for _, e := range ents {
			fi, _ := e.Info()
			data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			cards := strings.Count("\n"+string(data), "\nBEGIN:VCARD\r\n")
			if fi.Mode().Perm() != 0o600 || !strings.HasSuffix(e.Name(), ".vcf") || cards != 1 {
				t.Errorf("%s: mode %o, %d cards", e.Name(), fi.Mode().Perm(), cards)
			}
		}
	})
}

func TestSyncVCardDir(t *testing.T) {
	ctx := context.Background()
	s := openIO(t)
	seedNotebook(t, s)
	dir := t.TempDir()
	mine := filepath.Join(dir, "someone-elses.vcf")
	if err := os.WriteFile(mine, []byte("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:x\r\nFN:Not Ours\r\nEND:VCARD\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := s.SyncVCardDir(ctx, dir)
	if err != nil || res.Written != 3 || res.Updated != 0 || res.Removed != 0 {
		t.Fatalf("first export: %+v, %v; want 3 written", res, err)
	}
	res, err = s.SyncVCardDir(ctx, dir)
	if err != nil || res.Written != 0 || res.Updated != 0 || res.Unchanged != 3 || res.Removed != 0 {
		t.Fatalf("again: %+v, %v; want 3 unchanged", res, err)
	}
	anna, _, err := s.Resolve(ctx, "Anna Schmidt")
	if err != nil {
		t.Fatal(err)
	}
	usual := "something new"
	if _, err := s.UpdateCustomer(ctx, anna.ID, model.CustomerUpdate{Usual: &usual}); err != nil {
		t.Fatal(err)
	}
	zoe, _, err := s.Resolve(ctx, "zoe@example.ie")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ArchiveCustomer(ctx, zoe.ID); err != nil {
		t.Fatal(err)
	}
	res, err = s.SyncVCardDir(ctx, dir)
	if err != nil || res.Written != 0 || res.Updated != 1 || res.Removed != 1 {
		t.Fatalf("after a change and an archive: %+v, %v; want 1 updated, 1 removed", res, err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a card Regulars did not write is gone: %v", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 3 {
		t.Errorf("%d files, want 3 (2 customers and the foreign card)", len(ents))
	}
}

// TestExportJSON_WeekState: what the owner did about the weekly queue goes
// into the JSON and comes back with ids rebuilt for the new notebook, even
// when its customers and records get other ids.
func TestExportJSON_WeekState(t *testing.T) {
	s := openIO(t)
	var n int
	s.DB().QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'week_items'`).Scan(&n)
	if n == 0 {
		t.Skip("this notebook version has no week state")
	}
	seedNotebook(t, s)
	ctx := context.Background()
	anna, _, err := s.Resolve(ctx, "Anna Schmidt")
	if err != nil {
		t.Fatal(err)
	}
	var visit, thankYou, note, outreach int64
	s.DB().QueryRow(`SELECT max(id) FROM visits WHERE customer_id = ?`, anna.ID).Scan(&visit)
	s.DB().QueryRow(`SELECT max(id) FROM thank_yous WHERE customer_id = ?`, anna.ID).Scan(&thankYou)
	s.DB().QueryRow(`SELECT min(id) FROM notes WHERE customer_id = ?`, anna.ID).Scan(&note)
	s.DB().QueryRow(`SELECT max(id) FROM outreach WHERE customer_id = ?`, anna.ID).Scan(&outreach)
	for _, q := range []struct {
		id, kind  string
		thankYou  any
		note, out any
		visit     any
	}{
		{fmt.Sprintf("birthday:%d:2027", anna.ID), "birthday", nil, nil, outreach, nil},
		{fmt.Sprintf("thank-you:%d:%d", anna.ID, thankYou), "thank-you", thankYou, nil, nil, nil},
		{fmt.Sprintf("thank-you:%d:v%d", anna.ID, visit), "thank-you", nil, nil, nil, visit},
		{fmt.Sprintf("follow-up:%d:%d", anna.ID, note), "follow-up", nil, note, nil, nil},
	} {
		if _, err := s.DB().Exec(`INSERT INTO week_items (id, state, week, day, kind, customer_id, reason, due,
			outreach_id, thank_you_id, made_thank_you, note_id, feedback_id, visit_id, created_at)
			VALUES (?, 'done', '2026-11-23', '2026-11-23', ?, ?, 'why', '2026-11-24', ?, ?, 0, ?, NULL, ?, '2026-11-23T10:00:00.000Z')`,
			q.id, q.kind, anna.ID, q.out, q.thankYou, q.note, q.visit); err != nil {
			t.Fatal(err)
		}
	}
	first := mustExport(t, s, interchange.FormatJSON)
	for _, want := range []string{`"key": "2027"`, `"key": "thank_you:1"`, `"key": "visit:2"`, `"key": "note:1"`, `"outreach": 1`} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("the JSON lacks %s", want)
		}
	}
	// Into an empty notebook: the same JSON comes out.
	s3 := openIO(t)
	b3, err := interchange.ParseJSON(bytes.NewReader(first), interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s3.Import(ctx, b3, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if second := mustExport(t, s3, interchange.FormatJSON); !bytes.Equal(first, second) {
		t.Errorf("export → import → export with week state differs:\n%s\n---\n%s", first, second)
	}
	// Into a notebook where every id is different.
	s2 := openIO(t)
	for i := 0; i < 5; i++ {
		c := &model.Customer{Name: fmt.Sprintf("Placeholder %d", i)}
		s2.CreateCustomer(ctx, c)
		s2.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: model.Date{Year: 2020, Month: 1, Day: 1}})
		s2.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: "x"})
		s2.AddThankYou(ctx, &model.ThankYou{CustomerID: c.ID, Reason: "x", Due: model.Date{Year: 2020, Month: 1, Day: 1}})
	}
	b, err := interchange.ParseJSON(bytes.NewReader(first), interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Import(ctx, b, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	rows, _ := s2.DB().Query(`SELECT w.id FROM week_items w ORDER BY rowid`)
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	var a2, v2, t2, n2 int64
	s2.DB().QueryRow(`SELECT id FROM customers WHERE name = 'Anna Schmidt'`).Scan(&a2)
	s2.DB().QueryRow(`SELECT max(id) FROM visits WHERE customer_id = ?`, a2).Scan(&v2)
	s2.DB().QueryRow(`SELECT max(id) FROM thank_yous WHERE customer_id = ?`, a2).Scan(&t2)
	s2.DB().QueryRow(`SELECT min(id) FROM notes WHERE customer_id = ?`, a2).Scan(&n2)
	want := []string{fmt.Sprintf("birthday:%d:2027", a2), fmt.Sprintf("thank-you:%d:%d", a2, t2),
		fmt.Sprintf("thank-you:%d:v%d", a2, v2), fmt.Sprintf("follow-up:%d:%d", a2, n2)}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("week item ids = %q, want %q", ids, want)
	}
	var linked int
	s2.DB().QueryRow(`SELECT count(*) FROM week_items w JOIN notes n ON n.id = w.note_id AND n.customer_id = w.customer_id`).Scan(&linked)
	if linked != 1 {
		t.Errorf("%d week items link to their customer's note, want 1", linked)
	}
}

// A khard folder imported and exported back into itself holds one file per
// person: the cards keep their UIDs, their files keep their names, and
// cards Regulars did not write are left as they are.
func TestKhardFolderRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openIO(t)
	dir := t.TempDir()
	for i, name := range []string{"Anna Schmidt", "Ben Okafor", "Chloe Martin", "Dev Patel"} {
		uid := fmt.Sprintf("4f6a1c2e-0000-4000-8000-00000000000%d", i)
		card := "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//khard//EN\r\nUID:" + uid + "\r\nFN:" + name + "\r\nN:;" + name + ";;;\r\nEND:VCARD\r\n"
		if err := os.WriteFile(filepath.Join(dir, uid+".vcf"), []byte(card), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	b, err := interchange.ParseVCardDir(dir, interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, b, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SyncVCardDir(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 4 {
		t.Fatalf("%d files after exporting into the folder, want 4", len(ents))
	}
	// Imported again, nobody doubles either.
	b, _ = interchange.ParseVCardDir(dir, interchange.DefaultLimits)
	if _, err := s.Import(ctx, b, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx, store.SearchQuery{}); n != 4 {
		t.Fatalf("%d customers after importing the folder twice, want 4", n)
	}
}

// Merging a notebook into one that already holds its customers (the same
// JSON imported again) doubles nobody, so a calendar shows each birthday
// once.
func TestMergedNotebookBirthdaysOnce(t *testing.T) {
	ctx := context.Background()
	s := openIO(t)
	for _, c := range []*model.Customer{
		{Name: "Tom", Birthday: model.MonthDay{Month: 3, Day: 4}, Usual: "espresso"},
		{Name: "Tom", Birthday: model.MonthDay{Month: 7, Day: 8}, Usual: "chai latte"},
	} {
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	data := mustExport(t, s, interchange.FormatJSON)
	b, err := interchange.Parse(bytes.NewReader(data), interchange.FormatJSON, interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, b, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ics := mustExport(t, s, interchange.FormatICS)
	if got := bytes.Count(ics, []byte("BEGIN:VEVENT")); got != 2 {
		t.Fatalf("%d events after the merge, want 2 (one birthday each):\n%s", got, ics)
	}
}

// TestExportJSON_AnyTextAndOrder: the export reads each customer's records
// joined into one string by SQLite; text that looks like that string's own
// lengths, commas and NULL marks comes out as written, every record in the
// order it was made (not by day), and links between records by position.
func TestExportJSON_AnyTextAndOrder(t *testing.T) {
	s := openIO(t)
	ctx := context.Background()
	tricky := []string{"12:ab,-", "-", "0:", ",", "3:abc5:", "caf\u00e9 9:\u00fc", "tab\there", "\x01,\x02:"}
	c := &model.Customer{Name: "Pack:er, -Tricky"}
	if err := s.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	other := &model.Customer{Name: "Other"}
	if err := s.CreateCustomer(ctx, other); err != nil {
		t.Fatal(err)
	}
	day := model.DateOf(ioNow)
	for i, txt := range tricky {
		if err := s.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: txt}); err != nil {
			t.Fatal(err)
		}
		// Visits added newest first: the file lists them as made.
		v := &model.Visit{CustomerID: c.ID, On: day.AddDays(-i), Cents: int64(100 * i), What: txt}
		if err := s.AddVisit(ctx, v); err != nil {
			t.Fatal(err)
		}
		if err := s.AddVisit(ctx, &model.Visit{CustomerID: other.ID, On: day.AddDays(-2 * i), What: txt}); err != nil {
			t.Fatal(err)
		}
		if i == 3 {
			if err := s.AddThankYou(ctx, &model.ThankYou{CustomerID: c.ID, Reason: txt, Due: day.AddDays(2)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.AddFeedback(ctx, &model.Feedback{CustomerID: c.ID, On: day.AddDays(-i), Rating: 1 + i%5, Comment: txt}); err != nil {
			t.Fatal(err)
		}
		if err := s.AddOutreach(ctx, &model.Outreach{CustomerID: c.ID, On: day.AddDays(-i), Channel: model.Channel("call"), About: txt, Note: txt}); err != nil {
			t.Fatal(err)
		}
	}
	first, second, res := roundTripJSON(t, s)
	if len(res.Added) != 2 {
		t.Fatalf("added %d of 2", len(res.Added))
	}
	if !bytes.Equal(first, second) {
		t.Errorf("export → import → export differs:\n%s\n---\n%s", first, second)
	}
	b, err := interchange.ParseJSON(bytes.NewReader(first), interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	rec := byName(t, b, c.Name)
	if len(rec.Notes) != len(tricky) || len(rec.Visits) != len(tricky) || len(rec.Feedback) != len(tricky) || len(rec.Outreach) != len(tricky) {
		t.Fatalf("notes %d, visits %d, feedback %d, outreach %d; want %d each", len(rec.Notes), len(rec.Visits), len(rec.Feedback), len(rec.Outreach), len(tricky))
	}
	for i, txt := range tricky {
		if rec.Notes[i].Text != txt || rec.Visits[i].What != txt || rec.Feedback[i].Comment != txt || rec.Outreach[i].About != txt || rec.Outreach[i].Note != txt {
			t.Errorf("record %d: note %q, visit %q, feedback %q, outreach %q/%q; want %q", i, rec.Notes[i].Text, rec.Visits[i].What,
				rec.Feedback[i].Comment, rec.Outreach[i].About, rec.Outreach[i].Note, txt)
		}
		if want := day.AddDays(-i); rec.Visits[i].On != want || rec.Visits[i].Cents != int64(100*i) {
			t.Errorf("visit %d: %v, %d cents; want %v, %d", i, rec.Visits[i].On, rec.Visits[i].Cents, want, 100*i)
		}
	}
	if len(rec.ThankYous) != 1 || rec.ThankYous[0].Reason != tricky[3] {
		t.Errorf("thank-yous %+v; want one for %q", rec.ThankYous, tricky[3])
	}
}

// failingWriter fails once more than n bytes were written to it.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// TestExport_WriteFails: the notebook is read in one goroutine while the
// writer writes in another; a write that fails, early or in a later chunk,
// ends the export with its error, and every format reads the same records
// as they come.
func TestExport_WriteFails(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	defer store.SetExportChunk(100)()
	customers := 250 // three chunks of 100, the last short
	if err := store.GenerateDemo(ctx, s, store.DemoOptions{Customers: customers, Seed: 3, Today: s.Today()}); err != nil {
		t.Fatal(err)
	}
	full := mustExport(t, s, interchange.FormatJSON)
	for _, n := range []int{0, 10_000, len(full) / 2, len(full) - 10} {
		err := s.Export(ctx, interchange.FormatJSON, &failingWriter{n: n})
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("a write failing after %d of %d bytes: %v", n, len(full), err)
		}
	}
	var calls, last int
	if err := s.ExportProgress(ctx, interchange.FormatCSV, io.Discard, func(done, total int) { calls, last = calls+1, done }); err != nil {
		t.Fatal(err)
	}
	if calls != customers || last != customers {
		t.Errorf("progress called %d times, last with %d; want %d", calls, last, customers)
	}
	if again := mustExport(t, s, interchange.FormatJSON); !bytes.Equal(again, full) {
		t.Error("two exports of the same notebook differ")
	}
}
