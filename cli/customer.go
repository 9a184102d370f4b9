package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"regulars/model"
	"regulars/store"
)

// customerFlags are the flags of add and edit. A flag left unset by the
// user leaves the field as it is on edit.
type customerFlags struct {
	fs                                                     *pflag.FlagSet
	birthday, anniversary, phone, email, nickname, partner string
	children, likes, usual                                 string
	tags                                                   []string
}

func (f *customerFlags) define(fs *pflag.FlagSet) {
	f.fs = fs
	fs.StringVar(&f.birthday, "birthday", "", "birthday: YYYY-MM-DD, or MM-DD when the year is unknown")
	fs.StringVar(&f.anniversary, "anniversary", "", "anniversary: YYYY-MM-DD or MM-DD")
	fs.StringVar(&f.phone, "phone", "", "phone number")
	fs.StringVar(&f.email, "email", "", "e-mail address")
	fs.StringVar(&f.nickname, "nickname", "", "what they like to be called")
	fs.StringVar(&f.partner, "partner", "", "partner's name")
	fs.StringVar(&f.children, "children", "", `children, free text: "Emma (7), Max"`)
	fs.StringVar(&f.likes, "likes", "", "interests: what to talk about")
	fs.StringVar(&f.usual, "usual", "", `the usual order: "flat white, extra hot"`)
	fs.StringArrayVar(&f.tags, "tag", nil, "a tag (repeat for several; on edit, replaces the tags)")
}

// update turns the flags the user set into a partial update.
func (f *customerFlags) update() (model.CustomerUpdate, error) {
	var u model.CustomerUpdate
	set := f.fs.Changed
	str := func(name string, v string) *string {
		if !set(name) {
			return nil
		}
		v = strings.TrimSpace(v)
		return &v
	}
	u.Phone, u.Email, u.Nickname = str("phone", f.phone), str("email", f.email), str("nickname", f.nickname)
	u.Partner, u.Children = str("partner", f.partner), str("children", f.children)
	u.Interests, u.Usual = str("likes", f.likes), str("usual", f.usual)
	for _, d := range []struct {
		name string
		val  string
		dst  **model.MonthDay
	}{{"birthday", f.birthday, &u.Birthday}, {"anniversary", f.anniversary, &u.Anniversary}} {
		if !set(d.name) {
			continue
		}
		md, err := model.ParseMonthDay(d.val)
		if err != nil {
			return u, model.Errorf(model.EINVALID, "--%s: %s", d.name, model.ErrorMessage(err))
		}
		*d.dst = &md
	}
	if set("tag") {
		var tags []string
		for _, t := range f.tags {
			tags = append(tags, strings.Split(t, ",")...)
		}
		u.Tags = &tags
	}
	return u, nil
}

func (e *env) addCmd() *cobra.Command {
	var f customerFlags
	cmd := &cobra.Command{
		Use:               "add NAME",
		Example:           `  regulars add "Anna Meyer" --birthday 11-28 --tag vip`,
		Short:             "add a customer and print their id",
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("add", "say the customer's name")
			}
			if len(args) > 1 {
				// A word after the name is a slip (a flag's second word,
				// or a name without quotes), not part of the name.
				return usagef("add", "unexpected word %q after the name; quote a name with spaces, like \"Anna Meyer\"", args[1])
			}
			u, err := f.update()
			if err != nil {
				return err
			}
			c := &model.Customer{Name: args[0]}
			u.Apply(c)
			s, err := e.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.CreateCustomer(context.Background(), c); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, c.ID)
			return nil
		},
	}
	f.define(cmd.Flags())
	noFileFlags(cmd)
	return cmd
}

func (e *env) editCmd() *cobra.Command {
	var f customerFlags
	cmd := &cobra.Command{
		Use:               "edit WHO [NEW NAME]",
		Short:             "change a customer's details",
		Long:              "Change a customer's details: it takes the flags of add; an empty value clears a field, --tag replaces the tags, and NEW NAME (quoted if it has spaces) renames.",
		ValidArgsFunction: e.completeWho,
		RunE: func(cmd *cobra.Command, args []string) error {
			var name string
			u, err := f.update()
			if err != nil {
				return err
			}
			if len(args) == 0 {
				return usagef("edit", "say who: a customer id or a name")
			}
			if len(args) > 2 {
				return usagef("edit", "unexpected word %q after the new name; quote a name with spaces, like \"Anna Meyer\"", args[2])
			}
			if len(args) == 2 {
				name = args[1]
				u.Name = &name
			}
			return withCustomer(e, args[0], func(ctx context.Context, s *store.Store, c *model.Customer) error {
				c2, err := s.UpdateCustomer(ctx, c.ID, u)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "Updated #%d %s.\n", c2.ID, model.Sanitize(c2.Name))
				return nil
			})
		},
	}
	f.define(cmd.Flags())
	noFileFlags(cmd)
	return cmd
}

func (e *env) archiveCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "archive WHO",
		Short:             "archive a customer: hidden from the list and the week, nothing deleted",
		ValidArgsFunction: e.completeWho,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("archive", "say who: one customer id or name (quote a name with spaces)")
			}
			return withCustomer(e, args[0], func(ctx context.Context, s *store.Store, c *model.Customer) error {
				if err := s.ArchiveCustomer(ctx, c.ID); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "Archived #%d %s.\n", c.ID, model.Sanitize(c.Name))
				return nil
			})
		},
	}
}

// withCustomer opens the notebook, resolves who to exactly one customer and
// calls fn. When several customers match, it lists them and writes nothing.
func withCustomer(e *env, who string, fn func(ctx context.Context, s *store.Store, c *model.Customer) error) error {
	return resolveCustomer(e, who, true, fn)
}

// readCustomer is withCustomer for a command that only reads: it never
// makes a notebook, and has nothing to say about writing.
func readCustomer(e *env, who string, fn func(ctx context.Context, s *store.Store, c *model.Customer) error) error {
	return resolveCustomer(e, who, false, fn)
}

func resolveCustomer(e *env, who string, writes bool, fn func(ctx context.Context, s *store.Store, c *model.Customer) error) error {
	open := e.readStore
	if writes {
		open = e.openStore
	}
	s, err := open()
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	c, candidates, err := s.Resolve(ctx, who)
	if len(candidates) > 0 {
		// Resolve lists the first few; the count is of them all.
		n, cerr := s.Count(ctx, store.SearchQuery{Text: strings.TrimSpace(who), NamesOnly: true})
		if cerr != nil || n < len(candidates) {
			n = len(candidates)
		}
		first := ""
		if n > len(candidates) {
			first = fmt.Sprintf(" (the first %d)", len(candidates))
		}
		fmt.Fprintf(e.stderr, "%s match %q; say which by id%s:\n", model.Plural(n, "customer", "customers"), model.Sanitize(who), first)
		for _, m := range candidates {
			fmt.Fprintf(e.stderr, "  #%-6d %s%s\n", m.ID, model.Sanitize(m.Name), lastVisitSuffix(m.LastVisit, e.today))
		}
		if !writes {
			return model.Errorf(model.ECONFLICT, "%q names more than one customer", who)
		}
		return model.Errorf(model.ECONFLICT, "nothing was written: %q is ambiguous", who)
	}
	if err != nil {
		return err
	}
	return fn(ctx, s, c)
}

func lastVisitSuffix(d, today model.Date) string {
	if d.IsZero() {
		return ""
	}
	return "  (last visit " + model.Ago(d, today) + ")"
}
