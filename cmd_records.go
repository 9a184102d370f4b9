package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"regulars/model"
	"regulars/store"
)

func init() {
	var askOn string
	var private bool
	register(&command{
		name:    "note",
		args:    "WHO TEXT [--ask-on D] [--private]",
		summary: "write a note about a customer; with --ask-on it is a follow-up due that day",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&askOn, "ask-on", "", "make it a follow-up to ask about from this date")
			fs.BoolVar(&private, "private", false, "hide the note in screen-safe mode")
		},
		run: func(e *env, fs *flag.FlagSet, args []string) error {
			if len(args) < 2 {
				return usagef("note", "say who and the note's text")
			}
			n := &model.Note{Text: strings.Join(args[1:], " "), Private: private}
			if askOn != "" {
				d, err := e.dateFlag("ask-on", askOn)
				if err != nil {
					return err
				}
				n.AskOn = d
			}
			if err := n.Validate(); err != nil {
				return err
			}
			return withCustomer(e, args[0], func(ctx context.Context, s *store.Store, c *model.Customer) error {
				n.CustomerID = c.ID
				if err := s.AddNote(ctx, n); err != nil {
					return err
				}
				msg := fmt.Sprintf("Noted for %s", model.Sanitize(c.Name))
				if !n.AskOn.IsZero() {
					msg += fmt.Sprintf("; ask about it from %s", n.AskOn.Short())
				}
				fmt.Fprintln(e.stdout, msg+".")
				return nil
			})
		},
	})

	var visitOn, what string
	register(&command{
		name:    "visit",
		args:    "WHO [AMOUNT] [--on D] [--what T]",
		summary: "log a visit, with what they spent (like 12.50)",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&visitOn, "on", "today", "the day of the visit")
			fs.StringVar(&what, "what", "", "what they bought")
		},
		run: func(e *env, fs *flag.FlagSet, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return usagef("visit", "say who, and optionally the amount")
			}
			v := &model.Visit{What: what}
			if len(args) == 2 {
				cents, err := model.ParseAmount(args[1])
				if err != nil {
					return err
				}
				v.Cents = cents
			}
			d, err := e.dateFlag("on", visitOn)
			if err != nil {
				return err
			}
			if d.After(e.today) {
				return model.Errorf(model.EINVALID, "--on: %s is in the future", d)
			}
			v.On = d
			if err := v.Validate(); err != nil {
				return err
			}
			return withCustomer(e, args[0], func(ctx context.Context, s *store.Store, c *model.Customer) error {
				v.CustomerID = c.ID
				if err := s.AddVisit(ctx, v); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "Visit logged for %s on %s (%s).\n", model.Sanitize(c.Name), v.On.Short(), model.FormatCents(v.Cents))
				return nil
			})
		},
	})

	var due string
	register(&command{
		name:    "thanks",
		args:    "WHO REASON [--due D]",
		summary: "plan a thank-you (due a week from today unless --due)",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&due, "due", "", "when to send it (default: a week from today)")
		},
		run: func(e *env, fs *flag.FlagSet, args []string) error {
			if len(args) < 2 {
				return usagef("thanks", "say who and what the thank-you is for")
			}
			t := &model.ThankYou{Reason: strings.Join(args[1:], " "), Due: e.today.AddDays(7)}
			if due != "" {
				d, err := e.dateFlag("due", due)
				if err != nil {
					return err
				}
				t.Due = d
			}
			if err := t.Validate(); err != nil {
				return err
			}
			return withCustomer(e, args[0], func(ctx context.Context, s *store.Store, c *model.Customer) error {
				t.CustomerID = c.ID
				if err := s.AddThankYou(ctx, t); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "Thank-you for %s due %s.\n", model.Sanitize(c.Name), t.Due.Short())
				return nil
			})
		},
	})

	var feedbackOn string
	register(&command{
		name:    "feedback",
		args:    "WHO RATING [COMMENT] [--on D]",
		summary: "record feedback rated 1 to 5; 3 or lower waits for a personal reply",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&feedbackOn, "on", "today", "the day of the feedback")
		},
		run: func(e *env, fs *flag.FlagSet, args []string) error {
			if len(args) < 2 {
				return usagef("feedback", "say who and the rating (1 to 5)")
			}
			rating, err := model.ParseRating(args[1])
			if err != nil {
				return err
			}
			d, err := e.dateFlag("on", feedbackOn)
			if err != nil {
				return err
			}
			f := &model.Feedback{Rating: rating, On: d, Comment: strings.Join(args[2:], " ")}
			if err := f.Validate(); err != nil {
				return err
			}
			return withCustomer(e, args[0], func(ctx context.Context, s *store.Store, c *model.Customer) error {
				f.CustomerID = c.ID
				if err := s.AddFeedback(ctx, f); err != nil {
					return err
				}
				msg := fmt.Sprintf("Feedback from %s: %d of 5", model.Sanitize(c.Name), f.Rating)
				if f.Rating <= model.UnhappyRating {
					msg += "; it waits for your reply in this week's outreach"
				}
				fmt.Fprintln(e.stdout, msg+".")
				return nil
			})
		},
	})
}

// dateFlag reads the date given to a flag, relative to today; a bad one is
// refused with the flag's name.
func (e *env) dateFlag(name, value string) (model.Date, error) {
	d, err := model.ParseDate(value, e.today)
	if err != nil {
		return model.Date{}, model.Errorf(model.EINVALID, "--%s: %s", name, model.ErrorMessage(err))
	}
	return d, nil
}
