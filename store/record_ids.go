package store

import (
	"context"
	"database/sql"

	"regulars/model"
)

// RecordRef names a record and whom it is about, for completing record ids.
type RecordRef struct {
	ID       model.RecordID
	Customer string
}

// RecentRecords lists the newest records of kind (every kind when kind is
// ""), at most limit of each: the removed ones when removed is true.
func (s *Store) RecentRecords(ctx context.Context, kind model.RecordKind, removed bool, limit int) ([]RecordRef, error) {
	var out []RecordRef
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		for _, k := range model.RecordKinds {
			if kind != "" && k != kind {
				continue
			}
			q := `SELECT r.id, c.name FROM ` + recordTables[k].table + ` r JOIN customers c ON c.id = r.customer_id ORDER BY r.id DESC LIMIT ?`
			args := []any{limit}
			if removed {
				q = `SELECT r.id, c.name FROM removed_records r JOIN customers c ON c.id = r.customer_id WHERE r.kind = ? ORDER BY r.removed_at DESC, r.id DESC LIMIT ?`
				args = []any{string(k), limit}
			}
			rows, err := tx.QueryContext(ctx, q, args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				r := RecordRef{ID: model.RecordID{Kind: k}}
				if err := rows.Scan(&r.ID.ID, &r.Customer); err != nil {
					rows.Close()
					return err
				}
				out = append(out, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}
