package store_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

// roundTripJSON exports s as JSON, imports it into a new notebook and
// returns both exports.
func roundTripJSON(t *testing.T, s *store.Store) (first, second []byte, res *store.ImportResult) {
	t.Helper()
	first = mustExport(t, s, interchange.FormatJSON)
	b, err := interchange.ParseJSON(bytes.NewReader(first), interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	s2 := openIO(t)
	res, err = s2.Import(context.Background(), b, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return first, mustExport(t, s2, interchange.FormatJSON), res
}

func TestImportJSON_TwoToms(t *testing.T) {
	s := openIO(t)
	ctx := context.Background()
	tom1 := &model.Customer{Name: "Tom", Usual: "espresso"}
	tom2 := &model.Customer{Name: "Tom", Usual: "chai latte"}
	gone := &model.Customer{Name: "Gone Girl"}
	for _, c := range []*model.Customer{tom1, tom2, gone} {
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddNote(ctx, &model.Note{CustomerID: tom2.ID, Text: "oat milk"}); err != nil {
		t.Fatal(err)
	}
	if err := s.ArchiveCustomer(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	first, second, res := roundTripJSON(t, s)
	if len(res.Added) != 3 || len(res.Skipped) != 0 || res.Notes != 1 {
		t.Errorf("added %d, skipped %v, notes %d; want 3, none, 1", len(res.Added), res.Skipped, res.Notes)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("export → import → export differs:\n%s\n---\n%s", first, second)
	}
	// The same file again: every customer is matched by identity.
	b, _ := interchange.ParseJSON(bytes.NewReader(first), interchange.DefaultLimits)
	res, err := s.Import(ctx, b, store.ImportOptions{})
	if err != nil || len(res.Added) != 0 || len(res.Skipped) != 3 {
		t.Errorf("again into the same notebook: added %d, skipped %d, %v; want 0, 3", len(res.Added), len(res.Skipped), err)
	}
}

func TestImportJSON_DemoRoundTrip(t *testing.T) {
	t.Parallel()
	s := openIO(t)
	ctx := context.Background()
	if err := store.GenerateDemo(ctx, s, store.DemoOptions{Customers: 300, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	// Demo people of the same name, with and without a phone, and archived ones.
	for i, c := range []*model.Customer{{Name: "Tom"}, {Name: "Tom"}, {Name: "Tom", Phone: "555 0101"}, {Name: "Tom", Phone: "555 0101"}} {
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := s.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: fmt.Sprintf("Tom number %d", i+1)}); err != nil {
			t.Fatal(err)
		}
		if i%2 == 1 {
			if err := s.ArchiveCustomer(ctx, c.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	for id := int64(10); id <= 20; id += 5 {
		if err := s.ArchiveCustomer(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	first, second, res := roundTripJSON(t, s)
	if len(res.Added) != 304 || len(res.Skipped) != 0 {
		t.Errorf("added %d, skipped %v; want all 304", len(res.Added), res.Skipped)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("demo: export → import → export differs (%d and %d bytes)", len(first), len(second))
	}
}

// TestImportJSON_RoundTripProperty builds random notebooks full of people
// of the same name, archived ones and notes, and checks each comes back whole.
func TestImportJSON_RoundTripProperty(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	names := []string{"Tom", "tom", "Ann Lee", "Ann  Lee", "Bo"}
	seeds := uint64(8)
	if raceDetector {
		seeds = 4
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, seed))
			s := openIO(t)
			for i := 0; i < 12; i++ {
				c := &model.Customer{Name: names[rng.IntN(len(names))]}
				if rng.IntN(3) == 0 {
					c.Phone = fmt.Sprintf("555 %04d", rng.IntN(3))
				}
				if rng.IntN(4) == 0 {
					c.Email = fmt.Sprintf("p%d@example.com", rng.IntN(2))
				}
				if err := s.CreateCustomer(ctx, c); err != nil {
					t.Fatal(err)
				}
				for n := rng.IntN(3); n > 0; n-- {
					if err := s.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: fmt.Sprintf("note %d", rng.IntN(100))}); err != nil {
						t.Fatal(err)
					}
				}
				if rng.IntN(4) == 0 {
					if err := s.ArchiveCustomer(ctx, c.ID); err != nil {
						t.Fatal(err)
					}
				}
			}
			first, second, res := roundTripJSON(t, s)
			if len(res.Added) != 12 {
				t.Errorf("added %d of 12 (skipped %v)", len(res.Added), res.Skipped)
			}
			if !bytes.Equal(first, second) {
				t.Errorf("export → import → export differs:\n%s\n---\n%s", first, second)
			}
		})
	}
}

func TestImport_UID(t *testing.T) {
	ctx := context.Background()
	t.Run("KeptFromTheCard", func(t *testing.T) {
		s := openIO(t)
		vcf := "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:5d0c2f61-8e0a-4b8e-9d7e-2a1c3b4d5e6f\r\nFN:Uma\r\nEND:VCARD\r\n"
		b, err := interchange.ParseVCard(strings.NewReader(vcf), interchange.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(ctx, b, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, f := range []interchange.Format{interchange.FormatVCard, interchange.FormatJSON} {
			if out := mustExport(t, s, f); !strings.Contains(string(out), "urn:uuid:5d0c2f61-8e0a-4b8e-9d7e-2a1c3b4d5e6f") {
				t.Errorf("%s export lacks the card's UID:\n%s", f, out)
			}
		}
	})
	t.Run("NewCustomersNotByIDOrTime", func(t *testing.T) {
		// Two notebooks, the same first customer at the same time: two people.
		var uids []string
		for i := 0; i < 2; i++ {
			s := openIO(t)
			if err := s.CreateCustomer(ctx, &model.Customer{Name: "Same", Created: ioNow}); err != nil {
				t.Fatal(err)
			}
			out := string(mustExport(t, s, interchange.FormatVCard))
			i := strings.Index(out, "UID:")
			uids = append(uids, out[i:i+50])
		}
		if uids[0] == uids[1] {
			t.Errorf("both notebooks' first customer has %s", uids[0])
		}
	})
}

func TestImport_SkipInvalid(t *testing.T) {
	ctx := context.Background()
	csv := "Name,Phone,Birthday\nAna,555 1234,1990-01-01\nBob,555 9999,1990-02-30\nCy,555 0000,2999-01-01\nDee,555 1111,\n"
	parse := func() *interchange.Batch {
		b, err := interchange.ParseCSV(strings.NewReader(csv), interchange.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	s := openIO(t)
	if _, err := s.Import(ctx, parse(), store.ImportOptions{}); err == nil {
		t.Fatal("default: want all or nothing")
	}
	b := parse()
	res, err := s.Import(ctx, b, store.ImportOptions{SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Added) != 2 || len(res.Errors) != 2 {
		t.Fatalf("added %d, refused %v; want 2 and 2 (Bob's 30 February, Cy's birthday to come)", len(res.Added), res.Errors)
	}
	var buf bytes.Buffer
	if err := interchange.WriteRejects(&buf, b, res.Errors); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "Name,Phone,Birthday\nBob,555 9999,1990-02-30\nCy,555 0000,2999-01-01\n"; got != want {
		t.Errorf("rejects:\n%s\nwant:\n%s", got, want)
	}
	_ = time.Now
}

func TestExportCSV_TagWithTab(t *testing.T) {
	ctx := context.Background()
	s := openIO(t)
	if err := s.CreateCustomer(ctx, &model.Customer{Name: "Tab Tess", Tags: []string{"a\tb", "plain"}}); err != nil {
		t.Fatal(err)
	}
	out := mustExport(t, s, interchange.FormatCSV)
	b, err := interchange.ParseCSV(bytes.NewReader(out), interchange.DefaultLimits)
	if err != nil || len(b.Records) != 1 {
		t.Fatal(err, b)
	}
	if got, want := strings.Join(b.Records[0].Customer.Tags, "|"), "a\tb|plain"; got != want {
		t.Errorf("tags = %q, want %q", got, want)
	}
}

func TestSaveRejects(t *testing.T) {
	ctx := context.Background()
	good := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good\r\nEND:VCARD\r\n"
	future := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Not Yet\r\n  Born\r\nBDAY:2999-01-01\r\nEND:VCARD\r\n"
	noName := "BEGIN:VCARD\nVERSION:3.0\nTEL:555 1234\nEND:VCARD\n"
	dir := t.TempDir()
	input := filepath.Join(dir, "contacts.vcf")
	b, err := interchange.ParseVCard(strings.NewReader(good+future+noName), interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	s := openIO(t)
	res, err := s.Import(ctx, b, store.ImportOptions{SkipInvalid: true})
	if err != nil || len(res.Added) != 1 || len(res.Errors) != 2 {
		t.Fatalf("added %d, refused %v, %v; want 1 and 2", len(res.Added), res.Errors, err)
	}
	path, err := store.SaveRejects(input, b, res.Errors)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := path, filepath.Join(dir, "contacts.rejects.vcf"); got != want {
		t.Errorf("path = %q, want %q", got, want)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("stat: %v, %v; want mode 600", fi, err)
	}
	data, _ := os.ReadFile(path)
	if got := string(data); len(got) != len(future+noName) || !strings.Contains(got, future) || !strings.Contains(got, noName) {
		t.Errorf("rejects:\n%q\nwant the two cards as they were:\n%q", got, future+noName)
	}
}

// TestImportJSON_CustomersFromBeforeUIDs: a notebook's customers from
// before version 0005 have no stored uid; their export carries the one
// exports always gave them, and the round trip keeps it.
func TestImportJSON_CustomersFromBeforeUIDs(t *testing.T) {
	s := openIO(t)
	ctx := context.Background()
	for _, name := range []string{"Tom", "Tom"} {
		if err := s.CreateCustomer(ctx, &model.Customer{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	store.ForgetUIDs(t, s)
	first, second, res := roundTripJSON(t, s)
	if len(res.Added) != 2 {
		t.Errorf("added %d, skipped %v; want 2", len(res.Added), res.Skipped)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("export → import → export differs:\n%s\n---\n%s", first, second)
	}
}
