package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps statements prepared, one per query text, for the life of
// the Store: SQLite's parser and planner were nearly half of a card's read
// and a seventh of a week's queue. database/sql prepares each again on a
// pooled connection the first time a transaction there uses it, and keeps
// it. The card's texts are fixed; the week's change with the shape of the
// day (how many months a range spans, how many years a sum), so a few dozen
// cover a year. Past stmtCacheMax texts a new one is prepared for its call
// only.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

const stmtCacheMax = 256

// get returns query prepared on db, or nil when the cache is full.
func (c *stmtCache) get(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	if len(c.m) >= stmtCacheMax {
		return nil, nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err // not kept: the next call tries again
	}
	if c.m == nil {
		c.m = make(map[string]*sql.Stmt)
	}
	c.m[query] = st
	return st, nil
}

// preparedTx is a transaction whose queries run on the store's prepared
// statements; it falls back to the plain query when a text cannot be kept.
type preparedTx struct {
	*sql.Tx
	db    *sql.DB
	stmts *stmtCache
}

func (s *Store) preparedTx(tx *sql.Tx) preparedTx {
	return preparedTx{Tx: tx, db: s.db, stmts: &s.stmts}
}

func (p preparedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := p.stmts.get(ctx, p.db, query)
	if err != nil || st == nil {
		return p.Tx.QueryContext(ctx, query, args...)
	}
	return p.Tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

func (p preparedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := p.stmts.get(ctx, p.db, query)
	if err != nil || st == nil {
		return p.Tx.QueryRowContext(ctx, query, args...)
	}
	return p.Tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
}
