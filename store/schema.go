package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"fmt"
	"strings"

	"regulars/model"
)

// A notebook file is trusted only when its schema is exactly one that this
// program's migrations made: a trigger, view, index or changed CHECK that
// someone slipped into a backup would otherwise run inside every later
// write (and ride along into every later backup). schema/N.json is the
// sqlite_schema of a notebook at version N, written by TestSchemaFiles
// (go test ./store -run TestSchemaFiles -update) from the migrations
// themselves, so a change to a migration shows in review.

//go:embed schema/*.json
var schemaFS embed.FS

// schemaObject is one row of sqlite_schema.
type schemaObject struct {
	Type  string `json:"type"`
	Name  string `json:"name"`
	Table string `json:"table"`
	SQL   string `json:"sql,omitempty"`
}

func (o schemaObject) String() string { return o.Type + " " + o.Name }

// expectedSchemaFile is schema/N.json for a notebook at version v.
func expectedSchemaFile(v int) ([]byte, error) {
	body, err := schemaFS.ReadFile(fmt.Sprintf("schema/%d.json", v))
	if err != nil {
		return nil, model.Errorf(model.EINTERNAL, "no schema for notebook version %d", v)
	}
	return body, nil
}

// encodeSchema writes objs as schema/N.json holds them.
func encodeSchema(objs []schemaObject) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "\t")
	if err := enc.Encode(objs); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// expectedSchema is the schema of a notebook at version v.
func expectedSchema(v int) ([]schemaObject, error) {
	body, err := expectedSchemaFile(v)
	if err != nil {
		return nil, err
	}
	var objs []schemaObject
	if err := json.Unmarshal(body, &objs); err != nil {
		return nil, model.Errorf(model.EINTERNAL, "schema for notebook version %d: %v", v, err)
	}
	return objs, nil
}

type schemaReader interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// readSchema reads a database's sqlite_schema in a stable order.
func readSchema(ctx context.Context, q schemaReader) ([]schemaObject, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var objs []schemaObject
	for rows.Next() {
		var o schemaObject
		var text sql.NullString
		if err := rows.Scan(&o.Type, &o.Name, &o.Table, &text); err != nil {
			return nil, err
		}
		o.SQL = text.String
		objs = append(objs, o)
	}
	return objs, rows.Err()
}

// schemaDiff lists how have differs from want, in words: what is there that
// Regulars did not make, what is missing, what was changed.
func schemaDiff(have, want []schemaObject) []string {
	key := func(o schemaObject) string { return o.Type + "\x00" + o.Name }
	wanted := map[string]schemaObject{}
	for _, o := range want {
		wanted[key(o)] = o
	}
	var diff []string
	seen := map[string]bool{}
	for _, o := range have {
		seen[key(o)] = true
		w, ok := wanted[key(o)]
		switch {
		case !ok:
			diff = append(diff, "unexpected "+o.String())
		case w != o:
			diff = append(diff, o.String()+" differs from the one Regulars made")
		}
	}
	// A missing table is named, not the indexes and triggers that went
	// with it.
	gone := map[string]bool{}
	for _, o := range want {
		if !seen[key(o)] && o.Type == "table" {
			gone[o.Name] = true
			diff = append(diff, "missing "+o.String())
		}
	}
	for _, o := range want {
		if !seen[key(o)] && o.Type != "table" && !gone[o.Table] {
			diff = append(diff, "missing "+o.String())
		}
	}
	return diff
}

// checkSchema refuses a database whose schema is not exactly that of a
// notebook at version v.
func checkSchema(ctx context.Context, q schemaReader, path string, v int) error {
	have, err := readSchema(ctx, q)
	if err != nil {
		return err
	}
	// Every open checks: the schema read, written as schema/N.json is
	// written, is compared with the file's bytes (TestSchemaFiles keeps
	// them the same). Parsing the file and listing the differences is left
	// for a notebook that does not match.
	file, err := expectedSchemaFile(v)
	if err != nil {
		return err
	}
	if enc, err := encodeSchema(have); err == nil && bytes.Equal(enc, file) {
		return nil
	}
	want, err := expectedSchema(v)
	if err != nil {
		return err
	}
	diff := schemaDiff(have, want)
	if len(diff) == 0 {
		return nil
	}
	return model.Errorf(model.EINVALID, "%s is not a notebook as Regulars makes it (notebook version %d): %s",
		path, v, listDiff(diff))
}

// checkRows refuses a notebook whose rows would not pass the checks typed
// input passes: references that lead nowhere, customers that break the
// domain's rules. Run on a notebook about to be restored, before anything is
// replaced.
func checkRows(ctx context.Context, db *sql.DB, path string) error {
	rows, err := db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	var broken []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			rows.Close()
			return err
		}
		broken = append(broken, fmt.Sprintf("%s row %d points at a %s row that does not exist", table, rowid.Int64, parent))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	cols, err := customerColsIn(ctx, db)
	if err != nil {
		return err
	}
	crows, err := db.QueryContext(ctx, `SELECT `+cols+` FROM customers ORDER BY id`)
	if err != nil {
		return err
	}
	defer crows.Close()
	for crows.Next() && len(broken) < 10 {
		c, err := scanCustomer(crows)
		if err != nil {
			return err
		}
		id := c.ID
		if err := c.Validate(); err != nil {
			broken = append(broken, fmt.Sprintf("customer %d: %s", id, model.ErrorMessage(err)))
		}
	}
	if err := crows.Err(); err != nil {
		return err
	}
	var notes int64
	err = db.QueryRowContext(ctx, `SELECT id FROM notes WHERE length(text) > ? LIMIT 1`, model.MaxNoteLen).Scan(&notes)
	if err == nil {
		broken = append(broken, fmt.Sprintf("note %d is longer than %d characters", notes, model.MaxNoteLen))
	} else if err != sql.ErrNoRows {
		return err
	}
	if len(broken) > 0 {
		return model.Errorf(model.EINVALID, "%s holds records Regulars would not have written: %s", path, listDiff(broken))
	}
	return nil
}

// listDiff joins the first few findings and counts the rest.
func listDiff(diff []string) string {
	const show = 5
	if len(diff) <= show {
		return strings.Join(diff, "; ")
	}
	return strings.Join(diff[:show], "; ") + fmt.Sprintf("; and %d more", len(diff)-show)
}

// customerColsIn is customerCols for a notebook of any version: a column a
// later migration added reads as its default (NULL for referred_by, empty
// text for the address), so a backup made before it can still be checked.
func customerColsIn(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_info('customers')`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return "", err
		}
		have[name] = true
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	var cols []string
	for _, c := range strings.Split(customerCols, ",") {
		c = strings.TrimSpace(c)
		switch {
		case have[c]:
		case c == "referred_by":
			c = "NULL"
		default:
			c = "''"
		}
		cols = append(cols, c)
	}
	return strings.Join(cols, ", "), nil
}
