package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"regulars/interchange"
	"regulars/store"
)

// manyNotesCard is one card with n NOTE lines.
func manyNotesCard(n int) []byte {
	var b bytes.Buffer
	b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Chatty Cathy\r\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "NOTE:talked about the weather, day %d\r\n", i)
	}
	b.WriteString("END:VCARD\r\n")
	return b.Bytes()
}

// BenchmarkImportVCard_ManyNotes: importing a card's notes costs in
// proportion to their number (issue 13: each note rebuilt the customer's
// search row from all their notes: 10,000 took 32 s, 20,000 took 123 s).
func BenchmarkImportVCard_ManyNotes(b *testing.B) {
	for _, n := range []int{2500, 5000, 10000} {
		data := manyNotesCard(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s := openIO(b)
				batch, err := interchange.ParseVCard(bytes.NewReader(data), interchange.DefaultLimits)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := s.Import(context.Background(), batch, store.ImportOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkImportStreamJSON imports the notebook's own JSON export of a
// demo notebook (REGULARS_BENCH_IMPORT customers, 2,000 unless told) into
// a new notebook, as `regulars import` does a large file: ScanJSON and
// ImportStream, the file read twice. REGULARS_BENCH_IMPORT_JSON=FILE
// imports that file instead (such as an export of the benchmark notebook).
func BenchmarkImportStreamJSON(b *testing.B) {
	n := 2000
	if v := os.Getenv("REGULARS_BENCH_IMPORT"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	var data []byte
	if f := os.Getenv("REGULARS_BENCH_IMPORT_JSON"); f != "" {
		var err error
		if data, err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
		n = -1
	} else {
		src := openAt(b, benchToday.Time(time.Local).Add(10*time.Hour))
		if err := store.GenerateDemo(context.Background(), src, store.DemoOptions{Customers: n, Seed: 1, Today: benchToday}); err != nil {
			b.Fatal(err)
		}
		data = mustExport(b, src, interchange.FormatJSON)
	}
	b.ReportMetric(float64(len(data))/1e6, "MB")
	for b.Loop() {
		b.StopTimer()
		s := openAt(b, benchToday.Time(time.Local).Add(10*time.Hour))
		b.StartTimer()
		res, err := s.ImportStream(context.Background(), interchange.JSONFormatName, func(fn func(c *interchange.ScannedCustomer) error) error {
			return interchange.ScanJSON(bytes.NewReader(data), interchange.StreamedJSONLimits, fn)
		}, store.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if n >= 0 && len(res.Added) != n {
			b.Fatalf("added %d of %d", len(res.Added), n)
		}
	}
}
