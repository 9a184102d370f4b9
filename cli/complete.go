package cli

import (
	"context"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"regulars/model"
	"regulars/store"
)

// Completions read the notebook but never create one, and never print:
// whatever goes wrong, the shell just gets nothing to offer.

// maxCompletions caps what one TAB offers.
const maxCompletions = 100

// peekStore opens the notebook for a completion, only if it exists; nil
// when there is none or it cannot be opened.
func (e *env) peekStore() *store.Store {
	path, err := e.notebookPath()
	if err != nil {
		return nil
	}
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	s, err := store.OpenExisting(path)
	if err != nil {
		return nil
	}
	if e.setToday() != nil {
		e.today, e.todaySet = model.DateOf(e.now()), false
	}
	s.Now = e.clock()
	return s
}

// completeWho offers, for a WHO argument, the customers whose name starts
// with what was typed (any case), each described by id and last visit.
func (e *env) completeWho(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	s := e.peekStore()
	if s == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer s.Close()
	page, err := s.ListPage(context.Background(), store.SearchQuery{Text: toComplete, NamesOnly: true, Limit: 4 * maxCompletions})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, m := range page.Rows {
		name := model.Sanitize(m.Name)
		if !hasPrefixFold(name, toComplete) {
			continue
		}
		desc := "#" + itoa(m.ID)
		if !m.LastVisit.IsZero() {
			desc += ", last visit " + model.Ago(m.LastVisit, e.today)
		}
		out = append(out, cobra.CompletionWithDesc(name, desc))
		if len(out) == maxCompletions {
			break
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeItems offers the ids of this week's items in the given states.
func (e *env) completeItems(states ...model.State) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		s := e.peekStore()
		if s == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		defer s.Close()
		w, err := s.Week(context.Background(), e.today)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, it := range w.Items {
			if !strings.HasPrefix(it.ID, toComplete) || !hasState(states, it.State) {
				continue
			}
			out = append(out, cobra.CompletionWithDesc(it.ID, model.Sanitize(it.Customer+": "+it.Reason)))
			if len(out) == maxCompletions {
				break
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func hasState(states []model.State, s model.State) bool {
	for _, x := range states {
		if x == s {
			return true
		}
	}
	return false
}

// completeChannels offers the channels of --via, spelled as ParseChannel
// reads them ("in-person", without the space).
func completeChannels(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, c := range model.Channels {
		if name := strings.ReplaceAll(string(c), " ", "-"); strings.HasPrefix(name, toComplete) {
			out = append(out, name)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// noFileFlags stops the shell offering file names for the command's
// flags that take a value and have no completion of their own.
func noFileFlags(cmd *cobra.Command) {
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.NoOptDefVal != "" {
			return // a bool flag takes no value
		}
		if _, ok := cmd.GetFlagCompletionFunc(f.Name); !ok {
			cmd.RegisterFlagCompletionFunc(f.Name, cobra.NoFileCompletions)
		}
	})
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
