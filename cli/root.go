// Package cli is the regulars command line: one cobra command tree, styled
// help and errors by fang, and completions that read the notebook.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/adrg/xdg"
	mango "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"

	"regulars/model"
	"regulars/store"
)

// env is what every command gets: its output streams, the notebook path
// and the clock.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	version        string
	dbPath         string // from --db or REGULARS_DB; "" means the default
	todayFlag      string // --today as given
	today          model.Date
	todaySet       bool // --today was given
	now            func() time.Time
	getenv         func(string) string
	cmd            string      // the command being run, for its error line
	author         string      // --as: who writes
	interactive    func() bool // a person types on standard input; nil: it is a terminal
}

// Main runs regulars on the process's arguments and streams and returns
// the exit code. version is what --version prints.
func Main(version string) int {
	e := &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, version: version, now: time.Now, getenv: os.Getenv}
	return run(e, os.Args[1:])
}

// run executes one command line and returns the exit code: 0 on success,
// 1 when the command failed or a value was refused, 2 when it was called
// wrongly.
func run(e *env, args []string) int {
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	root := newRoot(e)
	root.SetArgs(args)
	err := fang.Execute(context.Background(), root,
		fang.WithVersion(e.version),
		fang.WithoutManpage(), // ours writes to the command's output, not os.Stdout
		fang.WithErrorHandler(e.printError))
	return exitCode(err)
}

// newRoot builds the whole command tree. Every call builds a fresh tree,
// so flag values never leak from one run to the next.
func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "regulars",
		Short: "Regulars: a customer notebook for the people who keep coming back.",
		Long: `Regulars: a customer notebook for the people who keep coming back.
Run with no command to open the notebook in the terminal.

WHO is a customer id or part of a name; quote a name with spaces. Dates are YYYY-MM-DD, MM-DD, --MM-DD (no year), today or yesterday; for --ask-on and --due, MM-DD is the coming one. Amounts are like 12.50. The notebook is --db FILE, else $REGULARS_DB, else ~/.local/share/regulars/regulars.db (the XDG data directory). Run 'regulars COMMAND --help' for a command's flags. Exit status: 0 done, 1 a value refused or the command failed, 2 called wrongly.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return &usageError{msg: fmt.Sprintf("unknown command %q; run 'regulars help' for the list", args[0]), plain: true}
			}
			return nil
		},
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			e.cmd = cmdName(cmd)
			if err := e.setToday(); err != nil {
				return model.Errorf(model.EINVALID, "--today: %s", model.ErrorMessage(err))
			}
			return nil
		},
		RunE:              func(cmd *cobra.Command, args []string) error { return e.openTUI() },
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	// Before the completion command is made: it keeps the writer it sees.
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetVersionTemplate("regulars {{.Version}}\n")
	root.SetFlagErrorFunc(e.flagError)
	pf := root.PersistentFlags()
	pf.StringVar(&e.dbPath, "db", "", "notebook file (default: $REGULARS_DB, else the XDG data directory)")
	pf.StringVar(&e.todayFlag, "today", "", "act as if today were this date (YYYY-MM-DD)")
	pf.StringVar(&e.author, "as", "", "sign what you write with this name (default: unsigned, the owner)")
	root.RegisterFlagCompletionFunc("today", cobra.NoFileCompletions)
	root.AddCommand(
		e.openCmd(),
		e.addCmd(), e.editCmd(), e.archiveCmd(), e.unarchiveCmd(),
		e.noteCmd(), e.visitCmd(), e.thanksCmd(), e.feedbackCmd(),
		e.deleteCmd(), e.undeleteCmd(),
		e.showCmd(), e.findCmd(),
		e.mergeCmd(), e.dupesCmd(), e.forgetCmd(),
		e.weekCmd(), e.doneCmd(), e.snoozeCmd(), e.undoCmd(),
		e.importCmd(), e.importSurveyCmd(), e.exportCmd(), e.backupCmd(), e.restoreCmd(),
		e.demoCmd(), e.serveCmd(), e.templateCmd(),
		manCmd(),
	)
	root.SetHelpCommand(helpCmd(root))
	// cobra's completion command prints its help for any argument and
	// exits 0; an unknown shell is a usage error like any other.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = cobra.ArbitraryArgs
			c.RunE = func(cmd *cobra.Command, args []string) error {
				if len(args) > 0 {
					return usagef("completion", "unknown shell %q: use bash, zsh, fish or powershell", args[0])
				}
				return cmd.Help()
			}
		}
	}
	return root
}

// manCmd prints the manual page, made from the command tree.
func manCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "man",
		Short:             "print the manual page (try: regulars man | man -l -)",
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("man", "unexpected argument %q", args[0])
			}
			page, err := mango.NewManPage(1, cmd.Root())
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(cmd.OutOrStdout(), page.Build(roff.NewDocument()))
			return err
		},
	}
}

// cmdName is the name a command's errors carry: the root opens the
// notebook, so its errors are those of open.
func cmdName(cmd *cobra.Command) string {
	if !cmd.HasParent() {
		return "open"
	}
	return cmd.Name()
}

// setToday reads --today; without it, today is the clock's day.
func (e *env) setToday() error {
	e.today = model.DateOf(e.now())
	if e.todayFlag == "" {
		return nil
	}
	d, err := model.ParseDate(e.todayFlag, e.today)
	if err != nil {
		return err
	}
	e.today, e.todaySet = d, true
	return nil
}

// helpCmd replaces cobra's help command: an unknown topic is a usage
// error, and the help of a command lists the global flags too.
func helpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "list the commands, or show one command's usage and flags",
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []cobra.Completion
			for _, c := range root.Commands() {
				if c.IsAvailableCommand() && strings.HasPrefix(c.Name(), toComplete) {
					names = append(names, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			target := root
			if len(args) > 0 {
				c, rest, err := root.Find(args)
				if err != nil || c == root || len(rest) > 0 {
					return &usageError{msg: fmt.Sprintf("unknown command %q", args[0]), cmd: "help", plain: true}
				}
				target = c
			}
			target.InitDefaultHelpFlag()
			target.InheritedFlags() // merges --db and --today into the flags the help lists
			return target.Help()
		},
	}
}

// usageError is a mistake in how a command was called (exit 2): its
// message is followed by a pointer to the command's help unless plain.
type usageError struct {
	msg, cmd string
	plain    bool
}

func (e *usageError) Error() string { return e.msg }

func usagef(cmd, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), cmd: cmd}
}

// flagError turns pflag's complaints into usage errors worded as before
// (the words of Go's flag package), with the command's name. A negative
// number is not a flag: where the command reads a number there, its own
// parser refuses it.
func (e *env) flagError(cmd *cobra.Command, err error) error {
	name := cmdName(cmd)
	e.cmd = name
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "unknown flag: "); ok {
		msg = "flag provided but not defined: -" + strings.TrimPrefix(rest, "--")
	} else if strings.HasPrefix(msg, "unknown shorthand flag: ") {
		_, arg, _ := strings.Cut(msg, "' in ")
		if _, err := strconv.ParseFloat(arg, 64); err == nil {
			switch name {
			case "visit":
				if _, err := model.ParseAmount(arg); err != nil {
					return err
				}
			case "feedback":
				if _, err := model.ParseRating(arg); err != nil {
					return err
				}
			}
		}
		msg = "flag provided but not defined: " + arg
	} else if rest, ok := strings.CutPrefix(msg, `invalid argument "`); ok {
		// invalid argument "x" for "--limit" flag: strconv.ParseInt: ...
		// The call was right, the value is refused: exit 1, as for a bad
		// date or channel.
		value, rest, _ := strings.Cut(rest, `" for "`)
		flag, _, _ := strings.Cut(rest, `"`)
		if i := strings.LastIndex(flag, "--"); i >= 0 {
			flag = flag[i:] // "-o, --output" → "--output"
		}
		what := "a number"
		if strings.Contains(rest, "ParseBool") {
			what = "true or false"
		}
		return model.Errorf(model.EINVALID, "%s: %q is not %s", flag, value, what)
	}
	return &usageError{msg: msg, cmd: name}
}

// exitCode maps an error from the command tree to the process's exit code.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) || isCobraUsageError(err) {
		return 2
	}
	return 1
}

// isCobraUsageError recognises the few mistakes cobra itself reports
// (fang matches them the same way).
func isCobraUsageError(err error) bool {
	for _, prefix := range []string{"flag needs an argument", "unknown flag", "unknown shorthand flag", "unknown command", "invalid argument", "accepts ", "requires "} {
		if strings.HasPrefix(err.Error(), prefix) {
			return true
		}
	}
	return false
}

// printError writes the one error line: "regulars CMD: message", with
// notebook text made harmless. On a terminal fang's writer keeps the
// colour of "regulars CMD:"; elsewhere it drops it, leaving plain text.
func (e *env) printError(w io.Writer, styles fang.Styles, err error) {
	cmd, msg := e.cmd, ""
	var ue *usageError
	if errors.As(err, &ue) {
		cmd, msg = ue.cmd, ue.msg
		if !ue.plain {
			msg += fmt.Sprintf(" (see 'regulars %s --help')", ue.cmd)
		}
	} else {
		msg = model.ErrorMessage(err)
	}
	prefix := "regulars"
	if cmd != "" {
		prefix += " " + cmd
	}
	style := lipgloss.NewStyle().Bold(true).Foreground(styles.ErrorHeader.GetBackground())
	fmt.Fprintf(w, "%s %s\n", style.Render(prefix+":"), model.Sanitize(msg))
}

// openStore opens the notebook chosen by --db, REGULARS_DB or the default,
// making it if there is none: for commands that write.
func (e *env) openStore() (*store.Store, error) {
	return e.open(store.Open)
}

// readStore opens the notebook like openStore but never makes one: a
// command that only reads, given a mistyped path, leaves nothing behind.
func (e *env) readStore() (*store.Store, error) {
	return e.open(func(path string) (*store.Store, error) {
		s, err := store.OpenExisting(path)
		if model.ErrorCode(err) == model.ENOTFOUND {
			return nil, model.Errorf(model.ENOTFOUND, "there is no notebook at %s; start one with 'regulars add NAME' or by running 'regulars'", path)
		}
		return s, err
	})
}

func (e *env) open(open func(string) (*store.Store, error)) (*store.Store, error) {
	path, err := e.notebookPath()
	if err != nil {
		return nil, err
	}
	s, err := open(path)
	if err != nil {
		return nil, err
	}
	for _, w := range s.Warnings {
		fmt.Fprintf(e.stderr, "regulars: warning: %s\n", model.Sanitize(w))
	}
	s.Now = e.clock()
	s.Author = strings.TrimSpace(e.author)
	return s, nil
}

// clock is the store's clock: the real one, or --today's day at the
// real time of day.
func (e *env) clock() func() time.Time {
	if e.todaySet {
		return store.ClockOn(e.today, e.now)
	}
	return e.now
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
