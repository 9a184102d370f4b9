package store

import (
	"bufio"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"unicode/utf8"

	"regulars/model"
)

// Export writes the notebook in the given format.
func (s *Store) Export(ctx context.Context, format Format, w io.Writer) error {
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case FormatCSV:
		err = s.ExportCSV(ctx, bw)
	case FormatVCard:
		err = s.ExportVCard(ctx, bw)
	case FormatJSON:
		err = s.ExportJSON(ctx, bw)
	case FormatICS:
		err = s.ExportICS(ctx, bw)
	default:
		return model.Errorf(model.EINVALID, "cannot export %q: use csv, vcf, json or ics", format)
	}
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return model.Errorf(model.EINVALID, "writing the export: %v", err)
	}
	return nil
}

// activeCustomers returns the customers who are not archived, by id.
func activeCustomers(ctx context.Context, tx *sql.Tx) ([]model.Customer, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+customerCols+` FROM customers WHERE archived_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Customer
	for rows.Next() {
		c, err := scanCustomer(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

// WritePrivateFile writes a file with personal data: created 0600 in the
// target's folder under a temporary name and renamed into place once
// complete, so a failed export never leaves half a file, and an existing
// file of the same name is replaced only by a whole one.
func WritePrivateFile(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return model.Errorf(model.EINVALID, "cannot write to %s: %v", dir, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename, there is nothing to remove
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return model.Errorf(model.EINVALID, "cannot write %s: %v", path, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return model.Errorf(model.EINVALID, "cannot write %s: %v", path, err)
	}
	if err := f.Close(); err != nil {
		return model.Errorf(model.EINVALID, "cannot write %s: %v", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return model.Errorf(model.EINVALID, "cannot write %s: %v", path, err)
	}
	return nil
}

// foldWriter folds content lines longer than 75 octets, as vCard and
// iCalendar ask (RFC 6350 3.2, RFC 5545 3.1), never inside a UTF-8
// character. Each Write must be whole lines ending in CRLF.
type foldWriter struct {
	w io.Writer
}

const foldAt = 75

func (f foldWriter) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p)+len(p)/foldAt*3)
	col := 0
	for i := 0; i < len(p); {
		if p[i] == '\r' && i+1 < len(p) && p[i+1] == '\n' {
			out = append(out, '\r', '\n')
			col = 0
			i += 2
			continue
		}
		_, size := utf8.DecodeRune(p[i:])
		if col+size > foldAt {
			out = append(out, '\r', '\n', ' ')
			col = 1
		}
		out = append(out, p[i:i+size]...)
		col += size
		i += size
	}
	if _, err := f.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
