package interchange_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"regulars/interchange"
)

// brokenCorpus are the corpus files their own projects keep as broken: they
// may be refused, each in a few lines.
var brokenCorpus = map[string]bool{
	"khard/broken.abook-unparsable.vcf": true,
	"khard/vcards-unparsable.vcf":       true,
	// A card of a photo alone (sabre/vobject's test of a photo bug): no
	// name, phone or e-mail to keep a customer by.
	"sabre-vobject/issue64.vcf": true,
}

// TestCorpus imports every file of testdata/corpus, which real programs
// wrote (see SOURCES.md): a legitimate file is never refused.
func TestCorpus(t *testing.T) {
	root := filepath.Join("testdata", "corpus")
	var files []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".vcf") || strings.HasSuffix(path, ".csv")) {
			files = append(files, path)
		}
		return err
	})
	if len(files) < 60 {
		t.Fatalf("the corpus has %d files, want at least 60", len(files))
	}
	var table strings.Builder
	table.WriteString("\nfile | customers | warnings | refused\n")
	for _, path := range files {
		name := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		b, err := interchange.Parse(f, interchange.FormatOfName(path), interchange.DefaultLimits)
		f.Close()
		switch {
		case brokenCorpus[name]:
			lines := 0
			if err != nil {
				lines = strings.Count(err.Error(), "\n") + 1
			} else {
				lines = len(b.Errors)
			}
			if lines > 3 {
				t.Errorf("%s: refused in %d lines, want at most 3", name, lines)
			}
			table.WriteString(name + " | refused as broken (expected)\n")
			continue
		case err != nil:
			t.Errorf("%s: refused: %v", name, err)
			continue
		case len(b.Errors) > 0:
			t.Errorf("%s: %d records refused: %v", name, len(b.Errors), b.Errors)
		case len(b.Records) == 0:
			t.Errorf("%s: no customers read", name)
		}
		table.WriteString(name + " | " + itoa(len(b.Records)) + " | " + itoa(len(b.Warnings)) + " | " + itoa(len(b.Errors)) + "\n")
	}
	t.Log(table.String())
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
