package interchange_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"regulars/interchange"
	"regulars/model"
)

// parseFile parses a file from testdata.
func parseFile(tb testing.TB, name string, format interchange.Format) *interchange.Batch {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	b, err := interchange.Parse(f, format, interchange.DefaultLimits)
	if err != nil {
		tb.Fatalf("parse %s: %v", name, err)
	}
	return b
}

// byName finds a record of a batch by customer name.
func byName(tb testing.TB, b *interchange.Batch, name string) interchange.Record {
	tb.Helper()
	for _, r := range b.Records {
		if r.Customer.Name == name {
			return r
		}
	}
	var names []string
	for _, r := range b.Records {
		names = append(names, r.Customer.Name)
	}
	tb.Fatalf("no record named %q among %q (errors: %v)", name, names, b.Errors)
	return interchange.Record{}
}

func md(year int, month time.Month, day int) model.MonthDay {
	return model.MonthDay{Year: year, Month: month, Day: day}
}
