package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"regulars/model"
	"regulars/store"
)

func TestImportSurveyCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "regulars.db")
	in := filepath.Join("..", "interchange", "testdata", "survey", "google-forms-30.csv")
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"Clara Meyer", "Ben Okafor"} {
		c := &model.Customer{Name: n, Email: strings.ToLower(strings.ReplaceAll(n, " ", ".")) + "@example.com"}
		if err := s.CreateCustomer(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if out, _, code := ioRun(t, db, "import-survey", in, "--dry-run"); code != 0 || !strings.HasPrefix(out, "Would record 2 responses") || !strings.HasSuffix(out, "Dry run: nothing was changed.\n") {
		t.Fatalf("dry run: code %d\n%s", code, out)
	}
	out, errOut, code := ioRun(t, db, "import-survey", in)
	if code != 0 || !strings.HasPrefix(out, "Recorded 2 responses from "+in+" (Google Forms CSV: food, service, ambience); 1 rated something 3 or lower and wait for your reply on the week.\n") ||
		!strings.Contains(out, "  ! Clara Meyer  line 4: food 2, service 3: The soup was cold") ||
		!strings.Contains(out, "Not matched to a customer (28;") || !strings.Contains(out, "  ? anna.schmidt@example.com  line 2") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	week, _, _ := ioRun(t, db, "week")
	if !strings.Contains(week, "Clara Meyer") || strings.Contains(week, "Ben Okafor") {
		t.Errorf("week:\n%s", week)
	}
	out, _, code = ioRun(t, db, "import-survey", in)
	if code != 0 || !strings.HasPrefix(out, "Recorded 0 responses") || !strings.Contains(out, "Already recorded: 2 responses") {
		t.Fatalf("again: code %d\n%s", code, out)
	}
	out, _, code = ioRun(t, db, "import-survey", in, "--add-unknown")
	if code != 0 || !strings.HasPrefix(out, "Recorded 28 responses") || !strings.Contains(out, "Added 28 customers who answered") {
		t.Fatalf("--add-unknown: code %d\n%s", code, out)
	}
	if _, errOut, code := ioRun(t, db, "import-survey", in, "--columns", "email=Mail"); code != 1 || !strings.Contains(errOut, `no column "Mail"`) {
		t.Errorf("--columns: code %d, %q", code, errOut)
	}
}
