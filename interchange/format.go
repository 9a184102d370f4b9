package interchange

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"regulars/model"
)

// Format names a file format.
type Format string

// The formats import and export know.
const (
	FormatVCard Format = "vcf"
	FormatCSV   Format = "csv"
	FormatJSON  Format = "json"
	FormatICS   Format = "ics" // export only
)

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), ".")) {
	case "vcf", "vcard", "vcards":
		return FormatVCard, nil
	case "csv":
		return FormatCSV, nil
	case "json":
		return FormatJSON, nil
	case "ics", "ical", "icalendar":
		return FormatICS, nil
	}
	return "", model.Errorf(model.EINVALID, "unknown format %q: use vcf, csv, json or ics", s)
}

// FormatOfName returns the format a file name's extension says, or "".
func FormatOfName(name string) Format {
	f, err := ParseFormat(filepath.Ext(name))
	if err != nil || filepath.Ext(name) == "" {
		return ""
	}
	return f
}

// SniffFormat guesses an import format from the first bytes of a file.
func SniffFormat(head []byte) Format {
	head = bytes.TrimPrefix(head, utf8BOM)
	head = bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(head) >= 11 && strings.EqualFold(string(head[:11]), "BEGIN:VCARD"):
		return FormatVCard
	case len(head) > 0 && head[0] == '{':
		return FormatJSON
	}
	return FormatCSV
}

var utf8BOM = []byte("\xef\xbb\xbf")

// Parse reads a file in the given format; "" sniffs it from the content.
func Parse(r io.Reader, format Format, lim Limits) (*Batch, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(2); len(head) == 2 && (head[0] == 0xff && head[1] == 0xfe || head[0] == 0xfe && head[1] == 0xff) {
		// UTF-16, as Windows' "Unicode" text and Outlook write: decoded by
		// its byte-order mark.
		br = bufio.NewReaderSize(transform.NewReader(br, unicode.BOMOverride(unicode.UTF8.NewDecoder())), 64<<10)
	}
	if format == "" {
		head, _ := br.Peek(512)
		format = SniffFormat(head)
	}
	switch format {
	case FormatVCard:
		return ParseVCard(br, lim)
	case FormatCSV:
		return ParseCSV(br, lim)
	case FormatJSON:
		return ParseJSON(br, lim)
	}
	return nil, model.Errorf(model.EINVALID, "cannot import %s files: import reads vcf, csv and json", format)
}

// Writer writes customers one at a time in a format. A format leaves out
// what it does not carry: vCard and iCalendar skip archived customers,
// vCard private notes, CSV everything but the customer.
type Writer interface {
	Write(rec *Record) error
	// Close ends the file; it does not close what it writes to.
	Close() error
}

// NewWriter starts a file in the given format. now is when the file is
// written: the calendar stamps its events with it and starts yearly events
// without a known year in its year.
func NewWriter(w io.Writer, format Format, now time.Time) (Writer, error) {
	switch format {
	case FormatCSV:
		return NewCSVWriter(w)
	case FormatVCard:
		return NewVCardWriter(w), nil
	case FormatJSON:
		return NewJSONWriter(w)
	case FormatICS:
		return NewICSWriter(w, now), nil
	}
	return nil, model.Errorf(model.EINVALID, "cannot export %q: use csv, vcf, json or ics", format)
}

// writeError is what a failed write of an export says.
func writeError(err error) error {
	if err == nil {
		return nil
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	return model.Errorf(model.EINVALID, "writing the export: %v", err)
}
