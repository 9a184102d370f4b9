package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"regulars/model"
	"regulars/store"
)

func TestCreateCustomer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := MustOpen(t)
		c := &model.Customer{Name: "  Anna Schmidt ", Nickname: "Annie", Phone: "+49 (176) 123-4567",
			Email: "anna@example.com", Birthday: model.MonthDay{Month: time.February, Day: 29},
			Anniversary: model.MonthDay{Year: 2010, Month: time.June, Day: 12}, Partner: "Tom",
			Children: "Emma (7), Max", Interests: "cycling", Usual: "flat white, extra hot", Tags: []string{"VIP", " regular", "vip"}}
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		got, err := s.Customer(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Anna Schmidt" || got.Birthday != c.Birthday || got.Anniversary != c.Anniversary ||
			strings.Join(got.Tags, ",") != "vip,regular" || got.Usual != c.Usual || got.Children != c.Children {
			t.Fatalf("read back %+v", got)
		}
		if !got.Created.Equal(testNow.Truncate(time.Millisecond)) {
			t.Fatalf("created = %v, want %v", got.Created, testNow)
		}
	})
	for name, c := range map[string]model.Customer{
		"ErrNameRequired": {Name: "  "},
		"ErrBadEmail":     {Name: "A", Email: "nope"},
		"ErrBadBirthday":  {Name: "A", Birthday: model.MonthDay{Month: 2, Day: 30}},
		"ErrNameTooLong":  {Name: strings.Repeat("a", model.MaxNameLen+1)},
		"ErrNewlineName":  {Name: "A\nB"},
	} {
		t.Run(name, func(t *testing.T) {
			s := MustOpen(t)
			err := s.CreateCustomer(ctx, &c)
			if got := model.ErrorCode(err); got != model.EINVALID {
				t.Fatalf("code = %q (%v), want invalid", got, err)
			}
			if n := count(t, s, "customers"); n != 0 {
				t.Fatalf("%d customers written", n)
			}
		})
	}
}

func count(tb testing.TB, s *store.Store, table string) int {
	tb.Helper()
	var n int
	if err := s.DB().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestUpdateCustomer(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	c := mustCustomer(t, s, "Anna")
	phone, name := "0176 555", "Anna Schmidt"
	bday := model.MonthDay{Month: 12, Day: 24}
	got, err := s.UpdateCustomer(ctx, c.ID, model.CustomerUpdate{Phone: &phone, Name: &name, Birthday: &bday})
	if err != nil {
		t.Fatal(err)
	}
	if got.Phone != phone || got.Name != name || got.Birthday != bday {
		t.Fatalf("got %+v", got)
	}
	// The search index follows the update.
	if rows, err := listRows(s.ListPage(ctx, store.SearchQuery{Text: "schmidt"})); err != nil || len(rows) != 1 {
		t.Fatalf("search after rename: %v, %v", rows, err)
	}
	if rows, _ := listRows(s.ListPage(ctx, store.SearchQuery{Text: "555"})); len(rows) != 1 {
		t.Fatalf("search by new phone: %v", rows)
	}
	t.Run("ErrInvalidLeavesRow", func(t *testing.T) {
		empty := ""
		_, err := s.UpdateCustomer(ctx, c.ID, model.CustomerUpdate{Name: &empty})
		if model.ErrorCode(err) != model.EINVALID {
			t.Fatalf("err = %v", err)
		}
		after, _ := s.Customer(ctx, c.ID)
		if after.Name != name {
			t.Fatalf("name changed to %q", after.Name)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.UpdateCustomer(ctx, 999, model.CustomerUpdate{Name: &name})
		if model.ErrorCode(err) != model.ENOTFOUND || model.ErrorMessage(err) != "there is no customer #999" {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestArchiveCustomer(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	c := mustCustomer(t, s, "Anna")
	if err := s.ArchiveCustomer(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if rows, _ := listRows(s.ListPage(ctx, store.SearchQuery{})); len(rows) != 0 {
		t.Fatalf("archived customer listed: %v", rows)
	}
	if err := s.ArchiveCustomer(ctx, c.ID); model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("second archive: %v", err)
	}
	if err := s.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: "x"}); model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("note on archived: %v", err)
	}
	if err := s.UnarchiveCustomer(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if rows, _ := listRows(s.ListPage(ctx, store.SearchQuery{})); len(rows) != 1 {
		t.Fatalf("unarchived customer not listed: %v", rows)
	}
	if err := s.ArchiveCustomer(ctx, 42); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("archive unknown: %v", err)
	}
}

func TestResolve(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	anna := mustCustomer(t, s, "Anna Schmidt")
	mustCustomer(t, s, "Anna Berger")
	ann := mustCustomer(t, s, "Ann")
	for _, tc := range []struct {
		who      string
		wantID   int64
		wantCode string
		wantN    int
	}{
		{who: "schmidt", wantID: anna.ID},
		{who: "#1", wantID: anna.ID},
		{who: "1", wantID: anna.ID},
		{who: "Ann", wantID: ann.ID}, // an exact name wins over prefixes
		{who: "anna", wantCode: model.ECONFLICT, wantN: 2},
		{who: "zoe", wantCode: model.ENOTFOUND},
		{who: "77", wantCode: model.ENOTFOUND},
		{who: " ", wantCode: model.EINVALID},
	} {
		t.Run(tc.who, func(t *testing.T) {
			c, cands, err := s.Resolve(ctx, tc.who)
			if got := model.ErrorCode(err); got != tc.wantCode {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.wantCode)
			}
			if tc.wantID != 0 && (c == nil || c.ID != tc.wantID) {
				t.Fatalf("got %+v, want #%d", c, tc.wantID)
			}
			if len(cands) != tc.wantN {
				t.Fatalf("%d candidates, want %d", len(cands), tc.wantN)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	anna := &model.Customer{Name: "Anna Schmidt", Phone: "+44 7700 900123", Email: "anna@example.com", Tags: []string{"vip"}}
	ben := &model.Customer{Name: "Ben Müller", Nickname: "Benny"}
	clara := &model.Customer{Name: "Clara Ölberg"}
	for _, c := range []*model.Customer{anna, ben, clara} {
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	must(t, s.AddNote(ctx, &model.Note{CustomerID: ben.ID, Text: "Trip to Germany in May"}))
	must(t, s.AddNote(ctx, &model.Note{CustomerID: clara.ID, Text: "Secret surgery in June", Private: true}))
	must(t, s.AddVisit(ctx, &model.Visit{CustomerID: ben.ID, On: model.MakeDate(2026, 11, 1), Cents: 5000}))
	must(t, s.AddVisit(ctx, &model.Visit{CustomerID: anna.ID, On: model.MakeDate(2026, 11, 20), Cents: 100}))
	must(t, s.AddVisit(ctx, &model.Visit{CustomerID: anna.ID, On: model.MakeDate(2025, 11, 20), Cents: 90000}))
	must(t, s.AddThankYou(ctx, &model.ThankYou{CustomerID: anna.ID, Reason: "cake", Due: model.MakeDate(2026, 11, 25)}))
	must(t, s.AddFeedback(ctx, &model.Feedback{CustomerID: anna.ID, On: model.MakeDate(2026, 11, 2), Rating: 2}))

	names := func(q store.SearchQuery) string {
		rows, err := listRows(s.ListPage(ctx, q))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, strings.Fields(r.Name)[0])
		}
		return strings.Join(out, ",")
	}
	for _, tc := range []struct {
		q    store.SearchQuery
		want string
	}{
		{store.SearchQuery{}, "Anna,Ben,Clara"},
		{store.SearchQuery{Text: "a"}, "Anna"},
		{store.SearchQuery{Text: "mul"}, "Ben"},   // diacritics folded
		{store.SearchQuery{Text: "olb"}, "Clara"}, // Ö → o
		{store.SearchQuery{Text: "benny"}, "Ben"},
		{store.SearchQuery{Text: "900 12"}, "Anna"}, // phone fragment with a space
		{store.SearchQuery{Text: "example"}, ""},    // an e-mail's domain is not a word of it
		{store.SearchQuery{Text: "anna@ex"}, "Anna"},
		{store.SearchQuery{Text: "ANNA@EXAMPLE.COM"}, "Anna"},
		{store.SearchQuery{Text: "VIP"}, "Anna"},
		{store.SearchQuery{Text: "germ"}, "Ben"},
		{store.SearchQuery{Text: "germ", NamesOnly: true}, ""},
		{store.SearchQuery{Text: "surgery"}, "Clara"},
		{store.SearchQuery{Text: "surgery", HidePrivate: true}, ""},
		{store.SearchQuery{Text: `"*) OR name:`}, ""}, // no FTS syntax gets through
		{store.SearchQuery{Sort: store.ByLastVisit}, "Anna,Ben,Clara"},
		{store.SearchQuery{Sort: store.BySpendYear}, "Ben,Anna,Clara"},
		{store.SearchQuery{Limit: 1, Offset: 1}, "Ben"},
	} {
		if got := names(tc.q); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.q, got, tc.want)
		}
	}
	page, err := s.ListPage(ctx, store.SearchQuery{Limit: 2})
	if err != nil || !page.More || len(page.Rows) != 2 {
		t.Fatalf("page = %+v, %v; want 2 rows and more", page, err)
	}
	first := page.Rows[0]
	if first.OpenItems != 2 || first.SpendYear != 100 || first.LastVisit != model.MakeDate(2026, 11, 20) || first.Tags[0] != "vip" {
		t.Fatalf("Anna's row = %+v", first)
	}
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// Whatever is typed into the filter or given as WHO, the store answers with
// rows or a person's error, never a query error.
func FuzzSearch(f *testing.F) {
	s := MustOpen(f)
	ctx := context.Background()
	for _, n := range []string{"Anna Schmidt", "Ben Müller", "Zoë O'Brien"} {
		mustCustomer(f, s, n)
	}
	for _, q := range []string{"ann", "\"", "*", "a OR b", "NEAR(a b)", "col:x", "^", "-x", "0176", "#1", "1", "Zo\u0308", "\x00", "a\"*) OR ("} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := listRows(s.ListPage(ctx, store.SearchQuery{Text: q, Limit: 5})); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if _, _, err := s.Resolve(ctx, q); err != nil {
			switch model.ErrorCode(err) {
			case model.ENOTFOUND, model.ECONFLICT, model.EINVALID:
			default:
				t.Fatalf("Resolve(%q): %v", q, err)
			}
		}
	})
}

// A WHO of punctuation or symbols alone names nobody, even when the
// notebook holds one customer a filter would match.
func TestResolveSymbolsOnly(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	if err := s.CreateCustomer(ctx, &model.Customer{Name: "Anna Schmidt"}); err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"%", "_", "*", ".", "🙂", "--", "#"} {
		c, _, err := s.Resolve(ctx, who)
		if got, want := model.ErrorCode(err), model.ENOTFOUND; got != want || c != nil {
			t.Errorf("Resolve(%q) = %v, %v; want %s", who, c, err, want)
		}
	}
	if c, _, err := s.Resolve(ctx, "anna"); err != nil || c.Name != "Anna Schmidt" {
		t.Fatalf("Resolve(anna) = %v, %v", c, err)
	}
}

// A birthday in the future is refused when a customer is added or changed.
func TestCustomerFutureBirthday(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	c := &model.Customer{Name: "Anna", Birthday: model.MonthDay{Year: 9999, Month: 12, Day: 31}}
	if err := s.CreateCustomer(ctx, c); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("create with a birthday in 9999: %v", err)
	}
	c.Birthday = model.MonthDay{Year: 1986, Month: 11, Day: 28}
	if err := s.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	future := model.MonthDay{Year: 2027, Month: 3, Day: 1}
	if _, err := s.UpdateCustomer(ctx, c.ID, model.CustomerUpdate{Anniversary: &future}); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("update with an anniversary in 2027: %v", err)
	}
}
