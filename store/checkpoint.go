package store

import (
	"context"
	"sync"
	"time"
)

// A commit in WAL mode appends pages to the -wal file; a checkpoint copies
// them into the notebook file and fsyncs it, so the -wal can start over.
// SQLite's own automatic checkpoint runs inside the commit that takes the
// -wal past 1,000 pages: that save then waits for a thousand pages to be
// copied and the notebook's fsync (8 ms, and 40 ms together with a
// full-text merge, at 100,000 customers). Here the checkpoints run in the
// background instead, a moment after the writes; a commit checkpoints
// itself only past walCapPages (see storeDSN), which keeps the -wal
// bounded when something writes without pause and the background never
// finds the whole -wal copied when a write begins (the -wal only starts
// over then).
//
// The background checkpoints are PASSIVE: they copy what no reader still
// needs and wait for no one, they leave the -wal's header alone (so
// PRAGMA data_version, and every Watch, sees no change: only commits
// change it), and a write may commit while one runs (SQLite's WAL allows
// one checkpointer beside one writer and its readers).

// walCapPages is the -wal's size, in pages, past which a commit checkpoints
// itself (wal_autocheckpoint on every connection of a Store).
const walCapPages = 4000

// When the background checkpoint runs: checkpointQuiet after the last
// write, or at the latest checkpointLatest after the first write it has
// not yet copied, even while writes go on.
var (
	checkpointQuiet  = 100 * time.Millisecond
	checkpointLatest = time.Second
)

// checkpointer runs a Store's background checkpoints.
type checkpointer struct {
	s             *Store
	quiet, latest time.Duration
	kick          chan struct{}
	stop          chan struct{}
	done          chan struct{}
	once          sync.Once
}

func newCheckpointer(s *Store) *checkpointer {
	c := &checkpointer{
		s:      s,
		quiet:  checkpointQuiet,
		latest: checkpointLatest,
		kick:   make(chan struct{}, 1),
		stop:   make(chan struct{}),
		done:   make(chan struct{}),
	}
	go c.run()
	return c
}

// wrote says a write was committed; it never waits.
func (c *checkpointer) wrote() {
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run() {
	defer close(c.done)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var first time.Time // the first write not yet copied; zero when none
	for {
		select {
		case <-c.stop:
			timer.Stop()
			return
		case <-c.kick:
			now := time.Now()
			if first.IsZero() {
				first = now
			}
			timer.Reset(min(c.quiet, max(0, c.latest-now.Sub(first))))
		case <-timer.C:
			first = time.Time{}
			c.s.checkpoint(context.Background())
		}
	}
}

// close stops the background checkpoints and waits for one running.
func (c *checkpointer) close() {
	c.once.Do(func() { close(c.stop) })
	<-c.done
}

// checkpoint copies the -wal's pages into the notebook file, as far as no
// reader still needs them (PASSIVE). It is only ever an optimisation: an
// error (another process checkpointing, the disk) is left for the next
// one, or for the commit that takes the -wal past walCapPages.
func (s *Store) checkpoint(ctx context.Context) (busy, frames, copied int, err error) {
	err = s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied)
	return busy, frames, copied, err
}
