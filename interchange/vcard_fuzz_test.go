package interchange_test

import (
	"bytes"
	"strings"
	"testing"

	"regulars/interchange"
)

// fuzzLimits keep each fuzz input cheap and reach the limit paths.
var fuzzLimits = interchange.Limits{MaxBytes: 64 << 10, MaxLine: 4 << 10, MaxRecords: 50}

// checkBatch holds for any input: records are valid customers, every
// problem says where it is, and nothing goes past the limits.
func checkBatch(t *testing.T, b *interchange.Batch, err error) {
	t.Helper()
	if err != nil {
		if b != nil {
			t.Fatalf("a batch and an error: %v", err)
		}
		if strings.HasPrefix(err.Error(), "internal") {
			t.Fatalf("internal error: %v", err)
		}
		return
	}
	if b.Read() > fuzzLimits.MaxRecords+1 {
		t.Fatalf("%d records read past the limit of %d", b.Read(), fuzzLimits.MaxRecords)
	}
	for _, r := range b.Records {
		c := r.Customer
		if err := c.Validate(); err != nil {
			t.Fatalf("%s: an invalid customer got through: %v", r.Where, err)
		}
		if r.Where == "" {
			t.Fatalf("a record without a place: %+v", r)
		}
		for _, n := range r.Notes {
			if err := n.Validate(); err != nil {
				t.Fatalf("%s: an invalid note got through: %v", r.Where, err)
			}
		}
	}
	for _, e := range b.Errors {
		if e.Where == "" || e.Reason == "" {
			t.Fatalf("an error without a place or reason: %+v", e)
		}
	}
}

func FuzzParseVCard(f *testing.F) {
	f.Add([]byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15\r\nEND:VCARD\r\n"))
	f.Add([]byte("BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:J=C3=BCr=\ngen\nEND:VCARD\n"))
	f.Add([]byte("BEGIN:VCARD\r\nitem1.X-ABRELATEDNAMES:Tom\r\nitem1.X-ABLabel:_$!<Spouse>!$_\r\nN:A\\;B;C\r\nEND:VCARD"))
	f.Add([]byte("BEGIN:VCARD\r\nFN:A\r\n BEGIN:VCARD\r\nAGENT:\r\nBEGIN:VCARD\r\nEND:VCARD\r\nEND:VCARD\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := interchange.ParseVCard(bytes.NewReader(data), fuzzLimits)
		checkBatch(t, b, err)
	})
}
