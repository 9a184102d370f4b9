package interchange_test

import (
	"bytes"
	"testing"

	"regulars/interchange"
)

func FuzzParseCSV(f *testing.F) {
	f.Add([]byte("Name,Phone,Email,Birthday\nAnna,555 1234,anna@example.com,--04-15\n"))
	f.Add([]byte("First Name,Last Name,Labels,E-mail 1 - Value,Relation 1 - Label,Relation 1 - Value\nA,B,* myContacts ::: VIP,a@b.c,Spouse,C\n"))
	f.Add([]byte("First Name,Last Name,Email Address,Memo,First Visit,Last Visit,Lifetime Spend\nA,B,a@b.c,hi,2023-02-01,2/1/2024,\"$1,000.00\"\n"))
	f.Add([]byte("Name;Phone\n\"A \"\"x\"\"\";1\nB\"x;2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := interchange.ParseCSV(bytes.NewReader(data), fuzzLimits)
		checkBatch(t, b, err)
	})
}
