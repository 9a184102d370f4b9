package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// completions returns the candidates of a shell's completion request, less
// their descriptions, and checks the request's last line is a directive.
func (c *cli) completions(args ...string) []string {
	c.t.Helper()
	out := c.ok(append([]string{"__complete"}, args...)...)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, ":") {
		c.t.Fatalf("__complete %v: no directive in %q", args, out)
	}
	var got []string
	for _, l := range lines[:len(lines)-1] {
		name, _, _ := strings.Cut(l, "\t")
		got = append(got, name)
	}
	return got
}

func TestCompletion(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna Meyer")
	c.ok("add", "Andreas Berg", "--birthday", "11-25")
	c.ok("add", "Bob \x1b[31mRed")

	t.Run("Who", func(t *testing.T) {
		for _, cmd := range []string{"note", "visit", "show", "edit", "archive", "thanks", "feedback"} {
			if got, want := strings.Join(c.completions(cmd, "An"), "|"), "Andreas Berg|Anna Meyer"; got != want {
				t.Errorf("%s An<TAB>: %q, want %q", cmd, got, want)
			}
		}
		if got, want := strings.Join(c.completions("note", "anna"), "|"), "Anna Meyer"; got != want {
			t.Errorf("note anna<TAB>: %q, want %q", got, want)
		}
		if got := c.completions("note", "Bob"); len(got) != 1 || strings.ContainsRune(got[0], 0x1b) {
			t.Errorf("note Bob<TAB>: %q; want one name without escape sequences", got)
		}
		// Only the first argument is a customer.
		if got := c.completions("note", "Anna", ""); len(got) != 0 {
			t.Errorf("note Anna <TAB>: %q, want nothing", got)
		}
	})
	t.Run("Items", func(t *testing.T) {
		got := strings.Join(c.completions("done", ""), " ")
		for _, want := range []string{"birthday:2:2026", "new-customer:1", "new-customer:3"} {
			if !strings.Contains(got, want) {
				t.Errorf("done <TAB>: %q lacks %s", got, want)
			}
		}
		if got := c.completions("snooze", "birthday"); len(got) != 1 || got[0] != "birthday:2:2026" {
			t.Errorf("snooze birthday<TAB>: %q", got)
		}
		c.ok("done", "birthday:2:2026")
		if got := strings.Join(c.completions("done", "birthday"), " "); got != "" {
			t.Errorf("done offers a done item: %q", got)
		}
		if got := strings.Join(c.completions("undo", ""), " "); got != "birthday:2:2026" {
			t.Errorf("undo <TAB>: %q", got)
		}
	})
	t.Run("Via", func(t *testing.T) {
		if got, want := strings.Join(c.completions("done", "x", "--via", ""), " "), "card call email message in-person"; got != want {
			t.Errorf("--via <TAB>: %q, want %q", got, want)
		}
	})
	t.Run("NoNotebookCreated", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "sub", "none.db")
		out, errOut, code := c.run("__complete", "--db", missing, "note", "An")
		if code != 0 || out != ":4\n" || strings.Contains(errOut, "regulars") {
			t.Errorf("exit %d, stdout %q, stderr %q; want nothing offered and no error", code, out, errOut)
		}
		if _, err := os.Stat(filepath.Dir(missing)); !os.IsNotExist(err) {
			t.Errorf("completion created %s", filepath.Dir(missing))
		}
		if got := c.completions("--db", t.TempDir(), "done", ""); len(got) != 0 {
			t.Errorf("a folder as notebook: %q", got)
		}
	})
	t.Run("Scripts", func(t *testing.T) {
		for _, shell := range []string{"bash", "zsh", "fish"} {
			if out := c.ok("completion", shell); !strings.Contains(out, "regulars") {
				t.Errorf("completion %s printed %q", shell, out)
			}
		}
		c.fails(2, `unknown shell "tcsh"`, "completion", "tcsh")
	})
}
