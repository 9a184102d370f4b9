// Regulars is a customer notebook for a small business, in the terminal.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/adrg/xdg"

	"regulars/model"
	"regulars/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// env is what every command gets: its output streams, the notebook path
// and the clock.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	dbPath         string // from --db or REGULARS_DB; "" means the default
	today          model.Date
	todaySet       bool // --today was given
	now            func() time.Time
	getenv         func(string) string
}

// command is one subcommand of regulars.
type command struct {
	name    string
	args    string // usage after the name, e.g. "WHO TEXT [--ask-on D]"
	summary string
	// flags adds the command's own flags; may be nil.
	flags func(fs *flag.FlagSet)
	run   func(e *env, fs *flag.FlagSet, args []string) error
}

var commands = map[string]*command{}

// register adds a command; each cmd_*.go file registers its own in init.
func register(c *command) { commands[c.name] = c }

// usageError is a mistake in how a command was called: its message is
// followed by a pointer to the command's help.
type usageError struct{ msg, cmd string }

func (e *usageError) Error() string { return e.msg }

func usagef(cmd, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), cmd: cmd}
}

func main() {
	e := &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, now: time.Now, getenv: os.Getenv}
	os.Exit(run(e, os.Args[1:]))
}

// run executes one command line and returns the exit code: 0 on success,
// 1 when the command failed, 2 when it was called wrongly.
func run(e *env, args []string) int {
	name, rest := "", args
	// The command is the first argument that is not a flag; global flags may
	// stand before it.
	for i, a := range args {
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			if i > 0 && flagTakesValue(args[i-1]) {
				continue
			}
			name, rest = a, append(append([]string{}, args[:i]...), args[i+1:]...)
			break
		}
	}
	if name == "" {
		name = "open"
	}
	cmd, ok := commands[name]
	if !ok {
		if name == "help" {
			return helpCommand(e, rest)
		}
		fmt.Fprintf(e.stderr, "regulars: unknown command %q; run 'regulars help' for the list\n", name)
		return 2
	}
	fs := flag.NewFlagSet("regulars "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var db, today string
	var showVersion bool
	fs.StringVar(&db, "db", "", "notebook file (default: $REGULARS_DB, else the XDG data directory)")
	fs.StringVar(&today, "today", "", "act as if today were this date (YYYY-MM-DD)")
	if cmd.name == "open" {
		fs.BoolVar(&showVersion, "version", false, "print the version and exit")
	}
	if cmd.flags != nil {
		cmd.flags(fs)
	}
	pos, err := parseInterspersed(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		printCommandHelp(e.stdout, cmd, fs)
		return 0
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "regulars %s: %v (see 'regulars %s --help')\n", cmd.name, err, cmd.name)
		return 2
	}
	if showVersion {
		fmt.Fprintf(e.stdout, "regulars %s\n", version)
		return 0
	}
	e.dbPath = db
	e.today = model.DateOf(e.now())
	if today != "" {
		d, err := model.ParseDate(today, e.today)
		if err != nil {
			fmt.Fprintf(e.stderr, "regulars %s: --today: %s\n", cmd.name, model.ErrorMessage(err))
			return 2
		}
		e.today, e.todaySet = d, true
	}
	if err := cmd.run(e, fs, pos); err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(e.stderr, "regulars %s: %s (see 'regulars %s --help')\n", cmd.name, model.Sanitize(ue.msg), cmd.name)
			return 2
		}
		fmt.Fprintf(e.stderr, "regulars %s: %s\n", cmd.name, model.Sanitize(model.ErrorMessage(err)))
		return 1
	}
	return 0
}

// flagTakesValue reports whether a flag given without "=" consumes the
// next argument, so "--db x open" is read as the flag's value, not a command.
func flagTakesValue(a string) bool {
	if !strings.HasPrefix(a, "-") || strings.Contains(a, "=") {
		return false
	}
	switch strings.TrimLeft(a, "-") {
	case "db", "today":
		return true
	}
	return false
}

// parseInterspersed parses flags that may stand before, between or after
// the positional arguments; "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// The flag package consumes a "--" and stops after it.
		if i := len(args) - len(rest) - 1; i >= 0 && args[i] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// openStore opens the notebook chosen by --db, REGULARS_DB or the default.
func (e *env) openStore() (*store.Store, error) {
	path, err := e.notebookPath()
	if err != nil {
		return nil, err
	}
	s, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	for _, w := range s.Warnings {
		fmt.Fprintf(e.stderr, "regulars: warning: %s\n", model.Sanitize(w))
	}
	s.Now = e.now
	if e.todaySet {
		s.Now = store.ClockOn(e.today, e.now)
	}
	return s, nil
}

// notebookPath returns the notebook file to use.
func (e *env) notebookPath() (string, error) {
	if e.dbPath != "" {
		return e.dbPath, nil
	}
	if p := e.getenv("REGULARS_DB"); p != "" {
		return p, nil
	}
	return defaultPath()
}

func defaultPath() (string, error) {
	if xdg.DataHome == "" {
		return "", model.Errorf(model.EINVALID, "cannot find a data directory for the notebook: set REGULARS_DB or use --db")
	}
	return filepath.Join(xdg.DataHome, "regulars", "regulars.db"), nil
}

func helpCommand(e *env, args []string) int {
	if len(args) > 0 {
		if c, ok := commands[args[0]]; ok {
			fs := flag.NewFlagSet("regulars "+c.name, flag.ContinueOnError)
			fs.String("db", "", "notebook file (default: $REGULARS_DB, else the XDG data directory)")
			fs.String("today", "", "act as if today were this date (YYYY-MM-DD)")
			if c.flags != nil {
				c.flags(fs)
			}
			printCommandHelp(e.stdout, c, fs)
			return 0
		}
		fmt.Fprintf(e.stderr, "regulars help: unknown command %q\n", args[0])
		return 2
	}
	w := e.stdout
	fmt.Fprintln(w, "Regulars: a customer notebook for the people who keep coming back.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: regulars [COMMAND] [ARGS] [--db FILE]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "WHO is a customer id or part of a name. Dates are YYYY-MM-DD, MM-DD,")
	fmt.Fprintln(w, "--MM-DD (no year), today or yesterday. Amounts are like 12.50.")
	fmt.Fprintln(w, "The notebook is --db FILE, else $REGULARS_DB, else")
	fmt.Fprintln(w, "~/.local/share/regulars/regulars.db (the XDG data directory).")
	fmt.Fprintln(w, "Run 'regulars COMMAND --help' for a command's flags.")
	return 0
}

func printCommandHelp(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: regulars %s %s\n\n%s\n\nFlags:\n", c.name, c.args, c.summary)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}
