package interchange_test

import (
	"bytes"
	"testing"

	"regulars/interchange"
)

func FuzzParseJSON(f *testing.F) {
	f.Add([]byte(`{"format":"regulars","version":1,"customers":[{"name":"A","created":"2026-11-23T10:00:00.000Z","visits":[{"on":"2026-11-20","cents":100}],"thank_yous":[{"reason":"x","due":"2026-11-24","created":"2026-11-23T10:00:00.000Z","visit":1}]}]}`))
	f.Add([]byte(`{"format":"regulars","version":1,"customers":[{"name":"A","rating":"x"},{"name":1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := interchange.ParseJSON(bytes.NewReader(data), fuzzLimits)
		checkBatch(t, b, err)
	})
}
