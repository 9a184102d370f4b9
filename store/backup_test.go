package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

func TestBackup(t *testing.T) {
	s := openIO(t)
	seedNotebook(t, s)
	ctx := context.Background()
	dest := filepath.Join(t.TempDir(), "copy.db")
	info, err := s.Backup(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	if info.Customers != 4 || info.Version != store.SchemaVersion() {
		t.Errorf("info = %+v, want 4 customers at version %d", info, store.SchemaVersion())
	}
	fi, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("backup mode = %o, want 600", got)
	}
	b, err := store.Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.Now = s.Now
	if got, want := string(mustExport(t, b, interchange.FormatJSON)), string(mustExport(t, s, interchange.FormatJSON)); got != want {
		t.Errorf("the backup holds other data than the notebook")
	}
	if ents, _ := os.ReadDir(filepath.Dir(dest)); len(ents) != 1 {
		t.Errorf("%d files next to the backup, want only the backup", len(ents))
	}
	t.Run("ErrExists", func(t *testing.T) {
		_, err := s.Backup(ctx, dest)
		if got, want := model.ErrorCode(err), model.ECONFLICT; got != want {
			t.Errorf("code = %q (%v), want %q", got, err, want)
		}
	})
	t.Run("DefaultName", func(t *testing.T) {
		got := store.BackupName("/home/me/.local/share/regulars/regulars.db", time.Date(2026, 11, 23, 9, 5, 7, 0, time.UTC))
		if want := "/home/me/.local/share/regulars/regulars-backup-20261123-090507.db"; got != want {
			t.Errorf("name = %q, want %q", got, want)
		}
	})
}

// TestBackup_WhileWriting backs up while another connection, as another
// Regulars would, keeps adding customers: each backup is consistent.
func TestBackup_WhileWriting(t *testing.T) {
	s := openIO(t)
	ctx := context.Background()
	other, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	started := make(chan struct{})
	var once sync.Once
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer once.Do(func() { close(started) }) // never leave the test waiting
		for i := 0; ; i++ {
			if i == 20 {
				once.Do(func() { close(started) })
			}
			select {
			case <-stop:
				return
			default:
			}
			c := &model.Customer{Name: fmt.Sprintf("Writer %d", i)}
			if err := other.CreateCustomer(ctx, c); err != nil {
				t.Error(err)
				return
			}
			if err := other.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: model.Date{Year: 2026, Month: 11, Day: 23}, Cents: 100}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	<-started
	dir := t.TempDir()
	last := 0
	for i := 0; i < 5; i++ {
		dest := filepath.Join(dir, fmt.Sprintf("b%d.db", i))
		if _, err := s.Backup(ctx, dest); err != nil {
			close(stop)
			wg.Wait()
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite", "file:"+dest+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		var customers, visits, counted int
		err = db.QueryRow(`SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM visits), (SELECT coalesce(sum(visit_count), 0) FROM customers)`).Scan(&customers, &visits, &counted)
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		// A customer is written in one transaction and their visit in the
		// next: a snapshot has at most one customer without a visit yet,
		// and the triggers' counts agree with the visits.
		if visits != counted || customers-visits > 1 || customers-visits < 0 {
			t.Errorf("backup %d: %d customers, %d visits, visit_count sum %d: not a consistent snapshot", i, customers, visits, counted)
		}
		if customers < 20 || customers < last {
			t.Errorf("backup %d has %d customers, after %d: the writer's work is missing", i, customers, last)
		}
		last = customers
	}
	close(stop)
	wg.Wait()
}

func TestRestore(t *testing.T) {
	ctx := context.Background()
	src := openIO(t)
	seedNotebook(t, src)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if _, err := src.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	want := string(mustExport(t, src, interchange.FormatJSON))
	now := func() time.Time { return ioNow }

	t.Run("NewNotebook", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sub", "regulars.db")
		res, err := store.Restore(ctx, backup, path, store.RestoreOptions{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if res.Aside != "" || res.Info.Customers != 4 {
			t.Errorf("result = %+v", res)
		}
		fi, _ := os.Stat(path)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode = %o, want 600", fi.Mode().Perm())
		}
		s, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var mode string
		s.DB().QueryRow(`PRAGMA journal_mode`).Scan(&mode)
		if mode != "wal" {
			t.Errorf("journal mode = %q, want wal", mode)
		}
		if got := string(mustExport(t, s, interchange.FormatJSON)); got != want {
			t.Errorf("restored notebook differs")
		}
	})

	t.Run("ErrExistsWithoutForce", func(t *testing.T) {
		cur := openIO(t)
		if err := cur.CreateCustomer(ctx, &model.Customer{Name: "Keep Me"}); err != nil {
			t.Fatal(err)
		}
		_, err := store.Restore(ctx, backup, cur.Path(), store.RestoreOptions{Now: now})
		if model.ErrorCode(err) != model.ECONFLICT || !strings.Contains(model.ErrorMessage(err), "--force") {
			t.Fatalf("error = %v, want a conflict that mentions --force", err)
		}
		if n, _ := cur.Count(ctx, store.SearchQuery{}); n != 1 {
			t.Errorf("the notebook changed: %d customers", n)
		}
	})

	t.Run("ForceKeepsAside", func(t *testing.T) {
		cur := openIO(t) // stays open, as a running Regulars would
		if err := cur.CreateCustomer(ctx, &model.Customer{Name: "Keep Me"}); err != nil {
			t.Fatal(err)
		}
		res, err := store.Restore(ctx, backup, cur.Path(), store.RestoreOptions{Force: true, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := res.Aside, cur.Path()+".before-restore-20261123-100000"; got != want {
			t.Errorf("aside = %q, want %q", got, want)
		}
		// The open store sees the restored notebook.
		if got := string(mustExport(t, cur, interchange.FormatJSON)); got != want {
			t.Errorf("the open notebook does not show the restored data:\n%s", got)
		}
		old, err := store.Open(res.Aside)
		if err != nil {
			t.Fatal(err)
		}
		defer old.Close()
		if c, _, err := old.Resolve(ctx, "Keep Me"); err != nil || c == nil {
			t.Errorf("the replaced notebook was not kept: %v", err)
		}
		if fi, _ := os.Stat(res.Aside); fi.Mode().Perm() != 0o600 {
			t.Errorf("aside mode = %o, want 600", fi.Mode().Perm())
		}
	})

	t.Run("ErrNotRegulars", func(t *testing.T) {
		dir := t.TempDir()
		text := filepath.Join(dir, "notes.txt")
		os.WriteFile(text, []byte("hello"), 0o600)
		other := filepath.Join(dir, "other.db")
		db, _ := sql.Open("sqlite", other)
		db.Exec(`CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('application', 'firefox'); PRAGMA user_version = 1`)
		db.Close()
		for _, f := range []string{text, other, filepath.Join(dir, "missing.db")} {
			_, err := store.Restore(ctx, f, filepath.Join(dir, "new.db"), store.RestoreOptions{Now: now})
			if model.ErrorCode(err) != model.EINVALID {
				t.Errorf("%s: error = %v, want invalid", filepath.Base(f), err)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "new.db")); err == nil {
			t.Errorf("a refused restore created a notebook")
		}
	})

	t.Run("ErrNewerVersion", func(t *testing.T) {
		dir := t.TempDir()
		newer := filepath.Join(dir, "newer.db")
		if _, err := src.Backup(ctx, newer); err != nil {
			t.Fatal(err)
		}
		db, _ := sql.Open("sqlite", newer)
		db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, store.SchemaVersion()+1))
		db.Close()
		_, err := store.Restore(ctx, newer, filepath.Join(dir, "new.db"), store.RestoreOptions{Now: now})
		if !strings.Contains(model.ErrorMessage(err), "newer Regulars") {
			t.Errorf("error = %v, want a newer-version refusal", err)
		}
	})

	t.Run("ErrDamaged", func(t *testing.T) {
		dir := t.TempDir()
		broken := filepath.Join(dir, "broken.db")
		data, _ := os.ReadFile(backup)
		for i := 4096; i < len(data); i++ { // keep the header page, garble the rest
			data[i] ^= 0x5a
		}
		os.WriteFile(broken, data, 0o600)
		_, err := store.Restore(ctx, broken, filepath.Join(dir, "new.db"), store.RestoreOptions{Now: now})
		if model.ErrorCode(err) != model.EINVALID {
			t.Errorf("error = %v, want invalid", err)
		}
	})
}

// A backup reports its progress page by page up to the whole notebook, and
// copies one snapshot while another program writes.
func TestBackupProgressAndSnapshot(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	c := &model.Customer{Name: "Anna"}
	if err := s.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	// About 3,000 pages of drafts (a table with no index to keep), more
	// than one step of the copy.
	if _, err := s.DB().ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
		INSERT INTO drafts (customer_id, form, body, saved_at) SELECT ?, 'f' || i, printf('%.*c', 8000, 'a'), '2026-11-01T10:00:00.000Z' FROM n`, c.ID); err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var calls, last, total int
	wrote := false
	info, err := s.BackupWith(ctx, filepath.Join(t.TempDir(), "b.db"), store.BackupOptions{Progress: func(done, all int) {
		calls, last, total = calls+1, done, all
		if !wrote {
			// Another program writes in the middle of the copy.
			wrote = true
			if err := other.CreateCustomer(ctx, &model.Customer{Name: "Written meanwhile"}); err != nil {
				t.Error(err)
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if calls < 2 || last != total || total == 0 {
		t.Errorf("progress: %d calls, last %d of %d", calls, last, total)
	}
	if info.Customers != 1 {
		t.Errorf("the backup holds %d customers, want the snapshot's 1", info.Customers)
	}
}

// A backup copies the notebook's pages and checks the copy's shape; with
// Verify it also reads every page and row back, and refuses a notebook
// whose rows typed input could not have made.
func TestBackupVerify(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	if err := s.CreateCustomer(ctx, &model.Customer{Name: "Anna"}); err != nil {
		t.Fatal(err)
	}
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`PRAGMA foreign_keys = OFF`,
		`INSERT INTO notes (customer_id, text, created_at) VALUES (999, 'orphan', '2026-11-01T10:00:00.000Z')`,
		`PRAGMA foreign_keys = ON`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	conn.Close()
	dir := t.TempDir()
	if _, err := s.Backup(ctx, filepath.Join(dir, "quick.db")); err != nil {
		t.Fatalf("backup: %v", err)
	}
	_, err = s.BackupWith(ctx, filepath.Join(dir, "verified.db"), store.BackupOptions{Verify: true})
	if err == nil || !strings.Contains(model.ErrorMessage(err), "does not exist") {
		t.Fatalf("verified backup of a notebook with a dangling note: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "verified.db")); err == nil {
		t.Error("a backup that failed its check was kept")
	}
}
