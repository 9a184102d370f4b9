package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"regulars/model"
)

// walIndex reads, from the notebook's -shm file, how many frames the -wal
// holds (mxFrame) and how many of them a checkpoint has copied into the
// notebook file (nBackfill): https://www.sqlite.org/walformat.html, the
// wal-index header (native byte order). Reading it takes no lock and
// changes nothing.
func walIndex(t *testing.T, path string) (frames, copied uint32) {
	t.Helper()
	b, err := os.ReadFile(path + "-shm")
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 100 {
		t.Fatalf("%s-shm is %d bytes", path, len(b))
	}
	return binary.NativeEndian.Uint32(b[16:]), binary.NativeEndian.Uint32(b[96:])
}

// slowCheckpoints moves the background checkpoints of the Stores the test
// opens after it out of its way (an hour after the last write).
func slowCheckpoints(t *testing.T) {
	quiet := checkpointQuiet
	checkpointQuiet = time.Hour
	t.Cleanup(func() { checkpointQuiet = quiet })
}

func openTest(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newCustomer(t *testing.T, s *Store, name string) int64 {
	t.Helper()
	c := &model.Customer{Name: name}
	if err := s.CreateCustomer(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func addNote(t testing.TB, s *Store, id int64, text string) {
	t.Helper()
	if err := s.AddNote(context.Background(), &model.Note{CustomerID: id, Text: text}); err != nil {
		t.Fatal(err)
	}
}

func countNotes(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM notes`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A save leaves the checkpoint to the background: with well over the 1,000
// pages at which SQLite's automatic checkpoint would copy the -wal inside a
// commit, no commit has copied a page.
func TestSavesDoNotCheckpoint(t *testing.T) {
	slowCheckpoints(t)
	path := filepath.Join(t.TempDir(), "regulars.db")
	s := openTest(t, path)
	s.checkpoint(context.Background()) // what Open wrote
	id := newCustomer(t, s, "Ada Lovelace")
	for i := 0; ; i++ {
		addNote(t, s, id, fmt.Sprintf("note %d about the analytical engine and its punched cards", i))
		if frames, _ := walIndex(t, path); frames > 1500 {
			break
		}
		if i > 1000 {
			t.Fatalf("the -wal never passed 1,500 frames in %d saves", i)
		}
	}
	if frames, copied := walIndex(t, path); copied != 0 {
		t.Fatalf("a commit checkpointed: %d of %d frames copied", copied, frames)
	}
}

// The background checkpoint copies a save into the notebook file soon
// after it, with no further write and no Close.
func TestCheckpointInBackground(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	s := openTest(t, path)
	id := newCustomer(t, s, "Grace Hopper")
	addNote(t, s, id, "Brought the bug in a logbook")
	deadline := time.Now().Add(5 * time.Second)
	for {
		frames, copied := walIndex(t, path)
		if frames > 0 && copied == frames {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("5 s after the save, %d of the -wal's %d frames are copied", copied, frames)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A process that writes without pause, with no background checkpoint ever
// finding the -wal copied, still keeps the -wal under walCapPages (and the
// pages of the commit that passed it). The cap is lowered to 300 pages to
// keep the test short.
func TestWALBoundedUnderWrites(t *testing.T) {
	slowCheckpoints(t)
	capPages := walCapPages
	walCapPages = 300
	t.Cleanup(func() { walCapPages = capPages })
	path := filepath.Join(t.TempDir(), "regulars.db")
	s := openTest(t, path)
	id := newCustomer(t, s, "Katherine Johnson")
	var most, last, written uint32
	for i := 0; written < 5*300; i++ {
		addNote(t, s, id, fmt.Sprintf("note %d: trajectories for Friendship 7, checked by hand", i))
		frames, _ := walIndex(t, path)
		if frames >= last {
			written += frames - last
		} else { // the -wal started over
			written += frames
		}
		last, most = frames, max(most, frames)
	}
	t.Logf("%d frames written, the -wal held at most %d", written, most)
	if most > 300+50 {
		t.Fatalf("the -wal reached %d frames, over the cap of 300", most)
	}
	fi, err := os.Stat(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	if limit := int64(300+50) * (4096 + 24); fi.Size() > limit {
		t.Fatalf("the -wal file is %d bytes, over %d", fi.Size(), limit)
	}
}

// Close copies what the Store wrote into the notebook file even while
// another program keeps the notebook open (when the last one closes,
// SQLite checkpoints and removes the -wal itself).
func TestCloseCheckpoints(t *testing.T) {
	slowCheckpoints(t)
	path := filepath.Join(t.TempDir(), "regulars.db")
	other := openTest(t, path) // the interface, say, open all along
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	id := newCustomer(t, s, "Hedy Lamarr")
	addNote(t, s, id, "Frequency hopping, on a player piano's rolls")
	if frames, copied := walIndex(t, path); frames == 0 || copied == frames {
		t.Fatalf("before Close: %d of %d frames copied; want some left", copied, frames)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if frames, copied := walIndex(t, path); copied != frames {
		t.Fatalf("after Close: %d of the -wal's %d frames copied", copied, frames)
	}
	if n := countNotes(t, other); n != 1 {
		t.Fatalf("the other store sees %d notes, want 1", n)
	}
}

// Another Store (another process, another person's session) sees every
// save, and its Watch says so once per write: a checkpoint is no change.
func TestCheckpointSeenByOtherStore(t *testing.T) {
	slowCheckpoints(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "regulars.db")
	s := openTest(t, path)
	other := openTest(t, path)
	w := other.Watch()
	defer w.Close()
	if _, err := w.Changed(ctx); err != nil {
		t.Fatal(err)
	}
	id := newCustomer(t, s, "Mary Somerville")
	for i := 1; i <= 3; i++ {
		addNote(t, s, id, fmt.Sprintf("note %d", i))
		if changed, err := w.Changed(ctx); err != nil || !changed {
			t.Fatalf("after save %d the other store's Watch says changed=%v (%v)", i, changed, err)
		}
		// Copy the save into the notebook file, from either side.
		for _, c := range []*Store{s, other} {
			if busy, frames, copied, err := c.checkpoint(ctx); err != nil || busy != 0 || copied != frames {
				t.Fatalf("checkpoint: busy %d, %d of %d frames, %v", busy, copied, frames, err)
			}
		}
		if changed, err := w.Changed(ctx); err != nil || changed {
			t.Fatalf("after the checkpoint of save %d the Watch says changed=%v (%v)", i, changed, err)
		}
		if n := countNotes(t, other); n != i {
			t.Fatalf("the other store sees %d notes, want %d", n, i)
		}
	}
	// And a Close, which checkpoints, is no change either.
	third, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	addNote(t, third, id, "note 4")
	if changed, err := w.Changed(ctx); err != nil || !changed {
		t.Fatalf("after a save from a third store the Watch says changed=%v (%v)", changed, err)
	}
	if err := third.Close(); err != nil {
		t.Fatal(err)
	}
	if changed, err := w.Changed(ctx); err != nil || changed {
		t.Fatalf("after the third store's Close the Watch says changed=%v (%v)", changed, err)
	}
	if n := countNotes(t, other); n != 4 {
		t.Fatalf("the other store sees %d notes, want 4", n)
	}
}

// Saves from another Store while checkpoints run, one after another, are
// all kept: in the notebook after every Store has closed, and intact.
func TestWriteDuringCheckpoint(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "regulars.db")
	s := openTest(t, path)
	id := newCustomer(t, s, "Emmy Noether")
	for i := 0; i < 30; i++ { // a -wal with something to copy
		addNote(t, s, id, fmt.Sprintf("before %d: symmetries and conserved quantities", i))
	}
	writer, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	stop := checkpointing(ctx, s)
	const saves = 60
	for i := 0; i < saves; i++ {
		addNote(t, writer, id, fmt.Sprintf("during %d: rings and ideals", i))
	}
	checkpoints := stop()
	if checkpoints < 5 {
		t.Fatalf("only %d checkpoints ran during the saves", checkpoints)
	}
	if err := writer.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("the -wal is still there after every Store closed")
	}
	again := openTest(t, path)
	if n := countNotes(t, again); n != 30+saves {
		t.Fatalf("%d notes in the notebook, want %d", n, 30+saves)
	}
	var ok string
	if err := again.db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
}

// Forget ends with a truncating checkpoint, which SQLite refuses at once
// while another connection's checkpoint runs; with other Stores
// checkpointing in the background it waits its turn instead of asking
// the owner to close them.
func TestForgetBesideCheckpoints(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "regulars.db")
	s := openTest(t, path)
	other := openTest(t, path)
	for round := 0; round < 3; round++ {
		id := newCustomer(t, s, fmt.Sprintf("Ada Byron %d", round))
		for i := 0; i < 20; i++ {
			addNote(t, s, id, fmt.Sprintf("note %d on Bernoulli numbers", i))
		}
		stop := checkpointing(ctx, other)
		err := s.Forget(ctx, id)
		stop()
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if _, err := s.Customer(ctx, id); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("round %d: the forgotten customer reads back: %v", round, err)
		}
	}
}

// checkpointing runs s's checkpoints one after another until the returned
// func is called; that func returns how many succeeded.
func checkpointing(ctx context.Context, s *Store) (stop func() int) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	n := 0
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, _, _, err := s.checkpoint(ctx); err == nil {
				n++
			}
		}
	}()
	return func() int {
		close(done)
		wg.Wait()
		return n
	}
}
