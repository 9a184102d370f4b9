package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"regulars/model"
	"regulars/store"
)

func (e *env) demoCmd() *cobra.Command {
	var customers int
	var seed uint64
	var noOpen bool
	cmd := &cobra.Command{
		Use:               "demo",
		Short:             "fill a new notebook in a temp folder (or --db FILE) with realistic demo data, then open it",
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("demo", "unexpected argument %q", args[0])
			}
			if customers < 1 || customers > 1_000_000 {
				return model.Errorf(model.EINVALID, "--customers must be between 1 and 1000000")
			}
			if !noOpen && !e.hasTerminal() {
				return errNoTerminal("demo opens the notebook on screen, which needs a terminal; add --no-open to only make it")
			}
			// Never fill the owner's real notebook with made-up people:
			// REGULARS_DB names the real one, so only --db on this command
			// line chooses where the demo goes.
			if e.dbPath == "" {
				dir, err := os.MkdirTemp("", "regulars-demo-")
				if err != nil {
					return err
				}
				e.dbPath = filepath.Join(dir, "demo.db")
			}
			fmt.Fprintf(e.stdout, "Demo notebook: %s\n", model.Sanitize(e.dbPath))
			s, err := e.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			var n int // archived customers too: they are someone's real ones
			if err := s.DB().QueryRow("SELECT count(*) FROM customers").Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return model.Errorf(model.ECONFLICT, "%s already holds %s; demo data goes into a new or empty notebook", s.Path(), model.Plural(n, "customer", "customers"))
			}
			start := time.Now()
			tty := isTerminal(e.stderr)
			err = store.GenerateDemo(context.Background(), s, store.DemoOptions{
				Customers: customers, Seed: seed, Today: e.today,
				Progress: func(done, total int) {
					if tty {
						fmt.Fprintf(e.stderr, "\rMaking demo customers: %d of %d", done, total)
					}
				},
			})
			if tty {
				fmt.Fprintln(e.stderr)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Made %d demo customers in %.1fs.\n", customers, time.Since(start).Seconds())
			if noOpen {
				return nil
			}
			return runTUI(e, s)
		},
	}
	cmd.Flags().IntVar(&customers, "customers", 200, "how many customers to make")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed: the same seed gives the same notebook")
	cmd.Flags().BoolVar(&noOpen, "no-open", false, "do not open the notebook afterwards")
	noFileFlags(cmd)
	return cmd
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// hasTerminal reports whether the notebook can open on screen: it reads
// keys from standard input and draws on standard output.
func (e *env) hasTerminal() bool {
	return isTerminal(e.stdin) && isTerminal(e.stdout)
}

func errNoTerminal(msg string) error { return model.Errorf(model.EINVALID, "%s", msg) }
