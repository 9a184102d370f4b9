package cli

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"regulars/model"
)

// Editing a record by its id: `regulars edit visit:40 --amount 14.20`. The
// edit command takes a record id or a customer; a first word that reads as
// KIND:N is a record. Each kind takes the flags (and the words) of the
// command that made it; only what is given changes.

// recordFlags are the flags edit takes for records.
type recordFlags struct {
	fs                           *pflag.FlagSet
	askOn, amount, on, what, due string
	via, note                    string
	private                      bool
}

// recordFlagKinds says which kinds of record each record flag is for.
var recordFlagKinds = map[string][]model.RecordKind{
	"ask-on":  {model.RecordNote},
	"private": {model.RecordNote},
	"amount":  {model.RecordVisit},
	"what":    {model.RecordVisit},
	"on":      {model.RecordVisit, model.RecordFeedback, model.RecordOutreach},
	"due":     {model.RecordThankYou},
	"via":     {model.RecordOutreach},
	"note":    {model.RecordOutreach},
}

// recordKindNames are the kinds as the messages say them.
var recordKindNames = map[model.RecordKind]string{
	model.RecordNote: "a note", model.RecordVisit: "a visit", model.RecordThankYou: "a thank-you",
	model.RecordFeedback: "feedback", model.RecordOutreach: "an outreach entry",
}

func (f *recordFlags) define(fs *pflag.FlagSet) {
	f.fs = fs
	fs.StringVar(&f.askOn, "ask-on", "", "a note: ask about it from this date (empty: not a follow-up)")
	fs.BoolVar(&f.private, "private", false, "a note: hide it in screen-safe mode (--private=false shows it)")
	fs.StringVar(&f.amount, "amount", "", "a visit: what was spent, like 12.50")
	fs.StringVar(&f.on, "on", "", "a visit, feedback or outreach entry: its day")
	fs.StringVar(&f.what, "what", "", "a visit: what they bought")
	fs.StringVar(&f.due, "due", "", "a thank-you: when to send it")
	fs.StringVar(&f.via, "via", "", "an outreach entry: card, call, email, message or in-person")
	fs.StringVar(&f.note, "note", "", "an outreach entry: the note")
}

// given lists the record flags set on the command line.
func (f *recordFlags) given() []string {
	var out []string
	for name := range recordFlagKinds {
		if f.fs.Changed(name) {
			out = append(out, name)
		}
	}
	return out
}

// checkRecordFlags refuses the flags that are not for a record of kind:
// customer flags, and record flags of other kinds.
func checkRecordFlags(fs *pflag.FlagSet, kind model.RecordKind) error {
	var err error
	fs.Visit(func(fl *pflag.Flag) {
		if err != nil || fl.Name == "db" || fl.Name == "today" {
			return
		}
		kinds, ok := recordFlagKinds[fl.Name]
		for _, k := range kinds {
			if k == kind {
				return
			}
		}
		var takes []string
		for name, ks := range recordFlagKinds {
			for _, k := range ks {
				if k == kind {
					takes = append(takes, "--"+name)
				}
			}
		}
		sort.Strings(takes)
		if !ok {
			err = usagef("edit", "--%s is not for %s (its flags: %s); it is for a customer", fl.Name, recordKindNames[kind], strings.Join(takes, ", "))
			return
		}
		err = usagef("edit", "--%s is not for %s (its flags: %s)", fl.Name, recordKindNames[kind], strings.Join(takes, ", "))
	})
	return err
}

// checkCustomerFlags refuses record flags on a customer's edit.
func (f *recordFlags) checkCustomerFlags() error {
	for _, name := range f.given() {
		var kinds []string
		for _, k := range recordFlagKinds[name] {
			kinds = append(kinds, recordKindNames[k])
		}
		return usagef("edit", "--%s is for %s (edit KIND:N, ids from 'regulars show WHO --ids'), not for a customer", name, strings.Join(kinds, ", "))
	}
	return nil
}

// change is one field an edit changed, for the edit's report.
type change struct{ field, was, now string }

func changed(out []change, field, was, now string) []change {
	if was == now {
		return out
	}
	return append(out, change{field, was, now})
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func dayOrNone(d, today model.Date) string {
	if d.IsZero() {
		return "(none)"
	}
	return d.ShortIn(today)
}

// editRecord edits the record id names with the words after it and the
// flags given.
func (e *env) editRecord(cmd *cobra.Command, f *recordFlags, id model.RecordID, words []string) error {
	if err := checkRecordFlags(cmd.Flags(), id.Kind); err != nil {
		return err
	}
	set := f.fs.Changed
	switch id.Kind {
	case model.RecordVisit:
		if len(words) > 1 {
			return usagef("edit", "unexpected word %q after the amount; --what and --on say what and when", words[1])
		}
	case model.RecordOutreach:
		if len(words) > 0 {
			return usagef("edit", "unexpected word %q: an outreach entry takes --via, --note and --on", words[0])
		}
	}
	s, err := e.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	r, err := s.Record(ctx, id)
	if err != nil {
		return err
	}
	today := e.today
	var ch []change
	switch {
	case r.Note != nil:
		n := *r.Note
		if len(words) > 0 {
			n.Text = strings.Join(words, " ")
		}
		if set("ask-on") {
			n.AskOn = model.Date{}
			if strings.TrimSpace(f.askOn) != "" {
				if n.AskOn, err = e.dateAheadFlag("ask-on", f.askOn); err != nil {
					return err
				}
			}
		}
		if set("private") {
			n.Private = f.private
		}
		ch = changed(ch, "text", model.Clip(r.Note.Text, 60), model.Clip(n.Text, 60))
		ch = changed(ch, "ask on", dayOrNone(r.Note.AskOn, today), dayOrNone(n.AskOn, today))
		ch = changed(ch, "private", yesNo(r.Note.Private), yesNo(n.Private))
		if len(ch) > 0 {
			err = s.UpdateNote(ctx, &n)
		}
	case r.Visit != nil:
		v := *r.Visit
		amount, hasAmount := f.amount, set("amount")
		if len(words) == 1 {
			amount, hasAmount = words[0], true
		}
		if hasAmount {
			v.Cents = 0
			if strings.TrimSpace(amount) != "" {
				if v.Cents, err = model.ParseAmount(amount); err != nil {
					return err
				}
			}
		}
		if set("on") {
			if v.On, err = e.dateFlag("on", f.on); err != nil {
				return err
			}
			if v.On.After(today) {
				return model.Errorf(model.EINVALID, "--on: %s is in the future", v.On)
			}
		}
		if set("what") {
			v.What = strings.TrimSpace(f.what)
		}
		ch = changed(ch, "amount", model.FormatCents(r.Visit.Cents), model.FormatCents(v.Cents))
		ch = changed(ch, "day", dayOrNone(r.Visit.On, today), dayOrNone(v.On, today))
		ch = changed(ch, "what", orNone(r.Visit.What), orNone(v.What))
		if len(ch) > 0 {
			err = s.UpdateVisit(ctx, &v)
		}
	case r.ThankYou != nil:
		t := *r.ThankYou
		if len(words) > 0 {
			t.Reason = strings.Join(words, " ")
		}
		if set("due") {
			if t.Due, err = e.dateAheadFlag("due", f.due); err != nil {
				return err
			}
		}
		ch = changed(ch, "reason", r.ThankYou.Reason, t.Reason)
		ch = changed(ch, "due", dayOrNone(r.ThankYou.Due, today), dayOrNone(t.Due, today))
		if len(ch) > 0 {
			err = s.UpdateThankYou(ctx, &t)
		}
	case r.Feedback != nil:
		fb := *r.Feedback
		if len(words) > 0 {
			if fb.Rating, err = model.ParseRating(words[0]); err != nil {
				return err
			}
			if len(words) > 1 {
				fb.Comment = strings.Join(words[1:], " ")
			}
		}
		if set("on") {
			if fb.On, err = e.dateFlag("on", f.on); err != nil {
				return err
			}
		}
		ch = changed(ch, "rating", fmt.Sprintf("%d/5", r.Feedback.Rating), fmt.Sprintf("%d/5", fb.Rating))
		ch = changed(ch, "comment", orNone(model.Clip(r.Feedback.Comment, 60)), orNone(model.Clip(fb.Comment, 60)))
		ch = changed(ch, "day", dayOrNone(r.Feedback.On, today), dayOrNone(fb.On, today))
		if len(ch) > 0 {
			err = s.UpdateFeedback(ctx, &fb)
		}
	case r.Outreach != nil:
		o := *r.Outreach
		if set("via") {
			if o.Channel, err = model.ParseChannel(f.via); err != nil {
				return model.Errorf(model.EINVALID, "--via: %s", model.ErrorMessage(err))
			}
		}
		if set("note") {
			o.Note = strings.TrimSpace(f.note)
		}
		if set("on") {
			if o.On, err = e.dateFlag("on", f.on); err != nil {
				return err
			}
		}
		ch = changed(ch, "via", string(r.Outreach.Channel), string(o.Channel))
		ch = changed(ch, "note", orNone(model.Clip(r.Outreach.Note, 60)), orNone(model.Clip(o.Note, 60)))
		ch = changed(ch, "day", dayOrNone(r.Outreach.On, today), dayOrNone(o.On, today))
		if len(ch) > 0 {
			err = s.UpdateOutreach(ctx, &o)
		}
	}
	if err != nil {
		return err
	}
	who := ""
	if c, err := s.Customer(ctx, r.CustomerID()); err == nil {
		who = " (" + model.Sanitize(c.Name) + ")"
	}
	if len(ch) == 0 {
		fmt.Fprintf(e.stdout, "Nothing changed in %s%s.\n", id, who)
		return nil
	}
	fmt.Fprintf(e.stdout, "Changed %s%s:\n", id, who)
	for _, c := range ch {
		fmt.Fprintf(e.stdout, "  %-9s %s → %s\n", c.field+":", model.Sanitize(c.was), model.Sanitize(c.now))
	}
	return nil
}

// recordEditor builds the record part of the edit command: its flags, and
// a function that edits a record when the first word is a record id.
func (e *env) recordEditor(cmd *cobra.Command) func(args []string) (bool, error) {
	f := &recordFlags{}
	f.define(cmd.Flags())
	return func(args []string) (bool, error) {
		if len(args) > 0 {
			if id, err := model.ParseRecordID(args[0]); err == nil {
				return true, e.editRecord(cmd, f, id, args[1:])
			}
		}
		return false, f.checkCustomerFlags()
	}
}

// describeRecord says which record it is, for delete and undelete:
// "Mon 23 Nov, 12.50", "note of Sat 21 Nov: Off to Germany".
func describeRecord(r model.Record, today model.Date) string {
	switch {
	case r.Note != nil:
		return model.DateOf(r.Note.Created.Local()).ShortIn(today) + ", " + model.Clip(r.Note.Text, 40)
	case r.Visit != nil:
		return describeVisit(*r.Visit, today)
	case r.ThankYou != nil:
		return model.Clip(r.ThankYou.Reason, 40) + ", due " + r.ThankYou.Due.ShortIn(today)
	case r.Feedback != nil:
		return fmt.Sprintf("%d/5 on %s", r.Feedback.Rating, r.Feedback.On.ShortIn(today))
	case r.Outreach != nil:
		return string(r.Outreach.Channel) + " on " + r.Outreach.On.ShortIn(today)
	}
	return ""
}
