package store_test

import (
	"context"
	"io"
	"testing"
	"time"

	"regulars/interchange"
)

// BenchmarkExport100k writes the benchmark notebook in each format to
// nowhere: the target is at most 3 s each for csv, vcf and json.
func BenchmarkExport100k(b *testing.B) {
	s := benchStore(b, benchToday.Time(time.Local).Add(10*time.Hour))
	for _, f := range []interchange.Format{interchange.FormatCSV, interchange.FormatVCard, interchange.FormatJSON, interchange.FormatICS} {
		b.Run(string(f), func(b *testing.B) {
			for b.Loop() {
				cw := &countWriter{}
				if err := s.Export(context.Background(), f, cw); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(cw.n)/1e6, "MB")
			}
		})
	}
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

var _ io.Writer = (*countWriter)(nil)
