package cli

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"regulars/model"
)

// Merging two cards of one person, and finding the likely pairs.

func (e *env) mergeCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "merge WHO INTO",
		Short: "merge a duplicate customer into another: records, phones and e-mails move, WHO is removed",
		Long: `Move everything about WHO onto INTO: notes, visits, thank-yous, feedback, outreach, this week's items, deleted records, and the phones and e-mails INTO lacks. Fields INTO leaves empty are filled from WHO, and WHO's name is kept among INTO's nicknames. Then WHO is removed.

'regulars dupes' lists likely pairs and the merge to run.`,
		Example:           "  regulars merge 12 3",
		ValidArgsFunction: e.completeWhoAnyone(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usagef("merge", "say who and into whom: two customer ids or names (quote a name with spaces)")
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := context.Background()
			from, err := e.resolveAnyone(ctx, s, args[0])
			if err != nil {
				return err
			}
			into, err := e.resolveAnyone(ctx, s, args[1])
			if err != nil {
				return err
			}
			sum, err := s.Merge(ctx, from.ID, into.ID)
			if err != nil {
				return err
			}
			var moved []string
			for _, m := range []struct {
				n         int
				one, many string
			}{
				{sum.Notes, "note", "notes"}, {sum.Visits, "visit", "visits"}, {sum.ThankYous, "thank-you", "thank-yous"},
				{sum.Feedback, "feedback", "feedback"}, {sum.Outreach, "outreach entry", "outreach entries"},
				{sum.WeekItems, "week item", "week items"}, {sum.Removed, "deleted record", "deleted records"},
				{sum.Phones, "phone", "phones"}, {sum.Emails, "e-mail", "e-mails"},
			} {
				if m.n > 0 {
					moved = append(moved, model.Plural(m.n, m.one, m.many))
				}
			}
			what := "nothing to move"
			if len(moved) > 0 {
				what = "moved " + strings.Join(moved, ", ")
			}
			fmt.Fprintf(e.stdout, "Merged #%d %s into #%d %s: %s.\n", from.ID, model.Sanitize(from.Name), into.ID, model.Sanitize(sum.Into.Name), what)
			return nil
		},
	}
}

func (e *env) dupesCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "dupes",
		Short:             "list customers who are likely one person, why, and the merge to run",
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("dupes", "unexpected argument %q", args[0])
			}
			s, err := e.readStore()
			if err != nil {
				return err
			}
			defer s.Close()
			dupes, err := s.Dupes(context.Background())
			if err != nil {
				return err
			}
			if len(dupes) == 0 {
				fmt.Fprintln(e.stdout, "No likely duplicates.")
				return nil
			}
			for _, d := range dupes {
				var why []string
				for _, w := range d.Why {
					why = append(why, dupeReason(w, d.NameA, d.NameB))
				}
				fmt.Fprintf(e.stdout, "#%d %s  and  #%d %s  (%s)\n    regulars merge %d %d\n",
					d.A, model.Sanitize(d.NameA), d.B, model.Sanitize(d.NameB), strings.Join(why, ", "), d.B, d.A)
			}
			return nil
		},
	}
}

// dupeReason says the store's reason the way a person would: names the
// store calls the same may differ in case or accents.
func dupeReason(why, a, b string) string {
	if why != "same name" || a == b {
		return why
	}
	if strings.EqualFold(a, b) {
		return "same name but for case"
	}
	if strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " ")) {
		return "same name but for spacing"
	}
	letters := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, s)
	}
	if letters(a) == letters(b) {
		return "same name but for punctuation"
	}
	return "same name but for accents"
}
