package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"

	"regulars/model"
)

// BackupName is the default backup file for a notebook: next to it, named
// with the time, e.g. regulars-backup-20261123-100000.db.
func BackupName(notebook string, now time.Time) string {
	base := strings.TrimSuffix(filepath.Base(notebook), filepath.Ext(notebook))
	return filepath.Join(filepath.Dir(notebook), fmt.Sprintf("%s-backup-%s.db", base, now.Format("20060102-150405")))
}

// Backup writes a consistent copy of the notebook to path. See BackupWith.
func (s *Store) Backup(ctx context.Context, path string) (*NotebookInfo, error) {
	return s.BackupWith(ctx, path, BackupOptions{})
}

// BackupOptions says how to back up.
type BackupOptions struct {
	// Progress, when set, is called as pages are copied: done of total.
	Progress func(done, total int)
	// Verify reads the copy back in full (PRAGMA integrity_check and every
	// row's rules), which costs four times the copy. Without it the copy
	// is checked for its header, schema, version and meta row.
	Verify bool
}

// BackupWith writes a consistent copy of the notebook to path with SQLite's
// online backup API, page by page inside one read transaction: one
// snapshot, while another Regulars goes on writing (WAL), at the speed of
// copying the file, with progress. The copy is made under a temporary
// name, created 0600, checked (see BackupOptions.Verify) and only then
// given its name; an existing file is never overwritten.
func (s *Store) BackupWith(ctx context.Context, path string, opts BackupOptions) (*NotebookInfo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "backup path %q: %v", path, err)
	}
	if abs == s.path {
		return nil, model.Errorf(model.EINVALID, "a backup cannot replace the notebook itself")
	}
	if _, err := os.Lstat(abs); err == nil {
		return nil, model.Errorf(model.ECONFLICT, "%s already exists; choose another name", abs)
	}
	// A killed backup leaves its temporary file, named after a backup name
	// that the next run (with a new time in its name) does not use.
	stem := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	cleaned := cleanStale(filepath.Join(filepath.Dir(abs), "."+stem+"-backup-*.tmp"), s.Now())
	cleaned = append(cleaned, CleanStaleTemps(abs, s.Now())...)
	tmp, err := reserveTemp(abs)
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp)
	if err := s.copyPages(ctx, tmp, opts.Progress); err != nil {
		return nil, err
	}
	if err := standalone(ctx, tmp); err != nil {
		return nil, err
	}
	check := checkShape
	if opts.Verify {
		check = checkFull
	}
	info, err := checkNotebookFile(ctx, tmp, check)
	if err != nil {
		return nil, model.Errorf(model.EINTERNAL, "the backup failed its check, nothing was kept: %s", model.ErrorMessage(err))
	}
	info.Cleaned = cleaned
	// A hard link gives the file its name only if the name is still free.
	if err := os.Link(tmp, abs); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, model.Errorf(model.ECONFLICT, "%s already exists; choose another name", abs)
		}
		if err := os.Rename(tmp, abs); err != nil {
			return nil, model.Errorf(model.EINVALID, "cannot write %s: %v", abs, err)
		}
	}
	syncDir(filepath.Dir(abs))
	return info, nil
}

// backupStep is how many pages one step copies: 4 MiB at the default page
// size, small enough for progress to move, large enough to cost nothing.
const backupStep = 1024

// copyPages copies the notebook's pages into the empty file at to.
func (s *Store) copyPages(ctx context.Context, to string, progress func(done, total int)) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return wrapError(err)
	}
	defer conn.Close()
	// A read transaction on the source connection fixes the snapshot the
	// backup copies: writes from other connections do not restart it.
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return wrapError(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM meta").Scan(&n); err != nil {
		return wrapError(err)
	}
	return conn.Raw(func(dc any) error {
		b, ok := dc.(interface {
			NewBackup(string) (*sqlite.Backup, error)
		})
		if !ok {
			return model.Errorf(model.EINTERNAL, "the SQLite driver cannot back up")
		}
		bk, err := b.NewBackup("file:" + (&url.URL{Path: to}).EscapedPath())
		if err != nil {
			return wrapError(err)
		}
		for {
			if err := ctx.Err(); err != nil {
				bk.Finish()
				return err
			}
			more, err := bk.Step(backupStep)
			if err != nil {
				bk.Finish()
				return wrapError(err)
			}
			if progress != nil {
				total := bk.PageCount()
				progress(total-bk.Remaining(), total)
			}
			if !more {
				break
			}
		}
		return wrapError(bk.Finish())
	})
}

// standalone makes a copied notebook one file: the copy of a WAL notebook
// is in WAL mode too, and would grow -wal and -shm files beside it (under
// its temporary name) when opened; a backup is a single file.
func standalone(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return wrapError(err)
	}
	defer db.Close()
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode); err != nil {
		return wrapError(err)
	}
	return nil
}

// reserveTemp creates an empty 0600 file next to path for SQLite to fill:
// VACUUM INTO accepts an empty file, and keeps its mode.
func reserveTemp(path string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), tempPattern(path))
	if err != nil {
		return "", model.Errorf(model.EINVALID, "cannot write to %s: %v", filepath.Dir(path), err)
	}
	name := f.Name()
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(name)
		return "", model.Errorf(model.EINVALID, "cannot write %s: %v", name, err)
	}
	f.Close()
	return name, nil
}

// syncDir makes a new name durable; best effort, as some file systems
// refuse to sync a folder.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	defer d.Close()
	d.Sync()
}

// NotebookInfo is what checking a notebook file found.
type NotebookInfo struct {
	Version   int // the notebook's schema version
	Customers int
	// Cleaned are temporary files that an earlier, killed backup left
	// beside this one and that were removed.
	Cleaned []string
}

// How thoroughly checkNotebookFile looks.
const (
	// checkFull reads every page and index (PRAGMA integrity_check) and
	// every row's references and rules: for a file from elsewhere, about
	// to be restored.
	checkFull = true
	// checkShape checks the header, the schema, the version and the meta
	// row: for a copy this program just made page for page from a
	// notebook it has open, where reading every page again would only
	// repeat the copy at four times its cost.
	checkShape = false
)

// checkNotebookFile opens path read-only and checks it is a Regulars
// notebook this build can open; full also checks every page and row.
func checkNotebookFile(ctx context.Context, path string, full bool) (*NotebookInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "cannot read %s: %v", path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, model.Errorf(model.EINVALID, "%s is not a regular file", path)
	}
	if err := prepareFileCheck(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, model.Errorf(model.EINTERNAL, "open %s: %v", path, err)
	}
	defer db.Close()
	notRegulars := model.Errorf(model.EINVALID, "%s is not a Regulars notebook", path)
	if full {
		var result string
		if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
			return nil, damaged(path, err)
		}
		if result != "ok" {
			return nil, model.Errorf(model.EINVALID, "%s is damaged: the integrity check says %q", path, model.Clip(result, 200))
		}
	}
	var app string
	if err := db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'application'`).Scan(&app); err != nil || app != "regulars" {
		return nil, notRegulars
	}
	info := &NotebookInfo{}
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&info.Version); err != nil {
		return nil, damaged(path, err)
	}
	if info.Version < 1 {
		return nil, notRegulars
	}
	if info.Version > SchemaVersion() {
		return nil, model.Errorf(model.ECONFLICT, "%s was written by a newer Regulars (notebook version %d, this one knows up to %d): please upgrade Regulars", path, info.Version, SchemaVersion())
	}
	if err := checkSchema(ctx, db, path, info.Version); err != nil {
		return nil, err
	}
	if full {
		if err := checkRows(ctx, db, path); err != nil {
			return nil, err
		}
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM customers`).Scan(&info.Customers); err != nil {
		return nil, notRegulars
	}
	return info, nil
}

// prepareFileCheck refuses a file that is not an SQLite database at all,
// before the driver is asked to open it.
func prepareFileCheck(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return model.Errorf(model.EINVALID, "cannot read %s: %v", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if n, _ := f.Read(head); n < len(head) || string(head) != string(sqliteHeader) {
		return model.Errorf(model.EINVALID, "%s is not a Regulars notebook (not an SQLite database)", path)
	}
	return nil
}

func damaged(path string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return model.Errorf(model.EINVALID, "%s is damaged or not a Regulars notebook: %s", path, se.Error())
	}
	return model.Errorf(model.EINVALID, "%s is damaged or not a Regulars notebook: %v", path, err)
}

// RestoreOptions says how to restore.
type RestoreOptions struct {
	Force bool             // replace an existing notebook
	Now   func() time.Time // for the name of the file kept aside
}

// RestoreResult says what a restore did.
type RestoreResult struct {
	Info  NotebookInfo // of the restored notebook
	Aside string       // where the replaced notebook was kept, "" when there was none
}

// Restore replaces the notebook at path with the backup at from, after
// checking the backup is a healthy Regulars notebook this build can open.
// An existing notebook is replaced only with Force, and is first copied
// aside (VACUUM INTO, so even changes still in its write-ahead log are
// kept). The backup is then copied in with SQLite's backup API, which takes
// the notebook's locks: a Regulars that has it open sees the restored
// notebook instead of a file swapped under it.
func Restore(ctx context.Context, from, path string, opts RestoreOptions) (*RestoreResult, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	fromAbs, err := filepath.Abs(from)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "backup path %q: %v", from, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "notebook path %q: %v", path, err)
	}
	if fromAbs == abs {
		return nil, model.Errorf(model.EINVALID, "%s is the notebook itself", from)
	}
	info, err := checkNotebookFile(ctx, fromAbs, checkFull)
	if err != nil {
		return nil, err
	}
	res := &RestoreResult{Info: *info}
	fi, err := os.Stat(abs)
	exists := err == nil && fi.Size() > 0
	if exists && !opts.Force {
		return nil, model.Errorf(model.ECONFLICT, "there is already a notebook at %s; to replace it with the backup, add --force (the current one will be kept aside)", abs)
	}
	if !exists {
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, model.Errorf(model.EINVALID, "cannot create the folder for the notebook: %v", err)
		}
		if err := copyNotebook(ctx, fromAbs, abs); err != nil {
			return nil, err
		}
		return res, nil
	}
	aside := abs + ".before-restore-" + opts.Now().Format("20060102-150405")
	if err := copyAside(ctx, abs, aside); err != nil {
		return nil, err
	}
	res.Aside = aside
	if err := restoreInto(ctx, fromAbs, abs); err != nil {
		return res, err
	}
	if _, err := checkNotebookFile(ctx, abs, checkShape); err != nil {
		return res, model.Errorf(model.EINTERNAL, "the restored notebook failed its check: %s; the previous one is kept at %s", model.ErrorMessage(err), aside)
	}
	return res, nil
}

// copyNotebook makes a new notebook at path from the backup: VACUUM INTO a
// temporary name, then WAL mode as Open sets it, then the name.
func copyNotebook(ctx context.Context, from, path string) error {
	tmp, err := reserveTemp(path)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := vacuumInto(ctx, from, tmp, true); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: tmp}).EscapedPath())
	if err != nil {
		return wrapError(err)
	}
	var mode string
	err = db.QueryRowContext(ctx, `PRAGMA journal_mode=WAL`).Scan(&mode)
	db.Close()
	if err != nil {
		return wrapError(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return model.Errorf(model.EINVALID, "cannot write %s: %v", path, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// copyAside keeps the notebook about to be replaced. When it cannot be read
// (a damaged notebook is a reason to restore), the file itself is moved.
func copyAside(ctx context.Context, path, aside string) error {
	if _, err := os.Lstat(aside); err == nil {
		return model.Errorf(model.ECONFLICT, "%s already exists; try again in a second", aside)
	}
	tmp, err := reserveTemp(aside)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := vacuumInto(ctx, path, tmp, false); err == nil {
		if err := os.Rename(tmp, aside); err != nil {
			return model.Errorf(model.EINVALID, "cannot write %s: %v", aside, err)
		}
		return nil
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(path+suffix, aside+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return model.Errorf(model.EINVALID, "cannot keep the current notebook aside as %s: %v", aside, err)
		}
	}
	return nil
}

// vacuumInto copies the database at from into the empty file to.
func vacuumInto(ctx context.Context, from, to string, readOnly bool) error {
	dsn := "file:" + (&url.URL{Path: from}).EscapedPath() + "?_pragma=busy_timeout(10000)"
	if readOnly {
		dsn += "&mode=ro"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return wrapError(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, to); err != nil {
		return damaged(from, err)
	}
	return nil
}

// restoreInto copies the backup over the live notebook with the backup API.
func restoreInto(ctx context.Context, from, path string) error {
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return wrapError(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return wrapError(err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		r, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return model.Errorf(model.EINTERNAL, "the SQLite driver cannot restore")
		}
		bk, err := r.NewRestore("file:" + (&url.URL{Path: from}).EscapedPath() + "?mode=ro")
		if err != nil {
			return damaged(from, err)
		}
		for {
			more, err := bk.Step(-1)
			if err != nil {
				bk.Finish()
				return wrapError(err)
			}
			if !more {
				break
			}
		}
		return wrapError(bk.Finish())
	})
}
