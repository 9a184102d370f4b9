package cli

import (
	"github.com/spf13/cobra"
)

// Completions for the commands of issue 12: customers wherever a WHO goes
// (archived ones for unarchive), record ids for edit, delete and undelete.

// completeWhoFlag completes a flag that takes a WHO (--referred-by).
func (e *env) completeWhoFlag(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return e.completeWho(cmd, nil, toComplete)
}
