package cli

import (
	"context"

	"github.com/spf13/cobra"

	"regulars/store"
	"regulars/tui"
)

func (e *env) openCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "open",
		Short:             "open the notebook in the terminal (the default command)",
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("open", "unexpected argument %q", args[0])
			}
			return e.openTUI()
		},
	}
}

// openTUI opens the notebook and runs the terminal interface over it.
func (e *env) openTUI() error {
	// Checked before the notebook is opened, so a script that runs
	// regulars by mistake makes nothing.
	if !e.hasTerminal() {
		return errNoTerminal("the notebook on screen needs a terminal (standard input and output); in a script, use the commands: 'regulars help' lists them")
	}
	tui.WarmUp() // beside the opening
	s, err := e.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	return runTUI(e, s)
}

// runTUI opens the terminal interface over the notebook; it acts on the
// store's clock (set from --today in openStore); ctrl+e in a note runs $VISUAL or $EDITOR.
func runTUI(e *env, s *store.Store) error {
	opts := tui.Options{Editor: e.getenv("VISUAL")}
	if opts.Editor == "" {
		opts.Editor = e.getenv("EDITOR")
	}
	return tui.Run(context.Background(), s, opts)
}
