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
	fs                              *pflag.FlagSet
	birthday, anniversary, nickname string
	partner, children, likes, usual string
	address, referredBy             string
	tags, phones, emails            []string
}

func (f *customerFlags) define(fs *pflag.FlagSet) {
	f.fs = fs
	fs.StringVar(&f.birthday, "birthday", "", "birthday: YYYY-MM-DD, or MM-DD when the year is unknown")
	fs.StringVar(&f.anniversary, "anniversary", "", "anniversary: YYYY-MM-DD or MM-DD")
	fs.StringArrayVar(&f.phones, "phone", nil, `a phone number, with a label if you like: "mobile:+49 170 1234567" (repeat for several; the first is preferred; on edit, replaces the phones)`)
	fs.StringArrayVar(&f.emails, "email", nil, `an e-mail address, with a label if you like: "work:anna@example.com" (repeat for several, as --phone)`)
	fs.StringVar(&f.address, "address", "", `postal address on one line: "Hauptstr. 5, 10115 Berlin[, Germany]"`)
	fs.StringVar(&f.referredBy, "referred-by", "", "the customer who sent them (WHO; empty: nobody)")
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
	u.Nickname = str("nickname", f.nickname)
	for _, c := range []struct {
		name string
		vals []string
		dst  **[]model.Contact
	}{{"phone", f.phones, &u.Phones}, {"email", f.emails, &u.Emails}} {
		if !set(c.name) {
			continue
		}
		list := []model.Contact{}
		for _, v := range c.vals {
			if strings.TrimSpace(v) == "" {
				continue // --phone "" clears them
			}
			k, err := model.ParseContactFlag(v)
			if err != nil {
				return u, model.Errorf(model.EINVALID, "--%s: %s", c.name, model.ErrorMessage(err))
			}
			k.Preferred = len(list) == 0
			list = append(list, k)
		}
		*c.dst = &list
	}
	if set("address") {
		a, err := model.ParseAddress(f.address)
		if err != nil {
			return u, model.Errorf(model.EINVALID, "--address: %s", model.ErrorMessage(err))
		}
		u.Address = &a
	}
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

// referrer resolves --referred-by: nil when it was not given, 0 when it
// was given empty.
func (f *customerFlags) referrer(ctx context.Context, e *env, s *store.Store) (*int64, error) {
	if !f.fs.Changed("referred-by") {
		return nil, nil
	}
	var id int64
	if strings.TrimSpace(f.referredBy) != "" {
		c, err := e.resolveIn(ctx, s, f.referredBy, true)
		if err != nil {
			return nil, err
		}
		id = c.ID
	}
	return &id, nil
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
			s, err := e.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := context.Background()
			if u.ReferredBy, err = f.referrer(ctx, e, s); err != nil {
				return err
			}
			u.Apply(c)
			if err := s.CreateCustomer(ctx, c); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, c.ID)
			return nil
		},
	}
	f.define(cmd.Flags())
	cmd.RegisterFlagCompletionFunc("referred-by", e.completeWhoFlag)
	noFileFlags(cmd)
	return cmd
}

func (e *env) editCmd() *cobra.Command {
	var f customerFlags
	var editRecord func(args []string) (bool, error)
	cmd := &cobra.Command{
		Use:   "edit WHO [NEW NAME]",
		Short: "change a customer's details, or a note, visit, thank-you, feedback or outreach entry",
		Long: `Change a customer's details: it takes the flags of add; an empty value clears a field, --tag, --phone and --email replace the tags, phones and e-mails, and NEW NAME (quoted if it has spaces) renames.

Or change one record, named by its id (see 'regulars show WHO --ids'), with the words and flags of the command that made it; only what is given changes:
  regulars edit note:12 "new text" --ask-on 12-01 --private=false
  regulars edit visit:40 14.20 --on 2026-11-20 --what cake   (or --amount 14.20)
  regulars edit thanks:3 "the flowers" --due 12-05
  regulars edit feedback:7 4 "better now" --on yesterday
  regulars edit outreach:9 --via call --note "left a message" --on today`,
		ValidArgsFunction: e.completeWhoOrRecord,
		RunE: func(cmd *cobra.Command, args []string) error {
			if done, err := editRecord(args); done || err != nil {
				return err
			}
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
				var err error
				if u.ReferredBy, err = f.referrer(ctx, e, s); err != nil {
					return err
				}
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
	editRecord = e.recordEditor(cmd)
	cmd.RegisterFlagCompletionFunc("referred-by", e.completeWhoFlag)
	cmd.RegisterFlagCompletionFunc("via", completeChannels)
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
	c, err := e.resolveIn(ctx, s, who, writes)
	if err != nil {
		return err
	}
	return fn(ctx, s, c)
}

// resolveIn resolves who to one active customer of s; when several match it
// lists them on stderr and says nothing was written (when writes).
func (e *env) resolveIn(ctx context.Context, s *store.Store, who string, writes bool) (*model.Customer, error) {
	c, candidates, err := s.Resolve(ctx, who)
	if len(candidates) > 0 {
		// Resolve lists the first few; the count is of them all.
		n, cerr := s.Count(ctx, store.SearchQuery{Text: strings.TrimSpace(who), NamesOnly: true})
		if cerr != nil || n < len(candidates) {
			n = len(candidates)
		}
		return nil, e.ambiguous(who, candidates, n, writes)
	}
	return c, err
}

// ambiguous lists the customers who matches (n of them in all) and returns
// the error that says so.
func (e *env) ambiguous(who string, candidates []store.Match, n int, writes bool) error {
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

func lastVisitSuffix(d, today model.Date) string {
	if d.IsZero() {
		return ""
	}
	return "  (last visit " + model.Ago(d, today) + ")"
}
