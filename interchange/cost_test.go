package interchange_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"regulars/interchange"
)

// bigNoteJSON is a notebook whose first customer has a note of noteBytes
// (too long to import) followed by n tiny customers.
func bigNoteJSON(noteBytes, n int) []byte {
	var b bytes.Buffer
	b.WriteString("{\n  \"format\": \"regulars\",\n  \"version\": 1,\n  \"customers\": [\n")
	b.WriteString(`    {"name": "Big", "created": "2026-11-23T10:00:00.000Z", "notes": [{"text": "`)
	b.WriteString(strings.Repeat("x", noteBytes))
	b.WriteString(`", "created": "2026-11-23T10:00:00.000Z"}]}`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, ",\n    {\"name\": \"C%d\", \"created\": \"2026-11-23T10:00:00.000Z\"}", i)
	}
	b.WriteString("\n  ]\n}\n")
	return b.Bytes()
}

// BenchmarkParseJSON_BigNoteThenTiny: the time grows with the customers
// after the big note, not with customers × file size (issue 13).
func BenchmarkParseJSON_BigNoteThenTiny(b *testing.B) {
	for _, size := range []struct{ note, n int }{{8 << 20, 1000}, {8 << 20, 2000}, {8 << 20, 4000}, {16 << 20, 4000}, {32 << 20, 4000}} {
		data := bigNoteJSON(size.note, size.n)
		b.Run(fmt.Sprintf("note=%dMiB/customers=%d", size.note>>20, size.n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				batch, err := interchange.ParseJSON(bytes.NewReader(data), interchange.DefaultLimits)
				if err != nil || len(batch.Errors) != 1 {
					b.Fatal(err)
				}
			}
		})
	}
}

// unknownPropsCard is one card with n small properties nobody reads.
func unknownPropsCard(n int) []byte {
	var b bytes.Buffer
	b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many\r\n")
	for i := 0; i < n; i++ {
		b.WriteString("X-A:b\r\n")
	}
	b.WriteString("END:VCARD\r\n")
	return b.Bytes()
}

// BenchmarkParseVCard_UnknownProperties: time and memory grow with the card.
func BenchmarkParseVCard_UnknownProperties(b *testing.B) {
	for _, n := range []int{250_000, 500_000, 1_000_000} {
		data := unknownPropsCard(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := interchange.ParseVCard(bytes.NewReader(data), interchange.DefaultLimits); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestParseVCard_UnknownPropertiesMemory: parsing a card of a million
// unknown properties (7 MB) takes a small multiple of its size at its peak,
// not a parsed property (with its parameter map) for each line held until
// the card ends (issue 13: 60 MB of them took 2.6 GB).
func TestParseVCard_UnknownPropertiesMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("a large card")
	}
	data := unknownPropsCard(1_000_000)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	b, err := interchange.ParseVCard(bytes.NewReader(data), interchange.DefaultLimits)
	close(stop)
	<-sampled
	if err != nil || len(b.Records) != 1 {
		t.Fatal(err)
	}
	used := int64(peak) - int64(base)
	if used > 8*int64(len(data)) {
		t.Errorf("parsing a card of %d bytes took %d bytes at its peak", len(data), used)
	}
	runtime.KeepAlive(data)
	t.Logf("card %d bytes, peak heap above the start %d bytes", len(data), used)
}
