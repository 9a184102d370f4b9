package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"regulars/model"
	"regulars/store"
)

func (e *env) showCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "show WHO",
		Short:             "print a customer's talking points: family, usual order, birthday, last visit, notes",
		ValidArgsFunction: e.completeWho,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("show", "say who: a customer id or a name")
			}
			return readCustomer(e, strings.Join(args, " "), func(ctx context.Context, s *store.Store, c *model.Customer) error {
				card, err := s.Card(ctx, c.ID)
				if err != nil {
					return err
				}
				printCard(e.stdout, card, e.today)
				return nil
			})
		},
	}
}

func (e *env) findCmd() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:               "find QUERY",
		Short:             "list matching customers, one a line: id, name, last visit",
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("find", "say what to look for: part of a name, a phone number, a word from a note")
			}
			if limit < 1 {
				return model.Errorf(model.EINVALID, "--limit: say how many, 1 or more")
			}
			s, err := e.readStore()
			if err != nil {
				return err
			}
			defer s.Close()
			q := strings.Join(args, " ")
			page, err := s.ListPage(context.Background(), store.SearchQuery{Text: q, Limit: limit})
			if err != nil {
				return err
			}
			if len(page.Rows) == 0 {
				return model.Errorf(model.ENOTFOUND, "no customer matches %q", q)
			}
			for _, m := range page.Rows {
				last := "never visited"
				if !m.LastVisit.IsZero() {
					last = "last visit " + m.LastVisit.String() + " (" + model.Ago(m.LastVisit, e.today) + ")"
				}
				fmt.Fprintf(e.stdout, "%d\t%s\t%s\n", m.ID, model.Sanitize(m.Name), last)
			}
			if page.More {
				fmt.Fprintf(e.stderr, "(more than %d match; narrow the query or raise --limit)\n", limit)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 50, "at most this many")
	noFileFlags(cmd)
	return cmd
}

// printCard writes the talking-points card as plain text, with every piece
// of notebook text sanitized.
func printCard(w io.Writer, card *store.Card, today model.Date) {
	c := card.Customer
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(w, "  %-12s %s\n", label+":", model.Sanitize(value))
		}
	}
	title := c.Name
	if c.Nickname != "" {
		title += " (" + c.Nickname + ")"
	}
	fmt.Fprintf(w, "%s  #%d", model.Sanitize(title), c.ID)
	if c.Archived {
		fmt.Fprint(w, "  [archived]")
	}
	fmt.Fprintln(w)
	line("Partner", c.Partner)
	line("Children", c.Children)
	line("Usual", c.Usual)
	line("Likes", c.Interests)
	if !c.Birthday.IsZero() {
		line("Birthday", c.Birthday.Human()+" — "+model.Countdown(c.Birthday, today, false))
	}
	if !c.Anniversary.IsZero() {
		line("Anniversary", c.Anniversary.Human()+" — "+model.Countdown(c.Anniversary, today, true))
	}
	if v := card.LastVisit; v != nil {
		s := v.On.ShortIn(today) + " (" + model.Ago(v.On, today) + ")"
		if v.What != "" {
			s += ", " + v.What
		}
		if v.Cents > 0 {
			s += ", " + model.FormatCents(v.Cents)
		}
		line("Last visit", s)
		line("Visits", fmt.Sprintf("%d in all, %s this year", card.VisitCount, model.FormatCents(card.SpendYear)))
	} else {
		line("Last visit", "never")
	}
	line("Phone", c.Phone)
	line("E-mail", c.Email)
	if len(c.Tags) > 0 {
		line("Tags", strings.Join(c.Tags, ", "))
	}
	if len(card.FollowUps) > 0 {
		fmt.Fprintln(w, "\nAsk about:")
		for _, n := range card.FollowUps {
			when := "from " + n.AskOn.Short()
			if !n.AskOn.After(today) {
				when = "due since " + n.AskOn.Short()
			}
			fmt.Fprintf(w, "  • %s (%s)\n", model.Sanitize(n.Text), when)
		}
	}
	var pending []model.ThankYou
	for _, t := range card.ThankYous {
		if !t.Sent {
			pending = append(pending, t)
		}
	}
	if len(pending) > 0 {
		fmt.Fprintln(w, "\nThank-yous to send:")
		for _, t := range pending {
			fmt.Fprintf(w, "  • %s (due %s)\n", model.Sanitize(t.Reason), t.Due.Short())
		}
	}
	var unhappy []model.Feedback
	for _, f := range card.Feedback {
		if !f.Replied && f.Rating <= model.UnhappyRating {
			unhappy = append(unhappy, f)
		}
	}
	if len(unhappy) > 0 {
		fmt.Fprintln(w, "\nUnhappy, awaiting your reply:")
		for _, f := range unhappy {
			fmt.Fprintf(w, "  • %d/5 on %s: %s\n", f.Rating, f.On.Short(), model.Sanitize(f.Comment))
		}
	}
	if len(card.Notes) > 0 {
		fmt.Fprintln(w, "\nLatest notes:")
		for i, n := range card.Notes {
			if i == 5 {
				fmt.Fprintf(w, "  … %d more\n", len(card.Notes)-5)
				break
			}
			text := strings.ReplaceAll(model.SanitizeMultiline(n.Text), "\n", "\n"+strings.Repeat(" ", 18))
			mark := ""
			if n.Private {
				mark = " [private]"
			}
			fmt.Fprintf(w, "  %-15s %s%s\n", model.DateOf(n.Created.Local()).ShortIn(today), text, mark)
		}
	}
}
