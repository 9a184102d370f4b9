package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"regulars/model"
	"regulars/store"
)

func (e *env) showCmd() *cobra.Command {
	var ids bool
	cmd := &cobra.Command{
		Use:               "show WHO",
		Short:             "print a customer's talking points: what you owe them first, then family, usual order, last visit, notes",
		Long:              "Print a customer's card: first what you owe them (a thank-you to send, unhappy feedback to answer, a follow-up to ask about, a birthday or anniversary coming up), then family, interests, the usual order, the last visit, the latest notes and how to reach them. With --ids, every record is listed with its id, for edit and delete, and the deleted ones for undelete.",
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
				printCard(e.stdout, card, e.today, ids)
				if !ids {
					return nil
				}
				removed, err := s.RemovedRecords(ctx, c.ID)
				if err != nil || len(removed) == 0 {
					return err
				}
				fmt.Fprintln(e.stdout, "\nDeleted:")
				for _, r := range removed {
					fmt.Fprintf(e.stdout, "  %-13s deleted %s; regulars undelete %s\n", r.ID, model.DateOf(r.RemovedAt.Local()).ShortIn(e.today), r.ID)
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&ids, "ids", false, "list every note, visit, thank-you, feedback and outreach entry with its record id")
	return cmd
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

// printCard writes the card as plain text, with every piece of notebook
// text sanitized. The talking points come from model.TalkingPoints, the
// list the terminal card draws too; with ids, each point from a record
// carries its id, and every record is listed after the card.
func printCard(w io.Writer, card *store.Card, today model.Date, ids bool) {
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
	points := model.TalkingPoints(card.TalkingInput(), today)
	owed := false
	var notes []model.TalkingPoint
	for _, p := range points {
		if p.Owed {
			owed = true
		} else if owed {
			fmt.Fprintln(w) // what is owed stands apart
			owed = false
		}
		text := p.Text
		if ids && !p.Record.IsZero() {
			text += "  [" + p.Record.String() + "]"
		}
		switch p.Kind {
		case model.PointNote, model.PointMoreNotes:
			notes = append(notes, p)
		case model.PointReferredBy:
			fmt.Fprintf(w, "  Referred by %s\n", model.Sanitize(text))
		case model.PointSentUs:
			fmt.Fprintf(w, "  Sent us %s\n", model.Sanitize(text))
		default:
			line(p.Label, text)
		}
	}
	if len(notes) > 0 {
		// The date column, wide enough for a signed one ("Maya, Sun 29 Nov").
		labelW := 15
		for _, n := range notes {
			labelW = max(labelW, utf8.RuneCountInString(model.Sanitize(n.Label)))
		}
		fmt.Fprintln(w, "\nLatest notes:")
		for _, n := range notes {
			if n.Kind == model.PointMoreNotes {
				fmt.Fprintf(w, "  … %s\n", n.Text)
				continue
			}
			text := strings.ReplaceAll(model.SanitizeMultiline(n.Text), "\n", "\n"+strings.Repeat(" ", labelW+3))
			if n.Private {
				text += " [private]"
			}
			if ids {
				text += "  [" + n.Record.String() + "]"
			}
			fmt.Fprintf(w, "  %-*s %s\n", labelW, model.Sanitize(n.Label), text)
		}
	}
	printContact(w, c, line)
	if ids {
		printRecords(w, card, today)
	}
}

// printContact writes how to reach the customer, and their tags.
func printContact(w io.Writer, c model.Customer, line func(label, value string)) {
	if len(c.Phones) == 0 && len(c.Emails) == 0 && c.Address.IsZero() && len(c.Tags) == 0 {
		return
	}
	fmt.Fprintln(w, "\nContact:")
	for _, k := range []struct {
		label string
		list  []model.Contact
	}{{"Phone", c.Phones}, {"E-mail", c.Emails}} {
		for _, x := range preferredFirst(k.list) {
			v := x.Value
			if x.Label != "" && x.Label != model.Other {
				v += " (" + string(x.Label) + ")"
			}
			line(k.label, v)
		}
	}
	line("Address", c.Address.String())
	if len(c.Tags) > 0 {
		line("Tags", strings.Join(c.Tags, ", "))
	}
}

// preferredFirst puts the preferred phone or e-mail first, the others in
// their order.
func preferredFirst(list []model.Contact) []model.Contact {
	var out []model.Contact
	for _, x := range list {
		if x.Preferred {
			out = append(out, x)
		}
	}
	for _, x := range list {
		if !x.Preferred {
			out = append(out, x)
		}
	}
	return out
}

// printRecords lists every record on the card with its id, newest first
// within each kind: what edit, delete and undelete take.
func printRecords(w io.Writer, card *store.Card, today model.Date) {
	var rows [][2]string
	add := func(id model.RecordID, s string) {
		rows = append(rows, [2]string{id.String(), s})
	}
	for _, n := range card.Notes {
		s := model.Signed(n.Author, model.DateOf(n.Created.Local()).ShortIn(today)) + "  " + model.Clip(n.Text, 60)
		if !n.AskOn.IsZero() && !n.Asked {
			s += " (ask on " + n.AskOn.ShortIn(today) + ")"
		}
		if n.Private {
			s += " [private]"
		}
		add(n.RecordID(), s)
	}
	for _, v := range card.Visits {
		s := model.Signed(v.Author, v.On.ShortIn(today)) + "  " + model.FormatCents(v.Cents)
		if v.What != "" {
			s += ", " + model.Clip(v.What, 60)
		}
		add(v.RecordID(), s)
	}
	for _, t := range card.ThankYous {
		s := model.Signed(t.Author, "due "+t.Due.ShortIn(today)) + "  " + model.Clip(t.Reason, 60)
		if t.Sent {
			s += " [sent]"
		}
		add(t.RecordID(), s)
	}
	for _, f := range card.Feedback {
		s := fmt.Sprintf("%s  %d/5 %s", model.Signed(f.Author, f.On.ShortIn(today)), f.Rating, model.Clip(f.Comment, 60))
		if f.Replied {
			s += " [replied]"
		}
		add(f.RecordID(), strings.TrimSpace(s))
	}
	for _, o := range card.Outreach {
		s := model.Signed(o.Author, o.On.ShortIn(today)) + "  " + string(o.Channel)
		if o.Note != "" {
			s += ": " + model.Clip(o.Note, 60)
		}
		add(o.RecordID(), s)
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintln(w, "\nRecords:")
	for _, r := range rows {
		fmt.Fprintf(w, "  %-13s %s\n", r[0], model.Sanitize(r[1]))
	}
}

// describeVisit is a visit's day and amount: "Mon 23 Nov, 12.50".
func describeVisit(v model.Visit, today model.Date) string {
	s := v.On.ShortIn(today)
	if v.Cents > 0 {
		s += ", " + model.FormatCents(v.Cents)
	}
	return s
}
