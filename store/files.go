package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"regulars/model"
)

// Files Regulars writes beside the notebook: backups, exports and the
// temporary names they are made under.

// tempPattern is the name a file is made under before it gets its own:
// hidden, next to it, so a rename gives it its name.
func tempPattern(path string) string { return "." + filepath.Base(path) + ".*.tmp" }

// staleAfter is how old a temporary file of ours must be before a later run
// removes it: a backup or export still being written touches its file far
// more often than this.
const staleAfter = 15 * time.Minute

// CleanStaleTemps removes temporary files that a killed backup or export
// left beside path (named as tempPattern names them and untouched for
// staleAfter), and returns what it removed so the caller can say so.
func CleanStaleTemps(path string, now time.Time) []string {
	return cleanStale(filepath.Join(filepath.Dir(path), tempPattern(path)), now)
}

// CleanStaleCardTemps is CleanStaleTemps for an export into a folder of
// cards (ExportVCardDir), where each card has a temporary name of its own.
func CleanStaleCardTemps(dir string, now time.Time) []string {
	return cleanStale(filepath.Join(dir, ".*.vcf.*.tmp"), now)
}

func cleanStale(glob string, now time.Time) []string {
	matches, _ := filepath.Glob(glob)
	var removed []string
	for _, m := range matches {
		fi, err := os.Lstat(m)
		if err != nil || !fi.Mode().IsRegular() || now.Sub(fi.ModTime()) < staleAfter {
			continue
		}
		if os.Remove(m) == nil {
			removed = append(removed, m)
		}
	}
	return removed
}

// CheckOutputPath refuses to write a file over the notebook or one of the
// files SQLite keeps beside it (-wal, -shm, -journal): a tab-completion slip
// there loses what the write-ahead log held. Names are compared through
// symbolic links, and existing files by device and inode, so another name
// for the same file is refused too.
func (s *Store) CheckOutputPath(path string) error {
	return checkOutputPath(path, s.path)
}

func checkOutputPath(path, notebook string) error {
	own := []string{notebook, notebook + "-wal", notebook + "-shm", notebook + "-journal"}
	target, err := os.Stat(path)
	for _, f := range own {
		if err == nil {
			if fi, ferr := os.Stat(f); ferr == nil && os.SameFile(fi, target) {
				return ownFileError(path, f)
			}
		}
		if sameName(path, f) {
			return ownFileError(path, f)
		}
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return model.Errorf(model.EINVALID, "cannot write %s: %v", path, err)
	}
	return nil
}

func ownFileError(path, f string) error {
	what := "the notebook itself"
	if i := strings.LastIndex(f, "-"); strings.HasSuffix(f, "-wal") || strings.HasSuffix(f, "-shm") || strings.HasSuffix(f, "-journal") {
		what = fmt.Sprintf("the notebook's %s file", f[i+1:])
	}
	return model.Errorf(model.EINVALID, "%s is %s; choose another file name", path, what)
}

// sameName reports whether two paths name the same place once symbolic
// links in their folders are followed, whether or not the file exists.
func sameName(a, b string) bool {
	ra, rb := resolved(a), resolved(b)
	return ra != "" && ra == rb
}

func resolved(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return ""
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return abs
	}
	return filepath.Join(dir, filepath.Base(abs))
}
