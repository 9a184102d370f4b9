// Package store keeps a Regulars notebook in one SQLite file: its schema and
// migrations, the queries the views need, and the import and export formats.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"regulars/model"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrationHook, when set (by tests), runs inside each migration's
// transaction before it commits.
var migrationHook func(name string)

// Store is an open notebook.
type Store struct {
	db   *sql.DB
	path string
	ckpt *checkpointer

	// Now is the clock; tests replace it.
	Now func() time.Time

	// Warnings are things Open fixed that the owner should know about.
	Warnings []string

	// Author is who writes through this Store: a person's name from the
	// people file when the notebook is served, --as NAME, or "" for the
	// owner. Every record written without an author of its own gets it.
	Author string

	// stmts are the card's and the week's statements, prepared once
	// (stmts.go).
	stmts stmtCache
}

// author is the author a new record is written with.
func (s *Store) author(given string) string {
	if given != "" {
		return given
	}
	return s.Author
}

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// Open opens the notebook at path, creating it (and its directory, 0700)
// when it does not exist, and brings its schema up to date. A file that is
// not a Regulars notebook, or one written by a newer Regulars, is refused and
// left untouched.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, model.Errorf(model.EINVALID, "no notebook path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "notebook path %q: %v", path, err)
	}
	if err := prepareFile(abs); err != nil {
		return nil, err
	}
	// Before SQLite writes a byte: a notebook others can read or that
	// belongs to someone else would hand them the customers.
	warnings, checked, err := tightenModes(abs, nil)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", storeDSN(abs))
	if err != nil {
		return nil, model.Errorf(model.EINTERNAL, "open %s: %v", abs, err)
	}
	s := &Store{db: db, path: abs, Now: time.Now}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	// Again for the -wal and -shm files SQLite has just made, if it made
	// them: those checked above are not looked at twice.
	more, _, err := tightenModes(abs, checked)
	if err != nil {
		db.Close()
		return nil, err
	}
	for _, w := range more {
		if !slices.Contains(warnings, w) {
			warnings = append(warnings, w)
		}
	}
	s.Warnings = warnings
	s.ckpt = newCheckpointer(s)
	s.ckpt.wrote() // what the migrations wrote, or another process left
	return s, nil
}

// OpenExisting opens the notebook at path like Open, but never makes one:
// a command that only reads, given a mistyped path, must not leave folders
// and an empty notebook behind. A missing notebook is ENOTFOUND.
func OpenExisting(path string) (*Store, error) {
	if path == "" {
		return nil, model.Errorf(model.EINVALID, "no notebook path given")
	}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		return nil, model.Errorf(model.ENOTFOUND, "there is no notebook at %s", path)
	}
	return Open(path)
}

// tightenModes makes the notebook and its -wal and -shm files readable by
// their owner only, and says so when they were not. A file that belongs to
// another user, or that cannot be tightened, is refused: what Regulars
// writes into it would be theirs to read. A folder others can write to is
// named in a warning (they could replace the notebook).
//
// With checked nil it looks at the folder and the three files; given what
// an earlier call returned, only at the files that call did not find. It
// returns the files it found and checked.
func tightenModes(path string, checked []string) (warnings, found []string, err error) {
	if checked == nil {
		if fi, err := os.Stat(filepath.Dir(path)); err == nil && fi.Mode().Perm()&0o022 != 0 && fi.Mode()&fs.ModeSticky == 0 {
			warnings = append(warnings, fmt.Sprintf("others can write to the folder %s (mode %o): keep the notebook in a folder of your own", filepath.Dir(path), fi.Mode().Perm()))
		}
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if slices.Contains(checked, p) {
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		if uid, ok := fileOwner(fi); ok && uid != os.Geteuid() {
			return nil, nil, model.Errorf(model.EINVALID, "%s belongs to another user (uid %d); it was left untouched: copy it into a folder of your own (regulars restore can make the copy)", p, uid)
		}
		found = append(found, p)
		if fi.Mode().Perm()&0o077 == 0 {
			continue
		}
		if err := os.Chmod(p, 0o600); err != nil {
			return nil, nil, model.Errorf(model.EINVALID, "%s can be read by others (mode %o) and could not be made private: %v; it was left untouched", p, fi.Mode().Perm(), err)
		}
		warnings = append(warnings, fmt.Sprintf("%s could be read by others (mode %o); it is now 0600", p, fi.Mode().Perm()))
	}
	return warnings, found, nil
}

// dsn builds the connection string: every pooled connection gets the same
// pragmas, and write transactions take the write lock at BEGIN so that two
// writers wait for each other (busy_timeout) instead of failing mid-way.
func dsn(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "cache_size(-32000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// storeDSN is dsn for a Store's own connections: their commits leave the
// checkpoints to the Store's background checkpointer (checkpoint.go) until
// the -wal passes walCapPages.
func storeDSN(path string) string {
	return dsn(path) + "&" + url.Values{"_pragma": {fmt.Sprintf("wal_autocheckpoint(%d)", walCapPages)}}.Encode()
}

// prepareFile makes sure path can be opened as a notebook: its directory
// exists (0700 when created), the file exists with mode 0600 before SQLite
// opens it (so the -wal and -shm files inherit 0600), and an existing file
// is an SQLite database.
func prepareFile(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return model.Errorf(model.EINVALID, "cannot create the folder for the notebook: %v", err)
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return model.Errorf(model.EINVALID, "cannot create the notebook %s: %v", path, err)
		}
		return f.Close()
	case err != nil:
		return model.Errorf(model.EINVALID, "cannot read the notebook %s: %v", path, err)
	case fi.IsDir():
		return model.Errorf(model.EINVALID, "%s is a folder, not a notebook file", path)
	case !fi.Mode().IsRegular():
		return model.Errorf(model.EINVALID, "%s is not a regular file", path)
	}
	if fi.Size() == 0 {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return model.Errorf(model.EINVALID, "cannot read the notebook %s: %v", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteHeader) {
		return model.Errorf(model.EINVALID, "%s is not a Regulars notebook (not an SQLite database); it was left untouched", path)
	}
	return nil
}

// Path returns the notebook's absolute file path.
func (s *Store) Path() string { return s.path }

// Close closes the notebook. The background checkpoints stop, and one
// last checkpoint copies what this Store wrote into the notebook file, so
// a short command leaves no -wal to grow while another program (the
// interface, regulars serve) keeps the notebook open.
func (s *Store) Close() error {
	if s.ckpt != nil {
		s.ckpt.close()
		s.checkpoint(context.Background())
	}
	return s.db.Close()
}

// DB exposes the database handle for tests and tools in this module.
func (s *Store) DB() *sql.DB { return s.db }

// SchemaVersion is the newest notebook version this build knows.
func SchemaVersion() int { return len(migrationNames()) }

func migrationNames() []string {
	ents, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		panic(err) // embedded at build time
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// migrate applies the migrations the file lacks, each in its own
// transaction together with its user_version bump, so a crash leaves the
// file at the old or the new version.
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.openError(err)
	}
	defer conn.Close()
	var version int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return s.openError(err)
	}
	names := migrationNames()
	if version > len(names) {
		return model.Errorf(model.ECONFLICT, "%s was written by a newer Regulars (notebook version %d, this one knows up to %d); it was left untouched: please upgrade Regulars", s.path, version, len(names))
	}
	if version == 0 {
		// A fresh notebook must be empty; a database with tables of its own
		// belongs to some other program.
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
			return s.openError(err)
		}
		if n > 0 {
			return model.Errorf(model.EINVALID, "%s is an SQLite database but not a Regulars notebook; it was left untouched", s.path)
		}
		var mode string
		if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
			return s.openError(err)
		}
	} else {
		var app string
		err := conn.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'application'").Scan(&app)
		if err != nil || app != "regulars" {
			return model.Errorf(model.EINVALID, "%s is an SQLite database but not a Regulars notebook; it was left untouched", s.path)
		}
		// Migrations and every later write run inside this schema: a
		// trigger or view someone added would run with them.
		if err := checkSchema(ctx, conn, s.path, version); err != nil {
			if model.ErrorCode(err) == model.EINVALID {
				return model.Errorf(model.EINVALID, "%s; it was left untouched", model.ErrorMessage(err))
			}
			return s.openError(err)
		}
	}
	for i := version; i < len(names); i++ {
		body, err := migrationFS.ReadFile("migrations/" + names[i])
		if err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			return s.openError(err)
		}
		if _, err := conn.ExecContext(ctx, string(body)); err != nil {
			conn.ExecContext(ctx, "ROLLBACK")
			return model.Errorf(model.EINTERNAL, "upgrading the notebook with %s: %v", names[i], err)
		}
		if migrationHook != nil {
			migrationHook(names[i])
		}
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			conn.ExecContext(ctx, "ROLLBACK")
			return s.openError(err)
		}
		if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
			conn.ExecContext(ctx, "ROLLBACK")
			return s.openError(err)
		}
	}
	return nil
}

// openError turns a driver error met while opening into a message for a person.
func (s *Store) openError(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
			return model.Errorf(model.EINVALID, "%s is damaged or not a Regulars notebook; it was left untouched", s.path)
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return model.Errorf(model.EINVALID, "cannot write to the notebook %s: check its permissions", s.path)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return model.Errorf(model.ECONFLICT, "the notebook %s is busy in another program; try again", s.path)
		case sqlite3.SQLITE_FULL:
			return model.Errorf(model.EINTERNAL, "the disk is full; nothing was saved")
		}
	}
	return wrapError(err)
}

// wrapError maps driver errors to model errors, once, for every method.
func wrapError(err error) error {
	if err == nil {
		return nil
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	// A cancelled query (a newer keystroke overtook it) stays recognisable.
	if errors.Is(err, context.Canceled) {
		return err
	}
	// A write that waited its whole time for the lock (a long import in
	// another terminal) is a busy notebook, not a fault: the caller keeps
	// the text and says so.
	if errors.Is(err, context.DeadlineExceeded) {
		return model.Errorf(model.ECONFLICT, "the notebook is busy in another program (a long import?); nothing was saved yet, try again in a moment")
	}
	if errors.Is(err, sql.ErrNoRows) {
		return model.Errorf(model.ENOTFOUND, "not found")
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return model.Errorf(model.ECONFLICT, "the notebook is busy in another program; nothing was saved, try again")
		case sqlite3.SQLITE_CONSTRAINT:
			return model.Errorf(model.EINVALID, "the notebook refused this change: %s", strings.TrimPrefix(se.Error(), "constraint failed: "))
		case sqlite3.SQLITE_FULL:
			return model.Errorf(model.EINTERNAL, "the disk is full; nothing was saved")
		case sqlite3.SQLITE_IOERR:
			return model.Errorf(model.EINTERNAL, "could not write to the disk (is it full or failing?); nothing was saved")
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return model.Errorf(model.EINTERNAL, "the notebook file is damaged; restore it from a backup (regulars restore)")
		case sqlite3.SQLITE_READONLY:
			return model.Errorf(model.EINVALID, "the notebook is read-only; nothing was saved")
		}
	}
	return &model.Error{Code: model.EINTERNAL, Message: "internal error: " + err.Error()}
}

// tx runs fn in one transaction: every public method is one transaction.
func (s *Store) tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return wrapError(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return wrapError(err)
	}
	if err := tx.Commit(); err != nil {
		return wrapError(err)
	}
	s.wrote()
	return nil
}

// wrote tells the background checkpointer a write was committed.
func (s *Store) wrote() {
	if s.ckpt != nil {
		s.ckpt.wrote()
	}
}

// readTx runs fn in a read-only transaction (a consistent snapshot, and no
// write lock taken).
func (s *Store) readTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return wrapError(err)
	}
	defer tx.Rollback()
	return wrapError(fn(tx))
}

// Time formats for storage.
const (
	timeLayout = "2006-01-02T15:04:05.000Z"
	dayLayout  = "2006-01-02"
)

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

func nullTime(ns sql.NullString) time.Time {
	if !ns.Valid {
		return time.Time{}
	}
	return parseTime(ns.String)
}

func parseDay(s string) model.Date {
	t, err := time.Parse(dayLayout, s)
	if err != nil {
		return model.Date{}
	}
	return model.DateOf(t)
}

// Today is the current calendar day in the local time zone, by the store's clock.
func (s *Store) Today() model.Date { return model.DateOf(s.Now()) }

// ClockOn returns a clock that reads day at now's time of day: --today acts
// on the chosen day while times within it still move. It is the one place
// a chosen day is turned into a clock; the store's Now is set to it once,
// at start-up, and everything else asks the store.
func ClockOn(day model.Date, now func() time.Time) func() time.Time {
	if day.IsZero() {
		return now
	}
	return func() time.Time {
		t := now()
		return time.Date(day.Year, day.Month, day.Day, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	}
}
