package interchange_test

import (
	"strings"
	"testing"
	"time"

	"regulars/interchange"
	"regulars/model"
)

func TestParseVCard_IPhone(t *testing.T) {
	b := parseFile(t, "import/iphone-contacts.vcf", "")
	if got, want := b.Format, "vCard 3.0"; got != want {
		t.Fatalf("format = %q, want %q", got, want)
	}
	if len(b.Errors) > 0 {
		t.Fatalf("errors: %v", b.Errors)
	}
	anna := byName(t, b, "Anna Marie Schmidt").Customer
	if got, want := anna.Birthday, md(0, time.April, 15); got != want {
		t.Errorf("X-APPLE-OMIT-YEAR birthday = %v, want %v (no year)", got, want)
	}
	if got, want := anna.Anniversary, md(2010, time.June, 19); got != want {
		t.Errorf("itemN.X-ABDATE anniversary = %v, want %v", got, want)
	}
	if got, want := anna.Partner, "Thomas Schmidt"; got != want {
		t.Errorf("partner = %q, want %q", got, want)
	}
	if got, want := anna.Children, "Emma, Max"; got != want {
		t.Errorf("children = %q, want %q (the mother is not a child)", got, want)
	}
	if got, want := anna.Phone, "+49 151 2345 6789"; got != want {
		t.Errorf("phone = %q, want the pref one %q", got, want)
	}
	if got, want := anna.Nickname, "Annie"; got != want {
		t.Errorf("nickname = %q, want %q", got, want)
	}
	notes := byName(t, b, "Anna Marie Schmidt").Notes
	if len(notes) != 1 || !strings.Contains(notes[0].Text, "oat milk, extra hot") || !strings.Contains(notes[0].Text, "in June –") {
		t.Errorf("note = %+v: want the folded, unescaped note", notes)
	}
	chidi := byName(t, b, "Chidi Okafor").Customer
	if got, want := chidi.Birthday, md(1986, time.November, 28); got != want {
		t.Errorf("birthday = %v, want %v", got, want)
	}
	if got, want := chidi.Anniversary, md(0, time.September, 3); got != want {
		t.Errorf("anniversary with X-APPLE-OMIT-YEAR = %v, want %v", got, want)
	}
	if got, want := chidi.Partner, "Priya"; got != want {
		t.Errorf("partner label _$!<Partner>!$_ = %q, want %q", got, want)
	}
}

func TestParseVCard_Android21(t *testing.T) {
	b := parseFile(t, "import/android-contacts.vcf", "")
	if got, want := b.Format, "vCard 2.1"; got != want {
		t.Fatalf("format = %q, want %q", got, want)
	}
	if len(b.Errors) > 0 || len(b.Records) != 3 {
		t.Fatalf("records = %d, errors = %v; want 3 and none", len(b.Records), b.Errors)
	}
	r := byName(t, b, "Jürgen Müller") // quoted-printable UTF-8
	c := r.Customer
	if got, want := c.Nickname, "Jogi"; got != want {
		t.Errorf("nickname = %q, want %q", got, want)
	}
	if got, want := c.Phone, "+49 151 23456789"; got != want {
		t.Errorf("phone = %q, want the PREF one %q", got, want)
	}
	if got, want := c.Birthday, md(1979, time.August, 2); got != want {
		t.Errorf("birthday = %v, want %v", got, want)
	}
	if got, want := c.Anniversary, md(2005, time.May, 21); got != want {
		t.Errorf("X-ANDROID-CUSTOM anniversary = %v, want %v", got, want)
	}
	if c.Partner != "Sabine" || c.Children != "Lena" {
		t.Errorf("partner, children = %q, %q; want Sabine, Lena", c.Partner, c.Children)
	}
	want := "Mag Espresso doppio mit Hafermilch. Tochter heißt Lena und spielt Geige im Schulorchester – nach dem Konzert fragen!\nZahlt immer bar."
	if len(r.Notes) != 1 || r.Notes[0].Text != want {
		t.Errorf("note across soft line breaks = %+v,\nwant %q", r.Notes, want)
	}
	if got, want := byName(t, b, "Søren Ødegård").Customer.Birthday, md(0, time.March, 14); got != want {
		t.Errorf("--03-14 birthday = %v, want %v", got, want)
	}
	byName(t, b, "Linh Nguyen") // a base64 photo with indented continuation lines
}

func TestParseVCard_V4(t *testing.T) {
	b := parseFile(t, "import/nextcloud-contacts.vcf", "")
	r := byName(t, b, "María José García")
	c := r.Customer
	if got, want := c.Birthday, md(0, time.April, 15); got != want {
		t.Errorf("BDAY:--0415 = %v, want %v", got, want)
	}
	if got, want := c.Anniversary, md(2012, time.September, 8); got != want {
		t.Errorf("ANNIVERSARY = %v, want %v", got, want)
	}
	if c.Partner != "Javier" || c.Children != "Lucía, Pablo" {
		t.Errorf("partner, children = %q, %q", c.Partner, c.Children)
	}
	if got, want := c.Email, "majo@example.es"; got != want {
		t.Errorf("email = %q, want PREF=1 %q", got, want)
	}
	if got, want := c.Phone, "+34-612-345-678"; got != want {
		t.Errorf("phone = %q, want %q (tel: URI stripped)", got, want)
	}
	if got, want := strings.Join(c.Tags, "|"), "stammgast|vip|café|kuchen"; got != want {
		t.Errorf("tags = %q, want %q (an escaped comma separates categories too: writers escape them)", got, want)
	}
	if got, want := r.Notes[0].Text, "Allergic to nuts.\nPrefers the window table; likes to chat."; got != want {
		t.Errorf("note = %q, want %q", got, want)
	}

	b = parseFile(t, "import/thunderbird-contact.vcf", "")
	c = byName(t, b, "Piotr Kowalski").Customer
	if got, want := c.Anniversary, md(0, time.February, 29); got != want {
		t.Errorf("ANNIVERSARY;VALUE=DATE:--0229 = %v, want %v", got, want)
	}
	if got, want := c.Birthday, md(1990, time.February, 28); got != want {
		t.Errorf("BDAY;VALUE=DATE:1990-02-28 = %v, want %v", got, want)
	}
}

func TestParseCSV_Google(t *testing.T) {
	b := parseFile(t, "import/google-contacts.csv", "")
	if got, want := b.Format, "Google Contacts CSV"; got != want {
		t.Fatalf("format = %q, want %q", got, want)
	}
	if len(b.Errors) > 0 || len(b.Records) != 3 {
		t.Fatalf("records = %d, errors = %v", len(b.Records), b.Errors)
	}
	r := byName(t, b, "Grace Hopper")
	c := r.Customer
	if c.Birthday != md(1906, time.December, 9) || c.Anniversary != md(1930, time.June, 15) {
		t.Errorf("birthday, anniversary = %v, %v", c.Birthday, c.Anniversary)
	}
	if c.Partner != "Vincent" || c.Children != "Ann" || c.Nickname != "Amazing Grace" {
		t.Errorf("partner, children, nickname = %q, %q, %q", c.Partner, c.Children, c.Nickname)
	}
	if got, want := c.Email, "grace@example.com"; got != want {
		t.Errorf("email = %q, want the starred %q", got, want)
	}
	if got, want := strings.Join(c.Tags, "|"), "regulars|vip"; got != want {
		t.Errorf("tags = %q, want %q (Google's * myContacts left out)", got, want)
	}
	if len(r.Notes) != 1 || r.Notes[0].Text != "Black coffee, no sugar.\nAsk about the navy reunion." {
		t.Errorf("notes = %+v", r.Notes)
	}
	tom := byName(t, b, "Tom Baker").Customer
	if got, want := tom.Birthday, md(0, time.July, 1); got != want {
		t.Errorf("--07-01 = %v, want %v", got, want)
	}
	if got, want := tom.Phone, "07700 900123"; got != want {
		t.Errorf("phone = %q, want the first of \" ::: \" values %q", got, want)
	}
	byName(t, b, "Corner Bakery Ltd") // no person's name: the organisation's
}

func TestParseCSV_Square(t *testing.T) {
	b := parseFile(t, "import/square-customers.csv", "")
	if got, want := b.Format, "Square customer directory CSV"; got != want {
		t.Fatalf("format = %q, want %q", got, want)
	}
	if len(b.Errors) > 0 || len(b.Records) != 3 {
		t.Fatalf("records = %d, errors = %v", len(b.Records), b.Errors)
	}
	dana := byName(t, b, "Dana Whitfield")
	if got, want := dana.Customer.Birthday, md(0, time.April, 22); got != want {
		t.Errorf("MM-DD birthday = %v, want %v", got, want)
	}
	if len(dana.Visits) != 2 || dana.Visits[0].On.String() != "2023-02-01" || dana.Visits[1].On.String() != "2026-11-14" {
		t.Errorf("visits = %+v, want first and last visit", dana.Visits)
	}
	if len(dana.Notes) != 2 || dana.Notes[0].Text != "Always orders the lavender latte" ||
		dana.Notes[1].Text != "From Square: 48 visits, lifetime spend 1212.50, first visit 2023-02-01, last visit 2026-11-14." {
		t.Errorf("notes = %+v, want the memo and the visit summary", dana.Notes)
	}
	marcus := byName(t, b, "Marcus Lee")
	if len(marcus.Visits) != 1 {
		t.Errorf("same first and last visit: %d visits, want 1", len(marcus.Visits))
	}
	if got, want := byName(t, b, "Priya Raman").Customer.Birthday, md(1992, time.July, 19); got != want {
		t.Errorf("MM-DD-YYYY birthday = %v, want %v", got, want)
	}
}

func TestImport_BrokenCard(t *testing.T) {
	vcf := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad Date\r\nBDAY:1990-13-01\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:555\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\n"
	b, err := interchange.ParseVCard(strings.NewReader(vcf), interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range b.Errors {
		got = append(got, e.String())
	}
	// A birthday that is no date is kept in a note, with a warning: the
	// card imports.
	want := []string{
		"card 3 (line 10): the card has no name (FN, N, NICKNAME, ORG or EMAIL)",
		"card 4 (line 14) (Cut Short): the file ends before this card's END:VCARD",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(b.Records) != 2 {
		t.Errorf("good records = %d, want 2", len(b.Records))
	}
	if len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0].String(), "1990-13-01") {
		t.Errorf("warnings = %v, want one about the birthday", b.Warnings)
	}
}

func TestParse_Limits(t *testing.T) {
	t.Run("ErrFileTooLarge", func(t *testing.T) {
		data := strings.Repeat("BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n", 100)
		_, err := interchange.ParseVCard(strings.NewReader(data), interchange.Limits{MaxBytes: 1000})
		if msg := model.ErrorMessage(err); !strings.Contains(msg, "larger than 1000 bytes") {
			t.Errorf("error = %q", msg)
		}
		_, err = interchange.ParseCSV(strings.NewReader("Name\n"+strings.Repeat("Anna\n", 500)), interchange.Limits{MaxBytes: 1000})
		if msg := model.ErrorMessage(err); !strings.Contains(msg, "larger than 1000 bytes") {
			t.Errorf("error = %q", msg)
		}
		_, err = interchange.ParseJSON(strings.NewReader(`{"format":"regulars","version":1,"customers":[]}`+strings.Repeat(" ", 2000)), interchange.Limits{MaxBytes: 1000})
		if msg := model.ErrorMessage(err); !strings.Contains(msg, "larger than 1000 bytes") {
			t.Errorf("error = %q", msg)
		}
	})
	t.Run("ErrLineTooLong", func(t *testing.T) {
		data := "BEGIN:VCARD\r\nFN:A\r\nNOTE:" + strings.Repeat("x", 5000) + "\r\nEND:VCARD\r\n"
		_, err := interchange.ParseVCard(strings.NewReader(data), interchange.Limits{MaxLine: 1024})
		if msg := model.ErrorMessage(err); !strings.Contains(msg, "line 3 is longer than 1 KiB") {
			t.Errorf("error = %q", msg)
		}
		folded := "BEGIN:VCARD\r\nFN:A\r\nNOTE:" + strings.Repeat("xxxxxxxxx\r\n ", 500) + "\r\nEND:VCARD\r\n"
		_, err = interchange.ParseVCard(strings.NewReader(folded), interchange.Limits{MaxLine: 1024})
		if msg := model.ErrorMessage(err); !strings.Contains(msg, "starting on line 3 is longer than 1 KiB") {
			t.Errorf("folded: error = %q", msg)
		}
		_, err = interchange.ParseCSV(strings.NewReader("Name,Notes\nAnna,"+strings.Repeat("x", 5000)+"\n"), interchange.Limits{MaxLine: 1024})
		if msg := model.ErrorMessage(err); !strings.Contains(msg, "line 2 is longer than 1 KiB") {
			t.Errorf("csv: error = %q", msg)
		}
	})
	t.Run("ErrTooManyRecords", func(t *testing.T) {
		data := strings.Repeat("BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n", 11)
		_, err := interchange.ParseVCard(strings.NewReader(data), interchange.Limits{MaxRecords: 10})
		if msg := model.ErrorMessage(err); !strings.Contains(msg, "more than 10 cards") {
			t.Errorf("error = %q", msg)
		}
		_, err = interchange.ParseCSV(strings.NewReader("Name\n"+strings.Repeat("Anna\n", 11)), interchange.Limits{MaxRecords: 10})
		if msg := model.ErrorMessage(err); !strings.Contains(msg, "more than 10 rows") {
			t.Errorf("csv: error = %q", msg)
		}
	})
}

func TestParse_Sniff(t *testing.T) {
	for _, tc := range []struct{ data, format string }{
		{"\xef\xbb\xbfBEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n", "vCard (no version)"},
		{"\n  begin:vcard\nVERSION:4.0\nFN:A\nEND:VCARD\n", "vCard 4.0"},
		{`{"format":"regulars","version":1,"customers":[{"name":"A","created":"2026-11-23T10:00:00.000Z"}]}`, "Regulars JSON"},
		{"Name;Phone\nAnna;555 1234\n", "CSV"},
	} {
		b, err := interchange.Parse(strings.NewReader(tc.data), "", interchange.DefaultLimits)
		if err != nil {
			t.Errorf("%q: %v", tc.data, err)
			continue
		}
		if b.Format != tc.format || len(b.Records) != 1 || len(b.Errors) != 0 {
			t.Errorf("%q: format %q, %d records, errors %v; want %q and 1 record", tc.data, b.Format, len(b.Records), b.Errors, tc.format)
		}
	}
}

func TestImportDates(t *testing.T) {
	// Each exporter's way of writing a birthday, through a one-column CSV.
	for in, want := range map[string]model.MonthDay{
		"1986-04-15":           md(1986, time.April, 15),
		"19860415":             md(1986, time.April, 15),
		"--0415":               md(0, time.April, 15),
		"--04-15":              md(0, time.April, 15),
		"04-15":                md(0, time.April, 15),
		"0000-04-15":           md(0, time.April, 15),
		"04-15-1986":           md(1986, time.April, 15),
		"4/15/1986":            md(1986, time.April, 15),
		"1986-04-15T00:00:00Z": md(1986, time.April, 15),
		"--02-29":              md(0, time.February, 29),
		"15.04.1986":           md(1986, time.April, 15),
		"31.1.1972":            md(1972, time.January, 31),
	} {
		b, err := interchange.ParseCSV(strings.NewReader("Name,Birthday\nA,"+in+"\n"), interchange.DefaultLimits)
		if err != nil || len(b.Records) != 1 {
			t.Errorf("%q: %v %v", in, err, b.Errors)
			continue
		}
		if got := b.Records[0].Customer.Birthday; got != want {
			t.Errorf("%q = %v, want %v", in, got, want)
		}
	}
	for _, in := range []string{"1986-02-29", "04.15.1986", "--1304", "April 15", "1986-4"} {
		b, err := interchange.ParseCSV(strings.NewReader("Name,Birthday\nA,"+in+"\n"), interchange.DefaultLimits)
		if err != nil || len(b.Errors) != 1 {
			t.Errorf("%q: want one bad record, got %v %v", in, err, b.Errors)
		}
	}
}
