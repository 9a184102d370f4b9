package store

import (
	"context"
	"database/sql"
	"encoding/csv"
	"io"
	"strings"

	"regulars/model"
)

// ExportCSV writes one customer a row under a header, archived customers
// included, in a form a spreadsheet opens safely and import reads back
// unchanged. Notes and visits are not in the CSV: the JSON export has them.
func (s *Store) ExportCSV(ctx context.Context, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvColumns); err != nil {
		return model.Errorf(model.EINVALID, "writing the export: %v", err)
	}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, `SELECT `+customerCols+` FROM customers ORDER BY id`, func(r *sql.Rows) error {
			c, err := scanCustomer(r)
			if err != nil {
				return err
			}
			archived := ""
			if c.Archived {
				archived = "yes"
			}
			row := []string{c.Name, c.Nickname, c.Phone, c.Email, c.Birthday.String(), c.Anniversary.String(),
				c.Partner, c.Children, c.Interests, c.Usual, strings.Join(c.Tags, ", "), formatTime(c.Created), archived}
			for i := range row {
				row[i] = spreadsheetSafe(row[i])
			}
			return cw.Write(row)
		})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return model.Errorf(model.EINVALID, "writing the export: %v", err)
	}
	return nil
}

// spreadsheetSafe keeps a spreadsheet from running a cell as a formula: a
// cell starting with = + - @ tab or carriage return gets a leading
// apostrophe, which spreadsheets hide and import removes. A cell that starts
// with an apostrophe gets one too, so removing it gives the cell back.
func spreadsheetSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return "'" + s
	}
	return s
}
