package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"regulars/model"
	"regulars/store"
)

func TestOpen(t *testing.T) {
	t.Run("Fresh", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "new", "folder")
		path := filepath.Join(dir, "regulars.db")
		s, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if got, want := version(t, s.DB()), store.SchemaVersion(); got != want {
			t.Fatalf("user_version = %d, want %d", got, want)
		}
		var mode string
		if err := s.DB().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != 0o600 {
			t.Fatalf("notebook mode = %o, want 600", got)
		}
		di, _ := os.Stat(dir)
		if got := di.Mode().Perm(); got != 0o700 {
			t.Fatalf("folder mode = %o, want 700", got)
		}
		// -wal and -shm inherit the notebook's mode.
		if err := s.CreateCustomer(context.Background(), &model.Customer{Name: "X"}); err != nil {
			t.Fatal(err)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			fi, err := os.Stat(path + suffix)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != 0o600 {
				t.Fatalf("%s mode = %o, want 600", suffix, got)
			}
		}
	})

	t.Run("Reopen", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "regulars.db")
		s, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		c := &model.Customer{Name: "Anna"}
		if err := s.CreateCustomer(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s, err = store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		got, err := s.Customer(context.Background(), c.ID)
		if err != nil || got.Name != "Anna" {
			t.Fatalf("after reopen: %+v, %v", got, err)
		}
	})

	t.Run("ErrNewerVersion", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "regulars.db")
		s, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB().Exec("PRAGMA user_version = 999"); err != nil {
			t.Fatal(err)
		}
		s.Close()
		before := readFile(t, path)
		_, err = store.Open(path)
		if code := model.ErrorCode(err); code != model.ECONFLICT || !strings.Contains(model.ErrorMessage(err), "newer Regulars") {
			t.Fatalf("err = %v (%s), want a newer-version conflict", err, code)
		}
		if string(readFile(t, path)) != string(before) {
			t.Fatal("a refused notebook was changed")
		}
	})

	t.Run("ErrNotSQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.txt")
		content := "Shopping list: milk, beans\n"
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := store.Open(path)
		if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), "not a Regulars notebook") {
			t.Fatalf("err = %v", err)
		}
		if got := string(readFile(t, path)); got != content {
			t.Fatalf("file changed to %q", got)
		}
	})

	t.Run("ErrOtherSQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "other.db")
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("CREATE TABLE songs (title TEXT)"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		before := readFile(t, path)
		_, err = store.Open(path)
		if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), "not a Regulars notebook") {
			t.Fatalf("err = %v", err)
		}
		if string(readFile(t, path)) != string(before) {
			t.Fatal("someone else's database was changed")
		}
	})

	t.Run("ErrDirectory", func(t *testing.T) {
		_, err := store.Open(t.TempDir())
		if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), "is a folder") {
			t.Fatalf("err = %v", err)
		}
	})
}

func version(t *testing.T, db *sql.DB) int {
	t.Helper()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every pooled connection must carry the pragmas, not just the first one.
func TestPragmasOnEveryConnection(t *testing.T) {
	s := MustOpen(t)
	db := s.DB()
	db.SetMaxIdleConns(4)
	ctx := context.Background()
	conns := make([]*sql.Conn, 4)
	for i := range conns {
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for pragma, want := range map[string]int{"foreign_keys": 1, "busy_timeout": 10000, "synchronous": 2} {
				var got int
				if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
					t.Error(err)
					return
				}
				if got != want {
					t.Errorf("connection %d: %s = %d, want %d", i, pragma, got, want)
				}
			}
		}()
	}
	wg.Wait()
}

// Stored timestamps and days must be readable by SQLite's date functions.
func TestTimesReadableBySQLite(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	c := mustCustomer(t, s, "Anna")
	if err := s.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: "hi", AskOn: model.MakeDate(2026, 12, 1)}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: model.MakeDate(2026, 11, 20), Cents: 100}); err != nil {
		t.Fatal(err)
	}
	var created, askOn, visit sql.NullString
	err := s.DB().QueryRow(`SELECT date((SELECT created_at FROM customers)), date((SELECT ask_on FROM notes)),
		date((SELECT day FROM visits))`).Scan(&created, &askOn, &visit)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := created.String, testNow.UTC().Format("2006-01-02"); got != want {
		t.Errorf("date(created_at) = %q, want %q", got, want)
	}
	if askOn.String != "2026-12-01" || visit.String != "2026-11-20" {
		t.Errorf("date(ask_on) = %q, date(day) = %q", askOn.String, visit.String)
	}
}

func mustCustomer(tb testing.TB, s *store.Store, name string) *model.Customer {
	tb.Helper()
	c := &model.Customer{Name: name}
	if err := s.CreateCustomer(context.Background(), c); err != nil {
		tb.Fatal(err)
	}
	return c
}

// openRaw opens a database file without Regulars' migrations.
func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// A query cancelled by its caller (the list drops overtaken queries) comes
// back as context.Canceled, not as an internal error.
func TestCancelledQuery(t *testing.T) {
	s := MustOpen(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := listRows(s.ListPage(ctx, store.SearchQuery{Text: "anna"}))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// A command that only reads never makes a notebook or its folder.
func TestOpenExisting(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "typo")
	path := filepath.Join(dir, "x.db")
	if _, err := store.OpenExisting(path); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("OpenExisting of a missing notebook: %v", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("OpenExisting made the folder")
	}
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = store.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// A write that waits out its time for the lock says the notebook is busy,
// never "internal error".
func TestWriteWaitingTooLongSaysBusy(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	c := &model.Customer{Name: "Anna"}
	if err := s.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.DB().BeginTx(ctx, nil) // _txlock=immediate: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	err = s.AddNote(short, &model.Note{CustomerID: c.ID, Text: "kept?"})
	if got := model.ErrorCode(err); got != model.ECONFLICT || !strings.Contains(model.ErrorMessage(err), "busy") {
		t.Fatalf("error = %v (code %s), want a busy notebook", err, got)
	}
}
