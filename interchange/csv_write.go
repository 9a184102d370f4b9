package interchange

import (
	"encoding/csv"
	"io"
	"strings"
)

// CSVWriter writes one customer a row under a header, archived customers
// included, in a form a spreadsheet opens safely and import reads back
// unchanged. Notes and visits are not in the CSV: the JSON export has them.
type CSVWriter struct {
	cw *csv.Writer
}

// NewCSVWriter writes the header row.
func NewCSVWriter(w io.Writer) (*CSVWriter, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvColumns); err != nil {
		return nil, writeError(err)
	}
	return &CSVWriter{cw: cw}, nil
}

// Write writes the customer's row.
func (w *CSVWriter) Write(rec *Record) error {
	c := &rec.Customer
	archived := ""
	if c.Archived {
		archived = "yes"
	}
	row := []string{c.Name, c.Nickname, c.Phone, c.Email, c.Birthday.String(), c.Anniversary.String(),
		c.Partner, c.Children, c.Interests, c.Usual, strings.Join(c.Tags, ", "), formatTime(c.Created), archived}
	for i := range row {
		row[i] = SpreadsheetSafe(row[i])
	}
	return writeError(w.cw.Write(row))
}

// Close flushes the rows.
func (w *CSVWriter) Close() error {
	w.cw.Flush()
	return writeError(w.cw.Error())
}

// SpreadsheetSafe keeps a spreadsheet from running a cell as a formula: a
// cell starting with = + - @ tab or carriage return gets a leading
// apostrophe, which spreadsheets hide and import removes. A cell that starts
// with an apostrophe gets one too, so removing it gives the cell back.
func SpreadsheetSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return "'" + s
	}
	return s
}
