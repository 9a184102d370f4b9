package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"regulars/model"
	"regulars/store"
)

// Completions for the commands of issue 12: customers wherever a WHO goes
// (archived ones for unarchive), record ids for edit, delete and undelete.

// completeWhoFlag completes a flag that takes a WHO (--referred-by).
func (e *env) completeWhoFlag(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return e.completeWho(cmd, nil, toComplete)
}

// completeWhoAnyone completes the first n arguments with customers.
func (e *env) completeWhoAnyone(n int) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= n {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return e.completeWho(cmd, nil, toComplete)
	}
}

// completeArchived offers the archived customers whose name starts with
// what was typed.
func (e *env) completeArchived(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	s := e.peekStore()
	if s == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer s.Close()
	page, err := s.ListPage(context.Background(), store.SearchQuery{Text: toComplete, NamesOnly: true, Archived: true, Limit: 4 * maxCompletions})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, m := range page.Rows {
		if name := model.Sanitize(m.Name); hasPrefixFold(name, toComplete) && len(out) < maxCompletions {
			out = append(out, cobra.CompletionWithDesc(name, "#"+itoa(m.ID)+", archived"))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeWhoOrRecord completes edit's first word: a record id once a kind
// is being typed ("note", "visit:"), else a customer.
func (e *env) completeWhoOrRecord(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) == 0 && strings.Contains(toComplete, ":") {
		return e.completeRecords(false)(cmd, args, toComplete)
	}
	return e.completeWho(cmd, args, toComplete)
}

// completeRecords offers record ids (the removed ones for undelete), each
// described by whom it is about.
func (e *env) completeRecords(removed bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		s := e.peekStore()
		if s == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		defer s.Close()
		var kind model.RecordKind
		if k, _, ok := strings.Cut(toComplete, ":"); ok {
			kind = model.RecordKind(strings.ToLower(k))
		}
		refs, err := s.RecentRecords(context.Background(), kind, removed, maxCompletions)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, r := range refs {
			if id := r.ID.String(); hasPrefixFold(id, toComplete) && len(out) < maxCompletions {
				out = append(out, cobra.CompletionWithDesc(id, model.Sanitize(r.Customer)))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
