package store_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

func readSurveyFile(t *testing.T, name string) *interchange.Survey {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "interchange", "testdata", "survey", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sv, err := interchange.ParseSurvey(f, interchange.SurveyColumns{}, interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	return sv
}

func TestImportSurvey(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	sv := readSurveyFile(t, "google-forms-30.csv")
	// Everyone who answered is a customer but the last; Anna only by name,
	// Ines by her second e-mail; Jonas answered with his e-mail in capitals.
	for i, r := range sv.Responses[:29] {
		c := &model.Customer{Name: r.Name, Email: strings.ToLower(r.Email)}
		switch i {
		case 0:
			c.Email = ""
			c.Name = "anna  SCHMIDT"
		case 8:
			c.Emails = []model.Contact{{Label: model.Work, Value: "ines@work.example", Preferred: true}, {Label: model.Home, Value: r.Email}}
			c.Email = ""
		}
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
	}
	res, err := s.ImportSurvey(ctx, sv, store.SurveyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(res.Added), 29; got != want || len(res.Unmatched) != 1 || res.Unmatched[0].Who != "dario.russo@example.com" {
		t.Fatalf("added %d, unmatched %+v, errors %v", got, res.Unmatched, res.Errors)
	}
	var want []string
	for _, r := range sv.Responses {
		if r.Lowest() <= 3 {
			want = append(want, r.Name)
		}
	}
	sort.Strings(want)
	if len(want) != 8 {
		t.Fatalf("the test file has %d unhappy responses, want 8", len(want))
	}
	w, err := s.Week(ctx, s.Today())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range w.Items {
		if it.Kind == model.KindUnhappy {
			got = append(got, it.Customer)
			if it.Customer == "Clara Meyer" && !strings.Contains(it.Reason, `rated 2/5 on Mon 16 Nov: "food 2, service 3: The soup was cold`) {
				t.Errorf("reason %q", it.Reason)
			}
		}
	}
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("unhappy on the week: %v\nwant %v", got, want)
	}
	again, err := s.ImportSurvey(ctx, sv, store.SurveyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Added) != 0 || again.Already != 29 {
		t.Fatalf("second import added %d, already %d", len(again.Added), again.Already)
	}
	t.Run("AddUnknown", func(t *testing.T) {
		dry, err := s.ImportSurvey(ctx, sv, store.SurveyOptions{AddUnknown: true, DryRun: true})
		if err != nil || len(dry.New) != 1 || len(dry.Added) != 1 {
			t.Fatalf("dry run: %v, new %+v, added %d", err, dry.New, len(dry.Added))
		}
		res, err := s.ImportSurvey(ctx, sv, store.SurveyOptions{AddUnknown: true})
		if err != nil || len(res.New) != 1 || res.New[0].Name != "Dario Russo" || len(res.Added) != 1 {
			t.Fatalf("%v, new %+v, added %d", err, res.New, len(res.Added))
		}
		res, err = s.ImportSurvey(ctx, sv, store.SurveyOptions{AddUnknown: true})
		if err != nil || len(res.New) != 0 || len(res.Added) != 0 || res.Already != 30 {
			t.Fatalf("third: %v, new %+v, added %d", err, res.New, len(res.Added))
		}
	})
	t.Run("ByPhone", func(t *testing.T) {
		s := MustOpen(t)
		c := &model.Customer{Name: "Kai Berg", Phones: []model.Contact{{Label: model.Home, Value: "030 1234567", Preferred: true}, {Label: model.Mobile, Value: "0170 5550123"}}}
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		cols, _ := interchange.ParseSurveyColumns("phone=Tel,rating=Food,comment=Else")
		sv, err := interchange.ParseSurvey(strings.NewReader("Date;Tel;Food;Else\n20.11.2026;+49 170 5550123;2;cold\n"), cols, interchange.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.ImportSurvey(ctx, sv, store.SurveyOptions{})
		if err != nil || len(res.Added) != 1 || res.Added[0].CustomerID != c.ID || res.Added[0].Comment != "food 2: cold" {
			t.Fatalf("%v %+v %+v", err, res.Added, res.Unmatched)
		}
	})
}
