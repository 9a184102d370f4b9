package store_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

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
