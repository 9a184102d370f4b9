package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"regulars/model"
	"regulars/store"
)

// filterNotebook is a demo notebook of a few hundred customers with, by
// hand, the cases the filter folds or splits: accents (composed and not),
// other scripts, phone fragments, e-mail local parts and other e-mails,
// private notes, archived customers.
func filterNotebook(t *testing.T) (*store.Store, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "regulars.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return testNow }
	t.Cleanup(func() { s.Close() })
	if err := store.GenerateDemo(ctx, s, store.DemoOptions{Customers: 300, Seed: 7, Today: s.Today()}); err != nil {
		t.Fatal(err)
	}
	type person struct {
		c        model.Customer
		notes    []string
		private  []string
		archived bool
	}
	for _, p := range []person{
		{c: model.Customer{Name: "Zoë Ångström", Nickname: "Zo", Email: "Zoe.Angstrom@Example.com", Phone: "+44 20 7123 4567", Tags: []string{"café", "vip"}},
			notes: []string{"Crème brûlée, every Friday"}, private: []string{"Secret biscuit recipe from Malmö"}},
		{c: model.Customer{Name: "ÉMILE Durand", Phone: "+33 6 12 34 56 78",
			Phones: []model.Contact{{Label: model.Mobile, Value: "+33 6 12 34 56 78", Preferred: true}, {Label: model.Work, Value: "030 9876 543"}},
			Emails: []model.Contact{{Label: model.Home, Value: "emile.d@home.example", Preferred: true}, {Label: model.Work, Value: "E.Durand@Work.example"}}},
			notes: []string{"straße café-au-lait; naïve"}},
		{c: model.Customer{Name: "Jose\u0301 Nun\u0303ez", Nickname: "Pepe"}, notes: []string{"Likes jalapen\u0303os and biscotti"}},
		{c: model.Customer{Name: "Σοφία Παπαδοπούλου", Tags: []string{"greek"}}, private: []string{"ΟΛΓΑ knows her"}},
		{c: model.Customer{Name: "Ольга Иванова", Email: "olga@example.ru"}, notes: []string{"Чай с лимоном"}},
		{c: model.Customer{Name: "İlkay Şahin", Nickname: "ılkay"}, notes: []string{"ÇAY çok güzel"}},
		{c: model.Customer{Name: "東京 Tanaka", Phone: "090-1234-5678"}, notes: []string{"抹茶 latte"}},
		{c: model.Customer{Name: "anna archived", Phone: "555 7123"}, notes: []string{"bistro biscuit"}, archived: true},
		{c: model.Customer{Name: "Anna Mäkelä", Email: "anna@EXAMPLE.fi"}, private: []string{"bistro owner"}},
		{c: model.Customer{Name: "O'Brien-Smith", Nickname: "Ob"}, notes: []string{"x2 espresso, 3½ sugars, ²nd cup"}},
	} {
		c := p.c
		if err := s.CreateCustomer(ctx, &c); err != nil {
			t.Fatalf("%s: %v", p.c.Name, err)
		}
		for _, n := range p.notes {
			if err := s.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: n}); err != nil {
				t.Fatal(err)
			}
		}
		for _, n := range p.private {
			if err := s.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: n, Private: true}); err != nil {
				t.Fatal(err)
			}
		}
		if p.archived {
			if err := s.ArchiveCustomer(ctx, c.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Archive a few demo customers too.
	for id := int64(3); id < 300; id += 37 {
		if err := s.ArchiveCustomer(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	return s, path
}

// filterWords gathers the notebook's words, phones and e-mails, from which
// the random filters are cut.
func filterWords(t *testing.T, s *store.Store) (words, phones, emails []string) {
	t.Helper()
	db := s.DB()
	rows, err := db.Query(`SELECT name || ' ' || nickname || ' ' || tags, phone_digits, email FROM customers
		UNION ALL SELECT text, '', '' FROM notes
		UNION ALL SELECT '', digits, CASE WHEN kind = 'email' THEN value ELSE '' END FROM contacts`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var text, phone, email string
		if err := rows.Scan(&text, &phone, &email); err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) }) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
		if phone != "" {
			phones = append(phones, phone)
		}
		if email != "" {
			emails = append(emails, email)
		}
	}
	return words, phones, emails
}

// randomFilter cuts a filter from the notebook's words: prefixes of one to
// three words in any case, phone fragments, e-mail beginnings, and noise.
func randomFilter(rng *rand.Rand, words, phones, emails []string) string {
	prefix := func(w string) string {
		r := []rune(w)
		return string(r[:1+rng.IntN(len(r))])
	}
	switch rng.IntN(10) {
	case 0:
		p := phones[rng.IntN(len(phones))]
		i := rng.IntN(len(p))
		return p[i:min(len(p), i+3+rng.IntN(5))]
	case 1:
		e := emails[rng.IntN(len(emails))]
		e = e[:1+rng.IntN(len(e))]
		if rng.IntN(2) == 0 {
			e = strings.ToUpper(e)
		}
		return e
	case 2:
		fixed := []string{"", " ", "@", "bis", "BIS", "cafe", "café", "CAFÉ", "creme", "brulee", "jose", "josé", "nunez", "ñ", "strasse", "straße",
			"ol ha", "olga", "ольга", "ολγα", "σοφ", "ilkay", "i̇lkay", "cay", "東京", "抹茶", "7123", "12 34", "030", "e.d", "anna@ex", "x2", "3", "½", "²nd", "o'b", "brien smith",
			"zo@", "\tzoe", "ZOE.ANG", "e.durand@w", "biscuit malmö", "bistro", "a b c", "zz", "q"}
		return fixed[rng.IntN(len(fixed))]
	}
	n := 1 + rng.IntN(3)
	parts := make([]string, n)
	for i := range parts {
		w := prefix(words[rng.IntN(len(words))])
		switch rng.IntN(4) {
		case 0:
			w = strings.ToUpper(w)
		case 1:
			w = strings.ToLower(w)
		}
		parts[i] = w
	}
	return strings.Join(parts, []string{" ", ", ", "-", "  "}[rng.IntN(4)])
}

// TestFilterIndexMatchesSQL is the property: for random filters, sorts,
// offsets and modes, the index gives exactly the SQL path's pages and
// counts.
func TestFilterIndexMatchesSQL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _ := filterNotebook(t)
	x := store.NewFilterIndex(ctx, s)
	defer x.Close()
	x.Start()
	if err := x.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if !x.Ready() {
		t.Fatal("the index is not ready after its build")
	}
	words, phones, emails := filterWords(t, s)
	rng := rand.New(rand.NewPCG(1, 2))
	n := 1500
	if testing.Short() || raceDetector {
		n = 150
	}
	for i := 0; i < n; i++ {
		q := store.SearchQuery{
			Text:        randomFilter(rng, words, phones, emails),
			Sort:        store.Sort(rng.IntN(3)),
			Limit:       1 + rng.IntN(70),
			HidePrivate: rng.IntN(2) == 0,
			NamesOnly:   rng.IntN(5) == 0,
			Archived:    rng.IntN(5) == 0,
		}
		if rng.IntN(3) == 0 {
			q.Offset = rng.IntN(120)
		}
		checkSame(t, ctx, s, x, q)
	}
	t.Logf("%d filters, %d left to SQL", n, store.FilterIndexFallbacks(x))
	if got := store.FilterIndexFallbacks(x); got > int64(n/50) {
		t.Errorf("the index left %d of %d filters to SQL", got, n)
	}
}

func checkSame(t *testing.T, ctx context.Context, s *store.Store, x *store.FilterIndex, q store.SearchQuery) {
	t.Helper()
	want, err := s.ListPage(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	got, err := x.ListPage(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := pageNames(got), pageNames(want); g != w {
		t.Fatalf("%+v:\nindex %s\nSQL   %s", q, g, w)
	}
	wn, err := s.Count(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	gn, err := x.Count(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if gn != wn {
		t.Fatalf("%+v: index counts %d, SQL %d", q, gn, wn)
	}
}

func pageNames(p store.Page) string {
	var b strings.Builder
	for _, m := range p.Rows {
		fmt.Fprintf(&b, "%+v\n", m)
	}
	fmt.Fprintf(&b, " more=%v", p.More)
	return b.String()
}

// TestFilterIndexFollowsWrites: a write, from this store or another
// process's, is seen by the very next question (through SQL while the
// index is rebuilt), and the rebuilt index sees it too.
func TestFilterIndexFollowsWrites(t *testing.T) {
	ctx := context.Background()
	s, path := filterNotebook(t)
	x := store.NewFilterIndex(ctx, s)
	defer x.Close()
	x.Start()
	if err := x.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(path) // another connection pool, as another process
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	qs := []store.SearchQuery{{Text: "quokka"}, {Text: "quokka", HidePrivate: true}, {Text: "wombat"}, {Text: "wombat", Archived: true}, {}, {Archived: true}, {Sort: store.ByLastVisit}}
	check := func(step string) {
		t.Helper()
		for _, q := range qs {
			q.Limit = 400
			checkSame(t, ctx, s, x, q)
		}
		// And once the index is current again.
		deadline := time.Now().Add(10 * time.Second)
		for {
			x.ListPage(ctx, store.SearchQuery{Text: "a"}) // notices the write, starts the rebuild
			if x.Ready() {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: the index was not rebuilt", step)
			}
			time.Sleep(5 * time.Millisecond)
		}
		for _, q := range qs {
			q.Limit = 400
			checkSame(t, ctx, s, x, q)
		}
	}
	c := &model.Customer{Name: "Quokka Wombat"}
	if err := s.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	check("create")
	if err := other.AddNote(ctx, &model.Note{CustomerID: 1, Text: "saw a quokka", Private: true}); err != nil {
		t.Fatal(err)
	}
	check("private note from another process")
	if err := other.ArchiveCustomer(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	check("archive from another process")
	if _, err := s.UpdateCustomer(ctx, 2, model.CustomerUpdate{Nickname: ptr("wombat")}); err != nil {
		t.Fatal(err)
	}
	check("rename")
	if err := s.AddVisit(ctx, &model.Visit{CustomerID: 2, On: s.Today(), Cents: 100}); err != nil {
		t.Fatal(err)
	}
	check("visit")
}

func ptr[T any](v T) *T { return &v }
