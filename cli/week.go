package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"regulars/model"
	"regulars/store"
)

func (e *env) weekCmd() *cobra.Command {
	var asJSON, drafts bool
	var by, export, out string
	cmd := &cobra.Command{
		Use:               "week",
		Short:             "this week's outreach, one row per person: birthdays, thank-yous, lapsed regulars and more to do",
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("week", "unexpected argument %q", args[0])
			}
			order, err := model.ParseOrder(by)
			if err != nil {
				return usagef("week", "--by: %s", model.ErrorMessage(err))
			}
			if export != "" && export != "csv" {
				return usagef("week", "--export: %q is not a format: csv", export)
			}
			if out != "" && export == "" {
				return usagef("week", "-o needs --export csv")
			}
			s, err := e.readStore()
			if err != nil {
				return err
			}
			defer s.Close()
			w, err := s.Week(context.Background(), e.today)
			if err != nil {
				return err
			}
			switch {
			case export != "":
				return e.exportCards(s, w, out)
			case asJSON:
				return printWeekJSON(e.stdout, w)
			case drafts:
				printDrafts(e.stdout, w)
				return nil
			}
			switch order {
			case model.ByKind:
				printWeek(e.stdout, w)
			case model.ByDay:
				printWeekByDay(e.stdout, w)
			default:
				printWeekByPerson(e.stdout, w)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the queue as JSON (items, and people: one a customer with their contact and draft)")
	cmd.Flags().StringVar(&by, "by", "person", "order: person (one row a customer, what matters most first), kind or day")
	cmd.Flags().BoolVar(&drafts, "drafts", false, "print each person's draft message")
	cmd.Flags().StringVar(&export, "export", "", "csv: one row a person for a mail merge (name, postal address, channel, draft)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "with --export, write to FILE, created readable only by you (default: standard output)")
	cmd.RegisterFlagCompletionFunc("by", cobra.FixedCompletions([]string{"person", "kind", "day"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("export", cobra.FixedCompletions([]string{"csv"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (e *env) doneCmd() *cobra.Command {
	var via, note string
	cmd := &cobra.Command{
		Use:               "done ITEM-ID",
		Short:             "mark a week item done: logs the outreach and closes what it was about",
		ValidArgsFunction: e.completeItems(model.Open),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("done", "say which item, by the id 'regulars week' shows")
			}
			kind, _, err := model.ParseItemID(args[0])
			if err != nil {
				return err
			}
			ch := model.DefaultChannel(kind)
			if via != "" {
				if ch, err = model.ParseChannel(via); err != nil {
					return model.Errorf(model.EINVALID, "--via: %s", model.ErrorMessage(err))
				}
			}
			return withWeekItem(e, func(ctx context.Context, s *store.Store) (string, error) {
				it, err := s.DoneItem(ctx, args[0], ch, note)
				if err != nil {
					return "", err
				}
				return fmt.Sprintf("Done by %s: %s, %s.", ch, it.Customer, it.Reason), nil
			})
		},
	}
	cmd.Flags().StringVar(&via, "via", "", "card, call, email, message or in-person (default: the usual for the kind)")
	cmd.Flags().StringVar(&note, "note", "", "a note on how it went")
	cmd.RegisterFlagCompletionFunc("via", completeChannels)
	cmd.RegisterFlagCompletionFunc("note", cobra.NoFileCompletions)
	return cmd
}

func (e *env) snoozeCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "snooze ITEM-ID",
		Short:             "hide a week item until next week",
		ValidArgsFunction: e.completeItems(model.Open),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("snooze", "say which item, by the id 'regulars week' shows")
			}
			return withWeekItem(e, func(ctx context.Context, s *store.Store) (string, error) {
				it, err := s.SnoozeItem(ctx, args[0])
				if err != nil {
					return "", err
				}
				return fmt.Sprintf("Snoozed until next week: %s, %s.", it.Customer, it.Reason), nil
			})
		},
	}
}

func (e *env) undoCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "undo ITEM-ID",
		Short:             "take back done or snooze on a week item",
		ValidArgsFunction: e.completeItems(model.Done, model.Snoozed),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("undo", "say which item, by the id 'regulars week' shows")
			}
			return withWeekItem(e, func(ctx context.Context, s *store.Store) (string, error) {
				it, err := s.UndoItem(ctx, args[0])
				if err != nil {
					return "", err
				}
				return fmt.Sprintf("Open again (was %s): %s, %s.", it.State, it.Customer, it.Reason), nil
			})
		},
	}
}

// withWeekItem opens the notebook, acts on an item, and prints what was
// done and the week's header.
func withWeekItem(e *env, fn func(ctx context.Context, s *store.Store) (string, error)) error {
	s, err := e.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	msg, err := fn(ctx, s)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, model.Sanitize(msg))
	if w, err := s.Week(ctx, e.today); err == nil {
		fmt.Fprintln(e.stdout, w.Header())
	}
	return nil
}

// printWeek prints the queue grouped by kind, open items first in each
// group; snoozed items are counted but not shown.
func printWeek(out io.Writer, w *model.Week) {
	fmt.Fprintf(out, "Week of %s – %s · %s\n", w.Start.Short(), w.End.Short(), w.Header())
	items := w.Visible()
	if len(items) == 0 {
		if w.Snoozed > 0 {
			fmt.Fprintln(out, "\nNothing left to do this week: the rest is snoozed until Monday. Well done.")
		} else {
			fmt.Fprintln(out, "\nNothing on the queue this week: everyone is looked after. Enjoy the quiet.")
		}
		return
	}
	var kind model.Kind
	more := func() {
		if s := w.MoreOf(kind); s != "" {
			fmt.Fprintf(out, "  … and %s this week\n", s)
		}
	}
	listed := map[model.Kind]bool{}
	for _, it := range items {
		if it.Kind != kind {
			if kind != "" {
				more()
			}
			kind = it.Kind
			listed[kind] = true
			fmt.Fprintf(out, "\n%s\n", kind.Title())
		}
		mark := "[ ]"
		if it.State == model.Done {
			mark = "[x]"
		}
		private := ""
		if it.Private {
			private = " [private]"
		}
		fmt.Fprintf(out, "  %s %s: %s%s  (%s)\n", mark, model.Sanitize(it.Customer), model.Sanitize(it.Reason), private, it.ID)
	}
	more()
	for _, k := range model.Kinds {
		if s := w.MoreOf(k); s != "" && !listed[k] {
			fmt.Fprintf(out, "\n%s\n  … %s this week\n", k.Title(), s)
		}
	}
	if w.Open > 0 {
		fmt.Fprintln(out, "\nregulars done ID [--via card|call|email|message|in-person] when done; regulars snooze ID to put off.")
	}
}

// printWeekByPerson prints the queue one row per person, what matters most
// first: every reason, how to reach them and the items' ids.
func printWeekByPerson(out io.Writer, w *model.Week) {
	fmt.Fprintf(out, "Week of %s – %s · %s\n", w.Start.Short(), w.End.Short(), w.Header())
	if printEmpty(out, w) {
		return
	}
	for _, p := range w.People() {
		mark := "[ ]"
		if p.Open == 0 {
			mark = "[x]"
		}
		fmt.Fprintf(out, "\n%s %s — %s\n", mark, model.Sanitize(p.Customer), model.Sanitize(p.Reasons()))
		fmt.Fprintf(out, "    %s\n", model.Sanitize(strings.Join(p.Contact.Lines(), " · ")))
		var ids []string
		for _, it := range p.Items {
			ids = append(ids, it.ID)
		}
		fmt.Fprintf(out, "    (%s)\n", strings.Join(ids, " "))
	}
	printMore(out, w)
	if w.Open > 0 {
		fmt.Fprintln(out, "\nregulars done ID [--via card|call|email|message|in-person] when done; regulars week --drafts for the messages.")
	}
}

// printWeekByDay prints the queue by due day, overdue first.
func printWeekByDay(out io.Writer, w *model.Week) {
	fmt.Fprintf(out, "Week of %s – %s · %s\n", w.Start.Short(), w.End.Short(), w.Header())
	if printEmpty(out, w) {
		return
	}
	items := w.Visible()
	model.SortByDue(items)
	cur := ""
	for _, it := range items {
		g := it.Due.Short()
		switch {
		case it.Due.Before(w.Today):
			g = "Overdue"
		case it.Due == w.Today:
			g = "Today, " + g
		}
		if g != cur {
			cur = g
			fmt.Fprintf(out, "\n%s\n", g)
		}
		mark := "[ ]"
		if it.State == model.Done {
			mark = "[x]"
		}
		fmt.Fprintf(out, "  %s %s: %s: %s  (%s)\n", mark, model.Sanitize(it.Customer), it.Kind, model.Sanitize(it.Reason), it.ID)
	}
	printMore(out, w)
}

// printEmpty says so when nothing is shown, and reports whether it did.
func printEmpty(out io.Writer, w *model.Week) bool {
	if len(w.Visible()) > 0 {
		return false
	}
	if w.Snoozed > 0 {
		fmt.Fprintln(out, "\nNothing left to do this week: the rest is snoozed until Monday. Well done.")
	} else {
		fmt.Fprintln(out, "\nNothing on the queue this week: everyone is looked after. Enjoy the quiet.")
	}
	return true
}

// printMore lists the kinds cut at the per-kind limit.
func printMore(out io.Writer, w *model.Week) {
	var rest []string
	for _, k := range model.Kinds {
		if s := w.MoreOf(k); s != "" {
			rest = append(rest, s)
		}
	}
	if len(rest) > 0 {
		fmt.Fprintf(out, "\n… and %s this week\n", strings.Join(rest, ", "))
	}
}

// printDrafts prints each person's draft, for the people with something
// left to do.
func printDrafts(out io.Writer, w *model.Week) {
	n := 0
	for _, p := range w.People() {
		if p.Draft == "" {
			continue
		}
		n++
		fmt.Fprintf(out, "%s — %s\n%s\n\n", model.Sanitize(p.Customer), model.Sanitize(strings.Join(p.Contact.Lines(), " · ")),
			model.Sanitize(p.Draft))
	}
	if n == 0 {
		fmt.Fprintln(out, "No drafts: nothing left to do this week.")
	}
}

type weekJSON struct {
	Start   string `json:"start"`
	End     string `json:"end"`
	Today   string `json:"today"`
	Open    int    `json:"open"`
	Done    int    `json:"done"`
	Snoozed int    `json:"snoozed"`
	Streak  int    `json:"streak"`
	// More counts, by kind, the open items past the per-kind cut.
	More   map[string]int   `json:"more"`
	Items  []weekItemJSON   `json:"items"`
	People []weekPersonJSON `json:"people"`
	// WonBack counts the unhappy customers who came back after a reply
	// this year.
	WonBack int `json:"won_back"`
}

type weekPersonJSON struct {
	CustomerID int64       `json:"customer_id"`
	Customer   string      `json:"customer"`
	Items      []string    `json:"items"`
	Contact    contactJSON `json:"contact"`
	Draft      string      `json:"draft"`
}

type contactJSON struct {
	Phone   string `json:"phone"`
	Email   string `json:"email"`
	Address string `json:"address"`
}

type weekItemJSON struct {
	ID         string `json:"id"`
	Kind       string `json:"kind"`
	CustomerID int64  `json:"customer_id"`
	Customer   string `json:"customer"`
	Reason     string `json:"reason"`
	Due        string `json:"due"`
	State      string `json:"state"`
}

func printWeekJSON(out io.Writer, w *model.Week) error {
	j := weekJSON{Start: w.Start.String(), End: w.End.String(), Today: w.Today.String(),
		Open: w.Open, Done: w.Done, Snoozed: w.Snoozed, Streak: w.Streak, More: map[string]int{}, Items: []weekItemJSON{},
		People: []weekPersonJSON{}, WonBack: w.WonBack}
	for _, p := range w.People() {
		pj := weekPersonJSON{CustomerID: p.CustomerID, Customer: p.Customer, Items: []string{},
			Contact: contactJSON(p.Contact), Draft: p.Draft}
		for _, it := range p.Items {
			pj.Items = append(pj.Items, it.ID)
		}
		j.People = append(j.People, pj)
	}
	for k, n := range w.More {
		j.More[string(k)] = n
	}
	for _, it := range w.Items {
		j.Items = append(j.Items, weekItemJSON{ID: it.ID, Kind: string(it.Kind), CustomerID: it.CustomerID,
			Customer: it.Customer, Reason: it.Reason, Due: it.Due.String(), State: string(it.State)})
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}
