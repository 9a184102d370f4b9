package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"regulars/model"
	"regulars/store"
)

func (e *env) unarchiveCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "unarchive WHO",
		Short:             "bring an archived customer back to the list and the week",
		Long:              "Bring an archived customer back. WHO is matched among the archived customers only.",
		ValidArgsFunction: e.completeArchived,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("unarchive", "say who: one customer id or name (quote a name with spaces)")
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := context.Background()
			c, err := e.resolveArchived(ctx, s, args[0])
			if err != nil {
				return err
			}
			if err := s.UnarchiveCustomer(ctx, c.ID); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Unarchived #%d %s.\n", c.ID, model.Sanitize(c.Name))
			return nil
		},
	}
}

// resolveArchived finds the one archived customer who names: an id, or a
// name matched among the archived customers only.
func (e *env) resolveArchived(ctx context.Context, s *store.Store, who string) (*model.Customer, error) {
	who = strings.TrimSpace(who)
	if id, err := strconv.ParseInt(strings.TrimPrefix(who, "#"), 10, 64); err == nil && id > 0 {
		c, err := s.Customer(ctx, id)
		if err != nil {
			return nil, err
		}
		if !c.Archived {
			return nil, model.Errorf(model.ECONFLICT, "%s is not archived", c.Name)
		}
		return c, nil
	}
	if who == "" {
		return nil, model.Errorf(model.EINVALID, "say who: a customer id or a name")
	}
	q := store.SearchQuery{Text: who, Archived: true, NamesOnly: true, Limit: 20}
	page, err := s.ListPage(ctx, q)
	if err != nil {
		return nil, err
	}
	matches := page.Rows
	var exact []store.Match
	for _, m := range matches {
		if strings.EqualFold(m.Name, who) {
			exact = append(exact, m)
		}
	}
	if len(exact) == 1 {
		matches = exact
	}
	switch len(matches) {
	case 0:
		return nil, model.Errorf(model.ENOTFOUND, "nobody archived matches %q", who)
	case 1:
		return s.Customer(ctx, matches[0].ID)
	}
	n, err := s.Count(ctx, q)
	if err != nil || n < len(matches) {
		n = len(matches)
	}
	return nil, e.ambiguous(who, matches, n, true)
}

// resolveAnyone finds the one customer who names among the active ones,
// else among the archived: forget and merge reach both.
func (e *env) resolveAnyone(ctx context.Context, s *store.Store, who string) (*model.Customer, error) {
	c, err := e.resolveIn(ctx, s, who, true)
	if model.ErrorCode(err) != model.ENOTFOUND {
		return c, err
	}
	if a, aerr := e.resolveArchived(ctx, s, who); model.ErrorCode(aerr) != model.ENOTFOUND {
		return a, aerr
	}
	return nil, err
}
