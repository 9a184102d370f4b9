package store_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"regulars/interchange"
	"regulars/store"
)

// TestImport_Corpus imports every legitimate file of the corpus (real
// programs' files, interchange/testdata/corpus) into one notebook: none is
// refused by the store either (a birthday to come, a duplicate).
func TestImport_Corpus(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "interchange", "testdata", "corpus")
	broken := map[string]bool{"broken.abook-unparsable.vcf": true, "vcards-unparsable.vcf": true, "issue64.vcf": true}
	s := openIO(t)
	added := 0
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || broken[d.Name()] || !(strings.HasSuffix(path, ".vcf") || strings.HasSuffix(path, ".csv")) {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		b, err := interchange.Parse(f, interchange.FormatOfName(path), interchange.DefaultLimits)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		res, err := s.Import(context.Background(), b, store.ImportOptions{})
		if err != nil {
			t.Errorf("%s: %v %v", path, err, res.Errors)
			return nil
		}
		added += len(res.Added)
		return nil
	})
	t.Logf("%d customers added from the corpus", added)
}
