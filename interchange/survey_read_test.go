package interchange_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"regulars/interchange"
	"regulars/model"
)

func readSurvey(t *testing.T, text string, cols string) (*interchange.Survey, error) {
	t.Helper()
	c, err := interchange.ParseSurveyColumns(cols)
	if err != nil {
		t.Fatal(err)
	}
	return interchange.ParseSurvey(strings.NewReader(text), c, interchange.DefaultLimits)
}

func TestParseSurveyGoogleForms(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "survey", "google-forms-30.csv"))
	if err != nil {
		t.Fatal(err)
	}
	sv, err := interchange.ParseSurvey(bytes.NewReader(data), interchange.SurveyColumns{}, interchange.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(sv.Categories, ","), "food,service,ambience"; got != want {
		t.Fatalf("categories %q, want %q", got, want)
	}
	if got, want := len(sv.Responses), 30; got != want || len(sv.Errors) != 0 || len(sv.Warnings) != 0 {
		t.Fatalf("%d responses, errors %v, warnings %v", got, sv.Errors, sv.Warnings)
	}
	if sv.Format != "Google Forms CSV" {
		t.Errorf("format %q", sv.Format)
	}
	r := sv.Responses[2]
	if r.Where != "line 4" || r.On != (model.Date{Year: 2026, Month: 11, Day: 16}) || r.Email != "clara.meyer@example.com" || r.Name != "Clara Meyer" ||
		r.Ratings["food"] != 2 || r.Ratings["service"] != 3 || r.Ratings["ambience"] != 4 || r.Lowest() != 2 {
		t.Fatalf("response 3: %+v", r)
	}
	if got, want := interchange.SurveyComment(&r, sv.Categories), "food 2, service 3: The soup was cold and we waited 40 minutes."; got != want {
		t.Errorf("comment %q, want %q", got, want)
	}
	happy := sv.Responses[0]
	if got, want := interchange.SurveyComment(&happy, sv.Categories), "food 5, service 4, ambience 5"; got != want {
		t.Errorf("happy comment %q, want %q", got, want)
	}
}

func TestParseSurveyColumns(t *testing.T) {
	text := "Submitted;Your e-mail;Tel;Food;Service;Ambience;Anything else?\n" +
		"20.11.2026 18:02;;+49 170 1234567;2;4;;cold soup\n" +
		"21.11.2026 19:40;b@example.com;;5;5;5;\n"
	sv, err := readSurvey(t, text, "email=Your e-mail,phone=Tel,comment=Anything else?,rating=Food,rating=Service,rating=Ambience")
	if err != nil {
		t.Fatal(err)
	}
	if len(sv.Responses) != 2 || sv.Responses[0].Phone != "+49 170 1234567" || sv.Responses[0].Comment != "cold soup" ||
		sv.Responses[0].On != (model.Date{Year: 2026, Month: 11, Day: 20}) || len(sv.Responses[0].Ratings) != 2 {
		t.Fatalf("%+v %v", sv.Responses, sv.Errors)
	}
	t.Run("ErrNoSuchColumn", func(t *testing.T) {
		if _, err := readSurvey(t, text, "email=Mail"); err == nil || !strings.Contains(err.Error(), `no column "Mail"`) {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("ErrBadMapping", func(t *testing.T) {
		if _, err := interchange.ParseSurveyColumns("stars=Food"); err == nil {
			t.Fatal("want an error")
		}
	})
	t.Run("ErrAmbiguousDates", func(t *testing.T) {
		_, err := readSurvey(t, "Timestamp,Email,Food\n05/01/2026 10:00,a@b.c,3\n", "")
		if err == nil || !strings.Contains(err.Error(), "--date-order") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("ErrRow", func(t *testing.T) {
		sv, err := readSurvey(t, "Timestamp,Email,Food,Comment\n2026-11-20,a@b.c,,hi\n2026-11-20,,4,\n2026-11-21,c@d.e,4,fine\n", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(sv.Responses) != 1 || len(sv.Errors) != 2 || sv.Errors[0].Where != "line 2" || !strings.Contains(sv.Errors[1].Reason, "no e-mail, phone or name") {
			t.Fatalf("responses %+v, errors %+v", sv.Responses, sv.Errors)
		}
	})
}

func FuzzParseSurvey(f *testing.F) {
	data, _ := os.ReadFile(filepath.Join("testdata", "survey", "google-forms-30.csv"))
	f.Add(data)
	f.Add([]byte("Submitted;Your e-mail;Food;Anything else?\n20.11.2026 18:02;a@b;2;\"x\"\"y\"\n"))
	f.Add([]byte("Timestamp,Name,Rate us [Food],Rate us [Service]\n11/20/2026 10:00,A,★★,3 - ok\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sv, err := interchange.ParseSurvey(bytes.NewReader(data), interchange.SurveyColumns{}, fuzzLimits)
		if err != nil {
			if sv != nil {
				t.Fatal("a survey and an error")
			}
			return
		}
		for _, r := range sv.Responses {
			if len(r.Ratings) == 0 || r.On.IsZero() {
				t.Fatalf("a response without a rating or a day: %+v", r)
			}
			for _, v := range r.Ratings {
				if v < 1 || v > 5 {
					t.Fatalf("rating %d", v)
				}
			}
			fb := model.Feedback{Rating: r.Lowest(), On: r.On, Comment: interchange.SurveyComment(&r, sv.Categories)}
			if len(fb.Comment) <= model.MaxNoteLen {
				if err := fb.Validate(); err != nil {
					t.Fatalf("feedback from a response is refused: %v", err)
				}
			}
		}
	})
}
