package store

import (
	"context"
	"sync"
	"time"
)

// A commit in WAL mode appends pages to the -wal file; a checkpoint copies
// them into the notebook file and fsyncs it, so the -wal can start over.
// SQLite's own automatic checkpoint runs inside the commit that takes the
// -wal past 1,000 pages: that save then waits while a thousand pages are
// copied and the notebook file is fsynced (8 ms against a median save of
// 1.7 ms at 100,000 customers). Here the checkpoints run in the
// background instead, once the writes pause. A commit still checkpoints
// itself past walCapPages (see storeDSN): the -wal starts over only when
// a write begins with all of it copied, which a background checkpoint
// never manages if writes never pause, and the cap keeps it bounded then.
//
// The background checkpoints are PASSIVE: they copy what no reader still
// needs and wait for no one, they leave the -wal's header alone (so
// PRAGMA data_version, and every Watch, sees no change: only commits
// change it), and a write may commit while one runs (SQLite's WAL allows
// one checkpointer beside one writer and its readers).

// walCapPages is the -wal's size, in pages, past which a commit checkpoints
// itself (wal_autocheckpoint on every connection of a Store opened after
// it is set; tests lower it).
var walCapPages = 4000

// checkpointQuiet is how long the notebook must go without a write from
// this Store before the background checkpoint runs. There is no deadline
// while writes go on: a checkpoint beside a commit slows that commit's
// fsync (the disk does both), so a run of saves is left alone, and one
// that never pauses meets walCapPages.
var checkpointQuiet = 100 * time.Millisecond

// checkpointer runs a Store's background checkpoints.
type checkpointer struct {
	s     *Store
	quiet time.Duration
	kick  chan struct{}
	stop  chan struct{}
	done  chan struct{}
	once  sync.Once
}

func newCheckpointer(s *Store) *checkpointer {
	c := &checkpointer{
		s:     s,
		quiet: checkpointQuiet,
		kick:  make(chan struct{}, 1),
		stop:  make(chan struct{}),
		done:  make(chan struct{}),
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
	for {
		select {
		case <-c.stop:
			timer.Stop()
			return
		case <-c.kick:
			timer.Reset(c.quiet)
		case <-timer.C:
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
