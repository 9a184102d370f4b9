package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"regulars/model"
)

// Forgetting a customer erases them and every record about them from the
// notebook file (not only from view: the store overwrites the freed bytes).
// It cannot be undone, so a person confirms by typing the name; scripts
// say --yes.

func (e *env) forgetCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "forget WHO",
		Short: "erase a customer and everything about them from the notebook, for good",
		Long: `Erase a customer and every note, visit, thank-you, feedback and outreach entry about them, so that nothing of them is left in the notebook file. It cannot be undone: you confirm by typing the customer's full name, or pass --yes in a script.

Backups made before still hold the customer: delete or replace them too.`,
		ValidArgsFunction: e.completeWhoAnyone(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("forget", "say who: one customer id or name (quote a name with spaces)")
			}
			if !yes && !e.isInteractive() {
				return usagef("forget", "forgetting cannot be undone: run it at a terminal to confirm by typing the name, or pass --yes")
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := context.Background()
			c, err := e.resolveAnyone(ctx, s, args[0])
			if err != nil {
				return err
			}
			name := model.Sanitize(c.Name)
			if !yes {
				fmt.Fprintf(e.stderr, "This erases #%d %s and every note, visit, thank-you, feedback and outreach entry about them. It cannot be undone; backups made before still hold them.\n", c.ID, name)
				fmt.Fprint(e.stderr, "Type the name to confirm: ")
				typed, _ := bufio.NewReader(e.stdin).ReadString('\n')
				if !sameName(typed, c.Name) {
					return model.Errorf(model.ECONFLICT, "nothing was forgotten: the name typed is not %s", c.Name)
				}
			}
			if err := s.Forget(ctx, c.ID); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Forgot #%d %s: they and every record about them are erased from the notebook.\n", c.ID, name)
			fmt.Fprintln(e.stdout, "Note: backups made before still hold them; delete or replace those too.")
			return nil
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask to type the name (for scripts)")
	return cmd
}

// isInteractive reports whether a person can answer on standard input.
func (e *env) isInteractive() bool {
	if e.interactive != nil {
		return e.interactive()
	}
	return isTerminal(e.stdin)
}

// sameName reports whether typed is the name, ignoring case and spacing.
func sameName(typed, name string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	t := norm(typed)
	return t != "" && strings.EqualFold(t, norm(name))
}
