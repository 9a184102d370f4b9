package interchange_test

import (
	"bytes"
	"strings"
	"testing"

	"regulars/interchange"
)

func TestParseJSON_Refuses(t *testing.T) {
	head := `{"format":"regulars","version":1,"customers":[{"name":"A","created":"2026-11-23T10:00:00.000Z"}]}`
	for name, in := range map[string]string{
		"InvalidUTF8":  strings.Replace(head, `"A"`, "\"A\xff\"", 1),
		"TrailingData": head + `{"format":"regulars"}`,
		"TrailingText": head + "\nhello",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := interchange.ParseJSON(strings.NewReader(in), interchange.DefaultLimits)
			if err == nil {
				t.Fatal("read: want it refused")
			}
		})
	}
	t.Run("TrailingSpaceOK", func(t *testing.T) {
		if _, err := interchange.ParseJSON(strings.NewReader(head+"\n\n"), interchange.DefaultLimits); err != nil {
			t.Fatal(err)
		}
	})
}

func TestParseJSON_UID(t *testing.T) {
	in := `{"format":"regulars","version":2,"customers":[{"uid":"urn:uuid:0f3c6a4e-1111-4222-8333-444455556666","name":"Tom","created":"2026-11-23T10:00:00.000Z"}]}`
	b, err := interchange.ParseJSON(strings.NewReader(in), interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.Records[0].UID, "urn:uuid:0f3c6a4e-1111-4222-8333-444455556666"; got != want {
		t.Errorf("uid = %q, want %q", got, want)
	}
	var buf bytes.Buffer
	w, _ := interchange.NewJSONWriter(&buf)
	w.Write(&b.Records[0])
	w.Close()
	if !strings.Contains(buf.String(), `"uid": "urn:uuid:0f3c6a4e-1111-4222-8333-444455556666"`) {
		t.Errorf("written:\n%s\nwant the uid", buf.String())
	}
}

func TestWriteRejects_CSVAsWritten(t *testing.T) {
	in := "\"Name\",Phone,Birthday\r\nAna,555 1234,1990-01-01\r\n\"Bob\",\"555 9999\",1990-02-30\r\nRen\xe9e,555,1990-13-01\r\n"
	b, err := interchange.ParseCSV(strings.NewReader(in), interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := interchange.WriteRejects(&buf, b, b.Errors); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "\"Name\",Phone,Birthday\r\n\"Bob\",\"555 9999\",1990-02-30\r\nRen\xe9e,555,1990-13-01\r\n"; got != want {
		t.Errorf("rejects = %q, want the lines as they were %q", got, want)
	}
}
