package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

func TestImport_Fixtures(t *testing.T) {
	s := openIO(t)
	ctx := context.Background()
	total := 0
	for _, f := range []string{"iphone-contacts.vcf", "android-contacts.vcf", "nextcloud-contacts.vcf",
		"thunderbird-contact.vcf", "google-contacts.csv", "square-customers.csv"} {
		res := mustImport(t, s, "import/"+f)
		total += len(res.Added)
	}
	if got, want := total, 13; got != want {
		t.Fatalf("imported %d customers, want %d", got, want)
	}
	t.Run("VisitsKeepLastSeen", func(t *testing.T) {
		c, _, err := s.Resolve(ctx, "Dana Whitfield")
		if err != nil {
			t.Fatal(err)
		}
		card, err := s.Card(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if card.LastVisit == nil || card.LastVisit.On.String() != "2026-11-14" {
			t.Errorf("last visit = %+v, want 2026-11-14", card.LastVisit)
		}
	})
	t.Run("SecondImportAddsNothing", func(t *testing.T) {
		for _, f := range []string{"iphone-contacts.vcf", "android-contacts.vcf", "google-contacts.csv", "square-customers.csv"} {
			res := mustImport(t, s, "import/"+f)
			if len(res.Added) != 0 || len(res.Skipped) == 0 {
				t.Errorf("%s again: added %d, skipped %d; want 0 added", f, len(res.Added), len(res.Skipped))
			}
		}
		if n, err := s.Count(ctx, store.SearchQuery{}); err != nil || n != 13 {
			t.Errorf("count = %d, %v; want 13", n, err)
		}
	})
}

func TestImport_AllOrNothing(t *testing.T) {
	s := openIO(t)
	ctx := context.Background()
	csv := "Name,Phone,Email,Birthday\n" +
		"Ana Lima,555 1234,ana@example.com,1990-01-01\n" +
		"Bob Stone,555 9999,bob@example.com,1990-02-30\n" +
		"Cy Young,555 0000,not-an-email,\n" +
		"Dee Ray,555 1111,dee@example.com,--12-24\n"
	b, err := interchange.ParseCSV(strings.NewReader(csv), interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Import(ctx, b, store.ImportOptions{})
	if got, want := model.ErrorCode(err), model.EINVALID; got != want {
		t.Fatalf("error code = %q (%v), want %q", got, err, want)
	}
	if !strings.Contains(model.ErrorMessage(err), "2 of 4 records") || !strings.Contains(model.ErrorMessage(err), "nothing was imported") {
		t.Errorf("message = %q", model.ErrorMessage(err))
	}
	if len(res.Errors) != 2 {
		t.Fatalf("errors = %v, want 2", res.Errors)
	}
	if got := res.Errors[0].String(); !strings.HasPrefix(got, "line 3 (Bob Stone): ") || !strings.Contains(got, "February has no day 30") {
		t.Errorf("first error = %q, want line 3 and the reason", got)
	}
	if got := res.Errors[1].String(); !strings.HasPrefix(got, "line 4 (Cy Young): ") || !strings.Contains(got, "has no @") {
		t.Errorf("second error = %q, want line 4 and the reason", got)
	}
	if n, _ := s.Count(ctx, store.SearchQuery{}); n != 0 {
		t.Errorf("the notebook has %d customers after a failed import, want 0", n)
	}
}

func TestImport_NoDoubles(t *testing.T) {
	s := openIO(t)
	ctx := context.Background()
	if err := s.CreateCustomer(ctx, &model.Customer{Name: "Anna Schmidt", Phone: "+49 (151) 2345-6789"}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateCustomer(ctx, &model.Customer{Name: "Ben Ode", Email: "Ben@Example.com"}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateCustomer(ctx, &model.Customer{Name: "Cleo"}); err != nil {
		t.Fatal(err)
	}
	csv := "Name,Phone,Email\n" +
		"anna  schmidt,0049 151 23456789,\n" + // same digits once the country code is matched
		"ANNA SCHMIDT,151 2345 6789,\n" + // the same number without the country code
		"Ben Ode,,ben@example.COM\n" + // e-mail compared in lower case
		"Cleo,,\n" + // neither has a phone or e-mail
		"Anna Schmidt,030 999999,\n" + // same name, another phone: another person
		"Dora,,dora@example.com\n" +
		"Dora,,DORA@example.com\n" // twice in the same file
	b, err := interchange.ParseCSV(strings.NewReader(csv), interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Import(ctx, b, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var added []string
	for _, a := range res.Added {
		added = append(added, a.Where+" "+a.Name)
	}
	if got, want := strings.Join(added, "; "), "line 6 Anna Schmidt; line 7 Dora"; got != want {
		t.Errorf("added %q, want %q", got, want)
	}
	var skipped []string
	for _, d := range res.Skipped {
		skipped = append(skipped, d.Where+": "+d.Why+" as "+d.Matches)
	}
	want := []string{
		"line 2: same name and phone as #1 Anna Schmidt",
		"line 3: same name and phone as #1 Anna Schmidt",
		"line 4: same name and e-mail as #2 Ben Ode",
		"line 5: same name, and neither has a phone or e-mail as #3 Cleo",
		"line 8: same name and e-mail as line 7 in this file",
	}
	if strings.Join(skipped, "\n") != strings.Join(want, "\n") {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(skipped, "\n"), strings.Join(want, "\n"))
	}
}

func TestImport_DryRun(t *testing.T) {
	s := openIO(t)
	ctx := context.Background()
	b := parseFile(t, "import/square-customers.csv", "")
	res, err := s.Import(ctx, b, store.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(res.Added), 3; got != want || res.Visits != 3 || res.Notes != 4 {
		t.Errorf("dry run would add %d customers, %d visits, %d notes; want %d, 3, 4", got, res.Visits, res.Notes, want)
	}
	if n, _ := s.Count(ctx, store.SearchQuery{}); n != 0 {
		t.Errorf("a dry run left %d customers, want 0", n)
	}
	var visits int
	if err := s.DB().QueryRow(`SELECT count(*) FROM visits`).Scan(&visits); err != nil || visits != 0 {
		t.Errorf("a dry run left %d visits (%v), want 0", visits, err)
	}
}

// jsonSource reads a JSON export from memory each time it is asked, as
// the command line reads a file twice.
func jsonSource(data func() []byte) store.RecordSource {
	return func(fn func(c *interchange.ScannedCustomer) error) error {
		return interchange.ScanJSON(bytes.NewReader(data()), interchange.StreamedJSONLimits, fn)
	}
}

// TestImportStream: a notebook's JSON read as a stream comes back whole;
// a bad customer, or a file that changes between the two readings,
// changes nothing; a dry run writes nothing.
func TestImportStream(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := openIO(t)
	seedNotebook(t, src)
	data := mustExport(t, src, interchange.FormatJSON)
	same := func() []byte { return data }

	dry := openIO(t)
	res, err := dry.ImportStream(ctx, interchange.JSONFormatName, jsonSource(same), store.ImportOptions{DryRun: true})
	if err != nil || len(res.Added) == 0 {
		t.Fatalf("dry run: %v, %d added", err, len(res.Added))
	}
	if n, _ := dry.Count(ctx, store.SearchQuery{}); n != 0 {
		t.Errorf("dry run wrote %d customers", n)
	}

	s := openIO(t)
	res, err = s.ImportStream(ctx, interchange.JSONFormatName, jsonSource(same), store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again := mustExport(t, s, interchange.FormatJSON); !bytes.Equal(again, data) {
		t.Errorf("export → streamed import → export differs:\n%s\n---\n%s", data, again)
	}
	if res, err := s.ImportStream(ctx, interchange.JSONFormatName, jsonSource(same), store.ImportOptions{}); err != nil || len(res.Added) != 0 {
		t.Errorf("second import: %v, added %d; want every customer skipped", err, len(res.Added))
	}

	// The last customer with a field no export has: all or nothing.
	i := bytes.LastIndex(data, []byte(`"name": "`))
	bad := append(append(append([]byte(nil), data[:i]...), `"unknown": 1, `...), data[i:]...)
	fresh := openIO(t)
	if _, err := fresh.ImportStream(ctx, interchange.JSONFormatName, jsonSource(func() []byte { return bad }), store.ImportOptions{}); err == nil {
		t.Error("a bad customer: want the import refused")
	}
	if n, _ := fresh.Count(ctx, store.SearchQuery{}); n != 0 {
		t.Errorf("a refused import wrote %d customers", n)
	}
	// With --skip-invalid, the good ones are written and the bad one listed.
	res, err = fresh.ImportStream(ctx, interchange.JSONFormatName, jsonSource(func() []byte { return bad }), store.ImportOptions{SkipInvalid: true})
	if err != nil || len(res.Errors) != 1 || res.Errors[0].Raw == "" || len(res.Added) == 0 {
		t.Errorf("skip invalid: %v, errors %v, added %d", err, res.Errors, len(res.Added))
	}

	// The file changes between the readings: nothing stays.
	reads := 0
	changing := func() []byte {
		reads++
		if reads == 1 {
			return data
		}
		// Only the last customer: the first ones are written, then removed.
		return append(append(append([]byte(nil), data[:i]...), `"name": "X`...), data[i+len(`"name": "`):]...)
	}
	other := openIO(t)
	if _, err := other.ImportStream(ctx, interchange.JSONFormatName, jsonSource(changing), store.ImportOptions{}); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Errorf("a file that changed: %v; want it refused", err)
	}
	if n, _ := other.Count(ctx, store.SearchQuery{}); n != 0 {
		t.Errorf("an import of a changed file left %d customers", n)
	}
}
