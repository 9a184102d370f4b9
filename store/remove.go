package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"regulars/model"
)

// Removing a record moves its row into removed_records and deletes it from
// its table: the triggers then keep last visit, counts, spend and the week's
// rollups right, and no query needs to know about removed rows. Restoring
// puts the row back under the same id and re-links what pointed at it.

// recordTables maps each kind of record to its table and to the column of
// week_items that can point at it.
var recordTables = map[model.RecordKind]struct{ table, weekCol string }{
	model.RecordNote:     {"notes", "note_id"},
	model.RecordVisit:    {"visits", "visit_id"},
	model.RecordThankYou: {"thank_yous", "thank_you_id"},
	model.RecordFeedback: {"feedback", "feedback_id"},
	model.RecordOutreach: {"outreach", "outreach_id"},
}

func recordTable(id model.RecordID) (table, weekCol string, err error) {
	t, ok := recordTables[id.Kind]
	if !ok || id.ID <= 0 {
		return "", "", model.Errorf(model.EINVALID, "%s is not a record id: use KIND:N, e.g. note:12", id)
	}
	return t.table, t.weekCol, nil
}

// removedLinks is what pointed at a removed record (their foreign keys are
// ON DELETE SET NULL), so restoring it can point them back.
type removedLinks struct {
	WeekItems []string `json:"week_items,omitempty"`
	ThankYous []int64  `json:"thank_yous,omitempty"`
}

// nextRecordID is the id a new record of kind gets: past every id its table
// holds and every removed one, so a removed record's id is never given to
// another and restoring it cannot collide.
func nextRecordID(ctx context.Context, tx *sql.Tx, kind model.RecordKind) (int64, error) {
	table, _, err := recordTable(model.RecordID{Kind: kind, ID: 1})
	if err != nil {
		return 0, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT max(id) FROM `+table+`), 0),
		coalesce((SELECT max(id) FROM removed_records WHERE kind = ?), 0)) + 1`, string(kind)).Scan(&id)
	return id, err
}

// RemoveRecord takes a record out of every view, count and rule; it can be
// brought back with RestoreRecord under the same id.
func (s *Store) RemoveRecord(ctx context.Context, id model.RecordID) error {
	table, weekCol, err := recordTable(id)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT * FROM `+table+` WHERE id = ?`, id.ID)
		if err != nil {
			return err
		}
		row, err := scanRowMap(rows)
		if err != nil {
			return err
		}
		if row == nil {
			if removed, err := isRemoved(ctx, tx, id); err != nil || removed {
				if err == nil {
					err = model.Errorf(model.ECONFLICT, "%s is already removed", id)
				}
				return err
			}
			return model.Errorf(model.ENOTFOUND, "there is no record %s", id)
		}
		var links removedLinks
		if links.WeekItems, err = queryStrings(ctx, tx, `SELECT id FROM week_items WHERE `+weekCol+` = ? ORDER BY id`, id.ID); err != nil {
			return err
		}
		if id.Kind == model.RecordVisit {
			if links.ThankYous, err = queryInts(ctx, tx, `SELECT id FROM thank_yous WHERE visit_id = ? ORDER BY id`, id.ID); err != nil {
				return err
			}
		}
		rowJSON, err := json.Marshal(row)
		if err != nil {
			return err
		}
		linksJSON, err := json.Marshal(links)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO removed_records (kind, id, customer_id, row, links, removed_at)
			VALUES (?, ?, ?, ?, ?, ?)`, string(id.Kind), id.ID, row["customer_id"], string(rowJSON), string(linksJSON), formatTime(s.Now())); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id.ID)
		return err
	})
}

// RestoreRecord brings a removed record back under the same id, with the
// week items and thank-yous that pointed at it pointing at it again.
func (s *Store) RestoreRecord(ctx context.Context, id model.RecordID) error {
	table, weekCol, err := recordTable(id)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var customerID int64
		var rowJSON, linksJSON string
		err := tx.QueryRowContext(ctx, `SELECT customer_id, row, links FROM removed_records WHERE kind = ? AND id = ?`,
			string(id.Kind), id.ID).Scan(&customerID, &rowJSON, &linksJSON)
		if err == sql.ErrNoRows {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE id = ?`, id.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return model.Errorf(model.ECONFLICT, "%s is not removed", id)
			}
			return model.Errorf(model.ENOTFOUND, "there is no removed record %s", id)
		}
		if err != nil {
			return err
		}
		cols, err := queryStrings(ctx, tx, `SELECT name FROM pragma_table_info(?)`, table)
		if err != nil {
			return err
		}
		dec := json.NewDecoder(bytes.NewReader([]byte(rowJSON)))
		dec.UseNumber() // STRICT tables: integers must go back as integers
		var row map[string]any
		if err := dec.Decode(&row); err != nil {
			return model.Errorf(model.EINVALID, "%s cannot be restored: its saved row is damaged", id)
		}
		row["id"], row["customer_id"] = id.ID, customerID
		if v, ok := row["visit_id"].(json.Number); ok && id.Kind == model.RecordThankYou {
			// The visit it thanked for may have been removed since.
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM visits WHERE id = ?`, v.String()).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				row["visit_id"] = nil
			}
		}
		var names, marks []string
		var args []any
		for _, c := range cols {
			v, ok := row[c]
			if !ok {
				continue // a column added since: its default
			}
			if n, ok := v.(json.Number); ok {
				if i, err := n.Int64(); err == nil {
					v = i
				} else if f, err := n.Float64(); err == nil {
					v = f
				}
			}
			names, marks, args = append(names, c), append(marks, "?"), append(args, v)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+strings.Join(names, ", ")+`) VALUES (`+strings.Join(marks, ", ")+`)`, args...); err != nil {
			return err
		}
		// What comes back must pass what typing it would.
		r, err := getRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := validateRecord(r); err != nil {
			return model.Errorf(model.EINVALID, "%s cannot be restored: %s", id, model.ErrorMessage(err))
		}
		var links removedLinks
		if err := json.Unmarshal([]byte(linksJSON), &links); err != nil {
			return model.Errorf(model.EINVALID, "%s cannot be restored: its saved links are damaged", id)
		}
		for _, w := range links.WeekItems {
			if _, err := tx.ExecContext(ctx, `UPDATE week_items SET `+weekCol+` = ? WHERE id = ? AND customer_id = ? AND `+weekCol+` IS NULL`,
				id.ID, w, customerID); err != nil {
				return err
			}
		}
		for _, t := range links.ThankYous {
			if _, err := tx.ExecContext(ctx, `UPDATE thank_yous SET visit_id = ? WHERE id = ? AND customer_id = ? AND visit_id IS NULL`,
				id.ID, t, customerID); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM removed_records WHERE kind = ? AND id = ?`, string(id.Kind), id.ID)
		return err
	})
}

func validateRecord(r model.Record) error {
	switch {
	case r.Note != nil:
		return r.Note.Validate()
	case r.Visit != nil:
		return r.Visit.Validate()
	case r.ThankYou != nil:
		return r.ThankYou.Validate()
	case r.Feedback != nil:
		return r.Feedback.Validate()
	case r.Outreach != nil:
		return r.Outreach.Validate()
	}
	return nil
}

func isRemoved(ctx context.Context, tx *sql.Tx, id model.RecordID) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM removed_records WHERE kind = ? AND id = ?`, string(id.Kind), id.ID).Scan(&n)
	return n > 0, err
}

// scanRowMap reads the first row of rows as column name → value, nil when
// there is none.
func scanRowMap(rows *sql.Rows) (map[string]any, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	if !rows.Next() {
		return nil, rows.Err()
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	row := make(map[string]any, len(cols))
	for i, c := range cols {
		if b, ok := vals[i].([]byte); ok {
			vals[i] = string(b)
		}
		row[c] = vals[i]
	}
	return row, rows.Close()
}

func queryStrings(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func queryInts(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// RemovedRecord is a record taken off a card that RestoreRecord can bring
// back.
type RemovedRecord struct {
	ID        model.RecordID
	RemovedAt time.Time
}

// RemovedRecords lists a customer's removed records, the latest first, so
// a view can offer to undo.
func (s *Store) RemovedRecords(ctx context.Context, customerID int64) ([]RemovedRecord, error) {
	var out []RemovedRecord
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT kind, id, removed_at FROM removed_records
			WHERE customer_id = ? ORDER BY removed_at DESC, kind, id DESC`, customerID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r RemovedRecord
			var kind, at string
			if err := rows.Scan(&kind, &r.ID.ID, &at); err != nil {
				return err
			}
			r.ID.Kind, r.RemovedAt = model.RecordKind(kind), parseTime(at)
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}
