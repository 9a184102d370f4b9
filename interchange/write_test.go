package interchange_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"regulars/interchange"
	"regulars/model"
)

var writeNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// writeAll writes recs in a format and returns the file.
func writeAll(tb testing.TB, format interchange.Format, recs ...interchange.Record) ([]byte, error) {
	tb.Helper()
	var buf bytes.Buffer
	w, err := interchange.NewWriter(&buf, format, writeNow)
	if err != nil {
		return nil, err
	}
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func customerRecord(name string) interchange.Record {
	return interchange.Record{Customer: model.Customer{Name: name, Created: writeNow}}
}

// TestJSONWriter_Streams: writing one customer at a time gives the bytes
// encoding/json gives for the whole notebook at once (indented by two
// spaces, HTML left alone), so exports stay comparable with older ones.
func TestJSONWriter_Streams(t *testing.T) {
	for n := 0; n <= 3; n++ {
		var recs []interchange.Record
		for i := 0; i < n; i++ {
			rec := customerRecord("Customer <" + strings.Repeat("&", i) + ">")
			rec.Notes = []model.Note{{Text: "a note", Created: writeNow}}
			recs = append(recs, rec)
		}
		got, err := writeAll(t, interchange.FormatJSON, recs...)
		if err != nil {
			t.Fatal(err)
		}
		var compact, want bytes.Buffer
		if err := json.Compact(&compact, got); err != nil {
			t.Fatalf("%d customers: not JSON: %v\n%s", n, err, got)
		}
		if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		want.WriteByte('\n')
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%d customers:\n--- got ---\n%s\n--- want ---\n%s", n, got, want.Bytes())
		}
		if n >= 2 && !bytes.Contains(got, []byte(`"Customer <&>"`)) {
			t.Errorf("HTML characters escaped:\n%s", got)
		}
		if n == 0 && !bytes.Contains(got, []byte(`"customers": []`)) {
			t.Errorf("no customers: want an empty list, got\n%s", got)
		}
		b, err := interchange.ParseJSON(bytes.NewReader(got), interchange.DefaultLimits)
		if err != nil || len(b.Records) != n || len(b.Errors) != 0 {
			t.Fatalf("%d customers: read back %v, %v", n, b, err)
		}
		for i := range b.Records {
			if got, want := b.Records[i].Customer.Name, recs[i].Customer.Name; got != want {
				t.Errorf("customer %d = %q, want %q", i+1, got, want)
			}
		}
	}
}

func TestCSVWriter_FormulaGuard(t *testing.T) {
	rec := customerRecord("=1+2")
	rec.Customer.Usual, rec.Customer.Tags = "-2 sugars", []string{"'quoted"}
	data, err := writeAll(t, interchange.FormatCSV, rec)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rows), 2; got != want {
		t.Fatalf("%d rows, want %d (header and one customer)", got, want)
	}
	if got, want := rows[1][0]+" "+rows[1][9]+" "+rows[1][10], "'=1+2 '-2 sugars ''quoted"; got != want {
		t.Errorf("cells = %q, want %q", got, want)
	}
	b, err := interchange.ParseCSV(bytes.NewReader(data), interchange.DefaultLimits)
	if err != nil || len(b.Records) != 1 {
		t.Fatalf("read back: %v, %v", b, err)
	}
	if c := b.Records[0].Customer; c.Name != "=1+2" || c.Usual != "-2 sugars" || strings.Join(c.Tags, ",") != "'quoted" {
		t.Errorf("read back %+v: the guard is not undone", c)
	}
}

// TestVCardWriter: archived customers and private notes stay out of cards;
// notes go oldest first.
func TestVCardWriter(t *testing.T) {
	anna := customerRecord("Anna")
	anna.Notes = []model.Note{
		{Text: "newer", Created: writeNow.Add(time.Hour)},
		{Text: "private", Created: writeNow, Private: true},
		{Text: "older", Created: writeNow},
	}
	gone := customerRecord("Gone")
	gone.Customer.Archived = true
	data, err := writeAll(t, interchange.FormatVCard, anna, gone)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(data), "BEGIN:VCARD"); got != 1 {
		t.Errorf("%d cards, want 1 (the archived customer left out)", got)
	}
	if strings.Contains(string(data), "private") {
		t.Errorf("a private note was written:\n%s", data)
	}
	if i, j := strings.Index(string(data), "NOTE:older"), strings.Index(string(data), "NOTE:newer"); i < 0 || j < i {
		t.Errorf("notes not oldest first:\n%s", data)
	}
	uid := "UID:urn:uuid:" + interchange.CustomerUID(&anna.Customer)
	if !strings.Contains(string(data), uid) {
		t.Errorf("the card lacks %s", uid)
	}
}

func TestICSWriter(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		rec := customerRecord("Anna")
		rec.Customer.Birthday = model.MonthDay{Month: time.April, Day: 15}
		data, err := writeAll(t, interchange.FormatICS, rec)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"DTSTART;VALUE=DATE:20260415", "DTSTAMP:20261123T100000Z", "SUMMARY:Birthday: Anna"} {
			if !strings.Contains(string(data), want) {
				t.Errorf("calendar lacks %q:\n%s", want, data)
			}
		}
	})
	t.Run("ErrNothingToExport", func(t *testing.T) {
		gone := customerRecord("Gone")
		gone.Customer.Archived, gone.Customer.Birthday = true, model.MonthDay{Month: time.May, Day: 1}
		_, err := writeAll(t, interchange.FormatICS, customerRecord("Anna"), gone)
		if got, want := model.ErrorCode(err), model.EINVALID; got != want || !strings.Contains(model.ErrorMessage(err), "no customer has a birthday") {
			t.Errorf("error = %v, want %s about no birthdays", err, want)
		}
	})
}

func TestNewWriter_ErrUnknownFormat(t *testing.T) {
	_, err := interchange.NewWriter(&bytes.Buffer{}, "xls", writeNow)
	if got, want := model.ErrorCode(err), model.EINVALID; got != want {
		t.Errorf("error code = %q (%v), want %q", got, err, want)
	}
}
