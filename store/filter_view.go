package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
)

// errChangesReset is a change log that went back (the file was replaced,
// say by a restore): only a rebuild knows what the notebook holds.
var errChangesReset = errors.New("the change log went back")

// refresh returns v with the customers written since v.seq read again, or
// v itself when nothing the filter reads has changed. All is read in one
// read transaction, so the overlay is the notebook as of its seq.
func (v *filterView) refresh(ctx context.Context, s *Store) (*filterView, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM customer_changes`).Scan(&seq); err != nil {
		return nil, err
	}
	switch {
	case seq < v.seq:
		return nil, errChangesReset
	case seq == v.seq:
		return v, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT customer_id FROM customer_changes WHERE seq > ?`, v.seq)
	if err != nil {
		return nil, err
	}
	changed := slices.Clone(v.changed)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		changed = append(changed, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.Sort(changed)
	changed = slices.Compact(changed)

	base := v.base
	over := &filterSnapshot{today: base.today, year: base.year}
	if err := over.read(ctx, tx, changed); err != nil {
		return nil, err
	}
	nv := &filterView{base: base, seq: seq, changed: changed, dirty: newBitset(base.n), over: over}
	for _, id := range changed {
		if slot, ok := slices.BinarySearch(base.ids, id); ok {
			nv.dirty.set(uint32(slot))
		}
	}
	return nv, nil
}

// match returns the slots of the base (the changed ones masked out) and of
// the overlay that q's filter matches.
func (v *filterView) match(q SearchQuery) (base, over bitset, ok bool, err error) {
	base, ok, err = v.base.match(q)
	if err != nil || !ok || v.over == nil {
		return base, nil, ok, err
	}
	base.andNot(v.dirty)
	over, ok, err = v.over.match(q)
	return base, over, ok, err
}

// pick is one row of a page: a slot of the base or of the overlay.
type pick struct {
	over bool
	slot uint32
}

// page returns up to want rows of the matches in the order's place offset
// on: the base's walk, with the overlay's matches (few, in the same order)
// merged in where they belong.
func (v *filterView) page(base, over bitset, sort Sort, offset, want int) []pick {
	var picks []pick
	if v.over == nil || over.count() == 0 {
		v.base.walk(base, sort, offset, func(s uint32) bool {
			picks = append(picks, pick{slot: s})
			return len(picks) < want
		})
		return picks
	}
	ov := v.over.page(over, sort, 0, offset+want)
	skip, i := offset, 0
	take := func(p pick) bool {
		if skip > 0 {
			skip--
			return true
		}
		picks = append(picks, p)
		return len(picks) < want
	}
	full := false
	v.base.walk(base, sort, 0, func(s uint32) bool {
		key := v.base.key(s)
		for ; i < len(ov) && compareKeys(sort, v.over.key(ov[i]), key) < 0; i++ {
			if !take(pick{over: true, slot: ov[i]}) {
				full = true
				return false
			}
		}
		if !take(pick{slot: s}) {
			full = true
			return false
		}
		return true
	})
	for ; !full && i < len(ov); i++ {
		if !take(pick{over: true, slot: ov[i]}) {
			break
		}
	}
	return picks
}

// orderKey is what the list's orders compare of a customer.
type orderKey struct {
	name  string
	id    int64
	last  uint32 // YYYYMMDD, 0 when they never visited
	spend int64
}

func (x *filterSnapshot) key(s uint32) orderKey {
	return orderKey{name: x.rowText.at(int(s) * 3), id: x.ids[s], last: x.rows[s].last, spend: x.rows[s].spendYear}
}

// compareKeys orders two customers as the snapshot's orders do (read):
// by name (NOCASE, then id); by last visit, newest first, those who never
// came after, ties by name; by spend this year, highest first, those who
// spent nothing after, ties by name.
func compareKeys(sort Sort, a, b orderKey) int {
	byName := func() int { return cmp.Or(compareNocase(a.name, b.name), cmp.Compare(a.id, b.id)) }
	head := func(ina, inb bool, c int) int {
		switch {
		case ina && !inb:
			return -1
		case !ina && inb:
			return 1
		case ina && c != 0:
			return c
		}
		return byName()
	}
	switch sort {
	case ByLastVisit:
		return head(a.last != 0, b.last != 0, cmp.Compare(b.last, a.last))
	case BySpendYear:
		return head(a.spend > 0, b.spend > 0, cmp.Compare(b.spend, a.spend))
	}
	return byName()
}
